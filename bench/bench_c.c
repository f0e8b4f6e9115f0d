/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opvang-bench: times the C API on the cases of bench/README.md and prints
 * one JSON object per line, for bench/run.py to set beside its NumPy
 * references.
 *
 *     opvang-bench [--scenario FILE] [--dump DIR] [--only GROUP] [--budget SECONDS]
 *                  [--memory]
 *
 * GROUP is apportion, distribute, housing, sweep, monte-carlo (default: all
 * of these) or monte-carlo-scale (10^7 runs: only when named).
 * With --dump, the inputs and results of every case are written to DIR as raw
 * little-endian arrays (weights as float64, seats as int64, ...) so that the
 * harness can check that the references compute exactly the same thing.
 * Timing never includes writing them.
 *
 * With --memory, every case runs once, unrepeated, and reports the resident
 * memory before the call (inputs in place) and at its peak.  Large blocks
 * are then always mmap'ed, so that what one case frees is returned to the
 * system and the next case starts from its own baseline.  That costs page
 * faults on every call, which is why it is a mode of its own and not what
 * the timings run under.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "opvang.h"
#define OPV_EXPERIMENTAL_API  /* 1 and 2 threads */
#include "opvang/experimental.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "bench_data.h"
#include "bench_memory.h"
#include "bench_timing.h"

/* The national figures of the 2024-2025 distribution and the 2025-H2 housing task. */
#define DISTRIBUTE_TOTAL 96000
#define DISTRIBUTE_AMV 8140
#define HOUSING_NATIONAL 13000

/* The sweep: totals SWEEP_FIRST, SWEEP_FIRST + SWEEP_STEP, ... */
#define SWEEP_TOTALS 10000
#define SWEEP_FIRST 10000
#define SWEEP_STEP 17

#define MONTE_CARLO_RUNS 100000
#define MONTE_CARLO_SEED UINT64_C(20260330)

/* Units get 100 seats on average: quotas far from 0 and from each other. */
#define SEATS_PER_UNIT 100
/* Weights 1 .. 2^19: total * weight stays far inside int64 for the NumPy references. */
#define WEIGHT_BITS 19

/* A problem full of ties, checked but not timed: 10^4 weights 1 .. 16. */
#define TIES_UNITS 10000
#define TIES_BITS 4
#define TIES_TOTAL 12345

struct settings {
	const char *scenario;
	const char *dump_dir;
	const char *only;
	double budget;  /* seconds per case, roughly */
	int memory;     /* run each case once and report its memory */
};

/* ---- output -------------------------------------------------------------- */

static void fail(const char *what, const opv_error *err)
{
	fprintf(stderr, "opvang-bench: %s: %s\n", what,
	        err && err->message[0] ? err->message : "failed");
	exit(1);
}

static void *allocate(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size);
	if (!p) {
		fprintf(stderr, "opvang-bench: out of memory for %zu x %zu bytes\n", count, size);
		exit(1);
	}
	return p;
}

/* One JSON line: the case, its timing, its memory (in memory mode) and
 * `extra`, further "key": value pairs written by the caller. */
static void report(const char *name, const char *variant, size_t size,
                   const struct bench_timing *t, const struct bench_memory *m, const char *extra)
{
	printf("{\"case\": \"%s\", \"variant\": \"%s\", \"size\": %zu, \"median_s\": %.9g, "
	       "\"min_s\": %.9g, \"repeats\": %d, \"batch\": %ld",
	       name, variant, size, t->median, t->min, t->repeats, t->batch);
	if (m)
		printf(", \"rss_before_kib\": %ld, \"peak_rss_kib\": %ld, \"ru_maxrss_kib\": %ld, "
		       "\"peak_is_per_case\": %s",
		       m->current_kib, m->peak_kib, m->maxrss_kib, m->peak_is_reset ? "true" : "false");
	if (extra && extra[0])
		printf(", %s", extra);
	printf("}\n");
	fflush(stdout);
}

