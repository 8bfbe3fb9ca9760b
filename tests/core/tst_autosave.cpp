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

#include <QCoreApplication>

#include <chrono>
#include <filesystem>
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

    void aLockNobodyHoldsIsACrashWhateverPidItNames()
    {
        // Issue 14: a GUI that ran as PID 1 in a container (unshare --pid) left a lock naming a
        // process id that is always alive here, so its copy was never offered. The lock is now a
        // flock that the kernel drops with the process: the recorded id does not matter.
        for (const QString& pid : {QStringLiteral("1"), QString::number(QCoreApplication::applicationPid())}) {
            QTemporaryDir dir;
            AutosaveStore store(dir.path().toStdString());
            {
                std::ofstream lock(dir.filePath("old-1.lock").toStdString());
                lock << pid.toStdString() << "\n/projects/a.strata\nsomehost\n";
            }
            QVERIFY(store.autosave("old-1", Scenario()).ok());
            const std::vector<RecoverableSession> found = store.recoverable();
            QCOMPARE(found.size(), size_t(1));
            QCOMPARE(found[0].originalPath, std::string("/projects/a.strata"));
        }
    }

    void aKilledSessionIsOfferedAndALiveOneIsNot()
    {
        // Another process autosaves and keeps running: its copy is not ours to offer. Killed
        // with SIGKILL (no clean-up at all), its copy is offered at once.
        QTemporaryDir dir;
        QProcess session;
        session.start(QStringLiteral(STRATA_SAVE_HELPER),
                      {QStringLiteral("--autosave"), dir.path(), QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json"),
                       QStringLiteral("/projects/fraud.strata")});
        QVERIFY(session.waitForReadyRead(20000));
        const std::string id = session.readLine().trimmed().toStdString();
        QVERIFY(!id.empty());
        AutosaveStore store(dir.path().toStdString());
        QVERIFY(store.recoverable().empty());
        // A second session in this process is not offered either (another window's).
        const std::string mine = store.beginSession({});
        QVERIFY(store.autosave(mine, Scenario()).ok());
        AutosaveStore otherWindow(dir.path().toStdString());
        QVERIFY(otherWindow.recoverable().empty());

        session.kill(); // SIGKILL
        QVERIFY(session.waitForFinished(10000));
        const std::vector<RecoverableSession> found = store.recoverable();
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].id, id);
        QCOMPARE(found[0].scenarioName, std::string("Real-time card fraud scoring: on-prem vs cloud"));
        store.endSession(mine);
    }

    void openingAProjectFindsItsNewerCopy()
    {
        // `strata FILE` after a crash: the crashed session's copy of FILE is offered when it was
        // written after FILE (found by the file's identity, not by the spelling of its path).
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("autosave"));
        const QString project = dir.filePath("fraud.strata");
        const Scenario sc = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        QVERIFY(saveProject(sc, project.toStdString()).ok());
        AutosaveStore store(dir.filePath("autosave").toStdString());
        {
            std::ofstream lock(dir.filePath("autosave/gone-1.lock").toStdString());
            lock << "1\n" << dir.path().toStdString() << "/./fraud.strata\n";
        }
        // The copy older than the file: not offered on open (the file has the later work).
        QVERIFY(store.autosave("gone-1", sc).ok());
        const auto old = std::filesystem::last_write_time(project.toStdString()) - std::chrono::hours(1);
        std::filesystem::last_write_time(dir.filePath("autosave/gone-1.strata").toStdString(), old);
        QVERIFY(!store.newerCopyOf(project.toStdString()));
        // Newer than the file: offered.
        std::filesystem::last_write_time(dir.filePath("autosave/gone-1.strata").toStdString(), old + std::chrono::hours(2));
        const std::optional<RecoverableSession> found = store.newerCopyOf(project.toStdString());
        QVERIFY(found);
        QCOMPARE(found->id, std::string("gone-1"));
        // Another project, or a missing file: nothing.
        QVERIFY(!store.newerCopyOf(dir.filePath("other.strata").toStdString()));
        QVERIFY(saveProject(sc, dir.filePath("other.strata").toStdString()).ok());
        QVERIFY(!store.newerCopyOf(dir.filePath("other.strata").toStdString()));
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
