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
 * Capacity has kinds, from the type of each place (docs/scenario.md):
 * regular (azc, amv), emergency (nood, spoednood, crisis), hotel, and
 * unspecified (capacity given without a type).  Their sum is `capacity`.
 * Places of a location above its agreed capacity count while they last and
 * are shown apart as `capacity_above_agreement` (a part of the kinds, not a
 * kind of its own).  Transit places (doorstroom) are no reception capacity:
 * status holders who move into one leave reception in the week they move,
 *
 *     left_transit  L = round(transit_departure_rate * T), plus those whose
 *                       place closes (T - L above the next row's transit places)
 *     to_transit    M = min(S - H, transit places of the next row - (T - L))
 *     S' = S + G - H - M      T' = T - L + M
 *
 * so occupancy' - occupancy = I - H - M - X.  Housing comes from
 * housing_per_week, or from the national half-year housing task: a share
 * `realisation` of what is owed in a half-year (its task plus the backlog
 * carried into it) is due evenly over its weeks, and what is not housed
 * carries into the next half-year (docs/scenario.md gives the formulas).
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
/** Most rules in a scenario's `extend`: each closing is held against each rule. */
#define OPV_SCENARIO_MAX_EXTEND 1000
/** Most inputs opv_sensitivity_run() moves: each costs two projections. */
#define OPV_SENSITIVITY_MAX_INPUTS 1000

/**
 * Reads a scenario from a JSON file (docs/scenario.md).  A locations file it
 * names is read relative to the scenario's directory and checked against
 * `reg` (NULL: the embedded register).
 *
 * @return OPV_OK, or OPV_EIO (cannot read), OPV_EPARSE (malformed JSON, a
 *   field of the wrong type, a bad date; names the field and, for syntax, the
 *   line and column), OPV_EINVAL (an unknown or missing field; names it),
 *   OPV_ERANGE (a negative count, a rate outside [0, 1], too many weeks, an
 *   array of the wrong length, capacity that falls below 0, more than
 *   OPV_SCENARIO_MAX_EXTEND rules in `extend`; names the field),
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

/**
 * The columns of a projection table (opv_projection_run()).  The values are
 * stable; new columns are appended.
 */
typedef enum opv_projection_column {
	OPV_PROJECTION_IN_PROCEDURE = 0,       /**< P: in procedure */
	OPV_PROJECTION_STATUS_HOLDERS,         /**< S: status holders in reception */
	OPV_PROJECTION_OTHER,                  /**< O: others in reception */
	OPV_PROJECTION_OCCUPANCY,              /**< P + S + O */
	OPV_PROJECTION_CAPACITY,               /**< reception places: the sum of the four kinds */
	OPV_PROJECTION_SHORTAGE,               /**< max(0, occupancy - capacity) */
	OPV_PROJECTION_PLANNING_SHORTAGE,      /**< max(0, ceil(occupancy / target) - capacity) */
	OPV_PROJECTION_INFLOW,                 /**< I of the week that ended here */
	OPV_PROJECTION_DECIDED,                /**< D */
	OPV_PROJECTION_GRANTED,                /**< G */
	OPV_PROJECTION_HOUSED,                 /**< H: moved into a home */
	OPV_PROJECTION_DEPARTED,               /**< X */
	OPV_PROJECTION_CAPACITY_REGULAR,       /**< places of azc and amv */
	OPV_PROJECTION_CAPACITY_EMERGENCY,     /**< places of nood, spoednood and crisis */
	OPV_PROJECTION_CAPACITY_HOTEL,         /**< places of hotels */
	OPV_PROJECTION_CAPACITY_UNSPECIFIED,   /**< places given without a type */
	OPV_PROJECTION_CAPACITY_ABOVE_AGREEMENT, /**< part of the above: locations' places above their agreement */
	OPV_PROJECTION_TRANSIT_CAPACITY,       /**< transit places (doorstroom): not reception */
	OPV_PROJECTION_IN_TRANSIT,             /**< T: status holders in transit places */
	OPV_PROJECTION_TO_TRANSIT,             /**< M: moved from reception into transit places */
	OPV_PROJECTION_LEFT_TRANSIT,           /**< L: moved on from transit places */
	OPV_PROJECTION_HOUSING_DUE,            /**< what the housing pace asked of the week, before the cap of S */
	OPV_PROJECTION_COLUMN_COUNT
} opv_projection_column;

/** "in_procedure", "capacity_emergency", ...; NULL for no column. */
OPV_EXTERN(const char *) opv_projection_column_name(opv_projection_column column);

/** A projection without noise, as a table read by column (opaque). */
typedef struct opv_projection opv_projection;

/**
 * Runs the deterministic projection (no noise, no delays) into a table of
 * opv_scenario_weeks(s) + 1 rows.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_ERANGE (a stock would pass
 *         OPV_PROJECTION_MAX_STOCK; names the week), OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_projection_run(opv_projection **out, const opv_scenario *scenario,
                                   opv_error *err);
OPV_EXTERN(void) opv_projection_free(opv_projection *projection);

/** Rows: weeks + 1. */
OPV_EXTERN(size_t) opv_projection_rows(const opv_projection *projection);

/** The date of a row (start + 7 row); 0 for a row out of range. */
OPV_EXTERN(opv_day) opv_projection_date(const opv_projection *projection, size_t row);

/** A value; 0 for a row or column out of range. */
OPV_EXTERN(int64_t) opv_projection_get(const opv_projection *projection,
                                       opv_projection_column column, size_t row);

/** Reference figures a scenario names (field `references`): a published
 *  shortage on a date, drawn beside the projection.  Owned by the scenario. */
typedef struct opv_scenario_reference {
	opv_day date;
	int64_t shortage;
	const char *label;   /**< who published it; never NULL */
} opv_scenario_reference;

/** Number of reference figures. */
OPV_EXTERN(size_t) opv_scenario_reference_count(const opv_scenario *scenario);

/** Reference figure i, or NULL past the last. */
OPV_EXTERN(const opv_scenario_reference *) opv_scenario_reference_at(const opv_scenario *scenario,
                                                                    size_t i);

/**
 * Told how far a long call has come: `done` of `total` runs.  Called on the
 * thread that made the call, about ten times a second and once at the end;
 * return non-zero to stop, and the call returns OPV_ECANCELLED, writes
 * nothing and frees what it took.
 */
typedef int (*opv_progress_fn)(uint64_t done, uint64_t total, void *data);

#define OPV_MONTE_CARLO_OPTIONS_VERSION 1

/**
 * Which Monte Carlo runs.  Initialise with OPV_MONTE_CARLO_OPTIONS_INIT or
 * opv_monte_carlo_options_init().  How many threads run them is tuning
 * (opvang/experimental.h): the results do not depend on it.
 */
typedef struct opv_monte_carlo_options {
	unsigned int version;  /**< OPV_MONTE_CARLO_OPTIONS_VERSION */
	uint64_t runs;         /**< 1 .. OPV_PROJECTION_MAX_RUNS */
	uint64_t seed;         /**< any value */
	uint64_t first_run;    /**< the runs are first_run .. first_run + runs - 1 (0) */
	opv_progress_fn progress;  /**< NULL: none */
	void *progress_data;   /**< handed to progress */
} opv_monte_carlo_options;

#define OPV_MONTE_CARLO_OPTIONS_INIT { OPV_MONTE_CARLO_OPTIONS_VERSION, 1000, 0, 0, NULL, NULL }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_monte_carlo_options_init(opv_monte_carlo_options *options,
                                             unsigned int version);

