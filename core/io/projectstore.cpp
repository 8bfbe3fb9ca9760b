// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectstore.h"

#include "outputfile.h"

#include "catalogreader.h"
#include "model/fields.h"
#include "model/validation.h"
#include "model/workloadkind.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>

#include <fcntl.h>
#include <unistd.h>

namespace strata::core {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxProjectBytes = 256ull * 1024 * 1024;

using SchemaTable = std::pair<std::string, std::string>;

/// The column of a registry field: `key REAL [NOT NULL] [CHECK(range)]`, as schema 1 wrote it.
template <typename T>
std::string columnOf(const NumberField<T>& f)
{
    const std::string k(f.key);
    std::string sql = k + " REAL";
    if (f.required)
        sql += " NOT NULL";
    const Range& r = f.storedRange();
    if (std::isfinite(r.lo) && std::isfinite(r.hi) && r.hiInSchema)
        sql += r.loOpen ? " CHECK(" + k + " > " + formatNumber(r.lo) + " AND " + k + " <= " + formatNumber(r.hi) + ")"
                        : " CHECK(" + k + " BETWEEN " + formatNumber(r.lo) + " AND " + formatNumber(r.hi) + ")";
    else if (std::isfinite(r.lo))
        sql += " CHECK(" + k + (r.loOpen ? " > " : " >= ") + formatNumber(r.lo) + ")";
    return sql;
}

/// The registry columns of \a fields that schema 1 has, comma-separated (later ones: schemaOf).
template <typename T>
std::string columnsOf(std::span<const NumberField<T>> fields)
{
    std::string sql;
    for (const NumberField<T>& f : fields)
        if (f.since == 1)
            sql += ", " + columnOf(f);
    return sql;
}


std::string joined(const std::vector<std::string>& keys)
{
    std::string sql;
    for (const std::string& k : keys)
        sql += (sql.empty() ? "" : ",") + k;
    return sql;
}

/// The registry keys of \a fields, comma-separated, for INSERT and SELECT.
template <typename T>
std::string keysOf(std::span<const NumberField<T>> fields)
{
    std::vector<std::string> keys;
    for (const NumberField<T>& f : fields)
        keys.emplace_back(f.key);
    return joined(keys);
}

/// The numeric columns of the workloads table: the registry keys of the three workload specs, each
/// once (mfu is shared by training and federated jobs), in registry order.
const std::vector<std::string>& workloadColumns()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        auto add = [&out](auto fields) {
            for (const auto& f : fields)
                if (std::find(out.begin(), out.end(), f.key) == out.end())
                    out.emplace_back(f.key);
        };
        add(inferenceFields());
        add(trainingFields());
        add(federatedFields());
        return out;
    }();
    return keys;
}

/// The column number of workload field \a key in a statement whose numeric columns start at \a first.
int workloadColumn(std::string_view key, int first)
{
    const auto& keys = workloadColumns();
    return first + static_cast<int>(std::find(keys.begin(), keys.end(), key) - keys.begin());
}


/// "?a,?a+1,…" for \a n parameters from \a first.
std::string parameters(int first, size_t n)
{
    std::string sql;
    for (size_t i = 0; i < n; ++i)
        sql += (i ? ",?" : "?") + std::to_string(first + static_cast<int>(i));
    return sql;
}

// The schema of version 1, statement by statement: the reader compares the file's schema with
// these texts exactly, so a file with altered constraints, extra tables, views or triggers is
// refused rather than trusted. Never edit a released version's text: add a migration.
// The numeric columns of sites and links come from the field registry (core/model/fields.h), in
// the same words schema 1 used; tst_projectstore holds the released text and compares.
const std::vector<SchemaTable>& schemaV1()
{
    static const std::vector<SchemaTable> tables = {{
    {"meta", "CREATE TABLE meta(idx INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT NOT NULL)"},
    {"sites", "CREATE TABLE sites(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, "
              "kind TEXT NOT NULL CHECK(kind IN ('cloud','edge','onprem','device')), jurisdiction TEXT NOT NULL" +
                  columnsOf(siteFields()) + ", x REAL, y REAL)"},
    {"pools", "CREATE TABLE pools(idx INTEGER PRIMARY KEY, site INTEGER NOT NULL REFERENCES sites(idx), "
              "accelerator TEXT NOT NULL, count INTEGER NOT NULL CHECK(count >= 0))"},
    {"links", "CREATE TABLE links(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, "
              "kind TEXT NOT NULL" +
                  columnsOf(linkFields()) + ")"},
    {"models", "CREATE TABLE models(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, "
               "kind TEXT NOT NULL CHECK(kind IN ('generic','transformer')), params REAL NOT NULL CHECK(params > 0), "
               "bytes_per_param REAL NOT NULL CHECK(bytes_per_param > 0), layers REAL, d_model REAL, flops_per_request REAL, "
               "bytes_per_request REAL)"},
    {"workloads", "CREATE TABLE workloads(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, "
                  "type TEXT NOT NULL CHECK(type IN ('inference','training','federated')), model TEXT NOT NULL, precision TEXT, "
                  "request_bytes REAL, response_bytes REAL, input_tokens REAL, output_tokens REAL, max_batch REAL, service_cv REAL, "
                  "slo_p95_ms REAL, compute_efficiency REAL, memory_efficiency REAL, tokens REAL, seq_len REAL, "
                  "global_batch_tokens REAL, mfu REAL, activation_recompute INTEGER, sync_interval_steps REAL, overlap REAL, "
                  "rounds REAL, clients_per_round REAL, local_steps REAL, samples_per_step REAL, flops_per_sample REAL, "
                  "update_bytes REAL, compression REAL)"},
    {"sources", "CREATE TABLE sources(idx INTEGER PRIMARY KEY, workload INTEGER NOT NULL REFERENCES workloads(idx), "
                "site TEXT NOT NULL, rate_per_device REAL NOT NULL CHECK(rate_per_device >= 0))"},
    {"datasets", "CREATE TABLE datasets(idx INTEGER PRIMARY KEY, workload INTEGER NOT NULL REFERENCES workloads(idx), "
                 "site TEXT NOT NULL, bytes REAL NOT NULL CHECK(bytes >= 0))"},
    {"clients", "CREATE TABLE clients(idx INTEGER PRIMARY KEY, workload INTEGER NOT NULL REFERENCES workloads(idx), "
                "site TEXT NOT NULL)"},
    {"strategies", "CREATE TABLE strategies(idx INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL CHECK(name IN ('centralized','distributed','hybrid')), enabled INTEGER NOT NULL, site TEXT, "
                   "rho_target REAL CHECK(rho_target > 0 AND rho_target <= 1))"},
    {"accelerators", "CREATE TABLE accelerators(idx INTEGER PRIMARY KEY, id TEXT NOT NULL, vendor TEXT NOT NULL, model TEXT NOT NULL, "
                     "memory_gb REAL, memory_gb_per_s REAL, interconnect_gb_per_s REAL, tdp_w REAL, idle_w REAL, usd_per_hour REAL, "
                     "source TEXT NOT NULL)"},
    {"peaks", "CREATE TABLE peaks(idx INTEGER PRIMARY KEY, accelerator INTEGER NOT NULL REFERENCES accelerators(idx), "
              "precision TEXT NOT NULL, tflops REAL NOT NULL CHECK(tflops > 0))"},
    {"notes", "CREATE TABLE notes(idx INTEGER PRIMARY KEY, text TEXT NOT NULL)"},
}};
    return tables;
}

