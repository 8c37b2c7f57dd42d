#!/bin/sh
# Installs the Debian packages the OCR channel build needs and writes their exact versions
# (package<TAB>version, sorted) to the file given as $1 (default: work/versions.tsv).
set -eu
out=${1:-"$(dirname "$0")/work/versions.tsv"}
packages="tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-script-latn
  python3-pil python3-numpy
  fonts-liberation2 fonts-liberation fonts-noto-core fonts-freefont-ttf fonts-dejavu-core fonts-dejavu-extra"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
mkdir -p "$(dirname "$out")"
for p in $packages; do dpkg-query -W -f='${Package}\t${Version}\n' "$p"; done | LC_ALL=C sort > "$out"
cat "$out"
