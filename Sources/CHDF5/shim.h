// HDF5's type ids and property-list defaults are macros (often expanding to globals that
// need H5open() first); Swift cannot import them, so they become functions here.
#include <hdf5.h>
static inline hid_t chdf5_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t chdf5_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t chdf5_c_s1(void) { return H5T_C_S1; }
static inline hid_t chdf5_p_default(void) { return H5P_DEFAULT; }
static inline hid_t chdf5_s_all(void) { return H5S_ALL; }
static inline unsigned chdf5_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned chdf5_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline size_t chdf5_variable(void) { return H5T_VARIABLE; }
// Added by the IO helper (PINN/IO): read-write open, the default error stack (for H5Eset_auto2 / H5Ewalk2),
// the dataset-creation property-list class (for virtual per-step datasets) and the
// "every kind of open object" flag (for the leak check in tests).
static inline unsigned chdf5_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline hid_t chdf5_e_default(void) { return H5E_DEFAULT; }
static inline hid_t chdf5_p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline unsigned chdf5_obj_all(void) { return H5F_OBJ_ALL; }
