/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Resident memory of this process, to report what one case needs.
 *
 * getrusage()'s ru_maxrss is a high-water mark for the whole life of the
 * process, and on Linux it even starts from the peak of the process that
 * exec'd it (a Python harness with NumPy loaded, say).  So each case first
 * resets the kernel's high-water mark (/proc/self/clear_refs, Linux 4.0 and
 * later) and then reads VmHWM, which covers that case alone.  Where the
 * reset is not possible, the peak is ru_maxrss and says so.
 */
#ifndef BENCH_MEMORY_H
#define BENCH_MEMORY_H

struct bench_memory {
	long current_kib;   /* VmRSS when the case starts: its inputs are allocated */
	long peak_kib;      /* VmHWM after the case, or ru_maxrss */
	long maxrss_kib;    /* getrusage(RUSAGE_SELF) ru_maxrss after the case */
	int peak_is_reset;  /* 1: peak_kib covers this case only */
};

/* Resets the high-water mark and records the current size.  Call before the case. */
void bench_memory_start(struct bench_memory *m);

/* Records the peak.  Call after the case. */
void bench_memory_stop(struct bench_memory *m);

#endif
