// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListWidget;

namespace strata::views {

/**
 * The start page: New and Open, the example library (compiled in), recent files, and a
 * three-step "how to" for a first-time user.
 */
class WelcomeWidget : public QWidget {
    Q_OBJECT
public:
    explicit WelcomeWidget(QWidget* parent = nullptr);

    void setRecentFiles(const QStringList& files);
    QListWidget* examples() const { return m_examples; }

    /// The examples compiled into the application: resource path → title.
    static QList<QPair<QString, QString>> exampleLibrary();

signals:
    void newRequested();
    void openRequested();
    void fileRequested(const QString& path);

private:
    QListWidget* m_examples;
    QListWidget* m_recent;
};

} // namespace strata::views
