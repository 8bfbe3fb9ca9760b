// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweepdialog.h"

#include "errorstyle.h"

#include "plotstyle.h"

#include "engine/comparison.h"
#include "models/filewriting.h"
#include "models/strategystyle.h"
#include "models/unitinput.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace strata::views {

using namespace strata::core;

namespace {

QCustomPlot* newPlot(const QString& title, const QString& yLabel)
{
    auto* plot = new QCustomPlot;
    plot->setMinimumSize(380, 260);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    // The legend in a row of its own under the axes: it never covers a line.
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(2, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(3);
    plot->legend->setMargins(QMargins(4, 1, 4, 1));
    return plot;
}

} // namespace

SweepDialog::SweepDialog(const Scenario& scenario, const QString& path, double current, const QString& unit, QWidget* parent)
    : QDialog(parent)
    , m_scenario(scenario)
    , m_path(path)
    , m_unit(unit)
    , m_service(new models::SweepService(this))
{
    m_name = models::describePath(scenario, path);
    setWindowTitle(tr("Sweep %1").arg(m_name));
    resize(1100, 760);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_parameter = new QLabel(QStringLiteral("<b>%1</b>%2").arg(m_name.toHtmlEscaped(), unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(unit)));
    m_parameter->setToolTip(tr("Sweep path in the file: %1").arg(path));
    m_parameter->setWordWrap(true);
    form->addRow(tr("Parameter"), m_parameter);
    m_workload = new QComboBox;
    for (const Workload& w : scenario.workloads)
        m_workload->addItem(QString::fromStdString(w.name.empty() ? w.id : w.name + " (" + w.id + ")"), QString::fromStdString(w.id));
    form->addRow(tr("Workload shown"), m_workload);
    m_metric = new QComboBox;
    m_metric->setObjectName(QStringLiteral("sweepMetric"));
    m_metric->setToolTip(tr("The metric of the right-hand chart and the table's second group of columns"));
    m_metric->setPlaceholderText(tr("after the first run"));
    form->addRow(tr("Second chart"), m_metric);
    auto* range = new QHBoxLayout;
    const double lo = current > 0 ? current / 4 : 0, hi = current > 0 ? current * 4 : 1;
    m_from = new QLineEdit(QString::number(lo, 'g', 6));
    m_to = new QLineEdit(QString::number(hi, 'g', 6));
    m_steps = new QSpinBox;
    m_steps->setRange(2, 10'000);
    m_steps->setValue(25);
    m_log = new QCheckBox(tr("logarithmic"));
    m_log->setChecked(current > 0);
    range->addWidget(new QLabel(tr("from")));
    range->addWidget(m_from);
    range->addWidget(new QLabel(tr("to")));
    range->addWidget(m_to);
    range->addWidget(new QLabel(tr("steps")));
    range->addWidget(m_steps);
    range->addWidget(m_log);
    form->addRow(tr("Range"), range);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel sweep"));
    m_cancel->setEnabled(false);
    m_export = new QPushButton(tr("Export CSV…"));
    m_export->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_export);
    layout->addLayout(buttons);
    m_status = new QLabel(tr("Values take units of the field's kind as plain numbers in %1.").arg(unit.isEmpty() ? tr("its unit") : unit));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* split = new QSplitter(Qt::Vertical);
    auto* plots = new QWidget;
    auto* plotRow = new QHBoxLayout(plots);
    plotRow->setContentsMargins(0, 0, 0, 0);
    m_latency = newPlot(tr("p95 latency"), tr("ms"));
    m_capacity = newPlot(tr("Capacity"), tr("req/s"));
    plotRow->addWidget(m_latency);
    plotRow->addWidget(m_capacity);
    split->addWidget(plots);
    m_table = new QTableWidget;
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, &SweepDialog::runSweep);
    connect(m_cancel, &QPushButton::clicked, m_service, &models::SweepService::cancel);
    connect(m_export, &QPushButton::clicked, this, &SweepDialog::exportCsv);
    connect(m_service, &models::SweepService::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_service, &models::SweepService::finished, this, &SweepDialog::showOutcome);
    connect(m_metric, &QComboBox::activated, this, [this] {
        if (!m_outcome.points.empty())
            drawOutcome(); // redraw only: every metric was kept per step
    });
    connect(m_workload, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_service->running() && !m_outcome.points.empty())
            runSweep();
    });
}

