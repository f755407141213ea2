#!/bin/sh
# Runs the libFuzzer targets side by side, each for SECONDS, seeded from the repository's
# scenarios, from a small results file written by the same build, and from a
# few request bodies of traj serve (tests/fuzz/request_seeds/).
# Usage: run_fuzzers.sh BUILD_DIR SOURCE_DIR SECONDS
# Exits non-zero when a target met a crash, leak, hang or sanitizer report; the
# failing input is kept in BUILD_DIR/fuzz/artifacts/.
set -eu
build=$1
source=$2
seconds=$3
work="$build/fuzz/work"
artifacts="$build/fuzz/artifacts"
rm -rf "$work"
mkdir -p "$work/scenario-seeds" "$work/scenario-corpus" "$work/results-seeds" \
         "$work/results-corpus" "$work/request-corpus" "$artifacts"
find "$source/scenarios" -name '*.toml' -exec cp {} "$work/scenario-seeds/" \;
"$build/bin/traj" run "$source/scenarios/examples/example.toml" --members 64 -q \
  --output "$work/results-seeds/headline.h5" > /dev/null
"$build/bin/traj" run "$source/scenarios/examples/example.toml" --members 16 -q \
  --trajectories all --output "$work/results-seeds/all.h5" > /dev/null
# HDF5 1.10 leaks a few bytes on some failed opens of damaged files (inside
# libhdf5, see docs/reliability.md); every other leak fails the run.
export LSAN_OPTIONS="suppressions=$source/tests/fuzz/lsan.supp"

# fuzz TARGET NAME CORPUS SEEDS [libFuzzer options…]: started in the
# background, its exit status left in $work/NAME.status. The targets run side
# by side — each for SECONDS of wall time, on the cores there are — so that
# CI waits SECONDS, not three times SECONDS (it must stay under 30 minutes).
fuzz() {
  target=$1; name=$2; corpus=$3; seeds=$4
  shift 4
  (
    status=0
    "$build/fuzz/$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$@" > "$work/$name.log" 2>&1 \
      || status=$?
    echo "$status" > "$work/$name.status"
  ) &
}

fuzz fuzz_scenario scenario "$work/scenario-corpus" "$work/scenario-seeds" -rss_limit_mb=2048
fuzz fuzz_results_file results "$work/results-corpus" "$work/results-seeds" \
  -rss_limit_mb=4400 -malloc_limit_mb=4400
fuzz fuzz_request request "$work/request-corpus" "$source/tests/fuzz/request_seeds" \
  -rss_limit_mb=2048 -dict="$source/tests/fuzz/request.dict"
wait
failed=0
for name in scenario results request; do
  echo "== fuzz target: $name"
  tail -n 12 "$work/$name.log"
  if [ "$(cat "$work/$name.status" 2>/dev/null || echo 1)" -ne 0 ]; then
    echo "the $name fuzz target found a failing input (see $artifacts)"; failed=1
  fi
done
exit "$failed"
