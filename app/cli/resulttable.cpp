// SPDX-License-Identifier: GPL-3.0-or-later
#include "resulttable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <sstream>
#include <vector>

namespace strata::cli {

using namespace strata::core;

namespace {

enum class Better { Lower, Higher, None };

std::string number(double x)
{
    char buf[64];
    double ax = std::fabs(x);
    if (ax != 0 && (ax >= 1e7 || ax < 1e-3))
        std::snprintf(buf, sizeof buf, "%.3e", x);
    else if (ax >= 100)
        std::snprintf(buf, sizeof buf, "%.1f", x);
    else
        std::snprintf(buf, sizeof buf, "%.4g", x);
    return buf;
}

struct Row {
    std::string label;
    Better better;
    std::function<std::optional<double>(const InferenceResult&)> metric;
    std::function<std::string(const InferenceResult&)> text; ///< for non-numeric rows
    /// True when the value leaves something out: shown with "+" and never the winner.
    std::function<bool(const InferenceResult&)> partial = [](const InferenceResult&) { return false; };
    bool saysSaturated = false; ///< an undefined value reads "saturated" when the workload is
};

std::vector<Row> rows()
{
    auto ms = [](const std::optional<double>& s) -> std::optional<double> {
        if (!s)
            return std::nullopt;
        return *s * 1e3;
    };
    const auto noGap = [](const InferenceResult&) { return false; };
    return {
        {"latency mean (ms)", Better::Lower, [=](const InferenceResult& r) { return ms(r.latencyMeanSeconds); }, {},
         noGap, true},
        {"latency p95 (ms)", Better::Lower, [=](const InferenceResult& r) { return ms(r.latencyP95Seconds); }, {},
         noGap, true},
        {"SLO p95 met", Better::None, {}, [](const InferenceResult& r) -> std::string {
             return r.sloMet ? (*r.sloMet ? "yes" : "NO") : "-";
         }},
        {"throughput (req/s)", Better::Higher, [](const InferenceResult& r) -> std::optional<double> { return r.throughputRps; }, {}},
        {"capacity (req/s)", Better::Higher, [](const InferenceResult& r) { return r.capacityRps; }, {}},
        {"bottleneck", Better::None, {}, [](const InferenceResult& r) { return r.bottleneck.empty() ? "-" : r.bottleneck; }},
        {"achieved (PFLOP/s)", Better::None, [](const InferenceResult& r) -> std::optional<double> { return r.achievedFlops / 1e15; }, {}},
        {"installed (PFLOP/s)", Better::None, [](const InferenceResult& r) -> std::optional<double> { return r.installedFlops / 1e15; }, {}},
        {"utilization (%)", Better::Higher, [](const InferenceResult& r) -> std::optional<double> { return r.utilization * 100; }, {}},
        {"power (kW)", Better::Lower, [](const InferenceResult& r) -> std::optional<double> { return r.powerWatts / 1e3; }, {}},
        {"energy (J/request)", Better::Lower, [](const InferenceResult& r) { return r.energyJoulesPerRequest; }, {}},
        {"carbon (g CO2/1k req)", Better::Lower, [](const InferenceResult& r) { return r.carbonGramsPer1kRequests; }, {}},
        {"cost (USD/1k req)", Better::Lower, [](const InferenceResult& r) { return r.costUsdPer1kRequests; }, {},
         [](const InferenceResult& r) { return r.costIncomplete; }},
        {"data moved (GB/h)", Better::Lower, [](const InferenceResult& r) -> std::optional<double> { return r.dataMovedBytesPerHour / 1e9; }, {}},
    };
}

std::string pad(const std::string& s, size_t width, bool right)
{
    // Width counts characters, not bytes (labels may hold UTF-8).
    size_t chars = 0;
    for (unsigned char c : s)
        chars += (c & 0xC0) != 0x80;
    if (chars >= width)
        return s;
    std::string fill(width - chars, ' ');
    return right ? fill + s : s + fill;
}

} // namespace

std::string formatTable(const Scenario& scenario, const Evaluation& ev)
{
    std::ostringstream out;
    out << "Scenario: " << (scenario.name.empty() ? "(unnamed)" : scenario.name) << "\n";
    if (ev.results.empty())
        return out.str() + "No strategy to evaluate.\n";
    const size_t col = 22, labelWidth = 24;
    // Workload ids in the order of the first strategy.
    const auto& first = ev.results.front().inference;
    if (first.empty())
        out << "No inference workloads to compare.\n";
    for (size_t w = 0; w < first.size(); ++w) {
        out << "\nWorkload " << first[w].workload << "\n";
        out << pad("", labelWidth, false);
        for (const StrategyResult& sr : ev.results)
            out << pad(std::string(strategyName(sr.strategy)), col, true);
        out << "\n";
        for (const Row& row : rows()) {
            out << pad(row.label, labelWidth, false);
            std::vector<std::optional<double>> values;
            auto partial = [&](const StrategyResult& sr) {
                return w < sr.inference.size() && row.partial(sr.inference[w]);
            };
            for (const StrategyResult& sr : ev.results)
                values.push_back(row.metric && w < sr.inference.size() && !partial(sr) ? row.metric(sr.inference[w])
                                                                                        : std::nullopt);
            std::optional<double> best;
            size_t defined = 0;
            for (const auto& v : values) {
                if (!v)
                    continue;
                ++defined;
                if (!best || (row.better == Better::Lower ? *v < *best : *v > *best))
                    best = v;
            }
            bool allEqual = std::all_of(values.begin(), values.end(), [&](const auto& v) { return v && best && *v == *best; });
            for (size_t s = 0; s < ev.results.size(); ++s) {
                const auto& sr = ev.results[s];
                std::string cell;
                if (row.text) {
                    cell = w < sr.inference.size() ? row.text(sr.inference[w]) : "-";
                } else if (partial(sr) && row.metric(sr.inference[w])) {
                    cell = number(*row.metric(sr.inference[w])) + "+";
                } else if (!values[s]) {
                    bool saturated = w < sr.inference.size() && sr.inference[w].saturated;
                    cell = saturated && row.saysSaturated ? "saturated" : "-";
                } else {
                    cell = number(*values[s]);
                    bool winner = row.better != Better::None && defined > 1 && !allEqual && *values[s] == *best;
                    cell += winner ? "*" : " ";
                }
                if (row.text)
                    cell += " ";
                out << pad(cell, col, true);
            }
            out << "\n";
        }
    }
    out << "\n* best of the row.";
    bool estimates = false, incomplete = false;
    for (const StrategyResult& sr : ev.results)
        for (const InferenceResult& r : sr.inference) {
            estimates |= r.usesEstimates;
            incomplete |= r.costIncomplete;
        }
    if (estimates)
        out << " Power uses estimated idle figures where the catalog has none (see assumptions in --format json).";
    if (incomplete)
        out << " A cost marked + leaves out accelerators without a sourced price.";
    out << "\nLatencies are Allen-Cunneen M/G/c approximations with a processor-sharing network; see docs/model.md.\n";
    return out.str();
}

std::string formatCsv(const Evaluation& ev)
{
    std::ostringstream out;
    out << "strategy,workload,saturated,latency_mean_ms,latency_p95_ms,slo_met,throughput_rps,capacity_rps,bottleneck,"
           "achieved_pflops,installed_pflops,utilization,power_kw,energy_j_per_request,carbon_g_per_1k_requests,"
           "cost_usd_per_1k_requests,data_moved_gb_per_hour\n";
    auto opt = [](const std::optional<double>& v, double scale = 1.0) {
        if (!v)
            return std::string();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.10g", *v * scale);
        return std::string(buf);
    };
    auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos)
            return s;
        std::string q = "\"";
        for (char c : s)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    for (const StrategyResult& sr : ev.results) {
        for (const InferenceResult& r : sr.inference) {
            out << strategyName(sr.strategy) << ',' << quote(r.workload) << ',' << (r.saturated ? "true" : "false") << ','
                << opt(r.latencyMeanSeconds, 1e3) << ',' << opt(r.latencyP95Seconds, 1e3) << ','
                << (r.sloMet ? (*r.sloMet ? "true" : "false") : "") << ',' << opt(r.throughputRps) << ','
                << opt(r.capacityRps) << ',' << quote(r.bottleneck) << ',' << opt(r.achievedFlops / 1e15) << ','
                << opt(r.installedFlops / 1e15) << ',' << opt(r.utilization) << ',' << opt(r.powerWatts / 1e3) << ','
                << opt(r.energyJoulesPerRequest) << ',' << opt(r.carbonGramsPer1kRequests) << ','
                << opt(r.costUsdPer1kRequests) << ',' << opt(r.dataMovedBytesPerHour / 1e9) << '\n';
        }
    }
    return out.str();
}

