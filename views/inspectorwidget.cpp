// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspectorwidget.h"

#include "errorstyle.h"

#include "sweepmenu.h"

#include "model/fields.h"
#include "models/elementdefaults.h"
#include "models/projectdocument.h"
#include "models/unitinput.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::views {

using namespace strata::core;
using models::Quantity;

namespace {


/// Common text of \a values, or nullopt when they differ.
std::optional<QString> common(const std::vector<QString>& values)
{
    if (values.empty())
        return QString();
    for (const QString& v : values)
        if (v != values.front())
            return std::nullopt;
    return values.front();
}

/// A line edit that commits on Enter or when it loses focus.
QLineEdit* lineEdit()
{
    auto* e = new QLineEdit;
    e->setClearButtonEnabled(false);
    return e;
}

/// Commits a plain-text edit when it loses focus.
class FocusOutFilter : public QObject {
public:
    FocusOutFilter(QObject* parent, std::function<void()> onFocusOut)
        : QObject(parent)
        , m_onFocusOut(std::move(onFocusOut))
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::FocusOut)
            m_onFocusOut();
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_onFocusOut;
};

} // namespace

InspectorWidget::InspectorWidget(models::ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel;
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    outer->addWidget(m_title);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_formHost = new QWidget;
    m_form = new QFormLayout(m_formHost);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    scroll->setWidget(m_formHost);
    outer->addWidget(scroll, 1);
    m_error = newErrorLabel(QStringLiteral("inspectorError"));
    outer->addWidget(m_error);

    auto refreshIfMine = [this](const QString& id) {
        if (!m_applying && (m_sites.contains(id) || m_links.contains(id)))
            refreshValues();
    };
    connect(document, &models::ProjectDocument::siteChanged, this, refreshIfMine);
    connect(document, &models::ProjectDocument::linkChanged, this, refreshIfMine);
    connect(document, &models::ProjectDocument::metaChanged, this, [this] {
        if (m_sites.isEmpty() && m_links.isEmpty())
            refreshValues();
    });
    auto dropGone = [this](const QString& id) {
        if (m_sites.removeAll(id) + m_links.removeAll(id) > 0)
            QMetaObject::invokeMethod(this, &InspectorWidget::rebuild, Qt::QueuedConnection);
    };
    connect(document, &models::ProjectDocument::siteRemoved, this, dropGone);
    connect(document, &models::ProjectDocument::linkRemoved, this, dropGone);
    connect(document, &models::ProjectDocument::scenarioReset, this, [this] { setSelection({}, {}); });
    rebuild();
}

void InspectorWidget::setSelection(const QStringList& siteIds, const QStringList& linkIds)
{
    m_sites = siteIds;
    m_links = linkIds;
    rebuild();
}

QWidget* InspectorWidget::editor(const QString& key) const
{
    for (const Field& f : m_fields)
        if (f.key == key)
            return f.editor;
    return nullptr;
}

QString InspectorWidget::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void InspectorWidget::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        emit inputRefused(message);
}

void InspectorWidget::clearForm()
{
    m_fields.clear();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    showError({});
}

void InspectorWidget::rebuild()
{
    clearForm();
    if (!m_sites.isEmpty() && m_links.isEmpty())
        buildSites();
    else if (m_sites.isEmpty() && !m_links.isEmpty())
        buildLinks();
    else if (m_sites.isEmpty() && m_links.isEmpty())
        buildScenario();
    else
        m_title->setText(tr("%n sites and %1 links selected", nullptr, int(m_sites.size())).arg(m_links.size()) +
                         QStringLiteral("\n") + tr("Select only sites or only links to edit them together."));
    refreshValues();
}

void InspectorWidget::refreshValues()
{
    for (const Field& f : m_fields)
        if (f.editor && !f.editor->hasFocus())
            f.refresh();
}

