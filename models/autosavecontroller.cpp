// SPDX-License-Identifier: GPL-3.0-or-later
#include "autosavecontroller.h"

#include "models/projectdocument.h"

#include <QDir>
#include <QTimer>

namespace strata::models {

AutosaveController::AutosaveController(ProjectDocument* document, const QString& directory, int intervalSeconds, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this))
{
    QDir().mkpath(directory);
    m_store = std::make_unique<core::AutosaveStore>(directory.toStdString());
    m_session = m_store->beginSession({});
    setInterval(intervalSeconds);
    connect(m_timer, &QTimer::timeout, this, &AutosaveController::saveNow);
    m_timer->start();
}

AutosaveController::~AutosaveController()
{
    m_store->endSession(m_session);
}

void AutosaveController::setInterval(int seconds)
{
    m_timer->setInterval(seconds * 1000);
}

void AutosaveController::restartSession(const QString& path)
{
    m_store->endSession(m_session);
    m_session = m_store->beginSession(path.toStdString());
}

void AutosaveController::saveNow()
{
    if (!m_document->isModified())
        return;
    const core::StoreResult r = m_store->autosave(m_session, m_document->scenario());
    if (!r.ok())
        emit failed(QString::fromStdString(r.message));
}

std::vector<core::RecoverableSession> AutosaveController::recoverable() const
{
    std::vector<core::RecoverableSession> out;
    for (core::RecoverableSession& s : m_store->recoverable())
        if (s.id != m_session)
            out.push_back(std::move(s));
    return out;
}

std::optional<core::RecoverableSession> AutosaveController::newerCopyOf(const QString& path) const
{
    return m_store->newerCopyOf(path.toStdString());
}

core::StoreResult AutosaveController::restore(const std::string& id) const
{
    return m_store->restore(id);
}

void AutosaveController::discard(const std::string& id) const
{
    m_store->discard(id);
}

} // namespace strata::models
