/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang distribute: the Spreidingswet distribution key over a register. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/apportion.h"
#include "opvang/distribution.h"
#include "opvang/io.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang distribute --total C [--amv A] [--ses FILE]\n"
	"                         [--register FILE | --population-date D] [--map-mergers]\n"
	"                         [--ses-transform auto|none|linear] [--method METHOD]\n"
	"                         [--amv-mode round|apportion]\n"
	"                         [--by municipality|province] [--explain]\n"
	"                         [--compare FILE] [--format csv|json|table]\n"
	"\n"
	"Splits C reception places over the municipalities with the distribution key\n"
	"of the Spreidingswet: the weight of a municipality is its population (times\n"
	"1 + its SES-WOA score with the linear transform), its quota is C * weight /\n"
	"sum of the weights, and whole places follow from the quotas so that they add\n"
	"up to C exactly.  Of those, AMV places for unaccompanied minors are\n"
	"round_half_up(places * A / C); the rest are regular places.\n"
	"\n"
	"Columns: code, name, province_code, province, population, ses (empty\n"
	"without a score), weight, quota, places, amv, regular.  With --explain also\n"
	"floor, remainder and rank (and priority for the divisor methods), which show\n"
	"how every number came about.  With --by province: province_code, province,\n"
	"municipalities, population, places, amv, regular.\n"
	"\n"
	"Notes on stderr say which SES transform was used and, when rounding makes\n"
	"the AMV places add up to something other than A, both numbers.\n"
	"\n"
	"Options:\n"
	"  -t, --total C            national number of places (required)\n"
	"  -a, --amv A              of which places for unaccompanied minors\n"
	"                           (default 0)\n"
	CLI_REGISTER_HELP
	"  -s, --ses FILE           SES-WOA scores: a CSV table with the columns code\n"
	"                           and ses; they replace the register's own\n"
	"      --ses-transform T    auto (the default: linear when there are scores,\n"
	"                           from --ses or the register, else none), none\n"
	"                           (weight = population) or linear (weight =\n"
	"                           population * (1 + ses))\n"
	"  -m, --method METHOD      hamilton (largest remainder; the default),\n"
	"                           jefferson (d'hondt), webster (sainte-lague),\n"
	"                           adams or huntington-hill\n"
	"      --amv-mode MODE      round (each municipality rounds half up; the\n"
	"                           default) or apportion (largest remainder over the\n"
	"                           places, so that the AMV places add up to A)\n"
	"  -b, --by LEVEL           municipality (the default) or province: the sum\n"
	"                           over the municipalities of each province\n"
	"  -e, --explain            add the columns floor, remainder, rank (and\n"
	"                           priority)\n"
	"  -c, --compare FILE       compare with a published table (columns code or\n"
	"                           name, places and optionally amv) and print code,\n"
	"                           name, computed, published, difference,\n"
	"                           computed_amv, published_amv and amv_difference\n"
	"                           per row, with a summary on stderr\n"
	"  -f, --format FORMAT      csv (default), json or table\n"
	"  -h, --help               print this help and exit\n"
	"\n"
	"Example: the indicative distribution of 2024-2025\n"
	"  opvang distribute --total 96000 --amv 8140\n";

enum level { BY_MUNICIPALITY, BY_PROVINCE };  /* in the order of level_names */

struct distribute_args {
	int64_t total;
	int have_total;
	int64_t amv;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	const char *ses_path;        /* NULL: the register's own scores */
	const char *compare_path;    /* NULL: print the distribution */
	opv_ses_transform transform; /* default OPV_SES_AUTO: the library's rule */
	opv_method method;
	opv_amv_mode amv_mode;
	enum level level;
	int explain;
	enum out_format format;
	int help_shown;              /* --help was given: nothing more to do */
};

/* ---- the tables ------------------------------------------------------------ */

enum {
	COL_CODE, COL_NAME, COL_PROVINCE_CODE, COL_PROVINCE, COL_POPULATION, COL_SES,
	COL_WEIGHT, COL_QUOTA, COL_PLACES, COL_AMV, COL_REGULAR,
	COL_FLOOR, COL_REMAINDER, COL_RANK, COL_PRIORITY,
	COL_COUNT
};

