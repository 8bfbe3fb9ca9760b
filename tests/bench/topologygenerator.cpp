// SPDX-License-Identifier: GPL-3.0-or-later
#include "topologygenerator.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <unordered_map>

namespace strata::bench {

using namespace strata::core;

Scenario generateTopology(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> coord(0.0, 2000.0);
    Scenario sc;
    sc.name = "generated " + std::to_string(n) + " sites";
    std::vector<std::pair<double, double>> xy(n);
    for (int i = 0; i < n; ++i) {
        Site s;
        s.id = "s" + std::to_string(i);
        xy[i] = {coord(rng), coord(rng)};
        s.position = Position{xy[i].first, xy[i].second};
        s.jurisdiction = "US";
        if (i % 3 == 0) {
            s.kind = SiteKind::Device;
            s.devices = 100;
        } else if (i % 20 == 1) {
            s.kind = SiteKind::Cloud;
            s.pools.push_back({"nvidia-h100-sxm", 64});
        } else if (i % 2 == 0) {
            s.kind = SiteKind::Edge;
            s.pools.push_back({"nvidia-l4", 8});
        } else {
            s.kind = SiteKind::OnPrem;
            s.pools.push_back({"nvidia-a100-sxm-80gb", 8});
        }
        sc.sites.push_back(std::move(s));
    }
    // Grid hashing for nearest neighbours.
    const double cell = 2000.0 / std::max(1.0, std::sqrt(n / 4.0));
    auto key = [&](int cx, int cy) { return static_cast<long long>(cx) * 1000003LL + cy; };
    std::unordered_map<long long, std::vector<int>> grid;
    for (int i = 0; i < n; ++i)
        grid[key(static_cast<int>(xy[i].first / cell), static_cast<int>(xy[i].second / cell))].push_back(i);
    std::set<std::pair<int, int>> made;
    for (int i = 0; i < n; ++i) {
        int cx = static_cast<int>(xy[i].first / cell), cy = static_cast<int>(xy[i].second / cell);
        std::vector<std::pair<double, int>> near;
        for (int r = 1; near.size() < 3 && r < 64; ++r) {
            near.clear();
            for (int dx = -r; dx <= r; ++dx)
                for (int dy = -r; dy <= r; ++dy) {
                    auto it = grid.find(key(cx + dx, cy + dy));
                    if (it == grid.end())
                        continue;
                    for (int j : it->second)
                        if (j != i)
                            near.push_back({std::hypot(xy[i].first - xy[j].first, xy[i].second - xy[j].second), j});
                }
        }
        std::sort(near.begin(), near.end());
        for (size_t k = 0; k < std::min<size_t>(3, near.size()); ++k) {
            int a = std::min(i, near[k].second), b = std::max(i, near[k].second);
            if (!made.insert({a, b}).second)
                continue;
            Link l;
            l.id = "l" + std::to_string(sc.links.size());
            l.a = sc.sites[a].id;
            l.b = sc.sites[b].id;
            bool access = sc.sites[a].kind == SiteKind::Device || sc.sites[b].kind == SiteKind::Device;
            l.kind = access ? LinkKind::Cellular5G : LinkKind::Wan;
            l.bandwidthGbps = access ? 10 : 100;
            l.distanceKm = std::max(1.0, near[k].first);
            l.routeFactor = 1.3;
            l.energyNjPerBit = access ? 40 : 5;
            sc.links.push_back(std::move(l));
        }
    }
    auto makeModel = [](const char* id, ModelKind kind, double params, std::optional<double> layers, std::optional<double> d,
                    std::optional<double> flops, std::optional<double> bytes) {
        Model m;
        m.id = id;
        m.kind = kind;
        m.params = params;
        m.bytesPerParam = 2;
        m.layers = layers;
        m.dModel = d;
        m.flopsPerRequest = flops;
        m.bytesPerRequest = bytes;
        return m;
    };
    Model vision = makeModel("vision", ModelKind::Generic, 25.9e6, std::nullopt, std::nullopt, 78.9e9, 40e6);
    Model ranking = makeModel("ranking", ModelKind::Generic, 5e8, std::nullopt, std::nullopt, 2e9, 50e6);
    Model llm = makeModel("llm7b", ModelKind::Transformer, 6.74e9, 32.0, 4096.0, std::nullopt, std::nullopt);
    sc.models = {vision, ranking, llm};
    auto workload = [&](const char* id, const char* model, Precision p, double rate, double req, double resp,
                        std::optional<double> in, std::optional<double> out, double batch) {
        Workload w;
        w.id = id;
        w.model = model;
        w.precision = p;
        InferenceSpec s;
        for (int i = 0; i < n; i += 3)
            s.sources.push_back({sc.sites[i].id, rate});
        s.requestBytes = req;
        s.responseBytes = resp;
        s.inputTokens = in;
        s.outputTokens = out;
        s.maxBatch = batch;
        s.sloP95Ms = 200;
        w.spec = s;
        sc.workloads.push_back(std::move(w));
    };
    workload("perception", "vision", Precision::FP16, 0.2, 200e3, 2e3, std::nullopt, std::nullopt, 8);
    workload("recommend", "ranking", Precision::FP16, 0.5, 4e3, 1e3, std::nullopt, std::nullopt, 16);
    workload("assistant", "llm7b", Precision::BF16, 0.002, 4e3, 1e3, 512.0, 128.0, 16);
    return sc;
}

void topUpLinks(core::Scenario& sc, size_t links, size_t stride)
{
    for (size_t i = 0; sc.links.size() < links; ++i) {
        core::Link l;
        l.id = "x" + std::to_string(i);
        l.a = sc.sites[(i * 7) % sc.sites.size()].id;
        l.b = sc.sites[(i * 7 + stride) % sc.sites.size()].id;
        l.kind = core::LinkKind::Wan;
        l.bandwidthGbps = 10;
        l.distanceKm = 1000;
        sc.links.push_back(l);
    }
}

} // namespace strata::bench
