#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds and runs the engine benchmark (generated 100 / 1,000 / 10,000-site designs), one core.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh bench_engine bench_sweep bench_resilience bench_store bench_validate bench_gui
taskset -c 0 build/tests/bench/bench_engine "$@"
build/tests/bench/bench_sweep
build/tests/bench/bench_resilience
build/tests/bench/bench_store
taskset -c 0 build/tests/bench/bench_validate
taskset -c 0 build/tests/bench/bench_gui
