// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace strata::views {

/**
 * Preferences kept in QSettings: author (for reports), theme, keeping the replaced file as
 * NAME~ on save, and the autosave interval.
 */
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    /// Writes the dialog's values to QSettings.
    void store() const;

    static QString author();
    static QString theme();           ///< "system", "light" or "dark"
    static bool keepBackup();
    static int autosaveSeconds();     ///< 10..3600

private:
    QLineEdit* m_author;
    QComboBox* m_theme;
    QCheckBox* m_backup;
    QSpinBox* m_autosave;
};

} // namespace strata::views
