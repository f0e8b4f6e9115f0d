/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The Spreidingswet distribution key.  Expected values are worked out by hand
 * in the comments, taken from published figures (the AMV pairs of the
 * indicative distribution of 31 January 2024), or computed from the formula
 * in exact arithmetic by tests/oracle/apportion_oracle.py (through a fixture
 * file written at build time).
 */
#include <math.h>
#include <stdio.h>

#include "testutil.h"
#include "oracle/fixtures.h"

static opv_register *parse_register(const char *text)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_register_parse_csv(&reg, text, strlen(text), "r.csv", &err) == OPV_OK,
	              "%s", err.message);
	return reg;
}

static opv_register *default_register(void)
{
	opv_register *reg = NULL;
	ck_assert_int_eq(opv_register_default(&reg, NULL), OPV_OK);
	return reg;
}

/* Five municipalities of 10,000 inhabitants in all, in two provinces. */
static const char five[] =
	"code,name,province_code,province,population,ses\n"
	"GM0001,A,PV20,North,5200,0.1\n"
	"GM0002,B,PV20,North,2900,-0.2\n"
	"GM0003,C,PV21,South,1500,0.3\n"
	"GM0004,D,PV21,South,300,0\n"
	"GM0005,E,PV21,South,100,0.05\n";

START_TEST(hamilton_by_hand_with_explanation)
{
	/* C = 25 over populations 5200, 2900, 1500, 300, 100 (sum 10,000):
	 * quotas 13.0, 7.25, 3.75, 0.75, 0.25; floors 13+7+3+0+0 = 23; the two
	 * places left go to the remainders .75 (C) and .75 (D). */
	opv_register *reg = parse_register(five);
	int64_t places[5], floor_[5], rank[5], amv[5], regular[5];
	double quota[5], remainder[5], weight[5];
	opv_distribution_columns out = { OPV_DISTRIBUTION_COLUMNS_VERSION, weight, quota, places, amv, regular, floor_, remainder, rank, NULL };
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_error err = OPV_ERROR_INIT;
	static const int64_t want_places[] = { 13, 7, 4, 1, 0 };
	static const int64_t want_floor[] = { 13, 7, 3, 0, 0 };
	static const double want_quota[] = { 13.0, 7.25, 3.75, 0.75, 0.25 };
	/* remainders .75 (C), .75 (D), .25 (B), .25 (E), 0 (A); equals by register order */
	static const int64_t want_rank[] = { 5, 3, 1, 2, 4 };
	size_t i;
	o_total = 25;
	o.ses_transform = OPV_SES_NONE;  /* by population, though the register has scores */
	ck_assert_int_eq(opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, &err), OPV_OK);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(places[i], want_places[i]);
		ck_assert_int_eq(floor_[i], want_floor[i]);
		ck_assert_double_eq_tol(quota[i], want_quota[i], 1e-12);
		ck_assert_double_eq_tol(remainder[i], want_quota[i] - (double)want_floor[i], 1e-12);
		ck_assert_int_eq(rank[i], want_rank[i]);
		ck_assert_double_eq(weight[i], (double)opv_register_at(reg, i)->population);
		ck_assert_int_eq(amv[i], 0);
		ck_assert_int_eq(regular[i], places[i]);
	}
	ck_assert_int_eq(sum.places, 25);
	ck_assert_int_eq(sum.by_remainder, 2);
	ck_assert_double_eq(sum.weight_sum, 10000.0);
	/* Without the explanation columns: the same places and the same count. */
	{
		int64_t only[5];
		opv_distribution_columns lean = OPV_DISTRIBUTION_COLUMNS_INIT;
		opv_distribution_summary lean_sum = OPV_DISTRIBUTION_SUMMARY_INIT;
		lean.places = only;
		ck_assert_int_eq(opv_distribute(&lean, &lean_sum, reg, o_total, o_amv, NULL, &o, &err), OPV_OK);
		ck_assert_int_eq(memcmp(only, places, sizeof only), 0);
		ck_assert_int_eq(lean_sum.by_remainder, 2);
	}
	opv_register_free(reg);
}
END_TEST

