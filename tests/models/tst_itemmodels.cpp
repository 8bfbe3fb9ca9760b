// SPDX-License-Identifier: GPL-3.0-or-later
// Item models: QAbstractItemModelTester on each, and the results model shows the evaluation.

#include "engine/comparison.h"
#include "io/catalogreader.h"
#include "models/catalogmodel.h"
#include "models/diagnosticsmodel.h"
#include "models/elementdefaults.h"
#include "engine/evaluator.h"
#include "model/validation.h"
#include "models/evaluationservice.h"
#include "models/projectdocument.h"
#include "models/resultsmodel.h"
#include "models/workloadsmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QRegularExpression>
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
    void everyModelPresetIsValidSourcedAndFitsWhereItShould()
    {
        // Each preset, served with its own defaults from 8 devices at one cloud site: valid, with
        // a source. DeepSeek-V3's 671 GB of fp8 weights do not fit on 8 × H100 (0.9 · 640 GB) and
        // do on 8 × H200 (0.9 · 1,128 GB); every other preset fits on 8 × H200.
        for (const char* accelerator : {"nvidia-h100-sxm", "nvidia-h200-sxm"}) {
            for (const ModelPreset& preset : modelPresets()) {
                QVERIFY2(preset.source.size() > 20, qPrintable(preset.label));
                Scenario sc;
                sc.name = "preset";
                Site users;
                users.id = "users";
                users.kind = SiteKind::Device;
                users.devices = 1000;
                Site cloud;
                cloud.id = "cloud";
                cloud.kind = SiteKind::Cloud;
                cloud.pools.push_back({accelerator, 8});
                sc.sites = {users, cloud};
                Link l;
                l.id = "net";
                l.a = "users";
                l.b = "cloud";
                l.kind = LinkKind::Wan;
                l.bandwidthGbps = 10;
                l.latencyMs = 20;
                sc.links = {l};
                sc.models = {preset.model};
                Workload w = defaultWorkload(WorkloadType::Inference, QStringLiteral("chat"), QString::fromStdString(preset.model.id));
                InferenceSpec& spec = std::get<InferenceSpec>(w.spec);
                applyServingDefaults(preset, spec);
                spec.sources = {{"users", 0.001}};
                sc.workloads = {w};
                const Diagnostics problems = validateScenario(sc, builtinCatalog());
                QVERIFY2(!hasErrors(problems), qPrintable(preset.label));
                const Evaluation ev = evaluate(sc);
                QVERIFY(ev.ok());
                bool fits = true;
                for (const Diagnostic& d : ev.diagnostics)
                    if (d.message.find("does not fit") != std::string::npos)
                        fits = false;
                const bool h100 = std::string(accelerator) == "nvidia-h100-sxm";
                const bool deepseek = preset.model.id == "deepseek-v3";
                const QString where = preset.label + QStringLiteral(" on ") + accelerator;
                if (deepseek)
                    QVERIFY2(fits == !h100, qPrintable(where));
                else if (!h100)
                    QVERIFY2(fits, qPrintable(where));
                if (fits) {
                    const InferenceResult& r = ev.results.at(0).inference.at(0);
                    QVERIFY2(r.capacityRps && *r.capacityRps > 0, qPrintable(preset.label));
                }
            }
        }
    }

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

    void diagnosticsModelNamesAndResolvesElements()
    {
        const Scenario sc = example("dcc-paper-comparison.json");
        const Catalog& catalog = builtinCatalog();
        auto entry = [&](ElementRef ref) { return DiagnosticsModel::entry({Severity::Error, std::move(ref), "m"}, {}, sc, catalog); };
        // A pool: its site is selected; people read the site's name and the accelerator's.
        const auto named = std::find_if(sc.sites.begin(), sc.sites.end(), [](const Site& x) { return !x.name.empty() && !x.pools.empty(); });
        QVERIFY(named != sc.sites.end());
        const Site& site = *named;
        const Accelerator* a = catalog.find(site.pools[0].accelerator);
        QVERIFY(a);
        DiagnosticsModel::Entry e = entry(ElementRef::poolAt(site.id, 0));
        QCOMPARE(e.target, ElementRef::site(site.id));
        QCOMPARE(e.element, QString::fromStdString(site.name + " · " + a->vendor + " " + a->model + " pool"));
        // A place in a file: its link, named by its ends, with the field's label and the path.
        const Link& l = sc.links[2];
        e = entry(ElementRef::path("links[2].bandwidth_gbps"));
        QCOMPARE(e.target, ElementRef::link(l.id));
        const std::string ends = l.name.empty() ? sc.findSite(l.a)->name + " – " + sc.findSite(l.b)->name : l.name;
        QCOMPARE(e.element, QString::fromStdString("Bandwidth of link " + ends + " (links[2].bandwidth_gbps)"));
        // Nothing on the canvas to select.
        e = entry(ElementRef::path("strategies.hybrid"));
        QCOMPARE(e.target.kind, strata::core::ElementKind::None);
        QCOMPARE(e.element, QStringLiteral("strategies.hybrid"));

        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({entry(ElementRef::link(l.id)),
                          DiagnosticsModel::entry({Severity::Warning, ElementRef::site(site.id), "hot"}, QStringLiteral("Hybrid"), sc, catalog)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.errorCount(), 1);
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("warning · Hybrid"));
        QCOMPARE(model.index(1, 1).data().toString(), QString::fromStdString(site.name));
        QCOMPARE(model.index(0, 0).data(DiagnosticsModel::ElementIdRole).toString(), QString::fromStdString(l.id));
        QCOMPARE(strata::core::ElementKind(model.index(0, 0).data(DiagnosticsModel::ElementKindRole).toInt()), strata::core::ElementKind::Link);
    }

    void resultsAndDiagnosticsShowNamesNotIdPaths()
    {
        // Names for people (issue 13): no results cell, tooltip or diagnostics element of any
        // example, with its N − 1 findings, reads "site:ID", "link:ID" or ".../pool:N".
        const QRegularExpression idPath(QStringLiteral("\\b(site|link|workload|model|accelerator):[A-Za-z0-9_.-]+|/pool:\\d"));
        for (const QString& file : QDir(QStringLiteral(STRATA_EXAMPLES)).entryList({QStringLiteral("*.json")})) {
            auto snapshot = std::make_shared<EvaluationSnapshot>();
            snapshot->scenario = example(file.toUtf8().constData());
            EvaluationOptions options;
            options.singlePointsOfFailure = true;
            snapshot->evaluation = evaluate(snapshot->scenario, builtinCatalog(), options);
            ResultsModel results;
            results.setSnapshot(snapshot);
            int cells = 0;
            std::function<void(const QModelIndex&)> scan = [&](const QModelIndex& parent) {
                for (int r = 0; r < results.rowCount(parent); ++r)
                    for (int c = 0; c < results.columnCount(parent); ++c) {
                        const QModelIndex i = results.index(r, c, parent);
                        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                            const QString text = i.data(role).toString();
                            QVERIFY2(!idPath.match(text).hasMatch(), qPrintable(file + QStringLiteral(": ") + text));
                        }
                        ++cells;
                        if (c == 0)
                            scan(i);
                    }
            };
            scan({});
            QVERIFY(cells > 20);
            // The explain panel of every number.
            for (const WorkloadComparison& wc : results.comparison())
                for (const ComparisonRow& row : wc.rows)
                    for (size_t s = 0; s < row.cells.size(); ++s) {
                        const Explanation e = explainValue(snapshot->scenario, snapshot->evaluation, builtinCatalog(), wc.workload, s, row.key);
                        std::string all = e.title;
                        for (const ExplanationLine& l : e.parts)
                            all += "\n" + l.label;
                        for (const std::string& n : e.notes)
                            all += "\n" + n;
                        QVERIFY2(!idPath.match(QString::fromStdString(all)).hasMatch(), qPrintable(file + QStringLiteral(": ") + QString::fromStdString(all)));
                    }
            DiagnosticsModel diagnostics;
            std::vector<DiagnosticsModel::Entry> entries;
            for (const Diagnostic& d : snapshot->evaluation.diagnostics)
                entries.push_back(DiagnosticsModel::entry(d, {}, snapshot->scenario, builtinCatalog()));
            for (const StrategyResult& sr : snapshot->evaluation.results)
                for (const Diagnostic& d : sr.diagnostics)
                    entries.push_back(DiagnosticsModel::entry(d, QStringLiteral("s"), snapshot->scenario, builtinCatalog()));
            diagnostics.setEntries(std::move(entries));
            for (int r = 0; r < diagnostics.rowCount(); ++r)
                for (int c = 0; c < diagnostics.columnCount(); ++c) {
                    const QString text = diagnostics.index(r, c).data().toString();
                    QVERIFY2(!idPath.match(text).hasMatch(), qPrintable(file + QStringLiteral(": ") + text));
                }
        }
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
