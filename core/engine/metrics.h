// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The metric registry (issue 13): each figure Strata reports about a workload is declared once,
// here, with everything that shows or writes it. The results table, the CLI table, the charts,
// the Table 1 view, sweep columns, CSV, JSON and the report iterate these tables; none of them
// names a metric by hand. docs/adding.md, "How to add a metric", walks through one.

#include "engine/evaluation.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace strata::core {

/// Which direction of a metric is better; None for figures that are not a contest.
enum class Better { Lower, Higher, None };

/// The conversion factors between the engine's SI values and the units people read.
namespace units {
inline constexpr double kJoulesPerKwh = 3.6e6;
inline constexpr double kJoulesPerMwh = 3.6e9;
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kBytesPerGb = 1e9;
inline constexpr double kFlopsPerPflops = 1e15;
} // namespace units

/// A value as a result file writes it: nothing (JSON null, an empty CSV cell), a number, a flag
/// or a text.
using FileValue = std::variant<std::monostate, double, bool, std::string>;

/// A bar chart of the metric alone, one bar per strategy (the charts view and the report).
struct MetricChart {
    std::string key{};   ///< stable chart name ("energy"); empty: the metric has no chart of its own
    std::string title{}; ///< "Energy per request"
    std::string unit{};  ///< the axis unit ("J")
};

/// The row of the DCC paper's Table 1 that the metric stands in for.
struct PaperAspect {
    std::string aspect{};  ///< the paper's row ("Latency"); empty: not in the table
    std::string measure{}; ///< what is measured, "{workload}" standing for the workload's name
    int order = 0;       ///< the row's place in the table (scenario-wide rows use 40 and 50)
};

/**
 * One metric of a result of type R (InferenceResult, or TrainingResult for training and
 * federated jobs). The value is in the display unit; a metric without a value function is textual.
 */
template <typename R>
struct Metric {
    std::string key{};   ///< stable row key, e.g. "latency_p95"; also the sweep column
    std::string label{}; ///< "latency p95"
    std::string unit{};  ///< display unit, "ms"; empty for text and ratios
    Better better = Better::None;
    bool detail = false;     ///< a part of the row above it (the compute share of time)
    bool perRequest = false; ///< falls when less is served: a strategy serving part of the demand cannot win it
    bool saturates = false;  ///< unbounded when the workload is saturated (shown "saturated")
    std::string formula{};     ///< how it is computed (MODEL.md notation, plain text), for Explain and the report
    std::function<std::optional<double>(const R&)> value{};
    std::function<std::string(const R&)> text{};      ///< a textual metric's cell ("yes", "cannot run")
    std::function<ElementRef(const R&)> element{};    ///< the element a textual cell names, shown by name
    std::function<bool(const R&)> partial{};          ///< the value leaves something out (shown "+")
    std::string partialNote{};                        ///< what a partial value leaves out
    std::string fileName{};                           ///< JSON key and CSV column; empty: not written
    bool csv = true;                                ///< also a CSV column (JSON always, when named)
    std::function<FileValue(const R&)> file{};        ///< the file value when it is not value(): flags, ids, raw ratios
    MetricChart chart{};
    PaperAspect paper{};

    /// What the result files write: file() when given, else value() (or nothing).
    FileValue fileValue(const R& r) const
    {
        if (file)
            return file(r);
        if (value)
            if (const std::optional<double> v = value(r))
                return *v;
        return {};
    }
};

/// The metrics of an inference service, in the order the results table shows them.
const std::vector<Metric<InferenceResult>>& inferenceMetrics();

/// The metrics of a training or federated job, in the order the results table shows them.
const std::vector<Metric<TrainingResult>>& trainingMetrics();

/// The metric \a key of \a metrics, or null.
template <typename R>
const Metric<R>* findMetric(const std::vector<Metric<R>>& metrics, std::string_view key)
{
    for (const Metric<R>& m : metrics)
        if (m.key == key)
            return &m;
    return nullptr;
}

/// The metrics and the results of each workload kind: a kind without these does not compile
/// where a workload's results are shown (core/model/workloadkind.h).
inline const std::vector<Metric<InferenceResult>>& metricsOf(const InferenceSpec&) { return inferenceMetrics(); }
inline const std::vector<Metric<TrainingResult>>& metricsOf(const TrainingSpec&) { return trainingMetrics(); }
inline const std::vector<Metric<TrainingResult>>& metricsOf(const FederatedSpec&) { return trainingMetrics(); }
inline const std::vector<InferenceResult>& resultsOf(const StrategyResult& sr, const InferenceSpec&) { return sr.inference; }
inline const std::vector<TrainingResult>& resultsOf(const StrategyResult& sr, const TrainingSpec&) { return sr.training; }
inline const std::vector<TrainingResult>& resultsOf(const StrategyResult& sr, const FederatedSpec&) { return sr.training; }

/**
 * Errors for every metric of \a ev's results that came out as NaN or an infinity: the inputs are
 * bounded so that none should (issue 14), and this is the net under that rule. Each names the
 * strategy, the workload and the metric, and says to check the magnitudes of its inputs.
 */
Diagnostics nonFiniteMetrics(const Evaluation& ev);

/// Label, unit and formula of the metric \a key of either kind.
struct MetricText {
    std::string label, unit, formula;
};
std::optional<MetricText> metricText(std::string_view key);

} // namespace strata::core
