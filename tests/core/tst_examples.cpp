// SPDX-License-Identifier: GPL-3.0-or-later
// Every bundled example reads without errors, evaluates, and round-trips through JSON.

#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "model/validation.h"
#include "testutil.h"

#include <cctype>

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QTest>

using namespace strata::core;

class tst_Examples : public QObject {
    Q_OBJECT
private slots:
    void example_data()
    {
        QTest::addColumn<QString>("path");
        QDir dir(QStringLiteral(STRATA_EXAMPLES));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void example()
    {
        QFETCH(QString, path);
        ScenarioReadResult r = readScenarioJson(strata::test::readText(path));
        for (const auto& d : r.diagnostics)
            qWarning("%s: %s", d.element.key().c_str(), d.message.c_str());
        QVERIFY(r.ok());
        QVERIFY(!r.scenario.description.empty());
        for (const Site& s : r.scenario.sites)
            QVERIFY2(s.position, s.id.c_str()); // the canvas needs a layout
        Evaluation ev = evaluate(r.scenario);
        QVERIFY(ev.ok());
        QVERIFY(!ev.results.empty());
        for (const StrategyResult& sr : ev.results) // one result per workload: inference, training or federated
            QCOMPARE(sr.inference.size() + sr.training.size(), r.scenario.workloads.size());
        ScenarioReadResult again = readScenarioJson(writeScenarioJson(r.scenario));
        QVERIFY(again.ok());
        QVERIFY(again.scenario == r.scenario);
    }

    void documentedExample_data()
    {
        // Every ```json block of docs/*.md and the README (issue 14: SCENARIO.md's own example
        // was rejected). A block that starts a whole scenario ("format") stands alone; any other
        // block is top-level fields, read inside the first whole scenario.
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("whole");
        QDir docs(QStringLiteral(STRATA_DOCS));
        QStringList files;
        for (const QString& f : docs.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
            files << docs.filePath(f);
        files << docs.filePath(QStringLiteral("../README.md"));
        int wholeOnes = 0;
        for (const QString& file : files) {
            const std::string text = strata::test::readText(file);
            int n = 0;
            for (size_t at = text.find("```json\n"); at != std::string::npos; at = text.find("```json\n", at)) {
                const size_t begin = at + 8;
                const size_t end = text.find("```", begin);
                QVERIFY2(end != std::string::npos, qPrintable(file + ": a json block is not closed"));
                const std::string block = text.substr(begin, end - begin);
                const bool whole = block.find("\"strata-scenario\"") != std::string::npos;
                wholeOnes += whole;
                QTest::addRow("%s #%d", qPrintable(QFileInfo(file).fileName()), ++n) << QString::fromStdString(block) << whole;
                at = end + 3;
            }
        }
        QVERIFY2(wholeOnes >= 1, "the documentation shows no whole scenario");
    }
    void documentedExample()
    {
        QFETCH(QString, text);
        QFETCH(bool, whole);
        std::string json = text.toStdString();
        if (!whole) {
            static const std::string first = [] {
                const std::string doc = strata::test::readText(QStringLiteral(STRATA_DOCS "/scenario.md"));
                const size_t begin = doc.find("```json\n") + 8;
                return doc.substr(begin, doc.find("```", begin) - begin);
            }();
            json = first;
            json.insert(json.find('{') + 1, fragmentFields(text.toStdString()) + ",");
        }
        ScenarioReadResult r = readScenarioJson(json);
        for (const auto& d : r.diagnostics)
            qWarning("%s: %s", d.element.key().c_str(), d.message.c_str());
        QVERIFY(r.ok());
        QVERIFY(!hasErrors(validateScenario(r.scenario, builtinCatalog())));
        Evaluation ev = evaluate(r.scenario);
        QVERIFY(ev.ok());
    }

private:
    /// A fragment of top-level fields, without a trailing comma.
    static std::string fragmentFields(std::string s)
    {
        while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ','))
            s.pop_back();
        return s;
    }
};

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
