/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Hamilton's method in streaming passes over the weights, without sorting.
 *
 * Below 2^53 doubles hold whole numbers exactly.  So when every product
 * total*w and the weight sum W stay below 2^52, the floor f and remainder r
 * of total*w / W come out exact from a few double operations with no integer
 * division and no branch, which the compiler can run several at a time:
 * estimate f by rounding, take r = total*w - f*W (exact), and move f by one
 * when r falls outside [0, W).
 *
 * A first pass checks the weights and adds them up.  Then, on the route of
 * two more passes, pass 1 counts the remainders in a histogram of buckets,
 * each a range of remainder values, and adds up the floors.  Walking the
 * histogram from the top finds the bucket in which the last seat falls.
 * Pass 2 writes every floor, one seat more in the buckets above that one,
 * and collects the few units in the boundary bucket, which are then ranked
 * exactly.  Equal remainders always share a bucket, so ties are settled where
 * they belong.  With many units a sample taken in the first pass stands in
 * for pass 1 (see "the sampled route" below).
 *
 * The units split into parts, one per thread, each pass a pass over every
 * part; a pass over a part runs in blocks that stay in the first-level cache.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hamilton_stream.h"
#include "error.h"
#include "parallel.h"
#include "select.h"
#include "vector.h"

#define TWO_50 1125899906842624.0
#define ROUNDING 6755399441055744.0 /* 1.5 * 2^52 */
#define BLOCK 256
#define MAX_BUCKETS 4096
/* One unit in this many goes into the sample that places the window. */
#define SAMPLE_STRIDE 32

/* total*w / W, and where its remainder goes in the histogram. */
struct division {
	double total;
	double W;
	double inv_W;
	double to_bucket;   /* (buckets - 1/2) / W: the bucket of r is floor(r * to_bucket),
	                     * below `buckets` for every r < W */
	int32_t last_bucket;
	size_t buckets;
};

/* f = floor(total*w / W) and r = total*w - f*W, both exact.  q carries at
 * most a quarter of error (total < 2^50), so rounding q - 1/2 to an integer
 * (adding and taking away 1.5 * 2^52) lands within one of the floor, and one
 * correction each way suffices.  f*W stays below 2^53, so r is exact. */
INLINE void quota_parts(const struct division *d, const vdouble *w, vdouble *f, vdouble *r)
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

/* About one bucket per 16 units, a power of two from 256 to 4096: the
 * histogram stays in the first-level cache and the boundary bucket small. */
static size_t bucket_count(size_t n)
{
	size_t b = 256;
	while (b < n / 16 && b < MAX_BUCKETS)
		b *= 2;
	return b;
}

/* One unit of each block of SAMPLE_STRIDE in w[from .. from + BLOCK), just
 * read and still in the cache, at a place that a hash of the block picks, so
 * that no period in the data lines up with the sample.  Only whole blocks
 * below nsample. */
static void take_sample(double *sample, size_t nsample, const double *w, size_t from)
{
	size_t block, last = (from + BLOCK) / SAMPLE_STRIDE;
	for (block = from / SAMPLE_STRIDE; block < last && block < nsample; block++) {
		size_t pick = (size_t)(((uint64_t)block * UINT64_C(0x9E3779B97F4A7C15)) >> 32) % SAMPLE_STRIDE;
		sample[block] = w[block * SAMPLE_STRIDE + pick];
	}
}

/*
 * Whether every weight of w[first..end) is a whole number in [0, 2^52); their
 * sum and largest.  NaN fails every comparison and so fails here.  The sum
 * runs in lanes; it is exact whenever it ends below 2^53, for no partial sum
 * can then have reached that.
 */
PASS static int opv__hamilton_scan(const double *w, size_t first, size_t end, double *sum,
                                   double *max, double *sample, size_t nsample)
{
	vdouble s = { 0, 0, 0, 0 }, m = { 0, 0, 0, 0 };
	vint64 ok = { -1, -1, -1, -1 };
	size_t i;
	for (i = first; i < end; i += LANES) {
		vdouble x;
		load(&x, w, i, end);
		ok &= (x >= 0) & (x < TWO_52) & (((x + TWO_52) - TWO_52) == x);
		add_and_keep_largest(&s, &m, &x);
		if (sample && (i + LANES) % BLOCK == 0)
			take_sample(sample, nsample, w, i + LANES - BLOCK);
	}
	if (sample && end % BLOCK != 0)
		take_sample(sample, nsample, w, end - end % BLOCK);
	*sum = SUM_LANES(s);
	*max = largest_lane(&m);
	return ALL(ok);
}

