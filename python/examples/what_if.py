"""What changes in the ambitious portfolio if deep renovation reaches 60 %
of the buildings and every action starts a year earlier? The bundled Brest
scenario, both runs on the same members, with the Python module
(docs/python.md).

    PYTHONPATH=build/python /usr/bin/python3 python/examples/what_if.py
"""
import trajectoires as tj

scenario = tj.load()                       # traj's bundled scenario (Brest métropole)
print(scenario, "portfolios:", ", ".join(scenario.portfolios))

plan = scenario.run("ambitious", members=5000, seed=1)
faster = scenario.edit(set={"actions.deep-renovation.adoption.ceiling": 0.6},
                       shift={"all": -1}).run("ambitious", members=5000, seed=1)

# The summaries are `traj run --json`: each objective's probability of success.
print(f"\n{'objective':<18}{'ambitious':>10}{'edited':>8}")
for before, after in zip(plan.summary["objectives"], faster.summary["objectives"]):
    print(f"{before['id']:<18}{before['probability']:>10.1%}{after['probability']:>8.1%}")

# The Datasets are named as a results file's statistics: GHG in 2050, median and 90 % band.
for name, run in (("ambitious", plan), ("edited", faster)):
    ghg = run.dataset["ghg_quantiles"].sel(year=2050)
    print(f"{name:<10} GHG 2050: {float(ghg.sel(quantile=0.5)):.0f} ktCO2e "
          f"[{float(ghg.sel(quantile=0.05)):.0f}–{float(ghg.sel(quantile=0.95)):.0f}]")

# Portfolios on the same members, and the value the plan can promise with 80 % confidence.
compared = tj.compare(scenario, ["plan", "ambitious"], members=1000, contributions=False)
print(compared.dataset["probability"].to_pandas().round(3))
promise = tj.target(scenario, "plan", indicator="renewable_share", year=2030, members=2000)
print(f"renewable share 2030 with 80 % confidence: ≥ {promise.summary['value']:.1%}")

assert faster.summary["members"] == plan.summary["members"] == 5000
