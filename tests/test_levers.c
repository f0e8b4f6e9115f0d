/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The levers of the projection: capacity by kind, closing dates extended,
 * transit places, housing driven by the housing task.  Every expected value
 * is worked out by hand in the comments from tests/data/levers_locations.csv:
 *
 *   A1 azc        agreed 500, 600 in use, open-ended
 *   N1 nood       300, closes 2026-04-20
 *   N2 spoednood  agreed 200, 250 in use, closes 2026-05-04
 *   H1 hotel      100, opens 2026-04-13, closes 2026-06-01
 *   D1 doorstroom 80, opens 2026-04-06, closes 2026-04-27
 *
 * Rows are Mondays from 2026-03-30: 0 = 03-30, 1 = 04-06, 2 = 04-13,
 * 3 = 04-20, 4 = 04-27, 5 = 05-04, 6 = 05-11.
 */
#include <stdio.h>

#define OPV_EXPERIMENTAL_API  /* opv_tuning: runs on several threads */
#include "opvang/experimental.h"
#include "testutil.h"

#define STOCKS(p, s, o) \
	"\"initial\": {\"in_procedure\": " #p ", \"status_holders\": " #s ", \"other\": " #o "}"
#define STILL "\"inflow_per_week\": 0, \"decision_rate\": 0, \"grant_rate\": 0, \"departure_rate\": 0"

static opv_scenario *load(const char *json)
{
	opv_scenario *s = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_scenario_parse_json(&s, json, strlen(json), "s.json", OPV_TEST_DIR "/data",
	                                      NULL, &err) == OPV_OK, "%s", err.message);
	return s;
}

static opv_projection *run(const char *json)
{
	opv_scenario *s = load(json);
	opv_projection *p = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_projection_run(&p, s, &err) == OPV_OK, "%s", err.message);
	opv_scenario_free(s);
	return p;
}

static opv_day day(const char *text)
{
	opv_day d;
	ck_assert_int_eq(opv_date_parse(&d, text, NULL), OPV_OK);
	return d;
}

static int64_t at(const opv_projection *p, opv_projection_column c, size_t row)
{
	return opv_projection_get(p, c, row);
}

/* The column of `c` equals `want` on rows 0 .. n-1. */
static void column_is(const opv_projection *p, opv_projection_column c, const int64_t *want, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++)
		ck_assert_msg(at(p, c, k) == want[k], "%s row %zu: %lld, want %lld",
		              opv_projection_column_name(c), k, (long long)at(p, c, k), (long long)want[k]);
}

#define LOCATIONS_SCENARIO(extend)                                                            \
	"{\"start\": \"2026-03-30\", \"weeks\": 6, " STOCKS(0, 0, 0) ", " STILL ","               \
	" \"housing_per_week\": 0, " extend                                                    \
	" \"capacity\": {\"initial\": {\"azc\": 1000}, \"locations\": \"levers_locations.csv\"," \
	" \"changes\": [{\"date\": \"2026-04-20\", \"delta\": 50}]}}"

START_TEST(capacity_by_kind)
{
	opv_projection *p = run(LOCATIONS_SCENARIO(""));
	/* regular: 1000 + A1 600; emergency: N1 300 (rows 0-2) + N2 250 (rows 0-4);
	 * hotel: H1 100 from row 2; unspecified: +50 from row 3; transit: D1 rows 1-3. */
	static const int64_t regular[] = { 1600, 1600, 1600, 1600, 1600, 1600, 1600 };
	static const int64_t emergency[] = { 550, 550, 550, 250, 250, 0, 0 };
	static const int64_t hotel[] = { 0, 0, 100, 100, 100, 100, 100 };
	static const int64_t unspecified[] = { 0, 0, 0, 50, 50, 50, 50 };
	static const int64_t total[] = { 2150, 2150, 2250, 2000, 2000, 1750, 1750 };
	/* A1 100 above its agreement throughout, N2 50 while open (rows 0-4). */
	static const int64_t above[] = { 150, 150, 150, 150, 150, 100, 100 };
	static const int64_t transit[] = { 0, 80, 80, 80, 0, 0, 0 };
	column_is(p, OPV_PROJECTION_CAPACITY_REGULAR, regular, 7);
	column_is(p, OPV_PROJECTION_CAPACITY_EMERGENCY, emergency, 7);
	column_is(p, OPV_PROJECTION_CAPACITY_HOTEL, hotel, 7);
	column_is(p, OPV_PROJECTION_CAPACITY_UNSPECIFIED, unspecified, 7);
	column_is(p, OPV_PROJECTION_CAPACITY, total, 7);
	column_is(p, OPV_PROJECTION_CAPACITY_ABOVE_AGREEMENT, above, 7);
	column_is(p, OPV_PROJECTION_TRANSIT_CAPACITY, transit, 7);
	ck_assert_int_eq(opv_projection_rows(p), 7);
	ck_assert_int_eq(at(p, OPV_PROJECTION_CAPACITY, 7), 0);
	ck_assert_ptr_null(opv_projection_column_name(OPV_PROJECTION_COLUMN_COUNT));
	ck_assert_str_eq(opv_projection_column_name(OPV_PROJECTION_CAPACITY_ABOVE_AGREEMENT),
	                 "capacity_above_agreement");
	opv_projection_free(p);
}
END_TEST

