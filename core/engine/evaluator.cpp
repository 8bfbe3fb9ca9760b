// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluator.h"

#include "compiledscenario.h"
#include "trainingmodel.h"
#include "defaults.h"
#include "io/catalogreader.h"
#include "io/validation.h"
#include "network.h"
#include "queueing.h"
#include "roofline.h"
#include "waittail.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <memory>
#include <set>
#include <span>

namespace strata::core {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ------------------------------------------------------------------ compiled inputs

/// How one workload runs on one pool.
struct PoolFit {
    bool usable = false;
    long long span = 0;     ///< k
    long long replicas = 0; ///< c
    double servers = 0;     ///< n = c·b
    double flops = 0;       ///< F per replica
    ServiceTime service;
    double installedFlops = 0; ///< count × peak at the precision
};

/// A workload's strategy-independent data.
struct WorkloadPlan {
    const Workload* workload = nullptr;
    const InferenceSpec* spec = nullptr;
    const Model* model = nullptr;
    Precision precision = Precision::FP16;
    double batch = 1;
    double cv2 = 0;
    double flopsPerRequest = 0;
    std::vector<PoolFit> fits;   ///< per global pool
    std::vector<int> bestPool;   ///< per site: global pool or −1
    std::vector<int> edgeCandidates;  ///< edge/on-prem sites that can run it
    std::vector<int> cloudCandidates; ///< cloud sites that can run it
    /// Nearest-candidate trees of the two lists, built when a strategy first needs them.
    std::optional<const NearestTarget*> edgeTree, cloudTree;
    struct Source {
        int site;
        double rate;
        std::string id;
    };
    std::vector<Source> sources; ///< by decreasing demand, ties by id
};

/// The compiled scenario plus the inference plans of its workloads.
struct Context : CompiledScenario {
    std::vector<WorkloadPlan> plans;

