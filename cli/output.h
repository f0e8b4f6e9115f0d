/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A small table writer: named, typed columns and rows of cells, written as
 * CSV, JSON or an aligned text table.
 *
 * A table is filled completely in memory and written in one piece, so a
 * command that fails halfway prints nothing at all.
 *
 * Numbers
 * -------
 * Integers are printed exactly.  A real is printed with the fewest significant
 * digits (1 to 17) that read back as the same double, in positional notation
 * for decimal exponents from -4 to 15 and in exponent notation outside that
 * range: 0.1 prints as "0.1", not "0.10000000000000001" as %.17g would; one
 * million prints as "1000000", not "1e+06" as the shortest %g would.  This is
 * the form of Python's repr() and JavaScript's Number.toString, so the printed
 * text converts back to the identical double in any language.  JSON adds ".0"
 * to a real that would otherwise look like an integer, so that a reader typing
 * values by their syntax sees the whole column as reals.  NaN and infinities,
 * which the library never returns, print as "nan", "inf" and "-inf", and as
 * null in JSON.  A boolean prints as "true" or "false", in JSON as true or
 * false.
 *
 * Formats
 * -------
 * - csv:   a header row and one row per record, LF line ends; a field is
 *          quoted (RFC 4180, by libcsv) only when it holds a comma, a quote,
 *          a line break or leading or trailing white space.  An empty cell is
 *          an empty field.
 * - json:  an object {"meta": {...}, "rows": [...]}: "meta" holds what the
 *          result rests on (population date, task source, options), "rows"
 *          an array of objects, one per row, keys in column order; integers
 *          as JSON integers, reals as JSON numbers, text as JSON strings
 *          (escaped by jansson), empty cells as null.  CSV and table output
 *          carry no metadata: commands say it on stderr.
 * - table: columns padded to a common width counted in code points (UTF-8),
 *          text and booleans left-aligned, numbers right-aligned, a rule
 *          under the header.
 *
 * A command may hide a column it has filled (an optional column in the middle
 * of a fixed set): hidden columns are not written in any format.
 */
#ifndef OPVANG_CLI_OUTPUT_H
#define OPVANG_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum out_kind {
	OUT_TEXT,
	OUT_INTEGER,
	OUT_REAL,
	OUT_BOOLEAN
};

enum out_format {
	OUT_CSV,
	OUT_JSON,
	OUT_TABLE
};

struct out_column {
	const char *name;
	enum out_kind kind;
};

typedef struct out_table out_table;

/*
 * Looks up a format by name ("csv", "json", "table").  Returns 0, or -1 for
 * an unknown name.
 */
int out_format_from_name(enum out_format *format, const char *name);

/* The names out_format_from_name() accepts, for messages: "csv, json, table". */
const char *out_format_names(void);

/*
 * Writes the shortest round-trip text of `value` (see above) into `buf`.
 * 32 bytes always suffice.  Returns `buf`.
 */
char *out_format_real(char *buf, size_t size, double value);

/*
 * Makes an empty table.  `columns` is borrowed and must outlive the table
 * (a static array in practice).  Returns NULL when memory runs out.
 */
out_table *out_table_new(const struct out_column *columns, size_t ncolumns);

void out_table_free(out_table *table);

size_t out_table_rows(const out_table *table);

/*
 * Leaves `column` out of what out_table_write() writes.  Its cells may still
 * be set, so a command fills every column the same way whether it shows them
 * all or not.
 */
void out_table_hide_column(out_table *table, size_t column);

/*
 * Appends a row whose cells are all empty; the setters below fill the last
 * row.  Returns 0, or -1 when memory runs out (the table is unchanged).
 */
int out_table_add_row(out_table *table);

/* Copies `text` (UTF-8) into a text column.  Returns 0, or -1 when memory runs out. */
int out_table_set_text(out_table *table, size_t column, const char *text);

void out_table_set_integer(out_table *table, size_t column, int64_t value);

void out_table_set_real(out_table *table, size_t column, double value);

/* Sets a boolean column: 0 is false, anything else true. */
void out_table_set_boolean(out_table *table, size_t column, int value);

/*
 * Records what the table rests on, for JSON output: a text (NULL: null), a
 * whole number or a boolean under `key`; a key set twice keeps the last value.
 * Returns 0, or -1 when memory runs out or the text is not UTF-8.
 */
int out_table_set_meta_text(out_table *table, const char *key, const char *text);
int out_table_set_meta_integer(out_table *table, const char *key, int64_t value);
int out_table_set_meta_boolean(out_table *table, const char *key, int value);

/*
 * Writes the whole table to `stream` in one piece.  Returns 0, or -1 with
 * errno set when memory runs out or the stream refuses the bytes.
 */
int out_table_write(const out_table *table, enum out_format format, FILE *stream);

#endif
