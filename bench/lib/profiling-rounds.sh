#!/usr/bin/env bash
# The measured part of bench/profiling.sh. It runs as PID 1 of new mount and PID namespaces
# (unshare --mount --pid --fork), so every mount below and every process it starts ends with it.
#
# Environment (set by profiling.sh): BASE (the cached Debian 12 root), D (an empty work directory),
# DEBDIR (holds hello-service.deb), OUT (the raw results directory, absolute), LOGS, PORT, ARMS,
# ROUNDS, DURATION, WARMUP_SECONDS, CONNECTIONS, PRIMES_N, SVC_CPUS, LOAD_CPUS (empty: no pinning).
#
# Per run: set PROFILING (and PROFILING_SETTINGS) in ROOT/etc/default/hello-service, start the installed
# launcher as the service user (chroot --userspec; the launcher reads /etc/default itself), wait for /health,
# warm up, then one fixed-length wrk window per endpoint, reading the JVM's utime + stime (/proc/PID/stat)
# and that of JFR's own threads (/proc/PID/task/*/stat) before and after each window; SIGTERM; check the
# recording (ON) or its absence (OFF).
set -euo pipefail
PKG=hello-service
M=$D/merged
R=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
PROFILES=$M/var/lib/$PKG/profiles
TCK=$(getconf CLK_TCK)
# PID 1 of a PID namespace ignores signals it has no handler for: this lets kill PID stop the run
trap 'say "stopped by a signal"; exit 143' TERM INT
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

mkdir -p "$D/upper" "$D/work" "$M"
mount -t overlay overlay -o "lowerdir=$BASE,upperdir=$D/upper,workdir=$D/work" "$M"
mount -t proc proc "$M/proc"
mkdir -p "$M/xfer"; mount --bind "$DEBDIR" "$M/xfer"
chroot "$M" /usr/bin/env -i PATH="$R" HOME=/root DEBIAN_FRONTEND=noninteractive \
    dpkg -i --force-depends /xfer/$PKG.deb > "$LOGS/install.log" 2>&1 || die "dpkg -i: see $LOGS/install.log"
[ -d "$PROFILES" ] || die "the package created no /var/lib/$PKG/profiles"
uid=$(chroot "$M" id -u $PKG); gid=$(chroot "$M" id -g $PKG)
say "installed $(chroot "$M" dpkg-query -W -f '${Package} ${Version}' $PKG) in an isolated root; service user $PKG ($uid:$gid)"

# Test arms with a .jfc: the installed runtime's own lib/jfr/default.jfc with some events disabled
# (lib/jfc-disable.py), written to ROOT/etc/$PKG/<arm>.jfc so the service user can read it.
#   noio:        default.jfc without jdk.SocketRead, jdk.SocketWrite, jdk.FileRead, jdk.FileWrite
#   noio-nopark: noio and also without jdk.ThreadPark, jdk.JavaMonitorWait
JFC_BASE=$M/usr/lib/$PKG/runtime/lib/jfr/default.jfc
jfc_events() {
  case $1 in
    noio) echo jdk.SocketRead jdk.SocketWrite jdk.FileRead jdk.FileWrite ;;
    noio-nopark) echo jdk.SocketRead jdk.SocketWrite jdk.FileRead jdk.FileWrite jdk.ThreadPark jdk.JavaMonitorWait ;;
  esac
}
for arm in $ARMS; do
  ev=$(jfc_events "$arm")
  [ -n "$ev" ] || continue
  [ -f "$JFC_BASE" ] || die "arm $arm: the package's runtime has no lib/jfr/default.jfc"
  mkdir -p "$M/etc/$PKG"
  # shellcheck disable=SC2086
  python3 "$(dirname "$0")/jfc-disable.py" "$JFC_BASE" "$M/etc/$PKG/$arm.jfc" $ev || die "arm $arm: jfc-disable.py"
  chmod 644 "$M/etc/$PKG/$arm.jfc"
  cp "$M/etc/$PKG/$arm.jfc" "$OUT/$arm.jfc"
