// SPDX-License-Identifier: GPL-3.0-or-later
#include "trainingmodel.h"

#include "defaults.h"
#include "roofline.h"
#include "model/workloadkind.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace strata::core {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kDefaultMfu = 0.40; ///< MODEL.md §2, within one site

/// A path between two sites with the figures a bulk transfer needs.
struct Route {
    bool reachable = false;
    double latency = 0;            ///< one way, s
    double bottleneckBps = kInf;   ///< smallest link bandwidth on the path
    double joulesPerBit = 0;
    std::vector<int> links;        ///< directed, in travel order
};

/// Latency and bottleneck of the path from \a from to \a to, without listing its links.
struct PathStats {
    bool reachable = false;
    double latency = 0;
    double bottleneckBps = kInf;
};

PathStats pathStats(CompiledScenario& cx, int from, int to)
{
    PathStats p;
    if (from == to) {
        p.reachable = true;
        return p;
    }
    const NearestTarget* tree = cx.nearestOf({to});
    if (tree->target(from) < 0)
        return p;
    p.reachable = true;
    p.latency = tree->latency(from);
    p.bottleneckBps = tree->bottleneckBps(from);
    return p;
}

Route route(CompiledScenario& cx, int from, int to)
{
    Route r;
    const PathStats stats = pathStats(cx, from, to);
    r.reachable = stats.reachable;
    r.latency = stats.latency;
    r.bottleneckBps = stats.bottleneckBps;
    if (!r.reachable || from == to)
        return r;
    cx.nearestOf({to})->appendPath(from, r.links);
    for (int dl : r.links)
        r.joulesPerBit += cx.network.energyJoulesPerBit(dl / 2);
    return r;
}

/// Latency plus 8·bytes over the bottleneck (no competing traffic).
double transferSeconds(const Route& r, double bytes)
{
    if (r.links.empty() || bytes <= 0)
        return r.latency;
    return r.latency + 8.0 * bytes / r.bottleneckBps;
}

/// Egress charges of \a bytes sent along \a r (the rule of CompiledScenario::egressUsdPerByte).
double egressUsd(const CompiledScenario& cx, const Route& r, double bytes)
{
    double usd = 0;
    for (int dl : r.links)
        usd += bytes * cx.egressUsdPerByte(dl);
    return usd;
}

/// One site's share of a job: its best pool and that pool's effective FLOP/s.
struct Participant {
    int site = 0;
    int pool = 0;
    double flops = 0; ///< count · peak · mfu
};

/// The pool at \a site with the most FLOP/s at \a p that can hold the weights; −1 when none.
int bestTrainingPool(const CompiledScenario& cx, int site, Precision p, double modelBytes)
{
    int best = -1;
    double bestFlops = 0;
    for (int g : cx.poolsAt[site]) {
        const PoolInfo& pool = cx.pools[g];
        const double peak = pool.peakFlops(p);
        if (peak <= 0 || pool.count <= 0 || !pool.accelerator->memoryGb)
            continue;
        long long span = replicaSpan(modelBytes, *pool.accelerator->memoryGb * 1e9);
        if (span == 0 || pool.count / span == 0)
            continue;
        double flops = static_cast<double>(pool.count) * peak;
        if (flops > bestFlops) {
            bestFlops = flops;
            best = g;
        }
    }
    return best;
}

bool sameJurisdiction(const SiteInfo& a, const SiteInfo& b)
{
    return a.jurisdiction.empty() || b.jurisdiction.empty() || a.jurisdiction == b.jurisdiction;
}

/// Energy, carbon and cost of pools busy for \a busySeconds and idle for \a idleSeconds, over a
/// job of \a wallSeconds (accelerator-hours are paid for the whole wall time).
struct Bill {
    double joules = 0;
    double grams = 0;
    double litres = 0;
    double usd = 0;
    bool incomplete = false;
    bool estimated = false;
};

