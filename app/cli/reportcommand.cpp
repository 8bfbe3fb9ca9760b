// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportcommand.h"
#include "terminal.h"

#include "clioptions.h"
#include "model/scenario.h"
#include "views/icons.h"
#include "views/report.h"

#include <QApplication>
#include <QSettings>

#include <iostream>

namespace strata::cli {

namespace {
/// Only Qt's critical messages reach the terminal: the CLI speaks for itself.
void quietQt(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        errs() << "strata-cli: " << message.toStdString() << "\n";
}
} // namespace

int writeReport(const core::Scenario& scenario, const std::string& output, const std::string& author, char* program)
{
    // Always offscreen: no display is needed, and a platform set for a desktop session that is
    // not there (xcb without DISPLAY) must not abort the command.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(quietQt);
    // Only the program name: Qt must not take the command's arguments for its own (-reverse…).
    int argc = 1;
    char* argv[] = {program, nullptr};
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationName(QStringLiteral("Strata"));
    views::initResources();
    views::ReportOptions options;
    options.author = author.empty() ? QSettings().value(QStringLiteral("report/author")).toString() : QString::fromStdString(author);
    const QString path = QString::fromStdString(output);
    const views::ReportOutcome out = views::writeReportPdf(scenario, options, path);
    if (!out.ok) {
        errs() << "strata-cli: " << out.error.toStdString() << "\n"; // it names the file
        return kFileError;
    }
    errs() << "strata-cli: wrote " << output << " (" << out.pages << (out.pages == 1 ? " page" : " pages") << ")\n";
    return kOk;
}

} // namespace strata::cli
