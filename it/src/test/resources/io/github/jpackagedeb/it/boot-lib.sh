# Shared by the booted-systemd test scripts (lifecycle-boot.sh, fault-boot.sh, profiling-boot.sh): BootScript
# installs it as /usr/local/lib/it-boot-lib.sh and each script sources it after setting PKG (and PORT, if not 8080).
# Every check prints "ok: STEP: what" or "FAIL: STEP: what"; BootScript reads them from /root/it.log.
PORT=${PORT:-8080}
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; }
step() { echo "---- $1 ($(date +%s.%N | cut -c1-14))"; }
status() { dpkg-query -W -f '${Status} ${Version}' "$PKG" 2>/dev/null; }

# GET $1 through bash's /dev/tcp (no curl in a minimal system); prints the body
get() {
    local reply
    exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
    reply=$(cat <&3)
    exec 3<&-
    printf '%s' "${reply##*$'\r\n\r\n'}"
}

health() { get /health; }

# waits up to 60 s for /health to report version $1 (or, without $1, to be up); prints the last answer
wait_health() {
    local out=
    for _ in $(seq 1 120); do
        if out=$(health 2>/dev/null); then
            if [ -n "${1:-}" ]; then
                case $out in *"\"version\":\"$1\""*) echo "$out"; return 0 ;; esac
            else
                case $out in *'"status":"UP"'*) echo "$out"; return 0 ;; esac
            fi
        fi
        sleep 0.5
    done
    echo "last answer: ${out:-none}"
    return 1
}
