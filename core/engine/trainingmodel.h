// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/engine: training and federated jobs under one strategy (MODEL.md §8–§10).

#include "compiledscenario.h"
#include "evaluation.h"

namespace strata::core {

/**
 * Evaluates the training or federated workload \a w under \a strategy and appends its result to
 * \a out.training, with its data-residency violations to \a out.compliance and its findings to
 * \a out.diagnostics.
 *
 * Training: centralized copies every dataset to the central site and trains there; distributed
 * trains data-parallel over every cloud site with a suitable pool (datasets stay in their
 * jurisdiction where a participating site is), all-reducing gradients every H steps over the worst
 * participating WAN pair; hybrid trains on the on-prem pools and bursts to cloud sites, largest
 * first, while each one added shortens the job, and never moves a dataset out of its jurisdiction.
 * Federated: centralized uploads the clients' raw data and trains centrally; distributed and
 * hybrid run FedAvg rounds whose time is the expected slowest of K clients drawn from n.
 */
void evaluateTrainingWorkload(CompiledScenario& cx, Strategy strategy, const StrategySettings& settings,
                              const Workload& w, StrategyResult& out);

/// Training FLOP per token: 6N (× 4/3 with activation recomputation) + 12·L·s·d.
double trainingFlopsPerToken(const Model& model, double seqLen, bool activationRecompute);

/**
 * Expected maximum of K values drawn without replacement, uniformly, from \a times:
 * \f$ E[\max] = \sum_i t_{(i)} \binom{i-1}{K-1} / \binom{n}{K} \f$ with t sorted ascending.
 */
double expectedMaxOfSubset(std::vector<double> times, long long k);

/**
 * Groups of identical clients, sorted by time, group g holding \a counts[g] clients: the
 * probability that the slowest of K drawn without replacement from all of them is in group g,
 * \f$ [\binom{N_g}{K} - \binom{N_{g-1}}{K}] / \binom{n}{K} \f$ with N_g the clients of groups 0..g.
 * With one client per group it is the weight \f$ \binom{i-1}{K-1} / \binom{n}{K} \f$ above.
 */
std::vector<double> slowestGroupWeights(const std::vector<double>& counts, long long k);

} // namespace strata::core
