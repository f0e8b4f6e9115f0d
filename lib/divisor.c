/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The divisor methods (Jefferson, Webster, Adams, Huntington-Hill): the
 * reference implementation, opv__divisor_reference(), and the fast route,
 * opv__divisor_fast(), which must give the same seats and statuses.
 *
 * The method, as both compute it: the seats go one at a time to the unit of
 * the highest priority w_i / b(s_i), s_i its seats so far and b the method's
 * boundary (opv__boundary()), computed in double precision; the lower index
 * first among equal priorities; units of weight zero and units at their upper
 * bound take no more seats; every unit starts at its lower bound.  A tie for
 * the last seat is one between the priority of the last seat given and the
 * highest priority left.  apportion.c has scaled tiny weights by a power of
 * two before either sees them (which changes no seat of the exact method,
 * only the rounding of the priorities).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "apportion_internal.h"
#include "classes.h"
#include "divisor_stream.h"
#include "error.h"
#include "parallel.h"
#include "select.h"

/* 128-bit integers: sums of up to 2^64 seats each below 2^62. */
__extension__ typedef __int128 i128;

/* b(s): the divisor at which a unit holding s seats earns its next one. */
double opv__boundary(opv_method method, int64_t s)
{
	switch (method) {
	case OPV_JEFFERSON: return (double)s + 1.0;
	case OPV_WEBSTER: return (double)s + 0.5;
	case OPV_ADAMS: return (double)s;
	case OPV_HUNTINGTON_HILL: return sqrt((double)s * ((double)s + 1.0));
	default: return (double)s + 1.0;
	}
}

/* Priority of the next seat of a unit with s seats (infinite when b(s) = 0). */
static double next_priority(const struct opv__problem *p, size_t i, int64_t s)
{
	double b = opv__boundary(p->method, s);
	return b > 0 ? p->w[i] / b : INFINITY;
}

double opv__last_seat_priority(opv_method method, double weight, int64_t seats)
{
	double b = opv__boundary(method, seats - 1);
	return b > 0 ? weight / b : INFINITY;
}

/* Seats for quotient x = w/d of a positive weight under the method's
 * rounding.  Adams and Huntington-Hill give every positive weight a seat
 * (b(0) = 0), also when w/d underflows to 0 in double precision. */
static int64_t round_quotient(opv_method method, double x)
{
	double s;
	int64_t t;
	if (!(x < 4.0e18))
		return INT64_C(4000000000000000000);
	/* x >= 0 here, so truncation is floor: no call into libm. */
	t = (int64_t)x;
	switch (method) {
	case OPV_WEBSTER: return (int64_t)(x + 0.5);
	case OPV_ADAMS: return t + ((double)t < x || t == 0);
	case OPV_HUNTINGTON_HILL:
		s = (double)t;
		return t + (x > sqrt(s * (s + 1.0)) || t == 0);
	default: return t;
	}
}

/* Seats under divisor d, clamped to the bounds, into `seats` unless it is
 * NULL; returns their sum. */
static i128 seats_at_divisor(int64_t *seats, const struct opv__problem *p, double d)
{
	i128 sum = 0;
	size_t i;
	if (p->stream && opv__divisor_seats_apply(p->method, d, p->max_w, p->weight_sum))
		return opv__divisor_seats(seats, NULL, p->w, p->n, p->method, d);
	for (i = 0; i < p->n; i++) {
		int64_t s = p->w[i] > 0 ? round_quotient(p->method, p->w[i] / d) : 0;
		if (s < opv__lower_of(p, i))
			s = opv__lower_of(p, i);
		if (s > opv__upper_of(p, i))
			s = opv__upper_of(p, i);
		if (seats)
			seats[i] = s;
		sum += s;
	}
	return sum;
}

/* A binary heap of (priority, index).  `max`: largest priority on top and the
 * lower index first among equals; otherwise smallest on top, higher index first. */
struct heap {
	struct opv__priority *e;
	size_t size;
	int max;
};

/* The two orders, for the heap and for selecting its k best entries. */
#define MAX_FIRST(x, y) ((x)->key != (y)->key ? (x)->key > (y)->key : (x)->index < (y)->index)
#define MIN_FIRST(x, y) ((x)->key != (y)->key ? (x)->key < (y)->key : (x)->index > (y)->index)
OPV__DEFINE_SELECT(select_max_first, struct opv__priority, MAX_FIRST)
OPV__DEFINE_SELECT(select_min_first, struct opv__priority, MIN_FIRST)

static int heap_before(const struct heap *h, size_t a, size_t b)
{
	return h->max ? MAX_FIRST(&h->e[a], &h->e[b]) : MIN_FIRST(&h->e[a], &h->e[b]);
}

static void heap_swap(struct heap *h, size_t a, size_t b)
{
	struct opv__priority t = h->e[a];
	h->e[a] = h->e[b];
	h->e[b] = t;
}

static void heap_sift_down(struct heap *h, size_t at)
{
	for (;;) {
		size_t best = at, l = 2 * at + 1, r = l + 1;
		if (l < h->size && heap_before(h, l, best))
			best = l;
		if (r < h->size && heap_before(h, r, best))
			best = r;
		if (best == at)
			return;
		heap_swap(h, at, best);
		at = best;
	}
}

/*
 * Keeps only the k entries that would leave the heap first.  Only they can
 * matter when k seats remain to be moved: a unit that takes two of them has
 * its first among the k best already, since its second comes after it.
 */
static void heap_keep_best(struct heap *h, size_t k)
{
	if (k >= h->size)
		return;
	if (h->max)
		select_max_first(h->e, h->size, k);
	else
		select_min_first(h->e, h->size, k);
	h->size = k;
}

static void heap_build(struct heap *h)
{
	size_t i = h->size / 2;
	while (i-- > 0)
		heap_sift_down(h, i);
}


/* One seat to the unit of the highest priority, which then offers its next
 * seat, or leaves the heap at its upper bound. */
static void give_the_top_a_seat(struct heap *h, int64_t *seats, const struct opv__problem *p)
{
	size_t u = h->e[0].index;
	seats[u]++;
	if (seats[u] < opv__upper_of(p, u)) {
		h->e[0].key = next_priority(p, u, seats[u]);
	} else {
		h->size--;
		heap_swap(h, 0, h->size);
	}
	heap_sift_down(h, 0);
}


/* ---- the reference --------------------------------------------------------- */

/*
 * Seats one at a time, from the lower bounds up, each to the highest
 * priority, kept in a heap.  O((total - sum of lower bounds) log n): for
 * checking the fast route, not for totals in the billions.
 */
int opv__divisor_reference(int64_t *seats, const struct opv__problem *p, opv_error *err)
{
	struct heap h = { malloc(p->n * sizeof *h.e + 1), 0, 1 };
	struct opv__priority last = { 0, SIZE_MAX };
	int64_t given = 0;
	size_t i;
	int rc = OPV_OK;
	if (!h.e)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
	for (i = 0; i < p->n; i++) {
		seats[i] = opv__lower_of(p, i);
		given += seats[i];
		if (p->w[i] > 0 && seats[i] < opv__upper_of(p, i))
			h.e[h.size++] = (struct opv__priority){ next_priority(p, i, seats[i]), i };
	}
	heap_build(&h);
	for (; given < p->total; given++) {
		if (h.size == 0) {
			rc = opv__fail(err, OPV_ERANGE, "the bounds leave no way to reach the total %lld",
			               (long long)p->total);
			goto done;
		}
		last = h.e[0];
		give_the_top_a_seat(&h, seats, p);
	}
	if (p->ties == OPV_TIE_ERROR && last.index != SIZE_MAX && h.size > 0 && h.e[0].key == last.key)
		rc = opv__fail(err, OPV_ETIE, "units %zu and %zu tie for the last seat at priority %.17g",
		               last.index, h.e[0].index, last.key);
done:
	free(h.e);
	return rc;
}

