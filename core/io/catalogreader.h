// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/catalog.h"
#include "model/diagnostic.h"

#include <string_view>

namespace strata::core {

/**
 * Reads a catalog in the sourced format of resources/catalog/catalog.json (peaks under
 * "peak_dense_tflops" with int8 as "int8_tops", "memory_bw_gbs", nullable figures, a list of
 * sources per entry) and applies a price list in the format of resources/catalog/prices.json.
 * Precisions outside Strata's set (fp4, fp6, int4, vector or matrix variants) are not imported.
 * NVLink-style "aggregate bidirectional" interconnect figures are halved to one direction.
 */
Catalog readCatalogJson(std::string_view catalogText, std::string_view pricesText, Diagnostics& diags);

/// The catalog compiled into Strata from resources/catalog. Read once, then shared (thread-safe).
const Catalog& builtinCatalog();

} // namespace strata::core
