/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/projection.h
 * @brief The shortfall projection: a weekly stock-flow model of reception
 *        occupancy against capacity, deterministic or Monte Carlo.
 *
 * Stocks, whole people, at the start of week k (row k, date start + 7k):
 * P (in procedure), S (status holders waiting for a house), O (other:
 * rejected, awaiting departure).  The flows of week k, shown in row k + 1:
 *
 *     inflow    I = inflow_k (times noise and seasonality)     rounded to people
 *     decided   D = round(decision_rate * P)
 *     granted   G = round(grant_rate * D);   rejected = D - G
 *     housed    H = min(round(housing_k (times noise)), S)
 *     departed  X = round(departure_rate * O)
 *     P' = P + I - D      S' = S + G - H      O' = O + (D - G) - X
 *
 * round() is round half up.  Every flow is a whole number no larger than its
 * stock, so no stock goes negative and the mass balance
 * occupancy' - occupancy = I - H - X holds exactly, every week.
 *
 *     shortage          = max(0, occupancy - capacity)
 *     planning_shortage = max(0, ceil(occupancy / target_occupancy) - capacity)
 *
 * with the target taken to six decimals (0.91 = 910000 / 10^6) so that the
 * ceiling is exact: 87,360 occupied at 0.91 needs 96,000 places.
 *
 * The scenario format is documented field by field in docs/scenario.md.
 *
 * Monte Carlo: run r draws its noise from a counter-based generator
 * (Philox4x32-10) keyed by (seed, r), so run r is the same whichever thread
 * computes it and however many threads there are.  Deviates are the scaled
 * sum of four 16-bit uniforms (mean 0, variance 1, bounded by +-3.46): built
 * from additions and one multiplication only, they are bit-for-bit the same
 * on every IEEE 754 machine.  docs/scenario.md gives the exact recipe.
 */
#ifndef OPVANG_PROJECTION_H
#define OPVANG_PROJECTION_H

#include "opvang/core.h"
#include "opvang/date.h"
#include "opvang/register.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct opv_scenario opv_scenario;

/** Longest projection, in weeks. */
#define OPV_PROJECTION_MAX_WEEKS 1040
/** Largest stock or capacity accepted (people or places). */
#define OPV_PROJECTION_MAX_STOCK 1000000000
/** Most Monte Carlo runs in one call. */
#define OPV_PROJECTION_MAX_RUNS 10000000
/** Most threads for one call. */
#define OPV_PROJECTION_MAX_THREADS 256

/**
 * Reads a scenario from a JSON file (docs/scenario.md).  A locations file it
 * names is read relative to the scenario's directory and checked against
 * `reg` (NULL: the embedded register).
 *
 * @return OPV_OK, or OPV_EIO (cannot read), OPV_EPARSE (malformed JSON, a
 *   field of the wrong type, a bad date; names the field and, for syntax, the
 *   line and column), OPV_EINVAL (an unknown or missing field; names it),
 *   OPV_ERANGE (a negative count, a rate outside [0, 1], too many weeks, an
 *   array of the wrong length, capacity that falls below 0; names the field),
 *   errors of opv_locations_load_csv() for the locations file, OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_scenario_load_json(opv_scenario **out, const char *path,
                                       const opv_register *reg, opv_error *err);

/**
 * As opv_scenario_load_json(), from `len` bytes of JSON text.  `source` names
 * it in messages; a locations file is read relative to `base_dir` (NULL: the
 * current directory).
 */
OPV_EXTERN(int) opv_scenario_parse_json(opv_scenario **out, const char *text, size_t len,
                                        const char *source, const char *base_dir,
                                        const opv_register *reg, opv_error *err);

OPV_EXTERN(void) opv_scenario_free(opv_scenario *scenario);

/** Number of weeks; the projection has weeks + 1 rows. */
OPV_EXTERN(int) opv_scenario_weeks(const opv_scenario *scenario);

/** The first day (row 0). */
OPV_EXTERN(opv_day) opv_scenario_start(const opv_scenario *scenario);

/** 1 when the scenario has a monte_carlo section. */
OPV_EXTERN(int) opv_scenario_has_monte_carlo(const opv_scenario *scenario);

/** One row of a projection: the stocks at the start of week k and the flows
 *  of the week that ended there (0 in row 0). */
typedef struct opv_projection_row {
	opv_day date;
	int64_t in_procedure;
	int64_t status_holders;
	int64_t other;
	int64_t occupancy;
	int64_t capacity;
	int64_t shortage;
	int64_t planning_shortage;
	int64_t inflow;
	int64_t decided;
	int64_t granted;
	int64_t housed;
	int64_t departed;
} opv_projection_row;

/**
 * Runs the deterministic projection (no noise, no delays).
 *
 * @param rows   out: opv_scenario_weeks(s) + 1 rows.
 * @param nrows  must equal opv_scenario_weeks(s) + 1.
 * @return OPV_OK, OPV_EINVAL (NULL argument, wrong nrows) or OPV_ERANGE (a
 *         stock would pass OPV_PROJECTION_MAX_STOCK; names the week).
 */
OPV_EXTERN(int) opv_project(opv_projection_row *rows, size_t nrows, const opv_scenario *scenario,
                            opv_error *err);

#define OPV_MONTE_CARLO_OPTIONS_VERSION 1

typedef struct opv_monte_carlo_options {
	unsigned int version;  /**< OPV_MONTE_CARLO_OPTIONS_VERSION */
	uint64_t runs;         /**< 1 .. OPV_PROJECTION_MAX_RUNS */
	uint64_t seed;         /**< any value */
	unsigned int threads;  /**< 1 .. OPV_PROJECTION_MAX_THREADS; the results do not depend on it */
} opv_monte_carlo_options;

#define OPV_MONTE_CARLO_OPTIONS_INIT { OPV_MONTE_CARLO_OPTIONS_VERSION, 1000, 0, 1 }

/** Distribution over the runs of one week (row). */
typedef struct opv_monte_carlo_week {
	double occupancy_p05, occupancy_p50, occupancy_p95;
	double shortage_p05, shortage_p50, shortage_p95;
	double p_shortage;  /**< fraction of runs with shortage > 0 */
} opv_monte_carlo_week;

/**
 * Runs the Monte Carlo projection.  Percentiles interpolate linearly between
 * order statistics (NumPy's default).  A scenario without a monte_carlo
 * section has no noise: every run equals the deterministic projection.
 *
 * @param weeks        out: nrows week summaries.
 * @param nrows        must equal opv_scenario_weeks(s) + 1.
 * @param peak_shortage out, nullable: options->runs peaks, one per run.
 * @param peak_week    out, nullable: options->runs rows at which each run's
 *                     peak first occurs.
 * @return OPV_OK, OPV_EINVAL (NULL argument, wrong nrows, runs or threads out
 *   of range, another options version), OPV_ERANGE (a stock too large),
 *   OPV_ENOMEM (memory is runs * rows * 8 bytes).  A thread that cannot be
 *   started is no error: its share runs on the calling thread.
 */
OPV_EXTERN(int) opv_project_monte_carlo(opv_monte_carlo_week *weeks, size_t nrows,
                                        int64_t *peak_shortage, int32_t *peak_week,
                                        const opv_scenario *scenario,
                                        const opv_monte_carlo_options *options, opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
