/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The status-holder housing task.  References: the derived per-municipality
 * table tests/data/nl_taakstelling_2025_derived.csv (computed from the CBS
 * file outside this project; see tests/data/README.md), published municipal
 * examples (Eersel 2016, Gooise Meren 2020), and hand computations.
 */
#include <stdio.h>

#include "testutil.h"

#ifndef OPV_TEST_DIR
#error "OPV_TEST_DIR must name tests/"
#endif

static opv_register *default_register(void)
{
	opv_register *reg = NULL;
	ck_assert_int_eq(opv_register_default(&reg, NULL), OPV_OK);
	return reg;
}

static opv_register *parse_register(const char *text)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_register_parse_csv(&reg, text, strlen(text), "r.csv", &err) == OPV_OK,
	              "%s", err.message);
	return reg;
}

static opv_period period(const char *text)
{
	opv_period p;
	ck_assert_int_eq(opv_period_parse(&p, text, NULL), OPV_OK);
	return p;
}

static opv_housing_options options_for(int64_t vg, const char *when)
{
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	o.national = vg;
	o.period = period(when);
	return o;
}

/* ---- periods --------------------------------------------------------------- */

START_TEST(periods_parse_and_print_strictly)
{
	static const char *const bad[] = { "2025-H3", "2025-H0", "2025-h2", "25-H2", "2025-H2x",
	                                   "2025H2", " 2025-H2", "", "0999-H1", "2025-HH" };
	opv_period p;
	char text[OPV_PERIOD_TEXT_SIZE], date[11];
	opv_error err = OPV_ERROR_INIT;
	size_t i;
	ck_assert_int_eq(opv_period_parse(&p, "2025-H2", &err), OPV_OK);
	ck_assert_int_eq(p.year, 2025);
	ck_assert_int_eq(p.half, 2);
	ck_assert_int_eq(opv_period_format(text, sizeof text, p, &err), OPV_OK);
	ck_assert_str_eq(text, "2025-H2");
	ck_assert_int_eq(opv_period_reference_date(date, sizeof date, p, &err), OPV_OK);
	ck_assert_str_eq(date, "2024-01-01");
	p = opv_period_next(p);
	ck_assert_int_eq(p.year, 2026);
	ck_assert_int_eq(p.half, 1);
	ck_assert_int_lt(opv_period_compare(period("2025-H2"), period("2026-H1")), 0);
	ck_assert_int_eq(opv_period_compare(period("2025-H1"), period("2025-H1")), 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p.year = -1;
		ck_assert_fails(opv_period_parse(&p, bad[i], &err), err, OPV_EPARSE, "not a half-year");
		ck_assert_int_eq(p.year, -1);
	}
	p.year = 2025;
	p.half = 3;
	ck_assert_fails(opv_period_format(text, sizeof text, p, &err), err, OPV_EINVAL, "half 3");
	ck_assert_fails(opv_period_format(text, 4, period("2025-H1"), &err), err, OPV_EINVAL, "buffer");
}
END_TEST

/* ---- the task ------------------------------------------------------------- */

START_TEST(amsterdam_2025_h2)
{
	/* ceil(13,000 * 931,298 / 17,942,942) = ceil(674.74) = 675. */
	opv_register *reg = default_register();
	int64_t task[342];
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
	opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
	opv_housing_options o = options_for(13000, "2025-H2");
	size_t ams, i;
	ck_assert_int_eq(opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, &o, NULL), OPV_OK);
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	ck_assert_int_eq(task[ams], 675);
	ck_assert_int_eq(sum.task, 13164);
	ck_assert_int_eq(sum.population_total, 17942942);
	for (i = 0; i < 342; i++)
		ck_assert_int_ge(task[i], 1);
	ck_assert_str_eq(sum.warning, ""); /* 2025-H2 uses 1-1-2024: the register's date */
	opv_register_free(reg);
}
END_TEST

