"""The JSON API of `traj serve` (docs/serve.md), against the built traj:
every endpoint, the CLI's numbers (traj run, traj compare) and error texts,
the starting portfolio's band in the charts, the Host/Origin guard,
supersede, cancel and cache, a clean stop on SIGINT.
Usage: serve_api_test.py TRAJ"""
import sys
import threading
import time

from serve_server import Checks, Server, cli_compare_json, cli_error, cli_run_json

traj = sys.argv[1]
check = Checks()


def without_seconds(document):
    document = dict(document)
    document.pop("seconds", None)
    return document


with Server(traj, "--members", "1000") as server:
    # The page and its files.
    status, headers, page = server.request("GET", "/")
    check(status == 200 and "<title>Trajectoires" in page, "GET / serves the page")
    check("default-src 'self'" in headers.get("Content-Security-Policy", ""), "the page has a CSP")
    for path in ("/workspace.js", "/workspace.css"):
        check(server.request("GET", path)[0] == 200, "GET " + path)
    status, _, missing = server.request("GET", "/nowhere")
    check(status == 404 and "no such page" in missing["error"], "404 for an unknown path")

    # The scenario.
    status, _, described = server.request("GET", "/api/scenario")
    check(status == 200, "GET /api/scenario")
    actions = {a["id"]: a for c in described["coalitions"] for th in c["themes"] for a in th["actions"]}
    deep = actions["deep-renovation"]
    check(deep["ceiling"]["central"] == 0.35, "deep-renovation's central ceiling is 0.35 (uniform 0.25–0.45)")
    check(abs(deep["ceiling"]["p05"] - 0.26) < 1e-12 and abs(deep["ceiling"]["p95"] - 0.44) < 1e-12,
          "its 5–95 % range is 0.26–0.44")
    check(deep["curve"] == "linear" and deep["full_year"]["central"] == 2050, "its curve")
    check(len(actions) == 23, "23 actions, found %d" % len(actions))
    check([p["id"] for p in described["portfolios"]][:3] == ["commitments", "plan", "ambitious"],
          "the portfolios in file order")
    check(described["members"] == 1000, "the default member count is --members")
    ambitious = next(p for p in described["portfolios"] if p["id"] == "ambitious")
    check(ambitious["ceilings"]["deep-renovation"] == {"central": 0.7}, "a portfolio's own ceilings")

    # Results equal `traj run --json` for the same options.
    request = {"portfolio": "ambitious", "members": 2000, "seed": 7,
               "set": ["portfolios.ambitious.overrides.deep-renovation.ceiling=0.95"],
               "shift": ["clean-buses=+3"], "action_off": ["cycling-plan"]}
    status, headers, served = server.request("POST", "/api/run", request)
    check(status == 200, "POST /api/run: %s %s" % (status, served))
    cli = cli_run_json(traj, ["--portfolio", "ambitious", "--members", "2000", "--seed", "7",
                              "--set", "portfolios.ambitious.overrides.deep-renovation.ceiling=0.95",
                              "--shift", "clean-buses=+3", "--action-off", "cycling-plan"])
    check(without_seconds(served) == cli, "the what-if equals traj run --set --shift --action-off --json")
    check(served["against"]["reference"] == "ambitious", "compared with the starting portfolio")
    energy = served["objectives"][0]
    check(energy["id"] == "energy-2050" and 0.5 < energy["probability"] < 1, "a probability neither 0 nor 1")
    check(served["against"]["objectives"][0]["difference"] > 0.2, "a paired change that is not zero")
    check(headers.get("X-Traj-Cache") == "miss", "the first answer is computed")
    check(headers.get("X-Traj-Reference") == "recorded", "its reference's ensemble is run")
    status, headers, again = server.request("POST", "/api/run", request)
    check(headers.get("X-Traj-Cache") == "hit" and again == served, "the same request answered from the cache")
    # A second what-if of the same portfolio is compared with the reference
    # kept from the first (its ensemble is not run again): still traj run's numbers.
    second = dict(request, set=["portfolios.ambitious.overrides.deep-renovation.ceiling=0.55"])
    status, headers, served_second = server.request("POST", "/api/run", second)
    check(status == 200 and headers.get("X-Traj-Cache") == "miss", "a second what-if is computed")
    check(headers.get("X-Traj-Reference") == "kept", "with the reference kept from the first")
    cli_second = cli_run_json(traj, ["--portfolio", "ambitious", "--members", "2000", "--seed", "7",
                                     "--set", "portfolios.ambitious.overrides.deep-renovation.ceiling=0.55",
                                     "--shift", "clean-buses=+3", "--action-off", "cycling-plan"])
    check(without_seconds(served_second) == cli_second,
          "a what-if compared with the kept reference equals traj run")
    check(served_second["against"] != served["against"], "and its comparison is its own")
    status, headers, plain = server.request("POST", "/api/run", {"members": 1500})
    check(without_seconds(plain) == cli_run_json(traj, ["--members", "1500"]),
          "no edits: the file's first portfolio, no against, as traj run")
    check(headers.get("X-Traj-Reference") == "recorded", "a what-if without edits is recorded as a reference")
    edited = {"members": 1500, "shift": ["clean-buses=+2"]}
    status, headers, shifted = server.request("POST", "/api/run", edited)
    check(headers.get("X-Traj-Reference") == "kept", "the next what-if is compared with it, not run again")
    check(without_seconds(shifted) == cli_run_json(traj, ["--members", "1500", "--shift", "clean-buses=+2"]),
          "and gives traj run's numbers")
    status, _, charts = server.request("POST", "/api/charts?lang=fr", request)
    check(status == 200 and [c["indicator"] for c in charts["charts"]][:3] ==
          ["final_energy", "renewable_share", "ghg"], "POST /api/charts")
    check(all('<svg class="fan"' in c["svg"] for c in charts["charts"]), "the charts are the reports' fan charts")
    check(len(charts["charts"]) == 9, "final energy, renewable share, GHG and six pollutants")

    # The starting portfolio's band, faint behind the what-if's fan: only with edits.
    check(all('class="backdrop90"' in c["svg"] and "Portefeuille de départ" in c["svg"] for c in charts["charts"]),
          "a what-if with edits: every chart has the starting portfolio's band, in French")
    status, _, english = server.request("POST", "/api/charts?lang=en", request)
    ghg_chart = next(c["svg"] for c in english["charts"] if c["indicator"] == "ghg")
    starting = cli_run_json(traj, ["--portfolio", "ambitious", "--members", "2000", "--seed", "7"])
    levels = starting["quantile_levels"]
    ghg = starting["indicators"]["ghg"]["quantiles"]
    low, high = ghg[levels.index(0.05)][-1], ghg[levels.index(0.95)][-1]
    band_text = "Starting portfolio, 5–95 % of members: {:,.0f}–{:,.0f} in 2050.".format(low, high)
    check(band_text in ghg_chart, "the GHG chart's text alternative gives the starting portfolio's "
          "2050 band of traj run (%r)" % band_text)
    check("Starting portfolio, 5–95 % of members (grey, dashed edges)" in ghg_chart, "its legend, in the caption")
    status, _, unedited = server.request("POST", "/api/charts?lang=en", {"portfolio": "ambitious", "members": 2000, "seed": 7})
    check(status == 200 and len(unedited["charts"]) == 9 and
          not any("backdrop" in c["svg"] or "Starting portfolio" in c["svg"] for c in unedited["charts"]),
          "a what-if without edits: no band behind")

    # Economics and contributions equal traj compare --portfolios P --json for the same options.
    compare_options = ["--portfolios", "ambitious", "--members", "2000", "--seed", "7",
                       "--set", "portfolios.ambitious.overrides.deep-renovation.ceiling=0.95",
                       "--shift", "clean-buses=+3", "--action-off", "cycling-plan"]
    status, headers, economics = server.request("POST", "/api/economics", request)
    compared = cli_compare_json(traj, compare_options + ["--no-contributions"])
    check(status == 200 and headers.get("X-Traj-Cache") == "miss", "POST /api/economics: %s" % status)
    check(economics["portfolio"] == compared["portfolios"][1],
          "the economics equal traj compare --portfolios ambitious --no-contributions --json's entry")
    check(economics["edits"] == compared["edits"] and economics["members"] == 2000 and economics["seed"] == 7
          and economics["discounted"] is True and economics["horizon"] == 2050, "the economics' settings")
    priced = economics["portfolio"]
    check(priced["cost"] > 100 and priced["cost_p05"] < priced["cost_median"] < priced["cost_p95"],
          "a cost with a band: %s" % {k: priced[k] for k in ("cost", "cost_p05", "cost_p95")})
    check(priced["ghg_avoided"] > 1000 and
          abs(priced["cost_per_tco2e"] - 1000 * priced["cost"] / priced["ghg_avoided"]) < 1e-9,
          "GHG avoided, and € per tCO2e = 1000 × M€ / ktCO2e")
    status, headers, again = server.request("POST", "/api/economics", request)
    check(headers.get("X-Traj-Cache") == "hit" and again == economics, "the economics from the cache")
    status, _, baseline = server.request("POST", "/api/economics", {"portfolio": "baseline", "members": 1000})
    expected = cli_compare_json(traj, ["--portfolios", "baseline", "--members", "1000", "--no-contributions"])
    check(status == 200 and baseline["portfolio"] == expected["portfolios"][0] and
          baseline["portfolio"]["cost_per_tco2e"] is None, "the baseline: nothing avoided, no € per tCO2e")
    status, headers, carried = server.request("POST", "/api/contributions", request)
    compared = cli_compare_json(traj, compare_options)
    check(status == 200 and carried["portfolio"] == compared["portfolios"][1],
          "the contributions equal traj compare --portfolios ambitious --json's entry")
    contributions = carried["portfolio"]["contributions"]
    check(len(contributions) == len(ambitious["actions"]) - 1 and contributions[0]["action"] == "deep-renovation"
          and contributions[0]["probability"]["energy-2050"] > 0.1,
          "one contribution per action left in the what-if, the renovation first: %s" % contributions[:1])
    status, _, refused = server.request("POST", "/api/economics", {"members": 50})
    check(status == 400 and "at least 100" in refused["error"], "economics on fewer than 100 members: 400")
    status, _, refused = server.request("POST", "/api/contributions", {"set": ["actions.nope.adoption.ceiling=0.6"]})
    check(status == 400 and refused["error"] == cli_error(traj, ["--set", "actions.nope.adoption.ceiling=0.6"])[1],
          "contributions of a bad edit: the CLI's error text")
    status, _, refused = server.request("POST", "/api/cancel", {})
    check(status == 400 and "page" in refused["error"], "a cancel without a page: 400")

    # Bad input: 400 with the CLI's text, and the server keeps serving.
    bad = {"set": ["actions.nope.adoption.ceiling=0.6"]}
    status, _, refused = server.request("POST", "/api/run", bad)
    code, text = cli_error(traj, ["--set", "actions.nope.adoption.ceiling=0.6"])
    check(status == 400 and code == 2 and refused["error"] == text, "an unknown action: the CLI's error text")
    status, _, refused = server.request("POST", "/api/run", {"shift": ["clean-buses=soon"]})
    code, text = cli_error(traj, ["--shift", "clean-buses=soon"])
    check(status == 400 and refused["error"] == text, "a bad shift: the CLI's error text")
    for body, expected in (("{", "malformed JSON"), ("[]", "expected a JSON object, found array"),
                           ({"members": 0}, '"members": expected'),
                           ({"members": 2000000}, '"members": expected'),
                           ({"members": -3}, "non-negative integer"),
                           ({"set": "x"}, "expected an array of strings"),
                           ({"colour": 1}, 'unknown key "colour"'),
                           ({"portfolio": "plann"}, "plan"),
                           ('{"members": 1e400}', "number overflow")):  # found by fuzz_request (was 500)
        status, _, refused = server.request("POST", "/api/run", body)
        check(status == 400 and expected in refused["error"], "refused %r: %s" % (body, refused))
    status, _, _ = server.request("POST", "/api/run", "x" * 70000)
    check(status == 413, "a body over 64 KiB is refused (413)")
    status, _, _ = server.request("POST", "/api/charts?lang=de", {})
    check(status == 400, "an unknown chart language")
    check(server.request("POST", "/api/run", {"members": 1000})[0] == 200, "still serving after errors")

    # DNS rebinding: another Host or Origin is refused.
    status, _, refused = server.request("GET", "/api/scenario", headers={"Host": "evil.example:%d" % server.port})
    check(status == 403 and "Host" in refused["error"], "another Host is refused")
    status, _, _ = server.request("POST", "/api/run", {}, headers={"Origin": "http://evil.example"})
    check(status == 403, "another Origin is refused")
    status, _, _ = server.request("POST", "/api/run", {"members": 1000},
                                  headers={"Origin": "http://localhost:%d" % server.port})
    check(status == 200, "the server's own origin is answered")

    # Supersede: a newer request of the same page cancels the older one. How
    # long one batch of members (16 384, the unit a run is cancelled between)
    # takes in this build sets how soon the older must stop.
    started = time.monotonic()
    check(server.request("POST", "/api/run", {"members": 16384, "seed": 11})[0] == 200, "one batch")
    batch_seconds = time.monotonic() - started
    slow = {"members": 1000000, "seed": 3, "page": "p1"}
    answers = {}

    def send(name, body):
        started = time.monotonic()
        status = server.request("POST", "/api/run", body)[0]
        answers[name] = (status, started, time.monotonic())

    older = threading.Thread(target=send, args=("older", slow))
    other = threading.Thread(target=send, args=("other page", {"members": 1000, "seed": 4, "page": "p2"}))
    older.start()
    time.sleep(0.3)
    other.start()
    other.join()
    send("newer", {"members": 1000, "seed": 5, "page": "p1"})
    older.join()
    check(answers["other page"][0] == 200, "another page's request does not supersede")
    check(answers["newer"][0] == 200, "the newer request is answered")
    check(answers["older"][0] == 409, "the superseded request is refused (409), found %s" % (answers["older"],))
    # Stopped at its next batch once superseded, not run to its million members
    # (61 batches): within the newer request's time and three batches.
    stopped_after = answers["older"][2] - answers["newer"][1]
    bound = (answers["newer"][2] - answers["newer"][1]) + 3 * batch_seconds + 0.5
    print("superseded: stopped %.2f s after the newer request (bound %.2f s, a batch %.2f s)"
          % (stopped_after, bound, batch_seconds))
    check(stopped_after < bound, "the superseded ensemble stopped early (%.2f s after the newer request, "
          "at most %.2f s)" % (stopped_after, bound))

    # Contributions are superseded by the page's next what-if, and stopped by a cancel.
    def ask(name, path, body):
        started = time.monotonic()
        answers[name] = server.request("POST", path, body)[:1] + (time.monotonic() - started,)

    slow = {"members": 200000, "seed": 9, "page": "p3"}
    older = threading.Thread(target=ask, args=("contributions", "/api/contributions", slow))
    older.start()
    time.sleep(0.5)
    ask("what-if", "/api/run", {"members": 1000, "seed": 9, "page": "p3"})
    older.join()
    check(answers["what-if"][0] == 200 and answers["contributions"][0] == 409,
          "the page's next what-if supersedes its contributions: %s" % (answers,))
    check(answers["contributions"][1] < 10, "the superseded contributions stopped early (%.1f s)" % answers["contributions"][1])
    slow = dict(slow, seed=10, page="p4")
    older = threading.Thread(target=ask, args=("cancelled", "/api/contributions", slow))
    older.start()
    time.sleep(0.5)
    status, _, cancelled = server.request("POST", "/api/cancel", {"page": "p4"})
    older.join()
    check(status == 200 and cancelled == {"cancelled": True}, "POST /api/cancel answers")
    check(answers["cancelled"][0] == 409 and answers["cancelled"][1] < 10,
          "a cancelled request answers 409, early: %s" % (answers["cancelled"],))

    code = server.stop()
    check(code == 130, "SIGINT stops the server cleanly with 128 + 2, found %s" % code)

# Bad options: exit 2 with the error; a port in use: exit 1.
import subprocess
for arguments, expected in ((["--port", "70000"], "--port: expected"),
                            (["--members", "0"], "--members: expected"),
                            (["--members", "2000000"], "--members: expected"),
                            (["nowhere.toml"], "nowhere.toml")):
    finished = subprocess.run([traj, "serve", *arguments], capture_output=True, text=True, timeout=10)
    check(finished.returncode == 2 and expected in finished.stderr,
          "traj serve %s: exit 2 with %r, found %d %r" % (arguments, expected, finished.returncode, finished.stderr))
with Server(traj) as first:
    finished = subprocess.run([traj, "serve", "--port", str(first.port)], capture_output=True, text=True, timeout=10)
    check(finished.returncode == 1 and "could not listen" in finished.stderr, "a port in use: exit 1")
    first.process.terminate()  # SIGTERM stops it as SIGINT does
    check(first.process.wait(timeout=10) == 128 + 15, "SIGTERM: exit 143")

check.finish("serve API test")
