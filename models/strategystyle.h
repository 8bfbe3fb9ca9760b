// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/strategy.h"

#include <QColor>
#include <QString>

namespace strata::models {

/// The one colour of each strategy, used by every view and chart (colour-blind safe: Okabe–Ito
/// blue, orange and bluish green).
QColor strategyColor(core::Strategy strategy);

/// "Centralized", "Distributed", "Hybrid".
QString strategyLabel(core::Strategy strategy);

} // namespace strata::models
