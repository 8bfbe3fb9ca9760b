#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package and the tarball (CPack) into build/packages/. With --install-check
# (CI) it then installs the .deb with apt (which pulls in the dependencies dpkg-shlibdeps
# found), and from the installed files alone runs strata-cli --version and a headless report;
# a package this script installed is removed again afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh strata strata-cli
rm -rf build/packages
(cd build && cpack -G "DEB;TGZ" >/dev/null)
deb=$(ls build/packages/strata_*.deb)
ls -l build/packages/
dpkg-deb --field "$deb" Package Version Architecture Depends
[ "${1:-}" = "--install-check" ] || exit 0

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
was_installed=no
dpkg-query -W -f='${Status}' strata 2>/dev/null | grep -q "install ok installed" && was_installed=yes
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
cleanup() { if [ "$was_installed" = no ]; then "${sudo_cmd[@]}" dpkg -r strata >/dev/null; fi; }
trap cleanup EXIT
out=$(mktemp -d)
/usr/bin/strata-cli --version
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
  /usr/bin/strata-cli report /usr/share/strata/examples/dcc-paper-comparison.json --output "$out/report.pdf"
pdfinfo "$out/report.pdf" | grep -E '^(Title|Pages):'
desktop-file-validate /usr/share/applications/org.strata.Strata.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.strata.Strata.metainfo.xml >/dev/null
test -x /usr/bin/strata
rm -rf "$out"
echo "package: installed and checked"