START_TEST(extend_by_type)
{
	/* N1 (nood) closes two weeks later, 2026-05-04: emergency rows 0-4 hold 550;
	 * N2 is spoednood and keeps its date. */
	opv_projection *p = run(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"nood\", \"weeks\": 2}],"));
	static const int64_t emergency[] = { 550, 550, 550, 550, 550, 0, 0 };
	column_is(p, OPV_PROJECTION_CAPACITY_EMERGENCY, emergency, 7);
	opv_projection_free(p);
}
END_TEST

START_TEST(extend_by_id_until_a_date)
{
	/* N2 until 2026-05-11: open on row 5 too, 250 places and 50 above agreement. */
	opv_projection *p = run(LOCATIONS_SCENARIO(
		"\"extend\": [{\"id\": \"N2\", \"until\": \"2026-05-11\"}],"));
	static const int64_t emergency[] = { 550, 550, 550, 250, 250, 250, 0 };
	static const int64_t above[] = { 150, 150, 150, 150, 150, 150, 100 };
	column_is(p, OPV_PROJECTION_CAPACITY_EMERGENCY, emergency, 7);
	column_is(p, OPV_PROJECTION_CAPACITY_ABOVE_AGREEMENT, above, 7);
	opv_projection_free(p);
}
END_TEST

START_TEST(extend_a_window_of_closing_dates)
{
	/* Closing in April: N1 (04-20) and D1 (04-27) one week later; N2 (05-04)
	 * is outside the window. */
	opv_projection *p = run(LOCATIONS_SCENARIO(
		"\"extend\": [{\"closing_from\": \"2026-04-01\", \"closing_until\": \"2026-04-30\","
		" \"weeks\": 1}],"));
	static const int64_t emergency[] = { 550, 550, 550, 550, 250, 0, 0 };
	static const int64_t transit[] = { 0, 80, 80, 80, 80, 0, 0 };
	column_is(p, OPV_PROJECTION_CAPACITY_EMERGENCY, emergency, 7);
	column_is(p, OPV_PROJECTION_TRANSIT_CAPACITY, transit, 7);
	opv_projection_free(p);
}
END_TEST

START_TEST(extend_the_latest_rule_wins_and_never_shortens)
{
	/* Two rules select N1: +1 week (04-27) and +3 weeks (05-11): the later wins.
	 * An `until` before the closing date changes nothing. */
	opv_projection *p = run(LOCATIONS_SCENARIO(
		"\"extend\": [{\"type\": \"nood\", \"weeks\": 1}, {\"id\": \"N1\", \"weeks\": 3},"
		" {\"id\": \"N2\", \"until\": \"2026-04-01\"}],"));
	static const int64_t emergency[] = { 550, 550, 550, 550, 550, 300, 0 };
	column_is(p, OPV_PROJECTION_CAPACITY_EMERGENCY, emergency, 7);
	opv_projection_free(p);
}
END_TEST

START_TEST(extend_a_typed_closing_change)
{
	/* A change of -400 nood places on 04-13 (rows 2 on), moved 2 weeks to 04-27 (rows 4 on). */
	opv_projection *p = run(
		"{\"start\": \"2026-03-30\", \"weeks\": 6, " STOCKS(0, 0, 0) ", " STILL ","
		" \"housing_per_week\": 0, \"extend\": [{\"id\": \"close\", \"weeks\": 2}],"
		" \"capacity\": {\"initial\": {\"nood\": 1000, \"hotel\": 5},"
		" \"changes\": [{\"date\": \"2026-04-13\", \"delta\": -400, \"type\": \"nood\", \"id\": \"close\"}]}}");
	static const int64_t emergency[] = { 1000, 1000, 1000, 1000, 600, 600, 600 };
	static const int64_t hotel[] = { 5, 5, 5, 5, 5, 5, 5 };
	column_is(p, OPV_PROJECTION_CAPACITY_EMERGENCY, emergency, 7);
	column_is(p, OPV_PROJECTION_CAPACITY_HOTEL, hotel, 7);
	opv_projection_free(p);
}
END_TEST

