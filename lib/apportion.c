/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Integer apportionment.  See opvang/apportion.h for the methods and their
 * guarantees; this file explains only how they are computed.
 *
 * Every method works on a private copy of the seats and copies it out at the
 * end, so a failure leaves the caller's array untouched.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opvang/apportion.h"
#include "apportion_internal.h"
#include "divisor_stream.h"
#include "hamilton_stream.h"
#include "error.h"
#include "versioned.h"
#include "select.h"

#define NO_UPPER INT64_MAX

/* 128-bit integers keep products of a total and a weight (both below 2^53) exact. */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* The whole problem, validated, shared by the methods. */
struct problem {
	const double *w;
	size_t n;
	int64_t total;
	opv_method method;
	opv_tie_rule ties;
	const int64_t *lower; /* NULL: all zero */
	const int64_t *upper; /* NULL: unbounded */
	double weight_sum;
	int integral;         /* every weight whole and below 2^53, sum below 2^63 */
	uint64_t integral_sum;
	int stream;           /* a divisor method without bounds: the vector passes may take it */
	double max_w;         /* with stream: the largest weight */
	size_t positive;      /* the units of positive weight */
};

static int64_t lower_of(const struct problem *p, size_t i) { return p->lower ? p->lower[i] : 0; }
static int64_t upper_of(const struct problem *p, size_t i) { return p->upper ? p->upper[i] : NO_UPPER; }

/* ---- method names -------------------------------------------------------- */

static const struct { const char *name; opv_method method; } method_names[] = {
	{ "hamilton", OPV_HAMILTON },
	{ "largest-remainder", OPV_HAMILTON },
	{ "hare", OPV_HAMILTON },
	{ "jefferson", OPV_JEFFERSON },
	{ "dhondt", OPV_JEFFERSON },
	{ "d'hondt", OPV_JEFFERSON },
	{ "webster", OPV_WEBSTER },
	{ "sainte-lague", OPV_WEBSTER },
	{ "saint-lague", OPV_WEBSTER },
	{ "adams", OPV_ADAMS },
	{ "huntington-hill", OPV_HUNTINGTON_HILL },
	{ "hill", OPV_HUNTINGTON_HILL },
};

int opv_method_from_name(opv_method *method, const char *name, opv_error *err)
{
	size_t i;
	if (!method || !name)
		return opv__fail(err, OPV_EINVAL, "method name is missing");
	for (i = 0; i < sizeof method_names / sizeof method_names[0]; i++) {
		if (strcasecmp(name, method_names[i].name) == 0) {
			*method = method_names[i].method;
			return OPV_OK;
		}
	}
	return opv__fail(err, OPV_ENOTFOUND,
	                 "unknown apportionment method '%.64s' (known: hamilton, largest-remainder, "
	                 "jefferson, dhondt, webster, sainte-lague, adams, huntington-hill)", name);
}

const char *opv_method_name(opv_method method)
{
	switch (method) {
	case OPV_HAMILTON: return "hamilton";
	case OPV_JEFFERSON: return "jefferson";
	case OPV_WEBSTER: return "webster";
	case OPV_ADAMS: return "adams";
	case OPV_HUNTINGTON_HILL: return "huntington-hill";
	}
	return NULL;
}

/* ---- ranking helpers ----------------------------------------------------- */

/*
 * A candidate for an extra seat.  `exact` orders integral remainders without
 * rounding; `key` orders everything else.  Ties go to the lower index.
 */
struct candidate {
	uint64_t exact;
	double key;
	size_t index;
};

static int by_remainder_desc(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->exact != y->exact)
		return x->exact < y->exact ? 1 : -1;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Moves the k best candidates (in by_remainder_desc order) to a[0..k), in no
 * particular order, and the next best to a[k]. */
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

static int same_remainder(const struct candidate *x, const struct candidate *y)
{
	return x->exact == y->exact && x->key == y->key;
}

/* ---- Hamilton ------------------------------------------------------------ */

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
 * compensated summation, built on Knuth's two-sum): the slope of the sweep
 * below adds and later takes away weights of any size, and a weight of 1
 * beside one of 1e20 would otherwise vanish when the 1e20 is taken away.
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