START_TEST(ses_counts_whenever_there_are_scores)
{
	/* OPV_SES_AUTO.  The register's scores 0.1, -0.2, 0.3, 0, 0.05 give the
	 * weights 5720, 2320, 1950, 300, 105 (sum 10,395); C = 25 gives quotas
	 * 13.757, 5.580, 4.690, 0.722, 0.253: floors 22, and the three places
	 * left go to A (.757), D (.722) and C (.690). */
	opv_register *reg = parse_register(five);
	static const int64_t by_ses[] = { 14, 5, 5, 1, 0 };
	static const int64_t by_population[] = { 13, 7, 4, 1, 0 };
	const double no_scores[5] = { NAN, NAN, NAN, NAN, NAN };
	const double one_missing[5] = { 0.1, NAN, 0.3, 0, 0.05 };
	int64_t places[5];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	size_t i;
	out.places = places;
	ck_assert_int_eq(o.ses_transform, OPV_SES_AUTO);
	ck_assert_int_eq(opv_distribute(&out, &sum, reg, 25, 0, NULL, NULL, &err), OPV_OK);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(places[i], by_ses[i]);
	ck_assert_int_eq(sum.ses_transform, OPV_SES_LINEAR);
	ck_assert_double_eq(sum.weight_sum, 10395.0);
	/* Scores given count: a `ses` array without any score is refused. */
	ck_assert_fails(opv_distribute(&out, &sum, reg, 25, 0, no_scores, &o, &err), err,
	                OPV_EINVAL, "GM0001 (A) has no SES score");
	/* Some scores but not all: refused, never silently by population. */
	ck_assert_fails(opv_distribute(&out, &sum, reg, 25, 0, one_missing, &o, &err), err,
	                OPV_EINVAL, "GM0002 (B) has no SES score");
	/* Asked for by name, population alone it is. */
	o.ses_transform = OPV_SES_NONE;
	ck_assert_int_eq(opv_distribute(&out, &sum, reg, 25, 0, NULL, &o, &err), OPV_OK);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(places[i], by_population[i]);
	ck_assert_int_eq(sum.ses_transform, OPV_SES_NONE);
	opv_register_free(reg);
}
END_TEST

START_TEST(versioned_structs_of_the_key)
{
	/* A summary of a version this library does not know is refused before
	 * anything is written; _init() sets the defaults of a known version. */
	opv_register *reg = parse_register(five);
	int64_t places[5] = { -7, -7, -7, -7, -7 };
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_summary sum;
	opv_distribution_options o;
	opv_error err = OPV_ERROR_INIT;
	out.places = places;
	POISON_VERSIONED(sum, OPV_DISTRIBUTION_SUMMARY_VERSION + 1);
	ck_assert_fails(opv_distribute(&out, &sum, reg, 25, 0, NULL, NULL, &err), err, OPV_EINVAL,
	                "distribution summary version 2");
	ck_assert_int_eq(places[0], -7);
	ck_assert(untouched_versioned(sum));
	out.version = 0;
	ck_assert_fails(opv_distribute(&out, NULL, reg, 25, 0, NULL, NULL, &err), err, OPV_EINVAL,
	                "distribution columns version 0");
	POISON(o);
	ck_assert_int_eq(opv_distribution_options_init(&o, 2), OPV_EINVAL);
	ck_assert_int_eq(opv_distribution_options_init(NULL, 1), OPV_EINVAL);
	ck_assert_int_eq(opv_distribution_options_init(&o, 1), OPV_OK);
	ck_assert_uint_eq(o.version, 1);
	ck_assert_int_eq(o.ses_transform, OPV_SES_AUTO);
	ck_assert_int_eq(o.method, OPV_HAMILTON);
	ck_assert_int_eq(o.amv_mode, OPV_AMV_ROUND);
	POISON(out);
	ck_assert_int_eq(opv_distribution_columns_init(&out, 1), OPV_OK);
	ck_assert_uint_eq(out.version, 1);
	ck_assert_ptr_null(out.places);
	ck_assert_ptr_null(out.priority);
	POISON(sum);
	ck_assert_int_eq(opv_distribution_summary_init(&sum, 1), OPV_OK);
	ck_assert_uint_eq(sum.version, 1);
	ck_assert_int_eq(sum.places, 0);
	opv_register_free(reg);
}
END_TEST

