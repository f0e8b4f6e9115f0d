/* SPDX-License-Identifier: EUPL-1.2 */
#include "task_inputs.h"

#include <stdio.h>
#include <string.h>

#include "opvang/register.h"

/* The names are the library's (opv_durability_name()). */
int cli_lookup_durability(void *to, const char *text, opv_error *err)
{
	return opv_durability_from_name(to, text, err);
}

int cli_lookup_location_types(void *to, const char *text, opv_error *err)
{
	return opv_location_types_parse(to, text, err);
}

int cli_check_task_args(const struct cli_task_args *args, const struct cli_command *self,
                        int need_task)
{
	if (args->locations_path == NULL)
		return cli_usage_error(self, "missing required option --locations");
	if (args->tasks_path != NULL && args->have_total)
		return cli_usage_error(self, "--tasks and --total both give the task; choose one");
	if (need_task && args->tasks_path == NULL && !args->have_total)
		return cli_usage_error(self, "missing the task: --tasks FILE or --total C");
	if (!args->have_total && (args->have_amv || args->ses_path != NULL))
		return cli_usage_error(self, "--amv and --ses go with --total");
	/* The library's rule too (opv_tasks_from_key); here it is a wrong command line. */
	if (args->have_amv && args->amv > args->total)
		return cli_usage_error(self, "--amv %lld is more than --total %lld", (long long)args->amv,
		                       (long long)args->total);
	if (args->have_existing_before && args->rules.existing_min_places == 0)
		return cli_usage_error(self, "--existing-before needs --existing-min-places above 0");
	return cli_check_register_args(&args->reg, self);
}

int cli_load_task_inputs(struct cli_task_inputs *in, const struct cli_task_args *args,
                         opv_error *err)
{
	int status = cli_load_register(&in->reg, &args->reg, NULL, args->ses_path, err);

	if (status == OPV_OK)
		status = opv_locations_load_csv(&in->locations, in->reg, args->locations_path, err);
	if (status == OPV_OK && args->tasks_path != NULL)
		status = opv_tasks_load_csv(&in->tasks, in->reg, args->tasks_path, err);
	if (status == OPV_OK && args->have_total)
		status = opv_tasks_from_key(&in->tasks, in->reg, NULL, args->total, args->amv, err);
	return status;
}

void cli_task_inputs_free(struct cli_task_inputs *in)
{
	opv_tasks_free(in->tasks);
	opv_locations_free(in->locations);
	opv_register_free(in->reg);
}

int cli_state_task(out_table *table, const struct cli_task_inputs *in)
{
	opv_task_source source;

	if (in->tasks == NULL)
		return 0;
	source = opv_tasks_source(in->tasks);
	cli_note("task source: %s (%s)", opv_task_source_name(source),
	         opv_tasks_origin(in->tasks));
	/* A key rests on a population; a tasks file does not. */
	if (source != OPV_TASK_FILE && cli_state_register(table, in->reg) != 0)
		return -1;
	if (source == OPV_TASK_KEY_POPULATION)
		cli_note("warning: the task is the key by population alone, not the legal "
		         "key, which weighs SES-WOA (give --ses FILE, or --tasks FILE with the decided "
		         "tasks)");
	return 0;
}

void cli_state_rules(const opv_compliance_options *rules)
{
	static const opv_compliance_options law = OPV_COMPLIANCE_OPTIONS_INIT;
	char date[OPV_DATE_TEXT_SIZE];

	if (rules->min_years != law.min_years)
		cli_note("counting rule: durable from %d years (the law: %d)", rules->min_years,
		         law.min_years);
	if (rules->durability != law.durability)
		cli_note("counting rule: durability %s (the law: %s)",
		         opv_durability_name(rules->durability), opv_durability_name(law.durability));
	if (rules->existing_min_places > 0) {
		opv_date_format(date, sizeof date, rules->existing_before, NULL);
		cli_note("counting rule: a location opened before %s counts only with %lld "
		         "places or more (not a rule of the law)", date,
		         (long long)rules->existing_min_places);
	}
	if (rules->counting_types != law.counting_types) {
		char types[256] = "";
		for (int k = 0; k < OPV_LOCATION_TYPE_COUNT; k++) {
			if (rules->counting_types & (1u << k)) {
				strncat(types, " ", sizeof types - strlen(types) - 1);
				strncat(types, opv_location_type_name((opv_location_type)k),
				        sizeof types - strlen(types) - 1);
			}
		}
		cli_note("counting rule: the places of%s count (the law: azc amv)", types);
	}
	if (rules->count_above_agreement)
		cli_note("counting rule: places above the agreement count (the law: at most "
		         "the agreed capacity)");
}