/* ---- the fast route -------------------------------------------------------- */

/*
 * The first guess of the divisor, after Pukelsheim ("Proportional
 * Representation", 2017, ch. 6): each rounding rule loses or gains about half
 * a seat per unit on average, so floor (Jefferson) starts from W / (T + m/2),
 * ceil (Adams) from W / (T - m/2) and the rounding rules from W / T, with m the
 * units of positive weight.  That leaves only a few seats, about sqrt(m), for
 * the heap to settle.
 */
static double first_divisor(const struct opv__problem *p)
{
	double units = (double)p->positive, seats = (double)p->total;
	if (p->method == OPV_JEFFERSON)
		seats += units / 2;
	else if (p->method == OPV_ADAMS && seats > units / 2)
		seats -= units / 2;
	return seats > 0 ? p->weight_sum / seats : INFINITY;
}

/*
 * The divisor that makes up for what rounding at d adds to the quotients,
 * given the seats `rounded` there: rounding adds rounded - W / d, and at a
 * divisor near d about as much, so W / (total - (rounded - W / d)).  It
 * serves where the rule of first_divisor(), half a seat a unit, is far off:
 * units of small quotient (every first seat of Adams and Huntington-Hill,
 * none of Jefferson), or quotients not spread evenly over their steps.
 */
static double divisor_for(const struct opv__problem *p, double d, double rounded)
{
	double seats = (double)p->total - (rounded - p->weight_sum / d);
	return seats > 0 ? p->weight_sum / seats : d;
}

/*
 * Where rounding at d adds far from what the first divisor's rule takes it
 * to (struct excess_sample), a count at a divisor near the one sought (one
 * pass, the sum only, about half the time of rounding) measures how many
 * seats rounding adds there.  Huntington-Hill rounds up by more than half a
 * seat on average where the quotients are small: every unit's first seat,
 * and between s and s + 1 from sqrt(s (s + 1)) < s + 1/2 on.
 */
static int quick_rounding_applies(const struct opv__problem *p, double d)
{
	return opv__divisor_seats_apply(p->method, d, p->max_w, p->weight_sum) &&
	       opv__divisor_round_apply(p->method, d, p->min_w);
}

static double counted_divisor(const struct opv__problem *p, double d)
{
	if (!quick_rounding_applies(p, d))
		return d;
	if (p->trace)
		p->trace->counted = 1;
	return divisor_for(p, d, (double)opv__divisor_count(p->w, p->n, p->method, d, p->threads));
}

/*
 * What rounding at d adds to the quotients of all units, the sum of
 * round(w / d) - w / d, estimated from EXCESS_SAMPLE weights spread evenly
 * over the input, and one standard deviation of the estimate.  Where
 * quotients are large and their places between two steps spread evenly,
 * rounding adds what the first divisor's rule says, half a seat a unit or
 * none, give or take sqrt(m / 12) for m units; where many are small (weights
 * spanning orders of magnitude) it adds far from that: floor takes all of a
 * quotient below 1, and Adams adds all that a quotient lacks of 1.  The
 * estimate's deviation is about n / sqrt(12 EXCESS_SAMPLE), 9,000 seats at
 * 10^6 units, so that it finds only misses far larger than the window; those
 * are the ones that cost most, and a sample of blocks (sampled_divisor()) or
 * a count then centres the divisor.
 */
#define EXCESS_SAMPLE 1024
/* standard deviations of the estimate beyond the window before the count
 * is worth its pass: a count that was not needed costs half a rounding */
#define EXCESS_SPREADS 3.0

struct excess_sample {
	double excess;       /* over all units */
	double spread;       /* one standard deviation of it */
	double unit_spread;  /* one standard deviation of a unit's */
};

static void sample_excess(struct excess_sample *e, const struct opv__problem *p, double d)
{
	size_t k = p->n < EXCESS_SAMPLE ? p->n : EXCESS_SAMPLE, step = k ? p->n / k : 0, j;
	double sum = 0, squares = 0, mean, variance;
	for (j = 0; j < k; j++) {
		double w = p->w[j * step + step / 2], q = w / d, x;
		if (!(w > 0))
			continue;  /* no seat, none added */
		x = (double)round_quotient(p->method, q) - q;
		sum += x;
		squares += x * x;
	}
	mean = k ? sum / (double)k : 0;
	variance = k ? squares / (double)k - mean * mean : 0;
	e->excess = mean * (double)p->n;
	e->unit_spread = k ? sqrt(variance > 0 ? variance : 0) : INFINITY;
	e->spread = k ? e->unit_spread / sqrt((double)k) * (double)p->n : INFINITY;
}

/*
 * What rounding at *d adds, measured on whole blocks of SAMPLE_BLOCK units
 * spread over the input (the count's loop, and the weights' sum, over each),
 * as many as put one standard deviation of the estimate at 1/SAMPLE_SPREADS
 * of the window's `want` seats, for a unit's spread of `unit_spread` (as
 * sample_excess() found it).  Rounding at the divisor it points to then
 * leaves more than the window holds about once in twenty calls, which round
 * once more (opv__divisor_fast()).  With the window's 1.25 sqrt(n) seats,
 * the units it takes are (1.6 unit_spread)^2 of all at any n: a fifth for a
 * unit's spread of 0.29 (places between two steps even), a half for 0.44
 * (Huntington-Hill's first seats of log-normal weights), less where the
 * window is widened (window_widening()); where that would be more than
 * half, the count, which costs about as much as a sample of every unit,
 * measures instead.  Both run on the call's threads.  The
 * estimate's spread comes from the blocks' own; where it is more than the
 * window's reach, the count measures too.  Sets *d to the divisor the
 * blocks point to, from which the count starts; returns whether rounding may
 * start from it.  A layout of the input against the blocks (a period that is
 * a multiple of theirs) may mislead the sample without its spread showing
 * it: rounding then measures the miss, and rounds again.
 */
#define SAMPLE_BLOCK ((size_t)1024)
#define SAMPLE_SPREADS 2.0
#define SAMPLE_FEWEST_BLOCKS 32
/* a block in this many at the most */
#define SAMPLE_STRIDE 2

static int sampled_divisor(double *d, const struct opv__problem *p, double unit_spread,
                           double want)
{
	size_t blocks = p->n / SAMPLE_BLOCK, stride, taken, j;
	double units = SAMPLE_SPREADS * unit_spread * (double)p->n / want, sum = 0, squares = 0;
	double mean, variance, scale, excess, spread, seats, *x;
	units *= units;
	if (blocks < SAMPLE_FEWEST_BLOCKS * SAMPLE_STRIDE ||
	    !(units <= (double)(blocks / SAMPLE_STRIDE) * (double)SAMPLE_BLOCK))
		return 0;
	taken = (size_t)(units / (double)SAMPLE_BLOCK) + 1;
	if (taken < SAMPLE_FEWEST_BLOCKS)
		taken = SAMPLE_FEWEST_BLOCKS;
	stride = blocks / taken;
	taken = blocks / stride;
	x = malloc(taken * sizeof *x);
	if (!x)
		return 0;  /* the count needs no memory */
	opv__divisor_excess_of_blocks(x, taken, p->w, SAMPLE_BLOCK, stride, p->method, *d,
	                              p->threads);
	for (j = 0; j < taken; j++) {  /* in their order, on any number of threads */
		sum += x[j];
		squares += x[j] * x[j];
	}
	free(x);
	mean = sum / (double)taken;
	variance = (squares - sum * mean) / (double)(taken - 1);
	scale = (double)p->n / (double)SAMPLE_BLOCK;  /* all units, in blocks */
	excess = mean * scale;
	spread = sqrt((variance > 0 ? variance : 0) / (double)taken *
	              (1 - (double)taken / (double)blocks)) * scale;
	seats = (double)p->total - excess;
	if (!(seats > 0) || !(spread == spread))
		return 0;
	*d = p->weight_sum / seats;
	if (p->trace)
		p->trace->sampled = (int)taken;
	return SAMPLE_SPREADS * spread <= want;
}

