/* SPDX-License-Identifier: EUPL-1.2 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The output could not be written.  A reader that stopped early (`| head`)
 * closed the pipe on purpose: that ends the program quietly, though not with
 * success.  (With SIGPIPE at its default the signal ends it first.) */
static int output_failed(int errnum)
{
	if (errnum == EPIPE)
		return CLI_EXIT_DATA;
	return cli_system_error("cannot write the output", errnum);
}

/* Prints the command's usage text on stdout; returns CLI_EXIT_OK. */
static int cli_help(const struct cli_command *cmd)
{
	errno = 0;
	if (fputs(cmd->usage, stdout) == EOF)
		return output_failed(errno ? errno : EIO);
	return cli_flush_stdout();
}

int cli_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return output_failed(errno ? errno : EIO);
	return CLI_EXIT_OK;
}

int cli_usage_error(const struct cli_command *cmd, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "%s %s: ", CLI_PROGRAM, cmd->name);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fprintf(stderr, "\ntry '%s %s --help'\n", CLI_PROGRAM, cmd->name);
	return CLI_EXIT_USAGE;
}

int cli_fail(opv_error *err, int code, const char *format, ...)
{
	va_list ap;
	err->code = code;
	err->line = 0;
	err->column = 0;
	va_start(ap, format);
	vsnprintf(err->message, sizeof err->message, format, ap);
	va_end(ap);
	return code;
}

int cli_out_of_memory(opv_error *err)
{
	err->code = OPV_ENOMEM;
	err->line = 0;
	err->column = 0;
	snprintf(err->message, sizeof err->message, "%s", opv_strerror(OPV_ENOMEM));
	return OPV_ENOMEM;
}

int cli_library_error(const opv_error *err)
{
	fprintf(stderr, "%s: %s\n", CLI_PROGRAM,
	        err->message[0] != '\0' ? err->message : opv_strerror(err->code));
	return CLI_EXIT_DATA;
}

int cli_system_error(const char *what, int errnum)
{
	fprintf(stderr, "%s: %s: %s\n", CLI_PROGRAM, what, strerror(errnum));
	return CLI_EXIT_DATA;
}

/* The value of --format. */
static int parse_format(enum out_format *format, const struct cli_command *cmd, const char *name)
{
	if (out_format_from_name(format, name) != 0)
		return cli_usage_error(cmd, "unknown format '%s' (known: %s)", name, out_format_names());
	return CLI_EXIT_OK;
}

int cli_emit(const out_table *table, enum out_format format)
{
	errno = 0;
	if (opv_table_write(table, (opv_table_format)format, stdout, NULL) != OPV_OK
	    || fflush(stdout) != 0 || ferror(stdout))
		return output_failed(errno ? errno : EIO);
	return CLI_EXIT_OK;
}

/*
 * The value parsers below (cli_parse_int64_in too) read the value `text`
 * given to `option` ("--total") and return CLI_EXIT_OK, or report a usage
 * error that names both and return CLI_EXIT_USAGE.  They only check the
 * form; whether a number makes sense is for the library to say.
 */

