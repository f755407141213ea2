"""Every mistake raises a Python exception that says where and what, as the
CLI's message does: a bad scenario raises trajectoires.ScenarioError with
the file, line, column and key of each problem (the same as `traj validate`
prints), a bad edit or option ScenarioError naming it, and a wrong type
TypeError; nothing runs. Ctrl-C stops a run with KeyboardInterrupt.

Usage: errors_test.py TRAJ SOURCE_DIR (PYTHONPATH holds the module)."""
import os
import re
import signal
import subprocess
import sys
import time

import trajectoires as tj

TRAJ, SOURCE = sys.argv[1], sys.argv[2]
ERRORS = os.path.join(SOURCE, "scenarios", "tests", "errors")
EXAMPLE = os.path.join(SOURCE, "scenarios", "examples", "example.toml")
LOCATED = re.compile(r"^(.*):(\d+):(\d+): error: ([^:]+): (.*)$")


def raises(error_type, call, *words):
    try:
        call()
    except error_type as error:
        for word in words:
            assert word in str(error), f"{word!r} not in {str(error)!r}"
        return error
    raise AssertionError(f"expected {error_type.__name__} containing {words}")


# 1. Fixtures of bad scenarios: the same problems, at the same places, as traj validate.
for name in ("ceiling-above-one", "duplicate-id", "missing-key", "missing-unit", "nan"):
    path = os.path.join(ERRORS, name + ".toml")
    done = subprocess.run([TRAJ, "validate", path], capture_output=True, text=True, check=False)
    assert done.returncode == 2, done
    located = [LOCATED.match(line) for line in done.stderr.splitlines()]
    located = [match for match in located if match]
    assert located, done.stderr
    error = raises(tj.ScenarioError, lambda: tj.load(path))
    assert isinstance(error, ValueError)
    assert len(error.problems) == len(located), (error.problems, located)
    for problem, match in zip(error.problems, located):
        assert problem.file == match.group(1), (problem, match.group(0))
        assert problem.line == int(match.group(2)) and problem.line > 0
        assert problem.column == int(match.group(3))
        assert problem.key == match.group(4)
        assert problem.message == match.group(5)
    first = error.problems[0]
    assert (error.file, error.line, error.column, error.key) == \
        (first.file, first.line, first.column, first.key)
    assert error.total == len(error.problems)
    assert f"{first.file}:{first.line}:" in str(error)

# 2. A missing file, an unknown bundled scenario, both at once.
raises(tj.ScenarioError, lambda: tj.load(os.path.join(ERRORS, "no-such-file.toml")),
       "no-such-file.toml")
error = raises(tj.ScenarioError, lambda: tj.load(bundled="nowhere"), "brest-metropole",
               "clermont-alliance", "nowhere")
assert error.file is None and error.line == 0 and error.key is None
assert [p.file for p in error.problems] == [None]
raises(tj.ScenarioError, lambda: tj.load(EXAMPLE, bundled="brest-metropole"), "found both")
assert "clermont-alliance" in tj.bundled_scenarios()
assert tj.load(bundled="clermont-alliance").name == "<bundled>/clermont-alliance.toml"

# 3. What-if edits: an unknown key, an action that does not exist, a value of the wrong type.
raises(tj.ScenarioError, lambda: tj.load(set="nope.x=1"), "--set #1", "nope")
raises(tj.ScenarioError, lambda: tj.load().edit(shift={"no-such-action": 2}), "no-such-action")
raises(tj.ScenarioError, lambda: tj.load(action_off="no-such-action"), "no-such-action")
raises(tj.ScenarioError, lambda: tj.load(set={"actions.deep-renovation.adoption.ceiling": 1.5}),
       "actions.deep-renovation.adoption.ceiling", "1.5")
raises(TypeError, lambda: tj.load(set=[1]), "set")
raises(TypeError, lambda: tj.load(set={"actions.deep-renovation.adoption.ceiling": [1]}), "set")

# 4. Options as the CLI refuses them, named, before anything runs.
scenario = tj.load()
raises(tj.ScenarioError, lambda: scenario.run(members=0), "members", "found 0")
raises(tj.ScenarioError, lambda: scenario.run(threads=-1), "threads")
raises(tj.ScenarioError, lambda: scenario.run(block=0), "block")
raises(tj.ScenarioError, lambda: scenario.run(precision=2.0), "precision")
raises(tj.ScenarioError, lambda: scenario.run(quantiles=[1.5]), "quantiles")
raises(tj.ScenarioError, lambda: scenario.run(max_members=10), "max_members", "precision")
raises(tj.ScenarioError, lambda: scenario.run(deterministic=True, members=10), "members",
       "deterministic")
raises(tj.ScenarioError, lambda: scenario.run("no-such-portfolio"), "no-such-portfolio")
raises(tj.ScenarioError, lambda: scenario.run(members=10, trajectories="nope"), "nope")
raises(tj.ScenarioError, lambda: scenario.compare(members=10), "members")
raises(tj.ScenarioError, lambda: scenario.compare(members=200, shares="everyone"), "shares")
raises(tj.ScenarioError, lambda: scenario.compare(members=200, permutations=5), "permutations")
raises(tj.ScenarioError, lambda: scenario.target(indicator="ghg", year=2030), "portfolio")
raises(tj.ScenarioError, lambda: scenario.target("plan", indicator="ghg"), "year")
raises(tj.ScenarioError, lambda: scenario.target("plan", year=2030), "indicator")
raises(tj.ScenarioError, lambda: scenario.target("plan", objective="nope"), "nope")
raises(tj.ScenarioError, lambda: scenario.target("plan", indicator="ghg", year=2030,
                                                 confidence=0.2), "confidence")
raises(tj.ScenarioError, lambda: scenario.target("plan", indicator="gh", year=2030), "gh")
raises(TypeError, lambda: scenario.run(members="many"))
# 5. Ctrl-C stops a long run at its next batch: KeyboardInterrupt, no result.
CHILD = """
import signal, sys, time
import trajectoires as tj
signal.signal(signal.SIGINT, signal.default_int_handler)
print("ready", flush=True)
start = time.time()
try:
    tj.run(sys.argv[1], members=50_000_000)
    print("finished")
except KeyboardInterrupt:
    print("interrupted after", round(time.time() - start, 1))
"""
child = subprocess.Popen([sys.executable, "-c", CHILD,
                          os.path.join(SOURCE, "scenarios", "bench", "metropole-large.toml")],
                         stdout=subprocess.PIPE, text=True)
assert child.stdout.readline() == "ready\n"
time.sleep(1.0)
child.send_signal(signal.SIGINT)
said = child.stdout.read()
assert child.wait(timeout=120) == 0 and said.startswith("interrupted after"), said
print("every mistake raised what it should; Ctrl-C stopped the run:", said.strip())
