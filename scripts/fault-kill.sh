#!/bin/bash
# kill -9 at a random moment during `annotate` on a 10k-annotation set (~10 MB).
B=${FACTMARK:-$PWD/target/debug/factmark}  # run from the repository root
S=$(dirname "$(readlink -f "$0")")
W=$(mktemp -d)
python3 "$S/fault_big_set.py" 10000 "$W"
cp "$W/a.txt.factmark.ron" "$W/pristine.ron"
export FACTMARK_AUTHOR=t
R=$W/runs; mkdir -p $R
runs=${1:-40}
bad_set=0; bad_bak=0; tmp_left=0; cleaned=0; completed=0
for i in $(seq 1 $runs); do
  D=$R/$i; mkdir -p $D
  cp $W/a.txt $D/; cp $W/pristine.ron $D/a.txt.factmark.ron; cp $W/pristine.ron $D/a.txt.factmark.ron.bak
  cd $D
  $B annotate a.txt --tag claim --quote number --occurrence 3 >/dev/null 2>&1 &
  pid=$!
  delay=$(python3 -c "import random; print(round(random.uniform(0.5, 13.0), 2))")
  sleep $delay
  if kill -9 $pid 2>/dev/null; then :; else completed=$((completed+1)); fi
  wait $pid 2>/dev/null
  $B list a.txt >/dev/null 2>&1 || { bad_set=$((bad_set+1)); echo "run $i: set unloadable"; }
  $B list a.txt --set a.txt.factmark.ron.bak >/dev/null 2>&1 || { bad_bak=$((bad_bak+1)); echo "run $i: bak unloadable"; }
  tmps=$(ls -A | grep '\.tmp$' | wc -l)
  if [ "$tmps" -gt 0 ]; then
    tmp_left=$((tmp_left+1)); echo "run $i (killed at ${delay}s): $(ls -lA | grep '\.tmp$' | awk '{print $5, $9}' | tr '\n' ' ')"
    if [ $cleaned -lt 3 ]; then
      $B check a.txt --write >/dev/null 2>&1
      echo "  after check --write: $(ls -A | grep -c '\.tmp$') temp file(s) left"
      cleaned=$((cleaned+1))
    fi
  fi
  cd /; rm -rf $D
done
echo "runs=$runs completed_before_kill=$completed set_unloadable=$bad_set bak_unloadable=$bad_bak runs_with_tmp=$tmp_left"
