/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * opvang places: who has met the Spreidingswet task on a day, by how much, and
 * which places count.  The counting and the sums are the library's
 * (opv_compliance_on(), opv_location_assess()); this file reads the command
 * line and lays the results out.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "opvang/date.h"
#include "opvang/places.h"
#include "opvang/register.h"

#include "cli.h"
#include "commands.h"
#include "input.h"
#include "task_inputs.h"

/* The help says what every column and rule means, which takes more than the
 * 4095 characters C99 promises for a literal; GCC and clang take any length. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif

static const char usage[] =
	"usage: opvang places --locations FILE\n"
	"                     (--date D | --from D1 --to D2 [--every week|month])\n"
	"                     [--tasks FILE | --total C [--amv A] [--ses FILE]]\n"
	"                     [--by municipality|province|nation|location]\n"
	"                     [--shortfalls-only] [--min-years N]\n"
	"                     [--durability agreed-period|remaining]\n"
	"                     [--existing-min-places N [--existing-before D]]\n"
	"                     [--register FILE | --population-date D] [--map-mergers]\n"
	"                     [--format csv|json|table]\n"
	"\n"
	"Counts the reception places of every municipality on a day as the\n"
	"Spreidingswet counts them, and sets them against its task: who has not met\n"
	"the task, by how many places, regular and AMV, and which places count.\n"
	"\n"
	"How places count (docs/counting.md gives the legal source of each rule):\n"
	"  - a location is open on a day when opens <= day < closes;\n"
	"  - it counts when its type is azc or amv and it is durable: open-ended, or\n"
	"    agreed for at least N years (--min-years, default 5: the Besluit's\n"
	"    'duurzame opvangplaatsen'); emergency (nood, spoednood, crisis), hotel\n"
	"    and transit (doorstroom) places never count;\n"
	"  - a counting location adds min(capacity, agreed_capacity): places above\n"
	"    the administrative agreement never count;\n"
	"  - places of amv locations count toward the AMV part of the task, and as\n"
	"    part of the task toward the whole.\n"
	"Places of a special kind (bijzondere aard) are not modelled.\n"
	"\n"
	"Where the task comes from (column task_source):\n"
	"  tasks-file      --tasks FILE, e.g. a decision (verdeelbesluit)\n"
	"  key-ses         --total with --ses: the indicative key as the law weighs it\n"
	"  key-population  --total without --ses: population alone, which is NOT the\n"
	"                  legal key (a warning says so)\n"
	"\n"
	"Columns by municipality: code, name, province_code, province, task_source,\n"
	"task (the whole task, AMV included), task_amv (the part that must be AMV\n"
	"places), places_counting (places that count), places_counting_amv (of\n"
	"which in amv locations), places_total (capacity of every open location),\n"
	"places_above_agreement (sum of capacity - agreed_capacity where positive),\n"
	"gap (task - places_counting; negative is a surplus), gap_amv (task_amv -\n"
	"places_counting_amv) and met (true when gap <= 0 and gap_amv <= 0).\n"
	"Without a task, the task columns, gap, gap_amv and met are empty.\n"
	"\n"
	"By province (and by nation: one row, NL Nederland): province_code,\n"
	"province, municipalities, then task ... met as sums over its\n"
	"municipalities, so gap is the net gap (a surplus in one municipality counts\n"
	"toward its province, as the provincial total does before a\n"
	"verdeelbesluit), and municipalities_short (how many have not met theirs).\n"
	"\n"
	"By location: date, id, name, code, municipality, type, agreed_capacity,\n"
	"capacity, opens, closes, places_total, places_counting,\n"
	"places_counting_amv, places_above_agreement, counts and reason (counts,\n"
	"not-open, not-regular, not-durable, small-existing).\n"
	"\n"
	"With --from and --to the table repeats for every day of the series, with a\n"
	"leading column date.  Notes on stderr say where the task comes from, the\n"
	"population date of a key and how many municipalities fall short.\n"
	"\n"
	"Options:\n"
	"  -d, --date DATE        the day to look at, YYYY-MM-DD (a result that\n"
	"                         changed with the day it was run would not be\n"
	"                         reproducible, so there is no default)\n"
	"      --from D1, --to D2 a series of days instead: weeks from D1, or the\n"
	"                         1st of every month (--every month), up to D2\n"
	"      --every STEP       week (the default) or month\n"
	"  -b, --by LEVEL         municipality (the default), province, nation or\n"
	"                         location\n"
	"      --shortfalls-only  only the rows that have not met their task,\n"
	"                         largest gap first (needs a task)\n"
	CLI_TASK_HELP
	"  -f, --format FORMAT    csv (default), json or table\n"
	"  -h, --help             print this help and exit\n"
	"\n"
	"Example: who falls short on 1 July 2026 of the 2024-2025 key\n"
	"  opvang places --locations examples/data/synthetic_locations.csv \\\n"
	"      --date 2026-07-01 --total 96000 --amv 8140 --shortfalls-only\n";

enum level { BY_MUNICIPALITY, BY_PROVINCE, BY_NATION, BY_LOCATION };  /* as level_names */

