// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonfields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace strata::core {

using nlohmann::json;

namespace {

const char* typeName(const json& j)
{
    switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "something else";
    }
}

size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace


namespace {

/// Builds the document from SAX events, as nlohmann's DOM parser does, and also reports keys
/// repeated in one object and hands finished elements of streamed top-level arrays to their
/// reader. (nlohmann's callback parser did the last two, but it scans an array whenever an object
/// inside it ends: quadratic for any long list of objects, such as a service's 33,000 sources.)
class StrictDomBuilder : public nlohmann::json_sax<json> {
public:
    StrictDomBuilder(json& root, Diagnostics& diags, const StreamedArrays* streamed)
        : root_(root)
        , diags_(diags)
        , streamed_(streamed)
    {
    }

    bool null() override { return value(json(nullptr)); }
    bool boolean(bool b) override { return value(json(b)); }
    bool number_integer(number_integer_t n) override { return value(json(n)); }
    bool number_unsigned(number_unsigned_t n) override { return value(json(n)); }
    bool number_float(number_float_t x, const string_t&) override { return value(json(x)); }
    bool string(string_t& s) override { return value(json(std::move(s))); }
    bool binary(binary_t& b) override { return value(json::binary(std::move(b))); }

    bool start_object(std::size_t) override { return open(json::object()); }
    bool start_array(std::size_t) override
    {
        // The array of a streamed top-level key: its elements go to the reader one by one.
        if (stack_.size() == 1 && streamed_ && streamed_->streams(topKey_)) {
            streaming_ = true;
            index_ = 0;
        }
        return open(json::array());
    }
    bool key(string_t& k) override
    {
        json& object = *stack_.back();
        if (object.contains(k)) {
            if (duplicates_++ < 20)
                diags_.push_back({Severity::Error, ElementRef::path("(document)"),
                                  "key \"" + k + "\" appears twice in one object; keep only one"});
            object.erase(k); // the later value wins, as in the parsers before
        }
        if (stack_.size() == 1)
            topKey_ = k;
        slot_ = &object[k];
        return true;
    }
    bool end_object() override { return close(); }
    bool end_array() override
    {
        if (stack_.size() == 2)
            streaming_ = false;
        return close();
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override
    {
        error_ = e.what();
        return false;
    }

    const std::string& error() const { return error_; }

private:
    /// A scalar, or a finished element of a streamed array.
    bool value(json&& v)
    {
        if (stack_.empty()) {
            root_ = std::move(v);
            return true;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            if (streaming_ && stack_.size() == 2) {
                streamed_->element(topKey_, v, index_++);
                return true;
            }
            parent.push_back(std::move(v));
        } else {
            *slot_ = std::move(v);
        }
        return true;
    }
    bool open(json&& container)
    {
        json* place = nullptr;
        if (stack_.empty()) {
            root_ = std::move(container);
            place = &root_;
        } else if (json& parent = *stack_.back(); parent.is_array()) {
            parent.push_back(std::move(container));
            place = &parent.back();
        } else {
            *slot_ = std::move(container);
            place = slot_;
        }
        stack_.push_back(place);
        return true;
    }
    bool close()
    {
        stack_.pop_back();
        // An element of a streamed array is complete: read it, then drop it.
        if (streaming_ && stack_.size() == 2) {
            json& array = *stack_.back();
            streamed_->element(topKey_, array.back(), index_++);
            array.erase(array.size() - 1);
        }
        return true;
    }

    json& root_;
    Diagnostics& diags_;
    const StreamedArrays* streamed_;
    std::vector<json*> stack_;  ///< the open containers, outermost first
    json* slot_ = nullptr;      ///< where the value of the last key goes
    std::string topKey_;        ///< the last key of the top-level object
    bool streaming_ = false;
    size_t index_ = 0;
    size_t duplicates_ = 0;
    std::string error_;
};

} // namespace

bool parseStrictJson(std::string_view text, json& out, Diagnostics& diags, const StreamedArrays* streamed)
{
    StrictDomBuilder builder(out, diags, streamed);
    if (!json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, /*strict=*/true,
                         /*ignore_comments=*/false)) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> drop the tag
        std::string what = builder.error();
        if (auto pos = what.find("] "); pos != std::string::npos)
            what = what.substr(pos + 2);
        // The parser quotes what it last read: an unterminated 1 MB string was echoed whole.
        constexpr size_t kShownExcerpt = 80;
        if (auto pos = what.find("last read: '"); pos != std::string::npos) {
            const size_t begin = pos + 12;
            const size_t end = what.rfind('\'');
            if (end != std::string::npos && end > begin && end - begin > kShownExcerpt) {
                size_t cut = begin + kShownExcerpt;
                while (cut > begin && (static_cast<unsigned char>(what[cut]) & 0xc0) == 0x80)
                    --cut; // not inside a UTF-8 sequence
                what = what.substr(0, cut) + "…' (" + std::to_string(end - begin) + " bytes)" + what.substr(end + 1);
            }
        }
        diags.push_back({Severity::Error, ElementRef::path("(document)"), "not valid JSON: " + what});
        out = json();
        return false;
    }
    return true;
}

