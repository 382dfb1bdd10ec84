#!/usr/bin/env bash
# Times `mcheck` grading a workbook of 100 mixed exercises (release build, process start included).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
swift build -c release --product mcheck --product mcheck-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
workbook=$(mktemp --suffix=.md)
"$bin/mcheck-bench" workbook "$workbook"
hyperfine --warmup 3 --runs 30 -i "$bin/mcheck $workbook"
rm -f "$workbook"
