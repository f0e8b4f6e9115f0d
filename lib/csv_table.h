/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A whole CSV file read into memory as a table of text cells, with the line
 * of every row kept for messages.  The loaders of the public API (register,
 * keyed values, ...) are built on this.  Internal.
 */
#ifndef OPV_LIB_CSV_TABLE_H
#define OPV_LIB_CSV_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "opvang/core.h"

/* Longest field accepted, in bytes: far above any real name or number. */
#define OPV_CSV_MAX_FIELD (64 * 1024)
/* Longest physical line accepted, in bytes: refused before any parsing, so
 * that a hostile line costs one scan, not millions of fields. */
#define OPV_CSV_MAX_LINE (1024 * 1024)
/* Largest file accepted, in bytes. */
#define OPV_CSV_MAX_BYTES ((size_t)1 << 30)

struct opv__csv_table {
	char *source;      /* file name or the caller's name for the data */
	size_t ncols;
	char **header;     /* ncols column names */
	size_t nrows;      /* data rows, header excluded */
	char **cells;      /* nrows * ncols NUL-terminated UTF-8 strings */
	long *line;        /* nrows: 1-based line on which each row starts */
};

/*
 * Reads a file / a buffer.  The table must be zeroed by the caller; on
 * failure it stays empty.  Checks: the file opens and is not a directory; it
 * is not empty; valid UTF-8 without NUL bytes; well-formed quoting; every row
 * has as many fields as the header; header names are non-empty and unique;
 * at most `max_rows` data rows.  A UTF-8 byte order mark is skipped.
 */
int opv__csv_read_file(struct opv__csv_table *table, const char *path, size_t max_rows,
                       opv_error *err);
int opv__csv_read_memory(struct opv__csv_table *table, const char *data, size_t len,
                         const char *source, size_t max_rows, opv_error *err);
void opv__csv_free(struct opv__csv_table *table);

/* Where a loader's table comes from: a file, or `len` bytes at `data` that
 * messages call `name` ("<memory>" when NULL). */
struct opv__csv_source {
	int from_file;
	const char *path;
	const char *data;
	size_t len;
	const char *name;
};

#define OPV__CSV_FILE(p) { 1, (p), NULL, 0, NULL }
#define OPV__CSV_MEMORY(d, n, name) { 0, NULL, (d), (n), (name) }

/* Turns a table into the loader's object in *out.  It may keep the table's
 * strings by moving the table into the object and zeroing *table. */
typedef int (*opv__csv_convert)(void *out, struct opv__csv_table *table, const void *context,
                                opv_error *err);

/*
 * What every public loader does: checks `out` and the source, reads the
 * table, converts it, and frees whatever the conversion did not keep.
 */
int opv__csv_load(void *out, const struct opv__csv_source *source, size_t max_rows,
                  opv__csv_convert convert, const void *context, opv_error *err);

/* *column becomes the index of the column named by one of `names` (a
 * NULL-terminated list of names of one meaning, such as "code" and
 * "gemeentecode"), or -1 when none is present.  Two of them in one header
 * are OPV_EDUPLICATE: which one would count? */
int opv__csv_optional_column(long *column, const struct opv__csv_table *table,
                             const char *const *names, opv_error *err);

/* As opv__csv_optional_column, failing with OPV_EPARSE naming the column when absent. */
int opv__csv_require_column(size_t *column, const struct opv__csv_table *table,
                            const char *const *names, opv_error *err);

static inline const char *opv__csv_cell(const struct opv__csv_table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

/* Field parsers: the whole cell must be the number.  Errors name the source,
 * line and column.  Integers: optional '-', digits, within int64 (OPV_ERANGE
 * otherwise).  Reals: decimal notation with optional exponent; NaN,
 * infinities and a whole number in digits that no double holds exactly
 * (9007199254740993) are OPV_ERANGE. */
int opv__csv_int64(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                   opv_error *err);
/* A whole number of people or places: an integer whose magnitude is below
 * 2^53 (OPV_COUNT_MAX), so that every binding's doubles hold it exactly. */
int opv__csv_whole(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                   opv_error *err);
int opv__csv_real(double *out, const struct opv__csv_table *t, size_t row, size_t col,
                  opv_error *err);

/* Parsers for a bare string (used by the fields above and by other modules). */
int opv__parse_int64(int64_t *out, const char *text);  /* OPV_OK, OPV_EPARSE or OPV_ERANGE */
int opv__parse_real(double *out, const char *text);   /* OPV_OK, OPV_EPARSE or OPV_ERANGE */

/* Fails with `code`, naming the table's source, the row's line and the column. */
int opv__csv_fail(opv_error *err, int code, const struct opv__csv_table *t, size_t row, size_t col,
                  const char *what);

#endif
