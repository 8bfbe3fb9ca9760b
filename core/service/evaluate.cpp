// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluate.h"

#include "io/catalogreader.h"

namespace strata::core {

Evaluation evaluate(const Scenario& scenario, const EvaluationOptions& options)
{
    return evaluate(scenario, builtinCatalog(), options);
}

Evaluation evaluateWithResilience(const Scenario& scenario, const EvaluationOptions& options)
{
    return evaluateWithResilience(scenario, builtinCatalog(), options);
}

} // namespace strata::core