START_TEST(transit_places_take_status_holders_out_of_reception)
{
	/* 100 status holders; D1 has 80 places on rows 1-3; a quarter of the
	 * people in transit move on each week.
	 *   week 0: row 1 has 80 places, nobody in them: 80 move, S 20, T 80
	 *   week 1: 20 move on, 60 stay, 20 places free: 20 move, S 0, T 80
	 *   week 2: 20 move on, 60 stay, nobody left to move: T 60
	 *   week 3: row 4 has no places: 15 move on and the 45 staying too: T 0 */
	opv_projection *p = run(
		"{\"start\": \"2026-03-30\", \"weeks\": 6, " STOCKS(0, 100, 0) ", " STILL ","
		" \"housing_per_week\": 0, \"transit_departure_rate\": 0.25,"
		" \"capacity\": {\"initial\": 0, \"locations\": \"levers_locations.csv\"}}");
	static const int64_t s[] = { 100, 20, 0, 0, 0, 0, 0 };
	static const int64_t t[] = { 0, 80, 80, 60, 0, 0, 0 };
	static const int64_t to[] = { 0, 80, 20, 0, 0, 0, 0 };
	static const int64_t left[] = { 0, 0, 20, 20, 60, 0, 0 };
	static const int64_t occupancy[] = { 100, 20, 0, 0, 0, 0, 0 };
	column_is(p, OPV_PROJECTION_STATUS_HOLDERS, s, 7);
	column_is(p, OPV_PROJECTION_IN_TRANSIT, t, 7);
	column_is(p, OPV_PROJECTION_TO_TRANSIT, to, 7);
	column_is(p, OPV_PROJECTION_LEFT_TRANSIT, left, 7);
	column_is(p, OPV_PROJECTION_OCCUPANCY, occupancy, 7);
	opv_projection_free(p);
}
END_TEST

/*
 * Housing from the task, from Monday 2026-03-30.  2026-H1 has 26 Mondays
 * (5 January .. 29 June) and 30 March is the 13th (12 before it); 2026-H2 has
 * 26 (6 July .. 28 December).  vg 2,600 in H1 with a backlog of 1,300 carried
 * in: 3,900 owed, half of it realised: the plan by the end of grid week j is
 * round(0.5 * 3900 * j / 26) = round(75 j), 900 by start.
 *   weeks 0-12 (30 March .. 22 June): 75 a week, 975 in all
 *   week 13 (29 June): 75 due, but only 25 of the 1,000 status holders left
 *   H1 housed 900 + 1,000 = 1,900: 3,900 - 1,900 = 2,000 carry into H2
 *   week 14 (6 July): owed 2,600 + 2,000 = 4,600, due round(0.5 * 4600 / 26)
 *     = round(88.46) = 88, nobody left to house.
 */
#define TASK_SCENARIO(task)                                                                   \
	"{\"start\": \"2026-03-30\", \"weeks\": 15, " STOCKS(0, 1000, 0) ", " STILL ","          \
	" \"housing_task\": " task ", \"capacity\": {\"initial\": 5000}}"

START_TEST(housing_from_the_task_with_backlog)
{
	opv_projection *p = run(TASK_SCENARIO(
		"{\"national\": {\"2026-H1\": 2600, \"2026-H2\": 2600}, \"realisation\": 0.5,"
		" \"initial_backlog\": 1300}"));
	size_t k;
	for (k = 1; k <= 13; k++) {
		ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, k), 75);
		ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSING_DUE, k), 75);
	}
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSING_DUE, 14), 75);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, 14), 25);
	ck_assert_int_eq(at(p, OPV_PROJECTION_STATUS_HOLDERS, 14), 0);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSING_DUE, 15), 88);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, 15), 0);
	opv_projection_free(p);
}
END_TEST

