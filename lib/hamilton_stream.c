/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Hamilton's method without bounds in two or three passes over the weights,
 * with no sort: the fast route of opv__hamilton_reference() (hamilton.c),
 * which defines the quotas this file computes to the same bits.
 *
 * 1. SCAN checks every weight and adds them up as opv__weight_sum()
 *    defines, block by block.
 *
 * Then, where a sample finds that the weights take few values (classes.h),
 * one pass and part of another:
 *
 * 2. AT_CLASS writes every quota's floor, and a seat more by remainder as
 *    if the last seat fell where a count of sampled blocks puts it: in the
 *    class of remainder B, at about a given unit.  A walk from that unit
 *    then moves the seats the guess was off (settle_at_class()).  Where the
 *    last seat falls outside B, the three passes follow.
 *
 * Otherwise, where a sample of the remainders looks evenly spread, or a
 * larger one finds where the seats by remainder stop (round_window(),
 * round_window_sampled()), one pass:
 *
 * 2. ROUND writes every quota rounded at a threshold T, f + (r >= T), T the
 *    half or where the larger sample puts it, and keeps the few units whose
 *    remainder lies in a narrow window around T.  Rounding hands out the
 *    seats by remainder give or take a few, which then go to, or come back
 *    from, the units in the window nearest T (settle_by_rounding()).  Where
 *    the window holds too few units for that, the three passes follow (at
 *    the half, ROUND at the sampled threshold first).
 *
 * Otherwise, and with OPV_TIE_ERROR or a `detail` to fill:
 *
 * 2. COUNT computes each quota's floor f and remainder r, adds up the
 *    floors, counts the positive weights and the remainders into a
 *    histogram of buckets, each a range of remainder values.  Walking it
 *    from the top finds the bucket in which the last seat falls: every unit
 *    above it gets a seat, no unit below it does.
 * 3. COLLECT_AND_WRITE writes every floor, one seat more above that bucket,
 *    and collects the few candidates inside it, which are then ranked exactly,
 *    the lower index first among equal remainders.  Equal remainders always
 *    share a bucket, so ties are settled where they belong.  With
 *    OPV_TIE_ERROR the collecting comes first and the writing after, so that
 *    a tie is found before any seat is written.
 *    Where the bucket is far fuller than an even spread makes it, as a class
 *    of equal remainders makes it (weights that repeat), GIVE comes first:
 *    it writes the same, and gives the bucket's seats by place, the lower
 *    index first, which is right where the bucket holds one remainder only,
 *    as GIVE finds out on the way; else COLLECT_AND_WRITE follows.
 *
 * The quotas come in two kinds:
 * - whole-number weights with every product total*w and W below 2^52: doubles
 *   hold those whole numbers exactly, so f and r of total*w / W come out exact
 *   from a few double operations with no integer division (quota_exact());
 * - other weights: q = w * c with c = total / W, f its floor, r = q - f in
 *   [0, 1), as hamilton.c defines them (quota_double()).
 *
 * The units split into parts, one per thread, each pass a pass over every
 * part; a part starts on a block of the weight sum, so that the blocks, and
 * with them W, do not depend on the number of threads.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "apportion_internal.h"
#include "classes.h"
#include "error.h"
#include "parallel.h"
#include "select.h"
#include "vector.h"
#include "window_units.h"

#define TWO_53 9007199254740992.0
/* 1.5 * 2^52: adding and taking it away rounds any |y| < 2^51 to an integer. */
#define ROUNDING 6755399441055744.0
/* The weight sum's blocks (OPV__SUM_BLOCK) are also the grain of the parts
 * and of the remainders kept on the stack between two loops of COUNT. */
#define BLOCK OPV__SUM_BLOCK
/* About one bucket per 16 units keeps the boundary bucket to a few dozen
 * units for remainders spread evenly; at most 4096 keeps the four histograms
 * of a part (64 KiB) within the second-level cache. */
#define MIN_BUCKETS 256
#define MAX_BUCKETS 4096
/* A boundary bucket with this many times the units of an even spread is
 * taken for a class of equal remainders (GIVE). */
#define FULL_BUCKET 8

/* How a quota is computed, and where its remainder goes in the histogram. */
struct division {
	int exact;          /* the kind of quota: quota_exact() or quota_double() */
	double total;
	double W;
	double inv_W;
	double c;           /* quota_double(): total / W */
	double to_bucket;   /* the bucket of r is floor(r * to_bucket), below `buckets` */
	int32_t last_bucket;
	size_t buckets;
	double threshold;   /* ROUND: the remainder from which a unit takes a seat by it */
	double lift;        /* ROUND: 1/2 less the threshold, in seats (provisional()) */
	double window_low;  /* ROUND: the units kept have remainders in [low, high) */
	double window_high;
	double reach;       /* ROUND: |e| from which a unit may lie in the window (provisional()) */
};

/* f = floor(total*w / W) and r = total*w - f*W, both exact whole numbers.
 * q carries at most a quarter of error (total < 2^50), so rounding q - 1/2
 * to an integer lands within one of the floor, and one correction each way
 * suffices.  f*W stays below 2^53, so r is exact. */
INLINE void quota_exact(const struct division *d, const vdouble *w, vdouble *f, vdouble *r)
{
	const vdouble one = { 1, 1, 1, 1 }, W = { d->W, d->W, d->W, d->W };
	vdouble product = *w * d->total;
	vdouble q = product * d->inv_W;
	vdouble fl = ((q - 0.5) + ROUNDING) - ROUNDING;
	vdouble rem = product - fl * W;
	vint64 low = rem < 0, high;
	fl -= WHERE(low, one);
	rem += WHERE(low, W);
	high = rem >= W;
	fl += WHERE(high, one);
	rem -= WHERE(high, W);
	*f = fl;
	*r = rem;
}

/* q = w * c, f = floor(q) (round to an integer, one down where that went
 * up; q < 2^51) and r = q - f, which is exact: the same doubles as
 * floor() and the subtraction in hamilton.c. */
INLINE void quota_double(const struct division *d, const vdouble *w, vdouble *f, vdouble *r)
{
	const vdouble one = { 1, 1, 1, 1 };
	vdouble q = *w * d->c;
	vdouble fl = (q + ROUNDING) - ROUNDING;
	fl -= WHERE(fl > q, one);
	*f = fl;
	*r = q - fl;
}

/* `exact` is a constant at every call, so each pass compiles to two loops. */
INLINE void quota_parts(const struct division *d, int exact, const vdouble *w, vdouble *f,
                        vdouble *r)
{
	if (exact)
		quota_exact(d, w, f, r);
	else
		quota_double(d, w, f, r);
}

static size_t bucket_count(size_t n)
{
	size_t b = MIN_BUCKETS;
	while (b < n / 16 && b < MAX_BUCKETS)
		b *= 2;
	return b;
}

/* ---- pass 1: SCAN ----------------------------------------------------------- */

/* What SCAN finds over a part. */
struct scan {
	int unsigned_;   /* no weight has its sign bit set (negative, -0.0 or such a NaN) */
	int whole;       /* every weight below 2^52 is a whole number */
	double max;      /* the largest weight; 0 where SCAN did not test for whole numbers */
};

/* A compensated sum in four lanes. */
struct lanes_sum {
	vdouble s, c;
};

/* compensated_add() of hamilton.c in four lanes, the larger and the smaller
 * operand picked by the same comparison, made on their bits: doubles whose
 * sign bit is clear are ordered as their bits are, and a weight whose sign
 * bit is set turns the sum away (SCAN's `unsigned_`).  A NaN or infinity
 * makes the sum NaN or infinite either way.  Compared as integers, the
 * floating-point adders, whose four additions a vector bound the scan, are
 * left to those (x0.95 of a call's time on non-integer weights). */
INLINE void lanes_add(struct lanes_sum *sum, const vdouble *x)
{
	vint64 ge = ~((vint64)*x > (vint64)sum->s);
	vdouble t = sum->s + *x;
	vdouble big = (vdouble)(((vint64)sum->s & ge) | ((vint64)*x & ~ge));
	vdouble small = (vdouble)(((vint64)*x & ge) | ((vint64)sum->s & ~ge));
	sum->c += (big - t) + small;
	sum->s = t;
}

/* What SCAN keeps in lanes. */
struct scan_lanes {
	/* one of each running value per vector of a step, so that no step waits
	 * on the one before */
	struct lanes_sum sum[OPV__SUM_LANES / LANES];
	vdouble max[OPV__SUM_LANES / LANES];
	vint64 bits, whole;  /* every weight's bits or-ed together; whether each was whole */
};

/* One vector of SCAN, of lanes_sum `which`.  NaN fails every comparison and
 * makes the sum NaN; infinity makes it infinite. */
