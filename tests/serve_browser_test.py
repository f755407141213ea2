"""The workspace page in headless Chromium (Debian's chromium-driver): load
it, move a ceiling slider with the keyboard and a timing control, wait for
the update, and check that the probabilities shown are the CLI's --json for
the same overrides, the economics card and the contributions asked for are
traj compare's, and the starting portfolio's band is behind the charts only
with edits; switch to French; no request outside the server, no console error. Leaves a screenshot for docs/serve.md: WORKDIR/serve.png.
Usage: serve_browser_test.py TRAJ WORKDIR"""
import os
import shutil
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from serve_server import Checks, chromium, chromium_options, Server, cli_compare_json, cli_run_json

traj, work = sys.argv[1], sys.argv[2]
check = Checks()


def wait_ready(driver, after):
    """Until the page shows the answer to a request newer than `after`."""
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.body.dataset.state === 'ready' && Number(document.body.dataset.sequence) > arguments[0]",
        after))
    return int(driver.execute_script("return document.body.dataset.sequence"))


def wait_drawn(driver, element_id, sequence):
    """Until the element says it shows the answer to request `sequence` or a
    later one of the same what-if (leaving the timing box for a button sends
    it again, answered from the cache)."""
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(
        "return Number(document.getElementById(arguments[0]).dataset.sequence || -1) >= arguments[1]",
        element_id, sequence))


def plain(text):
    """A number as the page writes it, without its grouping (narrow no-break space, comma)."""
    return text.replace("\u202f", "").replace("\u00a0", "").replace(",", "")


options = chromium_options()
downloads = os.path.join(work, "serve-downloads")
shutil.rmtree(downloads, ignore_errors=True)
os.makedirs(downloads)
options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                          "download.prompt_for_download": False})
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})

