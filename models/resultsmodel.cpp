// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultsmodel.h"

#include "io/catalogreader.h"
#include "models/strategystyle.h"

#include <QFont>

namespace strata::models {

using namespace strata::core;

namespace {
// Internal ids: 0 marks a workload row; w + 1 marks a metric row under workload w.
constexpr quintptr kTop = 0;
} // namespace

ResultsModel::ResultsModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void ResultsModel::setSnapshot(std::shared_ptr<const EvaluationSnapshot> snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    m_comparison.clear();
    m_strategies = 0;
    if (m_snapshot && m_snapshot->evaluation.ok()) {
        m_comparison = compareStrategies(m_snapshot->scenario, m_snapshot->evaluation);
        m_strategies = static_cast<int>(m_snapshot->evaluation.results.size());
    }
    endResetModel();
}

QModelIndex ResultsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTop);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ResultsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kTop)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTop);
}

int ResultsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_comparison.size());
    if (parent.internalId() != kTop || parent.column() != 0)
        return 0;
    return static_cast<int>(m_comparison[static_cast<size_t>(parent.row())].rows.size());
}

int ResultsModel::columnCount(const QModelIndex&) const
{
    return 1 + m_strategies;
}

core::Explanation ResultsModel::explain(const QString& workload, int strategyIndex, const QString& rowKey) const
{
    if (!m_snapshot || strategyIndex < 0)
        return {};
    return explainValue(m_snapshot->scenario, m_snapshot->evaluation, builtinCatalog(), workload.toStdString(),
                        static_cast<size_t>(strategyIndex), rowKey.toStdString());
}

QString ResultsModel::workloadName(const QString& id) const
{
    if (!m_snapshot)
        return id;
    const Workload* w = m_snapshot->scenario.findWorkload(id.toStdString());
    return w && !w->name.empty() ? QString::fromStdString(w->name) : id;
}

QString ResultsModel::cellText(const ComparisonRow& row, const ComparisonCell& cell) const
{
    if (!cell.ref.empty() && m_snapshot)
        return QString::fromStdString(displayName(cell.ref, m_snapshot->scenario, builtinCatalog()));
    if (row.textual || !cell.value)
        return QString::fromStdString(cell.text);
    QString s = QString::fromStdString(formatValue(*cell.value));
    if (cell.partial)
        s += QLatin1Char('+');
    if (cell.winner)
        s = QStringLiteral("★ ") + s;
    return s;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kTop) {
        const WorkloadComparison& wc = m_comparison[static_cast<size_t>(index.row())];
        if (role == WorkloadRole)
            return QString::fromStdString(wc.workload);
        if (index.column() != 0)
            return {};
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1 (%2)").arg(QString::fromStdString(wc.workload),
                                                 QString::fromUtf8(workloadTypeName(wc.type).data(),
                                                                   static_cast<int>(workloadTypeName(wc.type).size())));
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    const WorkloadComparison& wc = m_comparison[static_cast<size_t>(index.internalId() - 1)];
    const ComparisonRow& row = wc.rows[static_cast<size_t>(index.row())];
    switch (role) {
    case RowKeyRole: return QString::fromStdString(row.key);
    case WorkloadRole: return QString::fromStdString(wc.workload);
    case StrategyIndexRole: return index.column() - 1;
    default: break;
    }
    if (index.column() == 0) {
        if (role == Qt::DisplayRole) {
            QString label = QString::fromStdString(row.label);
            if (!row.unit.empty())
                label += QStringLiteral(" (%1)").arg(QString::fromStdString(row.unit));
            return row.detail ? QStringLiteral("   ") + label : label;
        }
        if (role == Qt::ToolTipRole)
            return QString::fromStdString(formulaOf(row.key));
        return {};
    }
    const ComparisonCell& cell = row.cells[static_cast<size_t>(index.column() - 1)];
    switch (role) {
    case Qt::DisplayRole: return cellText(row, cell);
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case WinnerRole: return cell.winner;
    case ValueRole: return cell.value ? QVariant(*cell.value) : QVariant();
    case Qt::FontRole:
        if (cell.winner) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (cell.text == "saturated" || cell.text == "NO")
            return QColor(QStringLiteral("#d32f2f"));
        if (cell.partService)
            return QColor(QStringLiteral("#8a8a8a")); // shown, but not a fair comparison
        return {};
    case Qt::ToolTipRole:
        if (cell.partial)
            return tr("Leaves out pools without a sourced price");
        if (cell.partService)
            return tr("This strategy serves only part of the demand, so this figure is not comparable");
        if (cell.winner)
            return tr("Best of the row");
        if (!cell.ref.empty())
            return cellText(row, cell); // a long name that the column cuts short
        return {};
    default: return {};
    }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section == 0)
        return role == Qt::DisplayRole ? QVariant(tr("Metric")) : QVariant();
    if (!m_snapshot || section - 1 >= m_strategies)
        return {};
    const Strategy s = m_snapshot->evaluation.results[static_cast<size_t>(section - 1)].strategy;
    if (role == Qt::DisplayRole)
        return strategyLabel(s);
    if (role == Qt::DecorationRole)
        return strategyColor(s);
    return {};
}

} // namespace strata::models
