/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A fault-injecting allocator for the allocation-failure tests.  Linked with
 * -Wl,--wrap=malloc,... it stands between the library (and the CLI) and the C
 * library's allocator, and jansson allocates through it as well
 * (json_set_alloc_funcs()).  Allocation attempts are numbered from 0 after
 * failmalloc_fail_at(); the attempt numbered `n` returns NULL and the ones
 * after it succeed again ("one-shot"), so the code that handles the failure
 * is itself run with a working allocator.
 */
#ifndef OPV_FAILMALLOC_H
#define OPV_FAILMALLOC_H

/* Starts counting from 0; attempt `n` fails.  A negative n fails nothing. */
void failmalloc_fail_at(long n);

/*
 * While paused, allocations are neither counted nor failed (but still count
 * as live): the test's own work between library calls.
 */
void failmalloc_pause(void);
void failmalloc_resume(void);

/* Allocation attempts since the last failmalloc_fail_at(). */
long failmalloc_attempts(void);

/* 1 when the attempt that was to fail has been made. */
int failmalloc_fired(void);

/* Blocks allocated through the wrappers and not yet freed. */
long failmalloc_live(void);

#endif
