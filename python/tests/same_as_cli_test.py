"""The module's run, compare and target give what `traj … --json` prints,
number for number (every float compared with ==, not a tolerance), for the
same scenario, edits, portfolio, seed and members; and the Datasets hold
the same numbers as the summaries.

Usage: same_as_cli_test.py TRAJ SOURCE_DIR (PYTHONPATH holds the module)."""
import json
import math
import os
import subprocess
import sys

import trajectoires as tj

TRAJ, SOURCE = sys.argv[1], sys.argv[2]
EXAMPLE = os.path.join(SOURCE, "scenarios", "examples", "example.toml")
CHECKS = 0


def cli(*arguments):
    done = subprocess.run([TRAJ, *arguments], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"traj {' '.join(arguments)}: {done.returncode}\n{done.stderr}"
    return json.loads(done.stdout)


def same(a, b, where="document"):
    """Equal to the bit (NaN never appears: JSON writes null)."""
    global CHECKS
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), f"{where}: keys {a.keys()} vs {b.keys()}"
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{where}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    else:
        assert type(a) is type(b) and a == b, f"{where}: {a!r} (CLI) vs {b!r} (module)"
        CHECKS += 1


def without_seconds(document):
    document = dict(document)
    assert document.pop("seconds") >= 0
    return document


def exactly(values, expected, where):
    global CHECKS
    values = [float(v) for v in values]
    assert values == expected, f"{where}: {values[:4]}… vs {expected[:4]}…"
    CHECKS += len(values)


def check_dataset_against_summary(run):
    """Every indicator's mean, sd and quantiles in the Dataset, found by the
    statistics group's names, is the summary's."""
    ds, summary = run.dataset, run.summary
    labels_sectors = set(ds["sector"].values)
    labels_carriers = set(ds["carrier"].values)
    pollutants = set(ds["pollutant"].values)
    levels = summary["quantile_levels"]
    assert [float(q) for q in ds["quantile"].values] == levels
    for indicator, entry in summary["indicators"].items():
        head, _, tail = indicator.partition(".")
        for statistic in ("mean", "sd"):
            if not tail and head in pollutants:
                values = ds[f"pollutants_{statistic}"].sel(pollutant=head)
            elif not tail:
                values = ds[f"{indicator}_{statistic}"]
            elif head == "final_energy" and tail in labels_sectors:
                values = ds[f"final_energy_by_sector_{statistic}"].sel(sector=tail)
            elif head == "final_energy" and tail in labels_carriers:
                values = ds[f"final_energy_by_carrier_{statistic}"].sel(carrier=tail)
            elif head == "local_production":
                values = ds[f"local_production_by_source_{statistic}"].sel(source=tail)
            elif head == "ghg":
                values = ds[f"ghg_by_sector_{statistic}"].sel(sector=tail)
            else:
                assert head in pollutants, indicator
                values = ds[f"pollutants_by_sector_{statistic}"].sel(pollutant=head, sector=tail)
            exactly(values.values, entry[statistic], f"{indicator} {statistic}")
        if "quantiles" in entry:
            if head in pollutants:
                quantiles = ds["pollutants_quantiles"].sel(pollutant=head)
            else:
                quantiles = ds[f"{indicator}_quantiles"]
            for level, expected in zip(levels, entry["quantiles"]):
                exactly(quantiles.sel(quantile=level).values, expected, f"{indicator} q{level}")
    for o, objective in enumerate(summary["objectives"]):
        for key in ("probability", "ci_low", "ci_high", "standard_error", "threshold"):
            exactly([ds[key].values[o]], [objective[key]], f"{objective['id']} {key}")
        assert int(ds["successes"].values[o]) == objective["successes"]
        assert str(ds["objective"].values[o]) == objective["id"]


# 1. run: the bundled scenario, a portfolio, seed and members; every thread
#    count gives the same numbers, so the CLI's 2 threads may face the module's 1.
expected = cli("run", "--json", "-q", "--portfolio", "plan", "--members", "3000", "--seed", "7",
               "--threads", "2")
plan = tj.run(portfolio="plan", members=3000, seed=7, threads=2)
same(without_seconds(expected), without_seconds(plan.summary))
check_dataset_against_summary(plan)
one_thread = tj.run(portfolio="plan", members=3000, seed=7, threads=1)
same(without_seconds({**expected, "threads": 1}), without_seconds(one_thread.summary))

# 2. run with what-if edits on a file, quantiles and a precision target.
edits = ["--set", "actions.deep-renovation.adoption.ceiling=0.6", "--shift", "all=-1",
         "--action-off", "rooftop-pv"]
