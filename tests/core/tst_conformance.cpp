// SPDX-License-Identifier: GPL-3.0-or-later
// The conformance vectors of the design (tests/data/conformance, copied from shared/conformance):
// every value of expected.json for c1–c3 to a relative 1e-6.

#include "service/evaluate.h"
#include "testutil.h"

#include <nlohmann/json.hpp>

#include <QObject>
#include <QTest>

#include <map>

using namespace strata::core;

class tst_Conformance : public QObject {
    Q_OBJECT
private slots:
    void vector_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("strategy");
        for (const char* name : {"c1-series-links", "c2-three-strategies", "c3-llm-tensor-parallel"})
            for (const char* s : {"centralized", "distributed", "hybrid"})
                QTest::newRow((std::string(name) + " " + s).c_str()) << QString(name) << QString(s);
    }

    void vector()
    {
        QFETCH(QString, name);
        QFETCH(QString, strategy);
        const QString dir = QStringLiteral(STRATA_TEST_DATA "/conformance/");
        nlohmann::json expected = nlohmann::json::parse(strata::test::readText(dir + "expected.json"));
        ScenarioReadResult read = readScenarioJson(strata::test::readText(dir + name + ".json"));
        QVERIFY(read.ok());
        Evaluation ev = evaluate(read.scenario);
        QVERIFY(ev.ok());
        const StrategyResult* sr = nullptr;
        for (const StrategyResult& r : ev.results)
            if (strategyName(r.strategy) == strategy.toStdString())
                sr = &r;
        QVERIFY(sr);
        for (const auto& w : expected[name.toStdString()][strategy.toStdString()]) {
            const InferenceResult* r = nullptr;
            for (const InferenceResult& x : sr->inference)
                if (x.workload == w["id"].get<std::string>())
                    r = &x;
            QVERIFY(r);
            QCOMPARE(r->saturated, w["saturated"].get<bool>());
            auto check = [&](const char* key, double actual) {
                double e = w[key].get<double>();
                // Known discrepancy (docs/model.md): MODEL.md §7 gives Σ count·peak over the pools the
                // strategy uses = 6 × 60 TFLOP/s (edge-a) + 2 × 400 TFLOP/s (plant) = 1.16 PFLOP/s;
                // expected.json says 0.48 (the NPU's peak applied to the plant's GPUs too).
                if (name == "c2-three-strategies" && strategy == "hybrid" && std::string(key) == "installed_pflops")
                    e = (6 * 60e12 + 2 * 400e12) / 1e15;
                // Capacity is no longer that of the fixed placement (docs/model.md §9, issue 12): it
                // re-places at the higher load. In c2, distributed and hybrid can reach 36 GPUs (and the
                // edge and plant pools), far more than the demand's links carry, so the 10 Gbit/s radio
                // link ran-a binds: fleet-a sends 1.2 Mbit requests at 600 of the 900 req/s, so the scale
                // is (10e9 / 1.2e6) / 600 and the capacity 900 × 8333.3 / 600 = 12 500 req/s.
                // Centralized, c1 and c3 keep their vector values (one candidate, same rule).
                if (name == "c2-three-strategies" && strategy != "centralized" && std::string(key) == "capacity_rps") {
                    e = 900.0 * (10e9 / (150000 * 8.0)) / 600.0;
                    QCOMPARE(r->bottleneck.key(), std::string("link:ran-a"));
                }
                if (!strata::test::fuzzyCompare(actual, e, 1e-6))
                    QFAIL(qPrintable(QStringLiteral("%1: %2, expected %3").arg(key).arg(actual, 0, 'g', 15).arg(e, 0, 'g', 15)));
            };
            check("capacity_rps", r->capacityRps.value_or(-1));
            check("achieved_pflops", r->achievedFlops / 1e15);
            check("installed_pflops", r->installedFlops / 1e15);
            check("power_kw", r->powerWatts / 1e3);
            check("energy_j_per_request", r->energyJoulesPerRequest.value_or(-1));
            check("latency_mean_ms", r->latencyMeanSeconds.value_or(-1) * 1e3);
            check("latency_p95_ms", r->latencyP95Seconds.value_or(-1) * 1e3);
            std::map<std::string, double> placed;
            double total = 0;
            for (const PlacementShare& s : r->placement) {
                placed[s.site] += s.rateRps;
                total += s.rateRps;
            }
            QCOMPARE(placed.size(), w["placement"].size());
            for (const auto& [site, share] : w["placement"].items()) {
                double actual = placed[site] / total;
                if (!strata::test::fuzzyCompare(actual, share.get<double>(), 1e-6))
                    QFAIL(qPrintable(QStringLiteral("placement at %1: %2").arg(QString::fromStdString(site)).arg(actual)));
            }
        }
    }

    void trainingVector_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::newRow("c4 centralized") << QStringLiteral("centralized");
        QTest::newRow("c4 distributed") << QStringLiteral("distributed");
    }

    void trainingVector()
    {
        QFETCH(QString, strategy);
        const QString dir = QStringLiteral(STRATA_TEST_DATA "/conformance/");
        nlohmann::json expected = nlohmann::json::parse(strata::test::readText(dir + "expected.json"));
        ScenarioReadResult read = readScenarioJson(strata::test::readText(dir + "c4-training-regions.json"));
        QVERIFY(read.ok());
        Evaluation ev = evaluate(read.scenario);
        QVERIFY(ev.ok());
        QCOMPARE(ev.results.size(), size_t(2)); // the file's strategies block lists two
        const StrategyResult* sr = nullptr;
        for (const StrategyResult& r : ev.results)
            if (strategyName(r.strategy) == strategy.toStdString())
                sr = &r;
        QVERIFY(sr);
        const auto& w = expected["c4-training-regions"][strategy.toStdString()][0];
        const TrainingResult& r = sr->training.at(0);
        QCOMPARE(r.workload, w["id"].get<std::string>());
        auto check = [&](const char* key, double actual) {
            double e = w[key].get<double>();
            if (!strata::test::fuzzyCompare(actual, e, 1e-6))
                QFAIL(qPrintable(QStringLiteral("%1: %2, expected %3").arg(key).arg(actual, 0, 'g', 15).arg(e, 0, 'g', 15)));
        };
        check("steps", r.steps);
        check("time_days", r.timeSeconds.value_or(-1) / 86400.0);
        check("energy_mwh", r.energyJoules / 3.6e9);
        check("carbon_t", r.carbonGrams / 1e6);
        check("cost_usd", r.costUsd.value_or(-1));
        check("scaling_efficiency", r.scalingEfficiency.value_or(-1));
        if (w["data_moved_gb"].get<double>() == 0)
            QCOMPARE(r.dataMovedBytes, 0.0);
        else
            check("data_moved_gb", r.dataMovedBytes / 1e9);
    }
};

QTEST_GUILESS_MAIN(tst_Conformance)
#include "tst_conformance.moc"
