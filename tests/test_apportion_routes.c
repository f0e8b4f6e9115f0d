/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Every fast route of the apportionment engine against its reference
 * implementation (lib/apportion_internal.h lists both): identical seats and
 * identical statuses on random and adversarial inputs, at every size that
 * changes the route, on 1 to 4 threads, under both tie rules.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OPV_EXPERIMENTAL_API  /* every thread count: opv_apportion_tuned */
#include "opvang/experimental.h"
#include "testutil.h"
#include "apportion_internal.h"
#include "classes.h"
#include "divisor_stream.h"

/* splitmix64 (Steele, Lea and Flood, 2014): small and reproducible. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static double uniform(uint64_t *state)
{
	return (double)(next_random(state) >> 11) * 0x1p-53;
}

static size_t below(uint64_t *state, size_t n)
{
	return (size_t)(next_random(state) % n);
}

/* The kinds of weights: each stresses another part of the routes. */
enum kind {
	SMALL_WHOLE,     /* 1 .. 16: ties everywhere */
	WHOLE,           /* 1 .. 2^19 */
	HUGE_WHOLE,      /* up to 2^53: the exact integers beyond the vector route */
	NON_INTEGER,     /* whole numbers times (1 + u), u in [0, 1/2) */
	FEW_VALUES,      /* a pool of four non-integers: equal remainders */
	ZEROS,           /* half of them zero */
	WIDE,            /* 2^-1000 .. 2^1000 */
	TINY,            /* all below 2^-1000: the scaled quotas */
	NEAR_TIES,       /* tenths of 1 .. 16, a few ulps apart: priorities at the bar's edge */
	KINDS
};

static double weight_of(enum kind k, uint64_t *s)
{
	static const double pool[] = { 0.1, 1.0 / 3, 2.5, 7.125 };
	switch (k) {
	case SMALL_WHOLE: return (double)(1 + below(s, 16));
	case WHOLE: return (double)(1 + below(s, (size_t)1 << 19));
	case HUGE_WHOLE: return (double)(next_random(s) >> (11 + below(s, 30)));
	case NON_INTEGER: return (double)(1 + below(s, (size_t)1 << 19)) * (1 + uniform(s) / 2);
	case FEW_VALUES: return pool[below(s, 4)];
	case ZEROS: return below(s, 2) ? 0.0 : uniform(s) * 100;
	case WIDE: return ldexp(0.5 + uniform(s), (int)below(s, 2001) - 1000);
	case TINY: return ldexp(0.5 + uniform(s), -1074 + (int)below(s, 60));
	case NEAR_TIES: {
		double w = (double)(1 + below(s, 16)) * 0.1;
		int ulps = (int)below(s, 5) - 2;
		for (; ulps > 0; ulps--)
			w = nextafter(w, INFINITY);
		for (; ulps < 0; ulps++)
			w = nextafter(w, 0);
		return w;
	}
	default: return 1;
	}
}

static const char *kind_name[KINDS] = { "small whole", "whole", "huge whole", "non-integer",
                                        "few values", "zeros", "wide", "tiny", "near ties" };

struct problem {
	double *w;
	int64_t *lower, *upper;
	size_t n;
	int64_t total;
};

static void make(struct problem *p, enum kind k, size_t n, int64_t total, int bounded, uint64_t *s)
{
	size_t i;
	int64_t room = 0;
	p->n = n;
	p->w = malloc(n * sizeof *p->w + 1);
	p->lower = bounded ? malloc(n * sizeof *p->lower + 1) : NULL;
	p->upper = bounded ? malloc(n * sizeof *p->upper + 1) : NULL;
	for (i = 0; i < n; i++) {
		p->w[i] = weight_of(k, s);
		if (bounded) {
			p->lower[i] = (int64_t)below(s, 3);
			p->upper[i] = p->lower[i] + (int64_t)below(s, 2 * (size_t)(total / (int64_t)n + 2));
			room += p->w[i] > 0 ? p->upper[i] : p->lower[i];
		}
	}
	p->total = bounded && total > room ? room : total;
}

static void release(struct problem *p)
{
	free(p->w);
	free(p->lower);
	free(p->upper);
}

/* The divisor methods' fast route declines, with this, weights the heap
 * could not settle in time; the reference still settles them. */
static int documented_limit(int rc, const opv_error *err)
{
	return rc == OPV_ERANGE && strstr(err->message, "too far apart") != NULL;
}

static int problems_compared;
static int stream_handled;
/* what the routes reported on the last call compare() made */
static struct opv__trace last_trace;
/* the largest total compare() gives the divisor reference */
static int64_t divisor_total_limit = 100000;
/* how often each of opv__hamilton_stream()'s routes ran (enum opv__hamilton_route) */
static int route_taken[OPV__ROUTE_LAST + 1];

/* One problem under one method and tie rule: the reference, the dispatcher
 * on 1 .. 4 threads and, for Hamilton without bounds, the vector route
 * called directly. */
static void compare(const struct problem *p, opv_method m, opv_tie_rule ties, const char *what)
{
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	int64_t *want = malloc(p->n * sizeof *want + 1), *got = malloc(p->n * sizeof *got + 1);
	opv_error want_err = OPV_ERROR_INIT, got_err = OPV_ERROR_INIT;
	enum opv__hamilton_route route;
	struct opv__trace first = { 0 };
	int want_rc, rc;
	unsigned threads;
	size_t i;
	o.method = m;
	o.ties = ties;
	o.lower = p->lower;
	o.upper = p->upper;
	/* The divisor reference gives seats one at a time. */
	if (m != OPV_HAMILTON && p->total > divisor_total_limit)
		goto done;
	want_rc = opv__apportion_reference(want, p->w, p->n, p->total, &o, &want_err);
	/* Hamilton's vector route and the divisor methods' route of one pass
	 * split the units over threads (from 2^17 units a thread). */
	for (threads = 1; threads <= (m == OPV_HAMILTON || p->n >= (size_t)1 << 18 ? 4u : 1u);
	     threads++) {
		opv_tuning t = OPV_TUNING_INIT;
		t.threads = threads;
		memset(got, POISON_BYTE, p->n * sizeof *got);
		opv_error_clear(&got_err);
		memset(&last_trace, 0, sizeof last_trace);
		rc = opv__apportion_traced(got, p->w, p->n, p->total, &o, &t, &last_trace, &got_err);
		if (documented_limit(rc, &got_err) && want_rc == OPV_OK)
			continue;
		/* the same route on any number of threads */
		if (threads == 1)
			first = last_trace;
		else
			ck_assert_msg(last_trace.divisor == first.divisor &&
			              last_trace.divisor_missing == first.divisor_missing &&
			              last_trace.counted == first.counted &&
			              last_trace.sampled == first.sampled &&
			              last_trace.divisor_corrected == first.divisor_corrected &&
			              last_trace.divisor_ties == first.divisor_ties,
			              "%s, %s, %zu units, %u threads: route %d, missing %lld, counted %d, "
			              "corrected %d; on one thread %d, %lld, %d, %d", what,
			              opv_method_name(m), p->n, threads, last_trace.divisor,
			              (long long)last_trace.divisor_missing, last_trace.counted,
			              last_trace.divisor_corrected, first.divisor,
			              (long long)first.divisor_missing, first.counted,
			              first.divisor_corrected);
		ck_assert_msg(rc == want_rc, "%s, %s, %zu units, total %lld, %u threads: status %d (%s), "
		              "reference %d (%s)", what, opv_method_name(m), p->n, (long long)p->total,
		              threads, rc, got_err.message, want_rc, want_err.message);
		if (rc != OPV_OK) {
			ck_assert_str_eq(got_err.message, want_err.message);
			ck_assert(untouched(got, p->n * sizeof *got));
			continue;
		}
		/* one assertion per comparison: Check reports every assertion to its log */
		for (i = 0; i < p->n && got[i] == want[i]; i++)
			;
		if (i < p->n)
			ck_abort_msg("%s, %s, %zu units, total %lld, %u threads, "
			             "ties %d: unit %zu has %lld seats, the reference %lld", what,
			             opv_method_name(m), p->n, (long long)p->total, threads, (int)ties, i,
			             (long long)got[i], (long long)want[i]);
		if (m != OPV_HAMILTON || p->lower)
			continue;
		memset(got, POISON_BYTE, p->n * sizeof *got);
		rc = opv__hamilton_stream(got, p->w, p->n, p->total, ties, threads, NULL, &route, &got_err);
		if (rc == OPV__NOT_HANDLED)
			continue;
		stream_handled++;
		route_taken[route]++;
		ck_assert_int_eq(rc, want_rc);
		ck_assert(memcmp(got, want, p->n * sizeof *got) == 0);
	}
	problems_compared++;
done:
	free(want);
	free(got);
}

