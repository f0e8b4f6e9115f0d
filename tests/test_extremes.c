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

#define OPV_EXPERIMENTAL_API  /* the tuned functions are public functions too */
#include "opvang/experimental.h"
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

/* ---- apportion.h -------------------------------------------------------------- */

TEST(opv_apportion)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t seats[3];
	double w[3] = { 1, 2, 3 };
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	int64_t lower[3], upper[3];
	size_t i, j;
	const int enums[] = { -1, INT_MIN, INT_MAX };
	POISON(seats);
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_apportion(NULL, w, big_sizes[i], 10, NULL, &err));
		EXPECT(OPV_EINVAL, opv_apportion(seats, NULL, big_sizes[i], 10, NULL, &err));
	}
	EXPECT(OPV_OK, opv_apportion(NULL, NULL, 0, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_apportion(NULL, NULL, 0, 1, NULL, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		if (int64s[i] == 0)
			continue;
		EXPECT(OPV_ERANGE, opv_apportion(seats, w, 3, int64s[i], NULL, &err));
		EXPECT(OPV_ERANGE, opv_apportion(seats, w, 0, int64s[i], NULL, &err));
	}
	EXPECT(OPV_ERANGE, opv_apportion(seats, w, 3, OPV_APPORTION_MAX_TOTAL + 1, NULL, &err));
	/* Weights: NaN and infinities are refused, -0.0 is zero, DBL_MAX is a
	 * weight like any other until the sum overflows. */
	for (i = 0; i < N_OF(doubles); i++) {
		double v = doubles[i];
		double one[3] = { v, 1, 1 };
		opv_error_clear(&err);
		int rc = opv_apportion(seats, one, 3, 10, NULL, &err);
		if (isnan(v) || isinf(v) || v < 0)
			ck_assert_int_eq(rc, OPV_EINVAL);
		else
			ck_assert_int_eq(rc, OPV_OK);
		if (rc)
			ck_assert_str_ne(err.message, "");
	}
	POISON(seats);
	{
		double two_max[3] = { DBL_MAX, DBL_MAX, 1 };
		double tiny[3] = { DBL_MIN, DBL_MIN, 0 };
		double zeros[3] = { -0.0, -0.0, -0.0 };
		EXPECT(OPV_ERANGE, opv_apportion(seats, two_max, 3, 10, NULL, &err));
		UNTOUCHED(seats);
		EXPECT(OPV_EINVAL, opv_apportion(seats, zeros, 3, 1, NULL, &err));
		UNTOUCHED(seats);
		for (j = 0; j <= OPV_HUNTINGTON_HILL; j++) {
			o.method = (opv_method)j;
			EXPECT(OPV_OK, opv_apportion(seats, tiny, 3, 2, &o, &err));
			ck_assert_int_eq(seats[0] + seats[1] + seats[2], 2);
			ck_assert_int_eq(seats[2], 0);
			EXPECT(OPV_OK, opv_apportion(seats, w, 3, OPV_APPORTION_MAX_TOTAL, &o, &err));
			ck_assert_int_eq(seats[0] + seats[1] + seats[2], OPV_APPORTION_MAX_TOTAL);
		}
		o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
	}
	{
		/* Tiny weights and a large total: the divisor, their sum over the
		 * total, would be subnormal.  Found by fuzz_api_models: the divisor
		 * methods then gave up to 2^53 seats one at a time, or,
		 * where they finished, seats far from the quota.  With and without
		 * bounds, equal weights get equal seats within one. */
		const double smalls[] = { 1e-300, 1e-305, DBL_MIN, 4.9e-324 };
		double eq[19];
		int64_t s19[19], up19[19];
		size_t k, m;
		for (k = 0; k < N_OF(smalls); k++)
			for (j = OPV_JEFFERSON; j <= OPV_HUNTINGTON_HILL; j++)
				for (m = 0; m < 2; m++) {
					int64_t sum = 0;
					o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
					o.method = (opv_method)j;
					for (i = 0; i < 19; i++) {
						eq[i] = smalls[k];
						up19[i] = OPV_APPORTION_MAX_TOTAL - 1;
					}
					o.upper = m ? up19 : NULL;
					EXPECT(OPV_OK, opv_apportion(s19, eq, 19, OPV_APPORTION_MAX_TOTAL - 1, &o, &err));
					for (i = 0; i < 19; i++) {
						ck_assert_int_ge(s19[i], (OPV_APPORTION_MAX_TOTAL - 1) / 19);
						ck_assert_int_le(s19[i], (OPV_APPORTION_MAX_TOTAL - 1) / 19 + 1);
						sum += s19[i];
					}
					ck_assert_int_eq(sum, OPV_APPORTION_MAX_TOTAL - 1);
				}
		/* A heavy unit held at 0 by its bound leaves the seats to tiny
		 * ones: they are scaled too, from the smallest weight.  Beyond
		 * what scaling can reach (2^1400 from smallest to largest), the
		 * call is refused at once rather than left to the heap. */
		for (i = 0; i < 19; i++) {
			eq[i] = DBL_MIN;
			up19[i] = OPV_APPORTION_MAX_TOTAL - 1;
		}
		eq[17] = 19521;
		up19[17] = 0;
		eq[18] = 0;
		o.method = OPV_ADAMS;
		o.ties = OPV_TIE_ERROR;
		o.upper = up19;
		opv_error_clear(&err);
		j = (size_t)opv_apportion(s19, eq, 19, OPV_APPORTION_MAX_TOTAL - 1, &o, &err);
		ck_assert_msg((int)j == OPV_OK || (int)j == OPV_ETIE, "%s", err.message);
		o.ties = OPV_TIE_LOWER_INDEX;
		EXPECT(OPV_OK, opv_apportion(s19, eq, 19, OPV_APPORTION_MAX_TOTAL - 1, &o, &err));
		ck_assert_int_eq(s19[17], 0);
		eq[17] = DBL_MAX / 2;
		EXPECT(OPV_ERANGE, opv_apportion(s19, eq, 19, OPV_APPORTION_MAX_TOTAL - 1, &o, &err));
		ck_assert_msg(strstr(err.message, "too far apart") != NULL, "%s", err.message);
		o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
	}
	POISON(seats);
	for (i = 0; i < N_OF(enums); i++) {
		o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
		o.method = (opv_method)enums[i];
		EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
		o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
		o.ties = (opv_tie_rule)enums[i];
		EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
	}
	o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
	o.method = (opv_method)(OPV_HUNTINGTON_HILL + 1);
	EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
	o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
	o.ties = (opv_tie_rule)(OPV_TIE_ERROR + 1);
	EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
	o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
	o.version = 0;
	EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
	UNTOUCHED(seats);
	/* Bounds at the extremes, for every method. */
	for (j = 0; j <= OPV_HUNTINGTON_HILL; j++) {
		o = (opv_apportion_options)OPV_APPORTION_OPTIONS_INIT;
		o.method = (opv_method)j;
		o.lower = lower;
		for (i = 0; i < 3; i++)
			lower[i] = INT64_MIN;
		EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
		for (i = 0; i < 3; i++)
			lower[i] = INT64_MAX;
		EXPECT(OPV_ERANGE, opv_apportion(seats, w, 3, 10, &o, &err));
		EXPECT(OPV_ERANGE, opv_apportion(seats, w, 3, OPV_APPORTION_MAX_TOTAL, &o, &err));
		o.upper = upper;
		for (i = 0; i < 3; i++)
			upper[i] = INT64_MAX;
		EXPECT(OPV_ERANGE, opv_apportion(seats, w, 3, OPV_APPORTION_MAX_TOTAL, &o, &err));
		for (i = 0; i < 3; i++)
			lower[i] = 0;
		UNTOUCHED(seats);
		EXPECT(OPV_OK, opv_apportion(seats, w, 3, 10, &o, &err));
		ck_assert_int_eq(seats[0] + seats[1] + seats[2], 10);
		EXPECT(OPV_OK, opv_apportion(seats, w, 3, OPV_APPORTION_MAX_TOTAL, &o, &err));
		ck_assert_int_eq(seats[0] + seats[1] + seats[2], OPV_APPORTION_MAX_TOTAL);
		upper[0] = -1;
		EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
		upper[0] = INT64_MIN;
		EXPECT(OPV_EINVAL, opv_apportion(seats, w, 3, 10, &o, &err));
		upper[0] = 0;
		upper[1] = 0;
		upper[2] = 0;
		EXPECT(OPV_ERANGE, opv_apportion(seats, w, 3, 10, &o, &err));
		POISON(seats);
	}
}
END_TEST

TEST(opv_method_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_method m;
	POISON(m);
	EXPECT(OPV_EINVAL, opv_method_from_name(NULL, "hamilton", &err));
	EXPECT(OPV_EINVAL, opv_method_from_name(&m, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_method_from_name(&m, "", &err));
	UNTOUCHED(m);
}
END_TEST

TEST(opv_method_name)
{
	int k;
	size_t i;
	for (k = OPV_HAMILTON; k <= OPV_HUNTINGTON_HILL; k++)
		ck_assert_ptr_nonnull(opv_method_name((opv_method)k));
	ck_assert_ptr_null(opv_method_name((opv_method)(OPV_HUNTINGTON_HILL + 1)));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_method_name((opv_method)ints[i]));
}
END_TEST

/* ---- io.h ------------------------------------------------------------------------ */

static const char values_csv[] = "name,weight\na,1\nb,2.5\n";

static opv_keyed_values *values(unsigned flags)
{
	opv_keyed_values *kv = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_keyed_values_parse_csv(&kv, values_csv, strlen(values_csv), "v.csv", "name",
	                                         "weight", flags, &err) == OPV_OK, "%s", err.message);
	return kv;
}

TEST(opv_keyed_values_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_keyed_values *kv;
	POISON(kv);
	EXPECT(OPV_EINVAL, opv_keyed_values_load_csv(NULL, "x.csv", "a", "b", 0, &err));
	EXPECT(OPV_EINVAL, opv_keyed_values_load_csv(&kv, NULL, "a", "b", 0, &err));
	EXPECT(OPV_EINVAL, opv_keyed_values_load_csv(&kv, "x.csv", NULL, "b", 0, &err));
	EXPECT(OPV_EINVAL, opv_keyed_values_load_csv(&kv, "x.csv", "a", NULL, 0, &err));
	EXPECT(OPV_EIO, opv_keyed_values_load_csv(&kv, "/nonexistent/x.csv", "a", "b", UINT_MAX, &err));
	UNTOUCHED(kv);
}
END_TEST

TEST(opv_keyed_values_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_keyed_values *kv;
	size_t i;
	const char *huge = "k,v\na,1e308\nb,-1e308\n", *big_int = "k,v\na,9007199254740992\n";
	POISON(kv);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_keyed_values_parse_csv(&kv, NULL, big_sizes[i], "v", "k", "v", 0,
		                                              &err));
	EXPECT(OPV_EINVAL, opv_keyed_values_parse_csv(NULL, values_csv, 0, "v", "k", "v", 0, &err));
	FAILS(opv_keyed_values_parse_csv(&kv, values_csv, 0, "v", "name", "weight", 0, &err));
	EXPECT(OPV_ERANGE, opv_keyed_values_parse_csv(&kv, huge, strlen(huge), "v", "k", "v",
	                                              OPV_VALUES_NONNEGATIVE, &err));
	EXPECT(OPV_ERANGE, opv_keyed_values_parse_csv(&kv, big_int, strlen(big_int), "v", "k", "v",
	                                              OPV_VALUES_INTEGER, &err));
	UNTOUCHED(kv);
	/* Unknown flag bits are no error; the known ones still apply. */
	EXPECT(OPV_OK, opv_keyed_values_parse_csv(&kv, huge, strlen(huge), "v", "k", "v",
	                                          UINT_MAX & ~3u, &err));
	ck_assert_double_eq(opv_keyed_values_value(kv, 0), 1e308);
	opv_keyed_values_free(kv);
}
END_TEST

TEST(opv_keyed_values_free)
{
	opv_keyed_values_free(NULL);
}
END_TEST

TEST(opv_keyed_values_count)
{
	opv_keyed_values *kv = values(0);
	ck_assert_uint_eq(opv_keyed_values_count(NULL), 0);
	ck_assert_uint_eq(opv_keyed_values_count(kv), 2);
	opv_keyed_values_free(kv);
}
END_TEST

TEST(opv_keyed_values_key)
{
	opv_keyed_values *kv = values(0);
	size_t i;
	for (i = 0; i < N_OF(sizes); i++) {
		ck_assert_ptr_null(opv_keyed_values_key(NULL, sizes[i]));
		if (sizes[i])
			ck_assert_ptr_null(opv_keyed_values_key(kv, sizes[i]));
	}
	ck_assert_str_eq(opv_keyed_values_key(kv, 0), "a");
	ck_assert_ptr_null(opv_keyed_values_key(kv, 2));
	opv_keyed_values_free(kv);
}
END_TEST

TEST(opv_keyed_values_value)
{
	opv_keyed_values *kv = values(0);
	size_t i;
	for (i = 0; i < N_OF(sizes); i++) {
		ck_assert(isnan(opv_keyed_values_value(NULL, sizes[i])));
		if (sizes[i])
			ck_assert(isnan(opv_keyed_values_value(kv, sizes[i])));
	}
	ck_assert_double_eq(opv_keyed_values_value(kv, 1), 2.5);
	opv_keyed_values_free(kv);
}
END_TEST

TEST(opv_keyed_values_line)
{
	opv_keyed_values *kv = values(0);
	size_t i;
	for (i = 0; i < N_OF(sizes); i++) {
		ck_assert_int_eq(opv_keyed_values_line(NULL, sizes[i]), 0);
		if (sizes[i])
			ck_assert_int_eq(opv_keyed_values_line(kv, sizes[i]), 0);
	}
	ck_assert_int_eq(opv_keyed_values_line(kv, 0), 2);
	opv_keyed_values_free(kv);
}
END_TEST

TEST(opv_keyed_values_source)
{
	opv_keyed_values *kv = values(0);
	ck_assert_ptr_nonnull(opv_keyed_values_source(NULL));
	ck_assert_str_eq(opv_keyed_values_source(kv), "v.csv");
	opv_keyed_values_free(kv);
}
END_TEST

/* ---- register.h ------------------------------------------------------------------- */

TEST(opv_register_default)
{
	opv_error err = OPV_ERROR_INIT;
	EXPECT(OPV_EINVAL, opv_register_default(NULL, &err));
}
END_TEST

TEST(opv_register_embedded)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	POISON(r);
	EXPECT(OPV_EINVAL, opv_register_embedded(NULL, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_register_embedded(&r, "2147483647-01-01", &err));
	UNTOUCHED(r);
}
END_TEST

TEST(opv_register_embedded_date)
{
	size_t i;
	ck_assert_str_eq(opv_register_embedded_date(0), "2023-01-01");
	for (i = 0; i < N_OF(big_sizes); i++)
		ck_assert_ptr_null(opv_register_embedded_date(big_sizes[i]));
}
END_TEST

TEST(opv_register_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	POISON(r);
	EXPECT(OPV_EINVAL, opv_register_load_csv(NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_register_load_csv(&r, NULL, &err));
	UNTOUCHED(r);
}
END_TEST

TEST(opv_register_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	size_t i;
	const char *big = "code,name,province_code,province,population\n"
	                  "GM0001,A,PV01,P,9007199254740991\nGM0002,B,PV01,P,9007199254740991\n"
	                  "GM0003,C,PV01,P,9223372036854775807\n";
	const char *overflow = "code,name,province_code,province,population\n"
	                       "GM0001,A,PV01,P,-9223372036854775808\n";
	const char *ses = "code,name,province_code,province,population,ses\n"
	                  "GM0001,A,PV01,P,1,1e999\n";
	POISON(r);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_register_parse_csv(&r, NULL, big_sizes[i], "r", &err));
	EXPECT(OPV_EINVAL, opv_register_parse_csv(NULL, big, strlen(big), "r", &err));
	FAILS(opv_register_parse_csv(&r, big, 0, "r", &err));
	EXPECT(OPV_ERANGE, opv_register_parse_csv(&r, big, strlen(big), "r", &err));
	EXPECT(OPV_ERANGE, opv_register_parse_csv(&r, overflow, strlen(overflow), "r", &err));
	EXPECT(OPV_ERANGE, opv_register_parse_csv(&r, ses, strlen(ses), "r", &err));
	UNTOUCHED(r);
}
END_TEST

TEST(opv_register_free)
{
	opv_register_free(NULL);
}
END_TEST

TEST(opv_register_count)
{
	ck_assert_uint_eq(opv_register_count(NULL), 0);
	ck_assert_uint_eq(opv_register_count(reg), 342);
}
END_TEST

TEST(opv_register_at)
{
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_ptr_null(opv_register_at(reg, big_sizes[i]));
		ck_assert_ptr_null(opv_register_at(NULL, big_sizes[i]));
	}
	ck_assert_ptr_null(opv_register_at(reg, nreg));
	ck_assert_ptr_nonnull(opv_register_at(reg, 0));
}
END_TEST

TEST(opv_register_find)
{
	opv_error err = OPV_ERROR_INIT;
	size_t at;
	POISON(at);
	EXPECT(OPV_EINVAL, opv_register_find(NULL, reg, "GM0363", &err));
	EXPECT(OPV_EINVAL, opv_register_find(&at, NULL, "GM0363", &err));
	EXPECT(OPV_EINVAL, opv_register_find(&at, reg, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_register_find(&at, reg, "GM9999", &err));
	UNTOUCHED(at);
}
END_TEST

TEST(opv_register_population)
{
	ck_assert_int_eq(opv_register_population(NULL), 0);
	ck_assert_int_eq(opv_register_population(reg), 17942942);
}
END_TEST

TEST(opv_register_has_ses)
{
	ck_assert_int_eq(opv_register_has_ses(NULL), 0);
}
END_TEST

TEST(opv_register_reference_date)
{
	ck_assert_str_eq(opv_register_reference_date(NULL), "");
}
END_TEST

TEST(opv_register_source)
{
	ck_assert_ptr_nonnull(opv_register_source(NULL));
}
END_TEST

TEST(opv_register_province_count)
{
	ck_assert_uint_eq(opv_register_province_count(NULL), 0);
	ck_assert_uint_eq(opv_register_province_count(reg), 12);
}
END_TEST

TEST(opv_register_province_at)
{
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_ptr_null(opv_register_province_at(reg, big_sizes[i]));
		ck_assert_ptr_null(opv_register_province_at(NULL, big_sizes[i]));
	}
	ck_assert_ptr_null(opv_register_province_at(reg, 12));
}
END_TEST

