// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the strict JSON reader, validation and (for small valid scenarios) the engine
// must never crash, hang or misbehave on any input.

#include "service/evaluate.h"
#include "io/catalogreader.h"
#include "io/scenariojson.h"
#include "model/validation.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace strata::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ScenarioReadResult r = readScenarioJson(text);
    if (!r.ok())
        return 0;
    // A valid file round-trips.
    ScenarioReadResult again = readScenarioJson(writeScenarioJson(r.scenario));
    if (!again.ok() || !(again.scenario == r.scenario))
        __builtin_trap();
    if (r.scenario.sites.size() <= 64 && r.scenario.links.size() <= 256)
        evaluate(r.scenario);
    return 0;
}
