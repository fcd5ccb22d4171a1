#!/bin/bash
# The service lifecycle, run by systemd inside a booted container (LifecycleBootIT): install 1.0.0, edit the
# conffile and add data, upgrade to 2.0.0, reinstall it, roll back to 1.0.0, a 2.1.0 whose postinst fails and the
# rollback from it, remove, reinstall, purge. Every check prints "ok: STEP: what" or "FAIL: STEP: what".
exec >/root/it.log 2>&1
set -u
PKG=hello-service
DEBS=/root/debs
DPKG="dpkg --force-confdef --force-confold"
PORT=8080
LAST_PID=
. /usr/local/lib/it-boot-lib.sh

# the service runs version $2 under its own user, hardened
check_running() {
    local s=$1 v=$2 out pid uid
    if systemctl is-active --quiet "$PKG"; then ok "$s: $PKG is active"; else
        bad "$s: $PKG is $(systemctl is-active "$PKG")"; journalctl -u "$PKG" --no-pager | tail -40; fi
    if out=$(wait_health "$v"); then ok "$s: /health on port $PORT answers $out"; else
        bad "$s: /health did not report $v: $out"; journalctl -u "$PKG" --no-pager | tail -40; fi
    pid=$(systemctl show -p MainPID --value "$PKG")
    if [ -n "$pid" ] && [ "$pid" != 0 ] && [ -r "/proc/$pid/status" ]; then
        uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
        if [ "$uid" = "$(id -u "$PKG")" ]; then ok "$s: runs as $PKG (uid $uid)"; else bad "$s: runs as uid $uid"; fi
        if grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$pid/status"; then ok "$s: NoNewPrivs"; else bad "$s: privileges"; fi
        if [ "$pid" != "$LAST_PID" ]; then ok "$s: new process $pid"; else bad "$s: still the old process $pid"; fi
        LAST_PID=$pid
    else
        bad "$s: no main process"
    fi
}

# the user, the directories, the administrator's edit and the data survived
check_kept() {
    local s=$1 pw dirs
    pw=$(getent passwd "$PKG")
    case $pw in
        "$PKG":x:[1-9]:*|"$PKG":x:[1-9][0-9]:*|"$PKG":x:[1-9][0-9][0-9]:*) ok "$s: system user $(id "$PKG")" ;;
        *) bad "$s: user entry '$pw'" ;;
    esac
    case $pw in *:/usr/sbin/nologin) ok "$s: no login shell" ;; *) bad "$s: shell of '$pw'" ;; esac
    dirs=$(stat -c '%n %U:%G %a' "/var/lib/$PKG" "/var/log/$PKG" 2>&1 | tr '\n' ' ')
    if [ "$dirs" = "/var/lib/$PKG $PKG:$PKG 750 /var/log/$PKG $PKG:$PKG 750 " ]; then ok "$s: dirs $dirs"; else
        bad "$s: dirs $dirs"; fi
    if grep -qx 'HELLO_SERVICE_PORT=8123' "/etc/default/$PKG"; then ok "$s: edited /etc/default/$PKG kept"; else
        bad "$s: /etc/default/$PKG lost the edit"; fi
    if [ "$(cat "/var/lib/$PKG/user-data.txt" 2>&1)" = precious ]; then ok "$s: data in /var/lib/$PKG kept"; else
        bad "$s: data in /var/lib/$PKG lost"; fi
}

install_ok() {
    local s=$1 deb=$2 want=$3
    if $DPKG -i "$deb" >"/root/dpkg-$s.log" 2>&1; then ok "$s: dpkg -i $(basename "$deb")"; else
        bad "$s: dpkg -i $(basename "$deb") failed: $(tail -5 "/root/dpkg-$s.log")"; fi
    if [ "$(status)" = "install ok installed $want" ]; then ok "$s: dpkg says $(status)"; else
        bad "$s: dpkg says '$(status)'"; fi
}

step install
install_ok install "$DEBS/v1.deb" 1.0.0-1
check_running install 1.0.0
if systemctl is-enabled --quiet "$PKG"; then ok "install: enabled"; else bad "install: not enabled"; fi

step edit
echo 'HELLO_SERVICE_PORT=8123' >>"/etc/default/$PKG"
echo precious >"/var/lib/$PKG/user-data.txt"
systemctl restart "$PKG"
PORT=8123
check_running edit 1.0.0
check_kept edit
STARTS=$(cat "/var/lib/$PKG/starts")

step upgrade
install_ok upgrade "$DEBS/v2.deb" 2.0.0-1
check_running upgrade 2.0.0
check_kept upgrade
if [ -f "/etc/default/$PKG.dpkg-dist" ] || [ -f "/etc/default/$PKG.dpkg-old" ]; then bad "upgrade: conffile copies"; fi

step reinstall-same-version
install_ok reinstall-same-version "$DEBS/v2.deb" 2.0.0-1
check_running reinstall-same-version 2.0.0
check_kept reinstall-same-version

step rollback
install_ok rollback "$DEBS/v1.deb" 1.0.0-1
check_running rollback 1.0.0
check_kept rollback
NOW=$(cat "/var/lib/$PKG/starts")
if [ "$NOW" -eq $((STARTS + 3)) ]; then ok "rollback: start counter $STARTS -> $NOW"; else
    bad "rollback: start counter $STARTS -> $NOW"; fi

