#!/usr/bin/env bash
# Runs every fuzz target for a bounded time. Usage: scripts/fuzz.sh BUILD_DIR SECONDS
# New crashing inputs are written to fuzz/corpus/<target>/ (keep them: they
# become regression tests replayed by ctest); the working corpus grows in
# fuzz/corpus-work/, which git ignores.
set -euo pipefail
build=$1; seconds=${2:-60}
cd "$(dirname "$0")/.."
status=0
for bin in "$build"/fuzz/*_fuzz; do
  name=$(basename "$bin" _fuzz)
  seeds=fuzz/corpus/$name; work=fuzz/corpus-work/$name
  mkdir -p "$seeds" "$work"
  echo "== $name ($seconds s)"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$seeds/" -print_final_stats=1 "$work" "$seeds" 2>"$work.log"; then
    echo "   CRASH: see $work.log and $seeds/crash-*"; status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work.log" | sed 's/^/   /' || true
done
exit $status
