// SPDX-License-Identifier: GPL-3.0-or-later
#include "autosave.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include <signal.h>
#include <unistd.h>

namespace strata::core {

namespace fs = std::filesystem;

namespace {

bool processAlive(long pid)
{
    if (pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

bool validId(const std::string& id)
{
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

} // namespace

AutosaveStore::AutosaveStore(std::string directory)
    : directory_(std::move(directory))
{
}

std::string AutosaveStore::lockPath(const std::string& id) const
{
    return (fs::path(directory_) / (id + ".lock")).string();
}

std::string AutosaveStore::copyPath(const std::string& id) const
{
    return (fs::path(directory_) / (id + ".strata")).string();
}

std::string AutosaveStore::beginSession(const std::string& originalPath)
{
    std::error_code ec;
    fs::create_directories(directory_, ec);
    std::random_device random;
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    const std::string id = std::to_string(::getpid()) + "-" + std::to_string(now % 1000000007) + "-" +
                           std::to_string(random() % 100000);
    std::ofstream lock(lockPath(id), std::ios::trunc);
    lock << ::getpid() << "\n" << originalPath << "\n";
    return id;
}

StoreResult AutosaveStore::autosave(const std::string& id, const Scenario& scenario) const
{
    if (!validId(id)) {
        StoreResult r;
        r.error = StoreError::WriteFailed;
        r.message = "autosave: not a session id";
        return r;
    }
    return saveProject(scenario, copyPath(id));
}

void AutosaveStore::endSession(const std::string& id) const
{
    discard(id);
}

std::vector<RecoverableSession> AutosaveStore::recoverable() const
{
    std::vector<RecoverableSession> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directory_, ec)) {
        if (entry.path().extension() != ".strata")
            continue;
        const std::string id = entry.path().stem().string();
        if (!validId(id))
            continue;
        long pid = 0;
        std::string original;
        {
            std::ifstream lock(lockPath(id));
            lock >> pid;
            lock.ignore();
            std::getline(lock, original);
        }
        if (processAlive(pid))
            continue; // a running session (this one or another window's)
        RecoverableSession s;
        s.id = id;
        s.autosavePath = entry.path().string();
        s.originalPath = original;
        auto time = fs::last_write_time(entry.path(), ec);
        s.savedAtUnix = std::chrono::duration_cast<std::chrono::seconds>(
                            time - fs::file_time_type::clock::now() + std::chrono::system_clock::now().time_since_epoch())
                            .count();
        StoreResult copy = openProject(s.autosavePath);
        if (copy.ok())
            s.scenarioName = copy.scenario.name;
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.savedAtUnix > b.savedAtUnix; });
    return out;
}

StoreResult AutosaveStore::restore(const std::string& id) const
{
    if (!validId(id)) {
        StoreResult r;
        r.error = StoreError::NotFound;
        r.message = "autosave: not a session id";
        return r;
    }
    return openProject(copyPath(id));
}

void AutosaveStore::discard(const std::string& id) const
{
    if (!validId(id))
        return;
    std::error_code ec;
    fs::remove(copyPath(id), ec);
    fs::remove(lockPath(id), ec);
}

} // namespace strata::core
