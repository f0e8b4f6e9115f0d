/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/housing.h
 * @brief The status-holder housing task (Huisvestingswet 2014, art. 28-30):
 *        each municipality's half-year share of the permit holders to house,
 *        carry-over of backlogs, swaps between municipalities and the
 *        province's supervision ladder.
 *
 *     task_g      = ceil(vg * P_g / P_NL)            exact int64 arithmetic
 *     corrected_g = task_g + swap_g + carried_g     carried_g = previous balance
 *     balance_g   = corrected_g - realised_g         > 0 backlog, < 0 advance
 *
 * vg is the national number for a calendar half-year; P_g and P_NL are the
 * populations on 1 January of the year before the half-year's year (2025-H2
 * uses 1 January 2024).  Because every municipality rounds up, the tasks add
 * up to more than vg (2025-H2: 13,164 for vg = 13,000): that is the law, and
 * nothing here "corrects" it.
 */
#ifndef OPVANG_HOUSING_H
#define OPVANG_HOUSING_H

#include "opvang/core.h"
#include "opvang/date.h"
#include "opvang/register.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- half-year periods ----------------------------------------------------- */

/** A calendar half-year: `year` 1900..9999, `half` 1 (Jan-Jun) or 2 (Jul-Dec). */
typedef struct opv_period {
	int year;
	int half;
} opv_period;

/** Room for "YYYY-Hh" and its NUL. */
#define OPV_PERIOD_TEXT_SIZE 8

/**
 * Parses "2025-H2" strictly: four digits, "-H", then 1 or 2, nothing else.
 * @return OPV_OK, OPV_EINVAL (NULL argument) or OPV_EPARSE (names the text).
 */
OPV_EXTERN(int) opv_period_parse(opv_period *period, const char *text, opv_error *err);

/**
 * Writes "2025-H2" into `buf` (at least OPV_PERIOD_TEXT_SIZE bytes).
 * @return OPV_OK, or OPV_EINVAL for a NULL buffer, a short buffer or a period
 *         out of range.
 */
OPV_EXTERN(int) opv_period_format(char *buf, size_t size, opv_period period, opv_error *err);

/** The half-year after `period`; a period of year INT_MAX and half 2, which
 *  has none, comes back as it is. */
OPV_EXTERN(opv_period) opv_period_next(opv_period period);

/** Negative, zero or positive as a is before, equal to or after b. */
OPV_EXTERN(int) opv_period_compare(opv_period a, opv_period b);

/**
 * The population reference date of a period, 1 January of the previous year,
 * as "YYYY-01-01" into `buf` (at least 11 bytes).
 */
OPV_EXTERN(int) opv_period_reference_date(char *buf, size_t size, opv_period period,
                                          opv_error *err);

/**
 * The embedded register of a period's population reference date
 * (opv_period_reference_date(): Huisvestingswet 2014 art. 29): 1 January 2023
 * for the half-years of 2024, 1 January 2024 for 2025, 1 January 2025 for 2026.
 *
 * @return OPV_OK, OPV_EINVAL (NULL out, not a half-year) or OPV_ENOTFOUND
 *   (no register of that date is embedded; the message names the period, the
 *   date and the dates there are), or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_period_register(opv_register **out, opv_period period, opv_error *err);

/* ---- the task of one half-year -------------------------------------------- */

/** A swap: within one agreement, municipalities trade part of their tasks. */
typedef struct opv_swap {
	const char *agreement;  /**< agreement id; its deltas must add up to 0 */
	const char *code;       /**< municipality code */
	int64_t delta;          /**< added to the municipality's task (may be negative) */
} opv_swap;

#define OPV_HOUSING_OPTIONS_VERSION 1

typedef struct opv_housing_options {
	unsigned int version;       /**< OPV_HOUSING_OPTIONS_VERSION */
	int64_t national;           /**< vg: the national number for the period, 0..OPV_COUNT_MAX */
	opv_period period;          /**< the half-year */
	int64_t population_total;   /**< P_NL; 0 means the register's total */
	int carry_advance;          /**< 1 (default): an advance (negative balance) carries over; 0: it lapses */
} opv_housing_options;

#define OPV_HOUSING_OPTIONS_INIT { OPV_HOUSING_OPTIONS_VERSION, 0, { 0, 0 }, 0, 1 }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_housing_options_init(opv_housing_options *options, unsigned int version);

