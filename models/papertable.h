// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/evaluationservice.h"

#include <QString>

#include <optional>
#include <vector>

namespace strata::models {

/// One row of the DCC paper's Table 1, filled with this design's numbers.
struct PaperRow {
    QString aspect;  ///< the paper's row: "Latency", "Scalability", …
    QString measure; ///< what stands for it here: "p95 latency of vision (ms)"
    std::vector<std::optional<double>> values; ///< per evaluated strategy
    std::vector<QString> texts;                ///< the cell as shown ("saturated", "2 violations")
    std::vector<int> ranks;                    ///< 1 = best; 0 = not ranked (undefined value)
};

/**
 * The comparison the DCC paper's Table 1 makes in words (latency, scalability, training cost,
 * privacy, throughput, energy efficiency), made with this design's evaluation: one measure per
 * row, a rank per strategy (ties share a rank). Rows whose workload kind the design lacks are
 * left out.
 */
std::vector<PaperRow> paperTable(const EvaluationSnapshot& snapshot);

} // namespace strata::models
