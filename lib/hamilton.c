/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Hamilton's method (largest remainder): the reference implementation, and
 * the bounded quotas it rounds when there are bounds.  The fast route without
 * bounds is hamilton_stream.c; it must give exactly these seats.
 *
 * The quotas, which the method only rounds, are defined here once:
 *
 * - Whole-number weights below 2^53 adding up to less than 2^63 (populations,
 *   votes): floor and remainder of total * w_i / W exactly, in 128-bit
 *   integers.
 * - Any other weights: in double precision, for totals below
 *   OPV__DOUBLE_QUOTA_TOTAL (2^50),
 *       W   = opv__weight_sum(w)              a sum defined to the bit, below
 *       c   = total / (W * s)                 one rounding
 *       q_i = (w_i * s) * c                   one rounding (w_i * s is exact)
 *   with s = opv__quota_scale(W), a power of two that is 1 unless W lies
 *   beyond 2^-900 .. 2^900, where c could overflow or lose its bits.  From
 *   2^50 on, a quota's last bits are whole seats, and these roundings could
 *   put its floor a seat off: there q_i = total * w_i / W is computed in long
 *   double and rounded once to double.  The remainder q_i - floor(q_i) is
 *   exact either way.  Weights zero get no seat.
 * - With bounds: the bounded quota clamp(lambda * w_i, lower_i, upper_i),
 *   lambda chosen so that they add up to the total (bounded_quotas()).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "apportion_internal.h"
#include "error.h"
#include "select.h"

/* 128-bit integers keep products of a total and a weight (both below 2^53) exact. */
__extension__ typedef unsigned __int128 u128;

/* ---- the weight sum of non-integer weights ------------------------------- */

/*
 * One step of Neumaier's compensated sum (Knuth's two-sum, for operands
 * whose order of magnitude is not known): s + x rounded into *s, and what the
 * rounding lost added to *c.  Written with a comparison and no fabs so that
 * the vector pass in hamilton_stream.c can do the same operations.
 */
static void compensated_add(double *s, double *c, double x)
{
	double t = *s + x;
	double big = *s >= x ? *s : x, small = *s >= x ? x : *s;
	*c += (big - t) + small;
	*s = t;
}

/*
 * W for non-integer weights.  Any fixed order would do for the method; this
 * one is what two vectors of four lanes and any number of threads compute
 * without exchanging more than a few numbers (eight lanes, so that a sum
 * does not wait on the one before it), and it is accurate to about half a
 * unit in the last place, like the long double sum it replaced.  With
 * L = OPV__SUM_LANES (8):
 *
 *   the units go in blocks of OPV__SUM_BLOCK (256, a whole number of vector
 *   steps, and the grain at which threads split the units); within a block,
 *   lane j (0..L-1) adds up units i = L m + j in order of m with a
 *   compensated sum (s_j, c_j) from (0, 0); the blocks then feed, in order,
 *   s_0 .. s_{L-1} into one compensated sum (S, C) and add
 *   (..((c_0 + c_1) + c_2) .. + c_{L-1}) to C; W = S + C.
 */
double opv__weight_sum_blocks(const double *block_sums, size_t nblocks)
{
	double S = 0, C = 0;
	size_t b;
	int j;
	for (b = 0; b < nblocks; b++) {
		const double *block = block_sums + (OPV__SUM_LANES + 1) * b;
		for (j = 0; j < OPV__SUM_LANES; j++)
			compensated_add(&S, &C, block[j]);
		C += block[OPV__SUM_LANES];
	}
	return S + C;
}

double opv__weight_sum(const double *w, size_t n)
{
	double S = 0, C = 0;
	size_t first, i;
	int j;
	for (first = 0; first < n; first += OPV__SUM_BLOCK) {
		double s[OPV__SUM_LANES] = { 0 }, c[OPV__SUM_LANES] = { 0 }, cs = 0;
		size_t end = n - first < OPV__SUM_BLOCK ? n : first + OPV__SUM_BLOCK;
		for (i = first; i < end; i++)
			compensated_add(&s[(i - first) % OPV__SUM_LANES], &c[(i - first) % OPV__SUM_LANES],
			                w[i]);
		for (j = 0; j < OPV__SUM_LANES; j++)
			cs += c[j];
		for (j = 0; j < OPV__SUM_LANES; j++)
			compensated_add(&S, &C, s[j]);
		C += cs;
	}
	return S + C;
}

/* 2^1000 lifts a sum below 2^-900 to at least 2^-74 (from 2^-1074), and
 * 2^-200 brings one above 2^900 below 2^824: total / (W s) then stays a normal
 * double for every total up to 2^53, and so does each q_i that matters. */