START_TEST(dhondt_by_hand_with_priorities)
{
	/* D'Hondt, C = 25: with divisor 5200/14 = 371.43 the seats are
	 * floor(14, 7.81, 4.04, 0.81, 0.27) = 14, 7, 4, 0, 0.  The last places were
	 * won at 5200/14 = 371.43, 2900/7 = 414.29 and 1500/4 = 375; the best
	 * priority left, 2900/8 = 362.5, is below all three. */
	opv_register *reg = parse_register(five);
	int64_t places[5], rank[5];
	double priority[5];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	static const int64_t want[] = { 14, 7, 4, 0, 0 };
	static const int64_t want_rank[] = { 3, 1, 2, 0, 0 };
	size_t i;
	out.places = places;
	out.rank = rank;
	out.priority = priority;
	o_total = 25;
	o.method = OPV_JEFFERSON;
	o.ses_transform = OPV_SES_NONE;
	ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(places[i], want[i]);
		ck_assert_int_eq(rank[i], want_rank[i]);
	}
	ck_assert_double_eq_tol(priority[0], 5200.0 / 14, 1e-9);
	ck_assert_double_eq_tol(priority[1], 2900.0 / 7, 1e-9);
	ck_assert_double_eq_tol(priority[2], 1500.0 / 4, 1e-9);
	ck_assert(isnan(priority[3]) && isnan(priority[4]));
	opv_register_free(reg);
}
END_TEST

START_TEST(linear_ses_by_hand)
{
	/* weights P(1 + S): 5720, 2320, 1950, 300, 105 (sum 10,395); C = 100:
	 * quotas 55.026, 22.318, 18.759, 2.886, 1.010; floors 55+22+18+2+1 = 98;
	 * the two largest remainders .886 (D) and .759 (C). */
	opv_register *reg = parse_register(five);
	int64_t places[5];
	double weight[5];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	static const int64_t want[] = { 55, 22, 19, 3, 1 };
	static const double want_weight[] = { 5720, 2320, 1950, 300, 105 };
	size_t i;
	out.places = places;
	out.weight = weight;
	o_total = 100;
	o.ses_transform = OPV_SES_LINEAR;
	ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(places[i], want[i]);
		ck_assert_double_eq_tol(weight[i], want_weight[i], 1e-9);
	}
	opv_register_free(reg);
}
END_TEST

