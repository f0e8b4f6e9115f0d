/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang capacity: reception capacity week by week, and where it changes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "opvang/date.h"
#include "opvang/places.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang capacity --locations FILE --from YYYY-MM-DD --to YYYY-MM-DD\n"
	"                       [--by type|province] [--changes] [--register FILE | --population-date D]\n"
	"                       [--format csv|json|table]\n"
	"\n"
	"The national capacity of the reception locations on the first day of every\n"
	"week from --from: the weeks start on --from, 7 days later, and so on, as\n"
	"long as the start is not after --to.  A location counts from its opening\n"
	"day up to, not including, its closing day.\n"
	"\n"
	"Columns: week_start and total; with --by type also one column per type\n"
	"(azc, amv, nood, spoednood, crisis, hotel, doorstroom) before total, with\n"
	"--by province one column per province, named after it, in register order.\n"
	"\n"
	"With --changes: the openings and closings from --from to --to inclusive,\n"
	"in date order (then file order), with the columns date, id, code, name (of\n"
	"the location), type and delta (+capacity on opening, -capacity on\n"
	"closing).\n"
	"\n"
	"Options:\n"
	"  -l, --locations FILE   the locations: a CSV table with the columns id,\n"
	"                         code, name, type, agreed_capacity, capacity, opens\n"
	"                         and closes (see 'opvang places --help'; required)\n"
	"      --from DATE        the first week's first day, YYYY-MM-DD (required)\n"
	"      --to DATE          the last day a week may start, YYYY-MM-DD\n"
	"                         (required)\n"
	"  -b, --by BREAKDOWN     type or province\n"
	"  -c, --changes          list the openings and closings instead\n"
	CLI_REGISTER_HELP
	"  -f, --format FORMAT    csv (default), json or table\n"
	"  -h, --help             print this help and exit\n"
	"\n"
	"Example: the summer of 2026 by type of location\n"
	"  opvang capacity --locations examples/data/synthetic_locations.csv \\\n"
	"      --from 2026-06-01 --to 2026-08-31 --by type\n";

enum breakdown { BY_NOTHING = -1, BY_TYPE = 0, BY_PROVINCE = 1 };  /* as breakdown_names */

static const char *const breakdown_names[] = { "type", "province", NULL };

struct capacity_args {
	const char *locations_path;
	opv_day from, to;
	int have_from, have_to;
	enum breakdown breakdown;
	int changes;
	struct cli_register_args reg;  /* --register, --population-date, --map-mergers */
	enum out_format format;
	int help_shown;             /* --help was given: nothing more to do */
};

enum { CCOL_DATE, CCOL_ID, CCOL_CODE, CCOL_NAME, CCOL_TYPE, CCOL_DELTA, CCOL_COUNT };

static const struct out_column change_columns[CCOL_COUNT] = {
	[CCOL_DATE] = { "date", OUT_TEXT },
	[CCOL_ID] = { "id", OUT_TEXT },
	[CCOL_CODE] = { "code", OUT_TEXT },
	[CCOL_NAME] = { "name", OUT_TEXT },
	[CCOL_TYPE] = { "type", OUT_TEXT },
	[CCOL_DELTA] = { "delta", OUT_INTEGER },
};

/* ---- the command line ------------------------------------------------------- */

