// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the Qt Test suites.

#include "service/evaluate.h"
#include "io/scenariojson.h"

#include <QFile>
#include <QString>
#include <QTest>

#include <cmath>
#include <string>

namespace strata::test {

/// Relative comparison with a floor for values near zero (LabPlot's FuzzyCompare idea).
inline bool fuzzyCompare(double actual, double expected, double relTol = 1e-9, double absFloor = 1e-300)
{
    if (!std::isfinite(actual) || !std::isfinite(expected))
        return actual == expected;
    return std::fabs(actual - expected) <= relTol * std::max(std::fabs(expected), absFloor) ||
           std::fabs(actual - expected) <= absFloor;
}

#define STRATA_COMPARE_REL(actual, expected, tol)                                                            \
    do {                                                                                                       \
        const double a_ = (actual), e_ = (expected);                                                           \
        if (!strata::test::fuzzyCompare(a_, e_, (tol)))                                                        \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (rel %4)")                                  \
                                 .arg(QStringLiteral(#actual)).arg(a_, 0, 'g', 15).arg(e_, 0, 'g', 15)       \
                                 .arg(std::fabs(a_ - e_) / std::max(std::fabs(e_), 1e-300), 0, 'g', 3)));    \
    } while (false)

inline std::string readText(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

/// Parses a scenario that the test expects to be valid; fails the test otherwise.
inline core::Scenario parseScenario(const std::string& json)
{
    core::ScenarioReadResult r = core::readScenarioJson(json);
    for (const auto& d : r.diagnostics)
        qWarning("%s: %s", d.element.key().c_str(), d.message.c_str());
    return r.scenario;
}

/// The result of strategy \a s in \a ev; fails the test when it was not evaluated.
inline const core::StrategyResult& strategyResult(const core::Evaluation& ev, core::Strategy s)
{
    for (const core::StrategyResult& r : ev.results)
        if (r.strategy == s)
            return r;
    qFatal("strategy %s not evaluated", std::string(core::strategyName(s)).c_str());
}

inline bool hasDiagnostic(const core::Diagnostics& list, core::Severity s, const std::string& element,
                          const std::string& fragment)
{
    for (const auto& d : list)
        if (d.severity == s && d.element.key() == element && d.message.find(fragment) != std::string::npos)
            return true;
    return false;
}

} // namespace strata::test
