#!/usr/bin/env bash
# Runs a command and prints the peak resident memory of its whole process tree (the launcher and
# the JVM it relaunches, summed), sampled every 0.2 s from /proc, as the last line of stderr:
#   peak RSS: 512 MB (process tree), N samples
# Usage: scripts/peak-rss.sh COMMAND [ARGS...]   (issue 13 §4; the command's exit code is kept)
set -uo pipefail
"$@" &
ROOT=$!
PEAK=0
N=0
tree() { # PID and its descendants
  local p=$1
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done
}
while kill -0 "$ROOT" 2>/dev/null; do
  SUM=0
  for p in $(tree "$ROOT"); do
    KB=$(awk '/^VmRSS:/ {print $2}' /proc/"$p"/status 2>/dev/null || echo 0)
    SUM=$((SUM + ${KB:-0}))
  done
  [ "$SUM" -gt "$PEAK" ] && PEAK=$SUM
  N=$((N + 1))
  sleep 0.2
done
wait "$ROOT"
CODE=$?
echo "peak RSS: $((PEAK / 1024)) MB (process tree), $N samples" >&2
exit "$CODE"
