// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fields.h"

#include <QString>

#include <optional>
#include <string_view>

namespace strata::models {

/// What a numeric field measures, and so which units its input accepts and which it stores.
enum class Quantity {
    Plain,         ///< a number, optionally with k/M/G/T (1e3…1e12)
    BandwidthGbps, ///< stored in Gbit/s; accepts bps…Tbps, "400G", and bytes per second (B/s…TB/s)
    TimeMs,        ///< stored in ms; accepts ns, us/µs, ms, s, min, h
    Bytes,         ///< stored in bytes; accepts B, kB/KB, MB, GB, TB, PB and KiB…TiB
    DistanceKm,    ///< stored in km; accepts m, km
    Percent,       ///< stored as a fraction 0..1; accepts "35 %" or a bare fraction
};

/// Result of parsing a field's text: the value in the stored unit, or why it was refused.
struct ParsedQuantity {
    std::optional<double> value;
    QString error;
};

/**
 * Parses unit-aware input such as "400G", "1.2 TB/s", "35 ms" or "2.5e9" into the unit
 * \a quantity stores. A bare number is taken in the stored unit. Refuses non-finite values and
 * units that do not fit the quantity, naming the units it accepts.
 */
ParsedQuantity parseQuantity(const QString& text, Quantity quantity);

/// Formats a stored value for its field: shortest form, with the stored unit ("400 Gbps").
QString formatQuantity(double value, Quantity quantity);

/// The stored unit's symbol ("Gbps", "ms", "B", "km", "%").
QString unitSymbol(Quantity quantity);

/// Why \a v is refused by a field with \a range (and \a whole), or "" when it is not; a fraction
/// field (Percent) reads in percent: "must be between 0 % and 100 %".
QString rangeError(double v, const core::Range& range, bool whole, Quantity quantity);

/// How a registry field (core/model/fields.h) is typed, from its file-format unit: "ms" → TimeMs,
/// "Gbit/s" → BandwidthGbps, "B" → Bytes, "km" → DistanceKm, "fraction" → Percent, else Plain.
Quantity quantityOfUnit(std::string_view unit);

/// A registry field's label for people, translated, with its unit where the input shows none:
/// "Grid carbon (gCO2/kWh)", but "Bandwidth" (typed with its unit, "400G").
QString fieldLabel(std::string_view label, std::string_view unit);

} // namespace strata::models
