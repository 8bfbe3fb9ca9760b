// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>


static void initStrataResources()
{
    Q_INIT_RESOURCE(strata);
}

namespace strata::views {

void initResources()
{
    static const bool done = [] {
        initStrataResources();
        return true;
    }();
    (void)done;
}

QString siteKindIconPath(core::SiteKind kind)
{
    switch (kind) {
    case core::SiteKind::Cloud: return QStringLiteral(":/icons/cloud.svg");
    case core::SiteKind::Edge: return QStringLiteral(":/icons/edge.svg");
    case core::SiteKind::OnPrem: return QStringLiteral(":/icons/onprem.svg");
    case core::SiteKind::Device: return QStringLiteral(":/icons/device.svg");
    }
    return {};
}

QIcon siteKindIcon(core::SiteKind kind)
{
    initResources();
    return QIcon(siteKindIconPath(kind));
}

const QPixmap& siteKindPixmap(core::SiteKind kind, int pixels)
{
    initResources();
    static QHash<QPair<int, int>, QPixmap> cache;
    const QPair<int, int> key(static_cast<int>(kind), pixels);
    auto it = cache.find(key);
    if (it == cache.end()) {
        QPixmap pm(pixels, pixels);
        pm.fill(Qt::transparent);
        QPainter painter(&pm);
        QSvgRenderer(siteKindIconPath(kind)).render(&painter);
        painter.end();
        it = cache.insert(key, pm);
    }
    return *it;
}

} // namespace strata::views
