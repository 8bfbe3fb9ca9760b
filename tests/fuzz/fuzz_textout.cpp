// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the text writers for other programs (issue 14, items 8 and 9). Whatever a
// file holds, a CSV cell reads back as the same text and never starts a formula, and terminal
// text carries no control character.

#include "io/textout.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool formulaStart(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/// The text of one RFC 4180 cell (the whole of \a cell), or false when it is not one.
bool readCell(const std::string& cell, std::string& out)
{
    out.clear();
    if (cell.empty() || cell[0] != '"') {
        if (cell.find_first_of(",\"\r\n") != std::string::npos)
            return false; // such a cell must be quoted
        out = cell;
        return true;
    }
    if (cell.size() < 2 || cell.back() != '"')
        return false;
    for (size_t i = 1; i + 1 < cell.size(); ++i) {
        if (cell[i] == '"') {
            if (i + 2 >= cell.size() || cell[i + 1] != '"')
                return false; // a lone quote inside
            ++i;
        }
        out += cell[i];
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace strata::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // CSV: one cell, the same text (an apostrophe before a formula's first character).
    std::string back;
    if (!readCell(csvText(text), back))
        __builtin_trap();
    const bool formula = !text.empty() && formulaStart(text[0]);
    if (back != (formula ? "'" : "") + std::string(text))
        __builtin_trap();
    if (!back.empty() && formulaStart(back[0]))
        __builtin_trap();

    // Terminal: no C0 control but tab (and newline when kept), no DEL, no C1 control in UTF-8.
    for (bool keepNewlines : {true, false}) {
        const std::string shown = terminalSafe(text, keepNewlines);
        for (size_t i = 0; i < shown.size(); ++i) {
            const auto c = static_cast<unsigned char>(shown[i]);
            if ((c < 0x20 && c != '\t' && !(c == '\n' && keepNewlines)) || c == 0x7f)
                __builtin_trap();
            if (c == 0xc2 && i + 1 < shown.size() && static_cast<unsigned char>(shown[i + 1]) >= 0x80 &&
                static_cast<unsigned char>(shown[i + 1]) <= 0x9f)
                __builtin_trap();
        }
    }
    return 0;
}
