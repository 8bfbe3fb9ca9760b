// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategyrun.h"

#include <algorithm>
#include <cmath>

namespace strata::core::detail {

StrategyRun::StrategyRun(Context& cx, Strategy strategy, bool summaryOnly)
    : cx_(cx)
    , summaryOnly_(summaryOnly)
    , strategy_(strategy)
    , policy_(placementPolicy(strategy))
    , settings_(cx.scenario.strategies[strategy])
    , rho_(cx.pools.size(), 0.0)
    , entries_(cx.pools.size())
    , shares_(cx.plans.size())
    , unserved_(cx.plans.size(), 0.0)
    , ownPool_(cx.pools.size(), 0.0)
    , ownLink_(2 * static_cast<size_t>(cx.network.linkCount()), 0.0)
    , poolTouched_(cx.pools.size(), 0)
    , linkTouched_(2 * static_cast<size_t>(cx.network.linkCount()), 0)
    , sourceSlot_(cx.sites.size(), 0)
    , capacity_(cx.plans.size())
    , shedRps_(cx.plans.size(), 0.0)
    , bottleneck_(cx.plans.size())
    , reachable_(cx.plans.size())
{
    result_.strategy = strategy;
    rhoTarget_ = settings_.rhoTarget.value_or(defaults::kRhoTarget);
    if (!policy_.oneCentralSite)
        result_.rhoTarget = rhoTarget_;
}

StrategyResult StrategyRun::run()
{
    if (policy_.oneCentralSite && !prepareCentral())
        return finishUnplaced();
    linkBase_.assign(2 * static_cast<size_t>(cx_.network.linkCount()), 0.0);
    groupOf_.assign(cx_.sites.size(), -1);
    for (size_t p = 0; p < cx_.plans.size(); ++p)
        admit(static_cast<int>(p));
    linkRho_ = linkBase_; // every workload admitted: the base is the whole link load
    computePools();
    for (size_t p = 0; p < cx_.plans.size(); ++p)
        result_.inference.push_back(summarize(static_cast<int>(p)));
    if (!summaryOnly_)
        reportLoads();
    if (findSpof_)
        findSinglePointsOfFailure();
    if (track_) {
        result_.involvedSites = std::move(involvedSites_);
        result_.involvedLinks = std::move(involvedLinks_);
    }
    return std::move(result_);
}

StrategyResult StrategyRun::finishUnplaced()
{
    for (size_t p = 0; p < cx_.plans.size(); ++p) {
        InferenceResult r;
        r.workload = cx_.plans[p].workload->id;
        for (const auto& src : cx_.plans[p].sources)
            r.offeredRps += src.rate;
        r.unservedRps = r.offeredRps;
        result_.inference.push_back(std::move(r));
    }
    return std::move(result_);
}

void StrategyRun::admit(int p)
{
    buildGroups(p);
    reachable_[p].resize(sourceGroup_.size());
    for (size_t k = 0; k < sourceGroup_.size(); ++k)
        reachable_[p][k] = sourceGroup_[k] >= 0;
    Capacity cap = findCapacity(p);
    double reachable = 0;
    for (const Group& g : groups_)
        reachable += g.demand;
    double scale = 1.0;
    if (cap.scale) {
        capacity_[p] = *cap.scale * reachable;
        scale = std::min(1.0, *cap.scale);
    }
    bottleneck_[p] = cap.bottleneck;
    shed_ = 0;
    placeWorkload(p, scale);
    shedRps_[p] = (1.0 - scale) * reachable + shed_;
    reportUnreachable(p);
    // Its link loads join the base that later workloads' capacities see.
    std::vector<int> used;
    ownLinkLoads(p, used);
    for (int d : used)
        linkBase_[d] += ownLink_[d];
    clearOwnLinks(used);
}

void StrategyRun::noteUnplaceable(int p, const WorkloadPlan::Source& src, const std::string& why)
{
    const WorkloadPlan& plan = cx_.plans[p];
    result_.diagnostics.push_back({Severity::Warning, ElementRef::site(src.id),
                                   "requests of \"" + plan.workload->id + "\" from \"" + src.id + "\" cannot be served under " +
                                       std::string(strategyName(strategy_)) + ": " + why +
                                       " (needs a pool with " + std::string(precisionName(plan.precision)) +
                                       " that can hold model \"" + plan.model->id + "\")"});
}

void StrategyRun::computePools()
{
    for (size_t p = 0; p < cx_.plans.size(); ++p) {
        const WorkloadPlan& plan = cx_.plans[p];
        for (const Share& s : shares_[p]) {
            const PoolFit& fit = plan.fits[s.pool];
            auto& list = entries_[s.pool];
            auto it = std::find_if(list.begin(), list.end(), [&](const PoolEntry& e) { return e.plan == static_cast<int>(p); });
            if (it == list.end())
                list.push_back({static_cast<int>(p), s.rate, fit.service.seconds, plan.cv2, fit.servers});
            else
                it->rate += s.rate;
        }
    }
    waits_.assign(cx_.pools.size(), QueueWait{});
    for (size_t g = 0; g < cx_.pools.size(); ++g) {
        const auto& list = entries_[g];
        if (list.empty())
            continue;
        // Load mixture (MODEL.md §6): S̄ = Σλ_i S_i / Λ, cv² from the second moment.
        double lambda = 0, work = 0, second = 0, rho = 0;
        for (const PoolEntry& e : list) {
            lambda += e.rate;
            work += e.rate * e.service;
            second += e.rate * e.service * e.service * (1 + e.cv2);
            rho += e.rate * e.service / e.servers;
        }
        rho_[g] = rho;
        if (rho >= kSaturated) {
            waits_[g].saturated = true;
            continue;
        }
        if (lambda <= 0)
            continue;
        double meanS = work / lambda;
        double cv2 = std::max(0.0, second / lambda / (meanS * meanS) - 1.0);
        double a = lambda * meanS;
        // Servers: equal to c·b when one workload uses the pool; with several, a/ρ rounded.
        long long n = list.size() == 1 ? static_cast<long long>(std::llround(list[0].servers))
                                       : std::max(1LL, static_cast<long long>(std::llround(a / rho)));
        if (static_cast<double>(n) <= a)
            n = static_cast<long long>(std::floor(a)) + 1;
        waits_[g] = allenCunneenWait(n, lambda, meanS, cv2);
    }
}

void StrategyRun::trackInvolvement()
{
    track_ = true;
    involvedSites_.assign(cx_.sites.size(), 0);
    involvedLinks_.assign(static_cast<size_t>(cx_.network.linkCount()), 0);
}

} // namespace strata::core::detail
