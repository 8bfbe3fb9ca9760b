// SPDX-License-Identifier: GPL-3.0-or-later
// Sweeps in the GUI (issue 6): the rows equal separate evaluations, Cancel stops within 200 ms and
// leaves everything usable, the dialog draws and lists what the sweep computed, CSV export.

#include "engine/comparison.h"
#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "model/scenariopath.h"
#include "models/sweepservice.h"
#include "testutil.h"
#include "views/sweepdialog.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace strata;
using namespace strata::core;

namespace {
Scenario example(const char* file)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(file)));
}
} // namespace

class tst_SweepGui : public QObject {
    Q_OBJECT
private slots:
    void rowsEqualSeparateEvaluations()
    {
        const Scenario sc = example("dcc-paper-comparison.json");
        const std::string link = sc.links.front().id;
        models::SweepRequest request;
        request.scenario = sc;
        request.path = QString::fromStdString("links." + link + ".bandwidth_gbps");
        request.workload = QString::fromStdString(sc.workloads[0].id);
        request.from = 5;
        request.to = 80;
        request.steps = 5;
        const models::SweepOutcome out = models::SweepService::run(request);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.points.size(), size_t(5));
        for (const models::SweepPoint& p : out.points) {
            Scenario copy = sc;
            double v = p.value;
            QVERIFY(setScenarioValue(copy, request.path.toStdString(), v).empty());
            const Evaluation ev = evaluate(copy, builtinCatalog());
            QCOMPARE(out.strategies.size(), ev.results.size());
            for (size_t s = 0; s < ev.results.size(); ++s) {
                const InferenceResult& r = ev.results[s].inference[0];
                QCOMPARE(p.p95Ms[s].has_value(), r.latencyP95Seconds.has_value());
                if (r.latencyP95Seconds)
                    QVERIFY(strata::test::fuzzyCompare(*p.p95Ms[s], *r.latencyP95Seconds * 1e3, 1e-12));
                QCOMPARE(p.capacityRps[s].has_value(), r.capacityRps.has_value());
                if (r.capacityRps)
                    QVERIFY(strata::test::fuzzyCompare(*p.capacityRps[s], *r.capacityRps, 1e-12));
                QCOMPARE(bool(p.saturated[s]), r.saturated);
            }
            // Every numeric metric kept per step is the comparison row of a separate evaluation.
            const auto rows = compareStrategies(copy, ev).front().rows;
            size_t m = 0;
            for (const ComparisonRow& row : rows) {
                if (row.textual)
                    continue;
                QCOMPARE(out.metrics[m].key.toStdString(), row.key);
                for (size_t s = 0; s < row.cells.size(); ++s) {
                    QCOMPARE(p.metricValues[m][s].has_value(), row.cells[s].value.has_value());
                    if (row.cells[s].value)
                        QVERIFY(strata::test::fuzzyCompare(*p.metricValues[m][s], *row.cells[s].value, 1e-12));
                }
                ++m;
            }
            QCOMPARE(m, out.metrics.size());
        }
        // Increasing order of the parameter, 5 to 80 linearly: 5, 23.75, 42.5, 61.25, 80.
        QCOMPARE(out.points.front().value, 5.0);
        QCOMPARE(out.points[1].value, 23.75);
        QCOMPARE(out.points.back().value, 80.0);
        const QString csv = models::sweepCsv(out);
        QCOMPARE(csv.count(QLatin1Char('\n')), 6); // header + 5 rows
        QVERIFY(csv.startsWith(QStringLiteral("\"links.")));
        // One column per metric and strategy; the hybrid p95 of the first step is in its column.
        const QStringList lines = csv.split(QLatin1Char('\n'));
        const QStringList header = lines[0].split(QLatin1Char(','));
        QCOMPARE(header.size(), 1 + int(out.metrics.size() * out.strategies.size()));
        const int column = int(header.indexOf(QStringLiteral("\"hybrid latency p95 (ms)\"")));
        QVERIFY(column > 0);
        const size_t hybrid = out.strategies.size() - 1;
        QCOMPARE(out.strategies[hybrid], Strategy::Hybrid);
        QVERIFY(strata::test::fuzzyCompare(lines[1].split(QLatin1Char(','))[column].toDouble(), *out.points[0].p95Ms[hybrid], 1e-9));
    }

    void badPathSaysWhatWouldResolve()
    {
        models::SweepRequest request;
        request.scenario = example("dcc-paper-comparison.json");
        request.path = QStringLiteral("links.nowhere.bandwidth_gbps");
        request.from = 1;
        request.to = 2;
        request.steps = 2;
        const models::SweepOutcome out = models::SweepService::run(request);
        QVERIFY(!out.error.isEmpty());
        QVERIFY(out.points.empty());
    }

    void cancelStopsPromptly()
    {
        models::SweepService service;
        QSignalSpy finished(&service, &models::SweepService::finished);
        QSignalSpy progress(&service, &models::SweepService::progress);
        models::SweepRequest request;
        request.scenario = example("dcc-paper-comparison.json");
        request.path = QString::fromStdString("links." + request.scenario.links.front().id + ".bandwidth_gbps");
        request.workload = QString::fromStdString(request.scenario.workloads[0].id);
        request.from = 1;
        request.to = 1000;
        request.steps = 2'000'000; // minutes of work if it were not cancelled
        QVERIFY(service.start(request));
        QVERIFY(!service.start(request)); // one at a time
        QVERIFY(progress.wait(5000));     // it is really running
        QElapsedTimer clock;
        clock.start();
        service.cancel();
        QVERIFY(finished.wait(5000));
        const qint64 ms = clock.elapsed();
        qInfo("cancel to finished: %lld ms", static_cast<long long>(ms));
        // The 200 ms goal is measured by bench_gui (timed unit tests are flaky on busy CI hosts);
        // here: it stops at once rather than after the minutes the sweep would take.
        QVERIFY2(ms < 2000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
        const auto out = finished.front().front().value<models::SweepOutcome>();
        QVERIFY(out.cancelled);
        QVERIFY(!service.running());
        // Usable again at once.
        request.steps = 3;
        QVERIFY(service.start(request));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.back().front().value<models::SweepOutcome>().points.size(), size_t(3));
    }

    void dialogDrawsAndListsTheSweep()
    {
        const Scenario sc = example("dcc-paper-comparison.json");
        const std::string link = sc.links.front().id;
        views::SweepDialog dialog(sc, QString::fromStdString("links." + link + ".bandwidth_gbps"), sc.links.front().bandwidthGbps,
                                  QStringLiteral("Gbps"));
        dialog.show();
        dialog.setRange(2, 200, 7, true);
        QSignalSpy finished(dialog.service(), &models::SweepService::finished);
        QVERIFY(dialog.runSweep());
        QVERIFY(finished.wait(10000));
        QCoreApplication::processEvents();
        const models::SweepOutcome& out = dialog.outcome();
        QCOMPARE(out.points.size(), size_t(7));
        QCOMPARE(dialog.table()->rowCount(), 7);
        QCOMPARE(dialog.latencyPlot()->graphCount(), int(out.strategies.size()));
        // The drawn p95 line of each strategy is the sweep's values (NaN where saturated).
        for (int s = 0; s < dialog.latencyPlot()->graphCount(); ++s) {
            const auto data = dialog.latencyPlot()->graph(s)->data();
            QCOMPARE(data->size(), 7);
            for (int i = 0; i < 7; ++i) {
                const auto& expected = out.points[static_cast<size_t>(i)].p95Ms[static_cast<size_t>(s)];
                QCOMPARE(data->at(i)->key, out.points[static_cast<size_t>(i)].value);
                if (expected)
                    QCOMPARE(data->at(i)->value, *expected);
                else
                    QVERIFY(qIsNaN(data->at(i)->value));
            }
        }
        // Any metric for the second chart: choosing one redraws from the kept values, no new run.
        QComboBox* chooser = dialog.metricChooser();
        QCOMPARE(chooser->currentData().toString(), QStringLiteral("capacity"));
        const int energy = chooser->findData(QStringLiteral("energy_per_request"));
        QVERIFY(energy >= 0);
        chooser->setCurrentIndex(energy);
        emit chooser->activated(energy);
        const int m = models::metricIndex(out, QStringLiteral("energy_per_request"));
        QVERIFY(m >= 0);
        for (int s = 0; s < dialog.capacityPlot()->graphCount(); ++s) {
            const auto data = dialog.capacityPlot()->graph(s)->data();
            int i = 0;
            for (const models::SweepPoint& p : out.points)
                if (const auto& v = p.metricValues[size_t(m)][size_t(s)])
                    QCOMPARE(data->at(i++)->value, *v);
            QCOMPARE(data->size(), i);
        }
        QCOMPARE(dialog.capacityPlot()->yAxis->label(), QStringLiteral("J/request"));
        // A logarithmic sweep from 0 is refused with a reason, nothing runs.
        dialog.setRange(0, 10, 5, true);
        QVERIFY(!dialog.runSweep());
    }
};

QTEST_MAIN(tst_SweepGui)
#include "tst_sweep_gui.moc"
