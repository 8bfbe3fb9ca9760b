// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"

#include <QString>
#include <QUndoCommand>

#include <optional>
#include <variant>
#include <vector>

namespace strata::models {

class ProjectDocument;

/// Kinds of listed elements an edit can touch.
enum class ElementKind { Site, Link, Workload, Model };

using Element = std::variant<core::Site, core::Link, core::Workload, core::Model>;

/**
 * One change to one element list: insert (only after), remove (only before) or replace (both),
 * at \a index of its list. A sequence of edits is applied in order and undone in reverse.
 */
struct ElementEdit {
    ElementKind kind = ElementKind::Site;
    int index = 0;
    std::optional<Element> before;
    std::optional<Element> after;
};

/// The scenario's own fields other than the element lists.
struct ScenarioMeta {
    std::string name;
    std::string description;
    std::string notes;
    core::StrategySet strategies;
    bool strategiesGiven = false;

    bool operator==(const ScenarioMeta&) const = default;
};

/**
 * The only writer of the scenario in the GUI (ARCHITECTURE.md): a list of element edits and
 * optionally a change of the scenario's own fields, applied through the document so that it can
 * emit one precise signal per element. Consecutive moves or nudges of the same sites merge.
 */
class ScenarioEditCommand : public QUndoCommand {
public:
    ScenarioEditCommand(ProjectDocument* document, const QString& text, std::vector<ElementEdit> edits,
                        std::optional<std::pair<ScenarioMeta, ScenarioMeta>> meta = std::nullopt);

    /// Marks the command as a move that a following move of the same sites may merge into.
    void setMergeKey(QString key) { m_mergeKey = std::move(key); }

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    ProjectDocument* m_document;
    std::vector<ElementEdit> m_edits;
    std::optional<std::pair<ScenarioMeta, ScenarioMeta>> m_meta;
    QString m_mergeKey;
};

} // namespace strata::models
