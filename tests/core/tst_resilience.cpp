// SPDX-License-Identifier: GPL-3.0-or-later
// N − 1 analysis and availability (MODEL.md §10) on hand-derived scenarios.

#include "service/evaluate.h"
#include "engine/resilience.h"
#include "io/catalogreader.h"
#include "testutil.h"

#include "../bench/topologygenerator.h"

#include <QDir>
#include <QObject>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

using namespace strata::core;

namespace {

const char* const kChain = R"({"format":"strata-scenario","version":1,
  "sites":[{"id":"u","kind":"device","devices":10},
           {"id":"e","kind":"edge"},
           {"id":"c","kind":"cloud","pools":[{"accelerator":"acc","count":10}]}],
  "links":[{"id":"up","a":"u","b":"e","kind":"cellular-5g","bandwidth_gbps":10,"latency_ms":5,"availability":0.99},
           {"id":"w","a":"e","b":"c","kind":"wan","bandwidth_gbps":100,"latency_ms":10,"availability":0.999}],
  "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":1,"flops_per_request":1e12}],
  "workloads":[{"id":"svc","type":"inference","model":"m","precision":"fp16",
                "sources":[{"site":"u","rate_per_device":1}],"request_bytes":1000,"response_bytes":100}],
  "strategies":{"distributed":{}},
  "accelerators":[{"id":"acc","peak_tflops":{"fp16":100},"memory_gb":10,"memory_gb_per_s":1000,"tdp_w":500,"idle_w":100}]})";

/// One device site with a link to a small near cloud and one to a large far cloud: the demand
/// (100/s) spills 40 near (1 device, ρ 0.8) and 60 far (10 devices, ρ 0.12).
const char* const kTwoClouds = R"({"format":"strata-scenario","version":1,
  "sites":[{"id":"u","kind":"device","devices":100},
           {"id":"near","kind":"cloud","availability":0.99,"pools":[{"accelerator":"acc","count":1}]},
           {"id":"far","kind":"cloud","availability":0.98,"pools":[{"accelerator":"acc","count":10}]}],
  "links":[{"id":"ln","a":"u","b":"near","kind":"metro","bandwidth_gbps":100,"latency_ms":1,"availability":0.95},
           {"id":"lf","a":"u","b":"far","kind":"wan","bandwidth_gbps":100,"latency_ms":20,"availability":0.9}],
  "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":1,"flops_per_request":1e12}],
  "workloads":[{"id":"svc","type":"inference","model":"m","precision":"fp16",
                "sources":[{"site":"u","rate_per_device":1}],"request_bytes":1000,"response_bytes":100}],
  "strategies":{"distributed":{}},
  "accelerators":[{"id":"acc","peak_tflops":{"fp16":100},"memory_gb":10,"memory_gb_per_s":1000,"tdp_w":500,"idle_w":100}]})";

Evaluation analyzed(const char* json)
{
    Scenario sc = strata::test::parseScenario(json);
    Evaluation ev = evaluate(sc);
    analyzeResilience(sc, ev, builtinCatalog(), 2);
    return ev;
}

const ComponentImpact* impactOf(const StrategyResult& sr, const std::string& component)
{
    for (const ComponentImpact& c : sr.resilience)
        if (c.component.key() == component)
            return &c;
    return nullptr;
}

/// The id forms of \a refs ("site:ID", "link:ID"), sorted.
std::vector<std::string> keys(const std::vector<ElementRef>& refs)
{
    std::vector<std::string> out;
    for (const ElementRef& r : refs)
        out.push_back(r.key());
    std::sort(out.begin(), out.end());
    return out;
}

/// "workload/source" for each lost source, as a set.
std::set<std::string> lost(const std::vector<SourceOfWorkload>& sources)
{
    std::set<std::string> out;
    for (const SourceOfWorkload& s : sources)
        out.insert(s.workload + "/" + s.source);
    return out;
}

} // namespace

