// SPDX-License-Identifier: GPL-3.0-or-later
// The closed-form tail of a sum of "0 or exponential" waits.

#include "engine/waittail.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace strata::core;

namespace {
/// P(W > x) by numerical convolution of the densities on a fine grid (independent of the closed form).
double convolvedTail(const std::vector<std::pair<double, double>>& comps, double x, double h, double top)
{
    const size_t n = static_cast<size_t>(top / h) + 1;
    // Distribution as an atom at 0 plus a density on the grid.
    double atom = 1.0;
    std::vector<double> dens(n, 0.0);
    for (auto [p, theta] : comps) {
        std::vector<double> f(n);
        for (size_t i = 0; i < n; ++i)
            f[i] = p * theta * std::exp(-theta * i * h);
        std::vector<double> next(n, 0.0);
        for (size_t i = 0; i < n; ++i) {
            next[i] = atom * f[i] + (1 - p) * dens[i];
            double conv = 0;
            for (size_t j = 0; j <= i; ++j) {
                double w = (j == 0 || j == i) ? 0.5 : 1.0; // trapezoid
                conv += w * dens[j] * f[i - j];
            }
            next[i] += conv * h;
        }
        atom *= 1 - p;
        dens = next;
    }
    // P(W > x) = ∫_x^top density (the rest beyond top is negligible for the chosen top).
    size_t start = static_cast<size_t>(x / h);
    double s = 0;
    for (size_t i = start; i + 1 < n; ++i)
        s += 0.5 * (dens[i] + dens[i + 1]) * h;
    return s;
}
} // namespace

class tst_WaitTail : public QObject {
    Q_OBJECT
private slots:
    void singleComponent()
    {
        WaitTail t;
        t.add(0.24, 0.475);
        t.finalize();
        QCOMPARE(t.tail(-1.0), 1.0);
        STRATA_COMPARE_REL(t.tail(0.0), 0.24, 1e-15);
        STRATA_COMPARE_REL(t.tail(2.0), 0.24 * std::exp(-0.95), 1e-14);
        STRATA_COMPARE_REL(t.mean(), 0.24 / 0.475, 1e-15);
        // p95 of this wait: 0.24 e^{-θ w} = 0.05 → w = ln(4.8)/θ; the tail there is 0.05.
        STRATA_COMPARE_REL(t.tail(std::log(4.8) / 0.475), 0.05, 1e-12);
    }

    void twoComponentsAgainstConvolution_data()
    {
        QTest::addColumn<double>("p1");
        QTest::addColumn<double>("theta1");
        QTest::addColumn<double>("p2");
        QTest::addColumn<double>("theta2");
        QTest::newRow("queue and link") << 0.3 << 2.0 << 0.6 << 5.0;
        QTest::newRow("certain waits") << 1.0 << 1.0 << 1.0 << 3.0;
        QTest::newRow("equal rates") << 0.5 << 2.0 << 0.5 << 2.0;
    }
    void twoComponentsAgainstConvolution()
    {
        QFETCH(double, p1);
        QFETCH(double, theta1);
        QFETCH(double, p2);
        QFETCH(double, theta2);
        WaitTail t;
        t.add(p1, theta1);
        t.add(p2, theta2);
        t.finalize();
        STRATA_COMPARE_REL(t.tail(0.0), 1 - (1 - p1) * (1 - p2), 1e-9);
        for (double x : {0.1, 0.5, 1.0, 2.5}) {
            double numeric = convolvedTail({{p1, theta1}, {p2, theta2}}, x, 1e-3, 30.0);
            STRATA_COMPARE_REL(t.tail(x), numeric, 2e-3);
        }
        STRATA_COMPARE_REL(t.mean(), p1 / theta1 + p2 / theta2, 1e-12);
    }

    void nearEqualRatesMatchErlang()
    {
        // Two certain waits with the same rate: Erlang-2 tail e^{-θx}(1 + θx).
        WaitTail t;
        t.add(1.0, 3.0);
        t.add(1.0, 3.0);
        t.finalize();
        for (double x : {0.0, 0.2, 1.0, 3.0})
            STRATA_COMPARE_REL(t.tail(x), std::exp(-3 * x) * (1 + 3 * x), 1e-7);
        // Three equal: Erlang-3 tail e^{-θx}(1 + θx + (θx)²/2).
        WaitTail u;
        for (int i = 0; i < 3; ++i)
            u.add(1.0, 2.0);
        u.finalize();
        for (double x : {0.1, 1.0, 2.0})
            STRATA_COMPARE_REL(u.tail(x), std::exp(-2 * x) * (1 + 2 * x + 2 * x * x), 1e-5);
        STRATA_COMPARE_REL(u.mean(), 1.5, 1e-15);
    }

    void ignoresEmptyComponents()
    {
        WaitTail t;
        t.add(0.0, 1.0);
        t.add(0.5, 0.0);
        t.finalize();
        QCOMPARE(t.size(), 0);
        QCOMPARE(t.tail(0.0), 0.0);
        QCOMPARE(t.mean(), 0.0);
    }