/* Writes `bytes` of `data` to DIR/name when dumping. */
static void dump(const struct settings *s, const char *name, const void *data, size_t bytes)
{
	char path[4096];
	FILE *f;
	if (!s->dump_dir)
		return;
	snprintf(path, sizeof path, "%s/%s", s->dump_dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, bytes, f) != bytes || fclose(f) != 0) {
		fprintf(stderr, "opvang-bench: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static int wanted(const struct settings *s, const char *group)
{
	return !s->only || strcmp(s->only, group) == 0;
}

/*
 * Measures one case: times it within `budget` seconds, or in memory mode
 * runs it once between the two memory readings.  Returns what the call
 * returned when it failed, else 0.
 */
static int run_case(const struct settings *s, struct bench_timing *t, struct bench_memory *m,
                    bench_call call, void *context, double budget, int max_repeats)
{
	double start;
	int rc;
	if (!s->memory)
		return bench_time(t, call, context, budget, max_repeats);
	bench_memory_start(m);
	start = bench_now();
	rc = call(context);
	t->median = t->min = bench_now() - start;
	t->repeats = 1;
	t->batch = 1;
	bench_memory_stop(m);
	return rc;
}

static const struct bench_memory *memory_of(const struct settings *s, const struct bench_memory *m)
{
	return s->memory ? m : NULL;
}

/* ---- case 1: apportionment, and the memory pass it is held against ------------ */

struct apportion_case {
	int64_t *seats;
	const double *weights;
	size_t n;
	int64_t total;
	opv_apportion_options options;
	opv_error err;
	opv_tuning tuning;
};

static int call_apportion(void *context)
{
	struct apportion_case *c = context;
	return opv_apportion_tuned(c->seats, c->weights, c->n, c->total, &c->options, &c->tuning,
	                           &c->err);
}

/* The least any apportionment must do: read n weights, write n seats.
 * Quotas against a precomputed factor, truncated, as a floor would be. */
struct memory_pass {
	int64_t *seats;
	const double *weights;
	size_t n;
	double factor;
};

static volatile int64_t memory_pass_sink;

static int call_memory_pass(void *context)
{
	struct memory_pass *c = context;
	size_t i;
	for (i = 0; i < c->n; i++)
		c->seats[i] = (int64_t)(c->weights[i] * c->factor);
	memory_pass_sink = c->seats[c->n / 2];
	return 0;
}

static void bench_memory_pass(const struct settings *s, int64_t *seats, const double *weights,
                              size_t n, int64_t total)
{
	struct memory_pass c = { seats, weights, n, 0 };
	struct bench_timing t;
	struct bench_memory m;
	double sum = 0;
	size_t i;
	for (i = 0; i < n; i++)
		sum += weights[i];
	c.factor = (double)total / sum;
	run_case(s, &t, &m, call_memory_pass, &c, s->budget, 1001);
	report("memory-pass", "read f64, write i64", n, &t, memory_of(s, &m), "");
}

/* Hamilton at the largest size on two threads, the parts of its passes
 * side by side. */
static void bench_hamilton_threads(const struct settings *s, int64_t *seats, const double *weights,
                                   size_t n, int64_t total)
{
	struct apportion_case c = { seats, weights, n, total, OPV_APPORTION_OPTIONS_INIT,
	                            OPV_ERROR_INIT, OPV_TUNING_INIT };
	struct bench_timing t;
	struct bench_memory m;
	char extra[64];
	c.tuning.threads = 2;
	snprintf(extra, sizeof extra, "\"total\": %lld, \"threads\": 2", (long long)total);
	if (run_case(s, &t, &m, call_apportion, &c, s->budget, 1001))
		fail("hamilton on 2 threads", &c.err);
	report("apportion", "hamilton, 2 threads", n, &t, memory_of(s, &m), extra);
	dump(s, "seats_hamilton_2_threads.i64", seats, n * sizeof *seats);
}

/* The memory pass and the apportionments in turns, round after round, so
 * that their ratio is taken under the same load: the median ratio of each
 * method on 1 and on 2 threads, for weights of one kind. */
#define PAIRED_ROUNDS 101
#define PAIRED_METHODS 5

static void bench_against_the_pass(int64_t *seats, const double *weights, size_t n, int64_t total,
                                   const char *kind, int rounds)
{
	static const opv_method methods[PAIRED_METHODS] = { OPV_HAMILTON, OPV_JEFFERSON, OPV_WEBSTER,
	                                                    OPV_ADAMS, OPV_HUNTINGTON_HILL };
	struct memory_pass pass = { seats, weights, n, 0 };
	struct apportion_case cases[2 * PAIRED_METHODS];
	bench_call calls[1 + 2 * PAIRED_METHODS];
	void *contexts[1 + 2 * PAIRED_METHODS];
	double seconds[1 + 2 * PAIRED_METHODS], ratio[1 + 2 * PAIRED_METHODS], sum = 0;
	int k, j;
	size_t i;
	for (i = 0; i < n; i++)
		sum += weights[i];
	pass.factor = (double)total / sum;
	calls[0] = call_memory_pass;
	contexts[0] = &pass;
	for (k = 0; k < 2 * PAIRED_METHODS; k++) {
		struct apportion_case c = { seats, weights, n, total, OPV_APPORTION_OPTIONS_INIT,
		                            OPV_ERROR_INIT, OPV_TUNING_INIT };
		c.options.method = methods[k / 2];
		c.tuning.threads = 1 + (unsigned)(k % 2);
		cases[k] = c;
		calls[1 + k] = call_apportion;
		contexts[1 + k] = &cases[k];
	}
	if (bench_time_paired(seconds, ratio, calls, contexts, 1 + 2 * PAIRED_METHODS, rounds))
		fail("apportionment against the memory pass", NULL);
	printf("{\"case\": \"paired\", \"variant\": \"apportion / memory pass, %s\", "
	       "\"size\": %zu, \"rounds\": %d, \"pass_s\": %.9g, \"methods\": {",
	       kind, n, rounds, seconds[0]);
	for (j = 0; j < PAIRED_METHODS; j++)
		printf("%s\"%s\": {\"seconds\": [%.9g, %.9g], \"ratio\": [%.4f, %.4f]}", j ? ", " : "",
		       opv_method_name(methods[j]), seconds[1 + 2 * j], seconds[2 + 2 * j],
		       ratio[1 + 2 * j], ratio[2 + 2 * j]);
	printf("}}\n");
	fflush(stdout);
}

/* The same for non-integer weights: bench_weights() times (1 + u), u = k / 2^22
 * with k + 1 from bench_weights() of 21 bits and the seed ^ 0x5DEECE66D, as
 * bench/reference.py's fractional_weights() makes them. */
static void bench_fractional_against_the_pass(const struct settings *s, int64_t *seats, size_t n,
                                              int64_t total)
{
	double *weights = allocate(n, sizeof *weights), *u = allocate(n, sizeof *u);
	size_t i;
	bench_weights(weights, n, (uint64_t)n, WEIGHT_BITS);
	bench_weights(u, n, (uint64_t)n ^ UINT64_C(0x5DEECE66D), 21);
	for (i = 0; i < n; i++)
		weights[i] *= 1 + (u[i] - 1) / 4194304.0;
	dump(s, "weights_fractional.f64", weights, n * sizeof *weights);
	bench_against_the_pass(seats, weights, n, total, "non-integer weights", PAIRED_ROUNDS);
	free(u);
	free(weights);
}

/* Weights of three more kinds, each method against the memory pass in
 * turns, fewer rounds (a call on ties takes tens of milliseconds):
 * log-normal with sigma 3 (most units far below one seat, a few far above),
 * spread evenly over 600 binary orders of magnitude, and whole numbers from
 * 1 to 16 (a sixteenth of the units tie at every priority). */
#define OTHER_KIND_ROUNDS 21

static void bench_other_kinds_against_the_pass(int64_t *seats, size_t n, int64_t total)
{
	static const char *const kinds[] = { "log-normal weights", "weights from 2^-300 to 2^300",
	                                     "whole weights 1 to 16" };
	double *weights = allocate(n, sizeof *weights), *a = allocate(n, sizeof *a),
	       *b = allocate(n, sizeof *b);
	size_t i, k;
	bench_weights(a, n, (uint64_t)n ^ UINT64_C(0xA5A5A5A5), 52);
	bench_weights(b, n, (uint64_t)n ^ UINT64_C(0x5A5A5A5A), 52);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (i = 0; i < n; i++) {
			double u = a[i] * 0x1p-52, v = b[i] * 0x1p-52;  /* in (0, 1] */
			if (k == 0)  /* Box and Muller */
				weights[i] = exp(3 * sqrt(-2 * log(u)) * cos(6.283185307179586 * v));
			else if (k == 1)
				weights[i] = ldexp(0.5 + v / 2, (int)(u * 600) - 300);
			else
				weights[i] = (double)(1 + (int64_t)((b[i] - 1) / 0x1p48));  /* 1 .. 16 */
		}
		bench_against_the_pass(seats, weights, n, total, kinds[k], OTHER_KIND_ROUNDS);
	}
	free(b);
	free(a);
	free(weights);
}

/* Results of a problem where most units tie with many others, for the
 * harness to check the tie rule against its references. */
static void dump_ties(const struct settings *s)
{
	static const opv_method methods[] = { OPV_HAMILTON, OPV_JEFFERSON };
	double weights[TIES_UNITS];
	int64_t seats[TIES_UNITS];
	size_t j;
	bench_weights(weights, TIES_UNITS, 1, TIES_BITS);
	dump(s, "weights_ties.f64", weights, sizeof weights);
	for (j = 0; j < sizeof methods / sizeof methods[0]; j++) {
		opv_apportion_options options = OPV_APPORTION_OPTIONS_INIT;
		opv_error err = OPV_ERROR_INIT;
		char name[64];
		options.method = methods[j];
		if (opv_apportion(seats, weights, TIES_UNITS, TIES_TOTAL, &options, &err))
			fail("ties", &err);
		snprintf(name, sizeof name, "seats_%s_ties.i64", opv_method_name(methods[j]));
		dump(s, name, seats, sizeof seats);
	}
}

static void bench_apportion(const struct settings *s)
{
	static const size_t sizes[] = { 342, 10000, 1000000 };
	static const opv_method methods[] = { OPV_HAMILTON, OPV_JEFFERSON };
	size_t k, j;
	for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size_t n = sizes[k];
		double *weights = allocate(n, sizeof *weights);
		int64_t *seats = allocate(n, sizeof *seats);
		int64_t total = (int64_t)n * SEATS_PER_UNIT;
		char name[64], extra[64];

		bench_weights(weights, n, (uint64_t)n, WEIGHT_BITS);
		snprintf(name, sizeof name, "weights_%zu.f64", n);
		dump(s, name, weights, n * sizeof *weights);
		snprintf(extra, sizeof extra, "\"total\": %lld", (long long)total);

		for (j = 0; j < sizeof methods / sizeof methods[0]; j++) {
			struct apportion_case c = { seats, weights, n, total, OPV_APPORTION_OPTIONS_INIT,
			                            OPV_ERROR_INIT, OPV_TUNING_INIT };
			struct bench_timing t;
			struct bench_memory m;
			const char *method = opv_method_name(methods[j]);
			c.options.method = methods[j];
			memset(seats, 0, n * sizeof *seats);  /* the output is in place, as the input */
			if (run_case(s, &t, &m, call_apportion, &c, s->budget, 1001))
				fail(method, &c.err);
			report("apportion", method, n, &t, memory_of(s, &m), extra);
			snprintf(name, sizeof name, "seats_%s_%zu.i64", method, n);
			dump(s, name, seats, n * sizeof *seats);
		}
		if (k + 1 == sizeof sizes / sizeof sizes[0]) {
			bench_hamilton_threads(s, seats, weights, n, total);
			bench_memory_pass(s, seats, weights, n, total);
			if (!s->memory) {
				bench_against_the_pass(seats, weights, n, total, "whole weights",
				                       PAIRED_ROUNDS);
				bench_fractional_against_the_pass(s, seats, n, total);
				bench_other_kinds_against_the_pass(seats, n, total);
			}
		}
		free(weights);
		free(seats);
	}
	if (s->dump_dir)
		dump_ties(s);
}

