// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportcontent.h"

#include "chartdata.h"
#include "evaluationservice.h"
#include "strategystyle.h"

#include "engine/comparison.h"
#include "model/workloadkind.h"
#include "strata_version.h"

#include <QCoreApplication>

#include <algorithm>
#include <set>

namespace strata::models {

using namespace strata::core;

namespace {

/// Characters of a name that the report shows; past it the name ends in "…" (a name may have
/// 10,000 bytes, which as a title filled pages; issue 14, item 4). Messages are not cut.
constexpr qsizetype kMaxCellChars = 160;
/// The longest run of characters without a break opportunity that the report lays out as it is.
constexpr qsizetype kMaxUnbrokenRun = 40;

/// \a text cut to \a chars characters (not inside a surrogate pair) with "…" appended.
QString elided(QString text, qsizetype chars)
{
    if (text.size() <= chars)
        return text;
    qsizetype n = chars;
    if (text.at(n - 1).isHighSurrogate())
        --n;
    text.truncate(n);
    return text + QChar(0x2026);
}

/// \a text with a zero-width space after every kMaxUnbrokenRun characters of a run that has no
/// space: Qt lays out one unbroken run in time quadratic in its length (a 1 MiB word took 89 s),
/// and such a run could not be wrapped anyway. One pass, so linear.
QString breakable(const QString& text)
{
    QString out;
    out.reserve(text.size() + text.size() / kMaxUnbrokenRun + 1);
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        out += c;
        if (c.isSpace() || c == QLatin1Char('-') || c == QLatin1Char('/')) {
            run = 0;
        } else if (++run >= kMaxUnbrokenRun && !c.isHighSurrogate()) {
            out += QChar(0x200b);
            run = 0;
        }
    }
    return out;
}

/// Text for the report's HTML (a message, a label, a cell): escaped, long words breakable.
QString esc(std::string_view s)
{
    return breakable(QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()))).toHtmlEscaped();
}

/// A name for the report's HTML (of the design or an element): escaped, elided, breakable.
QString escName(std::string_view s)
{
    return breakable(elided(QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())), kMaxCellChars)).toHtmlEscaped();
}

/// Prose (the description, the notes), escaped: all of it, long words breakable, lines kept.
QString prose(std::string_view s)
{
    return breakable(QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())))
        .toHtmlEscaped()
        .replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString num(double v)
{
    return esc(formatValue(v));
}

QString opt(const std::optional<double>& v, const QString& none = QStringLiteral("–"))
{
    return v ? num(*v) : none;
}

QString strategyTitle(Strategy s)
{
    return models::strategyLabel(s).toHtmlEscaped();
}

QString workloadTitle(const Workload& w)
{
    return w.name.empty() ? esc(w.id) : QStringLiteral("%1 <span style='color:#555'>(%2)</span>").arg(escName(w.name), esc(w.id));
}

/// The report's sections, in order; Charts is left out when there is nothing to chart.
enum class Part { Summary, Topology, Inputs, Results, Charts, Diagnostics, Method, Sources };

constexpr qsizetype kTitleDescription = 700; ///< characters of the description on the title page

class ReportContentBuilder {
public:
    ReportContentBuilder(const EvaluationSnapshot& snapshot, const ReportOptions& options)
        : m_snap(snapshot)
        , m_sc(snapshot.scenario)
        , m_ev(snapshot.evaluation)
        , m_options(options)
        , m_table(compareStrategies(m_sc, m_ev))
        , m_hasCharts(m_ev.ok() && !m_sc.workloads.empty())
    {
    }

    ReportContent build()
    {
        m_content.designName = elided(QString::fromStdString(m_sc.name), kMaxCellChars);
        m_content.date = m_options.created.toString(QStringLiteral("yyyy-MM-dd"));
        title();
        summary();
        topology();
        inputs();
        results();
        charts();
        diagnostics();
        method();
        sources();
        return std::move(m_content);
    }

private:
    /// The number a part has in this report (the charts may be left out, which renumbers the rest).
    int number(Part p) const
    {
        const int n = static_cast<int>(p) + 1;
        return !m_hasCharts && p > Part::Charts ? n - 1 : n;
    }

    /// "section N" for a cross reference.
    QString ref(Part p) const { return tr("section %1").arg(number(p)); }

