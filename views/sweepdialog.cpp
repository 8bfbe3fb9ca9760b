// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweepdialog.h"

#include "engine/comparison.h"
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
#include <QSaveFile>
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
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
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
    setWindowTitle(tr("Sweep %1").arg(path));
    resize(1100, 760);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* pathLabel = new QLabel(QStringLiteral("<b>%1</b>%2").arg(path.toHtmlEscaped(), unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(unit)));
    form->addRow(tr("Parameter"), pathLabel);
    m_workload = new QComboBox;
    for (const Workload& w : scenario.workloads)
        m_workload->addItem(QString::fromStdString(w.name.empty() ? w.id : w.name + " (" + w.id + ")"), QString::fromStdString(w.id));
    form->addRow(tr("Workload shown"), m_workload);
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
    connect(m_workload, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_service->running() && !m_outcome.points.empty())
            runSweep();
    });
}

SweepDialog::~SweepDialog() = default;

void SweepDialog::setRange(double from, double to, int steps, bool logarithmic)
{
    m_from->setText(QString::number(from, 'g', 10));
    m_to->setText(QString::number(to, 'g', 10));
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
        m_status->setText(QStringLiteral("<span style='color:#d32f2f'>%1</span>").arg(error.toHtmlEscaped()));
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
        m_status->setText(QStringLiteral("<span style='color:#d32f2f'>%1</span>").arg(outcome.error.toHtmlEscaped()));
    else if (outcome.cancelled)
        m_status->setText(tr("Cancelled after %n step(s).", nullptr, int(outcome.points.size())));
    else
        m_status->setText(tr("%n steps in %1 ms.", nullptr, int(outcome.points.size())).arg(outcome.elapsedMs, 0, 'f', 0));

    // Charts: one line per strategy; a saturated step has no latency (a gap), and the first
    // saturated step of each strategy is marked.
    const QString workload = outcome.workload.toStdString().empty() ? QString() : outcome.workload;
    const Workload* w = m_scenario.findWorkload(workload.toStdString());
    const bool training = w && w->type() != WorkloadType::Inference;
    for (QCustomPlot* plot : {m_latency, m_capacity}) {
        plot->clearGraphs();
        plot->clearItems();
        plot->xAxis->setLabel(m_path + (m_unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_unit)));
        plot->xAxis->setScaleType(m_log->isChecked() ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (m_log->isChecked())
            plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        else
            plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    if (auto* t = qobject_cast<QCPTextElement*>(m_latency->plotLayout()->element(0, 0)))
        t->setText(training ? tr("Time to train") : tr("p95 latency"));
    m_latency->yAxis->setLabel(training ? tr("days") : tr("ms"));
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
            if (p.capacityRps[s])
                cap->addData(p.value, *p.capacityRps[s]);
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
        line->point1->setCoords(it.key(), 0);
        line->point2->setCoords(it.key(), 1);
        line->setPen(QPen(palette().color(QPalette::Text), 1, Qt::DotLine));
        auto* label = new QCPItemText(m_latency);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->setText(tr("saturation: %1").arg(it.value().join(QStringLiteral(", "))));
        label->setColor(palette().color(QPalette::Text));
        label->setFont(QFont(font().family(), 8));
        label->setRotation(-90);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->position->setCoords(it.key(), 0);
    }
    double sloMs = 0;
    if (w && w->inference() && w->inference()->sloP95Ms && !training) {
        sloMs = *w->inference()->sloP95Ms;
        auto* slo = new QCPItemStraightLine(m_latency);
        slo->point1->setCoords(0, sloMs);
        slo->point2->setCoords(1, sloMs);
        slo->setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1.5, Qt::DashLine));
        auto* label = new QCPItemText(m_latency);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.99, 0.02);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        label->setText(tr("dashed red: SLO p95 %1 ms").arg(sloMs));
        label->setColor(QColor(0xd3, 0x2f, 0x2f));
        label->setFont(QFont(font().family(), 8));
    }
    const double xLo = outcome.points.empty() ? 0 : std::min(outcome.points.front().value, outcome.points.back().value);
    const double xHi = outcome.points.empty() ? 1 : std::max(outcome.points.front().value, outcome.points.back().value);
    for (QCustomPlot* plot : {m_latency, m_capacity}) {
        plot->rescaleAxes();
        if (xHi > xLo)
            plot->xAxis->setRange(xLo, xHi); // both charts over the whole sweep, saturated steps included
        if (plot == m_latency && sloMs > plot->yAxis->range().upper)
            plot->yAxis->setRangeUpper(sloMs);
        if (plot->yAxis->range().lower > 0)
            plot->yAxis->setRangeLower(0);
        plot->yAxis->setRangeUpper(plot->yAxis->range().upper * 1.1);
        plot->replot();
    }

    // Table.
    QStringList headers{m_path};
    for (Strategy s : outcome.strategies)
        headers << (training ? tr("%1 time (days)") : tr("%1 p95 (ms)")).arg(models::strategyLabel(s));
    if (!training)
        for (Strategy s : outcome.strategies)
            headers << tr("%1 capacity (req/s)").arg(models::strategyLabel(s));
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
        if (!training)
            for (size_t s = 0; s < outcome.strategies.size(); ++s)
                m_table->setItem(static_cast<int>(r), c++,
                                 new QTableWidgetItem(p.capacityRps[s] ? QString::fromStdString(formatValue(*p.capacityRps[s])) : QStringLiteral("–")));
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

void SweepDialog::exportCsv()
{
    QFileDialog dialog(this, tr("Export sweep"), QStringLiteral("sweep.csv"), tr("CSV files (*.csv)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    QSaveFile f(dialog.selectedFiles().front());
    const QByteArray text = models::sweepCsv(m_outcome).toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit())
        QMessageBox::warning(this, tr("Cannot export"), tr("%1 could not be written (%2).").arg(f.fileName(), f.errorString()));
}

} // namespace strata::views
