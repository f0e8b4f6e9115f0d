/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/report.h
 * @brief The letter to every municipality: a static HTML site with a national
 *        map, a page per province and a page per municipality.
 *
 * The report is a presentation of opv_compliance_on() for one day: every
 * number on every page is a number of that table (and of
 * opv_location_assess() for the locations), formatted for Dutch readers
 * ("1.480").  The pages are self-contained (no request to another host, no
 * script), work from file://, print on A4, and carry the inputs, the day and
 * the version that made them.  Maps are inline SVG from the CBS municipal
 * boundaries of 2025, projected to RD New (EPSG:28992) by PROJ when the
 * library was built.
 *
 * The site:
 *   DIR/index.html                  the nation: summary, map, provinces,
 *                                   the municipalities that fall short, and
 *                                   with a scenario the shortfall projection
 *   DIR/provinces/PVxx.html         a province: net gap, map, municipalities
 *   DIR/municipalities/GMxxxx.html  a municipality: task and its source, every
 *                                   location and whether it counts, the gap,
 *                                   what the letter asks it to explain
 */
#ifndef OPVANG_REPORT_H
#define OPVANG_REPORT_H

#include "opvang/core.h"
#include "opvang/date.h"
#include "opvang/housing.h"
#include "opvang/places.h"
#include "opvang/projection.h"
#include "opvang/register.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OPV_REPORT_OPTIONS_VERSION 1
#define OPV_REPORT_HOUSING_VERSION 1

/**
 * The status-holder housing task of one half-year, to show on every
 * municipality's page beside its reception task.  The arrays hold one value
 * per municipality of the report's register, in its order, as
 * opv_housing_task() and opv_ladder_run() give them; the report shows them
 * as they are.
 */
typedef struct opv_report_housing {
	unsigned int version;               /**< OPV_REPORT_HOUSING_VERSION */
	opv_period period;                  /**< the half-year */
	int64_t national;                   /**< vg, the national number */
	const char *population_date;        /**< the population the task rests on ("2025-01-01") */
	const int64_t *task;                /**< required: ceil(vg * P_g / P_NL) */
	const int64_t *corrected;           /**< nullable: task + swapped + carried */
	const int64_t *realised;            /**< nullable: housed in the half-year */
	const int64_t *balance;             /**< nullable: corrected - realised */
	/** nullable: OPV_LADDER_COLUMN_COUNT values a municipality (opv_ladder_get()),
	 *  the stage of supervision as of the half-year's first day, that is on
	 *  the half-years before it. */
	const int64_t *ladder;
	opv_period judged;                  /**< the half-year the ladder judged */
} opv_report_housing;

#define OPV_REPORT_HOUSING_INIT \
	{ OPV_REPORT_HOUSING_VERSION, { 0, 0 }, 0, NULL, NULL, NULL, NULL, NULL, NULL, { 0, 0 } }

/** Sets `housing` to empty members of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_report_housing_init(opv_report_housing *housing, unsigned int version);

/** What a report says about how it was made; every member has a default. */
typedef struct opv_report_options {
	unsigned int version;                 /**< OPV_REPORT_OPTIONS_VERSION */
	const opv_compliance_options *rules;  /**< NULL: the law's reading */
	const char *locations_name;           /**< the locations input as shown; NULL: "locaties" */
	const char *tasks_name;               /**< the tasks input as shown; NULL: the tasks' origin */
	/** NULL, or a scenario whose shortfall projection the index shows as a
	 *  chart (occupancy, capacity, shortage) and a table, with the Monte
	 *  Carlo band P5-P95 when the scenario has a monte_carlo section. */
	const opv_scenario *scenario;
	const char *scenario_name;            /**< the scenario input as shown; NULL: "scenario" */
	/** NULL: 1000 runs, seed 0, one thread (the band does not depend on threads). */
	const opv_monte_carlo_options *monte_carlo;
	/** NULL, or the housing task of a half-year for the municipality pages. */
	const opv_report_housing *housing;
} opv_report_options;

/**
 * Computes the housing section of a report as opv_housing_task() and
 * opv_ladder_run() (as of the half-year's first day, with the default ladder)
 * compute it, on `housing_reg` (the register of the half-year's population
 * date: opv_period_register()), and puts it in the order of the report's
 * register `reg` by municipality code.
 *
 * @param out               out: a new record, released with opv_report_housing_free().
 * @param previous_balance  nullable: in the order of `housing_reg`, as for opv_housing_task().
 * @param realised          nullable: likewise; with it the balance.
 * @param history           nullable: closing balances for the supervision stage.
 * @return OPV_OK, the errors of opv_housing_task() and opv_ladder_run(),
 *   OPV_ENOTFOUND (a municipality of `reg` that `housing_reg` does not have)
 *   or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_report_housing_new(opv_report_housing **out, const opv_register *reg,
                                       const opv_register *housing_reg,
                                       const opv_housing_options *options,
                                       const int64_t *previous_balance, const int64_t *realised,
                                       const opv_balance_history *history, opv_error *err);

OPV_EXTERN(void) opv_report_housing_free(opv_report_housing *housing);

#define OPV_REPORT_OPTIONS_INIT \
	{ OPV_REPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_report_options_init(opv_report_options *options, unsigned int version);

/**
 * Writes the report of `day` into the directory `dir`.
 *
 * Nothing is written until every number is known.  The pages go into a new
 * directory beside `dir` that then takes its place, so `dir` is never left
 * half overwritten: it must not exist, be empty, or hold an earlier report
 * and nothing else (which is replaced).  Any other existing directory, and
 * a symbolic link, is refused.  Because `dir` is replaced by renaming, its
 * parent must be writable and `dir` cannot be a mount point.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument, options of another version, an
 *   existing `dir` that is not a report, tasks or locations of another
 *   register), the errors of opv_compliance_on(), of opv_project() and
 *   opv_project_monte_carlo() for a scenario, OPV_EINVAL for housing of
 *   another version, without tasks or of a period that is not a half-year,
 *   OPV_EIO (a file or
 *   directory that cannot be made; names it and why) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_report_write(const char *dir, const opv_register *reg,
                                 const opv_locations *locations, const opv_tasks *tasks,
                                 opv_day day, const opv_report_options *options, opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
