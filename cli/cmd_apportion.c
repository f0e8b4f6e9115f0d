/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang apportion: split a whole number over weighted rows. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OPV_EXPERIMENTAL_API  /* --threads: opv_tuning */
#include "opvang/apportion.h"
#include "opvang/experimental.h"
#include "opvang/io.h"

#include "cli.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
	"usage: opvang apportion --total N [--method METHOD] [--weights FILE]\n"
	"                        [--threads T] [--format csv|json|table]\n"
	"\n"
	"Splits the whole number N over the rows of a CSV table with the columns\n"
	"name and weight, in proportion to the weights, so that the seats add up to\n"
	"N exactly.  Prints name, weight, quota (N * weight / sum of the weights)\n"
	"and seats, in the order of the input.  A tie for the last seat goes to the\n"
	"row that comes first.\n"
	"\n"
	"Options:\n"
	"  -t, --total N          the whole number to split (required)\n"
	"  -m, --method METHOD    hamilton (largest remainder; the default),\n"
	"                         jefferson (d'hondt), webster (sainte-lague), adams\n"
	"                         or huntington-hill\n"
	"  -w, --weights FILE     the CSV table (other columns are ignored); without\n"
	"                         it, or with '-', the table is read from stdin\n"
	"  -j, --threads T        most threads, 1 to 256 (default 1); any method\n"
	"                         uses them, but only on hundreds of thousands of\n"
	"                         rows; the seats are the same for any T\n"
	"  -f, --format FORMAT    csv (default), json or table\n"
	"  -h, --help             print this help and exit\n"
	"\n"
	"Example: 18 seats by D'Hondt\n"
	"  printf 'name,weight\\nA,1305956\\nB,903151\\nC,650114\\n' |\n"
	"      opvang apportion --total 18 --method dhondt\n";

enum { COL_NAME, COL_WEIGHT, COL_QUOTA, COL_SEATS, COL_COUNT };

static const struct out_column columns[COL_COUNT] = {
	[COL_NAME] = { "name", OUT_TEXT },
	[COL_WEIGHT] = { "weight", OUT_REAL },
	[COL_QUOTA] = { "quota", OUT_REAL },
	[COL_SEATS] = { "seats", OUT_INTEGER },
};

struct apportion_args {
	int64_t total;
	int have_total;
	opv_method method;
	unsigned int threads;
	const char *weights_path;  /* NULL or "-": stdin */
	enum out_format format;
	int help_shown;            /* --help was given: nothing more to do */
};

CLI_DEFINE_LOOKUP(lookup_method, opv_method, opv_method_from_name)

/*
 * Returns CLI_EXIT_OK (with help_shown set when the help was all that was
 * asked for), or CLI_EXIT_USAGE after reporting the mistake.
 */
static int parse_args(struct apportion_args *args, const struct cli_command *self,
                      int argc, char **argv)
{
	const struct cli_option options[] = {
		{ CLI_COUNT("total", 't', &args->total), .given = &args->have_total },
		{ CLI_LOOKUP("method", 'm', &args->method, lookup_method), .flags = CLI_MESSAGE_ALONE },
		{ CLI_STRING("weights", 'w', &args->weights_path) },
		{ CLI_INTEGER("threads", 'j', &args->threads, 1, OPV_TUNING_MAX_THREADS) },
		{ CLI_FORMAT(&args->format) },
		{ CLI_HELP(&args->help_shown) },
		{ .name = NULL }
	};
	int status = cli_parse_options(self, options, argc, argv);

	if (status != CLI_EXIT_OK || args->help_shown)
		return status;
	if (!args->have_total)
		return cli_usage_error(self, "missing required option --total");
	return CLI_EXIT_OK;
}

static int load_weights(opv_keyed_values **values, const char *path, opv_error *err)
{
	const unsigned flags = OPV_VALUES_NONNEGATIVE;
	char *data;
	size_t len;
	int status;

	if (path != NULL && strcmp(path, "-") != 0)
		return opv_keyed_values_load_csv(values, path, "name", "weight", flags, err);

	if (cli_read_all(&data, &len, stdin) != 0) {
		err->code = OPV_EIO;
		snprintf(err->message, sizeof err->message, "%s: cannot read: %s",
		         CLI_STDIN_NAME, strerror(errno));
		return OPV_EIO;
	}
	status = opv_keyed_values_parse_csv(values, data, len, CLI_STDIN_NAME, "name", "weight",
	                                    flags, err);
	free(data);
	return status;
}

/*
 * Apportions and builds the whole result table, or fills `err` and returns
 * NULL without having printed anything.
 */
static out_table *apportion_table(const opv_keyed_values *values, const struct apportion_args *args,
                                  opv_error *err)
{
	opv_apportion_options options = OPV_APPORTION_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	size_t n = opv_keyed_values_count(values);
	double *weights = calloc(n ? n : 1, sizeof *weights);
	int64_t *seats = calloc(n ? n : 1, sizeof *seats);
	out_table *table = NULL;
	double sum = 0.0;

	if (weights == NULL || seats == NULL)
		goto out_of_memory;
	for (size_t i = 0; i < n; i++) {
		weights[i] = opv_keyed_values_value(values, i);
		sum += weights[i];
	}

	options.method = args->method;
	tuning.threads = args->threads;
	if (opv_apportion_tuned(seats, weights, n, args->total, &options, &tuning, err) != OPV_OK)
		goto done;

	table = out_table_new(columns, COL_COUNT);
	if (table == NULL)
		goto out_of_memory;
	for (size_t i = 0; i < n; i++) {
		/* Multiplying first keeps whole-number products exact: one rounding, not two. */
		double quota = sum > 0 ? (double)args->total * weights[i] / sum : 0.0;

		if (out_table_add_row(table) != 0
		    || out_table_set_text(table, COL_NAME, opv_keyed_values_key(values, i)) != 0)
			goto out_of_memory;
		out_table_set_real(table, COL_WEIGHT, weights[i]);
		out_table_set_real(table, COL_QUOTA, quota);
		out_table_set_integer(table, COL_SEATS, seats[i]);
	}
	goto done;

out_of_memory:
	out_table_free(table);
	table = NULL;
	cli_out_of_memory(err);
done:
	free(seats);
	free(weights);
	return table;
}

static int run(const struct cli_command *self, int argc, char **argv)
{
	struct apportion_args args = { 0, 0, OPV_HAMILTON, 1, NULL, OUT_CSV, 0 };
	opv_error err = OPV_ERROR_INIT;
	opv_keyed_values *values = NULL;
	out_table *table;
	int status;

	status = parse_args(&args, self, argc, argv);
	if (status != CLI_EXIT_OK || args.help_shown)
		return status;

	if (load_weights(&values, args.weights_path, &err) != OPV_OK)
		return cli_library_error(&err);

	table = apportion_table(values, &args, &err);
	status = table != NULL ? cli_emit(table, args.format) : cli_library_error(&err);
	out_table_free(table);
	opv_keyed_values_free(values);
	return status;
}

const struct cli_command cli_command_apportion = {
	"apportion",
	"split a whole number over weighted rows (Hamilton, D'Hondt, Sainte-Lague, ...)",
	usage,
	run,
};
