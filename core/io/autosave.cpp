// SPDX-License-Identifier: GPL-3.0-or-later
#include "autosave.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

namespace strata::core {

namespace fs = std::filesystem;

namespace {

/// Whether some process holds the session lock at \a path: yes, no (nobody does, or the file is
/// gone) or unknown (the file system has no flock). Opening the file again gives a new open file
/// description, so even a lock that this process holds (another window's session) is seen.
enum class Lock { Held, Free, Unknown };

Lock lockState(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return Lock::Free;
    Lock state = Lock::Free;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
        state = errno == EWOULDBLOCK ? Lock::Held : Lock::Unknown;
    ::close(fd); // releases the lock if we took it
    return state;
}

/// The fallback where flock is not supported: the process id the lock names still runs.
bool processAlive(const std::string& pidText)
{
    char* end = nullptr;
    const long pid = std::strtol(pidText.c_str(), &end, 10);
    if (pid <= 0 || end == pidText.c_str())
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::string hostName()
{
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
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

AutosaveStore::~AutosaveStore()
{
    // Sessions still open are left as they are: their copies stay recoverable (the GUI ends its
    // session explicitly on a clean close). Closing the descriptors drops the locks.
    for (const auto& [id, fd] : held_)
        ::close(fd);
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
    const int fd = ::open(lockPath(id).c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            const std::string text = std::to_string(::getpid()) + "\n" + originalPath + "\n" + hostName() + "\n";
            ssize_t written = ::write(fd, text.data(), text.size());
            (void)written; // the text is for people; the lock is what counts
            held_[id] = fd;
        } else {
            ::close(fd);
        }
    }
    // Without a lock (a directory that refuses files) autosave fails with its own message.
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

void AutosaveStore::endSession(const std::string& id)
{
    discard(id);
    if (auto it = held_.find(id); it != held_.end()) {
        ::close(it->second);
        held_.erase(it);
    }
}

std::vector<RecoverableSession> AutosaveStore::crashed() const
{
    std::vector<RecoverableSession> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directory_, ec)) {
        if (entry.path().extension() != ".strata")
            continue;
        const std::string id = entry.path().stem().string();
        if (!validId(id))
            continue;
        const Lock state = held_.count(id) ? Lock::Held : lockState(lockPath(id));
        if (state == Lock::Held)
            continue; // a running session (this one, another window's or another process's)
        std::string pid, original;
        {
            std::ifstream lock(lockPath(id));
            std::getline(lock, pid);
            std::getline(lock, original);
        }
        if (state == Lock::Unknown && processAlive(pid))
            continue; // no flock here: the recorded process id is all there is to go by
        std::error_code e2;
        const fs::file_time_type time = fs::last_write_time(entry.path(), e2);
        if (e2)
            continue; // ended cleanly while we looked
        RecoverableSession s;
        s.id = id;
        s.autosavePath = entry.path().string();
        s.originalPath = original;
        s.savedAt = time;
        s.savedAtUnix = std::chrono::duration_cast<std::chrono::seconds>(
                            time - fs::file_time_type::clock::now() + std::chrono::system_clock::now().time_since_epoch())
                            .count();
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.savedAt > b.savedAt; });
    return out;
}

void AutosaveStore::name(RecoverableSession& s)
{
    const StoreResult copy = openProject(s.autosavePath);
    if (copy.ok())
        s.scenarioName = copy.scenario.name;
}

std::vector<RecoverableSession> AutosaveStore::recoverable() const
{
    std::vector<RecoverableSession> out = crashed();
    for (RecoverableSession& s : out)
        name(s);
    return out;
}

std::optional<RecoverableSession> AutosaveStore::newerCopyOf(const std::string& path) const
{
    // Opening a project: only the copy that matches is read (for its name), not every one.
    std::error_code ec;
    const fs::file_time_type fileTime = fs::last_write_time(path, ec);
    if (ec)
        return std::nullopt;
    for (RecoverableSession& s : crashed()) { // newest first
        if (s.originalPath.empty() || !fs::equivalent(s.originalPath, path, ec) || ec || s.savedAt <= fileTime)
            continue;
        name(s);
        return std::move(s);
    }
    return std::nullopt;
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
