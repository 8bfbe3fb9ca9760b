// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace strata::core {
struct Scenario;
}

namespace strata::cli {

/**
 * `strata-cli report`: writes the PDF report of \a scenario to \a output. Starts a Qt
 * application named \a program on the offscreen platform (no display needed); \a author empty takes the one saved
 * in the workbench's Preferences. Returns an exit code (0, or 3 when the file cannot be written),
 * messages on stderr.
 */
int writeReport(const core::Scenario& scenario, const std::string& output, const std::string& author, char* program);

} // namespace strata::cli
