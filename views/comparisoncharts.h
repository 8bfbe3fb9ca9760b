// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/chartdata.h"
#include "models/evaluationservice.h"

#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QTableWidget;

namespace strata::views {

/**
 * The comparison dashboard (issue 6): for the chosen workload, one bar chart per metric across
 * the evaluated strategies (latency with the SLO line, the latency breakdown, capacity against
 * offered load, achieved against installed FLOP/s, energy, power, carbon, cost, data moved; for
 * training the time split and its costs), fed only by the latest evaluation. Hovering a bar shows
 * its exact value; each chart's context menu exports it as PNG, SVG or PDF.
 */
class ComparisonCharts : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonCharts(QWidget* parent = nullptr);
    ~ComparisonCharts() override;

    void setSnapshot(std::shared_ptr<const models::EvaluationSnapshot> snapshot);
    /// The charts currently shown, in order, with the data each was drawn from.
    const std::vector<models::BarChartData>& charts() const { return m_data; }
    QCustomPlot* plot(int index) const;
    /// The DCC paper's Table 1 filled with this design's numbers (models::paperTable).
    QTableWidget* paperTable() const { return m_paper; }
    int chartCount() const { return static_cast<int>(m_plots.size()); }

    /// Writes \a plot to \a path as PNG, SVG or PDF by the file ending; false on failure.
    static bool exportChart(QCustomPlot* plot, const QString& path, QString* error = nullptr);
    /// Draws \a data into \a plot (clearing it first).
    static void render(QCustomPlot* plot, const models::BarChartData& data);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void showMenu(QCustomPlot* plot, const QPoint& pos);

    std::shared_ptr<const models::EvaluationSnapshot> m_snapshot;
    QComboBox* m_workload;
    QLabel* m_empty;
    QTableWidget* m_paper;
    QWidget* m_host;
    QGridLayout* m_grid;
    std::vector<QCustomPlot*> m_plots;
    std::vector<models::BarChartData> m_data;
};

} // namespace strata::views
