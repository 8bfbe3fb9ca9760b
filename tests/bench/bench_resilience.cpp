// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of the N − 1 analysis (issue 3): a generated 1,000-site design, all three strategies,
// on every core. Goal: under 2 s (issue 3); the 10,000-site table under 10 s (issue 12).
// Usage: bench_resilience [SITES [RUNS]]

#include "service/evaluate.h"
#include "engine/resilience.h"
#include "io/catalogreader.h"
#include "topologygenerator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace strata;

int main(int argc, char** argv)
{
    const int sites = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    core::Scenario sc = bench::generateTopology(sites);
    core::builtinCatalog();
    core::EvaluationOptions options;
    options.inferenceOnly = true;
    for (int run = 0; run < runs; ++run) {
        auto t0 = std::chrono::steady_clock::now();
        core::Evaluation ev = core::evaluate(sc, options);
        core::analyzeResilience(sc, ev, core::builtinCatalog());
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        size_t impacts = 0, spofs = 0;
        for (const auto& r : ev.results) {
            impacts += r.resilience.size();
            spofs += r.singlePointsOfFailure.size();
        }
        std::printf("%d sites, %zu links: N-1 over 3 strategies in %.2f s (%zu components with an impact, %zu single points of failure)\n",
                    sites, sc.links.size(), s, impacts, spofs);
    }
    return 0;
}