/* ---- cases 2 and 4: the distribution key -------------------------------------- */

struct distribute_case {
	const opv_register *reg;
	opv_distribution_columns columns;
	opv_distribution_summary summary;
	opv_distribution_options options;
	int64_t total, amv_total;
	opv_error err;
	int64_t *sweep_places;  /* sweep only: SWEEP_TOTALS rows of n places */
	size_t n;
};

static int call_distribute(void *context)
{
	struct distribute_case *c = context;
	return opv_distribute(&c->columns, &c->summary, c->reg, c->total, c->amv_total, NULL,
	                      &c->options, &c->err);
}

/* The Python loop of case 4, in C: what the loop costs without the interpreter. */
static int call_sweep(void *context)
{
	struct distribute_case *c = context;
	size_t k;
	for (k = 0; k < SWEEP_TOTALS; k++) {
		int rc;
		c->total = SWEEP_FIRST + SWEEP_STEP * (int64_t)k;
		c->columns.places = c->sweep_places + k * c->n;
		rc = opv_distribute(&c->columns, &c->summary, c->reg, c->total, 0, NULL, &c->options,
		                    &c->err);
		if (rc)
			return rc;
	}
	return 0;
}

/* The columns the Python call returns: weight, quota, places, amv, regular. */
static void distribute_columns(struct distribute_case *c, size_t n)
{
	c->n = n;
	c->columns = (opv_distribution_columns)OPV_DISTRIBUTION_COLUMNS_INIT;
	c->summary = (opv_distribution_summary)OPV_DISTRIBUTION_SUMMARY_INIT;
	c->columns.weight = allocate(n, sizeof(double));
	c->columns.quota = allocate(n, sizeof(double));
	c->columns.places = allocate(n, sizeof(int64_t));
	c->columns.amv = allocate(n, sizeof(int64_t));
	c->columns.regular = allocate(n, sizeof(int64_t));
}

