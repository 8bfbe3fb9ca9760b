// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluator.h"

#include "inferenceplan.h"
#include "metrics.h"
#include "model/validation.h"
#include "strategyrun.h"
#include "trainingmodel.h"

#include <set>

namespace strata::core {

using detail::Context;
using detail::StrategyRun;

namespace {

/// A design whose only errors are in some of its workloads: those are left out and the rest is
/// evaluated, so one bad workload does not blank the others. Any other error (a site, a link, a
/// model) stops the evaluation as before. \a found are the design's validation findings.
Evaluation evaluateValidWorkloads(const Scenario& scenario, const Catalog& catalog, const EvaluationOptions& options,
                                  Diagnostics found)
{
    Evaluation ev;
    std::set<std::string> bad;
    bool other = false;
    for (const Diagnostic& d : found) {
        if (d.severity != Severity::Error)
            continue;
        const std::string id = d.element.kind == ElementKind::Workload ? d.element.id : std::string();
        if (!id.empty() && scenario.findWorkload(id))
            bad.insert(id);
        else
            other = true;
    }
    if (other || bad.empty() || bad.size() == scenario.workloads.size()) {
        ev.diagnostics = std::move(found);
        return ev;
    }
    Scenario rest = scenario;
    std::erase_if(rest.workloads, [&](const Workload& w) { return bad.count(w.id) > 0; });
    const Diagnostics restFound = validateScenario(rest, catalog);
    if (hasErrors(restFound)) { // an error that only showed with the others
        ev.diagnostics = std::move(found);
        return ev;
    }
    ev = evaluate(rest, catalog, options);
    // The first findings of ev are the validation of rest: replace them by the design's own,
    // which hold the left-out workloads' errors too.
    const size_t restFindings = restFound.size();
    Diagnostics all = std::move(found);
    all.insert(all.end(), ev.diagnostics.begin() + static_cast<std::ptrdiff_t>(std::min(restFindings, ev.diagnostics.size())),
               ev.diagnostics.end());
    ev.diagnostics = std::move(all);
    for (const Workload& w : scenario.workloads)
        if (bad.count(w.id))
            ev.invalidWorkloads.push_back(w.id);
    return ev;
}

} // namespace

Evaluation evaluate(const Scenario& scenario, const Catalog& catalog, const EvaluationOptions& options)
{
    Evaluation ev;
    const bool excluding = options.exclude.site >= 0 || options.exclude.link >= 0;
    if (!excluding) {
        ev.diagnostics = validateScenario(scenario, catalog);
        if (hasErrors(ev.diagnostics))
            return evaluateValidWorkloads(scenario, catalog, options, std::move(ev.diagnostics));
    }
    Context cx(scenario, catalog, options.exclude);
    compileWorkloads(cx);
    for (Strategy s : kAllStrategies) {
        bool enabled = !scenario.strategiesGiven || scenario.strategies[s].enabled;
        if (!enabled || (options.only && *options.only != s))
            continue;
        StrategyRun run(cx, s, options.summaryOnly);
        if (options.singlePointsOfFailure)
            run.findSinglePointsOfFailureToo();
        if (options.trackInvolvement)
            run.trackInvolvement();
        StrategyResult result = run.run();
        if (!options.inferenceOnly)
            for (const Workload& w : scenario.workloads)
                evaluateTrainingWorkload(cx, s, scenario.strategies[s], w, result); // jobs; services are placed above
        ev.results.push_back(std::move(result));
    }
    ev.diagnostics.insert(ev.diagnostics.end(), cx.diagnostics.begin(), cx.diagnostics.end());
    const Diagnostics overflow = nonFiniteMetrics(ev); // never a NaN or an infinity in an output
    ev.diagnostics.insert(ev.diagnostics.end(), overflow.begin(), overflow.end());
    ev.assumptions = std::move(cx.assumptions);
    return ev;
}

} // namespace strata::core