START_TEST(matches_the_derived_2025_table)
{
	static const struct { const char *column; int64_t vg; const char *when; int64_t total; } cases[] = {
		{ "T_2025H1_vg17700", 17700, "2025-H1", 17870 },
		{ "T_2025H1_vg15000", 15000, "2025-H1", 15170 },
		{ "T_2025H2_vg13000", 13000, "2025-H2", 13164 },
	};
	opv_register *reg = default_register();
	int64_t task[342], want[342];
	size_t c, i;
	for (c = 0; c < 3; c++) {
		opv_keyed_values *kv = NULL;
		opv_error err = OPV_ERROR_INIT;
		opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
		opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
		opv_housing_options o = options_for(cases[c].vg, cases[c].when);
		ck_assert_msg(opv_keyed_values_load_csv(&kv, OPV_TEST_DIR "/data/nl_taakstelling_2025_derived.csv",
		                                        "gemeentecode", cases[c].column, OPV_VALUES_INTEGER,
		                                        &err) == OPV_OK, "%s", err.message);
		/* The last row, NL01, holds the column sums. */
		ck_assert_str_eq(opv_keyed_values_key(kv, 342), "NL01");
		ck_assert_int_eq((int64_t)opv_keyed_values_value(kv, 342), cases[c].total);
		ck_assert_int_eq(opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, &o, &err), OPV_OK);
		for (i = 0; i < 342; i++) {
			ck_assert_str_eq(opv_keyed_values_key(kv, i), opv_register_at(reg, i)->code);
			want[i] = (int64_t)opv_keyed_values_value(kv, i);
			ck_assert_msg(task[i] == want[i], "%s %s: %lld, table %lld", cases[c].column,
			              opv_register_at(reg, i)->code, (long long)task[i], (long long)want[i]);
		}
		ck_assert_int_eq(sum.task, cases[c].total);
		opv_keyed_values_free(kv);
	}
	opv_register_free(reg);
}
END_TEST

START_TEST(exact_division_stays_exact)
{
	/* Each municipality holds exactly half of P_NL: 17,700 / 2 = 8,850, not 8,851. */
	opv_register *reg = parse_register("code,name,province_code,province,population\n"
	                                   "GM0001,A,PV20,P,8971471\nGM0002,B,PV20,P,8971471\n");
	int64_t task[2];
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
	opv_housing_options o = options_for(17700, "2025-H1");
	ck_assert_int_eq(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, NULL), OPV_OK);
	ck_assert_int_eq(task[0], 8850);
	ck_assert_int_eq(task[1], 8850);
	opv_register_free(reg);
}
END_TEST

START_TEST(overflow_is_an_error_not_a_wrong_number)
{
	/* INT64_MAX / 931,298 = 9,903,781,643,313: Amsterdam's product still fits
	 * and its task is ceil(vg * 931,298 / 17,942,942) = 514,039,004,131; one
	 * more and it does not. */
	opv_register *reg = default_register();
	int64_t task[342] = { 0 };
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
	opv_housing_options o = options_for(INT64_C(9903781643313), "2025-H2");
	opv_error err = OPV_ERROR_INIT;
	size_t ams;
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	ck_assert_int_eq(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err), OPV_OK);
	ck_assert_int_eq(task[ams], INT64_C(514039004131));
	o.national++;
	task[ams] = -1;
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err), err, OPV_ERANGE,
	                "GM0363 (Amsterdam) overflows 64 bits");
	ck_assert_int_eq(task[ams], -1);
	opv_register_free(reg);
}
END_TEST

START_TEST(largest_exact_task)
{
	/* One municipality: the product just fits; ceil(vg * P / P) = vg. */
	opv_register *reg = parse_register("code,name,province_code,province,population\n"
	                                   "GM0363,Amsterdam,PV27,Noord-Holland,931298\n");
	int64_t task[1];
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
	opv_housing_options o = options_for(INT64_C(9903781643313), "2025-H2");
	ck_assert_int_eq(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, NULL), OPV_OK);
	ck_assert_int_eq(task[0], INT64_C(9903781643313));
	/* With the national population given instead: ceil(vg * 931,298 / 17,942,942). */
	o.population_total = 17942942;
	ck_assert_int_eq(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, NULL), OPV_OK);
	ck_assert_int_eq(task[0], INT64_C(514039004131));
	opv_register_free(reg);
}
END_TEST

