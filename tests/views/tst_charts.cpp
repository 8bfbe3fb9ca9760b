// SPDX-License-Identifier: GPL-3.0-or-later
// Comparison charts (issue 6): the data equals the evaluation, the bars drawn equal the data, and
// exports are valid PNG, SVG and PDF files.

#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "models/chartdata.h"
#include "engine/comparison.h"
#include "models/papertable.h"
#include "testutil.h"
#include "views/comparisoncharts.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::core;

namespace {

std::shared_ptr<models::EvaluationSnapshot> snapshotOf(const char* example)
{
    auto s = std::make_shared<models::EvaluationSnapshot>();
    s->scenario = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(example)));
    s->evaluation = evaluate(s->scenario, builtinCatalog());
    return s;
}

const models::BarChartData& chart(const std::vector<models::BarChartData>& charts, const char* key)
{
    for (const auto& c : charts)
        if (c.key == QLatin1String(key))
            return c;
    qFatal("no chart %s", key);
}

} // namespace

class tst_Charts : public QObject {
    Q_OBJECT
private slots:
    void inferenceChartDataEqualsTheEvaluation()
    {
        const auto snap = snapshotOf("dcc-paper-comparison.json");
        QVERIFY(snap->evaluation.ok());
        const auto charts = models::comparisonCharts(*snap, 0);
        const std::string id = snap->scenario.workloads[0].id;
        const auto& latency = chart(charts, "latency");
        QCOMPARE(latency.categories.size(), qsizetype(snap->evaluation.results.size()));
        const auto& breakdown = chart(charts, "breakdown");
        QVERIFY(breakdown.stacked);
        for (size_t s = 0; s < snap->evaluation.results.size(); ++s) {
            const InferenceResult& r = snap->evaluation.results[s].inference[0];
            QCOMPARE(r.workload, id);
            QVERIFY(strata::test::fuzzyCompare(*latency.series[0].values[s], *r.latencyMeanSeconds * 1e3, 1e-12));
            QVERIFY(strata::test::fuzzyCompare(*latency.series[1].values[s], *r.latencyP95Seconds * 1e3, 1e-12));
            // The stacked parts add up to the mean latency.
            double sum = 0;
            for (const auto& part : breakdown.series)
                sum += part.values[s].value_or(0);
            QVERIFY(strata::test::fuzzyCompare(sum, *r.latencyMeanSeconds * 1e3, 1e-9));
            QVERIFY(strata::test::fuzzyCompare(*chart(charts, "power").series[0].values[s], r.powerWatts / 1e3, 1e-12));
            QVERIFY(strata::test::fuzzyCompare(*chart(charts, "flops").series[1].values[s], r.installedFlops / 1e15, 1e-12));
        }
        // The SLO and the offered load are drawn as lines at their values.
        const double slo = *snap->scenario.workloads[0].inference()->sloP95Ms;
        QCOMPARE(latency.lines.size(), size_t(1));
        QCOMPARE(latency.lines[0].value, slo);
        QCOMPARE(chart(charts, "capacity").lines[0].value, snap->evaluation.results[0].inference[0].offeredRps);
    }

    void paperTableRanksThisDesignsNumbers()
    {
        const auto snap = snapshotOf("dcc-paper-comparison.json");
        const auto rows = models::paperTable(*snap);
        // No training job in this example: latency, scalability, privacy, throughput, energy, water.
        QCOMPARE(rows.size(), size_t(6));
        QCOMPARE(rows[0].aspect, QStringLiteral("Latency"));
        for (size_t s = 0; s < snap->evaluation.results.size(); ++s)
            QVERIFY(strata::test::fuzzyCompare(*rows[0].values[s], *snap->evaluation.results[s].inference[0].latencyP95Seconds * 1e3, 1e-12));
        // p95: centralized 54.4, distributed 26.4, hybrid 20.1 ms (README) → ranks 3, 2, 1.
        QCOMPARE(rows[0].ranks, (std::vector<int>{3, 2, 1}));
        // Capacity of vision: the radio link ran-nyc carries the same at most under every strategy, so they tie.
        QCOMPARE(rows[1].ranks, (std::vector<int>{1, 1, 1}));
        const auto& privacy = rows[2];
        QCOMPARE(privacy.aspect, QStringLiteral("Privacy"));
        for (size_t s = 0; s < snap->evaluation.results.size(); ++s)
            QCOMPARE(*privacy.values[s], double(snap->evaluation.results[s].compliance.size()));
        views::ComparisonCharts widget;
        widget.setSnapshot(snap);
        // Water per 1,000 requests of the same service, each strategy that serves all its demand.
        const auto& water = rows[5];
        QCOMPARE(water.aspect, QStringLiteral("Water"));
        for (size_t s = 0; s < snap->evaluation.results.size(); ++s) {
            const InferenceResult& r = snap->evaluation.results[s].inference[0];
            if (servesAllDemand(r))
                QVERIFY(strata::test::fuzzyCompare(*water.values[s], *r.waterLitresPer1kRequests, 1e-12));
            else
                QVERIFY(!water.values[s]);
        }
        QCOMPARE(widget.paperTable()->rowCount(), 6);
        QVERIFY(widget.paperTable()->item(0, 4)->text().endsWith(QStringLiteral("#1")));
    }

