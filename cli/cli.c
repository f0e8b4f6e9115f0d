/* SPDX-License-Identifier: EUPL-1.2 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The output could not be written.  A reader that stopped early (`| head`)
 * closed the pipe on purpose: that ends the program quietly, though not with
 * success.  (With SIGPIPE at its default the signal ends it first.) */
static int output_failed(int errnum)
{
	if (errnum == EPIPE)
		return CLI_EXIT_DATA;
	return cli_system_error("cannot write the output", errnum);
}

/* Prints the command's usage text on stdout; returns CLI_EXIT_OK. */
static int cli_help(const struct cli_command *cmd, const struct cli_option *common)
{
	errno = 0;
	if (fputs(cmd->usage, stdout) == EOF)
		return output_failed(errno ? errno : EIO);
	if (common[0].name != NULL && fputs("\nCommon options:\n", stdout) == EOF)
		return output_failed(errno ? errno : EIO);
	for (size_t i = 0; common[i].name != NULL; i++) {
		int rc;
		if (strcmp(common[i].name, "output") == 0)
			rc = fputs("  -o, --output FILE      write the result to FILE instead of stdout: a\n"
			           "                         new file renamed onto FILE when complete, so a\n"
			           "                         failure leaves FILE as it was (a FIFO or device\n"
			           "                         is written into directly)\n", stdout);
		else
			rc = fputs("  -q, --quiet            no notes on stderr (they stay in the JSON\n"
			           "                         meta); errors are still printed\n", stdout);
		if (rc == EOF)
			return output_failed(errno ? errno : EIO);
	}
	return cli_flush_stdout();
}

int cli_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return output_failed(errno ? errno : EIO);
	return CLI_EXIT_OK;
}

int cli_usage_error(const struct cli_command *cmd, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "%s %s: ", CLI_PROGRAM, cmd->name);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fprintf(stderr, "\ntry '%s %s --help'\n", CLI_PROGRAM, cmd->name);
	return CLI_EXIT_USAGE;
}

int cli_fail(opv_error *err, int code, const char *format, ...)
{
	va_list ap;
	err->code = code;
	err->line = 0;
	err->column = 0;
	va_start(ap, format);
	vsnprintf(err->message, sizeof err->message, format, ap);
	va_end(ap);
	return code;
}

int cli_out_of_memory(opv_error *err)
{
	opv_error *refused = out_last_error();

	/* an out_* call that failed for another reason than memory says so */
	if (refused->code != OPV_OK && refused->code != OPV_ENOMEM) {
		int code = refused->code;

		*err = *refused;
		opv_error_clear(refused);
		return code;
	}
	opv_error_clear(refused);
	err->code = OPV_ENOMEM;
	err->line = 0;
	err->column = 0;
	snprintf(err->message, sizeof err->message, "%s", opv_strerror(OPV_ENOMEM));
	return OPV_ENOMEM;
}

int cli_library_error(const opv_error *err)
{
	fprintf(stderr, "%s: %s\n", CLI_PROGRAM,
	        err->message[0] != '\0' ? err->message : opv_strerror(err->code));
	return CLI_EXIT_DATA;
}

int cli_system_error(const char *what, int errnum)
{
	fprintf(stderr, "%s: %s: %s\n", CLI_PROGRAM, what, strerror(errnum));
	return CLI_EXIT_DATA;
}

/* The value of --format. */
static int parse_format(enum out_format *format, const struct cli_command *cmd, const char *name)
{
	if (out_format_from_name(format, name) != 0)
		return cli_usage_error(cmd, "unknown format '%s' (known: %s)", name, out_format_names());
	return CLI_EXIT_OK;
}

/* What a run shares across its commands' code: the command line for the
 * metadata, the common options and the notes said so far. */
static struct {
	const char *command;
	int argc;           /* the arguments after the command's name */
	char **argv;
	const char *output; /* -o FILE, or NULL for stdout */
	int quiet;
	char **notes;
	size_t nnotes;
	int lost_note;      /* memory ran out for a note */
} run;