/* Sizes at which the routes change: tiny inputs, each histogram size from
 * 256 to 4096 buckets (n / 16), and room for 2, 3 and 4 threads of 2^17
 * units (the largest only outside valgrind, where they take minutes). */
static const size_t sizes[] = { 1, 2, 3, 7, 64, 300, 4097, 8200, 70000, (size_t)1 << 18,
                                (size_t)3 << 17, (size_t)1 << 19 };

static int64_t total_for(size_t n, int which, uint64_t *s)
{
	switch (which) {
	case 0: return (int64_t)below(s, n + 1);               /* fewer seats than units */
	case 1: return (int64_t)(n * 100 + below(s, n));       /* about 100 a unit */
	case 2: return OPV__DOUBLE_QUOTA_TOTAL - 1;            /* the last double-quota total */
	default: return OPV__DOUBLE_QUOTA_TOTAL + (int64_t)below(s, 1000); /* the first long double ones */
	}
}

START_TEST(every_route_gives_the_reference_seats)
{
	uint64_t s = 20240601u + (uint64_t)_i;
	size_t nsizes = sizeof sizes / sizeof sizes[0], z;
	enum kind k;
	if (REDUCED_WORK())
		nsizes = 8;
	for (k = 0; k < KINDS; k++) {
		for (z = 0; z < nsizes; z++) {
			size_t n = sizes[z];
			int which, bounded;
			/* a few repeats of the small sizes, where the cases differ most */
			int repeats = n < 100 ? 5 : 1;
			for (; repeats > 0; repeats--) {
				for (which = 0; which < 4; which++) {
					for (bounded = 0; bounded < 2; bounded++) {
						struct problem p;
						opv_method m;
						char what[64];
						/* the threaded sizes: one problem of each kind and total */
						if (n > 70000 && (bounded || _i > 0))
							continue;
						make(&p, k, n, total_for(n, which, &s), bounded, &s);
						snprintf(what, sizeof what, "%s%s", kind_name[k], bounded ? ", bounded" : "");
						for (m = OPV_HAMILTON; m <= OPV_HUNTINGTON_HILL; m++) {
							/* the largest sizes for the threaded route only */
							if (n > 70000 && m != OPV_HAMILTON)
								continue;
							compare(&p, m, OPV_TIE_LOWER_INDEX, what);
							compare(&p, m, OPV_TIE_ERROR, what);
						}
						release(&p);
					}
				}
			}
		}
	}
	ck_assert_int_gt(problems_compared, 500);
	ck_assert_int_gt(stream_handled, 100);
}
END_TEST

/* Hamilton's equal remainders in every bucket of the histogram: each unit's
 * weight one of a few values, so that the last seat falls among many equal
 * remainders, decided by index or failed with OPV_ETIE naming the same units. */
START_TEST(ties_at_the_boundary_match)
{
	uint64_t s = 77;
	size_t n = REDUCED_WORK() ? 5000 : 300000, i;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	int64_t t;
	for (i = 0; i < n; i++)
		p.w[i] = below(&s, 3) ? 1.5 : 0.75;
	for (t = 1; t < 5; t++) {
		p.total = (int64_t)n / 7 * t + t;
		compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "two values");
		compare(&p, OPV_HAMILTON, OPV_TIE_ERROR, "two values");
		compare(&p, OPV_JEFFERSON, OPV_TIE_LOWER_INDEX, "two values");
		compare(&p, OPV_WEBSTER, OPV_TIE_ERROR, "two values");
		/* every unit its first seat, then the ties */
		p.total += (int64_t)n;
		compare(&p, OPV_HUNTINGTON_HILL, OPV_TIE_LOWER_INDEX, "two values");
		compare(&p, OPV_HUNTINGTON_HILL, OPV_TIE_ERROR, "two values");
		compare(&p, OPV_ADAMS, OPV_TIE_ERROR, "two values");
	}
	release(&p);
}
END_TEST

/*
 * Hamilton where whole classes of units share a remainder (weights that
 * repeat), and the sample of classes.h does not see them (it finds weight
 * zero at each of its places): the boundary bucket holds one remainder, and
 * GIVE gives its seats by place, the lower index first, on 1 to 4 threads;
 * whole weights 1 to 4 (exact quotas) and 0.75 and 1.5 (quotas in double
 * precision).  Weights a hair apart fill a bucket as full with remainders
 * that differ: GIVE finds them unequal, and COLLECT_AND_WRITE writes the
 * seats again.
 */
START_TEST(hamilton_classes_by_place)
{
	uint64_t s = 4444;
	size_t n = REDUCED_WORK() ? 6000 : 40000, step = n / OPV__CLASS_SAMPLE, i;
	int by_place = route_taken[OPV__ROUTE_BY_PLACE], histogram, kind;
	int64_t t;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	for (kind = 0; kind < 2; kind++) {
		for (i = 0; i < n; i++)
			p.w[i] = i % step == step / 2 ? 0
			         : kind              ? (below(&s, 2) ? 1.5 : 0.75)
			                             : (double)(1 + below(&s, 4));
		for (t = 1; t < 4; t++) {
			p.total = (int64_t)n * t + (int64_t)below(&s, n);
			compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "classes");
			compare(&p, OPV_HAMILTON, OPV_TIE_ERROR, "classes");
		}
	}
	ck_assert_int_gt(route_taken[OPV__ROUTE_BY_PLACE] - by_place, 0);
	by_place = route_taken[OPV__ROUTE_BY_PLACE];
	histogram = route_taken[OPV__ROUTE_HISTOGRAM];
	for (i = 0; i < n; i++)
		p.w[i] = 1 + (double)i * 0x1p-40;
	p.total = (int64_t)n * 3 + (int64_t)n / 3;
	compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "a hair apart");
	ck_assert_int_eq(route_taken[OPV__ROUTE_BY_PLACE], by_place);
	ck_assert_int_gt(route_taken[OPV__ROUTE_HISTOGRAM], histogram);
	release(&p);
}
END_TEST

static int by_weight(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

/*
 * Hamilton where the sample of classes.h finds the weights' classes: the
 * last seat falls in a class, AT_CLASS writes every seat as if the sample's
 * guess of where were right, and a walk moves the seats it was off, forward
 * or back.  Whole weights 1 to 16 and 1 to 3 (exact quotas), a pool of
 * non-integers (quotas in double precision), with a tenth of them zero;
 * each in the input's order and sorted (the class's units in one run, where
 * the guess of the split is off by up to all of them); totals from fewer
 * seats than units to dozens a unit.  Where the sample puts the last seat
 * in the wrong class, the route goes on to the histogram.
 */
START_TEST(hamilton_at_class_walks_or_falls_back)
{
	static const double pool[] = { 0.1, 1.0 / 3, 2.5, 7.125, 0.6 };
	uint64_t s = 4545;
	size_t n = REDUCED_WORK() ? 6000 : 50000, i;
	int at_class = route_taken[OPV__ROUTE_AT_CLASS];
	int fallback = route_taken[OPV__ROUTE_AT_CLASS_THEN_HISTOGRAM], kind, sorted, sample, t;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	for (kind = 0; kind < 4; kind++) {
		for (sorted = 0; sorted < 2; sorted++) {
			for (i = 0; i < n; i++) {
				p.w[i] = kind == 0 ? (double)(1 + below(&s, 16))
				         : kind == 1 ? (double)(1 + below(&s, 3))
				                     : pool[below(&s, 5)];
				if (kind == 3 && below(&s, 10) == 0)
					p.w[i] = 0;
			}
			if (sorted)
				qsort(p.w, n, sizeof *p.w, by_weight);
			for (t = 0; t < 6; t++) {
				p.total = t == 0 ? (int64_t)below(&s, n) + 1
				                 : (int64_t)n * (1 + 7 * t) + (int64_t)below(&s, n);
				compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, sorted ? "classes, sorted"
				                                                      : "classes");
			}
		}
	}
	/* whole weights 1 to 3 at totals just within AT_CLASS's shorter way for
	 * exact quotas (total * 3 < 2^48), and just beyond it */
	for (i = 0; i < n; i++)
		p.w[i] = (double)(1 + below(&s, 3));
	for (t = 0; t < 3; t++) {
		p.total = ((int64_t)1 << 48) / 3 - (t == 2 ? -1 : (int64_t)below(&s, 1000));
		compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "classes, the largest exact quotas");
	}
	ck_assert_int_gt(route_taken[OPV__ROUTE_AT_CLASS] - at_class, 0);
	/* Whole weights 1 and 2, n2 of them 2, W their sum: at a total of
	 * k W + delta (2 delta < W) the floors leave delta seats, which go to
	 * the 2s first, whose remainder is twice the 1s'.  At delta = n2 - 1
	 * the last seat is the last 2's, at n2 + 1 the first 1's, and a sample
	 * that misses where by a unit or more puts it in the other class at one
	 * of the two: the walk finds too few.  Units enough that the sample
	 * does not count them all. */
	release(&p);
	n = 40000;
	p = (struct problem){ malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	for (sample = 0; sample < 2; sample++) {
		int64_t twos = 0, weight_sum = 0, delta;
		for (i = 0; i < n; i++) {
			p.w[i] = (double)(1 + below(&s, 2));
			twos += p.w[i] == 2;
			weight_sum += (int64_t)p.w[i];
		}
		for (t = 1; t <= 2; t++)
			for (delta = twos - 1; delta <= twos + 1; delta += 2) {
				p.total = t * weight_sum + delta;
				compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "classes, at their edge");
			}
	}
	ck_assert_int_gt(route_taken[OPV__ROUTE_AT_CLASS_THEN_HISTOGRAM] - fallback, 0);
	release(&p);
}
END_TEST

