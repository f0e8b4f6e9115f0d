/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Supervision as of a date: the stages of the interventieladder, worked out
 * by hand from a small history.  Thresholds 1, 2, 3, 4 unless told; a warning
 * runs 13 weeks, 91 days, so its term ends 90 days after it starts.
 */
#include <math.h>

#include "testutil.h"

static const char history_csv[] =
	"code,period,balance,task\n"
	"GM0363,2024-H2,10,700\n"   /* Amsterdam: three misses in a row */
	"GM0363,2025-H1,50,680\n"
	"GM0363,2025-H2,40,675\n"
	"GM0599,2025-H1,30,500\n"   /* Rotterdam: an advance in 2025-H2 */
	"GM0599,2025-H2,-5,490\n"
	"GM0518,2025-H1,20,400\n"   /* The Hague: nothing for 2025-H2 */
	"GM0344,2024-H1,5,300\n"    /* Utrecht: four small misses */
	"GM0344,2024-H2,6,300\n"
	"GM0344,2025-H1,7,300\n"
	"GM0344,2025-H2,8,300\n";

static opv_day day(const char *text)
{
	opv_day d;
	ck_assert_int_eq(opv_date_parse(&d, text, NULL), OPV_OK);
	return d;
}

static opv_register *reg;
static opv_balance_history *history;

static void setup(void)
{
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_register_default(&reg, &err), OPV_OK);
	ck_assert_msg(opv_balance_history_parse_csv(&history, history_csv, strlen(history_csv), "h.csv",
	                                            &err) == OPV_OK, "%s", err.message);
}

static void teardown(void)
{
	opv_balance_history_free(history);
	opv_register_free(reg);
}

static opv_ladder *ladder(const opv_ladder_options *o)
{
	opv_ladder *l = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_ladder_run(&l, reg, history, o, &err) == OPV_OK, "%s", err.message);
	return l;
}

static size_t at(const char *code)
{
	size_t i;
	ck_assert_int_eq(opv_register_find(&i, reg, code, NULL), OPV_OK);
	return i;
}

#define CHECK(l, code, stage, misses, first, entered, term)                                   \
	do {                                                                                     \
		size_t i_ = at(code);                                                                \
		ck_assert_str_eq(opv_stage_name((opv_stage)opv_ladder_get(l, OPV_LADDER_STAGE, i_)), \
		                 opv_stage_name(stage));                                             \
		ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_MISSES, i_), misses);                  \
		ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_FIRST_MISSED, i_), first);             \
		ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_ENTERED, i_), entered);                \
		ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_TERM_ENDS, i_), term);                 \
	} while (0)