TEST(opv_register_province_of)
{
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_uint_eq(opv_register_province_of(reg, big_sizes[i]), (size_t)-1);
		ck_assert_uint_eq(opv_register_province_of(NULL, big_sizes[i]), (size_t)-1);
	}
	ck_assert_uint_lt(opv_register_province_of(reg, 0), 12);
}
END_TEST

TEST(opv_register_sum_by_province)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t out[12];
	size_t i;
	POISON(out);
	EXPECT(OPV_EINVAL, opv_register_sum_by_province(NULL, reg, tasks ? NULL : NULL, &err));
	EXPECT(OPV_EINVAL, opv_register_sum_by_province(out, NULL, NULL, &err));
	EXPECT(OPV_EINVAL, opv_register_sum_by_province(out, reg, NULL, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		int64_t *v = int64_array(nreg, int64s[i]);
		POISON(out);
		opv_error_clear(&err);
		int rc = opv_register_sum_by_province(out, reg, v, &err);
		ck_assert_int_eq(rc, int64s[i] == INT64_MIN || int64s[i] == INT64_MAX ? OPV_ERANGE : OPV_OK);
		if (rc) {
			ck_assert_str_ne(err.message, "");
			UNTOUCHED(out);
		}
		free(v);
	}
	{
		/* One value at each end: the sum is -1, and no step overflows. */
		int64_t *v = int64_array(nreg, 0);
		v[0] = INT64_MIN;
		v[1] = INT64_MAX;
		opv_register_sum_by_province(out, reg, v, &err);
		free(v);
	}
}
END_TEST

TEST(opv_register_with_ses)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	opv_keyed_values *kv = NULL;
	const char *ses = "code,ses\nGM0363,1.7976931348623157e308\nGM0599,-0.0\nGM0518,2.2250738585072014e-308\n";
	POISON(r);
	EXPECT(OPV_EINVAL, opv_register_with_ses(NULL, reg, NULL, &err));
	EXPECT(OPV_EINVAL, opv_register_with_ses(&r, NULL, NULL, &err));
	EXPECT(OPV_EINVAL, opv_register_with_ses(&r, reg, NULL, &err));
	UNTOUCHED(r);
	EXPECT(OPV_OK, opv_keyed_values_parse_csv(&kv, ses, strlen(ses), "s", "code", "ses", 0, &err));
	EXPECT(OPV_OK, opv_register_with_ses(&r, reg, kv, &err));
	opv_register_free(r);
	opv_keyed_values_free(kv);
}
END_TEST

TEST(opv_merger_at)
{
	size_t i;
	ck_assert_ptr_nonnull(opv_merger_at(0));
	for (i = 0; i < N_OF(big_sizes); i++)
		ck_assert_ptr_null(opv_merger_at(big_sizes[i]));
}
END_TEST

TEST(opv_register_merger_of)
{
	ck_assert_ptr_null(opv_register_merger_of(NULL, "GM0501"));
	ck_assert_ptr_null(opv_register_merger_of(reg, NULL));
}
END_TEST

TEST(opv_register_map_mergers)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	POISON(r);
	EXPECT(OPV_EINVAL, opv_register_map_mergers(NULL, reg, &err));
	EXPECT(OPV_EINVAL, opv_register_map_mergers(&r, NULL, &err));
	UNTOUCHED(r);
}
END_TEST

TEST(opv_register_merged_in)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	size_t assumed, i;
	const char *codes[] = { "GM0402" };
	int64_t pop[1];
	POISON(r);
	POISON(assumed);
	for (i = 0; i < N_OF(ints); i++)
		EXPECT(OPV_EINVAL, opv_register_merged_in(&r, reg, ints[i], NULL, NULL, 0, &assumed, &err));
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_register_merged_in(&r, reg, 2027, NULL, pop, big_sizes[i], &assumed,
		                                          &err));
		EXPECT(OPV_EINVAL, opv_register_merged_in(&r, reg, 2027, codes, NULL, big_sizes[i],
		                                          &assumed, &err));
	}
	for (i = 0; i < N_OF(int64s); i++) {
		if (int64s[i] >= 0)
			continue;
		pop[0] = int64s[i];
		EXPECT(OPV_ERANGE, opv_register_merged_in(&r, reg, 2027, codes, pop, 1, &assumed, &err));
	}
	pop[0] = INT64_MAX;
	EXPECT(OPV_ERANGE, opv_register_merged_in(&r, reg, 2027, codes, pop, 1, &assumed, &err));
	EXPECT(OPV_EINVAL, opv_register_merged_in(NULL, reg, 2027, NULL, NULL, 0, &assumed, &err));
	EXPECT(OPV_EINVAL, opv_register_merged_in(&r, NULL, 2027, NULL, NULL, 0, &assumed, &err));
	UNTOUCHED(r);
	UNTOUCHED(assumed);
	EXPECT(OPV_OK, opv_register_merged_in(&r, reg, 9999, NULL, NULL, 0, NULL, &err));
	opv_register_free(r);
	EXPECT(OPV_OK, opv_register_merged_in(&r, reg, 1900, NULL, NULL, 0, &assumed, &err));
	opv_register_free(r);
}
END_TEST

TEST(opv_register_maps_mergers)
{
	ck_assert_int_eq(opv_register_maps_mergers(NULL), 0);
	ck_assert_int_eq(opv_register_maps_mergers(reg), 0);
}
END_TEST

TEST(opv_register_align_int64)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t *out = int64_array(nreg, 7);
	opv_keyed_values *kv = NULL;
	size_t i, ams;
	const char *csv = "code,value\nGM0363,9007199254740991\n";
	const char *too_big = "code,value\nGM0363,9007199254740992\n";
	const char *too_small = "code,value\nGM0363,-9007199254740992\n";
	EXPECT(OPV_EINVAL, opv_register_align_int64(NULL, reg, kv, 0, &err));
	EXPECT(OPV_EINVAL, opv_register_align_int64(out, NULL, kv, 0, &err));
	EXPECT(OPV_EINVAL, opv_register_align_int64(out, reg, NULL, 0, &err));
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	EXPECT(OPV_OK, opv_keyed_values_parse_csv(&kv, csv, strlen(csv), "v", "code", "value", 0, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		EXPECT(OPV_OK, opv_register_align_int64(out, reg, kv, int64s[i], &err));
		ck_assert_int_eq(out[ams], 9007199254740991);
		ck_assert_int_eq(out[ams == 0], int64s[i]);
	}
	opv_keyed_values_free(kv);
	kv = NULL;
	for (i = 0; i < nreg; i++)
		out[i] = 7;
	EXPECT(OPV_OK, opv_keyed_values_parse_csv(&kv, too_big, strlen(too_big), "v", "code", "value", 0,
	                                          &err));
	EXPECT(OPV_ERANGE, opv_register_align_int64(out, reg, kv, INT64_MAX, &err));
	opv_keyed_values_free(kv);
	kv = NULL;
	EXPECT(OPV_OK, opv_keyed_values_parse_csv(&kv, too_small, strlen(too_small), "v", "code", "value",
	                                          0, &err));
	EXPECT(OPV_ERANGE, opv_register_align_int64(out, reg, kv, INT64_MIN, &err));
	for (i = 0; i < nreg; i++)
		ck_assert_int_eq(out[i], 7);
	opv_keyed_values_free(kv);
	free(out);
}
END_TEST

/* ---- distribution.h -------------------------------------------------------------- */

TEST(opv_distribute)
{
	opv_error err = OPV_ERROR_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	int64_t *places = int64_array(nreg, 0);
	double *ses = calloc(nreg, sizeof *ses);
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	const int enums[] = { -1, 2, INT_MIN, INT_MAX };
	size_t i, k;
	out.places = places;
	POISON_VERSIONED(sum, OPV_DISTRIBUTION_SUMMARY_VERSION);
	EXPECT(OPV_EINVAL, opv_distribute(NULL, &sum, reg, o_total, o_amv, NULL, &o, &err));
	EXPECT(OPV_EINVAL, opv_distribute(&out, &sum, NULL, o_total, o_amv, NULL, &o, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
		o_total = int64s[i];
		if (int64s[i] != 0)
			EXPECT(OPV_ERANGE, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
		o_total = 100;
		o_amv = int64s[i];
		if (int64s[i] != 0)
			EXPECT(OPV_ERANGE, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
	}
	o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
	o_total = OPV_APPORTION_MAX_TOTAL + 1;
	EXPECT(OPV_ERANGE, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
	for (i = 0; i < N_OF(enums); i++) {
		o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
		o.ses_transform = (opv_ses_transform)(enums[i] == 2 ? 3 : enums[i]);
		EXPECT(OPV_EINVAL, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
		o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
		o.amv_mode = (opv_amv_mode)enums[i];
		EXPECT(OPV_EINVAL, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
		o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
		o.method = (opv_method)(enums[i] == 2 ? 5 : enums[i]);
		EXPECT(OPV_EINVAL, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
	}
	o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
	for (i = 0; i < nreg; i++)
		places[i] = -7;
	ck_assert(untouched_versioned(sum));
	/* Every score at the extremes, for one municipality, under the linear
	 * transform; the factor 1 + ses must be finite and above 0. */
	for (k = 0; k < N_OF(doubles); k++) {
		double v = doubles[k];
		o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
		o.ses_transform = OPV_SES_LINEAR;
		o_total = 96000;
		o_amv = 8140;
		for (i = 0; i < nreg; i++) {
			ses[i] = 0.1;
			places[i] = -7;
		}
		ses[5] = v;
		opv_error_clear(&err);
		int rc = opv_distribute(&out, NULL, reg, o_total, o_amv, ses, &o, &err);
		if (isinf(v) || v == DBL_MAX)
			ck_assert_msg(rc == OPV_ERANGE, "ses %g: %d %s", v, rc, err.message);
		else if (isnan(v) || v <= -1)
			ck_assert_msg(rc == OPV_EINVAL, "ses %g: %d %s", v, rc, err.message);
		else
			ck_assert_msg(rc == OPV_OK, "ses %g: %d %s", v, rc, err.message);
		if (rc) {
			ck_assert_str_ne(err.message, "");
			for (i = 0; i < nreg; i++)
				ck_assert_int_eq(places[i], -7);
		}
	}
	/* Every weight finite, their sum not. */
	o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
	o.ses_transform = OPV_SES_LINEAR;
	o_total = 10;
	for (i = 0; i < nreg; i++)
		ses[i] = 1e302;
	EXPECT(OPV_ERANGE, opv_distribute(&out, NULL, reg, o_total, o_amv, ses, &o, &err));
	/* The largest total, every method and AMV mode. */
	for (k = 0; k <= OPV_HUNTINGTON_HILL; k++) {
		int64_t amv_sum = 0, *amv = int64_array(nreg, 0);
		o = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
		o.method = (opv_method)k;
		o_total = OPV_APPORTION_MAX_TOTAL;
		o_amv = OPV_APPORTION_MAX_TOTAL;
		o.amv_mode = k % 2 ? OPV_AMV_APPORTION : OPV_AMV_ROUND;
		out.amv = amv;
		EXPECT(OPV_OK, opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err));
		ck_assert_int_eq(sum.places, OPV_APPORTION_MAX_TOTAL);
		for (i = 0; i < nreg; i++)
			amv_sum += amv[i];
		ck_assert_int_eq(sum.amv, amv_sum);
		out.amv = NULL;
		free(amv);
	}
	free(places);
	free(ses);
}
END_TEST

TEST(opv_distribute_many)
{
	opv_error err = OPV_ERROR_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_amv = 0;
	int64_t *places = int64_array(2 * nreg, -7), *amv = int64_array(2 * nreg, -7);
	int64_t totals[2] = { 0, 0 };
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_distribute_many(places, amv, reg, NULL, big_sizes[i], o_amv, NULL, &o, &err));
		EXPECT(OPV_EINVAL, opv_distribute_many(NULL, amv, reg, totals, big_sizes[i], o_amv, NULL, &o, &err));
	}
	EXPECT(OPV_EINVAL, opv_distribute_many(places, amv, NULL, totals, 2, o_amv, NULL, &o, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		if (int64s[i] == 0)
			continue;
		totals[1] = int64s[i];
		EXPECT(OPV_ERANGE, opv_distribute_many(places, amv, reg, totals, 2, o_amv, NULL, &o, &err));
		totals[1] = 0;
		o_amv = int64s[i];
		EXPECT(OPV_ERANGE, opv_distribute_many(places, amv, reg, totals, 2, o_amv, NULL, &o, &err));
		o_amv = 0;
	}
	for (i = 0; i < 2 * nreg; i++) {
		ck_assert_int_eq(places[i], -7);
		ck_assert_int_eq(amv[i], -7);
	}
	totals[0] = OPV_APPORTION_MAX_TOTAL;
	totals[1] = 1;
	o_amv = 1;
	EXPECT(OPV_OK, opv_distribute_many(places, amv, reg, totals, 2, o_amv, NULL, &o, &err));
	free(places);
	free(amv);
}
END_TEST

TEST(opv_ses_transform_name)
{
	size_t i;
	ck_assert_str_eq(opv_ses_transform_name(OPV_SES_NONE), "none");
	ck_assert_str_eq(opv_ses_transform_name(OPV_SES_LINEAR), "linear");
	ck_assert_str_eq(opv_ses_transform_name(OPV_SES_AUTO), "auto");
	ck_assert_ptr_null(opv_ses_transform_name((opv_ses_transform)3));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] < 0 || ints[i] > 2)
			ck_assert_ptr_null(opv_ses_transform_name((opv_ses_transform)ints[i]));
}
END_TEST

TEST(opv_ses_transform_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_ses_transform t;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_ses_transform_from_name(NULL, "none", &err));
	EXPECT(OPV_EINVAL, opv_ses_transform_from_name(&t, NULL, &err));
	UNTOUCHED(t);
}
END_TEST

TEST(opv_amv_mode_name)
{
	size_t i;
	ck_assert_str_eq(opv_amv_mode_name(OPV_AMV_ROUND), "round");
	ck_assert_str_eq(opv_amv_mode_name(OPV_AMV_APPORTION), "apportion");
	ck_assert_ptr_null(opv_amv_mode_name((opv_amv_mode)2));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_amv_mode_name((opv_amv_mode)ints[i]));
}
END_TEST

TEST(opv_amv_mode_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_amv_mode m;
	POISON(m);
	EXPECT(OPV_EINVAL, opv_amv_mode_from_name(NULL, "round", &err));
	EXPECT(OPV_EINVAL, opv_amv_mode_from_name(&m, NULL, &err));
	UNTOUCHED(m);
}
END_TEST

static opv_comparison *comparison(const int64_t *places, const int64_t *amv, const char *csv)
{
	opv_comparison *c = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_compare_parse_csv(&c, reg, places, amv, csv, strlen(csv), "p.csv", &err) ==
	              OPV_OK, "%s", err.message);
	return c;
}

