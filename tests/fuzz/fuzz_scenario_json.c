/* SPDX-License-Identifier: EUPL-1.2 */
/* The scenario reader and the projection over every scenario it accepts:
 * mass balance, no negative stock, Monte Carlo independent of threads. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	opv_scenario *s = NULL;
	opv_error err = OPV_ERROR_INIT;
	opv_projection_row *r;
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
	r = calloc(rows, sizeof *r);
	one = calloc(rows, sizeof *one);
	two = calloc(rows, sizeof *two);
	FUZZ_CHECK(r && one && two);
	rc = opv_project(r, rows, s, &err);
	if (rc == OPV_OK) {
		for (k = 0; k < rows; k++) {
			FUZZ_CHECK(r[k].in_procedure >= 0 && r[k].status_holders >= 0 && r[k].other >= 0);
			FUZZ_CHECK(r[k].occupancy == r[k].in_procedure + r[k].status_holders + r[k].other);
			FUZZ_CHECK(r[k].shortage >= 0 && r[k].planning_shortage >= r[k].shortage);
			if (k > 0) {
				FUZZ_CHECK(r[k].occupancy - r[k - 1].occupancy == r[k].inflow - r[k].housed - r[k].departed);
				FUZZ_CHECK(r[k].housed <= r[k - 1].status_holders);
			}
		}
		o.runs = 5;
		o.seed = size;
		o.threads = 1;
		rc = opv_project_monte_carlo(one, rows, NULL, NULL, s, &o, &err);
		if (rc == OPV_OK) {
			o.threads = 2;
			FUZZ_CHECK(opv_project_monte_carlo(two, rows, NULL, NULL, s, &o, NULL) == OPV_OK);
			FUZZ_CHECK(memcmp(one, two, rows * sizeof *one) == 0);
			for (k = 0; k < rows; k++)
				FUZZ_CHECK(one[k].occupancy_p05 <= one[k].occupancy_p50 &&
				           one[k].occupancy_p50 <= one[k].occupancy_p95);
		} else {
			FUZZ_CHECK_ERROR(rc, err);
		}
	} else {
		FUZZ_CHECK_ERROR(rc, err);
	}
	free(r);
	free(one);
	free(two);
	opv_scenario_free(s);
	return 0;
}
