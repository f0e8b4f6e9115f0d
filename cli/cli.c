/* SPDX-License-Identifier: EUPL-1.2 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <string.h>

int cli_help(const struct cli_command *cmd)
{
	fputs(cmd->usage, stdout);
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

	if (getopt_result == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", option);
	return cli_usage_error(cmd, "unknown option '%s'", option);
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
		return cli_system_error("cannot write the output", errno ? errno : EIO);
	return CLI_EXIT_OK;
}
