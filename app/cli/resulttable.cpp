// SPDX-License-Identifier: GPL-3.0-or-later
#include "resulttable.h"

#include "engine/comparison.h"
#include "io/textout.h"

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

std::string number(double x) { return formatValue(x); }

/// Characters, not bytes (labels may hold UTF-8).
size_t characters(const std::string& s)
{
    size_t chars = 0;
    for (unsigned char c : s)
        chars += (c & 0xC0) != 0x80;
    return chars;
}

std::string pad(const std::string& s, size_t width, bool right)
{
    const size_t chars = characters(s);
    if (chars >= width)
        return s;
    std::string fill(width - chars, ' ');
    return right ? fill + s : s + fill;
}

} // namespace

namespace {

constexpr size_t kColumn = 22, kLabelWidth = 24;

std::string rowLabel(const ComparisonRow& row)
{
    return (row.detail ? "  " : "") + row.label + (row.unit.empty() ? "" : " (" + row.unit + ")");
}

/// The label column is as wide as the longest label of the whole table, so that no label pushes
/// its row's cells out of their columns and every block lines up.
size_t labelWidth(const std::vector<WorkloadComparison>& comparison)
{
    size_t width = kLabelWidth;
    for (const WorkloadComparison& wc : comparison)
        for (const ComparisonRow& row : wc.rows)
            width = std::max(width, characters(rowLabel(row)) + 1);
    return width;
}

/// One workload's block: a header with the strategies, then one line per row of its comparison.
void printWorkload(std::ostringstream& out, const std::string& title, const Evaluation& ev, const WorkloadComparison& wc,
                   size_t width)
{
    auto label = rowLabel;
    out << "\nWorkload " << title << "\n" << pad("", width, false);
    for (const StrategyResult& sr : ev.results)
        out << pad(std::string(strategyName(sr.strategy)), kColumn, true);
    out << "\n";
    for (const ComparisonRow& row : wc.rows) {
        out << pad(label(row), width, false);
        for (const ComparisonCell& c : row.cells) {
            std::string cell;
            if (row.textual)
                cell = c.text + " ";
            else if (!c.value)
                cell = c.text + " "; // in line with the numbers, which keep a place for the ★
            else if (c.partial)
                cell = number(*c.value) + "+";
            else
                cell = number(*c.value) + (c.winner ? "*" : " ");
            out << pad(cell, kColumn, true);
        }
        out << "\n";
    }
}

} // namespace

std::string formatTable(const Scenario& scenario, const Evaluation& ev)
{
    std::ostringstream out;
    out << "Scenario: " << (scenario.name.empty() ? "(unnamed)" : scenario.name) << "\n";
    if (ev.results.empty())
        return out.str() + "No strategy to evaluate.\n";
    if (scenario.workloads.empty())
        out << "No workloads to compare.\n";
    bool estimates = false, incomplete = false, anyInference = false;
    const std::vector<WorkloadComparison> comparison = compareStrategies(scenario, ev);
    const size_t width = labelWidth(comparison);
    for (size_t i = 0; i < comparison.size(); ++i) {
        const Workload& w = scenario.workloads[i];
        anyInference |= w.type() == WorkloadType::Inference;
        printWorkload(out, w.type() == WorkloadType::Inference ? w.id : w.id + " (" + std::string(workloadTypeName(w.type())) + ")",
                      ev, comparison[i], width);
    }
    for (const StrategyResult& sr : ev.results) {
        for (const InferenceResult& r : sr.inference) {
            estimates |= r.usesEstimates;
            incomplete |= r.costIncomplete;
        }
        for (const TrainingResult& r : sr.training) {
            estimates |= r.usesEstimates;
            incomplete |= r.costIncomplete;
        }
    }
    bool analyzed = std::all_of(ev.results.begin(), ev.results.end(),
                                [](const StrategyResult& sr) { return sr.resilienceAnalyzed; });
    if (analyzed) {
        out << "\nSingle points of failure (N-1)\n" << pad("", width, false);
        for (const StrategyResult& sr : ev.results)
            out << pad(std::string(strategyName(sr.strategy)), kColumn, true);
        out << "\n";
        size_t rows = 0;
        for (const StrategyResult& sr : ev.results)
            rows = std::max(rows, sr.singlePointsOfFailure.size());
        for (size_t i = 0; i < std::max<size_t>(rows, 1); ++i) {
            out << pad("", width, false);
            for (const StrategyResult& sr : ev.results)
                out << pad(i < sr.singlePointsOfFailure.size() ? sr.singlePointsOfFailure[i].key() + " " : (i == 0 ? "none " : ""),
                           kColumn, true);
            out << "\n";
        }
    }
    out << "\n* best of the row.";
    if (estimates)
        out << " Power uses estimated idle figures where the catalog has none (see assumptions in --format json).";
    if (incomplete)
        out << " A cost marked + leaves out accelerators without a sourced price.";
    if (anyInference)
        out << "\nLatencies are Allen-Cunneen M/G/c approximations with a processor-sharing network; see docs/model.md.";
    out << "\n";
    return out.str();
}

