/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Four doubles at a time for the streaming passes over long inputs, with
 * GCC's vector extensions (also understood by clang): portable C that the
 * compiler maps to SSE2, AVX2 or NEON, or splits where vectors are narrower.
 * Internal; include it in the .c file of the passes only.
 */
#ifndef OPV_LIB_VECTOR_H
#define OPV_LIB_VECTOR_H

#include <stdint.h>
#include <string.h>

#define TWO_52 4503599627370496.0

/* The vectors never cross a function boundary, so the warning that their
 * calling convention depends on AVX does not apply. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
typedef double vdouble __attribute__((vector_size(32)));
typedef int64_t vint64 __attribute__((vector_size(32)));
typedef int32_t vint32 __attribute__((vector_size(16)));
#define LANES 4

/* The passes, compiled once more for AVX2 and picked when the processor has
 * it, by an ifunc resolver.  ThreadSanitizer's instrumentation cannot run in
 * a resolver, which runs before it is set up: no clones under it. */
#if defined(__SANITIZE_THREAD__)
#define NO_CLONES
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NO_CLONES
#endif
#endif
#if defined(__x86_64__) && defined(__has_attribute) && !defined(NO_CLONES)
#if __has_attribute(target_clones)
#define PASS __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef PASS
#define PASS
#endif
#define INLINE static inline __attribute__((always_inline))

/* Vectors pass through pointers, never by value: that would make their
 * calling convention depend on AVX. */

INLINE void load(vdouble *v, const double *w, size_t i, size_t n)
{
	double tail[LANES] = { 0, 0, 0, 0 };  /* past the end: zeros */
	if (n - i >= LANES) {
		memcpy(v, w + i, sizeof *v);
		return;
	}
	/* Through an array, not lane by lane: lanes written one at a time
	 * would keep *v in memory on every turn of the caller's loop. */
	memcpy(tail, w + i, (n - i) * sizeof *w);
	memcpy(v, tail, sizeof *v);
}

/* load() for whole numbers: from[i .. i + 4), zeros past n. */
INLINE void load_whole(vint64 *v, const int64_t *from, size_t i, size_t n)
{
	int64_t tail[LANES] = { 0, 0, 0, 0 };
	if (n - i >= LANES) {
		memcpy(v, from + i, sizeof *v);
		return;
	}
	memcpy(tail, from + i, (n - i) * sizeof *from);
	memcpy(v, tail, sizeof *v);
}

INLINE void store(int64_t *to, size_t i, size_t n, const vint64 *v)
{
	size_t k;
	if (n - i >= LANES) {
		memcpy(to + i, v, sizeof *v);
		return;
	}
	for (k = 0; k < n - i; k++)
		to[i + k] = (*v)[k];
}

/* `value` (a vdouble) where `mask` is set, 0.0 elsewhere. */
#define WHERE(mask, value) ((vdouble)((mask) & (vint64)(value)))

/* The lanes or-ed together: folded in the vector unit and one of them read,
 * cheaper than reading all four. */
INLINE uint64_t or_lanes(const vint64 *v)
{
	vint64 m = *v | __builtin_shufflevector(*v, *v, 2, 3, 0, 1);
	m |= __builtin_shufflevector(m, m, 1, 0, 3, 2);
	return (uint64_t)m[0];
}

/* Whether any lane of a comparison's mask is set. */
INLINE int any_lane(const vint64 *mask)
{
	return or_lanes(mask) != 0;
}

/* Whether any lane, or every lane, of a comparison's mask is set. */
#define ANY(mask) __extension__({ vint64 any_mask_ = (mask); any_lane(&any_mask_); })
#define ALL(mask) (((mask)[0] & (mask)[1] & (mask)[2] & (mask)[3]) != 0)

/* The lanes added up, always in the same order, so that a sum is the same
 * bits on every run. */
#define SUM_LANES(v) (((v)[0] + (v)[1]) + ((v)[2] + (v)[3]))

/* The running sum and largest of the weights in lanes, and what they come
 * to: the scans that check the weights share these. */
INLINE void add_and_keep_largest(vdouble *sum, vdouble *max, const vdouble *x)
{
	vint64 bigger = *x > *max;
	*sum += *x;
	*max = (vdouble)(((vint64)*x & bigger) | ((vint64)*max & ~bigger));
}

INLINE double largest_lane(const vdouble *max)
{
	double a = (*max)[0] > (*max)[1] ? (*max)[0] : (*max)[1];
	double b = (*max)[2] > (*max)[3] ? (*max)[2] : (*max)[3];
	return a > b ? a : b;
}

INLINE double smallest_lane(const vdouble *min)
{
	double a = (*min)[0] < (*min)[1] ? (*min)[0] : (*min)[1];
	double b = (*min)[2] < (*min)[3] ? (*min)[2] : (*min)[3];
	return a < b ? a : b;
}

/*
 * One vector of a walk that moves a seat for each of the first `count`
 * units of a class it meets, in its order (up: lane 0 first; down: lane 3
 * first).  `one` is 1 in the lanes of the class; *move becomes -1 in those
 * that move, and *found counts on past the vector's.  Each lane's place
 * among the class's lanes before it (a sum over one lane back, then over
 * two) is counted in lanes, with no branch on the units.
 */
INLINE void walk_step(vint64 *move, const vint64 *one, int64_t *found, int64_t count, int up)
{
	const vint64 zero = { 0, 0, 0, 0 };
	vint64 before;
	if (up) {
		before = *one + __builtin_shufflevector(*one, zero, 4, 0, 1, 2);
		before += __builtin_shufflevector(before, zero, 4, 4, 0, 1);
	} else {
		before = *one + __builtin_shufflevector(*one, zero, 1, 2, 3, 4);
		before += __builtin_shufflevector(before, zero, 2, 3, 4, 4);
	}
	before -= *one;
	*move = (zero - *one) & (*found + before < count);  /* the comparison is -1 where it holds */
	*found += SUM_LANES(*one);
}

/* seats[i .. i + 4), fewer past n, plus *add. */
INLINE void add_seats(int64_t *seats, size_t i, size_t n, const vint64 *add)
{
	vint64 s;
	size_t k;
	if (n - i >= LANES) {
		memcpy(&s, seats + i, sizeof s);
		s += *add;
		memcpy(seats + i, &s, sizeof s);
	} else {
		for (k = 0; k < n - i; k++)
			seats[i + k] += (*add)[k];
	}
}

/* Whole numbers in [0, 2^52) as int64: their bits above those of 2^52. */
#define WHOLE(x) ((vint64)((x) + TWO_52) - INT64_C(0x4330000000000000))

#endif