void InspectorWidget::makeSweepable(QWidget* editor, const QString& path, std::function<double()> current, const QString& unit)
{
    installSweepMenu(editor, path, [this, path, current, unit] { emit sweepRequested(path, current(), unit); });
}

void InspectorWidget::addTextField(const QString& key, const QString& label, std::function<std::optional<QString>()> get,
                                   std::function<bool(const QString&, QString*)> set)
{
    // get() returns the text, or nullopt when the selection's values differ.
    QLineEdit* e = lineEdit();
    e->setObjectName(QStringLiteral("field_") + key);
    auto refresh = [e, get] {
        const std::optional<QString> v = get();
        e->setPlaceholderText(v ? QString() : tr("mixed"));
        e->setText(v.value_or(QString()));
        e->setCursorPosition(0); // long names read from their start
        e->setModified(false);
        e->setStyleSheet(QString());
    };
    connect(e, &QLineEdit::editingFinished, this, [this, e, get, set, key] {
        const std::optional<QString> now = get();
        if (!e->isModified() && (now ? e->text() == *now : e->text().isEmpty()))
            return;
        e->setModified(false);
        if (!now && e->text().isEmpty())
            return; // "mixed" left alone
        QString error;
        m_applying = true;
        const bool ok = set(e->text(), &error);
        m_applying = false;
        if (!ok) {
            e->setStyleSheet(QStringLiteral("border: 1px solid %1;").arg(QLatin1String(kErrorColor)));
            showError(QStringLiteral("%1: %2").arg(key, error));
            return;
        }
        e->setStyleSheet(QString());
        showError({});
        refreshValues();
    });
    m_form->addRow(label, e);
    m_fields.push_back({key, e, refresh});
}

