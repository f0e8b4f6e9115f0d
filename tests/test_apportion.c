/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Apportionment.  Expected values come from published results, from hand
 * computations written out in the comments, or from the exact textbook
 * procedures of tests/oracle/apportion_oracle.py (through fixture files
 * written at build time), which share no code with the library.
 */
#include <math.h>
#include <stdio.h>

#define OPV_EXPERIMENTAL_API  /* threads: opv_apportion_tuned */
#include "opvang/experimental.h"
#include "testutil.h"
#include "oracle/fixtures.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static opv_apportion_options with_method(opv_method m)
{
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	o.method = m;
	return o;
}

static void expect_seats(const double *w, size_t n, int64_t total, opv_method m,
                         const int64_t *want)
{
	int64_t seats[16];
	opv_error err = OPV_ERROR_INIT;
	opv_apportion_options o = with_method(m);
	size_t i;
	ck_assert_int_eq(opv_apportion(seats, w, n, total, &o, &err), OPV_OK);
	for (i = 0; i < n; i++)
		ck_assert_msg(seats[i] == want[i], "%s unit %zu: got %lld, want %lld",
		              opv_method_name(m), i, (long long)seats[i], (long long)want[i]);
}

/* European Parliament 2019, Austria: 18 seats by D'Hondt (published result). */
static const double austria[] = { 1305956, 903151, 650114, 532193, 319024 };

START_TEST(austria_2019_dhondt_is_7_5_3_2_1)
{
	static const int64_t want[] = { 7, 5, 3, 2, 1 };
	expect_seats(austria, 5, 18, OPV_JEFFERSON, want);
}
END_TEST

START_TEST(austria_2019_hamilton_by_hand)
{
	/* Votes total 3,710,438.  Quotas 18*v/total: 6.335, 4.381, 3.154, 2.582,
	 * 1.548; floors 6+4+3+2+1 = 16; the two largest remainders are the
	 * Greens' .582 and NEOS' .548. */
	static const int64_t want[] = { 6, 4, 3, 3, 2 };
	expect_seats(austria, 5, 18, OPV_HAMILTON, want);
}
END_TEST

START_TEST(hamilton_and_webster_differ_by_hand)
{
	/* w = 53, 24, 15, 8 (sum 100), 7 seats.
	 * Hamilton: quotas 3.71, 1.68, 1.05, 0.56; floors 3,1,1,0 = 5; the two
	 * largest remainders .71 and .68 -> 4,2,1,0.
	 * Webster: with d = 15.2 the quotients 3.49, 1.58, 0.99, 0.53 round to
	 * 3,2,1,1 = 7. */
	static const double w[] = { 53, 24, 15, 8 };
	static const int64_t hamilton[] = { 4, 2, 1, 0 };
	static const int64_t webster[] = { 3, 2, 1, 1 };
	expect_seats(w, 4, 7, OPV_HAMILTON, hamilton);
	expect_seats(w, 4, 7, OPV_WEBSTER, webster);
}
END_TEST

START_TEST(jefferson_adams_hill_differ_by_hand)
{
	/* w = 80, 14, 6, 9 seats.
	 * Jefferson, d = 10: floor(8, 1.4, 0.6) = 8,1,0.
	 * Adams, d = 13.4: ceil(5.97, 1.04, 0.45) = 6,2,1.
	 * Huntington-Hill, d = 11.5: 6.96 is above sqrt(6*7) = 6.48 -> 7; 1.22 is
	 * below sqrt(1*2) = 1.41 -> 1; 0.52 is above sqrt(0) -> 1.
	 * Webster, d = 11: 7.27, 1.27, 0.55 round to 7,1,1. */
	static const double w[] = { 80, 14, 6 };
	static const int64_t jefferson[] = { 8, 1, 0 };
	static const int64_t adams[] = { 6, 2, 1 };
	static const int64_t hill[] = { 7, 1, 1 };
	static const int64_t webster[] = { 7, 1, 1 };
	expect_seats(w, 3, 9, OPV_JEFFERSON, jefferson);
	expect_seats(w, 3, 9, OPV_ADAMS, adams);
	expect_seats(w, 3, 9, OPV_HUNTINGTON_HILL, hill);
	expect_seats(w, 3, 9, OPV_WEBSTER, webster);
}
END_TEST

START_TEST(zero_total_and_zero_weights)
{
	static const double w[] = { 0, 3, 0, 1 };
	static const int64_t none[] = { 0, 0, 0, 0 };
	static const int64_t four[] = { 0, 3, 0, 1 };
	opv_method m;
	for (m = OPV_HAMILTON; m <= OPV_HUNTINGTON_HILL; m++) {
		expect_seats(w, 4, 0, m, none);
		expect_seats(w, 4, 4, m, four);
	}
	/* No units and nothing to give is fine. */
	ck_assert_int_eq(opv_apportion(NULL, NULL, 0, 0, NULL, NULL), OPV_OK);
}
END_TEST

