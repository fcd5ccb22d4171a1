#!/bin/bash
# Application class-data sharing under a booted systemd (AppCdsBootIT): postinst hands the archive's dump to the
# transient unit hello-cli-app-cds.service and returns; the archive then appears, whole and readable, and the launcher
# maps it; a reinstall and a remove while a dump runs stop that dump first, and nothing comes back after the remove;
# a dump that fails leaves its warning and the JVM's words in the journal and nothing on disk; purge leaves nothing. Every check prints "ok: STEP: what" or "FAIL: STEP: what".
exec >/root/it.log 2>&1
set -u
PKG=hello-cli
UNIT=hello-cli-app-cds.service
CACHE=/var/cache/hello-cli
ARCHIVE=$CACHE/app.jsa
DEB=/root/debs/hello-cli.deb
. /usr/local/lib/it-boot-lib.sh

# waits up to 60 s until the dump unit is no longer running (--collect unloads it); prints its last state
wait_dump() {
    local state=
    for _ in $(seq 1 120); do
        state=$(systemctl show -p ActiveState --value "$UNIT" 2>/dev/null)
        case $state in
            active|activating|deactivating|reloading) sleep 0.5 ;;
            *) echo "${state:-none}"; return 0 ;;
        esac
    done
    echo "still $state"
    return 1
}

# the pids of running -Xshare:dump processes (the [d] keeps grep from finding itself)
dumps() { grep -l -a -e '-Xshare:[d]ump' /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 | tr '\n' ' '; }

# the archive is there, 0644, no half-written .new beside it, and the launcher loads the application from it
check_archive() {
    local s=$1 load
    if [ -f "$ARCHIVE" ] && [ "$(stat -c %a "$ARCHIVE")" = 644 ]; then ok "$s: $ARCHIVE, mode 644"; else
        bad "$s: no archive: $(ls -l "$CACHE" 2>&1)"; journalctl -u "$UNIT" --no-pager | tail -20; fi
    if [ -e "$ARCHIVE.new" ]; then bad "$s: $ARCHIVE.new left"; else ok "$s: no $ARCHIVE.new"; fi
    load=$(JAVA_OPTS=-Xlog:class+load=info hello-cli --version 2>&1)
    case $load in
        *"io.github.jpackagedeb.examples.hello.HelloCli source: shared objects file"*)
            ok "$s: the launcher loads HelloCli from the archive" ;;
        *) bad "$s: HelloCli not from the archive: $(printf '%s\n' "$load" | grep HelloCli)" ;;
    esac
}

step install
started=$(date '+%Y-%m-%d %H:%M:%S')
if dpkg -i "$DEB" > /root/dpkg-install.log 2>&1; then ok "install: dpkg -i"; else
    bad "install: dpkg -i failed: $(tail -5 /root/dpkg-install.log)"; fi
if grep -q 'could not write' /root/dpkg-install.log; then bad "install: $(cat /root/dpkg-install.log)"; else
    ok "install: no warning from postinst"; fi
if out=$(wait_dump); then ok "install: the dump unit finished ($out)"; else bad "install: the dump unit is $out"; fi
journal=$(journalctl --since "$started" -u "$UNIT" --no-pager -o cat)
case $journal in
    *"Started $UNIT"*) ok "install: the archive was dumped by $UNIT after dpkg returned" ;;
    *) bad "install: $UNIT did not run: $journal" ;;
esac
case $journal in
    *warning*) bad "install: the dump warned: $journal" ;;
    *) ok "install: the dump did not warn" ;;
esac
check_archive install
if [ "$(hello-cli --version 2>&1)" = "hello-cli 1.0.0" ]; then ok "install: hello-cli --version, nothing on stderr"; else
    bad "install: hello-cli --version says $(hello-cli --version 2>&1)"; fi

