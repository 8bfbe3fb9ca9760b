// SPDX-License-Identifier: GPL-3.0-or-later
#include "workloadsmodel.h"

#include "models/projectdocument.h"

namespace strata::models {

WorkloadsModel::WorkloadsModel(ProjectDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    auto reset = [this] {
        beginResetModel();
        endResetModel();
    };
    connect(document, &ProjectDocument::workloadsChanged, this, reset);
    connect(document, &ProjectDocument::scenarioReset, this, reset);
}

int WorkloadsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_document->scenario().workloads.size());
}

int WorkloadsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkloadsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Workload& w = m_document->scenario().workloads[static_cast<size_t>(index.row())];
    if (role == IdRole)
        return QString::fromStdString(w.id);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn: return QString::fromStdString(w.id);
    case NameColumn: return QString::fromStdString(w.name);
    case TypeColumn: {
        const auto t = core::workloadTypeName(w.type());
        return QString::fromUtf8(t.data(), static_cast<int>(t.size()));
    }
    case ModelColumn: return QString::fromStdString(w.model);
    default: return {};
    }
}

QVariant WorkloadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("Id");
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case ModelColumn: return tr("Model");
    default: return {};
    }
}

} // namespace strata::models
