/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What commands read: a whole input stream (for tables taken on stdin and
 * handed to the library's *_parse_csv functions), the register of --register
 * and the `code,value` tables that go with it.
 */
#ifndef OPVANG_CLI_INPUT_H
#define OPVANG_CLI_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "opvang/core.h"
#include "opvang/register.h"

/* The name the library's messages give to data read from standard input. */
#define CLI_STDIN_NAME "<stdin>"

/*
 * Reads `stream` to its end.  On success `*data` is a new buffer of `*len`
 * bytes (plus a NUL the length does not count) for the caller to free().
 * Returns 0, or -1 with errno set and the outputs untouched.
 */
int cli_read_all(char **data, size_t *len, FILE *stream);

/*
 * The register to work on: the CSV file `path`, or the embedded one when
 * `path` is NULL.  With `ses_path` the scores of that `code,ses` table replace
 * the register's own (a code the register lacks is an error that names it).
 * Returns an OPV_* status with `err` filled on failure.
 */
int cli_load_register(opv_register **reg, const char *path, const char *ses_path,
                      opv_error *err);

/*
 * Reads the whole numbers of the columns `code` and `column` of the CSV file
 * `path` (OPV_VALUES_* `flags` on top of OPV_VALUES_INTEGER) and puts them in
 * register order: `*values` becomes a new array of opv_register_count(reg)
 * elements for the caller to free(), where municipalities the file does not
 * name get `missing`.  Returns an OPV_* status with `err` filled on failure.
 */
int cli_load_register_values(int64_t **values, const opv_register *reg, const char *path,
                             const char *column, unsigned flags, int64_t missing,
                             opv_error *err);

#endif