START_TEST(published_amv_pairs)
{
	/* Indicative distribution of 31 January 2024 (A/C = 8,140/96,000):
	 * Bloemendaal 169 -> 14, Zaanstad 818 -> 69, Wormerland 98 -> 8,
	 * Oostzaan 62 -> 5.  Populations equal to those place counts (summing to
	 * C with the rest) make every quota a whole number.  The rest,
	 * 94,853 places, gets round(8042.74) = 8043 AMV; the sum 8,139 is one
	 * below A: the residual that rounding leaves. */
	opv_register *reg = parse_register(
		"code,name,province_code,province,population\n"
		"GM0377,Bloemendaal,PV27,Noord-Holland,169\n"
		"GM0479,Zaanstad,PV27,Noord-Holland,818\n"
		"GM0880,Wormerland,PV27,Noord-Holland,98\n"
		"GM0431,Oostzaan,PV27,Noord-Holland,62\n"
		"GM9999,Rest,PV28,Elders,94853\n");
	int64_t places[5], amv[5], regular[5];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	static const int64_t want_places[] = { 169, 818, 98, 62, 94853 };
	static const int64_t want_amv[] = { 14, 69, 8, 5, 8043 };
	size_t i;
	out.places = places;
	out.amv = amv;
	out.regular = regular;
	o_total = 96000;
	o_amv = 8140;
	ck_assert_int_eq(opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(places[i], want_places[i]);
		ck_assert_int_eq(amv[i], want_amv[i]);
		ck_assert_int_eq(regular[i], want_places[i] - want_amv[i]);
	}
	ck_assert_int_eq(regular[0], 155); /* published: Bloemendaal 155 regular */
	ck_assert_int_eq(sum.amv, 8139);
	ck_assert_int_eq(sum.amv_residual, -1);
	ck_assert_int_eq(sum.regular, 96000 - 8139);

	/* Apportioned instead, the AMV places add up to A exactly: the one place
	 * goes to the largest remainder, the rest's .744 (against .330, .360,
	 * .310 and .257). */
	o.amv_mode = OPV_AMV_APPORTION;
	ck_assert_int_eq(opv_distribute(&out, &sum, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	ck_assert_int_eq(sum.amv, 8140);
	ck_assert_int_eq(sum.amv_residual, 0);
	ck_assert_int_eq(amv[4], 8043);
	ck_assert_int_eq(amv[0], 14);
	opv_register_free(reg);
}
END_TEST

START_TEST(amv_rounds_half_up)
{
	/* N = 3, A/C = 1/6: 0.5 rounds up to 1; N = 1: 1/6 rounds to 0. */
	opv_register *reg = parse_register("code,name,province_code,province,population\n"
	                                   "GM0001,A,PV20,P,3\nGM0002,B,PV20,P,1\nGM0003,C,PV20,P,2\n");
	int64_t places[3], amv[3];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	out.places = places;
	out.amv = amv;
	o_total = 6;
	o_amv = 1;
	ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	ck_assert_int_eq(places[0], 3);
	ck_assert_int_eq(amv[0], 1);
	ck_assert_int_eq(amv[1], 0);
	ck_assert_int_eq(amv[2], 0); /* 2/6 = 0.33 */
	opv_register_free(reg);
}
END_TEST

START_TEST(embedded_register_sums_for_many_totals)
{
	/* The oracle's Hamilton over the populations of the CBS table that the
	 * library embeds as its default register (tests/oracle/gen_fixtures.py). */
	opv_register *reg = default_register();
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("distribution_register.txt");
	size_t n = opv_register_count(reg), i, t;
	int64_t *places = malloc(n * sizeof *places);
	int64_t by_province[12], sum;
	ck_assert_int_eq(oracle_next(f, &c), 1);
	ck_assert_uint_eq(c.n, n);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(opv_register_at(reg, i)->population, c.weights[i]);
	for (t = 0; t < c.count; t++) {
		opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
		opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
		int64_t o_total = 0, o_amv = 0;
		out.places = places;
		o_total = c.totals[t];
		ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
		oracle_expect(&c, t, places, "opv_distribute");
		for (sum = 0, i = 0; i < n; i++)
			sum += places[i];
		ck_assert_int_eq(sum, c.totals[t]);
		ck_assert_int_eq(opv_register_sum_by_province(by_province, reg, places, NULL), OPV_OK);
		for (sum = 0, i = 0; i < 12; i++)
			sum += by_province[i];
		ck_assert_int_eq(sum, c.totals[t]);
	}
	ck_assert_int_eq(oracle_next(f, &c), 0);
	oracle_close(f, &c);
	free(places);
	opv_register_free(reg);
}
END_TEST

START_TEST(embedded_register_known_municipalities)
{
	/* C = 96,000, no SES: Schiermonnikoog's quota is 972 * 96000 / 17942942
	 * = 5.20 and it gets 5, as published; Amsterdam's is 4982.72 (the
	 * published 4,479 includes the SES correction). */
	opv_register *reg = default_register();
	size_t n = opv_register_count(reg), ams, schier;
	int64_t *places = malloc(n * sizeof *places);
	double *quota = malloc(n * sizeof *quota);
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	out.places = places;
	out.quota = quota;
	o_total = 96000;
	o_amv = 8140;
	ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	ck_assert_int_eq(opv_register_find(&schier, reg, "GM0088", NULL), OPV_OK);
	ck_assert_double_eq_tol(quota[schier], 5.200485, 1e-6);
	ck_assert_int_eq(places[schier], 5);
	ck_assert_double_eq_tol(quota[ams], 4982.717327, 1e-6);
	ck_assert(places[ams] == 4982 || places[ams] == 4983);
	free(places);
	free(quota);
	opv_register_free(reg);
}
END_TEST

START_TEST(richer_never_gets_fewer_places_per_inhabitant)
{
	/* Ten municipalities of the same size with rising SES. */
	char text[2048];
	size_t len, i;
	int64_t places[10];
	opv_register *reg;
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	len = (size_t)snprintf(text, sizeof text, "code,name,province_code,province,population,ses\n");
	for (i = 0; i < 10; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "GM%04zu,M%zu,PV20,P,25000,%.2f\n",
		                        i + 1, i, -0.45 + 0.1 * (double)i);
	reg = parse_register(text);
	out.places = places;
	o.ses_transform = OPV_SES_LINEAR;
	for (o_total = 1; o_total < 400; o_total += 7) {
		ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
		for (i = 1; i < 10; i++)
			ck_assert_int_ge(places[i], places[i - 1]);
	}
	opv_register_free(reg);
}
END_TEST

START_TEST(ses_from_a_separate_table)
{
	/* The default register has no scores: merge two and leave the rest out. */
	opv_register *reg = default_register(), *merged = NULL;
	opv_keyed_values *ses = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t places[342];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	const char *table = "code,ses\nGM0363,-0.1\nGM0088,0.2\n";
	size_t i;
	ck_assert_int_eq(opv_keyed_values_parse_csv(&ses, table, strlen(table), "ses.csv", "code", "ses",
	                                            0, &err), OPV_OK);
	ck_assert_int_eq(opv_register_with_ses(&merged, reg, ses, &err), OPV_OK);
	ck_assert_int_eq(opv_register_find(&i, merged, "GM0088", NULL), OPV_OK);
	ck_assert_int_eq(opv_register_at(merged, i)->has_ses, 1);
	ck_assert_double_eq(opv_register_at(merged, i)->ses, 0.2);
	ck_assert_int_eq(opv_register_has_ses(merged), 0);
	ck_assert_str_eq(opv_register_reference_date(merged), "2024-01-01");
	out.places = places;
	o_total = 96000;
	o.ses_transform = OPV_SES_LINEAR;
	/* GM0014 Groningen comes first in the register and has no score. */
	ck_assert_fails(opv_distribute(&out, NULL, merged, o_total, o_amv, NULL, &o, &err), err, OPV_EINVAL,
	                "GM0014 (Groningen) has no SES score");
	opv_register_free(merged);
	opv_keyed_values_free(ses);

	table = "code,ses\nGM0363,0.1\nGM9998,0.2\n";
	ck_assert_int_eq(opv_keyed_values_parse_csv(&ses, table, strlen(table), "ses.csv", "code", "ses",
	                                            0, &err), OPV_OK);
	merged = (opv_register *)0x1;
	ck_assert_fails(opv_register_with_ses(&merged, reg, ses, &err), err, OPV_ENOTFOUND,
	                "ses.csv:3: municipality code 'GM9998' is not in the register");
	ck_assert_ptr_eq(merged, (opv_register *)0x1);
	opv_keyed_values_free(ses);
	opv_register_free(reg);
}
END_TEST

START_TEST(ses_given_as_an_array)
{
	/* Scores passed directly override the register's: 1 + S = 2 and 0.5
	 * make weights 2000 and 500 of 2500; C = 10 -> 8 and 2. */
	opv_register *reg = parse_register("code,name,province_code,province,population\n"
	                                   "GM0001,A,PV20,P,1000\nGM0002,B,PV20,P,1000\n");
	double ses[] = { 1.0, -0.5 };
	int64_t places[2] = { -1, -1 };
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_error err = OPV_ERROR_INIT;
	out.places = places;
	o_total = 10;
	o.ses_transform = OPV_SES_LINEAR;
	ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, ses, &o, &err), OPV_OK);
	ck_assert_int_eq(places[0], 8);
	ck_assert_int_eq(places[1], 2);
	places[0] = places[1] = -1;
	ses[1] = -1.0;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, ses, &o, &err), err, OPV_EINVAL,
	                "GM0002 (B) gives a weight factor 1 + ses = 0");
	ses[1] = INFINITY;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, ses, &o, &err), err, OPV_ERANGE,
	                "SES score of GM0002 (B) is not finite");
	ses[1] = NAN;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, ses, &o, &err), err, OPV_EINVAL,
	                "GM0002 (B) has no SES score");
	ck_assert_int_eq(places[0], -1);
	ck_assert_int_eq(places[1], -1);
	opv_register_free(reg);
}
END_TEST

