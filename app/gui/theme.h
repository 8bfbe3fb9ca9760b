// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The application's identity and theme, shared by the workbench and the screenshot harness.

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

namespace strata::app {

/// Names the running application as the installed Strata (settings, version, desktop file).
void identifyApplication();

/// "system", "light" or "dark" for the whole application (Fusion draws light and dark alike on
/// every platform); not saved: Preferences does that.
void applyApplicationTheme(const QString& theme);

/// The --theme option ("light", "dark" or "system", for one run only).
QCommandLineOption themeOption();

/// Applies --theme when \a parser has it; false, with a message on stderr naming \a program, for
/// a theme it does not know.
bool applyThemeOption(const QCommandLineParser& parser, const QCommandLineOption& option, const char* program);

} // namespace strata::app
