#!/usr/bin/python3
"""Every file traj writes follows the CF conventions for units
(docs/hdf5-layout.md#units): a root `Conventions = "CF-1.8"`, and every
`units` attribute of a results, comparison (with its shares), sensitivity,
track, discovery and portfolio-search file is read by pint (Debian's python3-pint) as the unit it claims to be: its
`display_units` (what traj shows, e.g. "ktCO2e") converted with pint equals
1 of `units` exactly, so a unit pint reads as something else ("kt" is the
knot) fails. Greenhouse gases say `mass_of = "CO2e"`, money its `currency`.
Trajectories are stored as float32 (the kernel's precision), parameters and
statistics as float64.

Usage: cf_units_test.py TRAJ SOURCE_DIR WORKDIR
"""

import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import pint

UNITS = pint.UnitRegistry()

# What each display unit means, in pint's words (money: millions, no currency).
DISPLAYED = {
    "GWh": "GWh", "ktCO2e": "kilotonne", "t": "t", "ktCO2e/GWh": "kilotonne/GWh",
    "t/GWh": "t/GWh", "M€": "1e6", "M€/yr": "1e6/year", "€/tCO2e": "1/t", "%": "1",
    "MWp": "MW", "GWh/MWp": "GWh/MW", "1/yr": "1/year", "m3": "m^3", "ha": "ha", "1": "1",
}

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def quantity(spelling):
    """A unit string as pint reads it: "1e6" is a number, "GW h" a unit."""
    return UNITS.Quantity(UNITS.parse_expression(spelling))


def check_file(path, kind, least):
    checked = 0
    with h5py.File(path, "r") as f:
        check(text(f.attrs.get("Conventions", "")) == "CF-1.8", kind + ": Conventions")

        def visit(name, item):
            nonlocal checked
            if not isinstance(item, h5py.Dataset) or "units" not in item.attrs:
                return
            units = text(item.attrs["units"])
            where = "%s %s: units %r" % (kind, name, units)
            try:
                value = quantity(units)
            except Exception as error:  # pint's own errors are of several kinds
                check(False, where + " not read by pint: %s" % error)
                return
            checked += 1
            check("long_name" in item.attrs, where + " without long_name")
            shown = text(item.attrs.get("display_units", units))
            if shown == "year" and units == "year":  # the calendar-year coordinates
                return
            check(shown in DISPLAYED, where + ": unknown display_units %r" % shown)
            if shown in DISPLAYED:
                try:
                    ratio = (value / quantity(DISPLAYED[shown])).to("dimensionless").magnitude
                    check(abs(ratio - 1) < 1e-12, where + " is %r, not 1 %s" % (ratio, shown))
                except pint.DimensionalityError as error:
                    check(False, where + " is not %s: %s" % (shown, error))
            greenhouse = "CO2e" in shown
            check((text(item.attrs.get("mass_of", "")) == "CO2e") == greenhouse,
                  where + ": mass_of")
            if greenhouse and "long_name" in item.attrs:
                check("CO2e" in text(item.attrs["long_name"]), where + ": CO2e not in long_name")
            check((text(item.attrs.get("currency", "")) == "EUR") == ("€" in shown),
                  where + ": currency")

        f.visititems(visit)
    check(checked >= least, "%s: %d units attributes read, expected at least %d"
          % (kind, checked, least))
    return checked


