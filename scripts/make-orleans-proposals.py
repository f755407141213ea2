#!/usr/bin/python3
"""Writes scenarios/orleans-proposals.toml: the Orléans Assises at the consultation's scale.

The companion scenario includes scenarios/orleans-assises.toml (its 86 actions,
five portfolios and seven objectives, unchanged) and adds the candidate
proposals built here, so that the committee's choice (the coming `traj optimize
--candidates assises-candidates`) has more than 300 candidates across the 11
themes of the Assises. Every figure below is labelled as in
shared/data/REFERENCE.md: [S] stated by a source, [D] derived by arithmetic,
[E] an estimate, with its reasoning, written into the file's `source` fields.

    scripts/make-orleans-proposals.py            # (re)write the scenario
    scripts/make-orleans-proposals.py --verify   # exit 1 if the committed file differs
    scripts/make-orleans-proposals.py --budget   # the plausibility check of the potentials

Only the Python standard library is used (tomllib for --budget).
"""

import argparse
import decimal
import pathlib
import sys
import unicodedata

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = REPOSITORY / "scenarios" / "orleans-proposals.toml"
INCLUDED = REPOSITORY / "scenarios" / "orleans-assises.toml"
NBSP = "\\u00a0"  # French typography: a no-break space before ':' ';' '%' (TOML escape)

# ---------------------------------------------------------------------------
# The 22 communes [S: Orléans Métropole has 22 communes, 287 000 inhabitants].
# Populations [E]: rounded INSEE municipal populations (about 2019); they are
# not in shared/data/REFERENCE.md, are used only as shares of the métropole's
# total, and are to be checked against INSEE before any per-commune result is
# quoted. Kinds [E]: "core" the city of Orléans, "ring" the dense communes
# around it, "outer" the periurban communes.
COMMUNES = [
    ("Orléans", 116000, "core"),
    ("Olivet", 22000, "ring"),
    ("Fleury-les-Aubrais", 21000, "ring"),
    ("Saint-Jean-de-Braye", 21000, "ring"),
    ("Saint-Jean-de-la-Ruelle", 16500, "ring"),
    ("Saran", 16500, "ring"),
    ("La Chapelle-Saint-Mesmin", 10500, "ring"),
    ("Saint-Jean-le-Blanc", 9000, "ring"),
    ("Ingré", 9000, "outer"),
    ("Chécy", 9000, "outer"),
    ("Saint-Denis-en-Val", 7500, "outer"),
    ("Saint-Pryvé-Saint-Mesmin", 6000, "ring"),
    ("Ormes", 4300, "outer"),
    ("Semoy", 3300, "outer"),
    ("Saint-Cyr-en-Val", 3300, "outer"),
    ("Saint-Hilaire-Saint-Mesmin", 3100, "outer"),
    ("Mardié", 2800, "outer"),
    ("Boigny-sur-Bionne", 2200, "outer"),
    ("Marigny-les-Usages", 1600, "outer"),
    ("Chanteau", 1500, "outer"),
    ("Bou", 1000, "outer"),
    ("Combleux", 500, "outer"),
]

# Per-kind factors [E], each a documented category for splitting a métropole
# potential between communes.
DENSITY = {"core": 1.3, "ring": 1.0, "outer": 0.6}  # short car trips per inhabitant, relative
HOUSES = {"core": 0.25, "ring": 0.5, "outer": 0.85}  # share of dwellings that are houses
JOBS = {"core": 1.5, "ring": 1.0, "outer": 0.6}  # shops and offices per inhabitant, relative
CYCLE_COST = {"core": 80, "ring": 100, "outer": 150}  # € per inhabitant for local cycle links

# Farmland by commune [E]: rough shares of the métropole's ≈ 10 000 ha of
# farmland [E] (Beauce to the north, Val and Sologne to the south), from the
# communes' areas outside built-up land and forest; to be replaced by Agreste
# figures. Only these communes get the farm candidates.
FARMLAND = [
    ("Ingré", 0.15),
    ("Ormes", 0.12),
    ("Saint-Cyr-en-Val", 0.12),
    ("Saran", 0.10),
    ("Saint-Denis-en-Val", 0.10),
    ("Chanteau", 0.08),
    ("Saint-Hilaire-Saint-Mesmin", 0.08),
    ("Marigny-les-Usages", 0.07),
    ("Bou", 0.06),
    ("Mardié", 0.06),
    ("Boigny-sur-Bionne", 0.06),
]

THEMES = [
    "mobility",
    "housing",
    "energy",
    "food and agriculture",
    "economy",
    "consumption and waste",
    "biodiversity and nature",
    "water",
    "education",
    "health and air",
    "governance and solidarity",
]


# ---------------------------------------------------------------------------
# Formatting


