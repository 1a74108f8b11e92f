#include <fftw3.h>
// FFTW planner flags are macros with shifts; expose them as functions for Swift.
static inline unsigned cfftw_estimate(void) { return FFTW_ESTIMATE; }
static inline unsigned cfftw_measure(void) { return FFTW_MEASURE; }
static inline unsigned cfftw_patient(void) { return FFTW_PATIENT; }
static inline unsigned cfftw_destroy_input(void) { return FFTW_DESTROY_INPUT; }
static inline unsigned cfftw_preserve_input(void) { return FFTW_PRESERVE_INPUT; }
