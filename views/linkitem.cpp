// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkitem.h"

#include "models/projectdocument.h"
#include "views/siteitem.h"
#include "views/topologyscene.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace strata::views {

using namespace strata::core;

namespace {

QString bandwidthText(double gbps)
{
    if (gbps >= 1000)
        return QStringLiteral("%1 Tbps").arg(gbps / 1000, 0, 'g', 4);
    if (gbps >= 1)
        return QStringLiteral("%1 Gbps").arg(gbps, 0, 'g', 4);
    return QStringLiteral("%1 Mbps").arg(gbps * 1000, 0, 'g', 4);
}

QString linkKindText(LinkKind kind)
{
    const auto n = linkKindName(kind);
    return QString::fromUtf8(n.data(), static_cast<int>(n.size()));
}

} // namespace

LinkItem::LinkItem(TopologyScene* scene, const QString& id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setZValue(0);
    refresh();
}

void LinkItem::refresh()
{
    const Link* l = m_scene->document()->link(m_id);
    if (!l)
        return;
    m_a = QString::fromStdString(l->a);
    m_b = QString::fromStdString(l->b);
    double latency = l->latencyMs.value_or(0);
    if (!l->latencyMs && l->distanceKm)
        latency = *l->distanceKm * 0.005 * l->routeFactor.value_or(1.0);
    m_label = bandwidthText(l->bandwidthGbps) + QStringLiteral(" · ") +
              QStringLiteral("%1 ms").arg(latency, 0, 'g', 3);
    m_width = std::clamp(1.0 + 1.2 * std::log10(std::max(l->bandwidthGbps, 0.01) * 10.0), 1.0, 6.0);
    QString tip = QStringLiteral("<b>%1</b> (%2)<br>%3 – %4<br>%5, %6")
                      .arg(QString::fromStdString(l->name.empty() ? l->id : l->name).toHtmlEscaped(), m_id.toHtmlEscaped(),
                           m_a.toHtmlEscaped(), m_b.toHtmlEscaped(), linkKindText(l->kind), m_label);
    if (l->egressUsdPerGb)
        tip += QObject::tr("<br>egress %1 USD/GB").arg(*l->egressUsdPerGb);
    if (m_utilization)
        tip += QObject::tr("<br>busier direction at %1 % utilization").arg(*m_utilization * 100, 0, 'f', 1);
    if (m_bottleneck)
        tip += QObject::tr("<br><b>Bottleneck</b> of a workload");
    setToolTip(tip);
    updateGeometry();
}

void LinkItem::updateGeometry()
{
    const SiteItem* a = m_scene->siteItem(m_a);
    const SiteItem* b = m_scene->siteItem(m_b);
    if (!a || !b)
        return;
    prepareGeometryChange();
    m_p1 = a->pos();
    m_p2 = b->pos();
    update();
}

void LinkItem::setLoad(std::optional<double> utilization, bool bottleneck)
{
    if (utilization == m_utilization && bottleneck == m_bottleneck)
        return;
    m_utilization = utilization;
    m_bottleneck = bottleneck;
    refresh();
}

QRectF LinkItem::boundingRect() const
{
    const QRectF line = QRectF(m_p1, m_p2).normalized();
    const QPointF mid = (m_p1 + m_p2) / 2;
    return line.adjusted(-10, -10, 10, 10).united(QRectF(mid.x() - 90, mid.y() - 14, 180, 28));
}

QPainterPath LinkItem::shape() const
{
    QPainterPath path(m_p1);
    path.lineTo(m_p2);
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(10.0, m_width + 6));
    return stroker.createStroke(path);
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QPalette pal = scene() ? scene()->palette() : QApplication::palette(); // the report draws with its own
    QColor colour = pal.color(QPalette::Mid);
    if (m_utilization)
        colour = utilizationColor(*m_utilization);
    if (m_bottleneck)
        colour = QColor(0xd3, 0x2f, 0x2f);
    const bool selected = option->state & QStyle::State_Selected;
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < 0.35) {
        // Zoomed far out (thousands of links on screen): one plain line each, selection in the
        // highlight colour, no label.
        painter->setPen(QPen(selected ? pal.color(QPalette::Highlight) : colour, selected ? m_width + 2 : m_width,
                             m_bottleneck ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
        painter->drawLine(m_p1, m_p2);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    if (selected) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), m_width + 6, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(m_p1, m_p2);
    }
    painter->setPen(QPen(colour, m_width, m_bottleneck ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(m_p1, m_p2);
    // Label at the middle, on a plate so it reads over other lines.
    const QPointF mid = (m_p1 + m_p2) / 2;
    QFont f = painter->font();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    painter->setFont(f);
    const QFontMetricsF fm(f);
    const double w = fm.horizontalAdvance(m_label) + 8;
    const QRectF plate(mid.x() - w / 2, mid.y() - fm.height() / 2 - 1, w, fm.height() + 2);
    QColor base = pal.color(QPalette::Base);
    base.setAlpha(225);
    painter->setPen(Qt::NoPen);
    painter->setBrush(base);
    painter->drawRoundedRect(plate, 3, 3);
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(plate, Qt::AlignCenter, m_label);
}

} // namespace strata::views
