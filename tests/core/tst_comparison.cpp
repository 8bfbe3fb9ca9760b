// SPDX-License-Identifier: GPL-3.0-or-later
// core::compareStrategies (the table both the CLI and the GUI show) and core::explainValue.

#include "engine/comparison.h"
#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "testutil.h"

#include <QObject>
#include <algorithm>
#include <map>
#include <set>
#include <QTest>

using namespace strata::core;

namespace {

Scenario oneInference()
{
    Scenario sc;
    Workload w;
    w.id = "w";
    w.spec = InferenceSpec{};
    sc.workloads.push_back(w);
    return sc;
}

InferenceResult served(double offered, double throughput, double powerW, double costPer1k)
{
    InferenceResult r;
    r.workload = "w";
    r.offeredRps = offered;
    r.throughputRps = throughput;
    r.powerWatts = powerW;
    r.costUsdPer1kRequests = costPer1k;
    r.latencyMeanSeconds = 0.010;
    r.latencyP95Seconds = 0.020;
    return r;
}

/// Every strategy serving 100 of 100 req/s; power 1, 2 and 3 kW in strategy order; p95 20 ms.
Evaluation threeServing()
{
    Evaluation ev;
    for (Strategy s : kAllStrategies) {
        StrategyResult sr;
        sr.strategy = s;
        sr.inference.push_back(served(100, 100, 1000.0 * (1 + static_cast<int>(s)), 0.5));
        ev.results.push_back(sr);
    }
    return ev;
}

const ComparisonRow& row(const WorkloadComparison& wc, const std::string& key)
{
    for (const ComparisonRow& r : wc.rows)
        if (r.key == key)
            return r;
    qFatal("no row %s", key.c_str());
}

} // namespace

class tst_Comparison : public QObject {
    Q_OBJECT
private slots:
    void metricRegistryIsConsistent()
    {
        // One key names one metric across both kinds (formulas and labels are looked up by key);
        // file names and chart keys are unique within a kind; every metric says how it is
        // computed; a row is textual exactly when it has no value; a Table 1 aspect keeps one
        // place in the table whichever kind gives it.
        std::set<std::string> keys;
        std::map<std::string, int> aspectOrder;
        auto check = [&](const auto& metrics) {
            std::set<std::string> files, charts;
            for (const auto& m : metrics) {
                QVERIFY2(keys.insert(m.key).second, m.key.c_str());
                QVERIFY2(!m.label.empty() && !m.formula.empty(), m.key.c_str());
                QVERIFY2(bool(m.value) != bool(m.text), m.key.c_str());
                QVERIFY2(m.fileName.empty() || files.insert(m.fileName).second, m.fileName.c_str());
                QVERIFY2(m.chart.key.empty() || charts.insert(m.chart.key).second, m.chart.key.c_str());
                QVERIFY2(!m.partial || !m.partialNote.empty(), m.key.c_str());
                QVERIFY2(!m.value || m.better == Better::None || !m.unit.empty() || m.key == "scaling_efficiency", m.key.c_str());
                if (!m.paper.aspect.empty()) {
                    QVERIFY2(m.paper.measure.find("{workload}") != std::string::npos, m.key.c_str());
                    QVERIFY2(m.better != Better::None, m.key.c_str());
                    const auto [it, fresh] = aspectOrder.emplace(m.paper.aspect, m.paper.order);
                    QVERIFY2(fresh || it->second == m.paper.order, m.paper.aspect.c_str());
                }
                const std::optional<MetricText> t = metricText(m.key);
                QVERIFY(t && t->label == m.label && formulaOf(m.key) == m.formula);
            }
        };
        check(inferenceMetrics());
        check(trainingMetrics());
        QVERIFY(!metricText("no_such_metric"));
        // The comparison shows exactly the registry's rows, in its order.
        const auto table = compareStrategies(oneInference(), threeServing());
        QVERIFY(!table.empty());
        QCOMPARE(table[0].rows.size(), inferenceMetrics().size());
        for (size_t i = 0; i < table[0].rows.size(); ++i)
            QCOMPARE(table[0].rows[i].key, inferenceMetrics()[i].key);
    }

