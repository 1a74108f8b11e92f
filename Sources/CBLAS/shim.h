// Debian's libopenblas-dev installs cblas.h under the openblas-pthread include dir that
// `pkg-config --cflags openblas` names.
#include <cblas.h>