    /// A part's heading.
    QString h1(Part p, const QString& title) const
    {
        return QStringLiteral("<h1>%1&nbsp;&nbsp;%2</h1>").arg(number(p)).arg(title);
    }

    void text(const QString& section, const QString& body, bool keepWithNext = false)
    {
        ReportPiece piece;
        piece.section = section;
        if (!section.isEmpty())
            piece.number = ++m_sectionCount; // parts come in Part order, so this is number(part)
        piece.html = body;
        piece.keepWithNext = keepWithNext;
        m_content.pieces.push_back(std::move(piece));
    }

    /// An HTML table; \a widths, when given, are the columns' shares of the page width in percent.
    static QString table(const QStringList& headers, const std::vector<QStringList>& rows, const QList<int>& widths = {})
    {
        QString t = QStringLiteral("<table width='100%' border='1' cellspacing='0' cellpadding='3' style='border-color:#b8bec6'>");
        t += QStringLiteral("<thead><tr>");
        for (qsizetype i = 0; i < headers.size(); ++i)
            t += i < widths.size() ? QStringLiteral("<th width='%1%'>%2</th>").arg(widths[i]).arg(headers[i])
                                   : QStringLiteral("<th>%1</th>").arg(headers[i]);
        t += QStringLiteral("</tr></thead>");
        for (const QStringList& r : rows) {
            t += QStringLiteral("<tr>");
            for (const QString& c : r)
                t += c.startsWith(QLatin1String("<td")) ? c : QStringLiteral("<td>%1</td>").arg(c);
            t += QStringLiteral("</tr>");
        }
        return t + QStringLiteral("</table>");
    }

    const StrategyResult* result(Strategy s) const
    {
        for (const StrategyResult& r : m_ev.results)
            if (r.strategy == s)
                return &r;
        return nullptr;
    }

