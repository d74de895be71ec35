#!/usr/bin/env bash
# The search engine against ripgrep on the same text (issue 5): term sets of
# 200 words and 2-3 word phrases drawn from the text's vocabulary at three
# mixes of frequencies (rare, mixed, frequent: see below), run over about
# 256 MB of chat and news text, one document per line.
#
#   ours:    search_throughput (one thread): every hit of every term, each
#            word and phrase matched case-insensitively on word boundaries;
#   ripgrep: rg -c -i -F -f terms.txt (literal strings, case-insensitive,
#            counting the lines that hold one; it stops at a line's first hit);
#            the issue's reference. Also, for comparison on equal work,
#            rg --count-matches (every match, substrings included).
#
# Usage: bench/search_run.sh BUILD_DIR [WORKDIR]
#   BUILD_DIR holds winnow and bench/search_throughput (a Release build with
#   -DWINNOW_BUILD_BENCHMARKS=ON, e.g. `make bench`'s build-bench).
# Environment:
#   BENCH_MB (256)     size of the text in 10^6 bytes
#   BENCH_TERMS (200)  terms in the set
#   BENCH_RUNS (5)     timed runs of each program, taking turns; the fastest counts
# The text: generated chat (`winnow gen --format openai`, converted: prompts,
# outputs and tool texts), generated news articles (works.jsonl), and when
# ../shared/testdata is there the real chat logs and the Reuters and BBC
# articles. Newlines inside a text become spaces. The rates are MB (10^6
# bytes) of text per CPU second (user + sys) of the whole process, so that
# reading the file counts for both. "Hyperscan alone" runs the term set's
# database over each line without verifying anything: the engine's floor.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [WORKDIR]" >&2; exit 2; }
build=$(realpath "$1")
winnow=$build/winnow
driver=$build/bench/search_throughput
for f in "$winnow" "$driver"; do
  [ -x "$f" ] || { echo "missing $f (build winnow_cli and search_throughput)" >&2; exit 2; }
done
rg=$(command -v rg || true)
[ -n "$rg" ] || { echo "ripgrep (rg) is needed" >&2; exit 2; }
mb=${BENCH_MB:-256}
nterms=${BENCH_TERMS:-200}
runs=${BENCH_RUNS:-5}
src=$(cd "$(dirname "$0")/.." && pwd)
testdata=$src/../shared/testdata
if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-search-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

echo "building ${mb} MB of text in $work ..." >&2
# About 2.6 MB of chat text per 1,000 conversations and 7 MB per 1,000 works.
conversations=$((mb * 200))
works=$((mb * 70))
"$winnow" gen --seed 1 --conversations "$conversations" --works "$works" --format openai \
  --out "$work/gen" >/dev/null 2>&1
