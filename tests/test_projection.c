/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The shortfall projection.  Golden values come from the public calibration
 * points in the domain notes and from hand computations; the random
 * scenarios check the invariants (mass balance, no negative stock) rather
 * than any particular number.
 */
#include <math.h>
#include <stdio.h>

#define OPV_EXPERIMENTAL_API  /* opv_tuning: runs on several threads */
#include "opvang/experimental.h"
#include "testutil.h"
#include "rng.h"
#include "percentile.h"
#include "counts.h"

static opv_scenario *scenario(const char *json)
{
	opv_scenario *s = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_scenario_parse_json(&s, json, strlen(json), "s.json", NULL, NULL, &err) == OPV_OK,
	              "%s", err.message);
	return s;
}

static opv_projection_row *project(const opv_scenario *s)
{
	size_t n = (size_t)opv_scenario_weeks(s) + 1;
	opv_projection_row *rows = calloc(n, sizeof *rows);
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_project(rows, n, s, &err) == OPV_OK, "%s", err.message);
	return rows;
}

static opv_day day(const char *text)
{
	opv_day d;
	ck_assert_int_eq(opv_date_parse(&d, text, NULL), OPV_OK);
	return d;
}

START_TEST(philox_known_answers)
{
	/* Known-answer vectors of Random123's philox4x32-10 (kat_vectors). */
	uint32_t out[4];
	const uint32_t zero[4] = { 0, 0, 0, 0 }, zero_key[2] = { 0, 0 };
	const uint32_t ones[4] = { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff };
	const uint32_t ones_key[2] = { 0xffffffff, 0xffffffff };
	const uint32_t pi[4] = { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 };
	const uint32_t pi_key[2] = { 0xa4093822, 0x299f31d0 };
	opv__philox4x32_10(out, zero, zero_key);
	ck_assert_uint_eq(out[0], 0x6627e8d5);
	ck_assert_uint_eq(out[1], 0xe169c58d);
	ck_assert_uint_eq(out[2], 0xbc57ac4c);
	ck_assert_uint_eq(out[3], 0x9b00dbd8);
	opv__philox4x32_10(out, ones, ones_key);
	ck_assert_uint_eq(out[0], 0x408f276d);
	ck_assert_uint_eq(out[3], 0x6d5451fd);
	opv__philox4x32_10(out, pi, pi_key);
	ck_assert_uint_eq(out[0], 0xd16cfe09);
	ck_assert_uint_eq(out[3], 0x24126ea1);
}
END_TEST

START_TEST(deviates_have_mean_zero_and_variance_one)
{
	double sum = 0, squares = 0, lo = 0, hi = 0;
	int i, n = 200000;
	double cross = 0;
	for (i = 0; i < n / 2; i++) {
		double z[2];
		int j;
		opv__deviate_pair(z, 42, 7, (uint64_t)i);
		cross += z[0] * z[1];
		for (j = 0; j < 2; j++) {
			sum += z[j];
			squares += z[j] * z[j];
			lo = z[j] < lo ? z[j] : lo;
			hi = z[j] > hi ? z[j] : hi;
		}
	}
	/* Standard errors: 1/sqrt(n) = 0.0022 for the mean, about 0.0028 for the
	 * variance, 0.0032 for the correlation of the two deviates of a draw. */
	ck_assert_double_le(fabs(cross / (n / 2)), 0.015);
	ck_assert_double_le(fabs(sum / n), 0.01);
	ck_assert_double_le(fabs(squares / n - 1.0), 0.015);
	ck_assert_double_ge(lo, -2 * 1.7320508075688772);
	ck_assert_double_le(hi, 2 * 1.7320508075688772);
}
END_TEST

