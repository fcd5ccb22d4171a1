#!/usr/bin/env bash
# The overhead of continuous JFR profiling (issue 9 part 3) on examples/hello-service, one command:
#   bench/profiling.sh                  # or: bench/run.sh profiling; about 15 minutes
#   PROF_ARMS="off default" PROF_ROUNDS=10 bench/profiling.sh   # default settings only, A B B A ...
# Installs hello-service's .deb into an overlay copy of the integration tests' cached Debian 12 root
# (inside unshare --mount --pid --fork, as install.sh) and runs the installed launcher as the service user
# with PROFILING=off / on (settings default, profile, or the .jfc arms noio, noio-nopark: the runtime's
# default.jfc without I/O events, and also without park events) in ROOT/etc/default/hello-service, the arms alternating
# (A B C, C B A, ...), under a fixed-length wrk load on 127.0.0.1: /primes (CPU-hot) and /health (cheap).
# Writes results/raw/profiling/ and bench/RESULTS-profiling.md (lib/profiling-summary.py). Needs root, wrk
# (apt-get install wrk), curl, taskset and the cached root (./mvnw -pl it verify once). Knobs (environment):
#   PROF_ROUNDS (8)  PROF_ARMS ("off default profile"; also noio, noio-nopark)  PROF_DURATION (10 s per endpoint and run)
#   PROF_WARMUP_SECONDS (6)  PROF_CONNECTIONS (4)  PROF_PRIMES_N (20000)  PROF_PORT (first free from 18080)
#   PROF_PIN (1: the JVM on CPU 1, wrk on CPU 0; 0: no pinning)  PROF_DEB (default: the newest
#   examples/hello-service/target/*.deb; PROF_BUILD=1 or none there: built with ./mvnw first)
#   PROF_RUN (main): the name of this run; results/raw/profiling/<name>/ is replaced, other runs are kept
#   and RESULTS-profiling.md shows them all (rm -r results/raw/profiling/<name> to drop one)
source "$(dirname "$0")/lib/env.sh"
[ "$(id -u)" = 0 ] || { echo "profiling.sh needs root (unshare, mount, chroot)" >&2; exit 1; }
for tool in wrk curl taskset unshare chroot python3 bc; do
  command -v "$tool" > /dev/null || { echo "missing: $tool (apt-get install wrk curl util-linux bc)" >&2; exit 1; }
