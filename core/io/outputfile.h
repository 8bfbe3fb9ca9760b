// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace strata::core {

/// What a file that is not a regular one is, for messages: "a FIFO (named pipe)", "a folder"…
std::string fileKindName(std::filesystem::file_type type);

/// fsync of the file (or, with \a directory, the folder) at \a path: a rename made durable.
bool syncToDisk(const std::string& path, bool directory);

/// Where an output is to be written, after the checks every writer of Strata makes.
struct OutputTarget {
    std::string path;  ///< the file to replace: the path given, or the file its symbolic links lead to
    std::string error; ///< non-empty: why nothing may be written there, naming the path and what to do

    bool ok() const { return error.empty(); }
};

/**
 * Checks \a path as an output. Strata writes only to a regular file or to a new name in a folder
 * that exists, and replaces it whole (a temporary file renamed over it). A symbolic link is
 * followed: its target is replaced and the link kept. A folder, a character or block device
 * (/dev/null), a FIFO, a socket, a loop of symbolic links or a missing folder is refused with a
 * message, never replaced by a regular file.
 */
OutputTarget outputTarget(const std::string& path);

/**
 * A name for a temporary file beside \a target: ".strata-PID-N" + \a suffix, short so that a
 * target name near the file-name limit still has room, and unique to this process and call. The
 * leftovers of writers that were killed (their process is gone and the file is over a minute
 * old) are removed from the folder first, unless \a sweep is false (a second temporary file of
 * the same write: the folder was swept for the first).
 */
std::string temporaryBeside(const std::string& target, std::string_view suffix, bool sweep = true);

/// Gives \a replacement the permission bits of \a existing, when that file exists: a file
/// replaced by a rename keeps the permissions its owner gave it.
void keepPermissions(const std::string& existing, const std::string& replacement);

/// Outcome of a write: empty, or one sentence naming the file, what went wrong and what to do.
using WriteError = std::string;

/**
 * A file written in pieces, all or nothing: opened as a temporary file beside the target (after
 * outputTarget()'s checks), it replaces the target only on commit(); destroyed uncommitted, it
 * leaves the target as it was. For output too large to hold in memory, such as a long sweep.
 */
class AtomicFile {
public:
    explicit AtomicFile(const std::string& path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Why the file cannot be (or could not be) written; empty while all is well.
    const WriteError& error() const { return m_error; }
    /// Appends \a bytes; false (and error() set) when it fails.
    bool write(std::string_view bytes);
    /// Flushes to disk and renames over the target; the error, or empty.
    WriteError commit();

private:
    void discard();
    std::string m_path, m_target, m_temporary;
    int m_fd = -1;
    WriteError m_error;
};

/**
 * Writes \a bytes to \a path all or nothing: after outputTarget()'s checks, into a temporary file
 * beside the target that is flushed to disk and then renamed over it, keeping the permissions of
 * the file it replaces. A failure (a full disk, say) leaves the old file as it was.
 */
WriteError writeFileAtomically(const std::string& path, std::string_view bytes);

} // namespace strata::core
