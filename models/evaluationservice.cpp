// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluationservice.h"

#include "engine/evaluator.h"
#include "engine/resilience.h"
#include "io/catalogreader.h"
#include "models/projectdocument.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace strata::models {

namespace {

std::shared_ptr<EvaluationSnapshot> run(core::Scenario scenario, quint64 generation)
{
    auto snapshot = std::make_shared<EvaluationSnapshot>();
    snapshot->scenario = std::move(scenario);
    snapshot->generation = generation;
    QElapsedTimer clock;
    clock.start();
    snapshot->evaluation = core::evaluate(snapshot->scenario, core::builtinCatalog());
    snapshot->elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return snapshot;
}

} // namespace

EvaluationService::EvaluationService(ProjectDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_watcher(new QFutureWatcher<std::shared_ptr<EvaluationSnapshot>>(this))
{
    qRegisterMetaType<std::shared_ptr<const EvaluationSnapshot>>();
    m_timer.setSingleShot(true);
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &EvaluationService::start);
    connect(document, &ProjectDocument::changed, this, [this] { m_timer.start(); });
    connect(m_watcher, &QFutureWatcher<std::shared_ptr<EvaluationSnapshot>>::finished, this,
            [this] { finish(m_watcher->result()); });
}

EvaluationService::~EvaluationService()
{
    m_watcher->waitForFinished();
}

void EvaluationService::evaluateNow()
{
    m_timer.stop();
    start();
}

void EvaluationService::start()
{
    if (m_running) {
        m_pending = true; // run again when the current one is done
        return;
    }
    const quint64 generation = ++m_generation;
    if (static_cast<int>(m_document->scenario().sites.size()) <= m_workerThreshold) {
        finish(run(m_document->scenario(), generation));
        return;
    }
    m_running = true;
    emit busyChanged(true);
    m_watcher->setFuture(QtConcurrent::run(run, m_document->scenario(), generation));
}

void EvaluationService::finish(std::shared_ptr<EvaluationSnapshot> snapshot)
{
    const bool wasRunning = m_running;
    m_running = false;
    if (wasRunning)
        emit busyChanged(false);
    if (m_pending) {
        m_pending = false;
        start(); // a newer change arrived meanwhile: this result is already stale
        return;
    }
    if (!snapshot || snapshot->generation != m_generation)
        return;
    m_latest = snapshot;
    emit resultsReady(m_latest);
}

std::shared_ptr<const EvaluationSnapshot> snapshotWithResilience(const core::Scenario& scenario)
{
    auto snapshot = std::make_shared<EvaluationSnapshot>();
    snapshot->scenario = scenario;
    snapshot->evaluation = core::evaluateWithResilience(scenario, core::builtinCatalog());
    return snapshot;
}

core::Catalog catalogOf(const core::Scenario& scenario)
{
    return core::builtinCatalog().withOverrides(scenario.accelerators);
}

QString elementName(const core::ElementRef& element, const core::Scenario& scenario)
{
    return QString::fromStdString(core::displayName(element, scenario, core::builtinCatalog()));
}

} // namespace strata::models
