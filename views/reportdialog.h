// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/report.h"

#include <QDialog>

#include <memory>

class QLabel;
template <typename T>
class QFutureWatcher;
class QPrinter;
class QPrintPreviewWidget;

namespace strata::views {

/**
 * File → Export Report…: the report of the design as it is now, page by page, with zoom, and
 * "Save PDF…" (written next to the target and moved over it, so a failure never leaves half a
 * file). The evaluation (with N − 1) is taken once when the dialog opens, on a worker thread;
 * ready() says when the preview has it.
 */
class ReportDialog : public QDialog {
    Q_OBJECT
public:
    ReportDialog(const core::Scenario& scenario, const ReportOptions& options, const QString& suggestedPath,
                 QWidget* parent = nullptr);
    ~ReportDialog() override;

    QPrintPreviewWidget* preview() const { return m_preview; }
    /// Pages of the previewed report.
    int pageCount() const;
    /// Writes the PDF to \a path; false with the reason shown (and in \a error) on failure.
    bool savePdf(const QString& path, QString* error = nullptr);
    /// True once the evaluation the report shows has come in from its worker.
    bool isReady() const { return m_snapshot != nullptr; }

signals:
    /// The evaluation is in and the preview shows the report.
    void ready();

private:
    void chooseAndSave();

    std::shared_ptr<const models::EvaluationSnapshot> m_snapshot;
    ReportOptions m_options;
    QString m_suggested;
    std::unique_ptr<QPrinter> m_printer;
    QPrintPreviewWidget* m_preview;
    QLabel* m_status;
    QFutureWatcher<std::shared_ptr<const models::EvaluationSnapshot>>* m_watcher = nullptr;
};

} // namespace strata::views
