// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fields.h"
#include "model/model.h"

#include <QDialog>

#include <optional>
#include <utility>
#include <vector>

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
    /// Fills one of the optional attention-shape and expert fields by its file key (e.g. "kv_heads").
    void setShapeValue(const QString& key, const QString& text);

private:
    void validate();
    /// The entered values; \a error receives the first reason the model is not valid.
    core::Model entered(QString* error) const;

    QString m_id;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_params;
    QLineEdit* m_bytesPerParam;
    QLineEdit* m_layers;
    QLineEdit* m_dModel;
    QLineEdit* m_flops;
    QLineEdit* m_bytes;
    /// The registry's optional transformer fields since schema 5 (attention shape, experts).
    std::vector<std::pair<core::NumberField<core::Model>, QLineEdit*>> m_shape;
    QLabel* m_error;
    QPushButton* m_ok = nullptr;
};

} // namespace strata::views