/* A prefix of these is printed: up to COL_REGULAR, COL_RANK or COL_PRIORITY. */
static const struct out_column municipality_columns[COL_COUNT] = {
	[COL_CODE] = { "code", OUT_TEXT },
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_PROVINCE_CODE] = { "province_code", OUT_TEXT },
	[COL_PROVINCE] = { "province", OUT_TEXT },
	[COL_POPULATION] = { "population", OUT_INTEGER },
	[COL_SES] = { "ses", OUT_REAL },
	[COL_WEIGHT] = { "weight", OUT_REAL },
	[COL_QUOTA] = { "quota", OUT_REAL },
	[COL_PLACES] = { "places", OUT_INTEGER },
	[COL_AMV] = { "amv", OUT_INTEGER },
	[COL_REGULAR] = { "regular", OUT_INTEGER },
	[COL_FLOOR] = { "floor", OUT_INTEGER },
	[COL_REMAINDER] = { "remainder", OUT_REAL },
	[COL_RANK] = { "rank", OUT_INTEGER },
	[COL_PRIORITY] = { "priority", OUT_REAL },
};

enum {
	PCOL_CODE, PCOL_NAME, PCOL_MUNICIPALITIES, PCOL_POPULATION,
	PCOL_PLACES, PCOL_AMV, PCOL_REGULAR,
	PCOL_COUNT
};

static const struct out_column province_columns[PCOL_COUNT] = {
	[PCOL_CODE] = { "province_code", OUT_TEXT },
	[PCOL_NAME] = { "province", OUT_TEXT },
	[PCOL_MUNICIPALITIES] = { "municipalities", OUT_INTEGER },
	[PCOL_POPULATION] = { "population", OUT_INTEGER },
	[PCOL_PLACES] = { "places", OUT_INTEGER },
	[PCOL_AMV] = { "amv", OUT_INTEGER },
	[PCOL_REGULAR] = { "regular", OUT_INTEGER },
};

enum {
	CCOL_CODE, CCOL_NAME, CCOL_COMPUTED, CCOL_PUBLISHED, CCOL_DIFFERENCE,
	CCOL_COMPUTED_AMV, CCOL_PUBLISHED_AMV, CCOL_AMV_DIFFERENCE,
	CCOL_COUNT
};

static const struct out_column comparison_columns[CCOL_COUNT] = {
	[CCOL_CODE] = { "code", OUT_TEXT },
	[CCOL_NAME] = { "name", OUT_TEXT },
	[CCOL_COMPUTED] = { "computed", OUT_INTEGER },
	[CCOL_PUBLISHED] = { "published", OUT_INTEGER },
	[CCOL_DIFFERENCE] = { "difference", OUT_INTEGER },
	[CCOL_COMPUTED_AMV] = { "computed_amv", OUT_INTEGER },
	[CCOL_PUBLISHED_AMV] = { "published_amv", OUT_INTEGER },
	[CCOL_AMV_DIFFERENCE] = { "amv_difference", OUT_INTEGER },
};

/* ---- the command line ------------------------------------------------------- */

static const char *const level_names[] = { "municipality", "province", NULL };

/* Options that make no sense together are refused rather than half obeyed. */
static int check_combinations(const struct distribute_args *args, const struct cli_command *self)
{
	if (!args->have_total)
		return cli_usage_error(self, "missing required option --total");
	/* The library's rule too (opv_distribute); here it is a wrong command line. */
	if (args->amv > args->total)
		return cli_usage_error(self, "--amv %lld is more than --total %lld", (long long)args->amv,
		                       (long long)args->total);
	if (args->level == BY_PROVINCE && args->explain)
		return cli_usage_error(self, "--explain explains municipalities; it does not go with --by province");
	if (args->level == BY_PROVINCE && args->compare_path != NULL)
		return cli_usage_error(self, "--compare compares municipalities; it does not go with --by province");
	if (args->explain && args->compare_path != NULL)
		return cli_usage_error(self, "--explain does not go with --compare");
	return CLI_EXIT_OK;
}

