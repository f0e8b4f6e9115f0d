/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The passes of the divisor methods over every unit, four units at a time:
 * checking the weights, rounding w / d, and the priorities of the next or
 * last seats.  The priorities are computed with the same IEEE operations as
 * the scalar rules in divisor.c (a division, a sum with 1, 1/2 or 0), so
 * they agree to the bit.  The quotients w / d are w * (1 / d), within two
 * roundings of the scalar rule's; no seat depends on which, since the seats
 * at a divisor only start the count, and a quotient within 2^-50 of itself
 * of a step of the rounding, where the order of the priorities could differ
 * from the rounding, is reported as near (put_in_order() then settles it).
 * Floor and the conversions to and from integers are done differently,
 * exactly, for whole numbers below 2^51.  The settle pass also skips the
 * division for a priority that a product shows cannot reach the bar.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "divisor_stream.h"
#include "parallel.h"
#include "vector.h"
#include "window_units.h"

#define ROUNDING 6755399441055744.0 /* 1.5 * 2^52: adding and taking it away rounds to an integer */
/* The bits of ROUNDING: those of y + ROUNDING less these are round(y), for |y| < 2^51. */
#define ROUNDING_BITS INT64_C(0x4338000000000000)
#define TWO_50 1125899906842624.0

/* The bits of DBL_MAX and of +infinity: every double in 0 .. DBL_MAX, -0.0
 * aside, has bits between 0 and the first, ordered as the values are. */
#define MAX_BITS INT64_C(0x7FEFFFFFFFFFFFFF)
#define INFINITY_BITS INT64_C(0x7FF0000000000000)

/* A first guess of 1 / v from the bits of v, whose exponent it negates:
 * within 5.1% of it for every normal v whose reciprocal is normal. */
#define RECIPROCAL_BITS INT64_C(0x7FDE623822FC16E6)

/* What the scan keeps in lanes: the weights' bits, compared as integers. */
struct scan_lanes {
	/* two of each running value, so that no step waits on the one before */
	vdouble sum[2];
	vint64 max[2], low[2];
	vint64 any_bits, count;
};

/* One vector of the scan into l->sum[which]. */
INLINE void scan_step(struct scan_lanes *l, int which, const vdouble *x)
{
	const vint64 zero = { 0, 0, 0, 0 };
	const vint64 none = { INFINITY_BITS, INFINITY_BITS, INFINITY_BITS, INFINITY_BITS };
	vint64 bits = (vint64)*x, positive = bits > zero, key, smaller;
	vint64 bigger = bits > l->max[which];
	l->sum[which] += *x;
	l->any_bits |= bits;  /* a sign bit set: negative (or -0.0) */
	l->max[which] = (bits & bigger) | (l->max[which] & ~bigger);
	l->count -= positive;
	/* the smallest positive weight: zeros (and the padding) count as infinity */
	key = (bits & positive) | (none & ~positive);
	smaller = key < l->low[which];
	l->low[which] = (key & smaller) | (l->low[which] & ~smaller);
}

/* Huntington-Hill's sums in lanes (struct opv__hill_sums): the lanes of
 * weights below the split (zeros and the padding too), their weights' sum,
 * and the sum of 1 / v over the others, v = x / split. */
struct hill_lanes {
	vint64 small;
	vdouble small_sum, inverse;
};

/*
 * Huntington-Hill's terms of one vector x into *small, *small_sum and
 * *inverse.  With `with_inverse`, 1 / v where x reaches the
 * split: the first guess above and one step of Newton's method, y (2 - v y),
 * within 0.26% of 1 / v, never above it, for v from 1 to 2^1000 (beyond,
 * v's reciprocal is subnormal and the guess is not; opv__divisor_scan()
 * leaves that case out).
 */
INLINE void hill_step(vint64 *small_count, vdouble *small_sum, vdouble *inverse, const vdouble *x,
                      int with_inverse, const vint64 *split_bits, const vdouble *inv_split)
{
	const vint64 guess = { RECIPROCAL_BITS, RECIPROCAL_BITS, RECIPROCAL_BITS, RECIPROCAL_BITS };
	vint64 small = (vint64)*x < *split_bits;
	*small_count -= small;
	*small_sum += WHERE(small, *x);
	if (with_inverse) {
		vdouble v = *x * *inv_split, y = (vdouble)(guess - (vint64)v);
		y *= 2.0 - v * y;
		*inverse += (vdouble)((vint64)y & ~small);
	}
}

/* Huntington-Hill's terms of w[i..end), two sums of each kind in turn. */
INLINE void hill_block(struct hill_lanes *h, const double *w, size_t i, size_t end,
                       int with_inverse, const vint64 *split_bits, const vdouble *inv_split)
{
	vint64 small = { 0, 0, 0, 0 };
	vdouble small_sum[2] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
	vdouble inverse[2] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
	for (; end - i >= 2 * LANES; i += 2 * LANES) {
		vdouble x0, x1;
		memcpy(&x0, w + i, sizeof x0);
		memcpy(&x1, w + i + LANES, sizeof x1);
		hill_step(&small, &small_sum[0], &inverse[0], &x0, with_inverse, split_bits, inv_split);
		hill_step(&small, &small_sum[1], &inverse[1], &x1, with_inverse, split_bits, inv_split);
	}
	for (; i < end; i += LANES) {
		vdouble x;
		load(&x, w, i, end);  /* zeros past the end */
		hill_step(&small, &small_sum[0], &inverse[0], &x, with_inverse, split_bits, inv_split);
	}
	h->small += small;
	h->small_sum += small_sum[0] + small_sum[1];
	h->inverse += inverse[0] + inverse[1];
}

/* The scan of w[i..end), on a copy of *l that the loop keeps in registers;
 * returns the lanes read, the padding of the last vector too. */
INLINE size_t scan_block(struct scan_lanes *l, const double *w, size_t i, size_t end)
{
	struct scan_lanes a = *l;
	for (; end - i >= 2 * LANES; i += 2 * LANES) {
		vdouble x0, x1;
		memcpy(&x0, w + i, sizeof x0);
		memcpy(&x1, w + i + LANES, sizeof x1);
		scan_step(&a, 0, &x0);
		scan_step(&a, 1, &x1);
	}
	for (; i < end; i += LANES) {
		vdouble x;
		load(&x, w, i, end);
		scan_step(&a, 0, &x);
	}
	*l = a;
	return i;
}

