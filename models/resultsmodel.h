// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/comparison.h"
#include "models/evaluationservice.h"

#include <QAbstractItemModel>

#include <memory>

namespace strata::models {

/**
 * The live comparison as a two-level tree: one top row per workload, under it one row per metric
 * (core::compareStrategies); column 0 is the metric with its unit, then one column per strategy.
 * The winner of each row is bold and marked "★"; a partial value ends in "+".
 */
class ResultsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        RowKeyRole = Qt::UserRole + 1, ///< QString: the metric's key (core::formulaOf)
        WorkloadRole,                  ///< QString: the workload id
        StrategyIndexRole,             ///< int: index into Evaluation::results, -1 in column 0
        WinnerRole,                    ///< bool
        ValueRole,                     ///< double in the row's unit, or invalid
    };

    explicit ResultsModel(QObject* parent = nullptr);

    void setSnapshot(std::shared_ptr<const EvaluationSnapshot> snapshot);
    std::shared_ptr<const EvaluationSnapshot> snapshot() const { return m_snapshot; }
    const std::vector<core::WorkloadComparison>& comparison() const { return m_comparison; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The breakdown behind the number of \a rowKey for \a workload under the strategy in column
    /// \a strategyIndex + 1 (core::explainValue, elements by name).
    core::Explanation explain(const QString& workload, int strategyIndex, const QString& rowKey) const;
    /// The name of workload \a id as people read it (its id when it has none).
    QString workloadName(const QString& id) const;

    /// The text a cell shows: its value with marks, or its text; an element (a bottleneck) by its
    /// name where the CLI table shows its id.
    QString cellText(const core::ComparisonRow& row, const core::ComparisonCell& cell) const;

private:
    std::shared_ptr<const EvaluationSnapshot> m_snapshot;
    std::vector<core::WorkloadComparison> m_comparison;
    int m_strategies = 0;
};

} // namespace strata::models
