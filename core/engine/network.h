// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/scenario.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::core {

/// One site or link taken out of a scenario without copying it (N − 1 analysis); −1: none.
struct Exclusion {
    int site = -1;
    int link = -1;
};

/**
 * The scenario's topology in SI units, indexed for path searches. Sites and links keep their
 * scenario order; a directed link index is 2·link + dir, dir 0 meaning a → b. It refers to the
 * scenario's site ids, so the scenario must outlive it.
 */
class Network {
public:
    struct Edge {
        int to = 0;
        int directedLink = 0;
    };

    /// \a exclude takes a site (and its links) or a link out of the graph.
    explicit Network(const Scenario& scenario, Exclusion exclude = {});

    int siteCount() const { return static_cast<int>(siteIds_.size()); }
    int linkCount() const { return static_cast<int>(bandwidthBps_.size()); }
    /// Index of a site id, or −1.
    int siteIndex(std::string_view id) const;
    std::string_view siteId(int site) const { return siteIds_[site]; }
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
    std::vector<std::string_view> siteIds_;
    std::vector<int> byId_; ///< site indexes in id order: ranks and lookups from one sort
    std::vector<int> idRank_;
    std::vector<std::vector<Edge>> adjacency_;
    std::vector<int> linkA_, linkB_;
    std::vector<double> bandwidthBps_, latencyS_, energyJPerBit_;
};

/// The connected part of the network each site is in (links are two-way), numbered from 0.
std::vector<int> connectedComponents(const Network& network);

/// The network's articulation points (\a cutSite, per site) and bridges (\a bridge, per link):
/// the sites and links whose loss splits a connected part in two. Iterative Tarjan, O(sites + links).
void findCuts(const Network& network, std::vector<uint8_t>& cutSite, std::vector<uint8_t>& bridge);

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
    /// The directed link by which a settled \a site was reached; −1 at the source.
    int predecessorLink(int site) const { return pred_[site]; }

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

/// A site's label in the nearest-target searches: a path to some target, ordered by latency,
/// then hops, then the target's id rank (and the site, to order a heap).
struct TargetLabel {
    double dist;
    int hops;
    int rank; ///< id rank of the target
    int site;
    bool operator>(const TargetLabel& o) const
    {
        if (dist != o.dist) return dist > o.dist;
        if (hops != o.hops) return hops > o.hops;
        if (rank != o.rank) return rank > o.rank;
        return site > o.site;
    }
};

/**
 * For every site, the nearest of a set of target sites (multi-source Dijkstra, one pass over the
 * graph): by path latency, ties by hop count, then by the target's id — the target a PathSearch
 * from that site would settle first. Used for the common case of placement, where the nearest
 * candidate has room, so that a search per source is needed only when a source spills.
 */
class NearestTarget {
public:
    NearestTarget(const Network& network, const std::vector<int>& targets);

    /// The nearest target of \a site, or −1 when none is reachable.
    int target(int site) const { return target_[site]; }
    double latency(int site) const { return dist_[site]; }
    int hops(int site) const { return hops_[site]; }
    /// Appends the directed links from \a site to its nearest target to \a out, in travel order.
    void appendPath(int site, std::vector<int>& out) const;
    /// The smallest link bandwidth on that path, bit/s (infinite for a target itself).
    double bottleneckBps(int site) const;

private:
    friend class NearestOpenTarget;
    const Network& net_;
    std::vector<int> target_;
    std::vector<double> dist_;
    std::vector<int> hops_;
    std::vector<int> pred_; ///< directed link by which the label reached the site (target → site)
};

/**
 * A NearestTarget whose targets can be closed one at a time (placement closes a candidate when
 * its pool is full): every site then answers with its nearest target still open, which is the
 * next candidate with room in the order a search from that site would settle them. Closing a
 * target relabels only the sites it was nearest to (its cell: the subtree of its label tree) by a
 * Dijkstra seeded from their neighbours outside the cell, so the labels equal those of a
 * NearestTarget built on the open targets alone, at the cost of the cell instead of the graph.
 * Nothing is copied from the base tree until the first target closes.
 */
class NearestOpenTarget {
public:
    explicit NearestOpenTarget(const Network& network);

    /// Starts over from \a base (nullptr: no targets) with all its targets open.
    void reset(const NearestTarget* base);
    bool empty() const { return base_ == nullptr; }
    int target(int site) const { return own_ ? target_[site] : base_->target_[site]; }
    double latency(int site) const { return own_ ? dist_[site] : base_->dist_[site]; }
    int hops(int site) const { return own_ ? hops_[site] : base_->hops_[site]; }
    /// Appends the directed links from \a site to its nearest open target to \a out, in travel order.
    void appendPath(int site, std::vector<int>& out) const;
    /// Closes \a target (no effect when it is not an open target).
    void close(int target);

private:
    using Label = TargetLabel;
    /// True when \a l is a better label for its site than the one it has.
    bool better(const Label& l) const;

    const Network& net_;
    const NearestTarget* base_ = nullptr;
    bool own_ = false;
    std::vector<int> target_;
    std::vector<double> dist_;
    std::vector<int> hops_;
    std::vector<int> pred_;
    std::vector<int> cell_;
    std::vector<uint32_t> inCell_;  ///< stamp of the close() whose cell holds the site
    std::vector<uint32_t> settled_; ///< stamp of the close() that settled the site
    uint32_t current_ = 0;
    std::vector<Label> heap_;
};

} // namespace strata::core
