#!/usr/bin/env bash
# `make test`: every layer in turn (set-up, lints, native, fuzz, browser, the
# site's builds, each end-to-end file), each timed. The times are printed at
# the end, also when a layer fails, so that CI's log says where the time went
# as well as what failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export GAZETTE_LAYER_TIMES=${GAZETTE_LAYER_TIMES:-$PWD/target/layer-times.txt}
mkdir -p "$(dirname "$GAZETTE_LAYER_TIMES")"
: >"$GAZETTE_LAYER_TIMES"
started=$SECONDS
report() {
  local status=$?
  echo
  echo "## Time of each layer (make test)"
  cat "$GAZETTE_LAYER_TIMES"
  printf '%-44s %6ds\n' "all layers" $((SECONDS - started))
  exit $status
}
trap report EXIT

for layer in setup lint test-native test-fuzz test-browser build-sites; do
  tools/timed.sh "$layer" make --no-print-directory "$layer" || exit 1
done
# The sites were just built: the end-to-end files run on them as they are.
tools/e2e.sh || exit 1
echo "make test: all layers passed"