START_TEST(housing_task_catches_up_and_rounds_half_up)
{
	/* No backlog, all realised: 2,600 owed in H1 = 100 a week.  In H2 a
	 * task of 2,613: round(2613 / 26) = round(100.5) = 101, then
	 * round(201) - 101 = 100.  The carry into H2 is 0: 1,200 before start
	 * plus 14 weeks of 100 is exactly 2,600. */
	opv_projection *p = run(
		"{\"start\": \"2026-03-30\", \"weeks\": 16, " STOCKS(0, 5000, 0) ", " STILL ","
		" \"housing_task\": {\"national\": {\"2026-H1\": 2600, \"2026-H2\": 2613}},"
		" \"capacity\": {\"initial\": 5000}}");
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, 1), 100);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, 14), 100);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, 15), 101);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSED, 16), 100);
	ck_assert_int_eq(at(p, OPV_PROJECTION_STATUS_HOLDERS, 16), 5000 - 1400 - 201);
	opv_projection_free(p);
}
END_TEST

START_TEST(old_fields_give_the_old_projection)
{
	/* A scenario of the first format, with the flows of flows_by_hand in
	 * test_projection.c, through the table: the kinds say where its
	 * capacity comes from (none named: all unspecified), nothing in transit. */
	opv_projection *p = run(
		"{\"start\": \"2026-03-30\", \"weeks\": 1, " STOCKS(1000, 200, 100) ","
		" \"inflow_per_week\": 500, \"decision_rate\": 0.1, \"grant_rate\": 0.6,"
		" \"housing_per_week\": 50, \"departure_rate\": 0.05, \"capacity\": {\"initial\": 1200}}");
	/* decided 100, granted 60, housed 50, departed 5:
	 * P 1000 + 500 - 100 = 1400; S 200 + 60 - 50 = 210; O 100 + 40 - 5 = 135 */
	ck_assert_int_eq(at(p, OPV_PROJECTION_IN_PROCEDURE, 1), 1400);
	ck_assert_int_eq(at(p, OPV_PROJECTION_STATUS_HOLDERS, 1), 210);
	ck_assert_int_eq(at(p, OPV_PROJECTION_OTHER, 1), 135);
	ck_assert_int_eq(at(p, OPV_PROJECTION_SHORTAGE, 1), 1745 - 1200);
	ck_assert_int_eq(at(p, OPV_PROJECTION_CAPACITY_UNSPECIFIED, 1), 1200);
	ck_assert_int_eq(at(p, OPV_PROJECTION_HOUSING_DUE, 1), 50);
	ck_assert_int_eq(at(p, OPV_PROJECTION_IN_TRANSIT, 1), 0);
	opv_projection_free(p);
}
END_TEST

START_TEST(monte_carlo_without_noise_runs_the_same_step)
{
	/* Transit and the housing task inside the Monte Carlo lanes: with no
	 * variation every run is the projection without noise. */
	opv_scenario *s = load(
		"{\"start\": \"2026-03-30\", \"weeks\": 15, " STOCKS(2000, 1000, 300) ","
		" \"inflow_per_week\": 120, \"decision_rate\": 0.05, \"grant_rate\": 0.7,"
		" \"departure_rate\": 0.03, \"transit_departure_rate\": 0.1,"
		" \"housing_task\": {\"national\": {\"2026-H1\": 2600, \"2026-H2\": 2600}, \"realisation\": 0.5,"
		" \"initial_backlog\": 1300},"
		" \"capacity\": {\"initial\": 3000, \"locations\": \"levers_locations.csv\"},"
		" \"monte_carlo\": {}}");
	opv_projection *p = NULL;
	opv_monte_carlo_week w[16];
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_error err = OPV_ERROR_INIT;
	size_t k;
	o.runs = 40;
	tuning.threads = 2;
	ck_assert_int_eq(opv_projection_run(&p, s, &err), OPV_OK);
	ck_assert_msg(opv_project_monte_carlo_tuned(w, 16, NULL, NULL, s, &o, &tuning, &err) == OPV_OK, "%s", err.message);
	for (k = 0; k < 16; k++) {
		ck_assert_double_eq(w[k].occupancy_p05, (double)at(p, OPV_PROJECTION_OCCUPANCY, k));
		ck_assert_double_eq(w[k].occupancy_p95, (double)at(p, OPV_PROJECTION_OCCUPANCY, k));
		ck_assert_double_eq(w[k].shortage_p50, (double)at(p, OPV_PROJECTION_SHORTAGE, k));
	}
	/* Mass balance with the transit flow. */
	for (k = 1; k < 16; k++)
		ck_assert_int_eq(at(p, OPV_PROJECTION_OCCUPANCY, k) - at(p, OPV_PROJECTION_OCCUPANCY, k - 1),
		                 at(p, OPV_PROJECTION_INFLOW, k) - at(p, OPV_PROJECTION_HOUSED, k) -
		                 at(p, OPV_PROJECTION_TO_TRANSIT, k) - at(p, OPV_PROJECTION_DEPARTED, k));
	opv_projection_free(p);
	opv_scenario_free(s);
}
END_TEST

