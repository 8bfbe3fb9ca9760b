// SPDX-License-Identifier: GPL-3.0-or-later
#include "preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace strata::views {

QString PreferencesDialog::author()
{
    return QSettings().value(QStringLiteral("report/author")).toString();
}

QString PreferencesDialog::theme()
{
    const QString t = QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
    return t == QLatin1String("light") || t == QLatin1String("dark") ? t : QStringLiteral("system");
}

bool PreferencesDialog::keepBackup()
{
    return QSettings().value(QStringLiteral("files/keepBackup"), true).toBool();
}

int PreferencesDialog::autosaveSeconds()
{
    return std::clamp(QSettings().value(QStringLiteral("files/autosaveSeconds"), 30).toInt(), 10, 3600);
}

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_author = new QLineEdit(author());
    m_author->setPlaceholderText(tr("Your name, printed on reports"));
    form->addRow(tr("Author"), m_author);
    m_theme = new QComboBox;
    m_theme->addItem(tr("Follow system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(m_theme->findData(theme()));
    form->addRow(tr("Theme"), m_theme);
    m_backup = new QCheckBox(tr("Keep the previous version as NAME~ when saving"));
    m_backup->setChecked(keepBackup());
    form->addRow(tr("Saving"), m_backup);
    m_autosave = new QSpinBox;
    m_autosave->setRange(10, 3600);
    m_autosave->setSuffix(tr(" s"));
    m_autosave->setValue(autosaveSeconds());
    m_autosave->setToolTip(tr("Unsaved changes are copied to your data folder this often, for recovery after a crash"));
    form->addRow(tr("Autosave every"), m_autosave);
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void PreferencesDialog::store() const
{
    QSettings s;
    s.setValue(QStringLiteral("report/author"), m_author->text().trimmed());
    s.setValue(QStringLiteral("appearance/theme"), m_theme->currentData().toString());
    s.setValue(QStringLiteral("files/keepBackup"), m_backup->isChecked());
    s.setValue(QStringLiteral("files/autosaveSeconds"), m_autosave->value());
}

} // namespace strata::views
