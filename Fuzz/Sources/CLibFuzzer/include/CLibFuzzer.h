#ifndef SIEVERT_FUZZ_CLIBFUZZER_H
#define SIEVERT_FUZZ_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): runs the fuzzing loop over `callback` with
// libFuzzer's command line. SwiftPM links an executable target's entry point as `main`, so each target calls
// this from its own entry point instead of relying on libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
