// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"

namespace strata::bench {

/**
 * A synthetic design of \a sites sites on a 2,000 km square: a third device populations, the rest
 * cloud regions (1 in 20), edge sites and on-prem clusters; random geometric links to the three
 * nearest sites (distance-derived latency, bandwidth by tier); three inference workloads (a vision
 * model, a ranking model, a 7B LLM) whose sources are all device sites. Deterministic per seed.
 */
core::Scenario generateTopology(int sites, unsigned seed = 42);

/// Adds long-haul WAN links (10 Gbps, 1,000 km) between sites \a stride apart until \a scenario
/// has \a links links: for benchmarks that need a given link count.
void topUpLinks(core::Scenario& scenario, size_t links, size_t stride);

} // namespace strata::bench
