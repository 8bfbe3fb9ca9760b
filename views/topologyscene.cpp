// SPDX-License-Identifier: GPL-3.0-or-later
#include "topologyscene.h"

#include "models/catalogmodel.h"
#include "models/projectdocument.h"
#include "views/linkitem.h"
#include "views/siteitem.h"

#include <QApplication>
#include <QClipboard>
#include <QGraphicsLineItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <set>

namespace strata::views {

using namespace strata::core;
using models::ProjectDocument;

TopologyScene::TopologyScene(ProjectDocument* document, QObject* parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    // No BSP index: whole selections move at once (select all + nudge), and re-indexing
    // thousands of moving items costs more than linear hit tests over them.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(document, &ProjectDocument::siteAdded, this, &TopologyScene::addSiteItem);
    connect(document, &ProjectDocument::siteRemoved, this, &TopologyScene::removeSiteItem);
    connect(document, &ProjectDocument::siteChanged, this, [this](const QString& id) {
        if (SiteItem* item = m_sites.value(id))
            item->refresh();
        siteItemMoved(id);
    });
    connect(document, &ProjectDocument::linkAdded, this, &TopologyScene::addLinkItem);
    connect(document, &ProjectDocument::linkRemoved, this, &TopologyScene::removeLinkItem);
    connect(document, &ProjectDocument::linkChanged, this, [this](const QString& id) {
        if (LinkItem* item = m_links.value(id))
            item->refresh();
    });
    connect(document, &ProjectDocument::scenarioReset, this, &TopologyScene::rebuild);
    rebuild();
}

TopologyScene::~TopologyScene()
{
    // ~QGraphicsScene deletes the items, which would announce selection changes to listeners
    // of a scene that is half gone.
    blockSignals(true);
    clearSelection();
}

void TopologyScene::rebuild()
{
    clearSelection();
    m_rubberLink = nullptr;
    clear();
    m_sites.clear();
    m_links.clear();
    m_linksBySite.clear();
    for (const Site& s : m_document->scenario().sites) // every site has a position (ProjectDocument::reset)
        addSiteItem(QString::fromStdString(s.id));
    for (const Link& l : m_document->scenario().links)
        addLinkItem(QString::fromStdString(l.id));
    applyLoads();
}

void TopologyScene::addSiteItem(const QString& id)
{
    if (m_sites.contains(id))
        return;
    auto* item = new SiteItem(this, id);
    m_sites.insert(id, item);
    addItem(item);
}

void TopologyScene::addLinkItem(const QString& id)
{
    const Link* l = m_document->link(id);
    if (!l || m_links.contains(id))
        return;
    auto* item = new LinkItem(this, id);
    m_links.insert(id, item);
    m_linksBySite[QString::fromStdString(l->a)] << id;
    m_linksBySite[QString::fromStdString(l->b)] << id;
    addItem(item);
}

void TopologyScene::removeSiteItem(const QString& id)
{
    delete m_sites.take(id);
    m_linksBySite.remove(id);
}

void TopologyScene::removeLinkItem(const QString& id)
{
    delete m_links.take(id);
    for (auto it = m_linksBySite.begin(); it != m_linksBySite.end(); ++it)
        it.value().removeAll(id);
}

void TopologyScene::siteItemMoved(const QString& id)
{
    for (const QString& l : m_linksBySite.value(id))
        if (LinkItem* item = m_links.value(l))
            item->updateGeometry();
}

void TopologyScene::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    emit modeChanged(mode);
}

void TopologyScene::setSnapshot(std::shared_ptr<const models::EvaluationSnapshot> snapshot, int strategyIndex)
{
    m_snapshot = std::move(snapshot);
    m_strategy = strategyIndex;
    applyLoads();
}

