// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

namespace strata::core {

namespace {

constexpr double kDay = 86400.0;

/// How one row reads its value (or text) from a result of type R.
template <typename R>
struct RowSpec {
    using Metric = std::function<std::optional<double>(const R&)>;
    using Text = std::function<std::string(const R&)>;
    using Flag = std::function<bool(const R&)>;

    RowSpec(std::string key_, std::string label_, std::string unit_, Better better_, Metric metric_,
            Text text_ = Text(), Flag partial_ = Flag(), bool detail_ = false)
        : key(std::move(key_))
        , label(std::move(label_))
        , unit(std::move(unit_))
        , better(better_)
        , metric(std::move(metric_))
        , text(std::move(text_))
        , partial(std::move(partial_))
        , detail(detail_)
    {
    }

    std::string key, label, unit;
    Better better;
    Metric metric;
    Text text;
    Flag partial;
    bool detail;
};

std::optional<double> scaled(const std::optional<double>& v, double factor)
{
    if (!v)
        return std::nullopt;
    return *v * factor;
}

std::vector<RowSpec<InferenceResult>> inferenceSpecs()
{
    using R = InferenceResult;
    auto value = [](double v) -> std::optional<double> { return v; };
    return {
        {"latency_mean", "latency mean", "ms", Better::Lower, [](const R& r) { return scaled(r.latencyMeanSeconds, 1e3); }},
        {"latency_p95", "latency p95", "ms", Better::Lower, [](const R& r) { return scaled(r.latencyP95Seconds, 1e3); }},
        {"slo_met", "SLO p95 met", "", Better::None, {}, [](const R& r) -> std::string {
             return r.sloMet ? (*r.sloMet ? "yes" : "NO") : "-";
         }},
        {"throughput", "throughput", "req/s", Better::Higher, [=](const R& r) { return value(r.throughputRps); }},
        {"capacity", "capacity", "req/s", Better::Higher, [](const R& r) { return r.capacityRps; }},
        {"bottleneck", "bottleneck", "", Better::None, {}, [](const R& r) { return r.bottleneck.empty() ? std::string("-") : r.bottleneck.key(); }},
        {"achieved_pflops", "achieved", "PFLOP/s", Better::None, [=](const R& r) { return value(r.achievedFlops / 1e15); }},
        {"installed_pflops", "installed", "PFLOP/s", Better::None, [=](const R& r) { return value(r.installedFlops / 1e15); }},
        // Neither is better higher or lower: a busy pool is cheap per request and slow to answer.
        {"utilization", "compute used", "% of installed FLOP/s", Better::None, [=](const R& r) { return value(r.utilization * 100); }},
        {"busiest_pool_rho", "busiest pool ρ", "", Better::None, [](const R& r) { return r.busiestPoolRho; }},
        {"power", "power", "kW", Better::Lower, [=](const R& r) { return value(r.powerWatts / 1e3); }},
        {"energy_per_request", "energy", "J/request", Better::Lower, [](const R& r) { return r.energyJoulesPerRequest; }},
        {"carbon", "carbon", "g CO2/1k req", Better::Lower, [](const R& r) { return r.carbonGramsPer1kRequests; }},
        {"cost", "cost", "USD/1k req", Better::Lower, [](const R& r) { return r.costUsdPer1kRequests; }, {},
         [](const R& r) { return r.costIncomplete; }},
        {"data_moved", "data moved", "GB/h", Better::Lower, [=](const R& r) { return value(r.dataMovedBytesPerHour / 1e9); }},
    };
}

std::vector<RowSpec<TrainingResult>> trainingSpecs()
{
    using R = TrainingResult;
    auto ifFeasible = [](const R& r, double v) -> std::optional<double> {
        if (!r.feasible)
            return std::nullopt;
        return v;
    };
    return {
        {"mode", "mode", "", Better::None, {}, [](const R& r) { return r.feasible ? r.mode : std::string("cannot run"); }},
        {"time", "time", "days", Better::Lower, [](const R& r) { return scaled(r.timeSeconds, 1 / kDay); }},
        {"time_compute", "compute", "days", Better::None,
         [=](const R& r) { return ifFeasible(r, r.breakdown.computeSeconds / kDay); }, {}, {}, true},
        {"time_communication", "communication", "days", Better::None,
         [=](const R& r) { return ifFeasible(r, r.breakdown.communicationSeconds / kDay); }, {}, {}, true},
        {"time_transfer", "data transfer", "days", Better::None,
         [=](const R& r) { return ifFeasible(r, r.breakdown.transferSeconds / kDay); }, {}, {}, true},
        {"sustained_pflops", "sustained", "PFLOP/s", Better::Higher, [=](const R& r) { return ifFeasible(r, r.sustainedFlops / 1e15); }},
        // Only where it compares something: one site has no scaling to measure.
        {"scaling_efficiency", "scaling efficiency", "", Better::Higher,
         [](const R& r) { return r.sites.size() > 1 ? r.scalingEfficiency : std::nullopt; }},
        {"training_energy", "energy", "MWh", Better::Lower, [=](const R& r) { return ifFeasible(r, r.energyJoules / 3.6e9); }},
        {"training_carbon", "carbon", "t CO2", Better::Lower, [=](const R& r) { return ifFeasible(r, r.carbonGrams / 1e6); }},
        {"training_cost", "cost", "USD", Better::Lower, [](const R& r) { return r.costUsd; }, {},
         [](const R& r) { return r.costIncomplete; }},
        // Datasets and all-reduce traffic together: a strategy never wins by leaving traffic out.
        {"training_data_moved", "data moved (datasets + gradients)", "GB", Better::Lower,
         [=](const R& r) { return ifFeasible(r, (r.dataMovedBytes + r.gradientTrafficBytes) / 1e9); }},
        {"raw_data_moved", "datasets", "GB", Better::None, [=](const R& r) { return ifFeasible(r, r.dataMovedBytes / 1e9); },
         {}, {}, true},
        {"gradient_traffic", "gradient traffic", "GB", Better::None,
         [=](const R& r) { return ifFeasible(r, r.gradientTrafficBytes / 1e9); }, {}, {}, true},
    };
}

/// Rows whose value falls when less is served: a strategy serving part of the demand cannot win them.
bool servesPart(const InferenceResult& r, const std::string& key)
{
    static const std::set<std::string> perRequest = {"power", "energy_per_request", "carbon", "cost", "data_moved"};
    return !servesAllDemand(r) && perRequest.count(key) > 0;
}
bool servesPart(const TrainingResult&, const std::string&) { return false; }

bool saysSaturated(const InferenceResult& r, const std::string& key)
{
    return r.saturated && (key == "latency_mean" || key == "latency_p95");
}
bool saysSaturated(const TrainingResult&, const std::string&) { return false; }

/// The element a textual cell names (the bottleneck), shown by name to people.
ElementRef rowElement(const InferenceResult& r, const std::string& key) { return key == "bottleneck" ? r.bottleneck : ElementRef{}; }
ElementRef rowElement(const TrainingResult&, const std::string&) { return {}; }


template <typename R, typename Get>
std::vector<ComparisonRow> buildRows(const std::vector<RowSpec<R>>& specs, const Evaluation& ev, Get get)
{
    std::vector<ComparisonRow> rows;
    for (const RowSpec<R>& spec : specs) {
        ComparisonRow row;
        row.key = spec.key;
        row.label = spec.label;
        row.unit = spec.unit;
        row.better = spec.better;
        row.detail = spec.detail;
        row.textual = !spec.metric;
        std::optional<double> best;
        size_t contenders = 0;
        for (const StrategyResult& sr : ev.results) {
            ComparisonCell cell;
            const R* r = get(sr);
            cell.present = r != nullptr;
            if (r) {
                if (spec.text)
                    cell.text = spec.text(*r);
                cell.ref = rowElement(*r, spec.key);
                if (spec.metric) {
                    cell.value = spec.metric(*r);
                    cell.partial = spec.partial && spec.partial(*r);
                    cell.partService = servesPart(*r, spec.key);
                    if (!cell.value)
                        cell.text = saysSaturated(*r, spec.key) ? "saturated" : "-";
                }
            } else {
                cell.text = "-";
            }
            if (cell.value && !cell.partial && !cell.partService) {
                ++contenders;
                if (!best || (spec.better == Better::Lower ? *cell.value < *best : *cell.value > *best))
                    best = cell.value;
            }
            row.cells.push_back(std::move(cell));
        }
        // Values that differ only by rounding (one part in 10^9) are a tie, not a win.
        auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); };
        const bool allEqual = std::all_of(row.cells.begin(), row.cells.end(), [&](const ComparisonCell& c) {
            return c.value && !c.partial && !c.partService && best && same(*c.value, *best);
        });
        if (spec.better != Better::None && contenders > 1 && !allEqual)
            for (ComparisonCell& c : row.cells)
                c.winner = c.value && !c.partial && !c.partService && same(*c.value, *best);
        rows.push_back(std::move(row));
    }
    return rows;
}

