// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace strata::models {
class ProjectDocument;
}

namespace strata::views {

/**
 * Properties of the selection: one site, one link, several sites or links (their shared fields;
 * differing values read "mixed"), or the scenario itself when nothing is selected. Numeric fields
 * accept units ("400G", "1.2 TB/s", "35 ms"); a value out of range or in a wrong unit is refused
 * with the reason under the form and not applied. Every accepted edit is one undo step.
 */
class InspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit InspectorWidget(models::ProjectDocument* document, QWidget* parent = nullptr);

    void setSelection(const QStringList& siteIds, const QStringList& linkIds);
    /// The editor of a field by its key ("name", "bandwidth_gbps", …), for tests and focus.
    QWidget* editor(const QString& key) const;
    /// The reason the last input was refused, or empty.
    QString error() const;

signals:
    /// Informs the window's status bar of a refused input.
    void inputRefused(const QString& reason);
    /// "Sweep…" was chosen on a numeric field: \a path as core::setScenarioValue takes it.
    void sweepRequested(const QString& path, double current, const QString& unit);

private:
    template <typename T>
    friend class ElementFields;

    struct Field {
        QString key;
        QPointer<QWidget> editor;
        std::function<void()> refresh; ///< reads the document into the editor
    };

    void rebuild();
    void buildStrategySettings();
    void refreshValues();
    void clearForm();
    void buildScenario();
    void buildSites();
    /// Site \a id by name (its id when it has none); with the id after it for a title.
    QString siteName(const std::string& id) const;
    QString siteTitle(const QString& id) const;
    void buildLinks();
    void addPoolRows();
    void showError(const QString& message);
    /// Adds "Sweep…" to the context menu of \a editor (single selection only).
    void makeSweepable(QWidget* editor, const QString& path, std::function<double()> current, const QString& unit);
    void addTextField(const QString& key, const QString& label, std::function<std::optional<QString>()> get,
                      std::function<bool(const QString&, QString*)> set);

    models::ProjectDocument* m_document;
    QStringList m_sites, m_links;
    QLabel* m_title;
    QFormLayout* m_form;
    QWidget* m_formHost;
    QLabel* m_error;
    std::vector<Field> m_fields;
    bool m_applying = false;
};

} // namespace strata::views