START_TEST(every_stage_as_of_a_date)
{
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *l;
	o.as_of = day("2026-03-01"); /* 2025-H2 is the latest half-year that ended */
	l = ladder(&o);
	ck_assert_int_eq(opv_ladder_period(l).year, 2025);
	ck_assert_int_eq(opv_ladder_period(l).half, 2);
	/* Amsterdam: 2024-H2, 2025-H1, 2025-H2 missed: the third miss, after
	 * 2025-H2, is a warning from 1 January 2026, its 91 days ending 1 April. */
	CHECK(l, "GM0363", OPV_STAGE_WARNING, 3, 20242, day("2026-01-01"), day("2026-04-01"));
	ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_BALANCE, at("GM0363")), 40);
	ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_TASK, at("GM0363")), 675);
	CHECK(l, "GM0599", OPV_STAGE_ON_TRACK, 0, 0, 0, 0);
	CHECK(l, "GM0518", OPV_STAGE_NO_DATA, 0, 0, 0, 0);   /* never carried forward */
	CHECK(l, "GM0344", OPV_STAGE_SUBSTITUTION, 4, 20241, day("2026-01-01"), 0);
	CHECK(l, "GM0014", OPV_STAGE_NO_DATA, 0, 0, 0, 0);   /* no history at all */
	ck_assert_int_eq(opv_ladder_get(l, OPV_LADDER_TASK, at("GM0014")), -1);
	ck_assert_int_eq(opv_ladder_count(l), opv_register_count(reg));
	opv_ladder_free(l);

	/* On 30 December 2025 2025-H2 has not ended: 2025-H1 is judged.
	 * Amsterdam: 2024-H2 and 2025-H1, administrative talk from 1 July 2025;
	 * Rotterdam and The Hague: one miss, signalling from 1 July. */
	o.as_of = day("2025-12-30");
	l = ladder(&o);
	CHECK(l, "GM0363", OPV_STAGE_TALK, 2, 20242, day("2025-07-01"), 0);
	CHECK(l, "GM0599", OPV_STAGE_SIGNALLING, 1, 20251, day("2025-07-01"), 0);
	CHECK(l, "GM0518", OPV_STAGE_SIGNALLING, 1, 20251, day("2025-07-01"), 0);
	CHECK(l, "GM0344", OPV_STAGE_WARNING, 3, 20241, day("2025-07-01"), day("2025-09-29"));
	opv_ladder_free(l);

	/* On its last day a half-year has ended. */
	o.as_of = day("2025-12-31");
	l = ladder(&o);
	CHECK(l, "GM0518", OPV_STAGE_NO_DATA, 0, 0, 0, 0);
	opv_ladder_free(l);
}
END_TEST

START_TEST(both_tolerances)
{
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *l;
	o.as_of = day("2026-03-01");
	/* 10 people: Amsterdam's 10 in 2024-H2 is no miss (not above 10): two
	 * misses; Utrecht's 5 to 8 none. */
	o.tolerance = 10;
	l = ladder(&o);
	CHECK(l, "GM0363", OPV_STAGE_TALK, 2, 20251, day("2026-01-01"), 0);
	CHECK(l, "GM0344", OPV_STAGE_ON_TRACK, 0, 0, 0, 0);
	opv_ladder_free(l);
	/* 5% of the task: Amsterdam 40 > 33.75 and 50 > 34 miss, 10 <= 35 not;
	 * Utrecht 8 <= 15 not. */
	o.tolerance = 0;
	o.tolerance_ppm = 50000;
	l = ladder(&o);
	CHECK(l, "GM0363", OPV_STAGE_TALK, 2, 20251, day("2026-01-01"), 0);
	CHECK(l, "GM0344", OPV_STAGE_ON_TRACK, 0, 0, 0, 0);
	opv_ladder_free(l);
	/* Exactly at the share is no miss: 8 of 300 is 2.666...%; 8 * 10^6 >
	 * 26666 * 300 = 7,999,800 misses, 26667 * 300 = 8,000,100 does not. */
	o.tolerance_ppm = 26666;
	l = ladder(&o);
	CHECK(l, "GM0344", OPV_STAGE_SIGNALLING, 1, 20252, day("2026-01-01"), 0);
	opv_ladder_free(l);
	o.tolerance_ppm = 26667;
	l = ladder(&o);
	CHECK(l, "GM0344", OPV_STAGE_ON_TRACK, 0, 0, 0, 0);
	opv_ladder_free(l);
}
END_TEST

START_TEST(a_province_may_step_faster)
{
	/* ECLI:NL:RVS:2018:2647: substitution may follow one missed half-year. */
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *l;
	o.as_of = day("2025-12-30");
	o.thresholds[0] = o.thresholds[1] = o.thresholds[2] = o.thresholds[3] = 1;
	l = ladder(&o);
	CHECK(l, "GM0599", OPV_STAGE_SUBSTITUTION, 1, 20251, day("2025-07-01"), 0);
	opv_ladder_free(l);
	/* A warning after two, with a term of 4 weeks: 28 days from 1 July. */
	o.thresholds[0] = 1;
	o.thresholds[1] = 1;
	o.thresholds[2] = 2;
	o.thresholds[3] = 9;
	o.warning_term_weeks = 4;
	l = ladder(&o);
	CHECK(l, "GM0363", OPV_STAGE_WARNING, 2, 20242, day("2025-07-01"), day("2025-07-28"));
	CHECK(l, "GM0599", OPV_STAGE_TALK, 1, 20251, day("2025-07-01"), 0);
	opv_ladder_free(l);
}
END_TEST

