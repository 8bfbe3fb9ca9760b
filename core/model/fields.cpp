// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields.h"

#include "accelerator.h"
#include "link.h"
#include "model.h"
#include "site.h"
#include "workload.h"

#include <cmath>
#include <cstdio>
#include <type_traits>
#include <vector>

namespace strata::core {

std::string formatNumber(double x)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
}

std::string Range::describe() const
{
    std::string s;
    if (std::isfinite(lo) && std::isfinite(hi))
        s = "between " + formatNumber(lo) + (loOpen ? " (exclusive)" : "") + " and " + formatNumber(hi);
    else if (std::isfinite(lo))
        s = (loOpen ? "greater than " : "at least ") + formatNumber(lo);
    else if (std::isfinite(hi))
        s = "at most " + formatNumber(hi);
    else
        s = "a finite number";
    if (!why.empty())
        s += " (" + why + ")";
    return s;
}

std::string valueError(const Range& range, bool whole, double v)
{
    if (!std::isfinite(v))
        return "must be a finite number";
    if (!range.contains(v))
        return "must be " + range.describe() + " (got " + formatNumber(v) + ")";
    if (whole && std::floor(v) != v)
        return "must be a whole number (got " + formatNumber(v) + ")";
    return {};
}

namespace {

template <typename T, auto M>
std::optional<double> getMember(const T& x)
{
    return x.*M;
}

template <typename T, auto M>
void setMember(T& x, std::optional<double> v)
{
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(x.*M)>, double>) {
        if (v)
            x.*M = *v; // a required field is never cleared
    } else {
        x.*M = v;
    }
}

/// A field bound to member M of T; required when M is a plain double.
template <typename T, auto M>
NumberField<T> field(std::string_view key, std::string_view label, std::string_view unit, Range range,
                     std::string_view defaultFrom = {})
{
    NumberField<T> f;
    f.key = key;
    f.label = label;
    f.unit = unit;
    f.range = std::move(range);
    f.required = std::is_same_v<std::remove_cvref_t<decltype(std::declval<T&>().*M)>, double>;
    f.defaultFrom = defaultFrom;
    f.get = &getMember<T, M>;
    f.set = &setMember<T, M>;
    return f;
}

/// A field that appeared in .strata schema \a version (the store adds its column by migration).
template <typename T>
NumberField<T> since(int version, NumberField<T> f)
{
    f.since = version;
    return f;
}

template <typename T>
NumberField<T> whole(NumberField<T> f)
{
    f.whole = true;
    return f;
}

template <typename T>
NumberField<T> withRule(NumberField<T> f, void (*rule)(T&))
{
    f.rule = rule;
    return f;
}

/// A field whose column CHECK states \a released, not its range (see NumberField::stored).
template <typename T>
NumberField<T> storedAs(NumberField<T> f, Range released)
{
    f.stored = std::move(released);
    return f;
}

Range fraction()
{
    return Range::between(0, 1);
}

/// Efficiencies and MFU as schema 1 checks them: above 0, at most 1.
Range share()
{
    return Range::between(0, 1, /*lowOpen=*/true);
}

/// Efficiencies and MFU as read and validated (issue 14): at least 10⁻⁴, since a run at a
/// hundredth of a percent of peak is a typo, and nearer 0 the times overflow.
Range efficiency()
{
    return Range::between(1e-4, 1, false, "at least 0.0001 of peak");
}

} // namespace

std::span<const NumberField<Site>> siteFields()
{
    using S = Site;
    static const std::vector<NumberField<S>> fields = {
        field<S, &S::devices>("devices", "Devices", "", Range::bounded(0, kMaxDevices, false, "more devices than exist on Earth"), "1 (a device group states how many devices it has)"),
        field<S, &S::pue>("pue", "PUE", "", Range::bounded(1, 10, false, "a PUE is facility power / IT power; data centres report 1.05 to 2.5"),
                          "by kind: cloud 1.10, edge 1.40, on-prem 1.60, device 1.00 (docs/model.md §1)"),
        field<S, &S::carbonGPerKwh>("carbon_g_per_kwh", "Grid carbon", "gCO2/kWh",
                                    Range::bounded(0, 5000, false, "coal, the dirtiest source, emits about 1,000"),
                                    "475 gCO2/kWh, the world average (IEA 2019)"),
        field<S, &S::energyUsdPerKwh>("energy_usd_per_kwh", "Energy price", "USD/kWh",
                                      Range::bounded(0, 100, false, "retail prices are below 1 USD/kWh"),
                                      "0.0806 USD/kWh, US industrial average 2023 (EIA)"),
        field<S, &S::availability>("availability", "Availability", "fraction", fraction(),
                                   "by kind: cloud 0.9995, edge and on-prem 0.999, device 0.99"),
        since(4, field<S, &S::wueLPerKwh>("wue_l_per_kwh", "WUE", "L/kWh",
                                          Range::bounded(0, 100, false, "litres of cooling water per kWh of IT energy; reported values are below 10"),
                                          "by kind: cloud 0.12 L/kWh (AWS 2025), edge and on-prem 1.8 L/kWh (US average, "
                                          "LBNL 2016), device 0 (docs/model.md §1)")),
    };
    return fields;
}

