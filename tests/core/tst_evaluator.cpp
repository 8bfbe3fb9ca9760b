// SPDX-License-Identifier: GPL-3.0-or-later
// The inference engine on small scenarios whose results are derived by hand in the comments.

#include "service/evaluate.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <map>

using namespace strata::core;
using strata::test::hasDiagnostic;

namespace {

/// One device site "u" → one link "l" → one cloud site "c" with one accelerator "acc"
/// (fp16 100 TFLOP/s, 10 GB, 1000 GB/s, 500 W TDP, 100 W idle, 3.6 USD/h).
/// Generic model: 1e12 FLOP/request → S = 1e12 / (0.5 · 1e14) = 20 ms at batch 1.
std::string oneLink(const std::map<std::string, std::string>& over = {})
{
    std::map<std::string, std::string> v = {
        {"DEVICES", "10"}, {"BW", "1"}, {"REQ", "1250000"}, {"COUNT", "1"}, {"PREC", "fp16"},
        {"PARAMS", "1e6"}, {"SLO", "1000"}, {"JU", "EU"}, {"JC", "EU"}, {"LINKS", "true"}};
    for (const auto& [k, x] : over)
        v[k] = x;
    std::string links = v["LINKS"] == "true"
        ? R"([{"id":"l","a":"u","b":"c","kind":"wan","bandwidth_gbps":BW,"latency_ms":10,"energy_nj_per_bit":10}])"
        : "[]";
    std::string s = R"({"format":"strata-scenario","version":1,"name":"one link",
      "sites":[{"id":"u","kind":"device","devices":DEVICES,"jurisdiction":"JU","carbon_g_per_kwh":500},
               {"id":"c","kind":"cloud","jurisdiction":"JC","pue":1.0,"carbon_g_per_kwh":500,
                "pools":[{"accelerator":"acc","count":COUNT}]}],
      "links":LINKS,
      "models":[{"id":"m","kind":"generic","params":PARAMS,"bytes_per_param":1,"flops_per_request":1e12}],
      "workloads":[{"id":"w","type":"inference","model":"m","precision":"PREC",
                    "sources":[{"site":"u","rate_per_device":1}],"request_bytes":REQ,"response_bytes":0,
                    "slo_p95_ms":SLO}],
      "accelerators":[{"id":"acc","peak_tflops":{"fp16":100},"memory_gb":10,"memory_gb_per_s":1000,
                       "tdp_w":500,"idle_w":100,"usd_per_hour":3.6,"source":"test"}]})";
    auto replace = [&](const std::string& key, const std::string& value) {
        for (size_t pos; (pos = s.find(key)) != std::string::npos;)
            s.replace(pos, key.size(), value);
    };
    replace("LINKS", links);
    for (const auto& [k, x] : v)
        replace(k, x);
    return s;
}

const InferenceResult& only(const Evaluation& ev, Strategy s = Strategy::Centralized)
{
    return strata::test::strategyResult(ev, s).inference.at(0);
}

const StrategyResult& strategy(const Evaluation& ev, Strategy s)
{
    return strata::test::strategyResult(ev, s);
}

/// P(W > x) for two "0 or exponential" waits, written out by hand.
double twoWaitTail(double p1, double t1, double p2, double t2, double x)
{
    return p1 * (1 - p2) * std::exp(-t1 * x) + p2 * (1 - p1) * std::exp(-t2 * x) +
           p1 * p2 * (t2 * std::exp(-t1 * x) - t1 * std::exp(-t2 * x)) / (t2 - t1);
}

double solveDown(double (*f)(double), double lo, double hi)
{
    for (int i = 0; i < 200; ++i) {
        double mid = 0.5 * (lo + hi);
        (f(mid) > 0.05 ? lo : hi) = mid;
    }
    return hi;
}

