/* SPDX-License-Identifier: EUPL-1.2 */
/* The long passes of the divisor methods, four units at a time.  Internal. */
#ifndef OPV_LIB_DIVISOR_STREAM_H
#define OPV_LIB_DIVISOR_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "opvang/apportion.h"

/* What one pass over valid weights finds out. */
struct opv__divisor_scan {
	double sum;           /* rounded, lanes and parts added in a fixed order */
	double max;           /* the largest weight (0 for none) */
	double min_positive;  /* the smallest positive weight (infinity for none) */
	size_t positive;      /* how many are positive */
};

/*
 * What the scan adds for Huntington-Hill's first divisor (divisor.c): with
 * v = w / split for each weight w, how many units of positive weight have
 * v < 1, the sum of their v, and the sum of 1 / v over the units with v >= 1,
 * each 1 / v within 0.26% of itself (never above).  Where there are 32
 * blocks of 1024 units or more, the last comes from every eighth block,
 * scaled to all n, and so do the first two with `sample_below`.
 */
struct opv__hill_sums {
	double split;          /* in: a positive weight; out: 0 where the sums are not made */
	int sample_below;      /* in: the sums below the split from every eighth block too */
	double below;          /* a count, scaled where sampled */
	double below_sum;
	double above_inverse;
};

/* Whether every weight of w[0..n) is finite and not negative; if so, what
 * *out says of them and, unless hill is NULL, Huntington-Hill's sums (for a
 * split that is not a positive number, or where the largest weight is 2^1000
 * times the split or more, none: hill->split is then 0).  On up to `threads`
 * threads, with the same findings, to the bit, on any number. */
int opv__divisor_scan(const double *w, size_t n, struct opv__hill_sums *hill, unsigned threads,
                      struct opv__divisor_scan *out);

/* Whether opv__divisor_seats() takes method m at divisor d, for weights of
 * the given largest and sum: Jefferson, Webster, Adams and Huntington-Hill, with every
 * quotient below 2^50 and their sum below 2^52. */
int opv__divisor_seats_apply(opv_method m, double d, double max_w, double sum_w);

/* seats[i] = the method's rounding of w[i] / d, the quotient computed as
 * w[i] * (1 / d), within two roundings of the scalar rule's (seats may be
 * NULL: only the sum); returns their sum.  *near (unless NULL) tells whether
 * some quotient lies within 2^-50 of itself of a step of the rounding: only
 * then can the seats differ from the one-at-a-time procedure's in the order
 * of its double-precision priorities. */
int64_t opv__divisor_seats(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                           double d);

/* A unit's priority for a seat, and a list of them with room for `cap`. */
struct opv__priority {
	double key;
	size_t index;
};

/* A priority that units of a list share, and how many of them. */
struct opv__key_count {
	double key;
	size_t count;
};

/* Distinct priorities a list counts beyond its room. */
#define OPV__LIST_KEYS 16

struct opv__priority_list {
	struct opv__priority *e;
	size_t cap;
	size_t count;  /* more than cap: some were not kept */
	/* Of the units not kept, how many have each priority (in the order
	 * first met), for up to OPV__LIST_KEYS priorities; more than that:
	 * they had more.  Where the units are many but their priorities few,
	 * as with ties, the list still says what the seats need. */
	size_t keys;
	struct opv__key_count key[OPV__LIST_KEYS];
};

/*
 * Units whose place in the window the caller knows beforehand: every unit
 * of weight value[j], which has seats[j] at the divisor (size pairs, at
 * most OPV__KNOWN_MOST).  Their quotient must lie far from any step of the
 * rounding (2^-30 of itself or more), so that those seats are sure, and
 * their priority in the window be one the caller knows; opv__divisor_round()
 * then counts them, into count[j], and lists them in neither list, whatever
 * their priorities: a weight whose next seat's and last seat's priorities
 * both lie in the window needs a pair for each, with the same seats.
 * For weights in classes, as whole numbers from a short range are: a class
 * in the window would otherwise put a unit in every few vectors.
 */
#define OPV__KNOWN_MOST 4

struct opv__known {
	size_t size;
	double value[OPV__KNOWN_MOST];
	int64_t seats[OPV__KNOWN_MOST];
	int64_t count[OPV__KNOWN_MOST];  /* out */
	int before[OPV__KNOWN_MOST];     /* opv__divisor_move(): the priority comes before
	                                  * the bar (else it equals the bar) */
};

/* Whether opv__divisor_round() takes method m at divisor d for weights
 * whose smallest positive one is min_w: Jefferson and Webster always, Adams
 * and Huntington-Hill where min_w / d is at least 2^-1000. */
int opv__divisor_round_apply(opv_method m, double d, double min_w);

