// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity and throughput as properties (docs/model.md §4, §9): over every example and over
// generated topologies, the offered load of each inference service is swept from 10 % to 300 % of
// its largest capacity, and every step must keep the rules that make a load curve physical.
#include "service/evaluate.h"
#include "testutil.h"

#include "../bench/topologygenerator.h"
#include "model/scenariopath.h"
#include "model/scenario.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace strata::core;

namespace {

struct Checked {
    int steps = 0;
    int saturatedSteps = 0;
    int centralComparisons = 0;
};

/// The capacity of workload \a id under each strategy of \a ev.
std::map<Strategy, std::optional<double>> capacities(const Evaluation& ev, const std::string& id)
{
    std::map<Strategy, std::optional<double>> out;
    for (const StrategyResult& sr : ev.results)
        if (const InferenceResult* r = findResult(sr.inference, id))
            out[sr.strategy] = r->capacityRps;
    return out;
}

bool finiteNonNegative(double x) { return std::isfinite(x) && x >= 0; }

/// Sweeps every inference service of \a sc; returns what was checked. Fails the test on the first
/// broken rule, naming the scenario, service, strategy and load.
Checked sweepScenario(const Scenario& sc, const QString& name)
{
    Checked done;
    const Evaluation base = evaluate(sc);
    if (!base.ok()) {
        QTest::qFail(qPrintable(name + QStringLiteral(": does not evaluate")), __FILE__, __LINE__);
        return done;
    }
    for (const Workload& w : sc.workloads) {
        if (!w.inference() || offeredRps(sc, *w.inference()) <= 0)
            continue;
        const auto caps = capacities(base, w.id);
        double largest = 0;
        for (const auto& [s, c] : caps)
            largest = std::max(largest, c.value_or(0.0));
        if (largest <= 0)
            continue;
        // Distributed reaches at least what centralized does when the central site is one of its
        // candidates (a cloud site that can run the service, as the centralized placement shows).
        for (const StrategyResult& sr : base.results) {
            if (sr.strategy != Strategy::Centralized)
                continue;
            const InferenceResult* r = findResult(sr.inference, w.id);
            const Site* central = sc.findSite(sr.centralSite);
            if (!r || r->placement.empty() || !central || central->kind != SiteKind::Cloud || !caps.count(Strategy::Distributed))
                continue;
            const double cd = caps.at(Strategy::Distributed).value_or(0), cc = r->capacityRps.value_or(0);
            if (cd < cc * (1 - 1e-9))
                QTest::qFail(qPrintable(QStringLiteral("%1 / %2: distributed capacity %3 < centralized %4")
                                            .arg(name, QString::fromStdString(w.id)).arg(cd).arg(cc)),
                             __FILE__, __LINE__);
            ++done.centralComparisons;
        }
        std::map<Strategy, double> previous;
        const int steps = 14;
        for (int k = 0; k < steps; ++k) {
            const double offered = largest * (0.1 + 2.9 * k / (steps - 1));
            Scenario scaled = sc;
            double v = offered;
            const std::string err = setScenarioValue(scaled, "workloads." + w.id + ".offered_rps", v);
            if (!err.empty()) {
                QTest::qFail(err.c_str(), __FILE__, __LINE__);
                return done;
            }
            const Evaluation ev = evaluate(scaled);
            for (const StrategyResult& sr : ev.results) {
                const InferenceResult* r = findResult(sr.inference, w.id);
                if (!r)
                    continue;
                const QString where = QStringLiteral("%1 / %2 / %3 at %4 req/s offered: ")
                                          .arg(name, QString::fromStdString(w.id), QString::fromStdString(std::string(strategyName(sr.strategy))))
                                          .arg(offered, 0, 'g', 8);
                auto fail = [&](const QString& what) { QTest::qFail(qPrintable(where + what), __FILE__, __LINE__); };
                const double reachable = r->offeredRps - r->unservedRps;
                // Capacity does not depend on the load evaluated.
                const std::optional<double> c0 = caps.at(sr.strategy);
                if (c0.has_value() != r->capacityRps.has_value() ||
                    (c0 && !strata::test::fuzzyCompare(*r->capacityRps, *c0, 1e-6)))
                    return fail(QStringLiteral("capacity %1, at the design's load %2").arg(r->capacityRps.value_or(-1)).arg(c0.value_or(-1))), done;
                // Served never above the offered load, conserved with what is unserved and shed.
                if (r->throughputRps > reachable * (1 + 1e-9) + 1e-12)
                    return fail(QStringLiteral("throughput %1 > reachable offered %2").arg(r->throughputRps).arg(reachable)), done;
                if (!strata::test::fuzzyCompare(r->throughputRps + r->unservedRps + r->shedRps, r->offeredRps, 1e-9))
                    return fail(QStringLiteral("served + unserved + shed ≠ offered")), done;
                // At least the capacity once the load exceeds it.
                if (c0 && r->throughputRps < std::min(reachable, *c0) * (1 - 1e-6))
                    return fail(QStringLiteral("throughput %1 < min(offered, capacity %2)").arg(r->throughputRps).arg(*c0)), done;
                // Never falls as the load rises (to the capacity search's relative 1e-7: where a link
                // binds and the placement changes shape near the limit, rounding of the source rates
                // can end the search at another point within that tolerance).
                if (previous.count(sr.strategy) && r->throughputRps < previous[sr.strategy] * (1 - 1e-7))
                    return fail(QStringLiteral("throughput fell from %1 to %2").arg(previous[sr.strategy]).arg(r->throughputRps)), done;
                previous[sr.strategy] = r->throughputRps;
                // Saturated: no latency; otherwise a finite, non-negative one. Outputs of the load served.
                if (r->saturated) {
                    ++done.saturatedSteps;
                    if (r->latencyMeanSeconds || r->latencyP95Seconds)
                        return fail(QStringLiteral("a saturated service has a latency")), done;
                } else if (!r->latencyP95Seconds || !finiteNonNegative(*r->latencyP95Seconds) || !finiteNonNegative(*r->latencyMeanSeconds)) {
                    return fail(QStringLiteral("no finite latency although not saturated")), done;
                }
                if (c0 && reachable > *c0 * (1 + 1e-6) && !r->saturated)
                    return fail(QStringLiteral("offered beyond capacity but not saturated")), done;
                if (!finiteNonNegative(r->achievedFlops) || !finiteNonNegative(r->powerWatts))
                    return fail(QStringLiteral("FLOP/s or power not finite")), done;
                if (r->energyJoulesPerRequest && !finiteNonNegative(*r->energyJoulesPerRequest))
                    return fail(QStringLiteral("energy per request not finite")), done;
                double placed = 0;
                for (const PlacementShare& s : r->placement)
                    placed += s.rateRps;
                if (!strata::test::fuzzyCompare(placed, r->throughputRps, 1e-9, 1e-9))
                    return fail(QStringLiteral("placed %1 ≠ throughput %2").arg(placed).arg(r->throughputRps)), done;
                ++done.steps;
            }
        }
    }
    return done;
}

} // namespace

