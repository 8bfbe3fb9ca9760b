// SPDX-License-Identifier: GPL-3.0-or-later
// The field registry (core/model/fields.h) as every reader and writer applies it: for every field
// of every element type, a value inside its range survives JSON, .strata and a sweep path, and a
// value outside it (or a fraction where a whole number is needed) is refused by the JSON reader
// and by validation, naming the element and the field. A field added to the registry is covered
// here without a line of test code.

#include "io/catalogreader.h"
#include "io/projectstore.h"
#include "model/scenariopath.h"
#include "model/validation.h"
#include "model/fields.h"
#include "testutil.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <span>

using namespace strata::core;

namespace {

/// Where one element of type T lives in a scenario, named as each reader names it.
template <typename T>
struct Slot {
    std::string jsonPath;   ///< "sites[0]"
    std::string sweepPath;  ///< "sites.edge"
    std::string element;    ///< "site:edge", as validation names it
    std::function<T&(Scenario&)> get;
};

/// A value strictly inside \a f's range, near its low end (whole where the field is): small, so
/// that it meets the rules between fields too (clients_per_round ≤ the clients listed).
template <typename T>
double inside(const NumberField<T>& f)
{
    const Range& r = f.range;
    if (!std::isfinite(r.lo))
        return std::isfinite(r.hi) ? std::floor(r.hi) - 1 : 2;
    const double v = r.lo + (f.whole ? 1 : 0.5);
    return v <= r.hi ? v : 0.5 * (r.lo + r.hi);
}

/// Values that must be refused: just below and above the range, and a fraction for a whole field.
template <typename T>
std::vector<double> outside(const NumberField<T>& f)
{
    std::vector<double> out;
    const Range& r = f.range;
    if (std::isfinite(r.lo))
        out.push_back(r.loOpen ? r.lo : r.lo - 1);
    if (std::isfinite(r.hi))
        out.push_back(r.hi + std::max(1.0, r.hi * 1e-9)); // past it, also where + 1 is lost in rounding (1e24)
    if (f.whole)
        out.push_back(inside(f) + 0.5);
    return out;
}

bool anyError(const Diagnostics& d, const std::string& element, const std::string& fragment)
{
    for (const Diagnostic& x : d)
        if (x.severity == Severity::Error && x.element.key() == element && x.message.find(fragment) != std::string::npos)
            return true;
    return false;
}

std::string listed(const Diagnostics& d)
{
    std::string s;
    for (const Diagnostic& x : d)
        s += x.element.key() + ": " + x.message + "\n";
    return s;
}

Scenario example(const char* name)
{
    return strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/") + QLatin1String(name)));
}


/// The rows of docs/fileformat.md's table of limits for \a fields of \a element.
template <typename T>
std::string limitRows(const char* element, std::span<const NumberField<T>> fields)
{
    std::string rows;
    for (const NumberField<T>& f : fields)
        rows += "| " + std::string(element) + " | `" + std::string(f.key) + "` | " + (f.unit.empty() ? "" : std::string(f.unit)) + " | " +
                f.range.describe() + (f.whole ? ", whole" : "") + " |\n";
    return rows;
}

} // namespace

class tst_Fields : public QObject {
    Q_OBJECT

