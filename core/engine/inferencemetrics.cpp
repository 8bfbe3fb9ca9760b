// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategyrun.h"

#include "waittail.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace strata::core::detail {

StrategyRun::PathLeg StrategyRun::leg(std::span<const int> path, bool forward, double bytes) const
{
    PathLeg out;
    double worst = -1;
    for (int dl0 : path) {
        int dl = forward ? dl0 : (dl0 ^ 1);
        int link = dl / 2;
        double s = 8.0 * bytes / cx_.network.bandwidthBps(link);
        double rho = linkRho_[dl];
        out.energyJPerBit += cx_.network.energyJoulesPerBit(link);
        if (rho >= kSaturated) {
            out.saturated = true;
            out.saturatedLink = link;
            continue;
        }
        double effective = s / (1.0 - rho);
        if (effective > worst) {
            worst = effective;
            out.serialization = s;
            out.rho = rho;
        }
    }
    return out;
}

void StrategyRun::addOwnLoads(const Share& s, const PoolFit& fit, std::vector<int>& poolsUsed)
{
    if (!poolTouched_[s.pool]) {
        poolTouched_[s.pool] = 1;
        poolsUsed.push_back(s.pool);
    }
    ownPool_[s.pool] += s.rate * fit.service.seconds / fit.servers;
}