"$winnow" convert "$work/gen/conversations.jsonl" -o "$work/gen-entries.jsonl" 2>/dev/null
real_entries=()
if [ -d "$testdata/chatlogs" ]; then
  for f in "$testdata"/chatlogs/*; do
    out=$work/real-$(basename "$f").entries
    "$winnow" convert "$f" -o "$out" >/dev/null 2>&1 && real_entries+=("$out") || true
  done
fi
news=()
for f in "$testdata/news/reuters21578_articles.jsonl" "$testdata/news/bbc_news_2225.jsonl"; do
  [ -f "$f" ] && news+=("$f")
done

/usr/bin/python3 - "$work" "$mb" "$nterms" "${#real_entries[@]}" "${real_entries[@]}" "${news[@]}" <<'EOF'
import collections, json, math, random, re, sys

work, mb, nterms, nreal = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
real_entries = sys.argv[5:5 + nreal]
news = sys.argv[5 + nreal:]
limit = mb * 1000 * 1000

def clean(s):
    s = s.replace("\r", " ").replace("\n", " ")
    return s if s.strip() else None

def entry_texts(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            try:
                e = json.loads(line)
            except ValueError:
                continue
            for k in ("prompt", "output"):
                if isinstance(e.get(k), str):
                    yield e[k]
            for t in e.get("tools") or []:
                if isinstance(t, dict) and isinstance(t.get("text"), str):
                    yield t["text"]

def json_texts(path, key="text"):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            try:
                v = json.loads(line).get(key)
            except ValueError:
                continue
            if isinstance(v, str):
                yield v

# Real text first (all of it), then generated chat and news in turn.
sources = [t for p in real_entries for t in entry_texts(p)]
sources += [t for p in news for t in json_texts(p)]
size = 0
out = open(work + "/text.txt", "w", encoding="utf-8", errors="surrogateescape")
def put(t):
    global size
    t = clean(t)
    if t is None or size >= limit:
        return
    b = len(t.encode("utf-8", "surrogateescape")) + 1
    out.write(t + "\n")
    size += b
for t in sources:
    put(t)
chat = entry_texts(work + "/gen-entries.jsonl")
articles = json_texts(work + "/gen/works.jsonl")
while size < limit:
    progressed = False
    for gen in (chat, chat, chat, articles):  # texts of chat are shorter
        t = next(gen, None)
        if t is not None:
            put(t)
            progressed = True
    if not progressed:
        break
out.close()

# Two term sets of words and phrases from the text, as a review term list
# would hold them: no stopwords as words, phrases that start and end with a
# content word ("district of columbia"), operator words avoided; 65% words,
# 25% two-word and 10% three-word phrases; phrases are words joined by one
# space, as ripgrep needs them literally. Counted on every 4th line.
#   rare:     each term's share of lines drawn log-uniformly from 0.003% to
#             0.1% (names and distinctive words; few lines hit);
#   mixed:    shares from 0.001% to 1% (together they hit about a third of
#             the lines);
#   frequent: terms drawn log-uniformly over frequency rank from rank 50, so
#             many are common words (most lines hit one, early).
# ripgrep's rate depends on the set: it stops at a line's first hit and
# skips to the next line, so the more lines hit early, the faster it is;
# the engine finds every hit, so it slows down with the hits instead.
stop = set("""a about above after again against all am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don down during each
few for from further had hadn has hasn have haven having he her here hers herself him himself his how i if
in into is isn it its itself just let ll me more most mustn my myself no nor not now of off on once only or
other ought our ours ourselves out over own re same shan she should shouldn so some such than that the
their theirs them themselves then there these they this those through to too under until up ve very was
wasn we were weren what when where which while who whom why will with won would wouldn you your yours
yourself yourselves also said says mr mrs ms one two three new like get got us may might must shall s t
d m o y""".split())
ops = {"and", "or", "not", "w", "pre", "near"}
def content(w):
    return len(w) >= 3 and w not in stop and w not in ops
counts = [collections.Counter() for _ in range(3)]  # lines holding the gram
sampled = 0
with open(work + "/text.txt", encoding="utf-8", errors="surrogateescape") as f:
    for i, line in enumerate(f):
        if i % 4:
            continue
        sampled += 1
        seen = [set(), set(), set()]
        for chunk in re.split(r"[^A-Za-z ]+", line):
            ws = [w.lower() for w in chunk.split(" ") if w]
            for j, w in enumerate(ws):
                if not content(w):
                    continue
                seen[0].add(w)
                if j + 1 < len(ws) and content(ws[j + 1]):
                    seen[1].add(w + " " + ws[j + 1])
                if j + 2 < len(ws) and content(ws[j + 2]) and ws[j + 1] not in ops and len(ws[j + 1]) >= 2:
                    seen[2].add(w + " " + ws[j + 1] + " " + ws[j + 2])
        for k in range(3):
            counts[k].update(seen[k])
want = [round(nterms * 0.65), round(nterms * 0.25)]
want.append(nterms - sum(want))

def pick(rng, k, draw):
    ranked = [g for g, c in counts[k].most_common() if c >= 2 and (k == 0 or len(g) >= 9)]
    chosen, tries = [], 0
    while len(chosen) < want[k] and tries < 100000 and ranked:
        tries += 1
        r = draw(rng, ranked)
        g = ranked[r] if 0 <= r < len(ranked) else None
        if g is None or g in chosen or any(g in c or c in g for c in chosen if k > 0):
            continue
        chosen.append(g)
    return sorted(chosen, key=lambda g: -counts[k][g])

def by_rank(rng, ranked, skip=50):
    return int(skip * (len(ranked) / skip) ** rng.random())

def by_share(rng, ranked, lo, hi):
    share = 10 ** rng.uniform(lo, hi)
    target = share * sampled
    # ranked is by count, descending: the first gram at or below the target
    lo, hi = 0, len(ranked)
    while lo < hi:
        mid = (lo + hi) // 2
        if counts[len(ranked[mid].split()) - 1][ranked[mid]] > target:
            lo = mid + 1
        else:
            hi = mid
    return lo + rng.randrange(0, 5)  # a neighbour, so equal counts vary

for name, draw in (("rare", lambda rng, r: by_share(rng, r, -4.5, -3)),
                   ("mixed", lambda rng, r: by_share(rng, r, -5, -2)), ("frequent", by_rank)):
    rng = random.Random(1)
    terms = [t for k in range(3) for t in pick(rng, k, draw)]
    with open("%s/terms-%s.txt" % (work, name), "w") as f:
        for t in terms:
            f.write(t + "\n")
    with open("%s/terms-%s.tsv" % (work, name), "w") as f:
        for i, t in enumerate(terms):
            f.write("t%03d\t\"%s\"\n" % (i, t))
    print("%s: %d terms, e.g. %s" % (name, len(terms), ", ".join(terms[::40])), file=sys.stderr)
EOF

text=$work/text.txt
bytes=$(stat -c %s "$text")
# run_once NAME CMD...: runs CMD once under GNU time with the text in the page
# cache, keeping the fastest "cpu_s wall_s" in $work/NAME.best and stdout in
# $work/NAME.out. The two programs take turns, so that both see the same
# load on this shared machine.
run_once() {
  local name=$1; shift
  cat "$text" > /dev/null
  /usr/bin/time -f "%U %S %e" -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || {
    echo "step '$name' failed:" >&2; tail -5 "$work/$name.err" >&2; exit 1; }
  local t; t=$(awk '{printf "%.3f %.3f", $1 + $2, $3}' "$work/$name.time")
  if [ ! -f "$work/$name.best" ] || awk -v a="${t%% *}" -v b="$(cut -d' ' -f1 "$work/$name.best")" 'BEGIN { exit !(a < b) }'; then
    echo "$t" > "$work/$name.best"
  fi
}
kv() { tr ' ' '\n' < "$work/$1.out" | awk -F= -v k="$2" '$1 == k { print $2 }'; }
echo
echo "### Search terms vs ripgrep (bench/search_run.sh)"
echo
echo "$(printf '%.1f' "$(echo "$bytes / 1000000" | bc -l)") MB of text, $(wc -l < "$text") lines (documents); rates are MB per CPU second, the fastest of $runs runs"
echo
echo "| term set | rg MB/s | ours MB/s | ours / rg | rg, every match, MB/s | ours / rg every match | Hyperscan alone MB/s | lines rg counts | lines we match | term hits | spans |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for set in rare mixed frequent; do
  echo "running ripgrep and the engine on the $set set, $runs times each ..." >&2
  rm -f "$work/rg-$set.best" "$work/rgall-$set.best" "$work/ours-$set.best" "$work/hs-$set.best"
  for ((i = 0; i < runs; i++)); do
    run_once "rg-$set" "$rg" -c -i -F -f "$work/terms-$set.txt" "$text"
    run_once "rgall-$set" "$rg" --count-matches -i -F -f "$work/terms-$set.txt" "$text"
    run_once "ours-$set" "$driver" "$work/terms-$set.tsv" "$text"
    run_once "hs-$set" "$driver" "$work/terms-$set.tsv" "$text" --hyperscan-only
  done
  read -r rg_cpu rg_wall < "$work/rg-$set.best"
  read -r rgall_cpu rgall_wall < "$work/rgall-$set.best"
  read -r our_cpu our_wall < "$work/ours-$set.best"
  read -r hs_cpu hs_wall < "$work/hs-$set.best"
  awk -v b="$bytes" -v r="$rg_cpu" -v ra="$rgall_cpu" -v o="$our_cpu" -v h="$hs_cpu" -v set="$set" \
    -v rl="$(cat "$work/rg-$set.out")" -v dm="$(kv "ours-$set" docs_matched)" -v th="$(kv "ours-$set" term_hits)" \
    -v sp="$(kv "ours-$set" spans)" \
    'BEGIN { printf "| %s | %.0f | %.0f | %.2f | %.0f | %.2f | %.0f | %d | %d | %d | %d |\n", set, b / 1e6 / r, b / 1e6 / o, r / o,
             b / 1e6 / ra, ra / o, b / 1e6 / h, rl, dm, th, sp }'
done
echo
echo "ripgrep: rg -c -i -F -f terms.txt (stops at each line's first hit; the target's reference); rg every match:"
echo "rg --count-matches -i -F -f terms.txt (every match, substrings too, as ours finds every hit on word boundaries);"
echo "ours: bench/search_throughput terms.tsv"
echo "(every hit of every term, on word boundaries); Hyperscan alone: the same program with --hyperscan-only"
echo "(the term set's database over each line, matches counted, nothing verified). Target: ours / rg >= 1.0."
echo "Files: $work"