done
IT_CACHE=${JPACKAGE_DEB_IT_CACHE:-$HOME/.cache/jpackage-deb-it}
BASE="$IT_CACHE/bookworm-minbase-openjdk17-r1.root"
[ -d "$BASE" ] || { echo "no cached Debian root at $BASE: run the integration tests once (./mvnw -pl it verify)" >&2; exit 1; }
ROUNDS=${PROF_ROUNDS:-8}
ARMS=${PROF_ARMS:-off default profile}
case " $ARMS " in *" off "*) ;; *) echo "PROF_ARMS must contain off (the baseline): $ARMS" >&2; exit 1 ;; esac
DURATION=${PROF_DURATION:-10}
WARMUP_SECONDS=${PROF_WARMUP_SECONDS:-6}
CONNECTIONS=${PROF_CONNECTIONS:-4}
PRIMES_N=${PROF_PRIMES_N:-20000}
SVC_CPUS=; LOAD_CPUS=
if [ "${PROF_PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ]; then SVC_CPUS=1; LOAD_CPUS=0; fi
PORT=${PROF_PORT:-}
if [ -z "$PORT" ]; then
  PORT=18080
  while ss -Hltn "sport = :$PORT" | grep -q .; do PORT=$((PORT + 1)); done
fi

# the package: hello-service's pom has <profiling><enabled>true</enabled></profiling>
DEB=${PROF_DEB:-}
if [ -z "$DEB" ]; then
  if [ "${PROF_BUILD:-0}" = 1 ] || ! ls "$ROOT"/examples/hello-service/target/hello-service_*.deb > /dev/null 2>&1; then
    log "building hello-service's .deb"
    (cd "$ROOT" && ./mvnw -B -o -q package -pl examples/hello-service -am -DskipTests)
  fi
  DEB=$(ls -t "$ROOT"/examples/hello-service/target/hello-service_*.deb | head -1)
fi
[ -f "$DEB" ] || { echo "no package: $DEB" >&2; exit 1; }

# each run (PROF_RUN, default main) has its own raw directory; the summary shows every run there is
RUN=${PROF_RUN:-main}
case $RUN in ''|*[!A-Za-z0-9_-]*) echo "PROF_RUN=$RUN: letters, digits, - and _ only" >&2; exit 1 ;; esac
OUT="$BENCH/$RAW/profiling/$RUN"; LOGS="$BENCH/$WORK/logs/profiling/$RUN"
rm -rf "$OUT" "$LOGS"; mkdir -p "$OUT" "$LOGS"
xfer=$(mktemp -d "$BENCH/$WORK/prof-xfer.XXXXXX"); d=$(mktemp -d "$BENCH/$WORK/prof-root.XXXXXX")
trap 'rm -rf "$xfer" "$d"' EXIT
cp "$DEB" "$xfer/hello-service.deb"
{
  echo "started $(date -u +%FT%TZ)"
  echo "machine $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "package $(dpkg-deb -f "$DEB" Package) $(dpkg-deb -f "$DEB" Version) ($(basename "$DEB"), $(stat -c %s "$DEB") bytes, sha256 $(sha256sum "$DEB" | cut -c1-16))"
  echo "runtime $(dpkg-deb --fsys-tarfile "$DEB" | tar -xOf - ./usr/lib/hello-service/runtime/release 2>/dev/null | grep JAVA_VERSION || echo 'none (system java)')"
  echo "wrk $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "settings arms=[$ARMS] rounds=$ROUNDS duration=${DURATION}s/endpoint warmup=${WARMUP_SECONDS}s connections=$CONNECTIONS primes_n=$PRIMES_N port=$PORT pin=${SVC_CPUS:+service:cpu$SVC_CPUS,wrk:cpu$LOAD_CPUS}"
  echo "uptime-before $(uptime | sed 's/^ *//')"
} > "$OUT/machine.txt"
log "profiling overhead: arms [$ARMS], $ROUNDS rounds, port $PORT, $(basename "$DEB"); load $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
unshare --mount --pid --fork env BASE="$BASE" D="$d" DEBDIR="$xfer" OUT="$OUT" LOGS="$LOGS" PORT="$PORT" \
    ARMS="$ARMS" ROUNDS="$ROUNDS" DURATION="$DURATION" WARMUP_SECONDS="$WARMUP_SECONDS" CONNECTIONS="$CONNECTIONS" \
    PRIMES_N="$PRIMES_N" SVC_CPUS="$SVC_CPUS" LOAD_CPUS="$LOAD_CPUS" \
    bash "$BENCH/lib/profiling-rounds.sh" || rc=$?
echo "uptime-after $(uptime | sed 's/^ *//')" >> "$OUT/machine.txt"
echo "finished $(date -u +%FT%TZ)" >> "$OUT/machine.txt"
[ "$rc" = 0 ] || { log "profiling.sh FAILED (exit $rc): see above and bench/$WORK/logs/profiling/"; exit "$rc"; }
# what the ON recordings hold (the host JDK's jfr tool), for the analysis
for f in "$OUT"/last-*.jfr; do
  [ -f "$f" ] && "$JDK_HOME/bin/jfr" summary "$f" > "${f%.jfr}.summary.txt" 2>&1 || true
done
python3 lib/profiling-summary.py > RESULTS-profiling.md
log "wrote bench/RESULTS-profiling.md (raw figures in bench/$RAW/profiling/$RUN/)"
