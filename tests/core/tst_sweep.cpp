// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter sweeps: paths, values, and rows equal to separate evaluations.

#include "engine/sweep.h"
#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "model/scenariopath.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

using namespace strata::core;

namespace {
Scenario example(const char* name)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + name));
}

SweepOptions options(std::string path, double from, double to, int steps, int threads = 1)
{
    SweepOptions o;
    o.path = std::move(path);
    o.from = from;
    o.to = to;
    o.steps = steps;
    o.threads = threads;
    return o;
}
} // namespace

class tst_Sweep : public QObject {
    Q_OBJECT
private slots:
    void values()
    {
        QCOMPARE(sweepValues(0, 10, 6, false), (std::vector<double>{0, 2, 4, 6, 8, 10}));
        std::vector<double> g = sweepValues(1, 1000, 4, true);
        QCOMPARE(g.size(), size_t(4));
        STRATA_COMPARE_REL(g[1], 10.0, 1e-12);
        STRATA_COMPARE_REL(g[2], 100.0, 1e-12);
        QCOMPARE(g[3], 1000.0);
        QCOMPARE(sweepValues(5, 9, 1, false), (std::vector<double>{5}));
    }

    void pathsResolve_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("set");
        QTest::newRow("link bandwidth") << "links.wan-phx-usw.bandwidth_gbps" << 7.5 << 7.5;
        QTest::newRow("pool count rounds") << "sites.mec-phx.pools.0.count" << 3.6 << 4.0;
        QTest::newRow("source rate") << "workloads.perception.sources.0.rate_per_device" << 2.0 << 2.0;
        QTest::newRow("max batch rounds") << "workloads.perception.max_batch" << 7.4 << 7.0;
        QTest::newRow("site pue") << "sites.mec-phx.pue" << 1.3 << 1.3;
        QTest::newRow("rho target") << "strategies.hybrid.rho_target" << 0.6 << 0.6;
        QTest::newRow("model params") << "models.yolov8m.params" << 3e7 << 3e7;
    }
    void pathsResolve()
    {
        QFETCH(QString, path);
        QFETCH(double, value);
        QFETCH(double, set);
        Scenario sc = example("av-perception-edge-vs-cloud.json");
        double v = value;
        QCOMPARE(setScenarioValue(sc, path.toStdString(), v), std::string());
        QCOMPARE(v, set);
        QVERIFY(!(sc == example("av-perception-edge-vs-cloud.json")));
    }

    void badPathsNameWhatIsWrong_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown list") << "nodes.a.b" << "a path starts with";
        QTest::newRow("unknown link") << "links.nope.bandwidth_gbps" << "no link \"nope\"";
        QTest::newRow("unknown field") << "links.ran-phx.bandwith_gbps" << "no numeric field \"bandwith_gbps\"";
        QTest::newRow("pool index") << "sites.mec-phx.pools.9.count" << "N below 1";
        QTest::newRow("too short") << "links" << "LIST.ID.FIELD";
        QTest::newRow("source field") << "workloads.perception.sources.0.rate" << "rate_per_device";
    }
    void badPathsNameWhatIsWrong()
    {
        QFETCH(QString, path);
        QFETCH(QString, fragment);
        Scenario sc = example("av-perception-edge-vs-cloud.json");
        double v = 1;
        std::string error = setScenarioValue(sc, path.toStdString(), v);
        QVERIFY2(error.find(fragment.toStdString()) != std::string::npos, error.c_str());
    }

    void pathsReadAsNames()
    {
        // A sweep is titled by what it sets, in names (issue 13), built from the scenario here.
        const Scenario sc = example("av-perception-edge-vs-cloud.json");
        auto named = [&](const std::string& path) { return displayName(pathElement(sc, path), sc, builtinCatalog()); };
        auto siteName = [&](const std::string& id) { return sc.findSite(id)->name.empty() ? id : sc.findSite(id)->name; };
        const Link& l = sc.links[0];
        const std::string linkName = "link " + (l.name.empty() ? siteName(l.a) + " – " + siteName(l.b) : l.name);
        QCOMPARE(named("links." + l.id + ".bandwidth_gbps"), "Bandwidth of " + linkName);
        QCOMPARE(named("links." + l.id + ".latency_ms"), "Latency (one way) of " + linkName);
        const auto withPool = std::find_if(sc.sites.begin(), sc.sites.end(), [](const Site& s) { return !s.pools.empty(); });
        QVERIFY(withPool != sc.sites.end());
        const Accelerator* a = builtinCatalog().find(withPool->pools[0].accelerator);
        QVERIFY(a);
        QCOMPARE(named("sites." + withPool->id + ".pools.0.count"),
                 "Accelerator count of " + siteName(withPool->id) + " · " + a->vendor + " " + a->model + " pool");
        QCOMPARE(named("sites." + withPool->id + ".pue"), "PUE of " + siteName(withPool->id));
        const Workload& w = sc.workloads[0];
        const std::string workloadName = "workload " + (w.name.empty() ? w.id : w.name);
        QCOMPARE(named("workloads." + w.id + ".offered_rps"), "Offered load of " + workloadName);
        QCOMPARE(named("workloads." + w.id + ".sources.0.rate_per_device"), "Rate per device (source 1) of " + workloadName);
        QCOMPARE(named("strategies.hybrid.rho_target"), std::string("ρ target of hybrid"));
        // A path that names no element stays as it is.
        QCOMPARE(named("links.nowhere.bandwidth_gbps"), std::string("links.nowhere.bandwidth_gbps"));
        // Files keep ids: the key of a field reference is the element's.
        QCOMPARE(pathElement(sc, "links." + l.id + ".bandwidth_gbps").key(), "link:" + l.id);
    }

    void offeredLoadScalesEverySource()
    {
        // cars-phx has 500 devices at 10 req/s; a second source at cloud-usw (1 device, the
        // default) at 1000 req/s: 500·10 + 1·1000 = 6000 req/s offered. Asking for 3000 halves
        // every rate, keeping each source's share.
        Scenario sc = example("av-perception-edge-vs-cloud.json");
        auto& spec = std::get<InferenceSpec>(sc.workloads[0].spec);
        spec.sources.push_back({"cloud-usw", 1000});
        double v = 3000;
        QCOMPARE(setScenarioValue(sc, "workloads.perception.offered_rps", v), std::string());
        QCOMPARE(v, 3000.0);
        STRATA_COMPARE_REL(spec.sources[0].ratePerDevice, 5.0, 1e-12);
        STRATA_COMPARE_REL(spec.sources[1].ratePerDevice, 500.0, 1e-12);
        // From no load at all, every device gets the same rate: 1002 req/s over 501 devices.
        v = 0;
        QCOMPARE(setScenarioValue(sc, "workloads.perception.offered_rps", v), std::string());
        QCOMPARE(spec.sources[0].ratePerDevice, 0.0);
        v = 1002;
        QCOMPARE(setScenarioValue(sc, "workloads.perception.offered_rps", v), std::string());
        STRATA_COMPARE_REL(spec.sources[0].ratePerDevice, 2.0, 1e-12);
        STRATA_COMPARE_REL(spec.sources[1].ratePerDevice, 2.0, 1e-12);
        // Sources with no devices at all cannot carry a load: an error, not a silent 0.
        Scenario none = example("av-perception-edge-vs-cloud.json");
        none.sites[0].devices = 0;
        v = 100;
        const std::string noDevices = setScenarioValue(none, "workloads.perception.offered_rps", v);
        QVERIFY2(noDevices.find("no devices") != std::string::npos, noDevices.c_str());
        // A typo lists the virtual field with the real ones.
        v = 1;
        const std::string error = setScenarioValue(sc, "workloads.perception.offered", v);
        QVERIFY2(error.find("offered_rps") != std::string::npos, error.c_str());
    }

    void offeredLoadSweepMatchesItsRates()
    {
        // The evaluation's offered load at each step is the value swept.
        const SweepOptions o = options("workloads.perception.offered_rps", 500, 4000, 3);
        SweepResult r = runSweep(example("av-perception-edge-vs-cloud.json"), o, builtinCatalog());
        QVERIFY2(r.ok(), r.error.c_str());
        for (const SweepStep& step : r.steps)
            for (const StrategyResult& sr : step.evaluation.results)
                STRATA_COMPARE_REL(sr.inference[0].offeredRps, step.value, 1e-12);
    }

    void offeredLoadStepsStartFromTheDesign()
    {
        // offered_rps rescales the rates it finds: each step starts from the design, so a step at
        // 0 does not erase the sources' shares for the steps after it on the same thread.
        // Its two sources differ in rate per device, which a step from zero load would lose.
        const Scenario base = example("fraud-scoring.json");
        SweepOptions o = options("workloads.score.offered_rps", 0, 4000, 3);
        o.threads = 1;
        SweepResult r = runSweep(base, o, builtinCatalog());
        QVERIFY2(r.ok(), r.error.c_str());
        for (const SweepStep& step : r.steps) {
            Scenario sc = base;
            double v = step.value;
            QVERIFY(setScenarioValue(sc, o.path, v).empty());
            const Evaluation alone = evaluate(sc);
            for (size_t s = 0; s < alone.results.size(); ++s) {
                const auto& a = alone.results[s].inference[0].sources;
                const auto& b = step.evaluation.results[s].inference[0].sources;
                QCOMPARE(b.size(), a.size());
                for (size_t k = 0; k < a.size(); ++k)
                    QCOMPARE(b[k].demandRps, a[k].demandRps);
            }
        }
    }

    void customSetterReplacesThePath()
    {
        // A setter that fails on one value fails the sweep naming that step; one that works is used.
        SweepOptions o = options("custom", 1, 3, 3);
        o.setter = [](Scenario& sc, double& v) -> std::string {
            if (v > 2.5)
                return "too many";
            sc.links[0].bandwidthGbps = v;
            return {};
        };
        const Scenario base = example("av-perception-edge-vs-cloud.json");
        SweepResult bad = runSweep(base, o, builtinCatalog());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error.find("step 2: too many") != std::string::npos, bad.error.c_str());
        o.to = 2;
        o.steps = 2;
        SweepResult good = runSweep(base, o, builtinCatalog());
        QVERIFY2(good.ok(), good.error.c_str());
        Scenario two = base;
        two.links[0].bandwidthGbps = 2;
        QCOMPARE(good.steps[1].evaluation.results[0].inference[0].latencyP95Seconds,
                 evaluate(two).results[0].inference[0].latencyP95Seconds);
    }

    void rowsEqualSeparateEvaluations()
    {
        Scenario base = example("av-perception-edge-vs-cloud.json");
        SweepOptions o;
        o.path = "workloads.perception.sources.0.rate_per_device";
        o.from = 1;
        o.to = 20;
        o.steps = 5;
        o.threads = 2;
        SweepResult r = runSweep(base, o, builtinCatalog());
        QVERIFY(r.ok());
        QCOMPARE(r.steps.size(), size_t(5));
        for (const SweepStep& step : r.steps) {
            Scenario sc = base;
            std::get<InferenceSpec>(sc.workloads[0].spec).sources[0].ratePerDevice = step.value;
            Evaluation alone = evaluate(sc);
            QCOMPARE(step.evaluation.results.size(), alone.results.size());
            for (size_t s = 0; s < alone.results.size(); ++s) {
                const InferenceResult& a = alone.results[s].inference[0];
                const InferenceResult& b = step.evaluation.results[s].inference[0];
                QCOMPARE(b.latencyP95Seconds, a.latencyP95Seconds);
                QCOMPARE(b.capacityRps, a.capacityRps);
                QCOMPARE(b.energyJoulesPerRequest, a.energyJoulesPerRequest);
            }
        }
    }

    void invalidValueNamesTheStep()
    {
        SweepOptions o;
        o.path = "links.ran-phx.bandwidth_gbps";
        o.from = 10;
        o.to = -10;
        o.steps = 3; // 10, 0, -10: step 1 is the first invalid one
        SweepResult r = runSweep(example("av-perception-edge-vs-cloud.json"), o, builtinCatalog());
        QVERIFY(!r.ok());
        QVERIFY(!r.badPath);
        QVERIFY(r.steps.empty());
        QVERIFY2(r.error.find("step 1 (links.ran-phx.bandwidth_gbps = 0)") != std::string::npos, r.error.c_str());
    }

    void cancelKeepsWhatRan()
    {
        std::atomic<bool> cancel{true};
        SweepOptions o;
        o.path = "links.ran-phx.bandwidth_gbps";
        o.from = 1;
        o.to = 10;
        o.steps = 50;
        o.cancel = &cancel;
        SweepResult r = runSweep(example("av-perception-edge-vs-cloud.json"), o, builtinCatalog());
        QVERIFY(r.cancelled);
        QVERIFY(r.steps.empty()); // cancelled before the first step
    }
};

QTEST_GUILESS_MAIN(tst_Sweep)
#include "tst_sweep.moc"
