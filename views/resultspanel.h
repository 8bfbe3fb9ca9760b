// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/evaluationservice.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QTextBrowser;
class QTreeView;

namespace strata::models {
class ResultsModel;
}

namespace strata::views {

/**
 * Live results: per workload and strategy the metrics of SCENARIO.md with units, the winner of
 * each row marked, and below an "Explain" view with the formula and the breakdown of the
 * selected number. A busy bar shows while a large design evaluates on the worker.
 */
class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPanel(models::ResultsModel* model, QWidget* parent = nullptr);

    QTreeView* tree() const { return m_tree; }
    QTextBrowser* explanation() const { return m_explain; }

public slots:
    void setBusy(bool busy);
    void showSnapshot(std::shared_ptr<const strata::models::EvaluationSnapshot> snapshot);

private:
    void explainCurrent();

    models::ResultsModel* m_model;
    QLabel* m_status;
    QProgressBar* m_busy;
    QTreeView* m_tree;
    QTextBrowser* m_explain;
};

} // namespace strata::views
