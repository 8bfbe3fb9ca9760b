// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocument.h"

#include "io/catalogreader.h"
#include "io/scenariojson.h"
#include "model/scenariopath.h"
#include "model/workloadkind.h"
#include "models/elementdefaults.h"

#include <QFileInfo>
#include <QSet>
#include <QUndoStack>

#include <algorithm>
#include <set>

namespace strata::models {

using namespace strata::core;

namespace {

/// Hands out ids "stem-N" that no element of a list uses yet.
class IdAllocator {
public:
    template <typename T>
    explicit IdAllocator(const std::vector<T>& list)
    {
        for (const T& x : list)
            m_used.insert(x.id);
    }
    std::string next(std::string stem)
    {
        // "edge-3" copies as "edge-4", not "edge-3-1".
        const auto dash = stem.find_last_of('-');
        if (dash != std::string::npos && dash + 1 < stem.size() &&
            std::all_of(stem.begin() + static_cast<long>(dash) + 1, stem.end(), [](char c) { return c >= '0' && c <= '9'; }))
            stem.resize(dash);
        if (stem.empty())
            stem = "element";
        for (int n = 1;; ++n) {
            std::string id = stem + "-" + std::to_string(n);
            if (m_used.insert(id).second)
                return id;
        }
    }

private:
    std::set<std::string> m_used;
};

const std::string& idOf(const Element& e)
{
    return std::visit([](const auto& x) -> const std::string& { return x.id; }, e);
}

template <typename T>
int indexIn(const std::vector<T>& list, const std::string& id)
{
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].id == id)
            return static_cast<int>(i);
    return -1;
}

/// The workload without any reference to the sites in \a gone; true when something was dropped.
bool dropSiteReferences(Workload& w, const std::set<std::string>& gone)
{
    bool changed = false;
    auto dropIf = [&](auto& list, auto siteOf) {
        const auto before = list.size();
        list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& x) { return gone.count(siteOf(x)) > 0; }), list.end());
        changed |= list.size() != before;
    };
    std::visit([&](auto& spec) { forEachSiteList(spec, [&](auto& list, auto siteOf, std::string_view) { dropIf(list, siteOf); }); },
               w.spec);
    return changed;
}

} // namespace

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

ProjectDocument::~ProjectDocument() = default;

QString ProjectDocument::displayName() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return m_scenario.name.empty() ? tr("Untitled") : QString::fromStdString(m_scenario.name);
}

bool ProjectDocument::isModified() const
{
    return !m_undo->isClean();
}

void ProjectDocument::reset(Scenario scenario, const QString& filePath)
{
    m_undo->clear();
    // Sites without a position (a JSON file with no layout) get one, so that moving and undoing
    // them behaves like any other site. They are laid out the way architecture diagrams read,
    // in columns from the devices through edge and on-prem sites to the cloud, with room between
    // the columns for link labels; to the right of any sites already placed. Layout only: the
    // project is not modified.
    double right = -1e300;
    for (const Site& site : scenario.sites)
        if (site.position)
            right = std::max(right, site.position->x);
    const double left = right > -1e300 ? right + 400 : 0;
    auto column = [](SiteKind kind) {
        switch (kind) {
        case SiteKind::Device: return 0;
        case SiteKind::Edge: return 1;
        case SiteKind::OnPrem: return 2;
        case SiteKind::Cloud: return 3;
        }
        return 3;
    };
    int rows[4] = {0, 0, 0, 0};
    for (Site& site : scenario.sites)
        if (!site.position) {
            const int c = column(site.kind);
            site.position = Position{left + c * kLayoutColumn, rows[c]++ * kLayoutRow};
        }
    m_scenario = std::move(scenario);
    m_indexValid = false;
    setFilePath(filePath);
    m_undo->setClean();
    emit scenarioReset();
    emit modifiedChanged(false);
    emit changed();
}

void ProjectDocument::setFilePath(const QString& path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(path);
}

void ProjectDocument::markSaved()
{
    m_undo->setClean();
}

void ProjectDocument::rebuildIndex() const
{
    if (m_indexValid)
        return;
    m_siteIndex.clear();
    m_linkIndex.clear();
    for (size_t i = 0; i < m_scenario.sites.size(); ++i)
        m_siteIndex.insert(QString::fromStdString(m_scenario.sites[i].id), static_cast<int>(i));
    for (size_t i = 0; i < m_scenario.links.size(); ++i)
        m_linkIndex.insert(QString::fromStdString(m_scenario.links[i].id), static_cast<int>(i));
    m_indexValid = true;
}

