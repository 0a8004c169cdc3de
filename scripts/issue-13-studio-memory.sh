#!/usr/bin/env bash
# Issue 13 §4: the studio's memory over a long run at Max, started as a user would (plain `java -jar`,
# no JVM options: the launcher bounds itself). Opens the real window under Xvfb with the fast preset
# made endless (20 M env steps, no stop when solved), presses Start at Max, samples the process tree's
# RSS every 10 s for MINUTES and prints the curve's start, middle and end, the peak after warm-up and
# the medians of its three thirds (flat: they agree). Goal: ≤ 800 MB and flat. Needs Xvfb, xdotool and the jar (mvn -B package -DskipTests).
# Usage: scripts/issue-13-studio-memory.sh [MINUTES]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-30}
JAR=${DQN_JAR:-target/dqn-studio.jar}
DISPLAY_NUM=${DISPLAY_NUM:-:97}
[ -f "$JAR" ] || { echo "error: $JAR missing: run mvn -B package -DskipTests" >&2; exit 2; }
W=$(mktemp -d)
Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
sleep 1
python3 - resources/presets/fast.json >"$W/cfg.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["config"]
c.update(totalEnvSteps=20_000_000, stopWhenSolved=False)
print(json.dumps(c))
PY
printf '{"formatVersion": 1, "windowX": 0, "windowY": 0, "windowWidth": 1400, "windowHeight": 900, "windowMaximized": false, "theme": "LIGHT"}' >"$W/prefs.json"
mkdir -p "$W/home"
DISPLAY=$DISPLAY_NUM HOME="$W/home" java -Ddqn.prefs.file="$W/prefs.json" -Ddqn.studio.config="$W/cfg.json" \
  -Ddqn.studio.speed=MAX -Ddqn.runs.dir="$W/runs" -jar "$JAR" >"$W/s.log" 2>&1 &
APP=$!
WIN=
for _ in $(seq 90); do
  WIN=$(DISPLAY=$DISPLAY_NUM xdotool search --name "DQN Studio" 2>/dev/null | head -1 || true)
  [ -n "$WIN" ] && grep -q "engine ready" "$W/s.log" && break
  sleep 1
done
[ -n "$WIN" ] || { echo "error: no studio window" >&2; cat "$W/s.log" >&2; exit 1; }
sleep 2
DISPLAY=$DISPLAY_NUM xdotool mousemove 700 250 click 1 key space   # Space is Start
tree() { echo "$1"; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$c"; done; }
: >"$W/rss.txt"
END=$(( $(date +%s) + MINUTES * 60 ))
while [ "$(date +%s)" -lt "$END" ] && kill -0 "$APP" 2>/dev/null; do
  SUM=0
  for p in $(tree "$APP"); do KB=$(awk '/^VmRSS:/ {print $2}' /proc/"$p"/status 2>/dev/null || echo 0); SUM=$((SUM + ${KB:-0})); done
  echo "$(( $(date +%s) - END + MINUTES * 60 )) $((SUM / 1024))" >>"$W/rss.txt"
  sleep 10
done
DISPLAY=$DISPLAY_NUM import -window root /tmp/issue-13-studio-memory.png || true
cp "$W/rss.txt" /tmp/issue-13-studio-memory.txt
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
python3 - "$W/rss.txt" "$MINUTES" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
t = [r[0] for r in rows]; m = [r[1] for r in rows]
def at(frac):
    i = min(range(len(t)), key=lambda k: abs(t[k] - frac * t[-1])); return f"{m[i]} MB at {t[i] // 60} min"
warm = [x for x, s in zip(m, t) if s >= 120]
import statistics
thirds = [[x for s, x in rows if k * t[-1] / 3 <= s < (k + 1) * t[-1] / 3 + (k == 2)] for k in range(3)]
med = ", ".join(f"{statistics.median(th):.0f}" for th in thirds if th)
print(f"issue-13-studio-memory: {len(rows)} samples over {t[-1] // 60} min at Max: start {at(0.05)}, middle {at(0.5)}, "
      f"end {at(1.0)}; peak after 2 min {max(warm) if warm else max(m)} MB (goal <= 800); medians of the three thirds {med} MB")
PY