    void lowerAndHigherWinAndTiesHaveNoWinner()
    {
        Evaluation ev = threeServing();
        ev.results[2].inference[0].latencyP95Seconds = 0.015;
        const auto table = compareStrategies(oneInference(), ev);
        QCOMPARE(table.size(), size_t(1));
        const ComparisonRow& power = row(table[0], "power");
        QCOMPARE(power.unit, std::string("kW"));
        QCOMPARE(*power.cells[0].value, 1.0); // 1,000 W shown in kW
        QVERIFY(power.cells[0].winner && !power.cells[1].winner && !power.cells[2].winner);
        const ComparisonRow& p95 = row(table[0], "latency_p95");
        QCOMPARE(*p95.cells[2].value, 15.0); // ms
        QVERIFY(p95.cells[2].winner && !p95.cells[0].winner);
        // Equal everywhere: no winner.
        const ComparisonRow& cost = row(table[0], "cost");
        QVERIFY(!cost.cells[0].winner && !cost.cells[1].winner && !cost.cells[2].winner);
    }

    void aStrategyServingPartOfTheDemandCannotWinPerRequestRows()
    {
        // Centralized serves nothing, so its power is 0: that must not make it "best".
        Evaluation ev;
        StrategyResult c, h;
        c.strategy = Strategy::Centralized;
        c.inference.push_back(served(100, 0, 0, 0));
        h.strategy = Strategy::Hybrid;
        h.inference.push_back(served(100, 100, 137, 0.2));
        ev.results = {c, h};
        const auto table = compareStrategies(oneInference(), ev);
        const ComparisonRow& power = row(table[0], "power");
        QVERIFY(power.cells[0].partService);
        QVERIFY(!power.cells[0].winner);
        QVERIFY(!power.cells[1].winner); // one contender left: no contest
        const ComparisonRow& throughput = row(table[0], "throughput");
        QVERIFY(!throughput.cells[0].partService);
        QVERIFY(throughput.cells[1].winner); // 100 against 0 is a real win
    }

    void leadSaysByHowMuchTheWinnerIsAhead()
    {
        // Power 1, 2, 3 kW: centralized wins, distributed is the runner-up, (2 − 1)/2 = 50 % less.
        Evaluation ev = threeServing();
        // p95 20, 20, 15 ms: hybrid wins; the runner-up is 20 ms, (20 − 15)/20 = 25 %.
        ev.results[2].inference[0].latencyP95Seconds = 0.015;
        // Capacity 400, 400, 100 req/s: a tie of two winners, the runner-up 100: (400 − 100)/100 = 300 %.
        ev.results[0].inference[0].capacityRps = 400;
        ev.results[1].inference[0].capacityRps = 400;
        ev.results[2].inference[0].capacityRps = 100;
        const auto table = compareStrategies(oneInference(), ev);
        const auto power = leadOf(row(table[0], "power"));
        QVERIFY(power);
        QCOMPARE(power->winners, std::vector<size_t>{0});
        QCOMPARE(*power->runnerUp, size_t(1));
        QCOMPARE(power->margin, 0.5);
        const auto p95 = leadOf(row(table[0], "latency_p95"));
        QCOMPARE(p95->winners, std::vector<size_t>{2});
        STRATA_COMPARE_REL(p95->margin, 0.25, 1e-12);
        const auto capacity = leadOf(row(table[0], "capacity"));
        QCOMPARE(capacity->winners, (std::vector<size_t>{0, 1}));
        QCOMPARE(*capacity->runnerUp, size_t(2));
        QCOMPARE(capacity->margin, 3.0);
        // Equal everywhere, or not a contest: no lead.
        QVERIFY(!leadOf(row(table[0], "cost")));
        QVERIFY(!leadOf(row(table[0], "achieved_pflops")));
    }

    void latencyExplanationAddsUpToTheMean()
    {
        const Scenario sc = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/dcc-paper-comparison.json")));
        const Evaluation ev = evaluate(sc, builtinCatalog());
        QVERIFY(ev.ok());
        const InferenceResult& r = ev.results[2].inference[0];
        const Explanation e = explainValue(sc, ev, builtinCatalog(), r.workload, 2, "latency_mean");
        QVERIFY(!e.formula.empty());
        QVERIFY(e.parts.size() >= 6);
        // The five parts (uplink, network, queue, service, downlink) add up to the mean (MODEL.md §12).
        const LatencyBreakdown& b = r.breakdown;
        const double sum = b.uplinkSeconds + b.networkSeconds + b.queueSeconds + b.serviceSeconds + b.downlinkSeconds;
        QVERIFY(strata::test::fuzzyCompare(sum, *r.latencyMeanSeconds, 1e-9));
        QCOMPARE(e.parts[5].label, std::string("= mean"));
        QCOMPARE(e.parts[5].value, formatValue(*r.latencyMeanSeconds * 1e3));
        QVERIFY(!e.notes.empty()); // the placement behind it
        QVERIFY(formulaOf("no_such_row").empty());
    }

