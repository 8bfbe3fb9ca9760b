// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace strata::models {

/// The designs opened or saved last, newest first, kept in the user's settings.
namespace recentFiles {

inline constexpr int kMax = 8;

/// The list, leaving out files that no longer exist.
QStringList list();

/// Puts \a path first (once), keeping at most kMax.
void add(const QString& path);

} // namespace recentFiles

} // namespace strata::models
