/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang sensitivity: what drives the shortage of a scenario. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/date.h"
#include "opvang/projection.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang sensitivity --scenario FILE [--date D] [--delta P%]\n"
	"                          [--delta INPUT=AMOUNT ...] [--chart FILE.svg]\n"
	"                          [--register FILE | --population-date D]\n"
	"                          [--format csv|json|table]\n"
	"\n"
	"Moves every numeric input of the scenario that can change the shortage\n"
	"one at a time down and up, projects each without noise, and reports the\n"
	"shortage on the date at both ends, the inputs with the largest effect\n"
	"first.  Inputs are named by their field in the scenario (docs/scenario.md):\n"
	"initial.in_procedure, inflow_per_week, housing_per_week or\n"
	"housing_task.realisation, capacity.changes[1].delta,\n"
	"capacity.locations[nood] (the places of one location type), extend[0].weeks\n"
	"and so on.  An input v moves to v - |v| P/100 and v + |v| P/100, or by an\n"
	"amount given for it; whole numbers are rounded half up and rates kept\n"
	"within their ranges.  For an array of weeks the value shown is the mean,\n"
	"for housing_task.national the sum over its half-years.\n"
	"\n"
	"Columns: input, value_low, value, value_high, shortage_low, shortage,\n"
	"shortage_high, effect (|shortage_high - shortage_low|).\n"
	"\n"
	"Options:\n"
	"  -s, --scenario FILE       the scenario (required)\n"
	"      --date D              the day whose shortage is compared: the row on or\n"
	"                            before it (default: the last row)\n"
	"      --delta P%            move every input by P percent of its value\n"
	"                            (default 10%)\n"
	"      --delta INPUT=AMOUNT  move INPUT by AMOUNT down and up instead; may be\n"
	"                            repeated\n"
	"      --chart FILE.svg      also write a tornado chart\n"
	CLI_REGISTER_HELP
	"  -f, --format FORMAT       csv (default), json or table\n"
	"  -h, --help                print this help and exit\n"
	"\n"
	"Example: which assumption drives the shortage at the end of August 2026\n"
	"  opvang sensitivity -s examples/scenarios/march_2026.json \\\n"
	"      --date 2026-08-31 --delta 10% --delta housing_per_week=140 -f table\n";

struct sensitivity_args {
	const char *scenario_path;
	const char *chart_path;
	struct cli_register_args reg;
	opv_sensitivity_options options;
	const char **names;          /* of the absolute moves, from argv (up to '=') */
	double *amounts;
	char **owned;                /* the names, copied */
	int have_relative;           /* --delta P% was given */
	enum out_format format;
	int help_shown;
};

enum {
	COL_INPUT, COL_VALUE_LOW, COL_VALUE, COL_VALUE_HIGH, COL_SHORTAGE_LOW, COL_SHORTAGE,
	COL_SHORTAGE_HIGH, COL_EFFECT, COL_COUNT
};

static const struct out_column columns[COL_COUNT] = {
	[COL_INPUT] = { "input", OUT_TEXT },
	[COL_VALUE_LOW] = { "value_low", OUT_REAL },
	[COL_VALUE] = { "value", OUT_REAL },
	[COL_VALUE_HIGH] = { "value_high", OUT_REAL },
	[COL_SHORTAGE_LOW] = { "shortage_low", OUT_INTEGER },
	[COL_SHORTAGE] = { "shortage", OUT_INTEGER },
	[COL_SHORTAGE_HIGH] = { "shortage_high", OUT_INTEGER },
	[COL_EFFECT] = { "effect", OUT_INTEGER },
};

/* A number that ends where the text ends, finite. */
static int parse_number(double *value, const char *text, const char *end_at)
{
	char *end;
	errno = 0;
	*value = strtod(text, &end);
	return end != text && end == end_at && errno == 0 && isfinite(*value);
}

/* --delta P% or --delta INPUT=AMOUNT. */
static int parse_delta(void *to, const struct cli_command *self, const char *option, char *text)
{
	struct sensitivity_args *args = to;
	const char *equals = strchr(text, '=');
	size_t len = strlen(text), n = args->options.nabsolute;
	double value;

	if (equals == NULL) {
		if (args->have_relative++)
			return cli_usage_error(self, "--delta P%% is given twice");
		if (len < 2 || text[len - 1] != '%' || !parse_number(&value, text, text + len - 1))
			return cli_usage_error(self, "--delta needs a percentage such as 10%% or "
			                       "INPUT=AMOUNT, not '%s'", text);
		if (!(value > 0 && value <= 1000))
			return cli_usage_error(self, "--delta %s is outside (0%%, 1000%%]", text);
		args->options.relative = value / 100.0;
		return CLI_EXIT_OK;
	}
	if (equals == text || !parse_number(&value, equals + 1, text + len))
		return cli_usage_error(self, "--delta needs INPUT=AMOUNT, such as "
		                       "housing_per_week=100, not '%s'", text);
	if (!(value > 0 && value <= 1e9))
		return cli_usage_error(self, "--delta %s: the amount must be above 0 and at most 10^9",
		                       text);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(args->names[i], text, (size_t)(equals - text)) == 0
		    && args->names[i][equals - text] == '\0')
			return cli_usage_error(self, "--delta names %.*s twice", (int)(equals - text), text);
	}
	args->owned[n] = strndup(text, (size_t)(equals - text));
	if (args->owned[n] == NULL)
		return cli_system_error("out of memory", ENOMEM);
	args->names[n] = args->owned[n];
	args->amounts[n] = value;
	args->options.nabsolute = n + 1;
	return CLI_EXIT_OK;
}

