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
    std::vector<PaperRow> rows;
    const Evaluation& ev = snapshot.evaluation;
    if (!ev.ok() || ev.results.empty())
        return rows;
    const Workload* inference = nullptr;
    const Workload* training = nullptr;
    for (const Workload& w : snapshot.scenario.workloads) {
        if (!inference && w.type() == WorkloadType::Inference)
            inference = &w;
        if (!training && w.type() != WorkloadType::Inference)
            training = &w;
    }
    auto add = [&](QString aspect, QString measure, bool lowerIsBetter,
                   const std::function<std::optional<double>(const StrategyResult&)>& value,
                   const std::function<QString(const StrategyResult&, const std::optional<double>&)>& text) {
        PaperRow row;
        row.aspect = std::move(aspect);
        row.measure = std::move(measure);
        for (const StrategyResult& sr : ev.results) {
            row.values.push_back(value(sr));
            row.texts.push_back(text(sr, row.values.back()));
        }
        row.ranks = rank(row.values, lowerIsBetter);
        rows.push_back(std::move(row));
    };
    auto number = [](const StrategyResult&, const std::optional<double>& v) {
        return v ? QString::fromStdString(formatValue(*v)) : QStringLiteral("–");
    };
    auto inferenceOf = [](const StrategyResult& sr, const Workload* w) { return w ? findResult(sr.inference, w->id) : nullptr; };
    if (inference) {
        const QString name = QString::fromStdString(inference->id);
        add(QStringLiteral("Latency"), QStringLiteral("p95 latency of %1 (ms)").arg(name), true,
            [&](const StrategyResult& sr) -> std::optional<double> {
                const InferenceResult* r = inferenceOf(sr, inference);
                return r && r->latencyP95Seconds ? std::optional<double>(*r->latencyP95Seconds * 1e3) : std::nullopt;
            },
            [&](const StrategyResult& sr, const std::optional<double>& v) {
                const InferenceResult* r = inferenceOf(sr, inference);
                return r && r->saturated ? QStringLiteral("saturated") : v ? QString::fromStdString(formatValue(*v)) : QStringLiteral("–");
            });
        add(QStringLiteral("Scalability"), QStringLiteral("capacity of %1 (req/s)").arg(name), false,
            [&](const StrategyResult& sr) -> std::optional<double> {
                const InferenceResult* r = inferenceOf(sr, inference);
                return r ? r->capacityRps : std::nullopt;
            },
            number);
    }
    if (training) {
        add(QStringLiteral("Training cost"), QStringLiteral("cost of %1 (USD)").arg(QString::fromStdString(training->id)), true,
            [&](const StrategyResult& sr) -> std::optional<double> {
                const TrainingResult* r = findResult(sr.training, training->id);
                return r && r->feasible && !r->costIncomplete ? r->costUsd : std::nullopt;
            },
            number);
    }
    add(QStringLiteral("Privacy"), QStringLiteral("data-residency violations (all workloads)"), true,
        [](const StrategyResult& sr) -> std::optional<double> { return static_cast<double>(sr.compliance.size()); },
        [](const StrategyResult& sr, const std::optional<double>&) {
            return sr.compliance.empty() ? QStringLiteral("none") : QObject::tr("%n violation(s)", nullptr, int(sr.compliance.size()));
        });
    add(QStringLiteral("Throughput"), QStringLiteral("useful compute sustained, all workloads (PFLOP/s)"), false,
        [](const StrategyResult& sr) -> std::optional<double> {
            double flops = 0;
            for (const InferenceResult& r : sr.inference)
                flops += r.achievedFlops;
            for (const TrainingResult& r : sr.training)
                flops += r.feasible ? r.sustainedFlops : 0;
            return flops / 1e15;
        },
        number);
    if (inference) {
        add(QStringLiteral("Energy efficiency"), QStringLiteral("energy per request of %1 (J)").arg(QString::fromStdString(inference->id)), true,
            [&](const StrategyResult& sr) -> std::optional<double> {
                const InferenceResult* r = inferenceOf(sr, inference);
                // Serving part of the demand is not efficiency (as in the results table).
                if (!r || !servesAllDemand(*r))
                    return std::nullopt;
                return r->energyJoulesPerRequest;
            },
            number);
    } else if (training) {
        add(QStringLiteral("Energy efficiency"), QStringLiteral("energy of %1 (MWh)").arg(QString::fromStdString(training->id)), true,
            [&](const StrategyResult& sr) -> std::optional<double> {
                const TrainingResult* r = findResult(sr.training, training->id);
                return r && r->feasible ? std::optional<double>(r->energyJoules / 3.6e9) : std::nullopt;
            },
            number);
    }
    return rows;
}

} // namespace strata::models
