#!/usr/bin/env bash
# Issue 11: the studio's cost to training. Runs the same settings headless (`train`) and in the real
# studio window at Max with every panel open (the canvas, the Q panel, the policy map, the Dashboard
# tab selected), alternately, RUNS times each, and prints the medians of env steps per training second,
# their ratio (goal ≥ 0.9), the FX thread's CPU share during the studio runs (goal < 10 % of a core) and
# the policy map's cost (maps computed × ms each, as a share of the training time; goal < 5 %).
# DIAG="-Ddqn.diag.noinsight=true -Ddqn.diag.nodash=true" runs the studio without the Q panel, the map
# and the dashboard, for the same comparison without them.
# Needs Xvfb, xdotool and the jar (mvn -B package -DskipTests). Usage: scripts/issue-11-studio-overhead.sh [RUNS] [PRESET] [ENV_STEPS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PRESET=${2:-fast}
STEPS=${3:-30000}
JAR=${DQN_JAR:-target/dqn-studio.jar}
DISPLAY_NUM=${DISPLAY_NUM:-:96}
[ -f "$JAR" ] || { echo "error: $JAR missing: run mvn -B package -DskipTests" >&2; exit 2; }
W=$(mktemp -d)
Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
sleep 1
if [ "$PRESET" = tutorial ]; then LENGTH=(--steps "$STEPS"); else LENGTH=(--env-steps "$STEPS" --set stopWhenSolved=false); fi
for i in $(seq "$RUNS"); do
  java -jar "$JAR" train --preset "$PRESET" "${LENGTH[@]}" --seed 1 --out "$W/h$i.dqn" >/dev/null 2>"$W/h$i.err"
  python3 - "$W/h$i.metrics.json" >>"$W/headless.txt" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["scalars"]
print(m["wall_seconds"][-1][0] / m["wall_seconds"][-1][1])
PY
  if [ "$i" = 1 ]; then
    unzip -p "$W/h1.dqn" manifest.json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["config"]))' >"$W/cfg.json"
    printf '{"formatVersion": 1, "windowX": 0, "windowY": 0, "windowWidth": 1400, "windowHeight": 900, "windowMaximized": false, "theme": "LIGHT"}' >"$W/prefs.json"
  fi
  mkdir -p "$W/home$i"
  DISPLAY=$DISPLAY_NUM HOME="$W/home$i" java -Ddqn.prefs.file="$W/prefs.json" -Ddqn.studio.config="$W/cfg.json" \
    -Ddqn.studio.speed=MAX ${DIAG:-} -jar "$JAR" >"$W/s$i.log" 2>&1 &
  APP=$!
  WIN=
  for _ in $(seq 60); do
    WIN=$(DISPLAY=$DISPLAY_NUM xdotool search --name "DQN Studio" 2>/dev/null | head -1 || true)
    [ -n "$WIN" ] && grep -q "engine ready" "$W/s$i.log" && break
    sleep 1
  done
  [ -n "$WIN" ] || { echo "error: no studio window" >&2; cat "$W/s$i.log" >&2; exit 1; }
  sleep 2
  DISPLAY=$DISPLAY_NUM xdotool mousemove 524 507 click 1   # the Dashboard tab
  sleep 1
  DISPLAY=$DISPLAY_NUM xdotool mousemove 700 250 click 1 key space   # Space is Start
  for _ in $(seq 600); do grep -q "run completed" "$W/s$i.log" && break; sleep 0.5; done
  sleep 1
  [ "$i" = 1 ] && DISPLAY=$DISPLAY_NUM import -window root "$W/studio-at-max.png" && cp "$W/studio-at-max.png" /tmp/issue-11-studio-at-max.png
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
  grep "run completed" "$W/s$i.log" | sed 's/.*run completed: //' >>"$W/studio.txt"
  grep "insight during the run" "$W/s$i.log" | sed "s/.*insight during the run: //" >>"$W/maps.txt" || true
done
python3 - "$W" <<'PY'
import re, statistics as st, sys
w = sys.argv[1]
head = [float(l) for l in open(w + "/headless.txt")]
studio, fx, maps = [], [], []
mlines = open(w + "/maps.txt").read().splitlines()
for k, line in enumerate(open(w + "/studio.txt")):
    m = re.search(r"([\d.]+) s of training \((\d+) env steps/s\); FX thread ([\d.]+) s CPU over ([\d.]+) s \(([\d.]+) %", line)
    studio.append(float(m.group(2))); fx.append(float(m.group(5)))
    mm = re.search(r"(\d+) maps, ([\d.]+) ms each", mlines[k]) if k < len(mlines) else None
    if mm:  # none when the panels are switched off (DIAG=-Ddqn.diag.noinsight=true)
        maps.append(int(mm.group(1)) * float(mm.group(2)) / 1000 / float(m.group(1)) * 100)
print("headless env steps/s:", [round(h) for h in head], "median", round(st.median(head)))
print("studio   env steps/s:", studio, "median", st.median(studio))
print("ratio studio/headless (median): %.3f" % (st.median(studio) / st.median(head)))
print("FX thread, %% of a core: %s median %.1f" % (fx, st.median(fx)))
if maps:
    print("policy map computing, %% of training time: %s median %.1f" % ([round(x, 1) for x in maps], st.median(maps)))
for l in open(w + "/maps.txt"):
    print("  maps:", l.strip())
PY
