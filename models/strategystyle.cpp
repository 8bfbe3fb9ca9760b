// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategystyle.h"

namespace strata::models {

QColor strategyColor(core::Strategy strategy)
{
    switch (strategy) {
    case core::Strategy::Centralized: return QColor(0x00, 0x72, 0xB2);
    case core::Strategy::Distributed: return QColor(0xE6, 0x9F, 0x00);
    case core::Strategy::Hybrid: return QColor(0x00, 0x9E, 0x73);
    }
    return Qt::gray;
}

QString strategyLabel(core::Strategy strategy)
{
    switch (strategy) {
    case core::Strategy::Centralized: return QStringLiteral("Centralized");
    case core::Strategy::Distributed: return QStringLiteral("Distributed");
    case core::Strategy::Hybrid: return QStringLiteral("Hybrid");
    }
    return {};
}

} // namespace strata::models