START_TEST(many_totals_at_once_equal_one_by_one)
{
	/* A sweep gives what separate calls give, for every method and AMV mode. */
	static const int64_t totals[] = { 0, 342, 343, 88000, 96000, 123457 };
	opv_register *reg = default_register();
	int64_t *many = malloc(6 * 342 * sizeof *many), *many_amv = malloc(6 * 342 * sizeof *many_amv);
	int64_t one[342], one_amv[342];
	int m, t, i;
	for (m = 0; m < 5; m++) {
		opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
		int64_t o_total = 0, o_amv = 0;
		opv_error err = OPV_ERROR_INIT;
		o.method = (opv_method)m;
		o.amv_mode = m % 2 ? OPV_AMV_APPORTION : OPV_AMV_ROUND;
		ck_assert_msg(opv_distribute_many(many, many_amv, reg, totals, 6, o_amv, NULL, &o, &err) == OPV_OK,
		              "%s", err.message);
		for (t = 0; t < 6; t++) {
			opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
			out.places = one;
			out.amv = one_amv;
			o_total = totals[t];
			ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
			for (i = 0; i < 342; i++) {
				ck_assert_int_eq(many[t * 342 + i], one[i]);
				ck_assert_int_eq(many_amv[t * 342 + i], one_amv[i]);
			}
		}
	}
	{
		const int64_t bad[] = { 100, -1 };
		opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
		int64_t o_amv = 0;
		opv_error err = OPV_ERROR_INIT;
		many[0] = -7;
		ck_assert_fails(opv_distribute_many(many, NULL, reg, bad, 2, o_amv, NULL, &o, &err), err, OPV_ERANGE,
		                "totals[1]: total -1");
		ck_assert_int_eq(many[0], -7);
	}
	free(many);
	free(many_amv);
	opv_register_free(reg);
}
END_TEST

