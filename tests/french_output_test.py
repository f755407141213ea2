#!/usr/bin/python3
"""Every report and the text of run, compare, target, sensitivity, track,
discover, diagnose, validate, graph, scenario, rerun, report and export, in French,
hold no English sentence (issue 24, item 6;
docs/report.md, "Languages").

The English sentences looked for are:
- every English entry of the tables of words — the reports'
  (models/src/report/labels.cpp), the diagnostic's
  (models/src/report/diagnosis_words.cpp) and the commands' (tools/words.cpp) —
  that differs from its French entry, cut at its "{}" placeholders, each
  fragment of two words or more;
- the English texts of the scenario that have a French version (`name`
  next to `name_fr`, `coalition` next to `coalition_fr`, `description`
  next to `description_fr`);
- a few words that betray an untranslated sentence ("likely", "short",
  "members", …).
The test renders the pages and texts from a scenario made of the bundled
example with a French version of every text made up by the test (the
example's own French versions left out), so that it fails when a French
text is not used where it exists. It then renders the bundled Brest
scenario's pages and comparison text in French and fails on any of its
English texts that has a French version, or when its French texts are not
shown.

Usage: french_output_test.py TRAJ SOURCE_DIR WORKDIR
"""

import html
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib

# An entry of either table: {"key", {"English" "…", "Français" "…"}}.
ENTRY = re.compile(r'\{"([\w-]+)",\s*\{((?:\s*"(?:[^"\\]|\\.)*")+),\s*((?:\s*"(?:[^"\\]|\\.)*")+)\s*\}\}')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')

# Words of an English sentence that French never writes (whole words).
ENGLISH_WORDS = ["likely", "short", "members", "of the way", "for a target", "confidence",
                 "as planned", "Objective", "objectives", "portfolio", "Cheapest", "What would",
                 "Every action", "ceiling", "earlier", "alone", "interval", "median",
                 "Indicators", "Costs", "avoided", "written to", "thread", "seed", "against"]

# The outputs that name the scenario's objectives, portfolios or actions
# (the others show their ids).
NAMING_OUTPUTS = {"run", "target --objective", "track", "discover", "results.html", "compare.html",
                  "target.html", "value.html", "sensitivity.html", "track.html", "discover.html", "sensitivity",
                  "optimize.html", "diagnose", "diagnose.html",
                  "sensitivity --method morris"}

# The bundled scenario whose own French texts are checked.
BREST = "scenarios/brest-metropole.toml"

# A French version of a text, in the scenario format (the line left out of the
# example, which is given the test's own French texts instead).
FRENCH_KEY = re.compile(r"^(name|coalition|description)_fr = ")

# The French texts given to the example scenario: (table, id, key, French text).
FRENCH_TEXTS = {
    "actions": {"name_fr": "Action {} en français", "coalition_fr": "Coalition {} en français"},
    "portfolios": {"name_fr": "Portefeuille {} en français"},
    "objectives": {"description_fr": "Objectif {} en français"},
}


def unescape(literal_group):
    """The text of adjacent C++ string literals."""
    text = "".join(LITERAL.findall(literal_group))
    return text.replace("\\u00a0", "\u00a0").replace('\\"', '"').replace("\\n", "\n")


def english_fragments(source_dir):
    fragments = set()
    for relative in ("models/src/report/labels.cpp", "models/src/report/diagnosis_words.cpp",
                     "tools/words.cpp"):
        with open(os.path.join(source_dir, relative), encoding="utf-8") as file:
            code = file.read()
        for key, english, french in ENTRY.findall(code):
            english, french = unescape(english), unescape(french)
            if english == french:
                continue
            for fragment in english.split("{}"):
                fragment = fragment.strip(" :;,.()–-\u00a0")
                if len(fragment.split()) >= 2 and fragment not in french:
                    fragments.add(fragment)
    return fragments


