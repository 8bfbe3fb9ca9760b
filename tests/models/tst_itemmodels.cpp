// SPDX-License-Identifier: GPL-3.0-or-later
// Item models: QAbstractItemModelTester on each, and the results model shows the evaluation.

#include "engine/comparison.h"
#include "io/catalogreader.h"
#include "models/catalogmodel.h"
#include "models/diagnosticsmodel.h"
#include "models/evaluationservice.h"
#include "models/projectdocument.h"
#include "models/resultsmodel.h"
#include "models/workloadsmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace strata::core;
using namespace strata::models;

class tst_ItemModels : public QObject {
    Q_OBJECT
private:
    static Scenario example(const char* file)
    {
        return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(file)));
    }

private slots:
    void resultsModelShowsTheComparison()
    {
        ProjectDocument doc;
        EvaluationService service(&doc);
        service.setDebounceMs(0);
        ResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy ready(&service, &EvaluationService::resultsReady);
        connect(&service, &EvaluationService::resultsReady, &model, &ResultsModel::setSnapshot);
        doc.reset(example("dcc-paper-comparison.json"));
        QVERIFY(ready.wait(5000));
        const auto snapshot = service.latest();
        QVERIFY(snapshot && snapshot->evaluation.ok());
        QCOMPARE(model.rowCount(), int(doc.scenario().workloads.size()));
        QCOMPARE(model.columnCount(), 1 + int(snapshot->evaluation.results.size()));
        // The p95 cell of the first workload under each strategy is the engine's value in ms.
        const QModelIndex workload = model.index(0, 0);
        int p95Row = -1;
        for (int r = 0; r < model.rowCount(workload); ++r)
            if (model.index(r, 0, workload).data(ResultsModel::RowKeyRole).toString() == QLatin1String("latency_p95"))
                p95Row = r;
        QVERIFY(p95Row >= 0);
        for (size_t s = 0; s < snapshot->evaluation.results.size(); ++s) {
            const InferenceResult& r = snapshot->evaluation.results[s].inference[0];
            const QVariant v = model.index(p95Row, int(s) + 1, workload).data(ResultsModel::ValueRole);
            QVERIFY(r.latencyP95Seconds.has_value());
            QVERIFY(strata::test::fuzzyCompare(v.toDouble(), *r.latencyP95Seconds * 1e3, 1e-12));
        }
        // Edit → new results: removing every link leaves sources without service.
        const int before = int(ready.count());
        QStringList links;
        for (const Link& l : doc.scenario().links)
            links << QString::fromStdString(l.id);
        doc.removeElements({}, links);
        QVERIFY(ready.count() > before || ready.wait(5000));
        QVERIFY(service.latest()->scenario.links.empty());
    }

    void largeDesignEvaluatesOnTheWorker()
    {
        ProjectDocument doc;
        EvaluationService service(&doc);
        service.setDebounceMs(0);
        service.setWorkerThreshold(0); // everything on the worker
        QSignalSpy busy(&service, &EvaluationService::busyChanged);
        QSignalSpy ready(&service, &EvaluationService::resultsReady);
        doc.reset(example("fraud-scoring.json"));
        QVERIFY(ready.wait(5000));
        QVERIFY(busy.count() >= 2);
        QCOMPARE(busy.first().first().toBool(), true);
        QCOMPARE(busy.last().first().toBool(), false);
        QVERIFY(!service.busy());
    }

    void diagnosticsModelResolvesElements()
    {
        const Scenario sc = example("dcc-paper-comparison.json");
        ElementRef r = DiagnosticsModel::resolve("site:" + sc.sites[1].id + "/pool:0", sc);
        QCOMPARE(r.kind, ElementRef::Site);
        QCOMPARE(r.id, QString::fromStdString(sc.sites[1].id));
        r = DiagnosticsModel::resolve("links[2].bandwidth_gbps", sc);
        QCOMPARE(r.kind, ElementRef::Link);
        QCOMPARE(r.id, QString::fromStdString(sc.links[2].id));
        QCOMPARE(DiagnosticsModel::resolve("strategies.hybrid", sc).kind, ElementRef::None);
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({{Diagnostic{Severity::Error, "link:x", "broken"}, {}, {ElementRef::Link, "x"}},
                          {Diagnostic{Severity::Warning, "site:y", "hot"}, "Hybrid", {ElementRef::Site, "y"}}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.errorCount(), 1);
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("warning · Hybrid"));
        QCOMPARE(model.index(0, 0).data(DiagnosticsModel::ElementIdRole).toString(), QStringLiteral("x"));
    }

    void catalogAndWorkloadModelsPassTheTester()
    {
        CatalogModel catalog;
        QAbstractItemModelTester t1(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalog.setCatalog(builtinCatalog());
        QCOMPARE(catalog.rowCount(), int(builtinCatalog().entries().size()));
        std::unique_ptr<QMimeData> mime(catalog.mimeData({catalog.index(0, 0)}));
        QVERIFY(mime && mime->hasFormat(CatalogModel::acceleratorMimeType()));
        ProjectDocument doc;
        WorkloadsModel workloads(&doc);
        QAbstractItemModelTester t2(&workloads, QAbstractItemModelTester::FailureReportingMode::QtTest);
        doc.reset(example("dcc-paper-comparison.json"));
        QCOMPARE(workloads.rowCount(), int(doc.scenario().workloads.size()));
        doc.removeWorkload(QString::fromStdString(doc.scenario().workloads[0].id));
        QCOMPARE(workloads.rowCount(), int(doc.scenario().workloads.size()));
    }
};

QTEST_MAIN(tst_ItemModels)
#include "tst_itemmodels.moc"
