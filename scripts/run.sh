#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Strata's main job: install what is missing, build, then
#  - with a display: open the workbench on the example library (or on FILE);
#  - without one: evaluate an example headless, print the comparison of the centralized,
#    distributed and hybrid deployments, and write its PDF report.
# Usage: scripts/run.sh [FILE.strata|FILE.json]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  scripts/build.sh strata
  exec build/app/strata "$@"
fi
scripts/build.sh strata-cli
scenario="${1:-resources/examples/dcc-paper-comparison.json}"
echo "No display: evaluating $scenario headless (run on a desktop to open the workbench)." >&2
build/app/strata-cli evaluate "$scenario"
report="build/$(basename "${scenario%.*}")-report.pdf"
build/app/strata-cli report "$scenario" --output "$report"
echo "The PDF report is $report." >&2