START_TEST(bad_options_are_refused)
{
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *l = (opv_ladder *)0x1;
	opv_balance_history *plain = NULL;
	opv_error err = OPV_ERROR_INIT;
	opv_stage stage;
	const char *csv = "code,period,balance\nGM0363,2025-H2,4\n";
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_EINVAL, "(as_of) is required");
	o.as_of = day("2024-06-29"); /* 2023-H2 is the latest ended; the history starts in 2024-H1 */
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_ERANGE,
	                "2024-06-29 is before the end of the history's first half-year (2024-H1 ends on 2024-06-30)");
	o.as_of = day("2026-03-01");
	o.warning_term_weeks = 0;
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_EINVAL,
	                "a warning's term of 0 weeks is outside 1..520");
	o.warning_term_weeks = 13;
	o.tolerance = -1;
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_EINVAL,
	                "a tolerance of -1 people is negative");
	o.tolerance = 0;
	o.tolerance_ppm = 1500000;
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_EINVAL, "outside 0%..100%");
	o.tolerance_ppm = 50000;
	ck_assert_int_eq(opv_balance_history_parse_csv(&plain, csv, strlen(csv), "p.csv", &err), OPV_OK);
	ck_assert_ptr_null(opv_balance_history_tasks(plain));
	ck_assert_fails(opv_ladder_run(&l, reg, plain, &o, &err), err, OPV_EINVAL,
	                "needs the task of each half-year: a column 'task'");
	/* Checked without data, the share is fine: only the history lacks tasks. */
	ck_assert_int_eq(opv_ladder_options_check(&o, &err), OPV_OK);
	o.tolerance_ppm = -1;
	o.thresholds[2] = 1;
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_EINVAL,
	                "thresholds must not decrease: 1, 2, 1, 4");
	ck_assert_fails(opv_ladder_options_check(&o, &err), err, OPV_EINVAL,
	                "thresholds must not decrease: 1, 2, 1, 4");
	ck_assert_fails(opv_ladder_options_check(NULL, &err), err, OPV_EINVAL, "options is NULL");
	/* An assessment date outside 1900..9999 is OPV_ERANGE, here as in the run
	 * (found by fuzz_api_models: the header promised OPV_EINVAL only). */
	o.thresholds[2] = 3;
	o.as_of = INT32_MAX;
	ck_assert_fails(opv_ladder_options_check(&o, &err), err, OPV_ERANGE,
	                "is outside the years 1900..9999");
	ck_assert_fails(opv_ladder_run(&l, reg, history, &o, &err), err, OPV_ERANGE,
	                "is outside the years 1900..9999");
	ck_assert_ptr_eq(l, (opv_ladder *)0x1);
	ck_assert_fails(opv_stage_from_name(&stage, "intervention", &err), err, OPV_ENOTFOUND,
	                "no stage 'intervention': the stages are on_track, signalling");
	ck_assert_int_eq(opv_stage_from_name(&stage, "administrative_talk", &err), OPV_OK);
	ck_assert_int_eq(stage, OPV_STAGE_TALK);
	ck_assert_str_eq(opv_ladder_column_name(OPV_LADDER_TERM_ENDS), "term_ends");
	opv_balance_history_free(plain);
}
END_TEST