    // ------------------------------------------------------------ sections
    void summary()
    {
        QString b = h1(Part::Summary, tr("Executive summary"));
        if (!m_ev.ok()) {
            b += QStringLiteral("<p><b>The design has errors and could not be evaluated.</b> See Diagnostics.</p>");
            text(QStringLiteral("Executive summary"), b);
            return;
        }
        QStringList evaluated;
        for (const StrategyResult& r : m_ev.results)
            evaluated << strategyTitle(r.strategy);
        b += QStringLiteral("<p>%1 sites, %2 links and %3 workloads, evaluated as %4 deployments. The lines below name the "
                            "best strategy for each metric and how far it is ahead of the next one; %5 has every "
                            "number.</p>")
                 .arg(m_sc.sites.size())
                 .arg(m_sc.links.size())
                 .arg(m_sc.workloads.size())
                 .arg(evaluated.join(QStringLiteral(", ")), ref(Part::Results));
        for (size_t wi = 0; wi < m_table.size() && wi < m_sc.workloads.size(); ++wi) {
            const WorkloadComparison& wc = m_table[wi];
            b += QStringLiteral("<h3>%1 — %2</h3><ul>").arg(workloadTitle(m_sc.workloads[wi]), esc(workloadTypeName(wc.type)));
            int lines = 0;
            for (const ComparisonRow& row : wc.rows) {
                if (row.detail || row.textual || row.better == Better::None)
                    continue;
                const auto lead = leadOf(row);
                if (!lead)
                    continue;
                QStringList names;
                for (size_t i : lead->winners)
                    names << QStringLiteral("<b>%1</b>").arg(strategyTitle(m_ev.results[i].strategy));
                const double best = *row.cells[lead->winners.front()].value;
                const QString unit = row.unit.empty() ? QString() : QStringLiteral(" ") + esc(row.unit);
                QString line = QStringLiteral("%1 %2 the %3 %4: %5%6")
                                   .arg(names.join(QStringLiteral(" and ")), names.size() > 1 ? tr("tie for") : tr("has"),
                                        row.better == Better::Lower ? tr("lowest") : tr("highest"), esc(row.label), num(best), unit);
                if (lead->runnerUp) {
                    const double other = *row.cells[*lead->runnerUp].value;
                    const QString next = strategyTitle(m_ev.results[*lead->runnerUp].strategy);
                    const double ratio = row.better == Better::Lower ? other / best : best / other;
                    if (other == 0) // no percentage of nothing
                        line += tr(", where %1 has 0%2").arg(next, unit);
                    else if (best > 0 && other > 0 && ratio >= 2) // far ahead: a factor reads better than "5,050 %"
                        line += QStringLiteral(", %1 times %2 than %3 (%4%5)")
                                    .arg(QString::number(ratio, 'g', 3), row.better == Better::Lower ? tr("lower") : tr("higher"), next,
                                         num(other), unit);
                    else
                        line += QStringLiteral(", %1 % %2 %3 (%4%5)")
                                    .arg(QString::number(lead->margin * 100, 'g', 3),
                                         row.better == Better::Lower ? tr("below") : tr("above"), next, num(other), unit);
                }
                b += QStringLiteral("<li>%1.</li>").arg(line);
                ++lines;
            }
            if (lines == 0)
                b += QStringLiteral("<li>No metric separates the strategies.</li>");
            b += QStringLiteral("</ul>");
        }

        // Service level and bottlenecks.
        std::vector<QStringList> slo;
        for (const Workload& w : m_sc.workloads) {
            if (!w.inference())
                continue;
            for (const StrategyResult& r : m_ev.results)
                if (const InferenceResult* found = findResult(r.inference, w.id)) {
                    const InferenceResult& i = *found;
                    const bool served = i.saturated || i.latencyP95Seconds.has_value();
                    QString status = !served                                 ? QStringLiteral("<b style='color:#b71c1c'>not served</b>")
                                     : !std::get<InferenceSpec>(w.spec).sloP95Ms ? tr("no SLO")
                                     : i.saturated                           ? QStringLiteral("<b style='color:#b71c1c'>saturated</b>")
                                     : i.sloMet.value_or(false)              ? tr("met")
                                                                             : QStringLiteral("<b style='color:#b71c1c'>missed</b>");
                    slo.push_back({escName(w.name.empty() ? w.id : w.name), strategyTitle(r.strategy),
                                   i.latencyP95Seconds ? num(*i.latencyP95Seconds * 1e3) : i.saturated ? tr("unbounded") : tr("not served"),
                                   std::get<InferenceSpec>(w.spec).sloP95Ms ? num(*std::get<InferenceSpec>(w.spec).sloP95Ms) : QStringLiteral("–"),
                                   status, i.bottleneck.empty() ? QStringLiteral("–") : nameOf(i.bottleneck)});
                }
        }
        if (!slo.empty()) {
            b += QStringLiteral("<h2>Service level and bottlenecks</h2>");
            b += table({tr("Service"), tr("Strategy"), tr("p95 (ms)"), tr("SLO p95 (ms)"), tr("SLO"), tr("Bottleneck")}, slo);
        }

        // Compliance and single points of failure.
        std::vector<QStringList> risk;
        for (const StrategyResult& r : m_ev.results) {
            QStringList violations;
            for (const ComplianceViolation& v : r.compliance)
                violations << QStringLiteral("%1: data of %2 (%3) ends at %4 (%5)")
                                  .arg(nameOf(ElementRef::workload(v.workload)), nameOf(ElementRef::site(v.data)), esc(v.from),
                                       nameOf(ElementRef::site(v.toSite)), esc(v.to));
            QStringList spof;
            for (const ElementRef& c : r.singlePointsOfFailure)
                spof << nameOf(c);
            const int shown = 6;
            auto list = [&](QStringList l, const QString& none) {
                if (l.isEmpty())
                    return none;
                const int more = static_cast<int>(l.size()) - shown;
                if (more > 0) {
                    l = l.mid(0, shown);
                    l << tr("and %1 more").arg(more);
                }
                return l.join(QStringLiteral("; "));
            };
            risk.push_back({strategyTitle(r.strategy), list(violations, tr("none")),
                            r.resilienceAnalyzed ? list(spof, tr("none")) : tr("not analysed")});
        }
        b += QStringLiteral("<h2>Data residency and single points of failure</h2>");
        b += table({tr("Strategy"), tr("Data-residency violations"), tr("Single points of failure (N − 1)")}, risk);
        text(QStringLiteral("Executive summary"), b);
    }

