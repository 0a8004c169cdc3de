#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 — one master and two workers, separate JVMs — built from the
# project's Maven artifacts (no Spark download or install, no internet beyond Maven Central), runs a sweep of
# 2 configs x 3 seeds with --engine spark, kills one worker (and its executor) while trials run, and checks:
# every trial finished exactly once (one finished run.json per trial id, no other folders, no staging left;
# task attempts counted from Spark's event log), and summary.json equals the same sweep run by the local
# engine (ignoring wall times). Stops everything it started (by PID) and prints one summary line last.
#
#   scripts/sweep-on-spark-standalone.sh
#
# Environment: DQN_BUILD_DIR (default: target/ of the checkout), MVN (default: mvn), KEEP=1 keeps the work folder.
# Needs: a JDK 17, Maven, python3 (for the JSON checks).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${DQN_BUILD_DIR:-$ROOT/target}
MVN=${MVN:-mvn}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dqn-spark-standalone.XXXXXX")
NAME=sweep-on-spark-standalone
STEP="starting"
PIDS=()
T0=$(date +%s)

finish() {
  local rc=$?
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do [[ -n $pid ]] && kill "$pid" 2>/dev/null || true; done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do [[ -n $pid ]] && { wait "$pid" 2>/dev/null || true; }; done
  # the executors' JavaCPP caches (SparkEngine: /tmp/dqn-javacpp-APP-EXECUTOR), ~350 MB of natives each
  for app in "$WORK"/worker-*/app-*; do [[ -d $app ]] && rm -rf /tmp/dqn-javacpp-"$(basename "$app")"-*; done
  if [[ $rc -ne 0 ]]; then
    echo "logs in $WORK (master.log, worker-*.log, worker-*/app-*/*/stderr, driver.log)" >&2
    echo "$NAME: FAILED — $STEP (exit $rc)"
  elif [[ -z "${KEEP:-}" ]]; then
    rm -rf "$WORK"
  fi
}
trap finish EXIT
fail() { STEP="$1"; exit 1; }
log() { echo "[$NAME] $*" >&2; }

command -v python3 >/dev/null || fail "python3 is needed for the checks"
pomprop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
SPARK_VERSION=$(pomprop spark.version)
read -r -a SPARK_JVM <<< "$(pomprop spark.jvm.args)"

STEP="building the app and the cluster jar (mvn -Pcluster package)"
log "$STEP"
(cd "$ROOT" && "$MVN" -B -q -Pcluster -DskipTests package -Ddqn.build.dir="$BUILD") > "$WORK/build.log" 2>&1 || fail "$STEP: see $WORK/build.log"
JAR="$BUILD/dqn-studio-cluster.jar"

STEP="resolving Spark $SPARK_VERSION from Maven into a SPARK_HOME"
log "$STEP"
"$MVN" -B -q -f "$ROOT/scripts/spark-standalone/pom.xml" dependency:build-classpath -Dspark.version="$SPARK_VERSION" \
  -Dspark.classpath="$WORK/spark.classpath" > "$WORK/spark-deps.log" 2>&1 || fail "$STEP: see $WORK/spark-deps.log"
export SPARK_HOME="$WORK/spark-home"   # the launcher builds executors' class path from SPARK_HOME/jars
mkdir -p "$SPARK_HOME/jars"
echo "Spark $SPARK_VERSION, jars from Maven Central" > "$SPARK_HOME/RELEASE"   # marks a distribution: classes in jars/
tr ':' '\n' < "$WORK/spark.classpath" | while read -r j; do ln -s "$j" "$SPARK_HOME/jars/"; done
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$WORK" OMP_NUM_THREADS=1
SPARK_CP="$SPARK_HOME/jars/*"

cat > "$WORK/spec.json" <<'EOF'
{"preset": "fast", "set": {"totalEnvSteps": 6000, "learningStarts": 512, "evalEvery": 2000, "evalEpisodes": 3, "bufferSize": 8192},
 "grid": {"learningRate": [0.001, 0.0023]}, "seeds": [1, 2, 3]}
EOF

STEP="the same sweep on the local engine (the reference)"
log "$STEP"
"$JAVA" -Xmx640m -jar "$BUILD/dqn-studio.jar" sweep "$WORK/spec.json" --out "$WORK/local" --workers 2 > "$WORK/local.log" 2>&1 \
  || fail "$STEP: see $WORK/local.log"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
STEP="starting the Spark master"
MPORT=$(free_port)
"$JAVA" -Xmx256m "${SPARK_JVM[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MPORT" --webui-port "$(free_port)" > "$WORK/master.log" 2>&1 &
PIDS+=($!)
MASTER=spark://127.0.0.1:$MPORT
for _ in $(seq 120); do grep -qs "I have been elected leader" "$WORK/master.log" && break; sleep 0.5; done
grep -q "I have been elected leader" "$WORK/master.log" || fail "$STEP: see $WORK/master.log"

STEP="starting two Spark workers"
WORKER=()
for w in 1 2; do
  "$JAVA" -Xmx256m "${SPARK_JVM[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port "$(free_port)" --work-dir "$WORK/worker-$w" "$MASTER" \
    > "$WORK/worker-$w.log" 2>&1 &
  PIDS+=($!); WORKER+=($!)
