// SPDX-License-Identifier: GPL-3.0-or-later
#include "network.h"

#include "defaults.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace strata::core {

Network::Network(const Scenario& sc, Exclusion exclude)
{
    const size_t n = sc.sites.size();
    siteIds_.reserve(n);
    for (const Site& s : sc.sites)
        siteIds_.emplace_back(s.id);
    // One sort by id gives the rank that breaks path ties and the order siteIndex() searches
    // (no hash table to build: this runs for every evaluation of a sweep or N − 1).
    byId_.resize(n);
    std::iota(byId_.begin(), byId_.end(), 0);
    std::stable_sort(byId_.begin(), byId_.end(), [&](int x, int y) { return siteIds_[x] < siteIds_[y]; });
    idRank_.assign(n, 0);
    for (size_t r = 0; r < n; ++r)
        idRank_[byId_[r]] = static_cast<int>(r);

    adjacency_.assign(n, {});
    const size_t m = sc.links.size();
    linkA_.reserve(m);
    linkB_.reserve(m);
    bandwidthBps_.reserve(m);
    latencyS_.reserve(m);
    energyJPerBit_.reserve(m);
    for (const Link& l : sc.links) {
        int link = static_cast<int>(linkA_.size());
        int a = siteIndex(l.a), b = siteIndex(l.b);
        linkA_.push_back(a);
        linkB_.push_back(b);
        bandwidthBps_.push_back(l.bandwidthGbps * 1e9);
        latencyS_.push_back(linkLatencySeconds(l));
        energyJPerBit_.push_back(l.energyNjPerBit.value_or(0.0) * 1e-9);
        const bool excluded = link == exclude.link || a == exclude.site || b == exclude.site;
        if (a >= 0 && b >= 0 && a != b && !excluded) {
            adjacency_[a].push_back({b, 2 * link});
            adjacency_[b].push_back({a, 2 * link + 1});
        }
    }
}

int Network::siteIndex(std::string_view id) const
{
    auto it = std::lower_bound(byId_.begin(), byId_.end(), id,
                               [&](int site, std::string_view key) { return siteIds_[site] < key; });
    return it != byId_.end() && siteIds_[*it] == id ? *it : -1;
}

int Network::linkFrom(int directedLink) const
{
    int link = directedLink / 2;
    return (directedLink % 2 == 0) ? linkA_[link] : linkB_[link];
}

int Network::linkTo(int directedLink) const
{
    int link = directedLink / 2;
    return (directedLink % 2 == 0) ? linkB_[link] : linkA_[link];
}

PathSearch::PathSearch(const Network& network)
    : net_(network)
    , dist_(network.siteCount(), 0.0)
    , hops_(network.siteCount(), 0)
    , pred_(network.siteCount(), -1)
    , stamp_(network.siteCount(), 0)
    , settled_(network.siteCount(), 0)
{
}

void PathSearch::start(int source)
{
    ++current_;
    if (current_ == 0) { // wrapped: clear the stamps once
        std::fill(stamp_.begin(), stamp_.end(), 0);
        current_ = 1;
    }
    heap_.clear();
    source_ = source;
    stamp_[source] = current_;
    dist_[source] = 0;
    hops_[source] = 0;
    pred_[source] = -1;
    settled_[source] = 0;
    heap_.push_back({0.0, 0, net_.idRank(source), source});
}

int PathSearch::next()
{
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<Entry>());
        Entry e = heap_.back();
        heap_.pop_back();
        if (settled_[e.site] || e.dist != dist_[e.site] || e.hops != hops_[e.site])
            continue;
        settled_[e.site] = 1;
        for (const Network::Edge& edge : net_.edges(e.site)) {
            double d = e.dist + net_.latencySeconds(edge.directedLink / 2);
            int h = e.hops + 1;
            int v = edge.to;
            if (!touched(v)) {
                stamp_[v] = current_;
                settled_[v] = 0;
            } else if (settled_[v] || d > dist_[v] || (d == dist_[v] && h >= hops_[v])) {
                continue;
            }
            dist_[v] = d;
            hops_[v] = h;
            pred_[v] = edge.directedLink;
            heap_.push_back({d, h, net_.idRank(v), v});
            std::push_heap(heap_.begin(), heap_.end(), std::greater<Entry>());
        }
        return e.site;
    }
    return -1;
}

