// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text that leaves Strata for another program: a spreadsheet (CSV) or a terminal. What a file
// holds must reach them as data, never as a formula or a control sequence.

#include <string>
#include <string_view>

namespace strata::core {

/**
 * A CSV text cell, quoted (inner quotes doubled) when it holds a comma, a quote or a line break
 * (RFC 4180). A text starting with = + - @, a tab or
 * a carriage return is a formula to spreadsheets (=HYPERLINK(…), +SUM(…), @SUM(…)): it gets a
 * leading apostrophe, which they show as text (OWASP, "CSV Injection"). Numbers are not text
 * cells and are written bare.
 */
std::string csvText(std::string_view text);

/**
 * \a text with every control character shown as \\xHH: C0 controls (ESC, CR, BEL, backspace…),
 * DEL and the C1 controls U+0080–U+009F, so that a name in a file cannot recolour the terminal,
 * move its cursor or overwrite a line. Tabs stay; newlines stay when \a keepNewlines (the text's
 * own lines), else they are shown too (a diagnostic is one line, whatever a name holds).
 */
std::string terminalSafe(std::string_view text, bool keepNewlines = true);

} // namespace strata::core