#define OPV_HOUSING_COLUMNS_VERSION 1

/**
 * Results, arrays of opv_register_count(reg) elements in register order, each
 * optional (NULL).  Initialise with OPV_HOUSING_COLUMNS_INIT (all NULL) or
 * opv_housing_columns_init().
 */
typedef struct opv_housing_columns {
	unsigned int version; /**< OPV_HOUSING_COLUMNS_VERSION */
	int64_t *task;       /**< ceil(vg * P_g / P_NL) */
	int64_t *swapped;    /**< sum of the swap deltas for g (0 without swaps) */
	int64_t *carried;    /**< previous balance carried in (0 for a lapsed advance) */
	int64_t *corrected;  /**< task + swapped + carried */
	int64_t *balance;    /**< corrected - realised (only with realised; else untouched) */
} opv_housing_columns;

#define OPV_HOUSING_COLUMNS_INIT { OPV_HOUSING_COLUMNS_VERSION, NULL, NULL, NULL, NULL, NULL }

/** Sets every column to NULL for `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_housing_columns_init(opv_housing_columns *columns, unsigned int version);

/** Size of opv_housing_summary::warning. */
#define OPV_WARNING_SIZE 256

#define OPV_HOUSING_SUMMARY_VERSION 1

/**
 * Sums of one housing task.  The caller sets `version`
 * (OPV_HOUSING_SUMMARY_INIT or opv_housing_summary_init()); the library
 * writes only the members of that version.
 */
typedef struct opv_housing_summary {
	unsigned int version;  /**< OPV_HOUSING_SUMMARY_VERSION */
	int64_t task;        /**< sum of the tasks (>= vg: every municipality rounds up) */
	int64_t corrected;   /**< sum of the corrected tasks */
	int64_t balance;     /**< sum of the balances (0 without realised) */
	int64_t population_total;  /**< the P_NL used */
	/** Non-empty when the result deserves a second look, e.g. when the
	 *  register's reference date is not the period's (1 January of the year
	 *  before).  The numbers are still computed. */
	char warning[OPV_WARNING_SIZE];
} opv_housing_summary;

#define OPV_HOUSING_SUMMARY_INIT { OPV_HOUSING_SUMMARY_VERSION, 0, 0, 0, 0, { 0 } }

/** Sets `summary` to zeros of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_housing_summary_init(opv_housing_summary *summary, unsigned int version);

/**
 * Computes the housing task of one half-year.
 *
 * @param out               where the results go (any member NULL).
 * @param summary           nullable: sums and the warning.
 * @param reg               the register (its populations are P_g).
 * @param previous_balance  nullable: balance per municipality at the end of the
 *                          previous half-year (positive = backlog).
 * @param realised          nullable: status holders housed per municipality in
 *                          this half-year (>= 0).  With it, balance is filled.
 * @param swaps             nullable with nswaps = 0.
 * @param options           vg, period and the carry rule; must not be NULL.
 * @return OPV_OK, or
 *   - OPV_EINVAL: NULL out/reg/options; a period that is not a valid half-year;
 *     another options version; a register without inhabitants; a swap
 *     agreement whose deltas do not add up to 0, or that would take a
 *     municipality's task below 0 (names the agreement and code);
 *   - OPV_ERANGE: vg outside 0..OPV_COUNT_MAX; population_total < 0; a negative realised count
 *     (names the code); vg * P_g or a sum that overflows int64 (names the code);
 *   - OPV_ENOTFOUND: a swap names an unknown municipality code;
 *   - OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_housing_task(const opv_housing_columns *out, opv_housing_summary *summary,
                                 const opv_register *reg, const int64_t *previous_balance,
                                 const int64_t *realised, const opv_swap *swaps, size_t nswaps,
                                 const opv_housing_options *options, opv_error *err);

/**
 * The realisation expected after month `month` (1..6) of the half-year:
 * corrected * month / 6.
 * @return OPV_OK, or OPV_EINVAL for a month outside 1..6 or NULL out, or
 *         OPV_ERANGE when corrected * month overflows.
 */
/**
 * The national figures of closing balances: the backlog Σ max(balance, 0) (the
 * figure the ministry publishes: 12,105 on 1 January 2025), the advance
 * Σ max(-balance, 0) and the net sum.  A net sum hides backlogs behind
 * advances elsewhere, so the backlog is the one to quote.
 *
 * @param backlog, advance, net  out, each nullable.
 * @return OPV_OK, OPV_EINVAL (NULL balance with n > 0) or OPV_ERANGE (a sum
 *   overflows).
 */
