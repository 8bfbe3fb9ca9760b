// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper for tst_projectstore: saves two scenarios to PATH alternately, forever, until killed.
//   savehelper A.json B.json PATH

#include "io/projectstore.h"
#include "io/scenariojson.h"

#include <fstream>
#include <iostream>
#include <sstream>

using namespace strata::core;

int main(int argc, char** argv)
{
    if (argc != 4)
        return 2;
    Scenario both[2];
    for (int i = 0; i < 2; ++i) {
        std::ifstream in(argv[1 + i]);
        std::stringstream text;
        text << in.rdbuf();
        ScenarioReadResult r = readScenarioJson(text.str());
        if (!r.ok())
            return 1;
        both[i] = r.scenario;
    }
    std::cout << "saving" << std::endl;
    for (unsigned i = 0;; ++i)
        if (!saveProject(both[i % 2], argv[3]).ok())
            return 1;
}