    void topology()
    {
        int shown = -1;
        const Strategy want = m_options.canvasStrategy.value_or(Strategy::Hybrid);
        for (size_t i = 0; i < m_ev.results.size(); ++i)
            if (m_ev.results[i].strategy == want)
                shown = static_cast<int>(i);
        if (shown < 0 && !m_ev.results.empty())
            shown = 0;
        QString b = h1(Part::Topology, tr("Topology")) + tr("<p>The design as drawn. ");
        if (shown >= 0)
            b += tr("Outlines show the load under <b>%1</b>: green below 50 %, amber to 80 %, red above; the "
                    "bottleneck of each service has a thick red outline. Link width grows with bandwidth.")
                     .arg(strategyTitle(m_ev.results[static_cast<size_t>(shown)].strategy));
        b += QStringLiteral("</p>");
        text(QStringLiteral("Topology"), b);
        if (m_sc.sites.empty())
            return;
        ReportPiece piece;
        piece.kind = ReportPiece::Kind::Topology;
        piece.strategyShown = shown;
        m_content.pieces.push_back(std::move(piece));
    }

    void inputs()
    {
        QString b = h1(Part::Inputs, tr("Inputs"));
        // One block per part: a part that does not fit moves to the next page whole, heading and all.
        QString section = QStringLiteral("Inputs");
        auto flush = [&] {
            if (!b.isEmpty())
                text(section, b);
            section.clear();
            b.clear();
        };
        if (!m_sc.description.empty())
            b += QStringLiteral("<h2>Description</h2><p>%1</p>").arg(prose(m_sc.description));
        flush();
        b += QStringLiteral("<h2>Sites</h2>");
        std::vector<QStringList> sites;
        for (const Site& s : m_sc.sites)
            sites.push_back({esc(s.id), escName(s.name), esc(siteKindName(s.kind)), s.jurisdiction.empty() ? QStringLiteral("–") : escName(s.jurisdiction),
                             opt(s.devices), opt(s.pue, tr("default")), opt(s.carbonGPerKwh, tr("default")),
                             opt(s.energyUsdPerKwh, tr("default")), opt(s.availability, tr("default"))});
        b += table({tr("Id"), tr("Name"), tr("Kind"), tr("Jurisdiction"), tr("Devices"), tr("PUE"), tr("Carbon (g CO2/kWh)"),
                    tr("Energy (USD/kWh)"), tr("Availability")},
                   sites, {10, 17, 8, 11, 9, 8, 12, 12, 13});
        b += QStringLiteral("<p class='note'>“default”: the value of MODEL.md §1 for the site's kind; %1 lists the values used.</p>").arg(ref(Part::Method));

        const Catalog catalog = catalogOf(m_sc);
        std::vector<QStringList> pools;
        for (const Site& s : m_sc.sites)
            for (size_t i = 0; i < s.pools.size(); ++i) {
                const Pool& p = s.pools[i];
                const Accelerator* a = catalog.find(p.accelerator);
                auto peak = [&](Precision pr) -> QString {
                    if (!a)
                        return QStringLiteral("?");
                    auto it = a->peakTflops.find(pr);
                    return it == a->peakTflops.end() ? QStringLiteral("–") : num(it->second);
                };
                pools.push_back({esc(s.id), QString::number(i), a ? escName(a->vendor + " " + a->model) : esc(p.accelerator) + tr(" (unknown)"),
                                 QStringLiteral("<td class='num'>%1</td>").arg(p.count), peak(Precision::BF16), peak(Precision::FP16),
                                 peak(Precision::INT8), a ? opt(a->memoryGb) : QStringLiteral("?"), a ? opt(a->tdpW) : QStringLiteral("?"),
                                 a ? opt(a->usdPerHour) : QStringLiteral("?")});
            }
        if (!pools.empty()) {
            flush();
            b += QStringLiteral("<h2>Accelerator pools</h2>");
            b += table({tr("Site"), tr("#"), tr("Accelerator"), tr("Count"), tr("BF16 (TFLOP/s)"), tr("FP16 (TFLOP/s)"),
                        tr("INT8 (TOPS)"), tr("Memory (GB)"), tr("TDP (W)"), tr("USD/h")},
                       pools, {10, 5, 19, 7, 10, 10, 9, 10, 10, 10});
            b += QStringLiteral("<p class='note'>Peak dense figures per device; the sources are in %1.</p>").arg(ref(Part::Sources));
        }
        std::vector<QStringList> links;
        for (const Link& l : m_sc.links) {
            QString latency = l.latencyMs ? num(*l.latencyMs) + QStringLiteral(" ms")
                              : l.distanceKm ? num(*l.distanceKm) + QStringLiteral(" km") +
                                                   (l.routeFactor ? QStringLiteral(" × ") + num(*l.routeFactor) : QString())
                                             : tr("default");
            links.push_back({esc(l.id), esc(l.a), esc(l.b), esc(linkKindName(l.kind)), num(l.bandwidthGbps), latency,
                             opt(l.egressUsdPerGb, tr("default")), opt(l.availability, tr("default"))});
        }
        if (!links.empty()) {
            flush();
            b += QStringLiteral("<h2>Links</h2>");
            b += table({tr("Id"), tr("From"), tr("To"), tr("Kind"), tr("Bandwidth (Gbps)"), tr("Latency or distance"),
                        tr("Egress (USD/GB)"), tr("Availability")},
                       links);
        }
        std::vector<QStringList> models;
        for (const Model& m : m_sc.models) {
            // Attention "64 / 8 KV" (query heads, KV heads); experts "2 of 8, 12.9e9 active".
            QString attention = QStringLiteral("–"), experts = QStringLiteral("–");
            if (m.attentionHeads)
                attention = num(*m.attentionHeads) + (m.kvHeads ? QStringLiteral(" / %1 KV").arg(num(*m.kvHeads)) : QString());
            if (m.isMixtureOfExperts())
                experts = tr("%1 of %2, %3 active").arg(num(*m.expertsPerToken), num(*m.experts), num(m.paramsPerToken()));
            models.push_back({esc(m.id), escName(m.name), m.kind == ModelKind::Transformer ? tr("transformer") : tr("generic"),
                              num(m.params), num(m.bytesPerParam), opt(m.layers), opt(m.dModel), attention, experts,
                              opt(m.flopsPerRequest)});
        }
        if (!models.empty()) {
            flush();
            b += QStringLiteral("<h2>Models</h2>");
            b += table({tr("Id"), tr("Name"), tr("Kind"), tr("Parameters"), tr("Bytes/param"), tr("Layers"), tr("d_model"),
                        tr("Heads"), tr("Experts per token"), tr("FLOP/request")},
                       models);
        }
        std::vector<QStringList> workloads;
        for (const Workload& w : m_sc.workloads) {
            QStringList facts;
            auto siteName = [&](const std::string& id) { return nameOf(ElementRef::site(id)); };
            std::visit(Overloaded{
                           [&](const InferenceSpec& s) {
                               QStringList from;
                               for (const RequestSource& r : s.sources)
                                   from << siteName(r.site);
                               facts << tr("offered %1 req/s from %2").arg(num(offeredRps(m_sc, s)), from.join(QStringLiteral(", ")))
                                     << tr("request %1 B, response %2 B").arg(num(s.requestBytes), num(s.responseBytes));
                               if (s.inputTokens)
                                   facts << tr("%1 input + %2 output tokens").arg(num(*s.inputTokens), opt(s.outputTokens, QStringLiteral("0")));
                               if (s.sloP95Ms)
                                   facts << tr("SLO p95 %1 ms").arg(num(*s.sloP95Ms));
                               if (s.maxBatch)
                                   facts << tr("max batch %1").arg(num(*s.maxBatch));
                               if (s.weightPrecision)
                                   facts << tr("weights in %1").arg(esc(precisionName(*s.weightPrecision)));
                               if (s.kvCachePrecision)
                                   facts << tr("KV cache in %1").arg(esc(precisionName(*s.kvCachePrecision)));
                           },
                           [&](const TrainingSpec& t) {
                               facts << tr("%1 tokens, sequence %2, global batch %3 tokens")
                                            .arg(num(t.tokens), num(t.seqLen), num(t.globalBatchTokens));
                               if (t.mfu)
                                   facts << tr("MFU %1 %").arg(num(*t.mfu * 100));
                               QStringList data;
                               for (const Dataset& d : t.datasets)
                                   data << QStringLiteral("%1 GB at %2").arg(num(d.bytes / 1e9), siteName(d.site));
                               if (!data.isEmpty())
                                   facts << tr("datasets: %1").arg(data.join(QStringLiteral(", ")));
                           },
                           [&](const FederatedSpec& f) {
                               facts << tr("%1 rounds, %2 of %3 clients per round, %4 local steps")
                                            .arg(num(f.rounds), num(f.clientsPerRound))
                                            .arg(f.clients.size())
                                            .arg(num(f.localSteps));
                           }},
                       w.spec);
            workloads.push_back({esc(w.id), escName(w.name), esc(workloadTypeName(w.type())), esc(w.model),
                                 w.precision ? esc(precisionName(*w.precision)) : tr("default"), facts.join(QStringLiteral("; "))});
        }
        if (!workloads.empty()) {
            flush();
            b += QStringLiteral("<h2>Workloads</h2>");
            b += table({tr("Id"), tr("Name"), tr("Type"), tr("Model"), tr("Precision"), tr("Key figures")}, workloads, {10, 20, 10, 10, 9, 41});
        }
        std::vector<QStringList> strategies;
        for (Strategy s : kAllStrategies) {
            const StrategySettings& set = m_sc.strategies[s];
            const StrategyResult* r = result(s);
            QString how = !set.enabled ? tr("not evaluated")
                          : s == Strategy::Centralized
                              ? tr("central site %1").arg(r && !r->centralSite.empty() ? esc(r->centralSite) : tr("(none)"))
                              : tr("ρ_target %1").arg(r ? num(r->rhoTarget) : opt(set.rhoTarget, QStringLiteral("0.8")));
            strategies.push_back({strategyTitle(s), how});
        }
        flush();
        b += QStringLiteral("<h2>Strategies</h2>") + table({tr("Strategy"), tr("Setting used")}, strategies);
        if (!m_sc.notes.empty())
            b += QStringLiteral("<h2>Notes</h2><p>%1</p>").arg(prose(m_sc.notes));
        flush();
    }

