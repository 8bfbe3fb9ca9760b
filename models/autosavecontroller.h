// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/autosave.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace strata::models {

class ProjectDocument;

/**
 * The autosave lifecycle of one workbench window: a session per open design in the user's data
 * directory, a copy of the design every interval while it has unsaved changes, and the sessions
 * of windows that did not close normally, for recovery. Dialogs stay with the window; this holds
 * no widget.
 */
class AutosaveController : public QObject {
    Q_OBJECT
public:
    /// Autosaves \a document into \a directory (created if missing) every \a intervalSeconds.
    AutosaveController(ProjectDocument* document, const QString& directory, int intervalSeconds, QObject* parent = nullptr);
    ~AutosaveController() override;

    void setInterval(int seconds);
    /// Ends this session and starts one for \a path (empty: an unsaved design).
    void restartSession(const QString& path);
    /// Saves a copy now when the design has unsaved changes; failed() says when that cannot be done.
    void saveNow();
    /// Sessions of other windows that did not end, newest first.
    std::vector<core::RecoverableSession> recoverable() const;
    /// A crashed session's copy of the project at \a path written after the file (core::AutosaveStore::newerCopyOf).
    std::optional<core::RecoverableSession> newerCopyOf(const QString& path) const;
    /// Opens a recoverable session's copy (checked like any project file).
    core::StoreResult restore(const std::string& id) const;
    void discard(const std::string& id) const;

signals:
    void failed(const QString& message);

private:
    ProjectDocument* m_document;
    std::unique_ptr<core::AutosaveStore> m_store;
    std::string m_session;
    QTimer* m_timer;
};

} // namespace strata::models
