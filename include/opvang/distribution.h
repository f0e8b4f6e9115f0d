/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/distribution.h
 * @brief The distribution key of the Spreidingswet: a national number of
 *        reception places split over all municipalities.
 *
 * For municipality g with population P_g and SES-WOA score S_g:
 *
 *     w_g      = P_g * f(S_g)       f = 1 (OPV_SES_NONE) or 1 + S_g (OPV_SES_LINEAR)
 *     q_g      = C * w_g / sum(w)   the quota
 *     N_g      = apportion(q, C)    whole places, sum(N_g) == C exactly
 *     AMV_g    = round_half_up(N_g * A / C)      (OPV_AMV_ROUND, the published practice)
 *              or Hamilton over N_g with sum A   (OPV_AMV_APPORTION)
 *     regular_g = N_g - AMV_g
 *
 * C is the national total, A the places for unaccompanied minors (AMV) within
 * it.  A province's task is the sum over its municipalities: see
 * opv_register_sum_by_province().  There is no minimum per municipality.
 *
 * Results go into caller-owned arrays of opv_register_count(reg) elements,
 * one per municipality in register order; any array may be NULL when the
 * caller does not need it.  Nothing is written when the call fails.
 */
#ifndef OPVANG_DISTRIBUTION_H
#define OPVANG_DISTRIBUTION_H

#include "opvang/core.h"
#include "opvang/apportion.h"
#include "opvang/io.h"
#include "opvang/register.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How the SES score turns into a weight factor.  The values are stable. */
typedef enum opv_ses_transform {
	OPV_SES_NONE = 0,   /**< weight = population */
	OPV_SES_LINEAR = 1, /**< weight = population * (1 + ses); needs every score, and 1 + ses > 0 */
	/** The default, and the law's reading: OPV_SES_LINEAR when scores are
	 *  given (a `ses` array, or a register with any score), else
	 *  OPV_SES_NONE.  Scores given on purpose are meant to count, so a
	 *  missing one is an error, never a quiet fall-back to population;
	 *  a key by population alone is not the legal key.  The summary says
	 *  which transform was applied. */
	OPV_SES_AUTO = 2
} opv_ses_transform;

/** How the AMV places are split.  The values are stable. */
typedef enum opv_amv_mode {
	OPV_AMV_ROUND = 0,     /**< AMV_g = round half up of N_g*A/C; the sum may differ from A */
	OPV_AMV_APPORTION = 1  /**< Hamilton over N_g (never more than N_g): the sum is A exactly */
} opv_amv_mode;

#define OPV_DISTRIBUTION_OPTIONS_VERSION 1

/**
 * How to distribute: every member has a default.  Initialise with
 * OPV_DISTRIBUTION_OPTIONS_INIT or opv_distribution_options_init().
 */
typedef struct opv_distribution_options {
	unsigned int version;            /**< OPV_DISTRIBUTION_OPTIONS_VERSION */
	opv_ses_transform ses_transform; /**< default OPV_SES_AUTO */
	opv_method method;               /**< default OPV_HAMILTON */
	opv_amv_mode amv_mode;           /**< default OPV_AMV_ROUND */
} opv_distribution_options;

#define OPV_DISTRIBUTION_OPTIONS_INIT \
	{ OPV_DISTRIBUTION_OPTIONS_VERSION, OPV_SES_AUTO, OPV_HAMILTON, OPV_AMV_ROUND }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_distribution_options_init(opv_distribution_options *options,
                                              unsigned int version);

#define OPV_DISTRIBUTION_COLUMNS_VERSION 1

/**
 * Where the results go: arrays of opv_register_count(reg) elements, each
 * optional (NULL).  Initialise with OPV_DISTRIBUTION_COLUMNS_INIT (all NULL)
 * or opv_distribution_columns_init(), then point the members you want at
 * your arrays.  The explanation columns show how every number came about:
 *
 * - floor, remainder: floor(q_g) and q_g - floor(q_g).
 * - rank: Hamilton: the place of g in the order of remainders (1 = largest;
 *   the first `total - sum(floor)` ranks won a place).  Divisor methods: the
 *   place of g in the order of `priority` (1 = highest), 0 without places.
 * - priority: divisor methods: w_g / b(N_g - 1), the priority at which g won
 *   its last place (NaN without places).  Hamilton: NaN.
 */
