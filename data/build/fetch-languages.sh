#!/bin/sh
# Fetches the Debian 12 packages that `npm run build:languages` reads (LibreOffice help in eight
# languages, MPL-2.0) into DIR (default ../shared/languages), from a Debian bookworm mirror or,
# once they have left it, from snapshot.debian.org. The builder checks their SHA-256.
set -eu
dir=${1:-../shared/languages}
version='4:7.4.7-1+deb12u14'
mkdir -p "$dir"
cd "$dir"
for lang in en-us fr es pt de it id tr; do
  pkg="libreoffice-help-$lang"
  if ! apt-get download "$pkg=$version"; then
    curl -fsSLO "https://snapshot.debian.org/archive/debian/20250831T000000Z/pool/main/libr/libreoffice/${pkg}_7.4.7-1+deb12u14_all.deb"
  fi
done
