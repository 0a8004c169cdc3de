#!/usr/bin/env bash
# Fuzzes every parser of outside input with Jazzer, one target after another, SECONDS each.
#
#   scripts/fuzz.sh SECONDS [Class#method ...]     (default: every target below)
#
# Each target runs in its own JVM (-Xmx1g, at nice 19) in Jazzer's fuzzing mode (JAZZER_FUZZ=1),
# starting from its committed corpus in src/test/resources/studio/dqn/<pkg>/<Class>Inputs/<method>/.
# Inputs that reach new code are kept in .cifuzz-corpus/ (not committed); a finding stops the
# target and is written by Jazzer into the corpus folder as crash-<sha1> / timeout-<sha1> (commit it
# once fixed: `mvn verify` then replays it). An input running longer than 10 s of wall time is
# a timeout finding; the targets themselves fail an input that takes more than 2 s of CPU.
# Logs: target/fuzz/<Class>.<method>.log. Exit code 0 only when no target found anything.
# The last line: "fuzz: T targets, E executions in S s, F findings".
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS [Class#method ...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    studio.dqn.training.ModelFileFuzzTest#fileBytes
    studio.dqn.training.ModelFileFuzzTest#entries
    studio.dqn.config.ConfigJsonFuzzTest#configFile
    studio.dqn.cli.CommandLineFuzzTest#commandLine
    studio.dqn.interop.OnnxExportFuzzTest#exportLoadedModel
  )
fi

# A build folder of its own, so that a build or test run in the same checkout meanwhile (which
# recompiles into target/) does not change the classes under a running fuzzer.
build="-Ddqn.build.dir=$PWD/target/fuzz-build"
mkdir -p target/fuzz
nice -n 19 mvn -B -o -q "$build" test-compile

findings_in() { # the finding files Jazzer has written for one target
  local class=${1%#*} method=${1#*#}
  local dir="src/test/resources/$(dirname "${class//.//}")/${class##*.}Inputs/$method"
  ls "$dir" 2>/dev/null | grep -E '^(crash|timeout|oom|leak|slow-unit)-' || true
}

total_execs=0
total_seconds=0
total_findings=0
for t in "${targets[@]}"; do
  log="target/fuzz/${t/\#/.}.log"
  tmp=$(mktemp -d "$PWD/target/fuzz/tmp.XXXXXX")
  before=$(findings_in "$t")
  start=$(date +%s)
  # -Djazzer.internal.arg.*: libFuzzer flags after @FuzzTest's own, so that they win (Jazzer 0.24 has no
  # other way to set the duration from outside). java.io.tmpdir is private so that NoWrites can watch it.
  # Coverage is measured in our classes only (Jazzer's default here): instrumenting Jackson took minutes
  # at nice 19 on the shared machine (51 s for ObjectMapper alone); Jazzer's hooks still guide the
  # comparisons our code makes (setting names, entry names, enum values).
  set +e
  JAZZER_FUZZ=1 nice -n 19 mvn -B -o "$build" surefire:test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.jvm.args="-Djdk.attach.allowAttachSelf=true -Djava.io.tmpdir=$tmp -Ddqn.fuzz.privateTmp=true \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$seconds -Djazzer.internal.arg.2=-timeout=10" \
    >"$log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  rm -rf "$tmp"
  # libFuzzer's own count: "Done N runs in S second(s)" at a normal end, else the last "#N" status line.
  execs=$(grep -aoE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  if [ -z "$execs" ]; then
    execs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  fi
  execs=${execs:-0}
  new=$(comm -13 <(echo "$before") <(findings_in "$t") | grep . || true)
  count=$(echo -n "$new" | grep -c . || true)
  if [ "$rc" -ne 0 ] && [ "$count" -eq 0 ]; then
    count=1 # failed without a finding file (e.g. the JVM died): look at the log
    new="(no finding file; exit code $rc, see $log)"
  fi
  echo "$t: $execs executions in ${elapsed} s, $count finding(s)${new:+: $(echo $new)}"
  total_execs=$((total_execs + execs))
  total_seconds=$((total_seconds + elapsed))
  total_findings=$((total_findings + count))
done
echo "fuzz: ${#targets[@]} targets, $total_execs executions in $total_seconds s, $total_findings findings"
[ "$total_findings" -eq 0 ]
