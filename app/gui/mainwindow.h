// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/strategy.h"
#include "models/evaluationservice.h"

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace strata::models {
enum class ScalingCurve;
class CatalogModel;
class DiagnosticsModel;
class AutosaveController;
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

class DocumentFiles;

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
    void updateTitle();
    void rebuildRecentMenu();
    void showResults(std::shared_ptr<const models::EvaluationSnapshot> snapshot);
    void showShortcuts();
    void colourCanvas(const std::shared_ptr<const models::EvaluationSnapshot>& snapshot);
    static int resultIndex(const std::shared_ptr<const models::EvaluationSnapshot>& snapshot, core::Strategy strategy);

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
    models::AutosaveController* m_autosave;
    DocumentFiles* m_files;
};

} // namespace strata::app
