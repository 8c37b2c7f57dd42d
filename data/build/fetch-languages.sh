#!/bin/sh
# Fetches the Debian 12 packages that `npm run build:languages` reads (LibreOffice help in eight
# languages, MPL-2.0) into DIR (default ../shared/languages) from a Debian 12 (bookworm) mirror;
# once that version has left the mirrors, snapshot.debian.org keeps it. The builder checks the
# SHA-256 of each file.
set -eu
dir=${1:-../shared/languages}
version='4:7.4.7-1+deb12u14'
mkdir -p "$dir"
cd "$dir"
for lang in en-us fr es pt de it id tr; do
  pkg="libreoffice-help-$lang"
  apt-get download "$pkg=$version"
done