    void utilizationRowsNameWhatTheyMeanAndWinNothing()
    {
        // Issue 12: "compute used" is achieved / installed FLOP/s, "busiest pool ρ" the pools' load;
        // higher is better for neither, so neither gets a winner even when the values differ.
        Scenario sc = oneInference();
        Evaluation ev = threeServing();
        for (size_t i = 0; i < ev.results.size(); ++i) {
            ev.results[i].inference[0].utilization = 0.1 * static_cast<double>(i + 1);
            ev.results[i].inference[0].busiestPoolRho = 0.2 * static_cast<double>(i + 1);
        }
        const auto tables = compareStrategies(sc, ev);
        const ComparisonRow& used = row(tables.at(0), "utilization");
        QCOMPARE(used.label, std::string("compute used"));
        QCOMPARE(used.unit, std::string("% of installed FLOP/s"));
        const ComparisonRow& rho = row(tables.at(0), "busiest_pool_rho");
        QCOMPARE(rho.label, std::string("busiest pool ρ"));
        for (const ComparisonRow* r : {&used, &rho}) {
            QCOMPARE(r->better, Better::None);
            for (const ComparisonCell& c : r->cells)
                QVERIFY(!c.winner);
            QVERIFY(!leadOf(*r));
        }
        STRATA_COMPARE_REL(*used.cells[2].value, 30.0, 1e-12);
        STRATA_COMPARE_REL(*rho.cells[1].value, 0.4, 1e-12);
    }

    void trainingDataMovedCountsGradientsAndEfficiencyNeedsSites()
    {
        // A one-site job has no scaling efficiency to compare; data moved counts the all-reduce
        // traffic with the datasets, so the data-parallel strategy cannot win it by leaving it out.
        Scenario sc;
        Workload w;
        w.id = "t";
        w.spec = TrainingSpec{};
        sc.workloads.push_back(w);
        Evaluation ev;
        for (Strategy s : {Strategy::Centralized, Strategy::Distributed}) {
            StrategyResult sr;
            sr.strategy = s;
            TrainingResult t;
            t.workload = "t";
            t.feasible = true;
            t.timeSeconds = 1000;
            t.scalingEfficiency = s == Strategy::Centralized ? 1.0 : 0.8;
            t.sites = s == Strategy::Centralized ? std::vector<std::string>{"a"} : std::vector<std::string>{"a", "b"};
            t.dataMovedBytes = s == Strategy::Centralized ? 100e9 : 0;
            t.gradientTrafficBytes = s == Strategy::Centralized ? 0 : 670000e9;
            sr.training.push_back(t);
            ev.results.push_back(sr);
        }
        const auto tables = compareStrategies(sc, ev);
        const ComparisonRow& eff = row(tables.at(0), "scaling_efficiency");
        QVERIFY(!eff.cells[0].value);
        STRATA_COMPARE_REL(*eff.cells[1].value, 0.8, 1e-12);
        const ComparisonRow& moved = row(tables.at(0), "training_data_moved");
        STRATA_COMPARE_REL(*moved.cells[0].value, 100.0, 1e-12);
        STRATA_COMPARE_REL(*moved.cells[1].value, 670000.0, 1e-12);
        QVERIFY(moved.cells[0].winner && !moved.cells[1].winner);
        STRATA_COMPARE_REL(*row(tables.at(0), "raw_data_moved").cells[1].value, 0.0, 1e-12);
        STRATA_COMPARE_REL(*row(tables.at(0), "gradient_traffic").cells[1].value, 670000.0, 1e-12);
    }

    void p95BelowTheMeanIsExplained()
    {
        Scenario sc = oneInference();
        Evaluation ev = threeServing();
        InferenceResult& r = ev.results[0].inference[0];
        r.latencyMeanSeconds = 0.030;
        r.latencyP95Seconds = 0.020;
        const Explanation e = explainValue(sc, ev, builtinCatalog(), "w", 0, "latency_p95");
        QVERIFY(std::any_of(e.notes.begin(), e.notes.end(), [](const std::string& n) { return n.find("below the mean") != std::string::npos; }));
        const Explanation usual = explainValue(sc, ev, builtinCatalog(), "w", 1, "latency_p95");
        QVERIFY(std::none_of(usual.notes.begin(), usual.notes.end(), [](const std::string& n) { return n.find("below the mean") != std::string::npos; }));
    }
};

QTEST_GUILESS_MAIN(tst_Comparison)
#include "tst_comparison.moc"
