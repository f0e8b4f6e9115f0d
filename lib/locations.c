/* SPDX-License-Identifier: EUPL-1.2 */
/* Reception locations read from CSV (opvang/places.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/places.h"
#include "csv_table.h"
#include "locations_internal.h"
#include "error.h"

static const char *const type_names[OPV_LOCATION_TYPE_COUNT] = {
	"azc", "amv", "nood", "spoednood", "crisis", "hotel", "doorstroom"
};

const char *opv_location_type_name(opv_location_type type)
{
	return (unsigned)type < OPV_LOCATION_TYPE_COUNT ? type_names[type] : NULL;
}

int opv_location_type_from_name(opv_location_type *type, const char *name, opv_error *err)
{
	int i;
	if (!type || !name)
		return opv__fail(err, OPV_EINVAL, "location type name is missing");
	for (i = 0; i < OPV_LOCATION_TYPE_COUNT; i++) {
		if (strcmp(name, type_names[i]) == 0) {
			*type = (opv_location_type)i;
			return OPV_OK;
		}
	}
	return opv__fail(err, OPV_ENOTFOUND,
	                 "unknown location type '%.32s' (known: azc, amv, nood, spoednood, crisis, "
	                 "hotel, doorstroom)", name);
}

struct opv_locations {
	struct opv__csv_table table; /* owns the strings */
	size_t count;
	size_t register_count;       /* for a sanity check against the register used later */
	opv_location *rows;
};

void opv_locations_free(opv_locations *l)
{
	if (!l)
		return;
	opv__csv_free(&l->table);
	free(l->rows);
	free(l);
}

size_t opv_locations_count(const opv_locations *l)
{
	return l ? l->count : 0;
}

const opv_location *opv_locations_at(const opv_locations *l, size_t i)
{
	return l && i < l->count ? &l->rows[i] : NULL;
}

size_t opv__locations_register_count(const opv_locations *l)
{
	return l->register_count;
}

enum { C_ID, C_CODE, C_NAME, C_TYPE, C_AGREED, C_CAPACITY, C_OPENS, C_CLOSES, C_COUNT };

static int read_date(opv_day *day, const struct opv__csv_table *t, size_t row, size_t col,
                     opv_error *err)
{
	const char *text = opv__csv_cell(t, row, col);
	char what[96];
	opv_error e = OPV_ERROR_INIT;
	if (opv_date_parse(day, text, &e) == OPV_OK)
		return OPV_OK;
	if (e.code == OPV_ERANGE)  /* a day before the range: the message names it */
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, e.message);
	snprintf(what, sizeof what, "'%.32s' is not a date of the calendar (YYYY-MM-DD)", text);
	return opv__csv_fail(err, OPV_EPARSE, t, row, col, what);
}

static int read_capacity(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                         opv_error *err)
{
	int rc = opv__csv_int64(out, t, row, col, err);
	if (rc == OPV_OK && *out < 0)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "capacity cannot be negative");
	if (rc == OPV_OK && *out >= ((int64_t)1 << 40))
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "capacity is 2^40 or more");
	return rc;
}

static int read_location(opv_location *loc, const opv_register *reg,
                         const struct opv__csv_table *t, size_t row, const size_t *col,
                         opv_error *err)
{
	opv_error why = OPV_ERROR_INIT;
	char what[128];
	int rc;
	loc->id = opv__csv_cell(t, row, col[C_ID]);
	loc->code = opv__csv_cell(t, row, col[C_CODE]);
	loc->name = opv__csv_cell(t, row, col[C_NAME]);
	loc->line = t->line[row];
	if (!loc->id[0])
		return opv__csv_fail(err, OPV_EPARSE, t, row, col[C_ID], "id is empty");
	if (opv_register_find(&loc->municipality, reg, loc->code, &why) != OPV_OK)
		return opv__csv_fail(err, why.code, t, row, col[C_CODE], why.message);
	if (opv_location_type_from_name(&loc->type, opv__csv_cell(t, row, col[C_TYPE]), NULL)) {
		snprintf(what, sizeof what,
		         "'%.32s' is not a location type (azc, amv, nood, spoednood, crisis, hotel, doorstroom)",
		         opv__csv_cell(t, row, col[C_TYPE]));
		return opv__csv_fail(err, OPV_ENOTFOUND, t, row, col[C_TYPE], what);
	}
	if ((rc = read_capacity(&loc->agreed_capacity, t, row, col[C_AGREED], err)) ||
	    (rc = read_capacity(&loc->capacity, t, row, col[C_CAPACITY], err)) ||
	    (rc = read_date(&loc->opens, t, row, col[C_OPENS], err)))
		return rc;
	loc->open_ended = opv__csv_cell(t, row, col[C_CLOSES])[0] == '\0';
	loc->closes = 0;
	if (!loc->open_ended) {
		rc = read_date(&loc->closes, t, row, col[C_CLOSES], err);
		if (rc)
			return rc;
		if (loc->closes <= loc->opens)
			return opv__csv_fail(err, OPV_EINVAL, t, row, col[C_CLOSES],
			                     "closes on or before the day it opens");
	}
	return OPV_OK;
}

