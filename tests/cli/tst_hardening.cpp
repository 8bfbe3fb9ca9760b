// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 14: what a hostile (or unlucky) user can hand Strata. Each block reproduces one finding of
// the attack as data-driven rows: special files as outputs, symbolic links, long names, leftovers
// of killed writers, formulas in CSV cells and control characters on the terminal.

#include "engine/metrics.h"
#include "io/outputfile.h"
#include "io/textout.h"
#include "model/fields.h"
#include "model/workloadkind.h"
#include "service/evaluate.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cmath>
#include <limits>
#include <span>
#include <variant>
#include <filesystem>

#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <utime.h>

namespace fs = std::filesystem;
using namespace strata::core;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(STRATA_CLI), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QString example(const char* name)
{
    return QStringLiteral(STRATA_EXAMPLES "/") + name;
}

/// The arguments of each command that writes a file, with the output \a out (given its ending).
QStringList writing(const QString& command, const QString& out)
{
    const QString in = example("fraud-scoring.json");
    if (command == QLatin1String("evaluate"))
        return {"evaluate", in, "--format", "json", "--output", out};
    if (command == QLatin1String("csv"))
        return {"evaluate", in, "--format", "csv", "--output", out};
    if (command == QLatin1String("sweep"))
        return {"sweep", in, "--param", "workloads.score.offered_rps", "--from", "10", "--to", "100", "--steps", "3", "--output", out};
    if (command == QLatin1String("resilience"))
        return {"resilience", in, "--format", "json", "--output", out};
    if (command == QLatin1String("convert-json"))
        return {"convert", in, out};
    if (command == QLatin1String("convert-strata"))
        return {"convert", in, out};
    return {"report", in, "--output", out};
}

QString endingOf(const QString& command)
{
    return command == QLatin1String("convert-strata") ? QStringLiteral(".strata")
           : command == QLatin1String("report")       ? QStringLiteral(".pdf")
           : command == QLatin1String("csv") || command == QLatin1String("sweep") ? QStringLiteral(".csv")
                                                                                  : QStringLiteral(".json");
}

const QStringList kWriters{"evaluate", "csv", "sweep", "resilience", "convert-json", "convert-strata", "report"};

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}


/// Each end of \a r, just inside it where it is open.
std::vector<double> extremes(const Range& r)
{
    std::vector<double> out;
    if (std::isfinite(r.lo))
        out.push_back(r.loOpen ? (r.lo == 0 ? 1e-300 : r.lo * (1 + 1e-12)) : r.lo);
    if (std::isfinite(r.hi))
        out.push_back(r.hi);
    return out;
}

/// Evaluates \a sc and returns what is not finite among its outputs ("" when all are).
std::string nonFinite(const Scenario& sc)
{
    const Evaluation ev = evaluate(sc);
    std::string bad;
    for (const Diagnostic& d : nonFiniteMetrics(ev))
        bad += d.message + "; ";
    for (const StrategyResult& sr : ev.results) {
        for (const InferenceResult& r : sr.inference)
            for (const auto& m : inferenceMetrics())
                if (m.value && m.value(r) && !std::isfinite(*m.value(r)))
                    bad += m.key + "; ";
        for (const TrainingResult& r : sr.training)
            for (const auto& m : trainingMetrics())
                if (m.value && m.value(r) && !std::isfinite(*m.value(r)))
                    bad += m.key + "; ";
    }
    return bad; // (JSON would hide a NaN as null: the values themselves are checked)
}

/// Sets every field of \a fields on every element \a list gives, to each end of its range.
template <typename T, typename List>
void extremesOf(const Scenario& base, std::span<const NumberField<T>> fields, List list, const std::string& name, int& cases,
                std::string& failures)
{
    Scenario probe = base;
    for (size_t i = 0; i < list(probe).size(); ++i)
        for (const NumberField<T>& f : fields)
            for (double v : extremes(f.range)) {
                Scenario sc = base;
                f.set(list(sc)[i], v);
                ++cases;
                if (const std::string bad = nonFinite(sc); !bad.empty())
                    failures += name + " " + std::string(f.key) + " = " + formatNumber(v) + ": " + bad + "\n";
            }
}

} // namespace

