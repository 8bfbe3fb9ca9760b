// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace strata::models::recentFiles {

namespace {
const QString kKey = QStringLiteral("files/recent");
}

QStringList list()
{
    QStringList recent = QSettings().value(kKey).toStringList();
    recent.erase(std::remove_if(recent.begin(), recent.end(), [](const QString& p) { return !QFileInfo::exists(p); }), recent.end());
    return recent;
}

void add(const QString& path)
{
    QSettings s;
    QStringList recent = s.value(kKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMax)
        recent.removeLast();
    s.setValue(kKey, recent);
}

} // namespace strata::models::recentFiles
