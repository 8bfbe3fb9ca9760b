// SPDX-License-Identifier: GPL-3.0-or-later
#include "topologyview.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace strata::views {

TopologyView::TopologyView(QWidget* parent)
    : QGraphicsView(parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setSceneRect(-50000, -50000, 100000, 100000);
}

double TopologyView::zoom() const
{
    return transform().m11();
}

void TopologyView::setZoom(double z)
{
    z = std::clamp(z, core::kMinCanvasZoom, core::kMaxCanvasZoom);
    setTransform(QTransform::fromScale(z, z));
    emit zoomChanged(z);
}

void TopologyView::scaleBy(double factor)
{
    const double target = std::clamp(zoom() * factor, core::kMinCanvasZoom, core::kMaxCanvasZoom);
    const double f = target / zoom();
    scale(f, f);
    emit zoomChanged(zoom());
}

core::CanvasView TopologyView::canvasView() const
{
    const QPointF c = mapToScene(viewport()->rect().center());
    return {c.x(), c.y(), zoom()};
}

void TopologyView::setCanvasView(const core::CanvasView& view)
{
    setZoom(view.zoom);
    centerOn(view.centerX, view.centerY);
}

void TopologyView::zoomIn()
{
    scaleBy(1.25);
}

void TopologyView::zoomOut()
{
    scaleBy(0.8);
}

void TopologyView::resetZoom()
{
    setZoom(1.0);
}

void TopologyView::fitToContents()
{
    if (!scene())
        return;
    QRectF r = scene()->itemsBoundingRect();
    if (r.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    r.adjust(-40, -40, 40, 40);
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setZoom(1.5); // a small design should not fill the screen with giant boxes
    centerOn(r.center());
    emit zoomChanged(zoom());
}

void TopologyView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        scaleBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void TopologyView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void TopologyView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void TopologyView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        const QPoint now = event->position().toPoint();
        const QPoint d = now - m_panLast;
        m_panLast = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void TopologyView::drawBackground(QPainter* painter, const QRectF& rect)
{
    painter->fillRect(rect, palette().color(QPalette::Base).darker(103));
    if (zoom() < 0.3)
        return; // a dot grid at that scale is noise
    const double g = 20;
    QColor dot = palette().color(QPalette::Mid);
    dot.setAlpha(110);
    painter->setPen(QPen(dot, 0));
    const double left = std::floor(rect.left() / g) * g, top = std::floor(rect.top() / g) * g;
    QVector<QPointF> points;
    for (double x = left; x < rect.right(); x += g)
        for (double y = top; y < rect.bottom(); y += g)
            points.append(QPointF(x, y));
    painter->drawPoints(points.data(), static_cast<int>(points.size()));
}

} // namespace strata::views
