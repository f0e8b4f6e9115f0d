/* SPDX-License-Identifier: EUPL-1.2 */
/* Keyed numeric tables from CSV (opvang/io.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/io.h"
#include "csv_table.h"
#include "error.h"

struct opv_keyed_values {
	struct opv__csv_table table; /* owns the key strings */
	size_t count;
	const char **key;
	double *value;
	long *line;
};

void opv_keyed_values_free(opv_keyed_values *kv)
{
	if (!kv)
		return;
	opv__csv_free(&kv->table);
	free(kv->key);
	free(kv->value);
	free(kv->line);
	free(kv);
}

struct key_row {
	const char *key;
	size_t row;
};

static int by_key(const void *a, const void *b)
{
	const struct key_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int check_unique(const opv_keyed_values *kv, opv_error *err)
{
	struct key_row *rows = malloc(kv->count * sizeof *rows + 1);
	size_t i;
	int rc = OPV_OK;
	if (!rows)
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", kv->table.source);
	for (i = 0; i < kv->count; i++)
		rows[i] = (struct key_row){ kv->key[i], i };
	qsort(rows, kv->count, sizeof *rows, by_key);
	for (i = 1; i < kv->count; i++) {
		if (strcmp(rows[i].key, rows[i - 1].key) == 0) {
			rc = opv__fail_at(err, OPV_EDUPLICATE, kv->line[rows[i].row], 0,
			                  "%s:%ld: '%.64s' occurs twice (also on line %ld)",
			                  kv->table.source, kv->line[rows[i].row], rows[i].key,
			                  kv->line[rows[i - 1].row]);
			break;
		}
	}
	free(rows);
	return rc;
}

static int read_value(double *out, const struct opv__csv_table *t, size_t row, size_t col,
                      unsigned flags, opv_error *err)
{
	int rc;
	if (flags & OPV_VALUES_INTEGER) {
		int64_t v;
		rc = opv__csv_whole(&v, t, row, col, err);
		if (rc)
			return rc;
		*out = (double)v;
	} else {
		rc = opv__csv_real(out, t, row, col, err);
		if (rc)
			return rc;
	}
	if ((flags & OPV_VALUES_NONNEGATIVE) && *out < 0)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "value is negative");
	return OPV_OK;
}

static int from_table(opv_keyed_values **out, struct opv__csv_table *t, const char *key_column,
                      const char *value_column, unsigned flags, opv_error *err)
{
	const char *key_names[] = { key_column, NULL };
	const char *value_names[] = { value_column, NULL };
	opv_keyed_values *kv;
	size_t kc, vc, i;
	int rc;

	if ((rc = opv__csv_require_column(&kc, t, key_names, err)) ||
	    (rc = opv__csv_require_column(&vc, t, value_names, err)))
		return rc;
	/* A header alone is a table that names no key: where keys left out count
	 * as zero (balances, realised counts), that is a valid answer. */
	kv = calloc(1, sizeof *kv);
	if (!kv)
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	kv->count = t->nrows;
	kv->key = malloc((t->nrows + 1) * sizeof *kv->key);
	kv->value = malloc((t->nrows + 1) * sizeof *kv->value);
	kv->line = malloc((t->nrows + 1) * sizeof *kv->line);
	if (!kv->key || !kv->value || !kv->line) {
		opv_keyed_values_free(kv);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	}
	for (i = 0; i < t->nrows; i++) {
		kv->key[i] = opv__csv_cell(t, i, kc);
		kv->line[i] = t->line[i];
		if (!kv->key[i][0]) {
			rc = opv__csv_fail(err, OPV_EPARSE, t, i, kc, "key is empty");
			break;
		}
		rc = read_value(&kv->value[i], t, i, vc, flags, err);
		if (rc)
			break;
	}
	kv->table = *t; /* the table now owns the strings; check_unique names its source */
	memset(t, 0, sizeof *t);
	if (!rc)
		rc = check_unique(kv, err);
	if (rc) {
		opv_keyed_values_free(kv);
		return rc;
	}
	*out = kv;
	return OPV_OK;
}

struct columns {
	const char *key, *value;
	unsigned flags;
};

static int convert_values(void *out, struct opv__csv_table *t, const void *context, opv_error *err)
{
	const struct columns *c = context;
	return from_table(out, t, c->key, c->value, c->flags, err);
}

static int load(opv_keyed_values **out, const struct opv__csv_source *source, const char *key_column,
                const char *value_column, unsigned flags, opv_error *err)
{
	const struct columns c = { key_column, value_column, flags };
	if (!key_column || !value_column)
		return opv__fail(err, OPV_EINVAL, "column name is NULL");
	return opv__csv_load(out, source, OPV_VALUES_MAX_ROWS, convert_values, &c, err);
}

int opv_keyed_values_load_csv(opv_keyed_values **out, const char *path, const char *key_column,
                              const char *value_column, unsigned flags, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	return load(out, &source, key_column, value_column, flags, err);
}

int opv_keyed_values_parse_csv(opv_keyed_values **out, const char *data, size_t len,
                               const char *source, const char *key_column,
                               const char *value_column, unsigned flags, opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	return load(out, &src, key_column, value_column, flags, err);
}

size_t opv_keyed_values_count(const opv_keyed_values *kv)
{
	return kv ? kv->count : 0;
}

const char *opv_keyed_values_key(const opv_keyed_values *kv, size_t i)
{
	return kv && i < kv->count ? kv->key[i] : NULL;
}

double opv_keyed_values_value(const opv_keyed_values *kv, size_t i)
{
	return kv && i < kv->count ? kv->value[i] : NAN;
}

long opv_keyed_values_line(const opv_keyed_values *kv, size_t i)
{
	return kv && i < kv->count ? kv->line[i] : 0;
}

const char *opv_keyed_values_source(const opv_keyed_values *kv)
{
	return kv && kv->table.source ? kv->table.source : "";
}