START_TEST(method_names_and_aliases)
{
	static const struct { const char *name; opv_method m; } cases[] = {
		{ "hamilton", OPV_HAMILTON }, { "largest-remainder", OPV_HAMILTON },
		{ "Hare", OPV_HAMILTON }, { "jefferson", OPV_JEFFERSON },
		{ "dhondt", OPV_JEFFERSON }, { "D'Hondt", OPV_JEFFERSON },
		{ "webster", OPV_WEBSTER }, { "sainte-lague", OPV_WEBSTER },
		{ "adams", OPV_ADAMS }, { "huntington-hill", OPV_HUNTINGTON_HILL },
		{ "HILL", OPV_HUNTINGTON_HILL },
	};
	opv_error err = OPV_ERROR_INIT;
	opv_method m;
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		ck_assert_int_eq(opv_method_from_name(&m, cases[i].name, &err), OPV_OK);
		ck_assert_int_eq(m, cases[i].m);
	}
	ck_assert_str_eq(opv_method_name(OPV_JEFFERSON), "jefferson");
	ck_assert_str_eq(opv_method_name(OPV_HUNTINGTON_HILL), "huntington-hill");
	ck_assert_ptr_null(opv_method_name((opv_method)42));
	ck_assert_fails(opv_method_from_name(&m, "plurality", &err), err, OPV_ENOTFOUND, "'plurality'");
	ck_assert_fails(opv_method_from_name(&m, NULL, &err), err, OPV_EINVAL, "missing");
}
END_TEST

/* ---- errors leave the output untouched ---------------------------------- */

#define SENTINEL INT64_C(-777)

static void expect_error(const double *w, size_t n, int64_t total, const opv_apportion_options *o,
                         int code, const char *needle)
{
	int64_t seats[8];
	opv_error err = OPV_ERROR_INIT;
	size_t i;
	for (i = 0; i < 8; i++)
		seats[i] = SENTINEL;
	ck_assert_fails(opv_apportion(seats, w, n, total, o, &err), err, code, needle);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(seats[i], SENTINEL);
}

START_TEST(invalid_weights)
{
	double w[] = { 1, 2, -3 };
	expect_error(w, 3, 5, NULL, OPV_EINVAL, "weight 2 is negative");
	w[2] = NAN;
	expect_error(w, 3, 5, NULL, OPV_EINVAL, "weight 2 is NaN");
	w[2] = INFINITY;
	expect_error(w, 3, 5, NULL, OPV_EINVAL, "weight 2 is infinite");
	w[0] = w[1] = w[2] = 0;
	expect_error(w, 3, 5, NULL, OPV_EINVAL, "all weights are zero");
	w[0] = w[1] = w[2] = 1.7e308;
	expect_error(w, 3, 5, NULL, OPV_ERANGE, "not finite");
}
END_TEST

START_TEST(invalid_totals_and_options)
{
	static const double w[] = { 1, 2 };
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	expect_error(w, 2, -1, NULL, OPV_ERANGE, "total -1");
	expect_error(w, 2, OPV_APPORTION_MAX_TOTAL + 1, NULL, OPV_ERANGE, "outside");
	expect_error(w, 0, 3, NULL, OPV_EINVAL, "no units");
	expect_error(NULL, 2, 3, NULL, OPV_EINVAL, "NULL");
	o.version = 99;
	expect_error(w, 2, 3, &o, OPV_EINVAL, "version 99");
	o.version = 0;
	expect_error(w, 2, 3, &o, OPV_EINVAL, "version 0");
	o = with_method(OPV_HAMILTON);
	{
		/* Threads are tuning: checked there, with the message naming them. */
		opv_tuning t = OPV_TUNING_INIT;
		int64_t seats[2] = { -7, -7 };
		opv_error err = OPV_ERROR_INIT;
		t.threads = 0;
		ck_assert_fails(opv_apportion_tuned(seats, w, 2, 3, &o, &t, &err), err, OPV_EINVAL,
		                "threads 0 is outside 1..256");
		t.threads = OPV_TUNING_MAX_THREADS + 1;
		ck_assert_fails(opv_apportion_tuned(seats, w, 2, 3, &o, &t, &err), err, OPV_EINVAL,
		                "threads 257");
		ck_assert_int_eq(seats[0], -7);
		/* The check says the same without a call. */
		ck_assert_fails(opv_tuning_check(&t, &err), err, OPV_EINVAL,
		                "threads 257 is outside 1..256");
		t.threads = 0;
		ck_assert_fails(opv_tuning_check(&t, &err), err, OPV_EINVAL, "threads 0 is outside 1..256");
		t.threads = OPV_TUNING_MAX_THREADS;
		ck_assert_int_eq(opv_tuning_check(&t, &err), OPV_OK);
		t.version = 2;
		ck_assert_fails(opv_tuning_check(&t, &err), err, OPV_EINVAL, "version 2");
		t.version = OPV_TUNING_VERSION;
		ck_assert_int_eq(opv_tuning_check(NULL, &err), OPV_OK);
		t.threads = 3;
		ck_assert_int_eq(opv_apportion_tuned(seats, w, 2, 3, &o, &t, &err), OPV_OK);
		ck_assert_int_eq(seats[0], 1);
		ck_assert_int_eq(seats[1], 2);
	}
	o = with_method((opv_method)9);
	expect_error(w, 2, 3, &o, OPV_EINVAL, "unknown apportionment method");
	o = with_method(OPV_HAMILTON);
	o.ties = (opv_tie_rule)5;
	expect_error(w, 2, 3, &o, OPV_EINVAL, "tie rule");
	/* Adams and Hill need a seat for each of the 2 units. */
	o = with_method(OPV_ADAMS);
	expect_error(w, 2, 1, &o, OPV_ERANGE, "adams");
	o = with_method(OPV_HUNTINGTON_HILL);
	expect_error(w, 2, 1, &o, OPV_ERANGE, "huntington-hill");
}
END_TEST

