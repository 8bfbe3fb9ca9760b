// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

class QTextDocument;

namespace strata::views {

/// A block to lay onto pages: text (a QTextDocument laid out at the page width) or a figure of
/// a given height.
struct PageBlock {
    bool startsSection = false; ///< a numbered section: it starts on a page of its own
    bool keepWithNext = false;  ///< a heading: never alone at the foot of a page
    std::shared_ptr<QTextDocument> text; ///< empty: a figure
    double figureHeight = 0;    ///< a figure's height, device pixels
};

/// Where a block landed: its page (0 = the first), its top on the page, and which page of a text
/// block that runs over several pages it is.
struct PagePlacement {
    size_t block = 0;
    int page = 0;
    double y = 0;
    int docPage = -1; ///< −1: the whole block; else this page of the block's own pagination
    double height = 0;
};

struct Pagination {
    std::vector<PagePlacement> placed; ///< in block order
    int pages = 0;
};

/**
 * Lays \a blocks top to bottom onto pages \a body device pixels tall, \a gap apart. A numbered
 * section starts a new page; a block that does not fit below the last moves to the next page
 * whole; a heading moves with the block after it; a text taller than a page is broken at lines
 * and table rows by QTextDocument (its page size is set to \a width × \a body); a figure taller
 * than a page is shrunk to it. Every placement lies within [0, body].
 */
Pagination paginate(const std::vector<PageBlock>& blocks, double width, double body, double gap);

} // namespace strata::views