double opv__quota_scale(double weight_sum)
{
	if (weight_sum < 0x1p-900)
		return 0x1p1000;
	if (weight_sum > 0x1p900)
		return 0x1p-200;
	return 1;
}

int opv__hamilton_floors_fail(opv_error *err, int64_t total, int64_t floors)
{
	return opv__fail(err, OPV_ERANGE,
	                 "quotas do not add up to the total %lld (floors add up to %lld); "
	                 "weights span too wide a range for double precision",
	                 (long long)total, (long long)floors);
}

/* ---- bounded quotas ------------------------------------------------------- */

/*
 * Bounded quotas clamp(lambda * w_i, lower_i, upper_i) that add up to the
 * total.  F(lambda) is piecewise linear and nondecreasing, so walk its
 * breakpoints in order until the segment holding the total is found.
 */
struct breakpoint {
	long double at;  /* a bound over a weight: 1 / 5e-324 overflows a double, not a long double */
	size_t index;
	int starts; /* 1: unit leaves its lower bound, 0: unit reaches its upper bound */
};

static int by_breakpoint(const void *a, const void *b)
{
	const struct breakpoint *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return y->starts - x->starts;
}

/*
 * A sum kept as two parts whose sum is exact after every step (Neumaier's
 * compensated summation): the slope of the sweep below adds and later takes
 * away weights of any size, and a weight of 1 beside one of 1e20 would
 * otherwise vanish when the 1e20 is taken away.
 */
struct exact_sum {
	long double high, low;
};

static void exact_add(struct exact_sum *s, long double x)
{
	long double t = s->high + x;
	if (fabsl(s->high) >= fabsl(x))
		s->low += (s->high - t) + x;
	else
		s->low += (x - t) + s->high;
	s->high = t;
}

static long double exact_value(const struct exact_sum *s)
{
	return s->high + s->low;
}

static int bounded_quotas(double *quota, const struct opv__problem *p, opv_error *err)
{
	struct breakpoint *bp = malloc(2 * p->n * sizeof *bp + 1);
	size_t i, m = 0;
	long double constant = 0, slope = 0, lambda = 0;
	struct exact_sum weights = { 0, 0 };  /* of the units between their bounds */
	if (!bp)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu bounded quotas", p->n);
	for (i = 0; i < p->n; i++) {
		constant += (long double)opv__lower_of(p, i);
		if (p->w[i] <= 0)
			continue;
		bp[m++] = (struct breakpoint){ (long double)opv__lower_of(p, i) / p->w[i], i, 1 };
		if (opv__upper_of(p, i) != OPV__NO_UPPER)
			bp[m++] = (struct breakpoint){ (long double)opv__upper_of(p, i) / p->w[i], i, 0 };
	}
	qsort(bp, m, sizeof *bp, by_breakpoint);
	for (i = 0; i < m; i++) {
		long double value_here = constant + slope * bp[i].at;
		if (slope > 0 && value_here >= (long double)p->total)
			break;
		if (bp[i].starts) {
			constant -= (long double)opv__lower_of(p, bp[i].index);
			exact_add(&weights, p->w[bp[i].index]);
		} else {
			exact_add(&weights, -(long double)p->w[bp[i].index]);
			constant += (long double)opv__upper_of(p, bp[i].index);
		}
		slope = exact_value(&weights);
	}
	if (slope > 0)
		lambda = ((long double)p->total - constant) / slope;
	else if (m > 0)
		lambda = bp[m - 1].at; /* every unit at its upper bound */
	for (i = 0; i < p->n; i++) {
		long double q = lambda * p->w[i];
		if (q < opv__lower_of(p, i) || p->w[i] <= 0)
			q = (long double)opv__lower_of(p, i);
		if (opv__upper_of(p, i) != OPV__NO_UPPER && q > opv__upper_of(p, i))
			q = (long double)opv__upper_of(p, i);
		/* No quota passes the total, whose bounds add up below it; where
		 * lambda comes from a breakpoint of a tiny weight, lambda * w of a
		 * large one would, and its floor would not fit in 64 bits. */
		if (q > (long double)p->total)
			q = (long double)p->total;
		quota[i] = (double)q;
	}
	free(bp);
	return OPV_OK;
}

/* The quotas of non-integer weights without bounds, as defined at the top. */
static void double_quotas(double *quota, const struct opv__problem *p)
{
	double W = opv__weight_sum(p->w, p->n), s = opv__quota_scale(W);
	double c = W > 0 ? (double)p->total / (W * s) : 0;
	size_t i;
	for (i = 0; i < p->n; i++) {
		if (p->total < OPV__DOUBLE_QUOTA_TOTAL)
			quota[i] = (p->w[i] * s) * c;
		else
			quota[i] = (double)((long double)p->total * p->w[i] / W);
	}
}

