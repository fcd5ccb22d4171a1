#!/bin/bash
# Continuous profiling of hello-service under a booted systemd (ProfilingBootIT): install (profiling is on in the
# example), a live recording appears under /var/lib/hello-service/profiles owned by the service user, load on the
# CPU-hot /primes endpoint, a restart dumps the recording, tight limits in /etc/default keep the directory within
# its cap over several restarts, PROFILING=off writes nothing, remove keeps profiles/, purge removes it.
# Every check prints "ok: STEP: what" or "FAIL: STEP: what"; the recording to analyse is left in /root/profile.jfr.
exec >/root/it.log 2>&1
set -u
PKG=hello-service
DIR=/var/lib/$PKG/profiles
DPKG="dpkg --force-confdef --force-confold"
. /usr/local/lib/it-boot-lib.sh
restart() {
    # quick restarts in a row would hit systemd's start limit (5 starts in 10 s by default) on a fast machine
    systemctl reset-failed "$PKG" 2>/dev/null
    systemctl restart "$PKG"
    if wait_health >/dev/null; then ok "$1: restarted and healthy"; else bad "$1: not healthy after restart";
        journalctl -u "$PKG" --no-pager | tail -30; fi
}
entries() { find "$DIR" -mindepth 1 -maxdepth 1 -name '[0-9]*' | sort; }
# recordings = runs: a live run has its repository directory and its (growing) dump file, both named <time>_<pid>
runs() { entries | sed 's/.*_//; s/\.jfr$//' | sort -u | wc -l; }
owners() { find "$DIR" -mindepth 1 ! -user "$PKG" -printf '%p %u\n'; }

step install
if $DPKG -i /root/debs/v1.deb >/root/dpkg-install.log 2>&1; then ok "install: dpkg -i"; else
    bad "install: dpkg -i failed: $(tail -5 /root/dpkg-install.log)"; fi
if wait_health >/dev/null; then ok "install: $PKG is active and healthy"; else bad "install: not healthy";
    journalctl -u "$PKG" --no-pager | tail -40; fi
d=$(stat -c '%U:%G %a' "$DIR" 2>&1)
if [ "$d" = "$PKG:$PKG 750" ]; then ok "install: $DIR is $d"; else bad "install: $DIR is $d"; fi
if grep -qx 'PROFILING=on' "/etc/default/$PKG"; then ok "install: /etc/default/$PKG has PROFILING=on"; else
    bad "install: no PROFILING=on in /etc/default/$PKG"; fi

step recording
chunk=
for i in $(seq 1 60); do
    chunk=$(find "$DIR" -mindepth 2 -name '*.jfr' -size +0 | head -1)
    [ -n "$chunk" ] && break
    sleep 0.5
done
if [ -n "$chunk" ]; then ok "recording: live chunk $(stat -c '%n %U:%G %s bytes' "$chunk")"; else
    bad "recording: no live recording in $DIR: $(ls -lR "$DIR")"; fi
if [ -n "$chunk" ] && [ "$(stat -c %U "$chunk")" = "$PKG" ]; then ok "recording: owned by $PKG"; else
    bad "recording: owner of '$chunk'"; fi
pid=$(systemctl show -p MainPID --value "$PKG")
if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-XX:StartFlightRecording=name=$PKG,disk=true"; then
    ok "recording: the JVM runs with -XX:StartFlightRecording"; else bad "recording: cmdline $(tr '\0' ' ' <"/proc/$pid/cmdline")"; fi
# the package's own settings, derived from the bundled runtime's default.jfc at build time, are the default
if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- ",settings=/usr/lib/$PKG/profiling.jfc," \
        && grep -q '<event name="jdk.SocketRead">' "/usr/lib/$PKG/profiling.jfc"; then
    ok "recording: settings /usr/lib/$PKG/profiling.jfc"; else bad "recording: settings: cmdline $(tr '\0' ' ' <"/proc/$pid/cmdline")"; fi