step reinstall-during-dump
dpkg -i "$DEB" > /root/dpkg-reinstall-1.log 2>&1 || bad "reinstall-during-dump: first dpkg -i failed"
running=$(dumps)
if dpkg -i "$DEB" > /root/dpkg-reinstall-2.log 2>&1; then ok "reinstall-during-dump: dpkg -i twice (dump running: ${running:-none})"
else bad "reinstall-during-dump: second dpkg -i failed: $(tail -5 /root/dpkg-reinstall-2.log)"; fi
if out=$(wait_dump); then ok "reinstall-during-dump: the dump unit finished ($out)"; else
    bad "reinstall-during-dump: the dump unit is $out"; fi
check_archive reinstall-during-dump

step remove-during-dump
dpkg -i "$DEB" > /root/dpkg-remove-1.log 2>&1 || bad "remove-during-dump: dpkg -i failed"
running=$(dumps)
if dpkg -r "$PKG" > /root/dpkg-remove.log 2>&1; then ok "remove-during-dump: dpkg -r (dump running: ${running:-none})"
else bad "remove-during-dump: dpkg -r failed: $(tail -5 /root/dpkg-remove.log)"; fi
if systemctl is-active --quiet "$UNIT"; then bad "remove-during-dump: $UNIT still active"; else
    ok "remove-during-dump: $UNIT not active"; fi
left=$(dumps)
if [ -z "$left" ]; then ok "remove-during-dump: no dump process left"; else bad "remove-during-dump: dumps running: $left"; fi
sleep 3
if [ -e "$CACHE" ]; then bad "remove-during-dump: $CACHE came back: $(ls -la "$CACHE")"; else
    ok "remove-during-dump: $CACHE gone and stays gone"; fi

step dump-fails
# the unit gets the service manager's environment: an option the JVM refuses makes the dump fail
systemctl set-environment JAVA_TOOL_OPTIONS=-XX:+NoSuchOptionForTheTest
started=$(date '+%Y-%m-%d %H:%M:%S')
if dpkg -i "$DEB" > /root/dpkg-fails.log 2>&1; then ok "dump-fails: dpkg -i succeeds"; else
    bad "dump-fails: dpkg -i failed: $(tail -5 /root/dpkg-fails.log)"; fi
wait_dump > /dev/null || bad "dump-fails: the dump did not finish"
systemctl unset-environment JAVA_TOOL_OPTIONS
journal=$(journalctl --since "$started" -u "$UNIT" --no-pager -o cat)
case $journal in
    *"hello-cli: warning: could not write the class-data sharing archive $ARCHIVE"*)
        ok "dump-fails: the journal has the warning" ;;
    *) bad "dump-fails: no warning in the journal: $journal" ;;
esac
case $journal in
    *NoSuchOptionForTheTest*) ok "dump-fails: ... and the JVM's own words" ;;
    *) bad "dump-fails: the JVM's output is not in the journal: $journal" ;;
esac
if [ -e "$ARCHIVE" ] || [ -e "$ARCHIVE.new" ] || [ -e "$ARCHIVE.log" ]; then
    bad "dump-fails: left $(ls -la "$CACHE")"; else ok "dump-fails: no archive, no .new, no .log"; fi
if [ "$(hello-cli --version 2>&1)" = "hello-cli 1.0.0" ]; then ok "dump-fails: hello-cli works without the archive"
else bad "dump-fails: hello-cli --version says $(hello-cli --version 2>&1)"; fi

step purge
dpkg -i "$DEB" > /root/dpkg-purge-1.log 2>&1 || bad "purge: dpkg -i failed"
wait_dump > /dev/null || bad "purge: the dump did not finish"
check_archive purge
if dpkg -P "$PKG" > /root/dpkg-purge.log 2>&1; then ok "purge: dpkg -P"; else bad "purge: dpkg -P failed"; fi
if [ -e "$CACHE" ] || [ -e /usr/lib/hello-cli ] || [ -e /usr/share/java/hello-cli ]; then
    bad "purge: files left: $(ls -d "$CACHE" /usr/lib/hello-cli /usr/share/java/hello-cli 2>&1)"; else
    ok "purge: nothing left"; fi
if [ "$(systemctl show -p LoadState --value "$UNIT")" = not-found ]; then ok "purge: no $UNIT loaded"; else
    bad "purge: $UNIT is $(systemctl show -p LoadState --value "$UNIT")"; fi

echo END
