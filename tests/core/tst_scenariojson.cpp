// SPDX-License-Identifier: GPL-3.0-or-later
// The strict JSON reader: every kind of bad input is reported with its path, all at once.

#include "io/scenariojson.h"
#include "model/validation.h"
#include "model/workloadkind.h"
#include "io/catalogreader.h"
#include "testutil.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QObject>
#include <QTest>

using namespace strata::core;

namespace {
const char* const kValid = R"({"format":"strata-scenario","version":1,"name":"ok",
  "sites":[{"id":"c","kind":"cloud","jurisdiction":"EU","pools":[{"accelerator":"nvidia-h100-sxm","count":8}]},
           {"id":"u","kind":"device","devices":100}],
  "links":[{"id":"l","a":"u","b":"c","kind":"wan","bandwidth_gbps":10,"latency_ms":5}],
  "models":[{"id":"m","kind":"generic","params":1e6,"bytes_per_param":2,"flops_per_request":1e9}],
  "workloads":[{"id":"w","type":"inference","model":"m","precision":"fp16",
                "sources":[{"site":"u","rate_per_device":1}],"request_bytes":1000,"response_bytes":100}]})";

std::string with(const std::string& from, const std::string& to)
{
    std::string s = kValid;
    auto pos = s.find(from);
    if (pos == std::string::npos)
        qFatal("fragment not found: %s", from.c_str());
    s.replace(pos, from.size(), to);
    return s;
}

Diagnostics allErrors(const std::string& text)
{
    ScenarioReadResult r = readScenarioJson(text);
    Diagnostics d = r.diagnostics;
    if (r.ok()) {
        Diagnostics v = validateScenario(r.scenario, builtinCatalog());
        d.insert(d.end(), v.begin(), v.end());
    }
    return d;
}
} // namespace

