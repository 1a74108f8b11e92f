#ifndef CSUPPORT_H
#define CSUPPORT_H
/// Returns NULL when this CPU has every instruction-set extension the binary was compiled
/// for, else the name of the first one missing (e.g. "avx512f"). The compile-time side is
/// read from the predefined macros of this file's build, which uses the same -march as
/// the Swift targets (see Package.swift).
const char *csupport_missing_cpu_feature(void);
/// Doubles per vector register of the instruction set this binary was compiled for
/// (AVX-512: 8, AVX: 4, otherwise 2), for kernels whose best step width depends on it.
int csupport_vector_register_doubles(void);
/// Sets the number of threads OpenBLAS uses (ENNCore splits batches itself).
void csupport_blas_set_threads(int n);
/// One spin-wait hint (x86 `pause`): lets the sibling hyper-thread run and saves power
/// while a worker polls for its next job.
void csupport_cpu_relax(void);
/// A stop request as a `volatile sig_atomic_t`, the only kind of variable a signal handler
/// may write: SIGINT (Ctrl-C) or SIGTERM sets it, and the handler restores the default action
/// of both, so a second signal ends the process at once; training polls it once per iteration.
void csupport_stop_on_signals(void);
/// The signal that requested the stop (SIGINT 2, SIGTERM 15), 0 when none did.
int csupport_stop_signal(void);
int csupport_stop_requested(void);
/// Seconds since the latest SIGINT or SIGTERM arrived (monotonic clock); -1 when none has.
double csupport_seconds_since_stop_signal(void);
void csupport_set_stop_requested(int requested);
#include "CSupportMPI.h"
#endif
