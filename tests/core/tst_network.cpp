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
            order.push_back(net.siteId(v));
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