    void results()
    {
        QString b = h1(Part::Results, tr("Results per strategy"));
        if (!m_ev.ok()) {
            b += QStringLiteral("<p>No results: the design has errors (%1).</p>").arg(ref(Part::Diagnostics));
            text(QStringLiteral("Results per strategy"), b);
            return;
        }
        b += QStringLiteral("<p>Bold: the best of the row. “+”: the value leaves something out (a pool without a price). "
                            "Grey: a per-request figure of a strategy that serves only part of the demand, which cannot win.</p>");
        for (size_t wi = 0; wi < m_table.size() && wi < m_sc.workloads.size(); ++wi) {
            const WorkloadComparison& wc = m_table[wi];
            QStringList headers{tr("Metric"), tr("Unit")};
            for (const StrategyResult& r : m_ev.results)
                headers << strategyTitle(r.strategy);
            std::vector<QStringList> rows;
            for (const ComparisonRow& row : wc.rows) {
                QStringList cells{row.detail ? QStringLiteral("<td class='detail'>&nbsp;&nbsp;&nbsp;%1</td>").arg(esc(row.label)) : esc(row.label),
                                  esc(row.unit)};
                for (const ComparisonCell& c : row.cells) {
                    QString v = !c.ref.empty() ? nameOf(c.ref) : c.value ? num(*c.value) : esc(c.text.empty() ? "–" : c.text);
                    if (c.partial)
                        v += QStringLiteral("+");
                    const char* cls = c.winner ? "win" : c.partService ? "dim" : "num";
                    cells << QStringLiteral("<td class='%1'>%2</td>").arg(QLatin1String(cls), v);
                }
                rows.push_back(cells);
            }
            b += QStringLiteral("<h2>%1</h2>").arg(workloadTitle(m_sc.workloads[wi]));
            b += table(headers, rows);
        }
        text(QStringLiteral("Results per strategy"), b);
    }

