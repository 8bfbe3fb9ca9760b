// SPDX-License-Identifier: GPL-3.0-or-later
#include "wheelguard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QPointer>

namespace strata::views {

namespace {

bool takesWheelValues(QObject* o)
{
    return qobject_cast<QComboBox*>(o) || qobject_cast<QAbstractSpinBox*>(o);
}

} // namespace

WheelGuard::WheelGuard(QObject* parent)
    : QObject(parent)
{
}

void WheelGuard::install()
{
    static QPointer<WheelGuard> guard;
    if (guard || !qApp)
        return;
    guard = new WheelGuard(qApp);
    qApp->installEventFilter(guard);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Polish && takesWheelValues(watched)) {
        // Qt's default for these is WheelFocus: a wheel over one would focus it and then change it.
        auto* w = static_cast<QWidget*>(watched);
        if (w->focusPolicy() == Qt::WheelFocus)
            w->setFocusPolicy(Qt::StrongFocus);
    } else if (event->type() == QEvent::Wheel && takesWheelValues(watched)) {
        auto* w = static_cast<QWidget*>(watched);
        if (!w->hasFocus()) {
            // Not handled here: QApplication passes an ignored wheel event on to the parents,
            // so the form around the box scrolls instead.
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace strata::views