std::string formatResilience(const Scenario& scenario, const Evaluation& ev)
{
    std::ostringstream out;
    out << "Scenario: " << (scenario.name.empty() ? "(unnamed)" : scenario.name) << "\n";
    out << "N-1: each site and link that carries or serves traffic is taken out in turn and the\n"
           "inference services are placed again.\n";
    for (const StrategyResult& sr : ev.results) {
        out << "\n" << strategyName(sr.strategy) << "\n";
        if (sr.resilience.empty())
            out << "  no single site or link loss costs capacity or service\n";
        for (const ComponentImpact& c : sr.resilience) {
            out << "  " << pad(c.component.key(), 30, false) << " capacity lost " << pad(number(c.capacityLostRps), 10, true)
                << " req/s";
            if (c.singlePointOfFailure) {
                out << "   SINGLE POINT OF FAILURE: ";
                for (size_t i = 0; i < c.unservedSources.size(); ++i)
                    out << (i ? ", " : "") << c.unservedSources[i].workload << '/' << c.unservedSources[i].source;
            }
            out << "\n";
        }
        out << "  availability of each source's service:\n";
        for (const InferenceResult& r : sr.inference)
            for (const SourceService& s : r.sources) {
                char a[32];
                std::snprintf(a, sizeof a, "%.6f", s.availability);
                out << "    " << pad(r.workload + "/" + s.source, 40, false) << " " << a << "\n";
            }
    }
    return out.str();
}

namespace {

/// The CSV columns of a result kind: the registry's metrics that have a file name and are in CSV.
template <typename R>
std::vector<const Metric<R>*> csvMetrics(const std::vector<Metric<R>>& metrics)
{
    std::vector<const Metric<R>*> out;
    for (const Metric<R>& m : metrics)
        if (!m.fileName.empty() && m.csv)
            out.push_back(&m);
    return out;
}

/// A CSV cell: empty for nothing or a non-finite number, 10 significant digits.
std::string csvCell(const FileValue& v)
{
    if (const double* x = std::get_if<double>(&v)) {
        if (!std::isfinite(*x))
            return {};
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.10g", *x);
        return buf;
    }
    if (const bool* b = std::get_if<bool>(&v))
        return *b ? "true" : "false";
    if (const std::string* t = std::get_if<std::string>(&v))
        return csvText(*t);
    return {};
}

/// The cells of \a r for \a metrics, each preceded by a comma.
template <typename R>
std::string csvCells(const std::vector<const Metric<R>*>& metrics, const R& r)
{
    std::string out;
    for (const Metric<R>* m : metrics)
        out += "," + csvCell(m->fileValue(r));
    return out;
}

} // namespace

std::string csvHeader()
{
    // Inference services fill the first block, training and federated jobs the block after "type".
    std::string h = "strategy,workload,saturated";
    for (const auto* m : csvMetrics(inferenceMetrics()))
        h += "," + m->fileName;
    h += ",type";
    for (const auto* m : csvMetrics(trainingMetrics()))
        h += "," + m->fileName;
    return h + "\n";
}

std::string csvRows(const Evaluation& ev, const std::string& prefix)
{
    std::ostringstream out;
    const auto inference = csvMetrics(inferenceMetrics());
    const auto training = csvMetrics(trainingMetrics());
    for (const StrategyResult& sr : ev.results) {
        for (const InferenceResult& r : sr.inference)
            out << prefix << strategyName(sr.strategy) << ',' << csvText(r.workload) << ',' << (r.saturated ? "true" : "false")
                << csvCells(inference, r) << ",inference" << std::string(training.size(), ',') << '\n';
        for (const TrainingResult& r : sr.training)
            out << prefix << strategyName(sr.strategy) << ',' << csvText(r.workload) << ",," << std::string(inference.size(), ',')
                << workloadTypeName(r.type) << csvCells(training, r) << '\n';
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
        out += prefix + std::string(severityName(d.severity)) + ": " + terminalSafe(d.element.key(), false) + ": " +
               terminalSafe(d.message, false) + "\n"; // one line each, whatever a name in it holds
    return out;
}

std::string formatCsv(const Evaluation& ev)
{
    return csvHeader() + csvRows(ev, {});
}

} // namespace strata::cli
