// SPDX-License-Identifier: GPL-3.0-or-later
// strata-cli: the headless face of the Strata engine (SCENARIO.md, "strata-cli").

#include "clioptions.h"
#include "resulttable.h"
#include "terminal.h"

#include "service/evaluate.h"
#include "engine/resilience.h"
#include "engine/sweep.h"
#include "io/outputfile.h"
#include "io/catalogreader.h"
#include "io/designfile.h"
#include "io/projectstore.h"
#include "io/resultjson.h"
#include "io/scenariojson.h"
#include "model/validation.h"
#include "strata_version.h"
#ifdef STRATA_HAVE_REPORT
#include "reportcommand.h"
#endif

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <map>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
using namespace strata;
using namespace strata::cli;

namespace {


const char* const kUsage = R"(Usage:
  strata-cli evaluate SCENARIO.json [--strategy centralized|distributed|hybrid|all]
                                    [--format table|json|csv] [--output FILE]
  strata-cli sweep SCENARIO.json --param PATH --from X --to Y --steps N [--log]
                                    [--format csv|json] [--output FILE]
                                    PATH: e.g. links.bb.bandwidth_gbps, sites.edge.pools.0.count,
                                    workloads.perception.sources.0.rate_per_device,
                                    workloads.perception.offered_rps (total offered load)
  strata-cli resilience SCENARIO.json [--format table|json]   N-1 over every site and link
  strata-cli report SCENARIO.json --output FILE.pdf [--author NAME]
                                    PDF report: summary, topology, inputs, results,
                                    charts, diagnostics, method, sources (no display needed)
  strata-cli convert IN OUT              JSON <-> .strata project (by the file endings)
  strata-cli validate SCENARIO.json      diagnostics only; exit 1 on errors
  strata-cli catalog [--format table|json]
  strata-cli --help | --version

SCENARIO may be a JSON scenario or a .strata project.

Evaluates an AI cloud architecture (sites, accelerators, links, workloads) under a
centralized, a distributed and a hybrid deployment: latency (mean, p95), throughput and
capacity, FLOP/s, power, energy, carbon, cost and data moved. The scenario format is
described in SCENARIO.md; the model in docs/model.md.

Exit codes: 0 success, 1 the scenario has errors (nothing written), 2 bad command line,
3 a file cannot be read or written.
)";

int usageError(const std::string& message)
{
    errs() << "strata-cli: " << message << "\n\n" << kUsage;
    return kBadCommandLine;
}