#define BAD(json, code, needle)                                                               \
	do {                                                                                     \
		opv_scenario *s_ = (opv_scenario *)0x1;                                              \
		opv_error err_ = OPV_ERROR_INIT;                                                     \
		const char *j_ = (json);                                                             \
		ck_assert_fails(opv_scenario_parse_json(&s_, j_, strlen(j_), "s.json", OPV_TEST_DIR "/data", \
		                                        NULL, &err_), err_, code, needle);           \
		ck_assert_ptr_eq(s_, (opv_scenario *)0x1);                                           \
	} while (0)

START_TEST(new_fields_are_checked_as_strictly)
{
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"nood\", \"weeks\": -1}],"), OPV_ERANGE,
	    "field 'extend[0].weeks': must be 0 to 1040");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"nood\", \"week\": 2}],"), OPV_EINVAL,
	    "field 'extend[0].week': unknown field");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"tent\", \"weeks\": 2}],"), OPV_ENOTFOUND,
	    "field 'extend[0].type'");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"nood\"}],"), OPV_EINVAL,
	    "field 'extend[0]': needs one of 'weeks'");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"nood\", \"weeks\": 1, \"until\": \"2026-06-01\"}],"),
	    OPV_EINVAL, "field 'extend[0]': needs one of");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"id\": \"N9\", \"weeks\": 2}],"), OPV_EINVAL,
	    "field 'extend[0].id': no location or capacity change with id 'N9'");
	BAD(LOCATIONS_SCENARIO("\"extend\": {\"weeks\": 2},"), OPV_EPARSE, "field 'extend': must be an array");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"closing_from\": \"2026-05-01\", \"closing_until\": \"2026-04-01\","
	                       " \"weeks\": 1}],"),
	    OPV_ERANGE, "field 'extend[0].closing_until': is before closing_from");
	BAD(LOCATIONS_SCENARIO("\"extend\": [{\"type\": \"nood\", \"until\": \"2026-13-01\"}],"), OPV_EPARSE,
	    "field 'extend[0].until'");
	BAD(TASK_SCENARIO("{\"national\": {\"2026-H1\": 2600}}"), OPV_EINVAL,
	    "field 'housing_task.national': no figure for 2026-H2, which the week of 2026-07-06 falls in");
	BAD(TASK_SCENARIO("{\"national\": {\"2026-H1\": 2600, \"2026-H2\": -1}}"), OPV_ERANGE,
	    "field 'housing_task.national.2026-H2': must not be negative");
	BAD(TASK_SCENARIO("{\"national\": {\"2026-H3\": 2600}}"), OPV_EPARSE,
	    "field 'housing_task.national.2026-H3'");
	BAD(TASK_SCENARIO("{\"national\": {\"2026-H1\": 1, \"2026-H2\": 1}, \"realisation\": -0.1}"), OPV_ERANGE,
	    "field 'housing_task.realisation': -0.1 is outside [0, 10]");
	BAD(TASK_SCENARIO("{\"national\": {\"2026-H1\": 1, \"2026-H2\": 1}, \"initial_backlog\": 0.5}"),
	    OPV_EPARSE, "field 'housing_task.initial_backlog': must be a whole number");
	BAD(TASK_SCENARIO("{\"national\": {\"2026-H1\": 1, \"2026-H2\": 1}, \"backlog\": 5}"), OPV_EINVAL,
	    "field 'housing_task.backlog': unknown field");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
	    " \"housing_task\": {\"national\": {}}, \"capacity\": {\"initial\": 1}}",
	    OPV_EINVAL, "give housing_per_week or housing_task, not both");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"capacity\": {\"initial\": 1}}",
	    OPV_EINVAL, "field 'housing_per_week': missing (or give housing_task)");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
	    " \"capacity\": {\"initial\": {\"azc\": 1, \"tent\": 2}}}", OPV_ENOTFOUND,
	    "field 'capacity.initial.tent'");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
	    " \"capacity\": {\"initial\": {\"azc\": 100}, \"changes\": [{\"date\": \"2026-04-06\", \"delta\": -10,"
	    " \"type\": \"nood\"}]}}", OPV_ERANGE,
	    "field 'capacity': emergency capacity on 2026-04-06 (week 1) would be -10");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
	    " \"transit_departure_rate\": 2, \"capacity\": {\"initial\": 1}}", OPV_ERANGE,
	    "field 'transit_departure_rate': 2 is outside [0, 1]");
	/* Just above 1 is not shown as 1. */
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
	    " \"transit_departure_rate\": 1.0000000000000002, \"capacity\": {\"initial\": 1}}", OPV_ERANGE,
	    "field 'transit_departure_rate': 1.0000000000000002 is outside [0, 1]");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, \"initial\": {\"in_procedure\": 0, \"status_holders\": 0,"
	    " \"other\": 0, \"in_transit\": 5}, " STILL ", \"housing_per_week\": 1, \"capacity\": {\"initial\": 1}}",
	    OPV_ERANGE, "field 'initial.in_transit': is more than the transit places");
	BAD("{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
	    " \"capacity\": {\"initial\": 1}, \"references\": [{\"date\": \"2026-03-30\", \"shortage\": 4500}]}",
	    OPV_EINVAL, "field 'references[0].label': missing");
}
END_TEST

