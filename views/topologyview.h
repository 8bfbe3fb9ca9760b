// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"

#include <QGraphicsView>

namespace strata::views {

/**
 * The canvas view: Ctrl+wheel or Ctrl +/− zoom about the cursor, Ctrl+0 actual size, fit to the
 * design; the middle button or Space+drag pans; a drag on empty canvas selects with a rubber band.
 */
class TopologyView : public QGraphicsView {
    Q_OBJECT
public:
    explicit TopologyView(QWidget* parent = nullptr);

    double zoom() const;
    void setZoom(double zoom);
    /// Centre and zoom, to keep with the project.
    core::CanvasView canvasView() const;
    void setCanvasView(const core::CanvasView& view);

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToContents();

signals:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void scaleBy(double factor);

    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace strata::views
