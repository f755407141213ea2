"""The Python module's overhead over the CLI (docs/performance.md, "Python
module"): `traj run SCENARIO --members N -q` against
`trajectoires.run(SCENARIO, members=N)` (loading the scenario, the run,
the summary and the Dataset), back to back, alternating, REPEAT times;
prints each time, the medians and their ratio. Not a test: the machine's
load decides the figures (say `uptime` with them).

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py build/bin/traj \
           scenarios/bench/metropole-large.toml [MEMBERS [REPEAT]]"""
import statistics
import subprocess
import sys
import time

import trajectoires as tj

traj, scenario = sys.argv[1], sys.argv[2]
members = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 3
cli_times, module_times = [], []
for attempt in range(repeat):
    start = time.perf_counter()
    subprocess.run([traj, "run", scenario, "--members", str(members), "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    cli_times.append(time.perf_counter() - start)
    start = time.perf_counter()
    result = tj.run(scenario, members=members)
    module_times.append(time.perf_counter() - start)
    assert result.summary["members"] == members
    print(f"run {attempt + 1}: traj {cli_times[-1]:.3f} s, module {module_times[-1]:.3f} s "
          f"(engine {result.summary['seconds']:.3f} s)", flush=True)
cli, module = statistics.median(cli_times), statistics.median(module_times)
print(f"median: traj {cli:.3f} s, module {module:.3f} s, module / traj = {module / cli:.3f}")
