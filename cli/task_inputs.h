/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What `opvang places` and `opvang report` both read: the locations, the task
 * (a tasks file, or the indicative key of --total with --amv and --ses), the
 * counting rules and the register.  One parser, so that the two commands
 * take the same options with the same meaning.
 */
#ifndef OPVANG_CLI_TASK_INPUTS_H
#define OPVANG_CLI_TASK_INPUTS_H

#include <stdint.h>

#include "opvang/places.h"

#include "cli.h"
#include "input.h"

struct cli_task_args {
	const char *locations_path;
	const char *tasks_path;     /* NULL: no task file */
	int64_t total;
	int have_total;             /* the task is the key of --total */
	int64_t amv;
	int have_amv;
	const char *ses_path;       /* NULL: the register's own scores */
	struct cli_register_args reg;
	opv_compliance_options rules;
	int have_existing_before;
};

#define CLI_TASK_ARGS_INIT \
	{ NULL, NULL, 0, 0, 0, 0, NULL, CLI_REGISTER_ARGS_INIT, OPV_COMPLIANCE_OPTIONS_INIT, 0 }

/* The library's parsers of --durability and --counting-types, for the table. */
int cli_lookup_durability(void *to, const char *text, opv_error *err);
int cli_lookup_location_types(void *to, const char *text, opv_error *err);

/* The entries of the options in a command's option table (cli.h); short forms l, T, t, a, s, r. */
#define CLI_TASK_OPTIONS(args) \
	{ CLI_STRING("locations", 'l', &(args)->locations_path) }, \
	{ CLI_STRING("tasks", 'T', &(args)->tasks_path) }, \
	{ CLI_COUNT("total", 't', &(args)->total), .given = &(args)->have_total }, \
	{ CLI_COUNT("amv", 'a', &(args)->amv), .given = &(args)->have_amv }, \
	{ CLI_STRING("ses", 's', &(args)->ses_path) }, \
	{ CLI_INTEGER("min-years", 0, &(args)->rules.min_years, 0, 1000) }, \
	{ CLI_LOOKUP("durability", 0, &(args)->rules.durability, cli_lookup_durability) }, \
	{ CLI_INTEGER("existing-min-places", 0, &(args)->rules.existing_min_places, 0, \
	              INT64_MAX) }, \
	{ CLI_DATE("existing-before", 0, &(args)->rules.existing_before), \
	  .given = &(args)->have_existing_before }, \
	{ CLI_LOOKUP("counting-types", 0, &(args)->rules.counting_types, \
	             cli_lookup_location_types) }, \
	{ CLI_FLAG("count-above-agreement", 0, &(args)->rules.count_above_agreement) }, \
	CLI_REGISTER_OPTIONS(&(args)->reg)

/* The help of those options. */
#define CLI_TASK_HELP \
	"  -l, --locations FILE   the locations: a CSV table with the columns id,\n" \
	"                         code, name, type, agreed_capacity, capacity, opens\n" \
	"                         and closes (YYYY-MM-DD; closes empty when\n" \
	"                         open-ended); types azc, amv, nood, spoednood,\n" \
	"                         crisis, hotel and doorstroom (required)\n" \
	"  -T, --tasks FILE       the task per municipality: a CSV table with the\n" \
	"                         columns code and task and optionally task_amv\n" \
	"                         (default 0) and name (checked); whole numbers >= 0,\n" \
	"                         task_amv <= task; municipalities it does not name\n" \
	"                         have a task of 0\n" \
	"  -t, --total C          or the indicative key as 'opvang distribute'\n" \
	"                         computes it: C places over the municipalities\n" \
	"  -a, --amv A            of which for unaccompanied minors: task_amv is the\n" \
	"                         AMV share of the key (default 0)\n" \
	"  -s, --ses FILE         SES-WOA scores (columns code and ses) for --total:\n" \
	"                         the weight becomes population * (1 + ses)\n" \
	"      --min-years N      the shortest agreed run that is durable (default\n" \
	"                         5; 0 counts every azc and amv location)\n" \
	"      --durability RULE  agreed-period (the default: the whole agreed\n" \
	"                         period, as the Besluit reads) or remaining (what\n" \
	"                         remains of it from the day looked at)\n" \
	"      --existing-min-places N\n" \
	"                         a location that existed before --existing-before\n" \
	"                         counts only with at least N counting places (off\n" \
	"                         by default; provincial practice speaks of 'above\n" \
	"                         100 places')\n" \
	"      --existing-before D  the day from which locations are new (default\n" \
	"                         2024-02-01, when the Spreidingswet came into force)\n" \
	"      --counting-types T the types whose durable places count, comma-\n" \
	"                         separated (default azc,amv, as the law reads);\n" \
	"                         another list shows what a different reading gives\n" \
	"      --count-above-agreement\n" \
	"                         count the places in use above the agreement too\n" \
	"                         (the law counts at most the agreed capacity)\n" \
	CLI_REGISTER_HELP

/* Refuses options that do not go together; `need_task` when a task is required. */
int cli_check_task_args(const struct cli_task_args *args, const struct cli_command *self,
                        int need_task);

struct cli_task_inputs {
	opv_register *reg;
	opv_locations *locations;
	opv_tasks *tasks;  /* NULL without a task */
};

#define CLI_TASK_INPUTS_INIT { NULL, NULL, NULL }

/* Loads the register, the locations and the task.  Returns an OPV_* status. */
int cli_load_task_inputs(struct cli_task_inputs *in, const struct cli_task_args *args,
                         opv_error *err);

void cli_task_inputs_free(struct cli_task_inputs *in);

/*
 * Says on stderr where the task comes from, the population of a key, and a
 * warning for the key by population alone; records them in the table's JSON
 * metadata when `table` is not NULL.  Returns 0, or -1 when memory runs out.
 */
int cli_state_task(out_table *table, const struct cli_task_inputs *in);

/*
 * Says on stderr which counting rules differ from the law's reading (the
 * defaults of opv_compliance_options), so that no number hides its basis;
 * silent when none does.
 */
void cli_state_rules(const opv_compliance_options *rules);

#endif
