// SPDX-License-Identifier: GPL-3.0-or-later
#include "unitinput.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>
#include <utility>
#include <vector>

namespace strata::models {

namespace {

struct Unit {
    const char* symbol;
    double factor; ///< to the stored unit
};

const std::vector<Unit>& unitsOf(Quantity q)
{
    static const std::vector<Unit> plain = {{"", 1}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}};
    static const std::vector<Unit> bandwidth = {
        {"", 1},          {"bps", 1e-9},    {"b/s", 1e-9},  {"kbps", 1e-6}, {"Kbps", 1e-6}, {"kb/s", 1e-6},
        {"Mbps", 1e-3},   {"Mb/s", 1e-3},   {"Mbit/s", 1e-3}, {"M", 1e-3},    {"Tbit/s", 1e3},    {"Gbps", 1},    {"Gb/s", 1},    {"G", 1},
        {"Gbit/s", 1},    {"Tbps", 1e3},    {"Tb/s", 1e3},  {"T", 1e3},     {"B/s", 8e-9},  {"kB/s", 8e-6},
        {"KB/s", 8e-6},   {"MB/s", 8e-3},   {"GB/s", 8},    {"TB/s", 8e3}};
    static const std::vector<Unit> time = {{"", 1},     {"ns", 1e-6}, {"us", 1e-3}, {"\u00b5s", 1e-3}, {"\u03bcs", 1e-3},
                                           {"ms", 1},   {"s", 1e3},   {"min", 6e4}, {"h", 3.6e6}};
    static const std::vector<Unit> bytes = {{"", 1},         {"B", 1},           {"kB", 1e3},          {"KB", 1e3},
                                            {"MB", 1e6},     {"GB", 1e9},        {"TB", 1e12},         {"PB", 1e15},
                                            {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
    static const std::vector<Unit> distance = {{"", 1}, {"km", 1}, {"m", 1e-3}};
    static const std::vector<Unit> percent = {{"", 1}, {"%", 0.01}};
    switch (q) {
    case Quantity::Plain: return plain;
    case Quantity::BandwidthGbps: return bandwidth;
    case Quantity::TimeMs: return time;
    case Quantity::Bytes: return bytes;
    case Quantity::DistanceKm: return distance;
    case Quantity::Percent: return percent;
    }
    return plain;
}

QString accepted(Quantity q)
{
    switch (q) {
    case Quantity::Plain: return QStringLiteral("a number, optionally with k, M, G or T");
    case Quantity::BandwidthGbps: return QStringLiteral("Gbps (default), Mbps, Tbps, G, or bytes per second such as GB/s");
    case Quantity::TimeMs: return QStringLiteral("ms (default), us, ns, s, min, h");
    case Quantity::Bytes: return QStringLiteral("bytes (default), kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB");
    case Quantity::DistanceKm: return QStringLiteral("km (default) or m");
    case Quantity::Percent: return QStringLiteral("a fraction such as 0.35, or a percentage such as 35 %");
    }
    return {};
}

} // namespace

QString unitSymbol(Quantity q)
{
    switch (q) {
    case Quantity::Plain: return {};
    case Quantity::BandwidthGbps: return QStringLiteral("Gbps");
    case Quantity::TimeMs: return QStringLiteral("ms");
    case Quantity::Bytes: return QStringLiteral("B");
    case Quantity::DistanceKm: return QStringLiteral("km");
    case Quantity::Percent: return QStringLiteral("%");
    }
    return {};
}

ParsedQuantity parseQuantity(const QString& text, Quantity q)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S*)\\s*$"));
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {std::nullopt, QStringLiteral("is empty; enter a value")};
    const QRegularExpressionMatch m = pattern.match(trimmed);
    if (!m.hasMatch())
        return {std::nullopt, QStringLiteral("\"%1\" is not a number; use %2").arg(trimmed, accepted(q))};
    bool ok = false;
    const double number = m.captured(1).toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return {std::nullopt, QStringLiteral("\"%1\" is not a finite number").arg(m.captured(1))};
    const QString unit = m.captured(2);
    for (const Unit& u : unitsOf(q)) {
        if (unit == QString::fromUtf8(u.symbol)) {
            const double value = number * u.factor;
            if (!std::isfinite(value))
                return {std::nullopt, QStringLiteral("is too large")};
            return {value, {}};
        }
    }
    return {std::nullopt, QStringLiteral("unknown unit \"%1\"; use %2").arg(unit, accepted(q))};
}

QString formatQuantity(double value, Quantity q)
{
    if (q == Quantity::Percent)
        return QString::number(value * 100, 'g', 6) + QStringLiteral(" %");
    const QString number = QString::number(value, 'g', 8);
    const QString symbol = unitSymbol(q);
    return symbol.isEmpty() ? number : number + QLatin1Char(' ') + symbol;
}

QString rangeError(double v, const core::Range& b, bool whole, Quantity q)
{
    const bool ok = b.contains(v);
    if (ok && (!whole || std::floor(v) == v))
        return {};
    if (ok)
        return QCoreApplication::translate("strata::fields", "must be a whole number");
    const bool percent = q == Quantity::Percent;
    auto shown = [percent](double x) { return percent ? QStringLiteral("%1 %").arg(x * 100) : QString::number(x); };
    auto tr = [](const char* text) { return QCoreApplication::translate("strata::fields", text); };
    QString range;
    if (std::isinf(b.hi))
        range = b.loOpen ? tr("greater than %1").arg(shown(b.lo)) : tr("at least %1").arg(shown(b.lo));
    else if (b.loOpen)
        range = tr("greater than %1 and at most %2").arg(shown(b.lo), shown(b.hi));
    else
        range = tr("between %1 and %2").arg(shown(b.lo), shown(b.hi));
    QString msg = tr("must be %1").arg(range);
    if (!b.why.empty())
        msg += QStringLiteral(" (") + QString::fromStdString(b.why) + QLatin1Char(')');
    return msg;
}

Quantity quantityOfUnit(std::string_view unit)
{
    if (unit == "ms")
        return Quantity::TimeMs;
    if (unit == "Gbit/s")
        return Quantity::BandwidthGbps;
    if (unit == "B")
        return Quantity::Bytes;
    if (unit == "km")
        return Quantity::DistanceKm;
    if (unit == "fraction")
        return Quantity::Percent;
    return Quantity::Plain;
}

QString fieldLabel(std::string_view label, std::string_view unit)
{
    const QByteArray source(label.data(), static_cast<qsizetype>(label.size()));
    QString text = QCoreApplication::translate("strata::fields", source.constData());
    if (quantityOfUnit(unit) == Quantity::Plain && !unit.empty())
        text += QStringLiteral(" (%1)").arg(QString::fromUtf8(unit.data(), static_cast<qsizetype>(unit.size())));
    return text;
}

} // namespace strata::models
