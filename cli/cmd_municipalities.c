/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang municipalities: print a municipality register. */
#include <errno.h>

#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang municipalities [--register FILE | --population-date D]\n"
	"                             [--map-mergers] [--format csv|json|table]\n"
	"\n"
	"Prints the municipalities of a register, in register order: code, name,\n"
	"province_code, province and population, and ses when the register gives\n"
	"SES-WOA scores (an empty cell where a row has none).\n"
	"\n"
	"Options:\n"
	"  -r, --register FILE  read the register from a CSV file with the columns\n"
	"                       code, name, province_code, province, population and\n"
	"                       optionally ses (or gemeentecode, gemeentenaam,\n"
	"                       provinciecode, provincienaam, inwoners); without it\n"
	"                       the embedded CBS register of 1 January 2024\n"
	"      --population-date D  the embedded register of that date: 2023-01-01,\n"
	"                       2024-01-01 (the default) or 2025-01-01\n"
	"      --map-mergers    accepted for symmetry with the other commands\n"
	"  -f, --format FORMAT  csv (default), json or table\n"
	"  -h, --help           print this help and exit\n"
	"\n"
	"A note on stderr names the population date and the source.\n";

enum { COL_CODE, COL_NAME, COL_PROVINCE_CODE, COL_PROVINCE, COL_POPULATION, COL_SES, COL_COUNT };

static const struct out_column columns[COL_COUNT] = {
	[COL_CODE] = { "code", OUT_TEXT },
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_PROVINCE_CODE] = { "province_code", OUT_TEXT },
	[COL_PROVINCE] = { "province", OUT_TEXT },
	[COL_POPULATION] = { "population", OUT_INTEGER },
	[COL_SES] = { "ses", OUT_REAL },
};

/* A register may score only some rows; the column is shown if any row has a score. */
static int any_ses(const opv_register *reg)
{
	for (size_t i = 0; i < opv_register_count(reg); i++) {
		if (opv_register_at(reg, i)->has_ses)
			return 1;
	}
	return 0;
}

static out_table *register_table(const opv_register *reg)
{
	out_table *table = out_table_new(columns, any_ses(reg) ? COL_COUNT : COL_SES);

	if (table == NULL)
		return NULL;
	for (size_t i = 0; i < opv_register_count(reg); i++) {
		const opv_municipality *m = opv_register_at(reg, i);

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, COL_CODE, m->code) != 0
		    || out_table_set_text(table, COL_NAME, m->name) != 0
		    || out_table_set_text(table, COL_PROVINCE_CODE, m->province_code) != 0
		    || out_table_set_text(table, COL_PROVINCE, m->province) != 0) {
			out_table_free(table);
			return NULL;
		}
		out_table_set_integer(table, COL_POPULATION, m->population);
		if (m->has_ses)
			out_table_set_real(table, COL_SES, m->ses);
	}
	return table;
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct cli_register_args register_args = CLI_REGISTER_ARGS_INIT;
	enum out_format format = OUT_CSV;
	int help_shown = 0;
	const struct cli_option options[] = {
		CLI_REGISTER_OPTIONS(&register_args),
		{ CLI_FORMAT(&format) },
		{ CLI_HELP(&help_shown) },
		{ .name = NULL }
	};
	opv_error err = OPV_ERROR_INIT;
	opv_register *reg = NULL;
	out_table *table;
	int status;

	status = cli_parse_options(self, options, argc, argv);
	if (status != CLI_EXIT_OK || help_shown)
		return status;
	if (cli_check_register_args(&register_args, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;

	if (cli_load_register(&reg, &register_args, NULL, NULL, &err) != OPV_OK)
		return cli_library_error(&err);

	table = register_table(reg);
	if (table != NULL && cli_state_register(table, reg) != 0) {
		out_table_free(table);
		table = NULL;
	}
	if (table == NULL)
		status = cli_system_error("cannot build the table", ENOMEM);
	else
		status = cli_emit(table, format);
	out_table_free(table);
	opv_register_free(reg);
	return status;
}

const struct cli_command cli_command_municipalities = {
	"municipalities",
	"list the municipalities of a register with their province and population",
	usage,
	run,
};
