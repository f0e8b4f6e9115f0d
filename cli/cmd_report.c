/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opvang report: the letter to every municipality as a static HTML site.  The
 * pages are written by the library (opv_report_write()); this file reads the
 * command line, which takes the inputs of `opvang places` for one day.
 */
#include <stdio.h>
#include <stdlib.h>

#include "opvang/date.h"
#include "opvang/housing.h"
#include "opvang/io.h"
#include "opvang/projection.h"
#include "opvang/report.h"

#include "cli.h"
#include "commands.h"
#include "input.h"
#include "task_inputs.h"

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif

static const char usage[] =
	"usage: opvang report --locations FILE --date D --out DIR\n"
	"                     (--tasks FILE | --total C [--amv A] [--ses FILE])\n"
	"                     [--min-years N] [--durability agreed-period|remaining]\n"
	"                     [--existing-min-places N [--existing-before D]]\n"
	"                     [--register FILE | --population-date D] [--map-mergers]\n"
	"                     [--scenario FILE [--runs N] [--seed S]]\n"
	"                     [--housing-national N --housing-period YYYY-Hh\n"
	"                      [--previous-balance FILE] [--realised FILE] [--history FILE]]\n"
	"\n"
	"Writes a static HTML site about who has met the Spreidingswet task on a day:\n"
	"  DIR/index.html                  the nation: task, counted places, gap (total\n"
	"                                  and AMV), a map of all municipalities coloured\n"
	"                                  by their gap as a share of the task, the\n"
	"                                  provinces and the municipalities that fall short\n"
	"  DIR/provinces/PVxx.html         each province: its net gap, a map, its\n"
	"                                  municipalities by gap\n"
	"  DIR/municipalities/GMxxxx.html  each municipality: its task and where it comes\n"
	"                                  from, every location and whether its places\n"
	"                                  count, its gap, and what the letter of 26 March\n"
	"                                  2026 asks it to explain\n"
	"Every number is the number of 'opvang places' for the same inputs; every\n"
	"page says which inputs, day and version made it.  The pages need no network\n"
	"and no script, work from file:// and print on A4.\n"
	"\n"
	"DIR must not exist, be empty or hold an earlier report and nothing else,\n"
	"which is replaced only once the new one is complete; nothing is written\n"
	"when an input is refused.  The new site takes DIR's place by renaming, so\n"
	"DIR's parent must be writable and DIR cannot be a mount point or a link.\n"
	"\n"
	"Options:\n"
	"  -d, --date DATE        the day to look at, YYYY-MM-DD (required)\n"
	"  -o, --out DIR          where the site goes (required)\n"
	"      --scenario FILE    add the shortfall projection of a scenario (see\n"
	"                         'opvang project --help') to the index: a chart of\n"
	"                         occupancy, capacity and shortage, with the Monte\n"
	"                         Carlo band P5-P95 when the scenario has one\n"
	"      --runs N           Monte Carlo runs for the band (default 1000)\n"
	"      --seed S           their seed (default 0)\n"
	"      --housing-national N, --housing-period YYYY-Hh\n"
	"                         add each municipality's status-holder housing task\n"
	"                         of that half-year, as 'opvang housing-task'\n"
	"                         computes it (on the population of 1 January of the\n"
	"                         year before, or of --register)\n"
	"      --previous-balance FILE, --realised FILE\n"
	"                         as for 'opvang housing-task': the carried balance\n"
	"                         and the people housed, for the balance\n"
	"      --history FILE     closing balances (code, period, balance) for the\n"
	"                         stage of the province's supervision, as 'opvang\n"
	"                         supervision' gives it\n"
	CLI_TASK_HELP
	"  -h, --help             print this help and exit\n"
	"\n"
	"Example: the synthetic example of examples/data\n"
	"  opvang report --locations examples/data/synthetic_reception_2026.csv \\\n"
	"      --tasks examples/data/synthetic_tasks.csv --date 2026-07-01 --out report\n";

struct report_args {
	struct cli_task_args in;
	opv_day date;
	int have_date;
	const char *out;
	const char *scenario_path;  /* NULL: no projection */
	opv_monte_carlo_options monte_carlo;
	int have_monte_carlo;       /* --runs or --seed */
	opv_housing_options housing;
	int have_housing_national, have_housing_period;
	const char *previous_balance_path, *realised_path, *history_path;
	int help_shown;
};

CLI_DEFINE_LOOKUP(lookup_period, opv_period, opv_period_parse)

