// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"
#include "model/strategy.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

template <typename T>
class QFutureWatcher;

namespace strata::models {

/// One step of a GUI sweep, summarised for the chosen workload: one entry per evaluated strategy.
struct SweepPoint {
    double value = 0;
    std::vector<std::optional<double>> p95Ms;       ///< inference: empty when saturated
    std::vector<std::optional<double>> meanMs;
    std::vector<std::optional<double>> capacityRps;
    std::vector<std::optional<double>> throughputRps;
    std::vector<bool> saturated;
    std::vector<std::optional<double>> timeDays;    ///< training and federated jobs
    std::vector<std::optional<double>> efficiency;  ///< training: scaling efficiency, 0–1
    /// Every numeric row of core::compareStrategies for the workload, [metric][strategy], in the
    /// order and units of SweepOutcome::metrics: for "any chosen metric" against the parameter.
    std::vector<std::vector<std::optional<double>>> metricValues;
};

/// A numeric comparison row that a sweep keeps per step.
struct SweepMetric {
    QString key;   ///< core::ComparisonRow::key, e.g. "energy_per_request"
    QString label; ///< "energy"
    QString unit;  ///< "J/request"; empty for ratios
};

/// A finished (or cancelled) sweep.
struct SweepOutcome {
    QString path;     ///< what was swept: the path, or the label of a custom setter
    QString workload;
    std::vector<core::Strategy> strategies;
    std::vector<SweepMetric> metrics; ///< the rows of SweepPoint::metricValues
    std::vector<SweepPoint> points; ///< in parameter order
    QString error;
    bool cancelled = false;
    double elapsedMs = 0;
};

/// What to sweep.
struct SweepRequest {
    core::Scenario scenario;
    QString path;
    QString workload;
    double from = 0;
    double to = 0;
    int steps = 20;
    bool logarithmic = false;
    /// Sets the value instead of \a path, which then only labels it (see core::SweepOptions).
    std::function<std::string(core::Scenario&, double&)> setter;
};

/**
 * Runs core::runSweep on a worker thread (ARCHITECTURE.md, Threads) with progress and Cancel,
 * keeping only a summary of each step for the chosen workload, and delivers the outcome by
 * queued signal.
 */
class SweepService : public QObject {
    Q_OBJECT
public:
    explicit SweepService(QObject* parent = nullptr);
    ~SweepService() override;

    bool running() const { return m_running; }
    /// Starts a sweep; refused (false) while one runs.
    bool start(SweepRequest request);
    /// Asks the running sweep to stop; finished() follows with cancelled set.
    void cancel();

    /// The same summary, computed synchronously (for tests and small sweeps).
    static SweepOutcome run(const SweepRequest& request, const std::atomic<bool>* cancel = nullptr,
                            const std::function<void(int, int)>& progress = {});

signals:
    void progress(int done, int total);
    void finished(const strata::models::SweepOutcome& outcome);

private:
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
    QFutureWatcher<SweepOutcome>* m_watcher;
};

/// Index of the metric \a key in \a outcome, or −1.
int metricIndex(const SweepOutcome& outcome, const QString& key);

/// The outcome as CSV: one row per step; for every metric one column per strategy, with units in
/// the header.
QString sweepCsv(const SweepOutcome& outcome);

/// What a sweep path sets, as people read it: "Bandwidth of link Edge NYC – US East" for
/// links.ID.bandwidth_gbps (the path itself when it names no element of \a scenario).
QString describePath(const core::Scenario& scenario, const QString& path);

} // namespace strata::models