/*
 * A sample of 1024 weights spread over the input, and the most of them below
 * the split for the scan to take the sums below it from every eighth block
 * only.  Those sums enter the seats as the sum of 1 - v, a term in [0, 1]
 * for each of the units below the split, a share f of them; from an eighth
 * of the blocks their sum is within sqrt(7 f n) of all units' (one standard
 * deviation, as for the sum of 1 / v), and with 8 or fewer in the sample f
 * is 1.8% or less (within 2.5 standard deviations of the sample's), 0.36
 * sqrt(n) seats, against the window's 1.25 sqrt(n).  With more, the scan
 * adds them over every block.
 *
 * The sums serve only where the split lies within 1/16 of the divisor
 * (hill_divisor()); where the sample's mean, which puts the split, is off
 * by more than 1/48 of itself (one standard deviation), as where weights
 * span orders of magnitude, they would seldom serve, and the scan leaves
 * them out (the count then measures).
 */
#define HILL_SAMPLE 1024
#define HILL_FEW_BELOW 8
#define HILL_MEAN_ERROR (1.0 / 48)

void opv__divisor_hill_guess(struct opv__hill_sums *h, const double *w, size_t n, int64_t total)
{
	size_t k = n < HILL_SAMPLE ? n : HILL_SAMPLE, step = k ? n / k : 0, j, below = 0;
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0, mean, scale, split;
	const double *x = k ? w + step / 2 : w;
	/* Four sums of each, in registers, and a product in place of a
	 * division a weight: at a few hundred units a chain of additions and
	 * a division a weight made these loops a fifth of Huntington-Hill's
	 * call.  The guess needs no sum to the bit. */
	for (j = 0; j + 4 <= k; j += 4) {
		s0 += x[j * step];
		s1 += x[(j + 1) * step];
		s2 += x[(j + 2) * step];
		s3 += x[(j + 3) * step];
	}
	for (; j < k; j++)
		s0 += x[j * step];
	mean = k ? ((s0 + s1) + (s2 + s3)) / (double)k : 0;
	/* 1 / mean where that is finite; else each weight divided */
	scale = mean > 0 && 1 / mean <= DBL_MAX ? 1 / mean : 0;
	j = 0;
	if (scale > 0)
		for (; j + 4 <= k; j += 4) {  /* no square of a weight overflows */
			double x0 = x[j * step] * scale - 1, x1 = x[(j + 1) * step] * scale - 1;
			double x2 = x[(j + 2) * step] * scale - 1, x3 = x[(j + 3) * step] * scale - 1;
			q0 += x0 * x0;
			q1 += x1 * x1;
			q2 += x2 * x2;
			q3 += x3 * x3;
		}
	for (; j < k && mean > 0; j++) {
		double x0 = (scale > 0 ? x[j * step] * scale : x[j * step] / mean) - 1;
		q0 += x0 * x0;
	}
	split = k && total > 0 ? mean * (double)n / (double)total : 0;
	h->split = split > 0 && split <= DBL_MAX ? split : 0;
	if (!(((q0 + q1) + (q2 + q3)) / (double)k / (double)k <= HILL_MEAN_ERROR * HILL_MEAN_ERROR))
		h->split = 0;
	for (j = 0; j < k; j++)
		below += (size_t)((x[j * step] > 0) & (x[j * step] < h->split));
	h->sample_below = k == HILL_SAMPLE && below <= HILL_FEW_BELOW;
}

/*
 * Huntington-Hill's divisor without a count, from the scan's sums (struct
 * opv__hill_sums), by what the rounding adds on average.  A unit of
 * quotient q = w / d below 1 holds one seat, 1 - q more than q.  One of q
 * between t >= 1 and t + 1 is rounded up from
 * sqrt(t (t + 1)) = t + 1/2 - 1/(8t) + O(1/t^2) on, and
 * with q's place in the step spread evenly it holds t + 1/2 - sqrt(t (t + 1))
 * more than q on average, within 1% of the average of 1 / (8q) over the step
 * (ln(1 + 1/t) / 8; t = 1: 0.0858 and 0.0866).  With rho = split / d, so that
 * q = v rho:
 *
 *     extra(d) = below - rho below_sum + above_inverse / (8 rho)
 *
 * and d = W / (total - extra(d)), solved by a few steps from W / total (extra
 * changes little with d).  The sums split the units at v = 1, not q = 1:
 * those between count in the wrong part, by at most 1/8 of a seat each, and
 * with the split more than 1/16 from d, where that may be many, a count
 * measures instead (measured_divisor()).  The sum of 1 / v may come from a
 * part of the units (divisor_stream.c), about sqrt(7 n) / 32 seats off.  The
 * seats rounding then leaves over or short are mostly those of the
 * unevenness of the places in the steps, which the window covers
 * (window_for()) as it does for the other methods; where it does not, the
 * search takes over.
 */
static double hill_divisor(const struct opv__problem *p, double d)
{
	const struct opv__hill_sums *h = &p->hill;
	int k;
	for (k = 0; k < 3; k++) {
		double rho = h->split / d;
		double extra = h->below - rho * h->below_sum + h->above_inverse / (8 * rho);
		double seats = (double)p->total - extra;
		if (!(seats > 0))
			return d;
		d = p->weight_sum / seats;
	}
	return d;
}

/*
 * How much wider than its 1.25 sqrt(n) + 64 seats the window is made where
 * a sample of blocks measures the first divisor: the sample takes
 * (SAMPLE_SPREADS unit_spread n / want)^2 units, and the window costs about
 * in proportion to `want`, so that their sum is least where `want` grows as
 * unit_spread^(2/3).  From a unit's spread of places spread evenly between
 * two steps (0.29, D'Hondt and the like, which the window's size was set
 * for) on, by at most WIDEN_MOST: Huntington-Hill's first seats of
 * log-normal weights (0.46) take a window 1.36 times as wide and a sample
 * of 0.54 times the units, 7% less time in all at 10^6 units.  Twice as
 * wide, the call took half as long again there (measured).
 */
#define EVEN_SPREAD 0.29
#define WIDEN_MOST 1.5

static double window_widening(double unit_spread)
{
	double widen = cbrt((unit_spread / EVEN_SPREAD) * (unit_spread / EVEN_SPREAD));
	return widen > 1 ? (widen < WIDEN_MOST ? widen : WIDEN_MOST) : 1;
}

/*
 * The divisor rounding starts from, for the divisor methods but where the
 * weights fall in classes: d, the first divisor, where the sample finds that
 * rounding there leaves the window's `want` seats or fewer to settle, or
 * cannot tell; else the divisor that a sample of blocks, or where that
 * cannot tell closely enough a count, measures at the one the sample puts
 * the seats at the total.  Huntington-Hill's first divisor comes from the
 * scan's sums (hill_divisor()) where they apply, and is measured wherever
 * they do not.  *widen: how many times wider than `want` the window is
 * then to be, more than 1 only where a sample of blocks measures.
 */
