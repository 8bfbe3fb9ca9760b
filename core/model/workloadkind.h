// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Workload kinds as one interface (issue 13). Each alternative of Workload::Spec is a kind:
// InferenceSpec, TrainingSpec, FederatedSpec. A kind provides
//  - its name in files:             S::kKind ("inference");
//  - whether it needs a precision:  S::kPrecisionRequired;
//  - its numeric fields:            fieldsOf(const S&), the field registry's table;
//  - the sites it names:            forEachSiteList(S&, f), each list of site references;
//  - its evaluation:                engine/evaluator (inference), engine/trainingmodel (jobs).
// Code that differs by kind visits the spec with Overloaded{…}: a visitor that lacks a kind does
// not compile, so the compiler lists every place a new kind must handle. docs/adding.md, "How to
// add a workload kind", walks through it.

#include "fields.h"
#include "workload.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace strata::core {

/// One visitor from several lambdas: std::visit(Overloaded{[](const InferenceSpec&) {…}, …}, w.spec).
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

/// True when a workload of kind \a type must name a precision (S::kPrecisionRequired).
bool precisionRequired(WorkloadType type);

/// The kind named \a name in files ("inference"), or nothing: an unknown kind is an error, never a default.
std::optional<WorkloadType> parseWorkloadType(std::string_view name);

/// The names a file may use, for messages: "inference, training, federated".
const std::string& workloadTypeNames();

/// An empty spec of kind \a type (no lists, required numbers 0), to be filled by a reader.
Workload::Spec emptySpecOf(WorkloadType type);

inline std::span<const NumberField<InferenceSpec>> fieldsOf(const InferenceSpec&) { return inferenceFields(); }
inline std::span<const NumberField<TrainingSpec>> fieldsOf(const TrainingSpec&) { return trainingFields(); }
inline std::span<const NumberField<FederatedSpec>> fieldsOf(const FederatedSpec&) { return federatedFields(); }

/// Calls f(list, siteOf, role) for each list of site references the kind holds: siteOf(entry)
/// gives the entry's site id (a reference, so that it can be renamed); role names what the site is
/// to the workload ("source", "dataset", "client") in messages.
template <class S, class F>
void forEachSiteList(S& spec, F&& f)
{
    using Spec = std::remove_const_t<S>;
    auto site = [](auto& entry) -> auto& { return entry.site; };
    if constexpr (std::is_same_v<Spec, InferenceSpec>) {
        f(spec.sources, site, std::string_view("source"));
    } else if constexpr (std::is_same_v<Spec, TrainingSpec>) {
        f(spec.datasets, site, std::string_view("dataset"));
    } else if constexpr (std::is_same_v<Spec, FederatedSpec>) {
        f(spec.clients, [](auto& id) -> auto& { return id; }, std::string_view("client"));
        f(spec.datasets, site, std::string_view("dataset"));
    } else {
        static_assert(sizeof(Spec) == 0, "a new workload kind must list its site references here");
    }
}

} // namespace strata::core
