/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang project: the weekly shortfall projection of a scenario. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define OPV_EXPERIMENTAL_API  /* --threads: opv_tuning */
#include "opvang/date.h"
#include "opvang/experimental.h"
#include "opvang/projection.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang project --scenario FILE [--scenario FILE ...] [--runs N] [--seed S]\n"
	"                      [--threads T] [--quiet] [--register FILE | --population-date D]\n"
	"                      [--format csv|json|table]\n"
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
	"Columns, without noise: week, date, the stocks in_procedure,\n"
	"status_holders, other, occupancy; capacity, shortage, planning_shortage;\n"
	"the flows inflow, decided, granted, housed, departed; capacity by kind:\n"
	"capacity_regular (azc, amv), capacity_emergency (nood, spoednood,\n"
	"crisis), capacity_hotel, capacity_unspecified (no type given), which add\n"
	"up to capacity, and capacity_above_agreement (the part of them above\n"
	"locations' agreements); transit_capacity, in_transit, to_transit and\n"
	"left_transit (doorstroom places, which are not reception: status holders\n"
	"moving into them leave reception); housing_due (what the housing pace or\n"
	"the housing task asked of the week).\n"
	"\n"
	"With --runs N above 1, N Monte Carlo runs add occupancy_p05, occupancy_p50,\n"
	"occupancy_p95, shortage_p05, shortage_p50, shortage_p95 (percentiles over\n"
	"the runs, interpolated between order statistics) and p_shortage (the\n"
	"fraction of runs short of places that week).  Run r draws its noise from\n"
	"a generator keyed by (S, r), so the output is the same for any number of\n"
	"threads and on any machine.\n"
	"\n"
	"With several --scenario options the projections are printed one after the\n"
	"other, with a first column scenario naming the file.\n"
	"\n"
	"A note on stderr gives the peak shortage of the projection without noise\n"
	"and, with --runs, the median over the runs of each run's peak.  While the\n"
	"runs go, a progress bar with the time left is drawn on stderr when it is a\n"
	"terminal; Ctrl-C stops them and exits with status 130.  Memory does not\n"
	"grow with the number of runs: each week's values are counted.\n"
	"\n"
	"Options:\n"
	"  -s, --scenario FILE   a scenario (required; may be repeated); a locations\n"
	"                        file it names is read relative to its directory\n"
	"  -n, --runs N          Monte Carlo runs, 1 to 10000000 (default 1: the\n"
	"                        projection without noise only)\n"
	"      --seed S          the seed, a whole number 0 to 2^64 - 1 (default 0)\n"
	"  -j, --threads T       threads for the runs, 1 to 256 (default 1); the\n"
	"                        results do not depend on it\n"
	"  -q, --quiet           no progress bar and no notes on stderr (they stay in\n"
	"                        the JSON meta)\n"
	CLI_REGISTER_HELP
	"  -f, --format FORMAT   csv (default), json or table\n"
	"  -h, --help            print this help and exit\n"
	"\n"
	"Example: the March 2026 scenario with 1000 runs on 4 threads, and two\n"
	"scenarios side by side\n"
	"  opvang project --scenario examples/scenarios/march_2026.json \\\n"
	"      --runs 1000 --seed 2026 --threads 4\n"
	"  opvang project -s examples/scenarios/march_2026.json \\\n"
	"      -s examples/scenarios/march_2026_kept_open.json -f table\n";

struct project_args {
	const char **scenario_paths;   /* nscenarios of them, from argv */
	size_t nscenarios;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	opv_monte_carlo_options monte_carlo;
	opv_tuning tuning;             /* --threads */
	enum out_format format;
	int quiet;                  /* --quiet: nothing on stderr but errors */
	int help_shown;             /* --help was given: nothing more to do */
};

/* The Monte Carlo columns, after the projection's own. */
enum {
	MC_OCCUPANCY_P05, MC_OCCUPANCY_P50, MC_OCCUPANCY_P95,
	MC_SHORTAGE_P05, MC_SHORTAGE_P50, MC_SHORTAGE_P95, MC_P_SHORTAGE,
	MC_COUNT
};

static const char *const monte_carlo_names[MC_COUNT] = {
	"occupancy_p05", "occupancy_p50", "occupancy_p95", "shortage_p05", "shortage_p50",
	"shortage_p95", "p_shortage"
};

