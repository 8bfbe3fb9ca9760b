// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/link.h"
#include "model/scenario.h"
#include "models/scenarioedit.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

class QUndoStack;

namespace strata::models {

/**
 * The open project: owns the core::Scenario, its undo stack, the file name and the modified
 * flag. Every change goes through an undo command (ScenarioEditCommand); after each one the
 * document emits precise signals (siteAdded, linkChanged, …) and then changed() once.
 */
class ProjectDocument : public QObject {
    Q_OBJECT
public:
    /// Spacing of the automatic layout of unplaced sites (scene units; a site box is 196 × 64).
    static constexpr double kLayoutColumn = 360;
    static constexpr double kLayoutRow = 130;

    explicit ProjectDocument(QObject* parent = nullptr);
    ~ProjectDocument() override;

    const core::Scenario& scenario() const { return m_scenario; }
    QUndoStack* undoStack() const { return m_undo; }
    QString filePath() const { return m_filePath; }
    /// File name for the title bar: "name.strata", or the scenario name, or "Untitled".
    QString displayName() const;
    bool isModified() const;

    /// Replaces the whole project (New, Open, a recovered autosave): clears the undo history and
    /// places sites that have no position on a grid.
    void reset(core::Scenario scenario, const QString& filePath = {});
    void setFilePath(const QString& path);
    /// The current state is what is on disk now.
    void markSaved();
    /// The canvas view to keep with the project; GUI state, not an undoable edit.
    void setView(const core::CanvasView& view) { m_scenario.view = view; }

    // ---- lookups (element ids are unique within their kind)
    const core::Site* site(const QString& id) const;
    const core::Link* link(const QString& id) const;
    int siteIndex(const QString& id) const;
    int linkIndex(const QString& id) const;
    int workloadIndex(const QString& id) const;
    /// Ids of the links that touch any of \a siteIds.
    QStringList linksOf(const QStringList& siteIds) const;
    /// An id of the form "stem-N" not used by any element of the kind.
    QString uniqueId(ElementKind kind, const QString& stem) const;

    // ---- edits; each is one undo step. Ids are returned so callers can select what they made.
    QString addSite(core::SiteKind kind, QPointF position);
    /// A link between two different sites not yet linked; kind and numbers default by the ends.
    QString addLink(const QString& a, const QString& b);
    /// Adds \a count accelerators to the site's pool of that type (a new pool if it has none).
    void addAccelerators(const QString& siteId, const QString& acceleratorId, long long count);
    /// Moves sites; consecutive calls with \a mergeKey set and the same sites merge into one step.
    void moveSites(const QHash<QString, QPointF>& positions, const QString& mergeKey = {});
    /// Removes sites, links and the links of removed sites; workloads drop references to them.
    void removeElements(const QStringList& siteIds, const QStringList& linkIds);
    void replaceSite(const QString& id, const core::Site& updated, const QString& text);
    void replaceLink(const QString& id, const core::Link& updated, const QString& text);
    /// Several replacements as one step (multi-selection edits).
    void replaceSites(const std::vector<core::Site>& updated, const QString& text);
    void replaceLinks(const std::vector<core::Link>& updated, const QString& text);
    /// Inserts copies of sites and of the links among them with fresh ids, shifted by \a offset.
    /// Returns the new site ids.
    QStringList paste(const std::vector<core::Site>& sites, const std::vector<core::Link>& links, QPointF offset);
    /// The sites \a siteIds and the links among them.
    core::Scenario fragment(const QStringList& siteIds) const;
    /// fragment() as scenario JSON (the clipboard's format).
    QByteArray fragmentJson(const QStringList& siteIds) const;
    /// Pastes a fragment written by fragmentJson(), shifted by \a offset: the new site ids, or none
    /// when \a json holds no site.
    QStringList pasteFragment(const QByteArray& json, QPointF offset);
    /// Copies of the sites \a siteIds and the links among them, shifted by \a offset, as one step.
    QStringList duplicate(const QStringList& siteIds, QPointF offset);
    /// Sets the value at sweep path \a path of workload \a workloadId (e.g. its total offered load)
    /// as one undo step; the error, in words, when the path or the value is refused.
    QString setWorkloadValue(const QString& workloadId, const QString& path, double value);
    /// An accelerator by id: the scenario's own entry, else the built-in catalog's; null when neither has it.
    const core::Accelerator* accelerator(const std::string& id) const;
    QString addWorkload(core::Workload workload, std::optional<core::Model> newModel = std::nullopt);
    void replaceWorkload(const QString& id, const core::Workload& updated, std::optional<core::Model> newModel = std::nullopt);
    void removeWorkload(const QString& id);
    void setMeta(const ScenarioMeta& meta, const QString& text);
    ScenarioMeta meta() const;

    /// Applies edits; used by ScenarioEditCommand only.
    void apply(const std::vector<ElementEdit>& edits, const std::optional<ScenarioMeta>& meta, bool forward);

signals:
    void siteAdded(const QString& id);
    void siteRemoved(const QString& id);
    void siteChanged(const QString& id);
    void linkAdded(const QString& id);
    void linkRemoved(const QString& id);
    void linkChanged(const QString& id);
    void workloadsChanged();
    void modelsChanged();
    void metaChanged();
    /// The whole scenario was replaced (New, Open): views rebuild.
    void scenarioReset();
    /// Something changed (after every command, undo, redo and reset): re-evaluate.
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    void push(const QString& text, std::vector<ElementEdit> edits,
              std::optional<std::pair<ScenarioMeta, ScenarioMeta>> meta = std::nullopt, const QString& mergeKey = {});
    void rebuildIndex() const;

    core::Scenario m_scenario;
    QUndoStack* m_undo;
    QString m_filePath;
    mutable QHash<QString, int> m_siteIndex;
    mutable QHash<QString, int> m_linkIndex;
    mutable bool m_indexValid = false;
};

} // namespace strata::models
