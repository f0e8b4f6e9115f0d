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

int cli_help(const struct cli_command *cmd)
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

int cli_option_error(const struct cli_command *cmd, int getopt_result, char **argv)
{
	/*
	 * getopt_long leaves the offending word at argv[optind - 1] for a long
	 * option and the offending letter in optopt for a short one.
	 */
	const char *word = optind > 0 ? argv[optind - 1] : "";
	char letter[3] = { '-', (char)optopt, '\0' };
	const char *option = strncmp(word, "--", 2) == 0 || optopt == 0 ? word : letter;

	if (getopt_result == CLI_OPTION_REPEATED)
		return CLI_EXIT_USAGE;
	if (getopt_result == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", option);
	return cli_usage_error(cmd, "unknown option '%s'", option);
}

int cli_next_option(struct cli_options *o)
{
	const struct option *known;
	int option = getopt_long(o->argc, o->argv, o->short_options, o->long_options, NULL);

	if (option < 0 || option >= CLI_OPTION_VALUES)
		return option;
	for (const int *r = o->repeatable; r != NULL && *r != 0; r++)
		if (*r == option)
			return option;
	for (known = o->long_options; known->name != NULL; known++) {
		if (known->val != option || known->has_arg == no_argument)
			continue;
		if (o->seen[option]) {
			cli_usage_error(o->cmd, "--%s is given twice; give it once", known->name);
			return CLI_OPTION_REPEATED;
		}
		o->seen[option] = 1;
		break;
	}
	return option;
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

int cli_parse_format(enum out_format *format, const struct cli_command *cmd, const char *name)
{
	if (out_format_from_name(format, name) != 0)
		return cli_usage_error(cmd, "unknown format '%s' (known: %s)", name, out_format_names());
	return CLI_EXIT_OK;
}

int cli_emit(const out_table *table, enum out_format format)
{
	errno = 0;
	if (out_table_write(table, format, stdout) != 0 || fflush(stdout) != 0 || ferror(stdout))
		return output_failed(errno ? errno : EIO);
	return CLI_EXIT_OK;
}

int cli_parse_int64(int64_t *value, const struct cli_command *cmd, const char *option,
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

	if (cli_parse_int64(&parsed, cmd, option, text) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (parsed < min || parsed > max)
		return cli_usage_error(cmd, "%s must be %" PRId64 " to %" PRId64 ", not %s", option, min,
		                       max, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

int cli_parse_count(int64_t *value, const struct cli_command *cmd, const char *option,
                    const char *text)
{
	int64_t parsed;

	if (cli_parse_int64(&parsed, cmd, option, text) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (parsed < 0 || parsed > OPV_COUNT_MAX)
		return cli_usage_error(cmd, "%s must be 0 to 2^53, not %s", option, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

int cli_parse_date(opv_day *day, const struct cli_command *cmd, const char *option,
                   const char *text)
{
	opv_error err = OPV_ERROR_INIT;

	if (opv_date_parse(day, text, &err) != OPV_OK)
		return cli_usage_error(cmd, "%s: %s", option, err.message);
	return CLI_EXIT_OK;
}

int cli_parse_choice(int *choice, const struct cli_command *cmd, const char *option,
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
