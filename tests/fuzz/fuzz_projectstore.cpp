// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: opening a .strata file made of arbitrary bytes must never crash; whatever it
// accepts passes validation.

#include "io/catalogreader.h"
#include "io/projectstore.h"
#include "model/validation.h"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace strata::core;
    static const std::string path = "/tmp/strata-fuzz-" + std::to_string(::getpid()) + ".strata";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    StoreResult r = openProject(path);
    if (r.ok() && hasErrors(validateScenario(r.scenario, builtinCatalog())))
        __builtin_trap();
    return 0;
}