std::vector<int> PathSearch::path(int site) const
{
    std::vector<int> links;
    for (int v = site; v != source_ && pred_[v] >= 0; v = net_.linkFrom(pred_[v]))
        links.push_back(pred_[v]);
    std::reverse(links.begin(), links.end());
    return links;
}

NearestTarget::NearestTarget(const Network& network, const std::vector<int>& targets)
    : net_(network)
    , target_(network.siteCount(), -1)
    , dist_(network.siteCount(), 0.0)
    , hops_(network.siteCount(), 0)
    , pred_(network.siteCount(), -1)
{
    using Label = TargetLabel;
    std::vector<Label> heap;
    std::vector<uint8_t> settled(network.siteCount(), 0);
    auto better = [&](const Label& l) {
        int v = l.site;
        return target_[v] < 0 || Label{dist_[v], hops_[v], net_.idRank(target_[v]), v} > l;
    };
    for (int t : targets) {
        Label l{0.0, 0, network.idRank(t), t};
        if (!better(l))
            continue;
        target_[t] = t;
        dist_[t] = 0;
        hops_[t] = 0;
        pred_[t] = -1;
        heap.push_back(l);
    }
    std::make_heap(heap.begin(), heap.end(), std::greater<Label>());
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), std::greater<Label>());
        Label l = heap.back();
        heap.pop_back();
        int u = l.site;
        if (settled[u] || target_[u] < 0 || l.dist != dist_[u] || l.hops != hops_[u] || l.rank != net_.idRank(target_[u]))
            continue;
        settled[u] = 1;
        for (const Network::Edge& e : net_.edges(u)) {
            int v = e.to;
            if (settled[v])
                continue;
            Label next{l.dist + net_.latencySeconds(e.directedLink / 2), l.hops + 1, l.rank, v};
            if (!better(next))
                continue;
            target_[v] = target_[u];
            dist_[v] = next.dist;
            hops_[v] = next.hops;
            pred_[v] = e.directedLink;
            heap.push_back(next);
            std::push_heap(heap.begin(), heap.end(), std::greater<Label>());
        }
    }
}

double NearestTarget::bottleneckBps(int site) const
{
    double bw = std::numeric_limits<double>::infinity();
    for (int v = site; pred_[v] >= 0; v = net_.linkFrom(pred_[v]))
        bw = std::min(bw, net_.bandwidthBps(pred_[v] / 2));
    return bw;
}

void NearestTarget::appendPath(int site, std::vector<int>& out) const
{
    // pred_ points from the target's side towards the site; travel goes the other way.
    for (int v = site; pred_[v] >= 0; v = net_.linkFrom(pred_[v]))
        out.push_back(pred_[v] ^ 1);
}

NearestOpenTarget::NearestOpenTarget(const Network& network)
    : net_(network)
    , inCell_(network.siteCount(), 0)
    , settled_(network.siteCount(), 0)
{
}

void NearestOpenTarget::reset(const NearestTarget* base)
{
    base_ = base;
    own_ = false;
}

void NearestOpenTarget::appendPath(int site, std::vector<int>& out) const
{
    const std::vector<int>& pred = own_ ? pred_ : base_->pred_;
    for (int v = site; pred[v] >= 0; v = net_.linkFrom(pred[v]))
        out.push_back(pred[v] ^ 1);
}

bool NearestOpenTarget::better(const Label& l) const
{
    const int v = l.site;
    if (target_[v] < 0 || l.dist != dist_[v])
        return target_[v] < 0 || l.dist < dist_[v];
    if (l.hops != hops_[v])
        return l.hops < hops_[v];
    return l.rank < net_.idRank(target_[v]); // the same label is no better
}

