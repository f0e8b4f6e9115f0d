/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What every command of the `opvang` program shares: the command record, the
 * exit codes and the way errors reach the user.
 *
 * The program is thin on purpose.  A command parses its options, calls the
 * library, builds the whole result as an out_table and only then writes it, so
 * a failure never leaves half a table on stdout.  Input validation belongs to
 * the library; its messages already name the file, line and column, and the
 * program passes them on unchanged.
 */
#ifndef OPVANG_CLI_H
#define OPVANG_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "opvang/core.h"
#include "opvang/date.h"
#include "output.h"

#define CLI_PROGRAM "opvang"

/* Exit codes, the same for every command. */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_DATA = 1,  /* the input or the library refused: message from the library */
	CLI_EXIT_USAGE = 2  /* the command line itself is wrong */
};

struct cli_command {
	const char *name;     /* as typed: "apportion", "housing-task" */
	const char *summary;  /* one line for `opvang --help` */
	const char *usage;    /* the full text of `opvang NAME --help` */
	/* Runs the command.  argv[0] is the command name, so getopt_long works
	 * on (argc, argv) as it would for a program of its own.  Returns an
	 * exit code. */
	int (*run)(const struct cli_command *self, int argc, char **argv);
};

/* Prints the command's usage text on stdout; returns CLI_EXIT_OK. */
int cli_help(const struct cli_command *cmd);

/* Flushes stdout: CLI_EXIT_OK, or CLI_EXIT_DATA after saying that the output
 * could not be written (a full disk); a closed pipe ends it without a word. */
int cli_flush_stdout(void);

/*
 * Reports a mistake on the command line: "opvang NAME: <message>" and a hint
 * to ask for help, both on stderr.  Returns CLI_EXIT_USAGE.
 */
int cli_usage_error(const struct cli_command *cmd, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
 * Turns what cli_next_option returned for a bad option ('?', ':' or
 * CLI_OPTION_REPEATED, already reported) into a usage error.  `argv` and
 * getopt's optind/optopt tell which option it was.
 */
int cli_option_error(const struct cli_command *cmd, int getopt_result, char **argv);

struct option;

/* Room for the getopt_long values of every command's options. */
#define CLI_OPTION_VALUES 2048

/*
 * A command's options as getopt_long reads them, with the program's one rule
 * for repeats: an option that takes a value may be given once, unless it is
 * listed in `repeatable`; flags may repeat.
 */
struct cli_options {
	const struct cli_command *cmd;
	int argc;
	char **argv;
	const char *short_options;        /* as for getopt_long, starting with ':' */
	const struct option *long_options;
	const int *repeatable;            /* option values, ending in 0; NULL for none */
	unsigned char seen[CLI_OPTION_VALUES];
};

#define CLI_OPTIONS_INIT(cmd, argc, argv, short_options, long_options, repeatable) \
	{ (cmd), (argc), (argv), (short_options), (long_options), (repeatable), { 0 } }

/*
 * The next option, as getopt_long returns it (optarg set), or -1 after the
 * last.  An option with a value given a second time is reported as a usage
 * error and returned as CLI_OPTION_REPEATED, which, like getopt's '?' and ':',
 * a command passes to cli_option_error().
 */
int cli_next_option(struct cli_options *options);

#define CLI_OPTION_REPEATED (-2)

/* Fills `err` with `code` and a message of the program's own; returns `code`. */
int cli_fail(opv_error *err, int code, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Fills `err` for memory that ran out; returns OPV_ENOMEM. */
int cli_out_of_memory(opv_error *err);

/* Reports a failure of the library as "opvang: <message>".  Returns CLI_EXIT_DATA. */
int cli_library_error(const opv_error *err);

/* Reports a failure of the program's own I/O ("opvang: <what>: <strerror>"). */
int cli_system_error(const char *what, int errnum);

/*
 * Parses the value of --format.  Returns CLI_EXIT_OK, or reports a usage
 * error and returns CLI_EXIT_USAGE.
 */
int cli_parse_format(enum out_format *format, const struct cli_command *cmd, const char *name);

/*
 * The value parsers below read the value `text` given to `option` ("--total")
 * and return CLI_EXIT_OK, or report a usage error that names both and return
 * CLI_EXIT_USAGE.  They only check the form; whether a number makes sense is
 * for the library to say.
 */

/* A decimal whole number that fits in int64. */
int cli_parse_int64(int64_t *value, const struct cli_command *cmd, const char *option,
                    const char *text);

/*
 * A whole number from `min` to `max`: for values that must fit a narrower
 * type (an int), or that steer the program rather than the model (a number
 * of runs or threads).
 */
int cli_parse_int64_in(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text, int64_t min, int64_t max);

/* A number of places or people: a whole number from 0 to OPV_COUNT_MAX. */
int cli_parse_count(int64_t *value, const struct cli_command *cmd, const char *option,
                    const char *text);

/* A date YYYY-MM-DD that exists in the calendar. */
int cli_parse_date(opv_day *day, const struct cli_command *cmd, const char *option,
                   const char *text);

/*
 * One of the words in `names` (NULL-terminated); `*choice` becomes its
 * position.
 */
int cli_parse_choice(int *choice, const struct cli_command *cmd, const char *option,
                     const char *text, const char *const *names);

/*
 * Writes a finished table to stdout and makes sure it arrived (a full disk is
 * an error, not a silent truncation; a closed pipe ends it quietly, exit 1).
 * Returns an exit code.
 */
int cli_emit(const out_table *table, enum out_format format);

#endif