START_TEST(autumn_2021_calibration)
{
	/* 27,000 occupied plus a net 500 a week (about 2,000 a month) with no
	 * outflow gives 27,000 + 12 * 500 = 33,000 in row 12. */
	opv_scenario *s = scenario(
		"{\"start\": \"2021-08-02\", \"weeks\": 13,"
		" \"initial\": {\"in_procedure\": 27000, \"status_holders\": 0, \"other\": 0},"
		" \"inflow_per_week\": 500, \"decision_rate\": 0, \"grant_rate\": 0.5,"
		" \"housing_per_week\": 0, \"departure_rate\": 0, \"capacity\": {\"initial\": 29000}}");
	opv_projection_row *r = project(s);
	ck_assert_int_eq(r[0].occupancy, 27000);
	ck_assert_int_eq(r[0].inflow, 0);
	ck_assert_int_eq(r[12].occupancy, 33000);
	ck_assert_int_eq(r[12].inflow, 500);
	ck_assert_int_eq(r[12].shortage, 4000);
	ck_assert_int_eq(r[12].date, day("2021-10-25"));
	ck_assert_int_eq(r[4].shortage, 0); /* 29,000 occupied, 29,000 places */
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(target_occupancy_of_91_percent)
{
	/* 87,360 occupied at 91% needs ceil(87,360 / 0.91) = 96,000 places: with
	 * 90,000 the planning shortage is 6,000 and the shortage 0.  With 86,000
	 * places the shortage is 1,360. */
	opv_scenario *s = scenario(
		"{\"start\": \"2024-01-01\", \"weeks\": 1, \"target_occupancy\": 0.91,"
		" \"initial\": {\"in_procedure\": 60000, \"status_holders\": 20000, \"other\": 7360},"
		" \"inflow_per_week\": 0, \"decision_rate\": 0, \"grant_rate\": 0,"
		" \"housing_per_week\": 0, \"departure_rate\": 0,"
		" \"capacity\": {\"initial\": 90000, \"changes\": [{\"date\": \"2024-01-08\", \"delta\": -4000}]}}");
	opv_projection_row *r = project(s);
	ck_assert_int_eq(r[0].occupancy, 87360);
	ck_assert_int_eq(r[0].planning_shortage, 6000);
	ck_assert_int_eq(r[0].shortage, 0);
	ck_assert_int_eq(r[1].capacity, 86000);
	ck_assert_int_eq(r[1].shortage, 1360);
	ck_assert_int_eq(r[1].planning_shortage, 10000);
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(a_byte_order_mark_is_accepted)
{
	opv_scenario *s = scenario(
		"\xEF\xBB\xBF{\"start\": \"2026-01-05\", \"weeks\": 1,"
		" \"initial\": {\"in_procedure\": 1, \"status_holders\": 2, \"other\": 3},"
		" \"inflow_per_week\": 0, \"decision_rate\": 0, \"grant_rate\": 0,"
		" \"housing_per_week\": 0, \"departure_rate\": 0, \"capacity\": {\"initial\": 5}}");
	opv_projection_row *r = project(s);
	ck_assert_int_eq(r[0].occupancy, 6);
	ck_assert_int_eq(r[0].shortage, 1);
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(zero_flows_keep_stocks_constant)
{
	opv_scenario *s = scenario(
		"{\"start\": \"2026-03-30\", \"weeks\": 52,"
		" \"initial\": {\"in_procedure\": 40000, \"status_holders\": 17000, \"other\": 9000},"
		" \"inflow_per_week\": 0, \"decision_rate\": 0, \"grant_rate\": 1,"
		" \"housing_per_week\": 0, \"departure_rate\": 0, \"capacity\": {\"initial\": 70000}}");
	opv_projection_row *r = project(s);
	int k;
	for (k = 0; k <= 52; k++) {
		ck_assert_int_eq(r[k].in_procedure, 40000);
		ck_assert_int_eq(r[k].status_holders, 17000);
		ck_assert_int_eq(r[k].other, 9000);
		ck_assert_int_eq(r[k].date, day("2026-03-30") + 7 * k);
	}
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(flows_by_hand)
{
	/* P = 1000, S = 20, O = 3.  Decided round(0.1 * 1000) = 100, granted
	 * round(0.6 * 100) = 60, rejected 40; housing 50 but only 20 wait: 20;
	 * departed round(0.5 * 3) = round(1.5) = 2 (half up).
	 * Row 1: P = 1000 + 7 - 100 = 907, S = 20 + 60 - 20 = 60, O = 3 + 40 - 2 = 41. */
	opv_scenario *s = scenario(
		"{\"start\": \"2026-01-05\", \"weeks\": 1,"
		" \"initial\": {\"in_procedure\": 1000, \"status_holders\": 20, \"other\": 3},"
		" \"inflow_per_week\": 7, \"decision_rate\": 0.1, \"grant_rate\": 0.6,"
		" \"housing_per_week\": 50, \"departure_rate\": 0.5, \"capacity\": {\"initial\": 1000}}");
	opv_projection_row *r = project(s);
	ck_assert_int_eq(r[1].decided, 100);
	ck_assert_int_eq(r[1].granted, 60);
	ck_assert_int_eq(r[1].housed, 20);
	ck_assert_int_eq(r[1].departed, 2);
	ck_assert_int_eq(r[1].in_procedure, 907);
	ck_assert_int_eq(r[1].status_holders, 60);
	ck_assert_int_eq(r[1].other, 41);
	ck_assert_int_eq(r[1].occupancy, 1008);
	ck_assert_int_eq(r[1].shortage, 8);
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(capacity_changes_on_the_change_date)
{
	/* Rows fall on Mondays 2026-06-15, 06-22, 06-29, 07-06.  A change on
	 * Monday 06-29 shows in row 2; one on Wednesday 07-01 first in row 3. */
	opv_scenario *s = scenario(
		"{\"start\": \"2026-06-15\", \"weeks\": 3,"
		" \"initial\": {\"in_procedure\": 0, \"status_holders\": 0, \"other\": 0},"
		" \"inflow_per_week\": 0, \"decision_rate\": 0, \"grant_rate\": 0,"
		" \"housing_per_week\": 0, \"departure_rate\": 0,"
		" \"capacity\": {\"initial\": 70000, \"changes\": [{\"date\": \"2026-06-29\", \"delta\": 500},"
		"   {\"date\": \"2026-07-01\", \"delta\": -3000}]}}");
	opv_projection_row *r = project(s);
	ck_assert_int_eq(r[1].capacity, 70000);
	ck_assert_int_eq(r[2].capacity, 70500);
	ck_assert_int_eq(r[3].capacity, 67500);
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(inflow_arrays_and_seasonality)
{
	/* Week 0 starts in January (factor 2), week 1 in February (factor 0.5). */
	opv_scenario *s = scenario(
		"{\"start\": \"2026-01-26\", \"weeks\": 2,"
		" \"initial\": {\"in_procedure\": 0, \"status_holders\": 0, \"other\": 0},"
		" \"inflow_per_week\": [100, 301], \"decision_rate\": 0, \"grant_rate\": 0,"
		" \"inflow_seasonality\": [2, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],"
		" \"housing_per_week\": [0, 0], \"departure_rate\": 0, \"capacity\": {\"initial\": 0}}");
	opv_projection_row *r = project(s);
	ck_assert_int_eq(r[1].inflow, 200);
	ck_assert_int_eq(r[2].inflow, 151); /* 150.5 rounds half up */
	free(r);
	opv_scenario_free(s);
}
END_TEST

static uint64_t state = 0x9E3779B97F4A7C15ULL;
static double next_unit(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (double)(state >> 11) / 9007199254740992.0;
}

START_TEST(mass_balance_and_no_negative_stock_on_random_scenarios)
{
	int round;
	for (round = 0; round < 300; round++) {
		char json[8192];
		int weeks = 1 + (int)(next_unit() * 60), k, len;
		opv_scenario *s;
		opv_projection_row *r;
		len = snprintf(json, sizeof json,
		               "{\"start\": \"2026-03-30\", \"weeks\": %d, \"initial\": {\"in_procedure\": %d,"
		               " \"status_holders\": %d, \"other\": %d}, \"inflow_per_week\": [",
		               weeks, (int)(next_unit() * 50000), (int)(next_unit() * 20000),
		               (int)(next_unit() * 10000));
		for (k = 0; k < weeks; k++)
			len += snprintf(json + len, sizeof json - (size_t)len, "%s%.3f", k ? "," : "",
			                next_unit() * 2000);
		len += snprintf(json + len, sizeof json - (size_t)len,
		                "], \"decision_rate\": %.4f, \"grant_rate\": %.4f, \"housing_per_week\": %.2f,"
		                " \"departure_rate\": %.4f, \"capacity\": {\"initial\": %d}}",
		                next_unit(), next_unit(), next_unit() * 3000, next_unit(),
		                (int)(next_unit() * 90000));
		s = scenario(json);
		r = project(s);
		for (k = 1; k <= weeks; k++) {
			ck_assert_int_eq(r[k].occupancy - r[k - 1].occupancy,
			                 r[k].inflow - r[k].housed - r[k].departed);
			ck_assert_int_eq(r[k].in_procedure - r[k - 1].in_procedure, r[k].inflow - r[k].decided);
			ck_assert_int_eq(r[k].status_holders - r[k - 1].status_holders,
			                 r[k].granted - r[k].housed);
			ck_assert_int_ge(r[k].in_procedure, 0);
			ck_assert_int_ge(r[k].status_holders, 0);
			ck_assert_int_ge(r[k].other, 0);
			ck_assert_int_le(r[k].housed, r[k - 1].status_holders);
			ck_assert_int_eq(r[k].occupancy, r[k].in_procedure + r[k].status_holders + r[k].other);
			ck_assert_int_eq(r[k].shortage,
			                 r[k].occupancy > r[k].capacity ? r[k].occupancy - r[k].capacity : 0);
		}
		free(r);
		opv_scenario_free(s);
	}
}
END_TEST

/* ---- Monte Carlo ------------------------------------------------------------ */

static const char noisy[] =
	"{\"start\": \"2026-03-30\", \"weeks\": 26,"
	" \"initial\": {\"in_procedure\": 40000, \"status_holders\": 17000, \"other\": 9000},"
	" \"inflow_per_week\": 900, \"decision_rate\": 0.03, \"grant_rate\": 0.6,"
	" \"housing_per_week\": 350, \"departure_rate\": 0.02,"
	" \"capacity\": {\"initial\": 68000, \"changes\": [{\"date\": \"2026-05-04\", \"delta\": 2000},"
	"   {\"date\": \"2026-07-01\", \"delta\": -3000}]},"
	" \"monte_carlo\": {\"inflow_cv\": 0.15, \"inflow_autocorrelation\": 0.5, \"housing_cv\": 0.1,"
	"   \"capacity_delay_probability\": 0.2, \"capacity_delay_weeks\": 4}}";

static void run_mc(opv_monte_carlo_week *weeks, int64_t *peak, int32_t *at, const opv_scenario *s,
                   uint64_t runs, uint64_t seed, unsigned threads)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_error err = OPV_ERROR_INIT;
	o.runs = runs;
	o.seed = seed;
	tuning.threads = threads;
	ck_assert_msg(opv_project_monte_carlo_tuned(weeks, (size_t)opv_scenario_weeks(s) + 1, peak, at, s, &o, &tuning,
	                                      &err) == OPV_OK, "%s", err.message);
}

START_TEST(no_variation_equals_the_deterministic_run)
{
	char json[sizeof noisy];
	opv_scenario *s;
	opv_projection_row *r;
	opv_monte_carlo_week weeks[27];
	int64_t peak[50];
	int32_t at[50];
	int k;
	char *mc;
	/* The same scenario with every variation set to zero. */
	memcpy(json, noisy, sizeof noisy);
	mc = strstr(json, "\"monte_carlo\"");
	snprintf(mc, sizeof json - (size_t)(mc - json),
	         "\"monte_carlo\": {\"inflow_cv\": 0, \"housing_cv\": 0, \"capacity_delay_probability\": 0}}");
	s = scenario(json);
	r = project(s);
	run_mc(weeks, peak, at, s, 50, 1, 2);
	for (k = 0; k <= 26; k++) {
		ck_assert_double_eq(weeks[k].occupancy_p05, (double)r[k].occupancy);
		ck_assert_double_eq(weeks[k].occupancy_p50, (double)r[k].occupancy);
		ck_assert_double_eq(weeks[k].occupancy_p95, (double)r[k].occupancy);
		ck_assert_double_eq(weeks[k].shortage_p50, (double)r[k].shortage);
		ck_assert_double_eq(weeks[k].p_shortage, r[k].shortage > 0 ? 1.0 : 0.0);
	}
	for (k = 0; k < 50; k++)
		ck_assert_int_eq(peak[k], peak[0]);
	free(r);
	opv_scenario_free(s);
}
END_TEST

START_TEST(same_seed_same_numbers_for_any_thread_count)
{
	opv_scenario *s = scenario(noisy);
	opv_monte_carlo_week one[27], two[27], three[27], other[27];
	int64_t peak1[999], peak3[999];
	int32_t at1[999], at3[999];
	run_mc(one, peak1, at1, s, 999, 2026, 1);
	run_mc(two, NULL, NULL, s, 999, 2026, 2);
	run_mc(three, peak3, at3, s, 999, 2026, 3);
	run_mc(other, NULL, NULL, s, 999, 2027, 2);
	ck_assert_int_eq(memcmp(one, two, sizeof one), 0);
	ck_assert_int_eq(memcmp(one, three, sizeof one), 0);
	ck_assert_int_eq(memcmp(peak1, peak3, sizeof peak1), 0);
	ck_assert_int_eq(memcmp(at1, at3, sizeof at1), 0);
	ck_assert_int_ne(memcmp(one, other, sizeof one), 0);
	/* The band is a band: P5 <= P50 <= P95, and it widens after row 0. */
	ck_assert_double_eq(one[0].occupancy_p05, 66000.0);
	ck_assert_double_eq(one[0].occupancy_p95, 66000.0);
	ck_assert_double_lt(one[26].occupancy_p05, one[26].occupancy_p50);
	ck_assert_double_lt(one[26].occupancy_p50, one[26].occupancy_p95);
	opv_scenario_free(s);
}
END_TEST

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

START_TEST(percentiles_follow_numpy_linear_interpolation)
{
	/* Runs differ only by inflow noise in week 0, so row 1's occupancy is a
	 * known affine function of each run's first deviate: with 4 runs the
	 * percentiles interpolate between sorted values exactly as
	 * numpy.percentile(..., method="linear"). */
	opv_scenario *s = scenario(
		"{\"start\": \"2026-03-30\", \"weeks\": 1,"
		" \"initial\": {\"in_procedure\": 0, \"status_holders\": 0, \"other\": 0},"
		" \"inflow_per_week\": 100000, \"decision_rate\": 0, \"grant_rate\": 0,"
		" \"housing_per_week\": 0, \"departure_rate\": 0, \"capacity\": {\"initial\": 0},"
		" \"monte_carlo\": {\"inflow_cv\": 0.2}}");
	opv_monte_carlo_week w[2];
	double x[4], t;
	int i, j;
	for (i = 0; i < 4; i++) {
		double z[2], f;
		opv__deviate_pair(z, 5, (uint64_t)i, 0); /* week 0's draw: inflow deviate first */
		f = 1.0 + 0.2 * z[0];
		x[i] = floor(100000.0 * (f > 0 ? f : 0) + 0.5);
	}
	for (i = 0; i < 4; i++)
		for (j = i + 1; j < 4; j++)
			if (x[j] < x[i]) {
				t = x[i];
				x[i] = x[j];
				x[j] = t;
			}
	run_mc(w, NULL, NULL, s, 4, 5, 1);
	/* h = 3p: p05 -> 0.15, p50 -> 1.5, p95 -> 2.85 */
	ck_assert_double_eq_tol(w[1].occupancy_p05, x[0] + 0.15 * (x[1] - x[0]), 1e-9);
	ck_assert_double_eq_tol(w[1].occupancy_p50, x[1] + 0.5 * (x[2] - x[1]), 1e-9);
	ck_assert_double_eq_tol(w[1].occupancy_p95, x[2] + 0.85 * (x[3] - x[2]), 1e-9);
	ck_assert_double_eq(w[1].p_shortage, 1.0);

	/* Two runs: every percentile lies between them, P5 a twentieth of the way. */
	{
		opv_monte_carlo_week two[2];
		double y[2];
		for (i = 0; i < 2; i++) {
			double z[2], f;
			opv__deviate_pair(z, 3, (uint64_t)i, 0);
			f = 1.0 + 0.2 * z[0];
			y[i] = floor(100000.0 * (f > 0 ? f : 0) + 0.5);
		}
		if (y[1] < y[0]) {
			t = y[0];
			y[0] = y[1];
			y[1] = t;
		}
		ck_assert_double_ne(y[0], y[1]);
		run_mc(two, NULL, NULL, s, 2, 3, 1);
		ck_assert_double_eq_tol(two[1].occupancy_p05, y[0] + 0.05 * (y[1] - y[0]), 1e-9);
		ck_assert_double_eq_tol(two[1].occupancy_p50, y[0] + 0.5 * (y[1] - y[0]), 1e-9);
		ck_assert_double_eq_tol(two[1].occupancy_p95, y[0] + 0.95 * (y[1] - y[0]), 1e-9);
	}

	/* The same with 1,001 runs against a sorted copy. */
	{
		enum { RUNS = 1001 };
		double *y = malloc(RUNS * sizeof *y), h;
		opv_monte_carlo_week big[2];
		static const double q[3] = { 0.05, 0.5, 0.95 };
		double got[3];
		for (i = 0; i < RUNS; i++) {
			double z[2], f;
			opv__deviate_pair(z, 9, (uint64_t)i, 0);
			f = 1.0 + 0.2 * z[0];
			y[i] = floor(100000.0 * (f > 0 ? f : 0) + 0.5);
		}
		qsort(y, RUNS, sizeof *y, by_value);
		run_mc(big, NULL, NULL, s, RUNS, 9, 2);
		got[0] = big[1].occupancy_p05;
		got[1] = big[1].occupancy_p50;
		got[2] = big[1].occupancy_p95;
		for (i = 0; i < 3; i++) {
			size_t at;
			h = (RUNS - 1) * q[i];
			at = (size_t)h;
			ck_assert_double_eq_tol(got[i], y[at] + (h - (double)at) * (y[at + 1] - y[at]), 1e-9);
		}
		free(y);
	}
	opv_scenario_free(s);
}
END_TEST

static int by_int32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

START_TEST(percentiles_of_whole_numbers_against_a_sort)
{
	/* The counting selection against sorting, on spans from one value to the
	 * whole int32 range, with heavy duplicates and the extremes: the ranks
	 * floor(h) and floor(h) + 1 of the sorted values, h = (n - 1) p. */
	static const double p[5] = { 0.0, 0.05, 0.5, 0.95, 1.0 };
	static const int64_t spans[] = { 1, 2, 100, 4095, 4096, 4097, 1000003, INT64_C(1) << 31,
	                                 (INT64_C(1) << 32) - 1 };
	uint64_t lcg = 0x9E3779B97F4A7C15u;
	size_t si;
	for (si = 0; si < sizeof spans / sizeof spans[0]; si++) {
		int round;
		for (round = 0; round < 12; round++) {
			size_t n = 1 + (size_t)(round * 997 % 20011), i, j;
			int32_t *a = malloc(n * sizeof *a), *sorted = malloc(n * sizeof *sorted);
			int64_t base = spans[si] > INT32_MAX ? INT32_MIN : -(spans[si] / 2);
			double got[5];
			ck_assert_ptr_nonnull(sorted);
			for (i = 0; i < n; i++) {
				lcg = lcg * 6364136223846793005u + 1442695040888963407u;
				/* round % 3: uniform; 1: most values at the bottom; 2: two values */
				if (round % 3 == 1 && (lcg >> 40) % 4 != 0)
					a[i] = (int32_t)base;
				else if (round % 3 == 2)
					a[i] = (int32_t)(base + ((lcg >> 33) % 2) * (spans[si] - 1));
				else
					a[i] = (int32_t)(base + (int64_t)((lcg >> 16) % (uint64_t)spans[si]));
				sorted[i] = a[i];
			}
			qsort(sorted, n, sizeof *sorted, by_int32);
			opv__linear_percentiles(got, p, 5, a, n);
			for (j = 0; j < 5; j++) {
				double h = (double)(n - 1) * p[j];
				size_t at = (size_t)h;
				double lo = sorted[at], hi = at + 1 < n ? sorted[at + 1] : lo;
				ck_assert_msg(got[j] >= lo && got[j] <= hi && fabs(got[j] - (lo + (h - (double)at) * (hi - lo))) <= 1e-6 * (1 + fabs(hi - lo)),
				              "span %lld round %d n %zu p %g: %.17g, sorted %.17g..%.17g",
				              (long long)spans[si], round, n, p[j], got[j], lo, hi);
			}
			/* the values are reordered, never changed */
			qsort(a, n, sizeof *a, by_int32);
			ck_assert_mem_eq(a, sorted, n * sizeof *a);
			free(a);
			free(sorted);
		}
	}
	{
		/* by hand: 1..100 at 5% is 5.95 (h = 4.95, between 5 and 6), as
		 * numpy.percentile(range(1, 101), 5) gives */
		int32_t a[100];
		double got[5];
		size_t i;
		for (i = 0; i < 100; i++)
			a[99 - i] = (int32_t)i + 1;
		opv__linear_percentiles(got, p, 5, a, 100);
		ck_assert_double_eq(got[0], 1.0);
		ck_assert_double_eq_tol(got[1], 5.95, 1e-12);
		ck_assert_double_eq_tol(got[2], 50.5, 1e-12);
		ck_assert_double_eq_tol(got[3], 95.05, 1e-12);
		ck_assert_double_eq(got[4], 100.0);
	}
}
END_TEST


START_TEST(counted_percentiles_equal_the_selection)
{
	/* The percentiles from counts against opv__linear_percentiles on the
	 * values themselves: the same ranks, the same interpolation, so the same
	 * bits, on narrow and wide spreads and counts added in any order. */
	static const double p[5] = { 0.0, 0.05, 0.5, 0.95, 1.0 };
	uint64_t lcg = 12345;
	int round;
	for (round = 0; round < 40; round++) {
		size_t n = 1 + (size_t)(round * 7919 % 30011), i;
		/* spans of one value, narrow ones the runs fill (counters) and wide ones
		 * they do not (kept as a list); round 7 merges a list into counters */
		int64_t span = round % 4 == 0 ? 1 : round % 4 == 1 ? 50 : round % 4 == 2 ? 100000 : 1 << 20;
		int32_t *a = malloc(n * sizeof *a);
		struct opv__counts c, half;
		double want[5], got[5];
		memset(&c, 0, sizeof c);
		memset(&half, 0, sizeof half);
		ck_assert_ptr_nonnull(a);
		for (i = 0; i < n; i++) {
			lcg = lcg * 6364136223846793005u + 1442695040888963407u;
			a[i] = (int32_t)(round * 1000 + (int64_t)((lcg >> 20) % (uint64_t)span));
			ck_assert_int_eq(opv__counts_add(i % 2 ? &c : &half, a[i]), 0);
		}
		ck_assert_int_eq(opv__counts_merge(&c, &half), 0);
		ck_assert_uint_eq(opv__counts_total(&c), n);
		opv__linear_percentiles(want, p, 5, a, n);
		ck_assert_int_eq(opv__counts_percentiles(got, p, 5, &c), 0);
		ck_assert_mem_eq(got, want, sizeof got);
		opv__counts_free(&c);
		opv__counts_free(&half);
		free(a);
	}
}
END_TEST


START_TEST(counts_stay_small_in_any_order)
{
	/* Values added and merged in every order, with outliers far off: the
	 * percentiles stay those of the values, and the memory within 8 bytes a
	 * value (a list of them, or counters that pay for themselves). */
	static const double p[3] = { 0.05, 0.5, 0.95 };
	uint64_t lcg = 99;
	int round;
	for (round = 0; round < 60; round++) {
		struct opv__counts part[4], all;
		size_t n = 1 + (size_t)(round * 4481 % 20000), i;
		int32_t *a = malloc(n * sizeof *a);
		double want[3], got[3];
		int k;
		memset(part, 0, sizeof part);
		memset(&all, 0, sizeof all);
		for (i = 0; i < n; i++) {
			lcg = lcg * 6364136223846793005u + 1442695040888963407u;
			/* most values in a narrow band, one in 50 far off (up to 10^9) */
			a[i] = (lcg >> 60) == 0 && (lcg >> 20) % 50 == 0
			       ? (int32_t)((lcg >> 24) % 1000000000u) : (int32_t)(70000 + (lcg >> 33) % 400);
			ck_assert_int_eq(opv__counts_add(&part[(lcg >> 40) % 4], a[i]), 0);
		}
		for (k = 0; k < 4; k++) {
			ck_assert_uint_le(opv__counts_bytes(&part[k]), 8 * opv__counts_total(&part[k]) + 4096);
			ck_assert_int_eq(opv__counts_merge(&all, &part[(k + round) % 4]), 0);
			ck_assert_uint_le(opv__counts_bytes(&all), 8 * opv__counts_total(&all) + 4096);
		}
		ck_assert_uint_eq(opv__counts_total(&all), n);
		opv__linear_percentiles(want, p, 3, a, n);
		ck_assert_int_eq(opv__counts_percentiles(got, p, 3, &all), 0);
		ck_assert_mem_eq(got, want, sizeof got);
		for (k = 0; k < 4; k++)
			opv__counts_free(&part[k]);
		opv__counts_free(&all);
		free(a);
	}
	{
		/* 1,000 values 10^5 apart merged into nothing: a list, not 8 GB of counters. */
		struct opv__counts from, into;
		memset(&from, 0, sizeof from);
		memset(&into, 0, sizeof into);
		for (int i = 0; i < 1000; i++)
			ck_assert_int_eq(opv__counts_add(&from, 500000000 + 100000 * i), 0);
		ck_assert_int_eq(opv__counts_merge(&into, &from), 0);
		ck_assert_uint_le(opv__counts_bytes(&into), 64 * 1024);
		opv__counts_free(&from);
		opv__counts_free(&into);
	}
}
END_TEST

static opv_monte_carlo *counts_of(const opv_scenario *s, uint64_t first, uint64_t runs, uint64_t seed,
                                  unsigned threads)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_monte_carlo *mc = NULL;
	opv_error err = OPV_ERROR_INIT;
	o.first_run = first;
	o.runs = runs;
	o.seed = seed;
	tuning.threads = threads;
	ck_assert_msg(opv_monte_carlo_run_tuned(&mc, s, &o, &tuning, &err) == OPV_OK, "%s", err.message);
	return mc;
}

START_TEST(run_ranges_merge_into_one_run)
{
	/* Runs 0..599 at once equal 0..199 + 400..599 + 200..399 merged, bit for
	 * bit, and equal opv_project_monte_carlo's weeks and peaks. */
	opv_scenario *s = scenario(noisy), *other;
	opv_monte_carlo *whole = counts_of(s, 0, 600, 42, 2), *a = counts_of(s, 0, 200, 42, 1);
	opv_monte_carlo *b = counts_of(s, 400, 200, 42, 3), *c = counts_of(s, 200, 200, 42, 1);
	opv_monte_carlo *overlap = counts_of(s, 150, 100, 42, 1), *seed = counts_of(s, 600, 10, 43, 1);
	opv_monte_carlo_week w1[27], w2[27], w3[27];
	int64_t peaks[600];
	opv_error err = OPV_ERROR_INIT;
	size_t i;
	ck_assert_int_eq(opv_monte_carlo_merge(a, b, &err), OPV_OK);
	ck_assert_uint_eq(opv_monte_carlo_runs(a), 400);
	ck_assert_fails(opv_monte_carlo_merge(a, overlap, &err), err, OPV_EINVAL,
	                "runs 0..199 and 150..249 overlap");
	ck_assert_fails(opv_monte_carlo_merge(a, seed, &err), err, OPV_EINVAL, "another scenario or seed");
	other = scenario("{\"start\": \"2026-03-30\", \"weeks\": 26,"
	                 " \"initial\": {\"in_procedure\": 1, \"status_holders\": 0, \"other\": 0},"
	                 " \"inflow_per_week\": 9, \"decision_rate\": 0, \"grant_rate\": 0,"
	                 " \"housing_per_week\": 0, \"departure_rate\": 0, \"capacity\": {\"initial\": 5}}");
	{
		opv_monte_carlo *foreign = counts_of(other, 600, 10, 42, 1);
		ck_assert_fails(opv_monte_carlo_merge(a, foreign, &err), err, OPV_EINVAL,
		                "another scenario or seed");
		opv_monte_carlo_free(foreign);
	}
	ck_assert_uint_eq(opv_monte_carlo_runs(a), 400); /* unchanged by the refusals */
	ck_assert_int_eq(opv_monte_carlo_merge(a, c, &err), OPV_OK);
	ck_assert_uint_eq(opv_monte_carlo_runs(a), 600);
	ck_assert_int_eq(opv_monte_carlo_weeks(w1, 27, whole, &err), OPV_OK);
	ck_assert_int_eq(opv_monte_carlo_weeks(w2, 27, a, &err), OPV_OK);
	ck_assert_mem_eq(w1, w2, sizeof w1);
	ck_assert_fails(opv_monte_carlo_weeks(w2, 26, a, &err), err, OPV_EINVAL, "27 rows, not 26");
	run_mc(w3, peaks, NULL, s, 600, 42, 1);
	ck_assert_mem_eq(w1, w3, sizeof w1);
	/* The peaks' median from their counts, and from the peaks one by one. */
	{
		int32_t p32[600];
		double want;
		const double half = 0.5;
		for (i = 0; i < 600; i++)
			p32[i] = (int32_t)peaks[i];
		opv__linear_percentiles(&want, &half, 1, p32, 600);
		ck_assert_double_eq(opv_monte_carlo_peak_percentile(a, 0.5), want);
		ck_assert_double_eq(opv_monte_carlo_peak_percentile(whole, 0.5), want);
		ck_assert(isnan(opv_monte_carlo_peak_percentile(a, 1.5)));
	}
	opv_monte_carlo_free(whole);
	opv_monte_carlo_free(a);
	opv_monte_carlo_free(b);
	opv_monte_carlo_free(c);
	opv_monte_carlo_free(overlap);
	opv_monte_carlo_free(seed);
	opv_scenario_free(other);
	opv_scenario_free(s);
}
END_TEST

struct told {
	uint64_t calls, last_done, total;
	uint64_t stop_after;     /* calls; 0: never stop */
	int backwards;           /* a call told less than the one before */
};

/* Records, and asserts nothing: a failed check must not jump out of the
 * library while its threads run. */
static int on_progress(uint64_t done, uint64_t total, void *data)
{
	struct told *t = data;
	t->backwards |= done < t->last_done || done > total;
	t->calls++;
	t->last_done = done;
	t->total = total;
	return t->stop_after && t->calls >= t->stop_after;
}

START_TEST(progress_is_told_and_can_cancel)
{
	opv_scenario *s = scenario(noisy);
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_monte_carlo_week weeks[27], untouched[27];
	int64_t peak[3000];
	opv_monte_carlo *mc = (opv_monte_carlo *)0x1;
	opv_error err = OPV_ERROR_INIT;
	struct told t = { 0, 0, 0, 0, 0 };
	o.runs = 3000;
	tuning.threads = 2;
	o.progress = on_progress;
	o.progress_data = &t;
	/* Told at least once, at the end, with every run done. */
	ck_assert_int_eq(opv_project_monte_carlo_tuned(weeks, 27, NULL, NULL, s, &o, &tuning, &err), OPV_OK);
	ck_assert_uint_ge(t.calls, 1);
	ck_assert_uint_eq(t.last_done, 3000);
	ck_assert_uint_eq(t.total, 3000);
	ck_assert_int_eq(t.backwards, 0);
	/* Stopped at the first call (the one at the end, for so few runs):
	 * cancelled, nothing written. */
	memset(weeks, 0x5a, sizeof weeks);
	memcpy(untouched, weeks, sizeof weeks);
	memset(peak, 0x5a, sizeof peak);
	t = (struct told){ 0, 0, 0, 1, 0 };
	ck_assert_fails(opv_project_monte_carlo_tuned(weeks, 27, peak, NULL, s, &o, &tuning, &err), err, OPV_ECANCELLED,
	                "cancelled after");
	t = (struct told){ 0, 0, 0, 1, 0 };
	ck_assert_mem_eq(weeks, untouched, sizeof weeks);
	ck_assert_int_eq(peak[0], 0x5a5a5a5a5a5a5a5a);
	ck_assert_fails(opv_monte_carlo_run_tuned(&mc, s, &o, &tuning, &err), err, OPV_ECANCELLED, "cancelled");
	ck_assert_ptr_eq(mc, (opv_monte_carlo *)0x1);
	ck_assert_str_eq(opv_strerror(OPV_ECANCELLED), "cancelled");
	opv_scenario_free(s);
}
END_TEST

START_TEST(long_runs_are_told_often_and_stop_early)
{
	/* 10^7 runs of 52 weeks take many seconds: told about ten times a second,
	 * and a stop at the second call ends the call long before all are done. */
	opv_scenario *s = scenario(
		"{\"start\": \"2026-03-30\", \"weeks\": 52,"
		" \"initial\": {\"in_procedure\": 40000, \"status_holders\": 17000, \"other\": 9000},"
		" \"inflow_per_week\": 900, \"decision_rate\": 0.03, \"grant_rate\": 0.6,"
		" \"housing_per_week\": 350, \"departure_rate\": 0.02, \"capacity\": {\"initial\": 68000},"
		" \"monte_carlo\": {\"inflow_cv\": 0.15}}");
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_monte_carlo *mc = NULL;
	opv_error err = OPV_ERROR_INIT;
	struct told t = { 0, 0, 0, 2, 0 };
	o.runs = 10000000;
	tuning.threads = 2;
	o.progress = on_progress;
	o.progress_data = &t;
	ck_assert_fails(opv_monte_carlo_run_tuned(&mc, s, &o, &tuning, &err), err, OPV_ECANCELLED, "cancelled after");
	ck_assert_uint_eq(t.calls, 2);
	ck_assert_uint_lt(t.last_done, 10000000);
	ck_assert_int_eq(t.backwards, 0);
	opv_scenario_free(s);
}
END_TEST

START_TEST(options_of_another_version_are_refused)
{
	opv_scenario *s = scenario(noisy);
	opv_monte_carlo_week w[27];
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	o.version = 2;
	ck_assert_fails(opv_project_monte_carlo(w, 27, NULL, NULL, s, &o, &err), err, OPV_EINVAL,
	                "Monte Carlo options version 2 is not 1");
	o.version = OPV_MONTE_CARLO_OPTIONS_VERSION;
	o.first_run = UINT64_MAX - 10;
	ck_assert_fails(opv_project_monte_carlo(w, 27, NULL, NULL, s, &o, &err), err, OPV_EINVAL, "pass 2^64");
	opv_scenario_free(s);
}
END_TEST

/* The check says what a run would say, before anything is allocated for the runs. */
START_TEST(options_are_checked_without_a_run)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_monte_carlo_options_check(&o, &err), OPV_OK);
	o.runs = 10000000; /* OPV_PROJECTION_MAX_RUNS, 10^7 */
	o.first_run = UINT64_MAX - 10000000; /* first_run + runs is 2^64 - 1, the largest */
	ck_assert_int_eq(opv_monte_carlo_options_check(&o, &err), OPV_OK);
	o.first_run++;
	ck_assert_fails(opv_monte_carlo_options_check(&o, &err), err, OPV_EINVAL,
	                "runs 10000000 from run 18446744073699551616 pass 2^64");
	o.first_run = 0;
	o.runs = 10000001;
	ck_assert_fails(opv_monte_carlo_options_check(&o, &err), err, OPV_EINVAL,
	                "runs 10000001 is outside 1..10^7");
	o.runs = 0;
	ck_assert_fails(opv_monte_carlo_options_check(&o, &err), err, OPV_EINVAL,
	                "runs 0 is outside 1..10^7");
	o.runs = 1;
	o.version = 2;
	ck_assert_fails(opv_monte_carlo_options_check(&o, &err), err, OPV_EINVAL,
	                "Monte Carlo options version 2 is not 1");
	ck_assert_fails(opv_monte_carlo_options_check(NULL, &err), err, OPV_EINVAL, "NULL");
	ck_assert_int_eq(opv_monte_carlo_options_check(NULL, NULL), OPV_EINVAL);
}
END_TEST

/* ---- scenario errors ---------------------------------------------------------- */

#define BASE_FIELDS \
	"\"start\": \"2026-03-30\", \"weeks\": 4, " \
	"\"initial\": {\"in_procedure\": 0, \"status_holders\": 0, \"other\": 0}, " \
	"\"inflow_per_week\": 900, \"decision_rate\": 0.03, \"grant_rate\": 0.6, " \
	"\"housing_per_week\": 350, \"departure_rate\": 0.02"

#define BAD(json, code, needle)                                                               \
	do {                                                                                     \
		opv_scenario *s_ = (opv_scenario *)0x1;                                              \
		opv_error err_ = OPV_ERROR_INIT;                                                     \
		ck_assert_fails(opv_scenario_parse_json(&s_, json, strlen(json), "s.json", NULL, NULL, \
		                                        &err_), err_, code, needle);                 \
		ck_assert_ptr_eq(s_, (opv_scenario *)0x1);                                           \
	} while (0)

START_TEST(scenario_errors_name_the_field)
{
	BAD("", OPV_EPARSE, "empty");
	BAD("{\"start\": ", OPV_EPARSE, "s.json:1:");
	BAD("[1, 2]", OPV_EPARSE, "a scenario is a JSON object");
	BAD("{" BASE_FIELDS "}", OPV_EINVAL, "field 'capacity': missing");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1}, \"decison_rate\": 1}", OPV_EINVAL,
	    "field 'decison_rate': unknown field");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1, \"extra\": 2}}", OPV_EINVAL,
	    "field 'capacity.extra': unknown field");
	BAD("{\"start\": \"2026-02-30\", \"weeks\": 4}", OPV_EPARSE,
	    "field 'start': '2026-02-30' is not a date");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": \"4\"}", OPV_EPARSE, "field 'weeks': must be a whole number");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 0}", OPV_ERANGE, "field 'weeks': must be 1 to 1040");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2000}", OPV_ERANGE, "must be 1 to 1040");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": -1}}", OPV_ERANGE,
	    "field 'initial.in_procedure': must not be negative");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 1.5}}", OPV_EPARSE,
	    "field 'initial.in_procedure': must be a whole number");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 1, \"other\": 1}}",
	    OPV_EINVAL, "field 'initial.status_holders': missing");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1}, \"grant_rate\": 1.2}", OPV_EPARSE, "s.json:1:");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 0, \"status_holders\": 0,"
	    " \"other\": 0}, \"inflow_per_week\": 900, \"housing_per_week\": 1, \"decision_rate\": 1.5}",
	    OPV_ERANGE,
	    "field 'decision_rate': 1.5 is outside [0, 1]");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 0, \"status_holders\": 0,"
	    " \"other\": 0}, \"inflow_per_week\": [1, 2, 3]}", OPV_ERANGE,
	    "field 'inflow_per_week': has 3 values; the scenario has 4 weeks");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 0, \"status_holders\": 0,"
	    " \"other\": 0}, \"inflow_per_week\": [1, 2, -3, 4]}", OPV_ERANGE,
	    "field 'inflow_per_week[2]': -3 is outside");
	{
		/* Nesting deeper than jansson's 2048 levels is refused where it starts. */
		size_t depth = 5000, i;
		char *deep = malloc(2 * depth + 16);
		char *p = deep + sprintf(deep, "{\"start\": ");
		for (i = 0; i < depth; i++)
			*p++ = '[';
		for (i = 0; i < depth; i++)
			*p++ = ']';
		strcpy(p, "}");
		BAD(deep, OPV_EPARSE, "maximum parsing depth reached");
		free(deep);
	}
	/* A whole number is shown as written, not as the double it would round to. */
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 0, \"status_holders\": 0,"
	    " \"other\": 0}, \"inflow_per_week\": 9007199254740993}", OPV_ERANGE,
	    "field 'inflow_per_week': 9007199254740993 is outside");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 0, \"status_holders\": 0,"
	    " \"other\": 0}, \"inflow_per_week\": \"many\"}", OPV_EPARSE,
	    "field 'inflow_per_week': must be a number or an array");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1000, \"changes\": [{\"date\": \"2026-04-06\","
	    " \"delta\": -2000}]}}", OPV_ERANGE, "field 'capacity': capacity on 2026-04-06 (week 1) would be -1000");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1000, \"changes\": [{\"date\": \"2026-04-31\","
	    " \"delta\": 5}]}}", OPV_EPARSE, "field 'capacity.changes[0].date'");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1000, \"changes\": [{\"delta\": 5}]}}", OPV_EINVAL,
	    "field 'capacity.changes[0].date': missing");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1}, \"target_occupancy\": 0}", OPV_ERANGE,
	    "field 'target_occupancy'");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1}, \"monte_carlo\": {\"inflow_cv\": -0.1}}",
	    OPV_ERANGE, "field 'monte_carlo.inflow_cv'");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1}, \"monte_carlo\": {\"capacity_delay_probability\": 2}}",
	    OPV_ERANGE, "field 'monte_carlo.capacity_delay_probability'");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1}, \"monte_carlo\": {\"seed\": 2}}", OPV_EINVAL,
	    "field 'monte_carlo.seed': unknown field");
	BAD("{" BASE_FIELDS ", \"capacity\": {\"initial\": 1, \"locations\": \"/nonexistent/l.csv\"}}",
	    OPV_EIO, "/nonexistent/l.csv");
	BAD("{" BASE_FIELDS ", \"weeks\": 5, \"capacity\": {\"initial\": 1}}", OPV_EPARSE, "duplicate");
}
END_TEST

