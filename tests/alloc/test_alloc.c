/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Allocation failure everywhere.  The library is linked with failmalloc.c,
 * which makes allocation attempt N fail.  For a representative call of every
 * public function that allocates, the call is made again for N = 0, 1, 2, ...
 * until it no longer reaches attempt N, and each time it must:
 *
 * - return OPV_ENOMEM with a message (or succeed, when a failure it meets
 *   has a way around it),
 * - leave its outputs untouched (they are poisoned before the call),
 * - leave no block allocated once what it made is freed.
 *
 * A call that makes more than SAMPLE_ALL attempts is tried at the first
 * SAMPLE_ALL, then at SAMPLE_POINTS more spread evenly to its end, and at its
 * last.  The functions that never allocate are listed and shown to make no
 * attempt at all, so that every public function is accounted for.
 */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define OPV_EXPERIMENTAL_API  /* threads: opv_apportion_tuned */
#include "opvang/experimental.h"
#include "apportion_internal.h"  /* which route Hamilton's weights take */
#include "failmalloc.h"
#include "testutil.h"

#ifndef OPV_TEST_DIR
#error "OPV_TEST_DIR must name tests/"
#endif

#define SAMPLE_ALL 5000
#define SAMPLE_POINTS 200

/* ---- poisoned outputs -------------------------------------------------------- */

