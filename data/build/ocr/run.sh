#!/bin/sh
# Builds data/ocr-channel.tsv: installs the Debian packages (root), renders and reads the pages,
# counts the confusions, writes the shipped channel table. Run from the repository root:
#   data/build/ocr/run.sh [--count N] [--seed S] [--corpus DIR]
# Rendering and OCR are CPU-heavy and run one page at a time, at the lowest priority.
set -eu
here=$(dirname "$0")
work="$here/work"
"$here/install.sh" "$work/versions.tsv"
nice -n 19 /usr/bin/python3 "$here/pages.py" --work "$work" "$@"
nice -n 10 npx tsx "$here/count.ts" --work "$work" --out data/ocr-channel.tsv
npx tsx "$here/table.ts" --in data/ocr-channel.tsv --out src/repair/channel-table.ts
