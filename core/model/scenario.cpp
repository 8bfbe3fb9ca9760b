// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario.h"

#include <algorithm>

namespace strata::core {

namespace {
template <typename T>
const T* findById(const std::vector<T>& items, const std::string& id)
{
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const Site* Scenario::findSite(const std::string& id) const { return findById(sites, id); }
const Link* Scenario::findLink(const std::string& id) const { return findById(links, id); }
const Model* Scenario::findModel(const std::string& id) const { return findById(models, id); }
const Workload* Scenario::findWorkload(const std::string& id) const { return findById(workloads, id); }

double devicesAt(const Scenario& scenario, const std::string& id)
{
    const Site* site = scenario.findSite(id);
    return site ? site->devices.value_or(1.0) : 1.0;
}

double offeredRps(const Scenario& scenario, const InferenceSpec& service)
{
    double total = 0;
    for (const RequestSource& r : service.sources)
        total += devicesAt(scenario, r.site) * r.ratePerDevice;
    return total;
}

std::string_view strategyName(Strategy s)
{
    switch (s) {
    case Strategy::Centralized: return "centralized";
    case Strategy::Distributed: return "distributed";
    case Strategy::Hybrid: return "hybrid";
    }
    return "centralized";
}

std::optional<Strategy> parseStrategy(std::string_view name)
{
    for (Strategy s : kAllStrategies)
        if (strategyName(s) == name)
            return s;
    return std::nullopt;
}

} // namespace strata::core