INLINE void scan_step(struct scan_lanes *l, int which, int whole, const vdouble *x)
{
	const vdouble two_52 = { TWO_52, TWO_52, TWO_52, TWO_52 };
	l->bits |= (vint64)*x;
	if (whole) {
		/* Weights whose sign bit is clear are ordered as their bits
		 * are: the comparisons go to the integer unit. */
		vint64 bigger = (vint64)*x > (vint64)l->max[which];
		/* exact below 2^52: there adding 2^52 rounds to a whole number */
		l->whole &= (vint64)((*x + two_52) - two_52) == (vint64)*x;
		l->max[which] = (vdouble)(((vint64)*x & bigger) | ((vint64)l->max[which] & ~bigger));
	}
	lanes_add(&l->sum[which], x);
}

/*
 * Checks w[first..end) and writes the sums of its blocks of the weight sum
 * into sums[(OPV__SUM_LANES + 1) * (first / BLOCK) ...], with the operations
 * of opv__weight_sum() in hamilton.c: lane j of the sums is lane j % 4 of
 * lanes_sum j / 4.  Past the end the lanes add zeros, which changes neither
 * part of a compensated sum.
 */
INLINE void scan(struct scan *out, double *sums, const double *w, size_t first, size_t end,
                 int whole)
{
	const vdouble zero = { 0, 0, 0, 0 };
	struct scan_lanes l;
	size_t b, i;
	int j;
	memset(&l, 0, sizeof l);
	l.whole = (vint64){ -whole, -whole, -whole, -whole };
	for (b = first; b < end; b += BLOCK) {
		size_t stop = end - b < BLOCK ? end : b + BLOCK;
		double *block = sums + (OPV__SUM_LANES + 1) * (b / BLOCK), c = 0;
		for (j = 0; j < OPV__SUM_LANES / LANES; j++)
			l.sum[j].s = l.sum[j].c = zero;
		/* whole steps straight from memory; the tail through load() */
		for (i = b; stop - i >= OPV__SUM_LANES; i += OPV__SUM_LANES) {
			vdouble x0, x1;
			memcpy(&x0, w + i, sizeof x0);
			memcpy(&x1, w + i + LANES, sizeof x1);
			scan_step(&l, 0, whole, &x0);
			scan_step(&l, 1, whole, &x1);
		}
		for (j = 0; i < stop; i += LANES, j++) {
			vdouble x;
			load(&x, w, i, stop);
			scan_step(&l, j, whole, &x);
		}
		for (j = 0; j < OPV__SUM_LANES; j++)
			block[j] = l.sum[j / LANES].s[j % LANES];
		for (j = 0; j < OPV__SUM_LANES; j++)
			c += l.sum[j / LANES].c[j % LANES];
		block[OPV__SUM_LANES] = c;
	}
	out->max = largest_lane(&l.max[0]);
	for (j = 1; j < OPV__SUM_LANES / LANES; j++)
		out->max = largest_lane(&l.max[j]) > out->max ? largest_lane(&l.max[j]) : out->max;
	out->unsigned_ = !ANY(l.bits < 0);
	out->whole = ALL(l.whole);
}

/* Whether the weights may all be whole numbers, as far as WHOLE_SAMPLE of
 * them spread over the input tell: 0 where one below 2^52 is not.  Then
 * SCAN has no need to test every weight, nor to find the largest (which
 * only tells whether its test, exact below 2^52, may have been wrong), and
 * saves the test's two additions and the largest's comparison a vector:
 * its operations bound its time, its reads take a third of it. */
#define WHOLE_SAMPLE 64
static int sampled_whole(const double *w, size_t n)
{
	size_t j, k = n < WHOLE_SAMPLE ? n : WHOLE_SAMPLE, step = n / k;
	for (j = 0; j < k; j++) {
		double x = w[j * step + step / 2];
		if (x < TWO_52 && (x + TWO_52) - TWO_52 != x)
			return 0;
	}
	return 1;
}

PASS static void opv__hamilton_scan(struct scan *out, double *sums, const double *w, size_t first,
                                    size_t end, int whole)
{
	if (whole)
		scan(out, sums, w, first, end, 1);
	else
		scan(out, sums, w, first, end, 0);
}

/* ---- pass 2: COUNT ---------------------------------------------------------- */

/* The histogram of the remainders of w[first..end) into hist[0..buckets)
 * (hist holds four times that, zeroed, for working) and the number of
 * positive weights into *positive; returns the sum of the floors, exact:
 * they add up to at most the total. */
INLINE int64_t count(uint32_t *hist, size_t *positive, const struct division *d, int exact,
                     const double *w, size_t first, size_t end)
{
	int32_t bucket[BLOCK];
	vdouble floors = { 0, 0, 0, 0 };
	vint64 positives = { 0, 0, 0, 0 };
	size_t i, j;
	for (i = first; i < end; i += BLOCK) {
		size_t m = end - i < BLOCK ? end - i : BLOCK;
		for (j = 0; j < m; j += LANES) {
			vdouble v, f, r;
			vint32 b;
			load(&v, w, i + j, end);
			quota_parts(d, exact, &v, &f, &r);
			floors += f;
			positives -= v > 0;
			b = __builtin_convertvector(r * d->to_bucket, vint32);
			memcpy(&bucket[j], &b, sizeof b);
		}
		/* Four histograms, summed later: a run of units in one bucket then
		 * does not wait on its own stores. */
		for (j = 0; j + 4 <= m; j += 4) {
			hist[bucket[j]]++;
			hist[d->buckets + bucket[j + 1]]++;
			hist[2 * d->buckets + bucket[j + 2]]++;
			hist[3 * d->buckets + bucket[j + 3]]++;
		}
		for (; j < m; j++)
			hist[bucket[j]]++;
	}
	for (j = 0; j < d->buckets; j++)
		hist[j] += hist[d->buckets + j] + hist[2 * d->buckets + j] + hist[3 * d->buckets + j];
	*positive = (size_t)SUM_LANES(positives);
	return (int64_t)SUM_LANES(floors);
}

PASS static int64_t opv__hamilton_count(uint32_t *hist, size_t *positive, struct division division,
                                        const double *w, size_t first, size_t end)
{
	const struct division *d = &division; /* a copy, which no store can alias */
	return d->exact ? count(hist, positive, d, 1, w, first, end)
	                : count(hist, positive, d, 0, w, first, end);
}

/* ---- pass 3: COLLECT and WRITE ---------------------------------------------- */

/* A candidate in the boundary bucket. */
struct edge_unit {
	double remainder;
	size_t index;
};

/* The order of the remainders: largest first, the lower index first among equals. */
#define EDGE_BEFORE(x, y) ((x)->remainder != (y)->remainder ? (x)->remainder > (y)->remainder \
                                                            : (x)->index < (y)->index)
OPV__DEFINE_SELECT(select_edge, struct edge_unit, EDGE_BEFORE)

/* The quotas of one vector, and where their remainders lie against the
 * boundary bucket: above it (*up), or in it with a positive weight
 * (*inside).  Bucket tests are made on r * to_bucket against whole numbers,
 * which is what taking its floor decides. */
INLINE void against_bucket(const struct division *d, int exact, const vdouble *v,
                           int32_t boundary, vdouble *f, vdouble *r, vint64 *up, vint64 *inside)
{
	const double low = (double)boundary;
	const double high = boundary < d->last_bucket ? (double)boundary + 1 : INFINITY;
	vdouble x;
	quota_parts(d, exact, v, f, r);
	x = *r * d->to_bucket;
	*up = x >= high;
	*inside = (x >= low) & ~*up & (*v > 0);
}

/*
 * Over w[first..end): with `seats`, writes each floor, plus one above the
 * boundary bucket (and the working, with `detail`); with `edge`, collects the
 * units of positive weight in the boundary bucket.  Returns how many it
 * collected.
 */
INLINE size_t settle(int64_t *seats, struct opv__apportion_detail *detail, struct edge_unit *edge,
                     const struct division *d, int exact, const double *w, size_t first,
                     size_t end, int32_t boundary)
{
	size_t i, k, nedge = 0;
	for (i = first; i < end; i += LANES) {
		vdouble v, f, r;
		vint64 up, inside, s;
		load(&v, w, i, end);
		against_bucket(d, exact, &v, boundary, &f, &r, &up, &inside);
		if (seats) {
			s = WHOLE(f) - up;  /* up is -1 where set */
			store(seats, i, end, &s);
		}
		if (seats && detail && detail->floor) {
			for (k = 0; k < LANES && i + k < end; k++) {
				detail->floor[i + k] = (int64_t)f[k];
				detail->remainder[i + k] = exact ? r[k] / d->W : r[k];
				detail->quota[i + k] = f[k] + detail->remainder[i + k];
			}
		}
		if (!edge || !ANY(inside))
			continue;
		for (k = 0; k < LANES && i + k < end; k++)
			if (inside[k])
				edge[nedge++] = (struct edge_unit){ r[k], i + k };
	}
	return nedge;
}

