// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategyrun.h"

#include "evaluator.h"

#include <algorithm>

namespace strata::core::detail {

bool StrategyRun::prepareCentral()
{
    central_ = cx_.centralSite(settings_);
    if (central_ < 0) {
        result_.diagnostics.push_back({Severity::Warning, ElementRef::strategy("centralized"),
                                       "no cloud site has fp16/bf16 accelerators to centralize on; set strategies.centralized.site or add such a pool"});
        return false;
    }
    result_.centralSite = cx_.scenario.sites[central_].id;
    if (!settings_.site)
        cx_.assume(ElementRef::strategy("centralized"), "site", 0.0,
                   "central site " + result_.centralSite + ": the cloud site with the most fp16/bf16 FLOP/s");
    // One search from the central site gives every source's path to it.
    centralTree_ = cx_.nearestOf({central_});
    return true;
}

std::span<const int> StrategyRun::pathOf(const Share& s) const
{
    return std::span<const int>(paths_).subspan(static_cast<size_t>(s.pathBegin),
                                                 static_cast<size_t>(s.pathEnd - s.pathBegin));
}

void StrategyRun::addShare(int planIndex, const WorkloadPlan::Source& src, double totalRate, const Candidate& c, double rate,
              PlacementReason reason, double level)
{
    const int site = c.site;
    const WorkloadPlan& plan = cx_.plans[planIndex];
    int g = plan.bestPool[site];
    const PoolFit& fit = plan.fits[g];
    rho_[g] += rate * fit.service.seconds / fit.servers;
    Share s;
    s.source = src.site;
    s.site = site;
    s.pool = g;
    s.rate = rate;
    s.share = totalRate > 0 ? rate / totalRate : 1.0;
    s.pathBegin = static_cast<int>(paths_.size());
    if (c.tree)
        c.tree->appendPath(src.site, paths_);
    else
        c.open->appendPath(src.site, paths_);
    s.pathEnd = static_cast<int>(paths_.size());
    if (track_) {
        involvedSites_[static_cast<size_t>(site)] = involvedSites_[static_cast<size_t>(src.site)] = 1;
        for (int i = s.pathBegin; i < s.pathEnd; ++i) {
            const int dl = paths_[static_cast<size_t>(i)];
            involvedLinks_[static_cast<size_t>(dl / 2)] = 1;
            involvedSites_[static_cast<size_t>(cx_.network.linkTo(dl))] = 1;
        }
    }
    s.pathLatency = c.latency;
    s.hops = c.hops;
    s.reason = reason;
    s.utilizationAfter = rho_[g];
    s.level = level;
    shares_[planIndex].push_back(std::move(s));
}

double StrategyRun::room(const WorkloadPlan& plan, int site, double level) const
{
    int g = plan.bestPool[site];
    const PoolFit& fit = plan.fits[g];
    return std::max(0.0, (level - rho_[g]) * fit.servers / fit.service.seconds);
}

double StrategyRun::groupRoom(const WorkloadPlan& plan, const Group& group, double level) const
{
    double sum = 0;
    for (int site : group.candidates)
        sum += room(plan, site, level);
    return sum;
}

void StrategyRun::buildGroups(int p)
{
    const WorkloadPlan& plan = cx_.plans[p];
    for (int c : groupComponents_)
        groupOf_[c] = -1;
    groupComponents_.clear();
    groups_.clear();
    auto add = [&](int site) {
        int c = cx_.component[site];
        if (groupOf_[c] < 0) {
            groupOf_[c] = static_cast<int>(groups_.size());
            groups_.push_back({});
            groupComponents_.push_back(c);
        }
        groups_[groupOf_[c]].candidates.push_back(site);
    };
    if (policy_.oneCentralSite) {
        if (plan.bestPool[central_] >= 0)
            add(central_);
    } else {
        if (policy_.edgeFirst)
            for (int site : plan.edgeCandidates)
                add(site);
        for (int site : plan.cloudCandidates)
            add(site);
    }
    if (track_)
        for (const Group& g : groups_)
            for (int site : g.candidates)
                involvedSites_[static_cast<size_t>(site)] = 1;
    sourceGroup_.assign(plan.sources.size(), -1);
    for (size_t k = 0; k < plan.sources.size(); ++k) {
        int g = groupOf_[cx_.component[plan.sources[k].site]];
        sourceGroup_[k] = g;
        if (g >= 0)
            groups_[g].demand += plan.sources[k].rate;
    }
}

double StrategyRun::levelFor(const WorkloadPlan& plan, const Group& group, double need) const
{
    if (groupRoom(plan, group, rhoTarget_) >= need)
        return rhoTarget_;
    std::vector<std::pair<double, double>> points; // (ρ_c, μ_c = n/S), by ρ_c
    points.reserve(group.candidates.size());
    for (int site : group.candidates) {
        int g = plan.bestPool[site];
        if (rho_[g] < 1.0)
            points.push_back({rho_[g], plan.fits[g].servers / plan.fits[g].service.seconds});
    }
    std::sort(points.begin(), points.end());
    // R(L) is piecewise linear and increasing; between breakpoints R(L) = M·L − Σμρ.
    double m = 0, mr = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        m += points[i].second;
        mr += points[i].second * points[i].first;
        double next = i + 1 < points.size() ? std::min(1.0, points[i + 1].first) : 1.0;
        double level = (need + mr) / m;
        if (level <= next)
            return std::clamp(level, rhoTarget_, 1.0);
    }
    return 1.0;
}

