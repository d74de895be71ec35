#!/usr/bin/env bash
# CLI golden tests: each folder in cases/ has `cmd` (a bash snippet run in a
# fresh temporary directory, with $WINNOW the binary and $CASE the folder),
# and the expected `stdout`, `stderr` and `status`. Usage: run_golden.sh WINNOW CASE_DIR
set -u
winnow=$1; case_dir=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
WINNOW=$winnow CASE=$case_dir bash -c "$(cat "$case_dir/cmd")" >"$tmp/.stdout" 2>"$tmp/.stderr"
status=$?
fail=0
expected_status=$(cat "$case_dir/status")
if [ "$status" != "$expected_status" ]; then echo "status: got $status, want $expected_status"; fail=1; fi
for s in stdout stderr; do
  if ! diff -u "$case_dir/$s" "$tmp/.$s"; then echo "($s differs)"; fail=1; fi
done
exit $fail