PASS static size_t opv__hamilton_settle(int64_t *seats, struct opv__apportion_detail *detail,
                                        struct edge_unit *edge, struct division division,
                                        const double *w, size_t first, size_t end,
                                        int32_t boundary)
{
	const struct division *d = &division;
	/* The usual calls spelled out, so that the compiler drops what they do not do. */
	if (seats && edge && !detail)
		return d->exact ? settle(seats, NULL, edge, d, 1, w, first, end, boundary)
		                : settle(seats, NULL, edge, d, 0, w, first, end, boundary);
	return d->exact ? settle(seats, detail, edge, d, 1, w, first, end, boundary)
	                : settle(seats, detail, edge, d, 0, w, first, end, boundary);
}

/*
 * WRITE where the boundary bucket's units may all share one remainder, as
 * ties do (weights that repeat): over w[first..end), each floor, one seat
 * more above the bucket, and one more to each unit of the bucket whose
 * place among them, counted in the order of the units from *rank, lies
 * below `need`, the lower index first as among equal remainders.  *rank
 * moves past the part's units of the bucket, and *low_r and *high_r take the
 * least and the most remainder among them: only where those are equal
 * over every part are the seats Hamilton's (else the caller writes them
 * again).  Each vector's places are counted in lanes.
 */
INLINE void give_in_order(int64_t *seats, const struct division *d, int exact, const double *w,
                          size_t first, size_t end, int32_t boundary, int64_t need,
                          int64_t *rank, double *low_r, double *high_r)
{
	const vint64 zero = { 0, 0, 0, 0 };
	const vdouble huge = { INFINITY, INFINITY, INFINITY, INFINITY };
	vdouble least = huge, most = -huge;
	int64_t placed = *rank;
	size_t i;
	for (i = first; i < end; i += LANES) {
		vdouble v, f, r;
		vint64 up, inside, s;
		load(&v, w, i, end);
		against_bucket(d, exact, &v, boundary, &f, &r, &up, &inside);
		if (any_lane(&inside)) {  /* a few vectors in every dozen */
			vint64 one = zero - inside, move, smaller, larger;
			walk_step(&move, &one, &placed, need, 1);
			up |= move;
			smaller = inside & (r < least);
			larger = inside & (r > most);
			least = (vdouble)(((vint64)r & smaller) | ((vint64)least & ~smaller));
			most = (vdouble)(((vint64)r & larger) | ((vint64)most & ~larger));
		}
		s = WHOLE(f) - up;  /* up is -1 where set */
		store(seats, i, end, &s);
	}
	*rank = placed;
	*low_r = smallest_lane(&least);
	*high_r = largest_lane(&most);
}

PASS static void opv__hamilton_give(int64_t *seats, struct division division, const double *w,
                                    size_t first, size_t end, int32_t boundary, int64_t need,
                                    int64_t *rank, double *low_r, double *high_r)
{
	const struct division *d = &division;
	if (d->exact)
		give_in_order(seats, d, 1, w, first, end, boundary, need, rank, low_r, high_r);
	else
		give_in_order(seats, d, 0, w, first, end, boundary, need, rank, low_r, high_r);
}

/* ---- pass 2 of two: ROUND -------------------------------------------------- */

/* 1.5 * 2^52 as int64 bits: a double t in [2^52, 2^53) holds the whole
 * number t - 1.5 * 2^52 as its bits minus these. */
#define ROUNDING_BITS INT64_C(0x4338000000000000)

/*
 * The seat ROUND writes first: q + lift rounded to the nearest whole number
 * g (ties to even, exact as q < 2^51), and e = q + lift - g; with lift =
 * 1/2 - T, g is f + (r >= T) wherever q lies far enough from f + T.  q is
 * the quota itself for quota_double(), and for quota_exact() its
 * approximation there, within total * 2^-52 of the exact quota; adding a
 * lift other than 0 rounds once more.  A unit nearer the threshold than
 * those errors has |e| >= d->reach, and window_settle() sets its seat.
 */
INLINE void provisional(const struct division *d, int exact, int lifted, const vdouble *w,
                        vint64 *g, vdouble *e)
{
	vdouble q = exact ? (*w * d->total) * d->inv_W : *w * d->c;
	if (lifted)  /* a constant at every call: no addition where the threshold is the half */
		q += d->lift;
	vdouble t = q + ROUNDING;
	*g = (vint64)t - ROUNDING_BITS;
	*e = q - (t - ROUNDING);
}

/*
 * The lanes whose |e| reaches `reach`: those that may lie in the window.
 * Written through a pointer, as every vector here: a vector returned by
 * value would change the calling convention where AVX is not enabled.
 */
INLINE void within_reach(vint64 *hit, const vdouble *e, const vdouble *reach)
{
	const vint64 magnitude = { INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX };
	*hit = (vdouble)((vint64)*e & magnitude) >= *reach;
}

/* Units one test of the window covers: few units lie in it, so that a test
 * for eight vectors is true for about one group in four (log-normal weights),
 * and misses fewer of its branches than a test for every four (3% of the
 * call's time, measured). */
#define ROUND_GROUP (8 * LANES)
_Static_assert(ROUND_GROUP <= WINDOW_GROUP_MOST, "a group's units fit a batch's room");

/*
 * The units gathered, four at a time, their quotas computed once more,
 * exactly: each unit's seat set to f + (r >= threshold) where provisional()
 * was wrong, *change counting what that adds, and the units of positive
 * weight whose remainder lies in [window_low, window_high) kept in
 * near[0..room), in the order of the units, counting on from *kept.  The
 * lanes past the last unit weigh 0: no seat, never kept.  Empties *units.
 */
INLINE void window_settle(int64_t *seats, struct edge_unit *near, size_t room, size_t *kept,
                          int64_t *change, struct window_units *units, const struct division *d,
                          int exact)
{
	const vdouble threshold = { d->threshold, d->threshold, d->threshold, d->threshold };
	const vdouble low = { d->window_low, d->window_low, d->window_low, d->window_low };
	const vdouble high = { d->window_high, d->window_high, d->window_high, d->window_high };
	vint64 added = { 0, 0, 0, 0 };
	size_t j, k;
	window_units_pad(units);
	for (j = 0; j < units->count; j += LANES) {
		const size_t *index = units->index + j;
		vdouble v, f, r;
		vint64 g, s, wrong, inside;
		memcpy(&v, units->weight + j, sizeof v);
		memcpy(&g, units->rounded + j, sizeof g);
		quota_parts(d, exact, &v, &f, &r);
		s = WHOLE(f) - (r >= threshold);  /* the comparison is -1 where it holds */
		wrong = s != g;
		if (any_lane(&wrong))
			for (k = 0; k < LANES; k++)
				if (wrong[k])
					seats[index[k]] = s[k];
		added += s - g;
		inside = (r >= low) & (r < high) & (v > 0);
		if (any_lane(&inside))
			for (k = 0; k < LANES; k++)
				if (inside[k]) {
					if (*kept < room)
						near[*kept] = (struct edge_unit){ r[k], index[k] };
					++*kept;
				}
	}
	*change += SUM_LANES(added);
	units->count = 0;
}

/* A call of its own: the round loop keeps its registers. */
PASS static void opv__hamilton_window_settle(int64_t *seats, struct edge_unit *near, size_t room,
                                             size_t *kept, int64_t *change,
                                             struct window_units *units,
                                             const struct division *d)
{
	d->exact ? window_settle(seats, near, room, kept, change, units, d, 1)
	         : window_settle(seats, near, room, kept, change, units, d, 0);
}

/*
 * Over w[first..end): writes each unit's seat by rounding, f + (r >= threshold),
 * and returns their sum; keeps the units of positive weight whose remainder
 * lies in the window in near[0..room) and counts them into *kept (more than
 * `room`: some were not kept).  A unit not within `reach` of the threshold
 * keeps its provisional seat.
 */
INLINE int64_t round_and_keep(int64_t *seats, struct edge_unit *near, size_t room, size_t *kept,
                              const struct division *d, int exact, int lifted, const double *w,
                              size_t first, size_t end)
{
	const vdouble reach = { d->reach, d->reach, d->reach, d->reach };
	/* bit j of a group's mask for unit i + j (lane j % 4 of its vector j / 4) */
	const vint64 lane_bit = { 1, 2, 4, 8 };
	struct window_units units;
	vint64 sum = { 0, 0, 0, 0 };
	int64_t change = 0;
	size_t i, j;
	*kept = 0;
	units.count = 0;
	for (i = first; i < end; i += ROUND_GROUP) {
		vint64 hit = { 0, 0, 0, 0 }, lane_hit, g;
		vdouble e;
		uint64_t lanes, valid = ~(uint64_t)0;
		if (end - i >= ROUND_GROUP) {
			/* whole vectors straight from and to memory */
			for (j = 0; j < ROUND_GROUP; j += LANES) {
				vdouble v;
				memcpy(&v, w + i + j, sizeof v);
				provisional(d, exact, lifted, &v, &g, &e);
				memcpy(seats + i + j, &g, sizeof g);
				sum += g;
				within_reach(&lane_hit, &e, &reach);
				hit |= lane_hit & (lane_bit << (int64_t)j);  /* a constant: the loop unrolls */
			}
		} else {
			for (j = 0; i + j < end; j += LANES) {
				vdouble v;
				load(&v, w, i + j, end);
				provisional(d, exact, lifted, &v, &g, &e);
				store(seats, i + j, end, &g);
				sum += g;  /* zero past the end */
				within_reach(&lane_hit, &e, &reach);
				hit |= lane_hit & (lane_bit << (int64_t)j);
			}
			valid = ((uint64_t)1 << (end - i)) - 1;  /* not the lanes past the end */
		}
		lanes = or_lanes(&hit) & valid;
		if (!lanes)
			continue;
		window_units_add(&units, w, seats, i, lanes);
		if (units.count >= WINDOW_BATCH)
			opv__hamilton_window_settle(seats, near, room, kept, &change, &units, d);
	}
	if (units.count > 0)
		opv__hamilton_window_settle(seats, near, room, kept, &change, &units, d);
	return SUM_LANES(sum) + change;
}

