// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/model.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace strata::views {

/**
 * Defines a model of one's own: a transformer by its shape (parameters, layers, d_model) or a
 * generic model by its FLOP and bytes per request. Values accept units and k/M/G suffixes; OK
 * stays disabled until every required value is valid, and the reason is shown.
 */
class ModelDialog : public QDialog {
    Q_OBJECT
public:
    explicit ModelDialog(const QString& id, QWidget* parent = nullptr);

    /// The model as entered, or nullopt while something is missing or invalid.
    std::optional<core::Model> model() const;
    /// Fills the fields (for tests and for editing an existing model).
    void setValues(const QString& name, core::ModelKind kind, const QString& params, const QString& layers,
                   const QString& dModel, const QString& flopsPerRequest, const QString& bytesPerRequest);

private:
    void validate();

    QString m_id;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_params;
    QLineEdit* m_bytesPerParam;
    QLineEdit* m_layers;
    QLineEdit* m_dModel;
    QLineEdit* m_flops;
    QLineEdit* m_bytes;
    QLabel* m_error;
    QPushButton* m_ok = nullptr;
};

} // namespace strata::views
