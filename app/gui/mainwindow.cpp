// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "io/catalogreader.h"
#include "documentfiles.h"
#include "models/autosavecontroller.h"
#include "models/catalogmodel.h"
#include "models/recentfiles.h"
#include "theme.h"
#include "models/diagnosticsmodel.h"
#include "models/projectdocument.h"
#include "models/resultsmodel.h"
#include "models/strategystyle.h"
#include "models/workloadsmodel.h"
#include "views/wheelguard.h"
#include "views/comparisoncharts.h"
#include "views/icons.h"
#include "views/inspectorwidget.h"
#include "views/palettewidget.h"
#include "views/preferencesdialog.h"
#include "views/resultspanel.h"
#include "models/scalingcurves.h"
#include "views/sweepdialog.h"
#include "views/reportdialog.h"

#include <QTreeView>
#include "views/topologyscene.h"
#include "views/topologyview.h"
#include "views/welcomewidget.h"
#include "views/workloadspanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>

namespace strata::app {

using namespace strata::core;


MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new models::ProjectDocument(this))
    , m_evaluation(new models::EvaluationService(m_document, this))
    , m_results(new models::ResultsModel(this))
    , m_diagnostics(new models::DiagnosticsModel(this))
    , m_catalog(new models::CatalogModel(this))
    , m_workloads(new models::WorkloadsModel(m_document, this))
{
    views::initResources();
    views::WheelGuard::install(); // the wheel never changes a value in a field without focus
    setWindowIcon(QIcon(QStringLiteral(":/icons/strata.svg")));
    m_catalog->setCatalog(builtinCatalog());
    m_scene = new views::TopologyScene(m_document, this);
    m_view = new views::TopologyView;
    m_view->setObjectName(QStringLiteral("canvas"));
    m_view->setScene(m_scene);
    m_welcome = new views::WelcomeWidget;
    m_charts = new views::ComparisonCharts;
    m_charts->setObjectName(QStringLiteral("comparisonCharts"));
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_view, tr("Design"));
    m_tabs->addTab(m_charts, tr("Compare"));
    m_tabs->setTabToolTip(1, tr("Charts comparing the three deployments for a workload"));
    // The charts redraw only while they are shown: live edits on the canvas stay fast.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (m_tabs->widget(i) == m_charts)
            m_charts->setSnapshot(m_evaluation->latest());
    });
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);
    // Autosave: every interval while there are unsaved changes, into the user's data directory.
    m_autosave = new models::AutosaveController(
        m_document, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave"),
        views::PreferencesDialog::autosaveSeconds(), this);
    connect(m_autosave, &models::AutosaveController::failed, this,
            [this](const QString& why) { statusBar()->showMessage(tr("Autosave failed: %1").arg(why), 8000); });
    m_files = new DocumentFiles(this, m_document, m_view, m_autosave);
    connect(m_files, &DocumentFiles::designShown, this, &MainWindow::showCanvas);
    connect(m_files, &DocumentFiles::recentChanged, this, &MainWindow::rebuildRecentMenu);
    buildDocks();
    buildActions();

    m_statusEval = new QLabel;
    m_statusZoom = new QLabel(QStringLiteral("100 %"));
    statusBar()->addWidget(m_statusEval, 1);
    statusBar()->addPermanentWidget(m_statusZoom);
    connect(m_view, &views::TopologyView::zoomChanged, this,
            [this](double z) { m_statusZoom->setText(QStringLiteral("%1 %").arg(qRound(z * 100))); });

    connect(m_welcome, &views::WelcomeWidget::newRequested, this, [this] {
        if (m_files->confirmDiscard())
            m_files->newDocument();
    });
    connect(m_welcome, &views::WelcomeWidget::openRequested, m_files, &DocumentFiles::open);
    connect(m_welcome, &views::WelcomeWidget::fileRequested, this, [this](const QString& p) {
        if (m_files->confirmDiscard())
            m_files->openFile(p);
    });
    connect(m_document, &models::ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &models::ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &models::ProjectDocument::metaChanged, this, &MainWindow::updateTitle);
    connect(m_document, &models::ProjectDocument::scenarioReset, this, [this] {
        m_catalog->setCatalog(builtinCatalog().withOverrides(m_document->scenario().accelerators));
        if (m_document->scenario().view)
            m_view->setCanvasView(*m_document->scenario().view);
        else
            QTimer::singleShot(0, m_view, &views::TopologyView::fitToContents);
    });
    connect(m_evaluation, &models::EvaluationService::resultsReady, this, &MainWindow::showResults);
    connect(m_evaluation, &models::EvaluationService::busyChanged, m_resultsPanel, &views::ResultsPanel::setBusy);
    connect(m_scene, &QGraphicsScene::selectionChanged, this,
            [this] { m_inspector->setSelection(m_scene->selectedSiteIds(), m_scene->selectedLinkIds()); });
    connect(m_scene, &views::TopologyScene::elementActivated, this, [this](const QString&, const QString&) {
        if (auto* dock = findChild<QDockWidget*>(QStringLiteral("inspectorDock")))
            dock->raise();
    });
    connect(m_inspector, &views::InspectorWidget::sweepRequested, this, &MainWindow::openSweep);
    connect(m_inspector, &views::InspectorWidget::inputRefused, this,
            [this](const QString& why) { statusBar()->showMessage(why, 6000); });

    // Autosave: every 30 s when there are unsaved changes, into the user's data directory.
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1440, 900);
    applyTheme(views::PreferencesDialog::theme());
    rebuildRecentMenu();
    m_document->reset(Scenario{});
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The scene is a child of the window: take it down first, quietly, while the widgets that
    // listen to its selection still exist.
    m_scene->blockSignals(true);
    m_view->setScene(nullptr);
    delete m_scene;
}

