/* SPDX-License-Identifier: EUPL-1.2 */
/* The province's supervision ladder over housing-task balances (opvang/housing.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "csv_table.h"
#include "date_internal.h"
#include "error.h"
#include "versioned.h"

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
	int64_t task;  /* -1: not known */
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
	if (opv__check_version(o->version, OPV_SUPERVISION_OPTIONS_VERSION, "supervision options", err))
		return OPV_EINVAL;
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

/*
 * The records resolved to their municipalities and sorted by municipality
 * and period, `task` (nullable) carried along: every code known, every
 * period valid, no municipality with two balances for one half-year.
 */
static int resolve(struct entry **out, const opv_register *reg, const opv_balance_record *history,
                   const int64_t *task, size_t nhistory, opv_error *err)
{
	struct entry *e = malloc(nhistory * sizeof *e + 1);
	size_t i;
	int rc = OPV_OK;
	if (!e)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu history records", nhistory);
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
		e[i].task = task ? task[i] : -1;
		e[i].input = i;
	}
	if (!rc)
		qsort(e, nhistory, sizeof *e, by_municipality_then_period);
	for (i = 1; i < nhistory && !rc; i++) {
		if (e[i].municipality == e[i - 1].municipality &&
		    opv_period_compare(e[i].period, e[i - 1].period) == 0) {
			char name[OPV_PERIOD_TEXT_SIZE], first[48], second[48];
			size_t a = e[i - 1].input < e[i].input ? e[i - 1].input : e[i].input;
			size_t b = e[i - 1].input < e[i].input ? e[i].input : e[i - 1].input;
			opv_period_format(name, sizeof name, e[i].period, NULL);
			where_is(first, sizeof first, history, a);
			where_is(second, sizeof second, history, b);
			rc = opv__fail_at(err, OPV_EDUPLICATE, history[b].line, 0,
			                  "%s has two balances for %s (%s and %s)",
			                  opv_register_at(reg, e[i].municipality)->code, name, first, second);
		}
	}
	if (rc) {
		free(e);
		return rc;
	}
	*out = e;
	return OPV_OK;
}