static double measured_divisor(const struct opv__problem *p, double d, double want,
                               double *widen)
{
	struct excess_sample e;
	double seats, miss;
	int hill = p->method == OPV_HUNTINGTON_HILL && p->stream;
	if (hill && p->hill.split > 0 && fabs(p->hill.split / d - 1) <= 1.0 / 16)
		return hill_divisor(p, d);
	/* Huntington-Hill counts whatever the sample finds; where the sample
	 * would be every unit, each rounded on its own with a root, the
	 * count's pass of four units a vector measures the same sum, and
	 * counts again where that puts the divisor (342 units: 3.7 -> 2.5 us). */
	if (hill && p->n <= EXCESS_SAMPLE)
		return counted_divisor(p, counted_divisor(p, d));
	sample_excess(&e, p, d);
	miss = (double)p->total - (p->weight_sum / d + e.excess);
	if (!hill && !(fabs(miss) > want + EXCESS_SPREADS * e.spread))
		return d;
	seats = (double)p->total - e.excess;
	d = seats > 0 ? p->weight_sum / seats : d;
	*widen = window_widening(e.unit_spread);
	if (quick_rounding_applies(p, d) && sampled_divisor(&d, p, e.unit_spread, *widen * want))
		return d;
	*widen = 1;  /* the count measures: no sample to spare */
	return counted_divisor(p, d);
}

/*
 * Finds a divisor whose rounded seats come within n of the total, starting
 * from first_divisor().  Bounds that bind can push that guess far off; then
 * bisect on the divisor.
 */
static double find_divisor(const struct opv__problem *p, i128 *sum)
{
	int64_t *seats = NULL; /* only the sums */
	double d = first_divisor(p);
	double low, high;
	int k;
	*sum = seats_at_divisor(seats, p, d);
	if (*sum - p->total <= (i128)p->n && p->total - *sum <= (i128)p->n)
		return d;
	low = high = d;
	/* Each step keeps the divisor it leaves as the other end, so that the
	 * bisection starts within a factor of two (not across 2^1000). */
	for (k = 0; k < 2100 && seats_at_divisor(seats, p, low) < p->total; k++) {
		high = low;
		low /= 2; /* smaller divisor, more seats */
	}
	for (k = 0; k < 2100 && seats_at_divisor(seats, p, high) > p->total; k++) {
		low = high;
		high *= 2;
	}
	for (k = 0; k < 200; k++) {
		double mid = low + (high - low) / 2;
		if (mid <= low || mid >= high)
			break;
		*sum = seats_at_divisor(seats, p, mid);
		if (*sum - p->total <= (i128)p->n && p->total - *sum <= (i128)p->n)
			return mid;
		if (*sum > p->total)
			low = mid;
		else
			high = mid;
	}
	*sum = seats_at_divisor(seats, p, high);
	return high;
}

/*
 * Collects, from entries pushed one by one, a set that holds the k that
 * would leave the heap first, in at most `cap` slots: when the slots run out
 * the k best are kept and the k-th of them becomes the bar that later
 * entries must clear.  Most entries of a long input then fail one
 * comparison, and only a few are ever stored.
 */
struct shortlist {
	struct heap *h;
	size_t k, cap;
	int barred;  /* h->e[k - 1] is the bar */
	double bar;  /* its priority (or -+infinity before): what others must reach */
};

static void shortlist_push(void *list, double key, size_t index)
{
	struct shortlist *l = list;
	struct heap *h = l->h;
	struct opv__priority x = { key, index };
	if (l->barred && !(h->max ? MAX_FIRST(&x, &h->e[l->k - 1]) : MIN_FIRST(&x, &h->e[l->k - 1])))
		return;
	h->e[h->size++] = x;
	if (h->size == l->cap) {
		/* the k - 1 best before e[k - 1], the k-th best */
		if (h->max)
			select_max_first(h->e, h->size, l->k - 1);
		else
			select_min_first(h->e, h->size, l->k - 1);
		h->size = l->k;
		l->barred = 1;
		l->bar = h->e[l->k - 1].key;
	}
}

/*
 * Makes `seats` those of the one-at-a-time procedure, which gives seats in
 * the order of their priorities w / b(s), in double precision, the lower
 * index first among equals: while the best seat not given comes before the
 * worst seat given, that seat moves.  Rounding at one divisor agrees with the
 * order but for priorities within a few roundings of each other, so a seat
 * rarely moves and one pass usually settles it.  With OPV_TIE_ERROR, fails
 * when those two seats have equal priorities.
 */
static int put_in_order(int64_t *seats, const struct opv__problem *p, opv_error *err)
{
	for (;;) {
		double best_next = -INFINITY, worst_last = INFINITY;
		size_t next_unit = SIZE_MAX, last_unit = SIZE_MAX, i;
		for (i = 0; i < p->n; i++) {
			double q;
			if (p->w[i] <= 0)
				continue;
			if (seats[i] < opv__upper_of(p, i) && (q = next_priority(p, i, seats[i])) > best_next) {
				best_next = q;  /* the lowest index among the highest */
				next_unit = i;
			}
			if (seats[i] > opv__lower_of(p, i) && (q = next_priority(p, i, seats[i] - 1)) <= worst_last) {
				worst_last = q; /* the highest index among the lowest: given last */
				last_unit = i;
			}
		}
		if (next_unit == SIZE_MAX || last_unit == SIZE_MAX)
			return OPV_OK;
		if (best_next > worst_last || (best_next == worst_last && next_unit < last_unit)) {
			seats[last_unit]--;
			seats[next_unit]++;
			continue;
		}
		if (p->ties == OPV_TIE_ERROR && best_next == worst_last)
			return opv__fail(err, OPV_ETIE, "units %zu and %zu tie for the last seat at priority %.17g",
			                 last_unit, next_unit, best_next);
		return OPV_OK;
	}
}

/*
 * The priorities of h's units after their first move, their second and on
 * (the next, or the last once more), that would come before h->e[last] out
 * of the heap: how many, and where `out` is not NULL, those priorities into
 * it; more than `most` stops the count at most + 1.
 */
static size_t coming_back(struct opv__priority *out, const int64_t *seats,
                          const struct opv__problem *p, const struct heap *h, size_t last,
                          size_t most)
{
	const int64_t step = h->max ? 1 : -1;
	size_t j, found = 0;
	int64_t t;
	for (j = 0; j < h->size; j++) {
		size_t u = h->e[j].index;
		for (t = 1;; t++) {
			struct opv__priority next = { 0, u };
			int64_t s = seats[u] + step * t;
			if (h->max ? s >= opv__upper_of(p, u) : s <= opv__lower_of(p, u))
				break;  /* it leaves the heap */
			next.key = next_priority(p, u, h->max ? s : s - 1);
			if (!(h->max ? MAX_FIRST(&next, &h->e[last]) : MIN_FIRST(&next, &h->e[last])))
				break;
			if (found == most)
				return most + 1;
			if (out)
				out[found] = next;
			found++;
		}
	}
	return found;
}

/*
 * The k moves of move_seats() at once, where h holds the k entries that
 * would leave the heap first (h->size, k > 0): those k and the priorities
 * coming back among them (coming_back()) hold the first k to leave, which
 * are their k best.  A seat moves a unit's priority by about 1/s of itself
 * for s seats, beyond the others in the window but where s is in the
 * thousands: mostly none comes back, and each of the k moves once.  Returns
 * 0, having moved none, where more than k come back or memory runs short;
 * the heap then moves them.
 */
