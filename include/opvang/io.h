/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/io.h
 * @brief Tables in and out: small keyed tables read from CSV (one key column
 *        and one numeric column, such as `name,weight`, `code,ses` or
 *        `code,balance`), and a table writer that writes results as CSV, JSON
 *        or an aligned text table.
 *
 * Reading
 * -------
 * The CSV rules are those of the register (see opvang/register.h): UTF-8, one
 * header row, RFC 4180 quoting, LF or CRLF, optional byte order mark.  Columns
 * are found by name in the header; other columns are ignored.  Keys must be
 * non-empty and unique; values must be finite decimal numbers.
 */
#ifndef OPVANG_IO_H
#define OPVANG_IO_H

#include <stdio.h>

#include "opvang/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct opv_keyed_values opv_keyed_values;

/** Flags for the keyed-value loaders; combine with |. */
enum {
	OPV_VALUES_NONNEGATIVE = 1, /**< a negative value is an OPV_ERANGE error */
	OPV_VALUES_INTEGER = 2      /**< a value with a fraction is an OPV_EPARSE error;
	                                 |value| must stay below 2^53 (else OPV_ERANGE) */
};

/** Largest number of rows a keyed table may hold. */
#define OPV_VALUES_MAX_ROWS 10000000

/**
 * Loads the columns `key_column` and `value_column` of a CSV file.  A file
 * with a header and no rows is a table of no keys (where keys left out count
 * as zero, such a table says every value is zero).
 *
 * @param out    out: the table, released with opv_keyed_values_free().
 * @param flags  OPV_VALUES_* flags.
 * @return OPV_OK, or OPV_EINVAL (NULL argument), OPV_EIO (cannot open or read,
 *   a directory), OPV_EPARSE (malformed CSV, wrong field count, missing column,
 *   empty key, a value that is not a number, invalid UTF-8, a
 *   NUL byte), OPV_ERANGE (NaN, infinity, a value out of range or negative
 *   under OPV_VALUES_NONNEGATIVE, too many rows), OPV_EDUPLICATE (a key or a
 *   column name twice) or OPV_ENOMEM; the message names file, line and column.
 */
OPV_EXTERN(int) opv_keyed_values_load_csv(opv_keyed_values **out, const char *path,
                                          const char *key_column, const char *value_column,
                                          unsigned flags, opv_error *err);

/** As opv_keyed_values_load_csv(), from `len` bytes in memory named `source`. */
OPV_EXTERN(int) opv_keyed_values_parse_csv(opv_keyed_values **out, const char *data, size_t len,
                                           const char *source, const char *key_column,
                                           const char *value_column, unsigned flags,
                                           opv_error *err);

/** Releases a table.  NULL is ignored. */
OPV_EXTERN(void) opv_keyed_values_free(opv_keyed_values *values);

/** Number of rows. */
OPV_EXTERN(size_t) opv_keyed_values_count(const opv_keyed_values *values);

/** Key of row i (owned by the table), or NULL when i is out of range. */
OPV_EXTERN(const char *) opv_keyed_values_key(const opv_keyed_values *values, size_t i);

/** Value of row i, or NaN when i is out of range. */
OPV_EXTERN(double) opv_keyed_values_value(const opv_keyed_values *values, size_t i);

/** Input line of row i (for messages that point back into the file), or 0. */
OPV_EXTERN(long) opv_keyed_values_line(const opv_keyed_values *values, size_t i);

/** Name of the source (file name, or the name given to the parse function). */
OPV_EXTERN(const char *) opv_keyed_values_source(const opv_keyed_values *values);

/*
 * Writing
 * -------
 * An opv_table holds named, typed columns and rows of cells, and what the
 * result rests on (metadata and notes), and writes them in one of three forms.
 * It is what the `opvang` program writes all its results with, so a program
 * that links the library writes the same bytes.
 *
 * Numbers.  Integers are written exactly.  A real is written with the fewest
 * significant digits (1 to 17) that read back as the same double, in
 * positional notation for decimal exponents from -4 to 15 and in exponent
 * notation outside that range: 0.1 as "0.1" (not "0.10000000000000001"), one
 * million as "1000000" (not "1e+06"), 1e16 as "1e+16", -0.0 as "0".  The
 * digits are those of Python's repr() and JavaScript's Number.toString, so
 * the text converts back to the identical double in any language.  JSON adds
 * ".0" to a real that would otherwise look like an integer.  NaN and the
 * infinities, which the library's results never hold, are written "nan",
 * "inf" and "-inf", and null in JSON.  Booleans are "true" and "false".
 *
 * Forms (opv_table_format):
 * - OPV_TABLE_CSV:  a header row and one row per record, LF line ends; a field
 *   is quoted (RFC 4180) only when it holds a comma, a quote, a line break or
 *   leading or trailing white space.  An empty cell is an empty field.
 *   Metadata and notes are not written.
 * - OPV_TABLE_JSON: one object {"meta": {...}, "rows": [...]}: "meta" holds
 *   the metadata in the order it was first set, then "notes" (an array of
 *   strings, empty when there are none); "rows" is an array of objects, one
 *   per row, keys in column order, empty cells null.
 * - OPV_TABLE_TEXT: columns padded to a common width counted in code points,
 *   text and booleans left-aligned, numbers right-aligned, a rule under the
 *   header, no trailing blanks; control characters shown as \xNN.  Reals are
 *   rounded as opv_table_set_decimals() says.
 *
 * Text (column names, cells, metadata, notes) must be UTF-8 without NUL; the
 * setters refuse anything else, so writing never fails on content.  Every
 * function that can fail leaves the table as it was.
 */

