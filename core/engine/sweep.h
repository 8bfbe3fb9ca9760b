// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evaluation.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace strata::core {

/// A parameter sweep: PATH (see setScenarioValue()) from \a from to \a to in \a steps points.
struct SweepOptions {
    std::string path;
    double from = 0;
    double to = 0;
    int steps = 2;           ///< points, both ends included; 1 evaluates \a from only
    bool logarithmic = false;///< geometric spacing (from and to must be positive)
    int threads = 0;         ///< 0: one per hardware thread
    const std::atomic<bool>* cancel = nullptr;       ///< set to stop early; the steps that ran are kept
    std::function<void(int done, int total)> progress; ///< called from worker threads
    /// Sets the value on each step's copy instead of \a path (which then only names the
    /// parameter in messages), for changes that are not one field, such as how many sites take
    /// part. Returns an error as setScenarioValue() does; called from worker threads.
    std::function<std::string(Scenario&, double&)> setter;
};

struct SweepStep;
/// Receives each step as it finishes (in any order, one call at a time) instead of keeping them
/// all: for long sweeps that only need a summary of each step.
using SweepSink = std::function<void(SweepStep&&)>;

/// One point of a sweep: the value actually set (whole-number fields are rounded) and its evaluation.
struct SweepStep {
    int step = 0;
    double value = 0;
    Evaluation evaluation;
};

/// Result of a sweep: every step in order, or an error naming the step (and nothing else).
struct SweepResult {
    std::vector<SweepStep> steps;
    std::string error;
    bool badPath = false; ///< the error is the path itself (nothing was evaluated)
    bool cancelled = false;

    bool ok() const { return error.empty() && !cancelled; }
};

/// The values of a sweep: linear or geometric from \a from to \a to, both included.
std::vector<double> sweepValues(double from, double to, int steps, bool logarithmic);

/**
 * Evaluates \a base once per value of the sweep, each on its own copy, in parallel (the engine is
 * reentrant on separate Scenario copies). A path that does not resolve fails before any work; a
 * value that makes the scenario invalid fails the sweep with an error naming the first such step,
 * its value and the problem, and no steps. With \a sink, valid steps go there and none are kept.
 */
SweepResult runSweep(const Scenario& base, const SweepOptions& options, const Catalog& catalog,
                     const SweepSink& sink = {});

} // namespace strata::core
