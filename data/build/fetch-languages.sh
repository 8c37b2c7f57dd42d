#!/bin/sh
# Fetches the Debian 12 packages that `npm run build:languages` reads into DIR (default
# ../shared/languages) from a Debian 12 (bookworm) mirror: the LibreOffice help in eleven
# languages and the LibreOffice user-interface translations in seven more (all MPL-2.0). Once
# that version has left the mirrors, snapshot.debian.org keeps it. The builder checks the
# SHA-256 of each file.
set -eu
dir=${1:-../shared/languages}
version='4:7.4.7-1+deb12u14'
mkdir -p "$dir"
cd "$dir"
for lang in en-us fr es pt de it id tr nl pl hu; do
  apt-get download "libreoffice-help-$lang=$version"
done
for lang in br cy ga gd kmr nso ro; do
  apt-get download "libreoffice-l10n-$lang=$version"
done