/**
 * Checks the options as opv_monte_carlo_run() and opv_project_monte_carlo()
 * do, without running: the version, runs from 1 to OPV_PROJECTION_MAX_RUNS,
 * and first_run + runs within 2^64.  A caller can so refuse a run count
 * before it allocates one peak per run.
 * @return OPV_OK, or OPV_EINVAL (NULL options or one of the above), with the
 *   message opv_monte_carlo_run() would give.
 */
OPV_EXTERN(int) opv_monte_carlo_options_check(const opv_monte_carlo_options *options,
                                              opv_error *err);

/** Distribution over the runs of one week (row). */
typedef struct opv_monte_carlo_week {
	double occupancy_p05, occupancy_p50, occupancy_p95;
	double shortage_p05, shortage_p50, shortage_p95;
	double p_shortage;  /**< fraction of runs with shortage > 0 */
} opv_monte_carlo_week;

/**
 * The counts of a set of Monte Carlo runs (opaque): for every week how many
 * runs had each occupancy and each shortage, and how many runs had each peak
 * shortage.  Whole numbers, so the percentiles taken from the counts are
 * exact.  A week's values are kept as they are while they are few, and as
 * counts over their spread once they outnumber twice the spread: the memory
 * stops growing with the number of runs once the runs fill the spread.
 */
