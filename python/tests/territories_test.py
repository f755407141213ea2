"""The module's Run.territories (issue 26) equals the results file's
/territories group to the bit, and is None for a scenario of one territory.

usage: territories_test.py TRAJ SOURCE_DIR (with the module on PYTHONPATH)
"""

import os
import subprocess
import sys
import tempfile

import numpy as np
import trajectoires
import xarray as xr

TRAJ, SOURCE = sys.argv[1], sys.argv[2]
SCENARIO = os.path.join(SOURCE, "scenarios", "tests", "territories.toml")

with tempfile.TemporaryDirectory() as directory:
    path = os.path.join(directory, "territories.h5")
    subprocess.run([TRAJ, "run", SCENARIO, "--portfolio", "plan", "--members", "3000", "-q",
                    "--output", path], check=True)
    expected = xr.open_dataset(path, group="territories").load()

run = trajectoires.run(SCENARIO, portfolio="plan", members=3000)
territories = run.territories
assert territories is not None, "no territories Dataset"
assert list(territories.territory.values) == ["town", "village"], territories.territory.values
assert list(territories.population.values) == [7500.0, 2500.0]
for name in ("final_energy_mean", "ghg_sd", "renewable_share_quantiles", "cost_discounted_mean"):
    assert np.array_equal(territories[name].values, expected[name].values), name
    assert territories[name].dims == expected[name].dims, name
minimal = os.path.join(SOURCE, "scenarios", "tests", "minimal.toml")
assert trajectoires.run(minimal, members=100).territories is None
print("python territories: every check passed")