std::span<const NumberField<Link>> linkFields()
{
    using L = Link;
    // One source of latency: a typed latency drops the distance (and its route factor), a typed
    // distance drops the latency. The reader does not apply these: a file with both is an error.
    static const std::vector<NumberField<L>> fields = {
        storedAs(field<L, &L::bandwidthGbps>("bandwidth_gbps", "Bandwidth", "Gbit/s",
                                             Range::bounded(kMinBandwidthGbps, 1e7, false, "a link needs at least 1 kbit/s and carries at most 10 Pbit/s")),
                 Range::above(0)),
        withRule(field<L, &L::latencyMs>("latency_ms", "Latency (one way)", "ms", Range::bounded(0, 8.64e7, false, "at most a day"),
                                         "distance_km × 5 µs/km × route_factor"),
                 +[](L& l) {
                     l.distanceKm.reset();
                     l.routeFactor.reset();
                 }),
        withRule(field<L, &L::distanceKm>("distance_km", "Fibre distance", "km", Range::bounded(0, 1e6, false, "farther than the Moon"), "none: give latency_ms"),
                 +[](L& l) { l.latencyMs.reset(); }),
        field<L, &L::routeFactor>("route_factor", "Route factor", "",
                                  Range::bounded(1, 100, false, "a route is never shorter than the straight line"),
                                  "1 (applies only with distance_km)"),
        field<L, &L::energyNjPerBit>("energy_nj_per_bit", "Network energy", "nJ/bit", Range::bounded(0, 1e6), "0"),
        field<L, &L::egressUsdPerGb>("egress_usd_per_gb", "Egress price", "USD/GB", Range::bounded(0, 1e4), "0"),
        field<L, &L::availability>("availability", "Availability", "fraction", fraction(), "1"),
    };
    return fields;
}

std::span<const NumberField<Model>> modelFields()
{
    using M = Model;
    static const std::vector<NumberField<M>> fields = {
        field<M, &M::params>("params", "Parameters", "", Range::bounded(0, 1e15, true, "the largest models have about 2·10¹²")),
        whole(field<M, &M::layers>("layers", "Layers", "", Range::bounded(1, 1e6), "none: a transformer needs it")),
        field<M, &M::dModel>("d_model", "Model width (d_model)", "", Range::bounded(1, 1e7), "none: a transformer needs it"),
        field<M, &M::bytesPerParam>("bytes_per_param", "Bytes per parameter", "B", Range::bounded(0, 64, true, "fp64 weights take 8")),
        field<M, &M::flopsPerRequest>("flops_per_request", "Compute per request", "FLOP", Range::bounded(0, 1e24, true),
                                      "none: a generic model needs it"),
        field<M, &M::bytesPerRequest>("bytes_per_request", "Bytes per request", "B", Range::bounded(0, 1e15), "0"),
        // Issue 15: the attention shape sets the KV cache; a MoE model stores params and uses active_params.
        since(5, whole(field<M, &M::attentionHeads>("attention_heads", "Attention heads", "", Range::bounded(1, 1e5),
                                                   "none: KV cache of multi-head attention, 2 · layers · d_model values per token"))),
        since(5, whole(field<M, &M::kvHeads>("kv_heads", "KV heads", "", Range::bounded(1, 1e5),
                                            "attention_heads (no grouped-query attention)"))),
        since(5, whole(field<M, &M::headDim>("head_dim", "Head width", "", Range::bounded(1, 1e6), "d_model / attention_heads"))),
        since(5, whole(field<M, &M::experts>("experts", "Experts", "", Range::bounded(1, 1e6), "none: a dense model"))),
        since(5, whole(field<M, &M::expertsPerToken>("experts_per_token", "Experts per token", "", Range::bounded(1, 1e6),
                                                    "none: a dense model"))),
        since(5, field<M, &M::activeParams>("active_params", "Active parameters", "", Range::bounded(0, 1e15, true),
                                            "params (a dense model)")),
    };
    return fields;
}