/** An output table (opaque). */
typedef struct opv_table opv_table;

/** What a column holds. */
typedef enum opv_column_kind {
	OPV_COLUMN_TEXT = 0,    /**< UTF-8 text */
	OPV_COLUMN_INTEGER = 1, /**< a whole number (int64_t) */
	OPV_COLUMN_REAL = 2,    /**< a double */
	OPV_COLUMN_BOOLEAN = 3  /**< true or false */
} opv_column_kind;

/** The forms a table is written in. */
typedef enum opv_table_format {
	OPV_TABLE_CSV = 0,  /**< comma-separated values */
	OPV_TABLE_JSON = 1, /**< {"meta": {...}, "rows": [...]} */
	OPV_TABLE_TEXT = 2  /**< an aligned text table for people */
} opv_table_format;

/** Room for any text opv_format_real() writes, with its NUL. */
#define OPV_REAL_TEXT_SIZE 32

/** Most columns a table may have. */
#define OPV_TABLE_MAX_COLUMNS 4096

/** Most decimals opv_table_set_decimals() accepts. */
#define OPV_TABLE_MAX_DECIMALS 17

/**
 * Writes the shortest round-trip text of `value` (see above; "nan", "inf",
 * "-inf" for those) into `buf`, NUL-terminated, cut to `size` - 1 bytes when
 * `size` is too small (OPV_REAL_TEXT_SIZE always suffices).  Returns the
 * length of the full text, as snprintf() does.  Needs no table.
 */
OPV_EXTERN(size_t) opv_format_real(char *buf, size_t size, double value);

/**
 * Looks up a form by name: "csv", "json" or "table".
 * @return OPV_OK, or OPV_EINVAL (NULL argument) or OPV_ENOTFOUND (another
 *   name; the message lists the names).
 */
OPV_EXTERN(int) opv_table_format_from_name(opv_table_format *format, const char *name,
                                           opv_error *err);

/** The name of a form ("csv", "json", "table"), or NULL for another value. */
OPV_EXTERN(const char *) opv_table_format_name(opv_table_format format);

/**
 * Makes an empty table: no columns, no rows, no metadata.
 * @return OPV_OK, or OPV_EINVAL (NULL `out`) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_new(opv_table **out, opv_error *err);

/** Releases a table.  NULL is ignored. */
OPV_EXTERN(void) opv_table_free(opv_table *table);

/**
 * Appends a column named `name` (copied) holding `kind`.  Only a table without
 * rows takes new columns.
 * @return OPV_OK, or OPV_EINVAL (NULL argument, an unknown kind, a table that
 *   has rows), OPV_EPARSE (a name that is not UTF-8), OPV_ERANGE (more than
 *   OPV_TABLE_MAX_COLUMNS) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_add_column(opv_table *table, const char *name, opv_column_kind kind,
                                     opv_error *err);

/** Number of columns (hidden ones included); 0 for NULL. */
OPV_EXTERN(size_t) opv_table_columns(const opv_table *table);

/** Number of rows; 0 for NULL. */
OPV_EXTERN(size_t) opv_table_rows(const opv_table *table);

/**
 * Leaves column `column` out of everything opv_table_write() writes; its
 * cells may still be set, so a program fills the same columns whether it
 * shows them all or not.
 * @return OPV_OK, or OPV_EINVAL (NULL table, no such column).
 */
OPV_EXTERN(int) opv_table_hide_column(opv_table *table, size_t column, opv_error *err);

/**
 * Appends a row of empty cells.
 * @return OPV_OK, or OPV_EINVAL (NULL table), OPV_ERANGE (the row count would
 *   overflow memory's size) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_add_row(opv_table *table, opv_error *err);

/**
 * Sets the cell at `row`, `column`, which must hold the kind the setter
 * names; a cell set twice keeps the last value.  opv_table_set_text() copies
 * `text`; opv_table_set_boolean() takes 0 as false and anything else as true.
 * @return OPV_OK, or OPV_EINVAL (NULL argument, no such row or column, a
 *   column of another kind), OPV_EPARSE (text that is not UTF-8) or
 *   OPV_ENOMEM; the message names the row and the column.
 */
