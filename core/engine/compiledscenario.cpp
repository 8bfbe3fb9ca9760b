// SPDX-License-Identifier: GPL-3.0-or-later
#include "compiledscenario.h"

#include "defaults.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace strata::core {

double PoolInfo::peakFlops(Precision p) const
{
    if (!accelerator)
        return 0;
    auto it = accelerator->peakTflops.find(p);
    return it == accelerator->peakTflops.end() ? 0.0 : it->second * 1e12;
}

double poolPowerWatts(const PoolInfo& pool, const SiteInfo& site, double rho)
{
    const double u = std::min(rho, 1.0);
    return static_cast<double>(pool.count) * (pool.idleW + u * (pool.tdpW - pool.idleW)) * site.pue;
}

ElementRef poolElement(const std::string& site, int pool)
{
    return ElementRef::poolAt(site, pool);
}

std::string formatShort(double x, const char* spec)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, spec, x);
    return buf;
}

CompiledScenario::CompiledScenario(const Scenario& sc, const Catalog& builtinCatalog, Exclusion exclude)
    : excluded(exclude)
    , scenario(sc)
    , builtin(builtinCatalog)
    , network(sc, exclude)
{
    sites.reserve(sc.sites.size());
    poolsAt.resize(sc.sites.size());
    for (const Site& s : sc.sites) {
        SiteInfo info;
        info.kind = s.kind;
        info.jurisdiction = s.jurisdiction;
        info.devices = s.devices.value_or(1.0);
        info.pue = s.pue.value_or(defaults::pue(s.kind));
        info.carbonGPerKwh = s.carbonGPerKwh.value_or(defaults::kCarbonGPerKwh);
        info.energyUsdPerKwh = s.energyUsdPerKwh.value_or(defaults::kEnergyUsdPerKwh);
        info.availability = s.availability.value_or(defaults::availability(s.kind));
        info.wueLPerKwh = s.wueLPerKwh.value_or(defaults::wue(s.kind));
        if (!s.pools.empty()) {
            ElementRef el = ElementRef::site(s.id);
            static constexpr std::string_view kPueWhy[] = {"default for cloud sites", "default for edge sites",
                                                            "default for onprem sites", "default for device sites"};
            if (!s.pue)
                assume(el, "pue", info.pue, kPueWhy[static_cast<int>(s.kind)]);
            if (!s.carbonGPerKwh)
                assume(el, "carbon_g_per_kwh", info.carbonGPerKwh, "world average grid intensity (IEA 2019)");
            static constexpr std::string_view kWueWhy[] = {"AWS global data-centre WUE 2025", "US data-centre average (LBNL 2016)",
                                                            "US data-centre average (LBNL 2016)", "devices use no cooling water"};
            if (!s.wueLPerKwh)
                assume(el, "wue_l_per_kwh", info.wueLPerKwh, kWueWhy[static_cast<int>(s.kind)]);
            if (!s.energyUsdPerKwh && s.kind == SiteKind::OnPrem)
                assume(el, "energy_usd_per_kwh", info.energyUsdPerKwh, "US industrial average 2023 (EIA)");
        }
        const int siteIndex = static_cast<int>(sites.size());
        sites.push_back(info);
        for (size_t p = 0; p < s.pools.size(); ++p) {
            PoolInfo pool;
            pool.site = siteIndex;
            pool.index = static_cast<int>(p);
            pool.accelerator = findAccelerator(s.pools[p].accelerator);
            pool.count = siteIndex == exclude.site ? 0 : s.pools[p].count;
            if (pool.accelerator) {
                const Accelerator& a = *pool.accelerator;
                pool.tdpW = a.tdpW.value_or(0.0);
                pool.powerUnknown = !a.tdpW;
                if (!a.tdpW) {
                    pool.idleW = 0; // no full-load figure: the pool's power is unknown, counted as 0 W
                } else if (a.idleW) {
                    pool.idleW = *a.idleW;
                } else {
                    pool.idleW = *a.tdpW * defaults::kIdleShareOfTdp;
                    pool.idleEstimated = true;
                }
            }
            poolsAt[siteIndex].push_back(static_cast<int>(pools.size()));
            pools.push_back(pool);
        }
    }

    siteAvailability.reserve(sites.size());
    for (const SiteInfo& s : sites)
        siteAvailability.push_back(s.availability);
    linkAvailability.reserve(sc.links.size());
    for (const Link& l : sc.links)
        linkAvailability.push_back(l.availability.value_or(1.0));

    // Catalog gaps of the accelerators in use, once per accelerator.
    std::set<std::string> seen;
    for (const PoolInfo& pool : pools) {
        if (!pool.accelerator || !seen.insert(pool.accelerator->id).second)
            continue;
        const Accelerator& a = *pool.accelerator;
        if (pool.idleEstimated)
            assume(ElementRef::accelerator(a.id), "idle_w", pool.idleW,
                   "estimate: no measured idle power; 117/700 of TDP as measured on an H100 SXM5 with a CUDA context");
        if (pool.powerUnknown)
            diagnostics.push_back({Severity::Warning, ElementRef::accelerator(a.id),
                                   "no TDP figure: its power counts as 0 W; give tdp_w in the scenario's accelerators"});
        bool usedInCloud = std::any_of(pools.begin(), pools.end(), [&](const PoolInfo& p) {
            return p.accelerator == pool.accelerator && sites[p.site].kind != SiteKind::OnPrem;
        });
        if (usedInCloud && !a.usdPerHour)
            diagnostics.push_back({Severity::Info, ElementRef::accelerator(a.id),
                                   "no sourced price per hour: its cost is left out; set usd_per_hour in the scenario's accelerators"});
    }
}

