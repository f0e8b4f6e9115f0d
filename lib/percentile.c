/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Order statistics of whole numbers by counting rather than by quickselect,
 * whose comparisons with a pivot are a coin toss for the branch predictor.
 *
 * A histogram of the values over at most 4096 buckets, each a range of
 * values, tells in which bucket a rank falls.  When every bucket is a single
 * value that is the answer.  Otherwise the values of the buckets wanted move
 * to the front of the array, and the search goes on within the range of each
 * such bucket, 4096 times narrower each round: at most three rounds for
 * 32-bit values, each one or two passes that hardly branch.
 */
#include <string.h>

#include "percentile.h"

#define BUCKETS 4096

/* The smallest shift that brings span below BUCKETS. */
static unsigned shift_for(uint64_t span)
{
	unsigned s = 0;
	while ((span >> s) >= BUCKETS)
		s++;
	return s;
}

static size_t bucket_of(int32_t v, int32_t lo, unsigned shift)
{
	return (size_t)((uint32_t)((int64_t)v - lo) >> shift);
}

/* The bucket that holds rank k; *below: how many values the lower ones hold. */
static size_t bucket_of_rank(const uint32_t *count, size_t buckets, size_t k, size_t *below)
{
	size_t b, seen = 0;
	for (b = 0; b + 1 < buckets && seen + count[b] <= k; b++)
		seen += count[b];
	*below = seen;
	return b;
}

/* The last value of the bucket that starts at `first`. */
static int32_t bucket_end(int32_t first, unsigned shift, int32_t hi)
{
	int64_t end = (int64_t)first + ((int64_t)1 << shift) - 1;
	return end < hi ? (int32_t)end : hi;
}

/* The value of rank k (from 0) among the values of a[0..n) that lie in
 * [lo, hi], of which there are more than k.  Reorders a, keeping its values. */
static int32_t kth_in_range(int32_t *a, size_t n, int32_t lo, int32_t hi, size_t k)
{
	uint32_t count[BUCKETS];
	for (;;) {
		unsigned shift = shift_for((uint64_t)((int64_t)hi - lo));
		size_t buckets = bucket_of(hi, lo, shift) + 1, b, below, i, j;
		memset(count, 0, buckets * sizeof *count);
		for (i = 0; i < n; i++)
			if (a[i] >= lo && a[i] <= hi)
				count[bucket_of(a[i], lo, shift)]++;
		b = bucket_of_rank(count, buckets, k, &below);
		if (shift == 0)
			return (int32_t)((int64_t)lo + (int64_t)b);
		k -= below;
		lo = (int32_t)((int64_t)lo + ((int64_t)b << shift));
		hi = bucket_end(lo, shift, hi);
		for (i = j = 0; i < n; i++) {
			if (a[i] >= lo && a[i] <= hi) {
				int32_t t = a[i];
				a[i] = a[j];
				a[j++] = t;
			}
		}
		n = j;
	}
}

void opv__linear_percentiles(double *out, const double *p, size_t m, int32_t *a, size_t n)
{
	uint32_t count[BUCKETS];
	unsigned char wanted[BUCKETS];
	size_t rank[2 * OPV__MAX_PERCENTILES], bucket[2 * OPV__MAX_PERCENTILES];
	size_t below[2 * OPV__MAX_PERCENTILES];
	int32_t value[2 * OPV__MAX_PERCENTILES], lo = a[0], hi = a[0];
	size_t buckets, i, j, kept;
	unsigned shift;

	if (m > OPV__MAX_PERCENTILES)
		m = OPV__MAX_PERCENTILES;
	for (i = 1; i < n; i++) {
		lo = a[i] < lo ? a[i] : lo;
		hi = a[i] > hi ? a[i] : hi;
	}
	shift = shift_for((uint64_t)((int64_t)hi - lo));
	buckets = bucket_of(hi, lo, shift) + 1;
	memset(count, 0, buckets * sizeof *count);
	for (i = 0; i < n; i++)
		count[bucket_of(a[i], lo, shift)]++;

	/* Ranks floor(h) and the one after it (the same one at the top). */
	for (j = 0; j < 2 * m; j++) {
		size_t base = (size_t)((double)(n - 1) * p[j / 2]);
		rank[j] = base + (j % 2 == 1 && base + 1 < n);
		bucket[j] = bucket_of_rank(count, buckets, rank[j], &below[j]);
		value[j] = (int32_t)((int64_t)lo + ((int64_t)bucket[j] << shift));
	}
	if (shift > 0) {
		memset(wanted, 0, buckets);
		for (j = 0; j < 2 * m; j++)
			wanted[bucket[j]] = 1;
		for (i = kept = 0; i < n; i++) {
			if (wanted[bucket_of(a[i], lo, shift)]) {
				int32_t t = a[i];
				a[i] = a[kept];
				a[kept++] = t;
			}
		}
		for (j = 0; j < 2 * m; j++)
			value[j] = kth_in_range(a, kept, value[j], bucket_end(value[j], shift, hi),
			                        rank[j] - below[j]);
	}

	for (j = 0; j < m; j++)
		out[j] = opv__lerp((double)(n - 1) * p[j], (double)value[2 * j], (double)value[2 * j + 1]);
}

double opv__lerp(double h, double low, double high)
{
	double frac = h - (double)(size_t)h, step = high - low;
	return frac >= 0.5 ? high - step * (1.0 - frac) : low + step * frac;
}