with Server(traj, "--members", "1000") as server:
    driver = chromium(options)
    try:
        driver.set_page_load_timeout(20)
        started = time.monotonic()
        driver.get(server.address)
        sequence = wait_ready(driver, 0)
        print("first load to first answer: %.2f s" % (time.monotonic() - started))
        Select(driver.find_element(By.ID, "portfolio")).select_by_value("ambitious")
        sequence = wait_ready(driver, sequence)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#charts svg.fan")) == 9 and
              not driver.find_elements(By.CSS_SELECTOR, "#charts .backdrop90"),
              "the starting portfolio itself: no band behind its fans")
        slider = driver.find_element(By.ID, "ceiling-deep-renovation")
        check(slider.get_attribute("value") == "0.7", "the slider starts at ambitious's ceiling 0.7")
        slider.send_keys(Keys.ARROW_RIGHT * 15)  # 0.70 → 0.85, steps of 0.01
        shift = driver.find_element(By.ID, "shift-clean-buses")
        shift.clear()
        shift.send_keys("3")
        sequence = wait_ready(driver, sequence)
        check(slider.get_attribute("value") == "0.85", "the slider moved to 0.85, found %s" % slider.get_attribute("value"))
        cli = cli_run_json(traj, ["--portfolio", "ambitious", "--members", "1000", "--seed", "1",
                                  "--set", "portfolios.ambitious.overrides.deep-renovation.ceiling=0.85",
                                  "--shift", "clean-buses=+3"])
        check(0 < cli["objectives"][0]["probability"] < 1 and cli["against"]["objectives"][0]["difference"] != 0,
              "a what-if whose probability and paired change are not trivial")
        cards = driver.find_elements(By.CSS_SELECTOR, "#cards .card")
        check(len(cards) == len(cli["objectives"]), "one card per objective")
        for card, objective in zip(cards, cli["objectives"]):
            check(card.get_attribute("data-objective") == objective["id"], "card order")
            check(float(card.get_attribute("data-probability")) == objective["probability"],
                  "%s: the page's probability equals the CLI's" % objective["id"])
            shown = card.find_element(By.CLASS_NAME, "probability").text
            expected = "%.1f %%" % (100 * objective["probability"])
            check(shown.startswith(expected), "%s: shows %r, expected %r" % (objective["id"], shown, expected))
        changes = {o["id"]: o["difference"] for o in cli["against"]["objectives"]}
        for card in cards:
            difference = card.find_element(By.CLASS_NAME, "change").get_attribute("data-difference")
            check(float(difference) == changes[card.get_attribute("data-objective")], "the paired change")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#charts svg.fan")) == 9, "nine fan charts")
        median = cli["indicators"]["ghg"]["quantiles"][cli["quantile_levels"].index(0.5)][-1]
        description = driver.find_element(By.ID, "fan-chart-ghg-desc").get_attribute("textContent")
        check(("%.0f" % median) in description.replace("\u202f", "").replace(",", ""),
              "the GHG chart's 2050 median is the CLI's (%s in %r)" % (median, description))
        check(len(driver.find_elements(By.CSS_SELECTOR, "#charts svg.fan polygon.backdrop90")) == 9,
              "with edits: the starting portfolio's band behind each of the nine fans")
        what_if = ["--portfolios", "ambitious", "--members", "1000", "--seed", "1",
                   "--set", "portfolios.ambitious.overrides.deep-renovation.ceiling=0.85",
                   "--shift", "clean-buses=+3"]
        wait_drawn(driver, "economics", sequence)
        compared = cli_compare_json(traj, what_if + ["--no-contributions"])["portfolios"][1]
        for figure, key in (("economics-cost", "cost"), ("economics-ghg-avoided", "ghg_avoided"),
                            ("economics-cost-per-tonne", "cost_per_tco2e")):
            node = driver.find_element(By.ID, figure)
            check(float(node.get_attribute("data-value")) == compared[key],
                  "economics: %s is traj compare's %s" % (node.get_attribute("data-value"), compared[key]))
            check(plain(node.text).startswith("%.0f" % compared[key]),
                  "economics: shows %r for %s" % (node.text, compared[key]))
        check("%.0f" % compared["cost_p05"] in plain(driver.find_element(By.ID, "economics-cost").text),
              "the cost's 5 % of members")
        driver.find_element(By.ID, "contributions-ask").click()
        wait_drawn(driver, "contributions", sequence)
        expected = cli_compare_json(traj, what_if)["portfolios"][1]["contributions"]
        rows = driver.find_elements(By.CSS_SELECTOR, "#contributions tbody tr")
        check([row.get_attribute("data-action") for row in rows] == [c["action"] for c in expected],
              "the contributions in traj compare's order")
        # The eight that carry the most are shown, the others on request.
        check(len(expected) > 8, "a portfolio of more than eight actions (%d)" % len(expected))
        shown_rows = [row for row in rows if row.is_displayed()]
        check(len(shown_rows) == 8 and shown_rows == rows[:8], "the first eight actions shown")
        more = driver.find_element(By.ID, "contributions-more")
        check(more.text == "Show all %d actions" % len(expected), "the button that shows them all: %r" % more.text)
        more.click()  # the table is drawn again: its rows are new elements
        rows = driver.find_elements(By.CSS_SELECTOR, "#contributions tbody tr")
        check(len(rows) == len(expected) and all(row.is_displayed() for row in rows) and
              more.get_attribute("aria-expanded") == "true", "every action shown once asked")
        for row, contribution in zip(rows, expected):
            for cell in row.find_elements(By.CSS_SELECTOR, "td[data-objective]"):
                check(float(cell.get_attribute("data-value")) ==
                      contribution["probability"][cell.get_attribute("data-objective")],
                      "%s: the contribution to %s" % (contribution["action"], cell.get_attribute("data-objective")))
            ghg = row.find_element(By.CSS_SELECTOR, "td[data-quantity='ghg 2050']")
            check(float(ghg.get_attribute("data-value")) == contribution["mean"]["ghg 2050"],
                  "%s: its GHG 2050 change" % contribution["action"])
        check(rows[0].find_element(By.TAG_NAME, "th").text == "Deep (BBC) renovation of dwellings",
              "the first row is named: %r" % rows[0].find_element(By.TAG_NAME, "th").text)
        # The download buttons: the report of the what-if shown, saved by the browser; the
        # saved portfolio refused for the bundled scenario, with the CLI's text.
        driver.find_element(By.ID, "download-report").click()
        WebDriverWait(driver, 60).until(lambda d: d.execute_script(
            "return document.body.dataset.download") not in (None, "pending"))
        name = driver.execute_script("return document.body.dataset.download")
        check(name == "ambitious-what-if.en.html", "the report button downloads %r" % name)
        saved = os.path.join(downloads, "ambitious-what-if.en.html")
        WebDriverWait(driver, 30).until(lambda d: os.path.exists(saved))
        with open(saved, encoding="utf-8") as file:
            report = file.read()
        check("traj run --portfolio ambitious --members 1000 --seed 1 --set "
              "portfolios.ambitious.overrides.deep-renovation.ceiling=0.85 --shift clean-buses=+3 "
              "--output ambitious-what-if.h5" in report, "the report is the current what-if's")
        driver.find_element(By.ID, "download-portfolio").click()
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(
            "return document.body.dataset.download") == "error")
        check("the bundled scenario has no file" in driver.find_element(By.ID, "download-status").text,
              "the portfolio button says why the bundled scenario cannot be saved")
        Select(driver.find_element(By.ID, "language")).select_by_value("fr")
        sequence = wait_ready(driver, sequence)
        check(driver.find_element(By.CSS_SELECTOR, "label[for=portfolio]").text == "Portefeuille de départ",
              "labels in French")
        check("de chances" in driver.find_element(By.ID, "cards").text, "cards in French")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", "lang=fr")
        check(driver.find_element(By.ID, "economics-title").text == "Économie", "the economics card in French")
        check(" M€" in driver.find_element(By.ID, "economics-cost").text and
              "\u202f" in driver.find_element(By.ID, "economics-cost").text, "its numbers in the French format")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#contributions tbody tr")) == len(expected) and
              driver.find_element(By.ID, "contributions").is_displayed(),
              "the same what-if in French keeps its contributions")
        check("Portefeuille de départ" in driver.find_element(By.ID, "charts").text, "the band's legend in French")
        check(driver.find_element(By.ID, "download-results").text == "Résultats (HDF5)",
              "the download buttons in French")
        check(driver.find_element(By.ID, "download-status").text.startswith(
              "Le serveur a refusé le téléchargement :"), "the download's note in French")
        driver.save_screenshot(os.path.join(work, "serve.png"))
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        outside = [name for name in resources if not name.startswith(server.address)]
        check(not outside, "no request outside the server: %s" % outside)
        # The one error expected: the browser logs the refused portfolio download (400).
        refused = "/api/download/portfolio - Failed to load resource: the server responded with a status of 400"
        errors = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")
                  and refused not in entry["message"]]
        check(not errors, "no console error: %s" % errors)
    finally:
        driver.quit()

check.finish("serve browser test")
