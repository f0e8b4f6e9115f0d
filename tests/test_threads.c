/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The models called from several threads at once on one shared register,
 * scenario and locations table must give exactly the single-threaded
 * results.  Run under ThreadSanitizer too (scripts/test does).
 */
#include <pthread.h>
#include <stdio.h>

#define OPV_EXPERIMENTAL_API  /* opv_tuning: each call on two threads too */
#include "opvang/experimental.h"
#include "testutil.h"

#ifndef OPV_TEST_DIR
#error "OPV_TEST_DIR must name tests/"
#endif

#define THREADS 4
#define ROUNDS 20

/* Enough weights for an apportionment on two threads of its own. */
#define UNITS (2 << 17)

struct shared {
	const opv_register *reg;
	const opv_scenario *scenario;
	const opv_locations *locations;
	const double *weights;  /* UNITS */
	int64_t *seats;         /* UNITS per worker and one for the expected results */
};

struct results {
	int64_t places[342], amv[342], task[342], counting[342];
	opv_projection_row rows[27];
	opv_monte_carlo_week weeks[27];
	uint64_t seats_hash;
	int failures;
};

static void compute(struct results *r, const struct shared *s, int64_t *seats, int round)
{
	opv_distribution_columns dc = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options d = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t d_total = 0, d_amv = 0;
	opv_housing_columns hc = { OPV_HOUSING_COLUMNS_VERSION, r->task, NULL, NULL, NULL, NULL };
	opv_housing_options h = OPV_HOUSING_OPTIONS_INIT;
	opv_places_columns pc = { OPV_PLACES_COLUMNS_VERSION, NULL, NULL, r->counting, NULL };
	opv_places_options p = OPV_PLACES_OPTIONS_INIT;
	opv_monte_carlo_options m = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning two = OPV_TUNING_INIT;
	two.threads = 2;
	dc.places = r->places;
	dc.amv = r->amv;
	d_total = 96000 + round;
	d_amv = 8140;
	d.method = (opv_method)(round % 5);
	h.national = 13000 + round;
	h.period.year = 2025;
	h.period.half = 2;
	opv_date_parse(&p.date, "2026-06-30", NULL);
	m.runs = 200;
	m.seed = (uint64_t)round;
	r->failures += opv_distribute(&dc, NULL, s->reg, d_total, d_amv, NULL, &d, NULL) != OPV_OK;
	r->failures += opv_housing_task(&hc, NULL, s->reg, NULL, NULL, NULL, 0, &h, NULL) != OPV_OK;
	r->failures += opv_places_on(&pc, s->reg, s->locations, NULL, &p, NULL) != OPV_OK;
	r->failures += opv_project(r->rows, 27, s->scenario, NULL) != OPV_OK;
	r->failures += opv_project_monte_carlo_tuned(r->weeks, 27, NULL, NULL, s->scenario, &m, &two,
	                                             NULL) != OPV_OK;
	if (round % 5 == 0) {
		/* Hamilton, then each divisor method in turn */
		opv_apportion_options a = OPV_APPORTION_OPTIONS_INIT;
		size_t i;
		a.method = (opv_method)(round / 5 % 5);
		r->failures += opv_apportion_tuned(seats, s->weights, UNITS, 100000007 + round, &a, &two,
		                                   NULL) != OPV_OK;
		for (i = 0; i < UNITS; i++)
			r->seats_hash = r->seats_hash * 1099511628211u + (uint64_t)seats[i];
	}
}

/* Field by field: the rows have padding, whose bytes are not part of the result. */
static int same_results(const struct results *a, const struct results *b)
{
	int k;
	if (memcmp(a->places, b->places, sizeof a->places) || memcmp(a->amv, b->amv, sizeof a->amv) ||
	    memcmp(a->task, b->task, sizeof a->task) ||
	    memcmp(a->counting, b->counting, sizeof a->counting) ||
	    memcmp(a->weeks, b->weeks, sizeof a->weeks) || a->seats_hash != b->seats_hash ||
	    a->failures != b->failures)
		return 0;
	for (k = 0; k < 27; k++) {
		const opv_projection_row *x = &a->rows[k], *y = &b->rows[k];
		if (x->date != y->date || x->in_procedure != y->in_procedure ||
		    x->status_holders != y->status_holders || x->other != y->other ||
		    x->occupancy != y->occupancy || x->capacity != y->capacity ||
		    x->shortage != y->shortage || x->planning_shortage != y->planning_shortage ||
		    x->inflow != y->inflow || x->decided != y->decided || x->granted != y->granted ||
		    x->housed != y->housed || x->departed != y->departed)
			return 0;
	}
	return 1;
}

struct worker {
	pthread_t thread;
	int64_t *seats;
	const struct shared *shared;
	const struct results *expected; /* ROUNDS results, computed alone */
	int mismatches;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct results *mine = calloc(1, sizeof *mine);
	int round;
	for (round = 0; round < ROUNDS; round++) {
		memset(mine, 0, sizeof *mine);
		compute(mine, w->shared, w->seats, round);
		w->mismatches += !same_results(mine, &w->expected[round]);
	}
	free(mine);
	return NULL;
}

START_TEST(models_agree_across_threads)
{
	opv_register *reg = NULL;
	opv_scenario *scenario = NULL;
	opv_locations *locations = NULL;
	struct results *expected = calloc(ROUNDS, sizeof *expected);
	struct worker workers[THREADS];
	struct shared shared;
	opv_error err = OPV_ERROR_INIT;
	double *weights;
	int64_t *seats;
	size_t i;
	int round, t;
	ck_assert_int_eq(opv_register_default(&reg, NULL), OPV_OK);
	ck_assert_msg(opv_scenario_load_json(&scenario, OPV_TEST_DIR "/../examples/scenarios/march_2026.json",
	                                     reg, &err) == OPV_OK, "%s", err.message);
	ck_assert_msg(opv_locations_load_csv(&locations, reg, OPV_TEST_DIR "/../examples/data/synthetic_locations.csv",
	                                     &err) == OPV_OK, "%s", err.message);
	weights = malloc(UNITS * sizeof *weights);
	seats = malloc((THREADS + 1) * (size_t)UNITS * sizeof *seats);
	ck_assert_ptr_nonnull(seats);
	for (i = 0; i < UNITS; i++)
		weights[i] = (double)(1 + (i * 2654435761u) % 100003);
	shared = (struct shared){ reg, scenario, locations, weights, seats };
	for (round = 0; round < ROUNDS; round++) {
		compute(&expected[round], &shared, seats + THREADS * (size_t)UNITS, round);
		ck_assert_int_eq(expected[round].failures, 0);
	}
	for (t = 0; t < THREADS; t++) {
		workers[t] = (struct worker){ 0 };
		workers[t].shared = &shared;
		workers[t].expected = expected;
		workers[t].seats = seats + t * (size_t)UNITS;
		ck_assert_int_eq(pthread_create(&workers[t].thread, NULL, work, &workers[t]), 0);
	}
	for (t = 0; t < THREADS; t++) {
		pthread_join(workers[t].thread, NULL);
		ck_assert_int_eq(workers[t].mismatches, 0);
	}
	free(expected);
	free(weights);
	free(seats);
	opv_locations_free(locations);
	opv_scenario_free(scenario);
	opv_register_free(reg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("threads");
	tcase_add_test(tc, models_agree_across_threads);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