PASS static int64_t opv__hamilton_round(int64_t *seats, struct edge_unit *near, size_t room,
                                        size_t *kept, struct division division, const double *w,
                                        size_t first, size_t end)
{
	const struct division *d = &division;
	if (d->lift != 0)
		return d->exact ? round_and_keep(seats, near, room, kept, d, 1, 1, w, first, end)
		                : round_and_keep(seats, near, room, kept, d, 0, 1, w, first, end);
	return d->exact ? round_and_keep(seats, near, room, kept, d, 1, 0, w, first, end)
	                : round_and_keep(seats, near, room, kept, d, 0, 0, w, first, end);
}

/* ---- pass 2 of two, where weights take few values: AT_CLASS ----------------- */

/*
 * Where the positive weights take few values (classes.h), whole classes of
 * units share a remainder, and the last seat falls inside one of them: the
 * class of remainder B, whose first units, by index, take a seat by it, and
 * the others not.  A sample (class_split()) finds B and about where in the
 * units its last seat falls, `split`.  AT_CLASS writes every seat as if
 * that were right: f + (r >= B) before the split, f + (r > B) from it on,
 * and adds them up.  The seats still to give, or to take back, then go to
 * the class's units from the split on, the lower index first, or come back
 * from those before it, the higher index first (walk_class()): a walk over
 * as many units as the sample's guess was off.
 */
struct at_class {
	double at;      /* B, as r holds it: exact remainders are W times a seat's fraction */
	size_t split;   /* a multiple of BLOCK */
	double from[2]; /* a seat by remainder where r >= from[0] before the split, from[1] after */
	double shift[2]; /* the same, for exact quotas: see at_class_step() */
};

/*
 * One vector of AT_CLASS, a seat by remainder from `from` on: its seats into
 * *s, added to *sum.
 *
 * Exact quotas take a shorter way than quota_exact(), which a pass over
 * every unit would spend most of its time in.  With p = total * w and
 * p = f W + r (0 <= r < W, whole numbers, as is U = from, at most W), the
 * seat f + (r >= U) is floor((p + W - U) / W), and floor((p + W - U + 1/2)
 * / W) too: that numerator, half a whole number, lies at least 1/2 from
 * every multiple of W.  So y = p * (1/W) + shift, shift = (W - U + 1/2) / W,
 * may be off by less than 1/(2W) and still have the seat for its floor.  Its
 * error: p * (1/W) is two roundings of p / W, shift one, the sum one, less
 * than 1.5 * 2^-52 * p / W + 2^-52 in all; with p and W below 2^48
 * (class_split()) that is below 0.19 / W.
 */
INLINE void at_class_step(const struct division *d, int exact, const vdouble *v,
                          const vdouble *from, const vdouble *shift, vint64 *s, vint64 *sum)
{
	const vdouble one = { 1, 1, 1, 1 };
	if (exact) {
		vdouble y = (*v * d->total) * d->inv_W + *shift;
		vdouble fl = (y + ROUNDING) - ROUNDING;
		fl -= WHERE(fl > y, one);
		*s = WHOLE(fl);
	} else {
		vdouble f, r;
		quota_parts(d, exact, v, &f, &r);
		*s = WHOLE(f) - (r >= *from);  /* the comparison is -1 where it holds */
	}
	*sum += *s;
}

/* AT_CLASS over w[first..end), a seat by remainder from border->from[side]
 * on; returns the sum of the seats it wrote. */
INLINE int64_t write_at_class(int64_t *seats, const struct division *d, int exact,
                              const struct at_class *border, int side, const double *w,
                              size_t first, size_t end)
{
	const double at = border->from[side], by = border->shift[side];
	const vdouble from = { at, at, at, at }, shift = { by, by, by, by };
	vint64 sum = { 0, 0, 0, 0 }, s;
	vdouble v;
	size_t i;
	/* whole vectors straight from and to memory; the tail through load() */
	for (i = first; end - i >= LANES; i += LANES) {
		memcpy(&v, w + i, sizeof v);
		at_class_step(d, exact, &v, &from, &shift, &s, &sum);
		memcpy(seats + i, &s, sizeof s);
	}
	if (i < end) {
		load(&v, w, i, end);  /* zeros past the end: no seat */
		at_class_step(d, exact, &v, &from, &shift, &s, &sum);
		store(seats, i, end, &s);
	}
	return SUM_LANES(sum);
}

PASS static int64_t opv__hamilton_at_class(int64_t *seats, struct division division,
                                           struct at_class border, const double *w,
                                           size_t first, size_t end)
{
	const struct division *d = &division;
	size_t split = border.split < first ? first : border.split > end ? end : border.split;
	if (d->exact)
		return write_at_class(seats, d, 1, &border, 0, w, first, split) +
		       write_at_class(seats, d, 1, &border, 1, w, split, end);
	return write_at_class(seats, d, 0, &border, 0, w, first, split) +
	       write_at_class(seats, d, 0, &border, 1, w, split, end);
}

/*
 * The walk, on one thread: one seat more to each of the first `count` units
 * of w[start..n) whose remainder is `at` (`forward`), or one less to each of
 * the last `count` of w[0..start) (not `forward`); returns how many it
 * found, up to `count`.  `start` is a multiple of LANES.  No branch on the
 * units (walk_step()), which follow one another in no order a branch could
 * learn.
 */
INLINE int64_t walk_class(int64_t *seats, const struct division *d, int exact, const double *w,
                          size_t n, size_t start, double at, int forward, int64_t count)
{
	const vdouble remainder = { at, at, at, at };
	const vint64 zero = { 0, 0, 0, 0 };
	size_t first = forward ? start / LANES : 0, vectors = forward ? (n + LANES - 1) / LANES
	                                                              : start / LANES, j;
	int64_t found = 0;
	for (j = first; j < vectors && found < count; j++) {
		size_t i = (forward ? j : vectors - 1 - j) * LANES;
		vdouble v, f, r;
		vint64 one, move;
		load(&v, w, i, n);
		quota_parts(d, exact, &v, &f, &r);
		one = zero - ((r == remainder) & (v > 0));
		walk_step(&move, &one, &found, count, forward);
		if (forward)
			move = zero - move;  /* +1 where a seat moves */
		add_seats(seats, i, n, &move);
	}
	return found < count ? found : count;
}

PASS static int64_t opv__hamilton_walk_class(int64_t *seats, struct division division,
                                             const double *w, size_t n, size_t start, double at,
                                             int forward, int64_t count)
{
	const struct division *d = &division;
	return d->exact ? walk_class(seats, d, 1, w, n, start, at, forward, count)
	                : walk_class(seats, d, 0, w, n, start, at, forward, count);
}

/* ---- the passes in parts, one per thread ------------------------------------ */

enum pass { SCAN, COUNT, COLLECT, WRITE, COLLECT_AND_WRITE, GIVE, ROUND, AT_CLASS };

/* A part of the units, w[first..end), and what one pass over it found. */
struct part {
	enum pass pass;
	const double *w;
	size_t first, end;
	struct division d;
	int64_t *seats;
	struct opv__apportion_detail *detail;
	double *sums;          /* SCAN: the blocks' sums, shared */
	struct scan scan;      /* SCAN */
	uint32_t *hist;        /* COUNT: this part's histograms */
	int64_t floors;        /* COUNT */
	size_t positive;       /* COUNT: the units of positive weight */
	int32_t boundary;      /* COLLECT, WRITE */
	struct edge_unit *edge; /* COLLECT, ROUND: this part's room in the shared array */
	size_t nedge;          /* COLLECT, ROUND: the units kept (ROUND: above room, some were not) */
	size_t room;           /* ROUND */
	int64_t rounded;       /* ROUND, AT_CLASS: the sum of the seats it wrote */
	int64_t need;          /* GIVE: the seats that go by place in the boundary bucket */
	int64_t rank;          /* GIVE: the place of its first unit there; after, past its last */
	double low_r, high_r;  /* GIVE: the least and most remainder there */
	struct at_class border;  /* AT_CLASS */
};