/// Writes \a text to \a path all or nothing (core::writeFileAtomically: regular files and new
/// names only), or to stdout when path is empty or "-".
bool writeOutput(const std::string& path, const std::string& text)
{
    if (path.empty() || path == "-") {
        outs() << text;
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    if (const core::WriteError error = core::writeFileAtomically(path, text); !error.empty()) {
        errs() << "strata-cli: " << error << "\n";
        return false;
    }
    return true;
}

struct Loaded {
    core::Scenario scenario;
    core::Diagnostics diagnostics;
    int exitCode = kOk;
};

void printErrors(const std::string& path, const core::Diagnostics& diags)
{
    size_t errors = 0;
    for (const auto& d : diags)
        errors += d.severity == core::Severity::Error;
    errs() << formatDiagnostics(diags, path + ": ");
    errs() << path << ": " << errors << (errors == 1 ? " error" : " errors") << "; nothing was evaluated\n";
}

/// Reads a scenario file; exit code 3 for unreadable, 1 when it is not a well-formed scenario
/// (the errors are printed either way). References and cross-field rules are checked by
/// core::evaluate(), which validates first.
Loaded loadScenario(const std::string& path)
{
    Loaded l;
    core::DesignFile design = core::openDesign(path); // by its kind: the workbench opens files the same way
    switch (design.error) {
    case core::DesignError::None:
        l.scenario = std::move(design.scenario);
        break;
    case core::DesignError::File:
        errs() << "strata-cli: " << design.message << "\n";
        l.exitCode = kFileError;
        break;
    case core::DesignError::Content:
        if (!design.message.empty())
            errs() << "strata-cli: " << design.message << "\n";
        l.diagnostics = std::move(design.diagnostics);
        printErrors(path, l.diagnostics);
        l.exitCode = kScenarioErrors;
        break;
    }
    return l;
}

/// Validation and engine findings of every strategy, in one list.
core::Diagnostics allDiagnostics(const core::Evaluation& ev)
{
    core::Diagnostics all = ev.diagnostics;
    for (const auto& sr : ev.results)
        all.insert(all.end(), sr.diagnostics.begin(), sr.diagnostics.end());
    return all;
}


/// Loads \a path and checks it as core::evaluate would (references, cross-field rules); the
/// errors are printed and the exit code set when it is not valid.
Loaded loadValid(const std::string& path)
{
    Loaded l = loadScenario(path);
    if (l.exitCode != kOk)
        return l;
    core::Diagnostics problems = core::validateScenario(l.scenario, core::builtinCatalog());
    if (core::hasErrors(problems)) {
        printErrors(path, problems);
        l.exitCode = kScenarioErrors;
    }
    return l;
}

int runEvaluate(const CommandLine& cl)
{
    const std::string path = cl.positional[0];
    std::string format = cl.value("--format", "table");
    if (format != "table" && format != "json" && format != "csv")
        return usageError("--format must be table, json or csv (got \"" + format + "\")");
    core::EvaluationOptions options;
    std::string strategy = cl.value("--strategy", "all");
    if (strategy != "all") {
        auto s = core::parseStrategy(strategy);
        if (!s)
            return usageError("--strategy must be centralized, distributed, hybrid or all (got \"" + strategy + "\")");
        options.only = s;
    }
    Loaded l = loadScenario(path);
    if (l.exitCode != kOk)
        return l.exitCode;
    if (options.only && l.scenario.strategiesGiven && !l.scenario.strategies[*options.only].enabled) {
        errs() << "strata-cli: " << path << ": strategy " << strategy
                  << " is not enabled in the scenario's \"strategies\" block; add it there or choose another\n";
        return kBadCommandLine;
    }
    // Single points of failure come with the evaluation (a linear-time graph search); the
    // capacity each component costs is the resilience verb's table.
    options.singlePointsOfFailure = true;
    core::Evaluation ev = core::evaluate(l.scenario, options);
    if (!ev.ok()) {
        printErrors(path, ev.diagnostics);
        return kScenarioErrors;
    }
    std::string text;
    if (format == "json") {
        text = core::writeEvaluationJson(l.scenario, ev);
    } else if (format == "csv") {
        text = formatCsv(ev);
    } else {
        text = formatTable(l.scenario, ev);
        core::Diagnostics all = allDiagnostics(ev);
        if (!all.empty()) {
            text += "\nDiagnostics:\n";
            text += formatDiagnostics(all, "  ");
        }
    }
    return writeOutput(cl.value("--output"), text) ? kOk : kFileError;
}

int runValidate(const CommandLine& cl)
{
    const std::string path = cl.positional[0];
    Loaded l = loadScenario(path);
    if (l.exitCode != kOk)
        return l.exitCode;
    // Validation runs first inside evaluate(); engine findings (missing precision, model does not
    // fit, …) are warnings and are shown too.
    core::Evaluation ev = core::evaluate(l.scenario);
    if (!ev.ok()) {
        printErrors(path, ev.diagnostics);
        return kScenarioErrors;
    }
    outs() << formatDiagnostics(allDiagnostics(ev), path + ": ");
    outs() << path << ": valid (" << l.scenario.sites.size() << " sites, " << l.scenario.links.size()
              << " links, " << l.scenario.workloads.size() << " workloads)\n";
    return kOk;
}

/// Parses a finite number for option \a name; empty with a usage error printed otherwise.
std::optional<double> numberOption(const CommandLine& cl, const std::string& name)
{
    if (!cl.has(name)) {
        usageError("sweep needs " + name);
        return std::nullopt;
    }
    const std::string text = cl.value(name);
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v)) {
        usageError(name + " must be a number (got \"" + text + "\")");
        return std::nullopt;
    }
    return v;
}