/* Pass 1 over w[first..end): the histogram of the remainders in hist[0..buckets)
 * (hist holds four times that, zeroed, for working); returns the sum of the floors. */
PASS static int64_t opv__hamilton_count(uint32_t *hist, struct division division, const double *w,
                                        size_t first, size_t end)
{
	const struct division *d = &division; /* a copy, which no store can alias */
	int32_t bucket[BLOCK];
	vdouble floors = { 0, 0, 0, 0 };  /* exact: they add up to at most the total */
	size_t i, j;
	for (i = first; i < end; i += BLOCK) {
		size_t m = end - i < BLOCK ? end - i : BLOCK;
		for (j = 0; j < m; j += LANES) {
			vdouble v, f, r;
			vint32 b;
			load(&v, w, i + j, end);
			quota_parts(d, &v, &f, &r);
			floors += f;
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
	return (int64_t)SUM_LANES(floors);
}

struct edge_unit {
	uint64_t remainder;
	size_t index;
};

static int by_remainder_desc(const void *a, const void *b)
{
	const struct edge_unit *x = a, *y = b;
	if (x->remainder != y->remainder)
		return x->remainder < y->remainder ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* ---- the sampled route: one pass after the scan ---------------------------- */

/*
 * With many units, a sample of them tells roughly where the last seat falls,
 * and a single pass can then write every floor, one seat more above a window
 * of buckets around that place, and collect the units inside the window,
 * among which the last seats are then ranked exactly.  When the sample misled
 * (the window missed or overflowed its room), the seats are settled by
 * narrowing the range of the last seat's remainder, a histogram pass at a
 * time, down to one value: a few more passes, and no memory beyond what is
 * already held, so the call cannot fail after it has started writing.
 */

/*
 * The pass that writes, over w[first..end), in buckets of the remainders:
 * with `seats`, each floor plus one at and above bucket `top` (and the
 * working, with `detail`); with `room`, collects the units of buckets
 * [lowest, top) with a positive remainder, at most `capacity` of them
 * (*overflow is set when more come).  Gives the sum of the floors and how
 * many units got a seat above; returns how many it collected.  Bucket tests
 * are made on r * to_bucket against whole numbers, which is what taking its
 * floor would decide.  The route of two passes collects the boundary bucket
 * alone (top = lowest + 1), the sampled route a window.
 */
INLINE size_t settle(int64_t *seats, struct opv__apportion_detail *detail, struct edge_unit *room,
                     size_t capacity, int *overflow, int64_t *floors, int64_t *given_above,
                     const struct division *d, const double *w, size_t first, size_t end,
                     int32_t lowest, int32_t top)
{
	const double low = (double)lowest, high = top <= d->last_bucket ? (double)top : INFINITY;
	vdouble sum = { 0, 0, 0, 0 };  /* exact: the floors add up to at most the total */
	vint64 up_count = { 0, 0, 0, 0 };
	size_t i, k, nedge = 0;
	for (i = first; i < end; i += LANES) {
		vdouble v, f, r, x;
		vint64 up, inside, s;
		load(&v, w, i, end);
		quota_parts(d, &v, &f, &r);
		x = r * d->to_bucket;
		up = x >= high;
		sum += f;
		up_count -= up;
		if (seats) {
			s = WHOLE(f) - up;  /* up is -1 where set */
			store(seats, i, end, &s);
		}
		if (seats && detail && detail->floor) {
			for (k = 0; k < LANES && i + k < end; k++) {
				detail->floor[i + k] = (int64_t)f[k];
				detail->remainder[i + k] = r[k] / d->W;
				detail->quota[i + k] = f[k] + detail->remainder[i + k];
			}
		}
		if (!room)
			continue;
		inside = (x >= low) & ~up & (r > 0);
		if (!ANY(inside))
			continue;
		for (k = 0; k < LANES && i + k < end; k++) {
			if (!inside[k])
				continue;
			if (nedge == capacity) {
				*overflow = 1;
				continue;
			}
			room[nedge++] = (struct edge_unit){ (uint64_t)r[k], i + k };
		}
	}
	*floors = (int64_t)SUM_LANES(sum);
	*given_above = SUM_LANES(up_count);
	return nedge;
}

PASS static size_t opv__hamilton_settle(int64_t *seats, struct opv__apportion_detail *detail,
                                        struct edge_unit *room, size_t capacity, int *overflow,
                                        int64_t *floors, int64_t *given_above,
                                        struct division division, const double *w, size_t first,
                                        size_t end, int32_t lowest, int32_t top)
{
	const struct division *d = &division; /* a copy, which no store can alias */
	/* The usual call spelled out, so that the compiler drops what it does not do. */
	if (seats && room && !detail)
		return settle(seats, NULL, room, capacity, overflow, floors, given_above, d, w, first,
		              end, lowest, top);
	return settle(seats, detail, room, capacity, overflow, floors, given_above, d, w, first, end,
	              lowest, top);
}

/* Histogram of the remainders in [lo, hi] over buckets `width` wide (whole
 * numbers, as the remainders are): floor((r - lo) / width) is exact, for
 * both are whole numbers below 2^53. */
PASS static void opv__hamilton_count_range(uint32_t *hist, struct division division,
                                           const double *w, size_t first, size_t end, double lo,
                                           double hi, double width)
{
	const struct division *d = &division;
	size_t i, k;
	for (i = first; i < end; i += LANES) {
		vdouble v, f, r, b;
		vint64 inside;
		load(&v, w, i, end);
		quota_parts(d, &v, &f, &r);
		inside = (r >= lo) & (r <= hi);
		if (!ANY(inside))
			continue;
		b = (r - lo) / width;
		for (k = 0; k < LANES && i + k < end; k++)
			if (inside[k])
				hist[(size_t)b[k]]++;
	}
}

/* Pass over w[first..end): seats = floor, plus one above the remainder v,
 * and one for the first `take` units whose remainder is v. */
PASS static void opv__hamilton_at_value(int64_t *seats, struct division division, const double *w,
                                        size_t first, size_t end, double v, size_t take)
{
	const struct division *d = &division;
	size_t i, k, taken = 0;
	for (i = first; i < end; i += LANES) {
		vdouble x, f, r;
		vint64 up, at, s;
		load(&x, w, i, end);
		quota_parts(d, &x, &f, &r);
		up = r > v;
		s = WHOLE(f) - up;
		at = r == v;
		if (taken < take && ANY(at)) {
			for (k = 0; k < LANES && i + k < end; k++) {
				if (at[k] && taken < take) {
					s[k]++;
					taken++;
				}
			}
		}
		store(seats, i, end, &s);
	}
}

/* ---- the passes in parts, one per thread ---------------------------------- */

/* Units per thread below which another thread costs more than it saves. */
#define UNITS_PER_THREAD ((size_t)1 << 17)

enum pass { SCAN, COUNT, COLLECT, WRITE, COLLECT_AND_WRITE, COUNT_RANGE, AT_VALUE };

/* A part of the units, w[first..end), and what one pass over it found. */
struct part {
	enum pass pass;
	const double *w;
	size_t first, end;
	struct division d;
	int64_t *seats;
	struct opv__apportion_detail *detail;
	struct edge_unit *edge;   /* this part's room in the shared array */
	size_t capacity;          /* and its size */
	int32_t lowest, top;      /* collect buckets [lowest, top), a seat more from top */
	uint32_t *hist;           /* this part's histogram (and its working space) */
	double sum, max;          /* SCAN */
	int ok;                   /* SCAN */
	double *sample;           /* SCAN: nsample units, or NULL */
	size_t nsample;
	int64_t floors;           /* COUNT, COLLECT, WRITE */
	size_t nedge;             /* COLLECT */
	int overflow;             /* COLLECT: more than capacity */
	int64_t above;            /* COLLECT, WRITE: units given a seat from top */
	double lo, hi, width;     /* COUNT_RANGE; AT_VALUE: lo is the value */
	size_t take;              /* AT_VALUE */
};

static void *run_part(void *arg)
{
	struct part *p = arg;
	switch (p->pass) {
	case SCAN:
		p->ok = opv__hamilton_scan(p->w, p->first, p->end, &p->sum, &p->max, p->sample, p->nsample);
		break;
	case COUNT:
		p->floors = opv__hamilton_count(p->hist, p->d, p->w, p->first, p->end);
		break;
	case COLLECT:
	case WRITE:
	case COLLECT_AND_WRITE:
		p->nedge = opv__hamilton_settle(p->pass == COLLECT ? NULL : p->seats, p->detail,
		                                p->pass == WRITE ? NULL : p->edge, p->capacity, &p->overflow,
		                                &p->floors, &p->above, p->d, p->w, p->first, p->end,
		                                p->lowest, p->top);
		break;
	case COUNT_RANGE:
		opv__hamilton_count_range(p->hist, p->d, p->w, p->first, p->end, p->lo, p->hi, p->width);
		break;
	case AT_VALUE:
		opv__hamilton_at_value(p->seats, p->d, p->w, p->first, p->end, p->lo, p->take);
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

/* Collects the boundary bucket's units, each part into its own room, and
 * closes the gaps between them; returns how many there are. */
static size_t collect(struct part *parts, unsigned nparts, struct edge_unit *edge, enum pass pass)
{
	size_t nedge = 0;
	unsigned t;
	run_pass(parts, nparts, pass);
	for (t = 0; t < nparts; t++) {
		memmove(edge + nedge, parts[t].edge, parts[t].nedge * sizeof *edge);
		nedge += parts[t].nedge;
	}
	qsort(edge, nedge, sizeof *edge, by_remainder_desc);
	return nedge;
}

/* ---- the sampled route, put together --------------------------------------- */

/* From this many units on, the sample is big enough to be worth taking. */
#define SAMPLED_MIN_UNITS ((size_t)1 << 15)

#define EDGE_BEFORE(x, y) (by_remainder_desc((x), (y)) < 0)
OPV__DEFINE_SELECT(select_edge, struct edge_unit, EDGE_BEFORE)

/* The sample's remainders counted into hist[0..buckets); returns its
 * estimate of the seats that go by remainder over all n units. */
PASS static double opv__hamilton_sample(uint32_t *hist, struct division division,
                                       const double *sample, size_t nsample, size_t n)
{
	const struct division *d = &division;
	double remainders = 0;
	size_t i, k;
	for (i = 0; i < nsample; i += LANES) {
		vdouble v, f, r;
		vint32 b;
		load(&v, sample, i, nsample);
		quota_parts(d, &v, &f, &r);
		b = __builtin_convertvector(r * d->to_bucket, vint32);
		for (k = 0; k < LANES && i + k < nsample; k++) {
			hist[b[k]]++;
			remainders += r[k];
		}
	}
	return remainders / d->W * ((double)n / (double)nsample);
}

/*
 * The fallback: the remainder of the last seat, found by narrowing its range
 * with a histogram pass at a time until it is one value v; then every unit
 * above v gets a seat, and so do the first of those at v, as many as are
 * left.  `hist` of each part holds `buckets` counters; merged as many.
 */
static void settle_by_narrowing(struct part *parts, unsigned nparts, uint32_t *merged,
                                size_t buckets, int64_t left)
{
	double lo = 0, hi = parts[0].d.W - 1, width = 0;
	int64_t above = 0, need;
	size_t b = 0, nb;
	unsigned t;
	while (left > 0 && width != 1) {
		width = floor((hi - lo + (double)buckets) / (double)buckets); /* ceil((hi - lo + 1) / buckets) */
		nb = (size_t)((hi - lo) / width) + 1;
		for (t = 0; t < nparts; t++) {
			memset(parts[t].hist, 0, nb * sizeof *parts[t].hist);
			parts[t].lo = lo;
			parts[t].hi = hi;
			parts[t].width = width;
		}
		run_pass(parts, nparts, COUNT_RANGE);
		for (b = 0; b < nb; b++)
			for (merged[b] = 0, t = 0; t < nparts; t++)
				merged[b] += parts[t].hist[b];
		/* The units with a positive remainder outnumber the seats left, so
		 * the walk stops before the remainders of 0. */
		for (b = nb - 1; b > 0 && above + (int64_t)merged[b] < left; b--)
			above += merged[b];
		lo += (double)b * width;
		hi = lo + width - 1 < hi ? lo + width - 1 : hi;
	}
	need = left - above;
	for (t = 0; t < nparts; t++) {
		/* the first `need` units at the value, in the order of the parts */
		size_t here = left > 0 ? parts[t].hist[b] : 0;
		parts[t].lo = left > 0 ? lo : parts[t].d.W; /* no remainder reaches W */
		parts[t].take = (size_t)need < here ? (size_t)need : here;
		need -= (int64_t)parts[t].take;
	}
	run_pass(parts, nparts, AT_VALUE);
}

/*
 * Settles the seats from the sample: places the window, makes the one pass,
 * ranks the window, or narrows when the sample misled.  Fails only for want
 * of memory, before anything is written.
 */
static int sampled_route(struct part *parts, unsigned nparts, uint32_t *merged,
                         const double *sample, size_t nsample, size_t n, int64_t total,
                         int64_t *seats, opv_error *err)
{
	const struct division *d = &parts[0].d;
	const double scale = (double)n / (double)nsample;
	double left_estimate, margin, counted = 0, window;
	struct edge_unit *edge;
	size_t capacity, room = 0, nedge = 0, k;
	int64_t floors = 0, above = 0, left;
	int32_t b, top = (int32_t)d->buckets, lowest = 0;
	int overflow = 0;
	unsigned t;

	memset(merged, 0, d->buckets * sizeof *merged);
	left_estimate = opv__hamilton_sample(merged, *d, sample, nsample, n);
	/* A count estimated from the sample errs by about n * sqrt(1/3 / nsample)
	 * (the seats left by remainder, and the units above a bucket): the
	 * margin is four of those and a bit. */
	margin = 2.4 * (double)n / sqrt((double)nsample) + 64;
	for (b = d->last_bucket; b >= 0 && (counted + merged[b]) * scale <= left_estimate - margin; b--) {
		counted += merged[b];
		top = b;
	}
	window = -counted;
	for (; b >= 0; b--) {
		counted += merged[b];
		lowest = b;
		if (counted * scale >= left_estimate + margin)
			break;
	}
	window = (window + counted) * scale;
	capacity = (size_t)(window * 1.25) + 4096;
	if (capacity > n)
		capacity = n;
	edge = malloc((capacity + 1024 * (size_t)nparts) * sizeof *edge);
	if (!edge)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
	for (t = 0; t < nparts; t++) {
		parts[t].edge = edge + room;
		parts[t].capacity = (size_t)((double)capacity * (double)(parts[t].end - parts[t].first) /
		                             (double)n) + 1024;
		room += parts[t].capacity;
		parts[t].lowest = lowest;
		parts[t].top = top;
	}
	run_pass(parts, nparts, COLLECT_AND_WRITE);
	for (t = 0; t < nparts; t++) {
		floors += parts[t].floors;
		above += parts[t].above;
		overflow |= parts[t].overflow;
		memmove(edge + nedge, parts[t].edge, parts[t].nedge * sizeof *edge);
		nedge += parts[t].nedge;
	}
	left = total - floors;
	if (!overflow && above <= left && (uint64_t)(left - above) <= nedge) {
		size_t need = (size_t)(left - above);
		if (need > 0 && need < nedge)
			select_edge(edge, nedge, need);
		for (k = 0; k < need; k++)
			seats[edge[k].index]++;
	} else {
		settle_by_narrowing(parts, nparts, merged, d->buckets, left);
	}
	free(edge);
	return OPV_OK;
}

int opv__hamilton_stream(int64_t *seats, const double *weights, size_t n, int64_t total,
                         opv_tie_rule ties, unsigned threads, struct opv__apportion_detail *detail,
                         opv_error *err)
{
	struct part parts[OPV__MAX_THREADS];
	struct division d;
	struct edge_unit *edge = NULL;
	uint32_t *hist = NULL, *merged;
	double W = 0, max_w = 0, *sample = NULL;
	size_t buckets, nedge = 0, room = 0, k, b, nsample = 0;
	int64_t left, above = 0, need = 0, floors = 0;
	int32_t boundary;
	unsigned nparts, t;
	int ok = 1, rc = OPV_OK;

#if FLT_EVAL_METHOD != 0
	return OPV__NOT_HANDLED; /* excess precision would break the exact arithmetic */
#endif
	if (n == 0 || n > UINT32_MAX || total <= 0 || (double)total >= TWO_50 ||
	    (detail && detail->rank))
		return OPV__NOT_HANDLED;

	nparts = n / UNITS_PER_THREAD < threads ? (unsigned)(n / UNITS_PER_THREAD) : threads;
	if (nparts < 1)
		nparts = 1;
	if (nparts > OPV__MAX_THREADS)
		nparts = OPV__MAX_THREADS;
	for (t = 0; t < nparts; t++) {
		/* parts start on a multiple of BLOCK units: whole vectors, whole
		 * cache lines, and whole blocks of the sample */
		size_t first = t == 0 ? 0 : (n / nparts * t) & ~(size_t)(BLOCK - 1);
		size_t end = t + 1 == nparts ? n : (n / nparts * (t + 1)) & ~(size_t)(BLOCK - 1);
		memset(&parts[t], 0, sizeof parts[t]);
		parts[t].w = weights;
		parts[t].first = first;
		parts[t].end = end;
		parts[t].seats = seats;
		parts[t].detail = detail;
	}
	/* With many units, the scan takes a sample for the route of one pass;
	 * without room for it, the route of two passes is taken. */
	if (ties == OPV_TIE_LOWER_INDEX && !detail && n >= SAMPLED_MIN_UNITS) {
		nsample = n / SAMPLE_STRIDE;
		sample = malloc(nsample * sizeof *sample + 1);
		for (t = 0; t < nparts && sample; t++) {
			parts[t].sample = sample;
			parts[t].nsample = nsample;
		}
	}
	run_pass(parts, nparts, SCAN);
	for (t = 0; t < nparts; t++) {
		ok &= parts[t].ok;
		W += parts[t].sum;
		max_w = parts[t].max > max_w ? parts[t].max : max_w;
	}
	if (!ok || !(W > 0) || W >= TWO_52 || (double)total * max_w >= TWO_52) {
		free(sample);
		return OPV__NOT_HANDLED;
	}

	buckets = bucket_count(n);
	d = (struct division){ (double)total, W, 1.0 / W, ((double)buckets - 0.5) / W,
	                       (int32_t)buckets - 1, buckets };
	/* four histograms per part, and the merged one */
	hist = calloc((4 * (size_t)nparts + 1) * buckets, sizeof *hist);
	if (!hist) {
		free(sample);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
	}
	merged = hist + 4 * (size_t)nparts * buckets;
	for (t = 0; t < nparts; t++) {
		parts[t].d = d;
		parts[t].hist = hist + 4 * (size_t)t * buckets;
	}
	if (sample) {
		rc = sampled_route(parts, nparts, merged, sample, nsample, n, total, seats, err);
		goto done;
	}
	run_pass(parts, nparts, COUNT);
	for (t = 0; t < nparts; t++) {
		floors += parts[t].floors;
		for (b = 0; b < buckets; b++)
			merged[b] += parts[t].hist[b];
	}

	left = total - floors;
	if (detail)
		detail->seats_by_remainder = left;
	boundary = (int32_t)buckets;
	if (left > 0) {
		/* The units with a positive remainder outnumber the seats left,
		 * since their remainders add up to `left` whole seats: the walk
		 * stops at a bucket holding at least as many of them as it needs. */
		for (boundary = d.last_bucket; boundary > 0; boundary--) {
			if (above + (int64_t)merged[boundary] >= left)
				break;
			above += merged[boundary];
		}
		need = left - above;
		edge = malloc((merged[boundary] + (size_t)1) * sizeof *edge);
		if (!edge) {
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
			goto done;
		}
		for (t = 0; t < nparts; t++) {
			parts[t].edge = edge + room;
			parts[t].capacity = parts[t].hist[boundary];
			room += parts[t].hist[boundary];
		}
	}
	for (t = 0; t < nparts; t++) {
		parts[t].lowest = boundary;
		parts[t].top = boundary + 1;
	}

	if (left == 0) {
		run_pass(parts, nparts, WRITE);
	} else if (ties == OPV_TIE_ERROR) {
		/* Find a tie before writing anything: collect, check, then write. */
		nedge = collect(parts, nparts, edge, COLLECT);
		/* A unit below the boundary bucket has a smaller remainder. */
		if ((size_t)need < nedge && edge[need - 1].remainder == edge[need].remainder) {
			rc = opv__fail(err, OPV_ETIE,
			               "units %zu and %zu tie for the last seat with equal remainders",
			               edge[need - 1].index, edge[need].index);
			goto done;
		}
		run_pass(parts, nparts, WRITE);
	} else {
		nedge = collect(parts, nparts, edge, COLLECT_AND_WRITE);
	}
	for (k = 0; k < (size_t)need; k++)
		seats[edge[k].index]++;
done:
	free(hist);
	free(edge);
	free(sample);
	return rc;
}