START_TEST(monte_carlo_argument_errors)
{
	opv_scenario *s = scenario(noisy);
	opv_monte_carlo_week w[27];
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_monte_carlo *mc = NULL;
	opv_error err = OPV_ERROR_INIT;
	opv_projection_row rows[3];
	o.runs = 0;
	ck_assert_fails(opv_project_monte_carlo_tuned(w, 27, NULL, NULL, s, &o, &tuning, &err), err, OPV_EINVAL, "runs 0");
	o.runs = 10;
	tuning.threads = 0;
	ck_assert_fails(opv_project_monte_carlo_tuned(w, 27, NULL, NULL, s, &o, &tuning, &err), err,
	                OPV_EINVAL, "threads 0");
	tuning.threads = OPV_TUNING_MAX_THREADS + 1;
	ck_assert_fails(opv_monte_carlo_run_tuned(&mc, s, &o, &tuning, &err), err, OPV_EINVAL,
	                "threads 257");
	tuning = (opv_tuning)OPV_TUNING_INIT;
	tuning.version = 2;
	ck_assert_fails(opv_monte_carlo_run_tuned(&mc, s, &o, &tuning, &err), err, OPV_EINVAL,
	                "tuning version 2");
	ck_assert_fails(opv_project_monte_carlo(w, 26, NULL, NULL, s, &o, &err), err, OPV_EINVAL,
	                "27 rows");
	ck_assert_fails(opv_project(rows, 3, s, &err), err, OPV_EINVAL, "27 rows, not 3");
	opv_scenario_free(s);
}
END_TEST