    void charts()
    {
        if (!m_hasCharts)
            return;
        text(QStringLiteral("Comparison charts"),
             h1(Part::Charts, tr("Comparison charts")) +
                 tr("<p>The same numbers as %1, per workload; log axes where values span decades.</p>").arg(ref(Part::Results)));
        for (size_t wi = 0; wi < m_sc.workloads.size(); ++wi) {
            std::vector<BarChartData> data = comparisonCharts(m_snap, static_cast<int>(wi));
            if (data.empty())
                continue;
            text(QString(), QStringLiteral("<h2>%1</h2>").arg(workloadTitle(m_sc.workloads[wi])), true);
            for (size_t i = 0; i < data.size(); i += 2) { // two charts side by side
                ReportPiece piece;
                piece.kind = ReportPiece::Kind::Charts;
                piece.charts.assign(data.begin() + static_cast<long>(i), data.begin() + static_cast<long>(std::min(data.size(), i + 2)));
                m_content.pieces.push_back(std::move(piece));
            }
        }
    }

    void diagnostics()
    {
        QString b = h1(Part::Diagnostics, tr("Diagnostics"));
        Diagnostics all = m_ev.diagnostics;
        for (const StrategyResult& r : m_ev.results)
            for (const Diagnostic& d : r.diagnostics)
                if (std::find(all.begin(), all.end(), d) == all.end())
                    all.push_back(d);
        if (all.empty()) {
            b += QStringLiteral("<p>No errors, warnings or notes.</p>");
        } else {
            std::vector<QStringList> rows;
            for (const Diagnostic& d : all)
                rows.push_back({d.severity == Severity::Error ? QStringLiteral("<b style='color:#b71c1c'>error</b>") : esc(severityName(d.severity)),
                                nameOf(d.element), esc(d.message)});
            b += table({tr("Severity"), tr("Element"), tr("Message")}, rows, {9, 21, 70});
        }
        text(QStringLiteral("Diagnostics"), b);
    }

