// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariojson.h"

#include "jsonfields.h"
#include "model/workloadkind.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_set>
#include <vector>

namespace strata::core {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------- reading

Site readSite(const json& j, const std::string& path, Diagnostics& diags)
{
    Site s;
    ObjectReader r(j, path, diags);
    if (!r.isObject())
        return s;
    s.id = r.requiredId("id");
    s.name = r.string("name").value_or("");
    if (auto kind = r.requiredEnum<SiteKind>("kind", parseSiteKind, "cloud, edge, onprem, device"))
        s.kind = *kind;
    s.jurisdiction = r.string("jurisdiction").value_or("");
    r.fields(s, siteFields());
    if (const json* pos = r.field("position")) {
        std::string ppath = path + ".position";
        if (!pos->is_array() || pos->size() != 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number()) {
            diags.push_back({Severity::Error, ElementRef::path(ppath), "must be an array of two numbers [x, y]"});
        } else {
            double x = (*pos)[0].get<double>(), y = (*pos)[1].get<double>();
            if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > 1e9 || std::fabs(y) > 1e9)
                diags.push_back({Severity::Error, ElementRef::path(ppath), "coordinates must be finite numbers within ±1e9"});
            else
                s.position = Position{x, y};
        }
    }
    r.forEachInArray("pools", [&](const json& pj, const std::string& ppath) {
        ObjectReader pr(pj, ppath, diags);
        if (!pr.isObject())
            return;
        Pool p;
        p.accelerator = pr.requiredId("accelerator");
        p.count = pr.requiredInteger("count", 0, kMaxPoolCount).value_or(0);
        pr.finish();
        s.pools.push_back(std::move(p));
    });
    r.finish();
    return s;
}

Link readLink(const json& j, const std::string& path, Diagnostics& diags)
{
    Link l;
    ObjectReader r(j, path, diags);
    if (!r.isObject())
        return l;
    l.id = r.requiredId("id");
    l.name = r.string("name").value_or("");
    l.a = r.requiredId("a");
    l.b = r.requiredId("b");
    if (auto kind = r.requiredEnum<LinkKind>(
            "kind", parseLinkKind, "lan, metro, wan, cellular-5g, cellular-4g, wifi, satellite"))
        l.kind = *kind;
    r.fields(l, linkFields());
    if (!l.latencyMs && !l.distanceKm && r.isObject())
        diags.push_back({Severity::Error, ElementRef::path(path), "needs latency_ms or distance_km (one-way latency = distance × 5 µs/km × route_factor)"});
    if (l.routeFactor && !l.distanceKm)
        diags.push_back({Severity::Error, ElementRef::path(path + ".route_factor"), "applies only with distance_km; give distance_km or remove route_factor"});
    if (l.latencyMs && l.distanceKm) {
        double fromDistance = *l.distanceKm * 0.005 * l.routeFactor.value_or(1.0);
        double given = *l.latencyMs;
        double scale = std::max(std::fabs(given), std::fabs(fromDistance));
        if (scale > 0 && std::fabs(given - fromDistance) > 0.01 * scale) {
            diags.push_back({Severity::Error, ElementRef::path(path),
                             "latency_ms (" + formatNumber(given) + " ms) and distance_km (" +
                                 formatNumber(fromDistance) + " ms at 5 µs/km) disagree by more than 1 %; keep one of them"});
        }
    }
    r.finish();
    return l;
}

Model readModel(const json& j, const std::string& path, Diagnostics& diags)
{
    Model m;
    ObjectReader r(j, path, diags);
    if (!r.isObject())
        return m;
    m.id = r.requiredId("id");
    m.name = r.string("name").value_or("");
    auto parseKind = [](std::string_view s) -> std::optional<ModelKind> {
        if (s == "generic") return ModelKind::Generic;
        if (s == "transformer") return ModelKind::Transformer;
        return std::nullopt;
    };
    if (auto kind = r.requiredEnum<ModelKind>("kind", parseKind, "generic, transformer"))
        m.kind = *kind;
    r.fields(m, modelFields());
    if (r.isObject()) {
        if (m.kind == ModelKind::Transformer && (!m.layers || !m.dModel))
            diags.push_back({Severity::Error, ElementRef::path(path), "a transformer model needs layers and d_model"});
        if (m.kind == ModelKind::Generic && !m.flopsPerRequest)
            diags.push_back({Severity::Error, ElementRef::path(path), "a generic model needs flops_per_request"});
    }
    r.finish();
    return m;
}