CLI_DEFINE_LOOKUP(lookup_ses_transform, opv_ses_transform, opv_ses_transform_from_name)
CLI_DEFINE_LOOKUP(lookup_method, opv_method, opv_method_from_name)
CLI_DEFINE_LOOKUP(lookup_amv_mode, opv_amv_mode, opv_amv_mode_from_name)

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct distribute_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	/* The library's messages for its names say what was unknown. */
	const struct cli_option options[] = {
		{ CLI_COUNT("total", 't', &args->total), .given = &args->have_total },
		{ CLI_COUNT("amv", 'a', &args->amv) },
		CLI_REGISTER_OPTIONS(&args->reg),
		{ CLI_STRING("ses", 's', &args->ses_path) },
		{ CLI_LOOKUP("ses-transform", 0, &args->transform, lookup_ses_transform),
		  .flags = CLI_MESSAGE_ALONE },
		{ CLI_LOOKUP("method", 'm', &args->method, lookup_method), .flags = CLI_MESSAGE_ALONE },
		{ CLI_LOOKUP("amv-mode", 0, &args->amv_mode, lookup_amv_mode),
		  .flags = CLI_MESSAGE_ALONE },
		{ CLI_CHOICE("by", 'b', &args->level, level_names) },
		{ CLI_FLAG("explain", 'e', &args->explain) },
		{ CLI_STRING("compare", 'c', &args->compare_path) },
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (check_combinations(args, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return CLI_EXIT_OK;
}

/* ---- computing ---------------------------------------------------------------- */

/* Every column of one distribution, one element per municipality. */
struct distribution {
	opv_distribution_columns columns;
	opv_distribution_summary summary;
	size_t count;
};

static void distribution_free(struct distribution *d)
{
	free(d->columns.weight);
	free(d->columns.quota);
	free(d->columns.places);
	free(d->columns.amv);
	free(d->columns.regular);
	free(d->columns.floor);
	free(d->columns.remainder);
	free(d->columns.rank);
	free(d->columns.priority);
}

static int distribute(struct distribution *d, const opv_register *reg,
                      const struct distribute_args *args, opv_error *err)
{
	opv_distribution_options options = OPV_DISTRIBUTION_OPTIONS_INIT;
	opv_distribution_columns *c = &d->columns;
	const opv_distribution_summary zero = OPV_DISTRIBUTION_SUMMARY_INIT;
	const opv_distribution_columns none = OPV_DISTRIBUTION_COLUMNS_INIT;
	size_t slots;

	*c = none;
	d->summary = zero;
	d->count = opv_register_count(reg);
	slots = d->count ? d->count : 1;
	c->weight = calloc(slots, sizeof *c->weight);
	c->quota = calloc(slots, sizeof *c->quota);
	c->places = calloc(slots, sizeof *c->places);
	c->amv = calloc(slots, sizeof *c->amv);
	c->regular = calloc(slots, sizeof *c->regular);
	c->floor = calloc(slots, sizeof *c->floor);
	c->remainder = calloc(slots, sizeof *c->remainder);
	c->rank = calloc(slots, sizeof *c->rank);
	c->priority = calloc(slots, sizeof *c->priority);
	if (!c->weight || !c->quota || !c->places || !c->amv || !c->regular || !c->floor
	    || !c->remainder || !c->rank || !c->priority)
		return cli_out_of_memory(err);

	options.ses_transform = args->transform;
	options.method = args->method;
	options.amv_mode = args->amv_mode;
	return opv_distribute(c, &d->summary, reg, args->total, args->amv, NULL, &options, err);
}

/* ---- building the output -------------------------------------------------------- */

static size_t municipality_column_count(const struct distribute_args *args)
{
	if (!args->explain)
		return COL_FLOOR;
	/* Only the divisor methods win places by priority. */
	return args->method == OPV_HAMILTON ? COL_PRIORITY : COL_COUNT;
}

static out_table *municipality_table(const opv_register *reg, const struct distribution *d,
                                     const struct distribute_args *args)
{
	const opv_distribution_columns *c = &d->columns;
	size_t ncolumns = municipality_column_count(args);
	out_table *table = out_table_new(municipality_columns, ncolumns);

	if (table == NULL)
		return NULL;
	for (size_t i = 0; i < d->count; i++) {
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
		out_table_set_real(table, COL_WEIGHT, c->weight[i]);
		out_table_set_real(table, COL_QUOTA, c->quota[i]);
		out_table_set_integer(table, COL_PLACES, c->places[i]);
		out_table_set_integer(table, COL_AMV, c->amv[i]);
		out_table_set_integer(table, COL_REGULAR, c->regular[i]);
		if (ncolumns <= COL_FLOOR)
			continue;
		out_table_set_integer(table, COL_FLOOR, c->floor[i]);
		out_table_set_real(table, COL_REMAINDER, c->remainder[i]);
		out_table_set_integer(table, COL_RANK, c->rank[i]);
		/* A municipality without places won none: an empty cell, not "nan". */
		if (ncolumns > COL_PRIORITY && !isnan(c->priority[i]))
			out_table_set_real(table, COL_PRIORITY, c->priority[i]);
	}
	return table;
}

/* The province sums of places, AMV and regular places, in province order. */
struct province_sums {
	int64_t *places, *amv, *regular;
};

static out_table *province_table(const opv_register *reg, const struct distribution *d,
                                 opv_error *err)
{
	size_t nprovinces = opv_register_province_count(reg);
	size_t slots = nprovinces ? nprovinces : 1;
	struct province_sums sums = {
		calloc(slots, sizeof *sums.places),
		calloc(slots, sizeof *sums.amv),
		calloc(slots, sizeof *sums.regular),
	};
	out_table *table = NULL;

	if (!sums.places || !sums.amv || !sums.regular) {
		cli_out_of_memory(err);
		goto done;
	}
	if (opv_register_sum_by_province(sums.places, reg, d->columns.places, err) != OPV_OK
	    || opv_register_sum_by_province(sums.amv, reg, d->columns.amv, err) != OPV_OK
	    || opv_register_sum_by_province(sums.regular, reg, d->columns.regular, err) != OPV_OK)
		goto done;

	table = out_table_new(province_columns, PCOL_COUNT);
	if (table == NULL)
		goto out_of_memory;
	for (size_t p = 0; p < nprovinces; p++) {
		const opv_province *province = opv_register_province_at(reg, p);

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, PCOL_CODE, province->code) != 0
		    || out_table_set_text(table, PCOL_NAME, province->name) != 0)
			goto out_of_memory;
		out_table_set_integer(table, PCOL_MUNICIPALITIES, (int64_t)province->municipalities);
		out_table_set_integer(table, PCOL_POPULATION, province->population);
		out_table_set_integer(table, PCOL_PLACES, sums.places[p]);
		out_table_set_integer(table, PCOL_AMV, sums.amv[p]);
		out_table_set_integer(table, PCOL_REGULAR, sums.regular[p]);
	}
	goto done;

out_of_memory:
	out_table_free(table);
	table = NULL;
	cli_out_of_memory(err);
done:
	free(sums.places);
	free(sums.amv);
	free(sums.regular);
	return table;
}

