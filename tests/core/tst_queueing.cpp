// SPDX-License-Identifier: GPL-3.0-or-later
// Erlang B/C and the Allen–Cunneen wait against closed forms derived by hand.

#include "engine/queueing.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

#include <cmath>

using namespace strata::core;

namespace {
/// Erlang C from its definition, in log space (independent of the recursion under test):
/// C = T / (Σ_{k<n} a^k/k! + T) with T = a^n/n! · n/(n − a).
double erlangCReference(long long n, double a)
{
    const double nn = static_cast<double>(n);
    const double logT = nn * std::log(a) - std::lgamma(nn + 1) + std::log(nn / (nn - a));
    double maxLog = logT;
    for (long long k = 0; k < n; ++k)
        maxLog = std::max(maxLog, k * std::log(a) - std::lgamma(k + 1.0));
    long double sum = 0;
    for (long long k = 0; k < n; ++k)
        sum += std::exp(static_cast<long double>(k * std::log(a) - std::lgamma(k + 1.0) - maxLog));
    long double t = std::exp(static_cast<long double>(logT - maxLog));
    return static_cast<double>(t / (sum + t));
}
} // namespace

class tst_Queueing : public QObject {
    Q_OBJECT
private slots:
    void erlangC_data()
    {
        QTest::addColumn<qlonglong>("n");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("expected");
        // 27/53: by hand from the definition, (81/24·4) / (1 + 3 + 9/2 + 27/6 + 13.5); textbook 0.5094.
        QTest::newRow("c = 4, a = 3 (textbook 0.5094)") << 4LL << 3.0 << 27.0 / 53.0;
        // M/M/1: C = ρ.
        QTest::newRow("M/M/1, rho 0.7") << 1LL << 0.7 << 0.7;
        // c = 2, a = 1: T = 1/2·2 = 1, Σ = 1 + 1 = 2 → C = 1/3.
        QTest::newRow("c = 2, a = 1") << 2LL << 1.0 << 1.0 / 3.0;
        QTest::newRow("c = 50, a = 40") << 50LL << 40.0 << erlangCReference(50, 40.0);
        QTest::newRow("c = 10000, a = 9800") << 10000LL << 9800.0 << erlangCReference(10000, 9800.0);
        QTest::newRow("c = 10000, a = 9990") << 10000LL << 9990.0 << erlangCReference(10000, 9990.0);
    }
    void erlangC()
    {
        QFETCH(qlonglong, n);
        QFETCH(double, a);
        QFETCH(double, expected);
        STRATA_COMPARE_REL(strata::core::erlangC(n, a), expected, 1e-9);
    }

    void largeSystemsStayFinite()
    {
        // Far below saturation the probability of waiting underflows to 0, never NaN.
        double c = strata::core::erlangC(1000000, 500000.0);
        QVERIFY(std::isfinite(c));
        QVERIFY(c >= 0 && c < 1e-100);
        QCOMPARE(erlangB(0, 3.0), 1.0);
        QCOMPARE(strata::core::erlangC(4, 4.0), 1.0); // unstable
        QCOMPARE(strata::core::erlangC(4, 0.0), 0.0);
    }

    void meanWait_data()
    {
        QTest::addColumn<qlonglong>("n");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("service");
        QTest::addColumn<double>("cv2");
        QTest::addColumn<double>("expected");
        // M/M/1: Wq = ρ S / (1 − ρ) = 0.5 · 1 / 0.5 = 1 s.
        QTest::newRow("M/M/1 rho 0.5") << 1LL << 0.5 << 1.0 << 1.0 << 1.0;
        // M/D/1 (Pollaczek–Khinchine): Wq = ρ S / (2 (1 − ρ)) = 0.8 · 2 / 0.4 = 4 s.
        QTest::newRow("M/D/1 rho 0.8") << 1LL << 0.4 << 2.0 << 0.0 << 4.0;
        // M/M/4, a = 3: Wq = C S / (n − a) = 27/53 · 1 / 1.
        QTest::newRow("M/M/4 a 3") << 4LL << 3.0 << 1.0 << 1.0 << 27.0 / 53.0;
        // M/G/4 with cv² = 0.25: scaled by (1 + 0.25)/2.
        QTest::newRow("M/G/4 cv2 0.25") << 4LL << 3.0 << 1.0 << 0.25 << 27.0 / 53.0 * 0.625;
    }
    void meanWait()
    {
        QFETCH(qlonglong, n);
        QFETCH(double, lambda);
        QFETCH(double, service);
        QFETCH(double, cv2);
        QFETCH(double, expected);
        QueueWait w = allenCunneenWait(n, lambda, service, cv2);
        QVERIFY(!w.saturated);
        STRATA_COMPARE_REL(w.meanSeconds, expected, 1e-12);
        // The wait is "0 or exponential": its mean is C / θ.
        STRATA_COMPARE_REL(w.probabilityOfWait / w.rate, expected, 1e-12);
    }

    void saturation()
    {
        QueueWait w = allenCunneenWait(2, 4.0, 0.5, 0.0); // a = 2 = n
        QVERIFY(w.saturated);
        QCOMPARE(w.meanSeconds, 0.0); // no number is reported for it; the caller reports saturation
    }
};

QTEST_GUILESS_MAIN(tst_Queueing)
#include "tst_queueing.moc"