int ProjectDocument::siteIndex(const QString& id) const
{
    rebuildIndex();
    return m_siteIndex.value(id, -1);
}

int ProjectDocument::linkIndex(const QString& id) const
{
    rebuildIndex();
    return m_linkIndex.value(id, -1);
}

int ProjectDocument::workloadIndex(const QString& id) const
{
    return indexIn(m_scenario.workloads, id.toStdString());
}

const Site* ProjectDocument::site(const QString& id) const
{
    const int i = siteIndex(id);
    return i < 0 ? nullptr : &m_scenario.sites[static_cast<size_t>(i)];
}

const Link* ProjectDocument::link(const QString& id) const
{
    const int i = linkIndex(id);
    return i < 0 ? nullptr : &m_scenario.links[static_cast<size_t>(i)];
}

QStringList ProjectDocument::linksOf(const QStringList& siteIds) const
{
    std::set<std::string> ids;
    for (const QString& s : siteIds)
        ids.insert(s.toStdString());
    QStringList out;
    for (const Link& l : m_scenario.links)
        if (ids.count(l.a) || ids.count(l.b))
            out << QString::fromStdString(l.id);
    return out;
}

QString ProjectDocument::uniqueId(ElementKind kind, const QString& stem) const
{
    switch (kind) {
    case ElementKind::Site: return QString::fromStdString(IdAllocator(m_scenario.sites).next(stem.toStdString()));
    case ElementKind::Link: return QString::fromStdString(IdAllocator(m_scenario.links).next(stem.toStdString()));
    case ElementKind::Workload: return QString::fromStdString(IdAllocator(m_scenario.workloads).next(stem.toStdString()));
    case ElementKind::Model: return QString::fromStdString(IdAllocator(m_scenario.models).next(stem.toStdString()));
    }
    return {};
}

void ProjectDocument::push(const QString& text, std::vector<ElementEdit> edits,
                           std::optional<std::pair<ScenarioMeta, ScenarioMeta>> meta, const QString& mergeKey)
{
    if (edits.empty() && !meta)
        return;
    auto* command = new ScenarioEditCommand(this, text, std::move(edits), std::move(meta));
    if (!mergeKey.isEmpty())
        command->setMergeKey(mergeKey);
    m_undo->push(command); // runs redo()
}

QString ProjectDocument::addSite(SiteKind kind, QPointF position)
{
    static const char* const stems[] = {"cloud", "edge", "onprem", "devices"};
    const QString id = uniqueId(ElementKind::Site, QString::fromLatin1(stems[static_cast<int>(kind)]));
    const int number = id.section(QLatin1Char('-'), -1).toInt();
    Site s = defaultSite(kind, id, number);
    s.position = Position{position.x(), position.y()};
    push(tr("Add %1").arg(siteKindLabel(kind).toLower()),
         {ElementEdit{ElementKind::Site, static_cast<int>(m_scenario.sites.size()), std::nullopt, Element(std::move(s))}});
    return id;
}

QString ProjectDocument::addLink(const QString& a, const QString& b)
{
    const Site* sa = site(a);
    const Site* sb = site(b);
    if (!sa || !sb || a == b)
        return {};
    for (const Link& l : m_scenario.links)
        if ((l.a == sa->id && l.b == sb->id) || (l.a == sb->id && l.b == sa->id))
            return {};
    Link l = defaultLink(sa->kind, sb->kind);
    l.id = uniqueId(ElementKind::Link, QStringLiteral("link")).toStdString();
    l.a = sa->id;
    l.b = sb->id;
    const QString id = QString::fromStdString(l.id);
    push(tr("Add link %1 – %2").arg(a, b),
         {ElementEdit{ElementKind::Link, static_cast<int>(m_scenario.links.size()), std::nullopt, Element(std::move(l))}});
    return id;
}

void ProjectDocument::addAccelerators(const QString& siteId, const QString& acceleratorId, long long count)
{
    const Site* s = site(siteId);
    if (!s || count <= 0)
        return;
    Site updated = *s;
    auto it = std::find_if(updated.pools.begin(), updated.pools.end(),
                           [&](const Pool& p) { return p.accelerator == acceleratorId.toStdString(); });
    if (it != updated.pools.end())
        it->count += count;
    else
        updated.pools.push_back(Pool{acceleratorId.toStdString(), count});
    replaceSite(siteId, updated, tr("Add %1× %2 to %3").arg(count).arg(acceleratorId, siteId));
}

