/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The commands' view of the library's table writer (opvang/io.h): a table
 * made from a static array of typed columns and filled row by row, the last
 * row being the one the setters fill.
 *
 * The writer itself, its number formatting and its three forms (csv, json
 * {"meta": ..., "rows": ...}, an aligned table) are the library's, so a
 * program that links libopvang writes the same bytes as this one.  What stays
 * here is what only the program needs: the columns as a static array, the
 * setters on the last row without error records (a command names its columns
 * and kinds in its own source, so a mismatch is a bug, caught by assert), and
 * the stderr side of the notes (cli.h: cli_note()).
 *
 * A table is filled completely in memory and written in one piece, so a
 * command that fails halfway prints nothing at all.
 */
#ifndef OPVANG_CLI_OUTPUT_H
#define OPVANG_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "opvang/io.h"

enum out_kind {
	OUT_TEXT = OPV_COLUMN_TEXT,
	OUT_INTEGER = OPV_COLUMN_INTEGER,
	OUT_REAL = OPV_COLUMN_REAL,
	OUT_BOOLEAN = OPV_COLUMN_BOOLEAN
};

enum out_format {
	OUT_CSV = OPV_TABLE_CSV,
	OUT_JSON = OPV_TABLE_JSON,
	OUT_TABLE = OPV_TABLE_TEXT
};

struct out_column {
	const char *name;
	enum out_kind kind;
};

typedef opv_table out_table;

/*
 * Looks up a format by name ("csv", "json", "table").  Returns 0, or -1 for
 * an unknown name.
 */
int out_format_from_name(enum out_format *format, const char *name);

/* The names out_format_from_name() accepts, for messages: "csv, json, table". */
const char *out_format_names(void);

/* opv_format_real(): the shortest round-trip text of `value`.  Returns `buf`. */
char *out_format_real(char *buf, size_t size, double value);

/* Makes an empty table with these columns and the run's metadata
 * (cli_describe).  Returns NULL when memory runs out or the library refuses
 * something: out_last_error() says which, and cli_out_of_memory() reports it. */
out_table *out_table_new(const struct out_column *columns, size_t ncolumns);

void out_table_free(out_table *table);

/*
 * The library's error from the last out_* call that failed (code OPV_OK when
 * none did since it was cleared).  cli_out_of_memory() reports this error
 * instead when it is not plain memory, so that a refusal is never reported
 * as memory running out.
 */
opv_error *out_last_error(void);

size_t out_table_rows(const out_table *table);

/* Leaves `column` out of what is written; its cells may still be set. */
void out_table_hide_column(out_table *table, size_t column);

/*
 * Appends a row whose cells are all empty; the setters below fill the last
 * row.  Returns 0, or -1 when memory runs out (the table is unchanged).
 */
int out_table_add_row(out_table *table);

/* Copies `text` (UTF-8) into a text column.  Returns 0, or -1 when memory runs
 * out or the text is not UTF-8. */
int out_table_set_text(out_table *table, size_t column, const char *text);

void out_table_set_integer(out_table *table, size_t column, int64_t value);

void out_table_set_real(out_table *table, size_t column, double value);

/* Sets a boolean column: 0 is false, anything else true. */
void out_table_set_boolean(out_table *table, size_t column, int value);

/*
 * Records what the table rests on, for JSON output: a text (NULL: null), a
 * whole number, a real or a boolean under `key`; a key set twice keeps the
 * last value.  Returns 0, or -1 when memory runs out or the text is not UTF-8.
 */
int out_table_set_meta_text(out_table *table, const char *key, const char *text);
int out_table_set_meta_integer(out_table *table, const char *key, int64_t value);
int out_table_set_meta_real(out_table *table, const char *key, double value);
int out_table_set_meta_boolean(out_table *table, const char *key, int value);

#endif
