#ifndef MCHECK_CFUZZDRIVER_H
#define MCHECK_CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// One fuzz input: libFuzzer's `LLVMFuzzerTestOneInput` signature.
typedef int (*mcheck_fuzz_callback)(const uint8_t *data, size_t size);

/// Whether libFuzzer is linked in (`make fuzz` builds with -DMCHECK_LIBFUZZER and libclang_rt.fuzzer_no_main).
int mcheck_fuzz_has_libfuzzer(void);

/// `LLVMFuzzerRunDriver` when libFuzzer is linked in; otherwise returns -1 and does nothing.
int mcheck_fuzz_run_driver(int *argc, char ***argv, mcheck_fuzz_callback callback);

#endif
