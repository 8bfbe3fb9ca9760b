// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultjson.h"

#include "engine/metrics.h"
#include "strata_version.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_map>

namespace strata::core {

using nlohmann::ordered_json;

namespace {

/// A finite number, or null.
ordered_json value(double x)
{
    if (!std::isfinite(x))
        return nullptr;
    return x;
}

ordered_json value(const std::optional<double>& x, double scale = 1.0)
{
    if (!x || !std::isfinite(*x))
        return nullptr;
    return *x * scale;
}

/// An element reference in its id form ("site:ID/pool:N"), or null when there is none.
ordered_json ref(const ElementRef& r)
{
    return r.kind == ElementKind::None ? ordered_json(nullptr) : ordered_json(r.key());
}

ordered_json refs(const std::vector<ElementRef>& list)
{
    ordered_json a = ordered_json::array();
    for (const ElementRef& r : list)
        a.push_back(r.key());
    return a;
}

/// A metric's file value as JSON: null for nothing or a non-finite number.
ordered_json json(const FileValue& v)
{
    if (const double* x = std::get_if<double>(&v))
        return value(*x);
    if (const bool* b = std::get_if<bool>(&v))
        return *b;
    if (const std::string* t = std::get_if<std::string>(&v))
        return *t;
    return nullptr;
}

/// Every metric of the registry that has a file name, in registry order.
template <typename R>
void putMetrics(ordered_json& o, const std::vector<Metric<R>>& metrics, const R& r)
{
    for (const Metric<R>& m : metrics)
        if (!m.fileName.empty())
            o[m.fileName] = json(m.fileValue(r));
}

ordered_json diagnosticsJson(const Diagnostics& list)
{
    ordered_json a = ordered_json::array();
    for (const Diagnostic& d : list) {
        ordered_json o = {{"severity", std::string(severityName(d.severity))}, {"element", d.element.key()}};
        if (!d.element.field.empty())
            o["field"] = d.element.field;
        o["message"] = d.message;
        a.push_back(std::move(o));
    }
    return a;
}

ordered_json inferenceJson(const InferenceResult& r)
{
    ordered_json o;
    o["id"] = r.workload;
    o["type"] = "inference";
    o["saturated"] = r.saturated;
    putMetrics(o, inferenceMetrics(), r);
    // The figures behind the metrics.
    o["offered_rps"] = value(r.offeredRps);
    o["unserved_rps"] = value(r.unservedRps);
    o["shed_rps"] = value(r.shedRps);
    o["saturated_by"] = ref(r.saturatedBy);
    o["service_bound"] = r.serviceBound.empty() ? ordered_json(nullptr) : ordered_json(r.serviceBound);
    o["network_j_per_request"] = value(r.networkJoulesPerRequest);
    o["cost_incomplete"] = r.costIncomplete;
    o["uses_estimates"] = r.usesEstimates;
    const LatencyBreakdown& b = r.breakdown;
    if (r.saturated) {
        o["breakdown"] = nullptr;
    } else {
        o["breakdown"] = {{"uplink_ms", b.uplinkSeconds * 1e3},
                          {"network_ms", b.networkSeconds * 1e3},
                          {"queue_ms", b.queueSeconds * 1e3},
                          {"service_ms", b.serviceSeconds * 1e3},
                          {"downlink_ms", b.downlinkSeconds * 1e3}};
    }
    ordered_json placement = ordered_json::array();
    for (const PlacementShare& s : r.placement)
        placement.push_back({{"source", s.source},
                             {"site", s.site},
                             {"pool", s.pool},
                             {"share", s.share},
                             {"rate_rps", s.rateRps},
                             {"availability", value(s.availability)},
                             {"why", explainPlacement(s)}});
    o["placement"] = std::move(placement);
    ordered_json sources = ordered_json::array();
    for (const SourceService& s : r.sources)
        sources.push_back({{"source", s.source},
                           {"demand_rps", value(s.demandRps)},
                           {"served_rps", value(s.servedRps)},
                           {"availability", value(s.availability)}});
    o["sources"] = std::move(sources);
    return o;
}

ordered_json trainingJson(const TrainingResult& r)
{
    constexpr double kDay = units::kSecondsPerDay;
    ordered_json o;
    o["id"] = r.workload;
    o["type"] = std::string(workloadTypeName(r.type));
    o["feasible"] = r.feasible;
    if (r.type == WorkloadType::Federated)
        o["rounds"] = value(r.steps);
    else
        o["steps"] = value(r.steps);
    putMetrics(o, trainingMetrics(), r);
    o["cost_incomplete"] = r.costIncomplete;
    o["uses_estimates"] = r.usesEstimates;
    if (r.type == WorkloadType::Federated)
        o["centralized_data_gb"] = value(r.centralizedDataBytes, 1e-9);
    if (r.feasible)
        o["breakdown"] = {{"compute_days", r.breakdown.computeSeconds / kDay},
                          {"communication_days", r.breakdown.communicationSeconds / kDay},
                          {"transfer_days", r.breakdown.transferSeconds / kDay}};
    else
        o["breakdown"] = nullptr;
    o["sites"] = r.sites;
    return o;
}

} // namespace

namespace {

/// The "results" array: one object per strategy.
ordered_json resultsJson(const Scenario& sc, const Evaluation& ev)
{
    ordered_json results = ordered_json::array();
    for (const StrategyResult& sr : ev.results) {
        ordered_json s;
        s["strategy"] = std::string(strategyName(sr.strategy));
        if (!sr.centralSite.empty())
            s["central_site"] = sr.centralSite;
        if (sr.strategy != Strategy::Centralized)
            s["rho_target"] = sr.rhoTarget;
        if (sr.strategy == Strategy::Distributed)
            s["allow_cross_border_copies"] = sc.strategies[Strategy::Distributed].allowCrossBorderCopies.value_or(false);
        ordered_json workloads = ordered_json::array();
        for (const InferenceResult& r : sr.inference)
            workloads.push_back(inferenceJson(r));
        for (const TrainingResult& r : sr.training)
            workloads.push_back(trainingJson(r));
        s["workloads"] = std::move(workloads);
        ordered_json compliance = ordered_json::array();
        for (const ComplianceViolation& c : sr.compliance)
            compliance.push_back({{"workload", c.workload}, {"data", c.data}, {"to_site", c.toSite}, {"from", c.from}, {"to", c.to}});
        s["compliance"] = std::move(compliance);
        ordered_json pools = ordered_json::array();
        for (const PoolLoad& p : sr.pools)
            if (p.used)
                pools.push_back({{"site", sc.sites[p.site].id}, {"pool", p.pool},
                                 {"accelerator", sc.sites[p.site].pools[p.pool].accelerator},
                                 {"utilization", value(p.utilization)}, {"power_kw", value(p.powerWatts / 1e3)}});
        s["pools"] = std::move(pools);
        ordered_json links = ordered_json::array();
        for (const LinkLoad& l : sr.links)
            if (l.utilizationAtoB > 0 || l.utilizationBtoA > 0)
                links.push_back({{"id", sc.links[l.link].id}, {"utilization_a_to_b", value(l.utilizationAtoB)},
                                 {"utilization_b_to_a", value(l.utilizationBtoA)}});
        s["links"] = std::move(links);
        if (sr.resilienceAnalyzed) {
            s["single_points_of_failure"] = refs(sr.singlePointsOfFailure);
            ordered_json impacts = ordered_json::array();
            for (const ComponentImpact& c : sr.resilience) {
                ordered_json unserved = ordered_json::array();
                for (const SourceOfWorkload& u : c.unservedSources)
                    unserved.push_back(u.workload + "/" + u.source);
                impacts.push_back({{"component", c.component.key()},
                                   {"capacity_lost_rps", c.capacityLossKnown ? value(c.capacityLostRps) : ordered_json(nullptr)},
                                   {"unserved_sources", std::move(unserved)},
                                   {"single_point_of_failure", c.singlePointOfFailure}});
            }
            s["resilience"] = std::move(impacts);
        }
        s["diagnostics"] = diagnosticsJson(sr.diagnostics);
        results.push_back(std::move(s));
    }
    return results;
}

} // namespace

std::string writeEvaluationJson(const Scenario& scenario, const Evaluation& ev)
{
    ordered_json root;
    root["scenario"] = scenario.name;
    root["strata_version"] = kVersion;
    root["results"] = resultsJson(scenario, ev);
    root["diagnostics"] = diagnosticsJson(ev.diagnostics);
    ordered_json assumptions = ordered_json::array();
    for (const Assumption& a : ev.assumptions)
        assumptions.push_back({{"field", a.field}, {"value", value(a.value)}, {"why", a.why}, {"elements", refs(a.elements)}});
    root["assumptions"] = std::move(assumptions);
    return root.dump(2) + "\n";
}

std::string sweepJsonHead(const Scenario& scenario, const std::string& path)
{
    ordered_json root;
    root["scenario"] = scenario.name;
    root["strata_version"] = kVersion;
    root["param"] = path;
    root["steps"] = ordered_json::array();
    std::string text = root.dump(2); // ends in "steps": []\n}
    text.erase(text.rfind(']'));
    return text; // … "steps": [
}

std::string sweepJsonStep(const Scenario& scenario, const SweepStep& step, bool first)
{
    const ordered_json item{{"step", step.step}, {"value", value(step.value)}, {"results", resultsJson(scenario, step.evaluation)}};
    // As dump(2) prints it at depth 2 of the document: every line indented by four more spaces.
    std::string text = first ? "\n    " : ",\n    ";
    for (char ch : item.dump(2)) {
        text += ch;
        if (ch == '\n')
            text += "    ";
    }
    return text;
}

std::string sweepJsonTail(bool empty)
{
    return empty ? "]\n}\n" : "\n  ]\n}\n";
}

std::string writeSweepJson(const Scenario& scenario, const std::string& path, const std::vector<SweepStep>& steps)
{
    std::string text = sweepJsonHead(scenario, path);
    for (size_t i = 0; i < steps.size(); ++i)
        text += sweepJsonStep(scenario, steps[i], i == 0);
    return text + sweepJsonTail(steps.empty());
}

} // namespace strata::core
