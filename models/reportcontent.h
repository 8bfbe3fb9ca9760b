// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/strategy.h"
#include "models/chartdata.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace strata::models {

struct EvaluationSnapshot;

/// Who and when, for the title page; and which strategy colours the topology diagram.
struct ReportOptions {
    QString author;                       ///< empty: no author line
    QDateTime created = QDateTime::currentDateTime();
    std::optional<core::Strategy> canvasStrategy; ///< empty: hybrid when evaluated, else the first
};

/// One piece of a report, in reading order: a block of text or a figure for the writer to draw.
struct ReportPiece {
    enum class Kind { Text, Topology, Charts };
    Kind kind = Kind::Text;
    QString section;           ///< non-empty: a numbered section starts here, with this title
    int number = 0;            ///< the section's number, when section is set
    bool keepWithNext = false; ///< a heading: never alone at the foot of a page
    QString html;              ///< Text: the body, in the report's HTML (the writer styles it)
    int strategyShown = -1;    ///< Topology: the result whose loads colour the diagram (−1: none)
    std::vector<BarChartData> charts; ///< Charts: one or two charts, side by side
};

/// Everything a report says, before it is laid out on pages: the title page, then the pieces.
/// Names, not ids, wherever a person reads an element; user text is HTML-escaped.
struct ReportContent {
    QString designName;    ///< for the page header and the document title
    QString date;          ///< yyyy-MM-dd, for the page footers
    QString titleHtml;     ///< the title page's text
    QString titleFootnote; ///< the line at the foot of the title page
    std::vector<ReportPiece> pieces;
};

/**
 * The content of the report of \a snapshot: executive summary; topology diagram; inputs; results
 * per strategy; comparison charts (when there is something to chart); diagnostics; method
 * (formulas and assumptions); catalog sources. Numbered sections in that order.
 */
ReportContent reportContent(const EvaluationSnapshot& snapshot, const ReportOptions& options);

} // namespace strata::models
