// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"
#include "models/scalingcurves.h"
#include "models/sweepservice.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace strata::views {

/**
 * Sweep one numeric field of the design (issue 6): range, steps, linear or logarithmic spacing;
 * runs on a worker with a progress bar and Cancel; draws per strategy the p95 latency (with the
 * SLO line) and the capacity (with the offered load) against the parameter, marks the first
 * saturated step, lists the values, and exports them as CSV.
 */
class SweepDialog : public QDialog {
    Q_OBJECT
public:
    /// \a path as strata-cli sweep takes it (core/model/scenariopath.h); \a current its value now.
    SweepDialog(const core::Scenario& scenario, const QString& path, double current, const QString& unit,
                QWidget* parent = nullptr);
    /// A scaling-curve preset (models::planScaling): its range, workload and setter, ready to run.
    explicit SweepDialog(const models::ScalingPlan& plan, QWidget* parent = nullptr);
    ~SweepDialog() override;

    models::SweepService* service() const { return m_service; }
    const models::SweepOutcome& outcome() const { return m_outcome; }
    QCustomPlot* latencyPlot() const { return m_latency; }
    /// The second chart: capacity, served throughput (offered-load sweeps) or scaling efficiency (training).
    QCustomPlot* capacityPlot() const { return m_capacity; }
    QTableWidget* table() const { return m_table; }
    QComboBox* metricChooser() const { return m_metric; }

public slots:
    /// Starts the sweep with the dialog's values; false (and a message) when they are invalid.
    bool runSweep();
    void setRange(double from, double to, int steps, bool logarithmic);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showOutcome(const models::SweepOutcome& outcome);
    void drawOutcome();
    void exportCsv();

    core::Scenario m_scenario;
    QString m_path;
    QString m_name; ///< what the path sets, named for people ("Bandwidth of link A – B")
    QString m_unit;
    QString m_axisLabel; ///< presets: the x axis title; otherwise the path and unit
    std::function<std::string(core::Scenario&, double&)> m_setter;
    QLabel* m_parameter;
    models::SweepService* m_service;
    models::SweepOutcome m_outcome;
    QComboBox* m_workload;
    QComboBox* m_metric;
    QLineEdit* m_from;
    QLineEdit* m_to;
    QSpinBox* m_steps;
    QCheckBox* m_log;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_status;
    QCustomPlot* m_latency;
    QCustomPlot* m_capacity;
    QTableWidget* m_table;
};

} // namespace strata::views
