/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * How many times each whole number occurred: the exact distribution of a
 * week's occupancy (or shortage) over any number of Monte Carlo runs, in
 * memory that grows with the spread of the values, not with the number of
 * runs.  Internal.
 */
#ifndef OPV_LIB_COUNTS_H
#define OPV_LIB_COUNTS_H

#include <stddef.h>
#include <stdint.h>

/* Counts of the values lo .. lo + len - 1; len 0 before the first value. */
struct opv__counts {
	int64_t lo;
	size_t len;
	uint64_t *count;
};

/* Most counters in all the counts of one call (1 GiB of them): a
 * distribution spread wider is refused rather than swapped to death. */
#define OPV__COUNTS_MAX_CELLS ((size_t)1 << 27)

/*
 * Counts `value` `times` times.  *cells is the running total of counters
 * of the caller's counts, kept within OPV__COUNTS_MAX_CELLS.  Returns 0, or
 * -1 when the counters cannot grow (no memory, or past the limit).
 */
int opv__counts_add(struct opv__counts *c, int64_t value, uint64_t times, size_t *cells);

/* Adds every count of `from` to `into`, as opv__counts_add() does. */
int opv__counts_merge(struct opv__counts *into, const struct opv__counts *from, size_t *cells);

/* The number of values counted. */
uint64_t opv__counts_total(const struct opv__counts *c);

/* How often `value` was counted. */
uint64_t opv__counts_of(const struct opv__counts *c, int64_t value);

/* NumPy's default ('linear') percentiles of the counted values, as
 * opv__linear_percentiles() computes them from the values themselves. */
void opv__counts_percentiles(double *out, const double *p, size_t m, const struct opv__counts *c);

void opv__counts_free(struct opv__counts *c);

#endif