SweepDialog::SweepDialog(const models::ScalingPlan& plan, QWidget* parent)
    : SweepDialog(plan.request.scenario, plan.request.path, 0, QString(), parent)
{
    setWindowTitle(plan.title);
    m_axisLabel = plan.axisLabel;
    m_setter = plan.request.setter;
    m_parameter->setText(QStringLiteral("<b>%1</b><br>%2").arg(plan.axisLabel.toHtmlEscaped(), plan.what.toHtmlEscaped()));
    m_workload->setCurrentIndex(std::max(0, m_workload->findData(plan.request.workload)));
    m_workload->setEnabled(false); // the preset was planned for this workload
    setRange(plan.request.from, plan.request.to, plan.request.steps, plan.request.logarithmic);
}

SweepDialog::~SweepDialog() = default;

void SweepDialog::setRange(double from, double to, int steps, bool logarithmic)
{
    m_from->setText(QString::number(from, 'g', 6));
    m_to->setText(QString::number(to, 'g', 6));
    m_steps->setValue(steps);
    m_log->setChecked(logarithmic);
}

bool SweepDialog::runSweep()
{
    const auto from = models::parseQuantity(m_from->text(), models::Quantity::Plain);
    const auto to = models::parseQuantity(m_to->text(), models::Quantity::Plain);
    QString error;
    if (!from.value)
        error = tr("from: %1").arg(from.error);
    else if (!to.value)
        error = tr("to: %1").arg(to.error);
    else if (m_log->isChecked() && (*from.value <= 0 || *to.value <= 0))
        error = tr("a logarithmic sweep needs from and to above 0");
    else if (m_workload->count() == 0)
        error = tr("the design has no workload to show");
    if (!error.isEmpty()) {
        m_status->setText(errorHtml(error));
        return false;
    }
    models::SweepRequest request;
    request.scenario = m_scenario;
    request.path = m_path;
    request.workload = m_workload->currentData().toString();
    request.from = *from.value;
    request.to = *to.value;
    request.steps = m_steps->value();
    request.logarithmic = m_log->isChecked();
    request.setter = m_setter;
    if (!m_service->start(std::move(request)))
        return false;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_export->setEnabled(false);
    m_progress->setRange(0, m_steps->value());
    m_progress->setValue(0);
    m_status->setText(tr("Sweeping on %n worker thread(s)…", nullptr, QThread::idealThreadCount()));
    return true;
}

void SweepDialog::showOutcome(const models::SweepOutcome& outcome)
{
    m_outcome = outcome;
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_export->setEnabled(!outcome.points.empty());
    if (!outcome.error.isEmpty())
        m_status->setText(errorHtml(outcome.error));
    else if (outcome.cancelled)
        m_status->setText(tr("Cancelled after %n step(s).", nullptr, int(outcome.points.size())));
    else
        m_status->setText(tr("%n steps in %1 ms.", nullptr, int(outcome.points.size())).arg(outcome.elapsedMs, 0, 'f', 0));

    drawOutcome();
}

