#!/usr/bin/env bash
# Times `mcheck gradebook` on a class of 300 students × 12 workbooks (3,600 files), release build: wall time, CPU
# time and peak memory (GNU time), three runs. STUDENTS=… for another size; CLASS=folder keeps the class.
set -euo pipefail
cd "$(dirname "$0")/.."
students=${STUDENTS:-300}
class=${CLASS:-$(mktemp -d)}
swift build -c release --product mcheck >/dev/null
bin=$(swift build -c release --show-bin-path)/mcheck
rm -rf "$class/submissions" && scripts/make-class.py "$class/submissions" "$students"
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
    /usr/bin/time -f "run $run: %e s wall, %U s user + %S s system (%P CPU), peak RSS %M KB" \
        "$bin" gradebook "$class/submissions" --csv "$class/grades.csv" --json "$class/grades.json" 2>&1 | grep -E '^(run|gradebook)'
done
echo "gradebook: $class/grades.csv ($(($(wc -l < "$class/grades.csv") - 1)) rows), $class/grades.json"
[ -n "${CLASS:-}" ] || rm -rf "$class"
