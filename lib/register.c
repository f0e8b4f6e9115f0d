/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The municipality register.
 *
 * Rows live in one array in register order; a second array of row numbers
 * sorted by code serves lookups.  Strings either point into static storage
 * (the embedded default) or into the CSV table the register was loaded from,
 * which the register then keeps: one allocation per cell is made once, by the
 * reader, and never copied again.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/register.h"
#include "csv_table.h"
#include "error.h"
#include "register_data.h"
#include "register_internal.h"

/* Populations stay below 2^53 so that every binding can hold them exactly. */
#define MAX_POPULATION ((int64_t)1 << 53)

struct opv_register {
	size_t count;
	opv_municipality *rows;
	size_t *by_code;            /* row numbers sorted by code */
	size_t province_count;
	opv_province *provinces;
	size_t *province_of;        /* row -> province position */
	int64_t population;
	int has_ses;
	char *reference_date;       /* owned, or NULL for the embedded static one */
	char *source;
	const struct opv__embedded_register *embedded; /* where a NULL date and source come from */
	int map_mergers;            /* former codes find their successor */
	char merged_to[12];         /* "YYYY-12-31": mergers up to then folded in, or "" */
	struct opv__csv_table table; /* owns the strings of a loaded register */
};

/* ---- building ------------------------------------------------------------ */

/* qsort has no context argument in C11, and a file-scope pointer would not be
 * thread-safe: sort (code, row) pairs instead. */
struct code_row {
	const char *code;
	size_t row;
};

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct code_row *)a)->code, ((const struct code_row *)b)->code);
}

static int is_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[n] == '\0';
}

static int valid_municipality_code(const char *s)
{
	return s[0] == 'G' && s[1] == 'M' && is_digits(s + 2, 4);
}

static int valid_province_code(const char *s)
{
	return s[0] == 'P' && s[1] == 'V' && is_digits(s + 2, 2);
}

/*
 * Builds the lookup index and the province list, checking what only the whole
 * table can tell: duplicate codes, one province code with two names, the
 * national total.  `line` gives the input line of each row for messages (NULL
 * for the embedded table).
 */
static int finish(opv_register *reg, const long *line, opv_error *err)
{
	struct code_row *pairs;
	size_t i, j;
	const char *src = reg->source;

	pairs = malloc(reg->count * sizeof *pairs + 1);
	reg->by_code = malloc(reg->count * sizeof *reg->by_code + 1);
	reg->province_of = malloc(reg->count * sizeof *reg->province_of + 1);
	reg->provinces = malloc(reg->count * sizeof *reg->provinces + 1);
	if (!pairs || !reg->by_code || !reg->province_of || !reg->provinces) {
		free(pairs);
		return opv__fail(err, OPV_ENOMEM, "out of memory building the register");
	}
	for (i = 0; i < reg->count; i++)
		pairs[i] = (struct code_row){ reg->rows[i].code, i };
	qsort(pairs, reg->count, sizeof *pairs, by_code);
	for (i = 0; i < reg->count; i++) {
		if (i > 0 && strcmp(pairs[i].code, pairs[i - 1].code) == 0) {
			size_t first = pairs[i - 1].row < pairs[i].row ? pairs[i - 1].row : pairs[i].row;
			size_t second = pairs[i - 1].row < pairs[i].row ? pairs[i].row : pairs[i - 1].row;
			long at = line ? line[second] : 0;
			free(pairs);
			return opv__fail_at(err, OPV_EDUPLICATE, at, 0,
			                    "%s:%ld: municipality code %s occurs twice (also on line %ld)",
			                    src, at, reg->rows[second].code, line ? line[first] : 0L);
		}
		reg->by_code[i] = pairs[i].row;
	}
	free(pairs);

	reg->population = 0;
	reg->has_ses = reg->count > 0;
	reg->province_count = 0;
	for (i = 0; i < reg->count; i++) {
		const opv_municipality *m = &reg->rows[i];
		if (m->population > INT64_MAX - reg->population)
			return opv__fail_at(err, OPV_ERANGE, line ? line[i] : 0, 0,
			                    "%s:%ld: the national population overflows", src,
			                    line ? line[i] : 0L);
		reg->population += m->population;
		reg->has_ses &= m->has_ses;
		for (j = 0; j < reg->province_count; j++)
			if (strcmp(reg->provinces[j].code, m->province_code) == 0)
				break;
		if (j == reg->province_count) {
			reg->provinces[j] = (opv_province){ m->province_code, m->province, 0, 0 };
			reg->province_count++;
		} else if (strcmp(reg->provinces[j].name, m->province) != 0) {
			return opv__fail_at(err, OPV_EINVAL, line ? line[i] : 0, 0,
			                    "%s:%ld: province %s is called '%.64s' here but '%.64s' before",
			                    src, line ? line[i] : 0L, m->province_code, m->province,
			                    reg->provinces[j].name);
		}
		reg->provinces[j].municipalities++;
		reg->provinces[j].population += m->population;
		reg->province_of[i] = j;
	}
	return OPV_OK;
}

