// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartdata.h"

#include "engine/comparison.h"
#include "model/workloadkind.h"
#include "models/strategystyle.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace strata::models {

using namespace strata::core;

namespace {


std::optional<double> scaled(const std::optional<double>& v, double f)
{
    if (!v)
        return std::nullopt;
    return *v * f;
}

} // namespace

bool spansDecades(const std::vector<BarSeries>& series)
{
    double lo = 0, hi = 0;
    for (const BarSeries& s : series)
        for (const auto& v : s.values)
            if (v && *v > 0) {
                lo = lo == 0 ? *v : std::min(lo, *v);
                hi = std::max(hi, *v);
            }
    return lo > 0 && hi / lo > 100;
}

std::vector<BarChartData> comparisonCharts(const EvaluationSnapshot& snapshot, int workload)
{
    std::vector<BarChartData> charts;
    const Scenario& sc = snapshot.scenario;
    const Evaluation& ev = snapshot.evaluation;
    if (!ev.ok() || workload < 0 || static_cast<size_t>(workload) >= sc.workloads.size())
        return charts;
    const Workload& w = sc.workloads[static_cast<size_t>(workload)];
    QStringList categories;
    std::vector<QColor> colors;
    for (const StrategyResult& sr : ev.results) {
        categories << strategyLabel(sr.strategy);
        colors.push_back(strategyColor(sr.strategy));
    }
    auto chart = [&](QString key, QString title, QString unit) {
        BarChartData c;
        c.key = std::move(key);
        c.title = std::move(title);
        c.unit = std::move(unit);
        c.categories = categories;
        c.categoryColors = colors;
        return c;
    };

    // A chart of one value per strategy, coloured by strategy: the values of the results table's
    // row \a rowKey, so that a chart and the table can never disagree (one rule per metric).
    const std::vector<WorkloadComparison> table = compareStrategies(sc, ev);
    auto rowValues = [&](const char* rowKey) {
        std::vector<std::optional<double>> v(ev.results.size());
        for (const ComparisonRow& row : table[static_cast<size_t>(workload)].rows)
            if (row.key == rowKey)
                for (size_t i = 0; i < row.cells.size() && i < v.size(); ++i)
                    v[i] = row.cells[i].value;
        return v;
    };
    auto addSingle = [&](QString key, QString title, QString unit, std::vector<std::optional<double>> v) {
        BarChartData c = chart(std::move(key), std::move(title), std::move(unit));
        c.series.push_back({c.title, QColor(), std::move(v)});
        c.logScale = spansDecades(c.series);
        charts.push_back(std::move(c));
    };

    // One chart for each metric of the registry that asks for one, in registry order; a note
    // names the strategies whose value leaves something out (a cost without some prices).
    auto singles = [&](const auto& metrics) {
        const std::vector<ComparisonRow>& rows = table[static_cast<size_t>(workload)].rows;
        for (const auto& m : metrics) {
            if (m.chart.key.empty())
                continue;
            addSingle(QString::fromStdString(m.chart.key), QString::fromStdString(m.chart.title),
                      QString::fromStdString(m.chart.unit), rowValues(m.key.c_str()));
            QStringList partial;
            for (const ComparisonRow& row : rows)
                if (row.key == m.key)
                    for (size_t i = 0; i < row.cells.size() && i < ev.results.size(); ++i)
                        if (row.cells[i].partial)
                            partial << strategyLabel(ev.results[i].strategy);
            if (!partial.isEmpty())
                charts.back().note = QStringLiteral("%1: %2").arg(partial.join(QStringLiteral(", ")),
                                                                  QString::fromStdString(m.partialNote));
        }
    };

    auto serviceCharts = [&](const InferenceSpec& spec) {
        using R = InferenceResult;
        auto values = [&](const std::function<std::optional<double>(const R&)>& f) {
            std::vector<std::optional<double>> v;
            for (const StrategyResult& sr : ev.results) {
                const R* r = findResult(sr.inference, w.id);
                v.push_back(r ? f(*r) : std::nullopt);
            }
            return v;
        };
        {
            BarChartData c = chart(QStringLiteral("latency"), QStringLiteral("Latency"), QStringLiteral("ms"));
            c.series.push_back({QStringLiteral("mean"), QColor(), values([](const R& r) { return scaled(r.latencyMeanSeconds, 1e3); })});
            c.series.push_back({QStringLiteral("p95"), QColor(0x55, 0x55, 0x55), values([](const R& r) { return scaled(r.latencyP95Seconds, 1e3); })});
            if (spec.sloP95Ms)
                c.lines.push_back({QStringLiteral("SLO p95 %1 ms").arg(*spec.sloP95Ms), *spec.sloP95Ms});
            bool saturated = false;
            for (const StrategyResult& sr : ev.results)
                if (const R* r = findResult(sr.inference, w.id); r && r->saturated)
                    saturated = true;
            if (saturated)
                c.note = QStringLiteral("A missing bar is a saturated strategy: its latency is unbounded.");
            c.logScale = spansDecades(c.series);
            charts.push_back(std::move(c));
        }
        {
            BarChartData c = chart(QStringLiteral("breakdown"), QStringLiteral("Mean latency breakdown"), QStringLiteral("ms"));
            c.stacked = true;
            auto part = [&](const char* name, QColor colour, double LatencyBreakdown::*member) {
                c.series.push_back({QString::fromLatin1(name), colour, values([member](const R& r) -> std::optional<double> {
                                        if (r.saturated || !r.latencyMeanSeconds)
                                            return std::nullopt;
                                        return r.breakdown.*member * 1e3;
                                    })});
            };
            // A sequential palette for the parts (the strategies are the categories here).
            part("uplink", QColor(0x9e, 0xca, 0xe1), &LatencyBreakdown::uplinkSeconds);
            part("network", QColor(0x42, 0x92, 0xc6), &LatencyBreakdown::networkSeconds);
            part("queue", QColor(0xfd, 0xae, 0x6b), &LatencyBreakdown::queueSeconds);
            part("service", QColor(0xe6, 0x55, 0x0d), &LatencyBreakdown::serviceSeconds);
            part("downlink", QColor(0x08, 0x45, 0x94), &LatencyBreakdown::downlinkSeconds);
            charts.push_back(std::move(c));
        }
        {
            BarChartData c = chart(QStringLiteral("capacity"), QStringLiteral("Capacity and offered load"), QStringLiteral("req/s"));
            c.series.push_back({QStringLiteral("capacity"), QColor(), values([](const R& r) { return r.capacityRps; })});
            c.series.push_back({QStringLiteral("throughput"), QColor(0x55, 0x55, 0x55),
                                values([](const R& r) -> std::optional<double> { return r.throughputRps; })});
            double offered = 0;
            for (const StrategyResult& sr : ev.results)
                if (const R* r = findResult(sr.inference, w.id))
                    offered = std::max(offered, r->offeredRps);
            c.lines.push_back({QStringLiteral("offered %1 req/s").arg(QString::fromStdString(formatValue(offered))), offered});
            c.logScale = spansDecades(c.series);
            charts.push_back(std::move(c));
        }
        {
            BarChartData c = chart(QStringLiteral("flops"), QStringLiteral("Achieved and installed compute"), QStringLiteral("PFLOP/s"));
            c.series.push_back({QStringLiteral("achieved"), QColor(), values([](const R& r) -> std::optional<double> { return r.achievedFlops / 1e15; })});
            c.series.push_back({QStringLiteral("installed"), QColor(0xaa, 0xaa, 0xaa),
                                values([](const R& r) -> std::optional<double> { return r.installedFlops / 1e15; })});
            c.logScale = spansDecades(c.series);
            charts.push_back(std::move(c));
        }
        singles(inferenceMetrics());
    };
    auto jobCharts = [&] {
        using R = TrainingResult;
        constexpr double kDay = units::kSecondsPerDay;
        auto values = [&](const std::function<std::optional<double>(const R&)>& f) {
            std::vector<std::optional<double>> v;
            for (const StrategyResult& sr : ev.results) {
                const R* r = findResult(sr.training, w.id);
                v.push_back(r && r->feasible ? f(*r) : std::nullopt);
            }
            return v;
        };
        {
            BarChartData c = chart(QStringLiteral("time"), QStringLiteral("Time to train"), QStringLiteral("days"));
            c.stacked = true;
            c.series.push_back({QStringLiteral("compute"), QColor(0xe6, 0x55, 0x0d),
                                values([&](const R& r) -> std::optional<double> { return r.breakdown.computeSeconds / kDay; })});
            c.series.push_back({QStringLiteral("communication"), QColor(0x42, 0x92, 0xc6),
                                values([&](const R& r) -> std::optional<double> { return r.breakdown.communicationSeconds / kDay; })});
            c.series.push_back({QStringLiteral("data transfer"), QColor(0x9e, 0xca, 0xe1),
                                values([&](const R& r) -> std::optional<double> { return r.breakdown.transferSeconds / kDay; })});
            charts.push_back(std::move(c));
        }
        singles(trainingMetrics());
    };
    std::visit(Overloaded{serviceCharts, [&](const TrainingSpec&) { jobCharts(); }, [&](const FederatedSpec&) { jobCharts(); }}, w.spec);
    return charts;
}

} // namespace strata::models
