#!/usr/bin/env bash
# Installing as on a host: `dpkg -i` inside a booted systemd (issue 17, install), where our postinst hands the
# application class-data sharing dump to a transient unit and returns. Per package and round, a fresh overlayfs
# copy of the integration tests' systemd root (~/.cache/jpackage-deb-it/bookworm-minbase-systemd-openjdk17-r1.root:
# minbase + systemd + openjdk-17-jre-headless; built by `./mvnw -pl it verify`) boots with
# `systemd-nspawn --boot` inside a private mount namespace; a oneshot unit, after multi-user.target, times
#   - dpkg:  `dpkg -i --force-depends PKG.deb` (what the deploy waits for),
#   - ready: from the same start until the dump unit `<pkg>-app-cds.service` is no longer running (the archive is
#            there); the same as dpkg for packages without one,
# then powers off. The packages alternate per round.
#   bench/install-boot.sh                      # after setup/build (work/<app>/debs/*.deb), ROUNDS rounds
#   APPS=hello-cli ROUNDS=5 bench/install-boot.sh
# Results: results/raw/install-boot-<app>.tsv (round label dpkg ready archive rc), summarized by lib/summarize.py.
source "$(dirname "$0")/lib/env.sh"
[ "$(id -u)" = 0 ] || { echo "install-boot.sh needs root (unshare, mount, systemd-nspawn)" >&2; exit 1; }
command -v systemd-nspawn > /dev/null || { echo "missing: systemd-nspawn (apt-get install systemd-container)" >&2; exit 1; }
IT_CACHE=${JPACKAGE_DEB_IT_CACHE:-$HOME/.cache/jpackage-deb-it}
BASE="$IT_CACHE/bookworm-minbase-systemd-openjdk17-r1.root"
[ -d "$BASE" ] || { echo "no cached systemd root at $BASE: run the integration tests once (./mvnw -pl it verify)" >&2; exit 1; }
BOOT_DEBS=${BOOT_DEBS:-ours ours-jaronly jpackage}

# boot_install DEB PKG: one booted install of DEB (package PKG); prints "dpkg ready archive rc"
boot_install() {
  local deb=$1 pkg=$2 d unit
  unit="$(printf '%s' "$pkg" | sed 's/[^A-Za-z0-9:_.-]/_/g')-app-cds.service"
  d=$(mktemp -d "$BENCH/$WORK/boot.XXXXXX")
  mkdir "$d/upper" "$d/work" "$d/merged"
  cat > "$d/bench-install.sh" <<SCRIPT
#!/bin/bash
exec > /root/bench.log 2>&1
t0=\$(date +%s.%N)
rc=0
dpkg -i --force-depends /root/pkg.deb || rc=\$?
t1=\$(date +%s.%N)
for _ in \$(seq 1 3000); do
    case \$(systemctl show -p ActiveState --value $unit) in
        active|activating|deactivating) sleep 0.05 ;;
        *) break ;;
    esac
done
t2=\$(date +%s.%N)
archive=no
[ -f /var/cache/$pkg/app.jsa ] && archive=yes
awk -v a="\$t0" -v b="\$t1" -v c="\$t2" -v ar="\$archive" -v rc="\$rc" \
    'BEGIN { printf "%.3f %.3f %s %s\n", b - a, c - a, ar, rc }' > /root/bench.result
SCRIPT
  printf '%s\n' '[Unit]' 'Description=jpackage-deb bench install' 'After=multi-user.target' '' \
    '[Service]' 'Type=oneshot' 'ExecStart=/usr/local/sbin/bench-install.sh' \
    'ExecStopPost=/bin/systemctl --no-block poweroff' '' '[Install]' 'WantedBy=multi-user.target' > "$d/bench.service"
  unshare --mount --propagation private env BASE="$BASE" D="$d" M="$d/merged" DEB="$deb" bash -c '
    set -e
    mount -t overlay overlay -o "lowerdir=$BASE,upperdir=$D/upper,workdir=$D/work" "$M"
    install -m 0644 "$DEB" "$M/root/pkg.deb"
    install -m 0755 "$D/bench-install.sh" "$M/usr/local/sbin/bench-install.sh"
    install -m 0644 "$D/bench.service" "$M/etc/systemd/system/bench.service"
    ln -sf /etc/systemd/system/bench.service "$M/etc/systemd/system/multi-user.target.wants/bench.service"
    mkdir -p /run/systemd/nspawn
    mount -t tmpfs tmpfs /run/systemd/nspawn
    timeout 600 systemd-nspawn -q -D "$M" --register=no --keep-unit --boot > "$D/nspawn.log" 2>&1 || true
    cat "$M/root/bench.result" 2>/dev/null || echo "- - - 1"
  '
  rm -rf "$d"
}

for app in $APPS; do
  w="$BENCH/$WORK/$app"; [ -d "$w/debs" ] || continue
  pkg=$(cat "$w/package")
  out="$RAW/install-boot-$app.tsv"
  printf 'round\tlabel\tdpkg\tready\tarchive\trc\n' > "$out"
  log "== install under systemd $app"
  for ((r = 1; r <= ROUNDS; r++)); do
    for deb in $BOOT_DEBS; do
      [ -f "$w/debs/$deb.deb" ] || continue
      read -r dpkg ready archive rc <<< "$(boot_install "$w/debs/$deb.deb" "$pkg")"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$deb" "$dpkg" "$ready" "$archive" "$rc" >> "$out"
      log "  booted install $app/$deb round $r: dpkg -i ${dpkg}s, archive ready after ${ready}s ($archive), rc $rc"
    done
  done
done