void cli_begin(const char *command, int argc, char **argv)
{
	run.command = command;
	run.argc = argc > 0 ? argc - 1 : 0;
	run.argv = argc > 0 ? argv + 1 : argv;
}

/* The length of the well-formed UTF-8 sequence at `p` (no overlong form, no
 * surrogate, nothing above U+10FFFF: what the table's text must be), or 0. */
static size_t utf8_sequence(const unsigned char *p)
{
	size_t extra;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		extra = 1;
		cp = p[0] & 0x1Fu;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		extra = 2;
		cp = p[0] & 0x0Fu;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		extra = 3;
		cp = p[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i <= extra; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3Fu);
	}
	if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))
	    || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return extra + 1;
}

/* `argument` as the metadata shows it: a file name need not be UTF-8, the
 * table's text must be, so each byte outside a well-formed sequence becomes
 * \xnn ("caf\xe9.csv"), as the text table shows control characters.
 * Returns a string to free, or NULL when memory runs out. */
static char *shown_argument(const char *argument)
{
	const unsigned char *p = (const unsigned char *)argument;
	char *shown = malloc(4 * strlen(argument) + 1);
	char *q = shown;

	if (shown == NULL)
		return NULL;
	while (*p != '\0') {
		size_t n = utf8_sequence(p);

		if (n == 0) {
			q += sprintf(q, "\\x%02x", *p);
			p++;
		} else {
			memcpy(q, p, n);
			q += n;
			p += n;
		}
	}
	*q = '\0';
	return shown;
}

int cli_describe(out_table *table)
{
	size_t count = (size_t)run.argc;
	char **shown = calloc(count ? count : 1, sizeof *shown);
	int rc = shown == NULL ? -1 : 0;

	for (size_t i = 0; rc == 0 && i < count; i++)
		if ((shown[i] = shown_argument(run.argv[i])) == NULL)
			rc = -1;
	if (rc == 0)
		rc = out_table_set_meta_text(table, "version", opv_version())
		     | out_table_set_meta_text(table, "command", run.command)
		     | (opv_table_set_meta_list(table, "inputs", (const char *const *)shown, count,
		                                out_last_error()) == OPV_OK ? 0 : -1)
		     | out_table_set_meta_text(table, "population_date", NULL);
	for (size_t i = 0; shown != NULL && i < count; i++)
		free(shown[i]);
	free(shown);
	return rc;
}

int cli_quiet(void)
{
	return run.quiet;
}

void cli_set_quiet(int quiet)
{
	run.quiet = quiet;
}

void cli_note(const char *format, ...)
{
	va_list ap, again;
	char *text;
	char **notes;
	int len;

	va_start(ap, format);
	va_copy(again, ap);
	if (!run.quiet) {
		va_list shown;
		va_copy(shown, ap);
		fprintf(stderr, "%s: ", CLI_PROGRAM);
		vfprintf(stderr, format, shown);
		fputc('\n', stderr);
		va_end(shown);
	}
	len = vsnprintf(NULL, 0, format, ap);
	text = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (text != NULL)
		vsnprintf(text, (size_t)len + 1, format, again);
	va_end(again);
	va_end(ap);
	notes = text ? realloc(run.notes, (run.nnotes + 1) * sizeof *notes) : NULL;
	if (notes == NULL) {
		/* A result without the note would claim less than it rests on. */
		free(text);
		run.lost_note = 1;
		return;
	}
	notes[run.nnotes++] = text;
	run.notes = notes;
}