ExplanationLine line(std::string label, double value, std::string unit)
{
    return {std::move(label), formatValue(value), std::move(unit)};
}

} // namespace

bool servesAllDemand(const InferenceResult& r)
{
    return r.offeredRps <= 0 || r.throughputRps >= r.offeredRps * (1 - 1e-9);
}

std::string formatValue(double x)
{
    char buf[64];
    const double ax = std::fabs(x);
    if (ax != 0 && (ax >= 1e7 || ax < 1e-3))
        std::snprintf(buf, sizeof buf, "%.3e", x);
    else if (ax >= 100)
        std::snprintf(buf, sizeof buf, "%.1f", x);
    else
        std::snprintf(buf, sizeof buf, "%.4g", x);
    return buf;
}

std::vector<WorkloadComparison> compareStrategies(const Scenario& scenario, const Evaluation& ev)
{
    std::vector<WorkloadComparison> out;
    static const auto inference = inferenceSpecs();
    static const auto training = trainingSpecs();
    for (const Workload& w : scenario.workloads) {
        WorkloadComparison wc;
        wc.workload = w.id;
        wc.type = w.type();
        if (std::find(ev.invalidWorkloads.begin(), ev.invalidWorkloads.end(), w.id) != ev.invalidWorkloads.end()) {
            // Left out for its errors: one row that says why, in every strategy's column.
            for (const Diagnostic& d : ev.diagnostics)
                if (d.severity == Severity::Error && d.element == ElementRef::workload(w.id))
                    wc.error += (wc.error.empty() ? "" : "; ") + d.message;
            ComparisonRow row;
            row.key = "error";
            row.label = "not evaluated";
            row.textual = true;
            for (size_t i = 0; i < ev.results.size(); ++i) {
                ComparisonCell cell;
                cell.text = wc.error;
                row.cells.push_back(std::move(cell));
            }
            wc.rows.push_back(std::move(row));
            out.push_back(std::move(wc));
            continue;
        }
        if (w.type() == WorkloadType::Inference)
            wc.rows = buildRows(inference, ev, [&](const StrategyResult& sr) { return findResult(sr.inference, w.id); });
        else
            wc.rows = buildRows(training, ev, [&](const StrategyResult& sr) { return findResult(sr.training, w.id); });
        out.push_back(std::move(wc));
    }
    return out;
}

