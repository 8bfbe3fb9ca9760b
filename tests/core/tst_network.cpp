// SPDX-License-Identifier: GPL-3.0-or-later
// Paths: shortest by latency, ties by hop count then site id; latency from distance.

#include "engine/defaults.h"
#include "engine/network.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

using namespace strata::core;

namespace {
Scenario diamond()
{
    // s — a — t and s — b — t with equal latency; plus s — t direct but slower; c behind t.
    return strata::test::parseScenario(R"({"format":"strata-scenario","version":1,
      "sites":[{"id":"s","kind":"device"},{"id":"b","kind":"edge"},{"id":"a","kind":"edge"},
               {"id":"t","kind":"cloud"},{"id":"c","kind":"cloud"},{"id":"island","kind":"cloud"}],
      "links":[{"id":"sb","a":"s","b":"b","kind":"lan","bandwidth_gbps":1,"latency_ms":1},
               {"id":"sa","a":"s","b":"a","kind":"lan","bandwidth_gbps":1,"latency_ms":1},
               {"id":"bt","a":"b","b":"t","kind":"lan","bandwidth_gbps":1,"latency_ms":2},
               {"id":"at","a":"a","b":"t","kind":"lan","bandwidth_gbps":1,"latency_ms":2},
               {"id":"st","a":"s","b":"t","kind":"wan","bandwidth_gbps":1,"latency_ms":3.5},
               {"id":"tc","a":"c","b":"t","kind":"wan","bandwidth_gbps":1,"distance_km":400,"route_factor":1.5}]})");
}
} // namespace

class tst_Network : public QObject {
    Q_OBJECT
private slots:
    void latencyFromDistance()
    {
        Link l;
        l.distanceKm = 800;
        l.routeFactor = 1.4;
        STRATA_COMPARE_REL(linkLatencySeconds(l), 800 * 5e-6 * 1.4, 1e-15); // 5.6 ms
        l.latencyMs = 2.0;
        STRATA_COMPARE_REL(linkLatencySeconds(l), 2e-3, 1e-15); // given latency wins
    }

    void shortestByLatencyTiesByHopsThenId()
    {
        Scenario sc = diamond();
        Network net(sc);
        PathSearch search(net);
        search.start(net.siteIndex("s"));
        std::vector<std::string> order;
        for (int v; (v = search.next()) >= 0;)
            order.emplace_back(net.siteId(v));
        // s (0), a and b (1 ms; id order), t (3 ms, via a: 2 hops — the direct 3.5 ms link loses),
        // c (3 + 3 = 6 ms); island is unreachable.
        QCOMPARE(order, (std::vector<std::string>{"s", "a", "b", "t", "c"}));
        const int t = net.siteIndex("t");
        STRATA_COMPARE_REL(search.latency(t), 3e-3, 1e-12);
        QCOMPARE(search.hops(t), 2);
        std::vector<int> path = search.path(t);
        QCOMPARE(path.size(), size_t(2));
        QCOMPARE(sc.links[path[0] / 2].id, std::string("sa")); // equal latency and hops: first by id
        QVERIFY(!search.reached(net.siteIndex("island")));
        STRATA_COMPARE_REL(search.latency(net.siteIndex("c")), 3e-3 + 400 * 5e-6 * 1.5, 1e-12);
    }

    void nearestOrderMatchesTheSearchBeyondItsCache()
    {
        // With a cache of 2 entries, the rest of the order comes from the live continuation.
        Scenario sc = diamond();
        Network net(sc);
        NearestOrder order(net, 2);
        const int s = net.siteIndex("s");
        std::vector<std::string> sites;
        for (size_t k = 0; const NearestOrder::Settled* e = order.at(s, k); ++k)
            sites.emplace_back(net.siteId(e->site));
        QCOMPARE(sites, (std::vector<std::string>{"s", "a", "b", "t", "c"}));
        std::vector<int> path;
        order.appendPath(s, 4, path); // s → a → t → c
        QCOMPARE(path.size(), size_t(3));
        QCOMPARE(sc.links[path[0] / 2].id, std::string("sa"));
        QCOMPARE(sc.links[path[2] / 2].id, std::string("tc"));
        STRATA_COMPARE_REL(order.at(s, 4)->latency, 3e-3 + 400 * 5e-6 * 1.5, 1e-12);
        QVERIFY(!order.at(s, 5)); // the island is unreachable
    }

    void nearestTargetOfEverySite()
    {
        // Targets b and c: s reaches b in 1 ms; a reaches b via s (2 ms, 2 hops) or t (2 + 2 = 4 ms);
        // the island reaches none.
        Scenario sc = diamond();
        Network net(sc);
        NearestTarget tree(net, {net.siteIndex("b"), net.siteIndex("c")});
        QCOMPARE(tree.target(net.siteIndex("s")), net.siteIndex("b"));
        QCOMPARE(tree.target(net.siteIndex("a")), net.siteIndex("b"));
        STRATA_COMPARE_REL(tree.latency(net.siteIndex("a")), 2e-3, 1e-12);
        QCOMPARE(tree.hops(net.siteIndex("a")), 2);
        QCOMPARE(tree.target(net.siteIndex("c")), net.siteIndex("c"));
        QCOMPARE(tree.target(net.siteIndex("island")), -1);
        std::vector<int> path;
        tree.appendPath(net.siteIndex("a"), path); // a → s → b, in travel order
        QCOMPARE(path.size(), size_t(2));
        QCOMPARE(net.linkFrom(path[0]), net.siteIndex("a"));
        QCOMPARE(net.linkTo(path[1]), net.siteIndex("b"));
        // t is 2 ms from b and 3 ms from c: b.
        QCOMPARE(tree.target(net.siteIndex("t")), net.siteIndex("b"));
    }

    void tieOnLatencyPrefersFewerHops()
    {
        Scenario sc = diamond();
        sc.links[4].latencyMs = 3.0; // s–t direct now equals the 2-hop paths
        Network net(sc);
        PathSearch search(net);
        search.start(net.siteIndex("s"));
        while (search.next() >= 0) {
        }
        QCOMPARE(search.hops(net.siteIndex("t")), 1);
        QCOMPARE(sc.links[search.path(net.siteIndex("t"))[0] / 2].id, std::string("st"));
    }
};

QTEST_GUILESS_MAIN(tst_Network)
#include "tst_network.moc"
