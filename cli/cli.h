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
 * A command's options are a table of struct cli_option, ending in { NULL },
 * that cli_parse_options() reads the command line with.  The table says, per
 * option, its names, what kind of value it takes and where the value goes;
 * the parser does the rest the same way for every command: the getopt_long
 * strings, the program's rule for repeats (an option that takes a value may
 * be given once unless it is CLI_REPEATABLE; flags may repeat), the messages
 * for unknown options, missing and wrong values, and --help.
 *
 * Entries are written with the macros below, inside braces so that a command
 * can add the optional members: { CLI_COUNT("total", 't', &args->total),
 * .given = &args->have_total }.  Where the kind fixes the type of the
 * target, the macros check it at compile time, so that a table cannot store
 * a value into the wrong kind of field.
 */
enum cli_arg {
	CLI_ARG_FLAG,     /* no value: the int `to` becomes `value` */
	CLI_ARG_STRING,   /* a path or other text, kept as given: a const char * */
	CLI_ARG_COUNT,    /* places or people, 0 to 2^53: an int64_t */
	CLI_ARG_INTEGER,  /* a whole number from `min` to `max`: see enum cli_int_type */
	CLI_ARG_CHOICE,   /* one of `names`: its position, into an int or an enum */
	CLI_ARG_LOOKUP,   /* a parser of the library's, through `lookup` */
	CLI_ARG_LIST,     /* every value, appended to the const char *[] `to`, `*count` long,
	                   * which has room for one per word of argv; CLI_REPEATABLE */
	CLI_ARG_FORMAT,   /* csv, json or table: an enum out_format */
	CLI_ARG_CUSTOM,   /* `custom`, for an option with rules of its own */
	CLI_ARG_HELP      /* prints the usage and ends parsing; the int `to` becomes 1 */
};

/* The whole-number types CLI_ARG_INTEGER and CLI_ARG_CHOICE store into. */
enum cli_int_type { CLI_INT, CLI_UINT, CLI_INT64, CLI_UINT64 };

/* The cli_int_type of an lvalue; any other type does not compile.  An enum
 * is compatible with int or unsigned int, so it is one of those. */
#define CLI_INT_TYPE(lvalue) \
	_Generic((lvalue), int: CLI_INT, unsigned int: CLI_UINT, int64_t: CLI_INT64, \
	         uint64_t: CLI_UINT64)

/*
 * Parses `text` into `*to` for CLI_ARG_LOOKUP.  Returns OPV_OK, or another
 * OPV_* status with `err` filled: a message that the parser shows as
 * "--name: <message>" (or alone with CLI_MESSAGE_ALONE).
 */
typedef int cli_lookup_fn(void *to, const char *text, opv_error *err);

/*
 * Parses `text` for CLI_ARG_CUSTOM, `option` being "--name".  The text is
 * argv's own, so the callback may keep pointers into it (or cut it up).
 * Returns CLI_EXIT_OK, or an exit code after reporting the mistake.
 */
typedef int cli_custom_fn(void *to, const struct cli_command *cmd, const char *option,
                          char *text);

/* For struct cli_option.flags. */
enum {
	CLI_REPEATABLE = 1 << 0,    /* may be given more than once */
	CLI_MESSAGE_ALONE = 1 << 1  /* a lookup's message says what was wrong without the name */
};

struct cli_option {
	const char *name;           /* the long form, without "--"; NULL ends the table */
	int letter;                 /* the short form, or 0 for none */
	enum cli_arg arg;
	void *to;                   /* where the value goes, as enum cli_arg says */
	int *given;                 /* optional: becomes 1 when the option is given */
	unsigned flags;             /* optional: CLI_REPEATABLE, CLI_MESSAGE_ALONE */
	int value;                  /* CLI_ARG_FLAG: what the flag stores */
	enum cli_int_type type;     /* CLI_ARG_INTEGER, CLI_ARG_CHOICE: the type of `to` */
	int64_t min, max;           /* CLI_ARG_INTEGER: the range */
	const char *const *names;   /* CLI_ARG_CHOICE: NULL-terminated */
	size_t *count;              /* CLI_ARG_LIST: the values so far */
	cli_lookup_fn *lookup;      /* CLI_ARG_LOOKUP */
	cli_custom_fn *custom;      /* CLI_ARG_CUSTOM */
};

/* `to` as a pointer to `type`; another pointer type draws a diagnostic. */
#define CLI_TYPED(type, to) (1 ? (to) : (type *)NULL)

#define CLI_ENTRY(name_, letter_, arg_, to_) \
	.name = (name_), .letter = (letter_), .arg = (arg_), .to = (to_)

/* A flag that sets the int `*to` to 1, or to `v`. */
#define CLI_FLAG(name, letter, to) CLI_SET(name, letter, to, 1)
#define CLI_SET(name, letter, to, v) \
	CLI_ENTRY(name, letter, CLI_ARG_FLAG, CLI_TYPED(int, to)), .value = (v)