void NearestOpenTarget::close(int t)
{
    if (!base_ || target(t) != t)
        return;
    if (!own_) {
        target_ = base_->target_;
        dist_ = base_->dist_;
        hops_ = base_->hops_;
        pred_ = base_->pred_;
        own_ = true;
    }
    // The cell of t: the sites whose label came from t, found down its label tree.
    cell_.assign(1, t);
    target_[t] = -1;
    pred_[t] = -1;
    for (size_t i = 0; i < cell_.size(); ++i) {
        const int u = cell_[i];
        for (const Network::Edge& e : net_.edges(u)) {
            const int v = e.to;
            if (target_[v] == t && pred_[v] == e.directedLink) {
                target_[v] = -1;
                pred_[v] = -1;
                cell_.push_back(v);
            }
        }
    }
    // Seed each cell site with its best label through a neighbour outside the cell; those labels
    // are final (closing a target only takes options away), and a Dijkstra over the cell does the rest.
    if (++current_ == 0) {
        std::fill(inCell_.begin(), inCell_.end(), 0);
        std::fill(settled_.begin(), settled_.end(), 0);
        current_ = 1;
    }
    heap_.clear();
    // Relaxes the link \a dl from \a from to \a to.
    auto offer = [&](int from, int to, int dl, int rank) {
        Label l{dist_[from] + net_.latencySeconds(dl / 2), hops_[from] + 1, rank, to};
        if (!better(l))
            return false;
        target_[to] = target_[from];
        dist_[to] = l.dist;
        hops_[to] = l.hops;
        pred_[to] = dl;
        heap_.push_back(l);
        return true;
    };
    for (int v : cell_)
        inCell_[v] = current_;
    for (int v : cell_)
        for (const Network::Edge& e : net_.edges(v))
            if (inCell_[e.to] != current_ && target_[e.to] >= 0)
                offer(e.to, v, e.directedLink ^ 1, net_.idRank(target_[e.to]));
    std::make_heap(heap_.begin(), heap_.end(), std::greater<Label>());
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<Label>());
        const Label l = heap_.back();
        heap_.pop_back();
        const int u = l.site;
        if (settled_[u] == current_ || target_[u] < 0 || l.dist != dist_[u] || l.hops != hops_[u] ||
            l.rank != net_.idRank(target_[u]))
            continue;
        settled_[u] = current_;
        for (const Network::Edge& e : net_.edges(u)) {
            if (inCell_[e.to] == current_ && settled_[e.to] != current_ && offer(u, e.to, e.directedLink, l.rank))
                std::push_heap(heap_.begin(), heap_.end(), std::greater<Label>());
        }
    }
}

std::vector<int> connectedComponents(const Network& net)
{
    std::vector<int> label(static_cast<size_t>(net.siteCount()), -1);
    std::vector<int> queue;
    int next = 0;
    for (int start = 0; start < net.siteCount(); ++start) {
        if (label[start] >= 0)
            continue;
        label[start] = next;
        queue.assign(1, start);
        for (size_t i = 0; i < queue.size(); ++i) // breadth first
            for (const Network::Edge& e : net.edges(queue[i]))
                if (label[e.to] < 0) {
                    label[e.to] = next;
                    queue.push_back(e.to);
                }
        ++next;
    }
    return label;
}

void findCuts(const Network& net, std::vector<uint8_t>& cutSite, std::vector<uint8_t>& bridge)
{
    const int n = net.siteCount();
    cutSite.assign(static_cast<size_t>(n), 0);
    bridge.assign(static_cast<size_t>(net.linkCount()), 0);
    std::vector<int> disc(static_cast<size_t>(n), -1), low(static_cast<size_t>(n), 0);
    struct Frame {
        int v;
        int parentLink;
        size_t next;
        int children;
    };
    std::vector<Frame> stack;
    int timer = 0;
    for (int root = 0; root < n; ++root) {
        if (disc[root] >= 0)
            continue;
        disc[root] = low[root] = timer++;
        stack.push_back({root, -1, 0, 0});
        while (!stack.empty()) {
            Frame& f = stack.back();
            const auto& edges = net.edges(f.v);
            if (f.next < edges.size()) {
                const Network::Edge e = edges[f.next++];
                const int link = e.directedLink / 2;
                if (link == f.parentLink)
                    continue;
                if (disc[e.to] < 0) {
                    ++f.children;
                    disc[e.to] = low[e.to] = timer++;
                    stack.push_back({e.to, link, 0, 0});
                } else {
                    low[f.v] = std::min(low[f.v], disc[e.to]);
                }
                continue;
            }
            const Frame done = f;
            stack.pop_back();
            if (stack.empty()) {
                if (done.children > 1)
                    cutSite[done.v] = 1; // a root with two subtrees
                break;
            }
            const int u = stack.back().v;
            low[u] = std::min(low[u], low[done.v]);
            if (low[done.v] > disc[u])
                bridge[done.parentLink] = 1;
            if (low[done.v] >= disc[u] && stack.size() > 1) // u is not the root
                cutSite[u] = 1;
        }
    }
}

} // namespace strata::core
