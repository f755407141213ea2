#!/bin/sh
# Renders a report in headless Chromium and checks it from the rendered DOM:
# every chart and table is there, no request leaves the page (the report's
# Content-Security-Policy forbids them, and Chromium logs any attempt), no
# console error. Leaves a screenshot for people: build/tests/report.png.
# Usage: report_browser_test.sh TRAJ CHROMIUM WORKDIR
set -eu
traj=$1
chromium=$2
work=$3
cd "$work"
"$traj" run --portfolio ambitious --members 2000 -q --force --output report_test.h5 > /dev/null
"$traj" report report_test.h5 -o report_test.html --lang fr --force > /dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$profile"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 --dump-dom "file://$work/report_test.html" > dom.html 2> console.log
fail() { echo "report test: $1" >&2; exit 1; }
[ "$(grep -o '<svg class="fan"' dom.html | wc -l)" -eq 9 ] || fail "expected 9 fan charts in the rendered DOM"
[ "$(grep -o '<svg class="bar"' dom.html | wc -l)" -eq 3 ] || fail "expected 3 objective bars"
grep -q 'id="objectives"' dom.html || fail "no objectives section"
grep -q 'id="reproducibility"' dom.html || fail "no reproducibility section"
grep -q '<desc id="fan-ghg-desc">' dom.html || fail "charts lack their text alternative"
grep -q 'lang="fr"' dom.html || fail "not in French"
grep -q '[0-9],[0-9] %' dom.html || fail "no French decimal comma"
grep -q 'de chances' dom.html || fail "no French wording"
if grep -E 'CONSOLE|Refused to|net::ERR' console.log; then fail "console errors or blocked requests (above)"; fi
if grep -Eo '(src|href)="[a-z]+://' report_test.html; then fail "external reference in the report"; fi
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --screenshot="$work/report.png" --window-size=1280,3200 "file://$work/report_test.html" 2> /dev/null
[ -s report.png ] || fail "no screenshot"
# The comparison report, rendered the same way.
"$traj" compare --members 500 --report compare_test.html --force > /dev/null
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 --dump-dom "file://$work/compare_test.html" > compare_dom.html 2> compare_console.log
grep -q 'id="portfolios"' compare_dom.html || fail "no portfolio table in the comparison report"
grep -q 'id="differences"' compare_dom.html || fail "no paired differences"
[ "$(grep -o '<table class="contributions"' compare_dom.html | wc -l)" -eq 3 ] || fail "expected the contributions of 3 portfolios"
# Four portfolios (the baseline too) on each of the five headline charts, three breakdowns.
[ "$(grep -o 'class="portfolio-median"' compare_dom.html | wc -l)" -eq 20 ] || fail "expected 4 portfolios on 5 trajectory charts"
[ "$(grep -o '<svg class="stacked"' compare_dom.html | wc -l)" -eq 3 ] || fail "expected 3 breakdown charts"
if grep -E 'CONSOLE|Refused to|net::ERR' compare_console.log; then fail "console errors in the comparison report"; fi
# Target and sensitivity pages.
"$traj" target --portfolio ambitious --objective energy-2050 --confidence 0.8 --members 1000 -q --report target_test.html --force > /dev/null
"$traj" sensitivity --portfolio plan --samples 128 -q --report sensitivity_test.html --force > /dev/null
for page in target_test sensitivity_test; do
  # shellcheck disable=SC2086
  timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 --dump-dom "file://$work/$page.html" > "${page}_dom.html" 2> "${page}_console.log"
  if grep -E 'CONSOLE|Refused to|net::ERR' "${page}_console.log"; then fail "console errors in $page"; fi
done
grep -q 'id="target"' target_test_dom.html || fail "no target section"
grep -q '<svg class="bar"' target_test_dom.html || fail "no probability bar in the target page"
[ "$(grep -o '<div class="outcome">' sensitivity_test_dom.html | wc -l)" -eq 6 ] || fail "expected 6 sensitivity outcomes"
grep -q ': adoption ceiling</strong>' sensitivity_test_dom.html || fail "sensitivity factors without their action names"
# The annual review's page (traj track --report), in French.
observations="$(cd "$(dirname "$0")/.." && pwd)/scenarios/observations/brest-metropole.csv"
"$traj" track --portfolio plan --members 2000 -q --observations "$observations" --report track_test.html --lang fr --force > /dev/null
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 --dump-dom "file://$work/track_test.html" > track_test_dom.html 2> track_test_console.log
if grep -E 'CONSOLE|Refused to|net::ERR' track_test_console.log; then fail "console errors in the track page"; fi
for section in method objectives observations parameters trajectories; do
  grep -q "id=\"$section\"" track_test_dom.html || fail "no $section section in the track page"
done
grep -q 'lang="fr"' track_test_dom.html || fail "the track page is not in French"
[ "$(grep -o '<svg class="fan"' track_test_dom.html | wc -l)" -eq 4 ] || fail "expected 4 fan charts in the track page"
[ "$(grep -o '<svg class="bar"' track_test_dom.html | wc -l)" -eq 3 ] || fail "expected 3 objective bars in the track page"
[ "$(grep -o '<g class="observed">' track_test_dom.html | wc -l)" -eq 8 ] || fail "expected the 8 observed points"
[ "$(grep -o 'class="illustrative"' track_test_dom.html | wc -l)" -eq 2 ] || fail "expected the illustrative warning at the top and the end"
grep -q 'dans la trajectoire\|en avance\|en retard' track_test_dom.html || fail "no verdict in French"
echo "report test: ok (screenshot $work/report.png)"
