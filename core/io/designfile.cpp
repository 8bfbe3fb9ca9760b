// SPDX-License-Identifier: GPL-3.0-or-later
#include "designfile.h"

#include "outputfile.h"
#include "projectstore.h"
#include "scenariojson.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace strata::core {

namespace fs = std::filesystem;

namespace {

DesignFile fileError(std::string message)
{
    DesignFile d;
    d.error = DesignError::File;
    d.message = std::move(message);
    return d;
}

} // namespace

std::string notAReadableFile(const std::string& path)
{
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec); // through symbolic links
    if (ec == std::errc::too_many_symbolic_link_levels)
        return path + ": is a loop of symbolic links; point the link at a file";
    if (ec == std::errc::permission_denied)
        return path + ": cannot be reached (permission denied); check the permissions of its folder";
    if (ec || !fs::exists(st))
        return path + ": no such file; check the path";
    if (fs::is_directory(st))
        return path + ": is a directory; give a scenario file";
    if (!fs::is_regular_file(st)) // a FIFO or a device would block or never end
        return path + ": is " + fileKindName(st.type()) + ", not a regular file; Strata reads designs from files (save it to one first)";
    return {};
}

bool isProjectPath(std::string_view path)
{
    constexpr std::string_view ending = ".strata";
    if (path.size() < ending.size())
        return false;
    return std::equal(ending.begin(), ending.end(), path.end() - static_cast<std::ptrdiff_t>(ending.size()),
                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

DesignFile designFromJson(const std::string& text)
{
    ScenarioReadResult read = readScenarioJson(text);
    DesignFile d;
    d.scenario = std::move(read.scenario);
    d.diagnostics = std::move(read.diagnostics);
    d.readable = read.readable;
    if (hasErrors(d.diagnostics))
        d.error = DesignError::Content;
    return d;
}

DesignFile openDesign(const std::string& path)
{
    if (isProjectPath(path)) {
        StoreResult r = openProject(path);
        DesignFile d;
        d.project = true;
        d.message = std::move(r.message);
        d.diagnostics = std::move(r.diagnostics);
        if (r.error == StoreError::InvalidValues) {
            d.error = DesignError::Content;
            d.readable = true;
            d.scenario = std::move(r.scenario);
        } else if (!r.ok()) {
            d.error = DesignError::File;
        } else {
            d.scenario = std::move(r.scenario);
        }
        return d;
    }
    if (const std::string why = notAReadableFile(path); !why.empty())
        return fileError(why);
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxScenarioBytes)
        return fileError(path + ": " + std::to_string(size / (1024 * 1024)) + " MiB is larger than the 64 MiB a scenario may have");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fileError(path + ": cannot be opened (" + std::strerror(errno) + "); check its permissions");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad())
        return fileError(path + ": read error");
    return designFromJson(buf.str());
}

} // namespace strata::core