/* The columns of the output: [scenario,] week, date, the library's, [Monte Carlo]. */
struct layout {
	struct out_column column[3 + OPV_PROJECTION_COLUMN_COUNT + MC_COUNT];
	size_t count;
	int scenario;                  /* 1: a scenario column first */
	size_t week, first_value, first_monte_carlo;
};

static void layout_columns(struct layout *l, int scenario_column, int monte_carlo)
{
	int c;
	l->count = 0;
	l->scenario = scenario_column;
	if (scenario_column)
		l->column[l->count++] = (struct out_column){ "scenario", OUT_TEXT };
	l->week = l->count;
	l->column[l->count++] = (struct out_column){ "week", OUT_INTEGER };
	l->column[l->count++] = (struct out_column){ "date", OUT_TEXT };
	l->first_value = l->count;
	for (c = 0; c < OPV_PROJECTION_COLUMN_COUNT; c++)
		l->column[l->count++] = (struct out_column){
			opv_projection_column_name((opv_projection_column)c), OUT_INTEGER };
	l->first_monte_carlo = l->count;
	for (c = 0; monte_carlo && c < MC_COUNT; c++)
		l->column[l->count++] = (struct out_column){ monte_carlo_names[c], OUT_REAL };
}

/* ---- the command line ------------------------------------------------------- */

/* Any 64-bit seed; strtoull would quietly wrap "-1" around. */
static int parse_seed(void *seed, const struct cli_command *self, const char *option, char *text)
{
	unsigned long long parsed;
	char *end;

	errno = 0;
	parsed = strtoull(text, &end, 10);
	if (end == text || *end != '\0' || !isdigit((unsigned char)text[0]))
		return cli_usage_error(self, "%s needs a whole number from 0, not '%s'", option, text);
	if (errno == ERANGE)
		return cli_usage_error(self, "%s %s does not fit in 64 bits", option, text);
	*(uint64_t *)seed = (uint64_t)parsed;
	return CLI_EXIT_OK;
}

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct project_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	const struct cli_option options[] = {
		{ CLI_LIST("scenario", 's', args->scenario_paths, &args->nscenarios) },
		{ CLI_INTEGER("runs", 'n', &args->monte_carlo.runs, 1, OPV_PROJECTION_MAX_RUNS) },
		{ CLI_CUSTOM("seed", 0, &args->monte_carlo.seed, parse_seed) },
		{ CLI_INTEGER("threads", 'j', &args->tuning.threads, 1, OPV_TUNING_MAX_THREADS) },
		{ CLI_FLAG("quiet", 'q', &args->quiet) },
		CLI_REGISTER_OPTIONS(&args->reg),
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	/* The command's own --quiet also silences the progress bar. */
	cli_set_quiet(args->quiet);
	if (args->nscenarios == 0)
		return cli_usage_error(self, "missing required option --scenario");
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

/* ---- computing ---------------------------------------------------------------- */

/* A projection: the table without noise and, with runs > 1, the Monte Carlo weeks. */
struct projection {
	opv_projection *table;
	size_t nrows;
	opv_monte_carlo_week *weeks;  /* NULL without Monte Carlo */
	double peak_median;           /* over the runs, with Monte Carlo */
};

static void projection_free(struct projection *p)
{
	opv_projection_free(p->table);
	free(p->weeks);
	*p = (struct projection){ NULL, 0, NULL, 0 };
}

static int load_scenario(opv_scenario **scenario, const char *path,
                         const struct project_args *args, opv_error *err)
{
	opv_register *reg = NULL;
	int status;

	/* The register only checks the codes of the scenario's locations. */
	status = cli_load_register(&reg, &args->reg, NULL, NULL, err);
	if (status == OPV_OK)
		status = opv_scenario_load_json(scenario, path, reg, err);
	opv_register_free(reg);
	return status;
}

/* ---- progress and Ctrl-C ------------------------------------------------------ */

static volatile sig_atomic_t interrupted;

static void on_interrupt(int signal_number)
{
	(void)signal_number;
	interrupted = 1;
}

struct progress {
	int draw;          /* stderr is a terminal and not --quiet */
	struct timespec started;
	const char *name;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) * 1e-9;
}

