// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

namespace strata::core {

namespace {

constexpr double kDay = units::kSecondsPerDay;

/// A per-request figure of a strategy serving part of the demand cannot win (serving less costs less).
bool servesPart(const InferenceResult& r) { return !servesAllDemand(r); }
bool servesPart(const TrainingResult&) { return false; }

bool isSaturated(const InferenceResult& r) { return r.saturated; }
bool isSaturated(const TrainingResult&) { return false; }

template <typename R, typename Get>
std::vector<ComparisonRow> buildRows(const std::vector<Metric<R>>& specs, const Evaluation& ev, Get get)
{
    std::vector<ComparisonRow> rows;
    for (const Metric<R>& spec : specs) {
        ComparisonRow row;
        row.key = spec.key;
        row.label = spec.label;
        row.unit = spec.unit;
        row.better = spec.better;
        row.detail = spec.detail;
        row.textual = !spec.value;
        std::optional<double> best;
        size_t contenders = 0;
        for (const StrategyResult& sr : ev.results) {
            ComparisonCell cell;
            const R* r = get(sr);
            cell.present = r != nullptr;
            if (r) {
                if (spec.text)
                    cell.text = spec.text(*r);
                if (spec.element)
                    cell.ref = spec.element(*r);
                if (spec.value) {
                    cell.value = spec.value(*r);
                    cell.partial = spec.partial && spec.partial(*r);
                    cell.partService = spec.perRequest && servesPart(*r);
                    if (!cell.value)
                        cell.text = spec.saturates && isSaturated(*r) ? "saturated" : "-";
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
        std::visit([&](const auto& spec) {
            wc.rows = buildRows(metricsOf(spec), ev, [&](const StrategyResult& sr) { return findResult(resultsOf(sr, spec), w.id); });
        }, w.spec);
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
    const std::optional<MetricText> t = metricText(key);
    return t ? t->formula : std::string();
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
    const std::optional<MetricText> metric = metricText(rowKey);
    const std::string label = metric ? metric->label : std::string(rowKey);
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
        } else if (const Metric<InferenceResult>* m = findMetric(inferenceMetrics(), rowKey); m && m->perRequest) {
            // Power and the figures per request that follow from it: each metric of the registry
            // that falls with the load served, then each pool's share of the power.
            e.parts = {line("site power (PUE included)", r->powerWatts / 1e3, "kW"),
                       line("served", r->throughputRps, "req/s"),
                       line("network energy", r->networkJoulesPerRequest, "J/request")};
            for (const Metric<InferenceResult>& other : inferenceMetrics()) {
                if (!other.perRequest || other.key == "power")
                    continue;
                if (const std::optional<double> v = other.value(*r))
                    e.parts.push_back(line(other.label + (other.partial && other.partial(*r) ? " (" + other.partialNote + ")" : ""), *v,
                                           other.unit));
            }
            for (const PoolLoad& p : sr.pools) {
                if (!p.used || p.site < 0 || static_cast<size_t>(p.site) >= scenario.sites.size())
                    continue;
                const Site& s = scenario.sites[static_cast<size_t>(p.site)];
                e.parts.push_back(line(name(ElementRef::poolAt(s.id, p.pool)) + " (whole pool, ρ = " + formatValue(p.utilization) + ")",
                                       p.powerWatts / 1e3, "kW"));
            }
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
        // The job's totals as the results table shows them, from the registry.
        for (const Metric<TrainingResult>& m : trainingMetrics()) {
            if (!m.value || m.key == "time" || m.key.rfind("time_", 0) == 0)
                continue;
            if (const std::optional<double> v = m.value(*t))
                e.parts.push_back(line(m.label, *v, m.unit));
        }
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
