#!/usr/bin/env bash
# Alternating timer: runs every command of a group once per round, in the listed order
# (A B C, A B C, ...), so that ratios are taken between runs made under the same machine load.
#
#   lib/rounds.sh GROUP COMMANDS.tsv
#
# COMMANDS.tsv: one line per command, tab-separated: LABEL  PREPARE  COMMAND
#   PREPARE runs untimed before each timed run (e.g. emptying a cache); "-" for none.
#   COMMAND runs under GNU time (/usr/bin/time) through bash -c; its output goes to work/logs/.
# Rounds: $WARMUP untimed warm-up rounds, then $ROUNDS timed ones.
# Appends to results/raw/GROUP.tsv: round, label, wall s, user s, sys s, peak RSS KiB, exit code
# (peak RSS = the largest single process GNU time waited for, e.g. Maven's JVM).
source "$(dirname "$0")/env.sh"
group=$1; cmds=$2
out="$RAW/$group.tsv"; mkdir -p "$WORK/logs"
printf 'round\tlabel\twall\tuser\tsys\trss_kib\trc\n' > "$out"
{ echo "# group $group ($ROUNDS rounds after $WARMUP warm-up), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  sed 's/^/#   /' "$cmds"; } > "$RAW/$group.cmds"
total=$((WARMUP + ROUNDS))
for ((r = 1; r <= total; r++)); do
  tag=$r; [ "$r" -le "$WARMUP" ] && tag="w$r"
  while IFS=$'\t' read -r label prep cmd; do
    [ -z "$label" ] || [ "${label:0:1}" = "#" ] && continue
    if [ "$prep" != "-" ]; then bash -c "$prep" > "$WORK/logs/$group-$label-prep.log" 2>&1 < /dev/null; fi
    lg="$WORK/logs/$group-$label-$tag.log"
    rc=0
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.out" bash -c "$cmd" > "$lg" 2>&1 < /dev/null || rc=$?
    read -r wall user sys rss < <(tail -1 "$WORK/time.out")
    [ "$rc" = 0 ] || log "  $group/$label round $tag FAILED (exit $rc), see bench/$lg"
    if [ "$r" -gt "$WARMUP" ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$((r - WARMUP))" "$label" "$wall" "$user" "$sys" "$rss" "$rc" >> "$out"
    fi
    log "  $group/$label round $tag: ${wall}s wall, $(echo "$user + $sys" | bc)s cpu, $((rss / 1024)) MiB"
  done < "$cmds"
done