// Version 2 adds the canvas view (one row at most).
const SchemaTable kViewTable = {
    "view", "CREATE TABLE view(idx INTEGER PRIMARY KEY CHECK(idx = 0), center_x REAL NOT NULL, center_y REAL NOT NULL, "
            "zoom REAL NOT NULL CHECK(zoom > 0))"};

// Version 3 adds strategy options that are flags (issue 12: distributed training's
// allow_cross_border_copies); a row per strategy that sets one.
const SchemaTable kStrategyOptionsTable = {
    "strategy_options", "CREATE TABLE strategy_options(idx INTEGER PRIMARY KEY, "
                        "strategy TEXT NOT NULL CHECK(strategy IN ('centralized','distributed','hybrid')), "
                        "allow_cross_border_copies INTEGER CHECK(allow_cross_border_copies IN (0, 1)))"};

/// Calls \a f(table, column) for each registry column of sites and links that schema \a version
/// added (the fields whose `since` is \a version), in registry order.
template <typename F>
void addedColumns(int version, F&& f)
{
    for (const NumberField<Site>& field : siteFields())
        if (field.since == version)
            f("sites", columnOf(field));
    for (const NumberField<Link>& field : linkFields())
        if (field.since == version)
            f("links", columnOf(field));
    for (const NumberField<Model>& field : modelFields())
        if (field.since == version)
            f("models", columnOf(field));
}

/// The model fields that came after schema 1 (the first ones have fixed columns).
std::vector<NumberField<Model>> laterModelFields()
{
    std::vector<NumberField<Model>> out;
    for (const NumberField<Model>& f : modelFields())
        if (f.since > 1)
            out.push_back(f);
    return out;
}

/// The tables of schema \a version, in creation order.
std::vector<SchemaTable> schemaOf(int version)
{
    std::vector<SchemaTable> tables = schemaV1();
    if (version >= 2)
        tables.push_back(kViewTable);
    if (version >= 3)
        tables.push_back(kStrategyOptionsTable);
    if (version >= 5) // issue 15: how a service stores its weights and KV cache (ADD COLUMN, as recorded)
        for (auto& [name, sql] : tables)
            if (name == "workloads")
                sql.insert(sql.size() - 1, ", weight_precision TEXT, kv_cache_precision TEXT");
    // A registry field of a later version is a column its migration added with ADD COLUMN, which
    // SQLite records by writing ", <column>" before the table's closing parenthesis: a new file
    // is created with the same text, so that both pass the exact schema check.
    for (int v = 2; v <= version; ++v)
        addedColumns(v, [&](const std::string& table, const std::string& column) {
            for (auto& [name, sql] : tables)
                if (name == table)
                    sql.insert(sql.size() - 1, ", " + column);
        });
    return tables;
}

/**
 * The migration chain: kMigrations[v - 1] takes a version-v database to version v + 1. Each step
 * is pure SQL run on an in-memory copy of the file (the user's file is never written by
 * opening it); the next save writes the current version.
 */
const std::array<const char*, 4> kMigrations = {{
    "CREATE TABLE view(idx INTEGER PRIMARY KEY CHECK(idx = 0), center_x REAL NOT NULL, center_y REAL NOT NULL, "
    "zoom REAL NOT NULL CHECK(zoom > 0))", // 1 -> 2
    "CREATE TABLE strategy_options(idx INTEGER PRIMARY KEY, "
    "strategy TEXT NOT NULL CHECK(strategy IN ('centralized','distributed','hybrid')), "
    "allow_cross_border_copies INTEGER CHECK(allow_cross_border_copies IN (0, 1)))", // 2 -> 3
    "", // 3 -> 4: only registry columns (a site's water usage effectiveness)
    "ALTER TABLE workloads ADD COLUMN weight_precision TEXT;\n"
    "ALTER TABLE workloads ADD COLUMN kv_cache_precision TEXT", // 4 -> 5 (issue 15), then the models' registry columns
}};
static_assert(kMigrations.size() == kStrataSchemaVersion - 1, "one migration per version step");

/// The SQL that takes a version-\a v database to v + 1: the fixed step, then an ADD COLUMN for
/// each registry field that appeared in v + 1.
std::string migrationOf(int v)
{
    std::string sql = kMigrations[static_cast<size_t>(v - 1)];
    addedColumns(v + 1, [&](const std::string& table, const std::string& column) {
        sql += (sql.empty() ? "" : ";\n") + std::string("ALTER TABLE ") + table + " ADD COLUMN " + column;
    });
    return sql;
}

/// Owns an sqlite3 connection.
struct Db {
    sqlite3* handle = nullptr;
    ~Db()
    {
        if (handle)
            sqlite3_close_v2(handle);
    }
};