/* Two municipalities with 22% and 78% of the people: vg = 100 gives 22 and 78. */
static const char two[] = "code,name,province_code,province,population\n"
                          "GM0001,Eersel,PV30,Noord-Brabant,22\nGM0002,Rest,PV30,Noord-Brabant,78\n";

START_TEST(carry_over_backlog_and_advance)
{
	/* Eersel 2016-H1 (published): task 22 plus a backlog of 1 gives a
	 * corrected task of 23.  Realised 20 and 80: balances 3 and -2. */
	opv_register *reg = parse_register(two);
	int64_t task[2], carried[2], corrected[2], balance[2];
	const int64_t previous[] = { 1, 0 }, realised[] = { 20, 80 };
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, carried, corrected, balance };
	opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
	opv_housing_options o = options_for(100, "2016-H1");
	double expected;
	ck_assert_int_eq(opv_housing_task(&out, &sum, reg, previous, realised, NULL, 0, &o, NULL), OPV_OK);
	ck_assert_int_eq(task[0], 22);
	ck_assert_int_eq(carried[0], 1);
	ck_assert_int_eq(corrected[0], 23);
	ck_assert_int_eq(balance[0], 3);
	ck_assert_int_eq(balance[1], -2);
	ck_assert_int_eq(sum.corrected, 101);
	ck_assert_int_eq(sum.balance, 1);
	/* The CSV register has no reference date: a warning, not an error. */
	ck_assert_ptr_nonnull(strstr(sum.warning, "uses the population of 2015-01-01"));
	/* Expected by month 3 of 6: 23 * 3 / 6 = 11.5. */
	ck_assert_int_eq(opv_housing_expected(&expected, corrected[0], 3, NULL), OPV_OK);
	ck_assert_double_eq(expected, 11.5);

	/* Next half-year: the backlog 3 carries; the advance -2 carries by
	 * default and lapses when asked. */
	{
		const int64_t prev2[] = { 3, -2 };
		o.period = period("2016-H2");
		ck_assert_int_eq(opv_housing_task(&out, NULL, reg, prev2, NULL, NULL, 0, &o, NULL), OPV_OK);
		ck_assert_int_eq(corrected[0], 25);
		ck_assert_int_eq(corrected[1], 76);
		o.carry_advance = 0;
		ck_assert_int_eq(opv_housing_task(&out, NULL, reg, prev2, NULL, NULL, 0, &o, NULL), OPV_OK);
		ck_assert_int_eq(carried[1], 0);
		ck_assert_int_eq(corrected[1], 78);
		ck_assert_int_eq(corrected[0], 25);
	}
	opv_register_free(reg);
}
END_TEST

START_TEST(a_year_in_two_half_years)
{
	/* Gooise Meren 2020 (published): tasks 18 and 22, 46 housed in the year,
	 * an advance of 6.  With 1% of the people, vg 1,800 and 2,200 give 18 and
	 * 22; housing 20 and 26 leaves -2 after H1 and 22 - 2 - 26 = -6 after H2. */
	opv_register *reg = parse_register("code,name,province_code,province,population\n"
	                                   "GM1942,Gooise Meren,PV27,Noord-Holland,1\n"
	                                   "GM0002,Rest,PV27,Noord-Holland,99\n");
	const int64_t vg[] = { 1800, 2200 };
	const int64_t realised[] = { 20, 1782, 26, 2178 };
	int64_t task[4], corrected[4], balance[4];
	ck_assert_int_eq(opv_housing_run(task, corrected, balance, reg, period("2020-H1"), vg, 2, realised,
	                                 NULL, 1, NULL), OPV_OK);
	ck_assert_int_eq(task[0], 18);
	ck_assert_int_eq(task[2], 22);
	ck_assert_int_eq(balance[0], -2);
	ck_assert_int_eq(corrected[2], 20);
	ck_assert_int_eq(balance[2], -6);
	/* The rest: ceil(1800 * .99) = 1782 and ceil(2200 * .99) = 2178, all housed. */
	ck_assert_int_eq(balance[1], 0);
	ck_assert_int_eq(balance[3], 0);
	opv_register_free(reg);
}
END_TEST

