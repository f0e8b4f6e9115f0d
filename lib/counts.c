/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Exact distributions by counting (counts.h).  The counters cover one
 * window of consecutive values; a value outside it doubles the window (at
 * least) towards it, so adding n values costs O(n) plus O(spread) in all.
 * Until the values outnumber twice their spread they are kept in a list,
 * which costs less than counters for few values spread wide.
 */
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "percentile.h"

/* Makes room in the counters for `value`. */
static int grow(struct opv__counts *c, int64_t value)
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
	count = calloc(len, sizeof *count);
	if (!count)
		return -1;
	if (c->len)
		memcpy(count + (c->lo - lo), c->count, c->len * sizeof *count);
	free(c->count);
	c->count = count;
	c->lo = lo;
	c->len = len;
	return 0;
}

static int add_times(struct opv__counts *c, int64_t value, uint64_t times)
{
	if ((value < c->lo || value >= c->lo + (int64_t)c->len || c->len == 0) && grow(c, value))
		return -1;
	c->count[value - c->lo] += times;
	return 0;
}

/* From a list of values to counters over their spread. */
static int to_counters(struct opv__counts *c)
{
	size_t i;
	if (c->count)
		return 0;
	if (c->nvalues > 0) {
		c->count = calloc((size_t)((int64_t)c->max - c->min + 1), sizeof *c->count);
		if (!c->count)
			return -1;
		c->lo = c->min;
		c->len = (size_t)((int64_t)c->max - c->min + 1);
		for (i = 0; i < c->nvalues; i++)
			c->count[c->value[i] - c->min]++;
	} else if (grow(c, 0)) {
		return -1;
	}
	free(c->value);
	c->value = NULL;
	c->nvalues = c->capacity = 0;
	return 0;
}

int opv__counts_add(struct opv__counts *c, int64_t value)
{
	if (c->count)
		return add_times(c, value, 1);
	if (c->nvalues == c->capacity) {
		size_t capacity = c->capacity ? 2 * c->capacity : 16;
		int32_t *grown = realloc(c->value, capacity * sizeof *grown);
		if (!grown)
			return -1;
		c->value = grown;
		c->capacity = capacity;
	}
	if (c->nvalues == 0 || value < c->min)
		c->min = (int32_t)value;
	if (c->nvalues == 0 || value > c->max)
		c->max = (int32_t)value;
	c->value[c->nvalues++] = (int32_t)value;
	/* Counters cost 8 bytes a value of the spread, the list 4 a value. */
	if (c->nvalues >= 64 && 2 * ((uint64_t)((int64_t)c->max - c->min) + 1) <= c->nvalues)
		return to_counters(c);
	return 0;
}

int opv__counts_merge(struct opv__counts *into, const struct opv__counts *from)
{
	size_t i;
	if (!from->count) {
		for (i = 0; i < from->nvalues; i++)
			if (opv__counts_add(into, from->value[i]))
				return -1;
		return 0;
	}
	if (to_counters(into))
		return -1;
	/* The two ends first: the window grows once. */
	if (add_times(into, from->lo, 0) || add_times(into, from->lo + (int64_t)from->len - 1, 0))
		return -1;
	for (i = 0; i < from->len; i++)
		into->count[from->lo + (int64_t)i - into->lo] += from->count[i];
	return 0;
}

uint64_t opv__counts_total(const struct opv__counts *c)
{
	uint64_t total = 0;
	size_t i;
	if (!c->count)
		return c->nvalues;
	for (i = 0; i < c->len; i++)
		total += c->count[i];
	return total;
}

uint64_t opv__counts_of(const struct opv__counts *c, int64_t value)
{
	uint64_t n = 0;
	size_t i;
	if (!c->count) {
		for (i = 0; i < c->nvalues; i++)
			n += c->value[i] == value;
		return n;
	}
	if (value < c->lo || value >= c->lo + (int64_t)c->len)
		return 0;
	return c->count[value - c->lo];
}

/* The value of rank k (from 0) of the counters, for k below the total. */
static int64_t value_of_rank(const struct opv__counts *c, uint64_t k)
{
	uint64_t seen = 0;
	size_t i;
	for (i = 0; i + 1 < c->len && seen + c->count[i] <= k; i++)
		seen += c->count[i];
	return c->lo + (int64_t)i;
}

int opv__counts_percentiles(double *out, const double *p, size_t m, const struct opv__counts *c)
{
	uint64_t n = opv__counts_total(c);
	size_t j;
	if (!c->count) { /* a list: select on a copy, as the values themselves would be */
		int32_t *copy = malloc((c->nvalues ? c->nvalues : 1) * sizeof *copy);
		if (!copy)
			return -1;
		memcpy(copy, c->value, c->nvalues * sizeof *copy);
		opv__linear_percentiles(out, p, m, copy, c->nvalues);
		free(copy);
		return 0;
	}
	for (j = 0; j < m; j++) {
		uint64_t base = (uint64_t)((double)(n - 1) * p[j]);
		double low = (double)value_of_rank(c, base);
		double high = (double)value_of_rank(c, base + (base + 1 < n));
		out[j] = opv__lerp((double)(n - 1) * p[j], low, high);
	}
	return 0;
}

size_t opv__counts_bytes(const struct opv__counts *c)
{
	return c->len * sizeof *c->count + c->capacity * sizeof *c->value;
}

void opv__counts_free(struct opv__counts *c)
{
	free(c->count);
	free(c->value);
	memset(c, 0, sizeof *c);
}