/// Clouds "near" (1 ms) and "far" (20 ms) for one device site; near holds NEAR devices.
std::string twoClouds(int near, int far, double devices, const std::string& extraSite = "",
                      const std::string& extraLink = "", const std::string& strategies = "")
{
    std::string s = R"({"format":"strata-scenario","version":1,
      "sites":[{"id":"u","kind":"device","devices":)" + std::to_string(devices) + R"(},
               {"id":"near","kind":"cloud","pools":[{"accelerator":"acc","count":)" + std::to_string(near) + R"(}]},
               {"id":"far","kind":"cloud","pools":[{"accelerator":"acc","count":)" + std::to_string(far) + R"(}]})" +
                    extraSite + R"(],
      "links":[{"id":"un","a":"u","b":"near","kind":"metro","bandwidth_gbps":100,"latency_ms":1},
               {"id":"uf","a":"u","b":"far","kind":"wan","bandwidth_gbps":100,"latency_ms":20})" + extraLink + R"(],
      "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":1,"flops_per_request":1e12}],
      "workloads":[{"id":"w","type":"inference","model":"m","precision":"fp16",
                    "sources":[{"site":"u","rate_per_device":1}],"request_bytes":1000,"response_bytes":100}],
      )" + (strategies.empty() ? "" : strategies + ",") + R"(
      "accelerators":[{"id":"acc","peak_tflops":{"fp16":100},"memory_gb":10,"memory_gb_per_s":1000,
                       "tdp_w":500,"idle_w":100,"usd_per_hour":3.6}]})";
    return s;
}

std::map<std::string, double> sharesBySite(const InferenceResult& r)
{
    std::map<std::string, double> m;
    for (const PlacementShare& s : r.placement)
        m[s.site] += s.rateRps;
    return m;
}

} // namespace

class tst_Evaluator : public QObject {
    Q_OBJECT
private slots:
    void oneSharePipeline()
    {
        Evaluation ev = evaluate(strata::test::parseScenario(oneLink()));
        QVERIFY(ev.ok());
        const InferenceResult& r = only(ev);
        // λ = 10/s, S = 20 ms, n = 1 → ρ = 0.2. M/D/1: C = 0.2, W_q = 0.2·0.02/0.8·½ = 2.5 ms, θ₁ = 0.8/0.02·2 = 80/s.
        // Request 1e7 bit on 1 Gb/s: s = 10 ms, ρ_up = 0.1, wait mean 0.1·0.01/0.9, θ₂ = 0.9/0.01 = 90/s.
        // D = 2·10 ms + 10 ms + 20 ms = 50 ms.
        QVERIFY(!r.saturated);
        const double mean = 0.05 + 0.0025 + 0.1 * 0.01 / 0.9;
        STRATA_COMPARE_REL(*r.latencyMeanSeconds, mean, 1e-12);
        STRATA_COMPARE_REL(r.breakdown.networkSeconds, 0.02, 1e-12);
        STRATA_COMPARE_REL(r.breakdown.uplinkSeconds, 0.01 / 0.9, 1e-12); // processor sharing s/(1−ρ)
        STRATA_COMPARE_REL(r.breakdown.queueSeconds, 0.0025, 1e-12);
        STRATA_COMPARE_REL(r.breakdown.serviceSeconds, 0.02, 1e-12);
        QCOMPARE(r.breakdown.downlinkSeconds, 0.0);
        // p95 = D + x where the hand-written two-wait tail equals 0.05.
        double x = solveDown([](double t) { return twoWaitTail(0.2, 80, 0.1, 90, t); }, 0, 1);
        STRATA_COMPARE_REL(*r.latencyP95Seconds, 0.05 + x, 1e-9);
        // Capacity: pool n/S = 50/s, link 1e9/1e7 = 100/s → 50/s at the pool.
        STRATA_COMPARE_REL(*r.capacityRps, 50.0, 1e-12);
        QCOMPARE(r.bottleneck.key(), std::string("site:c/pool:0"));
        // FLOP/s: achieved 10 · 1e12 = 0.01 PFLOP/s of 0.1 installed.
        STRATA_COMPARE_REL(r.achievedFlops, 1e13, 1e-12);
        STRATA_COMPARE_REL(r.installedFlops, 1e14, 1e-12);
        STRATA_COMPARE_REL(r.utilization, 0.1, 1e-12);
        // Power: 1·(100 + 0.2·400) W · PUE 1 = 180 W. Energy/request = 180/10 + 8·1.25e6·10e-9 = 18.1 J.
        STRATA_COMPARE_REL(r.powerWatts, 180.0, 1e-12);
        STRATA_COMPARE_REL(r.networkJoulesPerRequest, 0.1, 1e-12);
        STRATA_COMPARE_REL(*r.energyJoulesPerRequest, 180.0 / 10.0 + 0.1, 1e-12);
        // Carbon: (18 J · 500 + 0.1 J · 500) g/kWh / 3.6e6 J/kWh · 1000 requests.
        STRATA_COMPARE_REL(*r.carbonGramsPer1kRequests, (18.0 * 500 + 0.1 * 500) / 3.6e6 * 1000, 1e-12);
        // Water: 18 J of IT energy per request (PUE 1) × the cloud default 0.12 L/kWh; the link uses none.
        STRATA_COMPARE_REL(*r.waterLitresPer1kRequests, 18.0 * 0.12 / 3.6e6 * 1000, 1e-12);
        // Cost: 3.6 USD/h = 0.001 USD/s over 10 req/s → 0.1 USD per 1k.
        STRATA_COMPARE_REL(*r.costUsdPer1kRequests, 0.1, 1e-12);
        // Data moved: 10 req/s · 1.25 MB · 3600 s = 45 GB/h.
        STRATA_COMPARE_REL(r.dataMovedBytesPerHour, 45e9, 1e-12);
        QVERIFY(*r.sloMet);
    }

