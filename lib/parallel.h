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

/* Fewer units a thread than this cost more to start than they save. */
#define OPV__UNITS_PER_THREAD ((size_t)1 << 17)

/* The threads for a pass over n units: at most `threads`, each with about
 * OPV__UNITS_PER_THREAD units or more (parts start on a multiple of their
 * alignment), and at least one. */
static inline unsigned opv__threads_for(size_t n, unsigned threads)
{
	size_t most = n / OPV__UNITS_PER_THREAD;
	unsigned t = most < threads ? (unsigned)most : threads;
	return t > 1 ? t : 1;
}

/* Where part k of n units split into `parts` about equal ones starts, on a
 * multiple of `align` (a power of two): 0 for the first, n for k = parts,
 * the end of the last. */
static inline size_t opv__part_start(size_t n, size_t parts, size_t k, size_t align)
{
	return k == 0 ? 0 : k >= parts ? n : (n / parts * k) & ~(align - 1);
}

#endif