START_TEST(tolerances_are_read_exactly)
{
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_ladder_tolerance_parse(&o, "5%", &err), OPV_OK);
	ck_assert_int_eq(o.tolerance_ppm, 50000);
	ck_assert_int_eq(opv_ladder_tolerance_parse(&o, "2.5%", &err), OPV_OK);
	ck_assert_int_eq(o.tolerance_ppm, 25000);
	ck_assert_int_eq(opv_ladder_tolerance_parse(&o, "0.0001%", &err), OPV_OK);
	ck_assert_int_eq(o.tolerance_ppm, 1);
	ck_assert_int_eq(opv_ladder_tolerance_parse(&o, "100%", &err), OPV_OK);
	ck_assert_int_eq(o.tolerance_ppm, 1000000);
	ck_assert_int_eq(opv_ladder_tolerance_parse(&o, "12", &err), OPV_OK);
	ck_assert_int_eq(o.tolerance, 12);
	ck_assert_int_eq(o.tolerance_ppm, -1);
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "150%", &err), err, OPV_ERANGE, "outside 0%..100%");
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "-1", &err), err, OPV_ERANGE, "-1 people is negative");
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "-1%", &err), err, OPV_EPARSE, "neither people");
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "1.23456%", &err), err, OPV_EPARSE, "four decimals");
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "5.%", &err), err, OPV_EPARSE, "neither");
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "%", &err), err, OPV_EPARSE, "neither");
	ck_assert_fails(opv_ladder_tolerance_parse(&o, "half", &err), err, OPV_EPARSE, "neither");
	ck_assert_int_eq(o.tolerance, 12); /* unchanged by the failures */
}
END_TEST


/* ---- realisation during the half-year ----------------------------------------- */

static const char log_csv[] =
	"code,date,count,kind\n"
	"GM0363,2026-01-31,50,woning\n"
	"GM0363,2026-02-28,40,doorstroomlocatie\n"
	"GM0363,2026-03-31,30,nareis\n"
	"GM0363,2026-04-30,60,\n"          /* after the count of 31 March */
	"GM0363,2025-12-31,20,woning\n"    /* the half-year before */
	"GM0599,2026-02-15,10,woning\n";

