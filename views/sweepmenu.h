// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace strata::views {

/// Gives \a editor a context menu with "Sweep…" (after a line edit's own entries) that calls
/// \a onSweep, and a tooltip naming \a path; used by the inspector and the workloads form.
void installSweepMenu(QWidget* editor, const QString& path, std::function<void()> onSweep);

} // namespace strata::views