typedef struct opv_monte_carlo opv_monte_carlo;

/**
 * Runs options->runs Monte Carlo runs, first_run onwards, and counts them.
 * Run r draws its noise from a generator keyed by (seed, r), so the counts
 * of two run ranges merged (opv_monte_carlo_merge()) are those of one run
 * over both, bit for bit, on any machine and for any number of threads.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument, runs out of range,
 *   first_run + runs past 2^64, another options version), OPV_ERANGE (a
 *   stock too large: names the lowest run), OPV_ECANCELLED (progress asked
 *   to stop), OPV_ENOMEM.  A thread that cannot be started is no
 *   error: its share runs on the others.
 */
OPV_EXTERN(int) opv_monte_carlo_run(opv_monte_carlo **out, const opv_scenario *scenario,
                                    const opv_monte_carlo_options *options, opv_error *err);

/**
 * Adds the counts of `from` to `into`: runs of the same scenario and seed,
 * over run ranges that do not overlap.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument; another scenario, number of
 *   weeks or seed; overlapping runs, naming them), OPV_ENOMEM.  On failure
 *   `into` is unchanged.
 */
OPV_EXTERN(int) opv_monte_carlo_merge(opv_monte_carlo *into, const opv_monte_carlo *from,
                                      opv_error *err);

OPV_EXTERN(void) opv_monte_carlo_free(opv_monte_carlo *mc);

/** Runs counted. */
OPV_EXTERN(uint64_t) opv_monte_carlo_runs(const opv_monte_carlo *mc);

/**
 * The distribution of every week: percentiles interpolated linearly between
 * order statistics (NumPy's default), as opv_project_monte_carlo() gives.
 *
 * @param nrows  must equal the scenario's weeks + 1.
 * @return OPV_OK, OPV_EINVAL (NULL argument, wrong nrows).
 */
OPV_EXTERN(int) opv_monte_carlo_weeks(opv_monte_carlo_week *weeks, size_t nrows,
                                      const opv_monte_carlo *mc, opv_error *err);

/**
 * The percentile p (in [0, 1]) of the runs' peak shortages, interpolated as
 * the weekly ones; NaN for p outside [0, 1], NULL, or when memory runs out.
 */
OPV_EXTERN(double) opv_monte_carlo_peak_percentile(const opv_monte_carlo *mc, double p);

/**
 * Runs the Monte Carlo projection: opv_monte_carlo_run() and
 * opv_monte_carlo_weeks() in one call, and optionally each run's peak.
 * A scenario without a monte_carlo section has no noise: every run equals
 * the deterministic projection.
 *
 * @param weeks        out: nrows week summaries.
 * @param nrows        must equal opv_scenario_weeks(s) + 1.
 * @param peak_shortage out, nullable: options->runs peaks, one per run.
 * @param peak_week    out, nullable: options->runs rows at which each run's
 *                     peak first occurs.
 * @return as opv_monte_carlo_run(), and OPV_EINVAL for a wrong nrows.
 *   Memory: that of the counts, plus 12 bytes a run when the peaks are asked.
 */
OPV_EXTERN(int) opv_project_monte_carlo(opv_monte_carlo_week *weeks, size_t nrows,
                                        int64_t *peak_shortage, int32_t *peak_week,
                                        const opv_scenario *scenario,
                                        const opv_monte_carlo_options *options, opv_error *err);

/* ---- what drives the shortage --------------------------------------------- */

#define OPV_SENSITIVITY_OPTIONS_VERSION 1