const Accelerator* CompiledScenario::findAccelerator(std::string_view id) const
{
    for (const Accelerator& a : scenario.accelerators)
        if (a.id == id)
            return &a;
    return builtin.find(id);
}

void CompiledScenario::assume(ElementRef element, std::string_view field, double value, std::string_view why)
{
    for (Assumption& a : assumptions) {
        if (a.field == field && a.value == value && a.why == why) {
            a.elements.push_back(std::move(element));
            return;
        }
    }
    assumptions.push_back({std::string(field), value, std::string(why), {std::move(element)}});
}

const NearestTarget* CompiledScenario::nearestOf(const std::vector<int>& targets)
{
    if (targets.empty())
        return nullptr;
    auto& tree = nearest_[targets];
    if (!tree)
        tree = std::make_unique<NearestTarget>(network, targets);
    return tree.get();
}

int CompiledScenario::centralSite(const StrategySettings& settings) const
{
    if (settings.site)
        return network.siteIndex(*settings.site);
    int best = -1;
    double bestFlops = 0;
    for (size_t s = 0; s < sites.size(); ++s) {
        if (sites[s].kind != SiteKind::Cloud)
            continue;
        double flops = 0;
        for (int g : poolsAt[s])
            flops += static_cast<double>(pools[g].count) *
                     std::max(pools[g].peakFlops(Precision::FP16), pools[g].peakFlops(Precision::BF16));
        if (flops > bestFlops) {
            bestFlops = flops;
            best = static_cast<int>(s);
        }
    }
    return best;
}

double CompiledScenario::egressUsdPerByte(int directedLink) const
{
    const Link& link = scenario.links[static_cast<size_t>(directedLink / 2)];
    if (!link.egressUsdPerGb)
        return 0;
    const bool fromCloud = sites[network.linkFrom(directedLink)].kind == SiteKind::Cloud;
    const bool toCloud = sites[network.linkTo(directedLink)].kind == SiteKind::Cloud;
    return fromCloud || !toCloud ? *link.egressUsdPerGb / 1e9 : 0.0;
}

} // namespace strata::core
