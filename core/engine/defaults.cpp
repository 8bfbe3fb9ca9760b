// SPDX-License-Identifier: GPL-3.0-or-later
#include "defaults.h"

namespace strata::core::defaults {

double pue(SiteKind kind)
{
    switch (kind) {
    case SiteKind::Cloud: return 1.10;
    case SiteKind::Edge: return 1.40;
    case SiteKind::OnPrem: return 1.60;
    case SiteKind::Device: return 1.00;
    }
    return 1.0;
}

double wue(SiteKind kind)
{
    switch (kind) {
    case SiteKind::Cloud: return 0.12;
    case SiteKind::Edge:
    case SiteKind::OnPrem: return 1.8;
    case SiteKind::Device: return 0.0;
    }
    return 0.0;
}

double availability(SiteKind kind)
{
    switch (kind) {
    case SiteKind::Cloud: return 0.9995;
    case SiteKind::Edge:
    case SiteKind::OnPrem: return 0.999;
    case SiteKind::Device: return 0.99;
    }
    return 1.0;
}

} // namespace strata::core::defaults

namespace strata::core {

double linkLatencySeconds(const Link& link)
{
    if (link.latencyMs)
        return *link.latencyMs * 1e-3;
    return link.distanceKm.value_or(0.0) * defaults::kFibreSecondsPerKm * link.routeFactor.value_or(1.0);
}

} // namespace strata::core