START_TEST(invalid_options)
{
	opv_register *reg = default_register();
	int64_t places[342];
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_error err = OPV_ERROR_INIT;
	out.places = places;
	o_total = 100;
	o_amv = 101;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_ERANGE,
	                "AMV places 101 exceed the total 100");
	o_amv = -1;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_ERANGE, "negative");
	o_amv = 0;
	o_total = -5;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_ERANGE, "total -5");
	o_total = OPV_APPORTION_MAX_TOTAL + 1;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_ERANGE, "2^53");
	o_total = 10;
	o.ses_transform = OPV_SES_LINEAR;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_EINVAL, "no SES score");
	o.ses_transform = (opv_ses_transform)7;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_EINVAL, "transform 7");
	o.ses_transform = OPV_SES_NONE;
	o.amv_mode = (opv_amv_mode)3;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_EINVAL, "AMV mode 3");
	o.amv_mode = OPV_AMV_ROUND;
	o.version = 0;
	ck_assert_fails(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, &err), err, OPV_EINVAL, "version 0");
	ck_assert_fails(opv_distribute(&out, NULL, NULL, 0, 0, NULL, NULL, &err), err, OPV_EINVAL, "NULL");
	opv_register_free(reg);
}
END_TEST

START_TEST(names_of_transforms_and_modes)
{
	opv_ses_transform t;
	opv_amv_mode m;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_ses_transform_from_name(&t, "Linear", &err), OPV_OK);
	ck_assert_int_eq(t, OPV_SES_LINEAR);
	ck_assert_str_eq(opv_ses_transform_name(OPV_SES_NONE), "none");
	ck_assert_fails(opv_ses_transform_from_name(&t, "log", &err), err, OPV_ENOTFOUND, "'log'");
	ck_assert_int_eq(opv_amv_mode_from_name(&m, "apportion", &err), OPV_OK);
	ck_assert_int_eq(m, OPV_AMV_APPORTION);
	ck_assert_str_eq(opv_amv_mode_name(OPV_AMV_ROUND), "round");
	ck_assert_fails(opv_amv_mode_from_name(&m, "floor", &err), err, OPV_ENOTFOUND, "'floor'");
}
END_TEST

