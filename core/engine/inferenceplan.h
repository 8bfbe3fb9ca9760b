// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to the engine: what the evaluator compiles once per design for each inference service
// (how it runs on every pool, its candidate sites and its sources), shared by every strategy.

#include "compiledscenario.h"
#include "roofline.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::core::detail {

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
    /// The model as served: bytes_per_param from the service's weight_precision when it sets one.
    Model served;
    double kvBytesPerValue = 2; ///< kv_cache_precision's bytes, else the precision's
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

/// Compiles the inference services of \a cx's scenario into cx.plans (training and federated jobs
/// are evaluated by trainingmodel.cpp), with the assumptions and warnings that come with them.
void compileWorkloads(Context& cx);

} // namespace strata::core::detail
