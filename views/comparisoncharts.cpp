// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparisoncharts.h"

#include "plotstyle.h"

#include "engine/comparison.h"
#include "models/papertable.h"
#include "models/strategystyle.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QTableWidget>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

namespace strata::views {

using models::BarChartData;
using models::BarSeries;

void ComparisonCharts::render(QCustomPlot* plot, const BarChartData& data)
{
    plot->clearPlottables();
    plot->clearItems();
    const QPalette pal = plot->palette();
    stylePlot(plot, pal);
    plot->xAxis->grid()->setVisible(false);
    if (plot->plotLayout()->rowCount() == 1) {
        // Title above, legend in a row of its own below the axes: it never covers a bar.
        plot->plotLayout()->insertRow(0);
        plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, QString(), QFont(plot->font().family(), 10, QFont::Bold)));
        plot->axisRect()->insetLayout()->take(plot->legend);
        plot->plotLayout()->addElement(2, 0, plot->legend);
        plot->plotLayout()->setRowStretchFactor(2, 0.001);
        plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
        plot->legend->setWrap(3); // at most three entries a line: names are never cut
        plot->legend->setMargins(QMargins(4, 1, 4, 1));
    }
    if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))) {
        title->setText(data.title);
        title->setTextColor(pal.color(QPalette::Text));
    }
    plot->yAxis->setLabel(data.unit);

    // Categories (strategies) on x.
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < data.categories.size(); ++i)
        ticker->addTick(i + 1, data.categories[i]);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(0.4, data.categories.size() + 0.6);

    if (data.logScale) {
        setSiTicks(plot->yAxis, true);
    } else {
        setSiTicks(plot->yAxis, false);
    }
    const int n = static_cast<int>(data.series.size());
    double top = 0, bottom = 0;
    const double floor = data.logScale ? 1e-300 : 0;
    if (data.stacked) {
        QCPBars* below = nullptr;
        std::vector<double> sums(static_cast<size_t>(data.categories.size()), 0);
        for (const BarSeries& s : data.series) {
            auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
            bars->setName(s.name);
            bars->setWidth(0.55);
            bars->setPen(QPen(pal.color(QPalette::Base), 1));
            bars->setBrush(s.color);
            for (size_t i = 0; i < s.values.size(); ++i)
                if (s.values[i]) {
                    bars->addData(static_cast<double>(i) + 1, *s.values[i]);
                    sums[i] += *s.values[i];
                }
            if (below)
                bars->moveAbove(below);
            below = bars;
        }
        for (double v : sums)
            top = std::max(top, v);
    } else {
        const double width = 0.8 / std::max(1, n);
        for (int si = 0; si < n; ++si) {
            const BarSeries& s = data.series[static_cast<size_t>(si)];
            for (size_t i = 0; i < s.values.size(); ++i) {
                if (!s.values[i] || *s.values[i] <= floor)
                    continue;
                // One bars object per bar, so that each can wear its strategy's colour.
                auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
                bars->setName(s.name);
                bars->setWidth(width * 0.92);
                QColor colour = s.color.isValid() ? s.color : data.categoryColors[i];
                if (!s.color.isValid() && si > 0)
                    colour = colour.lighter(140);
                bars->setPen(Qt::NoPen);
                bars->setBrush(colour);
                bars->setProperty("category", static_cast<int>(i));
                bars->addData(static_cast<double>(i) + 1 + (si - (n - 1) / 2.0) * width, *s.values[i]);
                top = std::max(top, *s.values[i]);
                bottom = bottom == 0 ? *s.values[i] : std::min(bottom, *s.values[i]);
            }
        }
    }
    for (const models::ReferenceLine& line : data.lines) {
        if (data.logScale && line.value <= 0)
            continue;
        auto* l = new QCPItemStraightLine(plot);
        l->point1->setCoords(0, line.value);
        l->point2->setCoords(1, line.value);
        l->setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1.5, Qt::DashLine));
        auto* label = new QCPItemText(plot);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(data.categories.size() + 0.55, line.value);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setText(line.label);
        label->setColor(QColor(0xd3, 0x2f, 0x2f));
        label->setFont(QFont(plot->font().family(), 8));
        top = std::max(top, line.value);
        bottom = bottom == 0 ? line.value : std::min(bottom, line.value);
    }
    if (data.logScale)
        plot->yAxis->setRange(std::max(bottom, 1e-12) / 2, std::max(top, 1e-12) * 3);
    else
        plot->yAxis->setRange(0, top > 0 ? top * 1.18 : 1);
    // Legend: the series (not every strategy-coloured bar).
    plot->legend->setVisible(n > 1);
    plot->legend->setBrush(pal.color(QPalette::Base));
    plot->legend->setTextColor(pal.color(QPalette::Text));
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    QSet<QString> named;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (named.contains(p->name()))
            p->removeFromLegend();
        named.insert(p->name());
    }
    if (!data.note.isEmpty()) {
        auto* note = new QCPItemText(plot);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.02);
        note->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        const QFont noteFont(plot->font().family(), 8);
        // Wrapped to the chart's width: a narrow chart (a report's half page) must not cut it off.
        const QFontMetrics fm(noteFont);
        const int width = std::max(120, static_cast<int>(plot->width() * 0.8));
        QStringList lines{QString()};
        for (const QString& word : data.note.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString candidate = lines.back().isEmpty() ? word : lines.back() + QLatin1Char(' ') + word;
            if (!lines.back().isEmpty() && fm.horizontalAdvance(candidate) > width)
                lines << word;
            else
                lines.back() = candidate;
        }
        note->setText(lines.join(QLatin1Char('\n')));
        note->setColor(pal.color(QPalette::PlaceholderText));
        note->setFont(noteFont);
        QColor ground = pal.color(QPalette::Base);
        ground.setAlpha(225); // readable where it crosses a bar
        note->setBrush(ground);
        note->setPadding(QMargins(3, 1, 3, 1));
    }
    plot->replot();
}