static const char *const level_names[] = { "municipality", "province", "nation", "location", NULL };

struct places_args {
	struct cli_task_args in;    /* locations, task, rules, register */
	opv_day date, from, to;
	int have_date, have_from, have_to, have_every;
	opv_every every;
	enum level level;
	int shortfalls_only;
	enum out_format format;
	int help_shown;             /* --help was given: nothing more to do */
};

/* ---- the columns ------------------------------------------------------------ */

/* The compliance columns in the order they are printed, after the names. */
static const opv_compliance_column printed[] = {
	OPV_COLUMN_TASK, OPV_COLUMN_TASK_AMV, OPV_COLUMN_PLACES_COUNTING,
	OPV_COLUMN_PLACES_COUNTING_AMV, OPV_COLUMN_PLACES_TOTAL, OPV_COLUMN_PLACES_ABOVE_AGREEMENT,
	OPV_COLUMN_GAP, OPV_COLUMN_GAP_AMV, OPV_COLUMN_MET,
};
#define NPRINTED (sizeof printed / sizeof *printed)

enum {
	MCOL_DATE, MCOL_CODE, MCOL_NAME, MCOL_PROVINCE_CODE, MCOL_PROVINCE, MCOL_TASK_SOURCE,
	MCOL_FIRST,  /* then the printed columns */
	MCOL_COUNT = MCOL_FIRST + NPRINTED
};

static const struct out_column municipality_columns[MCOL_COUNT] = {
	{ "date", OUT_TEXT }, { "code", OUT_TEXT }, { "name", OUT_TEXT },
	{ "province_code", OUT_TEXT }, { "province", OUT_TEXT }, { "task_source", OUT_TEXT },
	{ "task", OUT_INTEGER }, { "task_amv", OUT_INTEGER }, { "places_counting", OUT_INTEGER },
	{ "places_counting_amv", OUT_INTEGER }, { "places_total", OUT_INTEGER },
	{ "places_above_agreement", OUT_INTEGER }, { "gap", OUT_INTEGER }, { "gap_amv", OUT_INTEGER },
	{ "met", OUT_BOOLEAN },
};

enum {
	PCOL_DATE, PCOL_CODE, PCOL_NAME, PCOL_MUNICIPALITIES,
	PCOL_FIRST,  /* then the printed columns */
	PCOL_SHORT = PCOL_FIRST + NPRINTED,
	PCOL_COUNT
};

static const struct out_column province_columns[PCOL_COUNT] = {
	{ "date", OUT_TEXT }, { "province_code", OUT_TEXT }, { "province", OUT_TEXT },
	{ "municipalities", OUT_INTEGER },
	{ "task", OUT_INTEGER }, { "task_amv", OUT_INTEGER }, { "places_counting", OUT_INTEGER },
	{ "places_counting_amv", OUT_INTEGER }, { "places_total", OUT_INTEGER },
	{ "places_above_agreement", OUT_INTEGER }, { "gap", OUT_INTEGER }, { "gap_amv", OUT_INTEGER },
	{ "met", OUT_BOOLEAN }, { "municipalities_short", OUT_INTEGER },
};

enum {
	LCOL_DATE, LCOL_ID, LCOL_NAME, LCOL_CODE, LCOL_MUNICIPALITY, LCOL_TYPE, LCOL_AGREED,
	LCOL_CAPACITY, LCOL_OPENS, LCOL_CLOSES, LCOL_TOTAL, LCOL_COUNTING, LCOL_COUNTING_AMV,
	LCOL_ABOVE, LCOL_COUNTS, LCOL_REASON,
	LCOL_COUNT
};

