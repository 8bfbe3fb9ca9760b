// SPDX-License-Identifier: GPL-3.0-or-later
#include "errorstyle.h"

#include <QLabel>

namespace strata::views {

QLabel* newErrorLabel(const QString& objectName)
{
    auto* label = new QLabel;
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kErrorColor)));
    label->hide();
    return label;
}

QString errorHtml(const QString& message)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(QLatin1String(kErrorColor), message.toHtmlEscaped());
}

} // namespace strata::views
