#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the workbench under Xvfb on the examples (welcome page, designs, charts, sweeps, scaling
# curves, the dark theme) and saves screenshots to
# docs/screenshots/. A fresh settings directory keeps the user's window layout out of them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh strata-screenshots strata-cli
out=docs/screenshots
mkdir -p "$out"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
shoot() { # shoot PNG [FILE]
  XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home" \
    xvfb-run -a -s "-screen 0 1920x1080x24 -dpi 96" build/tests/strata-screenshots "$1" --size 1920x1080 "${@:2}"
  echo "wrote $1"
}
shoot "$out/welcome.png"
shoot "$out/workbench-dcc-paper.png" resources/examples/dcc-paper-comparison.json
shoot "$out/workbench-healthcare-federated.png" resources/examples/healthcare-federated.json
shoot "$out/charts-dcc-paper.png" resources/examples/dcc-paper-comparison.json --charts
shoot "$out/charts-llm-pretraining.png" resources/examples/llm-pretraining-regions.json --charts
shoot "$out/sweep-dcc-paper.png" resources/examples/dcc-paper-comparison.json --sweep links.ran-nyc.bandwidth_gbps
shoot "$out/curve-offered-load-retail.png" resources/examples/retail-recommendations.json --curve offered-load
shoot "$out/curve-accelerators-llm-pretraining.png" resources/examples/llm-pretraining-regions.json --curve accelerators
shoot "$out/curve-sites-llm-pretraining.png" resources/examples/llm-pretraining-regions.json --curve sites
shoot "$out/charts-dcc-paper-dark.png" resources/examples/dcc-paper-comparison.json --charts --theme dark
shoot "$out/report-preview-llm-pretraining.png" resources/examples/llm-pretraining-regions.json --report
# Every page of the DCC example's PDF report.
rm -rf "$out/report-dcc-paper" && mkdir -p "$out/report-dcc-paper"
XDG_CONFIG_HOME="$home/config" build/app/strata-cli report resources/examples/dcc-paper-comparison.json \
  --output "$home/report.pdf" --author "Strata examples"
pdftoppm -r 60 -png "$home/report.pdf" "$out/report-dcc-paper/page"
echo "wrote $out/report-dcc-paper/ ($(ls "$out/report-dcc-paper" | wc -l) pages)"