static int move_at_once(int64_t *seats, const struct opv__problem *p, const struct heap *h)
{
	const size_t k = h->size;
	const int64_t step = h->max ? 1 : -1;
	struct opv__priority *all;
	size_t j, last = 0, again;
	for (j = 1; j < k; j++)
		if (heap_before(h, last, j))
			last = j;
	again = coming_back(NULL, seats, p, h, last, k);
	if (again == 0) {
		for (j = 0; j < k; j++)
			seats[h->e[j].index] += step;
		return 1;
	}
	all = again <= k ? malloc((k + again) * sizeof *all) : NULL;
	if (!all)
		return 0;
	memcpy(all, h->e, k * sizeof *all);
	coming_back(all + k, seats, p, h, last, again);
	if (h->max)
		select_max_first(all, k + again, k);
	else
		select_min_first(all, k + again, k);
	for (j = 0; j < k; j++)  /* a unit's first moves, as many as it has there */
		seats[all[j].index] += step;
	free(all);
	return 1;
}

/*
 * Gives seats one at a time to the highest next-seat priority in h (a max
 * heap), or takes them back from the lowest last-seat priority (a min heap),
 * until the seats add up to the total or h runs out; h holds the k best of
 * every unit that could move, or all of them.  Returns the sum reached.
 */
static i128 move_seats(int64_t *seats, const struct opv__problem *p, struct heap *h, size_t k,
                       i128 sum)
{
	heap_keep_best(h, k);
	if (h->size == k && k > 0 && move_at_once(seats, p, h))
		return h->max ? sum + (i128)k : sum - (i128)k;
	heap_build(h);
	if (h->max) {
		for (; sum < p->total && h->size > 0; sum++)
			give_the_top_a_seat(h, seats, p);
		return sum;
	}
	for (; sum > p->total && h->size > 0; sum--) {
		size_t u = h->e[0].index;
		seats[u]--;
		if (seats[u] > opv__lower_of(p, u)) {
			h->e[0].key = next_priority(p, u, seats[u] - 1);
		} else {
			h->size--;
			heap_swap(h, 0, h->size);
		}
		heap_sift_down(h, 0);
	}
	return sum;
}

/*
 * The route of one pass, for the divisor methods without bounds on the
 * vector passes: rounding at the first divisor writes every seat and
 * lists the units whose priorities lie within delta of it; the seats that
 * rounding leaves over or short then move among those, as put_in_order()
 * would move them.  Like Hamilton's remainders (hamilton_stream.c), the
 * seats rounding misses are about 0 give or take sqrt(m / 12) for m units
 * of positive weight, and a list of 1.25 sqrt(m) + 64 units a side covers
 * 4.5 of those spreads.  A unit with s seats lies within delta of d with a
 * chance of about delta b(s) (its quotient's place between two steps spread
 * evenly), so delta = that many / total.
 */
struct window {
	double delta;
	size_t side;  /* room for each list: 8 times what an even spread puts there */
	/* classes of units known to lie in it (known_classes()), each with
	 * its priority, of the next seat or of the last */
	struct opv__known known;
	double known_key[OPV__KNOWN_MOST];
	int known_next[OPV__KNOWN_MOST];
};

/* Whether the route of one pass applies at the first divisor d, and its window. */
static int window_for(struct window *win, const struct opv__problem *p, double d, double widen)
{
	double want;
	if (!p->stream || !opv__divisor_round_apply(p->method, d, p->min_w) || p->total <= 0 ||
	    !opv__divisor_seats_apply(p->method, d, p->max_w, p->weight_sum))
		return 0;
	want = widen * (1.25 * sqrt((double)p->positive) + 64);
	win->known.size = 0;
	win->delta = want / (double)p->total;
	win->side = (size_t)(8 * want);
	return win->delta <= 1.0 / 64;  /* wider, it would list too many */
}

/* Where a part of the route of one pass starts: whole vectors and cache lines. */
#define PART_ALIGN ((size_t)1024)

/* One part of the units, w[first..end), rounded by a thread of its own, its
 * lists' indices counted from `first`. */
struct round_part {
	const struct opv__problem *p;
	int64_t *seats;
	size_t first, end;
	double d, delta;
	struct opv__priority_list next, last;
	struct opv__known known;
	int64_t sum;
	int near;
};

static void *round_part(void *arg)
{
	struct round_part *r = arg;
	const struct opv__problem *p = r->p;
	r->sum = opv__divisor_round(r->seats + r->first, &r->near, p->w + r->first,
	                            r->end - r->first, p->method, r->d, p->min_w, r->delta,
	                            &r->next, &r->last, &r->known);
	return NULL;
}

/* The units of known class j (SIZE_MAX: of all) that the parts counted, on
 * the side that matters: their next seats' priorities to award, their last
 * to take back. */
static size_t known_units(const struct window *win, const struct round_part *parts,
                          unsigned nparts, int award, size_t j)
{
	size_t units = 0, c;
	unsigned t;
	for (c = 0; c < win->known.size; c++)
		for (t = 0; t < nparts; t++)
			if ((c == j || j == SIZE_MAX) && win->known_next[c] == award)
				units += (size_t)parts[t].known.count[c];
	return units;
}

/* Whether no unit has two priorities on one side of the window at d: that
 * takes b(s + 1) / b(s) < 1 / (1 - delta), some s above 1 / (2 delta), and
 * so quotients above that. */
static int one_priority_a_side(const struct opv__problem *p, double d, const struct window *win)
{
	return p->max_w / d * 2 * win->delta < 1;
}

/* Distinct priorities that settle_ties() takes from all lists together: as
 * many as one list counts beyond its room, so that what it takes does not
 * depend on how the units split into parts. */
#define TIE_KEYS OPV__LIST_KEYS

/* n more units of priority `key` into keys[0..*count); 0 where it would
 * make more than TIE_KEYS. */
static int tally(struct opv__key_count *keys, size_t *count, double key, size_t n)
{
	size_t j;
	for (j = 0; j < *count; j++) {
		if (keys[j].key == key) {
			keys[j].count += n;
			return 1;
		}
	}
	if (*count == TIE_KEYS)
		return 0;
	keys[(*count)++] = (struct opv__key_count){ key, n };
	return 1;
}

static int key_higher(const void *a, const void *b)
{
	double x = ((const struct opv__key_count *)a)->key, y = ((const struct opv__key_count *)b)->key;
	return (x < y) - (x > y);
}

/*
 * The route of one pass where a list ran out of room, or the pass counted
 * known classes beside the lists (known_classes()): many units lie in the
 * window, as where weights repeat and whole classes of units share a
 * priority (ties), too many to move one at a time in a heap.  The lists
 * still count the units of each priority (struct opv__priority_list); in
 * the order of the priorities (the highest first to award, the lowest first
 * to take back), the k seats to move reach some priority `bar`: every unit
 * before it moves, and of the units at it, as many as are left, the lower
 * indices first to award, the higher to take back (the seats the procedure
 * gives last).  One walk, from the start or the end, moves them and stops
 * at the k-th seat: no heap, no sort of units.  A unit moves once; it could
 * move twice only where two of its priorities lie in the window
 * (one_priority_a_side()): the search takes those.  OPV__NOT_HANDLED where
 * the lists' priorities are more than TIE_KEYS (*too_few set where they
 * hold fewer than k units).
 */
