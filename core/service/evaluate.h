// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The engine bound to the built-in catalog. engine/ takes a catalog and reads no file; io/ reads
// the catalog compiled into the program; this layer, above both, joins them for the callers that
// evaluate a design as it is (the CLI, the workbench's models, tests and benchmarks).

#include "engine/evaluator.h"
#include "engine/resilience.h"

namespace strata::core {

/// evaluate() against the built-in catalog (the scenario's own accelerators layered over it).
Evaluation evaluate(const Scenario& scenario, const EvaluationOptions& options = {});

/// evaluateWithResilience() against the built-in catalog.
Evaluation evaluateWithResilience(const Scenario& scenario, const EvaluationOptions& options = {});

} // namespace strata::core