/// Owns a prepared statement; the SQL is always one of this file's fixed texts.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK; }
    Statement(sqlite3* db, const std::string& sql)
        : Statement(db, sql.c_str())
    {
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return ok_; }
    sqlite3_stmt* get() const { return stmt_; }
    bool step() { return sqlite3_step(stmt_) == SQLITE_ROW; }
    bool run() { return sqlite3_step(stmt_) == SQLITE_DONE && sqlite3_reset(stmt_) == SQLITE_OK; }

    // Binding, 1-based.
    void text(int i, const std::string& v) { sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void real(int i, const std::optional<double>& v)
    {
        if (v)
            sqlite3_bind_double(stmt_, i, *v);
        else
            sqlite3_bind_null(stmt_, i);
    }
    void integer(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
    void null(int i) { sqlite3_bind_null(stmt_, i); }

private:
    sqlite3_stmt* stmt_ = nullptr;
    bool ok_ = false;
};

bool exec(sqlite3* db, const char* sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

StoreResult failure(StoreError e, std::string message)
{
    StoreResult r;
    r.error = e;
    r.message = std::move(message);
    return r;
}

// ------------------------------------------------------------------ writing

bool writeAll(sqlite3* db, const Scenario& sc)
{
    for (const auto& [name, sql] : schemaOf(kStrataSchemaVersion))
        if (!exec(db, sql.c_str()))
            return false;
    {
        Statement st(db, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
        for (const auto& [k, v] : std::initializer_list<std::pair<const char*, std::string>>{
                 {"name", sc.name}, {"description", sc.description}, {"strategies_given", sc.strategiesGiven ? "1" : "0"}}) {
            st.text(1, k);
            st.text(2, v);
            if (!st.run())
                return false;
        }
    }
    const std::span<const NumberField<Site>> siteCols = siteFields();
    const int siteXy = 6 + static_cast<int>(siteCols.size());
    Statement site(db, "INSERT INTO sites(idx,id,name,kind,jurisdiction," + keysOf(siteCols) + ",x,y) VALUES(" +
                           parameters(1, siteCols.size() + 7) + ")");
    Statement pool(db, "INSERT INTO pools(site, accelerator, count) VALUES(?1,?2,?3)");
    for (size_t i = 0; i < sc.sites.size(); ++i) {
        const Site& s = sc.sites[i];
        site.integer(1, static_cast<long long>(i));
        site.text(2, s.id);
        site.text(3, s.name);
        site.text(4, std::string(siteKindName(s.kind)));
        site.text(5, s.jurisdiction);
        for (size_t f = 0; f < siteCols.size(); ++f)
            site.real(6 + static_cast<int>(f), siteCols[f].get(s));
        site.real(siteXy, s.position ? std::optional<double>(s.position->x) : std::nullopt);
        site.real(siteXy + 1, s.position ? std::optional<double>(s.position->y) : std::nullopt);
        if (!site.run())
            return false;
        for (const Pool& p : s.pools) {
            pool.integer(1, static_cast<long long>(i));
            pool.text(2, p.accelerator);
            pool.integer(3, p.count);
            if (!pool.run())
                return false;
        }
    }
    const std::span<const NumberField<Link>> linkCols = linkFields();
    Statement link(db, "INSERT INTO links(idx,id,name,a,b,kind," + keysOf(linkCols) + ") VALUES(" +
                           parameters(1, linkCols.size() + 6) + ")");
    for (size_t i = 0; i < sc.links.size(); ++i) {
        const Link& l = sc.links[i];
        link.integer(1, static_cast<long long>(i));
        link.text(2, l.id);
        link.text(3, l.name);
        link.text(4, l.a);
        link.text(5, l.b);
        link.text(6, std::string(linkKindName(l.kind)));
        for (size_t f = 0; f < linkCols.size(); ++f)
            link.real(7 + static_cast<int>(f), linkCols[f].get(l));
        if (!link.run())
            return false;
    }
    const std::vector<NumberField<Model>> modelLater = laterModelFields();
    Statement model(db, "INSERT INTO models(idx,id,name,kind,params,bytes_per_param,layers,d_model,flops_per_request,bytes_per_request" +
                            std::string(modelLater.empty() ? "" : ",") + keysOf(std::span<const NumberField<Model>>(modelLater)) +
                            ") VALUES(" + parameters(1, 10 + modelLater.size()) + ")");
    for (size_t i = 0; i < sc.models.size(); ++i) {
        const Model& m = sc.models[i];
        model.integer(1, static_cast<long long>(i));
        model.text(2, m.id);
        model.text(3, m.name);
        model.text(4, m.kind == ModelKind::Transformer ? "transformer" : "generic");
        model.real(5, m.params);
        model.real(6, m.bytesPerParam);
        model.real(7, m.layers);
        model.real(8, m.dModel);
        model.real(9, m.flopsPerRequest);
        model.real(10, m.bytesPerRequest);
        for (size_t f = 0; f < modelLater.size(); ++f)
            model.real(11 + static_cast<int>(f), modelLater[f].get(m));
        if (!model.run())
            return false;
    }
    // Columns by name; the numeric ones from the field registry (parameters 8…).
    // Then the two storage precisions of a service (schema 5), after the numeric columns.
    const size_t numericEnd = 7 + workloadColumns().size();
    const size_t workColumns = numericEnd + 2;
    Statement work(db, "INSERT INTO workloads(idx,id,name,type,model,precision,activation_recompute," + joined(workloadColumns()) +
                           ",weight_precision,kv_cache_precision) VALUES(" + parameters(1, workColumns) + ")");
    auto bindSpec = [&work](const auto& spec, auto fields) {
        for (const auto& f : fields)
            work.real(workloadColumn(f.key, 8), f.get(spec));
    };
    Statement source(db, "INSERT INTO sources(workload, site, rate_per_device) VALUES(?1,?2,?3)");
    Statement dataset(db, "INSERT INTO datasets(workload, site, bytes) VALUES(?1,?2,?3)");
    Statement client(db, "INSERT INTO clients(workload, site) VALUES(?1,?2)");
    auto datasets = [&](long long w, const std::vector<Dataset>& list) {
        for (const Dataset& d : list) {
            dataset.integer(1, w);
            dataset.text(2, d.site);
            dataset.real(3, d.bytes);
            if (!dataset.run())
                return false;
        }
        return true;
    };
    for (size_t i = 0; i < sc.workloads.size(); ++i) {
        const Workload& w = sc.workloads[i];
        const long long wi = static_cast<long long>(i);
        for (int c = 1; c <= static_cast<int>(workColumns); ++c)
            work.null(c);
        work.integer(1, wi);
        work.text(2, w.id);
        work.text(3, w.name);
        work.text(4, std::string(workloadTypeName(w.type())));
        work.text(5, w.model);
        if (w.precision)
            work.text(6, std::string(precisionName(*w.precision)));
        std::visit([&](const auto& spec) { bindSpec(spec, fieldsOf(spec)); }, w.spec);
        if (const InferenceSpec* inf = w.inference()) {
            if (inf->weightPrecision)
                work.text(static_cast<int>(numericEnd) + 1, std::string(precisionName(*inf->weightPrecision)));
            if (inf->kvCachePrecision)
                work.text(static_cast<int>(numericEnd) + 2, std::string(precisionName(*inf->kvCachePrecision)));
        }
        if (const TrainingSpec* t = w.training(); t && t->activationRecompute)
            work.integer(7, *t->activationRecompute ? 1 : 0);
        if (!work.run())
            return false;
        // The child rows of each kind: sources, datasets, clients.
        const bool written = std::visit(Overloaded{[&](const InferenceSpec& s) {
                                                       for (const RequestSource& src : s.sources) {
                                                           source.integer(1, wi);
                                                           source.text(2, src.site);
                                                           source.real(3, src.ratePerDevice);
                                                           if (!source.run())
                                                               return false;
                                                       }
                                                       return true;
                                                   },
                                                   [&](const TrainingSpec& t) { return datasets(wi, t.datasets); },
                                                   [&](const FederatedSpec& f) {
                                                       for (const std::string& c : f.clients) {
                                                           client.integer(1, wi);
                                                           client.text(2, c);
                                                           if (!client.run())
                                                               return false;
                                                       }
                                                       return datasets(wi, f.datasets);
                                                   }},
                                        w.spec);
        if (!written)
            return false;
    }
    Statement strategy(db, "INSERT INTO strategies(name, enabled, site, rho_target) VALUES(?1,?2,?3,?4)");
    for (Strategy s : kAllStrategies) {
        const StrategySettings& set = sc.strategies[s];
        strategy.text(1, std::string(strategyName(s)));
        strategy.integer(2, set.enabled ? 1 : 0);
        if (set.site)
            strategy.text(3, *set.site);
        else
            strategy.null(3);
        strategy.real(4, set.rhoTarget);
        if (!strategy.run())
            return false;
    }
    Statement option(db, "INSERT INTO strategy_options(strategy, allow_cross_border_copies) VALUES(?1,?2)");
    for (Strategy s : kAllStrategies) {
        const StrategySettings& set = sc.strategies[s];
        if (!set.allowCrossBorderCopies)
            continue;
        option.text(1, std::string(strategyName(s)));
        option.integer(2, *set.allowCrossBorderCopies ? 1 : 0);
        if (!option.run())
            return false;
    }
    Statement acc(db, "INSERT INTO accelerators VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    Statement peak(db, "INSERT INTO peaks(accelerator, precision, tflops) VALUES(?1,?2,?3)");
    for (size_t i = 0; i < sc.accelerators.size(); ++i) {
        const Accelerator& a = sc.accelerators[i];
        acc.integer(1, static_cast<long long>(i));
        acc.text(2, a.id);
        acc.text(3, a.vendor);
        acc.text(4, a.model);
        acc.real(5, a.memoryGb);
        acc.real(6, a.memoryGbPerS);
        acc.real(7, a.interconnectGbPerS);
        acc.real(8, a.tdpW);
        acc.real(9, a.idleW);
        acc.real(10, a.usdPerHour);
        acc.text(11, a.source);
        if (!acc.run())
            return false;
        for (const auto& [p, v] : a.peakTflops) {
            peak.integer(1, static_cast<long long>(i));
            peak.text(2, std::string(precisionName(p)));
            peak.real(3, v);
            if (!peak.run())
                return false;
        }
    }
    if (!sc.notes.empty()) {
        Statement note(db, "INSERT INTO notes(idx, text) VALUES(0, ?1)");
        note.text(1, sc.notes);
        if (!note.run())
            return false;
    }
    if (sc.view) {
        Statement view(db, "INSERT INTO view(idx, center_x, center_y, zoom) VALUES(0, ?1, ?2, ?3)");
        view.real(1, sc.view->centerX);
        view.real(2, sc.view->centerY);
        view.real(3, sc.view->zoom);
        if (!view.run())
            return false;
    }
    return true;
}

// ------------------------------------------------------------------ reading

/// Reads columns of the current row, recording every value that is not of the domain's type.
class Row {
public:
    Row(sqlite3_stmt* st, std::string where, Diagnostics& diags)
        : st_(st)
        , where_(std::move(where))
        , diags_(diags)
    {
    }
    std::string text(int col, const char* name)
    {
        if (sqlite3_column_type(st_, col) != SQLITE_TEXT) {
            bad(name, "must be text");
            return {};
        }
        const unsigned char* p = sqlite3_column_text(st_, col);
        return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)));
    }
    bool isNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    std::optional<std::string> optText(int col, const char* name)
    {
        if (isNull(col))
            return std::nullopt;
        return text(col, name);
    }
    std::optional<double> real(int col, const char* name)
    {
        const int type = sqlite3_column_type(st_, col);
        if (type == SQLITE_NULL)
            return std::nullopt;
        if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) {
            bad(name, "must be a number");
            return std::nullopt;
        }
        double v = sqlite3_column_double(st_, col);
        if (!std::isfinite(v)) {
            bad(name, "must be a finite number");
            return std::nullopt;
        }
        return v;
    }
    /// A registry field's column: a required one must be there.
    template <typename T>
    std::optional<double> field(int col, const NumberField<T>& f)
    {
        const std::string name(f.key);
        return f.required ? std::optional<double>(required(col, name.c_str())) : real(col, name.c_str());
    }
    double required(int col, const char* name)
    {
        auto v = real(col, name);
        if (!v && sqlite3_column_type(st_, col) == SQLITE_NULL)
            bad(name, "is missing");
        return v.value_or(0);
    }
    long long integer(int col, const char* name)
    {
        if (sqlite3_column_type(st_, col) != SQLITE_INTEGER) {
            bad(name, "must be a whole number");
            return 0;
        }
        return sqlite3_column_int64(st_, col);
    }
    void bad(const std::string& field, const std::string& what)
    {
        diags_.push_back({Severity::Error, ElementRef::path(where_ + "." + field), what});
    }

private:
    sqlite3_stmt* st_;
    std::string where_;
    Diagnostics& diags_;
};

