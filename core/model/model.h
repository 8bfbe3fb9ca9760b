// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

namespace strata::core {

enum class ModelKind { Generic, Transformer };

/**
 * An AI model (MODEL.md §2). A transformer is described by its shape (params, layers, d_model)
 * and its FLOPs follow from it; a generic model states FLOPs and bytes touched per request.
 */
struct Model {
    std::string id;
    std::string name;
    ModelKind kind = ModelKind::Generic;
    double params = 0;                       ///< parameter count N
    double bytesPerParam = 2;
    std::optional<double> layers;            ///< L (transformer)
    std::optional<double> dModel;            ///< d (transformer)
    std::optional<double> flopsPerRequest;   ///< generic: FLOP per request
    std::optional<double> bytesPerRequest;   ///< generic: activation bytes touched per request

    /// Bytes of the weights, N × bytes_per_param.
    double weightBytes() const { return params * bytesPerParam; }

    bool operator==(const Model&) const = default;
};

} // namespace strata::core
