// SPDX-License-Identifier: GPL-3.0-or-later
#include "palettewidget.h"

#include "models/catalogmodel.h"
#include "models/elementdefaults.h"
#include "views/icons.h"
#include "views/topologyscene.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::views {

using namespace strata::core;

namespace {

/// The list of site kinds; dragging an entry carries its kind name.
class SiteKindList : public QListWidget {
public:
    using QListWidget::QListWidget;

protected:
    QStringList mimeTypes() const override { return {TopologyScene::siteKindMimeType()}; }
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override
    {
        if (items.isEmpty())
            return nullptr;
        auto* mime = new QMimeData;
        mime->setData(TopologyScene::siteKindMimeType(), items.first()->data(Qt::UserRole).toByteArray());
        return mime;
    }
};

QLabel* heading(const QString& text)
{
    auto* l = new QLabel(text);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

} // namespace

PaletteWidget::PaletteWidget(models::CatalogModel* catalog, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(tr("Sites")));
    m_sites = new SiteKindList;
    m_sites->setObjectName(QStringLiteral("paletteSites"));
    m_sites->setDragEnabled(true);
    m_sites->setDragDropMode(QAbstractItemView::DragOnly);
    m_sites->setIconSize(QSize(32, 32));
    m_sites->setSpacing(2);
    for (SiteKind kind : {SiteKind::Cloud, SiteKind::Edge, SiteKind::OnPrem, SiteKind::Device}) {
        auto* item = new QListWidgetItem(siteKindIcon(kind), models::siteKindLabel(kind));
        const auto name = siteKindName(kind);
        item->setData(Qt::UserRole, QByteArray(name.data(), static_cast<int>(name.size())));
        item->setToolTip(tr("Drag onto the canvas to add a %1").arg(models::siteKindLabel(kind).toLower()));
        m_sites->addItem(item);
    }
    m_sites->setFixedHeight(4 * 40 + 8);
    layout->addWidget(m_sites);

    m_linkTool = new QToolButton;
    m_linkTool->setObjectName(QStringLiteral("linkTool"));
    m_linkTool->setCheckable(true);
    m_linkTool->setIcon(QIcon(QStringLiteral(":/icons/link.svg")));
    m_linkTool->setIconSize(QSize(24, 24));
    m_linkTool->setText(tr("Link tool (L)"));
    m_linkTool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_linkTool->setToolTip(tr("Draw links: drag from one site to another. Without the tool, drag from the "
                              "small circle on a site's right edge. Esc leaves the tool."));
    m_linkTool->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_linkTool, &QToolButton::toggled, this, &PaletteWidget::linkToolToggled);
    layout->addWidget(m_linkTool);

    layout->addSpacing(6);
    layout->addWidget(heading(tr("Accelerators")));
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("acceleratorSearch"));
    m_search->setPlaceholderText(tr("Search (e.g. H100, TPU, MI300)"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(catalog);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(models::CatalogModel::NameColumn);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_catalog = new QTableView;
    m_catalog->setObjectName(QStringLiteral("paletteCatalog"));
    m_catalog->setModel(m_proxy);
    m_catalog->setDragEnabled(true);
    m_catalog->setDragDropMode(QAbstractItemView::DragOnly);
    m_catalog->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_catalog->setSelectionMode(QAbstractItemView::SingleSelection);
    m_catalog->verticalHeader()->hide();
    m_catalog->horizontalHeader()->setSectionResizeMode(models::CatalogModel::NameColumn, QHeaderView::Stretch);
    m_catalog->horizontalHeader()->setSectionResizeMode(models::CatalogModel::MemoryColumn, QHeaderView::ResizeToContents);
    m_catalog->setColumnHidden(models::CatalogModel::PeakColumn, true);
    m_catalog->setColumnHidden(models::CatalogModel::PowerColumn, true);
    m_catalog->setWordWrap(false);
    m_catalog->setShowGrid(false);
    m_catalog->setAlternatingRowColors(true);
    layout->addWidget(m_catalog, 1);
    auto* hint = new QLabel(tr("Drag an accelerator onto a site to add 8."));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
}

} // namespace strata::views
