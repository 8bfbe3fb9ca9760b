// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The field registry: one table per element type of the numeric fields a person or a file sets.
// The JSON reader and writer, validation, the .strata columns, sweep paths, the inspector and the
// Workloads form all iterate these tables, so a field is declared once (docs/adding.md).

#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace strata::core {

struct Site;
struct Link;
struct Model;
struct Accelerator;
struct InferenceSpec;
struct TrainingSpec;
struct FederatedSpec;

// Bounds of numbers that live in lists rather than in a registry field, shared by the readers and
// validation. Every number Strata reads has an upper bound far beyond any real design, so that no
// product of inputs overflows to infinity (issue 14): a device group of at most 10^11 devices,
// 10^9 requests/s per device, datasets up to 10^21 bytes (a zettabyte), 10^9 TFLOP/s per device.
inline constexpr double kMaxDevices = 1e11;
/// Accelerators in one pool, the bound of pools[].count in both file formats and in a sweep.
inline constexpr long long kMaxPoolCount = 100'000'000;
inline constexpr double kMaxRatePerDevice = 1e9;
inline constexpr double kMaxDatasetBytes = 1e21;
inline constexpr double kMaxPeakTflops = 1e9;
/// The least link bandwidth, 1 kbit/s: below it (down to subnormal numbers such as 5e-324, whose
/// reciprocal is infinite) a link carries nothing a design could use.
inline constexpr double kMinBandwidthGbps = 1e-6;

/// Allowed interval of a numeric field, with an optional reason shown in the error.
struct Range {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool loOpen = false;
    std::string why;
    bool hiInSchema = true; ///< false: the .strata CHECK leaves the upper bound out (Range::bounded)

    static Range atLeast(double lo, std::string why = {}) { return {lo, std::numeric_limits<double>::infinity(), false, std::move(why)}; }
    static Range above(double lo, std::string why = {}) { return {lo, std::numeric_limits<double>::infinity(), true, std::move(why)}; }
    static Range between(double lo, double hi, bool lowOpen = false, std::string why = {}) { return {lo, hi, lowOpen, std::move(why)}; }
    /// An interval whose upper bound only guards against numbers no design has (issue 14): it
    /// came after .strata schema 1, so a column's CHECK states the lower bound alone.
    static Range bounded(double lo, double hi, bool lowOpen = false, std::string why = {})
    {
        Range r{lo, hi, lowOpen, std::move(why)};
        r.hiInSchema = false;
        return r;
    }

    /// Within the interval (a NaN or an infinity never is, unless the bound is infinite).
    bool contains(double x) const { return (loOpen ? x > lo : x >= lo) && x <= hi; }
    /// "at least 1 (a PUE is facility power / IT power)", "between 0 and 1", "greater than 0".
    std::string describe() const;
};

/// Formats a number for a message: shortest form that reads well ("0.5", "1e+12").
std::string formatNumber(double x);

/**
 * One numeric field of element type T.
 *
 * \a key is the file-format name: the JSON key, the .strata column and the last part of a sweep
 * path. A field whose member is a plain double is required; an optional member is empty when the
 * file leaves it out and the engine applies the default named in \a defaultFrom.
 */
template <typename T>
struct NumberField {
    std::string_view key;
    std::string_view label;       ///< English label for people (the workbench translates it)
    std::string_view unit;        ///< file-format unit ("ms", "Gbit/s", "B", "fraction"; "" plain)
    Range range;
    bool required = false;        ///< a plain member: always present
    bool whole = false;           ///< a whole number (counts, batch sizes, rounds)
    int since = 1;                ///< .strata schema version the field appeared in
    std::string_view defaultFrom; ///< the default when absent and where it comes from
    std::optional<double> (*get)(const T&) = nullptr;
    void (*set)(T&, std::optional<double>) = nullptr; ///< plain assignment, as a file reader does
    void (*rule)(T&) = nullptr;   ///< what an edit of this field also changes (sweeps, forms)
    /// The range the .strata column's CHECK states, when it differs from \a range beyond a
    /// Range::bounded upper bound: SQLite cannot change a CHECK without rebuilding the table, and
    /// the project reader validates every value against \a range anyway.
    std::optional<Range> stored;

    const Range& storedRange() const { return stored ? *stored : range; }

    /// An edit by a person or a sweep: sets the value and applies the field's rule.
    void edit(T& x, std::optional<double> v) const
    {
        set(x, v);
        if (v && rule)
            rule(x);
    }
};

std::span<const NumberField<Site>> siteFields();
std::span<const NumberField<Link>> linkFields();
std::span<const NumberField<Model>> modelFields();
std::span<const NumberField<Accelerator>> acceleratorFields();
std::span<const NumberField<InferenceSpec>> inferenceFields();
std::span<const NumberField<TrainingSpec>> trainingFields();
std::span<const NumberField<FederatedSpec>> federatedFields();

/// The field of \a fields named \a key, or nullptr.
template <typename T>
const NumberField<T>* findField(std::span<const NumberField<T>> fields, std::string_view key)
{
    for (const NumberField<T>& f : fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

/// What is wrong with value \a v of a field with \a range ("" when nothing is): not finite,
/// outside the range, or not whole where a whole number is needed. Reads "must be …".
std::string valueError(const Range& range, bool whole, double v);

template <typename T>
std::string fieldError(const NumberField<T>& f, double v)
{
    return valueError(f.range, f.whole, v);
}

} // namespace strata::core
