// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace strata::views {

/**
 * Keeps the mouse wheel from changing values by accident: combo boxes and spin boxes take focus
 * only by click or Tab (Qt::StrongFocus), and a wheel over one without focus goes on to the
 * form or scroll area around it. Installed once on the application; it stops at no other event.
 */
class WheelGuard : public QObject {
    Q_OBJECT
public:
    explicit WheelGuard(QObject* parent = nullptr);

    /// Installs one guard on the running application (a second call does nothing).
    static void install();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace strata::views
