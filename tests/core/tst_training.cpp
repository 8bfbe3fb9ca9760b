// SPDX-License-Identifier: GPL-3.0-or-later
// Training and federated jobs (MODEL.md §8) on scenarios whose results are derived by hand.

#include "service/evaluate.h"
#include "engine/trainingmodel.h"
#include "engine/metrics.h"
#include "io/catalogreader.h"
#include "model/validation.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <map>
#include <bit>
#include <random>

using namespace strata::core;
using strata::test::hasDiagnostic;

namespace {

std::string replaceAll(std::string s, const std::map<std::string, std::string>& values)
{
    for (const auto& [key, value] : values)
        for (size_t pos; (pos = s.find(key)) != std::string::npos;)
            s.replace(pos, key.size(), value);
    return s;
}

/// Two cloud regions "east" and "west", each 8 × "acc" (100 TFLOP/s bf16, 450 W, 2 USD/h), joined
/// by one WAN link of BW Gb/s and LAT ms. A 1e9-parameter transformer (L 4, d 1024) trained on
/// TOKENS tokens in batches of 1e6 tokens, sequence 1024, mfu 0.5, sync every H steps.
std::string twoRegions(const std::map<std::string, std::string>& over = {})
{
    std::map<std::string, std::string> v = {{"BW", "1"}, {"LAT", "10"}, {"H", "1"}, {"TOKENS", "1e9"},
                                            {"JE", "US"}, {"JW", "US"}, {"DATASITE", "west"}};
    for (const auto& [k, x] : over)
        v[k] = x;
    return replaceAll(R"({"format":"strata-scenario","version":1,
      "sites":[{"id":"east","kind":"cloud","jurisdiction":"JE","pue":1.0,"carbon_g_per_kwh":100,
                "pools":[{"accelerator":"acc","count":8}]},
               {"id":"west","kind":"cloud","jurisdiction":"JW","pue":1.0,"carbon_g_per_kwh":100,
                "pools":[{"accelerator":"acc","count":8}]}],
      "links":[{"id":"wan","a":"east","b":"west","kind":"wan","bandwidth_gbps":BW,"latency_ms":LAT}],
      "models":[{"id":"m","kind":"transformer","params":1e9,"layers":4,"d_model":1024,"bytes_per_param":2}],
      "workloads":[{"id":"t","type":"training","model":"m","precision":"bf16","tokens":TOKENS,"seq_len":1024,
                    "global_batch_tokens":1e6,"mfu":0.5,"sync_interval_steps":H,
                    "datasets":[{"site":"DATASITE","bytes":1e11}]}],
      "strategies":{"centralized":{"site":"east"},"distributed":{}},
      "accelerators":[{"id":"acc","peak_tflops":{"bf16":100,"fp32":50},"memory_gb":80,"memory_gb_per_s":2000,
                       "tdp_w":450,"idle_w":50,"usd_per_hour":2}]})", v);
}

const TrainingResult& job(const Evaluation& ev, Strategy s)
{
    return strata::test::strategyResult(ev, s).training.at(0);
}

const StrategyResult& strategy(const Evaluation& ev, Strategy s)
{
    return strata::test::strategyResult(ev, s);
}

} // namespace

