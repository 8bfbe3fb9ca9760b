// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics.h"

#include <cmath>

namespace strata::core {

namespace {

using namespace units;

std::optional<double> scaled(const std::optional<double>& v, double factor)
{
    if (!v)
        return std::nullopt;
    return *v * factor;
}

FileValue number(const std::optional<double>& v)
{
    if (!v)
        return {};
    return *v;
}

const char* const kTrainingTime =
    "time = steps · global_batch_tokens · f_token / Σ_sites(n·peak·mfu) + (steps / H)·(1 − overlap)·t_ar + dataset transfer, "
    "with f_token = 6N (×4/3 with activation recompute) + 12·L·seq_len·d; "
    "t_ar = 2(S − 1)/S · 8G / bw_wan + 2(S − 1)·latency_wan with G = 2N bytes. "
    "Federated: R × (E[max] over the K clients of a round of local compute + update up/down + aggregation).";

std::vector<Metric<InferenceResult>> makeInference()
{
    using R = InferenceResult;
    return {
        {.key = "latency_mean", .label = "latency mean", .unit = "ms", .better = Better::Lower, .saturates = true,
         .formula = "mean = Σ_i w_i (D_i + E[W_pool] + E[W_up] + E[W_down]) over the placement shares i, weighted by demand; "
                    "D = path latency both ways + serialization on the bottleneck links + service time S (roofline). "
                    "E[W_pool] = C·S/(n − a)·(1 + cv²)/2 (Allen–Cunneen M/G/c).",
         .value = [](const R& r) { return scaled(r.latencyMeanSeconds, 1e3); },
         .fileName = "latency_mean_ms"},
        {.key = "latency_p95", .label = "latency p95", .unit = "ms", .better = Better::Lower, .saturates = true,
         .formula = "p95 = the t with Σ_i w_i · P_i(T > t) = 0.05, where each share's T is its deterministic part D_i plus "
                    "independent 'zero or exponential' waits at the pool and the bottleneck links (exact hypo-exponential tail).",
         .value = [](const R& r) { return scaled(r.latencyP95Seconds, 1e3); },
         .fileName = "latency_p95_ms",
         .paper = {"Latency", "p95 latency of {workload} (ms)", 10}},
        {.key = "slo_met", .label = "SLO p95 met",
         .formula = "yes when latency p95 ≤ the workload's slo_p95_ms.",
         .text = [](const R& r) -> std::string { return r.sloMet ? (*r.sloMet ? "yes" : "NO") : "-"; },
         .fileName = "slo_met",
         .file = [](const R& r) -> FileValue { return r.sloMet ? FileValue(*r.sloMet) : FileValue(); }},
        {.key = "throughput", .label = "throughput", .unit = "req/s", .better = Better::Higher,
         .formula = "throughput = min(offered, capacity): past the capacity every source is admitted at the same fraction "
                    "and the rest is shed (req/s).",
         .value = [](const R& r) -> std::optional<double> { return r.throughputRps; },
         .fileName = "throughput_rps"},
        {.key = "capacity", .label = "capacity", .unit = "req/s", .better = Better::Higher,
         .formula = "capacity = the largest uniform scale of the offered load that the strategy, placing from scratch at that "
                    "load, serves in full with every pool and link below ρ = 1 (pools: Σ n/S·(1 − ρ_other) over the candidates "
                    "it reaches; links: searched). It does not depend on the load evaluated.",
         .value = [](const R& r) { return r.capacityRps; },
         .fileName = "capacity_rps",
         .paper = {"Scalability", "capacity of {workload} (req/s)", 20}},
        {.key = "bottleneck", .label = "bottleneck",
         .formula = "what sets the capacity: the link that saturates first, or the pools when all the candidates fill up together.",
         .text = [](const R& r) { return r.bottleneck.empty() ? std::string("-") : r.bottleneck.key(); },
         .element = [](const R& r) { return r.bottleneck; },
         .fileName = "bottleneck",
         .file = [](const R& r) -> FileValue { return r.bottleneck.empty() ? FileValue() : FileValue(r.bottleneck.key()); }},
        {.key = "achieved_pflops", .label = "achieved", .unit = "PFLOP/s",
         .formula = "achieved = Σ λ · flops_per_request (an LLM request: 2N·(input_tokens + output_tokens)).",
         .value = [](const R& r) -> std::optional<double> { return r.achievedFlops / kFlopsPerPflops; },
         .fileName = "achieved_pflops"},
        {.key = "installed_pflops", .label = "installed", .unit = "PFLOP/s",
         .formula = "installed = Σ count · peak[precision] over the pools the strategy uses.",
         .value = [](const R& r) -> std::optional<double> { return r.installedFlops / kFlopsPerPflops; },
         .fileName = "installed_pflops"},
        // Neither is better higher or lower: a busy pool is cheap per request and slow to answer.
        {.key = "utilization", .label = "compute used", .unit = "% of installed FLOP/s",
         .formula = "compute used = achieved / installed FLOP/s of the pools the workload uses (not the pools' ρ: a "
                    "memory-bound pool can be full while its FLOP/s are idle).",
         .value = [](const R& r) -> std::optional<double> { return r.utilization * 100; },
         .fileName = "utilization",
         .file = [](const R& r) -> FileValue { return r.utilization; }}, // files keep the fraction
        {.key = "busiest_pool_rho", .label = "busiest pool ρ",
         .formula = "busiest pool ρ = the highest utilization Σ λ_i S_i / n_i among the pools the workload uses (ρ = 1 is saturated).",
         .value = [](const R& r) { return r.busiestPoolRho; },
         .fileName = "busiest_pool_rho", .csv = false},
        {.key = "power", .label = "power", .unit = "kW", .better = Better::Lower, .perRequest = true,
         .formula = "power = Σ pools count·(idle_w + u·(tdp_w − idle_w)) × PUE, shared pools split by offered load.",
         .value = [](const R& r) -> std::optional<double> { return r.powerWatts / 1e3; },
         .fileName = "power_kw",
         .chart = {"power", "Power", "kW"}},
        {.key = "energy_per_request", .label = "energy", .unit = "J/request", .better = Better::Lower, .perRequest = true,
         .formula = "energy per request = site power / throughput + 8·(request + response bytes)·Σ_path energy_j_per_bit.",
         .value = [](const R& r) { return r.energyJoulesPerRequest; },
         .fileName = "energy_j_per_request",
         .chart = {"energy", "Energy per request", "J"},
         .paper = {"Energy efficiency", "energy per request of {workload} (J)", 60}},
        {.key = "carbon", .label = "carbon", .unit = "g CO2/1k req", .better = Better::Lower, .perRequest = true,
         .formula = "carbon per 1k requests = 1000 · Σ site energy per request × carbon_g_per_kwh / 3.6e6 (+ network energy "
                    "at the source's intensity).",
         .value = [](const R& r) { return r.carbonGramsPer1kRequests; },
         .fileName = "carbon_g_per_1k_requests",
         .chart = {"carbon", "Carbon per 1,000 requests", "g CO₂"}},
        {.key = "water", .label = "water", .unit = "L/1k req", .better = Better::Lower, .perRequest = true,
         .formula = "water per 1k requests = 1000 · Σ pools (pool energy per request / PUE) × WUE / 3.6e6: the water the "
                    "sites' cooling uses for the IT energy (WUE in litres per kWh of IT energy; links use none).",
         .value = [](const R& r) { return r.waterLitresPer1kRequests; },
         .fileName = "water_l_per_1k_requests",
         .chart = {"water", "Water per 1,000 requests", "L"},
         .paper = {"Water", "water per 1,000 requests of {workload} (L)", 70}},
        {.key = "cost", .label = "cost", .unit = "USD/1k req", .better = Better::Lower, .perRequest = true,
         .formula = "cost per 1k requests = 1000 · (Σ accelerator-hours × usd_per_hour [on-prem: energy × usd_per_kwh] + "
                    "egress GB × usd_per_gb) / requests.",
         .value = [](const R& r) { return r.costUsdPer1kRequests; },
         .partial = [](const R& r) { return r.costIncomplete; },
         .partialNote = "leaves out pools without a sourced price",
         .fileName = "cost_usd_per_1k_requests",
         .chart = {"cost", "Cost per 1,000 requests", "USD"}},
        {.key = "data_moved", .label = "data moved", .unit = "GB/h", .better = Better::Lower, .perRequest = true,
         .formula = "data moved = Σ λ·(request + response bytes) over shares whose path leaves the source site, per hour.",
         .value = [](const R& r) -> std::optional<double> { return r.dataMovedBytesPerHour / kBytesPerGb; },
         .fileName = "data_moved_gb_per_hour",
         .chart = {"data", "Data moved", "GB/h"}},
    };
}

std::vector<Metric<TrainingResult>> makeTraining()
{
    using R = TrainingResult;
    // Only a job that can run has these figures.
    auto ifFeasible = [](double (*f)(const R&)) {
        return [f](const R& r) -> std::optional<double> {
            if (!r.feasible)
                return std::nullopt;
            return f(r);
        };
    };
    return {
        {.key = "mode", .label = "mode",
         .formula = "central, data-parallel across sites, FedAvg rounds, or upload-then-train.",
         .text = [](const R& r) { return r.feasible ? r.mode : std::string("cannot run"); },
         .fileName = "mode", .csv = false,
         .file = [](const R& r) -> FileValue { return r.mode; }},
        {.key = "time", .label = "time", .unit = "days", .better = Better::Lower,
         .formula = kTrainingTime,
         .value = [](const R& r) { return scaled(r.timeSeconds, 1 / kSecondsPerDay); },
         .fileName = "time_days"},
        {.key = "time_compute", .label = "compute", .unit = "days", .detail = true, .formula = kTrainingTime,
         .value = ifFeasible([](const R& r) { return r.breakdown.computeSeconds / kSecondsPerDay; })},
        {.key = "time_communication", .label = "communication", .unit = "days", .detail = true, .formula = kTrainingTime,
         .value = ifFeasible([](const R& r) { return r.breakdown.communicationSeconds / kSecondsPerDay; })},
        {.key = "time_transfer", .label = "data transfer", .unit = "days", .detail = true, .formula = kTrainingTime,
         .value = ifFeasible([](const R& r) { return r.breakdown.transferSeconds / kSecondsPerDay; })},
        {.key = "sustained_pflops", .label = "sustained", .unit = "PFLOP/s", .better = Better::Higher,
         .formula = "sustained = total useful FLOP / time.",
         .value = ifFeasible([](const R& r) { return r.sustainedFlops / kFlopsPerPflops; }),
         .fileName = "sustained_pflops", .csv = false},
        // Only where it compares something: one site has no scaling to measure (files keep it).
        {.key = "scaling_efficiency", .label = "scaling efficiency", .better = Better::Higher,
         .formula = "scaling efficiency = compute time / total time.",
         .value = [](const R& r) { return r.sites.size() > 1 ? r.scalingEfficiency : std::nullopt; },
         .fileName = "scaling_efficiency",
         .file = [](const R& r) { return number(r.scalingEfficiency); }},
        {.key = "training_energy", .label = "energy", .unit = "MWh", .better = Better::Lower,
         .formula = "energy = Σ pools (tdp_w during compute, idle_w while waiting on communication) × time × PUE.",
         .value = ifFeasible([](const R& r) { return r.energyJoules / kJoulesPerMwh; }),
         .fileName = "energy_mwh",
         .chart = {"energy", "Energy", "MWh"},
         .paper = {"Energy efficiency", "energy of {workload} (MWh)", 60}},
        {.key = "training_carbon", .label = "carbon", .unit = "t CO2", .better = Better::Lower,
         .formula = "carbon = Σ site energy × carbon_g_per_kwh.",
         .value = ifFeasible([](const R& r) { return r.carbonGrams / 1e6; }),
         .fileName = "carbon_t",
         .chart = {"carbon", "Carbon", "t CO₂"}},
        {.key = "training_water", .label = "water", .unit = "m³", .better = Better::Lower,
         .formula = "water = Σ pools (pool energy / PUE) × WUE / 3.6e6: the water the sites' cooling uses for the IT "
                    "energy of the job (WUE in litres per kWh of IT energy; links use none).",
         .value = ifFeasible([](const R& r) { return r.waterLitres / 1e3; }),
         .fileName = "water_l",
         .file = [](const R& r) { return r.feasible ? FileValue(r.waterLitres) : FileValue(); },
         .chart = {"water", "Water", "m³"},
         .paper = {"Water", "water of {workload} (m³)", 70}},
        {.key = "training_cost", .label = "cost", .unit = "USD", .better = Better::Lower,
         .formula = "cost = Σ accelerator-hours × usd_per_hour (on-prem: energy × usd_per_kwh) + egress bytes × usd_per_gb.",
         .value = [](const R& r) { return r.costUsd; },
         .partial = [](const R& r) { return r.costIncomplete; },
         .partialNote = "leaves out pools without a sourced price",
         .fileName = "cost_usd",
         .chart = {"cost", "Cost", "USD"},
         .paper = {"Training cost", "cost of {workload} (USD)", 30}},
        // Datasets and all-reduce traffic together: a strategy never wins by leaving traffic out.
        {.key = "training_data_moved", .label = "data moved (datasets + gradients)", .unit = "GB", .better = Better::Lower,
         .formula = "data moved = raw datasets moved before training + gradient traffic across sites "
                    "(federated FedAvg: R·K·2·update bytes).",
         .value = ifFeasible([](const R& r) { return (r.dataMovedBytes + r.gradientTrafficBytes) / kBytesPerGb; }),
         .chart = {"data", "Data moved (datasets + gradients)", "GB"}},
        {.key = "raw_data_moved", .label = "datasets", .unit = "GB", .detail = true,
         .formula = "datasets = raw data moved before training (federated FedAvg: model updates).",
         .value = ifFeasible([](const R& r) { return r.dataMovedBytes / kBytesPerGb; }),
         .fileName = "data_moved_gb"},
        {.key = "gradient_traffic", .label = "gradient traffic", .unit = "GB", .detail = true,
         .formula = "gradient traffic = (steps / H) · 2(S − 1)/S · G per site, across sites.",
         .value = ifFeasible([](const R& r) { return r.gradientTrafficBytes / kBytesPerGb; }),
         .fileName = "gradient_traffic_gb"},
    };
}

template <typename R>
std::optional<MetricText> textIn(const std::vector<Metric<R>>& metrics, std::string_view key)
{
    if (const Metric<R>* m = findMetric(metrics, key))
        return MetricText{m->label, m->unit, m->formula};
    return std::nullopt;
}

} // namespace

const std::vector<Metric<InferenceResult>>& inferenceMetrics()
{
    static const std::vector<Metric<InferenceResult>> metrics = makeInference();
    return metrics;
}

const std::vector<Metric<TrainingResult>>& trainingMetrics()
{
    static const std::vector<Metric<TrainingResult>> metrics = makeTraining();
    return metrics;
}

std::optional<MetricText> metricText(std::string_view key)
{
    if (auto t = textIn(inferenceMetrics(), key))
        return t;
    return textIn(trainingMetrics(), key);
}

namespace {

template <typename R>
void checkFinite(const std::vector<Metric<R>>& metrics, const std::vector<R>& results, Strategy s, Diagnostics& out)
{
    for (const R& r : results)
        for (const Metric<R>& m : metrics) {
            if (!m.value)
                continue;
            const std::optional<double> v = m.value(r);
            if (!v || std::isfinite(*v))
                continue;
            out.push_back({Severity::Error, ElementRef::workload(r.workload),
                           "under " + std::string(strategyName(s)) + ", " + m.label + " is not a finite number (" +
                               (std::isnan(*v) ? "NaN" : "infinite") +
                               "): an input is too large or too small for the model; check the magnitudes of this "
                               "workload's model, its sites and the links between them"});
        }
}

} // namespace

Diagnostics nonFiniteMetrics(const Evaluation& ev)
{
    Diagnostics out;
    for (const StrategyResult& sr : ev.results) {
        checkFinite(inferenceMetrics(), sr.inference, sr.strategy, out);
        checkFinite(trainingMetrics(), sr.training, sr.strategy, out);
    }
    return out;
}

} // namespace strata::core
