#!/usr/bin/env bash
# Regenerates the screenshots of docs/report.md (docs/images/*.png): every
# report kind — results, comparison, target, sensitivity, track, discovery — of the bundled
# Brest scenario, in French and in English, rendered by headless Chromium
# (the top 1100 × 1400 CSS px of each page). Each file is the page of the
# command printed next to it below. pngquant and optipng, when installed
# (Debian's packages), make the files smaller; without them they are kept
# as Chromium writes them.
# Usage: scripts/make-screenshots.sh [TRAJ]   (default: build/bin/traj)
# Environment: CHROMIUM (default: chromium).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
traj=$(realpath "${1:-$root/build/bin/traj}")
chromium=${CHROMIUM:-chromium}
[ -x "$traj" ] || { echo "make-screenshots: no traj executable at $traj (build it first)" >&2; exit 2; }
command -v "$chromium" > /dev/null || { echo "make-screenshots: no $chromium (apt-get install chromium)" >&2; exit 2; }
# An absolute path: the results file names the scenario by the path given.
scenario=$root/scenarios/brest-metropole.toml
images=$root/docs/images
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT
mkdir -p "$images"

# The pages, in each language; small member counts (seed 1, the default).
"$traj" run "$scenario" -p plan -n 2000 -q --output "$work/plan.h5" > /dev/null
for lang in fr en; do
  "$traj" report "$work/plan.h5" -o "$work/results-$lang.html" --lang "$lang" > /dev/null
  "$traj" compare "$scenario" -n 500 -q --lang "$lang" --report "$work/compare-$lang.html" > /dev/null
  "$traj" target "$scenario" -p ambitious --objective energy-2050 -c 0.8 -n 1000 -q --lang "$lang" \
    --report "$work/target-$lang.html" > /dev/null
  "$traj" sensitivity "$scenario" -p plan -n 256 -q --lang "$lang" \
    --report "$work/sensitivity-$lang.html" > /dev/null
  "$traj" track "$scenario" -p plan -n 2000 -q --lang "$lang" \
    --observations "$root/scenarios/observations/brest-metropole.csv" \
    --report "$work/track-$lang.html" > /dev/null
  "$traj" discover "$scenario" -p ambitious --objective energy-2050 -n 5000 -q --lang "$lang" \
    --report "$work/discover-$lang.html" > /dev/null
done

flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile"
       --window-size=1100,1400)
for page in "$work"/*.html; do
  name=$(basename "$page" .html)
  timeout 120 "$chromium" "${flags[@]}" --screenshot="$images/$name.png" "file://$page" 2> /dev/null
  [ -s "$images/$name.png" ] || { echo "make-screenshots: no screenshot of $name" >&2; exit 1; }
  if command -v pngquant > /dev/null; then
    pngquant --force --skip-if-larger --quality 70-95 --output "$images/$name.png" "$images/$name.png" || true
  fi
  if command -v optipng > /dev/null; then optipng -quiet -o2 "$images/$name.png"; fi
  echo "make-screenshots: docs/images/$name.png ($(stat -c %s "$images/$name.png") bytes)"
done
