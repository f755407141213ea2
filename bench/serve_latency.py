"""The workspace's latency as a planner meets it (issue 23), measured in
headless Chromium with the Performance API: from a slider's release (its
`change` event) to the what-if's cards and charts drawn — the page's own
`update-N` measure — for MOVES releases of a ceiling slider and a timing
control of the starting portfolio's first action, each to a value not asked
before (the cache does not help); and the page's first load (navigation to
the first answer drawn). Starts its own server on a free port, stops it.
Not a ctest: a benchmark, to run on an otherwise idle machine.
Usage: python3 bench/serve_latency.py TRAJ [SCENARIO] [--members N] [--moves K] [--pause S]"""
import argparse
import statistics
import sys
import time

from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tests")
from serve_server import Server, chromium, chromium_options  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("traj")
parser.add_argument("scenario", nargs="?")
parser.add_argument("--members", type=int, default=10000)
parser.add_argument("--moves", type=int, default=40)
parser.add_argument("--pause", type=float, default=0.0,
                    help="seconds between an update drawn and the next release (a planner looking)")
arguments = parser.parse_args()



def wait_ready(driver, after):
    WebDriverWait(driver, 120).until(lambda d: d.execute_script(
        "return document.body.dataset.state === 'ready' && Number(document.body.dataset.sequence) > arguments[0]",
        after))
    return int(driver.execute_script("return document.body.dataset.sequence"))


RELEASE = """
const control = document.getElementById(arguments[0]);
control.value = arguments[1];
control.dispatchEvent(new Event("input"));
control.dispatchEvent(new Event("change"));"""


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


server_arguments = ([arguments.scenario] if arguments.scenario else []) + ["--members", str(arguments.members)]
with Server(arguments.traj, *server_arguments) as server:
    driver = chromium(chromium_options())
    try:
        driver.get(server.address)
        sequence = wait_ready(driver, 0)
        first = driver.execute_script(
            "const m = performance.getEntriesByName('update-' + arguments[0])[0];"
            "return m.startTime + m.duration;", sequence)
        action = driver.execute_script(
            "return [...document.querySelectorAll('.action')].find("
            "  (box) => document.getElementById('on-' + box.id.slice(7)).checked).id.slice(7);")
        start = float(driver.execute_script("return document.getElementById('ceiling-' + arguments[0]).value", action))
        latencies = {"ceiling": [], "timing": []}
        for move in range(arguments.moves):
            if move % 2 == 0:  # a ceiling never asked before: ±1 to ±20 points around the start
                step = (move // 2) % 20 + 1
                value = start + (step if (move // 2) % 40 < 20 else -step) / 100
                value = min(0.99, max(0.01, value if 0.01 <= value <= 0.99 else start - step / 100))
                control, kind, text = "ceiling-" + action, "ceiling", "%.2f" % value
            else:  # the timing, −5 … +5 years, with the ceiling just set: a new what-if each time
                control, kind, text = "shift-" + action, "timing", str((move // 2) % 11 - 5)
            time.sleep(arguments.pause)
            driver.execute_script(RELEASE, control, text)
            sequence = wait_ready(driver, sequence)
            latencies[kind].append(driver.execute_script(
                "return performance.getEntriesByName('update-' + arguments[0])[0].duration", sequence))
        every = latencies["ceiling"] + latencies["timing"]
        print("scenario %s, %d members, action %s" % (arguments.scenario or "bundled (Brest)", arguments.members, action))
        print("first load (navigation to first answer drawn): %.0f ms" % first)
        for kind, values in list(latencies.items()) + [("every release", every)]:
            print("%-13s n=%3d  median %5.0f ms  p95 %5.0f ms  max %5.0f ms" % (
                kind, len(values), statistics.median(values), percentile(values, 0.95), max(values)))
    finally:
        driver.quit()
