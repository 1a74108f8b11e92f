#include "CSupport.h"
#include <stddef.h>
#include <signal.h>

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

static void request_stop(int signal_number) {
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
void csupport_set_stop_requested(int requested) { stop_requested = requested ? 1 : 0; }