START_TEST(swaps_that_do_and_do_not_add_up)
{
	opv_register *reg = parse_register(two);
	int64_t task[2], swapped[2], corrected[2] = { -1, -1 };
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, swapped, NULL, corrected, NULL };
	opv_housing_options o = options_for(100, "2025-H2");
	opv_error err = OPV_ERROR_INIT;
	const opv_swap good[] = { { "A1", "GM0001", -5 }, { "A1", "GM0002", 5 } };
	const opv_swap unbalanced[] = { { "A1", "GM0001", -5 }, { "A1", "GM0002", 4 } };
	const opv_swap too_far[] = { { "B", "GM0001", -23 }, { "B", "GM0002", 23 } };
	const opv_swap unknown[] = { { "C", "GM0001", -1 }, { "C", "GM0404", 1 } };
	ck_assert_int_eq(opv_housing_task(&out, NULL, reg, NULL, NULL, good, 2, &o, &err), OPV_OK);
	ck_assert_int_eq(task[0], 22);
	ck_assert_int_eq(swapped[0], -5);
	ck_assert_int_eq(corrected[0], 17);
	ck_assert_int_eq(corrected[1], 83);
	corrected[0] = corrected[1] = -1;
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, unbalanced, 2, &o, &err), err,
	                OPV_EINVAL, "swap agreement 'A1' does not add up to zero (sum -1)");
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, too_far, 2, &o, &err), err,
	                OPV_EINVAL, "swap agreement 'B' takes the task of GM0001 (Eersel) below zero");
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, unknown, 2, &o, &err), err,
	                OPV_ENOTFOUND, "swap agreement 'C': municipality code 'GM0404' is not in the register");
	ck_assert_int_eq(corrected[0], -1);
	opv_register_free(reg);
}
END_TEST

START_TEST(swap_table_from_csv)
{
	opv_swap_table *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	const char *text = "agreement,code,delta\nA1,GM0001,-5\nA1,GM0002,5\n";
	ck_assert_int_eq(opv_swap_table_parse_csv(&t, text, strlen(text), "s.csv", &err), OPV_OK);
	ck_assert_uint_eq(opv_swap_table_count(t), 2);
	ck_assert_str_eq(opv_swap_table_swaps(t)[1].code, "GM0002");
	ck_assert_int_eq(opv_swap_table_swaps(t)[0].delta, -5);
	opv_swap_table_free(t);
	t = (opv_swap_table *)0x1;
	text = "agreement,code,delta\nA1,GM0001,x\n";
	ck_assert_fails(opv_swap_table_parse_csv(&t, text, strlen(text), "s.csv", &err), err, OPV_EPARSE,
	                "s.csv:2: column 'delta': 'x' is not a whole number");
	text = "agreement,code\nA1,GM0001\n";
	ck_assert_fails(opv_swap_table_parse_csv(&t, text, strlen(text), "s.csv", &err), err, OPV_EPARSE,
	                "missing column 'delta'");
	ck_assert_ptr_eq(t, (opv_swap_table *)0x1);
}
END_TEST

START_TEST(reference_date_warning)
{
	opv_register *reg = default_register();
	int64_t task[342];
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
	opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
	opv_housing_options o = options_for(13000, "2026-H1");
	ck_assert_int_eq(opv_housing_task(&out, &sum, reg, NULL, NULL, NULL, 0, &o, NULL), OPV_OK);
	ck_assert_str_eq(sum.warning, "the register's population is of 2024-01-01, but 2026-H1 uses "
	                              "the population of 2025-01-01");
	opv_register_free(reg);
}
END_TEST

