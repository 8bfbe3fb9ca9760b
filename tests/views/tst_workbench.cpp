// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench window, offscreen: palette drop, link drawing, inspector edits, copy/paste,
// delete, live results and diagnostics, driven as a user would through the real wiring.

#include "mainwindow.h"
#include "models/catalogmodel.h"
#include "models/diagnosticsmodel.h"
#include "models/projectdocument.h"
#include "testutil.h"
#include "views/inspectorwidget.h"
#include "views/linkitem.h"
#include "views/siteitem.h"
#include "views/topologyscene.h"
#include "views/topologyview.h"

#include <QGraphicsSceneDragDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace strata;
using namespace strata::core;

class tst_Workbench : public QObject {
    Q_OBJECT
private:
    static void drop(views::TopologyScene* scene, const QString& format, const QByteArray& payload, QPointF at)
    {
        QMimeData mime;
        mime.setData(format, payload);
        QGraphicsSceneDragDropEvent move(QEvent::GraphicsSceneDragMove);
        move.setScenePos(at);
        move.setMimeData(&mime);
        move.setProposedAction(Qt::CopyAction);
        move.setPossibleActions(Qt::CopyAction);
        QCoreApplication::sendEvent(scene, &move);
        QGraphicsSceneDragDropEvent ev(QEvent::GraphicsSceneDrop);
        ev.setScenePos(at);
        ev.setMimeData(&mime);
        ev.setProposedAction(Qt::CopyAction);
        ev.setPossibleActions(Qt::CopyAction);
        QCoreApplication::sendEvent(scene, &ev);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and autosaves in a test location
    }

    void paletteDropCreatesSiteThroughTheDocument()
    {
        app::MainWindow w;
        w.show();
        w.showCanvas();
        QSignalSpy added(w.document(), &models::ProjectDocument::siteAdded);
        drop(w.scene(), views::TopologyScene::siteKindMimeType(), "edge", QPointF(103, 58));
        QCOMPARE(added.count(), 1);
        const QString id = added.front().front().toString();
        QVERIFY(w.scene()->siteItem(id));
        QCOMPARE(w.document()->site(id)->kind, SiteKind::Edge);
        QCOMPARE(w.document()->site(id)->position->x, 100.0); // snapped to the 20-unit grid
        QCOMPARE(w.scene()->selectedSiteIds(), QStringList{id});
        // An accelerator dropped on the site becomes a pool of 8; a second drop grows it.
        drop(w.scene(), models::CatalogModel::acceleratorMimeType(), "nvidia-h100-sxm", QPointF(100, 60));
        drop(w.scene(), models::CatalogModel::acceleratorMimeType(), "nvidia-h100-sxm", QPointF(100, 60));
        QCOMPARE(w.document()->site(id)->pools.size(), size_t(1));
        QCOMPARE(w.document()->site(id)->pools[0].count, 16LL);
        w.document()->undoStack()->undo();
        w.document()->undoStack()->undo();
        w.document()->undoStack()->undo();
        QVERIFY(!w.scene()->siteItem(id));
        w.document()->undoStack()->redo();
        QVERIFY(w.scene()->siteItem(id));
    }

