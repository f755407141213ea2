"""xarray Datasets over the engine's arrays, named as a results file names
them (docs/hdf5-layout.md): the `statistics` and `objectives` groups, and
with per-member trajectories the `parameters` and `trajectories` groups, in
one Dataset as docs/examples/open_results.py merges them. Only labels are
made here: every value is the engine's, viewed without a copy where the
layout allows it (slices and transposes of the arrays it returned)."""

import numpy as np
import xarray as xr

SCALARS = ("final_energy", "local_production", "renewable_share", "energy_imports", "ghg",
           "ghg_cumulative", "cost_investment", "cost_operating", "cost_cumulative",
           "cost_discounted")
# Blocks by sector, carrier or source: (name, first row's block, labels' key, dimension).
BLOCKS = (("final_energy_by_sector", "final_energy_by_sector", "sectors", "sector"),
          ("final_energy_by_carrier", "final_energy_by_carrier", "carriers", "carrier"),
          ("local_production_by_source", "local_production_by_source", "sources", "source"),
          ("ghg_by_sector", "ghg_by_sector", "sectors", "sector"))
STATISTIC_NAMES = {"mean": "mean of ", "sd": "standard deviation of ", "quantiles": "quantiles of "}


def _coordinates(labels, quantile_levels=None):
    coords = {
        "year": ("year", np.array(labels["years"], dtype=np.int32), {"long_name": "year"}),
        "sector": ("sector", np.array(labels["sectors"], dtype=object), {"long_name": "sector"}),
        "carrier": ("carrier", np.array(labels["carriers"], dtype=object),
                    {"long_name": "energy carrier"}),
        "source": ("source", np.array(labels["sources"], dtype=object),
                   {"long_name": "local production source"}),
        "pollutant": ("pollutant", np.array(labels["pollutants"], dtype=object),
                      {"long_name": "air pollutant"}),
    }
    if quantile_levels is not None:
        coords["quantile"] = ("quantile", np.array(quantile_levels, dtype=np.float64),
                              {"long_name": "quantile level"})
    return coords


def _indicator_variables(labels, by_row, suffix, quantiles=None):
    """Every indicator as the statistics group lays it out, from `by_row`, an
    array (row, year): `<indicator><suffix>` (year), the blocks (year, item),
    pollutants (year, pollutant) and pollutants_by_sector (year, pollutant,
    sector). With `quantiles` = (array (quantile row, year, level), rows),
    `<indicator>_quantiles` (year, quantile) for the rows that have them."""
    indicators = labels["indicators"]
    blocks = labels["blocks"]
    sectors = len(labels["sectors"])
    pollutants = len(labels["pollutants"])
    statistic = suffix.lstrip("_")
    prefix = STATISTIC_NAMES.get(statistic, "")
    variables = {}

    def attributes(row, what=None):
        _, unit, description = indicators[row]
        return {"units": unit, "long_name": prefix + (what or description)}

    scalar_rows = [blocks[name] for name in SCALARS]
    scalar_rows += [blocks["custom"] + i for i in range(2 * labels["custom_indicators"])]
    quantile_index = {}
    if quantiles is not None:
        quantile_index = {row: k for k, row in enumerate(quantiles[1])}
    for row in scalar_rows:
        name = indicators[row][0]
        variables[name + suffix] = (("year",), by_row[row], attributes(row))
        if row in quantile_index:
            quantile_attributes = dict(attributes(row), long_name="quantiles of " + indicators[row][2])
            variables[name + "_quantiles"] = (("year", "quantile"),
                                              quantiles[0][quantile_index[row]], quantile_attributes)
    for name, block, items, dimension in BLOCKS:
        first = blocks[block]
        count = len(labels[items])
        variables[name + suffix] = (("year", dimension), by_row[first:first + count].T,
                                    attributes(first, name.replace("_", " ")))
    if pollutants:
        first = blocks["pollutants"]
        stride = sectors + 1
        block = by_row[first:first + pollutants * stride]
        variables["pollutants" + suffix] = (("year", "pollutant"), block[::stride].T,
                                            attributes(first, "pollutant emissions"))
        by_sector = block.reshape(pollutants, stride, -1)[:, 1:, :].transpose(2, 0, 1)
        variables["pollutants_by_sector" + suffix] = (
            ("year", "pollutant", "sector"), by_sector,
            attributes(first, "pollutant emissions by sector"))
        totals = [first + p * stride for p in range(pollutants)]
        if quantiles is not None and all(row in quantile_index for row in totals):
            stacked = np.stack([quantiles[0][quantile_index[row]] for row in totals], axis=1)
            variables["pollutants_quantiles"] = (("year", "pollutant", "quantile"), stacked,
                                                 dict(attributes(first), long_name=(
                                                     "quantiles of pollutant emissions")))
    return variables