    void method()
    {
        QString b = QStringLiteral(
            "%1"
            "<p>Strata evaluates the design analytically, not by simulation: each number is a closed form or a short "
            "fixed-point computation over the topology, so it is exact for the model and fast enough to redraw on every "
            "edit. The model is an approximation of a real system, and these are its main simplifications:</p><ul>"
            "<li>Requests arrive as Poisson streams; a pool is an M/G/c queue whose mean wait uses the Allen–Cunneen "
            "approximation, and the p95 uses a 'zero or exponential' wait at each queue (the exact tail of the resulting "
            "hypo-exponential sum).</li>"
            "<li>Service time per request is a roofline: the larger of compute time (FLOP / (peak × compute efficiency)) and "
            "memory time (bytes / (bandwidth × memory efficiency)), for a batch up to max_batch.</li>"
            "<li>Links share bandwidth as processor-sharing queues; propagation delay is the link latency or distance / (2/3 c) "
            "× route factor.</li>"
            "<li>Training splits the global batch among the sites in proportion to their FLOP/s; sites synchronise by a "
            "hierarchical ring all-reduce over the worst participating path every H steps.</li>"
            "<li>Energy is power × time with board TDP at load and idle power otherwise, times the site's PUE; carbon is "
            "energy × grid intensity; cost is device-hours × price plus egress.</li>"
            "<li>Resilience is N − 1: each site or link that carries traffic is taken out in turn and the placement redone; "
            "repair times and correlated failures are not modelled.</li></ul>").arg(h1(Part::Method, tr("Method")));
        std::vector<QStringList> formulas;
        std::set<std::string> seen;
        for (const WorkloadComparison& wc : m_table)
            for (const ComparisonRow& row : wc.rows) {
                const std::string f = formulaOf(row.key);
                if (f.empty() || !seen.insert(f).second) // parts share their total's formula: once is enough
                    continue;
                formulas.push_back({esc(row.label) + (row.unit.empty() ? QString() : QStringLiteral(" (%1)").arg(esc(row.unit))), esc(f)});
            }
        text(QStringLiteral("Method"), b);
        b.clear();
        if (!formulas.empty()) {
            b += QStringLiteral("<h2>Formulas</h2>");
            b += table({tr("Metric"), tr("How it is computed")}, formulas,
                       {22, 78});
        }
        if (!m_ev.assumptions.empty()) {
            std::vector<QStringList> rows;
            for (const Assumption& a : m_ev.assumptions) {
                QStringList where;
                for (const ElementRef& e : a.elements)
                    where << nameOf(e);
                if (where.size() > 8) {
                    const auto more = where.size() - 8;
                    where = where.mid(0, 8);
                    where << tr("and %1 more").arg(more);
                }
                rows.push_back({esc(a.field), num(a.value), esc(a.why), where.join(QStringLiteral(", "))});
            }
            if (!b.isEmpty())
                text(QString(), b);
            b.clear();
            b += QStringLiteral("<h2>Defaults and estimates used</h2>");
            b += table({tr("Field"), tr("Value"), tr("Why"), tr("Applies to")}, rows);
        }
        if (!b.isEmpty())
            text(QString(), b);
    }

