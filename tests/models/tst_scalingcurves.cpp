// SPDX-License-Identifier: GPL-3.0-or-later
// Scaling-curve presets (issue 6, part 3): what each sweeps, and the scaling laws the curves obey.

#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "models/scalingcurves.h"
#include "testutil.h"

#include <QTest>

using namespace strata;
using namespace strata::core;

namespace {
Scenario example(const char* file)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(file)));
}

size_t strategyIndex(const models::SweepOutcome& out, Strategy s)
{
    for (size_t i = 0; i < out.strategies.size(); ++i)
        if (out.strategies[i] == s)
            return i;
    qFatal("strategy missing");
}
} // namespace

class tst_ScalingCurves : public QObject {
    Q_OBJECT
private slots:
    void offeredLoadRunsEveryStrategyPastSaturation_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"dcc-paper-comparison.json", "fraud-scoring.json", "av-perception-edge-vs-cloud.json",
                              "retail-recommendations.json", "llm-assistant-regions.json", "hybrid-burst.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void offeredLoadRunsEveryStrategyPastSaturation()
    {
        QFETCH(QString, file);
        const Scenario sc = example(file.toLatin1().constData());
        const models::ScalingPlan plan = models::planScaling(sc, models::ScalingCurve::OfferedLoad);
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        const std::string id = sc.workloads[0].id;
        QCOMPARE(plan.request.workload.toStdString(), id);
        QCOMPARE(plan.request.path.toStdString(), "workloads." + id + ".offered_rps");
        // To 1.25 × the largest capacity of any strategy, doubled while some strategy still keeps
        // up there (placements spill under load), in 50 steps starting at 1/50 of that.
        double most = 0;
        for (const StrategyResult& r : evaluate(sc, builtinCatalog()).results)
            most = std::max(most, r.inference[0].capacityRps.value_or(0));
        QVERIFY(most > 0);
        const double doublings = std::log2(plan.request.to / (1.25 * most));
        QVERIFY(doublings > -1e-9);
        STRATA_COMPARE_REL(doublings + 1, std::round(doublings) + 1, 1e-9);
        STRATA_COMPARE_REL(plan.request.from, plan.request.to / 50, 1e-12);
        QCOMPARE(plan.request.steps, 50);

        const models::SweepOutcome out = models::SweepService::run(plan.request);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.points.size(), size_t(50));
        for (size_t s = 0; s < out.strategies.size(); ++s) {
            // Light load: everything offered is served. Past every capacity: saturated, no p95.
            const models::SweepPoint& first = out.points.front();
            STRATA_COMPARE_REL(*first.throughputRps[s], first.value, 1e-9);
            QVERIFY(first.p95Ms[s].has_value());
            QVERIFY(out.points.back().saturated[s]);
            QVERIFY(!out.points.back().p95Ms[s].has_value());
            // Served never exceeds offered. Under centralized, with one placement at every load, p95
            // never falls as the load grows (M/G/c waits grow with ρ); distributed and hybrid
            // re-place shares as sites fill, and a mixture's p95 can step down when a spill moves.
            for (size_t i = 1; i < out.points.size(); ++i) {
                QVERIFY(*out.points[i].throughputRps[s] <= out.points[i].value * (1 + 1e-12));
                // Served never falls as the offered load rises (issue 12), and past the capacity
                // it stays at the capacity (admission control).
                QVERIFY(*out.points[i].throughputRps[s] >= *out.points[i - 1].throughputRps[s] * (1 - 1e-7));
                if (out.strategies[s] == Strategy::Centralized && out.points[i].p95Ms[s] && out.points[i - 1].p95Ms[s])
                    QVERIFY(*out.points[i].p95Ms[s] >= *out.points[i - 1].p95Ms[s] * (1 - 1e-12));
            }
        }
    }

    void acceleratorsFollowOneOverN()
    {
        // llm-pretraining-regions: H100 pools of 512 (us-east), 256, 256. The sweep sets each
        // training site's pool to N = 1, 2, 4, … 2048 (the first power of two ≥ 4 × 512).
        const Scenario sc = example("llm-pretraining-regions.json");
        const models::ScalingPlan plan = models::planScaling(sc, models::ScalingCurve::Accelerators);
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        QCOMPARE(plan.request.from, 1.0);
        QCOMPARE(plan.request.to, 2048.0);
        QCOMPARE(plan.request.steps, 12);
        QVERIFY(plan.request.logarithmic);
        const models::SweepOutcome out = models::SweepService::run(plan.request);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.points.size(), size_t(12));
        // Centralized trains on one site: compute time = work / (N · peak · mfu), so compute × N is
        // the same at every N, equal to the design's 512 × its compute time now.
        const Evaluation now = evaluate(sc, builtinCatalog());
        const size_t c = strategyIndex(out, Strategy::Centralized);
        const double work = now.results[c].training[0].breakdown.computeSeconds * 512;
        int feasible = 0;
        for (const models::SweepPoint& p : out.points) {
            QCOMPARE(p.value, std::exp2(std::round(std::log2(p.value)))); // whole powers of two
            if (!p.timeDays[c])
                continue; // the model does not fit on so few accelerators
            ++feasible;
            const double compute = *p.efficiency[c] * *p.timeDays[c] * 86400;
            STRATA_COMPARE_REL(compute * p.value, work, 1e-9);
        }
        QVERIFY(feasible >= 8);
    }

    void sitesAddTheLargestFirst()
    {
        // Cloud sites by FLOP/s: us-east (512 H100), then us-central and us-west (256 each, by id).
        const Scenario sc = example("llm-pretraining-regions.json");
        const models::ScalingPlan plan = models::planScaling(sc, models::ScalingCurve::Sites);
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        QCOMPARE(plan.request.from, 1.0);
        QCOMPARE(plan.request.to, 3.0);
        QCOMPARE(plan.request.steps, 3);
        QVERIFY(plan.what.contains(QStringLiteral("us-east, us-central, us-west")));
        const models::SweepOutcome out = models::SweepService::run(plan.request);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.points.size(), size_t(3));
        const size_t d = strategyIndex(out, Strategy::Distributed);
        const Evaluation now = evaluate(sc, builtinCatalog());
        const double centralCompute = now.results[strategyIndex(out, Strategy::Centralized)].training[0].breakdown.computeSeconds;
        auto computeAt = [&](size_t i) { return *out.points[i].efficiency[d] * *out.points[i].timeDays[d] * 86400; };
        // k = 1: us-east alone, the same compute as centralized; k = 2: 512 + 256 accelerators,
        // so 512/768 of it; k = 3: the design as it is.
        STRATA_COMPARE_REL(computeAt(0), centralCompute, 1e-9);
        STRATA_COMPARE_REL(computeAt(1), centralCompute * 512.0 / 768.0, 1e-9);
        STRATA_COMPARE_REL(*out.points[2].timeDays[d] * 86400, *now.results[d].training[0].timeSeconds, 1e-12);
        // One site has no all-reduce: all of its time that is not transfer is compute.
        QVERIFY(*out.points[0].efficiency[d] > *out.points[2].efficiency[d]);
    }

    void refusedWithAReason()
    {
        // No training job in an inference-only design; no inference service in a training design.
        const auto training = models::planScaling(example("dcc-paper-comparison.json"), models::ScalingCurve::Sites);
        const bool hasTraining = [&] {
            for (const Workload& w : example("dcc-paper-comparison.json").workloads)
                if (w.type() == WorkloadType::Training)
                    return true;
            return false;
        }();
        QCOMPARE(training.error.isEmpty(), hasTraining);
        const auto inference = models::planScaling(example("llm-pretraining-regions.json"), models::ScalingCurve::OfferedLoad);
        QVERIFY(inference.error.contains(QStringLiteral("inference service")));
        // Naming a workload of the wrong kind says which kinds the curves take.
        const auto wrong = models::planScaling(example("llm-pretraining-regions.json"), models::ScalingCurve::OfferedLoad,
                                               QStringLiteral("pretrain"));
        QVERIFY2(wrong.error.contains(QStringLiteral("offered load is for inference services")), qPrintable(wrong.error));
        // One cloud site cannot show a curve against sites.
        Scenario one = example("llm-pretraining-regions.json");
        one.sites[1].pools.clear();
        one.sites[2].pools.clear();
        const auto single = models::planScaling(one, models::ScalingCurve::Sites);
        QVERIFY2(single.error.contains(QStringLiteral("two or more cloud sites")), qPrintable(single.error));
    }
};

QTEST_GUILESS_MAIN(tst_ScalingCurves)
#include "tst_scalingcurves.moc"
