// SPDX-License-Identifier: GPL-3.0-or-later
#include "roofline.h"

#include "defaults.h"

#include <algorithm>
#include <cmath>

namespace strata::core {

long long replicaSpan(double modelBytes, double memoryBytes)
{
    if (!(memoryBytes > 0))
        return 0;
    double k = std::ceil(modelBytes / (defaults::kModelMemoryShare * memoryBytes));
    return std::max(1LL, static_cast<long long>(k));
}

double rooflineSeconds(double flop, double bytes, double flops, double bandwidth, Bound* bound)
{
    double tc = flops > 0 ? flop / flops : 0.0;
    double tm = bandwidth > 0 ? bytes / bandwidth : 0.0;
    if (bound)
        *bound = tc >= tm ? Bound::Compute : Bound::Memory;
    return std::max(tc, tm);
}

ServiceTime serviceTime(const Model& model, double batch, double inputTokens, double outputTokens,
                        double flops, double bandwidth, std::optional<double> kvBytesPerValue)
{
    ServiceTime st;
    const double weights = model.weightBytes();
    if (model.kind == ModelKind::Transformer) {
        // FLOPs follow the parameters a token uses; the bytes, the experts the step's tokens reach.
        const double n = model.paramsPerToken();
        const double kv = kvBytesPerRequest(model, inputTokens, outputTokens, kvBytesPerValue);
        st.prefillSeconds =
            rooflineSeconds(2.0 * n * inputTokens, model.weightBytesTouched(inputTokens), flops, bandwidth, &st.bound);
        st.decodeStepSeconds = rooflineSeconds(2.0 * n * batch, model.weightBytesTouched(batch) + batch * kv, flops,
                                               bandwidth, &st.decodeBound);
        st.seconds = st.prefillSeconds + outputTokens * st.decodeStepSeconds;
        // The part that dominates the total names the bound.
        if (outputTokens * st.decodeStepSeconds > st.prefillSeconds)
            st.bound = st.decodeBound;
    } else {
        st.seconds = rooflineSeconds(batch * model.flopsPerRequest.value_or(0),
                                     weights + batch * model.bytesPerRequest.value_or(0), flops, bandwidth,
                                     &st.bound);
    }
    return st;
}

double kvBytesPerRequest(const Model& model, double inputTokens, double outputTokens, std::optional<double> kvBytesPerValue)
{
    if (model.kind != ModelKind::Transformer)
        return 0;
    return model.kvValuesPerToken() * kvBytesPerValue.value_or(model.bytesPerParam) * (inputTokens + outputTokens);
}

double replicaMemoryBytes(const Model& model, double batch, double inputTokens, double outputTokens,
                          std::optional<double> kvBytesPerValue)
{
    return model.weightBytes() + batch * kvBytesPerRequest(model, inputTokens, outputTokens, kvBytesPerValue);
}

double flopsPerRequest(const Model& model, double inputTokens, double outputTokens)
{
    if (model.kind == ModelKind::Transformer)
        return 2.0 * model.paramsPerToken() * (inputTokens + outputTokens);
    return model.flopsPerRequest.value_or(0);
}

} // namespace strata::core