void chargePool(const CompiledScenario& cx, int g, double busySeconds, double idleSeconds, double paidSeconds,
                double weight, Bill& bill)
{
    const PoolInfo& pool = cx.pools[g];
    const SiteInfo& site = cx.sites[pool.site];
    const double n = static_cast<double>(pool.count);
    const double joules = weight * n * site.pue * (pool.tdpW * busySeconds + pool.idleW * idleSeconds);
    bill.joules += joules;
    bill.grams += joules / 3.6e6 * site.carbonGPerKwh;
    bill.litres += joules / site.pue / 3.6e6 * site.wueLPerKwh; // WUE counts per kWh of IT energy
    bill.estimated |= pool.idleEstimated || pool.powerUnknown;
    if (site.kind == SiteKind::OnPrem)
        bill.usd += joules / 3.6e6 * site.energyUsdPerKwh;
    else if (pool.accelerator && pool.accelerator->usdPerHour)
        bill.usd += weight * n * *pool.accelerator->usdPerHour * paidSeconds / 3600.0;
    else
        bill.incomplete = true;
}

void finish(TrainingResult& r, const Bill& bill, double time)
{
    r.timeSeconds = time;
    r.energyJoules = bill.joules;
    r.carbonGrams = bill.grams;
    r.waterLitres = bill.litres;
    r.costUsd = bill.usd;
    r.costIncomplete = bill.incomplete;
    r.usesEstimates = bill.estimated;
    r.sustainedFlops = time > 0 ? r.totalFlop / time : 0.0;
    r.scalingEfficiency = time > 0 ? r.breakdown.computeSeconds / time : 1.0;
    r.feasible = true;
}

/**
 * Moves raw datasets to where a strategy trains on them. \a destination gives the site a dataset
 * must reach (−1: it stays out of the job). Returns the longest transfer (they run in parallel).
 */
template <typename Destination>
double moveDatasets(CompiledScenario& cx, const Workload& w, const std::vector<Dataset>& datasets,
                    Destination destination, StrategyResult& out, TrainingResult& r, double& egress)
{
    double longest = 0;
    for (const Dataset& d : datasets) {
        const int from = cx.network.siteIndex(d.site);
        const int to = destination(from);
        if (to < 0 || to == from)
            continue;
        Route path = route(cx, from, to);
        if (!path.reachable) {
            out.diagnostics.push_back({Severity::Warning, ElementRef::workload(w.id),
                                       "dataset at \"" + d.site + "\" cannot reach \"" + cx.scenario.sites[to].id +
                                           "\" under " + std::string(strategyName(out.strategy)) +
                                           "; link the sites or the job trains without it"});
            continue;
        }
        longest = std::max(longest, transferSeconds(path, d.bytes));
        r.dataMovedBytes += d.bytes;
        egress += egressUsd(cx, path, d.bytes);
        const SiteInfo& a = cx.sites[from];
        const SiteInfo& b = cx.sites[to];
        if (!sameJurisdiction(a, b)) {
            out.compliance.push_back({w.id, d.site, cx.scenario.sites[to].id, a.jurisdiction, b.jurisdiction});
            out.diagnostics.push_back({Severity::Warning, ElementRef::workload(w.id),
                                       "under " + std::string(strategyName(out.strategy)) + ", the dataset at \"" + d.site +
                                           "\" (" + a.jurisdiction + ") is copied to \"" + cx.scenario.sites[to].id +
                                           "\" (" + b.jurisdiction + "): a data-residency violation"});
        }
    }
    return longest;
}

// ------------------------------------------------------------------ training

class TrainingJob {
public:
    TrainingJob(CompiledScenario& cx, const Workload& w, StrategyResult& out)
        : cx_(cx)
        , w_(w)
        , spec_(*w.training())
        , model_(*cx.scenario.findModel(w.model))
        , out_(out)
    {
        precision_ = w.precision.value_or(Precision::BF16);
        mfu_ = spec_.mfu.value_or(kDefaultMfu);
        flopsPerToken_ = trainingFlopsPerToken(model_, spec_.seqLen, spec_.activationRecompute.value_or(false));
        steps_ = spec_.tokens / spec_.globalBatchTokens;
        syncInterval_ = spec_.syncIntervalSteps.value_or(1);
        overlap_ = spec_.overlap.value_or(0);
        gradientBytes_ = model_.params * 2.0; // bf16 gradients, MODEL.md §8
    }

