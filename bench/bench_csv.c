/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opvang-bench-csv: writing apportioned rows as CSV through the library's
 * table writer (opvang/io.h), for bench/run.py to set beside pandas'
 * DataFrame.to_csv of the same rows.
 *
 *     opvang-bench-csv N OUTPUT [BUDGET]
 *
 * Apportions 100·N seats over N splitmix64 weights (bench_data.h, 1 to 2^19)
 * by Hamilton, fills a table of name ("U0000001"), weight, quota (the
 * double 100·N·w/W) and seats, and writes it to OUTPUT with
 * opv_table_write_file().  Prints one JSON object: the median and fastest
 * seconds of filling the table and of writing it (each timed apart, over
 * repeats for about BUDGET seconds, default 1), and the file's size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "opvang.h"

#include "bench_data.h"
#include "bench_timing.h"

#define WEIGHT_SEED 20
#define WEIGHT_BITS 19

struct rows {
	size_t n;
	double *weights;
	double *quotas;
	int64_t *seats;
	const char *path;
	opv_table *table;
};

static int fail(const opv_error *err)
{
	fprintf(stderr, "opvang-bench-csv: %s\n", err->message);
	return 1;
}

/* One table of the rows, made from nothing: the columns, then every cell. */
static int fill(void *context)
{
	struct rows *r = context;
	opv_error err = OPV_ERROR_INIT;
	opv_table *t = NULL;
	char name[24];

	opv_table_free(r->table);
	r->table = NULL;
	if (opv_table_new(&t, &err) != OPV_OK
	    || opv_table_add_column(t, "name", OPV_COLUMN_TEXT, &err) != OPV_OK
	    || opv_table_add_column(t, "weight", OPV_COLUMN_INTEGER, &err) != OPV_OK
	    || opv_table_add_column(t, "quota", OPV_COLUMN_REAL, &err) != OPV_OK
	    || opv_table_add_column(t, "seats", OPV_COLUMN_INTEGER, &err) != OPV_OK)
		return fail(&err);
	for (size_t i = 0; i < r->n; i++) {
		snprintf(name, sizeof name, "U%07zu", i + 1);
		if (opv_table_add_row(t, &err) != OPV_OK
		    || opv_table_set_text(t, i, 0, name, &err) != OPV_OK
		    || opv_table_set_integer(t, i, 1, (int64_t)r->weights[i], &err) != OPV_OK
		    || opv_table_set_real(t, i, 2, r->quotas[i], &err) != OPV_OK
		    || opv_table_set_integer(t, i, 3, r->seats[i], &err) != OPV_OK) {
			opv_table_free(t);
			return fail(&err);
		}
	}
	r->table = t;
	return 0;
}

static int write_csv(void *context)
{
	struct rows *r = context;
	opv_error err = OPV_ERROR_INIT;

	if (opv_table_write_file(r->table, OPV_TABLE_CSV, r->path, &err) != OPV_OK)
		return fail(&err);
	return 0;
}

int main(int argc, char **argv)
{
	struct rows r = { 0 };
	struct bench_timing filled, written;
	opv_apportion_options options = OPV_APPORTION_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	double budget = argc > 3 ? atof(argv[3]) : 1.0;
	double sum = 0;
	int64_t total;
	struct stat st;

	if (argc < 3 || (r.n = strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: opvang-bench-csv N OUTPUT [BUDGET]\n");
		return 2;
	}
	r.path = argv[2];
	r.weights = malloc(r.n * sizeof *r.weights);
	r.quotas = malloc(r.n * sizeof *r.quotas);
	r.seats = malloc(r.n * sizeof *r.seats);
	if (!r.weights || !r.quotas || !r.seats)
		return 1;
	bench_weights(r.weights, r.n, WEIGHT_SEED, WEIGHT_BITS);
	total = 100 * (int64_t)r.n;
	options.method = OPV_HAMILTON;
	if (opv_apportion(r.seats, r.weights, r.n, total, &options, &err) != OPV_OK)
		return fail(&err);
	for (size_t i = 0; i < r.n; i++)
		sum += r.weights[i]; /* whole numbers below 2^53 in all: exact */
	for (size_t i = 0; i < r.n; i++)
		r.quotas[i] = (double)total * r.weights[i] / sum;

	if (bench_time(&filled, fill, &r, budget / 2, 50) != 0
	    || bench_time(&written, write_csv, &r, budget / 2, 50) != 0)
		return 1;
	if (stat(r.path, &st) != 0)
		return 1;
	printf("{\"rows\": %zu, \"fill_median\": %.9f, \"fill_min\": %.9f, \"write_median\": %.9f, "
	       "\"write_min\": %.9f, \"repeats\": %d, \"bytes\": %lld}\n",
	       r.n, filled.median, filled.min, written.median, written.min, written.repeats,
	       (long long)st.st_size);
	opv_table_free(r.table);
	free(r.weights);
	free(r.quotas);
	free(r.seats);
	return 0;
}
