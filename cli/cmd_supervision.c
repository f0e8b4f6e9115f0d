/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang supervision: where each municipality stands on the province's interventieladder. */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang supervision --history FILE --as-of DATE [--thresholds A,B,C,D]\n"
	"                          [--ladder STAGE=N,...] [--tolerance N | --tolerance P%]\n"
	"                          [--warning-term WEEKS] [--register FILE | --population-date D]\n"
	"                          [--format csv|json|table]\n"
	"\n"
	"Places every municipality on the province's interventieladder for the\n"
	"housing task, as of a date (interbestuurlijk toezicht, Gemeentewet art. 124;\n"
	"docs/supervision.md).  The half-year judged is the latest that ended on or\n"
	"before --as-of: a municipality without a balance for it is no_data, never\n"
	"carried forward.  A half-year is missed when its closing balance is above\n"
	"the tolerance, in people or as a share of that half-year's task; the missed\n"
	"half-years are counted back from the one judged, and one that is not missed\n"
	"or has no record ends the count.  A count of at least A is signalling, B\n"
	"administrative_talk (bestuurlijk overleg), C warning (with a term to comply,\n"
	"a begunstigingstermijn) and D substitution (indeplaatsstelling); below A a\n"
	"municipality is on_track.  A stage is entered the day after the half-year\n"
	"that brought the count to its threshold ended.\n"
	"\n"
	"The defaults are ASSUMPTIONS where no source gives one: one step per\n"
	"missed half-year (1,2,3,4) and a warning term of 13 weeks.  A province may\n"
	"step faster: substitution may follow a single missed half-year\n"
	"(ECLI:NL:RVS:2018:2647), as --thresholds 1,1,1,1.\n"
	"\n"
	"Columns: code, name, stage (on_track, signalling, administrative_talk,\n"
	"warning, substitution or no_data), consecutive_misses, first_missed (the\n"
	"first half-year of the count), entered (the day the stage began),\n"
	"term_ends (a warning's last day), balance and task (of the half-year\n"
	"judged; the task when the history has a task column).  A note on stderr\n"
	"(fields in JSON) gives the half-year judged and the national backlog, the\n"
	"sum of the positive balances as the ministry publishes it, beside the\n"
	"advance and the net sum.\n"
	"\n"
	"Options:\n"
	"  -H, --history FILE        closing balances: a CSV table with the columns\n"
	"                            code, period (2025-H1) and balance (> 0 a\n"
	"                            backlog), and optionally task (as opvang\n"
	"                            housing-task prints it); required\n"
	"      --as-of DATE          the day of the assessment (YYYY-MM-DD); required\n"
	"  -t, --thresholds A,B,C,D  missed half-years for each stage, not decreasing,\n"
	"                            from 1 (default 1,2,3,4)\n"
	"      --ladder STAGE=N,...  the same by name: signalling, administrative_talk,\n"
	"                            warning, substitution\n"
	"      --tolerance N         a balance up to N people is not a miss (default 0)\n"
	"      --tolerance P%        a balance up to P% of the half-year's task is not a\n"
	"                            miss (needs the history's task column)\n"
	"      --warning-term WEEKS  the term to comply that a warning sets, 1 to 520\n"
	"                            (default 13)\n"
	CLI_REGISTER_HELP
	"  -f, --format FORMAT       csv (default), json or table\n"
	"  -h, --help                print this help and exit\n"
	"\n"
	"Example: judged on 1 March 2026, 5% of the task tolerated, substitution\n"
	"after the third missed half-year\n"
	"  opvang supervision --history balances.csv --as-of 2026-03-01 \\\n"
	"      --tolerance 5% --thresholds 1,2,2,3\n";

struct supervision_args {
	opv_ladder_options options;
	const char *history_path;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	enum out_format format;
	int help_shown;             /* --help was given: nothing more to do */
};

enum {
	COL_CODE, COL_NAME, COL_STAGE, COL_MISSES, COL_FIRST_MISSED, COL_ENTERED, COL_TERM_ENDS,
	COL_BALANCE, COL_TASK, COL_COUNT
};

static const struct out_column columns[COL_COUNT] = {
	[COL_CODE] = { "code", OUT_TEXT },
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_STAGE] = { "stage", OUT_TEXT },
	[COL_MISSES] = { "consecutive_misses", OUT_INTEGER },
	[COL_FIRST_MISSED] = { "first_missed", OUT_TEXT },
	[COL_ENTERED] = { "entered", OUT_TEXT },
	[COL_TERM_ENDS] = { "term_ends", OUT_TEXT },
	[COL_BALANCE] = { "balance", OUT_INTEGER },
	[COL_TASK] = { "task", OUT_INTEGER },
};

/* The stages above on_track: opv_ladder_options::thresholds. */
enum { THRESHOLD_COUNT = 4 };

/* ---- the command line ------------------------------------------------------- */

