// SPDX-License-Identifier: GPL-3.0-or-later
// strata-screenshots: the workbench window, opened on a design and saved to PNG once its results
// (or a sweep, a scaling curve, the report preview) are shown; scripts/screenshots.sh runs it
// under Xvfb for the README's pictures. A development tool: it is not installed, and the shipped
// `strata` binary carries none of it (issue 13).
//   strata-screenshots PNG [FILE] [--size WxH] [--charts | --sweep PATH | --curve NAME | --report] [--theme T]

#include "mainwindow.h"
#include "theme.h"

#include "models/evaluationservice.h"
#include "models/projectdocument.h"
#include "models/sweepservice.h"
#include "views/sweepdialog.h"
#include "views/reportdialog.h"
#include "models/scalingcurves.h"

#include <cstdio>
#include <optional>
#include "views/topologyview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QScreen>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    strata::app::identifyApplication();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Saves the Strata workbench to PNG once its results are shown"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("png"), QStringLiteral("The PNG file to write"));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A .strata project or a JSON scenario to open"));
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH"), QStringLiteral("size"),
                            QStringLiteral("1600x1000"));
    QCommandLineOption charts(QStringLiteral("charts"), QStringLiteral("Show the Compare charts instead of the design"));
    parser.addOption(charts);
    QCommandLineOption sweep(QStringLiteral("sweep"), QStringLiteral("Sweep PATH (e.g. links.ID.bandwidth_gbps) and save the sweep window"),
                             QStringLiteral("path"));
    parser.addOption(sweep);
    QCommandLineOption curve(QStringLiteral("curve"),
                             QStringLiteral("Run a scaling curve (offered-load, accelerators or sites) and save its window"),
                             QStringLiteral("curve"));
    parser.addOption(curve);
    QCommandLineOption report(QStringLiteral("report"), QStringLiteral("Save the report preview window"));
    parser.addOption(report);
    const QCommandLineOption theme = strata::app::themeOption();
    parser.addOption(theme);
    parser.addOption(size);
    parser.process(app);

    strata::app::MainWindow window;
    if (!strata::app::applyThemeOption(parser, theme, "strata-screenshots"))
        return 2;
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        std::fprintf(stderr, "strata-screenshots: give the PNG to write, then the design to open\n");
        return 2;
    }
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    window.resize(wh.value(0).toInt() > 0 ? wh.value(0).toInt() : 1600, wh.value(1).toInt() > 0 ? wh.value(1).toInt() : 1000);
    window.show();
    if (args.size() > 1 && !window.openFile(args[1]))
        return 3;
    {
        const QString out = args.front();
        const bool showCharts = parser.isSet(charts);
        if (parser.isSet(report)) {
            QTimer::singleShot(300, &window, [&window, out] {
                auto* dialog = window.openReport();
                dialog->resize(1000, 1000);
                QObject::connect(dialog, &strata::views::ReportDialog::ready, dialog, [dialog, out] {
                    QTimer::singleShot(500, dialog, [dialog, out] { QApplication::exit(dialog->grab().save(out) ? 0 : 3); });
                });
            });
            return app.exec();
        }
        if (parser.isSet(curve)) {
            const QString name = parser.value(curve);
            const std::optional<strata::models::ScalingCurve> which =
                name == QLatin1String("offered-load")   ? std::optional(strata::models::ScalingCurve::OfferedLoad)
                : name == QLatin1String("accelerators") ? std::optional(strata::models::ScalingCurve::Accelerators)
                : name == QLatin1String("sites")        ? std::optional(strata::models::ScalingCurve::Sites)
                                                        : std::nullopt;
            if (!which) {
                std::fprintf(stderr, "strata-screenshots: --curve takes offered-load, accelerators or sites (got \"%s\")\n", qPrintable(name));
                return 2;
            }
            QTimer::singleShot(300, &window, [&window, out, which] {
                auto* dialog = window.openScalingCurve(*which);
                if (!dialog) {
                    QApplication::exit(3);
                    return;
                }
                dialog->resize(1200, 800);
                QObject::connect(dialog->service(), &strata::models::SweepService::finished, dialog, [dialog, out] {
                    QTimer::singleShot(300, dialog, [dialog, out] { QApplication::exit(dialog->grab().save(out) ? 0 : 3); });
                });
            });
            return app.exec();
        }
        if (parser.isSet(sweep)) {
            // Sweep the field (a link's bandwidth from 1/50 to twice its value) and save the window.
            QTimer::singleShot(300, &window, [&window, out, path = parser.value(sweep)] {
                auto* dialog = window.openSweep(path, 1, path.endsWith(QLatin1String("_gbps")) ? QStringLiteral("Gbps") : QString());
                const auto* links = &window.document()->scenario().links;
                for (const auto& l : *links)
                    if (path == QStringLiteral("links.%1.bandwidth_gbps").arg(QString::fromStdString(l.id)))
                        dialog->setRange(l.bandwidthGbps / 50, l.bandwidthGbps * 2, 30, true);
                dialog->resize(1200, 800);
                QObject::connect(dialog->service(), &strata::models::SweepService::finished, dialog, [dialog, out] {
                    QTimer::singleShot(300, dialog, [dialog, out] { QApplication::exit(dialog->grab().save(out) ? 0 : 3); });
                });
                if (!dialog->runSweep())
                    QApplication::exit(3);
            });
            return app.exec();
        }
        QObject::connect(window.evaluation(), &strata::models::EvaluationService::resultsReady, &window, [&window, out, showCharts] {
            QTimer::singleShot(400, &window, [&window, out, showCharts] {
                window.view()->fitToContents();
                if (showCharts)
                    window.showCharts();
                if (!window.explainResult(0, QStringLiteral("latency_p95"), strata::core::Strategy::Hybrid)) // an Explain view too
                    window.explainResult(0, QStringLiteral("time"), strata::core::Strategy::Hybrid);
                QTimer::singleShot(200, &window, [&window, out] {
                    const bool ok = window.grab().save(out);
                    window.document()->markSaved(); // nothing to ask on the way out
                    QApplication::exit(ok ? 0 : 3);
                });
            });
        });
        window.evaluation()->evaluateNow();
    }
    return app.exec();
}
