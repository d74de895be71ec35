#!/usr/bin/env bash
# End-to-end benchmark: generates a workload with `winnow gen`, then measures
# each stage side by side with the standard tools doing only the crypto and
# compression on the same bytes, and prints a table of throughput, CPU time
# and peak memory, with the ratios the issues set as targets.
#
# Usage: bench/run.sh BUILD_DIR        (BENCH_CONVERSATIONS=N to size the input;
#                                        BENCH_KEEP=1 keeps the work folder)
# CPU time is user + sys of every process in a pipeline: this machine is
# noisy and a pipeline runs two processes at once, so CPU time, measured in
# the same run, is what the ratios compare.
set -euo pipefail
build=${1:-build-bench}
winnow=$(realpath "$build/winnow")
n=${BENCH_CONVERSATIONS:-200000}
work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-bench.XXXXXX")
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cd "$work"

# measure NAME BYTES CMD...: runs CMD under GNU time; records CPU s, wall s, peak RSS.
declare -A cpu wall rss mb
measure() {
  local name=$1 bytes=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o time.out bash -c "$*" >/dev/null 2>stderr.out || {
    echo "benchmark step '$name' failed:"; cat stderr.out; exit 1; }
  read -r w u s m < time.out
  wall[$name]=$w; cpu[$name]=$(echo "$u + $s" | bc -l); rss[$name]=$m; mb[$name]=$(echo "$bytes / 1000000" | bc -l)
}
row() {
  local name=$1
  printf '%-34s %9.1f %9.2f %9.2f %10.1f %9.0f\n' "$name" "${mb[$name]}" "${cpu[$name]}" "${wall[$name]}" \
    "$(echo "${mb[$name]} / ${cpu[$name]}" | bc -l)" "$(echo "${rss[$name]} / 1024" | bc -l)"
}

echo "generating $n conversations (openai messages JSON lines) ..."
"$winnow" gen --seed 1 --conversations "$n" --format openai --out data >/dev/null 2>&1
input=data/conversations.jsonl
in_bytes=$(stat -c %s "$input")
"$winnow" keygen -o key.txt >recipient.txt 2>/dev/null
recipient=$(cat recipient.txt)
"$winnow" convert "$input" -o entries.jsonl 2>/dev/null
entries_bytes=$(stat -c %s entries.jsonl)

measure "convert (read, normalize, write)" "$in_bytes" "'$winnow' convert '$input' -o /dev/null"
"$winnow" init matter --recipient "$recipient" >/dev/null
measure "ingest (parse, zstd, age, write)" "$in_bytes" "'$winnow' ingest matter '$input'"
measure "  zstd -1 | age -e (same input)" "$in_bytes" "zstd -1 -q -c '$input' | age -e -r '$recipient' > /dev/null"
# What any ingest must do beyond the reference: compress the canonical lines
# it stores (larger than the input: every entry carries its conversation's
# ids, time and model) and hash the input that identifies a source.
measure "  zstd -1 | age -e (entries)" "$entries_bytes" "zstd -1 -q -c entries.jsonl | age -e -r '$recipient' > /dev/null"
measure "  SHA-256 of the input (openssl)" "$in_bytes" "openssl dgst -sha256 '$input'"
zstd -1 -q -c entries.jsonl | age -e -r "$recipient" > entries.jsonl.zst.age
measure "read back (age, zstd, parse)" "$entries_bytes" "'$winnow' export matter -i key.txt --verify"
measure "  age -d | zstd -d (same entries)" "$entries_bytes" "age -d -i key.txt entries.jsonl.zst.age | zstd -d -q -c > /dev/null"
measure "export (age, zstd, write)" "$entries_bytes" "'$winnow' export matter -i key.txt -o /dev/null"

echo
printf '%-34s %9s %9s %9s %10s %9s\n' stage MB cpu_s wall_s MB/cpu_s peak_MB
for s in "convert (read, normalize, write)" "ingest (parse, zstd, age, write)" "  zstd -1 | age -e (same input)" \
         "  zstd -1 | age -e (entries)" "  SHA-256 of the input (openssl)" \
         "read back (age, zstd, parse)" "  age -d | zstd -d (same entries)" "export (age, zstd, write)"; do
  row "$s"
done
echo
printf 'ingest CPU / (zstd -1 | age -e) CPU:   %.2f  (target <= 1.3)\n' \
  "$(echo "${cpu["ingest (parse, zstd, age, write)"]} / ${cpu["  zstd -1 | age -e (same input)"]}" | bc -l)"
floor=$(echo "${cpu["  zstd -1 | age -e (entries)"]} + ${cpu["  SHA-256 of the input (openssl)"]}" | bc -l)
printf 'ingest floor (zstd -1 | age -e of the entries + SHA-256 of the input) / (zstd -1 | age -e) CPU: %.2f; ingest / floor: %.2f\n' \
  "$(echo "$floor / ${cpu["  zstd -1 | age -e (same input)"]}" | bc -l)" "$(echo "${cpu["ingest (parse, zstd, age, write)"]} / $floor" | bc -l)"
printf 'read-back CPU / (age -d | zstd -d) CPU: %.2f  (target <= 1.2)\n' \
  "$(echo "${cpu["read back (age, zstd, parse)"]} / ${cpu["  age -d | zstd -d (same entries)"]}" | bc -l)"
printf 'convert: %.0f MB/s per core (target >= 300)\n' \
  "$(echo "${mb["convert (read, normalize, write)"]} / ${cpu["convert (read, normalize, write)"]}" | bc -l)"