OPV_EXTERN(int) opv_housing_backlog(int64_t *backlog, int64_t *advance, int64_t *net,
                                    const int64_t *balance, size_t n, opv_error *err);

OPV_EXTERN(int) opv_housing_expected(double *expected, int64_t corrected, int month,
                                     opv_error *err);

/**
 * Runs several consecutive half-years: the balance of one is the previous
 * balance of the next.  Matrices are row-major, one row per period:
 * element [p * n + g] belongs to period p and municipality g (n = register
 * count).
 *
 * @param task      out, nullable: nperiods * n tasks.
 * @param corrected out, nullable: nperiods * n corrected tasks.
 * @param balance   out: nperiods * n balances.
 * @param reg       the register.
 * @param first     the first period; the others follow without gaps.
 * @param national  nperiods values of vg.
 * @param realised  nperiods * n realised counts.
 * @param initial_balance nullable: balance before the first period.
 * @param carry_advance   as in opv_housing_options.
 * @return as opv_housing_task(); messages name the period.
 */
OPV_EXTERN(int) opv_housing_run(int64_t *task, int64_t *corrected, int64_t *balance,
                                const opv_register *reg, opv_period first,
                                const int64_t *national, size_t nperiods,
                                const int64_t *realised, const int64_t *initial_balance,
                                int carry_advance, opv_error *err);

/* ---- swaps from CSV ----------------------------------------------------------- */

typedef struct opv_swap_table opv_swap_table;

/**
 * Loads swaps from a CSV file with the columns `agreement,code,delta`
 * (delta a whole number).  Codes are checked when the swaps are applied.
 * @return OPV_OK or the loader errors (OPV_EIO, OPV_EPARSE, OPV_ERANGE,
 *         OPV_ENOMEM) naming file, line and column.
 */
OPV_EXTERN(int) opv_swap_table_load_csv(opv_swap_table **out, const char *path, opv_error *err);
OPV_EXTERN(int) opv_swap_table_parse_csv(opv_swap_table **out, const char *data, size_t len,
                                         const char *source, opv_error *err);
OPV_EXTERN(void) opv_swap_table_free(opv_swap_table *table);
/** Number of swaps. */
OPV_EXTERN(size_t) opv_swap_table_count(const opv_swap_table *table);
/** The swaps as an array for opv_housing_task(), owned by the table. */
OPV_EXTERN(const opv_swap *) opv_swap_table_swaps(const opv_swap_table *table);

/* ---- supervision --------------------------------------------------------- */

/** The province's supervision ladder. */
typedef enum opv_supervision_state {
	OPV_ON_TRACK = 0,
	OPV_SIGNAL = 1,
	OPV_PLAN_REQUESTED = 2,
	OPV_FINAL_WARNING = 3,
	OPV_INTERVENTION = 4
} opv_supervision_state;

/** "on_track", "signal", "plan_requested", "final_warning", "intervention", or NULL. */
OPV_EXTERN(const char *) opv_supervision_state_name(opv_supervision_state state);

#define OPV_SUPERVISION_OPTIONS_VERSION 1

typedef struct opv_supervision_options {
	unsigned int version;   /**< OPV_SUPERVISION_OPTIONS_VERSION */
	int thresholds[4];      /**< misses for signal, plan, final warning, intervention:
	                             strictly increasing, first >= 1; default 1, 2, 3, 4 */
	int64_t tolerance;      /**< a half-year is missed when its balance exceeds this (default 0) */
} opv_supervision_options;

#define OPV_SUPERVISION_OPTIONS_INIT { OPV_SUPERVISION_OPTIONS_VERSION, { 1, 2, 3, 4 }, 0 }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_supervision_options_init(opv_supervision_options *options, unsigned int version);

/** One closing balance in a municipality's history. */
typedef struct opv_balance_record {
	const char *code;   /**< municipality code */
	opv_period period;  /**< the half-year it closes */
	int64_t balance;    /**< positive = backlog */
	long line;          /**< line in the input file (set by the loader), or 0 */
} opv_balance_record;

