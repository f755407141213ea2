#!/usr/bin/python3
"""A track file (`traj track --output`) read as a researcher would, with
h5py and xarray (docs/hdf5-layout.md#track-files): every group of `track`
opens as an xarray Dataset with named dimensions and coordinates, and its
values equal those of `traj track --json` on the same members.

Usage: track_file_test.py TRAJ SOURCE_DIR WORKDIR
"""

import json
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import xarray as xr


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def main():
    traj, source_dir, workdir = sys.argv[1:4]
    observations = os.path.join(source_dir, "scenarios/observations/brest-metropole.csv")
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        path = os.path.join(directory, "track.h5")
        done = subprocess.run([traj, "track", "--portfolio", "plan", "--members", "1500", "-q",
                               "--observations", observations, "--json", "--output", path],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit("traj track failed: " + done.stderr)
        document = json.loads(done.stdout)

        with h5py.File(path, "r") as f:                       # provenance, inputs
            assert text(f.attrs["filetype"]) == "trajectoires-track"
            assert int(f.attrs["members"]) == 1500 and int(f.attrs["seed"]) == 1
            assert text(f.attrs["method_requested"]) == "auto"
            stored = f["inputs/observations"]
            with open(observations, encoding="utf-8") as file:
                assert text(stored[()]) == file.read()
            assert text(stored.attrs["path"]) == observations

        track = xr.open_dataset(path, group="track")
        assert track.attrs["method"] == document["method"]
        assert track.attrs["effective_size"] == document["effective_size"]
        assert int(track.attrs["illustrative"]) == 1
        assert track["weights"].dims == ("member",)
        weights = track["weights"].values
        assert abs(weights.sum() - 1.0) < 1e-12
        assert math.isclose(weights.sum() ** 2 / (weights ** 2).sum(), document["effective_size"],
                            rel_tol=1e-9)
        assert track["weights"].attrs["units"] == "1"

        observed = xr.open_dataset(path, group="track/observations")
        assert observed["percentile"].dims == ("observation",)
        labels = [f'{o["indicator"]} {o["year"]}' for o in document["observations"]]
        assert list(observed["observation"].values) == labels
        for row in document["observations"]:
            one = observed.sel(observation=f'{row["indicator"]} {row["year"]}')
            assert one["verdict"].item() == row["verdict"]
            assert one["percentile"].item() == row["percentile"]
            assert one["gap"].item() == row["gap_to_median"]
            assert one["plan_p95"].item() == row["plan_p95"]
            assert one["unit"].item() == (row["unit"] or "1")
            assert bool(one["estimated"].item()) == row["estimated"]

        objectives = xr.open_dataset(path, group="track/objectives")
        for row in document["objectives"]:
            one = objectives.sel(objective=row["id"])
            assert one["probability_after"].item() == row["after"]["probability"]
            assert one["ci_high_before"].item() == row["before"]["ci_high"]
        assert objectives.attrs["all_objectives_probability_after"] == \
            document["all_objectives_after"]["probability"]

        parameters = xr.open_dataset(path, group="track/parameters")
        first = document["parameters"][0]
        assert parameters["parameter"].values[0] == first["name"]
        assert parameters["posterior_p95"].sel(parameter=first["name"]).item() == \
            first["posterior"]["p95"]

        series = xr.open_dataset(path, group="track/series")
        assert series["after"].dims == ("indicator", "year", "level")
        assert list(series["indicator"].values) == ["final_energy", "ghg", "local_production",
                                                    "renewable_share"]
        ghg = series["after"].sel(indicator="ghg", year=2022)
        assert np.all(np.diff(ghg.values) >= 0)              # quantiles in order
        assert series["before"].sel(indicator="renewable_share", level=0.5).shape == (33,)
        # No SMC ran: no stages, no population.
        with h5py.File(path, "r") as f:
            assert "stages" not in f["track"] and "population" not in f["track"]
        print("track file test: %d observations, %d objectives, %d parameters, ESS %.1f" %
              (observed.sizes["observation"], objectives.sizes["objective"],
               parameters.sizes["parameter"], document["effective_size"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
