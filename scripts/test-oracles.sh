#!/usr/bin/env bash
# Debian's tools the tests use as oracles where they are present (each such test is skipped, saying so, where they
# are not): poppler's CMap/CID data and pdftotext, Unicode's data files, libjpeg-turbo's djpeg/cjpeg, ImageMagick,
# libtiff's tools. OpenSSL ships with the machine. Installed once per machine; CI runs this before `npm test`.
set -euo pipefail

packages=(poppler-data poppler-utils unicode-data libjpeg-turbo-progs imagemagick libtiff-tools openssl)
missing=()
for package in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "test-oracles.sh: installing ${missing[*]} (apt-get, once per machine)" >&2
if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
	$sudo apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