/**
 * Places every municipality on the ladder: its consecutive missed half-years
 * are counted back from its latest period; a gap of a half-year without a
 * record ends the run.  Municipalities without history are on track.
 *
 * @param misses  out, nullable: opv_register_count(reg) counts.
 * @param states  out, nullable: opv_register_count(reg) states.
 * @return OPV_OK, or OPV_EINVAL (NULL register, thresholds not strictly
 *   increasing from 1, another options version), OPV_ENOTFOUND (an unknown
 *   code), OPV_EDUPLICATE (one municipality and period twice) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_supervision(int64_t *misses, opv_supervision_state *states,
                                const opv_register *reg, const opv_balance_record *history,
                                size_t nhistory, const opv_supervision_options *options,
                                opv_error *err);

typedef struct opv_balance_history opv_balance_history;

/**
 * Loads a history from a CSV file with the columns `code,period,balance`.
 * @return OPV_OK or the loader errors, OPV_EPARSE for a malformed period
 *         ("2025-H3"), all naming file, line and column.
 */
OPV_EXTERN(int) opv_balance_history_load_csv(opv_balance_history **out, const char *path,
                                             opv_error *err);
OPV_EXTERN(int) opv_balance_history_parse_csv(opv_balance_history **out, const char *data,
                                              size_t len, const char *source, opv_error *err);
OPV_EXTERN(void) opv_balance_history_free(opv_balance_history *history);
OPV_EXTERN(size_t) opv_balance_history_count(const opv_balance_history *history);
/** The records, owned by the history. */
OPV_EXTERN(const opv_balance_record *) opv_balance_history_records(const opv_balance_history *history);

/**
 * The tasks of a history loaded with a `task` column (code,period,balance,task
 * as `opvang housing-task` prints them), one per record; NULL without it.
 */
OPV_EXTERN(const int64_t *) opv_balance_history_tasks(const opv_balance_history *history);

/* ---- realisation during the half-year ----------------------------------------- */

/** How a status holder was housed.  The values are stable. */
typedef enum opv_realised_kind {
	OPV_REALISED_HOME = 0,     /**< "woning": a home of one's own */
	OPV_REALISED_TRANSIT = 1,  /**< "doorstroomlocatie": a transit location */
	OPV_REALISED_FAMILY = 2    /**< "nareis": family joining a housed referent */
} opv_realised_kind;

#define OPV_REALISED_KIND_COUNT 3

/** "woning", "doorstroomlocatie", "nareis", or NULL. */
OPV_EXTERN(const char *) opv_realised_kind_name(opv_realised_kind kind);

/**
 * Reads a comma-separated list of kinds ("woning,nareis") as the bits of
 * opv_realisation_options.counting_kinds.
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_ENOTFOUND (an unknown or
 *   empty kind; the message lists the kinds); *kinds unchanged on failure.
 */
OPV_EXTERN(int) opv_realised_kinds_parse(unsigned int *kinds, const char *list, opv_error *err);

/** Dated counts of status holders housed (opaque). */
typedef struct opv_realised_log opv_realised_log;

/**
 * Loads dated realisations: CSV `code,date,count` and optionally `kind`
 * (woning when absent or empty).  A row is what a municipality reported for
 * a day or a month (dated its last day); rows add up.
 * @return OPV_OK or the loader errors; OPV_EPARSE (a bad date, count or
 *   kind, naming the file, line and column), OPV_ERANGE (a negative count).
 */
OPV_EXTERN(int) opv_realised_log_load_csv(opv_realised_log **out, const char *path,
                                          opv_error *err);
OPV_EXTERN(int) opv_realised_log_parse_csv(opv_realised_log **out, const char *data, size_t len,
                                           const char *source, opv_error *err);
OPV_EXTERN(void) opv_realised_log_free(opv_realised_log *log);

#define OPV_REALISATION_OPTIONS_VERSION 1

/** Every kind counts (docs/supervision.md says on what each rests). */
#define OPV_REALISED_ALL_KINDS 7u

typedef struct opv_realisation_options {
	unsigned int version;     /**< OPV_REALISATION_OPTIONS_VERSION */
	opv_period period;        /**< the half-year */
	opv_day as_of;            /**< the day of the count, on or after the half-year's first day */
	unsigned int counting_kinds;  /**< bits 1 << opv_realised_kind that count as realised */
} opv_realisation_options;

#define OPV_REALISATION_OPTIONS_INIT \
	{ OPV_REALISATION_OPTIONS_VERSION, { 0, 0 }, 0, OPV_REALISED_ALL_KINDS }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_realisation_options_init(opv_realisation_options *options, unsigned int version);

