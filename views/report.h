// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/reportcontent.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QPagedPaintDevice;

namespace strata::core {
struct Scenario;
}

namespace strata::views {

using models::ReportOptions;

/// What a report came to: its pages and sections, or why it could not be written.
struct ReportOutcome {
    bool ok = false;
    QString error;
    int pages = 0;
    QStringList sections; ///< in order, as in the table of contents
};

/**
 * Renders the report of \a snapshot onto \a device (a QPdfWriter, or a QPrinter for the preview),
 * A4 portrait: title page; contents when the report is long; executive summary; topology diagram
 * (vectors, drawn by the canvas scene); inputs; results per strategy; comparison charts (vectors,
 * QCustomPlot); diagnostics; method (formulas and assumptions); catalog sources. Every page but the
 * title has a header and "page N of M". User text is escaped: it prints literally. Must run on the
 * GUI thread (it draws widgets); a QApplication must exist (offscreen is enough). The device should
 * have 96 dpi, the resolution widgets draw at, or chart and canvas text comes out scaled.
 */
ReportOutcome renderReport(QPagedPaintDevice* device, const models::EvaluationSnapshot& snapshot, const ReportOptions& options);

/// Writes the report of \a snapshot to \a path as PDF (title and creator set), all or nothing.
ReportOutcome writeReportPdf(const models::EvaluationSnapshot& snapshot, const ReportOptions& options, const QString& path);

/// Evaluates \a scenario (with N − 1) and writes its report to \a path as PDF.
ReportOutcome writeReportPdf(const core::Scenario& scenario, const ReportOptions& options, const QString& path);

} // namespace strata::views