TEST(opv_compare_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_comparison *c;
	int64_t *places = int64_array(nreg, 0);
	POISON(c);
	EXPECT(OPV_EINVAL, opv_compare_load_csv(NULL, reg, places, NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_compare_load_csv(&c, NULL, places, NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_compare_load_csv(&c, reg, NULL, NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_compare_load_csv(&c, reg, places, NULL, NULL, &err));
	UNTOUCHED(c);
	free(places);
}
END_TEST

TEST(opv_compare_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_comparison *c;
	size_t i, ams;
	/* 2^53 - 1, the largest count a table holds; INT64_MAX is refused as it loads. */
	const char *csv = "code,places,amv\nGM0363,9007199254740991,9007199254740991\n";
	const char *beyond = "code,places\nGM0363,9223372036854775807\n";
	int64_t *places = int64_array(nreg, INT64_MIN), *amv = int64_array(nreg, INT64_MIN);
	POISON(c);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_compare_parse_csv(&c, reg, places, NULL, NULL, big_sizes[i], "p",
		                                         &err));
	FAILS(opv_compare_parse_csv(&c, reg, places, NULL, csv, 0, "p", &err));
	EXPECT(OPV_ERANGE, opv_compare_parse_csv(&c, reg, places, NULL, beyond, strlen(beyond), "p",
	                                         &err));
	UNTOUCHED(c);
	/* computed INT64_MIN against published INT64_MAX: the difference does
	 * not fit in 64 bits. */
	EXPECT(OPV_ERANGE, opv_compare_parse_csv(&c, reg, places, amv, csv, strlen(csv), "p", &err));
	UNTOUCHED(c);
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	places[ams] = INT64_MAX;
	amv[ams] = 0;
	EXPECT(OPV_OK, opv_compare_parse_csv(&c, reg, places, amv, csv, strlen(csv), "p", &err));
	ck_assert_int_eq(opv_comparison_at(c, 0)->difference, INT64_MAX - 9007199254740991);
	ck_assert_int_eq(opv_comparison_at(c, 0)->amv_difference, -9007199254740991);
	opv_comparison_free(c);
	free(places);
	free(amv);
}
END_TEST

TEST(opv_comparison_free)
{
	opv_comparison_free(NULL);
}
END_TEST

TEST(opv_comparison_count)
{
	ck_assert_uint_eq(opv_comparison_count(NULL), 0);
}
END_TEST

TEST(opv_comparison_at)
{
	int64_t *places = int64_array(nreg, 5);
	opv_comparison *c = comparison(places, NULL, "code,places\nGM0363,5\n");
	size_t i;
	ck_assert_ptr_nonnull(opv_comparison_at(c, 0));
	ck_assert_ptr_null(opv_comparison_at(c, 1));
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_ptr_null(opv_comparison_at(c, big_sizes[i]));
		ck_assert_ptr_null(opv_comparison_at(NULL, big_sizes[i]));
	}
	opv_comparison_free(c);
	free(places);
}
END_TEST

TEST(opv_comparison_exact)
{
	ck_assert_uint_eq(opv_comparison_exact(NULL), 0);
}
END_TEST

TEST(opv_comparison_largest)
{
	int64_t *places = int64_array(nreg, 0);
	opv_comparison *c;
	size_t ams;
	ck_assert_ptr_null(opv_comparison_largest(NULL));
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	/* Differences of -(2^53 - 1) and INT64_MIN: |d| is taken without overflow. */
	places[ams] = 0;
	c = comparison(places, NULL, "code,places\nGM0363,9007199254740991\nGM0599,0\n");
	ck_assert_int_eq(opv_comparison_largest(c)->difference, -9007199254740991);
	opv_comparison_free(c);
	places[ams] = INT64_MIN;
	c = comparison(places, NULL, "code,places\nGM0599,9007199254740991\nGM0363,0\n");
	ck_assert_int_eq(opv_comparison_largest(c)->difference, INT64_MIN);
	opv_comparison_free(c);
	free(places);
}
END_TEST

/* ---- housing.h --------------------------------------------------------------------- */

static const opv_period periods_bad[] = {
	{ INT_MIN, 1 }, { -1, 1 }, { 0, 1 }, { INT_MAX, 2 }, { 1899, 2 }, { 10000, 1 },
	{ 2025, INT_MIN }, { 2025, -1 }, { 2025, 0 }, { 2025, 3 }, { 2025, INT_MAX },
	{ INT_MIN, INT_MIN }, { INT_MAX, INT_MAX },
};

TEST(opv_period_parse)
{
	opv_error err = OPV_ERROR_INIT;
	opv_period p;
	POISON(p);
	EXPECT(OPV_EINVAL, opv_period_parse(NULL, "2025-H1", &err));
	EXPECT(OPV_EINVAL, opv_period_parse(&p, NULL, &err));
	EXPECT(OPV_EPARSE, opv_period_parse(&p, "2147483647-H2", &err));
	EXPECT(OPV_EPARSE, opv_period_parse(&p, "1899-H2", &err));
	UNTOUCHED(p);
}
END_TEST

TEST(opv_period_format)
{
	opv_error err = OPV_ERROR_INIT;
	char buf[OPV_PERIOD_TEXT_SIZE];
	opv_period ok = { 2025, 2 };
	size_t i;
	POISON(buf);
	for (i = 0; i < N_OF(sizes); i++)
		EXPECT(OPV_EINVAL, opv_period_format(NULL, sizes[i], ok, &err));
	EXPECT(OPV_EINVAL, opv_period_format(buf, 0, ok, &err));
	EXPECT(OPV_EINVAL, opv_period_format(buf, OPV_PERIOD_TEXT_SIZE - 1, ok, &err));
	for (i = 0; i < N_OF(periods_bad); i++) {
		EXPECT(OPV_EINVAL, opv_period_format(buf, sizeof buf, periods_bad[i], &err));
		EXPECT(OPV_EINVAL, opv_period_format(buf, SIZE_MAX, periods_bad[i], &err));
	}
	UNTOUCHED(buf);
	EXPECT(OPV_OK, opv_period_format(buf, sizeof buf, (opv_period){ 9999, 2 }, &err));
	ck_assert_str_eq(buf, "9999-H2");
}
END_TEST

TEST(opv_period_next)
{
	size_t i;
	opv_period p;
	for (i = 0; i < N_OF(periods_bad); i++)
		(void)opv_period_next(periods_bad[i]);
	p = opv_period_next((opv_period){ INT_MAX, 2 });
	ck_assert_int_eq(p.year, INT_MAX);
	ck_assert_int_eq(p.half, 2);
	p = opv_period_next((opv_period){ INT_MAX, 1 });
	ck_assert_int_eq(p.year, INT_MAX);
	ck_assert_int_eq(p.half, 2);
	p = opv_period_next((opv_period){ INT_MIN, 2 });
	ck_assert_int_eq(p.year, INT_MIN + 1);
	ck_assert_int_eq(p.half, 1);
	p = opv_period_next((opv_period){ 9999, 2 });
	ck_assert_int_eq(p.year, 10000);
	ck_assert_int_eq(p.half, 1);
}
END_TEST

TEST(opv_period_compare)
{
	size_t i, j;
	for (i = 0; i < N_OF(periods_bad); i++)
		for (j = 0; j < N_OF(periods_bad); j++) {
			int c = opv_period_compare(periods_bad[i], periods_bad[j]);
			ck_assert_int_eq(c > 0, opv_period_compare(periods_bad[j], periods_bad[i]) < 0);
		}
	ck_assert_int_lt(opv_period_compare((opv_period){ INT_MIN, INT_MIN },
	                                    (opv_period){ INT_MAX, INT_MAX }), 0);
	ck_assert_int_lt(opv_period_compare((opv_period){ 1, INT_MIN }, (opv_period){ 1, INT_MAX }), 0);
}
END_TEST

TEST(opv_period_reference_date)
{
	opv_error err = OPV_ERROR_INIT;
	char buf[11];
	size_t i;
	POISON(buf);
	for (i = 0; i < N_OF(sizes); i++)
		EXPECT(OPV_EINVAL, opv_period_reference_date(NULL, sizes[i], (opv_period){ 2025, 1 }, &err));
	EXPECT(OPV_EINVAL, opv_period_reference_date(buf, 10, (opv_period){ 2025, 1 }, &err));
	for (i = 0; i < N_OF(periods_bad); i++)
		EXPECT(OPV_EINVAL, opv_period_reference_date(buf, SIZE_MAX, periods_bad[i], &err));
	UNTOUCHED(buf);
	EXPECT(OPV_OK, opv_period_reference_date(buf, sizeof buf, (opv_period){ 1900, 1 }, &err));
	ck_assert_str_eq(buf, "1899-01-01");
}
END_TEST

TEST(opv_period_register)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *r;
	size_t i;
	POISON(r);
	EXPECT(OPV_EINVAL, opv_period_register(NULL, (opv_period){ 2025, 1 }, &err));
	for (i = 0; i < N_OF(periods_bad); i++)
		EXPECT(OPV_EINVAL, opv_period_register(&r, periods_bad[i], &err));
	EXPECT(OPV_ENOTFOUND, opv_period_register(&r, (opv_period){ 9999, 2 }, &err));
	UNTOUCHED(r);
}
END_TEST

TEST(opv_housing_task)
{
	opv_error err = OPV_ERROR_INIT;
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
	int64_t *task = int64_array(nreg, -7), *balance = int64_array(nreg, -7);
	int64_t *prev = int64_array(nreg, 0), *realised = int64_array(nreg, 0);
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, balance };
	opv_swap swaps[2] = { { "A", "GM0363", INT64_MAX }, { "A", "GM0599", -INT64_MAX } };
	size_t i;
	o.period = (opv_period){ 2025, 2 };
	o.national = 13000;
	POISON_VERSIONED(sum, OPV_HOUSING_SUMMARY_VERSION);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, big_sizes[i], &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_task(NULL, &sum, reg, NULL, NULL, NULL, 0, &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_task(&out, &sum, NULL, NULL, NULL, NULL, 0, &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, NULL, &err));
	for (i = 0; i < N_OF(periods_bad); i++) {
		o.period = periods_bad[i];
		EXPECT(OPV_EINVAL, opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, &o, &err));
	}
	o.period = (opv_period){ 2025, 2 };
	for (i = 0; i < N_OF(int64s); i++) {
		o.national = int64s[i];
		opv_error_clear(&err);
		int rc = opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, &o, &err);
		if (int64s[i] < 0 || int64s[i] == INT64_MAX)
			ck_assert_int_eq(rc, OPV_ERANGE);
		else
			ck_assert_int_eq(rc, OPV_OK);
		if (rc == OPV_OK) {
			POISON_VERSIONED(sum, OPV_HOUSING_SUMMARY_VERSION);
			for (size_t g = 0; g < nreg; g++)
				task[g] = -7;
		} else {
			ck_assert_str_ne(err.message, "");
		}
	}
	o.national = 13000;
	for (i = 0; i < N_OF(int64s); i++) {
		o.population_total = int64s[i];
		opv_error_clear(&err);
		int rc = opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, &o, &err);
		ck_assert_int_eq(rc, int64s[i] < 0 ? OPV_ERANGE : OPV_OK);
		if (rc)
			ck_assert_str_ne(err.message, "");
		else
			POISON_VERSIONED(sum, OPV_HOUSING_SUMMARY_VERSION);
	}
	o.population_total = 0;
	for (i = 0; i < N_OF(ints); i++) {
		o.carry_advance = ints[i];
		EXPECT(OPV_OK, opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err));
	}
	o.carry_advance = 1;
	for (i = 0; i < nreg; i++)
		task[i] = -7;
	/* Balances and realised counts at the ends of int64. */
	prev[3] = INT64_MAX;
	EXPECT(OPV_ERANGE, opv_housing_task(&out, &sum, reg, prev, NULL, NULL, 0, &o, &err));
	prev[3] = INT64_MIN;
	EXPECT(OPV_OK, opv_housing_task(&out, NULL, reg, prev, NULL, NULL, 0, &o, &err));
	prev[3] = 0;
	for (i = 0; i < nreg; i++)
		task[i] = -7;
	realised[3] = INT64_MIN;
	EXPECT(OPV_ERANGE, opv_housing_task(&out, &sum, reg, prev, realised, NULL, 0, &o, &err));
	realised[3] = INT64_MAX;
	prev[3] = INT64_MIN + 1;
	EXPECT(OPV_ERANGE, opv_housing_task(&out, &sum, reg, prev, realised, NULL, 0, &o, &err));
	/* Swap deltas at the ends of int64 that add up to zero. */
	EXPECT(OPV_ERANGE, opv_housing_task(&out, &sum, reg, NULL, NULL, swaps, 2, &o, &err));
	swaps[0].delta = -INT64_MAX;
	swaps[1].delta = INT64_MAX;
	FAILS(opv_housing_task(&out, &sum, reg, NULL, NULL, swaps, 2, &o, &err));
	swaps[0].delta = INT64_MIN;
	swaps[1].delta = INT64_MIN;
	EXPECT(OPV_ERANGE, opv_housing_task(&out, &sum, reg, NULL, NULL, swaps, 2, &o, &err));
	ck_assert(untouched_versioned(sum));
	for (i = 0; i < nreg; i++) {
		ck_assert_int_eq(task[i], -7);
		ck_assert_int_eq(balance[i], -7);
	}
	free(task);
	free(balance);
	free(prev);
	free(realised);
}
END_TEST

TEST(opv_housing_backlog)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t backlog, advance, net, b[2];
	size_t i, j;
	POISON(backlog);
	POISON(advance);
	POISON(net);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_housing_backlog(&backlog, &advance, &net, NULL, big_sizes[i], &err));
	b[0] = INT64_MIN;
	b[1] = 0;
	EXPECT(OPV_ERANGE, opv_housing_backlog(&backlog, &advance, &net, b, 2, &err));
	b[0] = INT64_MAX;
	b[1] = 1;
	EXPECT(OPV_ERANGE, opv_housing_backlog(&backlog, &advance, &net, b, 2, &err));
	b[0] = -INT64_MAX;
	b[1] = -1;
	EXPECT(OPV_ERANGE, opv_housing_backlog(&backlog, &advance, &net, b, 2, &err));
	UNTOUCHED(backlog);
	UNTOUCHED(advance);
	UNTOUCHED(net);
	for (i = 0; i < N_OF(int64s); i++)
		for (j = 0; j < N_OF(int64s); j++) {
			b[0] = int64s[i];
			b[1] = int64s[j];
			opv_error_clear(&err);
			if (opv_housing_backlog(&backlog, &advance, &net, b, 2, &err) != OPV_OK)
				ck_assert_str_ne(err.message, "");
		}
	b[0] = INT64_MAX;
	b[1] = -INT64_MAX;
	EXPECT(OPV_OK, opv_housing_backlog(&backlog, &advance, &net, b, 2, &err));
	ck_assert_int_eq(net, 0);
	b[1] = -1;
	EXPECT(OPV_OK, opv_housing_backlog(NULL, NULL, NULL, b, 2, &err));
	b[1] = 0;
	b[0] = -INT64_MAX;
	EXPECT(OPV_OK, opv_housing_backlog(&backlog, &advance, &net, b, 2, &err));
	ck_assert_int_eq(net, -INT64_MAX);
}
END_TEST

TEST(opv_housing_expected)
{
	opv_error err = OPV_ERROR_INIT;
	double e;
	size_t i, j;
	POISON(e);
	EXPECT(OPV_EINVAL, opv_housing_expected(NULL, 6, 1, &err));
	for (i = 0; i < N_OF(ints); i++)
		EXPECT(OPV_EINVAL, opv_housing_expected(&e, 6, ints[i], &err));
	EXPECT(OPV_EINVAL, opv_housing_expected(&e, 6, 7, &err));
	EXPECT(OPV_ERANGE, opv_housing_expected(&e, INT64_MAX, 2, &err));
	EXPECT(OPV_ERANGE, opv_housing_expected(&e, INT64_MIN, 2, &err));
	UNTOUCHED(e);
	for (i = 0; i < N_OF(int64s); i++)
		for (j = 1; j <= 6; j++) {
			opv_error_clear(&err);
			if (opv_housing_expected(&e, int64s[i], (int)j, &err) != OPV_OK)
				ck_assert_str_ne(err.message, "");
		}
	EXPECT(OPV_OK, opv_housing_expected(&e, INT64_MAX, 1, &err));
	EXPECT(OPV_OK, opv_housing_expected(&e, INT64_MIN, 1, &err));
	EXPECT(OPV_OK, opv_housing_expected(&e, -6, 6, &err));
	ck_assert_double_eq(e, -6);
}
END_TEST

TEST(opv_housing_run)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t *balance = int64_array(2 * nreg, -7), *realised = int64_array(2 * nreg, 0);
	int64_t national[2] = { 13000, 13000 };
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 2025, 1 }, NULL,
		                                   big_sizes[i], realised, NULL, 1, &err));
		EXPECT(OPV_EINVAL, opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 2025, 1 },
		                                   national, big_sizes[i], NULL, NULL, 1, &err));
		/* Both arrays given: refused for its size before either is read. */
		EXPECT(OPV_ERANGE, opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 2025, 1 },
		                                   national, big_sizes[i], realised, NULL, 1, &err));
	}
	EXPECT(OPV_EINVAL, opv_housing_run(NULL, NULL, NULL, reg, (opv_period){ 2025, 1 }, national, 2,
	                                   realised, NULL, 1, &err));
	for (i = 0; i < N_OF(periods_bad); i++)
		EXPECT(OPV_EINVAL, opv_housing_run(NULL, NULL, balance, reg, periods_bad[i], national, 2,
		                                   realised, NULL, 1, &err));
	/* The second half-year is past 9999. */
	EXPECT(OPV_EINVAL, opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 9999, 2 }, national, 2,
	                                   realised, NULL, 1, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		national[1] = int64s[i];
		opv_error_clear(&err);
		int rc = opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 2025, 1 }, national, 2,
		                         realised, NULL, 1, &err);
		ck_assert_int_eq(rc, int64s[i] < 0 || int64s[i] == INT64_MAX ? OPV_ERANGE : OPV_OK);
		if (rc)
			ck_assert_str_ne(err.message, "");
		else
			for (size_t g = 0; g < 2 * nreg; g++)
				balance[g] = -7;
	}
	national[1] = 13000;
	for (i = 0; i < 2 * nreg; i++)
		ck_assert_int_eq(balance[i], -7);
	for (i = 0; i < N_OF(ints); i++)
		EXPECT(OPV_OK, opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 2025, 1 }, national,
		                               2, realised, NULL, ints[i], &err));
	EXPECT(OPV_OK, opv_housing_run(NULL, NULL, balance, reg, (opv_period){ 2025, 1 }, NULL, 0, NULL,
	                               NULL, 1, &err));
	free(balance);
	free(realised);
}
END_TEST

TEST(opv_swap_table_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_swap_table *t;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_swap_table_load_csv(NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_swap_table_load_csv(&t, NULL, &err));
	UNTOUCHED(t);
}
END_TEST

TEST(opv_swap_table_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_swap_table *t;
	size_t i;
	const char *csv = "agreement,code,delta\nA,GM0363,9007199254740991\nA,GM0599,-9007199254740991\n";
	const char *beyond = "agreement,code,delta\nA,GM0599,-9223372036854775808\n";
	const char *over = "agreement,code,delta\nA,GM0363,9223372036854775808\n";
	POISON(t);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_swap_table_parse_csv(&t, NULL, big_sizes[i], "s", &err));
	FAILS(opv_swap_table_parse_csv(&t, csv, 0, "s", &err));
	FAILS(opv_swap_table_parse_csv(&t, over, strlen(over), "s", &err));
	EXPECT(OPV_ERANGE, opv_swap_table_parse_csv(&t, beyond, strlen(beyond), "s", &err));
	UNTOUCHED(t);
	EXPECT(OPV_OK, opv_swap_table_parse_csv(&t, csv, strlen(csv), "s", &err));
	ck_assert_int_eq(opv_swap_table_swaps(t)[1].delta, -9007199254740991);
	opv_swap_table_free(t);
}
END_TEST

TEST(opv_swap_table_free)
{
	opv_swap_table_free(NULL);
}
END_TEST

TEST(opv_swap_table_count)
{
	ck_assert_uint_eq(opv_swap_table_count(NULL), 0);
}
END_TEST

TEST(opv_swap_table_swaps)
{
	ck_assert_ptr_null(opv_swap_table_swaps(NULL));
}
END_TEST

TEST(opv_supervision_state_name)
{
	size_t i;
	int k;
	for (k = OPV_ON_TRACK; k <= OPV_INTERVENTION; k++)
		ck_assert_ptr_nonnull(opv_supervision_state_name((opv_supervision_state)k));
	ck_assert_ptr_null(opv_supervision_state_name((opv_supervision_state)(OPV_INTERVENTION + 1)));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_supervision_state_name((opv_supervision_state)ints[i]));
}
END_TEST

