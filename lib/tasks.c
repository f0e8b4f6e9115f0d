/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The Spreidingswet task of every municipality and where it comes from
 * (opvang/places.h): a table of tasks, such as a verdeelbesluit, or the
 * indicative key of opv_distribute().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/distribution.h"
#include "opvang/places.h"
#include "csv_table.h"
#include "error.h"
#include "register_internal.h"
#include "tasks_internal.h"

/* Tasks stay below 2^53, so that every binding holds them exactly. */
#define MAX_TASK ((int64_t)1 << 53)

struct opv_tasks {
	opv_task_source source;
	size_t count;       /* municipalities of the register they were made for */
	uint64_t fingerprint; /* opv__register_fingerprint() of that register */
	int64_t *task;      /* count whole tasks, then count AMV parts, in one block */
	int64_t *task_amv;
	char *origin;
};

const char *opv_task_source_name(opv_task_source source)
{
	switch (source) {
	case OPV_TASK_FILE:
		return "tasks-file";
	case OPV_TASK_KEY_SES:
		return "key-ses";
	case OPV_TASK_KEY_POPULATION:
		return "key-population";
	}
	return NULL;
}

void opv_tasks_free(opv_tasks *tasks)
{
	if (!tasks)
		return;
	free(tasks->task);
	free(tasks->origin);
	free(tasks);
}

static opv_tasks *allocate(const opv_register *reg, const char *origin)
{
	opv_tasks *t = calloc(1, sizeof *t);
	size_t count = opv_register_count(reg);
	if (!t)
		return NULL;
	t->count = count;
	t->fingerprint = opv__register_fingerprint(reg);
	t->task = calloc(2 * count + 1, sizeof *t->task);
	t->origin = malloc(strlen(origin) + 1);
	if (!t->task || !t->origin) {
		opv_tasks_free(t);
		return NULL;
	}
	t->task_amv = t->task + count;
	strcpy(t->origin, origin);
	return t;
}

opv_task_source opv_tasks_source(const opv_tasks *tasks)
{
	return tasks ? tasks->source : OPV_TASK_FILE;
}

const char *opv_tasks_origin(const opv_tasks *tasks)
{
	return tasks ? tasks->origin : "";
}

uint64_t opv__tasks_fingerprint(const opv_tasks *tasks)
{
	return tasks->fingerprint;
}

size_t opv__tasks_count(const opv_tasks *tasks)
{
	return tasks->count;
}

const int64_t *opv__tasks_task(const opv_tasks *tasks)
{
	return tasks->task;
}

const int64_t *opv__tasks_amv(const opv_tasks *tasks)
{
	return tasks->task_amv;
}

int opv_tasks_values(int64_t *task, int64_t *task_amv, size_t n, const opv_tasks *tasks,
                     opv_error *err)
{
	if (!tasks)
		return opv__fail(err, OPV_EINVAL, "tasks is NULL");
	if (n != tasks->count)
		return opv__fail(err, OPV_EINVAL, "the tasks are of %zu municipalities, not %zu",
		                 tasks->count, n);
	if (task)
		memcpy(task, tasks->task, n * sizeof *task);
	if (task_amv)
		memcpy(task_amv, tasks->task_amv, n * sizeof *task_amv);
	return OPV_OK;
}

/* ---- from arrays ------------------------------------------------------------ */