/* ---- the method ----------------------------------------------------------- */

/*
 * A candidate for a seat by remainder.  `exact` orders integral remainders
 * without rounding; `key` orders everything else.
 */
struct candidate {
	uint64_t exact;
	double key;
	size_t index;
};

/* The order of the remainders: largest first, the lower index first among equals. */
static int by_remainder_desc(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->exact != y->exact)
		return x->exact < y->exact ? 1 : -1;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

#define CANDIDATE_BEFORE(x, y) (by_remainder_desc((x), (y)) < 0)
OPV__DEFINE_SELECT(select_best, struct candidate, CANDIDATE_BEFORE)

/* The worst of a[0..n), n > 0: the last candidate to win a seat. */
static const struct candidate *worst_of(const struct candidate *a, size_t n)
{
	const struct candidate *w = &a[0];
	size_t i;
	for (i = 1; i < n; i++)
		if (by_remainder_desc(&a[i], w) > 0)
			w = &a[i];
	return w;
}

/*
 * The textbook method: every unit gets the floor of its quota (clamped to
 * its bounds); the k = total - sum(floors) seats left go one each to the k
 * candidates (units of positive weight below their upper bound) with the
 * largest remainders, the lower index first among equal ones.  With
 * OPV_TIE_ERROR, the k-th and the (k+1)-th remainders must differ.
 */
int opv__hamilton_reference(int64_t *seats, const struct opv__problem *p,
                            struct opv__apportion_detail *detail, opv_error *err)
{
	struct candidate *cand = malloc(p->n * sizeof *cand + 1);
	double *quota = NULL;
	size_t i, ncand = 0;
	int64_t floors = 0, left;
	int exact = p->integral && !p->lower && !p->upper;
	int working = detail && detail->floor;  /* quota, floor and remainder per unit */
	int ranks = detail && detail->rank;      /* and the order of the remainders */
	int rc = OPV_OK;

	if (!exact)
		quota = malloc(p->n * sizeof *quota + 1);
	if (!cand || (!exact && !quota)) {
		rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
		goto done;
	}
	if (p->lower || p->upper)
		rc = bounded_quotas(quota, p, err);
	else if (!exact)
		double_quotas(quota, p);
	if (rc)
		goto done;

	for (i = 0; i < p->n; i++) {
		struct candidate c = { 0, 0.0, i };
		if (exact) {
			u128 product = (u128)p->total * (uint64_t)p->w[i];
			seats[i] = (int64_t)(product / p->integral_sum);
			c.exact = (uint64_t)(product % p->integral_sum);
			c.key = (double)c.exact / (double)p->integral_sum;
		} else {
			double f = floor(quota[i]);
			seats[i] = (int64_t)f;
			c.key = quota[i] - f;
		}
		if (seats[i] < opv__lower_of(p, i))
			seats[i] = opv__lower_of(p, i);
		if (seats[i] > opv__upper_of(p, i))
			seats[i] = opv__upper_of(p, i);
		floors += seats[i];
		if (working) {
			detail->floor[i] = seats[i];
			detail->remainder[i] = c.key;
			detail->quota[i] = exact ? (double)seats[i] + c.key : quota[i];
		}
		if (seats[i] < opv__upper_of(p, i) && p->w[i] > 0)
			cand[ncand++] = c;
	}

	left = p->total - floors;
	/* Rounding of non-integral quotas can leave the floors off the exact
	 * count by a seat or so, which the ranking absorbs; not by more. */
	if (left < 0 || (uint64_t)left > ncand) {
		rc = opv__hamilton_floors_fail(err, p->total, floors);
		goto done;
	}
	/* The full order is needed only to explain it; the seats need only the
	 * `left` best remainders. */
	if (ranks)
		qsort(cand, ncand, sizeof *cand, by_remainder_desc);
	else if (left > 0 && (size_t)left < ncand)
		select_best(cand, ncand, (size_t)left);
	if (p->ties == OPV_TIE_ERROR && left > 0 && (size_t)left < ncand) {
		const struct candidate *last = worst_of(cand, (size_t)left);
		if (last->exact == cand[left].exact && last->key == cand[left].key) {
			rc = opv__fail(err, OPV_ETIE,
			               "units %zu and %zu tie for the last seat with equal remainders",
			               last->index, cand[left].index);
			goto done;
		}
	}
	for (i = 0; i < (size_t)left; i++)
		seats[cand[i].index]++;
	if (ranks) {
		for (i = 0; i < p->n; i++)
			detail->rank[i] = 0;
		for (i = 0; i < ncand; i++)
			detail->rank[cand[i].index] = (int64_t)i + 1;
	}
	if (detail)
		detail->seats_by_remainder = left;
done:
	free(cand);
	free(quota);
	return rc;
}
