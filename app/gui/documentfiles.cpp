// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentfiles.h"

#include "io/catalogreader.h"
#include "io/designfile.h"
#include "io/projectstore.h"
#include "io/scenariojson.h"
#include "models/filewriting.h"
#include "models/autosavecontroller.h"
#include "models/projectdocument.h"
#include "models/recentfiles.h"
#include "views/preferencesdialog.h"
#include "views/topologyview.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>

namespace strata::app {

using namespace strata::core;

namespace {

const char* const kFileFilter = "Strata designs (*.strata *.json);;Strata projects (*.strata);;JSON scenarios (*.json);;All files (*)";

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

/// The errors of \a diags, one "element: message" line each (elements named as in \a scenario),
/// for a message box's details.
QString errorLines(const Diagnostics& diags, const Scenario& scenario = {})
{
    QString lines;
    for (const Diagnostic& d : diags)
        if (d.severity == Severity::Error)
            lines += fromStd(displayName(d.element, scenario, builtinCatalog()) + ": " + d.message) + QLatin1Char('\n');
    return lines;
}

} // namespace

DocumentFiles::DocumentFiles(QMainWindow* window, models::ProjectDocument* document, views::TopologyView* view,
                             models::AutosaveController* autosave)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_view(view)
    , m_autosave(autosave)
{
}

void DocumentFiles::addRecent(const QString& path)
{
    models::recentFiles::add(path);
    emit recentChanged();
}

void DocumentFiles::newDocument()
{
    Scenario sc;
    sc.name = tr("Untitled design").toStdString();
    m_document->reset(std::move(sc));
    m_autosave->restartSession({});
    emit designShown();
    m_view->resetZoom();
    m_view->centerOn(0, 0);
}

void DocumentFiles::open()
{
    if (!confirmDiscard())
        return;
    const QString dir = QSettings().value(QStringLiteral("files/lastDir"), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open design"), dir, tr(kFileFilter));
    if (!path.isEmpty())
        openFile(path);
}

bool DocumentFiles::openFile(const QString& path)
{
    // The same rule as strata-cli (core/io/designfile): a .strata project, else a JSON scenario.
    // A file whose errors are in its values opens anyway, so that they can be fixed: the values
    // are kept as written, Diagnostics lists each error (a click selects its element), and
    // nothing is evaluated until the design is valid. Only a file that is not a design is refused.
    const bool example = path.startsWith(QLatin1String(":/"));
    DesignFile design;
    if (example) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            design = designFromJson(f.readAll().toStdString());
        } else {
            design.error = DesignError::File;
            design.message = path.toStdString() + ": not found";
        }
    } else {
        design = openDesign(path.toStdString());
    }
    QString error;
    if (design.error == DesignError::File)
        error = fromStd(design.message);
    else if (design.error == DesignError::Content && !design.readable)
        error = tr("%1 is not a Strata scenario.").arg(QFileInfo(path).fileName());
    if (!error.isEmpty()) {
        const QString details = errorLines(design.diagnostics);
        QMessageBox box(QMessageBox::Warning, tr("Cannot open"), error, QMessageBox::Ok, m_window);
        if (!details.isEmpty())
            box.setDetailedText(details);
        box.exec();
        return false;
    }
    const Diagnostics problems = design.error == DesignError::Content ? design.diagnostics : Diagnostics{};
    Scenario sc = std::move(design.scenario);
    // JSON and examples open as new designs: Save asks where to write the .strata project.
    const bool project = !example && design.project;
    m_document->reset(std::move(sc), project ? path : QString());
    emit designShown();
    if (!example)
        addRecent(path);
    if (!example)
        QSettings().setValue(QStringLiteral("files/lastDir"), QFileInfo(path).absolutePath());
    m_autosave->restartSession(project ? path : QString());
    m_window->statusBar()->showMessage(tr("Opened %1").arg(example ? fromStd(m_document->scenario().name) : QFileInfo(path).fileName()), 4000);
    if (hasErrors(problems))
        reportOpenProblems(QFileInfo(path).fileName(), problems);
    if (project)
        offerNewerCopy(path);
    return true;
}

