/* SPDX-License-Identifier: EUPL-1.2 */
#include "input.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "opvang/io.h"
#include "opvang/register.h"

#include "cli.h"

int cli_read_all(char **data, size_t *len, FILE *stream)
{
	size_t capacity = 64 * 1024;
	size_t used = 0;
	char *buffer = malloc(capacity);

	if (buffer == NULL)
		return -1;
	for (;;) {
		/* Keep one byte free for the terminating NUL. */
		if (capacity - used < 2) {
			char *bigger;

			if (capacity > SIZE_MAX / 2) {
				free(buffer);
				errno = ENOMEM;
				return -1;
			}
			bigger = realloc(buffer, capacity * 2);
			if (bigger == NULL) {
				free(buffer);
				return -1;
			}
			buffer = bigger;
			capacity *= 2;
		}
		errno = 0;
		used += fread(buffer + used, 1, capacity - used - 1, stream);
		if (ferror(stream)) {
			int saved_errno = errno ? errno : EIO;
			free(buffer);
			errno = saved_errno;
			return -1;
		}
		if (feof(stream))
			break;
	}
	buffer[used] = '\0';
	*data = buffer;
	*len = used;
	return 0;
}

int cli_check_register_args(const struct cli_register_args *args,
                            const struct cli_command *self)
{
	if (args->path != NULL && args->population_date != NULL)
		return cli_usage_error(self, "--register gives the register, --population-date chooses "
		                       "an embedded one; give one of them");
	if (args->population_date != NULL) {
		/* A date without an embedded register is a wrong option value, so it
		 * is refused here, as a usage error, and not when the register loads. */
		opv_register *probe = NULL;
		opv_error err = OPV_ERROR_INIT;
		if (opv_register_embedded(&probe, args->population_date, &err) == OPV_OK) {
			opv_register_free(probe);
			return CLI_EXIT_OK;
		}
		if (err.code == OPV_ENOMEM)
			return cli_library_error(&err);
		return cli_usage_error(self, "--population-date: %s", err.message);
	}
	return CLI_EXIT_OK;
}

int cli_load_register(opv_register **reg, const struct cli_register_args *args,
                      const char *default_date, const char *ses_path, opv_error *err)
{
	opv_keyed_values *scores = NULL;
	opv_register *base = NULL, *mapped = NULL;
	const char *date = args->population_date ? args->population_date : default_date;
	int status;

	status = args->path != NULL ? opv_register_load_csv(&base, args->path, err)
	                            : opv_register_embedded(&base, date, err);
	if (status == OPV_OK && args->map_mergers) {
		status = opv_register_map_mergers(&mapped, base, err);
		opv_register_free(base);
		base = mapped;
	}
	if (status != OPV_OK || ses_path == NULL) {
		*reg = status == OPV_OK ? base : NULL;
		return status;
	}
	status = opv_keyed_values_load_csv(&scores, ses_path, "code", "ses", 0, err);
	if (status == OPV_OK)
		status = opv_register_with_ses(reg, base, scores, err);
	opv_keyed_values_free(scores);
	opv_register_free(base);
	return status;
}

int cli_state_register(out_table *table, const opv_register *reg)
{
	const char *date = opv_register_reference_date(reg);

	cli_note("population of %s (%s)%s", date[0] ? date : "unknown date",
	         opv_register_source(reg),
	         opv_register_maps_mergers(reg) ? "; codes of merged municipalities count as their "
	                                          "successor" : "");
	if (table == NULL)
		return 0;
	if (out_table_set_meta_text(table, "population_date", date[0] ? date : NULL) != 0
	    || out_table_set_meta_text(table, "register_source", opv_register_source(reg)) != 0
	    || out_table_set_meta_boolean(table, "map_mergers", opv_register_maps_mergers(reg)) != 0)
		return -1;
	return 0;
}

int cli_load_register_values(int64_t **values, const opv_register *reg, const char *path,
                             const char *column, unsigned flags, int64_t missing,
                             opv_error *err)
{
	size_t count = opv_register_count(reg);
	opv_keyed_values *table = NULL;
	int64_t *aligned;
	int status;

	status = opv_keyed_values_load_csv(&table, path, "code", column, flags | OPV_VALUES_INTEGER,
	                                   err);
	if (status != OPV_OK)
		return status;
	aligned = calloc(count ? count : 1, sizeof *aligned);
	if (aligned == NULL)
		status = cli_out_of_memory(err);
	else
		status = opv_register_align_int64(aligned, reg, table, missing, err);
	opv_keyed_values_free(table);
	if (status != OPV_OK) {
		free(aligned);
		return status;
	}
	*values = aligned;
	return OPV_OK;
}