/* The seats rounding every quota leaves to settle, total - sum of (floor +
 * (remainder >= 1/2)), from the reference's working (asking for the ranks
 * keeps the fast route out). */
static int64_t rounding_need(const struct problem *p)
{
	struct opv__apportion_detail detail;
	int64_t *seats = malloc(p->n * sizeof *seats), need = p->total;
	opv_error err = OPV_ERROR_INIT;
	size_t i;
	detail.quota = malloc(p->n * sizeof *detail.quota);
	detail.floor = malloc(p->n * sizeof *detail.floor);
	detail.remainder = malloc(p->n * sizeof *detail.remainder);
	detail.rank = malloc(p->n * sizeof *detail.rank);
	ck_assert_int_eq(opv__apportion(seats, p->w, p->n, p->total, NULL, NULL, &detail, &err),
	                 OPV_OK);
	for (i = 0; i < p->n; i++)
		need -= detail.floor[i] + (detail.remainder[i] >= 0.5);
	free(seats);
	free(detail.quota);
	free(detail.floor);
	free(detail.remainder);
	free(detail.rank);
	return need;
}

/*
 * The two-pass route of opv__hamilton_stream() (ROUND) settles the seats
 * that rounding every quota leaves over inside a window of remainders near
 * the half, and falls back to the histogram where the window holds too few:
 * weights whose remainders are spread evenly, with seats left over on either
 * side of the half, and weights of which a fifth share one value, whose
 * remainder, away from the half, leaves thousands of seats over (which
 * the samples mostly tell, and the histogram takes from the start); and
 * weights whose remainders lean a little to one side.
 */
START_TEST(rounding_route_settles_or_falls_back)
{
	uint64_t s = 4242;
	size_t n = (size_t)1 << 17, i;
	int round_before = route_taken[OPV__ROUTE_ROUND] + route_taken[OPV__ROUTE_ROUND_SAMPLED];
	int fallback_before = route_taken[OPV__ROUTE_ROUND_THEN_HISTOGRAM];
	int sign_seen[3] = { 0, 0, 0 }, even = 0, shared = 0, tries, most = REDUCED_WORK() ? 4 : 12;
	/* evenly spread weights until rounding has left seats over on both sides
	 * of the half (at least `most` times, at most 40), then `most` with a
	 * fifth of the units sharing one weight */
	while (shared < most) {
		struct problem p;
		enum kind k = (even + shared) % 3 == 0 ? WHOLE : NON_INTEGER;
		int sharing = even >= 40 || (even >= most && sign_seen[0] && sign_seen[2]);
		double one = (double)(1 + below(&s, 1000)) * (1 + uniform(&s));
		int64_t need;
		make(&p, k, n, (int64_t)(n * 100 + below(&s, n)), 0, &s);
		if (sharing)
			for (i = 0; i < n; i += 5)
				p.w[i] = k == WHOLE ? floor(one) : one;
		need = rounding_need(&p);
		if (!sharing)
			sign_seen[need > 0 ? 2 : need < 0 ? 0 : 1]++;
		compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, sharing ? "a fifth shared" : "even");
		release(&p);
		if (sharing)
			shared++;
		else
			even++;
	}
	ck_assert_int_gt(sign_seen[0], 0);
	ck_assert_int_gt(sign_seen[2], 0);
	/* each even one on 1 to 4 threads, at the half or (where the small
	 * sample's remainders lean to one side) at a sampled threshold */
	ck_assert_int_ge(route_taken[OPV__ROUTE_ROUND] + route_taken[OPV__ROUTE_ROUND_SAMPLED] -
	                         round_before,
	                 4 * even);
	/* Cubes of uniform numbers, a third of them zero, too few for a sampled
	 * threshold (2^15): remainders a little off the even spread, which the
	 * small sample does not tell; where they leave more seats over than the
	 * even window holds, the histogram's passes write them again. */
	for (tries = 0; tries < 40 && route_taken[OPV__ROUTE_ROUND_THEN_HISTOGRAM] == fallback_before;
	     tries++) {
		struct problem p = { malloc(((size_t)1 << 15) * sizeof(double)), NULL, NULL,
		                     (size_t)1 << 15, 0 };
		for (i = 0; i < p.n; i++) {
			double u = uniform(&s);
			p.w[i] = below(&s, 3) == 0 ? 0 : u * u * u * 1000;
		}
		p.total = (int64_t)p.n * (1 + 7 * (tries % 6)) + (int64_t)below(&s, p.n);
		if (llabs(rounding_need(&p)) > 2 * (int64_t)(1.25 * sqrt((double)p.n) + 64))
			compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "cubes");
		release(&p);
	}
	ck_assert_int_gt(route_taken[OPV__ROUTE_ROUND_THEN_HISTOGRAM] - fallback_before, 0);
}
END_TEST

/*
 * ROUND at a threshold a sample puts, where remainders are not spread
 * evenly: weights log-normal (e^(3z)), spread over 2^-300 .. 2^300 (most
 * quotas a tiny part of a seat, and the seats by remainder stop far from
 * the half), and cubes of uniform numbers, a third of them zero (remainders
 * a little off the even spread, which the even window's small sample does
 * not tell, and whose window falls short: ROUND again at the sampled
 * threshold).
 */
START_TEST(hamilton_rounds_at_a_sampled_threshold)
{
	uint64_t s = 4747;
	size_t n = (size_t)1 << 17, i;
	int sampled = route_taken[OPV__ROUTE_ROUND_SAMPLED];
	int again = route_taken[OPV__ROUTE_ROUND_AGAIN], kind, t;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	for (kind = 0; kind < 3; kind++) {
		for (i = 0; i < n; i++) {
			double u = uniform(&s);
			if (kind == 0)
				p.w[i] = exp(3 * sqrt(-2 * log(u + 0x1p-60)) * cos(6.283185307179586 *
				                                                    uniform(&s)));
			else if (kind == 1)
				p.w[i] = ldexp(0.5 + u, (int)below(&s, 601) - 300);
			else
				p.w[i] = below(&s, 3) == 0 ? 0 : u * u * u * 1000;
		}
		for (t = 0; t < (kind == 2 ? 6 : REDUCED_WORK() ? 2 : 4); t++) {
			p.total = (int64_t)n * (1 + 7 * t) + (int64_t)below(&s, n);
			compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, "a sampled threshold");
		}
	}
	ck_assert_int_gt(route_taken[OPV__ROUTE_ROUND_SAMPLED] - sampled, 0);
	ck_assert_int_gt(route_taken[OPV__ROUTE_ROUND_AGAIN] - again, 0);
	release(&p);
}
END_TEST

