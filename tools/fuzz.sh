#!/usr/bin/env bash
# Runs the fuzz targets for SECONDS each (default 15): the feed reader,
# seeded with the shared feed and JSON corpora when they are beside this
# clone, and the HTML allowlist. Stable Rust, so without a sanitizer: the
# code is safe Rust, and what is sought is a panic, a failed assertion, or an
# input that takes more than 10 seconds (libFuzzer's -timeout: without it, a
# hang would run past -max_total_time, which is checked between inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
seeds=()
for dir in ../shared/corpora/jsonfeed ../shared/corpora/jsonfeed-edgecases ../shared/corpora/jsontestsuite; do
  if [ -d "$dir" ]; then seeds+=("$dir"); fi
done
[ ${#seeds[@]} -gt 0 ] || echo "fuzz: SKIPPED the seed corpora: ../shared/corpora is absent"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {
  local target=$1
  shift
  mkdir -p "$work/$target"
  if ! cargo fuzz run --sanitizer none "$target" "$work/$target" "$@" -- -max_total_time="$seconds" -timeout=10 >"$work/$target.log" 2>&1; then
    tail -n 40 "$work/$target.log"
    echo "fuzz: $target FAILED; the input that broke it is in fuzz/artifacts/$target/"
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^Done' "$work/$target.log")"
}

run feed_reader "${seeds[@]}"
run html_blocks