/* The library calls this about ten times a second: a bar, and Ctrl-C. */
static int on_progress(uint64_t done, uint64_t total, void *data)
{
	struct progress *p = data;

	if (p->draw && !interrupted) {
		double elapsed = seconds_since(&p->started), share = (double)done / (double)total;
		int filled = (int)(share * 30.0);
		char left[32] = "";

		if (done > 0 && done < total)
			snprintf(left, sizeof left, ", %.0f s left",
			         elapsed * (double)(total - done) / (double)done + 0.5);
		fprintf(stderr, "\r%s: %s [%.*s%*s] %3.0f%% of %" PRIu64 " runs%s\033[K", CLI_PROGRAM,
		        p->name, filled, "##############################", 30 - filled, "",
		        100.0 * share, total, left);
		if (done == total)
			fputc('\n', stderr);
		fflush(stderr);
	}
	return interrupted != 0;
}

static int project(struct projection *p, const opv_scenario *scenario,
                   const struct project_args *args, const char *name, opv_error *err)
{
	opv_monte_carlo_options mc = args->monte_carlo;
	struct progress progress = { isatty(STDERR_FILENO) && !args->quiet, { 0, 0 }, name };
	opv_monte_carlo *counts = NULL;
	int status;

	status = opv_projection_run(&p->table, scenario, err);
	if (status != OPV_OK || mc.runs <= 1)
		return status;
	p->nrows = opv_projection_rows(p->table);
	p->weeks = calloc(p->nrows, sizeof *p->weeks);
	if (p->weeks == NULL)
		return cli_out_of_memory(err);
	clock_gettime(CLOCK_MONOTONIC, &progress.started);
	mc.progress = on_progress;
	mc.progress_data = &progress;
	status = opv_monte_carlo_run_tuned(&counts, scenario, &mc, &args->tuning, err);
	if (status != OPV_OK && progress.draw)
		fputc('\n', stderr);
	if (status == OPV_OK)
		status = opv_monte_carlo_weeks(p->weeks, p->nrows, counts, err);
	p->peak_median = opv_monte_carlo_peak_percentile(counts, 0.5);
	opv_monte_carlo_free(counts);
	return status;
}

/* ---- building the output -------------------------------------------------------- */

static int add_rows(out_table *table, const struct layout *l, const struct projection *p,
                    const char *name)
{
	size_t rows = opv_projection_rows(p->table);

	for (size_t k = 0; k < rows; k++) {
		char date[OPV_DATE_TEXT_SIZE];

		opv_date_format(date, sizeof date, opv_projection_date(p->table, k), NULL);
		if (out_table_add_row(table) != 0
		    || (l->scenario && out_table_set_text(table, 0, name) != 0)
		    || out_table_set_text(table, l->week + 1, date) != 0)
			return -1;
		out_table_set_integer(table, l->week, (int64_t)k);
		for (int c = 0; c < OPV_PROJECTION_COLUMN_COUNT; c++)
			out_table_set_integer(table, l->first_value + (size_t)c,
			                      opv_projection_get(p->table, (opv_projection_column)c, k));
		if (p->weeks == NULL)
			continue;
		const opv_monte_carlo_week *w = &p->weeks[k];
		const double values[MC_COUNT] = {
			w->occupancy_p05, w->occupancy_p50, w->occupancy_p95,
			w->shortage_p05, w->shortage_p50, w->shortage_p95, w->p_shortage
		};
		for (int c = 0; c < MC_COUNT; c++)
			out_table_set_real(table, l->first_monte_carlo + (size_t)c, values[c]);
	}
	return 0;
}

/* ---- notes on stderr -------------------------------------------------------------- */

static void note_projection(const struct projection *p, const opv_scenario *scenario,
                            const struct project_args *args, const char *name)
{
	const opv_projection *t = p->table;
	size_t peak = 0, rows = opv_projection_rows(t);
	char date[OPV_DATE_TEXT_SIZE];
	char median[32];
	char prefix[512] = "";

	if (args->nscenarios > 1)
		snprintf(prefix, sizeof prefix, "%s: ", name);
	for (size_t k = 1; k < rows; k++) {
		if (opv_projection_get(t, OPV_PROJECTION_SHORTAGE, k)
		    > opv_projection_get(t, OPV_PROJECTION_SHORTAGE, peak))
			peak = k;
	}
	if (opv_projection_get(t, OPV_PROJECTION_SHORTAGE, peak) == 0) {
		cli_note("%sno shortage in any week", prefix);
	} else {
		opv_date_format(date, sizeof date, opv_projection_date(t, peak), NULL);
		cli_note("%speak shortage %" PRId64 " places in week %zu (%s)", prefix,
		         opv_projection_get(t, OPV_PROJECTION_SHORTAGE, peak), peak, date);
	}
	if (p->weeks == NULL)
		return;
	if (!opv_scenario_has_monte_carlo(scenario))
		cli_note("%sthe scenario has no monte_carlo section, so every run equals the "
		         "projection without noise", prefix);
	out_format_real(median, sizeof median, p->peak_median);
	cli_note("%smedian peak shortage over %" PRIu64 " runs: %s places", prefix,
	         args->monte_carlo.runs, median);
}

