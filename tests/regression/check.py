#!/usr/bin/python3
"""Regression check: every recorded traj output, number for number.

Usage:
  check.py TRAJ REPOSITORY [--update] [--only REGEX]

Runs every case of cases.txt (from REPOSITORY, so scenario paths are the
repository's) and compares its JSON, at full precision (traj writes the
shortest text that reads back as the same double), with
expected/NAME.json.gz. Keys that vary from run to run (wall time, thread
and rank counts, version) are left out. Then re-runs the recorded results
file (recorded/*.h5) with `traj rerun`, which must find it identical.

Exit code 0 when everything is identical, 1 when anything differs (each
difference is printed: key path, expected, found), 2 on a usage error.
With --update, differences are printed the same way and the expected files
are rewritten; commit them with a message that says which numbers move and
why.
"""

import argparse
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOLATILE_KEYS = {"seconds", "threads", "ranks", "traj_version"}
MOST_DIFFERENCES_SHOWN = 12


def read_cases():
    cases = []
    for number, line in enumerate((HERE / "cases.txt").read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, separator, arguments = line.partition("|")
        if not separator or not name.strip() or not arguments.strip():
            sys.exit(f"cases.txt:{number}: expected NAME | ARGUMENTS, found {line!r}")
        cases.append((name.strip(), arguments.split()))
    names = [name for name, _ in cases]
    if len(set(names)) != len(names):
        sys.exit("cases.txt: a case name is used twice")
    return cases


def without_volatile(document):
    if isinstance(document, dict):
        return {k: without_volatile(v) for k, v in document.items() if k not in VOLATILE_KEYS}
    if isinstance(document, list):
        return [without_volatile(v) for v in document]
    return document


def differences(expected, found, path=""):
    """Yields (path, expected, found) for every leaf that is not identical."""
    if isinstance(expected, dict) and isinstance(found, dict):
        for key in expected.keys() | found.keys():
            yield from differences(expected.get(key, "<absent>"), found.get(key, "<absent>"),
                                   f"{path}.{key}" if path else key)
    elif isinstance(expected, list) and isinstance(found, list):
        if len(expected) != len(found):
            yield path, f"{len(expected)} items", f"{len(found)} items"
        for index, (e, f) in enumerate(zip(expected, found)):
            yield from differences(e, f, f"{path}[{index}]")
    elif type(expected) is not type(found) or expected != found:
        # Identical NaN cannot appear (JSON writes null), so != is exact.
        yield path, expected, found


def describe(expected, found):
    if isinstance(expected, float) and isinstance(found, float) and expected != 0:
        relative = (found - expected) / abs(expected)
        return f"{expected!r} -> {found!r} (relative {relative:+.3g})"
    return f"{expected!r} -> {found!r}"


def run_case(traj, repository, arguments):
    completed = subprocess.run([traj, *arguments], cwd=repository, capture_output=True, text=True)
    if completed.returncode != 0:
        return None, f"exit {completed.returncode}: {completed.stderr.strip()[:400]}"
    try:
        return without_volatile(json.loads(completed.stdout)), None
    except json.JSONDecodeError as error:
        return None, f"not JSON: {error}"


def check_json_cases(traj, repository, update, only):
    expected_dir = HERE / "expected"
    expected_dir.mkdir(exist_ok=True)
    failures = 0
    checked = 0
    for name, arguments in read_cases():
        if only and not re.search(only, name):
            continue
        checked += 1
        found, error = run_case(traj, repository, arguments)
        if error:
            print(f"FAIL {name}: {error}")
            failures += 1
            continue
        path = expected_dir / f"{name}.json.gz"
        expected = json.loads(gzip.decompress(path.read_bytes())) if path.exists() else None
        if expected is None:
            listed = [("", "<no expected file>", "recorded now" if update else "<not recorded>")]
        else:
            listed = list(differences(expected, found))
        if listed:
            print(f"{'UPDATED' if update else 'DIFFERS'} {name}: {len(listed)} values")
            for where, e, f in sorted(listed)[:MOST_DIFFERENCES_SHOWN]:
                print(f"    {where}: {describe(e, f)}")
            if len(listed) > MOST_DIFFERENCES_SHOWN:
                print(f"    … and {len(listed) - MOST_DIFFERENCES_SHOWN} more")
            if update:
                text = json.dumps(found, indent=1, ensure_ascii=False) + "\n"
                path.write_bytes(gzip.compress(text.encode(), mtime=0))
            else:
                failures += 1
    return checked, failures


def check_recorded_files(traj, update):
    checked = failures = 0
    for recorded in sorted((HERE / "recorded").glob("*.h5")):
        checked += 1
        completed = subprocess.run([traj, "rerun", str(recorded), "-q"], capture_output=True,
                                   text=True)
        if completed.returncode != 0:
            print(f"{'STALE' if update else 'DIFFERS'} {recorded.name}: traj rerun exit "
                  f"{completed.returncode}\n{completed.stdout}{completed.stderr}")
            if update:
                print(f"    record it again with the command in {HERE / 'recorded/README.md'}")
            failures += 1
    return checked, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("traj")
    parser.add_argument("repository")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--only", help="only the cases whose name matches this regular expression")
    options = parser.parse_args()
    options.traj = str(Path(options.traj).resolve())
    if not Path(options.traj).is_file():
        parser.error(f"expected the traj executable, found no file {options.traj}")
    if not (Path(options.repository) / "scenarios").is_dir():
        parser.error(f"expected the repository's root, found no scenarios/ in {options.repository}")
    cases, case_failures = check_json_cases(options.traj, options.repository, options.update,
                                            options.only)
    files, file_failures = (0, 0) if options.only else check_recorded_files(options.traj,
                                                                            options.update)
    if cases + files == 0:
        print("FAIL: no regression case was checked")
        return 1
    failed = case_failures + file_failures
    print(f"regression: {cases + files - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
