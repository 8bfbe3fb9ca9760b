// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accelerator.h"
#include "link.h"
#include "model.h"
#include "site.h"
#include "strategy.h"
#include "workload.h"

#include <string>
#include <vector>

namespace strata::core {

/**
 * The whole design: a plain, copyable, comparable value (ARCHITECTURE.md, "Data").
 *
 * Element order is the file order; it matters (workloads are placed in file order). Lookups by
 * id go through the find* helpers, which are linear: the engine builds its own indexes.
 */
struct Scenario {
    std::string name;
    std::string description;
    std::vector<Site> sites;
    std::vector<Link> links;
    std::vector<Model> models;
    std::vector<Workload> workloads;
    StrategySet strategies;
    /// True when the file had a "strategies" block (then only the listed strategies run).
    bool strategiesGiven = false;
    std::vector<Accelerator> accelerators; ///< scenario's own; win over built-ins of the same id

    const Site* findSite(const std::string& id) const;
    const Link* findLink(const std::string& id) const;
    const Model* findModel(const std::string& id) const;
    const Workload* findWorkload(const std::string& id) const;

    bool operator==(const Scenario&) const = default;
};

} // namespace strata::core
