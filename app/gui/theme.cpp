// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include "strata_version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#include <cstdio>

namespace strata::app {

void applyApplicationTheme(const QString& theme)
{
    // Fusion draws both palettes consistently on every platform.
    if (theme == QLatin1String("system")) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    if (theme == QLatin1String("dark")) {
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
        p.setColor(QPalette::AlternateBase, QColor(0x29, 0x2b, 0x2f));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd8));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
        p.setColor(QPalette::Mid, QColor(0x5a, 0x5d, 0x63));
        p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3c));
        p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        // Disabled controls must look disabled: dimmed text on the dark ground.
        const QColor dim(0x7a, 0x7d, 0x83);
        for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
            p.setColor(QPalette::Disabled, role, dim);
        p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x26, 0x28, 0x2c));
        p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x2f, 0x31, 0x35));
        p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x53));
    } else {
        p = QApplication::style()->standardPalette();
    }
    QApplication::setPalette(p);
}

void identifyApplication()
{
    QApplication::setApplicationName(QStringLiteral("Strata"));
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.strata.Strata")); // matches the installed .desktop file
}

QCommandLineOption themeOption()
{
    return {QStringLiteral("theme"), QStringLiteral("Theme for this run only: light, dark or system"), QStringLiteral("theme")};
}

bool applyThemeOption(const QCommandLineParser& parser, const QCommandLineOption& option, const char* program)
{
    if (!parser.isSet(option))
        return true;
    const QString t = parser.value(option);
    if (t != QLatin1String("light") && t != QLatin1String("dark") && t != QLatin1String("system")) {
        std::fprintf(stderr, "%s: --theme takes light, dark or system (got \"%s\")\n", program, qPrintable(t));
        return false;
    }
    applyApplicationTheme(t);
    return true;
}

} // namespace strata::app
