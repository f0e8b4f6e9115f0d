/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang places: reception places per municipality on a date, against the task. */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "opvang/date.h"
#include "opvang/distribution.h"
#include "opvang/io.h"
#include "opvang/places.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang places --locations FILE --date YYYY-MM-DD\n"
	"                     [--tasks FILE | --total C [--amv A] [--ses FILE]]\n"
	"                     [--register FILE] [--min-years N]\n"
	"                     [--by municipality|province] [--shortfalls-only]\n"
	"                     [--format csv|json|table]\n"
	"\n"
	"Sums the reception locations open on a date per municipality and sets them\n"
	"against its Spreidingswet task.  A location is open from its opening day up\n"
	"to, not including, its closing day.  Its places count toward the task when\n"
	"it is an azc or amv location that is open-ended or runs at least N years.\n"
	"\n"
	"Columns: code, name, province_code, province, task, places_counting\n"
	"(places that count toward the task), places_total (every open place),\n"
	"places_above_agreement (places beyond the administrative agreement), gap\n"
	"(task - places_counting) and met (true when gap <= 0).  Without a task,\n"
	"task, gap and met are empty.\n"
	"\n"
	"With --by province: province_code, province, task, places_counting,\n"
	"places_total, places_above_agreement and municipalities_short (how many of\n"
	"its municipalities have not met their task), each a sum over the\n"
	"municipalities of the province.  A surplus in one municipality does not\n"
	"make up for a shortfall in another, so no province gap is given.\n"
	"\n"
	"With a task, a note on stderr says how many municipalities fall short and\n"
	"by how many places together.\n"
	"\n"
	"Options:\n"
	"  -l, --locations FILE   the locations: a CSV table with the columns id,\n"
	"                         code, name, type, agreed_capacity, capacity, opens\n"
	"                         and closes (YYYY-MM-DD; closes empty when\n"
	"                         open-ended); types azc, amv, nood, spoednood,\n"
	"                         crisis, hotel and doorstroom (required)\n"
	"  -d, --date DATE        the day to look at, YYYY-MM-DD (required: a\n"
	"                         result that changed with the day it was run would\n"
	"                         not be reproducible)\n"
	"  -T, --tasks FILE       the task per municipality: a CSV table with the\n"
	"                         columns code and task (whole numbers >= 0);\n"
	"                         municipalities it does not name have a task of 0\n"
	"  -t, --total C          or compute the task as 'opvang distribute' does:\n"
	"                         C places over the municipalities (Hamilton)\n"
	"  -a, --amv A            of which places for unaccompanied minors; the task\n"
	"                         counts all places, AMV included, as the counting\n"
	"                         places include the amv locations (default 0)\n"
	"  -s, --ses FILE         SES-WOA scores (columns code and ses) for --total;\n"
	"                         with them the weight is population * (1 + ses)\n"
	"  -r, --register FILE    the municipality register as CSV (see\n"
	"                         'opvang municipalities --help'); without it the\n"
	"                         embedded CBS register of 1 January 2024\n"
	"      --min-years N      the shortest run, in years, of a location that\n"
	"                         counts toward the task (default 5; 0 counts every\n"
	"                         azc and amv location)\n"
	"  -b, --by LEVEL         municipality (the default) or province\n"
	"      --shortfalls-only  only the municipalities that have not met their\n"
	"                         task, largest gap first (needs a task)\n"
	"  -f, --format FORMAT    csv (default), json or table\n"
	"  -h, --help             print this help and exit\n"
	"\n"
	"Example: the places on 1 July 2026 against the 2024-2025 distribution\n"
	"  opvang places --locations examples/data/synthetic_locations.csv \\\n"
	"      --date 2026-07-01 --total 96000 --amv 8140 --shortfalls-only\n";

/* Long options without a short form. */
enum { OPT_MIN_YEARS = 256, OPT_SHORTFALLS_ONLY };

enum level { BY_MUNICIPALITY, BY_PROVINCE };  /* in the order of level_names */

