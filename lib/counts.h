/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * How many times each whole number occurred: the exact distribution of a
 * week's occupancy (or shortage) over any number of Monte Carlo runs.
 * Internal.
 *
 * Few values are kept as they are; once they outnumber twice the spread
 * between the smallest and the largest, they become counts over that spread,
 * and a value far off that would make the counters cost more than the list
 * turns them back into a list.  So the memory is about min(4 values,
 * 8 spread) bytes: it stops growing with the number of runs once the runs
 * fill the spread, and few values spread wide stay cheap.
 */
#ifndef OPV_LIB_COUNTS_H
#define OPV_LIB_COUNTS_H

#include <stddef.h>
#include <stdint.h>

struct opv__counts {
	/* counts of the values lo .. lo + len - 1, when count != NULL */
	int64_t lo;
	size_t len;
	uint64_t *count;
	uint64_t total;
	/* before that: the values themselves (each within int32) */
	int32_t *value;
	size_t nvalues, capacity;
	int32_t min, max;
};

/* Counts `value` (0 .. 2^31 - 1) once.  Returns 0, or -1 out of memory. */
int opv__counts_add(struct opv__counts *c, int64_t value);

/* Adds every value of `from` to `into`.  Returns 0, or -1 out of memory. */
int opv__counts_merge(struct opv__counts *into, const struct opv__counts *from);

/* The number of values counted. */
uint64_t opv__counts_total(const struct opv__counts *c);

/* How often `value` was counted. */
uint64_t opv__counts_of(const struct opv__counts *c, int64_t value);

/* NumPy's default ('linear') percentiles of the counted values, as
 * opv__linear_percentiles() computes them from the values themselves.
 * Returns 0, or -1 out of memory. */
int opv__counts_percentiles(double *out, const double *p, size_t m, const struct opv__counts *c);

/* Bytes held. */
size_t opv__counts_bytes(const struct opv__counts *c);

void opv__counts_free(struct opv__counts *c);

#endif
