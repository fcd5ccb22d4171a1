#!/usr/bin/env bash
# The edit-build loop of one example, in alternating rounds, timed with GNU time (wall seconds and peak RSS of the
# whole mvn process):
#   base      mvn package with our plugin skipped (-Djpackage-deb.skip=true): the paired baseline
#   warm      mvn package, nothing changed, no pinned timestamp (-Dproject.build.outputTimestamp=a, as Maven takes a
#             one-character value: off): what most projects run
#   change    the same after a change to the application jar (a new file in target/classes)
#   pinned    that change with the pom's own project.build.outputTimestamp
# Prints each build's median and the medians of the deltas over base (each round's own base).
# Usage: bench/change-rebuild.sh [example] [rounds]   (default hello-cli 5), after
#   ./mvnw -q install -DskipTests -pl jpackage-deb-maven-plugin -am   and one build of the example (the warm cache).
# Figures: bench/NOTES.md, "Rebuild after a change without a pinned timestamp".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-hello-cli}
rounds=${2:-5}
pom="$root/examples/$app/pom.xml"
target="$root/examples/$app/target"
M="$root/mvnw -o -B -q -f $pom -DskipTests"
out=$(mktemp -d)
trap 'rm -rf "$out"; rm -f "$target/classes/bench-change.txt"' EXIT

restore() {
  if [ -f "$target/classes/bench-change.txt" ]; then
    rm -f "$target/classes/bench-change.txt"
    $M -Djpackage-deb.skip=true -Dmaven.jar.forceCreation=true package > /dev/null
  fi
  rm -f "$target"/*.deb
}
change() {
  mkdir -p "$target/classes"
  date +%s%N > "$target/classes/bench-change.txt"
  rm -f "$target"/*.deb
}
timed() { # label, mvn options...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/t" $M "$@" package > "$out/log" 2>&1 || { cat "$out/log"; exit 1; }
  echo "$label $(cat "$out/t")" >> "$out/times"
}

# one untimed warm-up of each, so that caches hold the unchanged build and the JIT of Maven's own start is alike
restore; $M -Dproject.build.outputTimestamp=a package > /dev/null
for r in $(seq "$rounds"); do
  restore; timed base -Djpackage-deb.skip=true
  restore; timed warm -Dproject.build.outputTimestamp=a
  change; timed change -Dproject.build.outputTimestamp=a
  change; timed pinned
done
restore
python3 - "$out/times" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, rss = line.split()
    rows.setdefault(label, []).append((float(wall), int(rss) / 1024))
base = rows["base"]
print(f"{'build':8} {'wall s':>8} {'delta s':>8} {'RSS MiB':>8}")
for label in ("base", "warm", "change", "pinned"):
    walls = [w for w, _ in rows[label]]
    deltas = [w - b for (w, _), (b, _) in zip(rows[label], base)]
    rss = [m for _, m in rows[label]]
    print(f"{label:8} {statistics.median(walls):8.2f} {statistics.median(deltas):8.2f} {statistics.median(rss):8.0f}")
EOF