TEST(opv_supervision)
{
	opv_error err = OPV_ERROR_INIT;
	opv_supervision_options o = OPV_SUPERVISION_OPTIONS_INIT;
	int64_t *misses = int64_array(nreg, -7);
	opv_balance_record h[2] = { { "GM0363", { 2025, 1 }, INT64_MAX, 0 },
	                            { "GM0363", { 2025, 2 }, INT64_MIN, 0 } };
	size_t i, k;
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_supervision(misses, NULL, reg, NULL, big_sizes[i], &o, &err));
	EXPECT(OPV_EINVAL, opv_supervision(misses, NULL, NULL, h, 2, &o, &err));
	for (i = 0; i < N_OF(periods_bad); i++) {
		h[1].period = periods_bad[i];
		EXPECT(OPV_EINVAL, opv_supervision(misses, NULL, reg, h, 2, &o, &err));
	}
	h[1].period = (opv_period){ 2025, 2 };
	for (k = 0; k < 4; k++)
		for (i = 0; i < N_OF(ints); i++) {
			o = (opv_supervision_options)OPV_SUPERVISION_OPTIONS_INIT;
			o.thresholds[k] = ints[i];
			opv_error_clear(&err);
			int rc = opv_supervision(misses, NULL, reg, h, 2, &o, &err);
			if (rc)
				ck_assert_int_eq(rc, OPV_EINVAL);
			if (rc)
				ck_assert_str_ne(err.message, "");
			else
				for (size_t g = 0; g < nreg; g++)
					misses[g] = -7;
		}
	o = (opv_supervision_options)OPV_SUPERVISION_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_supervision(misses, NULL, reg, h, 2, &o, &err));
	for (i = 0; i < nreg; i++)
		ck_assert_int_eq(misses[i], -7);
	o = (opv_supervision_options)OPV_SUPERVISION_OPTIONS_INIT;
	o.thresholds[0] = INT_MAX - 3;
	o.thresholds[1] = INT_MAX - 2;
	o.thresholds[2] = INT_MAX - 1;
	o.thresholds[3] = INT_MAX;
	for (i = 0; i < N_OF(int64s); i++) {
		o.tolerance = int64s[i];
		EXPECT(OPV_OK, opv_supervision(misses, NULL, reg, h, 2, &o, &err));
	}
	free(misses);
}
END_TEST

static const char history_csv[] =
	"code,period,balance,task\n"
	"GM0363,2024-H2,9007199254740991,9007199254740991\n"
	"GM0363,2025-H1,-9007199254740991,0\n"
	"GM0599,9999-H2,1,1\n";

static opv_balance_history *history(void)
{
	opv_balance_history *h = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_balance_history_parse_csv(&h, history_csv, strlen(history_csv), "h.csv",
	                                            &err) == OPV_OK, "%s", err.message);
	return h;
}

TEST(opv_balance_history_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_balance_history *h;
	POISON(h);
	EXPECT(OPV_EINVAL, opv_balance_history_load_csv(NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_balance_history_load_csv(&h, NULL, &err));
	UNTOUCHED(h);
}
END_TEST

TEST(opv_balance_history_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_balance_history *h;
	size_t i;
	const char *neg = "code,period,balance,task\nGM0363,2025-H1,0,-9223372036854775808\n";
	const char *beyond = "code,period,balance\nGM0363,2025-H1,9007199254740992\n";
	POISON(h);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_balance_history_parse_csv(&h, NULL, big_sizes[i], "h", &err));
	FAILS(opv_balance_history_parse_csv(&h, history_csv, 0, "h", &err));
	EXPECT(OPV_ERANGE, opv_balance_history_parse_csv(&h, neg, strlen(neg), "h", &err));
	EXPECT(OPV_ERANGE, opv_balance_history_parse_csv(&h, beyond, strlen(beyond), "h", &err));
	UNTOUCHED(h);
	h = history();
	opv_balance_history_free(h);
}
END_TEST

TEST(opv_balance_history_free)
{
	opv_balance_history_free(NULL);
}
END_TEST

TEST(opv_balance_history_count)
{
	ck_assert_uint_eq(opv_balance_history_count(NULL), 0);
}
END_TEST

TEST(opv_balance_history_records)
{
	ck_assert_ptr_null(opv_balance_history_records(NULL));
}
END_TEST

TEST(opv_balance_history_tasks)
{
	ck_assert_ptr_null(opv_balance_history_tasks(NULL));
}
END_TEST

TEST(opv_realised_kind_name)
{
	size_t i;
	int k;
	for (k = 0; k < OPV_REALISED_KIND_COUNT; k++)
		ck_assert_ptr_nonnull(opv_realised_kind_name((opv_realised_kind)k));
	ck_assert_ptr_null(opv_realised_kind_name((opv_realised_kind)OPV_REALISED_KIND_COUNT));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_realised_kind_name((opv_realised_kind)ints[i]));
}
END_TEST

TEST(opv_realised_kinds_parse)
{
	opv_error err = OPV_ERROR_INIT;
	unsigned kinds;
	POISON(kinds);
	EXPECT(OPV_EINVAL, opv_realised_kinds_parse(NULL, "woning", &err));
	EXPECT(OPV_EINVAL, opv_realised_kinds_parse(&kinds, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_realised_kinds_parse(&kinds, "", &err));
	UNTOUCHED(kinds);
}
END_TEST

static const char log_csv[] =
	"code,date,count,kind\n"
	"GM0363,2026-01-31,9007199254740991,woning\n"
	"GM0363,1900-01-01,9007199254740991,nareis\n"
	"GM0599,9999-12-31,9007199254740991,\n";

TEST(opv_realised_log_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_realised_log *l;
	POISON(l);
	EXPECT(OPV_EINVAL, opv_realised_log_load_csv(NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_realised_log_load_csv(&l, NULL, &err));
	UNTOUCHED(l);
}
END_TEST

TEST(opv_realised_log_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_realised_log *l;
	size_t i;
	const char *neg = "code,date,count\nGM0363,2026-01-31,-9223372036854775808\n";
	POISON(l);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_realised_log_parse_csv(&l, NULL, big_sizes[i], "r", &err));
	FAILS(opv_realised_log_parse_csv(&l, log_csv, 0, "r", &err));
	EXPECT(OPV_ERANGE, opv_realised_log_parse_csv(&l, neg, strlen(neg), "r", &err));
	UNTOUCHED(l);
	EXPECT(OPV_OK, opv_realised_log_parse_csv(&l, log_csv, strlen(log_csv), "r", &err));
	opv_realised_log_free(l);
}
END_TEST

TEST(opv_realised_log_free)
{
	opv_realised_log_free(NULL);
}
END_TEST

TEST(opv_housing_realisation)
{
	opv_error err = OPV_ERROR_INIT;
	opv_realisation_options o = OPV_REALISATION_OPTIONS_INIT;
	opv_realised_log *log = NULL;
	int64_t *task = int64_array(nreg, 0), *realised = int64_array(nreg, -7);
	double passed;
	opv_realisation_columns out = { OPV_REALISATION_COLUMNS_VERSION, realised, NULL, NULL, NULL };
	const unsigned kinds[] = { 0, UINT_MAX, OPV_REALISED_ALL_KINDS + 1 };
	size_t i;
	EXPECT(OPV_OK, opv_realised_log_parse_csv(&log, log_csv, strlen(log_csv), "r", &err));
	o.period = (opv_period){ 2026, 1 };
	o.as_of = day_of("2026-03-31");
	POISON(passed);
	EXPECT(OPV_EINVAL, opv_housing_realisation(NULL, &passed, reg, task, log, &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_realisation(&out, &passed, NULL, task, log, &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_realisation(&out, &passed, reg, NULL, log, &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_realisation(&out, &passed, reg, task, NULL, &o, &err));
	EXPECT(OPV_EINVAL, opv_housing_realisation(&out, &passed, reg, task, log, NULL, &err));
	for (i = 0; i < N_OF(periods_bad); i++) {
		o.period = periods_bad[i];
		EXPECT(OPV_EINVAL, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	}
	o.period = (opv_period){ 2026, 1 };
	for (i = 0; i < N_OF(kinds); i++) {
		o.counting_kinds = kinds[i];
		EXPECT(OPV_EINVAL, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	}
	o.counting_kinds = OPV_REALISED_ALL_KINDS;
	o.as_of = INT32_MIN;
	EXPECT(OPV_ERANGE, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	o.as_of = -1;
	EXPECT(OPV_ERANGE, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	o.as_of = day_of("2026-03-31");
	task[0] = INT64_MIN;
	EXPECT(OPV_ERANGE, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	task[0] = -1;
	EXPECT(OPV_ERANGE, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	UNTOUCHED(passed);
	for (i = 0; i < nreg; i++)
		ck_assert_int_eq(realised[i], -7);
	task[0] = INT64_MAX;
	o.as_of = INT32_MAX;
	EXPECT(OPV_OK, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	ck_assert_double_eq(passed, 1.0);
	o.as_of = day_of("2026-01-01");
	EXPECT(OPV_OK, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	o.period = (opv_period){ 9999, 2 };
	o.as_of = day_of("9999-12-31");
	EXPECT(OPV_OK, opv_housing_realisation(&out, &passed, reg, task, log, &o, &err));
	ck_assert_double_eq(passed, 1.0);
	opv_realised_log_free(log);
	free(task);
	free(realised);
}
END_TEST

TEST(opv_stage_name)
{
	size_t i;
	int k;
	for (k = 0; k < OPV_STAGE_COUNT; k++)
		ck_assert_ptr_nonnull(opv_stage_name((opv_stage)k));
	ck_assert_ptr_null(opv_stage_name((opv_stage)OPV_STAGE_COUNT));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_stage_name((opv_stage)ints[i]));
}
END_TEST

TEST(opv_stage_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_stage s;
	POISON(s);
	EXPECT(OPV_EINVAL, opv_stage_from_name(NULL, "warning", &err));
	EXPECT(OPV_EINVAL, opv_stage_from_name(&s, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_stage_from_name(&s, "", &err));
	UNTOUCHED(s);
}
END_TEST

TEST(opv_ladder_tolerance_parse)
{
	opv_error err = OPV_ERROR_INIT;
	opv_ladder_options o;
	POISON(o);
	EXPECT(OPV_EINVAL, opv_ladder_tolerance_parse(NULL, "5", &err));
	EXPECT(OPV_EINVAL, opv_ladder_tolerance_parse(&o, NULL, &err));
	FAILS(opv_ladder_tolerance_parse(&o, "9223372036854775808", &err));
	EXPECT(OPV_ERANGE, opv_ladder_tolerance_parse(&o, "-9223372036854775808", &err));
	FAILS(opv_ladder_tolerance_parse(&o, "99999999999999999999%", &err));
	EXPECT(OPV_ERANGE, opv_ladder_tolerance_parse(&o, "100.0001%", &err));
	UNTOUCHED(o);
	EXPECT(OPV_OK, opv_ladder_tolerance_parse(&o, "9223372036854775807", &err));
	ck_assert_int_eq(o.tolerance, INT64_MAX);
}
END_TEST

TEST(opv_ladder_options_check)
{
	opv_error err = OPV_ERROR_INIT;
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	size_t i, k;
	EXPECT(OPV_EINVAL, opv_ladder_options_check(NULL, &err));
	EXPECT(OPV_EINVAL, opv_ladder_options_check(&o, &err));  /* no as_of */
	o.as_of = day_of("2026-01-01");
	EXPECT(OPV_OK, opv_ladder_options_check(&o, &err));
	for (k = 0; k < 4; k++)
		for (i = 0; i < N_OF(ints); i++) {
			o = (opv_ladder_options)OPV_LADDER_OPTIONS_INIT;
			o.as_of = day_of("2026-01-01");
			o.thresholds[k] = ints[i];
			opv_error_clear(&err);
			if (opv_ladder_options_check(&o, &err) != OPV_OK)
				ck_assert_int_eq(err.code, OPV_EINVAL);
		}
	o = (opv_ladder_options)OPV_LADDER_OPTIONS_INIT;
	o.as_of = day_of("2026-01-01");
	for (i = 0; i < N_OF(ints); i++) {
		o.warning_term_weeks = ints[i];
		EXPECT(ints[i] >= 1 && ints[i] <= 520 ? OPV_OK : OPV_EINVAL,
		       opv_ladder_options_check(&o, &err));
	}
	o.warning_term_weeks = 13;
	o.tolerance = INT64_MIN;
	EXPECT(OPV_EINVAL, opv_ladder_options_check(&o, &err));
	o.tolerance = 0;
	o.tolerance_ppm = INT64_MAX;
	EXPECT(OPV_EINVAL, opv_ladder_options_check(&o, &err));
	o.tolerance_ppm = -1;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_ladder_options_check(&o, &err));
}
END_TEST

TEST(opv_ladder_run)
{
	opv_error err = OPV_ERROR_INIT;
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_balance_history *h = history();
	opv_ladder *l;
	size_t i, k;
	o.as_of = day_of("2026-01-01");
	POISON(l);
	EXPECT(OPV_EINVAL, opv_ladder_run(NULL, reg, h, &o, &err));
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, NULL, h, &o, &err));
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, NULL, &o, &err));
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, NULL, &err));
	/* The day of the assessment at the ends of opv_day. */
	for (i = 0; i < N_OF(days); i++) {
		o.as_of = days[i];
		FAILS(opv_ladder_run(&l, reg, h, &o, &err));
	}
	o.as_of = day_of("2026-01-01");
	for (k = 0; k < 4; k++)
		for (i = 0; i < N_OF(ints); i++) {
			o = (opv_ladder_options)OPV_LADDER_OPTIONS_INIT;
			o.as_of = day_of("2026-01-01");
			o.thresholds[k] = ints[i];
			opv_error_clear(&err);
			opv_ladder *got = NULL;
			int rc = opv_ladder_run(&got, reg, h, &o, &err);
			if (rc) {
				ck_assert_int_eq(rc, OPV_EINVAL);
				ck_assert_str_ne(err.message, "");
			}
			opv_ladder_free(got);
		}
	o = (opv_ladder_options)OPV_LADDER_OPTIONS_INIT;
	o.as_of = day_of("2026-01-01");
	for (i = 0; i < N_OF(ints); i++) {
		o.warning_term_weeks = ints[i];
		EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, &o, &err));
	}
	o.warning_term_weeks = 521;
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, &o, &err));
	o.warning_term_weeks = 13;
	o.tolerance = INT64_MIN;
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, &o, &err));
	o.tolerance = 0;
	o.tolerance_ppm = INT64_MIN;
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, &o, &err));
	o.tolerance_ppm = INT64_MAX;
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, &o, &err));
	o.tolerance_ppm = -1;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_ladder_run(&l, reg, h, &o, &err));
	UNTOUCHED(l);
	/* Valid runs at the ends of what is accepted. */
	o = (opv_ladder_options)OPV_LADDER_OPTIONS_INIT;
	o.warning_term_weeks = 520;
	o.thresholds[0] = 1;
	o.thresholds[1] = 1;
	o.thresholds[2] = 1;
	o.thresholds[3] = INT_MAX;
	o.as_of = day_of("9999-12-31");
	for (i = 0; i < N_OF(int64s); i++) {
		if (int64s[i] < 0)
			continue;
		o.tolerance = int64s[i];
		EXPECT(OPV_OK, opv_ladder_run(&l, reg, h, &o, &err));
		opv_ladder_free(l);
	}
	o.tolerance = 0;
	o.tolerance_ppm = 1000000;
	EXPECT(OPV_OK, opv_ladder_run(&l, reg, h, &o, &err));
	opv_ladder_free(l);
	o.tolerance_ppm = 0;
	o.as_of = day_of("2025-07-01");
	EXPECT(OPV_OK, opv_ladder_run(&l, reg, h, &o, &err));
	opv_ladder_free(l);
	opv_balance_history_free(h);
}
END_TEST

TEST(opv_ladder_free)
{
	opv_ladder_free(NULL);
}
END_TEST

TEST(opv_ladder_count)
{
	ck_assert_uint_eq(opv_ladder_count(NULL), 0);
}
END_TEST

TEST(opv_ladder_get)
{
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_balance_history *h = history();
	opv_ladder *l = NULL;
	const int columns[] = { -1, OPV_LADDER_COLUMN_COUNT, INT_MIN, INT_MAX };
	size_t i, j;
	o.as_of = day_of("2026-01-01");
	ck_assert_int_eq(opv_ladder_run(&l, reg, h, &o, NULL), OPV_OK);
	for (i = 0; i < N_OF(columns); i++)
		for (j = 0; j < N_OF(sizes); j++) {
			ck_assert_int_eq(opv_ladder_get(l, (opv_ladder_column)columns[i], sizes[j]), 0);
			ck_assert_int_eq(opv_ladder_get(NULL, (opv_ladder_column)columns[i], sizes[j]), 0);
		}
	for (j = 0; j < N_OF(big_sizes); j++)
		ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_TASK, big_sizes[j]), 0);
	ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_TASK, nreg), 0);
	opv_ladder_free(l);
	opv_balance_history_free(h);
}
END_TEST

TEST(opv_ladder_column_name)
{
	size_t i;
	int k;
	for (k = 0; k < OPV_LADDER_COLUMN_COUNT; k++)
		ck_assert_ptr_nonnull(opv_ladder_column_name((opv_ladder_column)k));
	ck_assert_ptr_null(opv_ladder_column_name(OPV_LADDER_COLUMN_COUNT));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_ladder_column_name((opv_ladder_column)ints[i]));
}
END_TEST

TEST(opv_ladder_period)
{
	opv_period p = opv_ladder_period(NULL);
	ck_assert_int_eq(p.year, 0);
	ck_assert_int_eq(p.half, 0);
}
END_TEST

/* ---- places.h -------------------------------------------------------------------------- */

/* A location built by hand with the given fields, the rest an open-ended azc. */
static opv_location location(opv_location_type type, opv_day opens, opv_day closes, int open_ended)
{
	opv_location l = { "X", "GM0363", "x", type, 100, 120, opens, closes, open_ended, 0, 0 };
	return l;
}

