/* SPDX-License-Identifier: EUPL-1.2 */
/* Percentiles of whole numbers, as NumPy computes them.  Internal. */
#ifndef OPV_LIB_PERCENTILE_H
#define OPV_LIB_PERCENTILE_H

#include <stddef.h>
#include <stdint.h>

/* Most percentiles for one call. */
#define OPV__MAX_PERCENTILES 8

/*
 * NumPy's default ('linear') percentiles of a[0..n), n > 0, at the m <= 8
 * fractions p[0..m) in [0, 1]: for h = (n - 1) * p, the values of ranks
 * floor(h) and floor(h) + 1 interpolated as NumPy's _lerp does, so the bits
 * agree.  Reorders a.  O(n): no sort and no allocation.
 */
void opv__linear_percentiles(double *out, const double *p, size_t m, int32_t *a, size_t n);

/* The value at h = (n - 1) p between the values of ranks floor(h) and the
 * one after, from the nearer end, as NumPy's _lerp does. */
double opv__lerp(double h, double low, double high);

#endif
