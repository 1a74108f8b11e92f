// Debian's libopenblas-dev installs cblas.h under the openblas-pthread include dir that
// `pkg-config --cflags openblas` names.
#include <cblas.h>

// LAPACK (OpenBLAS ships it; Debian installs no lapack.h beside cblas.h): Cholesky factor
// and solve for the Gauss–Newton normal equations. Fortran calling convention: every
// argument by pointer, column-major (a symmetric matrix is its own transpose, so a
// row-major upper triangle is a column-major lower one).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
