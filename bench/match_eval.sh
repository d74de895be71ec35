#!/usr/bin/env bash
# End-to-end evaluation of the regurgitation detector (`winnow corpus build`
# and `winnow match`): recall, span accuracy and false positives on
#   (a) synthetic data from `winnow gen` (an OpenAI-format run and a smaller
#       ChatGPT-format run with browsing pages in tools), and
#   (b) real text: Reuters-21578 and BBC News articles planted into real chat
#       outputs by bench/plant_news.py.
# Prints each set's score table (bench/match_score.py) and the wall/CPU time
# and peak memory of the index build and of the match run.
#
# Usage: bench/match_eval.sh BUILD_DIR [WORKDIR]
#   WORKDIR keeps every file (default: a temporary folder, removed at the end).
# Sizes (environment):
#   EVAL_WORKS (20000)           works in the synthetic corpus
#   EVAL_CONVERSATIONS (20000)   conversations of the OpenAI-format run
#   EVAL_CHATGPT_CONVERSATIONS   conversations of the ChatGPT run (default a quarter)
#   EVAL_PLANTS (3000)           planted passages in the real-text set
#   EVAL_MATCH_FLAGS             extra flags for `winnow match`
#   EVAL_SETS ("openai chatgpt real")  which sets to run
# Quick run: EVAL_WORKS=500 EVAL_CONVERSATIONS=2000 EVAL_PLANTS=300 bench/match_eval.sh build
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [WORKDIR]" >&2; exit 2; }
winnow=$(realpath "$1/winnow")
here=$(dirname "$(realpath "$0")")
python=/usr/bin/python3
works=${EVAL_WORKS:-20000}
conversations=${EVAL_CONVERSATIONS:-20000}
chatgpt_conversations=${EVAL_CHATGPT_CONVERSATIONS:-$(( (conversations + 3) / 4 ))}
plants=${EVAL_PLANTS:-3000}
read -r -a match_flags <<< "${EVAL_MATCH_FLAGS:-}"
sets=${EVAL_SETS:-openai chatgpt real}

if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-match-eval.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(realpath "$work")
commands=$("$winnow" --help 2>&1 || true)
for verb in corpus match; do
  grep -qE "^ +$verb( |\$)" <<< "$commands" || { echo "$winnow has no '$verb' command" >&2; exit 1; }
done

# timed NAME CMD...: runs CMD under GNU time (stdin/stdout as redirected by the
# caller); keeps "wall user sys peak_kB" in $work/NAME.time. Fails loudly.
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" 2>"$work/$name.err"; then
    echo "step '$name' failed:" >&2; tail -20 "$work/$name.err" >&2; exit 1
  fi
}

# time_row NAME INPUT_FILE...: one Markdown row of the timing table.
time_row() {
  local name=$1; shift
  local wall user sys rss bytes
  read -r wall user sys rss < <(tail -1 "$work/$name.time")
  local cpu rate="-"
  bytes=$(cat "$@" | wc -c)
  cpu=$(echo "$user + $sys" | bc -l)
  if [ "$(echo "$cpu >= 0.01" | bc -l)" = 1 ]; then
    rate=$(printf '%.1f' "$(echo "$bytes / 1000000 / $cpu" | bc -l)")
  fi
  printf '| %s | %.1f | %.2f | %.2f | %.0f | %s |\n' "$name" "$(echo "$bytes / 1000000" | bc -l)" \
    "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" "$rate"
}

# evaluate NAME DIR ENTRIES: corpus build, match, score; prints the tables.
evaluate() {
  local name=$1 dir=$2 entries=$3
  rm -rf "$dir/index"
  timed "$name.build" "$winnow" corpus build "$dir/index" "$dir/works.jsonl" >"$dir/build.log"
  timed "$name.match" "$winnow" match --index "$dir/index" "${match_flags[@]}" \
    <"$entries" >"$dir/matches.jsonl"
  "$python" "$here/match_score.py" "$dir/truth.jsonl" "$entries" "$dir/matches.jsonl" \
    >"$dir/score.md"
  "$python" "$here/match_score.py" "$dir/truth.jsonl" "$entries" "$dir/matches.jsonl" --json \
    >"$dir/score.json"
  echo
  echo "## $name"
  echo
  cat "$dir/score.md"
  echo
  echo "### Time"
  echo
  echo "| step | input MB | wall s | CPU s | peak MB | MB per CPU s |"
  echo "|---|---|---|---|---|---|"
  time_row "$name.build" "$dir/works.jsonl"
  time_row "$name.match" "$entries"
}

# synthetic NAME FORMAT CONVERSATIONS FILE [GEN FLAGS...]: gen, convert, evaluate.
synthetic() {
  local name=$1 format=$2 n=$3 file=$4; shift 4
  local dir=$work/$name
  mkdir -p "$dir"
  echo "$name: winnow gen --works $works --conversations $n --format $format $*" >&2
  "$winnow" gen --seed 1 --works "$works" --conversations "$n" --format "$format" \
    --copy-rate 0.2 "$@" --out "$dir" >/dev/null
  "$winnow" convert "$dir/$file" -o "$dir/entries.jsonl" --quarantine "$dir/quarantine.jsonl" \
    2>/dev/null
  evaluate "$name" "$dir" "$dir/entries.jsonl"
}

for set in $sets; do
  case $set in
    openai) synthetic "synthetic-openai" openai "$conversations" conversations.jsonl ;;
    chatgpt) synthetic "synthetic-chatgpt" chatgpt "$chatgpt_conversations" conversations.json \
               --browse-rate 0.2 ;;
    real)
      echo "real: bench/plant_news.py --plants $plants" >&2
      "$python" "$here/plant_news.py" --out "$work/real" --seed 1 --plants "$plants" \
        --winnow "$winnow" 2>"$work/real.plant.log" || { cat "$work/real.plant.log" >&2; exit 1; }
      evaluate "real-news" "$work/real" "$work/real/entries.jsonl" ;;
    *) echo "unknown set '$set' in EVAL_SETS" >&2; exit 2 ;;
  esac
done
