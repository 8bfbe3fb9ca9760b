// SPDX-License-Identifier: GPL-3.0-or-later
#include "waittail.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <numeric>

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

void LatencyMixture::reserve(std::size_t shares)
{
    weight_.reserve(shares);
    fixed_.reserve(shares);
    meanWait_.reserve(shares);
    coef_.reserve(shares * WaitTail::kMaxComponents);
    rate_.reserve(shares * WaitTail::kMaxComponents);
}

void LatencyMixture::add(double weight, double fixedSeconds, const WaitTail& wait)
{
    weight_.push_back(weight);
    fixed_.push_back(fixedSeconds);
    meanWait_.push_back(wait.mean());
    for (int j = 0; j < WaitTail::kMaxComponents; ++j) {
        const bool used = j < wait.size();
        coef_.push_back(used ? wait.coefficients()[j] : 0.0);
        rate_.push_back(used ? wait.rates()[j] : 0.0);
    }
}

double LatencyMixture::mean() const
{
    const auto n = static_cast<Eigen::Index>(fixed_.size());
    Eigen::Map<const Eigen::ArrayXd> w(weight_.data(), n), d(fixed_.data(), n), wait(meanWait_.data(), n);
    return (w * (d + wait)).sum();
}

double LatencyMixture::exceedance(double t) const
{
    double s = 0;
    for (std::size_t i = 0; i < fixed_.size(); ++i) {
        if (t < fixed_[i]) {
            s += weight_[i];
            continue;
        }
        for (int j = 0; j < WaitTail::kMaxComponents; ++j) {
            const std::size_t k = i * WaitTail::kMaxComponents + static_cast<std::size_t>(j);
            if (coef_[k] != 0)
                s += weight_[i] * coef_[k] * std::exp(-rate_[k] * (t - fixed_[i]));
        }
    }
    return s;
}

double LatencyMixture::quantile(double q) const
{
    const auto m = static_cast<Eigen::Index>(fixed_.size());
    if (m == 0)
        return 0;
    constexpr int kCols = WaitTail::kMaxComponents;
    const double target = 1.0 - q;
    // Shares sorted by D: at time t the first n (D ≤ t) contribute their wait tails, the rest
    // (D > t, still in their fixed part) contribute their whole weight.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return fixed_[a] < fixed_[b]; });
    Eigen::ArrayXd sd(m), sw(m), suffix(m + 1);
    Eigen::ArrayXXd sk(m, kCols), sr(m, kCols);
    for (Eigen::Index i = 0; i < m; ++i) {
        const auto o = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
        sd(i) = fixed_[o];
        sw(i) = weight_[o];
        for (int j = 0; j < kCols; ++j) {
            sk(i, j) = coef_[o * kCols + static_cast<std::size_t>(j)] * weight_[o];
            sr(i, j) = rate_[o * kCols + static_cast<std::size_t>(j)];
        }
    }
    suffix(m) = 0;
    for (Eigen::Index i = m - 1; i >= 0; --i)
        suffix(i) = suffix(i + 1) + sw(i);
    auto exceed = [&](double t) {
        const Eigen::Index n = std::upper_bound(sd.data(), sd.data() + m, t) - sd.data();
        double s = suffix(n);
        if (n > 32) { // vectorized
            Eigen::ArrayXd x = t - sd.head(n);
            for (Eigen::Index j = 0; j < sk.cols(); ++j)
                s += (sk.col(j).head(n) * (-sr.col(j).head(n) * x).exp()).sum();
        } else { // a few shares: a plain loop costs less than setting up the expressions
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index j = 0; j < sk.cols(); ++j)
                    if (sk(i, j) != 0)
                        s += sk(i, j) * std::exp(-sr(i, j) * (t - sd(i)));
        }
        return s;
    };
    // Find the interval between consecutive D's that holds the quantile by binary search over the
    // sorted D's, then solve inside it (or stop at the step itself).
    std::vector<double> ds(sd.data(), sd.data() + m);
    ds.erase(std::unique(ds.begin(), ds.end()), ds.end());
    // flo and fhi hold exceed − target at ds[left] and ds[right] as the search moves them.
    double flo = exceed(ds.front()) - target;
    if (flo <= 0)
        return ds.front();
    double fhi = 0;
    std::size_t left = 0, right = ds.size(); // exceed(ds[left]) > target; right: first with <= target
    while (right - left > 1) {
        std::size_t mid = (left + right) / 2;
        double f = exceed(ds[mid]) - target;
        (f > 0 ? left : right) = mid;
        (f > 0 ? flo : fhi) = f;
    }
    double lo = ds[left];
    double hi;
    if (right < ds.size()) {
        hi = ds[right];
        double justBefore = hi - 1e-13 * std::max(1.0, hi);
        if (justBefore > lo && exceed(justBefore) > target)
            return hi; // the quantile is the step at this D
    } else {
        // Beyond the last step: grow the upper end until the tail falls below the target.
        double span = 0;
        for (std::size_t k = 0; k < coef_.size(); ++k)
            if (coef_[k] != 0)
                span = std::max(span, 1.0 / rate_[k]);
        double step = std::max(span, 1e-9);
        hi = lo + step;
        for (int guard = 0; (fhi = exceed(hi) - target) > 0 && guard < 200; ++guard) {
            lo = hi;
            flo = fhi;
            step *= 2;
            hi += step;
        }
    }
    // Illinois false position on the bracket [lo, hi], with bisection steps when it stalls
    // (the tail drops in steps at each share's D, where false position is slow).
    int side = 0;
    for (int it = 0; it < 200 && hi - lo > 1e-13 * hi; ++it) {
        double t = (it % 4 == 3 || fhi == flo) ? 0.5 * (lo + hi) : hi - fhi * (hi - lo) / (fhi - flo);
        if (!(t > lo && t < hi))
            t = 0.5 * (lo + hi);
        double ft = exceed(t) - target;
        if (ft > 0) {
            lo = t;
            flo = ft;
            if (side == -1)
                fhi *= 0.5;
            side = -1;
        } else {
            hi = t;
            fhi = ft;
            if (side == 1)
                flo *= 0.5;
            side = 1;
        }
    }
    return hi;
}

} // namespace strata::core
