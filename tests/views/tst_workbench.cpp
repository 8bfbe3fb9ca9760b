// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench window, offscreen: palette drop, link drawing, inspector edits, copy/paste,
// delete, live results and diagnostics, driven as a user would through the real wiring.

#include "mainwindow.h"
#include "models/catalogmodel.h"
#include "models/diagnosticsmodel.h"
#include "models/projectdocument.h"
#include "testutil.h"
#include "engine/comparison.h"
#include "views/inspectorwidget.h"
#include "views/linkitem.h"
#include "views/modeldialog.h"
#include "views/siteitem.h"
#include "views/topologyscene.h"
#include "views/topologyview.h"

#include "io/projectstore.h"
#include "io/scenariojson.h"
#include "model/scenariopath.h"
#include "views/workloadspanel.h"
#include "views/sweepdialog.h"
#include "views/reportdialog.h"

#include <QPrintPreviewWidget>
#include "models/scalingcurves.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QTableWidget>
#include <QMenu>
#include <QTimer>
#include <nlohmann/json.hpp>
#include <QMessageBox>
#include <QAbstractButton>
#include <QFileInfo>
#include <QWheelEvent>

#include <QFile>
#include <QGraphicsSceneDragDropEvent>
#include <QTemporaryDir>
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
        QVERIFY2(w.inspector()->error().contains(QStringLiteral("a link needs at least 1 kbit/s")), qPrintable(w.inspector()->error() + " / " + bandwidth->text()));
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

    void formsApplyTheRegistryRules()
    {
        // The inspector and the Workloads form take their ranges and edit rules from the field
        // registry, as the file reader and validation do (issue 13's drift list).
        app::MainWindow w;
        w.show();
        w.showCanvas();
        const QString a = w.document()->addSite(SiteKind::Edge, QPointF(0, 0));
        const QString b = w.document()->addSite(SiteKind::Cloud, QPointF(400, 0));
        const QString l = w.document()->addLink(a, b);
        auto type = [&](const QString& key, const QString& text) {
            auto* e = qobject_cast<QLineEdit*>(w.inspector()->editor(key));
            QVERIFY2(e, qPrintable(key));
            e->setFocus();
            e->selectAll();
            QTest::keyClicks(e, text);
            QTest::keyClick(e, Qt::Key_Return);
        };
        // The inspector applies the registry's range, as core does: PUE from 1 to 10 (issue 13 made
        // it one rule; issue 14 gave it its upper bound).
        w.scene()->selectElement(QStringLiteral("site"), a);
        type(QStringLiteral("pue"), QStringLiteral("9.5"));
        QCOMPARE(w.document()->site(a)->pue.value_or(0), 9.5);
        type(QStringLiteral("pue"), QStringLiteral("12"));
        QCOMPARE(w.document()->site(a)->pue.value_or(0), 9.5); // above 10: refused
        QVERIFY2(w.inspector()->error().contains(QStringLiteral("between 1 and 10")), qPrintable(w.inspector()->error()));
        type(QStringLiteral("pue"), QStringLiteral("0.9"));
        QCOMPARE(w.document()->site(a)->pue.value_or(0), 9.5); // below 1: refused, with the reason
        QVERIFY2(w.inspector()->error().contains(QStringLiteral("facility power")), qPrintable(w.inspector()->error()));

        // Typing a latency drops the distance and its route factor, as a sweep of latency_ms does.
        w.scene()->selectElement(QStringLiteral("link"), l);
        type(QStringLiteral("distance_km"), QStringLiteral("300 km"));
        type(QStringLiteral("route_factor"), QStringLiteral("1.5"));
        QCOMPARE(w.document()->link(l)->distanceKm.value_or(0), 300.0);
        QCOMPARE(w.document()->link(l)->routeFactor.value_or(0), 1.5);
        type(QStringLiteral("latency_ms"), QStringLiteral("4 ms"));
        Link edited = *w.document()->link(l);
        QCOMPARE(edited.latencyMs.value_or(0), 4.0);
        QVERIFY(!edited.distanceKm && !edited.routeFactor);
        Scenario swept = w.document()->scenario();
        swept.links.back().distanceKm = 300;
        swept.links.back().routeFactor = 1.5;
        swept.links.back().latencyMs.reset();
        double four = 4;
        QVERIFY(setScenarioValue(swept, "links." + l.toStdString() + ".latency_ms", four).empty());
        QCOMPARE(swept.links.back(), edited);

        // The Workloads form refuses 0 federated rounds, as validation does (at least 1).
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/healthcare-federated.json")));
        const Scenario& sc = w.document()->scenario();
        const auto fed = std::find_if(sc.workloads.begin(), sc.workloads.end(),
                                      [](const Workload& x) { return x.type() == WorkloadType::Federated; });
        QVERIFY(fed != sc.workloads.end());
        const double rounds = fed->federated()->rounds;
        w.workloadsPanel()->selectWorkload(QString::fromStdString(fed->id));
        auto* field = w.workloadsPanel()->findChild<QLineEdit*>(QStringLiteral("workload_rounds"));
        QVERIFY(field);
        field->setText(QStringLiteral("0"));
        field->setModified(true);
        emit field->editingFinished();
        QCOMPARE(w.document()->scenario().workloads[size_t(fed - sc.workloads.begin())].federated()->rounds, rounds);
        auto* error = w.workloadsPanel()->findChild<QLabel*>(QStringLiteral("workloadError"));
        QVERIFY(error);
        QVERIFY2(error->text().contains(QStringLiteral("between 1 and")), qPrintable(error->text()));
    }

    void strategySettingsAreEditableAndUndoable()
    {
        // With nothing selected the inspector shows the scenario, and its strategy settings.
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        w.scene()->clearSelection();
        QCoreApplication::processEvents();
        const std::optional<double> before = w.document()->scenario().strategies[Strategy::Hybrid].rhoTarget;
        auto* rho = qobject_cast<QLineEdit*>(w.inspector()->editor(QStringLiteral("rho_hybrid")));
        QVERIFY(rho);
        rho->setFocus();
        rho->selectAll();
        QTest::keyClicks(rho, QStringLiteral("60 %"));
        QTest::keyClick(rho, Qt::Key_Return);
        QCOMPARE(*w.document()->scenario().strategies[Strategy::Hybrid].rhoTarget, 0.6);
        QVERIFY(w.document()->scenario().strategiesGiven);
        // Out of range: refused with the reason, nothing changes.
        const int steps = w.document()->undoStack()->count();
        rho = qobject_cast<QLineEdit*>(w.inspector()->editor(QStringLiteral("rho_hybrid")));
        rho->selectAll();
        QTest::keyClicks(rho, QStringLiteral("150 %"));
        QTest::keyClick(rho, Qt::Key_Return);
        QCOMPARE(w.document()->undoStack()->count(), steps);
        QVERIFY2(w.inspector()->error().contains(QStringLiteral("at most 100")), qPrintable(w.inspector()->error()));
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->scenario().strategies[Strategy::Hybrid].rhoTarget, before);

        // Distributed training's cross-border copies: a check box, one undo step each way.
        auto* copies = qobject_cast<QCheckBox*>(w.inspector()->editor(QStringLiteral("allow_cross_border_copies")));
        QVERIFY(copies);
        QVERIFY(!copies->isChecked());
        const int before2 = w.document()->undoStack()->index();
        copies->click();
        QCOMPARE(w.document()->scenario().strategies[Strategy::Distributed].allowCrossBorderCopies, std::optional<bool>(true));
        QCOMPARE(w.document()->undoStack()->index(), before2 + 1);
        w.document()->undoStack()->undo();
        QVERIFY(!w.document()->scenario().strategies[Strategy::Distributed].allowCrossBorderCopies.value_or(false));
        copies = qobject_cast<QCheckBox*>(w.inspector()->editor(QStringLiteral("allow_cross_border_copies")));
        QVERIFY(copies && !copies->isChecked());

        // The central site: any cloud site, and the evaluation follows.
        auto* central = qobject_cast<QComboBox*>(w.inspector()->editor(QStringLiteral("central_site")));
        QVERIFY(central);
        QVERIFY(central->count() >= 2);
        const int last = central->count() - 1;
        const QString chosen = central->itemData(last).toString();
        central->setCurrentIndex(last);
        emit central->activated(last);
        QCOMPARE(QString::fromStdString(*w.document()->scenario().strategies[Strategy::Centralized].site), chosen);
        w.evaluation()->evaluateNow();
        QCoreApplication::processEvents();
        const auto snapshot = w.evaluation()->latest();
        QCOMPARE(QString::fromStdString(snapshot->evaluation.results[0].centralSite), chosen);

        // Leaving out strategies: never the last one.
        QCheckBox* boxes[3] = {w.inspector()->findChild<QCheckBox*>(QStringLiteral("field_strategy_centralized")),
                               w.inspector()->findChild<QCheckBox*>(QStringLiteral("field_strategy_distributed")),
                               w.inspector()->findChild<QCheckBox*>(QStringLiteral("field_strategy_hybrid"))};
        for (QCheckBox* box : boxes)
            QVERIFY(box && box->isChecked());
        boxes[0]->setChecked(false);
        boxes[1]->setChecked(false);
        QVERIFY(!w.document()->scenario().strategies[Strategy::Centralized].enabled);
        QVERIFY(!w.document()->scenario().strategies[Strategy::Distributed].enabled);
        boxes[2]->setChecked(false); // the last: refused
        QVERIFY(w.document()->scenario().strategies[Strategy::Hybrid].enabled);
        QVERIFY(boxes[2]->isChecked());
        QVERIFY(w.inspector()->error().contains(QStringLiteral("at least one")));
        w.evaluation()->evaluateNow();
        QCoreApplication::processEvents();
        QCOMPARE(w.evaluation()->latest()->evaluation.results.size(), size_t(1));
        w.document()->markSaved();
    }

    void sourceRatesAreEditedPerSource()
    {
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/dcc-paper-comparison.json")));
        const QString id = QString::fromStdString(w.document()->scenario().workloads[0].id);
        w.workloadsPanel()->selectWorkload(id);
        auto* table = w.workloadsPanel()->findChild<QTableWidget*>(QStringLiteral("workload_sites"));
        QVERIFY(table);
        const auto& sources = std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec).sources;
        QCOMPARE(table->rowCount(), int(sources.size()));
        QVERIFY(sources.size() >= 2);
        const double other = sources[0].ratePerDevice;
        // Row 1's rate: 0.25 req/s per device; row 0 keeps its own.
        table->item(1, 2)->setText(QStringLiteral("0.25"));
        const auto& now = std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec).sources;
        QCOMPARE(now[1].ratePerDevice, 0.25);
        QCOMPARE(now[0].ratePerDevice, other);
        // A negative rate is refused and says which source.
        QCoreApplication::processEvents();
        table = w.workloadsPanel()->findChild<QTableWidget*>(QStringLiteral("workload_sites"));
        table->item(0, 2)->setText(QStringLiteral("-1"));
        QCOMPARE(std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec).sources[0].ratePerDevice, other);
        w.document()->undoStack()->undo();
        QVERIFY(std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec).sources[1].ratePerDevice != 0.25);
        w.document()->markSaved();
    }

    void storagePrecisionsAreChosenInTheWorkloadsForm()
    {
        // Issue 15: an inference service's weights and KV cache precisions, one undo step each;
        // "default" leaves the field out; tf32 (a compute mode) is not offered.
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/llm-assistant-regions.json")));
        const QString id = QString::fromStdString(w.document()->scenario().workloads[0].id);
        w.workloadsPanel()->selectWorkload(id);
        QCoreApplication::processEvents();
        auto* weights = w.workloadsPanel()->findChild<QComboBox*>(QStringLiteral("workload_weight_precision"));
        auto* kv = w.workloadsPanel()->findChild<QComboBox*>(QStringLiteral("workload_kv_cache_precision"));
        QVERIFY(weights && kv);
        QCOMPARE(weights->currentIndex(), 0); // default
        QCOMPARE(weights->findData(QStringLiteral("tf32")), -1);
        const int steps = w.document()->undoStack()->count();
        const int int4 = weights->findData(QStringLiteral("int4"));
        QVERIFY(int4 > 0);
        weights->setCurrentIndex(int4);
        emit weights->activated(int4);
        QCoreApplication::processEvents();
        auto spec = [&] { return std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec); };
        QCOMPARE(spec().weightPrecision, std::optional<Precision>(Precision::INT4));
        QCOMPARE(w.document()->undoStack()->count(), steps + 1);
        kv = w.workloadsPanel()->findChild<QComboBox*>(QStringLiteral("workload_kv_cache_precision"));
        const int fp8 = kv->findData(QStringLiteral("fp8"));
        kv->setCurrentIndex(fp8);
        emit kv->activated(fp8);
        QCoreApplication::processEvents();
        QCOMPARE(spec().kvCachePrecision, std::optional<Precision>(Precision::FP8));
        w.document()->undoStack()->undo();
        w.document()->undoStack()->undo();
        QVERIFY(!spec().weightPrecision && !spec().kvCachePrecision);
        w.document()->markSaved();
    }

    void wheelOverAFieldWithoutFocusChangesNothing()
    {
        // Issue 12: scrolling the Workloads form over a training job's precision turned bf16 into
        // fp64 with three undo steps. A combo box without focus now lets the wheel pass.
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/llm-pretraining-regions.json")));
        const QString id = QString::fromStdString(w.document()->scenario().workloads[0].id);
        w.workloadsPanel()->selectWorkload(id);
        QCoreApplication::processEvents();
        auto* precision = w.workloadsPanel()->findChild<QComboBox*>(QStringLiteral("workload_precision"));
        QVERIFY(precision);
        // Bring the Workloads dock to the front, as a user does to scroll its form.
        for (QWidget* p = w.workloadsPanel(); p; p = p->parentWidget())
            if (auto* dock = qobject_cast<QDockWidget*>(p)) {
                dock->show();
                dock->raise();
            }
        QCoreApplication::processEvents();
        QVERIFY(precision->isVisible());
        QCOMPARE(precision->focusPolicy(), Qt::StrongFocus);
        QVERIFY(!precision->hasFocus());
        const int index = precision->currentIndex();
        const int steps = w.document()->undoStack()->count();
        const Scenario before = w.document()->scenario();
        for (int turn = 0; turn < 3; ++turn) {
            QWheelEvent wheel(QPointF(5, 5), precision->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(precision, &wheel);
        }
        QCOMPARE(precision->currentIndex(), index);
        QCOMPARE(w.document()->undoStack()->count(), steps);
        QVERIFY(w.document()->scenario() == before);
        // With focus (a click or Tab) the wheel works as usual.
        precision->setFocus();
        QVERIFY(precision->hasFocus());
        QWheelEvent wheel(QPointF(5, 5), precision->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(precision, &wheel);
        QVERIFY(precision->currentIndex() != index);
        w.document()->markSaved();
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
        // The copy sits 2 grid steps off the original; a second paste 2 more (not on the first).
        const QString copyOfA = w.scene()->selectedSiteIds().front();
        const auto positionOf = [&](const QString& id) { return w.document()->site(id)->position; };
        w.scene()->paste();
        const QString secondCopy = w.scene()->selectedSiteIds().front();
        QVERIFY(positionOf(copyOfA) && positionOf(secondCopy));
        QVERIFY(positionOf(copyOfA)->x != positionOf(secondCopy)->x);
        w.document()->undoStack()->undo();
        w.document()->undoStack()->undo();
        // Duplicate: the same two sites and their link again, as one undo step.
        w.scene()->selectIds({a, b}, {});
        const int stepsBefore = w.document()->undoStack()->index();
        w.scene()->duplicateSelection();
        QCOMPARE(w.document()->undoStack()->index(), stepsBefore + 1);
        QCOMPARE(w.document()->scenario().sites.size(), sites + 2);
        QCOMPARE(w.document()->scenario().links.size(), links + 1);
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

    void newWorkloadEvaluatesAtOnce()
    {
        // Draw a device group, an edge site with GPUs and a link, add an inference service with
        // the device group as its source: the design evaluates with no error.
        app::MainWindow w;
        w.show();
        w.showCanvas();
        QSignalSpy ready(w.evaluation(), &models::EvaluationService::resultsReady);
        const QString devices = w.document()->addSite(SiteKind::Device, QPointF(0, 0));
        const QString edge = w.document()->addSite(SiteKind::Edge, QPointF(300, 0));
        w.document()->addAccelerators(edge, QStringLiteral("nvidia-l4"), 8);
        w.document()->addLink(devices, edge);
        w.scene()->selectIds({devices}, {});
        w.workloadsPanel()->addWorkload(int(WorkloadType::Inference));
        QCOMPARE(w.document()->scenario().workloads.size(), size_t(1));
        const Workload& wl = w.document()->scenario().workloads[0];
        QVERIFY(wl.precision.has_value());
        const InferenceSpec& spec = std::get<InferenceSpec>(wl.spec);
        QCOMPARE(spec.sources.size(), size_t(1));
        QCOMPARE(QString::fromStdString(spec.sources[0].site), devices);
        QVERIFY(ready.wait(5000));
        while (ready.wait(300)) {
        }
        const auto snapshot = w.evaluation()->latest();
        QVERIFY2(snapshot->evaluation.ok(), snapshot->evaluation.diagnostics.empty() ? "" : snapshot->evaluation.diagnostics.front().message.c_str());
        QCOMPARE(snapshot->evaluation.results.size(), size_t(3));
        QVERIFY(snapshot->evaluation.results[2].inference.front().throughputRps > 0);
    }

    void anInvalidWorkloadDoesNotBlankTheOthers()
    {
        // Issue 12: "Add workload → Training job" on a design whose first model is a CNN gave
        // "training needs a transformer model" and blanked every result.
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/av-perception-edge-vs-cloud.json")));
        QCOMPARE(w.document()->scenario().models.front().kind, ModelKind::Generic);
        const size_t models = w.document()->scenario().models.size();
        w.scene()->clearSelection();
        w.workloadsPanel()->addWorkload(int(WorkloadType::Training));
        // It starts valid: a transformer preset joins the design with it.
        const Workload& job = w.document()->scenario().workloads.back();
        const Model* m = w.document()->scenario().findModel(job.model);
        QVERIFY(m && m->kind == ModelKind::Transformer);
        QCOMPARE(w.document()->scenario().models.size(), models + 1);
        w.evaluation()->evaluateNow();
        auto snapshot = w.evaluation()->latest();
        QVERIFY(snapshot->evaluation.ok());
        QVERIFY(!hasErrors(snapshot->evaluation.diagnostics));

        // Made invalid by hand (the CNN as its model): the job shows its error, the service is still evaluated.
        Workload bad = job;
        bad.model = w.document()->scenario().models.front().id;
        w.document()->replaceWorkload(QString::fromStdString(job.id), bad);
        w.evaluation()->evaluateNow();
        snapshot = w.evaluation()->latest();
        const Evaluation& ev = snapshot->evaluation;
        QVERIFY(ev.ok());
        QCOMPARE(ev.invalidWorkloads, std::vector<std::string>{job.id});
        QVERIFY(hasErrors(ev.diagnostics));
        QVERIFY(!ev.results.empty());
        QVERIFY(findResult(ev.results.front().inference, w.document()->scenario().workloads.front().id));
        QVERIFY(!findResult(ev.results.front().training, job.id));
        const auto tables = compareStrategies(snapshot->scenario, ev);
        QCOMPARE(tables.back().workload, job.id);
        QVERIFY(tables.back().error.find("transformer") != std::string::npos);
        QCOMPARE(tables.back().rows.size(), size_t(1));
        QCOMPARE(tables.back().rows[0].cells.size(), ev.results.size());
        w.document()->markSaved();
    }

    void openingAProjectOffersItsNewerAutosavedCopy()
    {
        // Issue 14, item 6: `strata FILE` after a crash opened the old file with no hint of the
        // newer autosaved copy. The crashed session left a lock nobody holds (naming PID 1, as in
        // a container) and a copy written after the file.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fraud.strata"));
        Scenario sc = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        QVERIFY(saveProject(sc, path.toStdString()).ok());
        const QString autosave = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
        QVERIFY(QDir().mkpath(autosave));
        {
            QFile lock(autosave + QStringLiteral("/crashed-9.lock"));
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write(QStringLiteral("1\n%1\nhost\n").arg(path).toUtf8());
        }
        sc.name = "edited after the last save";
        const QString copy = autosave + QStringLiteral("/crashed-9.strata");
        QVERIFY(saveProject(sc, copy.toStdString()).ok());
        QFile copyFile(copy);
        QVERIFY(copyFile.open(QIODevice::ReadWrite));
        QVERIFY(copyFile.setFileTime(QFileInfo(path).lastModified().addSecs(60), QFileDevice::FileModificationTime));
        copyFile.close();

        app::MainWindow w;
        w.show();
        QString asked;
        QTimer::singleShot(0, [&] {
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* m = qobject_cast<QMessageBox*>(top); m && m->isVisible() && m->objectName() == QLatin1String("newerCopy")) {
                    asked = m->text();
                    for (QAbstractButton* b : m->buttons())
                        if (b->text() == QLatin1String("Restore Copy"))
                            b->click();
                }
        });
        QVERIFY(w.openFile(path));
        QVERIFY2(asked.contains(QStringLiteral("fraud.strata")), qPrintable(asked));
        QCOMPARE(w.document()->scenario().name, std::string("edited after the last save"));
        QVERIFY(w.document()->isModified()); // restored, not yet saved
        QVERIFY(!QFile::exists(copy));       // the crashed session's copy is taken over
        w.document()->markSaved();
    }

    void aFileWithInvalidValuesOpensToBeFixed()
    {
        // Issue 12: pue 0.5, a typo'd field and a negative bandwidth made the file unopenable.
        QString text = QString::fromStdString(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        nlohmann::json j = nlohmann::json::parse(text.toStdString());
        const std::string siteId = j["sites"][0]["id"], linkId = j["links"][0]["id"];
        j["sites"][0]["pue"] = 0.5;
        j["sites"][0]["carbon_intensity"] = 300; // a typo'd field
        j["links"][0]["bandwidth_gbps"] = -10;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(j.dump(2)));
        out.close();

        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        auto* box = w.findChild<QMessageBox*>(QStringLiteral("openProblems"));
        QVERIFY(box);
        QVERIFY(box->detailedText().contains(QStringLiteral("carbon_intensity")));
        box->close();
        // The values are kept as written, the typo'd field left out.
        const Site* site = w.document()->scenario().findSite(siteId);
        QVERIFY(site);
        QCOMPARE(*site->pue, 0.5);
        QCOMPARE(w.document()->scenario().links[0].bandwidthGbps, -10.0);
        // Nothing is evaluated; both errors are listed with their elements.
        w.evaluation()->evaluateNow();
        QVERIFY(!w.evaluation()->latest()->evaluation.ok());
        const Diagnostics& d = w.evaluation()->latest()->evaluation.diagnostics;
        auto listed = [&](const std::string& element, const std::string& field) {
            return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) {
                return x.severity == Severity::Error && x.element.key() == element && x.message.find(field) != std::string::npos;
            });
        };
        QVERIFY(listed("site:" + siteId, "pue"));
        QVERIFY(listed("link:" + linkId, "bandwidth_gbps"));
        // Fixed in the document (as the inspector does), the design evaluates.
        Site fixed = *site;
        fixed.pue = 1.2;
        w.document()->replaceSite(QString::fromStdString(siteId), fixed, QStringLiteral("Set PUE"));
        Link link = w.document()->scenario().links[0];
        link.bandwidthGbps = 10;
        w.document()->replaceLink(QString::fromStdString(linkId), link, QStringLiteral("Set bandwidth"));
        w.evaluation()->evaluateNow();
        QVERIFY(w.evaluation()->latest()->evaluation.ok());
        QVERIFY(!hasErrors(w.evaluation()->latest()->evaluation.diagnostics));
        w.document()->markSaved();

        // Not a design at all: still refused.
        const QString junk = dir.filePath(QStringLiteral("junk.json"));
        QFile bad(junk);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\": \"something-else\", \"version\": 1}");
        bad.close();
        QTimer::singleShot(0, [] {
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* m = qobject_cast<QMessageBox*>(top); m && m->isVisible())
                    m->accept();
        });
        QVERIFY(!w.openFile(junk));
    }

    void aModelPresetSetsTheServiceFieldsInOneStep()
    {
        // Issue 12: choosing "Llama-class 70B" kept 100,000 B requests, a 100 ms SLO and batch 1,
        // so the first LLM design was saturated everywhere.
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        const QString id = QString::fromStdString(w.document()->scenario().workloads[0].id);
        w.workloadsPanel()->selectWorkload(id);
        QCoreApplication::processEvents();
        auto* model = w.workloadsPanel()->findChild<QComboBox*>(QStringLiteral("workload_model"));
        QVERIFY(model);
        const int at = model->findData(QStringLiteral("llama-2-70b"));
        QVERIFY(at >= 0);
        const Scenario before = w.document()->scenario();
        const int steps = w.document()->undoStack()->index();
        QSignalSpy said(w.workloadsPanel(), &views::WorkloadsPanel::statusMessage);
        model->setCurrentIndex(at);
        emit model->activated(at);
        const InferenceSpec& s = std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec);
        QCOMPARE(w.document()->scenario().workloads[0].model, std::string("llama-2-70b"));
        QCOMPARE(*s.inputTokens, 512.0);
        QCOMPARE(*s.outputTokens, 256.0);
        QCOMPARE(s.requestBytes, 2048.0);
        QCOMPARE(*s.maxBatch, 16.0);
        QCOMPARE(*s.sloP95Ms, 20000.0);
        QVERIFY(w.document()->scenario().findModel("llama-2-70b"));
        QCOMPARE(w.document()->undoStack()->index(), steps + 1); // model and fields together
        QCOMPARE(said.size(), 1);
        QVERIFY(said[0][0].toString().contains(QStringLiteral("input tokens 512")));
        w.document()->undoStack()->undo();
        QVERIFY(w.document()->scenario() == before);
        w.document()->markSaved();
    }

    void workloadFieldsSweepAndOfferedLoadScalesEverySource()
    {
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/dcc-paper-comparison.json")));
        const Workload first = w.document()->scenario().workloads[0];
        const QString id = QString::fromStdString(first.id);
        w.workloadsPanel()->selectWorkload(id);
        auto* offered = w.workloadsPanel()->findChild<QLineEdit*>(QStringLiteral("workload_offered_rps"));
        QVERIFY(offered);
        const double before = offered->text().toDouble();
        QVERIFY(before > 0);
        // Typing twice the load doubles every source's rate, in one undoable step.
        const auto rates = [&] {
            std::vector<double> r;
            for (const RequestSource& src : std::get<InferenceSpec>(w.document()->scenario().workloads[0].spec).sources)
                r.push_back(src.ratePerDevice);
            return r;
        };
        const std::vector<double> was = rates();
        offered->setText(QString::number(2 * before, 'g', 17));
        offered->setModified(true);
        emit offered->editingFinished();
        const std::vector<double> now = rates();
        QCOMPARE(now.size(), was.size());
        for (size_t i = 0; i < was.size(); ++i)
            STRATA_COMPARE_REL(now[i], 2 * was[i], 1e-12);
        w.document()->undoStack()->undo();
        QCOMPARE(rates(), was);
        QCoreApplication::processEvents(); // the form is rebuilt (queued) after the workload changes

        // Right-click a workload field → Sweep… asks for a sweep of that path with its value now.
        offered = w.workloadsPanel()->findChild<QLineEdit*>(QStringLiteral("workload_offered_rps"));
        auto* batch = w.workloadsPanel()->findChild<QLineEdit*>(QStringLiteral("workload_max_batch"));
        QVERIFY(batch);
        QSignalSpy sweep(w.workloadsPanel(), &views::WorkloadsPanel::sweepRequested);
        for (QLineEdit* field : {batch, offered}) {
            // The menu runs its own loop: pick "Sweep…" from it once it is up.
            auto* poll = new QTimer(field);
            connect(poll, &QTimer::timeout, poll, [poll] {
                auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
                if (!menu)
                    return;
                poll->stop();
                if (auto* action = menu->findChild<QAction*>(QStringLiteral("sweepAction")))
                    action->trigger();
                menu->close();
                poll->deleteLater();
            });
            poll->start(10);
            emit field->customContextMenuRequested(QPoint(2, 2));
        }
        QCOMPARE(sweep.size(), 2);
        QCOMPARE(sweep[0][0].toString(), QStringLiteral("workloads.%1.max_batch").arg(id));
        QCOMPARE(sweep[1][0].toString(), QStringLiteral("workloads.%1.offered_rps").arg(id));
        STRATA_COMPARE_REL(sweep[1][1].toDouble(), before, 1e-12);

        // Analyze → Scaling Curves → offered load: the second chart draws the served throughput.
        views::SweepDialog* dialog = w.openScalingCurve(models::ScalingCurve::OfferedLoad);
        QVERIFY(dialog);
        QSignalSpy finished(dialog->service(), &models::SweepService::finished);
        QVERIFY(finished.wait(20000));
        QCoreApplication::processEvents();
        const models::SweepOutcome& out = dialog->outcome();
        QCOMPARE(out.points.size(), size_t(50));
        auto* title = qobject_cast<QCPTextElement*>(dialog->capacityPlot()->plotLayout()->element(0, 0));
        QVERIFY(title);
        QCOMPARE(title->text(), QStringLiteral("Throughput served"));
        for (int s = 0; s < dialog->capacityPlot()->graphCount(); ++s) {
            const auto data = dialog->capacityPlot()->graph(s)->data();
            QCOMPARE(data->size(), 50);
            for (int i = 0; i < 50; ++i)
                QCOMPARE(data->at(i)->value, *out.points[size_t(i)].throughputRps[size_t(s)]);
        }
        // A training curve on an inference-only design is refused with a message, no dialog.
        bool training = false;
        for (const Workload& x : w.document()->scenario().workloads)
            training |= x.type() == WorkloadType::Training;
        if (!training) {
            QTimer::singleShot(0, [] {
                if (QWidget* box = QApplication::activeModalWidget())
                    box->close();
            });
            QVERIFY(!w.openScalingCurve(models::ScalingCurve::Sites));
        }
        dialog->close();
    }

    void exportReportPreviewsTheDesign()
    {
        // File → Export Report… opens the preview of this design's report, with its pages.
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        QAction* action = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->text() == QStringLiteral("Export &Report…"))
                action = a;
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Print));
        views::ReportDialog* dialog = w.openReport();
        QVERIFY(dialog);
        QSignalSpy ready(dialog, &views::ReportDialog::ready);
        QVERIFY(dialog->isReady() || ready.wait(30000));
        QCoreApplication::processEvents();
        QVERIFY(dialog->pageCount() >= 8);
        dialog->close();
    }

    void canvasColoursTheChosenStrategyEvenWhenSomeAreOff()
    {
        // A scenario that enables only distributed and hybrid: "Canvas shows: Hybrid" must use
        // the hybrid result, which is the second of two.
        Scenario sc = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        sc.strategiesGiven = true;
        sc.strategies[Strategy::Centralized].enabled = false;
        sc.strategies[Strategy::Distributed].enabled = true;
        sc.strategies[Strategy::Hybrid].enabled = true;
        app::MainWindow w;
        w.show();
        QSignalSpy ready(w.evaluation(), &models::EvaluationService::resultsReady);
        w.document()->reset(sc);
        QVERIFY(ready.wait(5000));
        QCOMPARE(w.evaluation()->latest()->evaluation.results.size(), size_t(2));
        QCOMPARE(w.scene()->shownStrategy(), 1);
        QCOMPARE(w.evaluation()->latest()->evaluation.results[1].strategy, Strategy::Hybrid);
    }

    void sitesWithoutLayoutGetPositionsOnOpen()
    {
        Scenario sc = strata::test::parseScenario(strata::test::readText(QStringLiteral(STRATA_EXAMPLES "/fraud-scoring.json")));
        for (Site& s : sc.sites)
            s.position.reset();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nolayout.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(writeScenarioJson(sc)));
        f.close();
        app::MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        for (const Site& s : w.document()->scenario().sites)
            QVERIFY(s.position.has_value());
        QVERIFY(!w.document()->isModified());
    }

    void modelDialogAcceptsOnlyAValidModel()
    {
        views::ModelDialog dialog(QStringLiteral("model-1"));
        QVERIFY(!dialog.model()); // nothing entered yet
        dialog.setValues(QStringLiteral("Mine"), ModelKind::Transformer, QStringLiteral("7G"), QStringLiteral("32"),
                         QStringLiteral("4096"), {}, {});
        auto m = dialog.model();
        QVERIFY(m);
        QCOMPARE(m->id, std::string("model-1"));
        QCOMPARE(m->params, 7e9);
        QCOMPARE(*m->layers, 32.0);
        QCOMPARE(*m->dModel, 4096.0);
        QVERIFY(!m->flopsPerRequest);
        dialog.setValues(QStringLiteral("Vision"), ModelKind::Generic, QStringLiteral("25.6M"), {}, {}, QStringLiteral("7.6G"),
                         QStringLiteral("-1 MB"));
        QVERIFY(!dialog.model()); // negative bytes refused
        dialog.setValues(QStringLiteral("Vision"), ModelKind::Generic, QStringLiteral("25.6M"), {}, {}, QStringLiteral("7.6G"),
                         QStringLiteral("25 MB"));
        m = dialog.model();
        QVERIFY(m);
        QCOMPARE(*m->flopsPerRequest, 7.6e9);
        QCOMPARE(*m->bytesPerRequest, 25e6);
        // Issue 15: the optional attention shape and experts, checked by the file's own rules.
        dialog.setValues(QStringLiteral("Mixtral"), ModelKind::Transformer, QStringLiteral("46.7G"), QStringLiteral("32"),
                         QStringLiteral("4096"), {}, {});
        dialog.setShapeValue(QStringLiteral("kv_heads"), QStringLiteral("8"));
        QVERIFY(!dialog.model()); // kv_heads without attention_heads
        dialog.setShapeValue(QStringLiteral("attention_heads"), QStringLiteral("32"));
        dialog.setShapeValue(QStringLiteral("experts"), QStringLiteral("8"));
        QVERIFY(!dialog.model()); // experts without experts_per_token and active_params
        dialog.setShapeValue(QStringLiteral("experts_per_token"), QStringLiteral("2"));
        dialog.setShapeValue(QStringLiteral("active_params"), QStringLiteral("12.9"));
        QVERIFY(!dialog.model()); // 12.9 parameters: billions forgotten, less than 2/8 of 46.7e9
        dialog.setShapeValue(QStringLiteral("active_params"), QStringLiteral("12.9G"));
        m = dialog.model();
        QVERIFY(m);
        QCOMPARE(*m->attentionHeads, 32.0);
        QCOMPARE(*m->kvHeads, 8.0);
        QVERIFY(!m->headDim);
        QCOMPARE(*m->experts, 8.0);
        QCOMPARE(*m->expertsPerToken, 2.0);
        QCOMPARE(*m->activeParams, 12.9e9);
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
            if (diagnostics->model()->index(r, 0).data(models::DiagnosticsModel::ElementKindRole).toInt() == int(ElementKind::Site))
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
