// SPDX-License-Identifier: GPL-3.0-or-later
#include "elementref.h"

#include "catalog.h"
#include "fields.h"
#include "scenario.h"
#include "workloadkind.h"

#include <charconv>
#include <optional>

namespace strata::core {

std::string ElementRef::key() const
{
    switch (kind) {
    case ElementKind::None: return {};
    case ElementKind::Path: return id;
    case ElementKind::Site: return "site:" + id;
    case ElementKind::Pool: return "site:" + id + "/pool:" + std::to_string(pool);
    case ElementKind::Link: return "link:" + id;
    case ElementKind::Model: return "model:" + id;
    case ElementKind::Workload: return "workload:" + id;
    case ElementKind::Accelerator: return "accelerator:" + id;
    case ElementKind::Strategy: return "strategy:" + id;
    }
    return id;
}

namespace {

/// "sites[2].pue" → list "sites", index 2, rest "pue" (empty when the path names the element).
struct PathParts {
    std::string_view list;
    size_t index = 0;
    std::string_view rest;
};

std::optional<PathParts> splitPath(std::string_view path)
{
    const size_t open = path.find('[');
    const size_t close = path.find(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    PathParts p;
    p.list = path.substr(0, open);
    const std::string_view digits = path.substr(open + 1, close - open - 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p.index);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    p.rest = path.substr(close + 1);
    if (!p.rest.empty() && p.rest.front() == '.')
        p.rest.remove_prefix(1);
    return p;
}

/// The element a file path names, with its first field part when that is a plain key.
ElementRef resolvePath(std::string_view path, const Scenario& sc)
{
    const auto p = splitPath(path);
    if (!p)
        return {};
    ElementRef r;
    if (p->list == "sites" && p->index < sc.sites.size())
        r = ElementRef::site(sc.sites[p->index].id);
    else if (p->list == "links" && p->index < sc.links.size())
        r = ElementRef::link(sc.links[p->index].id);
    else if (p->list == "models" && p->index < sc.models.size())
        r = ElementRef::model(sc.models[p->index].id);
    else if (p->list == "workloads" && p->index < sc.workloads.size())
        r = ElementRef::workload(sc.workloads[p->index].id);
    else if (p->list == "accelerators" && p->index < sc.accelerators.size())
        r = ElementRef::accelerator(sc.accelerators[p->index].id);
    else
        return {};
    if (r.id.empty()) // an element whose id could not be read
        return {};
    if (p->rest.find_first_of(".[") == std::string_view::npos)
        r.field = std::string(p->rest);
    return r;
}

std::string siteName(const Scenario& sc, const std::string& id)
{
    const Site* s = sc.findSite(id);
    return s && !s->name.empty() ? s->name : id;
}

std::string acceleratorName(const Scenario& sc, const Catalog& catalog, const std::string& id)
{
    const Accelerator* a = nullptr;
    for (const Accelerator& own : sc.accelerators)
        if (own.id == id)
            a = &own;
    if (!a)
        a = catalog.find(id);
    if (!a || (a->vendor.empty() && a->model.empty()))
        return id;
    return a->vendor.empty() ? a->model : a->model.empty() ? a->vendor : a->vendor + " " + a->model;
}

/// Labels of the fields a sweep can set that are not registry fields.
std::string otherFieldLabel(const std::string& key)
{
    if (key == "offered_rps")
        return "Offered load";
    if (key == "count")
        return "Accelerator count";
    if (key == "rho_target")
        return "ρ target";
    if (key.rfind("peak_tflops.", 0) == 0)
        return "Peak " + key.substr(12) + " TFLOP/s";
    // "sources.0.rate_per_device", "datasets.1.bytes": the entry by its number from 1.
    const size_t dot = key.find('.'), last = key.rfind('.');
    if (dot != std::string::npos && last > dot) {
        const std::string list = key.substr(0, dot), field = key.substr(last + 1);
        size_t n = 0;
        const std::string number = key.substr(dot + 1, last - dot - 1);
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
        if (ec == std::errc() && end == number.data() + number.size()) {
            const std::string entry = (list == "sources" ? "source " : list == "datasets" ? "dataset " : list + " ") + std::to_string(n + 1);
            const std::string what = field == "rate_per_device" ? "Rate per device" : field == "bytes" ? "Size" : field;
            return what + " (" + entry + ")";
        }
    }
    return {};
}

/// The registry label of \a key for the element \a r, or the key itself.
std::string fieldLabel(const ElementRef& r, const Scenario& sc, const std::string& key)
{
    if (std::string other = otherFieldLabel(key); !other.empty())
        return other;
    auto label = [&key](auto fields) -> std::string {
        if (const auto* f = findField(fields, key))
            return std::string(f->label);
        return {};
    };
    std::string out;
    switch (r.kind) {
    case ElementKind::Site: out = label(siteFields()); break;
    case ElementKind::Link: out = label(linkFields()); break;
    case ElementKind::Model: out = label(modelFields()); break;
    case ElementKind::Accelerator: out = label(acceleratorFields()); break;
    case ElementKind::Workload:
        if (const Workload* w = sc.findWorkload(r.id))
            out = std::visit([&](const auto& spec) { return label(fieldsOf(spec)); }, w->spec);
        break;
    default: break;
    }
    return out.empty() ? key : out;
}

std::string elementName(const ElementRef& r, const Scenario& sc, const Catalog& catalog)
{
    switch (r.kind) {
    case ElementKind::None: return {};
    case ElementKind::Path: {
        const ElementRef resolved = resolvePath(r.id, sc);
        if (resolved.kind == ElementKind::None)
            return r.id; // a place in a file whose element could not be read: the path is all there is
        const std::string named = displayName(resolved, sc, catalog);
        return named + " (" + r.id + ")";
    }
    case ElementKind::Site: return siteName(sc, r.id);
    case ElementKind::Pool: {
        const Site* s = sc.findSite(r.id);
        const std::string accel = s && r.pool >= 0 && static_cast<size_t>(r.pool) < s->pools.size()
                                      ? acceleratorName(sc, catalog, s->pools[static_cast<size_t>(r.pool)].accelerator)
                                      : "pool " + std::to_string(r.pool + 1);
        return siteName(sc, r.id) + " · " + accel + " pool";
    }
    case ElementKind::Link: {
        const Link* l = sc.findLink(r.id);
        if (!l)
            return "link " + r.id;
        return "link " + (l->name.empty() ? siteName(sc, l->a) + " – " + siteName(sc, l->b) : l->name);
    }
    case ElementKind::Model: {
        const Model* m = sc.findModel(r.id);
        return "model " + (m && !m->name.empty() ? m->name : r.id);
    }
    case ElementKind::Workload: {
        const Workload* w = sc.findWorkload(r.id);
        return "workload " + (w && !w->name.empty() ? w->name : r.id);
    }
    case ElementKind::Accelerator: return acceleratorName(sc, catalog, r.id);
    case ElementKind::Strategy: return r.id;
    }
    return r.id;
}

} // namespace

ElementRef elementOf(const ElementRef& ref, const Scenario& scenario)
{
    switch (ref.kind) {
    case ElementKind::Site:
    case ElementKind::Link:
    case ElementKind::Workload: return {ref.kind, ref.id, -1, {}};
    case ElementKind::Pool: return ElementRef::site(ref.id);
    case ElementKind::Path: {
        ElementRef r = resolvePath(ref.id, scenario);
        r.field.clear();
        return r.kind == ElementKind::Site || r.kind == ElementKind::Link || r.kind == ElementKind::Workload ? r : ElementRef{};
    }
    default: return {};
    }
}

std::string displayName(const ElementRef& ref, const Scenario& scenario, const Catalog& catalog)
{
    const std::string name = elementName(ref, scenario, catalog);
    if (ref.field.empty() || ref.kind == ElementKind::Path)
        return name;
    return fieldLabel(ref, scenario, ref.field) + " of " + name;
}

} // namespace strata::core