def number(value, digits=3):
    """A TOML number rounded to `digits` significant digits, never in exponent form."""
    if value == 0:
        return "0"
    rounded = float(f"{value:.{digits}g}")
    text = format(decimal.Decimal(repr(rounded)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(value):
    """A share for people to read: 0.0123 -> '1.2 %' (NBSP escape inside)."""
    return number(100 * value, 2) + NBSP + "%"


def slug(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_name.lower()).split())


def of_commune_fr(name):
    """'de Saran', "d'Orléans": French elision before a vowel."""
    return ("d'" if name[0] in "AEIOUÉÈYaeiouéèy" else "de ") + name


def toml_string(text):
    return '"' + text.replace('"', '\\"') + '"'


def uniform(low, high, unit=None):
    low, high = sorted((low, high))
    unit_part = f", unit = {toml_string(unit)}" if unit else ""
    return f"{{ uniform = [{number(low)}, {number(high)}]{unit_part} }}"


def money(value, unit="M€"):
    return f"{{ value = {number(value)}, unit = {toml_string(unit)} }}"


# ---------------------------------------------------------------------------
# Candidates: each is a dict rendered by `render_action`.


def action(
    id,
    name,
    name_fr,
    coalition,
    coalition_fr,
    theme,
    start,
    adoption,
    effects,
    source,
    investment=None,
    operating=None,
    description=None,
):
    assert theme in THEMES, theme
    return dict(
        id=id,
        name=name,
        name_fr=name_fr,
        coalition=coalition,
        coalition_fr=coalition_fr,
        theme=theme,
        start=start,
        adoption=adoption,
        effects=effects,
        source=source,
        investment=investment,
        operating=operating,
        description=description,
    )


def render_action(candidate):
    lines = ["[[actions]]"]
    for key in ("id", "name", "name_fr", "coalition", "coalition_fr", "theme"):
        if candidate[key]:
            lines.append(f"{key} = {toml_string(candidate[key])}")
    lines.append(f"start = {candidate['start']}")
    lines.append(f"adoption = {candidate['adoption']}")
    costs = []
    if candidate["investment"] is not None:
        costs.append(f"investment = {money(candidate['investment'])}")
    if candidate["operating"] is not None:
        costs.append(f"operating = {money(candidate['operating'], 'M€/yr')}")
    assert costs, candidate["id"] + " has no cost"
    lines.append("costs = { " + ", ".join(costs) + " }")
    if candidate["description"]:
        lines.append(f"description = {toml_string(candidate['description'])}")
    lines.append(f"source = {toml_string(candidate['source'])}")
    for effect in candidate["effects"]:
        lines.append("")
        lines.append("  [[actions.effects]]")
        for key, value in effect.items():
            lines.append(f"  {key} = {value}")
    return "\n".join(lines)


def effect(type, why, **keys):
    """An effect's keys as TOML text, and `why` its figures' provenance: in `source`, or in
    `description` for a produce effect, whose `source` is the production source."""
    rendered = {"type": toml_string(type)}
    for key, value in keys.items():
        if isinstance(value, list):
            rendered[key] = "[" + ", ".join(toml_string(v) for v in value) + "]"
        elif key in ("source", "from", "to", "species", "indicator", "local_source"):
            rendered[key] = toml_string(value)
        else:
            rendered[key] = value
    rendered["description" if type == "produce" else "source"] = toml_string(why)
    return rendered


def shares(weights):
    total = sum(weights.values())
    return {name: weight / total for name, weight in weights.items()}


POPULATION = {name: people for name, people, _ in COMMUNES}
KIND = {name: kind for name, _, kind in COMMUNES}
TOTAL_POPULATION = sum(POPULATION.values())
BY_POPULATION = shares(POPULATION)
BY_SHORT_TRIPS = shares({c: POPULATION[c] * DENSITY[KIND[c]] for c in POPULATION})
BY_HOUSES = shares({c: POPULATION[c] * HOUSES[KIND[c]] for c in POPULATION})
BY_FLATS = shares({c: POPULATION[c] * (1 - HOUSES[KIND[c]]) for c in POPULATION})
BY_JOBS = shares({c: POPULATION[c] * JOBS[KIND[c]] for c in POPULATION})
BY_FARMLAND = dict(FARMLAND)
assert abs(sum(BY_FARMLAND.values()) - 1) < 1e-9
assert set(BY_FARMLAND) <= set(POPULATION)


def commune_coalition(commune):
    return f"Commune of {commune}", f"Commune {of_commune_fr(commune)}"


def share_note(commune, weight, split):
    return f"{commune}: {percent(weight).replace(NBSP, ' ')} of the métropole-wide potential ({split} [E])"


# ---------------------------------------------------------------------------
# Theme 1 — Mobility


def mobility():
    candidates = []
    for commune in POPULATION:
        w = BY_SHORT_TRIPS[commune]
        cost = POPULATION[commune] * CYCLE_COST[KIND[commune]] / 1e6
        candidates.append(
            action(
                f"cycle-links-{slug(commune)}",
                f"{commune}: local cycle links and secure bike parking",
                f"{commune}{NBSP}: liaisons cyclables locales et stationnement vélo sécurisé",
                *commune_coalition(commune),
                "mobility",
                2022,
                f"{{ curve = \"linear\", full_year = 2028, ceiling = {uniform(0.5, 1.0)} }}",
                [
                    effect(
                        "reduce",
                        "[E] short car trips (under 3 km) ≈ 10 % of car km; local links and parking "
                        "move 5–15 % of them to bikes; cars ≈ 60 % of road fuel ⇒ 0.3–0.9 % of road "
                        "petrol and diesel for the whole métropole, times this commune's share",
                        sectors=["road_transport"],
                        carriers=["gasoline", "diesel"],
                        fraction=uniform(w * 0.003, w * 0.009),
                    )
                ],
                f"[E] the programme as planned (central ceiling 0.75): {CYCLE_COST[KIND[commune]]} € "
                f"per inhabitant ({KIND[commune]} commune) × {POPULATION[commune]} inhabitants [E]; "
                "upkeep 2 % a year",
                investment=cost,
                operating=0.02 * cost,
                description=share_note(commune, w, "population × short-trip factor"),
            )
        )
    park_and_ride = [
        ("north", "the north end of tram line A (Fleury-les-Aubrais)",
         "au terminus nord de la ligne A du tramway (Fleury-les-Aubrais)"),
        ("south", "the south end of tram line A (La Source)",
         "au terminus sud de la ligne A du tramway (La Source)"),
        ("west", "the west end of tram line B", "au terminus ouest de la ligne B du tramway"),
        ("east", "the east end of tram line B", "au terminus est de la ligne B du tramway"),
    ]
    for key, where, where_fr in park_and_ride:
        candidates.append(
            action(
                f"park-and-ride-{key}",
                f"Park-and-ride at {where}",
                f"Parc relais {where_fr}",
                "Keolis Métropole Orléans (TAO network operator) and Orléans Métropole",
                "Keolis Métropole Orléans (exploitant du réseau TAO) et Orléans Métropole",
                "mobility",
                2024,
                f"{{ curve = \"linear\", full_year = 2027, ceiling = {uniform(0.5, 1.0)} }}",
                [
                    effect(
                        "reduce",
                        "[D] 300–500 spaces [E] × 220 days × 20–30 km of city driving avoided per car "
                        "and day [E] × 0.6 kWh/km [E] = 0.79–1.98 GWh / 906.6 GWh of road petrol and "
                        "diesel",
                        sectors=["road_transport"],
                        carriers=["gasoline", "diesel"],
                        fraction=uniform(0.00087, 0.0022),
                    )
                ],
                "[E] ≈ 400 spaces × 15 k€; operation 0.1 M€ a year",
                investment=6,
                operating=0.1,
            )
        )
    corridors = [
        ("a10", "the A10 junction towards Paris (Saran)", "l'échangeur de l'A10 vers Paris (Saran)"),
        ("a71", "the A71 junction towards Vierzon (Olivet, La Source)",
         "l'échangeur de l'A71 vers Vierzon (Olivet, La Source)"),
        ("rd2020", "the RD2020 towards Artenay", "la RD2020 vers Artenay"),
        ("n60", "the N60 towards Châteauneuf-sur-Loire and Montargis",
         "la N60 vers Châteauneuf-sur-Loire et Montargis"),
        ("rd2152", "the RD2152 towards Meung-sur-Loire and Blois",
         "la RD2152 vers Meung-sur-Loire et Blois"),
    ]
    for key, where, where_fr in corridors:
        candidates.append(
            action(
                f"carpool-area-{key}",
                f"Carpool car park at {where}",
                f"Aire de covoiturage sur {where_fr}",
                "Orléans Métropole and Département du Loiret",
                "Orléans Métropole et Département du Loiret",
                "mobility",
                2023,
                f"{{ curve = \"linear\", full_year = 2026, ceiling = {uniform(0.4, 1.0)} }}",
                [
                    effect(
                        "reduce",
                        "[D] 50–150 cars a day left [E] × 220 days × 30 km shared [E] × 0.6 kWh/km "
                        "[E] = 0.2–0.59 GWh / 906.6 GWh of road petrol and diesel",
                        sectors=["road_transport"],
                        carriers=["gasoline", "diesel"],
                        fraction=uniform(0.00022, 0.00066),
                    )
                ],
                "[E] ≈ 80 spaces, lighting and shelter",
                investment=0.5,
            )
        )
    return candidates


# ---------------------------------------------------------------------------
# Theme 2 — Housing


def housing():
    candidates = []
    for commune in POPULATION:
        w = BY_POPULATION[commune]
        candidates.append(
            action(
                f"heating-tune-up-{slug(commune)}",
                f"{commune}: boiler tune-up, balancing and smart thermostats in homes",
                f"{commune}{NBSP}: entretien et réglage des chaudières, équilibrage et thermostats "
                "programmables dans les logements",
                *commune_coalition(commune),
                "housing",
                2022,
                f"{{ curve = \"linear\", full_year = 2027, ceiling = {uniform(0.4, 0.9)} }}",
                [
                    effect(
                        "reduce",
                        "[E] half of the ≈ 80 000 boiler-heated dwellings (gas, oil, LPG) reached, "
                        "3–8 % saved where done ⇒ 1.5–4 % of residential boiler fuels for the whole "
                        "métropole, times this commune's share",
                        sectors=["residential"],
                        carriers=["natural_gas", "heating_oil", "lpg"],
                        fraction=uniform(w * 0.015, w * 0.04),
                    )
                ],
                "[E] the ≈ 26 000 dwellings of the central ceiling 0.65 (of the ≈ 40 000 reached at "
                "full adoption) × 300 € (thermostat, balancing, service), times this commune's share",
                investment=w * 7.8,
                description=share_note(commune, w, "population"),
            )
        )
    for commune in POPULATION:
        w = BY_POPULATION[commune]
        candidates.append(
            action(
                f"heat-pump-water-heaters-{slug(commune)}",
                f"{commune}: heat-pump water heaters instead of electric storage tanks",
                f"{commune}{NBSP}: chauffe-eau thermodynamiques à la place des ballons électriques",
                *commune_coalition(commune),
                "housing",
                2023,
                f"{{ curve = \"linear\", full_year = 2035, ceiling = {uniform(0.15, 0.35)} }}",
                [
                    effect(
                        "reduce",
                        "[D] electric storage tanks in ≈ 40 % of dwellings [E] (≈ 55 000) × ≈ 2 000 "
                        "kWh a year [E] = 110 GWh, 55–70 % saved by a heat pump [E] ⇒ 9.5–12 % of the "
                        "640 GWh of residential electricity at full adoption (every tank), times this "
                        "commune's share; the ambient heat is not counted as local production "
                        "(conservative)",
                        sectors=["residential"],
                        carriers=["electricity"],
                        fraction=uniform(w * 0.095, w * 0.12),
                    )
                ],
                "[E] a quarter of the ≈ 55 000 tanks (the central ceiling) × 2 500 €, times this "
                "commune's share",
                investment=w * 34,
                description=share_note(commune, w, "population"),
            )
        )
    return candidates


# ---------------------------------------------------------------------------
# Theme 3 — Energy (PV 180 MWp by 2030 [S]; public lighting 3 800 MWh for
# 23 000 points [S])


def energy():
    candidates = []
    for commune in POPULATION:
        w = BY_HOUSES[commune]
        capacity = w * 55
        candidates.append(
            action(
                f"pv-house-roofs-{slug(commune)}",
                f"{commune}: solar panels on house roofs (self-consumption)",
                f"{commune}{NBSP}: panneaux solaires sur les toits des maisons (autoconsommation)",
                *commune_coalition(commune),
                "energy",
                2022,
                f"{{ curve = \"logistic\", midpoint = 2030, steepness = 0.35, ceiling = {uniform(0.3, 0.8)} }}",
                [
                    effect(
                        "produce",
                        "[E] ≈ 55 000 houses (≈ 40 % of the 137 000 main residences), a third with a "
                        "suitable roof ⇒ ≈ 18 000 roofs × 3 kWp ≈ 55 MWp for the métropole, times "
                        "this commune's share; yield as the other PV actions",
                        source="pv",
                        capacity=money(capacity, "MWp"),
                        **{"yield": '{ parameter = "pv_yield" }'},
                    )
                ],
                "[E] 2.0 M€/MWp for 3 kWp roofs × the capacity at the central ceiling 0.55",
                investment=capacity * 0.55 * 2.0,
                description=share_note(commune, w, "population × share of houses"),
            )
        )
    for commune in POPULATION:
        w = BY_POPULATION[commune]
        points = w * 23000
        candidates.append(
            action(
                f"lighting-off-longer-{slug(commune)}",
                f"{commune}: public lighting also off from 23 to 24 h and from 5 to 6 h",
                f"{commune}{NBSP}: éclairage public éteint aussi de 23{NBSP}h à minuit et de 5{NBSP}h "
                f"à 6{NBSP}h",
                *commune_coalition(commune),
                "energy",
                2023,
                f"{{ curve = \"step\", ceiling = {uniform(0.5, 1.0)} }}",
                [
                    effect(
                        "reduce",
                        "[D] the 0–5 h switch-off saves 3 800 MWh [S], 760 MWh per hour of the night; "
                        "two more hours 1 520 MWh, of which 40–60 % is still drawn once the LEDs "
                        "(lighting-led, 40–60 % [E]) are in: 608–912 MWh / 565 GWh of tertiary "
                        "electricity for the 23 000 points [S], times this commune's share",
                        sectors=["tertiary"],
                        carriers=["electricity"],
                        fraction=uniform(w * 608 / 565000, w * 912 / 565000),
                    )
                ],
                "[E] clocks reprogrammed, ≈ 13 € per lighting point switched, at the central "
                "ceiling 0.75",
                investment=0.75 * points * 13 / 1e6,
                description=f"≈ {number(points, 2)} of the 23 000 lighting points [S] "
                f"({share_note(commune, w, 'points ≈ population')})",
            )
        )
    return candidates


# ---------------------------------------------------------------------------
# Theme 4 — Food and agriculture


def agriculture():
    candidates = []
    for commune, w in FARMLAND:
        candidates.append(
            action(
                f"low-nitrogen-rotations-{slug(commune)}",
                f"{commune}: rotations with legumes and less mineral nitrogen on the farms outside "
                "the low-carbon label",
                f"{commune}{NBSP}: rotations avec légumineuses et moins d'azote minéral dans les "
                "exploitations hors du label bas-carbone",
                "Chambre d'agriculture du Loiret and farmers",
                "Chambre d'agriculture du Loiret et agriculteurs",
                "food and agriculture",
                2023,
                f"{{ curve = \"linear\", full_year = 2032, ceiling = {uniform(0.3, 0.7)} }}",
                [
                    effect(
                        "abate",
                        "[E] the 30–70 % of farmland outside low-carbon-field-crops, −10–20 % of "
                        "its N2O ⇒ 4–10 % of farm GHG for the métropole, times this commune's share",
                        species="ghg",
                        sectors=["agriculture"],
                        fraction=uniform(w * 0.04, w * 0.10),
                    ),
                    effect(
                        "abate",
                        "[E] as for N2O, −12–25 % of NH3 on those farms ⇒ 5–12 %",
                        species="nh3",
                        sectors=["agriculture"],
                        fraction=uniform(w * 0.05, w * 0.12),
                    ),
                ],
                "[E] ≈ 2 500 ha at the central ceiling 0.5 (of the ≈ 5 000 ha outside the label) × "
                "150 € per ha and year (advice, seeds), times this commune's share",
                operating=w * 0.375,
                description=share_note(commune, w, "farmland"),
            )
        )
    candidates.append(
        action(
            "greenhouse-wood-boilers",
            "Wood-chip boilers for the horticultural greenhouses",
            "Chaudières à plaquettes de bois pour les serres horticoles",
            "Horticulturists of the Orléans area",
            "Horticulteurs de l'Orléanais",
            "food and agriculture",
            2024,
            f"{{ curve = \"linear\", full_year = 2030, ceiling = {uniform(0.3, 0.8)} }}",
            [
                effect(
                    "switch",
                    "[E] 40 % of the greenhouses' gas (10 GWh [E]) on wood chips from the Orléans "
                    "forest and Sologne: ≈ 4.2 GWh of wood, well within local supply",
                    sectors=["agriculture"],
                    **{"from": "natural_gas", "to": "wood"},
                    share="0.4",
                    from_efficiency="0.9",
                    to_efficiency="0.85",
                    local_source="biomass_heat",
                )
            ],
            "[E] ≈ 2 MW of boilers × 1.2 M€/MW",
            investment=2.4,
        )
    )
    return candidates


# ---------------------------------------------------------------------------
# Themes 5 to 8 — Economy, consumption and waste, biodiversity, water


def economy():
    candidates = []
    for commune in POPULATION:
        w = BY_JOBS[commune]
        candidates.append(
            action(
                f"small-business-energy-{slug(commune)}",
                f"{commune}: energy coaching and small works for shops and small offices",
                f"{commune}{NBSP}: accompagnement énergie et petits travaux pour les commerces et "
                "les petits bureaux",
                *commune_coalition(commune),
                "economy",
                2022,
                f"{{ curve = \"linear\", full_year = 2028, ceiling = {uniform(0.3, 0.7)} }}",
                [
                    effect(
                        "reduce",
                        "[E] buildings under 1 000 m² (outside the tertiary decree) ≈ 30 % of tertiary "
                        "energy, 7–15 % saved where done ⇒ 2–4.5 % at full adoption for the "
                        "métropole, times this commune's share",
                        sectors=["tertiary"],
                        carriers=["electricity", "natural_gas"],
                        fraction=uniform(w * 0.02, w * 0.045),
                    )
                ],
                "[E] 0.5 M€ per GWh a year saved (as industry-energy-audits) × ≈ 15.6 GWh at the "
                "central ceiling; coaching ≈ 3 advisers; times this commune's share",
                investment=w * 7.8,
                operating=w * 0.3,
                description=share_note(commune, w, "population × jobs factor"),
            )
        )
    return candidates


def waste():
    candidates = []
    for commune in POPULATION:
        w = BY_FLATS[commune]
        candidates.append(
            action(
                f"shared-composting-{slug(commune)}",
                f"{commune}: shared composters at the foot of blocks of flats and in neighbourhoods",
                f"{commune}{NBSP}: composteurs partagés en pied d'immeuble et de quartier",
                *commune_coalition(commune),
                "consumption and waste",
                2022,
                f"{{ curve = \"linear\", full_year = 2027, ceiling = {uniform(0.4, 0.9)} }}",
                [
                    effect(
                        "indicator",
                        "[E] bio-waste ≈ 30 % of residual waste (as biowaste-sorting), half of it left "
                        "once collection and home composting are in; shared composters divert 10–30 % "
                        "of that ⇒ 1.5–4.5 % for the métropole, times this commune's share",
                        indicator="residual_waste",
                        fraction=uniform(w * 0.015, w * 0.045),
                    )
                ],
                "[E] at the central ceiling 0.65: ≈ 1 000 sites × 1 500 € and site guides 0.4 M€ a "
                "year for the métropole, times this commune's share",
                investment=w * 1.5,
                operating=w * 0.4,
                description=share_note(commune, w, "population × share of flats"),
            )
        )
    return candidates


def nature():
    candidates = []
    for commune in POPULATION:
        w = BY_POPULATION[commune]
        candidates.append(
            action(
                f"de-sealing-{slug(commune)}",
                f"{commune}: de-sealed and planted squares, car parks and pavements",
                f"{commune}{NBSP}: places, parkings et trottoirs désimperméabilisés et plantés",
                *commune_coalition(commune),
                "biodiversity and nature",
                2023,
                f"{{ curve = \"linear\", full_year = 2030, ceiling = {uniform(0.4, 1.0)} }}",
                [
                    effect(
                        "indicator",
                        "[E] 2–4 ha a year de-sealed across the métropole at full adoption (≈ 1 % a "
                        "year of its ≈ 300 ha of public squares and car parks [E]), counted against "
                        "land take (net), times this commune's share",
                        indicator="land_take",
                        change=uniform(-w * 4, -w * 2, "ha"),
                    )
                ],
                "[E] ≈ 120 € per m² de-sealed and planted × 3 ha a year × the central ceiling 0.7, "
                "times this commune's share",
                operating=w * 2.5,
                description=share_note(commune, w, "population"),
            )
        )
    return candidates


def water():
    candidates = []
    for commune in POPULATION:
        w = BY_POPULATION[commune]
        candidates.append(
            action(
                f"public-water-savings-{slug(commune)}",
                f"{commune}: water-saving fittings and leak alarms in public buildings and sports "
                "grounds",
                f"{commune}{NBSP}: équipements hydro-économes et alarmes de fuite dans les bâtiments "
                "publics et les équipements sportifs",
                *commune_coalition(commune),
                "water",
                2022,
                f"{{ curve = \"linear\", full_year = 2026, ceiling = {uniform(0.5, 1.0)} }}",
                [
                    effect(
                        "indicator",
                        "[E] communal uses ≈ 3 % of network water (as rainwater-public), buildings and "
                        "sports grounds half of it, 20–40 % saved ⇒ 0.3–0.6 % for the métropole, "
                        "times this commune's share",
                        indicator="water",
                        fraction=uniform(w * 0.003, w * 0.006),
                    )
                ],
                "[E] at the central ceiling 0.75: ≈ 600 public buildings × 2.5 k€ for the métropole, "
                "times this commune's share",
                investment=w * 1.5,
                description=share_note(commune, w, "population"),
            )
        )
    return candidates


# ---------------------------------------------------------------------------
# Themes 9 to 11 — Education, health and air, governance and solidarity


def education():
    def tertiary_cut(low, high, why):
        return effect(
            "reduce",
            why,
            sectors=["tertiary"],
            carriers=["electricity", "natural_gas", "district_heat"],
            fraction=uniform(low, high),
        )

    return [
        action(
            "colleges-energy-plan",
            "Energy-saving plan and eco-delegates in the Département's collèges of the métropole",
            "Plan d'économies d'énergie et écodélégués dans les collèges du Département situés "
            "dans la métropole",
            "Département du Loiret",
            "Département du Loiret",
            "education",
            2022,
            f"{{ curve = \"linear\", full_year = 2027, ceiling = {uniform(0.5, 1.0)} }}",
            [tertiary_cut(0.001, 0.003, "[E] collèges ≈ 2 % of tertiary energy, −5–15 %")],
            "[E] controls, insulation of roofs, eco-delegates' training",
            investment=3,
        ),
        action(
            "lycees-energy-plan",
            "Energy plan of the Région's lycées of the métropole",
            "Plan énergie des lycées de la Région situés dans la métropole",
            "Région Centre-Val de Loire",
            "Région Centre-Val de Loire",
            "education",
            2022,
            f"{{ curve = \"linear\", full_year = 2030, ceiling = {uniform(0.5, 1.0)} }}",
            [tertiary_cut(0.0015, 0.004, "[E] lycées ≈ 2.5 % of tertiary energy, −6–16 %")],
            "[E] works in ≈ 15 lycées",
            investment=5,
        ),
        action(
            "student-residences-challenge",
            "Energy challenge in the student residences",
            "Défi énergie dans les résidences étudiantes",
            "CROUS Orléans-Tours and student associations",
            "CROUS Orléans-Tours et associations étudiantes",
            "education",
            2022,
            f"{{ curve = \"linear\", full_year = 2024, ceiling = {uniform(0.3, 0.8)} }}",
            [
                effect(
                    "reduce",
                    "[E] ≈ 3 000 rooms ≈ 1 % of residential electricity, −5–15 % where engaged",
                    sectors=["residential"],
                    carriers=["electricity"],
                    fraction=uniform(0.0005, 0.0015),
                )
            ],
            "[E] meters and animation",
            operating=0.03,
        ),
        action(
            "savoir-rouler",
            "Cycling lessons for every pupil before secondary school (Savoir rouler à vélo)",
            "Apprentissage du vélo pour chaque élève avant le collège (Savoir rouler à vélo)",
            "Communes, Département du Loiret and teachers",
            "Communes, Département du Loiret et enseignants",
            "education",
            2022,
            f"{{ curve = \"linear\", full_year = 2026, ceiling = {uniform(0.5, 1.0)} }}",
            [
                effect(
                    "reduce",
                    "[E] ≈ 3 500 pupils a year; school runs and children's trips by car, −0.05–0.15 % "
                    "of road petrol",
                    sectors=["road_transport"],
                    carriers=["gasoline"],
                    fraction=uniform(0.0005, 0.0015),
                )
            ],
            "[E] instructors and a bike fleet",
            investment=0.2,
            operating=0.1,
        ),
        action(
            "renovation-craft-training",
            "Training building craftspeople in energy renovation (RGE label)",
            "Formation des artisans du bâtiment à la rénovation énergétique (label RGE)",
            "Chambre de métiers et de l'artisanat du Loiret",
            "Chambre de métiers et de l'artisanat du Loiret",
            "education",
            2022,
            f"{{ curve = \"linear\", full_year = 2028, ceiling = {uniform(0.4, 0.9)} }}",
            [
                effect(
                    "reduce",
                    "[E] better-done works (airtightness, sizing) on the renovations of the period: "
                    "0.2–0.6 % of residential heating fuels",
                    sectors=["residential"],
                    carriers=["natural_gas", "heating_oil", "lpg", "wood"],
                    fraction=uniform(0.002, 0.006),
                )
            ],
            "[E] ≈ 400 trainees a year",
            operating=0.2,
        ),
        action(
            "citizen-air-sensors",
            "Citizen air-quality sensors and good wood-burning advice (dry wood, top-down lighting)",
            "Capteurs citoyens de qualité de l'air et conseils de bon usage du bois (bois sec, "
            "allumage par le haut)",
            "Orléans Métropole and Lig'Air (air-quality agency)",
            "Orléans Métropole et Lig'Air (surveillance de la qualité de l'air)",
            "education",
            2022,
            f"{{ curve = \"linear\", full_year = 2026, ceiling = {uniform(0.3, 0.8)} }}",
            [
                effect(
                    "factor",
                    "[E] dry wood and top-down lighting cut particles 20–50 % where practised, by "
                    "≈ 10 % of wood users ⇒ 2–5 %",
                    species="pm2_5",
                    sectors=["residential"],
                    carriers=["wood"],
                    fraction=uniform(0.02, 0.05),
                ),
                effect(
                    "factor",
                    "[E] as PM2.5",
                    species="pm10",
                    sectors=["residential"],
                    carriers=["wood"],
                    fraction=uniform(0.02, 0.05),
                ),
            ],
            "[E] ≈ 200 sensors and workshops",
            investment=0.1,
            operating=0.03,
        ),
    ]


def air():
    candidates = []
    for commune in POPULATION:
        w = BY_HOUSES[commune]
        candidates.append(
            action(
                f"wood-stove-bonus-{slug(commune)}",
                f"{commune}: top-up bonus for replacing old wood stoves and open fireplaces",
                f"{commune}{NBSP}: prime complémentaire pour remplacer les vieux poêles à bois et "
                "les foyers ouverts",
                *commune_coalition(commune),
                "health and air",
                2023,
                f"{{ curve = \"linear\", full_year = 2030, ceiling = {uniform(w * 0.10, w * 0.25)} }}",
                [
                    effect(
                        "factor",
                        "[S] EMEP/EEA 2019 Tier 2, advanced stove (as wood-stove-renewal)",
                        species="pm2_5",
                        sectors=["residential"],
                        carriers=["wood"],
                        new_factor='{ parameter = "advanced_stove_pm2_5" }',
                    ),
                    effect(
                        "factor",
                        "[S] EMEP/EEA 2019 Tier 2, advanced stove PM10 95 g/GJ",
                        species="pm10",
                        sectors=["residential"],
                        carriers=["wood"],
                        new_factor='{ parameter = "advanced_stove_pm10" }',
                    ),
                    effect(
                        "factor",
                        "[S] EMEP/EEA 2019 Tier 2, advanced stove NMVOC 250 g/GJ",
                        species="nmvoc",
                        sectors=["residential"],
                        carriers=["wood"],
                        new_factor=money(250, "g/GJ"),
                    ),
                    effect(
                        "reduce",
                        "[E] efficiency ≈ 50 % → ≈ 75 % (as wood-stove-renewal)",
                        sectors=["residential"],
                        carriers=["wood"],
                        fraction="{ triangular = [0.2, 0.3, 0.4] }",
                    ),
                ],
                "[E] the ceiling is the share of the métropole's residential wood heat moved to "
                "labelled appliances beyond wood-stove-renewal (30–60 %): 10–25 % for the métropole, "
                "times this commune's share; ≈ 1 550 appliances × 3.5 k€ at the central ceiling "
                "(wood-stove-renewal: 4 000 appliances for 45 %)",
                investment=w * 5.4,
                description=share_note(commune, w, "population × share of houses"),
            )
        )
    return candidates


def governance():
    return [
        action(
            "commune-carbon-budgets",
            "Carbon budget of each commune's own activities, reviewed every year",
            "Budget carbone des activités propres de chaque commune, examiné chaque année",
            "Communes of the métropole",
            "Communes de la métropole",
            "governance and solidarity",
            2023,
            f"{{ curve = \"linear\", full_year = 2026, ceiling = {uniform(0.4, 0.9)} }}",
            [
                effect(
                    "reduce",
                    "[E] decisions prompted in the communes' buildings (≈ 8 % of tertiary energy), "
                    "−1–5 %",
                    sectors=["tertiary"],
                    carriers=["electricity", "natural_gas", "district_heat"],
                    fraction=uniform(0.001, 0.004),
                )
            ],
            "[E] a shared analyst and the communes' staff time",
            operating=0.3,
        ),
        action(
            "energy-cheque-top-up",
            "Local top-up of the energy cheque, given with a home energy visit",
            "Complément local au chèque énergie, accordé avec une visite énergie à domicile",
            "CCAS of the communes and solidarity associations",
            "CCAS des communes et associations de solidarité",
            "governance and solidarity",
            2022,
            f"{{ curve = \"linear\", full_year = 2025, ceiling = {uniform(0.4, 0.9)} }}",
            [
                effect(
                    "reduce",
                    "[E] ≈ 10 000 households receiving the cheque × 3–8 % after the visit",
                    sectors=["residential"],
                    carriers=["electricity", "natural_gas"],
                    fraction=uniform(0.001, 0.003),
                )
            ],
            "[E] 50 € × 10 000 households",
            operating=0.5,
        ),
        action(
            "climate-budget-tagging",
            "Green budgeting: every line of the métropole's budget tagged by its climate effect",
            f"Budget vert{NBSP}: chaque ligne du budget de la métropole évaluée selon son effet sur le "
            "climat",
            "Orléans Métropole",
            "Orléans Métropole",
            "governance and solidarity",
            2023,
            f"{{ curve = \"step\", ceiling = {uniform(0.5, 1.0)} }}",
            [
                effect(
                    "reduce",
                    "[E] spending moved from the least efficient options in the métropole's own "
                    "buildings, −0.05–0.2 % of tertiary energy",
                    sectors=["tertiary"],
                    carriers=["electricity", "natural_gas", "district_heat"],
                    fraction=uniform(0.0005, 0.002),
                )
            ],
            "[E] one analyst",
            operating=0.08,
        ),
        action(
            "citizens-climate-assembly",
            "Permanent citizens' climate assembly following up the Assises",
            "Assemblée citoyenne permanente pour le climat, suite des Assises",
            "Mixed committee (elected officials, staff, citizens)",
            "Comité mixte (élus, agents, habitants)",
            "governance and solidarity",
            2022,
            f"{{ curve = \"step\", ceiling = {uniform(0.5, 1.0)} }}",
            [
                effect(
                    "reduce",
                    "[E] small, uncertain behavioural effect around the ≈ 100 members and their "
                    "circles",
                    sectors=["residential"],
                    carriers=["electricity", "natural_gas"],
                    fraction=uniform(0.0005, 0.002),
                )
            ],
            "[E] drawing by lot, facilitation, allowances",
            operating=0.15,
        ),
        action(
            "social-ev-leasing",
            "Social leasing of small electric cars for low-income commuters",
            "Location sociale de petites voitures électriques pour les actifs modestes",
            "Orléans Métropole, banks and solidarity associations",
            "Orléans Métropole, banques et associations de solidarité",
            "governance and solidarity",
            2024,
            f"{{ curve = \"linear\", full_year = 2028, ceiling = {uniform(0.4, 1.0)} }}",
            [
                effect(
                    "switch",
                    "[E] ≈ 1 000 cars ≈ 0.5 % of road petrol; with ev-charging (95 %) and "
                    "municipal-fleet (1 %) the requests on road petrol stay below the whole cell",
                    sectors=["road_transport"],
                    **{"from": "gasoline", "to": "electricity"},
                    share="0.005",
                    from_efficiency="0.22",
                    to_efficiency="0.8",
                )
            ],
            "[E] ≈ 1 000 leases × 1 000 € a year of public support",
            operating=1.0,
        ),
        action(
            "community-land-trust",
            "Community land trust: affordable homes on brownfields instead of new plots",
            f"Organisme de foncier solidaire{NBSP}: des logements abordables sur des friches plutôt que "
            "sur de nouvelles parcelles",
            "Orléans Métropole and the land agency",
            "Orléans Métropole et l'établissement public foncier",
            "governance and solidarity",
            2024,
            f"{{ curve = \"linear\", full_year = 2030, ceiling = {uniform(0.3, 0.8)} }}",
            [
                effect(
                    "indicator",
                    "[E] ≈ 100 homes a year on brownfields instead of ≈ 0.5–1 ha of new plots",
                    indicator="land_take",
                    change=uniform(-1, -0.5, "ha"),
                )
            ],
            "[E] land bought and carried, partly recovered from the ground leases",
            investment=10,
        ),
    ]


FAMILIES = [
    ("Theme 1 — Mobility", mobility),
    ("Theme 2 — Housing", housing),
    ("Theme 3 — Energy", energy),
    ("Theme 4 — Food and agriculture", agriculture),
    ("Theme 5 — Economy", economy),
    ("Theme 6 — Consumption and waste", waste),
    ("Theme 7 — Biodiversity and nature", nature),
    ("Theme 8 — Water", water),
    ("Theme 9 — Education", education),
    ("Theme 10 — Health and air", air),
    ("Theme 11 — Governance and solidarity", governance),
]


# ---------------------------------------------------------------------------
# The file


def included_actions():
    """The ids and themes of orleans-assises.toml's actions, in file order."""
    ids, themes, current = [], [], None
    for line in INCLUDED.read_text(encoding="utf-8").splitlines():
        if line.startswith("[[actions]]"):
            current = len(ids)
            ids.append(None)
            themes.append(None)
        elif current is not None and line.startswith("id = ") and ids[current] is None:
            ids[current] = line.split('"')[1]
        elif current is not None and line.startswith("theme = ") and themes[current] is None:
            themes[current] = line.split('"')[1]
        elif line.startswith("[[") and not line.startswith("[[actions"):
            current = None
    return list(zip(ids, themes))


HEADER = """\
# Orléans Métropole — the Assises de la transition at the consultation's scale.
# GENERATED by scripts/make-orleans-proposals.py: edit the script, not this
# file, then run it again (`--verify` checks the two agree, `--budget` prints
# the plausibility check of the potentials).
#
# The Assises (2021) produced 800+ proposed actions across 11 themes [S]
# (shared/data/REFERENCE.md). The sources do not list the 11 themes by name:
# they are the categories of orleans-assises.toml (mobility, housing, energy,
# food and agriculture, economy, consumption and waste, biodiversity and
# nature, water, education, health and air, governance and solidarity).
# This file includes orleans-assises.toml unchanged (its 86 actions, five
# portfolios and seven objectives: 2025 energy −12 %, GHG −17 %, renewables
# ×2; 2030 energy −25 %, GHG −50 %, renewables ×2; 2050 positive energy [S])
# and adds {added} candidate proposals, {total} candidates in all, listed in
# the portfolio `assises-candidates` (the input of `traj optimize
# --candidates assises-candidates`).
#
# How the proposals are built
# - From the sourced figures [S]: PV 180 MWp by 2030 — the 55 MWp of house
#   roofs below bring the PV candidates to 280 MWp at full potential with the
#   20 MWp installed; at the central values (traj run --deterministic) every
#   candidate gives ≈ 164 MWp in 2030 (149 with the 86 actions alone) and
#   ≈ 190 MWp in 2050, so the target needs ceilings above their middle.
#   Public lighting: 3 800 MWh saved by the 0–5 h switch-off of 23 000
#   points; the longer switch-off below is sized from it, per commune. The
#   two biomass plants' 150 GWh of heat and 100 GWh of electricity: with the
#   86 actions the networks' renewable heat already stays at 150–157 GWh
#   (2019–2030, central values), the plants' output, so no candidate adds
#   network connections; the one new wood use (greenhouse boilers, ≈ 4 GWh
#   of wood) draws on local forests.
# - For the rest, documented categories: per-commune variants of a measure,
#   each the commune's share of a métropole-wide potential [E] split by
#   population, by population × a factor of the commune's kind (short car
#   trips, share of houses or flats, jobs), or by farmland (table below).
#   Each potential is a slice that the 86 actions do not already cover (the
#   farms outside the low-carbon label, the lighting hours after 0–5 h, the
#   wood stoves beyond wood-stove-renewal, buildings outside the tertiary
#   decree, …), so that running every candidate stays physically plausible:
#   reductions of one cell multiply and switches share their cell
#   (docs/model.md#stacking-without-double-counting), and `--budget` checks
#   that no cell, source or factor is asked more than it holds.
# - Every figure is labelled in the `source` of its action or effect (the
#   `description` of a produce effect, whose `source` is the production
#   source): [S] stated by a source, [D] derived by arithmetic from sourced
#   figures, [E] an estimate with its reasoning. Start years, adoption curves
#   and ceilings are [E] (a plausible pace for each measure from the Assises
#   in 2021). Per-commune effects have independent uncertainties (one
#   distribution each); the physics they share is a named parameter
#   (pv_yield, advanced_stove_pm2_5, …), sampled once per member.
# - Each per-commune candidate belongs to its commune (coalition "Commune of
#   …"), so that `traj compare --shares` can say what each commune brings.
#
# Communes [E]: rounded INSEE municipal populations (about 2019), used only as
# shares of the 287 000 inhabitants [S]; kinds: core (Orléans), ring (dense
# communes around it), outer (periurban). Factors by kind [E]: short car trips
# core 1.3 / ring 1.0 / outer 0.6; share of houses 0.25 / 0.5 / 0.85; jobs
# 1.5 / 1.0 / 0.6; local cycle links 80 / 100 / 150 € per inhabitant.
{commune_table}
#
# Farmland shares [E] (of ≈ 10 000 ha, to be replaced by Agreste figures):
{farmland_table}

format = 1
include = ["orleans-assises.toml"]
"""

PORTFOLIO = """\
[[portfolios]]
id = "assises-candidates"
name = "Every candidate of the Assises ({total} actions)"
name_fr = "Toutes les propositions candidates des Assises ({total} actions)"
description = "The candidates among which the mixed committee chooses (traj optimize --candidates assises-candidates), each at its own planned ambition: the {included} actions of orleans-assises.toml and the {added} proposals of orleans-proposals.toml, across the 11 themes."
description_fr = "Les candidates parmi lesquelles le comité mixte choisit (traj optimize --candidates assises-candidates), chacune à son ambition prévue{nbsp}: les {included} actions de orleans-assises.toml et les {added} propositions de orleans-proposals.toml, dans les 11 thèmes."
actions = [
{action_lines}
]
"""


def commune_table():
    lines = []
    for name, people, kind in COMMUNES:
        lines.append(
            f"#   {name:<28} {people:>7} {kind:<5}  population share "
            f"{100 * BY_POPULATION[name]:5.2f} %"
        )
    lines.append(f"#   {'total':<28} {TOTAL_POPULATION:>7}")
    return "\n".join(lines)


def farmland_table():
    return "\n".join(f"#   {name:<28} {share:.2f}" for name, share in FARMLAND)


def wrapped_ids(ids, indent="  ", width=100):
    lines, line = [], indent
    for identifier in ids:
        item = toml_string(identifier) + ", "
        if len(line) + len(item) > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += item
    if line.strip():
        lines.append(line.rstrip())
    return lines


def build():
    included = included_actions()
    blocks, added_by_theme = [], {theme: [] for theme in THEMES}
    for title, family in FAMILIES:
        candidates = family()
        blocks.append("# " + "-" * 75 + f"\n# {title} ({len(candidates)} candidates)")
        for candidate in candidates:
            added_by_theme[candidate["theme"]].append(candidate["id"])
            blocks.append(render_action(candidate))
    added = sum(len(ids) for ids in added_by_theme.values())
    all_ids = [identifier for identifier, _ in included] + [
        identifier for ids in added_by_theme.values() for identifier in ids
    ]
    assert len(set(all_ids)) == len(all_ids), "duplicate action ids"
    action_lines = []
    for theme in THEMES:
        ids = [identifier for identifier, t in included if t == theme] + added_by_theme[theme]
        action_lines.append(f"  # {theme} ({len(ids)})")
        action_lines.extend(wrapped_ids(ids))
    text = HEADER.format(
        added=added,
        total=len(all_ids),
        commune_table=commune_table(),
        farmland_table=farmland_table(),
    )
    text += "\n# " + "=" * 75 + "\n# Candidate proposals\n\n" + "\n\n".join(blocks) + "\n\n"
    text += "# " + "=" * 75 + "\n# Portfolio: every candidate, grouped by theme\n"
    text += PORTFOLIO.format(
        included=len(included),
        added=added,
        total=len(all_ids),
        nbsp=NBSP,
        action_lines="\n".join(action_lines),
    )
    return text


# ---------------------------------------------------------------------------
# Plausibility check: how much of each cell, source and factor the candidates
# ask for when every one is at the top of its ranges.


def upper(value, parameters):
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):  # "40 %"
        return float(value.rstrip("% ").strip()) / 100
    if "parameter" in value:
        return upper(parameters[value["parameter"]]["distribution"], parameters)
    if "value" in value:
        return float(value["value"])
    for kind in ("uniform", "triangular", "pert"):
        if kind in value:
            return float(max(value[kind]))
    if "normal" in value:
        normal = value["normal"]
        return float(normal.get("max", normal["mean"] + 3 * normal["sd"]))
    if "lognormal" in value:
        return float(value["lognormal"]["median"])
    raise ValueError(f"no upper bound for {value}")