class tst_Capacity : public QObject {
    Q_OBJECT

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("file");
        QDir dir(QStringLiteral(STRATA_EXAMPLES));
        for (const QString& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void examples()
    {
        QFETCH(QString, file);
        ScenarioReadResult read = readScenarioJson(strata::test::readText(file));
        QVERIFY(read.ok());
        Checked c = sweepScenario(read.scenario, QFileInfo(file).fileName());
        if (QTest::currentTestFailed())
            return;
        // Examples without an inference service (training, federated) check nothing here.
        if (c.steps == 0)
            QVERIFY(!std::any_of(read.scenario.workloads.begin(), read.scenario.workloads.end(),
                                 [](const Workload& w) { return w.inference() != nullptr; }));
        else
            QVERIFY(c.saturatedSteps > 0); // the sweep reaches past saturation
    }

    void generated_data()
    {
        QTest::addColumn<int>("sites");
        QTest::addColumn<unsigned>("seed");
        for (int n : {12, 40, 90, 200})
            for (unsigned seed : {1u, 2u, 3u})
                QTest::newRow(qPrintable(QStringLiteral("%1 sites, seed %2").arg(n).arg(seed))) << n << seed;
    }

    void generated()
    {
        QFETCH(int, sites);
        QFETCH(unsigned, seed);
        Scenario sc = strata::bench::generateTopology(sites, seed);
        Checked c = sweepScenario(sc, QString::fromStdString(sc.name));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(c.steps > 0);
        QVERIFY(c.saturatedSteps > 0);
        QVERIFY(c.centralComparisons > 0);
    }
};

QTEST_GUILESS_MAIN(tst_Capacity)
#include "tst_capacity.moc"
