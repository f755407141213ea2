#!/usr/bin/python3
"""Prints every report kind (results, comparison, target, sensitivity,
track, discovery, diagnostic) to PDF with headless Chromium (Selenium and
chromedriver) and checks the printout (docs/report.md, "Printing"):

- the PDF's pages are A4 and their count is within the range expected for
  the report (a page per section, no page per table row);
- in print media, at the width of an A4 page inside its margins, no element
  reaches past the page's right edge;
- no table column is crushed to a word per line.

Usage: report_print_test.py TRAJ CHROMEDRIVER WORKDIR
"""

import base64
import os
import re
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# The width inside the margins of page.cpp's @page (A4, 14 mm left and right),
# in CSS pixels (96 per inch).
A4_CONTENT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)
A4_POINTS = (595.92, 841.92)  # the MediaBox Chromium writes for A4

# Every element past the right edge, and every table cell with at least four
# words laid out one per line.
LAYOUT_CHECK = """
const limit = document.documentElement.clientWidth;
const problems = [];
for (const element of document.querySelectorAll('body *')) {
  const box = element.getBoundingClientRect();
  if (box.width > 0 && box.right > limit + 1)
    problems.push('overflows the page (' + Math.round(box.right) + ' > ' + limit + ' px): <' +
                  element.tagName.toLowerCase() + ' class="' + element.className + '">');
}
for (const cell of document.querySelectorAll('td, th')) {
  const words = cell.innerText.trim().split(/\\s+/).filter(w => w.length > 0);
  if (words.length < 4) continue;
  const range = document.createRange();
  range.selectNodeContents(cell);
  const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
  if (cell.getBoundingClientRect().width < 120 && lines.size >= words.length)
    problems.push('a word per line (' + lines.size + ' lines): "' +
                  cell.innerText.trim().slice(0, 60) + '"');
}
return [document.documentElement.scrollWidth, limit, problems];
"""


def make_reports(traj, work):
    """Writes one page of every kind; returns {name: (path, page range)}."""

    def run(*arguments):
        subprocess.run([traj, *arguments], cwd=work, check=True, stdout=subprocess.DEVNULL,
                       timeout=120)

    run("run", "--portfolio", "ambitious", "--members", "1000", "-q", "--force",
        "--output", "print_test.h5")
    run("report", "print_test.h5", "-o", "print_results_en.html", "--force")
    run("report", "print_test.h5", "-o", "print_results_fr.html", "--lang", "fr", "--force")
    run("compare", "--members", "300", "--report", "print_compare.html", "--force")
    run("target", "--portfolio", "ambitious", "--objective", "energy-2050", "--confidence", "0.8",
        "--members", "500", "-q", "--report", "print_target.html", "--force")
    run("sensitivity", "--portfolio", "plan", "--samples", "64", "-q", "--report",
        "print_sensitivity.html", "--force")
    observations = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios",
                                "observations", "brest-metropole.csv")
    for language in ("en", "fr"):
        run("track", "--portfolio", "plan", "--members", "2000", "-q", "--observations",
            observations, "--report", f"print_track_{language}.html", "--lang", language,
            "--force")
    for language in ("en", "fr"):
        run("discover", "--portfolio", "ambitious", "--objective", "energy-2050", "--members",
            "2000", "-q", "--report", f"print_discover_{language}.html", "--lang", language,
            "--force")
    for language in ("en", "fr"):
        run("diagnose", "--portfolio", "plan", "--members", "1000", "--samples", "20", "-q",
            "--report", f"print_diagnose_{language}.html", "--lang", language, "--force")
    # Ranges measured on the bundled scenario, with room for other wording:
    # a page per section, never a page per chart.
    return {
        "results (en)": ("print_results_en.html", (3, 8)),
        "results (fr)": ("print_results_fr.html", (3, 8)),
        "comparison": ("print_compare.html", (2, 12)),
        "target": ("print_target.html", (1, 4)),
        "sensitivity": ("print_sensitivity.html", (1, 8)),
        "track (en)": ("print_track_en.html", (4, 10)),
        "track (fr)": ("print_track_fr.html", (4, 10)),
        "discovery (en)": ("print_discover_en.html", (1, 4)),
        "discovery (fr)": ("print_discover_fr.html", (1, 4)),
        "diagnostic (en)": ("print_diagnose_en.html", (4, 10)),
        "diagnostic (fr)": ("print_diagnose_fr.html", (4, 10)),
    }


def pages_of(pdf):
    """The MediaBox of every page of a PDF written by Chromium."""
    return re.findall(rb"/Type\s*/Page\b(?!s).*?/MediaBox\s*\[([^\]]*)\]", pdf, re.S) or \
        re.findall(rb"/MediaBox\s*\[([^\]]*)\]\s*.*?/Type\s*/Page\b(?!s)", pdf, re.S)


def check(driver, name, path, page_range):
    failures = []
    driver.get("file://" + path)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": A4_CONTENT_WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
    scroll_width, limit, problems = driver.execute_script(LAYOUT_CHECK)
    if scroll_width > limit:
        failures.append(f"{name}: the page is {scroll_width} px wide, the A4 page {limit} px")
    failures += [f"{name}: {problem}" for problem in problems[:10]]
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    printed = driver.execute_cdp_cmd("Page.printToPDF",
                                     {"preferCSSPageSize": True, "printBackground": True})
    pdf = base64.b64decode(printed["data"])
    with open(path[:-len(".html")] + ".pdf", "wb") as out:
        out.write(pdf)
    boxes = pages_of(pdf)
    low, high = page_range
    if not low <= len(boxes) <= high:
        failures.append(f"{name}: {len(boxes)} pages printed, expected {low} to {high}")
    for box in boxes:
        width, height = (float(v) for v in box.split()[2:4])
        if abs(width - A4_POINTS[0]) > 2 or abs(height - A4_POINTS[1]) > 2:
            failures.append(f"{name}: a page of {width:.0f} × {height:.0f} pt, not A4")
            break
    print(f"{name}: {len(boxes)} A4 pages, {scroll_width} px wide in {limit} px")
    return failures


def main():
    traj, chromedriver, work = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    reports = make_reports(traj, work)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"):
        options.add_argument(flag)
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument("--user-data-dir=" + profile)
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        driver.set_page_load_timeout(60)
        try:
            for name, (page, page_range) in reports.items():
                failures += check(driver, name, os.path.join(work, page), page_range)
        finally:
            driver.quit()
    for failure in failures:
        print("report print test: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
