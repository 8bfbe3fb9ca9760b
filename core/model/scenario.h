// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accelerator.h"
#include "link.h"
#include "model.h"
#include "site.h"
#include "strategy.h"
#include "workload.h"

#include <optional>
#include <string>
#include <vector>

namespace strata::core {

inline constexpr double kMinCanvasZoom = 0.02;
inline constexpr double kMaxCanvasZoom = 50.0;

/// Where the canvas was looking when the project was saved. GUI state: it changes no result.
struct CanvasView {
    double centerX = 0; ///< scene units
    double centerY = 0;
    double zoom = 1;    ///< 1 = one scene unit per pixel; 0.02..50

    bool operator==(const CanvasView&) const = default;
};

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
    std::string notes;                     ///< the author's free-text notes
    std::optional<CanvasView> view;        ///< canvas view when saved, if any

    const Site* findSite(const std::string& id) const;
    const Link* findLink(const std::string& id) const;
    const Model* findModel(const std::string& id) const;
    const Workload* findWorkload(const std::string& id) const;

    bool operator==(const Scenario&) const = default;
};

/// Devices of site \a id as the engine counts them: 1 when absent or when no such site.
double devicesAt(const Scenario& scenario, const std::string& id);

/// Offered load of an inference service in \a scenario: Σ devices × rate_per_device over its
/// sources (req/s), a site's devices counting 1 when absent (MODEL.md §2).
double offeredRps(const Scenario& scenario, const InferenceSpec& service);

} // namespace strata::core
