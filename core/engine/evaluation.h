// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/diagnostic.h"
#include "model/strategy.h"
#include "model/workload.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata::core {

/// Why a share of a source went to a site (formatted by explainPlacement()).
enum class PlacementReason {
    Central,         ///< centralized: every request goes to the central site
    Nearest,         ///< nearest candidate site with room below ρ_target
    Spill,           ///< nearer candidates of the same tier were full
    NearestEdge,     ///< hybrid: nearest edge/on-prem site
    CloudOverflow,   ///< hybrid: every edge/on-prem site it reaches was full; overflow to a cloud site
};

/// One share of one source's requests served at one site's pool.
struct PlacementShare {
    std::string source;        ///< site id of the source
    std::string site;          ///< serving site id
    int pool = 0;              ///< index of the pool at that site
    double share = 0;          ///< share of the source's requests, 0..1
    double rateRps = 0;        ///< requests per second in this share
    double pathLatencySeconds = 0; ///< one-way propagation latency of the path
    int hops = 0;
    PlacementReason reason = PlacementReason::Nearest;
    double utilizationAfter = 0; ///< pool utilization after the share was added
    double rhoTarget = 0;
    double level = 0;            ///< utilization the candidates were filled up to: ρ_target, or more when all were at it
    double availability = 1;     ///< serving site × links × sites passed through (MODEL.md §10)
};

/// How one source of an inference service is served under a strategy.
struct SourceService {
    std::string source;
    double demandRps = 0;
    double servedRps = 0;     ///< placed somewhere (saturated or not); the rest is unserved
    double availability = 0;  ///< 1 − Π(1 − A_share) over its shares; 0 when unserved
    bool reachable = true;    ///< some site that can serve it is reachable (else its demand is unserved)
};

/// Human-readable reason of a placement share ("nearest cloud site (12.3 ms) …").
std::string explainPlacement(const PlacementShare& share);

/// Mean latency split into its parts (MODEL.md §12); the parts add up to the mean.
struct LatencyBreakdown {
    double uplinkSeconds = 0;   ///< request serialization on its bottleneck + congestion wait
    double networkSeconds = 0;  ///< propagation both ways
    double queueSeconds = 0;    ///< mean wait for a slot at the pool
    double serviceSeconds = 0;  ///< roofline service time S
    double downlinkSeconds = 0; ///< response serialization + congestion wait
};

/// Results of one inference workload under one strategy. Optional values are empty when
/// undefined (saturated latency, no throughput): never NaN, never negative.
struct InferenceResult {
    std::string workload;
    bool saturated = false;
    std::optional<double> latencyMeanSeconds;
    std::optional<double> latencyP95Seconds;
    std::optional<bool> sloMet;
    double offeredRps = 0;
    double throughputRps = 0;
    double unservedRps = 0;       ///< demand of sources that reach no suitable site
    double shedRps = 0;           ///< demand beyond the capacity, turned away (admission control)
    /// Largest uniform scale of the reachable demand served in full with every pool and link at
    /// ρ < 1, placed from scratch at that load (docs/model.md §9); empty when no demand reaches a
    /// suitable site. It does not depend on the load evaluated.
    std::optional<double> capacityRps;
    ElementRef bottleneck;        ///< what sets the capacity: a pool or a link
    ElementRef saturatedBy;       ///< a pool or link of this workload at ρ = 1, when saturated
    double achievedFlops = 0;
    double installedFlops = 0;
    double utilization = 0;       ///< achieved / installed FLOP/s ("compute used")
    std::optional<double> busiestPoolRho; ///< highest ρ among the pools this workload uses
    double powerWatts = 0;        ///< site power attributed to this workload, PUE included
    std::optional<double> energyJoulesPerRequest;
    std::optional<double> carbonGramsPer1kRequests;
    std::optional<double> waterLitresPer1kRequests; ///< cooling water for the IT energy (WUE), links none
    std::optional<double> costUsdPer1kRequests;
    bool costIncomplete = false;  ///< some pool has no price: its cost is left out
    double dataMovedBytesPerHour = 0;
    double networkJoulesPerRequest = 0;
    std::string serviceBound;     ///< "compute" or "memory" at the largest share
    bool usesEstimates = false;   ///< some figure is an estimate (e.g. idle power)
    LatencyBreakdown breakdown;
    std::vector<PlacementShare> placement;
    std::vector<SourceService> sources; ///< in the workload's source order
};

/// Where the time of a training or federated job goes (MODEL.md §8, §12).
struct TrainingBreakdown {
    double computeSeconds = 0;       ///< training steps (federated: the slowest selected client's compute and the aggregation)
    double communicationSeconds = 0; ///< exposed cross-site all-reduce (federated: update upload and download)
    double transferSeconds = 0;      ///< moving raw datasets before training
};

