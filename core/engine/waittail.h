// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

namespace strata::core {

/**
 * The random part of one request's latency: a sum of independent waits, each 0 with probability
 * 1 − p and exponential with rate θ with probability p (the pool's queue and the congestion waits
 * of the request and response bottleneck links, MODEL.md §4 and §6).
 *
 * The tail has a closed form. Summing over the subsets A of waits that occur, each contributes
 * P(A) times a hypo-exponential tail \f$ \sum_{i\in A} \prod_{j\in A, j\ne i} \theta_j/(\theta_j-\theta_i)\, e^{-\theta_i x} \f$,
 * so \f$ P(W > x) = \sum_i K_i e^{-\theta_i x} \f$ for x >= 0 with coefficients K_i fixed once.
 * Two rates closer than a relative 1e-5 (three within 1e-4) are spread symmetrically by that much,
 * which keeps the formula well conditioned (cancellation ~1e-11 and ~1e-8) and moves the tail only
 * slightly (second order, ~1e-8, for equal probabilities; up to ~1e-5 otherwise); mean() is exact.
 */
class WaitTail {
public:
    static constexpr int kMaxComponents = 3;

    /// Adds a wait component; ignored when p or θ is not positive.
    void add(double probability, double rate);
    /// Computes the coefficients; call after the last add().
    void finalize();

    /// E[W], seconds.
    double mean() const;
    /// P(W > x); 1 for x < 0.
    double tail(double x) const;
    /// P(W > 0): the probability of any wait at all.
    double probabilityOfWait() const;

    int size() const { return count_; }
    const std::array<double, kMaxComponents>& rates() const { return rate_; }
    const std::array<double, kMaxComponents>& coefficients() const { return coef_; }

private:
    int count_ = 0;
    std::array<double, kMaxComponents> prob_{};
    std::array<double, kMaxComponents> rate_{};
    std::array<double, kMaxComponents> coef_{};
    double mean_ = 0; ///< Σ p/θ with the rates as given (before any spreading)
};

} // namespace strata::core
