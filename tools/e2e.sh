#!/usr/bin/env bash
# The end-to-end tests, one file at a time (each its own process, as
# `node --test` runs them), each timed as a layer of its own; every file runs
# even after one fails, and the run fails if any did. The figures the tests
# measured are printed at the end, where CI's log is read.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f target/e2e-figures.txt
failed=()
for file in tests/e2e/*.test.mjs; do
  tools/timed.sh "  e2e $(basename "$file" .test.mjs)" node --test --test-concurrency=1 "$file" || failed+=("$file")
done
echo "## Figures measured by the end-to-end tests (target/e2e-figures.txt)"
cat target/e2e-figures.txt 2>/dev/null
if [ ${#failed[@]} -gt 0 ]; then
  echo "e2e: FAILED in ${failed[*]}"
  exit 1
fi
