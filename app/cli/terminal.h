// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/textout.h"

#include <iostream>
#include <string_view>
#include <type_traits>

namespace strata::cli {

/// A stream for what the CLI prints: every text inserted passes through core::terminalSafe, so
/// a name, id or path cannot send control sequences to the terminal (numbers pass unchanged).
class SafeStream {
public:
    explicit SafeStream(std::ostream& os)
        : m_os(os)
    {
    }

    template <class T>
    SafeStream& operator<<(const T& x)
    {
        if constexpr (std::is_convertible_v<const T&, std::string_view>)
            m_os << core::terminalSafe(std::string_view(x));
        else
            m_os << x;
        return *this;
    }

private:
    std::ostream& m_os;
};

inline SafeStream errs() { return SafeStream(std::cerr); }
inline SafeStream outs() { return SafeStream(std::cout); }

} // namespace strata::cli
