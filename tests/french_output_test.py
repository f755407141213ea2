#!/usr/bin/python3
"""Every report and the text of run, compare, target and discover, in French, hold no
English sentence (issue 24, item 6; docs/report.md, "Languages").

The English sentences looked for are:
- every English entry of the two tables of words — the reports'
  (models/src/report/labels.cpp) and the commands' (tools/words.cpp) —
  that differs from its French entry, cut at its "{}" placeholders, each
  fragment of two words or more;
- the English texts of the scenario that have a French version (`name`
  next to `name_fr`, `coalition` next to `coalition_fr`, `description`
  next to `description_fr`);
- a few words that betray an untranslated sentence ("likely", "short",
  "members", …).
The test renders the pages and texts from a scenario made of the bundled
example with a French version of every text, so that it fails when a
French text is not used where it exists.

Usage: french_output_test.py TRAJ SOURCE_DIR WORKDIR
"""

import html
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
NAMING_OUTPUTS = {"run", "target --objective", "discover", "results.html", "compare.html", "target.html",
                  "value.html", "sensitivity.html"}

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
    for relative in ("models/src/report/labels.cpp", "tools/words.cpp"):
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
    # Lines already holding a French version are not doubled.
    text = "\n".join(output)
    for table_name in FRENCH_TEXTS:
        for entry in scenario.get(table_name, []):
            for key in FRENCH_TEXTS[table_name]:
                if key in entry:
                    raise SystemExit("the example already has " + key + ": adapt the test")
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


def visible_text(page):
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


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
                            "objectives.ghg-2050.threshold=0.466"),
        }
        run(traj, "run", scenario, "-n", "300", "-q", "--output", results)
        run(traj, "report", results, "-o", page("results.html"), "--lang", "fr")
        run(traj, "compare", scenario, "-n", "200", "-q", "--report", page("compare.html"),
            "--lang", "fr")
        run(traj, "sensitivity", scenario, "-p", portfolio, "--samples", "32", "-q", "--report",
            page("sensitivity.html"), "--lang", "fr")
        for name in ("results.html", "compare.html", "target.html", "value.html",
                     "sensitivity.html"):
            with open(page(name), encoding="utf-8") as file:
                outputs[name] = visible_text(file.read())
        failures = []
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