void StrategyRun::placeWorkload(int p, double scale)
{
    const WorkloadPlan& plan = cx_.plans[p];
    const bool central = policy_.oneCentralSite;
    levels_.assign(groups_.size(), 1.0);
    if (!central) {
        for (size_t g = 0; g < groups_.size(); ++g)
            levels_[g] = levelFor(plan, groups_[g], groups_[g].demand * scale);
        open_[0].reset(policy_.edgeFirst ? tree(p, true) : nullptr);
        open_[1].reset(tree(p, false));
    }
    for (size_t k = 0; k < plan.sources.size(); ++k) {
        const int g = sourceGroup_[k];
        if (g < 0)
            continue;
        const WorkloadPlan::Source& src = plan.sources[k];
        const double rate = src.rate * scale;
        if (central) {
            Candidate c{central_, centralTree_->latency(src.site), centralTree_->hops(src.site), centralTree_, nullptr};
            addShare(p, src, rate, c, rate, PlacementReason::Central, 0.0);
        } else {
            placeNearest(p, src, rate, levels_[g], groups_[g].demand * scale);
        }
    }
}

void StrategyRun::placeNearest(int p, const WorkloadPlan::Source& src, double rate, double level, double groupNeed)
{
    const WorkloadPlan& plan = cx_.plans[p];
    const bool hybrid = policy_.edgeFirst;
    auto nearest = [&](const NearestTarget* t) -> std::optional<Candidate> {
        if (!t || t->target(src.site) < 0)
            return std::nullopt;
        return Candidate{t->target(src.site), t->latency(src.site), t->hops(src.site), t, nullptr};
    };
    if (rate == 0) { // no demand: one empty share at the candidate that would serve it first
        std::optional<Candidate> c = hybrid ? nearest(tree(p, true)) : std::nullopt;
        bool edge = c.has_value();
        if (!c)
            c = nearest(tree(p, false));
        if (c)
            addShare(p, src, 0.0, *c, 0.0, edge ? PlacementReason::NearestEdge : PlacementReason::Nearest, level);
        return;
    }
    double remaining = rate;
    const size_t firstShare = shares_[p].size();
    // Walks one tier; returns true when the source is placed in full.
    auto walk = [&](bool edgeTier, PlacementReason first, PlacementReason later) {
        NearestOpenTarget& open = open_[edgeTier ? 0 : 1];
        if (open.empty())
            return false;
        bool firstOffered = true;
        for (;;) {
            const int site = open.target(src.site);
            if (site < 0)
                return false;
            const double r = room(plan, site, level);
            if (r <= 0) {
                open.close(site);
                continue;
            }
            const double take = std::min(remaining, r);
            addShare(p, src, rate, Candidate{site, open.latency(src.site), open.hops(src.site), nullptr, &open}, take,
                     firstOffered ? first : later, level);
            firstOffered = false;
            remaining -= take;
            if (take >= r)
                open.close(site); // filled up to the level
            if (remaining <= rate * 1e-12) {
                remaining = 0;
                return true;
            }
        }
    };
    const bool edgeTried = hybrid && nearest(tree(p, true)).has_value();
    if (edgeTried && walk(true, PlacementReason::NearestEdge, PlacementReason::Spill))
        return;
    if (walk(false, edgeTried ? PlacementReason::CloudOverflow : PlacementReason::Nearest,
             edgeTried ? PlacementReason::CloudOverflow : PlacementReason::Spill))
        return;
    // The level was solved so that the group takes its whole demand: what is left is rounding,
    // which goes to the last share made, or demand beyond what the candidates carry at ρ = 1
    // (only in a capacity probe past the pools' room, or when nothing is left at all).
    if (remaining <= 1e-9 * groupNeed && shares_[p].size() > firstShare) {
        Share& s = shares_[p].back();
        const PoolFit& fit = plan.fits[s.pool];
        s.rate += remaining;
        s.share = s.rate / rate;
        rho_[s.pool] += remaining * fit.service.seconds / fit.servers;
        s.utilizationAfter = rho_[s.pool];
    } else {
        shed_ += remaining;
    }
}

