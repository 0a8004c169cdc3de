#!/usr/bin/env bash
# Takes docs/runs-pane.png from the real window under Xvfb: a small library (a sweep of 2 learning
# rates × 3 seeds of the fast preset, 20 000 env steps each; about 2 minutes with 2 workers) is made
# with `sweep`, then the studio opens it (-Ddqn.runs.dir), the Runs tab is clicked, every run ticked and
# grouped by config. The clicks are at the places the buttons have in a 1400 × 900 window.
# Needs: apt-get install -y xvfb xdotool imagemagick; the jar (mvn -B package -DskipTests).
# Usage: scripts/runs-pane-screenshot.sh [JAR] [LIBRARY]   (an existing LIBRARY is reused)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-target/dqn-studio.jar}
LIBRARY=${2:-$(mktemp -d)/runs}
DISPLAY_NUM=:96
[ -f "$JAR" ] || { echo "error: $JAR missing: run mvn -B package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d)
if [ ! -d "$LIBRARY/sweep-lr" ]; then
  cat > "$WORK/spec.json" <<'JSON'
{"preset": "fast", "set": {"totalEnvSteps": 20000, "evalEvery": 2000, "evalEpisodes": 5, "stopWhenSolved": false}, "grid": {"learningRate": [0.0005, 0.0023]}, "seeds": "1..3"}
JSON
  java -jar "$JAR" sweep "$WORK/spec.json" --out "$LIBRARY/sweep-lr" --workers 2
fi
Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
  kill "$XVFB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
sleep 1
cat > "$WORK/prefs.json" <<JSON
{"formatVersion": 1, "windowX": 0, "windowY": 0, "windowWidth": 1400, "windowHeight": 900, "windowMaximized": false, "theme": "LIGHT"}
JSON
DISPLAY=$DISPLAY_NUM HOME="$WORK" java -Ddqn.prefs.file="$WORK/prefs.json" -Ddqn.runs.dir="$LIBRARY" -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP=$!
WIN=
for _ in $(seq 60); do
  WIN=$(DISPLAY=$DISPLAY_NUM xdotool search --name "DQN Studio" 2>/dev/null | head -1 || true)
  [ -n "$WIN" ] && break
  sleep 1
done
[ -n "$WIN" ] || { echo "error: no studio window after 60 s" >&2; cat "$WORK/app.log" >&2; exit 1; }
sleep 5
x() { DISPLAY=$DISPLAY_NUM xdotool "$@"; }
x mousemove 508 93 click 1    # the Runs tab
sleep 2
x mousemove 826 132 click 1   # Tick shown
sleep 1
x mousemove 891 132 click 1   # Group by config
sleep 5
DISPLAY=$DISPLAY_NUM import -window root docs/runs-pane.png
echo "docs/runs-pane.png ($(identify -format '%wx%h' docs/runs-pane.png), $(du -k docs/runs-pane.png | cut -f1) kB) from $LIBRARY"