void TopologyScene::applyLoads()
{
    QHash<QString, double> siteLoad, linkLoad;
    QSet<QString> bottlenecks;
    if (m_snapshot && m_strategy >= 0 && static_cast<size_t>(m_strategy) < m_snapshot->evaluation.results.size()) {
        const Scenario& sc = m_snapshot->scenario;
        const StrategyResult& sr = m_snapshot->evaluation.results[static_cast<size_t>(m_strategy)];
        for (const PoolLoad& p : sr.pools) {
            if (!p.used || p.site < 0 || static_cast<size_t>(p.site) >= sc.sites.size())
                continue;
            const QString id = QString::fromStdString(sc.sites[static_cast<size_t>(p.site)].id);
            siteLoad[id] = std::max(siteLoad.value(id, 0.0), p.utilization);
        }
        for (const LinkLoad& l : sr.links) {
            if (l.link < 0 || static_cast<size_t>(l.link) >= sc.links.size())
                continue;
            const double u = std::max(l.utilizationAtoB, l.utilizationBtoA);
            if (u > 0)
                linkLoad[QString::fromStdString(sc.links[static_cast<size_t>(l.link)].id)] = u;
        }
        for (const InferenceResult& r : sr.inference) {
            // A pool's bottleneck marks its site; the key form ("site:ID", "link:ID") is only a
            // set key here, never shown.
            const ElementRef b = r.bottleneck.kind == ElementKind::Pool ? ElementRef::site(r.bottleneck.id) : r.bottleneck;
            if (!b.empty())
                bottlenecks << QString::fromStdString(b.key());
        }
    }
    for (auto it = m_sites.begin(); it != m_sites.end(); ++it)
        it.value()->setLoad(siteLoad.contains(it.key()) ? std::optional<double>(siteLoad.value(it.key())) : std::nullopt,
                            bottlenecks.contains(QStringLiteral("site:") + it.key()));
    for (auto it = m_links.begin(); it != m_links.end(); ++it)
        it.value()->setLoad(linkLoad.contains(it.key()) ? std::optional<double>(linkLoad.value(it.key())) : std::nullopt,
                            bottlenecks.contains(QStringLiteral("link:") + it.key()));
}

QStringList TopologyScene::selectedSiteIds() const
{
    QStringList ids;
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == SiteItem::Type)
            ids << static_cast<SiteItem*>(item)->id();
    // Document order, so that copies and multi-edits are deterministic.
    std::sort(ids.begin(), ids.end(), [this](const QString& a, const QString& b) {
        return m_document->siteIndex(a) < m_document->siteIndex(b);
    });
    return ids;
}

QStringList TopologyScene::selectedLinkIds() const
{
    QStringList ids;
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == LinkItem::Type)
            ids << static_cast<LinkItem*>(item)->id();
    std::sort(ids.begin(), ids.end(), [this](const QString& a, const QString& b) {
        return m_document->linkIndex(a) < m_document->linkIndex(b);
    });
    return ids;
}

QGraphicsItem* TopologyScene::selectElement(const QString& kind, const QString& id)
{
    QGraphicsItem* item = nullptr;
    if (kind == QLatin1String("site"))
        item = m_sites.value(id);
    else if (kind == QLatin1String("link"))
        item = m_links.value(id);
    {
        const QSignalBlocker block(this);
        clearSelection();
        if (item)
            item->setSelected(true);
    }
    if (item)
        setFocusItem(item);
    emit selectionChanged();
    return item;
}

void TopologyScene::selectIds(const QStringList& siteIds, const QStringList& linkIds)
{
    {
        // One selectionChanged for the whole batch: listeners (the inspector) rebuild once.
        const QSignalBlocker block(this);
        clearSelection();
        for (const QString& id : siteIds)
            if (SiteItem* item = m_sites.value(id))
                item->setSelected(true);
        for (const QString& id : linkIds)
            if (LinkItem* item = m_links.value(id))
                item->setSelected(true);
    }
    emit selectionChanged();
}

void TopologyScene::selectAllElements()
{
    {
        const QSignalBlocker block(this);
        for (SiteItem* item : std::as_const(m_sites))
            item->setSelected(true);
        for (LinkItem* item : std::as_const(m_links))
            item->setSelected(true);
    }
    emit selectionChanged();
}

void TopologyScene::deleteSelection()
{
    const QStringList sites = selectedSiteIds(), links = selectedLinkIds();
    if (!sites.isEmpty() || !links.isEmpty())
        m_document->removeElements(sites, links);
}

namespace {

} // namespace

