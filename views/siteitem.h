// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QString>

#include "model/site.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::views {

class TopologyScene;

/// Colour of a utilization: green below 50 %, amber, orange from 80 %, red when saturated.
QColor utilizationColor(double utilization);

/**
 * A site on the canvas. It holds the site's id and draws what the document says about it (glyph
 * by kind, name, pool badges) and what the latest evaluation says (utilization colour,
 * bottleneck); it holds no business state. The small circle on its right edge starts a link.
 */
class SiteItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    static constexpr double kWidth = 196;
    static constexpr double kHeight = 64;
    static constexpr double kGrid = 20;

    SiteItem(TopologyScene* scene, const QString& id);

    int type() const override { return Type; }
    const QString& id() const { return m_id; }

    /// Reads position, text and tooltip from the document again.
    void refresh();
    /// Reads only text and tooltip again.
    void refreshText();
    /// Load of the site's busiest pool under the shown strategy, and whether it is the bottleneck.
    void setLoad(std::optional<double> utilization, bool bottleneck);

    bool portContains(const QPointF& scenePos) const;
    QPointF portScenePos() const { return mapToScene(QPointF(kWidth / 2, 0)); }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    /// What the texts were last built from.
    struct Look {
        std::string name;
        core::SiteKind kind;
        std::string jurisdiction;
        std::optional<double> devices, pue, carbonGPerKwh;
        std::vector<core::Pool> pools;
    };

    TopologyScene* m_scene;
    std::optional<Look> m_shown;
    std::optional<double> m_shownLoad;
    bool m_shownBottleneck = false;
    QString m_id;
    QString m_title;
    QString m_subtitle;
    QString m_badge;
    std::optional<double> m_utilization;
    bool m_bottleneck = false;
    bool m_hover = false;
};

} // namespace strata::views
