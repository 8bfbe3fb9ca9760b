// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accelerator.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace strata::core {

/**
 * A set of accelerator types looked up by id. The built-in catalog comes from
 * resources/catalog (see io/catalogreader.h); a scenario's own accelerators are layered on top
 * with withOverrides(), so an entry of the scenario wins over a built-in of the same id.
 */
class Catalog {
public:
    Catalog() = default;
    explicit Catalog(std::vector<Accelerator> entries);

    const std::vector<Accelerator>& entries() const { return entries_; }
    /// Returns the entry with \a id, or nullptr.
    const Accelerator* find(std::string_view id) const;
    /// Returns this catalog with \a own added; an entry of \a own replaces one of the same id.
    Catalog withOverrides(const std::vector<Accelerator>& own) const;

private:
    std::vector<Accelerator> entries_;
    struct Hash {
        using is_transparent = void; // look up by string_view without building a string
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, size_t, Hash, std::equal_to<>> index_; ///< id → position in entries_
};

} // namespace strata::core
