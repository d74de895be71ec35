#!/usr/bin/env bash
# Throughput and recall of `winnow pii redact` side by side with two npm
# redaction libraries, redact-pii and @openredaction/openredaction, on the
# same texts: the prompts and outputs of `winnow gen` chat logs with planted
# personal data.
#   - winnow: `winnow pii redact --threads 1` (one core) over every text as
#     {"id","text"} lines, and `winnow pii detect --threads 1` alone; CPU
#     and wall time of the whole process (JSON in and out, start-up included;
#     the start-up alone is printed too) and peak RSS (GNU time);
#   - peers: one node process each, redacting a slice of the same texts
#     (the first PEERS_MB MB: they are several to tens of times slower), CPU
#     and wall time around the redaction calls only (npm install, module
#     load and set-up excluded); peak RSS of the node process;
#   - recall of every tool on the slice: a planted personal value counts as
#     found when it no longer appears verbatim in the tool's output, per
#     planted type; and the share of texts with nothing planted that a tool
#     changed (a rough sign of over-redaction).
# The peers are installed with npm into a temporary folder (never a
# dependency of winnow); their versions are printed.
#
# Usage: bench/pii_peers.sh BUILD_DIR [WORKDIR]
#   WORKDIR keeps the data, texts, outputs and timings (default: a temporary
#   folder, removed at the end); data and npm packages already there are reused.
# Settings (environment):
#   PEERS_CONVERSATIONS (20000)  conversations generated (about 60 MB of text)
#   PEERS_PII_RATE (0.5)         share of entries with personal data
#   PEERS_MB (5)                 MB of text the peers run on
#   PEERS_TOOLS ("redact-pii openredaction")
# Quick run: PEERS_CONVERSATIONS=2000 PEERS_MB=1 bench/pii_peers.sh build
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case $1 in -h|--help) usage ;; esac
winnow=$(realpath "$1/winnow")
[ -x "$winnow" ] || { echo "pii_peers: no winnow binary in $1" >&2; exit 2; }
here=$(dirname "$(realpath "$0")")
node=$(command -v node || true)
[ -x /usr/bin/node ] && node=/usr/bin/node
[ -n "$node" ] || { echo "pii_peers: node (18 or later) is needed" >&2; exit 1; }
command -v npm >/dev/null || { echo "pii_peers: npm is needed" >&2; exit 1; }
conversations=${PEERS_CONVERSATIONS:-20000}
pii_rate=${PEERS_PII_RATE:-0.5}
slice_mb=${PEERS_MB:-5}
tools=${PEERS_TOOLS:-redact-pii openredaction}

if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-pii-peers.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(realpath "$work")

# timed NAME CMD...: runs CMD under GNU time; keeps "wall user sys peak_kB"
# in $work/NAME.time, standard output in $work/NAME.out. Fails loudly.
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
    echo "pii_peers: step '$name' failed:" >&2; tail -20 "$work/$name.err" >&2; exit 1
  fi
}

# The peers, in their own folder.
npm_dir=$work/npm
if [ ! -d "$npm_dir/node_modules/redact-pii" ] || [ ! -d "$npm_dir/node_modules/@openredaction/openredaction" ]; then
  mkdir -p "$npm_dir"
  (cd "$npm_dir" && { [ -f package.json ] || echo '{"name":"winnow-pii-peers","private":true}' > package.json; } &&
    npm install --no-audit --no-fund --loglevel=error redact-pii @openredaction/openredaction >"$work/npm.log" 2>&1) ||
    { echo "pii_peers: npm install failed:" >&2; tail -20 "$work/npm.log" >&2; exit 1; }
fi
version() { "$node" -p "require('$npm_dir/node_modules/$1/package.json').version"; }

# Data and texts.
data=$work/data-$conversations-$pii_rate
if [ ! -f "$data/gen.json" ]; then
  rm -rf "$data"
  "$winnow" gen --seed 31 --conversations "$conversations" --works 500 --format openai --pii-rate "$pii_rate" \
    --out "$data" >/dev/null
fi
if [ ! -s "$data/entries.jsonl" ]; then
  "$winnow" convert "$data/conversations.jsonl" -o "$data/entries.jsonl.part" 2>/dev/null
  mv "$data/entries.jsonl.part" "$data/entries.jsonl"