START_TEST(infeasible_bounds)
{
	static const double w[] = { 1, 1, 1 };
	int64_t lower[] = { 2, 2, 2 };
	int64_t upper[] = { 1, 1, 1 };
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	o.lower = lower;
	expect_error(w, 3, 5, &o, OPV_ERANGE, "lower bounds add up to more");
	o.lower = NULL;
	o.upper = upper;
	expect_error(w, 3, 5, &o, OPV_ERANGE, "upper bounds");
	lower[1] = 3;
	o.lower = lower;
	upper[1] = 2;
	expect_error(w, 3, 5, &o, OPV_EINVAL, "unit 0");
	lower[0] = -1;
	upper[0] = 4;
	expect_error(w, 3, 5, &o, OPV_EINVAL, "lower bound of unit 0 is negative");
}
END_TEST

/* ---- ties --------------------------------------------------------------- */

START_TEST(ties_go_to_the_lower_index_or_fail)
{
	static const double w[] = { 1, 2, 2 };
	int64_t seats[3];
	opv_error err = OPV_ERROR_INIT;
	opv_method m;
	for (m = OPV_HAMILTON; m <= OPV_WEBSTER; m++) {
		/* One seat: Hamilton quotas 0.2, 0.4, 0.4 and divisor priorities
		 * 1, 2, 2 both leave units 1 and 2 level.  Two seats go to them both. */
		opv_apportion_options o = with_method(m);
		ck_assert_int_eq(opv_apportion(seats, w, 3, 1, &o, &err), OPV_OK);
		ck_assert_int_eq(seats[0], 0);
		ck_assert_int_eq(seats[1], 1);
		ck_assert_int_eq(seats[2], 0);
		o.ties = OPV_TIE_ERROR;
		seats[0] = seats[1] = seats[2] = SENTINEL;
		ck_assert_fails(opv_apportion(seats, w, 3, 1, &o, &err), err, OPV_ETIE, "units 1 and 2");
		ck_assert_int_eq(seats[1], SENTINEL);
		/* Two seats for the two equal units: no tie left to break. */
		ck_assert_int_eq(opv_apportion(seats, w, 3, 2, &o, &err), OPV_OK);
		ck_assert_int_eq(seats[1], 1);
		ck_assert_int_eq(seats[2], 1);
	}
}
END_TEST

/* ---- bounds --------------------------------------------------------------- */

START_TEST(hamilton_with_upper_bound_by_hand)
{
	/* w = 10, 1, 1; total 6; unit 0 capped at 3.  Bounded quotas
	 * clamp(l*w): 3 + 2l = 6 gives l = 1.5, quotas 3, 1.5, 1.5; floors 3,1,1;
	 * the last seat is a tie between units 1 and 2: the lower index wins. */
	static const double w[] = { 10, 1, 1 };
	static const int64_t upper[] = { 3, 100, 100 };
	int64_t seats[3];
	opv_error err = OPV_ERROR_INIT;
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	o.upper = upper;
	ck_assert_int_eq(opv_apportion(seats, w, 3, 6, &o, &err), OPV_OK);
	ck_assert_int_eq(seats[0], 3);
	ck_assert_int_eq(seats[1], 2);
	ck_assert_int_eq(seats[2], 1);
	o.ties = OPV_TIE_ERROR;
	ck_assert_fails(opv_apportion(seats, w, 3, 6, &o, &err), err, OPV_ETIE, "units 1 and 2");
}
END_TEST

