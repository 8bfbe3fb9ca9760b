// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/catalog.h"
#include "model/diagnostic.h"
#include "model/scenario.h"
#include "models/evaluationservice.h"

#include <QAbstractTableModel>

namespace strata::models {

/**
 * Diagnostics of the latest evaluation (validation first, then each strategy's, labelled with
 * the strategy), one per row: severity, element (by name), message. ElementKindRole and
 * ElementIdRole give the site, link or workload the finding is about (a pool's site, a file
 * path's element) so that a click can select it.
 */
class DiagnosticsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ElementKindRole = Qt::UserRole + 1, ElementIdRole, SeverityRole };
    enum Column { SeverityColumn, ElementColumn, MessageColumn, ColumnCount };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    struct Entry {
        core::Diagnostic diagnostic;
        QString strategy;        ///< empty for validation findings
        QString element;         ///< the element's name, as people read it
        core::ElementRef target; ///< the site, link or workload to select; None when there is none
    };
    /// The entry of \a diagnostic: its element named and resolved in \a scenario.
    static Entry entry(const core::Diagnostic& diagnostic, const QString& strategy, const core::Scenario& scenario,
                       const core::Catalog& catalog);
    /// Every finding of \a snapshot: validation and engine diagnostics, then each strategy's,
    /// labelled with the strategy. A blank design (no sites, no workloads) has none to show.
    static std::vector<Entry> entriesOf(const EvaluationSnapshot& snapshot);
    void setEntries(std::vector<Entry> entries);
    const std::vector<Entry>& entries() const { return m_entries; }
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Entry> m_entries;
};

} // namespace strata::models