static int parse_args(struct report_args *args, const struct cli_command *self, int argc,
                      char **argv)
{
	const struct cli_option options[] = {
		CLI_TASK_OPTIONS(&args->in),
		{ CLI_DATE("date", 'd', &args->date), .given = &args->have_date },
		{ CLI_STRING("out", 'o', &args->out) },
		{ CLI_STRING("scenario", 0, &args->scenario_path) },
		{ CLI_INTEGER("runs", 0, &args->monte_carlo.runs, 1, OPV_PROJECTION_MAX_RUNS),
		  .given = &args->have_monte_carlo },
		{ CLI_INTEGER("seed", 0, &args->monte_carlo.seed, 0, INT64_MAX),
		  .given = &args->have_monte_carlo },
		{ CLI_COUNT("housing-national", 0, &args->housing.national),
		  .given = &args->have_housing_national },
		{ CLI_LOOKUP("housing-period", 0, &args->housing.period, lookup_period),
		  .given = &args->have_housing_period },
		{ CLI_STRING("previous-balance", 0, &args->previous_balance_path) },
		{ CLI_STRING("realised", 0, &args->realised_path) },
		{ CLI_STRING("history", 0, &args->history_path) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (!args->have_date)
		return cli_usage_error(self, "missing required option --date");
	if (args->out == NULL || args->out[0] == '\0')
		return cli_usage_error(self, "missing required option --out");
	if (args->have_monte_carlo && args->scenario_path == NULL)
		return cli_usage_error(self, "--runs and --seed go with --scenario");
	if (args->have_housing_national != args->have_housing_period)
		return cli_usage_error(self, "--housing-national and --housing-period go together");
	if (!args->have_housing_period && (args->previous_balance_path || args->realised_path
	                                   || args->history_path))
		return cli_usage_error(self, "--previous-balance, --realised and --history go with "
		                       "--housing-national and --housing-period");
	return cli_check_task_args(&args->in, self, 1);
}

/*
 * The housing section: the task as 'opvang housing-task' computes it, on the
 * register of the half-year's legal date (or --register), and the stage of
 * supervision from --history.
 */
static int load_housing(opv_report_housing **housing, const struct report_args *args,
                        const opv_register *reg, opv_error *err)
{
	opv_register *by_law = NULL;
	opv_balance_history *history = NULL;
	int64_t *previous = NULL, *realised = NULL;
	const opv_register *hreg = reg;
	char date[16];
	int status = OPV_OK;

	if (args->in.reg.path == NULL) {
		/* The law's date, whatever --population-date chose for the key. */
		struct cli_register_args legal = CLI_REGISTER_ARGS_INIT;
		legal.map_mergers = args->in.reg.map_mergers;
		opv_period_reference_date(date, sizeof date, args->housing.period, NULL);
		status = cli_load_register(&by_law, &legal, date, NULL, err);
		hreg = by_law;
	}
	if (status == OPV_OK && args->previous_balance_path)
		status = cli_load_register_values(&previous, hreg, args->previous_balance_path, "balance",
		                                  0, 0, err);
	if (status == OPV_OK && args->realised_path)
		status = cli_load_register_values(&realised, hreg, args->realised_path, "realised",
		                                  OPV_VALUES_NONNEGATIVE, 0, err);
	if (status == OPV_OK && args->history_path)
		status = opv_balance_history_load_csv(&history, args->history_path, err);
	if (status == OPV_OK)
		status = opv_report_housing_new(housing, reg, hreg, &args->housing, previous, realised,
		                                history, err);
	free(previous);
	free(realised);
	opv_balance_history_free(history);
	opv_register_free(by_law);
	return status;
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct report_args args = {
		CLI_TASK_ARGS_INIT, 0, 0, NULL, NULL, OPV_MONTE_CARLO_OPTIONS_INIT, 0,
		OPV_HOUSING_OPTIONS_INIT, 0, 0, NULL, NULL, NULL, 0
	};
	opv_report_housing *housing = NULL;
	struct cli_task_inputs in = CLI_TASK_INPUTS_INIT;
	opv_scenario *scenario = NULL;
	opv_report_options options = OPV_REPORT_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	char date[OPV_DATE_TEXT_SIZE];
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;
	options.rules = &args.in.rules;
	options.locations_name = args.in.locations_path;
	options.tasks_name = args.in.tasks_path;  /* NULL for a key: its origin says it */
	options.scenario_name = args.scenario_path;
	options.monte_carlo = &args.monte_carlo;
	status = cli_load_task_inputs(&in, &args.in, &err);
	if (status == OPV_OK && args.scenario_path != NULL)
		status = opv_scenario_load_json(&scenario, args.scenario_path, in.reg, &err);
	options.scenario = scenario;
	if (status == OPV_OK && args.have_housing_period) {
		status = load_housing(&housing, &args, in.reg, &err);
		options.housing = housing;
	}
	if (status == OPV_OK)
		status = opv_report_write(args.out, in.reg, in.locations, in.tasks, args.date, &options,
		                          &err);
	if (status != OPV_OK) {
		status = cli_library_error(&err);
	} else {
		cli_state_task(NULL, &in);
		cli_state_rules(&args.in.rules);
		opv_date_format(date, sizeof date, args.date, NULL);
		cli_note("the report of %s is in %s/index.html", date, args.out);
	}
	opv_report_housing_free(housing);
	opv_scenario_free(scenario);
	cli_task_inputs_free(&in);
	return status;
}

const struct cli_command cli_command_report = {
	"report",
	"the letter to every municipality: an HTML site with maps, per province and municipality",
	usage,
	run,
};