/* A scenario of `n` closings of one place each and `rules` rules of `extend`. */
static char *many(size_t n, size_t rules)
{
	size_t cap = 512 + n * 64 + rules * 32, used = 0, i;
	char *text = malloc(cap);
	used += (size_t)snprintf(text + used, cap - used,
	                         "{\"start\": \"2026-03-30\", \"weeks\": 4, " STOCKS(0, 0, 0) ", " STILL
	                         ", \"housing_per_week\": 0, \"extend\": [");
	for (i = 0; i < rules; i++)
		used += (size_t)snprintf(text + used, cap - used, "%s{\"weeks\": 1}", i ? ", " : "");
	used += (size_t)snprintf(text + used, cap - used,
	                         "], \"capacity\": {\"initial\": 100000, \"changes\": [");
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(text + used, cap - used,
		                         "%s{\"date\": \"2026-04-06\", \"delta\": -1}", i ? ", " : "");
	snprintf(text + used, cap - used, "]}}");
	return text;
}

START_TEST(limits_that_keep_the_work_linear)
{
	/* Every closing is held against every rule of `extend`, and every input
	 * costs the sensitivity two projections: both are bounded. */
	char *text = many(10, OPV_SCENARIO_MAX_EXTEND + 1);
	opv_scenario *s;
	opv_sensitivity *r = (opv_sensitivity *)0x1;
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	BAD(text, OPV_ERANGE, "field 'extend': has 1001 rules; a scenario may have 1000");
	free(text);
	text = many(10, OPV_SCENARIO_MAX_EXTEND);
	s = load(text);
	opv_scenario_free(s);
	free(text);
	/* 1,000 closings pass the limit of inputs: with three stocks, five rates
	 * and flows and capacity.initial there are 1,009. */
	text = many(OPV_SENSITIVITY_MAX_INPUTS, 0);
	s = load(text);
	ck_assert_fails(opv_sensitivity_run(&r, s, &o, &err), err, OPV_ERANGE,
	                "the scenario has 1009 inputs to move; the sensitivity moves at most 1000");
	ck_assert_ptr_eq(r, (opv_sensitivity *)0x1);
	/* The options are fine: the limit is the scenario's. */
	ck_assert_int_eq(opv_sensitivity_options_check(s, &o, &err), OPV_OK);
	opv_scenario_free(s);
	free(text);
}
END_TEST

START_TEST(references_are_kept_for_the_chart)
{
	opv_scenario *s = load(
		"{\"start\": \"2026-03-30\", \"weeks\": 2, " STOCKS(0, 0, 0) ", " STILL ", \"housing_per_week\": 1,"
		" \"capacity\": {\"initial\": 1}, \"references\": [{\"date\": \"2026-03-30\", \"shortage\": 4500,"
		" \"label\": \"letter of 26 March 2026\"}]}");
	const opv_scenario_reference *r;
	ck_assert_int_eq(opv_scenario_reference_count(s), 1);
	r = opv_scenario_reference_at(s, 0);
	ck_assert_int_eq(r->shortage, 4500);
	ck_assert_str_eq(r->label, "letter of 26 March 2026");
	ck_assert_ptr_null(opv_scenario_reference_at(s, 1));
	opv_scenario_free(s);
}
END_TEST


