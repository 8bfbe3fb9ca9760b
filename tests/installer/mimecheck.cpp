// SPDX-License-Identifier: GPL-3.0-or-later
// Prints the MIME type the shared-mime-info database (XDG_DATA_DIRS) gives each file: by name,
// and by contents alone. Used by check_install.sh on the installed MIME package.
#include <QCoreApplication>
#include <QFile>
#include <QMimeDatabase>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QMimeDatabase db;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        QFile f(path);
        const QString byContent = f.open(QIODevice::ReadOnly) ? db.mimeTypeForData(&f).name() : QStringLiteral("unreadable");
        std::printf("%s %s %s\n", argv[i], qPrintable(db.mimeTypeForFile(path).name()), qPrintable(byContent));
    }
    return 0;
}
