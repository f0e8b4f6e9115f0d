/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The commands of the `opvang` program, in the order `opvang --help` lists
 * them.
 *
 * A command is one file, cmd_<id>.c, that defines
 *
 *     const struct cli_command cli_command_<id> = { "<name>", ... };
 *
 * and one line X(<id>) below (plus the file's name in meson.build).  The <id>
 * is the command's name as a C identifier: housing_task for "housing-task".
 */
#ifndef OPVANG_CLI_COMMANDS_H
#define OPVANG_CLI_COMMANDS_H

#include "cli.h"

#define CLI_COMMANDS(X) \
	X(municipalities) \
	X(apportion) \
	X(distribute) \
	X(housing_task) \
	X(supervision) \
	X(places) \
	X(report) \
	X(capacity) \
	X(project) \
	X(sensitivity)

#define CLI_DECLARE_COMMAND(id) extern const struct cli_command cli_command_##id;
CLI_COMMANDS(CLI_DECLARE_COMMAND)
#undef CLI_DECLARE_COMMAND

#endif
