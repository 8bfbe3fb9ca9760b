#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Strata's main job: install what is missing, build, then evaluate a bundled example and print
# the comparison of the centralized, distributed and hybrid deployments.
# Usage: scripts/run.sh [SCENARIO.json]   (default: the DCC paper comparison example)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh strata-cli
scenario="${1:-resources/examples/dcc-paper-comparison.json}"
exec build/app/strata-cli evaluate "$scenario"