/*
 * Whole weights from 2^52 on.  Weights below 2^52 not all whole make every
 * quota a double (hamilton.c), whole numbers from 2^52 on too; all weights
 * whole, every quota exact.  The vector route computes doubles where a
 * sample of 64 weights finds a fraction below 2^52: SCAN then neither tests
 * every weight nor looks for the largest.  Odd weights above 2^52 are not
 * such a fraction, though SCAN's test of whole numbers (exact below 2^52)
 * takes them for one: where the sample sees only those, among fractions,
 * the route may decline; among whole numbers it must, for their sum of
 * 2^58 leaves its exact quotas (below 2^52) to the reference's 128-bit
 * integers.  Either way the seats are the reference's.
 */
START_TEST(hamilton_whole_weights_from_2_52)
{
	static const char *const cases[] = { "whole weights from 2^52 among fractions",
	                                     "fractions, a sample of odd weights from 2^52",
	                                     "whole weights, a sample of odd weights from 2^52" };
	uint64_t s = 5252;
	size_t n = 8200, step = n / 64, i;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, (int64_t)n * 100 };
	int c, handled;
	for (c = 0; c < 3; c++) {
		for (i = 0; i < n; i++) {
			int sampled = i % step == step / 2 && i / step < 64;
			int huge = c == 0 ? i % 97 == 5 : sampled;
			p.w[i] = huge ? 0x1p52 + (double)(2 * below(&s, 1 << 20) + 1)
			              : weight_of(c == 2 ? WHOLE : NON_INTEGER, &s);
		}
		handled = stream_handled;
		compare(&p, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, cases[c]);
		if (c == 0)  /* on 1 .. 4 threads */
			ck_assert_int_eq(stream_handled - handled, 4);
		if (c == 2)
			ck_assert_int_eq(stream_handled - handled, 0);
	}
	release(&p);
}
END_TEST

/*
 * The one-pass route of the divisor methods settles the seats that rounding
 * at the first divisor leaves over or short among the units whose
 * priorities lie in a window around it, and falls back to the search where
 * the window holds too few: weights spread evenly, with seats left to award
 * and to take back; weights all equal with half the units due one seat
 * more, a tie no window's room holds, which its count of the priorities
 * settles (settle_ties() in divisor.c); and half the weights 1, the others
 * each a hair above, the last seats among priorities no window holds (nor
 * does rounding again at the divisor its rounding measured).
 */
START_TEST(divisor_window_settles_or_falls_back)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	uint64_t s = 5151;
	size_t n = REDUCED_WORK() ? 4000 : 20000, i;
	int per_unit = REDUCED_WORK() ? 20 : 30, most = REDUCED_WORK() ? 3 : 6, m;
	divisor_total_limit = (int64_t)(n * (size_t)per_unit + n);
	for (m = 0; m < 4; m++) {
		int seen[3] = { 0, 0, 0 }, route[OPV__DIVISOR_AT_CLASS + 1] = { 0 };
		int even = 0, shared = 0, counted = 0, tied = 0;
		while (shared < most) {
			struct problem p;
			enum kind k = (even + shared) % 3 == 0 ? WHOLE : NON_INTEGER;
			int sharing = even >= 30 || (even >= most && seen[0] && seen[2]);
			const char *what = !sharing ? "even" : shared % 2 ? "a hair apart" : "all equal";
			make(&p, k, n, (int64_t)(n * (size_t)per_unit + below(&s, n)), 0, &s);
			if (sharing) {
				for (i = 0; i < n; i++)
					p.w[i] = shared % 2 && i % 2 ? 1 + (double)i * 0x1p-40 : 1;
				p.total = (int64_t)(n * (size_t)per_unit + n / 2 + n / 4);
			}
			compare(&p, methods[m], OPV_TIE_ERROR, what);
			compare(&p, methods[m], OPV_TIE_LOWER_INDEX, what);
			route[last_trace.divisor]++;
			tied += last_trace.divisor_ties;
			counted += !sharing && last_trace.counted;
			if (!sharing && last_trace.divisor == OPV__DIVISOR_WINDOW)
				seen[last_trace.divisor_missing > 0 ? 2 : last_trace.divisor_missing < 0 ? 0 : 1]++;
			release(&p);
			if (sharing)
				shared++;
			else
				even++;
		}
		ck_assert_msg(seen[0] > 0 && seen[2] > 0, "%s: seats to take back %d times, to award %d",
		              opv_method_name(methods[m]), seen[0], seen[2]);
		ck_assert_int_ge(route[OPV__DIVISOR_WINDOW], even);
		/* all equal: one class, whose seats a walk gives (divisor_at_class_walks()) */
		ck_assert_int_eq(route[OPV__DIVISOR_AT_CLASS], shared - shared / 2);
		ck_assert_int_eq(tied, 0);
		ck_assert_int_eq(route[OPV__DIVISOR_WINDOW_THEN_SEARCH], shared / 2);
		if (methods[m] == OPV_HUNTINGTON_HILL)
			ck_assert_int_eq(counted, 0);
	}
	divisor_total_limit = 100000;
}
END_TEST

/*
 * Weights spread evenly over twenty binary orders of magnitude, 30 seats a
 * unit: over half the units have quotients below 1, where rounding is far
 * from half a seat each (Jefferson gives them none, Adams one), so the first
 * divisor leaves thousands of seats over or short, more than the window's
 * lists hold.  The sample of 1024 weights finds that (for Webster, off by
 * a few windows, it may not), and a count at the divisor it points to
 * measures what rounding adds there: no rounding is wasted.  Where the
 * weights the sample reads (every n / 1024-th) mislead it, all of 1/2 to 1,
 * the largest, with quotients of a few hundred seats spread evenly over
 * their steps, rounding measures the miss instead, and trying again at the
 * divisor that makes up for it settles the seats.
 */
static void twenty_orders(struct problem *p, int misled, uint64_t *s)
{
	size_t step = p->n / 1024, i;
	for (i = 0; i < p->n; i++)
		p->w[i] = exp2(-20 * uniform(s));
	for (i = step / 2; misled && i < p->n; i += step)
		p->w[i] = 0.5 + uniform(s) / 2;
}

START_TEST(divisor_window_corrects_its_divisor)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS };
	uint64_t s = 2718;
	size_t n = REDUCED_WORK() ? 8000 : 20000;
	int m, misled;
	divisor_total_limit = (int64_t)(31 * n);
	for (m = 0; m < 3; m++) {
		for (misled = 0; misled < 2; misled++) {
			struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n,
			                     (int64_t)(30 * n) };
			const char *what = misled ? "twenty orders, the sample misled" : "twenty orders";
			twenty_orders(&p, misled, &s);
			compare(&p, methods[m], OPV_TIE_LOWER_INDEX, what);
			ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
			if (misled) {
				ck_assert_int_eq(last_trace.counted, 0);
				ck_assert_int_ge(last_trace.divisor_corrected, 1);
			} else if (methods[m] == OPV_WEBSTER) {
				/* off by a few windows only, which the sample may not tell */
				ck_assert(last_trace.counted || last_trace.divisor_corrected >= 1);
			} else {
				ck_assert_int_eq(last_trace.counted, 1);
				ck_assert_int_eq(last_trace.divisor_corrected, 0);
			}
			compare(&p, methods[m], OPV_TIE_ERROR, what);
			release(&p);
		}
	}
	divisor_total_limit = 100000;
}
END_TEST

/*
 * Whole weights from 1 to 4: a quarter of the units shares each priority,
 * more than the window's lists have room for, and the seats stop inside
 * one such class.  A sample counts the classes, the divisor goes half a
 * window beside the priority where they reach the total, the rounding pass
 * counts the class there, and one walk settles the seats (settle_ties() in
 * divisor.c) as the one-at-a-time reference gives them, the lower index
 * first; with OPV_TIE_ERROR, the same tie.
 */
START_TEST(divisor_ties_settled_by_classes)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	uint64_t s = 1616;
	size_t n = REDUCED_WORK() ? 8000 : 20000, i;
	int m, round;
	divisor_total_limit = (int64_t)(31 * n);
	for (m = 0; m < 4; m++) {
		for (round = 0; round < 3; round++) {
			struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n,
			                     (int64_t)(30 * n + below(&s, n)) };
			for (i = 0; i < n; i++)
				p.w[i] = (double)(1 + below(&s, 4));
			compare(&p, methods[m], OPV_TIE_LOWER_INDEX, "whole 1 to 4");
			ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_AT_CLASS);
			/* where a tie must fail, the window's route counts the classes */
			compare(&p, methods[m], OPV_TIE_ERROR, "whole 1 to 4");
			ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
			ck_assert_int_eq(last_trace.divisor_ties, 1);
			release(&p);
		}
	}
	divisor_total_limit = 100000;
}
END_TEST