START_TEST(realisation_pro_rata)
{
	/* 2026-H1 has 181 days; on 31 March 31 + 28 + 31 = 90 have passed.
	 * Amsterdam owes 675: 50 + 40 + 30 = 120 housed by then; pro rata
	 * 675 * 90 / 181 = 335.63...; at this pace 120 * 181 / 90 = 241.33 by
	 * the end, a balance of 433.67.  Counting homes only: 50, a balance of
	 * 675 - 50 * 181 / 90 = 574.44. */
	opv_realised_log *log = NULL;
	opv_realisation_options o = OPV_REALISATION_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	size_t n = opv_register_count(reg), a = at("GM0363"), r = at("GM0599");
	int64_t *task = calloc(n, sizeof *task), *realised = calloc(n, sizeof *realised);
	double *share = calloc(n, sizeof *share), *expected = calloc(n, sizeof *expected);
	double *projected = calloc(n, sizeof *projected), passed = 0;
	opv_realisation_columns out = { OPV_REALISATION_COLUMNS_VERSION, realised, share, expected, projected };
	ck_assert_int_eq(opv_realised_log_parse_csv(&log, log_csv, strlen(log_csv), "r.csv", &err), OPV_OK);
	task[a] = 675;
	task[r] = 0;
	o.period = (opv_period){ 2026, 1 };
	o.as_of = day("2026-03-31");
	ck_assert_msg(opv_housing_realisation(&out, &passed, reg, task, log, &o, &err) == OPV_OK, "%s",
	              err.message);
	ck_assert_double_eq_tol(passed, 90.0 / 181.0, 1e-15);
	ck_assert_int_eq(realised[a], 120);
	ck_assert_double_eq_tol(share[a], 120.0 / 675.0, 1e-15);
	ck_assert_double_eq_tol(expected[a], 335.6353591160221, 1e-9);
	ck_assert_double_eq_tol(projected[a], 675.0 - 120.0 * 181.0 / 90.0, 1e-9);
	ck_assert_int_eq(realised[r], 10);
	ck_assert(isnan(share[r])); /* a task of 0 */
	o.counting_kinds = 1u << OPV_REALISED_HOME;
	ck_assert_int_eq(opv_housing_realisation(&out, NULL, reg, task, log, &o, &err), OPV_OK);
	ck_assert_int_eq(realised[a], 50);
	ck_assert_double_eq_tol(projected[a], 675.0 - 50.0 * 181.0 / 90.0, 1e-9);
	/* The last day and after: the half-year has passed, the balance is the realised one. */
	o.counting_kinds = OPV_REALISED_ALL_KINDS;
	o.as_of = day("2026-07-15");
	ck_assert_int_eq(opv_housing_realisation(&out, &passed, reg, task, log, &o, &err), OPV_OK);
	ck_assert_double_eq(passed, 1.0);
	ck_assert_int_eq(realised[a], 180);
	ck_assert_double_eq(projected[a], 495.0);
	o.as_of = day("2026-06-30");
	ck_assert_int_eq(opv_housing_realisation(&out, &passed, reg, task, log, &o, &err), OPV_OK);
	ck_assert_double_eq(passed, 1.0);
	/* Mistakes: a count before the half-year, no kind, a negative task. */
	o.as_of = day("2025-12-31");
	realised[a] = -7;
	ck_assert_fails(opv_housing_realisation(&out, NULL, reg, task, log, &o, &err), err, OPV_ERANGE,
	                "the count of 2025-12-31 is before 2026-H1 began");
	o.as_of = day("2026-03-31");
	o.counting_kinds = 0;
	ck_assert_fails(opv_housing_realisation(&out, NULL, reg, task, log, &o, &err), err, OPV_EINVAL,
	                "name one or more of woning");
	o.counting_kinds = OPV_REALISED_ALL_KINDS;
	task[r] = -1;
	ck_assert_fails(opv_housing_realisation(&out, NULL, reg, task, log, &o, &err), err, OPV_ERANGE,
	                "GM0599: a task of -1 is negative");
	ck_assert_int_eq(realised[a], -7); /* untouched by the failures */
	opv_realised_log_free(log);
	free(task);
	free(realised);
	free(share);
	free(expected);
	free(projected);
}
END_TEST

