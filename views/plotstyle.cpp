// SPDX-License-Identifier: GPL-3.0-or-later
#include "plotstyle.h"

#include <qcustomplot.h>

#include <cmath>

namespace strata::views {

QString siLabel(double v)
{
    const double a = std::fabs(v);
    if (a == 0)
        return QStringLiteral("0");
    static const std::pair<double, const char*> prefixes[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto& [f, p] : prefixes)
        if (a >= f)
            return QString::number(v / f, 'g', 3) + QLatin1String(p);
    if (a >= 0.01)
        return QString::number(v, 'g', 3);
    static const std::pair<double, const char*> small[] = {{1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}};
    for (const auto& [f, p] : small)
        if (a >= f)
            return QString::number(v / f, 'g', 3) + QString::fromUtf8(p);
    return QString::number(v, 'e', 1);
}

namespace {

/// Tick labels with SI prefixes: 1.5k, 20M, 3G; plain numbers between 0.01 and 1,000.
class SiTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale&, QChar, int) override { return siLabel(tick); }
};

class SiLogTicker : public QCPAxisTickerLog {
protected:
    QString getTickLabel(double tick, const QLocale&, QChar, int) override { return siLabel(tick); }
};

void styleAxis(QCPAxis* axis, const QPalette& pal)
{
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(90);
    axis->setBasePen(QPen(text, 1));
    axis->setTickPen(QPen(text, 1));
    axis->setSubTickPen(QPen(text, 1));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}


} // namespace

void stylePlot(QCustomPlot* plot, const QPalette& pal)
{
    plot->setBackground(pal.color(QPalette::Base));
    plot->axisRect()->setBackground(pal.color(QPalette::Base));
    styleAxis(plot->xAxis, pal);
    styleAxis(plot->yAxis, pal);
    plot->legend->setBrush(pal.color(QPalette::Base));
    plot->legend->setTextColor(pal.color(QPalette::Text));
    plot->legend->setBorderPen(QPen(pal.color(QPalette::Mid), 1));
    if (plot->plotLayout()->rowCount() > 1)
        if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0)))
            title->setTextColor(pal.color(QPalette::Text));
}

void setSiTicks(QCPAxis* axis, bool logarithmic)
{
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic)
        axis->setTicker(QSharedPointer<SiLogTicker>::create());
    else
        axis->setTicker(QSharedPointer<SiTicker>::create());
}

} // namespace strata::views