#define POISON_N(p, n) memset((p), POISON_BYTE, (n) * sizeof *(p))
#define UNTOUCHED(x) ck_assert_msg(untouched(&(x), sizeof(x)), "%s was written on failure", #x)
#define UNTOUCHED_N(p, n) \
	ck_assert_msg(untouched((p), (n) * sizeof *(p)), "%s was written on failure", #p)

/* ---- the driver ------------------------------------------------------------------ */

/* A call of the library, with the allocations it makes counted (and one failed). */
#define LIB(call) (failmalloc_resume(), lib_rc_ = (call), failmalloc_pause(), lib_rc_)
static int lib_rc_;

/*
 * One call of the function under test.  It poisons its outputs, makes the
 * call and returns its status; on failure it checks that the outputs are
 * untouched, on success it frees what the call made.
 */
typedef int (*op_fn)(opv_error *err);

/* Makes the call with attempt n failing (n < 0: none); checks status and leaks. */
static int try_at(const char *name, op_fn op, long n, long *attempts)
{
	opv_error err = OPV_ERROR_INIT;
	long live = failmalloc_live();
	int rc, fired;
	failmalloc_fail_at(n);
	failmalloc_pause();
	rc = op(&err);
	fired = failmalloc_fired();
	*attempts = failmalloc_attempts();
	failmalloc_fail_at(-1);
	failmalloc_resume();
	ck_assert_msg(failmalloc_live() == live, "%s: with attempt %ld failing, %ld blocks leak", name,
	              n, failmalloc_live() - live);
	if (!fired) {
		ck_assert_msg(rc == OPV_OK, "%s: fails with no allocation failing: %d %s", name, rc,
		              err.message);
		return 0;
	}
	if (rc != OPV_OK) {
		ck_assert_msg(rc == OPV_ENOMEM, "%s: attempt %ld failing gives %d (%s): %s", name, n, rc,
		              opv_strerror(rc), err.message);
		ck_assert_int_eq(err.code, rc);
		ck_assert_msg(err.message[0] != '\0', "%s: attempt %ld failing: no message", name, n);
	}
	return 1;
}

static void every_failure(const char *name, op_fn op)
{
	long total, n, got, step;
	/* Without failures: the call succeeds, and this many attempts it makes. */
	try_at(name, op, -1, &total);
	ck_assert_msg(total > 0, "%s makes no allocation: list it with those that never do", name);
	step = total <= SAMPLE_ALL ? 1 : (total - SAMPLE_ALL) / SAMPLE_POINTS + 1;
	for (n = 0; n < total; n = n < SAMPLE_ALL ? n + 1 : n + step)
		ck_assert_msg(try_at(name, op, n, &got), "%s: attempt %ld of %ld not reached", name, n,
		              total);
	ck_assert(try_at(name, op, total - 1, &got));
	if (getenv("OPV_ALLOC_VERBOSE"))
		fprintf(stderr, "%s: %ld allocations%s\n", name, total,
		        step > 1 ? " (sampled)" : "");
	/* Past the last attempt nothing fails. */
	ck_assert(!try_at(name, op, total, &got));
}

/* ---- the objects the calls work on (made with a working allocator) -------------- */

static const char reg_csv[] =
	"code,name,province_code,province,population,ses\n"
	"GM0001,Alpha,PV20,Noord,1000,0.1\n"
	"GM0002,Beta,PV20,Noord,2000,-0.2\n"
	"GM0003,Gamma,PV21,Zuid,1500,0.3\n"
	"GM0004,Delta,PV21,Zuid,500,\n";

static const char locations_csv[] =
	"id,code,name,type,agreed_capacity,capacity,opens,closes\n"
	"A1,GM0001,a1,azc,200,260,2020-01-01,\n"
	"A2,GM0001,a2,amv,30,30,2024-03-01,2029-03-01\n"
	"B1,GM0002,b1,azc,300,250,2022-01-01,2027-01-01\n"
	"C1,GM0003,c1,amv,50,80,2023-06-01,\n"
	"D1,GM0004,d1,nood,90,90,2019-01-01,2026-09-01\n";

static const char tasks_csv[] =
	"code,task,task_amv\n"
	"GM0001,250,20\nGM0002,200,10\nGM0003,40,40\nGM0004,100,\n";

static const char history_csv[] =
	"code,period,balance,task\n"
	"GM0001,2024-H2,10,70\nGM0001,2025-H1,5,68\nGM0002,2025-H1,-3,50\n"
	"GM0003,2024-H2,4,40\nGM0003,2025-H1,6,40\n";

static const char log_csv[] =
	"code,date,count,kind\n"
	"GM0001,2026-01-31,5,woning\nGM0002,2026-02-28,4,doorstroomlocatie\n"
	"GM0003,2026-03-31,3,nareis\n";

static const char swaps_csv[] =
	"agreement,code,delta\nA,GM0001,3\nA,GM0002,-3\n";

static const char scenario_json[] =
	"{\"start\": \"2026-03-30\", \"weeks\": 6,"
	" \"initial\": {\"in_procedure\": 40000, \"status_holders\": 17000, \"other\": 9000},"
	" \"inflow_per_week\": 900, \"decision_rate\": 0.03, \"grant_rate\": 0.6,"
	" \"housing_per_week\": 350, \"departure_rate\": 0.02,"
	" \"capacity\": {\"initial\": 68000, \"changes\": [{\"date\": \"2026-05-04\", \"delta\": 2000}]},"
	" \"references\": [{\"date\": \"2026-04-06\", \"shortage\": 10, \"label\": \"x\"}],"
	" \"monte_carlo\": {\"inflow_cv\": 0.15, \"housing_cv\": 0.1}}";

static const char ses_csv[] = "code,ses\nGM0001,0.5\nGM0004,-0.1\n";

static const char compare_csv[] = "code,places,amv\nGM0001,250,20\nGM0002,510,1\nGM0003,240,9\n";
static const int64_t four_places[] = { 250, 500, 200, 50 };
static const int64_t four_amv[] = { 20, 10, 10, 5 };

static opv_register *reg;     /* the four municipalities above */
static opv_register *nl;      /* the embedded default register */
static opv_locations *locs;
static opv_tasks *tasks;
static opv_balance_history *history;
static opv_realised_log *rlog;
static opv_scenario *scen;
static opv_keyed_values *ses_kv;
static opv_keyed_values *int_kv;
static opv_compliance *comp;
static opv_monte_carlo *mc_b;   /* runs 3 and 4 of scen */
static opv_sensitivity *sens;
static char tmpdir[] = "/tmp/opv-alloc-XXXXXX";

#define MADE(call)                                                                 \
	do {                                                                           \
		opv_error e_ = OPV_ERROR_INIT;                                             \
		ck_assert_msg((call) == OPV_OK, "%s: %s", #call, e_.message);              \
	} while (0)
#define E (&e_)

static opv_day day_of(const char *text)
{
	opv_day d = 0;
	/* No assertion: Check allocates for one, and this may run inside LIB(). */
	if (opv_date_parse(&d, text, NULL) != OPV_OK)
		abort();
	return d;
}

static void setup(void)
{
	MADE(opv_register_parse_csv(&reg, reg_csv, strlen(reg_csv), "r.csv", E));
	MADE(opv_register_default(&nl, E));
	MADE(opv_locations_parse_csv(&locs, reg, locations_csv, strlen(locations_csv), "l.csv", E));
	MADE(opv_tasks_parse_csv(&tasks, reg, tasks_csv, strlen(tasks_csv), "t.csv", E));
	MADE(opv_balance_history_parse_csv(&history, history_csv, strlen(history_csv), "h.csv", E));
	MADE(opv_realised_log_parse_csv(&rlog, log_csv, strlen(log_csv), "g.csv", E));
	MADE(opv_scenario_parse_json(&scen, scenario_json, strlen(scenario_json), "s.json", NULL, reg,
	                             E));
	MADE(opv_keyed_values_parse_csv(&int_kv, "code,n\nGM0001,3\nGM0004,-1\n", 26, "n.csv", "code",
	                                "n", OPV_VALUES_INTEGER, E));
	MADE(opv_keyed_values_parse_csv(&ses_kv, ses_csv, strlen(ses_csv), "k.csv", "code", "ses", 0,
	                                E));
	{
		opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
		MADE(opv_compliance_on(&comp, reg, locs, tasks, day_of("2026-07-01"), &o, E));
	}
	{
		opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
		o.runs = 2;
		o.first_run = 3;
		MADE(opv_monte_carlo_run(&mc_b, scen, &o, E));
	}
	{
		opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
		MADE(opv_sensitivity_run(&sens, scen, &o, E));
	}
	strcpy(tmpdir, "/tmp/opv-alloc-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	opv_sensitivity_free(sens);
	opv_monte_carlo_free(mc_b);
	opv_compliance_free(comp);
	opv_keyed_values_free(ses_kv);
	opv_keyed_values_free(int_kv);
	opv_scenario_free(scen);
	opv_realised_log_free(rlog);
	opv_balance_history_free(history);
	opv_tasks_free(tasks);
	opv_locations_free(locs);
	opv_register_free(nl);
	opv_register_free(reg);
	rmdir(tmpdir);
}

/* A file in the temporary directory holding `text`. */
static void write_file(char *path, size_t size, const char *name, const char *text)
{
	FILE *f;
	snprintf(path, size, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* 1 when the temporary directory holds nothing (but the given file). */
static int tmpdir_empty_but(const char *keep)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int empty = 1;
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    !(keep && !strcmp(e->d_name, keep)))
			empty = 0;
	closedir(d);
	return empty;
}

/* Writes the results of a handle-making call: *out untouched on failure. */
#define HANDLE_OP(name, type, freer, call)        \
	static int op_##name(opv_error *err)          \
	{                                             \
		type *out;                                \
		int rc;                                   \
		POISON(out);                              \
		rc = LIB(call);                           \
		if (rc != OPV_OK)                         \
			UNTOUCHED(out);                       \
		else                                      \
			freer(out);                           \
		return rc;                                \
	}

/* ---- register.h, io.h ------------------------------------------------------------- */

HANDLE_OP(register_default, opv_register, opv_register_free, opv_register_default(&out, err))
HANDLE_OP(register_embedded, opv_register, opv_register_free,
          opv_register_embedded(&out, "2023-01-01", err))
HANDLE_OP(register_parse_csv, opv_register, opv_register_free,
          opv_register_parse_csv(&out, reg_csv, strlen(reg_csv), "r.csv", err))
HANDLE_OP(register_map_mergers, opv_register, opv_register_free,
          opv_register_map_mergers(&out, nl, err))
HANDLE_OP(period_register, opv_register, opv_register_free,
          opv_period_register(&out, (opv_period){ 2025, 2 }, err))

static int op_register_load_csv(opv_error *err)
{
	char path[256];
	opv_register *out;
	int rc;
	write_file(path, sizeof path, "r.csv", reg_csv);
	POISON(out);
	rc = LIB(opv_register_load_csv(&out, path, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_register_free(out);
	unlink(path);
	return rc;
}

static int op_register_merged_in(opv_error *err)
{
	opv_register *out;
	size_t assumed;
	const char *codes[] = { "GM1970" };
	const int64_t pops[] = { 100000 };
	int rc;
	POISON(out);
	POISON(assumed);
	(void)codes;
	(void)pops;
	rc = LIB(opv_register_merged_in(&out, nl, 2027, NULL, NULL, 0, &assumed, err));
	if (rc != OPV_OK) {
		UNTOUCHED(out);
		UNTOUCHED(assumed);
	} else {
		opv_register_free(out);
	}
	return rc;
}


HANDLE_OP(keyed_values_parse_csv, opv_keyed_values, opv_keyed_values_free,
          opv_keyed_values_parse_csv(&out, ses_csv, strlen(ses_csv), "k.csv", "code", "ses", 0,
                                     err))

static int op_keyed_values_load_csv(opv_error *err)
{
	char path[256];
	opv_keyed_values *out;
	int rc;
	write_file(path, sizeof path, "k.csv", ses_csv);
	POISON(out);
	rc = LIB(opv_keyed_values_load_csv(&out, path, "code", "ses", 0, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_keyed_values_free(out);
	unlink(path);
	return rc;
}

static int op_register_with_ses(opv_error *err)
{
	opv_register *out;
	int rc;
	POISON(out);
	rc = LIB(opv_register_with_ses(&out, reg, ses_kv, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_register_free(out);
	return rc;
}

static int op_register_sum_by_province(opv_error *err)
{
	int64_t sums[2];
	int rc;
	POISON(sums);
	rc = LIB(opv_register_sum_by_province(sums, reg, four_places, err));
	if (rc != OPV_OK)
		UNTOUCHED(sums);
	return rc;
}

static int op_register_align_int64(opv_error *err)
{
	int64_t values[4];
	int rc;
	POISON(values);
	rc = LIB(opv_register_align_int64(values, reg, int_kv, 0, err));
	if (rc != OPV_OK)
		UNTOUCHED(values);
	return rc;
}

/* ---- apportion.h, distribution.h --------------------------------------------------- */

/* The weights of apportion_with(): a few values that repeat, remainders
 * spread evenly, spread evenly but for every fifth unit, which shares one
 * remainder away from the half (Hamilton's even window falls short, and its
 * histogram, or a window at a sampled threshold, follows), or all but the
 * first (which weighs nothing) within a hair of 1: the last three seats go
 * to three of thousands of priorities no window around the first divisor
 * holds. */
enum weights { REPEATING, EVEN, EVEN_BUT_A_FIFTH, A_HAIR_APART };

static double weight_at(enum weights kind, size_t i)
{
	/* Weyl's sequence i * (golden ratio - 1) modulo 1: spread evenly */
	double spread = 1 + 1000 * fmod((double)i * 0.6180339887498949, 1.0);
	switch (kind) {
	case REPEATING: return (double)(i % 7 + 1);
	case EVEN: return spread;
	case EVEN_BUT_A_FIFTH: return i % 5 == 0 ? 700.25 : spread;
	default: return i == 0 ? 0.0 : i % 2 ? 1 + (double)i * 0x1p-40 : 1.0;
	}
}

/* Apportions 3 seats a unit over n units with the given method, bounds,
 * threads and weights. */
static int apportion_with(opv_error *err, opv_method method, int bounded, unsigned threads,
                          size_t n, enum weights kind)
{
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	opv_tuning t = OPV_TUNING_INIT;
	double *w = malloc(n * sizeof *w);
	int64_t *lower = malloc(n * sizeof *lower), *upper = malloc(n * sizeof *upper);
	int64_t *seats = malloc(n * sizeof *seats);
	size_t i;
	int rc;
	ck_assert(w && lower && upper && seats);
	for (i = 0; i < n; i++) {
		w[i] = weight_at(kind, i);
		lower[i] = 0;
		upper[i] = 1000;
	}
	o.method = method;
	t.threads = threads;
	if (bounded) {
		lower[0] = 5;
		upper[1] = 1;
		o.lower = lower;
		o.upper = upper;
	}
	POISON_N(seats, n);
	rc = LIB(opv_apportion_tuned(seats, w, n, (int64_t)n * 3, &o, &t, err));
	if (rc != OPV_OK)
		UNTOUCHED_N(seats, n);
	if (kind != REPEATING && method == OPV_HAMILTON && !failmalloc_fired()) {
		/* the weights take the route they are here for */
		enum opv__hamilton_route route;
		opv_error e = OPV_ERROR_INIT;
		ck_assert_int_eq(opv__hamilton_stream(seats, w, n, (int64_t)n * 3, OPV_TIE_LOWER_INDEX,
		                                      threads, NULL, &route, &e), OPV_OK);
		if (kind == EVEN)
			ck_assert_int_eq(route, OPV__ROUTE_ROUND);
		else  /* the even window falls short; a sampled one may hold */
			ck_assert(route == OPV__ROUTE_ROUND_THEN_HISTOGRAM ||
			          route == OPV__ROUTE_ROUND_AGAIN);
	}
	if (kind != REPEATING && method != OPV_HAMILTON && !failmalloc_fired()) {
		struct opv__trace trace = { 0 };
		opv_error e = OPV_ERROR_INIT;
		ck_assert_int_eq(opv__apportion_traced(seats, w, n, (int64_t)n * 3, &o, &t, &trace, &e),
		                 OPV_OK);
		ck_assert_int_eq(trace.divisor, kind == EVEN ? OPV__DIVISOR_WINDOW
		                                             : OPV__DIVISOR_WINDOW_THEN_SEARCH);
	}
	free(w);
	free(lower);
	free(upper);
	free(seats);
	return rc;
}

#define APPORTION_OP(name, method, bounded, threads, n, kind)  \
	static int op_##name(opv_error *err)                    \
	{                                                       \
		return apportion_with(err, method, bounded, threads, n, kind); \
	}
APPORTION_OP(apportion_hamilton, OPV_HAMILTON, 0, 1, 50, REPEATING)
APPORTION_OP(apportion_hamilton_bounded, OPV_HAMILTON, 1, 1, 50, REPEATING)
APPORTION_OP(apportion_sainte_lague, OPV_WEBSTER, 0, 1, 50, REPEATING)
APPORTION_OP(apportion_dhondt_bounded, OPV_JEFFERSON, 1, 1, 50, REPEATING)
APPORTION_OP(apportion_adams, OPV_ADAMS, 0, 1, 50, REPEATING)
APPORTION_OP(apportion_hill_bounded, OPV_HUNTINGTON_HILL, 1, 1, 50, REPEATING)
/* Threads only for at least 2^17 units a thread. */
APPORTION_OP(apportion_threads, OPV_HAMILTON, 0, 2, (size_t)1 << 18, REPEATING)
/* Hamilton's two-pass route, which settles the seats near the half, and its
 * way back to the histogram: nothing may fail after the seats are written. */
APPORTION_OP(apportion_rounding, OPV_HAMILTON, 0, 2, (size_t)1 << 18, EVEN)
APPORTION_OP(apportion_rounding_back, OPV_HAMILTON, 0, 2, (size_t)1 << 18, EVEN_BUT_A_FIFTH)
/* The divisor methods' route of one pass, which writes the caller's seats,
 * and its way back to the search for a divisor. */
APPORTION_OP(apportion_dhondt_window, OPV_JEFFERSON, 0, 1, 4000, EVEN)
APPORTION_OP(apportion_dhondt_window_back, OPV_JEFFERSON, 0, 1, 4000, A_HAIR_APART)

static int op_distribute(opv_error *err)
{
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_distribution_columns c;
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	double weight[342], quota[342], remainder[342], priority[342];
	int64_t places[342], amv[342], regular[342], floor_[342], rank[342];
	int rc;
	o_total = 96000;
	o_amv = 8140;
	o.method = OPV_WEBSTER;
	o.amv_mode = OPV_AMV_APPORTION;
	c = (opv_distribution_columns){ OPV_DISTRIBUTION_COLUMNS_VERSION, weight, quota, places, amv,
	                                regular, floor_, remainder, rank, priority };
	POISON(weight); POISON(quota); POISON(remainder); POISON(priority); POISON(places);
	POISON(amv); POISON(regular); POISON(floor_); POISON(rank);
	POISON_VERSIONED(sum, OPV_DISTRIBUTION_SUMMARY_VERSION);
	rc = LIB(opv_distribute(&c, &sum, nl, o_total, o_amv, NULL, &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(weight); UNTOUCHED(quota); UNTOUCHED(remainder); UNTOUCHED(priority);
		UNTOUCHED(places); UNTOUCHED(amv); UNTOUCHED(regular); UNTOUCHED(floor_);
		UNTOUCHED(rank);
		ck_assert_msg(untouched_versioned(sum), "sum was written on failure");
	}
	return rc;
}

static int op_distribute_ses(opv_error *err)
{
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_distribution_columns c = OPV_DISTRIBUTION_COLUMNS_INIT;
	int64_t places[4];
	int rc;
	o_total = 1000;
	o_amv = 100;
	o.ses_transform = OPV_SES_LINEAR;
	c.places = places;
	POISON(places);
	{
		const double ses[] = { 0.1, -0.2, 0.3, 0.0 };
		rc = LIB(opv_distribute(&c, NULL, reg, o_total, o_amv, ses, &o, err));
	}
	if (rc != OPV_OK)
		UNTOUCHED(places);
	return rc;
}

static int op_distribute_many(opv_error *err)
{
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_amv = 0;
	const int64_t totals[] = { 1000, 2000, 3000 };
	int64_t places[3 * 342], amv[3 * 342];
	int rc;
	o_amv = 100;
	POISON(places);
	POISON(amv);
	rc = LIB(opv_distribute_many(places, amv, nl, totals, 3, o_amv, NULL, &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(places);
		UNTOUCHED(amv);
	}
	return rc;
}


HANDLE_OP(compare_parse_csv, opv_comparison, opv_comparison_free,
          opv_compare_parse_csv(&out, reg, four_places, four_amv, compare_csv,
                                strlen(compare_csv), "c.csv", err))

static int op_compare_load_csv(opv_error *err)
{
	char path[256];
	opv_comparison *out;
	int rc;
	write_file(path, sizeof path, "c.csv", compare_csv);
	POISON(out);
	rc = LIB(opv_compare_load_csv(&out, reg, four_places, four_amv, path, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_comparison_free(out);
	unlink(path);
	return rc;
}

/* ---- housing.h ------------------------------------------------------------------------- */

static int op_housing_task(opv_error *err)
{
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	opv_housing_columns c;
	opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
	int64_t task[4], swapped[4], carried[4], corrected[4], balance[4];
	const int64_t previous[] = { 3, -2, 0, 1 }, realised[] = { 10, 20, 5, 1 };
	const opv_swap swaps[] = { { "A", "GM0001", 3 }, { "A", "GM0002", -3 } };
	int rc;
	o.national = 13000;
	o.period = (opv_period){ 2025, 2 };
	c = (opv_housing_columns){ OPV_HOUSING_COLUMNS_VERSION, task, swapped, carried, corrected, balance };
	POISON(task); POISON(swapped); POISON(carried); POISON(corrected); POISON(balance);
	POISON_VERSIONED(sum, OPV_HOUSING_SUMMARY_VERSION);
	rc = LIB(opv_housing_task(&c, &sum, reg, previous, realised, swaps, 2, &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(task); UNTOUCHED(swapped); UNTOUCHED(carried); UNTOUCHED(corrected);
		UNTOUCHED(balance);
		ck_assert_msg(untouched_versioned(sum), "sum was written on failure");
	}
	return rc;
}

static int op_housing_run(opv_error *err)
{
	const int64_t national[] = { 13000, 12000, 11000 };
	const int64_t realised[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	int64_t task[12], corrected[12], balance[12];
	int rc;
	POISON(task); POISON(corrected); POISON(balance);
	rc = LIB(opv_housing_run(task, corrected, balance, reg, (opv_period){ 2025, 1 }, national, 3,
	                         realised, NULL, 1, err));
	if (rc != OPV_OK) {
		UNTOUCHED(task); UNTOUCHED(corrected); UNTOUCHED(balance);
	}
	return rc;
}

HANDLE_OP(swap_table_parse_csv, opv_swap_table, opv_swap_table_free,
          opv_swap_table_parse_csv(&out, swaps_csv, strlen(swaps_csv), "s.csv", err))
HANDLE_OP(balance_history_parse_csv, opv_balance_history, opv_balance_history_free,
          opv_balance_history_parse_csv(&out, history_csv, strlen(history_csv), "h.csv", err))
HANDLE_OP(realised_log_parse_csv, opv_realised_log, opv_realised_log_free,
          opv_realised_log_parse_csv(&out, log_csv, strlen(log_csv), "g.csv", err))

#define LOAD_OP(name, type, freer, text, call)                \
	static int op_##name(opv_error *err)                      \
	{                                                         \
		char path[256];                                       \
		type *out;                                            \
		int rc;                                               \
		write_file(path, sizeof path, "in.csv", text);        \
		POISON(out);                                          \
		rc = LIB(call);                                       \
		if (rc != OPV_OK)                                     \
			UNTOUCHED(out);                                   \
		else                                                  \
			freer(out);                                       \
		unlink(path);                                         \
		return rc;                                            \
	}
LOAD_OP(swap_table_load_csv, opv_swap_table, opv_swap_table_free, swaps_csv,
        opv_swap_table_load_csv(&out, path, err))
LOAD_OP(balance_history_load_csv, opv_balance_history, opv_balance_history_free, history_csv,
        opv_balance_history_load_csv(&out, path, err))
LOAD_OP(realised_log_load_csv, opv_realised_log, opv_realised_log_free, log_csv,
        opv_realised_log_load_csv(&out, path, err))
LOAD_OP(locations_load_csv, opv_locations, opv_locations_free, locations_csv,
        opv_locations_load_csv(&out, reg, path, err))
LOAD_OP(tasks_load_csv, opv_tasks, opv_tasks_free, tasks_csv,
        opv_tasks_load_csv(&out, reg, path, err))

static int op_supervision(opv_error *err)
{
	opv_supervision_options o = OPV_SUPERVISION_OPTIONS_INIT;
	int64_t misses[4];
	opv_supervision_state states[4];
	int rc;
	POISON(misses);
	POISON(states);
	rc = LIB(opv_supervision(misses, states, reg, opv_balance_history_records(history),
	                     opv_balance_history_count(history), &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(misses);
		UNTOUCHED(states);
	}
	return rc;
}

static int op_housing_realisation(opv_error *err)
{
	opv_realisation_options o = OPV_REALISATION_OPTIONS_INIT;
	opv_realisation_columns c;
	int64_t realised[4];
	double share[4], expected[4], projected[4], passed;
	const int64_t task[] = { 50, 40, 30, 20 };
	int rc;
	o.period = (opv_period){ 2026, 1 };
	o.as_of = day_of("2026-04-15");
	c = (opv_realisation_columns){ OPV_REALISATION_COLUMNS_VERSION, realised, share, expected, projected };
	POISON(realised); POISON(share); POISON(expected); POISON(projected); POISON(passed);
	rc = LIB(opv_housing_realisation(&c, &passed, reg, task, rlog, &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(realised); UNTOUCHED(share); UNTOUCHED(expected); UNTOUCHED(projected);
		UNTOUCHED(passed);
	}
	return rc;
}

static int op_ladder_run(opv_error *err)
{
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *out;
	int rc;
	o.as_of = day_of("2026-01-15");
	o.tolerance_ppm = 50000;
	POISON(out);
	rc = LIB(opv_ladder_run(&out, reg, history, &o, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_ladder_free(out);
	return rc;
}

/* ---- places.h ---------------------------------------------------------------------------- */

HANDLE_OP(locations_parse_csv, opv_locations, opv_locations_free,
          opv_locations_parse_csv(&out, reg, locations_csv, strlen(locations_csv), "l.csv", err))
HANDLE_OP(tasks_parse_csv, opv_tasks, opv_tasks_free,
          opv_tasks_parse_csv(&out, reg, tasks_csv, strlen(tasks_csv), "t.csv", err))
HANDLE_OP(tasks_from_key, opv_tasks, opv_tasks_free,
          opv_tasks_from_key(&out, nl, NULL, 96000, 8140, err))
HANDLE_OP(tasks_new, opv_tasks, opv_tasks_free,
          opv_tasks_new(&out, reg, four_places, four_amv, OPV_TASK_FILE, "decision", err))

static int op_compliance_on(opv_error *err)
{
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_compliance *out;
	int rc;
	o.existing_min_places = 100;
	POISON(out);
	opv_day d = day_of("2026-07-01");
	rc = LIB(opv_compliance_on(&out, reg, locs, tasks, d, &o, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_compliance_free(out);
	return rc;
}

static int op_places_on(opv_error *err)
{
	opv_places_options o = OPV_PLACES_OPTIONS_INIT;
	opv_places_columns c;
	int64_t total[4], above[4], counting[4], gap[4];
	int rc;
	o.date = day_of("2026-07-01");
	c = (opv_places_columns){ OPV_PLACES_COLUMNS_VERSION, total, above, counting, gap };
	POISON(total); POISON(above); POISON(counting); POISON(gap);
	rc = LIB(opv_places_on(&c, reg, locs, four_places, &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(total); UNTOUCHED(above); UNTOUCHED(counting); UNTOUCHED(gap);
	}
	return rc;
}

static int op_places_shortfalls(opv_error *err)
{
	const int64_t gap[] = { 5, -3, 8, 0 };
	size_t order[4], count;
	int rc;
	POISON(order);
	POISON(count);
	rc = LIB(opv_places_shortfalls(order, &count, gap, 4, err));
	if (rc != OPV_OK) {
		UNTOUCHED(order);
		UNTOUCHED(count);
	}
	return rc;
}

static int op_compliance_shortfalls(opv_error *err)
{
	size_t order[4], count;
	int rc;
	POISON(order);
	POISON(count);
	rc = LIB(opv_compliance_shortfalls(order, &count, comp, OPV_LEVEL_MUNICIPALITY, err));
	if (rc != OPV_OK) {
		UNTOUCHED(order);
		UNTOUCHED(count);
	}
	return rc;
}

static int op_capacity_timeline(opv_error *err)
{
	int64_t cap[5 * OPV_LOCATION_TYPE_COUNT];
	int rc;
	POISON(cap);
	rc = LIB(opv_capacity_timeline(cap, 5, OPV_LOCATION_TYPE_COUNT, reg, locs, day_of("2026-06-01"),
	                           OPV_BY_TYPE, err));
	if (rc != OPV_OK)
		UNTOUCHED(cap);
	return rc;
}

static int op_capacity_changes(opv_error *err)
{
	opv_capacity_change changes[16];
	size_t count;
	int rc;
	POISON(changes);
	POISON(count);
	rc = LIB(opv_capacity_changes(changes, 16, &count, locs, day_of("2020-01-01"),
	                          day_of("2030-01-01"), err));
	if (rc != OPV_OK) {
		UNTOUCHED(changes);
		UNTOUCHED(count);
	}
	return rc;
}

/* ---- projection.h ------------------------------------------------------------------------- */

HANDLE_OP(scenario_parse_json, opv_scenario, opv_scenario_free,
          opv_scenario_parse_json(&out, scenario_json, strlen(scenario_json), "s.json", NULL, reg,
                                  err))

static const char scenario_with_files[] =
	"{\"start\": \"2026-06-29\", \"weeks\": 3,"
	" \"initial\": {\"in_procedure\": 0, \"status_holders\": 0, \"other\": 0},"
	" \"inflow_per_week\": 10, \"decision_rate\": 0.1, \"grant_rate\": 0.5,"
	" \"housing_per_week\": 1, \"departure_rate\": 0,"
	" \"capacity\": {\"initial\": 50000, \"locations\": \"synthetic_locations.csv\"}}";

static int op_scenario_load_json(opv_error *err)
{
	char path[256];
	opv_scenario *out;
	int rc;
	write_file(path, sizeof path, "s.json", scenario_json);
	POISON(out);
	rc = LIB(opv_scenario_load_json(&out, path, reg, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_scenario_free(out);
	unlink(path);
	return rc;
}

HANDLE_OP(scenario_parse_json_locations, opv_scenario, opv_scenario_free,
          opv_scenario_parse_json(&out, scenario_with_files, strlen(scenario_with_files),
                                  "s.json", OPV_TEST_DIR "/../examples/data", NULL, err))

static int op_project(opv_error *err)
{
	opv_projection_row rows[7];
	int rc;
	POISON(rows);
	rc = LIB(opv_project(rows, 7, scen, err));
	if (rc != OPV_OK)
		UNTOUCHED(rows);
	return rc;
}

HANDLE_OP(projection_run, opv_projection, opv_projection_free,
          opv_projection_run(&out, scen, err))

static int op_monte_carlo_run(opv_error *err)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo *out;
	int rc;
	o.runs = 5;
	POISON(out);
	rc = LIB(opv_monte_carlo_run(&out, scen, &o, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_monte_carlo_free(out);
	return rc;
}

static int op_project_monte_carlo(opv_error *err)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo_week weeks[7];
	int64_t peak[5];
	int32_t at[5];
	int rc;
	o.runs = 5;
	POISON(weeks); POISON(peak); POISON(at);
	rc = LIB(opv_project_monte_carlo(weeks, 7, peak, at, scen, &o, err));
	if (rc != OPV_OK) {
		UNTOUCHED(weeks); UNTOUCHED(peak); UNTOUCHED(at);
	}
	return rc;
}

/* Runs 0..2 made here, runs 3..4 (mc_b) merged into them. */
static int op_monte_carlo_merge(opv_error *err)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_monte_carlo *a = NULL;
	opv_monte_carlo_week before[7], after[7];
	int rc;
	o.runs = 3;
	rc = LIB(opv_monte_carlo_run(&a, scen, &o, err));
	if (rc != OPV_OK)
		return rc;
	ck_assert_int_eq(opv_monte_carlo_weeks(before, 7, a, NULL), OPV_OK);
	rc = LIB(opv_monte_carlo_merge(a, mc_b, err));
	if (rc != OPV_OK) {
		ck_assert_uint_eq(opv_monte_carlo_runs(a), 3);
		ck_assert_int_eq(opv_monte_carlo_weeks(after, 7, a, NULL), OPV_OK);
		ck_assert_msg(!memcmp(before, after, sizeof before), "the merge changed its target");
	} else {
		ck_assert_uint_eq(opv_monte_carlo_runs(a), 5);
	}
	opv_monte_carlo_free(a);
	return rc;
}

static int op_monte_carlo_weeks(opv_error *err)
{
	opv_monte_carlo_week weeks[7];
	int rc;
	POISON(weeks);
	rc = LIB(opv_monte_carlo_weeks(weeks, 7, mc_b, err));
	if (rc != OPV_OK)
		UNTOUCHED(weeks);
	return rc;
}

/* NaN tells of a failure: the function has no status. */
static int op_monte_carlo_peak_percentile(opv_error *err)
{
	double q;
	failmalloc_resume();
	q = opv_monte_carlo_peak_percentile(mc_b, 0.5);
	failmalloc_pause();
	if (isnan(q)) {
		snprintf(err->message, sizeof err->message, "NaN");
		return err->code = OPV_ENOMEM;
	}
	return OPV_OK;
}

static int op_sensitivity_run(opv_error *err)
{
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	const char *names[] = { "inflow_per_week" };
	const double amounts[] = { 100 };
	opv_sensitivity *out;
	int rc;
	o.absolute_inputs = names;
	o.absolute_amounts = amounts;
	o.nabsolute = 1;
	POISON(out);
	rc = LIB(opv_sensitivity_run(&out, scen, &o, err));
	if (rc != OPV_OK)
		UNTOUCHED(out);
	else
		opv_sensitivity_free(out);
	return rc;
}

static int op_sensitivity_options_check(opv_error *err)
{
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	const char *names[] = { "inflow_per_week" };
	const double amounts[] = { 100 };
	o.absolute_inputs = names;
	o.absolute_amounts = amounts;
	o.nabsolute = 1;
	return LIB(opv_sensitivity_options_check(scen, &o, err));
}

static int op_sensitivity_write_svg(opv_error *err)
{
	char path[256];
	int rc;
	snprintf(path, sizeof path, "%s/tornado.svg", tmpdir);
	rc = LIB(opv_sensitivity_write_svg(sens, path, err));
	if (rc != OPV_OK)
		ck_assert_msg(access(path, F_OK) != 0, "a failed write leaves %s", path);
	unlink(path);
	return rc;
}

/* ---- report.h ------------------------------------------------------------------------------ */

static opv_report_housing *report_housing(opv_error *err, int *rc)
{
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	const int64_t previous[] = { 3, -2, 0, 1 }, realised[] = { 10, 20, 5, 1 };
	opv_report_housing *out;
	o.national = 13000;
	o.period = (opv_period){ 2025, 2 };
	POISON(out);
	*rc = LIB(opv_report_housing_new(&out, reg, reg, &o, previous, realised, history, err));
	if (*rc != OPV_OK) {
		UNTOUCHED(out);
		return NULL;
	}
	return out;
}

static int op_report_housing_new(opv_error *err)
{
	int rc;
	opv_report_housing_free(report_housing(err, &rc));
	return rc;
}

/* The whole report: compliance pages, the housing task and the projection
 * with its Monte Carlo band. */
static int op_report_write(opv_error *err)
{
	opv_report_options o = OPV_REPORT_OPTIONS_INIT;
	opv_monte_carlo_options mc = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_report_housing *h;
	char path[256], cmd[300];
	int rc;
	h = report_housing(err, &rc);
	if (!h)
		return rc;
	mc.runs = 3;
	o.locations_name = "l.csv";
	o.tasks_name = "t.csv";
	o.scenario = scen;
	o.scenario_name = "s.json";
	o.monte_carlo = &mc;
	o.housing = h;
	snprintf(path, sizeof path, "%s/report", tmpdir);
	rc = LIB(opv_report_write(path, reg, locs, tasks, day_of("2026-07-01"), &o, err));
	opv_report_housing_free(h);
	if (rc != OPV_OK) {
		ck_assert_msg(tmpdir_empty_but(NULL), "a failed report leaves files in %s", tmpdir);
		return rc;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
	ck_assert_int_eq(system(cmd), 0);
	return rc;
}

/* ---- the functions that never allocate ------------------------------------------------------ */

/* Evaluates an expression with every allocation failing; it must make no attempt. */
#define NOALLOC(expr)                                                                     \
	do {                                                                                  \
		failmalloc_fail_at(0);                                                            \
		(void)(expr);                                                                     \
		ck_assert_msg(failmalloc_attempts() == 0, "%s allocates", #expr);                 \
		failmalloc_fail_at(-1);                                                           \
		nfunctions++;                                                                     \
	} while (0)

static int nfunctions;

START_TEST(these_never_allocate)
{
	opv_error err = OPV_ERROR_INIT;
	opv_day d = 0;
	opv_period per;
	opv_method method;
	opv_every every;
	opv_ses_transform transform;
	opv_amv_mode amv_mode;
	opv_durability durability;
	opv_location_type ltype;
	opv_stage stage;
	unsigned int bits;
	char buf[64];
	size_t idx, order[4], count;
	int64_t v4[4], backlog[4], advance[4], net[4];
	double expected[7];
	opv_ladder_options lo = OPV_LADDER_OPTIONS_INIT;
	opv_compliance_options co = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_count_reason reason;
	int64_t counting;
	const int64_t balance[] = { 3, -2, 0, 1 };
	opv_comparison *cmp = NULL;
	opv_swap_table *swaps = NULL;
	opv_ladder *ladder = NULL;
	opv_projection *proj = NULL;
	opv_monte_carlo *mc = NULL;
	const opv_location *loc;

	MADE(opv_compare_parse_csv(&cmp, reg, four_places, four_amv, compare_csv, strlen(compare_csv),
	                           "c.csv", E));
	MADE(opv_swap_table_parse_csv(&swaps, swaps_csv, strlen(swaps_csv), "s.csv", E));
	lo.as_of = day_of("2026-01-15");
	MADE(opv_ladder_run(&ladder, reg, history, &lo, E));
	MADE(opv_projection_run(&proj, scen, E));
	{
		opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
		o.runs = 3;
		MADE(opv_monte_carlo_run(&mc, scen, &o, E));
	}
	loc = opv_locations_at(locs, 0);

	/* core.h */
	NOALLOC(opv_strerror(OPV_ENOMEM));
	NOALLOC((opv_error_clear(&err), 0));
	NOALLOC(opv_version());
	NOALLOC(opv_version_number());
	/* date.h (opv_date_series is tested below) */
	NOALLOC(opv_date_parse(&d, "2026-07-01", &err));
	NOALLOC(opv_date_format(buf, sizeof buf, d, &err));
	NOALLOC(opv_date_add_years(d, 5));
	NOALLOC(opv_every_name(OPV_EVERY_MONTH));
	NOALLOC(opv_every_from_name(&every, "month", &err));
	/* apportion.h */
	NOALLOC(opv_method_from_name(&method, "hill", &err));
	NOALLOC(opv_method_name(OPV_JEFFERSON));
	/* io.h */
	NOALLOC((opv_keyed_values_free(NULL), 0));
	NOALLOC(opv_keyed_values_count(ses_kv));
	NOALLOC(opv_keyed_values_key(ses_kv, 0));
	NOALLOC(opv_keyed_values_value(ses_kv, 0));
	NOALLOC(opv_keyed_values_line(ses_kv, 0));
	NOALLOC(opv_keyed_values_source(ses_kv));
	/* register.h */
	NOALLOC(opv_register_embedded_date(0));
	NOALLOC((opv_register_free(NULL), 0));
	NOALLOC(opv_register_count(reg));
	NOALLOC(opv_register_at(reg, 0));
	NOALLOC(opv_register_find(&idx, nl, "GM0363", &err));
	NOALLOC(opv_register_population(reg));
	NOALLOC(opv_register_has_ses(reg));
	NOALLOC(opv_register_reference_date(nl));
	NOALLOC(opv_register_source(reg));
	NOALLOC(opv_register_province_count(reg));
	NOALLOC(opv_register_province_at(reg, 1));
	NOALLOC(opv_register_province_of(reg, 2));
	NOALLOC(opv_merger_at(0));
	NOALLOC(opv_register_merger_of(nl, "GM0501"));
	NOALLOC(opv_register_maps_mergers(reg));
	/* distribution.h */
	NOALLOC(opv_ses_transform_name(OPV_SES_LINEAR));
	NOALLOC(opv_ses_transform_from_name(&transform, "linear", &err));
	NOALLOC(opv_amv_mode_name(OPV_AMV_APPORTION));
	NOALLOC(opv_amv_mode_from_name(&amv_mode, "apportion", &err));
	NOALLOC((opv_comparison_free(NULL), 0));
	NOALLOC(opv_comparison_count(cmp));
	NOALLOC(opv_comparison_at(cmp, 0));
	NOALLOC(opv_comparison_exact(cmp));
	NOALLOC(opv_comparison_largest(cmp));
	/* housing.h */
	NOALLOC(opv_period_parse(&per, "2025-H2", &err));
	NOALLOC(opv_period_format(buf, sizeof buf, per, &err));
	NOALLOC(opv_period_next(per));
	NOALLOC(opv_period_compare(per, per));
	NOALLOC(opv_period_reference_date(buf, sizeof buf, per, &err));
	NOALLOC(opv_housing_backlog(backlog, advance, net, balance, 4, &err));
	NOALLOC(opv_housing_expected(expected, 600, 3, &err));
	NOALLOC((opv_swap_table_free(NULL), 0));
	NOALLOC(opv_swap_table_count(swaps));
	NOALLOC(opv_swap_table_swaps(swaps));
	NOALLOC(opv_supervision_state_name(OPV_SIGNAL));
	NOALLOC((opv_balance_history_free(NULL), 0));
	NOALLOC(opv_balance_history_count(history));
	NOALLOC(opv_balance_history_records(history));
	NOALLOC(opv_balance_history_tasks(history));
	NOALLOC(opv_realised_kind_name(OPV_REALISED_FAMILY));
	NOALLOC(opv_realised_kinds_parse(&bits, "woning,nareis", &err));
	NOALLOC((opv_realised_log_free(NULL), 0));
	NOALLOC(opv_stage_name(OPV_STAGE_TALK));
	NOALLOC(opv_stage_from_name(&stage, "warning", &err));
	NOALLOC(opv_ladder_tolerance_parse(&lo, "5%", &err));
	NOALLOC(opv_ladder_options_check(&lo, &err));
	NOALLOC((opv_ladder_free(NULL), 0));
	NOALLOC(opv_ladder_count(ladder));
	NOALLOC(opv_ladder_get(ladder, OPV_LADDER_STAGE, 0));
	NOALLOC(opv_ladder_column_name(OPV_LADDER_TASK));
	NOALLOC(opv_ladder_period(ladder));
	/* places.h */
	NOALLOC(opv_location_type_name(OPV_LOCATION_HOTEL));
	NOALLOC(opv_location_type_from_name(&ltype, "azc", &err));
	NOALLOC((opv_locations_free(NULL), 0));
	NOALLOC(opv_locations_count(locs));
	NOALLOC(opv_locations_at(locs, 0));
	NOALLOC(opv_location_is_open(loc, d));
	NOALLOC(opv_location_counts(loc, 5));
	NOALLOC(opv_durability_name(OPV_DURABLE_REMAINING));
	NOALLOC(opv_durability_from_name(&durability, "remaining", &err));
	NOALLOC(opv_location_types_parse(&bits, "azc,amv", &err));
	NOALLOC(opv_count_reason_name(OPV_NOT_DURABLE));
	NOALLOC(opv_location_assess(&reason, &counting, loc, d, &co, &err));
	NOALLOC(opv_task_source_name(OPV_TASK_KEY_SES));
	NOALLOC((opv_tasks_free(NULL), 0));
	NOALLOC(opv_tasks_source(tasks));
	NOALLOC(opv_tasks_origin(tasks));
	NOALLOC(opv_tasks_values(v4, NULL, 4, tasks, &err));
	NOALLOC(opv_level_name(OPV_LEVEL_PROVINCE));
	NOALLOC(opv_compliance_column_name(OPV_COLUMN_GAP));
	NOALLOC(opv_compliance_column_needs_task(OPV_COLUMN_GAP));
	NOALLOC((opv_compliance_free(NULL), 0));
	NOALLOC(opv_compliance_day(comp));
	NOALLOC(opv_compliance_has_task(comp));
	NOALLOC(opv_compliance_rows(comp, OPV_LEVEL_MUNICIPALITY));
	NOALLOC(opv_compliance_get(v4, 4, comp, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, &err));
	/* projection.h */
	NOALLOC((opv_scenario_free(NULL), 0));
	NOALLOC(opv_scenario_weeks(scen));
	NOALLOC(opv_scenario_start(scen));
	NOALLOC(opv_scenario_has_monte_carlo(scen));
	NOALLOC(opv_projection_column_name(OPV_PROJECTION_SHORTAGE));
	NOALLOC((opv_projection_free(NULL), 0));
	NOALLOC(opv_projection_rows(proj));
	NOALLOC(opv_projection_date(proj, 1));
	NOALLOC(opv_projection_get(proj, OPV_PROJECTION_SHORTAGE, 1));
	NOALLOC(opv_scenario_reference_count(scen));
	NOALLOC(opv_scenario_reference_at(scen, 0));
	NOALLOC((opv_monte_carlo_free(NULL), 0));
	NOALLOC(opv_monte_carlo_runs(mc));
	{
		opv_day series[64];
		NOALLOC(opv_date_series(series, 64, &count, day_of("2026-01-01"), day_of("2026-12-31"),
		                        OPV_EVERY_WEEK, &err));
	}
	NOALLOC((opv_sensitivity_free(NULL), 0));
	NOALLOC(opv_sensitivity_count(sens));
	NOALLOC(opv_sensitivity_input(sens, 0));
	NOALLOC(opv_sensitivity_value(sens, 0, OPV_SENSITIVITY_HIGH));
	NOALLOC(opv_sensitivity_shortage(sens, 0, OPV_SENSITIVITY_LOW));
	NOALLOC(opv_sensitivity_date(sens));
	NOALLOC(opv_sensitivity_base(sens));
	/* report.h */
	NOALLOC((opv_report_housing_free(NULL), 0));
	(void)order;
	(void)count;
	opv_monte_carlo_free(mc);
	opv_projection_free(proj);
	opv_ladder_free(ladder);
	opv_swap_table_free(swaps);
	opv_comparison_free(cmp);
}
END_TEST

/* ---- the suite ------------------------------------------------------------------------------ */

#define EVERY_OP(X) \
	X(register_default) \
	X(register_embedded) \
	X(register_parse_csv) \
	X(register_map_mergers) \
	X(period_register) \
	X(register_load_csv) \
	X(register_merged_in) \
	X(keyed_values_parse_csv) \
	X(keyed_values_load_csv) \
	X(register_with_ses) \
	X(register_align_int64) \
	X(register_sum_by_province) \
	X(apportion_hamilton) \
	X(apportion_hamilton_bounded) \
	X(apportion_sainte_lague) \
	X(apportion_dhondt_bounded) \
	X(apportion_adams) \
	X(apportion_hill_bounded) \
	X(apportion_threads) \
	X(apportion_rounding) \
	X(apportion_rounding_back) \
	X(apportion_dhondt_window) \
	X(apportion_dhondt_window_back) \
	X(distribute) \
	X(distribute_ses) \
	X(distribute_many) \
	X(compare_parse_csv) \
	X(compare_load_csv) \
	X(housing_task) \
	X(housing_run) \
	X(swap_table_parse_csv) \
	X(balance_history_parse_csv) \
	X(realised_log_parse_csv) \
	X(swap_table_load_csv) \
	X(balance_history_load_csv) \
	X(realised_log_load_csv) \
	X(locations_load_csv) \
	X(tasks_load_csv) \
	X(supervision) \
	X(housing_realisation) \
	X(ladder_run) \
	X(locations_parse_csv) \
	X(tasks_parse_csv) \
	X(tasks_from_key) \
	X(tasks_new) \
	X(compliance_on) \
	X(places_on) \
	X(places_shortfalls) \
	X(compliance_shortfalls) \
	X(capacity_timeline) \
	X(capacity_changes) \
	X(monte_carlo_peak_percentile) \
	X(project) \
	X(projection_run) \
	X(monte_carlo_run) \
	X(project_monte_carlo) \
	X(monte_carlo_merge) \
	X(monte_carlo_weeks) \
	X(sensitivity_run) \
	X(sensitivity_options_check) \
	X(sensitivity_write_svg) \
	X(report_housing_new) \
	X(report_write) \

#define SCENARIO_OPS(X) X(scenario_parse_json) X(scenario_load_json) X(scenario_parse_json_locations)

#define OP_TEST(name) \
	START_TEST(fail_##name) { every_failure(#name, op_##name); } END_TEST

/* The scenarios: only the first allocation of jansson's parser fails
 * (failmalloc.c says why). */
#define SCENARIO_OP_TEST(name) OP_TEST(name)
EVERY_OP(OP_TEST)
SCENARIO_OPS(SCENARIO_OP_TEST)

int main(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("every allocation fails");
	TCase *none = tcase_create("no allocation");
#define ADD(name) tcase_add_test(tc, fail_##name);
	EVERY_OP(ADD)
	SCENARIO_OPS(ADD)
#undef ADD
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_checked_fixture(none, setup, teardown);
	tcase_add_test(none, these_never_allocate);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, none);
	return run_suite(s);
}
