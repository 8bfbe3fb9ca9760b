// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/diagnostic.h"
#include "model/scenario.h"

#include <string>
#include <string_view>

namespace strata::core {

/// Result of reading a scenario: the scenario as far as it could be read, and every problem.
struct ScenarioReadResult {
    Scenario scenario;
    Diagnostics diagnostics; ///< errors name the JSON path ("sites[1].pue") and what is allowed

    /// The text is a scenario of this version (JSON object, format and version right), so its
    /// errors are in values: the workbench opens it to be fixed. Out-of-range numbers are kept in
    /// `scenario` (validation reports them again); fields of the wrong type and unknown fields are left out.
    bool readable = false;

    bool ok() const { return !hasErrors(diagnostics); }
};

/**
 * Reads a scenario in the JSON interchange format of SCENARIO.md, version 1.
 *
 * Strict: malformed JSON, a duplicate key, an unknown field, a wrong type, a missing required
 * field, a non-finite or out-of-range value, and a latency given both directly and as a
 * distance that disagree by more than 1 % are all errors, collected in one pass rather than
 * stopping at the first. References between elements (ids) are checked by validateScenario().
 */
ScenarioReadResult readScenarioJson(std::string_view text);

/// Writes \a scenario as SCENARIO.md JSON (2-space indented). readScenarioJson() of the text
/// gives back an equal Scenario.
std::string writeScenarioJson(const Scenario& scenario);

} // namespace strata::core
