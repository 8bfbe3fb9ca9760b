// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticsmodel.h"

#include <QColor>
#include <QRegularExpression>

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

ElementRef DiagnosticsModel::resolve(const std::string& element, const Scenario& scenario)
{
    const QString text = QString::fromStdString(element);
    static const QRegularExpression named(QStringLiteral("^(site|link|workload):([^/]+)"));
    static const QRegularExpression listed(QStringLiteral("^(sites|links|workloads)\\[(\\d+)\\]"));
    if (const auto m = named.match(text); m.hasMatch()) {
        const QString kind = m.captured(1);
        return {kind == QLatin1String("site") ? ElementRef::Site : kind == QLatin1String("link") ? ElementRef::Link : ElementRef::Workload,
                m.captured(2)};
    }
    if (const auto m = listed.match(text); m.hasMatch()) {
        const size_t i = m.captured(2).toULongLong();
        const QString kind = m.captured(1);
        if (kind == QLatin1String("sites") && i < scenario.sites.size())
            return {ElementRef::Site, QString::fromStdString(scenario.sites[i].id)};
        if (kind == QLatin1String("links") && i < scenario.links.size())
            return {ElementRef::Link, QString::fromStdString(scenario.links[i].id)};
        if (kind == QLatin1String("workloads") && i < scenario.workloads.size())
            return {ElementRef::Workload, QString::fromStdString(scenario.workloads[i].id)};
    }
    return {};
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
    case ElementKindRole: return int(e.ref.kind);
    case ElementIdRole: return e.ref.id;
    case SeverityRole: return int(e.diagnostic.severity);
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: {
            const QString s = e.diagnostic.severity == Severity::Error   ? tr("error")
                              : e.diagnostic.severity == Severity::Warning ? tr("warning")
                                                                           : tr("info");
            return e.strategy.isEmpty() ? s : s + QStringLiteral(" · ") + e.strategy;
        }
        case ElementColumn: return QString::fromStdString(e.diagnostic.element);
        case MessageColumn: return QString::fromStdString(e.diagnostic.message);
        default: return {};
        }
    case Qt::ToolTipRole:
        return QString::fromStdString(e.diagnostic.element + ": " + e.diagnostic.message);
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
