#include "CFuzzDriver.h"

// SwiftPM gives the executable its own `main`, so libFuzzer is linked without one (libclang_rt.fuzzer_no_main) and
// started from Swift through `LLVMFuzzerRunDriver`. Without -DMCHECK_LIBFUZZER (a normal `swift build`) nothing
// refers to libFuzzer, so the package builds and links without it.
#ifdef MCHECK_LIBFUZZER
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int mcheck_fuzz_has_libfuzzer(void) { return 1; }

int mcheck_fuzz_run_driver(int *argc, char ***argv, mcheck_fuzz_callback callback) {
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
#else
int mcheck_fuzz_has_libfuzzer(void) { return 0; }

int mcheck_fuzz_run_driver(int *argc, char ***argv, mcheck_fuzz_callback callback) {
    (void)argc; (void)argv; (void)callback;
    return -1;
}
#endif
