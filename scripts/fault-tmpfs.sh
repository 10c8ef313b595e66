#!/bin/bash
# Disk full during saves on a 64 KiB tmpfs (issue 9 section 1 reproduction).
B=${FACTMARK:-$PWD/target/debug/factmark}  # run as root from the repository root
export FACTMARK_AUTHOR=t
T=$(mktemp -d)
mkdir -p $T
for free_kib in ${FREES:-30 26 22}; do
  mount -t tmpfs -o size=64k tmpfs $T || { echo "mount failed"; exit 1; }
  cd $T
  printf 'The claim is true.\nAnother line says the claim is not true.\nA third line.\n' > a.txt
  note=$(python3 -c "print('n'*9000)")
  note2=${THIRD_NOTE:-short}
  $B annotate a.txt --tag claim --quote "The claim" --note "$note" >/dev/null 2>&1
  $B annotate a.txt --tag claim --quote "third" --note "$note" >/dev/null 2>&1
  avail=$(df -k --output=avail $T | tail -1)
  fill=$((avail - free_kib))
  [ $fill -gt 0 ] && dd if=/dev/zero of=$T/filler bs=1k count=$fill 2>/dev/null
  before_set=$(md5sum a.txt.factmark.ron | cut -c1-8); before_bak=$(md5sum a.txt.factmark.ron.bak | cut -c1-8)
  out=$($B annotate a.txt --tag quote --quote "Another line" --note "$note2" 2>&1); code=$?
  set_ok=$($B list a.txt >/dev/null 2>&1 && echo loads || echo BROKEN)
  bak_ok=$($B list a.txt --set a.txt.factmark.ron.bak >/dev/null 2>&1 && echo loads || echo BROKEN)
  after_set=$(md5sum a.txt.factmark.ron | cut -c1-8); after_bak=$(md5sum a.txt.factmark.ron.bak | cut -c1-8)
  tmps=$(ls -A | grep -c '\.tmp$')
  echo "free=${free_kib}KiB exit=$code set:$set_ok $([ $before_set = $after_set ] && echo unchanged || echo changed) bak:$bak_ok $([ $before_bak = $after_bak ] && echo unchanged || echo changed) tmp_left=$tmps"
  echo "   $out" | head -c 400; echo
  cd /; umount $T
done