    // ---------------------------------------------------------- LatencyMixture (the p95 solver)

    void mixtureOfFixedTimesIsAStepFunction()
    {
        // 90 % of requests take 1 s, 10 % take 2 s and nothing waits: P(T > t) is 0.1 on [1, 2).
        WaitTail none;
        none.finalize();
        LatencyMixture m;
        m.add(0.9, 1.0, none);
        m.add(0.1, 2.0, none);
        QCOMPARE(m.exceedance(0.5), 1.0);
        STRATA_COMPARE_REL(m.exceedance(1.5), 0.1, 1e-15);
        QCOMPARE(m.exceedance(2.0), 0.0);
        STRATA_COMPARE_REL(m.mean(), 0.9 * 1.0 + 0.1 * 2.0, 1e-15);
        QCOMPARE(m.quantile(0.95), 2.0); // 10 % > 5 % take longer than any t < 2: the step at 2
        QCOMPARE(m.quantile(0.85), 1.0); // 10 % ≤ 15 %: the step at 1 already does
        QCOMPARE(LatencyMixture().quantile(0.95), 0.0);
    }

    void oneShareWithOneWaitHasAClosedForm()
    {
        // T = D + W, W = 0 w.p. 1 − p, Exp(θ) w.p. p: P(T > t) = p e^{−θ(t − D)} for t ≥ D, so the
        // q-quantile is D + ln(p / (1 − q)) / θ when p > 1 − q, else D.
        const double D = 0.120, p = 0.4, theta = 25.0;
        WaitTail w;
        w.add(p, theta);
        w.finalize();
        LatencyMixture m;
        m.add(1.0, D, w);
        STRATA_COMPARE_REL(m.quantile(0.95), D + std::log(p / 0.05) / theta, 1e-12);
        STRATA_COMPARE_REL(m.quantile(0.99), D + std::log(p / 0.01) / theta, 1e-12);
        QCOMPARE(m.quantile(0.5), D); // p = 0.4 ≤ 0.5: at least half never wait
        STRATA_COMPARE_REL(m.mean(), D + p / theta, 1e-15);
    }

    void quantileIsTheLeastTimeWithTheTargetTail()
    {
        // Generated mixtures of 1 to 80 shares (past 32 the tail is summed vectorized), each with
        // up to three waits: the quantile t satisfies P(T > t) ≤ 1 − q and is the least such t
        // (just below it the tail is above 1 − q); it rises with q; the mixture's tail is the
        // weighted sum of its shares' tails; the mean is Σ w (D + E[W]).
        std::mt19937 rng(20261205);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        int cases = 0;
        for (int trial = 0; trial < 400; ++trial) {
            const int shares = 1 + static_cast<int>(u(rng) * (trial % 2 ? 80 : 6));
            std::vector<double> weights(static_cast<size_t>(shares));
            double sum = 0;
            for (double& x : weights)
                sum += (x = 0.05 + u(rng));
            LatencyMixture m;
            std::vector<std::pair<double, WaitTail>> parts;
            double mean = 0;
            for (int i = 0; i < shares; ++i) {
                WaitTail w;
                const int waits = static_cast<int>(u(rng) * 4);
                for (int k = 0; k < waits; ++k)
                    w.add(u(rng), 1.0 / (1e-3 + 0.2 * u(rng)));
                w.finalize();
                // Some shares share a fixed time (equal steps), the rest spread over 1–300 ms.
                const double D = trial % 5 == 0 ? 0.05 : 0.001 + 0.3 * u(rng);
                const double wt = weights[static_cast<size_t>(i)] / sum;
                m.add(wt, D, w);
                parts.emplace_back(D, w);
                mean += wt * (D + w.mean());
            }
            STRATA_COMPARE_REL(m.mean(), mean, 1e-12);
            double previous = 0;
            for (double q : {0.5, 0.9, 0.95, 0.99}) {
                const double t = m.quantile(q);
                QVERIFY(std::isfinite(t) && t > 0);
                QVERIFY2(t >= previous, "the quantile falls as q rises");
                previous = t;
                double tail = 0;
                for (size_t i = 0; i < parts.size(); ++i)
                    tail += weights[i] / sum * parts[i].second.tail(t - parts[i].first);
                QVERIFY(std::fabs(tail - m.exceedance(t)) <= 1e-12);
                QVERIFY2(m.exceedance(t) <= (1 - q) + 1e-9, "tail above 1 − q at the quantile");
                QVERIFY2(m.exceedance(t * (1 - 1e-9)) > (1 - q) - 1e-9, "a smaller time already meets 1 − q");
                ++cases;
            }
        }
        QCOMPARE(cases, 1600);
    }
};

QTEST_GUILESS_MAIN(tst_WaitTail)
#include "tst_waittail.moc"