void MainWindow::buildDocks()
{
    auto dock = [this](const QString& name, const QString& title, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    m_palette = new views::PaletteWidget(m_catalog);
    dock(QStringLiteral("paletteDock"), tr("Palette"), m_palette, Qt::LeftDockWidgetArea);
    connect(m_palette, &views::PaletteWidget::linkToolToggled, this,
            [this](bool on) { m_scene->setMode(on ? views::TopologyScene::Mode::Link : views::TopologyScene::Mode::Select); });
    connect(m_scene, &views::TopologyScene::modeChanged, this, [this](views::TopologyScene::Mode mode) {
        const QSignalBlocker block(m_palette->linkToolButton());
        m_palette->linkToolButton()->setChecked(mode == views::TopologyScene::Mode::Link);
    });

    auto* undoView = new QUndoView(m_document->undoStack());
    undoView->setEmptyLabel(tr("<opened>"));
    QDockWidget* history = dock(QStringLiteral("historyDock"), tr("History"), undoView, Qt::LeftDockWidgetArea);

    m_inspector = new views::InspectorWidget(m_document);
    m_workloadsPanel = new views::WorkloadsPanel(m_document, m_workloads);
    connect(m_workloadsPanel, &views::WorkloadsPanel::sweepRequested, this, &MainWindow::openSweep);
    connect(m_workloadsPanel, &views::WorkloadsPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    m_workloadsPanel->setSelectedSitesProvider([this] { return m_scene->selectedSiteIds(); });

    // Results: a strategy picker colours the canvas by that strategy's loads.
    auto* resultsHost = new QWidget;
    auto* resultsLayout = new QVBoxLayout(resultsHost);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    auto* picker = new QComboBox;
    picker->setObjectName(QStringLiteral("canvasStrategy"));
    picker->setToolTip(tr("The strategy whose loads colour the canvas"));
    for (Strategy s : kAllStrategies) {
        QPixmap swatch(12, 12);
        swatch.fill(models::strategyColor(s));
        picker->addItem(QIcon(swatch), tr("Canvas shows: %1").arg(models::strategyLabel(s)));
    }
    picker->setCurrentIndex(2);
    connect(picker, &QComboBox::currentIndexChanged, this, [this] { colourCanvas(m_evaluation->latest()); });
    resultsLayout->addWidget(picker);
    m_resultsPanel = new views::ResultsPanel(m_results);
    resultsLayout->addWidget(m_resultsPanel, 1);

    // Right: inspector and workloads as tabs above the results.
    QDockWidget* inspector = dock(QStringLiteral("inspectorDock"), tr("Inspector"), m_inspector, Qt::RightDockWidgetArea);
    QDockWidget* results = dock(QStringLiteral("resultsDock"), tr("Results"), resultsHost, Qt::RightDockWidgetArea);
    splitDockWidget(inspector, results, Qt::Vertical);
    QDockWidget* workloads = dock(QStringLiteral("workloadsDock"), tr("Workloads"), m_workloadsPanel, Qt::RightDockWidgetArea);
    tabifyDockWidget(inspector, workloads);
    inspector->raise();

    m_diagnosticsView = new QTableView;
    m_diagnosticsView->setObjectName(QStringLiteral("diagnosticsView"));
    m_diagnosticsView->setModel(m_diagnostics);
    m_diagnosticsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diagnosticsView->verticalHeader()->hide();
    m_diagnosticsView->horizontalHeader()->setStretchLastSection(true);
    m_diagnosticsView->horizontalHeader()->setSectionResizeMode(models::DiagnosticsModel::SeverityColumn, QHeaderView::ResizeToContents);
    m_diagnosticsView->horizontalHeader()->setSectionResizeMode(models::DiagnosticsModel::ElementColumn, QHeaderView::ResizeToContents);
    m_diagnosticsView->setWordWrap(false);
    connect(m_diagnosticsView, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const auto kind = ElementKind(index.data(models::DiagnosticsModel::ElementKindRole).toInt());
        const QString id = index.data(models::DiagnosticsModel::ElementIdRole).toString();
        if (kind == ElementKind::Site || kind == ElementKind::Link) {
            showCanvas();
            if (QGraphicsItem* item = m_scene->selectElement(kind == ElementKind::Site ? QStringLiteral("site") : QStringLiteral("link"), id))
                m_view->ensureVisible(item);
        } else if (kind == ElementKind::Workload) {
            m_workloadsPanel->selectWorkload(id);
            if (auto* d = findChild<QDockWidget*>(QStringLiteral("workloadsDock")))
                d->raise();
        }
    });
    QDockWidget* diagnostics = dock(QStringLiteral("diagnosticsDock"), tr("Diagnostics"), m_diagnosticsView, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("paletteDock")), inspector}, {260, 500}, Qt::Horizontal);
    resizeDocks({inspector, results}, {420, 480}, Qt::Vertical);
    resizeDocks({diagnostics}, {150}, Qt::Vertical);
    resizeDocks({history}, {170}, Qt::Vertical);
}

