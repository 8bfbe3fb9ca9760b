// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/workload.h"

#include <QWidget>

#include <functional>
#include <vector>

class QFormLayout;
class QLabel;
class QTableView;

namespace strata::models {
class ProjectDocument;
class WorkloadsModel;
}

namespace strata::views {

/**
 * Workloads: the list, "Add" (inference, training, federated) and "Delete", and a form for the
 * selected workload: model from the presets or the scenario, its key numbers with units, and its
 * sources, datasets or clients taken from the sites selected on the canvas.
 */
class WorkloadsPanel : public QWidget {
    Q_OBJECT
public:
    WorkloadsPanel(models::ProjectDocument* document, models::WorkloadsModel* model, QWidget* parent = nullptr);

    /// Where the panel gets the canvas selection when the user picks sites.
    void setSelectedSitesProvider(std::function<QStringList()> provider) { m_selectedSites = std::move(provider); }
    QTableView* table() const { return m_table; }
    QString currentWorkload() const { return m_current; }
    void selectWorkload(const QString& id);
    void addWorkload(int type);

signals:
    /// "Sweep…" was chosen on a numeric field: \a path as core::setScenarioValue takes it.
    void sweepRequested(const QString& path, double current, const QString& unit);
    /// A line for the status bar (what a model preset changed).
    void statusMessage(const QString& text);

private:
    void rebuildForm();
    QWidget* sitesTable(const core::Workload& w, const std::function<void(const std::function<void(core::Workload&)>&)>& commit);

    models::ProjectDocument* m_document;
    models::WorkloadsModel* m_model;
    QTableView* m_table;
    QWidget* m_formHost;
    QFormLayout* m_form;
    QLabel* m_error;
    QString m_current;
    std::function<QStringList()> m_selectedSites;
};

} // namespace strata::views