/* What the output rests on, for JSON readers. */
static int set_meta(out_table *table, const struct project_args *args,
                    const opv_scenario *first)
{
	char date[OPV_DATE_TEXT_SIZE];

	opv_date_format(date, sizeof date, opv_scenario_start(first), NULL);
	return out_table_set_meta_text(table, "scenario", args->nscenarios == 1
	                               ? args->scenario_paths[0] : "several")
	       | out_table_set_meta_text(table, "start", date)
	       | out_table_set_meta_integer(table, "runs", (int64_t)args->monte_carlo.runs)
	       | out_table_set_meta_integer(table, "seed", (int64_t)args->monte_carlo.seed);
}

/* ---- the command ---------------------------------------------------------------- */

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct project_args args = {
		NULL, 0, CLI_REGISTER_ARGS_INIT, OPV_MONTE_CARLO_OPTIONS_INIT, OPV_TUNING_INIT, OUT_CSV,
		0, 0
	};
	struct layout layout;
	opv_scenario **scenarios = NULL;
	struct projection *projections = NULL;
	opv_error err = OPV_ERROR_INIT;
	out_table *table = NULL;
	int status;

	/* One run unless asked: the library's default of 1000 is for callers who
	 * ask for Monte Carlo by calling it. */
	args.monte_carlo.runs = 1;
	signal(SIGINT, on_interrupt);
	args.scenario_paths = calloc((size_t)argc + 1, sizeof *args.scenario_paths);
	if (args.scenario_paths == NULL)
		return cli_system_error("out of memory", ENOMEM);
	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown) {
		free(args.scenario_paths);
		return status;
	}
	layout_columns(&layout, args.nscenarios > 1, args.monte_carlo.runs > 1);
	table = out_table_new(layout.column, layout.count);
	scenarios = calloc(args.nscenarios, sizeof *scenarios);
	projections = calloc(args.nscenarios, sizeof *projections);
	if (table == NULL || scenarios == NULL || projections == NULL)
		status = cli_out_of_memory(&err);
	/* Every scenario first: one that fails prints nothing of the others. */
	for (size_t i = 0; status == OPV_OK && i < args.nscenarios; i++) {
		status = load_scenario(&scenarios[i], args.scenario_paths[i], &args, &err);
		if (status == OPV_OK)
			status = project(&projections[i], scenarios[i], &args, args.scenario_paths[i], &err);
		if (status == OPV_OK && add_rows(table, &layout, &projections[i],
		                                 args.scenario_paths[i]) != 0)
			status = cli_out_of_memory(&err);
	}
	if (status == OPV_OK && set_meta(table, &args, scenarios[0]) != 0)
		status = cli_out_of_memory(&err);
	if (status == OPV_OK) {
		/* The rows are in the table; the notes may sort the peaks now. */
		for (size_t i = 0; i < args.nscenarios; i++)
			note_projection(&projections[i], scenarios[i], &args, args.scenario_paths[i]);
		status = cli_emit(table, args.format);
	} else if (err.code == OPV_ECANCELLED) {
		fprintf(stderr, "%s: interrupted: %s\n", CLI_PROGRAM, err.message);
		status = 128 + SIGINT;
	} else {
		status = cli_library_error(&err);
	}
	for (size_t i = 0; i < args.nscenarios && scenarios != NULL && projections != NULL; i++) {
		projection_free(&projections[i]);
		opv_scenario_free(scenarios[i]);
	}
	free(scenarios);
	free(projections);
	out_table_free(table);
	free(args.scenario_paths);
	return status;
}

const struct cli_command cli_command_project = {
	"project",
	"project reception occupancy against capacity week by week (Monte Carlo)",
	usage,
	run,
};