static const struct out_column location_columns[LCOL_COUNT] = {
	{ "date", OUT_TEXT }, { "id", OUT_TEXT }, { "name", OUT_TEXT }, { "code", OUT_TEXT },
	{ "municipality", OUT_TEXT }, { "type", OUT_TEXT }, { "agreed_capacity", OUT_INTEGER },
	{ "capacity", OUT_INTEGER }, { "opens", OUT_TEXT }, { "closes", OUT_TEXT },
	{ "places_total", OUT_INTEGER }, { "places_counting", OUT_INTEGER },
	{ "places_counting_amv", OUT_INTEGER }, { "places_above_agreement", OUT_INTEGER },
	{ "counts", OUT_BOOLEAN }, { "reason", OUT_TEXT },
};

/* ---- the command line ------------------------------------------------------- */

static int has_task(const struct places_args *args)
{
	return args->in.tasks_path != NULL || args->in.have_total;
}

/* Options that make no sense together are refused rather than half obeyed. */
static int check_combinations(const struct places_args *args, const struct cli_command *self)
{
	if (args->have_date && (args->have_from || args->have_to))
		return cli_usage_error(self, "--date gives one day, --from and --to a series; "
		                       "choose one");
	if (!args->have_date && !(args->have_from && args->have_to))
		return cli_usage_error(self, args->have_from || args->have_to
		                               ? "--from and --to go together"
		                               : "missing required option --date (or --from and --to)");
	if (args->have_every && !args->have_from)
		return cli_usage_error(self, "--every goes with --from and --to");
	if (args->have_from) {
		size_t days;
		opv_error err = OPV_ERROR_INIT;
		if (opv_date_series(NULL, 0, &days, args->from, args->to, args->every, &err) != OPV_OK)
			return cli_usage_error(self, "--from, --to: %s", err.message);
		if (days == 0) {
			char from[OPV_DATE_TEXT_SIZE], to[OPV_DATE_TEXT_SIZE];
			opv_date_format(from, sizeof from, args->from, NULL);
			opv_date_format(to, sizeof to, args->to, NULL);
			return cli_usage_error(self, "--from, --to: there is no 1st of a month from %s to %s",
			                       from, to);
		}
	}
	if (args->shortfalls_only && !has_task(args))
		return cli_usage_error(self, "--shortfalls-only needs a task (--tasks or --total)");
	if (args->shortfalls_only && args->level == BY_LOCATION)
		return cli_usage_error(self, "--shortfalls-only keeps rows that have not met a task; "
		                       "locations have none");
	return cli_check_task_args(&args->in, self, 0);
}

/* The names are the library's (opv_every_name()). */
CLI_DEFINE_LOOKUP(lookup_every, opv_every, opv_every_from_name)

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct places_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	const struct cli_option options[] = {
		CLI_TASK_OPTIONS(&args->in),
		{ CLI_DATE("date", 'd', &args->date), .given = &args->have_date },
		{ CLI_DATE("from", 0, &args->from), .given = &args->have_from },
		{ CLI_DATE("to", 0, &args->to), .given = &args->have_to },
		{ CLI_LOOKUP("every", 0, &args->every, lookup_every), .given = &args->have_every },
		{ CLI_CHOICE("by", 'b', &args->level, level_names) },
		{ CLI_FLAG("shortfalls-only", 0, &args->shortfalls_only) },
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	return check_combinations(args, self);
}

/* ---- inputs ------------------------------------------------------------------ */

struct inputs {
	struct cli_task_inputs task;  /* register, locations, tasks */
	opv_day *days;
	size_t ndays;
};

static void inputs_free(struct inputs *in)
{
	cli_task_inputs_free(&in->task);
	free(in->days);
}

