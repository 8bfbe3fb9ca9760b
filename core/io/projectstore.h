// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/diagnostic.h"
#include "model/scenario.h"

#include <string>

namespace strata::core {

/// Why a .strata file could not be opened or saved; each has its own message.
enum class StoreError {
    None,
    NotFound,
    Permission,
    TooLarge,
    NotSqlite,          ///< not an SQLite database at all
    OtherApplication,   ///< an SQLite database of another application
    Damaged,            ///< fails the integrity check or cannot be read
    InUse,              ///< another program holds a write lock on it, or left a save to recover
    NewerFormat,        ///< written by a newer Strata (the version needed is named)
    UnexpectedSchema,   ///< extra or missing tables, views or triggers: refused
    InvalidValues,      ///< values out of range or references that do not resolve (listed)
    WriteFailed,        ///< the save could not complete; the file on disk is unchanged
};

/// Outcome of opening or saving a project file.
struct StoreResult {
    StoreError error = StoreError::None;
    std::string message;     ///< one sentence naming the file, what is wrong and what to do
    Diagnostics diagnostics; ///< the invalid values, for InvalidValues
    Scenario scenario;       ///< when opened

    bool ok() const { return error == StoreError::None; }
};

/// The .strata schema version this build writes and the newest it reads (older ones are migrated
/// on open; docs/fileformat.md lists what each version added).
inline constexpr int kStrataSchemaVersion = 5;
/// PRAGMA application_id of .strata files: "STRA".
inline constexpr int kStrataApplicationId = 0x53545241;

/// How a save treats the file it replaces.
struct SaveOptions {
    /// Keep the replaced file as "NAME~" beside it (the previous version, one level deep).
    bool keepBackup = false;
};

/**
 * Saves \a scenario as a .strata project (an SQLite database, schema kStrataSchemaVersion).
 * Atomic: the database is written completely to a temporary file beside \a path, synced, and
 * then renamed over \a path, so the file on disk is always either the previous or the new one.
 */
StoreResult saveProject(const Scenario& scenario, const std::string& path, const SaveOptions& options = {});

/**
 * Opens a .strata project, treating the file as untrusted: size limit, SQLite header and
 * application_id, schema version, defensive mode (no extensions, no ATTACH, trusted_schema off,
 * lowered limits), quick_check, an exact whitelist of tables and indexes (views and triggers are
 * refused), fixed statements only, and every value checked into the domain (validateScenario).
 */
StoreResult openProject(const std::string& path);

} // namespace strata::core
