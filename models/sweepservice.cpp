// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweepservice.h"

#include "io/textout.h"

#include "engine/comparison.h"
#include "engine/sweep.h"
#include "io/catalogreader.h"
#include "model/scenariopath.h"
#include "models/strategystyle.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <mutex>

namespace strata::models {

using namespace strata::core;

SweepOutcome SweepService::run(const SweepRequest& request, const std::atomic<bool>* cancel,
                               const std::function<void(int, int)>& progress)
{
    SweepOutcome out;
    out.path = request.path;
    out.workload = request.workload;
    QElapsedTimer clock;
    clock.start();
    SweepOptions options;
    options.path = request.path.toStdString();
    options.from = request.from;
    options.to = request.to;
    options.steps = request.steps;
    options.logarithmic = request.logarithmic;
    options.cancel = cancel;
    options.progress = progress;
    options.setter = request.setter;
    const std::string id = request.workload.toStdString();
    std::mutex lock;
    // Keep a summary per step only: a long sweep of a large design must not hold every evaluation.
    auto sink = [&](SweepStep&& step) {
        SweepPoint p;
        p.value = step.value;
        std::vector<Strategy> strategies;
        for (const StrategyResult& sr : step.evaluation.results) {
            strategies.push_back(sr.strategy);
            const InferenceResult* inf = findResult(sr.inference, id);
            const TrainingResult* tr = findResult(sr.training, id);
            auto ms = [](const std::optional<double>& s) -> std::optional<double> {
                if (!s)
                    return std::nullopt;
                return *s * 1e3;
            };
            p.p95Ms.push_back(inf ? ms(inf->latencyP95Seconds) : std::nullopt);
            p.meanMs.push_back(inf ? ms(inf->latencyMeanSeconds) : std::nullopt);
            p.capacityRps.push_back(inf ? inf->capacityRps : std::nullopt);
            p.throughputRps.push_back(inf ? std::optional<double>(inf->throughputRps) : std::nullopt);
            p.saturated.push_back(inf && inf->saturated);
            std::optional<double> days;
            if (tr && tr->timeSeconds)
                days = *tr->timeSeconds / 86400.0;
            p.timeDays.push_back(days);
            p.efficiency.push_back(tr ? tr->scalingEfficiency : std::nullopt);
        }
        std::vector<SweepMetric> metrics;
        for (const WorkloadComparison& wc : compareStrategies(request.scenario, step.evaluation)) {
            if (wc.workload != id)
                continue;
            for (const ComparisonRow& row : wc.rows) {
                if (row.textual)
                    continue;
                metrics.push_back({QString::fromStdString(row.key), QString::fromStdString(row.label), QString::fromStdString(row.unit)});
                std::vector<std::optional<double>> values;
                for (const ComparisonCell& cell : row.cells)
                    values.push_back(cell.present ? cell.value : std::nullopt);
                p.metricValues.push_back(std::move(values));
            }
        }
        const std::lock_guard<std::mutex> guard(lock);
        out.strategies = std::move(strategies);
        out.metrics = std::move(metrics);
        out.points.push_back(std::move(p));
    };
    const SweepResult r = runSweep(request.scenario, options, builtinCatalog(), sink);
    std::sort(out.points.begin(), out.points.end(), [](const SweepPoint& a, const SweepPoint& b) { return a.value < b.value; });
    if (request.from > request.to)
        std::reverse(out.points.begin(), out.points.end());
    out.error = QString::fromStdString(r.error);
    out.cancelled = r.cancelled;
    if (!out.error.isEmpty())
        out.points.clear();
    out.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return out;
}

SweepService::SweepService(QObject* parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<SweepOutcome>(this))
{
    qRegisterMetaType<SweepOutcome>();
    connect(m_watcher, &QFutureWatcher<SweepOutcome>::finished, this, [this] {
        m_running = false;
        emit finished(m_watcher->result());
    });
}

SweepService::~SweepService()
{
    m_cancel = true;
    m_watcher->waitForFinished();
}

bool SweepService::start(SweepRequest request)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel = false;
    auto report = [this](int done, int total) {
        // Called on worker threads: hand over to the GUI thread.
        QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
    };
    m_watcher->setFuture(QtConcurrent::run([this, request = std::move(request), report] { return run(request, &m_cancel, report); }));
    return true;
}

void SweepService::cancel()
{
    m_cancel = true;
}

int metricIndex(const SweepOutcome& outcome, const QString& key)
{
    for (size_t i = 0; i < outcome.metrics.size(); ++i)
        if (outcome.metrics[i].key == key)
            return static_cast<int>(i);
    return -1;
}

QString sweepCsv(const SweepOutcome& outcome)
{
    // Text cells as the CLI writes them: quoted, and never a formula to a spreadsheet.
    auto quoted = [](const QString& text) {
        std::string cell = core::csvText(text.toStdString());
        if (cell.empty() || cell.front() != '"')
            cell = '"' + cell + '"'; // this export quotes every text cell (a bare one holds no quote)
        return QString::fromStdString(cell);
    };
    QString csv = quoted(outcome.path);
    for (const SweepMetric& m : outcome.metrics)
        for (Strategy s : outcome.strategies)
            csv += QLatin1Char(',') +
                   quoted(QStringLiteral("%1 %2%3").arg(strategyLabel(s).toLower(), m.label,
                                                       m.unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m.unit)));
    csv += QLatin1Char('\n');
    for (const SweepPoint& p : outcome.points) {
        csv += QString::number(p.value, 'g', 10);
        for (const auto& metric : p.metricValues)
            for (const auto& x : metric)
                csv += QLatin1Char(',') + (x ? QString::number(*x, 'g', 10) : QString());
        csv += QLatin1Char('\n');
    }
    return csv;
}

QString describePath(const core::Scenario& scenario, const QString& path)
{
    const std::string p = path.toStdString();
    return QString::fromStdString(core::displayName(core::pathElement(scenario, p), scenario, core::builtinCatalog()));
}

} // namespace strata::models