int opv_supervision(int64_t *misses, opv_supervision_state *states, const opv_register *reg,
                    const opv_balance_record *history, size_t nhistory,
                    const opv_supervision_options *options, opv_error *err)
{
	opv_supervision_options defaults = OPV_SUPERVISION_OPTIONS_INIT;
	struct entry *e = NULL;
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
	count = calloc(n + 1, sizeof *count);
	if (!count)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	rc = resolve(&e, reg, history, NULL, nhistory, err);
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

/* ---- the ladder as of a date ------------------------------------------------ */

const char *opv_stage_name(opv_stage stage)
{
	static const char *const names[OPV_STAGE_COUNT] = {
		"on_track", "signalling", "administrative_talk", "warning", "substitution", "no_data"
	};
	return (unsigned)stage < OPV_STAGE_COUNT ? names[stage] : NULL;
}

int opv_stage_from_name(opv_stage *stage, const char *name, opv_error *err)
{
	int k;
	if (!stage || !name)
		return opv__fail(err, OPV_EINVAL, "stage or name is NULL");
	for (k = 0; k < OPV_STAGE_COUNT; k++) {
		if (strcmp(name, opv_stage_name((opv_stage)k)) == 0) {
			*stage = (opv_stage)k;
			return OPV_OK;
		}
	}
	return opv__fail(err, OPV_ENOTFOUND, "no stage '%.40s': the stages are on_track, signalling, "
	                 "administrative_talk, warning, substitution and no_data", name);
}

const char *opv_ladder_column_name(opv_ladder_column column)
{
	static const char *const names[OPV_LADDER_COLUMN_COUNT] = {
		"stage", "consecutive_misses", "first_missed", "entered", "term_ends", "balance", "task"
	};
	return (unsigned)column < OPV_LADDER_COLUMN_COUNT ? names[column] : NULL;
}

struct opv_ladder {
	size_t n;
	opv_period period;
	int64_t *value;  /* n * OPV_LADDER_COLUMN_COUNT, municipality by municipality */
};

void opv_ladder_free(opv_ladder *l)
{
	if (!l)
		return;
	free(l->value);
	free(l);
}

size_t opv_ladder_count(const opv_ladder *l)
{
	return l ? l->n : 0;
}

int64_t opv_ladder_get(const opv_ladder *l, opv_ladder_column column, size_t i)
{
	if (!l || i >= l->n || (unsigned)column >= OPV_LADDER_COLUMN_COUNT)
		return 0;
	return l->value[i * OPV_LADDER_COLUMN_COUNT + (size_t)column];
}

opv_period opv_ladder_period(const opv_ladder *l)
{
	return l ? l->period : (opv_period){ 0, 0 };
}

/* "2.5" (the text before the %) in millionths: digits, at most four decimals.
 * Returns 0, -1 (not such a number) or -2 (more than four decimals). */
static int percent_ppm(int64_t *ppm, const char *text, size_t len)
{
	int64_t whole = 0, fraction = 0;
	int decimals = 0;
	size_t i;
	for (i = 0; i < len && text[i] != '.'; i++) {
		if (text[i] < '0' || text[i] > '9' || whole > 1000)
			return -1;
		whole = whole * 10 + (text[i] - '0');
	}
	if (i == 0 || (i < len && i + 1 == len))
		return -1;
	for (i = i < len ? i + 1 : i; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		if (++decimals > 4)
			return -2;
		fraction = fraction * 10 + (text[i] - '0');
	}
	while (decimals++ < 4)
		fraction *= 10;
	*ppm = whole * 10000 + fraction;
	return 0;
}

int opv_ladder_tolerance_parse(opv_ladder_options *o, const char *text, opv_error *err)
{
	size_t len;
	int64_t value;
	if (!o || !text)
		return opv__fail(err, OPV_EINVAL, "options or text is NULL");
	len = strlen(text);
	if (len > 0 && text[len - 1] == '%') {
		int rc = percent_ppm(&value, text, len - 1);
		if (rc == -2)
			return opv__fail(err, OPV_EPARSE, "tolerance '%.32s': at most four decimals", text);
		if (rc)
			return opv__fail(err, OPV_EPARSE, "tolerance '%.32s' is neither people (10) nor a "
			                 "share of the task (5%%)", text);
		if (value > 1000000)
			return opv__fail(err, OPV_ERANGE, "tolerance %.32s is outside 0%%..100%% of the task",
			                 text);
		o->tolerance_ppm = value;
		o->tolerance = 0;
		return OPV_OK;
	}
	if (opv__parse_int64(&value, text) != OPV_OK)
		return opv__fail(err, OPV_EPARSE, "tolerance '%.32s' is neither people (10) nor a share "
		                 "of the task (5%%)", text);
	if (value < 0)
		return opv__fail(err, OPV_ERANGE, "a tolerance of %lld people is negative: it would turn "
		                 "advances into misses", (long long)value);
	o->tolerance = value;
	o->tolerance_ppm = -1;
	return OPV_OK;
}

static int check_ladder_options(const opv_ladder_options *o, int has_tasks, opv_error *err)
{
	int k;
	if (opv__check_version(o->version, OPV_LADDER_OPTIONS_VERSION, "ladder options", err))
		return OPV_EINVAL;
	if (o->as_of == 0)
		return opv__fail(err, OPV_EINVAL, "the date of the assessment (as_of) is required");
	/* Before any arithmetic on it (as_of + 1 overflows at INT32_MAX). */
	if (o->as_of < opv__civil_day(1900, 1, 1) || o->as_of > opv__civil_day(9999, 12, 31))
		return opv__fail(err, OPV_ERANGE, "the date of the assessment (as_of), day %ld, is "
		                 "outside the years 1900..9999", (long)o->as_of);
	if (o->thresholds[0] < 1)
		return opv__fail(err, OPV_EINVAL, "the first threshold must be at least 1, not %d",
		                 o->thresholds[0]);
	for (k = 1; k < 4; k++)
		if (o->thresholds[k] < o->thresholds[k - 1])
			return opv__fail(err, OPV_EINVAL, "thresholds must not decrease: %d, %d, %d, %d",
			                 o->thresholds[0], o->thresholds[1], o->thresholds[2], o->thresholds[3]);
	if (o->warning_term_weeks < 1 || o->warning_term_weeks > 520)
		return opv__fail(err, OPV_EINVAL, "a warning's term of %d weeks is outside 1..520",
		                 o->warning_term_weeks);
	if (o->tolerance_ppm > 1000000 || o->tolerance_ppm < -1)
		return opv__fail(err, OPV_EINVAL, "a tolerance of %lld millionths of the task is outside "
		                 "0%%..100%%", (long long)o->tolerance_ppm);
	if (o->tolerance < 0)
		return opv__fail(err, OPV_EINVAL, "a tolerance of %lld people is negative: it would turn "
		                 "advances into misses", (long long)o->tolerance);
	if (o->tolerance_ppm >= 0 && !has_tasks)
		return opv__fail(err, OPV_EINVAL, "a tolerance as a share of the task needs the task of "
		                 "each half-year: a column 'task' in the history, as opvang housing-task "
		                 "prints it");
	return OPV_OK;
}

int opv_ladder_options_check(const opv_ladder_options *o, opv_error *err)
{
	if (!o)
		return opv__fail(err, OPV_EINVAL, "options is NULL");
	return check_ladder_options(o, 1, err);
}

__extension__ typedef __int128 i128;

/* A balance above the tolerance: in people, or as a share of the task (exact). */
static int missed(const struct entry *e, const opv_ladder_options *o)
{
	if (o->tolerance_ppm < 0)
		return e->balance > o->tolerance;
	return (i128)e->balance * 1000000 > (i128)o->tolerance_ppm * e->task;
}

static int64_t period_number(opv_period p)
{
	return (int64_t)p.year * 10 + p.half;
}

/* The half-year `steps` after p. */
static opv_period period_after(opv_period p, int64_t steps)
{
	while (steps-- > 0)
		p = opv_period_next(p);
	return p;
}

int opv_ladder_run(opv_ladder **out, const opv_register *reg, const opv_balance_history *h,
                   const opv_ladder_options *o, opv_error *err)
{
	const opv_balance_record *records;
	struct entry *e = NULL;
	opv_ladder *l;
	opv_period latest;
	size_t n, nh, i, first = 0;
	int rc;

	if (!out || !reg || !h || !o)
		return opv__fail(err, OPV_EINVAL, "output, register, history or options is NULL");
	if ((rc = check_ladder_options(o, opv_balance_history_tasks(h) != NULL, err)))
		return rc;
	records = opv_balance_history_records(h);
	nh = opv_balance_history_count(h);
	/* The latest half-year whose last day is on or before as_of. */
	latest = opv__period_of_day((opv_day)(o->as_of + 1));
	latest = latest.half == 2 ? (opv_period){ latest.year, 1 } : (opv_period){ latest.year - 1, 2 };
	for (i = 0; i < nh; i++)
		if (i == 0 || opv_period_compare(records[i].period, records[first].period) < 0)
			first = i;
	if (nh > 0 && opv_period_compare(latest, records[first].period) < 0) {
		char date[OPV_DATE_TEXT_SIZE], name[OPV_PERIOD_TEXT_SIZE], end[OPV_DATE_TEXT_SIZE];
		opv_date_format(date, sizeof date, o->as_of, NULL);
		opv_period_format(name, sizeof name, records[first].period, NULL);
		opv_date_format(end, sizeof end,
		                (opv_day)(opv__period_first_day(opv_period_next(records[first].period)) - 1),
		                NULL);
		return opv__fail(err, OPV_ERANGE, "the assessment date %s is before the end of the "
		                 "history's first half-year (%s ends on %s)", date, name, end);
	}
	n = opv_register_count(reg);
	l = calloc(1, sizeof *l);
	if (l)
		l->value = calloc(n * OPV_LADDER_COLUMN_COUNT + 1, sizeof *l->value);
	if (!l || !l->value) {
		opv_ladder_free(l);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	}
	l->n = n;
	l->period = latest;
	if ((rc = resolve(&e, reg, records, opv_balance_history_tasks(h), nh, err))) {
		opv_ladder_free(l);
		return rc;
	}
	for (i = 0; i < n; i++) { /* no record of the latest half-year: no data */
		l->value[i * OPV_LADDER_COLUMN_COUNT + OPV_LADDER_STAGE] = OPV_STAGE_NO_DATA;
		l->value[i * OPV_LADDER_COLUMN_COUNT + OPV_LADDER_TASK] = -1;
	}
	for (i = 0; i < nh; i++) {
		int64_t *v = l->value + e[i].municipality * OPV_LADDER_COLUMN_COUNT, run = 0;
		int stage = OPV_STAGE_ON_TRACK, k;
		size_t j = i, earliest = i; /* the earliest missed half-year of the run */
		if (opv_period_compare(e[i].period, latest) != 0)
			continue;
		while (missed(&e[j], o)) {
			run++;
			earliest = j;
			if (j == 0 || e[j - 1].municipality != e[j].municipality ||
			    opv_period_compare(opv_period_next(e[j - 1].period), e[j].period) != 0)
				break;
			j--;
		}
		j = earliest;
		for (k = 0; k < 4; k++)
			if (run >= o->thresholds[k])
				stage = k + 1;
		v[OPV_LADDER_STAGE] = stage;
		v[OPV_LADDER_MISSES] = run;
		v[OPV_LADDER_BALANCE] = e[i].balance;
		v[OPV_LADDER_TASK] = e[i].task;
		if (run > 0)
			v[OPV_LADDER_FIRST_MISSED] = period_number(e[j].period);
		if (stage != OPV_STAGE_ON_TRACK) {
			/* The half-year that brought the misses to the stage's threshold. */
			opv_period reached = period_after(e[j].period, o->thresholds[stage - 1] - 1);
			v[OPV_LADDER_ENTERED] = opv__period_first_day(opv_period_next(reached));
			if (stage == OPV_STAGE_WARNING)
				v[OPV_LADDER_TERM_ENDS] = v[OPV_LADDER_ENTERED] + 7 * o->warning_term_weeks - 1;
		}
	}
	free(e);
	*out = l;
	return OPV_OK;
}

/* ---- history from CSV ---------------------------------------------------- */

struct opv_balance_history {
	struct opv__csv_table table; /* owns the code strings */
	size_t count;
	opv_balance_record *records;
	int64_t *tasks;              /* one per record, or NULL without a task column */
};

void opv_balance_history_free(opv_balance_history *h)
{
	if (!h)
		return;
	opv__csv_free(&h->table);
	free(h->records);
	free(h->tasks);
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

const int64_t *opv_balance_history_tasks(const opv_balance_history *h)
{
	return h ? h->tasks : NULL;
}

static int history_from_table(opv_balance_history **out, struct opv__csv_table *t, opv_error *err)
{
	static const char *const code_names[] = { "code", NULL };
	static const char *const period_names[] = { "period", NULL };
	static const char *const balance_names[] = { "balance", NULL };
	static const char *const task_names[] = { "task", NULL };
	long tc;
	size_t cc, pc, bc, i;
	opv_balance_history *h;
	int rc;
	if ((rc = opv__csv_optional_column(&tc, t, task_names, err)) ||
	    (rc = opv__csv_require_column(&cc, t, code_names, err)) ||
	    (rc = opv__csv_require_column(&pc, t, period_names, err)) ||
	    (rc = opv__csv_require_column(&bc, t, balance_names, err)))
		return rc;
	if (t->nrows == 0)
		return opv__fail(err, OPV_EPARSE, "%s: no balances (header only)", t->source);
	h = calloc(1, sizeof *h);
	if (h)
		h->records = calloc(t->nrows, sizeof *h->records);
	if (h && tc >= 0)
		h->tasks = calloc(t->nrows, sizeof *h->tasks);
	if (!h || !h->records || (tc >= 0 && !h->tasks)) {
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
			rc = opv__csv_whole(&r->balance, t, i, bc, err);
		}
		if (!rc && tc >= 0) {
			rc = opv__csv_whole(&h->tasks[i], t, i, (size_t)tc, err);
			if (!rc && h->tasks[i] < 0)
				rc = opv__csv_fail(err, OPV_ERANGE, t, i, (size_t)tc, "a task is not negative");
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
