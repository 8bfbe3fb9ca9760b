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
    mean_ = 0;
    for (int i = 0; i < count_; ++i)
        mean_ += prob_[i] / rate_[i];
    // Spread near-equal rates symmetrically (see the class comment): symmetric spreading keeps
    // the mean of the rates, so the tail moves only at second order.
    constexpr double kPair = 1e-5, kTriple = 1e-4;
    auto close = [](double x, double y, double rel) { return std::fabs(x - y) < rel * 0.5 * (x + y); };
    if (count_ == 3 && close(rate_[0], rate_[1], kTriple) && close(rate_[1], rate_[2], kTriple) &&
        close(rate_[0], rate_[2], kTriple)) {
        double mid = (rate_[0] + rate_[1] + rate_[2]) / 3.0;
        rate_[0] = mid * (1 - kTriple);
        rate_[1] = mid;
        rate_[2] = mid * (1 + kTriple);
    } else {
        for (int i = 0; i < count_; ++i)
            for (int j = i + 1; j < count_; ++j)
                if (close(rate_[i], rate_[j], kPair)) {
                    double mid = 0.5 * (rate_[i] + rate_[j]);
                    rate_[i] = mid * (1 - kPair);
                    rate_[j] = mid * (1 + kPair);
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
    return mean_;
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
