/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang supervision: where each municipality stands on the province's ladder. */
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang supervision --history FILE [--thresholds A,B,C,D]\n"
	"                          [--tolerance N] [--register FILE | --population-date D]\n"
	"                          [--format csv|json|table]\n"
	"\n"
	"Places every municipality on the province's supervision ladder for the\n"
	"housing task.  A half-year is missed when its closing balance is above the\n"
	"tolerance; the missed half-years are counted back from a municipality's\n"
	"latest half-year in the history, and a half-year that is missed no longer,\n"
	"or that has no record, ends the count.  A count of at least A is a\n"
	"signal, B a plan requested, C a final warning and D intervention; below A\n"
	"a municipality is on track, as is one without history.\n"
	"\n"
	"Prints code, name, consecutive_misses and state (on_track, signal,\n"
	"plan_requested, final_warning or intervention) for every municipality of\n"
	"the register, in register order.\n"
	"\n"
	"Options:\n"
	"  -H, --history FILE        closing balances: a CSV table with the columns\n"
	"                            code, period (2025-H1) and balance (whole\n"
	"                            numbers, > 0 a backlog); required\n"
	"  -t, --thresholds A,B,C,D  missed half-years for each step of the ladder,\n"
	"                            strictly increasing from 1 (default 1,2,3,4)\n"
	"      --tolerance N         a balance up to N is not a miss (default 0)\n"
	CLI_REGISTER_HELP
	"  -f, --format FORMAT       csv (default), json or table\n"
	"  -h, --help                print this help and exit\n"
	"\n"
	"Example: a signal after two missed half-years, intervention after five\n"
	"  opvang supervision --history balances.csv --thresholds 2,3,4,5\n";

/* Long options without a short form. */
enum { OPT_TOLERANCE = 256 };

struct supervision_args {
	opv_supervision_options options;
	const char *history_path;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	enum out_format format;
	int help_shown;             /* --help was given: nothing more to do */
};

enum { COL_CODE, COL_NAME, COL_MISSES, COL_STATE, COL_COUNT };

static const struct out_column columns[COL_COUNT] = {
	[COL_CODE] = { "code", OUT_TEXT },
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_MISSES] = { "consecutive_misses", OUT_INTEGER },
	[COL_STATE] = { "state", OUT_TEXT },
};

/* The steps of the ladder above on_track: opv_supervision_options::thresholds. */
enum { THRESHOLD_COUNT = 4 };

/* ---- the command line ------------------------------------------------------- */

/*
 * Reads "1,2,3,4": exactly four whole numbers.  Whether they climb the ladder
 * properly is for the library to say.
 */
static int parse_thresholds(int *thresholds, const struct cli_command *self, const char *text)
{
	int parsed[THRESHOLD_COUNT];
	const char *start = text;

	for (size_t i = 0; i < THRESHOLD_COUNT; i++) {
		const char *comma = strchr(start, ',');
		size_t len = comma != NULL ? (size_t)(comma - start) : strlen(start);
		char number[32];
		int64_t value;

		if ((comma == NULL) != (i + 1 == THRESHOLD_COUNT) || len == 0 || len >= sizeof number)
			return cli_usage_error(self, "--thresholds needs four whole numbers like 1,2,3,4, "
			                       "not '%s'", text);
		memcpy(number, start, len);
		number[len] = '\0';
		if (cli_parse_int64_in(&value, self, "--thresholds", number, INT_MIN, INT_MAX)
		    != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		parsed[i] = (int)value;
		start = comma + 1;
	}
	memcpy(thresholds, parsed, sizeof parsed);
	return CLI_EXIT_OK;
}

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct supervision_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	static const struct option options[] = {
		{ "history", required_argument, NULL, 'H' },
		{ "thresholds", required_argument, NULL, 't' },
		{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
		CLI_REGISTER_LONG_OPTIONS,
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int option;

	while ((option = getopt_long(argc, argv, ":H:t:r:f:h", options, NULL)) != -1) {
		switch (option) {
		case 'H':
			args->history_path = optarg;
			break;
		case 't':
			if (parse_thresholds(args->options.thresholds, self, optarg) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			break;
		case OPT_TOLERANCE:
			if (cli_parse_int64(&args->options.tolerance, self, "--tolerance", optarg)
			    != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			break;
		case 'f':
			if (cli_parse_format(&args->format, self, optarg) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			break;
		case 'h':
			args->help_shown = 1;
			return cli_help(self);
		default:
			if (cli_register_option(&args->reg, option, optarg))
				break;
			return cli_option_error(self, option, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(self, "unexpected argument '%s'", argv[optind]);
	if (args->history_path == NULL)
		return cli_usage_error(self, "missing required option --history");
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

/* ---- the command ---------------------------------------------------------------- */

/*
 * Places the register's municipalities on the ladder and builds the table, or
 * fills `err` and returns NULL.
 */
static out_table *supervision_table(const opv_register *reg, const opv_balance_history *history,
                                    const opv_supervision_options *options, opv_error *err)
{
	size_t n = opv_register_count(reg);
	int64_t *misses = calloc(n ? n : 1, sizeof *misses);
	opv_supervision_state *states = calloc(n ? n : 1, sizeof *states);
	out_table *table = NULL;

	if (misses == NULL || states == NULL)
		goto out_of_memory;
	if (opv_supervision(misses, states, reg, opv_balance_history_records(history),
	                    opv_balance_history_count(history), options, err) != OPV_OK)
		goto done;

	table = out_table_new(columns, COL_COUNT);
	if (table == NULL)
		goto out_of_memory;
	for (size_t i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, COL_CODE, m->code) != 0
		    || out_table_set_text(table, COL_NAME, m->name) != 0
		    || out_table_set_text(table, COL_STATE, opv_supervision_state_name(states[i])) != 0)
			goto out_of_memory;
		out_table_set_integer(table, COL_MISSES, misses[i]);
	}
	goto done;

out_of_memory:
	out_table_free(table);
	table = NULL;
	cli_out_of_memory(err);
done:
	free(states);
	free(misses);
	return table;
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct supervision_args args = {
		OPV_SUPERVISION_OPTIONS_INIT, NULL, CLI_REGISTER_ARGS_INIT, OUT_CSV, 0
	};
	opv_error err = OPV_ERROR_INIT;
	opv_balance_history *history = NULL;
	opv_register *reg = NULL;
	out_table *table = NULL;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (cli_load_register(&reg, &args.reg, NULL, NULL, &err) != OPV_OK
	    || opv_balance_history_load_csv(&history, args.history_path, &err) != OPV_OK
	    || (table = supervision_table(reg, history, &args.options, &err)) == NULL)
		status = cli_library_error(&err);
	else
		status = cli_emit(table, args.format);
	out_table_free(table);
	opv_balance_history_free(history);
	opv_register_free(reg);
	return status;
}

const struct cli_command cli_command_supervision = {
	"supervision",
	"where each municipality stands on the province's supervision ladder",
	usage,
	run,
};