InferenceResult StrategyRun::summarize(int p)
{
    const WorkloadPlan& plan = cx_.plans[p];
    const InferenceSpec& spec = *plan.spec;
    const Scenario& sc = cx_.scenario;
    InferenceResult r;
    r.workload = plan.workload->id;
    for (const auto& src : plan.sources)
        r.offeredRps += src.rate;
    r.unservedRps = unserved_[p];
    r.sources.reserve(plan.sources.size());
    std::vector<double> notAvailable(plan.sources.size(), 1.0); // Π(1 − A_share) per source
    for (size_t k = 0; k < plan.sources.size(); ++k) {
        sourceSlot_[plan.sources[k].site] = static_cast<int>(k);
        r.sources.push_back({plan.sources[k].id, plan.sources[k].rate, 0.0, 0.0, reachable_[p][k] != 0});
    }
    // Capacity (docs/model.md §9), found when the workload was admitted; load shed past it
    // saturates the service.
    r.capacityRps = capacity_[p];
    r.bottleneck = bottleneck_[p];
    r.shedRps = shedRps_[p];
    r.saturated = r.shedRps > 0;
    const auto& shares = shares_[p];
    if (shares.empty()) {
        if (r.saturated && spec.sloP95Ms)
            r.sloMet = false;
        workloadDiagnostics(r, spec);
        return r;
    }

    // Per-share latency parts.
    const size_t m = shares.size();
    LatencyMixture latency;
    if (!summaryOnly_)
        latency.reserve(m);
    double served = 0;
    for (const Share& s : shares)
        served += s.rate;
    double largestRate = -1;
    // This workload's own pool loads (dense scratch arrays, cleared below), for power.
    std::vector<int> poolsUsed;
    double netJ = 0, carbonNet = 0, dataBytesPerSecond = 0, egressUsdPerSecond = 0;
    for (size_t i = 0; i < m; ++i) {
        const Share& s = shares[i];
        const PoolFit& fit = plan.fits[s.pool];
        const double w = served > 0 ? s.rate / served : 1.0 / static_cast<double>(m);
        PathLeg up = leg(pathOf(s), true, spec.requestBytes);
        PathLeg down = leg(pathOf(s), false, spec.responseBytes);
        const QueueWait& qw = waits_[s.pool];
        if (up.saturated || down.saturated || qw.saturated) {
            r.saturated = true;
            if (r.saturatedBy.empty())
                r.saturatedBy = qw.saturated ? poolElement(sc.sites[cx_.pools[s.pool].site].id, cx_.pools[s.pool].index)
                                             : ElementRef::link(sc.links[(up.saturated ? up.saturatedLink : down.saturatedLink)].id);
        }
        addOwnLoads(s, fit, poolsUsed);
        if (summaryOnly_)
            continue; // N − 1 needs the loads for capacity, not latency, energy or cost
        WaitTail tail;
        tail.add(qw.probabilityOfWait, qw.rate);
        if (up.serialization > 0)
            tail.add(up.rho, (1.0 - up.rho) / up.serialization);
        if (down.serialization > 0)
            tail.add(down.rho, (1.0 - down.rho) / down.serialization);
        tail.finalize();
        latency.add(w, 2.0 * s.pathLatency + up.serialization + down.serialization + fit.service.seconds, tail);
        const double upWait = up.serialization > 0 && up.rho > 0 ? up.rho * up.serialization / (1 - up.rho) : 0;
        const double downWait = down.serialization > 0 && down.rho > 0 ? down.rho * down.serialization / (1 - down.rho) : 0;
        r.breakdown.uplinkSeconds += w * (up.serialization + upWait);
        r.breakdown.downlinkSeconds += w * (down.serialization + downWait);
        r.breakdown.networkSeconds += w * 2.0 * s.pathLatency;
        r.breakdown.queueSeconds += w * qw.meanSeconds;
        r.breakdown.serviceSeconds += w * fit.service.seconds;
        if (s.rate > largestRate) {
            largestRate = s.rate;
            r.serviceBound = fit.service.bound == Bound::Compute ? "compute" : "memory";
        }
        // Network energy, data moved and egress.
        double bits = 8.0 * (spec.requestBytes + spec.responseBytes);
        double j = bits * up.energyJPerBit;
        netJ += w * j;
        carbonNet += w * j * cx_.sites[s.source].carbonGPerKwh;
        if (s.pathEnd > s.pathBegin)
            dataBytesPerSecond += s.rate * (spec.requestBytes + spec.responseBytes);
        for (int dl : pathOf(s)) // requests go along the path, responses back
            egressUsdPerSecond += s.rate * (spec.requestBytes * cx_.egressUsdPerByte(dl) +
                                            spec.responseBytes * cx_.egressUsdPerByte(dl ^ 1));
    }
    r.networkJoulesPerRequest = netJ;
    r.dataMovedBytesPerHour = dataBytesPerSecond * 3600.0;

    // What is placed is served; past the capacity the rest was turned away (set above).
    r.throughputRps = served;

    // Latency: mean over shares; p95 solves Σ w_i P_i(T > t) = 0.05.
    if (!r.saturated && !summaryOnly_) {
        r.latencyMeanSeconds = latency.mean();
        r.latencyP95Seconds = latency.quantile(0.95);
        if (spec.sloP95Ms)
            r.sloMet = *r.latencyP95Seconds <= *spec.sloP95Ms * 1e-3;
    } else if (spec.sloP95Ms) {
        r.sloMet = false;
    }

    // FLOP/s, power, energy, carbon, cost.
    r.achievedFlops = r.throughputRps * plan.flopsPerRequest;
    double poolUsdPerSecond = 0, siteCarbon = 0, siteWater = 0;
    for (int g : poolsUsed)
        r.busiestPoolRho = std::max(r.busiestPoolRho.value_or(0.0), std::min(rho_[g], 1.0));
    for (int g : poolsUsed) {
        const double own = ownPool_[g];
        const PoolInfo& pool = cx_.pools[g];
        const SiteInfo& site = cx_.sites[pool.site];
        r.installedFlops += plan.fits[g].installedFlops;
        double fraction = rho_[g] > 0 ? own / rho_[g] : 1.0;
        double mine = fraction * poolPowerWatts(pool, site, rho_[g]);
        r.powerWatts += mine;
        siteCarbon += mine * site.carbonGPerKwh;
        siteWater += mine / site.pue * site.wueLPerKwh; // WUE counts per kWh of IT energy
        if (pool.idleEstimated || pool.powerUnknown)
            r.usesEstimates = true;
        if (site.kind == SiteKind::OnPrem) {
            poolUsdPerSecond += mine / 3.6e6 * site.energyUsdPerKwh;
        } else if (pool.accelerator && pool.accelerator->usdPerHour) {
            poolUsdPerSecond += fraction * static_cast<double>(pool.count) * *pool.accelerator->usdPerHour / 3600.0;
        } else {
            r.costIncomplete = true;
        }
    }
    r.utilization = r.installedFlops > 0 ? r.achievedFlops / r.installedFlops : 0.0;
    for (int g : poolsUsed) {
        ownPool_[g] = 0;
        poolTouched_[g] = 0;
    }
    if (r.throughputRps > 0) {
        r.energyJoulesPerRequest = r.powerWatts / r.throughputRps + netJ;
        r.carbonGramsPer1kRequests = 1000.0 * (siteCarbon / r.throughputRps + carbonNet) / 3.6e6;
        r.waterLitresPer1kRequests = 1000.0 * siteWater / r.throughputRps / 3.6e6;
        r.costUsdPer1kRequests = 1000.0 * (poolUsdPerSecond + egressUsdPerSecond) / r.throughputRps;
    }

    // Placement list and compliance.
    r.placement.reserve(shares.size());
    std::set<std::pair<int, int>> violations;
    for (const Share& s : shares) {
        // Availability of this share: serving site, every link, every site passed through.
        double a = cx_.siteAvailability[s.site];
        for (int dl : pathOf(s)) {
            a *= cx_.linkAvailability[dl / 2];
            int to = cx_.network.linkTo(dl);
            if (to != s.site)
                a *= cx_.siteAvailability[to];
        }
        const int slot = sourceSlot_[s.source];
        notAvailable[slot] *= 1.0 - a;
        r.sources[slot].servedRps += s.rate;
        if (summaryOnly_)
            continue;
        PlacementShare ps;
        ps.source = sc.sites[s.source].id;
        ps.site = sc.sites[s.site].id;
        ps.pool = cx_.pools[s.pool].index;
        ps.share = s.share;
        ps.rateRps = s.rate;
        ps.pathLatencySeconds = s.pathLatency;
        ps.hops = s.hops;
        ps.reason = s.reason;
        ps.utilizationAfter = s.utilizationAfter;
        ps.rhoTarget = rhoTarget_;
        ps.level = s.level;
        ps.availability = a;
        r.placement.push_back(std::move(ps));
        const std::string& from = cx_.sites[s.source].jurisdiction;
        const std::string& to = cx_.sites[s.site].jurisdiction;
        if (!from.empty() && !to.empty() && from != to && violations.insert({s.source, s.site}).second) {
            result_.compliance.push_back({r.workload, sc.sites[s.source].id, sc.sites[s.site].id, from, to});
            result_.diagnostics.push_back({Severity::Warning, ElementRef::workload(r.workload),
                                           "under " + std::string(strategyName(strategy_)) + ", requests from \"" +
                                               sc.sites[s.source].id + "\" (" + from + ") are processed at \"" +
                                               sc.sites[s.site].id + "\" (" + to + "): a data-residency violation"});
        }
    }
    for (size_t k = 0; k < r.sources.size(); ++k)
        if (r.sources[k].servedRps > 0 || notAvailable[k] < 1.0)
            r.sources[k].availability = 1.0 - notAvailable[k];
    workloadDiagnostics(r, spec);
    return r;
}

