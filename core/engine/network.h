// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace strata::core {

/**
 * The scenario's topology in SI units, indexed for path searches. Sites and links keep their
 * scenario order; a directed link index is 2·link + dir, dir 0 meaning a → b.
 */
class Network {
public:
    struct Edge {
        int to = 0;
        int directedLink = 0;
    };

    explicit Network(const Scenario& scenario);

    int siteCount() const { return static_cast<int>(siteIds_.size()); }
    int linkCount() const { return static_cast<int>(bandwidthBps_.size()); }
    /// Index of a site id, or −1.
    int siteIndex(const std::string& id) const;
    const std::string& siteId(int site) const { return siteIds_[site]; }
    /// Rank of the site id in lexicographic order: the last tie-breaker of path searches.
    int idRank(int site) const { return idRank_[site]; }
    const std::vector<Edge>& edges(int site) const { return adjacency_[site]; }

    double bandwidthBps(int link) const { return bandwidthBps_[link]; }
    /// One-way propagation latency, s: latency_ms, or distance × 5 µs/km × route factor.
    double latencySeconds(int link) const { return latencyS_[link]; }
    double energyJoulesPerBit(int link) const { return energyJPerBit_[link]; }
    int linkFrom(int directedLink) const;
    int linkTo(int directedLink) const;

private:
    std::vector<std::string> siteIds_;
    std::unordered_map<std::string, int> siteIndex_;
    std::vector<int> idRank_;
    std::vector<std::vector<Edge>> adjacency_;
    std::vector<int> linkA_, linkB_;
    std::vector<double> bandwidthBps_, latencyS_, energyJPerBit_;
};

/**
 * Dijkstra from one site, settling sites one at a time in order of path latency, ties broken by
 * hop count and then by site id (MODEL.md §4). Settling lazily lets placement stop at the first
 * site with room, so the cost per source is the neighbourhood it explores, not the whole graph.
 * Buffers are reused between searches (stamped), so a search costs nothing per unvisited site.
 */
class PathSearch {
public:
    explicit PathSearch(const Network& network);

    void start(int source);
    /// Settles and returns the next nearest site, or −1 when every reachable site is settled.
    int next();
    /// True when \a site has been settled by this search (a path to it is known).
    bool reached(int site) const { return touched(site) && settled_[site]; }
    double latency(int site) const { return dist_[site]; }
    int hops(int site) const { return hops_[site]; }
    /// Directed links from the source to a settled \a site, in travel order.
    std::vector<int> path(int site) const;

private:
    struct Entry {
        double dist;
        int hops;
        int rank;
        int site;
        bool operator>(const Entry& o) const
        {
            if (dist != o.dist) return dist > o.dist;
            if (hops != o.hops) return hops > o.hops;
            return rank > o.rank;
        }
    };
    bool touched(int site) const { return stamp_[site] == current_; }

    const Network& net_;
    std::vector<double> dist_;
    std::vector<int> hops_;
    std::vector<int> pred_; ///< directed link into the site, −1 at the source
    std::vector<uint32_t> stamp_;
    std::vector<uint8_t> settled_;
    uint32_t current_ = 0;
    int source_ = -1;
    std::vector<Entry> heap_; ///< min-heap by (latency, hops, id rank); storage reused across searches
};

} // namespace strata::core
