// SPDX-License-Identifier: GPL-3.0-or-later
#include "model.h"

#include <algorithm>
#include <cmath>

namespace strata::core {

double Model::kvValuesPerToken() const
{
    const double l = layers.value_or(0);
    const double d = dModel.value_or(0);
    if (!attentionHeads || *attentionHeads <= 0)
        return 2.0 * l * d; // multi-head attention of width d_model
    const double heads = kvHeads.value_or(*attentionHeads);
    const double width = headDim.value_or(d / *attentionHeads);
    return 2.0 * l * heads * width;
}

double Model::weightBytesTouched(double tokens) const
{
    const double all = weightBytes();
    if (!isMixtureOfExperts() || *experts <= *expertsPerToken || tokens <= 0)
        return all;
    // total = shared + E·P_e and active = shared + k·P_e give one expert's size and the rest.
    const double e = *experts, k = *expertsPerToken;
    const double perExpert = std::max(0.0, (params - *activeParams) / (e - k));
    const double shared = std::max(0.0, params - e * perExpert);
    const double distinct = e * (1.0 - std::pow(1.0 - k / e, tokens));
    return std::min(all, (shared + distinct * perExpert) * bytesPerParam);
}

} // namespace strata::core
