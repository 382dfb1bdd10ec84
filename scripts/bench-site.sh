#!/usr/bin/env bash
# Times `mcheck build` (the whole course site) against cmark-gfm parsing the same Markdown to HTML and
# pandoc --mathml rendering it, with hyperfine. Run from anywhere; results go to standard output and,
# as Markdown, to /tmp/bench-site.md.
#
#   scripts/bench-site.sh
#
# Needs hyperfine, pandoc and cmark-gfm (apt-get install -y hyperfine pandoc cmark-gfm) and a release build
# (made here with --scratch-path .build-site-rel unless MCHECK points at a binary).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine pandoc; do
    command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install -y $tool" >&2; exit 2; }
done
MCHECK=${MCHECK:-}
if [ -z "$MCHECK" ]; then
    # A self-contained release binary, as one ships it: the Swift runtime linked in, no dynamic symbol lookup at start-up.
    swift build -c release --static-swift-stdlib --scratch-path .build-site-rel --product mcheck >/dev/null
    MCHECK=$PWD/.build-site-rel/release/mcheck
fi
CHAPTERS=$(ls chapters/[0-9]*.md)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/pandoc"

echo "$(echo "$CHAPTERS" | wc -l) chapters, $(cat $CHAPTERS | wc -c) bytes of Markdown"
commands=(
    -n "mcheck build" "$MCHECK build --out $OUT/site"
    -n "pandoc --mathml, one call per chapter" "for f in $(echo $CHAPTERS); do pandoc --mathml -s \"\$f\" -o $OUT/pandoc/\$(basename \"\$f\" .md).html; done"
    -n "pandoc --mathml, all chapters in one call" "pandoc --mathml -s $(echo $CHAPTERS) -o $OUT/pandoc/all.html"
)
if command -v cmark-gfm >/dev/null; then
    commands+=(-n "cmark-gfm to HTML (no math)" "cmark-gfm -e table -e strikethrough -e autolink -e tasklist $(echo $CHAPTERS) > $OUT/cmark.html")
fi
hyperfine --warmup 3 --min-runs 10 --shell=bash --export-markdown /tmp/bench-site.md "${commands[@]}"