TEST(opv_location_type_name)
{
	size_t i;
	int k;
	for (k = 0; k < OPV_LOCATION_TYPE_COUNT; k++)
		ck_assert_ptr_nonnull(opv_location_type_name((opv_location_type)k));
	ck_assert_ptr_null(opv_location_type_name((opv_location_type)OPV_LOCATION_TYPE_COUNT));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_location_type_name((opv_location_type)ints[i]));
}
END_TEST

TEST(opv_location_type_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_location_type t;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_location_type_from_name(NULL, "azc", &err));
	EXPECT(OPV_EINVAL, opv_location_type_from_name(&t, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_location_type_from_name(&t, "", &err));
	UNTOUCHED(t);
}
END_TEST

TEST(opv_locations_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_locations *l;
	POISON(l);
	EXPECT(OPV_EINVAL, opv_locations_load_csv(NULL, reg, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_locations_load_csv(&l, NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_locations_load_csv(&l, reg, NULL, &err));
	UNTOUCHED(l);
}
END_TEST

TEST(opv_locations_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_locations *l;
	size_t i;
	const char *head = "id,code,name,type,agreed_capacity,capacity,opens,closes\n";
	char csv[512];
	const char *rows[] = {
		"A,GM0363,a,azc,9223372036854775807,9223372036854775807,2026-01-01,\n",
		"A,GM0363,a,azc,-9223372036854775808,1,2026-01-01,\n",
		"A,GM0363,a,azc,1,1,9999-12-31,1900-01-01\n",
	};
	POISON(l);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_locations_parse_csv(&l, reg, NULL, big_sizes[i], "l", &err));
	FAILS(opv_locations_parse_csv(&l, reg, head, 0, "l", &err));
	for (i = 0; i < N_OF(rows); i++) {
		snprintf(csv, sizeof csv, "%s%s", head, rows[i]);
		FAILS(opv_locations_parse_csv(&l, reg, csv, strlen(csv), "l", &err));
	}
	UNTOUCHED(l);
	snprintf(csv, sizeof csv, "%s%s", head, "A,GM0363,a,azc,1,1,9999-12-30,9999-12-31\n");
	EXPECT(OPV_OK, opv_locations_parse_csv(&l, reg, csv, strlen(csv), "l", &err));
	opv_locations_free(l);
}
END_TEST

TEST(opv_locations_free)
{
	opv_locations_free(NULL);
}
END_TEST

TEST(opv_locations_count)
{
	ck_assert_uint_eq(opv_locations_count(NULL), 0);
	ck_assert_uint_gt(opv_locations_count(locs), 0);
}
END_TEST

TEST(opv_locations_at)
{
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_ptr_null(opv_locations_at(locs, big_sizes[i]));
		ck_assert_ptr_null(opv_locations_at(NULL, big_sizes[i]));
	}
	ck_assert_ptr_null(opv_locations_at(locs, opv_locations_count(locs)));
}
END_TEST

TEST(opv_location_is_open)
{
	size_t i, j, k;
	opv_location l;
	for (i = 0; i < N_OF(days); i++) {
		ck_assert_int_eq(opv_location_is_open(NULL, days[i]), 0);
		for (j = 0; j < N_OF(days); j++)
			for (k = 0; k < N_OF(days); k++) {
				l = location(OPV_LOCATION_AZC, days[j], days[k], 0);
				ck_assert_int_eq(opv_location_is_open(&l, days[i]),
				                 days[j] <= days[i] && days[i] < days[k]);
			}
	}
	l = location(OPV_LOCATION_AZC, INT32_MIN, 0, 1);
	ck_assert_int_eq(opv_location_is_open(&l, INT32_MAX), 1);
}
END_TEST

TEST(opv_location_counts)
{
	size_t i, j, k;
	const int types[] = { -1, OPV_LOCATION_TYPE_COUNT, INT_MIN, INT_MAX, 31, 32 };
	opv_location l;
	for (i = 0; i < N_OF(ints); i++) {
		ck_assert_int_eq(opv_location_counts(NULL, ints[i]), 0);
		for (j = 0; j < N_OF(days); j++)
			for (k = 0; k < N_OF(days); k++) {
				l = location(OPV_LOCATION_AZC, days[j], days[k], 0);
				(void)opv_location_counts(&l, ints[i]);
			}
	}
	l = location(OPV_LOCATION_AZC, INT32_MIN, 0, 1);
	ck_assert_int_eq(opv_location_counts(&l, 1000), 1);
	ck_assert_int_eq(opv_location_counts(&l, INT_MAX), 0);
	ck_assert_int_eq(opv_location_counts(&l, -1), 0);
	l = location(OPV_LOCATION_AZC, INT32_MAX - 1, INT32_MAX, 0);
	ck_assert_int_eq(opv_location_counts(&l, 0), 1);
	ck_assert_int_eq(opv_location_counts(&l, 1), 0);
	for (i = 0; i < N_OF(types); i++) {
		l = location((opv_location_type)types[i], 0, 0, 1);
		ck_assert_int_eq(opv_location_counts(&l, 5), 0);
	}
}
END_TEST

TEST(opv_durability_name)
{
	size_t i;
	ck_assert_ptr_nonnull(opv_durability_name(OPV_DURABLE_AGREED_PERIOD));
	ck_assert_ptr_nonnull(opv_durability_name(OPV_DURABLE_REMAINING));
	ck_assert_ptr_null(opv_durability_name((opv_durability)2));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_durability_name((opv_durability)ints[i]));
}
END_TEST

TEST(opv_durability_from_name)
{
	opv_error err = OPV_ERROR_INIT;
	opv_durability d;
	POISON(d);
	EXPECT(OPV_EINVAL, opv_durability_from_name(NULL, "remaining", &err));
	EXPECT(OPV_EINVAL, opv_durability_from_name(&d, NULL, &err));
	EXPECT(OPV_ENOTFOUND, opv_durability_from_name(&d, "", &err));
	UNTOUCHED(d);
}
END_TEST

TEST(opv_location_types_parse)
{
	opv_error err = OPV_ERROR_INIT;
	unsigned t;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_location_types_parse(NULL, "azc", &err));
	EXPECT(OPV_EINVAL, opv_location_types_parse(&t, NULL, &err));
	EXPECT(OPV_EINVAL, opv_location_types_parse(&t, "", &err));
	UNTOUCHED(t);
}
END_TEST

TEST(opv_count_reason_name)
{
	size_t i;
	int k;
	for (k = OPV_COUNTS; k <= OPV_SMALL_EXISTING; k++)
		ck_assert_ptr_nonnull(opv_count_reason_name((opv_count_reason)k));
	ck_assert_ptr_null(opv_count_reason_name((opv_count_reason)(OPV_SMALL_EXISTING + 1)));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_count_reason_name((opv_count_reason)ints[i]));
}
END_TEST

TEST(opv_location_assess)
{
	opv_error err = OPV_ERROR_INIT;
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_count_reason reason;
	int64_t counting;
	opv_location l = location(OPV_LOCATION_AZC, day_of("2020-01-01"), 0, 1);
	const int types[] = { -1, OPV_LOCATION_TYPE_COUNT, INT_MIN, INT_MAX, 31, 32 };
	const int enums[] = { -1, 2, INT_MIN, INT_MAX };
	size_t i, j, k;
	POISON(reason);
	POISON(counting);
	EXPECT(OPV_EINVAL, opv_location_assess(NULL, &counting, &l, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_location_assess(&reason, NULL, &l, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, NULL, 0, NULL, &err));
	for (i = 0; i < N_OF(ints); i++) {
		o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
		o.min_years = ints[i];
		if (ints[i] < 0 || ints[i] > 1000)
			EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	}
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.min_years = 1001;
	EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	for (i = 0; i < N_OF(enums); i++) {
		o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
		o.durability = (opv_durability)enums[i];
		EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	}
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.existing_min_places = INT64_MIN;
	EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.counting_types = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	/* A location of no type (built by hand) is refused, not shifted by its type. */
	for (i = 0; i < N_OF(types); i++) {
		opv_location bad = location((opv_location_type)types[i], 0, 0, 1);
		EXPECT(OPV_EINVAL, opv_location_assess(&reason, &counting, &bad, 0, NULL, &err));
	}
	UNTOUCHED(reason);
	UNTOUCHED(counting);
	/* Every day, opening and closing day at the ends of opv_day, both rules. */
	for (k = 0; k < 2; k++) {
		o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
		o.durability = (opv_durability)k;
		o.min_years = 1000;
		o.existing_min_places = INT64_MAX;
		for (i = 0; i < N_OF(days); i++) {
			o.existing_before = days[i];
			for (j = 0; j < N_OF(days); j++) {
				opv_location m = location(OPV_LOCATION_AMV, days[j], INT32_MAX, 0);
				EXPECT(OPV_OK, opv_location_assess(&reason, &counting, &m, days[i], &o, &err));
				m.capacity = INT64_MIN;
				m.agreed_capacity = INT64_MAX;
				EXPECT(OPV_OK, opv_location_assess(&reason, &counting, &m, days[i], &o, &err));
			}
		}
	}
	/* Open from INT32_MIN, never closing: durable under either rule. */
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.durability = OPV_DURABLE_REMAINING;
	o.min_years = 1000;
	l = location(OPV_LOCATION_AZC, INT32_MIN, INT32_MAX, 0);
	EXPECT(OPV_OK, opv_location_assess(&reason, &counting, &l, INT32_MAX - 1, &o, &err));
	ck_assert_int_eq(reason, OPV_NOT_DURABLE);
	EXPECT(OPV_OK, opv_location_assess(&reason, &counting, &l, 0, &o, &err));
	ck_assert_int_eq(reason, OPV_COUNTS);
	ck_assert_int_eq(counting, 100);
}
END_TEST

TEST(opv_task_source_name)
{
	size_t i;
	int k;
	for (k = OPV_TASK_FILE; k <= OPV_TASK_KEY_POPULATION; k++)
		ck_assert_ptr_nonnull(opv_task_source_name((opv_task_source)k));
	ck_assert_ptr_null(opv_task_source_name((opv_task_source)(OPV_TASK_KEY_POPULATION + 1)));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_task_source_name((opv_task_source)ints[i]));
}
END_TEST

TEST(opv_tasks_load_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_tasks *t;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_tasks_load_csv(NULL, reg, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_tasks_load_csv(&t, NULL, "x.csv", &err));
	EXPECT(OPV_EINVAL, opv_tasks_load_csv(&t, reg, NULL, &err));
	UNTOUCHED(t);
}
END_TEST

TEST(opv_tasks_parse_csv)
{
	opv_error err = OPV_ERROR_INIT;
	opv_tasks *t;
	size_t i;
	const char *big = "code,task\nGM0363,9223372036854775807\n";
	const char *neg = "code,task\nGM0363,-9223372036854775808\n";
	const char *amv = "code,task,task_amv\nGM0363,1,9223372036854775807\n";
	POISON(t);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_tasks_parse_csv(&t, reg, NULL, big_sizes[i], "t", &err));
	FAILS(opv_tasks_parse_csv(&t, reg, big, 0, "t", &err));
	EXPECT(OPV_ERANGE, opv_tasks_parse_csv(&t, reg, big, strlen(big), "t", &err));
	EXPECT(OPV_ERANGE, opv_tasks_parse_csv(&t, reg, neg, strlen(neg), "t", &err));
	FAILS(opv_tasks_parse_csv(&t, reg, amv, strlen(amv), "t", &err));
	UNTOUCHED(t);
}
END_TEST

TEST(opv_tasks_from_key)
{
	opv_error err = OPV_ERROR_INIT;
	opv_tasks *t;
	double *ses = calloc(nreg, sizeof *ses);
	size_t i;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_tasks_from_key(NULL, reg, NULL, 10, 0, &err));
	EXPECT(OPV_EINVAL, opv_tasks_from_key(&t, NULL, NULL, 10, 0, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		if (int64s[i] == 0)
			continue;
		EXPECT(OPV_ERANGE, opv_tasks_from_key(&t, reg, NULL, int64s[i], 0, &err));
		EXPECT(OPV_ERANGE, opv_tasks_from_key(&t, reg, NULL, 10, int64s[i], &err));
	}
	for (i = 0; i < N_OF(doubles); i++) {
		ses[7] = doubles[i];
		opv_error_clear(&err);
		opv_tasks *got = NULL;
		int rc = opv_tasks_from_key(&got, reg, ses, 10, 0, &err);
		if (isnan(doubles[i]) || isinf(doubles[i]) || doubles[i] == DBL_MAX || doubles[i] <= -1)
			ck_assert_int_lt(rc, 0);
		if (rc)
			ck_assert_str_ne(err.message, "");
		opv_tasks_free(got);
	}
	UNTOUCHED(t);
	EXPECT(OPV_OK, opv_tasks_from_key(&t, reg, NULL, OPV_APPORTION_MAX_TOTAL,
	                                  OPV_APPORTION_MAX_TOTAL, &err));
	opv_tasks_free(t);
	free(ses);
}
END_TEST

TEST(opv_tasks_new)
{
	opv_error err = OPV_ERROR_INIT;
	opv_tasks *t;
	int64_t *task = int64_array(nreg, 1), *amv = int64_array(nreg, 0);
	const int enums[] = { -1, OPV_TASK_KEY_POPULATION + 1, INT_MIN, INT_MAX };
	size_t i;
	POISON(t);
	EXPECT(OPV_EINVAL, opv_tasks_new(NULL, reg, task, amv, OPV_TASK_FILE, NULL, &err));
	EXPECT(OPV_EINVAL, opv_tasks_new(&t, NULL, task, amv, OPV_TASK_FILE, NULL, &err));
	EXPECT(OPV_EINVAL, opv_tasks_new(&t, reg, NULL, amv, OPV_TASK_FILE, NULL, &err));
	for (i = 0; i < N_OF(enums); i++)
		EXPECT(OPV_EINVAL, opv_tasks_new(&t, reg, task, amv, (opv_task_source)enums[i], NULL, &err));
	for (i = 0; i < N_OF(int64s); i++) {
		if (int64s[i] == 0)
			continue;
		task[9] = int64s[i];
		FAILS(opv_tasks_new(&t, reg, task, amv, OPV_TASK_FILE, NULL, &err));
		task[9] = 1;
		amv[9] = int64s[i];
		FAILS(opv_tasks_new(&t, reg, task, amv, OPV_TASK_FILE, NULL, &err));
		amv[9] = 0;
	}
	UNTOUCHED(t);
	task[9] = 9007199254740991;
	amv[9] = 9007199254740991;
	EXPECT(OPV_OK, opv_tasks_new(&t, reg, task, amv, OPV_TASK_KEY_POPULATION, "", &err));
	opv_tasks_free(t);
	free(task);
	free(amv);
}
END_TEST

TEST(opv_tasks_free)
{
	opv_tasks_free(NULL);
}
END_TEST

TEST(opv_tasks_source)
{
	ck_assert_int_eq(opv_tasks_source(NULL), OPV_TASK_FILE);
}
END_TEST

TEST(opv_tasks_origin)
{
	ck_assert_ptr_nonnull(opv_tasks_origin(NULL));
}
END_TEST

TEST(opv_tasks_values)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t *task = int64_array(nreg, -7);
	size_t i;
	for (i = 0; i < N_OF(sizes); i++) {
		EXPECT(OPV_EINVAL, opv_tasks_values(task, NULL, sizes[i], NULL, &err));
		EXPECT(OPV_EINVAL, opv_tasks_values(task, NULL, sizes[i], tasks, &err));
		EXPECT(OPV_EINVAL, opv_tasks_values(NULL, task, sizes[i], tasks, &err));
	}
	EXPECT(OPV_EINVAL, opv_tasks_values(task, NULL, nreg - 1, tasks, &err));
	for (i = 0; i < nreg; i++)
		ck_assert_int_eq(task[i], -7);
	EXPECT(OPV_OK, opv_tasks_values(task, NULL, nreg, tasks, &err));
	free(task);
}
END_TEST

TEST(opv_level_name)
{
	size_t i;
	int k;
	for (k = 0; k <= OPV_LEVEL_NATION; k++)
		ck_assert_ptr_nonnull(opv_level_name((opv_level)k));
	ck_assert_ptr_null(opv_level_name((opv_level)(OPV_LEVEL_NATION + 1)));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_level_name((opv_level)ints[i]));
}
END_TEST

TEST(opv_compliance_column_name)
{
	size_t i;
	int k;
	for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++)
		ck_assert_ptr_nonnull(opv_compliance_column_name((opv_compliance_column)k));
	ck_assert_ptr_null(opv_compliance_column_name((opv_compliance_column)OPV_COMPLIANCE_COLUMN_COUNT));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_compliance_column_name((opv_compliance_column)ints[i]));
}
END_TEST

TEST(opv_compliance_column_needs_task)
{
	size_t i;
	ck_assert_int_eq(opv_compliance_column_needs_task(OPV_COLUMN_TASK), 1);
	ck_assert_int_eq(opv_compliance_column_needs_task(OPV_COLUMN_PLACES_TOTAL), 0);
	ck_assert_int_eq(opv_compliance_column_needs_task((opv_compliance_column)OPV_COMPLIANCE_COLUMN_COUNT), 0);
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_int_eq(opv_compliance_column_needs_task((opv_compliance_column)ints[i]), 0);
}
END_TEST

static opv_compliance *compliance(opv_day day)
{
	opv_compliance *c = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_compliance_on(&c, reg, locs, tasks, day, NULL, &err) == OPV_OK, "%s",
	              err.message);
	return c;
}