void InspectorWidget::buildStrategySettings()
{
    // The three deployments (MODEL.md §3): which are evaluated, the central site of centralized,
    // and ρ_target, the utilization up to which distributed and hybrid fill a site before spilling.
    auto change = [this](const std::function<void(StrategySet&)>& edit, const QString& text) {
        models::ScenarioMeta m = m_document->meta();
        edit(m.strategies);
        if (m.strategies == m_document->meta().strategies && m.strategiesGiven)
            return;
        m.strategiesGiven = true;
        m_applying = true;
        m_document->setMeta(m, text);
        m_applying = false;
        refreshValues();
    };
    auto* heading = new QLabel(tr("<b>Strategies</b>"));
    m_form->addRow(heading);
    auto* row = new QWidget;
    auto* boxes = new QHBoxLayout(row);
    boxes->setContentsMargins(0, 0, 0, 0);
    for (Strategy st : kAllStrategies) {
        const QString name = QString::fromUtf8(strategyName(st).data(), static_cast<int>(strategyName(st).size()));
        auto* box = new QCheckBox(name.left(1).toUpper() + name.mid(1));
        box->setObjectName(QStringLiteral("field_strategy_") + name);
        box->setToolTip(tr("Evaluate the %1 deployment").arg(name));
        boxes->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this, st, box, change, name](bool on) {
            if (m_applying)
                return;
            const Scenario& sc = m_document->scenario();
            int enabled = 0;
            for (Strategy other : kAllStrategies)
                enabled += !sc.strategiesGiven || sc.strategies[other].enabled;
            if (!on && enabled <= 1) { // nothing left to compare: refuse, and say why
                const QSignalBlocker block(box);
                box->setChecked(true);
                showError(tr("strategies: at least one deployment must be evaluated"));
                return;
            }
            showError({});
            change([&](StrategySet& set) {
                if (!m_document->scenario().strategiesGiven)
                    for (Strategy other : kAllStrategies)
                        set[other].enabled = true;
                set[st].enabled = on;
            }, on ? tr("Evaluate %1").arg(name) : tr("Leave out %1").arg(name));
        });
        m_fields.push_back({QStringLiteral("strategy_") + name, box, [this, box, st] {
                                const QSignalBlocker block(box);
                                const Scenario& sc = m_document->scenario();
                                box->setChecked(!sc.strategiesGiven || sc.strategies[st].enabled);
                            }});
    }
    m_form->addRow(tr("Evaluate"), row);

    auto* central = new QComboBox;
    central->setObjectName(QStringLiteral("field_central_site"));
    central->setToolTip(tr("The one site every request goes to, and where all data is copied for training, under centralized"));
    auto fillCentral = [this, central] {
        const QSignalBlocker block(central);
        central->clear();
        central->addItem(tr("Automatic: the cloud site with the most FP16/BF16 FLOP/s"), QString());
        const Scenario& sc = m_document->scenario();
        for (const Site& site : sc.sites)
            if (site.kind == SiteKind::Cloud)
                central->addItem(QString::fromStdString(site.name.empty() ? site.id : site.name + " (" + site.id + ")"),
                                 QString::fromStdString(site.id));
        const auto& chosen = sc.strategies[Strategy::Centralized].site;
        int at = chosen ? central->findData(QString::fromStdString(*chosen)) : 0;
        if (chosen && at < 0) { // a site of another kind named in the file: show it as it is
            central->addItem(QString::fromStdString(*chosen), QString::fromStdString(*chosen));
            at = central->count() - 1;
        }
        central->setCurrentIndex(std::max(0, at));
    };
    connect(central, &QComboBox::activated, this, [central, change](int i) {
        const QString id = central->itemData(i).toString();
        change([&](StrategySet& set) {
            set[Strategy::Centralized].site = id.isEmpty() ? std::nullopt : std::optional<std::string>(id.toStdString());
        }, tr("Choose the central site"));
    });
    m_form->addRow(tr("Central site"), central);
    m_fields.push_back({QStringLiteral("central_site"), central, fillCentral});

    for (Strategy st : {Strategy::Distributed, Strategy::Hybrid}) {
        const QString name = QString::fromUtf8(strategyName(st).data(), static_cast<int>(strategyName(st).size()));
        addTextField(QStringLiteral("rho_") + name, tr("%1 ρ").arg(name.left(1).toUpper() + name.mid(1)),
                     [this, st]() -> std::optional<QString> {
                         // The value in use: MODEL.md's default when the design leaves it out.
                         const auto& rho = m_document->scenario().strategies[st].rhoTarget;
                         return models::formatQuantity(rho.value_or(models::defaultRhoTarget()), Quantity::Percent);
                     },
                     [st, change](const QString& text, QString* error) {
                         std::optional<double> value;
                         if (!text.trimmed().isEmpty()) {
                             const models::ParsedQuantity p = models::parseQuantity(text, Quantity::Percent);
                             if (!p.value) {
                                 *error = p.error;
                                 return false;
                             }
                             if (!(*p.value > 0 && *p.value <= 1)) {
                                 *error = tr("must be above 0 and at most 100 % (type 80 % or 0.8)");
                                 return false;
                             }
                             value = *p.value;
                         }
                         change([&](StrategySet& set) { set[st].rhoTarget = value; }, tr("Set ρ target"));
                         return true;
                     });
        if (QWidget* e = editor(QStringLiteral("rho_") + name))
            e->setToolTip(tr("ρ_target: the utilization up to which %1 fills a site before it spills to the next (empty: the default, 80 %)").arg(name));
    }

    auto* copies = new QCheckBox(tr("Copy training data across borders"));
    copies->setObjectName(QStringLiteral("field_allow_cross_border_copies"));
    copies->setToolTip(tr("Distributed training: let a region with no dataset in its jurisdiction join on data copied "
                          "from another one. Each copy is a data-residency violation. Off: such a region stays out."));
    connect(copies, &QCheckBox::toggled, this, [change](bool on) {
        change([&](StrategySet& set) { set[Strategy::Distributed].allowCrossBorderCopies = on ? std::optional<bool>(true) : std::nullopt; },
               on ? tr("Allow cross-border copies") : tr("Forbid cross-border copies"));
    });
    m_form->addRow(tr("Distributed training"), copies);
    m_fields.push_back({QStringLiteral("allow_cross_border_copies"), copies, [this, copies] {
                            const QSignalBlocker block(copies);
                            copies->setChecked(m_document->scenario().strategies[Strategy::Distributed].allowCrossBorderCopies.value_or(false));
                        }});
}