std::optional<RowLead> leadOf(const ComparisonRow& row)
{
    RowLead lead;
    for (size_t i = 0; i < row.cells.size(); ++i)
        if (row.cells[i].winner)
            lead.winners.push_back(i);
    if (lead.winners.empty())
        return std::nullopt;
    const double best = *row.cells[lead.winners.front()].value;
    for (size_t i = 0; i < row.cells.size(); ++i) {
        const ComparisonCell& c = row.cells[i];
        if (c.winner || !c.value || c.partial || c.partService)
            continue;
        if (!lead.runnerUp || (row.better == Better::Lower ? *c.value < *row.cells[*lead.runnerUp].value
                                                           : *c.value > *row.cells[*lead.runnerUp].value))
            lead.runnerUp = i;
    }
    if (lead.runnerUp) {
        const double other = *row.cells[*lead.runnerUp].value;
        lead.margin = other != 0 ? std::fabs(best - other) / std::fabs(other) : 0;
    }
    return lead;
}

std::string formulaOf(std::string_view key)
{
    if (key == "latency_mean")
        return "mean = Σ_i w_i (D_i + E[W_pool] + E[W_up] + E[W_down]) over the placement shares i, weighted by demand; "
               "D = path latency both ways + serialization on the bottleneck links + service time S (roofline). "
               "E[W_pool] = C·S/(n − a)·(1 + cv²)/2 (Allen–Cunneen M/G/c).";
    if (key == "latency_p95")
        return "p95 = the t with Σ_i w_i · P_i(T > t) = 0.05, where each share's T is its deterministic part D_i plus "
               "independent 'zero or exponential' waits at the pool and the bottleneck links (exact hypo-exponential tail).";
    if (key == "slo_met")
        return "yes when latency p95 ≤ the workload's slo_p95_ms.";
    if (key == "throughput")
        return "throughput = min(offered, capacity): past the capacity every source is admitted at the same fraction "
               "and the rest is shed (req/s).";
    if (key == "capacity")
        return "capacity = the largest uniform scale of the offered load that the strategy, placing from scratch at that "
               "load, serves in full with every pool and link below ρ = 1 (pools: Σ n/S·(1 − ρ_other) over the candidates "
               "it reaches; links: searched). It does not depend on the load evaluated.";
    if (key == "bottleneck")
        return "what sets the capacity: the link that saturates first, or the pools when all the candidates fill up together.";
    if (key == "achieved_pflops")
        return "achieved = Σ λ · flops_per_request (an LLM request: 2N·(input_tokens + output_tokens)).";
    if (key == "installed_pflops")
        return "installed = Σ count · peak[precision] over the pools the strategy uses.";
    if (key == "utilization")
        return "compute used = achieved / installed FLOP/s of the pools the workload uses (not the pools' ρ: a "
               "memory-bound pool can be full while its FLOP/s are idle).";
    if (key == "busiest_pool_rho")
        return "busiest pool ρ = the highest utilization Σ λ_i S_i / n_i among the pools the workload uses (ρ = 1 is saturated).";
    if (key == "power")
        return "power = Σ pools count·(idle_w + u·(tdp_w − idle_w)) × PUE, shared pools split by offered load.";
    if (key == "energy_per_request")
        return "energy per request = site power / throughput + 8·(request + response bytes)·Σ_path energy_j_per_bit.";
    if (key == "carbon")
        return "carbon per 1k requests = 1000 · Σ site energy per request × carbon_g_per_kwh / 3.6e6 (+ network energy at the source's intensity).";
    if (key == "cost")
        return "cost per 1k requests = 1000 · (Σ accelerator-hours × usd_per_hour [on-prem: energy × usd_per_kwh] + egress GB × usd_per_gb) / requests.";
    if (key == "data_moved")
        return "data moved = Σ λ·(request + response bytes) over shares whose path leaves the source site, per hour.";
    if (key == "mode")
        return "central, data-parallel across sites, FedAvg rounds, or upload-then-train.";
    if (key == "time" || key == "time_compute" || key == "time_communication" || key == "time_transfer")
        return "time = steps · global_batch_tokens · f_token / Σ_sites(n·peak·mfu) + (steps / H)·(1 − overlap)·t_ar + dataset transfer, "
               "with f_token = 6N (×4/3 with activation recompute) + 12·L·seq_len·d; "
               "t_ar = 2(S − 1)/S · 8G / bw_wan + 2(S − 1)·latency_wan with G = 2N bytes. "
               "Federated: R × (E[max] over the K clients of a round of local compute + update up/down + aggregation).";
    if (key == "sustained_pflops")
        return "sustained = total useful FLOP / time.";
    if (key == "scaling_efficiency")
        return "scaling efficiency = compute time / total time.";
    if (key == "training_energy")
        return "energy = Σ pools (tdp_w during compute, idle_w while waiting on communication) × time × PUE.";
    if (key == "training_carbon")
        return "carbon = Σ site energy × carbon_g_per_kwh.";
    if (key == "training_cost")
        return "cost = Σ accelerator-hours × usd_per_hour (on-prem: energy × usd_per_kwh) + egress bytes × usd_per_gb.";
    if (key == "training_data_moved")
        return "data moved = raw datasets moved before training + gradient traffic across sites "
               "(federated FedAvg: R·K·2·update bytes).";
    if (key == "raw_data_moved")
        return "datasets = raw data moved before training (federated FedAvg: model updates).";
    if (key == "gradient_traffic")
        return "gradient traffic = (steps / H) · 2(S − 1)/S · G per site, across sites.";
    return {};
}