step broken-upgrade
if $DPKG -i "$DEBS/v2-broken.deb" >/root/dpkg-broken.log 2>&1; then bad "broken-upgrade: dpkg succeeded"; else
    ok "broken-upgrade: dpkg -i failed: $(grep -m1 'simulated failure' /root/dpkg-broken.log)"; fi
if [ "$(status)" = "install ok half-configured 2.1.0-1" ]; then ok "broken-upgrade: dpkg says $(status)"; else
    bad "broken-upgrade: dpkg says '$(status)'"; fi
if dpkg --audit | grep -q "$PKG"; then ok "broken-upgrade: dpkg --audit lists $PKG"; else
    bad "broken-upgrade: dpkg --audit: $(dpkg --audit)"; fi

step rollback-from-broken
install_ok rollback-from-broken "$DEBS/v1.deb" 1.0.0-1
check_running rollback-from-broken 1.0.0
check_kept rollback-from-broken

step remove
if $DPKG -r "$PKG" >/root/dpkg-remove.log 2>&1; then ok "remove: dpkg -r"; else bad "remove: dpkg -r failed"; fi
if systemctl is-active --quiet "$PKG"; then bad "remove: still active"; else ok "remove: stopped ($(systemctl is-active "$PKG"))"; fi
if [ "$(status)" = "deinstall ok config-files 1.0.0-1" ]; then ok "remove: dpkg says $(status)"; else
    bad "remove: dpkg says '$(status)'"; fi
if [ -e "/usr/bin/$PKG" ] || [ -e "/lib/systemd/system/$PKG.service" ]; then bad "remove: files left"; else
    ok "remove: program and unit gone"; fi
if [ -d "/var/log/$PKG" ]; then ok "remove: logs kept"; else bad "remove: logs gone"; fi
check_kept remove

step reinstall
install_ok reinstall "$DEBS/v2.deb" 2.0.0-1
check_running reinstall 2.0.0
check_kept reinstall

step purge
if $DPKG -P "$PKG" >/root/dpkg-purge.log 2>&1; then ok "purge: dpkg -P"; else bad "purge: dpkg -P failed"; fi
if systemctl is-active --quiet "$PKG"; then bad "purge: still active"; else ok "purge: stopped"; fi
if dpkg-query -W "$PKG" >/dev/null 2>&1 && [ -n "$(status)" ] && [ "$(status)" != "unknown ok not-installed " ]; then
    bad "purge: dpkg says '$(status)'"; else ok "purge: dpkg no longer knows $PKG"; fi
if [ -e "/etc/default/$PKG" ]; then bad "purge: /etc/default/$PKG left"; else ok "purge: conffile gone"; fi
if [ -e "/var/log/$PKG" ]; then bad "purge: logs left"; else ok "purge: logs gone"; fi
if [ -e "/etc/systemd/system/multi-user.target.wants/$PKG.service" ]; then bad "purge: still enabled"; else
    ok "purge: enablement gone"; fi
if [ "$(cat "/var/lib/$PKG/user-data.txt" 2>&1)" = precious ]; then ok "purge: non-empty /var/lib/$PKG kept"; else
    bad "purge: data lost"; fi
if getent passwd "$PKG" >/dev/null; then ok "purge: user kept"; else bad "purge: user deleted"; fi
if grep -q "kept /var/lib/$PKG" /root/dpkg-purge.log; then ok "purge: told the admin the data was kept"; else
    bad "purge: no note about the kept data"; fi

# The Spring Boot example (its files: HelloSpringBootPackageIT): install, upgrade, rollback, purge, answering each time
PKG=hello-spring-boot
PORT=8080
LAST_PID=

step boot-install
T0=$(date +%s%N)
install_ok boot-install "$DEBS/sb-v1.deb" 1.0.0-1
if out=$(wait_health 1.0.0); then
    ok "boot-install: first HTTP 200 $(( ($(date +%s%N) - T0) / 1000000 )) ms after dpkg -i began: $out"
else bad "boot-install: no answer: $out"; journalctl -u "$PKG" --no-pager | tail -40; fi
check_running boot-install 1.0.0
if ls "/usr/share/java/$PKG/lib" | grep -q -e devtools -e starter; then bad "boot-install: devtools or starters shipped"
else ok "boot-install: $(ls "/usr/share/java/$PKG/lib" | wc -l) jars, no devtools, no starters"; fi

step boot-upgrade
install_ok boot-upgrade "$DEBS/sb-v2.deb" 2.0.0-1
check_running boot-upgrade 2.0.0

step boot-rollback
install_ok boot-rollback "$DEBS/sb-v1.deb" 1.0.0-1
check_running boot-rollback 1.0.0

step boot-purge
if $DPKG -P "$PKG" >/root/dpkg-boot-purge.log 2>&1; then ok "boot-purge: dpkg -P"; else bad "boot-purge: dpkg -P failed"; fi
if systemctl is-active --quiet "$PKG"; then bad "boot-purge: still active"; else ok "boot-purge: stopped"; fi
if [ -e "/usr/share/java/$PKG" ] || [ -e "/etc/default/$PKG" ]; then bad "boot-purge: files left"; else
    ok "boot-purge: files gone"; fi

echo END
