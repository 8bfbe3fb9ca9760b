#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates docs/validation.md from tests/data/validation (published runs vs Strata's estimate).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh validation_report
build/tests/validation/validation_report tests/data/validation --output docs/validation.md
echo "docs/validation.md written"
