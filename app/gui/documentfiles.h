// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/diagnostic.h"

#include <QObject>
#include <QString>

class QMainWindow;

namespace strata::core {
struct RecoverableSession;
}
namespace strata::models {
class AutosaveController;
class ProjectDocument;
} // namespace strata::models
namespace strata::views {
class TopologyView;
}

namespace strata::app {

/**
 * The File menu of one window: new, open (a project or a JSON scenario, by the rule strata-cli
 * uses), save, save as, import and export JSON, the question before unsaved changes are dropped,
 * and recovery of autosaved work. Its dialogs are parented to the window.
 */
class DocumentFiles : public QObject {
    Q_OBJECT
public:
    DocumentFiles(QMainWindow* window, models::ProjectDocument* document, views::TopologyView* view,
                  models::AutosaveController* autosave);

    void newDocument();
    /// Asks for a file and opens it.
    void open();
    /// Opens \a path (or an example, ":/examples/…"); false, after saying why, when it is no design.
    bool openFile(const QString& path);
    bool save();
    bool saveAs();
    bool saveTo(const QString& path);
    void importJson();
    void exportJson();
    /// Before unsaved changes would be lost: save, discard or cancel; true to go on.
    bool confirmDiscard();
    /// Offers crashed sessions' autosaves back; returns true when one was restored.
    bool offerRecovery();
    /// Makes a field being typed in commit its value (it loses focus).
    void commitPendingEdits();

signals:
    /// A design was opened, created or recovered: show the canvas.
    void designShown();
    /// The recent-files list changed.
    void recentChanged();

private:
    /// Says what was wrong in a file that opened anyway (its values are to be fixed).
    void reportOpenProblems(const QString& file, const core::Diagnostics& problems);
    QString askSavePath(const QString& title, const QString& start, const QString& filter, const QString& suffix);
    void addRecent(const QString& path);
    /// Offers a crashed session's autosaved copy of \a path when it is newer than the file.
    void offerNewerCopy(const QString& path);
    /// Puts a crashed session's copy in place of the open design (not yet saved); false when the
    /// copy cannot be read (the user has been told why).
    bool restoreSession(const core::RecoverableSession& session);

    QMainWindow* m_window;
    models::ProjectDocument* m_document;
    views::TopologyView* m_view;
    models::AutosaveController* m_autosave;
};

} // namespace strata::app
