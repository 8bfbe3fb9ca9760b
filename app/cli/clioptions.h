// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::cli {

/// Exit codes of strata-cli (SCENARIO.md).
enum ExitCode { kOk = 0, kScenarioErrors = 1, kBadCommandLine = 2, kFileError = 3 };

/**
 * A parsed command line: the verb, positional arguments and --options. Each verb declares which
 * options take a value and which are flags; anything else is a usage error naming the option.
 */
struct CommandLine {
    std::string verb;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; ///< "--format" → "json"; flags map to ""
    std::string error;                           ///< non-empty when the line is malformed

    bool has(const std::string& option) const { return options.count(option) > 0; }
    std::string value(const std::string& option, const std::string& fallback = {}) const;
};

struct VerbSpec {
    std::vector<std::string> valued; ///< options that take a value
    std::vector<std::string> flags;
    size_t minPositional = 0;
    size_t maxPositional = 0;
};

CommandLine parseCommandLine(const std::vector<std::string>& args, const std::map<std::string, VerbSpec>& verbs);

} // namespace strata::cli
