/* SPDX-License-Identifier: EUPL-1.2 */
/* Apportionment with the working shown, for the distribution key.  Internal. */
#ifndef OPV_LIB_APPORTION_INTERNAL_H
#define OPV_LIB_APPORTION_INTERNAL_H

#include "opvang/apportion.h"

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

/* opv_apportion(), filling `detail` when it is not NULL (Hamilton only). */
int opv__apportion(int64_t *seats, const double *weights, size_t n, int64_t total,
                   const opv_apportion_options *options, struct opv__apportion_detail *detail,
                   opv_error *err);

/* w / b(seats - 1): the priority at which a unit won its last seat under a
 * divisor method (infinite for a first seat under Adams or Huntington-Hill). */
double opv__last_seat_priority(opv_method method, double weight, int64_t seats);

#endif
