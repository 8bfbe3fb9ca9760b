// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace strata::core {

/**
 * Erlang B blocking probability for \a n servers and offered load \a a (erlangs), by the
 * recursion B₀ = 1, B_k = a·B_{k−1} / (k + a·B_{k−1}). Every term is positive, so the recursion
 * is stable for any n. B only falls for k > a, so once it is below 1e-30 the result is 0: waits
 * that rare (and the times they add) are below anything an output shows.
 * \returns B_n in [0, 1]; 1 for n = 0.
 */
double erlangB(long long n, double a);

/**
 * Erlang C: probability that an arrival waits in an M/M/n queue,
 * \f$ C = n B_n / (n - a (1 - B_n)) \f$. \returns 1 when a >= n (the queue is unstable).
 */
double erlangC(long long n, double a);

/**
 * Waiting time of an M/G/n queue by the Allen–Cunneen approximation (MODEL.md §6). The wait is
 * 0 with probability 1 − C and exponential with rate θ with probability C, where
 * \f$ \theta = (n - a)/S \cdot 2/(1 + cv^2) \f$; its mean is \f$ W_q = C/\theta \f$.
 */
struct QueueWait {
    double probabilityOfWait = 0; ///< C
    double rate = 0;              ///< θ, 1/s (0 when nobody waits)
    double meanSeconds = 0;       ///< W_q
    bool saturated = false;       ///< a >= n: no steady state
};

/// \a n servers, arrival rate \a lambda (1/s), mean service time \a serviceSeconds, squared
/// coefficient of variation \a cv2 of the service time.
QueueWait allenCunneenWait(long long n, double lambda, double serviceSeconds, double cv2);

} // namespace strata::core
