// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument: every edit is one undo step with precise signals, and undo restores exactly.

#include "models/projectdocument.h"
#include "models/unitinput.h"
#include "testutil.h"

#include <QObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace strata::core;
using namespace strata::models;

namespace {
Scenario example(const char* file)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(file)));
}
} // namespace

class tst_ProjectDocument : public QObject {
    Q_OBJECT
private slots:
    void addSiteIsOneUndoStepWithSignals()
    {
        ProjectDocument doc;
        QSignalSpy added(&doc, &ProjectDocument::siteAdded);
        QSignalSpy removed(&doc, &ProjectDocument::siteRemoved);
        QSignalSpy changed(&doc, &ProjectDocument::changed);
        const QString id = doc.addSite(SiteKind::Edge, QPointF(40, 60));
        QCOMPARE(id, QStringLiteral("edge-1"));
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.front().front().toString(), id);
        QCOMPARE(doc.scenario().sites.size(), size_t(1));
        QCOMPARE(doc.scenario().sites[0].position->x, 40.0);
        QCOMPARE(doc.undoStack()->count(), 1);
        QVERIFY(doc.isModified());
        doc.undoStack()->undo();
        QCOMPARE(removed.count(), 1);
        QVERIFY(doc.scenario().sites.empty());
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QCOMPARE(added.count(), 2);
        QCOMPARE(doc.scenario().sites.size(), size_t(1));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(doc.addSite(SiteKind::Edge, {}), QStringLiteral("edge-2"));
    }

    void linkGetsDefaultsByKindAndIsRefusedTwice()
    {
        ProjectDocument doc;
        const QString d = doc.addSite(SiteKind::Device, {}), e = doc.addSite(SiteKind::Edge, {}), c = doc.addSite(SiteKind::Cloud, {});
        const QString l1 = doc.addLink(d, e);
        const Link* radio = doc.link(l1);
        QVERIFY(radio);
        QCOMPARE(radio->kind, LinkKind::Cellular5G);
        QCOMPARE(radio->bandwidthGbps, 1.0);
        QCOMPARE(*radio->latencyMs, 10.0);
        const Link* wan = doc.link(doc.addLink(e, c));
        QCOMPARE(wan->kind, LinkKind::Wan);
        QCOMPARE(wan->bandwidthGbps, 100.0);
        QVERIFY(doc.addLink(e, d).isEmpty()); // already linked (either direction)
        QVERIFY(doc.addLink(c, c).isEmpty()); // not to itself
        QVERIFY(doc.addLink(c, QStringLiteral("nowhere")).isEmpty());
    }

    void deleteSiteWithLinksIsOneStepAndDropsReferences()
    {
        ProjectDocument doc;
        const Scenario original = example("dcc-paper-comparison.json");
        doc.reset(original);
        const std::string victim = original.sites[0].id;
        const QStringList touching = doc.linksOf({QString::fromStdString(victim)});
        QVERIFY(!touching.isEmpty());
        QSignalSpy linkRemoved(&doc, &ProjectDocument::linkRemoved);
        doc.removeElements({QString::fromStdString(victim)}, {});
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(linkRemoved.count(), touching.size());
        QVERIFY(!doc.site(QString::fromStdString(victim)));
        for (const Workload& w : doc.scenario().workloads)
            if (const auto* s = w.inference())
                for (const RequestSource& r : s->sources)
                    QVERIFY(r.site != victim);
        doc.undoStack()->undo();
        QVERIFY(doc.scenario() == original);
    }

    void consecutiveNudgesMergeIntoOneStep()
    {
        ProjectDocument doc;
        const QString a = doc.addSite(SiteKind::Cloud, QPointF(0, 0));
        const QString b = doc.addSite(SiteKind::Cloud, QPointF(100, 0));
        const int before = doc.undoStack()->count();
        for (int i = 1; i <= 5; ++i)
            doc.moveSites({{a, QPointF(20.0 * i, 0)}, {b, QPointF(100 + 20.0 * i, 0)}}, QStringLiteral("nudge:a,b"));
        QCOMPARE(doc.undoStack()->count(), before + 1);
        // The undo text names the real count (it once said "Move 0 sites" for every drag).
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Move 2 sites"));
        QCOMPARE(doc.site(a)->position->x, 100.0);
        doc.undoStack()->undo();
        QCOMPARE(doc.site(a)->position->x, 0.0);
        QCOMPARE(doc.site(b)->position->x, 100.0);
        // A move without a merge key is its own step.
        doc.undoStack()->redo();
        doc.moveSites({{a, QPointF(7, 7)}});
        QCOMPARE(doc.undoStack()->count(), before + 2);
        // One site: its name (the id when it has none).
        const Site* moved = doc.site(a);
        QCOMPARE(doc.undoStack()->undoText(),
                 QStringLiteral("Move %1").arg(QString::fromStdString(moved->name.empty() ? moved->id : moved->name)));
    }

    void pasteKeepsInternalLinksWithNewIds()
    {
        ProjectDocument doc;
        const QString a = doc.addSite(SiteKind::Edge, QPointF(0, 0));
        const QString b = doc.addSite(SiteKind::Cloud, QPointF(200, 0));
        const QString c = doc.addSite(SiteKind::Cloud, QPointF(400, 0));
        doc.addLink(a, b);
        doc.addLink(b, c);
        const std::vector<Site> sites = {*doc.site(a), *doc.site(b)};
        const std::vector<Link> links = doc.scenario().links; // b–c must not come along: c is not copied
        const QStringList fresh = doc.paste(sites, links, QPointF(40, 40));
        QCOMPARE(fresh.size(), 2);
        QVERIFY(!fresh.contains(a) && !fresh.contains(b));
        QCOMPARE(doc.scenario().links.size(), size_t(3));
        const Link& copy = doc.scenario().links.back();
        QCOMPARE(QString::fromStdString(copy.a), fresh[0]);
        QCOMPARE(QString::fromStdString(copy.b), fresh[1]);
        QVERIFY(copy.id != doc.scenario().links[0].id);
        QCOMPARE(doc.site(fresh[0])->position->x, 40.0);
        QCOMPARE(doc.undoStack()->count(), 6);
    }

    void unplacedSitesAreLaidOutInColumnsByKind()
    {
        // Devices, edge, on-prem, cloud from left to right, 360 apart; 130 apart down a column;
        // a placed site keeps its place and the new ones start 400 to its right.
        Scenario sc;
        auto site = [&](const char* id, SiteKind kind) {
            Site s;
            s.id = id;
            s.kind = kind;
            sc.sites.push_back(s);
        };
        site("phones", SiteKind::Device);
        site("cloud-a", SiteKind::Cloud);
        site("edge", SiteKind::Edge);
        site("cloud-b", SiteKind::Cloud);
        site("plant", SiteKind::OnPrem);
        site("cars", SiteKind::Device);
        ProjectDocument doc;
        doc.reset(sc);
        auto at = [&](const char* id) {
            const Position p = *doc.scenario().findSite(id)->position;
            return QPointF(p.x, p.y);
        };
        QCOMPARE(at("phones"), QPointF(0, 0));
        QCOMPARE(at("cars"), QPointF(0, 130));
        QCOMPARE(at("edge"), QPointF(360, 0));
        QCOMPARE(at("plant"), QPointF(720, 0));
        QCOMPARE(at("cloud-a"), QPointF(1080, 0));
        QCOMPARE(at("cloud-b"), QPointF(1080, 130));
        QVERIFY(!doc.isModified());
        sc.sites[0].position = Position{500, 20};
        doc.reset(sc);
        QCOMPARE(at("phones"), QPointF(500, 20));
        QCOMPARE(at("cars"), QPointF(900, 0));
        QCOMPARE(at("cloud-b"), QPointF(900 + 1080, 130));
    }

    void metaEditAndWorkloadEditAreUndoable()
    {
        ProjectDocument doc;
        doc.reset(example("fraud-scoring.json"));
        const Scenario original = doc.scenario();
        ScenarioMeta m = doc.meta();
        m.notes = "check egress prices";
        QSignalSpy metaChanged(&doc, &ProjectDocument::metaChanged);
        doc.setMeta(m, QStringLiteral("Edit notes"));
        QCOMPARE(metaChanged.count(), 1);
        QCOMPARE(doc.scenario().notes, std::string("check egress prices"));
        Workload w = doc.scenario().workloads[0];
        w.name = "renamed";
        doc.replaceWorkload(QString::fromStdString(w.id), w);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QVERIFY(doc.scenario() == original);
    }

    void unitAwareInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("quantity");
        QTest::addColumn<double>("expected");
        QTest::newRow("400G") << "400G" << int(Quantity::BandwidthGbps) << 400.0;
        QTest::newRow("1.2 TB/s = 9600 Gbps") << "1.2 TB/s" << int(Quantity::BandwidthGbps) << 9600.0;
        QTest::newRow("100 Mbps") << "100 Mbps" << int(Quantity::BandwidthGbps) << 0.1;
        QTest::newRow("35 ms") << "35 ms" << int(Quantity::TimeMs) << 35.0;
        QTest::newRow("2 s") << "2 s" << int(Quantity::TimeMs) << 2000.0;
        QTest::newRow("250 us") << "250 us" << int(Quantity::TimeMs) << 0.25;
        QTest::newRow("250 µs (micro sign)") << QString::fromUtf8("250 \u00b5s") << int(Quantity::TimeMs) << 0.25;
        QTest::newRow("250 μs (Greek mu)") << QString::fromUtf8("250 \u03bcs") << int(Quantity::TimeMs) << 0.25;
        QTest::newRow("10 Mbit/s") << "10 Mbit/s" << int(Quantity::BandwidthGbps) << 0.01;
        QTest::newRow("2 TB") << "2 TB" << int(Quantity::Bytes) << 2e12;
        QTest::newRow("1 GiB") << "1 GiB" << int(Quantity::Bytes) << 1073741824.0;
        QTest::newRow("bare bytes") << "1e6" << int(Quantity::Bytes) << 1e6;
        QTest::newRow("35 %") << "35 %" << int(Quantity::Percent) << 0.35;
        QTest::newRow("12k") << "12k" << int(Quantity::Plain) << 12000.0;
    }
    void unitAwareInput()
    {
        QFETCH(QString, text);
        QFETCH(int, quantity);
        QFETCH(double, expected);
        const ParsedQuantity p = parseQuantity(text, Quantity(quantity));
        QVERIFY2(p.value, qPrintable(p.error));
        QVERIFY(strata::test::fuzzyCompare(*p.value, expected, 1e-12));
    }

    void badUnitInputSaysWhy()
    {
        ParsedQuantity p = parseQuantity(QStringLiteral("35 parsecs"), Quantity::TimeMs);
        QVERIFY(!p.value);
        QVERIFY(p.error.contains(QStringLiteral("parsecs")));
        QVERIFY(p.error.contains(QStringLiteral("ms")));
        p = parseQuantity(QStringLiteral("fast"), Quantity::BandwidthGbps);
        QVERIFY(!p.value);
        QVERIFY(p.error.contains(QStringLiteral("not a number")));
        QVERIFY(!parseQuantity(QStringLiteral("1e999"), Quantity::Plain).value);
        QVERIFY(!parseQuantity(QString(), Quantity::Plain).value);
    }

    void randomOperationsThenUndoAllGiveTheStart()
    {
        // 2,000 random edits of every kind, then undo all: the scenario must equal the start,
        // and redo all must equal the end.
        ProjectDocument doc;
        const Scenario start = example("dcc-paper-comparison.json");
        doc.reset(start);
        QRandomGenerator rng(20261123);
        auto pickSite = [&]() -> QString {
            const auto& s = doc.scenario().sites;
            return s.empty() ? QString() : QString::fromStdString(s[rng.bounded(int(s.size()))].id);
        };
        auto pickLink = [&]() -> QString {
            const auto& l = doc.scenario().links;
            return l.empty() ? QString() : QString::fromStdString(l[rng.bounded(int(l.size()))].id);
        };
        for (int i = 0; i < 2000; ++i) {
            switch (rng.bounded(9)) {
            case 0: doc.addSite(SiteKind(rng.bounded(4)), QPointF(rng.bounded(1000), rng.bounded(1000))); break;
            case 1: doc.addLink(pickSite(), pickSite()); break;
            case 2: {
                const QString s = pickSite();
                if (!s.isEmpty())
                    doc.removeElements({s}, {});
                break;
            }
            case 3: {
                const QString l = pickLink();
                if (!l.isEmpty())
                    doc.removeElements({}, {l});
                break;
            }
            case 4: {
                const QString s = pickSite();
                if (!s.isEmpty())
                    doc.moveSites({{s, QPointF(rng.bounded(800), rng.bounded(800))}}, rng.bounded(2) ? QStringLiteral("nudge") : QString());
                break;
            }
            case 5: {
                const QString s = pickSite();
                if (!s.isEmpty())
                    doc.addAccelerators(s, QStringLiteral("nvidia-h100-sxm"), 1 + rng.bounded(16));
                break;
            }
            case 6: {
                const QString l = pickLink();
                if (!l.isEmpty()) {
                    Link copy = *doc.link(l);
                    copy.bandwidthGbps = 1 + rng.bounded(400);
                    doc.replaceLink(l, copy, QStringLiteral("bandwidth"));
                }
                break;
            }
            case 7: {
                const QString a = pickSite(), b = pickSite();
                if (!a.isEmpty() && !b.isEmpty() && a != b) {
                    std::vector<Site> sites = {*doc.site(a), *doc.site(b)};
                    doc.paste(sites, doc.scenario().links, QPointF(40, 40));
                }
                break;
            }
            case 8: {
                ScenarioMeta m = doc.meta();
                m.notes = std::to_string(i);
                doc.setMeta(m, QStringLiteral("notes"));
                break;
            }
            }
            if (i % 97 == 0 && doc.undoStack()->canUndo())
                doc.undoStack()->undo(); // interleave some undos: redo history gets cut, as in real use
        }
        const Scenario end = doc.scenario();
        QVERIFY(!(end == start));
        while (doc.undoStack()->canUndo())
            doc.undoStack()->undo();
        QVERIFY(doc.scenario() == start);
        while (doc.undoStack()->canRedo())
            doc.undoStack()->redo();
        QVERIFY(doc.scenario() == end);
    }
};

QTEST_GUILESS_MAIN(tst_ProjectDocument)
#include "tst_projectdocument.moc"
