// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariopath.h"

#include "model/fields.h"
#include "model/workloadkind.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <span>
#include <vector>

namespace strata::core {

namespace {

std::vector<std::string_view> split(std::string_view path)
{
    std::vector<std::string_view> parts;
    while (true) {
        size_t dot = path.find('.');
        parts.push_back(path.substr(0, dot));
        if (dot == std::string_view::npos)
            break;
        path.remove_prefix(dot + 1);
    }
    return parts;
}

std::optional<size_t> index(std::string_view s)
{
    size_t i = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return i;
}

template <typename T>
std::string names(std::span<const NumberField<T>> fields)
{
    std::string out;
    for (const NumberField<T>& f : fields)
        out += (out.empty() ? "" : ", ") + std::string(f.key);
    return out;
}

/// Sets \a field of \a target as an edit does (the field's rule applied); a whole-number field
/// takes the nearest whole number.
template <typename T>
std::string apply(T& target, std::string_view field, std::span<const NumberField<T>> fields, double& value,
                  const std::string& where)
{
    const NumberField<T>* f = findField(fields, field);
    if (!f)
        return where + ": no numeric field \"" + std::string(field) + "\"; it has " + names(fields);
    if (f->whole)
        value = std::round(value);
    f->edit(target, value);
    return {};
}

template <typename T>
T* byId(std::vector<T>& list, std::string_view id)
{
    for (T& x : list)
        if (x.id == id)
            return &x;
    if (auto i = index(id); i && *i < list.size())
        return &list[*i];
    return nullptr;
}

template <typename T>
std::string ids(const std::vector<T>& list)
{
    std::string out;
    for (size_t i = 0; i < list.size() && i < 8; ++i)
        out += (i ? ", " : "") + list[i].id;
    if (list.size() > 8)
        out += ", …";
    return out.empty() ? "none" : out;
}

/// The virtual field offered_rps: scales every source's rate so that the service's total
/// offered load Σ devices × rate is \a value, keeping each source's share. With no load yet,
/// every device gets the same rate.
std::string setOfferedLoad(const Scenario& sc, InferenceSpec& s, double value, const std::string& where)
{
    if (s.sources.empty())
        return where + ".offered_rps: the service has no sources to scale";
    const double total = offeredRps(sc, s);
    double devices = 0;
    for (const RequestSource& r : s.sources)
        devices += devicesAt(sc, r.site);
    if (total <= 0 && devices <= 0 && value > 0)
        return where + ".offered_rps: the sources' sites have no devices, so no rate gives a load; give them devices";
    for (RequestSource& r : s.sources)
        r.ratePerDevice = total > 0 ? r.ratePerDevice * (value / total) : (devices > 0 ? value / devices : 0);
    return {};
}

std::string setInWorkload(const Scenario& sc, Workload& w, const std::vector<std::string_view>& p, double& value)
{
    const std::string where = "workloads." + w.id;
    if (p.size() == 5 && (p[2] == "sources" || p[2] == "datasets")) {
        auto i = index(p[3]);
        if (InferenceSpec* s = std::get_if<InferenceSpec>(&w.spec); s && p[2] == "sources") {
            if (!i || *i >= s->sources.size())
                return where + ".sources: no entry " + std::string(p[3]) + " (it has " +
                       std::to_string(s->sources.size()) + ")";
            if (p[4] != "rate_per_device")
                return where + ".sources." + std::string(p[3]) + ": the numeric field is rate_per_device";
            s->sources[*i].ratePerDevice = value;
            return {};
        }
        std::vector<Dataset>* datasets = nullptr;
        if (auto* t = std::get_if<TrainingSpec>(&w.spec))
            datasets = &t->datasets;
        if (auto* f = std::get_if<FederatedSpec>(&w.spec))
            datasets = &f->datasets;
        if (p[2] == "datasets" && datasets) {
            if (!i || *i >= datasets->size())
                return where + ".datasets: no entry " + std::string(p[3]) + " (it has " +
                       std::to_string(datasets->size()) + ")";
            if (p[4] != "bytes")
                return where + ".datasets." + std::string(p[3]) + ": the numeric field is bytes";
            (*datasets)[*i].bytes = value;
            return {};
        }
        return where + ": a " + std::string(workloadTypeName(w.type())) + " workload has no " + std::string(p[2]);
    }
    if (p.size() != 3)
        return std::visit([&](const auto& spec) { return where + ": give one field, e.g. " + where + "." + std::string(fieldsOf(spec)[0].key); },
                          w.spec);
    return std::visit(Overloaded{[&](InferenceSpec& s) {
                                     if (p[2] == "offered_rps")
                                         return setOfferedLoad(sc, s, value, where);
                                     std::string error = apply(s, p[2], fieldsOf(s), value, where);
                                     return error.empty() ? error : error + ", offered_rps (the total offered load)";
                                 },
                                 [&](auto& job) { return apply(job, p[2], fieldsOf(job), value, where); }},
                      w.spec);
}

} // namespace

std::string setScenarioValue(Scenario& sc, std::string_view path, double& value)
{
    const std::vector<std::string_view> p = split(path);
    const std::string top(p[0]);
    if (p.size() < 3)
        return "\"" + std::string(path) + "\": a path has the form LIST.ID.FIELD, e.g. links.bb.bandwidth_gbps";
    if (top == "sites") {
        Site* s = byId(sc.sites, p[1]);
        if (!s)
            return "sites: no site \"" + std::string(p[1]) + "\" (sites: " + ids(sc.sites) + ")";
        const std::string where = "sites." + s->id;
        if (p[2] == "pools") {
            auto i = p.size() == 5 ? index(p[3]) : std::nullopt;
            if (!i || *i >= s->pools.size() || p[4] != "count")
                return where + ".pools: use pools.N.count with N below " + std::to_string(s->pools.size());
            value = std::round(value);
            if (!(value >= 0 && value <= static_cast<double>(kMaxPoolCount)))
                return where + ".pools." + std::to_string(*i) + ".count: must be between 0 and " +
                       std::to_string(kMaxPoolCount) + " accelerators (got " + formatNumber(value) + ")";
            s->pools[*i].count = static_cast<long long>(value);
            return {};
        }
        if (p.size() != 3)
            return where + ": give one field, e.g. " + where + ".pue";
        return apply(*s, p[2], siteFields(), value, where);
    }
    if (top == "links") {
        Link* l = byId(sc.links, p[1]);
        if (!l)
            return "links: no link \"" + std::string(p[1]) + "\" (links: " + ids(sc.links) + ")";
        if (p.size() != 3)
            return "links." + l->id + ": give one field, e.g. links." + l->id + ".bandwidth_gbps";
        return apply(*l, p[2], linkFields(), value, "links." + l->id);
    }
    if (top == "models") {
        Model* m = byId(sc.models, p[1]);
        if (!m)
            return "models: no model \"" + std::string(p[1]) + "\" (models: " + ids(sc.models) + ")";
        if (p.size() != 3)
            return "models." + m->id + ": give one field, e.g. models." + m->id + ".params";
        return apply(*m, p[2], modelFields(), value, "models." + m->id);
    }
    if (top == "workloads") {
        Workload* w = byId(sc.workloads, p[1]);
        if (!w)
            return "workloads: no workload \"" + std::string(p[1]) + "\" (workloads: " + ids(sc.workloads) + ")";
        return setInWorkload(sc, *w, p, value);
    }
    if (top == "accelerators") {
        Accelerator* a = byId(sc.accelerators, p[1]);
        if (!a)
            return "accelerators: the scenario defines no accelerator \"" + std::string(p[1]) +
                   "\" (to sweep a built-in one, copy it into the scenario's accelerators)";
        const std::string where = "accelerators." + a->id;
        if (p[2] == "peak_tflops") {
            auto precision = p.size() == 4 ? parsePrecision(p[3]) : std::nullopt;
            if (!precision)
                return where + ".peak_tflops: name a precision, e.g. " + where + ".peak_tflops.fp16";
            a->peakTflops[*precision] = value;
            return {};
        }
        if (p.size() != 3)
            return where + ": give one field, e.g. " + where + ".tdp_w";
        return apply(*a, p[2], acceleratorFields(), value, where);
    }
    if (top == "strategies") {
        auto s = parseStrategy(p[1]);
        if (!s || *s == Strategy::Centralized || p.size() != 3 || p[2] != "rho_target")
            return "strategies: the numeric fields are strategies.distributed.rho_target and strategies.hybrid.rho_target";
        sc.strategies[*s].rhoTarget = value;
        return {};
    }
    return "\"" + top + "\": a path starts with sites, links, models, workloads, accelerators or strategies";
}

ElementRef pathElement(const Scenario& sc, std::string_view path)
{
    const std::vector<std::string_view> p = split(path);
    const ElementRef whole = ElementRef::path(std::string(path));
    if (p.size() < 3)
        return whole;
    const std::string id(p[1]);
    const std::string last(p.back());
    if (p[0] == "sites" && sc.findSite(id)) {
        if (p.size() == 5 && p[2] == "pools")
            if (auto i = index(p[3]))
                return ElementRef::poolAt(id, static_cast<int>(*i)).withField(last);
        return p.size() == 3 ? ElementRef::site(id).withField(last) : whole;
    }
    if (p[0] == "links" && sc.findLink(id) && p.size() == 3)
        return ElementRef::link(id).withField(last);
    if (p[0] == "models" && sc.findModel(id) && p.size() == 3)
        return ElementRef::model(id).withField(last);
    if (p[0] == "workloads" && sc.findWorkload(id))
        return ElementRef::workload(id).withField(
            p.size() == 5 ? std::string(p[2]) + "." + std::string(p[3]) + "." + last : last);
    if (p[0] == "accelerators")
        return ElementRef::accelerator(id).withField(p.size() == 4 ? "peak_tflops." + last : last);
    if (p[0] == "strategies" && parseStrategy(p[1]))
        return ElementRef::strategy(p[1]).withField(last);
    return whole;
}

} // namespace strata::core
