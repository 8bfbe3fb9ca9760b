// SPDX-License-Identifier: GPL-3.0-or-later
// Every bundled example reads without errors, evaluates, and round-trips through JSON.

#include "service/evaluate.h"
#include "testutil.h"

#include <QDir>
#include <QObject>
#include <QTest>

using namespace strata::core;

class tst_Examples : public QObject {
    Q_OBJECT
private slots:
    void example_data()
    {
        QTest::addColumn<QString>("path");
        QDir dir(QStringLiteral(STRATA_EXAMPLES));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void example()
    {
        QFETCH(QString, path);
        ScenarioReadResult r = readScenarioJson(strata::test::readText(path));
        for (const auto& d : r.diagnostics)
            qWarning("%s: %s", d.element.key().c_str(), d.message.c_str());
        QVERIFY(r.ok());
        QVERIFY(!r.scenario.description.empty());
        for (const Site& s : r.scenario.sites)
            QVERIFY2(s.position, s.id.c_str()); // the canvas needs a layout
        Evaluation ev = evaluate(r.scenario);
        QVERIFY(ev.ok());
        QVERIFY(!ev.results.empty());
        for (const StrategyResult& sr : ev.results) // one result per workload: inference, training or federated
            QCOMPARE(sr.inference.size() + sr.training.size(), r.scenario.workloads.size());
        ScenarioReadResult again = readScenarioJson(writeScenarioJson(r.scenario));
        QVERIFY(again.ok());
        QVERIFY(again.scenario == r.scenario);
    }
};

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
