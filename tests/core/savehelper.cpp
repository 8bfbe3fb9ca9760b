// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper for tst_projectstore and tst_autosave, killed by the test:
//   savehelper A.json B.json PATH        saves two scenarios to PATH alternately, forever
//   savehelper A.json B.json PATH COUNT  the same COUNT times; a failure prints its message
//   savehelper --autosave DIR A.json ORIGINAL
//                                        starts an autosave session for ORIGINAL in DIR, saves A
//                                        as its copy, prints the session id, and waits

#include "io/autosave.h"
#include "io/projectstore.h"
#include "io/scenariojson.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <unistd.h>

using namespace strata::core;

namespace {

bool read(const char* path, Scenario& out)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    ScenarioReadResult r = readScenarioJson(text.str());
    out = r.scenario;
    return r.ok();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 5 && std::string(argv[1]) == "--autosave") {
        Scenario sc;
        if (!read(argv[3], sc))
            return 1;
        AutosaveStore store(argv[2]);
        const std::string id = store.beginSession(argv[4]);
        if (!store.autosave(id, sc).ok())
            return 1;
        std::cout << id << std::endl;
        for (;;)
            ::pause();
    }
    if (argc != 4 && argc != 5)
        return 2;
    Scenario both[2];
    for (int i = 0; i < 2; ++i)
        if (!read(argv[1 + i], both[i]))
            return 1;
    const long count = argc == 5 ? std::stol(argv[4]) : -1;
    std::cout << "saving" << std::endl;
    for (long i = 0; count < 0 || i < count; ++i) {
        const StoreResult r = saveProject(both[i % 2], argv[3]);
        if (!r.ok()) {
            std::cout << r.message << std::endl;
            return 1;
        }
    }
    return 0;
}