void ProjectDocument::moveSites(const QHash<QString, QPointF>& positions, const QString& mergeKey)
{
    std::vector<std::pair<int, QPointF>> moves;
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        const int i = siteIndex(it.key());
        if (i >= 0)
            moves.emplace_back(i, it.value());
    }
    std::sort(moves.begin(), moves.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<ElementEdit> edits;
    for (const auto& [i, p] : moves) {
        const Site& before = m_scenario.sites[static_cast<size_t>(i)];
        Site after = before;
        after.position = Position{p.x(), p.y()};
        if (after == before)
            continue;
        edits.push_back(ElementEdit{ElementKind::Site, i, Element(before), Element(std::move(after))});
    }
    // The text is made before the edits are moved into the call: argument order is unspecified,
    // and reading edits.size() in the same call once gave "Move 0 sites".
    QString text;
    if (edits.size() == 1) {
        const Site& site = m_scenario.sites[static_cast<size_t>(edits.front().index)];
        text = tr("Move %1").arg(QString::fromStdString(site.name.empty() ? site.id : site.name));
    } else {
        text = tr("Move %n sites", nullptr, int(edits.size()));
    }
    push(text, std::move(edits), std::nullopt, mergeKey);
}

void ProjectDocument::removeElements(const QStringList& siteIds, const QStringList& linkIds)
{
    std::set<std::string> sites;
    for (const QString& s : siteIds)
        if (site(s))
            sites.insert(s.toStdString());
    std::set<int> siteRows, linkRows;
    for (const std::string& s : sites)
        siteRows.insert(siteIndex(QString::fromStdString(s)));
    for (size_t i = 0; i < m_scenario.links.size(); ++i) {
        const Link& l = m_scenario.links[i];
        if (sites.count(l.a) || sites.count(l.b) || linkIds.contains(QString::fromStdString(l.id)))
            linkRows.insert(static_cast<int>(i));
    }
    if (siteRows.empty() && linkRows.empty())
        return;
    std::vector<ElementEdit> edits;
    // Workloads forget the removed sites first (indexes unchanged), then links and sites go,
    // last row first, so that undo reinserts them first row first.
    for (size_t i = 0; i < m_scenario.workloads.size(); ++i) {
        Workload w = m_scenario.workloads[i];
        if (dropSiteReferences(w, sites))
            edits.push_back(ElementEdit{ElementKind::Workload, static_cast<int>(i), Element(m_scenario.workloads[i]), Element(w)});
    }
    for (auto it = linkRows.rbegin(); it != linkRows.rend(); ++it)
        edits.push_back(ElementEdit{ElementKind::Link, *it, Element(m_scenario.links[static_cast<size_t>(*it)]), std::nullopt});
    for (auto it = siteRows.rbegin(); it != siteRows.rend(); ++it)
        edits.push_back(ElementEdit{ElementKind::Site, *it, Element(m_scenario.sites[static_cast<size_t>(*it)]), std::nullopt});
    std::optional<std::pair<ScenarioMeta, ScenarioMeta>> meta;
    ScenarioMeta now = this->meta(), next = now;
    for (Strategy s : kAllStrategies)
        if (next.strategies[s].site && sites.count(*next.strategies[s].site))
            next.strategies[s].site.reset();
    if (!(next == now))
        meta = std::make_pair(now, next);
    const int n = static_cast<int>(siteRows.size() + linkRows.size());
    push(n == 1 ? tr("Delete %1").arg(siteRows.empty() ? QString::fromStdString(m_scenario.links[size_t(*linkRows.begin())].id)
                                                       : QString::fromStdString(m_scenario.sites[size_t(*siteRows.begin())].id))
                : tr("Delete %n elements", nullptr, n),
         std::move(edits), std::move(meta));
}

void ProjectDocument::replaceSite(const QString& id, const Site& updated, const QString& text)
{
    const int i = siteIndex(id);
    if (i < 0 || m_scenario.sites[static_cast<size_t>(i)] == updated)
        return;
    push(text, {ElementEdit{ElementKind::Site, i, Element(m_scenario.sites[static_cast<size_t>(i)]), Element(updated)}});
}

void ProjectDocument::replaceLink(const QString& id, const Link& updated, const QString& text)
{
    const int i = linkIndex(id);
    if (i < 0 || m_scenario.links[static_cast<size_t>(i)] == updated)
        return;
    push(text, {ElementEdit{ElementKind::Link, i, Element(m_scenario.links[static_cast<size_t>(i)]), Element(updated)}});
}

void ProjectDocument::replaceSites(const std::vector<Site>& updated, const QString& text)
{
    std::vector<ElementEdit> edits;
    for (const Site& s : updated) {
        const int i = siteIndex(QString::fromStdString(s.id));
        if (i >= 0 && !(m_scenario.sites[static_cast<size_t>(i)] == s))
            edits.push_back(ElementEdit{ElementKind::Site, i, Element(m_scenario.sites[static_cast<size_t>(i)]), Element(s)});
    }
    push(text, std::move(edits));
}

