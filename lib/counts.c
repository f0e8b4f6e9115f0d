/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Exact distributions by counting (counts.h).  A distribution is either the
 * list of its values (4 bytes each) or counters over a window of consecutive
 * values (8 bytes each), whichever is smaller: values become counters once
 * they outnumber twice their spread, and counters go back to a list when a
 * value far off would make the window more than twice the values.  So the
 * memory stays within about min(4 values, 8 spread), whatever the order in
 * which values and merges come.
 */
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "percentile.h"

/* Values below this many stay a list: counters are not worth their setup. */
#define LIST_AT_LEAST 64

static uint64_t spread(int64_t lo, int64_t hi)
{
	return (uint64_t)(hi - lo) + 1;
}

/* Counters are worth it when the values outnumber twice the spread. */
static int counters_pay(uint64_t values, uint64_t spread_)
{
	return values >= LIST_AT_LEAST && 2 * spread_ <= values;
}

/* Counters over exactly [lo, hi], holding what `c` holds. */
static int set_window(struct opv__counts *c, int64_t lo, int64_t hi)
{
	size_t len = (size_t)spread(lo, hi), i;
	uint64_t *count = calloc(len, sizeof *count);
	if (!count)
		return -1;
	if (c->count) {
		memcpy(count + (c->lo - lo), c->count, c->len * sizeof *count);
		free(c->count);
	} else {
		for (i = 0; i < c->nvalues; i++)
			count[c->value[i] - lo]++;
		free(c->value);
		c->value = NULL;
		c->total = c->nvalues;
		c->nvalues = c->capacity = 0;
	}
	c->count = count;
	c->lo = lo;
	c->len = len;
	return 0;
}

static int append(struct opv__counts *c, int32_t value)
{
	if (c->nvalues == c->capacity) {
		size_t capacity = c->capacity ? 2 * c->capacity : 16;
		int32_t *grown = realloc(c->value, capacity * sizeof *grown);
		if (!grown)
			return -1;
		c->value = grown;
		c->capacity = capacity;
	}
	if (c->nvalues == 0 || value < c->min)
		c->min = value;
	if (c->nvalues == 0 || value > c->max)
		c->max = value;
	c->value[c->nvalues++] = value;
	return 0;
}

/* From counters back to the list of their values. */
static int to_list(struct opv__counts *c)
{
	uint64_t *count = c->count;
	int64_t lo = c->lo;
	size_t len = c->len, i;
	uint64_t k;
	c->value = malloc((size_t)(c->total ? c->total : 1) * sizeof *c->value);
	if (!c->value)
		return -1;
	c->capacity = (size_t)(c->total ? c->total : 1);
	c->nvalues = 0;
	c->count = NULL;
	c->len = 0;
	c->total = 0;
	for (i = 0; i < len; i++)
		for (k = 0; k < count[i]; k++)
			append(c, (int32_t)(lo + (int64_t)i)); /* room was made above */
	free(count);
	return 0;
}

/* Counts `value` `times` times into counters, growing or giving up the window. */
static int add_to_counters(struct opv__counts *c, int64_t value, uint64_t times)
{
	int64_t hi = c->lo + (int64_t)c->len - 1;
	if (value < c->lo || value > hi) {
		int64_t lo = value < c->lo ? value : c->lo;
		int64_t top = value > hi ? value : hi;
		if (!counters_pay(c->total + times, spread(lo, top))) {
			uint64_t k;
			if (to_list(c))
				return -1;
			for (k = 0; k < times; k++)
				if (append(c, (int32_t)value))
					return -1;
			return 0;
		}
		/* Twice the room on the side the value came from, while that still pays. */
		if (value < c->lo && counters_pay(c->total + times, spread(top - 2 * (int64_t)c->len, top)))
			lo = lo < top - 2 * (int64_t)c->len ? lo : top - 2 * (int64_t)c->len;
		else if (value > hi && counters_pay(c->total + times, spread(lo, lo + 2 * (int64_t)c->len)))
			top = top > lo + 2 * (int64_t)c->len ? top : lo + 2 * (int64_t)c->len;
		if (lo < 0)
			lo = value < 0 ? value : 0;
		if (set_window(c, lo, top))
			return -1;
	}
	c->count[value - c->lo] += times;
	c->total += times;
	return 0;
}

int opv__counts_add(struct opv__counts *c, int64_t value)
{
	if (c->count)
		return add_to_counters(c, value, 1);
	if (append(c, (int32_t)value))
		return -1;
	if (counters_pay(c->nvalues, spread(c->min, c->max)))
		return set_window(c, c->min, c->max);
	return 0;
}

int opv__counts_merge(struct opv__counts *into, const struct opv__counts *from)
{
	size_t i;
	uint64_t k;
	if (!from->count) {
		for (i = 0; i < from->nvalues; i++)
			if (opv__counts_add(into, from->value[i]))
				return -1;
		return 0;
	}
	if (from->total == 0)
		return 0;
	{
		/* The smallest and largest value of both, and how many they are. */
		int64_t lo = from->lo, hi = from->lo + (int64_t)from->len - 1;
		uint64_t values = from->total + (into->count ? into->total : into->nvalues);
		if (into->count) {
			lo = into->lo < lo ? into->lo : lo;
			hi = into->lo + (int64_t)into->len - 1 > hi ? into->lo + (int64_t)into->len - 1 : hi;
		} else if (into->nvalues) {
			lo = into->min < lo ? into->min : lo;
			hi = into->max > hi ? into->max : hi;
		}
		if (counters_pay(values, spread(lo, hi))) {
			if ((!into->count || lo < into->lo || hi > into->lo + (int64_t)into->len - 1) &&
			    set_window(into, lo, hi))
				return -1;
			for (i = 0; i < from->len; i++)
				into->count[from->lo + (int64_t)i - into->lo] += from->count[i];
			into->total += from->total;
			return 0;
		}
	}
	/* Few values spread wide: as a list. */
	if (into->count && to_list(into))
		return -1;
	for (i = 0; i < from->len; i++)
		for (k = 0; k < from->count[i]; k++)
			if (append(into, (int32_t)(from->lo + (int64_t)i)))
				return -1;
	return 0;
}

uint64_t opv__counts_total(const struct opv__counts *c)
{
	return c->count ? c->total : c->nvalues;
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
