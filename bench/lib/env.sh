# Sourced by every bench script. Paths are relative to bench/ (the scripts cd there).
# Overridable from the environment:
#   ROUNDS      timed rounds per measurement group (default 3); WARMUP untimed rounds first (default 0:
#               setup.sh has already built everything once)
#   APPS        which apps to measure (default: "hello-cli hello-service small large spring")
#   MVN         the Maven command (default: the project's ./mvnw, offline, batch, quiet)
#   JDK_HOME    the JDK for jdeps/jlink/jpackage (default: the one of `jpackage` on PATH)
#   BENCH_RUNTIME_ARGS   extra plugin arguments of the default (bundled runtime) build, if any
#   BENCH_JARONLY_ARGS   plugin arguments of a jar-only build (default -Djpackage-deb.runtime=none)
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
cd "$BENCH"
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-0}
APPS=${APPS:-hello-cli hello-service small large spring}
MVN=${MVN:-$ROOT/mvnw -o -B -q}
RAW=results/raw
WORK=work
mkdir -p "$RAW" "$WORK"
if [ -z "${JDK_HOME:-}" ]; then
  JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v jpackage)")")")
fi
export JDK_HOME
BENCH_JARONLY_ARGS=${BENCH_JARONLY_ARGS:--Djpackage-deb.runtime=none}
BENCH_RUNTIME_ARGS=${BENCH_RUNTIME_ARGS:-}
# the runtime cache of warm builds (cold builds get an empty one each run)
WARM_CACHE="$BENCH/$WORK/cache-warm"

# --- the applications -------------------------------------------------------------------------
# app_pom APP: the pom our plugin builds; app_gav APP: groupId artifactId version mainClass;
# app_target APP: its build directory
app_pom() {
  case "$1" in
    hello-cli|hello-service) echo "$ROOT/examples/$1/pom.xml" ;;
    small|large) echo "$BENCH/apps/$1-app/pom.xml" ;;
    spring) echo "$ROOT/examples/hello-spring-boot/pom.xml" ;;
  esac
}
app_target() {
  case "$1" in
    hello-cli|hello-service) echo "$ROOT/examples/$1/target" ;;
    small|large) echo "$BENCH/apps/$1-app/target" ;;
    spring) echo "$ROOT/examples/hello-spring-boot/target" ;;
  esac
}
app_gav() {
  case "$1" in
    hello-cli) echo "io.github.jpackagedeb hello-cli 1.0.0 io.github.jpackagedeb.examples.hello.HelloCli" ;;
    hello-service) echo "io.github.jpackagedeb hello-service 1.0.0 io.github.jpackagedeb.examples.service.HelloService" ;;
    small) echo "io.github.jpackagedeb.bench bench-small-app 1.0.0 com.example.svc.App" ;;
    large) echo "io.github.jpackagedeb.bench bench-large-app 1.0.0 com.example.svc.App" ;;
    spring) echo "io.github.jpackagedeb hello-spring-boot 1.0.0 io.github.jpackagedeb.examples.springboot.HelloSpringBoot" ;;
  esac
}
# whether the app is also packaged by jdeb and jpackage (staged closure, floors): not the Spring Boot example, whose
# jar is a repackaged fat jar that the jdeb wrapper and jpackage would ship differently (its rows are our plugin's)
app_baselines() {
  case "$1" in
    spring) return 1 ;;
    *) return 0 ;;
  esac
}
# the runtime modules the app's pom lists (then neither our plugin nor the jpackage command runs jdeps); empty: jdeps
app_modules() {
  case "$1" in
    large) echo "java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,jdk.management,jdk.unsupported" ;;
    *) echo "" ;;
  esac
}
# the command-line arguments that make the app print something and exit (for start-up timing); empty: none
app_quick_args() {
  case "$1" in
    hello-cli|small|large) echo "--version" ;;
    *) echo "" ;;
  esac
}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# size NAME FILE -> results/raw/sizes.tsv
size() {
  local b; b=$(stat -c %s "$2")
  { grep -v "^$1	" "$RAW/sizes.tsv" 2>/dev/null || true; printf '%s\t%s\n' "$1" "$b"; } > "$RAW/sizes.tsv.new"
  mv "$RAW/sizes.tsv.new" "$RAW/sizes.tsv"
}
