#include "CSupport.h"
#include <stddef.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>

const char *csupport_missing_cpu_feature(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
#if defined(__AVX512F__)
    if (!__builtin_cpu_supports("avx512f")) return "avx512f";
#endif
#if defined(__AVX512VL__)
    if (!__builtin_cpu_supports("avx512vl")) return "avx512vl";
#endif
#if defined(__AVX2__)
    if (!__builtin_cpu_supports("avx2")) return "avx2";
#endif
#if defined(__FMA__)
    if (!__builtin_cpu_supports("fma")) return "fma";
#endif
#if defined(__AVX__)
    if (!__builtin_cpu_supports("avx")) return "avx";
#endif
#endif
    return NULL;
}

int csupport_vector_register_doubles(void) {
#if defined(__AVX512F__)
    return 8;
#elif defined(__AVX__)
    return 4;
#else
    return 2;
#endif
}

extern void openblas_set_num_threads(int);
void csupport_blas_set_threads(int n) { openblas_set_num_threads(n); }

void csupport_cpu_relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static volatile sig_atomic_t stop_requested = 0;
static volatile sig_atomic_t stop_signal = 0;

// CLOCK_MONOTONIC time of the latest stop signal in nanoseconds: a lock-free atomic, which a
// signal handler may write (C11 7.14.1.1), and clock_gettime is async-signal-safe.
static _Atomic long long stop_signal_nanoseconds = 0;

static long long monotonic_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

static void request_stop(int signal_number) {
    atomic_store(&stop_signal_nanoseconds, monotonic_nanoseconds());
    stop_requested = 1;
    stop_signal = signal_number;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

void csupport_stop_on_signals(void) {
    signal(SIGINT, request_stop);
    signal(SIGTERM, request_stop);
}
int csupport_stop_signal(void) { return stop_signal; }
int csupport_stop_requested(void) { return stop_requested; }
double csupport_seconds_since_stop_signal(void) {
    return stop_signal == 0 ? -1 : 1e-9 * (double)(monotonic_nanoseconds() - atomic_load(&stop_signal_nanoseconds));
}
void csupport_set_stop_requested(int requested) { stop_requested = requested ? 1 : 0; }
