#!/usr/bin/env bash
# Times building APP's package every way, alternating (lib/rounds.sh): one round runs each
# command once, in this order, so each ratio compares runs made under the same load.
#   base        mvn package without our plugin (-Djpackage-deb.skip=true): the paired baseline
#   ours        mvn package, our plugin, default compression (xz), warm runtime cache
#   ours-appchange  the same after a change to the application (a new file in target/classes, so the
#               application jar differs): the edit-build loop, where the runtime and the dependencies stay
#   ours-appchange-nots  the same change with project.build.outputTimestamp not pinned (a single character
#               disables it, as Maven takes it): every tar header gets a new mtime, as in most projects
#   ours-zstd   the same with -Djpackage-deb.compression=zstd
#   ours-cold   the same as ours with an empty cache (jdeps, jlink and all compression run)
#   ours-cold-zstd  the same with zstd
#   ours-jaronly  jar-only package (no bundled runtime)
#   floor-xz, floor-zstd   dpkg-deb -b --root-owner-group -Z<same> of our package's own tree, at our level
#               (xz -6 is dpkg-deb's default too; zstd -z6, where dpkg-deb's default is 3)
#   jdeb-base   the jdeb wrapper build without jdeb (-Djdeb.skip=true): jdeb's paired baseline
#   jdeb-gzip, jdeb-xz     jdeb 1.14 through Maven, same jars (and the same runtime, if ours bundles one)
#   jpackage    jdeps + jpackage --type deb (it runs jlink and dpkg-deb), same jars (no jdeps when the
#               app's pom lists the runtime modules: then our plugin does not run it either)
# Usage: ./build.sh APP   (after setup.sh); LABELS="ours base floor-xz" to run a subset.
source "$(dirname "$0")/lib/env.sh"
app=$1
read -r g a v main <<< "$(app_gav "$app")"
w="$BENCH/$WORK/$app"; t=$(app_target "$app"); pom=$(app_pom "$app")
pkg=$(cat "$w/package")
M="$MVN -f $pom -DskipTests"
J="$MVN -f $BENCH/jdeb/pom.xml -Dapp.groupId=$g -Dapp.artifactId=$a -Dapp.version=$v -Dapp.mainClass=$main"
rt="$w/tree/usr/lib/$pkg/runtime"
if [ -d "$rt" ]; then J="$J -Pwith-runtime -Druntime.dir=$rt"; fi
keep() { echo "&& cp \$(ls -t $1 | head -1) $w/debs/$2.deb"; }
cold="$w/cold-cache"
cmds="$w/commands.tsv"
# ours-appchange leaves a changed application jar behind; every other build of the app first puts the unchanged
# jar back (untimed: rebuilt with forceCreation, since removing a file does not make maven-jar-plugin rebuild), so
# that "warm" means warm for each of them
restore="if [ -f $t/classes/bench-change.txt ]; then rm -f $t/classes/bench-change.txt; XDG_CACHE_HOME=$WARM_CACHE $M -Djpackage-deb.skip=true -Dmaven.jar.forceCreation=true package > /dev/null; fi"
{
  printf 'base\t%s; rm -f %s/*.deb\tXDG_CACHE_HOME=%s %s -Djpackage-deb.skip=true package\n' "$restore" "$t" "$WARM_CACHE" "$M"
  printf 'ours\t%s; rm -f %s/*.deb\tXDG_CACHE_HOME=%s %s %s package %s\n' "$restore" "$t" "$WARM_CACHE" "$M" "$BENCH_RUNTIME_ARGS" "$(keep "$t/*.deb" ours)"
  printf 'ours-appchange\trm -f %s/*.deb; mkdir -p %s/classes; date +%%s%%N > %s/classes/bench-change.txt\tXDG_CACHE_HOME=%s %s %s package %s\n' "$t" "$t" "$t" "$WARM_CACHE" "$M" "$BENCH_RUNTIME_ARGS" "$(keep "$t/*.deb" ours-appchange)"
  printf 'ours-appchange-nots\trm -f %s/*.deb; mkdir -p %s/classes; date +%%s%%N > %s/classes/bench-change.txt\tXDG_CACHE_HOME=%s %s %s -Dproject.build.outputTimestamp=a package %s\n' "$t" "$t" "$t" "$WARM_CACHE" "$M" "$BENCH_RUNTIME_ARGS" "$(keep "$t/*.deb" ours-appchange-nots)"
  printf 'ours-zstd\t%s; rm -f %s/*.deb\tXDG_CACHE_HOME=%s %s %s -Djpackage-deb.compression=zstd package %s\n' "$restore" "$t" "$WARM_CACHE" "$M" "$BENCH_RUNTIME_ARGS" "$(keep "$t/*.deb" ours-zstd)"
  printf 'ours-cold\t%s; rm -rf %s %s/*.deb\tXDG_CACHE_HOME=%s %s %s package %s\n' "$restore" "$cold" "$t" "$cold" "$M" "$BENCH_RUNTIME_ARGS" "$(keep "$t/*.deb" ours-cold)"
  printf 'ours-cold-zstd\t%s; rm -rf %s %s/*.deb\tXDG_CACHE_HOME=%s %s %s -Djpackage-deb.compression=zstd package %s\n' "$restore" "$cold" "$t" "$cold" "$M" "$BENCH_RUNTIME_ARGS" "$(keep "$t/*.deb" ours-cold-zstd)"
  printf 'ours-jaronly\t%s; rm -f %s/*.deb\tXDG_CACHE_HOME=%s %s %s package %s\n' "$restore" "$t" "$WARM_CACHE" "$M" "$BENCH_JARONLY_ARGS" "$(keep "$t/*.deb" ours-jaronly)"
  printf 'floor-xz\t-\tdpkg-deb -b --root-owner-group -Zxz %s %s/debs/floor-xz.deb\n' "$w/tree" "$w"
  printf 'floor-zstd\t-\tdpkg-deb -b --root-owner-group -Zzstd -z6 %s %s/debs/floor-zstd.deb\n' "$w/tree" "$w"
  printf 'jdeb-base\t-\t%s -Djdeb.skip=true package\n' "$J"
  printf 'jdeb-gzip\t-\t%s -Ddeb.compression=gzip package %s\n' "$J" "$(keep "$BENCH/jdeb/target/$a/*.deb" jdeb-gzip)"
  printf 'jdeb-xz\t-\t%s -Ddeb.compression=xz package %s\n' "$J" "$(keep "$BENCH/jdeb/target/$a/*.deb" jdeb-xz)"
  mods="\$($JDK_HOME/bin/jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --class-path '$w/input/*' $w/input/$a-$v.jar)"
  [ -n "$(app_modules "$app")" ] && mods="$(app_modules "$app")"   # listed in the app's pom: no jdeps either side
  printf 'jpackage\trm -rf %s/jpackage\t%s\n' "$w" "mods=$mods && $JDK_HOME/bin/jpackage --type deb --name $pkg --app-version $v --input $w/input --main-jar $a-$v.jar --main-class $main --add-modules \$mods --install-dir /usr/share/java --dest $w/jpackage --description 'bench app' --vendor Bench --linux-package-name $pkg --linux-deb-maintainer bench@example.org --linux-app-category java $(keep "$w/jpackage/*.deb" jpackage)"
} > "$cmds.all"
# which commands: LABELS, else the app's default set (every way for hello-cli and the large app; what the
# targets need for the others: the small app is there for the memory comparison)
case "$app" in
  hello-service) default="base ours ours-appchange ours-appchange-nots ours-zstd ours-cold floor-xz floor-zstd jdeb-base jdeb-gzip jdeb-xz jpackage" ;;
  small) default="base ours ours-zstd floor-xz floor-zstd" ;;
  spring) default="base ours ours-appchange-nots ours-cold ours-jaronly" ;;
  *) default="$(cut -f1 "$cmds.all" | paste -sd' ')" ;;
esac
labels=${LABELS:-$default}
for l in $labels; do grep -P "^$l\t" "$cmds.all"; done > "$cmds"
log "== build $app: $(cut -f1 "$cmds" | paste -sd' ')"
lib/rounds.sh "build-$app" "$cmds"
for d in "$w"/debs/*.deb; do size "$app/$(basename "$d" .deb)" "$d"; done
# leave the application as it was: without the file ours-appchange added, its jar rebuilt
if [ -f "$t/classes/bench-change.txt" ]; then
  rm -f "$t/classes/bench-change.txt"
  XDG_CACHE_HOME="$WARM_CACHE" $M -Djpackage-deb.skip=true package > "$WORK/logs/build-$app-restore.log" 2>&1 || true
fi