void MainWindow::buildActions()
{
    auto action = [this](const QString& text, auto slot, const QKeySequence& key = {}) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(tr("&New"), [this] {
        if (m_files->confirmDiscard())
            m_files->newDocument();
    }, QKeySequence::New));
    file->addAction(action(tr("&Open…"), [this] { m_files->open(); }, QKeySequence::Open));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QMenu* examples = file->addMenu(tr("&Examples"));
    for (const auto& [path, name] : views::WelcomeWidget::exampleLibrary())
        examples->addAction(name, this, [this, p = path] {
            if (m_files->confirmDiscard())
                m_files->openFile(p);
        });
    file->addSeparator();
    file->addAction(action(tr("&Save"), [this] { m_files->save(); }, QKeySequence::Save));
    file->addAction(action(tr("Save &As…"), [this] { m_files->saveAs(); }, QKeySequence::SaveAs));
    file->addSeparator();
    file->addAction(action(tr("&Import JSON…"), [this] { m_files->importJson(); }));
    file->addAction(action(tr("&Export JSON…"), [this] { m_files->exportJson(); }));
    file->addAction(action(tr("Export &Report…"), [this] { openReport(); }, QKeySequence::Print));
    file->addSeparator();
    file->addAction(action(tr("&Quit"), [this] { close(); }, QKeySequence::Quit));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Canvas edits: their keys act while the canvas has focus, so that Delete or Ctrl+C in a
    // table or a field does what it does there; the menu works from anywhere.
    auto canvasAction = [this, &edit](QAction* a) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
        edit->addAction(a);
        return a;
    };
    canvasAction(action(tr("Cu&t"), [this] { m_scene->cutSelection(); }, QKeySequence::Cut));
    canvasAction(action(tr("&Copy"), [this] { m_scene->copySelection(); }, QKeySequence::Copy));
    canvasAction(action(tr("&Paste"), [this] { showCanvas(); m_scene->paste(); }, QKeySequence::Paste));
    canvasAction(action(tr("&Duplicate"), [this] { m_scene->duplicateSelection(); }, QKeySequence(Qt::CTRL | Qt::Key_D)));
    canvasAction(action(tr("De&lete"), [this] { m_scene->deleteSelection(); }, QKeySequence::Delete));
    canvasAction(action(tr("Select &All"), [this] { m_scene->selectAllElements(); }, QKeySequence::SelectAll));
    canvasAction(action(tr("Re&name…"), [this] {
        const QStringList sites = m_scene->selectedSiteIds();
        if (sites.size() != 1)
            return;
        const Site* s = m_document->site(sites.front());
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename site"), tr("Name of %1:").arg(sites.front()), QLineEdit::Normal,
                                                   QString::fromStdString(s->name), &ok);
        if (ok) {
            Site copy = *s;
            copy.name = name.trimmed().toStdString();
            m_document->replaceSite(sites.front(), copy, tr("Rename site"));
        }
    }, QKeySequence(Qt::Key_F2)));
    QMenu* arrange = edit->addMenu(tr("&Arrange"));
    using A = views::TopologyScene::Align;
    arrange->addAction(tr("Align left"), this, [this] { m_scene->alignSelection(A::Left); });
    arrange->addAction(tr("Align centres horizontally"), this, [this] { m_scene->alignSelection(A::HCenter); });
    arrange->addAction(tr("Align right"), this, [this] { m_scene->alignSelection(A::Right); });
    arrange->addAction(tr("Align top"), this, [this] { m_scene->alignSelection(A::Top); });
    arrange->addAction(tr("Align centres vertically"), this, [this] { m_scene->alignSelection(A::VCenter); });
    arrange->addAction(tr("Align bottom"), this, [this] { m_scene->alignSelection(A::Bottom); });
    arrange->addSeparator();
    arrange->addAction(tr("Distribute horizontally"), this, [this] { m_scene->distributeSelection(Qt::Horizontal); });
    arrange->addAction(tr("Distribute vertically"), this, [this] { m_scene->distributeSelection(Qt::Vertical); });
    edit->addSeparator();
    edit->addAction(action(tr("Pre&ferences…"), [this] {
        views::PreferencesDialog dialog(this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        dialog.store();
        applyTheme(views::PreferencesDialog::theme());
        m_autosave->setInterval(views::PreferencesDialog::autosaveSeconds());
        for (QAction* a : findChildren<QAction*>(QStringLiteral("themeAction")))
            a->setChecked(a->data().toString() == views::PreferencesDialog::theme());
    }, QKeySequence::Preferences));
    edit->addSeparator();
    QAction* linkTool = action(tr("&Link tool"), [this](bool on) {
        m_scene->setMode(on ? views::TopologyScene::Mode::Link : views::TopologyScene::Mode::Select);
    }, QKeySequence(Qt::Key_L));
    linkTool->setCheckable(true);
    connect(m_scene, &views::TopologyScene::modeChanged, linkTool,
            [linkTool](views::TopologyScene::Mode m) { linkTool->setChecked(m == views::TopologyScene::Mode::Link); });
    edit->addAction(linkTool);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(action(tr("Zoom &In"), [this] { m_view->zoomIn(); }, QKeySequence::ZoomIn));
    m_viewMenu->addAction(action(tr("Zoom &Out"), [this] { m_view->zoomOut(); }, QKeySequence::ZoomOut));
    m_viewMenu->addAction(action(tr("&Actual Size"), [this] { m_view->resetZoom(); }, QKeySequence(Qt::CTRL | Qt::Key_0)));
    m_viewMenu->addAction(action(tr("&Fit Design"), [this] { m_view->fitToContents(); }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)));
    m_viewMenu->addAction(action(tr("Re-&evaluate"), [this] { m_evaluation->evaluateNow(); }, QKeySequence::Refresh));
    m_viewMenu->addAction(action(tr("&Design"), [this] { showCanvas(); }, QKeySequence(Qt::CTRL | Qt::Key_1)));
    m_viewMenu->addAction(action(tr("&Compare Charts"), [this] { showCharts(); }, QKeySequence(Qt::CTRL | Qt::Key_2)));
    m_viewMenu->addSeparator();
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
    for (const auto& [key, label] : {std::pair{QStringLiteral("system"), tr("Follow system")},
                                     std::pair{QStringLiteral("light"), tr("Light")}, std::pair{QStringLiteral("dark"), tr("Dark")}}) {
        QAction* a = theme->addAction(label, this, [this, k = key] {
            QSettings().setValue(QStringLiteral("appearance/theme"), k);
            applyTheme(k);
        });
        a->setObjectName(QStringLiteral("themeAction"));
        a->setData(key);
        a->setCheckable(true);
        a->setChecked(key == current);
        themes->addAction(a);
    }
    m_viewMenu->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        m_viewMenu->addAction(d->toggleViewAction());

    QMenu* analyze = menuBar()->addMenu(tr("&Analyze"));
    QMenu* curves = analyze->addMenu(tr("Scaling &Curves"));
    curves->addAction(action(tr("Throughput and p95 Latency vs &Offered Load…"),
                             [this] { openScalingCurve(models::ScalingCurve::OfferedLoad); }, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L)));
    curves->addAction(action(tr("Training Time vs &Accelerators…"),
                             [this] { openScalingCurve(models::ScalingCurve::Accelerators); }, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A)));
    curves->addAction(action(tr("Training Time vs Cloud &Sites…"),
                             [this] { openScalingCurve(models::ScalingCurve::Sites); }, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S)));
    analyze->addAction(action(tr("Sweep &Any Field…"), [this] {
        QMessageBox::information(this, tr("Sweep a field"),
                                 tr("Right-click any numeric field in the Inspector or the Workloads form and choose "
                                    "<b>Sweep…</b> to see how each strategy responds to it."));
    }));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(tr("&Keyboard Shortcuts"), [this] { showShortcuts(); }, QKeySequence::HelpContents));
    help->addAction(action(tr("&Welcome Page"), [this] { m_stack->setCurrentWidget(m_welcome); }));
    help->addAction(action(tr("&About Strata"), [this] {
        QMessageBox::about(this, tr("About Strata"),
                           tr("<h3>Strata %1</h3><p>A workbench for analysing AI cloud architectures: centralized, distributed "
                              "and hybrid deployments compared on latency, throughput, FLOP/s, energy, carbon and cost.</p>"
                              "<p>Results are analytic approximations (M/G/c queues, a processor-sharing network); the "
                              "Explain view of each number shows its formula.</p>")
                               .arg(QApplication::applicationVersion()));
    }));

    auto* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    // Icons in the toolbar (the menu keeps the full "Undo Add edge site" text, the tooltip too).
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    tools->setToolButtonStyle(Qt::ToolButtonIconOnly);
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addSeparator();
    tools->addAction(linkTool);
    linkTool->setIcon(QIcon(QStringLiteral(":/icons/link.svg")));
}

