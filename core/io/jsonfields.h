// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/io: strict field access for JSON readers. Not part of the public API.

#include "model/diagnostic.h"
#include "model/fields.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace strata::core {

/// Reading stops checking further elements of a list (and further unknown fields of an object)
/// once this many findings are listed, and says how many it left unchecked: a file with a million
/// bad entries gets a readable answer, not a million lines.
inline constexpr size_t kMaxReadErrors = 200;

/// Elements of top-level arrays handed over as the parser completes each one and then dropped
/// from the document: a file of 100,000 sites never holds the tree of all of them (issue 14).
struct StreamedArrays {
    /// True for the top-level keys whose arrays are streamed.
    std::function<bool(std::string_view key)> streams;
    /// Called with the key, the element and its index, in file order; the array stays in the
    /// document, empty.
    std::function<void(const std::string& key, const nlohmann::json& element, size_t index)> element;
};

/// Parses \a text as JSON, reporting syntax errors (with line and column) and duplicate keys, in
/// one pass of time linear in the text. Returns false when the text is not JSON at all (then
/// \a streamed may have seen some elements; the caller drops what it made of them).
bool parseStrictJson(std::string_view text, nlohmann::json& out, Diagnostics& diags, const StreamedArrays* streamed = nullptr);

/**
 * Reads the fields of one JSON object and records every problem with its path. Each accessor
 * marks its key as known; finish() then reports the keys nobody asked for as unknown fields,
 * suggesting the closest known name (a typo must not silently become a default).
 */
class ObjectReader {
public:
    ObjectReader(const nlohmann::json& object, std::string path, Diagnostics& diags);

    bool isObject() const { return isObject_; }
    std::string childPath(std::string_view key) const;

    /// Returns the field or nullptr when absent; marks the key as known.
    const nlohmann::json* field(const std::string& key);

    std::optional<double> number(const std::string& key, const Range& range);
    /// Returns 0 and records an error when the field is missing or invalid.
    double requiredNumber(const std::string& key, const Range& range);
    std::optional<double> integer(const std::string& key, long long lo, long long hi);
    std::optional<long long> requiredInteger(const std::string& key, long long lo, long long hi);
    std::optional<bool> boolean(const std::string& key);
    std::optional<std::string> string(const std::string& key);
    std::optional<std::string> requiredString(const std::string& key);
    /// An element id: a non-empty string without control characters, at most 200 bytes.
    std::optional<std::string> id(const std::string& key);
    std::string requiredId(const std::string& key);

    template <typename E, typename Parse>
    std::optional<E> enumValue(const std::string& key, Parse parse, std::string_view allowed)
    {
        auto s = string(key);
        if (!s)
            return std::nullopt;
        auto v = parse(*s);
        if (!v)
            error(key, "unknown value \"" + *s + "\"; allowed: " + std::string(allowed));
        return v;
    }

    template <typename E, typename Parse>
    std::optional<E> requiredEnum(const std::string& key, Parse parse, std::string_view allowed)
    {
        if (!has(key)) {
            missing(key, "one of " + std::string(allowed));
            return std::nullopt;
        }
        return enumValue<E>(key, parse, allowed);
    }

    /// Reads the registry fields \a fields of \a x: a missing required field, a value out of range
    /// or a fraction where a whole number is needed is reported; an out-of-range value is kept
    /// (with its error) so that the workbench can show it to be fixed.
    template <typename T>
    void fields(T& x, std::span<const NumberField<T>> fields)
    {
        for (const NumberField<T>& f : fields)
            f.set(x, registryNumber(std::string(f.key), f.range, f.required, f.whole));
    }

    /// Calls \a fn for each element of the array field \a key with the element's path.
    void forEachInArray(const std::string& key,
                        const std::function<void(const nlohmann::json&, const std::string&)>& fn,
                        bool required = false);

    /// Reports every field of the object that no accessor asked for.
    void finish();

private:
    std::optional<double> registryNumber(const std::string& key, const Range& range, bool required, bool whole);
    bool has(const std::string& key) const;
    void error(const std::string& key, const std::string& message);
    void missing(const std::string& key, const std::string& what);

    const nlohmann::json& object_;
    std::string path_;
    Diagnostics& diags_;
    bool isObject_ = false;
    std::set<std::string, std::less<>> known_;
};

} // namespace strata::core
