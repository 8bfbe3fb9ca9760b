// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/evaluation.h"
#include "engine/metrics.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::core {

/// One strategy's entry in a comparison row.
struct ComparisonCell {
    bool present = false;         ///< the strategy has a result for this workload
    std::optional<double> value;  ///< in the row's unit; empty when undefined
    std::string text;             ///< textual rows ("yes", a bottleneck's id form), or why value is empty
    ElementRef ref;               ///< the element a textual cell names (a bottleneck): people see its name
    bool partial = false;         ///< the value leaves something out (shown "+", never the winner)
    bool partService = false;     ///< a per-request figure of a strategy that serves only part of the
                                  ///< demand: shown, but it cannot win (serving less costs less)
    bool winner = false;          ///< best of the row, and the row is a contest with a real difference
};

/// One metric of one workload across the evaluated strategies.
struct ComparisonRow {
    std::string key;    ///< the metric's key, e.g. "latency_p95" (engine/metrics.h)
    std::string label;  ///< "latency p95"
    std::string unit;   ///< "ms"; empty for text rows and ratios
    Better better = Better::None;
    bool detail = false; ///< a part of the row above it (e.g. the compute share of time)
    bool textual = false; ///< cells hold text (a yes/no, an id), not numbers
    std::vector<ComparisonCell> cells; ///< one per Evaluation::results entry, same order
};

/// The comparison of one workload: one row per metric of its type.
struct WorkloadComparison {
    std::string workload;
    WorkloadType type = WorkloadType::Inference;
    std::vector<ComparisonRow> rows;
    /// Set when the workload was left out for its own errors: they are shown in its one row.
    std::string error;
};

/**
 * The per-workload comparison of the strategies in \a evaluation: the metrics of SCENARIO.md in
 * display units, with the winner of each row marked. The CLI table and the GUI's results panel
 * both show exactly this, so they never disagree.
 */
std::vector<WorkloadComparison> compareStrategies(const Scenario& scenario, const Evaluation& evaluation);

/// How far ahead the winners of a row are, for the report's executive summary.
struct RowLead {
    std::vector<size_t> winners;    ///< cells that win (more than one on a tie), in cell order
    std::optional<size_t> runnerUp; ///< the best contending cell that does not win
    double margin = 0;              ///< |best − runner-up| / |runner-up|; 0 without a runner-up or when it is 0
};

/// The lead of \a row, or nothing when the row has no winner (not a contest, a single
/// contender, or all equal). Contenders are the cells with a value that is neither partial nor a
/// part-service figure, as for the winner mark.
std::optional<RowLead> leadOf(const ComparisonRow& row);

/// The formula behind a row (MODEL.md notation, plain text), for the "Explain" view.
std::string formulaOf(std::string_view rowKey);

/// One line of an explanation: a named part with its value and unit.
struct ExplanationLine {
    std::string label;
    std::string value; ///< formatted
    std::string unit;
};

/// The breakdown behind one number: its parts, and where the work went.
struct Explanation {
    std::string title;
    std::string formula;
    std::vector<ExplanationLine> parts;
    std::vector<std::string> notes; ///< placement reasons, assumptions used
};

/**
 * Explains the value of \a rowKey for \a workloadId under the strategy at \a strategyIndex in
 * \a evaluation: the formula, the parts that add up to it, and the placement behind it.
 */
Explanation explainValue(const Scenario& scenario, const Evaluation& evaluation, const Catalog& catalog, const std::string& workloadId,
                         size_t strategyIndex, std::string_view rowKey);

/// True when the strategy serves all of the workload's offered demand. A per-request figure
/// (power, energy, carbon, cost, data moved) of one that serves less is not comparable: serving
/// less costs less, which is not a merit.
bool servesAllDemand(const InferenceResult& result);

/// Formats a number for display: 4 significant digits, exponent outside 1e-3..1e7.
std::string formatValue(double x);

} // namespace strata::core