    /// Runs every check on every field of \a fields, for the element at \a slot of \a base.
    template <typename T>
    void checkAll(const Scenario& base, const Slot<T>& slot, std::span<const NumberField<T>> fields,
                  const std::map<std::string, double>& chosen = {})
    {
        std::set<std::string_view> keys;
        for (const NumberField<T>& f : fields) {
            const std::string key(f.key);
            QVERIFY2(keys.insert(f.key).second, ("key used twice: " + key).c_str());
            QVERIFY2(!f.label.empty() && f.get && f.set, key.c_str());
            QVERIFY2(f.required || !f.defaultFrom.empty(), ("an optional field names its default: " + key).c_str());
            const std::string where = slot.jsonPath + "." + key;

            // Inside: kept by the writer and the reader, valid, and set by a sweep path.
            Scenario sc = base;
            // A value inside the range, or one that also agrees with the element's other fields.
            const double v = chosen.count(key) ? chosen.at(key) : inside(f);
            QVERIFY2(fieldError(f, v).empty(), where.c_str());
            f.edit(slot.get(sc), v);
            const Diagnostics valid = validateScenario(sc, builtinCatalog());
            QVERIFY2(valid.empty(), (where + "\n" + listed(valid)).c_str());
            const ScenarioReadResult back = readScenarioJson(writeScenarioJson(sc));
            QVERIFY2(back.diagnostics.empty(), (where + "\n" + listed(back.diagnostics)).c_str());
            Scenario reread = back.scenario;
            QCOMPARE(f.get(slot.get(reread)).value_or(-1), v);

            Scenario swept = base;
            double asked = f.whole ? v + 0.4 : v; // a whole field takes the nearest whole number
            const std::string error = setScenarioValue(swept, slot.sweepPath + "." + key, asked);
            QVERIFY2(error.empty(), error.c_str());
            QCOMPARE(asked, v);
            QCOMPARE(f.get(slot.get(swept)).value_or(-1), v);

            // Outside: the reader and validation both name the field, and say what is allowed.
            for (double bad : outside(f)) {
                Scenario wrong = base;
                f.set(slot.get(wrong), bad);
                const Diagnostics found = validateScenario(wrong, builtinCatalog());
                QVERIFY2(anyError(found, slot.element, key + " must be"),
                         (where + " = " + formatNumber(bad) + "\n" + listed(found)).c_str());
                const ScenarioReadResult read = readScenarioJson(writeScenarioJson(wrong));
                QVERIFY2(anyError(read.diagnostics, where, "must be"), (where + " = " + formatNumber(bad) + "\n" + listed(read.diagnostics)).c_str());
            }
            // Not a number at all: validation refuses it (JSON cannot carry one).
            Scenario nan = base;
            f.set(slot.get(nan), std::nan(""));
            QVERIFY2(anyError(validateScenario(nan, builtinCatalog()), slot.element, key + " must be a finite number"), where.c_str());
        }
    }

private slots:
    void docsListEveryLimit()
    {
        // docs/fileformat.md states every field's limits as the registry does (the JSON reader,
        // the project reader, validation and the workbench's forms all apply these). When this
        // fails, paste the table it prints between the markers.
        std::string table = "| element | field | unit | allowed |\n|---|---|---|---|\n";
        table += limitRows("site", siteFields()) + limitRows("link", linkFields()) + limitRows("model", modelFields()) +
                 limitRows("accelerator", acceleratorFields()) + limitRows("inference", inferenceFields()) +
                 limitRows("training", trainingFields()) + limitRows("federated", federatedFields());
        const std::string doc = strata::test::readText(QStringLiteral(STRATA_DOCS "/fileformat.md"));
        const std::string begin = "<!-- limits: generated from the field registry -->\n", end = "<!-- end of limits -->";
        const size_t b = doc.find(begin), e = doc.find(end);
        QVERIFY2(b != std::string::npos && e != std::string::npos, "docs/fileformat.md has no table of limits");
        const std::string found = doc.substr(b + begin.size(), e - b - begin.size());
        if (found != table)
            qInfo("docs/fileformat.md's table of limits should read:\n%s", table.c_str());
        QVERIFY2(found == table, "docs/fileformat.md's table of limits differs from the registry (the table it should hold is above)");
    }

    void sitesAndLinks()
    {
        Scenario sc = example("fraud-scoring.json");
        QVERIFY(!sc.sites.empty() && !sc.links.empty());
        // Every site field applies to a device group (devices only to it).
        size_t device = 0;
        while (device < sc.sites.size() && sc.sites[device].kind != SiteKind::Device)
            ++device;
        QVERIFY(device < sc.sites.size());
        const std::string sid = sc.sites[device].id;
        checkAll<Site>(sc, {"sites[" + std::to_string(device) + "]", "sites." + sid, "site:" + sid,
                            [device](Scenario& s) -> Site& { return s.sites[device]; }},
                       siteFields());
        // A link given by distance, so that each of latency, distance and route factor can be set
        // alone (the rule of latency_ms drops the distance, that of distance_km the latency).
        Link& l = sc.links[0];
        l.latencyMs.reset();
        l.distanceKm = 100;
        const std::string lid = l.id;
        checkAll<Link>(sc, {"links[0]", "links." + lid, "link:" + lid, [](Scenario& s) -> Link& { return s.links[0]; }},
                       linkFields());
    }

    void modelsAndAccelerators()
    {
        Scenario sc = example("llm-pretraining-regions.json");
        size_t m = 0;
        while (m < sc.models.size() && sc.models[m].kind != ModelKind::Transformer)
            ++m;
        QVERIFY(m < sc.models.size());
        const std::string mid = sc.models[m].id;
        // A full attention shape and experts, so that each field set alone keeps them consistent:
        // kv_heads 1 divides any number of query heads; active_params within what 1 of 8 experts allow.
        Model& tm = sc.models[m];
        tm.attentionHeads = 32;
        tm.kvHeads = 1;
        tm.experts = 8;
        tm.expertsPerToken = 1;
        tm.activeParams = tm.params / 2;
        checkAll<Model>(sc, {"models[" + std::to_string(m) + "]", "models." + mid, "model:" + mid,
                             [m](Scenario& s) -> Model& { return s.models[m]; }},
                        modelFields(), {{"params", tm.params * 2}, {"active_params", tm.params / 4}});
        // A scenario's own accelerator: a copy of a built-in one under its own id.
        Accelerator own = *builtinCatalog().find(sc.sites[0].pools.empty() ? "nvidia-h100-sxm" : sc.sites[0].pools[0].accelerator);
        own.id = "own-accelerator";
        own.idleW.reset(); // idle must stay below TDP whatever TDP is set to
        sc.accelerators.push_back(own);
        const size_t a = sc.accelerators.size() - 1;
        checkAll<Accelerator>(sc, {"accelerators[" + std::to_string(a) + "]", "accelerators.own-accelerator",
                                   "accelerator:own-accelerator", [a](Scenario& s) -> Accelerator& { return s.accelerators[a]; }},
                              acceleratorFields());
    }

