// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of sweeps (issue 3): evaluations per second of a 20-site scenario with one inference
// and one training workload, on every core of this machine. Goal: at least 50,000 per second.

#include "engine/sweep.h"
#include "io/catalogreader.h"
#include "topologygenerator.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace strata;

int main(int argc, char** argv)
{
    core::Scenario sc = bench::generateTopology(20);
    sc.workloads.resize(1); // the vision service
    core::Workload train;
    train.id = "pretrain";
    train.model = "llm7b";
    train.precision = core::Precision::BF16;
    core::TrainingSpec t;
    t.tokens = 1e11;
    t.seqLen = 4096;
    t.globalBatchTokens = 4e6;
    t.syncIntervalSteps = 4;
    train.spec = t;
    sc.workloads.push_back(train);
    core::builtinCatalog();

    core::SweepOptions o;
    o.path = "workloads.perception.sources.0.rate_per_device";
    o.from = 0.01;
    o.to = 1;
    o.steps = argc > 1 ? std::atoi(argv[1]) : 100'000;
    for (int threads : {1, static_cast<int>(std::thread::hardware_concurrency())}) {
        o.threads = threads;
        auto t0 = std::chrono::steady_clock::now();
        // Each step is checked and dropped as it finishes, as a GUI sweep keeps only chart points.
        std::atomic<long> points{0};
        core::SweepResult r = core::runSweep(sc, o, core::builtinCatalog(), [&](core::SweepStep&& step) {
            if (!step.evaluation.results.empty() && step.evaluation.results[0].inference[0].capacityRps)
                ++points;
        });
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!r.ok()) {
            std::printf("sweep failed: %s\n", r.error.c_str());
            return 1;
        }
        std::printf("%d thread(s): %d evaluations (3 strategies each) in %.2f s = %.0f per second (%ld points)\n",
                    threads, o.steps, s, o.steps / s, points.load());
    }
    return 0;
}
