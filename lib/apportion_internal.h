/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The apportionment engine's parts, internal.  apportion.c reads the options,
 * validates and picks a route; each method has a reference implementation
 * that states the method plainly and fast routes that must give the same
 * seats and statuses (tests/test_apportion_routes.c compares them):
 *
 *   Hamilton         hamilton.c          opv__hamilton_reference()
 *                    hamilton_stream.c   opv__hamilton_stream()   (no bounds)
 *   divisor methods  divisor.c           opv__divisor_reference()
 *                    divisor.c           opv__divisor_fast()      (divisor_stream.c's passes:
 *                                        one with a window, its ties counted and walked,
 *                                        or a search and a shortlist)
 */
#ifndef OPV_LIB_APPORTION_INTERNAL_H
#define OPV_LIB_APPORTION_INTERNAL_H

#include "divisor_stream.h"  /* struct opv__hill_sums */
#include "opvang/apportion.h"
#include "versioned.h"  /* opv_tuning */

/* Hamilton's working per unit (arrays of n, caller-owned).  quota, floor and
 * remainder are given together or not at all; rank, the costly one (a sort),
 * only with them.  seats_by_remainder is always filled. */
struct opv__apportion_detail {
	double *quota;       /* the (bounded) quota */
	int64_t *floor;      /* its floor, clamped to the bounds */
	double *remainder;   /* quota - floor */
	int64_t *rank;       /* 1-based place in the remainder order; 0: not a candidate */
	int64_t seats_by_remainder; /* how many seats went by remainder (ranks 1..this won) */
};

/* opv_apportion_tuned(), filling `detail` when it is not NULL (Hamilton only). */
int opv__apportion(int64_t *seats, const double *weights, size_t n, int64_t total,
                   const opv_apportion_options *options, const opv_tuning *tuning,
                   struct opv__apportion_detail *detail, opv_error *err);

/* Which of the fast routes ran, for the tests to see each run. */
enum opv__divisor_route {
	OPV__DIVISOR_SEARCH = 1,        /* find_divisor(), then the shortlist */
	OPV__DIVISOR_WINDOW,            /* one pass and its window */
	OPV__DIVISOR_WINDOW_THEN_SEARCH, /* the window held too few units: both */
	OPV__DIVISOR_AT_CLASS           /* classes: one pass with a split, and a walk */
};

struct opv__trace {
	int divisor;             /* enum opv__divisor_route, 0 where none ran */
	int64_t divisor_missing; /* the window's route and AT_CLASS: total - the seats rounding gave */
	int counted;             /* the first divisor from a count (measured_divisor()) */
	int sampled;             /* blocks of a sample that measured it (sampled_divisor()), or 0 */
	int divisor_corrected;   /* times the window's route rounded again, at a measured divisor */
	int divisor_ties;        /* settle_ties() moved the seats: lists out of room, or classes counted */
};

/* opv__apportion() with what the routes report into *trace. */
int opv__apportion_traced(int64_t *seats, const double *weights, size_t n, int64_t total,
                          const opv_apportion_options *options, const opv_tuning *tuning,
                          struct opv__trace *trace, opv_error *err);

/* The same problem solved by the reference implementations only, on one
 * thread: what every fast route is held to. */
int opv__apportion_reference(int64_t *seats, const double *weights, size_t n, int64_t total,
                             const opv_apportion_options *options, opv_error *err);

/* w / b(seats - 1): the priority at which a unit won its last seat under a
 * divisor method (infinite for a first seat under Adams or Huntington-Hill). */
double opv__last_seat_priority(opv_method method, double weight, int64_t seats);

/* ---- between apportion.c and the routes ----------------------------------- */

#define OPV__NO_UPPER INT64_MAX

/* Returned by a fast route for a problem it does not handle exactly; it has
 * then touched neither the seats nor the error, and the reference must take it. */
#define OPV__NOT_HANDLED 1

/* The whole problem, validated (opv__validate), as the routes read it. */
struct opv__problem {
	const double *w;
	size_t n;
	int64_t total;
	opv_method method;
	opv_tie_rule ties;
	const int64_t *lower;  /* NULL: all zero */
	const int64_t *upper;  /* NULL: unbounded */
	double weight_sum;     /* divisor methods: their sum, rounded */
	int integral;          /* every weight whole and below 2^53, sum below 2^63 and positive */
	uint64_t integral_sum;
	size_t positive;       /* the units of positive weight */
	int stream;            /* a divisor method without bounds: divisor_stream.c may take it */
	struct opv__trace *trace; /* NULL, or where the routes report which ran */
	double max_w;          /* with stream: the largest weight */
	double min_w;          /* with stream: the smallest positive weight */
	struct opv__hill_sums hill; /* with stream, where hill.split > 0: see divisor_stream.h */
	unsigned threads;      /* at most this many for the divisor methods' scan and one pass */
};

static inline int64_t opv__lower_of(const struct opv__problem *p, size_t i)
{
	return p->lower ? p->lower[i] : 0;
}

