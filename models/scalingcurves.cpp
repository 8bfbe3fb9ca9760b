// SPDX-License-Identifier: GPL-3.0-or-later
#include "scalingcurves.h"

#include "engine/evaluator.h"
#include "engine/roofline.h"
#include "model/scenariopath.h"
#include "io/catalogreader.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <set>

namespace strata::models {

using namespace strata::core;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ScalingCurves", text);
}

const Workload* pickWorkload(const Scenario& sc, const QString& id, bool inference)
{
    for (const Workload& w : sc.workloads) {
        if (!id.isEmpty() && QString::fromStdString(w.id) != id)
            continue;
        const bool kind = inference ? w.type() == WorkloadType::Inference : w.type() == WorkloadType::Training;
        if (kind || !id.isEmpty())
            return &w;
    }
    return nullptr;
}

/// FLOP/s of one pool at \a p (0 when the accelerator is unknown or lacks the precision).
double poolFlops(const Catalog& catalog, const Pool& pool, Precision p)
{
    const Accelerator* a = catalog.find(pool.accelerator);
    if (!a)
        return 0;
    auto it = a->peakTflops.find(p);
    return it == a->peakTflops.end() ? 0 : static_cast<double>(pool.count) * it->second * 1e12;
}

/// Accelerators one replica of \a modelBytes needs on pool \a pool (0: it cannot hold it at all).
long long spanOn(const Catalog& catalog, const Pool& pool, double modelBytes)
{
    const Accelerator* a = catalog.find(pool.accelerator);
    return a && a->memoryGb ? replicaSpan(modelBytes, *a->memoryGb * 1e9) : 0;
}