void TopologyScene::copySelection() const
{
    const QStringList sites = selectedSiteIds();
    if (sites.isEmpty())
        return;
    const QByteArray json = m_document->fragmentJson(sites);
    auto* mime = new QMimeData;
    mime->setData(fragmentMimeType(), json);
    mime->setText(QString::fromUtf8(json));
    QApplication::clipboard()->setMimeData(mime);
}

void TopologyScene::cutSelection()
{
    copySelection();
    deleteSelection();
}

void TopologyScene::paste()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(fragmentMimeType()))
        return;
    const double step = 2 * SiteItem::kGrid * (m_pasteCount + 1);
    const QStringList ids = m_document->pasteFragment(mime->data(fragmentMimeType()), QPointF(step, step));
    if (ids.isEmpty())
        return;
    ++m_pasteCount;
    selectIds(ids, {});
}

void TopologyScene::duplicateSelection()
{
    const QStringList sites = selectedSiteIds();
    if (sites.isEmpty())
        return;
    const QStringList ids = m_document->duplicate(sites, QPointF(2 * SiteItem::kGrid, 2 * SiteItem::kGrid));
    selectIds(ids, {});
}

void TopologyScene::nudgeSelection(QPointF delta)
{
    const QStringList sites = selectedSiteIds();
    if (sites.isEmpty())
        return;
    QHash<QString, QPointF> to;
    for (const QString& id : sites)
        to.insert(id, m_sites.value(id)->pos() + delta);
    // Successive nudges of the same sites are one undo step.
    m_document->moveSites(to, QStringLiteral("nudge:") + sites.join(QLatin1Char(',')));
}

void TopologyScene::alignSelection(Align how)
{
    const QStringList sites = selectedSiteIds();
    if (sites.size() < 2)
        return;
    double lo = 1e300, hi = -1e300, sumX = 0, sumY = 0;
    for (const QString& id : sites) {
        const QPointF p = m_sites.value(id)->pos();
        const double v = (how == Align::Left || how == Align::HCenter || how == Align::Right) ? p.x() : p.y();
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sumX += p.x();
        sumY += p.y();
    }
    QHash<QString, QPointF> to;
    for (const QString& id : sites) {
        QPointF p = m_sites.value(id)->pos();
        switch (how) {
        case Align::Left: p.setX(lo); break;
        case Align::Right: p.setX(hi); break;
        case Align::HCenter: p.setX(sumX / sites.size()); break;
        case Align::Top: p.setY(lo); break;
        case Align::Bottom: p.setY(hi); break;
        case Align::VCenter: p.setY(sumY / sites.size()); break;
        }
        to.insert(id, p);
    }
    m_document->moveSites(to);
}

void TopologyScene::distributeSelection(Qt::Orientation orientation)
{
    QStringList sites = selectedSiteIds();
    if (sites.size() < 3)
        return;
    auto coord = [&](const QString& id) {
        const QPointF p = m_sites.value(id)->pos();
        return orientation == Qt::Horizontal ? p.x() : p.y();
    };
    std::sort(sites.begin(), sites.end(), [&](const QString& a, const QString& b) { return coord(a) < coord(b); });
    const double first = coord(sites.front()), step = (coord(sites.back()) - first) / (sites.size() - 1);
    QHash<QString, QPointF> to;
    for (int i = 0; i < sites.size(); ++i) {
        QPointF p = m_sites.value(sites[i])->pos();
        (orientation == Qt::Horizontal ? p.rx() : p.ry()) = first + i * step;
        to.insert(sites[i], p);
    }
    m_document->moveSites(to);
}

QString TopologyScene::acceleratorShortName(const QString& id) const
{
    const std::string key = id.toStdString();
    if (const Accelerator* a = m_document->accelerator(key))
        return QString::fromStdString(a->model);
    return id;
}

SiteItem* TopologyScene::siteAt(const QPointF& scenePos) const
{
    for (QGraphicsItem* item : items(scenePos))
        if (item->type() == SiteItem::Type)
            return static_cast<SiteItem*>(item);
    return nullptr;
}