static void free_columns(opv_distribution_columns *columns)
{
	free(columns->weight);
	free(columns->quota);
	free(columns->places);
	free(columns->amv);
	free(columns->regular);
}

static void bench_distribute(const struct settings *s, const opv_register *reg)
{
	struct distribute_case c = { .reg = reg };
	struct bench_timing t;
	struct bench_memory m;
	size_t n = opv_register_count(reg);
	distribute_columns(&c, n);
	c.options = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
	c.total = DISTRIBUTE_TOTAL;
	c.amv_total = DISTRIBUTE_AMV;
	c.err = (opv_error)OPV_ERROR_INIT;
	if (run_case(s, &t, &m, call_distribute, &c, s->budget, 1001))
		fail("distribute", &c.err);
	report("distribute", "96000/8140", n, &t, memory_of(s, &m),
	       "\"total\": 96000, \"amv\": 8140");
	dump(s, "distribute_weight.f64", c.columns.weight, n * sizeof(double));
	dump(s, "distribute_quota.f64", c.columns.quota, n * sizeof(double));
	dump(s, "distribute_places.i64", c.columns.places, n * sizeof(int64_t));
	dump(s, "distribute_amv.i64", c.columns.amv, n * sizeof(int64_t));
	dump(s, "distribute_regular.i64", c.columns.regular, n * sizeof(int64_t));
	free_columns(&c.columns);
}