static int load_days(struct inputs *in, const struct places_args *args, opv_error *err)
{
	size_t count;
	int status;

	if (args->have_date) {
		in->days = malloc(sizeof *in->days);
		if (in->days == NULL)
			return cli_out_of_memory(err);
		in->days[0] = args->date;
		in->ndays = 1;
		return OPV_OK;
	}
	status = opv_date_series(NULL, 0, &count, args->from, args->to, args->every, err);
	if (status != OPV_OK)
		return status;
	in->days = malloc((count ? count : 1) * sizeof *in->days);
	if (in->days == NULL)
		return cli_out_of_memory(err);
	in->ndays = count;
	/* check_combinations has refused a series that is empty or too long. */
	return opv_date_series(in->days, count, &count, args->from, args->to, args->every, err);
}

static int load_inputs(struct inputs *in, const struct places_args *args, opv_error *err)
{
	int status = cli_load_task_inputs(&in->task, &args->in, err);

	if (status == OPV_OK)
		status = load_days(in, args, err);
	return status;
}

/* ---- building the table ---------------------------------------------------------- */

struct sheet {
	out_table *table;
	int64_t *values[OPV_COMPLIANCE_COLUMN_COUNT];  /* the columns of the current level */
	size_t *order;
	size_t rows;
};

/* Reads every column the level has into s->values (task columns only with a task). */
static int read_level(struct sheet *s, const opv_compliance *c, opv_level level, opv_error *err)
{
	size_t rows = opv_compliance_rows(c, level);
	int k;

	for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++) {
		free(s->values[k]);
		s->values[k] = NULL;
		if (!opv_compliance_has_task(c) && opv_compliance_column_needs_task((opv_compliance_column)k))
			continue;
		s->values[k] = malloc((rows ? rows : 1) * sizeof *s->values[k]);
		if (s->values[k] == NULL)
			return cli_out_of_memory(err);
		if (opv_compliance_get(s->values[k], rows, c, level, (opv_compliance_column)k, err)
		    != OPV_OK)
			return err->code;
	}
	free(s->order);
	s->order = malloc((rows ? rows : 1) * sizeof *s->order);
	if (s->order == NULL)
		return cli_out_of_memory(err);
	s->rows = rows;
	for (size_t r = 0; r < rows; r++)
		s->order[r] = r;
	return OPV_OK;
}

/* Sets the printed columns of row r from s->values, from table column `first`. */
static void set_printed(struct sheet *s, size_t first, size_t r)
{
	for (size_t k = 0; k < NPRINTED; k++) {
		const int64_t *values = s->values[printed[k]];
		if (values == NULL)
			continue;  /* no task: an empty cell, not a zero */
		if (printed[k] == OPV_COLUMN_MET)
			out_table_set_boolean(s->table, first + k, values[r] != 0);
		else
			out_table_set_integer(s->table, first + k, values[r]);
	}
}

static int add_municipalities(struct sheet *s, const struct inputs *in, const char *date)
{
	const opv_tasks *tasks = in->task.tasks;
	const char *source = tasks ? opv_task_source_name(opv_tasks_source(tasks)) : NULL;

	for (size_t k = 0; k < s->rows; k++) {
		const opv_municipality *m = opv_register_at(in->task.reg, s->order[k]);
		if (out_table_add_row(s->table) != 0
		    || out_table_set_text(s->table, MCOL_DATE, date) != 0
		    || out_table_set_text(s->table, MCOL_CODE, m->code) != 0
		    || out_table_set_text(s->table, MCOL_NAME, m->name) != 0
		    || out_table_set_text(s->table, MCOL_PROVINCE_CODE, m->province_code) != 0
		    || out_table_set_text(s->table, MCOL_PROVINCE, m->province) != 0
		    || (source && out_table_set_text(s->table, MCOL_TASK_SOURCE, source) != 0))
			return -1;
		set_printed(s, MCOL_FIRST, s->order[k]);
	}
	return 0;
}

static int add_provinces(struct sheet *s, const struct inputs *in, const char *date, int nation)
{
	for (size_t k = 0; k < s->rows; k++) {
		size_t r = s->order[k];
		const opv_province *p = nation ? NULL : opv_register_province_at(in->task.reg, r);
		if (out_table_add_row(s->table) != 0
		    || out_table_set_text(s->table, PCOL_DATE, date) != 0
		    || out_table_set_text(s->table, PCOL_CODE, nation ? "NL" : p->code) != 0
		    || out_table_set_text(s->table, PCOL_NAME, nation ? "Nederland" : p->name) != 0)
			return -1;
		out_table_set_integer(s->table, PCOL_MUNICIPALITIES, s->values[OPV_COLUMN_MUNICIPALITIES][r]);
		set_printed(s, PCOL_FIRST, r);
		if (s->values[OPV_COLUMN_MUNICIPALITIES_SHORT] != NULL)
			out_table_set_integer(s->table, PCOL_SHORT,
			                      s->values[OPV_COLUMN_MUNICIPALITIES_SHORT][r]);
	}
	return 0;
}

