// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evaluation.h"
#include "evaluator.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <string>

namespace strata::core {

/// Which component to take out of a scenario.
struct Component {
    enum class Kind { Site, Link } kind = Kind::Site;
    size_t index = 0;
};

/// evaluate(), then, when the design has no errors, analyzeResilience(): the evaluation the CLI's
/// evaluate and resilience verbs, the report and the workbench's N − 1 view show.
Evaluation evaluateWithResilience(const Scenario& scenario, const Catalog& catalog, const EvaluationOptions& options = {});

/**
 * N − 1 analysis (MODEL.md §10) of every strategy in \a evaluation, which must be the evaluation
 * of \a scenario: for each site and link that carries or serves some inference traffic, take it
 * out (an Exclusion: no copy of the scenario), re-place, and record the capacity lost and the sources left without any service. A
 * component whose loss leaves a remaining source unserved is a single point of failure; under
 * centralized, losing the central site leaves every source unserved (no failover). Sites and
 * links that carry no traffic cannot change the placement and are skipped. Runs on \a threads
 * threads (0: one per hardware thread).
 */
void analyzeResilience(const Scenario& scenario, Evaluation& evaluation, const Catalog& catalog, int threads = 0);

/// The warning that names a single point of failure and the sources it cuts off (one wording for
/// the graph search of evaluate() and for analyzeResilience()).
Diagnostic singlePointOfFailureDiagnostic(Strategy strategy, const ComponentImpact& impact, const Scenario& scenario,
                                          const Catalog& catalog);

} // namespace strata::core
