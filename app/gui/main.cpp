// SPDX-License-Identifier: GPL-3.0-or-later
// strata: the workbench GUI. Usage: strata [FILE.strata|FILE.json] [--theme light|dark|system]
// (The screenshot harness is tests/screenshots, a separate executable.)

#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    strata::app::identifyApplication();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Workbench for analysing AI cloud architectures"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A .strata project or a JSON scenario to open"));
    const QCommandLineOption theme = strata::app::themeOption();
    parser.addOption(theme);
    parser.process(app);

    strata::app::MainWindow window;
    if (!strata::app::applyThemeOption(parser, theme, "strata"))
        return 2;
    const QStringList files = parser.positionalArguments();
    window.show();
    if (!files.isEmpty())
        window.openFile(files.front());
    else
        window.offerRecovery();
    return app.exec();
}
