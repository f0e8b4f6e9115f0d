/* SPDX-License-Identifier: EUPL-1.2 */
/* A validated scenario, as the projection reads it.  Internal. */
#ifndef OPV_LIB_SCENARIO_INTERNAL_H
#define OPV_LIB_SCENARIO_INTERNAL_H

#include "opvang/places.h"
#include "opvang/projection.h"

/* The kinds of capacity; the first four are reception capacity. */
enum opv__capacity_kind {
	OPV__KIND_REGULAR,
	OPV__KIND_EMERGENCY,
	OPV__KIND_HOTEL,
	OPV__KIND_UNSPECIFIED,
	OPV__KIND_TRANSIT,
	OPV__KIND_COUNT
};

/* A reception capacity increase that Monte Carlo runs may delay: while
 * delayed, rows first_row .. end_row-1 lack `delta` places. */
struct opv__opening {
	int first_row;
	int end_row;
	int64_t delta;
};

/* A half-year that weeks of the projection fall in, for housing from the task. */
struct opv__half_year {
	int64_t national;   /* vg */
	int weeks;          /* weeks of the projection's grid whose first day falls in it */
};

struct opv_scenario {
	opv_day start;
	int weeks;
	int64_t initial[3];         /* in procedure, status holders, other */
	int64_t initial_transit;    /* status holders in transit places at start */
	double *inflow;             /* weeks: expected inflow of week k, seasonality applied */
	double decision_rate, grant_rate, departure_rate, transit_departure_rate;

	/* Housing: housing[k] per week, or from the task when `from_task`. */
	double *housing;
	int from_task;
	double realisation;
	int64_t initial_backlog;
	struct opv__half_year *half_years;
	int *week_half;             /* weeks: the half-year of week k's first day */
	int *week_position;         /* weeks: how many grid weeks of that half-year come before */

	int64_t *capacity;          /* weeks + 1: reception capacity of row k without delays */
	int64_t *kinds;             /* (weeks + 1) * OPV__KIND_COUNT: capacity of row k by kind */
	int64_t *above_agreement;   /* weeks + 1 */
	struct opv__opening *openings;
	size_t nopenings;
	int64_t target_millionths;  /* target occupancy * 10^6 */
	int has_monte_carlo;
	double inflow_cv, inflow_autocorrelation, housing_cv, delay_probability;
	int delay_weeks;

	opv_scenario_reference *references;
	size_t nreferences;
	char *strings;              /* the references' labels */

	/* What it was read from, so that opv_sensitivity can read it again
	 * with one input moved: the JSON document and the locations table. */
	void *document;             /* json_t * */
	uint64_t fingerprint;       /* of the document and the locations, for merging counts */
	opv_locations *locations;   /* NULL without a locations file */
	int owns_locations;
};

/* The kind of capacity of a location type. */
enum opv__capacity_kind opv__capacity_kind_of(opv_location_type type);

/*
 * Reads the scenario of `document` (a json_t *) again, with the locations
 * of `like`, their capacity multiplied by location_scale[type] (rounded half
 * up; NULL: as they are).  The new scenario shares `like`'s locations and
 * must be freed before it.
 */
int opv__scenario_reread(opv_scenario **out, const opv_scenario *like, void *document,
                         const double *location_scale, opv_error *err);

#endif
