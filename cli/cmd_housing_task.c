/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang housing-task: the half-year task of housing status holders. */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "opvang/io.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang housing-task --national N --period YYYY-Hh\n"
	"                           [--register FILE | --population-date D] [--map-mergers]\n"
	"                           [--previous-balance FILE] [--realised FILE]\n"
	"                           [--swaps FILE] [--no-carry-advance]\n"
	"                           [--realised-log FILE --as-of D [--count KINDS]]\n"
	"                           [--merged-population CODE=N ...]\n"
	"                           [--format csv|json|table]\n"
	"\n"
	"Splits the national number N of status holders to house in a half-year\n"
	"over the municipalities (Huisvestingswet 2014, art. 29):\n"
	"\n"
	"    task      = ceil(N * population / national population)\n"
	"    corrected = task + swapped + carried\n"
	"    balance   = corrected - realised     (> 0 a backlog, < 0 an advance)\n"
	"\n"
	"Every municipality rounds up, so the tasks add up to more than N (a note\n"
	"gives both).  The populations are those of 1 January of the year before\n"
	"the half-year, as the law says: by default the embedded register of that\n"
	"date (2023, 2024 or 2025); another date gives a warning.\n"
	"\n"
	"Columns: code, name, province_code, province, population, task, carried,\n"
	"corrected, realised, balance; realised and balance are empty without\n"
	"--realised.  With --swaps a column swapped follows task.\n"
	"\n"
	"With --realised-log (code,date,count[,kind]) and --as-of: realised_to_date,\n"
	"share_realised (of corrected), expected_to_date (corrected pro rata the\n"
	"half-year passed) and projected_balance (at this pace).  Counting transit\n"
	"locations and nareis is an ASSUMPTION (docs/supervision.md).\n"
	"\n"
	"In the year a merger takes effect (art. 30) its municipalities are one: the\n"
	"successor's task rests on the population Gedeputeerde Staten set\n"
	"(--merged-population GM0402=N), or else on their sum, and their balances add up.\n"
	"\n"
	"Options:\n"
	"  -n, --national N           the national number for the half-year\n"
	"                             (required)\n"
	"  -p, --period YYYY-Hh       the half-year: 2025-H1 is January to June,\n"
	"                             2025-H2 July to December (required)\n"
	"  -r, --register FILE        the municipality register as CSV (see\n"
	"                             'opvang municipalities --help')\n"
	"      --population-date D    an embedded register of another date than the\n"
	"                             half-year's own: 2023-01-01, 2024-01-01 or\n"
	"                             2025-01-01 (a warning follows)\n"
	"      --map-mergers          count a code of a merged municipality (GM0501\n"
	"                             Brielle, now GM1992 Voorne aan Zee) as its\n"
	"                             successor instead of refusing it\n"
	"  -b, --previous-balance FILE\n"
	"                             the previous half-year's closing balance (CSV\n"
	"                             code,balance); municipalities not named carry 0\n"
	"  -R, --realised FILE        status holders housed in this half-year (CSV\n"
	"                             code,realised); municipalities not named: 0\n"
	"  -s, --swaps FILE           agreements between municipalities to trade part\n"
	"                             of their tasks: a CSV table with the columns\n"
	"                             agreement, code and delta; the deltas of an\n"
	"                             agreement add up to 0 and no task goes below 0\n"
	"      --no-carry-advance     an advance (negative balance) lapses instead of\n"
	"                             lowering the next task\n"
	"      --realised-log FILE    dated counts of status holders housed\n"
	"      --as-of D              the day of the count\n"
	"      --count KINDS          kinds that count (woning,doorstroomlocatie,nareis)\n"
	"      --merged-population CODE=N  a merger's population (art. 30); repeatable\n"
	"  -f, --format FORMAT        csv (default), json or table\n"
	"  -h, --help                 print this help and exit\n"
	"\n"
	"Example: the second half of 2025, with a backlog from the first half\n"
	"  opvang housing-task --national 13000 --period 2025-H2 \\\n"
	"      --previous-balance balance_2025h1.csv\n";

