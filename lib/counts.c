/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Exact distributions by counting (counts.h).  The counters cover one
 * window of consecutive values; a value outside it doubles the window (at
 * least) towards it, so adding n values costs O(n) plus O(spread) in all.
 */
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "percentile.h"

static int grow(struct opv__counts *c, int64_t value, size_t *cells)
{
	int64_t lo, hi;
	size_t len;
	uint64_t *count;
	if (c->len == 0) {
		lo = value;
		len = 1;
	} else {
		lo = value < c->lo ? value : c->lo;
		hi = value > c->lo + (int64_t)c->len - 1 ? value : c->lo + (int64_t)c->len - 1;
		len = (size_t)(hi - lo + 1);
		if (len < 2 * c->len)
			len = 2 * c->len;
		/* Room on the side the value came from. */
		if (value < c->lo)
			lo = c->lo + (int64_t)c->len - (int64_t)len;
	}
	if (len - c->len > OPV__COUNTS_MAX_CELLS - *cells)
		return -1;
	count = calloc(len, sizeof *count);
	if (!count)
		return -1;
	if (c->len)
		memcpy(count + (c->lo - lo), c->count, c->len * sizeof *count);
	free(c->count);
	*cells += len - c->len;
	c->count = count;
	c->lo = lo;
	c->len = len;
	return 0;
}

int opv__counts_add(struct opv__counts *c, int64_t value, uint64_t times, size_t *cells)
{
	if ((value < c->lo || value >= c->lo + (int64_t)c->len) && grow(c, value, cells))
		return -1;
	c->count[value - c->lo] += times;
	return 0;
}

int opv__counts_merge(struct opv__counts *into, const struct opv__counts *from, size_t *cells)
{
	size_t i;
	if (from->len == 0)
		return 0;
	/* The two ends first: the window grows once. */
	if (opv__counts_add(into, from->lo, 0, cells) ||
	    opv__counts_add(into, from->lo + (int64_t)from->len - 1, 0, cells))
		return -1;
	for (i = 0; i < from->len; i++)
		into->count[from->lo + (int64_t)i - into->lo] += from->count[i];
	return 0;
}

uint64_t opv__counts_total(const struct opv__counts *c)
{
	uint64_t total = 0;
	size_t i;
	for (i = 0; i < c->len; i++)
		total += c->count[i];
	return total;
}

uint64_t opv__counts_of(const struct opv__counts *c, int64_t value)
{
	if (value < c->lo || value >= c->lo + (int64_t)c->len)
		return 0;
	return c->count[value - c->lo];
}

/* The value of rank k (from 0), for k below the total. */
static int64_t value_of_rank(const struct opv__counts *c, uint64_t k)
{
	uint64_t seen = 0;
	size_t i;
	for (i = 0; i + 1 < c->len && seen + c->count[i] <= k; i++)
		seen += c->count[i];
	return c->lo + (int64_t)i;
}

void opv__counts_percentiles(double *out, const double *p, size_t m, const struct opv__counts *c)
{
	uint64_t n = opv__counts_total(c);
	size_t j;
	for (j = 0; j < m; j++) {
		uint64_t base = (uint64_t)((double)(n - 1) * p[j]);
		double low = (double)value_of_rank(c, base);
		double high = (double)value_of_rank(c, base + (base + 1 < n));
		out[j] = opv__lerp((double)(n - 1) * p[j], low, high);
	}
}

void opv__counts_free(struct opv__counts *c)
{
	free(c->count);
	c->count = NULL;
	c->len = 0;
}
