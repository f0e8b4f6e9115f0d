/* SPDX-License-Identifier: EUPL-1.2 */
/* A validated scenario, as the projection reads it.  Internal. */
#ifndef OPV_LIB_SCENARIO_INTERNAL_H
#define OPV_LIB_SCENARIO_INTERNAL_H

#include "opvang/projection.h"

/* A capacity increase that Monte Carlo runs may delay: while delayed, rows
 * first_row .. end_row-1 lack `delta` places. */
struct opv__opening {
	int first_row;
	int end_row;
	int64_t delta;
};

struct opv_scenario {
	opv_day start;
	int weeks;
	int64_t initial[3];         /* in procedure, status holders, other */
	double *inflow;             /* weeks: expected inflow of week k, seasonality applied */
	double *housing;            /* weeks: status holders housed in week k (before the cap) */
	double decision_rate, grant_rate, departure_rate;
	int64_t *capacity;          /* weeks + 1: capacity of row k without delays */
	struct opv__opening *openings;
	size_t nopenings;
	int64_t target_millionths;  /* target occupancy * 10^6 */
	int has_monte_carlo;
	double inflow_cv, inflow_autocorrelation, housing_cv, delay_probability;
	int delay_weeks;
};

#endif
