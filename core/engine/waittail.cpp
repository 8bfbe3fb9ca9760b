// SPDX-License-Identifier: GPL-3.0-or-later
#include "waittail.h"

#include <algorithm>
#include <cmath>

namespace strata::core {

void WaitTail::add(double probability, double rate)
{
    if (!(probability > 0) || !(rate > 0) || !std::isfinite(rate) || count_ == kMaxComponents)
        return;
    prob_[count_] = std::min(probability, 1.0);
    rate_[count_] = rate;
    ++count_;
}

void WaitTail::finalize()
{
    // Spread near-equal rates apart (see the class comment).
    constexpr double kSpread = 1e-4;
    for (int i = 0; i < count_; ++i) {
        for (int j = i + 1; j < count_; ++j) {
            double mid = 0.5 * (rate_[i] + rate_[j]);
            if (std::fabs(rate_[i] - rate_[j]) < kSpread * mid) {
                rate_[i] = mid * (1 - kSpread);
                rate_[j] = mid * (1 + kSpread);
                // A third rate may now sit close to one of these; spread it further away.
                for (int k = 0; k < count_; ++k)
                    if (k != i && k != j && std::fabs(rate_[k] - mid) < 2 * kSpread * mid)
                        rate_[k] = mid * (1 + 3 * kSpread);
            }
        }
    }
    coef_.fill(0.0);
    // Enumerate the non-empty subsets A of components that wait.
    for (int mask = 1; mask < (1 << count_); ++mask) {
        double pA = 1.0;
        for (int j = 0; j < count_; ++j)
            pA *= (mask & (1 << j)) ? prob_[j] : 1.0 - prob_[j];
        if (pA == 0.0)
            continue;
        for (int i = 0; i < count_; ++i) {
            if (!(mask & (1 << i)))
                continue;
            double weight = 1.0;
            for (int j = 0; j < count_; ++j)
                if (j != i && (mask & (1 << j)))
                    weight *= rate_[j] / (rate_[j] - rate_[i]);
            coef_[i] += pA * weight;
        }
    }
}

double WaitTail::mean() const
{
    double m = 0;
    for (int i = 0; i < count_; ++i)
        m += prob_[i] / rate_[i];
    return m;
}

double WaitTail::tail(double x) const
{
    if (x < 0)
        return 1.0;
    double s = 0;
    for (int i = 0; i < count_; ++i)
        s += coef_[i] * std::exp(-rate_[i] * x);
    return std::clamp(s, 0.0, 1.0);
}

double WaitTail::probabilityOfWait() const
{
    double none = 1.0;
    for (int i = 0; i < count_; ++i)
        none *= 1.0 - prob_[i];
    return 1.0 - none;
}

} // namespace strata::core
