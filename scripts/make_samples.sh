#!/usr/bin/env bash
# Rebuilds the example annotation sets in sample_docs/ with the factmark command line.
# Ids and times are new each run; commit the result once.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
fm="$PWD/target/debug/factmark"
export FACTMARK_AUTHOR="sample-reviewer"
cd sample_docs
rm -f ./*.factmark.ron ./*.factmark.ron.bak

d=harbor-bridge.txt
c1=$($fm annotate $d --tag claim --quote "The city spent \$14.2 million on the first phase of the repair" --verdict mostly-true --note "Invoices total \$14.16 million; rounding is fair.")
c2=$($fm annotate $d --tag claim --quote "regional unemployment fell to 3.1 percent in February" --verdict false --note "Regional labour office: 3.6 percent in February.")
c3=$($fm annotate $d --tag claim --quote "The terminal employs 1,940 people")
$fm annotate $d --tag claim --quote "a bill that has grown to \$41.3 million" --verdict half-true --note "Phase two is an estimate, not a bill." >/dev/null
q1=$($fm annotate $d --tag quote --quote "“We had a bridge that was coming apart at the joints — I wasn’t going to wait for a spreadsheet to tell me it was safe,”")
q2=$($fm annotate $d --tag quote --quote "“Nobody is arguing that the bridge didn’t need fixing,”")
a1=$($fm annotate $d --tag attribution --quote "she said" --occurrence 1)
a2=$($fm annotate $d --tag attribution --quote "Ostendorf said" --occurrence 1)
a3=$($fm annotate $d --tag attribution --quote "According to the Port Authority’s annual report")
$fm annotate $d --tag attribution --quote "A spokesperson for the mayor told reporters" >/dev/null
$fm link $d --from "$q1" --to "$a1" >/dev/null
$fm link $d --from "$q2" --to "$a2" >/dev/null
$fm evidence add $d --url "https://budget.kestrelpoint.example/2026/bridge-invoices" --title "Bridge repair invoices, phase one" --link "$c1" --stance supports >/dev/null
e2=$($fm evidence add $d --url "https://labour.region.example/stats/2026-02" --title "Regional labour statistics, February 2026" --link "$c2" --stance refutes)
$fm evidence add $d --citation "Port Authority of Kestrel Point, Annual Report 2025, p. 14" --title "Annual report" --link "$a3" --stance context >/dev/null
$fm evidence add $d --citation "Terminal operator staffing filing, January 2026" --link "$c3" --stance context >/dev/null
: "$e2"

d=multilingual-notes.txt
$fm annotate $d --tag claim --quote "Families of former harbour workers 👨‍👩‍👧‍👦 donated 4,300 letters" --verdict unverifiable >/dev/null
$fm annotate $d --tag quote --quote "海辺の記録は、みんなの宝物です。" >/dev/null
$fm annotate $d --tag claim --quote "הארכיון שלנו קיבל 250 מכתבים חדשים בשנת 2025." --verdict true >/dev/null
$fm annotate $d --tag claim --quote "قالت المندوبة إن المكتبة فتحت 3 قاعات جديدة في عام 2024." >/dev/null

d=water-report.txt
$fm annotate $d --tag claim --quote "The number of adult salmon counted passing the automatic counter at Pellmoor Weir was 2,184" --verdict true >/dev/null
$fm annotate $d --tag claim --quote "In 2025 the Authority concluded 14 prosecutions for water pollution offences, resulting in fines totalling 3.86 million crowns" --verdict mostly-true >/dev/null
$fm annotate $d --tag claim --quote "Rainfall at the Authority's reference gauge at Brecklow totalled 1,146 millimetres" >/dev/null
$fm annotate $d --tag attribution --quote "the chief executive, Helena Varga-Stroud, said" >/dev/null
rm -f ./*.bak
for d in *.txt; do $fm check "$d"; done
