// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/diagnostic.h"
#include "model/scenario.h"

#include <QAbstractTableModel>

namespace strata::models {

/// What a diagnostic points at on the canvas.
struct ElementRef {
    enum Kind { None, Site, Link, Workload } kind = None;
    QString id;
};

/**
 * Diagnostics of the latest evaluation (validation first, then each strategy's, labelled with
 * the strategy), one per row: severity, element, message. ElementRole resolves the element to a
 * site, link or workload id so that a click can select it.
 */
class DiagnosticsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ElementKindRole = Qt::UserRole + 1, ElementIdRole, SeverityRole };
    enum Column { SeverityColumn, ElementColumn, MessageColumn, ColumnCount };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    struct Entry {
        core::Diagnostic diagnostic;
        QString strategy; ///< empty for validation findings
        ElementRef ref;
    };
    void setEntries(std::vector<Entry> entries);
    const std::vector<Entry>& entries() const { return m_entries; }
    int errorCount() const;
    int warningCount() const;

    /// Resolves a diagnostic's element text ("site:ID/pool:0", "links[2].kind", …) in \a scenario.
    static ElementRef resolve(const std::string& element, const core::Scenario& scenario);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Entry> m_entries;
};

} // namespace strata::models