fi
texts=$work/texts-$slice_mb
if [ ! -f "$texts/prepared.json" ]; then
  "$node" "$here/pii_peers.mjs" prepare "$data/entries.jsonl" "$data/truth.jsonl" "$texts" "$slice_mb" \
    > "$texts.prepared.json"
  mv "$texts.prepared.json" "$texts/prepared.json"
fi
read -r total_bytes total_texts slice_bytes slice_texts < <("$node" -e '
  const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(p.bytes, p.texts, p.slice_bytes, p.slice_texts);' "$texts/prepared.json")

timings=$work/timings.jsonl
: > "$timings"
# add_timing TOOL TEXTS BYTES WALL CPU PEAK_KB NOTE
add_timing() {
  "$node" -e 'const [tool, texts, bytes, seconds, cpu, kb, note] = process.argv.slice(1);
    console.log(JSON.stringify({tool, texts: +texts, bytes: +bytes, seconds: +seconds, cpu_seconds: +cpu,
      rss_mb: kb / 1024, note}));' "$@" >> "$timings"
}

# winnow: start-up alone, then redact and detect on one core.
head -1 "$texts/texts.jsonl" > "$work/one.jsonl"
timed startup "$winnow" pii redact "$work/one.jsonl" -o "$work/one.out.jsonl" --threads 1
read -r _ user sys _ < "$work/startup.time"
startup=$(awk "BEGIN{print $user + $sys}")
timed winnow-redact "$winnow" pii redact "$texts/texts.jsonl" -o "$work/winnow.redacted.jsonl" --threads 1 --stats
read -r wall user sys rss < "$work/winnow-redact.time"
cpu=$(awk "BEGIN{print $user + $sys}")
add_timing "winnow redact" "$total_texts" "$total_bytes" "$wall" "$cpu" "$rss" \
  "whole process, --threads 1, JSON in and out; start-up ${startup} CPU s (without it: $(awk \
  "BEGIN{c = $cpu - $startup; if (c > 0) printf \"%.1f\", $total_bytes / 1e6 / c; else print \"n/a\"}") MB per CPU s)"
timed winnow-detect "$winnow" pii detect "$texts/texts.jsonl" -o "$work/winnow.detections.jsonl" --threads 1
read -r wall user sys rss < "$work/winnow-detect.time"
add_timing "winnow detect" "$total_texts" "$total_bytes" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$rss" \
  "detection alone, whole process, --threads 1"

outputs=("winnow=$work/winnow.redacted.jsonl")
for tool in $tools; do
  case $tool in
    redact-pii) pkg=redact-pii ;;
    openredaction) pkg=@openredaction/openredaction ;;
    *) echo "pii_peers: unknown tool '$tool'" >&2; exit 2 ;;
  esac
  timed "$tool" env NODE_MODULES_DIR="$npm_dir" "$node" "$here/pii_peers.mjs" run "$tool" "$texts/slice.jsonl" \
    "$work/$tool.redacted.jsonl"
  read -r _ _ _ rss < "$work/$tool.time"
  "$node" -e 'const t = JSON.parse(process.argv[1]);
    console.log(JSON.stringify({tool: `${t.tool} ${process.argv[3]}`, texts: t.texts, bytes: t.bytes, seconds: t.seconds,
      cpu_seconds: t.cpu_seconds, rss_mb: process.argv[2] / 1024,
      note: "redaction calls only, one node process" + (t.errors ? `; ${t.errors} errors` : "")}));' \
    "$(tail -1 "$work/$tool.out")" "$rss" "$(version "$pkg")" >> "$timings"
  outputs+=("$tool=$work/$tool.redacted.jsonl")
done

echo "## winnow pii redact and npm peers"
echo
echo "$total_texts texts (prompts and outputs of $conversations generated conversations, --pii-rate $pii_rate)," \
  "$(awk "BEGIN{printf \"%.1f\", $total_bytes/1e6}") MB of UTF-8 text; the peers ran on the first" \
  "$slice_texts texts ($(awk "BEGIN{printf \"%.1f\", $slice_bytes/1e6}") MB). The per-core figure is MB of text per" \
  "CPU second of the process (user + system, all its threads; robust to other load on the machine, unlike wall" \
  "time, also shown). Node $("$node" --version)."
echo
"$node" "$here/pii_peers.mjs" score "$texts/slice.jsonl" "$texts/plants.jsonl" "$texts/clean.json" "$timings" \
  "${outputs[@]}"