struct housing_args {
	opv_housing_options options;
	int have_national;
	int have_period;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	const char *previous_balance_path;  /* NULL: nothing carried */
	const char *realised_path;          /* NULL: no balance */
	const char *swaps_path;             /* NULL: no swaps, no swapped column */
	const char *realised_log_path;      /* NULL: no realisation during the half-year */
	opv_realisation_options realisation;
	const char **merged_codes;          /* --merged-population: codes and populations */
	int64_t *merged_populations;
	size_t nmerged;
	enum out_format format;
	int help_shown;                     /* --help was given: nothing more to do */
};

enum {
	COL_CODE, COL_NAME, COL_PROVINCE_CODE, COL_PROVINCE, COL_POPULATION,
	COL_TASK, COL_SWAPPED, COL_CARRIED, COL_CORRECTED, COL_REALISED, COL_BALANCE,
	COL_REALISED_TO_DATE, COL_SHARE_REALISED, COL_EXPECTED, COL_PROJECTED,
	COL_COUNT
};

static const struct out_column columns[COL_COUNT] = {
	[COL_CODE] = { "code", OUT_TEXT },
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_PROVINCE_CODE] = { "province_code", OUT_TEXT },
	[COL_PROVINCE] = { "province", OUT_TEXT },
	[COL_POPULATION] = { "population", OUT_INTEGER },
	[COL_TASK] = { "task", OUT_INTEGER },
	[COL_SWAPPED] = { "swapped", OUT_INTEGER },
	[COL_CARRIED] = { "carried", OUT_INTEGER },
	[COL_CORRECTED] = { "corrected", OUT_INTEGER },
	[COL_REALISED] = { "realised", OUT_INTEGER },
	[COL_BALANCE] = { "balance", OUT_INTEGER },
	[COL_REALISED_TO_DATE] = { "realised_to_date", OUT_INTEGER },
	[COL_SHARE_REALISED] = { "share_realised", OUT_REAL },
	[COL_EXPECTED] = { "expected_to_date", OUT_REAL },
	[COL_PROJECTED] = { "projected_balance", OUT_REAL },
};

/* ---- the command line ------------------------------------------------------- */

/* "GM0402=117000": a merger's population as Gedeputeerde Staten set it.  The
 * code text stays in argv; the '=' is where it ends. */
