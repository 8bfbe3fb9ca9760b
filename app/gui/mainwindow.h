// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/strategy.h"
#include "models/evaluationservice.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace strata::core {
class AutosaveStore;
}
namespace strata::models {
enum class ScalingCurve;
class CatalogModel;
class DiagnosticsModel;
class ProjectDocument;
class ResultsModel;
class WorkloadsModel;
}
namespace strata::views {
class ReportDialog;
class ComparisonCharts;
class SweepDialog;
class InspectorWidget;
class PaletteWidget;
class ResultsPanel;
class TopologyScene;
class TopologyView;
class WelcomeWidget;
class WorkloadsPanel;
}

namespace strata::app {

/**
 * The workbench window (wiring only): canvas in the centre (after the welcome page), palette,
 * inspector, workloads, results, diagnostics and undo history docks; menus with standard
 * shortcuts; files (.strata, JSON import/export, examples, recent); autosave and recovery.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project or JSON scenario (":/examples/…" opens an example as a new, untitled design).
    bool openFile(const QString& path);
    /// Says what was wrong in a file that opened anyway (its values are to be fixed).
    void reportOpenProblems(const QString& file, const core::Diagnostics& problems);
    bool saveTo(const QString& path);
    /// Offers crashed sessions' autosaves back; returns true when one was restored.
    bool offerRecovery();

    models::ProjectDocument* document() const { return m_document; }
    views::TopologyScene* scene() const { return m_scene; }
    views::TopologyView* view() const { return m_view; }
    models::EvaluationService* evaluation() const { return m_evaluation; }
    views::InspectorWidget* inspector() const { return m_inspector; }
    QTableView* diagnosticsView() const { return m_diagnosticsView; }
    views::WorkloadsPanel* workloadsPanel() const { return m_workloadsPanel; }
    void showCanvas();
    void showCharts();
    /// Opens the sweep of \a path (core::setScenarioValue syntax) on a copy of the design.
    views::SweepDialog* openSweep(const QString& path, double current, const QString& unit);
    /// "system", "light" or "dark" for the whole application (not saved: Preferences does that).
    void applyTheme(const QString& theme);
    /// Analyze → Scaling Curves: plans the preset for \a workload (empty: the first that fits) and
    /// runs it; nullptr (with a message) when the design cannot show it.
    /// File → Export Report…: the preview of the report, with Save PDF.
    views::ReportDialog* openReport();
    views::SweepDialog* openScalingCurve(models::ScalingCurve curve, const QString& workload = {});
    views::ComparisonCharts* charts() const { return m_charts; }
    /// Selects a number in the results (workload row, metric key, strategy column) so that its
    /// Explain view shows; false when there is no such cell.
    bool explainResult(int workload, const QString& metric, core::Strategy strategy);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildDocks();
    void newDocument();
    void open();
    bool save();
    bool saveAs();
    void importJson();
    void exportJson();
    bool confirmDiscard();
    void updateTitle();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void showResults(std::shared_ptr<const models::EvaluationSnapshot> snapshot);
    void autosaveNow();
    void showShortcuts();
    void colourCanvas(const std::shared_ptr<const models::EvaluationSnapshot>& snapshot);
    static int resultIndex(const std::shared_ptr<const models::EvaluationSnapshot>& snapshot, core::Strategy strategy);
    QString askSavePath(const QString& title, const QString& start, const QString& filter, const QString& suffix);
    void commitPendingEdits();
    void restartAutosaveSession(const QString& path);

    models::ProjectDocument* m_document;
    models::EvaluationService* m_evaluation;
    models::ResultsModel* m_results;
    models::DiagnosticsModel* m_diagnostics;
    models::CatalogModel* m_catalog;
    models::WorkloadsModel* m_workloads;
    views::TopologyScene* m_scene;
    views::TopologyView* m_view;
    views::WelcomeWidget* m_welcome;
    views::PaletteWidget* m_palette;
    views::InspectorWidget* m_inspector;
    views::ResultsPanel* m_resultsPanel;
    views::WorkloadsPanel* m_workloadsPanel;
    QTableView* m_diagnosticsView;
    QStackedWidget* m_stack;
    QTabWidget* m_tabs;
    views::ComparisonCharts* m_charts;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_statusEval;
    QLabel* m_statusZoom;
    QTimer* m_autosaveTimer;
    std::unique_ptr<core::AutosaveStore> m_autosave;
    QString m_sessionId;
};

/// Names the running application as the installed Strata (settings, version, desktop file); the
/// workbench and the screenshot harness both start with it.
void identifyApplication();

/// The --theme option ("light", "dark" or "system", for one run only).
QCommandLineOption themeOption();

/// Applies --theme to \a window when \a parser has it; false, with a message on stderr naming
/// \a program, for a theme it does not know.
bool applyThemeOption(MainWindow& window, const QCommandLineParser& parser, const QCommandLineOption& option,
                      const char* program);

} // namespace strata::app