/// Index of the pool at \a site the engine trains on (MODEL.md §3: the most FLOP/s at \a p among
/// the pools that can hold the model), or −1.
int bestPool(const Catalog& catalog, const Site& site, Precision p, double modelBytes)
{
    int best = -1;
    double most = 0;
    for (size_t i = 0; i < site.pools.size(); ++i) {
        const long long span = spanOn(catalog, site.pools[i], modelBytes);
        if (span == 0 || site.pools[i].count / span == 0)
            continue;
        if (double f = poolFlops(catalog, site.pools[i], p); f > most) {
            most = f;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString label(const Workload& w)
{
    return QString::fromStdString(w.name.empty() ? w.id : w.name);
}

} // namespace

ScalingPlan planScaling(const Scenario& sc, ScalingCurve curve, const QString& workload)
{
    ScalingPlan plan;
    plan.curve = curve;
    plan.request.scenario = sc;
    const bool inference = curve == ScalingCurve::OfferedLoad;
    const Workload* w = pickWorkload(sc, workload, inference);
    if (!w || (inference ? w->type() != WorkloadType::Inference : w->type() != WorkloadType::Training)) {
        plan.error = inference ? tr("This curve needs an inference service; the design has none (add one in Workloads).")
                               : tr("This curve needs a training job; the design has none (federated jobs train on their "
                                    "clients' own pools: sweep clients per round instead).");
        if (w && !workload.isEmpty())
            plan.error = tr("\"%1\" is not of the kind this curve needs: offered load is for inference services, "
                            "accelerators and sites are for training jobs.").arg(label(*w));
        return plan;
    }
    const QString id = QString::fromStdString(w->id);
    plan.request.workload = id;
    const Evaluation base = evaluate(sc, builtinCatalog());
    if (!base.ok()) {
        plan.error = tr("The design has errors; mend them (see Diagnostics) before drawing scaling curves.");
        return plan;
    }
    const Catalog catalog = builtinCatalog().withOverrides(sc.accelerators);
    const Precision precision = w->precision.value_or(Precision::BF16);
    const Model* model = sc.findModel(w->model);
    const double modelBytes = model ? model->weightBytes() : 0;

    if (curve == ScalingCurve::OfferedLoad) {
        double most = 0;
        for (const StrategyResult& r : base.results)
            if (const InferenceResult* i = findResult(r.inference, w->id))
                most = std::max(most, i->capacityRps.value_or(0));
        if (most <= 0) {
            plan.error = tr("No strategy can serve \"%1\" at any load (no capacity): give its sources a rate and "
                            "a site with a suitable pool.").arg(label(*w));
            return plan;
        }
        plan.request.path = QStringLiteral("workloads.%1.offered_rps").arg(id);
        plan.request.steps = 50;
        plan.request.to = 1.25 * most;
        // Capacity holds today's placement fixed; under more load distributed and hybrid spill to
        // farther sites, so they may saturate later. Double the range until every strategy has.
        for (int tries = 0; tries < 8; ++tries) {
            Scenario probe = sc;
            double load = plan.request.to;
            setScenarioValue(probe, plan.request.path.toStdString(), load);
            const Evaluation at = evaluate(probe, builtinCatalog());
            bool all = at.ok();
            for (const StrategyResult& r : at.results)
                if (const InferenceResult* i = findResult(r.inference, w->id); i && !i->saturated && i->throughputRps > 0)
                    all = false;
            if (all)
                break;
            plan.request.to *= 2;
        }
        plan.request.from = plan.request.to / plan.request.steps;
        plan.title = tr("Throughput and p95 latency against offered load: %1").arg(label(*w));
        plan.axisLabel = tr("offered load (req/s)");
        plan.what = tr("Every source's rate is scaled by the same factor, from light load to past the point where "
                       "every strategy saturates.");
        return plan;
    }

    // Training: the sites each strategy trains on now.
    std::set<std::string> trainingSites;
    for (const StrategyResult& r : base.results)
        if (const TrainingResult* t = findResult(r.training, w->id))
            trainingSites.insert(t->sites.begin(), t->sites.end());

    if (curve == ScalingCurve::Accelerators) {
        std::vector<std::pair<std::string, int>> pools; // site id, pool index
        long long largest = 0, span = 1;
        for (const Site& s : sc.sites)
            if (trainingSites.count(s.id))
                if (int p = bestPool(catalog, s, precision, modelBytes); p >= 0) {
                    pools.emplace_back(s.id, p);
                    largest = std::max(largest, s.pools[static_cast<size_t>(p)].count);
                    span = std::max(span, spanOn(catalog, s.pools[static_cast<size_t>(p)], modelBytes));
                }
        if (pools.empty()) {
            plan.error = tr("No strategy can train \"%1\" now (no site has a pool with %2 that holds the model), so "
                            "there is nothing to scale.").arg(label(*w), QString::fromStdString(std::string(precisionName(precision))));
            return plan;
        }
        // From the fewest that hold one replica (a power of two) to at least 4 × the largest pool.
        int first = 0;
        while (std::ldexp(1.0, first) < static_cast<double>(span) && first < 20)
            ++first;
        int doublings = first + 2;
        while (std::ldexp(1.0, doublings) < 4.0 * static_cast<double>(largest) && doublings < 24)
            ++doublings;
        plan.request.path = QStringLiteral("accelerators per training site");
        plan.request.from = std::ldexp(1.0, first);
        plan.request.to = std::ldexp(1.0, doublings);
        plan.request.steps = doublings - first + 1; // powers of two: whole numbers on a log axis
        plan.request.logarithmic = true;
        plan.request.setter = [pools](Scenario& s, double& v) -> std::string {
            v = std::clamp(std::round(v), 1.0, 1e9); // the range can be edited: keep the count sane
            for (const auto& [site, index] : pools)
                for (Site& x : s.sites)
                    if (x.id == site)
                        x.pools[static_cast<size_t>(index)].count = static_cast<long long>(v);
            return {};
        };
        QStringList names;
        for (const auto& [site, index] : pools)
            names << QString::fromStdString(site);
        plan.title = tr("Training time and scaling efficiency against accelerators: %1").arg(label(*w));
        plan.axisLabel = tr("accelerators per training site");
        plan.what = tr("The largest pool at each site that trains the job now (%1) is set to N accelerators.").arg(names.join(QStringLiteral(", ")));
        return plan;
    }

    // Sites: cloud sites with a pool for the job's precision, the most FLOP/s first (ties by id).
    std::vector<std::pair<double, std::string>> clouds;
    for (const Site& s : sc.sites)
        if (s.kind == SiteKind::Cloud)
            if (int p = bestPool(catalog, s, precision, modelBytes); p >= 0)
                clouds.emplace_back(poolFlops(catalog, s.pools[static_cast<size_t>(p)], precision), s.id);
    std::sort(clouds.begin(), clouds.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    if (clouds.size() < 2) {
        plan.error = tr("This curve needs two or more cloud sites with accelerators for %1; the design has %2.")
                         .arg(QString::fromStdString(std::string(precisionName(precision))))
                         .arg(clouds.size());
        return plan;
    }
    std::vector<std::string> order;
    for (const auto& c : clouds)
        order.push_back(c.second);
    const int n = static_cast<int>(order.size());
    plan.request.path = QStringLiteral("cloud sites with accelerators");
    plan.request.from = 1;
    plan.request.to = n;
    plan.request.steps = n;
    plan.request.setter = [order](Scenario& s, double& v) -> std::string {
        v = std::clamp(std::round(v), 1.0, static_cast<double>(order.size()));
        for (size_t k = static_cast<size_t>(v); k < order.size(); ++k)
            for (Site& x : s.sites)
                if (x.id == order[k])
                    x.pools.clear();
        return {};
    };
    QStringList names;
    for (const std::string& o : order)
        names << QString::fromStdString(o);
    plan.title = tr("Training time and scaling efficiency against cloud sites: %1").arg(label(*w));
    plan.axisLabel = tr("cloud sites with accelerators (largest first)");
    plan.what = tr("The k cloud sites with the most FLOP/s keep their accelerators and the others' are set aside, "
                   "in this order: %1.").arg(names.join(QStringLiteral(", ")));
    return plan;
}

} // namespace strata::models