static inline int64_t opv__upper_of(const struct opv__problem *p, size_t i)
{
	return p->upper ? p->upper[i] : OPV__NO_UPPER;
}

/* ---- Hamilton (hamilton.c, hamilton_stream.c) ------------------------------ */

/* Units per block of the weight sum, and the lanes that add up each block;
 * see opv__weight_sum(). */
#define OPV__SUM_BLOCK 256
#define OPV__SUM_LANES 8

/*
 * The sum of the weights that Hamilton's quotas of non-integer weights divide
 * by, defined to the bit so that every route and any number of threads find
 * the same: see hamilton.c.  `block_sums` holds OPV__SUM_LANES + 1 doubles
 * per block of OPV__SUM_BLOCK units (the lanes' sums, then their
 * compensations added up); opv__weight_sum_blocks() adds those up.
 */
double opv__weight_sum(const double *w, size_t n);
double opv__weight_sum_blocks(const double *block_sums, size_t nblocks);

/* The totals below which Hamilton's quotas of non-integer weights are
 * computed in double precision (see hamilton.c): there three roundings keep a
 * quota within 2^-2 of a seat of the exact one, and below 2^51, where adding
 * 1.5 * 2^52 rounds it to an integer exactly. */
#define OPV__DOUBLE_QUOTA_TOTAL ((int64_t)1 << 50)

/* The factor s by which the quotas of non-integer weights scale every weight
 * before dividing, so that total / (W s) is a normal double: 1 but for sums
 * W beyond 2^-900 .. 2^900. */
double opv__quota_scale(double weight_sum);

/* The message of a Hamilton whose floors overshoot the total or leave more
 * seats than candidates (weights too far apart for double precision). */
int opv__hamilton_floors_fail(opv_error *err, int64_t total, int64_t floors);

int opv__hamilton_reference(int64_t *seats, const struct opv__problem *p,
                            struct opv__apportion_detail *detail, opv_error *err);

/* Which passes opv__hamilton_stream() ran, for the tests to see each run. */
enum opv__hamilton_route {
	OPV__ROUTE_HISTOGRAM = 1,           /* SCAN, COUNT, COLLECT and WRITE */
	OPV__ROUTE_ROUND,                   /* SCAN and ROUND, at the half */
	OPV__ROUTE_ROUND_THEN_HISTOGRAM,    /* ROUND's window fell short: the histogram's passes
	                                     * after it, GIVE among them or not */
	OPV__ROUTE_BY_PLACE,                /* SCAN, COUNT and GIVE: the boundary bucket one
	                                     * remainder, its seats by place */
	OPV__ROUTE_AT_CLASS,                /* SCAN, AT_CLASS and a walk over part of a class */
	OPV__ROUTE_AT_CLASS_THEN_HISTOGRAM, /* the last seat outside the class the sample put
	                                     * it in: the histogram's passes after it */
	OPV__ROUTE_ROUND_AGAIN,             /* ROUND's even window fell short, and it ran
	                                     * again at a sampled threshold */
	OPV__ROUTE_ROUND_SAMPLED,           /* SCAN and ROUND, at a sampled threshold */
	OPV__ROUTE_LAST = OPV__ROUTE_ROUND_SAMPLED
};

/*
 * Hamilton without bounds in two or three vector passes (hamilton_stream.c) on up to
 * `threads` threads, for every valid input with 0 < total < 2^50, n < 2^32
 * and a rank-free `detail` (or none), except the two kinds of weights whose
 * quotas need more: whole numbers whose exact products total * w reach 2^52,
 * and non-integer weights that opv__quota_scale() would scale; and weights
 * with a sign bit set, -0.0 among them, which it leaves to validate().  It checks the
 * weights itself and is called before any validation: OPV__NOT_HANDLED for
 * anything else, invalid input included.  Otherwise OPV_OK, OPV_ETIE,
 * OPV_ERANGE or OPV_ENOMEM as the reference would give them.
 */
int opv__hamilton_stream(int64_t *seats, const double *weights, size_t n, int64_t total,
                         opv_tie_rule ties, unsigned threads, struct opv__apportion_detail *detail,
                         enum opv__hamilton_route *route, opv_error *err);

/* ---- divisor methods (divisor.c) ------------------------------------------- */

/* b(s): the divisor at which a unit holding s seats earns its next one. */
double opv__boundary(opv_method method, int64_t s);

int opv__divisor_reference(int64_t *seats, const struct opv__problem *p, opv_error *err);
int opv__divisor_fast(int64_t *seats, const struct opv__problem *p, opv_error *err);

/* Sets h->split to about the divisor W / total of Huntington-Hill from a
 * sample of the weights (any values: 0 where they give no positive number),
 * and h->sample_below to whether few of them lie below it; for the scan
 * (struct opv__hill_sums), before the weights are checked. */
void opv__divisor_hill_guess(struct opv__hill_sums *h, const double *w, size_t n, int64_t total);

#endif
