"""Trajectoires for Python: load a scenario, edit it as the CLI's what-if
options do, run it on the C++ engine, get xarray Datasets named as the
results files name them and the CLI's own --json summaries (docs/python.md).

    import trajectoires as tj
    scenario = tj.load()                                   # traj's bundled scenario
    plan = tj.run(scenario, portfolio="plan", members=100_000)
    plan.summary["objectives"][0]["probability"]           # as `traj run --json`
    plan.dataset["ghg_quantiles"].sel(year=2050)
"""

import json as _json

from . import _core, _datasets
from ._datasets import deterministic_dataset as _deterministic_dataset
from ._datasets import ensemble_dataset as _ensemble_dataset
from ._datasets import territories_dataset as _territories_dataset
from ._errors import Problem, ResultsError, ScenarioError

__version__ = _core.__version__
__all__ = ["Scenario", "Run", "load", "bundled_scenarios", "run", "compare", "target",
           "sensitivity",
           "ScenarioError",
           "ResultsError", "Problem"]


def _listed(value, name):
    """A list of strings from a string or an iterable of strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name}: expected strings, found {item!r} ({type(item).__name__})")
    return items


def _toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _json.dumps(value, ensure_ascii=False)
    raise TypeError(f"set: expected a number, a bool or a string as a value, found {value!r}; "
                    "give the TOML text as a string, e.g. \"uniform(0.2, 0.4)\"")


def _edits(set=None, shift=None, action_off=None, only=None):
    """The CLI's --set/--shift/--action-off/--only as lists of strings, from
    strings as typed on the command line or dicts ({key: value}, {action: years})."""
    if isinstance(set, dict):
        set = [f"{key}={_toml_value(value)}" for key, value in set.items()]
    if isinstance(shift, dict):
        shift = [f"{action}={years:+g}" for action, years in shift.items()]
    if isinstance(only, str):
        only = [only]
    return {"set": _listed(set, "set"), "shift": _listed(shift, "shift"),
            "action_off": _listed(action_off, "action_off"), "only": _listed(only, "only")}


class Scenario:
    """A scenario as traj loads it, with its what-if edits; immutable: `edit`
    returns a new one. Properties: name, territory, base_year, horizon,
    portfolios, actions, objectives, edits, files."""

    def __init__(self, loaded):
        self._loaded = loaded
        self._labels = None

    def __getattr__(self, name):
        if name in ("name", "territory", "base_year", "horizon", "portfolios", "actions",
                    "objectives", "edits", "files"):
            return getattr(self._loaded, name)
        raise AttributeError(name)

    def __repr__(self):
        return f"<trajectoires.Scenario {self.name} ({self.territory})>"

    def labels(self):
        """Years, sectors, carriers, sources, pollutants, indicators (id,
        unit, description) and parameters (name, unit, distribution)."""
        if self._labels is None:
            self._labels = self._loaded.labels()
        return self._labels

    def edit(self, set=None, shift=None, action_off=None, only=None):
        """The same files with more edits, after those already applied: as
        `traj run FILE --set …`. `set`: "KEY.PATH=VALUE" strings or a dict
        {key path: value}; `shift`: "ACTION=±YEARS" strings or a dict
        {action (or "all"): years}; `action_off`: action ids; `only`: action ids."""
        return Scenario(self._loaded.with_edits(**_edits(set, shift, action_off, only)))

    def run(self, portfolio=None, **options):
        """`run(self, portfolio, …)`: see trajectoires.run."""
        return run(self, portfolio, **options)

    def compare(self, portfolios=None, **options):
        """`compare(self, portfolios, …)`: see trajectoires.compare."""
        return compare(self, portfolios, **options)

    def target(self, portfolio=None, **options):
        """`target(self, portfolio, …)`: see trajectoires.target."""
        return target(self, portfolio, **options)

    def sensitivity(self, portfolio=None, **options):
        """`sensitivity(self, portfolio, …)`: see trajectoires.sensitivity."""
        return sensitivity(self, portfolio, **options)


def load(path=None, *, bundled=None, set=None, shift=None, action_off=None, only=None):
    """A scenario from a file, or one bundled in the module by name
    (`bundled_scenarios()`), or traj's default when neither is given, with
    what-if edits (see Scenario.edit). Raises ScenarioError with the file,
    line and key of every problem."""
    if path is not None:
        path = str(path)
    return Scenario(_core.load(path, bundled, **_edits(set, shift, action_off, only)))


def bundled_scenarios():
    """The names `load(bundled=…)` accepts, e.g. "clermont-alliance"."""
    return _core.bundled_scenarios()


def _scenario_of(scenario):
    if scenario is None:
        return load()
    if isinstance(scenario, Scenario):
        return scenario
    return load(scenario)


class Run:
    """What a run gives: `dataset` (an xarray.Dataset named as a results
    file's groups), `summary` (a dict equal to `traj run --json`) and, for
    an ensemble of a scenario with [[territories]], `territories` (each
    territory's statistics along a `territory` dimension, as the results
    file's /territories group; None otherwise)."""

    def __init__(self, dataset, summary, territories=None):
        self.dataset = dataset
        self.summary = summary
        self.territories = territories

    def __repr__(self):
        return (f"<trajectoires.Run {self.summary['portfolio']} of {self.summary['scenario']} "
                f"({self.summary['mode']})>")


def run(scenario=None, portfolio=None, *, deterministic=False, members=None, seed=None,
        threads=None, block=None, precision=None, max_members=None, quantiles=None,
        trajectories=None):
    """`traj run`: an ensemble (or with deterministic=True one run at the
    medians) of `portfolio` ("baseline": no action; default: the scenario's
    first). `scenario`: a Scenario, a file path, or None for traj's bundled
    one. Options as the CLI's, unset ones at its defaults (members=10000,
    seed=1, threads=0: every core). `trajectories` ("headline", "all" or ids
    separated by commas) also keeps every member's values of those
    indicators, parameters and outcomes, as `--output --trajectories` would
    store them. Returns a Run; the engine computes every number."""
    scenario = _scenario_of(scenario)
    if isinstance(quantiles, (int, float)):
        quantiles = [quantiles]
    raw = _core.run(scenario._loaded, portfolio, deterministic, members, seed, threads, block,
                    precision, max_members, None if quantiles is None else list(quantiles),
                    trajectories)
    summary = _json.loads(raw["summary"])
    labels = scenario.labels()
    if raw["mode"] == "deterministic":
        return Run(_deterministic_dataset(raw, labels, summary), summary)
    return Run(_ensemble_dataset(raw, labels, summary), summary,
               _territories_dataset(raw, labels))


def compare(scenario=None, portfolios=None, *, members=None, seed=None, threads=None,
            contributions=True, shares=None, permutations=None):
    """`traj compare`: `portfolios` (default: all; the baseline is always
    included) on the same members; `contributions=False` skips the runs
    without each action (`--no-contributions`); `shares` = "coalitions" or
    "actions" adds the Shapley shares. Returns a Run whose dataset is laid
    out as a comparison file and whose summary equals `traj compare --json`."""
    scenario = _scenario_of(scenario)
    if isinstance(portfolios, str):
        portfolios = [portfolios]
    text = _core.compare(scenario._loaded, _listed(portfolios, "portfolios"), members, seed,
                         threads, bool(contributions), shares, permutations)
    summary = _json.loads(text)
    return Run(_datasets.comparison_dataset(summary, scenario.objectives), summary)


def target(scenario=None, portfolio=None, *, indicator=None, year=None, objective=None,
           confidence=0.8, members=None, seed=None, threads=None):
    """`traj target`: with `indicator` and `year`, the value the portfolio
    reaches with `confidence`; with `objective`, the adoption scale it needs.
    `portfolio` is required ("baseline": no action). Returns a Run whose
    summary equals `traj target --json` and whose dataset holds every
    member's value, increasing."""
    scenario = _scenario_of(scenario)
    if portfolio is None:
        raise ScenarioError("target: expected portfolio (\"baseline\": no action), found none")
    raw = _core.target(scenario._loaded, portfolio, indicator, year, objective, float(confidence),
                       members, seed, threads)
    summary = _json.loads(raw["summary"])
    return Run(_datasets.target_dataset(raw["values"], summary), summary)


def sensitivity(scenario=None, portfolio=None, *, method="sobol", samples=None, indicator=None,
                year=None, group="parameter", seed=None, threads=None):
    """`traj sensitivity`: which uncertainties decide the objectives (or
    `indicator` in `year`) of `portfolio` (required; "baseline": no
    action): Sobol indices (`samples` N, default 4096: N × (factors + 2)
    runs) or Morris screening (`method="morris"`, `samples` trajectories,
    default 100); `group="action"` takes each action's parameters together.
    Returns a Run whose summary equals `traj sensitivity --json` and whose
    dataset is laid out as a sensitivity file (output × factor)."""
    scenario = _scenario_of(scenario)
    if portfolio is None:
        raise ScenarioError("sensitivity: expected portfolio (\"baseline\": no action), found none")
    text = _core.sensitivity(scenario._loaded, portfolio, method, samples, indicator, year, group,
                             seed, threads)
    summary = _json.loads(text)
    return Run(_datasets.sensitivity_dataset(summary), summary)
