#!/usr/bin/env bash
# Times `mcheck` grading a workbook of 100 mixed exercises (release build, process start included).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
# A self-contained release binary, as one ships it (the Swift runtime linked in).
swift build -c release --static-swift-stdlib --scratch-path .build-static --product mcheck >/dev/null
swift build -c release --scratch-path .build-static --product mcheck-bench >/dev/null
bin=$(swift build -c release --scratch-path .build-static --show-bin-path)
workbook=$(mktemp --suffix=.md)
"$bin/mcheck-bench" workbook "$workbook"
hyperfine --warmup 3 --runs 30 -i "$bin/mcheck $workbook"
rm -f "$workbook"
