"""One call that opens every group of a results file as a single xarray
Dataset: dimensions are shared by name (member, year, parameter, objective,
sector, …), and a variable whose name recurs in several groups (`units`,
`year`, `indicator`, …) is prefixed with its group (`objectives_year`).

    import open_results
    results = open_results.open_results("plan.h5")
    results["ghg"].sel(year=2050)                    # each member's GHG in 2050
    results["values"].sel(parameter="pv_yield")      # each member's draw
    results["success"].sel(objective="ghg-2050")     # each member met it or not

Run as a script, it prints the merged Dataset and checks it against the
groups opened one by one (CTest runs it on a fresh file).
"""
import sys

import xarray as xr

GROUPS = ("parameters", "trajectories", "objectives", "statistics")


def open_results(path):
    datasets = {group: xr.open_dataset(path, group=group) for group in GROUPS}
    seen = {}
    for group, dataset in datasets.items():
        for name in dataset.data_vars:
            seen.setdefault(name, []).append(group)
    dimensions = {dim for dataset in datasets.values() for dim in dataset.dims}
    renamed = []
    for group, dataset in datasets.items():
        clashing = {name: group + "_" + name for name in dataset.data_vars
                    if len(seen[name]) > 1 or name in dimensions}
        renamed.append(dataset.rename(clashing))
    return xr.merge(renamed, combine_attrs="drop_conflicts")


if __name__ == "__main__":
    path = sys.argv[1]
    results = open_results(path)
    print(results)
    trajectories = xr.open_dataset(path, group="trajectories")
    objectives = xr.open_dataset(path, group="objectives")
    assert (results["ghg"] == trajectories["ghg"]).all()
    assert (results["success"] == objectives["success"]).all()
    assert (results["objectives_year"] == objectives["year"]).all()
    assert set(results.dims) >= {"member", "year", "parameter", "objective", "sector", "quantile"}
    print("merged", len(results.data_vars), "variables over", dict(results.sizes))