    void waterCountsTheItEnergyAtTheSitesWue()
    {
        // PUE 1.5: the pool draws 270 W at the facility, 180 W of IT power; at 10 req/s that is
        // 18 J of IT energy per request, × 2 L/kWh / 3.6e6 J/kWh × 1000 requests = 0.01 L.
        std::string s = oneLink();
        const std::string pue = R"("pue":1.0)";
        s.replace(s.find(pue), pue.size(), R"("pue":1.5,"wue_l_per_kwh":2)");
        const Evaluation ev = evaluate(strata::test::parseScenario(s));
        QVERIFY(ev.ok());
        const InferenceResult& r = only(ev);
        STRATA_COMPARE_REL(r.powerWatts, 270.0, 1e-12);
        STRATA_COMPARE_REL(*r.waterLitresPer1kRequests, 0.01, 1e-12);
        // The value given is used, not a default: no assumption is recorded for it.
        for (const Assumption& a : ev.assumptions)
            QVERIFY(a.field != "wue_l_per_kwh");
        // Without a value, the cloud default is used and said.
        const Evaluation byDefault = evaluate(strata::test::parseScenario(oneLink()));
        bool said = false;
        for (const Assumption& a : byDefault.assumptions)
            said |= a.field == "wue_l_per_kwh" && a.value == 0.12;
        QVERIFY(said);
        // Water per request falls with WUE and is 0 where the site uses no water.
        std::string dry = oneLink();
        dry.replace(dry.find(pue), pue.size(), R"("pue":1.5,"wue_l_per_kwh":0)");
        QCOMPARE(*only(evaluate(strata::test::parseScenario(dry))).waterLitresPer1kRequests, 0.0);
    }

    void p95OfOneShareWithUnloadedLinksIsDPlusQueueQuantile()
    {
        // A tiny request leaves the link unloaded; only the pool wait is random:
        // p95 = D + w₀.₉₅ with w₀.₉₅ = S/(n − a)·(1 + cv²)/2·ln(C/0.05), C = ρ = 0.2 for n = 1.
        Evaluation ev = evaluate(strata::test::parseScenario(oneLink({{"REQ", "0"}})));
        const InferenceResult& r = only(ev);
        const double w95 = 0.02 / 0.8 * 0.5 * std::log(0.2 / 0.05);
        STRATA_COMPARE_REL(*r.latencyP95Seconds, 0.04 + w95, 1e-9);
        // When the chance of any wait is below 5 %, p95 is D itself (below the mean).
        Evaluation quiet = evaluate(strata::test::parseScenario(oneLink({{"REQ", "0"}, {"DEVICES", "2"}})));
        const InferenceResult& q = only(quiet); // ρ = 0.04 = C < 0.05
        STRATA_COMPARE_REL(*q.latencyP95Seconds, 0.04, 1e-12);
        QVERIFY(*q.latencyMeanSeconds > *q.latencyP95Seconds);
    }

    void poolSaturationNamesTheBottleneck()
    {
        Evaluation ev = evaluate(strata::test::parseScenario(oneLink({{"DEVICES", "60"}})));
        const InferenceResult& r = only(ev);
        QVERIFY(r.saturated);
        QVERIFY(!r.latencyMeanSeconds && !r.latencyP95Seconds);
        QCOMPARE(r.bottleneck.key(), std::string("site:c/pool:0"));
        STRATA_COMPARE_REL(*r.capacityRps, 50.0, 1e-12);
        STRATA_COMPARE_REL(r.throughputRps, 50.0, 1e-12);
        QVERIFY(!*r.sloMet);
        const auto& diags = strategy(ev, Strategy::Centralized).diagnostics;
        QVERIFY(hasDiagnostic(diags, Severity::Warning, "site:c/pool:0", "saturated"));
        QVERIFY(hasDiagnostic(diags, Severity::Warning, "workload:w", "saturated"));
    }

