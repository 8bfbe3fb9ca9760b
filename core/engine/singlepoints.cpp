// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategyrun.h"

#include "resilience.h"

#include <algorithm>

namespace strata::core::detail {

void StrategyRun::findSinglePointsOfFailure()
{
    const Scenario& sc = cx_.scenario;
    const Network& net = cx_.network;
    const int n = net.siteCount(), links = net.linkCount(), t = n;
    std::vector<std::vector<SourceOfWorkload>> siteCuts(static_cast<size_t>(n)), linkCuts(static_cast<size_t>(links));
    std::vector<int> disc, low, tout, count, preorder, sourceOf(static_cast<size_t>(n), -1);
    std::vector<uint8_t> candidate(static_cast<size_t>(n), 0);
    std::vector<int> candidates;
    struct Frame {
        int v;
        int parentEdge;
        size_t next;
    };
    std::vector<Frame> stack;
    struct Cut {
        bool site;
        int index;
        int child;
    };
    std::vector<Cut> cuts;
    for (size_t p = 0; p < cx_.plans.size(); ++p) {
        const WorkloadPlan& plan = cx_.plans[p];
        buildGroups(static_cast<int>(p));
        candidates.clear();
        for (const Group& g : groups_)
            candidates.insert(candidates.end(), g.candidates.begin(), g.candidates.end());
        bool any = false;
        for (size_t k = 0; k < plan.sources.size(); ++k)
            if (sourceGroup_[k] >= 0 && plan.sources[k].rate > 0) {
                sourceOf[plan.sources[k].site] = static_cast<int>(k);
                any = true;
            }
        if (any && !candidates.empty()) {
            for (int c : candidates)
                candidate[c] = 1;
            // Neighbour i of v: the real links first, then (a candidate) the virtual edge to t,
            // numbered links + v so that no real link shares its id.
            auto degree = [&](int v) {
                return v == t ? candidates.size() : net.edges(v).size() + candidate[v];
            };
            auto neighbour = [&](int v, size_t i) -> std::pair<int, int> {
                if (v == t)
                    return {candidates[i], links + candidates[i]};
                const auto& e = net.edges(v);
                if (i < e.size())
                    return {e[i].to, e[i].directedLink / 2};
                return {t, links + v};
            };
            disc.assign(static_cast<size_t>(n) + 1, -1);
            low.assign(static_cast<size_t>(n) + 1, 0);
            tout.assign(static_cast<size_t>(n) + 1, 0);
            count.assign(static_cast<size_t>(n) + 1, 0);
            preorder.clear();
            cuts.clear();
            int timer = 0;
            auto discover = [&](int v, int edge) {
                disc[v] = low[v] = timer++;
                preorder.push_back(v);
                count[v] = v < n && sourceOf[v] >= 0 ? 1 : 0;
                stack.push_back({v, edge, 0});
            };
            discover(t, -1);
            while (!stack.empty()) {
                Frame& f = stack.back();
                if (f.next < degree(f.v)) {
                    auto [to, edge] = neighbour(f.v, f.next++);
                    if (edge == f.parentEdge)
                        continue;
                    if (disc[to] < 0)
                        discover(to, edge);
                    else
                        low[f.v] = std::min(low[f.v], disc[to]);
                    continue;
                }
                const int v = f.v, edge = f.parentEdge;
                tout[v] = timer;
                stack.pop_back();
                if (stack.empty())
                    break;
                const int u = stack.back().v;
                low[u] = std::min(low[u], low[v]);
                if (count[v] > 0) {
                    if (u != t && low[v] >= disc[u])
                        cuts.push_back({true, u, v});
                    if (edge < links && low[v] > disc[u])
                        cuts.push_back({false, edge, v});
                }
                count[u] += count[v];
            }
            // The sources each cut leaves without service, in the workload's source order.
            std::vector<int> cut;
            for (const Cut& c : cuts) {
                cut.clear();
                for (int i = disc[c.child]; i < tout[c.child]; ++i) {
                    const int v = preorder[static_cast<size_t>(i)];
                    if (v < n && sourceOf[v] >= 0)
                        cut.push_back(sourceOf[v]);
                }
                std::sort(cut.begin(), cut.end());
                auto& list = c.site ? siteCuts[static_cast<size_t>(c.index)] : linkCuts[static_cast<size_t>(c.index)];
                for (int k : cut)
                    list.push_back({plan.workload->id, plan.sources[static_cast<size_t>(k)].id});
            }
            for (int c : candidates)
                candidate[c] = 0;
        }
        for (const WorkloadPlan::Source& src : plan.sources)
            sourceOf[src.site] = -1;
    }
    auto report = [&](const ElementRef& component, std::vector<SourceOfWorkload>& unserved) {
        if (unserved.empty())
            return;
        ComponentImpact impact;
        impact.component = component;
        impact.capacityLossKnown = false;
        impact.singlePointOfFailure = true;
        impact.unservedSources = std::move(unserved);
        result_.singlePointsOfFailure.push_back(component);
        result_.diagnostics.push_back(singlePointOfFailureDiagnostic(strategy_, impact, cx_.scenario, cx_.builtin));
        result_.resilience.push_back(std::move(impact));
    };
    for (int l = 0; l < links; ++l)
        report(ElementRef::link(sc.links[static_cast<size_t>(l)].id), linkCuts[static_cast<size_t>(l)]);
    for (int v = 0; v < n; ++v)
        report(ElementRef::site(sc.sites[static_cast<size_t>(v)].id), siteCuts[static_cast<size_t>(v)]);
    result_.resilienceAnalyzed = true;
}

} // namespace strata::core::detail