/*
 * The divisor methods where the weights take few values: AT_CLASS rounds at
 * a divisor half a window above the priority of the class where the seats
 * stop, gives the class's units before a split the seat there already, and
 * walks from the split, up to give the seats still missing or down to take
 * back those given too many.  Whole weights 1 to 16 and 1 to 3, a pool of
 * non-integers, a tenth of them zero, in the input's order and sorted (the
 * split off by up to the whole class).  A twin a hair above each value
 * (never at the sample's places) puts a priority beside the class's in the
 * window: the pass finds it, and the window's route follows.
 */
START_TEST(divisor_at_class_walks_or_falls_back)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	static const double pool[] = { 0.1, 1.0 / 3, 2.5, 7.125, 0.6 };
	uint64_t s = 4848;
	size_t n = REDUCED_WORK() ? 8000 : 20000, step = n / OPV__CLASS_SAMPLE, i;
	int m, kind, t, sign[3] = { 0, 0, 0 }, at_class = 0, twins = 0;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	divisor_total_limit = (int64_t)(5 * n);
	for (kind = 0; kind < 5; kind++) {
		for (i = 0; i < n; i++) {
			p.w[i] = kind == 0 ? (double)(1 + below(&s, 16))
			         : kind == 1 || kind == 4 ? (double)(1 + below(&s, 3))
			                                  : pool[below(&s, 5)];
			if (kind == 3 && below(&s, 10) == 0)
				p.w[i] = 0;
			if (kind == 4 && i % step != step / 2 && below(&s, 50) == 0)
				p.w[i] *= 1 + 0x1p-40;
		}
		if (kind == 2)
			qsort(p.w, n, sizeof *p.w, by_weight);
		for (m = 0; m < 4; m++) {
			for (t = 0; t < 2; t++) {
				p.total = (int64_t)n * (1 + 3 * t) + (int64_t)below(&s, n);
				compare(&p, methods[m], OPV_TIE_LOWER_INDEX, "classes");
				if (kind == 4) {
					twins += last_trace.divisor != OPV__DIVISOR_AT_CLASS;
					continue;
				}
				if (last_trace.divisor != OPV__DIVISOR_AT_CLASS)
					continue;
				at_class++;
				sign[last_trace.divisor_missing > 0 ? 2 : last_trace.divisor_missing < 0 ? 0 : 1]++;
			}
		}
	}
	ck_assert_int_ge(at_class, 4 * 4 * 2 / 2);
	ck_assert_msg(sign[0] > 0 && sign[2] > 0, "walked down %d times, up %d", sign[0], sign[2]);
	ck_assert_int_eq(twins, 4 * 2);
	divisor_total_limit = 100000;
	release(&p);
}
END_TEST

/*
 * The divisor methods' classes where they are half known.  A class the
 * sample undercounts, with priorities in the window on both sides (weight
 * 2723.3 at 2^18 units, each of which lies a hair from its next step and
 * its last), among whole weights 1 to 3 the sample counts well, and a
 * weight the sample never sees: the seats stop short of the big class, and
 * it must be counted on the side of the seats to award, as it is on the
 * other (or listed on both).  And weights 1 to 40, more than the sample
 * counts: lists that together overflow the room of one, on one thread or
 * over four parts alike, must take the same route on each.
 */
START_TEST(divisor_classes_half_known)
{
	size_t n = (size_t)1 << 18, i, at;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
	uint64_t s = 4040;
	int64_t total = 0;
	int j;
	if (!REDUCED_WORK()) {
		for (i = 0; i < n; i++)
			p.w[i] = (double)(1 + i % 3);
		/* two on the sample's places (every 256th from the 128th), the
		 * others beside them */
		p.w[128] = p.w[384] = 2723.3;
		for (j = 2, at = 129; j < 580; j++, at += 256)
			p.w[at] = 2723.3;
		for (j = 0, at = 130; j < 300; j++, at += 256)
			p.w[at] = 4.998;
		for (i = 0; i < n; i++)
			total += (int64_t)floor(p.w[i] / (1 - 1e-9));  /* the seats just below d = 1 */
		p.total = total + 30;
		divisor_total_limit = p.total;
		compare(&p, OPV_JEFFERSON, OPV_TIE_LOWER_INDEX, "half known");
	}
	for (i = 0; i < n; i++)
		p.w[i] = (double)(1 + below(&s, 40));
	divisor_total_limit = 200000;
	for (total = 100000; total < 200000; total += 29919) {
		p.total = total;
		compare(&p, OPV_JEFFERSON, OPV_TIE_LOWER_INDEX, "forty values");
	}
	divisor_total_limit = 100000;
	release(&p);
}
END_TEST

/*
 * opv__divisor_move(), the walk of settle_ties(), against a plain loop over
 * the units in their order, each priority w / b(s) from opv__boundary():
 * whole weights 1 to 8 (many units at each priority), seats at some
 * divisor, the bar at one of the priorities there, and a part of its class
 * to move, up from the first unit (next seats) and down from the last
 * (last seats); without classes known, and on every other round with the
 * first four weights whose priority lies at the bar or before it known
 * (struct opv__known), which the walk takes without a division.
 */
START_TEST(divisor_move_walks_in_order)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	enum { UNITS = 1003 };
	static double w[UNITS];
	static int64_t got[UNITS], want[UNITS], moved_seats[UNITS];
	uint64_t s = 88;
	int m, next, round, with_known;
	for (round = 0; round < 40; round++) {
		for (m = 0; m < 4; m++) {
			for (next = 0; next < 2; next++) {
				double d = 0.05 + uniform(&s), bar;
				int64_t before = 0, at = 0, ties, moved = 0, moves;
				size_t i, k;
				for (i = 0; i < UNITS; i++)
					w[i] = i % 11 == 0 ? 0 : (double)(1 + below(&s, 8));
				opv__divisor_seats(want, NULL, w, UNITS, methods[m], d);
				/* the bar: the priority of a unit chosen at random */
				do {
					k = below(&s, UNITS);
				} while (w[k] == 0 || (!next && want[k] == 0));
				bar = w[k] / opv__boundary(methods[m], want[k] - !next);
				for (i = 0; i < UNITS; i++) {
					double key;
					if (w[i] == 0 || (!next && want[i] == 0))
						continue;
					key = w[i] / opv__boundary(methods[m], want[i] - !next);
					before += next ? key > bar : key < bar;
					at += key == bar;
				}
				ties = 1 + (int64_t)below(&s, (size_t)at);
				moves = before + ties;
				memcpy(got, want, sizeof got);
				for (k = 0; k < UNITS && moved < moves; k++) {
					size_t u = next ? k : UNITS - 1 - k;
					double key;
					if (w[u] == 0 || (!next && want[u] == 0))
						continue;
					key = w[u] / opv__boundary(methods[m], want[u] - !next);
					if (next ? key > bar : key < bar)
						;
					else if (key == bar && ties > 0)
						ties--;
					else
						continue;
					want[u] += next ? 1 : -1;
					moved++;
				}
				ck_assert_int_eq(moved, moves);
				/* and again with the classes at and before the bar known
				 * (on every other round; their seats from the first units
				 * of each weight, which all share them) */
				for (with_known = 0; with_known < 2; with_known++) {
					struct opv__known known = { 0 };
					for (i = 0; i < UNITS && with_known && known.size < OPV__KNOWN_MOST; i++) {
						double key;
						size_t j;
						if (w[i] == 0 || (!next && got[i] == 0))
							continue;
						key = w[i] / opv__boundary(methods[m], got[i] - !next);
						for (j = 0; j < known.size && known.value[j] != w[i]; j++)
							;
						if (j < known.size || (next ? key < bar : key > bar) ||
						    round % 2)
							continue;
						known.value[known.size] = w[i];
						known.seats[known.size] = got[i];
						known.before[known.size++] = key != bar;
					}
					memcpy(moved_seats, got, sizeof got);
					ck_assert_int_eq(opv__divisor_move(moved_seats, w, UNITS, methods[m],
					                                   next, bar, moves - before, moves,
					                                   &known),
					                 moves);
					for (i = 0; i < UNITS && moved_seats[i] == want[i]; i++)
						;
					ck_assert_msg(i == UNITS,
					              "%s, %s, %zu known: unit %zu has %lld seats, the loop %lld",
					              opv_method_name(methods[m]), next ? "next" : "last",
					              known.size, i, (long long)moved_seats[i],
					              (long long)want[i]);
				}
			}
		}
	}
}
END_TEST

