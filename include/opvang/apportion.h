/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/apportion.h
 * @brief Integer apportionment: split a whole number over units in proportion
 *        to their weights, so that the parts add up to the total exactly.
 *
 * This is the engine under the distribution key, and it is usable on its own.
 *
 * Methods
 * -------
 * - OPV_HAMILTON (largest remainder): every unit gets the floor of its quota
 *   q_i = total * w_i / sum(w); the seats left over go one each to the units
 *   with the largest remainders q_i - floor(q_i).  Every unit ends at
 *   floor(q_i) or floor(q_i) + 1.
 * - Divisor methods: unit i gets round(w_i / d) for a common divisor d, where
 *   the rounding is floor (OPV_JEFFERSON, D'Hondt), nearest with halves up
 *   (OPV_WEBSTER, Sainte-Laguë), ceil (OPV_ADAMS) or at the geometric mean
 *   sqrt(s(s+1)) (OPV_HUNTINGTON_HILL).  Equivalently the seats go one at a
 *   time to the highest priority w_i / b(s_i), with b(s) = s + 1, s + 1/2, s
 *   and sqrt(s(s+1)) respectively.  Divisor methods are house-monotone: a
 *   larger total never takes a seat away.  Adams and Huntington-Hill give every
 *   unit with a positive weight at least one seat, so they need a total of at
 *   least the number of such units (or a total of 0).
 *
 * Exactness
 * ---------
 * When every weight is a whole number below 2^53 whose sum fits in 63 bits
 * (populations, votes), Hamilton quotas and remainders are computed in exact
 * integer arithmetic, so the result never depends on floating-point rounding.
 * Otherwise quotas are computed in double precision (in long double from a
 * total of 2^50 on), as lib/hamilton.c defines them to the bit.
 *
 * Ties
 * ----
 * When two units have the same remainder (Hamilton) or the same priority
 * (divisor methods) and only one of them can get the last seat, the unit with
 * the lower index wins (OPV_TIE_LOWER_INDEX), or the call fails with
 * OPV_ETIE naming both units (OPV_TIE_ERROR).
 *
 * Where to read each method
 * -------------------------
 * Each method has a short reference implementation that states it plainly;
 * the faster routes the library takes must give the same seats and errors
 * (tests/test_apportion_routes.c compares them):
 * - Hamilton: lib/hamilton.c, opv__hamilton_reference(), which also defines
 *   the double-precision quotas of non-integer weights; fast route
 *   lib/hamilton_stream.c, opv__hamilton_stream().
 * - Jefferson, Webster, Adams, Huntington-Hill: lib/divisor.c,
 *   opv__divisor_reference() (seats one at a time); fast route
 *   opv__divisor_fast() in the same file.
 * - Which route runs: lib/apportion.c, dispatch().
 *
 * Bounds
 * ------
 * Optional per-unit lower and upper bounds.  Hamilton then rounds the bounded
 * quota clamp(lambda * w_i, lower_i, upper_i), with lambda chosen so that the
 * bounded quotas add up to the total; divisor methods round w_i / d and clamp
 * the result to the bounds.  Units of weight zero get their lower bound.
 */
#ifndef OPVANG_APPORTION_H
#define OPVANG_APPORTION_H

#include "opvang/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Apportionment methods.  The values are stable. */
typedef enum opv_method {
	OPV_HAMILTON = 0,        /**< largest remainder; aliases "largest-remainder", "hare" */
	OPV_JEFFERSON = 1,       /**< D'Hondt; alias "dhondt", "d'hondt" */
	OPV_WEBSTER = 2,         /**< Sainte-Laguë; aliases "sainte-lague", "saint-lague" */
	OPV_ADAMS = 3,           /**< smallest divisors */
	OPV_HUNTINGTON_HILL = 4  /**< equal proportions; alias "hill" */
} opv_method;

/** How a tie for the last seat is resolved. */
typedef enum opv_tie_rule {
	OPV_TIE_LOWER_INDEX = 0, /**< the unit that comes first in the input wins */
	OPV_TIE_ERROR = 1        /**< fail with OPV_ETIE */
} opv_tie_rule;

/** Largest total accepted: OPV_COUNT_MAX (2^53). */
#define OPV_APPORTION_MAX_TOTAL OPV_COUNT_MAX

#define OPV_APPORTION_OPTIONS_VERSION 1

/**
 * Options for opv_apportion().  Initialise with OPV_APPORTION_OPTIONS_INIT or
 * opv_apportion_options_init().  How many threads a call may use is tuning:
 * opv_apportion_tuned() in opvang/experimental.h.
 */
typedef struct opv_apportion_options {
	unsigned int version;  /**< OPV_APPORTION_OPTIONS_VERSION */
	opv_method method;     /**< default OPV_HAMILTON */
	opv_tie_rule ties;     /**< default OPV_TIE_LOWER_INDEX */
	const int64_t *lower;  /**< n lower bounds, or NULL for none (all 0) */
	const int64_t *upper;  /**< n upper bounds, or NULL for none */
} opv_apportion_options;

#define OPV_APPORTION_OPTIONS_INIT \
	{ OPV_APPORTION_OPTIONS_VERSION, OPV_HAMILTON, OPV_TIE_LOWER_INDEX, NULL, NULL }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_apportion_options_init(opv_apportion_options *options, unsigned int version);

/**
 * Apportions `total` over `n` units in proportion to `weights`.
 *
 * @param seats    out: n integers that add up to `total` (caller-owned).
 *                 Written only on success.
 * @param weights  n finite, non-negative weights.
 * @param n        number of units; 0 is allowed when `total` is 0.
 * @param total    the whole number to split, 0 <= total <= OPV_APPORTION_MAX_TOTAL.
 * @param options  NULL for the defaults (Hamilton, lower index wins ties).
 * @param err      nullable error record.
 * @return OPV_OK, or
 *   - OPV_EINVAL: seats or weights is NULL with n > 0; a weight is negative,
 *     NaN or infinite (the message names its index); all weights are zero while
 *     the total is positive; n is 0 while the total is positive; an unknown
 *     method or tie rule; an options version this library does not know;
 *     a lower bound above its upper bound or a negative bound.
 *   - OPV_ERANGE: total < 0 or above OPV_APPORTION_MAX_TOTAL; the sum of the
 *     weights is not finite; the bounds cannot add up to the total; Adams or
 *     Huntington-Hill with fewer seats than units of positive weight; a
 *     divisor method whose weights are too far apart (beyond 2^1400 from
 *     smallest to largest, the largest held by their bounds) for any
 *     double divisor to resolve.
 *   - OPV_ETIE: a tie for the last seat with OPV_TIE_ERROR (names both units).
 *   - OPV_ENOMEM: working memory (O(n)) could not be allocated.
 */
OPV_EXTERN(int) opv_apportion(int64_t *seats, const double *weights, size_t n,
                              int64_t total, const opv_apportion_options *options,
                              opv_error *err);

/**
 * Looks up a method by name, case-insensitively: "hamilton",
 * "largest-remainder", "hare", "jefferson", "dhondt", "d'hondt", "webster",
 * "sainte-lague", "saint-lague", "adams", "huntington-hill", "hill".
 *
 * @return OPV_OK and `*method` set, or OPV_EINVAL (NULL argument) or
 *         OPV_ENOTFOUND (the message lists the known names).
 */
OPV_EXTERN(int) opv_method_from_name(opv_method *method, const char *name, opv_error *err);

/** The canonical name of a method ("hamilton", ...), or NULL for an unknown value. */
OPV_EXTERN(const char *) opv_method_name(opv_method method);

#ifdef __cplusplus
}
#endif

#endif
