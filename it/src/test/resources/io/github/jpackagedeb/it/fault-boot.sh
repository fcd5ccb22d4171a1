#!/bin/bash
# Faults during an install under a real, booted systemd (FaultBootIT, issue 8): dpkg is killed with SIGKILL during
# postinst configure (found by polling the process list for the package's postinst; the package has no hook for
# this) and during the unpack of an upgrade; the standard recovery (dpkg --configure -a after a kill in postinst,
# dpkg -i again after a kill in unpack) must leave the package installed WITH THE SERVICE RUNNING and /health
# answering with the right version. Every check prints "ok: STEP: what" or "FAIL: STEP: what"; "fault: STEP: ..."
# lines give the figures.
exec >/root/it.log 2>&1
set -u
PKG=hello-service
DEBS=/root/debs
PORT=8080
. /usr/local/lib/it-boot-lib.sh

# the package is installed at $2 and its service runs version $3 as its own user
check_recovered() {
    local s=$1 want=$2 v=$3 out pid uid
    if [ "$(status)" = "install ok installed $want" ]; then ok "$s: dpkg says $(status)"; else
        bad "$s: dpkg says '$(status)'"; fi
    if [ -z "$(dpkg --audit)" ]; then ok "$s: dpkg --audit finds nothing"; else bad "$s: dpkg --audit: $(dpkg --audit)"; fi
    if systemctl is-active --quiet "$PKG"; then ok "$s: $PKG is active"; else
        bad "$s: $PKG is $(systemctl is-active "$PKG")"; journalctl -u "$PKG" --no-pager | tail -40; fi
    if systemctl is-enabled --quiet "$PKG"; then ok "$s: $PKG is enabled"; else bad "$s: $PKG is not enabled"; fi
    if out=$(wait_health "$v"); then ok "$s: /health answers $out"; else
        bad "$s: /health did not report $v: $out"; journalctl -u "$PKG" --no-pager | tail -40; fi
    pid=$(systemctl show -p MainPID --value "$PKG")
    if [ -n "$pid" ] && [ "$pid" != 0 ] && [ -r "/proc/$pid/status" ]; then
        uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
        if [ "$uid" = "$(id -u "$PKG")" ]; then ok "$s: runs as $PKG (uid $uid)"; else bad "$s: runs as uid $uid"; fi
    else
        bad "$s: no main process"
    fi
}

# the pid of the package's running postinst (configure), or nothing; the package has no hook: ps by /proc
postinst_pid() {
    local f c
    for f in /proc/[0-9]*/cmdline; do
        c=$(tr '\0' ' ' <"$f" 2>/dev/null) || continue
        case $c in *"/var/lib/dpkg/info/$PKG.postinst configure"*) f=${f#/proc/}; echo "${f%/cmdline}"; return 0 ;; esac
    done
    return 1
}

# dpkg -i $2 in the background, killed with SIGKILL when the postinst configure of the package runs
kill_in_postinst() {
    local s=$1 deb=$2 dpkg_pid pid= i t0 t1
    t0=$(date +%s%N)
    dpkg --force-confdef --force-confold -i "$deb" >"/root/dpkg-$s.log" 2>&1 &
    dpkg_pid=$!
    while kill -0 "$dpkg_pid" 2>/dev/null; do
        if pid=$(postinst_pid); then
            kill -9 "$dpkg_pid"
            break
        fi
        pid=
        sleep 0.02
    done
    wait "$dpkg_pid"
    local rc=$?
    t1=$(date +%s%N)
    if [ -n "$pid" ] && [ "$rc" = 137 ]; then
        ok "$s: dpkg killed during postinst configure (postinst pid $pid, $(( (t1 - t0) / 1000000 )) ms after start)"
    else
        bad "$s: dpkg was not killed during postinst (exit $rc, postinst pid '${pid}'): $(tail -5 "/root/dpkg-$s.log")"
    fi
    # the orphaned postinst goes on; recovery starts when it has ended, as an administrator would see it
    for i in $(seq 1 600); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    echo "fault: $s: killed in postinst after $(( (t1 - t0) / 1000000 )) ms; state then: $(status)"
    case "$(status)" in
        *half-configured*|*unpacked*) ok "$s: left $(status)" ;;
        *) bad "$s: after the kill dpkg says '$(status)'" ;;
    esac
    if dpkg --audit | grep -q "$PKG"; then ok "$s: dpkg --audit names $PKG"; else bad "$s: dpkg --audit does not name $PKG"; fi
}

# dpkg -i $2 in the background, killed with SIGKILL when a *.dpkg-new of the package appears (unpack)
kill_in_unpack() {
    local s=$1 deb=$2 dpkg_pid caught= f rc t0 t1
    t0=$(date +%s%N)
    dpkg --force-confdef --force-confold -i "$deb" >"/root/dpkg-$s.log" 2>&1 &
    dpkg_pid=$!
    while kill -0 "$dpkg_pid" 2>/dev/null; do
        for f in /usr/share/java/$PKG/lib/*.dpkg-new /usr/lib/$PKG/runtime/lib/*.dpkg-new \
                 /usr/lib/$PKG/runtime/lib/server/*.dpkg-new; do
            if [ -e "$f" ]; then kill -9 "$dpkg_pid"; caught=$f; break 2; fi
        done
    done
    wait "$dpkg_pid"
    rc=$?
    t1=$(date +%s%N)
    if [ -n "$caught" ] && [ "$rc" = 137 ]; then ok "$s: dpkg killed during unpack at $caught"; else
        bad "$s: dpkg was not killed during unpack (exit $rc): $(tail -5 "/root/dpkg-$s.log")"; fi
    echo "fault: $s: killed in unpack after $(( (t1 - t0) / 1000000 )) ms at $caught; state then: $(status)"
    if dpkg --audit | grep -q "$PKG"; then ok "$s: dpkg --audit names $PKG"; else bad "$s: dpkg --audit does not name $PKG"; fi
}

step first-install-killed-in-postinst
kill_in_postinst first-install-killed-in-postinst "$DEBS/v1.deb"
dpkg --configure -a >/root/dpkg-configure-1.log 2>&1 || bad "first-install-killed-in-postinst: configure -a failed: $(tail -5 /root/dpkg-configure-1.log)"
check_recovered first-install-killed-in-postinst 1.0.0-1 1.0.0

step upgrade-killed-in-unpack
kill_in_unpack upgrade-killed-in-unpack "$DEBS/v2.deb"
dpkg --force-confdef --force-confold -i "$DEBS/v2.deb" >/root/dpkg-again-2.log 2>&1 || bad "upgrade-killed-in-unpack: dpkg -i again failed: $(tail -5 /root/dpkg-again-2.log)"
check_recovered upgrade-killed-in-unpack 2.0.0-1 2.0.0

step rollback-killed-in-postinst
kill_in_postinst rollback-killed-in-postinst "$DEBS/v1.deb"
dpkg --configure -a >/root/dpkg-configure-3.log 2>&1 || bad "rollback-killed-in-postinst: configure -a failed: $(tail -5 /root/dpkg-configure-3.log)"
check_recovered rollback-killed-in-postinst 1.0.0-1 1.0.0

step upgrade-killed-in-postinst
kill_in_postinst upgrade-killed-in-postinst "$DEBS/v2.deb"
dpkg --configure -a >/root/dpkg-configure-4.log 2>&1 || bad "upgrade-killed-in-postinst: configure -a failed: $(tail -5 /root/dpkg-configure-4.log)"
check_recovered upgrade-killed-in-postinst 2.0.0-1 2.0.0

echo END
