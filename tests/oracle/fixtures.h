/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The cases that tests/oracle/gen_fixtures.py writes at build time, with the
 * seats of the Python oracle (tests/oracle/apportion_oracle.py), so that the
 * Check suites compare the library with one oracle instead of their own.
 * The generator's docstring gives the format.
 */
#ifndef OPV_ORACLE_FIXTURES_H
#define OPV_ORACLE_FIXTURES_H

#include <inttypes.h>
#include <stdio.h>

#include "testutil.h"

struct oracle_case {
	char name[64];
	opv_method method;
	size_t n, count;  /* units, totals */
	int64_t *weights; /* n whole numbers */
	double *w;        /* the same as doubles, for opv_apportion() */
	int64_t *totals;  /* count */
	int *ties;        /* count: 1 when a tie decided the last seat, 0 not, -1 unknown */
	int64_t *seats;   /* count * n: the seats for totals[k] start at seats + k * n */
};

static inline FILE *oracle_open(const char *file)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", OPV_TEST_FIXTURE_DIR, file);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s, which gen_fixtures.py writes at build time", path);
	return f;
}

static inline int oracle_read_int64(FILE *f, int64_t *v)
{
	return fscanf(f, "%" SCNd64, v) == 1;
}

/* Reads the next case into *c (zeroed before the first call), reusing its
 * arrays; 0 at the end of the file.  One assertion per case, not per number:
 * Check records every assertion, and the largest files hold millions. */
static inline int oracle_next(FILE *f, struct oracle_case *c)
{
	char word[64], method[32];
	opv_error err = OPV_ERROR_INIT;
	size_t i, k;
	int ok = 1;
	for (;;) {
		if (fscanf(f, " %63s", word) != 1)
			return 0;
		if (word[0] != '#')
			break;
		ck_assert_int_eq(fscanf(f, "%*[^\n]"), 0); /* a comment: skip the line */
	}
	ck_assert_str_eq(word, "case");
	ck_assert_int_eq(fscanf(f, " %63s %31s %zu %zu", c->name, method, &c->n, &c->count), 4);
	ck_assert_msg(opv_method_from_name(&c->method, method, &err) == OPV_OK, "%s", err.message);
	c->weights = realloc(c->weights, (c->n + 1) * sizeof *c->weights);
	c->w = realloc(c->w, (c->n + 1) * sizeof *c->w);
	c->totals = realloc(c->totals, c->count * sizeof *c->totals);
	c->ties = realloc(c->ties, c->count * sizeof *c->ties);
	c->seats = realloc(c->seats, (c->count * c->n + 1) * sizeof *c->seats);
	ck_assert(c->weights && c->w && c->totals && c->ties && c->seats);
	for (i = 0; i < c->n; i++) {
		ok &= oracle_read_int64(f, &c->weights[i]);
		c->w[i] = (double)c->weights[i];
	}
	for (k = 0; k < c->count; k++) {
		ok &= oracle_read_int64(f, &c->totals[k]);
		ok &= fscanf(f, "%d", &c->ties[k]) == 1;
		for (i = 0; i < c->n; i++)
			ok &= oracle_read_int64(f, &c->seats[k * c->n + i]);
	}
	ck_assert_msg(ok, "fixture case %s is cut short", c->name);
	return 1;
}

/* Asserts that `seats` are the oracle's for totals[k]: one assertion, which
 * names the first unit that differs; `how` says how the seats were asked for. */
static inline void oracle_expect(const struct oracle_case *c, size_t k, const int64_t *seats,
                                 const char *how)
{
	const int64_t *want = c->seats + k * c->n;
	size_t i;
	for (i = 0; i < c->n && seats[i] == want[i]; i++)
		;
	ck_assert_msg(i == c->n, "%s (%s), total %lld, %s: unit %zu has %lld seats, the oracle says %lld",
	              c->name, opv_method_name(c->method), (long long)c->totals[k], how, i,
	              (long long)seats[i % c->n], (long long)want[i % c->n]);
}

static inline void oracle_close(FILE *f, struct oracle_case *c)
{
	fclose(f);
	free(c->weights);
	free(c->w);
	free(c->totals);
	free(c->ties);
	free(c->seats);
}

#endif
