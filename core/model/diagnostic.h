// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::core {

enum class Severity { Error, Warning, Info };

std::string_view severityName(Severity s);

/**
 * A finding about a scenario that a user can act on (MODEL.md §11): which element, what is wrong
 * and what to do. `element` is "site:ID", "link:ID", "workload:ID", "model:ID",
 * "accelerator:ID", "strategy:NAME", or a JSON path such as "sites[2].pue" for file errors.
 */
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string element;
    std::string message;

    bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

/// True when any diagnostic of \a list is an error.
bool hasErrors(const Diagnostics& list);

} // namespace strata::core
