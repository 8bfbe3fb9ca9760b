#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (the JSON reader, the project loader, the CSV and terminal
# writers) with clang in ./build-fuzz, replays the regression files, and fuzzes each target for
# SECONDS seconds (default 60: the CI smoke run). A longer run, e.g. one hour each:
#   scripts/fuzz.sh 3600
# A crash leaves its input as crash-* in build-fuzz/<target>/: copy it to tests/fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/setup.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSTRATA_BUILD_TESTS=OFF -DSTRATA_WERROR=OFF -DSTRATA_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target fuzz_scenariojson fuzz_projectstore fuzz_textout >&2
export ASAN_OPTIONS=detect_leaks=1
run() {
  local target=$1; shift
  mkdir -p "build-fuzz/$target/corpus"
  cp "$@" "build-fuzz/$target/corpus/" 2>/dev/null || true
  local regressions=(tests/fuzz/regressions/"$target"-*)
  if [ -e "${regressions[0]}" ]; then
    "build-fuzz/tests/fuzz/$target" "${regressions[@]}"
  fi
  (cd "build-fuzz/$target" && "../tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 corpus)
}
run fuzz_scenariojson resources/examples/*.json tests/data/conformance/c*.json
mkdir -p build-fuzz/seeds
for f in resources/examples/*.json; do build/app/strata-cli convert "$f" "build-fuzz/seeds/$(basename "$f" .json).strata" 2>/dev/null || true; done
run fuzz_projectstore tests/data/fixtures/v*.strata build-fuzz/seeds/*.strata
mkdir -p build-fuzz/seeds/text
printf '=HYPERLINK("x")' > build-fuzz/seeds/text/formula
printf 'a,"b"\r\nc' > build-fuzz/seeds/text/quotes
printf 'name\033[31m\xc2\x9b2J' > build-fuzz/seeds/text/escapes
run fuzz_textout build-fuzz/seeds/text/*
echo "fuzzing: no crash in ${seconds} s per target"