START_TEST(sensitivity_by_hand)
{
	/* 2,000 in procedure and nothing moves; on 2026-05-11 (row 6) there are
	 * 1,000 azc + A1 600 + H1 100 + a change of 50 = 1,750 places: 250 short.
	 * Moved by 10%: in procedure 1,800 / 2,200 -> 50 / 450; capacity.initial.azc
	 * 900 / 1,100 -> 350 / 150; A1 540 / 660 -> 310 / 190; H1 90 / 110 -> 260
	 * / 240; the change 45 / 55 -> 255 / 245; the rest, closed or zero, 250. */
	opv_scenario *sc = load(
		"{\"start\": \"2026-03-30\", \"weeks\": 6, " STOCKS(2000, 0, 0) ", " STILL ","
		" \"housing_per_week\": 0,"
		" \"capacity\": {\"initial\": {\"azc\": 1000}, \"locations\": \"levers_locations.csv\","
		" \"changes\": [{\"date\": \"2026-04-20\", \"delta\": 50}]}}");
	static const char *const names[] = { "initial.in_procedure", "capacity.initial.azc",
	                                     "capacity.locations[azc]", "capacity.locations[hotel]",
	                                     "capacity.changes[0].delta", "initial.status_holders" };
	static const int64_t low[] = { 50, 350, 310, 260, 255, 250 };
	static const int64_t high[] = { 450, 150, 190, 240, 245, 250 };
	static const double value_low[] = { 1800, 900, 540, 90, 45, 0 };
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	opv_sensitivity *r = NULL;
	opv_error err = OPV_ERROR_INIT;
	const char *absolute = "housing_per_week";
	double amount = 0;
	size_t i;
	o.date = day("2026-05-13");
	ck_assert_msg(opv_sensitivity_run(&r, sc, &o, &err) == OPV_OK, "%s", err.message);
	ck_assert_int_eq(opv_sensitivity_count(r), 15);
	ck_assert_int_eq(opv_sensitivity_base(r), 250);
	ck_assert_int_eq(opv_sensitivity_date(r), day("2026-05-11"));
	for (i = 0; i < 6; i++) {
		ck_assert_str_eq(opv_sensitivity_input(r, i), names[i]);
		ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_LOW), low[i]);
		ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_HIGH), high[i]);
		ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_BASE), 250);
		ck_assert_double_eq(opv_sensitivity_value(r, i, OPV_SENSITIVITY_LOW), value_low[i]);
	}
	ck_assert_ptr_null(opv_sensitivity_input(r, 15));
	opv_sensitivity_free(r);

	/* Errors: a date outside, an absolute input the scenario lacks or with no amount. */
	r = (opv_sensitivity *)0x1;
	o.date = day("2026-03-29");
	ck_assert_fails(opv_sensitivity_run(&r, sc, &o, &err), err, OPV_ERANGE,
	                "2026-03-29 is outside the projection, 2026-03-30 to 2026-05-11");
	ck_assert_fails(opv_sensitivity_options_check(sc, &o, &err), err, OPV_ERANGE,
	                "2026-03-29 is outside the projection, 2026-03-30 to 2026-05-11");
	o.date = day("2026-05-11");
	ck_assert_msg(opv_sensitivity_options_check(sc, &o, &err) == OPV_OK, "%s", err.message);
	o.date = 0;
	o.absolute_inputs = &absolute;
	o.absolute_amounts = &amount;
	o.nabsolute = 1;
	ck_assert_fails(opv_sensitivity_run(&r, sc, &o, &err), err, OPV_EINVAL,
	                "the amount 0 for housing_per_week is outside (0, 10^9]");
	amount = 5;
	absolute = "housing_task.realisation";
	ck_assert_fails(opv_sensitivity_run(&r, sc, &o, &err), err, OPV_ENOTFOUND,
	                "no input 'housing_task.realisation'; it has initial.in_procedure, ");
	ck_assert_fails(opv_sensitivity_options_check(sc, &o, &err), err, OPV_ENOTFOUND,
	                "no input 'housing_task.realisation'; it has initial.in_procedure, ");
	absolute = "capacity.locations[azc]";
	ck_assert_fails(opv_sensitivity_run(&r, sc, &o, &err), err, OPV_EINVAL, "moves by a share only");
	o.nabsolute = 0;
	o.relative = 0;
	ck_assert_fails(opv_sensitivity_run(&r, sc, &o, &err), err, OPV_EINVAL, "outside (0, 10]");
	ck_assert_ptr_eq(r, (opv_sensitivity *)0x1);
	opv_scenario_free(sc);
}
END_TEST

