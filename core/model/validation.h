// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/catalog.h"
#include "model/diagnostic.h"
#include "model/scenario.h"

namespace strata::core {

/**
 * Checks what a single field cannot: that ids are unique and every reference resolves (pool
 * accelerators, link endpoints, workload models, sources, datasets, clients, the central site),
 * and the cross-field rules of MODEL.md (a transformer inference service needs token counts; a
 * link joins two different sites). Range checks of single values are repeated here so that a
 * Scenario built in the GUI or read from a .strata file gets the same answers as a JSON file.
 * Every problem is an error naming the element and what to do.
 */
Diagnostics validateScenario(const Scenario& scenario, const Catalog& catalog);

/// Texts: an id is 1 to 200 bytes; a name, jurisdiction, vendor or source at most 10,000 bytes;
/// the description and the notes at most 1 MiB. All UTF-8, ids without control characters. The
/// same in JSON, projects and the workbench (issue 14): a project holds texts up to 16 MiB, so
/// no text a design may have is ever cut or dropped on reading.
inline constexpr size_t kMaxIdBytes = 200;
inline constexpr size_t kMaxNameBytes = 10'000;
inline constexpr size_t kMaxTextBytes = 1 << 20;

/// The text rules alone (part of validateScenario): what saving a project checks first, since a
/// design being edited may be invalid in other ways but must never be written in a form that
/// could not be read back whole.
Diagnostics validateTexts(const Scenario& scenario);

} // namespace strata::core
