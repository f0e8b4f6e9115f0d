/* SPDX-License-Identifier: EUPL-1.2 */
/* The province's supervision ladder over housing-task balances (opvang/housing.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "csv_table.h"
#include "error.h"

const char *opv_supervision_state_name(opv_supervision_state state)
{
	switch (state) {
	case OPV_ON_TRACK: return "on_track";
	case OPV_SIGNAL: return "signal";
	case OPV_PLAN_REQUESTED: return "plan_requested";
	case OPV_FINAL_WARNING: return "final_warning";
	case OPV_INTERVENTION: return "intervention";
	}
	return NULL;
}

/* A history record resolved to its municipality, for sorting. */
struct entry {
	size_t municipality;
	opv_period period;
	int64_t balance;
	size_t input; /* position in the caller's array, for messages */
};

static int by_municipality_then_period(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->municipality != y->municipality)
		return x->municipality < y->municipality ? -1 : 1;
	return opv_period_compare(x->period, y->period);
}

/* "line 7" for a record read from a file, "record 6" otherwise. */
static void where_is(char *buf, size_t size, const opv_balance_record *history, size_t i)
{
	if (history[i].line > 0)
		snprintf(buf, size, "line %ld", history[i].line);
	else
		snprintf(buf, size, "record %zu", i);
}

static opv_supervision_state state_for(int64_t misses, const int thresholds[4])
{
	int k;
	for (k = 3; k >= 0; k--)
		if (misses >= thresholds[k])
			return (opv_supervision_state)(k + 1);
	return OPV_ON_TRACK;
}

static int check_options(const opv_supervision_options *o, opv_error *err)
{
	int k;
	if (o->version != OPV_SUPERVISION_OPTIONS_VERSION)
		return opv__fail(err, OPV_EINVAL, "supervision options version %u is not %u", o->version,
		                 OPV_SUPERVISION_OPTIONS_VERSION);
	if (o->thresholds[0] < 1)
		return opv__fail(err, OPV_EINVAL, "the first threshold must be at least 1, not %d",
		                 o->thresholds[0]);
	for (k = 1; k < 4; k++)
		if (o->thresholds[k] <= o->thresholds[k - 1])
			return opv__fail(err, OPV_EINVAL,
			                 "thresholds must increase strictly: %d, %d, %d, %d", o->thresholds[0],
			                 o->thresholds[1], o->thresholds[2], o->thresholds[3]);
	return OPV_OK;
}

int opv_supervision(int64_t *misses, opv_supervision_state *states, const opv_register *reg,
                    const opv_balance_record *history, size_t nhistory,
                    const opv_supervision_options *options, opv_error *err)
{
	opv_supervision_options defaults = OPV_SUPERVISION_OPTIONS_INIT;
	struct entry *e;
	int64_t *count;
	size_t i, n;
	int rc;

	if (!reg || (nhistory > 0 && !history))
		return opv__fail(err, OPV_EINVAL, "register or history is NULL");
	if (!options)
		options = &defaults;
	rc = check_options(options, err);
	if (rc)
		return rc;
	n = opv_register_count(reg);
	e = malloc(nhistory * sizeof *e + 1);
	count = calloc(n + 1, sizeof *count);
	if (!e || !count) {
		free(e);
		free(count);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu history records", nhistory);
	}
	for (i = 0; i < nhistory && !rc; i++) {
		char name[OPV_PERIOD_TEXT_SIZE], where[48];
		opv_error why = OPV_ERROR_INIT;
		where_is(where, sizeof where, history, i);
		if (!history[i].code) {
			rc = opv__fail_at(err, OPV_EINVAL, history[i].line, 0, "%s has no code", where);
		} else if (opv_register_find(&e[i].municipality, reg, history[i].code, &why) != OPV_OK) {
			rc = opv__fail_at(err, why.code, history[i].line, 0, "%s: %s", where, why.message);
		} else if (opv_period_format(name, sizeof name, history[i].period, NULL) != OPV_OK) {
			rc = opv__fail_at(err, OPV_EINVAL, history[i].line, 0, "%s (%s): not a valid half-year",
			                  where, history[i].code);
		}
		e[i].period = history[i].period;
		e[i].balance = history[i].balance;
		e[i].input = i;
	}
	if (!rc)
		qsort(e, nhistory, sizeof *e, by_municipality_then_period);
	for (i = 1; i < nhistory && !rc; i++) {
		if (e[i].municipality == e[i - 1].municipality &&
		    opv_period_compare(e[i].period, e[i - 1].period) == 0) {
			char name[OPV_PERIOD_TEXT_SIZE];
			opv_period_format(name, sizeof name, e[i].period, NULL);
			char first[48], second[48];
			size_t a = e[i - 1].input < e[i].input ? e[i - 1].input : e[i].input;
			size_t b = e[i - 1].input < e[i].input ? e[i].input : e[i - 1].input;
			where_is(first, sizeof first, history, a);
			where_is(second, sizeof second, history, b);
			rc = opv__fail_at(err, OPV_EDUPLICATE, history[b].line, 0,
			                  "%s has two balances for %s (%s and %s)",
			                  opv_register_at(reg, e[i].municipality)->code, name, first, second);
		}
	}
	/* Walk each municipality's records from the latest back while they miss
	 * and follow each other without a gap. */
	for (i = nhistory; i-- > 0 && !rc;) {
		int latest = i + 1 == nhistory || e[i + 1].municipality != e[i].municipality;
		if (latest) {
			size_t j = i;
			int64_t run = 0;
			while (e[j].balance > options->tolerance) {
				run++;
				if (j == 0 || e[j - 1].municipality != e[j].municipality ||
				    opv_period_compare(opv_period_next(e[j - 1].period), e[j].period) != 0)
					break;
				j--;
			}
			count[e[i].municipality] = run;
		}
	}
	if (!rc) {
		for (i = 0; i < n; i++) {
			if (misses)
				misses[i] = count[i];
			if (states)
				states[i] = state_for(count[i], options->thresholds);
		}
	}
	free(e);
	free(count);
	return rc;
}