static int parse_args(struct sensitivity_args *args, const struct cli_command *self, int argc,
                      char **argv)
{
	const struct cli_option options[] = {
		{ CLI_STRING("scenario", 's', &args->scenario_path) },
		{ CLI_DATE("date", 0, &args->options.date) },
		{ CLI_CUSTOM("delta", 0, args, parse_delta), .flags = CLI_REPEATABLE },
		{ CLI_STRING("chart", 0, &args->chart_path) },
		CLI_REGISTER_OPTIONS(&args->reg),
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (args->scenario_path == NULL)
		return cli_usage_error(self, "missing required option --scenario");
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

static out_table *sensitivity_table(const opv_sensitivity *s, const opv_sensitivity_options *o)
{
	out_table *table = out_table_new(columns, COL_COUNT);
	char date[OPV_DATE_TEXT_SIZE];

	if (table == NULL)
		return NULL;
	for (size_t i = 0; i < opv_sensitivity_count(s); i++) {
		int64_t low = opv_sensitivity_shortage(s, i, OPV_SENSITIVITY_LOW);
		int64_t high = opv_sensitivity_shortage(s, i, OPV_SENSITIVITY_HIGH);

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, COL_INPUT, opv_sensitivity_input(s, i)) != 0) {
			out_table_free(table);
			return NULL;
		}
		out_table_set_real(table, COL_VALUE_LOW, opv_sensitivity_value(s, i, OPV_SENSITIVITY_LOW));
		out_table_set_real(table, COL_VALUE, opv_sensitivity_value(s, i, OPV_SENSITIVITY_BASE));
		out_table_set_real(table, COL_VALUE_HIGH,
		                   opv_sensitivity_value(s, i, OPV_SENSITIVITY_HIGH));
		out_table_set_integer(table, COL_SHORTAGE_LOW, low);
		out_table_set_integer(table, COL_SHORTAGE, opv_sensitivity_base(s));
		out_table_set_integer(table, COL_SHORTAGE_HIGH, high);
		out_table_set_integer(table, COL_EFFECT, high > low ? high - low : low - high);
	}
	opv_date_format(date, sizeof date, opv_sensitivity_date(s), NULL);
	if ((out_table_set_meta_text(table, "date", date)
	     | out_table_set_meta_integer(table, "shortage", opv_sensitivity_base(s))) != 0) {
		out_table_free(table);
		return NULL;
	}
	(void)o;
	return table;
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct sensitivity_args args = {
		NULL, NULL, CLI_REGISTER_ARGS_INIT, OPV_SENSITIVITY_OPTIONS_INIT, NULL, NULL, NULL, 0,
		OUT_CSV, 0
	};
	opv_error err = OPV_ERROR_INIT;
	opv_register *reg = NULL;
	opv_scenario *scenario = NULL;
	opv_sensitivity *result = NULL;
	out_table *table = NULL;
	int status;

	args.names = calloc((size_t)argc + 1, sizeof *args.names);
	args.amounts = calloc((size_t)argc + 1, sizeof *args.amounts);
	args.owned = calloc((size_t)argc + 1, sizeof *args.owned);
	if (args.names == NULL || args.amounts == NULL || args.owned == NULL)
		status = cli_system_error("out of memory", ENOMEM);
	else
		status = parse_args(&args, self, argc, argv);
	if (status == CLI_EXIT_OK && !args.help_shown) {
		args.options.absolute_inputs = args.names;
		args.options.absolute_amounts = args.amounts;
		if (cli_load_register(&reg, &args.reg, NULL, NULL, &err) != OPV_OK
		    || opv_scenario_load_json(&scenario, args.scenario_path, reg, &err) != OPV_OK) {
			status = cli_library_error(&err);
		} else if (opv_sensitivity_options_check(scenario, &args.options, &err) != OPV_OK) {
			/* --date, --delta: the options are wrong, not the scenario. */
			status = err.code == OPV_ENOMEM ? cli_library_error(&err)
			                                : cli_usage_error(self, "%s", err.message);
		} else if (opv_sensitivity_run(&result, scenario, &args.options, &err) != OPV_OK
		    || (args.chart_path != NULL
		        && opv_sensitivity_write_svg(result, args.chart_path, &err) != OPV_OK)) {
			status = cli_library_error(&err);
		} else if ((table = sensitivity_table(result, &args.options)) == NULL) {
			cli_out_of_memory(&err);
			status = cli_library_error(&err);
		} else {
			status = cli_emit(table, args.format);
		}
	}
	out_table_free(table);
	opv_sensitivity_free(result);
	opv_scenario_free(scenario);
	opv_register_free(reg);
	for (size_t i = 0; args.owned != NULL && args.owned[i] != NULL; i++)
		free(args.owned[i]);
	free(args.owned);
	free(args.names);
	free(args.amounts);
	return status;
}

const struct cli_command cli_command_sensitivity = {
	"sensitivity",
	"which input of a projection scenario drives the shortage (tornado)",
	usage,
	run,
};
