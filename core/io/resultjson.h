// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/evaluation.h"
#include "engine/sweep.h"
#include "model/scenario.h"

#include <string>

namespace strata::core {

/**
 * Writes an evaluation in the `evaluate --format json` shape of SCENARIO.md: per strategy, per
 * workload the metrics in display units (ms, PFLOP/s, kW, …), the breakdown and the placement with
 * its reasons; then compliance findings and diagnostics. Undefined values (saturated latency) are
 * null, never a number. Also lists the defaults and estimates used ("assumptions").
 */
std::string writeEvaluationJson(const Scenario& scenario, const Evaluation& evaluation);

/// Writes a sweep: {"scenario", "param", "steps": [{"step", "value", "results": [as evaluate]}]}.
std::string writeSweepJson(const Scenario& scenario, const std::string& path, const std::vector<SweepStep>& steps);

/// The same document in pieces, for a sweep written as its steps finish: the head, each step in
/// order (\a first for the first one) and the tail (\a empty when there was no step).
std::string sweepJsonHead(const Scenario& scenario, const std::string& path);
std::string sweepJsonStep(const Scenario& scenario, const SweepStep& step, bool first);
std::string sweepJsonTail(bool empty);

} // namespace strata::core
