// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/evaluation.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QObject>
#include <QTimer>

#include <memory>

template <typename T>
class QFutureWatcher;

namespace strata::models {

class ProjectDocument;

/// One evaluation and the scenario it was made from (the views draw from this one object).
struct EvaluationSnapshot {
    core::Scenario scenario;
    core::Evaluation evaluation;
    quint64 generation = 0; ///< increases with every request
    double elapsedMs = 0;   ///< time the engine took
};

/**
 * Live evaluation (ARCHITECTURE.md, steps 5–6): after each change of the document, waits for a
 * short quiet period, then evaluates every strategy with core::evaluate. Small designs evaluate
 * at once on the GUI thread (well under a few ms); large ones on a worker thread, with busy()
 * true meanwhile. A result that a newer change has overtaken is dropped.
 */
class EvaluationService : public QObject {
    Q_OBJECT
public:
    explicit EvaluationService(ProjectDocument* document, QObject* parent = nullptr);
    ~EvaluationService() override;

    /// Quiet period after the last change; 0 evaluates on the next event-loop turn.
    void setDebounceMs(int ms) { m_timer.setInterval(ms); }
    /// Designs with more sites than this evaluate on a worker thread.
    void setWorkerThreshold(int sites) { m_workerThreshold = sites; }

    std::shared_ptr<const EvaluationSnapshot> latest() const { return m_latest; }
    bool busy() const { return m_running; }

public slots:
    /// Evaluates now (skipping the quiet period).
    void evaluateNow();

signals:
    void resultsReady(std::shared_ptr<const strata::models::EvaluationSnapshot> snapshot);
    void busyChanged(bool busy);

private:
    void start();
    void finish(std::shared_ptr<EvaluationSnapshot> snapshot);

    ProjectDocument* m_document;
    QTimer m_timer;
    int m_workerThreshold = 300;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_pending = false;
    std::shared_ptr<const EvaluationSnapshot> m_latest;
    QFutureWatcher<std::shared_ptr<EvaluationSnapshot>>* m_watcher;
};

/// The evaluation a report shows: the live evaluation plus the N − 1 analysis (single points of
/// failure and the capacity each component costs), which live evaluation leaves out.
std::shared_ptr<const EvaluationSnapshot> snapshotWithResilience(const core::Scenario& scenario);

/// The catalog a design is evaluated against: the built-in one with the design's own accelerators over it.
core::Catalog catalogOf(const core::Scenario& scenario);

/// The name people read for \a element of \a scenario ("US East · H100 pool").
QString elementName(const core::ElementRef& element, const core::Scenario& scenario);

} // namespace strata::models