static int add_locations(struct sheet *s, const struct inputs *in, opv_day day, const char *date,
                         const struct places_args *args, opv_error *err)
{
	for (size_t i = 0; i < opv_locations_count(in->task.locations); i++) {
		const opv_location *loc = opv_locations_at(in->task.locations, i);
		const opv_municipality *m = opv_register_at(in->task.reg, loc->municipality);
		char opens[OPV_DATE_TEXT_SIZE], closes[OPV_DATE_TEXT_SIZE] = "";
		opv_count_reason reason;
		int64_t counting;
		int open = opv_location_is_open(loc, day);

		if (opv_location_assess(&reason, &counting, loc, day, &args->in.rules, err) != OPV_OK)
			return err->code;
		opv_date_format(opens, sizeof opens, loc->opens, NULL);
		if (!loc->open_ended)
			opv_date_format(closes, sizeof closes, loc->closes, NULL);
		if (out_table_add_row(s->table) != 0
		    || out_table_set_text(s->table, LCOL_DATE, date) != 0
		    || out_table_set_text(s->table, LCOL_ID, loc->id) != 0
		    || out_table_set_text(s->table, LCOL_NAME, loc->name) != 0
		    || out_table_set_text(s->table, LCOL_CODE, m->code) != 0
		    || out_table_set_text(s->table, LCOL_MUNICIPALITY, m->name) != 0
		    || out_table_set_text(s->table, LCOL_TYPE, opv_location_type_name(loc->type)) != 0
		    || out_table_set_text(s->table, LCOL_OPENS, opens) != 0
		    || (closes[0] && out_table_set_text(s->table, LCOL_CLOSES, closes) != 0)
		    || out_table_set_text(s->table, LCOL_REASON, opv_count_reason_name(reason)) != 0)
			return cli_out_of_memory(err);
		out_table_set_integer(s->table, LCOL_AGREED, loc->agreed_capacity);
		out_table_set_integer(s->table, LCOL_CAPACITY, loc->capacity);
		out_table_set_integer(s->table, LCOL_TOTAL, open ? loc->capacity : 0);
		out_table_set_integer(s->table, LCOL_COUNTING, counting);
		out_table_set_integer(s->table, LCOL_COUNTING_AMV,
		                      loc->type == OPV_LOCATION_AMV ? counting : 0);
		out_table_set_integer(s->table, LCOL_ABOVE,
		                      open && loc->capacity > loc->agreed_capacity
		                              ? loc->capacity - loc->agreed_capacity : 0);
		out_table_set_boolean(s->table, LCOL_COUNTS, reason == OPV_COUNTS);
	}
	return OPV_OK;
}

/* The most cells in one table. */
#define MAX_CELLS ((size_t)20 * 1000 * 1000)

/* What the last day's national row says, for the note on stderr. */
struct national {
	opv_day day;
	int64_t short_count, lacking, lacking_amv;
	size_t municipalities;
};

/*
 * How many municipalities have not met their task on `day`, and the places
 * they lack together: the sum of the positive gaps, not the net national gap.
 */
static int tally(struct national *nat, const opv_compliance *c, opv_day day, size_t n,
                 opv_error *err)
{
	int64_t *met = malloc((n ? n : 1) * sizeof *met);
	int64_t *gap = malloc((n ? n : 1) * sizeof *gap);
	int64_t *gap_amv = malloc((n ? n : 1) * sizeof *gap_amv);
	int status = OPV_OK;

	if (!met || !gap || !gap_amv)
		status = cli_out_of_memory(err);
	else if (opv_compliance_get(met, n, c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, err) != OPV_OK
	         || opv_compliance_get(gap, n, c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, err) != OPV_OK
	         || opv_compliance_get(gap_amv, n, c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP_AMV, err)
	                    != OPV_OK)
		status = err->code;
	*nat = (struct national){ day, 0, 0, 0, n };
	for (size_t i = 0; status == OPV_OK && i < n; i++) {
		nat->short_count += !met[i];
		nat->lacking += gap[i] > 0 ? gap[i] : 0;
		nat->lacking_amv += gap_amv[i] > 0 ? gap_amv[i] : 0;
	}
	free(met);
	free(gap);
	free(gap_amv);
	return status;
}