typedef struct opv_sensitivity_options {
	unsigned int version;  /**< OPV_SENSITIVITY_OPTIONS_VERSION */
	/** Each input moves to v - |v| relative and v + |v| relative; in (0, 10]. */
	double relative;
	/** The day whose shortage is compared: the row on or before it; 0 for
	 *  the last row. */
	opv_day date;
	/** Inputs moved by an amount instead: v - amount and v + amount. */
	const char *const *absolute_inputs;
	const double *absolute_amounts;   /**< > 0, one per name */
	size_t nabsolute;
} opv_sensitivity_options;

#define OPV_SENSITIVITY_OPTIONS_INIT { OPV_SENSITIVITY_OPTIONS_VERSION, 0.1, 0, NULL, NULL, 0 }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_sensitivity_options_init(opv_sensitivity_options *options, unsigned int version);

/** One-at-a-time sensitivity of the shortage to a scenario's inputs (opaque). */
typedef struct opv_sensitivity opv_sensitivity;

/** The three points of an input: as given, moved down, moved up. */
typedef enum opv_sensitivity_point {
	OPV_SENSITIVITY_BASE = 0,
	OPV_SENSITIVITY_LOW = 1,
	OPV_SENSITIVITY_HIGH = 2
} opv_sensitivity_point;

/**
 * Moves every numeric input of the scenario that can change the shortage,
 * one at a time, down and up (docs/scenario.md lists them, named by their
 * field path such as `housing_per_week` or `capacity.changes[1].delta`), and
 * projects each without noise.  Whole-number inputs are rounded half up,
 * rates kept within their ranges.  The inputs come sorted by effect,
 * |shortage(high) - shortage(low)|, largest first, ties in the scenario's
 * order.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument, relative outside (0, 10], an
 *   absolute amount not above 0, another options version), OPV_ENOTFOUND (an
 *   absolute input the scenario does not have; lists them), OPV_ERANGE (the
 *   date outside the projection; a moved input that makes the scenario
 *   invalid, naming it; more than OPV_SENSITIVITY_MAX_INPUTS inputs),
 *   OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_sensitivity_run(opv_sensitivity **out, const opv_scenario *scenario,
                                    const opv_sensitivity_options *options, opv_error *err);

/**
 * Checks the options against the scenario as opv_sensitivity_run() does,
 * without projecting: the date, the relative move, the absolute inputs and
 * their amounts.  A program can so tell a wrong option from a scenario that
 * a move makes invalid, which only the run finds.
 * @return OPV_OK, OPV_EINVAL, OPV_ENOTFOUND, OPV_ERANGE (the date) or
 *   OPV_ENOMEM, as opv_sensitivity_run().
 */
OPV_EXTERN(int) opv_sensitivity_options_check(const opv_scenario *scenario,
                                              const opv_sensitivity_options *options,
                                              opv_error *err);
OPV_EXTERN(void) opv_sensitivity_free(opv_sensitivity *sensitivity);

/** Number of inputs moved. */
OPV_EXTERN(size_t) opv_sensitivity_count(const opv_sensitivity *sensitivity);

/** The field path of input i, or NULL past the last. */
OPV_EXTERN(const char *) opv_sensitivity_input(const opv_sensitivity *sensitivity, size_t i);

/** The input's value at a point: the number itself; for an array of weeks
 *  their mean; for housing_task.national the sum over its half-years; for
 *  the places of a location type, their sum.  0 past the last. */
OPV_EXTERN(double) opv_sensitivity_value(const opv_sensitivity *sensitivity, size_t i,
                                         opv_sensitivity_point point);

/** The shortage on the date with input i at a point (the base is the same
 *  for every input).  0 past the last. */
OPV_EXTERN(int64_t) opv_sensitivity_shortage(const opv_sensitivity *sensitivity, size_t i,
                                             opv_sensitivity_point point);

/** The date of the row compared. */
OPV_EXTERN(opv_day) opv_sensitivity_date(const opv_sensitivity *sensitivity);

/** The shortage on that date with every input as given. */
OPV_EXTERN(int64_t) opv_sensitivity_base(const opv_sensitivity *sensitivity);

/**
 * Writes a tornado chart (SVG) of the sensitivity to `path`: a bar per input
 * from its low to its high shortage, around the base.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_EIO (cannot write; names
 *         the reason).
 */
OPV_EXTERN(int) opv_sensitivity_write_svg(const opv_sensitivity *sensitivity, const char *path,
                                          opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
