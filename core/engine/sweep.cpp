// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweep.h"

#include "evaluator.h"
#include "model/scenariopath.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <thread>

namespace strata::core {

std::vector<double> sweepValues(double from, double to, int steps, bool logarithmic)
{
    std::vector<double> values;
    if (steps < 1)
        return values;
    values.reserve(static_cast<size_t>(steps));
    for (int i = 0; i < steps; ++i) {
        const double t = steps == 1 ? 0.0 : static_cast<double>(i) / (steps - 1);
        values.push_back(logarithmic ? from * std::pow(to / from, t) : from + (to - from) * t);
    }
    if (steps > 1)
        values.back() = to; // exactly the end the user asked for
    return values;
}

SweepResult runSweep(const Scenario& base, const SweepOptions& options, const Catalog& catalog, const SweepSink& sink)
{
    SweepResult result;
    const std::vector<double> values = sweepValues(options.from, options.to, options.steps, options.logarithmic);
    if (values.empty()) {
        result.error = "a sweep needs at least one step";
        return result;
    }
    auto set = [&options](Scenario& sc, double& v) {
        return options.setter ? options.setter(sc, v) : setScenarioValue(sc, options.path, v);
    };
    // Resolve the path once before any work, so a typo fails at once.
    {
        Scenario probe = base;
        double v = values.front();
        if (std::string error = set(probe, v); !error.empty()) {
            result.error = error;
            result.badPath = true;
            return result;
        }
    }
    const int total = static_cast<int>(values.size());
    if (!sink)
        result.steps.resize(values.size());
    std::mutex sinkMutex;
    std::vector<std::string> errors(values.size());
    std::vector<char> ran(values.size(), 0);
    std::atomic<int> next{0}, done{0};
    // A step that fails fails the sweep: no step is claimed after it. The steps claimed before
    // it (every lower index) still finish, so the first failing step is the one reported.
    std::atomic<bool> failed{false};

    auto worker = [&] {
        // A path to a field sets that one value whatever it was, so a worker copies the design
        // once and each step overwrites the value (copying it for every step was a tenth of a
        // 20-site step). offered_rps rescales the rates it finds and a custom setter may build on
        // what it finds too: those start from a fresh copy.
        const bool overwrite = !options.setter && !options.path.ends_with(".offered_rps");
        Scenario sc = base;
        for (int i; (i = next.fetch_add(1)) < total;) {
            if ((options.cancel && options.cancel->load()) || failed.load())
                return;
            if (!overwrite)
                sc = base;
            SweepStep step;
            step.step = i;
            step.value = values[static_cast<size_t>(i)];
            if (std::string error = set(sc, step.value); !error.empty()) {
                errors[static_cast<size_t>(i)] = "step " + std::to_string(i) + ": " + error;
                step.evaluation.diagnostics.push_back({Severity::Error, pathElement(sc, options.path), error});
            } else {
                step.evaluation = evaluate(sc, catalog);
            }
            if (!step.evaluation.ok() && errors[static_cast<size_t>(i)].empty()) {
                std::string what;
                for (const Diagnostic& d : step.evaluation.diagnostics)
                    if (d.severity == Severity::Error)
                        what += (what.empty() ? "" : "; ") + displayName(d.element, sc, catalog) + ": " + d.message;
                char value[64];
                std::snprintf(value, sizeof value, "%.10g", step.value);
                errors[static_cast<size_t>(i)] = "step " + std::to_string(i) + " (" + options.path + " = " + value +
                                                 ") makes the scenario invalid: " + what;
            }
            if (!errors[static_cast<size_t>(i)].empty())
                failed = true;
            ran[static_cast<size_t>(i)] = 1;
            if (sink && step.evaluation.ok()) {
                std::lock_guard<std::mutex> lock(sinkMutex);
                sink(std::move(step));
            } else if (!sink) {
                result.steps[static_cast<size_t>(i)] = std::move(step);
            }
            int n = done.fetch_add(1) + 1;
            if (options.progress)
                options.progress(n, total);
        }
    };
    int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, total);
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool)
        t.join();

    for (const std::string& e : errors)
        if (!e.empty()) {
            result.error = e; // the first failing step
            result.steps.clear();
            return result;
        }
    if (done.load() < total) { // cancelled: keep the steps that ran, in order
        result.cancelled = true;
        std::vector<SweepStep> kept;
        for (size_t i = 0; i < result.steps.size(); ++i)
            if (ran[i])
                kept.push_back(std::move(result.steps[i]));
        result.steps = std::move(kept);
    }
    return result;
}

} // namespace strata::core
