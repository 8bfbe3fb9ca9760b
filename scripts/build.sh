#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Strata in ./build (Ninja, ccache when present, warnings as errors).
# Every script uses the same configuration, so switching between them never rebuilds everything
# or leaves stale test binaries behind. Arguments: targets to build (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTRATA_BUILD_TESTS=ON -DSTRATA_WERROR=ON >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build --parallel "$(nproc)" "${targets[@]}" >&2  # progress on stderr: stdout stays the result
