#!/usr/bin/env bash
# Runs the whole benchmark and writes bench/RESULTS.md:
#   bench/run.sh                        # everything (about 2 hours on 2 cores)
#   bench/run.sh profiling              # only the profiling overhead (issue 9): profiling.sh
#   bench/run.sh install                # only installing and start-up (install.sh, install-boot.sh) of the
#                                       # packages already built in work/: RESULTS-install.md
#   APPS=hello-cli ROUNDS=1 bench/run.sh   # one app, one round (about 15 minutes)
# Needs root (dpkg -i in an isolated root), hyperfine and GNU time (apt-get install hyperfine time),
# the Maven dependencies in ~/.m2 (first time: ONLINE=1 bench/run.sh) and the integration tests'
# cached Debian root (./mvnw -pl it verify once). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")"
# bench/run.sh profiling: only the profiling overhead group (issue 9), see profiling.sh
if [ "${1:-}" = profiling ]; then exec ./profiling.sh; fi
if [ "${1:-}" = install ]; then
  source lib/env.sh
  rm -f "$RAW"/install-*.tsv "$RAW"/install-boot-*.tsv "$RAW"/startup-*.json
  {
    echo "started $(date -u +%FT%TZ)"
    echo "machine $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
    echo "os $(. /etc/os-release; echo "$PRETTY_NAME")"
    echo "hyperfine $(hyperfine --version)"
  } > "$RAW/machine.txt"
  ./install.sh
  ./install-boot.sh
  echo "finished $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/machine.txt"
  python3 lib/summarize.py --install > RESULTS-install.md
  log "wrote bench/RESULTS-install.md"
  exit 0
fi
for tool in hyperfine /usr/bin/time dpkg-deb unshare jpackage; do
  command -v "$tool" > /dev/null || { echo "missing: $tool (apt-get install hyperfine time)" >&2; exit 1; }
done
source lib/env.sh
rm -rf "$RAW"; mkdir -p "$RAW"
started=$(date -u +%FT%TZ)
{
  echo "started $started"
  echo "machine $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "os $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "java $("$JDK_HOME/bin/java" -version 2>&1 | head -1)"
  echo "maven $("$ROOT/mvnw" -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
  echo "dpkg $(dpkg-deb --version | head -1)"
  echo "hyperfine $(hyperfine --version)"
  echo "load-before $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RAW/machine.txt"
./setup.sh
for app in $APPS; do ./build.sh "$app"; done
./install.sh
./install-boot.sh
echo "finished $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/machine.txt"
python3 lib/summarize.py > RESULTS.md
log "wrote bench/RESULTS.md (raw figures in bench/results/raw/)"
