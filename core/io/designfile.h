// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Opening a design by its kind, the one rule the workbench and strata-cli share: a ".strata" file
// is a project (io/projectstore), anything else a JSON scenario (io/scenariojson).

#include "model/diagnostic.h"
#include "model/scenario.h"

#include <string>
#include <string_view>

namespace strata::core {

/// What went wrong when a design was opened.
enum class DesignError {
    None,
    File,    ///< the file cannot be read as a design at all (missing, a directory, too large,
             ///< unreadable, not a project); message says why and what to do
    Content, ///< the file is a design, or was meant to be one, but has errors (diagnostics)
};

struct DesignFile {
    DesignError error = DesignError::None;
    std::string message;     ///< for File errors, and for a project's invalid values: names the file
    Diagnostics diagnostics; ///< each error in the content, with its element
    Scenario scenario;       ///< as read; for Content errors with readable, the values to be fixed
    bool project = false;    ///< a .strata project (else a JSON scenario)
    /// For Content errors: the design could be read, its errors are in values, and the workbench
    /// opens it so that they can be fixed. False for text that is no scenario at all.
    bool readable = false;

    bool ok() const { return error == DesignError::None; }
};

/// Why \a path is not a file a design can be read from (missing, a directory, a FIFO, a device, a
/// socket, a loop of symbolic links), or empty. Reading a FIFO would block for ever.
std::string notAReadableFile(const std::string& path);

/// The largest JSON scenario read (a .strata project has its own limit).
inline constexpr std::uintmax_t kMaxScenarioBytes = 64ull * 1024 * 1024;

/// True when \a path names a .strata project (by its ending, any case).
bool isProjectPath(std::string_view path);

/// Opens the design at \a path: a project or a JSON scenario.
DesignFile openDesign(const std::string& path);

/// Reads JSON scenario \a text already in memory (an example compiled into the workbench).
DesignFile designFromJson(const std::string& text);

} // namespace strata::core
