// SPDX-License-Identifier: GPL-3.0-or-later
#include "precision.h"

namespace strata::core {

std::string_view precisionName(Precision p)
{
    switch (p) {
    case Precision::FP64: return "fp64";
    case Precision::FP32: return "fp32";
    case Precision::TF32: return "tf32";
    case Precision::BF16: return "bf16";
    case Precision::FP16: return "fp16";
    case Precision::FP8: return "fp8";
    case Precision::INT8: return "int8";
    case Precision::INT4: return "int4";
    }
    return "fp32";
}

std::optional<Precision> parsePrecision(std::string_view name)
{
    for (Precision p : kAllPrecisions)
        if (precisionName(p) == name)
            return p;
    return std::nullopt;
}

const std::string& precisionNames(bool storageOnly)
{
    auto join = [](bool storage) {
        std::string out;
        for (Precision p : kAllPrecisions)
            if (!storage || isStorageFormat(p))
                out += (out.empty() ? "" : ", ") + std::string(precisionName(p));
        return out;
    };
    static const std::string all = join(false), storage = join(true);
    return storageOnly ? storage : all;
}

double bytesPerValue(Precision p)
{
    switch (p) {
    case Precision::FP64: return 8;
    case Precision::FP32:
    case Precision::TF32: return 4;
    case Precision::BF16:
    case Precision::FP16: return 2;
    case Precision::FP8:
    case Precision::INT8: return 1;
    case Precision::INT4: return 0.5;
    }
    return 4;
}

} // namespace strata::core
