// SPDX-License-Identifier: GPL-3.0-or-later
#include "resilience.h"

#include "evaluator.h"
#include "network.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace strata::core {

namespace {

/// The components whose loss can change a strategy's placement or capacity: the sites and links
/// that some placement of its evaluation used (at the design's load or in the capacity search),
/// its candidate sites (\a involved: an evaluation with trackInvolvement), and the network's
/// articulation points and bridges, which can split a service's candidates from its sources.
/// Any other component lies on no path the placement took, and removing it only lengthens paths
/// the placement did not take, so every placement, and with it the capacity, stays the same.
std::vector<Component> relevantComponents(const StrategyResult& involved, const std::vector<uint8_t>& cutSite,
                                          const std::vector<uint8_t>& bridge)
{
    std::vector<Component> out;
    for (size_t l = 0; l < bridge.size(); ++l)
        if (bridge[l] || (l < involved.involvedLinks.size() && involved.involvedLinks[l]))
            out.push_back({Component::Kind::Link, l});
    for (size_t s = 0; s < cutSite.size(); ++s)
        if (cutSite[s] || (s < involved.involvedSites.size() && involved.involvedSites[s]))
            out.push_back({Component::Kind::Site, s});
    return out;
}

ComponentImpact compare(const Scenario& sc, Component c, const StrategyResult& before, const StrategyResult& after)
{
    ComponentImpact impact;
    impact.component = c.kind == Component::Kind::Site ? ElementRef::site(sc.sites[c.index].id) : ElementRef::link(sc.links[c.index].id);
    const std::string removedSite = c.kind == Component::Kind::Site ? sc.sites[c.index].id : std::string();
    for (const InferenceResult& b : before.inference) {
        const InferenceResult* a = nullptr;
        for (const InferenceResult& x : after.inference)
            if (x.workload == b.workload)
                a = &x;
        const double capBefore = b.capacityRps.value_or(0.0);
        const double capAfter = a ? a->capacityRps.value_or(0.0) : 0.0;
        impact.capacityLostRps += std::max(0.0, capBefore - capAfter);
        std::unordered_map<std::string_view, bool> reachableAfter;
        if (a)
            for (const SourceService& t : a->sources)
                reachableAfter.emplace(t.source, t.reachable);
        for (const SourceService& s : b.sources) {
            if (s.source == removedSite || s.demandRps <= 0 || !s.reachable)
                continue; // gone with the component, no demand, or no service before
            // Left with no path to a site that can serve it (docs/model.md §15): being turned
            // away past capacity is a loss of capacity, not of service.
            auto it = reachableAfter.find(s.source);
            if (it == reachableAfter.end() || !it->second)
                impact.unservedSources.push_back({b.workload, s.source});
        }
    }
    impact.singlePointOfFailure = !impact.unservedSources.empty();
    return impact;
}

} // namespace

Diagnostic singlePointOfFailureDiagnostic(Strategy strategy, const ComponentImpact& impact, const Scenario& scenario,
                                          const Catalog& catalog)
{
    const auto& cut = impact.unservedSources;
    const std::string first = cut.empty() ? std::string()
                                          : displayName(ElementRef::workload(cut.front().workload), scenario, catalog) + " from " +
                                                displayName(ElementRef::site(cut.front().source), scenario, catalog);
    return {Severity::Warning, impact.component,
            "single point of failure under " + std::string(strategyName(strategy)) + ": losing it leaves " +
                std::to_string(cut.size()) + " source(s) without service (" + first + (cut.size() > 1 ? ", …" : "") +
                "); add a redundant link or site"};
}

Evaluation evaluateWithResilience(const Scenario& scenario, const Catalog& catalog, const EvaluationOptions& options)
{
    Evaluation ev = evaluate(scenario, catalog, options);
    if (ev.ok())
        analyzeResilience(scenario, ev, catalog);
    return ev;
}

void analyzeResilience(const Scenario& scenario, Evaluation& ev, const Catalog& catalog, int threads)
{
    struct Job {
        size_t strategy;
        Component component;
    };
    std::vector<Job> jobs;
    EvaluationOptions track;
    track.inferenceOnly = true;
    track.summaryOnly = true;
    track.trackInvolvement = true;
    const Evaluation involved = evaluate(scenario, catalog, track);
    std::vector<uint8_t> cutSite, bridge;
    findCuts(Network(scenario), cutSite, bridge);
    for (size_t s = 0; s < ev.results.size(); ++s) {
        const StrategyResult* mine = nullptr;
        for (const StrategyResult& r : involved.results)
            if (r.strategy == ev.results[s].strategy)
                mine = &r;
        if (!mine)
            continue;
        for (Component c : relevantComponents(*mine, cutSite, bridge))
            jobs.push_back({s, c});
    }
    std::vector<ComponentImpact> impacts(jobs.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t j; (j = next.fetch_add(1)) < jobs.size();) {
            const Job& job = jobs[j];
            const StrategyResult& before = ev.results[job.strategy];
            EvaluationOptions options;
            options.only = before.strategy;
            options.inferenceOnly = true;
            options.summaryOnly = true;
            StrategyResult empty;
            empty.strategy = before.strategy;
            // A centralized deployment lives at its central site: losing it is an outage, not a
            // move to another region (that would be a different design).
            const bool centralLost = before.strategy == Strategy::Centralized &&
                                     job.component.kind == Component::Kind::Site &&
                                     scenario.sites[job.component.index].id == before.centralSite;
            if (centralLost) {
                impacts[j] = compare(scenario, job.component, before, empty);
                continue;
            }
            const int index = static_cast<int>(job.component.index);
            if (job.component.kind == Component::Kind::Site)
                options.exclude.site = index;
            else
                options.exclude.link = index;
            Evaluation after = evaluate(scenario, catalog, options);
            impacts[j] = compare(scenario, job.component, before, after.results.empty() ? empty : after.results[0]);
        }
    };
    int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
    n = std::clamp(n, 1, std::max(1, static_cast<int>(jobs.size())));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool)
        t.join();

    for (StrategyResult& sr : ev.results) {
        sr.resilience.clear();
        sr.singlePointsOfFailure.clear();
        sr.resilienceAnalyzed = true;
    }
    for (size_t j = 0; j < jobs.size(); ++j) {
        ComponentImpact& impact = impacts[j];
        if (impact.capacityLostRps <= 0 && !impact.singlePointOfFailure)
            continue;
        StrategyResult& sr = ev.results[jobs[j].strategy];
        if (impact.singlePointOfFailure) {
            sr.singlePointsOfFailure.push_back(impact.component);
            sr.diagnostics.push_back(singlePointOfFailureDiagnostic(sr.strategy, impact, scenario, catalog));
        }
        sr.resilience.push_back(std::move(impact));
    }
}

} // namespace strata::core
