#!/usr/bin/env bash
# Prepares everything the measurements share (run by run.sh; idempotent):
#  1. installs this checkout's plugin into ~/.m2 (the bench poms use 0.1.0-SNAPSHOT from there),
#     and the example apps and bench apps (for the jdeb wrapper, which depends on them);
#  2. per app: one build with our plugin into a warm runtime cache (work/cache-warm), kept as
#     work/<app>/ours.deb, unpacked with dpkg-deb -R into work/<app>/tree (the staged tree the
#     dpkg-deb floor builds from); the jar closure jdeb stages (work/<app>/input, jpackage's --input);
#     the jdeps module list (work/<app>/modules.txt, what jpackage is given).
# First time on a machine, ONLINE=1 lets Maven download what is missing.
source "$(dirname "$0")/lib/env.sh"
[ -n "${ONLINE:-}" ] && MVN=${MVN/ -o / }
log "installing the plugin and the examples from $ROOT"
(cd "$ROOT" && $MVN install -pl jpackage-deb-maven-plugin -am -DskipTests)
(cd "$ROOT" && $MVN install -pl examples/hello-cli,examples/hello-service -DskipTests -Djpackage-deb.skip=true)
for a in small large; do
  $MVN -f "$(app_pom $a)" install -Djpackage-deb.skip=true
done
mkdir -p "$WARM_CACHE"
for app in $APPS; do
  read -r g a v main <<< "$(app_gav "$app")"
  w="$WORK/$app"; t=$(app_target "$app")
  rm -rf "$w"; mkdir -p "$w/debs"
  log "$app: a build with our plugin into the warm cache"
  rm -f "$t"/*.deb
  XDG_CACHE_HOME="$WARM_CACHE" $MVN -f "$(app_pom "$app")" -DskipTests $BENCH_RUNTIME_ARGS package
  deb=$(ls "$t"/*.deb | head -1)
  cp "$deb" "$w/debs/ours.deb"
  # a jar-only build too, so that its xz blocks are in the warm cache as well
  XDG_CACHE_HOME="$WARM_CACHE" $MVN -f "$(app_pom "$app")" -DskipTests $BENCH_JARONLY_ARGS package
  rm -f "$t"/*.deb
  dpkg-deb -R "$w/debs/ours.deb" "$w/tree"
  pkg=$(dpkg-deb -f "$w/debs/ours.deb" Package)
  echo "$pkg" > "$w/package"
  log "$app: $(basename "$deb"), $(stat -c %s "$w/debs/ours.deb") bytes, $(dpkg-deb -c "$w/debs/ours.deb" | grep -c '\.jar$') jars"
  app_baselines "$app" || continue
  # what jdeb and jpackage package: the same jar closure (jdeb's wrapper stages it)
  $MVN -f jdeb/pom.xml -Dapp.groupId="$g" -Dapp.artifactId="$a" -Dapp.version="$v" -Dapp.mainClass="$main" \
      -Djdeb.skip=true package
  mkdir -p "$w/input"; cp -a "jdeb/target/$a/stage/lib/." "$w/input/"
  "$JDK_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
      --class-path "$w/input/*" "$w/input/$a-$v.jar" > "$w/modules.txt" 2> "$w/jdeps.err" \
      || echo "java.base,java.logging,java.naming,java.sql,java.management,jdk.unsupported" > "$w/modules.txt"
  log "$app: $(ls "$w/input" | wc -l) jars, $(du -sb "$w/input" | cut -f1) bytes; modules $(cat "$w/modules.txt")"
done
