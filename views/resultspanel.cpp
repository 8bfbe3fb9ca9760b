// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultspanel.h"

#include "engine/comparison.h"
#include "models/resultsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::views {

using namespace strata::core;

namespace {
QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}
} // namespace

ResultsPanel::ResultsPanel(models::ResultsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    m_status = new QLabel(tr("No results yet."));
    m_status->setWordWrap(true);
    top->addWidget(m_status, 1);
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    top->addWidget(m_busy);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Vertical);
    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("resultsTree"));
    m_tree->setModel(model);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setDefaultAlignment(Qt::AlignCenter);
    split->addWidget(m_tree);
    m_explain = new QTextBrowser;
    m_explain->setObjectName(QStringLiteral("explainView"));
    m_explain->setOpenLinks(false);
    m_explain->setPlaceholderText(tr("Select a number to see its formula and breakdown."));
    split->addWidget(m_explain);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ResultsPanel::explainCurrent);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        for (int c = 1; c < m_model->columnCount(); ++c)
            m_tree->header()->setSectionResizeMode(c, QHeaderView::Stretch);
        explainCurrent();
    });
}

void ResultsPanel::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    if (busy)
        m_status->setText(tr("Evaluating…"));
}

void ResultsPanel::showSnapshot(std::shared_ptr<const models::EvaluationSnapshot> snapshot)
{
    // Keep the number the user is reading selected across the re-evaluation.
    const QModelIndex was = m_tree->currentIndex();
    const QString workload = was.data(models::ResultsModel::WorkloadRole).toString();
    const QString key = was.data(models::ResultsModel::RowKeyRole).toString();
    const int column = was.column();
    m_model->setSnapshot(snapshot);
    if (!workload.isEmpty() && !key.isEmpty()) {
        for (int w = 0; w < m_model->rowCount(); ++w) {
            const QModelIndex parent = m_model->index(w, 0);
            if (parent.data(models::ResultsModel::WorkloadRole).toString() != workload)
                continue;
            for (int r = 0; r < m_model->rowCount(parent); ++r)
                if (m_model->index(r, 0, parent).data(models::ResultsModel::RowKeyRole).toString() == key &&
                    column < m_model->columnCount(parent))
                    m_tree->setCurrentIndex(m_model->index(r, column, parent));
        }
    }
    if (!snapshot)
        return;
    const Evaluation& ev = snapshot->evaluation;
    if (!ev.ok()) {
        const auto errors = std::count_if(ev.diagnostics.begin(), ev.diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
        m_status->setText(tr("<b>Not evaluated:</b> the design has %n error(s); see Diagnostics.", nullptr, int(errors)));
    } else if (snapshot->scenario.workloads.empty()) {
        m_status->setText(tr("Add a workload (Workloads panel) to see latency, throughput, energy and cost."));
    } else {
        QString text = tr("%n workload(s) under %1 strategies · evaluated in %2 ms · ★ best of the row", nullptr,
                          int(snapshot->scenario.workloads.size()))
                           .arg(ev.results.size())
                           .arg(snapshot->elapsedMs, 0, 'f', 2);
        if (!ev.invalidWorkloads.empty())
            text = tr("<b>%n workload(s) not evaluated</b> for their errors (see Diagnostics); ", nullptr,
                      int(ev.invalidWorkloads.size())) +
                   text;
        m_status->setText(text);
    }
}

void ResultsPanel::explainCurrent()
{
    const QModelIndex index = m_tree->currentIndex();
    const auto snapshot = m_model->snapshot();
    if (!index.isValid() || !snapshot || !index.parent().isValid()) {
        m_explain->clear();
        return;
    }
    const QString key = index.data(models::ResultsModel::RowKeyRole).toString();
    const QString workload = index.data(models::ResultsModel::WorkloadRole).toString();
    int strategy = index.data(models::ResultsModel::StrategyIndexRole).toInt();
    if (strategy < 0)
        strategy = 0;
    const Explanation e = m_model->explain(workload, strategy, key);
    // Title as the table says it: metric (unit) · workload (by name) · strategy.
    const QString metric = index.sibling(index.row(), 0).data().toString().trimmed();
    const QString column = m_model->headerData(strategy + 1, Qt::Horizontal).toString();
    QString html = QStringLiteral("<h3>%1 · %2 · %3</h3>")
                       .arg(metric.toHtmlEscaped(), m_model->workloadName(workload).toHtmlEscaped(), column.toHtmlEscaped());
    if (!e.formula.empty())
        html += QStringLiteral("<p><b>Formula.</b> %1</p>").arg(esc(e.formula));
    if (!e.parts.empty()) {
        html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
        for (const ExplanationLine& l : e.parts)
            html += QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;&nbsp;%2</td><td>&nbsp;%3</td></tr>")
                        .arg(esc(l.label), esc(l.value), esc(l.unit));
        html += QStringLiteral("</table>");
    }
    if (!e.notes.empty()) {
        html += QStringLiteral("<p><b>Why.</b></p><ul>");
        for (const std::string& n : e.notes)
            html += QStringLiteral("<li>%1</li>").arg(esc(n));
        html += QStringLiteral("</ul>");
    }
    html += QStringLiteral("<p><small>Analytic approximations (M/G/c, processor-sharing network); see docs/model.md.</small></p>");
    m_explain->setHtml(html);
}

} // namespace strata::views
