// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of .strata save and load (issue 4): a 10,000-site, 20,000-link project; goal under
// 300 ms each. Prints the peak memory of the process too.

#include "io/projectstore.h"
#include "topologygenerator.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace strata;

int main(int argc, char** argv)
{
    const std::string path = argc > 1 ? argv[1] : (std::filesystem::temp_directory_path() / "bench.strata").string();
    core::Scenario sc = bench::generateTopology(10000);
    bench::topUpLinks(sc, 20000, 5003); // extra long-haul links between distant sites
    for (int run = 0; run < 3; ++run) {
        auto t0 = std::chrono::steady_clock::now();
        core::StoreResult saved = core::saveProject(sc, path);
        auto t1 = std::chrono::steady_clock::now();
        core::StoreResult opened = core::openProject(path);
        auto t2 = std::chrono::steady_clock::now();
        if (!saved.ok() || !opened.ok() || !(opened.scenario == sc)) {
            std::printf("failed: %s %s\n", saved.message.c_str(), opened.message.c_str());
            return 1;
        }
        std::printf("%zu sites, %zu links: save %.0f ms, load %.0f ms, %.1f MiB on disk\n", sc.sites.size(),
                    sc.links.size(), std::chrono::duration<double, std::milli>(t1 - t0).count(),
                    std::chrono::duration<double, std::milli>(t2 - t1).count(),
                    std::filesystem::file_size(path) / (1024.0 * 1024.0));
    }
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak RSS: %.1f MiB\n", ru.ru_maxrss / 1024.0);
    std::filesystem::remove(path);
    return 0;
}