bool ComparisonCharts::exportChart(QCustomPlot* plot, const QString& path, QString* error)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    const int w = plot->width() > 50 ? plot->width() : 640, h = plot->height() > 50 ? plot->height() : 420;
    bool ok = false;
    if (ext == QLatin1String("png")) {
        ok = plot->savePng(path, w, h, 2.0); // twice the pixels: crisp in documents
    } else if (ext == QLatin1String("pdf")) {
        ok = plot->savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("Strata"), plot->objectName());
    } else if (ext == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(QStringLiteral("Strata chart"));
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot->toPainter(&painter, w, h);
            ok = painter.end();
        }
    } else {
        if (error)
            *error = QObject::tr("unknown file type \"%1\"; use .png, .svg or .pdf").arg(ext);
        return false;
    }
    if (!ok && error)
        *error = QObject::tr("%1 could not be written").arg(path);
    return ok;
}

ComparisonCharts::ComparisonCharts(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Workload:")));
    m_workload = new QComboBox;
    m_workload->setObjectName(QStringLiteral("chartsWorkload"));
    m_workload->setMinimumContentsLength(24);
    top->addWidget(m_workload);
    auto* hint = new QLabel(tr("Hover a bar for its value · right-click a chart to export it (PNG, SVG, PDF)"));
    hint->setForegroundRole(QPalette::PlaceholderText);
    top->addWidget(hint, 1);
    layout->addLayout(top);
    m_empty = new QLabel(tr("No results to compare yet: add a workload, and fix any errors listed under Diagnostics."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);
    m_paper = new QTableWidget;
    m_paper->setObjectName(QStringLiteral("paperTable"));
    m_paper->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_paper->verticalHeader()->hide();
    m_paper->setToolTip(tr("Table 1 of the DCC paper compares the deployments in words; here each row is a number of "
                           "this design, ranked per strategy (1 = best, ties share a rank)"));
    layout->addWidget(m_paper);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_host = new QWidget;
    m_grid = new QGridLayout(m_host);
    m_grid->setSpacing(10);
    scroll->setWidget(m_host);
    layout->addWidget(scroll, 1);
    connect(m_workload, &QComboBox::currentIndexChanged, this, &ComparisonCharts::rebuild);
}

ComparisonCharts::~ComparisonCharts() = default;

QCustomPlot* ComparisonCharts::plot(int index) const
{
    return index >= 0 && index < chartCount() ? m_plots[static_cast<size_t>(index)] : nullptr;
}

void ComparisonCharts::setSnapshot(std::shared_ptr<const models::EvaluationSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    const QString keep = m_workload->currentData().toString();
    {
        const QSignalBlocker block(m_workload);
        m_workload->clear();
        if (m_snapshot)
            for (const core::Workload& w : m_snapshot->scenario.workloads)
                m_workload->addItem(QString::fromStdString(w.name.empty() ? w.id : w.name + " (" + w.id + ")"),
                                    QString::fromStdString(w.id));
        const int again = m_workload->findData(keep);
        m_workload->setCurrentIndex(again >= 0 ? again : 0);
    }
    rebuild();
}

void ComparisonCharts::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild(); // the theme changed: redraw in its colours
}

