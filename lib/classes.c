/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Weights that take few values, as whole numbers from a short range do.
 * Both methods' fast routes must know them: rounding moves a whole class of
 * units at a time, and the seats stop inside one.  The divisor methods put
 * their divisor beside that class's priority (divisor.c), Hamilton its
 * threshold beside that class's remainder (hamilton_stream.c).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "classes.h"

#define SLOTS 64  /* a power of two, above OPV__CLASS_MOST: an open hash table */

int opv__sample_classes(struct opv__classes *c, const double *w, size_t n, size_t positive,
                        double weight_sum)
{
	double slot_value[SLOTS];
	size_t slot_count[SLOTS] = { 0 }, step = n / OPV__CLASS_SAMPLE, seen = 0, j, h;
	double weight = 0, units;
	c->count = 0;
	if (n < OPV__CLASS_SAMPLE)
		return 0;
	for (j = 0; j < OPV__CLASS_SAMPLE; j++) {
		double x = w[j * step + step / 2];
		uint64_t bits;
		if (!(x > 0))
			continue;
		memcpy(&bits, &x, sizeof bits);
		h = (size_t)((bits * UINT64_C(0x9E3779B97F4A7C15)) >> 58);  /* 6 bits */
		while (slot_count[h] > 0 && slot_value[h] != x)
			h = (h + 1) % SLOTS;
		if (slot_count[h] == 0) {
			if (c->count == OPV__CLASS_MOST)
				return 0;
			slot_value[h] = x;
			c->count++;
		}
		slot_count[h]++;
		seen++;
	}
	if (seen < OPV__CLASS_SAMPLE / 4 || seen < 8 * c->count)
		return 0;  /* too few to count the classes by */
	units = positive ? (double)positive : (double)n * (double)seen / OPV__CLASS_SAMPLE;
	c->count = 0;
	for (h = 0; h < SLOTS; h++) {
		if (slot_count[h] == 0)
			continue;
		c->value[c->count] = slot_value[h];
		c->units[c->count] = (double)slot_count[h] / (double)seen * units;
		weight += c->units[c->count++] * slot_value[h];
	}
	/* a sample that the input's order misleads: its classes do not make
	 * up the weights' sum (to within a few of its standard deviations) */
	return fabs(weight - weight_sum) <= weight_sum / 8;
}