static int settle_ties(int64_t *seats, const struct opv__problem *p, double d,
                       const struct window *win, const struct round_part *parts, unsigned nparts,
                       int award, size_t k, int *too_few, size_t *in_window)
{
	struct opv__key_count keys[TIE_KEYS];
	struct opv__known at_bar;
	size_t count = 0, listed = 0, before = 0, i, j;
	unsigned t;
	if (!one_priority_a_side(p, d, win))
		return OPV__NOT_HANDLED;
	for (t = 0; t < nparts; t++) {
		const struct opv__priority_list *list = award ? &parts[t].next : &parts[t].last;
		size_t kept = list->count < list->cap ? list->count : list->cap;
		if (list->keys > OPV__LIST_KEYS)
			return OPV__NOT_HANDLED;
		for (i = 0; i < kept; i++)
			if (!tally(keys, &count, list->e[i].key, 1))
				return OPV__NOT_HANDLED;
		for (j = 0; j < list->keys; j++)
			if (!tally(keys, &count, list->key[j].key, list->key[j].count))
				return OPV__NOT_HANDLED;
		listed += list->count;
	}
	for (j = 0; j < win->known.size; j++) {
		size_t units = known_units(win, parts, nparts, award, j);
		if (units > 0 && !tally(keys, &count, win->known_key[j], units))
			return OPV__NOT_HANDLED;
		listed += units;
	}
	*in_window = listed;
	if (listed < k) {
		*too_few = 1;
		return OPV__NOT_HANDLED;
	}
	qsort(keys, count, sizeof *keys, key_higher);
	if (!award)  /* the lowest first */
		for (j = 0; j < count / 2; j++) {
			struct opv__key_count x = keys[j];
			keys[j] = keys[count - 1 - j];
			keys[count - 1 - j] = x;
		}
	for (j = 0; before + keys[j].count < k; j++)
		before += keys[j].count;
	/* the known classes at the bar or before it, which the walk need not
	 * divide for */
	at_bar.size = 0;
	for (i = 0; i < win->known.size; i++) {
		double key = win->known_key[i];
		if (win->known_next[i] != award || (award ? key < keys[j].key : key > keys[j].key))
			continue;
		at_bar.value[at_bar.size] = win->known.value[i];
		at_bar.seats[at_bar.size] = win->known.seats[i];
		at_bar.before[at_bar.size++] = key != keys[j].key;
	}
	if (opv__divisor_move(seats, p->w, p->n, p->method, award, keys[j].key,
	                      (int64_t)(k - before), (int64_t)k, &at_bar) != (int64_t)k)
		return OPV__NOT_HANDLED;
	return OPV_OK;
}

/*
 * Weights that take few values (classes.h).  Rounding at a divisor then
 * moves whole classes of units at a time, and the average that
 * first_divisor() and divisor_for() go by misses by about a class: the
 * window, a few units wide, holds none of the class where the seats stop.
 * The divisor is put half a window beside the priority where the sampled
 * classes reach the total, the window around it holds that class, and
 * settle_ties() gives its seats.
 */
/* The seats at divisor d: the quotients' sum W / d, which the weights' sum
 * gives, and what rounding adds to each class, which the sample counts (its
 * error then grows with the fraction of a seat, not with the seats). */
static double class_seats(const struct opv__classes *c, const struct opv__problem *p, double d)
{
	double sum = 0;
	size_t j;
	for (j = 0; j < c->count; j++) {
		double q = c->value[j] / d;
		sum += c->units[j] * ((double)round_quotient(p->method, q) - q);
	}
	return p->weight_sum / d + sum;
}

/*
 * The step of the classes' seats that passes `target`, by bisection from d:
 * the seats fall with the divisor, and in steps at the classes'
 * priorities, so the bisection closes in on the step, between *low and
 * *high, two divisors next to each other.  0 where the target cannot be
 * bracketed.  class_divisor(): the divisor half a window beside it (d where
 * there is no step).
 */
static int class_step(const struct opv__classes *c, const struct opv__problem *p, double d,
                      double target, double *low_out, double *high_out)
{
	double low = d, high = d;
	int k;
	for (k = 0; k < 64 && class_seats(c, p, low) < target; k++)
		low /= 2;
	for (k = 0; k < 64 && class_seats(c, p, high) >= target; k++)
		high *= 2;
	if (!(class_seats(c, p, low) >= target && class_seats(c, p, high) < target))
		return 0;
	for (k = 0; k < 200; k++) {
		double mid = low + (high - low) / 2;
		if (mid <= low || mid >= high)
			break;
		if (class_seats(c, p, mid) >= target)
			low = mid;
		else
			high = mid;
	}
	*low_out = low;
	*high_out = high;
	return 1;
}

static double class_divisor(const struct opv__classes *c, const struct opv__problem *p, double d,
                            double target, double delta)
{
	double low, high, at_high;
	if (!class_step(c, p, d, target, &low, &high))
		return d;
	/* Above the step the class is short of its seats, the walk gives
	 * them from the first unit on; below, it has them all, and the walk
	 * takes back the rest from the last unit: the shorter way. */
	at_high = class_seats(c, p, high);
	if (target - at_high > (class_seats(c, p, low) - at_high) / 2)
		return low * (1 - delta / 2);
	return high * (1 + delta / 2);
}

/*
 * The sampled classes whose priorities lie in the window at d: the pass
 * counts their units instead of listing them (struct opv__known), the
 * class where the seats stop among them.  The pass leaves a known weight
 * out of both lists, so a class is known on every side where its priority
 * lies in the window, or not at all: where a side lies within 2^-30 of d
 * or of the window's edge (the pass's quick rounding and round_quotient()
 * then agree on the seats, and the window surely holds the priority), and
 * where the room runs out, the class is listed as any unit is; so is a
 * class the sample missed.  None where a unit could have two priorities on
 * one side (settle_ties()).
 */
static void known_classes(struct window *win, const struct opv__classes *c,
                          const struct opv__problem *p, double d)
{
	struct opv__known *k = &win->known;
	size_t j;
	k->size = 0;
	if (!one_priority_a_side(p, d, win))
		return;
	for (j = 0; j < c->count; j++) {
		int64_t s = round_quotient(p->method, c->value[j] / d);
		double key[2] = { 0, 0 };  /* the last seat's priority, the next's */
		int in[2] = { 0, 0 }, sure = 1, next;
		for (next = 0; next < 2; next++) {
			double b = opv__boundary(p->method, next ? s : s - 1), from_d;
			if ((!next && s == 0) || !(b > 0))
				continue;
			key[next] = c->value[j] / b;
			from_d = next ? 1 - key[next] / d : key[next] / d - 1;
			in[next] = next ? key[next] >= d * (1 - win->delta)
			                : key[next] <= d * (1 + win->delta);
			if (in[next])
				sure &= from_d >= 0x1p-30 && from_d <= win->delta * (1 - 0x1p-30);
		}
		if (!(in[0] || in[1]) || !sure ||
		    k->size + (size_t)in[0] + (size_t)in[1] > OPV__KNOWN_MOST)
			continue;
		for (next = 0; next < 2; next++) {
			if (!in[next])
				continue;
			k->value[k->size] = c->value[j];
			k->seats[k->size] = s;
			k->count[k->size] = 0;
			win->known_key[k->size] = key[next];
			win->known_next[k->size++] = next;
		}
	}
}

/*
 * class_divisor() once more, where the window at d held fewer units than
 * rounding left over or short: the seats at the window's far edge are
 * known exactly (those at d and one for each unit in the window, which
 * lies whole between), and the sample's count is set right by them for the
 * classes beyond.
 */
static double class_divisor_again(const struct opv__classes *c, const struct opv__problem *p,
                                  double d, double delta, int64_t rounded, size_t in_window)
{
	int award = rounded < p->total;
	double edge = award ? d * (1 - delta) : d * (1 + delta);
	double at_edge = award ? (double)rounded + (double)in_window
	                       : (double)rounded - (double)in_window;
	return class_divisor(c, p, edge, (double)p->total - (at_edge - class_seats(c, p, edge)),
	                     delta);
}