struct id_row {
	const char *id;
	size_t row;
};

static int by_id(const void *a, const void *b)
{
	const struct id_row *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

static int check_ids(const opv_locations *l, opv_error *err)
{
	struct id_row *ids = malloc(l->count * sizeof *ids + 1);
	size_t i;
	int rc = OPV_OK;
	if (!ids)
		return opv__fail(err, OPV_ENOMEM, "out of memory checking location ids");
	for (i = 0; i < l->count; i++)
		ids[i] = (struct id_row){ l->rows[i].id, i };
	qsort(ids, l->count, sizeof *ids, by_id);
	for (i = 1; i < l->count && !rc; i++)
		if (strcmp(ids[i].id, ids[i - 1].id) == 0)
			rc = opv__fail_at(err, OPV_EDUPLICATE, l->rows[ids[i].row].line, 1,
			                  "%s:%ld: location id '%.64s' occurs twice (also on line %ld)",
			                  l->table.source, l->rows[ids[i].row].line, ids[i].id,
			                  l->rows[ids[i - 1].row].line);
	free(ids);
	return rc;
}

static int from_table(opv_locations **out, const opv_register *reg, struct opv__csv_table *t,
                      opv_error *err)
{
	static const char *const names[C_COUNT][2] = {
		{ "id", NULL }, { "code", NULL }, { "name", NULL }, { "type", NULL },
		{ "agreed_capacity", NULL }, { "capacity", NULL }, { "opens", NULL }, { "closes", NULL },
	};
	size_t col[C_COUNT], i;
	opv_locations *l;
	int rc = OPV_OK;
	for (i = 0; i < C_COUNT && !rc; i++)
		rc = opv__csv_require_column(&col[i], t, names[i], err);
	if (rc)
		return rc;
	/* A header alone: no locations, so every municipality has 0 places. */
	l = calloc(1, sizeof *l);
	if (l)
		l->rows = calloc(t->nrows + 1, sizeof *l->rows);
	if (!l || !l->rows) {
		opv_locations_free(l);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	}
	for (i = 0; i < t->nrows && !rc; i++)
		rc = read_location(&l->rows[i], reg, t, i, col, err);
	l->count = t->nrows;
	l->register_count = opv_register_count(reg);
	l->table = *t;
	memset(t, 0, sizeof *t);
	if (!rc)
		rc = check_ids(l, err);
	if (rc) {
		opv_locations_free(l);
		return rc;
	}
	*out = l;
	return OPV_OK;
}

static int convert_locations(void *out, struct opv__csv_table *t, const void *context,
                             opv_error *err)
{
	return from_table(out, context, t, err);
}

int opv_locations_load_csv(opv_locations **out, const opv_register *reg, const char *path,
                           opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	if (!reg)
		return opv__fail(err, OPV_EINVAL, "register is NULL");
	return opv__csv_load(out, &source, OPV_LOCATIONS_MAX_ROWS, convert_locations, reg, err);
}

int opv_locations_parse_csv(opv_locations **out, const opv_register *reg, const char *data,
                            size_t len, const char *source, opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	if (!reg)
		return opv__fail(err, OPV_EINVAL, "register is NULL");
	return opv__csv_load(out, &src, OPV_LOCATIONS_MAX_ROWS, convert_locations, reg, err);
}