int opv_tasks_new(opv_tasks **out, const opv_register *reg, const int64_t *task,
                  const int64_t *task_amv, opv_task_source source, const char *origin,
                  opv_error *err)
{
	size_t i, n;
	opv_tasks *t;
	if (!out || !reg || (!task && opv_register_count(reg) > 0))
		return opv__fail(err, OPV_EINVAL, "output, register or task is NULL");
	if (!opv_task_source_name(source))
		return opv__fail(err, OPV_EINVAL, "unknown task source %d", (int)source);
	n = opv_register_count(reg);
	for (i = 0; i < n; i++) {
		const char *code = opv_register_at(reg, i)->code;
		int64_t amv = task_amv ? task_amv[i] : 0;
		if (task[i] < 0 || task[i] >= MAX_TASK)
			return opv__fail(err, OPV_ERANGE, "the task %lld of %s is outside 0 .. 2^53 - 1",
			                 (long long)task[i], code);
		if (amv < 0)
			return opv__fail(err, OPV_ERANGE, "the AMV task %lld of %s is negative",
			                 (long long)amv, code);
		if (amv > task[i])
			return opv__fail(err, OPV_EINVAL,
			                 "the AMV task %lld of %s is more than its whole task %lld",
			                 (long long)amv, code, (long long)task[i]);
	}
	t = allocate(reg, origin ? origin : "tasks given by the caller");
	if (!t)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the tasks of %zu municipalities", n);
	t->source = source;
	if (n > 0)
		memcpy(t->task, task, n * sizeof *task);
	if (task_amv && n > 0)
		memcpy(t->task_amv, task_amv, n * sizeof *task_amv);
	*out = t;
	return OPV_OK;
}

/* ---- from the indicative key ---------------------------------------------- */

int opv_tasks_from_key(opv_tasks **out, const opv_register *reg, const double *ses,
                       int64_t total, int64_t amv, opv_error *err)
{
	opv_distribution_columns columns = OPV_DISTRIBUTION_COLUMNS_INIT;
	opv_distribution_summary summary = OPV_DISTRIBUTION_SUMMARY_INIT;
	char origin[256];
	const char *date;
	size_t i, n;
	int scored, rc;
	opv_tasks *t;
	if (!out || !reg)
		return opv__fail(err, OPV_EINVAL, "output or register is NULL");
	n = opv_register_count(reg);
	t = allocate(reg, "");
	if (!t)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the tasks of %zu municipalities", n);
	/* The key with its defaults: SES-WOA counts whenever there are scores
	 * (OPV_SES_AUTO).  Without any, it can only be the population key, which
	 * the source says is not the legal one. */
	columns.places = t->task;
	columns.amv = t->task_amv;
	rc = opv_distribute(&columns, &summary, reg, total, amv, ses, NULL, err);
	for (i = 0; !rc && i < n; i++)
		if (t->task[i] >= MAX_TASK)
			rc = opv__fail(err, OPV_ERANGE, "the task of %s would be 2^53 or more",
			               opv_register_at(reg, i)->code);
	if (!rc) {
		scored = summary.ses_transform == OPV_SES_LINEAR;
		t->source = scored ? OPV_TASK_KEY_SES : OPV_TASK_KEY_POPULATION;
		date = opv_register_reference_date(reg);
		snprintf(origin, sizeof origin,
		         "indicative key: %lld places (%lld AMV) by population%s, population of %s",
		         (long long)total, (long long)amv, scored ? " and SES-WOA" : " alone",
		         date[0] ? date : "unknown date");
		free(t->origin);
		if (!(t->origin = strdup(origin)))
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the tasks' origin");
	}
	if (rc) {
		opv_tasks_free(t);
		return rc;
	}
	*out = t;
	return OPV_OK;
}

/* ---- from CSV ----------------------------------------------------------------- */

static const char *const code_names[] = { "code", "gemeentecode", NULL };
static const char *const task_names[] = { "task", NULL };
static const char *const amv_names[] = { "task_amv", NULL };
static const char *const name_names[] = { "name", "gemeentenaam", NULL };

/* A whole task in a cell: 0 <= value < 2^53.  An empty optional cell is 0. */
static int read_task(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                     int empty_is_zero, opv_error *err)
{
	int rc;
	if (empty_is_zero && !opv__csv_cell(t, row, col)[0]) {
		*out = 0;
		return OPV_OK;
	}
	rc = opv__csv_int64(out, t, row, col, err);
	if (rc)
		return rc;
	if (*out < 0)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "a task cannot be negative");
	if (*out >= MAX_TASK)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "a task of 2^53 or more");
	return OPV_OK;
}