/*
 * Where the sampled classes put the last seat in one class C (or a few, at
 * one priority) whose units are the only ones with a priority near it (as
 * where every weight takes one of a few values), the route of one pass
 * needs no lists: at a divisor d half a window above C's next seat's
 * priority K, C's units before a split (a multiple of PART_ALIGN) hold that
 * seat already, in the share of C's units that the classes' count expects
 * to take it (opv__divisor_at_class()).  Every other unit's priorities then
 * lie beyond the window, below d (1 - delta) < K or above d (1 + delta) > K,
 * or the pass says otherwise.
 * The seats still missing go to C's next units from the split on (at K,
 * the lower index first), and those given too many come back from its last
 * ones before the split (their last priority K, below any other unit's,
 * the higher index first): a walk over as many units as the count's share
 * was off, where the one-pass route walks from the first unit or the last.
 */
struct class_split {
	double d;
	struct opv__known classes;  /* C: its weights and their seats at d */
	size_t split;
};

/* class_split() counts the classes over OPV__CLASS_COUNT_BLOCKS blocks of
 * OPV__COUNT_BLOCK units: the seats the classes take at a divisor then come
 * to within about a twentieth of one class. */

static int class_split(struct class_split *out, const struct opv__classes *sampled,
                       const struct opv__problem *p, double d, double delta)
{
	double low, high, at_high, share, key = 0;
	struct opv__known *k = &out->classes;
	struct opv__classes counted = *sampled, *c = &counted;
	int64_t count[OPV__CLASS_MOST] = { 0 };
	size_t j, b, nblocks = (p->n + OPV__COUNT_BLOCK - 1) / OPV__COUNT_BLOCK, positive = 0;
	size_t stride = nblocks > OPV__CLASS_COUNT_BLOCKS ? nblocks / OPV__CLASS_COUNT_BLOCKS : 1;
	/* the classes counted again, over every unit of the blocks */
	for (b = stride / 2; b < nblocks; b += stride) {
		size_t first = b * OPV__COUNT_BLOCK;
		positive += opv__divisor_count_values(count, c->value, c->count, p->w, first,
		                                      p->n - first > OPV__COUNT_BLOCK
		                                              ? first + OPV__COUNT_BLOCK
		                                              : p->n);
	}
	if (positive == 0)
		return 0;
	for (j = 0; j < c->count; j++)
		c->units[j] = (double)count[j] / (double)positive * (double)p->positive;
	if (!class_step(c, p, d, (double)p->total, &low, &high))
		return 0;
	out->d = high * (1 + delta / 2);
	/* the classes that step there, all at one priority K (as 1/12 and 2/24) */
	k->size = 0;
	for (j = 0; j < c->count; j++) {
		int64_t s = round_quotient(p->method, c->value[j] / out->d);
		double step = opv__boundary(p->method, s), next = step > 0 ? c->value[j] / step : INFINITY;
		if (round_quotient(p->method, c->value[j] / low) ==
		    round_quotient(p->method, c->value[j] / high))
			continue;
		if (k->size == OPV__KNOWN_MOST || (k->size > 0 && next != key))
			return 0;
		key = next;
		k->value[k->size] = c->value[j];
		k->seats[k->size++] = s;
	}
	/* K in the window, and far from both its edges (2^-30, as known_classes()) */
	if (k->size == 0 || !(key >= out->d * (1 - delta * (1 - 0x1p-30)) &&
	                      key <= out->d * (1 - 0x1p-30)))
		return 0;
	at_high = class_seats(c, p, high);
	share = class_seats(c, p, low) - at_high;  /* the classes' units */
	share = share > 0 ? ((double)p->total - at_high) / share : 0;
	share = share < 0 ? 0 : share > 1 ? 1 : share;
	out->split = (size_t)(share * (double)(p->n / PART_ALIGN) + 0.5) * PART_ALIGN;
	return 1;
}

/* One part of class_split()'s pass, w[first..end). */
struct class_part {
	const struct opv__problem *p;
	const struct class_split *cs;
	int64_t *seats;
	size_t first, end;
	double delta;
	int64_t sum;
	int sure;
};

static void *class_part(void *arg)
{
	struct class_part *r = arg;
	const struct opv__problem *p = r->p;
	size_t split = r->cs->split < r->first ? 0
	               : r->cs->split > r->end ? r->end - r->first
	                                       : r->cs->split - r->first;
	r->sure = opv__divisor_at_class(r->seats + r->first, &r->sum, p->w + r->first,
	                                r->end - r->first, p->method, r->cs->d, p->min_w, r->delta,
	                                &r->cs->classes, split);
	return NULL;
}

/* class_split()'s pass and walk: OPV_OK, or OPV__NOT_HANDLED where another
 * unit's priority lies near C's or the last seat falls outside C (the
 * seats are then written again). */
static int settle_at_class(int64_t *seats, const struct opv__problem *p,
                           const struct class_split *cs, double delta, unsigned nparts)
{
	struct class_part parts[OPV__MAX_THREADS];
	int64_t need = p->total, count;
	unsigned t;
	int sure = 1;
	for (t = 0; t < nparts; t++)
		parts[t] = (struct class_part){ p, cs, seats, opv__part_start(p->n, nparts, t, PART_ALIGN),
		                                opv__part_start(p->n, nparts, t + 1, PART_ALIGN), delta,
		                                0, 0 };
	opv__run_parallel(class_part, parts, sizeof *parts, nparts);
	for (t = 0; t < nparts; t++) {
		need -= parts[t].sum;
		sure &= parts[t].sure;
	}
	if (!sure)
		return OPV__NOT_HANDLED;
	if (p->trace)
		p->trace->divisor_missing = need;
	count = need > 0 ? need : -need;
	if (need != 0 && opv__divisor_walk(seats, p->w, p->n, cs->split, &cs->classes, need > 0,
	                                   count) != count)
		return OPV__NOT_HANDLED;
	return OPV_OK;
}

/* The route of one pass into `seats`, each part's lists in room[2 side t ..
 * 2 side (t + 1)): OPV_OK (or put_in_order()'s status), or OPV__NOT_HANDLED
 * where the lists hold too few units (*too_few set: fewer than rounding at
 * d left over or short), or more than their room and more priorities than
 * settle_ties() counts; the seats are then written again.  The seats
 * rounding at d gave, into *rounded. */
static int settle_in_window(int64_t *seats, const struct opv__problem *p, double d,
                            const struct window *win, unsigned nparts,
                            struct opv__priority *room, int64_t *rounded, int *too_few,
                            size_t *in_window, opv_error *err)
{
	struct round_part parts[OPV__MAX_THREADS];
	struct heap h;
	int64_t sum = 0;
	size_t k, listed = 0, count = 0, i;
	unsigned t;
	int near = 0, award, rc;
	for (t = 0; t < nparts; t++) {
		struct round_part *r = &parts[t];
		r->p = p;
		r->seats = seats;
		r->first = opv__part_start(p->n, nparts, t, PART_ALIGN);
		r->end = opv__part_start(p->n, nparts, t + 1, PART_ALIGN);
		r->d = d;
		r->delta = win->delta;
		r->next = (struct opv__priority_list){ .e = room + 2 * win->side * t,
		                                       .cap = win->side };
		r->last = (struct opv__priority_list){ .e = room + 2 * win->side * t + win->side,
		                                       .cap = win->side };
		r->known = win->known;
		r->near = 0;
	}
	opv__run_parallel(round_part, parts, sizeof *parts, nparts);
	for (t = 0; t < nparts; t++) {
		sum += parts[t].sum;
		near |= parts[t].near;
	}
	*rounded = sum;
	*too_few = 0;
	if (p->trace)
		p->trace->divisor_missing = p->total - sum;
	award = sum < p->total;
	k = (size_t)(award ? p->total - sum : sum - p->total);
	if (k == 0)
		return p->ties == OPV_TIE_ERROR || near ? put_in_order(seats, p, err) : OPV_OK;
	/* the lists together more than the room of one (as the lists are
	 * joined below), or classes counted beside them: ties */
	for (t = 0; t < nparts; t++)
		listed += award ? parts[t].next.count : parts[t].last.count;
	if (listed > win->side || known_units(win, parts, nparts, award, SIZE_MAX) > 0) {
		rc = settle_ties(seats, p, d, win, parts, nparts, award, k, too_few, in_window);
		if (rc != OPV_OK)
			return rc;
		if (p->trace)
			p->trace->divisor_ties = 1;
		return p->ties == OPV_TIE_ERROR || near ? put_in_order(seats, p, err) : OPV_OK;
	}
	/* the list that matters, the parts' one after the other from room[0] on
	 * (each part's lies at or beyond where it goes), within the room of one
	 * list in all, as on one thread: the route does not depend on threads */
	for (t = 0; t < nparts; t++) {
		const struct opv__priority_list *list = award ? &parts[t].next : &parts[t].last;
		memmove(room + count, list->e, list->count * sizeof *room);
		for (i = count; i < count + list->count; i++)
			room[i].index += parts[t].first;
		count += list->count;
	}
	*in_window = count;
	if (count < k) {
		*too_few = 1;
		return OPV__NOT_HANDLED;
	}
	h = (struct heap){ room, count, award };
	/* with k units listed and no bounds, the seats reach the total */
	if (move_seats(seats, p, &h, k, sum) != p->total)
		return OPV__NOT_HANDLED;
	return p->ties == OPV_TIE_ERROR || near ? put_in_order(seats, p, err) : OPV_OK;
}

