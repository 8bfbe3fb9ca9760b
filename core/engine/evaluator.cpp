// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluator.h"

#include "compiledscenario.h"
#include "trainingmodel.h"
#include "defaults.h"
#include "model/validation.h"
#include "network.h"
#include "queueing.h"
#include "resilience.h"
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
/// A pool or link at this utilization or more is saturated: admission fills a bottleneck to
/// ρ = 1 exactly, which rounding may leave a hair below.
constexpr double kSaturated = 1.0 - 1e-9;

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
    std::vector<int> component; ///< per site: its connected part of the network

    using CompiledScenario::CompiledScenario;
};

void compileWorkloads(Context& cx)
{
    const Scenario& sc = cx.scenario;
    cx.component = connectedComponents(cx.network);
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
        ElementRef el = ElementRef::workload(w.id);
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
    double level = 0; ///< utilization the candidates were filled up to (distributed, hybrid)
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
        , capacity_(cx.plans.size())
        , shedRps_(cx.plans.size(), 0.0)
        , bottleneck_(cx.plans.size())
        , reachable_(cx.plans.size())
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

private:
    // ---------------------------------------------------------- placement

    bool prepareCentral()
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

    /// A site a source may be served by, with the tree its path comes from (copied only when used).
    struct Candidate {
        int site = -1;
        double latency = 0;
        int hops = 0;
        const NearestTarget* tree = nullptr;     ///< the central site's tree, or
        const NearestOpenTarget* open = nullptr; ///< the open candidates of a tier
    };

    std::span<const int> pathOf(const Share& s) const
    {
        return std::span<const int>(paths_).subspan(static_cast<size_t>(s.pathBegin),
                                                     static_cast<size_t>(s.pathEnd - s.pathBegin));
    }

    void addShare(int planIndex, const WorkloadPlan::Source& src, double totalRate, const Candidate& c, double rate,
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

    /// Requests/s the pool of candidate \a site takes from its present load up to utilization \a level.
    double room(const WorkloadPlan& plan, int site, double level) const
    {
        int g = plan.bestPool[site];
        const PoolFit& fit = plan.fits[g];
        return std::max(0.0, (level - rho_[g]) * fit.servers / fit.service.seconds);
    }

    /// The candidates of the workload being placed in one connected part of the network, and the
    /// demand (at scale 1) of the sources there: they can reach every one of these candidates and
    /// no other.
    struct Group {
        std::vector<int> candidates; ///< sites
        double demand = 0;
    };

    double groupRoom(const WorkloadPlan& plan, const Group& group, double level) const
    {
        double sum = 0;
        for (int site : group.candidates)
            sum += room(plan, site, level);
        return sum;
    }

    /// Sorts the candidates of workload \a p into groups by network component and finds the group
    /// of each source (−1: no candidate reachable).
    void buildGroups(int p)
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
        if (strategy_ == Strategy::Centralized) {
            if (plan.bestPool[central_] >= 0)
                add(central_);
        } else {
            if (strategy_ == Strategy::Hybrid)
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

    /// The utilization up to which distributed and hybrid fill candidates so that \a group takes
    /// \a need req/s: ρ_target when its candidates have that much room below it; otherwise the
    /// lowest level L ≤ 1 at which Σ_c μ_c·(L − ρ_c)⁺ = need (the load balancer raises its
    /// threshold evenly over every candidate it reaches); 1 when even that is not enough.
    double levelFor(const WorkloadPlan& plan, const Group& group, double need) const
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

    /// Places workload \a p with every source's demand multiplied by \a scale, on top of the loads
    /// already placed. Sources in no group are left out (see reportUnreachable()).
    void placeWorkload(int p, double scale)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        const bool central = strategy_ == Strategy::Centralized;
        levels_.assign(groups_.size(), 1.0);
        if (!central) {
            for (size_t g = 0; g < groups_.size(); ++g)
                levels_[g] = levelFor(plan, groups_[g], groups_[g].demand * scale);
            open_[0].reset(strategy_ == Strategy::Hybrid ? tree(p, true) : nullptr);
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

    /// The nearest edge/on-prem (\a edge) or cloud candidate tree of workload \a p.
    const NearestTarget* tree(int p, bool edge)
    {
        WorkloadPlan& plan = cx_.plans[p];
        auto& cached = edge ? plan.edgeTree : plan.cloudTree;
        if (!cached)
            cached = cx_.nearestOf(edge ? plan.edgeCandidates : plan.cloudCandidates);
        return *cached;
    }

    /// Distributed and hybrid: the candidates in order of path latency (hybrid: every edge/on-prem
    /// site first, then the clouds), each up to utilization \a level. The candidates still open
    /// (open_, reset for each placement) give each source its nearest candidate with room, which
    /// is the next one a walk in order of latency from the source would offer.
    void placeNearest(int p, const WorkloadPlan::Source& src, double rate, double level, double groupNeed)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        const bool hybrid = strategy_ == Strategy::Hybrid;
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

    /// Warns once for each source of workload \a p that no candidate of the strategy can serve.
    void reportUnreachable(int p)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        for (size_t k = 0; k < plan.sources.size(); ++k) {
            if (sourceGroup_[k] >= 0)
                continue;
            const WorkloadPlan::Source& src = plan.sources[k];
            unserved_[p] += src.rate;
            std::string why;
            if (strategy_ == Strategy::Centralized)
                why = plan.bestPool[central_] < 0
                          ? "the central site \"" + result_.centralSite + "\" has no pool that can run it"
                          : "no network path leads from it to the central site \"" + result_.centralSite + "\"";
            else
                why = std::string("no ") + (strategy_ == Strategy::Hybrid ? "edge, on-prem or cloud" : "cloud") +
                      " site it can reach has a pool that can run it";
            noteUnplaceable(p, src, why);
        }
    }

    /// Workload \a p in file order (earlier workloads first: a later one takes what is left):
    /// its capacity, then its placement at the offered load, or at its capacity when the offered
    /// load is more (admission control: the rest is turned away, docs/model.md §9).
    void admit(int p)
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

    // ---------------------------------------------------------- single points of failure (§15)

    /// The sites and links whose loss leaves a source with no path to any site that can serve it.
    /// For each workload, a virtual vertex t joins every candidate site; a source keeps service
    /// without site X (or link e) exactly when it stays connected to t. One iterative Tarjan DFS
    /// from t then finds, in O(sites + links), every articulation point and bridge together with
    /// the DFS subtree it cuts off from t; a cut is a single point of failure when that subtree
    /// holds a source with demand (the lost site's own demand does not count).
    void findSinglePointsOfFailure()
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

    // ---------------------------------------------------------- capacity (docs/model.md §9)

    /// Everything a trial placement of the workload being placed changes, to undo it.
    struct Mark {
        size_t paths = 0;
        std::vector<double> rho;
        double shed = 0;
    };

    Mark mark() const { return {paths_.size(), rho_, shed_}; }

    void rollback(int p, Mark& m)
    {
        paths_.resize(m.paths);
        rho_.swap(m.rho);
        shed_ = m.shed;
        shares_[p].clear();
    }

    /// This workload's own load on each directed link (ρ units) into ownLink_, its links into \a used.
    void ownLinkLoads(int p, std::vector<int>& used)
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

    void clearOwnLinks(const std::vector<int>& used)
    {
        for (int d : used) {
            ownLink_[d] = 0;
            linkTouched_[d] = 0;
        }
    }

    /// How far the placed shares of \a p could be scaled before a link they use reaches ρ = 1 with
    /// the earlier workloads' traffic (α, +∞ when they use no link), and that link (−1: none).
    std::pair<double, int> linkHeadroom(int p)
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

    /// A shortest path crosses a link at most once, so a link carries at most the whole traffic
    /// of the sources in its component. When even that fits every link there beside the earlier
    /// workloads' traffic at scale \a scale, no link can bind and the placement need not be probed.
    bool linksCannotBind(int p, double scale) const
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

    struct Capacity {
        std::optional<double> scale; ///< of the workload's reachable demand; empty: no demand
        ElementRef bottleneck;
    };

    /// The largest scale of workload \a p's demand that the strategy, placing from scratch at that
    /// scale on top of the earlier workloads, serves in full with every pool and link it uses at
    /// ρ ≤ 1. Pools: in closed form from each group's room up to ρ = 1 (placement fills them all
    /// before it leaves demand over). Links, which placement does not look at: the placement at
    /// the pools' limit is probed, and only when a link would saturate first is the scale searched
    /// (secant steps on the link load, which is linear in the scale while the placement keeps its
    /// shape, guarded by bisection).
    Capacity findCapacity(int p)
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
        const bool central = strategy_ == Strategy::Centralized;
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

    void noteUnplaceable(int p, const WorkloadPlan::Source& src, const std::string& why)
    {
        const WorkloadPlan& plan = cx_.plans[p];
        result_.diagnostics.push_back({Severity::Warning, ElementRef::site(src.id),
                                       "requests of \"" + plan.workload->id + "\" from \"" + src.id + "\" cannot be served under " +
                                           std::string(strategyName(strategy_)) + ": " + why +
                                           " (needs a pool with " + std::string(precisionName(plan.precision)) +
                                           " that can hold model \"" + plan.model->id + "\")"});
    }

    // ---------------------------------------------------------- loads

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

    /// Adds a share's load to this workload's own pool loads (its part of each pool's power).
    void addOwnLoads(const Share& s, const PoolFit& fit, std::vector<int>& poolsUsed)
    {
        if (!poolTouched_[s.pool]) {
            poolTouched_[s.pool] = 1;
            poolsUsed.push_back(s.pool);
        }
        ownPool_[s.pool] += s.rate * fit.service.seconds / fit.servers;
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
        Eigen::ArrayXd D(m), weight(m), meanWait(m);
        Eigen::ArrayXXd coef = Eigen::ArrayXXd::Zero(m, WaitTail::kMaxComponents);
        Eigen::ArrayXXd rate = Eigen::ArrayXXd::Zero(m, WaitTail::kMaxComponents);
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
            weight(i) = served > 0 ? s.rate / served : 1.0 / static_cast<double>(m);
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
            r.latencyMeanSeconds = (weight * (D + meanWait)).sum();
            r.latencyP95Seconds = solveQuantile(D, weight, coef, rate, 0.95);
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

    /// The name a person reads for \a ref, in a message (docs: names for people, ids for files).
    std::string name(const ElementRef& ref) const { return displayName(ref, cx_.scenario, cx_.builtin); }

    void workloadDiagnostics(const InferenceResult& r, const InferenceSpec& spec)
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
                if (rho_[g] >= kSaturated)
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
            if (worst >= kSaturated)
                result_.diagnostics.push_back({Severity::Warning, ElementRef::link(sc.links[l].id),
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
    NearestOpenTarget open_[2]{NearestOpenTarget(cx_.network), NearestOpenTarget(cx_.network)}; ///< edge/on-prem, cloud
    std::vector<int> paths_; ///< the paths of all shares, back to back
    double rhoTarget_ = defaults::kRhoTarget;
    int central_ = -1;
    std::vector<double> rho_;
    std::vector<std::vector<PoolEntry>> entries_;
    std::vector<QueueWait> waits_;
    std::vector<std::vector<Share>> shares_;
    std::vector<double> unserved_;
    std::vector<double> linkRho_;
    std::vector<double> ownPool_, ownLink_;          // scratch of summarize(), all zero between calls
    std::vector<uint8_t> poolTouched_, linkTouched_;
    std::vector<int> sourceSlot_; ///< site → index among the summarized workload's sources
    // Placement and capacity of the workload being admitted.
    std::vector<Group> groups_;
    std::vector<int> groupOf_;          ///< network component → index in groups_, −1: none
    std::vector<int> groupComponents_;  ///< components with a group (to reset groupOf_)
    std::vector<int> sourceGroup_;      ///< per source of the workload, −1: no candidate reachable
    std::vector<double> levels_;        ///< per group
    double shed_ = 0;                   ///< demand a placement could not put anywhere
    std::vector<double> linkBase_;      ///< ρ per directed link of the workloads admitted so far
    std::vector<std::optional<double>> capacity_;
    std::vector<double> shedRps_;
    std::vector<ElementRef> bottleneck_;
    std::vector<std::vector<uint8_t>> reachable_; ///< per plan, per source: a candidate is reachable
    bool findSpof_ = false;
    bool track_ = false;
    std::vector<uint8_t> involvedSites_, involvedLinks_;

public:
    void findSinglePointsOfFailureToo() { findSpof_ = true; }
    void trackInvolvement()
    {
        track_ = true;
        involvedSites_.assign(cx_.sites.size(), 0);
        involvedLinks_.assign(static_cast<size_t>(cx_.network.linkCount()), 0);
    }

private:
    StrategyResult result_;
};

} // namespace

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
    ev.assumptions = std::move(cx.assumptions);
    return ev;
}

} // namespace strata::core