/* The rows of one day at the chosen level. */
static int add_day(struct sheet *s, struct national *nat, const struct inputs *in, opv_day day,
                   const struct places_args *args, opv_error *err)
{
	static const opv_level levels[] = {
		[BY_MUNICIPALITY] = OPV_LEVEL_MUNICIPALITY, [BY_PROVINCE] = OPV_LEVEL_PROVINCE,
		[BY_NATION] = OPV_LEVEL_NATION, [BY_LOCATION] = OPV_LEVEL_MUNICIPALITY,
	};
	char date[OPV_DATE_TEXT_SIZE];
	opv_compliance *c = NULL;
	int status = OPV_OK;

	opv_date_format(date, sizeof date, day, NULL);
	/* The location level needs the table only for the note about the task. */
	if (args->level != BY_LOCATION || in->task.tasks != NULL)
		status = opv_compliance_on(&c, in->task.reg, in->task.locations, in->task.tasks, day,
		                           &args->in.rules, err);
	if (status == OPV_OK && args->level == BY_LOCATION)
		status = add_locations(s, in, day, date, args, err);
	else if (status == OPV_OK)
		status = read_level(s, c, levels[args->level], err);
	if (status == OPV_OK && args->shortfalls_only)
		status = opv_compliance_shortfalls(s->order, &s->rows, c, levels[args->level], err);
	if (status == OPV_OK && args->level != BY_LOCATION
	    && (args->level == BY_MUNICIPALITY ? add_municipalities(s, in, date)
	                                       : add_provinces(s, in, date, args->level == BY_NATION))
	               != 0)
		status = cli_out_of_memory(err);
	if (status == OPV_OK && in->task.tasks != NULL)
		status = tally(nat, c, day, opv_register_count(in->task.reg), err);
	opv_compliance_free(c);
	return status;
}

static const struct out_column *columns_of(enum level level, size_t *count)
{
	switch (level) {
	case BY_PROVINCE:
	case BY_NATION:
		*count = PCOL_COUNT;
		return province_columns;
	case BY_LOCATION:
		*count = LCOL_COUNT;
		return location_columns;
	default:
		*count = MCOL_COUNT;
		return municipality_columns;
	}
}

/* What the table rests on, for JSON. */
static int describe(out_table *table, const struct inputs *in, const struct places_args *args)
{
	const opv_tasks *tasks = in->task.tasks;
	char text[OPV_DATE_TEXT_SIZE];
	int rc = 0;

	if (args->have_date) {
		opv_date_format(text, sizeof text, args->date, NULL);
		rc |= out_table_set_meta_text(table, "date", text);
	} else {
		opv_date_format(text, sizeof text, args->from, NULL);
		rc |= out_table_set_meta_text(table, "from", text);
		opv_date_format(text, sizeof text, args->to, NULL);
		rc |= out_table_set_meta_text(table, "to", text);
		rc |= out_table_set_meta_text(table, "every", opv_every_name(args->every));
	}
	rc |= out_table_set_meta_text(table, "level", level_names[args->level]);
	rc |= out_table_set_meta_text(table, "register_source", opv_register_source(in->task.reg));
	rc |= out_table_set_meta_boolean(table, "map_mergers", opv_register_maps_mergers(in->task.reg));
	rc |= out_table_set_meta_text(table, "task_source",
	                              tasks ? opv_task_source_name(opv_tasks_source(tasks)) : NULL);
	rc |= out_table_set_meta_text(table, "task_origin", tasks ? opv_tasks_origin(tasks) : NULL);
	rc |= out_table_set_meta_integer(table, "min_years", args->in.rules.min_years);
	rc |= out_table_set_meta_text(table, "durability", opv_durability_name(args->in.rules.durability));
	rc |= out_table_set_meta_integer(table, "existing_min_places", args->in.rules.existing_min_places);
	opv_date_format(text, sizeof text, args->in.rules.existing_before, NULL);
	rc |= out_table_set_meta_text(table, "existing_before", text);
	{
		char types[128] = "";
		size_t used = 0;
		for (int k = 0; k < OPV_LOCATION_TYPE_COUNT; k++)
			if (args->in.rules.counting_types & (1u << k))
				used += (size_t)snprintf(types + used, sizeof types - used, "%s%s",
				                         used ? "," : "", opv_location_type_name((opv_location_type)k));
		rc |= out_table_set_meta_text(table, "counting_types", types);
	}
	rc |= out_table_set_meta_boolean(table, "count_above_agreement",
	                                 args->in.rules.count_above_agreement);
	return rc;
}