void readDatasets(ObjectReader& r, std::vector<Dataset>& out, Diagnostics& diags)
{
    r.forEachInArray("datasets", [&](const json& dj, const std::string& dpath) {
        ObjectReader dr(dj, dpath, diags);
        if (!dr.isObject())
            return;
        Dataset d;
        d.site = dr.requiredId("site");
        d.bytes = dr.requiredNumber("bytes", Range::between(0, kMaxDatasetBytes));
        dr.finish();
        out.push_back(std::move(d));
    });
}

Workload readWorkload(const json& j, const std::string& path, Diagnostics& diags)
{
    Workload w;
    ObjectReader r(j, path, diags);
    if (!r.isObject())
        return w;
    w.id = r.requiredId("id");
    w.name = r.string("name").value_or("");
    w.model = r.requiredId("model");
    const auto type = r.requiredEnum<WorkloadType>("type", parseWorkloadType, workloadTypeNames());
    if (!type || !precisionRequired(*type)) // an unknown kind: its one error is the type
        w.precision = r.enumValue<Precision>("precision", parsePrecision, precisionNames());
    else
        w.precision = r.requiredEnum<Precision>("precision", parsePrecision, precisionNames());
    if (!type) // the type's error is reported; the rest is not read as any kind (nor its keys as unknown)
        return w;
    w.spec = emptySpecOf(*type);
    std::visit(Overloaded{
                   [&](InferenceSpec& s) {
                       r.forEachInArray("sources", [&](const json& sj, const std::string& spath) {
                           ObjectReader sr(sj, spath, diags);
                           if (!sr.isObject())
                               return;
                           RequestSource src;
                           src.site = sr.requiredId("site");
                           src.ratePerDevice = sr.requiredNumber("rate_per_device", Range::between(0, kMaxRatePerDevice));
                           sr.finish();
                           s.sources.push_back(std::move(src));
                       }, /*required=*/true);
                       r.fields(s, fieldsOf(s));
                       s.weightPrecision = r.enumValue<Precision>("weight_precision", parsePrecision, precisionNames(true));
                       s.kvCachePrecision = r.enumValue<Precision>("kv_cache_precision", parsePrecision, precisionNames(true));
                   },
                   [&](TrainingSpec& s) {
                       r.fields(s, fieldsOf(s));
                       s.activationRecompute = r.boolean("activation_recompute");
                       readDatasets(r, s.datasets, diags);
                   },
                   [&](FederatedSpec& s) {
                       r.forEachInArray("clients", [&](const json& cj, const std::string& cpath) {
                           if (!cj.is_string() || cj.get<std::string>().empty())
                               diags.push_back({Severity::Error, ElementRef::path(cpath), "must be a site id (a non-empty string)"});
                           else
                               s.clients.push_back(cj.get<std::string>());
                       }, true);
                       r.fields(s, fieldsOf(s));
                       readDatasets(r, s.datasets, diags);
                   }},
               w.spec);
    r.finish();
    return w;
}

Accelerator readAccelerator(const json& j, const std::string& path, Diagnostics& diags)
{
    Accelerator a;
    ObjectReader r(j, path, diags);
    if (!r.isObject())
        return a;
    a.id = r.requiredId("id");
    a.vendor = r.string("vendor").value_or("");
    a.model = r.string("model").value_or("");
    if (const json* peaks = r.field("peak_tflops")) {
        std::string ppath = path + ".peak_tflops";
        if (!peaks->is_object()) {
            diags.push_back({Severity::Error, ElementRef::path(ppath), "must be an object such as {\"fp16\": 400}"});
        } else {
            for (const auto& [key, value] : peaks->items()) {
                auto p = parsePrecision(key);
                if (!p) {
                    diags.push_back({Severity::Error, ElementRef::path(ppath + "." + key),
                                     "unknown precision; use " + precisionNames()});
                    continue;
                }
                if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0 ||
                    value.get<double>() > kMaxPeakTflops) {
                    diags.push_back({Severity::Error, ElementRef::path(ppath + "." + key), "must be a positive number of TFLOP/s (int8: TOPS) up to 10^9"});
                    continue;
                }
                a.peakTflops[*p] = value.get<double>();
            }
        }
    } else {
        diags.push_back({Severity::Error, ElementRef::path(path + ".peak_tflops"), "is required: the dense peak per precision, e.g. {\"fp16\": 400}"});
    }
    r.fields(a, acceleratorFields());
    a.source = r.string("source").value_or("");
    if (a.tdpW && a.idleW && *a.idleW > *a.tdpW)
        diags.push_back({Severity::Error, ElementRef::path(path + ".idle_w"), "is above tdp_w; idle power cannot exceed full-load power"});
    r.finish();
    return a;
}

