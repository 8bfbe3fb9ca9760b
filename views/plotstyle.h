// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCPAxis;
class QCustomPlot;
class QPalette;
class QString;

namespace strata::views {

/// Colours \a plot from \a palette: background, axes, grid, tick labels, legend and a title in
/// row 0, so charts read alike in the light and the dark theme.
void stylePlot(QCustomPlot* plot, const QPalette& palette);

/// Linear or logarithmic scale on \a axis with SI-prefixed tick labels (1.5k, 20M, 250µ).
void setSiTicks(QCPAxis* axis, bool logarithmic);

/// \a v with an SI prefix, three significant digits: "1.5k", "20M", "250µ"; plain from 0.01 to 1,000.
QString siLabel(double v);

} // namespace strata::views