def run(traj, *arguments):
    done = subprocess.run([traj, *arguments, "-q"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit("traj %s failed: %s" % (arguments[0], done.stderr))


def main():
    traj, source_dir, workdir = sys.argv[1:4]
    observations = os.path.join(source_dir, "scenarios/observations/brest-metropole.csv")
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        files = {kind: os.path.join(directory, kind + ".h5")
                 for kind in ("run", "compare", "shares", "sensitivity", "track", "discover",
                              "search")}
        run(traj, "run", "--portfolio", "plan", "--members", "2000", "--output", files["run"])
        run(traj, "compare", "--members", "200", "--output", files["compare"])
        run(traj, "compare", "--portfolios", "commitments", "--members", "100",
            "--no-contributions", "--shares", "coalitions", "--output", files["shares"])
        run(traj, "sensitivity", "-p", "plan", "-n", "64", "--output", files["sensitivity"])
        run(traj, "track", "--portfolio", "plan", "--members", "500",
            "--observations", observations, "--output", files["track"])
        run(traj, "discover", "--portfolio", "ambitious", "--objective", "energy-2050",
            "--members", "2000", "--output", files["discover"])
        run(traj, "optimize", os.path.join(source_dir, "scenarios/tests/knapsack.toml"),
            "--candidates", "everything", "--members", "20", "--population", "16",
            "--generations", "10", "--budget", "20", "--output", files["search"])
        # At least: every statistic and trajectory (run); the comparison's
        # probabilities, intervals, costs and GHG (with its shares: the same
        # for one portfolio); the track's weights and
        # probabilities; the discovery's 7 shares and quasi-p; the search's
        # 5 figures on fresh and common members, and the levels.
        least = {"run": 60, "compare": 9, "shares": 5, "sensitivity": 0, "track": 2,
                 "discover": 8, "search": 11}
        counts = {kind: check_file(path, kind, least[kind]) for kind, path in files.items()}

        with h5py.File(files["run"], "r") as f:
            ghg = f["trajectories/ghg"]
            check(ghg.dtype == np.float32, "trajectories/ghg stored as %s" % ghg.dtype)
            check(f["parameters/values"].dtype == np.float64, "parameters stored as float64")
            check(f["statistics/ghg_mean"].dtype == np.float64, "statistics stored as float64")
            check(text(ghg.attrs["units"]) == "Gg" and text(ghg.attrs.get("display_units", "")) == "ktCO2e",
                  "trajectories/ghg: units")
            share = f["statistics/renewable_share_mean"]
            check(text(share.attrs["units"]) == "1" and text(share.attrs.get("display_units", "")) == "%",
                  "renewable_share: units 1, display %")
            cost = f["statistics/cost_cumulative_mean"]
            check(text(cost.attrs["units"]) == "1e6" and text(cost.attrs.get("currency", "")) == "EUR",
                  "cost_cumulative: units 1e6 of EUR")
            # A block is named as a whole, not by its first sector's row.
            check(text(f["statistics/final_energy_by_sector_mean"].attrs["long_name"]) ==
                  "mean of final energy consumption by sector", "long_name of a block")
        with h5py.File(files["discover"], "r") as f:
            group = f["discovery"]
            for name in ("coverage", "density", "mass", "density_without", "coverage_without",
                         "mass_without", "density_drop"):
                check(text(group[name].attrs.get("display_units", "")) == "%",
                      "discovery/%s: display_units %%" % name)
            check(text(group["quasi_p"].attrs["units"]) == "1" and
                  "display_units" not in group["quasi_p"].attrs, "discovery/quasi_p: units 1")
            check("units" not in group["lower"].attrs, "discovery/lower: in each parameter's unit")
        with h5py.File(files["search"], "r") as f:
            front = f["front"]
            for prefix in ("", "common_"):
                cost, ghg = front[prefix + "cost"], front[prefix + "ghg_avoided"]
                check(text(cost.attrs["units"]) == "1e6" and
                      text(cost.attrs.get("currency", "")) == "EUR" and
                      text(cost.attrs.get("display_units", "")) == "M€",
                      "front/%scost: units 1e6 of EUR, shown M€" % prefix)
                check(text(ghg.attrs["units"]) == "Gg" and
                      text(ghg.attrs.get("mass_of", "")) == "CO2e",
                      "front/%sghg_avoided: units Gg of CO2e" % prefix)
            check(int(f.attrs["format_version"]) == 2, "search file: format_version 2")
        for kind, count in counts.items():
            print("%s: %d units attributes read by pint" % (kind, count))
    if failures:
        print("\n".join(failures))
        raise SystemExit(1)


main()