void ProjectDocument::replaceLinks(const std::vector<Link>& updated, const QString& text)
{
    std::vector<ElementEdit> edits;
    for (const Link& l : updated) {
        const int i = linkIndex(QString::fromStdString(l.id));
        if (i >= 0 && !(m_scenario.links[static_cast<size_t>(i)] == l))
            edits.push_back(ElementEdit{ElementKind::Link, i, Element(m_scenario.links[static_cast<size_t>(i)]), Element(l)});
    }
    push(text, std::move(edits));
}

QStringList ProjectDocument::paste(const std::vector<Site>& sites, const std::vector<Link>& links, QPointF offset)
{
    IdAllocator siteIds(m_scenario.sites), linkIds(m_scenario.links);
    std::map<std::string, std::string> renamed;
    std::vector<ElementEdit> edits;
    QStringList out;
    int row = static_cast<int>(m_scenario.sites.size());
    for (Site s : sites) {
        const std::string id = siteIds.next(s.id);
        renamed[s.id] = id;
        s.id = id;
        const Position p = s.position.value_or(Position{});
        s.position = Position{p.x + offset.x(), p.y + offset.y()};
        out << QString::fromStdString(id);
        edits.push_back(ElementEdit{ElementKind::Site, row++, std::nullopt, Element(std::move(s))});
    }
    row = static_cast<int>(m_scenario.links.size());
    for (Link l : links) {
        auto a = renamed.find(l.a), b = renamed.find(l.b);
        if (a == renamed.end() || b == renamed.end())
            continue; // only the links inside the pasted selection come along
        l.id = linkIds.next(l.id);
        l.a = a->second;
        l.b = b->second;
        edits.push_back(ElementEdit{ElementKind::Link, row++, std::nullopt, Element(std::move(l))});
    }
    push(tr("Paste %n sites", nullptr, int(out.size())), std::move(edits));
    return out;
}

QString ProjectDocument::addWorkload(Workload workload, std::optional<Model> newModel)
{
    std::vector<ElementEdit> edits;
    if (newModel && indexIn(m_scenario.models, newModel->id) < 0)
        edits.push_back(ElementEdit{ElementKind::Model, static_cast<int>(m_scenario.models.size()), std::nullopt, Element(*newModel)});
    if (workload.id.empty() || indexIn(m_scenario.workloads, workload.id) >= 0)
        workload.id = uniqueId(ElementKind::Workload, QStringLiteral("workload")).toStdString();
    const QString id = QString::fromStdString(workload.id);
    edits.push_back(ElementEdit{ElementKind::Workload, static_cast<int>(m_scenario.workloads.size()), std::nullopt,
                                Element(std::move(workload))});
    push(tr("Add workload %1").arg(id), std::move(edits));
    return id;
}

void ProjectDocument::replaceWorkload(const QString& id, const Workload& updated, std::optional<Model> newModel)
{
    const int i = workloadIndex(id);
    if (i < 0)
        return;
    std::vector<ElementEdit> edits;
    if (newModel && indexIn(m_scenario.models, newModel->id) < 0)
        edits.push_back(ElementEdit{ElementKind::Model, static_cast<int>(m_scenario.models.size()), std::nullopt, Element(*newModel)});
    if (!(m_scenario.workloads[static_cast<size_t>(i)] == updated))
        edits.push_back(ElementEdit{ElementKind::Workload, i, Element(m_scenario.workloads[static_cast<size_t>(i)]), Element(updated)});
    push(tr("Edit workload %1").arg(id), std::move(edits));
}

Scenario ProjectDocument::fragment(const QStringList& siteIds) const
{
    Scenario f;
    std::set<std::string> ids;
    for (const QString& id : siteIds)
        if (const Site* s = site(id)) {
            f.sites.push_back(*s);
            ids.insert(s->id);
        }
    for (const Link& l : m_scenario.links)
        if (ids.count(l.a) && ids.count(l.b))
            f.links.push_back(l);
    return f;
}

QByteArray ProjectDocument::fragmentJson(const QStringList& siteIds) const
{
    return QByteArray::fromStdString(writeScenarioJson(fragment(siteIds)));
}

QStringList ProjectDocument::duplicate(const QStringList& siteIds, QPointF offset)
{
    const Scenario f = fragment(siteIds);
    return paste(f.sites, f.links, offset);
}

