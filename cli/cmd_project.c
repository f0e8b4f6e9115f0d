/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang project: the weekly shortfall projection of a scenario. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

#include "opvang/date.h"
#include "opvang/projection.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang project --scenario FILE [--runs N] [--seed S] [--threads T]\n"
	"                      [--register FILE | --population-date D] [--format csv|json|table]\n"
	"\n"
	"Projects reception occupancy against capacity week by week: a stock-flow\n"
	"model of people in procedure, status holders waiting for a house and\n"
	"others, driven by the scenario (a JSON file, see docs/scenario.md).  Row k\n"
	"holds the stocks at the start of week k, on the start date plus 7k days;\n"
	"row 0 is the initial state, and the flows in row k are those of the week\n"
	"that ended there.\n"
	"\n"
	"    occupancy         = in_procedure + status_holders + other\n"
	"    shortage          = max(0, occupancy - capacity)\n"
	"    planning_shortage = max(0, ceil(occupancy / target_occupancy) - capacity)\n"
	"\n"
	"Columns: week, date, in_procedure, status_holders, other, occupancy,\n"
	"capacity, shortage, planning_shortage, inflow and housed, without noise.\n"
	"With --runs N above 1, N Monte Carlo runs add occupancy_p05, occupancy_p50,\n"
	"occupancy_p95, shortage_p05, shortage_p50, shortage_p95 (percentiles over\n"
	"the runs, interpolated between order statistics) and p_shortage (the\n"
	"fraction of runs short of places that week).  Run r draws its noise from\n"
	"a generator keyed by (S, r), so the output is the same for any number of\n"
	"threads and on any machine.\n"
	"\n"
	"A note on stderr gives the peak shortage of the projection without noise\n"
	"and, with --runs, the median over the runs of each run's peak.\n"
	"\n"
	"Options:\n"
	"  -s, --scenario FILE   the scenario (required); a locations file it names\n"
	"                        is read relative to the scenario's directory\n"
	"  -n, --runs N          Monte Carlo runs, 1 to 10000000 (default 1: the\n"
	"                        projection without noise only)\n"
	"      --seed S          the seed, a whole number 0 to 2^64 - 1 (default 0)\n"
	"  -j, --threads T       threads for the runs, 1 to 256 (default 1); the\n"
	"                        results do not depend on it\n"
	CLI_REGISTER_HELP
	"  -f, --format FORMAT   csv (default), json or table\n"
	"  -h, --help            print this help and exit\n"
	"\n"
	"Example: the March 2026 scenario with 1000 runs on 4 threads\n"
	"  opvang project --scenario examples/scenarios/march_2026.json \\\n"
	"      --runs 1000 --seed 2026 --threads 4\n";

/* Long options without a short form. */
enum { OPT_SEED = 256 };

struct project_args {
	const char *scenario_path;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	opv_monte_carlo_options monte_carlo;
	enum out_format format;
	int help_shown;             /* --help was given: nothing more to do */
};

enum {
	COL_WEEK, COL_DATE, COL_IN_PROCEDURE, COL_STATUS_HOLDERS, COL_OTHER, COL_OCCUPANCY,
	COL_CAPACITY, COL_SHORTAGE, COL_PLANNING_SHORTAGE, COL_INFLOW, COL_HOUSED,
	COL_OCCUPANCY_P05, COL_OCCUPANCY_P50, COL_OCCUPANCY_P95,
	COL_SHORTAGE_P05, COL_SHORTAGE_P50, COL_SHORTAGE_P95, COL_P_SHORTAGE,
	COL_COUNT
};

/* Up to COL_HOUSED without Monte Carlo, all of them with. */
static const struct out_column columns[COL_COUNT] = {
	[COL_WEEK] = { "week", OUT_INTEGER },
	[COL_DATE] = { "date", OUT_TEXT },
	[COL_IN_PROCEDURE] = { "in_procedure", OUT_INTEGER },
	[COL_STATUS_HOLDERS] = { "status_holders", OUT_INTEGER },
	[COL_OTHER] = { "other", OUT_INTEGER },
	[COL_OCCUPANCY] = { "occupancy", OUT_INTEGER },
	[COL_CAPACITY] = { "capacity", OUT_INTEGER },
	[COL_SHORTAGE] = { "shortage", OUT_INTEGER },
	[COL_PLANNING_SHORTAGE] = { "planning_shortage", OUT_INTEGER },
	[COL_INFLOW] = { "inflow", OUT_INTEGER },
	[COL_HOUSED] = { "housed", OUT_INTEGER },
	[COL_OCCUPANCY_P05] = { "occupancy_p05", OUT_REAL },
	[COL_OCCUPANCY_P50] = { "occupancy_p50", OUT_REAL },
	[COL_OCCUPANCY_P95] = { "occupancy_p95", OUT_REAL },
	[COL_SHORTAGE_P05] = { "shortage_p05", OUT_REAL },
	[COL_SHORTAGE_P50] = { "shortage_p50", OUT_REAL },
	[COL_SHORTAGE_P95] = { "shortage_p95", OUT_REAL },
	[COL_P_SHORTAGE] = { "p_shortage", OUT_REAL },
};