int cli_emit(out_table *table, enum out_format format)
{
	opv_error err = OPV_ERROR_INIT;

	if (run.lost_note) {
		cli_out_of_memory(&err);
		return cli_library_error(&err);
	}
	for (size_t i = 0; i < run.nnotes; i++) {
		if (opv_table_add_note(table, run.notes[i], &err) != OPV_OK)
			return cli_library_error(&err);
	}
	if (format == OUT_TABLE
	    && opv_table_set_decimals(table, CLI_TABLE_DECIMALS, &err) != OPV_OK)
		return cli_library_error(&err);
	if (run.output != NULL) {
		if (opv_table_write_file(table, (opv_table_format)format, run.output, &err)
		    != OPV_OK)
			return cli_library_error(&err);
		return CLI_EXIT_OK;
	}
	errno = 0;
	if (opv_table_write(table, (opv_table_format)format, stdout, NULL) != OPV_OK
	    || fflush(stdout) != 0 || ferror(stdout))
		return output_failed(errno ? errno : EIO);
	return CLI_EXIT_OK;
}

/*
 * The value parsers below (cli_parse_int64_in too) read the value `text`
 * given to `option` ("--total") and return CLI_EXIT_OK, or report a usage
 * error that names both and return CLI_EXIT_USAGE.  They only check the
 * form; whether a number makes sense is for the library to say.
 */

