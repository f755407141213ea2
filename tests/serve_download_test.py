"""The download endpoints of `traj serve` (docs/serve.md, "Downloads"), against
the built traj: each file equals the one `traj run` (and `traj report`) writes
for the same options — the saved portfolio byte for byte; the results file
value for value and attribute for attribute (h5py) except its time stamp
`created` and its `command_line` (the server records the `traj run` command
that writes the same file); the report byte for byte except that command.
Errors are 400 with the CLI's text; no temporary file is left.
Usage: serve_download_test.py TRAJ"""
import json
import urllib.parse
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy

from serve_server import Checks, Server, cli_error

traj = sys.argv[1]
check = Checks()


def comparable(file, value):
    """An attribute's value with object references replaced by the names they point to
    (their addresses move with the length of an earlier attribute)."""
    if isinstance(value, h5py.Reference):
        return file[value].name
    if isinstance(value, numpy.ndarray) and value.dtype.names:  # REFERENCE_LIST: (dataset, dimension)
        return [tuple(comparable(file, field) for field in row) for row in value.tolist()]
    if isinstance(value, numpy.ndarray) and value.dtype == object:
        return [comparable(file, item) for item in value.tolist()]
    if isinstance(value, numpy.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())  # bit for bit, NaN included
    return value


def h5_differences(served, cli, skipped_root_attributes):
    """Every dataset and attribute that differs between the two files."""
    found = []

    def attributes(name, a, b):
        for key in sorted(set(a.attrs) | set(b.attrs)):
            if name == "/" and key in skipped_root_attributes:
                continue
            if key not in a.attrs or key not in b.attrs:
                found.append("%s@%s: only in one file" % (name, key))
            elif comparable(a.file, a.attrs[key]) != comparable(b.file, b.attrs[key]):
                found.append("%s@%s: %r != %r" % (name, key, a.attrs[key], b.attrs[key]))

    def walk(name, a, b):
        attributes(name, a, b)
        if isinstance(a, h5py.Group):
            if sorted(a) != sorted(b):
                found.append("%s: members %s != %s" % (name, sorted(a), sorted(b)))
            for key in sorted(set(a) & set(b)):
                walk(name.rstrip("/") + "/" + key, a[key], b[key])
        elif comparable(a.file, a[()]) != comparable(b.file, b[()]):
            found.append("%s: values differ" % name)

    with h5py.File(served, "r") as a, h5py.File(cli, "r") as b:
        walk("/", a, b)
    return found


def run_cli(arguments):
    return subprocess.run([traj, *arguments], capture_output=True, text=True, timeout=120)


work = tempfile.mkdtemp(prefix="traj-download-test-")
private_tmp = os.path.join(work, "tmp")  # the server's TMPDIR: must be empty after each download
os.mkdir(private_tmp)
run_cli(["scenario", "export", os.path.join(work, "scen")]).check_returncode()
scenario = os.path.join(work, "scen", "brest-metropole.toml")
edit = "portfolios.ambitious.overrides.deep-renovation.ceiling=0.85"
what_if = {"portfolio": "ambitious", "members": 300, "seed": 5, "set": [edit],
           "shift": ["clean-buses=+3"], "action_off": ["cycling-plan"], "page": "p1"}
options = ["--portfolio", "ambitious", "--members", "300", "--seed", "5", "--set", edit,
           "--shift", "clean-buses=+3", "--action-off", "cycling-plan"]
environment = dict(os.environ, TMPDIR=private_tmp)