static opv_register *allocate(size_t count)
{
	opv_register *reg = calloc(1, sizeof *reg);
	if (!reg)
		return NULL;
	reg->rows = calloc(count ? count : 1, sizeof *reg->rows);
	if (!reg->rows) {
		free(reg);
		return NULL;
	}
	reg->count = count;
	return reg;
}

void opv_register_free(opv_register *reg)
{
	if (!reg)
		return;
	opv__csv_free(&reg->table);
	free(reg->rows);
	free(reg->by_code);
	free(reg->provinces);
	free(reg->province_of);
	free(reg->reference_date);
	free(reg->source);
	free(reg);
}

/* Builds a register on one of the embedded tables. */
static int from_embedded(opv_register **out, const struct opv__embedded_register *e,
                         opv_error *err)
{
	opv_register *reg;
	size_t i;
	int rc;
	reg = allocate(e->count);
	if (!reg)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the register of %s",
		                 e->reference_date);
	for (i = 0; i < reg->count; i++) {
		const struct opv__embedded_row *row = &e->rows[i];
		reg->rows[i] = (opv_municipality){ row->code, row->name, row->province_code,
		                                   row->province, row->population, 0.0, 0 };
	}
	reg->embedded = e;
	rc = finish(reg, NULL, err);
	if (rc) {
		opv_register_free(reg);
		return rc;
	}
	*out = reg;
	return OPV_OK;
}

const char *opv_register_embedded_date(size_t i)
{
	return i < opv__embedded_register_count ? opv__embedded_registers[i].reference_date : NULL;
}

int opv_register_embedded(opv_register **out, const char *reference_date, opv_error *err)
{
	char dates[128] = "";
	size_t i, used = 0;
	if (!out)
		return opv__fail(err, OPV_EINVAL, "output pointer is NULL");
	if (!reference_date)
		reference_date = OPV_REGISTER_DEFAULT_DATE;
	for (i = 0; i < opv__embedded_register_count; i++) {
		const struct opv__embedded_register *e = &opv__embedded_registers[i];
		if (strcmp(e->reference_date, reference_date) == 0)
			return from_embedded(out, e, err);
		used += (size_t)snprintf(dates + used, used < sizeof dates ? sizeof dates - used : 0,
		                         "%s%s", i ? ", " : "", e->reference_date);
	}
	return opv__fail(err, OPV_ENOTFOUND,
	                 "no embedded register has population date '%.32s'; the embedded dates "
	                 "are %s (or load a register from CSV)", reference_date, dates);
}

int opv_register_default(opv_register **out, opv_error *err)
{
	return opv_register_embedded(out, OPV_REGISTER_DEFAULT_DATE, err);
}

/* ---- loading from CSV ---------------------------------------------------- */