def budget():
    import tomllib

    with INCLUDED.open("rb") as handle:
        base = tomllib.load(handle)
    with OUTPUT.open("rb") as handle:
        proposals = tomllib.load(handle)
    parameters = base["parameters"]
    actions = base["actions"] + proposals["actions"]
    inventory = base["inventory"]["final_energy"]
    carriers = sorted({c for row in inventory.values() if isinstance(row, dict) for c in row})
    reduce_left, switch_asked, factor_moved, produced, abated, indicators = {}, {}, {}, {}, {}, {}
    for candidate in actions:
        ceiling = upper(candidate["adoption"]["ceiling"], parameters)
        for item in candidate["effects"]:
            kind = item["type"]
            sectors = item.get("sectors", [])
            sectors = [sectors] if isinstance(sectors, str) else sectors
            if kind == "reduce":
                for sector in sectors:
                    for carrier in item.get("carriers", carriers):
                        key = (sector, carrier)
                        reduce_left[key] = reduce_left.get(key, 1.0) * (
                            1 - ceiling * upper(item["fraction"], parameters)
                        )
            elif kind == "switch":
                for sector in sectors:
                    key = (sector, item["from"])
                    switch_asked[key] = switch_asked.get(key, 0.0) + ceiling * upper(
                        item["share"], parameters
                    )
            elif kind == "factor" and "new_factor" in item:
                for sector in sectors:
                    for carrier in item.get("carriers", carriers):
                        key = (item["species"], sector, carrier)
                        factor_moved[key] = factor_moved.get(key, 0.0) + ceiling
            elif kind == "produce":
                if "energy" in item:
                    amount = upper(item["energy"], parameters)
                else:
                    amount = upper(item["capacity"], parameters) * upper(item["yield"], parameters) / 1000
                produced[item["source"]] = produced.get(item["source"], 0.0) + ceiling * amount
                if item["source"] == "pv" and "capacity" in item:
                    produced["pv (MWp)"] = produced.get("pv (MWp)", 0.0) + upper(
                        item["capacity"], parameters
                    )
            elif kind == "abate":
                for sector in sectors:
                    key = (item["species"], sector)
                    abated[key] = abated.get(key, 1.0) * (1 - ceiling * upper(item["fraction"], parameters))
            elif kind == "indicator":
                key = item["indicator"]
                if "fraction" in item:
                    left = indicators.get(key, (1.0, 0.0))
                    indicators[key] = (left[0] * (1 - ceiling * upper(item["fraction"], parameters)), left[1])
                else:
                    change = item["change"]
                    low = float(min(change["uniform"])) if "uniform" in change else float(change["value"])
                    left = indicators.get(key, (1.0, 0.0))
                    indicators[key] = (left[0], left[1] + ceiling * low)
    problems = 0
    print(f"{len(actions)} candidates, every one at the top of its ranges (ceiling and size):")
    print("reductions: share of each cell's demand left (products of 1 − ceiling × fraction)")
    for key, left in sorted(reduce_left.items()):
        print(f"  {key[0]:>16} × {key[1]:<13} {100 * left:6.1f} % left")
        problems += left < 0.1
    print("switches: share of each cell requested (the model scales a request above 100 %)")
    for key, asked in sorted(switch_asked.items()):
        print(f"  {key[0]:>16} × {key[1]:<13} {100 * asked:6.1f} % requested")
        problems += asked > 1.0 + 1e-9
    print("new factors: share of each cell moved to a new technology")
    for key, moved in sorted(factor_moved.items()):
        print(f"  {key[0]:>6} {key[1]:>12} × {key[2]:<6} {100 * moved:6.1f} % moved")
        problems += moved > 1.0 + 1e-9
    print("abatements: share of non-energy emissions left")
    for key, left in sorted(abated.items()):
        print(f"  {key[0]:>6} {key[1]:<14} {100 * left:6.1f} % left")
    print("production added at the top ceilings (GWh a year; PV also in MWp at full potential)")
    for key, amount in sorted(produced.items()):
        print(f"  {key:<22} {amount:8.1f}")
    pv_installed = 20.0  # MWp [E] in orleans-assises.toml's inventory (23 GWh)
    print(f"  PV with the 20 MWp installed: {produced.get('pv (MWp)', 0) + pv_installed:.0f} MWp "
          "at full potential, for a target of 180 MWp by 2030 [S]")
    print("custom indicators: share left (relative effects) and absolute change (at the top)")
    for key, (left, change) in sorted(indicators.items()):
        print(f"  {key:<16} {100 * left:6.1f} % left, {change:+.1f} a year")
    print("problems:", problems)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verify", action="store_true", help="exit 1 if the committed file differs")
    parser.add_argument("--budget", action="store_true", help="print the plausibility check")
    arguments = parser.parse_args()
    text = build()
    if arguments.verify:
        committed = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if committed != text:
            print(f"{OUTPUT} differs from what {__file__} writes: run it again", file=sys.stderr)
            return 1
        print(f"{OUTPUT.name} is what the script writes")
        return 0
    if arguments.budget:
        return budget()
    temporary = OUTPUT.with_suffix(".toml.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(OUTPUT)
    print(f"wrote {OUTPUT.relative_to(REPOSITORY)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