/* ---- history from CSV ---------------------------------------------------- */

struct opv_balance_history {
	struct opv__csv_table table; /* owns the code strings */
	size_t count;
	opv_balance_record *records;
};

void opv_balance_history_free(opv_balance_history *h)
{
	if (!h)
		return;
	opv__csv_free(&h->table);
	free(h->records);
	free(h);
}

size_t opv_balance_history_count(const opv_balance_history *h)
{
	return h ? h->count : 0;
}

const opv_balance_record *opv_balance_history_records(const opv_balance_history *h)
{
	return h ? h->records : NULL;
}

static int history_from_table(opv_balance_history **out, struct opv__csv_table *t, opv_error *err)
{
	static const char *const code_names[] = { "code", NULL };
	static const char *const period_names[] = { "period", NULL };
	static const char *const balance_names[] = { "balance", NULL };
	size_t cc, pc, bc, i;
	opv_balance_history *h;
	int rc;
	if ((rc = opv__csv_require_column(&cc, t, code_names, err)) ||
	    (rc = opv__csv_require_column(&pc, t, period_names, err)) ||
	    (rc = opv__csv_require_column(&bc, t, balance_names, err)))
		return rc;
	if (t->nrows == 0)
		return opv__fail(err, OPV_EPARSE, "%s: no balances (header only)", t->source);
	h = calloc(1, sizeof *h);
	if (h)
		h->records = calloc(t->nrows, sizeof *h->records);
	if (!h || !h->records) {
		opv_balance_history_free(h);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	}
	for (i = 0; i < t->nrows && !rc; i++) {
		opv_balance_record *r = &h->records[i];
		r->code = opv__csv_cell(t, i, cc);
		r->line = t->line[i];
		if (opv_period_parse(&r->period, opv__csv_cell(t, i, pc), NULL) != OPV_OK) {
			char what[96];
			snprintf(what, sizeof what, "'%.32s' is not a half-year like 2025-H2",
			         opv__csv_cell(t, i, pc));
			rc = opv__csv_fail(err, OPV_EPARSE, t, i, pc, what);
		} else {
			rc = opv__csv_int64(&r->balance, t, i, bc, err);
		}
	}
	if (rc) {
		opv_balance_history_free(h);
		return rc;
	}
	h->count = t->nrows;
	h->table = *t;
	memset(t, 0, sizeof *t);
	*out = h;
	return OPV_OK;
}

static int convert_history(void *out, struct opv__csv_table *t, const void *context,
                           opv_error *err)
{
	(void)context;
	return history_from_table(out, t, err);
}

int opv_balance_history_load_csv(opv_balance_history **out, const char *path, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	return opv__csv_load(out, &source, OPV_VALUES_MAX_ROWS, convert_history, NULL, err);
}

int opv_balance_history_parse_csv(opv_balance_history **out, const char *data, size_t len,
                                  const char *source, opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	return opv__csv_load(out, &src, OPV_VALUES_MAX_ROWS, convert_history, NULL, err);
}