static void *run_part(void *arg)
{
	struct part *p = arg;
	switch (p->pass) {
	case SCAN:
		opv__hamilton_scan(&p->scan, p->sums, p->w, p->first, p->end, p->scan.whole);
		break;
	case COUNT:
		p->floors = opv__hamilton_count(p->hist, &p->positive, p->d, p->w, p->first, p->end);
		break;
	case ROUND:
		p->rounded = opv__hamilton_round(p->seats, p->edge, p->room, &p->nedge, p->d, p->w,
		                                 p->first, p->end);
		break;
	case AT_CLASS:
		p->rounded = opv__hamilton_at_class(p->seats, p->d, p->border, p->w, p->first, p->end);
		break;
	case GIVE:
		opv__hamilton_give(p->seats, p->d, p->w, p->first, p->end, p->boundary, p->need,
		                   &p->rank, &p->low_r, &p->high_r);
		break;
	case COLLECT:
	case WRITE:
	case COLLECT_AND_WRITE:
		p->nedge = opv__hamilton_settle(p->pass == COLLECT ? NULL : p->seats, p->detail,
		                                p->pass == WRITE ? NULL : p->edge, p->d, p->w, p->first,
		                                p->end, p->boundary);
		break;
	}
	return NULL;
}

static void run_pass(struct part *parts, unsigned nparts, enum pass pass)
{
	unsigned t;
	for (t = 0; t < nparts; t++)
		parts[t].pass = pass;
	opv__run_parallel(run_part, parts, sizeof *parts, nparts);
}

/* ---- ROUND's window and its settling ---------------------------------------- */

/*
 * Rounding every quota hands out the seats by remainder, left = total - sum
 * of floors, give or take `need` = total - the seats by rounding.  That is
 * the sum of r - round(r) over the units: for remainders spread evenly, n
 * terms even over [-1/2, 1/2), about 0 with a spread of sqrt(n / 12).  A
 * window holding 1.25 sqrt(n) + 64 units on each side of the half covers
 * 4.5 spreads: it falls short a few times in a million calls, and costs
 * two passes more then.  ROUND settles every unit within reach of the window
 * again, so a wider one would cost more on every call.  ROUND is tried where
 * a sample of SAMPLE remainders, one every n / SAMPLE units, looks even
 * enough for that; a window that still falls short costs one pass, and the
 * three passes follow.
 */
#define SAMPLE 512
/* |sum of r - round(r)| over the sample: for even remainders one standard
 * deviation is sqrt(SAMPLE / 12), about 6.5.  Beyond 1.5 of those (one even
 * sample in eight) the larger sample of round_window_sampled() tells
 * whether the remainders lean to one side: a few per cent of the units off
 * the even spread leave more seats to settle than the window holds. */
#define MAX_OFFSET 10.0
/* sample remainders in [3/8, 1/2) and in [1/2, 5/8) each; even: 64 */
#define MIN_NEAR (SAMPLE / 32)
/* Sampled remainders equal to the one before: weights that repeat, whose
 * classes of equal remainders no window holds (GIVE takes them).  Remainders
 * of weights spread over a range repeat a few times in a sample at most. */
#define MAX_REPEATS (SAMPLE / 64)
/* a side's width, in seats: where it needs more, the window keeps too many
 * units to be cheaper than the histogram */
#define MAX_WIDTH (1.0 / 32)

/* Sets the threshold (the half) and the window of d for n units and the
 * units a side of the window should hold into *side; 0 where ROUND is not
 * worth trying there.  `lenient`: a larger sample has found that the
 * remainders do not lean to one side, whatever the offset of this one. */
static int round_window(struct division *d, const double *w, size_t n, size_t *side,
                        int lenient)
{
	const double seat = d->exact ? d->W : 1;  /* a seat, in the remainders' terms */
	size_t j, k, near_low = 0, near_high = 0, step = n / SAMPLE;
	double offset = 0, want = 1.25 * sqrt((double)n) + 64, width_low, width_high, previous = -1;
	size_t repeats = 0;
	/* too few units for the window to be narrow where remainders are even */
	if (n < 4 * SAMPLE || want / (double)n > MAX_WIDTH)
		return 0;
	for (j = 0; j < SAMPLE; j += LANES) {
		vdouble v, f, r;
		for (k = 0; k < LANES; k++)
			v[k] = w[(j + k) * step];
		quota_parts(d, d->exact, &v, &f, &r);
		for (k = 0; k < LANES; k++) {
			double x = r[k] / seat;
			offset += x - (x >= 0.5);
			near_low += x >= 0.375 && x < 0.5;
			near_high += x >= 0.5 && x < 0.625;
			if (v[k] > 0) {  /* zeros all have remainder 0 */
				repeats += x == previous;
				previous = x;
			}
		}
	}
	if ((fabs(offset) > MAX_OFFSET && !lenient) || near_low < MIN_NEAR || near_high < MIN_NEAR ||
	    repeats >= MAX_REPEATS)
		return 0;
	/* the widths that hold `want` units at the density the sample found
	 * within 1/8 of the half */
	width_low = want / (double)n * (SAMPLE / 8.0) / (double)near_low;
	width_high = want / (double)n * (SAMPLE / 8.0) / (double)near_high;
	if (width_low > MAX_WIDTH || width_high > MAX_WIDTH)
		return 0;
	d->threshold = 0.5 * seat;  /* exact: W is a whole number below 2^52 */
	d->lift = 0;
	d->window_low = (0.5 - width_low) * seat;
	d->window_high = (0.5 + width_high) * seat;
	/* A unit in the window has |q - round(q)| >= 1/2 - the wider side, and
	 * quota_exact()'s approximate q lies within total * 2^-52 of the exact
	 * one (two roundings of q <= total); 2^-50 leaves room. */
	d->reach = 0.5 - (width_low > width_high ? width_low : width_high) -
	           (d->exact ? d->total * 0x1p-50 : 0);
	*side = (size_t)want;
	return 1;
}

/*
 * Remainders not spread evenly, as where weights span many orders of
 * magnitude and most quotas are a small part of a seat: the seats by
 * remainder stop at a threshold T far from the half, and rounding at the
 * half leaves thousands over.  ROUND then rounds at T: f + (r >= T), q
 * lifted by 1/2 - T before it is rounded to the nearest.  T and the window
 * come from every unit of THRESHOLD_BLOCKS blocks spread over the input
 * (about 65,000 units), or of every THRESHOLD_STRIDE-th block where those
 * are fewer.  T is where as many sampled units lie above it as their
 * remainders add up to in seats; `need`, the sum of r - (r >= T) over all
 * units, is then about 0, off by the sample's error, whose standard
 * deviation the sample gives too.  Each side of the window holds
 * THRESHOLD_SPREADS of those, plus 64, at the density the sample found
 * beside T, and a quarter more for that density's error: a window that
 * falls short (once in a few thousand calls) costs two passes more.  ROUND
 * settles every unit within reach of the window again, so that a wider
 * window costs more on every call: the window narrows as the root of the
 * sample grows, and 256 blocks cost less than 128 or 512 at 10^6 weights
 * log-normal (sigma 3) or spread over 600 binary orders (bench/).
 */
#define THRESHOLD_BLOCKS 256
/* a block in this many at the most: the sample costs a quarter of a pass */
#define THRESHOLD_STRIDE 4
/* the fewest blocks a sample may count */
#define THRESHOLD_FEWEST_BLOCKS 64
#define THRESHOLD_BUCKETS 2048
#define THRESHOLD_SPREADS 3.5
/* the sampled units each side of the window must hold at the least, for
 * the density it is sized by to mean something */
#define THRESHOLD_FEWEST 16

/* What the sample of round_window_sampled() counts: the remainders, in
 * seats, by bucket of THRESHOLD_BUCKETS, their number in each, one histogram
 * per lane, so that a run of units in one bucket does not wait on its own
 * stores (the four, 32 KiB, within the first-level cache of most
 * processors); and their sum.  Sums over buckets take each remainder at its
 * bucket's middle (bucket_sum()), within 1/4096 of a seat. */
struct remainder_sample {
	uint32_t count[LANES][THRESHOLD_BUCKETS];
	double sum;
	double squares;  /* the sum of their squares, the lowest bucket's left out */
};

/* The remainders of bucket j taken at its middle, in seats. */
static double bucket_sum(const struct remainder_sample *sample, int j)
{
	return sample->count[0][j] * (j + 0.5) / THRESHOLD_BUCKETS;
}

/* The remainders of w[first..end), at most a block, into *sample.  Where
 * weights span many orders of magnitude most quotas are a small part of a
 * seat: vectors whose remainders all lie in the lowest bucket are counted
 * in registers, for one bucket taking every store would make each lane
 * wait on the one before.  Squares of the lowest bucket are left out of
 * *squares (see below). */