    using CompiledScenario::CompiledScenario;
};

void compileWorkloads(Context& cx)
{
    const Scenario& sc = cx.scenario;
    std::set<std::string> reported;
    for (const Workload& w : sc.workloads) {
        const InferenceSpec* spec = w.inference();
        if (!spec)
            continue; // training and federated jobs: trainingmodel.cpp
        WorkloadPlan plan;
        plan.workload = &w;
        plan.spec = spec;
        plan.model = sc.findModel(w.model);
        plan.precision = w.precision.value_or(Precision::FP16);
        plan.batch = spec->maxBatch.value_or(defaults::kMaxBatch);
        double cv = spec->serviceCv.value_or(defaults::kServiceCv);
        plan.cv2 = cv * cv;
        const double ce = spec->computeEfficiency.value_or(defaults::kComputeEfficiency);
        const double me = spec->memoryEfficiency.value_or(defaults::kMemoryEfficiency);
        const double in = spec->inputTokens.value_or(0), out = spec->outputTokens.value_or(0);
        plan.flopsPerRequest = flopsPerRequest(*plan.model, in, out);
        std::string el = "workload:" + w.id;
        if (!spec->computeEfficiency)
            cx.assume(el, "compute_efficiency", ce, "MODEL.md default for inference");
        if (!spec->memoryEfficiency)
            cx.assume(el, "memory_efficiency", me, "MODEL.md default");
        if (!spec->maxBatch)
            cx.assume(el, "max_batch", plan.batch, "MODEL.md default");
        if (!spec->serviceCv)
            cx.assume(el, "service_cv", cv, "MODEL.md default (deterministic service)");

        plan.fits.resize(cx.pools.size());
        plan.bestPool.assign(cx.sites.size(), -1);
        std::vector<double> bestFlops(cx.sites.size(), -1.0);
        const double modelBytes = plan.model->weightBytes();
        for (size_t g = 0; g < cx.pools.size(); ++g) {
            const PoolInfo& pool = cx.pools[g];
            PoolFit& fit = plan.fits[g];
            if (!pool.accelerator || pool.count <= 0)
                continue;
            const Accelerator& a = *pool.accelerator;
            const std::string& siteId = sc.sites[pool.site].id;
            auto peak = a.peakTflops.find(plan.precision);
            if (peak == a.peakTflops.end()) {
                std::string key = w.id + "|" + siteId + "|" + a.id + "|precision";
                if (reported.insert(key).second)
                    cx.diagnostics.push_back({Severity::Warning, poolElement(siteId, pool.index),
                                              a.id + " lists no " + std::string(precisionName(plan.precision)) +
                                                  " peak, so workload \"" + w.id +
                                                  "\" cannot use this pool; choose a precision it supports or another accelerator"});
                continue;
            }
            const double peakFlops = peak->second * 1e12;
            fit.installedFlops = static_cast<double>(pool.count) * peakFlops;
            fit.span = replicaSpan(modelBytes, a.memoryGb.value_or(0) * 1e9);
            if (fit.span == 0) {
                cx.diagnostics.push_back({Severity::Warning, poolElement(siteId, pool.index),
                                          a.id + " has no memory figure; give memory_gb in the scenario's accelerators to use it for \"" + w.id + "\""});
                continue;
            }
            fit.replicas = pool.count / fit.span;
            if (fit.replicas == 0) {
                std::string key = w.id + "|" + siteId + "|" + std::to_string(pool.index) + "|fit";
                if (reported.insert(key).second)
                    cx.diagnostics.push_back({Severity::Warning, poolElement(siteId, pool.index),
                                              "model \"" + plan.model->id + "\" (" + formatShort(modelBytes / 1e9) + " GB) needs " +
                                                  std::to_string(fit.span) + " × " + a.id + " per replica but the pool has " +
                                                  std::to_string(pool.count) + "; the model does not fit — add devices or use larger ones"});
                continue;
            }
            if (!a.memoryGbPerS) {
                cx.diagnostics.push_back({Severity::Warning, poolElement(siteId, pool.index),
                                          a.id + " has no memory bandwidth figure; give memory_gb_per_s in the scenario's accelerators to use it"});
                continue;
            }
            const double k = static_cast<double>(fit.span);
            fit.flops = k * peakFlops * ce;
            const double bandwidth = k * *a.memoryGbPerS * 1e9 * me;
            fit.service = serviceTime(*plan.model, plan.batch, in, out, fit.flops, bandwidth);
            fit.servers = static_cast<double>(fit.replicas) * plan.batch;
            fit.usable = fit.service.seconds > 0 && fit.servers > 0;
            const double poolFlops = fit.installedFlops;
            if (fit.usable && poolFlops > bestFlops[pool.site]) {
                bestFlops[pool.site] = poolFlops;
                plan.bestPool[pool.site] = static_cast<int>(g);
            }
        }
        std::vector<int> edges, clouds;
        for (size_t site = 0; site < cx.sites.size(); ++site) {
            if (plan.bestPool[site] < 0)
                continue;
            SiteKind k = cx.sites[site].kind;
            if (k == SiteKind::Edge || k == SiteKind::OnPrem)
                edges.push_back(static_cast<int>(site));
            else if (k == SiteKind::Cloud)
                clouds.push_back(static_cast<int>(site));
        }
        // Their nearest-candidate trees are built when a strategy first needs them.
        plan.edgeCandidates = std::move(edges);
        plan.cloudCandidates = std::move(clouds);
        for (const RequestSource& src : spec->sources) {
            int site = cx.network.siteIndex(src.site);
            if (site == cx.excluded.site)
                continue; // gone with the excluded site: its demand too
            plan.sources.push_back({site, cx.sites[site].devices * src.ratePerDevice, src.site});
        }
        std::stable_sort(plan.sources.begin(), plan.sources.end(), [](const auto& x, const auto& y) {
            if (x.rate != y.rate)
                return x.rate > y.rate;
            return x.id < y.id;
        });
        cx.plans.push_back(std::move(plan));
    }
}

// ------------------------------------------------------------------ one strategy

struct Share {
    int source = 0;
    int site = 0;
    int pool = 0; ///< global
    double rate = 0;
    double share = 0;
    int pathBegin = 0; ///< directed links source → site: StrategyRun::paths_[pathBegin, pathEnd)
    int pathEnd = 0;
    double pathLatency = 0;
    int hops = 0;
    PlacementReason reason = PlacementReason::Nearest;
    double utilizationAfter = 0;
};

struct PoolEntry {
    int plan;
    double rate;
    double service;
    double cv2;
    double servers;
};

class StrategyRun {
public:
    StrategyRun(Context& cx, Strategy strategy, bool summaryOnly)
        : cx_(cx)
        , summaryOnly_(summaryOnly)
        , strategy_(strategy)
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
    {
        result_.strategy = strategy;
        rhoTarget_ = settings_.rhoTarget.value_or(defaults::kRhoTarget);
        if (strategy != Strategy::Centralized)
            result_.rhoTarget = rhoTarget_;
    }

