// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "projectstore.h"

#include <filesystem>
#include <map>
#include <optional>
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
    std::filesystem::file_time_type savedAt{}; ///< the copy's modification time, exact
};

/**
 * Autosave and crash recovery (issue 4) in a directory of the user's own (the GUI passes its
 * data directory): never the user's file. A session writes `<id>.lock` (its process id, host and
 * the project it edits, for people to read) and holds an exclusive flock(2) on it for as long as
 * it runs; it saves `<id>.strata` atomically whenever asked. A clean end removes both. The kernel
 * drops the flock when the process ends, however it ends, so a lock nobody holds marks a crashed
 * session, whose copy is offered back (issue 14: a process id recorded in the file looked alive
 * forever when the crashed GUI had run as PID 1 in a container, or when the id was reused).
 * Where the file system has no flock, the process id in the lock file decides, as before.
 */
class AutosaveStore {
public:
    explicit AutosaveStore(std::string directory);
    ~AutosaveStore();
    AutosaveStore(const AutosaveStore&) = delete;
    AutosaveStore& operator=(const AutosaveStore&) = delete;

    /// Starts a session for \a originalPath (empty: a new, unsaved project); returns its id.
    std::string beginSession(const std::string& originalPath);
    /// Saves \a scenario as the session's autosave copy (atomic, like any project save).
    StoreResult autosave(const std::string& id, const Scenario& scenario) const;
    /// Ends a session cleanly: its lock and copy are removed.
    void endSession(const std::string& id);

    /// Sessions whose owner is gone and that left a copy, newest first.
    std::vector<RecoverableSession> recoverable() const;
    /// The newest recoverable session of the project at \a path (the same file, by device and
    /// inode) whose copy was written after the project: what opening the project should offer.
    std::optional<RecoverableSession> newerCopyOf(const std::string& path) const;
    /// Opens a recoverable session's copy (checked like any project file).
    StoreResult restore(const std::string& id) const;
    /// Removes a recoverable session's copy and lock.
    void discard(const std::string& id) const;

private:
    /// The crashed sessions that left a copy, newest first, without reading the copies.
    std::vector<RecoverableSession> crashed() const;
    /// Reads the scenario name of \a s's copy.
    static void name(RecoverableSession& s);
    std::string lockPath(const std::string& id) const;
    std::string copyPath(const std::string& id) const;

    std::string directory_;
    std::map<std::string, int> held_; ///< session id → descriptor of its locked lock file
};

} // namespace strata::core