namespace {

/// Parses a numeric field's text: empty means "not set" when the field is optional.
bool parseField(const QString& text, Quantity q, bool optional, const Range& bounds, bool whole, std::optional<double>* out,
                QString* error)
{
    if (text.trimmed().isEmpty()) {
        if (!optional) {
            *error = QObject::tr("is required");
            return false;
        }
        *out = std::nullopt;
        return true;
    }
    const models::ParsedQuantity p = models::parseQuantity(text, q);
    if (!p.value) {
        *error = p.error;
        return false;
    }
    if (QString why = models::rangeError(*p.value, bounds, whole, q); !why.isEmpty()) {
        *error = why;
        return false;
    }
    *out = p.value;
    return true;
}

QString showValue(const std::optional<double>& v, Quantity q)
{
    return v ? models::formatQuantity(*v, q) : QString();
}

} // namespace

void InspectorWidget::buildScenario()
{
    m_title->setText(tr("Scenario"));
    addTextField(QStringLiteral("scenario_name"), tr("Name"), [this] { return std::optional<QString>(QString::fromStdString(m_document->scenario().name)); },
                 [this](const QString& t, QString*) {
                     models::ScenarioMeta m = m_document->meta();
                     m.name = t.trimmed().toStdString();
                     m_document->setMeta(m, tr("Rename scenario"));
                     return true;
                 });
    addTextField(QStringLiteral("scenario_description"), tr("Description"),
                 [this] { return std::optional<QString>(QString::fromStdString(m_document->scenario().description)); },
                 [this](const QString& t, QString*) {
                     models::ScenarioMeta m = m_document->meta();
                     m.description = t.toStdString();
                     m_document->setMeta(m, tr("Edit description"));
                     return true;
                 });
    auto* notes = new QPlainTextEdit;
    notes->setObjectName(QStringLiteral("field_notes"));
    notes->setPlaceholderText(tr("Notes kept with the project: assumptions, open questions, sources…"));
    notes->setTabChangesFocus(true);
    notes->setMinimumHeight(120);
    notes->installEventFilter(new FocusOutFilter(notes, [this, notes] {
        models::ScenarioMeta m = m_document->meta();
        if (m.notes == notes->toPlainText().toStdString())
            return;
        m.notes = notes->toPlainText().toStdString();
        m_applying = true;
        m_document->setMeta(m, tr("Edit notes"));
        m_applying = false;
    }));
    m_form->addRow(tr("Notes"), notes);
    m_fields.push_back({QStringLiteral("notes"), notes,
                        [this, notes] { notes->setPlainText(QString::fromStdString(m_document->scenario().notes)); }});
    buildStrategySettings();
    const Scenario& sc = m_document->scenario();
    auto* summary = new QLabel(tr("%n sites, %1 links, %2 workloads. Select an element on the canvas to edit it.", nullptr,
                                  int(sc.sites.size()))
                                   .arg(sc.links.size())
                                   .arg(sc.workloads.size()));
    summary->setWordWrap(true);
    summary->setForegroundRole(QPalette::PlaceholderText);
    m_form->addRow(summary);
}

namespace {

const Site* findElement(const models::ProjectDocument& d, const QString& id, const Site*) { return d.site(id); }
const Link* findElement(const models::ProjectDocument& d, const QString& id, const Link*) { return d.link(id); }
void replaceElements(models::ProjectDocument& d, const std::vector<Site>& v, const QString& what) { d.replaceSites(v, what); }
void replaceElements(models::ProjectDocument& d, const std::vector<Link>& v, const QString& what) { d.replaceLinks(v, what); }

} // namespace