/// Results of one training or federated job under one strategy. Optional values are empty when
/// the job cannot run under the strategy (no site with a suitable pool).
struct TrainingResult {
    std::string workload;
    WorkloadType type = WorkloadType::Training;
    std::string mode;                 ///< "central", "data-parallel", "fedavg" or "upload-then-train"
    bool feasible = false;
    double steps = 0;                 ///< optimizer steps (training) or rounds (federated)
    std::optional<double> timeSeconds;
    double totalFlop = 0;             ///< useful FLOP of the whole job
    double sustainedFlops = 0;        ///< totalFlop / time
    std::optional<double> scalingEfficiency; ///< compute time / time
    double energyJoules = 0;          ///< PUE included
    double carbonGrams = 0;
    double waterLitres = 0;           ///< cooling water for the IT energy (WUE), links none
    std::optional<double> costUsd;
    bool costIncomplete = false;      ///< some pool has no price: its cost is left out
    double dataMovedBytes = 0;        ///< raw data moved (federated fedavg: model updates)
    double gradientTrafficBytes = 0;  ///< cross-site all-reduce traffic (training, data-parallel)
    std::optional<double> centralizedDataBytes; ///< federated: raw data that uploading would move
    bool usesEstimates = false;
    TrainingBreakdown breakdown;
    std::vector<std::string> sites;   ///< participating sites (federated: clients used)
};

/// A raw payload or dataset that ends in a site of another jurisdiction (MODEL.md §10).
struct ComplianceViolation {
    std::string workload;
    std::string data;     ///< the source or dataset site
    std::string toSite;
    std::string from;     ///< jurisdiction of the data
    std::string to;       ///< jurisdiction of the receiving site
};

/// The demand of one source site for one workload.
struct SourceOfWorkload {
    std::string workload; ///< workload id
    std::string source;   ///< source site id

    bool operator==(const SourceOfWorkload&) const = default;
};

/// What losing one site or link does under a strategy (N − 1, MODEL.md §10).
struct ComponentImpact {
    ElementRef component;                      ///< a site or a link
    double capacityLostRps = 0;                ///< Σ over inference services of capacity before − after
    bool capacityLossKnown = true;             ///< false when only single points of failure were sought
    std::vector<SourceOfWorkload> unservedSources; ///< the sources that lose all service
    bool singlePointOfFailure = false;         ///< some remaining source is left unserved
};

/// Load of one pool under one strategy. It names the pool by indexes into the evaluated scenario.
struct PoolLoad {
    int site = 0;           ///< index in Scenario::sites
    int pool = 0;           ///< index in that site's pools
    double utilization = 0; ///< Σ λ_i S_i / n_i
    double powerWatts = 0;  ///< PUE included
    bool used = false;
};

/// Load of one link under one strategy, each direction (by index into Scenario::links).
struct LinkLoad {
    int link = 0;
    double utilizationAtoB = 0;
    double utilizationBtoA = 0;
};

/// Everything one strategy yields.
struct StrategyResult {
    Strategy strategy = Strategy::Centralized;
    std::string centralSite; ///< centralized only
    double rhoTarget = 0;    ///< distributed/hybrid
    std::vector<InferenceResult> inference;
    std::vector<TrainingResult> training; ///< training and federated jobs, in file order
    std::vector<ComplianceViolation> compliance;
    std::vector<PoolLoad> pools; ///< every pool, in scenario order
    std::vector<LinkLoad> links; ///< every link, in scenario order
    Diagnostics diagnostics;
    /// N − 1 analysis, filled by analyzeResilience() (not by evaluate()): every component whose
    /// loss changes something, and the single points of failure among them.
    std::vector<ComponentImpact> resilience;
    std::vector<ElementRef> singlePointsOfFailure;
    bool resilienceAnalyzed = false;
    /// With EvaluationOptions::trackInvolvement: 1 for each site (link) that some placement of
    /// this strategy used, at the design's load or in the capacity search, or that is a candidate.
    std::vector<uint8_t> involvedSites, involvedLinks;
};

/// A default or estimate the evaluation used in place of values the scenario left out: one
/// entry per field, value and reason, listing every element it applies to.
struct Assumption {
    std::string field;
    double value = 0;
    std::string why;
    std::vector<ElementRef> elements;
};

/// The result of core::evaluate(): validation findings, then one result per enabled strategy.
struct Evaluation {
    Diagnostics diagnostics;            ///< validation; errors mean no results, unless they all belong to workloads
    std::vector<StrategyResult> results;
    std::vector<Assumption> assumptions;
    /// Workloads left out because of their own errors (listed in diagnostics as "workload:ID");
    /// every other workload was evaluated.
    std::vector<std::string> invalidWorkloads;

    /// True when there are results to show: no errors, or errors only in the workloads left out.
    bool ok() const { return !hasErrors(diagnostics) || !invalidWorkloads.empty(); }
};

/// The result of workload \a id in \a list (a StrategyResult's inference or training results), or null.
template <typename R>
const R* findResult(const std::vector<R>& list, const std::string& id)
{
    for (const R& r : list)
        if (r.workload == id)
            return &r;
    return nullptr;
}

} // namespace strata::core
