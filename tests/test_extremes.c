/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Every public function at the extremes of its integer and floating-point
 * arguments: INT_MIN, -1, 0 and INT_MAX for int; INT64_MIN, -1 and INT64_MAX
 * for int64_t; 0, SIZE_MAX and SIZE_MAX / 2 + 1 for counts; every enum value,
 * one past the last and -1; NaN, infinities, -0.0, DBL_MAX and DBL_MIN for
 * doubles.  Each test is named after its function.  The suite runs under
 * UndefinedBehaviorSanitizer in the ASan build, so a signed overflow, an
 * out-of-range conversion or a bad shift anywhere on the way fails it.
 * Functions with pointer arguments only get their NULL test.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"

#ifndef OPV_TEST_DIR
#error "OPV_TEST_DIR must name tests/"
#endif

/* One test per function, named after it. */
#define TEST(fn) START_TEST(x_##fn)

/* Asserts the status of a call that takes &err; on failure, that the record
 * says so with a message. */
#define EXPECT(want, call)                                                               \
	do {                                                                                 \
		int rc_;                                                                         \
		opv_error_clear(&err);                                                           \
		rc_ = (call);                                                                    \
		ck_assert_msg(rc_ == (want), "line %d: %s: expected %d, got %d: %s", __LINE__,   \
		              #call, (int)(want), rc_, err.message);                             \
		if ((want) != OPV_OK) {                                                          \
			ck_assert_int_eq(err.code, (want));                                          \
			ck_assert_msg(err.message[0] != '\0', "line %d: %s: empty message", __LINE__, \
			              #call);                                                       \
		}                                                                                \
	} while (0)

/* Asserts that a call fails with `want` (any error code when want is 1). */
#define FAILS(call)                                                                       \
	do {                                                                                 \
		int rc_;                                                                         \
		opv_error_clear(&err);                                                           \
		rc_ = (call);                                                                    \
		ck_assert_msg(rc_ < 0, "line %d: %s: expected failure, got %d", __LINE__, #call, \
		              rc_);                                                              \
		ck_assert_int_eq(err.code, rc_);                                                 \
		ck_assert_msg(err.message[0] != '\0', "line %d: %s: empty message", __LINE__,     \
		              #call);                                                            \
	} while (0)

#define N_OF(a) (sizeof(a) / sizeof *(a))

static const int ints[] = { INT_MIN, -1, 0, INT_MAX };
static const opv_day days[] = { INT32_MIN, -1, 0, INT32_MAX };
static const int64_t int64s[] = { INT64_MIN, -1, 0, INT64_MAX };
static const size_t sizes[] = { 0, SIZE_MAX, SIZE_MAX / 2 + 1 };
static const size_t big_sizes[] = { SIZE_MAX, SIZE_MAX / 2 + 1 };
static double doubles[8];

static void fill_doubles(void)
{
	doubles[0] = NAN;
	doubles[1] = INFINITY;
	doubles[2] = -INFINITY;
	doubles[3] = -0.0;
	doubles[4] = DBL_MAX;
	doubles[5] = DBL_MIN;
	doubles[6] = -DBL_MAX;
	doubles[7] = -DBL_MIN;
}

/* A byte pattern for outputs that must stay untouched. */
#define SENTINEL 0x5a
static int untouched(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;
	for (i = 0; i < n; i++)
		if (b[i] != SENTINEL)
			return 0;
	return 1;
}
#define POISON(x) memset(&(x), SENTINEL, sizeof(x))
#define UNTOUCHED(x) ck_assert_msg(untouched(&(x), sizeof(x)), "line %d: %s was written", __LINE__, #x)

static opv_day day_of(const char *text)
{
	opv_day d = 0;
	ck_assert_int_eq(opv_date_parse(&d, text, NULL), OPV_OK);
	return d;
}

/* ---- the objects every test works on ---------------------------------------- */

static opv_register *reg;       /* the embedded default register */
static size_t nreg;
static opv_locations *locs;     /* the example locations */
static opv_tasks *tasks;        /* the indicative key of 96,000 places */

static void setup(void)
{
	opv_error err = OPV_ERROR_INIT;
	fill_doubles();
	ck_assert_int_eq(opv_register_default(&reg, &err), OPV_OK);
	nreg = opv_register_count(reg);
	ck_assert_msg(opv_locations_load_csv(&locs, reg,
	                                     OPV_TEST_DIR "/../examples/data/synthetic_locations.csv",
	                                     &err) == OPV_OK, "%s", err.message);
	ck_assert_msg(opv_tasks_from_key(&tasks, reg, NULL, 96000, 8140, &err) == OPV_OK, "%s",
	              err.message);
}

static void teardown(void)
{
	opv_tasks_free(tasks);
	opv_locations_free(locs);
	opv_register_free(reg);
	tasks = NULL;
	locs = NULL;
	reg = NULL;
}

static int64_t *int64_array(size_t n, int64_t value)
{
	int64_t *a = malloc((n ? n : 1) * sizeof *a);
	size_t i;
	ck_assert_ptr_nonnull(a);
	for (i = 0; i < n; i++)
		a[i] = value;
	return a;
}

static const char scenario_json[] =
	"{\"start\": \"2026-03-30\", \"weeks\": 8,"
	" \"initial\": {\"in_procedure\": 40000, \"status_holders\": 17000, \"other\": 9000},"
	" \"inflow_per_week\": 900, \"decision_rate\": 0.03, \"grant_rate\": 0.6,"
	" \"housing_per_week\": 350, \"departure_rate\": 0.02,"
	" \"capacity\": {\"initial\": 68000, \"changes\": [{\"date\": \"2026-05-04\", \"delta\": 2000}]},"
	" \"monte_carlo\": {\"inflow_cv\": 0.15, \"housing_cv\": 0.1}}";

static opv_scenario *scenario(void)
{
	opv_scenario *s = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_scenario_parse_json(&s, scenario_json, strlen(scenario_json), "s.json", NULL,
	                                      reg, &err) == OPV_OK, "%s", err.message);
	return s;
}

/* ---- core.h ---------------------------------------------------------------- */

TEST(opv_strerror)
{
	size_t i;
	for (i = 0; i < N_OF(ints); i++) {
		ck_assert_ptr_nonnull(opv_strerror(ints[i]));
		ck_assert_str_ne(opv_strerror(ints[i]), "");
	}
	ck_assert_str_eq(opv_strerror(INT_MIN), "unknown status");
	ck_assert_str_eq(opv_strerror(INT_MAX), "unknown status");
	ck_assert_str_eq(opv_strerror(OPV_ECANCELLED - 1), "unknown status");
	ck_assert_str_eq(opv_strerror(1), "unknown status");
}
END_TEST

TEST(opv_error_clear)
{
	opv_error err = OPV_ERROR_INIT;
	opv_error_clear(NULL);
	err.code = OPV_EINVAL;
	err.line = LONG_MAX;
	err.column = LONG_MIN;
	strcpy(err.message, "x");
	opv_error_clear(&err);
	ck_assert_int_eq(err.code, OPV_OK);
	ck_assert_int_eq(err.line, 0);
	ck_assert_int_eq(err.column, 0);
	ck_assert_str_eq(err.message, "");
}
END_TEST

TEST(opv_version)
{
	ck_assert_ptr_nonnull(opv_version());
}
END_TEST

TEST(opv_version_number)
{
	ck_assert_int_eq(opv_version_number(), OPV_VERSION_NUMBER);
}
END_TEST

/* ---- date.h ---------------------------------------------------------------- */

TEST(opv_date_parse)
{
	opv_error err = OPV_ERROR_INIT;
	opv_day d;
	POISON(d);
	EXPECT(OPV_EINVAL, opv_date_parse(NULL, "2026-01-01", &err));
	EXPECT(OPV_EINVAL, opv_date_parse(&d, NULL, &err));
	EXPECT(OPV_EPARSE, opv_date_parse(&d, "2147483647-01-01", &err));
	EXPECT(OPV_EPARSE, opv_date_parse(&d, "9999-99-99", &err));
	UNTOUCHED(d);
}
END_TEST

TEST(opv_date_format)
{
	opv_error err = OPV_ERROR_INIT;
	char buf[OPV_DATE_TEXT_SIZE];
	size_t i;
	for (i = 0; i < N_OF(sizes); i++)
		EXPECT(OPV_EINVAL, opv_date_format(NULL, sizes[i], 0, &err));
	POISON(buf);
	EXPECT(OPV_EINVAL, opv_date_format(buf, 0, 0, &err));
	EXPECT(OPV_EINVAL, opv_date_format(buf, OPV_DATE_TEXT_SIZE - 1, 0, &err));
	/* A day outside the calendar is refused before the buffer is touched,
	 * whatever size is claimed. */
	EXPECT(OPV_EINVAL, opv_date_format(buf, SIZE_MAX, INT32_MAX, &err));
	EXPECT(OPV_EINVAL, opv_date_format(buf, SIZE_MAX / 2 + 1, INT32_MIN, &err));
	EXPECT(OPV_EINVAL, opv_date_format(buf, sizeof buf, INT32_MAX, &err));
	ck_assert_ptr_nonnull(strstr(err.message, "2147483647"));
	EXPECT(OPV_EINVAL, opv_date_format(buf, sizeof buf, INT32_MIN, &err));
	ck_assert_ptr_nonnull(strstr(err.message, "-2147483648"));
	UNTOUCHED(buf);
	EXPECT(OPV_OK, opv_date_format(buf, sizeof buf, -1, &err));
	ck_assert_str_eq(buf, "1969-12-31");
	EXPECT(OPV_OK, opv_date_format(buf, sizeof buf, 0, &err));
	ck_assert_str_eq(buf, "1970-01-01");
	EXPECT(OPV_OK, opv_date_format(buf, sizeof buf, day_of("9999-12-31"), &err));
	ck_assert_str_eq(buf, "9999-12-31");
	EXPECT(OPV_EINVAL, opv_date_format(buf, sizeof buf, day_of("9999-12-31") + 1, &err));
	EXPECT(OPV_EINVAL, opv_date_format(buf, sizeof buf, day_of("1900-01-01") - 1, &err));
}
END_TEST

TEST(opv_date_add_years)
{
	size_t i, j;
	/* Every pair is defined: a result beyond opv_day saturates. */
	for (i = 0; i < N_OF(days); i++)
		for (j = 0; j < N_OF(ints); j++)
			(void)opv_date_add_years(days[i], ints[j]);
	ck_assert_int_eq(opv_date_add_years(INT32_MAX, 0), INT32_MAX);
	ck_assert_int_eq(opv_date_add_years(INT32_MIN, 0), INT32_MIN);
	ck_assert_int_eq(opv_date_add_years(INT32_MAX, 1), INT32_MAX);
	ck_assert_int_eq(opv_date_add_years(INT32_MIN, -1), INT32_MIN);
	ck_assert_int_eq(opv_date_add_years(0, INT_MAX), INT32_MAX);
	ck_assert_int_eq(opv_date_add_years(0, INT_MIN), INT32_MIN);
	ck_assert_int_eq(opv_date_add_years(INT32_MIN, INT_MAX), INT32_MAX);
	ck_assert_int_eq(opv_date_add_years(INT32_MAX, INT_MIN), INT32_MIN);
	ck_assert_int_eq(opv_date_add_years(0, -1), day_of("1969-01-01"));
	ck_assert_int_eq(opv_date_add_years(-1, 1), day_of("1970-12-31"));
	ck_assert_int_eq(opv_date_add_years(day_of("2024-02-29"), 1), day_of("2025-03-01"));
	ck_assert_int_eq(opv_date_add_years(day_of("2024-02-29"), 4), day_of("2028-02-29"));
	ck_assert_int_eq(opv_date_add_years(day_of("9999-12-31"), 1000),
	                 opv_date_add_years(day_of("9999-12-31"), 999) + 365);
	ck_assert_int_eq(opv_date_add_years(day_of("2000-02-29"), 100), day_of("2100-03-01"));
}
END_TEST

TEST(opv_every_name)
{
	size_t i;
	ck_assert_str_eq(opv_every_name(OPV_EVERY_WEEK), "week");
	ck_assert_str_eq(opv_every_name(OPV_EVERY_MONTH), "month");
	ck_assert_ptr_null(opv_every_name((opv_every)2));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_every_name((opv_every)ints[i]));
}
END_TEST

TEST(opv_every_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_every e;
	POISON(e);
	EXPECT(OPV_EINVAL, opv_every_from_name(NULL, "week", &err));
	EXPECT(OPV_EINVAL, opv_every_from_name(&e, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_every_from_name(&e, "", &err));
	UNTOUCHED(e);
}
END_TEST

TEST(opv_date_series)
{
	opv_error err = OPV_ERROR_INIT;
	opv_day out[4];
	size_t count, i, j;
	const opv_day first = day_of("2026-01-01");
	const int everys[] = { -1, 2, INT_MIN, INT_MAX };
	/* A capacity with no array, or an array too small for what the series
	 * refuses anyway, is refused before anything is written. */
	POISON(count);
	POISON(out);
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_date_series(NULL, big_sizes[i], &count, first, first,
		                                   OPV_EVERY_WEEK, &err));
		EXPECT(OPV_ERANGE, opv_date_series(out, big_sizes[i], &count, INT32_MIN, first,
		                                   OPV_EVERY_WEEK, &err));
		EXPECT(OPV_ERANGE, opv_date_series(out, big_sizes[i], &count, first, INT32_MAX,
		                                   OPV_EVERY_MONTH, &err));
		EXPECT(OPV_EINVAL, opv_date_series(out, big_sizes[i], &count, first + 1, first,
		                                   OPV_EVERY_WEEK, &err));
	}
	EXPECT(OPV_EINVAL, opv_date_series(out, 4, NULL, first, first, OPV_EVERY_WEEK, &err));
	for (i = 0; i < N_OF(everys); i++)
		EXPECT(OPV_EINVAL, opv_date_series(out, 4, &count, first, first, (opv_every)everys[i], &err));
	UNTOUCHED(count);
	for (i = 0; i < N_OF(days); i++) {
		for (j = 0; j < N_OF(days); j++) {
			opv_error_clear(&err);
			int rc = opv_date_series(out, 0, &count, days[i], days[j], OPV_EVERY_WEEK, &err);
			if (days[i] == INT32_MIN || days[i] == INT32_MAX || days[j] == INT32_MIN ||
			    days[j] == INT32_MAX)
				ck_assert_int_eq(rc, OPV_ERANGE);
			else if (days[j] < days[i])
				ck_assert_int_eq(rc, OPV_EINVAL);
			if (rc != OPV_OK)
				ck_assert_str_ne(err.message, "");
		}
	}
	UNTOUCHED(out);
	EXPECT(OPV_OK, opv_date_series(NULL, 0, &count, -1, 0, OPV_EVERY_WEEK, &err));
	ck_assert_uint_eq(count, 1);
	EXPECT(OPV_OK, opv_date_series(NULL, 0, &count, day_of("1900-01-01"), day_of("9999-12-31"),
	                               OPV_EVERY_MONTH, &err));
	ck_assert_uint_eq(count, 8100 * 12);
	EXPECT(OPV_ERANGE, opv_date_series(NULL, 0, &count, day_of("1900-01-01"),
	                                   day_of("9999-12-31"), OPV_EVERY_WEEK, &err));
	EXPECT(OPV_OK, opv_date_series(out, 4, &count, day_of("9999-12-01"), day_of("9999-12-31"),
	                               OPV_EVERY_WEEK, &err));
	ck_assert_uint_eq(count, 5);
	ck_assert_int_eq(out[3], day_of("9999-12-22"));
}
END_TEST

/* ---- the suite ----------------------------------------------------------------- */

int main(void)
{
	Suite *s = suite_create("extremes");
	{
		TCase *tc = tcase_create("core_date");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_strerror);
		tcase_add_test(tc, x_opv_error_clear);
		tcase_add_test(tc, x_opv_version);
		tcase_add_test(tc, x_opv_version_number);
		tcase_add_test(tc, x_opv_date_parse);
		tcase_add_test(tc, x_opv_date_format);
		tcase_add_test(tc, x_opv_date_add_years);
		tcase_add_test(tc, x_opv_every_name);
		tcase_add_test(tc, x_opv_every_from_name);
		tcase_add_test(tc, x_opv_date_series);
		suite_add_tcase(s, tc);
	}
	return run_suite(s);
}
