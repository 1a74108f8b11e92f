#ifndef CSUPPORT_MPI_H
#define CSUPPORT_MPI_H
/// MPI at run time, without MPI headers or a link-time dependency: when the process was
/// launched by Open MPI's mpirun (OMPI_COMM_WORLD_SIZE is set), libmpi.so.40 is opened with
/// dlopen and the few calls data-parallel training needs are resolved with dlsym. Outside
/// mpirun nothing is loaded and the world is one rank.

/// Starts MPI when launched under mpirun. Returns 0 (not under mpirun: *rank = 0, *size = 1),
/// 1 (MPI started; the rank and size are set; MPI_Finalize runs at exit) or -1 (under mpirun
/// but MPI could not be started: `error` holds why, NUL-terminated).
int csupport_mpi_start(int *rank, int *size, char *error, int error_capacity);
/// What csupport_mpi_allgather_doubles returns when it gave up waiting for the other ranks.
enum { CSUPPORT_MPI_ABANDONED = -2 };
/// An all-gather of `count` doubles from every rank into `receive` ([size × count], rank
/// order) on MPI_COMM_WORLD (MPI_Iallgather, then MPI_Test until done). Returns MPI's error
/// code (0 on success), or CSUPPORT_MPI_ABANDONED when a stop signal (SIGINT, SIGTERM; see
/// csupport_stop_on_signals) came more than `patience` seconds ago and the gather has still
/// not completed: some rank is gone, and the caller must not touch `receive` again.
int csupport_mpi_allgather_doubles(const double *send, double *receive, int count, double patience);
/// Exit without MPI_Finalize: after a stop signal Open MPI is ending the job, and its
/// MPI_Finalize would wait for that teardown (up to SIGKILL) instead of returning.
void csupport_mpi_skip_finalize(void);
/// MPI_Abort on MPI_COMM_WORLD: ends every rank of the job with `code`.
void csupport_mpi_abort(int code);
#endif