template <typename E, typename Parse>
std::optional<E> parseEnum(Row& row, int col, const char* name, Parse parse)
{
    std::string s = row.text(col, name);
    auto v = parse(s);
    if (!v)
        row.bad(name, "unknown value \"" + s + "\"");
    return v;
}

/// parseEnum for a column that may be NULL (nothing set).
template <typename E, typename Parse>
std::optional<E> parseOptEnum(Row& row, int col, const char* name, Parse parse)
{
    if (row.isNull(col))
        return std::nullopt;
    return parseEnum<E>(row, col, name, parse);
}

/// Steps \a st to its next row. A row that cannot be read (a value over SQLite's length limit, a
/// read error) ends the table with an error instead of silently, as if the table ended there:
/// what follows it would otherwise be lost without a word (issue 14).
bool nextRow(Statement& st, Diagnostics& diags)
{
    const int rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        std::string table = sqlite3_sql(st.get());
        const size_t from = table.find(" FROM ");
        table = from == std::string::npos ? std::string("a table") : table.substr(from + 6, table.find(' ', from + 6) - from - 6);
        diags.push_back({Severity::Error, ElementRef::path(table),
                         rc == SQLITE_TOOBIG ? "holds a text or value longer than the 16 MiB a project may hold, so it cannot be read whole; "
                                               "it was not written by Strata (whose texts are at most 1 MiB)"
                                             : std::string("could not be read whole (") + sqlite3_errstr(rc) + ")"});
    }
    return false;
}

