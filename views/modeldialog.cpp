// SPDX-License-Identifier: GPL-3.0-or-later
#include "modeldialog.h"

#include "errorstyle.h"

#include "models/unitinput.h"

#include "model/catalog.h"
#include "model/fields.h"
#include "model/scenario.h"
#include "model/validation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::views {

using namespace strata::core;
using models::Quantity;

ModelDialog::ModelDialog(const QString& id, QWidget* parent)
    : QDialog(parent)
    , m_id(id)
{
    setWindowTitle(tr("Define a model"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("e.g. In-house vision model"));
    form->addRow(tr("Name"), m_name);
    m_kind = new QComboBox;
    m_kind->addItem(tr("Transformer (FLOPs from its shape)"), int(ModelKind::Transformer));
    m_kind->addItem(tr("Generic (FLOPs per request given)"), int(ModelKind::Generic));
    form->addRow(tr("Kind"), m_kind);
    m_params = new QLineEdit;
    m_params->setPlaceholderText(tr("parameters, e.g. 7G or 25.6M"));
    form->addRow(tr("Parameters"), m_params);
    m_bytesPerParam = new QLineEdit(QStringLiteral("2"));
    m_bytesPerParam->setToolTip(tr("2 for fp16/bf16 weights, 1 for int8/fp8, 4 for fp32"));
    form->addRow(tr("Bytes per parameter"), m_bytesPerParam);
    m_layers = new QLineEdit;
    m_layers->setPlaceholderText(tr("transformer: number of layers"));
    form->addRow(tr("Layers"), m_layers);
    m_dModel = new QLineEdit;
    m_dModel->setPlaceholderText(tr("transformer: hidden size"));
    form->addRow(tr("d_model"), m_dModel);
    m_flops = new QLineEdit;
    m_flops->setPlaceholderText(tr("generic: FLOP per request, e.g. 7.6G"));
    form->addRow(tr("FLOP per request"), m_flops);
    m_bytes = new QLineEdit;
    m_bytes->setPlaceholderText(tr("generic: activation bytes per request, e.g. 25 MB"));
    form->addRow(tr("Bytes per request"), m_bytes);
    // Optional (issue 15): grouped-query attention and experts, from the field registry, each
    // with its default as the placeholder.
    auto* shapeTitle = new QLabel(tr("<b>Attention and experts</b> (optional, transformer)"));
    form->addRow(shapeTitle);
    for (const NumberField<Model>& f : modelFields()) {
        if (f.since < 5)
            continue;
        auto* e = new QLineEdit;
        e->setPlaceholderText(QString::fromStdString(std::string(f.defaultFrom)));
        e->setToolTip(QString::fromStdString(std::string(f.key)));
        e->setObjectName(QString::fromStdString("shape_" + std::string(f.key)));
        form->addRow(QString::fromStdString(std::string(f.label)), e);
        m_shape.emplace_back(f, e);
    }
    layout->addLayout(form);
    m_error = newErrorLabel();
    m_error->show(); // the dialog says at once what is missing
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (QLineEdit* e : {m_name, m_params, m_bytesPerParam, m_layers, m_dModel, m_flops, m_bytes})
        connect(e, &QLineEdit::textChanged, this, &ModelDialog::validate);
    for (const auto& [f, e] : m_shape)
        connect(e, &QLineEdit::textChanged, this, &ModelDialog::validate);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ModelDialog::validate);
    validate();
}

void ModelDialog::setValues(const QString& name, ModelKind kind, const QString& params, const QString& layers, const QString& dModel,
                            const QString& flopsPerRequest, const QString& bytesPerRequest)
{
    m_name->setText(name);
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    m_params->setText(params);
    m_layers->setText(layers);
    m_dModel->setText(dModel);
    m_flops->setText(flopsPerRequest);
    m_bytes->setText(bytesPerRequest);
    validate();
}

void ModelDialog::setShapeValue(const QString& key, const QString& text)
{
    for (const auto& [f, e] : m_shape)
        if (f.key == key.toStdString())
            e->setText(text);
    validate();
}

namespace {

/// A required positive value of a field; records why not in \a error.
std::optional<double> positive(QLineEdit* e, Quantity q, const QString& what, QString* error)
{
    const models::ParsedQuantity p = models::parseQuantity(e->text(), q);
    if (!p.value) {
        if (error->isEmpty())
            *error = what + QStringLiteral(": ") + p.error;
        return std::nullopt;
    }
    if (*p.value <= 0) {
        if (error->isEmpty())
            *error = what + QObject::tr(": must be greater than 0");
        return std::nullopt;
    }
    return p.value;
}

} // namespace

Model ModelDialog::entered(QString* error) const
{
    Model m;
    m.id = m_id.toStdString();
    m.name = m_name->text().trimmed().toStdString();
    m.kind = ModelKind(m_kind->currentData().toInt());
    const auto params = positive(m_params, Quantity::Plain, tr("Parameters"), error);
    const auto bpp = positive(m_bytesPerParam, Quantity::Plain, tr("Bytes per parameter"), error);
    m.params = params.value_or(0);
    m.bytesPerParam = bpp.value_or(0);
    if (m.kind == ModelKind::Transformer) {
        m.layers = positive(m_layers, Quantity::Plain, tr("Layers"), error);
        m.dModel = positive(m_dModel, Quantity::Plain, tr("d_model"), error);
        for (const auto& [f, e] : m_shape)
            if (!e->text().trimmed().isEmpty())
                f.set(m, positive(e, Quantity::Plain, QString::fromStdString(std::string(f.label)), error));
    } else {
        m.flopsPerRequest = positive(m_flops, Quantity::Plain, tr("FLOP per request"), error);
        m.bytesPerRequest = positive(m_bytes, Quantity::Bytes, tr("Bytes per request"), error);
    }
    if (error->isEmpty()) {
        // The same rules as a file's (ranges, heads that divide, experts that add up): validate the
        // model in a scenario of its own and show its first finding.
        Scenario sc;
        sc.models.push_back(m);
        static const Catalog none; // a lone model names no accelerator
        for (const Diagnostic& d : validateScenario(sc, none))
            if (d.severity == Severity::Error && d.element.kind == ElementKind::Model) {
                *error = QString::fromStdString(d.message);
                break;
            }
    }
    return m;
}

std::optional<Model> ModelDialog::model() const
{
    QString error;
    Model m = entered(&error);
    if (!error.isEmpty())
        return std::nullopt;
    return m;
}

void ModelDialog::validate()
{
    const bool transformer = ModelKind(m_kind->currentData().toInt()) == ModelKind::Transformer;
    m_layers->setEnabled(transformer);
    m_dModel->setEnabled(transformer);
    for (const auto& [f, e] : m_shape)
        e->setEnabled(transformer);
    m_flops->setEnabled(!transformer);
    m_bytes->setEnabled(!transformer);
    QString error;
    entered(&error);
    m_error->setText(error);
    if (m_ok)
        m_ok->setEnabled(error.isEmpty());
}

} // namespace strata::views
