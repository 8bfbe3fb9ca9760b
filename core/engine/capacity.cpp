// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategyrun.h"

#include <algorithm>
#include <cmath>

namespace strata::core::detail {

void StrategyRun::rollback(int p, Mark& m)
{
    paths_.resize(m.paths);
    rho_.swap(m.rho);
    shed_ = m.shed;
    shares_[p].clear();
}

void StrategyRun::ownLinkLoads(int p, std::vector<int>& used)
{
    const InferenceSpec& spec = *cx_.plans[p].spec;
    for (const Share& s : shares_[p]) {
        for (int dl : pathOf(s)) {
            double bw = cx_.network.bandwidthBps(dl / 2);
            for (int d : {dl, dl ^ 1})
                if (!linkTouched_[d]) {
                    linkTouched_[d] = 1;
                    used.push_back(d);
                }
            ownLink_[dl] += s.rate * spec.requestBytes * 8.0 / bw;
            ownLink_[dl ^ 1] += s.rate * spec.responseBytes * 8.0 / bw;
        }
    }
}

void StrategyRun::clearOwnLinks(const std::vector<int>& used)
{
    for (int d : used) {
        ownLink_[d] = 0;
        linkTouched_[d] = 0;
    }
}

std::pair<double, int> StrategyRun::linkHeadroom(int p)
{
    std::vector<int> used;
    ownLinkLoads(p, used);
    double alpha = kInf;
    int binding = -1;
    for (int d : used) {
        if (ownLink_[d] <= 0)
            continue;
        double a = (1.0 - linkBase_[d]) / ownLink_[d];
        if (a < alpha || (a == alpha && d / 2 < binding)) { // equal α: the lowest link index wins
            alpha = a;
            binding = d / 2;
        }
    }
    clearOwnLinks(used);
    return {std::max(0.0, alpha), binding};
}

bool StrategyRun::linksCannotBind(int p, double scale) const
{
    const InferenceSpec& spec = *cx_.plans[p].spec;
    for (int l = 0; l < cx_.network.linkCount(); ++l) {
        const int a = cx_.network.linkFrom(2 * l);
        if (a < 0)
            continue;
        const int g = groupOf_[cx_.component[a]];
        if (g < 0 || groups_[g].demand <= 0)
            continue;
        const double bw = cx_.network.bandwidthBps(l);
        const double rate = groups_[g].demand * scale;
        const double req = rate * spec.requestBytes * 8.0 / bw, resp = rate * spec.responseBytes * 8.0 / bw;
        for (int d : {2 * l, 2 * l + 1})
            if (std::max(req, resp) > 1.0 - std::max(linkBase_[d], linkBase_[d ^ 1]))
                return false;
    }
    return true;
}

StrategyRun::Capacity StrategyRun::findCapacity(int p)
{
    const WorkloadPlan& plan = cx_.plans[p];
    const Scenario& sc = cx_.scenario;
    double poolScale = kInf;
    int binding = -1;
    for (size_t g = 0; g < groups_.size(); ++g) {
        if (groups_[g].demand <= 0)
            continue;
        double s = groupRoom(plan, groups_[g], 1.0) / groups_[g].demand;
        if (s < poolScale) {
            poolScale = s;
            binding = static_cast<int>(g);
        }
    }
    if (binding < 0)
        return {};
    // Name the candidate of the binding group that carries the most at ρ = 1.
    int best = -1;
    double most = -1;
    for (int site : groups_[binding].candidates) {
        int g = plan.bestPool[site];
        double carry = room(plan, site, 1.0);
        if (carry > most) {
            most = carry;
            best = g;
        }
    }
    ElementRef poolName = poolElement(sc.sites[cx_.pools[best].site].id, cx_.pools[best].index);
    if (poolScale <= 0)
        return {0.0, poolName};
    if (linksCannotBind(p, poolScale))
        return {poolScale, poolName};
    // The search runs on the served rate x = s·D, not on the scale s: its probes are then the
    // same whatever load the design is evaluated at, and so is the capacity it finds.
    double total = 0;
    for (const Group& g : groups_)
        total += g.demand;
    const double top = poolScale * total;
    // Distributed and hybrid start from a small load, where each source is at its nearest
    // candidate and a probe costs little; the link limit of that shape is then the next probe,
    // and the pools' limit is probed only when the links allow it. Centralized keeps its shape
    // at every load, so its one probe is at the pools' limit.
    const bool central = policy_.oneCentralSite;
    double lo = 0, hi = top, x = central ? top : 1e-6 * top;
    bool topProbed = false;
    int link = -1;
    bool exact = false;
    for (int it = 0; it < 100; ++it) {
        Mark m = mark();
        placeWorkload(p, x / total);
        auto [alpha, l] = linkHeadroom(p);
        rollback(p, m);
        topProbed = topProbed || x == top;
        if (std::fabs(alpha - 1.0) <= 1e-9) {
            // At the limit (up to rounding): the link load is linear in the scale here.
            lo = std::min(x * alpha, top);
            link = l;
            exact = true;
            break;
        }
        if (alpha > 1.0) {
            if (x == top)
                return {poolScale, poolName};
            lo = x;
        } else {
            hi = x;
            link = l;
            // Centralized sends every source to one site at any scale: the link loads are
            // linear in the scale and the first probe gives the limit.
            if (central)
                return {x * alpha / total, ElementRef::link(sc.links[link].id)};
        }
        // Converged, or no headroom at any scale (a link the earlier workloads already fill):
        // the bracket is then [0, ever smaller] and the capacity 0.
        if (hi - lo <= 1e-7 * hi || hi <= 1e-9 * top)
            break;
        // The secant step is exact while the placement keeps its shape; where the shape
        // changes it may crawl, so every third step bisects: the bracket then halves at least
        // that often and the search ends within 100 probes, in 2 or 3 where the shape holds.
        double next = x * alpha;
        if (next >= top && hi == top && !topProbed)
            next = top; // the links allow more than the pools: do they at the pools' limit?
        else if (it % 3 == 2 || !(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        // A link with no headroom at all: unless the smallest placement (each source at its
        // nearest candidate) avoids it, the capacity is 0; one probe there says which.
        if (alpha <= 0 && lo == 0)
            next = 1e-9 * top;
        x = next;
    }
    // Ended on the bracket: snap to the exact limit of the placement shape at lo, so that
    // every load the design is evaluated at reports the same capacity, not one within 1e-7.
    auto probe = [&](double at) {
        Mark m = mark();
        placeWorkload(p, at / total);
        auto h = linkHeadroom(p);
        rollback(p, m);
        return h;
    };
    if (lo > 0 && !exact) {
        const double limit = lo * probe(lo).first;
        if (limit >= lo && limit <= top && probe(limit).first >= 1.0 - 1e-9)
            lo = limit;
    }
    return {lo / total, link >= 0 ? ElementRef::link(sc.links[link].id) : poolName};
}

} // namespace strata::core::detail
