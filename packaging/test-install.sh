#!/usr/bin/env bash
# Installs, uses, removes and purges the .deb on this machine, twice: (1) on a system without a
# desktop menu folder, (2) with one. As root. Usage: packaging/test-install.sh [DEB]
# (default: the newest target/packaging/dist/dqn-studio_*.deb; built with packaging/build.sh if none).
#
# Each round: apt-get install ./DEB; both commands on the PATH; `dqn-studio-cli evaluate` on the bundled
# demo model (mean 500 over 20 episodes); the studio's first start under Xvfb, as a new user, timed to
# its window and to a ready engine; what that start wrote to the user's home; then apt-get remove and
# purge, and that nothing of the package is left (dpkg, /opt, /usr/bin, the menu folder).
# Everything it changes is put back on exit: the menu folder, the test user, and every package it
# installed (the .deb's dependencies, Xvfb, xdotool) is purged again.
# Last line: what it checked and the sizes.
set -uo pipefail
cd "$(dirname "$0")/.."

die() { echo "test-install: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "run as root (it installs a package)"
command -v apt-get >/dev/null || die "needs apt-get (Debian or Ubuntu)"
if dpkg -s dqn-studio >/dev/null 2>&1; then
  die "dqn-studio is already installed here; remove it first (apt-get purge dqn-studio)"
fi

DEB=${1:-$(ls -t target/packaging/dist/dqn-studio_*_amd64.deb 2>/dev/null | head -1)}
if [ -z "$DEB" ]; then
  packaging/build.sh || die "packaging/build.sh failed"
  DEB=$(ls -t target/packaging/dist/dqn-studio_*_amd64.deb | head -1)
fi
[ -f "$DEB" ] || die "no such .deb: $DEB"
DEB=$(readlink -f "$DEB")

MENU=/usr/share/applications
MENU_ASIDE=/usr/share/applications.dqn-test-aside
APP=/opt/dqn-studio
DEMO=$APP/lib/app/demo/demo-cartpole-v1.best.dqn
TEST_USER=dqn-install-test
DISPLAY_NUM=:95
WORK=$(mktemp -d)
chmod 755 "$WORK"
PKGS_BEFORE="$WORK/packages-before"
dpkg-query -W -f '${Package}\n' | sort > "$PKGS_BEFORE"
MENU_EXISTED=0
[ -d "$MENU" ] && MENU_EXISTED=1
XVFB=
STUDIO=

cleanup() {
  [ -n "$STUDIO" ] && kill "$STUDIO" 2>/dev/null
  [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null
  if dpkg -s dqn-studio >/dev/null 2>&1; then
    apt-get purge -y -q dqn-studio >/dev/null 2>&1
  fi
  if [ -d "$MENU_ASIDE" ]; then
    rm -rf "$MENU" && mv "$MENU_ASIDE" "$MENU"
  elif [ "$MENU_EXISTED" = 0 ] && [ -d "$MENU" ]; then
    rmdir "$MENU" 2>/dev/null || true
  fi
  id "$TEST_USER" >/dev/null 2>&1 && userdel -r "$TEST_USER" >/dev/null 2>&1
  local added
  added=$(comm -13 "$PKGS_BEFORE" <(dpkg-query -W -f '${Package}\n' | sort) | tr '\n' ' ')
  if [ -n "${added// /}" ]; then
    echo "putting back: purging the packages this test installed: $added"
    # shellcheck disable=SC2086
    apt-get purge -y -q $added >/dev/null 2>&1 || echo "test-install: could not purge $added" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PASS=0
FAIL=0
check() {
  local what=$1
  shift
  if "$@"; then
    PASS=$((PASS + 1))
    echo "  ok    $what"
  else
    FAIL=$((FAIL + 1))
    echo "  FAIL  $what"
  fi
}

# Tools for the window check, installed only for the test (purged again on exit).
missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing for the test: ${missing[*]}"
  apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || die "could not install ${missing[*]}"
fi
Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 -ac >/dev/null 2>&1 &
XVFB=$!
sleep 1

FIRST_WINDOW=
FIRST_ENGINE=
HOME_REPORT=
DEB_MB=$(du -m "$DEB" | cut -f1)
IMAGE_MB=

installed() { dpkg-query -W -f '${Status}' dqn-studio 2>/dev/null | grep -q "install ok installed"; }
gone() { ! dpkg-query -W -f '${Status}' dqn-studio 2>/dev/null | grep -q "installed\|config-files"; }
links_ours() {
  [ "$(readlink /usr/bin/dqn-studio)" = "$APP/bin/dqn-studio" ] && [ "$(readlink /usr/bin/dqn-studio-cli)" = "$APP/bin/dqn-studio-cli" ]
}
no_links() { [ ! -e /usr/bin/dqn-studio ] && [ ! -L /usr/bin/dqn-studio ] && [ ! -e /usr/bin/dqn-studio-cli ] && [ ! -L /usr/bin/dqn-studio-cli ]; }
no_menu_entry() { ! ls "$MENU"/dqn-studio*.desktop >/dev/null 2>&1; }
one_menu_entry() {
  [ "$(ls "$MENU" 2>/dev/null | grep -c '^dqn-studio.*\.desktop$')" = 1 ] && [ -f "$MENU/dqn-studio.desktop" ] \
    && grep -q "^Exec=$APP/bin/dqn-studio$" "$MENU/dqn-studio.desktop" && [ -x "$APP/bin/dqn-studio" ]
}
removed() { no_links && no_menu_entry; }
nothing_left() { gone && [ ! -e "$APP" ] && removed; }

# The studio's first start for a new user: to its window, and to the engine's ready line in its log.
first_start() {
  userdel -r "$TEST_USER" >/dev/null 2>&1
  useradd -m -s /bin/bash "$TEST_USER" || return 1
  touch "$WORK/before-start"
  local log="$WORK/studio.log" t0 win="" ready=""
  t0=$(date +%s.%N)
  runuser -u "$TEST_USER" -- env DISPLAY="$DISPLAY_NUM" HOME="/home/$TEST_USER" dqn-studio >"$log" 2>&1 &
  STUDIO=$!
  for _ in $(seq 600); do
    win=$(DISPLAY=$DISPLAY_NUM xdotool search --name "DQN Studio" 2>/dev/null | head -1)
    [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] && FIRST_WINDOW=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  for _ in $(seq 600); do
    ready=$(grep -o "Neural network engine ready in [0-9.]* s, [0-9.]* s after the JVM started" "$log" | head -1)
    [ -n "$ready" ] && break
    sleep 0.1
  done
  [ -n "$ready" ] && FIRST_ENGINE=$(echo "$ready" | sed 's/.*, \([0-9.]*\) s after.*/\1/')
  # the studio's own Quit (Ctrl+Q; nothing unsaved, so no question), then wait for it to end
  QUIT=killed
  if [ -n "$win" ]; then
    DISPLAY=$DISPLAY_NUM xdotool windowfocus --sync "$win" >/dev/null 2>&1
    DISPLAY=$DISPLAY_NUM xdotool key ctrl+q >/dev/null 2>&1
  fi
  for _ in $(seq 100); do
    pgrep -u "$TEST_USER" >/dev/null || { QUIT="quit by Ctrl+Q"; break; }
    sleep 0.1
  done
  pkill -KILL -u "$TEST_USER" 2>/dev/null
  wait "$STUDIO" 2>/dev/null
  STUDIO=
  if [ -z "$win" ] || [ -z "$ready" ]; then
    echo "    the studio's log:" && sed 's/^/    | /' "$log" | tail -20
    return 1
  fi
  return 0
}
# What the first start wrote to the home folder, listed; "ours" leaves out what the system writes for
# any program (Mesa's shader cache, dconf, and ~/.rpmdb, which rpm makes when jpackage's launcher asks
# it which package it belongs to, on systems that have rpm).
home_is_small() {
  local h="/home/$TEST_USER" files bytes ours
  files=$(find "$h" -newer "$WORK/before-start" -type f | wc -l)
  bytes=$(find "$h" -newer "$WORK/before-start" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  ours=$(find "$h" -newer "$WORK/before-start" -type f -printf '%P %s\n' \
    | grep -v '^\.cache/mesa_shader_cache/\|^\.cache/dconf/\|^\.rpmdb/' | awk '{s += $2} END {print s + 0}')
  HOME_REPORT="$files files, $bytes bytes, of them the studio's $ours bytes"
  find "$h" -newer "$WORK/before-start" -type f -printf '    %8s bytes  %P\n'
  [ "$ours" -lt 102400 ] && [ ! -e "$h/.javacpp" ] && [ ! -e "$h/.openjfx" ] && [ ! -e "$h/.local/share/dqn-studio" ]
}

round() {
  local name=$1 out="$WORK/apt.log"
  echo "round: $name"
  apt-get install -y "$DEB" >"$out" 2>&1
  local rc=$?
  check "apt-get install ./$(basename "$DEB") exits 0 (got $rc)" [ "$rc" = 0 ]
  [ "$rc" = 0 ] || sed 's/^/    | /' "$out" | tail -15
  check "the package is installed and configured" installed
  if [ "$name" = "no menu folder" ]; then
    check "the install says it skipped the menu entry" grep -q "no menu folder" "$out"
    check "no menu folder was made" [ ! -e "$MENU" ]
  else
    check "one menu entry, the studio's (no CLI entry)" one_menu_entry
  fi
  check "dqn-studio and dqn-studio-cli in /usr/bin, linked to $APP" links_ours
  check "dqn-studio-cli --version works" sh -c 'dqn-studio-cli --version | grep -q "^DQN Studio "'
  IMAGE_MB=$(du -sm "$APP" | cut -f1)
  runuser -u nobody -- dqn-studio-cli evaluate "$DEMO" --episodes 20 >"$WORK/eval.log" 2>&1
  check "dqn-studio-cli evaluate on the demo model: $(grep '^mean' "$WORK/eval.log") over 20 episodes" \
    grep -q "^mean: 500.00$" "$WORK/eval.log"
  check "the studio opens its window and readies its engine, for a new user" first_start
  echo "    first start: window after ${FIRST_WINDOW:-?} s, engine ready ${FIRST_ENGINE:-?} s after the JVM started; ${QUIT:-}"
  check "the first start wrote nothing large to the home folder (no native-library cache)" home_is_small
  apt-get remove -y dqn-studio >"$out" 2>&1
  rc=$?
  check "apt-get remove exits 0 (got $rc)" [ "$rc" = 0 ]
  check "remove took the links and the menu entry" removed
  apt-get purge -y dqn-studio >"$out" 2>&1
  rc=$?
  check "apt-get purge exits 0 (got $rc)" [ "$rc" = 0 ]
  check "nothing is left: dpkg knows no dqn-studio, no $APP, no /usr/bin links, no menu entry" nothing_left
  check "dpkg -L dqn-studio lists nothing" sh -c '! dpkg -L dqn-studio >/dev/null 2>&1'
  userdel -r "$TEST_USER" >/dev/null 2>&1
}

# (1) A system without a menu folder (a minimal install, a container, WSL).
if [ -d "$MENU" ]; then
  mv "$MENU" "$MENU_ASIDE" || die "could not move $MENU aside"
fi
round "no menu folder"
R1_WINDOW=$FIRST_WINDOW R1_ENGINE=$FIRST_ENGINE R1_HOME=$HOME_REPORT

# (2) A system with one.
if [ -d "$MENU_ASIDE" ]; then
  mv "$MENU_ASIDE" "$MENU"
else
  mkdir -p "$MENU"
fi
round "with a menu folder"

echo "test-install: $((PASS + FAIL)) checks, $FAIL failed; .deb $DEB_MB MB, installed app image ${IMAGE_MB:-?} MB;" \
  "first start to window ${R1_WINDOW:-?} s / ${FIRST_WINDOW:-?} s, engine ready ${R1_ENGINE:-?} s / ${FIRST_ENGINE:-?} s" \
  "after the JVM started (rounds 1 / 2); written to a new user's home: ${R1_HOME:-?} / ${HOME_REPORT:-?}"
[ "$FAIL" = 0 ]
