// SPDX-License-Identifier: GPL-3.0-or-later
#include "inferenceplan.h"

#include "defaults.h"

#include <algorithm>
#include <set>

namespace strata::core::detail {

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
        // How the weights and the KV cache are stored (issue 15).
        plan.served = *plan.model;
        if (spec->weightPrecision)
            plan.served.bytesPerParam = bytesPerValue(*spec->weightPrecision);
        plan.kvBytesPerValue = bytesPerValue(spec->kvCachePrecision.value_or(plan.precision));
        plan.batch = spec->maxBatch.value_or(defaults::kMaxBatch);
        double cv = spec->serviceCv.value_or(defaults::kServiceCv);
        plan.cv2 = cv * cv;
        const double ce = spec->computeEfficiency.value_or(defaults::kComputeEfficiency);
        const double me = spec->memoryEfficiency.value_or(defaults::kMemoryEfficiency);
        const double in = spec->inputTokens.value_or(0), out = spec->outputTokens.value_or(0);
        plan.flopsPerRequest = flopsPerRequest(plan.served, in, out);
        ElementRef el = ElementRef::workload(w.id);
        if (!spec->computeEfficiency)
            cx.assume(el, "compute_efficiency", ce, "MODEL.md default for inference");
        if (!spec->memoryEfficiency)
            cx.assume(el, "memory_efficiency", me, "MODEL.md default");
        if (!spec->maxBatch)
            cx.assume(el, "max_batch", plan.batch, "MODEL.md default");
        if (!spec->serviceCv)
            cx.assume(el, "service_cv", cv, "MODEL.md default (deterministic service)");
        if (!spec->kvCachePrecision && plan.model->kind == ModelKind::Transformer)
            cx.assume(el, "kv_cache_precision", plan.kvBytesPerValue,
                      "bytes per KV-cache value: the workload's precision, " + std::string(precisionName(plan.precision)) + " (docs/model.md §5)");

        plan.fits.resize(cx.pools.size());
        plan.bestPool.assign(cx.sites.size(), -1);
        std::vector<double> bestFlops(cx.sites.size(), -1.0);
        // A replica holds the weights and the KV cache of a full batch (issue 15).
        const double modelBytes = plan.served.weightBytes();
        const double replicaBytes = replicaMemoryBytes(plan.served, plan.batch, in, out, plan.kvBytesPerValue);
        const double kvBytes = replicaBytes - modelBytes;
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
            fit.span = replicaSpan(replicaBytes, a.memoryGb.value_or(0) * 1e9);
            if (fit.span == 0) {
                cx.diagnostics.push_back({Severity::Warning, poolElement(siteId, pool.index),
                                          a.id + " has no memory figure; give memory_gb in the scenario's accelerators to use it for \"" + w.id + "\""});
                continue;
            }
            fit.replicas = pool.count / fit.span;
            if (fit.replicas == 0) {
                std::string key = w.id + "|" + siteId + "|" + std::to_string(pool.index) + "|fit";
                if (reported.insert(key).second) {
                    // Say by how much: what a replica needs against what the whole pool holds.
                    const double usable = static_cast<double>(pool.count) * a.memoryGb.value_or(0) * 1e9 * defaults::kModelMemoryShare;
                    std::string need = formatShort(modelBytes / 1e9) + " GB of weights";
                    if (kvBytes > 0)
                        need += " + " + formatShort(kvBytes / 1e9) + " GB of KV cache for a batch of " + formatShort(plan.batch);
                    cx.diagnostics.push_back({Severity::Warning, poolElement(siteId, pool.index),
                                              "model \"" + plan.model->id + "\" needs " + need + " per replica, " +
                                                  std::to_string(fit.span) + " × " + a.id + ", but the pool's " + std::to_string(pool.count) +
                                                  " hold " + formatShort(usable / 1e9) + " GB (" +
                                                  formatShort(defaults::kModelMemoryShare * 100) + " % of their memory; the rest is kept for "
                                                  "activations and the runtime); the model does not fit by " +
                                                  formatShort((replicaBytes - usable) / 1e9) +
                                                  " GB — add devices, use larger ones, a smaller batch or fewer bytes per parameter"});
                }
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
            fit.service = serviceTime(plan.served, plan.batch, in, out, fit.flops, bandwidth, plan.kvBytesPerValue);
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

} // namespace strata::core::detail
