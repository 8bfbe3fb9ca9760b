// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "elementref.h"

#include <string>
#include <string_view>
#include <vector>

namespace strata::core {

enum class Severity { Error, Warning, Info };

std::string_view severityName(Severity s);

/**
 * A finding about a scenario that a user can act on (MODEL.md §11): which element, what is wrong
 * and what to do. `element` is typed: a site, pool, link, model, workload, accelerator or strategy,
 * or a place in a file ("sites[2].pue") for errors found while reading one. Files and the CLI
 * show element.key(); people see displayName(element, …).
 */
struct Diagnostic {
    Severity severity = Severity::Error;
    ElementRef element;
    std::string message;

    bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

/// True when any diagnostic of \a list is an error.
bool hasErrors(const Diagnostics& list);

} // namespace strata::core