START_TEST(task_errors)
{
	opv_register *reg = parse_register(two);
	int64_t task[2] = { -1, -1 };
	const int64_t realised[] = { -1, 0 };
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, NULL, NULL };
	opv_housing_options o = options_for(-1, "2025-H2");
	opv_error err = OPV_ERROR_INIT;
	double expected;
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err), err, OPV_ERANGE,
	                "national number -1 for 2025-H2 is outside 0..2^53");
	/* 2^53 + 1 would reach the bindings' doubles rounded. */
	o = options_for(((int64_t)1 << 53) + 1, "2025-H2");
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err), err, OPV_ERANGE,
	                "national number 9007199254740993 for 2025-H2 is outside 0..2^53");
	o = options_for(100, "2025-H2");
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, realised, NULL, 0, &o, &err), err,
	                OPV_ERANGE, "realised count -1 of GM0001 (Eersel) is negative");
	o.period.half = 3;
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "not a half-year");
	o = options_for(100, "2025-H2");
	o.version = 7;
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "version 7");
	ck_assert_fails(opv_housing_task(&out, NULL, reg, NULL, NULL, NULL, 0, NULL, &err), err, OPV_EINVAL,
	                "NULL");
	ck_assert_int_eq(task[0], -1);
	ck_assert_fails(opv_housing_expected(&expected, 10, 7, &err), err, OPV_EINVAL, "month 7");
	ck_assert_fails(opv_housing_expected(&expected, INT64_MAX, 2, &err), err, OPV_ERANGE, "overflows");
	opv_register_free(reg);
}
END_TEST

/* ---- supervision ---------------------------------------------------------- */

static const char ladder_register[] =
	"code,name,province_code,province,population\n"
	"GM0001,Three,PV28,Zuid-Holland,10\nGM0002,One,PV28,Zuid-Holland,10\n"
	"GM0003,Four,PV28,Zuid-Holland,10\nGM0004,Gap,PV28,Zuid-Holland,10\n"
	"GM0005,None,PV28,Zuid-Holland,10\nGM0006,Even,PV28,Zuid-Holland,10\n";

static const char ladder_history[] =
	"code,period,balance\n"
	/* three misses in a row, listed out of order: final warning */
	"GM0001,2025-H1,2\nGM0001,2024-H1,5\nGM0001,2024-H2,3\n"
	/* a miss, an advance, a miss: only the last run counts, 1: signal */
	"GM0002,2024-H1,5\nGM0002,2024-H2,-1\nGM0002,2025-H1,4\n"
	/* four in a row: intervention */
	"GM0003,2023-H2,1\nGM0003,2024-H1,2\nGM0003,2024-H2,3\nGM0003,2025-H1,4\n"
	/* misses with a half-year missing between them: the run is 1 */
	"GM0004,2023-H1,5\nGM0004,2024-H1,3\n"
	/* balance exactly zero: met */
	"GM0006,2024-H2,7\nGM0006,2025-H1,0\n";

START_TEST(ladder_on_a_hand_made_history)
{
	opv_register *reg = parse_register(ladder_register);
	opv_balance_history *h = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t misses[6];
	opv_supervision_state states[6];
	opv_supervision_options o = OPV_SUPERVISION_OPTIONS_INIT;
	static const int64_t want_misses[] = { 3, 1, 4, 1, 0, 0 };
	static const opv_supervision_state want[] = { OPV_FINAL_WARNING, OPV_SIGNAL, OPV_INTERVENTION,
	                                             OPV_SIGNAL, OPV_ON_TRACK, OPV_ON_TRACK };
	size_t i;
	ck_assert_int_eq(opv_balance_history_parse_csv(&h, ladder_history, strlen(ladder_history), "h.csv",
	                                               &err), OPV_OK);
	ck_assert_uint_eq(opv_balance_history_count(h), 14);
	ck_assert_int_eq(opv_supervision(misses, states, reg, opv_balance_history_records(h),
	                                 opv_balance_history_count(h), NULL, &err), OPV_OK);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(misses[i], want_misses[i]);
		ck_assert_int_eq(states[i], want[i]);
	}
	ck_assert_str_eq(opv_supervision_state_name(states[0]), "final_warning");
	ck_assert_str_eq(opv_supervision_state_name(OPV_PLAN_REQUESTED), "plan_requested");

	/* Thresholds 2, 4, 6, 8: four misses only ask for a plan; one is on track. */
	o.thresholds[0] = 2;
	o.thresholds[1] = 4;
	o.thresholds[2] = 6;
	o.thresholds[3] = 8;
	ck_assert_int_eq(opv_supervision(NULL, states, reg, opv_balance_history_records(h),
	                                 opv_balance_history_count(h), &o, &err), OPV_OK);
	ck_assert_int_eq(states[2], OPV_PLAN_REQUESTED);
	ck_assert_int_eq(states[0], OPV_SIGNAL);
	ck_assert_int_eq(states[1], OPV_ON_TRACK);

	/* A tolerance of 2 forgives GM0001's last balance of 2. */
	o = (opv_supervision_options)OPV_SUPERVISION_OPTIONS_INIT;
	o.tolerance = 2;
	ck_assert_int_eq(opv_supervision(misses, NULL, reg, opv_balance_history_records(h),
	                                 opv_balance_history_count(h), &o, &err), OPV_OK);
	ck_assert_int_eq(misses[0], 0);
	ck_assert_int_eq(misses[2], 2);
	opv_balance_history_free(h);
	opv_register_free(reg);
}
END_TEST