    void sources()
    {
        const Catalog catalog = catalogOf(m_sc);
        std::set<std::string> used;
        for (const Site& s : m_sc.sites)
            for (const Pool& p : s.pools)
                used.insert(p.accelerator);
        std::vector<QStringList> rows;
        for (const std::string& id : used) {
            const Accelerator* a = catalog.find(id);
            if (!a) {
                rows.push_back({esc(id), tr("not in the catalog")});
                continue;
            }
            const bool own = std::any_of(m_sc.accelerators.begin(), m_sc.accelerators.end(), [&](const Accelerator& x) { return x.id == id; });
            rows.push_back({escName(a->vendor + " " + a->model) + QStringLiteral("<br><span class='note'>%1</span>").arg(esc(id)),
                            (a->source.empty() ? tr("no source given") : esc(a->source)) + (own ? tr(" (defined in this design)") : QString())});
        }
        QString b = h1(Part::Sources, tr("Catalog sources")) + QStringLiteral("<p>Where the accelerator figures used here come from. "
                                   "Strata's built-in catalog cites a datasheet or vendor page for every figure; a figure "
                                   "no source gives is left empty and estimated by a documented rule (%1).</p>").arg(ref(Part::Method));
        b += rows.empty() ? QStringLiteral("<p>The design uses no accelerators.</p>")
                          : table({tr("Accelerator"), tr("Source")}, rows, {30, 70});
        text(QStringLiteral("Catalog sources"), b);
    }

    void title()
    {
        QString b = QStringLiteral("<p style='font-size:9pt; color:#555'>STRATA · ANALYSIS REPORT</p>"
                                   "<p style='font-size:24pt; font-weight:bold; color:#1f3b57'>%1</p>")
                        .arg(escName(m_sc.name.empty() ? std::string("Untitled design") : m_sc.name));
        if (!m_sc.description.empty()) {
            // A long description would run off the title page: its opening here, all of it in Inputs.
            QString d = QString::fromStdString(m_sc.description);
            if (d.size() > kTitleDescription) {
                d = d.left(kTitleDescription);
                d = d.left(std::max<qsizetype>(d.lastIndexOf(QLatin1Char(' ')), kTitleDescription / 2)) + tr(" … (%1 has all of it)").arg(ref(Part::Inputs));
            }
            b += QStringLiteral("<p style='font-size:11pt'>%1</p>").arg(breakable(d).toHtmlEscaped());
        }
        b += QStringLiteral("<p>&nbsp;</p><table cellpadding='3'>");
        auto row = [&](const QString& k, const QString& v) { b += QStringLiteral("<tr><td style='color:#555'>%1</td><td>%2</td></tr>").arg(k, v); };
        row(tr("Date"), m_options.created.toString(QStringLiteral("d MMMM yyyy, HH:mm")).toHtmlEscaped());
        if (!m_options.author.isEmpty())
            row(tr("Author"), m_options.author.toHtmlEscaped());
        auto count = [](size_t n, const char* one, const char* many) { return QStringLiteral("%1 %2").arg(n).arg(tr(n == 1 ? one : many)); };
        row(tr("Design"), QStringLiteral("%1, %2, %3").arg(count(m_sc.sites.size(), "site", "sites"), count(m_sc.links.size(), "link", "links"),
                                                           count(m_sc.workloads.size(), "workload", "workloads")));
        QStringList strategies;
        for (const StrategyResult& r : m_ev.results)
            strategies << strategyTitle(r.strategy);
        row(tr("Strategies"), strategies.isEmpty() ? tr("none evaluated") : strategies.join(QStringLiteral(", ")));
        row(tr("Produced by"), QStringLiteral("Strata %1").arg(QString::fromLatin1(kVersion)));
        b += QStringLiteral("</table>");
        m_content.titleHtml = b;
        m_content.titleFootnote = tr("Analytic estimates from the Strata model (%1 states its assumptions).").arg(ref(Part::Method));
    }

    static QString tr(const char* s) { return QCoreApplication::translate("Report", s); }

    /// An element as people read it (names, not ids), escaped for the report's HTML.
    QString nameOf(const ElementRef& ref) const { return breakable(elided(elementName(ref, m_sc), kMaxCellChars)).toHtmlEscaped(); }

    const EvaluationSnapshot& m_snap;
    const Scenario& m_sc;
    const Evaluation& m_ev;
    ReportOptions m_options;
    std::vector<WorkloadComparison> m_table;
    bool m_hasCharts;
    int m_sectionCount = 0;
    ReportContent m_content;
};

} // namespace

ReportContent reportContent(const EvaluationSnapshot& snapshot, const ReportOptions& options)
{
    return ReportContentBuilder(snapshot, options).build();
}

} // namespace strata::models