int runSweep(const CommandLine& cl)
{
    const std::string path = cl.positional[0];
    const std::string format = cl.value("--format", "csv");
    if (format != "csv" && format != "json")
        return usageError("--format must be csv or json for sweep (got \"" + format + "\")");
    if (!cl.has("--param") || cl.value("--param").empty())
        return usageError("sweep needs --param PATH, e.g. links.bb.bandwidth_gbps");
    auto from = numberOption(cl, "--from");
    if (!from)
        return kBadCommandLine;
    auto to = numberOption(cl, "--to");
    if (!to)
        return kBadCommandLine;
    auto steps = numberOption(cl, "--steps");
    if (!steps)
        return kBadCommandLine;
    if (*steps < 1 || *steps > 1'000'000 || std::floor(*steps) != *steps)
        return usageError("--steps must be a whole number from 1 to 1000000");
    const bool log = cl.has("--log");
    if (log && (*from <= 0 || *to <= 0))
        return usageError("--log needs --from and --to above 0");
    Loaded l = loadScenario(path);
    if (l.exitCode != kOk)
        return l.exitCode;
    core::SweepOptions options;
    options.path = cl.value("--param");
    options.from = *from;
    options.to = *to;
    options.steps = static_cast<int>(*steps);
    options.logarithmic = log;
    // The rows go out as the steps finish, in step order (a step that finishes early waits in
    // `pending` for the ones before it): a sweep of a million steps holds a few rows, not a
    // million evaluations. To a file, all or nothing; a sweep that fails writes nothing there.
    const std::string output = cl.value("--output");
    const bool toFile = !output.empty() && output != "-";
    std::optional<core::AtomicFile> file;
    if (toFile) {
        file.emplace(output);
        if (!file->error().empty()) {
            errs() << "strata-cli: " << file->error() << "\n";
            return kFileError;
        }
    }
    bool writeFailed = false;
    auto put = [&](const std::string& text) {
        if (writeFailed)
            return;
        if (file) {
            writeFailed = !file->write(text);
        } else {
            outs() << text;
            writeFailed = !std::cout;
        }
    };
    std::map<int, std::string> pending;
    int nextStep = 0;
    const bool json = format == "json";
    put(json ? core::sweepJsonHead(l.scenario, options.path) : "step,value," + csvHeader());
    auto rowsOf = [&](const core::SweepStep& step) {
        if (json)
            return core::sweepJsonStep(l.scenario, step, step.step == 0);
        char value[64];
        std::snprintf(value, sizeof value, "%.10g", step.value);
        return csvRows(step.evaluation, std::to_string(step.step) + "," + value + ",");
    };
    auto sink = [&](core::SweepStep&& step) { // one call at a time
        pending.emplace(step.step, rowsOf(step));
        for (auto it = pending.begin(); it != pending.end() && it->first == nextStep; it = pending.erase(it), ++nextStep)
            put(it->second);
    };
    core::SweepResult sweep = core::runSweep(l.scenario, options, core::builtinCatalog(), sink);
    if (sweep.badPath)
        return usageError("--param " + options.path + ": " + sweep.error);
    if (!sweep.ok()) {
        errs() << "strata-cli: " << path << ": " << sweep.error << "\n";
        if (toFile)
            errs() << path << ": nothing was written\n";
        else
            errs() << path << ": the rows above are the steps before it\n";
        return kScenarioErrors;
    }
    if (json)
        put(core::sweepJsonTail(nextStep == 0));
    if (file && !writeFailed) {
        if (const core::WriteError error = file->commit(); !error.empty()) {
            errs() << "strata-cli: " << error << "\n";
            return kFileError;
        }
    } else if (file) {
        errs() << "strata-cli: " << file->error() << "\n";
        return kFileError;
    } else {
        std::cout.flush();
        if (writeFailed || !std::cout)
            return kFileError;
    }
    return kOk;
}

int runResilience(const CommandLine& cl)
{
    const std::string path = cl.positional[0];
    const std::string format = cl.value("--format", "table");
    if (format != "table" && format != "json")
        return usageError("--format must be table or json for resilience (got \"" + format + "\")");
    Loaded l = loadScenario(path);
    if (l.exitCode != kOk)
        return l.exitCode;
    core::EvaluationOptions options;
    options.inferenceOnly = true;
    const core::Evaluation ev = core::evaluateWithResilience(l.scenario, options);
    if (!ev.ok()) {
        printErrors(path, ev.diagnostics);
        return kScenarioErrors;
    }
    std::string text = format == "json" ? core::writeEvaluationJson(l.scenario, ev) : formatResilience(l.scenario, ev);
    return writeOutput(cl.value("--output"), text) ? kOk : kFileError;
}