class tst_ScenarioJson : public QObject {
    Q_OBJECT
private slots:
    void validFileHasNoErrors()
    {
        QVERIFY(allErrors(kValid).empty());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("fragment");
        auto row = [](const char* name, const std::string& text, const char* element, const char* fragment) {
            QTest::newRow(name) << QString::fromStdString(text) << element << fragment;
        };
        row("not JSON", "{\"format\": ", "(document)", "not valid JSON");
        row("not an object", "[1, 2]", "(document)", "must be a JSON object");
        // An unterminated string is quoted by its opening only (it was echoed whole: 1 MB).
        row("unterminated long string", "{\"format\": \"" + std::string(100000, 'a'), "(document)",
            "last read: '\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' (100001 bytes)");
        row("unknown field with suggestion", with("\"bandwidth_gbps\":10", "\"bandwith_gbps\":10"),
            "links[0].bandwith_gbps", "did you mean \"bandwidth_gbps\"");
        row("wrong type", with("\"devices\":100", "\"devices\":\"100\""), "sites[1].devices", "must be a number");
        row("missing required field", with("\"request_bytes\":1000,", ""), "workloads[0].request_bytes", "is required");
        row("non-finite value", with("\"devices\":100", "\"devices\":1e999"), "(document)", "number overflow");
        row("negative bandwidth", with("\"bandwidth_gbps\":10", "\"bandwidth_gbps\":-10"), "links[0].bandwidth_gbps", "between 1e-06 and 1e+07 (a link needs at least 1 kbit/s");
        row("negative rate", with("\"rate_per_device\":1", "\"rate_per_device\":-1"),
            "workloads[0].sources[0].rate_per_device", "between 0 and 1e+09");
        row("negative count", with("\"count\":8", "\"count\":-8"), "sites[0].pools[0].count", "between 0");
        // A count or version far beyond any integer type (fuzz finding): an error, never a cast
        // of 1e44 to long long (undefined behaviour, caught by the sanitizer run).
        row("count beyond any integer", with("\"count\":8", "\"count\":1.3e44"), "sites[0].pools[0].count", "between 0");
        row("version beyond any integer", with("\"version\":1", "\"version\":1.3e44"), "version", "between 0");
        row("fractional count", with("\"count\":8", "\"count\":8.5"), "sites[0].pools[0].count", "whole number");
        row("PUE below 1", with("\"kind\":\"cloud\",", "\"kind\":\"cloud\",\"pue\":0.9,"), "sites[0].pue", "between 1 and 10 (a PUE is facility power / IT power");
        row("availability above 1", with("\"kind\":\"cloud\",", "\"kind\":\"cloud\",\"availability\":1.5,"),
            "sites[0].availability", "between 0");
        row("latency and distance disagree", with("\"latency_ms\":5", "\"latency_ms\":5,\"distance_km\":2000"),
            "links[0]", "disagree");
        row("no latency at all", with(",\"latency_ms\":5", ""), "links[0]", "needs latency_ms or distance_km");
        row("unknown enum", with("\"kind\":\"wan\"", "\"kind\":\"fibre\""), "links[0].kind", "allowed: lan, metro");
        row("unknown precision", with("\"precision\":\"fp16\"", "\"precision\":\"fp12\""), "workloads[0].precision", "unknown value");
        row("duplicate id", with("{\"id\":\"u\",", "{\"id\":\"c\","), "sites[1].id", "duplicate id");
        row("duplicate key", with("\"name\":\"ok\"", "\"name\":\"ok\",\"name\":\"again\""), "(document)", "appears twice");
        row("newer version", with("\"version\":1", "\"version\":2"), "version", "newer Strata");
        row("wrong format tag", with("\"strata-scenario\"", "\"other\""), "format", "strata-scenario");
        row("missing reference: link end", with("\"b\":\"c\"", "\"b\":\"nowhere\""), "link:l", "not a site");
        row("missing reference: model", with("\"model\":\"m\"", "\"model\":\"nope\""), "workload:w", "not defined");
        row("missing reference: accelerator", with("nvidia-h100-sxm", "gpu-unknown"), "site:c/pool:0", "neither in the built-in catalog");
        row("missing reference: source", with("{\"site\":\"u\",", "{\"site\":\"x\","), "workload:w", "not a site");
        row("transformer without tokens", with("\"kind\":\"generic\",\"params\":1e6", "\"kind\":\"transformer\",\"layers\":2,\"d_model\":8,\"params\":1e6"),
            "workload:w", "input_tokens and output_tokens");
        row("link to itself", with("\"a\":\"u\"", "\"a\":\"c\""), "link:l", "to itself");
        row("bad rho_target", with("\"workloads\"", "\"strategies\":{\"hybrid\":{\"rho_target\":1.5}},\"workloads\""),
            "strategies.hybrid.rho_target", "between 0");
        row("view zoom out of range", with("\"workloads\"", "\"view\":{\"center\":[0,0],\"zoom\":0},\"workloads\""),
            "view.zoom", "between 0.02");
        row("view centre not a pair", with("\"workloads\"", "\"view\":{\"center\":[1],\"zoom\":1},\"workloads\""),
            "view.center", "two finite numbers");
        row("notes not text", with("\"workloads\"", "\"notes\":42,\"workloads\""), "notes", "must be a string");
        row("unknown strategy", with("\"workloads\"", "\"strategies\":{\"edge-first\":{}},\"workloads\""),
            "strategies.edge-first", "unknown field");
    }
    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(QString, element);
        QFETCH(QString, fragment);
        Diagnostics d = allErrors(text.toStdString());
        QVERIFY2(strata::test::hasDiagnostic(d, Severity::Error, element.toStdString(), fragment.toStdString()),
                 qPrintable([&] {
                     QString all;
                     for (const auto& x : d)
                         all += QString::fromStdString(x.element.key() + ": " + x.message + "\n");
                     return "expected " + element + ": " + fragment + "\ngot:\n" + all;
                 }()));
    }

    void anUnknownWorkloadKindIsOneErrorNeverInference()
    {
        // "pipeline" is no kind (yet): the type is the one error, named with the kinds a file may
        // use; the object is not read as an inference service (no "has no sources" or unknown
        // fields follow from it).
        // Without a precision either: whether one is needed depends on the kind.
        const ScenarioReadResult r =
            readScenarioJson(with("\"type\":\"inference\",\"model\":\"m\",\"precision\":\"fp16\"", "\"type\":\"pipeline\",\"model\":\"m\""));
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics.size(), size_t(1));
        QVERIFY(strata::test::hasDiagnostic(r.diagnostics, Severity::Error, "workloads[0].type",
                                            "unknown value \"pipeline\"; allowed: inference, training, federated"));
        // Every kind's file name reads back as that kind, and each needs a precision but federated.
        for (WorkloadType t : {WorkloadType::Inference, WorkloadType::Training, WorkloadType::Federated}) {
            QCOMPARE(parseWorkloadType(workloadTypeName(t)), std::optional<WorkloadType>(t));
            QCOMPARE(emptySpecOf(t).index(), static_cast<size_t>(t));
            QCOMPARE(precisionRequired(t), t != WorkloadType::Federated);
        }
        QVERIFY(!parseWorkloadType("Inference")); // names are exact
    }

    void reportsAllErrorsAtOnce()
    {
        std::string text = with("\"bandwidth_gbps\":10", "\"bandwidth_gbps\":-1,\"colour\":\"red\"");
        text.replace(text.find("\"devices\":100"), 13, "\"devices\":-5");
        text.replace(text.find("\"params\":1e6"), 12, "\"params\":\"big\"");
        ScenarioReadResult r = readScenarioJson(text);
        QCOMPARE(r.diagnostics.size(), size_t(4));
    }

    void roundTripKeepsEverything()
    {
        ScenarioReadResult r = readScenarioJson(with("\"name\":\"ok\"",
            "\"name\":\"quotes \\\" <img src=x> '; DROP TABLE sites;-- \\u202e\",\"description\":\"line\\nbreak\""));
        QVERIFY(r.ok());
        std::string text = writeScenarioJson(r.scenario);
        ScenarioReadResult again = readScenarioJson(text);
        QVERIFY(again.ok());
        QVERIFY(again.scenario == r.scenario);
        QCOMPARE(again.scenario.name, std::string("quotes \" <img src=x> '; DROP TABLE sites;-- \u202e"));
    }

    void theOrderOfTopLevelFieldsChangesNothing()
    {
        // The lists are read as the parser completes each element (a file of 100,000 sites never
        // holds its whole tree): over every example and every bad-input row, the fields in reverse
        // order give the same design and the same findings, in the same order.
        std::vector<std::string> texts;
        for (const QString& f : QDir(QStringLiteral(STRATA_EXAMPLES)).entryList({QStringLiteral("*.json")}))
            texts.push_back(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + f));
        texts.push_back(with("\"devices\":100", "\"devices\":\"100\""));
        texts.push_back(with("{\"id\":\"u\",", "{\"id\":\"c\","));
        texts.push_back(with("\"bandwidth_gbps\":10", "\"bandwith_gbps\":10"));
        texts.push_back(with("\"sites\":[", "\"sites\":[7,[1],\"x\","));
        texts.push_back(with("\"format\":\"strata-scenario\"", "\"format\":\"other\""));
        for (const std::string& text : texts) {
            const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
            nlohmann::ordered_json reversed = nlohmann::ordered_json::object();
            std::vector<std::pair<std::string, nlohmann::ordered_json>> fields;
            for (const auto& [key, value] : j.items())
                fields.emplace_back(key, value);
            for (auto it = fields.rbegin(); it != fields.rend(); ++it)
                reversed[it->first] = it->second;
            const ScenarioReadResult a = readScenarioJson(text);
            const ScenarioReadResult b = readScenarioJson(reversed.dump());
            QCOMPARE(a.ok(), b.ok());
            QVERIFY(a.scenario == b.scenario);
            QCOMPARE(a.diagnostics.size(), b.diagnostics.size());
            for (size_t i = 0; i < a.diagnostics.size(); ++i) {
                QCOMPARE(a.diagnostics[i].element.key(), b.diagnostics[i].element.key());
                QCOMPARE(a.diagnostics[i].message, b.diagnostics[i].message);
            }
        }
    }

    void validationChecksWhatTheGuiCanSet()
    {
        // The GUI edits a Scenario directly, bypassing the JSON reader's ranges: validation must
        // catch the same values (an MFU typed as 40 instead of 40 %).
        Scenario sc = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/llm-pretraining-regions.json")));
        Workload* training = nullptr;
        for (Workload& w : sc.workloads)
            if (std::holds_alternative<TrainingSpec>(w.spec))
                training = &w;
        QVERIFY(training);
        std::get<TrainingSpec>(training->spec).mfu = 40;
        const Diagnostics d = validateScenario(sc, builtinCatalog());
        QVERIFY(strata::test::hasDiagnostic(d, Severity::Error, "workload:" + training->id, "mfu"));
    }

    void notesAndViewRoundTrip()
    {
        ScenarioReadResult r = readScenarioJson(with("\"name\":\"ok\"",
            "\"name\":\"ok\",\"notes\":\"first line\\nsecond\",\"view\":{\"center\":[-10.5,20],\"zoom\":2.5}"));
        QVERIFY(r.ok());
        QCOMPARE(r.scenario.notes, std::string("first line\nsecond"));
        QVERIFY(r.scenario.view == (CanvasView{-10.5, 20, 2.5}));
        ScenarioReadResult again = readScenarioJson(writeScenarioJson(r.scenario));
        QVERIFY(again.ok());
        QVERIFY(again.scenario == r.scenario);
    }

    void roundTripOfTrainingAndFederated()
    {
        std::string text = with("\"workloads\":[", R"("workloads":[
          {"id":"t","type":"training","model":"m","precision":"bf16","tokens":1e9,"seq_len":2048,
           "global_batch_tokens":1e6,"mfu":0.4,"activation_recompute":true,"sync_interval_steps":4,
           "datasets":[{"site":"c","bytes":1e12}]},
          {"id":"f","type":"federated","model":"m","clients":["u"],"rounds":10,"clients_per_round":1,
           "local_steps":5,"samples_per_step":32,"flops_per_sample":1e9,"compression":0.5},)");
        ScenarioReadResult r = readScenarioJson(text);
        QVERIFY(r.ok());
        QCOMPARE(r.scenario.workloads.size(), size_t(3));
        QVERIFY(r.scenario.workloads[0].training());
        QVERIFY(r.scenario.workloads[1].federated());
        ScenarioReadResult again = readScenarioJson(writeScenarioJson(r.scenario));
        QVERIFY(again.scenario == r.scenario);
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioJson)
#include "tst_scenariojson.moc"
