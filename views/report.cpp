// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF writer of a report: the content comes from models/reportcontent, the page breaks from
// the paginator; this file turns the pieces into laid-out text and vector figures and draws the
// pages, their headers and footers, the title and the contents.
#include "report.h"

#include "comparisoncharts.h"
#include "paginator.h"
#include "topologyscene.h"

#include "models/evaluationservice.h"
#include "models/filewriting.h"
#include "models/projectdocument.h"
#include "models/strategystyle.h"
#include "strata_version.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QFileInfo>
#include <QPdfWriter>
#include <QBuffer>
#include <QStyle>
#include <QTextDocument>

#include <algorithm>
#include <functional>

namespace strata::views {

using namespace strata::core;

namespace {

/// The light palette a printed page has, whatever the application's theme.
QPalette pagePalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Window, Qt::white);
    p.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    return p;
}

const char* kStyleSheet = R"(
h1 { font-size: 15pt; color: #1f3b57; margin-top: 0px; margin-bottom: 6px; }
h2 { font-size: 11.5pt; color: #1f3b57; margin-top: 10px; margin-bottom: 4px; }
h3 { font-size: 10pt; margin-top: 8px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 4px; }
th { background-color: #e4e8ee; font-weight: bold; text-align: left; }
td.num { text-align: right; }
td.win { font-weight: bold; text-align: right; }
td.dim { color: #777777; text-align: right; }
td.detail { color: #444444; }
.note { color: #555555; font-size: 8pt; }
)";

/// Draws a figure into its rectangle on the page.
using FigureDrawer = std::function<void(QCPPainter*, const QRectF&)>;

class ReportWriter {
public:
    ReportWriter(QPagedPaintDevice* device, const models::EvaluationSnapshot& snapshot, const ReportOptions& options)
        : m_device(device)
        , m_snap(snapshot)
        , m_options(options)
        , m_u(device->logicalDpiX() / 96.0)
        , m_width(device->width())
        , m_header(30 * m_u)
        , m_footer(30 * m_u)
        , m_body(device->height() - m_header - m_footer)
    {
        m_font = QFont(QStringLiteral("DejaVu Sans"));
        m_font.setPointSizeF(8.5);
    }

    ReportOutcome write()
    {
        ReportOutcome out;
        if (m_width <= 0 || m_body <= 100 * m_u) {
            out.error = QStringLiteral("the page is too small for a report");
            return out;
        }
        m_content = models::reportContent(m_snap, m_options);
        std::vector<PageBlock> blocks;
        blocks.reserve(m_content.pieces.size());
        m_figures.resize(m_content.pieces.size());
        for (size_t i = 0; i < m_content.pieces.size(); ++i) {
            const models::ReportPiece& piece = m_content.pieces[i];
            PageBlock b;
            b.startsSection = !piece.section.isEmpty();
            b.keepWithNext = piece.keepWithNext;
            switch (piece.kind) {
            case models::ReportPiece::Kind::Text:
                b.text = html(piece.html);
                break;
            case models::ReportPiece::Kind::Topology:
                b.figureHeight = topologyFigure(piece.strategyShown, m_figures[i]);
                break;
            case models::ReportPiece::Kind::Charts:
                b.figureHeight = chartsFigure(piece.charts, m_figures[i]);
                break;
            }
            blocks.push_back(std::move(b));
        }
        m_pagination = paginate(blocks, m_width, m_body, 10 * m_u);
        const bool contents = m_pagination.pages > 4; // a table of contents for longer reports
        const int first = contents ? 2 : 1;
        const int total = first + m_pagination.pages;

        QCPPainter painter;
        if (!painter.begin(m_device)) {
            out.error = QStringLiteral("cannot draw on the output (is the file writable?)");
            return out;
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.setRenderHint(QPainter::Antialiasing);
        titlePage(painter);
        if (contents) {
            m_device->newPage();
            contentsPage(painter, first);
        }
        int page = -1;
        std::vector<QString> sectionOfPage(static_cast<size_t>(m_pagination.pages));
        for (const PagePlacement& p : m_pagination.placed)
            if (!m_content.pieces[p.block].section.isEmpty() && p.docPage <= 0)
                for (int k = p.page; k < m_pagination.pages; ++k)
                    sectionOfPage[static_cast<size_t>(k)] = m_content.pieces[p.block].section;
        for (const PagePlacement& p : m_pagination.placed) {
            while (page < p.page) {
                m_device->newPage();
                ++page;
                pageFrame(painter, first + page + 1, total, sectionOfPage[static_cast<size_t>(page)]);
            }
            const QPointF at(0, m_header + p.y);
            if (const PageBlock& b = blocks[p.block]; b.text) {
                drawText(painter, *b.text, at, p.docPage);
            } else {
                painter.save();
                m_figures[p.block](&painter, QRectF(at, QSizeF(m_width, p.height)));
                painter.restore();
            }
        }
        painter.end();
        out.ok = true;
        out.pages = total;
        for (const models::ReportPiece& piece : m_content.pieces)
            if (!piece.section.isEmpty())
                out.sections << piece.section;
        return out;
    }

private:
    std::shared_ptr<QTextDocument> html(const QString& body)
    {
        auto doc = std::make_shared<QTextDocument>();
        doc->documentLayout()->setPaintDevice(m_device); // lay text out at the output's resolution
        doc->setDefaultFont(m_font);
        doc->setDefaultStyleSheet(QString::fromLatin1(kStyleSheet));
        doc->setDocumentMargin(0);
        doc->setHtml(body);
        doc->setTextWidth(m_width);
        return doc;
    }

    /// The topology diagram coloured by result \a shown, as the canvas draws it; returns its height.
    double topologyFigure(int shown, FigureDrawer& draw)
    {
        const Scenario& sc = m_snap.scenario;
        // The canvas scene draws the diagram, so the report shows exactly what the workbench does.
        auto document = std::make_shared<models::ProjectDocument>();
        document->reset(sc);
        auto scene = std::make_shared<TopologyScene>(document.get());
        scene->setPalette(pagePalette());
        auto snapshot = std::make_shared<models::EvaluationSnapshot>(m_snap);
        snapshot->scenario = document->scenario(); // with the positions the document gave unplaced sites
        scene->setSnapshot(snapshot, shown);
        scene->clearSelection();
        const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
        const double tallest = std::max(200.0, m_body / m_u * 0.85);
        const double height = std::clamp(m_width / m_u * source.height() / std::max(1.0, source.width()), 200.0, tallest);
        draw = [document, scene, source](QCPPainter* p, const QRectF& target) {
            scene->render(p, target, source, Qt::KeepAspectRatio);
        };
        return height * m_u;
    }

    /// One or two comparison charts side by side (vectors, QCustomPlot); returns their height.
    double chartsFigure(const std::vector<models::BarChartData>& pair, FigureDrawer& draw)
    {
        const double height = 235;
        const double u = m_u;
        draw = [pair, u](QCPPainter* p, const QRectF& target) {
            const double w = target.width() / 2 - 6 * u;
            for (size_t k = 0; k < pair.size(); ++k) {
                QCustomPlot plot;
                plot.setPalette(pagePalette());
                const int pw = static_cast<int>(w / u), ph = static_cast<int>(target.height() / u) - 6;
                plot.resize(pw, ph);
                ComparisonCharts::render(&plot, pair[k]);
                p->save();
                p->translate(target.left() + static_cast<double>(k) * (w + 12 * u), target.top());
                p->scale(u, u);
                plot.toPainter(p, pw, ph);
                p->restore();
            }
        };
        return height * u;
    }

    void drawText(QPainter& p, QTextDocument& doc, QPointF at, int docPage)
    {
        const QRectF clip = docPage < 0 ? QRectF(0, 0, m_width, doc.size().height()) : QRectF(0, docPage * m_body, m_width, m_body);
        p.save();
        p.translate(at.x(), at.y() - clip.top());
        p.setClipRect(clip);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = clip;
        ctx.palette = pagePalette();
        doc.documentLayout()->draw(&p, ctx);
        p.restore();
    }

    QFont font(double points, bool bold = false) const
    {
        QFont f = m_font;
        f.setPointSizeF(points);
        f.setBold(bold);
        return f;
    }

    void pageFrame(QPainter& p, int number, int total, const QString& section)
    {
        p.save();
        p.setPen(QColor(0x55, 0x5b, 0x63));
        p.setFont(font(7.5));
        const QFontMetricsF fm(p.font(), m_device);
        const QString left = QStringLiteral("Strata report · ") + m_content.designName;
        const double sectionWidth = fm.horizontalAdvance(section) + 20 * m_u;
        p.drawText(QRectF(0, 0, m_width - sectionWidth, m_header - 10 * m_u), Qt::AlignLeft | Qt::AlignBottom,
                   fm.elidedText(left, Qt::ElideRight, m_width - sectionWidth));
        p.drawText(QRectF(0, 0, m_width, m_header - 10 * m_u), Qt::AlignRight | Qt::AlignBottom, section);
        p.setPen(QPen(QColor(0xb8, 0xbe, 0xc6), 0.8 * m_u));
        p.drawLine(QPointF(0, m_header - 6 * m_u), QPointF(m_width, m_header - 6 * m_u));
        const double top = m_header + m_body;
        p.drawLine(QPointF(0, top + 6 * m_u), QPointF(m_width, top + 6 * m_u));
        p.setPen(QColor(0x55, 0x5b, 0x63));
        p.drawText(QRectF(0, top + 10 * m_u, m_width, m_footer - 10 * m_u), Qt::AlignLeft | Qt::AlignTop,
                   m_content.date);
        p.drawText(QRectF(0, top + 10 * m_u, m_width, m_footer - 10 * m_u), Qt::AlignRight | Qt::AlignTop,
                   QStringLiteral("Page %1 of %2").arg(number).arg(total));
        p.restore();
    }

    void titlePage(QPainter& p)
    {
        auto doc = html(m_content.titleHtml);
        const double top = m_body * 0.22;
        drawText(p, *doc, QPointF(0, top), -1);
        // Colour band: the three strategy colours, as on every chart.
        double x = 0;
        for (Strategy s : kAllStrategies) {
            p.fillRect(QRectF(x, top - 24 * m_u, m_width / 3, 6 * m_u), models::strategyColor(s));
            x += m_width / 3;
        }
        p.save();
        p.setPen(QColor(0x55, 0x5b, 0x63));
        p.setFont(font(7.5));
        p.drawText(QRectF(0, m_header + m_body, m_width, m_footer), Qt::AlignLeft | Qt::AlignBottom, m_content.titleFootnote);
        p.restore();
    }

    void contentsPage(QPainter& p, int first)
    {
        pageFrame(p, 2, first + m_pagination.pages, tr("Contents"));
        QString b = QStringLiteral("<h1>Contents</h1><table width='100%' cellpadding='4'>");
        for (const PagePlacement& pl : m_pagination.placed) {
            const models::ReportPiece& piece = m_content.pieces[pl.block];
            if (piece.section.isEmpty() || pl.docPage > 0)
                continue;
            b += QStringLiteral("<tr><td>%1&nbsp;&nbsp;%2</td><td align='right'>%3</td></tr>")
                     .arg(piece.number)
                     .arg(piece.section.toHtmlEscaped())
                     .arg(first + pl.page + 1);
        }
        b += QStringLiteral("</table>");
        auto doc = html(b);
        drawText(p, *doc, QPointF(0, m_header), -1);
    }

    static QString tr(const char* s) { return QCoreApplication::translate("Report", s); }

    QPagedPaintDevice* m_device;
    const models::EvaluationSnapshot& m_snap;
    ReportOptions m_options;
    double m_u;      ///< device pixels per 1/96 inch
    double m_width;  ///< content width, device pixels
    double m_header;
    double m_footer;
    double m_body;   ///< height between header and footer
    QFont m_font;
    models::ReportContent m_content;
    std::vector<FigureDrawer> m_figures; ///< per piece: how to draw it, when it is a figure
    Pagination m_pagination;
};

} // namespace

ReportOutcome renderReport(QPagedPaintDevice* device, const models::EvaluationSnapshot& snapshot, const ReportOptions& options)
{
    if (!device) {
        ReportOutcome out;
        out.error = QStringLiteral("no output device");
        return out;
    }
    return ReportWriter(device, snapshot, options).write();
}

ReportOutcome writeReportPdf(const models::EvaluationSnapshot& snapshot, const ReportOptions& options, const QString& path)
{
    ReportOutcome out;
    if (const QString error = models::outputError(path); !error.isEmpty()) {
        out.error = error;
        return out;
    }
    // Rendered in memory, then written all or nothing: a failed report (a full disk, say) never
    // leaves half a file or replaces the old one.
    QBuffer pdf;
    pdf.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&pdf);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(18, 14, 18, 12), QPageLayout::Millimeter);
        // 96 dpi: the unit Qt's widgets draw in, so chart and canvas text keeps its size. The PDF
        // stays vector: coordinates are written as real numbers, not device pixels.
        writer.setResolution(96);
        writer.setTitle(QStringLiteral("Strata report: %1").arg(QString::fromStdString(snapshot.scenario.name)));
        writer.setCreator(QStringLiteral("Strata %1").arg(QString::fromLatin1(kVersion)));
        out = renderReport(&writer, snapshot, options);
    } // the writer finishes the PDF here
    if (!out.ok) {
        out.error = QStringLiteral("%1: %2").arg(path, out.error);
        return out;
    }
    if (const QString error = models::writeFileAtomically(path, pdf.data()); !error.isEmpty()) {
        out.ok = false;
        out.error = error;
    }
    return out;
}

ReportOutcome writeReportPdf(const Scenario& scenario, const ReportOptions& options, const QString& path)
{
    if (const QString error = models::outputError(path); !error.isEmpty()) { // before the evaluation: a typo fails at once
        ReportOutcome out;
        out.error = error;
        return out;
    }
    return writeReportPdf(*models::snapshotWithResilience(scenario), options, path);
}

} // namespace strata::views