static void bench_sweep(const struct settings *s, const opv_register *reg)
{
	struct distribute_case c = { .reg = reg };
	struct bench_timing t;
	struct bench_memory m;
	size_t n = opv_register_count(reg);
	char extra[96];
	int64_t *places;
	distribute_columns(&c, n);
	places = c.columns.places;
	c.sweep_places = allocate((size_t)SWEEP_TOTALS * n, sizeof(int64_t));
	memset(c.sweep_places, 0, (size_t)SWEEP_TOTALS * n * sizeof(int64_t));  /* in place */
	c.options = (opv_distribution_options)OPV_DISTRIBUTION_OPTIONS_INIT;
	c.err = (opv_error)OPV_ERROR_INIT;
	if (run_case(s, &t, &m, call_sweep, &c, s->budget, 101))
		fail("distribution sweep", &c.err);
	snprintf(extra, sizeof extra, "\"first_total\": %d, \"step\": %d, \"totals\": %d",
	         SWEEP_FIRST, SWEEP_STEP, SWEEP_TOTALS);
	report("distribute-sweep", "C loop", SWEEP_TOTALS, &t, memory_of(s, &m), extra);
	dump(s, "sweep_places.i64", c.sweep_places, (size_t)SWEEP_TOTALS * n * sizeof(int64_t));
	c.columns.places = places;
	free_columns(&c.columns);
	free(c.sweep_places);
}

