"""A scenario of several territories end to end (issue 26): `traj run
--territories` in both languages, the JSON's territory rows, the results
file's `territories` group read by xarray (the whole = the sum of the
territories), the report's commitments and small multiples, and the same
numbers at one and two threads.

usage: territories_file_test.py TRAJ SOURCE_DIR WORK_DIR
"""

import json
import os
import subprocess
import sys

import numpy as np
import xarray as xr

TRAJ, SOURCE, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
SCENARIO = os.path.join(SOURCE, "scenarios", "tests", "territories.toml")
os.makedirs(WORK, exist_ok=True)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAILED:", message)


def traj(*arguments, expect=0):
    done = subprocess.run([TRAJ, *arguments], capture_output=True, text=True, timeout=300)
    check(done.returncode == expect,
          f"traj {' '.join(arguments)}: exit {done.returncode}, expected {expect}: {done.stderr}")
    return done


# Text, in English and French.
text = traj("run", SCENARIO, "--portfolio", "plan", "--members", "2000", "-q", "--territories").stdout
check("The village (2\u00a0500 inhabitants)" in text, "the village's heading in --territories")
check("final_energy (GWh)" in text.split("The town")[1], "the town's rows without the @ suffix")
french = traj("run", SCENARIO, "--portfolio", "plan", "--members", "2000", "-q", "--territories",
              "--lang", "fr").stdout
check("The village (2\u00a0500 habitants)" in french, "the village's heading in French")
refused = traj("run", os.path.join(SOURCE, "scenarios", "tests", "minimal.toml"), "--territories",
               expect=2)
check("expected a scenario with [[territories]]" in refused.stderr, "--territories refused")

# JSON: every territory's rows; the same numbers at 1 and 2 threads.
documents = []
for threads in ("1", "2"):
    run = traj("run", SCENARIO, "--portfolio", "plan", "--members", "3000", "--json", "--threads",
               threads)
    documents.append(json.loads(run.stdout))
one, two = documents
check([t["id"] for t in one["territories"]] == ["town", "village"], "JSON territories")
check(one["population"] == 10000, "JSON population of the whole")
check(one["indicators"]["final_energy@village"] == two["indicators"]["final_energy@village"],
      "identical territory statistics at 1 and 2 threads")
whole = np.array(one["indicators"]["final_energy"]["mean"])
parts = sum(np.array(one["indicators"][f"final_energy@{t}"]["mean"]) for t in ("town", "village"))
# Each member's whole is its territories' sum rounded once to single precision.
check(np.allclose(whole, parts, rtol=1e-6, atol=0), "mean of the whole = sum of the means")

# The results file: a territory dimension xarray reads.
path = os.path.join(WORK, "territories.h5")
traj("run", SCENARIO, "--portfolio", "plan", "--members", "3000", "-q", "--force", "--output",
     path)
territories = xr.open_dataset(path, group="territories")
statistics = xr.open_dataset(path, group="statistics")
check(list(territories.territory.values) == ["town", "village"], "territory coordinate")
check(list(territories.population.values) == [7500.0, 2500.0], "territory populations")
check(territories.final_energy_quantiles.dims == ("territory", "year", "quantile"),
      "quantiles along territory, year, quantile")
check(territories.ghg_by_sector_mean.dims == ("territory", "year", "sector"), "GHG by sector")
summed = territories.final_energy_mean.sum("territory").values
check(np.allclose(summed, statistics.final_energy_mean.values, rtol=1e-6, atol=0),
      "file: whole = sum of the territories")
base = territories.final_energy_mean.sel(year=2020).values
check(np.allclose(base, [650 * 0.75, 650 * 0.25]), f"base-year shares by population: {base}")
check(territories.final_energy_mean.attrs.get("display_units") == "GWh",
      "units of a territory variable")
rerun = traj("rerun", path)
check("bit for bit" in rerun.stdout, "traj rerun reproduces a file of several territories")

# compare: each territory's part of the whole's change, ranked, adding up to it.
compared = json.loads(traj("compare", SCENARIO, "--members", "2000", "--json").stdout)
plan = [p for p in compared["portfolios"] if p["id"] == "plan"][0]
parts = compared["territory_contributions"][0]
check(parts["portfolio"] == "plan", "contributions of the plan")
avoided = [t["ghg_avoided"] for t in parts["territories"]]
check(avoided == sorted(avoided, reverse=True), "territories ranked by GHG avoided")
check(abs(sum(avoided) - plan["ghg_avoided"]) <= 1e-6 * abs(plan["ghg_avoided"]),
      f"the territories' GHG avoided add up to the whole's: {sum(avoided)} vs {plan['ghg_avoided']}")
village = [t for t in parts["territories"] if t["territory"] == "village"][0]
check(abs(village["production_added"] - 8.0) < 1e-4, "the village's 8 GWh of PV, and only there")
check(abs(village["cost"] - 16.0) < 1e-6, "the village's costs: its share of insulation and its PV")
text = traj("compare", SCENARIO, "--members", "2000", "--lang", "fr").stdout
check("Ce qu'apporte chaque territoire" in text, "compare's territory section in French")
report = os.path.join(WORK, "compare.html")
traj("compare", SCENARIO, "--members", "2000", "--report", report, "--force")
with open(report, encoding="utf-8") as handle:
    check('id="territory-contributions"' in handle.read(), "the comparison report's territories")

# The report: commitments and small multiples, in both languages.
for language, heading in (("en", "Each territory's commitments"),
                          ("fr", "Les engagements de chaque territoire")):
    page = os.path.join(WORK, f"territories-{language}.html")
    traj("report", path, "--output", page, "--lang", language, "--force")
    with open(page, encoding="utf-8") as handle:
        html = handle.read()
    check(heading in html, f"{language}: commitments section")
    check("final energy −10 % by 2030" in html, f"{language}: the village's charter in the table")
    check(html.count('class="small-multiples"') == 3, f"{language}: three rows of small multiples")
    check('id="final_energy-village"' in html or "final_energy-village" in html,
          f"{language}: the village's chart")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("territories: every check passed")