/**
 * The fields of the selected sites or links (T): reads a value per element ("mixed" when they
 * differ) and applies an accepted edit to every selected element as one undo step.
 */
template <typename T>
class ElementFields {
public:
    ElementFields(InspectorWidget* widget, QStringList ids, QString pathRoot)
        : m_widget(widget)
        , m_ids(std::move(ids))
        , m_root(std::move(pathRoot))
    {
    }

    const T* find(const QString& id) const { return findElement(*m_widget->m_document, id, static_cast<const T*>(nullptr)); }

    std::optional<QString> texts(const std::function<QString(const T&)>& f) const
    {
        std::vector<QString> v;
        for (const QString& id : m_ids)
            if (const T* x = find(id))
                v.push_back(f(*x));
        return common(v);
    }

    void applyAll(const std::function<void(T&)>& change, const QString& what) const
    {
        std::vector<T> updated;
        for (const QString& id : m_ids)
            if (const T* x = find(id)) {
                T copy = *x;
                change(copy);
                updated.push_back(std::move(copy));
            }
        replaceElements(*m_widget->m_document, updated, what);
    }

    void name(const QString& what) const
    {
        const ElementFields self = *this;
        m_widget->addTextField(QStringLiteral("name"), QObject::tr("Name"),
                               [self] { return self.texts([](const T& x) { return QString::fromStdString(x.name); }); },
                               [self, what](const QString& t, QString*) {
                                   self.applyAll([&](T& x) { x.name = t.trimmed().toStdString(); }, what);
                                   return true;
                               });
    }

    /// A registry field (core/model/fields.h): its range, its rule and its label; with one
    /// element selected it can be swept ("ROOT.ID.KEY").
    void number(const NumberField<T>& f) const
    {
        const ElementFields self = *this;
        const NumberField<T>* field = &f; // the registry's tables live as long as the program
        const QString key = QString::fromUtf8(f.key.data(), static_cast<qsizetype>(f.key.size()));
        const QString label = models::fieldLabel(f.label, f.unit);
        const Quantity q = models::quantityOfUnit(f.unit);
        auto get = [field](const T& x) { return field->get(x); };
        m_widget->addTextField(key, label, [self, get, q] { return self.texts([&](const T& x) { return showValue(get(x), q); }); },
                               [self, field, q, label](const QString& t, QString* error) {
                                   std::optional<double> v;
                                   if (!parseField(t, q, !field->required, field->range, field->whole, &v, error))
                                       return false;
                                   self.applyAll([&](T& x) { field->edit(x, v); }, QObject::tr("Set %1").arg(label.toLower()));
                                   return true;
                               });
        if (!f.defaultFrom.empty())
            if (auto* e = qobject_cast<QLineEdit*>(m_widget->editor(key)))
                e->setToolTip(QObject::tr("Empty: %1").arg(QString::fromUtf8(f.defaultFrom.data(), static_cast<qsizetype>(f.defaultFrom.size()))));
        if (m_ids.size() == 1) {
            const QString id = m_ids.front();
            m_widget->makeSweepable(m_widget->editor(key), QStringLiteral("%1.%2.%3").arg(m_root, id, key), [self, id, get] {
                const T* x = self.find(id);
                return x ? get(*x).value_or(0) : 0.0;
            }, models::unitSymbol(q));
        }
    }

private:
    InspectorWidget* m_widget;
    QStringList m_ids;
    QString m_root;
};

QString InspectorWidget::siteName(const std::string& id) const
{
    const Site* s = m_document->site(QString::fromStdString(id));
    return s && !s->name.empty() ? QString::fromStdString(s->name) : QString::fromStdString(id);
}

QString InspectorWidget::siteTitle(const QString& id) const
{
    const QString name = siteName(id.toStdString());
    return name == id ? id : QStringLiteral("%1 (%2)").arg(name, id);
}

