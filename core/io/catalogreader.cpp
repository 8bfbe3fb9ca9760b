// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogreader.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace strata::core {

// Generated at configure time from resources/catalog/*.json (core/CMakeLists.txt).
extern const char* const kBuiltinCatalogJson;
extern const char* const kBuiltinPricesJson;

using nlohmann::json;

namespace {

std::optional<double> positive(const json& entry, const char* key)
{
    auto it = entry.find(key);
    if (it == entry.end() || !it->is_number())
        return std::nullopt;
    double v = it->get<double>();
    if (!std::isfinite(v) || v < 0)
        return std::nullopt;
    return v;
}

std::string joinSources(const json& entry)
{
    std::string out;
    auto it = entry.find("sources");
    if (it == entry.end() || !it->is_array())
        return out;
    for (const json& s : *it) {
        if (!s.is_object() || !s.contains("ref") || !s["ref"].is_string())
            continue;
        if (!out.empty())
            out += " | ";
        out += s["ref"].get<std::string>();
    }
    return out;
}

} // namespace

Catalog readCatalogJson(std::string_view catalogText, std::string_view pricesText, Diagnostics& diags)
{
    std::vector<Accelerator> entries;
    json root = json::parse(catalogText.begin(), catalogText.end(), nullptr, false);
    if (root.is_discarded() || !root.is_object() || !root.contains("accelerators") || !root["accelerators"].is_array()) {
        diags.push_back({Severity::Error, ElementRef::path("catalog"), "the catalog is not valid JSON with an \"accelerators\" array"});
        return Catalog();
    }
    for (const json& e : root["accelerators"]) {
        if (!e.is_object() || !e.contains("id") || !e["id"].is_string())
            continue;
        Accelerator a;
        a.id = e["id"].get<std::string>();
        a.vendor = e.value("vendor", "");
        a.model = e.value("model", "");
        if (auto it = e.find("peak_dense_tflops"); it != e.end() && it->is_object()) {
            for (const auto& [key, value] : it->items()) {
                std::string name = key == "int8_tops" ? "int8" : key == "int4_tops" ? "int4" : key;
                auto p = parsePrecision(name);
                if (p && value.is_number() && value.get<double>() > 0)
                    a.peakTflops[*p] = value.get<double>();
            }
        }
        a.memoryGb = positive(e, "memory_gb");
        a.memoryGbPerS = positive(e, "memory_bw_gbs");
        a.tdpW = positive(e, "tdp_w");
        a.idleW = positive(e, "idle_w");
        if (auto it = e.find("interconnect"); it != e.end() && it->is_object()) {
            if (auto bw = positive(*it, "bw_gbs")) {
                std::string direction = it->value("direction", "");
                bool bidirectional = direction.find("bidirectional") != std::string::npos;
                a.interconnectGbPerS = bidirectional ? *bw / 2 : *bw;
            }
        }
        a.source = joinSources(e);
        entries.push_back(std::move(a));
    }

    json prices = json::parse(pricesText.begin(), pricesText.end(), nullptr, false);
    if (!prices.is_discarded() && prices.is_object() && prices.contains("prices") && prices["prices"].is_array()) {
        for (const json& p : prices["prices"]) {
            if (!p.is_object() || !p.contains("accelerator") || !p["accelerator"].is_string())
                continue;
            std::string id = p["accelerator"].get<std::string>();
            auto usd = positive(p, "usd_per_hour");
            for (Accelerator& a : entries) {
                if (a.id == id && usd) {
                    a.usdPerHour = usd;
                    a.source += " | price: " + p.value("source", std::string("unsourced"));
                }
            }
        }
    } else if (!pricesText.empty()) {
        diags.push_back({Severity::Error, ElementRef::path("catalog"), "the price list is not valid JSON with a \"prices\" array"});
    }
    return Catalog(std::move(entries));
}

const Catalog& builtinCatalog()
{
    static const Catalog catalog = [] {
        Diagnostics ignored; // the built-in data is checked by tst_catalog
        return readCatalogJson(kBuiltinCatalogJson, kBuiltinPricesJson, ignored);
    }();
    return catalog;
}

} // namespace strata::core