def french_scenario(source_dir, directory):
    """The example with a French version of every name, coalition and
    description, and the English texts it replaces."""
    path = os.path.join(source_dir, "scenarios/examples/example.toml")
    with open(path, "rb") as file:
        scenario = tomllib.load(file)
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    replaced = set()
    table = None
    output = []
    here = os.path.dirname(os.path.abspath(path))
    for line in lines:
        if FRENCH_KEY.match(line):
            continue
        # Included files are found from the example's folder, not the copy's.
        if line.startswith("include"):
            line = re.sub(r'"([^"/][^"]*)"', lambda m: '"%s"' % os.path.normpath(
                os.path.join(here, m.group(1))), line)
        output.append(line)
        header = re.match(r"^\[\[(\w+)\]\]\s*$", line)
        if header:
            table = header.group(1)
            continue
        assignment = re.match(r'^(name|coalition|description) = "(.*)"\s*$', line)
        if table in FRENCH_TEXTS and assignment:
            key = assignment.group(1) + "_fr"
            if key in FRENCH_TEXTS[table]:
                output.append('%s = "%s"' % (key, FRENCH_TEXTS[table][key].format(len(replaced))))
                replaced.add(assignment.group(2))
    text = "\n".join(output)
    # Every French version is the test's: none of the example's is left.
    copied = tomllib.loads(text)
    for table_name in FRENCH_TEXTS:
        for entry, original in zip(copied.get(table_name, []), scenario.get(table_name, [])):
            for key in FRENCH_TEXTS[table_name]:
                if key in original and not entry.get(key, "").endswith("en français"):
                    raise SystemExit("the example's " + key + " of " + original["id"] +
                                     " is still there: adapt the test")
    french_path = os.path.join(directory, "example-fr.toml")
    with open(french_path, "w", encoding="utf-8") as file:
        file.write(text)
    return french_path, {t for t in replaced if len(t.split()) >= 2}