void ComparisonCharts::rebuild()
{
    // Table 1 of the paper: one measure per row, ranked per strategy.
    const std::vector<models::PaperRow> rows = m_snapshot ? models::paperTable(*m_snapshot) : std::vector<models::PaperRow>{};
    m_paper->setVisible(!rows.empty());
    m_paper->clear();
    if (!rows.empty()) {
        QStringList headers{tr("Table 1 row"), tr("Measured here as")};
        for (const core::StrategyResult& sr : m_snapshot->evaluation.results)
            headers << models::strategyLabel(sr.strategy);
        m_paper->setColumnCount(static_cast<int>(headers.size()));
        m_paper->setHorizontalHeaderLabels(headers);
        m_paper->setRowCount(static_cast<int>(rows.size()));
        for (size_t r = 0; r < rows.size(); ++r) {
            const models::PaperRow& row = rows[r];
            m_paper->setItem(static_cast<int>(r), 0, new QTableWidgetItem(row.aspect));
            m_paper->setItem(static_cast<int>(r), 1, new QTableWidgetItem(row.measure));
            for (size_t c = 0; c < row.texts.size(); ++c) {
                auto* item = new QTableWidgetItem(row.ranks[c] ? QStringLiteral("%1   #%2").arg(row.texts[c]).arg(row.ranks[c]) : row.texts[c]);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (row.ranks[c] == 1) {
                    QFont f = item->font();
                    f.setBold(true);
                    item->setFont(f);
                }
                m_paper->setItem(static_cast<int>(r), static_cast<int>(c) + 2, item);
            }
        }
        m_paper->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch); // strategies share the width
        m_paper->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        m_paper->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        m_paper->setFixedHeight(m_paper->horizontalHeader()->height() + m_paper->rowCount() * m_paper->verticalHeader()->defaultSectionSize() + 4);
    }

    m_data = m_snapshot ? models::comparisonCharts(*m_snapshot, m_workload->currentIndex()) : std::vector<BarChartData>{};
    m_empty->setVisible(m_data.empty());
    // Reuse the plots: a live update must not flicker or lose the scroll position.
    while (m_plots.size() > m_data.size()) {
        delete m_plots.back();
        m_plots.pop_back();
    }
    while (m_plots.size() < m_data.size()) {
        auto* plot = new QCustomPlot;
        plot->setMinimumSize(360, 260);
        plot->setContextMenuPolicy(Qt::CustomContextMenu);
        plot->setMouseTracking(true);
        connect(plot, &QWidget::customContextMenuRequested, this, [this, plot](const QPoint& pos) { showMenu(plot, pos); });
        connect(plot, &QCustomPlot::mouseMove, this, [plot](QMouseEvent* event) {
            int index = -1;
            auto* bars = plot->plottableAt<QCPBars>(event->position(), false, &index);
            if (!bars || index < 0) {
                QToolTip::hideText();
                return;
            }
            const auto it = bars->data()->at(index);
            QToolTip::showText(event->globalPosition().toPoint(),
                               QStringLiteral("%1: %2 %3").arg(bars->name(), QString::fromStdString(core::formatValue(it->value)),
                                                               plot->yAxis->label()),
                               plot);
        });
        const int i = static_cast<int>(m_plots.size());
        m_grid->addWidget(plot, i / 3, i % 3);
        m_plots.push_back(plot);
    }
    for (size_t i = 0; i < m_data.size(); ++i) {
        m_plots[i]->setObjectName(m_data[i].key);
        render(m_plots[i], m_data[i]);
    }
}

void ComparisonCharts::showMenu(QCustomPlot* plot, const QPoint& pos)
{
    QMenu menu(this);
    for (const QString& ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")})
        menu.addAction(tr("Export as %1…").arg(ext.toUpper()), this, [this, plot, ext] {
            QFileDialog dialog(this, tr("Export chart"), plot->objectName() + QLatin1Char('.') + ext,
                               tr("%1 files (*.%2)").arg(ext.toUpper(), ext));
            dialog.setAcceptMode(QFileDialog::AcceptSave);
            dialog.setDefaultSuffix(ext);
            if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
                return;
            QString error;
            if (!exportChart(plot, dialog.selectedFiles().front(), &error))
                QMessageBox::warning(this, tr("Cannot export"), error);
        });
    menu.exec(plot->mapToGlobal(pos));
}

} // namespace strata::views
