/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Realisation during the half-year (opvang/housing.h): dated counts of
 * status holders housed, added up to a day and set against the task pro
 * rata, as provinces and municipalities follow it month by month.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "csv_table.h"
#include "date_internal.h"
#include "error.h"
#include "versioned.h"

struct record {
	const char *code;
	opv_day date;
	int64_t count;
	opv_realised_kind kind;
	long line;
};

struct opv_realised_log {
	struct opv__csv_table table; /* owns the code strings */
	size_t count;
	struct record *records;
};

const char *opv_realised_kind_name(opv_realised_kind kind)
{
	static const char *const names[OPV_REALISED_KIND_COUNT] = { "woning", "doorstroomlocatie",
	                                                            "nareis" };
	return (unsigned)kind < OPV_REALISED_KIND_COUNT ? names[kind] : NULL;
}

int opv_realised_kinds_parse(unsigned int *kinds, const char *list, opv_error *err)
{
	const char *start = list;
	unsigned int bits = 0;
	if (!kinds || !list)
		return opv__fail(err, OPV_EINVAL, "kinds or list is NULL");
	for (;;) {
		const char *comma = strchr(start, ',');
		size_t len = comma ? (size_t)(comma - start) : strlen(start);
		int k, found = 0;
		for (k = 0; k < OPV_REALISED_KIND_COUNT && !found; k++) {
			const char *name = opv_realised_kind_name((opv_realised_kind)k);
			if (strlen(name) == len && strncmp(name, start, len) == 0) {
				bits |= 1u << k;
				found = 1;
			}
		}
		if (!found)
			return opv__fail(err, OPV_ENOTFOUND, "no kind '%.*s'; the kinds are woning, "
			                 "doorstroomlocatie and nareis", (int)(len > 40 ? 40 : len), start);
		if (!comma)
			break;
		start = comma + 1;
	}
	*kinds = bits;
	return OPV_OK;
}

void opv_realised_log_free(opv_realised_log *log)
{
	if (!log)
		return;
	opv__csv_free(&log->table);
	free(log->records);
	free(log);
}

static int read_kind(opv_realised_kind *kind, const struct opv__csv_table *t, size_t row,
                     size_t col, opv_error *err)
{
	const char *text = opv__csv_cell(t, row, col);
	int k;
	if (!text[0]) {
		*kind = OPV_REALISED_HOME;
		return OPV_OK;
	}
	for (k = 0; k < OPV_REALISED_KIND_COUNT; k++) {
		if (strcmp(text, opv_realised_kind_name((opv_realised_kind)k)) == 0) {
			*kind = (opv_realised_kind)k;
			return OPV_OK;
		}
	}
	return opv__csv_fail(err, OPV_EPARSE, t, row, col,
	                     "the kinds are woning, doorstroomlocatie and nareis");
}

static int log_from_table(void *out, struct opv__csv_table *t, const void *context, opv_error *err)
{
	static const char *const code_names[] = { "code", NULL };
	static const char *const date_names[] = { "date", NULL };
	static const char *const count_names[] = { "count", NULL };
	static const char *const kind_names[] = { "kind", NULL };
	long kc;
	size_t cc, dc, nc, i;
	opv_realised_log *log;
	int rc;
	(void)context;
	if ((rc = opv__csv_optional_column(&kc, t, kind_names, err)) ||
	    (rc = opv__csv_require_column(&cc, t, code_names, err)) ||
	    (rc = opv__csv_require_column(&dc, t, date_names, err)) ||
	    (rc = opv__csv_require_column(&nc, t, count_names, err)))
		return rc;
	log = calloc(1, sizeof *log);
	if (log)
		log->records = calloc(t->nrows + 1, sizeof *log->records);
	if (!log || !log->records) {
		opv_realised_log_free(log);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	}
	for (i = 0; i < t->nrows && !rc; i++) {
		struct record *r = &log->records[i];
		r->code = opv__csv_cell(t, i, cc);
		r->line = t->line[i];
		opv_error e = OPV_ERROR_INIT;
		if (opv_date_parse(&r->date, opv__csv_cell(t, i, dc), &e) != OPV_OK)
			rc = opv__csv_fail(err, e.code == OPV_ERANGE ? OPV_ERANGE : OPV_EPARSE, t, i, dc,
			                   e.code == OPV_ERANGE ? e.message : "not a date like 2026-01-31");
		else if (!(rc = opv__csv_whole(&r->count, t, i, nc, err)) && r->count < 0)
			rc = opv__csv_fail(err, OPV_ERANGE, t, i, nc, "a count of people housed is not negative");
		if (!rc && kc >= 0)
			rc = read_kind(&r->kind, t, i, (size_t)kc, err);
	}
	if (rc) {
		opv_realised_log_free(log);
		return rc;
	}
	log->count = t->nrows;
	log->table = *t;
	memset(t, 0, sizeof *t);
	*(opv_realised_log **)out = log;
	return OPV_OK;
}