/* ---- case 3: the housing task -------------------------------------------------- */

struct housing_case {
	const opv_register *reg;
	opv_housing_columns columns;
	opv_housing_summary summary;
	opv_housing_options options;
	opv_error err;
};

static int call_housing(void *context)
{
	struct housing_case *c = context;
	return opv_housing_task(&c->columns, &c->summary, c->reg, NULL, NULL, NULL, 0, &c->options,
	                        &c->err);
}

static void bench_housing(const struct settings *s, const opv_register *reg)
{
	struct housing_case c = { .reg = reg };
	struct bench_timing t;
	struct bench_memory m;
	size_t n = opv_register_count(reg);
	/* The columns the Python call returns without realised counts or swaps. */
	c.columns = (opv_housing_columns)OPV_HOUSING_COLUMNS_INIT;
	c.summary = (opv_housing_summary)OPV_HOUSING_SUMMARY_INIT;
	c.columns.task = allocate(n, sizeof(int64_t));
	c.columns.swapped = allocate(n, sizeof(int64_t));
	c.columns.carried = allocate(n, sizeof(int64_t));
	c.columns.corrected = allocate(n, sizeof(int64_t));
	c.options = (opv_housing_options)OPV_HOUSING_OPTIONS_INIT;
	c.options.national = HOUSING_NATIONAL;
	c.options.period = (opv_period){ 2025, 2 };
	c.err = (opv_error)OPV_ERROR_INIT;
	if (run_case(s, &t, &m, call_housing, &c, s->budget, 1001))
		fail("housing task", &c.err);
	report("housing-task", "13000, 2025-H2", n, &t, memory_of(s, &m), "\"national\": 13000");
	dump(s, "housing_task.i64", c.columns.task, n * sizeof(int64_t));
	dump(s, "housing_corrected.i64", c.columns.corrected, n * sizeof(int64_t));
	free(c.columns.task);
	free(c.columns.swapped);
	free(c.columns.carried);
	free(c.columns.corrected);
}

/* ---- case 5: the projection Monte Carlo ------------------------------------------ */

struct monte_carlo_case {
	const opv_scenario *scenario;
	opv_monte_carlo_week *weeks;
	size_t nrows;
	int64_t *peak;
	int32_t *peak_week;
	opv_monte_carlo_options options;
	opv_tuning tuning;
	opv_error err;
};

static int call_monte_carlo(void *context)
{
	struct monte_carlo_case *c = context;
	return opv_project_monte_carlo_tuned(c->weeks, c->nrows, c->peak, c->peak_week, c->scenario,
	                                     &c->options, &c->tuning, &c->err);
}