/* One whole number of a list, for --thresholds and --ladder. */
static int list_number(int *out, const struct cli_command *self, const char *option,
                       const char *start, size_t len)
{
	char number[32];
	int64_t value;

	if (len == 0 || len >= sizeof number)
		return cli_usage_error(self, "%s needs whole numbers, not '%.*s'", option, (int)len, start);
	memcpy(number, start, len);
	number[len] = '\0';
	if (cli_parse_int64_in(&value, self, option, number, 1, 1000) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	*out = (int)value;
	return CLI_EXIT_OK;
}

/* Reads "1,2,3,4": exactly four whole numbers. */
static int parse_thresholds(void *to, const struct cli_command *self, const char *option,
                            char *text)
{
	int *thresholds = to;
	int parsed[THRESHOLD_COUNT];
	const char *start = text;

	for (size_t i = 0; i < THRESHOLD_COUNT; i++) {
		const char *comma = strchr(start, ',');
		size_t len = comma != NULL ? (size_t)(comma - start) : strlen(start);

		if ((comma == NULL) != (i + 1 == THRESHOLD_COUNT))
			return cli_usage_error(self, "--thresholds needs four whole numbers like 1,2,3,4, "
			                       "not '%s'", text);
		if (list_number(&parsed[i], self, "--thresholds", start, len) != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		start = comma + 1;
	}
	memcpy(thresholds, parsed, sizeof parsed);
	return CLI_EXIT_OK;
}

/* Reads "warning=2,substitution=3": stages by name; the others keep their value. */
static int parse_ladder(void *to, const struct cli_command *self, const char *option, char *text)
{
	int *thresholds = to;
	int parsed[THRESHOLD_COUNT], given[THRESHOLD_COUNT] = { 0 };
	const char *start = text;

	memcpy(parsed, thresholds, sizeof parsed);
	for (;;) {
		const char *comma = strchr(start, ',');
		const char *end = comma != NULL ? comma : start + strlen(start);
		const char *equals = memchr(start, '=', (size_t)(end - start));
		char name[40];
		opv_stage stage;

		if (equals == NULL || equals == start || (size_t)(equals - start) >= sizeof name)
			return cli_usage_error(self, "--ladder needs STAGE=N pairs like warning=3, not '%s'",
			                       text);
		memcpy(name, start, (size_t)(equals - start));
		name[equals - start] = '\0';
		if (opv_stage_from_name(&stage, name, NULL) != OPV_OK || stage == OPV_STAGE_ON_TRACK
		    || stage == OPV_STAGE_NO_DATA)
			return cli_usage_error(self, "--ladder: no stage '%s'; the stages with a threshold "
			                       "are signalling, administrative_talk, warning and "
			                       "substitution", name);
		if (given[stage - 1]++)
			return cli_usage_error(self, "--ladder gives %s twice", name);
		if (list_number(&parsed[stage - 1], self, "--ladder", equals + 1,
		                (size_t)(end - equals - 1)) != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		if (comma == NULL)
			break;
		start = comma + 1;
	}
	memcpy(thresholds, parsed, sizeof parsed);
	return CLI_EXIT_OK;
}

/* "10" people or "5%" of the task, read as the library reads them. */
CLI_DEFINE_LOOKUP(lookup_tolerance, opv_ladder_options, opv_ladder_tolerance_parse)

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct supervision_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	const struct cli_option options[] = {
		{ CLI_STRING("history", 'H', &args->history_path) },
		{ CLI_DATE("as-of", 0, &args->options.as_of) },
		{ CLI_CUSTOM("thresholds", 't', args->options.thresholds, parse_thresholds) },
		{ CLI_CUSTOM("ladder", 0, args->options.thresholds, parse_ladder) },
		{ CLI_LOOKUP("tolerance", 0, &args->options, lookup_tolerance) },
		{ CLI_INTEGER("warning-term", 0, &args->options.warning_term_weeks, 1, 520) },
		CLI_REGISTER_OPTIONS(&args->reg),
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (args->history_path == NULL)
		return cli_usage_error(self, "missing required option --history");
	if (args->options.as_of == 0)
		return cli_usage_error(self, "missing required option --as-of (the day of the "
		                       "assessment, for a result that does not change with the calendar)");
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

/* ---- the command ---------------------------------------------------------------- */

/* A day, or "" for none (0). */
static int set_day(out_table *table, size_t column, int64_t day)
{
	char text[OPV_DATE_TEXT_SIZE] = "";

	if (day != 0)
		opv_date_format(text, sizeof text, (opv_day)day, NULL);
	return out_table_set_text(table, column, text);
}

static out_table *ladder_table(const opv_register *reg, const opv_ladder *l)
{
	out_table *table = out_table_new(columns, COL_COUNT);

	for (size_t i = 0; table != NULL && i < opv_ladder_count(l); i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		int64_t first = opv_ladder_get(l, OPV_LADDER_FIRST_MISSED, i);
		char period[OPV_PERIOD_TEXT_SIZE] = "";

		if (first != 0)
			opv_period_format(period, sizeof period,
			                  (opv_period){ (int)(first / 10), (int)(first % 10) }, NULL);
		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, COL_CODE, m->code) != 0
		    || out_table_set_text(table, COL_NAME, m->name) != 0
		    || out_table_set_text(table, COL_STAGE, opv_stage_name(
		           (opv_stage)opv_ladder_get(l, OPV_LADDER_STAGE, i))) != 0
		    || out_table_set_text(table, COL_FIRST_MISSED, period) != 0
		    || set_day(table, COL_ENTERED, opv_ladder_get(l, OPV_LADDER_ENTERED, i)) != 0
		    || set_day(table, COL_TERM_ENDS, opv_ladder_get(l, OPV_LADDER_TERM_ENDS, i)) != 0) {
			out_table_free(table);
			return NULL;
		}
		out_table_set_integer(table, COL_MISSES, opv_ladder_get(l, OPV_LADDER_MISSES, i));
		out_table_set_integer(table, COL_BALANCE, opv_ladder_get(l, OPV_LADDER_BALANCE, i));
		out_table_set_integer(table, COL_TASK, opv_ladder_get(l, OPV_LADDER_TASK, i));
	}
	return table;
}

/* The national figures of the balances judged, as the ministry publishes them. */
struct national {
	char period[OPV_PERIOD_TEXT_SIZE];
	int64_t backlog, advance, net, no_data;
};

static int national_figures(struct national *nb, const opv_ladder *l, opv_error *err)
{
	size_t n = opv_ladder_count(l), known = 0;
	int64_t *balance = malloc((n ? n : 1) * sizeof *balance);
	int status;

	if (balance == NULL)
		return cli_out_of_memory(err);
	for (size_t i = 0; i < n; i++) {
		if (opv_ladder_get(l, OPV_LADDER_STAGE, i) != OPV_STAGE_NO_DATA)
			balance[known++] = opv_ladder_get(l, OPV_LADDER_BALANCE, i);
	}
	nb->no_data = (int64_t)(n - known);
	opv_period_format(nb->period, sizeof nb->period, opv_ladder_period(l), NULL);
	status = opv_housing_backlog(&nb->backlog, &nb->advance, &nb->net, balance, known, err);
	free(balance);
	return status;
}

static int set_meta(out_table *table, const struct national *nb, const opv_ladder_options *o)
{
	char date[OPV_DATE_TEXT_SIZE];

	opv_date_format(date, sizeof date, o->as_of, NULL);
	return out_table_set_meta_text(table, "as_of", date)
	       | out_table_set_meta_text(table, "period", nb->period)
	       | out_table_set_meta_integer(table, "backlog", nb->backlog)
	       | out_table_set_meta_integer(table, "advance", nb->advance)
	       | out_table_set_meta_integer(table, "net_balance", nb->net)
	       | out_table_set_meta_integer(table, "no_data", nb->no_data);
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct supervision_args args = {
		OPV_LADDER_OPTIONS_INIT, NULL, CLI_REGISTER_ARGS_INIT, OUT_CSV, 0
	};
	struct national nb;
	opv_error err = OPV_ERROR_INIT;
	opv_balance_history *history = NULL;
	opv_register *reg = NULL;
	opv_ladder *ladder = NULL;
	out_table *table = NULL;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;
	/* --thresholds and --ladder together, such as decreasing thresholds. */
	if (opv_ladder_options_check(&args.options, &err) != OPV_OK)
		return cli_usage_error(self, "%s", err.message);

	if (cli_load_register(&reg, &args.reg, NULL, NULL, &err) != OPV_OK
	    || opv_balance_history_load_csv(&history, args.history_path, &err) != OPV_OK
	    || opv_ladder_run(&ladder, reg, history, &args.options, &err) != OPV_OK
	    || national_figures(&nb, ladder, &err) != OPV_OK) {
		status = cli_library_error(&err);
	} else if ((table = ladder_table(reg, ladder)) == NULL
	           || set_meta(table, &nb, &args.options) != 0) {
		cli_out_of_memory(&err);
		status = cli_library_error(&err);
	} else {
		cli_note("judged on %s, the latest half-year that ended by the assessment "
		         "date; %" PRId64 " municipalities without a balance for it (no_data)",
		         nb.period, nb.no_data);
		cli_note("national backlog %" PRId64 " (the sum of the positive balances, as "
		         "published); advance %" PRId64 "; net %" PRId64, nb.backlog,
		         nb.advance, nb.net);
		status = cli_emit(table, args.format);
	}
	out_table_free(table);
	opv_ladder_free(ladder);
	opv_balance_history_free(history);
	opv_register_free(reg);
	return status;
}

const struct cli_command cli_command_supervision = {
	"supervision",
	"where each municipality stands on the province's interventieladder, as of a date",
	usage,
	run,
};