void SweepDialog::drawOutcome()
{
    // Charts and table of m_outcome only: the buttons and status belong to the run (a redraw for
    // another metric or theme may come while the next sweep runs, and must leave Cancel alone).
    const models::SweepOutcome& outcome = m_outcome;
    // Charts: one line per strategy; a saturated step has no latency (a gap), and the first
    // saturated step of each strategy is marked.
    const Workload* w = m_scenario.findWorkload(outcome.workload.toStdString());
    const bool training = w && w->type() != WorkloadType::Inference;
    // The second chart: scaling efficiency for training; for an offered-load sweep the served
    // throughput (it follows the offered load up to each strategy's capacity); else capacity.
    // The second chart: the metric chosen in "Second chart" (by default scaling efficiency for
    // training, served throughput for an offered-load sweep, capacity otherwise).
    if (m_metric->property("workload").toString() != outcome.workload || m_metric->count() != int(outcome.metrics.size())) {
        const QSignalBlocker block(m_metric);
        const QString keep = m_metric->currentData().toString();
        m_metric->clear();
        for (const models::SweepMetric& m : outcome.metrics)
            m_metric->addItem(m.unit.isEmpty() ? m.label : QStringLiteral("%1 (%2)").arg(m.label, m.unit), m.key);
        const QString fallback = training                                          ? QStringLiteral("scaling_efficiency")
                                 : m_path.endsWith(QLatin1String(".offered_rps")) ? QStringLiteral("throughput")
                                                                                  : QStringLiteral("capacity");
        const bool sameKind = m_metric->property("workload").toString() == outcome.workload;
        const int at = m_metric->findData(sameKind && !keep.isEmpty() ? keep : fallback);
        m_metric->setCurrentIndex(std::max(0, at));
        m_metric->setProperty("workload", outcome.workload);
    }
    const QString metricKey = m_metric->currentData().toString();
    const int metric = models::metricIndex(outcome, metricKey);
    const bool ratio = metricKey == QLatin1String("scaling_efficiency"); // a fraction, drawn in %
    const models::SweepMetric chosen = metric >= 0 ? outcome.metrics[size_t(metric)] : models::SweepMetric{};
    const QString secondUnit = ratio ? tr("%") : chosen.unit;
    auto secondValue = [metric, ratio](const models::SweepPoint& p, size_t s) -> std::optional<double> {
        if (metric < 0 || size_t(metric) >= p.metricValues.size() || s >= p.metricValues[size_t(metric)].size())
            return std::nullopt;
        const auto v = p.metricValues[size_t(metric)][s];
        return v && ratio ? std::optional<double>(*v * 100) : v;
    };
    const QString xLabel = !m_axisLabel.isEmpty() ? m_axisLabel : m_name + (m_unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_unit));
    bool whole = !outcome.points.empty();
    double xMin = whole ? outcome.points.front().value : 0, xMax = xMin;
    for (const models::SweepPoint& p : outcome.points) {
        whole = whole && p.value == std::round(p.value);
        xMin = std::min(xMin, p.value);
        xMax = std::max(xMax, p.value);
    }
    for (QCustomPlot* plot : {m_latency, m_capacity}) {
        plot->clearGraphs();
        plot->clearItems();
        stylePlot(plot, palette());
        plot->xAxis->setLabel(xLabel);
        setSiTicks(plot->xAxis, m_log->isChecked());
        if (whole && !m_log->isChecked()) {
            // Counts (accelerators, sites, batch sizes): ticks on whole numbers only.
            auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
            ticker->setTickStep(std::max(1.0, std::ceil((xMax - xMin) / 10)));
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            plot->xAxis->setTicker(ticker);
            plot->xAxis->setSubTicks(false);
        } else {
            plot->xAxis->setSubTicks(true);
        }
    }
    if (auto* t = qobject_cast<QCPTextElement*>(m_latency->plotLayout()->element(0, 0)))
        t->setText(training ? tr("Time to train") : tr("p95 latency"));
    m_latency->yAxis->setLabel(training ? tr("days") : tr("ms"));
    if (auto* t = qobject_cast<QCPTextElement*>(m_capacity->plotLayout()->element(0, 0)))
        t->setText(metricKey == QLatin1String("throughput") ? tr("Throughput served") : chosen.label.left(1).toUpper() + chosen.label.mid(1));
    m_capacity->yAxis->setLabel(ratio ? tr("% (compute time / time)") : secondUnit);
    QMap<double, QStringList> crossings;
    for (size_t s = 0; s < outcome.strategies.size(); ++s) {
        const QColor colour = models::strategyColor(outcome.strategies[s]);
        QCPGraph* lat = m_latency->addGraph();
        QCPGraph* cap = m_capacity->addGraph();
        lat->setName(models::strategyLabel(outcome.strategies[s]));
        cap->setName(models::strategyLabel(outcome.strategies[s]));
        for (QCPGraph* g : {lat, cap}) {
            g->setPen(QPen(colour, 2));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        }
        bool wasSaturated = false;
        for (size_t i = 0; i < outcome.points.size(); ++i) {
            const models::SweepPoint& p = outcome.points[i];
            const auto& y = training ? p.timeDays[s] : p.p95Ms[s];
            lat->addData(p.value, y ? *y : qQNaN()); // NaN: a gap in the line, never a value shown
            if (const auto y2 = secondValue(p, s))
                cap->addData(p.value, *y2);
            // Mark where the strategy crosses saturation (either way along the parameter).
            const bool saturated = !training && p.saturated[s];
            if (i > 0 && saturated != wasSaturated)
                crossings[saturated ? p.value : outcome.points[i - 1].value] << models::strategyLabel(outcome.strategies[s]);
            wasSaturated = saturated;
        }
    }
    // One marker per saturation point, naming every strategy that saturates there.
    for (auto it = crossings.begin(); it != crossings.end(); ++it) {
        auto* line = new QCPItemStraightLine(m_latency);
        // x in the parameter, y as a fraction of the axis rect: right on linear and log axes alike.
        for (QCPItemPosition* point : {line->point1, line->point2})
            point->setTypeY(QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(it.key(), 0);
        line->point2->setCoords(it.key(), 1);
        line->setPen(QPen(palette().color(QPalette::Text), 1, Qt::DotLine));
        auto* label = new QCPItemText(m_latency);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->setText(tr("saturation: %1").arg(it.value().join(QStringLiteral(", "))));
        label->setColor(palette().color(QPalette::Text));
        label->setFont(QFont(font().family(), 8));
        label->setRotation(-90);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->position->setCoords(it.key(), 1);
    }
    double sloMs = 0;
    if (w && w->inference() && w->inference()->sloP95Ms && !training) {
        sloMs = *w->inference()->sloP95Ms;
        auto* slo = new QCPItemStraightLine(m_latency);
        for (QCPItemPosition* point : {slo->point1, slo->point2})
            point->setTypeX(QCPItemPosition::ptAxisRectRatio);
        slo->point1->setCoords(0, sloMs);
        slo->point2->setCoords(1, sloMs);
        slo->setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1.5, Qt::DashLine));
        auto* label = new QCPItemText(m_latency);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.01, 0.02); // top left: the saturation labels run down from the top right
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setText(tr("dashed red: SLO p95 %1 ms").arg(sloMs));
        label->setColor(QColor(0xd3, 0x2f, 0x2f));
        label->setFont(QFont(font().family(), 8));
    }
    const double xLo = outcome.points.empty() ? 0 : std::min(outcome.points.front().value, outcome.points.back().value);
    const double xHi = outcome.points.empty() ? 1 : std::max(outcome.points.front().value, outcome.points.back().value);
    if (metricKey == QLatin1String("throughput") && m_path.endsWith(QLatin1String(".offered_rps")) && xHi > 0) {
        // Served equals offered until a strategy saturates: the diagonal shows where each leaves it.
        auto* diagonal = new QCPItemStraightLine(m_capacity);
        diagonal->point1->setCoords(0, 0);
        diagonal->point2->setCoords(xHi, xHi);
        diagonal->setPen(QPen(palette().color(QPalette::PlaceholderText), 1, Qt::DashLine));
        auto* label = new QCPItemText(m_capacity);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.99, 0.98);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setText(tr("dashed: served = offered"));
        label->setColor(palette().color(QPalette::Text));
        label->setFont(QFont(font().family(), 8));
    }
    // Latency near saturation grows without bound: a log axis when the values span over two decades.
    double yMin = 0, yMax = 0;
    for (int g = 0; g < m_latency->graphCount(); ++g)
        for (auto it = m_latency->graph(g)->data()->constBegin(); it != m_latency->graph(g)->data()->constEnd(); ++it)
            if (!qIsNaN(it->value) && it->value > 0) {
                yMin = yMin > 0 ? std::min(yMin, it->value) : it->value;
                yMax = std::max(yMax, it->value);
            }
    const bool logLatency = yMin > 0 && yMax / yMin > 100;
    setSiTicks(m_latency->yAxis, logLatency);
    setSiTicks(m_capacity->yAxis, false);
    for (QCustomPlot* plot : {m_latency, m_capacity}) {
        plot->rescaleAxes();
        if (xHi > xLo)
            plot->xAxis->setRange(xLo, xHi); // both charts over the whole sweep, saturated steps included
        if (plot == m_latency && sloMs > plot->yAxis->range().upper)
            plot->yAxis->setRangeUpper(sloMs);
        if (plot == m_latency && logLatency) {
            plot->yAxis->setRange(std::min(yMin, sloMs > 0 ? sloMs : yMin) / 1.5, std::max(yMax, sloMs) * 1.5);
        } else {
            if (plot->yAxis->range().lower > 0)
                plot->yAxis->setRangeLower(0);
            plot->yAxis->setRangeUpper(plot->yAxis->range().upper * 1.1);
        }
        if (ratio && plot == m_capacity)
            plot->yAxis->setRange(0, 105);
        plot->replot();
    }

    // Table: the parameter, then the first chart's values, then the second chart's, per strategy.
    QStringList headers{!m_axisLabel.isEmpty() ? m_axisLabel : m_name};
    for (Strategy s : outcome.strategies)
        headers << (training ? tr("%1\ntime (days)") : tr("%1\np95 (ms)")).arg(models::strategyLabel(s));
    for (Strategy s : outcome.strategies)
        headers << QStringLiteral("%1\n%2%3").arg(models::strategyLabel(s), chosen.label,
                                                  secondUnit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(secondUnit));
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(static_cast<int>(outcome.points.size()));
    for (size_t r = 0; r < outcome.points.size(); ++r) {
        const models::SweepPoint& p = outcome.points[r];
        int c = 0;
        m_table->setItem(static_cast<int>(r), c++, new QTableWidgetItem(QString::fromStdString(formatValue(p.value))));
        for (size_t s = 0; s < outcome.strategies.size(); ++s) {
            const auto& y = training ? p.timeDays[s] : p.p95Ms[s];
            m_table->setItem(static_cast<int>(r), c++,
                             new QTableWidgetItem(y ? QString::fromStdString(formatValue(*y)) : (p.saturated[s] ? tr("saturated") : QStringLiteral("–"))));
        }
        for (size_t s = 0; s < outcome.strategies.size(); ++s) {
            const auto y2 = secondValue(p, s);
            m_table->setItem(static_cast<int>(r), c++, new QTableWidgetItem(y2 ? QString::fromStdString(formatValue(*y2)) : QStringLiteral("–")));
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

void SweepDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_outcome.points.empty())
        drawOutcome(); // redraw in the new theme's colours
}

void SweepDialog::exportCsv()
{
    QFileDialog dialog(this, tr("Export sweep"), QStringLiteral("sweep.csv"), tr("CSV files (*.csv)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QByteArray text = models::sweepCsv(m_outcome).toUtf8();
    if (const QString error = models::writeFileAtomically(dialog.selectedFiles().front(), text); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), error);
}

} // namespace strata::views
