#!/bin/sh
# Builds the grader for the page (README, "Grading in the page"): Calculus, Grading and PageGrading compiled by
# Embedded Swift for wasm32 and linked with wasi-libc into OUT (default .build/wasm/mcheck.wasm).
# Exits 3, saying why in one line, when the toolchain or wasi-libc cannot do it (the site then builds without it).
set -eu
OUT=${1:-.build/wasm/mcheck.wasm}
DIR=$(dirname "$OUT")
SWIFTC=${SWIFTC:-$(command -v swiftc || true)}
[ -n "$SWIFTC" ] || { echo "make wasm: no swiftc on PATH; the site builds without in-page grading"; exit 3; }
TOOLCHAIN=$(dirname "$(dirname "$(readlink -f "$SWIFTC")")")
EMBEDDED=$TOOLCHAIN/lib/swift/embedded
UNICODE=$EMBEDDED/wasm32-unknown-none-wasm/libswiftUnicodeDataTables.a
WASI=${WASI_SYSROOT:-/usr/lib/wasm32-wasi}
WASM_LD=${WASM_LD:-$(command -v wasm-ld || echo "$TOOLCHAIN/bin/wasm-ld")}
CLANG=${CLANG:-$TOOLCHAIN/bin/clang}
[ -f "$UNICODE" ] || { echo "make wasm: this Swift toolchain has no Embedded Swift for wasm32 ($UNICODE); the site builds without in-page grading"; exit 3; }
[ -f "$WASI/crt1-reactor.o" ] || { echo "make wasm: wasi-libc is missing ($WASI; apt-get install wasi-libc); the site builds without in-page grading"; exit 3; }
[ -x "$WASM_LD" ] || { echo "make wasm: wasm-ld not found; the site builds without in-page grading"; exit 3; }

# The page fetches the module gzipped: it must stay under 400 KB (400,000 bytes of `gzip -9`), checked on every run.
BUDGET=${WASM_BUDGET:-400000}
check_budget() {
    gzipped=$(gzip -9 -c "$OUT" | wc -c)
    if [ "$gzipped" -gt "$BUDGET" ]; then
        echo "make wasm: $OUT is $gzipped bytes gzipped, over the budget of $BUDGET (README, \"Grading in the page\"): find savings before adding code"
        exit 1
    fi
}

SOURCES="Sources/Calculus Sources/Grading Sources/PageGrading Sources/WasmSupport scripts/build-wasm.sh"
if [ -f "$OUT" ] && [ -z "$(find $SOURCES -newer "$OUT" -type f | head -1)" ]; then
    echo "make wasm: $OUT is up to date"; check_budget; exit 0
fi
mkdir -p "$DIR/obj"
LOG=$DIR/build.log
: > "$LOG"
FLAGS="-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -enable-experimental-feature Extern \
  -wmo -parse-as-library -Osize -Xfrontend -disable-stack-protector -I $DIR/obj"
# Closure specialization copies a function for every closure passed to it (Expr's tree walks, the simplifier's
# passes): a tenth of the code for no measurable speed in the page, so it is off.
FLAGS="$FLAGS -Xllvm -sil-disable-pass=closure-specialize"
# The inliner counts a removed call as worth 5 rather than 20: 5 KB less gzipped, no measurable speed in the page.
FLAGS="$FLAGS -Xllvm -sil-inline-removed-call-benefit=5"
# Calculus, Grading and PageGrading compiled as one module: Embedded Swift specializes every generic in each module
# that uses it, so one module compiles once, in a third of the time. Empty modules of the other two names let their
# `import` lines stand. DerivativeCheck (`mcheck diff --check`) is not grading.
echo "make wasm: compiling Calculus, Grading and PageGrading for wasm32 (Embedded Swift)"
: > "$DIR/obj/empty.swift"
for name in Calculus Grading; do
    "$SWIFTC" $FLAGS -module-name "$name" -emit-module -emit-module-path "$DIR/obj/$name.swiftmodule" "$DIR/obj/empty.swift" >> "$LOG" 2>&1
done
"$SWIFTC" $FLAGS -module-name PageGrading -emit-object -o "$DIR/obj/mcheck.o" \
    Sources/Calculus/*.swift $(ls Sources/Grading/*.swift | grep -v DerivativeCheck.swift) Sources/PageGrading/*.swift >> "$LOG" 2>&1 \
    || { grep -B2 -A6 'error:' "$LOG" | head -60; echo "make wasm: compiling failed (the whole log: $LOG)"; exit 1; }
"$CLANG" --target=wasm32-unknown-wasi --sysroot="$(dirname "$WASI")/.." -isystem /usr/include/wasm32-wasi -Os -c Sources/WasmSupport/shim.c -o "$DIR/obj/shim.o"
# A reactor (no main): the page calls _initialize, then the exports. The stack comes first and holds 2 MiB, room
# for the parser's nesting limit.
"$WASM_LD" --no-entry --gc-sections --strip-all --export=_initialize --export=mcheck_alloc --export=mcheck_grade --export=mcheck_free \
  --stack-first -z stack-size=2097152 -o "$OUT" \
  "$WASI/crt1-reactor.o" "$DIR/obj/mcheck.o" "$DIR/obj/shim.o" \
  -L"$WASI" -lc -lm "$UNICODE"
# binaryen's optimizer, when it is there, takes a fifth off the size; dead-argument elimination first and the passes
# run to a fixed point (--converge) take 2.7 KB more off the gzipped size. (-iit, which lets it assume that no load
# traps, takes 1.3 KB more but breaks the module: a grade then ends in "memory access out of bounds".)
if command -v wasm-opt >/dev/null 2>&1; then
    wasm-opt --dae-optimizing -Oz --converge --enable-bulk-memory --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int "$OUT" -o "$OUT.opt" && mv "$OUT.opt" "$OUT"
fi
echo "make wasm: $OUT ($(wc -c < "$OUT") bytes, $(gzip -9 -c "$OUT" | wc -c) gzipped, budget $BUDGET)"
check_budget