/*
 * Huntington-Hill's first divisor comes from sums the scan makes around a
 * guess of the divisor from a sample of the weights; where the sample
 * misleads (every unit it reads weighs 1, the others about 2^18), a count
 * measures instead, and either way the window settles the seats.  One unit
 * of half the weight has a quotient near the total, whose every step lies
 * within the window's reach.
 */
START_TEST(hill_first_divisor_from_sums_or_count)
{
	uint64_t s = 777;
	size_t n = REDUCED_WORK() ? 30000 : 60000, step = n / 1024, i;
	int misled;
	divisor_total_limit = (int64_t)(40 * n);
	for (misled = 0; misled < 2; misled++) {
		struct problem p;
		make(&p, NON_INTEGER, n, (int64_t)(30 * n), 0, &s);
		for (i = step / 2; i < n && misled; i += step)
			p.w[i] = 1;
		compare(&p, OPV_HUNTINGTON_HILL, OPV_TIE_LOWER_INDEX, misled ? "misled" : "spread");
		ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
		ck_assert_int_eq(last_trace.counted, misled);
		/* half the weight on one unit */
		p.w[n / 3] = 0;
		for (i = 0; i < n; i++)
			p.w[n / 3] += p.w[i];
		compare(&p, OPV_HUNTINGTON_HILL, OPV_TIE_LOWER_INDEX, "half on one");
		ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
		release(&p);
	}
	/* Weights over twenty binary orders: the sample's mean, which puts the
	 * split, is off by some 8% of itself (one standard deviation of 2^-20u
	 * is 2.4 times its mean, over sqrt(1024)), more than 1/48: the scan
	 * leaves the sums out, and the count measures. */
	{
		struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, (int64_t)(30 * n) };
		struct opv__hill_sums h;
		for (i = 0; i < n; i++)
			p.w[i] = exp2(-20 * uniform(&s));
		opv__divisor_hill_guess(&h, p.w, n, p.total);
		ck_assert(h.split == 0);
		compare(&p, OPV_HUNTINGTON_HILL, OPV_TIE_LOWER_INDEX, "twenty orders");
		ck_assert_int_eq(last_trace.counted, 1);
		/* and whole numbers 1 .. 4 plus a fraction: 1.2%, within it */
		for (i = 0; i < n; i++)
			p.w[i] = (double)(1 + below(&s, 4)) + uniform(&s);
		opv__divisor_hill_guess(&h, p.w, n, p.total);
		ck_assert(h.split > 0);
		release(&p);
	}
	divisor_total_limit = 100000;
}
END_TEST

/*
 * Where the sample of 1024 weights finds the first divisor far off, whole
 * blocks of 1024 units spread over the input measure what rounding adds
 * (sampled_divisor() in divisor.c) in place of a count, as many as a unit's
 * spread asks, at most half of them: log-normal weights (e^(3z)), 5 seats a
 * unit, whose quotients span orders of magnitude.  Rounding then leaves no
 * more than the window holds, or rounds once more: at this size, over 100
 * seeds, Adams and Huntington-Hill about one call in eight, D'Hondt one
 * in twenty, Webster one in fifty.  Then blocks laid out against the sample,
 * log-normal and whole numbers 1 .. 4 plus a fraction in turns, where
 * whatever the sample finds, the seats are the reference's.
 */
START_TEST(divisor_first_from_blocks)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	uint64_t s = 9191;
	size_t n = (size_t)1 << 18, i;
	int m, layout;
	struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, (int64_t)(5 * n) };
	divisor_total_limit = p.total;
	for (layout = 0; layout < 2; layout++) {
		for (i = 0; i < n; i++) {
			double u = uniform(&s), v = uniform(&s);
			p.w[i] = layout && i / 1024 % 2 ? (double)(1 + below(&s, 4)) + u
			                                  : exp(3 * sqrt(-2 * log(u + 0x1p-60)) *
			                                        cos(6.283185307179586 * v));
		}
		for (m = 0; m < 4; m++) {
			compare(&p, methods[m], OPV_TIE_LOWER_INDEX,
			        layout ? "blocks in turns" : "log-normal");
			if (layout)
				continue;
			ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
			ck_assert_int_gt(last_trace.sampled, 0);
			ck_assert_int_eq(last_trace.counted, 0);
			ck_assert_int_le(last_trace.divisor_corrected, 1);
		}
	}
	release(&p);
	divisor_total_limit = 100000;
}
END_TEST

/*
 * The divisor methods' route of one pass on 1 to 4 threads (compare() runs
 * each from 2^18 units): the parts' lists joined give the seats of one.  The
 * weights are whole numbers 1 .. 4 plus an even fraction, and the total puts
 * the first divisor (first_divisor() in divisor.c: W / (T + m/2) for
 * Jefferson, W / (T - m/2) for Adams, W / T else) at about 1, so that the
 * quotients' places within their steps spread evenly and rounding misses
 * only about sqrt(m / 12) seats, which the window covers.  Then weights
 * over twenty binary orders, where a count, or the route's tries again,
 * settle them.
 */
START_TEST(divisor_window_on_threads)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_HUNTINGTON_HILL, OPV_WEBSTER,
	                                      OPV_ADAMS };
	uint64_t s = 4242;
	size_t n = REDUCED_WORK() ? (size_t)1 << 18 : (size_t)3 << 17, i;
	int m, most = REDUCED_WORK() ? 2 : 4;
	divisor_total_limit = (int64_t)(5 * n);
	for (m = 0; m < most; m++) {
		struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, 0 };
		double sum = 0, shift = 0;
		for (i = 0; i < n; i++) {
			p.w[i] = (double)(1 + below(&s, 4)) + uniform(&s);
			sum += p.w[i];
		}
		if (methods[m] == OPV_JEFFERSON)
			shift = -(double)n / 2;
		else if (methods[m] == OPV_ADAMS)
			shift = (double)n / 2;
		p.total = (int64_t)llround(sum + shift);
		compare(&p, methods[m], OPV_TIE_LOWER_INDEX, "threads");
		ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
		release(&p);
	}
	/* and its sample of blocks (divisor_first_from_blocks), and its tries
	 * again (divisor_window_corrects_its_divisor) */
	for (m = 0; m < 2; m++) {
		struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n, (int64_t)(5 * n) };
		twenty_orders(&p, m, &s);
		compare(&p, OPV_ADAMS, OPV_TIE_LOWER_INDEX, "threads, twenty orders");
		ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
		ck_assert_int_eq(last_trace.sampled > 0, !m);
		ck_assert_int_eq(last_trace.counted, 0);
		ck_assert_int_eq(last_trace.divisor_corrected >= 1, m);
		release(&p);
	}
	/* and its classes (divisor_ties_settled_by_classes): each part counts
	 * them, and one walk over all parts gives their seats; AT_CLASS: each
	 * part rounds them about the split, and one walk from it */
	for (m = 0; m < 2; m++) {
		struct problem p = { malloc(n * sizeof(double)), NULL, NULL, n,
		                     (int64_t)(4 * n + below(&s, n)) };
		for (i = 0; i < n; i++)
			p.w[i] = (double)(1 + below(&s, 4));
		compare(&p, methods[m], OPV_TIE_ERROR, "threads, whole 1 to 4");
		ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_WINDOW);
		ck_assert_int_eq(last_trace.divisor_ties, 1);
		compare(&p, methods[m], OPV_TIE_LOWER_INDEX, "threads, whole 1 to 4");
		ck_assert_int_eq(last_trace.divisor, OPV__DIVISOR_AT_CLASS);
		release(&p);
	}
	divisor_total_limit = 100000;
}
END_TEST

/*
 * The scan of the divisor methods on 1 to 4 threads: the same findings to
 * the bit (the sum too, which is rounded in an order of its own), and each
 * what a plain loop finds: the count, largest and smallest positive weight
 * exactly; the sum and Huntington-Hill's sum below the split within n
 * roundings of the long double sum; the units below the split exactly; the
 * sum of 1 / v within 0.3% plus the sampling's spread (an eighth of the
 * blocks, terms in (0, 1]: 8 sqrt(n) is six standard deviations).  With the
 * sums below the split sampled too, those within 4 sqrt(7 n) (over four
 * standard deviations) of the plain loop's.
 */