static out_table *comparison_table(const opv_register *reg, const opv_comparison *cmp)
{
	out_table *table = out_table_new(comparison_columns, CCOL_COUNT);

	if (table == NULL)
		return NULL;
	for (size_t i = 0; i < opv_comparison_count(cmp); i++) {
		const opv_comparison_row *row = opv_comparison_at(cmp, i);
		const opv_municipality *m = opv_register_at(reg, row->municipality);

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, CCOL_CODE, m->code) != 0
		    || out_table_set_text(table, CCOL_NAME, m->name) != 0) {
			out_table_free(table);
			return NULL;
		}
		out_table_set_integer(table, CCOL_COMPUTED, row->computed);
		out_table_set_integer(table, CCOL_PUBLISHED, row->published);
		out_table_set_integer(table, CCOL_DIFFERENCE, row->difference);
		if (!row->has_amv)
			continue;  /* not published: empty cells, not zeros */
		out_table_set_integer(table, CCOL_COMPUTED_AMV, row->computed_amv);
		out_table_set_integer(table, CCOL_PUBLISHED_AMV, row->published_amv);
		out_table_set_integer(table, CCOL_AMV_DIFFERENCE, row->amv_difference);
	}
	return table;
}

/* ---- notes on stderr -------------------------------------------------------------- */