void DocumentFiles::reportOpenProblems(const QString& file, const Diagnostics& problems)
{
    const QString details = errorLines(problems, m_document->scenario());
    const int errors = static_cast<int>(std::count_if(problems.begin(), problems.end(),
                                                      [](const Diagnostic& d) { return d.severity == Severity::Error; }));
    const QString text =
        tr("%1 opened with %n problem(s). Values out of range are kept as written and listed in Diagnostics: "
           "click one to select its element, and fix it there. Fields of the wrong type and unknown fields were "
           "left out (see the details). Nothing is evaluated until the design is valid.",
           nullptr, errors)
            .arg(file);
    m_window->statusBar()->showMessage(tr("%1: %n problem(s) to fix, see Diagnostics", nullptr, errors).arg(file), 15000);
    if (auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("diagnosticsDock")))
        dock->raise();
    // Not modal: the design is open behind it and can be fixed at once.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Opened with problems"), text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("openProblems"));
    box->setDetailedText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool DocumentFiles::saveTo(const QString& path)
{
    m_document->setView(m_view->canvasView());
    const StoreResult r = saveProject(m_document->scenario(), path.toStdString(),
                                      {.keepBackup = views::PreferencesDialog::keepBackup()});
    if (!r.ok()) {
        QMessageBox::warning(m_window, tr("Cannot save"), fromStd(r.message));
        return false;
    }
    m_document->setFilePath(path);
    m_document->markSaved();
    m_autosave->restartSession(path); // the old copy is older than the file now on disk
    addRecent(path);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool DocumentFiles::save()
{
    commitPendingEdits();
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool DocumentFiles::saveAs()
{
    const QString dir = QSettings().value(QStringLiteral("files/lastDir"), QDir::homePath()).toString();
    QString suggested = fromStd(m_document->scenario().name).simplified().replace(QLatin1Char(' '), QLatin1Char('-')).toLower();
    suggested.remove(QRegularExpression(QStringLiteral("[^a-z0-9._-]")));
    if (suggested.isEmpty())
        suggested = QStringLiteral("design");
    const QString path = askSavePath(tr("Save design"), dir + QLatin1Char('/') + suggested + QStringLiteral(".strata"),
                                     tr("Strata projects (*.strata)"), QStringLiteral("strata"));
    return !path.isEmpty() && saveTo(path);
}

QString DocumentFiles::askSavePath(const QString& title, const QString& start, const QString& filter, const QString& suffix)
{
    // The dialog adds the suffix itself, so its overwrite question is about the real file name.
    QFileDialog dialog(m_window, title, start, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setDefaultSuffix(suffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().front();
}

void DocumentFiles::commitPendingEdits()
{
    // A field being typed in commits when it loses focus: make it lose focus now.
    if (QWidget* w = QApplication::focusWidget())
        w->clearFocus();
}

void DocumentFiles::importJson()
{
    if (!confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import JSON scenario"), QDir::homePath(), tr("JSON scenarios (*.json)"));
    if (!path.isEmpty())
        openFile(path);
}

void DocumentFiles::exportJson()
{
    commitPendingEdits();
    const QString path = askSavePath(tr("Export JSON scenario"), QDir::homePath(), tr("JSON scenarios (*.json)"), QStringLiteral("json"));
    if (path.isEmpty())
        return;
    m_document->setView(m_view->canvasView());
    const QByteArray text = QByteArray::fromStdString(writeScenarioJson(m_document->scenario()));
    if (const QString error = models::writeFileAtomically(path, text); !error.isEmpty())
        QMessageBox::warning(m_window, tr("Cannot export"), error);
    else
        m_window->statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 4000);
}

bool DocumentFiles::confirmDiscard()
{
    commitPendingEdits();
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::question(m_window, tr("Unsaved changes"),
                                              tr("Save the changes to %1 first?").arg(m_document->displayName()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool DocumentFiles::offerRecovery()
{
    for (const RecoverableSession& s : m_autosave->recoverable()) {
        const QString when = QDateTime::fromSecsSinceEpoch(s.savedAtUnix).toString(QStringLiteral("yyyy-MM-dd hh:mm"));
        const QString what = s.originalPath.empty() ? tr("an unsaved design") : fromStd(s.originalPath);
        const auto answer = QMessageBox::question(
            m_window, tr("Recover unsaved work?"),
            tr("Strata did not close normally. An autosaved copy of %1 (\"%2\", %3) can be restored.")
                .arg(what, fromStd(s.scenarioName).toHtmlEscaped(), when),
            QMessageBox::Yes | QMessageBox::Discard | QMessageBox::Ignore, QMessageBox::Yes);
        if (answer == QMessageBox::Discard) {
            m_autosave->discard(s.id);
            continue;
        }
        if (answer == QMessageBox::Yes && restoreSession(s))
            return true;
    }
    return false;
}

void DocumentFiles::offerNewerCopy(const QString& path)
{
    // Issue 14: `strata FILE` after a crash opened the old file with no hint of the newer copy.
    const std::optional<RecoverableSession> s = m_autosave->newerCopyOf(path);
    if (!s)
        return;
    const QString when = QDateTime::fromSecsSinceEpoch(s->savedAtUnix).toString(QStringLiteral("yyyy-MM-dd hh:mm"));
    const QString saved = QFileInfo(path).lastModified().toString(QStringLiteral("yyyy-MM-dd hh:mm"));
    QMessageBox box(QMessageBox::Question, tr("Newer autosaved copy"),
                    tr("Strata did not close normally while %1 was open. Its autosaved copy (%2) is newer than "
                       "the file (saved %3).")
                        .arg(QFileInfo(path).fileName().toHtmlEscaped(), when, saved),
                    QMessageBox::NoButton, m_window);
    box.setObjectName(QStringLiteral("newerCopy"));
    box.setInformativeText(tr("Restore the copy to keep the changes made after the last save; the file on disk "
                              "stays as it is until you save."));
    QPushButton* restore = box.addButton(tr("Restore Copy"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard Copy"), QMessageBox::DestructiveRole);
    box.addButton(tr("Keep the File"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        restoreSession(*s);
    else if (box.clickedButton() == discard)
        m_autosave->discard(s->id);
}

bool DocumentFiles::restoreSession(const RecoverableSession& s)
{
    const StoreResult r = m_autosave->restore(s.id);
    if (!r.ok()) {
        QMessageBox::warning(m_window, tr("Cannot recover"), fromStd(r.message));
        return false;
    }
    m_document->reset(r.scenario, fromStd(s.originalPath));
    // The recovered state is not on disk yet: mark it as changed so Save is offered, and
    // keep a copy of it in this session before the crashed session's copy goes.
    m_document->undoStack()->resetClean();
    m_autosave->restartSession(fromStd(s.originalPath));
    m_autosave->saveNow();
    m_autosave->discard(s.id);
    emit designShown();
    return true;
}

} // namespace strata::app
