// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcomewidget.h"

#include "views/icons.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::views {

QList<QPair<QString, QString>> WelcomeWidget::exampleLibrary()
{
    initResources();
    QList<QPair<QString, QString>> out;
    for (const QString& f : QDir(QStringLiteral(":/examples")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = QStringLiteral(":/examples/") + f;
        QFile file(path);
        QString title = f;
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
            if (!o.value(QStringLiteral("name")).toString().isEmpty())
                title = o.value(QStringLiteral("name")).toString();
        }
        out.append({path, title});
    }
    return out;
}

WelcomeWidget::WelcomeWidget(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(40, 30, 40, 30);
    auto* title = new QLabel(tr("<h1>Strata</h1><p>Sketch an AI cloud architecture and see, while you draw it, what it costs in "
                                "latency, throughput, FLOP/s, energy, carbon and money — centralized, distributed and hybrid.</p>"));
    title->setWordWrap(true);
    outer->addWidget(title);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(30);
    auto* start = new QVBoxLayout;
    start->addWidget(new QLabel(tr("<h3>Start</h3>")));
    auto* newButton = new QPushButton(tr("New design"));
    auto* openButton = new QPushButton(tr("Open…"));
    connect(newButton, &QPushButton::clicked, this, &WelcomeWidget::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomeWidget::openRequested);
    start->addWidget(newButton);
    start->addWidget(openButton);
    auto* how = new QLabel(tr("<h3>How to</h3><ol>"
                              "<li><b>Draw sites.</b> Drag a cloud region, edge site, on-prem cluster or device group "
                              "from the palette onto the canvas.</li>"
                              "<li><b>Add compute and links.</b> Drop accelerators from the catalog onto sites; drag from "
                              "a site's right-hand circle to another site to link them.</li>"
                              "<li><b>Describe the work.</b> Add an inference, training or federated workload in the "
                              "Workloads panel. Results update as you edit; click a number, then read its Explain view.</li>"
                              "</ol>"));
    how->setWordWrap(true);
    start->addWidget(how);
    start->addStretch(1);
    grid->addLayout(start, 0, 0);

    auto* examples = new QVBoxLayout;
    examples->addWidget(new QLabel(tr("<h3>Example library</h3>")));
    m_examples = new QListWidget;
    m_examples->setObjectName(QStringLiteral("exampleList"));
    m_examples->setWordWrap(true);
    m_examples->setSpacing(3);
    m_examples->setToolTip(tr("Double-click (or Enter) to open an example as a new design"));
    for (const auto& [path, name] : exampleLibrary()) {
        auto* item = new QListWidgetItem(name);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QFileInfo(path).fileName());
        m_examples->addItem(item);
    }
    connect(m_examples, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit fileRequested(item->data(Qt::UserRole).toString()); });
    examples->addWidget(m_examples);
    grid->addLayout(examples, 0, 1);

    auto* recent = new QVBoxLayout;
    recent->addWidget(new QLabel(tr("<h3>Recent</h3>")));
    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("recentList"));
    m_recent->setWordWrap(true);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit fileRequested(item->data(Qt::UserRole).toString()); });
    recent->addWidget(m_recent);
    grid->addLayout(recent, 0, 2);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 4);
    grid->setColumnStretch(2, 2);
    outer->addLayout(grid, 1);
}

void WelcomeWidget::setRecentFiles(const QStringList& files)
{
    m_recent->clear();
    for (const QString& f : files) {
        auto* item = new QListWidgetItem(QFileInfo(f).fileName());
        item->setData(Qt::UserRole, f);
        item->setToolTip(f);
        m_recent->addItem(item);
    }
    if (files.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No recent files yet"));
        item->setFlags(Qt::NoItemFlags);
        m_recent->addItem(item);
    }
}

} // namespace strata::views
