// SPDX-License-Identifier: GPL-3.0-or-later
// Paths: shortest by latency, ties by hop count then site id; latency from distance.

#include "engine/defaults.h"
#include "engine/network.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

#include <random>

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

    void closingATargetRelabelsItsCell()
    {
        // Targets b, t and c. Closing b: s and a go to t (s–a–t 3 ms beats s–t 3.5 ms), b to t
        // (2 ms). Closing t as well: every site left reaches c through t's old position.
        Scenario sc = diamond();
        Network net(sc);
        const int s = net.siteIndex("s"), a = net.siteIndex("a"), b = net.siteIndex("b"), t = net.siteIndex("t"),
                  c = net.siteIndex("c");
        NearestTarget base(net, {b, t, c});
        NearestOpenTarget open(net);
        open.reset(&base);
        QCOMPARE(open.target(s), b);
        open.close(b);
        QCOMPARE(open.target(s), t);
        QCOMPARE(open.target(b), t);
        QCOMPARE(open.target(a), t);
        STRATA_COMPARE_REL(open.latency(s), 3e-3, 1e-12);
        QCOMPARE(open.hops(s), 2);
        std::vector<int> path;
        open.appendPath(s, path); // s → a → t: equal latency and hops, a before b by id
        QCOMPARE(path.size(), size_t(2));
        QCOMPARE(sc.links[path[0] / 2].id, std::string("sa"));
        QCOMPARE(net.linkTo(path[1]), t);
        open.close(b); // closed already: nothing changes
        QCOMPARE(open.target(s), t);
        open.close(t);
        for (int v : {s, a, b, t})
            QCOMPARE(open.target(v), c);
        STRATA_COMPARE_REL(open.latency(s), 3e-3 + 400 * 5e-6 * 1.5, 1e-12);
        open.close(c);
        QCOMPARE(open.target(s), -1);
        // reset() opens every target again.
        open.reset(&base);
        QCOMPARE(open.target(s), b);
    }

    void openTargetsMatchAFreshTreeAndTheSearchOrder_data()
    {
        QTest::addColumn<unsigned>("seed");
        for (unsigned seed = 1; seed <= 40; ++seed)
            QTest::newRow(qPrintable(QString("graph %1").arg(seed))) << seed;
    }

    void openTargetsMatchAFreshTreeAndTheSearchOrder()
    {
        // Random graphs (some with a part cut off, latencies on a coarse grid so that ties occur);
        // targets closed one at a time in random order. After every close each site's label equals
        // that of a NearestTarget built on the open targets alone, and it is the first open
        // target in the order a PathSearch from the site settles them.
        QFETCH(unsigned, seed);
        std::mt19937 rng(seed);
        const int n = 8 + static_cast<int>(rng() % 60);
        Scenario sc;
        for (int i = 0; i < n; ++i) {
            Site site;
            site.id = "v" + std::to_string(i);
            site.kind = SiteKind::Edge;
            sc.sites.push_back(site);
        }
        const int links = n + static_cast<int>(rng() % (2 * n));
        for (int i = 0; i < links; ++i) {
            Link l;
            l.id = "l" + std::to_string(i);
            l.a = sc.sites[rng() % n].id;
            l.b = sc.sites[rng() % (seed % 5 == 0 ? n / 2 : n)].id; // some graphs keep a part apart
            l.kind = LinkKind::Wan;
            l.bandwidthGbps = 1;
            l.latencyMs = 1.0 + static_cast<double>(rng() % 4);
            sc.links.push_back(l);
        }
        Network net(sc);
        std::vector<int> targets;
        for (int v = 0; v < n; ++v)
            if (rng() % 3 == 0)
                targets.push_back(v);
        if (targets.empty())
            targets.push_back(0);
        NearestTarget base(net, targets);
        NearestOpenTarget open(net);
        open.reset(&base);
        std::vector<int> order = targets;
        std::shuffle(order.begin(), order.end(), rng);
        std::vector<uint8_t> isOpen(static_cast<size_t>(n), 0);
        for (int t : targets)
            isOpen[t] = 1;
        PathSearch search(net);
        for (size_t closed = 0; closed <= order.size(); ++closed) {
            std::vector<int> left;
            for (int t : targets)
                if (isOpen[t])
                    left.push_back(t);
            if (left.empty()) {
                for (int v = 0; v < n; ++v)
                    QCOMPARE(open.target(v), -1);
                break;
            }
            NearestTarget fresh(net, left);
            for (int v = 0; v < n; ++v) {
                QCOMPARE(open.target(v), fresh.target(v));
                if (fresh.target(v) < 0)
                    continue;
                QCOMPARE(open.latency(v), fresh.latency(v));
                QCOMPARE(open.hops(v), fresh.hops(v));
                // The path leads from v to its target, link after link, with the latency summed.
                std::vector<int> path;
                open.appendPath(v, path);
                QCOMPARE(static_cast<int>(path.size()), open.hops(v));
                int at = v;
                double latency = 0;
                for (int dl : path) {
                    QCOMPARE(net.linkFrom(dl), at);
                    at = net.linkTo(dl);
                    latency += net.latencySeconds(dl / 2);
                }
                QCOMPARE(at, open.target(v));
                STRATA_COMPARE_REL(latency, open.latency(v), 1e-12);
                // The first open target a search from v settles.
                search.start(v);
                int first = -1;
                for (int u; first < 0 && (u = search.next()) >= 0;)
                    if (isOpen[u])
                        first = u;
                QCOMPARE(open.target(v), first);
            }
            if (closed < order.size()) {
                open.close(order[closed]);
                isOpen[order[closed]] = 0;
            }
        }
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
