// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::core {

/// What a site is (MODEL.md §1).
enum class SiteKind { Cloud, Edge, OnPrem, Device };

std::string_view siteKindName(SiteKind kind);
std::optional<SiteKind> parseSiteKind(std::string_view name);

/// Accelerators of one type installed at a site.
struct Pool {
    std::string accelerator; ///< catalog or scenario accelerator id
    long long count = 0;

    bool operator==(const Pool&) const = default;
};

/// A canvas position, in scene units.
struct Position {
    double x = 0;
    double y = 0;

    bool operator==(const Position&) const = default;
};

/**
 * A place that holds compute and/or creates demand: cloud region, edge site, on-prem cluster
 * or a population of devices. Optional fields are empty when the file left them out; the engine
 * applies the defaults of MODEL.md §1 and reports the values it used.
 */
struct Site {
    std::string id;
    std::string name;
    SiteKind kind = SiteKind::Cloud;
    std::string jurisdiction;
    std::optional<double> devices;         ///< device sites: how many devices
    std::optional<double> pue;             ///< power usage effectiveness, >= 1
    std::optional<double> carbonGPerKwh;   ///< grid intensity, gCO2/kWh
    std::optional<double> energyUsdPerKwh; ///< electricity price, USD/kWh
    std::optional<double> availability;    ///< 0..1
    std::optional<double> wueLPerKwh;      ///< water usage effectiveness, litres per kWh of IT energy
    std::optional<Position> position;
    std::vector<Pool> pools;

    bool operator==(const Site&) const = default;
};

/// How many federated clients a client site stands for: a device site its `devices` (whole,
/// at least 1), any other site one (docs/model.md §14).
double federatedClients(const Site& site);

} // namespace strata::core