done
# set_arm off|default|profile|noio|noio-nopark: PROFILING and PROFILING_SETTINGS in the conffile, as an
# administrator would
set_arm() {
  local f=$M/etc/default/$PKG
  sed -i '/^PROFILING=/d; /^PROFILING_SETTINGS=/d' "$f"
  case $1 in
    off) echo 'PROFILING=off' >> "$f" ;;
    # JFR's default.jfc, named: since packages default to their own lean settings, unset would mean those
    default) { echo 'PROFILING=on'; echo 'PROFILING_SETTINGS=default'; } >> "$f" ;;
    noio|noio-nopark) { echo 'PROFILING=on'; echo "PROFILING_SETTINGS=/etc/$PKG/$1.jfc"; } >> "$f" ;;
    *) { echo 'PROFILING=on'; echo "PROFILING_SETTINGS=$1"; } >> "$f" ;;
  esac
}
cpu_ticks() { sed 's/^.*) //' "$M/proc/$1/stat" | awk '{ print $12 + $13 }'; }   # utime + stime (fields 14, 15)
# jfr_ticks PID: utime + stime of JFR's own threads ("JFR Thread Sampler", "JFR Recorder Thread", "JFR Periodic
# Tasks", ...: Linux keeps 15 characters of a thread's name) of the live threads
jfr_ticks() {
  local t n=0 c
  for t in "$M/proc/$1/task/"*; do
    case $(cat "$t/comm" 2>/dev/null) in
      'JFR '*) c=$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }') && n=$((n + ${c:-0})) ;;
    esac
  done
  echo "$n"
}
pin() { if [ -n "$1" ]; then echo "taskset -c $1"; fi; }
wait_health() {
  local i
  for i in $(seq 1 240); do
    curl -fsS -m 2 "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}
# window ROUND SEQ ARM ENDPOINT URL PID: one fixed-length wrk run; appends a row to runs.tsv
window() {
  local round=$1 seq=$2 arm=$3 ep=$4 url=$5 pid=$6 log c0 c1 j0 j1 load
  log=$LOGS/wrk-$seq-$arm-$ep.txt
  load=$(cut -d' ' -f1 /proc/loadavg)
  c0=$(cpu_ticks "$pid"); j0=$(jfr_ticks "$pid")
  $(pin "$LOAD_CPUS") wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" > "$log" 2>&1 || die "wrk: see $log"
  c1=$(cpu_ticks "$pid"); j1=$(jfr_ticks "$pid")
  python3 - "$log" "$round" "$seq" "$arm" "$ep" "$((c1 - c0))" "$TCK" "$load" "$((j1 - j0))" >> "$OUT/runs.tsv" <<'EOF'
import re, sys
log, rnd, seq, arm, ep, ticks, tck, load, jticks = sys.argv[1:]
t = open(log).read()
def ms(s):
    v, u = re.match(r"([\d.]+)(us|ms|s)", s).groups()
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[u]
n, secs = re.search(r"(\d+) requests in ([\d.]+)(m?s)", t).group(1, 2)
unit = re.search(r"\d+ requests in [\d.]+(m?s)", t).group(1)
secs = float(secs) / (1000 if unit == "ms" else 1)
p = {k: ms(v) for k, v in re.findall(r"^\s+(50|99)%\s+(\S+)", t, re.M)}
errs = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs += int(non2xx.group(1)) if non2xx else 0
cpu = int(ticks) / int(tck)
print("\t".join([rnd, seq, arm, ep, n, f"{secs:.2f}", f"{int(n) / secs:.1f}", f"{p['50']:.3f}", f"{p['99']:.3f}",
                 f"{cpu:.2f}", f"{1e6 * cpu / int(n):.1f}", str(errs), load, f"{int(jticks) / int(tck):.2f}"]))
EOF
  say "    $ep: $(tail -1 "$OUT/runs.tsv" | awk -F'\t' '{ printf "%s req/s, p50 %s ms, p99 %s ms, %s µs CPU/req, JFR threads %s of %s CPU s", $7, $8, $9, $11, $14, $10 }')"
}

printf 'round\tseq\tarm\tendpoint\trequests\tseconds\trps\tp50_ms\tp99_ms\tcpu_s\tcpu_us_per_req\terrors\tload1\tjfr_cpu_s\n' > "$OUT/runs.tsv"
printf 'seq\tarm\tpid\tstart_s\tjfr_flags\trecording\tbytes\n' > "$OUT/checks.tsv"
primes="http://127.0.0.1:$PORT/primes?n=$PRIMES_N"
health="http://127.0.0.1:$PORT/health"
read -r -a arms <<< "$ARMS"
seq=0
for ((r = 1; r <= ROUNDS; r++)); do
  order=("${arms[@]}")
  if ((r % 2 == 0)); then   # A B C, C B A, A B C, ...: a linear drift weighs on every arm alike
    order=(); for ((i = ${#arms[@]} - 1; i >= 0; i--)); do order+=("${arms[i]}"); done
  fi
  for arm in "${order[@]}"; do
    seq=$((seq + 1))
    set_arm "$arm"
    before=$(cd "$PROFILES" && find . -mindepth 1 -printf '%p %s %T@\n' | sort)
    t0=$(date +%s.%N)
    # the service as it runs under systemd: its user, its launcher, nothing sourced here
    $(pin "$SVC_CPUS") chroot --userspec="$uid:$gid" --groups="$gid" "$M" /usr/bin/env -i PATH="$R" \
        HOME=/var/lib/$PKG LANG=C.UTF-8 HELLO_SERVICE_PORT="$PORT" /usr/bin/$PKG > "$LOGS/service-$seq-$arm.log" 2>&1 &
    pid=$!
    wait_health "$pid" || die "run $seq ($arm): not healthy, see $LOGS/service-$seq-$arm.log"
    start=$(echo "$(date +%s.%N) - $t0" | bc)
    if tr '\0' ' ' < "$M/proc/$pid/cmdline" | grep -q -- '-XX:StartFlightRecording='; then flags=yes; else flags=no; fi
    say "round $r run $seq: $arm (JVM pid $pid in the namespace, JFR flags: $flags, healthy after ${start%???????}s)"
    case $arm in off) [ $flags = no ] || die "run $seq: PROFILING=off but the JVM has JFR flags" ;;
                 *) [ $flags = yes ] || die "run $seq: PROFILING=on but the JVM has no JFR flags" ;; esac
    $(pin "$LOAD_CPUS") wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" "$primes" > "$LOGS/warmup-$seq-primes.txt" 2>&1
    $(pin "$LOAD_CPUS") wrk -t1 -c"$CONNECTIONS" -d"$(( (WARMUP_SECONDS + 1) / 2 ))s" "$health" > "$LOGS/warmup-$seq-health.txt" 2>&1
    window "$r" "$seq" "$arm" primes "$primes" "$pid"
    window "$r" "$seq" "$arm" health "$health" "$pid"
    kill -TERM "$pid"
    wait "$pid" || true
    if [ "$arm" = off ]; then
      after=$(cd "$PROFILES" && find . -mindepth 1 -printf '%p %s %T@\n' | sort)
      [ "$before" = "$after" ] || die "run $seq: PROFILING=off but $PROFILES changed: [$before] -> [$after]"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$seq" "$arm" "$pid" "$start" "$flags" none 0 >> "$OUT/checks.tsv"
      say "    stopped; nothing written to /var/lib/$PKG/profiles"
    else
      dump=$(find "$PROFILES" -maxdepth 1 -name "[0-9]*_$pid.jfr" -size +0 | head -1)
      [ -n "$dump" ] || die "run $seq ($arm): no recording *_$pid.jfr after SIGTERM: $(ls -l "$PROFILES")"
      [ ! -d "${dump%.jfr}" ] || die "run $seq ($arm): the live repository ${dump%.jfr} is left after a clean stop"
      [ "$(stat -c %u "$dump")" = "$uid" ] || die "run $seq ($arm): $dump is not owned by $PKG"
      bytes=$(stat -c %s "$dump")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$seq" "$arm" "$pid" "$start" "$flags" "${dump##*/}" "$bytes" >> "$OUT/checks.tsv"
      cp "$dump" "$OUT/last-$arm.jfr"
      say "    stopped; recording ${dump##*/}: $bytes bytes, owned by $PKG"
    fi
  done
done
