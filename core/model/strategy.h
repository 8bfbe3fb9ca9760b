// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace strata::core {

/// The three deployments of one design that Strata compares (MODEL.md §3).
enum class Strategy { Centralized, Distributed, Hybrid };

inline constexpr std::array<Strategy, 3> kAllStrategies = {
    Strategy::Centralized, Strategy::Distributed, Strategy::Hybrid};

std::string_view strategyName(Strategy s);
std::optional<Strategy> parseStrategy(std::string_view name);

/// Settings of one strategy. `enabled` false when the scenario's "strategies" block omits it.
struct StrategySettings {
    bool enabled = true;
    std::optional<std::string> site;  ///< centralized: the central site (default: most FLOP/s)
    std::optional<double> rhoTarget;  ///< distributed/hybrid: utilization cap, default 0.8
    /// Distributed training: a region with no dataset in its jurisdiction may still join, on data
    /// copied across the border (a residency violation each). Default false: it stays out.
    std::optional<bool> allowCrossBorderCopies;

    bool operator==(const StrategySettings&) const = default;
};

/// Settings of all three strategies, indexed by Strategy.
struct StrategySet {
    std::array<StrategySettings, 3> settings;

    StrategySettings& operator[](Strategy s) { return settings[static_cast<size_t>(s)]; }
    const StrategySettings& operator[](Strategy s) const { return settings[static_cast<size_t>(s)]; }
    bool operator==(const StrategySet&) const = default;
};

} // namespace strata::core