static const char *const code_names[] = { "code", "gemeentecode", NULL };
static const char *const name_names[] = { "name", "gemeentenaam", NULL };
static const char *const province_code_names[] = { "province_code", "provinciecode", NULL };
static const char *const province_names[] = { "province", "provincienaam", NULL };
static const char *const population_names[] = { "population", "inwoners", NULL };
static const char *const ses_names[] = { "ses", NULL };

static int read_row(opv_municipality *m, const struct opv__csv_table *t, size_t row,
                    const size_t col[5], long ses_col, opv_error *err)
{
	char what[96];
	int rc;
	m->code = opv__csv_cell(t, row, col[0]);
	m->name = opv__csv_cell(t, row, col[1]);
	m->province_code = opv__csv_cell(t, row, col[2]);
	m->province = opv__csv_cell(t, row, col[3]);
	if (!valid_municipality_code(m->code)) {
		snprintf(what, sizeof what, "'%.32s' is not a municipality code (GM and four digits)",
		         m->code);
		return opv__csv_fail(err, OPV_EPARSE, t, row, col[0], what);
	}
	if (!m->name[0])
		return opv__csv_fail(err, OPV_EPARSE, t, row, col[1], "name is empty");
	if (!valid_province_code(m->province_code)) {
		snprintf(what, sizeof what, "'%.32s' is not a province code (PV and two digits)",
		         m->province_code);
		return opv__csv_fail(err, OPV_EPARSE, t, row, col[2], what);
	}
	if (!m->province[0])
		return opv__csv_fail(err, OPV_EPARSE, t, row, col[3], "province name is empty");
	rc = opv__csv_int64(&m->population, t, row, col[4], err);
	if (rc)
		return rc;
	if (m->population < 0)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col[4], "population is negative");
	if (m->population >= MAX_POPULATION)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col[4], "population is 2^53 or more");
	m->has_ses = 0;
	if (ses_col >= 0 && opv__csv_cell(t, row, (size_t)ses_col)[0]) {
		rc = opv__csv_real(&m->ses, t, row, (size_t)ses_col, err);
		if (rc)
			return rc;
		m->has_ses = 1;
	}
	return OPV_OK;
}

static int from_table(opv_register **out, struct opv__csv_table *t, opv_error *err)
{
	size_t col[5], i;
	long ses_col;
	opv_register *reg;
	int rc;

	if ((rc = opv__csv_require_column(&col[0], t, code_names, err)) ||
	    (rc = opv__csv_require_column(&col[1], t, name_names, err)) ||
	    (rc = opv__csv_require_column(&col[2], t, province_code_names, err)) ||
	    (rc = opv__csv_require_column(&col[3], t, province_names, err)) ||
	    (rc = opv__csv_require_column(&col[4], t, population_names, err)))
		return rc;
	if (t->nrows == 0)
		return opv__fail(err, OPV_EPARSE, "%s: no municipalities (header only)", t->source);
	if ((rc = opv__csv_optional_column(&ses_col, t, ses_names, err)))
		return rc;

	reg = allocate(t->nrows);
	if (!reg)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the register");
	reg->source = malloc(strlen(t->source) + 1);
	reg->reference_date = calloc(1, 1);
	if (!reg->source || !reg->reference_date) {
		opv_register_free(reg);
		return opv__fail(err, OPV_ENOMEM, "out of memory for the register");
	}
	strcpy(reg->source, t->source);
	for (i = 0; i < t->nrows; i++) {
		rc = read_row(&reg->rows[i], t, i, col, ses_col, err);
		if (rc) {
			opv_register_free(reg);
			return rc;
		}
	}
	rc = finish(reg, t->line, err);
	if (rc) {
		opv_register_free(reg);
		return rc;
	}
	reg->table = *t; /* the register now owns the strings */
	memset(t, 0, sizeof *t);
	*out = reg;
	return OPV_OK;
}

static int convert_register(void *out, struct opv__csv_table *t, const void *context,
                            opv_error *err)
{
	(void)context;
	return from_table(out, t, err);
}