void InspectorWidget::buildSites()
{
    const bool one = m_sites.size() == 1;
    m_title->setText(one ? tr("Site %1").arg(siteTitle(m_sites.front())) : tr("%n sites", nullptr, int(m_sites.size())));
    const ElementFields<Site> fields(this, m_sites, QStringLiteral("sites"));
    auto applyAll = [fields](const std::function<void(Site&)>& change, const QString& what) { fields.applyAll(change, what); };
    auto texts = [fields](const std::function<QString(const Site&)>& f) { return fields.texts(f); };
    if (one)
        fields.name(tr("Rename site"));
    // Kind.
    auto* kind = new QComboBox;
    kind->setObjectName(QStringLiteral("field_kind"));
    for (SiteKind k : {SiteKind::Cloud, SiteKind::Edge, SiteKind::OnPrem, SiteKind::Device}) {
        const auto n = siteKindName(k);
        kind->addItem(models::siteKindLabel(k), QString::fromUtf8(n.data(), static_cast<int>(n.size())));
    }
    connect(kind, &QComboBox::activated, this, [this, kind, applyAll](int i) {
        if (const auto k = parseSiteKind(kind->itemData(i).toString().toStdString()))
            applyAll([&](Site& s) {
                s.kind = *k;
                if (*k == SiteKind::Device && !s.devices)
                    s.devices = 1000;
            }, tr("Change site kind"));
        QMetaObject::invokeMethod(this, &InspectorWidget::rebuild, Qt::QueuedConnection); // fields depend on the kind
    });
    m_form->addRow(tr("Kind"), kind);
    m_fields.push_back({QStringLiteral("kind"), kind, [this, kind] {
                            std::vector<QString> v;
                            for (const QString& id : m_sites)
                                if (const Site* s = m_document->site(id))
                                    v.push_back(QString::fromUtf8(siteKindName(s->kind).data()));
                            const auto c = common(v);
                            kind->setCurrentIndex(c ? kind->findData(*c) : -1);
                        }});
    addTextField(QStringLiteral("jurisdiction"), tr("Jurisdiction"),
                 [texts] { return texts([](const Site& s) { return QString::fromStdString(s.jurisdiction); }); },
                 [applyAll](const QString& t, QString* error) {
                     const QString j = t.trimmed();
                     if (j.size() > 40) {
                         *error = tr("is at most 40 characters (e.g. EU, US, DE-BY)");
                         return false;
                     }
                     applyAll([&](Site& s) { s.jurisdiction = j.toStdString(); }, tr("Set jurisdiction"));
                     return true;
                 });
    const bool allDevices = std::all_of(m_sites.begin(), m_sites.end(), [this](const QString& id) {
        const Site* s = m_document->site(id);
        return s && s->kind == SiteKind::Device;
    });
    for (const NumberField<Site>& f : siteFields())
        if (f.key != "devices" || allDevices) // only a device group has a population
            fields.number(f);
    if (one)
        addPoolRows();
}

