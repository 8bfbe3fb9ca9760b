// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace strata::models {

/// Why nothing may be written at \a path (a folder, a device, a FIFO, a loop of links, a missing
/// folder), or empty: core::outputTarget, the rule every writer of Strata follows.
QString outputError(const QString& path);

/// Writes \a bytes to \a path all or nothing (core::writeFileAtomically): empty, or the reason.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace strata::models
