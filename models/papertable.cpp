// SPDX-License-Identifier: GPL-3.0-or-later
#include "papertable.h"

#include "engine/comparison.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace strata::models {

using namespace strata::core;

namespace {

/// Dense ranks of \a values (1 = best; ties share a rank; undefined values get 0).
std::vector<int> rank(const std::vector<std::optional<double>>& values, bool lowerIsBetter)
{
    std::vector<double> defined;
    for (const auto& v : values)
        if (v)
            defined.push_back(*v);
    std::sort(defined.begin(), defined.end());
    if (!lowerIsBetter)
        std::reverse(defined.begin(), defined.end());
    // Values within 1e-9 relative are ties, as in the comparison table (rounding noise is no lead).
    auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); };
    defined.erase(std::unique(defined.begin(), defined.end(), same), defined.end());
    std::vector<int> ranks;
    for (const auto& v : values)
        ranks.push_back(v ? static_cast<int>(std::find_if(defined.begin(), defined.end(), [&](double d) { return same(d, *v); }) -
                                             defined.begin()) + 1
                          : 0);
    return ranks;
}

} // namespace

std::vector<PaperRow> paperTable(const EvaluationSnapshot& snapshot)
{
    const Evaluation& ev = snapshot.evaluation;
    const Scenario& sc = snapshot.scenario;
    if (!ev.ok() || ev.results.empty())
        return {};
    std::vector<std::pair<int, PaperRow>> rows; // (order, row)
    auto add = [&](int order, QString aspect, QString measure, bool lowerIsBetter, std::vector<std::optional<double>> values,
                   std::vector<QString> texts) {
        PaperRow row;
        row.aspect = std::move(aspect);
        row.measure = std::move(measure);
        row.ranks = rank(values, lowerIsBetter);
        row.values = std::move(values);
        row.texts = std::move(texts);
        rows.emplace_back(order, std::move(row));
    };

    // The metrics the registry places in the table, for the first inference service and the
    // first training or federated job: their results-table values, where they are a contest
    // (a partial cost or a per-request figure of a strategy serving part of the demand is not).
    const std::vector<WorkloadComparison> table = compareStrategies(sc, ev);
    auto fromRegistry = [&](const auto& metrics, const WorkloadComparison& wc, const Workload& w) {
        const QString name = QString::fromStdString(w.name.empty() ? w.id : w.name);
        for (const auto& m : metrics) {
            if (m.paper.aspect.empty())
                continue;
            for (const ComparisonRow& row : wc.rows) {
                if (row.key != m.key)
                    continue;
                std::vector<std::optional<double>> values;
                std::vector<QString> texts;
                for (const ComparisonCell& c : row.cells) {
                    const bool contends = c.value && !c.partial && !c.partService;
                    values.push_back(contends ? c.value : std::nullopt);
                    texts.push_back(contends ? QString::fromStdString(formatValue(*c.value))
                                    : c.text == "saturated" ? QStringLiteral("saturated")
                                                            : QStringLiteral("–"));
                }
                add(m.paper.order, QString::fromStdString(m.paper.aspect),
                    QString::fromStdString(m.paper.measure).replace(QStringLiteral("{workload}"), name),
                    m.better != Better::Higher, std::move(values), std::move(texts));
            }
        }
    };
    // The inference service's rows go in first, so that they stand for a shared aspect.
    for (bool inference : {true, false})
        for (size_t i = 0; i < sc.workloads.size() && i < table.size(); ++i) {
            const Workload& w = sc.workloads[i];
            if ((w.type() == WorkloadType::Inference) != inference || !table[i].error.empty())
                continue;
            if (inference)
                fromRegistry(inferenceMetrics(), table[i], w);
            else
                fromRegistry(trainingMetrics(), table[i], w);
            break;
        }

    // Two rows are about the whole design rather than one metric of one workload.
    std::vector<std::optional<double>> violations, flops;
    std::vector<QString> violationTexts, flopsTexts;
    for (const StrategyResult& sr : ev.results) {
        violations.push_back(static_cast<double>(sr.compliance.size()));
        violationTexts.push_back(sr.compliance.empty() ? QStringLiteral("none")
                                                       : QObject::tr("%n violation(s)", nullptr, int(sr.compliance.size())));
        double sum = 0;
        for (const InferenceResult& r : sr.inference)
            sum += r.achievedFlops;
        for (const TrainingResult& r : sr.training)
            sum += r.feasible ? r.sustainedFlops : 0;
        flops.push_back(sum / units::kFlopsPerPflops);
        flopsTexts.push_back(QString::fromStdString(formatValue(sum / units::kFlopsPerPflops)));
    }
    add(40, QStringLiteral("Privacy"), QStringLiteral("data-residency violations (all workloads)"), true, violations, violationTexts);
    add(50, QStringLiteral("Throughput"), QStringLiteral("useful compute sustained, all workloads (PFLOP/s)"), false, flops,
        flopsTexts);

    // One row per aspect, in the table's order; where both kinds give one (energy, water) the
    // inference service's comes first and stands for the aspect.
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<PaperRow> out;
    for (auto& [order, row] : rows)
        if (std::none_of(out.begin(), out.end(), [&](const PaperRow& r) { return r.aspect == row.aspect; }))
            out.push_back(std::move(row));
    return out;
}

} // namespace strata::models
