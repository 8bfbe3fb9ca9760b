#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Strata needs to build and test, if any is missing.
set -euo pipefail

packages=(cmake ninja-build g++ clang libclang-rt-14-dev ccache pkg-config qt6-base-dev qt6-svg-dev qt6-qpa-plugins libqcustomplot-dev poppler-utils
          nlohmann-json3-dev libeigen3-dev libsqlite3-dev xvfb xauth fonts-dejavu-core
          dpkg-dev file desktop-file-utils appstream shared-mime-info)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo_cmd=(sudo)
  else
    echo "error: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
