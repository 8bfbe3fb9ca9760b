// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenarioedit.h"

#include "projectdocument.h"

namespace strata::models {

namespace {
constexpr int kMoveCommandId = 0x5354; // commands with a merge key share this id
}

ScenarioEditCommand::ScenarioEditCommand(ProjectDocument* document, const QString& text, std::vector<ElementEdit> edits,
                                         std::optional<std::pair<ScenarioMeta, ScenarioMeta>> meta)
    : QUndoCommand(text)
    , m_document(document)
    , m_edits(std::move(edits))
    , m_meta(std::move(meta))
{
}

void ScenarioEditCommand::redo()
{
    m_document->apply(m_edits, m_meta ? std::optional<ScenarioMeta>(m_meta->second) : std::nullopt, true);
}

void ScenarioEditCommand::undo()
{
    m_document->apply(m_edits, m_meta ? std::optional<ScenarioMeta>(m_meta->first) : std::nullopt, false);
}

int ScenarioEditCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : kMoveCommandId;
}

bool ScenarioEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = dynamic_cast<const ScenarioEditCommand*>(other);
    if (!next || next->m_mergeKey != m_mergeKey || next->m_edits.size() != m_edits.size() || m_meta || next->m_meta)
        return false;
    for (size_t i = 0; i < m_edits.size(); ++i)
        if (m_edits[i].kind != next->m_edits[i].kind || m_edits[i].index != next->m_edits[i].index ||
            !m_edits[i].after || !next->m_edits[i].after)
            return false;
    // Keep our "before", take the other's "after".
    for (size_t i = 0; i < m_edits.size(); ++i)
        m_edits[i].after = next->m_edits[i].after;
    return true;
}

} // namespace strata::models
