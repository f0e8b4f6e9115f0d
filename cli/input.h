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

#include "cli.h"

/* The name the library's messages give to data read from standard input. */
#define CLI_STDIN_NAME "<stdin>"

/*
 * Reads `stream` to its end.  On success `*data` is a new buffer of `*len`
 * bytes (plus a NUL the length does not count) for the caller to free().
 * Returns 0, or -1 with errno set and the outputs untouched.
 */
int cli_read_all(char **data, size_t *len, FILE *stream);

/*
 * Which register a command works on: --register FILE, or the embedded one of
 * --population-date (the default date without it), with --map-mergers.
 */
struct cli_register_args {
	const char *path;             /* NULL: an embedded register */
	const char *population_date;  /* NULL: the command's default date */
	int map_mergers;
};

#define CLI_REGISTER_ARGS_INIT { NULL, NULL, 0 }

/* The entries of those options in a command's option table (cli.h). */
#define CLI_REGISTER_OPTIONS(args) \
	{ CLI_STRING("register", 'r', &(args)->path) }, \
	{ CLI_STRING("population-date", 0, &(args)->population_date) }, \
	{ CLI_FLAG("map-mergers", 0, &(args)->map_mergers) }

/* The help lines of those options, for a command whose default date is 1 January 2024. */
#define CLI_REGISTER_HELP \
	"  -r, --register FILE    the municipality register as CSV (see\n" \
	"                         'opvang municipalities --help'); without it an\n" \
	"                         embedded CBS register\n" \
	"      --population-date D  the embedded register of that date: 2023-01-01,\n" \
	"                         2024-01-01 (the default, so that results do not\n" \
	"                         change without a word) or 2025-01-01\n" \
	"      --map-mergers      count a code of a merged municipality (GM0501\n" \
	"                         Brielle, now GM1992 Voorne aan Zee) as its\n" \
	"                         successor instead of refusing it\n"

/* Refuses --register together with --population-date.  Returns a CLI_EXIT_* code. */
int cli_check_register_args(const struct cli_register_args *args,
                            const struct cli_command *self);

/*
 * The register to work on: the CSV file args->path, or the embedded one of
 * args->population_date, or else of `default_date` (NULL: the library's
 * default).  With `ses_path` the scores of that `code,ses` table replace the
 * register's own (a code the register lacks is an error that names it).
 * Returns an OPV_* status with `err` filled on failure.
 */
int cli_load_register(opv_register **reg, const struct cli_register_args *args,
                      const char *default_date, const char *ses_path, opv_error *err);

/*
 * Says on stderr which population a result rests on ("opvang: population of
 * 2024-01-01 from CBS ..."), and records it in the table's JSON metadata.
 * Returns 0, or -1 when memory runs out.
 */
int cli_state_register(out_table *table, const opv_register *reg);

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
