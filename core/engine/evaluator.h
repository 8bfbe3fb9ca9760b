// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evaluation.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>

namespace strata::core {

struct EvaluationOptions {
    /// Evaluate only this strategy (it must be enabled in the scenario); all enabled when empty.
    std::optional<Strategy> only;
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

/// evaluate() against the built-in catalog.
Evaluation evaluate(const Scenario& scenario, const EvaluationOptions& options = {});

} // namespace strata::core
