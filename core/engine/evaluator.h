// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evaluation.h"
#include "model/catalog.h"
#include "model/scenario.h"
#include "network.h"

#include <optional>

namespace strata::core {

struct EvaluationOptions {
    /// Evaluate only this strategy (it must be enabled in the scenario); all enabled when empty.
    std::optional<Strategy> only;
    /// Skip training and federated jobs (for N − 1 analysis, which re-places inference only).
    bool inferenceOnly = false;
    /// Compute only what N − 1 compares: placement, capacity, throughput and each source's
    /// service. Latencies, the placement list, compliance findings, pool and link loads and their
    /// diagnostics are left out.
    bool summaryOnly = false;
    /// Evaluate as if this site or link were gone (N − 1). The scenario is taken as already
    /// validated: validation is skipped.
    Exclusion exclude;
    /// Also find each strategy's single points of failure: the sites and links whose loss leaves
    /// some served source with no path to any site that can serve it (a graph property, found in
    /// linear time from the articulation points and bridges; docs/model.md §15). The capacity each
    /// component costs is left to analyzeResilience().
    bool singlePointsOfFailure = false;
    /// Record, per strategy, every site and link that any placement of the evaluation used (at
    /// the design's load and in the capacity search) and every candidate site: N − 1 needs to
    /// re-evaluate only those (and the network's cuts).
    bool trackInvolvement = false;
};

/**
 * Evaluates \a scenario under each enabled strategy (MODEL.md §3–§7, §9–§12 for inference).
 *
 * The scenario is validated first (validateScenario()); with errors, the evaluation holds them
 * and no results. Otherwise every inference workload is placed, in file order, by the strategy's
 * rule; then link and pool loads, latency (mean and p95 of the mixture over shares), capacity and
 * bottleneck, FLOP/s, power, energy, carbon, cost and data moved follow, each with diagnostics.
 *
 * Reentrant: concurrent calls on separate Scenario copies are safe. \a catalog is the built-in
 * catalog; the scenario's own accelerators are layered over it.
 */
Evaluation evaluate(const Scenario& scenario, const Catalog& catalog, const EvaluationOptions& options = {});

} // namespace strata::core