static void bench_monte_carlo(const struct settings *s)
{
	opv_scenario *scenario = NULL;
	opv_error err = OPV_ERROR_INIT;
	unsigned threads;
	size_t nrows;
	if (opv_scenario_load_json(&scenario, s->scenario, NULL, &err))
		fail(s->scenario, &err);
	nrows = (size_t)opv_scenario_weeks(scenario) + 1;
	for (threads = 1; threads <= 2; threads++) {
		struct monte_carlo_case c = { .scenario = scenario };
		struct bench_timing t;
		struct bench_memory m;
		char name[64], extra[128];
		c.nrows = nrows;
		c.weeks = allocate(nrows, sizeof *c.weeks);
		c.peak = allocate(MONTE_CARLO_RUNS, sizeof *c.peak);
		c.peak_week = allocate(MONTE_CARLO_RUNS, sizeof *c.peak_week);
		memset(c.peak, 0, MONTE_CARLO_RUNS * sizeof *c.peak);
		memset(c.peak_week, 0, MONTE_CARLO_RUNS * sizeof *c.peak_week);
		c.options = (opv_monte_carlo_options)OPV_MONTE_CARLO_OPTIONS_INIT;
		c.options.runs = MONTE_CARLO_RUNS;
		c.options.seed = MONTE_CARLO_SEED;
		c.tuning = (opv_tuning)OPV_TUNING_INIT;
		c.tuning.threads = threads;
		c.err = (opv_error)OPV_ERROR_INIT;
		if (run_case(s, &t, &m, call_monte_carlo, &c, 3 * s->budget, 101))
			fail("Monte Carlo", &c.err);
		snprintf(extra, sizeof extra,
		         "\"runs\": %d, \"weeks\": %d, \"seed\": %llu, \"threads\": %u",
		         MONTE_CARLO_RUNS, opv_scenario_weeks(scenario),
		         (unsigned long long)MONTE_CARLO_SEED, threads);
		report("monte-carlo", threads == 1 ? "1 thread" : "2 threads", MONTE_CARLO_RUNS, &t,
		       memory_of(s, &m), extra);
		/* The struct is seven doubles: dumped as an nrows x 7 float64 matrix. */
		snprintf(name, sizeof name, "mc_weeks_t%u.f64", threads);
		dump(s, name, c.weeks, nrows * sizeof *c.weeks);
		snprintf(name, sizeof name, "mc_peak_t%u.i64", threads);
		dump(s, name, c.peak, MONTE_CARLO_RUNS * sizeof *c.peak);
		snprintf(name, sizeof name, "mc_peak_week_t%u.i32", threads);
		dump(s, name, c.peak_week, MONTE_CARLO_RUNS * sizeof *c.peak_week);
		free(c.weeks);
		free(c.peak);
		free(c.peak_week);
	}
	opv_scenario_free(scenario);
}

/* ---- case 6: Monte Carlo at scale ------------------------------------------------ */

#define SCALE_RUNS 10000000

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static opv_monte_carlo *count_runs(const opv_scenario *scenario, uint64_t first, uint64_t runs,
                                   unsigned threads, double *seconds, struct bench_memory *m)
{
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	opv_monte_carlo *mc = NULL;
	opv_error err = OPV_ERROR_INIT;
	double start;
	o.first_run = first;
	o.runs = runs;
	o.seed = MONTE_CARLO_SEED;
	tuning.threads = threads;
	bench_memory_start(m);
	start = now_seconds();
	if (opv_monte_carlo_run_tuned(&mc, scenario, &o, &tuning, &err))
		fail("Monte Carlo at scale", &err);
	*seconds = now_seconds() - start;
	bench_memory_stop(m);
	return mc;
}

/*
 * 10^7 runs of the 52-week scenario, counted: time and peak memory on 1 and 2
 * threads (one call each: they take seconds), then the two halves of the runs
 * counted apart and merged, compared bit for bit with the whole.
 */
static void bench_monte_carlo_scale(const struct settings *s)
{
	opv_scenario *scenario = NULL;
	opv_monte_carlo *whole[2], *half, *other;
	opv_monte_carlo_week *a, *b;
	opv_error err = OPV_ERROR_INIT;
	struct bench_memory m;
	double seconds;
	size_t nrows;
	unsigned threads;
	int same;
	if (opv_scenario_load_json(&scenario, s->scenario, NULL, &err))
		fail(s->scenario, &err);
	nrows = (size_t)opv_scenario_weeks(scenario) + 1;
	a = allocate(nrows, sizeof *a);
	b = allocate(nrows, sizeof *b);
	for (threads = 1; threads <= 2; threads++) {
		whole[threads - 1] = count_runs(scenario, 0, SCALE_RUNS, threads, &seconds, &m);
		printf("{\"case\": \"monte-carlo-scale\", \"variant\": \"%u thread%s\", \"size\": %d, "
		       "\"weeks\": %d, \"seconds\": %.3f, \"runs_per_second\": %.0f, "
		       "\"rss_before_kib\": %ld, \"peak_rss_kib\": %ld, \"peak_is_per_case\": %s}\n",
		       threads, threads == 1 ? "" : "s", SCALE_RUNS, opv_scenario_weeks(scenario), seconds,
		       SCALE_RUNS / seconds, m.current_kib, m.peak_kib, m.peak_is_reset ? "true" : "false");
		fflush(stdout);
	}
	half = count_runs(scenario, 0, SCALE_RUNS / 2, 2, &seconds, &m);
	other = count_runs(scenario, SCALE_RUNS / 2, SCALE_RUNS - SCALE_RUNS / 2, 2, &seconds, &m);
	if (opv_monte_carlo_merge(half, other, &err) ||
	    opv_monte_carlo_weeks(a, nrows, whole[0], &err) || opv_monte_carlo_weeks(b, nrows, half, &err))
		fail("merging", &err);
	same = memcmp(a, b, nrows * sizeof *a) == 0 &&
	       opv_monte_carlo_peak_percentile(half, 0.5) == opv_monte_carlo_peak_percentile(whole[0], 0.5);
	if (opv_monte_carlo_weeks(b, nrows, whole[1], &err))
		fail("weeks", &err);
	same = same && memcmp(a, b, nrows * sizeof *a) == 0;
	printf("{\"case\": \"monte-carlo-merge\", \"variant\": \"halves merged\", \"size\": %d, "
	       "\"identical\": %s}\n", SCALE_RUNS, same ? "true" : "false");
	dump(s, "mc_scale_weeks.f64", a, nrows * sizeof *a);
	fflush(stdout);
	opv_monte_carlo_free(whole[0]);
	opv_monte_carlo_free(whole[1]);
	opv_monte_carlo_free(half);
	opv_monte_carlo_free(other);
	free(a);
	free(b);
	opv_scenario_free(scenario);
}

