// SPDX-License-Identifier: GPL-3.0-or-later
// The closed-form tail of a sum of "0 or exponential" waits.

#include "engine/waittail.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

#include <cmath>
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
};

QTEST_GUILESS_MAIN(tst_WaitTail)
#include "tst_waittail.moc"