done
for _ in $(seq 120); do [[ $(grep -c "Registering worker" "$WORK/master.log") -ge 2 ]] && break; sleep 0.5; done
[[ $(grep -c "Registering worker" "$WORK/master.log") -ge 2 ]] || fail "$STEP: see $WORK/worker-*.log"
log "master $MASTER, workers ${WORKER[*]}"

STEP="submitting the sweep (spark-submit, client mode)"
log "$STEP"
mkdir -p "$WORK/events"
T1=$(date +%s)
"$JAVA" -Xmx512m "${SPARK_JVM[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER" --deploy-mode client --class studio.dqn.Launcher \
  --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false \
  --conf spark.executor.memory=640m --conf spark.executor.cores=1 --conf spark.cores.max=2 \
  --conf spark.eventLog.enabled=true --conf spark.eventLog.dir="file://$WORK/events" \
  --conf spark.eventLog.rolling.enabled=false --conf spark.eventLog.compress=false \
  "$JAR" sweep "$WORK/spec.json" --out "$WORK/spark" --engine spark > "$WORK/driver.log" 2>&1 &
DRIVER=$!
PIDS+=($DRIVER)

STEP="killing a worker while it runs a trial, after one trial finished"
KILLED=""
while kill -0 "$DRIVER" 2>/dev/null; do
  done_trials=$(find "$WORK/spark" -mindepth 2 -maxdepth 2 -name run.json -not -path '*/.attempts/*' 2>/dev/null | wc -l || true)
  if [[ $done_trials -ge 1 ]]; then
    # a trial being trained: its staging run.json names the executor's pid, whose parent is a worker we started
    for f in "$WORK"/spark/.attempts/*/*/run.json; do
      [[ -f $f ]] || continue
      exec_pid=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["pid"] if d["status"]=="running" else "")' "$f" 2>/dev/null || true)
      [[ -n $exec_pid ]] || continue
      parent=$(ps -o ppid= -p "$exec_pid" 2>/dev/null | tr -d ' ' || true)
      for w in "${WORKER[@]}"; do
        if [[ $parent == "$w" ]]; then
          kill -9 "$w" "$exec_pid"   # the machine is gone: its worker and its executor
          { wait "$w"; } 2>/dev/null || true
          KEPT=(); for p in "${PIDS[@]}"; do [[ $p == "$w" ]] || KEPT+=("$p"); done; PIDS=("${KEPT[@]}")
          KILLED="worker $w (executor $exec_pid, running $(basename "$(dirname "$f")")) after $done_trials finished trial(s)"
          break 3
        fi
      done
    done
  fi
  sleep 0.3
done
[[ -n $KILLED ]] || fail "$STEP: the sweep ended first (see $WORK/driver.log)"
log "killed $KILLED"

STEP="waiting for the sweep on the surviving worker"
set +e; wait "$DRIVER"; DRC=$?; set -e
T2=$(date +%s)
[[ $DRC -eq 0 ]] || fail "the Spark sweep exited with $DRC (see $WORK/driver.log)"

STEP="checking the trials and the summary"
RESULT=$(python3 - "$WORK" <<'PY'
import glob, json, os, sys
work = sys.argv[1]
local, spark = os.path.join(work, "local"), os.path.join(work, "spark")
trials = sorted(d for d in os.listdir(local) if os.path.isdir(os.path.join(local, d)))
extra = {"spec.json", "summary.json", "summary.csv"}
entries = sorted(os.listdir(spark))
problems = []
if sorted(set(entries) - extra) != trials:
    problems.append("folders %s, expected the trials %s" % (entries, trials))
finished = 0
for t in trials:
    try:
        if json.load(open(os.path.join(spark, t, "run.json")))["status"] == "finished":
            finished += 1
        else:
            problems.append(t + " not finished")
    except OSError as e:
        problems.append(str(e))
def configs(d):
    def strip(n):
        if isinstance(n, dict):
            n.pop("wall_seconds", None)
            for v in n.values(): strip(v)
        elif isinstance(n, list):
            for v in n: strip(v)
        return n
    return strip(json.load(open(os.path.join(d, "summary.json"))))["configs"]
if configs(local) != configs(spark):
    problems.append("summary.json differs from the local engine's")
ok = lost = other = 0
for f in glob.glob(os.path.join(work, "events", "*")):
    for line in open(f):
        e = json.loads(line)
        if e.get("Event") == "SparkListenerTaskEnd":
            reason = e["Task End Reason"]["Reason"]
            ok += reason == "Success"
            lost += reason == "ExecutorLostFailure"
            other += reason not in ("Success", "ExecutorLostFailure")
if ok != len(trials):
    problems.append("%d successful tasks for %d trials" % (ok, len(trials)))
print("%s|%d/%d trials finished once (%d task attempts: %d succeeded, %d lost with the worker%s)|%d configs" % (
    "; ".join(problems) or "OK", finished, len(trials), ok + lost + other, ok, lost,
    ", %d failed otherwise" % other if other else "", len(configs(spark))))
PY
)
IFS='|' read -r VERDICT TRIALS CONFIGS <<< "$RESULT"
[[ $VERDICT == OK ]] || fail "$VERDICT"
grep -E '^\[[0-9]+/[0-9]+\]' "$WORK/driver.log" >&2 || true
log "killed $KILLED"
STEP="done"
echo "$NAME: OK — $TRIALS, 1 worker killed mid-sweep, summary = local engine; $CONFIGS, Spark sweep wall $((T2 - T1)) s (script $(( $(date +%s) - T0 )) s)"