static int parse_merged(void *to, const struct cli_command *self, const char *option, char *text)
{
	struct housing_args *args = to;
	char *equals = strchr(text, '=');
	int64_t population;

	if (equals == NULL || equals == text)
		return cli_usage_error(self, "--merged-population needs CODE=N, such as GM0402=117000, "
		                       "not '%s'", text);
	*equals = '\0';
	for (size_t i = 0; i < args->nmerged; i++) {
		if (strcmp(args->merged_codes[i], text) == 0)
			return cli_usage_error(self, "--merged-population gives %s twice", text);
	}
	/* A population is below 2^53, as the register's are. */
	if (cli_parse_int64_in(&population, self, option, equals + 1, 0, OPV_COUNT_MAX - 1)
	    != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	args->merged_codes[args->nmerged] = text;
	args->merged_populations[args->nmerged++] = population;
	return CLI_EXIT_OK;
}

/* "woning,nareis": the bits of the kinds named, read as the library reads them. */
CLI_DEFINE_LOOKUP(lookup_kinds, unsigned int, opv_realised_kinds_parse)
CLI_DEFINE_LOOKUP(lookup_period, opv_period, opv_period_parse)

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct housing_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	const struct cli_option options[] = {
		{ CLI_COUNT("national", 'n', &args->options.national), .given = &args->have_national },
		{ CLI_LOOKUP("period", 'p', &args->options.period, lookup_period),
		  .given = &args->have_period },
		CLI_REGISTER_OPTIONS(&args->reg),
		{ CLI_STRING("previous-balance", 'b', &args->previous_balance_path) },
		{ CLI_STRING("realised", 'R', &args->realised_path) },
		{ CLI_STRING("swaps", 's', &args->swaps_path) },
		{ CLI_SET("no-carry-advance", 0, &args->options.carry_advance, 0) },
		{ CLI_STRING("realised-log", 0, &args->realised_log_path) },
		{ CLI_DATE("as-of", 0, &args->realisation.as_of) },
		{ CLI_LOOKUP("count", 0, &args->realisation.counting_kinds, lookup_kinds) },
		{ CLI_CUSTOM("merged-population", 0, args, parse_merged), .flags = CLI_REPEATABLE },
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (!args->have_national)
		return cli_usage_error(self, "missing required option --national");
	if (!args->have_period)
		return cli_usage_error(self, "missing required option --period");
	if ((args->realised_log_path == NULL) != (args->realisation.as_of == 0))
		return cli_usage_error(self, "--realised-log and --as-of go together: the dated counts "
		                       "and the day to count them to");
	if (args->realisation.as_of != 0) {
		/* Both come from the command line: a count before the half-year began
		 * is a wrong --as-of, not wrong data. */
		char first_text[OPV_DATE_TEXT_SIZE], period_text[OPV_PERIOD_TEXT_SIZE];
		opv_day first;
		snprintf(first_text, sizeof first_text, "%04d-%02d-01", args->options.period.year,
		         args->options.period.half == 1 ? 1 : 7);
		opv_period_format(period_text, sizeof period_text, args->options.period, NULL);
		if (opv_date_parse(&first, first_text, NULL) == OPV_OK && args->realisation.as_of < first)
			return cli_usage_error(self, "--as-of is before %s began on %s", period_text,
			                       first_text);
	}
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

/* ---- computing ---------------------------------------------------------------- */

/* The inputs beside the register, each NULL when its option was not given. */
struct housing_inputs {
	int64_t *previous_balance;
	int64_t *realised;
	opv_swap_table *swaps;
	opv_realised_log *log;
};

/* The results, one element per municipality. */
struct housing_result {
	opv_housing_columns columns;
	opv_housing_summary summary;
	opv_realisation_columns progress;  /* with a realised log */
	double share_passed;
};

static void inputs_free(struct housing_inputs *in)
{
	free(in->previous_balance);
	free(in->realised);
	opv_swap_table_free(in->swaps);
	opv_realised_log_free(in->log);
}

static void result_free(struct housing_result *r)
{
	free(r->columns.task);
	free(r->columns.swapped);
	free(r->columns.carried);
	free(r->columns.corrected);
	free(r->columns.balance);
	free(r->progress.realised);
	free(r->progress.share_realised);
	free(r->progress.expected);
	free(r->progress.projected_balance);
}

static int load_inputs(struct housing_inputs *in, const opv_register *reg,
                       const struct housing_args *args, opv_error *err)
{
	int status = OPV_OK;

	if (args->previous_balance_path != NULL)
		status = cli_load_register_values(&in->previous_balance, reg,
		                                  args->previous_balance_path, "balance", 0, 0, err);
	if (status == OPV_OK && args->realised_path != NULL)
		status = cli_load_register_values(&in->realised, reg, args->realised_path, "realised",
		                                  OPV_VALUES_NONNEGATIVE, 0, err);
	if (status == OPV_OK && args->swaps_path != NULL)
		status = opv_swap_table_load_csv(&in->swaps, args->swaps_path, err);
	if (status == OPV_OK && args->realised_log_path != NULL)
		status = opv_realised_log_load_csv(&in->log, args->realised_log_path, err);
	return status;
}

static int compute(struct housing_result *r, const opv_register *reg,
                   const struct housing_inputs *in, const struct housing_args *args,
                   opv_error *err)
{
	size_t slots = opv_register_count(reg) ? opv_register_count(reg) : 1;
	opv_housing_columns *c = &r->columns;

	c->task = calloc(slots, sizeof *c->task);
	c->swapped = calloc(slots, sizeof *c->swapped);
	c->carried = calloc(slots, sizeof *c->carried);
	c->corrected = calloc(slots, sizeof *c->corrected);
	c->balance = calloc(slots, sizeof *c->balance);
	if (!c->task || !c->swapped || !c->carried || !c->corrected || !c->balance)
		return cli_out_of_memory(err);

	int status = opv_housing_task(c, &r->summary, reg, in->previous_balance, in->realised,
	                              in->swaps ? opv_swap_table_swaps(in->swaps) : NULL,
	                              in->swaps ? opv_swap_table_count(in->swaps) : 0,
	                              &args->options, err);
	opv_realisation_options realisation = args->realisation;
	opv_realisation_columns *p = &r->progress;

	if (status != OPV_OK || in->log == NULL)
		return status;
	p->realised = calloc(slots, sizeof *p->realised);
	p->share_realised = calloc(slots, sizeof *p->share_realised);
	p->expected = calloc(slots, sizeof *p->expected);
	p->projected_balance = calloc(slots, sizeof *p->projected_balance);
	if (!p->realised || !p->share_realised || !p->expected || !p->projected_balance)
		return cli_out_of_memory(err);
	/* What is owed in the half-year: the corrected task. */
	realisation.period = args->options.period;
	return opv_housing_realisation(p, &r->share_passed, reg, c->corrected, in->log, &realisation,
	                               err);
}

/* ---- building the output -------------------------------------------------------- */

static out_table *housing_table(const opv_register *reg, const struct housing_result *r,
                                const struct housing_inputs *in)
{
	const opv_housing_columns *c = &r->columns;
	out_table *table = out_table_new(columns, COL_COUNT);

	if (table == NULL)
		return NULL;
	if (in->swaps == NULL)
		out_table_hide_column(table, COL_SWAPPED);
	if (in->log == NULL) {
		out_table_hide_column(table, COL_REALISED_TO_DATE);
		out_table_hide_column(table, COL_SHARE_REALISED);
		out_table_hide_column(table, COL_EXPECTED);
		out_table_hide_column(table, COL_PROJECTED);
	}
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
		out_table_set_integer(table, COL_TASK, c->task[i]);
		out_table_set_integer(table, COL_SWAPPED, c->swapped[i]);
		out_table_set_integer(table, COL_CARRIED, c->carried[i]);
		out_table_set_integer(table, COL_CORRECTED, c->corrected[i]);
		if (in->log != NULL) {
			out_table_set_integer(table, COL_REALISED_TO_DATE, r->progress.realised[i]);
			if (c->corrected[i] != 0)  /* no share of nothing: an empty cell */
				out_table_set_real(table, COL_SHARE_REALISED, r->progress.share_realised[i]);
			out_table_set_real(table, COL_EXPECTED, r->progress.expected[i]);
			out_table_set_real(table, COL_PROJECTED, r->progress.projected_balance[i]);
		}
		if (in->realised == NULL)
			continue;  /* nothing realised is known: empty cells, not zeros */
		out_table_set_integer(table, COL_REALISED, in->realised[i]);
		out_table_set_integer(table, COL_BALANCE, c->balance[i]);
	}
	return table;
}

/* The national figures of the closing balances, with realised counts only. */
struct national_balance {
	int known;
	int64_t backlog, advance, net;
};

static int national_balance(struct national_balance *nb, const opv_register *reg,
                            const struct housing_result *r, const struct housing_inputs *in,
                            opv_error *err)
{
	nb->known = in->realised != NULL;
	if (!nb->known)
		return OPV_OK;
	return opv_housing_backlog(&nb->backlog, &nb->advance, &nb->net, r->columns.balance,
	                           opv_register_count(reg), err);
}

static int meta_balance(out_table *table, const struct national_balance *nb)
{
	if (!nb->known)
		return 0;
	return out_table_set_meta_integer(table, "backlog", nb->backlog)
	       | out_table_set_meta_integer(table, "advance", nb->advance)
	       | out_table_set_meta_integer(table, "net_balance", nb->net);
}

static void note_housing(const struct housing_result *r, const struct housing_args *args,
                         const struct national_balance *nb)
{
	if (args->realised_log_path != NULL)
		cli_note("%.1f%% of the half-year has passed on the day of the count",
		         100.0 * r->share_passed);
	if (r->summary.warning[0] != '\0')
		cli_note("warning: %s", r->summary.warning);
	if (nb->known)
		cli_note("national backlog %" PRId64 " (the sum of the positive balances, as "
		         "published); advance %" PRId64 "; net %" PRId64, nb->backlog,
		         nb->advance, nb->net);
	/* The law rounds every share up, so the sum exceeds N; say so rather than hide it. */
	cli_note("tasks add up to %" PRId64 " for a national number of %" PRId64 "%s",
	         r->summary.task, args->options.national,
	         r->summary.task > args->options.national ? " (every municipality rounds up)" : "");
}

/* ---- mergers: art. 30 ------------------------------------------------------------ */

/*
 * In the year a merger takes effect the former municipalities of the
 * register are one: *reg becomes the register with them folded into their
 * successor, and a note says on what population its task rests.
 */
static int merge_for_the_year(opv_register **reg, const struct housing_args *args, opv_error *err)
{
	opv_register *merged = NULL;
	int year = args->options.period.year;
	int status = opv_register_merged_in(&merged, *reg, year, args->merged_codes,
	                                    args->merged_populations, args->nmerged, NULL, err);

	if (status != OPV_OK)
		return status;
	for (size_t i = 0; opv_merger_at(i) != NULL; i++) {
		const opv_merger *m = opv_merger_at(i);
		size_t at, successor;
		int given = 0;

		if (atoi(m->date) > year || strcmp(m->from_code, m->to_code) == 0
		    || opv_register_find(&at, *reg, m->from_code, NULL) != OPV_OK
		    || opv_register_find(&successor, merged, m->to_code, NULL) != OPV_OK)
			continue;
		for (size_t k = 0; k < args->nmerged; k++)
			given |= strcmp(args->merged_codes[k], m->to_code) == 0;
		cli_note("%s (%s) merges into %s (%s) on %s: the task of %d is %s's, on a "
		         "population of %" PRId64 " (%s; Huisvestingswet art. 30)", m->from_name,
		         m->from_code, m->to_name, m->to_code, m->date, year, m->to_name,
		         opv_register_at(merged, successor)->population,
		         given ? "set by Gedeputeerde Staten" : "ASSUMED: the sum of the municipalities "
		         "merging, as Gedeputeerde Staten's figure was not given");
	}
	opv_register_free(*reg);
	*reg = merged;
	return OPV_OK;
}

/* ---- the command ---------------------------------------------------------------- */

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct housing_args args = {
		OPV_HOUSING_OPTIONS_INIT, 0, 0, CLI_REGISTER_ARGS_INIT, NULL, NULL, NULL, NULL,
		OPV_REALISATION_OPTIONS_INIT, NULL, NULL, 0, OUT_CSV, 0
	};
	struct housing_inputs in = { NULL, NULL, NULL, NULL };
	struct housing_result r = { OPV_HOUSING_COLUMNS_INIT, OPV_HOUSING_SUMMARY_INIT,
	                            OPV_REALISATION_COLUMNS_INIT, 0 };
	opv_error err = OPV_ERROR_INIT;
	opv_register *reg = NULL;
	out_table *table = NULL;
	struct national_balance nb = { 0, 0, 0, 0 };
	char legal_date[16] = "";
	int status;

	args.merged_codes = calloc((size_t)argc + 1, sizeof *args.merged_codes);
	args.merged_populations = calloc((size_t)argc + 1, sizeof *args.merged_populations);
	if (args.merged_codes == NULL || args.merged_populations == NULL)
		status = cli_system_error("out of memory", ENOMEM);
	else
		status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown) {
		free(args.merged_codes);
		free(args.merged_populations);
		return status;
	}

	/* The law's own date: 1 January of the year before the half-year (art. 29). */
	opv_period_reference_date(legal_date, sizeof legal_date, args.options.period, NULL);
	if (cli_load_register(&reg, &args.reg, legal_date, NULL, &err) != OPV_OK) {
		status = cli_library_error(&err);
	} else if (merge_for_the_year(&reg, &args, &err) != OPV_OK) {
		/* The register loaded, so what is refused is a --merged-population code. */
		status = err.code == OPV_EINVAL ? cli_usage_error(self, "--merged-population: %s",
		                                                  err.message)
		                                : cli_library_error(&err);
	} else if (load_inputs(&in, reg, &args, &err) != OPV_OK
	    || compute(&r, reg, &in, &args, &err) != OPV_OK
	    || national_balance(&nb, reg, &r, &in, &err) != OPV_OK) {
		status = cli_library_error(&err);
	} else if ((table = housing_table(reg, &r, &in)) == NULL
	           || cli_state_register(table, reg) != 0 || meta_balance(table, &nb) != 0) {
		cli_out_of_memory(&err);
		status = cli_library_error(&err);
	} else {
		note_housing(&r, &args, &nb);
		status = cli_emit(table, args.format);
	}
	out_table_free(table);
	result_free(&r);
	inputs_free(&in);
	opv_register_free(reg);
	free(args.merged_codes);
	free(args.merged_populations);
	return status;
}

const struct cli_command cli_command_housing_task = {
	"housing-task",
	"the half-year task of housing status holders per municipality (Huisvestingswet)",
	usage,
	run,
};
