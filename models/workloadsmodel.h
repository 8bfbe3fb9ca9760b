// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace strata::models {

class ProjectDocument;

/// The document's workloads, one per row: id, name, type, model. Follows the document.
class WorkloadsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };
    enum Column { IdColumn, NameColumn, TypeColumn, ModelColumn, ColumnCount };

    explicit WorkloadsModel(ProjectDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ProjectDocument* m_document;
};

} // namespace strata::models
