// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/site.h"

#include <QIcon>
#include <QString>

class QPixmap;

namespace strata::views {

/// Makes the compiled-in resources (icons, examples) available; call once before using them.
void initResources();

/// Resource path of a site kind's SVG glyph (":/icons/cloud.svg", …).
QString siteKindIconPath(core::SiteKind kind);
/// The glyph as an icon (scales cleanly on HiDPI screens).
QIcon siteKindIcon(core::SiteKind kind);
/// The glyph rendered once at \a pixels square (device pixels), cached: painting thousands of
/// sites must not re-render SVG for each.
const QPixmap& siteKindPixmap(core::SiteKind kind, int pixels);

} // namespace strata::views
