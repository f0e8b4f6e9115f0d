/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opvang: the arithmetic of the Dutch asylum reception chain on the command
 * line.  This file only finds the command; the commands live in cmd_*.c.
 */
#include <stdio.h>
#include <string.h>

#include "opvang/core.h"

#include "cli.h"
#include "commands.h"

#define CLI_COMMAND_ADDRESS(id) &cli_command_##id,
static const struct cli_command *const commands[] = { CLI_COMMANDS(CLI_COMMAND_ADDRESS) };
#undef CLI_COMMAND_ADDRESS

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void print_usage(FILE *out)
{
	size_t width = 0;

	fprintf(out,
	        "usage: %s COMMAND [options]\n"
	        "       %s --help | --version\n"
	        "\n"
	        "The arithmetic of the Dutch asylum reception chain.  Results go to stdout\n"
	        "as csv (the default), json or an aligned table (--format), or to a file\n"
	        "with -o FILE; notes on what a result rests on go to stderr (not with -q)\n"
	        "and into the JSON meta; errors go to stderr.  Without a register file an\n"
	        "embedded CBS register is used: of 1 January 2024, another date with\n"
	        "--population-date, and for the housing task the date the law gives\n"
	        "(1 January of the year before).\n"
	        "\n"
	        "Commands:\n",
	        CLI_PROGRAM, CLI_PROGRAM);
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		size_t len = strlen(commands[i]->name);
		if (len > width)
			width = len;
	}
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-*s  %s\n", (int)width, commands[i]->name, commands[i]->summary);
	fprintf(out,
	        "\n"
	        "Run '%s COMMAND --help' for the options of a command.\n"
	        "\n"
	        "Exit status: 0 on success, 1 when the input data is refused, 2 when the\n"
	        "command line is wrong.\n",
	        CLI_PROGRAM);
}

static int program_usage_error(const char *message, const char *word)
{
	fprintf(stderr, "%s: %s '%s'\ntry '%s --help'\n", CLI_PROGRAM, message, word, CLI_PROGRAM);
	return CLI_EXIT_USAGE;
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const struct cli_command *command;

	if (argc < 2) {
		fprintf(stderr, "%s: missing command\ntry '%s --help'\n", CLI_PROGRAM, CLI_PROGRAM);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_usage(stdout);
		return cli_flush_stdout();
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("%s %s\n", CLI_PROGRAM, opv_version());
		return cli_flush_stdout();
	}
	if (argv[1][0] == '-')
		return program_usage_error("unknown option", argv[1]);

	command = find_command(argv[1]);
	if (command == NULL)
		return program_usage_error("unknown command", argv[1]);
	cli_begin(command->name, argc - 1, argv + 1);
	return command->run(command, argc - 1, argv + 1);
}
