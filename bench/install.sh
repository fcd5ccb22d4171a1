#!/usr/bin/env bash
# Installing and starting the packages, each in a fresh isolated Debian 12 root:
#   - an overlayfs copy of the cached debootstrap root that the integration tests build
#     (~/.cache/jpackage-deb-it/bookworm-minbase-openjdk17-r1.root: minbase + openjdk-17-jre-headless;
#     build it with `./mvnw -pl it verify` once, see it/.../support/DebianRoot.java), mounted only
#     inside a private mount and PID namespace (unshare), so nothing stays mounted on the host;
#   - `dpkg -i --force-depends` timed with GNU time around `chroot ROOT dpkg -i`, the packages alternating
#     per round (--force-depends for all: jpackage's package Depends on X11/ALSA libraries the minimal root lacks);
#   - start-up: with the package installed, hyperfine runs the installed launcher and plain
#     `java -cp '<lib>/*' <main>` (the root's OpenJDK 17) alternately in one invocation.
# Results: results/raw/install-<app>.tsv, results/raw/startup-<app>-<deb>.json
source "$(dirname "$0")/lib/env.sh"
[ "$(id -u)" = 0 ] || { echo "install.sh needs root (unshare, mount, chroot)" >&2; exit 1; }
IT_CACHE=${JPACKAGE_DEB_IT_CACHE:-$HOME/.cache/jpackage-deb-it}
BASE="$IT_CACHE/bookworm-minbase-openjdk17-r1.root"
[ -d "$BASE" ] || { echo "no cached Debian root at $BASE: run the integration tests once (./mvnw -pl it verify)" >&2; exit 1; }
INSTALL_DEBS=${INSTALL_DEBS:-ours ours-jaronly jdeb-gzip jdeb-xz jpackage}
STARTUP_RUNS=${STARTUP_RUNS:-20}
PATH_IN_ROOT=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_root DEBDIR SCRIPT: runs SCRIPT (bash) in new mount+PID namespaces where $M is a fresh
# overlay copy of the base root with /proc mounted and DEBDIR bound at $M/xfer.
in_root() {
  local debdir=$1 script=$2 d
  d=$(mktemp -d "$BENCH/$WORK/root.XXXXXX")
  mkdir "$d/upper" "$d/work" "$d/merged"
  unshare --mount --pid --fork env BASE="$BASE" D="$d" M="$d/merged" X="$debdir" R="$PATH_IN_ROOT" bash -c '
    set -e
    mount -t overlay overlay -o "lowerdir=$BASE,upperdir=$D/upper,workdir=$D/work" "$M"
    mount -t proc proc "$M/proc"
    mkdir -p "$M/xfer"; mount --bind "$X" "$M/xfer"
    inroot() { chroot "$M" /usr/bin/env -i PATH="$R" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
    '"$script"
  rm -rf "$d"
}

for app in $APPS; do
  w="$BENCH/$WORK/$app"; [ -d "$w/debs" ] || continue
  pkg=$(cat "$w/package")
  read -r g a v main <<< "$(app_gav "$app")"
  out="$RAW/install-$app.tsv"
  printf 'round\tlabel\twall\tuser\tsys\trss_kib\trc\n' > "$out"
  log "== install $app"
  for ((r = 1; r <= ROUNDS; r++)); do
    for deb in $INSTALL_DEBS; do
      [ -f "$w/debs/$deb.deb" ] || continue
      in_root "$w/debs" "
        rc=0
        /usr/bin/time -f '%e %U %S %M' -o \"\$D/install.time\" chroot \"\$M\" /usr/bin/env -i PATH=\"\$R\" \
            DEBIAN_FRONTEND=noninteractive dpkg -i --force-depends /xfer/$deb.deb \
            > $BENCH/$WORK/logs/install-$app-$deb.log 2>&1 || rc=\$?
        echo \"\$(tail -1 \"\$D/install.time\") \$rc\"" > "$WORK/install.out" || true
      read -r wall user sys rss rc < "$WORK/install.out" || true
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$deb" "$wall" "$user" "$sys" "$rss" "${rc:-1}" >> "$out"
      log "  install $app/$deb round $r: ${wall}s"
    done
  done
  quick=$(app_quick_args "$app")
  if [ -z "$quick" ]; then log "  $app: no quick-exit command, start-up not measured"; continue; fi
  for deb in ours ours-jaronly; do
    [ -f "$w/debs/$deb.deb" ] || continue
    log "  start-up $app/$deb"
    in_root "$w/debs" "
      inroot dpkg -i --force-depends /xfer/$deb.deb > /dev/null
      inroot /usr/bin/$pkg $quick
      # with a bundled runtime also its own java -cp, without the application's class-data sharing archive
      extra=()
      if [ -x \$M/usr/lib/$pkg/runtime/bin/java ]; then
        extra=(-n runtime-cp \"chroot \$M /usr/bin/env -i PATH=\$R HOME=/root /usr/lib/$pkg/runtime/bin/java -cp '/usr/share/java/$pkg/lib/*' $main $quick\")
      fi
      hyperfine --style basic --warmup 3 --runs $STARTUP_RUNS --export-json $BENCH/$RAW/startup-$app-$deb.json \
        -n launcher \"chroot \$M /usr/bin/env -i PATH=\$R HOME=/root /usr/bin/$pkg $quick\" \
        -n java-cp \"chroot \$M /usr/bin/env -i PATH=\$R HOME=/root java -cp '/usr/share/java/$pkg/lib/*' $main $quick\" \
        \"\${extra[@]}\"
    " > "$WORK/logs/startup-$app-$deb.log" 2>&1 || log "  start-up $app/$deb FAILED: see bench/$WORK/logs/startup-$app-$deb.log"
  done
done
