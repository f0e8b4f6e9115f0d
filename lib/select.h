/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Hoare's selection (quickselect), generated for an element type and an
 * order: OPV__DEFINE_SELECT(name, type, before) defines
 *
 *     static void name(type *a, size_t n, size_t k);
 *
 * which moves the element of rank k (0-based, in `before` order) to a[k], the
 * k elements before it in that order to a[0..k) and the rest after it.
 * `before(x, y)` takes two pointers and must be a strict order; with a total
 * order (ties broken by an index) equal keys cannot make it quadratic.
 * Expected O(n), median-of-three pivot.  A macro rather than a function with
 * a comparison callback because the hot paths that use it cannot afford a
 * call per comparison.  Internal.
 */
#ifndef OPV_LIB_SELECT_H
#define OPV_LIB_SELECT_H

#include <stddef.h>

#define OPV__DEFINE_SELECT(name, type, before)                                      \
	static void name(type *a, size_t n, size_t k)                                   \
	{                                                                               \
		size_t lo = 0, hi;                                                          \
		if (n == 0 || k >= n)                                                       \
			return;                                                                 \
		hi = n - 1;                                                                 \
		while (hi > lo) {                                                           \
			size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;                        \
			type pivot, t;                                                          \
			if (before(&a[mid], &a[lo])) { t = a[mid]; a[mid] = a[lo]; a[lo] = t; } \
			if (before(&a[hi], &a[lo])) { t = a[hi]; a[hi] = a[lo]; a[lo] = t; }    \
			if (before(&a[hi], &a[mid])) { t = a[hi]; a[hi] = a[mid]; a[mid] = t; } \
			pivot = a[mid];                                                         \
			while (i <= j) {                                                        \
				while (before(&a[i], &pivot))                                       \
					i++;                                                            \
				while (before(&pivot, &a[j]))                                       \
					j--;                                                            \
				if (i <= j) {                                                       \
					t = a[i];                                                       \
					a[i] = a[j];                                                    \
					a[j] = t;                                                       \
					i++;                                                            \
					if (j == 0)                                                     \
						break;                                                      \
					j--;                                                            \
				}                                                                   \
			}                                                                       \
			if (k <= j)                                                             \
				hi = j;                                                             \
			else if (k >= i)                                                        \
				lo = i;                                                             \
			else                                                                    \
				return;                                                             \
		}                                                                           \
	}

#endif