bool readAll(sqlite3* db, Scenario& sc, Diagnostics& diags)
{
    {
        Statement st(db, "SELECT key, value FROM meta ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "meta", diags);
            std::string key = row.text(0, "key"), value = row.text(1, "value");
            if (key == "name")
                sc.name = value;
            else if (key == "description")
                sc.description = value;
            else if (key == "strategies_given")
                sc.strategiesGiven = value == "1";
        }
    }
    std::map<long long, size_t> siteByIdx;
    {
        const std::span<const NumberField<Site>> cols = siteFields();
        const int xy = 5 + static_cast<int>(cols.size());
        Statement st(db, "SELECT idx,id,name,kind,jurisdiction," + keysOf(cols) + ",x,y FROM sites ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "sites[" + std::to_string(sc.sites.size()) + "]", diags);
            Site s;
            long long idx = row.integer(0, "idx");
            s.id = row.text(1, "id");
            s.name = row.text(2, "name");
            if (auto k = parseEnum<SiteKind>(row, 3, "kind", parseSiteKind))
                s.kind = *k;
            s.jurisdiction = row.text(4, "jurisdiction");
            for (size_t f = 0; f < cols.size(); ++f)
                cols[f].set(s, row.field(5 + static_cast<int>(f), cols[f]));
            auto x = row.real(xy, "x"), y = row.real(xy + 1, "y");
            if (x && y)
                s.position = Position{*x, *y};
            siteByIdx[idx] = sc.sites.size();
            sc.sites.push_back(std::move(s));
        }
    }
    {
        Statement st(db, "SELECT site, accelerator, count FROM pools ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "pools", diags);
            auto it = siteByIdx.find(row.integer(0, "site"));
            if (it == siteByIdx.end()) {
                row.bad("site", "names no site");
                continue;
            }
            Pool p;
            p.accelerator = row.text(1, "accelerator");
            p.count = row.integer(2, "count");
            sc.sites[it->second].pools.push_back(std::move(p));
        }
    }
    {
        const std::span<const NumberField<Link>> cols = linkFields();
        Statement st(db, "SELECT id,name,a,b,kind," + keysOf(cols) + " FROM links ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "links[" + std::to_string(sc.links.size()) + "]", diags);
            Link l;
            l.id = row.text(0, "id");
            l.name = row.text(1, "name");
            l.a = row.text(2, "a");
            l.b = row.text(3, "b");
            if (auto k = parseEnum<LinkKind>(row, 4, "kind", parseLinkKind))
                l.kind = *k;
            for (size_t f = 0; f < cols.size(); ++f)
                cols[f].set(l, row.field(5 + static_cast<int>(f), cols[f]));
            sc.links.push_back(std::move(l));
        }
    }
    {
        const std::vector<NumberField<Model>> later = laterModelFields();
        Statement st(db, "SELECT id,name,kind,params,bytes_per_param,layers,d_model,flops_per_request,bytes_per_request" +
                             std::string(later.empty() ? "" : ",") + keysOf(std::span<const NumberField<Model>>(later)) +
                             " FROM models ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "models[" + std::to_string(sc.models.size()) + "]", diags);
            Model m;
            m.id = row.text(0, "id");
            m.name = row.text(1, "name");
            m.kind = row.text(2, "kind") == "transformer" ? ModelKind::Transformer : ModelKind::Generic;
            m.params = row.required(3, "params");
            m.bytesPerParam = row.required(4, "bytes_per_param");
            m.layers = row.real(5, "layers");
            m.dModel = row.real(6, "d_model");
            m.flopsPerRequest = row.real(7, "flops_per_request");
            m.bytesPerRequest = row.real(8, "bytes_per_request");
            for (size_t f = 0; f < later.size(); ++f)
                later[f].set(m, row.field(9 + static_cast<int>(f), later[f]));
            sc.models.push_back(std::move(m));
        }
    }
    std::map<long long, size_t> workByIdx;
    {
        Statement st(db, "SELECT idx,id,name,type,model,precision,activation_recompute," + joined(workloadColumns()) +
                             ",weight_precision,kv_cache_precision FROM workloads ORDER BY idx");
        const int storageColumn = 7 + static_cast<int>(workloadColumns().size());
        while (nextRow(st, diags)) {
            Row row(st.get(), "workloads[" + std::to_string(sc.workloads.size()) + "]", diags);
            Workload w;
            long long idx = row.integer(0, "idx");
            w.id = row.text(1, "id");
            w.name = row.text(2, "name");
            const std::string type = row.text(3, "type");
            w.model = row.text(4, "model");
            w.precision = parseOptEnum<Precision>(row, 5, "precision", parsePrecision);
            auto readSpec = [&row](auto& spec, auto fields) {
                for (const auto& f : fields)
                    f.set(spec, row.field(workloadColumn(f.key, 7), f));
            };
            const std::optional<WorkloadType> kind = parseWorkloadType(type);
            if (!kind) {
                // Never read as some other kind: an unknown kind is an error, and the row is left out.
                row.bad("type", "unknown workload type \"" + type + "\"; allowed: " + workloadTypeNames());
                continue;
            }
            w.spec = emptySpecOf(*kind);
            std::visit([&](auto& spec) { readSpec(spec, fieldsOf(spec)); }, w.spec);
            if (auto* t = std::get_if<TrainingSpec>(&w.spec); t && sqlite3_column_type(st.get(), 6) != SQLITE_NULL)
                t->activationRecompute = row.integer(6, "activation_recompute") != 0;
            const auto weights = parseOptEnum<Precision>(row, storageColumn, "weight_precision", parsePrecision);
            const auto kv = parseOptEnum<Precision>(row, storageColumn + 1, "kv_cache_precision", parsePrecision);
            if (auto* inf = std::get_if<InferenceSpec>(&w.spec)) {
                inf->weightPrecision = weights;
                inf->kvCachePrecision = kv;
            } else if (weights || kv) {
                row.bad("weight_precision", "is set on a workload that is not an inference service");
            }
            workByIdx[idx] = sc.workloads.size();
            sc.workloads.push_back(std::move(w));
        }
    }
    auto workload = [&](Row& row, long long idx) -> Workload* {
        auto it = workByIdx.find(idx);
        if (it == workByIdx.end()) {
            row.bad("workload", "names no workload");
            return nullptr;
        }
        return &sc.workloads[it->second];
    };
    {
        Statement st(db, "SELECT workload, site, rate_per_device FROM sources ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "sources", diags);
            Workload* w = workload(row, row.integer(0, "workload"));
            if (InferenceSpec* s = w ? std::get_if<InferenceSpec>(&w->spec) : nullptr)
                s->sources.push_back({row.text(1, "site"), row.required(2, "rate_per_device")});
            else if (w)
                row.bad("workload", "is not an inference service");
        }
    }
    {
        Statement st(db, "SELECT workload, site, bytes FROM datasets ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "datasets", diags);
            Workload* w = workload(row, row.integer(0, "workload"));
            Dataset d{row.text(1, "site"), row.required(2, "bytes")};
            if (TrainingSpec* t = w ? std::get_if<TrainingSpec>(&w->spec) : nullptr)
                t->datasets.push_back(std::move(d));
            else if (FederatedSpec* f = w ? std::get_if<FederatedSpec>(&w->spec) : nullptr)
                f->datasets.push_back(std::move(d));
            else if (w)
                row.bad("workload", "has no datasets");
        }
    }
    {
        Statement st(db, "SELECT workload, site FROM clients ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "clients", diags);
            Workload* w = workload(row, row.integer(0, "workload"));
            if (FederatedSpec* f = w ? std::get_if<FederatedSpec>(&w->spec) : nullptr)
                f->clients.push_back(row.text(1, "site"));
            else if (w)
                row.bad("workload", "is not a federated job");
        }
    }
    {
        Statement st(db, "SELECT name, enabled, site, rho_target FROM strategies ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "strategies", diags);
            auto s = parseEnum<Strategy>(row, 0, "name", parseStrategy);
            if (!s)
                continue;
            StrategySettings& set = sc.strategies[*s];
            set.enabled = row.integer(1, "enabled") != 0;
            set.site = row.optText(2, "site");
            set.rhoTarget = row.real(3, "rho_target");
        }
    }
    {
        Statement st(db, "SELECT strategy, allow_cross_border_copies FROM strategy_options ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "strategy_options", diags);
            auto s = parseEnum<Strategy>(row, 0, "strategy", parseStrategy);
            if (!s)
                continue;
            if (auto v = row.real(1, "allow_cross_border_copies"))
                sc.strategies[*s].allowCrossBorderCopies = *v != 0;
        }
    }
    std::map<long long, size_t> accByIdx;
    {
        Statement st(db, "SELECT idx,id,vendor,model,memory_gb,memory_gb_per_s,interconnect_gb_per_s,tdp_w,idle_w,usd_per_hour,source "
                         "FROM accelerators ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "accelerators[" + std::to_string(sc.accelerators.size()) + "]", diags);
            Accelerator a;
            long long idx = row.integer(0, "idx");
            a.id = row.text(1, "id");
            a.vendor = row.text(2, "vendor");
            a.model = row.text(3, "model");
            a.memoryGb = row.real(4, "memory_gb");
            a.memoryGbPerS = row.real(5, "memory_gb_per_s");
            a.interconnectGbPerS = row.real(6, "interconnect_gb_per_s");
            a.tdpW = row.real(7, "tdp_w");
            a.idleW = row.real(8, "idle_w");
            a.usdPerHour = row.real(9, "usd_per_hour");
            a.source = row.text(10, "source");
            accByIdx[idx] = sc.accelerators.size();
            sc.accelerators.push_back(std::move(a));
        }
    }
    {
        Statement st(db, "SELECT accelerator, precision, tflops FROM peaks ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "peaks", diags);
            auto it = accByIdx.find(row.integer(0, "accelerator"));
            auto p = parseEnum<Precision>(row, 1, "precision", parsePrecision);
            double v = row.required(2, "tflops");
            if (it == accByIdx.end())
                row.bad("accelerator", "names no accelerator");
            else if (p)
                sc.accelerators[it->second].peakTflops[*p] = v;
        }
    }
    {
        Statement st(db, "SELECT text FROM notes ORDER BY idx");
        while (nextRow(st, diags)) {
            Row row(st.get(), "notes", diags);
            std::string text = row.text(0, "text");
            sc.notes += sc.notes.empty() ? text : "\n\n" + text;
        }
    }
    {
        Statement st(db, "SELECT center_x, center_y, zoom FROM view ORDER BY idx");
        if (st.step()) {
            Row row(st.get(), "view", diags);
            double x = row.required(0, "center_x"), y = row.required(1, "center_y"), z = row.required(2, "zoom");
            if (std::fabs(x) > 1e9 || std::fabs(y) > 1e9)
                row.bad("center_x", "the view centre must lie within ±1e9");
            else if (!(z >= kMinCanvasZoom && z <= kMaxCanvasZoom))
                row.bad("zoom", "must be between 0.02 and 50");
            else
                sc.view = CanvasView{x, y, z};
        }
    }
    return sqlite3_errcode(db) == SQLITE_OK || sqlite3_errcode(db) == SQLITE_DONE || sqlite3_errcode(db) == SQLITE_ROW;
}