    void run(Strategy strategy, const StrategySettings& settings)
    {
        TrainingResult r;
        r.workload = w_.id;
        r.type = WorkloadType::Training;
        r.steps = steps_;
        r.totalFlop = spec_.tokens * flopsPerToken_;
        std::vector<Participant> sites = participants(strategy, settings);
        const bool crossBorder = strategy == Strategy::Distributed && settings.allowCrossBorderCopies.value_or(false);
        if (sites.empty()) {
            r.mode = strategy == Strategy::Centralized ? "central" : "data-parallel";
            infeasible(strategy, "no site of the kind this strategy uses has a pool with " +
                                     std::string(precisionName(precision_)) + " that can hold model \"" + model_.id + "\"");
            out_.training.push_back(std::move(r));
            return;
        }
        r.mode = sites.size() == 1 ? "central" : "data-parallel";
        const double comm = communicationSeconds(sites);
        if (!std::isfinite(comm)) {
            infeasible(strategy, "the participating sites are not connected to each other");
            out_.training.push_back(std::move(r));
            return;
        }
        r.breakdown.computeSeconds = computeSeconds(sites);
        r.breakdown.communicationSeconds = comm;
        if (sites.size() > 1) {
            const double s = static_cast<double>(sites.size());
            r.gradientTrafficBytes = steps_ / syncInterval_ * s * 2.0 * (s - 1) / s * gradientBytes_;
        }
        // Datasets go to the central site, or stay in their jurisdiction where a participant is.
        double egress = 0;
        auto destination = [&](int from) -> int {
            if (strategy == Strategy::Centralized)
                return sites.front().site;
            if (std::any_of(sites.begin(), sites.end(), [&](const Participant& p) { return p.site == from; }))
                return from;
            int local = nearestParticipant(sites, from, true);
            if (local >= 0 || !crossBorder) {
                if (local < 0)
                    out_.diagnostics.push_back({Severity::Warning, ElementRef::workload(w_.id),
                                                "under " + std::string(strategyName(strategy)) + ", the dataset at \"" +
                                                    cx_.scenario.sites[from].id +
                                                    "\" has no participating site in its jurisdiction and stays out of the job" +
                                                    (strategy == Strategy::Distributed
                                                         ? " (set strategies.distributed.allow_cross_border_copies to copy it)"
                                                         : "")});
                return local;
            }
            return nearestParticipant(sites, from, false);
        };
        r.breakdown.transferSeconds = moveDatasets(cx_, w_, spec_.datasets, destination, out_, r, egress);
        if (crossBorder)
            r.breakdown.transferSeconds = std::max(r.breakdown.transferSeconds, feedParticipants(sites, r, egress));
        const double time = r.breakdown.computeSeconds + r.breakdown.communicationSeconds + r.breakdown.transferSeconds;
        Bill bill;
        for (const Participant& p : sites) {
            r.sites.push_back(cx_.scenario.sites[p.site].id);
            chargePool(cx_, p.pool, r.breakdown.computeSeconds,
                       r.breakdown.communicationSeconds + r.breakdown.transferSeconds, time, 1.0, bill);
        }
        bill.usd += egress;
        finish(r, bill, time);
        out_.training.push_back(std::move(r));
    }

private:
    void infeasible(Strategy strategy, const std::string& why)
    {
        out_.diagnostics.push_back({Severity::Warning, ElementRef::workload(w_.id),
                                    "cannot train under " + std::string(strategyName(strategy)) + ": " + why});
    }

