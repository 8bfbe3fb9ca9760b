// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/catalog.h"

#include <QAbstractTableModel>

namespace strata::models {

/// The accelerators a design can use (built-in catalog plus the scenario's own), one per row:
/// name, memory, peak fp16/bf16, TDP; the tooltip names the source of the figures.
class CatalogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };
    enum Column { NameColumn, MemoryColumn, PeakColumn, PowerColumn, ColumnCount };

    explicit CatalogModel(QObject* parent = nullptr);
    void setCatalog(core::Catalog catalog);
    const core::Catalog& catalog() const { return m_catalog; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    /// Mime type of a dragged accelerator id.
    static QString acceleratorMimeType() { return QStringLiteral("application/x-strata-accelerator"); }

private:
    core::Catalog m_catalog;
};

} // namespace strata::models