    StrategyResult run()
    {
        if (strategy_ == Strategy::Centralized && !prepareCentral())
            return finishUnplaced();
        for (size_t p = 0; p < cx_.plans.size(); ++p)
            placeWorkload(static_cast<int>(p));
        computeLinkLoads();
        computePools();
        for (size_t p = 0; p < cx_.plans.size(); ++p)
            result_.inference.push_back(summarize(static_cast<int>(p)));
        if (!summaryOnly_)
            reportLoads();
        return std::move(result_);
    }

private:
    // ---------------------------------------------------------- placement

    bool prepareCentral()
    {
        central_ = cx_.centralSite(settings_);
        if (central_ < 0) {
            result_.diagnostics.push_back({Severity::Warning, "strategy:centralized",
                                           "no cloud site has fp16/bf16 accelerators to centralize on; set strategies.centralized.site or add such a pool"});
            return false;
        }
        result_.centralSite = cx_.scenario.sites[central_].id;
        if (!settings_.site)
            cx_.assume("strategy:centralized", "site", 0.0,
                       "central site " + result_.centralSite + ": the cloud site with the most fp16/bf16 FLOP/s");
        // One search from the central site gives every source's path to it.
        centralTree_ = cx_.nearestOf({central_});
        return true;
    }

    StrategyResult finishUnplaced()
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

    bool isCandidate(const WorkloadPlan& plan, int site, bool edgeTier) const
    {
        if (plan.bestPool[site] < 0)
            return false;
        SiteKind k = cx_.sites[site].kind;
        return edgeTier ? (k == SiteKind::Edge || k == SiteKind::OnPrem) : k == SiteKind::Cloud;
    }

    /// A site a source may be served by, with where its path comes from (a nearest-candidate tree
    /// or the k-th entry of the source's nearest order), so the path is copied only when used.
    struct Candidate {
        int site = -1;
        double latency = 0;
        int hops = 0;
        const NearestTarget* tree = nullptr;
        size_t k = 0;
    };

    std::span<const int> pathOf(const Share& s) const
    {
        return std::span<const int>(paths_).subspan(static_cast<size_t>(s.pathBegin),
                                                     static_cast<size_t>(s.pathEnd - s.pathBegin));
    }

    void addShare(int planIndex, const WorkloadPlan::Source& src, const Candidate& c, double rate,
                  PlacementReason reason)
    {
        const int site = c.site;
        const double totalRate = src.rate;
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
            cx_.order.appendPath(src.site, c.k, paths_);
        s.pathEnd = static_cast<int>(paths_.size());
        s.pathLatency = c.latency;
        s.hops = c.hops;
        s.reason = reason;
        s.utilizationAfter = rho_[g];
        shares_[planIndex].push_back(std::move(s));
    }

    /// Largest rate a site can take before its pool passes ρ_target.
    double room(const WorkloadPlan& plan, int site) const
    {
        int g = plan.bestPool[site];
        const PoolFit& fit = plan.fits[g];
        return std::max(0.0, (rhoTarget_ - rho_[g]) * fit.servers / fit.service.seconds);
    }

    void placeWorkload(int p)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        for (const WorkloadPlan::Source& src : plan.sources) {
            if (strategy_ == Strategy::Centralized)
                placeCentral(p, src);
            else
                placeNearest(p, src);
        }
    }

