// SPDX-License-Identifier: GPL-3.0-or-later
// The report's paginator: properties every layout must have, over many generated documents.

#include "views/paginator.h"

#include <QObject>
#include <QTest>
#include <QTextDocument>

#include <random>

using namespace strata::views;

namespace {

std::shared_ptr<QTextDocument> textOf(int paragraphs, double width)
{
    auto doc = std::make_shared<QTextDocument>();
    doc->setDocumentMargin(0);
    QString html;
    for (int i = 0; i < paragraphs; ++i)
        html += QStringLiteral("<p>Paragraph %1: the quick brown fox jumps over the lazy dog, again and again.</p>").arg(i);
    doc->setHtml(html);
    doc->setTextWidth(width);
    return doc;
}

} // namespace

class tst_Paginator : public QObject {
    Q_OBJECT
private slots:
    void emptyHasNoPages()
    {
        const Pagination p = paginate({}, 500, 800, 10);
        QCOMPARE(p.pages, 0);
        QVERIFY(p.placed.empty());
    }

    void sectionsStartPagesAndFiguresFitThem()
    {
        // Hand-worked: body 100, gap 10. A figure of 60 (page 0, y 0); one of 50 does not fit
        // below it (60 + 10 + 50 > 100), so page 1; a section of 20 starts page 2; a figure of 300
        // is shrunk to the page (page 3).
        std::vector<PageBlock> blocks(4);
        blocks[0].figureHeight = 60;
        blocks[1].figureHeight = 50;
        blocks[2].figureHeight = 20;
        blocks[2].startsSection = true;
        blocks[3].figureHeight = 300;
        const Pagination p = paginate(blocks, 500, 100, 10);
        QCOMPARE(p.pages, 4);
        QCOMPARE(p.placed.size(), size_t(4));
        QCOMPARE(p.placed[1].page, 1);
        QCOMPARE(p.placed[2].page, 2);
        QCOMPARE(p.placed[2].y, 0.0);
        QCOMPARE(p.placed[3].page, 3);
        QCOMPARE(p.placed[3].height, 100.0);
    }

    void generatedLayoutsKeepEveryRule()
    {
        std::mt19937 rng(5122026);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double width = 480, body = 600, gap = 10;
        int layouts = 0, splitTexts = 0, headingsMoved = 0;
        for (int trial = 0; trial < 150; ++trial) {
            std::vector<PageBlock> blocks(static_cast<size_t>(1 + u(rng) * 25));
            for (PageBlock& b : blocks) {
                const double r = u(rng);
                b.startsSection = u(rng) < 0.15;
                if (r < 0.45) {
                    b.figureHeight = 5 + u(rng) * body * 1.3;
                } else if (r < 0.7) {
                    b.text = textOf(1, width); // a heading
                    b.keepWithNext = true;
                } else {
                    b.text = textOf(1 + static_cast<int>(u(rng) * (r < 0.93 ? 12 : 60)), width);
                }
            }
            const Pagination p = paginate(blocks, width, body, gap);
            ++layouts;
            QVERIFY(!p.placed.empty());
            QCOMPARE(p.pages, p.placed.back().page + 1);
            size_t next = 0;
            for (size_t k = 0; k < p.placed.size(); ++k) {
                const PagePlacement& at = p.placed[k];
                QVERIFY2(at.y >= 0 && at.y + at.height <= body + 1e-9, "a block runs off its page");
                if (k > 0) {
                    const PagePlacement& prev = p.placed[k - 1];
                    QVERIFY2(at.page >= prev.page, "pages go backwards");
                    if (at.page == prev.page)
                        QVERIFY2(at.y >= prev.y + prev.height, "two blocks overlap");
                }
                if (at.docPage <= 0) { // the first placement of a block: blocks come in order, each once
                    QCOMPARE(at.block, next);
                    ++next;
                    const PageBlock& b = blocks[at.block];
                    if (b.startsSection)
                        QCOMPARE(at.y, 0.0);
                    if (!b.text && b.figureHeight >= body)
                        QCOMPARE(at.height, body);
                } else {
                    QCOMPARE(at.block, p.placed[k - 1].block); // the pages of one long text in a row
                    QCOMPARE(at.page, p.placed[k - 1].page + 1);
                    QCOMPARE(at.docPage, p.placed[k - 1].docPage + 1);
                }
            }
            QCOMPARE(next, blocks.size());
            // Headings in a row, with the block after them, share a page whenever they fit on one.
            std::vector<const PagePlacement*> first(blocks.size(), nullptr);
            for (const PagePlacement& at : p.placed)
                if (!first[at.block])
                    first[at.block] = &at;
            auto whole = [&](const PageBlock& b) { return std::min(b.text ? b.text->size().height() : b.figureHeight, body); };
            for (size_t i = 0; i < blocks.size(); ++i) {
                if (!blocks[i].keepWithNext || (i > 0 && blocks[i - 1].keepWithNext && !blocks[i].startsSection))
                    continue;
                double together = whole(blocks[i]);
                size_t j = i;
                while (blocks[j].keepWithNext && j + 1 < blocks.size() && !blocks[j + 1].startsSection)
                    together += gap + whole(blocks[++j]);
                if (j == i || together > body)
                    continue;
                QVERIFY2(first[j]->page == first[i]->page, "a heading was left at the foot of a page without its block");
                if (first[i]->y == 0 && i > 0 && first[i - 1]->page + 1 == first[i]->page)
                    ++headingsMoved;
            }
            for (const PagePlacement& at : p.placed)
                if (at.docPage == 0)
                    ++splitTexts;
        }
        QCOMPARE(layouts, 150);
        QVERIFY2(splitTexts > 10, "the generated documents should hold texts longer than a page");
        QVERIFY2(headingsMoved > 0, "no heading ever moved to the next page with its block");
    }
};

QTEST_MAIN(tst_Paginator)
#include "tst_paginator.moc"
