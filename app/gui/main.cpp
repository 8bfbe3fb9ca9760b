// SPDX-License-Identifier: GPL-3.0-or-later
// strata: the workbench GUI. Usage: strata [FILE.strata|FILE.json] [--theme light|dark|system]
// (The screenshot harness is tests/screenshots, a separate executable.)

#include "mainwindow.h"

#include "strata_version.h"

#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Strata"));
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(QString::fromLatin1(strata::kVersion));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.strata.Strata")); // matches the installed .desktop file
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Workbench for analysing AI cloud architectures"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A .strata project or a JSON scenario to open"));
    QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("Theme for this run only: light, dark or system"), QStringLiteral("theme"));
    parser.addOption(theme);
    parser.process(app);

    strata::app::MainWindow window;
    if (parser.isSet(theme)) {
        const QString t = parser.value(theme);
        if (t != QLatin1String("light") && t != QLatin1String("dark") && t != QLatin1String("system")) {
            std::fprintf(stderr, "strata: --theme takes light, dark or system (got \"%s\")\n", qPrintable(t));
            return 2;
        }
        window.applyTheme(t);
    }
    const QStringList files = parser.positionalArguments();
    window.show();
    if (!files.isEmpty())
        window.openFile(files.front());
    else
        window.offerRecovery();
    return app.exec();
}