void MainWindow::showCanvas()
{
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentWidget(m_view);
}

void MainWindow::showCharts()
{
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentWidget(m_charts);
}

void MainWindow::colourCanvas(const std::shared_ptr<const models::EvaluationSnapshot>& snapshot)
{
    // The picker lists every strategy; the evaluation only those the scenario enables.
    auto* picker = findChild<QComboBox*>(QStringLiteral("canvasStrategy"));
    const Strategy shown = kAllStrategies[static_cast<size_t>(std::max(0, picker ? picker->currentIndex() : 0))];
    m_scene->setSnapshot(snapshot, resultIndex(snapshot, shown));
}

int MainWindow::resultIndex(const std::shared_ptr<const models::EvaluationSnapshot>& snapshot, Strategy strategy)
{
    if (!snapshot)
        return -1;
    const auto& results = snapshot->evaluation.results;
    for (size_t i = 0; i < results.size(); ++i)
        if (results[i].strategy == strategy)
            return static_cast<int>(i);
    return -1;
}

bool MainWindow::explainResult(int workload, const QString& metric, Strategy strategy)
{
    const int column = resultIndex(m_results->snapshot(), strategy);
    if (column < 0)
        return false;
    const QModelIndex parent = m_results->index(workload, 0);
    for (int r = 0; r < m_results->rowCount(parent); ++r) {
        const QModelIndex cell = m_results->index(r, column + 1, parent);
        if (cell.data(models::ResultsModel::RowKeyRole).toString() == metric) {
            m_resultsPanel->tree()->setCurrentIndex(cell);
            return true;
        }
    }
    return false;
}

