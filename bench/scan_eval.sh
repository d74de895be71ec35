#!/usr/bin/env bash
# End-to-end evaluation of `winnow scan` (issue 5):
#   1. recall and flag rate of the default policy on generated data: an
#      OpenAI-format run and a ChatGPT-format run (browsing pages in tools),
#      each ingested into a matter and scanned with the default policy and a
#      20,000-work corpus; scored by bench/scan_score.py against truth.jsonl;
#   2. cost: the same vault scanned with every signal, then with each signal
#      alone (terms: a 200-term set; overlap; publisher; paywall), taking
#      turns EVAL_RUNS times and keeping each scan's median CPU time; reports
#      MB/s of canonical entries per CPU second (decryption included) and the
#      ratio of the full scan's CPU time to the slowest single signal's.
#
# Usage: bench/scan_eval.sh BUILD_DIR [WORKDIR]
# Sizes (environment): EVAL_WORKS (20000), EVAL_CONVERSATIONS (20000),
#   EVAL_CHATGPT_CONVERSATIONS (a quarter), EVAL_SETS ("openai chatgpt"),
#   EVAL_COST (1: run part 2 on the openai set), EVAL_RUNS (3: rounds of part 2).
# Quick run: EVAL_WORKS=1000 EVAL_CONVERSATIONS=2000 bench/scan_eval.sh build
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [WORKDIR]" >&2; exit 2; }
winnow=$(realpath "$1/winnow")
here=$(dirname "$(realpath "$0")")
python=/usr/bin/python3
works=${EVAL_WORKS:-20000}
conversations=${EVAL_CONVERSATIONS:-20000}
chatgpt_conversations=${EVAL_CHATGPT_CONVERSATIONS:-$(( (conversations + 3) / 4 ))}
sets=${EVAL_SETS:-openai chatgpt}
cost=${EVAL_COST:-1}
runs=${EVAL_RUNS:-3}

if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-scan-eval.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(realpath "$work")
mkdir -p "$work/keys"; chmod 700 "$work/keys"
key=$work/keys/custodian.key
[ -f "$key" ] || "$winnow" keygen -o "$key" >/dev/null 2>&1
recipient=$(grep -o 'age1[0-9a-z]*' "$key" | head -1)

# timed NAME CMD...: runs CMD under GNU time; keeps "wall user sys peak_kB".
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
    echo "step '$name' failed:" >&2; tail -20 "$work/$name.err" >&2; exit 1
  fi
}
cpu_of() { awk '{printf "%.2f", $2 + $3}' "$work/$1.time"; }

# prepare SET FORMAT N: data, canonical entries, matter, ingest, corpus.
prepare() {
  local set=$1 format=$2 n=$3 dir=$work/$1
  mkdir -p "$dir"
  if [ ! -f "$dir/data/gen.json" ]; then
    "$winnow" gen --seed 11 --conversations "$n" --works "$works" --format "$format" --out "$dir/data" >/dev/null
  fi
  local conv; conv=$(ls "$dir"/data/conversations.json* | head -1)
  [ -f "$dir/entries.jsonl" ] || "$winnow" convert "$conv" -o "$dir/entries.jsonl" 2>/dev/null
  if [ ! -d "$dir/matter" ]; then
    "$winnow" init "$dir/matter" --recipient "$recipient" >/dev/null
    "$winnow" ingest "$dir/matter" "$conv" >/dev/null 2>&1
  fi
  [ -d "$dir/corpus" ] || "$winnow" corpus build "$dir/corpus" "$dir/data/works.jsonl" >/dev/null 2>&1
}

# scan SET NAME [FLAGS...]: one timed scan; its results decrypted to NAME.verdicts.
scan() {
  local set=$1 name=$2; shift 2
  local dir=$work/$set
  timed "$set.$name" "$winnow" scan "$dir/matter" --identity "$key" "$@"
  local id; id=$("$winnow" report "$dir/matter" --list | tail -1)
  for f in "$dir/matter/scans/$id"/results/*.age; do age -d -i "$key" "$f"; done > "$work/$set.$name.verdicts"
  echo "$id"
}

for set in $sets; do
  case $set in
    openai) prepare openai openai "$conversations" ;;
    chatgpt) prepare chatgpt chatgpt "$chatgpt_conversations" ;;
  esac
  id=$(scan "$set" default --index "$work/$set/corpus")
  echo "## $set: default policy, $works-work corpus (scan $id)"
  echo
  "$python" "$here/scan_score.py" "$work/$set/data/truth.jsonl" "$work/$set/entries.jsonl" \
    "$work/$set.default.verdicts"
  echo
done

[ "$cost" = 1 ] || exit 0
set=openai
dir=$work/$set
# A 200-term set from the generated text's vocabulary: words and 2-3 word
# phrases at a mix of frequencies (bench/make_terms.py).
"$python" "$here/make_terms.py" --terms 200 --seed 5 "$dir/entries.jsonl" > "$work/terms.tsv"
policy() {  # policy NAME SIGNALS EXTRA: a one-rule policy file
  {
    printf 'name = "%s"\n' "$1"
    [ -n "${3:-}" ] && printf '%s\n' "$3"
    # Only what the signals need: no publishers or paywall terms otherwise.
    case $2 in *publisher*) from=true ;; *) from=false ;; esac
    case $2 in *paywall*) defaults=true ;; *) defaults=false ;; esac
    printf '[publishers]\nfrom_corpus = %s\n[paywall]\ndefaults = %s\n' "$from" "$defaults"
    printf '[[rule]]\nname = "%s"\nsignals = %s\n' "$1" "$2"
  } > "$work/$1.toml"
}
policy terms '["terms"]' "terms_file = \"$work/terms.tsv\""
policy overlap '["overlap"]'
policy publisher '["publisher", "headline"]'
policy paywall '["paywall"]'
policy all '["terms", "overlap", "publisher", "headline", "paywall"]' "terms_file = \"$work/terms.tsv\""
bytes=$(stat -c %s "$dir/entries.jsonl")
echo "## cost of each signal ($set vault, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB of canonical entries, decryption included)"
echo
echo "| scan | wall s | CPU s (median of $runs) | MB/s per CPU s | peak RSS MB |"
echo "|---|---|---|---|---|"
signals="terms overlap publisher paywall all"
for r in $(seq "$runs"); do  # in turns, so that the machine's moods hit every scan alike
  for p in $signals; do
    scan "$set" "cost-$p" --policy "$work/$p.toml" --index "$dir/corpus" >/dev/null
    cp "$work/$set.cost-$p.time" "$work/$set.cost-$p.$r.time"
  done
done
median_of() {  # median_of SCAN FIELD: the median over the runs of a GNU time field (2+3: CPU)
  for r in $(seq "$runs"); do
    awk -v f="$2" '{print (f == "cpu") ? $2 + $3 : $f}' "$work/$set.cost-$1.$r.time"
  done | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
slowest=0
for p in $signals; do
  cpu=$(median_of "$p" cpu)
  printf '| %s | %s | %.2f | %.1f | %.0f |\n' "$p" "$(median_of "$p" 1)" "$cpu" "$(awk "BEGIN{print $bytes/1e6/$cpu}")" \
    "$(awk "BEGIN{print $(median_of "$p" 4)/1024}")"
  if [ "$p" != all ] && awk "BEGIN{exit !($cpu > $slowest)}"; then slowest=$cpu; fi
done
echo
echo "full scan CPU / slowest single signal CPU = $(awk "BEGIN{printf \"%.2f\", $(median_of all cpu)/$slowest}") (medians)"