START_TEST(locations_feed_the_capacity)
{
	/* The synthetic locations plus 50,000 other places: on 2026-06-29 the
	 * seven locations that close on 1 July (700 + 900 + 340 + 200 + 165 + 820
	 * + 230 = 3,355 places in use) are still open, a week later they are gone, and
	 * nothing else changes between those Mondays. */
	opv_scenario *s = NULL;
	opv_error err = OPV_ERROR_INIT;
	const char *json =
		"{\"start\": \"2026-06-29\", \"weeks\": 1,"
		" \"initial\": {\"in_procedure\": 0, \"status_holders\": 0, \"other\": 0},"
		" \"inflow_per_week\": 0, \"decision_rate\": 0, \"grant_rate\": 0,"
		" \"housing_per_week\": 0, \"departure_rate\": 0,"
		" \"capacity\": {\"initial\": 50000, \"locations\": \"synthetic_locations.csv\"}}";
	opv_projection_row *r;
	ck_assert_msg(opv_scenario_parse_json(&s, json, strlen(json), "s.json", OPV_TEST_DIR "/../examples/data",
	                                      NULL, &err) == OPV_OK, "%s", err.message);
	r = project(s);
	ck_assert_int_eq(r[0].capacity - r[1].capacity, 3355);
	free(r);
	opv_scenario_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("projection");
	TCase *tc = tcase_create("deterministic");
	TCase *mc = tcase_create("monte carlo");
	TCase *sc = tcase_create("scenario");
	tcase_add_test(tc, philox_known_answers);
	tcase_add_test(tc, deviates_have_mean_zero_and_variance_one);
	tcase_add_test(tc, autumn_2021_calibration);
	tcase_add_test(tc, target_occupancy_of_91_percent);
	tcase_add_test(tc, zero_flows_keep_stocks_constant);
	tcase_add_test(tc, a_byte_order_mark_is_accepted);
	tcase_add_test(tc, flows_by_hand);
	tcase_add_test(tc, capacity_changes_on_the_change_date);
	tcase_add_test(tc, inflow_arrays_and_seasonality);
	tcase_add_test(tc, mass_balance_and_no_negative_stock_on_random_scenarios);
	tcase_add_test(mc, no_variation_equals_the_deterministic_run);
	tcase_add_test(mc, same_seed_same_numbers_for_any_thread_count);
	tcase_add_test(mc, percentiles_follow_numpy_linear_interpolation);
	tcase_add_test(mc, percentiles_of_whole_numbers_against_a_sort);
	tcase_add_test(mc, monte_carlo_argument_errors);
	tcase_add_test(mc, counted_percentiles_equal_the_selection);
	tcase_add_test(mc, counts_stay_small_in_any_order);
	tcase_add_test(mc, run_ranges_merge_into_one_run);
	tcase_add_test(mc, progress_is_told_and_can_cancel);
	tcase_add_test(mc, long_runs_are_told_often_and_stop_early);
	tcase_add_test(mc, options_of_another_version_are_refused);
	tcase_add_test(mc, options_are_checked_without_a_run);
	tcase_add_test(sc, scenario_errors_name_the_field);
	tcase_add_test(sc, locations_feed_the_capacity);
	tcase_set_timeout(tc, 60);
	tcase_set_timeout(mc, 60);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, mc);
	suite_add_tcase(s, sc);
	return run_suite(s);
}