static int bounded_quotas(double *quota, const struct problem *p, opv_error *err)
{
	struct breakpoint *bp = malloc(2 * p->n * sizeof *bp + 1);
	size_t i, m = 0;
	long double constant = 0, slope = 0, lambda = 0;
	struct exact_sum weights = { 0, 0 };  /* of the units between their bounds */
	if (!bp)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu bounded quotas", p->n);
	for (i = 0; i < p->n; i++) {
		constant += (long double)lower_of(p, i);
		if (p->w[i] <= 0)
			continue;
		bp[m++] = (struct breakpoint){ (long double)lower_of(p, i) / p->w[i], i, 1 };
		if (upper_of(p, i) != NO_UPPER)
			bp[m++] = (struct breakpoint){ (long double)upper_of(p, i) / p->w[i], i, 0 };
	}
	qsort(bp, m, sizeof *bp, by_breakpoint);
	for (i = 0; i < m; i++) {
		long double value_here = constant + slope * bp[i].at;
		if (slope > 0 && value_here >= (long double)p->total)
			break;
		if (bp[i].starts) {
			constant -= (long double)lower_of(p, bp[i].index);
			exact_add(&weights, p->w[bp[i].index]);
		} else {
			exact_add(&weights, -(long double)p->w[bp[i].index]);
			constant += (long double)upper_of(p, bp[i].index);
		}
		slope = exact_value(&weights);
	}
	if (slope > 0)
		lambda = ((long double)p->total - constant) / slope;
	else if (m > 0)
		lambda = bp[m - 1].at; /* every unit at its upper bound */
	for (i = 0; i < p->n; i++) {
		long double q = lambda * p->w[i];
		if (q < lower_of(p, i) || p->w[i] <= 0)
			q = (long double)lower_of(p, i);
		if (upper_of(p, i) != NO_UPPER && q > upper_of(p, i))
			q = (long double)upper_of(p, i);
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

/*
 * Floors and remainders of the quotas, then one more seat each for the
 * `total - sum(floor)` largest remainders.  Integral weights without bounds
 * take the exact route: floor = total*w / W and remainder = total*w mod W in
 * 128-bit integers.
 */
static int hamilton(int64_t *seats, const struct problem *p, struct opv__apportion_detail *detail,
                    opv_error *err)
{
	struct candidate *cand = NULL;
	double *quota = NULL;
	size_t i, ncand = 0;
	int64_t assigned = 0, left;
	int bounded = p->lower || p->upper;
	int working = detail && detail->floor; /* quota, floor and remainder per unit */
	int ranks = detail && detail->rank;     /* and the order of the remainders */
	int rc = OPV_OK;

	cand = malloc(p->n * sizeof *cand + 1);
	if (bounded || !p->integral)
		quota = malloc(p->n * sizeof *quota + 1);
	if (!cand || ((bounded || !p->integral) && !quota)) {
		rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
		goto done;
	}

	if (bounded) {
		rc = bounded_quotas(quota, p, err);
		if (rc)
			goto done;
	} else if (!p->integral) {
		for (i = 0; i < p->n; i++)
			quota[i] = p->weight_sum > 0
			        ? (double)((long double)p->total * p->w[i] / p->weight_sum) : 0.0;
	}

	for (i = 0; i < p->n; i++) {
		struct candidate c = { 0, 0.0, i };
		if (quota) {
			double f = floor(quota[i]);
			seats[i] = (int64_t)f;
			c.key = quota[i] - f;
		} else {
			u128 product = (u128)p->total * (uint64_t)p->w[i];
			seats[i] = (int64_t)(product / p->integral_sum);
			c.exact = (uint64_t)(product % p->integral_sum);
			c.key = (double)c.exact / (double)p->integral_sum;
		}
		if (seats[i] < lower_of(p, i))
			seats[i] = lower_of(p, i);
		if (seats[i] > upper_of(p, i))
			seats[i] = upper_of(p, i);
		assigned += seats[i];
		if (working) {
			detail->floor[i] = seats[i];
			detail->remainder[i] = c.key;
			detail->quota[i] = quota ? quota[i]
			        : (double)seats[i] + c.key;
		}
		if (seats[i] < upper_of(p, i) && p->w[i] > 0)
			cand[ncand++] = c;
	}

	left = p->total - assigned;
	/* Rounding of non-integral quotas can leave the floors one seat off the
	 * exact count; the ranking still decides who moves. */
	if (left < 0 || (uint64_t)left > ncand) {
		rc = opv__fail(err, OPV_ERANGE,
		               "quotas do not add up to the total %lld (floors add up to %lld); "
		               "weights span too wide a range for double precision",
		               (long long)p->total, (long long)assigned);
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
		if (same_remainder(last, &cand[left])) {
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

/* ---- divisor methods ----------------------------------------------------- */

/* b(s): the divisor at which a unit holding s seats earns its next one. */
static double boundary(opv_method method, int64_t s)
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
static double next_priority(const struct problem *p, size_t i, int64_t s)
{
	double b = boundary(p->method, s);
	return b > 0 ? p->w[i] / b : INFINITY;
}

double opv__last_seat_priority(opv_method method, double weight, int64_t seats)
{
	double b = boundary(method, seats - 1);
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
static i128 seats_at_divisor(int64_t *seats, const struct problem *p, double d)
{
	i128 sum = 0;
	size_t i;
	if (p->stream && opv__divisor_seats_apply(p->method, d, p->max_w, p->weight_sum))
		return opv__divisor_seats(seats, NULL, p->w, p->n, p->method, d);
	for (i = 0; i < p->n; i++) {
		int64_t s = p->w[i] > 0 ? round_quotient(p->method, p->w[i] / d) : 0;
		if (s < lower_of(p, i))
			s = lower_of(p, i);
		if (s > upper_of(p, i))
			s = upper_of(p, i);
		if (seats)
			seats[i] = s;
		sum += s;
	}
	return sum;
}

/* A binary heap of (priority, index).  `max`: largest priority on top and the
 * lower index first among equals; otherwise smallest on top, higher index first. */
struct entry {
	double key;
	size_t index;
};

struct heap {
	struct entry *e;
	size_t size;
	int max;
};

/* The two orders, for the heap and for selecting its k best entries. */
#define MAX_FIRST(x, y) ((x)->key != (y)->key ? (x)->key > (y)->key : (x)->index < (y)->index)
#define MIN_FIRST(x, y) ((x)->key != (y)->key ? (x)->key < (y)->key : (x)->index > (y)->index)
OPV__DEFINE_SELECT(select_max_first, struct entry, MAX_FIRST)
OPV__DEFINE_SELECT(select_min_first, struct entry, MIN_FIRST)

static int heap_before(const struct heap *h, size_t a, size_t b)
{
	return h->max ? MAX_FIRST(&h->e[a], &h->e[b]) : MIN_FIRST(&h->e[a], &h->e[b]);
}

static void heap_swap(struct heap *h, size_t a, size_t b)
{
	struct entry t = h->e[a];
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

/*
 * The first guess of the divisor, after Pukelsheim ("Proportional
 * Representation", 2017, ch. 6): each rounding rule loses or gains about half
 * a seat per unit on average, so floor (Jefferson) starts from W / (T + m/2),
 * ceil (Adams) from W / (T - m/2) and the rounding rules from W / T, with m the
 * units of positive weight.  That leaves only a few seats, about sqrt(m), for
 * the heap to settle.
 */
static double first_divisor(const struct problem *p)
{
	double units = (double)p->positive, seats = (double)p->total;
	if (p->method == OPV_JEFFERSON)
		seats += units / 2;
	else if (p->method == OPV_ADAMS && seats > units / 2)
		seats -= units / 2;
	return seats > 0 ? p->weight_sum / seats : INFINITY;
}

/*
 * Finds a divisor whose rounded seats come within n of the total, starting
 * from first_divisor().  Bounds that bind can push that guess far off; then
 * bisect on the divisor.
 */
static double find_divisor(const struct problem *p, i128 *sum)
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
	struct entry x = { key, index };
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
static int put_in_order(int64_t *seats, const struct problem *p, opv_error *err)
{
	for (;;) {
		double best_next = -INFINITY, worst_last = INFINITY;
		size_t next_unit = SIZE_MAX, last_unit = SIZE_MAX, i;
		for (i = 0; i < p->n; i++) {
			double q;
			if (p->w[i] <= 0)
				continue;
			if (seats[i] < upper_of(p, i) && (q = next_priority(p, i, seats[i])) > best_next) {
				best_next = q;  /* the lowest index among the highest */
				next_unit = i;
			}
			if (seats[i] > lower_of(p, i) && (q = next_priority(p, i, seats[i] - 1)) <= worst_last) {
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

static int divisor_method(int64_t *seats, const struct problem *p, opv_error *err)
{
	struct heap h = { NULL, 0, 0 };
	struct shortlist list;
	i128 sum;
	double d;
	size_t i, k;
	int streamed, near = 0, rc = OPV_OK;

	d = find_divisor(p, &sum);
	streamed = p->stream && opv__divisor_seats_apply(p->method, d, p->max_w, p->weight_sum);
	k = (size_t)(sum < p->total ? p->total - sum : sum - p->total);  /* at most n */
	/* More only when no double divisor resolves the weights (some more
	 * than 2^1400 times another, the heavy ones held by their bounds):
	 * the heap would give up to 2^53 seats one at a time. */
	if (k > 2 * p->n + 1024)
		return opv__fail(err, OPV_ERANGE, "the weights are too far apart for a divisor in double "
		                 "precision to apportion %lld seats", (long long)p->total);
	h.max = sum < p->total; /* seats to award: highest first; to take back: lowest first */
	list = (struct shortlist){ &h, k, k + (k < 1024 ? 1024 : k), 0,
	                           h.max ? -INFINITY : INFINITY };
	if (list.cap > p->n)
		list.cap = p->n + 1;  /* never full: everything fits */

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

	if (sum < p->total) {
		/* Award seats one by one to the highest next-seat priority. */
		for (i = 0; i < p->n && !streamed; i++) {
			if (p->w[i] > 0 && seats[i] < upper_of(p, i))
				shortlist_push(&list, next_priority(p, i, seats[i]), i);
		}
		heap_keep_best(&h, k);
		heap_build(&h);
		for (; sum < p->total && h.size > 0; sum++) {
			size_t u = h.e[0].index;
			seats[u]++;
			if (seats[u] < upper_of(p, u)) {
				h.e[0].key = next_priority(p, u, seats[u]);
			} else {
				h.size--;
				heap_swap(&h, 0, h.size);
			}
			heap_sift_down(&h, 0);
		}
	} else if (sum > p->total) {
		/* Take back the seats won at the lowest priority. */
		for (i = 0; i < p->n && !streamed; i++) {
			if (p->w[i] > 0 && seats[i] > lower_of(p, i))
				shortlist_push(&list, next_priority(p, i, seats[i] - 1), i);
		}
		heap_keep_best(&h, k);
		heap_build(&h);
		for (; sum > p->total && h.size > 0; sum--) {
			size_t u = h.e[0].index;
			seats[u]--;
			if (seats[u] > lower_of(p, u)) {
				h.e[0].key = next_priority(p, u, seats[u] - 1);
			} else {
				h.size--;
				heap_swap(&h, 0, h.size);
			}
			heap_sift_down(&h, 0);
		}
	}
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

/* ---- validation and entry ------------------------------------------------- */

static int validate(struct problem *p, opv_error *err)
{
	size_t i;
	long double sum = 0;
	i128 lower_sum = 0, upper_sum = 0;
	uint64_t isum = 0;
	int integral = 1;

	if (p->total < 0 || p->total > OPV_APPORTION_MAX_TOTAL)
		return opv__fail(err, OPV_ERANGE, "total %lld is outside 0..2^53", (long long)p->total);
	if (p->n == 0 && p->total > 0)
		return opv__fail(err, OPV_EINVAL, "no units to apportion a total of %lld over",
		                 (long long)p->total);
	if (!p->lower && !p->upper && p->method != OPV_HAMILTON &&
	    opv__divisor_scan(p->w, p->n, &p->weight_sum, &p->max_w, &p->positive)) {
		/* Every weight is valid, and the divisor methods need only these. */
		p->stream = 1;
		integral = 0;
	}
	for (i = 0; i < p->n && !p->stream; i++) {
		double w = p->w[i];
		/* One test catches NaN, infinities and negatives on the common path. */
		if (!(w >= 0 && w <= DBL_MAX)) {
			if (isnan(w))
				return opv__fail(err, OPV_EINVAL, "weight %zu is NaN", i);
			if (isinf(w))
				return opv__fail(err, OPV_EINVAL, "weight %zu is infinite", i);
			return opv__fail(err, OPV_EINVAL, "weight %zu is negative (%g)", i, w);
		}
		p->positive += w > 0;
		/* A whole number below 2^53 converts to int64 and back unchanged. */
		if (integral && w < 9007199254740992.0 && (double)(int64_t)w == w &&
		    isum <= (uint64_t)INT64_MAX - (uint64_t)w)
			isum += (uint64_t)w;
		else
			integral = 0;
	}
	if (p->stream) {
		sum = p->weight_sum;
	} else if (integral) {
		sum = (long double)isum;
	} else {
		for (i = 0; i < p->n; i++)
			sum += p->w[i];
	}
	if (!isfinite((double)sum))
		return opv__fail(err, OPV_ERANGE, "the sum of the weights is not finite");
	p->weight_sum = (double)sum;
	p->integral = integral && isum > 0;
	p->integral_sum = isum;

	/* Without bounds there is nothing more to check: some weight is positive
	 * or the total is zero (both checked below). */
	for (i = 0; i < p->n && (p->lower || p->upper); i++) {
		int64_t lo = lower_of(p, i), hi = upper_of(p, i);
		if (lo < 0)
			return opv__fail(err, OPV_EINVAL, "lower bound of unit %zu is negative (%lld)",
			                 i, (long long)lo);
		if (hi < lo)
			return opv__fail(err, OPV_EINVAL,
			                 "upper bound of unit %zu (%lld) is below its lower bound (%lld)",
			                 i, (long long)hi, (long long)lo);
		lower_sum += lo;
		/* A unit of weight zero never rises above its lower bound. */
		upper_sum += p->w[i] > 0 ? hi : lo;
	}
	if (lower_sum > p->total)
		return opv__fail(err, OPV_ERANGE, "the lower bounds add up to more than the total %lld",
		                 (long long)p->total);
	if (sum == 0 && p->total > lower_sum)
		return opv__fail(err, OPV_EINVAL, "all weights are zero, so a total of %lld cannot be apportioned",
		                 (long long)p->total);
	if ((p->lower || p->upper) && upper_sum < p->total)
		return opv__fail(err, OPV_ERANGE,
		                 "the upper bounds of the units with positive weight add up to less than the total %lld",
		                 (long long)p->total);
	if (p->method == OPV_ADAMS || p->method == OPV_HUNTINGTON_HILL) {
		/* b(0) = 0 gives every unit of positive weight its first seat first. */
		/* Without bounds that is one seat for each unit of positive weight. */
		i128 needed = p->lower || p->upper ? 0 : (i128)p->positive;
		for (i = 0; i < p->n && (p->lower || p->upper); i++) {
			int64_t lo = lower_of(p, i);
			needed += (p->w[i] > 0 && lo < 1 && upper_of(p, i) >= 1) ? 1 : lo;
		}
		if (needed > p->total && p->total > 0)
			return opv__fail(err, OPV_ERANGE,
			                 "%s gives every unit with a positive weight a seat: a total of %lld is too small",
			                 opv_method_name(p->method), (long long)p->total);
	}
	return OPV_OK;
}

/*
 * Weights so small that the divisor (a weight over its seats) would be
 * subnormal: its few bits leave the seats at any divisor far from the total,
 * up to 2^53 seats for the heap to give one at a time, and the priorities
 * lose their order (a lone weight of 5e-324 never got its seats).  The seats
 * of a divisor method do not change when every weight is multiplied by one
 * number, and multiplying by a power of two is exact: the smallest positive
 * weight is brought to at least 2^-500, the largest to at most 2^900, into
 * the copy *scaled that the problem then reads.  Nothing to do otherwise.
 */
static int scale_tiny_weights(double **scaled, struct problem *p, opv_error *err)
{
	double min_w = INFINITY, max_w = 0;
	long double sum = 0;
	size_t i;
	int e_min, e_max, shift;
	for (i = 0; i < p->n; i++) {
		if (p->w[i] > 0 && p->w[i] < min_w)
			min_w = p->w[i];
		if (p->w[i] > max_w)
			max_w = p->w[i];
	}
	(void)frexp(min_w, &e_min);
	(void)frexp(max_w, &e_max);
	shift = -500 - e_min + 1;
	if (shift > 900 - e_max)
		shift = 900 - e_max;
	if (!(min_w < 0x1p-500 && shift > 0))
		return OPV_OK;
	*scaled = malloc(p->n * sizeof **scaled);
	if (!*scaled)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
	for (i = 0; i < p->n; i++) {
		(*scaled)[i] = ldexp(p->w[i], shift);
		sum += (*scaled)[i];
	}
	p->w = *scaled;
	p->weight_sum = (double)sum;
	p->max_w = ldexp(max_w, shift);
	return OPV_OK;
}

int opv__apportion(int64_t *seats, const double *weights, size_t n, int64_t total,
                   const opv_apportion_options *options, struct opv__apportion_detail *detail,
                   opv_error *err)
{
	opv_apportion_options defaults = OPV_APPORTION_OPTIONS_INIT;
	struct problem p;
	int64_t *work;
	double *scaled = NULL;
	unsigned threads;
	int rc;

	if (!options)
		options = &defaults;
	if (options->version < 1 || options->version > OPV_APPORTION_OPTIONS_VERSION)
		return opv__fail(err, OPV_EINVAL, "apportion options version %u is not 1 to %u",
		                 options->version, OPV_APPORTION_OPTIONS_VERSION);
	/* A version 1 struct ends before `threads`: do not read it. */
	threads = options->version >= 2 ? options->threads : 1;
	if (threads < 1 || threads > OPV_APPORTION_MAX_THREADS)
		return opv__fail(err, OPV_EINVAL, "threads %u is outside 1..%d", threads,
		                 OPV_APPORTION_MAX_THREADS);
	if (!opv_method_name(options->method))
		return opv__fail(err, OPV_EINVAL, "unknown apportionment method %d", (int)options->method);
	if (options->ties != OPV_TIE_LOWER_INDEX && options->ties != OPV_TIE_ERROR)
		return opv__fail(err, OPV_EINVAL, "unknown tie rule %d", (int)options->ties);
	if (n > 0 && (!seats || !weights))
		return opv__fail(err, OPV_EINVAL, "seats and weights must not be NULL");
	if (n > SIZE_MAX / (4 * sizeof(struct candidate)))
		return opv__fail(err, OPV_ERANGE, "too many units (%zu)", n);

	if (options->method == OPV_HAMILTON && !options->lower && !options->upper) {
		rc = opv__hamilton_stream(seats, weights, n, total, options->ties, threads, detail, err);
		if (rc != OPV__NOT_HANDLED)
			return rc;
	}

	memset(&p, 0, sizeof p);
	p.w = weights;
	p.n = n;
	p.total = total;
	p.method = options->method;
	p.ties = options->ties;
	p.lower = options->lower;
	p.upper = options->upper;
	rc = validate(&p, err);
	if (rc)
		return rc;
	if (n == 0)
		return OPV_OK;
	if (detail && p.method != OPV_HAMILTON)
		return opv__fail(err, OPV_EINVAL, "remainder details exist only for hamilton");
	if (p.method != OPV_HAMILTON && p.weight_sum > 0) {
		rc = scale_tiny_weights(&scaled, &p, err);
		if (rc)
			return rc;
	}

	/* A divisor method on the vector passes fails, if at all, before it
	 * writes a seat, unless a tie is to be reported: it may write in place. */
	if (p.stream && p.ties == OPV_TIE_LOWER_INDEX) {
		rc = divisor_method(seats, &p, err);
		free(scaled);
		return rc;
	}
	work = malloc(n * sizeof *work);
	if (!work) {
		free(scaled);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
	}
	if (p.method == OPV_HAMILTON)
		rc = hamilton(work, &p, detail, err);
	else
		rc = divisor_method(work, &p, err);
	if (rc == OPV_OK)
		memcpy(seats, work, n * sizeof *work);
	free(work);
	free(scaled);
	return rc;
}

int opv_apportion(int64_t *seats, const double *weights, size_t n, int64_t total,
                  const opv_apportion_options *options, opv_error *err)
{
	return opv__apportion(seats, weights, n, total, options, NULL, err);
}

int opv_apportion_tuned(int64_t *seats, const double *weights, size_t n, int64_t total,
                        const opv_apportion_options *options, const opv_tuning *tuning,
                        opv_error *err)
{
	opv_apportion_options tuned = OPV_APPORTION_OPTIONS_INIT;
	unsigned threads;
	int rc = opv__read_tuning(&threads, tuning, err);
	if (rc)
		return rc;
	if (options && options->version == 1)
		memcpy(&tuned, options, offsetof(opv_apportion_options, threads));
	else if (options)
		tuned = *options;
	tuned.version = OPV_APPORTION_OPTIONS_VERSION;
	if (options && (options->version < 1 || options->version > OPV_APPORTION_OPTIONS_VERSION))
		tuned.version = options->version;  /* refused below, with its number */
	tuned.threads = threads;
	return opv__apportion(seats, weights, n, total, &tuned, NULL, err);
}