/// True when the database holds exactly the tables of schema \a version, text for text.
bool hasSchema(sqlite3* db, int version)
{
    std::map<std::string, std::string> found;
    Statement schema(db, "SELECT type, name, sql FROM sqlite_schema");
    if (!schema.ok())
        return false;
    while (schema.step()) {
        const char* type = reinterpret_cast<const char*>(sqlite3_column_text(schema.get(), 0));
        const char* name = reinterpret_cast<const char*>(sqlite3_column_text(schema.get(), 1));
        const char* sql = reinterpret_cast<const char*>(sqlite3_column_text(schema.get(), 2));
        if (!type || !name || std::string(type) != "table" || !sql)
            return false;
        found[name] = sql;
    }
    const std::vector<SchemaTable> expected = schemaOf(version);
    if (found.size() != expected.size())
        return false;
    for (const auto& [name, sql] : expected) {
        auto it = found.find(name);
        if (it == found.end() || it->second != sql)
            return false;
    }
    return true;
}

/// Runs the migration chain on \a db (a writable in-memory copy) from \a version to the current one.
bool migrate(sqlite3* db, int version)
{
    if (!exec(db, "BEGIN"))
        return false;
    for (int v = version; v < kStrataSchemaVersion; ++v) {
        if (!exec(db, migrationOf(v).c_str())) {
            exec(db, "ROLLBACK");
            return false;
        }
    }
    return exec(db, "COMMIT");
}