std::string formatCatalogTable(const Catalog& catalog)
{
    std::ostringstream out;
    out << pad("id", 30, false) << pad("fp16", 9, true) << pad("bf16", 9, true) << pad("fp8", 9, true)
        << pad("int8", 9, true) << pad("mem GB", 8, true) << pad("GB/s", 8, true) << pad("TDP W", 7, true)
        << pad("$/h", 7, true) << "\n";
    auto cell = [](const std::optional<double>& v, size_t width) {
        return pad(v ? number(*v) : std::string("-"), width, true);
    };
    for (const Accelerator& a : catalog.entries()) {
        auto peak = [&](Precision p) -> std::optional<double> {
            auto it = a.peakTflops.find(p);
            if (it == a.peakTflops.end())
                return std::nullopt;
            return it->second;
        };
        out << pad(a.id, 30, false) << cell(peak(Precision::FP16), 9) << cell(peak(Precision::BF16), 9)
            << cell(peak(Precision::FP8), 9) << cell(peak(Precision::INT8), 9) << cell(a.memoryGb, 8)
            << cell(a.memoryGbPerS, 8) << cell(a.tdpW, 7) << cell(a.usdPerHour, 7) << "\n";
    }
    out << "\nPeaks are dense TFLOP/s (int8: TOPS). '-' means no source gave the figure. "
           "Sources: strata-cli catalog --format json.\n";
    return out.str();
}

std::string formatDiagnostics(const Diagnostics& diagnostics, const std::string& prefix)
{
    std::string out;
    for (const Diagnostic& d : diagnostics)
        out += prefix + std::string(severityName(d.severity)) + ": " + d.element + ": " + d.message + "\n";
    return out;
}

} // namespace strata::cli
