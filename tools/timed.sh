#!/usr/bin/env bash
# Runs a command as a named layer of the tests and notes how long it took and
# how it ended in $GAZETTE_LAYER_TIMES (tools/test.sh prints them).
#   tools/timed.sh NAME COMMAND [ARGS...]
set -uo pipefail
name=$1
shift
start=$SECONDS
"$@"
status=$?
if [ -n "${GAZETTE_LAYER_TIMES:-}" ]; then
  result=ok
  [ $status -eq 0 ] || result="FAILED ($status)"
  printf '%-44s %6ds  %s\n' "$name" $((SECONDS - start)) "$result" >>"$GAZETTE_LAYER_TIMES"
fi
exit $status