    void placeCentral(int p, const WorkloadPlan::Source& src)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        if (plan.bestPool[central_] < 0) {
            unserved_[p] += src.rate;
            noteUnplaceable(p, src, "the central site \"" + result_.centralSite + "\" has no pool that can run it");
            return;
        }
        if (centralTree_->target(src.site) < 0) {
            unserved_[p] += src.rate;
            noteUnplaceable(p, src, "no network path leads from it to the central site \"" + result_.centralSite + "\"");
            return;
        }
        Candidate c{central_, centralTree_->latency(src.site), centralTree_->hops(src.site), centralTree_, 0};
        addShare(p, src, c, src.rate, PlacementReason::Central);
    }

    /// The nearest edge/on-prem (\a edge) or cloud candidate tree of workload \a p.
    const NearestTarget* tree(int p, bool edge)
    {
        WorkloadPlan& plan = cx_.plans[p];
        auto& cached = edge ? plan.edgeTree : plan.cloudTree;
        if (!cached)
            cached = cx_.nearestOf(edge ? plan.edgeCandidates : plan.cloudCandidates);
        return *cached;
    }

    void placeNearest(int p, const WorkloadPlan::Source& src)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        const bool hybrid = strategy_ == Strategy::Hybrid;
        double remaining = src.rate;
        std::optional<Candidate> lowest; // the lowest-latency candidate offered
        // Offers a candidate a share; returns true when the source is fully placed.
        auto offer = [&](const Candidate& c, PlacementReason reason) {
            double take = src.rate == 0 ? 0.0 : std::min(remaining, room(plan, c.site));
            bool placed = false;
            if (take > 0 || src.rate == 0) {
                addShare(p, src, c, take, reason);
                remaining -= take;
                placed = remaining <= src.rate * 1e-12 || src.rate == 0;
                if (placed)
                    remaining = 0;
            }
            if (!lowest || c.latency < lowest->latency)
                lowest = c;
            return placed;
        };
        auto nearest = [&](const NearestTarget* tree) -> std::optional<Candidate> {
            if (!tree || tree->target(src.site) < 0)
                return std::nullopt;
            return Candidate{tree->target(src.site), tree->latency(src.site), tree->hops(src.site), tree, 0};
        };

        // Hybrid: first the nearest edge/on-prem site with a suitable pool.
        bool edgeFound = false;
        if (hybrid) {
            if (auto edge = nearest(tree(p, true))) {
                edgeFound = true;
                if (offer(*edge, PlacementReason::NearestEdge))
                    return;
            }
        }
        // Then cloud sites by latency, each up to ρ_target. The nearest is known without a search;
        // only when it cannot take the rest does the walk over the source's order start.
        auto cloud = nearest(tree(p, false));
        const PlacementReason firstCloud = edgeFound ? PlacementReason::CloudOverflow : PlacementReason::Nearest;
        if (cloud && (src.rate == 0 || room(plan, cloud->site) >= remaining)) {
            offer(*cloud, firstCloud);
            return;
        }
        if (cloud) {
            NearestOrder& order = cx_.order;
            bool first = true, done = false;
            for (size_t k = 0; !done; ++k) {
                const NearestOrder::Settled* s = order.at(src.site, k);
                if (!s)
                    break;
                if (!isCandidate(plan, s->site, false))
                    continue;
                PlacementReason reason = first ? firstCloud : (edgeFound ? PlacementReason::CloudOverflow : PlacementReason::Spill);
                first = false;
                done = offer(Candidate{s->site, s->latency, s->hops, nullptr, k}, reason);
            }
        }
        if (remaining > 0) {
            if (!lowest) {
                unserved_[p] += remaining;
                noteUnplaceable(p, src, std::string("no ") + (hybrid ? "edge, on-prem or cloud" : "cloud") +
                                            " site it can reach has a pool that can run it");
                return;
            }
            addShare(p, src, *lowest, remaining, PlacementReason::Overflow);
        }
    }

    void noteUnplaceable(int p, const WorkloadPlan::Source& src, const std::string& why)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        result_.diagnostics.push_back({Severity::Warning, "site:" + src.id,
                                       "requests of \"" + plan.workload->id + "\" from \"" + src.id + "\" cannot be served under " +
                                           std::string(strategyName(strategy_)) + ": " + why +
                                           " (needs a pool with " + std::string(precisionName(plan.precision)) +
                                           " that can hold model \"" + plan.model->id + "\")"});
    }

    // ---------------------------------------------------------- loads

    void computeLinkLoads()
    {
        linkBits_.assign(2 * static_cast<size_t>(cx_.network.linkCount()), 0.0);
        for (size_t p = 0; p < cx_.plans.size(); ++p) {
            const InferenceSpec& spec = *cx_.plans[p].spec;
            for (const Share& s : shares_[p]) {
                for (int dl : pathOf(s)) {
                    linkBits_[dl] += s.rate * spec.requestBytes * 8.0;
                    linkBits_[dl ^ 1] += s.rate * spec.responseBytes * 8.0;
                }
            }
        }
        linkRho_.resize(linkBits_.size());
        for (size_t dl = 0; dl < linkBits_.size(); ++dl)
            linkRho_[dl] = linkBits_[dl] / cx_.network.bandwidthBps(static_cast<int>(dl / 2));
    }

    void computePools()
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
            if (rho >= 1.0) {
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

    // ---------------------------------------------------------- results

    /// Bottleneck of a path for a message of \a bytes: the link with the largest s/(1 − ρ).
    struct PathLeg {
        double serialization = 0; ///< s_l* of the effective bottleneck
        double rho = 0;
        bool saturated = false;
        int saturatedLink = -1;
        double energyJPerBit = 0;
    };

    PathLeg leg(std::span<const int> path, bool forward, double bytes) const
    {
        PathLeg out;
        double worst = -1;
        for (int dl0 : path) {
            int dl = forward ? dl0 : (dl0 ^ 1);
            int link = dl / 2;
            double s = 8.0 * bytes / cx_.network.bandwidthBps(link);
            double rho = linkRho_[dl];
            out.energyJPerBit += cx_.network.energyJoulesPerBit(link);
            if (rho >= 1.0) {
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

    /// Adds a share's load to this workload's own pool and link loads (for capacity).
    void addOwnLoads(const Share& s, const PoolFit& fit, const InferenceSpec& spec, std::vector<int>& poolsUsed,
                     std::vector<int>& linksUsed)
    {
        if (!poolTouched_[s.pool]) {
            poolTouched_[s.pool] = 1;
            poolsUsed.push_back(s.pool);
        }
        ownPool_[s.pool] += s.rate * fit.service.seconds / fit.servers;
        for (int dl : pathOf(s)) {
            double bw = cx_.network.bandwidthBps(dl / 2);
            for (int d : {dl, dl ^ 1}) {
                if (!linkTouched_[d]) {
                    linkTouched_[d] = 1;
                    linksUsed.push_back(d);
                }
            }
            ownLink_[dl] += s.rate * spec.requestBytes * 8.0 / bw;
            ownLink_[dl ^ 1] += s.rate * spec.responseBytes * 8.0 / bw;
        }
    }

    InferenceResult summarize(int p)
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
            r.sources.push_back({plan.sources[k].id, plan.sources[k].rate, 0.0, 0.0});
        }
        const auto& shares = shares_[p];
        if (shares.empty()) {
            r.saturated = false;
            return r;
        }

        // Per-share latency parts.
        const size_t m = shares.size();
        Eigen::ArrayXd D(m), weight(m), meanWait(m);
        Eigen::ArrayXXd coef = Eigen::ArrayXXd::Zero(m, WaitTail::kMaxComponents);
        Eigen::ArrayXXd rate = Eigen::ArrayXXd::Zero(m, WaitTail::kMaxComponents);
        double served = 0;
        for (const Share& s : shares)
            served += s.rate;
        double largestRate = -1;
        // This workload's own loads (dense scratch arrays, cleared below), for capacity and power.
        std::vector<int> poolsUsed, linksUsed;
        double netJ = 0, carbonNet = 0, dataBytesPerSecond = 0, egressUsdPerSecond = 0;
        for (size_t i = 0; i < m; ++i) {
            const Share& s = shares[i];
            const PoolFit& fit = plan.fits[s.pool];
            weight(i) = served > 0 ? s.rate / served : 1.0 / static_cast<double>(m);
            PathLeg up = leg(pathOf(s), true, spec.requestBytes);
            PathLeg down = leg(pathOf(s), false, spec.responseBytes);
            const QueueWait& qw = waits_[s.pool];
            if (up.saturated || down.saturated || qw.saturated) {
                r.saturated = true;
            }
            addOwnLoads(s, fit, spec, poolsUsed, linksUsed);
            if (summaryOnly_)
                continue; // N − 1 needs the loads for capacity, not latency, energy or cost
            WaitTail tail;
            tail.add(qw.probabilityOfWait, qw.rate);
            if (up.serialization > 0)
                tail.add(up.rho, (1.0 - up.rho) / up.serialization);
            if (down.serialization > 0)
                tail.add(down.rho, (1.0 - down.rho) / down.serialization);
            tail.finalize();
            D(i) = 2.0 * s.pathLatency + up.serialization + down.serialization + fit.service.seconds;
            meanWait(i) = tail.mean();
            for (int j = 0; j < tail.size(); ++j) {
                coef(i, j) = tail.coefficients()[j];
                rate(i, j) = tail.rates()[j];
            }
            double upWait = up.serialization > 0 && up.rho > 0 ? up.rho * up.serialization / (1 - up.rho) : 0;
            double downWait = down.serialization > 0 && down.rho > 0 ? down.rho * down.serialization / (1 - down.rho) : 0;
            double w = weight(i);
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
            for (int dl : pathOf(s)) {
                const Link& link = sc.links[dl / 2];
                if (!link.egressUsdPerGb)
                    continue;
                int from = cx_.network.linkFrom(dl), to = cx_.network.linkTo(dl);
                bool fromCloud = cx_.sites[from].kind == SiteKind::Cloud, toCloud = cx_.sites[to].kind == SiteKind::Cloud;
                double bytes = 0;
                if (fromCloud || !toCloud)
                    bytes += spec.requestBytes; // leaves a cloud site, or no cloud end at all
                if (toCloud || !fromCloud)
                    bytes += spec.responseBytes;
                egressUsdPerSecond += s.rate * bytes / 1e9 * *link.egressUsdPerGb;
            }
        }
        r.networkJoulesPerRequest = netJ;
        r.dataMovedBytesPerHour = dataBytesPerSecond * 3600.0;

        // Capacity: scale this workload's demand by α until a resource it uses reaches ρ = 1.
        double alpha = kInf;
        std::string bottleneck;
        std::sort(poolsUsed.begin(), poolsUsed.end());
        for (int g : poolsUsed) {
            double own = ownPool_[g];
            if (own <= 0)
                continue;
            double a = (1.0 - (rho_[g] - own)) / own;
            if (a < alpha) {
                alpha = a;
                bottleneck = poolElement(sc.sites[cx_.pools[g].site].id, cx_.pools[g].index);
            }
        }
        int bottleneckLink = -1; // equal α: the lowest link index wins, whatever the visiting order
        for (int dl : linksUsed) {
            double own = ownLink_[dl];
            if (own <= 0)
                continue;
            double a = (1.0 - (linkRho_[dl] - own)) / own;
            if (a < alpha || (a == alpha && bottleneckLink >= 0 && dl < bottleneckLink)) {
                bottleneckLink = dl;
                alpha = a;
                bottleneck = "link:" + sc.links[dl / 2].id;
            }
        }
        r.bottleneck = bottleneck;
        if (served > 0 && std::isfinite(alpha))
            r.capacityRps = std::max(0.0, alpha) * served;
        if (r.saturated && r.capacityRps && *r.capacityRps >= served)
            r.capacityRps = served; // saturated elsewhere (shared resource): no headroom
        r.throughputRps = r.saturated ? std::min(served, r.capacityRps.value_or(0.0)) : served;

        // Latency: mean over shares; p95 solves Σ w_i P_i(T > t) = 0.05.
        if (!r.saturated && !summaryOnly_) {
            r.latencyMeanSeconds = (weight * (D + meanWait)).sum();
            r.latencyP95Seconds = solveQuantile(D, weight, coef, rate, 0.95);
            if (spec.sloP95Ms)
                r.sloMet = *r.latencyP95Seconds <= *spec.sloP95Ms * 1e-3;
        } else if (spec.sloP95Ms) {
            r.sloMet = false;
        }

        // FLOP/s, power, energy, carbon, cost.
        r.achievedFlops = r.throughputRps * plan.flopsPerRequest;
        double poolUsdPerSecond = 0, siteCarbon = 0;
        for (int g : poolsUsed) {
            const double own = ownPool_[g];
            const PoolInfo& pool = cx_.pools[g];
            const SiteInfo& site = cx_.sites[pool.site];
            r.installedFlops += plan.fits[g].installedFlops;
            double fraction = rho_[g] > 0 ? own / rho_[g] : 1.0;
            double mine = fraction * poolPowerWatts(pool, site, rho_[g]);
            r.powerWatts += mine;
            siteCarbon += mine * site.carbonGPerKwh;
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
        for (int dl : linksUsed) {
            ownLink_[dl] = 0;
            linkTouched_[dl] = 0;
        }
        if (r.throughputRps > 0) {
            r.energyJoulesPerRequest = r.powerWatts / r.throughputRps + netJ;
            r.carbonGramsPer1kRequests = 1000.0 * (siteCarbon / r.throughputRps + carbonNet) / 3.6e6;
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
            ps.availability = a;
            r.placement.push_back(std::move(ps));
            const std::string& from = cx_.sites[s.source].jurisdiction;
            const std::string& to = cx_.sites[s.site].jurisdiction;
            if (!from.empty() && !to.empty() && from != to && violations.insert({s.source, s.site}).second) {
                result_.compliance.push_back({r.workload, sc.sites[s.source].id, sc.sites[s.site].id, from, to});
                result_.diagnostics.push_back({Severity::Warning, "workload:" + r.workload,
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

    void workloadDiagnostics(const InferenceResult& r, const InferenceSpec& spec)
    {
        std::string el = "workload:" + r.workload;
        std::string st(strategyName(strategy_));
        if (r.saturated)
            result_.diagnostics.push_back({Severity::Warning, el,
                                           "saturated under " + st + ": offered " + formatShort(r.offeredRps - r.unservedRps) +
                                               " req/s but capacity is " + formatShort(r.capacityRps.value_or(0)) +
                                               " req/s (bottleneck " + r.bottleneck + "); add capacity there or lower the load"});
        if (r.sloMet && !*r.sloMet && !r.saturated)
            result_.diagnostics.push_back({Severity::Warning, el,
                                           "misses its p95 SLO under " + st + ": " + formatShort(*r.latencyP95Seconds * 1e3) +
                                               " ms > " + formatShort(*spec.sloP95Ms) + " ms"});
    }

    static double solveQuantile(const Eigen::ArrayXd& D, const Eigen::ArrayXd& w, const Eigen::ArrayXXd& coef,
                                const Eigen::ArrayXXd& rate, double q)
    {
        const double target = 1.0 - q;
        // Shares sorted by D: at time t the first n (D ≤ t) contribute their wait tails, the rest
        // (D > t, still in their deterministic part) contribute their whole weight.
        const Eigen::Index m = D.size();
        std::vector<Eigen::Index> order(static_cast<size_t>(m));
        std::iota(order.begin(), order.end(), Eigen::Index(0));
        std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return D(a) < D(b); });
        Eigen::ArrayXd sd(m), sw(m), suffix(m + 1);
        Eigen::ArrayXXd sk(m, coef.cols()), sr(m, coef.cols());
        for (Eigen::Index i = 0; i < m; ++i) {
            sd(i) = D(order[i]);
            sw(i) = w(order[i]);
            sk.row(i) = coef.row(order[i]) * w(order[i]);
            sr.row(i) = rate.row(order[i]);
        }
        suffix(m) = 0;
        for (Eigen::Index i = m - 1; i >= 0; --i)
            suffix(i) = suffix(i + 1) + sw(i);
        auto exceed = [&](double t) {
            const Eigen::Index n = std::upper_bound(sd.data(), sd.data() + m, t) - sd.data();
            double s = suffix(n);
            if (n > 32) { // vectorized
                Eigen::ArrayXd x = t - sd.head(n);
                for (Eigen::Index j = 0; j < sk.cols(); ++j)
                    s += (sk.col(j).head(n) * (-sr.col(j).head(n) * x).exp()).sum();
            } else { // a few shares: a plain loop costs less than setting up the expressions
                for (Eigen::Index i = 0; i < n; ++i)
                    for (Eigen::Index j = 0; j < sk.cols(); ++j)
                        if (sk(i, j) != 0)
                            s += sk(i, j) * std::exp(-sr(i, j) * (t - sd(i)));
            }
            return s;
        };
        // The mixture's tail drops in a step at each share's D and is smooth in between. Find the
        // interval between consecutive D's that holds the quantile by binary search over the sorted
        // D's, then solve inside it (or stop at the step itself).
        std::vector<double> ds(sd.data(), sd.data() + m);
        ds.erase(std::unique(ds.begin(), ds.end()), ds.end());
        // flo and fhi hold exceed − target at ds[left] and ds[right] as the search moves them.
        double flo = exceed(ds.front()) - target;
        if (flo <= 0)
            return ds.front();
        double fhi = 0;
        size_t left = 0, right = ds.size(); // exceed(ds[left]) > target; right: first with <= target
        while (right - left > 1) {
            size_t mid = (left + right) / 2;
            double f = exceed(ds[mid]) - target;
            (f > 0 ? left : right) = mid;
            (f > 0 ? flo : fhi) = f;
        }
        double lo = ds[left];
        double hi;
        if (right < ds.size()) {
            hi = ds[right];
            double justBefore = hi - 1e-13 * std::max(1.0, hi);
            if (justBefore > lo && exceed(justBefore) > target)
                return hi; // the quantile is the step at this D
        } else {
            // Beyond the last step: grow the upper end until the tail falls below the target.
            double span = 0;
            for (Eigen::Index i = 0; i < D.size(); ++i)
                for (Eigen::Index j = 0; j < coef.cols(); ++j)
                    if (coef(i, j) != 0)
                        span = std::max(span, 1.0 / rate(i, j));
            double step = std::max(span, 1e-9);
            hi = lo + step;
            for (int guard = 0; (fhi = exceed(hi) - target) > 0 && guard < 200; ++guard) {
                lo = hi;
                flo = fhi;
                step *= 2;
                hi += step;
            }
        }
        // Illinois false position on the bracket [lo, hi], with bisection steps when it stalls
        // (the function drops in steps at each share's D, where false position is slow).
        int side = 0;
        for (int it = 0; it < 200 && hi - lo > 1e-13 * hi; ++it) {
            double t = (it % 4 == 3 || fhi == flo) ? 0.5 * (lo + hi) : hi - fhi * (hi - lo) / (fhi - flo);
            if (!(t > lo && t < hi))
                t = 0.5 * (lo + hi);
            double ft = exceed(t) - target;
            if (ft > 0) {
                lo = t;
                flo = ft;
                if (side == -1)
                    fhi *= 0.5;
                side = -1;
            } else {
                hi = t;
                fhi = ft;
                if (side == 1)
                    flo *= 0.5;
                side = 1;
            }
        }
        return hi;
    }

    void reportLoads()
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
                if (rho_[g] >= 1.0)
                    result_.diagnostics.push_back({Severity::Warning, poolElement(sc.sites[pool.site].id, pool.index),
                                                   "saturated under " + st + " (utilization " + formatShort(rho_[g]) +
                                                       "): add accelerators, raise max_batch or move load elsewhere"});
                else if (strategy_ != Strategy::Centralized && rho_[g] > rhoTarget_ * (1 + 1e-9))
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
            if (worst >= 1.0)
                result_.diagnostics.push_back({Severity::Warning, "link:" + sc.links[l].id,
                                               "saturated under " + st + " (utilization " + formatShort(worst) +
                                                   "): raise its bandwidth or route traffic elsewhere"});
            result_.links.push_back(std::move(load));
        }
    }

    Context& cx_;
    const bool summaryOnly_;
    Strategy strategy_;
    const StrategySettings& settings_;
    const NearestTarget* centralTree_ = nullptr;
    std::vector<int> paths_; ///< the paths of all shares, back to back
    double rhoTarget_ = defaults::kRhoTarget;
    int central_ = -1;
    std::vector<double> rho_;
    std::vector<std::vector<PoolEntry>> entries_;
    std::vector<QueueWait> waits_;
    std::vector<std::vector<Share>> shares_;
    std::vector<double> unserved_;
    std::vector<double> linkBits_;
    std::vector<double> linkRho_;
    std::vector<double> ownPool_, ownLink_;          // scratch of summarize(), all zero between calls
    std::vector<uint8_t> poolTouched_, linkTouched_;
    std::vector<int> sourceSlot_; ///< site → index among the summarized workload's sources
    StrategyResult result_;
};

} // namespace

std::string explainPlacement(const PlacementShare& s)
{
    std::string where = " (" + formatShort(s.pathLatencySeconds * 1e3) + " ms one way, " + std::to_string(s.hops) + " hops)";
    std::string load = "; pool utilization " + formatShort(s.utilizationAfter, "%.2f");
    switch (s.reason) {
    case PlacementReason::Central:
        return "centralized: every request goes to the central site" + where + load;
    case PlacementReason::Nearest:
        return "nearest cloud site with a suitable pool" + where + load + " ≤ ρ_target " + formatShort(s.rhoTarget, "%.2f");
    case PlacementReason::Spill:
        return "nearer cloud sites were full at ρ_target " + formatShort(s.rhoTarget, "%.2f") + "; next nearest" + where + load;
    case PlacementReason::NearestEdge:
        return "nearest edge/on-prem site with a suitable pool" + where + load + " ≤ ρ_target " + formatShort(s.rhoTarget, "%.2f");
    case PlacementReason::CloudOverflow:
        return "edge/on-prem capacity exhausted at ρ_target " + formatShort(s.rhoTarget, "%.2f") + "; overflow to cloud" + where + load;
    case PlacementReason::Overflow:
        return "no candidate had room below ρ_target " + formatShort(s.rhoTarget, "%.2f") +
               "; remainder to the lowest-latency candidate" + where + load;
    }
    return {};
}

Evaluation evaluate(const Scenario& scenario, const Catalog& catalog, const EvaluationOptions& options)
{
    Evaluation ev;
    const bool excluding = options.exclude.site >= 0 || options.exclude.link >= 0;
    if (!excluding) {
        ev.diagnostics = validateScenario(scenario, catalog);
        if (hasErrors(ev.diagnostics))
            return ev;
    }
    Context cx(scenario, catalog, options.exclude);
    compileWorkloads(cx);
    for (Strategy s : kAllStrategies) {
        bool enabled = !scenario.strategiesGiven || scenario.strategies[s].enabled;
        if (!enabled || (options.only && *options.only != s))
            continue;
        StrategyResult result = StrategyRun(cx, s, options.summaryOnly).run();
        for (const Workload& w : scenario.workloads)
            if (!w.inference() && !options.inferenceOnly)
                evaluateTrainingWorkload(cx, s, scenario.strategies[s], w, result);
        ev.results.push_back(std::move(result));
    }
    ev.diagnostics.insert(ev.diagnostics.end(), cx.diagnostics.begin(), cx.diagnostics.end());
    ev.assumptions = std::move(cx.assumptions);
    return ev;
}

Evaluation evaluate(const Scenario& scenario, const EvaluationOptions& options)
{
    return evaluate(scenario, builtinCatalog(), options);
}

} // namespace strata::core
