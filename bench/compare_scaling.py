#!/usr/bin/python3
"""Times `traj compare` against the number of actions and at a million members (issue 27).

    bench/compare_scaling.py build/bin/traj [OTHER_TRAJ ...] [--actions 100,300,1000]
                             [--members 100] [--threads 1,2] [--repeats 3] [--large 1000000]

For each N of --actions, writes the synthetic scenario of bench/make_many_actions.py
(metropole-large and N actions in a portfolio `many`) into a temporary directory and
runs `traj compare FILE --portfolios many --members M -q --threads T`, with and without
contributions, --repeats times each, interleaved; then, with --large, `traj compare
scenarios/bench/metropole-large.toml --members L --no-contributions -q`. Prints, per
command, the best wall time (the machine may be shared: take the best, and read the
load averages printed before and after), its user + system CPU time, CPU use (CPU /
wall) and peak resident memory; and, between consecutive N, the growth exponent
log(t2 / t1) / log(N2 / N1) of the best wall times (1: linear, 2: quadratic).
With several traj binaries (before and after a change), every command runs with
each of them in turn, interleaved, so that they share the machine's load.
Bounded: every command has a timeout (--timeout, seconds). Only the standard library.
"""

import argparse
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPOSITORY = HERE.parent


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def timed(command, timeout):
    """(wall s, CPU s, peak RSS MB) of one run; exits on failure."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid != 0:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            sys.exit(f"timeout after {timeout} s: {' '.join(command)}")
        time.sleep(0.01)
    wall = time.monotonic() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}\n{error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def best_of(commands, repeats, timeout):
    """Each command's best wall time and the CPU and memory of that run, interleaved."""
    best = {}
    for _ in range(repeats):
        for name, command in commands:
            figure = timed(command, timeout)
            if name not in best or figure[0] < best[name][0]:
                best[name] = figure
    return best


def print_row(name, figure):
    wall, cpu, rss = figure
    print(f"{name:<48} {wall:9.3f} s {cpu:9.3f} s CPU {100 * cpu / wall:5.0f} % {rss:8.1f} MB",
          flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("traj", nargs="+")
    parser.add_argument("--actions", default="100,300,1000")
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large", type=int, default=0, help="members of the large scenario (0: skip)")
    parser.add_argument("--timeout", type=float, default=1800)
    arguments = parser.parse_args()
    sizes = [int(n) for n in arguments.actions.split(",") if n]
    threads = [int(t) for t in arguments.threads.split(",") if t]
    for b, traj in enumerate(arguments.traj):
        print(f"[{b}] {traj}")
    print(f"load averages before: {load()} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="traj_compare_scaling_") as directory:
        walls = {}
        for n in sizes:
            scenario = pathlib.Path(directory) / f"many-{n}.toml"
            subprocess.run([sys.executable, str(HERE / "make_many_actions.py"), str(n), str(scenario)],
                           check=True)
            commands = []
            for t in threads:
                for b, traj in enumerate(arguments.traj):
                    base = [traj, "compare", str(scenario), "--portfolios", "many", "--members",
                            str(arguments.members), "-q", "--threads", str(t)]
                    label = f"[{b}] N={n}"
                    plural = "s" if t > 1 else ""
                    commands.append((f"{label} contributions, {t} thread{plural}", base))
                    commands.append((f"{label} --no-contributions, {t} thread{plural}",
                                     base + ["--no-contributions"]))
            for name, figure in best_of(commands, arguments.repeats, arguments.timeout).items():
                print_row(name, figure)
                binary, rest = name.split(" ", 1)
                walls[(binary + " " + rest.split(" ", 1)[1], n)] = figure[0]
        for kind in sorted({kind for kind, _ in walls}):
            for n1, n2 in zip(sizes, sizes[1:]):
                t1, t2 = walls[(kind, n1)], walls[(kind, n2)]
                print(f"growth {kind}, N {n1} -> {n2}: exponent "
                      f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}")
    if arguments.large > 0:
        large = str(REPOSITORY / "scenarios" / "bench" / "metropole-large.toml")
        commands = [(f"[{b}] large, {arguments.large} members, --no-contributions",
                     [traj, "compare", large, "--members", str(arguments.large),
                      "--no-contributions", "-q"]) for b, traj in enumerate(arguments.traj)]
        for name, figure in best_of(commands, arguments.repeats, arguments.timeout).items():
            print_row(name, figure)
    print(f"load averages after: {load()}")


if __name__ == "__main__":
    main()