class tst_Training : public QObject {
    Q_OBJECT
private slots:
    void flopsPerToken()
    {
        Model m;
        m.kind = ModelKind::Transformer;
        m.params = 3e9;
        m.layers = 32;
        m.dModel = 2560;
        // 6N + 12·L·s·d = 1.8e10 + 12·32·4096·2560 = 1.8e10 + 4,026,531,840.
        STRATA_COMPARE_REL(trainingFlopsPerToken(m, 4096, false), 22'026'531'840.0, 1e-15);
        // Recomputation: 6N·4/3 = 2.4e10.
        STRATA_COMPARE_REL(trainingFlopsPerToken(m, 4096, true), 24e9 + 4'026'531'840.0, 1e-15);
    }

    void waterCountsTheItEnergyAtEachSitesWue()
    {
        // East: PUE 1.5, 2 L/kWh; west: PUE 1.2, none given (cloud: 0.12 L/kWh). Each site's share
        // of the energy is facility energy; WUE applies to the IT part, facility / PUE.
        std::string s = twoRegions();
        const std::string east = R"("id":"east","kind":"cloud","jurisdiction":"US","pue":1.0)";
        const std::string west = R"("id":"west","kind":"cloud","jurisdiction":"US","pue":1.0)";
        s.replace(s.find(east), east.size(), R"("id":"east","kind":"cloud","jurisdiction":"US","pue":1.5,"wue_l_per_kwh":2)");
        s.replace(s.find(west), west.size(), R"("id":"west","kind":"cloud","jurisdiction":"US","pue":1.2)");
        const Evaluation ev = evaluate(strata::test::parseScenario(s));
        QVERIFY(ev.ok());
        // Centralized runs at east only; the west pool is not used (the dataset only moves).
        const TrainingResult& c = job(ev, Strategy::Centralized);
        STRATA_COMPARE_REL(c.waterLitres, c.energyJoules / 1.5 / 3.6e6 * 2, 1e-12);
        // Data-parallel: both sites hold 8 equal devices and share the steps evenly, so each
        // draws half the IT energy: E_IT = E_east/1.5 = E_west/1.2 and E = E_east + E_west.
        const TrainingResult& d = job(ev, Strategy::Distributed);
        QCOMPARE(d.sites.size(), size_t(2));
        const double it = d.energyJoules / (1.5 + 1.2);
        STRATA_COMPARE_REL(d.waterLitres, it / 3.6e6 * (2 + 0.12), 1e-12);
        // The results row shows m³; a job that cannot run has no water figure.
        const Metric<TrainingResult>* row = findMetric(trainingMetrics(), "training_water");
        QVERIFY(row);
        QVERIFY(!row->value(TrainingResult{}));
        QCOMPARE(*row->value(d), d.waterLitres / 1e3);
    }

    void expectedMaxOfRandomSubset()
    {
        // {1,2,3,4}, K = 2: (2·C(1,1) + 3·C(2,1) + 4·C(3,1)) / C(4,2) = (2 + 6 + 12)/6.
        STRATA_COMPARE_REL(expectedMaxOfSubset({3, 1, 4, 2}, 2), 20.0 / 6.0, 1e-14);
        STRATA_COMPARE_REL(expectedMaxOfSubset({3, 1, 4, 2}, 4), 4.0, 1e-14); // all clients: the slowest
        STRATA_COMPARE_REL(expectedMaxOfSubset({3, 1, 4, 2}, 1), 2.5, 1e-14); // one client: the mean
        // Large n stays finite: 10,000 clients all taking 1 s.
        STRATA_COMPARE_REL(expectedMaxOfSubset(std::vector<double>(10000, 1.0), 100), 1.0, 1e-9);
    }

    void groupWeightsEqualTheExpandedOrderStatistic()
    {
        // Over generated cases: the E[max] of K clients drawn from groups of m identical ones
        // equals the average of the maximum over every K-subset of the clients listed one by one
        // (enumerated: an independent referee); the weights are probabilities (non-negative, sum 1).
        auto bruteForce = [](const std::vector<double>& t, long long k) {
            const int n = static_cast<int>(t.size());
            double sum = 0;
            long long subsets = 0;
            for (unsigned mask = 0; mask < (1u << n); ++mask) {
                if (std::popcount(mask) != k)
                    continue;
                double most = 0;
                for (int i = 0; i < n; ++i)
                    if (mask & (1u << i))
                        most = std::max(most, t[static_cast<size_t>(i)]);
                sum += most;
                ++subsets;
            }
            return sum / static_cast<double>(subsets);
        };
        std::mt19937 rng(14);
        for (int trial = 0; trial < 500; ++trial) {
            const int groups = 1 + static_cast<int>(rng() % 4); // at most 12 clients: 4,096 subsets
            std::vector<double> times, counts, expanded;
            double t = 0;
            for (int g = 0; g < groups; ++g) {
                t += 0.5 + static_cast<double>(rng() % 100) / 10.0;
                times.push_back(t);
                counts.push_back(1.0 + static_cast<double>(rng() % 3));
                expanded.insert(expanded.end(), static_cast<size_t>(counts.back()), t);
            }
            const long long k = 1 + static_cast<long long>(rng() % expanded.size());
            const std::vector<double> w = slowestGroupWeights(counts, k);
            double sum = 0, grouped = 0;
            for (size_t g = 0; g < w.size(); ++g) {
                QVERIFY(w[g] >= 0);
                sum += w[g];
                grouped += w[g] * times[g];
            }
            STRATA_COMPARE_REL(sum, 1.0, 1e-12);
            STRATA_COMPARE_REL(grouped, bruteForce(expanded, k), 1e-12);
            STRATA_COMPARE_REL(expectedMaxOfSubset(expanded, k), bruteForce(expanded, k), 1e-12);
        }
        // A fleet of 10⁹ devices with K = 100 and one faster site: finite, and the fleet (slower)
        // is almost surely in the round: P(all 100 from the site of 1) = 0.
        const std::vector<double> w = slowestGroupWeights({1.0, 1e9}, 100);
        QCOMPARE(w[0], 0.0);
        STRATA_COMPARE_REL(w[1], 1.0, 1e-15);
        // Fleet faster than the one other client: that client is in the round with probability K/n.
        const std::vector<double> v = slowestGroupWeights({1e6, 1.0}, 10);
        STRATA_COMPARE_REL(v[1], 10.0 / (1e6 + 1.0), 1e-9);
    }

    void aFleetOfDevicesIsOneGroupOfClients()
    {
        // SCENARIO.md's shape: one device site "cars" of D = 2000 devices, each with one "acc"
        // (the pool holds 2000), K = 100 per round. Per device: 1e15 FLOP / (50e12 × 0.4) = 50 s.
        // K·D/n = 100 cars send at once over the 10 Gb/s access link: each update (1e6 B) takes
        // 4 ms + 8e6 × 100 / 1e10 = 84 ms each way. Aggregation at hq: 100 × 2 × 1e6 FLOP on
        // 1 × 50e12 × 0.4 = 1e-5 s.
        auto scenario = [](const char* k) {
            return replaceAll(R"({"format":"strata-scenario","version":1,
              "sites":[{"id":"hq","kind":"cloud","pools":[{"accelerator":"acc","count":1}]},
                       {"id":"cars","kind":"device","devices":2000,"pools":[{"accelerator":"acc","count":2000}]}],
              "links":[{"id":"ran","a":"cars","b":"hq","kind":"cellular-5g","bandwidth_gbps":10,"latency_ms":4,"energy_nj_per_bit":0}],
              "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":2,"flops_per_request":1}],
              "workloads":[{"id":"fl","type":"federated","model":"m","clients":["cars"],"rounds":10,
                            "clients_per_round":K,"local_steps":10,"samples_per_step":100,"flops_per_sample":1e12,
                            "compression":0.5}],
              "strategies":{"centralized":{"site":"hq"},"distributed":{}},
              "accelerators":[{"id":"acc","peak_tflops":{"fp32":50},"memory_gb":8,"memory_gb_per_s":200,
                               "tdp_w":40,"idle_w":4,"usd_per_hour":0.1}]})", {{"K", k}});
        };
        const Scenario sc = strata::test::parseScenario(scenario("100"));
        QVERIFY(!hasErrors(validateScenario(sc, builtinCatalog())));
        Evaluation ev = evaluate(sc);
        QVERIFY(ev.ok());
        const TrainingResult& fl = job(ev, Strategy::Distributed);
        const double round = 50 + 2 * (0.004 + 8e6 * 100 / 1e10) + 1e-5;
        STRATA_COMPARE_REL(*fl.timeSeconds, 10 * round, 1e-12);
        STRATA_COMPARE_REL(fl.dataMovedBytes, 10 * 100 * 2 * 1e6, 1e-15);
        // Energy of the cars: 2000 devices, each in a round with probability 100/2000, busy 50 s at
        // 40 W and idle the rest of the round at 4 W (device PUE 1); hq aggregates at 40 W.
        const double cars = 2000 * (100.0 / 2000) * 10 * (40 * 50 + 4 * (round - 50));
        STRATA_COMPARE_REL(fl.energyJoules, cars + 10 * 1e-5 * 40 * 1.1, 1e-6);
        // More clients per round than cars: an error naming the count.
        const Diagnostics d = validateScenario(strata::test::parseScenario(scenario("2001")), builtinCatalog());
        QVERIFY(hasDiagnostic(d, Severity::Error, "workload:fl", "more than the 2000 clients listed"));
    }

    void centralizedAndDataParallelByHand()
    {
        Evaluation ev = evaluate(strata::test::parseScenario(twoRegions()));
        QVERIFY(ev.ok());
        // FLOP/token = 6e9 + 12·4·1024·1024 = 6,050,331,648; steps = 1e9/1e6 = 1000.
        const double fpt = 6e9 + 12.0 * 4 * 1024 * 1024;
        const TrainingResult& c = job(ev, Strategy::Centralized);
        QCOMPARE(c.steps, 1000.0);
        // Central: 8 × 100 TFLOP/s × 0.5 = 4e14 FLOP/s → compute = 1e9 · fpt / 4e14.
        const double computeCentral = 1e9 * fpt / 4e14;
        STRATA_COMPARE_REL(c.breakdown.computeSeconds, computeCentral, 1e-12);
        // The dataset (1e11 B) moves west → east: 10 ms + 8e11 bit / 1e9 bit/s = 800.01 s.
        STRATA_COMPARE_REL(c.breakdown.transferSeconds, 800.01, 1e-12);
        STRATA_COMPARE_REL(c.dataMovedBytes, 1e11, 1e-15);
        const double timeCentral = computeCentral + 800.01;
        STRATA_COMPARE_REL(*c.timeSeconds, timeCentral, 1e-12);
        // Energy: 8 × (450 W busy · compute + 50 W idle · transfer), PUE 1.
        STRATA_COMPARE_REL(c.energyJoules, 8 * (450 * computeCentral + 50 * 800.01), 1e-12);
        STRATA_COMPARE_REL(c.carbonGrams, c.energyJoules / 3.6e6 * 100, 1e-12);
        // Water: IT energy (PUE 1) × the cloud default WUE 0.12 L/kWh.
        STRATA_COMPARE_REL(c.waterLitres, c.energyJoules / 3.6e6 * 0.12, 1e-12);
        // Cost: 8 devices × 2 USD/h over the whole time.
        STRATA_COMPARE_REL(*c.costUsd, 8 * 2 * timeCentral / 3600, 1e-12);

        // Data parallel over both: compute halves; ring all-reduce of G = 2e9 B every step:
        // t_ar = 2·(1/2)·8·2e9 / 1e9 + 2·1·0.01 = 16.02 s; × 1000 steps.
        const TrainingResult& d = job(ev, Strategy::Distributed);
        QCOMPARE(d.mode, std::string("data-parallel"));
        STRATA_COMPARE_REL(d.breakdown.computeSeconds, computeCentral / 2, 1e-12);
        STRATA_COMPARE_REL(d.breakdown.communicationSeconds, 1000 * 16.02, 1e-12);
        QCOMPARE(d.breakdown.transferSeconds, 0.0); // the dataset stays where a participant is
        QCOMPARE(d.dataMovedBytes, 0.0);
        STRATA_COMPARE_REL(*d.scalingEfficiency, (computeCentral / 2) / (computeCentral / 2 + 16020), 1e-12);
        // Each of the 2 sites sends 2·(1/2)·2e9 B per all-reduce.
        STRATA_COMPARE_REL(d.gradientTrafficBytes, 1000 * 2 * 2e9, 1e-12);
    }

    void scalingEfficiencyFallsWithLatencyAndRisesWithSyncInterval()
    {
        double last = 2;
        for (const char* lat : {"1", "10", "50", "200"}) {
            Evaluation ev = evaluate(strata::test::parseScenario(twoRegions({{"BW", "100"}, {"LAT", lat}})));
            double e = *job(ev, Strategy::Distributed).scalingEfficiency;
            QVERIFY2(e < last, lat);
            last = e;
        }
        last = 0;
        for (const char* h : {"1", "4", "16", "64"}) {
            Evaluation ev = evaluate(strata::test::parseScenario(twoRegions({{"H", h}})));
            double e = *job(ev, Strategy::Distributed).scalingEfficiency;
            QVERIFY2(e > last, h);
            last = e;
        }
    }

    void datasetsAndJurisdictions()
    {
        std::string json = twoRegions({{"JE", "US"}, {"JW", "EU"}});
        json.replace(json.find("\"distributed\":{}"), 16, "\"distributed\":{},\"hybrid\":{}");
        Evaluation ev = evaluate(strata::test::parseScenario(json));
        // Centralized at east (US): the EU dataset is copied there.
        const auto& central = strategy(ev, Strategy::Centralized).compliance;
        QCOMPARE(central.size(), size_t(1));
        QCOMPARE(central[0].data, std::string("west"));
        QCOMPARE(central[0].toSite, std::string("east"));
        QCOMPARE(central[0].from, std::string("EU"));
        QCOMPARE(central[0].to, std::string("US"));
        // Distributed (MODEL.md §3): each region trains on data in its own jurisdiction; east (US)
        // holds none, so only west trains, on its own data: nothing moves, no violation.
        const auto& dist = strategy(ev, Strategy::Distributed);
        QVERIFY(dist.compliance.empty());
        QCOMPARE(job(ev, Strategy::Distributed).sites, (std::vector<std::string>{"west"}));
        QCOMPARE(job(ev, Strategy::Distributed).dataMovedBytes, 0.0);
        QCOMPARE(job(ev, Strategy::Distributed).breakdown.transferSeconds, 0.0);
        // With allow_cross_border_copies, east joins on its half of the 1e11 B (equal FLOP/s)
        // copied from west: 10 ms + 8·5e10 / 1e9 = 400.01 s, and a violation.
        std::string copies = json;
        copies.replace(copies.find("\"distributed\":{}"), 16, "\"distributed\":{\"allow_cross_border_copies\":true}");
        Evaluation ev2 = evaluate(strata::test::parseScenario(copies));
        QVERIFY(ev2.ok());
        const auto& dist2 = strategy(ev2, Strategy::Distributed);
        QCOMPARE(dist2.compliance.size(), size_t(1));
        QCOMPARE(dist2.compliance[0].toSite, std::string("east"));
        QCOMPARE(job(ev2, Strategy::Distributed).sites, (std::vector<std::string>{"east", "west"}));
        STRATA_COMPARE_REL(job(ev2, Strategy::Distributed).dataMovedBytes, 5e10, 1e-12);
        STRATA_COMPARE_REL(job(ev2, Strategy::Distributed).breakdown.transferSeconds, 400.01, 1e-12);
        // The option round-trips through JSON.
        QCOMPARE(readScenarioJson(writeScenarioJson(strata::test::parseScenario(copies))).scenario.strategies[Strategy::Distributed]
                     .allowCrossBorderCopies,
                 std::optional<bool>(true));
        // Hybrid never moves data out of its jurisdiction: only west, where the data is, trains.
        QVERIFY(strategy(ev, Strategy::Hybrid).compliance.empty());
        QCOMPARE(job(ev, Strategy::Hybrid).sites, (std::vector<std::string>{"west"}));
        QCOMPARE(job(ev, Strategy::Hybrid).dataMovedBytes, 0.0);
    }

    void federatedRoundIsSetByTheSlowestClient()
    {
        // Three hospitals with 1, 2 and 4 devices (fp32 50 TFLOP/s, default mfu 0.4): local work
        // 10 steps × 100 samples × 1e12 FLOP = 1e15 FLOP → 50 s, 25 s, 12.5 s. Updates of 1e6 B
        // (2e6 B model, compression 0.5) over 10 Gb/s links of 5 ms: 5 ms + 0.8 ms each way.
        std::string sc = R"({"format":"strata-scenario","version":1,
          "sites":[{"id":"hq","kind":"cloud","jurisdiction":"EU","pools":[{"accelerator":"acc","count":1}]},
                   {"id":"h1","kind":"onprem","jurisdiction":"EU","pools":[{"accelerator":"acc","count":1}]},
                   {"id":"h2","kind":"onprem","jurisdiction":"US","pools":[{"accelerator":"acc","count":2}]},
                   {"id":"h3","kind":"onprem","jurisdiction":"EU","pools":[{"accelerator":"acc","count":4}]}],
          "links":[{"id":"l1","a":"h1","b":"hq","kind":"wan","bandwidth_gbps":10,"latency_ms":5},
                   {"id":"l2","a":"h2","b":"hq","kind":"wan","bandwidth_gbps":10,"latency_ms":5},
                   {"id":"l3","a":"h3","b":"hq","kind":"wan","bandwidth_gbps":10,"latency_ms":5}],
          "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":2,"flops_per_request":1}],
          "workloads":[{"id":"fl","type":"federated","model":"m","clients":["h1","h2","h3"],"rounds":50,
                        "clients_per_round":3,"local_steps":10,"samples_per_step":100,"flops_per_sample":1e12,
                        "compression":0.5,"datasets":[{"site":"h2","bytes":5e11}]}],
          "strategies":{"centralized":{"site":"hq"},"distributed":{}},
          "accelerators":[{"id":"acc","peak_tflops":{"fp32":50},"memory_gb":80,"memory_gb_per_s":2000,
                           "tdp_w":400,"idle_w":40,"usd_per_hour":1}]})";
        Evaluation ev = evaluate(strata::test::parseScenario(sc));
        QVERIFY(ev.ok());
        const TrainingResult& fl = job(ev, Strategy::Distributed);
        QCOMPARE(fl.mode, std::string("fedavg"));
        // Round: the slowest client (h1: 50 s) plus its update both ways, 2 × (5 ms + 8e6/1e10 s),
        // plus aggregation at hq: K·2·N FLOP = 3·2·1e6 on 1 × 50 TFLOP/s × 0.4 = 3e-7 s.
        const double aggregation = 3 * 2 * 1e6 / (50e12 * 0.4);
        const double round = 50 + 2 * (0.005 + 0.0008) + aggregation;
        STRATA_COMPARE_REL(*fl.timeSeconds, 50 * round, 1e-12);
        STRATA_COMPARE_REL(fl.breakdown.computeSeconds, 50 * (50.0 + aggregation), 1e-12);
        // Data moved: R · K · 2 · update = 50 · 3 · 2 · 1e6 B.
        STRATA_COMPARE_REL(fl.dataMovedBytes, 50 * 3 * 2 * 1e6, 1e-15);
        STRATA_COMPARE_REL(*fl.centralizedDataBytes, 5e11, 1e-15);
        QVERIFY(strategy(ev, Strategy::Distributed).compliance.empty()); // updates are not raw data
        // Centralized uploads the raw data instead: US → EU, a violation.
        const StrategyResult& central = strategy(ev, Strategy::Centralized);
        QCOMPARE(central.compliance.size(), size_t(1));
        QCOMPARE(central.compliance[0].from, std::string("US"));

        // With K = 2 of 3, the straggler is the expected max: clients take 12.5, 25 and 50 s plus the
        // same network time c: E[max] = ((25 + c)·C(1,1) + (50 + c)·C(2,1)) / C(3,2).
        std::string two = sc;
        two.replace(two.find("\"clients_per_round\":3"), 21, "\"clients_per_round\":2");
        Evaluation ev2 = evaluate(strata::test::parseScenario(two));
        const double c = 2 * (0.005 + 0.0008);
        STRATA_COMPARE_REL(*job(ev2, Strategy::Distributed).timeSeconds,
                           50 * (((25 + c) + 2 * (50 + c)) / 3 + 2 * 2 * 1e6 / (50e12 * 0.4)), 1e-12);
    }

    void federatedUpdatesPayEgress()
    {
        // One client in a cloud region sends its 1e6 B update up a link priced at 0.05 USD/GB and
        // gets the new model back over it: per round 2 × 1e6 B × 0.05/1e9 = 1e-4 USD (the update
        // leaves a cloud site both ways). 10 rounds, K = n = 1: 1e-3 USD, plus the pools.
        auto scenario = [](const char* price) {
            return replaceAll(R"({"format":"strata-scenario","version":1,
              "sites":[{"id":"hq","kind":"cloud","pools":[{"accelerator":"acc","count":1}]},
                       {"id":"c1","kind":"cloud","pools":[{"accelerator":"acc","count":1}]}],
              "links":[{"id":"l","a":"c1","b":"hq","kind":"wan","bandwidth_gbps":10,"latency_ms":5,"egress_usd_per_gb":PRICE}],
              "models":[{"id":"m","kind":"generic","params":5e5,"bytes_per_param":2,"flops_per_request":1}],
              "workloads":[{"id":"fl","type":"federated","model":"m","clients":["c1"],"rounds":10,
                            "clients_per_round":1,"local_steps":1,"samples_per_step":1,"flops_per_sample":1e12}],
              "strategies":{"centralized":{"site":"hq"},"distributed":{}},
              "accelerators":[{"id":"acc","peak_tflops":{"fp32":50},"memory_gb":80,"memory_gb_per_s":2000,
                               "tdp_w":400,"idle_w":40,"usd_per_hour":1}]})", {{"PRICE", price}});
        };
        const double priced = *job(evaluate(strata::test::parseScenario(scenario("0.05"))), Strategy::Distributed).costUsd;
        const double free = *job(evaluate(strata::test::parseScenario(scenario("0"))), Strategy::Distributed).costUsd;
        STRATA_COMPARE_REL(priced - free, 10 * 2 * 1e6 * 0.05 / 1e9, 1e-9);
    }

    void uploadThenTrainMovesTheRawData()
    {
        std::string sc = R"({"format":"strata-scenario","version":1,
          "sites":[{"id":"hq","kind":"cloud","jurisdiction":"EU","pools":[{"accelerator":"acc","count":10}]},
                   {"id":"h1","kind":"onprem","jurisdiction":"US","pools":[{"accelerator":"acc","count":1}]}],
          "links":[{"id":"l1","a":"h1","b":"hq","kind":"wan","bandwidth_gbps":1,"latency_ms":5}],
          "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":2,"flops_per_request":1}],
          "workloads":[{"id":"fl","type":"federated","model":"m","clients":["h1"],"rounds":10,
                        "clients_per_round":1,"local_steps":10,"samples_per_step":100,"flops_per_sample":1e12,
                        "datasets":[{"site":"h1","bytes":1e10}]}],
          "strategies":{"centralized":{"site":"hq"}},
          "accelerators":[{"id":"acc","peak_tflops":{"fp32":50},"memory_gb":80,"memory_gb_per_s":2000,
                           "tdp_w":400,"idle_w":40,"usd_per_hour":1}]})";
        Evaluation ev = evaluate(strata::test::parseScenario(sc));
        const TrainingResult& r = job(ev, Strategy::Centralized);
        QCOMPARE(r.mode, std::string("upload-then-train"));
        // Upload 1e10 B: 5 ms + 8e10/1e9 = 80.005 s. Train 10 rounds × 1e15 FLOP on 10 × 50e12 × 0.4 = 2e14 FLOP/s: 50 s.
        STRATA_COMPARE_REL(r.breakdown.transferSeconds, 80.005, 1e-12);
        STRATA_COMPARE_REL(r.breakdown.computeSeconds, 50.0, 1e-12);
        STRATA_COMPARE_REL(r.dataMovedBytes, 1e10, 1e-15);
        QCOMPARE(strategy(ev, Strategy::Centralized).compliance.size(), size_t(1)); // US data to an EU site
    }

    void hybridBurstsToTheCloudOnlyWhenItHelps()
    {
        // On-prem with 1 device; a cloud with 8. A fast link makes the burst pay; a slow one does not.
        auto scenario = [](const char* bw) {
            return replaceAll(R"({"format":"strata-scenario","version":1,
              "sites":[{"id":"lab","kind":"onprem","pools":[{"accelerator":"acc","count":1}]},
                       {"id":"cloud","kind":"cloud","pools":[{"accelerator":"acc","count":8}]}],
              "links":[{"id":"wan","a":"lab","b":"cloud","kind":"wan","bandwidth_gbps":BW,"latency_ms":10}],
              "models":[{"id":"m","kind":"transformer","params":1e9,"layers":4,"d_model":1024,"bytes_per_param":2}],
              "workloads":[{"id":"t","type":"training","model":"m","precision":"bf16","tokens":1e9,"seq_len":1024,
                            "global_batch_tokens":1e6,"mfu":0.5}],
              "strategies":{"hybrid":{}},
              "accelerators":[{"id":"acc","peak_tflops":{"bf16":100},"memory_gb":80,"memory_gb_per_s":2000,
                               "tdp_w":450,"idle_w":50,"usd_per_hour":2}]})", {{"BW", bw}});
        };
        // Lab alone: compute = 1e9·fpt/(1 × 5e13) ≈ 121,007 s. With the cloud: /9 plus 1000 × t_ar.
        // 400 Gb/s: t_ar = 8·2e9/4e11 + 0.02 = 0.06 s → 13,445 + 60 s: burst. 0.1 Gb/s: t_ar = 160 s → no.
        Evaluation fast = evaluate(strata::test::parseScenario(scenario("400")));
        QCOMPARE(job(fast, Strategy::Hybrid).sites, (std::vector<std::string>{"lab", "cloud"}));
        Evaluation slow = evaluate(strata::test::parseScenario(scenario("0.1")));
        QCOMPARE(job(slow, Strategy::Hybrid).sites, (std::vector<std::string>{"lab"}));
    }
};

QTEST_GUILESS_MAIN(tst_Training)
#include "tst_training.moc"
