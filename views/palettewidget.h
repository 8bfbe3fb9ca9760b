// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace strata::models {
class CatalogModel;
}

namespace strata::views {

/**
 * The palette: site kinds to drag onto the canvas, the link tool, and the accelerator catalog
 * (with a search box) whose entries drop onto sites.
 */
class PaletteWidget : public QWidget {
    Q_OBJECT
public:
    PaletteWidget(models::CatalogModel* catalog, QWidget* parent = nullptr);

    QToolButton* linkToolButton() const { return m_linkTool; }
    QLineEdit* searchBox() const { return m_search; }
    QSortFilterProxyModel* catalogProxy() const { return m_proxy; }

signals:
    void linkToolToggled(bool on);

private:
    QListWidget* m_sites;
    QToolButton* m_linkTool;
    QLineEdit* m_search;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_catalog;
};

} // namespace strata::views