/* ---- main ------------------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr,
	        "usage: opvang-bench [--scenario FILE] [--dump DIR] [--only GROUP] [--budget SECONDS]\n"
	        "                    [--memory]\n"
	        "GROUP: apportion, distribute, housing, sweep, monte-carlo, monte-carlo-scale\n");
	exit(2);
}

static void parse_arguments(struct settings *s, int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--memory") == 0) {
			s->memory = 1;
			continue;
		}
		if (!value)
			usage();
		if (strcmp(argv[i], "--scenario") == 0)
			s->scenario = value;
		else if (strcmp(argv[i], "--dump") == 0)
			s->dump_dir = value;
		else if (strcmp(argv[i], "--only") == 0)
			s->only = value;
		else if (strcmp(argv[i], "--budget") == 0)
			s->budget = strtod(value, NULL);
		else
			usage();
		i++;
	}
	if (!(s->budget > 0))
		usage();
	if (s->only && strcmp(s->only, "apportion") && strcmp(s->only, "distribute") &&
	    strcmp(s->only, "housing") && strcmp(s->only, "sweep") && strcmp(s->only, "monte-carlo") &&
	    strcmp(s->only, "monte-carlo-scale"))
		usage();
}

int main(int argc, char **argv)
{
	struct settings s = { NULL, NULL, NULL, 1.0, 0 };
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	parse_arguments(&s, argc, argv);
#if defined(__GLIBC__)
	/* A fixed threshold also stops glibc from raising it, and from keeping
	 * freed blocks, after the first large free. */
	if (s.memory)
		mallopt(M_MMAP_THRESHOLD, 64 * 1024);
#endif
	if ((wanted(&s, "monte-carlo") || wanted(&s, "monte-carlo-scale")) && !s.scenario) {
		fprintf(stderr, "opvang-bench: the Monte Carlo case needs --scenario FILE\n");
		return 2;
	}
	printf("{\"case\": \"info\", \"opvang_version\": \"%s\", \"online_cpus\": %ld}\n",
	       opv_version(), sysconf(_SC_NPROCESSORS_ONLN));
	fflush(stdout);

	if (wanted(&s, "apportion"))
		bench_apportion(&s);
	if (opv_register_default(&reg, &err))
		fail("embedded register", &err);
	if (wanted(&s, "distribute"))
		bench_distribute(&s, reg);
	if (wanted(&s, "housing"))
		bench_housing(&s, reg);
	if (wanted(&s, "sweep"))
		bench_sweep(&s, reg);
	opv_register_free(reg);
	if (wanted(&s, "monte-carlo"))
		bench_monte_carlo(&s);
	/* Half a minute and more: only when asked by name. */
	if (s.only && strcmp(s.only, "monte-carlo-scale") == 0)
		bench_monte_carlo_scale(&s);
	return 0;
}