/// Single points of failure found by the graph search (evaluate with singlePointsOfFailure) must
/// equal the brute force (analyzeResilience: re-evaluate with each component removed), component
/// by component and source by source. Returns the number of single points of failure compared.
size_t compareWithBruteForce(const Scenario& sc, const QString& name)
{
    EvaluationOptions fast;
    fast.singlePointsOfFailure = true;
    fast.inferenceOnly = true;
    const Evaluation graph = evaluate(sc, builtinCatalog(), fast);
    EvaluationOptions plain;
    plain.inferenceOnly = true;
    Evaluation brute = evaluate(sc, builtinCatalog(), plain);
    analyzeResilience(sc, brute, builtinCatalog(), 2);
    size_t compared = 0;
    for (size_t s = 0; s < brute.results.size(); ++s) {
        const StrategyResult& b = brute.results[s];
        const StrategyResult& g = graph.results.at(s);
        const QString where = name + QStringLiteral(" / ") + QString::fromStdString(std::string(strategyName(b.strategy)));
        if (g.singlePointsOfFailure != b.singlePointsOfFailure) {
            QString list;
            for (const auto& x : b.singlePointsOfFailure)
                list += QString::fromStdString(x.key()) + QLatin1Char(' ');
            list += QStringLiteral("| graph: ");
            for (const auto& x : g.singlePointsOfFailure)
                list += QString::fromStdString(x.key()) + QLatin1Char(' ');
            QTest::qFail(qPrintable(where + QStringLiteral(": brute force ") + list), __FILE__, __LINE__);
            return compared;
        }
        std::map<std::string, std::set<std::string>> bySpof;
        for (const ComponentImpact& c : b.resilience)
            if (c.singlePointOfFailure)
                bySpof[c.component.key()] = lost(c.unservedSources);
        for (const ComponentImpact& c : g.resilience) {
            if (!c.singlePointOfFailure || c.capacityLossKnown) {
                QTest::qFail(qPrintable(where + QStringLiteral(": a graph finding is not a bare single point of failure")), __FILE__, __LINE__);
                return compared;
            }
            const std::set<std::string> got = lost(c.unservedSources);
            if (got != bySpof[c.component.key()]) {
                QTest::qFail(qPrintable(where + QStringLiteral(": sources cut by ") + QString::fromStdString(c.component.key()) +
                                        QStringLiteral(" differ")),
                             __FILE__, __LINE__);
                return compared;
            }
            ++compared;
        }
    }
    return compared;
}

/// N − 1 re-evaluates only the components that can matter; removing any other must change
/// nothing. This removes every site and link of \a sc in turn and checks the listed impacts
/// against it. Returns the number of components checked.
size_t compareWithEveryComponent(const Scenario& sc, const QString& name)
{
    EvaluationOptions plain;
    plain.inferenceOnly = true;
    Evaluation ev = evaluate(sc, builtinCatalog(), plain);
    analyzeResilience(sc, ev, builtinCatalog(), 2);
    size_t checked = 0;
    for (const StrategyResult& before : ev.results) {
        std::map<std::string, const ComponentImpact*> listed;
        for (const ComponentImpact& c : before.resilience)
            listed[c.component.key()] = &c;
        auto check = [&](const std::string& component, Exclusion ex) {
            if (before.strategy == Strategy::Centralized && ex.site >= 0 && sc.sites[static_cast<size_t>(ex.site)].id == before.centralSite)
                return true; // an outage by rule, listed as a single point of failure
            EvaluationOptions o = plain;
            o.only = before.strategy;
            o.summaryOnly = true;
            o.exclude = ex;
            const Evaluation after = evaluate(sc, builtinCatalog(), o);
            double lost = 0;
            for (const InferenceResult& b : before.inference) {
                const InferenceResult* a = findResult(after.results.at(0).inference, b.workload);
                lost += std::max(0.0, b.capacityRps.value_or(0) - (a ? a->capacityRps.value_or(0) : 0));
            }
            auto it = listed.find(component);
            const double expected = it == listed.end() ? 0.0 : it->second->capacityLostRps;
            ++checked;
            if (!strata::test::fuzzyCompare(lost, expected, 1e-9, 1e-9)) {
                QTest::qFail(qPrintable(name + QStringLiteral(" / %1 / %2: capacity lost %3, N - 1 says %4")
                                                   .arg(QString::fromStdString(std::string(strategyName(before.strategy))),
                                                        QString::fromStdString(component))
                                                   .arg(lost)
                                                   .arg(expected)),
                             __FILE__, __LINE__);
                return false;
            }
            return true;
        };
        for (size_t l = 0; l < sc.links.size(); ++l)
            if (!check("link:" + sc.links[l].id, Exclusion{-1, static_cast<int>(l)}))
                return checked;
        for (size_t v = 0; v < sc.sites.size(); ++v)
            if (!check("site:" + sc.sites[v].id, Exclusion{static_cast<int>(v), -1}))
                return checked;
    }
    return checked;
}

