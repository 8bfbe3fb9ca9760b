// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/elementref.h"
#include "model/scenario.h"

#include <string>
#include <string_view>

namespace strata::core {

/**
 * Sets the numeric field at \a path of \a scenario to \a value, for sweeps. A path names the
 * element by id and the field by its file-format name, with array entries by index:
 *
 *   sites.edge-nyc.pue                       sites.edge-nyc.pools.0.count
 *   links.bb.bandwidth_gbps                  links.bb.latency_ms
 *   workloads.perception.sources.0.rate_per_device
 *   workloads.pretrain.datasets.1.bytes      workloads.perception.max_batch
 *   models.llama-7b.params                   accelerators.my-fpga.peak_tflops.fp16
 *   strategies.hybrid.rho_target
 *
 * One field is virtual: workloads.ID.offered_rps, the total offered load of an inference service
 * in requests per second (Σ devices × rate_per_device); setting it scales every source's rate by
 * the same factor, so a sweep of it runs the service from idle to saturation.
 *
 * Whole-number fields (counts, batch sizes, rounds) take the nearest whole number; \a value is
 * updated to the number actually set. Ranges are not checked here: evaluate() validates the result.
 * \returns an empty string, or a message naming the part of the path that does not resolve and
 * what would.
 */
std::string setScenarioValue(Scenario& scenario, std::string_view path, double& value);

/// The element and field a sweep path names, typed ("links.bb.bandwidth_gbps" → link bb, field
/// bandwidth_gbps; "sites.x.pools.0.count" → pool 0 of x, field count), so that people read
/// "Bandwidth of link Edge NYC – US East". A path that names no element is kept as a Path.
ElementRef pathElement(const Scenario& scenario, std::string_view path);

} // namespace strata::core
