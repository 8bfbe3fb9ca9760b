// SPDX-License-Identifier: GPL-3.0-or-later
#include "siteitem.h"

#include "models/elementdefaults.h"
#include "models/projectdocument.h"
#include "views/icons.h"
#include "views/topologyscene.h"

#include <QApplication>
#include <QGraphicsSceneHoverEvent>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPaintEngine>
#include <QSvgRenderer>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace strata::views {

using namespace strata::core;

SiteItem::SiteItem(TopologyScene* scene, const QString& id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(1);
    refresh();
}

QColor utilizationColor(double u)
{
    if (u >= 1.0)
        return QColor(0xd3, 0x2f, 0x2f); // saturated
    if (u >= 0.8)
        return QColor(0xef, 0x6c, 0x00);
    if (u >= 0.5)
        return QColor(0xf9, 0xa8, 0x25);
    return QColor(0x2e, 0x7d, 0x32);
}

void SiteItem::refresh()
{
    const Site* s = m_scene->document()->site(m_id);
    if (!s)
        return;
    if (s->position)
        setPos(s->position->x, s->position->y);
    refreshText();
}

void SiteItem::refreshText()
{
    const Site* s = m_scene->document()->site(m_id);
    if (!s)
        return;
    // A move changes nothing else: skip the text (the common case when thousands move at once).
    const bool sameLook = m_shown && m_shown->name == s->name && m_shown->kind == s->kind &&
                          m_shown->jurisdiction == s->jurisdiction && m_shown->devices == s->devices &&
                          m_shown->pue == s->pue && m_shown->carbonGPerKwh == s->carbonGPerKwh && m_shown->pools == s->pools &&
                          m_shownLoad == m_utilization && m_shownBottleneck == m_bottleneck;
    if (sameLook)
        return;
    m_shown = Look{s->name, s->kind, s->jurisdiction, s->devices, s->pue, s->carbonGPerKwh, s->pools};
    m_shownLoad = m_utilization;
    m_shownBottleneck = m_bottleneck;
    m_title = QString::fromStdString(s->name.empty() ? s->id : s->name);
    m_subtitle = models::siteKindLabel(s->kind);
    if (!s->jurisdiction.empty())
        m_subtitle += QStringLiteral(" · ") + QString::fromStdString(s->jurisdiction);
    QStringList badges;
    if (s->kind == SiteKind::Device && s->devices)
        badges << QObject::tr("%1 devices").arg(QLocale().toString(*s->devices, 'f', 0));
    for (const Pool& p : s->pools)
        badges << QStringLiteral("%1× %2").arg(p.count).arg(m_scene->acceleratorShortName(QString::fromStdString(p.accelerator)));
    m_badge = badges.join(QStringLiteral(", "));
    QString tip = QStringLiteral("<b>%1</b> (%2)<br>%3").arg(m_title.toHtmlEscaped(), m_id.toHtmlEscaped(), m_subtitle.toHtmlEscaped());
    if (!m_badge.isEmpty())
        tip += QStringLiteral("<br>") + m_badge.toHtmlEscaped();
    if (s->pue)
        tip += QObject::tr("<br>PUE %1").arg(*s->pue);
    if (s->carbonGPerKwh)
        tip += QObject::tr("<br>%1 gCO₂/kWh").arg(*s->carbonGPerKwh);
    if (m_utilization)
        tip += QObject::tr("<br>Busiest pool at %1 % utilization").arg(*m_utilization * 100, 0, 'f', 1);
    if (m_bottleneck)
        tip += QObject::tr("<br><b>Bottleneck</b> of a workload");
    setToolTip(tip);
    update();
}

void SiteItem::setLoad(std::optional<double> utilization, bool bottleneck)
{
    if (utilization == m_utilization && bottleneck == m_bottleneck)
        return;
    m_utilization = utilization;
    m_bottleneck = bottleneck;
    refreshText(); // not the position: the user may be dragging this very item
    update();
}

bool SiteItem::portContains(const QPointF& scenePos) const
{
    const QPointF p = mapFromScene(scenePos) - QPointF(kWidth / 2, 0);
    return std::hypot(p.x(), p.y()) <= 9;
}