QStringList ProjectDocument::pasteFragment(const QByteArray& json, QPointF offset)
{
    const ScenarioReadResult r = readScenarioJson(json.toStdString());
    if (r.scenario.sites.empty())
        return {};
    return paste(r.scenario.sites, r.scenario.links, offset);
}

QString ProjectDocument::setWorkloadValue(const QString& workloadId, const QString& path, double value)
{
    Scenario copy = m_scenario;
    if (const std::string error = setScenarioValue(copy, path.toStdString(), value); !error.empty())
        return QString::fromStdString(error);
    if (const Workload* changed = copy.findWorkload(workloadId.toStdString()))
        replaceWorkload(workloadId, *changed);
    return {};
}

const Accelerator* ProjectDocument::accelerator(const std::string& id) const
{
    for (const Accelerator& a : m_scenario.accelerators)
        if (a.id == id)
            return &a;
    return builtinCatalog().find(id);
}

void ProjectDocument::removeWorkload(const QString& id)
{
    const int i = workloadIndex(id);
    if (i >= 0)
        push(tr("Delete workload %1").arg(id),
             {ElementEdit{ElementKind::Workload, i, Element(m_scenario.workloads[static_cast<size_t>(i)]), std::nullopt}});
}

ScenarioMeta ProjectDocument::meta() const
{
    return {m_scenario.name, m_scenario.description, m_scenario.notes, m_scenario.strategies, m_scenario.strategiesGiven};
}

void ProjectDocument::setMeta(const ScenarioMeta& meta, const QString& text)
{
    const ScenarioMeta now = this->meta();
    if (!(now == meta))
        push(text, {}, std::make_pair(now, meta));
}

namespace {

enum class Op { Added, Removed, Changed };

template <typename T>
Op applyTo(std::vector<T>& list, int index, const std::optional<Element>& from, const std::optional<Element>& to)
{
    const auto at = list.begin() + index;
    if (from && to) {
        *at = std::get<T>(*to);
        return Op::Changed;
    }
    if (to) {
        list.insert(at, std::get<T>(*to));
        return Op::Added;
    }
    list.erase(at);
    return Op::Removed;
}

} // namespace

void ProjectDocument::apply(const std::vector<ElementEdit>& edits, const std::optional<ScenarioMeta>& meta, bool forward)
{
    struct Change {
        ElementKind kind;
        Op op;
        QString id;
    };
    std::vector<Change> changes;
    auto one = [&](const ElementEdit& e) {
        const std::optional<Element>& from = forward ? e.before : e.after;
        const std::optional<Element>& to = forward ? e.after : e.before;
        Op op = Op::Changed;
        switch (e.kind) {
        case ElementKind::Site: op = applyTo(m_scenario.sites, e.index, from, to); break;
        case ElementKind::Link: op = applyTo(m_scenario.links, e.index, from, to); break;
        case ElementKind::Workload: op = applyTo(m_scenario.workloads, e.index, from, to); break;
        case ElementKind::Model: op = applyTo(m_scenario.models, e.index, from, to); break;
        }
        if (op != Op::Changed)
            m_indexValid = false;
        changes.push_back({e.kind, op, QString::fromStdString(idOf(to ? *to : *from))});
    };
    if (forward)
        std::for_each(edits.begin(), edits.end(), one);
    else
        std::for_each(edits.rbegin(), edits.rend(), one);
    if (meta) {
        m_scenario.name = meta->name;
        m_scenario.description = meta->description;
        m_scenario.notes = meta->notes;
        m_scenario.strategies = meta->strategies;
        m_scenario.strategiesGiven = meta->strategiesGiven;
    }
    // Signals only once the scenario is consistent again: removals of links come before their
    // sites' removal is announced, additions of sites before their links'.
    bool workloads = false, models = false;
    for (const Change& c : changes) {
        switch (c.kind) {
        case ElementKind::Site:
            if (c.op == Op::Added)
                emit siteAdded(c.id);
            else if (c.op == Op::Removed)
                emit siteRemoved(c.id);
            else
                emit siteChanged(c.id);
            break;
        case ElementKind::Link:
            if (c.op == Op::Added)
                emit linkAdded(c.id);
            else if (c.op == Op::Removed)
                emit linkRemoved(c.id);
            else
                emit linkChanged(c.id);
            break;
        case ElementKind::Workload: workloads = true; break;
        case ElementKind::Model: models = true; break;
        }
    }
    if (models)
        emit modelsChanged();
    if (workloads)
        emit workloadsChanged();
    if (meta)
        emit metaChanged();
    emit changed();
}

} // namespace strata::models