    std::optional<Participant> participant(int site) const
    {
        int g = bestTrainingPool(cx_, site, precision_, model_.weightBytes());
        if (g < 0)
            return std::nullopt;
        const PoolInfo& pool = cx_.pools[g];
        return Participant{site, g, static_cast<double>(pool.count) * pool.peakFlops(precision_) * mfu_};
    }

    std::vector<Participant> participants(Strategy strategy, const StrategySettings& settings)
    {
        std::vector<Participant> list;
        if (strategy == Strategy::Centralized) {
            int central = cx_.centralSite(settings);
            if (central >= 0)
                if (auto p = participant(central))
                    list.push_back(*p);
            return list;
        }
        std::vector<Participant> clouds;
        for (size_t s = 0; s < cx_.sites.size(); ++s) {
            auto p = participant(static_cast<int>(s));
            if (!p)
                continue;
            // Data stays in its jurisdiction (MODEL.md §3), so a site joins only where data is:
            // always under hybrid, and under distributed unless cross-border copies are allowed.
            const bool copies = strategy == Strategy::Distributed && settings.allowCrossBorderCopies.value_or(false);
            if (!copies && !holdsData(static_cast<int>(s)))
                continue;
            if (cx_.sites[s].kind == SiteKind::Cloud)
                clouds.push_back(*p);
            else if (cx_.sites[s].kind == SiteKind::OnPrem && strategy == Strategy::Hybrid)
                list.push_back(*p);
        }
        if (strategy == Strategy::Distributed)
            return clouds;
        // Hybrid: on-prem first; cloud sites burst in, largest first, while each one shortens the job.
        std::stable_sort(clouds.begin(), clouds.end(),
                         [](const Participant& a, const Participant& b) { return a.flops > b.flops; });
        size_t next = 0;
        if (list.empty() && !clouds.empty())
            list.push_back(clouds[next++]);
        double best = list.empty() ? kInf : computeSeconds(list) + communicationSeconds(list);
        for (; next < clouds.size(); ++next) {
            list.push_back(clouds[next]);
            double t = computeSeconds(list) + communicationSeconds(list);
            if (t < best)
                best = t;
            else
                list.pop_back();
        }
        return list;
    }

    double computeSeconds(const std::vector<Participant>& sites) const
    {
        double flops = 0;
        for (const Participant& p : sites)
            flops += p.flops;
        return steps_ * spec_.globalBatchTokens * flopsPerToken_ / flops;
    }

    /// Exposed time of the hierarchical ring all-reduce every H steps over the worst pair.
    double communicationSeconds(const std::vector<Participant>& sites)
    {
        const size_t s = sites.size();
        if (s < 2)
            return 0;
        double bandwidth = kInf, latency = 0;
        for (size_t i = 0; i < s; ++i)
            for (size_t j = i + 1; j < s; ++j) {
                const PathStats& r = pair(sites[i].site, sites[j].site);
                if (!r.reachable)
                    return kInf;
                bandwidth = std::min(bandwidth, r.bottleneckBps);
                latency = std::max(latency, r.latency);
            }
        const double n = static_cast<double>(s);
        const double allReduce = 2.0 * (n - 1) / n * 8.0 * gradientBytes_ / bandwidth + 2.0 * (n - 1) * latency;
        return steps_ / syncInterval_ * (1.0 - overlap_) * allReduce;
    }

    /// True when a participant at \a site has data in its own jurisdiction: some dataset is there
    /// (or the job's datasets or the site carry no jurisdiction, so nothing restricts it).
    bool holdsData(int site) const
    {
        const std::string& j = cx_.sites[site].jurisdiction;
        if (j.empty() || spec_.datasets.empty())
            return true;
        for (const Dataset& d : spec_.datasets) {
            const std::string& dj = cx_.sites[cx_.network.siteIndex(d.site)].jurisdiction;
            if (dj.empty() || dj == j)
                return true;
        }
        return false;
    }

