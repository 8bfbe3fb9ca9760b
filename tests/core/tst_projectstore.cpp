// SPDX-License-Identifier: GPL-3.0-or-later
// .strata project files: lossless round trip, atomic save, and every kind of hostile file.

#include "io/catalogreader.h"
#include "io/projectstore.h"
#include "model/validation.h"
#include "testutil.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <map>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace strata::core;

namespace {
Scenario example(const QString& file)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + file));
}

void sql(const std::string& path, const char* statements)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, statements, nullptr, nullptr, &error);
    QVERIFY2(rc == SQLITE_OK, error ? error : "");
    sqlite3_close(db);
}
} // namespace

class tst_ProjectStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)).toStdString(); }

    /// A saved copy of an example, for crafting broken files.
    std::string saved(const char* name)
    {
        std::string p = path(name);
        StoreResult r = saveProject(example("dcc-paper-comparison.json"), p);
        if (!r.ok())
            qFatal("%s", r.message.c_str());
        return p;
    }

private slots:
    void roundTripOfEveryExample_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& f : QDir(QStringLiteral(STRATA_EXAMPLES)).entryList({"*.json"}, QDir::Files))
            QTest::newRow(qPrintable(f)) << f;
    }
    void roundTripOfEveryExample()
    {
        QFETCH(QString, file);
        Scenario sc = example(file);
        std::string p = path("roundtrip.strata");
        StoreResult saved = saveProject(sc, p);
        QVERIFY2(saved.ok(), saved.message.c_str());
        StoreResult opened = openProject(p);
        QVERIFY2(opened.ok(), opened.message.c_str());
        QVERIFY(opened.scenario == sc);
    }

    void everySchemaVersionFixtureOpensForever_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v <= kStrataSchemaVersion; ++v)
            QTest::newRow(qPrintable(QStringLiteral("v%1").arg(v))) << v;
    }
    void everySchemaVersionFixtureOpensForever()
    {
        // tests/data/fixtures/vN.strata was written by schema N; it must always open (through the
        // migration chain) into the scenario of vN.json, and save again as the current version.
        QFETCH(int, version);
        const QString base = QStringLiteral(STRATA_TEST_DATA "/fixtures/v%1").arg(version);
        const std::string file = (base + QStringLiteral(".strata")).toStdString();
        QFile raw(QString::fromStdString(file));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray header = raw.read(100);
        QCOMPARE(int(uchar(header[63])), version); // user_version, low byte: the fixture really is vN
        StoreResult r = openProject(file);
        QVERIFY2(r.ok(), r.message.c_str());
        const Scenario expected = strata::test::parseScenario(strata::test::readText(base + QStringLiteral(".json")));
        QVERIFY(r.scenario == expected);
        const std::string resaved = path("resaved.strata");
        QVERIFY(saveProject(r.scenario, resaved).ok());
        QVERIFY(openProject(resaved).scenario == expected);
    }

    void notesAndCanvasViewRoundTrip()
    {
        // Schema 2: the author's notes and where the canvas was looking.
        Scenario sc = example("fraud-scoring.json");
        sc.notes = "Assumes 2026 list prices.\nAsk finance about egress.";
        sc.view = CanvasView{-120.5, 340.25, 0.75};
        std::string p = path("notes.strata");
        QVERIFY(saveProject(sc, p).ok());
        StoreResult opened = openProject(p);
        QVERIFY2(opened.ok(), opened.message.c_str());
        QCOMPARE(opened.scenario.notes, sc.notes);
        QVERIFY(opened.scenario.view.has_value());
        QCOMPARE(opened.scenario.view->zoom, 0.75);
        QVERIFY(opened.scenario == sc);
        // A zoom outside 0.02..50 written by hand is an invalid value, not a silent clamp.
        sql(p, "UPDATE view SET zoom = 1000 WHERE idx = 0;");
        StoreResult bad = openProject(p);
        QCOMPARE(bad.error, StoreError::InvalidValues);
        QVERIFY(!bad.diagnostics.empty());
        QVERIFY(bad.diagnostics.front().message.find("zoom") != std::string::npos ||
                bad.diagnostics.front().element.key().find("view") != std::string::npos);
    }

    void anUnknownWorkloadKindIsAnErrorNotInference()
    {
        // The schema's CHECK keeps other kinds out; a file written with checks off (by another
        // tool) gets past it with its schema text intact. Such a row was read as inference.
        const std::string p = saved("kind.strata");
        sql(p, "PRAGMA ignore_check_constraints = ON; UPDATE workloads SET type = 'pipeline' WHERE idx = 0;");
        const StoreResult r = openProject(p);
        QCOMPARE(r.error, StoreError::InvalidValues);
        QVERIFY(strata::test::hasDiagnostic(r.diagnostics, Severity::Error, "workloads[0].type", "unknown workload type \"pipeline\""));
        for (const Workload& w : r.scenario.workloads)
            QVERIFY(w.id != example("dcc-paper-comparison.json").workloads[0].id);
    }

    void everyReleasedVersionOpensAsItsJsonTwin()
    {
        // Each fixture was written by the release that introduced its version: it must pass the
        // exact schema check (texts now partly generated from the field registry) and migrate.
        for (const char* v : {"v1", "v2", "v3", "v4"}) {
            const QString base = QStringLiteral(STRATA_TEST_DATA "/fixtures/") + QLatin1String(v);
            const StoreResult opened = openProject((base + QStringLiteral(".strata")).toStdString());
            QVERIFY2(opened.ok(), (std::string(v) + ": " + opened.message).c_str());
            const Scenario twin = strata::test::parseScenario(strata::test::readText(base + QStringLiteral(".json")));
            QCOMPARE(opened.scenario.sites, twin.sites);
            QCOMPARE(opened.scenario.links, twin.links);
        }
    }

    void sitesAndLinksTablesKeepTheirReleasedText()
    {
        // The text schema 1 released, by hand: the registry generates these columns now, and a
        // change to a field's range or order must come as a migration, never as an edit here.
        // Schema 4 added the site's water usage effectiveness with ADD COLUMN, which SQLite
        // records at the end of the table's text.
        std::map<std::string, std::string> released = {
            {"sites", "CREATE TABLE sites(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, "
                      "kind TEXT NOT NULL CHECK(kind IN ('cloud','edge','onprem','device')), jurisdiction TEXT NOT NULL, "
                      "devices REAL CHECK(devices >= 0), pue REAL CHECK(pue >= 1), carbon_g_per_kwh REAL CHECK(carbon_g_per_kwh >= 0), "
                      "energy_usd_per_kwh REAL CHECK(energy_usd_per_kwh >= 0), availability REAL CHECK(availability BETWEEN 0 AND 1), "
                      "x REAL, y REAL)"},
            {"links", "CREATE TABLE links(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, "
                      "kind TEXT NOT NULL, bandwidth_gbps REAL NOT NULL CHECK(bandwidth_gbps > 0), latency_ms REAL CHECK(latency_ms >= 0), "
                      "distance_km REAL CHECK(distance_km >= 0), route_factor REAL CHECK(route_factor >= 1), "
                      "energy_nj_per_bit REAL CHECK(energy_nj_per_bit >= 0), egress_usd_per_gb REAL CHECK(egress_usd_per_gb >= 0), "
                      "availability REAL CHECK(availability BETWEEN 0 AND 1))"}};
        std::string& sites = released.at("sites");
        sites.insert(sites.size() - 1, ", wue_l_per_kwh REAL CHECK(wue_l_per_kwh >= 0)");
        const std::string p = saved("schema.strata");
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(p.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE name IN ('sites','links')", -1, &st, nullptr),
                 SQLITE_OK);
        int found = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            const std::string text = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
            QCOMPARE(text, released.at(name));
            ++found;
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        QCOMPARE(found, 2);
    }

    void olderVersionWithExtraTableIsStillRefused()
    {
        // The whitelist applies to the file's own version before any migration runs.
        const std::string p = path("old-extra.strata");
        QVERIFY(QFile::copy(QStringLiteral(STRATA_TEST_DATA "/fixtures/v1.strata"), QString::fromStdString(p)));
        QFile::setPermissions(QString::fromStdString(p), QFile::ReadOwner | QFile::WriteOwner);
        sql(p, "CREATE TABLE view(idx INTEGER PRIMARY KEY);");
        QCOMPARE(openProject(p).error, StoreError::UnexpectedSchema);
    }

    void saveCanKeepThePreviousVersionAsBackup()
    {
        const Scenario a = example("fraud-scoring.json"), b = example("dcc-paper-comparison.json");
        const std::string p = path("backup.strata");
        QVERIFY(saveProject(a, p, {.keepBackup = true}).ok()); // nothing to keep yet
        QVERIFY(!std::filesystem::exists(p + "~"));
        QVERIFY(saveProject(b, p, {.keepBackup = true}).ok());
        QVERIFY(openProject(p).scenario == b);
        QVERIFY(openProject(p + "~").scenario == a);
        QVERIFY(saveProject(a, p, {.keepBackup = true}).ok());
        QVERIFY(openProject(p + "~").scenario == b); // one level deep: the version just replaced
        QVERIFY(saveProject(b, p).ok());              // without the option the backup is left alone
        QVERIFY(openProject(p + "~").scenario == b);
    }

    void unreadableFileSaysPermission()
    {
        // Root reads any file, so as root the check runs in a child process that drops to "nobody".
        const std::string p = saved("locked.strata");
        QVERIFY(::chmod(m_dir.path().toUtf8().constData(), 0755) == 0);
        QVERIFY(::chmod(p.c_str(), 0) == 0);
        int error = -1;
        std::string message;
        if (::geteuid() != 0) {
            StoreResult r = openProject(p);
            error = int(r.error);
            message = r.message;
        } else {
            int pipeFds[2];
            QVERIFY(::pipe(pipeFds) == 0);
            const pid_t child = ::fork();
            QVERIFY(child >= 0);
            if (child == 0) {
                ::close(pipeFds[0]);
                int code = 99;
                if (::setgid(65534) == 0 && ::setuid(65534) == 0)
                    code = int(openProject(p).error);
                const char byte = char(code);
                (void)!::write(pipeFds[1], &byte, 1);
                ::_exit(0);
            }
            ::close(pipeFds[1]);
            char byte = 0;
            QCOMPARE(::read(pipeFds[0], &byte, 1), ssize_t(1));
            ::close(pipeFds[0]);
            ::waitpid(child, nullptr, 0);
            error = byte;
        }
        ::chmod(p.c_str(), 0644);
        QVERIFY2(error != 99, "could not drop privileges for the check");
        QCOMPARE(error, int(StoreError::Permission));
        if (!message.empty())
            QVERIFY(message.find("permission") != std::string::npos);
    }

    void hostileTextRoundTripsVerbatim()
    {
        Scenario sc = example("fraud-scoring.json");
        sc.name = "quote ' \" <img src=x onerror=alert(1)> '); DROP TABLE sites;-- \u202eevil\u202c";
        sc.sites[0].name = "Robert'); DELETE FROM links;--";
        sc.description = std::string("nul-free\ttab\nnewline and ünïcödé");
        std::string p = path("hostile.strata");
        QVERIFY(saveProject(sc, p).ok());
        StoreResult opened = openProject(p);
        QVERIFY(opened.ok());
        QCOMPARE(opened.scenario.name, sc.name);
        QVERIFY(opened.scenario == sc);
    }

    void saveReplacesAtomicallyAndLeavesNoTemporary()
    {
        std::string p = saved("atomic.strata");
        Scenario other = example("fraud-scoring.json");
        QVERIFY(saveProject(other, p).ok());
        QVERIFY(openProject(p).scenario == other);
        for (const auto& entry : std::filesystem::directory_iterator(m_dir.path().toStdString()))
            QVERIFY2(entry.path().filename().string().find(".saving") == std::string::npos, entry.path().c_str());
        // A save that cannot complete leaves nothing behind and reports it.
        StoreResult r = saveProject(other, path("no/such/dir/x.strata"));
        QCOMPARE(r.error, StoreError::WriteFailed);
        QVERIFY2(r.message.find("does not exist; create it first") != std::string::npos, r.message.c_str());
        // One that fails once writing has begun says the file on disk is unchanged.
        const std::string readOnly = path("readonly");
        std::filesystem::create_directory(readOnly);
        std::filesystem::permissions(readOnly, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        if (::access(readOnly.c_str(), W_OK) != 0) { // root writes anywhere: then nothing to check
            r = saveProject(other, readOnly + "/x.strata");
            QCOMPARE(r.error, StoreError::WriteFailed);
            QVERIFY2(r.message.find("unchanged") != std::string::npos, r.message.c_str());
        }
        std::filesystem::permissions(readOnly, std::filesystem::perms::owner_all);
    }

    void killedSaveLeavesOneOfTheTwoStates()
    {
        // A helper saves A and B alternately in a loop; we kill it at random moments. Each time,
        // the file must open and equal A or B: never torn.
        const QString a = QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json");
        const QString b = QStringLiteral(STRATA_EXAMPLES "/dcc-paper-comparison.json");
        const Scenario sa = example("fraud-scoring.json"), sb = example("dcc-paper-comparison.json");
        const std::string p = path("killed.strata");
        QVERIFY(saveProject(sa, p).ok());
        int sawA = 0, sawB = 0;
        for (int i = 0; i < 40; ++i) {
            QProcess helper;
            helper.start(QStringLiteral(STRATA_SAVE_HELPER), {a, b, QString::fromStdString(p)});
            QVERIFY(helper.waitForReadyRead(10000)); // "saving"
            QTest::qWait(5 + (i * 37) % 60);
            helper.kill(); // SIGKILL: no cleanup of any kind
            helper.waitForFinished(10000);
            StoreResult r = openProject(p);
            QVERIFY2(r.ok(), r.message.c_str());
            QVERIFY(r.scenario == sa || r.scenario == sb);
            (r.scenario == sa ? sawA : sawB)++;
        }
        qInfo("after 40 kills: %d times A, %d times B", sawA, sawB);
    }

    void hostileFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("error");
        QTest::newRow("missing") << "missing" << int(StoreError::NotFound);
        QTest::newRow("directory") << "directory" << int(StoreError::NotFound);
        QTest::newRow("0-byte file") << "empty" << int(StoreError::NotSqlite);
        QTest::newRow("a PNG") << "png" << int(StoreError::NotSqlite);
        QTest::newRow("foreign SQLite database") << "foreign" << int(StoreError::OtherApplication);
        QTest::newRow("empty SQLite database") << "emptydb" << int(StoreError::OtherApplication);
        QTest::newRow("newer format") << "newer" << int(StoreError::NewerFormat);
        QTest::newRow("extra table") << "table" << int(StoreError::UnexpectedSchema);
        QTest::newRow("extra trigger") << "trigger" << int(StoreError::UnexpectedSchema);
        QTest::newRow("extra view") << "view" << int(StoreError::UnexpectedSchema);
        QTest::newRow("altered constraint") << "altered" << int(StoreError::UnexpectedSchema);
        QTest::newRow("invalid value") << "invalid" << int(StoreError::InvalidValues);
        QTest::newRow("text in a number") << "text" << int(StoreError::InvalidValues);
        QTest::newRow("dangling reference") << "dangling" << int(StoreError::InvalidValues);
        QTest::newRow("zeroed page") << "zeroed" << int(StoreError::Damaged);
        // Issue 14: one set of rules for both readers, and no silent loss.
        QTest::newRow("17 MB description") << "oversized" << int(StoreError::InvalidValues);
        QTest::newRow("invalid UTF-8 name") << "utf8" << int(StoreError::InvalidValues);
        QTest::newRow("escape in an id") << "controlid" << int(StoreError::InvalidValues);
        QTest::newRow("pool count 2^63-1") << "hugecount" << int(StoreError::InvalidValues);
    }
    void hostileFiles()
    {
        QFETCH(QString, name);
        QFETCH(int, error);
        const std::string n = name.toStdString();
        std::string p = path((n + ".strata").c_str());
        auto write = [&](const QByteArray& bytes) {
            QFile f(QString::fromStdString(p));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        if (n == "missing")
            p = path("nothing-here.strata");
        else if (n == "directory")
            p = m_dir.path().toStdString();
        else if (n == "empty")
            write({});
        else if (n == "png")
            write(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + QByteArray(200, 'x'));
        else if (n == "foreign")
            sql(p, "CREATE TABLE customers(name TEXT); INSERT INTO customers VALUES('x');");
        else if (n == "emptydb")
            sql(p, "PRAGMA user_version=0; CREATE TABLE t(a); DROP TABLE t;");
        else {
            p = saved((n + ".strata").c_str());
            if (n == "newer")
                sql(p, (std::string("PRAGMA user_version=") + std::to_string(kStrataSchemaVersion + 1) + ";").c_str());
            else if (n == "table")
                sql(p, "CREATE TABLE extra(a);");
            else if (n == "trigger")
                sql(p, "CREATE TRIGGER t AFTER INSERT ON sites BEGIN DELETE FROM links; END;");
            else if (n == "view")
                sql(p, "CREATE VIEW v AS SELECT * FROM sites;");
            else if (n == "altered")
                sql(p, "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql=replace(sql,'CHECK(pue >= 1)','') "
                       "WHERE name='sites'; PRAGMA writable_schema=OFF;");
            else if (n == "invalid")
                sql(p, "PRAGMA ignore_check_constraints=ON; UPDATE sites SET pue=0.5 WHERE idx=0;");
            else if (n == "text")
                sql(p, "PRAGMA ignore_check_constraints=ON; UPDATE links SET bandwidth_gbps='fast' WHERE idx=0;");
            else if (n == "dangling")
                sql(p, "PRAGMA foreign_keys=OFF; UPDATE links SET b='nowhere' WHERE idx=0;");
            else if (n == "oversized") // past the reader's 16 MiB: the rows after it were dropped without a word
                sql(p, "UPDATE meta SET value = printf('%.*c', 17000000, 'x') WHERE key = 'description';");
            else if (n == "utf8")
                sql(p, "UPDATE sites SET name = CAST(X'C328' AS TEXT) WHERE idx = 0;");
            else if (n == "controlid")
                sql(p, "UPDATE links SET id = 'l' || char(27) || '[31m' WHERE idx = 0;");
            else if (n == "hugecount")
                sql(p, "UPDATE pools SET count = 9223372036854775807 WHERE idx = (SELECT min(idx) FROM pools);");
            else if (n == "zeroed") {
                QFile f(QString::fromStdString(p));
                QVERIFY(f.open(QIODevice::ReadWrite));
                QByteArray bytes = f.readAll();
                QVERIFY(bytes.size() > 3 * 4096);
                bytes.replace(2 * 4096, 4096, QByteArray(4096, '\0'));
                f.seek(0);
                f.write(bytes);
            }
        }
        StoreResult r = openProject(p);
        QVERIFY2(int(r.error) == error, r.message.c_str());
        QVERIFY(!r.message.empty());
        if (r.error == StoreError::InvalidValues)
            QVERIFY(!r.diagnostics.empty());
        const std::map<std::string, std::string> said{{"oversized", "longer than the 16 MiB"}, {"utf8", "not valid UTF-8"},
                                                      {"controlid", "without control characters"}, {"hugecount", "count is out of range"}};
        if (auto it = said.find(n); it != said.end()) {
            bool found = false;
            for (const Diagnostic& d : r.diagnostics)
                found = found || d.message.find(it->second) != std::string::npos;
            QVERIFY2(found, ("no finding says \"" + it->second + "\"").c_str());
        }
    }

    void aLockedProjectIsInUseNotDamaged()
    {
        // Another program writing (it holds the lock throughout): "in use", after a short wait.
        const std::string p = saved("locked.strata");
        sqlite3* other = nullptr;
        QCOMPARE(sqlite3_open(p.c_str(), &other), SQLITE_OK);
        // A one-page cache: the changes spill into the file itself, after the journal holds the
        // pages they replace (what a save cut off by kill -9 leaves behind).
        QCOMPARE(sqlite3_exec(other, "PRAGMA cache_size = 1; BEGIN EXCLUSIVE; UPDATE meta SET value = 'x' WHERE key = 'name'; "
                                     "UPDATE sites SET name = name || printf('%.*c', 2000, 'y');",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        StoreResult r = openProject(p);
        QCOMPARE(r.error, StoreError::InUse);
        QVERIFY2(r.message.find("is in use") != std::string::npos, r.message.c_str());
        QVERIFY(r.message.find("damaged") == std::string::npos);
        // A save cut off mid-way leaves a hot journal: a copy of the file and its journal taken
        // while the write is open is such a pair, and opens as the last committed state.
        const std::string copy = path("hot.strata");
        std::filesystem::copy_file(p, copy, std::filesystem::copy_options::overwrite_existing);
        if (std::filesystem::exists(p + "-journal")) {
            std::filesystem::copy_file(p + "-journal", copy + "-journal", std::filesystem::copy_options::overwrite_existing);
            r = openProject(copy);
            QVERIFY2(r.ok(), r.message.c_str());
            QCOMPARE(r.scenario.name, example("dcc-paper-comparison.json").name); // not the uncommitted 'x'
            QVERIFY(!std::filesystem::exists(copy + "-journal"));
        }
        sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(other);
        QVERIFY(openProject(p).ok()); // free again
    }

    void savingRefusesTextsNoReaderWouldTakeBack()
    {
        // A description over 1 MiB (or an id with a control character) is refused when saving, with
        // the field named, not written and lost on opening; the old file stays.
        const std::string p = saved("texts.strata");
        Scenario sc = example("fraud-scoring.json");
        sc.description = std::string(kMaxTextBytes + 1, 'd');
        StoreResult r = saveProject(sc, p);
        QCOMPARE(r.error, StoreError::WriteFailed);
        QVERIFY2(r.message.find("description is 1048577 bytes long; at most 1048576") != std::string::npos, r.message.c_str());
        QVERIFY(openProject(p).ok()); // the file on disk is the one saved before
        sc.description = std::string(kMaxTextBytes, 'd'); // the limit itself round-trips whole
        QVERIFY(saveProject(sc, p).ok());
        QCOMPARE(openProject(p).scenario.description.size(), kMaxTextBytes);
        sc.sites[0].name = "caf\xc3";
        r = saveProject(sc, p);
        QCOMPARE(r.error, StoreError::WriteFailed);
        QVERIFY2(r.message.find("not valid UTF-8") != std::string::npos, r.message.c_str());
    }

    void truncatedAndFlippedFilesNeverCrash()
    {
        const std::string original = saved("source.strata");
        QFile f(QString::fromStdString(original));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        std::string p = path("mutated.strata");
        auto tryBytes = [&](const QByteArray& data) {
            QFile out(QString::fromStdString(p));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(data);
            out.close();
            StoreResult r = openProject(p);
            // Either refused with a message, or read into a scenario that passes every check
            // (a flip inside a name, say, still gives a valid file): never a crash.
            if (r.ok())
                QVERIFY(!hasErrors(validateScenario(r.scenario, builtinCatalog())));
            else
                QVERIFY(!r.message.empty());
        };
        for (int cut : {16, 99, 100, 512, 4096, 8191, int(bytes.size()) / 2, int(bytes.size()) - 1})
            tryBytes(bytes.left(cut));
        for (int i = 0; i < 300; ++i) {
            QByteArray flipped = bytes;
            const int at = 100 + (i * 7919) % (flipped.size() - 100);
            flipped[at] = char(flipped[at] ^ (1 << (i % 8)));
            tryBytes(flipped);
        }
    }
};

QTEST_GUILESS_MAIN(tst_ProjectStore)
#include "tst_projectstore.moc"
