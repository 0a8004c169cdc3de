#!/usr/bin/env bash
# Crash consistency of model saves: N times, start a real process that saves model versions to one
# file (studio.dqn.CrashSave run: the production ModelFile.save / AtomicFiles path, one I/O thread,
# saves and autosaves alternating), kill -9 it during a save, then check the file (CrashSave check):
# it is the previous complete version or the new one, it opens, `evaluate` prints its recorded
# score, and temp files do not pile up (at most the interrupted save's; the next start deletes it).
#
#   scripts/crash-save.sh N
#
# The kill moment cycles through: a save held just after its temp file is created (TEMP_CREATED),
# with its first 64 KiB written (WRITING), complete and fsynced but not yet moved (WRITTEN), just
# after the move (MOVED), and at a random moment (every point of a save then lingers 25 ms).
# The held save is the 1st, 2nd or 3rd of its process. After the N attempts one more start saves
# once and exits; its file is checked too, with no temp file allowed.
# Logs: target/crash-save/. Last line: "crash-save: N attempts, F files checked, X failures".
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:?usage: scripts/crash-save.sh N}
out=target/crash-save
build="-Ddqn.build.dir=$PWD/target/crash-build"
rm -rf "$out"
mkdir -p "$out/models"
nice mvn -B -o -q "$build" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$out/classpath" >/dev/null
cp="$PWD/target/crash-build/test-classes:$PWD/target/crash-build/classes:$(cat "$out/classpath")"
java=(java -Xmx1g -Djdk.serialFilter='!*' -Dorg.bytedeco.javacpp.maxbytes=1G -cp "$cp")
file="$out/models/model.dqn"
export OMP_NUM_THREADS=1

points=(TEMP_CREATED WRITING WRITTEN MOVED random)
checked=0
failures=0
for i in $(seq 1 "$n"); do
  point=${points[$(( (i - 1) % ${#points[@]} ))]}
  save=$(( RANDOM % 3 + 1 ))
  log="$out/attempt-$i.log"
  "${java[@]}" studio.dqn.CrashSave run "$file" "$point" "$save" >"$log" 2>&1 &
  pid=$!
  if [ "$point" = random ]; then
    # Wait for the first save to begin (start-up takes seconds), then a random 0 to 2 s.
    for _ in $(seq 1 1200); do grep -q '^saving' "$log" && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    sleep "$(( RANDOM % 2 )).$(( RANDOM % 10 ))"
  else
    for _ in $(seq 1 1200); do grep -q '^at ' "$log" && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  fi
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  verdict=$("${java[@]}" studio.dqn.CrashSave check "$file" "$log" 2>>"$out/check.err" | tail -1) || true
  checked=$((checked + 1))
  case "$verdict" in ok*) ;; *) failures=$((failures + 1)) ;; esac
  echo "attempt $i ($point, save $save): ${verdict:-FAIL (no verdict, see $out/check.err)}"
done

# The next start after the last kill: one save, a normal exit, then no temp file may remain.
log="$out/final.log"
"${java[@]}" studio.dqn.CrashSave once "$file" >"$log" 2>&1 || true
verdict=$("${java[@]}" studio.dqn.CrashSave check "$file" "$log" 2>>"$out/check.err" | tail -1) || true
checked=$((checked + 1))
left=$(ls -A "$out/models" | grep -c '\.tmp$' || true)
if [[ "$verdict" != ok* ]] || [ "$left" -ne 0 ]; then
  failures=$((failures + 1))
  verdict="FAIL ($left temp files left) $verdict"
fi
echo "next start: $verdict"
echo "crash-save: $n attempts, $checked files checked, $failures failures"
[ "$failures" -eq 0 ]
