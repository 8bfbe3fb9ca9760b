// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweepmenu.h"

#include <QLineEdit>
#include <QMenu>
#include <QPointer>

namespace strata::views {

void installSweepMenu(QWidget* editor, const QString& path, std::function<void()> onSweep)
{
    if (!editor)
        return;
    editor->setContextMenuPolicy(Qt::CustomContextMenu);
    editor->setToolTip(QObject::tr("Right-click to sweep %1 and see how each strategy scales").arg(path));
    QObject::connect(editor, &QWidget::customContextMenuRequested, editor, [editor, onSweep = std::move(onSweep)](const QPoint& pos) {
        QMenu* menu = nullptr;
        if (auto* line = qobject_cast<QLineEdit*>(editor))
            menu = line->createStandardContextMenu();
        else
            menu = new QMenu(editor);
        menu->addSeparator();
        QAction* sweep = menu->addAction(QObject::tr("Sweep…"));
        sweep->setObjectName(QStringLiteral("sweepAction"));
        QObject::connect(sweep, &QAction::triggered, editor, onSweep);
        // The form may be rebuilt while the menu is open (an undo, a live update), taking the
        // editor and a menu it owns with it: delete the menu only if it is still there.
        const QPointer<QMenu> guard(menu);
        menu->exec(editor->mapToGlobal(pos));
        delete guard.data();
    });
}

} // namespace strata::views
