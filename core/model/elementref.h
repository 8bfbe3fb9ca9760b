// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace strata::core {

struct Scenario;
class Catalog;

/// What an element reference points at.
enum class ElementKind { None, Site, Pool, Link, Model, Workload, Accelerator, Strategy, Path };

/**
 * A typed reference to an element of a design, for diagnostics, bottlenecks, violations, N − 1
 * impacts and assumptions. Files, JSON output and the CLI show its key() ("site:ID/pool:N");
 * people see its displayName() ("US East · NVIDIA H100 SXM5 pool"). Nothing parses a key back:
 * the parts are kept.
 */
struct ElementRef {
    ElementKind kind = ElementKind::None;
    std::string id;    ///< the element's id; a pool's site id; a strategy's name; a Path's text
    int pool = -1;     ///< Pool: the pool's index at its site
    std::string field; ///< a field key of the element ("pue"), when the reference is to one field

    static ElementRef site(std::string id) { return {ElementKind::Site, std::move(id), -1, {}}; }
    static ElementRef poolAt(std::string site, int index) { return {ElementKind::Pool, std::move(site), index, {}}; }
    static ElementRef link(std::string id) { return {ElementKind::Link, std::move(id), -1, {}}; }
    static ElementRef model(std::string id) { return {ElementKind::Model, std::move(id), -1, {}}; }
    static ElementRef workload(std::string id) { return {ElementKind::Workload, std::move(id), -1, {}}; }
    static ElementRef accelerator(std::string id) { return {ElementKind::Accelerator, std::move(id), -1, {}}; }
    static ElementRef strategy(std::string_view name) { return {ElementKind::Strategy, std::string(name), -1, {}}; }
    /// A place in a scenario file ("sites[2].pue"), for errors found while reading it.
    static ElementRef path(std::string text) { return {ElementKind::Path, std::move(text), -1, {}}; }

    /// The same reference, narrowed to one field.
    ElementRef withField(std::string key) const
    {
        ElementRef r = *this;
        r.field = std::move(key);
        return r;
    }

    /// The id form of the element for files, JSON and the CLI: "site:ID", "site:ID/pool:N",
    /// "link:ID", "workload:ID", "strategy:NAME", "sites[2].pue". The field is not part of it
    /// (a message names its field; JSON output carries it apart). Empty for None.
    std::string key() const;

    /// True for a reference to nothing.
    bool empty() const { return kind == ElementKind::None; }

    bool operator==(const ElementRef&) const = default;
};

/// The site (or link, workload) a reference is about, resolved in \a scenario: a Pool's site,
/// and a Path's element ("links[2].kind" → that link). ElementKind::None when there is none.
ElementRef elementOf(const ElementRef& ref, const Scenario& scenario);

/**
 * The name a person reads: names, not ids ("US East", "US East · NVIDIA H100 SXM5 pool",
 * "link Edge NYC – US East", "workload Chat"); with a field, "PUE of US East". An element the
 * scenario does not hold (any more) is named by its id.
 */
std::string displayName(const ElementRef& ref, const Scenario& scenario, const Catalog& catalog);

} // namespace strata::core
