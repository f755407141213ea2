#!/usr/bin/python3
"""Writes a SYNTHETIC scenario with N actions, for timing `traj compare` (issue 27).

    bench/make_many_actions.py 1000 /tmp/many-1000.toml
    traj compare /tmp/many-1000.toml --portfolios many --members 100 -q

The scenario includes scenarios/bench/metropole-large.toml (its territory, 70
actions, six portfolios and five objectives, unchanged) and adds N actions
`many-0` … `many-{N-1}` in one portfolio `many`. The actions cycle through the
effect types (reduce, abate, produce, switch, factor, indicator) and the three
adoption curves, each with its own uncertain numbers, so that compiling,
sampling and running grow with N as a real consultation's would. Their sizes
are divided by N: the N actions together save a few per cent of each cell, so
every member stays physically plausible (no negative energy) at any N.
Not a territory: do not cite its results. Only the Python standard library.
"""

import pathlib
import sys

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
LARGE = REPOSITORY / "scenarios" / "bench" / "metropole-large.toml"

SECTORS = ["residential", "tertiary", "road_transport", "industry", "agriculture"]
CARRIERS = {
    "residential": ["electricity", "natural_gas", "wood"],
    "tertiary": ["electricity", "natural_gas", "district_heat"],
    "road_transport": ["diesel", "gasoline"],
    "industry": ["electricity", "natural_gas", "coal"],
    "agriculture": ["diesel", "heating_oil"],
}
SWITCHES = [
    ("residential", "natural_gas", "electricity"),
    ("tertiary", "natural_gas", "district_heat"),
    ("road_transport", "diesel", "electricity"),
    ("industry", "coal", "natural_gas"),
]


def adoption(k):
    ceiling = f"{{ uniform = [{0.4 + 0.1 * (k % 3):.1f}, 1.0] }}"
    start = 2019 + k % 10
    curve = k % 3
    if curve == 0:
        return start, f'{{ curve = "linear", full_year = {start + 6 + k % 7}, ceiling = {ceiling} }}'
    if curve == 1:
        return start, (f'{{ curve = "logistic", midpoint = {start + 8}, steepness = 0.4, '
                       f"ceiling = {ceiling} }}")
    return start, f'{{ curve = "step", ceiling = {ceiling} }}'


def effect(k, n):
    """Action k's effect, sized so that the n actions together stay small."""
    scale = 5.0 / n  # per cent of a cell, all n together ≈ 5 %
    kind = k % 6
    sector = SECTORS[k % len(SECTORS)]
    carriers = CARRIERS[sector]
    carrier = carriers[(k // len(SECTORS)) % len(carriers)]
    low, high = 0.005 * scale, 0.015 * scale
    if kind == 0:
        return (f'  type = "reduce"\n  sectors = ["{sector}"]\n  carriers = ["{carrier}"]\n'
                f"  fraction = {{ uniform = [{low:.6g}, {high:.6g}] }}\n")
    if kind == 1:
        species = ["ghg", "pm2_5", "nox"][k % 3]
        return (f'  type = "abate"\n  species = "{species}"\n  sectors = ["{sector}"]\n'
                f"  fraction = {{ triangular = [{low:.6g}, {(low + high) / 2:.6g}, {high:.6g}] }}\n")
    if kind == 2:
        return ('  type = "produce"\n  source = "pv"\n'
                f'  capacity = {{ uniform = [{60 * scale:.6g}, {120 * scale:.6g}], unit = "MWp" }}\n'
                '  yield = { parameter = "pv_yield" }\n')
    if kind == 3:
        where, source, target = SWITCHES[k % len(SWITCHES)]
        return (f'  type = "switch"\n  sectors = ["{where}"]\n  from = "{source}"\n  to = "{target}"\n'
                f"  share = {{ uniform = [{low:.6g}, {high:.6g}] }}\n"
                "  from_efficiency = 0.9\n  to_efficiency = 0.95\n")
    if kind == 4:
        return ('  type = "factor"\n  species = "pm2_5"\n  sectors = ["residential"]\n'
                '  carriers = ["wood"]\n'
                f'  new_factor = {{ uniform = [{40 + k % 20}, {60 + k % 20}], unit = "g/GJ" }}\n')
    return ('  type = "indicator"\n  indicator = "water"\n'
            f"  fraction = {{ uniform = [{low:.6g}, {high:.6g}] }}\n")


def scenario(n, output):
    include = pathlib.Path(LARGE).resolve()
    parts = [
        f"# SYNTHETIC: {n} actions added to metropole-large, written by bench/make_many_actions.py.\n"
        "# For timing `traj compare` only; not a territory.\n",
        "format = 1\n",
        f'include = ["{include}"]\n',
    ]
    for k in range(n):
        start, curve = adoption(k)
        parts.append(
            f'\n[[actions]]\nid = "many-{k}"\nname = "Synthetic action {k}"\n'
            f'coalition = "Coalition {k % 40}"\ntheme = "theme {k % 11}"\nstart = {start}\n'
            f"adoption = {curve}\n"
            f"costs = {{ investment = {{ value = {1 + k % 9}, unit = \"M€\" }} }}\n\n"
            f"  [[actions.effects]]\n{effect(k, n)}")
    ids = ", ".join(f'"many-{k}"' for k in range(n))
    parts.append(f'\n[[portfolios]]\nid = "many"\nname = "The {n} synthetic actions"\n'
                 f"actions = [{ids}]\n")
    pathlib.Path(output).write_text("".join(parts), encoding="utf-8")


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: bench/make_many_actions.py N OUTPUT.toml   (N ≥ 1 actions)")
    scenario(int(sys.argv[1]), sys.argv[2])


if __name__ == "__main__":
    main()
