// SPDX-License-Identifier: GPL-3.0-or-later
#include "clioptions.h"

#include <algorithm>

namespace strata::cli {

std::string CommandLine::value(const std::string& option, const std::string& fallback) const
{
    auto it = options.find(option);
    return it == options.end() ? fallback : it->second;
}

CommandLine parseCommandLine(const std::vector<std::string>& args, const std::map<std::string, VerbSpec>& verbs)
{
    CommandLine cl;
    if (args.empty()) {
        cl.error = "no command given";
        return cl;
    }
    cl.verb = args[0];
    auto spec = verbs.find(cl.verb);
    if (spec == verbs.end()) {
        cl.error = "unknown command \"" + cl.verb + "\"";
        return cl;
    }
    const VerbSpec& vs = spec->second;
    auto contains = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a, val;
            bool inlineValue = false;
            if (auto eq = a.find('='); eq != std::string::npos) {
                name = a.substr(0, eq);
                val = a.substr(eq + 1);
                inlineValue = true;
            }
            if (cl.options.count(name)) {
                cl.error = "option " + name + " is given twice";
                return cl;
            }
            if (contains(vs.valued, name)) {
                if (!inlineValue) {
                    if (i + 1 >= args.size()) {
                        cl.error = "option " + name + " needs a value";
                        return cl;
                    }
                    val = args[++i];
                }
                cl.options[name] = val;
            } else if (contains(vs.flags, name) && !inlineValue) {
                cl.options[name] = "";
            } else {
                cl.error = "unknown option " + name + " for \"" + cl.verb + "\"";
                return cl;
            }
        } else {
            cl.positional.push_back(a);
        }
    }
    if (cl.positional.size() < vs.minPositional) {
        cl.error = "\"" + cl.verb + "\" needs a scenario file";
    } else if (cl.positional.size() > vs.maxPositional) {
        cl.error = "unexpected argument \"" + cl.positional[vs.maxPositional] + "\"";
    }
    return cl;
}

} // namespace strata::cli