START_TEST(hamilton_with_lower_bound_by_hand)
{
	/* w = 10, 1, 1; total 6; units 1 and 2 at least 2 each.  Unbounded
	 * quotas would be 5, 0.5, 0.5.  Bounded: 10l + 2 + 2 = 6 -> l = 0.2,
	 * quotas 2, 2, 2. */
	static const double w[] = { 10, 1, 1 };
	static const int64_t lower[] = { 0, 2, 2 };
	static const int64_t want[] = { 2, 2, 2 };
	int64_t seats[3];
	size_t i;
	opv_error err = OPV_ERROR_INIT;
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	o.lower = lower;
	ck_assert_int_eq(opv_apportion(seats, w, 3, 6, &o, &err), OPV_OK);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(seats[i], want[i]);
}
END_TEST

START_TEST(dhondt_with_cap_by_hand)
{
	/* Austria, 18 seats, ÖVP capped at 5, so 13 seats go to the other four
	 * by their D'Hondt priorities v/1, v/2, ...  The 13 largest are
	 * SPÖ 903151, FPÖ 650114, Greens 532193, SPÖ 451576, FPÖ 325057,
	 * NEOS 319024, SPÖ 301050, Greens 266097, SPÖ 225788, FPÖ 216705,
	 * SPÖ 180630, Greens 177398, FPÖ 162529 (NEOS' second, 159512, just
	 * misses): SPÖ 5, FPÖ 4, Greens 3, NEOS 1. */
	static const int64_t upper[] = { 5, 18, 18, 18, 18 };
	static const int64_t want[] = { 5, 5, 4, 3, 1 };
	int64_t seats[5];
	size_t i;
	opv_error err = OPV_ERROR_INIT;
	opv_apportion_options o = with_method(OPV_JEFFERSON);
	o.upper = upper;
	ck_assert_int_eq(opv_apportion(seats, austria, 5, 18, &o, &err), OPV_OK);
	for (i = 0; i < 5; i++)
		ck_assert_msg(seats[i] == want[i], "unit %zu: %lld", i, (long long)seats[i]);
}
END_TEST

START_TEST(near_ties_follow_the_order_of_the_priorities)
{
	/* Priorities equal in double precision though not in exact arithmetic:
	 * the seat goes to the lower index, as the one-at-a-time procedure in
	 * doubles gives it (Python: max over w / b(s), the first among equals).
	 * 35 / 7.5 and 58.333333333333336 / 12.5 are both 4.666666666666667. */
	static const struct {
		opv_method method;
		double w[2];
		int64_t total, want[2];
	} cases[] = {
		{ OPV_WEBSTER, { 35, 58.333333333333336 }, 20, { 8, 12 } },
		{ OPV_ADAMS, { 7.8, 4.2 }, 41, { 27, 14 } },
		{ OPV_WEBSTER, { 14.285714285714286, 5.1428571428571432 }, 17, { 13, 4 } },
		{ OPV_JEFFERSON, { 7 + 0x1p-50, 1 + 0x1p-52 }, 7, { 7, 0 } },
	};
	size_t c;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		opv_apportion_options o = with_method(cases[c].method);
		opv_error err = OPV_ERROR_INIT;
		int64_t seats[2];
		ck_assert_int_eq(opv_apportion(seats, cases[c].w, 2, cases[c].total, &o, &err), OPV_OK);
		ck_assert_msg(seats[0] == cases[c].want[0] && seats[1] == cases[c].want[1],
		              "case %zu: %lld, %lld", c, (long long)seats[0], (long long)seats[1]);
		o.ties = OPV_TIE_ERROR;
		ck_assert_int_eq(opv_apportion(seats, cases[c].w, 2, cases[c].total, &o, &err), OPV_ETIE);
	}
}
END_TEST

/* ---- against the oracle, and properties ----------------------------------- */