#define OPV_REALISATION_COLUMNS_VERSION 1

/**
 * The realisation of every municipality on a day of the half-year; each
 * column nullable.  Initialise with OPV_REALISATION_COLUMNS_INIT or
 * opv_realisation_columns_init().
 */
typedef struct opv_realisation_columns {
	unsigned int version;       /**< OPV_REALISATION_COLUMNS_VERSION */
	int64_t *realised;          /**< housed from the half-year's first day to as_of, counting kinds */
	double *share_realised;     /**< realised / task; NaN for a task of 0 */
	double *expected;           /**< task * share of the half-year passed: pro rata on as_of */
	double *projected_balance;  /**< task - realised / share passed: the balance at the end, at this pace */
} opv_realisation_columns;

#define OPV_REALISATION_COLUMNS_INIT { OPV_REALISATION_COLUMNS_VERSION, NULL, NULL, NULL, NULL }

/** Sets every column to NULL for `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_realisation_columns_init(opv_realisation_columns *columns,
                                             unsigned int version);

/**
 * The realisation during a half-year: what each municipality has housed by
 * as_of against its task pro rata.  The share of the half-year passed is
 * (as_of - first day + 1) / its days, 1 once it has ended; records dated
 * outside the half-year or after as_of are not counted.
 *
 * @param task  opv_register_count(reg) tasks: what is owed in the half-year
 *              (the corrected task of opv_housing_task()).
 * @param share_passed  out, nullable: the share of the half-year passed.
 * @return OPV_OK, OPV_EINVAL (NULL argument, another options version, kinds
 *   of no kind, an invalid period), OPV_ERANGE (as_of before the half-year;
 *   a negative task, naming its code; a sum that overflows), OPV_ENOTFOUND
 *   (a code of the log not in the register, naming its line).
 */
OPV_EXTERN(int) opv_housing_realisation(const opv_realisation_columns *out, double *share_passed,
                                        const opv_register *reg, const int64_t *task,
                                        const opv_realised_log *log,
                                        const opv_realisation_options *options, opv_error *err);

/* ---- interbestuurlijk toezicht: the steps a province takes ----------------- */

/**
 * The stages of the province's interventieladder under interbestuurlijk
 * toezicht (Gemeentewet art. 124; docs/supervision.md names the sources).
 * The values are stable.
 */
typedef enum opv_stage {
	OPV_STAGE_ON_TRACK = 0,      /**< "on_track": the latest half-year not missed */
	OPV_STAGE_SIGNALLING = 1,    /**< "signalling" (signalering) */
	OPV_STAGE_TALK = 2,          /**< "administrative_talk" (bestuurlijk overleg) */
	OPV_STAGE_WARNING = 3,       /**< "warning": a term to comply (begunstigingstermijn) */
	OPV_STAGE_SUBSTITUTION = 4,  /**< "substitution" (indeplaatsstelling, art. 124) */
	OPV_STAGE_NO_DATA = 5        /**< "no_data": no balance for the latest half-year that ended */
} opv_stage;

#define OPV_STAGE_COUNT 6

/** The stage's name, or NULL. */
OPV_EXTERN(const char *) opv_stage_name(opv_stage stage);

/** Looks a stage up by name; OPV_ENOTFOUND lists the names. */
OPV_EXTERN(int) opv_stage_from_name(opv_stage *stage, const char *name, opv_error *err);

#define OPV_LADDER_OPTIONS_VERSION 1

typedef struct opv_ladder_options {
	unsigned int version;     /**< OPV_LADDER_OPTIONS_VERSION */
	/** The day of the assessment: every municipality is judged on the
	 *  half-years that ended on or before it.  Required. */
	opv_day as_of;
	/** Consecutive missed half-years that reach signalling, administrative
	 *  talk, warning and substitution: non-decreasing, the first >= 1.
	 *  Default 1, 2, 3, 4: one step per missed half-year (an assumption; a
	 *  province may step faster: ECLI:NL:RVS:2018:2647). */
	int thresholds[4];
	/** A half-year is missed when its closing balance exceeds this many
	 *  people (default 0) ... */
	int64_t tolerance;
	/** ... or, when >= 0, this share of its task in millionths (50000 is 5%),
	 *  which needs the history's task column.  -1: the tolerance in people. */
	int64_t tolerance_ppm;
	/** Weeks of the term to comply that a warning sets, 1 .. 520 (default
	 *  13, an assumption). */
	int warning_term_weeks;
} opv_ladder_options;