def _objective_variables(summary):
    objectives = summary["objectives"]

    def column(key, dtype=None):
        return np.array([objective[key] for objective in objectives], dtype=dtype)

    variables = {
        "description": (("objective",), column("description", object), {}),
        "indicator": (("objective",), column("indicator", object), {}),
        # `year` is the coordinate of the statistics: the objective's year
        # is `objectives_year`, as docs/examples/open_results.py names it.
        "objectives_year": (("objective",), column("year", np.int32), {"long_name": "objective's year"}),
        "comparison": (("objective",), column("comparison", object), {}),
        "threshold": (("objective",), column("threshold", np.float64), {}),
    }
    if summary["mode"] == "ensemble":
        for key in ("probability", "ci_low", "ci_high", "standard_error"):
            variables[key] = (("objective",), column(key, np.float64), {"units": "1"})
        variables["successes"] = (("objective",), column("successes", np.int64), {})
    else:
        variables["value"] = (("objective",), column("value", np.float64), {})
        variables["met"] = (("objective",), column("met", bool), {})
    return variables


def _run_attributes(summary):
    keys = ("traj_version", "scenario", "territory", "portfolio", "mode", "members", "seed",
            "threads", "precision_reached", "base_year", "horizon")
    attrs = {key: summary[key] for key in keys if key in summary}
    if "precision_reached" in attrs:
        attrs["precision_reached"] = int(attrs["precision_reached"])
    if "all_objectives" in summary:
        for key in ("probability", "ci_low", "ci_high", "successes"):
            attrs["all_objectives_" + key] = summary["all_objectives"][key]
    if "quantile_levels" in summary:
        attrs["quantile_levels"] = np.array(summary["quantile_levels"])
    return attrs


def ensemble_dataset(raw, labels, summary):
    """The Dataset of an ensemble run (see module docstring)."""
    coords = _coordinates(labels, raw["quantile_levels"])
    coords["objective"] = ("objective", np.array([o["id"] for o in summary["objectives"]],
                                                 dtype=object))
    quantiles = (raw["quantiles"], list(raw["quantile_rows"]))
    variables = _indicator_variables(labels, raw["mean"], "_mean", quantiles)
    variables.update(_indicator_variables(labels, raw["sd"], "_sd"))
    variables.update(_objective_variables(summary))
    if "members" in raw:
        members = raw["members"]
        count = members["parameters"].shape[0]
        coords["member"] = ("member", np.arange(count, dtype=np.int64),
                            {"long_name": "member number (0-based)"})
        parameters = labels["parameters"]
        coords["parameter"] = ("parameter", np.array([p[0] for p in parameters], dtype=object))
        variables["values"] = (("member", "parameter"), members["parameters"],
                               {"long_name": "sampled value of each parameter, in its canonical unit"})
        variables["units"] = (("parameter",), np.array([p[1] for p in parameters], dtype=object), {})
        variables["distribution"] = (("parameter",), np.array([p[2] for p in parameters],
                                                              dtype=object), {})
        for row, values in zip(members["rows"], members["trajectories"]):
            name, unit, description = labels["indicators"][row]
            variables[name] = (("member", "year"), values, {"units": unit, "long_name": description})
        variables["success"] = (("member", "objective"), members["success"],
                                {"long_name": "1 if the member meets the objective"})
    return xr.Dataset(variables, coords=coords, attrs=_run_attributes(summary))


