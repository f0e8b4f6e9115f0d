/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The units a rounding pass is not sure of, gathered from the groups its
 * loop found them in, to be settled WINDOW_BATCH or more at a time, four to
 * a vector: one or two of a group, in no lane one could foretell, which
 * settled with their group would fill a vector with three lanes of nothing.
 * The loop marks them in a mask of its group's lanes as it goes (bit j for
 * the group's unit j), with no branch on each vector.
 * Shared by the round loops of hamilton_stream.c and divisor_stream.c.
 * Internal; include it after vector.h.
 */
#ifndef OPV_LIB_WINDOW_UNITS_H
#define OPV_LIB_WINDOW_UNITS_H

#define WINDOW_BATCH 64
/* the most units a group of a round loop holds: at most 64, a bit each */
#define WINDOW_GROUP_MOST (8 * LANES)

struct window_units {
	size_t count;
	double weight[WINDOW_BATCH + WINDOW_GROUP_MOST + LANES];
	int64_t rounded[WINDOW_BATCH + WINDOW_GROUP_MOST + LANES];  /* the seats the loop wrote */
	size_t index[WINDOW_BATCH + WINDOW_GROUP_MOST + LANES];
};

/* The units i + j of a group, for each bit j set in `lanes`, onto *units:
 * their weights and the seats the loop wrote for them. */
INLINE void window_units_add(struct window_units *units, const double *w, const int64_t *seats,
                             size_t i, uint64_t lanes)
{
	for (; lanes; lanes &= lanes - 1) {
		size_t j = (size_t)__builtin_ctzll(lanes);
		units->weight[units->count] = w[i + j];
		units->rounded[units->count] = seats[i + j];
		units->index[units->count++] = i + j;
	}
}

/* Lanes of weight 0 up to a whole vector past the last unit: no seat. */
INLINE void window_units_pad(struct window_units *units)
{
	size_t j;
	for (j = units->count; j % LANES; j++) {
		units->weight[j] = 0;
		units->rounded[j] = 0;
		units->index[j] = 0;
	}
}

#endif