int opv_register_load_csv(opv_register **out, const char *path, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	return opv__csv_load(out, &source, OPV_REGISTER_MAX_ROWS, convert_register, NULL, err);
}

int opv_register_parse_csv(opv_register **out, const char *data, size_t len, const char *source,
                           opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	return opv__csv_load(out, &src, OPV_REGISTER_MAX_ROWS, convert_register, NULL, err);
}

/* ---- reading ------------------------------------------------------------- */

size_t opv_register_count(const opv_register *reg)
{
	return reg ? reg->count : 0;
}

const opv_municipality *opv_register_at(const opv_register *reg, size_t i)
{
	return reg && i < reg->count ? &reg->rows[i] : NULL;
}

/* Binary search over the codes; the position in register order, or -1. */
static long search(const opv_register *reg, const char *code)
{
	size_t lo = 0, hi = reg->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(reg->rows[reg->by_code[mid]].code, code);
		if (c == 0)
			return (long)reg->by_code[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const opv_merger *opv_merger_at(size_t i)
{
	return i < opv__embedded_merger_count ? &opv__embedded_mergers[i] : NULL;
}

const opv_merger *opv_register_merger_of(const opv_register *reg, const char *code)
{
	const char *date;
	size_t i;
	if (!reg || !code || search(reg, code) >= 0)
		return NULL;
	date = reg->merged_to[0] ? reg->merged_to : opv_register_reference_date(reg);
	for (i = 0; i < opv__embedded_merger_count; i++) {
		const opv_merger *m = &opv__embedded_mergers[i];
		/* Dates are YYYY-MM-DD, so text order is date order. */
		if (strcmp(m->from_code, code) == 0 && (!date[0] || strcmp(m->date, date) <= 0)
		    && search(reg, m->to_code) >= 0)
			return m;
	}
	return NULL;
}

int opv_register_find(size_t *index, const opv_register *reg, const char *code, opv_error *err)
{
	const opv_merger *merger;
	long at;
	if (!index || !reg || !code)
		return opv__fail(err, OPV_EINVAL, "index, register or code is NULL");
	at = search(reg, code);
	if (at >= 0) {
		*index = (size_t)at;
		return OPV_OK;
	}
	merger = opv_register_merger_of(reg, code);
	if (merger && reg->map_mergers) {
		*index = (size_t)search(reg, merger->to_code);
		return OPV_OK;
	}
	if (merger)
		return opv__fail(err, OPV_ENOTFOUND,
		                 "municipality code %s (%s) no longer exists: it merged into %s (%s) "
		                 "on %s; map mergers to count it there", code, merger->from_name,
		                 merger->to_code, merger->to_name, merger->date);
	return opv__fail(err, OPV_ENOTFOUND, "municipality code '%.64s' is not in the register", code);
}

int opv__register_find_at(size_t *index, const opv_register *reg, const char *code,
                          const char *source, long line, long column, opv_error *err)
{
	opv_error why = OPV_ERROR_INIT;
	int rc = opv_register_find(index, reg, code, &why);
	if (rc == OPV_OK)
		return OPV_OK;
	if (line > 0)
		return opv__fail_at(err, rc, line, column, "%s:%ld: %s", source, line, why.message);
	return opv__fail(err, rc, "%s: %s", source, why.message);
}

int opv__register_check_name(const opv_register *reg, size_t at, const struct opv__csv_table *t,
                             size_t row, size_t code_col, size_t name_col, opv_error *err)
{
	const char *code = opv__csv_cell(t, row, code_col), *name = opv__csv_cell(t, row, name_col);
	const opv_merger *merger = opv_register_merger_of(reg, code);
	const char *expected = merger ? merger->from_name : opv_register_at(reg, at)->name;
	char what[256];
	if (!name[0] || strcmp(name, expected) == 0)
		return OPV_OK;
	snprintf(what, sizeof what, "%s is %.64s, not '%.64s'", code, expected, name);
	return opv__csv_fail(err, OPV_EINVAL, t, row, name_col, what);
}

uint64_t opv__register_fingerprint(const opv_register *reg)
{
	uint64_t hash = 14695981039346656037u;
	size_t i;
	for (i = 0; i < reg->count; i++) {
		const unsigned char *c = (const unsigned char *)reg->rows[i].code;
		do {  /* the NUL too, so that codes cannot run into each other */
			hash ^= *c;
			hash *= 1099511628211u;
		} while (*c++);
	}
	return hash;
}

int opv_register_maps_mergers(const opv_register *reg)
{
	return reg ? reg->map_mergers : 0;
}

int64_t opv_register_population(const opv_register *reg)
{
	return reg ? reg->population : 0;
}

int opv_register_has_ses(const opv_register *reg)
{
	return reg ? reg->has_ses : 0;
}

const char *opv_register_reference_date(const opv_register *reg)
{
	if (!reg)
		return "";
	if (reg->reference_date)
		return reg->reference_date;
	return reg->embedded ? reg->embedded->reference_date : "";
}

const char *opv_register_source(const opv_register *reg)
{
	if (!reg)
		return "";
	if (reg->source)
		return reg->source;
	return reg->embedded ? reg->embedded->source : "";
}

size_t opv_register_province_count(const opv_register *reg)
{
	return reg ? reg->province_count : 0;
}

const opv_province *opv_register_province_at(const opv_register *reg, size_t i)
{
	return reg && i < reg->province_count ? &reg->provinces[i] : NULL;
}

size_t opv_register_province_of(const opv_register *reg, size_t i)
{
	return reg && i < reg->count ? reg->province_of[i] : (size_t)-1;
}

/* ---- derived registers and sums ------------------------------------------ */

int opv_register_sum_by_province(int64_t *out, const opv_register *reg, const int64_t *values,
                                 opv_error *err)
{
	int64_t *sums;
	size_t i;
	if (!out || !reg || (!values && reg->count > 0))
		return opv__fail(err, OPV_EINVAL, "output, register or values is NULL");
	sums = calloc(reg->province_count + 1, sizeof *sums);
	if (!sums)
		return opv__fail(err, OPV_ENOMEM, "out of memory for province sums");
	for (i = 0; i < reg->count; i++) {
		int64_t *sum = &sums[reg->province_of[i]];
		if ((values[i] > 0 && *sum > INT64_MAX - values[i]) ||
		    (values[i] < 0 && *sum < INT64_MIN - values[i])) {
			free(sums);
			return opv__fail(err, OPV_ERANGE, "the sum for province %s overflows at %s",
			                 reg->provinces[reg->province_of[i]].code, reg->rows[i].code);
		}
		*sum += values[i];
	}
	memcpy(out, sums, reg->province_count * sizeof *sums);
	free(sums);
	return OPV_OK;
}

/* Copies `text` into the arena at *at and returns where it went. */
static char *arena_put(char **at, const char *text)
{
	size_t len = strlen(text) + 1;
	char *start = *at;
	memcpy(start, text, len);
	*at += len;
	return start;
}

/*
 * A deep copy: every string goes into one arena owned by the copy (held as
 * its reference date, which comes first in the arena).
 */
static int copy_register(opv_register **out, const opv_register *reg, opv_error *err)
{
	size_t i, bytes;
	opv_register *copy;
	char *arena, *at;
	const char *date = opv_register_reference_date(reg), *source = opv_register_source(reg);
	int rc;

	bytes = strlen(date) + 1;
	for (i = 0; i < reg->count; i++) {
		const opv_municipality *m = &reg->rows[i];
		bytes += strlen(m->code) + strlen(m->name) + strlen(m->province_code) +
		         strlen(m->province) + 4;
	}
	copy = allocate(reg->count);
	arena = malloc(bytes);
	if (copy)
		copy->source = malloc(strlen(source) + 1);
	if (!copy || !arena || !copy->source) {
		opv_register_free(copy);
		free(arena);
		return opv__fail(err, OPV_ENOMEM, "out of memory copying the register");
	}
	strcpy(copy->source, source);
	at = arena;
	copy->reference_date = arena_put(&at, date);
	for (i = 0; i < reg->count; i++) {
		const opv_municipality *m = &reg->rows[i];
		copy->rows[i] = *m;
		copy->rows[i].code = arena_put(&at, m->code);
		copy->rows[i].name = arena_put(&at, m->name);
		copy->rows[i].province_code = arena_put(&at, m->province_code);
		copy->rows[i].province = arena_put(&at, m->province);
	}
	copy->map_mergers = reg->map_mergers;
	memcpy(copy->merged_to, reg->merged_to, sizeof copy->merged_to);
	rc = finish(copy, NULL, err);
	if (rc) {
		opv_register_free(copy);
		return rc;
	}
	*out = copy;
	return OPV_OK;
}

int opv_register_map_mergers(opv_register **out, const opv_register *reg, opv_error *err)
{
	opv_register *copy = NULL;
	int rc;
	if (!out || !reg)
		return opv__fail(err, OPV_EINVAL, "output or register is NULL");
	rc = copy_register(&copy, reg, err);
	if (rc)
		return rc;
	copy->map_mergers = 1;
	*out = copy;
	return OPV_OK;
}

/* The merger of the library that takes `code` away by the end of `year`, or NULL. */
static const opv_merger *merger_by(const char *code, int year)
{
	char end[12];
	size_t i;
	snprintf(end, sizeof end, "%04d-12-31", year);
	for (i = 0; i < opv__embedded_merger_count; i++) {
		const opv_merger *m = &opv__embedded_mergers[i];
		if (strcmp(m->from_code, code) == 0 && strcmp(m->from_code, m->to_code) != 0 &&
		    strcmp(m->date, end) <= 0)
			return m;
	}
	return NULL;
}

/*
 * Each codes[k] is a successor that a municipality of the register merges
 * into by the end of `year`, given once, with a population in 0..2^53.  The
 * list of mergers is short and the register long, so the search goes over
 * the mergers: n * mergers^2 steps.
 */
static int check_given_populations(const opv_register *reg, int year, const char *const *codes,
                                   const int64_t *populations, size_t n, opv_error *err)
{
	unsigned char *given = calloc(opv__embedded_merger_count + 1, 1);
	size_t i, k;
	int rc = OPV_OK;
	if (!given)
		return opv__fail(err, OPV_ENOMEM, "out of memory merging the register");
	for (k = 0; k < n && !rc; k++) {
		const opv_merger *successor = NULL;
		if (!codes[k]) {
			rc = opv__fail(err, OPV_EINVAL, "codes[%zu] is NULL", k);
			break;
		}
		if (populations[k] < 0 || populations[k] >= MAX_POPULATION) {
			rc = opv__fail(err, OPV_ERANGE, "%s: a population of %lld is outside 0..2^53",
			               codes[k], (long long)populations[k]);
			break;
		}
		for (i = 0; i < opv__embedded_merger_count && !successor; i++) {
			const opv_merger *m = &opv__embedded_mergers[i];
			if (strcmp(m->to_code, codes[k]) == 0 && search(reg, m->from_code) >= 0 &&
			    merger_by(m->from_code, year) == m)
				successor = m;
		}
		if (!successor) {
			rc = opv__fail(err, OPV_EINVAL, "%.16s is not a municipality that municipalities of "
			               "this register merge into by the end of %d", codes[k], year);
			break;
		}
		/* One population per successor, marked at its first merger in the list. */
		for (i = 0; strcmp(opv__embedded_mergers[i].to_code, successor->to_code) != 0; i++)
			;
		if (given[i]++)
			rc = opv__fail(err, OPV_EDUPLICATE, "%s is given twice", codes[k]);
	}
	free(given);
	return rc;
}

int opv_register_merged_in(opv_register **out, const opv_register *reg, int year,
                           const char *const *codes, const int64_t *populations, size_t n,
                           size_t *assumed, opv_error *err)
{
	opv_register *copy = NULL;
	size_t i, k, kept = 0, summed = 0;
	int changed = 0;            /* a row folded or renamed */
	long *target;
	unsigned char *is_target;  /* a row that others fold into */
	int rc;
	if (!out || !reg || (n > 0 && (!codes || !populations)))
		return opv__fail(err, OPV_EINVAL, "output, register, codes or populations is NULL");
	if (year < 1900 || year > 9999)
		return opv__fail(err, OPV_EINVAL, "year %d is outside 1900..9999", year);
	rc = check_given_populations(reg, year, codes, populations, n, err);
	if (rc)
		return rc;
	rc = copy_register(&copy, reg, err);
	if (rc)
		return rc;
	/* Each folded row points at its successor's row: an existing one, or
	 * the first folded row of that successor, which becomes it. */
	target = malloc(reg->count * sizeof *target + 1);
	is_target = calloc(reg->count + 1, 1);
	if (!target || !is_target) {
		free(target);
		free(is_target);
		opv_register_free(copy);
		return opv__fail(err, OPV_ENOMEM, "out of memory merging the register");
	}
	for (i = 0; i < copy->count; i++) {
		const opv_merger *m = merger_by(copy->rows[i].code, year);
		size_t j;
		target[i] = (long)i;
		if (!m)
			continue;
		changed = 1;
		target[i] = search(reg, m->to_code);
		for (j = 0; target[i] < 0 && j < i; j++) {
			const opv_merger *other = merger_by(copy->rows[j].code, year);
			if (target[j] == (long)j && other && strcmp(other->to_code, m->to_code) == 0)
				target[i] = (long)j;
		}
		if (target[i] < 0) { /* a new code: this row becomes the successor */
			target[i] = (long)i;
			copy->rows[i].code = m->to_code;   /* static strings of the embedded list */
			copy->rows[i].name = m->to_name;
		} else {
			copy->rows[target[i]].population += copy->rows[i].population;
			copy->rows[i].population = -1;    /* folded away */
			is_target[target[i]] = 1;
		}
	}
	/* The population of a successor: Gedeputeerde Staten's (art. 30), or the sum. */
	for (i = 0; i < copy->count; i++) {
		if (copy->rows[i].population < 0)
			continue;
		if (!is_target[i] && !merger_by(reg->rows[i].code, year))
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(codes[k], copy->rows[i].code) == 0)
				break;
		if (k < n)
			copy->rows[i].population = populations[k];
		else
			summed++;
		copy->rows[i].has_ses = 0;
	}
	for (i = 0; i < copy->count; i++)
		if (copy->rows[i].population >= 0)
			copy->rows[kept++] = copy->rows[i];
	free(target);
	free(is_target);
	copy->count = kept;
	free(copy->by_code);
	free(copy->provinces);
	free(copy->province_of);
	copy->by_code = NULL;
	copy->provinces = NULL;
	copy->province_of = NULL;
	if (changed) { /* something folded or was renamed: former codes stand for the successor */
		copy->map_mergers = 1;
		snprintf(copy->merged_to, sizeof copy->merged_to, "%04d-12-31", year);
	}
	rc = finish(copy, NULL, err);
	if (rc) {
		opv_register_free(copy);
		return rc;
	}
	if (assumed)
		*assumed = summed;
	*out = copy;
	return OPV_OK;
}

int opv_register_with_ses(opv_register **out, const opv_register *reg,
                          const opv_keyed_values *ses, opv_error *err)
{
	opv_register *copy = NULL;
	size_t i, n, *row;
	unsigned char *seen;
	int rc = OPV_OK;
	if (!out || !reg || !ses)
		return opv__fail(err, OPV_EINVAL, "output, register or SES table is NULL");
	n = opv_keyed_values_count(ses);
	row = malloc(n * sizeof *row + 1);
	seen = calloc(reg->count + 1, 1);
	if (!row || !seen) {
		free(row);
		free(seen);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu SES scores", n);
	}
	for (i = 0; i < n && rc == OPV_OK; i++)
		rc = opv__register_find_at(&row[i], reg, opv_keyed_values_key(ses, i),
		                           opv_keyed_values_source(ses), opv_keyed_values_line(ses, i),
		                           0, err);
	if (rc == OPV_OK)
		rc = copy_register(&copy, reg, err);
	for (i = 0; i < n && rc == OPV_OK; i++) {
		opv_municipality *m = &copy->rows[row[i]];
		/* Keys are unique: a second score for one row comes from mapping a merger. */
		if (seen[row[i]]) {
			rc = opv__fail_at(err, OPV_EDUPLICATE, opv_keyed_values_line(ses, i), 0,
			                  "%s:%ld: %s stands for %s, which has a score already: the "
			                  "scores of merged municipalities cannot be added",
			                  opv_keyed_values_source(ses), opv_keyed_values_line(ses, i),
			                  opv_keyed_values_key(ses, i), m->code);
			break;
		}
		m->ses = opv_keyed_values_value(ses, i);
		m->has_ses = 1;
		seen[row[i]] = 1;
	}
	free(row);
	free(seen);
	if (rc) {
		opv_register_free(copy);
		return rc;
	}
	copy->has_ses = 1;
	for (i = 0; i < copy->count; i++)
		copy->has_ses &= copy->rows[i].has_ses;
	*out = copy;
	return OPV_OK;
}

int opv_register_align_int64(int64_t *out, const opv_register *reg, const opv_keyed_values *values,
                             int64_t missing, opv_error *err)
{
	size_t i, n;
	int64_t *aligned;
	unsigned char *seen;
	int rc = OPV_OK;
	if (!out || !reg || !values)
		return opv__fail(err, OPV_EINVAL, "output, register or values is NULL");
	aligned = malloc(reg->count * sizeof *aligned + 1);
	seen = calloc(reg->count + 1, 1);
	if (!aligned || !seen) {
		free(aligned);
		free(seen);
		return opv__fail(err, OPV_ENOMEM, "out of memory aligning %s", opv_keyed_values_source(values));
	}
	for (i = 0; i < reg->count; i++)
		aligned[i] = missing;
	n = opv_keyed_values_count(values);
	for (i = 0; i < n && rc == OPV_OK; i++) {
		const char *source = opv_keyed_values_source(values), *key = opv_keyed_values_key(values, i);
		long line = opv_keyed_values_line(values, i);
		double v = opv_keyed_values_value(values, i);
		size_t at;
		rc = opv__register_find_at(&at, reg, key, source, line, 0, err);
		if (rc)
			break;
		if (v != floor(v) || fabs(v) >= 9007199254740992.0) {
			rc = opv__fail_at(err, OPV_ERANGE, line, 0,
			                  "%s:%ld: %g for %s is not a whole number below 2^53", source, line,
			                  v, key);
			break;
		}
		/* Keys are unique, so a second value for one row comes from a merged
		 * municipality that the register maps to its successor: they add up. */
		if (seen[at] && (fabs((double)aligned[at] + v) >= 9007199254740992.0)) {
			rc = opv__fail_at(err, OPV_ERANGE, line, 0,
			                  "%s:%ld: the values of %s and the municipalities merged into it "
			                  "add up to 2^53 or more", source, line, reg->rows[at].code);
			break;
		}
		aligned[at] = seen[at] ? aligned[at] + (int64_t)v : (int64_t)v;
		seen[at] = 1;
	}
	if (rc == OPV_OK)
		memcpy(out, aligned, reg->count * sizeof *aligned);
	free(aligned);
	free(seen);
	return rc;
}
