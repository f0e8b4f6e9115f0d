/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdlib.h>
#include <time.h>

#include "bench_timing.h"

/* A repeat shorter than this would measure the clock as much as the call. */
#define MIN_REPEAT_SECONDS 2e-3
#define MAX_REPEATS_CAP 1001

double bench_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int bench_time(struct bench_timing *out, bench_call call, void *context, double budget,
               int max_repeats)
{
	double samples[MAX_REPEATS_CAP];
	double start, first;
	long batch = 1, i;
	int repeats, r, rc;

	/* The warm-up call also tells how long one call takes. */
	start = bench_now();
	if ((rc = call(context)))
		return rc;
	first = bench_now() - start;
	if (first < MIN_REPEAT_SECONDS)
		batch = (long)(MIN_REPEAT_SECONDS / (first > 1e-9 ? first : 1e-9)) + 1;

	repeats = (int)(budget / (first * (double)batch));
	if (repeats > max_repeats)
		repeats = max_repeats;
	if (repeats > MAX_REPEATS_CAP)
		repeats = MAX_REPEATS_CAP;
	if (repeats < 3)
		repeats = 3;
	/* Odd, so that the median is one of the samples. */
	repeats |= 1;

	for (r = 0; r < repeats; r++) {
		start = bench_now();
		for (i = 0; i < batch; i++)
			if ((rc = call(context)))
				return rc;
		samples[r] = (bench_now() - start) / (double)batch;
	}
	qsort(samples, (size_t)repeats, sizeof samples[0], by_value);
	out->median = samples[repeats / 2];
	out->min = samples[0];
	out->repeats = repeats;
	out->batch = batch;
	return 0;
}

#define MAX_PAIRED 16

int bench_time_paired(double *seconds, double *ratio, bench_call *calls, void **contexts, int k,
                      int rounds)
{
	static double times[MAX_PAIRED][MAX_REPEATS_CAP], ratios[MAX_PAIRED][MAX_REPEATS_CAP];
	int r, i, rc;
	if (k > MAX_PAIRED)
		return -1;
	if (rounds > MAX_REPEATS_CAP)
		rounds = MAX_REPEATS_CAP;
	for (i = 0; i < k; i++) /* warm-up */
		if ((rc = calls[i](contexts[i])))
			return rc;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < k; i++) {
			double start = bench_now();
			if ((rc = calls[i](contexts[i])))
				return rc;
			times[i][r] = bench_now() - start;
		}
		for (i = 0; i < k; i++)
			ratios[i][r] = times[i][r] / times[0][r];
	}
	for (i = 0; i < k; i++) {
		qsort(times[i], (size_t)rounds, sizeof times[i][0], by_value);
		qsort(ratios[i], (size_t)rounds, sizeof ratios[i][0], by_value);
		seconds[i] = times[i][rounds / 2];
		ratio[i] = ratios[i][rounds / 2];
	}
	return 0;
}
