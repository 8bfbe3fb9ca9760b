// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;

namespace strata::views {

/// The red of refused input and failed actions, one place for every view.
inline constexpr const char* kErrorColor = "#d32f2f";

/// A word-wrapped label for a form's error line, hidden until it has something to say.
QLabel* newErrorLabel(const QString& objectName = {});

/// \a message (plain text, escaped here) as rich text in the error colour.
QString errorHtml(const QString& message);

} // namespace strata::views
