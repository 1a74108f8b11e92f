// Open MPI resolved at run time (see CSupportMPI.h). The prototypes below are MPI's with
// every handle (MPI_Comm, MPI_Datatype, MPI_Op) as void *: in Open MPI a handle is the
// address of a predefined object exported by libmpi (MPI_COMM_WORLD is &ompi_mpi_comm_world),
// so dlsym of the object's name gives the handle itself. Only Open MPI is supported: MPICH's
// handles are integers and its library has another soname.
#include "CSupportMPI.h"
#include "CSupport.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*init_thread_f)(int *, char ***, int, int *);
typedef int (*comm_int_f)(void *, int *);
typedef int (*iallgather_f)(const void *, int, void *, void *, int, void *, void *, void **);
typedef int (*test_f)(void **, int *, void *);
typedef int (*abort_f)(void *, int);
typedef int (*finalize_f)(void);

static struct {
    iallgather_f iallgather;
    test_f test;
    abort_f abort;
    finalize_f finalize;
    void *comm_world;
    void *double_type;
} mpi;

// Open MPI's value of MPI_THREAD_FUNNELED: only the main thread calls MPI (the worker
// threads evaluate the loss; the main thread sums across ranks between evaluations).
enum { OMPI_THREAD_FUNNELED = 1 };

static int skip_finalize = 0;

static void finalize_at_exit(void) {
    if (mpi.finalize && !skip_finalize) mpi.finalize();
}

void csupport_mpi_skip_finalize(void) { skip_finalize = 1; }

int csupport_mpi_start(int *rank, int *size, char *error, int error_capacity) {
    *rank = 0;
    *size = 1;
    if (getenv("OMPI_COMM_WORLD_SIZE") == NULL) return 0;
    const char *name = getenv("PINN_MPI_LIBRARY");
    if (name == NULL || name[0] == '\0') name = "libmpi.so.40";
    // RTLD_GLOBAL: Open MPI's components (plugins it dlopens itself) resolve libmpi's
    // symbols from the global scope.
    void *library = dlopen(name, RTLD_NOW | RTLD_GLOBAL);
    if (library == NULL) {
        snprintf(error, (size_t)error_capacity,
                 "launched by mpirun (OMPI_COMM_WORLD_SIZE=%s) but Open MPI's library %s cannot be opened: %s "
                 "(install Open MPI 4.x, e.g. apt-get install openmpi-bin, or set PINN_MPI_LIBRARY to its libmpi.so path)",
                 getenv("OMPI_COMM_WORLD_SIZE"), name, dlerror());
        return -1;
    }
    const char *names[] = {"MPI_Init_thread", "MPI_Comm_rank", "MPI_Comm_size", "MPI_Iallgather", "MPI_Test",
                           "MPI_Abort", "MPI_Finalize", "ompi_mpi_comm_world", "ompi_mpi_double"};
    void *symbols[sizeof names / sizeof names[0]];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        symbols[i] = dlsym(library, names[i]);
        if (symbols[i] == NULL) {
            snprintf(error, (size_t)error_capacity, "%s has no symbol %s (Open MPI 4.x is needed): %s", name, names[i],
                     dlerror());
            return -1;
        }
    }
    init_thread_f init_thread = (init_thread_f)symbols[0];
    comm_int_f comm_rank = (comm_int_f)symbols[1], comm_size = (comm_int_f)symbols[2];
    mpi.iallgather = (iallgather_f)symbols[3];
    mpi.test = (test_f)symbols[4];
    mpi.abort = (abort_f)symbols[5];
    mpi.comm_world = symbols[7];
    mpi.double_type = symbols[8];
    int provided = 0;
    int code = init_thread(NULL, NULL, OMPI_THREAD_FUNNELED, &provided);
    if (code != 0) {
        snprintf(error, (size_t)error_capacity, "MPI_Init_thread failed with code %d", code);
        return -1;
    }
    mpi.finalize = (finalize_f)symbols[6];
    atexit(finalize_at_exit);
    if (comm_rank(mpi.comm_world, rank) != 0 || comm_size(mpi.comm_world, size) != 0) {
        snprintf(error, (size_t)error_capacity, "MPI_Comm_rank or MPI_Comm_size failed on MPI_COMM_WORLD");
        return -1;
    }
    return 1;
}

int csupport_mpi_allgather_doubles(const double *send, double *receive, int count, double patience) {
    void *request = NULL; // MPI_Request: a pointer in Open MPI
    int code = mpi.iallgather(send, count, mpi.double_type, receive, count, mpi.double_type, mpi.comm_world, &request);
    if (code != 0) return code;
    // MPI_Test drives Open MPI's progress engine as the blocking call's own busy wait does;
    // between tests the waiting rank can notice a stop signal, which MPI_Allgather could not.
    for (;;) {
        int done = 0;
        code = mpi.test(&request, &done, NULL); // NULL is Open MPI's MPI_STATUS_IGNORE
        if (code != 0) return code;
        if (done) return 0;
        if (csupport_stop_requested() && csupport_seconds_since_stop_signal() > patience) return CSUPPORT_MPI_ABANDONED;
    }
}

void csupport_mpi_abort(int code) {
    if (mpi.abort) mpi.abort(mpi.comm_world, code);
    exit(code);
}
