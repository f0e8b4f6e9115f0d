/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The passes of the divisor methods over every unit, four units at a time:
 * checking the weights, rounding w / d, and the priorities of the next or
 * last seats.  Each computes the same IEEE operations as the scalar rules in
 * divisor.c (a division, a sum with 1, 1/2 or 0), so the results agree to
 * the bit; only floor and the conversions to and from integers are done
 * differently, exactly, for whole numbers below 2^51.  The settle pass also
 * skips the division for a priority that a product shows cannot reach the
 * bar, and divides as the scalar rule does for every other.
 */
#include <float.h>
#include <math.h>

#include "divisor_stream.h"
#include "vector.h"

#define ROUNDING 6755399441055744.0 /* 1.5 * 2^52: adding and taking it away rounds to an integer */
#define TWO_50 1125899906842624.0

PASS static int opv__divisor_scan_pass(const double *w, size_t n, struct opv__divisor_scan *out)
{
	const vdouble none = { INFINITY, INFINITY, INFINITY, INFINITY };
	vdouble s = { 0, 0, 0, 0 }, m = { 0, 0, 0, 0 }, low = none;
	vint64 ok = { -1, -1, -1, -1 }, count = { 0, 0, 0, 0 };
	size_t i;
	for (i = 0; i < n; i += LANES) {
		vdouble x;
		vint64 smaller;
		load(&x, w, i, n);
		ok &= (x >= 0) & (x <= DBL_MAX); /* NaN fails both */
		count -= x > 0;
		add_and_keep_largest(&s, &m, &x);
		/* the smallest positive weight: zeros (and the padding) count as infinity */
		x = (vdouble)(((vint64)x & (x > 0)) | ((vint64)none & (x <= 0)));
		smaller = x < low;
		low = (vdouble)(((vint64)x & smaller) | ((vint64)low & ~smaller));
	}
	out->sum = SUM_LANES(s);
	out->max = largest_lane(&m);
	out->min_positive = smallest_lane(&low);
	out->positive = (size_t)SUM_LANES(count);
	return ALL(ok);
}

int opv__divisor_seats_apply(opv_method m, double d, double max_w, double sum_w)
{
#if FLT_EVAL_METHOD != 0
	return 0; /* the scalar rules would round in excess precision, these passes do not */
#endif
	if (m != OPV_JEFFERSON && m != OPV_WEBSTER && m != OPV_ADAMS && m != OPV_HUNTINGTON_HILL)
		return 0;
	return d > 0 && max_w / d < TWO_50 && sum_w / d < TWO_50 * 4;
}

/* floor(y) for 0 <= y < 2^51: round to nearest, then one down where that went up. */
INLINE void floor_of(vdouble *out, const vdouble *y)
{
	const vdouble one = { 1, 1, 1, 1 };
	vdouble r = (*y + ROUNDING) - ROUNDING;
	*out = r - WHERE(r > *y, one);
}

/* Huntington-Hill's boundary b(u) = sqrt(u (u + 1)) of whole numbers u, as
 * opv__boundary() computes it: one product, one correctly rounded root. */
INLINE void geometric_boundary(vdouble *b, const vdouble *u)
{
	vdouble p = *u * (*u + 1.0);
	*b = (vdouble){ __builtin_sqrt(p[0]), __builtin_sqrt(p[1]), __builtin_sqrt(p[2]),
	                __builtin_sqrt(p[3]) };
}

/*
 * The method's rounding t of the quotients x (t and x apart), as the scalar
 * rule computes it; sets *near where a positive quotient lies within 2^-50
 * of itself of the point where the rounding steps up (a whole number, or a
 * half for Webster).  Only there can rounding at one divisor disagree with
 * the order of the priorities in double precision, each a few roundings
 * away from the exact value.
 */
INLINE void round_quotients(vdouble *t, vint64 *near, const vdouble *x, const vdouble *w,
                            opv_method m)
{
	const vdouble one = { 1, 1, 1, 1 };
	const vint64 magnitude = { INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX };
	vdouble y, step;
	if (m == OPV_HUNTINGTON_HILL) {
		/* The step is b(floor(x)), which lies between two whole numbers.
		 * Where x^2 is more than 2^-46 of itself from p = t (t + 1), the
		 * square decides x > sqrt(p) as the rounded root would, and x is
		 * far from the step; only the others need the root. */
		vdouble p, xx, gap;
		vint64 above, unsure;
		floor_of(t, x);
		p = *t * (*t + 1.0);
		xx = *x * *x;
		gap = (vdouble)((vint64)(xx - p) & magnitude);
		unsure = gap <= xx * 0x1p-46;
		above = xx > p;
		if (ANY(unsure)) {
			geometric_boundary(&step, t);
			*near |= unsure & (*x > 0) &
			         ((vdouble)((vint64)(*x - step) & magnitude) <= *x * 0x1p-50);
			above = (above & ~unsure) | (unsure & (*x > step));
		}
		*t += WHERE(above | ((*t == 0) & (*w > 0)), one);
		return;
	}
	y = m == OPV_WEBSTER ? *x + 0.5 : *x;
	step = (y + ROUNDING) - ROUNDING;
	*near |= (*x > 0) & ((vdouble)((vint64)(y - step) & magnitude) <= y * 0x1p-50);
	switch (m) {
	case OPV_WEBSTER:
		floor_of(t, &y);
		break;
	case OPV_ADAMS:
		/* every positive weight a seat, also where w / d underflows to 0 */
		floor_of(t, x);
		*t += WHERE((*t < *x) | ((*t == 0) & (*w > 0)), one);
		break;
	default:
		floor_of(t, x);
		break;
	}
}

