// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation.h"
#include "fields.h"
#include "workloadkind.h"


#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace strata::core {

namespace {

struct Checker {
    Diagnostics& out;

    void error(ElementRef element, const std::string& message) { out.push_back({Severity::Error, std::move(element), message}); }

    /// Checks every registry field of \a x (the same rule as the JSON reader's).
    template <typename T>
    void fields(const ElementRef& element, const T& x, std::span<const NumberField<T>> fields)
    {
        for (const NumberField<T>& f : fields)
            if (const std::optional<double> v = f.get(x))
                if (std::string why = fieldError(f, *v); !why.empty())
                    error(element.withField(std::string(f.key)), std::string(f.key) + " " + why);
    }

    // Range check of an optional or plain value; not finite or outside [lo, hi] is an error.
    void range(const ElementRef& element, const char* field, std::optional<double> v, double lo, double hi,
               bool loOpen = false)
    {
        if (!v)
            return;
        bool ok = std::isfinite(*v) && (loOpen ? *v > lo : *v >= lo) && *v <= hi;
        if (!ok)
            error(element.withField(field), std::string(field) + " is out of range (" + formatNumber(*v) + "); allowed " +
                               (loOpen ? "above " : "from ") + formatNumber(lo) +
                               (std::isinf(hi) ? "" : " to " + formatNumber(hi)));
    }
};

/// Reports empty and repeated ids; returns each id's (first) element.
template <typename T>
std::unordered_map<std::string_view, const T*> checkUnique(const std::vector<T>& items, ElementRef (*ref)(std::string), Checker& c)
{
    std::unordered_map<std::string_view, const T*> byId;
    byId.reserve(items.size());
    for (const T& x : items) {
        if (x.id.empty())
            c.error(ref({}), "an element has an empty id; give it a unique id");
        else if (!byId.emplace(x.id, &x).second)
            c.error(ref(x.id), "the id \"" + x.id + "\" is used twice; ids must be unique");
    }
    return byId;
}


/// True when \a s is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool validUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + static_cast<size_t>(n) >= s.size()) // the sequence runs past the end
            return false;
        for (int k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((d & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3f);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += static_cast<size_t>(n) + 1;
    }
    return true;
}

void checkText(Diagnostics& out, const ElementRef& element, const char* field, std::string_view text, size_t maxBytes)
{
    if (text.size() > maxBytes)
        out.push_back({Severity::Error, element.withField(field),
                       std::string(field) + " is " + std::to_string(text.size()) + " bytes long; at most " + std::to_string(maxBytes) +
                           " are allowed: shorten it"});
    else if (!validUtf8(text))
        out.push_back({Severity::Error, element.withField(field), std::string(field) + " is not valid UTF-8 text; retype it"});
}

void checkId(Diagnostics& out, const ElementRef& element, std::string_view id)
{
    if (id.empty())
        return; // reported with the unique ids
    const bool control = std::any_of(id.begin(), id.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
    if (id.size() > kMaxIdBytes || control || !validUtf8(id))
        out.push_back({Severity::Error, element,
                       "the id must be 1 to 200 bytes of UTF-8 text without control characters; rename it"});
}

/// The attention shape and the experts of a transformer (issue 15): consistent with each other.
void checkShape(Checker& c, const ElementRef& el, const Model& m)
{
    const bool attention = m.attentionHeads || m.kvHeads || m.headDim;
    const bool moe = m.experts || m.expertsPerToken || m.activeParams;
    if (m.kind != ModelKind::Transformer) {
        if (attention || moe)
            c.error(el, "attention heads and experts describe a transformer; set kind to transformer or remove them");
        return;
    }
    if ((m.kvHeads || m.headDim) && !m.attentionHeads)
        c.error(el, "kv_heads and head_dim need attention_heads; give the model's number of query heads");
    if (m.attentionHeads && m.kvHeads) {
        const double q = *m.attentionHeads, kv = *m.kvHeads;
        if (kv > q || std::fmod(q, kv) != 0)
            c.error(el, "kv_heads (" + formatNumber(kv) + ") must divide attention_heads (" + formatNumber(q) +
                            "): each group of query heads shares one key/value head");
    }
    if (!moe)
        return;
    if (!m.experts || !m.expertsPerToken || !m.activeParams) {
        c.error(el, "a mixture-of-experts model needs experts, experts_per_token and active_params together");
        return;
    }
    const double e = *m.experts, k = *m.expertsPerToken, active = *m.activeParams;
    if (k > e)
        c.error(el, "experts_per_token (" + formatNumber(k) + ") is more than experts (" + formatNumber(e) + ")");
    else if (active > m.params)
        c.error(el, "active_params (" + formatNumber(active) + ") is more than params (" + formatNumber(m.params) +
                        "); params counts every expert, active_params what one token uses");
    else if (active * e < k * m.params * (1 - 1e-9))
        // total = shared + E·P_e and active = shared + k·P_e leave a negative shared part.
        c.error(el, "active_params (" + formatNumber(active) + ") is less than experts_per_token / experts of params (" +
                        formatNumber(k * m.params / e) + "): the routed experts alone would use more");
}

} // namespace

Diagnostics validateTexts(const Scenario& sc)
{
    Diagnostics out;
    const ElementRef design = ElementRef::path("scenario");
    checkText(out, design, "name", sc.name, kMaxNameBytes);
    checkText(out, design, "description", sc.description, kMaxTextBytes);
    checkText(out, design, "notes", sc.notes, kMaxTextBytes);
    for (const Site& s : sc.sites) {
        const ElementRef el = ElementRef::site(s.id);
        checkId(out, el, s.id);
        checkText(out, el, "name", s.name, kMaxNameBytes);
        checkText(out, el, "jurisdiction", s.jurisdiction, kMaxNameBytes);
    }
    for (const Link& l : sc.links) {
        checkId(out, ElementRef::link(l.id), l.id);
        checkText(out, ElementRef::link(l.id), "name", l.name, kMaxNameBytes);
    }
    for (const Model& m : sc.models) {
        checkId(out, ElementRef::model(m.id), m.id);
        checkText(out, ElementRef::model(m.id), "name", m.name, kMaxNameBytes);
    }
    for (const Workload& w : sc.workloads) {
        checkId(out, ElementRef::workload(w.id), w.id);
        checkText(out, ElementRef::workload(w.id), "name", w.name, kMaxNameBytes);
    }
    for (const Accelerator& a : sc.accelerators) {
        const ElementRef el = ElementRef::accelerator(a.id);
        checkId(out, el, a.id);
        checkText(out, el, "vendor", a.vendor, kMaxNameBytes);
        checkText(out, el, "model", a.model, kMaxNameBytes);
        checkText(out, el, "source", a.source, kMaxNameBytes);
    }
    return out;
}

Diagnostics validateScenario(const Scenario& sc, const Catalog& builtin)
{
    Diagnostics out = validateTexts(sc);
    Checker c{out};
    // A pool's accelerator resolves against the scenario's own entries, then the built-ins.
    auto knownAccelerator = [&](const std::string& id) {
        return builtin.find(id) || std::any_of(sc.accelerators.begin(), sc.accelerators.end(),
                                                [&](const Accelerator& a) { return a.id == id; });
    };

    const std::unordered_map<std::string_view, const Site*> siteById = checkUnique(sc.sites, &ElementRef::site, c);
    checkUnique(sc.links, &ElementRef::link, c);
    checkUnique(sc.models, &ElementRef::model, c);
    checkUnique(sc.workloads, &ElementRef::workload, c);
    checkUnique(sc.accelerators, &ElementRef::accelerator, c);

    auto siteExists = [&](const std::string& id) { return siteById.count(id) > 0; };

    for (const Site& s : sc.sites) {
        const ElementRef el = ElementRef::site(s.id);
        c.fields(el, s, siteFields());
        for (size_t i = 0; i < s.pools.size(); ++i) {
            const Pool& p = s.pools[i];
            auto pel = [&] { return ElementRef::poolAt(s.id, static_cast<int>(i)); };
            if (!knownAccelerator(p.accelerator))
                c.error(pel(), "accelerator \"" + p.accelerator +
                                 "\" is neither in the built-in catalog (strata-cli catalog lists it) nor in the scenario's accelerators");
            if (p.count < 0)
                c.error(pel(), "count must not be negative");
            else if (p.count > kMaxPoolCount)
                c.error(pel(), "count is out of range (" + std::to_string(p.count) + "); allowed up to " + std::to_string(kMaxPoolCount));
        }
    }
    for (const Link& l : sc.links) {
        const ElementRef el = ElementRef::link(l.id);
        for (const std::string* end : {&l.a, &l.b})
            if (!siteExists(*end))
                c.error(el, "end \"" + *end + "\" is not a site of this scenario");
        if (l.a == l.b)
            c.error(el, "joins site \"" + l.a + "\" to itself; a link needs two different sites");
        c.fields(el, l, linkFields());
        if (!l.latencyMs && !l.distanceKm)
            c.error(el, "needs latency_ms or distance_km");
        if (l.routeFactor && !l.distanceKm)
            c.error(el, "route_factor applies only with distance_km; give distance_km or remove route_factor");
    }
    for (const Model& m : sc.models) {
        const ElementRef el = ElementRef::model(m.id);
        // The JSON reader checks these ranges too, but keeps an out-of-range value so that the
        // workbench can open the file and show it to be fixed: validation must catch it again.
        c.fields(el, m, modelFields());
        if (m.kind == ModelKind::Transformer && (!m.layers || !m.dModel))
            c.error(el, "a transformer model needs layers and d_model");
        if (m.kind == ModelKind::Generic && !m.flopsPerRequest)
            c.error(el, "a generic model needs flops_per_request");
        checkShape(c, el, m);
    }
    for (const Workload& w : sc.workloads) {
        const ElementRef el = ElementRef::workload(w.id);
        const Model* model = sc.findModel(w.model);
        if (!model)
            c.error(el, "model \"" + w.model + "\" is not defined in models");
        if (!w.precision && precisionRequired(w.type()))
            c.error(el, "needs a precision (" + precisionNames() + ")");
        // What every kind has: its registry fields and the sites it names.
        std::visit([&](const auto& spec) {
            c.fields(el, spec, fieldsOf(spec));
            forEachSiteList(spec, [&](const auto& list, auto siteOf, std::string_view role) {
                for (const auto& entry : list)
                    if (!siteExists(siteOf(entry)))
                        c.error(el, std::string(role) + " site \"" + siteOf(entry) + "\" is not a site of this scenario");
            });
        }, w.spec);
        // The rules of each kind.
        std::visit(Overloaded{
                       [&](const InferenceSpec& s) {
                           if (s.sources.empty())
                               c.error(el, "has no sources; add at least one source site and its rate per device");
                           std::unordered_set<std::string_view> listed;
                           listed.reserve(s.sources.size());
                           for (const RequestSource& src : s.sources) {
                               if (!listed.insert(src.site).second)
                                   c.error(el, "source site \"" + src.site + "\" is listed twice; give it one entry with the total rate");
                               c.range(el, "rate_per_device", src.ratePerDevice, 0, kMaxRatePerDevice);
                           }
                           if (model && model->kind == ModelKind::Transformer && (!s.inputTokens || !s.outputTokens))
                               c.error(el, "serves a transformer model; give input_tokens and output_tokens");
                           // Storage formats (issue 15).
                           for (const auto& [key, p] : {std::pair{"weight_precision", s.weightPrecision},
                                                        std::pair{"kv_cache_precision", s.kvCachePrecision}})
                               if (p && !isStorageFormat(*p))
                                   c.error(el.withField(key), std::string(key) + " " + std::string(precisionName(*p)) +
                                                                  " is a compute mode, not a storage format; use one of " +
                                                                  precisionNames(true));
                           if (s.kvCachePrecision && model && model->kind != ModelKind::Transformer)
                               c.error(el.withField("kv_cache_precision"), "kv_cache_precision applies to a transformer (a generic model has no KV cache); remove it");
                       },
                       [&](const TrainingSpec& t) {
                           for (const Dataset& d : t.datasets)
                               c.range(el, "datasets.bytes", d.bytes, 0, kMaxDatasetBytes);
                           if (model && model->kind != ModelKind::Transformer)
                               c.error(el, "training needs a transformer model (FLOPs per token follow from its shape)");
                       },
                       [&](const FederatedSpec& f) {
                           if (f.clients.empty())
                               c.error(el, "has no clients; list the client site ids");
                           for (const Dataset& d : f.datasets)
                               c.range(el, "datasets.bytes", d.bytes, 0, kMaxDatasetBytes);
                           // A device site stands for its `devices` clients (a fleet of cars).
                           double clients = 0;
                           for (const std::string& id : f.clients)
                               if (auto it = siteById.find(id); it != siteById.end())
                                   clients += federatedClients(*it->second);
                           if (f.clientsPerRound > clients && clients > 0)
                               c.error(el, "clients_per_round (" + formatNumber(f.clientsPerRound) + ") is more than the " +
                                               formatNumber(clients) +
                                               " clients listed (a device site counts its devices, any other site one); "
                                               "lower clients_per_round or list more clients");
                       }},
                   w.spec);
    }
    if (const auto& site = sc.strategies[Strategy::Centralized].site) {
        const Site* s = sc.findSite(*site);
        if (!s)
            c.error(ElementRef::strategy("centralized"), "site \"" + *site + "\" is not a site of this scenario");
        else if (s->pools.empty())
            c.error(ElementRef::strategy("centralized"), "site \"" + *site + "\" has no accelerator pools; pick a site with compute");
    }
    for (Strategy st : {Strategy::Distributed, Strategy::Hybrid})
        c.range(ElementRef::strategy(strategyName(st)), "rho_target", sc.strategies[st].rhoTarget, 0, 1, true);
    for (const Accelerator& a : sc.accelerators) {
        const ElementRef el = ElementRef::accelerator(a.id);
        for (const auto& [precision, tflops] : a.peakTflops)
            c.range(el, "peak_tflops", tflops, 0, kMaxPeakTflops, true);
        c.fields(el, a, acceleratorFields());
    }
    return out;
}

} // namespace strata::core
