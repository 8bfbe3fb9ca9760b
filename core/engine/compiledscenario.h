// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/engine: the scenario with defaults applied and indexes built, shared by the
// inference and training parts of one evaluation. Not part of the public API.

#include "evaluation.h"
#include "model/catalog.h"
#include "model/scenario.h"
#include "network.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace strata::core {

/// A site's resolved figures (defaults applied).
struct SiteInfo {
    SiteKind kind = SiteKind::Cloud;
    double pue = 1;
    double carbonGPerKwh = 0;
    double wueLPerKwh = 0; ///< litres of water per kWh of IT energy (facility energy / PUE)
    double energyUsdPerKwh = 0;
    double devices = 1;
    double availability = 1;
    std::string jurisdiction;
};

/// One pool of the scenario, numbered globally.
struct PoolInfo {
    int site = 0;
    int index = 0; ///< within its site
    const Accelerator* accelerator = nullptr;
    long long count = 0;
    double idleW = 0;
    double tdpW = 0;
    bool idleEstimated = false;
    bool powerUnknown = false;

    /// Dense peak FLOP/s of one device at \a p, 0 when the accelerator lists none.
    double peakFlops(Precision p) const;
};

/// Power of a pool at utilization ρ (capped at 1), PUE included: count·(idle + u·(tdp − idle))·PUE.
double poolPowerWatts(const PoolInfo& pool, const SiteInfo& site, double rho);

/// The reference to pool \a pool of site \a site, in diagnostics and results.
ElementRef poolElement(const std::string& site, int pool);

/// A number for a message, 3 significant digits by default.
std::string formatShort(double x, const char* spec = "%.3g");

/**
 * The scenario compiled for one evaluation: sites and pools with defaults and catalog figures
 * resolved (and the assumptions and catalog-gap diagnostics that come with them), the network,
 * and shared path structures. The scenario and catalog must outlive it.
 */
class CompiledScenario {
public:
    /// \a exclude takes a site or a link out (its pools and links count as absent).
    CompiledScenario(const Scenario& scenario, const Catalog& builtin, Exclusion exclude = {});

    const Exclusion excluded;

    const Scenario& scenario;
    const Catalog& builtin; ///< the built-in catalog; the scenario's own accelerators win over it
    Network network;
    std::vector<SiteInfo> sites;
    std::vector<PoolInfo> pools;
    std::vector<std::vector<int>> poolsAt; ///< global pool indexes per site
    std::vector<double> linkAvailability;  ///< per link; 1 when the scenario gives none
    std::vector<double> siteAvailability;  ///< per site (defaults applied), flat for the hot loop
    Diagnostics diagnostics;
    std::vector<Assumption> assumptions;

    /// The accelerator \a id: the scenario's own entry, else the built-in one; nullptr if neither.
    const Accelerator* findAccelerator(std::string_view id) const;
    /// Records that \a element used \a value for \a field because of \a why (grouped by field,
    /// value and reason).
    void assume(ElementRef element, std::string_view field, double value, std::string_view why);

    /// Egress price, USD per byte, of bytes sent along directed link \a directedLink (docs/model.md
    /// §10): a priced link charges bytes that leave a cloud site, or that cross it with no cloud at
    /// either end; bytes into a cloud are free. The reverse direction is directedLink ^ 1.
    double egressUsdPerByte(int directedLink) const;

    /// The nearest-target tree of \a targets, built once per set and shared.
    const NearestTarget* nearestOf(const std::vector<int>& targets);
    /// The central site: the strategy's choice, else the cloud site with the most fp16/bf16 FLOP/s;
    /// −1 when there is none.
    int centralSite(const StrategySettings& settings) const;

private:
    std::map<std::vector<int>, std::unique_ptr<NearestTarget>> nearest_;
};

} // namespace strata::core
