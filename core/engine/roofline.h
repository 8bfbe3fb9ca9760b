// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/model.h"

#include <optional>

namespace strata::core {

/// Which side of the roofline bound a time.
enum class Bound { Compute, Memory };

/**
 * Accelerators one replica of a model spans (tensor parallel):
 * \f$ k = \lceil \text{modelBytes} / (0.9 \cdot \text{memoryBytes}) \rceil \f$, at least 1.
 * \returns 0 when the device has no memory figure (memoryBytes <= 0).
 */
long long replicaSpan(double modelBytes, double memoryBytes);

/// Roofline time for \a flop FLOP touching \a bytes bytes at \a flops FLOP/s and \a bandwidth B/s:
/// \f$ t = \max(f/F, m/W) \f$. \a bound receives the side that set it.
double rooflineSeconds(double flop, double bytes, double flops, double bandwidth, Bound* bound = nullptr);

/// Service time of one batch on one replica (MODEL.md §5).
struct ServiceTime {
    double seconds = 0;        ///< S
    Bound bound = Bound::Compute;
    double prefillSeconds = 0; ///< LLM only
    double decodeStepSeconds = 0;
    Bound decodeBound = Bound::Compute;
};

/**
 * Service time S of a batch of \a batch requests on a replica with effective rates \a flops
 * (k · peak · compute_efficiency) and \a bandwidth (k · memory_bandwidth · memory_efficiency).
 * Transformer: prefill \f$ \max(2N_a\cdot in/F, w_{in}/W) \f$ plus out × decode step
 * \f$ \max(2N_a b/F, (w_b + b\cdot kv)/W) \f$, with N_a the parameters a token uses, w_t the
 * weight bytes t tokens touch (all of them for a dense model) and kv the request's KV cache.
 * Generic: \f$ \max(b\cdot f_{req}/F, (w + b\cdot m_{req})/W) \f$.
 */
ServiceTime serviceTime(const Model& model, double batch, double inputTokens, double outputTokens,
                        double flops, double bandwidth, std::optional<double> kvBytesPerValue = std::nullopt);

/// KV-cache bytes of one request's full context: kv values per token (Model::kvValuesPerToken)
/// × bytes per value × (in + out); 0 for a generic model. Bytes per value: \a kvBytesPerValue
/// (the service's kv_cache_precision, else its precision), or bytes_per_param when not given.
double kvBytesPerRequest(const Model& model, double inputTokens, double outputTokens,
                         std::optional<double> kvBytesPerValue = std::nullopt);

/// Memory one replica needs: the weights plus the KV cache of a full batch (docs/model.md §5).
double replicaMemoryBytes(const Model& model, double batch, double inputTokens, double outputTokens,
                          std::optional<double> kvBytesPerValue = std::nullopt);

/// Useful FLOP of one request: 2·N_active·(in + out) for a transformer (N_active = active_params
/// for a MoE model, else params), flops_per_request otherwise.
double flopsPerRequest(const Model& model, double inputTokens, double outputTokens);

} // namespace strata::core