    void linkSaturationNamesTheBottleneck()
    {
        // 0.1 Gb/s carries 10 requests of 1e7 bit per second: ρ = 1 exactly.
        Evaluation ev = evaluate(strata::test::parseScenario(oneLink({{"BW", "0.1"}})));
        const InferenceResult& r = only(ev);
        QVERIFY(r.saturated);
        QCOMPARE(r.bottleneck.key(), std::string("link:l"));
        STRATA_COMPARE_REL(*r.capacityRps, 10.0, 1e-12);
        QVERIFY(hasDiagnostic(strategy(ev, Strategy::Centralized).diagnostics, Severity::Warning, "link:l", "saturated"));
    }

    void transferTimeGrowsWithUtilization()
    {
        // Mean uplink = s/(1 − ρ) with s = 10 ms: ρ = 0.1 → 11.11 ms, ρ = 0.5 → 20 ms (devices 50 on a bigger pool).
        Evaluation ev = evaluate(strata::test::parseScenario(oneLink({{"DEVICES", "50"}, {"COUNT", "10"}})));
        STRATA_COMPARE_REL(only(ev).breakdown.uplinkSeconds, 0.01 / 0.5, 1e-12);
    }

    void spillAtRhoTarget()
    {
        // near: 1 device, S = 20 ms → room at ρ 0.8 is 40/s; λ = 100 → 40 near, 60 far.
        Evaluation ev = evaluate(strata::test::parseScenario(twoClouds(1, 10, 100)));
        const InferenceResult& r = only(ev, Strategy::Distributed);
        auto m = sharesBySite(r);
        STRATA_COMPARE_REL(m["near"], 40.0, 1e-12);
        STRATA_COMPARE_REL(m["far"], 60.0, 1e-12);
        QCOMPARE(r.placement[0].reason, PlacementReason::Nearest);
        QCOMPARE(r.placement[1].reason, PlacementReason::Spill);
        STRATA_COMPARE_REL(r.placement[0].utilizationAfter, 0.8, 1e-12);
        // Centralized picks the cloud with the most fp16 FLOP/s: far (10 devices).
        QCOMPARE(strategy(ev, Strategy::Centralized).centralSite, std::string("far"));
    }

    void thresholdRisesWhenEverySiteIsAtRhoTarget()
    {
        // Both clouds hold one device: μ = n/S = 1/0.02 = 50 req/s each, 40 + 40 at ρ 0.8. For 90 req/s
        // the balancer raises its threshold evenly: L = 90 / (50 + 50) = 0.9, so 45 each and nothing saturates.
        Evaluation ev = evaluate(strata::test::parseScenario(twoClouds(1, 1, 90)));
        const InferenceResult& r = only(ev, Strategy::Distributed);
        auto m = sharesBySite(r);
        STRATA_COMPARE_REL(m["near"], 45.0, 1e-9);
        STRATA_COMPARE_REL(m["far"], 45.0, 1e-9);
        QVERIFY(!r.saturated);
        QVERIFY(r.latencyP95Seconds.has_value());
        STRATA_COMPARE_REL(r.placement[0].level, 0.9, 1e-9);
        QVERIFY(explainPlacement(r.placement[0]).find("raised") != std::string::npos);
        // Capacity: both pools up to ρ = 1, 100 req/s, whatever the load evaluated.
        STRATA_COMPARE_REL(*r.capacityRps, 100.0, 1e-9);
        QCOMPARE(r.throughputRps, 90.0);
    }

    void admissionPastCapacity()
    {
        // 150 req/s offered against the same 100 req/s: 100 served (50 at each cloud, ρ = 1), 50 turned away.
        Evaluation ev = evaluate(strata::test::parseScenario(twoClouds(1, 1, 150)));
        const InferenceResult& r = only(ev, Strategy::Distributed);
        auto m = sharesBySite(r);
        STRATA_COMPARE_REL(m["near"], 50.0, 1e-9);
        STRATA_COMPARE_REL(m["far"], 50.0, 1e-9);
        QVERIFY(r.saturated);
        QVERIFY(!r.latencyP95Seconds.has_value());
        STRATA_COMPARE_REL(*r.capacityRps, 100.0, 1e-9);
        STRATA_COMPARE_REL(r.throughputRps, 100.0, 1e-9);
        STRATA_COMPARE_REL(r.shedRps, 50.0, 1e-9);
        // Energy per request is that of the load served: both pools at TDP (500 W), PUE 1.1, over 100 req/s.
        STRATA_COMPARE_REL(*r.energyJoulesPerRequest, 2 * 500 * 1.1 / 100.0, 1e-9);
        // Centralized: far and near tie on FLOP/s, so the first (near) is central; its one device carries 50.
        const InferenceResult& c = only(ev, Strategy::Centralized);
        STRATA_COMPARE_REL(*c.capacityRps, 50.0, 1e-9);
        STRATA_COMPARE_REL(c.throughputRps, 50.0, 1e-9);
        QCOMPARE(c.bottleneck.key(), std::string("site:near/pool:0"));
    }

