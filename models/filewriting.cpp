// SPDX-License-Identifier: GPL-3.0-or-later
#include "filewriting.h"

#include "io/outputfile.h"

#include <QFile>

namespace strata::models {

QString outputError(const QString& path)
{
    return QString::fromStdString(core::outputTarget(QFile::encodeName(path).toStdString()).error);
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    return QString::fromStdString(
        core::writeFileAtomically(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), static_cast<size_t>(bytes.size()))));
}

} // namespace strata::models