/* Options that make no sense together are refused rather than half obeyed. */
static int check_combinations(const struct capacity_args *args, const struct cli_command *self)
{
	if (args->locations_path == NULL)
		return cli_usage_error(self, "missing required option --locations");
	if (!args->have_from)
		return cli_usage_error(self, "missing required option --from");
	if (!args->have_to)
		return cli_usage_error(self, "missing required option --to");
	if (args->to < args->from)
		return cli_usage_error(self, "--to is before --from");
	size_t weeks;
	opv_error err = OPV_ERROR_INIT;
	if (opv_date_series(NULL, 0, &weeks, args->from, args->to, OPV_EVERY_WEEK, &err) != OPV_OK)
		return cli_usage_error(self, "--from, --to: %s", err.message);
	if (args->changes && args->breakdown != BY_NOTHING)
		return cli_usage_error(self, "--changes lists locations; it does not go with --by");
	return CLI_EXIT_OK;
}

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct capacity_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	const struct cli_option options[] = {
		{ CLI_STRING("locations", 'l', &args->locations_path) },
		{ CLI_DATE("from", 0, &args->from), .given = &args->have_from },
		{ CLI_DATE("to", 0, &args->to), .given = &args->have_to },
		{ CLI_CHOICE("by", 'b', &args->breakdown, breakdown_names) },
		{ CLI_FLAG("changes", 'c', &args->changes) },
		CLI_REGISTER_OPTIONS(&args->reg),
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (cli_check_register_args(&args->reg, self) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	return check_combinations(args, self);
}

/* ---- the weekly timeline ------------------------------------------------------ */

/*
 * The columns of the timeline: week_start, one per type or province unless
 * the breakdown is BY_NOTHING, then total.  The names point into static
 * storage or the register, which outlives the table.
 */
struct timeline_columns {
	struct out_column *columns;
	size_t count;
	size_t parts;  /* columns between week_start and total */
};

static size_t breakdown_parts(const opv_register *reg, enum breakdown breakdown)
{
	return breakdown == BY_PROVINCE ? opv_register_province_count(reg)
	                                : (size_t)OPV_LOCATION_TYPE_COUNT;
}

static int timeline_columns_make(struct timeline_columns *tc, const opv_register *reg,
                                 enum breakdown breakdown)
{
	size_t parts = breakdown == BY_NOTHING ? 0 : breakdown_parts(reg, breakdown);

	tc->columns = calloc(parts + 2, sizeof *tc->columns);
	if (tc->columns == NULL)
		return -1;
	tc->count = parts + 2;
	tc->parts = parts;
	tc->columns[0] = (struct out_column){ "week_start", OUT_TEXT };
	for (size_t k = 0; k < parts; k++) {
		const char *name = breakdown == BY_PROVINCE
		                   ? opv_register_province_at(reg, k)->name
		                   : opv_location_type_name((opv_location_type)k);
		tc->columns[1 + k] = (struct out_column){ name, OUT_INTEGER };
	}
	tc->columns[parts + 1] = (struct out_column){ "total", OUT_INTEGER };
	return 0;
}

static out_table *timeline_table(const opv_register *reg, const opv_locations *locations,
                                 const struct capacity_args *args,
                                 struct timeline_columns *tc, opv_error *err)
{
	/* Without a breakdown the total is still summed over the types. */
	enum breakdown computed = args->breakdown == BY_NOTHING ? BY_TYPE : args->breakdown;
	size_t parts = breakdown_parts(reg, computed);
	size_t nweeks = (size_t)(args->to - args->from) / 7 + 1;
	int64_t *capacity = NULL;
	out_table *table = NULL;

	if (timeline_columns_make(tc, reg, args->breakdown) != 0)
		goto out_of_memory;
	if (nweeks > SIZE_MAX / sizeof *capacity / (parts ? parts : 1))
		goto out_of_memory;
	capacity = calloc(nweeks * (parts ? parts : 1), sizeof *capacity);
	if (capacity == NULL)
		goto out_of_memory;
	if (opv_capacity_timeline(capacity, nweeks, parts, reg, locations, args->from,
	                          computed == BY_PROVINCE ? OPV_BY_PROVINCE : OPV_BY_TYPE,
	                          err) != OPV_OK)
		goto done;

	table = out_table_new(tc->columns, tc->count);
	if (table == NULL)
		goto out_of_memory;
	for (size_t w = 0; w < nweeks; w++) {
		const int64_t *row = capacity + w * parts;
		char date[OPV_DATE_TEXT_SIZE];
		int64_t total = 0;

		opv_date_format(date, sizeof date, (opv_day)(args->from + 7 * (int64_t)w), NULL);
		if (out_table_add_row(table) != 0 || out_table_set_text(table, 0, date) != 0)
			goto out_of_memory;
		for (size_t k = 0; k < parts; k++) {
			/* Capacities are never negative, so one bound suffices. */
			if (row[k] > INT64_MAX - total) {
				err->code = OPV_ERANGE;
				snprintf(err->message, sizeof err->message,
				         "the capacity in the week of %s overflows", date);
				goto failed;
			}
			total += row[k];
			if (tc->parts > 0)
				out_table_set_integer(table, 1 + k, row[k]);
		}
		out_table_set_integer(table, tc->parts + 1, total);
	}
	goto done;

out_of_memory:
	cli_out_of_memory(err);
failed:
	out_table_free(table);
	table = NULL;
done:
	free(capacity);
	return table;
}

/* ---- the change points ------------------------------------------------------------ */

static out_table *changes_table(const opv_locations *locations, const struct capacity_args *args,
                                opv_error *err)
{
	opv_capacity_change *changes = NULL;
	out_table *table = NULL;
	size_t count;

	if (opv_capacity_changes(NULL, 0, &count, locations, args->from, args->to, err) != OPV_OK)
		return NULL;
	changes = calloc(count ? count : 1, sizeof *changes);
	if (changes == NULL)
		goto out_of_memory;
	if (opv_capacity_changes(changes, count, &count, locations, args->from, args->to, err)
	    != OPV_OK)
		goto done;

	table = out_table_new(change_columns, CCOL_COUNT);
	if (table == NULL)
		goto out_of_memory;
	for (size_t i = 0; i < count; i++) {
		const opv_location *location = opv_locations_at(locations, changes[i].location);
		char date[OPV_DATE_TEXT_SIZE];

		opv_date_format(date, sizeof date, changes[i].date, NULL);
		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, CCOL_DATE, date) != 0
		    || out_table_set_text(table, CCOL_ID, location->id) != 0
		    || out_table_set_text(table, CCOL_CODE, location->code) != 0
		    || out_table_set_text(table, CCOL_NAME, location->name) != 0
		    || out_table_set_text(table, CCOL_TYPE, opv_location_type_name(location->type))
		       != 0)
			goto out_of_memory;
		out_table_set_integer(table, CCOL_DELTA, changes[i].delta);
	}
	goto done;

out_of_memory:
	out_table_free(table);
	table = NULL;
	cli_out_of_memory(err);
done:
	free(changes);
	return table;
}

/* ---- the command ---------------------------------------------------------------- */

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct capacity_args args = {
		NULL, 0, 0, 0, 0, BY_NOTHING, 0, CLI_REGISTER_ARGS_INIT, OUT_CSV, 0
	};
	struct timeline_columns tc = { NULL, 0, 0 };
	opv_error err = OPV_ERROR_INIT;
	opv_locations *locations = NULL;
	opv_register *reg = NULL;
	out_table *table = NULL;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (cli_load_register(&reg, &args.reg, NULL, NULL, &err) != OPV_OK
	    || opv_locations_load_csv(&locations, reg, args.locations_path, &err) != OPV_OK
	    || (table = args.changes ? changes_table(locations, &args, &err)
	                             : timeline_table(reg, locations, &args, &tc, &err)) == NULL)
		status = cli_library_error(&err);
	else
		status = cli_emit(table, args.format);
	/* The table borrows its columns: free it first. */
	out_table_free(table);
	free(tc.columns);
	opv_locations_free(locations);
	opv_register_free(reg);
	return status;
}

const struct cli_command cli_command_capacity = {
	"capacity",
	"national reception capacity week by week, by type or province, and its changes",
	usage,
	run,
};