int opv_realised_log_load_csv(opv_realised_log **out, const char *path, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	return opv__csv_load(out, &source, OPV_VALUES_MAX_ROWS, log_from_table, NULL, err);
}

int opv_realised_log_parse_csv(opv_realised_log **out, const char *data, size_t len,
                               const char *source, opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	return opv__csv_load(out, &src, OPV_VALUES_MAX_ROWS, log_from_table, NULL, err);
}

int opv_housing_realisation(const opv_realisation_columns *out, double *share_passed,
                            const opv_register *reg, const int64_t *task,
                            const opv_realised_log *log, const opv_realisation_options *o,
                            opv_error *err)
{
	char name[OPV_PERIOD_TEXT_SIZE];
	opv_day first, end;
	double passed;
	int64_t *realised;
	size_t n, i;
	int rc = OPV_OK;
	if (!out || !reg || !task || !log || !o)
		return opv__fail(err, OPV_EINVAL, "columns, register, task, log or options is NULL");
	if ((rc = opv__check_version(o->version, OPV_REALISATION_OPTIONS_VERSION,
	                             "realisation options", err))
	    || (rc = opv__check_version(out->version, OPV_REALISATION_COLUMNS_VERSION,
	                                "realisation columns", err)))
		return rc;
	if (opv_period_format(name, sizeof name, o->period, NULL) != OPV_OK)
		return opv__fail(err, OPV_EINVAL, "year %d half %d is not a half-year", o->period.year,
		                 o->period.half);
	if (o->counting_kinds == 0 || (o->counting_kinds & ~OPV_REALISED_ALL_KINDS))
		return opv__fail(err, OPV_EINVAL, "counting kinds 0x%x: name one or more of woning, "
		                 "doorstroomlocatie and nareis", o->counting_kinds);
	first = opv__period_first_day(o->period);
	end = opv__period_first_day(opv_period_next(o->period));
	if (o->as_of < first) {
		char date[OPV_DATE_TEXT_SIZE] = "?";
		opv_date_format(date, sizeof date, o->as_of, NULL);
		return opv__fail(err, OPV_ERANGE, "the count of %s is before %s began", date, name);
	}
	n = opv_register_count(reg);
	for (i = 0; i < n; i++)
		if (task[i] < 0)
			return opv__fail(err, OPV_ERANGE, "%s: a task of %lld is negative",
			                 opv_register_at(reg, i)->code, (long long)task[i]);
	realised = calloc(n + 1, sizeof *realised);
	if (!realised)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	for (i = 0; i < log->count && !rc; i++) {
		const struct record *r = &log->records[i];
		opv_error why = OPV_ERROR_INIT;
		size_t m;
		if (opv_register_find(&m, reg, r->code, &why) != OPV_OK) {
			rc = opv__fail_at(err, why.code, r->line, 0, "line %ld: %s", r->line, why.message);
		} else if (r->date >= first && r->date < end && r->date <= o->as_of &&
		           (o->counting_kinds & (1u << r->kind))) {
			/* Below 2^53, as every count: the bindings hold it exactly. */
			if (realised[m] >= OPV_COUNT_MAX - r->count)
				rc = opv__fail_at(err, OPV_ERANGE, r->line, 0, "%s: the realised sum reaches "
				                  "2^53", r->code);
			else
				realised[m] += r->count;
		}
	}
	passed = o->as_of >= end - 1 ? 1.0 : (double)(o->as_of - first + 1) / (double)(end - first);
	for (i = 0; i < n && !rc; i++) {
		double t = (double)task[i], got = (double)realised[i];
		if (out->realised)
			out->realised[i] = realised[i];
		if (out->share_realised)
			out->share_realised[i] = task[i] ? got / t : NAN;
		if (out->expected)
			out->expected[i] = t * passed;
		if (out->projected_balance)
			out->projected_balance[i] = t - got / passed;
	}
	if (!rc && share_passed)
		*share_passed = passed;
	free(realised);
	return rc;
}