PASS static void opv__hamilton_sample_remainders(struct remainder_sample *sample,
                                                 struct division division, const double *w,
                                                 size_t first, size_t end)
{
	const struct division *d = &division;
	const double to_seats = d->exact ? d->inv_W : 1;
	const vint32 last = { THRESHOLD_BUCKETS - 1, THRESHOLD_BUCKETS - 1, THRESHOLD_BUCKETS - 1,
	                      THRESHOLD_BUCKETS - 1 };
	const vdouble lowest = { 1.0 / THRESHOLD_BUCKETS, 1.0 / THRESHOLD_BUCKETS,
	                         1.0 / THRESHOLD_BUCKETS, 1.0 / THRESHOLD_BUCKETS };
	vdouble squares = { 0, 0, 0, 0 }, sum = { 0, 0, 0, 0 };
	size_t i, k, low_count = 0;
	for (i = first; i < end; i += LANES) {
		vdouble v, f, r, hi;
		vint32 bucket, lower;
		vint64 low;
		load(&v, w, i, end);
		quota_parts(d, d->exact, &v, &f, &r);
		r *= to_seats;  /* in [0, 1], 1 where r = W - 1 rounds up */
		sum += r;  /* 0 past the end */
		low = r < lowest;
		if (ALL(low)) {
			low_count += end - i < LANES ? end - i : LANES;
			continue;
		}
		/* The squares of the others only: those of the lowest add less
		 * than 2^-22 each, and the square of a quota of 2^-600 seats, as
		 * weights of many orders of magnitude make them, is subnormal,
		 * a hundred times the time of a normal product on some processors. */
		hi = WHERE(~low, r);
		squares += hi * hi;
		bucket = __builtin_convertvector(r * THRESHOLD_BUCKETS, vint32);
		lower = bucket < last;  /* -1 where it holds */
		bucket = (bucket & lower) | (last & ~lower);
		if (end - i >= LANES) {
			sample->count[0][bucket[0]]++;
			sample->count[1][bucket[1]]++;
			sample->count[2][bucket[2]]++;
			sample->count[3][bucket[3]]++;
		} else {
			for (k = 0; k < end - i; k++)
				sample->count[k][bucket[k]]++;
		}
	}
	sample->count[0][0] += (uint32_t)low_count;
	sample->sum += SUM_LANES(sum);
	sample->squares += SUM_LANES(squares);
}

/* Whether the sampled remainders lean to one side of the half: n times
 * their mean of r - (r >= 1/2), which is 0 for remainders spread evenly,
 * more than two of its standard deviations from 0. */
static int leans(const struct remainder_sample *sample, double sum)
{
	double above = 0, above_sum = 0, squares;
	int j;
	for (j = THRESHOLD_BUCKETS / 2; j < THRESHOLD_BUCKETS; j++) {
		above += sample->count[0][j];
		above_sum += bucket_sum(sample, j);
	}
	/* as for the window below: the sum of (r - (r >= 1/2))^2 */
	squares = sample->squares - 2 * above_sum + above;
	return fabs(sum - above) > 2 * sqrt((squares > 0 ? squares : 0));
}

static int round_window_sampled(struct division *d, const double *w, size_t n, size_t *side,
                                int *lean)
{
	const double seat = d->exact ? d->W : 1;  /* a seat, in the remainders' terms */
	size_t nblocks = (n + BLOCK - 1) / BLOCK, stride, b, k, m = 0;
	struct remainder_sample *sample;
	double sum, above = 0, above_sum = 0, part, squares, want, hold, width[2], T;
	int j, at, rc = 0;
	if (nblocks < THRESHOLD_FEWEST_BLOCKS * THRESHOLD_STRIDE)
		return 0;  /* too few units for a sample both small and telling */
	stride = nblocks / THRESHOLD_BLOCKS > THRESHOLD_STRIDE ? nblocks / THRESHOLD_BLOCKS
	                                                       : THRESHOLD_STRIDE;
	sample = calloc(1, sizeof *sample);
	if (!sample)
		return 0;
	for (b = stride / 2; b < nblocks; b += stride) {
		size_t end = b * BLOCK + BLOCK < n ? b * BLOCK + BLOCK : n;
		opv__hamilton_sample_remainders(sample, *d, w, b * BLOCK, end);
		m += end - b * BLOCK;
	}
	for (j = 0; j < THRESHOLD_BUCKETS; j++)
		for (k = 1; k < LANES; k++)
			sample->count[0][j] += sample->count[k][j];
	sum = sample->sum;
	*lean = leans(sample, sum);
	/* T: the sampled units above it as many as the sampled seats by remainder */
	for (at = THRESHOLD_BUCKETS - 1; at >= 0; at--) {
		if (above + sample->count[0][at] >= sum)
			break;
		above += sample->count[0][at];
		above_sum += bucket_sum(sample, at);
	}
	if (at < 0 || sum < 1)
		goto done;
	part = (sum - above) / (double)sample->count[0][at];  /* of T's bucket, above T */
	T = ((double)at + 1 - part) / THRESHOLD_BUCKETS;
	if (!(T > 0 && T < 1))
		goto done;
	above += part * sample->count[0][at];
	above_sum += part * bucket_sum(sample, at);
	/* The standard deviation of n times the sample's mean of y = r - (r >= T),
	 * whose mean is 0 at T: the sum of y^2 is that of r^2, less twice that
	 * of r above T, plus the units above T (T's bucket in proportion). */
	squares = sample->squares - 2 * above_sum + above;
	want = THRESHOLD_SPREADS * sqrt((squares > 0 ? squares : 0) / (double)m) * (double)n /
	       sqrt((double)m) + 64;
	hold = 1.25 * want * (double)m / (double)n;  /* in sampled units */
	/* T's bucket alone fuller than the window's room: a class of units
	 * that share a remainder there, which no window holds */
	if (want > (double)n / 32 || sample->count[0][at] > 2 * hold)
		goto done;
	if (hold < THRESHOLD_FEWEST)
		hold = THRESHOLD_FEWEST;
	/* each side: whole buckets outward from T's until they hold `hold` */
	for (k = 0; k < 2; k++) {
		double count = 0;
		for (j = at; j >= 0 && j < THRESHOLD_BUCKETS && count < hold; j += k ? 1 : -1)
			count += sample->count[0][j];
		if (count < hold)
			goto done;
		width[k] = k ? (double)j / THRESHOLD_BUCKETS - T : T - (double)(j + 1) / THRESHOLD_BUCKETS;
		if (width[k] > 0.375)
			goto done;
	}
	d->threshold = T * seat;
	d->lift = 0.5 - T;
	d->window_low = (T - width[0]) * seat;
	d->window_high = (T + width[1]) * seat;
	/* as in round_window(), and the lift's rounding of q + lift, within
	 * (total + 1) * 2^-53, and of 1/2 - T, within 2^-54: 2^-51 leaves room */
	d->reach = 0.5 - (width[0] > width[1] ? width[0] : width[1]) -
	           (d->exact ? d->total * 0x1p-50 : 0) - (d->total + 1) * 0x1p-51;
	*side = (size_t)want;
	rc = 1;
done:
	free(sample);
	return rc;
}

/* The reverse order: the smallest remainder first, the higher index first among equals. */
#define EDGE_AFTER(x, y) EDGE_BEFORE((y), (x))
OPV__DEFINE_SELECT(select_edge_from_last, struct edge_unit, EDGE_AFTER)

/* The units ROUND keeps per part, for a window holding `side` a side: twice
 * what both sides of an even window hold. */
#define ROUND_ROOM(side) (4 * (side))

/*
 * ROUND over every part, then `need` = total - the seats by rounding settled
 * in the window.  With need > 0 the `need` best remainders below the threshold get
 * a seat more; with need < 0 the |need| worst at or above it (the smallest,
 * the higher index first among equals) give theirs back.  The window holds
 * every unit between its edges, so once it holds |need| units on that side,
 * they are the ones the reference would pick.  Returns OPV__NOT_HANDLED where
 * it does not: the seats are then written again.  `near` has room for
 * ROUND_ROOM(side) units a part.
 *
 * The reference also fails where the floors overshoot the total or leave
 * more seats than units (opv__hamilton_floors_fail()); SCAN's conditions rule
 * that out here: the quotas' sum lies within 3/8 of a seat of the total
 * (OPV__DOUBLE_QUOTA_TOTAL), or is exact.
 */
