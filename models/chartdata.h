// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/evaluationservice.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace strata::models {

/// One series of a bar chart: a value per category (strategy), empty where undefined.
struct BarSeries {
    QString name;
    QColor color;                           ///< invalid: colour each bar by its strategy
    std::vector<std::optional<double>> values;
};

/// A horizontal reference line (an SLO, the offered load).
struct ReferenceLine {
    QString label;
    double value = 0;
};

/**
 * What one comparison chart shows, taken from an evaluation only (issue 6): categories are the
 * evaluated strategies, series are grouped (or stacked) bars in the chart's unit.
 */
struct BarChartData {
    QString key;      ///< stable name, e.g. "latency"
    QString title;    ///< "Latency"
    QString unit;     ///< "ms"
    QStringList categories;
    std::vector<QColor> categoryColors;
    std::vector<BarSeries> series;
    bool stacked = false;
    bool logScale = false; ///< values span decades
    std::vector<ReferenceLine> lines;
    QString note;     ///< e.g. "saturated: no finite latency"
};

/// The charts of workload \a workload (index into the scenario's workloads) of \a snapshot.
std::vector<BarChartData> comparisonCharts(const EvaluationSnapshot& snapshot, int workload);

/// True when positive values span more than two decades (then a log axis reads better).
bool spansDecades(const std::vector<BarSeries>& series);

} // namespace strata::models