int runConvert(const CommandLine& cl)
{
    const std::string in = cl.positional[0], out = cl.positional[1];
    const std::string outExt = fs::path(out).extension().string();
    if (outExt != ".json" && outExt != ".strata")
        return usageError("the output file must end in .json or .strata (got \"" + out + "\")");
    Loaded l = loadValid(in);
    if (l.exitCode != kOk)
        return l.exitCode;
    if (outExt == ".json")
        return writeOutput(out, core::writeScenarioJson(l.scenario)) ? kOk : kFileError;
    core::StoreResult saved = core::saveProject(l.scenario, out);
    if (!saved.ok()) {
        errs() << "strata-cli: " << saved.message << "\n";
        return kFileError;
    }
    return kOk;
}

int runReport(const CommandLine& cl, char* program)
{
    const std::string path = cl.positional[0];
    const std::string out = cl.value("--output");
    if (out.empty())
        return usageError("report needs --output FILE.pdf");
    if (fs::path(out).extension() != ".pdf")
        return usageError("the report is a PDF: --output must end in .pdf (got \"" + out + "\")");
    if (const core::OutputTarget target = core::outputTarget(out); !target.ok()) { // before the evaluation
        errs() << "strata-cli: " << target.error << "\n";
        return kFileError;
    }
    Loaded l = loadValid(path);
    if (l.exitCode != kOk)
        return l.exitCode;
#ifdef STRATA_HAVE_REPORT
    return writeReport(l.scenario, out, cl.value("--author"), program);
#else
    (void)program;
    errs() << "strata-cli: this build has no report support (configure with STRATA_BUILD_GUI=ON)\n";
    return kFileError;
#endif
}

int runCatalog(const CommandLine& cl)
{
    std::string format = cl.value("--format", "table");
    const core::Catalog& catalog = core::builtinCatalog();
    if (format == "table")
        return writeOutput({}, formatCatalogTable(catalog)) ? kOk : kFileError;
    if (format != "json")
        return usageError("--format must be table or json (got \"" + format + "\")");
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const core::Accelerator& a : catalog.entries()) {
        nlohmann::ordered_json o;
        o["id"] = a.id;
        o["vendor"] = a.vendor;
        o["model"] = a.model;
        nlohmann::ordered_json peaks = nlohmann::ordered_json::object();
        for (const auto& [p, v] : a.peakTflops)
            peaks[std::string(core::precisionName(p))] = v;
        o["peak_tflops"] = peaks;
        auto put = [&](const char* key, const std::optional<double>& v) {
            o[key] = v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
        };
        put("memory_gb", a.memoryGb);
        put("memory_gb_per_s", a.memoryGbPerS);
        put("interconnect_gb_per_s", a.interconnectGbPerS);
        put("tdp_w", a.tdpW);
        put("idle_w", a.idleW);
        put("usd_per_hour", a.usdPerHour);
        o["source"] = a.source;
        list.push_back(o);
    }
    return writeOutput({}, list.dump(2) + "\n") ? kOk : kFileError;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty())
        return usageError("no command given");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        outs() << kUsage;
        return kOk;
    }
    if (args[0] == "--version") {
        outs() << "strata-cli " << strata::kVersion << "\n";
        return kOk;
    }
    const std::map<std::string, VerbSpec> verbs = {
        {"evaluate", {{"--strategy", "--format", "--output"}, {}, 1, 1}},
        {"validate", {{}, {}, 1, 1}},
        {"resilience", {{"--format", "--output"}, {}, 1, 1}},
        {"convert", {{}, {}, 2, 2}},
        {"sweep", {{"--param", "--from", "--to", "--steps", "--format", "--output"}, {"--log"}, 1, 1}},
        {"catalog", {{"--format"}, {}, 0, 0}},
        {"report", {{"--output", "--author"}, {}, 1, 1}},
    };
    CommandLine cl = parseCommandLine(args, verbs);
    if (!cl.error.empty())
        return usageError(cl.error);
    try {
        if (cl.verb == "evaluate")
            return runEvaluate(cl);
        if (cl.verb == "validate")
            return runValidate(cl);
        if (cl.verb == "sweep")
            return runSweep(cl);
        if (cl.verb == "resilience")
            return runResilience(cl);
        if (cl.verb == "convert")
            return runConvert(cl);
        if (cl.verb == "report")
            return runReport(cl, argv[0]);
        return runCatalog(cl);
    } catch (const std::exception& e) {
        // Nothing should get here; if it does, say so plainly instead of aborting.
        errs() << "strata-cli: internal error: " << e.what() << "\n";
        return kFileError;
    }
}