QRectF SiteItem::boundingRect() const
{
    return QRectF(-kWidth / 2 - 4, -kHeight / 2 - 4, kWidth + 18, kHeight + 8);
}

void SiteItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const Site* s = m_scene->document()->site(m_id);
    if (!s)
        return;
    const QPalette pal = scene() ? scene()->palette() : QApplication::palette(); // the report draws with its own
    const QRectF box(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    // Body, outlined by load (grey when unused), thick red when it is a bottleneck.
    QColor outline = pal.color(QPalette::Mid);
    double width = 1.2;
    if (m_utilization) {
        outline = utilizationColor(*m_utilization);
        width = 2.5;
    }
    if (m_bottleneck) {
        outline = QColor(0xd3, 0x2f, 0x2f);
        width = 4;
    }
    const bool selected = option->state & QStyle::State_Selected;
    if (lod < 0.35) {
        // Zoomed far out: a plain box in the load colour; text would be unreadable anyway.
        painter->setPen(selected ? QPen(pal.color(QPalette::Highlight), 3 / lod) : QPen(outline, width / lod));
        painter->setBrush(pal.color(QPalette::Base));
        painter->drawRect(box);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(outline, width));
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRoundedRect(box, 8, 8);
    if (selected) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(-3, -3, 3, 3), 10, 10);
    }
    const QRectF glyph(box.left() + 8, -18, 36, 36);
    const int pixels = std::max(8, static_cast<int>(std::ceil(36 * lod * painter->device()->devicePixelRatioF())));
    const QPaintEngine::Type engine = painter->paintEngine() ? painter->paintEngine()->type() : QPaintEngine::Raster;
    if (engine == QPaintEngine::Pdf || engine == QPaintEngine::SVG || engine == QPaintEngine::Picture) {
        QSvgRenderer svg(siteKindIconPath(s->kind)); // a report: the glyph as vectors, sharp at any zoom
        svg.render(painter, glyph);
    } else {
        painter->drawPixmap(glyph, siteKindPixmap(s->kind, pixels), QRectF(0, 0, pixels, pixels));
    }
    // Text: name, kind · jurisdiction, badges.
    const QRectF text(box.left() + 50, box.top() + 6, kWidth - 58, kHeight - 12);
    QFont f = painter->font();
    f.setBold(true);
    painter->setFont(f);
    painter->setPen(pal.color(QPalette::Text));
    const QFontMetricsF bold(f);
    painter->drawText(QRectF(text.left(), text.top(), text.width(), bold.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      bold.elidedText(m_title, Qt::ElideRight, text.width()));
    f.setBold(false);
    f.setPointSizeF(f.pointSizeF() * 0.85);
    painter->setFont(f);
    const QFontMetricsF small(f);
    painter->setPen(pal.color(QPalette::PlaceholderText));
    painter->drawText(QRectF(text.left(), text.top() + bold.height() + 1, text.width(), small.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, small.elidedText(m_subtitle, Qt::ElideRight, text.width()));
    if (!m_badge.isEmpty()) {
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(QRectF(text.left(), text.top() + bold.height() + small.height() + 3, text.width(), small.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, small.elidedText(m_badge, Qt::ElideRight, text.width()));
    }
    // Link port.
    if (m_hover || (option->state & QStyle::State_Selected)) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1.5));
        painter->setBrush(pal.color(QPalette::Base));
        painter->drawEllipse(QPointF(kWidth / 2, 0), 6, 6);
        painter->drawLine(QPointF(kWidth / 2 - 3, 0), QPointF(kWidth / 2 + 3, 0));
        painter->drawLine(QPointF(kWidth / 2, -3), QPointF(kWidth / 2, 3));
    }
}

QVariant SiteItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionChange && m_scene->isDragging()) {
        // Snap to the grid while dragging; Alt places freely.
        QPointF p = value.toPointF();
        if (!(QApplication::keyboardModifiers() & Qt::AltModifier))
            p = QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
        return p;
    }
    if (change == ItemPositionHasChanged)
        m_scene->siteItemMoved(m_id);
    return QGraphicsItem::itemChange(change, value);
}

void SiteItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event)
{
    m_hover = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void SiteItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event)
{
    m_hover = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace strata::views