static int same_sums(const struct opv__hill_sums *a, const struct opv__hill_sums *b)
{
	return a->split == b->split && a->below == b->below && a->below_sum == b->below_sum &&
	       a->above_inverse == b->above_inverse;
}

START_TEST(divisor_scan_on_threads)
{
	size_t n = ((size_t)5 << 17) + 5000, i, small = 0, positive = 0;
	double *w = malloc(n * sizeof *w), max = 0, low = INFINITY, few[3] = { 2, 0, 1.75 };
	long double sum = 0, below_sum = 0, inverse = 0;
	uint64_t s = 99;
	struct opv__divisor_scan one, got;
	struct opv__hill_sums h1, h;
	unsigned threads;
	for (i = 0; i < n; i++)
		w[i] = i % 97 == 0 ? 0 : (double)(1 + below(&s, 1000)) * (1 + uniform(&s));
	h1.split = 700;
	h1.sample_below = 0;
	ck_assert(opv__divisor_scan(w, n, &h1, 1, &one));
	for (i = 0; i < n; i++) {
		sum += w[i];
		positive += w[i] > 0;
		max = w[i] > max ? w[i] : max;
		low = w[i] > 0 && w[i] < low ? w[i] : low;
		if (w[i] > 0 && w[i] < 700) {
			small++;
			below_sum += w[i] / 700.0L;
		} else if (w[i] >= 700) {
			inverse += 700.0L / w[i];
		}
	}
	ck_assert_uint_eq(one.positive, positive);
	ck_assert(one.max == max && one.min_positive == low);
	ck_assert(fabsl(one.sum - sum) <= sum * (long double)n * DBL_EPSILON);
	ck_assert_msg(h1.below == (double)small, "below %g, a plain loop %zu", h1.below, small);
	ck_assert(fabsl(h1.below_sum - below_sum) <= below_sum * (long double)n * DBL_EPSILON);
	ck_assert_msg(fabsl(h1.above_inverse - inverse) <= 0.003L * inverse + 8 * sqrt((double)n),
	              "sum of 1 / v %g, a plain loop %Lg", h1.above_inverse, inverse);
	for (threads = 2; threads <= 4; threads++) {
		h.split = 700;
		h.sample_below = 0;
		ck_assert(opv__divisor_scan(w, n, &h, threads, &got));
		ck_assert(memcmp(&got, &one, sizeof got) == 0);
		ck_assert(same_sums(&h, &h1));
	}
	for (threads = 1; threads <= 4; threads++) {
		struct opv__hill_sums sampled = { 700, 1, 0, 0, 0 };
		ck_assert(opv__divisor_scan(w, n, &sampled, threads, &got));
		ck_assert(memcmp(&got, &one, sizeof got) == 0);
		ck_assert(sampled.above_inverse == h1.above_inverse);
		ck_assert_msg(fabs(sampled.below - (double)small) <= 4 * sqrt(7.0 * (double)n) &&
		              fabsl(sampled.below_sum - below_sum) <= 4 * sqrt(7.0 * (double)n),
		              "sampled: below %g, sum %g; a plain loop %zu, %Lg", sampled.below,
		              sampled.below_sum, small, below_sum);
		if (threads == 1)
			h = sampled;
		else
			ck_assert(same_sums(&sampled, &h));
	}
	/* none, and fewer than a block: one part on any number of threads */
	for (threads = 1; threads <= 4; threads++) {
		ck_assert(opv__divisor_scan(w, 0, NULL, threads, &got));
		ck_assert(got.sum == 0 && got.positive == 0 && got.max == 0);
		ck_assert(opv__divisor_scan(few, 3, NULL, threads, &got));
		ck_assert(got.sum == 3.75 && got.positive == 2 && got.max == 2 && got.min_positive == 1.75);
	}
	/* a negative weight in the last part, a NaN in the first: refused on any */
	for (threads = 1; threads <= 4; threads++) {
		w[n - 2] = -1;
		ck_assert(!opv__divisor_scan(w, n, NULL, threads, &got));
		w[n - 2] = 1;
		w[3] = NAN;
		ck_assert(!opv__divisor_scan(w, n, NULL, threads, &got));
		w[3] = 1;
	}
	free(w);
}
END_TEST

/*
 * The divisor methods' rounding of one pass (opv__divisor_round()) at a
 * fixed divisor, its quotients put on and a few ulps either side of every
 * step of the rounding, of every whole number and half (where Huntington-
 * Hill's quick rounding turns), and of where a step's priority meets the
 * window's bars: the seats, their sum and *near are those of
 * opv__divisor_seats(), and each window list holds the units whose
 * priority, computed as the scalar rule computes it (opv__boundary()),
 * lies in the window, in their order.  A wide window (1/64) brings units
 * with large quotients into reach of the step after next.  Each case runs
 * with and without a quotient whose square underflows (which keeps its
 * first seat), the two ways Huntington-Hill's quick rounding is compiled.
 */
static void check_window_list(const struct opv__priority_list *got, const double *w,
                              const int64_t *seats, size_t n, opv_method m, double bar, int next,
                              const char *what)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		double key;
		if (!(w[i] > 0) || (!next && seats[i] == 0))
			continue;
		key = next ? w[i] / opv__boundary(m, seats[i])
		           : opv__last_seat_priority(m, w[i], seats[i]);
		if (next ? !(key >= bar) : !(key <= bar))
			continue;
		ck_assert_msg(k < got->count && got->e[k].index == i && got->e[k].key == key,
		              "%s, %s list: unit %zu (weight %.17g, %lld seats, priority %.17g) "
		              "is entry %zu of %zu", what, next ? "next" : "last", i, w[i],
		              (long long)seats[i], key, k, got->count);
		k++;
	}
	ck_assert_msg(k == got->count, "%s, %s list: %zu entries, %zu in the window", what,
	              next ? "next" : "last", got->count, k);
}

/*
 * opv__divisor_round() with a class of units known to lie in the window
 * (struct opv__known): whole weights 1 to 8, the divisor half a window
 * above or below the priority of weight 3 at 19 seats, so that its units
 * lie in the next seats' list or the last's.  The pass counts them, lists
 * every other unit as without them, and rounds the same.
 */
START_TEST(divisor_round_counts_known_classes)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	enum { UNITS = 4096, ROOM = 4096 };
	static double w[UNITS];
	static int64_t plain[UNITS], seats[UNITS];
	static struct opv__priority e[4 * ROOM];
	const double delta = 1.0 / 1024;
	uint64_t s = 321;
	size_t i, k;
	int m, side;
	for (i = 0; i < UNITS; i++)
		w[i] = (double)(1 + below(&s, 8));
	for (m = 0; m < 4; m++) {
		for (side = 0; side < 2; side++) {  /* 1: the next seats' list */
			double key = 3 / opv__boundary(methods[m], 19);
			double d = side ? key * (1 + delta / 2) : key * (1 - delta / 2);
			struct opv__priority_list next = { .e = e, .cap = ROOM },
			                          last = { .e = e + ROOM, .cap = ROOM },
			                          known_next = { .e = e + 2 * ROOM, .cap = ROOM / 2 },
			                          known_last = { .e = e + 3 * ROOM, .cap = ROOM / 2 };
			const struct opv__priority_list *all = side ? &next : &last,
			                                *rest = side ? &known_next : &known_last;
			struct opv__known known = { 0 };
			int near, known_near;
			int64_t sum, known_sum, units = 0;
			known.size = 1;
			known.value[0] = 3;
			known.seats[0] = side ? 19 : 20;
			sum = opv__divisor_round(plain, &near, w, UNITS, methods[m], d, 1, delta, &next,
			                         &last, NULL);
			known_sum = opv__divisor_round(seats, &known_near, w, UNITS, methods[m], d, 1,
			                               delta, &known_next, &known_last, &known);
			ck_assert_int_eq(known_sum, sum);
			ck_assert_int_eq(known_near, near);
			ck_assert(memcmp(seats, plain, sizeof seats) == 0);
			for (i = 0; i < UNITS; i++)
				units += w[i] == 3 && plain[i] == known.seats[0];
			ck_assert_int_gt(units, 0);
			ck_assert_int_eq(known.count[0], units);
			/* the list without the class: the list with it, less its units */
			ck_assert_msg(all->count <= all->cap && rest->count + (size_t)units == all->count,
			              "%s, %s list: %zu listed, %zu with %lld units known",
			              opv_method_name(methods[m]), side ? "next" : "last", all->count,
			              rest->count, (long long)units);
			for (i = 0, k = 0; i < all->count; i++) {
				if (w[all->e[i].index] == 3)
					continue;
				ck_assert(k < rest->count && rest->e[k].index == all->e[i].index &&
				          rest->e[k].key == all->e[i].key);
				k++;
			}
			ck_assert_int_eq(k, rest->count);
			/* and the list on the other side, which the class is not in */
			ck_assert_int_eq((side ? &known_last : &known_next)->count,
			                 (side ? &last : &next)->count);
		}
	}
}
END_TEST

