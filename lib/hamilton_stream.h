/* SPDX-License-Identifier: EUPL-1.2 */
/* Hamilton's method for whole-number weights in a few streaming passes.  Internal. */
#ifndef OPV_LIB_HAMILTON_STREAM_H
#define OPV_LIB_HAMILTON_STREAM_H

#include "apportion_internal.h"

/* Returned when the problem is not one this route handles exactly; nothing
 * has been touched and the general route must take it. */
#define OPV__NOT_HANDLED 1

/*
 * Hamilton without bounds, for weights that are whole numbers below 2^52
 * adding up to less than 2^52, with total * max(weight) below 2^52 and the
 * total below 2^50: every quota's floor and remainder are then exact in
 * double arithmetic.  Gives the seats of the general route, ties to the lower
 * index or OPV_ETIE as `ties` asks, on up to `threads` threads.  `detail` may
 * be NULL; its rank array must be NULL (ranking every unit needs a sort).
 *
 * Returns OPV_OK, OPV_ENOMEM or OPV_ETIE (seats untouched on error), or
 * OPV__NOT_HANDLED with neither `seats` nor `err` touched: for anything
 * outside the conditions above, including every invalid input.
 */
int opv__hamilton_stream(int64_t *seats, const double *weights, size_t n, int64_t total,
                         opv_tie_rule ties, unsigned threads, struct opv__apportion_detail *detail,
                         opv_error *err);

#endif