/// Reads the 100-byte database header; big-endian fields.
unsigned readBig(const unsigned char* p)
{
    return (unsigned(p[0]) << 24) | (unsigned(p[1]) << 16) | (unsigned(p[2]) << 8) | unsigned(p[3]);
}

} // namespace

StoreResult saveProject(const Scenario& sc, const std::string& path, const SaveOptions& options)
{
    // Texts past the limits every reader applies would not read back whole: refused here, with
    // the field, rather than written and lost on opening.
    if (const Diagnostics texts = validateTexts(sc); !texts.empty())
        return failure(StoreError::WriteFailed, path + ": could not be saved: " + texts.front().element.key() + ": " +
                                                    texts.front().message + "; the file on disk is unchanged");
    const OutputTarget checked = outputTarget(path); // a regular file or a new name, through symlinks
    if (!checked.ok())
        return failure(StoreError::WriteFailed, checked.error);
    const fs::path target(checked.path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // Unique to this save: two saves to one file at once each write their own, the last rename wins.
    const std::string tmp = temporaryBeside(target.string(), ".saving");
    std::error_code ec;
    auto fail = [&](const std::string& why) {
        fs::remove(tmp, ec);
        fs::remove(tmp + "-journal", ec);
        return failure(StoreError::WriteFailed, path + ": could not be saved (" + why + "); the file on disk is unchanged");
    };
    {
        Db db;
        if (sqlite3_open_v2(tmp.c_str(), &db.handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            return fail(db.handle ? sqlite3_errmsg(db.handle) : "cannot create a file there");
        char pragmas[160];
        std::snprintf(pragmas, sizeof pragmas,
                      "PRAGMA journal_mode=DELETE; PRAGMA foreign_keys=ON; PRAGMA application_id=%d; PRAGMA user_version=%d;",
                      kStrataApplicationId, kStrataSchemaVersion);
        if (!exec(db.handle, pragmas) || !exec(db.handle, "BEGIN"))
            return fail(sqlite3_errmsg(db.handle));
        if (!writeAll(db.handle, sc)) {
            std::string why = sqlite3_errmsg(db.handle);
            exec(db.handle, "ROLLBACK");
            return fail(why);
        }
        if (!exec(db.handle, "COMMIT"))
            return fail(sqlite3_errmsg(db.handle));
        if (sqlite3_close_v2(db.handle) != SQLITE_OK)
            return fail("closing the database failed");
        db.handle = nullptr;
    }
    if (!syncToDisk(tmp, false))
        return fail("the data could not be flushed to disk");
    keepPermissions(target.string(), tmp);
    if (options.keepBackup && fs::is_regular_file(target, ec)) {
        // The replaced file lives on as NAME~: a second name for it (or a copy where links are
        // not supported), put in place by a rename so NAME~ is never half written either.
        const fs::path backup = target.string() + "~";
        const fs::path backupTmp = temporaryBeside(target.string(), ".backup", /*sweep=*/false);
        fs::create_hard_link(target, backupTmp, ec);
        if (ec)
            fs::copy_file(target, backupTmp, fs::copy_options::overwrite_existing, ec);
        if (!ec)
            fs::rename(backupTmp, backup, ec);
        if (ec) {
            std::error_code ignored;
            fs::remove(backupTmp, ignored);
            return fail("the backup " + backup.filename().string() + " could not be written: " + ec.message());
        }
    }
    ec.clear();
    fs::rename(tmp, target, ec);
    if (ec)
        return fail(ec.message());
    syncToDisk(dir.string(), true); // make the rename itself durable
    return {};
}

StoreResult openProject(const std::string& path)
{
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec == std::errc::permission_denied)
        return failure(StoreError::Permission, path + ": cannot be reached (permission denied); check the permissions of its folder");
    if (ec == std::errc::too_many_symbolic_link_levels)
        return failure(StoreError::NotFound, path + ": is a loop of symbolic links; point the link at a file");
    if (ec || !fs::exists(st))
        return failure(StoreError::NotFound, path + ": no such file; check the path");
    if (fs::is_directory(st))
        return failure(StoreError::NotFound, path + ": is a directory, not a project file");
    if (!fs::is_regular_file(st))
        return failure(StoreError::NotFound, path + ": is " + fileKindName(st.type()) + ", not a regular file; a project is read from a file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxProjectBytes)
        return failure(StoreError::TooLarge, path + ": " + std::to_string(size / (1024 * 1024)) +
                                                 " MiB is more than the 256 MiB a project may have");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return failure(StoreError::Permission, path + ": cannot be opened (" + std::strerror(errno) + "); check its permissions");
    unsigned char header[100] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (in.gcount() < static_cast<std::streamsize>(sizeof header) || std::memcmp(header, "SQLite format 3", 16) != 0)
        return failure(StoreError::NotSqlite, path + ": is not a Strata project (not an SQLite database); a JSON scenario must end in .json");
    if (static_cast<int>(readBig(header + 68)) != kStrataApplicationId)
        return failure(StoreError::OtherApplication, path + ": is an SQLite database of another application, not a Strata project");
    const int version = static_cast<int>(readBig(header + 60));
    if (version > kStrataSchemaVersion)
        return failure(StoreError::NewerFormat, path + ": was saved by a newer Strata (project format " + std::to_string(version) +
                                                    "; this Strata reads up to " + std::to_string(kStrataSchemaVersion) +
                                                    "); open it with a newer Strata");
    if (version < 1)
        return failure(StoreError::Damaged, path + ": has no project format version; the file is damaged");

    // A hot journal (a save another program did not finish) is rolled back by SQLite when the file
    // is opened for writing; a read-only connection cannot, and would read as damaged. So when
    // one is there, the file is first opened read-write once, which restores its last committed
    // state (the journal exists only while a write is under way or after one was cut off).
    if (fs::exists(path + "-journal", ec)) {
        Db recover;
        if (sqlite3_open_v2(path.c_str(), &recover.handle, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(recover.handle, 2000);
            exec(recover.handle, "SELECT count(*) FROM sqlite_schema"); // the first read rolls the journal back
        }
    }
    Db db;
    if (sqlite3_open_v2(path.c_str(), &db.handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return failure(StoreError::Damaged, path + ": cannot be read as a database (" +
                                                (db.handle ? sqlite3_errmsg(db.handle) : "out of memory") + ")");
    sqlite3_busy_timeout(db.handle, 2000); // a save by another program takes milliseconds: wait for it
    // Untrusted file: no extension loading, defensive mode, no schema-defined functions, no ATTACH,
    // no views or triggers, and small limits.
    sqlite3_db_config(db.handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(db.handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db.handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db.handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db.handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_limit(db.handle, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db.handle, SQLITE_LIMIT_LENGTH, 16 * 1024 * 1024);
    sqlite3_limit(db.handle, SQLITE_LIMIT_SQL_LENGTH, 100'000);
    sqlite3_limit(db.handle, SQLITE_LIMIT_COLUMN, 64);
    sqlite3_limit(db.handle, SQLITE_LIMIT_EXPR_DEPTH, 64);
    {
        Statement check(db.handle, "PRAGMA quick_check");
        const unsigned char* verdict = check.ok() && check.step() ? sqlite3_column_text(check.get(), 0) : nullptr;
        const int code = sqlite3_errcode(db.handle);
        if (!verdict && (code == SQLITE_BUSY || code == SQLITE_LOCKED))
            return failure(StoreError::InUse, path + ": is in use: another program is writing to it and holds its lock; try again "
                                                     "when it has finished, or open a copy");
        if (!verdict && code == SQLITE_READONLY)
            return failure(StoreError::InUse, path + ": holds a save another program did not finish (" + fs::path(path).filename().string() +
                                                     "-journal); open it once where it can be written to recover it, or open a copy");
        if (!verdict || std::string(reinterpret_cast<const char*>(verdict)) != "ok")
            return failure(StoreError::Damaged, path + ": is damaged (the integrity check fails); restore it from a backup or the autosave copy");
    }
    // Exactly the tables of the file's version, with exactly our definitions: nothing else is trusted.
    if (!hasSchema(db.handle, version))
        return failure(StoreError::UnexpectedSchema,
                       path + ": contains tables, views or triggers that a Strata project does not have; it is not opened");
    if (version < kStrataSchemaVersion) {
        // An older project: copy it into memory and run the migration chain there.
        Db memory;
        if (sqlite3_open_v2(":memory:", &memory.handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            return failure(StoreError::Damaged, path + ": could not be upgraded (out of memory)");
        sqlite3_db_config(memory.handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
        sqlite3_db_config(memory.handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_db_config(memory.handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_db_config(memory.handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
        sqlite3_db_config(memory.handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
        sqlite3_backup* copy = sqlite3_backup_init(memory.handle, "main", db.handle, "main");
        const bool copied = copy && sqlite3_backup_step(copy, -1) == SQLITE_DONE;
        sqlite3_backup_finish(copy);
        if (!copied)
            return failure(StoreError::Damaged, path + ": could not be read completely (" + sqlite3_errmsg(memory.handle) + ")");
        if (!migrate(memory.handle, version) || !hasSchema(memory.handle, kStrataSchemaVersion))
            return failure(StoreError::Damaged, path + ": project format " + std::to_string(version) +
                                                    " could not be upgraded (" + sqlite3_errmsg(memory.handle) + ")");
        std::swap(db.handle, memory.handle);
    }
    StoreResult r;
    Diagnostics diags;
    if (!readAll(db.handle, r.scenario, diags))
        return failure(StoreError::Damaged, path + ": could not be read completely (" + sqlite3_errmsg(db.handle) + ")");
    if (!hasErrors(diags)) {
        Diagnostics more = validateScenario(r.scenario, builtinCatalog());
        diags.insert(diags.end(), more.begin(), more.end());
    }
    if (hasErrors(diags)) {
        StoreResult bad = failure(StoreError::InvalidValues, path + ": holds invalid values (listed); fix them in a copy or restore a backup");
        bad.diagnostics = std::move(diags);
        bad.scenario = std::move(r.scenario); // as read: the workbench opens it to be fixed
        return bad;
    }
    return r;
}

} // namespace strata::core
