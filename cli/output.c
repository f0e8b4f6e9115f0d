/* SPDX-License-Identifier: EUPL-1.2 */
#include "output.h"

#include "cli.h"

#include <assert.h>
#include <string.h>

/* Why the last out_* call that failed did (see out_last_error); per thread,
 * as the library's calls are. */
static _Thread_local opv_error last_error = OPV_ERROR_INIT;

opv_error *out_last_error(void)
{
	return &last_error;
}

int out_format_from_name(enum out_format *format, const char *name)
{
	opv_table_format found;

	if (opv_table_format_from_name(&found, name, NULL) != OPV_OK)
		return -1;
	*format = (enum out_format)found;
	return 0;
}

const char *out_format_names(void)
{
	return "csv, json, table";
}

char *out_format_real(char *buf, size_t size, double value)
{
	opv_format_real(buf, size, value);
	return buf;
}

out_table *out_table_new(const struct out_column *columns, size_t ncolumns)
{
	out_table *table = NULL;

	opv_error_clear(&last_error);
	if (opv_table_new(&table, &last_error) != OPV_OK)
		return NULL;
	for (size_t i = 0; i < ncolumns; i++) {
		if (opv_table_add_column(table, columns[i].name, (opv_column_kind)columns[i].kind,
		                         &last_error) != OPV_OK) {
			opv_table_free(table);
			return NULL;
		}
	}
	if (cli_describe(table) != 0) {
		opv_table_free(table);
		return NULL;
	}
	return table;
}

void out_table_free(out_table *table)
{
	opv_table_free(table);
}

size_t out_table_rows(const out_table *table)
{
	return opv_table_rows(table);
}

void out_table_hide_column(out_table *table, size_t column)
{
	int rc = opv_table_hide_column(table, column, NULL);

	assert(rc == OPV_OK);
	(void)rc;
}

int out_table_add_row(out_table *table)
{
	return opv_table_add_row(table, &last_error) == OPV_OK ? 0 : -1;
}

/* The last row, which the setters fill. */
static size_t last_row(const out_table *table)
{
	assert(opv_table_rows(table) > 0);
	return opv_table_rows(table) - 1;
}

int out_table_set_text(out_table *table, size_t column, const char *text)
{
	return opv_table_set_text(table, last_row(table), column, text, &last_error) == OPV_OK ? 0 : -1;
}

/* The numeric setters fail only on a column of another kind: a bug. */
void out_table_set_integer(out_table *table, size_t column, int64_t value)
{
	int rc = opv_table_set_integer(table, last_row(table), column, value, &last_error);

	assert(rc == OPV_OK);
	(void)rc;
}

void out_table_set_real(out_table *table, size_t column, double value)
{
	int rc = opv_table_set_real(table, last_row(table), column, value, &last_error);

	assert(rc == OPV_OK);
	(void)rc;
}

void out_table_set_boolean(out_table *table, size_t column, int value)
{
	int rc = opv_table_set_boolean(table, last_row(table), column, value, &last_error);

	assert(rc == OPV_OK);
	(void)rc;
}

int out_table_set_meta_text(out_table *table, const char *key, const char *text)
{
	return opv_table_set_meta_text(table, key, text, &last_error) == OPV_OK ? 0 : -1;
}

int out_table_set_meta_integer(out_table *table, const char *key, int64_t value)
{
	return opv_table_set_meta_integer(table, key, value, &last_error) == OPV_OK ? 0 : -1;
}

int out_table_set_meta_real(out_table *table, const char *key, double value)
{
	return opv_table_set_meta_real(table, key, value, &last_error) == OPV_OK ? 0 : -1;
}

int out_table_set_meta_boolean(out_table *table, const char *key, int value)
{
	return opv_table_set_meta_boolean(table, key, value, &last_error) == OPV_OK ? 0 : -1;
}