void InspectorWidget::addPoolRows()
{
    const Site* s = m_document->site(m_sites.front());
    if (!s)
        return;
    auto* header = new QLabel(s->pools.empty() ? tr("<b>Pools</b> — drag an accelerator from the palette onto this site")
                                               : tr("<b>Pools</b>"));
    header->setWordWrap(true);
    m_form->addRow(header);
    for (size_t i = 0; i < s->pools.size(); ++i) {
        const Pool& p = s->pools[i];
        const Accelerator* a = m_document->accelerator(p.accelerator);
        const QString name = a ? QString::fromStdString(a->vendor + " " + a->model) : QString::fromStdString(p.accelerator);
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* count = new QSpinBox;
        count->setObjectName(QStringLiteral("pool_count_%1").arg(i));
        count->setRange(0, 100'000'000);
        count->setSuffix(QStringLiteral(" ×"));
        count->setKeyboardTracking(false);
        h->addWidget(count, 1);
        auto* remove = new QToolButton;
        remove->setText(QStringLiteral("✕"));
        remove->setToolTip(tr("Remove this pool"));
        h->addWidget(remove);
        const QString siteId = m_sites.front();
        connect(count, &QSpinBox::valueChanged, this, [this, siteId, i](int v) {
            const Site* now = m_document->site(siteId);
            if (!now || i >= now->pools.size() || now->pools[i].count == v)
                return;
            Site copy = *now;
            copy.pools[i].count = v;
            m_applying = true;
            m_document->replaceSite(siteId, copy, tr("Set pool size"));
            m_applying = false;
        });
        connect(remove, &QToolButton::clicked, this, [this, siteId, i] {
            const Site* now = m_document->site(siteId);
            if (!now || i >= now->pools.size())
                return;
            Site copy = *now;
            copy.pools.erase(copy.pools.begin() + static_cast<long>(i));
            m_document->replaceSite(siteId, copy, tr("Remove pool"));
            QMetaObject::invokeMethod(this, &InspectorWidget::rebuild, Qt::QueuedConnection);
        });
        m_form->addRow(name, row);
        makeSweepable(count, QStringLiteral("sites.%1.pools.%2.count").arg(siteId).arg(i), [this, siteId, i] {
            const Site* now = m_document->site(siteId);
            return now && i < now->pools.size() ? static_cast<double>(now->pools[i].count) : 0.0;
        }, tr("accelerators"));
        m_fields.push_back({QStringLiteral("pool_%1").arg(i), count, [this, siteId, i, count] {
                                const Site* now = m_document->site(siteId);
                                if (now && i < now->pools.size()) {
                                    const QSignalBlocker block(count);
                                    count->setValue(static_cast<int>(now->pools[i].count));
                                }
                            }});
    }
}

void InspectorWidget::buildLinks()
{
    const bool one = m_links.size() == 1;
    if (one) {
        const Link* l = m_document->link(m_links.front());
        // People read names; the id follows in parentheses for the file and the CLI.
        m_title->setText(l ? tr("Link %1 – %2 (%3)").arg(siteName(l->a), siteName(l->b), m_links.front())
                           : QString());
    } else {
        m_title->setText(tr("%n links", nullptr, int(m_links.size())));
    }
    const ElementFields<Link> fields(this, m_links, QStringLiteral("links"));
    auto applyAll = [fields](const std::function<void(Link&)>& change, const QString& what) { fields.applyAll(change, what); };
    if (one)
        fields.name(tr("Rename link"));
    auto* kind = new QComboBox;
    kind->setObjectName(QStringLiteral("field_link_kind"));
    for (LinkKind k : {LinkKind::Lan, LinkKind::Metro, LinkKind::Wan, LinkKind::Cellular5G, LinkKind::Cellular4G, LinkKind::Wifi,
                       LinkKind::Satellite}) {
        const auto n = linkKindName(k);
        kind->addItem(QString::fromUtf8(n.data(), static_cast<int>(n.size())));
    }
    connect(kind, &QComboBox::activated, this, [this, kind, applyAll](int i) {
        if (const auto k = parseLinkKind(kind->itemText(i).toStdString()))
            applyAll([&](Link& l) { l.kind = *k; }, tr("Change link kind"));
        refreshValues();
    });
    m_form->addRow(tr("Kind"), kind);
    m_fields.push_back({QStringLiteral("link_kind"), kind, [this, kind] {
                            std::vector<QString> v;
                            for (const QString& id : m_links)
                                if (const Link* l = m_document->link(id))
                                    v.push_back(QString::fromUtf8(linkKindName(l->kind).data()));
                            const auto c = common(v);
                            kind->setCurrentIndex(c ? kind->findText(*c) : -1);
                        }});
    for (const NumberField<Link>& f : linkFields())
        fields.number(f);
}

} // namespace strata::views