TEST(opv_compliance_on)
{
	opv_error err = OPV_ERROR_INIT;
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_compliance *c;
	size_t i, k;
	POISON(c);
	EXPECT(OPV_EINVAL, opv_compliance_on(NULL, reg, locs, tasks, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_compliance_on(&c, NULL, locs, tasks, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_compliance_on(&c, reg, NULL, tasks, 0, NULL, &err));
	o.min_years = INT_MIN;
	EXPECT(OPV_EINVAL, opv_compliance_on(&c, reg, locs, tasks, 0, &o, &err));
	o.min_years = INT_MAX;
	EXPECT(OPV_EINVAL, opv_compliance_on(&c, reg, locs, tasks, 0, &o, &err));
	UNTOUCHED(c);
	for (k = 0; k < 2; k++) {
		o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
		o.durability = (opv_durability)k;
		o.min_years = 1000;
		o.existing_min_places = INT64_MAX;
		for (i = 0; i < N_OF(days); i++) {
			o.existing_before = days[i];
			EXPECT(OPV_OK, opv_compliance_on(&c, reg, locs, tasks, days[i], &o, &err));
			ck_assert_int_eq(opv_compliance_day(c), days[i]);
			opv_compliance_free(c);
		}
	}
}
END_TEST

TEST(opv_compliance_free)
{
	opv_compliance_free(NULL);
}
END_TEST

TEST(opv_compliance_day)
{
	ck_assert_int_eq(opv_compliance_day(NULL), 0);
}
END_TEST

TEST(opv_compliance_has_task)
{
	ck_assert_int_eq(opv_compliance_has_task(NULL), 0);
}
END_TEST

TEST(opv_compliance_rows)
{
	opv_compliance *c = compliance(day_of("2026-03-30"));
	size_t i;
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_uint_eq(opv_compliance_rows(c, (opv_level)ints[i]), 0);
	ck_assert_uint_eq(opv_compliance_rows(c, (opv_level)3), 0);
	ck_assert_uint_eq(opv_compliance_rows(c, OPV_LEVEL_NATION), 1);
	ck_assert_uint_eq(opv_compliance_rows(NULL, OPV_LEVEL_NATION), 0);
	opv_compliance_free(c);
}
END_TEST

TEST(opv_compliance_get)
{
	opv_error err = OPV_ERROR_INIT;
	opv_compliance *c = compliance(day_of("2026-03-30"));
	int64_t out[1] = { -7 };
	const int enums[] = { -1, INT_MIN, INT_MAX };
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_compliance_get(out, big_sizes[i], c, OPV_LEVEL_NATION, OPV_COLUMN_GAP,
		                                      &err));
		EXPECT(OPV_EINVAL, opv_compliance_get(NULL, big_sizes[i], c, OPV_LEVEL_MUNICIPALITY,
		                                      OPV_COLUMN_GAP, &err));
	}
	EXPECT(OPV_EINVAL, opv_compliance_get(out, 0, c, OPV_LEVEL_NATION, OPV_COLUMN_GAP, &err));
	EXPECT(OPV_EINVAL, opv_compliance_get(out, 1, NULL, OPV_LEVEL_NATION, OPV_COLUMN_GAP, &err));
	for (i = 0; i < N_OF(enums); i++) {
		EXPECT(OPV_EINVAL, opv_compliance_get(out, 1, c, (opv_level)enums[i], OPV_COLUMN_GAP, &err));
		EXPECT(OPV_EINVAL, opv_compliance_get(out, 1, c, OPV_LEVEL_NATION,
		                                      (opv_compliance_column)enums[i], &err));
	}
	EXPECT(OPV_EINVAL, opv_compliance_get(out, 1, c, (opv_level)3, OPV_COLUMN_GAP, &err));
	EXPECT(OPV_EINVAL, opv_compliance_get(out, 1, c, OPV_LEVEL_NATION,
	                                      (opv_compliance_column)OPV_COMPLIANCE_COLUMN_COUNT, &err));
	ck_assert_int_eq(out[0], -7);
	EXPECT(OPV_OK, opv_compliance_get(out, 1, c, OPV_LEVEL_NATION, OPV_COLUMN_TASK, &err));
	ck_assert_int_eq(out[0], 96000);
	opv_compliance_free(c);
}
END_TEST

TEST(opv_compliance_shortfalls)
{
	opv_error err = OPV_ERROR_INIT;
	opv_compliance *c = compliance(day_of("2026-03-30"));
	size_t *order = malloc(nreg * sizeof *order), count, i;
	const int enums[] = { -1, 3, INT_MIN, INT_MAX };
	POISON(count);
	EXPECT(OPV_EINVAL, opv_compliance_shortfalls(NULL, &count, c, OPV_LEVEL_NATION, &err));
	EXPECT(OPV_EINVAL, opv_compliance_shortfalls(order, NULL, c, OPV_LEVEL_NATION, &err));
	EXPECT(OPV_EINVAL, opv_compliance_shortfalls(order, &count, NULL, OPV_LEVEL_NATION, &err));
	for (i = 0; i < N_OF(enums); i++)
		EXPECT(OPV_EINVAL, opv_compliance_shortfalls(order, &count, c, (opv_level)enums[i], &err));
	UNTOUCHED(count);
	EXPECT(OPV_OK, opv_compliance_shortfalls(order, &count, c, OPV_LEVEL_MUNICIPALITY, &err));
	opv_compliance_free(c);
	free(order);
}
END_TEST

TEST(opv_places_on)
{
	opv_error err = OPV_ERROR_INIT;
	opv_places_options o = OPV_PLACES_OPTIONS_INIT;
	int64_t *gap = int64_array(nreg, -7), *task = int64_array(nreg, 0);
	opv_places_columns out = { OPV_PLACES_COLUMNS_VERSION, NULL, NULL, NULL, gap };
	size_t i, ams;
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	o.date = day_of("2026-03-30");
	EXPECT(OPV_EINVAL, opv_places_on(NULL, reg, locs, task, &o, &err));
	EXPECT(OPV_EINVAL, opv_places_on(&out, NULL, locs, task, &o, &err));
	EXPECT(OPV_EINVAL, opv_places_on(&out, reg, NULL, task, &o, &err));
	EXPECT(OPV_EINVAL, opv_places_on(&out, reg, locs, NULL, &o, &err));
	EXPECT(OPV_EINVAL, opv_places_on(&out, reg, locs, task, NULL, &err));
	for (i = 0; i < N_OF(ints); i++) {
		o.min_years = ints[i];
		if (ints[i] < 0 || ints[i] > 1000)
			EXPECT(OPV_EINVAL, opv_places_on(&out, reg, locs, task, &o, &err));
	}
	o.min_years = 5;
	task[ams] = INT64_MIN;
	EXPECT(OPV_ERANGE, opv_places_on(&out, reg, locs, task, &o, &err));
	for (i = 0; i < nreg; i++)
		ck_assert_int_eq(gap[i], -7);
	task[ams] = INT64_MAX;
	for (i = 0; i < N_OF(days); i++) {
		o.date = days[i];
		EXPECT(OPV_OK, opv_places_on(&out, reg, locs, task, &o, &err));
	}
	free(gap);
	free(task);
}
END_TEST

TEST(opv_places_shortfalls)
{
	opv_error err = OPV_ERROR_INIT;
	size_t order[4], count, i;
	int64_t gap[4] = { INT64_MIN, INT64_MAX, -1, 0 };
	POISON(count);
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_places_shortfalls(order, &count, NULL, big_sizes[i], &err));
		EXPECT(OPV_EINVAL, opv_places_shortfalls(NULL, &count, gap, big_sizes[i], &err));
		EXPECT(OPV_EINVAL, opv_places_shortfalls(order, NULL, gap, big_sizes[i], &err));
	}
	UNTOUCHED(count);
	EXPECT(OPV_OK, opv_places_shortfalls(order, &count, gap, 4, &err));
	ck_assert_uint_eq(count, 1);
	ck_assert_uint_eq(order[0], 1);
	EXPECT(OPV_OK, opv_places_shortfalls(order, &count, NULL, 0, &err));
	ck_assert_uint_eq(count, 0);
}
END_TEST

TEST(opv_capacity_timeline)
{
	opv_error err = OPV_ERROR_INIT;
	int64_t cap[2 * OPV_LOCATION_TYPE_COUNT];
	const int enums[] = { -1, 2, INT_MIN, INT_MAX };
	size_t i;
	POISON(cap);
	for (i = 0; i < N_OF(big_sizes); i++) {
		EXPECT(OPV_EINVAL, opv_capacity_timeline(NULL, big_sizes[i], OPV_LOCATION_TYPE_COUNT, reg,
		                                         locs, 0, OPV_BY_TYPE, &err));
		EXPECT(OPV_EINVAL, opv_capacity_timeline(cap, 2, big_sizes[i], reg, locs, 0, OPV_BY_TYPE,
		                                         &err));
		EXPECT(OPV_ERANGE, opv_capacity_timeline(cap, big_sizes[i], OPV_LOCATION_TYPE_COUNT, reg,
		                                         locs, 0, OPV_BY_TYPE, &err));
	}
	EXPECT(OPV_EINVAL, opv_capacity_timeline(cap, 2, 0, reg, locs, 0, OPV_BY_TYPE, &err));
	for (i = 0; i < N_OF(enums); i++)
		EXPECT(OPV_EINVAL, opv_capacity_timeline(cap, 2, OPV_LOCATION_TYPE_COUNT, reg, locs, 0,
		                                         (opv_capacity_breakdown)enums[i], &err));
	EXPECT(OPV_ERANGE, opv_capacity_timeline(cap, 2, OPV_LOCATION_TYPE_COUNT, reg, locs, INT32_MAX,
	                                         OPV_BY_TYPE, &err));
	EXPECT(OPV_ERANGE, opv_capacity_timeline(cap, 2, OPV_LOCATION_TYPE_COUNT, reg, locs,
	                                         INT32_MAX - 6, OPV_BY_TYPE, &err));
	UNTOUCHED(cap);
	EXPECT(OPV_OK, opv_capacity_timeline(cap, 2, OPV_LOCATION_TYPE_COUNT, reg, locs, INT32_MAX - 7,
	                                     OPV_BY_TYPE, &err));
	for (i = 0; i < N_OF(days); i++)
		if (days[i] != INT32_MAX)
			EXPECT(OPV_OK, opv_capacity_timeline(cap, 2, OPV_LOCATION_TYPE_COUNT, reg, locs, days[i],
			                                     OPV_BY_TYPE, &err));
	EXPECT(OPV_EINVAL, opv_capacity_timeline(NULL, 0, 0, reg, locs, 0, OPV_BY_PROVINCE, &err));
	EXPECT(OPV_OK, opv_capacity_timeline(NULL, 0, 12, reg, locs, INT32_MAX, OPV_BY_PROVINCE, &err));
}
END_TEST

TEST(opv_capacity_changes)
{
	opv_error err = OPV_ERROR_INIT;
	opv_capacity_change ch[2];
	size_t count, i, j;
	POISON(count);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_capacity_changes(NULL, big_sizes[i], &count, locs, 0, 0, &err));
	EXPECT(OPV_EINVAL, opv_capacity_changes(ch, 2, NULL, locs, 0, 0, &err));
	EXPECT(OPV_EINVAL, opv_capacity_changes(ch, 2, &count, NULL, 0, 0, &err));
	UNTOUCHED(count);
	for (i = 0; i < N_OF(days); i++)
		for (j = 0; j < N_OF(days); j++)
			EXPECT(OPV_OK, opv_capacity_changes(ch, 2, &count, locs, days[i], days[j], &err));
	EXPECT(OPV_OK, opv_capacity_changes(NULL, 0, &count, locs, INT32_MIN, INT32_MAX, &err));
	ck_assert_uint_gt(count, 2);
}
END_TEST

/* ---- projection.h ------------------------------------------------------------------------ */

TEST(opv_scenario_load_json)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s;
	POISON(s);
	EXPECT(OPV_EINVAL, opv_scenario_load_json(NULL, "x.json", reg, &err));
	EXPECT(OPV_EINVAL, opv_scenario_load_json(&s, NULL, reg, &err));
	UNTOUCHED(s);
}
END_TEST

TEST(opv_scenario_parse_json)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s;
	size_t i;
	char json[512];
	const char *fields[] = {
		"\"weeks\": 2147483647", "\"weeks\": -2147483648", "\"weeks\": 1e308",
		"\"weeks\": 1041", "\"inflow_per_week\": 1e308", "\"inflow_per_week\": -1",
		"\"decision_rate\": 1e-320", "\"housing_per_week\": 9223372036854775807",
	};
	POISON(s);
	for (i = 0; i < N_OF(big_sizes); i++)
		EXPECT(OPV_EINVAL, opv_scenario_parse_json(&s, NULL, big_sizes[i], "s", NULL, reg, &err));
	FAILS(opv_scenario_parse_json(&s, scenario_json, 0, "s", NULL, reg, &err));
	for (i = 0; i < N_OF(fields); i++) {
		snprintf(json, sizeof json,
		         "{\"start\": \"2026-03-30\", \"weeks\": 4, \"initial\": {\"in_procedure\": 1,"
		         " \"status_holders\": 1, \"other\": 1}, \"inflow_per_week\": 1, \"decision_rate\": 0.1,"
		         " \"grant_rate\": 0.5, \"housing_per_week\": 1, \"departure_rate\": 0.1,"
		         " \"capacity\": {\"initial\": 10}, %s}", fields[i]);
		opv_error_clear(&err);
		opv_scenario *got = NULL;
		int rc = opv_scenario_parse_json(&got, json, strlen(json), "s", NULL, reg, &err);
		if (rc)
			ck_assert_str_ne(err.message, "");
		opv_scenario_free(got);
	}
	snprintf(json, sizeof json, "{\"start\": \"9999-12-31\", \"weeks\": 1040, \"initial\": "
	         "{\"in_procedure\": 1, \"status_holders\": 1, \"other\": 1}, \"inflow_per_week\": 1,"
	         " \"decision_rate\": 0.1, \"grant_rate\": 0.5, \"housing_per_week\": 1,"
	         " \"departure_rate\": 0.1, \"capacity\": {\"initial\": 10}}");
	opv_error_clear(&err);
	{
		opv_scenario *got = NULL;
		if (opv_scenario_parse_json(&got, json, strlen(json), "s", NULL, reg, &err) != OPV_OK)
			ck_assert_str_ne(err.message, "");
		opv_scenario_free(got);
	}
	UNTOUCHED(s);
}
END_TEST

TEST(opv_scenario_free)
{
	opv_scenario_free(NULL);
}
END_TEST

TEST(opv_scenario_weeks)
{
	ck_assert_int_eq(opv_scenario_weeks(NULL), 0);
}
END_TEST

TEST(opv_scenario_start)
{
	ck_assert_int_eq(opv_scenario_start(NULL), 0);
}
END_TEST

TEST(opv_scenario_has_monte_carlo)
{
	ck_assert_int_eq(opv_scenario_has_monte_carlo(NULL), 0);
}
END_TEST

TEST(opv_project)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_projection_row rows[9];
	size_t i;
	POISON(rows);
	for (i = 0; i < N_OF(sizes); i++) {
		EXPECT(OPV_EINVAL, opv_project(rows, sizes[i], s, &err));
		EXPECT(OPV_EINVAL, opv_project(NULL, sizes[i], s, &err));
	}
	EXPECT(OPV_EINVAL, opv_project(rows, 9, NULL, &err));
	EXPECT(OPV_EINVAL, opv_project(rows, 8, s, &err));
	UNTOUCHED(rows);
	EXPECT(OPV_OK, opv_project(rows, 9, s, &err));
	opv_scenario_free(s);
}
END_TEST

TEST(opv_projection_column_name)
{
	size_t i;
	int k;
	for (k = 0; k < OPV_PROJECTION_COLUMN_COUNT; k++)
		ck_assert_ptr_nonnull(opv_projection_column_name((opv_projection_column)k));
	ck_assert_ptr_null(opv_projection_column_name(OPV_PROJECTION_COLUMN_COUNT));
	for (i = 0; i < N_OF(ints); i++)
		if (ints[i] != 0)
			ck_assert_ptr_null(opv_projection_column_name((opv_projection_column)ints[i]));
}
END_TEST

TEST(opv_projection_run)
{
	opv_error err = OPV_ERROR_INIT;
	opv_projection *p;
	POISON(p);
	EXPECT(OPV_EINVAL, opv_projection_run(NULL, NULL, &err));
	EXPECT(OPV_EINVAL, opv_projection_run(&p, NULL, &err));
	UNTOUCHED(p);
}
END_TEST

TEST(opv_projection_free)
{
	opv_projection_free(NULL);
}
END_TEST

TEST(opv_projection_rows)
{
	ck_assert_uint_eq(opv_projection_rows(NULL), 0);
}
END_TEST

static opv_projection *projection(opv_scenario *s)
{
	opv_projection *p = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_projection_run(&p, s, &err) == OPV_OK, "%s", err.message);
	return p;
}

TEST(opv_projection_date)
{
	opv_scenario *s = scenario();
	opv_projection *p = projection(s);
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_int_eq(opv_projection_date(p, big_sizes[i]), 0);
		ck_assert_int_eq(opv_projection_date(NULL, big_sizes[i]), 0);
	}
	ck_assert_int_eq(opv_projection_date(p, 9), 0);
	ck_assert_int_eq(opv_projection_date(p, 8), day_of("2026-03-30") + 56);
	opv_projection_free(p);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_projection_get)
{
	opv_scenario *s = scenario();
	opv_projection *p = projection(s);
	const int columns[] = { -1, OPV_PROJECTION_COLUMN_COUNT, INT_MIN, INT_MAX };
	size_t i, j;
	for (i = 0; i < N_OF(columns); i++)
		for (j = 0; j < N_OF(sizes); j++) {
			ck_assert_int_eq(opv_projection_get(p, (opv_projection_column)columns[i], sizes[j]), 0);
			ck_assert_int_eq(opv_projection_get(NULL, (opv_projection_column)columns[i], sizes[j]), 0);
		}
	for (j = 0; j < N_OF(big_sizes); j++)
		ck_assert_int_eq(opv_projection_get(p, OPV_PROJECTION_CAPACITY, big_sizes[j]), 0);
	ck_assert_int_eq(opv_projection_get(p, OPV_PROJECTION_CAPACITY, 0), 68000);
	opv_projection_free(p);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_scenario_reference_count)
{
	ck_assert_uint_eq(opv_scenario_reference_count(NULL), 0);
}
END_TEST