void StrategyRun::workloadDiagnostics(const InferenceResult& r, const InferenceSpec& spec)
{
    ElementRef el = ElementRef::workload(r.workload);
    std::string st(strategyName(strategy_));
    if (r.shedRps > 0)
        result_.diagnostics.push_back({Severity::Warning, el,
                                       "saturated under " + st + ": offered " + formatShort(r.offeredRps - r.unservedRps) +
                                           " req/s but capacity is " + formatShort(r.capacityRps.value_or(0)) +
                                           " req/s (bottleneck " + name(r.bottleneck) + "), so " + formatShort(r.shedRps) +
                                           " req/s are turned away; add capacity there or lower the load"});
    else if (r.saturated)
        result_.diagnostics.push_back({Severity::Warning, el,
                                       "saturated under " + st + ": " + name(r.saturatedBy) + " runs at full utilization (capacity " +
                                           formatShort(r.capacityRps.value_or(0)) + " req/s, bottleneck " + name(r.bottleneck) +
                                           "); add capacity there, lower the load or move other workloads off it"});
    if (r.sloMet && !*r.sloMet && !r.saturated)
        result_.diagnostics.push_back({Severity::Warning, el,
                                       "misses its p95 SLO under " + st + ": " + formatShort(*r.latencyP95Seconds * 1e3) +
                                           " ms > " + formatShort(*spec.sloP95Ms) + " ms"});
}

void StrategyRun::reportLoads()
{
    const Scenario& sc = cx_.scenario;
    std::string st(strategyName(strategy_));
    result_.pools.reserve(cx_.pools.size());
    result_.links.reserve(static_cast<size_t>(cx_.network.linkCount()));
    for (size_t g = 0; g < cx_.pools.size(); ++g) {
        const PoolInfo& pool = cx_.pools[g];
        PoolLoad load;
        load.site = pool.site;
        load.pool = pool.index;
        load.used = !entries_[g].empty();
        load.utilization = rho_[g];
        if (load.used) {
            load.powerWatts = poolPowerWatts(pool, cx_.sites[pool.site], rho_[g]);
            if (rho_[g] >= kSaturated)
                result_.diagnostics.push_back({Severity::Warning, poolElement(sc.sites[pool.site].id, pool.index),
                                               "saturated under " + st + " (utilization " + formatShort(rho_[g]) +
                                                   "): add accelerators, raise max_batch or move load elsewhere"});
            else if (!policy_.oneCentralSite && rho_[g] > rhoTarget_ * (1 + 1e-9))
                result_.diagnostics.push_back({Severity::Info, poolElement(sc.sites[pool.site].id, pool.index),
                                               "runs above ρ_target under " + st + " (utilization " + formatShort(rho_[g]) +
                                                   " > " + formatShort(rhoTarget_) + "): no nearer site had room"});
        }
        result_.pools.push_back(std::move(load));
    }
    for (int l = 0; l < cx_.network.linkCount(); ++l) {
        LinkLoad load;
        load.link = l;
        load.utilizationAtoB = linkRho_[2 * l];
        load.utilizationBtoA = linkRho_[2 * l + 1];
        double worst = std::max(load.utilizationAtoB, load.utilizationBtoA);
        if (worst >= kSaturated)
            result_.diagnostics.push_back({Severity::Warning, ElementRef::link(sc.links[l].id),
                                           "saturated under " + st + " (utilization " + formatShort(worst) +
                                               "): raise its bandwidth or route traffic elsewhere"});
        result_.links.push_back(std::move(load));
    }
}

} // namespace strata::core::detail