typedef struct opv_distribution_columns {
	unsigned int version;  /**< OPV_DISTRIBUTION_COLUMNS_VERSION */
	double *weight;
	double *quota;
	int64_t *places;
	int64_t *amv;
	int64_t *regular;
	int64_t *floor;
	double *remainder;
	int64_t *rank;
	double *priority;
} opv_distribution_columns;

#define OPV_DISTRIBUTION_COLUMNS_INIT \
	{ OPV_DISTRIBUTION_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Sets every column of `columns` to NULL for `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_distribution_columns_init(opv_distribution_columns *columns,
                                              unsigned int version);

#define OPV_DISTRIBUTION_SUMMARY_VERSION 1

/**
 * National figures of one distribution.  The caller sets `version`
 * (OPV_DISTRIBUTION_SUMMARY_INIT or opv_distribution_summary_init()); the
 * library writes only the members of that version.
 */
typedef struct opv_distribution_summary {
	unsigned int version;  /**< OPV_DISTRIBUTION_SUMMARY_VERSION */
	int64_t places;        /**< sum of N_g (always equal to the total) */
	int64_t amv;           /**< sum of AMV_g */
	int64_t amv_residual;  /**< sum of AMV_g - A: nonzero only with OPV_AMV_ROUND */
	int64_t regular;       /**< sum of regular_g */
	double weight_sum;     /**< sum of w_g */
	int64_t by_remainder;  /**< Hamilton: places given by remainder; divisor methods: 0 */
	/** The transform applied: OPV_SES_NONE or OPV_SES_LINEAR, never OPV_SES_AUTO. */
	opv_ses_transform ses_transform;
} opv_distribution_summary;

#define OPV_DISTRIBUTION_SUMMARY_INIT \
	{ OPV_DISTRIBUTION_SUMMARY_VERSION, 0, 0, 0, 0, 0.0, 0, OPV_SES_NONE }

/** Sets `summary` to zeros of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_distribution_summary_init(opv_distribution_summary *summary,
                                              unsigned int version);

/**
 * Computes the distribution key over a register: `total` places, of which
 * `amv_total` for unaccompanied minors.
 *
 * The SES scores come from `ses` when it is not NULL (one per municipality
 * in register order, NaN = no score) and from the register otherwise (see
 * opv_register_with_ses()).  Whether they count is options->ses_transform:
 * by default (OPV_SES_AUTO) they do whenever there are any.
 *
 * @param out        where the per-municipality results go (any member NULL).
 * @param summary    nullable: national sums, and the transform applied.
 * @param reg        the register.
 * @param total      C: national places, 0 <= C <= OPV_APPORTION_MAX_TOTAL.
 * @param amv_total  A: of which AMV places, 0 <= A <= C.
 * @param ses        nullable: scores overriding the register's.
 * @param options    NULL for the defaults.
 * @return OPV_OK, or
 *   - OPV_EINVAL: out or reg is NULL; unknown transform, method or AMV mode;
 *     options, columns or summary of another version; with OPV_SES_LINEAR a
 *     municipality without a score, or whose factor 1 + ses is not above 0
 *     (named by code and name); a register whose population is 0 while the
 *     total is positive;
 *   - OPV_ERANGE: total or amv_total negative, amv_total above total, total
 *     above OPV_APPORTION_MAX_TOTAL; a score that is not finite, or that
 *     makes the weight (or the sum of the weights) too large for a double
 *     (named);
 *   - OPV_ETIE is never returned: ties go to the municipality that comes first;
 *   - OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_distribute(const opv_distribution_columns *out,
                               opv_distribution_summary *summary, const opv_register *reg,
                               int64_t total, int64_t amv_total, const double *ses,
                               const opv_distribution_options *options, opv_error *err);

/**
 * The places of many distributions: one per total in `totals`, each with
 * `amv_total` AMV places and everything else as opv_distribute() with the
 * same `ses` and `options` gives it.  For sweeps over the national number:
 * the weights are computed once, then opv_distribute()'s own steps run for
 * each total.
 *
 * @param places      out: ntotals * opv_register_count(reg) places, row-major
 *                    (row t holds the distribution of totals[t]).
 * @param amv_places  nullable out: AMV places in the same layout.
 * @param amv_total   A for every total; none of the totals may be below it.
 * @return as opv_distribute(); a message about a total names its position.
 */
OPV_EXTERN(int) opv_distribute_many(int64_t *places, int64_t *amv_places,
                                    const opv_register *reg, const int64_t *totals,
                                    size_t ntotals, int64_t amv_total, const double *ses,
                                    const opv_distribution_options *options, opv_error *err);

/** Canonical name of a transform ("none", "linear", "auto"), or NULL. */
OPV_EXTERN(const char *) opv_ses_transform_name(opv_ses_transform transform);

/** Looks a transform up by name; OPV_ENOTFOUND lists the known names. */
OPV_EXTERN(int) opv_ses_transform_from_name(opv_ses_transform *transform, const char *name,
                                            opv_error *err);

/** Canonical name of an AMV mode ("round", "apportion"), or NULL. */
OPV_EXTERN(const char *) opv_amv_mode_name(opv_amv_mode mode);

/** Looks an AMV mode up by name; OPV_ENOTFOUND lists the known names. */
OPV_EXTERN(int) opv_amv_mode_from_name(opv_amv_mode *mode, const char *name, opv_error *err);

/* ---- comparing with a published table ----------------------------------- */

/** One municipality of a published table next to the computed figures. */
typedef struct opv_comparison_row {
	size_t municipality;     /**< position in the register */
	long line;               /**< line in the published file */
	int64_t computed;        /**< computed places */
	int64_t published;       /**< published places */
	int64_t difference;      /**< computed - published */
	int has_amv;             /**< the published table gives AMV for this row */
	int64_t computed_amv;
	int64_t published_amv;
	int64_t amv_difference;  /**< computed_amv - published_amv, 0 without AMV */
} opv_comparison_row;

typedef struct opv_comparison opv_comparison;

/**
 * Reads a published table and sets it beside computed places (and AMV).
 *
 * The CSV has a column `code` (GMxxxx) or else `name` (matched exactly to the
 * register's names); with both, a row is matched by its code and its name
 * must be that code's.  Further a column `places`, and optionally `amv` (an
 * empty cell means "not published").  Rows keep the file's order.
 *
 * @param out     out: the comparison, released with opv_comparison_free().
 * @param reg     the register the places belong to.
 * @param places  opv_register_count(reg) computed places.
 * @param amv     nullable: computed AMV places.
 * @param path    the published CSV file.
 * @return OPV_OK, or OPV_EINVAL (NULL argument; a row whose code and name
 *   disagree), the loader's errors (OPV_EIO, OPV_EPARSE, OPV_ERANGE for
 *   negative numbers and numbers of 2^53 or more), OPV_ERANGE (a computed
 *   minus published number that does not fit in 64 bits), OPV_ENOTFOUND (an
 *   unknown code or name, named with its line), OPV_EDUPLICATE (a
 *   municipality twice, a name that fits two municipalities, or two columns
 *   of one meaning such as `code` and `gemeentecode`) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_compare_load_csv(opv_comparison **out, const opv_register *reg,
                                     const int64_t *places, const int64_t *amv,
                                     const char *path, opv_error *err);

/** As opv_compare_load_csv(), from `len` bytes in memory named `source`. */
OPV_EXTERN(int) opv_compare_parse_csv(opv_comparison **out, const opv_register *reg,
                                      const int64_t *places, const int64_t *amv,
                                      const char *data, size_t len, const char *source,
                                      opv_error *err);

OPV_EXTERN(void) opv_comparison_free(opv_comparison *cmp);

/** Rows compared. */
OPV_EXTERN(size_t) opv_comparison_count(const opv_comparison *cmp);

/** The i-th row, or NULL when i is out of range. */
OPV_EXTERN(const opv_comparison_row *) opv_comparison_at(const opv_comparison *cmp, size_t i);

/** Rows whose places match exactly. */
OPV_EXTERN(size_t) opv_comparison_exact(const opv_comparison *cmp);

/** The row with the largest |difference| (the first of equals), or NULL when empty. */
OPV_EXTERN(const opv_comparison_row *) opv_comparison_largest(const opv_comparison *cmp);

#ifdef __cplusplus
}
#endif

#endif
