// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of core::evaluate() on generated topologies: all three strategies, with what
// strata-cli evaluate computes (placement, the load-independent capacity and the single points
// of failure, issue 12). Goals of issue 12 on one core: 1,000 sites ≤ 10 ms, 10,000 sites ≤ 150 ms.

#include "topologygenerator.h"

#include "service/evaluate.h"
#include "io/catalogreader.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace strata;

namespace {
long rssKib()
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return 0;
}
} // namespace

int main(int argc, char** argv)
{
    std::vector<int> sizes = {100, 1000, 10000};
    if (argc > 1) {
        sizes.clear();
        for (int i = 1; i < argc; ++i)
            sizes.push_back(std::atoi(argv[i]));
    }
    core::builtinCatalog(); // parse once, outside the timing
    std::printf("%8s %8s %10s %12s %12s %12s %10s\n", "sites", "links", "shares", "median ms", "min ms",
                "max ms", "RSS MiB");
    for (int n : sizes) {
        core::Scenario sc = bench::generateTopology(n);
        long before = rssKib();
        core::EvaluationOptions options;
        options.singlePointsOfFailure = true; // as strata-cli evaluate
        core::Evaluation warm = core::evaluate(sc, options);
        size_t shares = 0;
        for (const auto& r : warm.results)
            for (const auto& w : r.inference)
                shares += w.placement.size();
        long during = rssKib();
        const int reps = n <= 1000 ? 50 : 7;
        std::vector<double> ms;
        for (int i = 0; i < reps; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            core::Evaluation ev = core::evaluate(sc, options);
            auto t1 = std::chrono::steady_clock::now();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            if (ev.results.size() != 3)
                return 1;
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%8d %8zu %10zu %12.3f %12.3f %12.3f %10.1f\n", n, sc.links.size(), shares, ms[ms.size() / 2],
                    ms.front(), ms.back(), std::max(0L, during - before) / 1024.0);
    }
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak RSS of the process: %.1f MiB\n", ru.ru_maxrss / 1024.0);
    return 0;
}
