#!/usr/bin/env bash
# Issue 13 §1-3: this app against the PyTorch peers in ../shared/peers, in one sitting, alternately
# (the machine is shared and noisy). Prints per seed and as medians:
#   zoo   — the RL Zoo CartPole-v1 recipe verbatim, seeds SEEDS: ours `bench solve --preset zoo`,
#           theirs `modern_dqn.py --stop-when-solved`; ms per env step and per gradient step
#           (wall without evaluation / count), env steps to solve.
#   fast  — ours `bench solve --preset fast --seeds 1..10` (goal: median <= 2.5 s, 10/10).
#   tutorial — ours `bench tutorial --steps 8` against `seed_dqn.py --timing` (8 training steps).
# Needs the jar (mvn -B package -DskipTests), python3-torch and OpenBLAS for it
# (apt-get install -y python3-torch libopenblas0-pthread): with only Debian's reference BLAS
# (libblas3), torch's matmuls are ~10x slower (measured: 17 ms instead of ~2 ms per zoo update).
# Usage: scripts/issue-13-side-by-side.sh [SEEDS]   (default "1 2 3 4 5")
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-1 2 3 4 5}
JAR=${DQN_JAR:-target/dqn-studio.jar}
PEERS=${PEERS:-../shared/peers}
[ -f "$JAR" ] || { echo "error: $JAR missing: run mvn -B package -DskipTests" >&2; exit 2; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "error: no torch: apt-get install -y python3-torch" >&2; exit 2; }
if command -v update-alternatives >/dev/null &&
   ! update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q '^Value: .*openblas'; then
  echo "error: torch would use the reference BLAS: apt-get install -y libopenblas0-pthread" >&2; exit 2
fi
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) {print "nan"} else if (NR % 2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

echo "zoo recipe, seeds $SEEDS (ours, then PyTorch, per seed)"
printf '%-5s %-8s %9s %12s %13s %10s\n' seed who env_steps ms/env_step ms/grad_step wall_s
for s in $SEEDS; do
  java -jar "$JAR" bench solve --preset zoo --seeds "$s" >"$W/ours-$s.txt" 2>&1
  # seed solved env_steps wall_s wall_excl_eval_s best_mean100 ms/env_step ms/grad_step
  read -r _ _ steps wall _ _ pe pg < <(awk -v s="$s" '$1 == s && ($2 == "yes" || $2 == "no")' "$W/ours-$s.txt")
  printf '%-5s %-8s %9s %12s %13s %10s\n' "$s" ours "$steps" "$pe" "$pg" "$wall"
  echo "$pe" >>"$W/ours-pe"; echo "$pg" >>"$W/ours-pg"
  (cd "$PEERS" && /usr/bin/python3 modern_dqn.py --seed "$s" --stop-when-solved --max-steps 100000) >"$W/torch-$s.txt" 2>&1
  updates=$(grep '^eval ' "$W/torch-$s.txt" | tail -1 | sed 's/.*updates=\([0-9]*\).*/\1/')
  line=$(grep '^SOLVED' "$W/torch-$s.txt" || true)
  if [ -n "$line" ]; then
    tsteps=$(sed 's/.*env_steps=\([0-9]*\).*/\1/' <<<"$line")
    twall=$(sed 's/.* wall_s=\([0-9.]*\).*/\1/' <<<"$line")
    texcl=$(sed 's/.*wall_excl_eval_s=\([0-9.]*\).*/\1/' <<<"$line")
    tpe=$(awk -v w="$texcl" -v n="$tsteps" 'BEGIN {printf "%.3f", 1000 * w / n}')
    tpg=$(awk -v w="$texcl" -v n="$updates" 'BEGIN {printf "%.3f", 1000 * w / n}')
    printf '%-5s %-8s %9s %12s %13s %10s\n' "$s" pytorch "$tsteps" "$tpe" "$tpg" "$twall"
    echo "$tpe" >>"$W/torch-pe"; echo "$tpg" >>"$W/torch-pg"
  else
    printf '%-5s %-8s %s\n' "$s" pytorch "not solved within 100000 env steps"
  fi
done
ope=$(median <"$W/ours-pe"); opg=$(median <"$W/ours-pg")
tpe=$(median <"$W/torch-pe" 2>/dev/null || echo nan); tpg=$(median <"$W/torch-pg" 2>/dev/null || echo nan)
echo "zoo medians: ours $ope ms per env step, $opg ms per gradient step; PyTorch $tpe / $tpg;" \
  "PyTorch/ours $(awk -v a="$tpe" -v b="$ope" 'BEGIN {printf "%.2f", a / b}')x per env step," \
  "$(awk -v a="$tpg" -v b="$opg" 'BEGIN {printf "%.2f", a / b}')x per gradient step (goal: ours <= 0.35 / 0.6 ms)"

echo
echo "fast preset, seeds 1..10"
java -jar "$JAR" bench solve --preset fast --seeds 1..10 2>&1 | grep -E '^solved|per gradient step'

echo
echo "tutorial recipe, 8 training steps (ours, then PyTorch)"
java -jar "$JAR" bench tutorial --steps 8 2>&1 | grep -E '^medians|GFLOP'
(cd "$PEERS" && QLEARNING_NUM_TRAINING_STEPS=8 /usr/bin/python3 seed_dqn.py --seed 1 --timing) >"$W/tut.txt" 2>&1
# medians over steps 2..8 of "timing step N: collect Xs (...) update Ys (...) eval Zs (...) total Ts"
for k in collect update eval total; do
  v=$(grep '^timing step' "$W/tut.txt" | awk 'NR > 1' | sed "s/.* $k \([0-9.]*\)s.*/\1/" | median)
  printf 'PyTorch tutorial median %s %s s\n' "$k" "$v"
done
