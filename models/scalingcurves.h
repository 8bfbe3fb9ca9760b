// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sweepservice.h"

#include <QString>

namespace strata::models {

/// The scaling-curve presets of the Analyze menu (issue 6, part 3).
enum class ScalingCurve {
    OfferedLoad,  ///< inference: throughput and p95 latency from light load to past saturation
    Accelerators, ///< training: time and scaling efficiency against accelerators per training site
    Sites,        ///< training: time and scaling efficiency against how many cloud sites take part
};

/// A ready-made sweep for one curve: the request, the x axis, and a sentence saying what varies;
/// or, when the design cannot show the curve, an error saying why and what would.
struct ScalingPlan {
    ScalingCurve curve = ScalingCurve::OfferedLoad;
    SweepRequest request;
    QString title;
    QString axisLabel; ///< with its unit
    QString what;      ///< what the sweep changes, for the dialog and the report
    QString error;
};

/**
 * Plans \a curve for \a workload (empty: the design's first workload of the kind the curve
 * needs), from an evaluation of \a scenario as it is:
 * - OfferedLoad sweeps workloads.ID.offered_rps over 50 steps from 1/50 of 1.25 × the largest
 *   capacity of any strategy to that value, so every strategy's saturation point shows.
 * - Accelerators sets every training site's pool (the one with the most FLOP/s at the job's
 *   precision, at the sites any strategy trains on) to N accelerators, N = 1, 2, 4, … up to at
 *   least 4 × the largest such pool now.
 * - Sites keeps the accelerators of the k cloud sites with the most FLOP/s at the job's precision
 *   and sets the others' aside, k = 1 … all of them.
 */
ScalingPlan planScaling(const core::Scenario& scenario, ScalingCurve curve, const QString& workload = {});

} // namespace strata::models