void readStrategies(const json& j, const std::string& path, Scenario& sc, Diagnostics& diags)
{
    ObjectReader r(j, path, diags);
    if (!r.isObject())
        return;
    sc.strategiesGiven = true;
    for (Strategy s : kAllStrategies) {
        StrategySettings& set = sc.strategies[s];
        const json* sj = r.field(std::string(strategyName(s)));
        set.enabled = sj != nullptr;
        if (!sj)
            continue;
        ObjectReader sr(*sj, path + "." + std::string(strategyName(s)), diags);
        if (!sr.isObject())
            continue;
        if (s == Strategy::Centralized)
            set.site = sr.id("site");
        else
            set.rhoTarget = sr.number("rho_target", Range::between(0, 1, true));
        if (s == Strategy::Distributed)
            set.allowCrossBorderCopies = sr.boolean("allow_cross_border_copies");
        sr.finish();
    }
    r.finish();
}

/// Reads the elements of one list (sites, links, …) as the parser hands them over: duplicate
/// ids, and the first kMaxReadErrors findings, the rest counted. Findings wait in their own list
/// so that they come out in the order of the lists, whatever the order in the file.
template <typename T>
struct ListReader {
    std::vector<T>& out;
    T (*read)(const json&, const std::string&, Diagnostics&);
    std::string key;
    Diagnostics found;
    std::unordered_set<std::string> ids;
    size_t skipped = 0;

    /// \a findings: over all lists and the parse, for the cap of the whole file.
    void element(const json& ej, size_t index, size_t& findings)
    {
        if (findings >= kMaxReadErrors) { // enough to fix first: the rest is counted, not read
            ++skipped;
            return;
        }
        const std::string epath = key + "[" + std::to_string(index) + "]";
        const size_t before = found.size();
        T item = read(ej, epath, found);
        if (!item.id.empty() && !ids.insert(item.id).second)
            found.push_back({Severity::Error, ElementRef::path(epath + ".id"),
                             "duplicate id \"" + item.id + "\"; every element of " + key + " needs its own id"});
        findings += found.size() - before;
        out.push_back(std::move(item));
    }

    void finish(Diagnostics& diags)
    {
        diags.insert(diags.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        if (skipped > 0)
            diags.push_back({Severity::Error, ElementRef::path(key),
                             std::to_string(skipped) + " more element" + (skipped == 1 ? " was" : "s were") + " not checked: the first " +
                                 std::to_string(kMaxReadErrors) + " errors are listed; fix those and read the file again"});
    }
};

// ---------------------------------------------------------------- writing

ordered_json num(double x)
{
    // Integral values print without ".0"; every other value keeps full precision.
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e15)
        return static_cast<long long>(x);
    return x;
}

void putOpt(ordered_json& o, const char* key, const std::optional<double>& v)
{
    if (v)
        o[key] = num(*v);
}

/// Writes every field of \a fields that \a x has, in registry order.
template <typename T>
void putFields(ordered_json& o, const T& x, std::span<const NumberField<T>> fields)
{
    for (const NumberField<T>& f : fields)
        if (const std::optional<double> v = f.get(x))
            o[std::string(f.key)] = num(*v);
}

void putStr(ordered_json& o, const char* key, const std::string& v)
{
    if (!v.empty())
        o[key] = v;
}

ordered_json writeSite(const Site& s)
{
    ordered_json o;
    o["id"] = s.id;
    putStr(o, "name", s.name);
    o["kind"] = std::string(siteKindName(s.kind));
    putStr(o, "jurisdiction", s.jurisdiction);
    putFields(o, s, siteFields());
    if (s.position)
        o["position"] = ordered_json::array({num(s.position->x), num(s.position->y)});
    if (!s.pools.empty()) {
        ordered_json pools = ordered_json::array();
        for (const Pool& p : s.pools)
            pools.push_back(ordered_json{{"accelerator", p.accelerator}, {"count", p.count}});
        o["pools"] = std::move(pools);
    }
    return o;
}