Explanation explainValue(const Scenario& scenario, const Evaluation& ev, const Catalog& catalog, const std::string& workloadId,
                         size_t strategyIndex, std::string_view rowKey)
{
    Explanation e;
    e.formula = formulaOf(rowKey);
    if (strategyIndex >= ev.results.size())
        return e;
    const StrategyResult& sr = ev.results[strategyIndex];
    // People read names: the row's label, the workload's and the sites' names.
    auto name = [&](const ElementRef& ref) { return displayName(ref, scenario, catalog); };
    std::string label(rowKey);
    for (const auto& spec : inferenceSpecs())
        if (spec.key == rowKey)
            label = spec.label;
    for (const auto& spec : trainingSpecs())
        if (spec.key == rowKey)
            label = spec.label;
    e.title = label + " of " + name(ElementRef::workload(workloadId)) + " under " + std::string(strategyName(sr.strategy));
    if (const InferenceResult* r = findResult(sr.inference, workloadId)) {
        const LatencyBreakdown& b = r->breakdown;
        if (rowKey == "latency_mean" || rowKey == "latency_p95" || rowKey == "slo_met") {
            if (r->saturated) {
                e.notes.push_back("Saturated: the latency is unbounded; " +
                                  (r->bottleneck.empty() ? std::string("a resource") : name(r->bottleneck)) + " is at ρ ≥ 1.");
            } else {
                e.parts = {line("uplink (request serialization + congestion wait)", b.uplinkSeconds * 1e3, "ms"),
                           line("network (propagation, both ways)", b.networkSeconds * 1e3, "ms"),
                           line("queue (wait for a slot at the pool)", b.queueSeconds * 1e3, "ms"),
                           line("service (roofline, " + (r->serviceBound.empty() ? std::string("-") : r->serviceBound) + " bound)",
                                b.serviceSeconds * 1e3, "ms"),
                           line("downlink (response serialization + congestion wait)", b.downlinkSeconds * 1e3, "ms")};
                if (r->latencyMeanSeconds)
                    e.parts.push_back(line("= mean", *r->latencyMeanSeconds * 1e3, "ms"));
                if (r->latencyP95Seconds)
                    e.parts.push_back(line("p95", *r->latencyP95Seconds * 1e3, "ms"));
                if (r->latencyP95Seconds && r->latencyMeanSeconds && *r->latencyP95Seconds < *r->latencyMeanSeconds)
                    e.notes.push_back("The p95 is below the mean: most requests do not wait at all (the service time is "
                                      "nearly fixed), while the few that do wait long enough to pull the mean above the "
                                      "95th percentile. Both are right; the mean is not a typical request here.");
            }
        } else if (rowKey == "throughput" || rowKey == "capacity" || rowKey == "bottleneck") {
            e.parts = {line("offered", r->offeredRps, "req/s"), line("served", r->throughputRps, "req/s"),
                       line("unserved (no suitable site)", r->unservedRps, "req/s"),
                       line("shed (beyond capacity)", r->shedRps, "req/s")};
            if (r->capacityRps)
                e.parts.push_back(line("capacity", *r->capacityRps, "req/s"));
            if (!r->bottleneck.empty())
                e.notes.push_back("Bottleneck: " + name(r->bottleneck));
        } else if (rowKey == "achieved_pflops" || rowKey == "installed_pflops" || rowKey == "utilization" ||
                   rowKey == "busiest_pool_rho") {
            e.parts = {line("achieved", r->achievedFlops / 1e15, "PFLOP/s"), line("installed", r->installedFlops / 1e15, "PFLOP/s"),
                       line("compute used", r->utilization * 100, "% of installed FLOP/s")};
            if (r->busiestPoolRho)
                e.parts.push_back(line("busiest pool ρ", *r->busiestPoolRho, ""));
        } else if (rowKey == "power" || rowKey == "energy_per_request" || rowKey == "carbon" || rowKey == "cost") {
            e.parts = {line("site power (PUE included)", r->powerWatts / 1e3, "kW"),
                       line("served", r->throughputRps, "req/s"),
                       line("network energy", r->networkJoulesPerRequest, "J/request")};
            if (r->energyJoulesPerRequest)
                e.parts.push_back(line("= energy", *r->energyJoulesPerRequest, "J/request"));
            if (r->carbonGramsPer1kRequests)
                e.parts.push_back(line("carbon", *r->carbonGramsPer1kRequests, "g CO2/1k req"));
            if (r->costUsdPer1kRequests)
                e.parts.push_back(line(r->costIncomplete ? "cost (some pools have no price)" : "cost", *r->costUsdPer1kRequests,
                                       "USD/1k req"));
            for (const PoolLoad& p : sr.pools) {
                if (!p.used || p.site < 0 || static_cast<size_t>(p.site) >= scenario.sites.size())
                    continue;
                const Site& s = scenario.sites[static_cast<size_t>(p.site)];
                e.parts.push_back(line(name(ElementRef::poolAt(s.id, p.pool)) + " (whole pool, ρ = " + formatValue(p.utilization) + ")",
                                       p.powerWatts / 1e3, "kW"));
            }
        } else if (rowKey == "data_moved") {
            e.parts = {line("data moved", r->dataMovedBytesPerHour / 1e9, "GB/h")};
        }
        for (const PlacementShare& s : r->placement)
            e.notes.push_back(name(ElementRef::site(s.source)) + " → " + name(ElementRef::site(s.site)) + ": " + formatValue(s.share * 100) + " % (" +
                              formatValue(s.rateRps) + " req/s), " + explainPlacement(s));
    } else if (const TrainingResult* t = findResult(sr.training, workloadId)) {
        if (!t->feasible) {
            e.notes.push_back("The job cannot run under this strategy (see the diagnostics).");
            return e;
        }
        e.parts = {line("compute", t->breakdown.computeSeconds / kDay, "days"),
                   line("communication (exposed)", t->breakdown.communicationSeconds / kDay, "days"),
                   line("data transfer", t->breakdown.transferSeconds / kDay, "days")};
        if (t->timeSeconds)
            e.parts.push_back(line("= time", *t->timeSeconds / kDay, "days"));
        e.parts.push_back(line(t->type == WorkloadType::Federated ? "rounds" : "steps", t->steps, ""));
        e.parts.push_back(line("total useful work", t->totalFlop, "FLOP"));
        e.parts.push_back(line("energy", t->energyJoules / 3.6e9, "MWh"));
        e.parts.push_back(line("datasets moved", t->dataMovedBytes / 1e9, "GB"));
        e.parts.push_back(line("gradient traffic", t->gradientTrafficBytes / 1e9, "GB"));
        e.parts.push_back(line("= data moved", (t->dataMovedBytes + t->gradientTrafficBytes) / 1e9, "GB"));
        if (t->centralizedDataBytes)
            e.parts.push_back(line("raw data uploading would move", *t->centralizedDataBytes / 1e9, "GB"));
        std::string sites;
        for (const std::string& s : t->sites)
            sites += (sites.empty() ? "" : ", ") + name(ElementRef::site(s));
        e.notes.push_back("Mode " + t->mode + "; sites: " + (sites.empty() ? "-" : sites));
    }
    for (const Assumption& a : ev.assumptions) {
        const bool mine = std::any_of(a.elements.begin(), a.elements.end(),
                                      [&](const ElementRef& el) { return el == ElementRef::workload(workloadId); });
        if (mine)
            e.notes.push_back("Assumed " + a.field + " = " + formatValue(a.value) + " (" + a.why + ")");
    }
    return e;
}

} // namespace strata::core