/* ---- comparing with a published table ------------------------------------ */

START_TEST(compare_with_a_small_published_table)
{
	/* Computed (no SES, C = 96,000): Schiermonnikoog 5 and Amsterdam 4982 or
	 * 4983; published: 5 and 4,479, Bloemendaal 169 with 14 AMV. */
	opv_register *reg = default_register();
	size_t n = opv_register_count(reg), ams, bloem;
	int64_t *places = malloc(n * sizeof *places), *amv = malloc(n * sizeof *amv);
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_comparison *cmp = NULL;
	opv_error err = OPV_ERROR_INIT;
	const char *published = "code,places,amv\nGM0088,5,\nGM0363,4479,\nGM0377,169,14\n";
	const char *by_name = "name,places\nSchiermonnikoog,5\nAmsterdam,4479\n";
	const opv_comparison_row *row;
	out.places = places;
	out.amv = amv;
	o_total = 96000;
	o_amv = 8140;
	ck_assert_int_eq(opv_distribute(&out, NULL, reg, o_total, o_amv, NULL, &o, NULL), OPV_OK);
	ck_assert_int_eq(opv_register_find(&ams, reg, "GM0363", NULL), OPV_OK);
	ck_assert_int_eq(opv_register_find(&bloem, reg, "GM0377", NULL), OPV_OK);

	ck_assert_int_eq(opv_compare_parse_csv(&cmp, reg, places, amv, published, strlen(published),
	                                       "pub.csv", &err), OPV_OK);
	ck_assert_uint_eq(opv_comparison_count(cmp), 3);
	row = opv_comparison_at(cmp, 0);
	ck_assert_int_eq(row->computed, 5);
	ck_assert_int_eq(row->published, 5);
	ck_assert_int_eq(row->difference, 0);
	ck_assert_int_eq(row->has_amv, 0);
	row = opv_comparison_at(cmp, 1);
	ck_assert_uint_eq(row->municipality, ams);
	ck_assert_int_eq(row->published, 4479);
	ck_assert_int_eq(row->difference, places[ams] - 4479);
	ck_assert_int_eq(row->line, 3);
	row = opv_comparison_at(cmp, 2);
	ck_assert_int_eq(row->has_amv, 1);
	ck_assert_int_eq(row->published_amv, 14);
	ck_assert_int_eq(row->amv_difference, amv[bloem] - 14);
	ck_assert_ptr_eq(opv_comparison_largest(cmp), opv_comparison_at(cmp, 1));
	ck_assert_uint_eq(opv_comparison_exact(cmp), 1 + (places[bloem] == 169));
	opv_comparison_free(cmp);

	ck_assert_int_eq(opv_compare_parse_csv(&cmp, reg, places, NULL, by_name, strlen(by_name),
	                                       "names.csv", &err), OPV_OK);
	ck_assert_uint_eq(opv_comparison_at(cmp, 1)->municipality, ams);
	opv_comparison_free(cmp);
	free(places);
	free(amv);
	opv_register_free(reg);
}
END_TEST