START_TEST(realisation_logs_are_checked)
{
	static const struct { const char *csv; int code; const char *needle; } bad[] = {
		{ "code,date,count\nGM0363,2026-02-30,5\n", OPV_EPARSE, "r.csv:2" },
		{ "code,date,count\nGM0363,2026-02-28,-5\n", OPV_ERANGE, "not negative" },
		{ "code,date,count,kind\nGM0363,2026-02-28,5,hotel\n", OPV_EPARSE,
		  "the kinds are woning, doorstroomlocatie and nareis" },
		{ "code,count\nGM0363,5\n", OPV_EPARSE, "date" },
	};
	size_t i;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		opv_realised_log *log = (opv_realised_log *)0x1;
		opv_error err = OPV_ERROR_INIT;
		ck_assert_fails(opv_realised_log_parse_csv(&log, bad[i].csv, strlen(bad[i].csv), "r.csv", &err),
		                err, bad[i].code, bad[i].needle);
		ck_assert_ptr_eq(log, (opv_realised_log *)0x1);
	}
	{
		/* An unknown code is named with its line when the log is used. */
		const char *csv = "code,date,count\nGM0363,2026-02-28,5\nGM9999,2026-02-28,5\n";
		opv_realised_log *log = NULL;
		opv_realisation_options o = OPV_REALISATION_OPTIONS_INIT;
		opv_error err = OPV_ERROR_INIT;
		int64_t *task = calloc(opv_register_count(reg), sizeof *task);
		int64_t *realised = calloc(opv_register_count(reg), sizeof *realised);
		opv_realisation_columns out = { OPV_REALISATION_COLUMNS_VERSION, realised, NULL, NULL, NULL };
		ck_assert_int_eq(opv_realised_log_parse_csv(&log, csv, strlen(csv), "r.csv", &err), OPV_OK);
		o.period = (opv_period){ 2026, 1 };
		o.as_of = day("2026-03-31");
		ck_assert_fails(opv_housing_realisation(&out, NULL, reg, task, log, &o, &err), err,
		                OPV_ENOTFOUND, "line 3");
		ck_assert_str_eq(opv_realised_kind_name(OPV_REALISED_FAMILY), "nareis");
		{
			unsigned int kinds = 99;
			ck_assert_int_eq(opv_realised_kinds_parse(&kinds, "woning,nareis", &err), OPV_OK);
			ck_assert_uint_eq(kinds, (1u << OPV_REALISED_HOME) | (1u << OPV_REALISED_FAMILY));
			kinds = 99;
			ck_assert_fails(opv_realised_kinds_parse(&kinds, "woning,", &err), err, OPV_ENOTFOUND,
			                "no kind ''; the kinds are woning");
			ck_assert_fails(opv_realised_kinds_parse(&kinds, "hotel", &err), err, OPV_ENOTFOUND,
			                "no kind 'hotel'");
			ck_assert_uint_eq(kinds, 99);
		}
		opv_realised_log_free(log);
		free(task);
		free(realised);
	}
}
END_TEST


/* ---- mergers: Huisvestingswet art. 30 ------------------------------------------- */

static const char register_2026[] =
	"code,name,province_code,province,population\n"
	"GM0363,Amsterdam,PV27,Noord-Holland,940000\n"
	"GM0402,Hilversum,PV27,Noord-Holland,92000\n"
	"GM1696,Wijdemeren,PV27,Noord-Holland,24700\n";

static opv_register *register_of_2026(void)
{
	opv_register *r = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_register_parse_csv(&r, register_2026, strlen(register_2026), "g.csv", &err),
	                 OPV_OK);
	return r;
}