TEST(opv_scenario_reference_at)
{
	opv_scenario *s = scenario();
	size_t i;
	for (i = 0; i < N_OF(sizes); i++) {
		ck_assert_ptr_null(opv_scenario_reference_at(s, sizes[i]));
		ck_assert_ptr_null(opv_scenario_reference_at(NULL, sizes[i]));
	}
	opv_scenario_free(s);
}
END_TEST

TEST(opv_monte_carlo_run)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo *mc;
	const uint64_t runs[] = { 0, UINT64_MAX, OPV_PROJECTION_MAX_RUNS + 1, UINT64_MAX / 2 + 1 };
	size_t i;
	POISON(mc);
	EXPECT(OPV_EINVAL, opv_monte_carlo_run(NULL, s, &o, &err));
	EXPECT(OPV_EINVAL, opv_monte_carlo_run(&mc, NULL, &o, &err));
	for (i = 0; i < N_OF(runs); i++) {
		o = (opv_monte_carlo_options)OPV_MONTE_CARLO_OPTIONS_INIT;
		o.runs = runs[i];
		EXPECT(OPV_EINVAL, opv_monte_carlo_run(&mc, s, &o, &err));
	}
	o = (opv_monte_carlo_options)OPV_MONTE_CARLO_OPTIONS_INIT;
	o.first_run = UINT64_MAX;
	EXPECT(OPV_EINVAL, opv_monte_carlo_run(&mc, s, &o, &err));
	o.first_run = UINT64_MAX - 999;
	EXPECT(OPV_EINVAL, opv_monte_carlo_run(&mc, s, &o, &err));
	o = (opv_monte_carlo_options)OPV_MONTE_CARLO_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_monte_carlo_run(&mc, s, &o, &err));
	UNTOUCHED(mc);
	o = (opv_monte_carlo_options)OPV_MONTE_CARLO_OPTIONS_INIT;
	o.runs = 3;
	o.seed = UINT64_MAX;
	o.first_run = UINT64_MAX - 3;
	EXPECT(OPV_OK, opv_monte_carlo_run(&mc, s, &o, &err));
	ck_assert_uint_eq(opv_monte_carlo_runs(mc), 3);
	opv_monte_carlo_free(mc);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_monte_carlo_merge)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo *a = NULL, *b = NULL;
	o.runs = 2;
	o.first_run = UINT64_MAX - 2;
	EXPECT(OPV_OK, opv_monte_carlo_run(&a, s, &o, &err));
	o.first_run = 0;
	EXPECT(OPV_OK, opv_monte_carlo_run(&b, s, &o, &err));
	EXPECT(OPV_EINVAL, opv_monte_carlo_merge(NULL, b, &err));
	EXPECT(OPV_EINVAL, opv_monte_carlo_merge(a, NULL, &err));
	EXPECT(OPV_EINVAL, opv_monte_carlo_merge(a, a, &err));
	EXPECT(OPV_OK, opv_monte_carlo_merge(a, b, &err));
	ck_assert_uint_eq(opv_monte_carlo_runs(a), 4);
	opv_monte_carlo_free(a);
	opv_monte_carlo_free(b);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_monte_carlo_free)
{
	opv_monte_carlo_free(NULL);
}
END_TEST

TEST(opv_monte_carlo_runs)
{
	ck_assert_uint_eq(opv_monte_carlo_runs(NULL), 0);
}
END_TEST

TEST(opv_monte_carlo_weeks)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo *mc = NULL;
	opv_monte_carlo_week weeks[9];
	size_t i;
	o.runs = 5;
	EXPECT(OPV_OK, opv_monte_carlo_run(&mc, s, &o, &err));
	POISON(weeks);
	for (i = 0; i < N_OF(sizes); i++) {
		EXPECT(OPV_EINVAL, opv_monte_carlo_weeks(weeks, sizes[i], mc, &err));
		EXPECT(OPV_EINVAL, opv_monte_carlo_weeks(NULL, sizes[i], mc, &err));
	}
	EXPECT(OPV_EINVAL, opv_monte_carlo_weeks(weeks, 9, NULL, &err));
	UNTOUCHED(weeks);
	EXPECT(OPV_OK, opv_monte_carlo_weeks(weeks, 9, mc, &err));
	opv_monte_carlo_free(mc);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_monte_carlo_peak_percentile)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo *mc = NULL;
	size_t i;
	o.runs = 5;
	EXPECT(OPV_OK, opv_monte_carlo_run(&mc, s, &o, &err));
	for (i = 0; i < N_OF(doubles); i++) {
		double p = doubles[i], q = opv_monte_carlo_peak_percentile(mc, p);
		ck_assert(isnan(opv_monte_carlo_peak_percentile(NULL, p)));
		if (!(p >= 0 && p <= 1))
			ck_assert(isnan(q));
		else
			ck_assert(!isnan(q));
	}
	ck_assert(!isnan(opv_monte_carlo_peak_percentile(mc, 1.0)));
	ck_assert(isnan(opv_monte_carlo_peak_percentile(mc, nextafter(1.0, 2.0))));
	opv_monte_carlo_free(mc);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_project_monte_carlo)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo_week weeks[9];
	int64_t peak[3];
	int32_t at[3];
	size_t i;
	o.runs = 3;
	POISON(weeks);
	POISON(peak);
	for (i = 0; i < N_OF(sizes); i++) {
		EXPECT(OPV_EINVAL, opv_project_monte_carlo(weeks, sizes[i], peak, at, s, &o, &err));
		EXPECT(OPV_EINVAL, opv_project_monte_carlo(NULL, sizes[i], peak, at, s, &o, &err));
	}
	EXPECT(OPV_EINVAL, opv_project_monte_carlo(weeks, 9, peak, at, NULL, &o, &err));
	o.runs = UINT64_MAX;
	EXPECT(OPV_EINVAL, opv_project_monte_carlo(weeks, 9, peak, at, s, &o, &err));
	o.runs = 3;
	o.first_run = UINT64_MAX;
	EXPECT(OPV_EINVAL, opv_project_monte_carlo(weeks, 9, peak, at, s, &o, &err));
	UNTOUCHED(weeks);
	UNTOUCHED(peak);
	o.first_run = UINT64_MAX - 3;
	EXPECT(OPV_OK, opv_project_monte_carlo(weeks, 9, peak, at, s, &o, &err));
	opv_scenario_free(s);
}
END_TEST

static opv_sensitivity *sensitivity(opv_scenario *s)
{
	opv_sensitivity *r = NULL;
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_sensitivity_run(&r, s, &o, &err) == OPV_OK, "%s", err.message);
	return r;
}

TEST(opv_sensitivity_options_check)
{
	/* The same checks as the run, without projecting. */
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	size_t i;
	EXPECT(OPV_EINVAL, opv_sensitivity_options_check(NULL, &o, &err));
	EXPECT(OPV_EINVAL, opv_sensitivity_options_check(s, NULL, &err));
	for (i = 0; i < N_OF(doubles); i++) {
		o.relative = doubles[i];
		EXPECT(doubles[i] > 0 && doubles[i] <= 10 ? OPV_OK : OPV_EINVAL,
		       opv_sensitivity_options_check(s, &o, &err));
	}
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	for (i = 0; i < N_OF(days); i++) {
		o.date = days[i];
		if (days[i] != 0)
			EXPECT(OPV_ERANGE, opv_sensitivity_options_check(s, &o, &err));
	}
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	for (i = 0; i < N_OF(big_sizes); i++) {
		o.nabsolute = big_sizes[i];
		EXPECT(OPV_EINVAL, opv_sensitivity_options_check(s, &o, &err));
	}
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_sensitivity_options_check(s, &o, &err));
	opv_scenario_free(s);
}
END_TEST

TEST(opv_sensitivity_run)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	opv_sensitivity *r;
	const char *names[] = { "inflow_per_week" };
	double amount[1];
	size_t i;
	POISON(r);
	EXPECT(OPV_EINVAL, opv_sensitivity_run(NULL, s, &o, &err));
	EXPECT(OPV_EINVAL, opv_sensitivity_run(&r, NULL, &o, &err));
	EXPECT(OPV_EINVAL, opv_sensitivity_run(&r, s, NULL, &err));
	for (i = 0; i < N_OF(doubles); i++) {
		o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
		o.relative = doubles[i];
		if (!(doubles[i] > 0 && doubles[i] <= 10))
			EXPECT(OPV_EINVAL, opv_sensitivity_run(&r, s, &o, &err));
	}
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	o.relative = nextafter(10.0, 11.0);
	EXPECT(OPV_EINVAL, opv_sensitivity_run(&r, s, &o, &err));
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	for (i = 0; i < N_OF(days); i++) {
		o.date = days[i];
		if (days[i] != 0)
			EXPECT(OPV_ERANGE, opv_sensitivity_run(&r, s, &o, &err));
	}
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	for (i = 0; i < N_OF(big_sizes); i++) {
		o.nabsolute = big_sizes[i];
		EXPECT(OPV_EINVAL, opv_sensitivity_run(&r, s, &o, &err));
	}
	o.absolute_inputs = names;
	o.absolute_amounts = amount;
	o.nabsolute = 1;
	for (i = 0; i < N_OF(doubles); i++) {
		amount[0] = doubles[i];
		if (!(doubles[i] > 0) || isinf(doubles[i]))
			FAILS(opv_sensitivity_run(&r, s, &o, &err));
	}
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	o.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_sensitivity_run(&r, s, &o, &err));
	UNTOUCHED(r);
	/* Finite extremes that are accepted as options: every run is defined. */
	o = (opv_sensitivity_options)OPV_SENSITIVITY_OPTIONS_INIT;
	o.relative = 10;
	opv_error_clear(&err);
	if (opv_sensitivity_run(&r, s, &o, &err) == OPV_OK)
		opv_sensitivity_free(r);
	else
		ck_assert_str_ne(err.message, "");
	o.relative = DBL_MIN;
	EXPECT(OPV_OK, opv_sensitivity_run(&r, s, &o, &err));
	opv_sensitivity_free(r);
	o.absolute_inputs = names;
	o.absolute_amounts = amount;
	o.nabsolute = 1;
	amount[0] = DBL_MAX;
	opv_error_clear(&err);
	if (opv_sensitivity_run(&r, s, &o, &err) == OPV_OK)
		opv_sensitivity_free(r);
	else
		ck_assert_str_ne(err.message, "");
	amount[0] = DBL_MIN;
	opv_error_clear(&err);
	if (opv_sensitivity_run(&r, s, &o, &err) == OPV_OK)
		opv_sensitivity_free(r);
	else
		ck_assert_str_ne(err.message, "");
	opv_scenario_free(s);
}
END_TEST

TEST(opv_sensitivity_free)
{
	opv_sensitivity_free(NULL);
}
END_TEST

TEST(opv_sensitivity_count)
{
	ck_assert_uint_eq(opv_sensitivity_count(NULL), 0);
}
END_TEST

TEST(opv_sensitivity_input)
{
	opv_scenario *s = scenario();
	opv_sensitivity *r = sensitivity(s);
	size_t i;
	for (i = 0; i < N_OF(big_sizes); i++) {
		ck_assert_ptr_null(opv_sensitivity_input(r, big_sizes[i]));
		ck_assert_ptr_null(opv_sensitivity_input(NULL, big_sizes[i]));
	}
	ck_assert_ptr_nonnull(opv_sensitivity_input(r, 0));
	opv_sensitivity_free(r);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_sensitivity_value)
{
	opv_scenario *s = scenario();
	opv_sensitivity *r = sensitivity(s);
	const int points[] = { -1, OPV_SENSITIVITY_HIGH + 1, INT_MIN, INT_MAX };
	size_t i, j;
	for (i = 0; i < N_OF(points); i++)
		for (j = 0; j < N_OF(sizes); j++) {
			ck_assert_double_eq(opv_sensitivity_value(r, sizes[j], (opv_sensitivity_point)points[i]), 0);
			ck_assert_double_eq(opv_sensitivity_value(NULL, sizes[j], (opv_sensitivity_point)points[i]), 0);
		}
	for (j = 0; j < N_OF(big_sizes); j++)
		ck_assert_double_eq(opv_sensitivity_value(r, big_sizes[j], OPV_SENSITIVITY_BASE), 0);
	opv_sensitivity_free(r);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_sensitivity_shortage)
{
	opv_scenario *s = scenario();
	opv_sensitivity *r = sensitivity(s);
	const int points[] = { -1, OPV_SENSITIVITY_HIGH + 1, INT_MIN, INT_MAX };
	size_t i, j;
	for (i = 0; i < N_OF(points); i++)
		for (j = 0; j < N_OF(sizes); j++) {
			ck_assert_int_eq(opv_sensitivity_shortage(r, sizes[j], (opv_sensitivity_point)points[i]), 0);
			ck_assert_int_eq(opv_sensitivity_shortage(NULL, sizes[j], (opv_sensitivity_point)points[i]), 0);
		}
	for (j = 0; j < N_OF(big_sizes); j++)
		ck_assert_int_eq(opv_sensitivity_shortage(r, big_sizes[j], OPV_SENSITIVITY_BASE), 0);
	opv_sensitivity_free(r);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_sensitivity_date)
{
	ck_assert_int_eq(opv_sensitivity_date(NULL), 0);
}
END_TEST

TEST(opv_sensitivity_base)
{
	ck_assert_int_eq(opv_sensitivity_base(NULL), 0);
}
END_TEST

TEST(opv_sensitivity_write_svg)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_sensitivity *r = sensitivity(s);
	EXPECT(OPV_EINVAL, opv_sensitivity_write_svg(NULL, "x.svg", &err));
	EXPECT(OPV_EINVAL, opv_sensitivity_write_svg(r, NULL, &err));
	opv_sensitivity_free(r);
	opv_scenario_free(s);
}
END_TEST

/* ---- report.h ---------------------------------------------------------------------------- */

TEST(opv_report_housing_new)
{
	opv_error err = OPV_ERROR_INIT;
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	opv_report_housing *h;
	size_t i;
	o.period = (opv_period){ 2025, 2 };
	o.national = 13000;
	POISON(h);
	EXPECT(OPV_EINVAL, opv_report_housing_new(NULL, reg, reg, &o, NULL, NULL, NULL, &err));
	EXPECT(OPV_EINVAL, opv_report_housing_new(&h, NULL, reg, &o, NULL, NULL, NULL, &err));
	EXPECT(OPV_EINVAL, opv_report_housing_new(&h, reg, NULL, &o, NULL, NULL, NULL, &err));
	EXPECT(OPV_EINVAL, opv_report_housing_new(&h, reg, reg, NULL, NULL, NULL, NULL, &err));
	for (i = 0; i < N_OF(periods_bad); i++) {
		o.period = periods_bad[i];
		EXPECT(OPV_EINVAL, opv_report_housing_new(&h, reg, reg, &o, NULL, NULL, NULL, &err));
	}
	o.period = (opv_period){ 2025, 2 };
	for (i = 0; i < N_OF(int64s); i++) {
		o.national = int64s[i];
		if (int64s[i] < 0 || int64s[i] == INT64_MAX)
			EXPECT(OPV_ERANGE, opv_report_housing_new(&h, reg, reg, &o, NULL, NULL, NULL, &err));
	}
	UNTOUCHED(h);
	o.national = 13000;
	o.period = (opv_period){ 9999, 2 };
	EXPECT(OPV_OK, opv_report_housing_new(&h, reg, reg, &o, NULL, NULL, NULL, &err));
	opv_report_housing_free(h);
}
END_TEST

TEST(opv_report_housing_free)
{
	opv_report_housing_free(NULL);
}
END_TEST