#define OPV_LADDER_OPTIONS_INIT { OPV_LADDER_OPTIONS_VERSION, 0, { 1, 2, 3, 4 }, 0, -1, 13 }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_ladder_options_init(opv_ladder_options *options, unsigned int version);

/**
 * Reads a tolerance, "10" (people) or "5%" (of the task, to four decimals:
 * "2.5%"), into options->tolerance or options->tolerance_ppm.
 * @return OPV_OK, OPV_EPARSE (neither form), OPV_ERANGE (negative people, a
 *   share outside 0%..100%); options unchanged on failure.
 */
OPV_EXTERN(int) opv_ladder_tolerance_parse(opv_ladder_options *options, const char *text,
                                           opv_error *err);

/** Where the municipalities of a register stand (opaque). */
typedef struct opv_ladder opv_ladder;

/** The columns of a ladder, one value per municipality.  Stable; new ones are appended. */
typedef enum opv_ladder_column {
	OPV_LADDER_STAGE = 0,        /**< an opv_stage */
	OPV_LADDER_MISSES,           /**< consecutive missed half-years back from the latest ended one */
	OPV_LADDER_FIRST_MISSED,     /**< the first of them as year * 10 + half (20251 = 2025-H1), or 0 */
	OPV_LADDER_ENTERED,          /**< the day the stage was entered (an opv_day), or 0 */
	OPV_LADDER_TERM_ENDS,        /**< a warning: the last day of its term (an opv_day), or 0 */
	OPV_LADDER_BALANCE,          /**< the closing balance of the latest ended half-year (0 for no_data) */
	OPV_LADDER_TASK,             /**< its task, or -1 when the history has none */
	OPV_LADDER_COLUMN_COUNT
} opv_ladder_column;

/**
 * Places every municipality of the register on the ladder as of a date.
 * The latest half-year that ended on or before options->as_of is the one
 * judged: a municipality without a balance for it is no_data (never carried
 * forward); otherwise its consecutive misses are counted back from it, a
 * half-year without a record ending the run, and the stage is the highest
 * whose threshold they reach.  A stage is entered the day after the
 * half-year that brought the misses to its threshold ended; a warning's term
 * ends warning_term_weeks * 7 - 1 days later.  Balances of half-years that
 * had not ended by then are not used.
 *
 * @return OPV_OK, or OPV_EINVAL (NULL argument, no as_of, thresholds not
 *   non-decreasing from 1, a term outside 1..520, a share outside
 *   [0, 100%], a negative tolerance, a relative tolerance and a history
 *   without tasks, another options version), OPV_ERANGE (as_of outside the
 *   years 1900..9999 or before the end of the history's first half-year),
 *   OPV_ENOTFOUND (an unknown code),
 *   OPV_EDUPLICATE (one municipality and period twice), OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_ladder_run(opv_ladder **out, const opv_register *reg,
                               const opv_balance_history *history,
                               const opv_ladder_options *options, opv_error *err);

/**
 * Checks the options as opv_ladder_run() would, before any data is read, so
 * that a program can tell a wrong option from wrong data.  A tolerance as a
 * share of the task is accepted here; the run checks the history has tasks.
 * @return OPV_OK, OPV_EINVAL or OPV_ERANGE (as_of outside the years
 *   1900..9999), as opv_ladder_run().
 */
OPV_EXTERN(int) opv_ladder_options_check(const opv_ladder_options *options, opv_error *err);
OPV_EXTERN(void) opv_ladder_free(opv_ladder *ladder);

/** Municipalities: those of the register, in its order. */
OPV_EXTERN(size_t) opv_ladder_count(const opv_ladder *ladder);

/** A value; 0 out of range. */
OPV_EXTERN(int64_t) opv_ladder_get(const opv_ladder *ladder, opv_ladder_column column, size_t i);

/** "stage", "consecutive_misses", ...: the column's name, or NULL. */
OPV_EXTERN(const char *) opv_ladder_column_name(opv_ladder_column column);

/** The latest half-year that ended on or before the assessment date. */
OPV_EXTERN(opv_period) opv_ladder_period(const opv_ladder *ladder);

#ifdef __cplusplus
}
#endif

#endif