START_TEST(a_merger_year_folds_the_former_municipality_in)
{
	/* Wijdemeren joins Hilversum on 1 January 2027.  For 2027 the task of
	 * Hilversum rests on the population Gedeputeerde Staten set, 117,000:
	 * of 10,000, ceil(10000 * 117000 / 1057000) = ceil(1106.9) = 1107, and
	 * Amsterdam ceil(8893.09) = 8894.  Without a figure the sum, 116,700:
	 * ceil(10000 * 116700 / 1056700) = ceil(1104.38) = 1105. */
	opv_register *r = register_of_2026(), *merged = NULL;
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	const char *codes[] = { "GM0402" };
	const int64_t gs[] = { 117000 };
	int64_t task[2], corrected[2], previous[2];
	opv_housing_columns columns = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, corrected, NULL };
	size_t assumed = 9, i;
	ck_assert_int_eq(opv_register_merged_in(&merged, r, 2027, codes, gs, 1, &assumed, &err), OPV_OK);
	ck_assert_int_eq(assumed, 0);
	ck_assert_int_eq(opv_register_count(merged), 2);
	ck_assert_int_eq(opv_register_population(merged), 1057000);
	o.national = 10000;
	o.period = (opv_period){ 2027, 1 };
	ck_assert_int_eq(opv_register_find(&i, merged, "GM1696", &err), OPV_OK); /* Wijdemeren is Hilversum */
	ck_assert_str_eq(opv_register_at(merged, i)->code, "GM0402");
	/* Balances of both carry into Hilversum: 20 + 5. */
	previous[0] = 0;
	previous[i] = 25;
	ck_assert_msg(opv_housing_task(&columns, NULL, merged, previous, NULL, NULL, 0, &o, &err) == OPV_OK,
	              "%s", err.message);
	ck_assert_int_eq(task[i], 1107);
	ck_assert_int_eq(corrected[i], 1132);
	ck_assert_int_eq(task[1 - i], 8894);
	opv_register_free(merged);

	ck_assert_int_eq(opv_register_merged_in(&merged, r, 2027, NULL, NULL, 0, &assumed, &err), OPV_OK);
	ck_assert_int_eq(assumed, 1);
	ck_assert_int_eq(opv_register_find(&i, merged, "GM0402", &err), OPV_OK);
	ck_assert_int_eq(opv_register_at(merged, i)->population, 116700);
	ck_assert_int_eq(opv_housing_task(&columns, NULL, merged, NULL, NULL, NULL, 0, &o, &err), OPV_OK);
	ck_assert_int_eq(task[i], 1105);
	opv_register_free(merged);

	/* 2026 is before the merger: nothing folds. */
	ck_assert_int_eq(opv_register_merged_in(&merged, r, 2026, NULL, NULL, 0, &assumed, &err), OPV_OK);
	ck_assert_int_eq(opv_register_count(merged), 3);
	ck_assert_int_eq(assumed, 0);
	opv_register_free(merged);
	{
		/* Only the former municipality in the register: it becomes Hilversum,
		 * and its own code still finds it. */
		const char *csv = "code,name,province_code,province,population\n"
		                  "GM0363,Amsterdam,PV27,Noord-Holland,940000\n"
		                  "GM1696,Wijdemeren,PV27,Noord-Holland,24700\n";
		opv_register *only = NULL;
		ck_assert_int_eq(opv_register_parse_csv(&only, csv, strlen(csv), "w.csv", &err), OPV_OK);
		ck_assert_int_eq(opv_register_merged_in(&merged, only, 2027, NULL, NULL, 0, &assumed, &err), OPV_OK);
		ck_assert_int_eq(opv_register_find(&i, merged, "GM1696", &err), OPV_OK);
		ck_assert_str_eq(opv_register_at(merged, i)->code, "GM0402");
		ck_assert_str_eq(opv_register_at(merged, i)->name, "Hilversum");
		ck_assert_int_eq(opv_register_maps_mergers(merged), 1);
		opv_register_free(merged);
		opv_register_free(only);
	}
	/* A figure for a municipality nothing merges into. */
	merged = (opv_register *)0x1;
	codes[0] = "GM0363";
	ck_assert_fails(opv_register_merged_in(&merged, r, 2027, codes, gs, 1, NULL, &err), err, OPV_EINVAL,
	                "GM0363 is not a municipality that municipalities of this register merge into");
	{
		/* Hilversum twice: which figure would count?  And a NULL code. */
		const char *twice[] = { "GM0402", "GM0402" }, *null_code[] = { NULL };
		const int64_t figures[] = { 117000, 118000 };
		ck_assert_fails(opv_register_merged_in(&merged, r, 2027, twice, figures, 2, NULL, &err), err,
		                OPV_EDUPLICATE, "GM0402 is given twice");
		ck_assert_fails(opv_register_merged_in(&merged, r, 2027, null_code, figures, 1, NULL, &err),
		                err, OPV_EINVAL, "codes[0] is NULL");
	}
	ck_assert_ptr_eq(merged, (opv_register *)0x1);
	opv_register_free(r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ladder");
	TCase *tc = tcase_create("ladder");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_stage_as_of_a_date);
	tcase_add_test(tc, both_tolerances);
	tcase_add_test(tc, a_province_may_step_faster);
	tcase_add_test(tc, bad_options_are_refused);
	tcase_add_test(tc, tolerances_are_read_exactly);
	tcase_add_test(tc, realisation_pro_rata);
	tcase_add_test(tc, realisation_logs_are_checked);
	tcase_add_test(tc, a_merger_year_folds_the_former_municipality_in);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