step load
n=0
for i in $(seq 1 40); do
    case $(get "/primes?n=300000") in *'"primes":25997'*) n=$((n + 1)) ;; esac
done
if [ "$n" = 40 ]; then ok "load: 40 x /primes?n=300000 answered 25997"; else bad "load: $n of 40 answers right"; fi

step dump
systemctl stop "$PKG"
dump=$(find "$DIR" -maxdepth 1 -name '[0-9]*.jfr' -size +0 | sort | tail -1)
if [ -n "$dump" ]; then ok "dump: $(stat -c '%n %U:%G %s bytes' "$dump")"; else bad "dump: no dump after stop: $(ls -l "$DIR")"; fi
if [ -z "$(find "$DIR" -mindepth 1 -maxdepth 1 -type d)" ]; then ok "dump: the repository is gone after a clean stop"; else
    bad "dump: repositories left: $(find "$DIR" -mindepth 1 -maxdepth 1 -type d)"; fi
[ -n "$dump" ] && cp "$dump" /root/profile.jfr
systemctl start "$PKG"
wait_health >/dev/null || bad "dump: not healthy after start"

step cap
{ echo 'PROFILING_MAXSIZE=2M'; echo 'PROFILING_MAXAGE=10m'; echo 'PROFILING_KEEP=2'; } >>"/etc/default/$PKG"
for r in 1 2 3 4 5; do
    restart "cap-$r"
    get "/primes?n=200000" >/dev/null
    count=$(runs)
    if [ "$count" -le 3 ]; then ok "cap-$r: $count recordings (keep 2 + the live one)"; else
        bad "cap-$r: $count recordings: $(entries | tr '\n' ' ')"; fi
done
# a killed process leaves its repository and an empty dump; the next start prunes them like any other
kill -9 "$(systemctl show -p MainPID --value "$PKG")"
sleep 1
restart cap-after-kill
count=$(runs)
if [ "$count" -le 3 ]; then ok "cap-after-kill: $count recordings"; else bad "cap-after-kill: $(entries | tr '\n' ' ')"; fi
# the cap with these values: (2 + 1) x (2M + one 12M chunk)
total=$(du -sk "$DIR" | cut -f1)
if [ "$total" -le $((3 * 14 * 1024)) ]; then ok "cap: $total KiB in $DIR, within (2 + 1) x (2M + 12M)"; else
    bad "cap: $total KiB in $DIR"; fi
if [ -z "$(owners)" ]; then ok "cap: everything in $DIR belongs to $PKG"; else bad "cap: other owners: $(owners)"; fi

step off
sed -i 's/^PROFILING=on$/PROFILING=off/' "/etc/default/$PKG"
restart off
before=$(find "$DIR" -mindepth 1 -printf '%p %s %T@\n' | sort)
get "/primes?n=200000" >/dev/null
sleep 3
systemctl stop "$PKG"
after=$(find "$DIR" -mindepth 1 -printf '%p %s %T@\n' | sort)
if [ "$before" = "$after" ]; then ok "off: nothing written to $DIR ($(entries | wc -l) old recordings untouched)"; else
    bad "off: $DIR changed: before [$before] after [$after]"; fi
pid=$(systemctl show -p MainPID --value "$PKG")
systemctl start "$PKG"; wait_health >/dev/null
pid=$(systemctl show -p MainPID --value "$PKG")
if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q FlightRecord; then bad "off: JFR flags on the JVM"; else ok "off: no JFR flags"; fi

step remove
if $DPKG -r "$PKG" >/root/dpkg-remove.log 2>&1; then ok "remove: dpkg -r"; else bad "remove: dpkg -r failed"; fi
if [ -d "$DIR" ]; then ok "remove: $DIR kept"; else bad "remove: $DIR gone"; fi

step purge
if $DPKG -P "$PKG" >/root/dpkg-purge.log 2>&1; then ok "purge: dpkg -P"; else bad "purge: dpkg -P failed"; fi
if [ -e "$DIR" ]; then bad "purge: $DIR left"; else ok "purge: $DIR removed"; fi
echo END
