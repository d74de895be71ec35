#!/usr/bin/env bash
# What a production costs beyond de-identification, and whether `--all`
# stays in flat memory as the vault grows.
#   1. Entry level vs de-identification alone: a generated vault is scanned
#      (default policy, corpus index); its relevant entries are exported as
#      canonical lines; then, alternating, `winnow pii redact` de-identifies
#      those lines (same key, corpus index and threads) and `winnow produce
#      --level entry` makes a production of the same entries (reading the
#      vault and the scan, numbering, hashing, the load file, the logs,
#      encrypting, signing). Median CPU and wall time of each and their
#      ratio (target: produce <= 1.25 x de-identification); then the same
#      over every entry (--all --level entry against the whole export).
#      Each comparison also prints its floor: de-identification plus what
#      any production in this format must add (reading the whole vault,
#      which a scan's entries pay whatever their share; SHA-256 of every
#      document, every file's plaintext and every stored file; encryption),
#      measured with openssl on the production's own files.
#   2. `produce --all --level conversation` over vaults of growing size:
#      wall and CPU time, MB of de-identified text per second, and peak RSS
#      (GNU time), which must not grow with the vault.
#
# Usage: bench/produce_run.sh BUILD_DIR [WORKDIR]
#   WORKDIR keeps the data and vaults between runs (default: a temporary
#   folder, removed at the end).
# Settings (environment):
#   PRODUCE_CONVERSATIONS (20000)   conversations of the entry-level comparison
#   PRODUCE_RUNS (3)                alternating runs of each side
#   PRODUCE_ALL ("20000 100000")    vault sizes (conversations) for --all (empty: none);
#                                   the issue's figure is "100000 1000000"
#   PRODUCE_THREADS (2)             threads of both sides
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case $1 in -h|--help) usage ;; esac
winnow=$(realpath "$1/winnow")
[ -x "$winnow" ] || { echo "produce_run: no winnow binary in $1" >&2; exit 2; }
conversations=${PRODUCE_CONVERSATIONS:-20000}
runs=${PRODUCE_RUNS:-3}
all_sizes=${PRODUCE_ALL-20000 100000}
threads=${PRODUCE_THREADS:-2}
py=/usr/bin/python3

if [ $# -ge 2 ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-produce-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(realpath "$work")

# timed NAME CMD...: GNU time of CMD into $work/NAME.time ("wall user sys peak_kB").
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
    echo "produce_run: step '$name' failed:" >&2; tail -20 "$work/$name.err" >&2; exit 1
  fi
}

keys=$work/keys
if [ ! -f "$keys/signing.key" ]; then
  mkdir -p -m 700 "$keys"
  "$winnow" keygen -o "$keys/custodian.key" >/dev/null 2>&1
  "$winnow" keygen -o "$keys/recipient.key" >/dev/null 2>&1
  "$winnow" keygen --pseudonym -o "$keys/pseudonym.key" 2>/dev/null
  "$winnow" keygen --signing -o "$keys/signing.key" >/dev/null 2>&1
fi
custodian=$(sed -n 's/^# public key: //p' "$keys/custodian.key")
recipient=$(sed -n 's/^# public key: //p' "$keys/recipient.key")

