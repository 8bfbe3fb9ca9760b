// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogmodel.h"

#include <QMimeData>

namespace strata::models {

using namespace strata::core;

namespace {
std::optional<double> peak16(const Accelerator& a)
{
    for (Precision p : {Precision::BF16, Precision::FP16})
        if (auto it = a.peakTflops.find(p); it != a.peakTflops.end())
            return it->second;
    return std::nullopt;
}
} // namespace

CatalogModel::CatalogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CatalogModel::setCatalog(Catalog catalog)
{
    beginResetModel();
    m_catalog = std::move(catalog);
    endResetModel();
}

int CatalogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_catalog.entries().size());
}

int CatalogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Accelerator& a = m_catalog.entries()[static_cast<size_t>(index.row())];
    auto opt = [](const std::optional<double>& v, const char* unit) {
        return v ? QStringLiteral("%1 %2").arg(QString::number(*v, 'g', 4), QString::fromLatin1(unit)) : QStringLiteral("–");
    };
    switch (role) {
    case IdRole: return QString::fromStdString(a.id);
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return QString::fromStdString(a.vendor + " " + a.model);
        case MemoryColumn: return opt(a.memoryGb, "GB");
        case PeakColumn: return opt(peak16(a), "TFLOP/s");
        case PowerColumn: return opt(a.tdpW, "W");
        default: return {};
        }
    case Qt::ToolTipRole:
        return QStringLiteral("<b>%1</b> (%2)<br>Drag onto a site to add 8.<br><small>Source: %3</small>")
            .arg(QString::fromStdString(a.vendor + " " + a.model).toHtmlEscaped(), QString::fromStdString(a.id).toHtmlEscaped(),
                 QString::fromStdString(a.source).toHtmlEscaped());
    default: return {};
    }
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Accelerator");
    case MemoryColumn: return tr("Memory");
    case PeakColumn: return tr("Peak 16-bit");
    case PowerColumn: return tr("TDP");
    default: return {};
    }
}

Qt::ItemFlags CatalogModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList CatalogModel::mimeTypes() const
{
    return {acceleratorMimeType()};
}

QMimeData* CatalogModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto* mime = new QMimeData;
    mime->setData(acceleratorMimeType(), data(indexes.first(), IdRole).toString().toUtf8());
    return mime;
}

} // namespace strata::models
