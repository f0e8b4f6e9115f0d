/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Timing one operation: a warm-up call, then repeats of a batch of calls on
 * the monotonic clock.  Fast calls run in batches long enough that the clock's
 * own cost does not count; the median repeat is the figure reported, because
 * it ignores the odd repeat a busy machine slows down.
 */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

/* One call of the operation under test; nonzero stops the measurement. */
typedef int (*bench_call)(void *context);

struct bench_timing {
	double median;  /* seconds per call, median over the repeats */
	double min;     /* seconds per call, fastest repeat */
	int repeats;
	long batch;     /* calls per repeat */
};

/* Seconds on CLOCK_MONOTONIC. */
double bench_now(void);

/*
 * Times `call`, spending about `budget` seconds, with at least 3 and at most
 * `max_repeats` repeats.  Returns 0, or the first nonzero value of `call`.
 */
int bench_time(struct bench_timing *out, bench_call call, void *context, double budget,
               int max_repeats);

/*
 * Times calls[0..k) one after the other, `rounds` times over, so that all of
 * them meet the same load on a busy machine, and gives each one's median time
 * (seconds[i]) and the median over the rounds of its time divided by that of
 * calls[0] in the same round (ratio[i]), for k up to 16.  Returns 0, the
 * first nonzero value of a call, or -1 for more than 16 calls.
 */
int bench_time_paired(double *seconds, double *ratio, bench_call *calls, void **contexts, int k,
                      int rounds);

#endif
