// SPDX-License-Identifier: GPL-3.0-or-later
#include "paginator.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>

namespace strata::views {

namespace {

/// Height of \a b as laid out whole (a figure's, or a text's up to one page).
double wholeHeight(const PageBlock& b, double body)
{
    return std::min(b.text ? b.text->size().height() : b.figureHeight, body);
}

} // namespace

Pagination paginate(const std::vector<PageBlock>& blocks, double width, double body, double gap)
{
    Pagination out;
    int page = 0;
    double y = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
        const PageBlock& b = blocks[i];
        if (b.startsSection && y > 0 && i > 0) {
            ++page;
            y = 0;
        }
        if (b.text) {
            const double h = b.text->size().height();
            // A heading goes to the next page with what follows it rather than alone at the foot
            // (with every heading in a row and the block after them).
            double together = h;
            size_t j = i;
            while (blocks[j].keepWithNext && j + 1 < blocks.size() && !blocks[j + 1].startsSection) {
                ++j;
                together += gap + wholeHeight(blocks[j], body);
            }
            if (y > 0 && j > i && together > body - y && together <= body) {
                ++page;
                y = 0;
            }
            if (h <= body - y) {
                out.placed.push_back({i, page, y, -1, h});
                y += h + gap;
            } else if (h <= body) {
                ++page;
                out.placed.push_back({i, page, 0, -1, h});
                y = h + gap;
            } else {
                if (y > 0) {
                    ++page;
                    y = 0;
                }
                b.text->setPageSize(QSizeF(width, body)); // QTextDocument breaks lines and table rows at pages
                const int n = b.text->pageCount();
                const QRectF last = b.text->documentLayout()->blockBoundingRect(b.text->lastBlock());
                const double lastHeight = std::clamp(last.bottom() - (n - 1) * body, 0.0, body);
                for (int k = 0; k < n; ++k)
                    out.placed.push_back({i, page + k, 0, k, k + 1 < n ? body : lastHeight});
                page += n - 1;
                y = lastHeight + gap;
            }
        } else {
            if (b.figureHeight > body - y && y > 0) {
                ++page;
                y = 0;
            }
            const double h = std::min(b.figureHeight, body);
            out.placed.push_back({i, page, y, -1, h});
            y += h + gap;
        }
    }
    out.pages = blocks.empty() ? 0 : page + 1;
    return out;
}

} // namespace strata::views