class tst_Hardening : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Run probe = cli({"validate", example("fraud-scoring.json")});
        QCOMPARE(probe.exitCode, 0); // the example's workload id is the one writing() sweeps
        QVERIFY(readAll(example("fraud-scoring.json")).contains("\"id\": \"score\""));
    }

    // ---------------------------------------------------------- 3: special files are never replaced

    void specialFilesAreRefused_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("kind");
        for (const QString& c : kWriters)
            for (const char* kind : {"fifo", "folder", "device", "loop"})
                QTest::newRow(qPrintable(c + " → " + kind)) << c << QString::fromLatin1(kind);
    }

    void specialFilesAreRefused()
    {
        QFETCH(QString, command);
        QFETCH(QString, kind);
        const QString path = m_dir.filePath(kind + "-" + command + endingOf(command));
        const std::string p = path.toStdString();
        QString expect;
        if (kind == QLatin1String("fifo")) {
            QVERIFY(::mkfifo(p.c_str(), 0600) == 0 || errno == EEXIST);
            expect = QStringLiteral("FIFO");
        } else if (kind == QLatin1String("folder")) {
            QVERIFY(QDir().mkpath(path));
            expect = QStringLiteral("is a folder");
        } else if (kind == QLatin1String("device")) {
            // /dev/null's numbers (1, 3); making a node needs root, as CI runs.
            if (::mknod(p.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0 && errno != EEXIST)
                QSKIP("creating a device node needs root");
            expect = QStringLiteral("character device");
        } else {
            const QString other = path + ".other";
            QFile::link(other, path);
            QFile::link(path, other);
            expect = QStringLiteral("loop of symbolic links");
        }
        const auto before = fs::symlink_status(p).type();
        const Run r = cli(writing(command, path));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(expect.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains(path.toUtf8()), "the message names the file");
        QCOMPARE(fs::symlink_status(p).type(), before); // still a FIFO, folder, device or link
    }

    // ---------------------------------------------------------- 3: a symbolic link is written through

    void symlinksAreWrittenThrough_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString& c : kWriters)
            QTest::newRow(qPrintable(c)) << c;
    }

    void symlinksAreWrittenThrough()
    {
        QFETCH(QString, command);
        const QString target = m_dir.filePath("real-" + command + endingOf(command));
        const QString link = m_dir.filePath("link-" + command + endingOf(command));
        QFile::remove(target);
        QFile::remove(link);
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        QVERIFY(QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(QFile::link(QFileInfo(target).fileName(), link)); // relative, as people make them
        const Run r = cli(writing(command, link));
        if (r.err.contains("no report support"))
            QSKIP("this build has no report support");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QFileInfo(link).isSymLink(), "the link was replaced by a file");
        const QByteArray now = readAll(target);
        QVERIFY(now.size() > 100 && now != "old");
        QCOMPARE(QFile::permissions(target) & (QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions()); // the replaced file's permissions are kept
    }

    // ---------------------------------------------------------- 11: long names, leftovers

    void longOutputNamesFit_data() { symlinksAreWrittenThrough_data(); }

    void longOutputNamesFit()
    {
        QFETCH(QString, command);
        // 250 characters in all, the ending included: a temporary name built from it would pass
        // the file system's limit of 255.
        const QString ending = endingOf(command);
        const QString name = QString(250 - ending.size() - command.size(), QLatin1Char('n')) + command + ending;
        QCOMPARE(name.size(), 250);
        const Run r = cli(writing(command, m_dir.filePath(name)));
        if (r.err.contains("no report support"))
            QSKIP("this build has no report support");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFileInfo(m_dir.filePath(name)).size() > 100);
    }

    void leftoversOfKilledWritersAreRemoved()
    {
        QTemporaryDir dir;
        // The pid of a process that has ended: the writer that was killed.
        QProcess gone;
        gone.start(QStringLiteral("true"));
        QVERIFY(gone.waitForFinished());
        const qint64 pid = gone.processId() > 0 ? gone.processId() : 0;
        QVERIFY(pid == 0 || ::kill(static_cast<pid_t>(pid), 0) != 0);
        const QString dead = QStringLiteral("%1").arg(pid > 0 ? pid : 4194303); // beyond any pid in use
        const QStringList stale{".strata-" + dead + "-0.tmp", ".strata-" + dead + "-1.saving", ".strata-" + dead + "-1.saving-journal"};
        const QString fresh = ".strata-" + dead + "-2.tmp";           // too new: its writer may be elsewhere
        const QString alive = QStringLiteral(".strata-%1-0.tmp").arg(::getpid()); // this process is alive
        const QString other = QStringLiteral(".strata-notes.tmp");                // not one of ours
        for (const QString& n : stale + QStringList{fresh, alive, other}) {
            QFile f(dir.filePath(n));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const qint64 old = QDateTime::currentSecsSinceEpoch() - 600;
        for (const QString& n : stale + QStringList{alive, other}) {
            const utimbuf t{static_cast<time_t>(old), static_cast<time_t>(old)};
            QVERIFY(::utime(dir.filePath(n).toLocal8Bit().constData(), &t) == 0);
        }
        const Run r = cli({"convert", example("fraud-scoring.json"), dir.filePath("out.strata")});
        QCOMPARE(r.exitCode, 0);
        for (const QString& n : stale)
            QVERIFY2(!QFile::exists(dir.filePath(n)), qPrintable(n));
        QVERIFY(QFile::exists(dir.filePath(fresh)));
        QVERIFY(QFile::exists(dir.filePath(alive)));
        QVERIFY(QFile::exists(dir.filePath(other)));
        QVERIFY(QFile::exists(dir.filePath("out.strata")));
    }

    void outputTargetRules()
    {
        // The rule itself: a new name in a folder that exists is fine, a missing folder is not.
        QVERIFY(outputTarget(m_dir.filePath("new.json").toStdString()).ok());
        const OutputTarget missing = outputTarget(m_dir.filePath("no/such/folder/x.json").toStdString());
        QVERIFY(!missing.ok());
        QVERIFY(missing.error.find("does not exist") != std::string::npos);
        QVERIFY(!outputTarget("").ok());
        const OutputTarget dev = outputTarget("/dev/null");
        QVERIFY(!dev.ok());
        QVERIFY(dev.error.find("character device") != std::string::npos);
        QVERIFY(dev.error.find("--output -") != std::string::npos); // says how to print instead
    }

    // ---------------------------------------------------------- 1: texts have one limit, never a silent cut

    void longTextsAreRefusedAlikeEverywhere_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<int>("bytes");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("17 MB description") << QByteArray("description") << 17'000'000 << QByteArray("description is 17000000 bytes long; at most 1048576");
        QTest::newRow("17 MB site name") << QByteArray("site name") << 17'000'000 << QByteArray("name is 17000000 bytes long; at most 10000");
        QTest::newRow("description at the limit") << QByteArray("description") << (1 << 20) << QByteArray();
    }

    void longTextsAreRefusedAlikeEverywhere()
    {
        QFETCH(QByteArray, field);
        QFETCH(int, bytes);
        QFETCH(QByteArray, said);
        QByteArray json = readAll(example("fraud-scoring.json"));
        if (field == "description") {
            const int at = json.indexOf("\"description\"");
            const int open = json.indexOf('"', json.indexOf(':', at));
            const int close = json.indexOf('"', open + 1);
            json.replace(open + 1, close - open - 1, QByteArray(bytes, 'd'));
        } else {
            const int at = json.indexOf("\"name\"", json.indexOf("\"sites\""));
            const int open = json.indexOf('"', json.indexOf(':', at));
            const int close = json.indexOf('"', open + 1);
            json.replace(open + 1, close - open - 1, QByteArray(bytes, 'n'));
        }
        QTemporaryDir dir;
        const QString file = dir.filePath("long.json");
        QVERIFY(writeFile(file, json));
        const QString project = dir.filePath("long.strata");
        const Run validate = cli({"validate", file});
        const Run convert = cli({"convert", file, project});
        if (said.isEmpty()) { // at the limit: valid, and the project reads back whole
            QCOMPARE(validate.exitCode, 0);
            QCOMPARE(convert.exitCode, 0);
            const Run back = cli({"convert", project, dir.filePath("back.json")});
            QCOMPARE(back.exitCode, 0);
            QVERIFY(readAll(dir.filePath("back.json")).contains(QByteArray(bytes, 'd')));
            return;
        }
        QCOMPARE(validate.exitCode, 1);
        QVERIFY2(validate.err.contains(said), validate.err.left(400).constData());
        QCOMPARE(convert.exitCode, 1); // nothing written that could not be read back
        QVERIFY(!QFile::exists(project));
    }

    // ---------------------------------------------------------- 10, 11: inputs that never end or loop

    void specialInputsAreRefused_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("ending");
        QTest::addColumn<QString>("kind");
        for (const char* command : {"validate", "evaluate", "report"})
            for (const char* ending : {".json", ".strata"})
                for (const char* kind : {"fifo", "loop"})
                    QTest::newRow(qPrintable(QStringLiteral("%1 %2 %3").arg(command, kind, ending))) << command << ending << kind;
    }

    void specialInputsAreRefused()
    {
        QFETCH(QString, command);
        QFETCH(QString, ending);
        QFETCH(QString, kind);
        const QString path = m_dir.filePath("in-" + kind + "-" + command + ending);
        if (kind == QLatin1String("fifo")) {
            QVERIFY(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0 || errno == EEXIST);
        } else {
            QFile::link(path + ".b", path);
            QFile::link(path, path + ".b");
        }
        QStringList args{command, path};
        if (command == QLatin1String("report"))
            args << "--output" << m_dir.filePath("in-" + kind + ending + ".pdf");
        const Run r = cli(args, 20000); // a FIFO used to block for ever
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(kind == QLatin1String("fifo") ? "FIFO" : "loop of symbolic links"), r.err.constData());
    }

    // ---------------------------------------------------------- 10: bounded answers to huge files

    void aMillionBadEntriesGiveAShortAnswer()
    {
        QByteArray json = "{\"format\":\"strata-scenario\",\"version\":1,\"sites\":[";
        for (int i = 0; i < 1'000'000; ++i)
            json += i ? ",1" : "1";
        json += "]}";
        QTemporaryDir dir;
        const QString file = dir.filePath("million.json");
        QVERIFY(writeFile(file, json));
        const Run r = cli({"validate", file});
        QCOMPARE(r.exitCode, 1);
        const qsizetype lines = r.err.count('\n');
        QVERIFY2(lines > 200 && lines < 260, qPrintable(QString::number(lines)));
        QVERIFY2(r.err.contains("999800 more elements were not checked"), r.err.right(400).constData());
    }

    void aHugeUnknownKeyIsElided()
    {
        QByteArray json = readAll(example("fraud-scoring.json"));
        const int brace = json.indexOf('{', json.indexOf("\"sites\""));
        json.insert(brace + 1, "\"" + QByteArray(1 << 20, 'k') + "\": 1, ");
        QTemporaryDir dir;
        const QString file = dir.filePath("key.json");
        QVERIFY(writeFile(file, json));
        const Run r = cli({"validate", file}, 30000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.size() < 4096, qPrintable(QString::number(r.err.size())));
        QVERIFY2(r.err.contains("unknown field (a name of 1048576 bytes)"), r.err.constData());
    }

    // ---------------------------------------------------------- 10: a sweep streams its rows

    void sweepRowsStreamInStepOrder()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.csv");
        const int steps = 5000;
        const Run r = cli({"sweep", example("fraud-scoring.json"), "--param", "workloads.score.offered_rps", "--from", "1", "--to",
                           "5000", "--steps", QString::number(steps), "--output", out});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = readAll(out).split('\n');
        QCOMPARE(lines.size(), 1 + 3 * steps + 1); // header, 3 strategies a step, the final newline
        for (int i = 0; i < 3 * steps; ++i)
            QCOMPARE(lines[1 + i].left(lines[1 + i].indexOf(',')).toInt(), i / 3); // in step order
        const Run json = cli({"sweep", example("fraud-scoring.json"), "--param", "workloads.score.offered_rps", "--from", "1",
                              "--to", "50", "--steps", "7", "--format", "json"});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.out.count("\"step\": "), 7);
        QVERIFY(json.out.endsWith("\n  ]\n}\n"));
    }

    void aSweepThatFailsWritesNoFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.csv");
        // The bandwidth reaches 0 at the third step, which makes the design invalid.
        const QStringList args{"sweep", example("fraud-scoring.json"), "--param", "links.acq-pos.bandwidth_gbps", "--from", "10",
                               "--to", "-10", "--steps", "5"};
        Run r = cli(args + QStringList{"--output", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("step 2"));
        QVERIFY(r.err.contains("nothing was written"));
        QVERIFY(!QFile::exists(out));
        r = cli(args);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out.count('\n'), 1 + 3 * 2); // the header and the two steps before it
        QVERIFY(r.err.contains("the rows above are the steps before it"));
        r = cli({"sweep", example("fraud-scoring.json"), "--param", "workloads.score.offered_rps", "--from", "1", "--to", "2",
                 "--steps", "1000001"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--steps must be a whole number from 1 to 1000000"));
    }

    // ---------------------------------------------------------- 2: no NaN or infinity from any input

    void extremeInputsGiveFiniteOutputs()
    {
        // Every registry field of every element of four examples, set to each end of its range
        // (just inside an open end): the evaluation gives finite numbers or none, never a NaN or
        // an infinity, and the net (nonFiniteMetrics) never has to catch one. Before the ranges
        // had upper bounds, params = 1e308 printed "power -nan" and devices = 1e308 "inf req/s".
        int cases = 0;
        std::string failures;
        for (const char* name : {"fraud-scoring.json", "llm-assistant-regions.json", "llm-pretraining-regions.json", "healthcare-federated.json"}) {
            const Scenario base = strata::test::parseScenario(strata::test::readText(example(name)));
            extremesOf(base, siteFields(), [](Scenario& s) -> std::vector<Site>& { return s.sites; }, name, cases, failures);
            extremesOf(base, linkFields(), [](Scenario& s) -> std::vector<Link>& { return s.links; }, name, cases, failures);
            extremesOf(base, modelFields(), [](Scenario& s) -> std::vector<Model>& { return s.models; }, name, cases, failures);
            for (size_t w = 0; w < base.workloads.size(); ++w)
                std::visit(
                    [&](const auto& spec) {
                        using S = std::decay_t<decltype(spec)>;
                        for (const auto& f : fieldsOf(spec))
                            for (double v : extremes(f.range)) {
                                Scenario sc = base;
                                f.set(std::get<S>(sc.workloads[w].spec), v);
                                ++cases;
                                if (const std::string bad = nonFinite(sc); !bad.empty())
                                    failures += std::string(name) + " " + base.workloads[w].id + "." + std::string(f.key) + " = " +
                                                formatNumber(v) + ": " + bad + "\n";
                            }
                    },
                    base.workloads[w].spec);
        }
        // The numbers in lists at their bounds, together with the largest device groups: the
        // products (demand = devices × rate, a pool's FLOP/s) stay finite.
        for (const char* name : {"fraud-scoring.json", "llm-assistant-regions.json", "llm-pretraining-regions.json", "healthcare-federated.json"}) {
            Scenario sc = strata::test::parseScenario(strata::test::readText(example(name)));
            for (Site& s : sc.sites) {
                s.devices = kMaxDevices;
                for (Pool& pool : s.pools)
                    pool.count = 100'000'000;
            }
            for (Workload& w : sc.workloads)
                std::visit(Overloaded{[](InferenceSpec& s) {
                                          for (RequestSource& src : s.sources)
                                              src.ratePerDevice = kMaxRatePerDevice;
                                      },
                                      [](TrainingSpec& t) {
                                          for (Dataset& d : t.datasets)
                                              d.bytes = kMaxDatasetBytes;
                                      },
                                      [](FederatedSpec& f) {
                                          for (Dataset& d : f.datasets)
                                              d.bytes = kMaxDatasetBytes;
                                      }},
                           w.spec);
            ++cases;
            if (const std::string bad = nonFinite(sc); !bad.empty())
                failures += std::string(name) + " with every list number at its bound: " + bad + "\n";
        }
        QVERIFY2(failures.empty(), failures.c_str());
        QVERIFY2(cases > 300, qPrintable(QString::number(cases)));
        qInfo("%d extreme inputs, every output finite", cases);
    }

    void theNetCatchesANonFiniteResult()
    {
        Evaluation ev;
        StrategyResult sr;
        sr.strategy = Strategy::Hybrid;
        InferenceResult r;
        r.workload = "chat";
        r.latencyMeanSeconds = std::numeric_limits<double>::quiet_NaN();
        r.powerWatts = std::numeric_limits<double>::infinity();
        sr.inference.push_back(r);
        ev.results.push_back(sr);
        const Diagnostics found = nonFiniteMetrics(ev);
        QCOMPARE(found.size(), size_t(2));
        for (const Diagnostic& d : found) {
            QCOMPARE(d.severity, Severity::Error);
            QCOMPARE(d.element.key(), std::string("workload:chat"));
            QVERIFY(d.message.find("under hybrid") != std::string::npos);
        }
        QVERIFY(found[0].message.find("latency mean is not a finite number (NaN)") != std::string::npos);
        QVERIFY(found[1].message.find("(infinite)") != std::string::npos);
    }

    // ---------------------------------------------------------- 8: no formulas in CSV cells

    void csvCellsAreNeverFormulas_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("cell");
        QTest::newRow("dde") << "=cmd|' /C calc'!A0" << "'=cmd|' /C calc'!A0";
        QTest::newRow("hyperlink") << "=HYPERLINK(\"http://x\",\"y\")" << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("plus") << "+SUM(1+1)" << "'+SUM(1+1)";
        QTest::newRow("minus") << "-2+3" << "'-2+3";
        QTest::newRow("at") << "@SUM(1)" << "'@SUM(1)";
        QTest::newRow("plain") << "chat" << "chat";
        QTest::newRow("inner equals") << "a=b" << "a=b";
        QTest::newRow("comma") << "a,b" << "\"a,b\"";
    }

    void csvCellsAreNeverFormulas()
    {
        QFETCH(QString, id);
        QFETCH(QString, cell);
        QCOMPARE(QString::fromStdString(csvText(id.toStdString())), cell);
        // The same id as a workload of a design: evaluate --format csv and a sweep's CSV.
        QByteArray json = readAll(example("fraud-scoring.json"));
        QVERIFY(json.contains("\"id\": \"score\""));
        QString escaped = id;
        escaped.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
        json.replace("\"id\": \"score\"", "\"id\": \"" + escaped.toUtf8() + "\"");
        QTemporaryDir dir;
        const QString file = dir.filePath("design.json");
        QVERIFY(writeFile(file, json));
        const Run r = cli({"evaluate", file, "--format", "csv"});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY(lines.size() > 2);
        for (const QByteArray& line : lines.mid(1))
            if (!line.isEmpty())
                QVERIFY2(line.contains("," + cell.toUtf8() + ","), line.constData());
    }

    // ---------------------------------------------------------- 9: no control sequences on the terminal

    void terminalOutputEscapesControls_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("clear screen") << QByteArray("\\u001b[2J\\u001b[31mred");
        QTest::newRow("carriage return") << QByteArray("x\\rFAKE: valid");
        QTest::newRow("newline") << QByteArray("x\\nFAKE.json: valid (1 sites)");
        QTest::newRow("csi as C1") << QByteArray("x\\u009b2J");
    }

    void terminalOutputEscapesControls()
    {
        QFETCH(QByteArray, key);
        // An unknown field, echoed by the error message, in a site of an example.
        QByteArray json = readAll(example("fraud-scoring.json"));
        const int site = json.indexOf("\"sites\"");
        const int brace = json.indexOf('{', site);
        QVERIFY(site > 0 && brace > site);
        json.insert(brace + 1, "\"" + key + "\": 1, ");
        QTemporaryDir dir;
        const QString file = dir.filePath("hostile.json");
        QVERIFY(writeFile(file, json));
        const Run r = cli({"validate", file});
        QCOMPARE(r.exitCode, 1);
        const QByteArray all = r.out + r.err;
        QVERIFY2(all.contains("\\x"), all.constData()); // shown, escaped
        QVERIFY(!all.contains('\x1b'));
        QVERIFY(!all.contains('\r'));
        QVERIFY(!all.contains("\xc2\x9b"));
        for (const QByteArray& line : all.split('\n'))
            QVERIFY2(!line.startsWith("FAKE"), line.constData());
        // And the rule itself: tabs and the text's own newlines stay, unless asked otherwise.
        QCOMPARE(terminalSafe("a\tb\nc\x07"), std::string("a\tb\nc\\x07"));
        QCOMPARE(terminalSafe("a\nb", false), std::string("a\\x0ab"));
        QCOMPARE(terminalSafe("caf\xc3\xa9 \x7f"), std::string("caf\xc3\xa9 \\x7f")); // é stays, DEL does not
    }
};

QTEST_GUILESS_MAIN(tst_Hardening)
#include "tst_hardening.moc"