ObjectReader::ObjectReader(const json& object, std::string path, Diagnostics& diags)
    : object_(object)
    , path_(std::move(path))
    , diags_(diags)
    , isObject_(object.is_object())
{
    if (!isObject_)
        diags_.push_back({Severity::Error, ElementRef::path(path_.empty() ? "(document)" : path_),
                          std::string("must be a JSON object {…}, not ") + typeName(object)});
}

std::string ObjectReader::childPath(std::string_view key) const
{
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool ObjectReader::has(const std::string& key) const
{
    return isObject_ && object_.contains(key);
}

const json* ObjectReader::field(const std::string& key)
{
    known_.insert(key);
    if (!isObject_)
        return nullptr;
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
}

void ObjectReader::error(const std::string& key, const std::string& message)
{
    diags_.push_back({Severity::Error, ElementRef::path(childPath(key)), message});
}

void ObjectReader::missing(const std::string& key, const std::string& what)
{
    if (isObject_)
        error(key, "is required: " + what);
}

std::optional<double> ObjectReader::number(const std::string& key, const Range& range)
{
    const json* j = field(key);
    if (!j)
        return std::nullopt;
    if (!j->is_number()) {
        error(key, std::string("must be a number, not ") + typeName(*j));
        return std::nullopt;
    }
    double x = j->get<double>();
    if (!std::isfinite(x)) {
        error(key, "must be a finite number");
        return std::nullopt;
    }
    if (!range.contains(x))
        error(key, "must be " + range.describe() + " (got " + formatNumber(x) + ")");
    // An out-of-range value is kept (with its error): the workbench then opens the file and shows
    // the value where it can be fixed, and validation reports it again until it is.
    return x;
}

double ObjectReader::requiredNumber(const std::string& key, const Range& range)
{
    if (!has(key)) {
        known_.insert(key);
        missing(key, "a number " + range.describe());
        return 0;
    }
    return number(key, range).value_or(0);
}

std::optional<double> ObjectReader::registryNumber(const std::string& key, const Range& range, bool required, bool whole)
{
    if (required && !has(key)) {
        known_.insert(key);
        missing(key, std::string(whole ? "a whole number " : "a number ") + range.describe());
        return std::nullopt;
    }
    auto x = number(key, range);
    if (x && whole && range.contains(*x) && std::floor(*x) != *x)
        error(key, "must be a whole number (got " + formatNumber(*x) + ")");
    return x;
}

std::optional<double> ObjectReader::integer(const std::string& key, long long lo, long long hi)
{
    const Range range = Range::between(static_cast<double>(lo), static_cast<double>(hi));
    auto x = number(key, range);
    // Unlike number(), an out-of-range whole number is not kept: its caller converts it to an
    // integer type, where a value such as 1e44 has no representation. The error is reported.
    if (x && !range.contains(*x))
        return std::nullopt;
    if (x && std::floor(*x) != *x) {
        error(key, "must be a whole number (got " + formatNumber(*x) + ")");
        return std::nullopt;
    }
    return x;
}

std::optional<long long> ObjectReader::requiredInteger(const std::string& key, long long lo, long long hi)
{
    if (!has(key)) {
        known_.insert(key);
        missing(key, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
        return std::nullopt;
    }
    auto x = integer(key, lo, hi);
    if (!x)
        return std::nullopt;
    return static_cast<long long>(*x);
}

std::optional<bool> ObjectReader::boolean(const std::string& key)
{
    const json* j = field(key);
    if (!j)
        return std::nullopt;
    if (!j->is_boolean()) {
        error(key, std::string("must be true or false, not ") + typeName(*j));
        return std::nullopt;
    }
    return j->get<bool>();
}

std::optional<std::string> ObjectReader::string(const std::string& key)
{
    const json* j = field(key);
    if (!j)
        return std::nullopt;
    if (!j->is_string()) {
        error(key, std::string("must be a string, not ") + typeName(*j));
        return std::nullopt;
    }
    return j->get<std::string>();
}

std::optional<std::string> ObjectReader::requiredString(const std::string& key)
{
    if (!has(key)) {
        known_.insert(key);
        missing(key, "a string");
        return std::nullopt;
    }
    return string(key);
}

std::optional<std::string> ObjectReader::id(const std::string& key)
{
    auto s = string(key);
    if (!s)
        return std::nullopt;
    bool control = std::any_of(s->begin(), s->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (s->empty() || s->size() > 200 || control) {
        error(key, "must be a non-empty id of at most 200 bytes without control characters");
        return std::nullopt;
    }
    return s;
}

std::string ObjectReader::requiredId(const std::string& key)
{
    if (!has(key)) {
        known_.insert(key);
        missing(key, "an id (a non-empty string)");
        return {};
    }
    return id(key).value_or("");
}

void ObjectReader::forEachInArray(const std::string& key,
                                  const std::function<void(const json&, const std::string&)>& fn,
                                  bool required)
{
    const json* j = field(key);
    if (!j) {
        if (required)
            missing(key, "an array");
        return;
    }
    if (!j->is_array()) {
        error(key, std::string("must be an array […], not ") + typeName(*j));
        return;
    }
    std::string base = childPath(key);
    for (size_t i = 0; i < j->size(); ++i)
        fn((*j)[i], base + "[" + std::to_string(i) + "]");
}

void ObjectReader::finish()
{
    if (!isObject_)
        return;
    size_t unchecked = 0;
    for (const auto& [key, value] : object_.items()) {
        if (known_.count(key))
            continue;
        if (diags_.size() >= kMaxReadErrors) {
            ++unchecked;
            continue;
        }
        std::string message = "unknown field";
        std::string best;
        size_t bestDistance = 4;
        constexpr size_t kShownKey = 64; // a longer key is shown by its opening and its length
        if (key.size() > kShownKey) {
            size_t cut = 48;
            while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xc0) == 0x80)
                --cut; // not inside a UTF-8 character
            diags_.push_back({Severity::Error, ElementRef::path(childPath(key.substr(0, cut) + "…")),
                              "unknown field (a name of " + std::to_string(key.size()) + " bytes); remove it"});
            continue;
        }
        for (const std::string& k : known_) {
            size_t d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (!best.empty())
            message += "; did you mean \"" + best + "\"?";
        else
            message += "; remove it or check the spelling against SCENARIO.md";
        diags_.push_back({Severity::Error, ElementRef::path(childPath(key)), message});
    }
    if (unchecked > 0)
        diags_.push_back({Severity::Error, ElementRef::path(path_.empty() ? "(document)" : path_),
                          std::to_string(unchecked) + " more unknown field" + (unchecked == 1 ? "" : "s") + " not listed: the first " +
                              std::to_string(kMaxReadErrors) + " findings are; fix those and read the file again"});
}

} // namespace strata::core
