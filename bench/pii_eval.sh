#!/usr/bin/env bash
# End-to-end evaluation of `winnow pii detect` on generated chat logs:
#   1. `winnow gen` writes a personal-data-heavy workload (--pii-rate 0.5, so
#      every entity type gets at least ~300 planted items at the default size)
#      and its truth.jsonl; `winnow convert` makes canonical entries;
#   2. `winnow pii detect` runs over the entries (timed: wall, CPU, peak RSS);
#   3. bench/pii_score.py scores it per entity type: recall (a detected span of
#      the same type overlapping the planted span; exact-boundary rate too),
#      precision (planted non-personal items and news text count as correct),
#      the issue's targets with PASS/FAIL, recall per subtype, the confusion
#      table and the 20 most common false-positive strings per type.
#
# Usage: bench/pii_eval.sh BUILD_DIR [WORKDIR]
#   WORKDIR keeps every file (data, entries, detections, score.md,
#   details.txt with every miss and false positive, score.json); default: a
#   temporary folder, removed at the end. Data already in WORKDIR is reused.
# Settings (environment):
#   EVAL_CONVERSATIONS (12000)  conversations generated
#   EVAL_FORMAT (chatgpt)       chatgpt (browsing steps in tools) | openai | sharegpt | wildchat
#   EVAL_PII_RATE (0.5)         share of entries with personal data (1-3 items)
#   EVAL_SEED (29)              generator seed
#   EVAL_THREADS (2)            detect threads
#   EVAL_DETECT_FLAGS           extra flags for `winnow pii detect` (e.g. --config FILE)
# Exit status: 0 when every target is met, 1 when one is not (or a step failed).
# Quick run: EVAL_CONVERSATIONS=2000 bench/pii_eval.sh build
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case $1 in -h|--help) usage ;; esac
winnow=$(realpath "$1/winnow")
[ -x "$winnow" ] || { echo "pii_eval: no winnow binary in $1" >&2; exit 2; }
here=$(dirname "$(realpath "$0")")
python=/usr/bin/python3
conversations=${EVAL_CONVERSATIONS:-12000}
format=${EVAL_FORMAT:-chatgpt}
pii_rate=${EVAL_PII_RATE:-0.5}
seed=${EVAL_SEED:-29}
threads=${EVAL_THREADS:-2}
read -r -a detect_flags <<< "${EVAL_DETECT_FLAGS:-}"

if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-pii-eval.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(realpath "$work")
"$winnow" pii detect --help >/dev/null 2>&1 || { echo "pii_eval: $winnow has no 'pii detect'" >&2; exit 1; }

# timed NAME CMD...: runs CMD under GNU time; keeps "wall user sys peak_kB"
# in $work/NAME.time and standard error in $work/NAME.err. Fails loudly.
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" 2>"$work/$name.err"; then
    echo "pii_eval: step '$name' failed:" >&2; tail -20 "$work/$name.err" >&2; exit 1
  fi
}

data=$work/data-$format-$conversations-$seed-$pii_rate
if [ ! -f "$data/gen.json" ]; then
  rm -rf "$data"
  timed gen "$winnow" gen --seed "$seed" --conversations "$conversations" --works 500 --format "$format" \
    --pii-rate "$pii_rate" --out "$data" >/dev/null
fi
entries=$data/entries.jsonl
if [ ! -s "$entries" ]; then
  conv=$(ls "$data"/conversations.json* | head -1)
  timed convert "$winnow" convert "$conv" -o "$entries.part"
  mv "$entries.part" "$entries"
fi

timed detect "$winnow" pii detect "$entries" -o "$work/detections.jsonl" --threads "$threads" --stats \
  ${detect_flags[@]+"${detect_flags[@]}"}

read -r wall user sys rss < "$work/detect.time"
bytes=$(stat -c %s "$entries")
lines=$(wc -l < "$entries")
echo "## winnow pii detect on generated chat logs"
echo
echo "$lines canonical entries ($format format, $conversations conversations, --pii-rate $pii_rate, seed $seed;" \
  "$(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB of JSON lines); detect with $threads threads:" \
  "${wall} s wall, $(awk "BEGIN{printf \"%.2f\", $user+$sys}") s CPU," \
  "$(awk "BEGIN{printf \"%.1f\", $bytes/1e6/($user+$sys)}") MB per CPU second," \
  "peak RSS $(awk "BEGIN{printf \"%.0f\", $rss/1024}") MB"
echo
"$python" "$here/pii_score.py" "$data/truth.jsonl" "$entries" "$work/detections.jsonl" \
  --details "$work/details.txt" --json "$work/score.json" > "$work/score.md" ||
  { echo "pii_eval: scoring failed" >&2; exit 1; }
cat "$work/score.md"
if [ $# -ge 2 ]; then
  echo
  echo "every miss and false positive: $work/details.txt"
fi
failed=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["targets_failed"])' "$work/score.json")
[ "$failed" = 0 ]