OPV_EXTERN(int) opv_table_set_text(opv_table *table, size_t row, size_t column, const char *text,
                                   opv_error *err);
OPV_EXTERN(int) opv_table_set_integer(opv_table *table, size_t row, size_t column, int64_t value,
                                      opv_error *err);
OPV_EXTERN(int) opv_table_set_real(opv_table *table, size_t row, size_t column, double value,
                                   opv_error *err);
OPV_EXTERN(int) opv_table_set_boolean(opv_table *table, size_t row, size_t column, int value,
                                      opv_error *err);

/**
 * Records under `key` what the result rests on, for JSON's "meta": a text
 * (NULL: null), a whole number, a real (NaN and infinities: null) or a
 * boolean.  A key set again keeps its place and takes the new value.  The key
 * "notes" is the notes' own (opv_table_add_note()).
 * @return OPV_OK, or OPV_EINVAL (NULL table or key, the key "notes"),
 *   OPV_EPARSE (a key or text that is not UTF-8) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_set_meta_text(opv_table *table, const char *key, const char *text,
                                        opv_error *err);
OPV_EXTERN(int) opv_table_set_meta_integer(opv_table *table, const char *key, int64_t value,
                                           opv_error *err);
OPV_EXTERN(int) opv_table_set_meta_real(opv_table *table, const char *key, double value,
                                        opv_error *err);
OPV_EXTERN(int) opv_table_set_meta_boolean(opv_table *table, const char *key, int value,
                                           opv_error *err);

/**
 * Records under `key` a list of `count` texts (JSON's array of strings): the
 * arguments a result was made with, the files it read.  `texts` may be NULL
 * when `count` is 0.  Replaces any value of `key`, as the setters above do.
 * @return OPV_OK, or OPV_EINVAL (NULL table, key or text, the key "notes"),
 *   OPV_EPARSE (a key or text that is not UTF-8) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_set_meta_list(opv_table *table, const char *key,
                                        const char *const *texts, size_t count, opv_error *err);

/**
 * Appends a note (a sentence for people: the SES transform used, a warning)
 * to JSON's "meta"."notes".
 * @return OPV_OK, or OPV_EINVAL (NULL argument), OPV_EPARSE (not UTF-8) or
 *   OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_add_note(opv_table *table, const char *text, opv_error *err);

/** Number of notes; 0 for NULL. */
OPV_EXTERN(size_t) opv_table_notes(const opv_table *table);

/** Note i (owned by the table), or NULL when i is out of range. */
OPV_EXTERN(const char *) opv_table_note(const opv_table *table, size_t i);

/**
 * How the text table shows reals: -1 (the default) in their shortest
 * round-trip text, as CSV and JSON do; 0 to OPV_TABLE_MAX_DECIMALS rounded to
 * at most that many decimals, every real of a column with as many decimals as
 * the longest of them needs (so 1.5 and 2.25 show as "1.50" and "2.25", 1/3
 * at 2 as "0.33"), positional, never in exponent notation.  CSV and JSON
 * always keep every digit.
 * @return OPV_OK, or OPV_EINVAL (NULL table) or OPV_ERANGE (another number).
 */
OPV_EXTERN(int) opv_table_set_decimals(opv_table *table, int decimals, opv_error *err);

/**
 * Writes the whole table to `stream` in the form `format`.  The stream is
 * written in large blocks and not flushed or closed.
 * @return OPV_OK, or OPV_EINVAL (NULL argument, unknown form), OPV_EIO (the
 *   stream refused the bytes; the message gives the system's reason) or
 *   OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_write(const opv_table *table, opv_table_format format, FILE *stream,
                                opv_error *err);

/**
 * Writes the whole table to the file `path`, atomically: into a new file
 * beside it, flushed to the disk (fsync) and renamed onto `path` only when
 * everything was written and closed.  On failure nothing is left behind and
 * an existing file at `path` is as it was.
 *
 * What is at `path` stays what it was:
 * - a symbolic link stays a link, and the file it leads to is replaced as
 *   above (when it dangles, the file it names is made);
 * - an existing file keeps its permissions, and its owner and group where
 *   the process may set them;
 * - a FIFO or a device (/dev/stdout, /dev/null) is written into directly,
 *   without a new file or a rename, so not atomically;
 * - a directory is refused (OPV_EIO).
 * The rename gives `path` a new file: another hard link to the old one keeps
 * the old content.
 * @return OPV_OK, or OPV_EINVAL (NULL argument, unknown form), OPV_EIO (the
 *   directory cannot take the file, the disk is full, the rename failed; the
 *   message names the path and the reason) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_table_write_file(const opv_table *table, opv_table_format format,
                                     const char *path, opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
