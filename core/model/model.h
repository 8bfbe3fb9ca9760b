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
    // Attention shape (transformer, issue 15): the KV cache follows from it.
    std::optional<double> attentionHeads;    ///< query heads
    std::optional<double> kvHeads;           ///< key/value heads (grouped-query attention); default attentionHeads
    std::optional<double> headDim;           ///< width of one head; default d_model / attentionHeads
    // Mixture of experts (transformer): params is what is stored, activeParams what a token uses.
    std::optional<double> experts;           ///< routed experts per MoE layer
    std::optional<double> expertsPerToken;   ///< experts each token is routed to
    std::optional<double> activeParams;      ///< parameters one token uses; default params

    /// Bytes of the weights, N × bytes_per_param.
    double weightBytes() const { return params * bytesPerParam; }
    /// Values (keys and values over all layers) the KV cache holds per token:
    /// 2 · layers · kv_heads · head_dim, which is 2 · layers · d_model without an attention shape.
    double kvValuesPerToken() const;
    /// Parameters used per token: active_params for a MoE model, else params.
    double paramsPerToken() const { return activeParams.value_or(params); }
    bool isMixtureOfExperts() const { return experts && expertsPerToken && activeParams; }
    /// Weight bytes a step that runs \a tokens tokens through the model reads: all of them for a
    /// dense model; for a MoE model the shared part plus the experts those tokens are routed to,
    /// E · (1 − (1 − k/E)^tokens) per layer on average with uniform routing (docs/model.md §5).
    double weightBytesTouched(double tokens) const;

    bool operator==(const Model&) const = default;
};

} // namespace strata::core