static const char *const level_names[] = { "municipality", "province", NULL };

struct places_args {
	const char *locations_path;
	int have_date;
	opv_places_options options;
	const char *tasks_path;     /* NULL: no task file */
	int64_t total;
	int have_total;             /* the task comes from distributing --total */
	int64_t amv;
	int have_amv;
	const char *ses_path;       /* NULL: the register's own scores */
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	enum level level;
	int shortfalls_only;
	enum out_format format;
	int help_shown;             /* --help was given: nothing more to do */
};

enum {
	COL_CODE, COL_NAME, COL_PROVINCE_CODE, COL_PROVINCE, COL_TASK, COL_COUNTING,
	COL_TOTAL, COL_ABOVE_AGREEMENT, COL_GAP, COL_MET,
	COL_COUNT
};

static const struct out_column municipality_columns[COL_COUNT] = {
	[COL_CODE] = { "code", OUT_TEXT },
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_PROVINCE_CODE] = { "province_code", OUT_TEXT },
	[COL_PROVINCE] = { "province", OUT_TEXT },
	[COL_TASK] = { "task", OUT_INTEGER },
	[COL_COUNTING] = { "places_counting", OUT_INTEGER },
	[COL_TOTAL] = { "places_total", OUT_INTEGER },
	[COL_ABOVE_AGREEMENT] = { "places_above_agreement", OUT_INTEGER },
	[COL_GAP] = { "gap", OUT_INTEGER },
	[COL_MET] = { "met", OUT_BOOLEAN },
};

enum {
	PCOL_CODE, PCOL_NAME, PCOL_TASK, PCOL_COUNTING, PCOL_TOTAL, PCOL_ABOVE_AGREEMENT,
	PCOL_SHORT,
	PCOL_COUNT
};

static const struct out_column province_columns[PCOL_COUNT] = {
	[PCOL_CODE] = { "province_code", OUT_TEXT },
	[PCOL_NAME] = { "province", OUT_TEXT },
	[PCOL_TASK] = { "task", OUT_INTEGER },
	[PCOL_COUNTING] = { "places_counting", OUT_INTEGER },
	[PCOL_TOTAL] = { "places_total", OUT_INTEGER },
	[PCOL_ABOVE_AGREEMENT] = { "places_above_agreement", OUT_INTEGER },
	[PCOL_SHORT] = { "municipalities_short", OUT_INTEGER },
};

/* ---- the command line ------------------------------------------------------- */

static int has_task(const struct places_args *args)
{
	return args->tasks_path != NULL || args->have_total;
}

