#!/usr/bin/env bash
# Screenshots of the built course site in headless Chromium, light and dark, for README.md.
#
#   scripts/screenshots.sh                 # chapter 4 (matrices), into docs/screenshots/
#   CHAPTER=09-chain-rules scripts/screenshots.sh
#
# Needs chromium (apt-get install -y chromium). Math looks best with an OpenType math font installed
# (apt-get install -y fonts-texgyre-math or fonts-stix). PNGs are shrunk with pngquant or optipng when present.
set -euo pipefail
cd "$(dirname "$0")/.."

CHAPTER=${CHAPTER:-04-jacobian}
ANCHOR=${ANCHOR:-}
OUT=docs/screenshots
SITE=$(mktemp -d)
trap 'rm -rf "$SITE"' EXIT
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$BROWSER" ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 2; }

MCHECK=${MCHECK:-}
if [ -z "$MCHECK" ]; then
    swift build -c release --scratch-path .build-site-rel --product mcheck >/dev/null
    MCHECK=.build-site-rel/release/mcheck
fi
"$MCHECK" build --out "$SITE"
mkdir -p "$OUT"

shoot() { # name, theme, extra flags…
    local name=$1 theme=$2
    shift 2
    "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1600 \
        --virtual-time-budget=2000 "$@" --screenshot="$OUT/$name.png" \
        "file://$(realpath "$SITE")/$CHAPTER.html?theme=$theme${ANCHOR:+#$ANCHOR}" 2>/dev/null
}
shoot chapter-light light --blink-settings=preferredColorScheme=1
shoot chapter-dark dark --force-dark-mode --blink-settings=preferredColorScheme=0

for f in "$OUT"/chapter-light.png "$OUT"/chapter-dark.png; do
    if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --quality 70-90 --output "$f" "$f" || true
    elif command -v optipng >/dev/null; then optipng -quiet -o2 "$f" || true
    fi
done
ls -l "$OUT"