START_TEST(supervision_errors)
{
	opv_register *reg = parse_register(ladder_register);
	opv_balance_history *h = (opv_balance_history *)0x1;
	opv_error err = OPV_ERROR_INIT;
	int64_t misses[6] = { -1 };
	opv_supervision_options o = OPV_SUPERVISION_OPTIONS_INIT;
	const opv_balance_record twice[] = { { "GM0001", { 2025, 1 }, 3, 0 }, { "GM0001", { 2025, 1 }, 4, 0 } };
	const opv_balance_record unknown[] = { { "GM0999", { 2025, 1 }, 3, 0 } };
	const char *from_file = "code,period,balance\nGM0001,2025-H1,1\nGM0002,2025-H1,2\nGM0001,2025-H1,3\n";
	const char *bad_period = "code,period,balance\nGM0001,2025-H3,1\n";
	ck_assert_fails(opv_balance_history_parse_csv(&h, bad_period, strlen(bad_period), "h.csv", &err),
	                err, OPV_EPARSE, "h.csv:2: column 'period': '2025-H3' is not a half-year");
	ck_assert_ptr_eq(h, (opv_balance_history *)0x1);
	ck_assert_fails(opv_supervision(misses, NULL, reg, twice, 2, NULL, &err), err, OPV_EDUPLICATE,
	                "GM0001 has two balances for 2025-H1 (record 0 and record 1)");
	ck_assert_int_eq(opv_balance_history_parse_csv(&h, from_file, strlen(from_file), "h.csv", &err),
	                 OPV_OK);
	ck_assert_fails(opv_supervision(misses, NULL, reg, opv_balance_history_records(h),
	                                opv_balance_history_count(h), NULL, &err), err, OPV_EDUPLICATE,
	                "(line 2 and line 4)");
	ck_assert_int_eq(err.line, 4);
	opv_balance_history_free(h);
	ck_assert_fails(opv_supervision(misses, NULL, reg, unknown, 1, NULL, &err), err, OPV_ENOTFOUND,
	                "'GM0999'");
	o.thresholds[2] = 2;
	ck_assert_fails(opv_supervision(misses, NULL, reg, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "increase strictly: 1, 2, 2, 4");
	o.thresholds[0] = 0;
	ck_assert_fails(opv_supervision(misses, NULL, reg, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "at least 1");
	ck_assert_int_eq(misses[0], -1);
	opv_register_free(reg);
}
END_TEST

START_TEST(aligning_csv_values_to_the_register)
{
	opv_register *reg = parse_register(two);
	opv_keyed_values *kv = NULL;
	int64_t out[2] = { 9, 9 };
	opv_error err = OPV_ERROR_INIT;
	const char *text = "code,balance\nGM0002,-4\n";
	ck_assert_int_eq(opv_keyed_values_parse_csv(&kv, text, strlen(text), "b.csv", "code", "balance",
	                                            OPV_VALUES_INTEGER, &err), OPV_OK);
	ck_assert_int_eq(opv_register_align_int64(out, reg, kv, 0, &err), OPV_OK);
	ck_assert_int_eq(out[0], 0);
	ck_assert_int_eq(out[1], -4);
	opv_keyed_values_free(kv);
	text = "code,balance\nGM0002,1\nGM7777,2\n";
	ck_assert_int_eq(opv_keyed_values_parse_csv(&kv, text, strlen(text), "b.csv", "code", "balance",
	                                            OPV_VALUES_INTEGER, &err), OPV_OK);
	ck_assert_fails(opv_register_align_int64(out, reg, kv, 0, &err), err, OPV_ENOTFOUND,
	                "b.csv:3: municipality code 'GM7777' is not in the register");
	ck_assert_int_eq(out[1], -4);
	opv_keyed_values_free(kv);
	opv_register_free(reg);
}
END_TEST

/* The ministry publishes the sum of the positive balances (12,105 on 1 January 2025). */
START_TEST(national_backlog_advance_and_net)
{
	static const int64_t balance[] = { 6, -3, 0, 120, -40 };
	static const int64_t extreme[] = { INT64_MAX, 1 };
	int64_t backlog = -1, advance = -1, net = -1;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_housing_backlog(&backlog, &advance, &net, balance, 5, &err), OPV_OK);
	ck_assert_int_eq(backlog, 126);  /* 6 + 120 */
	ck_assert_int_eq(advance, 43);   /* 3 + 40 */
	ck_assert_int_eq(net, 83);
	ck_assert_int_eq(opv_housing_backlog(&backlog, NULL, NULL, NULL, 0, &err), OPV_OK);
	ck_assert_int_eq(backlog, 0);
	static const int64_t lowest[] = { 5, INT64_MIN };
	static const int64_t both_largest[] = { INT64_MAX, INT64_MIN + 1 };
	ck_assert_fails(opv_housing_backlog(&backlog, &advance, &net, extreme, 2, &err), err,
	                OPV_ERANGE, "the national backlog of these 2 balances is beyond 64 bits");
	ck_assert_int_eq(backlog, 0);
	/* -INT64_MIN is 2^63: one more than an advance can be. */
	ck_assert_fails(opv_housing_backlog(&backlog, &advance, &net, lowest, 2, &err), err,
	                OPV_ERANGE, "the national advance of these 2 balances is beyond 64 bits");
	ck_assert_int_eq(opv_housing_backlog(&backlog, &advance, &net, both_largest, 2, &err), OPV_OK);
	ck_assert_int_eq(backlog, INT64_MAX);
	ck_assert_int_eq(advance, INT64_MAX);
	ck_assert_int_eq(net, 0);
	ck_assert_fails(opv_housing_backlog(&backlog, NULL, NULL, NULL, 2, &err), err, OPV_EINVAL,
	                "NULL");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("housing");
	TCase *tc = tcase_create("task");
	TCase *sv = tcase_create("supervision");
	tcase_add_test(tc, periods_parse_and_print_strictly);
	tcase_add_test(tc, amsterdam_2025_h2);
	tcase_add_test(tc, matches_the_derived_2025_table);
	tcase_add_test(tc, exact_division_stays_exact);
	tcase_add_test(tc, overflow_is_an_error_not_a_wrong_number);
	tcase_add_test(tc, largest_exact_task);
	tcase_add_test(tc, carry_over_backlog_and_advance);
	tcase_add_test(tc, a_year_in_two_half_years);
	tcase_add_test(tc, swaps_that_do_and_do_not_add_up);
	tcase_add_test(tc, swap_table_from_csv);
	tcase_add_test(tc, reference_date_warning);
	tcase_add_test(tc, task_errors);
	tcase_add_test(tc, aligning_csv_values_to_the_register);
	tcase_add_test(sv, ladder_on_a_hand_made_history);
	tcase_add_test(sv, supervision_errors);
	tcase_add_test(sv, national_backlog_advance_and_net);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, sv);
	return run_suite(s);
}