# vault N: data, matter and corpus for N conversations in $work/vN.
vault() {
  local n=$1 dir=$work/v$1
  if [ ! -f "$dir/ready" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    "$winnow" gen --seed 41 --conversations "$n" --works 2000 --format openai --out "$dir/data" >/dev/null
    "$winnow" init "$dir/matter" --recipient "$custodian" >/dev/null
    "$winnow" ingest "$dir/matter" "$dir/data/conversations.jsonl" >/dev/null 2>&1
    "$winnow" corpus build "$dir/corpus" "$dir/data/works.jsonl" >/dev/null 2>&1
    rm -f "$dir/data/conversations.jsonl"
    touch "$dir/ready"
  fi
  echo "$dir"
}

# vault_read_cpu MATTER: CPU seconds of reading every entry of the vault
# (winnow export to /dev/null: decrypting and decompressing every segment),
# the median of 3 runs. A production reads them all, whatever share it
# produces: relevant entries are spread over every block (docs/vault.md).
vault_read_cpu() {
  for _ in 1 2 3; do
    /usr/bin/time -f "%U %S" "$winnow" export "$1" --identity "$keys/custodian.key" 2>&1 >/dev/null |
      tail -1 | awk '{printf "%.2f\n", $1 + $2}'
  done | sort -g | sed -n 2p
}

# floor_report PROD DEID_CPU PRODUCE_CPU READ_CPU: what the production must do
# beyond de-identification whatever its code: reading the vault (READ_CPU,
# vault_read_cpu), then, measured with openssl on the production's own files,
# SHA-256 of every document (one pass over documents.jsonl), of every file's
# plaintext (the reproducible manifest) and of every stored age file (the
# signature), and ChaCha20 over the plaintext files (their encryption without
# Poly1305, so the floor is low rather than high). The files are decrypted
# into $work/floor (generated data) and removed after.
floor_report() {
  local prod=$1 dc=$2 pc=$3 rd=$4 dir=$work/floor f plain=() stored=() decrypted=()
  rm -rf "$dir"; mkdir -p "$dir"
  for f in "$prod"/*; do
    case $f in
      *.age) age -d -i "$keys/recipient.key" "$f" > "$dir/$(basename "$f" .age)"
             decrypted+=("$dir/$(basename "$f" .age)") stored+=("$f") ;;
      *.jsonl|*.dat|*.sha256) plain+=("$f") ;;
    esac
  done
  local sha enc
  sha=$(/usr/bin/time -f "%U %S" openssl dgst -sha256 "$dir/documents.jsonl" "${decrypted[@]}" "${plain[@]}" "${stored[@]}" 2>&1 >/dev/null |
        tail -1 | awk '{printf "%.2f", $1 + $2}')
  enc=$(/usr/bin/time -f "%U %S" sh -c 'for f; do openssl enc -chacha20 -K "$0" -iv 00000000000000000000000000000000 \
        -in "$f" -out /dev/null; done' "$(printf '%064d' 0)" "${decrypted[@]}" 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f", $1 + $2}')
  rm -rf "$dir"
  awk -v dc="$dc" -v pc="$pc" -v rd="$rd" -v sha="$sha" -v enc="$enc" 'BEGIN{
    f = dc + rd + sha + enc
    printf "  floor: de-identification %.2f + reading the vault %.2f + SHA-256 %.2f + ChaCha20 %.2f = %.2f CPU s, %.2fx de-identification; produce / floor %.2fx\n",
      dc, rd, sha, enc, f, f / dc, pc / f }'
}
# 1. Entry level vs de-identification alone.
v=$(vault "$conversations")
if [ ! -f "$v/relevant.jsonl" ] || [ ! -f "$v/entries.jsonl" ]; then
  "$winnow" scan "$v/matter" --identity "$keys/custodian.key" --index "$v/corpus" >/dev/null
  "$winnow" export "$v/matter" --identity "$keys/custodian.key" > "$v/entries.jsonl"
  for f in "$v"/matter/scans/S0001/results/*.age; do age -d -i "$keys/custodian.key" "$f"; done > "$v/results.jsonl"
  "$py" - "$v/results.jsonl" "$v/entries.jsonl" "$v/relevant.jsonl" <<'EOF'
import json, sys
ids = {json.loads(l)["entry_id"] for l in open(sys.argv[1])}
with open(sys.argv[3], "w") as out:
    for line in open(sys.argv[2]):
        if json.loads(line)["entry_id"] in ids:
            out.write(line)
EOF
  rm -f "$v/results.jsonl"
fi
read_cpu=$(vault_read_cpu "$v/matter")
echo "reading the whole vault alone (winnow export): $read_cpu CPU s"
relevant=$(wc -l < "$v/relevant.jsonl")
relevant_mb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$v/relevant.jsonl") / 1e6}")
echo "entry level: $conversations conversations, $relevant relevant entries ($relevant_mb MB of canonical lines), $threads threads"
cpu() { awk '{printf "%.2f", $2 + $3}' "$work/$1.time"; }
wall() { awk '{print $1}' "$work/$1.time"; }
deid_cpu=() deid_wall=() prod_cpu=() prod_wall=()
for i in $(seq "$runs"); do
  rm -f "$work/redacted.jsonl" "$work/redacted.log"
  timed "deid-$i" "$winnow" pii redact "$v/relevant.jsonl" --key "$keys/pseudonym.key" --index "$v/corpus" \
    --threads "$threads" -o "$work/redacted.jsonl" --log "$work/redacted.log"
  rm -rf "$v/matter/productions" "$v/matter/audit.log" "$v/matter/audit.head"
  timed "produce-$i" "$winnow" produce "$v/matter" --identity "$keys/custodian.key" --to "$recipient" \
    --prefix BENCH- --signing-key "$keys/signing.key" --key "$keys/pseudonym.key" --index "$v/corpus" \
    --level entry --threads "$threads"
  deid_cpu+=("$(cpu "deid-$i")") deid_wall+=("$(wall "deid-$i")")
  prod_cpu+=("$(cpu "produce-$i")") prod_wall+=("$(wall "produce-$i")")
  echo "  run $i: pii redact ${deid_cpu[-1]} CPU s / ${deid_wall[-1]} s wall; produce ${prod_cpu[-1]} CPU s / ${prod_wall[-1]} s wall"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
dc=$(median "${deid_cpu[@]}") dw=$(median "${deid_wall[@]}") pc=$(median "${prod_cpu[@]}") pw=$(median "${prod_wall[@]}")
docs=$(sed -n 's/.*: \([0-9]*\) documents (.*/\1/p' "$work/produce-1.out")
echo "  median: pii redact $dc CPU s ($dw s wall); produce --level entry $pc CPU s ($pw s wall), $docs documents"
echo "  produce / de-identification alone: CPU $(awk "BEGIN{printf \"%.2f\", $pc / $dc}")x, wall $(awk "BEGIN{printf \"%.2f\", $pw / $dw}")x (target <= 1.25x)"
floor_report "$v/matter/productions/PROD0001" "$dc" "$pc" "$read_cpu"

# 1b. The same comparison over every entry: --all at the entry level against
# de-identifying the whole export (reading the vault is then a small part).
all_mb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$v/entries.jsonl") / 1e6}")
echo "entry level, --all: $(wc -l < "$v/entries.jsonl") entries ($all_mb MB of canonical lines)"
deid_cpu=() deid_wall=() prod_cpu=() prod_wall=()
for i in $(seq "$runs"); do
  rm -f "$work/redacted.jsonl" "$work/redacted.log"
  timed "deid-all-$i" "$winnow" pii redact "$v/entries.jsonl" --key "$keys/pseudonym.key" --index "$v/corpus" \
    --threads "$threads" -o "$work/redacted.jsonl" --log "$work/redacted.log"
  rm -rf "$v/matter/productions" "$v/matter/audit.log" "$v/matter/audit.head"
  timed "produce-all-$i" "$winnow" produce "$v/matter" --identity "$keys/custodian.key" --to "$recipient" \
    --prefix BENCH- --signing-key "$keys/signing.key" --key "$keys/pseudonym.key" --index "$v/corpus" \
    --level entry --all --threads "$threads"
  deid_cpu+=("$(cpu "deid-all-$i")") deid_wall+=("$(wall "deid-all-$i")")
  prod_cpu+=("$(cpu "produce-all-$i")") prod_wall+=("$(wall "produce-all-$i")")
  echo "  run $i: pii redact ${deid_cpu[-1]} CPU s / ${deid_wall[-1]} s wall; produce ${prod_cpu[-1]} CPU s / ${prod_wall[-1]} s wall"
done
dc=$(median "${deid_cpu[@]}") dw=$(median "${deid_wall[@]}") pc=$(median "${prod_cpu[@]}") pw=$(median "${prod_wall[@]}")
echo "  median: pii redact $dc CPU s ($dw s wall); produce --all --level entry $pc CPU s ($pw s wall)"
echo "  produce / de-identification alone: CPU $(awk "BEGIN{printf \"%.2f\", $pc / $dc}")x, wall $(awk "BEGIN{printf \"%.2f\", $pw / $dw}")x (target <= 1.25x)"
floor_report "$v/matter/productions/PROD0001" "$dc" "$pc" "$read_cpu"
rm -rf "$v/matter/productions"

# 2. --all at the conversation level over growing vaults.
echo "--all --level conversation:"
for n in $all_sizes; do
  v=$(vault "$n")
  rm -rf "$v/matter/productions" "$v/matter/audit.log" "$v/matter/audit.head"
  raw=$("$winnow" info "$v/matter" --json 2>/dev/null | "$py" -c 'import json,sys; print(json.load(sys.stdin)["raw_bytes"])' 2>/dev/null || echo 0)
  timed "all-$n" "$winnow" produce "$v/matter" --identity "$keys/custodian.key" --to "$recipient" \
    --prefix ALL- --signing-key "$keys/signing.key" --key "$keys/pseudonym.key" --all --level conversation \
    --threads "$threads"
  read -r w u s kb < "$work/all-$n.time"
  text=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["stats"]["text_bytes"])' \
    "$v/matter/productions/PROD0001/manifest.json")
  docs=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["bates"]["count"])' \
    "$v/matter/productions/PROD0001/manifest.json")
  awk -v n="$n" -v w="$w" -v c="$(awk "BEGIN{print $u + $s}")" -v kb="$kb" -v t="$text" -v d="$docs" -v raw="$raw" 'BEGIN{
    printf "  %8d conversations (%d documents, vault %.0f MB of entries): %.1f s wall, %.1f CPU s, %.1f MB/s of de-identified text (%.1f per CPU s), peak RSS %.0f MB\n",
      n, d, raw / 1e6, w, c, t / 1e6 / w, t / 1e6 / c, kb / 1024 }'
  "$winnow" verify "$v/matter/productions/PROD0001" --signer "$keys/signing.key.pub" >/dev/null ||
    { echo "produce_run: the --all production of $n conversations does not verify" >&2; exit 1; }
  rm -rf "$v/matter/productions"
done
