// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::core {

/// Physical kind of a link: descriptive (shown on the canvas); it sets no numbers by itself.
enum class LinkKind { Lan, Metro, Wan, Cellular5G, Cellular4G, Wifi, Satellite };

std::string_view linkKindName(LinkKind kind);
std::optional<LinkKind> parseLinkKind(std::string_view name);

/**
 * An undirected, full-duplex network link between two sites (MODEL.md §1). Latency is given
 * either directly (latencyMs) or as a fibre distance (distanceKm × 5 µs/km × routeFactor).
 */
struct Link {
    std::string id;
    std::string name;
    std::string a; ///< site id
    std::string b; ///< site id
    LinkKind kind = LinkKind::Wan;
    double bandwidthGbps = 0;               ///< 10^9 bit/s each direction
    std::optional<double> latencyMs;        ///< one way
    std::optional<double> distanceKm;
    std::optional<double> routeFactor;      ///< default 1.0
    std::optional<double> energyNjPerBit;
    std::optional<double> egressUsdPerGb;
    std::optional<double> availability;

    bool operator==(const Link&) const = default;
};

} // namespace strata::core
