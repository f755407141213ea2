#!/bin/sh
# The same runs spread over MPI ranks give the same results as one process:
# `mpirun -np R traj …` for R = 1, 2, 3, against the serial traj.
# Usage: mpi_test.sh TRAJ MPIRUN WORK_DIR
set -eu
clermont=$(cd "$(dirname "$0")/.." && pwd)/scenarios/clermont-alliance.toml
traj=$1
mpirun="$2 --oversubscribe --allow-run-as-root"
work=$3/mpi_test
rm -rf "$work"
mkdir -p "$work"
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
# What differs between runs by design: timings, threads and ranks.
strip() { grep -v -e '"seconds"' -e '"threads"' -e '"ranks"' "$1"; }

"$traj" run "$clermont" --members 30000 --json -q > serial-run.json
"$traj" run "$clermont" --members 5000 --precision 0.003 --max-members 100000 --json -q \
  > serial-precision.json
"$traj" compare --members 2000 --no-contributions --json -q > serial-compare.json
"$traj" target -p plan --indicator renewable_share --year 2030 --members 4000 --json \
  > serial-target.json
"$traj" sensitivity -p plan --samples 256 --json -q > serial-sensitivity.json
observations=$(dirname "$clermont")/observations/brest-metropole.csv
"$traj" track -p plan --members 3000 --observations "$observations" --json -q > serial-track.json
# Errors of 0.3 %: too informative for importance sampling, the SMC sampler runs.
sed -e 's/,2%,/,0.3%,/' -e 's/,4[0-9]*\.\.4[0-9]*,/,0.3%,/' "$observations" > tight.csv
"$traj" track -p plan --members 3000 --observations tight.csv --json -q > serial-smc.json
grep -q '"method": "sequential Monte Carlo"' serial-smc.json || fail "tight.csv did not run the SMC"
"$traj" discover -p ambitious --objective energy-2050 --members 3000 --json -q > serial-discover.json
for ranks in 1 2 3; do
  echo "R = $ranks"
  $mpirun -np $ranks "$traj" run "$clermont" --members 30000 --json -q > run.json
  [ "$(strip serial-run.json)" = "$(strip run.json)" ] || fail "run differs at R = $ranks"
  $mpirun -np $ranks "$traj" run "$clermont" --members 5000 --precision 0.003 \
    --max-members 100000 --json -q > precision.json
  [ "$(strip serial-precision.json)" = "$(strip precision.json)" ] ||
    fail "run --precision differs at R = $ranks"
  # Every dataset of the file, bit for bit, against a serial re-run.
  $mpirun -np $ranks "$traj" run "$clermont" --members 20000 -q --trajectories all \
    --output ranks$ranks.h5 > /dev/null
  "$traj" rerun ranks$ranks.h5 | grep -q '^identical' || fail "rerun of ranks$ranks.h5"
  $mpirun -np $ranks "$traj" compare --members 2000 --no-contributions --json -q > compare.json
  cmp -s serial-compare.json compare.json || fail "compare differs at R = $ranks"
  $mpirun -np $ranks "$traj" target -p plan --indicator renewable_share --year 2030 \
    --members 4000 --json > target.json
  cmp -s serial-target.json target.json || fail "target differs at R = $ranks"
  $mpirun -np $ranks "$traj" sensitivity -p plan --samples 256 --json -q > sensitivity.json
  cmp -s serial-sensitivity.json sensitivity.json || fail "sensitivity differs at R = $ranks"
  # The track and its file (weights, fan charts), against a serial re-run.
  $mpirun -np $ranks "$traj" track -p plan --members 3000 --observations "$observations" \
    --json -q --output track$ranks.h5 > track.json
  cmp -s serial-track.json track.json || fail "track differs at R = $ranks"
  $mpirun -np $ranks "$traj" track -p plan --members 3000 --observations tight.csv \
    --json -q --output smc$ranks.h5 > smc.json
  cmp -s serial-smc.json smc.json || fail "track's SMC differs at R = $ranks"
  "$traj" rerun smc$ranks.h5 | grep -q '^identical' || fail "rerun of smc$ranks.h5"
  "$traj" rerun track$ranks.h5 | grep -q '^identical' || fail "rerun of track$ranks.h5"
  $mpirun -np $ranks "$traj" discover -p ambitious --objective energy-2050 --members 3000 \
    --json -q > discover.json
  cmp -s serial-discover.json discover.json || fail "discover differs at R = $ranks"
done

# Bad input: exit code 2 and the error said once, by rank 0.
status=0
$mpirun -np 3 "$traj" run "$(dirname "$clermont")/tests/errors/nan.toml" > /dev/null 2> bad.err ||
  status=$?
[ "$status" -eq 2 ] || fail "bad input under mpirun: exit $status, expected 2"
[ "$(grep -c 'expected a finite number, found a float nan' bad.err)" -eq 1 ] ||
  fail "bad input under mpirun: the error is not said exactly once: $(cat bad.err)"

# A rank that dies ends the whole job, and leaves no results file behind.
$mpirun -np 3 "$traj" run --members 5000000 -q --output killed.h5 > /dev/null 2>&1 &
job=$!
for attempt in $(seq 1 100); do
  ranks=$(pgrep -f -- "--output killed.h5" | grep -v "^$job\$" || true)
  [ "$(echo "$ranks" | grep -c .)" -ge 3 ] && ls .killed.h5.tmp-* > /dev/null 2>&1 && break
  sleep 0.1
done
victim=$(echo "$ranks" | tail -n 1)
[ -n "$victim" ] || fail "no rank to stop"
kill -9 "$victim"
status=0
wait $job || status=$?
[ "$status" -ne 0 ] || fail "the job succeeded although a rank was killed"
sleep 1
ls -a | grep -q killed && fail "a results file was left behind: $(ls -a | grep killed)"
echo "mpi: R = 1, 2, 3 identical to one process; a killed rank ends the job cleanly"
