/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/io.h
 * @brief Small keyed tables read from CSV: one key column and one numeric
 *        column, such as `name,weight`, `code,ses` or `code,balance`.
 *
 * The CSV rules are those of the register (see opvang/register.h): UTF-8, one
 * header row, RFC 4180 quoting, LF or CRLF, optional byte order mark.  Columns
 * are found by name in the header; other columns are ignored.  Keys must be
 * non-empty and unique; values must be finite decimal numbers.
 */
#ifndef OPVANG_IO_H
#define OPVANG_IO_H

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

#ifdef __cplusplus
}
#endif

#endif