/* The expected seats below come from tests/oracle/apportion_oracle.py: the
 * build writes its cases to fixture files (tests/oracle/gen_fixtures.py, which
 * says how each group of cases is drawn). */

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t next_random(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

START_TEST(matches_the_oracle_on_random_inputs)
{
	/* Up to 12 units, totals below 60, a quarter of the weights 0, every method. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_small.txt");
	while (oracle_next(f, &c)) {
		int64_t got[16];
		opv_apportion_options o = with_method(c.method);
		opv_error err = OPV_ERROR_INIT;
		ck_assert_uint_le(c.n, 16);
		ck_assert_int_eq(opv_apportion(got, c.w, c.n, c.totals[0], &o, &err), OPV_OK);
		oracle_expect(&c, 0, got, "one thread");
	}
	oracle_close(f, &c);
}
END_TEST

START_TEST(large_inputs_match_the_oracle)
{
	/* Many units with few distinct weights, so that equal remainders (ties)
	 * are everywhere and the index decides. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_large.txt");
	int64_t *seats = NULL;
	while (oracle_next(f, &c)) {
		opv_error err = OPV_ERROR_INIT;
		seats = realloc(seats, c.n * sizeof *seats);
		ck_assert_int_eq(opv_apportion(seats, c.w, c.n, c.totals[0], NULL, &err), OPV_OK);
		oracle_expect(&c, 0, seats, "defaults");
	}
	free(seats);
	oracle_close(f, &c);
}
END_TEST

START_TEST(hamilton_at_the_limits_of_exact_doubles)
{
	/* Hamilton takes a route in double arithmetic while total * max(w) and
	 * the weight sum stay below 2^52, and the general one past that.  Both
	 * sides of that line, with ties, with zero weights, in both tie rules. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_limits.txt");
	int64_t *seats = NULL;
	while (oracle_next(f, &c)) {
		opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
		opv_error err = OPV_ERROR_INIT;
		int tie = c.ties[0], rc;
		size_t i;
		seats = realloc(seats, c.n * sizeof *seats);
		ck_assert_int_eq(opv_apportion(seats, c.w, c.n, c.totals[0], &o, &err), OPV_OK);
		oracle_expect(&c, 0, seats, "lower index wins");
		o.ties = OPV_TIE_ERROR;
		for (i = 0; i < c.n; i++)
			seats[i] = SENTINEL;
		rc = opv_apportion(seats, c.w, c.n, c.totals[0], &o, &err);
		ck_assert_msg(rc == (tie ? OPV_ETIE : OPV_OK), "%s: rc %d, tie %d", c.name, rc, tie);
		if (tie) {
			for (i = 0; i < c.n && seats[i] == SENTINEL; i++)
				;
			ck_assert_msg(i == c.n, "%s: a tie wrote seats", c.name);
		} else {
			oracle_expect(&c, 0, seats, "ties are errors");
		}
	}
	free(seats);
	oracle_close(f, &c);
}
END_TEST

START_TEST(hamilton_when_quotas_are_whole_or_nearly)
{
	/* Weights 1..n, so W = n(n+1)/2, and totals j*W - 1, j*W and j*W + 1:
	 * every quota whole or within 1/W of it, where an estimate of the floor
	 * in floating point is most easily one off.  And totals near 2^49, where
	 * the estimate of a quota carries the most error. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_whole.txt");
	int64_t seats[40];
	while (oracle_next(f, &c)) {
		size_t k;
		ck_assert_uint_le(c.n, 40);
		for (k = 0; k < c.count; k++) {
			opv_error err = OPV_ERROR_INIT;
			ck_assert_int_eq(opv_apportion(seats, c.w, c.n, c.totals[k], NULL, &err), OPV_OK);
			oracle_expect(&c, k, seats, "defaults");
		}
	}
	oracle_close(f, &c);
}
END_TEST

START_TEST(threads_give_the_same_seats)
{
	/* Enough units for up to four parts of 2^17: the seats, the tie verdict
	 * and the untouched output on a tie must not depend on the thread count.
	 * Few distinct weights put ties in every part. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_threads.txt");
	int64_t *seats = NULL;
	while (oracle_next(f, &c)) {
		size_t n = c.n;
		int tie = c.ties[0];
		unsigned threads;
		seats = realloc(seats, n * sizeof *seats);
		ck_assert_ptr_nonnull(seats);
		for (threads = 1; threads <= 5; threads++) {
			opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
			opv_tuning t = OPV_TUNING_INIT;
			opv_error err = OPV_ERROR_INIT;
			char how[32];
			int rc;
			t.threads = threads;
			snprintf(how, sizeof how, "%u threads", threads);
			ck_assert_int_eq(opv_apportion_tuned(seats, c.w, n, c.totals[0], &o, &t, &err), OPV_OK);
			oracle_expect(&c, 0, seats, how);
			o.ties = OPV_TIE_ERROR;
			seats[0] = seats[n - 1] = SENTINEL;
			rc = opv_apportion_tuned(seats, c.w, n, c.totals[0], &o, &t, &err);
			ck_assert_int_eq(rc, tie ? OPV_ETIE : OPV_OK);
			ck_assert_int_eq(seats[n - 1], tie ? SENTINEL : c.seats[n - 1]);
		}
	}
	free(seats);
	oracle_close(f, &c);
}
END_TEST

START_TEST(divisor_methods_on_many_ties_match_the_oracle)
{
	/* Thousands of units of weights 1..8, so that most priorities tie and
	 * the candidates for the last seats outnumber what the library keeps
	 * at once: the lower unit first among equals. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_divisor_ties.txt");
	int64_t *seats = NULL;
	while (oracle_next(f, &c)) {
		opv_apportion_options o = with_method(c.method);
		size_t k;
		seats = realloc(seats, c.n * sizeof *seats);
		for (k = 0; k < c.count; k++) {
			opv_error err = OPV_ERROR_INIT;
			ck_assert_int_eq(opv_apportion(seats, c.w, c.n, c.totals[k], &o, &err), OPV_OK);
			oracle_expect(&c, k, seats, "one thread");
		}
	}
	free(seats);
	oracle_close(f, &c);
}
END_TEST

START_TEST(hamilton_when_the_sample_misleads)
{
	/* From 2^15 units Hamilton places the last seats with a sample: one unit
	 * in each block of 32, at a place a hash of the block picks.  In this
	 * case the sampled units, and only they, have weight 1 and the rest
	 * weight 3, so the sample puts every remainder where few of them are; the
	 * seats must still be exact.  (Should the sample change, this stays a
	 * test of ties in every bucket.)  Two parts of 2^17 on two threads. */
	struct oracle_case c = { 0 };
	FILE *f = oracle_open("apportion_sample.txt");
	int64_t *seats = NULL;
	while (oracle_next(f, &c)) {
		size_t k;
		seats = realloc(seats, c.n * sizeof *seats);
		ck_assert_ptr_nonnull(seats);
		for (k = 0; k < c.count; k++) {
			unsigned threads;
			for (threads = 1; threads <= 2; threads++) {
				opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
				opv_tuning t = OPV_TUNING_INIT;
				opv_error err = OPV_ERROR_INIT;
				t.threads = threads;
				ck_assert_int_eq(opv_apportion_tuned(seats, c.w, c.n, c.totals[k], &o, &t, &err),
				                 OPV_OK);
				oracle_expect(&c, k, seats, threads == 1 ? "1 thread" : "2 threads");
			}
		}
	}
	free(seats);
	oracle_close(f, &c);
}
END_TEST

START_TEST(large_divisor_results_have_a_common_divisor)
{
	/* The defining property of a divisor method: some divisor d rounds every
	 * w_i / d to s_i, i.e. the best priority w/b(s) of a seat not given is
	 * at most the worst priority w/b(s-1) of a seat given.  b(s) = s + 1,
	 * s + 1/2, s; compared by cross-multiplying whole numbers. */
	size_t n = 20000, i;
	double *w = malloc(n * sizeof *w);
	int64_t *iw = malloc(n * sizeof *iw), *seats = malloc(n * sizeof *seats);
	opv_method m;
	for (i = 0; i < n; i++) {
		iw[i] = 1 + (int64_t)(next_random() % 50000);
		w[i] = (double)iw[i];
	}
	for (m = OPV_JEFFERSON; m <= OPV_ADAMS; m++) {
		opv_apportion_options o = with_method(m);
		opv_error err = OPV_ERROR_INIT;
		/* best not given: w_a / b_a (as numerator/denominator, doubled for Webster) */
		int64_t best_w = 0, best_b = 1, worst_w = 1, worst_b = 0;
		ck_assert_int_eq(opv_apportion(seats, w, n, 777777, &o, &err), OPV_OK);
		for (i = 0; i < n; i++) {
			int64_t next_b = m == OPV_JEFFERSON ? seats[i] + 1 : m == OPV_WEBSTER ? 2 * seats[i] + 1 : seats[i];
			int64_t last_b = next_b - (m == OPV_WEBSTER ? 2 : 1);
			if (next_b > 0 && iw[i] * best_b > best_w * next_b) {
				best_w = iw[i];
				best_b = next_b;
			}
			if (seats[i] > 0 && last_b > 0 && (worst_b == 0 || iw[i] * worst_b < worst_w * last_b)) {
				worst_w = iw[i];
				worst_b = last_b;
			}
		}
		ck_assert_msg(best_w * worst_b <= worst_w * best_b, "%s: no common divisor", opv_method_name(m));
	}
	free(w);
	free(iw);
	free(seats);
}
END_TEST

START_TEST(hamilton_stays_within_floor_and_ceiling_of_quota)
{
	int round;
	for (round = 0; round < 500; round++) {
		size_t n = 1 + next_random() % 200, i;
		double w[200], sum = 0;
		int64_t seats[200], total = (int64_t)(next_random() % 100000), check = 0;
		opv_error err = OPV_ERROR_INIT;
		for (i = 0; i < n; i++) {
			w[i] = (double)(next_random() % 1000000) / 7.0 + 0.5; /* non-integral */
			sum += w[i];
		}
		ck_assert_int_eq(opv_apportion(seats, w, n, total, NULL, &err), OPV_OK);
		for (i = 0; i < n; i++) {
			long double q = (long double)total * w[i] / sum;
			ck_assert(seats[i] >= (int64_t)floorl(q) - (floorl(q) == q ? 0 : 0));
			ck_assert(seats[i] <= (int64_t)ceill(q));
			ck_assert(seats[i] >= (int64_t)floorl(q));
			check += seats[i];
		}
		ck_assert_int_eq(check, total);
	}
}
END_TEST

START_TEST(divisor_methods_are_house_monotone)
{
	int round;
	for (round = 0; round < 200; round++) {
		size_t n = 2 + next_random() % 20, i;
		double w[24];
		int64_t before[24], after[24], total;
		opv_method m = (opv_method)(1 + next_random() % 4);
		opv_apportion_options o = with_method(m);
		opv_error err = OPV_ERROR_INIT;
		for (i = 0; i < n; i++)
			w[i] = 1.0 + (double)(next_random() % 100000);
		ck_assert_int_eq(opv_apportion(before, w, n, (int64_t)n, &o, &err), OPV_OK);
		for (total = (int64_t)n + 1; total < (int64_t)n + 150; total++) {
			ck_assert_int_eq(opv_apportion(after, w, n, total, &o, &err), OPV_OK);
			for (i = 0; i < n; i++)
				ck_assert_msg(after[i] >= before[i], "%s lost a seat at total %lld",
				              opv_method_name(m), (long long)total);
			memcpy(before, after, n * sizeof *after);
		}
	}
}
END_TEST

START_TEST(bounded_results_respect_bounds_and_sum)
{
	int round;
	for (round = 0; round < 1000; round++) {
		size_t n = 1 + next_random() % 30, i;
		double w[32];
		int64_t lower[32], upper[32], seats[32], lo_sum = 0, hi_sum = 0, total, sum = 0;
		opv_apportion_options o = with_method((opv_method)(next_random() % 3));
		opv_error err = OPV_ERROR_INIT;
		for (i = 0; i < n; i++) {
			w[i] = 1.0 + (double)(next_random() % 1000);
			lower[i] = (int64_t)(next_random() % 5);
			upper[i] = lower[i] + (int64_t)(next_random() % 20);
			lo_sum += lower[i];
			hi_sum += upper[i];
		}
		total = lo_sum + (int64_t)(next_random() % (uint64_t)(hi_sum - lo_sum + 1));
		o.lower = lower;
		o.upper = upper;
		ck_assert_msg(opv_apportion(seats, w, n, total, &o, &err) == OPV_OK, "round %d %s: %s",
		              round, opv_method_name(o.method), err.message);
		for (i = 0; i < n; i++) {
			ck_assert(seats[i] >= lower[i]);
			ck_assert(seats[i] <= upper[i]);
			sum += seats[i];
		}
		ck_assert_int_eq(sum, total);
	}
}
END_TEST

START_TEST(tiny_and_underflowing_weights)
{
	/* The divisor methods do not change with the scale of the weights: a lone
	 * weight of 5e-324 takes every seat, as a weight of 1 would (these once
	 * never returned), and Adams gives a weight whose w / d underflows its
	 * seat (this once gave [2, 0, 1]). */
	static const opv_method methods[] = { OPV_JEFFERSON, OPV_WEBSTER, OPV_ADAMS, OPV_HUNTINGTON_HILL };
	const double lone = 4.9406564584124654e-324, wide[] = { 1e300, 1e-30, 1 }, pair[] = { 3e-320, 1e-320 };
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	int64_t seats[3];
	size_t m;
	for (m = 0; m < 4; m++) {
		o.method = methods[m];
		ck_assert_int_eq(opv_apportion(seats, &lone, 1, 3, &o, NULL), OPV_OK);
		ck_assert_int_eq(seats[0], 3);
		/* 3 : 1 at 4 seats: 3 and 1 by every divisor method */
		ck_assert_int_eq(opv_apportion(seats, pair, 2, 4, &o, NULL), OPV_OK);
		ck_assert_int_eq(seats[0], 3);
		ck_assert_int_eq(seats[1], 1);
	}
	o.method = OPV_ADAMS;
	ck_assert_int_eq(opv_apportion(seats, wide, 3, 3, &o, NULL), OPV_OK);
	ck_assert_int_eq(seats[0], 1);
	ck_assert_int_eq(seats[1], 1);
	ck_assert_int_eq(seats[2], 1);
	o.method = OPV_HUNTINGTON_HILL;
	ck_assert_int_eq(opv_apportion(seats, wide, 3, 3, &o, NULL), OPV_OK);
	ck_assert_int_eq(seats[1], 1);
	{
		/* Bounded Hamilton on weights 1e20 apart: the second is held at 0, so
		 * the seat is the first's (the sweep once lost the weight 1 beside
		 * 1e20); and a bound over 5e-324 that overflows a double. */
		const double apart[] = { 1, 1e20 }, tiny[] = { lone, lone };
		const int64_t upper[] = { 2, 0 }, lower[] = { 0, 1 };
		opv_apportion_options b = OPV_APPORTION_OPTIONS_INIT;
		b.upper = upper;
		ck_assert_int_eq(opv_apportion(seats, apart, 2, 1, &b, NULL), OPV_OK);
		ck_assert_int_eq(seats[0], 1);
		ck_assert_int_eq(seats[1], 0);
		b.upper = NULL;
		b.lower = lower;
		/* equal weights, one held at 1: quotas 1.5 and 1.5, so 2 and 1 by the
		 * lower index.  The breakpoint 1 / 5e-324 needs long double's range,
		 * which valgrind's emulation does not have. */
		if (!UNDER_VALGRIND()) {
			ck_assert_int_eq(opv_apportion(seats, tiny, 2, 3, &b, NULL), OPV_OK);
			ck_assert_int_eq(seats[0], 2);
			ck_assert_int_eq(seats[1], 1);
		}
	}
}
END_TEST

START_TEST(a_million_units)
{
	size_t n = 1000000, i;
	double *w = malloc(n * sizeof *w);
	int64_t *seats = malloc(n * sizeof *seats), sum;
	opv_method m;
	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(seats);
	for (i = 0; i < n; i++)
		w[i] = (double)(1 + next_random() % 100000);
	for (m = OPV_HAMILTON; m <= OPV_HUNTINGTON_HILL; m++) {
		opv_apportion_options o = with_method(m);
		opv_error err = OPV_ERROR_INIT;
		ck_assert_int_eq(opv_apportion(seats, w, n, 50000000, &o, &err), OPV_OK);
		for (sum = 0, i = 0; i < n; i++)
			sum += seats[i];
		ck_assert_int_eq(sum, 50000000);
	}
	free(w);
	free(seats);
}
END_TEST

START_TEST(large_totals_stay_exact)
{
	/* Whole-number weights take the exact route: 2^53 seats over weights
	 * 1, 2 (sum 3): quotas (2^53)/3 and 2*(2^53)/3.  2^53 = 3*3002399751580330 + 2,
	 * so floors 3002399751580330 and 6004799503160661 (2*2^53 = 3*6004799503160661 + 1)
	 * sum to 2^53 - 1; remainders 2/3 and 1/3: the seat goes to unit 0. */
	static const double w[] = { 1, 2 };
	int64_t seats[2];
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_apportion(seats, w, 2, OPV_APPORTION_MAX_TOTAL, NULL, &err), OPV_OK);
	ck_assert_int_eq(seats[0], INT64_C(3002399751580331));
	ck_assert_int_eq(seats[1], INT64_C(6004799503160661));
	{
		/* D'Hondt: quotients past 2^50 take the scalar rule.  With k =
		 * 3002399751580330, 2^53 = 3k + 2; below a divisor of 1/(k+1) the
		 * units hold k and 2k + 1 seats, 3k + 1 in all, and the last seat is
		 * a tie at priority 1/(k+1) = 2/(2k+2): unit 0, the first, wins. */
		opv_apportion_options o = with_method(OPV_JEFFERSON);
		ck_assert_int_eq(opv_apportion(seats, w, 2, OPV_APPORTION_MAX_TOTAL, &o, &err), OPV_OK);
		ck_assert_int_eq(seats[0], INT64_C(3002399751580331));
		ck_assert_int_eq(seats[1], INT64_C(6004799503160661));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("apportion");
	TCase *hand = tcase_create("by hand");
	TCase *errors = tcase_create("errors");
	TCase *props = tcase_create("properties");
	tcase_add_test(hand, austria_2019_dhondt_is_7_5_3_2_1);
	tcase_add_test(hand, austria_2019_hamilton_by_hand);
	tcase_add_test(hand, hamilton_and_webster_differ_by_hand);
	tcase_add_test(hand, jefferson_adams_hill_differ_by_hand);
	tcase_add_test(hand, zero_total_and_zero_weights);
	tcase_add_test(hand, method_names_and_aliases);
	tcase_add_test(hand, ties_go_to_the_lower_index_or_fail);
	tcase_add_test(hand, hamilton_with_upper_bound_by_hand);
	tcase_add_test(hand, hamilton_with_lower_bound_by_hand);
	tcase_add_test(hand, dhondt_with_cap_by_hand);
	tcase_add_test(hand, large_totals_stay_exact);
	tcase_add_test(hand, near_ties_follow_the_order_of_the_priorities);
	tcase_add_test(errors, invalid_weights);
	tcase_add_test(errors, invalid_totals_and_options);
	tcase_add_test(errors, infeasible_bounds);
	tcase_add_test(props, matches_the_oracle_on_random_inputs);
	tcase_add_test(props, hamilton_stays_within_floor_and_ceiling_of_quota);
	tcase_add_test(props, large_inputs_match_the_oracle);
	tcase_add_test(props, hamilton_at_the_limits_of_exact_doubles);
	tcase_add_test(props, hamilton_when_quotas_are_whole_or_nearly);
	tcase_add_test(props, threads_give_the_same_seats);
	tcase_add_test(props, hamilton_when_the_sample_misleads);
	tcase_add_test(props, divisor_methods_on_many_ties_match_the_oracle);
	tcase_add_test(props, large_divisor_results_have_a_common_divisor);
	tcase_add_test(props, divisor_methods_are_house_monotone);
	tcase_add_test(props, bounded_results_respect_bounds_and_sum);
	tcase_add_test(props, tiny_and_underflowing_weights);
	tcase_add_test(props, a_million_units);
	tcase_set_timeout(props, 120);
	suite_add_tcase(s, hand);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, props);
	return run_suite(s);
}
