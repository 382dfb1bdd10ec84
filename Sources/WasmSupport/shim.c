// The runtime functions the Embedded Swift standard library expects on wasm32 that wasi-libc does not have (128-bit
// multiplication, compiler-rt's __multi3, and reading a Double from text) or has at a cost: its arc4random_buf
// asserts, and the assertion's message links all of printf (about 10 KB of the module). Built only by `make wasm`
// (scripts/build-wasm.sh); not part of the SwiftPM package.
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>
#include <wasi/api.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

// The low 128 bits of a * b, from 64-bit halves.
i128 __multi3(i128 a, i128 b) {
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)((u128)a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)((u128)b >> 64);
    uint64_t lo_lo_hi = 0;
    // a0 * b0 as 128 bits, from 32-bit pieces.
    uint64_t x0 = a0 & 0xffffffffu, x1 = a0 >> 32, y0 = b0 & 0xffffffffu, y1 = b0 >> 32;
    uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    uint64_t middle = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
    uint64_t low = (p00 & 0xffffffffu) | (middle << 32);
    lo_lo_hi = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
    uint64_t high = lo_lo_hi + a0 * b1 + a1 * b0;
    return (i128)(((u128)high << 64) | low);
}

// Swift's `Double(String)`: parses `text` (NUL-terminated) as C's strtod does in the C locale, the whole text or
// nothing. Returns the position after the number, or NULL when the text is not a number.
const char *_swift_stdlib_strtod_clocale(const char *text, double *result) {
    char *end = NULL;
    *result = strtod(text, &end);
    return end == text ? NULL : end;
}

// Random bytes (for the standard library's hashing seeds) straight from WASI's random_get, which the page provides
// with crypto.getRandomValues; wasi-libc's version would draw them the same way through a ChaCha20 stream.
void arc4random_buf(void *buffer, size_t count) {
    uint8_t *bytes = buffer;
    while (count > 0) {
        size_t chunk = count < 256 ? count : 256;
        if (__wasi_random_get(bytes, chunk) != 0) __builtin_trap();
        bytes += chunk;
        count -= chunk;
    }
}
