"""traj export --csv, end to end: every value of the tidy tables equals the
results file's, read independently with h5py; the directory rules (new,
empty, --force only over an earlier export) and the errors (exit 2).

Usage: export_csv_test.py TRAJ WORK_DIR
"""
import csv
import os
import shutil
import subprocess
import sys

import h5py

TRAJ, WORK = os.path.abspath(sys.argv[1]), sys.argv[2]
WORK = os.path.join(WORK, "export_csv_test")
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def traj(*args):
    return subprocess.run([TRAJ, *args], cwd=WORK, capture_output=True, text=True)


def table(directory, name):
    with open(os.path.join(WORK, directory, name + ".csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


done = traj("run", "--portfolio", "plan", "--members", "700", "-q", "--output", "plan.h5")
check(done.returncode == 0, "run --output: " + done.stderr)

done = traj("export", "plan.h5", "--csv", "tables")
check(done.returncode == 0, "export: " + done.stderr)
check("Tables written to tables/" in done.stdout, "summary: " + done.stdout)

with h5py.File(os.path.join(WORK, "plan.h5"), "r") as f:
    # trajectories: every (indicator, member, year) once, exactly the stored value
    rows = table("tables", "trajectories")
    stored = f["trajectories"]
    names = [n for n in stored if n not in ("member", "year")]
    years = list(stored["year"][:])
    check(len(rows) == sum(stored[n].size for n in names), "trajectories: row count")
    by_key = {(r["indicator"], int(r["member"]), int(r["year"])): r for r in rows}
    check(len(by_key) == len(rows), "trajectories: each key once")
    mismatches = 0
    for name in names:
        values = stored[name][:]
        units = text(stored[name].attrs["units"])
        for member in (0, 351, 699):
            for j, year in enumerate(years):
                row = by_key[(name, member, int(year))]
                if float(row["value"]) != values[member, j] or row["units"] != units:
                    mismatches += 1
    check(mismatches == 0, "trajectories: %d values differ from the file" % mismatches)

    # parameters: member × parameter, with each parameter's units
    rows = table("tables", "parameters")
    values = f["parameters/values"][:]
    parameter_names = [text(p) for p in f["parameters/parameter"][:]]
    units = [text(u) for u in f["parameters/units"][:]]
    check(len(rows) == values.size, "parameters: row count")
    row = rows[5 * len(parameter_names) + 3]
    check(int(row["member"]) == 5 and row["parameter"] == parameter_names[3], "parameters: order")
    check(float(row["value"]) == values[5, 3] and row["units"] == units[3], "parameters: value")

    # statistics: a quantile by year and a by-sector mean, located by their coordinates
    rows = table("tables", "statistics")
    quantiles = list(f["statistics/quantile"][:])
    levels = {float(r["quantile"]) for r in rows if r["statistic"] == "quantile"}
    check(levels == {float(q) for q in quantiles}, "statistics: quantile levels")
    q = quantiles.index(0.5)
    median = [r for r in rows if r["indicator"] == "ghg" and r["statistic"] == "quantile"
              and r["year"] == "2030" and float(r["quantile"]) == 0.5]
    check(len(median) == 1 and float(median[0]["value"]) ==
          f["statistics/ghg_quantiles"][years.index(2030), q], "statistics: GHG median 2030")
    sectors = [text(s) for s in f["statistics/sector"][:]]
    residential = [r for r in rows if r["indicator"] == "final_energy_by_sector"
                   and r["statistic"] == "mean" and r["year"] == "2040"
                   and r["sector"] == sectors[0]]
    check(len(residential) == 1 and float(residential[0]["value"]) ==
          f["statistics/final_energy_by_sector_mean"][years.index(2040), 0],
          "statistics: final energy by sector")

    # objectives and each member's success
    rows = table("tables", "objectives")
    ids = [text(o) for o in f["objectives/objective"][:]]
    check([r["objective"] for r in rows] == ids, "objectives: ids in order")
    check(all(float(r["probability"]) == f["objectives/probability"][i]
              for i, r in enumerate(rows)), "objectives: probabilities")
    rows = table("tables", "success")
    check(len(rows) == 700 * len(ids), "success: row count")
    success = f["objectives/success"][:]
    check(sum(int(r["success"]) for r in rows) == int(success.sum()), "success: total")

    run = {r["attribute"]: r["value"] for r in table("tables", "run")}
    check(run["seed"] == str(int(f.attrs["seed"])) and run["portfolio"] == "plan", "run table")

catalogue = table("tables", "tables")
check([r["table"] for r in catalogue] == ["run", "trajectories", "parameters", "parameter_list",
                                          "statistics", "objectives", "success"], "catalogue")

# A subset of tables, into a new directory.
done = traj("export", "plan.h5", "--csv", "few", "--tables", "objectives,statistics")
check(done.returncode == 0, "--tables subset: " + done.stderr)
check(sorted(os.listdir(os.path.join(WORK, "few"))) ==
      ["objectives.csv", "statistics.csv", "tables.csv"], "--tables subset: files")

# The directory rules.
done = traj("export", "plan.h5", "--csv", "tables")
check(done.returncode == 2 and "not empty" in done.stderr and "--force" in done.stderr,
      "existing export without --force: " + done.stderr)
done = traj("export", "plan.h5", "--csv", "tables", "--force", "--tables", "run")
check(done.returncode == 0 and sorted(os.listdir(os.path.join(WORK, "tables"))) ==
      ["run.csv", "tables.csv"], "--force replaces an earlier export: " + done.stderr)
os.makedirs(os.path.join(WORK, "mine"))
with open(os.path.join(WORK, "mine", "notes.txt"), "w") as f:
    f.write("keep me\n")
done = traj("export", "plan.h5", "--csv", "mine", "--force")
check(done.returncode == 2 and "only a directory written by traj export" in done.stderr,
      "--force over another directory: " + done.stderr)
check(os.listdir(os.path.join(WORK, "mine")) == ["notes.txt"], "the other directory is intact")
os.makedirs(os.path.join(WORK, "empty"))
check(traj("export", "plan.h5", "--csv", "empty").returncode == 0, "an empty directory is used")

# Errors: exit 2, a clear message, nothing created.
for args, expected in [
    (["--csv", "x1", "--tables", "trajectory"], "did you mean 'trajectories'"),
    (["--csv", "x2", "--tables", "run,,objectives"], "found an empty name"),
    (["--csv", "plan.h5"], "found a file"),
    (["--csv", "no/such/dir/x3"], "found no directory no/such/dir"),
]:
    done = traj("export", "plan.h5", *args)
    check(done.returncode == 2 and expected in done.stderr, "%s: %s" % (args, done.stderr))
for name in ("x1", "x2", "x3"):
    check(not os.path.exists(os.path.join(WORK, name)), name + " not created")
check(not any(n.startswith(".") for n in os.listdir(WORK)), "no temporary directory left")

with open(os.path.join(WORK, "not-results.h5"), "wb") as f:
    f.write(b"not an HDF5 file at all\n")
done = traj("export", "not-results.h5", "--csv", "x4")
check(done.returncode == 2 and "not-results.h5" in done.stderr, "not a results file: " + done.stderr)
done = traj("compare", "--members", "200", "-q", "--output", "comparison.h5")
check(done.returncode == 0, "compare --output: " + done.stderr)
done = traj("export", "comparison.h5", "--csv", "x5")
check(done.returncode == 2 and "expected a Trajectoires results file" in done.stderr,
      "a comparison file: " + done.stderr)

# French summary.
done = traj("export", "plan.h5", "--csv", "fr", "--tables", "run", "--lang", "fr")
check(done.returncode == 0 and "Tableaux écrits dans fr/" in done.stdout and "lignes" in done.stdout,
      "French summary: " + done.stdout)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