    /// Distributed: a participant whose jurisdiction holds no dataset still trains its share of
    /// each step, so it receives that share of the data (share = its FLOP/s over the total) from
    /// the nearest dataset site: a transfer, data moved, and a residency violation.
    /// \returns the longest of these transfers.
    double feedParticipants(const std::vector<Participant>& sites, TrainingResult& r, double& egress)
    {
        double total = 0, bytes = 0, longest = 0;
        for (const Participant& p : sites)
            total += p.flops;
        for (const Dataset& d : spec_.datasets)
            bytes += d.bytes;
        for (const Participant& p : sites) {
            if (holdsData(p.site))
                continue;
            std::vector<int> sources;
            for (const Dataset& d : spec_.datasets)
                sources.push_back(cx_.network.siteIndex(d.site));
            std::sort(sources.begin(), sources.end());
            sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
            const NearestTarget* tree = cx_.nearestOf(sources);
            const int from = tree ? tree->target(p.site) : -1;
            if (from < 0)
                continue;
            const double share = bytes * p.flops / total;
            Route path = route(cx_, from, p.site);
            longest = std::max(longest, transferSeconds(path, share));
            r.dataMovedBytes += share;
            egress += egressUsd(cx_, path, share);
            const SiteInfo& a = cx_.sites[from];
            const SiteInfo& b = cx_.sites[p.site];
            const std::string& fromId = cx_.scenario.sites[from].id;
            const std::string& toId = cx_.scenario.sites[p.site].id;
            out_.compliance.push_back({w_.id, fromId, toId, a.jurisdiction, b.jurisdiction});
            out_.diagnostics.push_back({Severity::Warning, ElementRef::workload(w_.id),
                                        "under distributed, \"" + toId + "\" (" + b.jurisdiction +
                                            ") trains on its share of the data copied from \"" + fromId + "\" (" +
                                            a.jurisdiction + "): a data-residency violation"});
        }
        return longest;
    }

    /// Path figures between two sites, kept: the hybrid search asks for the same pairs again.
    const PathStats& pair(int a, int b)
    {
        auto key = std::minmax(a, b);
        auto it = pairs_.find(key);
        if (it == pairs_.end())
            it = pairs_.emplace(key, pathStats(cx_, key.first, key.second)).first;
        return it->second;
    }

    /// The participant nearest to \a from (in its jurisdiction when \a sameJurisdictionOnly), or −1.
    int nearestParticipant(const std::vector<Participant>& sites, int from, bool sameJurisdictionOnly)
    {
        std::vector<int> targets;
        for (const Participant& p : sites)
            if (!sameJurisdictionOnly || sameJurisdiction(cx_.sites[p.site], cx_.sites[from]))
                targets.push_back(p.site);
        std::sort(targets.begin(), targets.end());
        const NearestTarget* tree = cx_.nearestOf(std::move(targets));
        return tree ? tree->target(from) : -1;
    }

    CompiledScenario& cx_;
    const Workload& w_;
    const TrainingSpec& spec_;
    const Model& model_;
    StrategyResult& out_;
    Precision precision_ = Precision::BF16;
    double mfu_ = kDefaultMfu;
    double flopsPerToken_ = 0;
    double steps_ = 0;
    double syncInterval_ = 1;
    double overlap_ = 0;
    double gradientBytes_ = 0;
    std::map<std::pair<int, int>, PathStats> pairs_;
};

// ------------------------------------------------------------------ federated