    void trainingChartSplitsTheTime()
    {
        const auto snap = snapshotOf("llm-pretraining-regions.json");
        QVERIFY(snap->evaluation.ok());
        int index = -1;
        for (size_t i = 0; i < snap->scenario.workloads.size(); ++i)
            if (snap->scenario.workloads[i].type() == WorkloadType::Training)
                index = static_cast<int>(i);
        QVERIFY(index >= 0);
        const auto charts = models::comparisonCharts(*snap, index);
        const auto& time = chart(charts, "time");
        QVERIFY(time.stacked);
        for (size_t s = 0; s < snap->evaluation.results.size(); ++s) {
            const TrainingResult& r = snap->evaluation.results[s].training[0];
            if (!r.feasible)
                continue;
            double sum = 0;
            for (const auto& part : time.series)
                sum += part.values[s].value_or(0);
            QVERIFY(strata::test::fuzzyCompare(sum, *r.timeSeconds / 86400.0, 1e-9));
            // Data moved counts datasets and gradient traffic, as the results row does: a
            // data-parallel job's bar is never the datasets alone.
            QVERIFY(strata::test::fuzzyCompare(*chart(charts, "data").series[0].values[s],
                                               (r.dataMovedBytes + r.gradientTrafficBytes) / 1e9, 1e-12));
        }
    }

    void barsDrawnEqualTheData()
    {
        const auto snap = snapshotOf("dcc-paper-comparison.json");
        views::ComparisonCharts widget;
        widget.resize(1200, 900);
        widget.show();
        widget.setSnapshot(snap);
        QCOMPARE(widget.chartCount(), int(widget.charts().size()));
        QVERIFY(widget.chartCount() >= 8);
        for (int c = 0; c < widget.chartCount(); ++c) {
            const models::BarChartData& data = widget.charts()[static_cast<size_t>(c)];
            QCustomPlot* plot = widget.plot(c);
            QMultiMap<QString, double> drawn;
            for (int p = 0; p < plot->plottableCount(); ++p)
                if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(p)))
                    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                        drawn.insert(bars->name(), it->value);
            int expected = 0;
            for (const auto& s : data.series)
                for (const auto& v : s.values)
                    if (v && (*v > 0 || (data.stacked && !data.logScale))) {
                        ++expected;
                        QVERIFY2(drawn.values(s.name).contains(*v), qPrintable(data.key + "/" + s.name));
                    }
            QCOMPARE(int(drawn.size()), expected);
            QVERIFY(!plot->yAxis->label().isEmpty()); // every axis says its unit
        }
    }

    void exportsAreValidFiles()
    {
        const auto snap = snapshotOf("dcc-paper-comparison.json");
        views::ComparisonCharts widget;
        widget.resize(1200, 900);
        widget.show();
        widget.setSnapshot(snap);
        QTemporaryDir dir;
        QCustomPlot* plot = widget.plot(0);
        const QString png = dir.filePath(QStringLiteral("latency.png")), svg = dir.filePath(QStringLiteral("latency.svg")),
                      pdf = dir.filePath(QStringLiteral("latency.pdf"));
        QVERIFY(views::ComparisonCharts::exportChart(plot, png));
        QVERIFY(views::ComparisonCharts::exportChart(plot, svg));
        QVERIFY(views::ComparisonCharts::exportChart(plot, pdf));
        QString error;
        QVERIFY(!views::ComparisonCharts::exportChart(plot, dir.filePath(QStringLiteral("x.bmpx")), &error));
        QVERIFY(error.contains(QStringLiteral("unknown file type")));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 2 * 360); // exported at twice the pixels
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfinfo.isEmpty())
            QSKIP("pdfinfo (poppler-utils) is not installed: the PDF header was checked only");
        QProcess info;
        info.start(pdfinfo, {pdf});
        QVERIFY(info.waitForFinished(10000));
        QCOMPARE(info.exitCode(), 0);
        const QByteArray out = info.readAllStandardOutput();
        QVERIFY2(QRegularExpression(QStringLiteral("Pages:\\s+1\\n")).match(QString::fromUtf8(out)).hasMatch(), out.constData());
    }
};

QTEST_MAIN(tst_Charts)
#include "tst_charts.moc"
