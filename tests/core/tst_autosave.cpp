// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave and crash recovery: a crashed session's copy is offered back, a live one is not.

#include "io/autosave.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace strata::core;

class tst_Autosave : public QObject {
    Q_OBJECT
private slots:
    void crashedSessionIsOfferedBack()
    {
        QTemporaryDir dir;
        AutosaveStore store(dir.path().toStdString());
        Scenario sc = strata::test::parseScenario(
            strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));

        // Our own, running session: saved, but not recoverable while we live.
        const std::string live = store.beginSession("/projects/fraud.strata");
        QVERIFY(store.autosave(live, sc).ok());
        QVERIFY(store.recoverable().empty());

        // A session whose process has ended without cleaning up: a lock naming a dead process.
        QProcess gone;
        gone.start(QStringLiteral("true"));
        QVERIFY(gone.waitForFinished(10000));
        const std::string crashed = "crashed-1";
        {
            std::ofstream lock(dir.filePath("crashed-1.lock").toStdString());
            lock << gone.processId() << "\n/projects/other.strata\n";
        }
        sc.name = "before the crash";
        QVERIFY(store.autosave(crashed, sc).ok());

        std::vector<RecoverableSession> found = store.recoverable();
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].id, crashed);
        QCOMPARE(found[0].originalPath, std::string("/projects/other.strata"));
        QCOMPARE(found[0].scenarioName, std::string("before the crash"));
        StoreResult restored = store.restore(crashed);
        QVERIFY(restored.ok());
        QVERIFY(restored.scenario == sc);

        store.discard(crashed);
        QVERIFY(store.recoverable().empty());
        QVERIFY(!QFile::exists(dir.filePath("crashed-1.strata")));

        // A clean end leaves nothing behind.
        store.endSession(live);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    }

    void hostileIdsAreRefused()
    {
        QTemporaryDir dir;
        AutosaveStore store(dir.path().toStdString());
        QVERIFY(!store.autosave("../../etc/passwd", Scenario()).ok());
        QVERIFY(!store.restore("../x").ok());
        store.discard("../../important"); // must do nothing
    }
};

QTEST_GUILESS_MAIN(tst_Autosave)
#include "tst_autosave.moc"
