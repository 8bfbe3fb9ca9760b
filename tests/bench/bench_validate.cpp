// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of `strata-cli validate` on large designs (issue 14, item 12): a generated design of
// SITES sites and twice as many links is written as JSON, then a fresh process does what the
// verb does (read the file, validate, evaluate every strategy) and reports its time and peak
// memory. Goal: 100,000 sites / 200,000 links in under 2 s and 300 MB.
// Usage: bench_validate [SITES...]            (default: 10000 30000 100000)
//        bench_validate --validate FILE.json  (the measured step, run by the first form)
//        bench_validate --write SITES FILE.json (only writes the design, e.g. for a profiler)

#include "io/catalogreader.h"
#include "model/validation.h"
#include "io/scenariojson.h"
#include "service/evaluate.h"
#include "topologygenerator.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace strata;

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int validateFile(const char* path)
{
    // The verb's steps (core::openDesign reads and parses; evaluate() validates, then evaluates),
    // timed one by one.
    const auto t0 = Clock::now();
    std::string text;
    {
        std::ifstream in(path, std::ios::binary);
        std::stringstream all;
        all << in.rdbuf();
        text = std::move(all).str();
    }
    const double load = since(t0);
    const auto t1 = Clock::now();
    core::ScenarioReadResult read = core::readScenarioJson(text);
    const double parse = since(t1);
    std::string().swap(text); // its memory goes, as it does when the verb has read the file
    struct rusage afterRead {};
    getrusage(RUSAGE_SELF, &afterRead);
    if (!read.ok()) {
        std::printf("cannot read %s\n", path);
        return 1;
    }
    const auto t2 = Clock::now();
    const core::Diagnostics found = core::validateScenario(read.scenario, core::builtinCatalog());
    const double validate = since(t2);
    const auto t3 = Clock::now();
    const core::Evaluation ev = core::evaluate(read.scenario);
    const double evaluated = since(t3);
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("%zu sites, %zu links (%.0f MiB of JSON): load %.2f s, read %.2f s, validate %.2f s, evaluate %.2f s; the verb: %.2f s, "
                "peak RSS %.0f MiB (%.0f MiB while reading)%s\n",
                read.scenario.sites.size(), read.scenario.links.size(),
                static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0), load, parse, validate, evaluated,
                load + parse + evaluated, ru.ru_maxrss / 1024.0, afterRead.ru_maxrss / 1024.0, ev.ok() && !core::hasErrors(found) ? "" : " (NOT VALID)");
    return ev.ok() ? 0 : 1;
}

void writeDesign(int sites, const std::string& path)
{
    core::Scenario sc = bench::generateTopology(sites);
    bench::topUpLinks(sc, 2 * static_cast<size_t>(sites), static_cast<size_t>(sites) / 2 + 3);
    // Compact, as a script that generates designs would write it (the pretty form of 100,000
    // sites is 74 MiB, past the 64 MiB a scenario file may have).
    std::ofstream(path) << nlohmann::json::parse(core::writeScenarioJson(sc)).dump();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::string(argv[1]) == "--validate")
        return validateFile(argv[2]);
    if (argc == 4 && std::string(argv[1]) == "--write") {
        writeDesign(std::atoi(argv[2]), argv[3]);
        return 0;
    }
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes = {10000, 30000, 100000};
    const std::string path = (std::filesystem::temp_directory_path() / "bench-validate.json").string();
    // Each step in a process of its own, started from this small one: a process's peak memory
    // survives exec, so the design must not be generated where the reader is measured.
    auto run = [&](std::vector<std::string> args) {
        std::fflush(stdout);
        const pid_t child = fork();
        if (child == 0) {
            std::vector<char*> argvChild{argv[0]};
            for (std::string& a : args)
                argvChild.push_back(a.data());
            argvChild.push_back(nullptr);
            execv("/proc/self/exe", argvChild.data());
            _exit(127);
        }
        int status = 0;
        waitpid(child, &status, 0);
        return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    };
    for (int sites : sizes)
        if (!run({"--write", std::to_string(sites), path}) || !run({"--validate", path}))
            return 1;
    std::filesystem::remove(path);
    return 0;
}
