// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/evaluation.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <string>

namespace strata::cli {

/// The comparison table of `evaluate --format table`: per workload one row per metric, one
/// column per strategy, units in the row label, the best value of each row marked with "*".
std::string formatTable(const core::Scenario& scenario, const core::Evaluation& evaluation);

/// `evaluate --format csv`: one row per strategy and workload, SI-prefixed units in the header.
std::string formatCsv(const core::Evaluation& evaluation);
/// The header line of formatCsv(), and its rows with \a prefix put before each (e.g. "3,0.5,").
std::string csvHeader();
std::string csvRows(const core::Evaluation& evaluation, const std::string& prefix);

/// `resilience --format table`: per strategy, what losing each site or link costs, and the single
/// points of failure; then each source's availability.
std::string formatResilience(const core::Scenario& scenario, const core::Evaluation& evaluation);

/// `catalog --format table`: one line per accelerator with its key figures.
std::string formatCatalogTable(const core::Catalog& catalog);

/// Diagnostics as "severity element: message" lines.
std::string formatDiagnostics(const core::Diagnostics& diagnostics, const std::string& prefix = {});

} // namespace strata::cli