ordered_json writeLink(const Link& l)
{
    ordered_json o;
    o["id"] = l.id;
    putStr(o, "name", l.name);
    o["a"] = l.a;
    o["b"] = l.b;
    o["kind"] = std::string(linkKindName(l.kind));
    putFields(o, l, linkFields());
    return o;
}

ordered_json writeModel(const Model& m)
{
    ordered_json o;
    o["id"] = m.id;
    putStr(o, "name", m.name);
    o["kind"] = m.kind == ModelKind::Transformer ? "transformer" : "generic";
    putFields(o, m, modelFields());
    return o;
}

ordered_json writeDatasets(const std::vector<Dataset>& list)
{
    ordered_json a = ordered_json::array();
    for (const Dataset& d : list)
        a.push_back(ordered_json{{"site", d.site}, {"bytes", num(d.bytes)}});
    return a;
}

ordered_json writeWorkload(const Workload& w)
{
    ordered_json o;
    o["id"] = w.id;
    putStr(o, "name", w.name);
    o["type"] = std::string(workloadTypeName(w.type()));
    o["model"] = w.model;
    if (w.precision)
        o["precision"] = std::string(precisionName(*w.precision));
    std::visit(Overloaded{[&](const InferenceSpec& s) {
                              ordered_json sources = ordered_json::array();
                              for (const RequestSource& src : s.sources)
                                  sources.push_back(ordered_json{{"site", src.site}, {"rate_per_device", num(src.ratePerDevice)}});
                              o["sources"] = std::move(sources);
                              putFields(o, s, fieldsOf(s));
                              if (s.weightPrecision)
                                  o["weight_precision"] = std::string(precisionName(*s.weightPrecision));
                              if (s.kvCachePrecision)
                                  o["kv_cache_precision"] = std::string(precisionName(*s.kvCachePrecision));
                          },
                          [&](const TrainingSpec& t) {
                              putFields(o, t, fieldsOf(t));
                              if (t.activationRecompute)
                                  o["activation_recompute"] = *t.activationRecompute;
                              if (!t.datasets.empty())
                                  o["datasets"] = writeDatasets(t.datasets);
                          },
                          [&](const FederatedSpec& f) {
                              o["clients"] = f.clients;
                              putFields(o, f, fieldsOf(f));
                              if (!f.datasets.empty())
                                  o["datasets"] = writeDatasets(f.datasets);
                          }},
               w.spec);
    return o;
}

ordered_json writeAccelerator(const Accelerator& a)
{
    ordered_json o;
    o["id"] = a.id;
    putStr(o, "vendor", a.vendor);
    putStr(o, "model", a.model);
    ordered_json peaks = ordered_json::object();
    for (const auto& [p, v] : a.peakTflops)
        peaks[std::string(precisionName(p))] = num(v);
    o["peak_tflops"] = std::move(peaks);
    putFields(o, a, acceleratorFields());
    putStr(o, "source", a.source);
    return o;
}

} // namespace

