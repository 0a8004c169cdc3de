#!/usr/bin/env bash
# Retakes the README's screenshots from the real window under Xvfb: the studio at 1400 × 900, trained
# for SECONDS (default 25) at the default speed, in the light and the dark theme.
# Needs: apt-get install -y xvfb xdotool imagemagick; the jar (mvn -B package -DskipTests).
# Usage: scripts/readme-screenshots.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TRAINED=${1:-25}
DISPLAY_NUM=:97
[ -f target/dqn-studio.jar ] || { echo "error: target/dqn-studio.jar missing: run mvn -B package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d)
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
for theme in light dark; do
  THEME=$(echo "$theme" | tr a-z A-Z)
  cat > "$WORK/prefs.json" <<JSON
{"formatVersion": 1, "windowX": 0, "windowY": 0, "windowWidth": 1400, "windowHeight": 900, "windowMaximized": false, "theme": "$THEME"}
JSON
  DISPLAY=$DISPLAY_NUM HOME="$WORK" java -Ddqn.prefs.file="$WORK/prefs.json" -jar target/dqn-studio.jar >"$WORK/$theme.log" 2>&1 &
  APP=$!
  for _ in $(seq 60); do
    WIN=$(DISPLAY=$DISPLAY_NUM xdotool search --name "DQN Studio" 2>/dev/null | head -1 || true)
    [ -n "$WIN" ] && break
    sleep 1
  done
  [ -n "$WIN" ] || { echo "error: no studio window after 60 s" >&2; cat "$WORK/$theme.log" >&2; exit 1; }
  sleep 4
  DISPLAY=$DISPLAY_NUM xdotool windowactivate --sync "$WIN" 2>/dev/null || true
  DISPLAY=$DISPLAY_NUM xdotool mousemove 700 450 click 1 key space   # Space is Start / Stop
  sleep "$SECONDS_TRAINED"
  DISPLAY=$DISPLAY_NUM import -window root "docs/screenshot-$theme.png"
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
  echo "docs/screenshot-$theme.png ($(identify -format '%wx%h' "docs/screenshot-$theme.png"), after $SECONDS_TRAINED s of training)"
done