def territories_dataset(raw, labels):
    """A scenario with [[territories]]: each territory's indicators along a
    `territory` dimension, laid out as a results file's /territories group
    (`<indicator>_mean`, `_sd` (territory, year), `_quantiles` (territory,
    year, quantile)); None for a scenario of one territory."""
    territories = labels["territories"]
    if not territories:
        return None
    base = labels["base_rows"]
    indicators = labels["indicators"]
    blocks = labels["blocks"]
    coords = {
        "territory": ("territory", np.array([t[0] for t in territories], dtype=object)),
        "year": ("year", np.array(labels["years"], dtype=np.int32), {"long_name": "year"}),
        "quantile": ("quantile", np.array(raw["quantile_levels"], dtype=np.float64),
                     {"long_name": "quantile level"}),
    }
    variables = {
        "name": (("territory",), np.array([t[1] for t in territories], dtype=object), {}),
        "population": (("territory",), np.array([t[2] for t in territories], dtype=np.float64),
                       {"units": "1", "long_name": "inhabitants of the territory"}),
    }
    quantile_index = {row: k for k, row in enumerate(raw["quantile_rows"])}
    rows = [blocks[name] for name in SCALARS]
    rows += [blocks["custom"] + i for i in range(2 * labels["custom_indicators"])]
    for row in rows:
        name, unit, description = indicators[row]
        of = [base * (1 + t) + row for t in range(len(territories))]
        attributes = {"units": unit, "long_name": description + ", by territory"}
        variables[name + "_mean"] = (("territory", "year"), raw["mean"][of], attributes)
        variables[name + "_sd"] = (("territory", "year"), raw["sd"][of], attributes)
        if all(r in quantile_index for r in of):
            variables[name + "_quantiles"] = (
                ("territory", "year", "quantile"),
                np.stack([raw["quantiles"][quantile_index[r]] for r in of]), attributes)
    return xr.Dataset(variables, coords=coords)


def deterministic_dataset(raw, labels, summary):
    """One run at the medians: every indicator (year[, item]) under its
    statistics name without the statistic's suffix, and each objective's
    value and outcome."""
    coords = _coordinates(labels)
    coords["objective"] = ("objective", np.array([o["id"] for o in summary["objectives"]],
                                                 dtype=object))
    variables = _indicator_variables(labels, raw["values"].T, "")
    variables.update(_objective_variables(summary))
    return xr.Dataset(variables, coords=coords, attrs=_run_attributes(summary))


def _number(value):
    return np.nan if value is None else value