ScenarioReadResult readScenarioJson(std::string_view text)
{
    ScenarioReadResult result;
    Diagnostics& diags = result.diagnostics;
    Scenario& sc = result.scenario;
    // The five lists are read as the parser completes each element (StreamedArrays).
    size_t findings = 0;
    ListReader<Site> sites{sc.sites, &readSite, "sites", {}, {}, 0};
    ListReader<Link> links{sc.links, &readLink, "links", {}, {}, 0};
    ListReader<Model> models{sc.models, &readModel, "models", {}, {}, 0};
    ListReader<Workload> workloads{sc.workloads, &readWorkload, "workloads", {}, {}, 0};
    ListReader<Accelerator> accelerators{sc.accelerators, &readAccelerator, "accelerators", {}, {}, 0};
    // Calls fn with the list reader of a top-level key; false when the key holds no list.
    auto withList = [&](std::string_view key, const auto& fn) {
        if (key == sites.key)
            fn(sites);
        else if (key == links.key)
            fn(links);
        else if (key == models.key)
            fn(models);
        else if (key == workloads.key)
            fn(workloads);
        else if (key == accelerators.key)
            fn(accelerators);
        else
            return false;
        return true;
    };
    StreamedArrays streamed;
    streamed.streams = [&](std::string_view key) { return withList(key, [](auto&) {}); };
    streamed.element = [&](const std::string& key, const json& element, size_t index) {
        findings = std::max(findings, diags.size()); // repeated keys found so far count too
        withList(key, [&](auto& list) { list.element(element, index, findings); });
    };
    json root;
    if (!parseStrictJson(text, root, diags, &streamed)) {
        sc = Scenario();
        return result;
    }

    ObjectReader top(root, "", diags);
    if (!top.isObject())
        return result;
    auto format = top.requiredString("format");
    if (format && *format != "strata-scenario")
        diags.push_back({Severity::Error, ElementRef::path("format"), "must be \"strata-scenario\" (got \"" + *format + "\")"});
    auto version = top.requiredInteger("version", 0, 1'000'000);
    if (version && *version != 1)
        diags.push_back({Severity::Error, ElementRef::path("version"),
                         "this Strata reads version 1; the file has version " + std::to_string(*version) +
                             " — open it with a newer Strata"});
    result.readable = format && *format == "strata-scenario" && version && *version == 1;
    sc.name = top.string("name").value_or("");
    sc.description = top.string("description").value_or("");
    // The lists' elements are read; what is left is whether each list is there and an array
    // (the streamed arrays stay in the document, empty).
    auto list = [&](auto& reader, bool required) {
        top.forEachInArray(reader.key, [](const json&, const std::string&) {}, required);
        reader.finish(diags);
    };
    list(sites, /*required=*/true);
    list(links, false);
    list(models, false);
    list(workloads, false);
    list(accelerators, false);
    if (const json* st = top.field("strategies"))
        readStrategies(*st, "strategies", sc, diags);
    sc.notes = top.string("notes").value_or("");
    if (const json* v = top.field("view")) {
        ObjectReader vr(*v, "view", diags);
        if (vr.isObject()) {
            CanvasView view;
            bool ok = true;
            if (const json* c = vr.field("center")) {
                if (!c->is_array() || c->size() != 2 || !(*c)[0].is_number() || !(*c)[1].is_number() ||
                    !std::isfinite((*c)[0].get<double>()) || !std::isfinite((*c)[1].get<double>()) ||
                    std::fabs((*c)[0].get<double>()) > 1e9 || std::fabs((*c)[1].get<double>()) > 1e9) {
                    diags.push_back({Severity::Error, ElementRef::path("view.center"), "must be an array of two finite numbers [x, y] within ±1e9"});
                    ok = false;
                } else {
                    view.centerX = (*c)[0].get<double>();
                    view.centerY = (*c)[1].get<double>();
                }
            }
            if (auto z = vr.number("zoom", Range::between(kMinCanvasZoom, kMaxCanvasZoom))) {
                if (*z >= kMinCanvasZoom && *z <= kMaxCanvasZoom)
                    view.zoom = *z;
                else
                    ok = false; // the view is a convenience: a bad one is dropped, not kept
            }
            vr.finish();
            if (ok)
                sc.view = view;
        }
    }
    top.finish();
    return result;
}

std::string writeScenarioJson(const Scenario& sc)
{
    ordered_json o;
    o["format"] = "strata-scenario";
    o["version"] = 1;
    putStr(o, "name", sc.name);
    putStr(o, "description", sc.description);
    auto list = [](const auto& items, auto write) {
        ordered_json a = ordered_json::array();
        for (const auto& x : items)
            a.push_back(write(x));
        return a;
    };
    o["sites"] = list(sc.sites, writeSite);
    o["links"] = list(sc.links, writeLink);
    o["models"] = list(sc.models, writeModel);
    o["workloads"] = list(sc.workloads, writeWorkload);
    if (sc.strategiesGiven) {
        ordered_json st = ordered_json::object();
        for (Strategy s : kAllStrategies) {
            const StrategySettings& set = sc.strategies[s];
            if (!set.enabled)
                continue;
            ordered_json so = ordered_json::object();
            if (set.site)
                so["site"] = *set.site;
            putOpt(so, "rho_target", set.rhoTarget);
            if (set.allowCrossBorderCopies)
                so["allow_cross_border_copies"] = *set.allowCrossBorderCopies;
            st[std::string(strategyName(s))] = std::move(so);
        }
        o["strategies"] = std::move(st);
    }
    if (!sc.accelerators.empty())
        o["accelerators"] = list(sc.accelerators, writeAccelerator);
    putStr(o, "notes", sc.notes);
    if (sc.view) {
        ordered_json v = ordered_json::object();
        v["center"] = ordered_json::array({num(sc.view->centerX), num(sc.view->centerY)});
        v["zoom"] = num(sc.view->zoom);
        o["view"] = std::move(v);
    }
    return o.dump(2) + "\n";
}

} // namespace strata::core