void TopologyScene::dragEnterEvent(QGraphicsSceneDragDropEvent* event)
{
    const QMimeData* m = event->mimeData();
    if (m->hasFormat(siteKindMimeType()) || m->hasFormat(models::CatalogModel::acceleratorMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void TopologyScene::dragMoveEvent(QGraphicsSceneDragDropEvent* event)
{
    const QMimeData* m = event->mimeData();
    if (m->hasFormat(siteKindMimeType()))
        event->acceptProposedAction();
    else if (m->hasFormat(models::CatalogModel::acceleratorMimeType()) && siteAt(event->scenePos()))
        event->acceptProposedAction(); // an accelerator only lands on a site
    else
        event->ignore();
}

void TopologyScene::dropEvent(QGraphicsSceneDragDropEvent* event)
{
    const QMimeData* m = event->mimeData();
    if (m->hasFormat(siteKindMimeType())) {
        const auto kind = parseSiteKind(m->data(siteKindMimeType()).toStdString());
        if (!kind)
            return;
        const QPointF p = event->scenePos();
        const QPointF snapped(std::round(p.x() / SiteItem::kGrid) * SiteItem::kGrid, std::round(p.y() / SiteItem::kGrid) * SiteItem::kGrid);
        const QString id = m_document->addSite(*kind, snapped);
        selectElement(QStringLiteral("site"), id);
        event->acceptProposedAction();
    } else if (m->hasFormat(models::CatalogModel::acceleratorMimeType())) {
        if (SiteItem* site = siteAt(event->scenePos())) {
            m_document->addAccelerators(site->id(), QString::fromUtf8(m->data(models::CatalogModel::acceleratorMimeType())), 8);
            selectElement(QStringLiteral("site"), site->id());
            event->acceptProposedAction();
        }
    }
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        SiteItem* site = siteAt(event->scenePos());
        if (site && (m_mode == Mode::Link || site->portContains(event->scenePos()))) {
            m_linkFrom = site->id();
            m_rubberLink = addLine(QLineF(site->pos(), event->scenePos()),
                                   QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
            m_rubberLink->setZValue(10);
            event->accept();
            return;
        }
        m_dragging = true;
    }
    QGraphicsScene::mousePressEvent(event);
}

void TopologyScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_rubberLink) {
        m_rubberLink->setLine(QLineF(m_rubberLink->line().p1(), event->scenePos()));
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_rubberLink) {
        delete m_rubberLink;
        m_rubberLink = nullptr;
        SiteItem* target = siteAt(event->scenePos());
        if (target && target->id() != m_linkFrom) {
            const QString id = m_document->addLink(m_linkFrom, target->id());
            if (!id.isEmpty())
                selectElement(QStringLiteral("link"), id);
        }
        m_linkFrom.clear();
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (m_dragging) {
        m_dragging = false;
        commitMove();
    }
}

void TopologyScene::commitMove()
{
    QHash<QString, QPointF> moved;
    for (const QString& id : selectedSiteIds()) {
        const Site* s = m_document->site(id);
        const QPointF p = m_sites.value(id)->pos();
        if (s && (!s->position || s->position->x != p.x() || s->position->y != p.y()))
            moved.insert(id, p);
    }
    if (!moved.isEmpty())
        m_document->moveSites(moved);
}

void TopologyScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event)
{
    for (QGraphicsItem* item : items(event->scenePos())) {
        if (item->type() == SiteItem::Type) {
            emit elementActivated(QStringLiteral("site"), static_cast<SiteItem*>(item)->id());
            return;
        }
        if (item->type() == LinkItem::Type) {
            emit elementActivated(QStringLiteral("link"), static_cast<LinkItem*>(item)->id());
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void TopologyScene::keyPressEvent(QKeyEvent* event)
{
    const double step = (event->modifiers() & Qt::AltModifier) ? 1.0 : SiteItem::kGrid;
    QPointF delta;
    switch (event->key()) {
    case Qt::Key_Left: delta = {-step, 0}; break;
    case Qt::Key_Right: delta = {step, 0}; break;
    case Qt::Key_Up: delta = {0, -step}; break;
    case Qt::Key_Down: delta = {0, step}; break;
    case Qt::Key_Escape:
        setMode(Mode::Select);
        clearSelection();
        event->accept();
        return;
    default: QGraphicsScene::keyPressEvent(event); return;
    }
    if (!selectedSiteIds().isEmpty()) {
        nudgeSelection(delta);
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

} // namespace strata::views