std::span<const NumberField<Accelerator>> acceleratorFields()
{
    using A = Accelerator;
    static const std::vector<NumberField<A>> fields = {
        field<A, &A::memoryGb>("memory_gb", "Memory", "GB", Range::bounded(0, 1e6, true), "estimated (docs/model.md, catalog gaps)"),
        field<A, &A::memoryGbPerS>("memory_gb_per_s", "Memory bandwidth", "GB/s", Range::bounded(0, 1e7, true),
                                   "estimated (docs/model.md, catalog gaps)"),
        field<A, &A::interconnectGbPerS>("interconnect_gb_per_s", "Interconnect", "GB/s", Range::bounded(0, 1e7, true),
                                         "estimated (docs/model.md, catalog gaps)"),
        field<A, &A::tdpW>("tdp_w", "TDP", "W", Range::bounded(0, 1e6, true), "estimated (docs/model.md, catalog gaps)"),
        field<A, &A::idleW>("idle_w", "Idle power", "W", Range::bounded(0, 1e6), "117/700 of TDP (measured H100 SXM5)"),
        field<A, &A::usdPerHour>("usd_per_hour", "Price", "USD/h", Range::bounded(0, 1e6), "estimated (docs/model.md, catalog gaps)"),
    };
    return fields;
}

std::span<const NumberField<InferenceSpec>> inferenceFields()
{
    using I = InferenceSpec;
    static const std::vector<NumberField<I>> fields = {
        field<I, &I::requestBytes>("request_bytes", "Request size", "B", Range::bounded(0, 1e15)),
        field<I, &I::responseBytes>("response_bytes", "Response size", "B", Range::bounded(0, 1e15)),
        field<I, &I::inputTokens>("input_tokens", "Input tokens", "", Range::bounded(0, 1e9), "0; a transformer needs it"),
        field<I, &I::outputTokens>("output_tokens", "Output tokens", "", Range::bounded(0, 1e9), "0; a transformer needs it"),
        whole(field<I, &I::maxBatch>("max_batch", "Max batch", "", Range::between(1, 1e6), "1")),
        field<I, &I::serviceCv>("service_cv", "Service-time CV", "", Range::between(0, 100), "0 (deterministic service)"),
        field<I, &I::sloP95Ms>("slo_p95_ms", "SLO p95", "ms", Range::bounded(0, 8.64e7, true, "at most a day"), "none: no SLO check"),
        storedAs(field<I, &I::computeEfficiency>("compute_efficiency", "Compute efficiency", "fraction", efficiency(), "0.5 (docs/model.md §5)"), share()),
        storedAs(field<I, &I::memoryEfficiency>("memory_efficiency", "Memory efficiency", "fraction", efficiency(), "0.8 (docs/model.md §5)"), share()),
    };
    return fields;
}

std::span<const NumberField<TrainingSpec>> trainingFields()
{
    using T = TrainingSpec;
    static const std::vector<NumberField<T>> fields = {
        storedAs(field<T, &T::tokens>("tokens", "Training tokens", "", Range::bounded(1, 1e18, false, "at least one token")), Range::above(0)),
        storedAs(field<T, &T::seqLen>("seq_len", "Sequence length", "", Range::bounded(1, 1e9, false, "at least one token")), Range::above(0)),
        storedAs(field<T, &T::globalBatchTokens>("global_batch_tokens", "Global batch (tokens)", "",
                                                  Range::bounded(1, 1e15, false, "at least one token")),
                 Range::above(0)),
        storedAs(field<T, &T::mfu>("mfu", "MFU", "fraction", efficiency(), "0.40 (docs/model.md §8)"), share()),
        whole(field<T, &T::syncIntervalSteps>("sync_interval_steps", "Sync every (steps)", "", Range::between(1, 1e9), "1")),
        field<T, &T::overlap>("overlap", "Overlap", "fraction", fraction(), "0 (no all-reduce hidden behind compute)"),
    };
    return fields;
}

std::span<const NumberField<FederatedSpec>> federatedFields()
{
    using F = FederatedSpec;
    static const std::vector<NumberField<F>> fields = {
        whole(field<F, &F::rounds>("rounds", "Rounds", "", Range::between(1, 1e8))),
        whole(field<F, &F::clientsPerRound>("clients_per_round", "Clients per round", "", Range::between(1, 1e9))),
        field<F, &F::localSteps>("local_steps", "Local steps", "", Range::bounded(0, 1e9)),
        field<F, &F::samplesPerStep>("samples_per_step", "Samples per step", "", Range::bounded(0, 1e9)),
        field<F, &F::flopsPerSample>("flops_per_sample", "Compute per sample", "FLOP", Range::bounded(0, 1e21)),
        field<F, &F::updateBytes>("update_bytes", "Update size", "B", Range::bounded(0, 1e15), "the model's weights, N × bytes_per_param"),
        field<F, &F::compression>("compression", "Compression", "fraction", fraction(), "0"),
        storedAs(field<F, &F::mfu>("mfu", "MFU", "fraction", efficiency(), "0.40 (docs/model.md §8)"), share()),
    };
    return fields;
}

} // namespace strata::core