/* The passes' loops are inline, and each pass calls them with the method
 * (and direction) as constants: the compiler then makes one loop for each,
 * with the method's rounding alone in it. */
#define FOR_EACH_METHOD(m, CALL)                              \
	switch (m) {                                          \
	case OPV_JEFFERSON: CALL(OPV_JEFFERSON); break;       \
	case OPV_WEBSTER: CALL(OPV_WEBSTER); break;           \
	case OPV_ADAMS: CALL(OPV_ADAMS); break;               \
	default: CALL(OPV_HUNTINGTON_HILL); break;            \
	}

INLINE int64_t seats_loop(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                          double d)
{
	vint64 sum = { 0, 0, 0, 0 }, s, close = { 0, 0, 0, 0 };
	size_t i;
	for (i = 0; i < n; i += LANES) {
		vdouble x, t, q;
		load(&x, w, i, n);
		q = x / d;
		round_quotients(&t, &close, &q, &x, m);
		s = WHOLE(t);
		sum += s;
		if (seats)
			store(seats, i, n, &s);
	}
	if (near)
		*near = ANY(close);
	return SUM_LANES(sum);
}

PASS static int64_t opv__divisor_seats_pass(int64_t *seats, int *near, const double *w, size_t n,
                                            opv_method m, double d)
{
	int64_t sum;
#define SEATS(method) sum = seats_loop(seats, near, w, n, method, d)
	FOR_EACH_METHOD(m, SEATS)
#undef SEATS
	return sum;
}

INLINE void settle_loop(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                        double d, int next, const double *bar, opv__offer_fn offer, void *list)
{
	/* b(s) - s for the next seat; b(s - 1) - s for the last */
	double shift = m == OPV_JEFFERSON ? 1.0 : m == OPV_WEBSTER ? 0.5 : 0.0;
	vint64 close = { 0, 0, 0, 0 };
	size_t i, k;
	if (!next)
		shift -= 1.0;
	for (i = 0; i < n; i += LANES) {
		vdouble x, q, t, key;
		vint64 s, wanted;
		int bar_in_range = *bar >= 0x1p-400 && *bar <= 0x1p400;
		double bar2 = *bar * *bar;
		load(&x, w, i, n);
		q = x / d;
		round_quotients(&t, &close, &q, &x, m);
		s = WHOLE(t);
		store(seats, i, n, &s);
		if (m == OPV_HUNTINGTON_HILL) {
			vdouble u = t + (next ? 0.0 : -1.0), b, p = u * (u + 1.0);
			/* With the bar and x in range, squares rule out most units
			 * without a root: key^2 = x^2 / p to within 2^-50. */
			if (bar_in_range) {
				vdouble xx = x * x, limit = p * bar2;
				vint64 maybe = (x < 0x1p-400) |
				               (next ? xx >= limit * (1 - 0x1p-40) : xx <= limit * (1 + 0x1p-40));
				if (!ANY((x > 0) & maybe))
					continue;
			}
			geometric_boundary(&b, &u);
			key = x / b;  /* +infinity for the first seat: b(0) = 0 */
		} else {
			vdouble b = t + shift;
			/* Most units need no division: where fl(x / b) reaches the
			 * bar, x reaches b * bar to within 2^-52 of it (with the bar
			 * in range, b * bar and every priority that can reach the bar
			 * are normal numbers), and computing b * bar and the margin
			 * of 2^-40 moves the limit by less than that margin; alike
			 * for the last seat, where a tiny x is let through. */
			if (bar_in_range) {
				vdouble limit = b * *bar;
				vint64 maybe = next ? x >= limit * (1 - 0x1p-40)
				                    : (t > 0) & (x <= limit * (1 + 0x1p-40));
				if (!ANY((x > 0) & maybe))
					continue;
			}
			key = x / b;
		}
		wanted = (x > 0) & (next ? key >= *bar : (t > 0) & (key <= *bar));
		if (!ANY(wanted))
			continue;
		for (k = 0; k < LANES && i + k < n; k++)
			if (wanted[k])
				offer(list, key[k], i + k);
	}
	*near = ANY(close);
}

PASS static void opv__divisor_settle_pass(int64_t *seats, int *near, const double *w, size_t n,
                                          opv_method m, double d, int next, const double *bar,
                                          opv__offer_fn offer, void *list)
{
#define SETTLE(method)                                                               \
	(next ? settle_loop(seats, near, w, n, method, d, 1, bar, offer, list)      \
	      : settle_loop(seats, near, w, n, method, d, 0, bar, offer, list))
	FOR_EACH_METHOD(m, SETTLE)
#undef SETTLE
}

/* The entry points are plain functions around the cloned ones: a clone's
 * ifunc symbol is not something every compiler lets other files link to. */

int opv__divisor_scan(const double *w, size_t n, struct opv__divisor_scan *out)
{
	return opv__divisor_scan_pass(w, n, out);
}

int64_t opv__divisor_seats(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                           double d)
{
	return opv__divisor_seats_pass(seats, near, w, n, m, d);
}

void opv__divisor_settle(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                         double d, int next, const double *bar, opv__offer_fn offer, void *list)
{
	opv__divisor_settle_pass(seats, near, w, n, m, d, next, bar, offer, list);
}