/* Options that make no sense together are refused rather than half obeyed. */
static int check_combinations(const struct places_args *args, const struct cli_command *self)
{
	if (args->locations_path == NULL)
		return cli_usage_error(self, "missing required option --locations");
	if (!args->have_date)
		return cli_usage_error(self, "missing required option --date");
	if (args->tasks_path != NULL && args->have_total)
		return cli_usage_error(self, "--tasks and --total both give the task; choose one");
	if (!args->have_total && (args->have_amv || args->ses_path != NULL))
		return cli_usage_error(self, "--amv and --ses go with --total");
	if (args->shortfalls_only && !has_task(args))
		return cli_usage_error(self, "--shortfalls-only needs a task (--tasks or --total)");
	if (args->shortfalls_only && args->level == BY_PROVINCE)
		return cli_usage_error(self, "--shortfalls-only lists municipalities; it does not go "
		                       "with --by province");
	return CLI_EXIT_OK;
}

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct places_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	static const struct option options[] = {
		{ "locations", required_argument, NULL, 'l' },
		{ "date", required_argument, NULL, 'd' },
		{ "tasks", required_argument, NULL, 'T' },
		{ "total", required_argument, NULL, 't' },
		{ "amv", required_argument, NULL, 'a' },
		{ "ses", required_argument, NULL, 's' },
		CLI_REGISTER_LONG_OPTIONS,
		{ "min-years", required_argument, NULL, OPT_MIN_YEARS },
		{ "by", required_argument, NULL, 'b' },
		{ "shortfalls-only", no_argument, NULL, OPT_SHORTFALLS_ONLY },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int64_t min_years;
	int option;
	int level;

	while ((option = getopt_long(argc, argv, ":l:d:T:t:a:s:r:b:f:h", options, NULL)) != -1) {
		switch (option) {
		case 'l':
			args->locations_path = optarg;
			break;
		case 'd':
			if (cli_parse_date(&args->options.date, self, "--date", optarg) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->have_date = 1;
			break;
		case 'T':
			args->tasks_path = optarg;
			break;
		case 't':
			if (cli_parse_int64(&args->total, self, "--total", optarg) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->have_total = 1;
			break;
		case 'a':
			if (cli_parse_int64(&args->amv, self, "--amv", optarg) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->have_amv = 1;
			break;
		case 's':
			args->ses_path = optarg;
			break;
		case OPT_MIN_YEARS:
			if (cli_parse_int64_in(&min_years, self, "--min-years", optarg, INT_MIN, INT_MAX)
			    != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->options.min_years = (int)min_years;
			break;
		case 'b':
			if (cli_parse_choice(&level, self, "--by", optarg, level_names) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			args->level = (enum level)level;
			break;
		case OPT_SHORTFALLS_ONLY:
			args->shortfalls_only = 1;
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
	return check_combinations(args, self);
}

/* ---- computing ---------------------------------------------------------------- */

/* Per municipality, in register order; task and gap stay NULL without a task. */
struct places {
	int64_t *task;
	opv_places_columns columns;
	size_t count;
};

static void places_free(struct places *p)
{
	free(p->task);
	free(p->columns.total);
	free(p->columns.above_agreement);
	free(p->columns.counting);
	free(p->columns.gap);
}

/* The task of every municipality as 'opvang distribute' computes its places. */
static int distribute_task(int64_t **task, const opv_register *reg,
                           const struct places_args *args, opv_error *err)
{
	opv_distribution_options options = OPV_DISTRIBUTION_OPTIONS_INIT;
	opv_distribution_columns columns = { NULL };
	size_t n = opv_register_count(reg);
	int status;

	columns.places = calloc(n ? n : 1, sizeof *columns.places);
	if (columns.places == NULL)
		return cli_out_of_memory(err);
	options.total = args->total;
	options.amv = args->amv;
	/* Scores given on purpose are meant to count, as in 'opvang distribute'. */
	options.ses_transform = args->ses_path != NULL ? OPV_SES_LINEAR : OPV_SES_NONE;
	status = opv_distribute(&columns, NULL, reg, NULL, &options, err);
	if (status != OPV_OK) {
		free(columns.places);
		return status;
	}
	*task = columns.places;
	return OPV_OK;
}

static int load_task(int64_t **task, const opv_register *reg, const struct places_args *args,
                     opv_error *err)
{
	if (args->tasks_path != NULL)
		return cli_load_register_values(task, reg, args->tasks_path, "task",
		                                OPV_VALUES_NONNEGATIVE, 0, err);
	if (args->have_total)
		return distribute_task(task, reg, args, err);
	return OPV_OK;
}

static int compute(struct places *p, const opv_register *reg, const opv_locations *locations,
                   const struct places_args *args, opv_error *err)
{
	opv_places_columns *c = &p->columns;
	size_t slots;
	int status;

	p->count = opv_register_count(reg);
	slots = p->count ? p->count : 1;
	status = load_task(&p->task, reg, args, err);
	if (status != OPV_OK)
		return status;
	c->total = calloc(slots, sizeof *c->total);
	c->above_agreement = calloc(slots, sizeof *c->above_agreement);
	c->counting = calloc(slots, sizeof *c->counting);
	if (p->task != NULL)
		c->gap = calloc(slots, sizeof *c->gap);
	if (!c->total || !c->above_agreement || !c->counting || (p->task != NULL && !c->gap))
		return cli_out_of_memory(err);
	return opv_places_on(c, reg, locations, p->task, &args->options, err);
}

/* ---- building the output -------------------------------------------------------- */

/* Appends the row of municipality i. */
static int add_municipality(out_table *table, const opv_register *reg, const struct places *p,
                            size_t i)
{
	const opv_municipality *m = opv_register_at(reg, i);

	if (out_table_add_row(table) != 0
	    || out_table_set_text(table, COL_CODE, m->code) != 0
	    || out_table_set_text(table, COL_NAME, m->name) != 0
	    || out_table_set_text(table, COL_PROVINCE_CODE, m->province_code) != 0
	    || out_table_set_text(table, COL_PROVINCE, m->province) != 0)
		return -1;
	out_table_set_integer(table, COL_COUNTING, p->columns.counting[i]);
	out_table_set_integer(table, COL_TOTAL, p->columns.total[i]);
	out_table_set_integer(table, COL_ABOVE_AGREEMENT, p->columns.above_agreement[i]);
	if (p->task != NULL) {
		out_table_set_integer(table, COL_TASK, p->task[i]);
		out_table_set_integer(table, COL_GAP, p->columns.gap[i]);
		out_table_set_boolean(table, COL_MET, p->columns.gap[i] <= 0);
	}
	return 0;
}

static out_table *municipality_table(const opv_register *reg, const struct places *p,
                                     opv_error *err)
{
	out_table *table = out_table_new(municipality_columns, COL_COUNT);

	if (table == NULL)
		goto out_of_memory;
	for (size_t i = 0; i < p->count; i++) {
		if (add_municipality(table, reg, p, i) != 0)
			goto out_of_memory;
	}
	return table;

out_of_memory:
	out_table_free(table);
	cli_out_of_memory(err);
	return NULL;
}

static out_table *shortfall_table(const opv_register *reg, const struct places *p,
                                  opv_error *err)
{
	size_t *order = calloc(p->count ? p->count : 1, sizeof *order);
	out_table *table = NULL;
	size_t count;

	if (order == NULL)
		goto out_of_memory;
	if (opv_places_shortfalls(order, &count, p->columns.gap, p->count, err) != OPV_OK)
		goto done;
	table = out_table_new(municipality_columns, COL_COUNT);
	if (table == NULL)
		goto out_of_memory;
	for (size_t k = 0; k < count; k++) {
		if (add_municipality(table, reg, p, order[k]) != 0)
			goto out_of_memory;
	}
	goto done;

out_of_memory:
	out_table_free(table);
	table = NULL;
	cli_out_of_memory(err);
done:
	free(order);
	return table;
}

/* The province sums; short counts municipalities with a gap above 0. */
struct province_sums {
	int64_t *task, *counting, *total, *above_agreement, *short_count;
};

static int sum_provinces(struct province_sums *s, const opv_register *reg,
                         const struct places *p, opv_error *err)
{
	size_t slots = opv_register_province_count(reg) ? opv_register_province_count(reg) : 1;

	s->task = calloc(slots, sizeof *s->task);
	s->counting = calloc(slots, sizeof *s->counting);
	s->total = calloc(slots, sizeof *s->total);
	s->above_agreement = calloc(slots, sizeof *s->above_agreement);
	s->short_count = calloc(slots, sizeof *s->short_count);
	if (!s->task || !s->counting || !s->total || !s->above_agreement || !s->short_count)
		return cli_out_of_memory(err);
	if (p->task != NULL) {
		for (size_t i = 0; i < p->count; i++)
			s->short_count[opv_register_province_of(reg, i)] += p->columns.gap[i] > 0;
		if (opv_register_sum_by_province(s->task, reg, p->task, err) != OPV_OK)
			return err->code;
	}
	if (opv_register_sum_by_province(s->counting, reg, p->columns.counting, err) != OPV_OK
	    || opv_register_sum_by_province(s->total, reg, p->columns.total, err) != OPV_OK
	    || opv_register_sum_by_province(s->above_agreement, reg, p->columns.above_agreement,
	                                    err) != OPV_OK)
		return err->code;
	return OPV_OK;
}

static out_table *province_table(const opv_register *reg, const struct places *p,
                                 opv_error *err)
{
	struct province_sums s = { NULL, NULL, NULL, NULL, NULL };
	out_table *table = NULL;

	if (sum_provinces(&s, reg, p, err) != OPV_OK)
		goto done;
	table = out_table_new(province_columns, PCOL_COUNT);
	if (table == NULL)
		goto out_of_memory;
	for (size_t k = 0; k < opv_register_province_count(reg); k++) {
		const opv_province *province = opv_register_province_at(reg, k);

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, PCOL_CODE, province->code) != 0
		    || out_table_set_text(table, PCOL_NAME, province->name) != 0)
			goto out_of_memory;
		out_table_set_integer(table, PCOL_COUNTING, s.counting[k]);
		out_table_set_integer(table, PCOL_TOTAL, s.total[k]);
		out_table_set_integer(table, PCOL_ABOVE_AGREEMENT, s.above_agreement[k]);
		if (p->task == NULL)
			continue;  /* no task: empty cells, not zeros */
		out_table_set_integer(table, PCOL_TASK, s.task[k]);
		out_table_set_integer(table, PCOL_SHORT, s.short_count[k]);
	}
	goto done;

out_of_memory:
	out_table_free(table);
	table = NULL;
	cli_out_of_memory(err);
done:
	free(s.task);
	free(s.counting);
	free(s.total);
	free(s.above_agreement);
	free(s.short_count);
	return table;
}

static out_table *result_table(const opv_register *reg, const struct places *p,
                               const struct places_args *args, opv_error *err)
{
	if (args->level == BY_PROVINCE)
		return province_table(reg, p, err);
	if (args->shortfalls_only)
		return shortfall_table(reg, p, err);
	return municipality_table(reg, p, err);
}

static void note_shortfalls(const struct places *p, const struct places_args *args)
{
	char date[OPV_DATE_TEXT_SIZE] = "";
	size_t short_count = 0;
	int64_t lacking = 0;

	if (p->task == NULL)
		return;
	for (size_t i = 0; i < p->count; i++) {
		if (p->columns.gap[i] > 0) {
			short_count++;
			lacking += p->columns.gap[i];
		}
	}
	opv_date_format(date, sizeof date, args->options.date, NULL);
	fprintf(stderr, "%s: on %s %zu of %zu municipalities have not met their task; together "
	        "they lack %" PRId64 " places\n", CLI_PROGRAM, date, short_count, p->count, lacking);
}

/* ---- the command ---------------------------------------------------------------- */

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct places_args args = {
		NULL, 0, OPV_PLACES_OPTIONS_INIT, NULL, 0, 0, 0, 0, NULL, CLI_REGISTER_ARGS_INIT,
		BY_MUNICIPALITY, 0,
		OUT_CSV, 0
	};
	struct places p = { NULL, { NULL, NULL, NULL, NULL }, 0 };
	opv_error err = OPV_ERROR_INIT;
	opv_locations *locations = NULL;
	opv_register *reg = NULL;
	out_table *table = NULL;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (cli_load_register(&reg, &args.reg, NULL, args.ses_path, &err) != OPV_OK
	    || opv_locations_load_csv(&locations, reg, args.locations_path, &err) != OPV_OK
	    || compute(&p, reg, locations, &args, &err) != OPV_OK
	    || (table = result_table(reg, &p, &args, &err)) == NULL) {
		status = cli_library_error(&err);
	} else {
		note_shortfalls(&p, &args);
		status = cli_emit(table, args.format);
	}
	out_table_free(table);
	places_free(&p);
	opv_locations_free(locations);
	opv_register_free(reg);
	return status;
}

const struct cli_command cli_command_places = {
	"places",
	"reception places per municipality on a date, against the Spreidingswet task",
	usage,
	run,
};