static out_table *build(const struct inputs *in, const struct places_args *args,
                        struct national *nat, opv_error *err)
{
	struct sheet s = { NULL, { NULL }, NULL, 0 };
	size_t ncolumns;
	const struct out_column *columns = columns_of(args->level, &ncolumns);
	int status = OPV_OK;

	/* The whole table is built before it is written (nothing half printed), so
	 * its size is bounded: some 700 MB of cells. */
	size_t rows = args->level == BY_LOCATION ? opv_locations_count(in->task.locations)
	              : args->level == BY_PROVINCE ? opv_register_province_count(in->task.reg)
	              : args->level == BY_NATION ? 1 : opv_register_count(in->task.reg);
	if (in->ndays > 0 && rows > MAX_CELLS / ncolumns / in->ndays) {
		cli_fail(err, OPV_ERANGE, "%zu days of %zu rows is more than this command writes in one "
		         "table; take a shorter series, --every month, or --by province", in->ndays, rows);
		return NULL;
	}
	s.table = out_table_new(columns, ncolumns);
	if (s.table == NULL)
		status = cli_out_of_memory(err);
	for (size_t d = 0; status == OPV_OK && d < in->ndays; d++)
		status = add_day(&s, nat, in, in->days[d], args, err);
	if (status == OPV_OK && describe(s.table, in, args) != 0)
		status = cli_out_of_memory(err);
	if (status == OPV_OK && args->have_date)
		out_table_hide_column(s.table, 0);  /* one day: no date column */
	for (int k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++)
		free(s.values[k]);
	free(s.order);
	if (status != OPV_OK) {
		out_table_free(s.table);
		return NULL;
	}
	return s.table;
}

/* ---- notes -------------------------------------------------------------------- */

static int note(out_table *table, const struct inputs *in, const struct national *nat,
                const opv_compliance_options *rules)
{
	char date[OPV_DATE_TEXT_SIZE];

	cli_state_rules(rules);
	if (in->task.tasks == NULL)
		return 0;
	if (cli_state_task(table, &in->task) != 0)
		return -1;
	opv_date_format(date, sizeof date, nat->day, NULL);
	cli_note("on %s %" PRId64 " of %zu municipalities have not met their task; "
	         "together they lack %" PRId64 " places, %" PRId64 " of them AMV places", date,
	         nat->short_count, nat->municipalities, nat->lacking, nat->lacking_amv);
	return 0;
}

/* ---- the command ---------------------------------------------------------------- */

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct places_args args = {
		.in = CLI_TASK_ARGS_INIT,
		.every = OPV_EVERY_WEEK,
		.level = BY_MUNICIPALITY,
		.format = OUT_CSV,
	};
	struct inputs in = { CLI_TASK_INPUTS_INIT, NULL, 0 };
	struct national nat = { 0, 0, 0, 0, 0 };
	opv_error err = OPV_ERROR_INIT;
	out_table *table = NULL;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (load_inputs(&in, &args, &err) != OPV_OK
	    || (table = build(&in, &args, &nat, &err)) == NULL) {
		status = cli_library_error(&err);
	} else if (note(table, &in, &nat, &args.in.rules) != 0) {
		cli_out_of_memory(&err);
		status = cli_library_error(&err);
	} else {
		status = cli_emit(table, args.format);
	}
	out_table_free(table);
	inputs_free(&in);
	return status;
}

const struct cli_command cli_command_places = {
	"places",
	"who has met the Spreidingswet task on a day: places counted as the law counts them",
	usage,
	run,
};
