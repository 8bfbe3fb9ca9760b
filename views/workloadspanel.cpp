// SPDX-License-Identifier: GPL-3.0-or-later
#include "workloadspanel.h"

#include "errorstyle.h"

#include "sweepmenu.h"

#include "models/elementdefaults.h"
#include "models/projectdocument.h"
#include "models/unitinput.h"
#include "model/fields.h"
#include "model/workloadkind.h"
#include "models/workloadsmodel.h"
#include "views/modeldialog.h"

#include <algorithm>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QScrollArea>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace strata::views {

using namespace strata::core;
using models::Quantity;

WorkloadsPanel::WorkloadsPanel(models::ProjectDocument* document, models::WorkloadsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* buttons = new QHBoxLayout;
    auto* add = new QToolButton;
    add->setObjectName(QStringLiteral("addWorkload"));
    add->setText(tr("Add workload"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(add);
    for (size_t k = 0; k < std::variant_size_v<Workload::Spec>; ++k) { // one entry per workload kind
        const auto type = static_cast<WorkloadType>(k);
        menu->addAction(models::workloadKindUi(type).menuLabel, this, [this, type] { addWorkload(int(type)); });
    }
    add->setMenu(menu);
    buttons->addWidget(add);
    auto* remove = new QPushButton(tr("Delete"));
    connect(remove, &QPushButton::clicked, this, [this] {
        if (!m_current.isEmpty())
            m_document->removeWorkload(m_current);
    });
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("workloadsTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMaximumHeight(140);
    layout->addWidget(m_table);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_formHost = new QWidget;
    m_form = new QFormLayout(m_formHost);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    scroll->setWidget(m_formHost);
    layout->addWidget(scroll, 1);
    m_error = newErrorLabel(QStringLiteral("workloadError"));
    layout->addWidget(m_error);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
        m_current = i.isValid() ? i.data(models::WorkloadsModel::IdRole).toString() : QString();
        rebuildForm();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        // Queued: the reset may come from an editor of the form that is still in its signal.
        QMetaObject::invokeMethod(this, [this] {
        const QString keep = m_current;
        if (m_document->workloadIndex(keep) >= 0)
            selectWorkload(keep);
        else if (m_model->rowCount() > 0)
            selectWorkload(m_model->index(0, 0).data(models::WorkloadsModel::IdRole).toString());
        else {
            m_current.clear();
            rebuildForm();
        }
        }, Qt::QueuedConnection);
    });
    rebuildForm();
}

void WorkloadsPanel::selectWorkload(const QString& id)
{
    const int row = m_document->workloadIndex(id);
    if (row < 0)
        return;
    m_current = id;
    m_table->setCurrentIndex(m_model->index(row, 0));
    rebuildForm();
}

void WorkloadsPanel::addWorkload(int type)
{
    const auto t = static_cast<WorkloadType>(type);
    const models::WorkloadKindUi ui = models::workloadKindUi(t);
    // A new workload starts valid: it gets a model it can run — the scenario's first (a training
    // job: its first transformer, since FLOPs per token follow from the shape), or else a preset
    // that suits the type, added with the workload in one undo step.
    std::optional<Model> newModel;
    std::string modelId;
    const auto& models = m_document->scenario().models;
    auto suitable = std::find_if(models.begin(), models.end(), [&ui](const Model& m) {
        return !ui.needsTransformer || m.kind == ModelKind::Transformer;
    });
    if (suitable != models.end()) {
        modelId = suitable->id;
    } else {
        const auto& presets = models::modelPresets();
        newModel = presets[ui.presetIndex].model;
        newModel->id = m_document->uniqueId(models::ElementKind::Model, QString::fromStdString(newModel->id)).toStdString();
        modelId = newModel->id;
    }
    Workload w = models::defaultWorkload(t, m_document->uniqueId(models::ElementKind::Workload, ui.idStem), QString::fromStdString(modelId));
    const Model* m = newModel ? &*newModel : m_document->scenario().findModel(modelId);
    if (auto* s = std::get_if<InferenceSpec>(&w.spec); s && m && m->kind == ModelKind::Transformer) {
        s->inputTokens = 512;
        s->outputTokens = 256;
        s->sloP95Ms = 10'000;
    }
    // Sources, datasets or clients from the canvas selection, if any.
    const QStringList picked = m_selectedSites ? m_selectedSites() : QStringList();
    for (const QString& site : picked) {
        std::visit(Overloaded{[&](InferenceSpec& s) { s.sources.push_back({site.toStdString(), 0.1}); },
                              [&](TrainingSpec& job) { job.datasets.push_back({site.toStdString(), 1e12}); },
                              [&](FederatedSpec& f) {
                                  f.clients.push_back(site.toStdString());
                                  f.datasets.push_back({site.toStdString(), 1e11});
                              }},
                   w.spec);
    }
    // A federated job needs clients: without a selection, every edge and on-prem site with
    // accelerators takes part (one client per round to start with).
    if (auto* f = std::get_if<FederatedSpec>(&w.spec); f && f->clients.empty()) {
        for (const Site& site : m_document->scenario().sites)
            if ((site.kind == SiteKind::Edge || site.kind == SiteKind::OnPrem) && !site.pools.empty())
                f->clients.push_back(site.id);
    }
    const QString id = m_document->addWorkload(std::move(w), newModel);
    selectWorkload(id);
}

namespace {

/// The file-format name of \a p, as shown and stored in the precision choosers.
QString precisionText(Precision p)
{
    const auto n = precisionName(p);
    return QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
}

/// A registry field of a workload's spec (core/model/fields.h), read and edited through the
/// workload that holds the spec.
struct SpecField {
    std::string_view key;
    QString label;
    Quantity quantity;
    const Range* range;
    bool required;
    bool whole;
    std::string_view defaultFrom;
    std::function<std::optional<double>(const Workload&)> get;
    std::function<void(Workload&, std::optional<double>)> put;
};

template <typename S>
void addSpecFields(std::vector<SpecField>& out, std::span<const NumberField<S>> fields)
{
    for (const NumberField<S>& f : fields) {
        const NumberField<S>* field = &f; // the registry's tables live as long as the program
        out.push_back({f.key, models::fieldLabel(f.label, f.unit), models::quantityOfUnit(f.unit), &f.range, f.required, f.whole,
                       f.defaultFrom,
                       [field](const Workload& w) -> std::optional<double> {
                           if (const S* s = std::get_if<S>(&w.spec))
                               return field->get(*s);
                           return std::nullopt;
                       },
                       [field](Workload& w, std::optional<double> v) {
                           if (S* s = std::get_if<S>(&w.spec))
                               field->edit(*s, v);
                       }});
    }
}

std::vector<SpecField> fieldsOf(WorkloadType type)
{
    std::vector<SpecField> out;
    std::visit([&](const auto& spec) { addSpecFields(out, core::fieldsOf(spec)); }, emptySpecOf(type));
    return out;
}

} // namespace

QWidget* WorkloadsPanel::sitesTable(const Workload& w, const std::function<void(const std::function<void(Workload&)>&)>& commit)
{
    // One row per source (site, devices, rate per device, demand), dataset (site, size) or
    // client (site, local data); the rate or size is edited in place, one undo step per edit.
    const Scenario& sc = m_document->scenario();
    auto* table = new QTableWidget;
    table->setObjectName(QStringLiteral("workload_sites"));
    table->verticalHeader()->hide();
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    const auto* inference = w.inference();
    const std::vector<Dataset>* datasets = w.training() ? &w.training()->datasets : w.federated() ? &w.federated()->datasets : nullptr;
    auto readOnly = [](const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setFlags(Qt::ItemIsEnabled);
        return item;
    };
    if (inference) {
        table->setColumnCount(4);
        table->setHorizontalHeaderLabels({tr("Site"), tr("Devices"), tr("Rate per device (req/s)"), tr("Demand (req/s)")});
        table->setRowCount(static_cast<int>(inference->sources.size()));
        for (size_t i = 0; i < inference->sources.size(); ++i) {
            const RequestSource& r = inference->sources[i];
            const double devices = devicesAt(sc, r.site);
            const int row = static_cast<int>(i);
            table->setItem(row, 0, readOnly(QString::fromStdString(r.site)));
            table->setItem(row, 1, readOnly(QString::number(devices, 'g', 8)));
            table->setItem(row, 2, new QTableWidgetItem(QString::number(r.ratePerDevice, 'g', 8)));
            table->setItem(row, 3, readOnly(QString::number(devices * r.ratePerDevice, 'g', 8)));
        }
    } else {
        const auto* federated = w.federated();
        const int rows = federated ? static_cast<int>(federated->clients.size()) : datasets ? static_cast<int>(datasets->size()) : 0;
        table->setColumnCount(2);
        table->setHorizontalHeaderLabels({tr("Site"), federated ? tr("Local data") : tr("Size")});
        table->setRowCount(rows);
        for (int row = 0; row < rows; ++row) {
            const std::string site = federated ? federated->clients[static_cast<size_t>(row)] : (*datasets)[static_cast<size_t>(row)].site;
            const Dataset* d = nullptr;
            if (datasets)
                for (const Dataset& x : *datasets)
                    if (x.site == site)
                        d = &x;
            table->setItem(row, 0, readOnly(QString::fromStdString(site)));
            auto* size = new QTableWidgetItem(d ? models::formatQuantity(d->bytes, Quantity::Bytes) : QString());
            if (!d && federated)
                size->setToolTip(tr("No data listed for this client: centralized would upload nothing from it"));
            table->setItem(row, 1, size);
        }
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    const int shown = std::clamp(table->rowCount(), 1, 6);
    table->setFixedHeight(table->horizontalHeader()->sizeHint().height() + shown * table->verticalHeader()->defaultSectionSize() + 4);
    if (table->rowCount() == 0)
        table->setToolTip(tr("None yet: select sites on the canvas and use the button below"));
    const int column = inference ? 2 : 1;
    connect(table, &QTableWidget::itemChanged, this, [this, table, column, commit, isInference = inference != nullptr](QTableWidgetItem* item) {
        if (item->column() != column)
            return;
        const size_t row = static_cast<size_t>(item->row());
        const QString site = table->item(item->row(), 0)->text();
        const auto p = models::parseQuantity(item->text(), isInference ? Quantity::Plain : Quantity::Bytes);
        if (!p.value || *p.value < 0) {
            m_error->setText(tr("%1: %2").arg(site, p.value ? tr("must be at least 0") : p.error));
            m_error->show();
            QMetaObject::invokeMethod(this, &WorkloadsPanel::rebuildForm, Qt::QueuedConnection); // back to the value in use
            return;
        }
        m_error->hide();
        const double value = *p.value;
        const std::string id = site.toStdString();
        commit([&](Workload& x) {
            if (auto* s = std::get_if<InferenceSpec>(&x.spec); s && row < s->sources.size()) {
                s->sources[row].ratePerDevice = value;
                return;
            }
            std::vector<Dataset>* list = nullptr;
            if (auto* t = std::get_if<TrainingSpec>(&x.spec))
                list = &t->datasets;
            if (auto* f = std::get_if<FederatedSpec>(&x.spec))
                list = &f->datasets;
            if (!list)
                return;
            for (Dataset& d : *list)
                if (d.site == id) {
                    d.bytes = value;
                    return;
                }
            list->push_back({id, value}); // a federated client without data gets some
        });
    });
    return table;
}

void WorkloadsPanel::rebuildForm()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_error->hide();
    const int index = m_document->workloadIndex(m_current);
    if (index < 0) {
        auto* hint = new QLabel(tr("No workload selected. <b>Add workload</b> creates an inference service, a training job "
                                   "or a federated-learning job; select sites on the canvas first to use them as its "
                                   "sources, datasets or clients."));
        hint->setWordWrap(true);
        m_form->addRow(hint);
        return;
    }
    const Workload w = m_document->scenario().workloads[static_cast<size_t>(index)];
    const QString id = m_current;
    auto commit = [this, id](const std::function<void(Workload&)>& change, std::optional<Model> newModel = std::nullopt) {
        const int i = m_document->workloadIndex(id);
        if (i < 0)
            return;
        Workload copy = m_document->scenario().workloads[static_cast<size_t>(i)];
        change(copy);
        m_document->replaceWorkload(id, copy, std::move(newModel));
    };
    auto* name = new QLineEdit(QString::fromStdString(w.name));
    name->setObjectName(QStringLiteral("workload_name"));
    connect(name, &QLineEdit::editingFinished, this, [commit, name] {
        commit([&](Workload& x) { x.name = name->text().trimmed().toStdString(); });
    });
    m_form->addRow(tr("Name"), name);

    auto* model = new QComboBox;
    model->setObjectName(QStringLiteral("workload_model"));
    for (const Model& m : m_document->scenario().models)
        model->addItem(QString::fromStdString(m.name.empty() ? m.id : m.name + " (" + m.id + ")"), QString::fromStdString(m.id));
    for (const models::ModelPreset& p : models::modelPresets())
        if (!m_document->scenario().findModel(p.model.id)) {
            model->addItem(tr("Preset: %1").arg(p.label), QString::fromStdString(p.model.id));
            model->setItemData(model->count() - 1, p.source, Qt::ToolTipRole);
        }
    model->addItem(tr("Define a model…"), QStringLiteral("__define__"));
    model->setCurrentIndex(model->findData(QString::fromStdString(w.model)));
    connect(model, &QComboBox::activated, this, [this, commit, model](int i) {
        if (model->itemData(i).toString() == QLatin1String("__define__")) {
            ModelDialog dialog(m_document->uniqueId(models::ElementKind::Model, QStringLiteral("model")), this);
            if (dialog.exec() == QDialog::Accepted) {
                if (const auto defined = dialog.model()) {
                    commit([&](Workload& x) {
                        x.model = defined->id;
                        if (auto* s = std::get_if<InferenceSpec>(&x.spec); s && defined->kind == ModelKind::Transformer && !s->inputTokens) {
                            s->inputTokens = 512;
                            s->outputTokens = 256;
                        }
                    }, *defined);
                    return;
                }
            }
            QMetaObject::invokeMethod(this, &WorkloadsPanel::rebuildForm, Qt::QueuedConnection); // back to the model in use
            return;
        }
        const std::string chosen = model->itemData(i).toString().toStdString();
        const models::ModelPreset* preset = nullptr;
        if (!m_document->scenario().findModel(chosen))
            for (const models::ModelPreset& p : models::modelPresets())
                if (p.model.id == chosen)
                    preset = &p;
        // A preset brings the service's fields that belong to its model (tokens, bytes, batch,
        // SLO) in the same undo step, and the status bar says what changed.
        QString changed;
        commit([&](Workload& x) {
            x.model = chosen;
            if (auto* s = std::get_if<InferenceSpec>(&x.spec); s && preset)
                changed = models::applyServingDefaults(*preset, *s);
        }, preset ? std::optional<Model>(preset->model) : std::nullopt);
        if (preset && !changed.isEmpty())
            emit statusMessage(tr("%1 (%2): %3").arg(preset->label, preset->serving.why, changed));
    });
    m_form->addRow(tr("Model"), model);

    // A precision chooser: \a now selected, "default" first when the field may be left out (its
    // data empty), then every precision (\a storageOnly: the storage formats); \a set writes the
    // choice into a copy of the workload, which commit() records as one undo step.
    auto precisionBox = [&](const char* objectName, std::optional<Precision> now, bool withDefault, bool storageOnly,
                            const QString& label, const QString& tip, auto set) {
        auto* box = new QComboBox;
        box->setObjectName(QString::fromLatin1(objectName));
        if (withDefault)
            box->addItem(tr("default"), QString());
        for (Precision p : kAllPrecisions)
            if (!storageOnly || isStorageFormat(p))
                box->addItem(precisionText(p), precisionText(p));
        box->setCurrentIndex(now ? box->findData(precisionText(*now)) : withDefault ? 0 : -1);
        box->setToolTip(tip);
        connect(box, &QComboBox::activated, this, [commit, box, set](int i) {
            const QString chosen = box->itemData(i).toString();
            const std::optional<Precision> p = chosen.isEmpty() ? std::nullopt : parsePrecision(chosen.toStdString());
            commit([&](Workload& x) { set(x, p); });
        });
        m_form->addRow(label, box);
    };
    const models::WorkloadKindUi ui = models::workloadKindUi(w.type());
    precisionBox("workload_precision", w.precision, ui.precisionDefault, false, tr("Precision"),
                 tr("Numeric precision the model runs in: it picks the accelerators' peak FLOP/s"),
                 [](Workload& x, std::optional<Precision> p) { x.precision = p; });
    if (const auto* served = std::get_if<InferenceSpec>(&w.spec)) {
        // How the weights and the KV cache are stored (issue 15).
        auto member = [](std::optional<Precision> InferenceSpec::*field) {
            return [field](Workload& x, std::optional<Precision> p) {
                if (auto* s = std::get_if<InferenceSpec>(&x.spec))
                    s->*field = p;
            };
        };
        precisionBox("workload_weight_precision", served->weightPrecision, true, true, tr("Weights stored as"),
                     tr("How the weights are stored (fp8, int4 …): their bytes and the memory fit. Default: the model's bytes per parameter"),
                     member(&InferenceSpec::weightPrecision));
        precisionBox("workload_kv_cache_precision", served->kvCachePrecision, true, true, tr("KV cache stored as"),
                     tr("How the KV cache is stored: its bytes per value. Default: the precision above"),
                     member(&InferenceSpec::kvCachePrecision));
    }

    for (const SpecField& f : fieldsOf(w.type())) {
        const auto v = f.get(w);
        const QString key = QString::fromUtf8(f.key.data(), static_cast<qsizetype>(f.key.size()));
        auto* e = new QLineEdit(v ? models::formatQuantity(*v, f.quantity) : QString());
        e->setObjectName(QStringLiteral("workload_") + key);
        e->setPlaceholderText(f.required ? QString() : tr("default"));
        if (!f.defaultFrom.empty())
            e->setToolTip(tr("Empty: %1").arg(QString::fromUtf8(f.defaultFrom.data(), static_cast<qsizetype>(f.defaultFrom.size()))));
        const SpecField field = f;
        connect(e, &QLineEdit::editingFinished, this, [this, commit, e, field, key] {
            if (!e->isModified())
                return;
            e->setModified(false);
            std::optional<double> value;
            if (!e->text().trimmed().isEmpty()) {
                const auto p = models::parseQuantity(e->text(), field.quantity);
                // The registry's range, as the file reader and validation apply it: a fraction is
                // at most 1 ("40" for an MFU of 40 % must be typed "40 %" or 0.4).
                const QString why = !p.value ? p.error : models::rangeError(*p.value, *field.range, field.whole, field.quantity);
                if (!why.isEmpty()) {
                    m_error->setText(QStringLiteral("%1: %2").arg(field.label, why));
                    m_error->show();
                    return;
                }
                value = p.value;
            } else if (field.required) {
                m_error->setText(QStringLiteral("%1: %2").arg(field.label, tr("is required")));
                m_error->show();
                return;
            }
            m_error->hide();
            commit([&](Workload& x) { field.put(x, value); });
        });
        // Right-click → Sweep…: the value now, in the file's unit (bytes, ms, a fraction).
        const QString fileUnit = f.quantity == Quantity::Bytes    ? tr("bytes")
                                 : f.quantity == Quantity::TimeMs ? tr("ms")
                                 : f.quantity == Quantity::Percent ? tr("fraction")
                                                                   : QString();
        installSweepMenu(e, QStringLiteral("workloads.%1.%2").arg(id, key), [this, id, field, fileUnit, key] {
            const int i = m_document->workloadIndex(id);
            if (i < 0)
                return;
            const auto now = field.get(m_document->scenario().workloads[static_cast<size_t>(i)]);
            emit sweepRequested(QStringLiteral("workloads.%1.%2").arg(id, key), now.value_or(0), fileUnit);
        });
        m_form->addRow(f.label + (models::unitSymbol(f.quantity).isEmpty() || f.quantity == Quantity::Percent ||
                                          f.quantity == Quantity::Plain
                                      ? QString()
                                      : QStringLiteral(" (%1)").arg(models::unitSymbol(f.quantity))),
                       e);
    }

    if (std::holds_alternative<InferenceSpec>(w.spec)) {
        // The total offered load Σ devices × rate: typing a value scales every source's rate alike.
        const QString path = QStringLiteral("workloads.%1.offered_rps").arg(id);
        auto offeredNow = [this, id]() -> double {
            const Scenario& sc = m_document->scenario();
            const Workload* x = sc.findWorkload(id.toStdString());
            return x && x->inference() ? offeredRps(sc, std::get<InferenceSpec>(x->spec)) : 0.0;
        };
        auto* offered = new QLineEdit(QString::number(offeredNow(), 'g', 6));
        offered->setObjectName(QStringLiteral("workload_offered_rps"));
        offered->setEnabled(!std::get<InferenceSpec>(w.spec).sources.empty());
        connect(offered, &QLineEdit::editingFinished, this, [this, offered, id, path] {
            if (!offered->isModified())
                return;
            offered->setModified(false);
            const auto p = models::parseQuantity(offered->text(), Quantity::Plain);
            if (!p.value || *p.value < 0) {
                m_error->setText(tr("offered load: %1").arg(p.value ? tr("must be at least 0") : p.error));
                m_error->show();
                return;
            }
            if (const QString error = m_document->setWorkloadValue(id, path, *p.value); !error.isEmpty()) {
                m_error->setText(error);
                m_error->show();
                return;
            }
            m_error->hide();
        });
        installSweepMenu(offered, path, [this, path, offeredNow] { emit sweepRequested(path, offeredNow(), tr("req/s")); });
        m_form->addRow(tr("Offered load (req/s)"), offered);
    }

    m_form->addRow(ui.sitesLabel, sitesTable(w, [commit](const std::function<void(Workload&)>& change) { commit(change); }));
    auto* rate = new QLineEdit;
    rate->setObjectName(QStringLiteral("workload_pick_value"));
    rate->setPlaceholderText(ui.pickPlaceholder);
    auto* pick = new QPushButton(tr("Use sites selected on the canvas"));
    pick->setObjectName(QStringLiteral("workload_pick"));
    connect(pick, &QPushButton::clicked, this, [this, commit, rate, ui] {
        const QStringList sites = m_selectedSites ? m_selectedSites() : QStringList();
        if (sites.isEmpty()) {
            m_error->setText(tr("Select one or more sites on the canvas first."));
            m_error->show();
            return;
        }
        const Quantity q = ui.pickQuantity;
        double value = ui.pickDefault;
        if (!rate->text().trimmed().isEmpty()) {
            const auto p = models::parseQuantity(rate->text(), q);
            if (!p.value || *p.value < 0) {
                m_error->setText(tr("value: %1").arg(p.value ? tr("must be at least 0") : p.error));
                m_error->show();
                return;
            }
            value = *p.value;
        }
        m_error->hide();
        commit([&](Workload& x) {
            if (auto* s = std::get_if<InferenceSpec>(&x.spec)) {
                s->sources.clear();
                for (const QString& site : sites)
                    s->sources.push_back({site.toStdString(), value});
            } else if (auto* t = std::get_if<TrainingSpec>(&x.spec)) {
                t->datasets.clear();
                for (const QString& site : sites)
                    t->datasets.push_back({site.toStdString(), value});
            } else if (auto* f = std::get_if<FederatedSpec>(&x.spec)) {
                f->clients.clear();
                f->datasets.clear();
                for (const QString& site : sites) {
                    f->clients.push_back(site.toStdString());
                    f->datasets.push_back({site.toStdString(), value});
                }
            }
        });
    });
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(rate, 1);
    h->addWidget(pick);
    m_form->addRow(QString(), row);
}

} // namespace strata::views
