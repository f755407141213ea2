"""The module's Dataset of a run is the results file's groups as xarray
opens them: the same variable names, dimensions, coordinates and values (to
the bit) for `statistics`, `objectives` (the objective's `year` as
`objectives_year`, as docs/examples/open_results.py names it), and with
per-member trajectories `trajectories` and `parameters`; and the arrays
are the engine's buffers, not copies.

Usage: datasets_test.py TRAJ SOURCE_DIR (PYTHONPATH holds the module)."""
import subprocess
import sys

import numpy as np
import xarray as xr

import trajectoires as tj

TRAJ, SOURCE = sys.argv[1], sys.argv[2]
PATH = "python_datasets_test.h5"
subprocess.run([TRAJ, "run", "--portfolio", "plan", "--members", "1500", "--seed", "4", "-q",
                "--output", PATH, "--force", "--trajectories", "headline"], check=True,
               stdout=subprocess.DEVNULL)
run = tj.run(portfolio="plan", members=1500, seed=4, trajectories="headline")
ds = run.dataset
compared = 0


def same_variable(name, expected, actual):
    global compared
    assert expected.dims == actual.dims, f"{name}: dims {expected.dims} vs {actual.dims}"
    if expected.dtype.kind in "OSU":
        assert [str(v) for v in expected.values.ravel()] == \
            [str(v) for v in actual.values.ravel()], name
    else:
        assert np.array_equal(expected.values, actual.values), name
    compared += expected.size


for group, renamed in (("statistics", {}), ("objectives", {"year": "objectives_year"}),
                       ("trajectories", {}), ("parameters", {})):
    stored = xr.open_dataset(PATH, group=group)
    for name in stored.data_vars:
        if group == "objectives" and name in ("description_fr", "relative_to", "reference_value"):
            continue  # not in the JSON summary the module's objectives are read from
        assert renamed.get(name, name) in ds, f"{group}/{name} missing from the Dataset"
        same_variable(f"{group}/{name}", stored[name], ds[renamed.get(name, name)])
    for coordinate in stored.coords:
        same_variable(f"{group}/{coordinate}", stored[coordinate], ds[coordinate])

# The statistics are every indicator: nothing left out of the mirror.
statistics = xr.open_dataset(PATH, group="statistics")
assert {name for name in ds.data_vars if name.endswith(("_mean", "_sd", "_quantiles"))} == \
    set(statistics.data_vars)
assert ds.attrs["members"] == 1500 and ds.attrs["seed"] == 4 and ds.attrs["portfolio"] == "plan"

# No copies: views of the engine's buffers (a capsule owns them).
for name in ("ghg_mean", "final_energy_by_sector_mean", "pollutants_by_sector_sd",
             "renewable_share_quantiles", "ghg", "values", "success"):
    values = ds[name].variable._data
    values = getattr(values, "array", values)
    assert isinstance(values, np.ndarray) and not values.flags.owndata, name
print(f"the Dataset mirrors the results file: {compared} values compared exactly")