void runFederated(CompiledScenario& cx, Strategy strategy, const StrategySettings& settings, const Workload& w,
                  StrategyResult& out)
{
    const FederatedSpec& spec = *w.federated();
    const Model& model = *cx.scenario.findModel(w.model);
    const Precision precision = w.precision.value_or(Precision::FP32);
    const double mfu = spec.mfu.value_or(kDefaultMfu);
    const double workPerClientRound = spec.localSteps * spec.samplesPerStep * spec.flopsPerSample;
    TrainingResult r;
    r.workload = w.id;
    r.type = WorkloadType::Federated;
    r.steps = spec.rounds;
    r.totalFlop = spec.rounds * spec.clientsPerRound * workPerClientRound;
    double rawBytes = 0;
    for (const Dataset& d : spec.datasets)
        rawBytes += d.bytes;
    if (!spec.datasets.empty())
        r.centralizedDataBytes = rawBytes;
    const ElementRef element = ElementRef::workload(w.id);
    const std::string st(strategyName(strategy));
    const int central = cx.centralSite(cx.scenario.strategies[Strategy::Centralized]);
    (void)settings;

    if (strategy == Strategy::Centralized) {
        // Upload every client's raw data to the central site, then train there.
        r.mode = "upload-then-train";
        const int g = central >= 0 ? bestTrainingPool(cx, central, precision, model.weightBytes()) : -1;
        if (g < 0) {
            out.diagnostics.push_back({Severity::Warning, element,
                                       "cannot train under centralized: the central site has no pool with " +
                                           std::string(precisionName(precision)) + " that can hold model \"" + model.id + "\""});
            out.training.push_back(std::move(r));
            return;
        }
        if (spec.datasets.empty())
            out.diagnostics.push_back({Severity::Info, element,
                                       "lists no client datasets, so uploading raw data is counted as free; add datasets to compare"});
        double egress = 0;
        r.breakdown.transferSeconds = moveDatasets(
            cx, w, spec.datasets, [&](int) { return central; }, out, r, egress);
        const PoolInfo& pool = cx.pools[g];
        r.breakdown.computeSeconds = r.totalFlop / (static_cast<double>(pool.count) * pool.peakFlops(precision) * mfu);
        const double time = r.breakdown.computeSeconds + r.breakdown.transferSeconds;
        Bill bill;
        chargePool(cx, g, r.breakdown.computeSeconds, r.breakdown.transferSeconds, time, 1.0, bill);
        bill.usd += egress;
        r.sites.push_back(cx.scenario.sites[central].id);
        finish(r, bill, time);
        out.training.push_back(std::move(r));
        return;
    }

    // FedAvg rounds (distributed and hybrid alike: raw data never leaves a client).
    r.mode = "fedavg";
    if (central < 0) {
        out.diagnostics.push_back({Severity::Warning, element,
                                   "cannot run federated rounds under " + st + ": no coordinating site; set strategies.centralized.site"});
        out.training.push_back(std::move(r));
        return;
    }
    const double update = spec.updateBytes.value_or(model.weightBytes()) * (1.0 - spec.compression.value_or(0.0));
    // A device site stands for its `devices` clients, each with an equal share of the site's pool
    // (the pool holds the population's accelerators); any other site is one client. A group's
    // devices that take part in the same round share its path: K·m/n of them send at once.
    struct Client {
        int site;
        int pool;
        double devices; ///< clients this site stands for
        Route path;     ///< to the coordinator
        // Per device, once the round size is known:
        double compute = 0;
        double comm = 0;
        double egressUsdPerRound = 0; ///< the update up and down over priced links
        double time() const { return compute + comm; }
    };
    std::vector<Client> clients;
    for (const std::string& id : spec.clients) {
        const int site = cx.network.siteIndex(id);
        const int g = bestTrainingPool(cx, site, precision, model.weightBytes());
        if (g < 0) {
            out.diagnostics.push_back({Severity::Warning, ElementRef::site(id),
                                       "federated client of \"" + w.id + "\" has no pool with " + std::string(precisionName(precision)) +
                                           " that can hold model \"" + model.id + "\"; it takes no part"});
            continue;
        }
        Route path = route(cx, site, central);
        if (!path.reachable) {
            out.diagnostics.push_back({Severity::Warning, ElementRef::site(id),
                                       "federated client of \"" + w.id + "\" cannot reach the coordinating site \"" +
                                           cx.scenario.sites[central].id + "\"; it takes no part"});
            continue;
        }
        clients.push_back({site, g, federatedClients(cx.scenario.sites[static_cast<size_t>(site)]), std::move(path)});
    }
    if (clients.empty()) {
        out.diagnostics.push_back({Severity::Warning, element, "cannot run federated rounds under " + st + ": no client can take part"});
        out.training.push_back(std::move(r));
        return;
    }
    double n = 0;
    for (const Client& c : clients)
        n += c.devices;
    long long k = static_cast<long long>(spec.clientsPerRound);
    if (static_cast<double>(k) > n) {
        const long long all = static_cast<long long>(n);
        out.diagnostics.push_back({Severity::Warning, element,
                                   std::to_string(k) + " clients per round but only " + std::to_string(all) +
                                       " can take part: rounds use " + std::to_string(all)});
        k = all;
    }
    for (Client& c : clients) {
        const PoolInfo& pool = cx.pools[c.pool];
        const double flops = static_cast<double>(pool.count) * pool.peakFlops(precision) * mfu / c.devices;
        Route back = c.path; // the same links travelled the other way
        std::reverse(back.links.begin(), back.links.end());
        for (int& dl : back.links)
            dl ^= 1;
        const double together = std::max(1.0, static_cast<double>(k) * c.devices / n);
        c.compute = workPerClientRound / flops;
        c.comm = 2.0 * transferSeconds(c.path, update * together);
        c.egressUsdPerRound = egressUsd(cx, c.path, update) + egressUsd(cx, back, update);
    }
    r.totalFlop = spec.rounds * static_cast<double>(k) * workPerClientRound;
    // The round waits for the slowest of K clients drawn from n: E[max] with the order-statistic
    // weights of each group of identical clients; the same weights split it into compute and
    // communication.
    std::sort(clients.begin(), clients.end(), [](const Client& a, const Client& b) { return a.time() < b.time(); });
    std::vector<double> counts;
    for (const Client& c : clients)
        counts.push_back(c.devices);
    const std::vector<double> weights = slowestGroupWeights(counts, k);
    double straggler = 0;
    double computeShare = 0;
    for (size_t i = 0; i < clients.size(); ++i) {
        straggler += weights[i] * clients[i].time();
        computeShare += weights[i] * clients[i].compute;
    }
    // Aggregation on the coordinator: a weighted sum of K updates, 2 FLOP per parameter each.
    double aggregation = 0;
    const int coordinatorPool = bestTrainingPool(cx, central, precision, model.weightBytes());
    if (coordinatorPool >= 0) {
        const PoolInfo& pool = cx.pools[coordinatorPool];
        aggregation = static_cast<double>(k) * 2.0 * model.params /
                      (static_cast<double>(pool.count) * pool.peakFlops(precision) * mfu);
    }
    const double round = straggler + aggregation;
    const double time = spec.rounds * round;
    r.breakdown.computeSeconds = spec.rounds * (computeShare + aggregation);
    r.breakdown.communicationSeconds = spec.rounds * (straggler - computeShare);
    r.dataMovedBytes = spec.rounds * static_cast<double>(k) * 2.0 * update;

    // Each client takes part in a round with probability K/n: busy while it computes, idle for
    // the rest of the round; the coordinator is busy while it aggregates.
    Bill bill;
    const double p = static_cast<double>(k) / n;
    double networkJoules = 0;
    for (const Client& c : clients) {
        Bill one;
        chargePool(cx, c.pool, spec.rounds * c.compute, spec.rounds * (round - c.compute), spec.rounds * round, p, one);
        bill.joules += one.joules;
        bill.grams += one.grams;
        bill.litres += one.litres;
        bill.usd += one.usd;
        bill.incomplete |= one.incomplete;
        bill.estimated |= one.estimated;
        const double joules = c.devices * p * spec.rounds * 2.0 * update * 8.0 * c.path.joulesPerBit;
        networkJoules += joules;
        bill.grams += joules / 3.6e6 * cx.sites[c.site].carbonGPerKwh;
        bill.usd += c.devices * p * spec.rounds * c.egressUsdPerRound;
        r.sites.push_back(cx.scenario.sites[c.site].id);
    }
    bill.joules += networkJoules;
    if (coordinatorPool >= 0)
        chargePool(cx, coordinatorPool, spec.rounds * aggregation, 0, spec.rounds * aggregation, 1.0, bill);
    else
        out.diagnostics.push_back({Severity::Info, element,
                                   "the coordinating site has no pool with " + std::string(precisionName(precision)) +
                                       ": aggregation time and energy are not counted"});
    finish(r, bill, time);
    out.training.push_back(std::move(r));
}

} // namespace