void StrategyRun::reportUnreachable(int p)
{
    const WorkloadPlan& plan = cx_.plans[p];
    for (size_t k = 0; k < plan.sources.size(); ++k) {
        if (sourceGroup_[k] >= 0)
            continue;
        const WorkloadPlan::Source& src = plan.sources[k];
        unserved_[p] += src.rate;
        std::string why;
        if (policy_.oneCentralSite)
            why = plan.bestPool[central_] < 0
                      ? "the central site \"" + result_.centralSite + "\" has no pool that can run it"
                      : "no network path leads from it to the central site \"" + result_.centralSite + "\"";
        else
            why = std::string("no ") + policy_.candidates +
                  " site it can reach has a pool that can run it";
        noteUnplaceable(p, src, why);
    }
}

const NearestTarget* StrategyRun::tree(int p, bool edge)
{
    WorkloadPlan& plan = cx_.plans[p];
    auto& cached = edge ? plan.edgeTree : plan.cloudTree;
    if (!cached)
        cached = cx_.nearestOf(edge ? plan.edgeCandidates : plan.cloudCandidates);
    return *cached;
}

} // namespace strata::core::detail

namespace strata::core {

std::string explainPlacement(const PlacementShare& s)
{
    std::string where = " (" + formatShort(s.pathLatencySeconds * 1e3) + " ms one way, " + std::to_string(s.hops) + " hops)";
    std::string load = "; pool utilization " + formatShort(s.utilizationAfter, "%.2f");
    const std::string target = formatShort(s.rhoTarget, "%.2f");
    // Past ρ_target the load balancer raises its threshold evenly over every candidate (§4).
    const bool raised = s.level > s.rhoTarget * (1 + 1e-9);
    const std::string cap = raised ? " ≤ " + formatShort(s.level, "%.3f") + " (every candidate it reaches was at ρ_target " + target +
                                         ", so the threshold was raised to serve the whole demand)"
                                   : " ≤ ρ_target " + target;
    switch (s.reason) {
    case PlacementReason::Central:
        return "centralized: every request goes to the central site" + where + load;
    case PlacementReason::Nearest:
        return "nearest cloud site with a suitable pool" + where + load + cap;
    case PlacementReason::Spill:
        return "nearer candidate sites were full; next nearest" + where + load + cap;
    case PlacementReason::NearestEdge:
        return "nearest edge/on-prem site with a suitable pool" + where + load + cap;
    case PlacementReason::CloudOverflow:
        return "edge/on-prem sites it reaches were full; overflow to cloud" + where + load + cap;
    }
    return {};
}

} // namespace strata::core