static int settle_by_rounding(int64_t *seats, struct part *parts, unsigned nparts,
                              const struct division *d, size_t side, struct edge_unit *near,
                              int64_t total)
{
	const size_t room = ROUND_ROOM(side);
	int64_t rounded = 0, need;
	size_t kept = 0, k, missing;
	unsigned t;
	int all_kept = 1;
	for (t = 0; t < nparts; t++) {
		parts[t].d = *d;
		parts[t].edge = near + (size_t)t * room;
		parts[t].room = room;
	}
	run_pass(parts, nparts, ROUND);
	for (t = 0; t < nparts; t++) {
		rounded += parts[t].rounded;
		all_kept &= parts[t].nedge <= room;
	}
	need = total - rounded;
	if (need == 0)
		return OPV_OK;
	if (!all_kept)
		return OPV__NOT_HANDLED;
	/* the side of the threshold where seats change, to the front */
	for (t = 0; t < nparts; t++)
		for (k = 0; k < parts[t].nedge; k++)
			if ((parts[t].edge[k].remainder < d->threshold) == (need > 0))
				near[kept++] = parts[t].edge[k];
	missing = (size_t)(need > 0 ? need : -need);
	if (missing > kept)
		return OPV__NOT_HANDLED;
	if (need > 0) {
		select_edge(near, kept, missing);
		for (k = 0; k < missing; k++)
			seats[near[k].index]++;
	} else {
		select_edge_from_last(near, kept, missing);
		for (k = 0; k < missing; k++)
			seats[near[k].index]--;
	}
	return OPV_OK;
}

/* ---- AT_CLASS's class and split, and its settling --------------------------- */

/* Over w[first..end), at most a block: the units of positive weight whose
 * remainder is rem[j] added to at[j], for each of the m classes; returns
 * the sum of the remainders. */
PASS static double opv__hamilton_count_classes(int64_t *at, const double *rem, size_t m,
                                               struct division division, const double *w,
                                               size_t first, size_t end)
{
	const struct division *d = &division;
	vdouble r[BLOCK / LANES], sum = { 0, 0, 0, 0 };
	vint64 positive[BLOCK / LANES];
	size_t i, j, vectors = (end - first + LANES - 1) / LANES;
	for (i = 0; i < vectors; i++) {
		vdouble v, f;
		load(&v, w, first + i * LANES, end);
		quota_parts(d, d->exact, &v, &f, &r[i]);
		positive[i] = v > 0;
		sum += r[i];
	}
	/* a class at a time, its count in a register */
	for (j = 0; j < m; j++) {
		const vdouble at_j = { rem[j], rem[j], rem[j], rem[j] };
		vint64 count = { 0, 0, 0, 0 };
		for (i = 0; i < vectors; i++)
			count -= (r[i] == at_j) & positive[i];
		at[j] += SUM_LANES(count);
	}
	return SUM_LANES(sum);
}

static int by_value_down(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (*x < *y) - (*x > *y);
}

/*
 * The class of remainder B where the last seat falls, and about where in
 * the units its last seat falls (struct at_class), from the classes `c`
 * that a sample found.  The seats that go by remainder add up to the
 * remainders, in seats, over every unit; the last falls where the units
 * counted from the largest remainder down reach that sum.  Both sums come
 * from every unit of OPV__CLASS_COUNT_BLOCKS blocks spread over the input
 * (about 16,000 units: at 10^6, the place of the last seat to within some
 * 2,000 units of its class, one standard deviation), and the split puts the
 * class's units before it in the same proportion of all units as the seats
 * are of the class.
 * 0 where B is 0 (units of weight zero have remainder 0 and take no seat by
 * it), where the sample finds no class at the last seat, or where exact
 * quotas, whose largest product total * w is total * max_weight, are too
 * large for at_class_step()'s shorter way.
 */
static int class_split(struct at_class *out, const struct division *d,
                       const struct opv__classes *c, const double *w, size_t n,
                       double max_weight)
{
	const double seat = d->exact ? d->W : 1;  /* a seat, in the remainders' terms */
	double rem[OPV__CLASS_MOST], by_remainder = 0, above = 0, share;
	int64_t at[OPV__CLASS_MOST];
	size_t m = 0, j, k, b, nblocks = (n + BLOCK - 1) / BLOCK;
	size_t stride = nblocks > OPV__CLASS_COUNT_BLOCKS ? nblocks / OPV__CLASS_COUNT_BLOCKS : 1;
	if (d->exact && !(d->total * max_weight < 0x1p48 && d->W < 0x1p48))
		return 0;
	/* the classes' remainders, largest first, each once */
	for (j = 0; j < c->count; j += LANES) {
		vdouble v = { 0, 0, 0, 0 }, f, r;
		for (k = 0; k < LANES && j + k < c->count; k++)
			v[k] = c->value[j + k];
		quota_parts(d, d->exact, &v, &f, &r);
		for (k = 0; k < LANES && j + k < c->count; k++)
			rem[m++] = r[k];
	}
	qsort(rem, m, sizeof *rem, by_value_down);
	for (j = k = 0; j < m; j++)
		if (k == 0 || rem[k - 1] != rem[j])
			rem[k++] = rem[j];
	m = k;
	for (j = 0; j < m; j++)
		at[j] = 0;
	for (b = stride / 2; b < nblocks; b += stride)
		by_remainder += opv__hamilton_count_classes(at, rem, m, *d, w, b * BLOCK,
		                                            b * BLOCK + BLOCK < n ? b * BLOCK + BLOCK : n);
	by_remainder /= seat;
	for (j = 0; j < m; j++) {
		double units = (double)at[j];
		if (above + units > by_remainder)
			break;
		above += units;
	}
	if (j == m || !(rem[j] > 0))
		return 0;
	/* the seats by remainder its class takes, as a share of its units */
	share = (by_remainder - above) / (double)at[j];
	out->at = rem[j];
	out->split = (size_t)(share * (double)(n / BLOCK) + 0.5) * BLOCK;
	out->from[0] = rem[j];
	out->from[1] = d->exact ? rem[j] + 1 : nextafter(rem[j], INFINITY);
	for (k = 0; k < 2; k++)
		out->shift[k] = d->exact ? (d->W - out->from[k] + 0.5) / d->W : 0;
	return 1;
}

/*
 * AT_CLASS over every part, then the walk.  `need` = total - the seats
 * AT_CLASS wrote: it gave a seat by remainder to every unit above B, none
 * below, and to those of B before the split.  Where the last seat falls in
 * B, need > 0 seats go to the class's next units from the split on, or
 * -need come back from its last ones before it.  Returns OPV__NOT_HANDLED
 * where the walk finds too few units of B: the last seat falls outside it,
 * and the seats are written again.  As for ROUND (settle_by_rounding()),
 * SCAN's conditions rule out the reference's failures.
 */
static int settle_at_class(int64_t *seats, struct part *parts, unsigned nparts,
                           const struct division *d, const struct at_class *border,
                           const double *w, size_t n, int64_t total)
{
	int64_t need = total;
	unsigned t;
	for (t = 0; t < nparts; t++) {
		parts[t].d = *d;
		parts[t].border = *border;
	}
	run_pass(parts, nparts, AT_CLASS);
	for (t = 0; t < nparts; t++)
		need -= parts[t].rounded;
	if (need == 0)
		return OPV_OK;
	if (opv__hamilton_walk_class(seats, *d, w, n, border->split, border->at, need > 0,
	                             need > 0 ? need : -need) != (need > 0 ? need : -need))
		return OPV__NOT_HANDLED;
	return OPV_OK;
}

/* The division for the weights that SCAN found, or 0 when this route does
 * not compute their quotas as hamilton.c does. */
static int division_for(struct division *d, const struct scan *s, double W, int64_t total,
                        size_t buckets)
{
	memset(d, 0, sizeof *d);
	d->total = (double)total;
	d->buckets = buckets;
	d->last_bucket = (int32_t)buckets - 1;
	if (s->whole && s->max < TWO_52 && W < TWO_52 && d->total * s->max < TWO_52) {
		/* W, a sum of whole numbers below 2^52, is then exact. */
		d->exact = 1;
		d->W = W;
		d->inv_W = 1.0 / W;
		d->to_bucket = ((double)buckets - 0.5) / W; /* r <= W - 1 stays below `buckets` */
		return 1;
	}
	/* Whole numbers below 2^53 are hamilton.c's exact integers, beyond these
	 * doubles; SCAN's test may take a weight from 2^52 on for one not whole.
	 * (max is 0 where a weight below 2^52 is known not to be whole.) */
	if ((s->max < TWO_53 && (s->whole || s->max >= TWO_52)) || opv__quota_scale(W) != 1)
		return 0;
	d->c = d->total / W;
	d->to_bucket = (double)buckets; /* a power of two: r * buckets is exact and below it */
	return 1;
}

int opv__hamilton_stream(int64_t *seats, const double *weights, size_t n, int64_t total,
                         opv_tie_rule ties, unsigned threads, struct opv__apportion_detail *detail,
                         enum opv__hamilton_route *route, opv_error *err)
{
	struct part parts[OPV__MAX_THREADS];
	struct division d;
	struct scan scan = { 1, 1, 0 };
	size_t positive = 0;
	struct edge_unit *edge = NULL;
	uint32_t *hist = NULL, *merged;
	double *sums, W;
	size_t buckets, nblocks, nedge = 0, room = 0, side = 0, k, b;
	int64_t left, above = 0, need = 0, floors = 0;
	int32_t boundary;
	unsigned nparts, t;
	int rc = OPV_OK, maybe_whole;

#if FLT_EVAL_METHOD != 0
	return OPV__NOT_HANDLED; /* excess precision would change the doubles */
#endif
	if (n == 0 || n > UINT32_MAX || total <= 0 || total >= OPV__DOUBLE_QUOTA_TOTAL ||
	    (detail && detail->rank))
		return OPV__NOT_HANDLED;

