// SPDX-License-Identifier: GPL-3.0-or-later
// PDF reports (issue 7): pdfinfo page count and metadata; pdftotext holds the scenario name, the
// strategies, the compared numbers and the method section; hostile names print literally;
// pdftoppm renders every page; strata-cli report with no display; the preview dialog.

#include "engine/comparison.h"
#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "io/scenariojson.h"
#include "testutil.h"
#include "views/icons.h"
#include "models/evaluationservice.h"
#include "models/reportcontent.h"
#include "views/report.h"
#include "views/reportdialog.h"

#include <QDir>
#include <QFile>
#include <QPrintPreviewWidget>
#include <QProcess>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::core;

namespace {

Scenario example(const char* file)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(file)));
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// The text of a PDF with every run of white space made one space (titles wrap across lines).
QString pdfText(const QString& pdf)
{
    const Run r = run(QStringLiteral("pdftotext"), {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    return r.out.simplified();
}

/// The text in content order with no white space at all: a name wrapped in a narrow table cell
/// reads whole again.
QString pdfCompact(const QString& pdf)
{
    const Run r = run(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    return QString(r.out).remove(QRegularExpression(QStringLiteral("\\s")));
}

QString pdfInfo(const QString& pdf, const QString& field)
{
    const Run r = run(QStringLiteral("pdfinfo"), {pdf});
    for (const QString& line : r.out.split(QLatin1Char('\n')))
        if (line.startsWith(field + QLatin1Char(':')))
            return line.mid(field.size() + 1).trimmed();
    return {};
}

} // namespace

class tst_Report : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        views::initResources();
        QVERIFY(m_dir.isValid());
        for (const char* tool : {"pdfinfo", "pdftotext", "pdftoppm"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 is missing: install poppler-utils (scripts/setup.sh does)").arg(QLatin1String(tool))));
    }

    void reportHoldsTheEvaluation()
    {
        const Scenario sc = example("dcc-paper-comparison.json");
        const QString pdf = m_dir.filePath(QStringLiteral("dcc.pdf"));
        views::ReportOptions options;
        options.author = QStringLiteral("Grace Hopper");
        const views::ReportOutcome out = views::writeReportPdf(sc, options, pdf);
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("dcc*")}, QDir::Files | QDir::Hidden), QStringList{QStringLiteral("dcc.pdf")}); // no temporary left

        // Metadata and page count.
        QCOMPARE(pdfInfo(pdf, QStringLiteral("Pages")).toInt(), out.pages);
        QVERIFY(out.pages >= 8);
        QCOMPARE(pdfInfo(pdf, QStringLiteral("Title")), QStringLiteral("Strata report: %1").arg(QString::fromStdString(sc.name)));
        QVERIFY(pdfInfo(pdf, QStringLiteral("Creator")).startsWith(QStringLiteral("Strata ")));
        QVERIFY(pdfInfo(pdf, QStringLiteral("Page size")).contains(QStringLiteral("A4")));
        QCOMPARE(out.sections, (QStringList{QStringLiteral("Executive summary"), QStringLiteral("Topology"), QStringLiteral("Inputs"),
                                            QStringLiteral("Results per strategy"), QStringLiteral("Comparison charts"),
                                            QStringLiteral("Diagnostics"), QStringLiteral("Method"), QStringLiteral("Catalog sources")}));

        // The text: name, author, strategies, sections, and every compared number as the results show it.
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QString::fromStdString(sc.name)));
        QVERIFY(text.contains(QStringLiteral("Grace Hopper")));
        for (const char* s : {"Centralized", "Distributed", "Hybrid", "Executive summary", "Contents", "Method", "Formulas",
                              "Allen–Cunneen", "Catalog sources", "Page 3 of"})
            QVERIFY2(text.contains(QString::fromUtf8(s)), s);
        // Each row of the results tables reads, on one line, its label, unit and the three values
        // as the comparison formats them.
        const Evaluation ev = evaluate(sc, builtinCatalog());
        const QString layout = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf,
                                                                 QStringLiteral("-")}).out;
        int rows = 0;
        const QString compact = pdfCompact(pdf);
        for (const WorkloadComparison& wc : compareStrategies(sc, ev))
            for (const ComparisonRow& row : wc.rows) {
                if (std::any_of(row.cells.begin(), row.cells.end(), [](const ComparisonCell& c) { return !c.ref.empty(); })) {
                    // A bottleneck reads by name, which may wrap in its cell: each is somewhere in the text.
                    for (const ComparisonCell& c : row.cells)
                        if (!c.ref.empty()) {
                            const QString name = QString::fromStdString(displayName(c.ref, sc, builtinCatalog()));
                            QVERIFY2(compact.contains(QString(name).remove(QRegularExpression(QStringLiteral("\\s")))), qPrintable(name));
                        }
                    ++rows;
                    continue;
                }
                QString pattern = QRegularExpression::escape(QString::fromStdString(row.label)) + QStringLiteral("\\s+") +
                                  QRegularExpression::escape(QString::fromStdString(row.unit));
                for (const ComparisonCell& c : row.cells) {
                    QString v = c.value ? QString::fromStdString(formatValue(*c.value)) : QString::fromStdString(c.text.empty() ? "–" : c.text);
                    if (c.partial)
                        v += QLatin1Char('+');
                    pattern += QStringLiteral("\\s+") + QRegularExpression::escape(v);
                }
                QVERIFY2(QRegularExpression(pattern).match(layout).hasMatch(), qPrintable(QStringLiteral("row %1 not found").arg(QString::fromStdString(row.key))));
                ++rows;
            }
        QVERIFY(rows > 25);
        // The formula of each metric is in the method section.
        QVERIFY(text.contains(QString::fromStdString(formulaOf("latency_p95")).simplified().left(60)));

        // Every page renders.
        const Run ppm = run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"), pdf,
                                                         m_dir.filePath(QStringLiteral("page"))});
        QCOMPARE(ppm.exitCode, 0);
        QVERIFY2(ppm.err.isEmpty(), qPrintable(ppm.err));
        QCOMPARE(int(QDir(m_dir.path()).entryList({QStringLiteral("page-*.png")}).size()), out.pages);
    }

    void peopleReadNamesNotIdPaths()
    {
        // Names for people, ids for files (issue 13): no report shows an element as "site:ID",
        // "link:ID" or ".../pool:N" (bottlenecks, single points of failure, diagnostics,
        // assumptions, violations).
        const QRegularExpression idPath(QStringLiteral("\\b(site|link|workload|model|accelerator):[A-Za-z0-9_.-]+|/pool:\\d"));
        for (const QString& file : QDir(QStringLiteral(STRATA_EXAMPLES)).entryList({QStringLiteral("*.json")})) {
            const Scenario sc = example(file.toUtf8().constData());
            const QString pdf = m_dir.filePath(file + QStringLiteral(".pdf"));
            const views::ReportOutcome out = views::writeReportPdf(sc, {}, pdf);
            QVERIFY2(out.ok, qPrintable(out.error));
            const QString text = pdfText(pdf);
            const QRegularExpressionMatch m = idPath.match(text);
            QVERIFY2(!m.hasMatch(), qPrintable(file + QStringLiteral(": ") + text.mid(std::max<qsizetype>(0, m.capturedStart() - 60), 140)));
        }
    }

    void hostileNamesPrintLiterally()
    {
        Scenario sc = example("fraud-scoring.json");
        sc.name = "<img src=x onerror=alert(1)> & <b>bold</b>";
        sc.description = "<table><tr><td>not a table</td></tr></table>";
        sc.sites[0].name = "<script>alert('site')</script>";
        const QString pdf = m_dir.filePath(QStringLiteral("hostile.pdf"));
        const views::ReportOutcome out = views::writeReportPdf(sc, {}, pdf);
        QVERIFY2(out.ok, qPrintable(out.error));
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QStringLiteral("<img src=x onerror=alert(1)> & <b>bold</b>")));
        QVERIFY(text.contains(QStringLiteral("<table><tr><td>not a table</td></tr></table>")));
        // Wherever the description appears (title page, inputs), it appears with its tags: no
        // place renders it as markup.
        QVERIFY(text.count(QStringLiteral("not a table")) >= 2);
        QCOMPARE(text.count(QStringLiteral("not a table")), text.count(QStringLiteral("<td>not a table</td>")));
        QCOMPARE(text.count(QStringLiteral("bold</b>")), text.count(QStringLiteral("<b>bold</b>")));
        QVERIFY(pdfCompact(pdf).contains(QStringLiteral("<script>alert('site')</script>")));
        QVERIFY(pdfInfo(pdf, QStringLiteral("Title")).contains(QStringLiteral("<img src=x")));
    }

    void longTextsAreElidedNotLost()
    {
        // Issue 14, item 4: a 10,000-character name filled the title page and headers; a 1 MiB
        // description without a space took 89 s to lay out. Names are elided in headings and
        // tables; the description is kept whole, with break opportunities in long runs.
        Scenario sc = example("fraud-scoring.json");
        sc.name = std::string(10000, 'N');
        sc.sites[0].name = std::string(10000, 'S');
        sc.description = std::string(1024 * 1024 - 16, 'x');
        models::EvaluationSnapshot snap;
        snap.scenario = sc;
        snap.evaluation = evaluate(sc);
        const models::ReportContent content = models::reportContent(snap, {});
        QVERIFY(content.designName.size() <= 161);
        QVERIFY(content.designName.endsWith(QChar(0x2026)));
        QString title = content.titleHtml;
        title.remove(QChar(0x200b));
        QVERIFY(title.contains(QString(160, QLatin1Char('N')) + QChar(0x2026)));
        QVERIFY(!title.contains(QString(161, QLatin1Char('N'))));
        const QRegularExpression longRun(QStringLiteral("[NSx]{41}"));
        qsizetype xs = 0;
        for (const models::ReportPiece& piece : content.pieces) {
            QVERIFY2(!longRun.match(piece.html).hasMatch(), qPrintable(piece.html.left(200)));
            QString joined = piece.html;
            joined.remove(QChar(0x200b));
            QVERIFY(!joined.contains(QString(161, QLatin1Char('S')))); // the site name, elided
            QVERIFY(!joined.contains(QString(161, QLatin1Char('N'))));
            xs += piece.html.count(QLatin1Char('x'));
        }
        QVERIFY(xs >= static_cast<qsizetype>(sc.description.size())); // all of it, in Inputs
        // Messages are not names: the longest finding of the DCC example (a single point of
        // failure with the sources it cuts off, over 160 characters) is shown whole.
        models::EvaluationSnapshot dcc;
        dcc.scenario = example("dcc-paper-comparison.json");
        EvaluationOptions withSpofs;
        withSpofs.singlePointsOfFailure = true; // as the report verb evaluates
        dcc.evaluation = evaluate(dcc.scenario, builtinCatalog(), withSpofs);
        std::string longest;
        for (const StrategyResult& r : dcc.evaluation.results)
            for (const Diagnostic& d : r.diagnostics)
                if (d.message.size() > longest.size())
                    longest = d.message;
        QVERIFY(longest.size() > 160);
        QString all;
        for (const models::ReportPiece& piece : models::reportContent(dcc, {}).pieces)
            all += piece.html;
        all.remove(QChar(0x200b));
        QVERIFY2(all.contains(QString::fromStdString(longest).toHtmlEscaped()), longest.c_str());
    }

    void trainingAndFederatedReports()
    {
        // Training and federated designs: time and data moved are in the report, every page renders.
        for (const char* file : {"llm-pretraining-regions.json", "healthcare-federated.json"}) {
            const Scenario sc = example(file);
            const QString pdf = m_dir.filePath(QString::fromLatin1(file) + QStringLiteral(".pdf"));
            const views::ReportOutcome out = views::writeReportPdf(sc, {}, pdf);
            QVERIFY2(out.ok, qPrintable(out.error));
            const QString text = pdfText(pdf);
            QVERIFY(text.contains(QStringLiteral("time")));
            QVERIFY(text.contains(QStringLiteral("data moved")));
            const Evaluation ev = evaluate(sc, builtinCatalog());
            for (const WorkloadComparison& wc : compareStrategies(sc, ev))
                for (const ComparisonRow& row : wc.rows)
                    if (row.key == "time")
                        for (const ComparisonCell& c : row.cells)
                            if (c.value)
                                QVERIFY(text.contains(QString::fromStdString(formatValue(*c.value))));
            QCOMPARE(run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("20"), QStringLiteral("-png"), pdf,
                                                      m_dir.filePath(QStringLiteral("t"))})
                         .exitCode,
                     0);
        }
    }

    void emptyAndInvalidDesignsStillRender()
    {
        // The workbench can export any design: an empty one, or one with errors, whose report
        // says so and lists the errors instead of results.
        const QString empty = m_dir.filePath(QStringLiteral("empty.pdf"));
        const views::ReportOutcome none = views::writeReportPdf(Scenario{}, {}, empty);
        QVERIFY2(none.ok, qPrintable(none.error));
        QCOMPARE(pdfInfo(empty, QStringLiteral("Pages")).toInt(), none.pages);
        Scenario bad = example("fraud-scoring.json");
        bad.sites[0].pue = 0.5;
        const QString invalid = m_dir.filePath(QStringLiteral("invalid.pdf"));
        const views::ReportOutcome out = views::writeReportPdf(bad, {}, invalid);
        QVERIFY2(out.ok, qPrintable(out.error));
        const QString text = pdfText(invalid);
        QVERIFY(text.contains(QStringLiteral("could not be evaluated")));
        QVERIFY(text.contains(QStringLiteral("pue")));
        QVERIFY(!out.sections.contains(QStringLiteral("Comparison charts")));
    }

    void failuresLeaveNoFile()
    {
        const Scenario sc = example("fraud-scoring.json");
        const QString missing = m_dir.filePath(QStringLiteral("no/such/folder/r.pdf"));
        const views::ReportOutcome out = views::writeReportPdf(sc, {}, missing);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.contains(QStringLiteral("does not exist")), qPrintable(out.error));
        QVERIFY(!QFile::exists(missing));
        // An existing report is replaced whole.
        const QString path = m_dir.filePath(QStringLiteral("again.pdf"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        QVERIFY(views::writeReportPdf(sc, {}, path).ok);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
    }

    void cliWritesTheReportWithoutADisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        const QString cli = QStringLiteral(STRATA_CLI);
        const QString pdf = m_dir.filePath(QStringLiteral("cli.pdf"));
        const QString scenario = QStringLiteral(STRATA_EXAMPLES "/av-perception-edge-vs-cloud.json");
        Run r = run(cli, {QStringLiteral("report"), scenario, QStringLiteral("--output"), pdf, QStringLiteral("--author"), QStringLiteral("Zelda Quartermain")}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("wrote")));
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QStringLiteral("Fleet perception")) || text.contains(QString::fromStdString(example("av-perception-edge-vs-cloud.json").name)));
        QVERIFY(text.contains(QStringLiteral("Zelda Quartermain")));
        // Bad command lines and files: exit codes as SCENARIO.md says, nothing written.
        QCOMPARE(run(cli, {QStringLiteral("report"), scenario}, env).exitCode, 2);                      // no --output
        QCOMPARE(run(cli, {QStringLiteral("report"), scenario, QStringLiteral("--output"), m_dir.filePath(QStringLiteral("r.txt"))}, env).exitCode, 2);
        r = run(cli, {QStringLiteral("report"), scenario, QStringLiteral("--output"), m_dir.filePath(QStringLiteral("nope/r.pdf"))}, env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains(QStringLiteral("does not exist")));
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"strata-scenario","version":1,"sites":[{"id":"a","kind":"cloud","pue":0.5}]})");
        f.close();
        const QString badPdf = m_dir.filePath(QStringLiteral("bad.pdf"));
        r = run(cli, {QStringLiteral("report"), bad, QStringLiteral("--output"), badPdf}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("pue")));
        QVERIFY(!QFile::exists(badPdf));
    }

    void previewShowsTheSameReport()
    {
        const Scenario sc = example("fraud-scoring.json");
        views::ReportDialog dialog(sc, {}, m_dir.filePath(QStringLiteral("preview.pdf")));
        QSignalSpy ready(&dialog, &views::ReportDialog::ready);
        dialog.show();
        // The evaluation runs on a worker: the window is up at once, and saving waits for it.
        QString error;
        const QString pdf = m_dir.filePath(QStringLiteral("preview.pdf"));
        if (!dialog.isReady()) {
            QVERIFY(!dialog.savePdf(pdf, &error));
            QVERIFY(error.contains(QStringLiteral("still running")));
            QVERIFY(!QFile::exists(pdf));
        }
        QVERIFY(ready.wait(30000) || dialog.isReady());
        QCoreApplication::processEvents();
        QVERIFY2(dialog.savePdf(pdf, &error), qPrintable(error));
        QCOMPARE(dialog.pageCount(), pdfInfo(pdf, QStringLiteral("Pages")).toInt());
    }
};

QTEST_MAIN(tst_Report)
#include "tst_report.moc"
