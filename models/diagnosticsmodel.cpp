// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticsmodel.h"

#include "io/catalogreader.h"
#include "models/strategystyle.h"

#include <QColor>

namespace strata::models {

using namespace strata::core;

DiagnosticsModel::DiagnosticsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DiagnosticsModel::setEntries(std::vector<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int DiagnosticsModel::errorCount() const
{
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
                                          [](const Entry& e) { return e.diagnostic.severity == Severity::Error; }));
}

int DiagnosticsModel::warningCount() const
{
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
                                          [](const Entry& e) { return e.diagnostic.severity == Severity::Warning; }));
}

std::vector<DiagnosticsModel::Entry> DiagnosticsModel::entriesOf(const EvaluationSnapshot& snapshot)
{
    std::vector<Entry> entries;
    if (snapshot.scenario.sites.empty() && snapshot.scenario.workloads.empty())
        return entries;
    const Catalog& catalog = builtinCatalog();
    for (const Diagnostic& d : snapshot.evaluation.diagnostics)
        entries.push_back(entry(d, {}, snapshot.scenario, catalog));
    for (const StrategyResult& sr : snapshot.evaluation.results)
        for (const Diagnostic& d : sr.diagnostics)
            entries.push_back(entry(d, strategyLabel(sr.strategy), snapshot.scenario, catalog));
    return entries;
}

DiagnosticsModel::Entry DiagnosticsModel::entry(const Diagnostic& diagnostic, const QString& strategy, const Scenario& scenario,
                                                const Catalog& catalog)
{
    return {diagnostic, strategy, QString::fromStdString(displayName(diagnostic.element, scenario, catalog)),
            elementOf(diagnostic.element, scenario)};
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int DiagnosticsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries[static_cast<size_t>(index.row())];
    switch (role) {
    case ElementKindRole: return int(e.target.kind);
    case ElementIdRole: return QString::fromStdString(e.target.id);
    case SeverityRole: return int(e.diagnostic.severity);
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: {
            const QString s = e.diagnostic.severity == Severity::Error   ? tr("error")
                              : e.diagnostic.severity == Severity::Warning ? tr("warning")
                                                                           : tr("info");
            return e.strategy.isEmpty() ? s : s + QStringLiteral(" · ") + e.strategy;
        }
        case ElementColumn: return e.element;
        case MessageColumn: return QString::fromStdString(e.diagnostic.message);
        default: return {};
        }
    case Qt::ToolTipRole:
        return e.element + QStringLiteral(": ") + QString::fromStdString(e.diagnostic.message);
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn) {
            if (e.diagnostic.severity == Severity::Error)
                return QColor(QStringLiteral("#d32f2f"));
            if (e.diagnostic.severity == Severity::Warning)
                return QColor(QStringLiteral("#b26a00"));
        }
        return {};
    default: return {};
    }
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case ElementColumn: return tr("Element");
    case MessageColumn: return tr("Message");
    default: return {};
    }
}

} // namespace strata::models
