"""Reading a Trajectoires results file as a researcher would (docs/hdf5-layout.md).

Usage: python3 read_results.py results.h5
Needs only Debian's python3-h5py and python3-xarray (with python3-netcdf4).
"""
import sys

import h5py
import xarray as xr

path = sys.argv[1]


def text(value):
    """HDF5 text attributes come back as bytes from h5py."""
    return value.decode() if isinstance(value, bytes) else value


# Provenance: every input file verbatim, the seed, the versions.
with h5py.File(path, "r") as f:
    assert text(f.attrs["filetype"]) == "trajectoires-results"
    print("format", int(f.attrs["format_version"]), "seed", int(f.attrs["seed"]),
          "members", int(f.attrs["members"]))
    for name, stored in f["inputs"].items():
        print("input", text(stored.attrs["path"]), len(stored[()]), "bytes, sha256",
              text(stored.attrs["sha256"])[:12])

# Statistics: named dimensions with coordinates and units.
stats = xr.open_dataset(path, group="statistics")
share = stats["renewable_share_quantiles"]
print("renewable share in 2030, quantiles",
      dict(zip(stats["quantile"].values.round(2), share.sel(year=2030).values.round(4))),
      "units", share.attrs["units"])
print("PM2.5 by sector in the base year (t):")
print(stats["pollutants_by_sector_mean"].isel(year=0).sel(pollutant="pm2_5").to_series().round(1))

# Objectives: probability and its Wilson interval, and each member's outcome.
objectives = xr.open_dataset(path, group="objectives")
print(objectives[["probability", "ci_low", "ci_high"]].to_dataframe())
print("members meeting every objective:", int(objectives["success"].all(dim="objective").sum()))

# Per-member trajectories and the parameters that produced them.
trajectories = xr.open_dataset(path, group="trajectories")
parameters = xr.open_dataset(path, group="parameters")
ghg_2050 = trajectories["ghg"].sel(year=2050)
print("GHG 2050 (ktCO2e): mean", float(ghg_2050.mean()), "5-95 %",
      [float(v) for v in ghg_2050.quantile([0.05, 0.95])])
first = str(parameters["parameter"].values[0])
print("correlation of", first, "with GHG 2050:",
      float(xr.corr(parameters["values"].sel(parameter=first), ghg_2050)))