/* A decimal whole number that fits in int64. */
static int parse_int64(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text)
{
	char *end;
	long long parsed;

	/* strtoll would skip leading blanks; a value on the command line has none. */
	errno = 0;
	parsed = strtoll(text, &end, 10);
	if (end == text || *end != '\0' || isspace((unsigned char)text[0]))
		return cli_usage_error(cmd, "%s needs a whole number, not '%s'", option, text);
	if (errno == ERANGE)
		return cli_usage_error(cmd, "%s %s does not fit in 64 bits", option, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

int cli_parse_int64_in(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text, int64_t min, int64_t max)
{
	int64_t parsed;

	if (parse_int64(&parsed, cmd, option, text) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (parsed < min || parsed > max)
		return cli_usage_error(cmd, "%s must be %" PRId64 " to %" PRId64 ", not %s", option, min,
		                       max, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

/* A number of places or people: a whole number from 0 to OPV_COUNT_MAX. */
static int parse_count(int64_t *value, const struct cli_command *cmd, const char *option,
                       const char *text)
{
	int64_t parsed;

	if (parse_int64(&parsed, cmd, option, text) != CLI_EXIT_OK)
		return CLI_EXIT_USAGE;
	if (parsed < 0 || parsed > OPV_COUNT_MAX)
		return cli_usage_error(cmd, "%s must be 0 to 2^53, not %s", option, text);
	*value = parsed;
	return CLI_EXIT_OK;
}

/* One of the words in `names` (NULL-terminated); `*choice` becomes its position. */
static int parse_choice(int *choice, const struct cli_command *cmd, const char *option,
                        const char *text, const char *const *names)
{
	char known[256] = "";
	size_t used = 0;

	for (int i = 0; names[i] != NULL; i++) {
		if (strcmp(text, names[i]) == 0) {
			*choice = i;
			return CLI_EXIT_OK;
		}
	}
	for (int i = 0; names[i] != NULL && used < sizeof known; i++)
		used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
		                         names[i]);
	return cli_usage_error(cmd, "unknown value '%s' for %s (known: %s)", text, option, known);
}

/* ---- the option table ------------------------------------------------------- */

int cli_lookup_date(void *to, const char *text, opv_error *err)
{
	return opv_date_parse(to, text, err);
}

/* getopt_long's value for the long options without a short form: above any letter. */
#define LONG_ONLY_VALUE 256

/* What one table turns into for getopt_long. */
struct getopt_strings {
	char short_options[1 + 2 * CLI_MAX_OPTIONS + 1];  /* ":" and "x:" per entry */
	struct option long_options[CLI_MAX_OPTIONS + 1];
};

static int takes_value(const struct cli_option *o)
{
	return o->arg != CLI_ARG_FLAG && o->arg != CLI_ARG_HELP;
}

/*
 * Fills `g` from `options`; returns the number of entries, or -1 when there
 * are more than CLI_MAX_OPTIONS.  The leading ':' asks getopt_long to tell a
 * missing value (':') from an unknown option ('?').
 */
static int build_getopt_strings(struct getopt_strings *g, const struct cli_option *options)
{
	char *letters = g->short_options;
	int n;

	*letters++ = ':';
	for (n = 0; options[n].name != NULL; n++) {
		const struct cli_option *o = &options[n];

		if (n == CLI_MAX_OPTIONS)
			return -1;
		g->long_options[n] = (struct option){ o->name,
		                                      takes_value(o) ? required_argument : no_argument,
		                                      NULL, o->letter ? o->letter : LONG_ONLY_VALUE + n };
		if (o->letter) {
			*letters++ = (char)o->letter;
			if (takes_value(o))
				*letters++ = ':';
		}
	}
	*letters = '\0';
	g->long_options[n] = (struct option){ NULL, 0, NULL, 0 };
	return n;
}

/* The entry getopt_long's `value` stands for, or NULL for '?' and ':'. */
static const struct cli_option *entry_of(const struct cli_option *options, int count, int value)
{
	if (value >= LONG_ONLY_VALUE)
		return value - LONG_ONLY_VALUE < count ? &options[value - LONG_ONLY_VALUE] : NULL;
	for (int i = 0; i < count; i++)
		if (options[i].letter != 0 && options[i].letter == value)
			return &options[i];
	return NULL;
}

/* Reports what getopt_long refused: '?' for an unknown option, ':' for a missing value. */
static int option_error(const struct cli_command *cmd, int getopt_result, char **argv)
{
	/*
	 * getopt_long leaves the offending word at argv[optind - 1] for a long
	 * option and the offending letter in optopt for a short one.
	 */
	const char *word = optind > 0 ? argv[optind - 1] : "";
	char letter[3] = { '-', (char)optopt, '\0' };
	const char *option = strncmp(word, "--", 2) == 0 || optopt == 0 ? word : letter;

	if (getopt_result == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", option);
	return cli_usage_error(cmd, "unknown option '%s'", option);
}

static void store_integer(const struct cli_option *o, int64_t value)
{
	/* The range or the names keep the value within the type. */
	switch (o->type) {
	case CLI_INT:
		*(int *)o->to = (int)value;
		break;
	case CLI_UINT:
		*(unsigned int *)o->to = (unsigned int)value;
		break;
	case CLI_INT64:
		*(int64_t *)o->to = value;
		break;
	case CLI_UINT64:
		*(uint64_t *)o->to = (uint64_t)value;
		break;
	}
}

static int parse_lookup(const struct cli_option *o, const struct cli_command *cmd,
                        const char *text)
{
	opv_error err = OPV_ERROR_INIT;

	if (o->lookup(o->to, text, &err) == OPV_OK)
		return CLI_EXIT_OK;
	if (o->flags & CLI_MESSAGE_ALONE)
		return cli_usage_error(cmd, "%s", err.message);
	return cli_usage_error(cmd, "--%s: %s", o->name, err.message);
}

/* Takes the value `text` of the option `o` (NULL for a flag) into its target. */
static int take_value(const struct cli_option *o, const struct cli_command *cmd, char *text,
                      const struct cli_option *common)
{
	char option[80];  /* "--name", as the value parsers name the option */
	int64_t number = 0;
	int choice = 0;

	snprintf(option, sizeof option, "--%s", o->name);
	switch (o->arg) {
	case CLI_ARG_FLAG:
		*(int *)o->to = o->value;
		return CLI_EXIT_OK;
	case CLI_ARG_STRING:
		*(const char **)o->to = text;
		return CLI_EXIT_OK;
	case CLI_ARG_COUNT:
		return parse_count(o->to, cmd, option, text);
	case CLI_ARG_INTEGER:
		if (cli_parse_int64_in(&number, cmd, option, text, o->min, o->max) != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		store_integer(o, number);
		return CLI_EXIT_OK;
	case CLI_ARG_CHOICE:
		if (parse_choice(&choice, cmd, option, text, o->names) != CLI_EXIT_OK)
			return CLI_EXIT_USAGE;
		store_integer(o, choice);
		return CLI_EXIT_OK;
	case CLI_ARG_LOOKUP:
		return parse_lookup(o, cmd, text);
	case CLI_ARG_LIST:
		((const char **)o->to)[(*o->count)++] = text;
		return CLI_EXIT_OK;
	case CLI_ARG_FORMAT:
		return parse_format(o->to, cmd, text);
	case CLI_ARG_CUSTOM:
		return o->custom(o->to, cmd, option, text);
	case CLI_ARG_HELP:
		*(int *)o->to = 1;
		return cli_help(cmd, common);
	}
	return CLI_EXIT_USAGE;
}

/* 1 when `options` has an entry named `name` or lettered `letter`. */
static int has_option(const struct cli_option *options, const char *name, int letter)
{
	for (size_t i = 0; options[i].name != NULL; i++) {
		if (strcmp(options[i].name, name) == 0 || options[i].letter == letter)
			return 1;
	}
	return 0;
}

/*
 * The command's options followed by the common ones it takes (cli.h) into
 * `all`, and the common ones alone into `common`, each ending in { NULL }.
 * Returns -1 when they would not fit.
 */
static int with_common_options(struct cli_option *all, struct cli_option *common,
                               const struct cli_option *options)
{
	size_t n = 0, k = 0;
	int writes_table = 0;

	for (; options[n].name != NULL; n++) {
		if (n + 3 >= CLI_MAX_OPTIONS)
			return -1;
		all[n] = options[n];
		writes_table |= options[n].arg == CLI_ARG_FORMAT;
	}
	/* -o belongs to commands that write a table; -q to every command. */
	if (writes_table && !has_option(options, "output", 'o'))
		common[k++] = (struct cli_option){ CLI_STRING("output", 'o', &run.output) };
	if (!has_option(options, "quiet", 'q'))
		common[k++] = (struct cli_option){ CLI_FLAG("quiet", 'q', &run.quiet) };
	common[k] = (struct cli_option){ .name = NULL };
	for (size_t i = 0; i <= k; i++)
		all[n + i] = common[i];
	return 0;
}

int cli_parse_options(const struct cli_command *cmd, const struct cli_option *command_options,
                      int argc, char **argv)
{
	struct getopt_strings g;
	unsigned char seen[CLI_MAX_OPTIONS] = { 0 };
	struct cli_option options[CLI_MAX_OPTIONS + 1];
	struct cli_option common[3];
	int count = with_common_options(options, common, command_options) == 0
	            ? build_getopt_strings(&g, options) : -1;
	int value;

	if (count < 0) {
		fprintf(stderr, "%s %s: more than %d options\n", CLI_PROGRAM, cmd->name, CLI_MAX_OPTIONS);
		return CLI_EXIT_DATA;
	}
	while ((value = getopt_long(argc, argv, g.short_options, g.long_options, NULL)) != -1) {
		const struct cli_option *o = entry_of(options, count, value);
		int status;

		if (o == NULL)
			return option_error(cmd, value, argv);
		/* A second value would silently win over the first: refused, unless
		 * the option collects its values. */
		if (takes_value(o) && !(o->flags & CLI_REPEATABLE) && seen[o - options]++)
			return cli_usage_error(cmd, "--%s is given twice; give it once", o->name);
		if (o->given != NULL)
			*o->given = 1;
		status = take_value(o, cmd, optarg, common);
		if (status != CLI_EXIT_OK || o->arg == CLI_ARG_HELP)
			return status;
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	return CLI_EXIT_OK;
}