    void aLinkFilledByAnEarlierWorkloadLeavesNoCapacity()
    {
        // One 0.08 Gbit/s link and 1 MB requests: 8e7 / 8e6 = 10 req/s (the pool takes 50). "a"
        // offers 100 and is admitted at 10, which fills the link; "b" comes after it in file order
        // and has nothing left: capacity 0, its 5 req/s turned away.
        const std::string json = R"({"format":"strata-scenario","version":1,
          "sites":[{"id":"u","kind":"device","devices":100},
                   {"id":"near","kind":"cloud","pools":[{"accelerator":"acc","count":1}]}],
          "links":[{"id":"un","a":"u","b":"near","kind":"metro","bandwidth_gbps":0.08,"latency_ms":1}],
          "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":1,"flops_per_request":1e12}],
          "workloads":[{"id":"a","type":"inference","model":"m","precision":"fp16",
                        "sources":[{"site":"u","rate_per_device":1}],"request_bytes":1e6,"response_bytes":100},
                       {"id":"b","type":"inference","model":"m","precision":"fp16",
                        "sources":[{"site":"u","rate_per_device":0.05}],"request_bytes":1e6,"response_bytes":100}],
          "strategies":{"distributed":{}},
          "accelerators":[{"id":"acc","peak_tflops":{"fp16":100},"memory_gb":10,"memory_gb_per_s":1000,
                           "tdp_w":500,"idle_w":100,"usd_per_hour":3.6}]})";
        Evaluation ev = evaluate(strata::test::parseScenario(json));
        QVERIFY2(ev.ok(), ev.diagnostics.empty() ? "" : ev.diagnostics.front().message.c_str());
        const StrategyResult& sr = strategy(ev, Strategy::Distributed);
        const InferenceResult& a = sr.inference.at(0);
        const InferenceResult& b = sr.inference.at(1);
        STRATA_COMPARE_REL(*a.capacityRps, 10.0, 1e-9);
        QCOMPARE(a.bottleneck.key(), std::string("link:un"));
        STRATA_COMPARE_REL(a.throughputRps, 10.0, 1e-9);
        QVERIFY(*b.capacityRps < 1e-6);
        QVERIFY(b.throughputRps < 1e-6);
        STRATA_COMPARE_REL(b.shedRps, 5.0, 1e-6);
        QVERIFY(b.saturated);
    }

    void hybridPrefersEdgeThenCloud()
    {
        // An edge site 2 ms away with one device: it takes 40/s at ρ 0.8, the rest overflows to the nearest cloud.
        std::string edge = R"(,{"id":"e","kind":"edge","pools":[{"accelerator":"acc","count":1}]})";
        std::string link = R"(,{"id":"ue","a":"u","b":"e","kind":"lan","bandwidth_gbps":100,"latency_ms":2})";
        Evaluation ev = evaluate(strata::test::parseScenario(twoClouds(10, 10, 100, edge, link)));
        const InferenceResult& r = only(ev, Strategy::Hybrid);
        auto m = sharesBySite(r);
        STRATA_COMPARE_REL(m["e"], 40.0, 1e-12);
        STRATA_COMPARE_REL(m["near"], 60.0, 1e-12);
        QCOMPARE(r.placement[0].reason, PlacementReason::NearestEdge);
        QCOMPARE(r.placement[1].reason, PlacementReason::CloudOverflow);
    }

    void strategiesBlockSelectsStrategies()
    {
        Evaluation ev = evaluate(strata::test::parseScenario(
            twoClouds(1, 10, 10, "", "", R"("strategies":{"centralized":{"site":"near"}})")));
        QCOMPARE(ev.results.size(), size_t(1));
        QCOMPARE(ev.results[0].centralSite, std::string("near"));
    }

    void energyPerRequestIsPowerOverThroughputPlusNetwork()
    {
        Evaluation ev = evaluate(strata::test::parseScenario(twoClouds(1, 10, 100)));
        for (const StrategyResult& sr : ev.results) {
            const InferenceResult& r = sr.inference[0];
            double power = 0;
            for (const PoolLoad& p : sr.pools)
                power += p.powerWatts;
            STRATA_COMPARE_REL(r.powerWatts, power, 1e-12);
            STRATA_COMPARE_REL(*r.energyJoulesPerRequest, power / r.throughputRps + r.networkJoulesPerRequest, 1e-12);
        }
        // Distributed by hand: near ρ 0.8 → 100 + 0.8·400 = 420 W; far 10 devices at ρ 0.12 → 10·(100 + 48) = 1480 W;
        // PUE 1.1 (cloud default): 2090 W over 100 req/s = 20.9 J (links carry no energy figure).
        STRATA_COMPARE_REL(*only(ev, Strategy::Distributed).energyJoulesPerRequest, (420.0 + 1480.0) * 1.1 / 100, 1e-12);
    }

    void egressChargesBytesThatLeaveACloudOrCrossWithoutOne()
    {
        // Device u → link l → site c, 1.25 MB requests and 0.5 MB responses, l priced at PRICE
        // USD/GB. The cost per 1 000 requests differs from the unpriced link only by the egress:
        //  - c a cloud: requests go into the cloud (free), responses leave it:
        //      1000 × 5e5 B × 2 USD/GB / 1e9 = 1.0 USD;
        //  - c an edge site (no cloud at either end): both directions are charged:
        //      1000 × (1.25e6 + 5e5) B × 2 / 1e9 = 3.5 USD.
        // Distributed serves on clouds only; hybrid serves on the edge site.
        auto cost = [](const std::string& kind, const std::string& price) {
            std::string s = oneLink();
            auto replace = [&s](const std::string& from, const std::string& to) {
                const size_t at = s.find(from);
                if (at == std::string::npos)
                    qFatal("the scenario text has no %s", from.c_str());
                s.replace(at, from.size(), to);
            };
            replace("\"energy_nj_per_bit\":10}", "\"energy_nj_per_bit\":10,\"egress_usd_per_gb\":" + price + "}");
            replace("\"response_bytes\":0", "\"response_bytes\":500000");
            replace("\"id\":\"c\",\"kind\":\"cloud\"", "\"id\":\"c\",\"kind\":\"" + kind + "\"");
            const Evaluation ev = evaluate(strata::test::parseScenario(s));
            return only(ev, kind == "cloud" ? Strategy::Distributed : Strategy::Hybrid).costUsdPer1kRequests.value_or(-1);
        };
        STRATA_COMPARE_REL(cost("cloud", "2") - cost("cloud", "0"), 1.0, 1e-9);
        STRATA_COMPARE_REL(cost("edge", "2") - cost("edge", "0"), 3.5, 1e-9);
    }

    void moreBandwidthNeverIncreasesLatency()
    {
        double lastMean = 1e9, lastP95 = 1e9;
        for (double bw : {0.15, 0.2, 0.5, 1.0, 2.0, 10.0, 100.0}) {
            Evaluation ev = evaluate(strata::test::parseScenario(oneLink({{"BW", std::to_string(bw)}})));
            const InferenceResult& r = only(ev);
            QVERIFY(!r.saturated);
            QVERIFY(*r.latencyMeanSeconds <= lastMean);
            QVERIFY(*r.latencyP95Seconds <= lastP95);
            QVERIFY(*r.energyJoulesPerRequest >= 0 && r.powerWatts >= 0);
            lastMean = *r.latencyMeanSeconds;
            lastP95 = *r.latencyP95Seconds;
        }
    }

    void weightAndKvCachePrecisionSetTheBytes()
    {
        // A 70B transformer on one 80 GB device (72 GB usable): bf16 weights (140 GB) do not fit,
        // int4 weights (35 GB) do. The KV cache is counted at the workload's precision unless
        // kv_cache_precision says otherwise, and the default is listed as an assumption.
        auto scenario = [](const std::string& storage) {
            return strata::test::parseScenario(R"({"format":"strata-scenario","version":1,"name":"storage",
              "sites":[{"id":"u","kind":"device","devices":1},
                       {"id":"c","kind":"cloud","pools":[{"accelerator":"acc","count":1}]}],
              "links":[{"id":"l","a":"u","b":"c","kind":"wan","bandwidth_gbps":10,"latency_ms":1}],
              "models":[{"id":"m","kind":"transformer","params":70e9,"bytes_per_param":2,"layers":80,"d_model":8192,
                         "attention_heads":64,"kv_heads":8}],
              "workloads":[{"id":"w","type":"inference","model":"m","precision":"fp16",
                            "sources":[{"site":"u","rate_per_device":0.001}],"request_bytes":1000,"response_bytes":1000,
                            "input_tokens":1000,"output_tokens":100)" + storage + R"(}],
              "accelerators":[{"id":"acc","peak_tflops":{"fp16":1000},"memory_gb":80,"memory_gb_per_s":1000,
                               "tdp_w":700,"usd_per_hour":2,"source":"test"}]})");
        };
        auto fits = [](const Evaluation& ev) {
            for (const Diagnostic& d : ev.diagnostics)
                if (d.message.find("does not fit") != std::string::npos)
                    return false;
            return true;
        };
        auto kvAssumed = [](const Evaluation& ev) -> std::optional<double> {
            for (const Assumption& a : ev.assumptions)
                if (a.field == "kv_cache_precision")
                    return a.value;
            return std::nullopt;
        };
        const Evaluation bf16 = evaluate(scenario(""));
        QVERIFY(bf16.ok());
        QVERIFY(!fits(bf16));
        QCOMPARE(kvAssumed(bf16).value_or(-1), 2.0); // fp16: 2 B per value
        const Evaluation int4 = evaluate(scenario(R"(,"weight_precision":"int4")"));
        QVERIFY(fits(int4));
        const InferenceResult& r4 = only(int4);
        QVERIFY(r4.capacityRps && *r4.capacityRps > 0);
        const Evaluation kv8 = evaluate(scenario(R"(,"weight_precision":"int4","kv_cache_precision":"fp8")"));
        QVERIFY(!kvAssumed(kv8));
        // Batch 1 decode is memory-bound: each step reads 35 GB of weights and the KV cache of
        // 1,100 tokens (2·80·8·128 values, 2 B or 1 B each: 360.4 MB or 180.2 MB) at 0.8 TB/s.
        // Capacity is replicas / S, so its ratio is the inverse ratio of the service times.
        const double kvValues = 2.0 * 80 * 8 * 128 * 1100;
        const double prefill = std::max(2 * 70e9 * 1000 / (1000e12 * 0.5), 35e9 / 0.8e12);
        const double s16 = prefill + 100 * (35e9 + 2 * kvValues) / 0.8e12;
        const double s8 = prefill + 100 * (35e9 + kvValues) / 0.8e12;
        STRATA_COMPARE_REL(*only(kv8).capacityRps / *r4.capacityRps, s16 / s8, 1e-9);
        // tf32 is no storage format, and a generic model has no KV cache.
        QVERIFY(!evaluate(scenario(R"(,"weight_precision":"tf32")")).ok());
    }

    void diagnostics_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<bool>("perStrategy");
        QTest::newRow("missing precision") << QString::fromStdString(oneLink({{"PREC", "int8"}}))
                                           << "site:c/pool:0" << "lists no int8" << false;
        // 2e10 parameters at 1 B: 20 GB against 0.9 · 10 GB of the one device: 11 GB short.
        QTest::newRow("model does not fit") << QString::fromStdString(oneLink({{"PARAMS", "2e10"}}))
                                            << "site:c/pool:0" << "needs 20 GB of weights per replica, 3 × acc, but the pool's 1 hold 9 GB"
                                            << false;
        QTest::newRow("model does not fit, by how much") << QString::fromStdString(oneLink({{"PARAMS", "2e10"}}))
                                                         << "site:c/pool:0" << "does not fit by 11 GB" << false;
        QTest::newRow("unreachable source") << QString::fromStdString(oneLink({{"LINKS", "false"}}))
                                            << "site:u" << "cannot be served" << true;
        QTest::newRow("SLO missed") << QString::fromStdString(oneLink({{"SLO", "10"}}))
                                    << "workload:w" << "misses its p95 SLO" << true;
        QTest::newRow("compliance violation") << QString::fromStdString(oneLink({{"JC", "US"}}))
                                              << "workload:w" << "data-residency violation" << true;
        QTest::newRow("pool saturated") << QString::fromStdString(oneLink({{"DEVICES", "100"}}))
                                        << "site:c/pool:0" << "saturated" << true;
        QTest::newRow("link saturated") << QString::fromStdString(oneLink({{"BW", "0.05"}}))
                                        << "link:l" << "saturated" << true;
    }
    void diagnostics()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, element);
        QFETCH(QString, fragment);
        QFETCH(bool, perStrategy);
        Evaluation ev = evaluate(strata::test::parseScenario(scenario.toStdString()));
        QVERIFY(ev.ok()); // engine findings are warnings, never errors
        const Diagnostics& list = perStrategy ? strategy(ev, Strategy::Centralized).diagnostics : ev.diagnostics;
        QVERIFY2(hasDiagnostic(list, Severity::Warning, element.toStdString(), fragment.toStdString()),
                 qPrintable(element + ": " + fragment));
        // And never a NaN or a negative number anywhere.
        for (const StrategyResult& sr : ev.results)
            for (const InferenceResult& r : sr.inference) {
                for (double v : {r.throughputRps, r.powerWatts, r.achievedFlops, r.installedFlops, r.utilization,
                                 r.dataMovedBytesPerHour, r.unservedRps})
                    QVERIFY(std::isfinite(v) && v >= 0);
                for (const auto& o : {r.latencyMeanSeconds, r.latencyP95Seconds, r.capacityRps, r.energyJoulesPerRequest})
                    QVERIFY(!o || (std::isfinite(*o) && *o >= 0));
            }
    }

    void catalogGapsAreReportedAndEstimated()
    {
        // No TDP: power counts as 0 W with a warning. No price: cost left out and flagged.
        // No idle figure: 117/700 of TDP, listed as an assumption.
        std::string noTdp = oneLink();
        noTdp.erase(noTdp.find("\"tdp_w\":500,\"idle_w\":100,"), std::string_view("\"tdp_w\":500,\"idle_w\":100,").size());
        Evaluation ev = evaluate(strata::test::parseScenario(noTdp));
        QVERIFY(hasDiagnostic(ev.diagnostics, Severity::Warning, "accelerator:acc", "no TDP figure"));
        QCOMPARE(only(ev).powerWatts, 0.0);
        QVERIFY(only(ev).usesEstimates);

        std::string noPrice = oneLink();
        noPrice.erase(noPrice.find(",\"usd_per_hour\":3.6"), std::string_view(",\"usd_per_hour\":3.6").size());
        Evaluation ep = evaluate(strata::test::parseScenario(noPrice));
        QVERIFY(hasDiagnostic(ep.diagnostics, Severity::Info, "accelerator:acc", "no sourced price"));
        QVERIFY(only(ep).costIncomplete);
        QCOMPARE(*only(ep).costUsdPer1kRequests, 0.0); // the pool's cost is left out, not guessed

        std::string noIdle = oneLink();
        noIdle.erase(noIdle.find("\"idle_w\":100,"), std::string_view("\"idle_w\":100,").size());
        Evaluation ei = evaluate(strata::test::parseScenario(noIdle));
        // Idle 500·117/700 = 83.571 W; at ρ 0.2: 83.571 + 0.2·(500 − 83.571) = 166.857 W.
        const double idle = 500.0 * 117.0 / 700.0;
        STRATA_COMPARE_REL(only(ei).powerWatts, idle + 0.2 * (500 - idle), 1e-12);
        bool listed = false;
        for (const Assumption& a : ei.assumptions)
            listed |= a.field == "idle_w" && strata::test::fuzzyCompare(a.value, idle) &&
                      a.elements == std::vector<ElementRef>{ElementRef::accelerator("acc")};
        QVERIFY(listed);

        std::string noMemory = oneLink();
        noMemory.erase(noMemory.find("\"memory_gb\":10,"), std::string_view("\"memory_gb\":10,").size());
        Evaluation em = evaluate(strata::test::parseScenario(noMemory));
        QVERIFY(hasDiagnostic(em.diagnostics, Severity::Warning, "site:c/pool:0", "no memory figure"));
        QVERIFY(hasDiagnostic(strategy(em, Strategy::Centralized).diagnostics, Severity::Warning, "site:u", "cannot be served"));
    }

    void complianceListsTheFlow()
    {
        Evaluation ev = evaluate(strata::test::parseScenario(oneLink({{"JC", "US"}})));
        const auto& c = strategy(ev, Strategy::Centralized).compliance;
        QCOMPARE(c.size(), size_t(1));
        QCOMPARE(c[0].data, std::string("u"));
        QCOMPARE(c[0].toSite, std::string("c"));
        QCOMPARE(c[0].from, std::string("EU"));
        QCOMPARE(c[0].to, std::string("US"));
    }

    void invalidScenarioGivesErrorsAndNoResults()
    {
        Scenario sc = strata::test::parseScenario(oneLink());
        sc.links[0].b = "nowhere";
        Evaluation ev = evaluate(sc);
        QVERIFY(!ev.ok());
        QVERIFY(ev.results.empty());
        QVERIFY(hasDiagnostic(ev.diagnostics, Severity::Error, "link:l", "nowhere"));
    }
};

QTEST_GUILESS_MAIN(tst_Evaluator)
#include "tst_evaluator.moc"
