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

} // namespace strata::core
