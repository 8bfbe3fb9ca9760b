// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputfile.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace strata::core {

namespace {

constexpr int kMaxSymlinks = 40; ///< as the kernel's limit (MAXSYMLINKS)
constexpr std::string_view kTempPrefix = ".strata-";

/// Removes ".strata-PID-…" files whose process is gone and which are over a minute old: what a
/// writer killed mid-write (kill -9, a power cut) left behind.
void removeLeftovers(const fs::path& dir)
{
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    const auto now = fs::file_time_type::clock::now();
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(kTempPrefix, 0) != 0)
            continue;
        const char* digits = name.c_str() + kTempPrefix.size();
        char* after = nullptr;
        errno = 0;
        const long pid = std::strtol(digits, &after, 10);
        if (errno != 0 || after == digits || *after != '-' || pid <= 0)
            continue;
        if (pid == static_cast<long>(::getpid()) || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)
            continue; // its writer may still be at work
        std::error_code e2;
        const auto written = fs::last_write_time(it->path(), e2);
        if (e2 || now - written < std::chrono::minutes(1))
            continue;
        fs::remove(it->path(), e2);
    }
}

std::string reason(int error)
{
    switch (error) {
    case ENOSPC:
    case EDQUOT:
        return "the disk is full";
    case EACCES:
    case EPERM:
        return "permission denied; choose a folder you can write to";
    case EROFS:
        return "the file system is read-only";
    case ENAMETOOLONG:
        return "the name is too long for the file system";
    default:
        return std::strerror(error);
    }
}

} // namespace

std::string fileKindName(fs::file_type type)
{
    switch (type) {
    case fs::file_type::directory:
        return "a folder";
    case fs::file_type::character:
        return "a character device";
    case fs::file_type::block:
        return "a block device";
    case fs::file_type::fifo:
        return "a FIFO (named pipe)";
    case fs::file_type::socket:
        return "a socket";
    case fs::file_type::symlink:
        return "a symbolic link";
    default:
        return "not a regular file";
    }
}

bool syncToDisk(const std::string& path, bool directory)
{
    const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

OutputTarget outputTarget(const std::string& path)
{
    OutputTarget t;
    if (path.empty()) {
        t.error = "no output file named; give a file name";
        return t;
    }
    fs::path p(path);
    std::error_code ec;
    for (int hops = 0;; ++hops) {
        const fs::file_status st = fs::symlink_status(p, ec);
        if (ec == std::errc::too_many_symbolic_link_levels) {
            t.error = path + ": a folder on its path is a loop of symbolic links; fix the links or write elsewhere";
            return t;
        }
        if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
            t.error = path + ": cannot be reached (" + ec.message() + ")";
            return t;
        }
        ec.clear();
        if (!fs::exists(st))
            break; // a new file
        if (fs::is_symlink(st)) {
            if (hops == kMaxSymlinks) {
                t.error = path + ": is a loop of symbolic links; point the link at a file";
                return t;
            }
            const fs::path to = fs::read_symlink(p, ec);
            if (ec) {
                t.error = path + ": its symbolic link cannot be read (" + ec.message() + ")";
                return t;
            }
            p = to.is_absolute() ? to : p.parent_path() / to;
            continue;
        }
        if (!fs::is_regular_file(st)) {
            t.error = path + (p.string() == path ? "" : " (" + p.string() + ")") + ": is " + fileKindName(st.type()) +
                      ", not a regular file: Strata writes only to files, and replaces them whole; give a file name" +
                      (fs::is_directory(st) ? " inside it" : " (for the terminal, --output -)");
            return t;
        }
        break;
    }
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) {
        t.error = path + ": the folder " + dir.string() + " does not exist; create it first";
        return t;
    }
    t.path = p.string();
    return t;
}

std::string temporaryBeside(const std::string& target, std::string_view suffix, bool sweep)
{
    static std::atomic<unsigned> counter{0};
    const fs::path p(target);
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    if (sweep)
        removeLeftovers(dir);
    const std::string name = std::string(kTempPrefix) + std::to_string(::getpid()) + "-" + std::to_string(counter++) + std::string(suffix);
    return (dir / name).string();
}

void keepPermissions(const std::string& existing, const std::string& replacement)
{
    struct stat old {};
    if (::stat(existing.c_str(), &old) == 0)
        ::chmod(replacement.c_str(), old.st_mode & 07777);
}

AtomicFile::AtomicFile(const std::string& path)
    : m_path(path)
{
    const OutputTarget t = outputTarget(path);
    if (!t.ok()) {
        m_error = t.error;
        return;
    }
    m_target = t.path;
    m_temporary = temporaryBeside(m_target, ".tmp");
    m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (m_fd < 0) {
        m_error = path + ": cannot be written (" + reason(errno) + ")";
        return;
    }
    keepPermissions(m_target, m_temporary);
}

AtomicFile::~AtomicFile()
{
    discard();
}

void AtomicFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_temporary.c_str());
        m_fd = -1;
    }
}

bool AtomicFile::write(std::string_view bytes)
{
    if (m_fd < 0)
        return false;
    for (size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_error = m_path + ": cannot be written (" + reason(errno) + "); the file on disk is unchanged";
            discard();
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

WriteError AtomicFile::commit()
{
    if (m_fd < 0)
        return m_error.empty() ? m_path + ": already written" : m_error;
    auto fail = [this](int error) {
        m_error = m_path + ": cannot be written (" + reason(error) + "); the file on disk is unchanged";
        ::unlink(m_temporary.c_str());
        return m_error;
    };
    if (::fsync(m_fd) != 0) {
        const int error = errno;
        discard();
        return fail(error);
    }
    const int closed = ::close(m_fd);
    m_fd = -1;
    if (closed != 0)
        return fail(errno);
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0)
        return fail(errno);
    const fs::path target(m_target);
    syncToDisk((target.has_parent_path() ? target.parent_path() : fs::path(".")).string(), true); // the rename, durable
    return {};
}

WriteError writeFileAtomically(const std::string& path, std::string_view bytes)
{
    AtomicFile file(path);
    if (!file.error().empty())
        return file.error();
    if (!file.write(bytes))
        return file.error();
    return file.commit();
}

} // namespace strata::core
