// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include <algorithm>

namespace strata::core {

Catalog::Catalog(std::vector<Accelerator> entries)
    : entries_(std::move(entries))
{
    index_.reserve(entries_.size());
    for (size_t i = 0; i < entries_.size(); ++i)
        index_.emplace(entries_[i].id, i); // the first of a repeated id wins, as a linear search would
}

const Accelerator* Catalog::find(std::string_view id) const
{
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &entries_[it->second];
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