static int from_table(opv_tasks **out, const opv_register *reg, struct opv__csv_table *t,
                      opv_error *err)
{
	size_t code_col, task_col, i, n = opv_register_count(reg);
	long amv_col, name_col;
	/* The line that named a code, to refuse a code twice: n slots for the
	 * municipalities' own codes, then one per merger for former codes. */
	long *line_of;
	size_t nmergers = 0;
	opv_tasks *tasks;
	int rc;
	if ((rc = opv__csv_require_column(&code_col, t, code_names, err)) ||
	    (rc = opv__csv_require_column(&task_col, t, task_names, err)) ||
	    (rc = opv__csv_optional_column(&amv_col, t, amv_names, err)) ||
	    (rc = opv__csv_optional_column(&name_col, t, name_names, err)))
		return rc;
	while (opv_merger_at(nmergers))
		nmergers++;
	tasks = allocate(reg, t->source);
	line_of = calloc(n + nmergers + 1, sizeof *line_of);
	if (!tasks || !line_of) {
		opv_tasks_free(tasks);
		free(line_of);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	}
	tasks->source = OPV_TASK_FILE;
	for (i = 0; i < t->nrows && !rc; i++) {
		const char *code = opv__csv_cell(t, i, code_col);
		const opv_merger *merger;
		int64_t task, amv = 0;
		long *seen;
		size_t at;
		{
			opv_error why = OPV_ERROR_INIT;
			rc = opv_register_find(&at, reg, code, &why);
			if (rc)
				rc = opv__csv_fail(err, why.code, t, i, code_col, why.message);
		}
		if (!rc && name_col >= 0)
			rc = opv__register_check_name(reg, at, t, i, code_col, (size_t)name_col, err);
		if (!rc)
			rc = read_task(&task, t, i, task_col, 0, err);
		if (!rc && amv_col >= 0)
			rc = read_task(&amv, t, i, (size_t)amv_col, 1, err);
		if (!rc && amv > task) {
			char what[160];
			snprintf(what, sizeof what, "the AMV task %lld of %s is more than its whole task %lld",
			         (long long)amv, code, (long long)task);
			rc = opv__csv_fail(err, OPV_EINVAL, t, i, (size_t)amv_col, what);
		}
		if (rc)
			break;
		merger = opv_register_merger_of(reg, code);
		seen = merger ? &line_of[n + (size_t)(merger - opv_merger_at(0))] : &line_of[at];
		if (*seen) {
			rc = opv__fail_at(err, OPV_EDUPLICATE, t->line[i], (long)code_col + 1,
			                  "%s:%ld: %s occurs twice (also on line %ld)", t->source,
			                  t->line[i], code, *seen);
			break;
		}
		*seen = t->line[i];
		/* In a register that maps mergers, the tasks of a municipality and of
		 * those merged into it add up; each is below 2^53, a sum of a few
		 * cannot overflow, but it must stay below 2^53 too. */
		if (tasks->task[at] + task >= MAX_TASK) {
			rc = opv__fail_at(err, OPV_ERANGE, t->line[i], (long)task_col + 1,
			                  "%s:%ld: the tasks of %s add up to 2^53 or more", t->source,
			                  t->line[i], opv_register_at(reg, at)->code);
			break;
		}
		tasks->task[at] += task;
		tasks->task_amv[at] += amv;
	}
	free(line_of);
	if (rc) {
		opv_tasks_free(tasks);
		return rc;
	}
	*out = tasks;
	return OPV_OK;
}

static int convert_tasks(void *out, struct opv__csv_table *t, const void *context, opv_error *err)
{
	return from_table(out, context, t, err);
}

int opv_tasks_load_csv(opv_tasks **out, const opv_register *reg, const char *path, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	if (!reg)
		return opv__fail(err, OPV_EINVAL, "register is NULL");
	return opv__csv_load(out, &source, OPV_REGISTER_MAX_ROWS, convert_tasks, reg, err);
}

int opv_tasks_parse_csv(opv_tasks **out, const opv_register *reg, const char *data, size_t len,
                        const char *source, opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	if (!reg)
		return opv__fail(err, OPV_EINVAL, "register is NULL");
	return opv__csv_load(out, &src, OPV_REGISTER_MAX_ROWS, convert_tasks, reg, err);
}