/* ---- the command line ------------------------------------------------------- */

/* Any 64-bit seed; strtoull would quietly wrap "-1" around. */
static int parse_seed(uint64_t *seed, const struct cli_command *self, const char *text)
{
	unsigned long long parsed;
	char *end;

	errno = 0;
	parsed = strtoull(text, &end, 10);
	if (end == text || *end != '\0' || !isdigit((unsigned char)text[0]))
		return cli_usage_error(self, "--seed needs a whole number from 0, not '%s'", text);
	if (errno == ERANGE)
		return cli_usage_error(self, "--seed %s does not fit in 64 bits", text);
	*seed = (uint64_t)parsed;
	return CLI_EXIT_OK;
}

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct project_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	static const struct option options[] = {
		{ "scenario", required_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, 'j' },
		CLI_REGISTER_LONG_OPTIONS,
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int64_t value;
	int option;

	while ((option = getopt_long(argc, argv, ":s:n:j:r:f:h", options, NULL)) != -1) {
		switch (option) {
		case 's':
			args->scenario_path = optarg;
			break;
		case 'n':
			if (cli_parse_int64_in(&value, self, "--runs", optarg, 1,
			                       OPV_PROJECTION_MAX_RUNS) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->monte_carlo.runs = (uint64_t)value;
			break;
		case OPT_SEED:
			if (parse_seed(&args->monte_carlo.seed, self, optarg) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			break;
		case 'j':
			if (cli_parse_int64_in(&value, self, "--threads", optarg, 1,
			                       OPV_PROJECTION_MAX_THREADS) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->monte_carlo.threads = (unsigned int)value;
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
	if (args->scenario_path == NULL)
		return cli_usage_error(self, "missing required option --scenario");
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

/* ---- computing ---------------------------------------------------------------- */

/* A projection: the rows without noise and, with runs > 1, the Monte Carlo weeks. */
struct projection {
	opv_projection_row *rows;
	size_t nrows;
	opv_monte_carlo_week *weeks;  /* NULL without Monte Carlo */
	int64_t *peak_shortage;       /* one per run, NULL without Monte Carlo */
};

static void projection_free(struct projection *p)
{
	free(p->rows);
	free(p->weeks);
	free(p->peak_shortage);
}

static int load_scenario(opv_scenario **scenario, const struct project_args *args,
                         opv_error *err)
{
	opv_register *reg = NULL;
	int status;

	/* The register only checks the codes of the scenario's locations. */
	status = cli_load_register(&reg, &args->reg, NULL, NULL, err);
	if (status == OPV_OK)
		status = opv_scenario_load_json(scenario, args->scenario_path, reg, err);
	opv_register_free(reg);
	return status;
}

static int project(struct projection *p, const opv_scenario *scenario,
                   const struct project_args *args, opv_error *err)
{
	const opv_monte_carlo_options *mc = &args->monte_carlo;
	int status;

	p->nrows = (size_t)opv_scenario_weeks(scenario) + 1;
	p->rows = calloc(p->nrows, sizeof *p->rows);
	if (p->rows == NULL)
		return cli_out_of_memory(err);
	status = opv_project(p->rows, p->nrows, scenario, err);
	if (status != OPV_OK || mc->runs <= 1)
		return status;

	p->weeks = calloc(p->nrows, sizeof *p->weeks);
	p->peak_shortage = calloc((size_t)mc->runs, sizeof *p->peak_shortage);
	if (p->weeks == NULL || p->peak_shortage == NULL)
		return cli_out_of_memory(err);
	return opv_project_monte_carlo(p->weeks, p->nrows, p->peak_shortage, NULL, scenario, mc,
	                               err);
}

/* ---- building the output -------------------------------------------------------- */

static out_table *projection_table(const struct projection *p)
{
	out_table *table = out_table_new(columns, p->weeks != NULL ? COL_COUNT : COL_OCCUPANCY_P05);

	if (table == NULL)
		return NULL;
	for (size_t k = 0; k < p->nrows; k++) {
		const opv_projection_row *row = &p->rows[k];
		char date[OPV_DATE_TEXT_SIZE];

		opv_date_format(date, sizeof date, row->date, NULL);
		if (out_table_add_row(table) != 0 || out_table_set_text(table, COL_DATE, date) != 0) {
			out_table_free(table);
			return NULL;
		}
		out_table_set_integer(table, COL_WEEK, (int64_t)k);
		out_table_set_integer(table, COL_IN_PROCEDURE, row->in_procedure);
		out_table_set_integer(table, COL_STATUS_HOLDERS, row->status_holders);
		out_table_set_integer(table, COL_OTHER, row->other);
		out_table_set_integer(table, COL_OCCUPANCY, row->occupancy);
		out_table_set_integer(table, COL_CAPACITY, row->capacity);
		out_table_set_integer(table, COL_SHORTAGE, row->shortage);
		out_table_set_integer(table, COL_PLANNING_SHORTAGE, row->planning_shortage);
		out_table_set_integer(table, COL_INFLOW, row->inflow);
		out_table_set_integer(table, COL_HOUSED, row->housed);
		if (p->weeks == NULL)
			continue;
		out_table_set_real(table, COL_OCCUPANCY_P05, p->weeks[k].occupancy_p05);
		out_table_set_real(table, COL_OCCUPANCY_P50, p->weeks[k].occupancy_p50);
		out_table_set_real(table, COL_OCCUPANCY_P95, p->weeks[k].occupancy_p95);
		out_table_set_real(table, COL_SHORTAGE_P05, p->weeks[k].shortage_p05);
		out_table_set_real(table, COL_SHORTAGE_P50, p->weeks[k].shortage_p50);
		out_table_set_real(table, COL_SHORTAGE_P95, p->weeks[k].shortage_p95);
		out_table_set_real(table, COL_P_SHORTAGE, p->weeks[k].p_shortage);
	}
	return table;
}

/* ---- notes on stderr -------------------------------------------------------------- */

static int compare_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a;
	int64_t y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * The median of the runs' peaks, as the percentiles are taken: the mean of the
 * two middle values when the number of runs is even.  Sorts `peaks`.
 */
static double median_peak(int64_t *peaks, size_t runs)
{
	qsort(peaks, runs, sizeof *peaks, compare_int64);
	if (runs % 2 == 1)
		return (double)peaks[runs / 2];
	return ((double)peaks[runs / 2 - 1] + (double)peaks[runs / 2]) / 2.0;
}

static void note_projection(const struct projection *p, const opv_scenario *scenario,
                            const struct project_args *args)
{
	size_t peak = 0;
	char date[OPV_DATE_TEXT_SIZE];
	char median[32];

	for (size_t k = 1; k < p->nrows; k++) {
		if (p->rows[k].shortage > p->rows[peak].shortage)
			peak = k;
	}
	if (p->rows[peak].shortage == 0) {
		fprintf(stderr, "%s: no shortage in any week\n", CLI_PROGRAM);
	} else {
		opv_date_format(date, sizeof date, p->rows[peak].date, NULL);
		fprintf(stderr, "%s: peak shortage %" PRId64 " places in week %zu (%s)\n", CLI_PROGRAM,
		        p->rows[peak].shortage, peak, date);
	}
	if (p->peak_shortage == NULL)
		return;
	if (!opv_scenario_has_monte_carlo(scenario))
		fprintf(stderr, "%s: the scenario has no monte_carlo section, so every run equals the "
		        "projection without noise\n", CLI_PROGRAM);
	out_format_real(median, sizeof median,
	                median_peak(p->peak_shortage, (size_t)args->monte_carlo.runs));
	fprintf(stderr, "%s: median peak shortage over %" PRIu64 " runs: %s places\n", CLI_PROGRAM,
	        args->monte_carlo.runs, median);
}

/* ---- the command ---------------------------------------------------------------- */

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct project_args args = {
		NULL, CLI_REGISTER_ARGS_INIT, OPV_MONTE_CARLO_OPTIONS_INIT, OUT_CSV, 0
	};
	struct projection p = { NULL, 0, NULL, NULL };
	opv_error err = OPV_ERROR_INIT;
	opv_scenario *scenario = NULL;
	out_table *table = NULL;
	int status;

	/* One run unless asked: the library's default of 1000 is for callers who
	 * ask for Monte Carlo by calling it. */
	args.monte_carlo.runs = 1;
	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (load_scenario(&scenario, &args, &err) != OPV_OK
	    || project(&p, scenario, &args, &err) != OPV_OK) {
		status = cli_library_error(&err);
	} else if ((table = projection_table(&p)) == NULL) {
		cli_out_of_memory(&err);
		status = cli_library_error(&err);
	} else {
		/* The table is built; the notes may sort the peaks now. */
		note_projection(&p, scenario, &args);
		status = cli_emit(table, args.format);
	}
	out_table_free(table);
	projection_free(&p);
	opv_scenario_free(scenario);
	return status;
}

const struct cli_command cli_command_project = {
	"project",
	"project reception occupancy against capacity week by week (Monte Carlo)",
	usage,
	run,
};
