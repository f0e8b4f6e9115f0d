/* SPDX-License-Identifier: EUPL-1.2 */
/* Running the parts of one call on several threads.  Internal. */
#ifndef OPV_LIB_PARALLEL_H
#define OPV_LIB_PARALLEL_H

#include <stddef.h>

/* Most threads for one call. */
#define OPV__MAX_THREADS 256

/*
 * Runs fn on each of n <= OPV__MAX_THREADS jobs (an array of job_size-byte
 * records), job 0 on the calling thread.  A thread that cannot be started is
 * no error: its job runs on the calling thread instead, with the same result.
 */
void opv__run_parallel(void *(*fn)(void *), void *jobs, size_t job_size, unsigned n);

#endif
