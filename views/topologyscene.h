// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/evaluationservice.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

#include <memory>

class QGraphicsLineItem;

namespace strata::models {
class ProjectDocument;
}

namespace strata::views {

class SiteItem;
class LinkItem;

/**
 * The canvas scene: one SiteItem and one LinkItem per element of the document, kept in step by
 * the document's signals. User gestures become document calls (ARCHITECTURE.md): a palette drop
 * adds a site, an accelerator dropped on a site grows its pool, a drag from a site's port (or any
 * drag in link mode) draws a link, a finished move is one undoable move.
 */
class TopologyScene : public QGraphicsScene {
    Q_OBJECT
public:
    enum class Mode { Select, Link };

    explicit TopologyScene(models::ProjectDocument* document, QObject* parent = nullptr);
    ~TopologyScene() override;

    models::ProjectDocument* document() const { return m_document; }
    SiteItem* siteItem(const QString& id) const { return m_sites.value(id); }
    LinkItem* linkItem(const QString& id) const { return m_links.value(id); }
    int siteItemCount() const { return static_cast<int>(m_sites.size()); }
    int linkItemCount() const { return static_cast<int>(m_links.size()); }

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    /// Colours the items by the loads of strategy \a strategyIndex of \a snapshot.
    void setSnapshot(std::shared_ptr<const models::EvaluationSnapshot> snapshot, int strategyIndex);
    int shownStrategy() const { return m_strategy; }

    QStringList selectedSiteIds() const;
    QStringList selectedLinkIds() const;
    /// Selects exactly one element (site or link) and returns its item, or nullptr.
    QGraphicsItem* selectElement(const QString& kind, const QString& id);
    void selectIds(const QStringList& siteIds, const QStringList& linkIds);
    /// Selects every site and link, announcing the change once (not once per item).
    void selectAllElements();

    // Edit operations on the selection (each one undo step).
    void deleteSelection();
    void copySelection() const;
    void cutSelection();
    /// Pastes the clipboard's sites and their internal links, offset so the copy is visible.
    void paste();
    void duplicateSelection();
    void nudgeSelection(QPointF delta);
    enum class Align { Left, HCenter, Right, Top, VCenter, Bottom };
    void alignSelection(Align how);
    void distributeSelection(Qt::Orientation orientation);

    /// Short name of an accelerator for badges ("H100 SXM").
    QString acceleratorShortName(const QString& id) const;

    /// Mime type of a site kind dragged from the palette.
    static QString siteKindMimeType() { return QStringLiteral("application/x-strata-site-kind"); }
    static QString fragmentMimeType() { return QStringLiteral("application/x-strata-fragment+json"); }

    // Called by items.
    bool isDragging() const { return m_dragging; }
    void siteItemMoved(const QString& id);

signals:
    /// An element was activated (double-click): the main window may open its properties.
    void elementActivated(const QString& kind, const QString& id);
    void modeChanged(Mode mode);

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent* event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent* event) override;
    void dropEvent(QGraphicsSceneDragDropEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuild();
    void addSiteItem(const QString& id);
    void addLinkItem(const QString& id);
    void removeSiteItem(const QString& id);
    void removeLinkItem(const QString& id);
    void applyLoads();
    SiteItem* siteAt(const QPointF& scenePos) const;
    void commitMove();

    models::ProjectDocument* m_document;
    QHash<QString, SiteItem*> m_sites;
    QHash<QString, LinkItem*> m_links;
    QHash<QString, QStringList> m_linksBySite;
    std::shared_ptr<const models::EvaluationSnapshot> m_snapshot;
    int m_strategy = 0;
    Mode m_mode = Mode::Select;
    bool m_dragging = false;
    QString m_linkFrom;
    QGraphicsLineItem* m_rubberLink = nullptr;
    int m_pasteCount = 0;
};

} // namespace strata::views
