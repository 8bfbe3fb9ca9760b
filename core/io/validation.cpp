// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation.h"

#include "jsonfields.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string_view>
#include <unordered_set>

namespace strata::core {

namespace {

/// An element named by kind and id; its "kind:id" string is built only when a message needs it.
struct Element {
    std::string_view kind;
    std::string_view id;

    std::string str() const { return std::string(kind) + ":" + std::string(id); }
};

struct Checker {
    Diagnostics& out;

    void error(const std::string& element, const std::string& message)
    {
        out.push_back({Severity::Error, element, message});
    }
    void error(const Element& element, const std::string& message) { error(element.str(), message); }

    // Range check of an optional or plain value; not finite or outside [lo, hi] is an error.
    void range(const Element& element, const char* field, std::optional<double> v, double lo, double hi,
               bool loOpen = false)
    {
        if (!v)
            return;
        bool ok = std::isfinite(*v) && (loOpen ? *v > lo : *v >= lo) && *v <= hi;
        if (!ok)
            error(element, std::string(field) + " is out of range (" + formatNumber(*v) + "); allowed " +
                               (loOpen ? "above " : "from ") + formatNumber(lo) +
                               (std::isinf(hi) ? "" : " to " + formatNumber(hi)));
    }
};

/// Reports empty and repeated ids; returns the set of ids (views into \a items).
template <typename T>
std::unordered_set<std::string_view> checkUnique(const std::vector<T>& items, const char* prefix, Checker& c)
{
    std::unordered_set<std::string_view> seen;
    seen.reserve(items.size());
    for (const T& x : items) {
        if (x.id.empty())
            c.error(std::string(prefix) + ":", "an element has an empty id; give it a unique id");
        else if (!seen.insert(x.id).second)
            c.error(Element{prefix, x.id}, "the id \"" + x.id + "\" is used twice; ids must be unique");
    }
    return seen;
}

} // namespace

Diagnostics validateScenario(const Scenario& sc, const Catalog& builtin)
{
    Diagnostics out;
    Checker c{out};
    const double inf = std::numeric_limits<double>::infinity();
    // A pool's accelerator resolves against the scenario's own entries, then the built-ins.
    auto knownAccelerator = [&](const std::string& id) {
        return builtin.find(id) || std::any_of(sc.accelerators.begin(), sc.accelerators.end(),
                                                [&](const Accelerator& a) { return a.id == id; });
    };

    const std::unordered_set<std::string_view> siteIds = checkUnique(sc.sites, "site", c);
    checkUnique(sc.links, "link", c);
    checkUnique(sc.models, "model", c);
    checkUnique(sc.workloads, "workload", c);
    checkUnique(sc.accelerators, "accelerator", c);

    auto siteExists = [&](const std::string& id) { return siteIds.count(id) > 0; };

    for (const Site& s : sc.sites) {
        const Element el{"site", s.id};
        c.range(el, "devices", s.devices, 0, inf);
        c.range(el, "pue", s.pue, 1, inf);
        c.range(el, "carbon_g_per_kwh", s.carbonGPerKwh, 0, inf);
        c.range(el, "energy_usd_per_kwh", s.energyUsdPerKwh, 0, inf);
        c.range(el, "availability", s.availability, 0, 1);
        for (size_t i = 0; i < s.pools.size(); ++i) {
            const Pool& p = s.pools[i];
            auto pel = [&] { return el.str() + "/pool:" + std::to_string(i); };
            if (!knownAccelerator(p.accelerator))
                c.error(pel(), "accelerator \"" + p.accelerator +
                                 "\" is neither in the built-in catalog (strata-cli catalog lists it) nor in the scenario's accelerators");
            if (p.count < 0)
                c.error(pel(), "count must not be negative");
            else if (p.count > 100'000'000)
                c.error(pel(), "count is out of range (" + std::to_string(p.count) + "); allowed up to 100000000");
        }
    }
    for (const Link& l : sc.links) {
        const Element el{"link", l.id};
        for (const std::string* end : {&l.a, &l.b})
            if (!siteExists(*end))
                c.error(el, "end \"" + *end + "\" is not a site of this scenario");
        if (l.a == l.b)
            c.error(el, "joins site \"" + l.a + "\" to itself; a link needs two different sites");
        c.range(el, "bandwidth_gbps", l.bandwidthGbps, 0, inf, true);
        c.range(el, "latency_ms", l.latencyMs, 0, inf);
        c.range(el, "distance_km", l.distanceKm, 0, inf);
        c.range(el, "route_factor", l.routeFactor, 1, inf);
        c.range(el, "energy_nj_per_bit", l.energyNjPerBit, 0, inf);
        c.range(el, "egress_usd_per_gb", l.egressUsdPerGb, 0, inf);
        c.range(el, "availability", l.availability, 0, 1);
        if (!l.latencyMs && !l.distanceKm)
            c.error(el, "needs latency_ms or distance_km");
    }
    for (const Model& m : sc.models) {
        const Element el{"model", m.id};
        c.range(el, "params", m.params, 0, inf, true);
        c.range(el, "bytes_per_param", m.bytesPerParam, 0, inf, true);
        // The JSON reader checks these ranges too, but keeps an out-of-range value so that the
        // workbench can open the file and show it to be fixed: validation must catch it again.
        c.range(el, "layers", m.layers, 1, inf);
        c.range(el, "d_model", m.dModel, 1, inf);
        c.range(el, "flops_per_request", m.flopsPerRequest, 0, inf, true);
        c.range(el, "bytes_per_request", m.bytesPerRequest, 0, inf);
        if (m.kind == ModelKind::Transformer && (!m.layers || !m.dModel))
            c.error(el, "a transformer model needs layers and d_model");
        if (m.kind == ModelKind::Generic && !m.flopsPerRequest)
            c.error(el, "a generic model needs flops_per_request");
    }
    for (const Workload& w : sc.workloads) {
        const Element el{"workload", w.id};
        const Model* model = sc.findModel(w.model);
        if (!model)
            c.error(el, "model \"" + w.model + "\" is not defined in models");
        if (!w.precision && w.type() != WorkloadType::Federated)
            c.error(el, "needs a precision (fp64, fp32, tf32, bf16, fp16, fp8, int8)");
        if (const InferenceSpec* s = w.inference()) {
            if (s->sources.empty())
                c.error(el, "has no sources; add at least one {site, rate_per_device}");
            std::unordered_set<std::string_view> listed;
            listed.reserve(s->sources.size());
            for (const RequestSource& src : s->sources) {
                if (!listed.insert(src.site).second)
                    c.error(el, "source site \"" + src.site + "\" is listed twice; give it one entry with the total rate");
                if (!siteExists(src.site))
                    c.error(el, "source site \"" + src.site + "\" is not a site of this scenario");
                c.range(el, "rate_per_device", src.ratePerDevice, 0, inf);
            }
            c.range(el, "request_bytes", s->requestBytes, 0, inf);
            c.range(el, "response_bytes", s->responseBytes, 0, inf);
            c.range(el, "max_batch", s->maxBatch, 1, 1e6);
            c.range(el, "service_cv", s->serviceCv, 0, 100);
            c.range(el, "slo_p95_ms", s->sloP95Ms, 0, inf, true);
            c.range(el, "compute_efficiency", s->computeEfficiency, 0, 1, true);
            c.range(el, "memory_efficiency", s->memoryEfficiency, 0, 1, true);
            c.range(el, "input_tokens", s->inputTokens, 0, inf);
            c.range(el, "output_tokens", s->outputTokens, 0, inf);
            if (model && model->kind == ModelKind::Transformer && (!s->inputTokens || !s->outputTokens))
                c.error(el, "serves a transformer model; give input_tokens and output_tokens");
        } else if (const TrainingSpec* t = w.training()) {
            // The JSON reader checks these too; the GUI edits the scenario directly.
            c.range(el, "tokens", t->tokens, 0, inf, true);
            c.range(el, "seq_len", t->seqLen, 0, inf, true);
            c.range(el, "global_batch_tokens", t->globalBatchTokens, 0, inf, true);
            c.range(el, "mfu", t->mfu, 0, 1, true);
            c.range(el, "sync_interval_steps", t->syncIntervalSteps, 1, 1e9);
            c.range(el, "overlap", t->overlap, 0, 1);
            for (const Dataset& d : t->datasets) {
                if (!siteExists(d.site))
                    c.error(el, "dataset site \"" + d.site + "\" is not a site of this scenario");
                c.range(el, "datasets.bytes", d.bytes, 0, inf);
            }
            if (model && model->kind != ModelKind::Transformer)
                c.error(el, "training needs a transformer model (FLOPs per token follow from its shape)");
        } else if (const FederatedSpec* f = w.federated()) {
            c.range(el, "rounds", f->rounds, 1, 1e8);
            c.range(el, "clients_per_round", f->clientsPerRound, 1, 1e9);
            c.range(el, "local_steps", f->localSteps, 0, inf);
            c.range(el, "samples_per_step", f->samplesPerStep, 0, inf);
            c.range(el, "flops_per_sample", f->flopsPerSample, 0, inf);
            c.range(el, "update_bytes", f->updateBytes, 0, inf);
            c.range(el, "compression", f->compression, 0, 1);
            c.range(el, "mfu", f->mfu, 0, 1, true);
            if (f->clients.empty())
                c.error(el, "has no clients; list the client site ids");
            for (const std::string& cl : f->clients)
                if (!siteExists(cl))
                    c.error(el, "client site \"" + cl + "\" is not a site of this scenario");
            for (const Dataset& d : f->datasets) {
                if (!siteExists(d.site))
                    c.error(el, "dataset site \"" + d.site + "\" is not a site of this scenario");
                c.range(el, "datasets.bytes", d.bytes, 0, inf);
            }
            if (f->clientsPerRound > static_cast<double>(f->clients.size()) && !f->clients.empty())
                c.error(el, "clients_per_round (" + std::to_string(static_cast<long long>(f->clientsPerRound)) +
                                ") is more than the " + std::to_string(f->clients.size()) + " clients listed");
        }
    }
    if (const auto& site = sc.strategies[Strategy::Centralized].site) {
        const Site* s = sc.findSite(*site);
        if (!s)
            c.error("strategy:centralized", "site \"" + *site + "\" is not a site of this scenario");
        else if (s->pools.empty())
            c.error("strategy:centralized", "site \"" + *site + "\" has no accelerator pools; pick a site with compute");
    }
    for (Strategy st : {Strategy::Distributed, Strategy::Hybrid})
        c.range(Element{"strategy", strategyName(st)}, "rho_target", sc.strategies[st].rhoTarget, 0, 1, true);
    for (const Accelerator& a : sc.accelerators) {
        const Element el{"accelerator", a.id};
        for (const auto& [precision, tflops] : a.peakTflops)
            c.range(el, "peak_tflops", tflops, 0, inf, true);
        c.range(el, "memory_gb", a.memoryGb, 0, inf, true);
        c.range(el, "memory_gb_per_s", a.memoryGbPerS, 0, inf, true);
        c.range(el, "interconnect_gb_per_s", a.interconnectGbPerS, 0, inf, true);
        c.range(el, "tdp_w", a.tdpW, 0, inf, true);
        c.range(el, "idle_w", a.idleW, 0, inf);
        c.range(el, "usd_per_hour", a.usdPerHour, 0, inf);
    }
    return out;
}

} // namespace strata::core