brest = os.path.join(SOURCE, "scenarios", "brest-metropole.toml")
expected = cli("run", brest, *edits, "--json", "-q", "--portfolio", "ambitious", "--members",
               "2000", "--seed", "11", "--quantiles", "0.1,0.9", "--precision", "0.03",
               "--threads", "2")
# With edits traj also runs the portfolio without them ("against"); the
# module leaves that second run to the caller (docs/python.md).
assert expected.pop("against")["reference"] == "ambitious"
scenario = tj.load(brest).edit(set="actions.deep-renovation.adoption.ceiling=0.6",
                               shift={"all": -1}).edit(action_off=["rooftop-pv"])
edited = scenario.run("ambitious", members=2000, seed=11, quantiles=[0.1, 0.9], precision=0.03,
                      threads=2)
same(without_seconds(expected), without_seconds(edited.summary))
check_dataset_against_summary(edited)
# The same edits given to load at once.
at_once = tj.run(tj.load(brest, set={"actions.deep-renovation.adoption.ceiling": 0.6},
                         shift=["all=-1"], action_off="rooftop-pv"),
                 "ambitious", members=2000, seed=11, quantiles=[0.1, 0.9], precision=0.03,
                 threads=2)
same(without_seconds(expected), without_seconds(at_once.summary))

# 3. the baseline of another file, deterministic.
expected = cli("run", EXAMPLE, "--deterministic", "--json", "--portfolio", "baseline")
central = tj.run(EXAMPLE, "baseline", deterministic=True)
same(expected, central.summary)
for indicator in ("ghg", "final_energy", "renewable_share"):
    exactly(central.dataset[indicator].values, expected["indicators"][indicator]["values"],
            f"deterministic {indicator}")

# 4. compare, with contributions and shares.
expected = cli("compare", "--json", "-q", "--portfolios", "plan,ambitious", "--members", "400",
               "--seed", "3", "--shares", "coalitions")
compared = tj.compare(portfolios=["plan", "ambitious"], members=400, seed=3, shares="coalitions")
same(expected, compared.summary)
for p, portfolio in enumerate(expected["portfolios"]):
    for o, entry in enumerate(portfolio["objectives"]):
        exactly([compared.dataset["probability"].values[p, o]], [entry["probability"]],
                f"compare {portfolio['id']} {entry['id']}")
expected = cli("compare", EXAMPLE, "--json", "-q", "--members", "300", "--no-contributions")
same(expected, tj.compare(EXAMPLE, members=300, contributions=False).summary)

# 5. target: an indicator's value with a confidence, and an objective's scale.
expected = cli("target", "--json", "-q", "--portfolio", "plan", "--indicator", "renewable_share",
               "--year", "2030", "--confidence", "0.9", "--members", "2000", "--seed", "5")
committed = tj.target(portfolio="plan", indicator="renewable_share", year=2030, confidence=0.9,
                      members=2000, seed=5)
same(expected, committed.summary)
assert committed.dataset.sizes["rank"] == 2000
expected = cli("target", EXAMPLE, "--json", "-q", "--portfolio", "baseline", "--objective",
               tj.load(EXAMPLE).objectives[0], "--members", "500")
same(expected, tj.target(EXAMPLE, "baseline", objective=tj.load(EXAMPLE).objectives[0],
                         members=500).summary)

# 6. sensitivity: Sobol on the objectives, Morris on one indicator-year by action.
expected = cli("sensitivity", "--json", "-q", "--portfolio", "plan", "--samples", "64",
               "--seed", "2")
sobol = tj.sensitivity(portfolio="plan", samples=64, seed=2)
same(expected, sobol.summary)
for o, output in enumerate(expected["outputs"]):
    exactly(sobol.dataset["total"].values[o], [f["total"] for f in output["factors"]],
            f"sobol {output['output']}")
expected = cli("sensitivity", "--json", "-q", "--portfolio", "baseline", "--method", "morris",
               "--indicator", "ghg", "--year", "2040", "--group", "action", "--samples", "12",
               *edits)
same(expected, tj.sensitivity(tj.load(set="actions.deep-renovation.adoption.ceiling=0.6",
                                      shift="all=-1", action_off="rooftop-pv"),
                              "baseline", method="morris", indicator="ghg", year=2040,
                              group="action", samples=12).summary)

print(f"the module equals the CLI: {CHECKS} values compared exactly")
assert CHECKS > 10000