def comparison_dataset(summary, objectives):
    """The comparison as a comparison file lays it out (docs/hdf5-layout.md,
    "Comparison files"), from the CLI's JSON document: (portfolio,
    objective), (portfolio), and the pairs (portfolio, other_portfolio, …),
    NaN for the pairs the comparison does not state."""
    portfolios = [portfolio["id"] for portfolio in summary["portfolios"]]
    quantities = []
    for better in summary["better"]:
        if better["quantity"] not in quantities:
            quantities.append(better["quantity"])
    index = {portfolio: i for i, portfolio in enumerate(portfolios)}
    objective_index = {objective: o for o, objective in enumerate(objectives)}
    shape = (len(portfolios), len(objectives))
    variables = {}
    for key in ("probability", "ci_low", "ci_high"):
        values = np.full(shape, np.nan)
        for i, portfolio in enumerate(summary["portfolios"]):
            for entry in portfolio["objectives"]:
                values[i, objective_index[entry["id"]]] = _number(entry[key])
        variables[key] = (("portfolio", "objective"), values, {"units": "1"})
    per_portfolio = {"all_objectives_probability": "all_objectives", "cost": "cost",
                     "cost_p05": "cost_p05", "cost_median": "cost_median", "cost_p95": "cost_p95",
                     "ghg_avoided": "ghg_avoided", "cost_per_tco2e": "cost_per_tco2e"}
    for name, key in per_portfolio.items():
        variables[name] = (("portfolio",), np.array([_number(p[key]) for p in summary["portfolios"]],
                                                    dtype=np.float64), {})
    variables["dominated"] = (("portfolio",), np.array(
        [1 if p["dominated_by"] else 0 for p in summary["portfolios"]], dtype=np.int8), {})
    pairs = (len(portfolios), len(portfolios), len(objectives))
    for name, key in (("difference", "difference"), ("difference_ci_low", "ci_low"),
                      ("difference_ci_high", "ci_high")):
        values = np.full(pairs, np.nan)
        for entry in summary["differences"]:
            values[index[entry["a"]], index[entry["b"]], objective_index[entry["objective"]]] = \
                _number(entry[key])
        variables[name] = (("portfolio", "other_portfolio", "objective"), values, {})
    share = np.full((len(portfolios), len(portfolios), len(quantities)), np.nan)
    for entry in summary["better"]:
        share[index[entry["a"]], index[entry["b"]], quantities.index(entry["quantity"])] = \
            _number(entry["share_better"])
    variables["share_better"] = (("portfolio", "other_portfolio", "quantity"), share, {})
    coords = {"portfolio": np.array(portfolios, dtype=object),
              "other_portfolio": np.array(portfolios, dtype=object),
              "objective": np.array(objectives, dtype=object),
              "quantity": np.array(quantities, dtype=object)}
    attrs = {"territory": summary["territory"], "members": summary["members"],
             "costs": "discounted" if summary["discounted"] else "undiscounted"}
    return xr.Dataset(variables, coords=coords, attrs=attrs)


def target_dataset(values, summary):
    """Every member's value behind a target, in increasing order (`rank`)."""
    attrs = {key: value for key, value in summary.items()
             if isinstance(value, (str, int, float)) and not isinstance(value, bool)}
    return xr.Dataset({"value": (("rank",), values, {"long_name": "members' values, increasing"})},
                      attrs=attrs)


def sensitivity_dataset(summary):
    """The indices as a sensitivity file lays them out (docs/hdf5-layout.md,
    "Sensitivity files"): (output, factor), and `variance` (output)."""
    outputs = [entry["output"] for entry in summary["outputs"]]
    factors = [entry["factor"] for entry in summary["outputs"][0]["factors"]] if outputs else []
    if summary["method"] == "sobol":
        columns = {"first_order": ("first_order", None), "first_order_ci_low": ("first_order_ci", 0),
                   "first_order_ci_high": ("first_order_ci", 1), "total": ("total", None),
                   "total_ci_low": ("total_ci", 0), "total_ci_high": ("total_ci", 1)}
    else:
        columns = {"mu_star": ("mu_star", None), "mu": ("mu", None), "sigma": ("sigma", None)}
    variables = {}
    for name, (key, position) in columns.items():
        values = np.full((len(outputs), len(factors)), np.nan)
        for o, entry in enumerate(summary["outputs"]):
            for f, factor in enumerate(entry["factors"]):
                value = factor[key] if position is None else factor[key][position]
                values[o, f] = _number(value)
        variables[name] = (("output", "factor"), values, {})
    variables["variance"] = (("output",), np.array([_number(entry["variance"])
                                                    for entry in summary["outputs"]]), {})
    return xr.Dataset(variables, coords={"output": np.array(outputs, dtype=object),
                                         "factor": np.array(factors, dtype=object)},
                      attrs={"method": summary["method"], "runs": summary["runs"]})