	nblocks = (n + BLOCK - 1) / BLOCK;
	sums = malloc((OPV__SUM_LANES + 1) * nblocks * sizeof *sums);
	if (!sums)
		return OPV__NOT_HANDLED; /* the reference reports it, if it too runs short */
	nparts = opv__threads_for(n, threads);
	maybe_whole = sampled_whole(weights, n);
	for (t = 0; t < nparts; t++) {
		/* parts start on a block: whole vectors, whole cache lines, and the
		 * blocks of the weight sum */
		memset(&parts[t], 0, sizeof parts[t]);
		parts[t].w = weights;
		parts[t].first = opv__part_start(n, nparts, t, BLOCK);
		parts[t].end = opv__part_start(n, nparts, t + 1, BLOCK);
		parts[t].seats = seats;
		parts[t].detail = detail;
		parts[t].sums = sums;
		parts[t].scan.whole = maybe_whole;
	}
	run_pass(parts, nparts, SCAN);
	for (t = 0; t < nparts; t++) {
		scan.unsigned_ &= parts[t].scan.unsigned_;
		scan.whole &= parts[t].scan.whole;
		scan.max = parts[t].scan.max > scan.max ? parts[t].scan.max : scan.max;
	}
	W = opv__weight_sum_blocks(sums, nblocks);
	free(sums);
	buckets = bucket_count(n);
	/* a weight NaN or infinite makes W so */
	if (!scan.unsigned_ || !(W > 0 && W <= DBL_MAX) || !division_for(&d, &scan, W, total, buckets))
		return OPV__NOT_HANDLED;
	if (route)
		*route = OPV__ROUTE_HISTOGRAM;
	/* AT_CLASS and ROUND write seats before they know whether the last one
	 * ties, and explain nothing.  Once they have written them, nothing may
	 * fail: what the three passes would allocate after them, they allocate
	 * before (the room for every unit in the boundary bucket, mostly never
	 * touched). */
	if (ties != OPV_TIE_ERROR && !detail) {
		struct opv__classes classes;
		struct at_class border;
		int at_class = opv__sample_classes(&classes, weights, n, 0, W) &&
		               class_split(&border, &d, &classes, weights, n, scan.max);
		int even = !at_class && round_window(&d, weights, n, &side, 0), lean = 1, sampled = 0;
		int rounding;
		if (!at_class && !even) {
			sampled = round_window_sampled(&d, weights, n, &side, &lean);
			/* the larger sample finds the remainders even after all: the
			 * half's narrow window, where the small one allows it */
			if (sampled && !lean) {
				struct division kept = d;
				size_t kept_side = side;
				even = round_window(&d, weights, n, &side, 1);
				if (!even) {
					d = kept;
					side = kept_side;
				}
			}
		}
		rounding = even || sampled;
		size_t reserve = rounding && ROUND_ROOM(side) * nparts > n + 1 ? ROUND_ROOM(side) * nparts
		                                                                : n + 1;
		if (at_class || rounding) {
			hist = calloc((4 * (size_t)nparts + 1) * buckets, sizeof *hist);
			edge = malloc(reserve * sizeof *edge);
		}
		if (hist && edge) {
			if (at_class)
				rc = settle_at_class(seats, parts, nparts, &d, &border, weights, n, total);
			else
				rc = settle_by_rounding(seats, parts, nparts, &d, side, edge, total);
			/* Remainders a little off the even spread, which a small
			 * sample does not tell, leave more seats over than the even
			 * window holds: once more at the threshold and in the window
			 * that a larger one sets, where the room allocated holds it. */
			if (rc == OPV__NOT_HANDLED && even &&
			    round_window_sampled(&d, weights, n, &side, &lean) &&
			    ROUND_ROOM(side) * nparts <= reserve) {
				rc = settle_by_rounding(seats, parts, nparts, &d, side, edge, total);
				if (route && rc == OPV_OK)
					*route = OPV__ROUTE_ROUND_AGAIN;
				if (rc == OPV_OK)
					goto done;
			}
			if (route && at_class)
				*route = rc == OPV_OK ? OPV__ROUTE_AT_CLASS : OPV__ROUTE_AT_CLASS_THEN_HISTOGRAM;
			else if (route)
				*route = rc != OPV_OK ? OPV__ROUTE_ROUND_THEN_HISTOGRAM
				         : even       ? OPV__ROUTE_ROUND
				                      : OPV__ROUTE_ROUND_SAMPLED;
			if (rc == OPV_OK)
				goto done;
			rc = OPV_OK;
		} else {
			free(hist);
			free(edge);
			hist = NULL;
			edge = NULL;
		}
	}

	/* four histograms per part, and the merged one */
	if (!hist)
		hist = calloc((4 * (size_t)nparts + 1) * buckets, sizeof *hist);
	if (!hist)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
	merged = hist + 4 * (size_t)nparts * buckets;
	for (t = 0; t < nparts; t++) {
		parts[t].d = d;
		parts[t].hist = hist + 4 * (size_t)t * buckets;
	}
	run_pass(parts, nparts, COUNT);
	for (t = 0; t < nparts; t++) {
		floors += parts[t].floors;
		positive += parts[t].positive;
		for (b = 0; b < buckets; b++)
			merged[b] += parts[t].hist[b];
	}

	left = total - floors;
	if (left < 0 || (uint64_t)left > positive) {
		rc = opv__hamilton_floors_fail(err, total, floors);
		goto done;
	}
	if (detail)
		detail->seats_by_remainder = left;
	boundary = (int32_t)buckets;
	if (left > 0) {
		/* Every unit of positive weight is a candidate, and there are at
		 * least `left` of them: the walk stops at a bucket whose candidates,
		 * with those above, are enough. */
		for (boundary = d.last_bucket; boundary > 0; boundary--) {
			if (above + (int64_t)merged[boundary] >= left)
				break;
			above += merged[boundary];
		}
		need = left - above;
		if (!edge)
			edge = malloc((merged[boundary] + (size_t)1) * sizeof *edge);
		if (!edge) {
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
			goto done;
		}
		for (t = 0; t < nparts; t++) {
			parts[t].edge = edge + room;
			room += parts[t].hist[boundary];
		}
	}
	for (t = 0; t < nparts; t++)
		parts[t].boundary = boundary;

	if (left == 0) {
		run_pass(parts, nparts, WRITE);
		goto done;
	}
	/* A bucket far fuller than an even spread makes it: a class of units
	 * that share a remainder, whose seats go by place (give_in_order()).
	 * Not bucket 0, whose count holds the units of weight 0 too, which
	 * take no place. */
	if (ties != OPV_TIE_ERROR && !detail && boundary > 0 &&
	    merged[boundary] > FULL_BUCKET * (n / buckets + 1)) {
		double low_r = INFINITY, high_r = -INFINITY;
		int64_t rank = 0;
		for (t = 0; t < nparts; t++) {
			parts[t].need = need;
			parts[t].rank = rank;
			rank += parts[t].hist[boundary];
		}
		run_pass(parts, nparts, GIVE);
		for (t = 0; t < nparts; t++) {
			low_r = parts[t].low_r < low_r ? parts[t].low_r : low_r;
			high_r = parts[t].high_r > high_r ? parts[t].high_r : high_r;
		}
		if (low_r == high_r) {
			if (route && *route == OPV__ROUTE_HISTOGRAM)  /* not after a route that fell short */
				*route = OPV__ROUTE_BY_PLACE;
			goto done;
		}
	}
	run_pass(parts, nparts, ties == OPV_TIE_ERROR ? COLLECT : COLLECT_AND_WRITE);
	for (t = 0; t < nparts; t++) {
		memmove(edge + nedge, parts[t].edge, parts[t].nedge * sizeof *edge);
		nedge += parts[t].nedge;
	}
	/* the `need` best of the bucket to edge[0..need), the next best at edge[need] */
	if ((size_t)need < nedge)
		select_edge(edge, nedge, (size_t)need);
	if (ties == OPV_TIE_ERROR) {
		if ((size_t)need < nedge) {
			const struct edge_unit *last = &edge[0];
			for (k = 1; k < (size_t)need; k++)
				if (EDGE_BEFORE(last, &edge[k]))
					last = &edge[k];
			if (last->remainder == edge[need].remainder) {
				rc = opv__fail(err, OPV_ETIE,
				               "units %zu and %zu tie for the last seat with equal remainders",
				               last->index, edge[need].index);
				goto done;
			}
		}
		run_pass(parts, nparts, WRITE);
	}
	for (k = 0; k < (size_t)need; k++)
		seats[edge[k].index]++;
done:
	free(hist);
	free(edge);
	return rc;
}
