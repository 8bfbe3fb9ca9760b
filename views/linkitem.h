// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsItem>
#include <QString>

#include <optional>

namespace strata::views {

class TopologyScene;

/**
 * A link on the canvas, drawn between its two site items: width by bandwidth (logarithmic),
 * colour by the utilization of its busier direction under the shown strategy, red and dashed
 * when it is a bottleneck, labelled with bandwidth and latency.
 */
class LinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    LinkItem(TopologyScene* scene, const QString& id);

    int type() const override { return Type; }
    const QString& id() const { return m_id; }

    /// Reads ends, numbers and tooltip from the document again and follows the site items.
    void refresh();
    /// Follows the site items while they are dragged.
    void updateGeometry();
    void setLoad(std::optional<double> utilization, bool bottleneck);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    TopologyScene* m_scene;
    QString m_id;
    QString m_a, m_b;
    QString m_label;
    double m_width = 2;
    QPointF m_p1, m_p2;
    std::optional<double> m_utilization;
    bool m_bottleneck = false;
};

} // namespace strata::views
