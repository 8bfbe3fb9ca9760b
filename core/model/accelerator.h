// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "precision.h"

#include <map>
#include <optional>
#include <string>

namespace strata::core {

/**
 * One accelerator type (GPU, TPU, FPGA, CPU): a catalog entry or a scenario's own.
 *
 * Fields carry the file-format units in their names; the engine converts to SI. A figure no
 * source gave is empty (std::nullopt), never a guessed number: the engine applies a documented
 * estimate rule and marks the result as estimated (docs/model.md, "Catalog gaps").
 */
struct Accelerator {
    std::string id;
    std::string vendor;
    std::string model;
    /// Dense peak per precision, TFLOP/s (int8: TOPS). A precision absent here is not supported.
    std::map<Precision, double> peakTflops;
    std::optional<double> memoryGb;          ///< device memory, 10^9 bytes
    std::optional<double> memoryGbPerS;      ///< memory bandwidth, 10^9 bytes/s
    std::optional<double> interconnectGbPerS;///< device-to-device bandwidth, 10^9 bytes/s
    std::optional<double> tdpW;              ///< board power at full load, W
    std::optional<double> idleW;             ///< board power idle, W
    std::optional<double> usdPerHour;        ///< on-demand price per device-hour, USD
    std::string source;                      ///< where the figures come from

    bool operator==(const Accelerator&) const = default;
};

} // namespace strata::core