/* Room for the units of rounding_at_its_steps(): 2 + 300 * 5 * 9 at most. */
#define STEP_UNITS 20000

static void rounding_at_its_steps(opv_method m, double d, double delta, int tiny, double *w,
                                  int64_t *seats, int64_t *want, struct opv__priority *e)
{
	struct opv__priority_list next = { .e = e, .cap = STEP_UNITS },
	                          last = { .e = e + STEP_UNITS, .cap = STEP_UNITS };
	double min_w = INFINITY;
	int near = -1, want_near = -1;
	int64_t sum, want_sum, u;
	size_t n = 0, i;
	char what[96];
	w[n++] = 0;
	if (tiny)  /* a quotient whose square underflows */
		w[n++] = d * 0x1p-990 >= DBL_MIN ? d * 0x1p-990 : d * 0x1p-900;
	for (u = 0; u < 300; u++) {
		/* the step, the whole number, the half, and where the step's
		 * priority meets either bar */
		double at[5], x;
		int j, k;
		at[0] = opv__boundary(m, u);
		at[1] = (double)u;
		at[2] = (double)u + 0.5;
		at[3] = at[0] * (1 - delta);
		at[4] = at[0] * (1 + delta);
		for (j = 0; j < 5; j++) {
			if (at[j] == 0)
				continue;  /* zero is above */
			x = d * at[j];
			for (k = 0; k < 4; k++)
				x = nextafter(x, 0);
			for (k = 0; k < 9; k++, x = nextafter(x, INFINITY))
				w[n++] = x;
		}
	}
	for (i = 0; i < n; i++)
		if (w[i] > 0 && w[i] < min_w)
			min_w = w[i];
	snprintf(what, sizeof what, "%s at divisor %g, window %g%s", opv_method_name(m), d, delta,
	         tiny ? ", a tiny quotient" : "");
	ck_assert(opv__divisor_round_apply(m, d, min_w));
	want_sum = opv__divisor_seats(want, &want_near, w, n, m, d);
	sum = opv__divisor_round(seats, &near, w, n, m, d, min_w, delta, &next, &last, NULL);
	for (i = 0; i < n && seats[i] == want[i]; i++)
		;
	ck_assert_msg(i == n, "%s: unit %zu (weight %.17g) %lld seats, %lld wanted", what, i,
	              i < n ? w[i] : 0, (long long)(i < n ? seats[i] : 0),
	              (long long)(i < n ? want[i] : 0));
	ck_assert_int_eq(sum, want_sum);
	ck_assert_int_eq(near, want_near);
	check_window_list(&next, w, want, n, m, d * (1 - delta), 1, what);
	check_window_list(&last, w, want, n, m, d * (1 + delta), 0, what);
}

START_TEST(divisor_rounding_at_its_steps)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	static const double divisors[] = { 1, 3.7, 0x1p-30 * 5.3 };
	static const double deltas[] = { 0x1p-20, 1.0 / 64 };
	double *w = malloc(STEP_UNITS * sizeof *w);
	int64_t *seats = malloc(STEP_UNITS * sizeof *seats), *want = malloc(STEP_UNITS * sizeof *want);
	struct opv__priority *e = malloc(2 * STEP_UNITS * sizeof *e);
	int mi, di, wi, tiny;
	for (mi = 0; mi < 4; mi++)
		for (di = 0; di < 3; di++)
			for (wi = 0; wi < 2; wi++)
				for (tiny = 0; tiny < 2; tiny++)
					rounding_at_its_steps(methods[mi], divisors[di], deltas[wi], tiny, w,
					                      seats, want, e);
	free(w);
	free(seats);
	free(want);
	free(e);
}
END_TEST

/*
 * The count pass, whose sum puts the divisor where rounding will reach the
 * total: the sum of the method's rounding at d, for weights with zeros,
 * quotients whose squares underflow, whole numbers, and numbers of units
 * that fill no whole vector pair; where a quotient lies near a step
 * (rounding says so) they may differ, and none does here.
 */
START_TEST(divisor_count_matches_rounding)
{
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS,
	                                      OPV_HUNTINGTON_HILL };
	/* the last on three threads (2^17 units a thread at the least) */
	static const size_t lengths[] = { 1, 7, 9, 1001, ((size_t)3 << 17) + 5 };
	const size_t most = ((size_t)3 << 17) + 5;
	uint64_t s = 31337;
	double *w = malloc(most * sizeof *w);
	int64_t *seats = malloc(most * sizeof *seats);
	size_t si, i;
	int m, kind;
	for (kind = 0; kind < 3; kind++) {
		for (si = 0; si < 5; si++) {
			size_t n = lengths[si];
			for (i = 0; i < n; i++) {
				double u = uniform(&s);
				w[i] = kind == 0 ? 1 + 99 * u : kind == 1 ? (double)(1 + below(&s, 16))
				                                          : ldexp(0.5 + u, (int)below(&s, 601) - 300);
				if (i % 3 == 1)
					w[i] = 0;
			}
			for (m = 0; m < 4; m++) {
				double d = kind == 2 ? 0x1p280 : 0.37;
				int near = 0;
				unsigned threads = n == most ? 3 : 1;
				int64_t exact = opv__divisor_seats(seats, &near, w, n, methods[m], d);
				int64_t counted = opv__divisor_count(w, n, methods[m], d, threads);
				ck_assert(!near);
				ck_assert_msg(counted == exact, "%s, kind %d, %zu units: %lld seats, counted %lld",
				              opv_method_name(methods[m]), kind, n, (long long)exact,
				              (long long)counted);
			}
		}
	}
	free(w);
	free(seats);
}
END_TEST

/* Huntington-Hill's first seat for a weight whose quotient squared
 * underflows to 0 (2^600 beside 1): the reference gives it, so must the
 * one-pass route. */
START_TEST(tiny_quotient_keeps_its_first_seat)
{
	struct problem p = { calloc(32, sizeof(double)), NULL, NULL, 32, 10000 };
	p.w[0] = 0x1p600;
	p.w[16] = 1;
	compare(&p, OPV_HUNTINGTON_HILL, OPV_TIE_LOWER_INDEX, "2^600 beside 1");
	compare(&p, OPV_ADAMS, OPV_TIE_LOWER_INDEX, "2^600 beside 1");
	release(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("apportion_routes");
	TCase *tc = tcase_create("routes");
	tcase_set_timeout(tc, 1200);
	tcase_add_loop_test(tc, every_route_gives_the_reference_seats, 0, 2);
	tcase_add_test(tc, ties_at_the_boundary_match);
	tcase_add_test(tc, hamilton_classes_by_place);
	tcase_add_test(tc, hamilton_at_class_walks_or_falls_back);
	tcase_add_test(tc, rounding_route_settles_or_falls_back);
	tcase_add_test(tc, hamilton_rounds_at_a_sampled_threshold);
	tcase_add_test(tc, hamilton_whole_weights_from_2_52);
	tcase_add_test(tc, divisor_window_settles_or_falls_back);
	tcase_add_test(tc, divisor_rounding_at_its_steps);
	tcase_add_test(tc, tiny_quotient_keeps_its_first_seat);
	tcase_add_test(tc, divisor_count_matches_rounding);
	tcase_add_test(tc, divisor_window_corrects_its_divisor);
	tcase_add_test(tc, divisor_ties_settled_by_classes);
	tcase_add_test(tc, divisor_at_class_walks_or_falls_back);
	tcase_add_test(tc, divisor_move_walks_in_order);
	tcase_add_test(tc, divisor_classes_half_known);
	tcase_add_test(tc, divisor_round_counts_known_classes);
	tcase_add_test(tc, hill_first_divisor_from_sums_or_count);
	tcase_add_test(tc, divisor_window_on_threads);
	tcase_add_test(tc, divisor_first_from_blocks);
	tcase_add_test(tc, divisor_scan_on_threads);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
