// SPDX-License-Identifier: GPL-3.0-or-later
#include "site.h"
#include <algorithm>
#include <cmath>

namespace strata::core {

std::string_view siteKindName(SiteKind kind)
{
    switch (kind) {
    case SiteKind::Cloud: return "cloud";
    case SiteKind::Edge: return "edge";
    case SiteKind::OnPrem: return "onprem";
    case SiteKind::Device: return "device";
    }
    return "cloud";
}

std::optional<SiteKind> parseSiteKind(std::string_view name)
{
    for (SiteKind k : {SiteKind::Cloud, SiteKind::Edge, SiteKind::OnPrem, SiteKind::Device})
        if (siteKindName(k) == name)
            return k;
    return std::nullopt;
}

double federatedClients(const Site& site)
{
    return site.kind == SiteKind::Device ? std::max(1.0, std::floor(site.devices.value_or(1.0))) : 1.0;
}

} // namespace strata::core