views::SweepDialog* MainWindow::openSweep(const QString& path, double current, const QString& unit)
{
    // The sweep works on a copy of the design as it is now; editing on meanwhile is fine.
    auto* dialog = new views::SweepDialog(m_document->scenario(), path, current, unit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

views::SweepDialog* MainWindow::openScalingCurve(models::ScalingCurve curve, const QString& workload)
{
    const models::ScalingPlan plan = models::planScaling(m_document->scenario(), curve, workload);
    if (!plan.error.isEmpty()) {
        QMessageBox::information(this, tr("Scaling curve"), plan.error);
        return nullptr;
    }
    auto* dialog = new views::SweepDialog(plan, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->runSweep();
    return dialog;
}

views::ReportDialog* MainWindow::openReport()
{
    m_files->commitPendingEdits();
    views::ReportOptions options;
    options.author = views::PreferencesDialog::author();
    auto* picker = findChild<QComboBox*>(QStringLiteral("canvasStrategy"));
    options.canvasStrategy = kAllStrategies[static_cast<size_t>(std::max(0, picker ? picker->currentIndex() : 0))];
    // Suggest NAME.pdf beside the design's file (or in the last folder used).
    const QFileInfo file(m_document->filePath());
    const QString dir = file.filePath().isEmpty() ? QSettings().value(QStringLiteral("files/lastDir"), QDir::homePath()).toString()
                                                  : file.absolutePath();
    const QString base = file.filePath().isEmpty() ? QStringLiteral("report") : file.completeBaseName();
    auto* dialog = new views::ReportDialog(m_document->scenario(), options, QDir(dir).filePath(base + QStringLiteral(".pdf")), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::updateTitle()
{
    // "[*]" shows as "*" while there are unsaved changes.
    setWindowTitle(QStringLiteral("%1[*] — Strata").arg(QString(m_document->displayName()).replace(QLatin1String("[*]"), QLatin1String("[**]"))));
    setWindowModified(m_document->isModified());
}

void MainWindow::rebuildRecentMenu()
{
    const QStringList recent = models::recentFiles::list();
    m_welcome->setRecentFiles(recent);
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    for (const QString& p : recent)
        m_recentMenu->addAction(QFileInfo(p).fileName(), this, [this, p] {
            if (m_files->confirmDiscard())
                m_files->openFile(p);
        })->setToolTip(p);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showResults(std::shared_ptr<const models::EvaluationSnapshot> snapshot)
{
    m_resultsPanel->showSnapshot(snapshot);
    if (m_stack->currentWidget() == m_tabs && m_tabs->currentWidget() == m_charts)
        m_charts->setSnapshot(snapshot);
    colourCanvas(snapshot);
    m_diagnostics->setEntries(models::DiagnosticsModel::entriesOf(*snapshot));
    const int errors = m_diagnostics->errorCount(), warnings = m_diagnostics->warningCount();
    if (auto* d = findChild<QDockWidget*>(QStringLiteral("diagnosticsDock")))
        d->setWindowTitle(errors + warnings ? tr("Diagnostics (%1 errors, %2 warnings)").arg(errors).arg(warnings) : tr("Diagnostics"));
    m_statusEval->setText(snapshot->evaluation.ok() ? tr("Evaluated in %1 ms").arg(snapshot->elapsedMs, 0, 'f', 2)
                                                    : tr("%n error(s): see Diagnostics", nullptr, errors));
}

bool MainWindow::openFile(const QString& path)
{
    return m_files->openFile(path);
}

bool MainWindow::offerRecovery()
{
    return m_files->offerRecovery();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_files->commitPendingEdits();
    if (!m_files->confirmDiscard()) {
        event->ignore();
        return;
    }
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::applyTheme(const QString& theme)
{
    applyApplicationTheme(theme);
}

void MainWindow::showShortcuts()
{
    QString rows;
    for (QAction* a : findChildren<QAction*>())
        if (!a->shortcut().isEmpty() && !a->text().isEmpty())
            rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;<b>%2</b></td></tr>")
                        .arg(a->text().remove(QLatin1Char('&')).toHtmlEscaped(), a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
    rows += tr("<tr><td>Zoom</td><td>&nbsp;&nbsp;<b>Ctrl+wheel</b></td></tr>"
               "<tr><td>Pan</td><td>&nbsp;&nbsp;<b>middle drag, or Space+drag</b></td></tr>"
               "<tr><td>Nudge selection</td><td>&nbsp;&nbsp;<b>arrows (Alt: 1 unit)</b></td></tr>"
               "<tr><td>Place without snapping</td><td>&nbsp;&nbsp;<b>Alt while dragging</b></td></tr>"
               "<tr><td>Draw a link</td><td>&nbsp;&nbsp;<b>drag from a site's right-hand circle</b></td></tr>");
    QMessageBox::information(this, tr("Keyboard shortcuts"), QStringLiteral("<table>%1</table>").arg(rows));
}

} // namespace strata::app