TEST(opv_report_write)
{
	opv_error err = OPV_ERROR_INIT;
	char dir[] = "/tmp/opv-extremes-XXXXXX", path[64];
	size_t i;
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/report", dir);
	EXPECT(OPV_EINVAL, opv_report_write(NULL, reg, locs, tasks, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_report_write(path, NULL, locs, tasks, 0, NULL, &err));
	EXPECT(OPV_EINVAL, opv_report_write(path, reg, NULL, tasks, 0, NULL, &err));
	/* A day the pages cannot show (outside 1900..9999) is refused before
	 * anything is written. */
	EXPECT(OPV_EINVAL, opv_report_write(path, reg, locs, tasks, INT32_MIN, NULL, &err));
	EXPECT(OPV_EINVAL, opv_report_write(path, reg, locs, tasks, INT32_MAX, NULL, &err));
	ck_assert_int_ne(access(path, F_OK), 0);
	for (i = 0; i < N_OF(days); i++) {
		if (days[i] == INT32_MIN || days[i] == INT32_MAX)
			continue;
		EXPECT(OPV_OK, opv_report_write(path, reg, locs, tasks, days[i], NULL, &err));
	}
	EXPECT(OPV_OK, opv_report_write(path, reg, locs, tasks, day_of("9999-12-31"), NULL, &err));
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

/* ---- versioned structs: every _init() ----------------------------------------------- */

/*
 * NULL and every version outside 1..newest are refused and write nothing;
 * the newest version sets the bytes of the struct's _INIT macro (a static
 * one, so that its padding is zero as the library's is).
 */
#define INIT_TEST(type, INIT, NEWEST)                                                 \
	TEST(type##_init)                                                                 \
	{                                                                                 \
		static const type want = INIT;                                                \
		const unsigned bad[] = { 0, NEWEST + 1, UINT_MAX, INT_MAX };                  \
		type s;                                                                       \
		size_t i;                                                                     \
		for (i = 0; i < N_OF(bad); i++) {                                             \
			POISON(s);                                                                \
			ck_assert_int_eq(type##_init(&s, bad[i]), OPV_EINVAL);                     \
			UNTOUCHED(s);                                                             \
			ck_assert_int_eq(type##_init(NULL, bad[i]), OPV_EINVAL);                   \
		}                                                                             \
		ck_assert_int_eq(type##_init(NULL, NEWEST), OPV_EINVAL);                       \
		POISON(s);                                                                    \
		ck_assert_int_eq(type##_init(&s, NEWEST), OPV_OK);                             \
		ck_assert_int_eq(memcmp(&s, &want, sizeof s), 0);                             \
	}                                                                                 \
	END_TEST

INIT_TEST(opv_apportion_options, OPV_APPORTION_OPTIONS_INIT, OPV_APPORTION_OPTIONS_VERSION)
INIT_TEST(opv_distribution_options, OPV_DISTRIBUTION_OPTIONS_INIT, OPV_DISTRIBUTION_OPTIONS_VERSION)
INIT_TEST(opv_distribution_columns, OPV_DISTRIBUTION_COLUMNS_INIT, OPV_DISTRIBUTION_COLUMNS_VERSION)
INIT_TEST(opv_distribution_summary, OPV_DISTRIBUTION_SUMMARY_INIT, OPV_DISTRIBUTION_SUMMARY_VERSION)
INIT_TEST(opv_housing_options, OPV_HOUSING_OPTIONS_INIT, OPV_HOUSING_OPTIONS_VERSION)
INIT_TEST(opv_housing_columns, OPV_HOUSING_COLUMNS_INIT, OPV_HOUSING_COLUMNS_VERSION)
INIT_TEST(opv_housing_summary, OPV_HOUSING_SUMMARY_INIT, OPV_HOUSING_SUMMARY_VERSION)
INIT_TEST(opv_supervision_options, OPV_SUPERVISION_OPTIONS_INIT, OPV_SUPERVISION_OPTIONS_VERSION)
INIT_TEST(opv_realisation_options, OPV_REALISATION_OPTIONS_INIT, OPV_REALISATION_OPTIONS_VERSION)
INIT_TEST(opv_realisation_columns, OPV_REALISATION_COLUMNS_INIT, OPV_REALISATION_COLUMNS_VERSION)
INIT_TEST(opv_ladder_options, OPV_LADDER_OPTIONS_INIT, OPV_LADDER_OPTIONS_VERSION)
INIT_TEST(opv_compliance_options, OPV_COMPLIANCE_OPTIONS_INIT, OPV_COMPLIANCE_OPTIONS_VERSION)
INIT_TEST(opv_places_options, OPV_PLACES_OPTIONS_INIT, OPV_PLACES_OPTIONS_VERSION)
INIT_TEST(opv_places_columns, OPV_PLACES_COLUMNS_INIT, OPV_PLACES_COLUMNS_VERSION)
INIT_TEST(opv_monte_carlo_options, OPV_MONTE_CARLO_OPTIONS_INIT, OPV_MONTE_CARLO_OPTIONS_VERSION)
INIT_TEST(opv_sensitivity_options, OPV_SENSITIVITY_OPTIONS_INIT, OPV_SENSITIVITY_OPTIONS_VERSION)
INIT_TEST(opv_report_options, OPV_REPORT_OPTIONS_INIT, OPV_REPORT_OPTIONS_VERSION)
INIT_TEST(opv_report_housing, OPV_REPORT_HOUSING_INIT, OPV_REPORT_HOUSING_VERSION)
INIT_TEST(opv_tuning, OPV_TUNING_INIT, OPV_TUNING_VERSION)

TEST(opv_apportion_tuned)
{
	opv_error err = OPV_ERROR_INIT;
	const double w[3] = { 1, 2, 3 };
	int64_t seats[3];
	opv_tuning t = OPV_TUNING_INIT;
	const unsigned threads[] = { 0, UINT_MAX, OPV_TUNING_MAX_THREADS + 1 };
	size_t i;
	POISON(seats);
	for (i = 0; i < N_OF(threads); i++) {
		t.threads = threads[i];
		EXPECT(OPV_EINVAL, opv_apportion_tuned(seats, w, 3, 6, NULL, &t, &err));
	}
	t = (opv_tuning)OPV_TUNING_INIT;
	t.version = 0;
	EXPECT(OPV_EINVAL, opv_apportion_tuned(seats, w, 3, 6, NULL, &t, &err));
	UNTOUCHED(seats);
	t = (opv_tuning)OPV_TUNING_INIT;
	t.threads = OPV_TUNING_MAX_THREADS;
	EXPECT(OPV_OK, opv_apportion_tuned(seats, w, 3, 6, NULL, &t, &err));
	ck_assert(seats[0] == 1 && seats[1] == 2 && seats[2] == 3);
	EXPECT(OPV_OK, opv_apportion_tuned(seats, w, 3, 6, NULL, NULL, &err));
}
END_TEST

TEST(opv_monte_carlo_run_tuned)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning t = OPV_TUNING_INIT;
	opv_monte_carlo *mc;
	const unsigned threads[] = { 0, UINT_MAX, OPV_TUNING_MAX_THREADS + 1 };
	size_t i;
	POISON(mc);
	o.runs = 3;
	for (i = 0; i < N_OF(threads); i++) {
		t.threads = threads[i];
		EXPECT(OPV_EINVAL, opv_monte_carlo_run_tuned(&mc, s, &o, &t, &err));
	}
	t = (opv_tuning)OPV_TUNING_INIT;
	t.version = UINT_MAX;
	EXPECT(OPV_EINVAL, opv_monte_carlo_run_tuned(&mc, s, &o, &t, &err));
	UNTOUCHED(mc);
	t = (opv_tuning)OPV_TUNING_INIT;
	t.threads = OPV_TUNING_MAX_THREADS;
	EXPECT(OPV_OK, opv_monte_carlo_run_tuned(&mc, s, &o, &t, &err));
	ck_assert_uint_eq(opv_monte_carlo_runs(mc), 3);
	opv_monte_carlo_free(mc);
	EXPECT(OPV_OK, opv_monte_carlo_run_tuned(&mc, s, &o, NULL, &err));
	opv_monte_carlo_free(mc);
	opv_scenario_free(s);
}
END_TEST

TEST(opv_project_monte_carlo_tuned)
{
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *s = scenario();
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning t = OPV_TUNING_INIT;
	opv_monte_carlo_week weeks[9];
	const unsigned threads[] = { 0, UINT_MAX, OPV_TUNING_MAX_THREADS + 1 };
	size_t i, nrows = (size_t)opv_scenario_weeks(s) + 1;
	ck_assert_uint_le(nrows, N_OF(weeks));
	o.runs = 3;
	POISON(weeks);
	for (i = 0; i < N_OF(threads); i++) {
		t.threads = threads[i];
		EXPECT(OPV_EINVAL, opv_project_monte_carlo_tuned(weeks, nrows, NULL, NULL, s, &o, &t, &err));
	}
	UNTOUCHED(weeks);
	t.threads = OPV_TUNING_MAX_THREADS;
	EXPECT(OPV_OK, opv_project_monte_carlo_tuned(weeks, nrows, NULL, NULL, s, &o, &t, &err));
	opv_scenario_free(s);
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
	{
		TCase *tc = tcase_create("apportion_io_register");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_apportion);
		tcase_add_test(tc, x_opv_method_from_name);
		tcase_add_test(tc, x_opv_method_name);
		tcase_add_test(tc, x_opv_keyed_values_load_csv);
		tcase_add_test(tc, x_opv_keyed_values_parse_csv);
		tcase_add_test(tc, x_opv_keyed_values_free);
		tcase_add_test(tc, x_opv_keyed_values_count);
		tcase_add_test(tc, x_opv_keyed_values_key);
		tcase_add_test(tc, x_opv_keyed_values_value);
		tcase_add_test(tc, x_opv_keyed_values_line);
		tcase_add_test(tc, x_opv_keyed_values_source);
		tcase_add_test(tc, x_opv_register_default);
		tcase_add_test(tc, x_opv_register_embedded);
		tcase_add_test(tc, x_opv_register_embedded_date);
		tcase_add_test(tc, x_opv_register_load_csv);
		tcase_add_test(tc, x_opv_register_parse_csv);
		tcase_add_test(tc, x_opv_register_free);
		tcase_add_test(tc, x_opv_register_count);
		tcase_add_test(tc, x_opv_register_at);
		tcase_add_test(tc, x_opv_register_find);
		tcase_add_test(tc, x_opv_register_population);
		tcase_add_test(tc, x_opv_register_has_ses);
		tcase_add_test(tc, x_opv_register_reference_date);
		tcase_add_test(tc, x_opv_register_source);
		tcase_add_test(tc, x_opv_register_province_count);
		tcase_add_test(tc, x_opv_register_province_at);
		tcase_add_test(tc, x_opv_register_province_of);
		tcase_add_test(tc, x_opv_register_sum_by_province);
		tcase_add_test(tc, x_opv_register_with_ses);
		tcase_add_test(tc, x_opv_merger_at);
		tcase_add_test(tc, x_opv_register_merger_of);
		tcase_add_test(tc, x_opv_register_map_mergers);
		tcase_add_test(tc, x_opv_register_merged_in);
		tcase_add_test(tc, x_opv_register_maps_mergers);
		tcase_add_test(tc, x_opv_register_align_int64);
		suite_add_tcase(s, tc);
	}
	{
		TCase *tc = tcase_create("distribution");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_distribute);
		tcase_add_test(tc, x_opv_distribute_many);
		tcase_add_test(tc, x_opv_ses_transform_name);
		tcase_add_test(tc, x_opv_ses_transform_from_name);
		tcase_add_test(tc, x_opv_amv_mode_name);
		tcase_add_test(tc, x_opv_amv_mode_from_name);
		tcase_add_test(tc, x_opv_compare_load_csv);
		tcase_add_test(tc, x_opv_compare_parse_csv);
		tcase_add_test(tc, x_opv_comparison_free);
		tcase_add_test(tc, x_opv_comparison_count);
		tcase_add_test(tc, x_opv_comparison_at);
		tcase_add_test(tc, x_opv_comparison_exact);
		tcase_add_test(tc, x_opv_comparison_largest);
		suite_add_tcase(s, tc);
	}
	{
		TCase *tc = tcase_create("housing");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_period_parse);
		tcase_add_test(tc, x_opv_period_format);
		tcase_add_test(tc, x_opv_period_next);
		tcase_add_test(tc, x_opv_period_compare);
		tcase_add_test(tc, x_opv_period_reference_date);
		tcase_add_test(tc, x_opv_period_register);
		tcase_add_test(tc, x_opv_housing_task);
		tcase_add_test(tc, x_opv_housing_backlog);
		tcase_add_test(tc, x_opv_housing_expected);
		tcase_add_test(tc, x_opv_housing_run);
		tcase_add_test(tc, x_opv_swap_table_load_csv);
		tcase_add_test(tc, x_opv_swap_table_parse_csv);
		tcase_add_test(tc, x_opv_swap_table_free);
		tcase_add_test(tc, x_opv_swap_table_count);
		tcase_add_test(tc, x_opv_swap_table_swaps);
		tcase_add_test(tc, x_opv_supervision_state_name);
		tcase_add_test(tc, x_opv_supervision);
		tcase_add_test(tc, x_opv_balance_history_load_csv);
		tcase_add_test(tc, x_opv_balance_history_parse_csv);
		tcase_add_test(tc, x_opv_balance_history_free);
		tcase_add_test(tc, x_opv_balance_history_count);
		tcase_add_test(tc, x_opv_balance_history_records);
		tcase_add_test(tc, x_opv_balance_history_tasks);
		tcase_add_test(tc, x_opv_realised_kind_name);
		tcase_add_test(tc, x_opv_realised_kinds_parse);
		tcase_add_test(tc, x_opv_realised_log_load_csv);
		tcase_add_test(tc, x_opv_realised_log_parse_csv);
		tcase_add_test(tc, x_opv_realised_log_free);
		tcase_add_test(tc, x_opv_housing_realisation);
		tcase_add_test(tc, x_opv_stage_name);
		tcase_add_test(tc, x_opv_stage_from_name);
		tcase_add_test(tc, x_opv_ladder_tolerance_parse);
		tcase_add_test(tc, x_opv_ladder_options_check);
		tcase_add_test(tc, x_opv_ladder_run);
		tcase_add_test(tc, x_opv_ladder_free);
		tcase_add_test(tc, x_opv_ladder_count);
		tcase_add_test(tc, x_opv_ladder_get);
		tcase_add_test(tc, x_opv_ladder_column_name);
		tcase_add_test(tc, x_opv_ladder_period);
		suite_add_tcase(s, tc);
	}
	{
		TCase *tc = tcase_create("places");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_location_type_name);
		tcase_add_test(tc, x_opv_location_type_from_name);
		tcase_add_test(tc, x_opv_locations_load_csv);
		tcase_add_test(tc, x_opv_locations_parse_csv);
		tcase_add_test(tc, x_opv_locations_free);
		tcase_add_test(tc, x_opv_locations_count);
		tcase_add_test(tc, x_opv_locations_at);
		tcase_add_test(tc, x_opv_location_is_open);
		tcase_add_test(tc, x_opv_location_counts);
		tcase_add_test(tc, x_opv_durability_name);
		tcase_add_test(tc, x_opv_durability_from_name);
		tcase_add_test(tc, x_opv_location_types_parse);
		tcase_add_test(tc, x_opv_count_reason_name);
		tcase_add_test(tc, x_opv_location_assess);
		tcase_add_test(tc, x_opv_task_source_name);
		tcase_add_test(tc, x_opv_tasks_load_csv);
		tcase_add_test(tc, x_opv_tasks_parse_csv);
		tcase_add_test(tc, x_opv_tasks_from_key);
		tcase_add_test(tc, x_opv_tasks_new);
		tcase_add_test(tc, x_opv_tasks_free);
		tcase_add_test(tc, x_opv_tasks_source);
		tcase_add_test(tc, x_opv_tasks_origin);
		tcase_add_test(tc, x_opv_tasks_values);
		tcase_add_test(tc, x_opv_level_name);
		tcase_add_test(tc, x_opv_compliance_column_name);
		tcase_add_test(tc, x_opv_compliance_column_needs_task);
		tcase_add_test(tc, x_opv_compliance_on);
		tcase_add_test(tc, x_opv_compliance_free);
		tcase_add_test(tc, x_opv_compliance_day);
		tcase_add_test(tc, x_opv_compliance_has_task);
		tcase_add_test(tc, x_opv_compliance_rows);
		tcase_add_test(tc, x_opv_compliance_get);
		tcase_add_test(tc, x_opv_compliance_shortfalls);
		tcase_add_test(tc, x_opv_places_on);
		tcase_add_test(tc, x_opv_places_shortfalls);
		tcase_add_test(tc, x_opv_capacity_timeline);
		tcase_add_test(tc, x_opv_capacity_changes);
		suite_add_tcase(s, tc);
	}
	{
		TCase *tc = tcase_create("projection");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_scenario_load_json);
		tcase_add_test(tc, x_opv_scenario_parse_json);
		tcase_add_test(tc, x_opv_scenario_free);
		tcase_add_test(tc, x_opv_scenario_weeks);
		tcase_add_test(tc, x_opv_scenario_start);
		tcase_add_test(tc, x_opv_scenario_has_monte_carlo);
		tcase_add_test(tc, x_opv_project);
		tcase_add_test(tc, x_opv_projection_column_name);
		tcase_add_test(tc, x_opv_projection_run);
		tcase_add_test(tc, x_opv_projection_free);
		tcase_add_test(tc, x_opv_projection_rows);
		tcase_add_test(tc, x_opv_projection_date);
		tcase_add_test(tc, x_opv_projection_get);
		tcase_add_test(tc, x_opv_scenario_reference_count);
		tcase_add_test(tc, x_opv_scenario_reference_at);
		tcase_add_test(tc, x_opv_monte_carlo_run);
		tcase_add_test(tc, x_opv_monte_carlo_merge);
		tcase_add_test(tc, x_opv_monte_carlo_free);
		tcase_add_test(tc, x_opv_monte_carlo_runs);
		tcase_add_test(tc, x_opv_monte_carlo_weeks);
		tcase_add_test(tc, x_opv_monte_carlo_peak_percentile);
		tcase_add_test(tc, x_opv_project_monte_carlo);
		tcase_add_test(tc, x_opv_sensitivity_options_check);
		tcase_add_test(tc, x_opv_sensitivity_run);
		tcase_add_test(tc, x_opv_sensitivity_free);
		tcase_add_test(tc, x_opv_sensitivity_count);
		tcase_add_test(tc, x_opv_sensitivity_input);
		tcase_add_test(tc, x_opv_sensitivity_value);
		tcase_add_test(tc, x_opv_sensitivity_shortage);
		tcase_add_test(tc, x_opv_sensitivity_date);
		tcase_add_test(tc, x_opv_sensitivity_base);
		tcase_add_test(tc, x_opv_sensitivity_write_svg);
		tcase_add_test(tc, x_opv_report_housing_new);
		tcase_add_test(tc, x_opv_report_housing_free);
		tcase_add_test(tc, x_opv_report_write);
		suite_add_tcase(s, tc);
	}
	{
		TCase *tc = tcase_create("versioned");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, 120);
		tcase_add_test(tc, x_opv_apportion_options_init);
		tcase_add_test(tc, x_opv_distribution_options_init);
		tcase_add_test(tc, x_opv_distribution_columns_init);
		tcase_add_test(tc, x_opv_distribution_summary_init);
		tcase_add_test(tc, x_opv_housing_options_init);
		tcase_add_test(tc, x_opv_housing_columns_init);
		tcase_add_test(tc, x_opv_housing_summary_init);
		tcase_add_test(tc, x_opv_supervision_options_init);
		tcase_add_test(tc, x_opv_realisation_options_init);
		tcase_add_test(tc, x_opv_realisation_columns_init);
		tcase_add_test(tc, x_opv_ladder_options_init);
		tcase_add_test(tc, x_opv_compliance_options_init);
		tcase_add_test(tc, x_opv_places_options_init);
		tcase_add_test(tc, x_opv_places_columns_init);
		tcase_add_test(tc, x_opv_monte_carlo_options_init);
		tcase_add_test(tc, x_opv_sensitivity_options_init);
		tcase_add_test(tc, x_opv_report_options_init);
		tcase_add_test(tc, x_opv_report_housing_init);
		tcase_add_test(tc, x_opv_tuning_init);
		tcase_add_test(tc, x_opv_apportion_tuned);
		tcase_add_test(tc, x_opv_monte_carlo_run_tuned);
		tcase_add_test(tc, x_opv_project_monte_carlo_tuned);
		suite_add_tcase(s, tc);
	}
	return run_suite(s);
}