int opv__divisor_fast(int64_t *seats, const struct opv__problem *p, opv_error *err)
{
	struct heap h = { NULL, 0, 0 };
	struct shortlist list;
	i128 sum;
	double d;
	size_t i, k;
	struct window win;
	struct opv__classes classes;
	int64_t rounded;
	int streamed, windowed, near = 0, rc = OPV_OK, tries, too_few, classed = 0;
	size_t in_window;
	double widen = 1;  /* measured_divisor() */

	/* The route of one pass writes seats before it knows whether it
	 * succeeds, and the seats may be the caller's: it takes first the
	 * memory that the route after it could need (a shortlist of at most
	 * n + 1), and that route cannot fail without bounds. */
	d = first_divisor(p);
	windowed = window_for(&win, p, d, 1);
	if (windowed) {  /* only where the window is tried */
		struct opv__classes *c = &classes;
		classed = opv__sample_classes(c, p->w, p->n, p->positive, p->weight_sum);
		d = classed ? class_divisor(c, p, d, (double)p->total, win.delta)
		            : measured_divisor(p, d, win.delta * (double)p->total, &widen);
		windowed = window_for(&win, p, d, widen);
		if (windowed && classed)
			known_classes(&win, c, p, d);
	}
	if (windowed) {
		unsigned nparts = opv__threads_for(p->n, p->threads);  /* one part a thread */
		size_t lists = 2 * win.side * nparts;
		size_t room = lists > p->n + 1 ? lists : p->n + 1;
		struct class_split cs;
		h.e = malloc(room * sizeof *h.e);
		if (!h.e)
			return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
		if (classed && p->ties != OPV_TIE_ERROR &&
		    class_split(&cs, &classes, p, first_divisor(p), win.delta) &&
		    settle_at_class(seats, p, &cs, win.delta, nparts) == OPV_OK) {
			if (p->trace)
				p->trace->divisor = OPV__DIVISOR_AT_CLASS;
			goto done;
		}
		rc = settle_in_window(seats, p, d, &win, nparts, h.e, &rounded, &too_few, &in_window,
		                      err);
		/* Fewer units in the window than seats left over or short: the
		 * first divisor's rule was off, and rounding has measured by how
		 * much.  Again at the divisor that makes up for it, twice at most
		 * (what rounding adds moves with the divisor, the second time
		 * less); where the weights fall in classes, at the classes' step
		 * the sample's count, corrected by what rounding measured, puts it
		 * at.  Lists too full for settle_ties() (many units over many
		 * priorities) would be as full again: search. */
		for (tries = 0; tries < 2 && rc == OPV__NOT_HANDLED && too_few; tries++) {
			if (classed)
				d = class_divisor_again(&classes, p, d, win.delta, rounded, in_window);
			else
				d = divisor_for(p, d, (double)rounded);
			if (!window_for(&win, p, d, widen))
				break;
			if (classed)
				known_classes(&win, &classes, p, d);
			if (p->trace)
				p->trace->divisor_corrected++;
			rc = settle_in_window(seats, p, d, &win, nparts, h.e, &rounded, &too_few,
			                      &in_window, err);
		}
		if (p->trace)
			p->trace->divisor = rc == OPV__NOT_HANDLED ? OPV__DIVISOR_WINDOW_THEN_SEARCH
			                                           : OPV__DIVISOR_WINDOW;
		if (rc != OPV__NOT_HANDLED)
			goto done;
		rc = OPV_OK;
	} else if (p->trace) {
		p->trace->divisor = OPV__DIVISOR_SEARCH;
	}
	d = find_divisor(p, &sum);
	streamed = p->stream && opv__divisor_seats_apply(p->method, d, p->max_w, p->weight_sum);
	k = (size_t)(sum < p->total ? p->total - sum : sum - p->total);  /* at most n */
	/* More only when no double divisor resolves the weights (some more
	 * than 2^1400 times another, the heavy ones held by their bounds):
	 * the heap would give up to 2^53 seats one at a time. */
	if (k > 2 * p->n + 1024) {
		rc = opv__fail(err, OPV_ERANGE, "the weights are too far apart for a divisor in double "
		               "precision to apportion %lld seats", (long long)p->total);
		goto done;
	}
	h.max = sum < p->total; /* seats to award: highest first; to take back: lowest first */
	list = (struct shortlist){ &h, k, k + (k < 1024 ? 1024 : k), 0,
	                           h.max ? -INFINITY : INFINITY };
	if (list.cap > p->n)
		list.cap = p->n + 1;  /* never full: everything fits */

	if (!h.e)
		h.e = malloc(list.cap * sizeof *h.e);
	if (!h.e) {
		rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
		goto done;
	}
	/* The seats at d: with the vector passes, in the same pass as the
	 * priorities that matter. */
	if (streamed && sum == p->total)
		opv__divisor_seats(seats, &near, p->w, p->n, p->method, d);
	else if (streamed)
		opv__divisor_settle(seats, &near, p->w, p->n, p->method, d, sum < p->total, &list.bar,
		                    shortlist_push, &list);
	else
		seats_at_divisor(seats, p, d);

	/* Award seats one by one to the highest next-seat priority, or take
	 * back the seats won at the lowest. */
	for (i = 0; i < p->n && !streamed && sum != p->total; i++) {
		if (sum < p->total && p->w[i] > 0 && seats[i] < opv__upper_of(p, i))
			shortlist_push(&list, next_priority(p, i, seats[i]), i);
		if (sum > p->total && p->w[i] > 0 && seats[i] > opv__lower_of(p, i))
			shortlist_push(&list, next_priority(p, i, seats[i] - 1), i);
	}
	sum = move_seats(seats, p, &h, k, sum);
	if (sum != p->total) {
		rc = opv__fail(err, OPV_ERANGE, "the bounds leave no way to reach the total %lld",
		               (long long)p->total);
		goto done;
	}

	/* Rounding at a divisor follows the order of the priorities, except
	 * perhaps in near-ties that the vector passes flag; the scalar rules
	 * flag none, so their results are always checked. */
	if (p->ties == OPV_TIE_ERROR || !streamed || near)
		rc = put_in_order(seats, p, err);
done:
	free(h.e);
	return rc;
}