class tst_Resilience : public QObject {
    Q_OBJECT
private slots:
    void anIdleSiteStillCarriesCapacity()
    {
        // 10 req/s: near (μ = 50) takes it all below ρ_target and far (μ = 500) idles. The capacity
        // re-places at the higher load and uses far: 550 req/s. Losing far (or its link) costs 500
        // although far serves nothing at the design's load.
        std::string json = kTwoClouds;
        json.replace(json.find("\"devices\":100"), 13, "\"devices\":10");
        Evaluation ev = analyzed(json.c_str());
        const StrategyResult& sr = ev.results.at(0);
        QCOMPARE(sr.inference.at(0).placement.size(), size_t(1));
        STRATA_COMPARE_REL(*sr.inference.at(0).capacityRps, 550.0, 1e-9);
        const ComponentImpact* far = impactOf(sr, "site:far");
        QVERIFY(far);
        STRATA_COMPARE_REL(far->capacityLostRps, 500.0, 1e-9);
        const ComponentImpact* lf = impactOf(sr, "link:lf");
        QVERIFY(lf);
        STRATA_COMPARE_REL(lf->capacityLostRps, 500.0, 1e-9);
    }

    void prunedNMinusOneEqualsRemovingEveryComponent()
    {
        size_t total = 0;
        QDir dir(QStringLiteral(STRATA_EXAMPLES));
        for (const QString& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            ScenarioReadResult read = readScenarioJson(strata::test::readText(dir.filePath(f)));
            QVERIFY(read.ok());
            total += compareWithEveryComponent(read.scenario, f);
            if (QTest::currentTestFailed())
                return;
        }
        for (unsigned seed : {1u, 2u}) {
            Scenario sc = strata::bench::generateTopology(40, seed);
            total += compareWithEveryComponent(sc, QString::fromStdString(sc.name) + QStringLiteral(" seed %1").arg(seed));
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(total > 100);
    }

    void graphSearchEqualsBruteForceOnExamples()
    {
        QDir dir(QStringLiteral(STRATA_EXAMPLES));
        size_t total = 0;
        for (const QString& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            ScenarioReadResult read = readScenarioJson(strata::test::readText(dir.filePath(f)));
            QVERIFY(read.ok());
            total += compareWithBruteForce(read.scenario, f);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(total > 0); // the examples have single points of failure to compare
    }

    void graphSearchEqualsBruteForceOnGeneratedDesigns()
    {
        size_t total = 0;
        for (unsigned seed : {1u, 2u, 3u}) {
            for (int sites : {40, 200}) {
                Scenario sc = strata::bench::generateTopology(sites, seed);
                total += compareWithBruteForce(sc, QString::fromStdString(sc.name) + QStringLiteral(" seed %1").arg(seed));
                if (QTest::currentTestFailed())
                    return;
            }
        }
        QVERIFY(total > 0);
    }

    void singleUplinkIsASinglePointOfFailure()
    {
        Evaluation ev = analyzed(kChain);
        const StrategyResult& sr = ev.results.at(0);
        QVERIFY(sr.resilienceAnalyzed);
        // Every element of the only path is a single point of failure: u–e, e (transit), e–c, c.
        QCOMPARE(keys(sr.singlePointsOfFailure), (std::vector<std::string>{"link:up", "link:w", "site:c", "site:e"}));
        // Losing the uplink loses the whole capacity: 10 devices × batch 1 / 20 ms = 500 req/s.
        const ComponentImpact* up = impactOf(sr, "link:up");
        QVERIFY(up);
        STRATA_COMPARE_REL(up->capacityLostRps, 500.0, 1e-12);
        QCOMPARE(up->unservedSources, (std::vector<SourceOfWorkload>{{"svc", "u"}}));
        QVERIFY(strata::test::hasDiagnostic(sr.diagnostics, Severity::Warning, "link:up", "single point of failure"));
    }

    void availabilityInSeries()
    {
        Evaluation ev = analyzed(kChain);
        // Serving cloud 0.9995 (default), links 0.99 and 0.999, the edge passed through 0.999 (default).
        const SourceService& s = ev.results.at(0).inference.at(0).sources.at(0);
        STRATA_COMPARE_REL(s.availability, 0.9995 * 0.99 * 0.999 * 0.999, 1e-14);
        STRATA_COMPARE_REL(s.servedRps, 10.0, 1e-14);
    }

    void availabilityOfParallelAlternatives()
    {
        Evaluation ev = analyzed(kTwoClouds);
        const SourceService& s = ev.results.at(0).inference.at(0).sources.at(0);
        // 1 − (1 − 0.99·0.95)(1 − 0.98·0.9).
        STRATA_COMPARE_REL(s.availability, 1 - (1 - 0.99 * 0.95) * (1 - 0.98 * 0.9), 1e-14);
    }

    void redundantPathsAreNoSinglePointOfFailure()
    {
        Evaluation ev = analyzed(kTwoClouds);
        const StrategyResult& sr = ev.results.at(0);
        QVERIFY(sr.singlePointsOfFailure.empty());
        // Before: both pools up to ρ = 1 (μ = n/S = 1/0.02 = 50 and 10/0.02 = 500 req/s): capacity
        // 550 req/s. Without the far link only near remains: 50, so 500 req/s are lost, but the
        // source is served (100 req/s against 50: it is saturated, not cut off).
        const ComponentImpact* lf = impactOf(sr, "link:lf");
        QVERIFY(lf);
        STRATA_COMPARE_REL(lf->capacityLostRps, 500.0, 1e-9);
        QVERIFY(!lf->singlePointOfFailure);
        // Without the near link all go far: capacity 500, 50 lost, still served.
        const ComponentImpact* ln = impactOf(sr, "link:ln");
        QVERIFY(ln);
        STRATA_COMPARE_REL(ln->capacityLostRps, 50.0, 1e-9);
        QVERIFY(!ln->singlePointOfFailure);
    }

    void centralSiteIsASinglePointOfFailureOnlyWhenCentralized()
    {
        std::string json = kTwoClouds;
        json.replace(json.find("\"strategies\":{\"distributed\":{}}"), 31,
                     "\"strategies\":{\"centralized\":{\"site\":\"far\"},\"distributed\":{}}");
        Evaluation ev = analyzed(json.c_str());
        QCOMPARE(ev.results.size(), size_t(2));
        // Centralized at "far": its only path (link lf) and the site itself; there is no failover.
        QCOMPARE(keys(ev.results[0].singlePointsOfFailure), (std::vector<std::string>{"link:lf", "site:far"}));
        QVERIFY(ev.results[1].singlePointsOfFailure.empty());
    }

    void exclusionActsAsIfTheComponentWereGone()
    {
        Scenario sc = strata::test::parseScenario(kChain);
        EvaluationOptions o;
        o.exclude.link = 0; // "up": the source can reach nothing
        Evaluation ev = evaluate(sc, o);
        const InferenceResult& r = ev.results.at(0).inference.at(0);
        STRATA_COMPARE_REL(r.unservedRps, 10.0, 1e-14);
        QCOMPARE(r.sources.at(0).servedRps, 0.0);
        EvaluationOptions noSource;
        noSource.exclude.site = 0; // the device site itself: its demand goes with it
        Evaluation gone = evaluate(sc, noSource);
        QCOMPARE(gone.results.at(0).inference.at(0).offeredRps, 0.0);
        QVERIFY(gone.results.at(0).inference.at(0).sources.empty());
    }
};

QTEST_GUILESS_MAIN(tst_Resilience)
#include "tst_resilience.moc"