with Server(traj, scenario, "--members", "1000", environment=environment) as server:
    # The saved portfolio: byte for byte what --save-portfolio writes beside the scenario.
    status, headers, saved = server.download("/api/download/portfolio", what_if)
    check(status == 200, "POST /api/download/portfolio: %s %r" % (status, saved[:300]))
    check(headers.get("Content-Disposition") == 'attachment; filename="ambitious-what-if.toml"',
          "the portfolio's file name: %r" % headers.get("Content-Disposition"))
    check(headers.get("Content-Type", "").startswith("application/toml"), "a TOML file")
    to = os.path.join(work, "scen", "ambitious-what-if.toml")
    finished = run_cli(["run", scenario, *options, "-q", "--save-portfolio", "ambitious-what-if",
                        "--to", to])
    check(finished.returncode == 0, "traj run --save-portfolio: %s" % finished.stderr)
    with open(to, "rb") as file:
        check(saved == file.read(), "the saved portfolio equals traj run --save-portfolio's, byte for byte")
    check(b'include = "brest-metropole.toml"' in saved and b"cycling-plan" not in saved.split(b"actions = ")[1].split(b"\n")[0],
          "it includes the scenario beside it, and the action switched off is not in it")
    # The file runs, as the portfolio it says it is.
    finished = run_cli(["run", "--json", "-q", "--portfolio", "ambitious-what-if", "--members", "200", to])
    check(finished.returncode == 0 and json.loads(finished.stdout)["portfolio"] == "ambitious-what-if",
          "the saved file runs: %s" % finished.stderr)
    status, headers, named = server.download("/api/download/portfolio?name=plan-b", what_if)
    check(status == 200 and headers.get("Content-Disposition") == 'attachment; filename="plan-b.toml"'
          and b'id = "plan-b"' in named, "?name= names the portfolio and its file")
    check(headers.get("X-Traj-Notes") == "%5B%5D", "no notes for a file that holds the run")
    # What the CLI notes on its terminal comes with the file, in both languages.
    noted = dict(what_if, action_off=["cycling-plan"], set=[edit, "actions.cycling-plan.adoption.ceiling=0.5"])
    status, headers, _ = server.download("/api/download/portfolio?name=plan-c", noted)
    notes = json.loads(urllib.parse.unquote(headers.get("X-Traj-Notes", "")))
    finished = run_cli(["run", scenario, "--portfolio", "ambitious", "--members", "300", "--seed", "5",
                        "--set", edit, "--set", "actions.cycling-plan.adoption.ceiling=0.5",
                        "--action-off", "cycling-plan", "-q", "--save-portfolio", "plan-c",
                        "--to", os.path.join(work, "scen", "plan-c.toml")])
    said = [line[len("note: "):] for line in finished.stdout.splitlines() if line.startswith("note: ")]
    check(status == 200 and len(said) == 1 and [note["en"] for note in notes] == said,
          "the notes are the CLI's: %r against %r" % (notes, said))
    check(notes and notes[0]["fr"].startswith("le --set de l'adoption de cycling-plan n'est pas enregistré"),
          "and in French: %r" % notes)
    status, _, refused = server.download("/api/download/portfolio?name=../x", what_if)
    check(status == 400 and b"name: expected an id" in refused, "a name that is not an id: %r" % refused)

    # The results file: equal to traj run --output's but for its time stamp and command line.
    status, headers, results = server.download("/api/download/results", what_if)
    check(status == 200, "POST /api/download/results: %s %r" % (status, results[:300]))
    check(headers.get("Content-Disposition") == 'attachment; filename="ambitious-what-if.h5"',
          "the results' file name")
    check(headers.get("Content-Type") == "application/x-hdf5", "an HDF5 file")
    served_file = os.path.join(work, "served.h5")
    with open(served_file, "wb") as file:
        file.write(results)
    os.mkdir(os.path.join(work, "cli"))
    cli_file = os.path.join(work, "cli", "ambitious-what-if.h5")
    finished = run_cli(["run", scenario, *options, "-q", "--output", cli_file])
    check(finished.returncode == 0, "traj run --output: %s" % finished.stderr)
    differences = h5_differences(served_file, cli_file, {"created", "command_line"})
    check(not differences, "the results file equals traj run --output's: %s" % differences[:10])
    with h5py.File(served_file, "r") as file:
        command = file.attrs["command_line"]
        command = command.decode() if isinstance(command, bytes) else command
        expected = "traj run %s %s --output ambitious-what-if.h5" % (scenario, " ".join(options))
        check(command == expected, "its command line is traj run's for the same file: %r" % command)
        check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(file.attrs["created"].decode()
              if isinstance(file.attrs["created"], bytes) else file.attrs["created"])), "a time stamp")
        check([s.decode() for s in file["inputs/edits_set"][()]] == [edit]
              and [s.decode() for s in file["inputs/edits_action_off"][()]]
              == ["cycling-plan"], "the what-if's edits are in its provenance")
        check(int(file.attrs["members"]) == 300 and float(file["objectives/probability"][0]) > 0,
              "300 members, a probability that is not 0")
    finished = run_cli(["rerun", served_file])
    check(finished.returncode == 0 and "bit for bit" in finished.stdout,
          "traj rerun reproduces the downloaded file: %s %s" % (finished.stdout, finished.stderr))

    # The report: traj report's page of that file, but for the command it names.
    for language, command_label in (("fr", "Commande"), ("en", "Command")):
        status, headers, page = server.download("/api/download/report?lang=" + language, what_if)
        check(status == 200 and headers.get("Content-Disposition") ==
              'attachment; filename="ambitious-what-if.%s.html"' % language,
              "POST /api/download/report?lang=%s: %s %r" % (language, status, headers))
        cli_page = os.path.join(work, "cli", "report-%s.html" % language)
        run_cli(["report", cli_file, "-o", cli_page, "--lang", language]).check_returncode()
        with open(cli_page, encoding="utf-8") as file:
            cli_text = file.read()
        pattern = r"(<td>%s</td><td><code>)[^<]*(</code>)" % command_label
        served_text = page.decode("utf-8")
        check(re.search(pattern, served_text) and re.search(pattern, served_text).group(0).endswith(
              expected + "</code>"), "the report names the server's command (%s)" % language)
        check(re.sub(pattern, r"\1…\2", served_text) == re.sub(pattern, r"\1…\2", cli_text),
              "the report (%s) equals traj report's but for the command" % language)
    status, _, refused = server.download("/api/download/report?lang=de", what_if)
    check(status == 400 and b"lang: expected en or fr" in refused, "an unknown report language")

    # Bad input: the CLI's text, as /api/run gives it.
    bad = {"set": ["actions.nope.adoption.ceiling=0.6"]}
    code, text = cli_error(traj, [scenario, "--set", "actions.nope.adoption.ceiling=0.6"])
    for kind in ("portfolio", "results", "report"):
        status, _, refused = server.download("/api/download/" + kind, bad)
        check(status == 400 and json.loads(refused)["error"] == text,
              "%s: an unknown action gives the CLI's error: %r" % (kind, refused))
    status, _, refused = server.download("/api/download/portfolio", {"portfolio": "baseline"})
    code, text = cli_error(traj, [scenario, "--portfolio", "baseline", "--save-portfolio",
                                  "baseline-what-if", "--to", os.path.join(work, "b.toml")])
    check(status == 400 and code == 2 and json.loads(refused)["error"] == text,
          "the baseline cannot be saved: the CLI's text %r, found %r" % (text, refused))
    status, _, _ = server.download("/api/download/results", what_if, headers={"Origin": "http://evil.example"})
    check(status == 403, "another Origin is refused a download")
    check(os.listdir(private_tmp) == [], "no temporary file left: %s" % os.listdir(private_tmp))
    check(server.request("POST", "/api/run", {"members": 1000})[0] == 200, "still serving")

with Server(traj, "--members", "1000") as bundled:
    # The bundled scenario has no file for a saved portfolio to include: the CLI's refusal.
    status, _, refused = bundled.download("/api/download/portfolio", {"portfolio": "ambitious"})
    code, text = cli_error(traj, ["--portfolio", "ambitious", "--save-portfolio", "ambitious-what-if",
                                  "--to", os.path.join(work, "c.toml")])
    check(status == 400 and code == 2 and json.loads(refused)["error"] == text,
          "bundled: the CLI's refusal %r, found %r" % (text, refused))
    status, headers, results = bundled.download("/api/download/results", {"members": 100})
    check(status == 200 and results[:8] == b"\x89HDF\r\n\x1a\n"
          and headers.get("Content-Disposition") == 'attachment; filename="commitments-what-if.h5"',
          "bundled: the results of the file's first portfolio: %s %r" % (status, headers))

check.finish("serve download test")
