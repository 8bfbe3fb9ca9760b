// SPDX-License-Identifier: GPL-3.0-or-later
// strata-cli as a user runs it: exit codes, messages and output formats.

#include "engine/metrics.h"
#include "testutil.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include <QDir>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(STRATA_CLI), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const char* const kBadScenario =
    "{\"format\":\"strata-scenario\",\"version\":1,\"sites\":[{\"id\":\"a\",\"kind\":\"cloud\",\"pue\":0.5}],"
    "\"links\":[{\"id\":\"l\",\"a\":\"a\",\"b\":\"zz\",\"kind\":\"wan\",\"bandwidth_gbps\":1,\"latency_ms\":1}]}";
const char* const kTruncated = "{\"format\":\"strata-scenario\",\"vers";

QString example(const char* name)
{
    return QStringLiteral(STRATA_EXAMPLES "/") + name;
}
} // namespace

class tst_Cli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& content)
    {
        QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

private slots:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("help") << QStringList{"--help"} << 0 << "";
        QTest::newRow("version") << QStringList{"--version"} << 0 << "";
        QTest::newRow("no arguments") << QStringList{} << 2 << "no command given";
        QTest::newRow("unknown command") << QStringList{"simulate", "x.json"} << 2 << "unknown command";
        QTest::newRow("unknown option") << QStringList{"evaluate", example("fraud-scoring.json"), "--colour"} << 2
                                        << "unknown option --colour";
        QTest::newRow("bad format") << QStringList{"evaluate", example("fraud-scoring.json"), "--format", "xml"} << 2
                                    << "--format must be";
        QTest::newRow("bad strategy") << QStringList{"evaluate", example("fraud-scoring.json"), "--strategy", "edge"} << 2
                                      << "--strategy must be";
        QTest::newRow("missing value") << QStringList{"evaluate", example("fraud-scoring.json"), "--format"} << 2
                                       << "needs a value";
        QTest::newRow("missing file") << QStringList{"evaluate", "/nonexistent/x.json"} << 3 << "no such file";
        QTest::newRow("directory") << QStringList{"validate", QDir::tempPath()} << 3 << "is a directory";
        QTest::newRow("valid example") << QStringList{"validate", example("fraud-scoring.json")} << 0 << "";
        QTest::newRow("catalog") << QStringList{"catalog"} << 0 << "";
        const QString av = example("av-perception-edge-vs-cloud.json");
        QTest::newRow("sweep") << QStringList{"sweep", av, "--param", "links.ran-phx.bandwidth_gbps", "--from", "1",
                                              "--to", "10", "--steps", "3"} << 0 << "";
        QTest::newRow("sweep bad path") << QStringList{"sweep", av, "--param", "links.nope.bandwidth_gbps", "--from", "1",
                                                       "--to", "10", "--steps", "3"} << 2 << "no link \"nope\"";
        QTest::newRow("sweep invalid step") << QStringList{"sweep", av, "--param", "links.ran-phx.bandwidth_gbps",
                                                           "--from", "1", "--to", "-1", "--steps", "3"}
                                            << 1 << "step 1 (links.ran-phx.bandwidth_gbps = 0)";
        QTest::newRow("sweep log needs positive") << QStringList{"sweep", av, "--param", "links.ran-phx.bandwidth_gbps",
                                                                 "--from", "0", "--to", "10", "--steps", "3", "--log"}
                                                  << 2 << "--log needs";
        QTest::newRow("sweep missing from") << QStringList{"sweep", av, "--param", "links.ran-phx.bandwidth_gbps", "--to",
                                                           "10", "--steps", "3"} << 2 << "needs --from";
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        Run r = cli(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void brokenFilesExitOneAndNameThePath()
    {
        QString bad = write("bad.json", kBadScenario);
        Run r = cli({"evaluate", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty()); // nothing written
        QVERIFY2(r.err.contains("sites[0].pue") && r.err.contains("between 1 and 10"), qPrintable(r.err));
        QVERIFY(r.err.contains("bad.json"));
        Run v = cli({"validate", write("truncated.json", kTruncated)});
        QCOMPARE(v.exitCode, 1);
        QVERIFY2(v.err.contains("not valid JSON"), qPrintable(v.err));
        Run e = cli({"validate", write("empty.json", "")});
        QCOMPARE(e.exitCode, 1);
        Run b = cli({"validate", write("binary.json", QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 12))});
        QCOMPARE(b.exitCode, 1);
    }

    void jsonOutputHasTheDocumentedShape()
    {
        Run r = cli({"evaluate", example("fraud-scoring.json"), "--format", "json"});
        QCOMPARE(r.exitCode, 0);
        nlohmann::json j = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(j.contains("scenario") && j.contains("strata_version") && j["results"].is_array());
        QCOMPARE(j["results"].size(), size_t(3));
        for (const auto& s : j["results"]) {
            QVERIFY(s.contains("strategy") && s.contains("compliance") && s.contains("diagnostics"));
            for (const auto& w : s["workloads"]) {
                for (const char* key : {"id", "type", "saturated", "latency_mean_ms", "latency_p95_ms", "slo_met",
                                        "throughput_rps", "capacity_rps", "bottleneck", "achieved_pflops",
                                        "installed_pflops", "utilization", "power_kw", "energy_j_per_request",
                                        "carbon_g_per_1k_requests", "cost_usd_per_1k_requests",
                                        "data_moved_gb_per_hour", "breakdown", "placement"})
                    QVERIFY2(w.contains(key), key);
                if (w["saturated"].get<bool>())
                    QVERIFY(w["latency_p95_ms"].is_null());
            }
        }
    }

    void everyRegistryMetricReachesJsonAndCsv()
    {
        // Each metric of the registry with a file name is a key of every workload object of its
        // kind and (unless JSON only) a CSV column; every CSV line has the header's columns, and
        // the CSV cell holds the JSON value (to the CSV's 10 digits). Over every example.
        using strata::core::inferenceMetrics;
        using strata::core::trainingMetrics;
        const QStringList examples = QDir(QStringLiteral(STRATA_EXAMPLES)).entryList({QStringLiteral("*.json")});
        QVERIFY(examples.size() >= 6);
        for (const QString& name : examples) {
            const QString file = QStringLiteral(STRATA_EXAMPLES "/") + name;
            Run js = cli({"evaluate", file, "--format", "json"});
            Run csv = cli({"evaluate", file, "--format", "csv"});
            QCOMPARE(js.exitCode, 0);
            QCOMPARE(csv.exitCode, 0);
            const nlohmann::json j = nlohmann::json::parse(js.out.toStdString());
            const QStringList lines = csv.out.trimmed().split('\n');
            const QStringList header = lines[0].split(',');
            auto column = [&](const std::string& key) { return header.indexOf(QString::fromStdString(key)); };
            int row = 1;
            for (const auto& s : j["results"])
                for (const auto& w : s["workloads"]) {
                    const bool inference = w["type"] == "inference";
                    const QStringList cells = lines[row++].split(',');
                    QCOMPARE(cells.size(), header.size());
                    QCOMPARE(cells[1].toStdString(), w["id"].get<std::string>());
                    auto check = [&](const auto& metrics) {
                        for (const auto& m : metrics) {
                            if (m.fileName.empty())
                                continue;
                            QVERIFY2(w.contains(m.fileName), (name.toStdString() + ": " + m.fileName).c_str());
                            const int c = column(m.fileName);
                            QCOMPARE(c >= 0, m.csv);
                            if (c < 0 || !w[m.fileName].is_number())
                                continue;
                            const double fromJson = w[m.fileName].template get<double>(), fromCsv = cells[c].toDouble();
                            QVERIFY2(std::fabs(fromJson - fromCsv) <= 1e-9 * std::max(1.0, std::fabs(fromJson)),
                                     (name.toStdString() + ": " + m.fileName).c_str());
                        }
                    };
                    if (inference)
                        check(inferenceMetrics());
                    else
                        check(trainingMetrics());
                }
            QCOMPARE(row, lines.size());
        }
    }

    void oneStrategyAndCsvAndOutputFile()
    {
        QString out = m_dir.filePath("result.csv");
        Run r = cli({"evaluate", example("fraud-scoring.json"), "--strategy", "hybrid", "--format", "csv", "--output", out});
        QCOMPARE(r.exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
        QVERIFY(lines[0].startsWith("strategy,workload,saturated,latency_mean_ms"));
        QVERIFY(lines.size() >= 2);
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY(lines[i].startsWith("hybrid,"));
        Run unwritable = cli({"evaluate", example("fraud-scoring.json"), "--output", "/nonexistent/dir/x.txt"});
        QCOMPARE(unwritable.exitCode, 3);
    }

    void convertRoundTripAndProjects()
    {
        const QString project = m_dir.filePath("fraud.strata"), back = m_dir.filePath("fraud.json");
        QCOMPARE(cli({"convert", example("fraud-scoring.json"), project}).exitCode, 0);
        QCOMPARE(cli({"convert", project, back}).exitCode, 0);
        QFile a(example("fraud-scoring.json")), b(back);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(nlohmann::json::parse(b.readAll().toStdString()) == nlohmann::json::parse(a.readAll().toStdString()));
        Run fromProject = cli({"evaluate", project, "--format", "csv"});
        Run fromJson = cli({"evaluate", example("fraud-scoring.json"), "--format", "csv"});
        QCOMPARE(fromProject.exitCode, 0);
        QCOMPARE(fromProject.out, fromJson.out);
        Run notProject = cli({"validate", write("fake.strata", "not a database")});
        QCOMPARE(notProject.exitCode, 3);
        QVERIFY2(notProject.err.contains("not a Strata project"), qPrintable(notProject.err));
        QCOMPARE(cli({"convert", example("fraud-scoring.json"), m_dir.filePath("x.txt")}).exitCode, 2);
    }

    void tableMarksWinnersAndUnits()
    {
        Run r = cli({"evaluate", example("av-perception-edge-vs-cloud.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("centralized") && r.out.contains("distributed") && r.out.contains("hybrid"));
        QVERIFY(r.out.contains("latency p95 (ms)"));
        QVERIFY(r.out.contains("*"));
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
