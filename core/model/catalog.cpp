// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include <algorithm>

namespace strata::core {

Catalog::Catalog(std::vector<Accelerator> entries)
    : entries_(std::move(entries))
{
}

const Accelerator* Catalog::find(const std::string& id) const
{
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const Accelerator& a) { return a.id == id; });
    return it == entries_.end() ? nullptr : &*it;
}

Catalog Catalog::withOverrides(const std::vector<Accelerator>& own) const
{
    std::vector<Accelerator> merged;
    merged.reserve(entries_.size() + own.size());
    for (const Accelerator& a : entries_) {
        bool replaced = std::any_of(own.begin(), own.end(),
                                    [&](const Accelerator& o) { return o.id == a.id; });
        if (!replaced)
            merged.push_back(a);
    }
    merged.insert(merged.end(), own.begin(), own.end());
    return Catalog(std::move(merged));
}

} // namespace strata::core
