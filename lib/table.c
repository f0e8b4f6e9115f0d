/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The table writer's model: columns, cells, metadata and notes, checked as
 * they are set so that writing never fails on content (opvang/io.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "table_internal.h"

static const char *const kind_names[] = { "text", "integer", "real", "boolean" };

/* 1 when `text` is well-formed UTF-8 (no overlong form, no surrogate, nothing
 * above U+10FFFF), the rule JSON readers hold text to. */
static int is_utf8(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p != '\0') {
		unsigned c = *p;
		size_t extra;
		uint32_t cp;

		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			extra = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			extra = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		for (size_t i = 1; i <= extra; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))
		    || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		p += extra + 1;
	}
	return 1;
}

int opv_table_new(opv_table **out, opv_error *err)
{
	opv_table *table;

	if (out == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_new: out is NULL");
	table = calloc(1, sizeof *table);
	if (table == NULL)
		return opv__fail(err, OPV_ENOMEM, "out of memory for a table");
	table->decimals = -1;
	*out = table;
	return OPV_OK;
}

static void free_texts(char **texts, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(texts[i]);
	free(texts);
}

static void free_meta_value(struct opv_table_meta *meta)
{
	if (meta->kind == OPV_META_TEXT)
		free(meta->value.text);
	else if (meta->kind == OPV_META_LIST)
		free_texts(meta->value.list.texts, meta->value.list.count);
}

void opv_table_free(opv_table *table)
{
	if (table == NULL)
		return;
	for (size_t column = 0; column < table->ncolumns; column++) {
		if (table->columns[column].kind == OPV_COLUMN_TEXT) {
			for (size_t row = 0; row < table->rows; row++) {
				struct opv_table_cell *cell = opv__table_cell(table, row, column);
				if (cell->present)
					free(cell->value.text);
			}
		}
		free(table->columns[column].name);
	}
	for (size_t i = 0; i < table->nmeta; i++) {
		free_meta_value(&table->meta[i]);
		free(table->meta[i].key);
	}
	for (size_t i = 0; i < table->nnotes; i++)
		free(table->notes[i]);
	free(table->notes);
	free(table->meta);
	free(table->cells);
	free(table->columns);
	free(table);
}

int opv_table_add_column(opv_table *table, const char *name, opv_column_kind kind, opv_error *err)
{
	struct opv_table_column *columns;
	char *copy;

	if (table == NULL || name == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_add_column: %s is NULL",
		                 table == NULL ? "table" : "name");
	if ((unsigned)kind > OPV_COLUMN_BOOLEAN)
		return opv__fail(err, OPV_EINVAL, "column '%s': unknown kind %d", is_utf8(name) ? name : "?",
		                 (int)kind);
	if (!is_utf8(name))
		return opv__fail(err, OPV_EPARSE, "column %zu: the name is not valid UTF-8",
		                 table->ncolumns + 1);
	if (table->rows > 0)
		return opv__fail(err, OPV_EINVAL, "column '%s': the table has rows already; add every "
		                 "column first", name);
	if (table->ncolumns >= OPV_TABLE_MAX_COLUMNS)
		return opv__fail(err, OPV_ERANGE, "column '%s': a table has at most %d columns", name,
		                 OPV_TABLE_MAX_COLUMNS);
	copy = strdup(name);
	columns = copy ? realloc(table->columns, (table->ncolumns + 1) * sizeof *columns) : NULL;
	if (columns == NULL) {
		free(copy);
		return opv__fail(err, OPV_ENOMEM, "out of memory for column '%s'", name);
	}
	columns[table->ncolumns].name = copy;
	columns[table->ncolumns].kind = kind;
	columns[table->ncolumns].hidden = 0;
	table->columns = columns;
	table->ncolumns++;
	return OPV_OK;
}

size_t opv_table_columns(const opv_table *table)
{
	return table ? table->ncolumns : 0;
}

size_t opv_table_rows(const opv_table *table)
{
	return table ? table->rows : 0;
}

int opv_table_hide_column(opv_table *table, size_t column, opv_error *err)
{
	if (table == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_hide_column: table is NULL");
	if (column >= table->ncolumns)
		return opv__fail(err, OPV_EINVAL, "column %zu: the table has %zu columns", column,
		                 table->ncolumns);
	table->columns[column].hidden = 1;
	return OPV_OK;
}

int opv_table_add_row(opv_table *table, opv_error *err)
{
	if (table == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_add_row: table is NULL");
	if (table->rows == table->capacity) {
		size_t capacity = table->capacity ? 2 * table->capacity : 64;
		size_t ncolumns = table->ncolumns ? table->ncolumns : 1;
		struct opv_table_cell *cells;

		if (capacity > SIZE_MAX / sizeof *cells / ncolumns)
			return opv__fail(err, OPV_ERANGE, "row %zu: too many rows for memory's size",
			                 table->rows + 1);
		cells = realloc(table->cells, capacity * ncolumns * sizeof *cells);
		if (cells == NULL)
			return opv__fail(err, OPV_ENOMEM, "out of memory for row %zu", table->rows + 1);
		table->cells = cells;
		table->capacity = capacity;
	}
	if (table->ncolumns > 0)
		memset(opv__table_cell(table, table->rows, 0), 0,
		       table->ncolumns * sizeof *table->cells);
	table->rows++;
	return OPV_OK;
}

/* The cell at `row`, `column` when it exists and holds `kind`, else NULL with
 * `err` filled. */
static struct opv_table_cell *cell_for(opv_table *table, size_t row, size_t column,
                                       opv_column_kind kind, opv_error *err)
{
	if (table == NULL) {
		opv__fail(err, OPV_EINVAL, "set %s: table is NULL", kind_names[kind]);
		return NULL;
	}
	if (column >= table->ncolumns) {
		opv__fail(err, OPV_EINVAL, "row %zu, column %zu: the table has %zu columns", row, column,
		          table->ncolumns);
		return NULL;
	}
	if (row >= table->rows) {
		opv__fail(err, OPV_EINVAL, "row %zu, column '%s': the table has %zu rows", row,
		          table->columns[column].name, table->rows);
		return NULL;
	}
	if (table->columns[column].kind != kind) {
		opv__fail(err, OPV_EINVAL, "row %zu, column '%s': the column holds %s, not %s", row,
		          table->columns[column].name, kind_names[table->columns[column].kind],
		          kind_names[kind]);
		return NULL;
	}
	return opv__table_cell(table, row, column);
}

int opv_table_set_text(opv_table *table, size_t row, size_t column, const char *text,
                       opv_error *err)
{
	struct opv_table_cell *cell = cell_for(table, row, column, OPV_COLUMN_TEXT, err);
	char *copy;

	if (cell == NULL)
		return OPV_EINVAL;
	if (text == NULL)
		return opv__fail(err, OPV_EINVAL, "row %zu, column '%s': text is NULL", row,
		                 table->columns[column].name);
	if (!is_utf8(text))
		return opv__fail(err, OPV_EPARSE, "row %zu, column '%s': the text is not valid UTF-8",
		                 row, table->columns[column].name);
	copy = strdup(text);
	if (copy == NULL)
		return opv__fail(err, OPV_ENOMEM, "out of memory for row %zu, column '%s'", row,
		                 table->columns[column].name);
	if (cell->present)
		free(cell->value.text);
	cell->value.text = copy;
	cell->present = 1;
	return OPV_OK;
}

int opv_table_set_integer(opv_table *table, size_t row, size_t column, int64_t value,
                          opv_error *err)
{
	struct opv_table_cell *cell = cell_for(table, row, column, OPV_COLUMN_INTEGER, err);

	if (cell == NULL)
		return OPV_EINVAL;
	cell->value.integer = value;
	cell->present = 1;
	return OPV_OK;
}

int opv_table_set_real(opv_table *table, size_t row, size_t column, double value, opv_error *err)
{
	struct opv_table_cell *cell = cell_for(table, row, column, OPV_COLUMN_REAL, err);

	if (cell == NULL)
		return OPV_EINVAL;
	cell->value.real = value;
	cell->present = 1;
	return OPV_OK;
}

int opv_table_set_boolean(opv_table *table, size_t row, size_t column, int value, opv_error *err)
{
	struct opv_table_cell *cell = cell_for(table, row, column, OPV_COLUMN_BOOLEAN, err);

	if (cell == NULL)
		return OPV_EINVAL;
	cell->value.integer = value != 0;
	cell->present = 1;
	return OPV_OK;
}

/* The entry for `key` into `*out`, appended (OPV_META_NULL) when new.
 * Returns OPV_OK, or the status with `err` filled. */
static int meta_entry(struct opv_table_meta **out, opv_table *table, const char *key,
                      opv_error *err)
{
	struct opv_table_meta *meta;
	char *copy;

	if (table == NULL || key == NULL)
		return opv__fail(err, OPV_EINVAL, "set meta: %s is NULL", table == NULL ? "table" : "key");
	if (!is_utf8(key))
		return opv__fail(err, OPV_EPARSE, "meta key %zu: not valid UTF-8", table->nmeta + 1);
	if (strcmp(key, "notes") == 0)
		return opv__fail(err, OPV_EINVAL,
		                 "meta key 'notes' is the notes' own: use opv_table_add_note()");
	for (size_t i = 0; i < table->nmeta; i++) {
		if (strcmp(table->meta[i].key, key) == 0) {
			*out = &table->meta[i];
			return OPV_OK;
		}
	}
	copy = strdup(key);
	meta = copy ? realloc(table->meta, (table->nmeta + 1) * sizeof *meta) : NULL;
	if (meta == NULL) {
		free(copy);
		return opv__fail(err, OPV_ENOMEM, "out of memory for meta key '%s'", key);
	}
	table->meta = meta;
	meta = &table->meta[table->nmeta++];
	meta->key = copy;
	meta->kind = OPV_META_NULL;
	*out = meta;
	return OPV_OK;
}

/* The key as a message may show it. */
static const char *shown_key(const char *key)
{
	return key != NULL && is_utf8(key) ? key : "?";
}

int opv_table_set_meta_text(opv_table *table, const char *key, const char *text, opv_error *err)
{
	struct opv_table_meta *meta = NULL;
	char *copy = NULL;
	int rc;

	if (text != NULL && !is_utf8(text))
		return opv__fail(err, OPV_EPARSE, "meta '%s': the text is not valid UTF-8",
		                 shown_key(key));
	if (text != NULL && (copy = strdup(text)) == NULL)
		return opv__fail(err, OPV_ENOMEM, "out of memory for meta '%s'", shown_key(key));
	if ((rc = meta_entry(&meta, table, key, err)) != OPV_OK) {
		free(copy);
		return rc;
	}
	free_meta_value(meta);
	meta->kind = copy ? OPV_META_TEXT : OPV_META_NULL;
	meta->value.text = copy;
	return OPV_OK;
}

int opv_table_set_meta_integer(opv_table *table, const char *key, int64_t value, opv_error *err)
{
	struct opv_table_meta *meta = NULL;
	int rc = meta_entry(&meta, table, key, err);

	if (rc != OPV_OK)
		return rc;
	free_meta_value(meta);
	meta->kind = OPV_META_INTEGER;
	meta->value.integer = value;
	return OPV_OK;
}

int opv_table_set_meta_real(opv_table *table, const char *key, double value, opv_error *err)
{
	struct opv_table_meta *meta = NULL;
	int rc = meta_entry(&meta, table, key, err);

	if (rc != OPV_OK)
		return rc;
	free_meta_value(meta);
	meta->kind = isfinite(value) ? OPV_META_REAL : OPV_META_NULL;
	meta->value.real = value;
	return OPV_OK;
}

int opv_table_set_meta_boolean(opv_table *table, const char *key, int value, opv_error *err)
{
	struct opv_table_meta *meta = NULL;
	int rc = meta_entry(&meta, table, key, err);

	if (rc != OPV_OK)
		return rc;
	free_meta_value(meta);
	meta->kind = OPV_META_BOOLEAN;
	meta->value.integer = value != 0;
	return OPV_OK;
}

int opv_table_set_meta_list(opv_table *table, const char *key, const char *const *texts,
                            size_t count, opv_error *err)
{
	struct opv_table_meta *meta = NULL;
	char **copies;
	int rc;

	if (count > 0 && texts == NULL)
		return opv__fail(err, OPV_EINVAL, "meta '%s': texts is NULL", shown_key(key));
	for (size_t i = 0; i < count; i++) {
		if (texts[i] == NULL)
			return opv__fail(err, OPV_EINVAL, "meta '%s': text %zu is NULL", shown_key(key), i);
		if (!is_utf8(texts[i]))
			return opv__fail(err, OPV_EPARSE, "meta '%s': text %zu is not valid UTF-8",
			                 shown_key(key), i);
	}
	if (count > SIZE_MAX / sizeof *copies)
		return opv__fail(err, OPV_ENOMEM, "out of memory for meta '%s'", shown_key(key));
	copies = calloc(count ? count : 1, sizeof *copies);
	for (size_t i = 0; copies != NULL && i < count; i++) {
		if ((copies[i] = strdup(texts[i])) == NULL) {
			free_texts(copies, i);
			copies = NULL;
		}
	}
	if (copies == NULL)
		return opv__fail(err, OPV_ENOMEM, "out of memory for meta '%s'", shown_key(key));
	if ((rc = meta_entry(&meta, table, key, err)) != OPV_OK) {
		free_texts(copies, count);
		return rc;
	}
	free_meta_value(meta);
	meta->kind = OPV_META_LIST;
	meta->value.list.texts = copies;
	meta->value.list.count = count;
	return OPV_OK;
}

int opv_table_add_note(opv_table *table, const char *text, opv_error *err)
{
	char **notes;
	char *copy;

	if (table == NULL || text == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_add_note: %s is NULL",
		                 table == NULL ? "table" : "text");
	if (!is_utf8(text))
		return opv__fail(err, OPV_EPARSE, "note %zu: not valid UTF-8", table->nnotes + 1);
	copy = strdup(text);
	notes = copy ? realloc(table->notes, (table->nnotes + 1) * sizeof *notes) : NULL;
	if (notes == NULL) {
		free(copy);
		return opv__fail(err, OPV_ENOMEM, "out of memory for note %zu", table->nnotes + 1);
	}
	notes[table->nnotes++] = copy;
	table->notes = notes;
	return OPV_OK;
}

size_t opv_table_notes(const opv_table *table)
{
	return table ? table->nnotes : 0;
}

const char *opv_table_note(const opv_table *table, size_t i)
{
	return table && i < table->nnotes ? table->notes[i] : NULL;
}

int opv_table_set_decimals(opv_table *table, int decimals, opv_error *err)
{
	if (table == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_set_decimals: table is NULL");
	if (decimals < -1 || decimals > OPV_TABLE_MAX_DECIMALS)
		return opv__fail(err, OPV_ERANGE, "decimals %d: not -1 (shortest) or 0 to %d", decimals,
		                 OPV_TABLE_MAX_DECIMALS);
	table->decimals = decimals;
	return OPV_OK;
}
