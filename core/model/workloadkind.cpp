// SPDX-License-Identifier: GPL-3.0-or-later
#include "workloadkind.h"

#include <array>
#include <utility>

namespace strata::core {

namespace {

// WorkloadType is the index of the kind in Workload::Spec.
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<size_t>(WorkloadType::Inference), Workload::Spec>, InferenceSpec>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<size_t>(WorkloadType::Training), Workload::Spec>, TrainingSpec>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<size_t>(WorkloadType::Federated), Workload::Spec>, FederatedSpec>);

/// S::kKind of each alternative of Workload::Spec, in variant order.
template <size_t... I>
constexpr std::array<std::string_view, sizeof...(I)> kindNames(std::index_sequence<I...>)
{
    return {std::variant_alternative_t<I, Workload::Spec>::kKind...};
}

constexpr auto kNames = kindNames(std::make_index_sequence<std::variant_size_v<Workload::Spec>>());

template <size_t... I>
Workload::Spec emptyOf(size_t index, std::index_sequence<I...>)
{
    Workload::Spec out;
    ((index == I ? (out.emplace<I>(), true) : false) || ...);
    return out;
}

} // namespace

std::string_view workloadTypeName(WorkloadType type)
{
    const auto i = static_cast<size_t>(type);
    return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

bool precisionRequired(WorkloadType type)
{
    return std::visit([](const auto& spec) { return spec.kPrecisionRequired; }, emptySpecOf(type));
}

std::optional<WorkloadType> parseWorkloadType(std::string_view name)
{
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name)
            return static_cast<WorkloadType>(i);
    return std::nullopt;
}

const std::string& workloadTypeNames()
{
    static const std::string names = [] {
        std::string s;
        for (std::string_view n : kNames)
            s += (s.empty() ? "" : ", ") + std::string(n);
        return s;
    }();
    return names;
}

Workload::Spec emptySpecOf(WorkloadType type)
{
    return emptyOf(static_cast<size_t>(type), std::make_index_sequence<std::variant_size_v<Workload::Spec>>());
}

} // namespace strata::core
