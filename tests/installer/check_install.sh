#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a temporary prefix and checks what a desktop gets: the .desktop file
# and the AppStream metainfo pass their validators, the MIME package recognises a project by its
# name and by its contents (SQLite + application_id "STRA") but not another SQLite file, the icon
# is there, and the installed strata-cli writes a report from the installed examples.
# Usage: check_install.sh BUILD_DIR MIMECHECK STRATA_CLI_IN_BUILD
set -euo pipefail
build=$1 mimecheck=$2 cli_build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/usr" >/dev/null
share=$tmp/usr/share
id=org.strata.Strata
desktop-file-validate "$share/applications/$id.desktop"
appstreamcli validate --no-net "$share/metainfo/$id.metainfo.xml" >/dev/null
test -s "$share/icons/hicolor/scalable/apps/$id.svg"
test -s "$share/icons/hicolor/scalable/mimetypes/application-x-strata-project.svg"
grep -q '^License: GPL-3+' "$share/doc/strata/copyright"
grep -q '^MimeType=application/x-strata-project;$' "$share/applications/$id.desktop"

# The MIME type: by the name ending, and by contents for a project saved without one. Installed,
# the package joins the system's in one database, where magic priorities decide; build that here
# (Qt does not merge priorities across separate databases).
for f in /usr/share/mime/packages/*.xml; do   # not an installed Strata's own: test this build's
  [ "$(basename "$f")" = "$id.xml" ] || cp "$f" "$share/mime/packages/"
done
update-mime-database "$share/mime"
"$cli_build" convert "$share/strata/examples/fraud-scoring.json" "$tmp/design.strata"
cp "$tmp/design.strata" "$tmp/no-ending"
printf 'SQLite format 3\000' > "$tmp/other.db"
head -c 200 /dev/zero >> "$tmp/other.db"   # an SQLite header with no application_id
out=$(XDG_DATA_HOME="$tmp/none" XDG_DATA_DIRS="$share" "$mimecheck" "$tmp/design.strata" "$tmp/no-ending" "$tmp/other.db")
echo "$out"
echo "$out" | grep -q "design.strata application/x-strata-project application/x-strata-project"
echo "$out" | grep -q "no-ending application/x-strata-project application/x-strata-project"
if echo "$out" | grep -q "other.db .*application/x-strata-project"; then
  echo "error: an SQLite file without Strata's application_id was taken for a project" >&2
  exit 1
fi

# The installed command line, from the installed files only.
"$tmp/usr/bin/strata-cli" --version
env -u DISPLAY -u QT_QPA_PLATFORM "$tmp/usr/bin/strata-cli" report "$share/strata/examples/dcc-paper-comparison.json" --output "$tmp/report.pdf"
pdfinfo "$tmp/report.pdf" | grep -q '^Pages: *[1-9]'
echo "installed files: OK"