/*
 * Writes the seats of opv__divisor_seats() at divisor d (and *near), returns
 * their sum and, in the same pass, lists the units whose priorities lie in a
 * window around d: into `next` every unit of positive weight whose next
 * seat's priority is at least d (1 - delta), into `last` every unit holding
 * a seat whose last seat's priority is at most d (1 + delta), each in the
 * order of the units.  For 0 < delta <= 1/64 where opv__divisor_seats_apply()
 * and opv__divisor_round_apply() hold; min_w is the smallest positive weight.
 * Units of `known` (NULL for none) are counted there and listed nowhere.
 */
int64_t opv__divisor_round(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                           double d, double min_w, double delta,
                           struct opv__priority_list *next, struct opv__priority_list *last,
                           struct opv__known *known);

/*
 * Where the weights take few values (divisor.c, class_split()): the seats
 * at divisor d into seats[0..n), those of every unit of weight
 * classes->value[j] classes->seats[j], and one more before unit `split`
 * (a multiple of 4); their sum into *sum.  1 where no other unit's priority
 * lies within delta of d, as opv__divisor_round()'s window would list it:
 * the seats of every other unit are then sure, and no priority lies between
 * d (1 - delta) and d (1 + delta) but the classes'.  0 otherwise (the seats
 * written, in part or all, are then to be written again).  As for
 * opv__divisor_round(); classes->size is 1 to OPV__KNOWN_MOST.
 */
int opv__divisor_at_class(int64_t *seats, int64_t *sum, const double *w, size_t n, opv_method m,
                          double d, double min_w, double delta, const struct opv__known *classes,
                          size_t split);

/* The units of w[first..end), at most OPV__COUNT_BLOCK, whose weight is
 * value[j], added to count[j] for each of the m values; returns those of
 * positive weight. */
#define OPV__COUNT_BLOCK 256
size_t opv__divisor_count_values(int64_t *count, const double *value, size_t m, const double *w,
                                 size_t first, size_t end);

/* One seat more to each of the first `count` units in w[start..n) whose
 * weight is one of the classes' (up), or one less to each of the last
 * `count` of them in w[0..start); returns how many it found, up to
 * `count`.  `start` is a multiple of 4. */
int64_t opv__divisor_walk(int64_t *seats, const double *w, size_t n, size_t start,
                          const struct opv__known *classes, int up, int64_t count);

/*
 * Moves seats in the order of the one-at-a-time procedure, from the seats
 * of a rounding whose lists (opv__divisor_round()) show where the order
 * stops: at priority `bar`, of which `ties` units take a seat.  With next
 * = 1, walking up from the first unit, every unit of positive weight whose
 * next seat's priority lies above the bar gains a seat, and so do the
 * first `ties` whose priority equals it (the lower index first); with next
 * = 0, walking down from the last unit, every unit whose last seat's
 * priority lies below the bar loses it, and so do the first `ties` met at
 * the bar (the seats given last).  Stops when `moves` seats have moved;
 * returns how many did.  Priorities as the lists compute them, to the bit;
 * the units of `known` (NULL for none) have priority `bar`, or one before it
 * where its `before` says so, and need no division.
 */
int64_t opv__divisor_move(int64_t *seats, const double *w, size_t n, opv_method m, int next,
                          double bar, int64_t ties, int64_t moves, const struct opv__known *known);

/* About the sum of opv__divisor_seats() for method m at divisor d (the same
 * but where a quotient is near a step, Huntington-Hill's steps compared by
 * their squares), for a guess; where opv__divisor_round_apply() holds.  On
 * up to `threads` threads, the same sum on any number. */
int64_t opv__divisor_count(const double *w, size_t n, opv_method m, double d, unsigned threads);

/* What those seats add to the quotients w / d (opv__divisor_count()'s sum,
 * less the weights' sum over d) over each of `taken` blocks of `block`
 * units, block j from unit (j * stride + stride / 2) * block, into
 * excess[j]; on up to `threads` threads, the same on any number. */
void opv__divisor_excess_of_blocks(double *excess, size_t taken, const double *w, size_t block,
                                   size_t stride, opv_method m, double d, unsigned threads);

/* Receives a unit's priority; `bar` is what a priority must reach to be
 * worth offering (at least, for `next`; at most, otherwise), and may move
 * with every offer. */
typedef void (*opv__offer_fn)(void *list, double priority, size_t index);

/*
 * Writes the seats (and *near) of opv__divisor_seats() and, in the same pass, offers the
 * priorities w / b(s) of the next seat (next = 1) of every unit of positive
 * weight, or of the last seat (next = 0) of every unit that holds one: each
 * that reaches *bar goes to offer(list, ...), in the order of the units.
 */
void opv__divisor_settle(int64_t *seats, int *near, const double *w, size_t n, opv_method m,
                         double d, int next, const double *bar, opv__offer_fn offer, void *list);

#endif
