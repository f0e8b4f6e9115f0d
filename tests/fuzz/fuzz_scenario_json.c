/* SPDX-License-Identifier: EUPL-1.2 */
/* The scenario reader and the projection over every scenario it accepts:
 * mass balance with the transit flow, no negative stock, capacity the sum of
 * its kinds, Monte Carlo independent of threads, and the sensitivity's base
 * equal to the projection's. */
#define OPV_EXPERIMENTAL_API  /* the same on two threads */
#include "opvang/experimental.h"
#include "fuzz_util.h"

#define GET(c, k) opv_projection_get(p, OPV_PROJECTION_##c, k)

static void check_table(const opv_projection *p, size_t rows)
{
	size_t k;
	for (k = 0; k < rows; k++) {
		FUZZ_CHECK(GET(IN_PROCEDURE, k) >= 0 && GET(STATUS_HOLDERS, k) >= 0 && GET(OTHER, k) >= 0);
		FUZZ_CHECK(GET(OCCUPANCY, k) == GET(IN_PROCEDURE, k) + GET(STATUS_HOLDERS, k) + GET(OTHER, k));
		FUZZ_CHECK(GET(SHORTAGE, k) >= 0 && GET(PLANNING_SHORTAGE, k) >= GET(SHORTAGE, k));
		FUZZ_CHECK(GET(CAPACITY, k) == GET(CAPACITY_REGULAR, k) + GET(CAPACITY_EMERGENCY, k) +
		                               GET(CAPACITY_HOTEL, k) + GET(CAPACITY_UNSPECIFIED, k));
		FUZZ_CHECK(GET(IN_TRANSIT, k) >= 0 && GET(IN_TRANSIT, k) <= GET(TRANSIT_CAPACITY, k));
		if (k > 0) {
			FUZZ_CHECK(GET(OCCUPANCY, k) - GET(OCCUPANCY, k - 1) ==
			           GET(INFLOW, k) - GET(HOUSED, k) - GET(TO_TRANSIT, k) - GET(DEPARTED, k));
			FUZZ_CHECK(GET(HOUSED, k) + GET(TO_TRANSIT, k) <= GET(STATUS_HOLDERS, k - 1));
			FUZZ_CHECK(GET(IN_TRANSIT, k) - GET(IN_TRANSIT, k - 1) ==
			           GET(TO_TRANSIT, k) - GET(LEFT_TRANSIT, k));
			FUZZ_CHECK(GET(HOUSED, k) <= GET(HOUSING_DUE, k));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	opv_scenario *s = NULL;
	opv_projection *p = NULL;
	opv_error err = OPV_ERROR_INIT;
	opv_monte_carlo_week *one, *two;
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	size_t k, rows;
	int rc = opv_scenario_parse_json(&s, (const char *)data, size, "f.json", "/nonexistent", NULL, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		FUZZ_CHECK(s == NULL);
		return 0;
	}
	rows = (size_t)opv_scenario_weeks(s) + 1;
	one = calloc(rows, sizeof *one);
	two = calloc(rows, sizeof *two);
	FUZZ_CHECK(one && two);
	rc = opv_projection_run(&p, s, &err);
	if (rc == OPV_OK) {
		FUZZ_CHECK(opv_projection_rows(p) == rows);
		check_table(p, rows);
		o.runs = 5;
		o.seed = size;
		rc = opv_project_monte_carlo(one, rows, NULL, NULL, s, &o, &err);
		if (rc == OPV_OK) {
			opv_tuning two_threads = OPV_TUNING_INIT;
			two_threads.threads = 2;
			FUZZ_CHECK(opv_project_monte_carlo_tuned(two, rows, NULL, NULL, s, &o, &two_threads,
			                                         NULL) == OPV_OK);
			FUZZ_CHECK(memcmp(one, two, rows * sizeof *one) == 0);
			for (k = 0; k < rows; k++)
				FUZZ_CHECK(one[k].occupancy_p05 <= one[k].occupancy_p50 &&
				           one[k].occupancy_p50 <= one[k].occupancy_p95);
		} else {
			FUZZ_CHECK_ERROR(rc, err);
		}
		if (rows <= 30) {
			opv_sensitivity_options so = OPV_SENSITIVITY_OPTIONS_INIT;
			opv_sensitivity *sens = NULL;
			rc = opv_sensitivity_run(&sens, s, &so, &err);
			if (rc == OPV_OK) {
				FUZZ_CHECK(opv_sensitivity_base(sens) == GET(SHORTAGE, rows - 1));
				for (k = 0; k < opv_sensitivity_count(sens); k++)
					FUZZ_CHECK(opv_sensitivity_shortage(sens, k, OPV_SENSITIVITY_BASE) ==
					           opv_sensitivity_base(sens));
			} else {
				FUZZ_CHECK_ERROR(rc, err);
			}
			opv_sensitivity_free(sens);
		}
	} else {
		FUZZ_CHECK_ERROR(rc, err);
	}
	opv_projection_free(p);
	free(one);
	free(two);
	opv_scenario_free(s);
	return 0;
}
