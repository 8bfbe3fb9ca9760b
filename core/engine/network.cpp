// SPDX-License-Identifier: GPL-3.0-or-later
#include "network.h"

#include "defaults.h"

#include <algorithm>
#include <numeric>

namespace strata::core {

Network::Network(const Scenario& sc)
{
    const size_t n = sc.sites.size();
    siteIds_.reserve(n);
    siteIndex_.reserve(n * 2);
    for (const Site& s : sc.sites) {
        siteIndex_.emplace(s.id, static_cast<int>(siteIds_.size()));
        siteIds_.push_back(s.id);
    }
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int x, int y) { return siteIds_[x] < siteIds_[y]; });
    idRank_.assign(n, 0);
    for (size_t r = 0; r < n; ++r)
        idRank_[order[r]] = static_cast<int>(r);

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
        if (a >= 0 && b >= 0 && a != b) {
            adjacency_[a].push_back({b, 2 * link});
            adjacency_[b].push_back({a, 2 * link + 1});
        }
    }
}

int Network::siteIndex(const std::string& id) const
{
    auto it = siteIndex_.find(id);
    return it == siteIndex_.end() ? -1 : it->second;
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

} // namespace strata::core
