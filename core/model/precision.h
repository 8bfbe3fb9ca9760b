// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace strata::core {

/// Numeric precision of a workload and of an accelerator's peak rate (MODEL.md §1).
enum class Precision { FP64, FP32, TF32, BF16, FP16, FP8, INT8, INT4 };

inline constexpr std::array<Precision, 8> kAllPrecisions = {
    Precision::FP64, Precision::FP32, Precision::TF32, Precision::BF16,
    Precision::FP16, Precision::FP8,  Precision::INT8, Precision::INT4};

/// True for the formats weights and KV caches can be stored in: every precision but tf32, which
/// is how tensor cores compute fp32, not a format.
constexpr bool isStorageFormat(Precision p) { return p != Precision::TF32; }

/// Returns the file-format name of \a p ("fp16", "int8", ...).
std::string_view precisionName(Precision p);
/// Parses a file-format precision name; empty when the name is not one of kAllPrecisions.
std::optional<Precision> parsePrecision(std::string_view name);
/// The names of kAllPrecisions (\a storageOnly: of the storage formats), comma-separated for
/// messages: "fp64, fp32, tf32, …".
const std::string& precisionNames(bool storageOnly = false);
/// Returns the bytes one parameter takes at \a p (fp32 4, bf16/fp16 2, fp8/int8 1, int4 0.5, fp64 8, tf32 4).
double bytesPerValue(Precision p);

} // namespace strata::core