START_TEST(sensitivity_of_the_housing_task)
{
	/* The housing task of housing_from_the_task_with_backlog up to row 13
	 * (29 June): 75 a week housed, 975 in all, 25 left waiting.  With no
	 * capacity the shortage is the status holders left. */
	opv_scenario *sc = load(
		"{\"start\": \"2026-03-30\", \"weeks\": 13, " STOCKS(0, 1000, 0) ", " STILL ","
		" \"housing_task\": {\"national\": {\"2026-H1\": 2600}, \"realisation\": 0.5,"
		" \"initial_backlog\": 1300}, \"capacity\": {\"initial\": 0}}");
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	opv_sensitivity *r = NULL;
	opv_error err = OPV_ERROR_INIT;
	size_t i, found = 0;
	ck_assert_msg(opv_sensitivity_run(&r, sc, &o, &err) == OPV_OK, "%s", err.message);
	ck_assert_int_eq(opv_sensitivity_base(r), 25);
	for (i = 0; i < opv_sensitivity_count(r); i++) {
		const char *name = opv_sensitivity_input(r, i);
		if (strcmp(name, "housing_task.realisation") == 0) {
			/* 0.45 of 3,900 = 1,755: planned round(67.5 j), 810 by start and
			 * round(67.5 * 25) = 1,688 by row 13: 878 housed, 122 left.
			 * 0.55: round(82.5 * 12) = 990, round(82.5 * 25) = 2,063: 1,073
			 * due, but only 1,000 waiting: 0 left. */
			ck_assert_double_eq(opv_sensitivity_value(r, i, OPV_SENSITIVITY_LOW), 0.45);
			ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_LOW), 122);
			ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_HIGH), 0);
			found++;
		} else if (strcmp(name, "housing_task.initial_backlog") == 0) {
			/* 1,170 / 1,430: owed 3,770 / 4,030, round(72.5 j) / round(77.5 j):
			 * 870 / 930 by start, 1,813 / 1,938 by row 13: 943 / 1,008 due. */
			ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_LOW), 57);
			ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_HIGH), 0);
			found++;
		} else if (strcmp(name, "housing_task.national") == 0) {
			/* 2,340 / 2,860: owed 3,640 / 4,160: round(70 j) / round(80 j):
			 * 840 / 960 by start, 1,750 / 2,000 by row 13: 910 / 1,040 due. */
			ck_assert_double_eq(opv_sensitivity_value(r, i, OPV_SENSITIVITY_HIGH), 2860);
			ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_LOW), 90);
			ck_assert_int_eq(opv_sensitivity_shortage(r, i, OPV_SENSITIVITY_HIGH), 0);
			found++;
		}
	}
	ck_assert_int_eq(found, 3);
	opv_sensitivity_free(r);
	opv_scenario_free(sc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("levers");
	TCase *tc = tcase_create("levers");
	tcase_add_test(tc, capacity_by_kind);
	tcase_add_test(tc, extend_by_type);
	tcase_add_test(tc, extend_by_id_until_a_date);
	tcase_add_test(tc, extend_a_window_of_closing_dates);
	tcase_add_test(tc, extend_the_latest_rule_wins_and_never_shortens);
	tcase_add_test(tc, extend_a_typed_closing_change);
	tcase_add_test(tc, transit_places_take_status_holders_out_of_reception);
	tcase_add_test(tc, housing_from_the_task_with_backlog);
	tcase_add_test(tc, housing_task_catches_up_and_rounds_half_up);
	tcase_add_test(tc, old_fields_give_the_old_projection);
	tcase_add_test(tc, monte_carlo_without_noise_runs_the_same_step);
	tcase_add_test(tc, new_fields_are_checked_as_strictly);
	tcase_add_test(tc, limits_that_keep_the_work_linear);
	tcase_add_test(tc, references_are_kept_for_the_chart);
	tcase_add_test(tc, sensitivity_by_hand);
	tcase_add_test(tc, sensitivity_of_the_housing_task);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