static void note_distribution(const struct distribution *d, const struct distribute_args *args)
{
	cli_note("SES transform: %s", opv_ses_transform_name(d->summary.ses_transform));
	/* Rounding every municipality on its own need not add up to A; the law's
	 * practice keeps the rounding, so the user is told rather than corrected. */
	if (d->summary.amv_residual != 0)
		cli_note("the AMV places add up to %" PRId64 ", not %" PRId64
		         " (rounding per municipality; --amv-mode apportion makes the sum exact)",
		         d->summary.amv, args->amv);
}

static void note_comparison(const opv_register *reg, const opv_comparison *cmp)
{
	const opv_comparison_row *largest = opv_comparison_largest(cmp);
	const opv_municipality *m = opv_register_at(reg, largest->municipality);

	cli_note("compared %zu rows: %zu exact; largest difference %" PRId64
	         " at %s (%s): computed %" PRId64 ", published %" PRId64,
	         opv_comparison_count(cmp), opv_comparison_exact(cmp),
	         largest->difference, m->code, m->name, largest->computed, largest->published);
}

/* ---- the command ---------------------------------------------------------------- */

/*
 * Builds what the command prints: the distribution, its province sums or its
 * comparison with a published table.  When comparing, `*cmp` is set too, for
 * the summary on stderr.  Returns NULL with `err` filled on failure.
 */
static out_table *result_table(opv_comparison **cmp, const opv_register *reg,
                               const struct distribution *d, const struct distribute_args *args,
                               opv_error *err)
{
	out_table *table;

	if (args->compare_path != NULL) {
		if (opv_compare_load_csv(cmp, reg, d->columns.places, d->columns.amv,
		                         args->compare_path, err) != OPV_OK)
			return NULL;
		table = comparison_table(reg, *cmp);
	} else if (args->level == BY_PROVINCE) {
		return province_table(reg, d, err);
	} else {
		table = municipality_table(reg, d, args);
	}
	if (table == NULL)
		cli_out_of_memory(err);
	return table;
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct distribute_args args = {
		0, 0, 0, CLI_REGISTER_ARGS_INIT, NULL, NULL, OPV_SES_AUTO, OPV_HAMILTON, OPV_AMV_ROUND,
		BY_MUNICIPALITY, 0, OUT_CSV, 0
	};
	struct distribution d = { OPV_DISTRIBUTION_COLUMNS_INIT, OPV_DISTRIBUTION_SUMMARY_INIT, 0 };
	opv_error err = OPV_ERROR_INIT;
	opv_comparison *cmp = NULL;
	opv_register *reg = NULL;
	out_table *table = NULL;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (cli_load_register(&reg, &args.reg, NULL, args.ses_path, &err) != OPV_OK
	    || distribute(&d, reg, &args, &err) != OPV_OK
	    || (table = result_table(&cmp, reg, &d, &args, &err)) == NULL) {
		status = cli_library_error(&err);
	} else if (cli_state_register(table, reg) != 0
	           || out_table_set_meta_text(table, "ses_transform",
	                                      opv_ses_transform_name(d.summary.ses_transform)) != 0) {
		cli_out_of_memory(&err);
		status = cli_library_error(&err);
	} else {
		note_distribution(&d, &args);
		if (cmp != NULL)
			note_comparison(reg, cmp);
		status = cli_emit(table, args.format);
	}
	out_table_free(table);
	opv_comparison_free(cmp);
	distribution_free(&d);
	opv_register_free(reg);
	return status;
}

const struct cli_command cli_command_distribute = {
	"distribute",
	"split the national reception places over municipalities (Spreidingswet key)",
	usage,
	run,
};