double trainingFlopsPerToken(const Model& model, double seqLen, bool activationRecompute)
{
    const double dense = 6.0 * model.params * (activationRecompute ? 4.0 / 3.0 : 1.0);
    return dense + 12.0 * model.layers.value_or(0) * seqLen * model.dModel.value_or(0);
}

std::vector<double> slowestGroupWeights(const std::vector<double>& counts, long long k)
{
    double n = 0;
    for (double m : counts)
        n += m;
    std::vector<double> weights(counts.size(), 0.0);
    if (n <= 0 || k <= 0)
        return weights;
    const double kk = std::min(static_cast<double>(k), n);
    // P(max within groups 0..g) = C(N_g, K) / C(n, K), N_g the clients of groups 0..g; a group's
    // weight is the step of that cumulative probability. Its log, L(a) = log C(a, K) − log C(n, K),
    // is Σ_j log1p((a − n)/(n − j)) over j < K when that sum is short (exact to rounding, so a
    // weight of 1e-5 keeps its digits at n = 10⁶), else log-gamma differences (stable for any n,
    // accurate to about n·ε in the log).
    // The bound keeps a sweep step under about a millisecond here; past it the log-gamma error
    // (relative n·ε on a weight) moves E[max] by far less than its inputs' precision.
    const bool shortSums = kk * static_cast<double>(counts.size()) <= 1e5;
    auto logRatio = [&](double a) {
        if (shortSums) {
            double sum = 0;
            for (double j = 0; j < kk; ++j)
                sum += std::log1p((a - n) / (n - j));
            return sum;
        }
        auto logChoose = [](double x, double y) { return std::lgamma(x + 1.0) - std::lgamma(y + 1.0) - std::lgamma(x - y + 1.0); };
        return logChoose(a, kk) - logChoose(n, kk);
    };
    double below = 0; // N_{g-1}
    double logBelow = -std::numeric_limits<double>::infinity(); // L(N_{g-1}); −∞ while N < K
    for (size_t g = 0; g < counts.size(); ++g) {
        const double upTo = below + counts[g];
        const double logUpTo = upTo >= n ? 0.0 : upTo < kk ? -std::numeric_limits<double>::infinity() : logRatio(upTo);
        // exp(L_g) − exp(L_{g−1}) = exp(L_g) · (−expm1(L_{g−1} − L_g)), without cancellation.
        if (std::isfinite(logUpTo))
            weights[g] = std::max(0.0, std::exp(logUpTo) * -std::expm1(logBelow - logUpTo));
        logBelow = logUpTo;
        below = upTo;
    }
    return weights;
}

double expectedMaxOfSubset(std::vector<double> times, long long k)
{
    std::sort(times.begin(), times.end());
    const std::vector<double> weights = slowestGroupWeights(std::vector<double>(times.size(), 1.0), k);
    double sum = 0;
    for (size_t i = 0; i < times.size(); ++i)
        sum += weights[i] * times[i];
    return sum;
}

void evaluateTrainingWorkload(CompiledScenario& cx, Strategy strategy, const StrategySettings& settings,
                              const Workload& w, StrategyResult& out)
{
    std::visit(Overloaded{[](const InferenceSpec&) {}, // placed by the evaluator's strategy runs
                          [&](const TrainingSpec&) { TrainingJob(cx, w, out).run(strategy, settings); },
                          [&](const FederatedSpec&) { runFederated(cx, strategy, settings, w, out); }},
               w.spec);
}

} // namespace strata::core