#define CLI_STRING(name, letter, to) \
	CLI_ENTRY(name, letter, CLI_ARG_STRING, CLI_TYPED(const char *, to))
#define CLI_COUNT(name, letter, to) \
	CLI_ENTRY(name, letter, CLI_ARG_COUNT, CLI_TYPED(int64_t, to))
#define CLI_INTEGER(name, letter, to, min_, max_) \
	CLI_ENTRY(name, letter, CLI_ARG_INTEGER, (to)), .type = CLI_INT_TYPE(*(to)), \
	.min = (min_), .max = (max_)
#define CLI_CHOICE(name, letter, to, names_) \
	CLI_ENTRY(name, letter, CLI_ARG_CHOICE, (to)), .type = CLI_INT_TYPE(*(to)), \
	.names = (names_)
#define CLI_LIST(name, letter, to, count_) \
	CLI_ENTRY(name, letter, CLI_ARG_LIST, CLI_TYPED(const char *, to)), \
	.count = CLI_TYPED(size_t, count_), .flags = CLI_REPEATABLE
#define CLI_LOOKUP(name, letter, to, fn) \
	CLI_ENTRY(name, letter, CLI_ARG_LOOKUP, (to)), .lookup = (fn)
#define CLI_DATE(name, letter, to) \
	CLI_LOOKUP(name, letter, CLI_TYPED(opv_day, to), cli_lookup_date)
#define CLI_CUSTOM(name, letter, to, fn) \
	CLI_ENTRY(name, letter, CLI_ARG_CUSTOM, (to)), .custom = (fn)
#define CLI_FORMAT(to) \
	CLI_ENTRY("format", 'f', CLI_ARG_FORMAT, CLI_TYPED(enum out_format, to))
#define CLI_HELP(to) CLI_ENTRY("help", 'h', CLI_ARG_HELP, CLI_TYPED(int, to))

/*
 * Defines `static int name(void *to, const char *text, opv_error *err)`
 * that hands `to` as a `type *` to `parse`, a library function such as
 * opv_method_from_name(): a cli_lookup_fn for it.
 */
#define CLI_DEFINE_LOOKUP(name, type, parse) \
	static int name(void *to, const char *text, opv_error *err) \
	{ \
		return parse((type *)to, text, err); \
	}

/* opv_date_parse() as a cli_lookup_fn, for CLI_DATE. */
int cli_lookup_date(void *to, const char *text, opv_error *err);

/* The most entries a table may have. */
#define CLI_MAX_OPTIONS 64

/*
 * Reads the options of `argv` (argv[0] being the command's name) into the
 * targets `options` gives.  Returns CLI_EXIT_OK when they were read, or after
 * --help printed the usage (its target then says so); otherwise the exit
 * code, after reporting the mistake.  Checks of options taken together are
 * the command's, after this.
 */
int cli_parse_options(const struct cli_command *cmd, const struct cli_option *options, int argc,
                      char **argv);

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
 * A whole number from `min` to `max`, the value `text` given to `option`
 * ("--threads").  Returns CLI_EXIT_OK, or reports a usage error that names
 * both and returns CLI_EXIT_USAGE.  For the parts of a value a command
 * parses itself; whether a number makes sense is for the library to say.
 */
int cli_parse_int64_in(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text, int64_t min, int64_t max);

/*
 * Writes a finished table and makes sure it arrived (a full disk is an error,
 * not a silent truncation; a closed pipe ends it quietly, exit 1): to stdout,
 * or with -o FILE to FILE, replaced whole or not at all.  The notes said so
 * far go into JSON's meta; the text table rounds reals (CLI_TABLE_DECIMALS).
 * Returns an exit code.
 */
int cli_emit(out_table *table, enum out_format format);

/* Decimals the text table (--format table) shows reals with. */
#define CLI_TABLE_DECIMALS 3

/*
 * Options every command that writes a table takes, besides its own (a
 * command that defines one of these names itself keeps its own):
 *   -o, --output FILE   the result into FILE instead of stdout
 *   -q, --quiet         no notes on stderr; errors are still printed
 * cli_parse_options() reads them; --help lists them after the usage.
 */

/* Records the command being run and its arguments (argv[0] is its name), for
 * the metadata of its output.  main() calls it before the command runs. */
void cli_begin(const char *command, int argc, char **argv);

/* Sets the metadata every table starts with: the program's version, the
 * command, its arguments ("inputs") and population_date (null until a
 * register states it).  Returns 0, or -1 when memory runs out. */
int cli_describe(out_table *table);

/* 1 after -q/--quiet (or a command's own --quiet, through cli_set_quiet()). */
int cli_quiet(void);
void cli_set_quiet(int quiet);

/*
 * Says what a result rests on or what the user should know (the SES
 * transform used, a rounding residual, a warning): on stderr as
 * "opvang: <note>" unless quiet, and in the "notes" of JSON's meta when the
 * table is written.
 */
void cli_note(const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

#endif
