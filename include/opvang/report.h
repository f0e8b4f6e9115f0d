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
#include "opvang/places.h"
#include "opvang/projection.h"
#include "opvang/register.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OPV_REPORT_OPTIONS_VERSION 1

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
} opv_report_options;

#define OPV_REPORT_OPTIONS_INIT { OPV_REPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL }

/**
 * Writes the report of `day` into the directory `dir`.
 *
 * Nothing is written until every number is known.  The pages go into a new
 * directory beside `dir` that then takes its place, so `dir` is never left
 * half overwritten: it must not exist, be empty, or hold an earlier report
 * (which is replaced).  Any other existing directory is refused.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument, options of another version, an
 *   existing `dir` that is not a report, tasks or locations of another
 *   register), the errors of opv_compliance_on(), of opv_project() and
 *   opv_project_monte_carlo() for a scenario, OPV_EIO (a file or
 *   directory that cannot be made; names it and why) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_report_write(const char *dir, const opv_register *reg,
                                 const opv_locations *locations, const opv_tasks *tasks,
                                 opv_day day, const opv_report_options *options, opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
