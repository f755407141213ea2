#!/bin/sh
# traj on a full disk: a tmpfs of 1 MB. A run that fills it during the run
# reports the write error and exits 1 (no crash in HDF5's exit handler), and
# leaves nothing; the disk guard, before a run, counts the file's fixed part
# and speaks in the unit that suits; standard output on the full disk is a
# failed write too. Mounting needs root (CAP_SYS_ADMIN): elsewhere, skipped.
# Usage: full_disk_test.sh TRAJ SCRATCH_DIRECTORY
traj=$1
disk=$2/full_disk.$$
err=$2/full_disk_err.$$
mkdir -p "$disk" || exit 1
if ! mount -t tmpfs -o size=1m tmpfs "$disk" 2> "$err"; then
  echo "SKIP: cannot mount a tmpfs to fill (needs root or CAP_SYS_ADMIN): $(cat "$err")"
  rm -f "$err"
  rmdir "$disk"
  exit 77
fi
trap 'umount "$disk"; rmdir "$disk"; rm -f "$err"' EXIT
fail() {
  echo "FAIL: $*"
  echo "stderr of traj:"
  cat "$err"
  exit 1
}
left_behind() { ls -A "$disk" | grep -v '^filler$'; }

# 1. The file grows (--precision) until the disk is full, during the run.
"$traj" run --members 100 --precision 0.0001 --max-members 1000000 -q \
  --output "$disk/plan.h5" > /dev/null 2> "$err"
code=$?
[ $code -eq 1 ] || fail "run onto a full disk: expected exit 1, got $code"
grep -q "No space left on device" "$err" || fail "run onto a full disk: no ENOSPC reason"
[ -z "$(left_behind)" ] || fail "run onto a full disk left: $(left_behind)"

# 2. The guard before the run: 10 members fit in the estimate per member, not
# with the file's fixed part (inputs, statistics, HDF5's structures).
dd if=/dev/zero of="$disk/filler" bs=1k count=800 2> /dev/null
"$traj" run --members 10 -q --output "$disk/small.h5" > /dev/null 2> "$err"
code=$?
[ $code -eq 2 ] || fail "guard: expected exit 2, got $code"
grep -q "kB fixed, then 10 members × 3907 bytes" "$err" || fail "guard: no fixed part"
grep -q "0\.0 GB" "$err" && fail "guard: printed 0.0 GB"
[ -z "$(left_behind)" ] || fail "guard left: $(left_behind)"

# 3. Standard output on the full disk.
dd if=/dev/zero of="$disk/filler" bs=1k count=1024 2> /dev/null
"$traj" run --members 100 -q --json > "$disk/out.json" 2> "$err"
code=$?
[ $code -eq 1 ] || fail "stdout on a full disk: expected exit 1, got $code"
grep -q "cannot write to standard output: No space left on device" "$err" ||
  fail "stdout on a full disk: no reason"
echo "ok: full disk: exit 1 with the reason, guard with the fixed part, nothing left"
