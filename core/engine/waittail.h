// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <vector>

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

/**
 * The latency of a request of a service whose requests are split into shares (MODEL.md §4): a
 * request falls in share i with probability w_i and then takes a fixed time D_i (path, transfer,
 * service) plus a random wait W_i (a WaitTail). Its tail is the mixture
 *     P(T > t) = Σ_i w_i · (1 if t < D_i, else P(W_i > t − D_i)),
 * which falls in a step at each D_i and smoothly in between, and its mean Σ_i w_i (D_i + E[W_i]).
 */
class LatencyMixture {
public:
    void reserve(std::size_t shares);
    /// Adds share i; \a weight is its probability (the weights should sum to 1).
    void add(double weight, double fixedSeconds, const WaitTail& wait);

    std::size_t size() const { return fixed_.size(); }
    /// E[T], seconds.
    double mean() const;
    /// P(T > t).
    double exceedance(double t) const;
    /// The q-quantile, the least t with P(T > t) ≤ 1 − q, for 0 < q < 1: found by binary search
    /// over the steps for the interval that holds it, then by false position (Illinois) inside it,
    /// to a relative 1e-13. 0 for an empty mixture.
    double quantile(double q) const;

private:
    std::vector<double> weight_, fixed_, meanWait_;
    std::vector<double> coef_, rate_; ///< kMaxComponents per share; coef_ not yet scaled by weight
};

} // namespace strata::core