START_TEST(compare_errors)
{
	opv_register *reg = default_register();
	int64_t places[342] = { 0 };
	opv_comparison *cmp = (opv_comparison *)0x1;
	opv_error err = OPV_ERROR_INIT;
#define CMP(text) opv_compare_parse_csv(&cmp, reg, places, NULL, text, strlen(text), "p.csv", &err)
	ck_assert_fails(CMP("code,places\nGM9990,3\n"), err, OPV_ENOTFOUND,
	                "p.csv:2: municipality code 'GM9990' is not in the register");
	ck_assert_fails(CMP("name,places\nNowhere,3\n"), err, OPV_ENOTFOUND, "'Nowhere' is not in the register");
	ck_assert_fails(CMP("code,places\nGM0088,3\nGM0088,4\n"), err, OPV_EDUPLICATE,
	                "p.csv:3: GM0088 (Schiermonnikoog) is listed twice");
	ck_assert_fails(CMP("code,places\nGM0088,-3\n"), err, OPV_ERANGE, "cannot be negative");
	ck_assert_fails(CMP("code,places\nGM0088,x\n"), err, OPV_EPARSE, "'x' is not a whole number");
	ck_assert_fails(CMP("code,total\nGM0088,3\n"), err, OPV_EPARSE, "missing column 'places'");
	ck_assert_fails(CMP("id,places\nGM0088,3\n"), err, OPV_EPARSE, "missing column 'code' (or 'name')");
	ck_assert_fails(CMP("code,places\n"), err, OPV_EPARSE, "no data rows");
	/* A row whose code and name disagree: which municipality is meant? */
	ck_assert_fails(CMP("code,name,places\nGM0088,Schiermonnikoog,3\nGM0363,Rotterdam,4\n"), err,
	                OPV_EINVAL, "p.csv:3: column 'name': GM0363 is Amsterdam, not 'Rotterdam'");
	/* Two columns of one meaning: which one counts? */
	ck_assert_fails(CMP("code,gemeentecode,places\nGM0088,GM0363,3\n"), err, OPV_EDUPLICATE,
	                "p.csv:1: columns 'code' and 'gemeentecode' say the same; keep one");
#undef CMP
	ck_assert_ptr_eq(cmp, (opv_comparison *)0x1);
	ck_assert_fails(opv_compare_load_csv(&cmp, reg, places, NULL, "/nonexistent.csv", &err), err,
	                OPV_EIO, "/nonexistent.csv");
	opv_register_free(reg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("distribution");
	TCase *tc = tcase_create("distribution");
	TCase *cmp = tcase_create("compare");
	tcase_add_test(tc, hamilton_by_hand_with_explanation);
	tcase_add_test(tc, ses_counts_whenever_there_are_scores);
	tcase_add_test(tc, versioned_structs_of_the_key);
	tcase_add_test(tc, dhondt_by_hand_with_priorities);
	tcase_add_test(tc, linear_ses_by_hand);
	tcase_add_test(tc, published_amv_pairs);
	tcase_add_test(tc, amv_rounds_half_up);
	tcase_add_test(tc, embedded_register_sums_for_many_totals);
	tcase_add_test(tc, embedded_register_known_municipalities);
	tcase_add_test(tc, richer_never_gets_fewer_places_per_inhabitant);
	tcase_add_test(tc, ses_from_a_separate_table);
	tcase_add_test(tc, ses_given_as_an_array);
	tcase_add_test(tc, many_totals_at_once_equal_one_by_one);
	tcase_add_test(tc, invalid_options);
	tcase_add_test(tc, names_of_transforms_and_modes);
	tcase_add_test(cmp, compare_with_a_small_published_table);
	tcase_add_test(cmp, compare_errors);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, cmp);
	return run_suite(s);
}
