// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportdialog.h"

#include "errorstyle.h"

#include "models/evaluationservice.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::views {

ReportDialog::ReportDialog(const core::Scenario& scenario, const ReportOptions& options, const QString& suggestedPath, QWidget* parent)
    : QDialog(parent)
    , m_options(options)
    , m_suggested(suggestedPath)
    , m_printer(std::make_unique<QPrinter>(QPrinter::ScreenResolution))
{
    setWindowTitle(tr("Report preview"));
    resize(900, 1000);
    m_printer->setResolution(96); // renderReport draws at the widgets' 96 dpi
    m_printer->setPageSize(QPageSize(QPageSize::A4));
    m_printer->setPageMargins(QMarginsF(18, 14, 18, 12), QPageLayout::Millimeter);
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    auto* zoomOut = new QToolButton;
    zoomOut->setText(tr("−"));
    zoomOut->setToolTip(tr("Zoom out"));
    auto* zoomIn = new QToolButton;
    zoomIn->setText(tr("+"));
    zoomIn->setToolTip(tr("Zoom in"));
    auto* fit = new QToolButton;
    fit->setText(tr("Fit width"));
    auto* save = new QPushButton(tr("Save PDF…"));
    save->setObjectName(QStringLiteral("saveReport"));
    save->setDefault(true);
    save->setShortcut(QKeySequence::Save);
    save->setEnabled(false); // until the evaluation is in
    m_status = new QLabel;
    bar->addWidget(zoomOut);
    bar->addWidget(zoomIn);
    bar->addWidget(fit);
    bar->addWidget(m_status, 1);
    bar->addWidget(save);
    layout->addLayout(bar);
    m_preview = new QPrintPreviewWidget(m_printer.get());
    layout->addWidget(m_preview, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(zoomIn, &QToolButton::clicked, m_preview, [this] { m_preview->zoomIn(); });
    connect(zoomOut, &QToolButton::clicked, m_preview, [this] { m_preview->zoomOut(); });
    connect(fit, &QToolButton::clicked, m_preview, &QPrintPreviewWidget::fitToWidth);
    connect(save, &QPushButton::clicked, this, &ReportDialog::chooseAndSave);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, [this](QPrinter* printer) {
        if (!m_snapshot)
            return; // still evaluating: nothing to show yet
        const ReportOutcome out = renderReport(printer, *m_snapshot, m_options);
        m_status->setText(out.ok ? tr("%n page(s)", nullptr, out.pages) : out.error);
    });
    m_preview->fitToWidth();

    // The evaluation with its N − 1 analysis takes seconds on a large design: on a worker, so the
    // window stays live (ARCHITECTURE.md, Threads). The task owns a copy of the design, so closing
    // the dialog meanwhile is safe; its result is then dropped.
    m_status->setText(tr("Evaluating the design and its N − 1 analysis…"));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    m_watcher = new QFutureWatcher<std::shared_ptr<const models::EvaluationSnapshot>>(this);
    connect(m_watcher, &QFutureWatcher<std::shared_ptr<const models::EvaluationSnapshot>>::finished, this, [this, save] {
        QApplication::restoreOverrideCursor();
        m_snapshot = m_watcher->result();
        save->setEnabled(true);
        m_preview->updatePreview();
        emit ready();
    });
    m_watcher->setFuture(QtConcurrent::run([copy = scenario] { return models::snapshotWithResilience(copy); }));
}

ReportDialog::~ReportDialog()
{
    if (!m_snapshot)
        QApplication::restoreOverrideCursor(); // closed before the evaluation came in
}

int ReportDialog::pageCount() const
{
    return m_preview->pageCount();
}

bool ReportDialog::savePdf(const QString& path, QString* error)
{
    if (!m_snapshot) {
        if (error)
            *error = tr("the evaluation is still running");
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const ReportOutcome out = writeReportPdf(*m_snapshot, m_options, path); // the evaluation the preview shows
    QApplication::restoreOverrideCursor();
    if (!out.ok) {
        m_status->setText(errorHtml(tr("Not saved: %1").arg(out.error)));
        if (error)
            *error = out.error;
        return false;
    }
    m_status->setText(tr("Saved %1 (%n page(s))", nullptr, out.pages).arg(QDir::toNativeSeparators(path)));
    return true;
}

void ReportDialog::chooseAndSave()
{
    QFileDialog dialog(this, tr("Save report"), m_suggested, tr("PDF files (*.pdf)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("pdf")); // the overwrite question is about the real file
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    savePdf(dialog.selectedFiles().front());
}

} // namespace strata::views
