// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to the engine: one strategy's evaluation of the inference services of a design. The
// class is defined over several files, one for each thing it does:
//   strategyrun.cpp        admission of each workload in file order, pool queues
//   placement.cpp          the placement policy of each strategy (docs/model.md §4)
//   capacity.cpp           capacity and its bottleneck (§9)
//   inferencemetrics.cpp   latency, p95, energy, carbon, water, cost and loads of each service
//   singlepoints.cpp       single points of failure (§15)

#include "evaluation.h"
#include "inferenceplan.h"
#include "network.h"
#include "queueing.h"
#include "defaults.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace strata::core::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
/// A pool or link at this utilization or more is saturated: admission fills a bottleneck to
/// ρ = 1 exactly, which rounding may leave a hair below.
inline constexpr double kSaturated = 1.0 - 1e-9;

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

/// How a strategy places a service's requests (docs/model.md §4). Each strategy's rule is here,
/// in one switch the compiler checks for every strategy; the placement code reads only this.
struct PlacementPolicy {
    /// Centralized: every source goes to the one central site, whatever the load (no ρ_target).
    bool oneCentralSite = false;
    /// Hybrid: edge and on-prem candidates are filled before the clouds, which take the overflow.
    bool edgeFirst = false;
    /// The sites it may use, as a person reads them in "no … site it can reach".
    const char* candidates = "";
};

constexpr PlacementPolicy placementPolicy(Strategy s)
{
    switch (s) {
    case Strategy::Centralized:
        return {true, false, "central"};
    case Strategy::Distributed:
        return {false, false, "cloud"};
    case Strategy::Hybrid:
        return {false, true, "edge, on-prem or cloud"};
    }
    return {};
}

class StrategyRun {
public:
    StrategyRun(Context& cx, Strategy strategy, bool summaryOnly);

    StrategyResult run();

private:
    // ---------------------------------------------------------- placement

    bool prepareCentral();

    StrategyResult finishUnplaced();

    /// A site a source may be served by, with the tree its path comes from (copied only when used).
    struct Candidate {
        int site = -1;
        double latency = 0;
        int hops = 0;
        const NearestTarget* tree = nullptr;     ///< the central site's tree, or
        const NearestOpenTarget* open = nullptr; ///< the open candidates of a tier
    };

    std::span<const int> pathOf(const Share& s) const;

    void addShare(int planIndex, const WorkloadPlan::Source& src, double totalRate, const Candidate& c, double rate,
                  PlacementReason reason, double level);

    /// Requests/s the pool of candidate \a site takes from its present load up to utilization \a level.
    double room(const WorkloadPlan& plan, int site, double level) const;

    /// The candidates of the workload being placed in one connected part of the network, and the
    /// demand (at scale 1) of the sources there: they can reach every one of these candidates and
    /// no other.
    struct Group {
        std::vector<int> candidates; ///< sites
        double demand = 0;
    };

    double groupRoom(const WorkloadPlan& plan, const Group& group, double level) const;

    /// Sorts the candidates of workload \a p into groups by network component and finds the group
    /// of each source (−1: no candidate reachable).
    void buildGroups(int p);

    /// The utilization up to which distributed and hybrid fill candidates so that \a group takes
    /// \a need req/s: ρ_target when its candidates have that much room below it; otherwise the
    /// lowest level L ≤ 1 at which Σ_c μ_c·(L − ρ_c)⁺ = need (the load balancer raises its
    /// threshold evenly over every candidate it reaches); 1 when even that is not enough.
    double levelFor(const WorkloadPlan& plan, const Group& group, double need) const;

    /// Places workload \a p with every source's demand multiplied by \a scale, on top of the loads
    /// already placed. Sources in no group are left out (see reportUnreachable()).
    void placeWorkload(int p, double scale);

    /// The nearest edge/on-prem (\a edge) or cloud candidate tree of workload \a p.
    const NearestTarget* tree(int p, bool edge);

    /// Distributed and hybrid: the candidates in order of path latency (hybrid: every edge/on-prem
    /// site first, then the clouds), each up to utilization \a level. The candidates still open
    /// (open_, reset for each placement) give each source its nearest candidate with room, which
    /// is the next one a walk in order of latency from the source would offer.
    void placeNearest(int p, const WorkloadPlan::Source& src, double rate, double level, double groupNeed);

    /// Warns once for each source of workload \a p that no candidate of the strategy can serve.
    void reportUnreachable(int p);

    /// Workload \a p in file order (earlier workloads first: a later one takes what is left):
    /// its capacity, then its placement at the offered load, or at its capacity when the offered
    /// load is more (admission control: the rest is turned away, docs/model.md §9).
    void admit(int p);

    // ---------------------------------------------------------- single points of failure (§15)

    /// The sites and links whose loss leaves a source with no path to any site that can serve it.
    /// For each workload, a virtual vertex t joins every candidate site; a source keeps service
    /// without site X (or link e) exactly when it stays connected to t. One iterative Tarjan DFS
    /// from t then finds, in O(sites + links), every articulation point and bridge together with
    /// the DFS subtree it cuts off from t; a cut is a single point of failure when that subtree
    /// holds a source with demand (the lost site's own demand does not count).
    void findSinglePointsOfFailure();

    // ---------------------------------------------------------- capacity (docs/model.md §9)

    /// Everything a trial placement of the workload being placed changes, to undo it.
    struct Mark {
        size_t paths = 0;
        std::vector<double> rho;
        double shed = 0;
    };

    Mark mark() const { return {paths_.size(), rho_, shed_}; }

    void rollback(int p, Mark& m);

    /// This workload's own load on each directed link (ρ units) into ownLink_, its links into \a used.
    void ownLinkLoads(int p, std::vector<int>& used);

    void clearOwnLinks(const std::vector<int>& used);

    /// How far the placed shares of \a p could be scaled before a link they use reaches ρ = 1 with
    /// the earlier workloads' traffic (α, +∞ when they use no link), and that link (−1: none).
    std::pair<double, int> linkHeadroom(int p);

    /// A shortest path crosses a link at most once, so a link carries at most the whole traffic
    /// of the sources in its component. When even that fits every link there beside the earlier
    /// workloads' traffic at scale \a scale, no link can bind and the placement need not be probed.
    bool linksCannotBind(int p, double scale) const;

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
    Capacity findCapacity(int p);

    void noteUnplaceable(int p, const WorkloadPlan::Source& src, const std::string& why);

    // ---------------------------------------------------------- loads

    void computePools();

    // ---------------------------------------------------------- results

    /// Bottleneck of a path for a message of \a bytes: the link with the largest s/(1 − ρ).
    struct PathLeg {
        double serialization = 0; ///< s_l* of the effective bottleneck
        double rho = 0;
        bool saturated = false;
        int saturatedLink = -1;
        double energyJPerBit = 0;
    };

    PathLeg leg(std::span<const int> path, bool forward, double bytes) const;

    /// Adds a share's load to this workload's own pool loads (its part of each pool's power).
    void addOwnLoads(const Share& s, const PoolFit& fit, std::vector<int>& poolsUsed);

    InferenceResult summarize(int p);

    /// The name a person reads for \a ref, in a message (docs: names for people, ids for files).
    std::string name(const ElementRef& ref) const { return displayName(ref, cx_.scenario, cx_.builtin); }

    void workloadDiagnostics(const InferenceResult& r, const InferenceSpec& spec);

    void reportLoads();

    Context& cx_;
    const bool summaryOnly_;
    Strategy strategy_;
    PlacementPolicy policy_;
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
    void trackInvolvement();

private:
    StrategyResult result_;
};

} // namespace strata::core::detail