    void attentionShapeAndExpertsMustAgree_data()
    {
        // Each row: the fields set on the example's transformer, and what the error must say.
        QTest::addColumn<QString>("fields");
        QTest::addColumn<QString>("error");
        QTest::newRow("kv_heads alone") << "kv_heads=8" << "need attention_heads";
        QTest::newRow("head_dim alone") << "head_dim=128" << "need attention_heads";
        QTest::newRow("kv_heads does not divide") << "attention_heads=32,kv_heads=6" << "must divide attention_heads";
        QTest::newRow("more kv heads than heads") << "attention_heads=8,kv_heads=16" << "must divide attention_heads";
        QTest::newRow("experts without the rest") << "experts=8" << "together";
        QTest::newRow("more per token than experts") << "experts=8,experts_per_token=9,active_params=1e9" << "more than experts";
        QTest::newRow("active above params") << "experts=8,experts_per_token=2,active_params=1e15" << "more than params";
        QTest::newRow("active in billions by mistake") << "experts=8,experts_per_token=2,active_params=37" << "routed experts alone";
        QTest::newRow("shape on a generic model") << "generic,attention_heads=32" << "describe a transformer";
        QTest::newRow("consistent") << "attention_heads=32,kv_heads=8,head_dim=128,experts=8,experts_per_token=2,active_params=2e9" << "";
    }

    void attentionShapeAndExpertsMustAgree()
    {
        QFETCH(QString, fields);
        QFETCH(QString, error);
        Scenario sc = example("llm-pretraining-regions.json");
        size_t m = 0;
        while (m < sc.models.size() && sc.models[m].kind != ModelKind::Transformer)
            ++m;
        QVERIFY(m < sc.models.size());
        Model& model = sc.models[m];
        for (const QString& item : fields.split(',')) {
            if (item == "generic") {
                model.kind = ModelKind::Generic;
                model.flopsPerRequest = 1e12;
                continue;
            }
            const QStringList kv = item.split('=');
            for (const NumberField<Model>& f : modelFields())
                if (f.key == kv[0].toStdString())
                    f.set(model, kv[1].toDouble());
        }
        const Diagnostics found = validateScenario(sc, builtinCatalog());
        if (error.isEmpty()) {
            QVERIFY2(found.empty(), listed(found).c_str());
            // And it survives the JSON writer and reader and a project.
            const ScenarioReadResult back = readScenarioJson(writeScenarioJson(sc));
            QVERIFY2(back.diagnostics.empty(), listed(back.diagnostics).c_str());
            QVERIFY(back.scenario == sc);
        } else {
            QVERIFY2(anyError(found, "model:" + model.id, error.toStdString()), listed(found).c_str());
        }
    }

    void workloadSpecs()
    {
        auto slotOf = [](const Scenario& sc, WorkloadType type, auto pick) {
            size_t w = 0;
            while (w < sc.workloads.size() && sc.workloads[w].type() != type)
                ++w;
            if (w == sc.workloads.size())
                qFatal("no workload of that type");
            using S = std::remove_cvref_t<decltype(*pick(sc.workloads[w]))>;
            return Slot<S>{"workloads[" + std::to_string(w) + "]", "workloads." + sc.workloads[w].id,
                           "workload:" + sc.workloads[w].id, [w](Scenario& s) -> S& { return std::get<S>(s.workloads[w].spec); }};
        };
        const Scenario inference = example("fraud-scoring.json");
        checkAll<InferenceSpec>(inference, slotOf(inference, WorkloadType::Inference, [](const Workload& w) { return w.inference(); }),
                                inferenceFields());
        const Scenario training = example("llm-pretraining-regions.json");
        checkAll<TrainingSpec>(training, slotOf(training, WorkloadType::Training, [](const Workload& w) { return w.training(); }),
                               trainingFields());
        Scenario federated = example("healthcare-federated.json");
        checkAll<FederatedSpec>(federated, slotOf(federated, WorkloadType::Federated, [](const Workload& w) { return w.federated(); }),
                                federatedFields());
    }

    void siteAndLinkFieldsSurviveAProject()
    {
        QTemporaryDir dir;
        Scenario sc = example("fraud-scoring.json");
        sc.links[0].latencyMs.reset();
        sc.links[0].distanceKm = 120;
        for (const NumberField<Site>& f : siteFields())
            f.edit(sc.sites[0], inside(f));
        for (const NumberField<Link>& f : linkFields())
            if (f.key != "latency_ms") // one source of latency: the distance form
                f.edit(sc.links[0], inside(f));
        const std::string path = dir.filePath(QStringLiteral("p.strata")).toStdString();
        QVERIFY(saveProject(sc, path).ok());
        const StoreResult back = openProject(path);
        QVERIFY2(back.ok(), back.message.c_str());
        QCOMPARE(back.scenario.sites[0], sc.sites[0]);
        QCOMPARE(back.scenario.links[0], sc.links[0]);
    }
};

QTEST_GUILESS_MAIN(tst_Fields)
#include "tst_fields.moc"