    void dragFromPortDrawsALink()
    {
        app::MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.showCanvas();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString a = w.document()->addSite(SiteKind::Edge, QPointF(0, 0));
        const QString b = w.document()->addSite(SiteKind::Cloud, QPointF(400, 0));
        w.view()->resetZoom();
        w.view()->centerOn(200, 0);
        QWidget* vp = w.view()->viewport();
        const QPoint from = w.view()->mapFromScene(w.scene()->siteItem(a)->portScenePos());
        const QPoint to = w.view()->mapFromScene(QPointF(400, 0));
        QSignalSpy linkAdded(w.document(), &models::ProjectDocument::linkAdded);
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QTest::mouseMove(vp, from + QPoint(50, 0));
        QTest::mouseMove(vp, to);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
        QCOMPARE(linkAdded.count(), 1);
        const Link* l = w.document()->link(linkAdded.front().front().toString());
        QVERIFY(l);
        QCOMPARE(QString::fromStdString(l->a), a);
        QCOMPARE(QString::fromStdString(l->b), b);
        QCOMPARE(l->kind, LinkKind::Wan);
        QCOMPARE(w.scene()->linkItemCount(), 1);
        // Dragging the site body moves it (one undo step), it does not draw a link.
        const QPoint body = w.view()->mapFromScene(QPointF(0, 0));
        QTest::mousePress(vp, Qt::LeftButton, {}, body);
        QTest::mouseMove(vp, body + QPoint(30, 10));
        QTest::mouseMove(vp, body + QPoint(61, 41));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, body + QPoint(61, 41));
        QCOMPARE(linkAdded.count(), 1);
        QCOMPARE(w.document()->site(a)->position->x, 60.0);
        QCOMPARE(w.document()->site(a)->position->y, 40.0);
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->site(a)->position->x, 0.0);
    }

    void inspectorEditsAreUndoableAndBadInputIsRefused()
    {
        app::MainWindow w;
        w.show();
        w.showCanvas();
        const QString a = w.document()->addSite(SiteKind::Edge, QPointF(0, 0));
        const QString b = w.document()->addSite(SiteKind::Cloud, QPointF(400, 0));
        const QString l = w.document()->addLink(a, b);
        w.scene()->selectElement(QStringLiteral("link"), l);
        auto* bandwidth = qobject_cast<QLineEdit*>(w.inspector()->editor(QStringLiteral("bandwidth_gbps")));
        QVERIFY(bandwidth);
        bandwidth->setFocus();
        bandwidth->selectAll();
        QTest::keyClicks(bandwidth, QStringLiteral("1.2 TB/s"));
        QTest::keyClick(bandwidth, Qt::Key_Return);
        QCOMPARE(w.document()->link(l)->bandwidthGbps, 9600.0);
        const int steps = w.document()->undoStack()->count();
        bandwidth->selectAll();
        QTest::keyClicks(bandwidth, QStringLiteral("-5 Gbps"));
        QTest::keyClick(bandwidth, Qt::Key_Return);
        QCOMPARE(w.document()->link(l)->bandwidthGbps, 9600.0); // refused
        QCOMPARE(w.document()->undoStack()->count(), steps);
        QVERIFY2(w.inspector()->error().contains(QStringLiteral("greater than 0")), qPrintable(w.inspector()->error() + " / " + bandwidth->text()));
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->link(l)->bandwidthGbps, 100.0);
        // Multi-selection: one edit sets both sites' PUE in one undo step.
        w.scene()->selectIds({a, b}, {});
        auto* pue = qobject_cast<QLineEdit*>(w.inspector()->editor(QStringLiteral("pue")));
        QVERIFY(pue);
        pue->setFocus();
        QTest::keyClicks(pue, QStringLiteral("1.2"));
        QTest::keyClick(pue, Qt::Key_Return);
        QCOMPARE(*w.document()->site(a)->pue, 1.2);
        QCOMPARE(*w.document()->site(b)->pue, 1.2);
        w.document()->undoStack()->undo();
        QVERIFY(!w.document()->site(a)->pue && !w.document()->site(b)->pue);
    }

    void copyPasteKeepsInternalLinksAndDeleteIsOneStep()
    {
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/dcc-paper-comparison.json")));
        const Scenario& sc = w.document()->scenario();
        QCOMPARE(w.scene()->siteItemCount(), int(sc.sites.size()));
        QCOMPARE(w.scene()->linkItemCount(), int(sc.links.size()));
        const Link first = sc.links.front();
        const QString a = QString::fromStdString(first.a), b = QString::fromStdString(first.b);
        w.scene()->selectIds({a, b}, {});
        w.scene()->copySelection();
        const size_t links = sc.links.size(), sites = sc.sites.size();
        w.scene()->paste();
        QCOMPARE(w.document()->scenario().sites.size(), sites + 2);
        QCOMPARE(w.document()->scenario().links.size(), links + 1);
        QCOMPARE(w.scene()->selectedSiteIds().size(), 2);
        QVERIFY(!w.scene()->selectedSiteIds().contains(a));
        w.document()->undoStack()->undo();
        // Delete a site with links: one step, and undo brings every link back.
        const Scenario before = w.document()->scenario();
        w.scene()->selectIds({a}, {});
        const int steps = w.document()->undoStack()->index();
        w.scene()->deleteSelection();
        QCOMPARE(w.document()->undoStack()->index(), steps + 1);
        QVERIFY(w.document()->scenario().links.size() < links);
        QCOMPARE(w.scene()->linkItemCount(), int(w.document()->scenario().links.size()));
        w.document()->undoStack()->undo();
        QVERIFY(w.document()->scenario() == before);
        QCOMPARE(w.scene()->linkItemCount(), int(links));
    }

    void resultsFollowEditsAndDiagnosticsSelect()
    {
        app::MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy ready(w.evaluation(), &models::EvaluationService::resultsReady);
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/dcc-paper-comparison.json")));
        QVERIFY(ready.wait(5000));
        const auto first = w.evaluation()->latest();
        QVERIFY(first->evaluation.ok());
        // An edit re-evaluates: cut every link's bandwidth to 1 Gbps.
        std::vector<Link> slow = w.document()->scenario().links;
        for (Link& l : slow)
            l.bandwidthGbps = 1;
        w.document()->replaceLinks(slow, QStringLiteral("slow"));
        QVERIFY(ready.wait(5000));
        QVERIFY(w.evaluation()->latest()->generation > first->generation);
        QCOMPARE(w.evaluation()->latest()->scenario.links.front().bandwidthGbps, 1.0);
        // A diagnostic naming a site: clicking it selects that site on the canvas.
        QTableView* diagnostics = w.diagnosticsView();
        int row = -1;
        for (int r = 0; r < diagnostics->model()->rowCount(); ++r)
            if (diagnostics->model()->index(r, 0).data(models::DiagnosticsModel::ElementKindRole).toInt() == models::ElementRef::Site)
                row = r;
        QVERIFY2(row >= 0, "the example should report a diagnostic on a site");
        const QString id = diagnostics->model()->index(row, 0).data(models::DiagnosticsModel::ElementIdRole).toString();
        diagnostics->scrollTo(diagnostics->model()->index(row, 1));
        QTest::mouseClick(diagnostics->viewport(), Qt::LeftButton, {}, diagnostics->visualRect(diagnostics->model()->index(row, 1)).center());
        QCOMPARE(w.scene()->selectedSiteIds(), QStringList{id});
    }
};

QTEST_MAIN(tst_Workbench)
#include "tst_workbench.moc"
