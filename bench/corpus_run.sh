#!/usr/bin/env bash
# End-to-end benchmark of the corpus index and matcher: index build speed and
# size, and matching throughput (tokenize, fingerprint, look up, extend) of
# entry text against a small and a large index, so that the growth of lookup
# cost with corpus size shows.
#
# Usage: bench/corpus_run.sh BUILD_DIR [WORKDIR]
# Environment:
#   BENCH_WORKS (200000)        works in the large index
#   BENCH_WORKS_SMALL (20000)   works in the small index (the first ones of the large)
#   BENCH_CONVERSATIONS (50000) OpenAI-format conversations matched (default rates:
#                               4% of entries copy a passage of one of the small index's works)
# The generator is prefix-stable (work i depends only on the seed and i), so
# both indexes hold every work the entries copy from and do the same
# alignment work: the difference between the two match runs is lookup cost.
# Peak memory is GNU time's maximum resident set size.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [WORKDIR]" >&2; exit 2; }
winnow=$(realpath "$1/winnow")
works=${BENCH_WORKS:-200000}
small=${BENCH_WORKS_SMALL:-20000}
conversations=${BENCH_CONVERSATIONS:-50000}
if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-corpus-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

# timed NAME CMD...: runs CMD under GNU time, keeping "wall user sys maxrss_kB".
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" 2>"$work/$name.err"; then
    echo "step '$name' failed:" >&2; tail -20 "$work/$name.err" >&2; exit 1
  fi
}
cpu() { awk '{printf "%.2f", $2 + $3}' "$work/$1.time"; }
wall() { awk '{printf "%.2f", $1}' "$work/$1.time"; }
rss() { awk '{printf "%.0f", $4 / 1024}' "$work/$1.time"; }
json_field() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

echo "generating $works works and $conversations conversations in $work ..." >&2
"$winnow" gen --seed 1 --conversations 1 --works "$works" --out "$work/corpus" >/dev/null
head -n "$small" "$work/corpus/works.jsonl" > "$work/works-small.jsonl"
"$winnow" gen --seed 1 --conversations "$conversations" --works "$small" --format openai \
  --out "$work/chat" >/dev/null
"$winnow" convert "$work/chat/conversations.jsonl" -o "$work/entries.jsonl" 2>/dev/null

echo "building indexes ..." >&2
rm -rf "$work/ix-small" "$work/ix-large"
timed build-small "$winnow" corpus build "$work/ix-small" "$work/works-small.jsonl" --json > "$work/small.json"
timed build-large "$winnow" corpus build "$work/ix-large" "$work/corpus/works.jsonl" --json > "$work/large.json"

echo "matching ..." >&2
for ix in small large; do
  for threads in 1 2; do
    timed "match-$ix-$threads" "$winnow" match --index "$work/ix-$ix" --threads "$threads" --stats \
      "$work/entries.jsonl" -o "$work/matches-$ix.jsonl"
  done
done
cmp -s "$work/matches-small.jsonl" "$work/matches-large.jsonl" \
  && same="identical" || same="different"

text_mb=$(/usr/bin/python3 -c "
import re,sys
s=open(sys.argv[1]).read()
print(float(re.search(r'([0-9.]+) MB of text', s).group(1)))" "$work/match-small-1.err")

echo
echo "### Index build (bench/corpus_run.sh)"
echo
echo "| index | works | words | text MB | wall s | CPU s | MB/s per CPU s | peak RSS MB | fingerprints | common | index bytes/word | works MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for ix in small large; do
  j=$work/$ix.json
  mb=$(json_field "$j" bytes_read); words=$(json_field "$j" words_total)
  awk -v ix="$ix" -v n="$(json_field "$j" works_total)" -v words="$words" -v mb="$mb" \
      -v wall="$(wall "build-$ix")" -v cpu="$(cpu "build-$ix")" -v rss="$(rss "build-$ix")" \
      -v fp="$(json_field "$j" fingerprints)" -v common="$(json_field "$j" common)" \
      -v ib="$(json_field "$j" index_bytes)" -v wb="$(json_field "$j" works_bytes)" \
      'BEGIN { printf "| %s | %d | %d | %.1f | %s | %s | %.1f | %s | %d | %d | %.2f | %.1f |\n",
               ix, n, words, mb / 1e6, wall, cpu, mb / 1e6 / cpu, rss, fp, common, ib / words, wb / 1e6 }'
done
echo
echo "### Matching $text_mb MB of entry text (prompt, output and tools of $conversations conversations)"
echo
echo "| index | threads | wall s | CPU s | MB/s per CPU s | MB/s wall | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
for ix in small large; do
  for threads in 1 2; do
    n="match-$ix-$threads"
    awk -v ix="$ix" -v t="$threads" -v mb="$text_mb" -v wall="$(wall "$n")" -v cpu="$(cpu "$n")" -v rss="$(rss "$n")" \
      'BEGIN { printf "| %s | %d | %s | %s | %.1f | %.1f | %s |\n", ix, t, wall, cpu, mb / cpu, mb / wall, rss }'
  done
done
echo
echo "Match outputs against the two indexes: $same (the larger corpus has more"
echo "syndicated copies and shared headlines, and more k-grams common to 10 works)."
grep -h "winnow match:" "$work/match-small-1.err" "$work/match-large-1.err" | sed 's/^/    /'

# The engine alone (tokenize, fingerprint, look up, extend, select), without
# reading and writing JSON: bench/match_bench.cc, when BUILD_DIR has it.
bench_bin=$(dirname "$winnow")/bench/match_bench
if [ -x "$bench_bin" ]; then
  echo
  echo "### Matcher engine per core (bench/match_bench.cc: same texts, in memory)"
  echo
  echo "| index | MB/s |"
  echo "|---|---|"
  for ix in small large; do
    rate=$(WINNOW_MATCH_INDEX="$work/ix-$ix" WINNOW_MATCH_ENTRIES="$work/entries.jsonl" "$bench_bin" \
             --benchmark_format=json 2>/dev/null \
           | /usr/bin/python3 -c "import json,sys; print('%.1f' % (json.load(sys.stdin)['benchmarks'][0]['bytes_per_second'] / 1e6))")
    echo "| $ix | $rate |"
  done
fi