/* A decimal whole number that fits in int64. */
static int parse_int64(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text)
{
	char *end;
	long long parsed;

	/* strtoll would skip leading blanks; a value on the command line has none. */
	errno = 0;
	parsed = strtoll(text, &end, 10);
	if (end == text || *end != '\0' || isspace((unsigned char)text[0]))
		return cli_usage_error(cmd, "%s needs a whole number, not '%s'", option, text);
	if (errno == ERANGE)
		return cli_usage_error(cmd, "%s %s does not fit in 64 bits", option, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

int cli_parse_int64_in(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text, int64_t min, int64_t max)
{
	int64_t parsed;

	if (parse_int64(&parsed, cmd, option, text) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (parsed < min || parsed > max)
		return cli_usage_error(cmd, "%s must be %" PRId64 " to %" PRId64 ", not %s", option, min,
		                       max, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

/* A number of places or people: a whole number from 0 to OPV_COUNT_MAX. */
static int parse_count(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text)
{
	int64_t parsed;

	if (parse_int64(&parsed, cmd, option, text) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (parsed < 0 || parsed > OPV_COUNT_MAX)
		return cli_usage_error(cmd, "%s must be 0 to 2^53, not %s", option, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

/* One of the words in `names` (NULL-terminated); `*choice` becomes its position. */
static int parse_choice(int *choice, const struct cli_command *cmd, const char *option,
                        const char *text, const char *const *names)
{
	char known[256] = "";
	size_t used = 0;

	for (int i = 0; names[i] != NULL; i++) {
		if (strcmp(text, names[i]) == 0) {
			*choice = i;
			return CLI_EXIT_OK;
		}
	}
	for (int i = 0; names[i] != NULL && used < sizeof known; i++)
		used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
		                         names[i]);
	return cli_usage_error(cmd, "unknown value '%s' for %s (known: %s)", text, option, known);
}

/* ---- the option table ------------------------------------------------------- */

int cli_lookup_date(void *to, const char *text, opv_error *err)
{
	return opv_date_parse(to, text, err);
}

/* getopt_long's value for the long options without a short form: above any letter. */
#define LONG_ONLY_VALUE 256

/* What one table turns into for getopt_long. */
struct getopt_strings {
	char short_options[1 + 2 * CLI_MAX_OPTIONS + 1];  /* ":" and "x:" per entry */
	struct option long_options[CLI_MAX_OPTIONS + 1];
};

static int takes_value(const struct cli_option *o)
{
	return o->arg != CLI_ARG_FLAG && o->arg != CLI_ARG_HELP;
}

/*
 * Fills `g` from `options`; returns the number of entries, or -1 when there
 * are more than CLI_MAX_OPTIONS.  The leading ':' asks getopt_long to tell a
 * missing value (':') from an unknown option ('?').
 */
static int build_getopt_strings(struct getopt_strings *g, const struct cli_option *options)
{
	char *letters = g->short_options;
	int n;

	*letters++ = ':';
	for (n = 0; options[n].name != NULL; n++) {
		const struct cli_option *o = &options[n];

		if (n == CLI_MAX_OPTIONS)
			return -1;
		g->long_options[n] = (struct option){ o->name,
		                                      takes_value(o) ? required_argument : no_argument,
		                                      NULL, o->letter ? o->letter : LONG_ONLY_VALUE + n };
		if (o->letter) {
			*letters++ = (char)o->letter;
			if (takes_value(o))
				*letters++ = ':';
		}
	}
	*letters = '\0';
	g->long_options[n] = (struct option){ NULL, 0, NULL, 0 };
	return n;
}

/* The entry getopt_long's `value` stands for, or NULL for '?' and ':'. */
static const struct cli_option *entry_of(const struct cli_option *options, int count, int value)
{
	if (value >= LONG_ONLY_VALUE)
		return value - LONG_ONLY_VALUE < count ? &options[value - LONG_ONLY_VALUE] : NULL;
	for (int i = 0; i < count; i++)
		if (options[i].letter != 0 && options[i].letter == value)
			return &options[i];
	return NULL;
}

/* Reports what getopt_long refused: '?' for an unknown option, ':' for a missing value. */
static int option_error(const struct cli_command *cmd, int getopt_result, char **argv)
{
	/*
	 * getopt_long leaves the offending word at argv[optind - 1] for a long
	 * option and the offending letter in optopt for a short one.
	 */
	const char *word = optind > 0 ? argv[optind - 1] : "";
	char letter[3] = { '-', (char)optopt, '\0' };
	const char *option = strncmp(word, "--", 2) == 0 || optopt == 0 ? word : letter;

	if (getopt_result == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", option);
	return cli_usage_error(cmd, "unknown option '%s'", option);
}

static void store_integer(const struct cli_option *o, int64_t value)
{
	/* The range or the names keep the value within the type. */
	switch (o->type) {
	case CLI_INT:
		*(int *)o->to = (int)value;
		break;
	case CLI_UINT:
		*(unsigned int *)o->to = (unsigned int)value;
		break;
	case CLI_INT64:
		*(int64_t *)o->to = value;
		break;
	case CLI_UINT64:
		*(uint64_t *)o->to = (uint64_t)value;
		break;
	}
}

static int parse_lookup(const struct cli_option *o, const struct cli_command *cmd,
                        const char *text)
{
	opv_error err = OPV_ERROR_INIT;

	if (o->lookup(o->to, text, &err) == OPV_OK)
		return CLI_EXIT_OK;
	if (o->flags & CLI_MESSAGE_ALONE)
		return cli_usage_error(cmd, "%s", err.message);
	return cli_usage_error(cmd, "--%s: %s", o->name, err.message);
}

/* Takes the value `text` of the option `o` (NULL for a flag) into its target. */
static int take_value(const struct cli_option *o, const struct cli_command *cmd, char *text)
{
	char option[80];  /* "--name", as the value parsers name the option */
	int64_t number = 0;
	int choice = 0;

	snprintf(option, sizeof option, "--%s", o->name);
	switch (o->arg) {
	case CLI_ARG_FLAG:
		*(int *)o->to = o->value;
		return CLI_EXIT_OK;
	case CLI_ARG_STRING:
		*(const char **)o->to = text;
		return CLI_EXIT_OK;
	case CLI_ARG_COUNT:
		return parse_count(o->to, cmd, option, text);
	case CLI_ARG_INTEGER:
		if (cli_parse_int64_in(&number, cmd, option, text, o->min, o->max) != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		store_integer(o, number);
		return CLI_EXIT_OK;
	case CLI_ARG_CHOICE:
		if (parse_choice(&choice, cmd, option, text, o->names) != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		store_integer(o, choice);
		return CLI_EXIT_OK;
	case CLI_ARG_LOOKUP:
		return parse_lookup(o, cmd, text);
	case CLI_ARG_LIST:
		((const char **)o->to)[(*o->count)++] = text;
		return CLI_EXIT_OK;
	case CLI_ARG_FORMAT:
		return parse_format(o->to, cmd, text);
	case CLI_ARG_CUSTOM:
		return o->custom(o->to, cmd, option, text);
	case CLI_ARG_HELP:
		*(int *)o->to = 1;
		return cli_help(cmd);
	}
	return CLI_EXIT_USAGE;
}

int cli_parse_options(const struct cli_command *cmd, const struct cli_option *options, int argc,
                      char **argv)
{
	struct getopt_strings g;
	unsigned char seen[CLI_MAX_OPTIONS] = { 0 };
	int count = build_getopt_strings(&g, options);
	int value;

	if (count < 0) {
		fprintf(stderr, "%s %s: more than %d options\n", CLI_PROGRAM, cmd->name, CLI_MAX_OPTIONS);
		return CLI_EXIT_DATA;
	}
	while ((value = getopt_long(argc, argv, g.short_options, g.long_options, NULL)) != -1) {
		const struct cli_option *o = entry_of(options, count, value);
		int status;

		if (o == NULL)
			return option_error(cmd, value, argv);
		/* A second value would silently win over the first: refused, unless
		 * the option collects its values. */
		if (takes_value(o) && !(o->flags & CLI_REPEATABLE) && seen[o - options]++)
			return cli_usage_error(cmd, "--%s is given twice; give it once", o->name);
		if (o->given != NULL)
			*o->given = 1;
		status = take_value(o, cmd, optarg);
		if (status != CLI_EXIT_OK || o->arg == CLI_ARG_HELP)
			return status;
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	return CLI_EXIT_OK;
}