/* A double from its bits. */
static double bits_value(int64_t bits)
{
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

/*
 * Units the scan reads at a time; Huntington-Hill's sums are made in a loop
 * of their own (the scan's registers would not hold them too), from the
 * nearest cache.  The sum of 1 / v over every eighth block only, where there
 * are 32 blocks or more: it is for a guess (divisor.c), its terms lie in
 * (0, 1], and where they fall at random over the blocks, eight times the
 * part is within sqrt(7 n) / 2 of the whole (one standard deviation), a
 * sixteenth of that in seats (0.08 sqrt(n)).  An input laid out against the blocks may
 * mislead it more; divisor.c then falls back to its search.
 */
#define SCAN_BLOCK 1024
#define INVERSE_STRIDE 8

/*
 * The scan splits the units into parts by their number alone, at least
 * SCAN_PART units each (but one) and at most MAX_SCAN_PARTS of them, each
 * starting on a block; their findings are joined in their order, so that
 * the sum, rounded, is the same on any number of threads.  A thread takes
 * a run of whole parts, about OPV__UNITS_PER_THREAD units or more.
 */
#define SCAN_PART ((size_t)1 << 16)
#define MAX_SCAN_PARTS 64

/* What the scan finds over one part. */
struct scan_part {
	size_t first, end;
	double sum;
	int64_t max, low;     /* bits of the largest and the smallest positive weight */
	int negative;         /* a weight with its sign bit set */
	size_t positive;
	size_t below;         /* Huntington-Hill's sums of the part, where asked for */
	double below_sum, inverse;
	size_t covered;       /* the units whose terms below the split the part added */
	size_t sampled;       /* the units whose 1 / v the part added */
};

/* The scan of w[part->first .. part->end) into *part; block numbers count
 * from w[0], so that a part samples the blocks a single pass would. */
INLINE void scan_loop(const double *w, struct scan_part *part, size_t stride,
                      const struct opv__hill_sums *hill)
{
	struct scan_lanes l;
	struct hill_lanes h;
	vint64 hill_positive = { 0, 0, 0, 0 };
	size_t start, end, hill_lanes = 0;
	int j;
	double split = hill ? hill->split : 0, s = hill ? 1 / hill->split : 0;
	const vdouble inv_split = { s, s, s, s };
	int64_t bits;
	vint64 split_bits;
	memcpy(&bits, &split, sizeof bits);
	split_bits = (vint64){ bits, bits, bits, bits };
	memset(&l, 0, sizeof l);
	memset(&h, 0, sizeof h);
	l.low[0] = l.low[1] = (vint64){ INFINITY_BITS, INFINITY_BITS, INFINITY_BITS, INFINITY_BITS };
	part->covered = part->sampled = 0;
	for (start = part->first; start < part->end; start = end) {
		vint64 before = l.count;
		int sampled = start / SCAN_BLOCK % stride == 0;
		size_t lanes;
		end = part->end - start > SCAN_BLOCK ? start + SCAN_BLOCK : part->end;
		lanes = scan_block(&l, w, start, end) - start;
		if (!hill || (hill->sample_below && !sampled))
			continue;
		hill_block(&h, w, start, end, sampled, &split_bits, &inv_split);
		hill_positive += l.count - before;
		hill_lanes += lanes;
		part->covered += end - start;
		part->sampled += sampled ? end - start : 0;
	}
	part->max = l.max[0][0];
	part->low = l.low[0][0];
	for (j = 0; j < 2 * LANES; j++) {
		part->max = l.max[j / LANES][j % LANES] > part->max ? l.max[j / LANES][j % LANES] : part->max;
		part->low = l.low[j / LANES][j % LANES] < part->low ? l.low[j / LANES][j % LANES] : part->low;
	}
	part->negative = (l.any_bits[0] | l.any_bits[1] | l.any_bits[2] | l.any_bits[3]) < 0;
	part->sum = SUM_LANES(l.sum[0]) + SUM_LANES(l.sum[1]);
	part->positive = (size_t)SUM_LANES(l.count);
	/* the lanes below the split but those of weight 0 and the padding */
	part->below = (size_t)SUM_LANES(h.small) - (hill_lanes - (size_t)SUM_LANES(hill_positive));
	part->below_sum = SUM_LANES(h.small_sum);
	part->inverse = SUM_LANES(h.inverse);
}

PASS static void scan_pass(const double *w, struct scan_part *part, size_t stride,
                           const struct opv__hill_sums *hill)
{
	if (hill)
		scan_loop(w, part, stride, hill);
	else
		scan_loop(w, part, stride, NULL);
}

/* A thread's run of parts. */
struct scan_job {
	const double *w;
	struct scan_part *part, *end;
	size_t stride;
	const struct opv__hill_sums *hill;
};

static void *scan_job(void *arg)
{
	struct scan_job *job = arg;
	struct scan_part *part;
	for (part = job->part; part < job->end; part++)
		scan_pass(job->w, part, job->stride, job->hill);
	return NULL;
}

/* The parts of the scan joined, in their order, into *out and *hill. */
static int join_parts(const struct scan_part *parts, size_t nparts, size_t n,
                      struct opv__hill_sums *hill, struct opv__divisor_scan *out)
{
	int64_t max = 0, low = INFINITY_BITS;
	double below_sum = 0, inverse = 0;
	size_t k, below = 0, covered = 0, sampled = 0;
	int negative = 0;
	out->sum = 0;
	out->positive = 0;
	for (k = 0; k < nparts; k++) {
		const struct scan_part *part = &parts[k];
		out->sum += part->sum;
		out->positive += part->positive;
		max = part->max > max ? part->max : max;
		low = part->low < low ? part->low : low;
		negative |= part->negative;
		below += part->below;
		below_sum += part->below_sum;
		inverse += part->inverse;
		covered += part->covered;
		sampled += part->sampled;
	}
	/* NaN and infinity have bits above DBL_MAX's */
	if (negative || max > MAX_BITS)
		return 0;
	out->max = bits_value(max);
	out->min_positive = bits_value(low);
	if (hill) {
		/* all the units' sums where every block added (a factor of 1) */
		double all = covered ? (double)n / (double)covered : 0;
		hill->below = (double)below * all;
		hill->below_sum = below_sum / hill->split * all;
		hill->above_inverse = sampled ? inverse * ((double)n / (double)sampled) : 0;
		/* quotients beyond the reach of the reciprocal's guess, or none */
		if (!(out->max / hill->split < 0x1p1000))
			hill->split = 0;
	}
	return 1;
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
	const double inv_d = 1 / d;
	vint64 sum = { 0, 0, 0, 0 }, s, close = { 0, 0, 0, 0 };
	size_t i;
	for (i = 0; i < n; i += LANES) {
		vdouble x, t, q;
		if (n - i >= LANES)
			memcpy(&x, w + i, sizeof x);  /* not through load(), which the loop would pay for */
		else
			load(&x, w, i, n);
		q = x * inv_d;
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
	const double inv_d = 1 / d;
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
		q = x * inv_d;
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

/* ---- the seats at a divisor and the units in a window around it ------------ */

/* Units one test of the window covers: few lie in it, so that a test for
 * eight vectors is mostly false, and takes fewer branches than one for
 * every four (as in hamilton_stream.c). */
#define ROUND_GROUP (8 * LANES)
_Static_assert(ROUND_GROUP <= WINDOW_GROUP_MOST, "a group's units fit a batch's room");

int opv__divisor_round_apply(opv_method m, double d, double min_w)
{
	/* Adams and Huntington-Hill give every positive weight a seat, which
	 * the quick rounding sees in a positive quotient; 2^-1000 leaves room
	 * for the rounding of 1 / d. */
	return m == OPV_JEFFERSON || m == OPV_WEBSTER || min_w / d >= 0x1p-1000;
}

/* What opv__divisor_round() works with. */
struct window {
	double inv_d, next_bar, last_bar;
	/* quick_round() says a unit may lie in the window where the distance
	 * to the nearest step is below reach times the quotient (Huntington-
	 * Hill: of their squares) */
	double reach;
	/* Huntington-Hill: some positive quotient lies below TINY_QUOTIENT
	 * (else quick_round() need not add it) */
	int tiny;
	/* Huntington-Hill: a priority x / b(s) reaches the next bar only where
	 * q^2 >= s (s + 1) next_square, and x / b(s - 1) the last bar where
	 * q^2 <= (s - 1) s last_square: (1 -+ delta)^2, widened by 2^-40 for
	 * the roundings of q, its square, the root, the division and the bars
	 * (a few of 2^-53 each). */
	double next_square, last_square;
	struct opv__priority_list *next, *last;
	/* struct opv__known: the pairs to test, 0, 1, 2 or 4 (each a test of
	 * every vector, so no more than it has; a slot past its size holds a
	 * weight no unit has, NaN) */
	int known;
	double known_value[OPV__KNOWN_MOST];
};

/* Into *all the lanes of x that the first `pairs` of struct opv__known
 * know, counted into count[] unless it is NULL.  The weight alone decides:
 * every unit of a weight has the same quotient, far from a step, and so
 * the same seats. */
INLINE void known_lanes(vint64 *all, const vdouble *x, const struct window *win, int pairs,
                        vint64 *count)
{
	int j;
	*all = (vint64){ 0, 0, 0, 0 };
	for (j = 0; j < pairs; j++) {
		vint64 k = *x == win->known_value[j];
		if (count)
			count[j] -= k;
		*all |= k;
	}
}

/*
 * The seats *s of one vector at the divisor, as round_quotients() rounds,
 * with fewer operations, and in *hit the lanes that may lie in the window.
 * Jefferson, Webster and Adams round alike (Adams: the ceiling, the same
 * where no positive weight's quotient is 0).
 *
 * Huntington-Hill rounds from the nearest whole number g of q, not from
 * its floor: q lies in [g - 1/2, g + 1/2], above b(g - 1) < g - 1/2, so the
 * seats are g, and one more where q^2 passes g (g + 1).  With a = q^2 - g^2
 * that is a > g, and the steps either side of q lie where a = g (b(g)) and
 * a = -g (b(g - 1)): |a| - g is how far the nearer one is, in squares.  The
 * comparison is the one round_quotients() makes (on the floor t, which is g
 * or g - 1) but where q^2 lies within 2^-46 of a step; those units are in
 * *hit, and their seats are set again (window_settle()).
 *
 * Why *hit holds every unit in the window: a unit's next priority reaches
 * d (1 - delta) where its quotient q lies within (delta + a few roundings)
 * of b(s) below it, and its last priority is at most d (1 + delta) where q
 * lies within that of b(s - 1) above it.  With the steps at whole numbers of
 * y (q, or q + 1/2 for Webster), that puts y within delta / (1 - delta) of
 * itself, and a few roundings, of its nearest whole number; with the steps
 * at the roots of u (u + 1) (Huntington-Hill), q^2 within 2 delta /
 * (1 - 2 delta) of b(g - 1)^2 or b(g)^2.  The one step further in reach is
 * b(g + 1) > g + 1, of a unit past b(g): there a - g is at most 1/4, and
 * q >= (1 - delta) (g + 1) with q <= g + 1/2 asks g > 1 / (2 delta) - 1,
 * where reach times q^2 is 31 or more (delta <= 1/64): such a unit is in
 * *hit too.  opv__divisor_round() adds 2^-40 to reach for the roundings (of
 * q^2, g^2 and a, each within 2^-50 of q^2 for q >= 1/2; below, a = q^2
 * and no step is near), more than near's 2^-50 (2^-46 for the squares) asks.
 */
/*
 * Huntington-Hill's quotients with TINY_QUOTIENT added, in the rounding
 * where some positive quotient lies below it (struct window) and in the
 * count: a quotient of 2^-346 or more is left as it is (TINY_QUOTIENT lies
 * below half its last place), and one below ends up between TINY_QUOTIENT
 * and 2^-345, where it holds one seat either way (above b(0) = 0 and below
 * 1/2, far from any step), and its square, and that times the window's
 * reach, stay normal numbers.  Subnormal ones, or a square that underflows
 * to 0, would cost some processors a hundred times the time of each
 * operation, or a seat.  A zero weight would take a seat so: each use takes
 * it off.  One addition costs less than lifting the tiny ones alone.
 */
#define TINY_QUOTIENT 0x1p-400

INLINE void quick_round(vint64 *s, vint64 *hit, const vdouble *x, opv_method m, int tiny,
                        int known, const struct window *win, vint64 *known_count)
{
	const vdouble one = { 1, 1, 1, 1 };
	const vint64 magnitude = { INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX };
	vdouble q = *x * win->inv_d, y = m == OPV_WEBSTER ? q + 0.5 : q;
	vdouble r = y + ROUNDING, g = r - ROUNDING;  /* the nearest whole number */
	vdouble t, z, a, gap;
	vint64 near_step;
	switch (m) {
	case OPV_HUNTINGTON_HILL:
		if (tiny)
			q += TINY_QUOTIENT;  /* zeros too: their seats are taken off below */
		z = q * q;
		a = z - g * g;
		gap = (vdouble)((vint64)a & magnitude) - g;
		/* g from the bits of r; a comparison is -1 where it holds */
		*s = ((vint64)r - ROUNDING_BITS) - (a > g);
		if (tiny)
			*s &= *x > 0;
		near_step = (vdouble)((vint64)gap & magnitude) < win->reach * z;
		break;
	case OPV_ADAMS:
		t = g + WHERE(g < y, one);
		break;
	default:
		t = g - WHERE(g > y, one);  /* floor_of() */
		break;
	}
	if (m != OPV_HUNTINGTON_HILL) {
		*s = WHOLE(t);
		near_step = (vdouble)((vint64)(y - g) & magnitude) < win->reach * y;
	}
	if (known) {  /* not in the window's way: counted (or already) */
		vint64 counted;
		known_lanes(&counted, x, win, known, known_count);
		near_step &= ~counted;
	}
	*hit |= near_step;
}

/* A unit the list has no room for: its key counted (struct opv__priority_list). */
__attribute__((noinline)) static void count_key(struct opv__priority_list *l, double key)
{
	size_t j;
	for (j = 0; j < l->keys && j < OPV__LIST_KEYS; j++) {
		if (l->key[j].key == key) {
			l->key[j].count++;
			return;
		}
	}
	if (l->keys < OPV__LIST_KEYS)
		l->key[l->keys] = (struct opv__key_count){ key, 1 };
	if (l->keys <= OPV__LIST_KEYS)
		l->keys++;
}

INLINE void list_add(struct opv__priority_list *l, double key, size_t index)
{
	if (l->count < l->cap)
		l->e[l->count] = (struct opv__priority){ key, index };
	else
		count_key(l, key);
	l->count++;
}

/* The lanes of key where wanted, into the list, lane k as unit index[k]. */
INLINE void list_lanes(struct opv__priority_list *l, const vint64 *wanted, const vdouble *key,
                       const size_t *index)
{
	size_t k;
	if (any_lane(wanted))
		for (k = 0; k < LANES; k++)
			if ((*wanted)[k])
				list_add(l, (*key)[k], index[k]);
}

/*
 * The units gathered, four at a time: their rounding with round_quotients(),
 * which also finds the near ones (into *near), their seats set again where
 * quick_round() was wrong (*change counts what that adds), and their
 * priorities, divided as the scalar rule divides them, listed where they
 * lie in the window, in the order of the units.  The lanes past the last
 * unit weigh 0: no seat, no priority.  Empties *units.
 */
INLINE void window_settle(int64_t *seats, int64_t *change, int *near, struct window_units *units,
                          opv_method m, const struct window *win)
{
	/* b(s) - s */
	const double shift = m == OPV_JEFFERSON ? 1.0 : m == OPV_WEBSTER ? 0.5 : 0.0;
	vint64 close = { 0, 0, 0, 0 };
	size_t j;
	window_units_pad(units);
	for (j = 0; j < units->count; j += LANES) {
		vdouble x, q, t, u, b, key;
		vint64 wanted, quick, exact, known = { 0, 0, 0, 0 };
		const size_t *index = units->index + j;
		int next_in = 1, last_in = 1;
		size_t k;
		memcpy(&x, units->weight + j, sizeof x);
		memcpy(&quick, units->rounded + j, sizeof quick);
		if (win->known)  /* counted by the round loop, listed nowhere */
			known_lanes(&known, &x, win, win->known, NULL);
		q = x * win->inv_d;
		round_quotients(&t, &close, &q, &x, m);
		u = t - 1.0;
		if (m == OPV_HUNTINGTON_HILL) {
			vdouble z = q * q;
			exact = WHOLE(t);
			wanted = exact != quick;
			if (any_lane(&wanted)) {
				for (k = 0; k < LANES; k++)
					if (wanted[k])
						seats[index[k]] = exact[k];
				*change += SUM_LANES(exact - quick);
			}
			/* The squares rule out the root and the division for a
			 * step no lane lies near (struct window): most units lie
			 * near one step at most, both only from s > 1 / (2 delta). */
			next_in = ANY((x > 0) & (z >= t * (t + 1.0) * win->next_square));
			last_in = ANY((x > 0) & (z <= u * t * win->last_square));
		}
		if (next_in) {
			if (m == OPV_HUNTINGTON_HILL)
				geometric_boundary(&b, &t);
			else
				b = t + shift;
			key = x / b;
			wanted = (x > 0) & (key >= win->next_bar) & ~known;
			list_lanes(win->next, &wanted, &key, index);
		}
		if (last_in) {
			if (m == OPV_HUNTINGTON_HILL)
				geometric_boundary(&b, &u);  /* b(0) = 0: +infinity */
			else
				b = u + shift;  /* Adams: b(0) = 0 */
			key = x / b;
			wanted = (x > 0) & (t > 0) & (key <= win->last_bar) & ~known;
			list_lanes(win->last, &wanted, &key, index);
		}
	}
	units->count = 0;
	if (ANY(close))
		*near = 1;
}

/* The loops of FOR_EACH_METHOD, and Huntington-Hill's once more for tiny
 * quotients (struct window). */
#define FOR_EACH_ROUNDING(m, tiny, CALL)                                        \
	do {                                                                    \
		if ((m) == OPV_HUNTINGTON_HILL && (tiny))                       \
			CALL(OPV_HUNTINGTON_HILL, 1);                           \
		else                                                            \
			switch (m) {                                            \
			case OPV_JEFFERSON: CALL(OPV_JEFFERSON, 0); break;      \
			case OPV_WEBSTER: CALL(OPV_WEBSTER, 0); break;          \
			case OPV_ADAMS: CALL(OPV_ADAMS, 0); break;              \
			default: CALL(OPV_HUNTINGTON_HILL, 0); break;           \
			}                                                       \
	} while (0)

/* A call of its own: the round loop keeps its registers. */
PASS static void opv__divisor_window_settle(int64_t *seats, int64_t *change, int *near,
                                            struct window_units *units, opv_method m,
                                            const struct window *win)
{
#define SETTLE(method) window_settle(seats, change, near, units, method, win)
	FOR_EACH_METHOD(m, SETTLE)
#undef SETTLE
}

INLINE int64_t round_loop(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                          int tiny, int known, const struct window *win, int64_t *known_count)
{
	struct window quick = *win;  /* a copy, which no store can alias */
	/* bit j of a group's mask for unit i + j (lane j % 4 of its vector j / 4) */
	const vint64 lane_bit = { 1, 2, 4, 8 };
	struct window_units units;
	vint64 sum = { 0, 0, 0, 0 }, count[OPV__KNOWN_MOST];
	int j_known;
	int64_t change = 0;
	size_t i, j;
	*near = 0;
	units.count = 0;
	for (j_known = 0; j_known < OPV__KNOWN_MOST; j_known++)
		count[j_known] = (vint64){ 0, 0, 0, 0 };
	for (i = 0; i < n; i += ROUND_GROUP) {
		vint64 hit = { 0, 0, 0, 0 }, s;
		vdouble x;
		uint64_t lanes, valid = ~(uint64_t)0;
		if (n - i >= ROUND_GROUP) {
			/* whole vectors straight from and to memory */
			for (j = 0; j < ROUND_GROUP; j += LANES) {
				vint64 unsure = { 0, 0, 0, 0 };
				memcpy(&x, w + i + j, sizeof x);
				quick_round(&s, &unsure, &x, m, tiny, known, &quick, count);
				memcpy(seats + i + j, &s, sizeof s);
				sum += s;
				hit |= unsure & (lane_bit << (int64_t)j);  /* a constant: the loop unrolls */
			}
		} else {
			for (j = 0; i + j < n; j += LANES) {
				vint64 unsure = { 0, 0, 0, 0 };
				load(&x, w, i + j, n);
				quick_round(&s, &unsure, &x, m, tiny, known, &quick, count);
				store(seats, i + j, n, &s);
				sum += s;  /* zero past the end */
				hit |= unsure & (lane_bit << (int64_t)j);
			}
			valid = ((uint64_t)1 << (n - i)) - 1;  /* not the lanes past the end */
		}
		lanes = or_lanes(&hit) & valid;
		if (!lanes)
			continue;
		window_units_add(&units, w, seats, i, lanes);
		if (units.count >= WINDOW_BATCH)
			opv__divisor_window_settle(seats, &change, near, &units, m, &quick);
	}
	if (units.count > 0)
		opv__divisor_window_settle(seats, &change, near, &units, m, &quick);
	for (j_known = 0; j_known < known; j_known++)
		known_count[j_known] = SUM_LANES(count[j_known]);
	return SUM_LANES(sum) + change;
}

/* One vector's seats, about: the nearest whole numbers g of y (q, or
 * q + 1/2 for Webster), and in *move the seat each lane has more (+1) or
 * less (-1) than g, as quick_round() rounds (Huntington-Hill's step by the
 * squares, and a zero weight, the padding too, no seat). */
INLINE void count_step(vint64 *nearest, vint64 *move, const vdouble *x, opv_method m,
                       double inv_d)
{
	vdouble q = *x * inv_d, y, r, g;
	if (m == OPV_HUNTINGTON_HILL)
		q += TINY_QUOTIENT;  /* zeros too: their seats are left out below */
	y = m == OPV_WEBSTER ? q + 0.5 : q;
	r = y + ROUNDING;
	g = r - ROUNDING;
	*nearest += (vint64)r - ROUNDING_BITS;
	switch (m) {
	case OPV_HUNTINGTON_HILL: *move -= ((q - g) * (q + g) > g) & (*x > 0); break;
	case OPV_ADAMS: *move -= g < y; break;
	default: *move += g > y; break;  /* floor: one less (a comparison is -1) */
	}
}

/* The sum of quick_round()'s seats at the divisor 1 / inv_d and nothing
 * else, two vectors at a time; with `weights`, the sum of the weights into
 * *weights too (the sum is a constant at every call). */
INLINE int64_t count_loop(const double *w, size_t n, opv_method m, double inv_d, double *weights)
{
	vint64 nearest[2] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 } }, move[2] = { { 0, 0, 0, 0 },
	                                                                     { 0, 0, 0, 0 } };
	vdouble x, sum[2] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
	size_t i;
	for (i = 0; n - i >= 2 * LANES; i += 2 * LANES) {
		vdouble x1;
		memcpy(&x, w + i, sizeof x);
		memcpy(&x1, w + i + LANES, sizeof x1);
		count_step(&nearest[0], &move[0], &x, m, inv_d);
		count_step(&nearest[1], &move[1], &x1, m, inv_d);
		if (weights) {
			sum[0] += x;
			sum[1] += x1;
		}
	}
	for (; i < n; i += LANES) {
		load(&x, w, i, n);  /* zeros past the end */
		count_step(&nearest[0], &move[0], &x, m, inv_d);
		if (weights)
			sum[0] += x;
	}
	nearest[0] += nearest[1];
	move[0] += move[1];
	if (weights)
		*weights = SUM_LANES(sum[0]) + SUM_LANES(sum[1]);
	return SUM_LANES(nearest[0]) + SUM_LANES(move[0]);
}

PASS static int64_t opv__divisor_count_pass(const double *w, size_t n, opv_method m,
                                            double inv_d)
{
	int64_t sum;
#define COUNT(method) sum = count_loop(w, n, method, inv_d, NULL)
	FOR_EACH_METHOD(m, COUNT)
#undef COUNT
	return sum;
}

PASS static double opv__divisor_excess_pass(const double *w, size_t n, opv_method m, double inv_d)
{
	int64_t seats;
	double weights;
#define EXCESS(method) seats = count_loop(w, n, method, inv_d, &weights)
	FOR_EACH_METHOD(m, EXCESS)
#undef EXCESS
	return (double)seats - weights * inv_d;
}

PASS static int64_t opv__divisor_round_pass(int64_t *seats, int *near, const double *w, size_t n,
                                            opv_method m, const struct window *win,
                                            int64_t *known_count)
{
	int64_t sum;
#define ROUND(method, tiny) sum = round_loop(seats, near, w, n, method, tiny, 0, win, NULL)
#define ROUND_1(method, tiny) sum = round_loop(seats, near, w, n, method, tiny, 1, win, known_count)
#define ROUND_2(method, tiny) sum = round_loop(seats, near, w, n, method, tiny, 2, win, known_count)
#define ROUND_4(method, tiny) sum = round_loop(seats, near, w, n, method, tiny, 4, win, known_count)
	switch (win->known) {
	case 0: FOR_EACH_ROUNDING(m, win->tiny, ROUND); break;
	case 1: FOR_EACH_ROUNDING(m, win->tiny, ROUND_1); break;
	case 2: FOR_EACH_ROUNDING(m, win->tiny, ROUND_2); break;
	default: FOR_EACH_ROUNDING(m, win->tiny, ROUND_4); break;
	}
#undef ROUND_4
#undef ROUND_2
#undef ROUND_1
#undef ROUND
	return sum;
}

/* ---- where weights take few values (opv__divisor_at_class()) --------------- */

/* The seats at the divisor, those of the classes of weight
 * win->known_value[j] set to value_seats[j] and one more before `split`;
 * their sum into *sum.  0 where another unit may lie in the window
 * (quick_round()'s *hit). */
INLINE void at_class_step(int64_t *seats, const double *w, size_t i, size_t n, opv_method m,
                          int tiny, int known, const struct window *win,
                          const vint64 *class_seats, vint64 *total, vint64 *hit)
{
	vdouble x;
	vint64 s;
	int j;
	if (n - i >= LANES)
		memcpy(&x, w + i, sizeof x);
	else
		load(&x, w, i, n);
	quick_round(&s, hit, &x, m, tiny, known, win, NULL);
	for (j = 0; j < known; j++) {
		vint64 in = x == win->known_value[j];
		s = (s & ~in) | (class_seats[j] & in);
	}
	if (n - i >= LANES)
		memcpy(seats + i, &s, sizeof s);
	else
		store(seats, i, n, &s);
	*total += s;  /* zero past the end */
}

INLINE int at_class_loop(int64_t *seats, int64_t *sum, const double *w, size_t n, opv_method m,
                         int tiny, int known, const struct window *win,
                         const int64_t *value_seats, size_t split)
{
	vint64 total = { 0, 0, 0, 0 }, hit = { 0, 0, 0, 0 }, before[OPV__KNOWN_MOST],
	       after[OPV__KNOWN_MOST];
	size_t i;
	int j;
	for (j = 0; j < known; j++) {
		int64_t c = value_seats[j];
		after[j] = (vint64){ c, c, c, c };
		before[j] = after[j] + 1;
	}
	for (i = 0; i < split && i < n; i += LANES)
		at_class_step(seats, w, i, n, m, tiny, known, win, before, &total, &hit);
	for (; i < n; i += LANES)
		at_class_step(seats, w, i, n, m, tiny, known, win, after, &total, &hit);
	*sum = SUM_LANES(total);
	return !any_lane(&hit);
}

PASS static int opv__divisor_at_class_pass(int64_t *seats, int64_t *sum, const double *w,
                                           size_t n, opv_method m, const struct window *win,
                                           const int64_t *value_seats, size_t split)
{
	int sure;
#define AT_CLASS_1(method, tiny) \
	sure = at_class_loop(seats, sum, w, n, method, tiny, 1, win, value_seats, split)
#define AT_CLASS_2(method, tiny) \
	sure = at_class_loop(seats, sum, w, n, method, tiny, 2, win, value_seats, split)
#define AT_CLASS_4(method, tiny) \
	sure = at_class_loop(seats, sum, w, n, method, tiny, 4, win, value_seats, split)
	if (win->known == 1)
		FOR_EACH_ROUNDING(m, win->tiny, AT_CLASS_1);
	else if (win->known == 2)
		FOR_EACH_ROUNDING(m, win->tiny, AT_CLASS_2);
	else
		FOR_EACH_ROUNDING(m, win->tiny, AT_CLASS_4);
#undef AT_CLASS_4
#undef AT_CLASS_2
#undef AT_CLASS_1
	return sure;
}

/* Over w[first..end), at most OPV__COUNT_BLOCK units: the units of weight
 * value[j] added to count[j], for each of the m values; returns the units
 * of positive weight. */
PASS static size_t opv__divisor_count_values_pass(int64_t *count, const double *value, size_t m,
                                             const double *w, size_t first, size_t end)
{
	vdouble x[OPV__COUNT_BLOCK / LANES];
	vint64 positive = { 0, 0, 0, 0 };
	size_t i, j, vectors = (end - first + LANES - 1) / LANES;
	for (i = 0; i < vectors; i++) {
		load(&x[i], w, first + i * LANES, end);
		positive -= x[i] > 0;
	}
	/* a value at a time, its count in a register */
	for (j = 0; j < m; j++) {
		const vdouble at = { value[j], value[j], value[j], value[j] };
		vint64 c = { 0, 0, 0, 0 };
		for (i = 0; i < vectors; i++)
			c -= x[i] == at;
		count[j] += SUM_LANES(c);
	}
	return (size_t)SUM_LANES(positive);
}

/* The walk: one seat more to each of the first `count` units in w[start..n)
 * whose weight is one of value[0..4) (up), or one less to each of the last
 * `count` in w[0..start); how many it found, up to `count`. */
PASS static int64_t opv__divisor_walk_pass(int64_t *seats, const double *w, size_t n,
                                           size_t start, const double *value, int up,
                                           int64_t count)
{
	const vdouble at0 = { value[0], value[0], value[0], value[0] };
	const vdouble at1 = { value[1], value[1], value[1], value[1] };
	const vdouble at2 = { value[2], value[2], value[2], value[2] };
	const vdouble at3 = { value[3], value[3], value[3], value[3] };
	const vint64 zero = { 0, 0, 0, 0 };
	size_t first = up ? start / LANES : 0, vectors = up ? (n + LANES - 1) / LANES : start / LANES;
	size_t j;
	int64_t found = 0;
	for (j = first; j < vectors && found < count; j++) {
		size_t i = (up ? j : vectors - 1 - j) * LANES;
		vdouble x;
		vint64 one, move;
		load(&x, w, i, n);
		one = zero - ((x == at0) | (x == at1) | (x == at2) | (x == at3));
		walk_step(&move, &one, &found, count, up);
		if (up)
			move = zero - move;  /* +1 where a seat moves */
		add_seats(seats, i, n, &move);
	}
	return found < count ? found : count;
}

/* ---- the seats of a tie (opv__divisor_move()) ------------------------------ */

/* Seats below 2^51, and as doubles, exactly; the lanes past n read as 0. */
INLINE void load_seats(vint64 *s, vdouble *t, const int64_t *seats, size_t i, size_t n)
{
	load_whole(s, seats, i, n);
	*t = (vdouble)(*s + ROUNDING_BITS) - ROUNDING;
}

/* How many lanes of a comparison's mask are set. */
INLINE int64_t lanes_set(const vint64 *mask)
{
	return -SUM_LANES(*mask);
}

/*
 * The units in turn, a vector at a time, up from the first (next) or down
 * from the last; a product rules out most units without a division, as in
 * settle_loop(), and the priorities of the others are divided as the
 * window's lists divide them.
 */
INLINE int64_t move_loop(int64_t *seats, const double *w, size_t n, opv_method m, int next,
                         double bar, int64_t ties, int64_t moves, const struct opv__known *known)
{
	/* b(u) - u, u the seats for the next seat and one fewer for the last */
	const double shift = m == OPV_JEFFERSON ? 1.0 : m == OPV_WEBSTER ? 0.5 : 0.0;
	const int bar_in_range = bar >= 0x1p-400 && bar <= 0x1p400;
	const double bar2 = bar * bar;
	const vdouble bars = { bar, bar, bar, bar };
	const size_t vectors = (n + LANES - 1) / LANES;
	double value[OPV__KNOWN_MOST];
	int64_t whole[OPV__KNOWN_MOST], first[OPV__KNOWN_MOST];
	int64_t moved = 0;
	size_t v, j;
	for (j = 0; j < OPV__KNOWN_MOST; j++) {  /* NaN: no unit */
		value[j] = known && j < known->size ? known->value[j] : NAN;
		whole[j] = known && j < known->size ? known->seats[j] : -1;
		first[j] = known && j < known->size && known->before[j] ? -1 : 0;
	}
	for (v = 0; v < vectors && moved < moves; v++) {
		size_t i = (next ? v : vectors - 1 - v) * LANES, k;
		vdouble x, t, u, b, key = bars;
		vint64 s, maybe, before = { 0, 0, 0, 0 }, at = { 0, 0, 0, 0 };
		int64_t moving;
		load(&x, w, i, n);
		load_seats(&s, &t, seats, i, n);
		u = next ? t : t - 1.0;
		maybe = (x > 0) & (next ? x > 0 : t > 0);
		if (bar_in_range && m == OPV_HUNTINGTON_HILL) {
			vdouble xx = x * x, limit = u * (u + 1.0) * bar2;
			maybe &= (x < 0x1p-400) |
			         (next ? xx >= limit * (1 - 0x1p-40) : xx <= limit * (1 + 0x1p-40));
		} else if (bar_in_range) {
			vdouble limit = (u + shift) * bar;
			maybe &= next ? x >= limit * (1 - 0x1p-40) : x <= limit * (1 + 0x1p-40);
		}
		if (known) {  /* the classes known to lie at the bar or before it */
			for (j = 0; j < OPV__KNOWN_MOST; j++) {
				vint64 in = (x == value[j]) & (s == whole[j]);
				before |= in & first[j];
				at |= in & ~first[j];
			}
			maybe &= ~(at | before);
			/* for the lanes taken one by one: any key before the bar will do */
			key = (vdouble)(((vint64)bars & ~before) |
			                ((vint64)(next ? bars * 2 : bars * 0.5) & before));
		}
		if (any_lane(&maybe)) {
			vdouble divided;
			if (m == OPV_HUNTINGTON_HILL)
				geometric_boundary(&b, &u);  /* b(0) = 0: +infinity */
			else
				b = u + shift;
			divided = x / b;
			key = (vdouble)(((vint64)divided & maybe) | ((vint64)key & ~maybe));
			before |= maybe & (next ? key > bar : key < bar);
			at |= maybe & (key == bar);
		} else if (!known) {
			continue;
		}
		moving = lanes_set(&before) + lanes_set(&at);
		if (lanes_set(&at) <= ties && moved + moving <= moves) {
			/* the whole vector moves: a set lane is -1 */
			s = next ? s - (before | at) : s + (before | at);
			store(seats, i, n, &s);
			ties -= lanes_set(&at);
			moved += moving;
			continue;
		}
		for (k = 0; k < LANES && moved < moves; k++) {
			size_t lane = next ? k : LANES - 1 - k;
			double q = key[lane];
			if (!(before[lane] | at[lane]) || i + lane >= n)
				continue;
			if (next ? q > bar : q < bar)
				;  /* before the bar: moves */
			else if (q == bar && ties > 0)
				ties--;
			else
				continue;
			seats[i + lane] += next ? 1 : -1;
			moved++;
		}
	}
	return moved;
}

PASS static int64_t opv__divisor_move_pass(int64_t *seats, const double *w, size_t n,
                                           opv_method m, int next, double bar, int64_t ties,
                                           int64_t moves, const struct opv__known *known)
{
	int64_t moved;
#define MOVE(method)                                                                       \
	moved = next && known ? move_loop(seats, w, n, method, 1, bar, ties, moves, known)  \
	      : next          ? move_loop(seats, w, n, method, 1, bar, ties, moves, NULL)   \
	      : known         ? move_loop(seats, w, n, method, 0, bar, ties, moves, known)  \
	                      : move_loop(seats, w, n, method, 0, bar, ties, moves, NULL)
	FOR_EACH_METHOD(m, MOVE);
#undef MOVE
	return moved;
}

/* The entry points are plain functions around the cloned ones: a clone's
 * ifunc symbol is not something every compiler lets other files link to. */

int opv__divisor_scan(const double *w, size_t n, struct opv__hill_sums *hill, unsigned threads,
                      struct opv__divisor_scan *out)
{
	struct scan_part parts[MAX_SCAN_PARTS];
	struct scan_job jobs[MAX_SCAN_PARTS];
	size_t nparts = n / SCAN_PART, per_job, most, k;
	size_t stride = n / SCAN_BLOCK >= 4 * INVERSE_STRIDE ? INVERSE_STRIDE : 1;
	unsigned njobs, t;
	if (hill && !(hill->split > 0 && hill->split <= DBL_MAX)) {
		hill->split = 0;
		hill = NULL;
	}
	nparts = nparts < 1 ? 1 : nparts > MAX_SCAN_PARTS ? MAX_SCAN_PARTS : nparts;
	for (k = 0; k < nparts; k++) {
		parts[k].first = opv__part_start(n, nparts, k, SCAN_BLOCK);
		parts[k].end = opv__part_start(n, nparts, k + 1, SCAN_BLOCK);
	}
	/* the parts a job takes at least, for OPV__UNITS_PER_THREAD units */
	per_job = n / nparts ? (OPV__UNITS_PER_THREAD + n / nparts - 1) / (n / nparts) : nparts + 1;
	most = nparts / per_job;
	njobs = most < threads ? (unsigned)most : threads;
	njobs = njobs > 1 ? njobs : 1;
	for (t = 0; t < njobs; t++)
		jobs[t] = (struct scan_job){ w, parts + nparts * t / njobs,
		                             parts + nparts * (t + 1) / njobs, stride, hill };
	opv__run_parallel(scan_job, jobs, sizeof *jobs, njobs);
	return join_parts(parts, nparts, n, hill, out);
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

/* A part of the count, on a thread of its own. */
struct count_part {
	const double *w;
	size_t n;
	opv_method m;
	double inv_d;
	int64_t sum;
};

static void *count_part(void *arg)
{
	struct count_part *c = arg;
	c->sum = opv__divisor_count_pass(c->w, c->n, c->m, c->inv_d);
	return NULL;
}

int64_t opv__divisor_count(const double *w, size_t n, opv_method m, double d, unsigned threads)
{
	struct count_part parts[OPV__MAX_THREADS];
	unsigned nparts = opv__threads_for(n, threads), t;
	int64_t sum = 0;
	for (t = 0; t < nparts; t++) {
		size_t first = opv__part_start(n, nparts, t, LANES);
		parts[t] = (struct count_part){ w + first, opv__part_start(n, nparts, t + 1, LANES) - first,
		                                m, 1 / d, 0 };
	}
	opv__run_parallel(count_part, parts, sizeof *parts, nparts);
	for (t = 0; t < nparts; t++)
		sum += parts[t].sum;
	return sum;
}

/* A run of the sampled blocks, on a thread of its own. */
struct excess_part {
	const double *w;
	double *excess;
	size_t first, end, stride, block;
	opv_method m;
	double inv_d;
};

static void *excess_part(void *arg)
{
	struct excess_part *e = arg;
	size_t j;
	for (j = e->first; j < e->end; j++)
		e->excess[j] = opv__divisor_excess_pass(e->w + (j * e->stride + e->stride / 2) * e->block,
		                                        e->block, e->m, e->inv_d);
	return NULL;
}

void opv__divisor_excess_of_blocks(double *excess, size_t taken, const double *w, size_t block,
                                   size_t stride, opv_method m, double d, unsigned threads)
{
	struct excess_part parts[OPV__MAX_THREADS];
	unsigned nparts = opv__threads_for(taken * block, threads), t;
	for (t = 0; t < nparts; t++)
		parts[t] = (struct excess_part){ w, excess, opv__part_start(taken, nparts, t, 1),
		                                 opv__part_start(taken, nparts, t + 1, 1), stride, block,
		                                 m, 1 / d };
	opv__run_parallel(excess_part, parts, sizeof *parts, nparts);
}

/* The window of opv__divisor_round() at d. */
static void window_set(struct window *win, opv_method m, double d, double min_w, double delta,
                       const struct opv__known *known)
{
	size_t j;
	win->inv_d = 1 / d;
	win->next_bar = d * (1 - delta);
	win->last_bar = d * (1 + delta);
	win->reach = m == OPV_HUNTINGTON_HILL ? 2 * delta / (1 - 2 * delta) + 0x1p-40
	                                      : delta / (1 - delta) + 0x1p-40;
	win->tiny = !(min_w / d >= TINY_QUOTIENT);
	win->next_square = (1 - delta) * (1 - delta) * (1 - 0x1p-40);
	win->last_square = (1 + delta) * (1 + delta) * (1 + 0x1p-40);
	win->next = NULL;
	win->last = NULL;
	win->known = !known || known->size == 0 ? 0 : known->size <= 2 ? (int)known->size : 4;
	for (j = 0; j < OPV__KNOWN_MOST; j++) {
		int in = known && j < known->size;
		win->known_value[j] = in ? known->value[j] : NAN;
	}
}

int64_t opv__divisor_round(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                           double d, double min_w, double delta,
                           struct opv__priority_list *next, struct opv__priority_list *last,
                           struct opv__known *known)
{
	struct window win;
	window_set(&win, m, d, min_w, delta, known);
	win.next = next;
	win.last = last;
	return opv__divisor_round_pass(seats, near, w, n, m, &win, win.known ? known->count : NULL);
}

int64_t opv__divisor_move(int64_t *seats, const double *w, size_t n, opv_method m, int next,
                          double bar, int64_t ties, int64_t moves, const struct opv__known *known)
{
	return opv__divisor_move_pass(seats, w, n, m, next, bar, ties, moves,
	                              known && known->size > 0 ? known : NULL);
}

int opv__divisor_at_class(int64_t *seats, int64_t *sum, const double *w, size_t n, opv_method m,
                          double d, double min_w, double delta, const struct opv__known *classes,
                          size_t split)
{
	struct window win;
	int64_t value_seats[OPV__KNOWN_MOST] = { 0, 0, 0, 0 };
	size_t j;
	/* the window's reach, as opv__divisor_round() sets it; the classes'
	 * slots past their number hold NaN, which no weight equals */
	window_set(&win, m, d, min_w, delta, classes);
	for (j = 0; j < classes->size; j++)
		value_seats[j] = classes->seats[j];
	return opv__divisor_at_class_pass(seats, sum, w, n, m, &win, value_seats, split);
}

int64_t opv__divisor_walk(int64_t *seats, const double *w, size_t n, size_t start,
                          const struct opv__known *classes, int up, int64_t count)
{
	double value[OPV__KNOWN_MOST];
	size_t j;
	for (j = 0; j < OPV__KNOWN_MOST; j++)
		value[j] = j < classes->size ? classes->value[j] : NAN;
	return opv__divisor_walk_pass(seats, w, n, start, value, up, count);
}

size_t opv__divisor_count_values(int64_t *count, const double *value, size_t m, const double *w,
                                 size_t first, size_t end)
{
	return opv__divisor_count_values_pass(count, value, m, w, first, end);
}
