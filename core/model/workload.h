// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "precision.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace strata::core {

/// A device or site that sends requests: λ = devices × ratePerDevice (Poisson).
struct RequestSource {
    std::string site;
    double ratePerDevice = 0; ///< requests per second per device

    bool operator==(const RequestSource&) const = default;
};

/// Bytes of data that live at a site.
struct Dataset {
    std::string site;
    double bytes = 0;

    bool operator==(const Dataset&) const = default;
};

/// An online inference service (MODEL.md §2).
struct InferenceSpec {
    static constexpr std::string_view kKind = "inference"; ///< the kind's name in files
    static constexpr bool kPrecisionRequired = true;       ///< the workload must name a precision
    std::vector<RequestSource> sources;
    double requestBytes = 0;
    double responseBytes = 0;
    std::optional<double> inputTokens;
    std::optional<double> outputTokens;
    std::optional<double> maxBatch;          ///< default 1
    std::optional<double> serviceCv;         ///< default 0
    std::optional<double> sloP95Ms;
    std::optional<double> computeEfficiency; ///< default 0.5
    std::optional<double> memoryEfficiency;  ///< default 0.8
    /// How the weights are stored (issue 15): sets their bytes and the memory fit; default: the
    /// model's bytes_per_param.
    std::optional<Precision> weightPrecision;
    /// How the KV cache is stored; default: the workload's (compute) precision.
    std::optional<Precision> kvCachePrecision;

    bool operator==(const InferenceSpec&) const = default;
};

/// A training job (MODEL.md §2, §8).
struct TrainingSpec {
    static constexpr std::string_view kKind = "training";
    static constexpr bool kPrecisionRequired = true;
    double tokens = 0;
    double seqLen = 0;
    double globalBatchTokens = 0;
    std::optional<double> mfu;               ///< default 0.40
    std::optional<bool> activationRecompute; ///< default false
    std::optional<double> syncIntervalSteps; ///< H, default 1
    std::optional<double> overlap;           ///< share of all-reduce hidden behind compute, default 0
    std::vector<Dataset> datasets;

    bool operator==(const TrainingSpec&) const = default;
};

/// A federated-learning job (FedAvg rounds; MODEL.md §2, §8).
struct FederatedSpec {
    static constexpr std::string_view kKind = "federated";
    static constexpr bool kPrecisionRequired = false; ///< the clients' precision: their pools' best
    std::vector<std::string> clients; ///< client site ids
    double rounds = 0;
    double clientsPerRound = 0;
    double localSteps = 0;
    double samplesPerStep = 0;
    double flopsPerSample = 0;
    std::optional<double> updateBytes;  ///< default N × bytes_per_param
    std::optional<double> compression;  ///< 0..1, default 0
    std::optional<double> mfu;          ///< default 0.40
    std::vector<Dataset> datasets;      ///< raw data per client (what centralized would upload)

    bool operator==(const FederatedSpec&) const = default;
};

enum class WorkloadType { Inference, Training, Federated };

std::string_view workloadTypeName(WorkloadType type);

/// One workload of a scenario; its type is the alternative its spec holds.
struct Workload {
    std::string id;
    std::string name;
    std::string model;                 ///< model id
    std::optional<Precision> precision;
    /// The kinds, in WorkloadType order (core/model/workloadkind.h: how a kind is handled).
    using Spec = std::variant<InferenceSpec, TrainingSpec, FederatedSpec>;
    Spec spec;

    WorkloadType type() const { return static_cast<WorkloadType>(spec.index()); }
    const InferenceSpec* inference() const { return std::get_if<InferenceSpec>(&spec); }
    const TrainingSpec* training() const { return std::get_if<TrainingSpec>(&spec); }
    const FederatedSpec* federated() const { return std::get_if<FederatedSpec>(&spec); }

    bool operator==(const Workload&) const = default;
};

} // namespace strata::core