def run(traj, *arguments):
    result = subprocess.run([traj, *arguments], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit("traj %s failed (%d): %s" % (" ".join(arguments), result.returncode,
                                                      result.stderr))
    return result.stdout


def observations_file(traj, scenario, portfolio, directory):
    """Observations of the example near its own deterministic trajectory
    (1 % above it), the last one estimated, for `traj track`."""
    run_json = json.loads(run(traj, "run", scenario, "-p", portfolio, "--deterministic", "--json"))
    years = run_json["years"]
    rows = ["indicator,year,value,unit,uncertainty,status"]
    for indicator, unit in (("final_energy", "GWh"), ("ghg", "ktCO2e")):
        values = run_json["indicators"][indicator]["values"]
        for year in (2021, 2022):
            status = "estimated" if year == 2022 else "final"
            rows.append("%s,%d,%.6g,%s,5%%,%s" % (indicator, year,
                                                   1.01 * values[years.index(year)], unit, status))
    path = os.path.join(directory, "observations.csv")
    with open(path, "w", encoding="utf-8") as file:
        file.write("# illustrative = true\n" + "\n".join(rows) + "\n")
    return path


def visible_text(page):
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def brest_failures(traj, source_dir, directory, forbidden):
    """The bundled Brest scenario's pages and comparison text in French: none
    of its English texts that has a French version, its French texts shown."""
    scenario = os.path.abspath(os.path.join(source_dir, BREST))
    with open(scenario, "rb") as file:
        brest = tomllib.load(file)
    english, french = set(), {}
    for table, keys in (("actions", ("name", "coalition")), ("portfolios", ("name",)),
                        ("objectives", ("description",))):
        for entry in brest[table]:
            for key in keys:
                if key + "_fr" not in entry:
                    continue
                french[(table, entry["id"], key)] = entry[key + "_fr"]
                if entry[key] != entry[key + "_fr"]:
                    english.add(entry[key])
    if len(english) < 40:
        raise SystemExit("only %d English texts of %s have a French version" % (len(english),
                                                                                 BREST))
    page = lambda name: os.path.join(directory, "brest-" + name)
    run(traj, "run", scenario, "-p", "plan", "-n", "300", "-q", "--output", page("plan.h5"))
    run(traj, "report", page("plan.h5"), "-o", page("plan.html"), "--lang", "fr")
    texts = {"Brest compare": run(traj, "compare", scenario, "-n", "100", "-q", "--lang", "fr",
                                  "--report", page("compare.html"))}
    for name in ("plan.html", "compare.html"):
        with open(page(name), encoding="utf-8") as file:
            texts["Brest " + name] = visible_text(file.read())
    failures = []
    for name, text in texts.items():
        for sentence in sorted(english | forbidden):
            if sentence in text:
                failures.append("%s: English %r" % (name, sentence))
    # Where each French text must be: the results page names the portfolio and
    # the objectives, the comparison page every portfolio, and each action it
    # shows (by its id, beside its name: those that carry each portfolio most)
    # with its coalition.
    expected = [("Brest plan.html", ("portfolios", "plan", "name"))]
    expected += [("Brest plan.html", ("objectives", o["id"], "description"))
                 for o in brest["objectives"]]
    expected += [("Brest compare.html", ("portfolios", p["id"], "name"))
                 for p in brest["portfolios"]]
    shown = [a["id"] for a in brest["actions"]
             if re.search(r"(?<![\w-])" + re.escape(a["id"]) + r"(?![\w-])",
                          texts["Brest compare.html"])]
    if len(shown) < 10:
        failures.append("Brest compare.html: only %d actions shown" % len(shown))
    expected += [("Brest compare.html", ("actions", a, key)) for a in shown
                 for key in ("name", "coalition") if ("actions", a, key) in french]
    for name, key in expected:
        if french[key] not in texts[name]:
            failures.append("%s: no French %s of %s (%r)" % (name, key[2], key[1], french[key]))
    return failures


def main():
    traj, source_dir, workdir = sys.argv[1:4]
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        scenario, replaced = french_scenario(source_dir, directory)
        forbidden = english_fragments(source_dir) | replaced
        if len(forbidden) < 100:
            raise SystemExit("only %d English sentences found: the tables moved?" % len(forbidden))
        page = lambda name: os.path.join(directory, name)
        results = page("results.h5")
        with open(scenario, "rb") as file:
            portfolio = tomllib.load(file)["portfolios"][-1]["id"]
        outputs = {
            "run": run(traj, "run", scenario, "-n", "300", "-q", "--lang", "fr"),
            "run --deterministic": run(traj, "run", scenario, "--deterministic", "--lang", "fr"),
            "compare": run(traj, "compare", scenario, "-n", "200", "-q", "--lang", "fr"),
            "target --objective": run(traj, "target", scenario, "-p", portfolio, "-n", "200", "-q",
                                      "--lang", "fr", "--objective", tomllib.load(open(scenario, "rb"))
                                      ["objectives"][0]["id"], "--report", page("target.html")),
            "target --indicator": run(traj, "target", scenario, "-p", portfolio, "-n", "200", "-q",
                                      "--lang", "fr", "--indicator", "ghg", "--year", "2030", "--report",
                                      page("value.html")),
            # The threshold moved near the plan's median, so that some members meet it.
            "discover": run(traj, "discover", scenario, "-p", portfolio, "-n", "300", "-q",
                            "--lang", "fr", "--objective", "ghg-2050", "--set",
                            "objectives.ghg-2050.threshold=0.466", "--report",
                            page("discover.html")),
        }
        observations = observations_file(traj, scenario, portfolio, directory)
        outputs["track"] = run(traj, "track", scenario, "-p", portfolio, "-n", "300", "-q",
                               "--observations", observations, "--lang", "fr", "--report",
                               page("track.html"))
        run(traj, "run", scenario, "-n", "300", "-q", "--output", results)
        outputs["report"] = run(traj, "report", results, "-o", page("results.html"), "--lang",
                                "fr")
        outputs["rerun"] = run(traj, "rerun", results, "-q", "--lang", "fr")
        outputs["export"] = run(traj, "export", results, "--csv", page("tables"), "--lang", "fr")
        run(traj, "track", scenario, "-p", portfolio, "-n", "300", "-q", "--observations",
            observations, "--output", page("track.h5"))
        outputs["rerun (track)"] = run(traj, "rerun", page("track.h5"), "-q", "--lang", "fr")
        outputs["validate"] = run(traj, "validate", scenario, "--lang", "fr")
        outputs["graph"] = run(traj, "graph", scenario, "--lang", "fr")
        outputs["scenario show"] = run(traj, "scenario", "show",
                                       "actions.deep-renovation.adoption.ceiling", "--lang", "fr")
        outputs["scenario show (fixed)"] = run(traj, "scenario", "show",
                                               "trends.activity_growth.tertiary", "--lang", "fr")
        outputs["scenario export"] = run(traj, "scenario", "export", page("exported"), "--lang",
                                         "fr")
        run(traj, "compare", scenario, "-n", "200", "-q", "--report", page("compare.html"),
            "--lang", "fr")
        outputs["sensitivity"] = run(traj, "sensitivity", scenario, "-p", portfolio, "--samples",
                                     "32", "-q", "--report", page("sensitivity.html"), "--lang",
                                     "fr", "--output", page("sensitivity.h5"))
        outputs["sensitivity --method morris"] = run(
            traj, "sensitivity", scenario, "-p", portfolio, "--method", "morris", "--samples", "8",
            "-q", "--lang", "fr", "--group", "action")
        outputs["sensitivity --indicator"] = run(
            traj, "sensitivity", scenario, "-p", "baseline", "--samples", "16", "-q", "--lang", "fr",
            "--indicator", "water", "--year", "2030")
        outputs["optimize"] = run(traj, "optimize", scenario, "--candidates", "all", "-n", "100",
                                  "--generations", "2", "--population", "8", "-q", "--lang", "fr",
                                  "--report", page("optimize.html"), "--output",
                                  page("optimize.h5"))
        outputs["diagnose"] = run(traj, "diagnose", scenario, "-p", portfolio, "-n", "200",
                                  "--samples", "8", "-q", "--lang", "fr", "--report",
                                  page("diagnose.html"))
        # A scenario of several territories (issue 26), with its French names.
        communes = os.path.join(source_dir, "scenarios", "saint-etienne-metropole.toml")
        outputs["run --territories"] = run(traj, "run", communes, "-p", "plan-2050", "-n", "300",
                                           "-q", "--territories", "--lang", "fr")
        outputs["compare (territories)"] = run(traj, "compare", communes, "-n", "200", "-q",
                                               "--no-contributions", "--lang", "fr", "--report",
                                               page("territories-compare.html"))
        outputs["validate (territories)"] = run(traj, "validate", communes, "--lang", "fr")
        run(traj, "run", communes, "-p", "plan-2050", "-n", "300", "-q", "--output",
            page("territories.h5"))
        run(traj, "report", page("territories.h5"), "-o", page("territories.html"), "--lang", "fr")
        for name in ("results.html", "compare.html", "target.html", "value.html",
                     "sensitivity.html", "track.html", "discover.html",
                     "optimize.html", "diagnose.html", "territories.html",
                     "territories-compare.html"):
            with open(page(name), encoding="utf-8") as file:
                outputs[name] = visible_text(file.read())
        failures = brest_failures(traj, source_dir, directory, forbidden)
        for name, text in outputs.items():
            for fragment in sorted(forbidden):
                if fragment in text:
                    failures.append("%s: English %r" % (name, fragment))
            for word in ENGLISH_WORDS:
                # Not inside a key path or an option (actions.x.adoption.ceiling, --portfolio).
                if re.search(r"(?<![\w.-])" + re.escape(word) + r"(?![\w.-])", text):
                    failures.append("%s: English word %r" % (name, word))
            if name in NAMING_OUTPUTS and "en français" not in text:
                failures.append("%s: no French text of the scenario" % name)
        for failure in failures:
            print("french output test: " + failure)
        print("french output test: %d outputs, %d English sentences looked for, %d found" %
              (len(outputs), len(forbidden), len(failures)))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
