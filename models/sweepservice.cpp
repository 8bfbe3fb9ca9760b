// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweepservice.h"

#include "engine/sweep.h"
#include "io/catalogreader.h"
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
            const InferenceResult* inf = nullptr;
            for (const InferenceResult& r : sr.inference)
                if (r.workload == id)
                    inf = &r;
            const TrainingResult* tr = nullptr;
            for (const TrainingResult& r : sr.training)
                if (r.workload == id)
                    tr = &r;
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
        const std::lock_guard<std::mutex> guard(lock);
        out.strategies = std::move(strategies);
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

QString sweepCsv(const SweepOutcome& outcome)
{
    QString csv = QStringLiteral("\"%1\"").arg(QString(outcome.path).replace(QLatin1Char('"'), QLatin1String("\"\"")));
    auto header = [&](const QString& what, const QString& unit) {
        for (Strategy s : outcome.strategies)
            csv += QStringLiteral(",%1 %2 (%3)").arg(strategyLabel(s).toLower(), what, unit);
    };
    header(QStringLiteral("p95 latency"), QStringLiteral("ms"));
    header(QStringLiteral("mean latency"), QStringLiteral("ms"));
    header(QStringLiteral("capacity"), QStringLiteral("req/s"));
    header(QStringLiteral("throughput"), QStringLiteral("req/s"));
    header(QStringLiteral("time"), QStringLiteral("days"));
    header(QStringLiteral("scaling efficiency"), QStringLiteral("%"));
    csv += QLatin1Char('\n');
    auto cells = [&](const std::vector<std::optional<double>>& v) {
        for (const auto& x : v)
            csv += QLatin1Char(',') + (x ? QString::number(*x, 'g', 10) : QString());
    };
    for (const SweepPoint& p : outcome.points) {
        csv += QString::number(p.value, 'g', 10);
        cells(p.p95Ms);
        cells(p.meanMs);
        cells(p.capacityRps);
        cells(p.throughputRps);
        cells(p.timeDays);
        for (const auto& x : p.efficiency)
            csv += QLatin1Char(',') + (x ? QString::number(*x * 100, 'g', 10) : QString());
        csv += QLatin1Char('\n');
    }
    return csv;
}

} // namespace strata::models
