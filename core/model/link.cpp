// SPDX-License-Identifier: GPL-3.0-or-later
#include "link.h"

namespace strata::core {

std::string_view linkKindName(LinkKind kind)
{
    switch (kind) {
    case LinkKind::Lan: return "lan";
    case LinkKind::Metro: return "metro";
    case LinkKind::Wan: return "wan";
    case LinkKind::Cellular5G: return "cellular-5g";
    case LinkKind::Cellular4G: return "cellular-4g";
    case LinkKind::Wifi: return "wifi";
    case LinkKind::Satellite: return "satellite";
    }
    return "wan";
}

std::optional<LinkKind> parseLinkKind(std::string_view name)
{
    for (LinkKind k : {LinkKind::Lan, LinkKind::Metro, LinkKind::Wan, LinkKind::Cellular5G,
                       LinkKind::Cellular4G, LinkKind::Wifi, LinkKind::Satellite})
        if (linkKindName(k) == name)
            return k;
    return std::nullopt;
}

} // namespace strata::core
