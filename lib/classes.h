/* SPDX-License-Identifier: EUPL-1.2 */
/* Weights that take few values, found from a sample.  Internal. */
#ifndef OPV_LIB_CLASSES_H
#define OPV_LIB_CLASSES_H

#include <stddef.h>

/* At most this many values make classes; more give up the sample. */
#define OPV__CLASS_MOST 32

/* The values the positive weights take, and about how many units have each. */
struct opv__classes {
	double value[OPV__CLASS_MOST];
	double units[OPV__CLASS_MOST];
	size_t count;
};

/*
 * Whether the positive weights of w[0..n) fall in classes: a sample of
 * OPV__CLASS_SAMPLE weights spread evenly over the input finds at most
 * OPV__CLASS_MOST values, and the classes, counted at the rate of the
 * sample, make up `weight_sum` to within an eighth.  The counts are
 * fractions of `positive`, the units of positive weight, or where it is 0
 * (not known) of all n units at the rate of the positive weights sampled.
 * Each count lies within about 3% of the units of its true count (one
 * standard deviation).  Other weights give up at the OPV__CLASS_MOST-th
 * value, after a few dozen reads.
 */
#define OPV__CLASS_SAMPLE 1024

/* The blocks, spread over all units, over which both methods count the
 * classes again, every unit of each (about 16,000 units with blocks of
 * 256): each class to within some 2,000 units at 10^6 (one standard
 * deviation), where the 1024 weights sampled give an eighth of a class. */
#define OPV__CLASS_COUNT_BLOCKS 64
int opv__sample_classes(struct opv__classes *c, const double *w, size_t n, size_t positive,
                        double weight_sum);

#endif
