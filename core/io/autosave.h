// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "projectstore.h"

#include <string>
#include <vector>

namespace strata::core {

/// An autosave copy left behind by a session that did not end cleanly.
struct RecoverableSession {
    std::string id;
    std::string autosavePath;
    std::string originalPath; ///< the project the session was editing; empty for an unsaved one
    std::string scenarioName;
    long long savedAtUnix = 0;
};

/**
 * Autosave and crash recovery (issue 4) in a directory of the user's own (the GUI passes its
 * data directory): never the user's file. A session writes `<id>.lock` (its process id and the
 * project it edits) and saves `<id>.strata` atomically whenever asked. A clean end removes both.
 * A lock whose process no longer runs marks a crashed session, whose copy is offered back.
 * (A process id reused by an unrelated process hides a crashed session until that one ends.)
 */
class AutosaveStore {
public:
    explicit AutosaveStore(std::string directory);

    /// Starts a session for \a originalPath (empty: a new, unsaved project); returns its id.
    std::string beginSession(const std::string& originalPath);
    /// Saves \a scenario as the session's autosave copy (atomic, like any project save).
    StoreResult autosave(const std::string& id, const Scenario& scenario) const;
    /// Ends a session cleanly: its lock and copy are removed.
    void endSession(const std::string& id) const;

    /// Sessions whose owner is gone and that left a copy, newest first.
    std::vector<RecoverableSession> recoverable() const;
    /// Opens a recoverable session's copy (checked like any project file).
    StoreResult restore(const std::string& id) const;
    /// Removes a recoverable session's copy and lock.
    void discard(const std::string& id) const;

private:
    std::string lockPath(const std::string& id) const;
    std::string copyPath(const std::string& id) const;

    std::string directory_;
};

} // namespace strata::core
