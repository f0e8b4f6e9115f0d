/* SPDX-License-Identifier: EUPL-1.2 */
#include "output.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

struct cell {
	int present;
	union {
		char *text;
		int64_t integer;
		double real;
	} value;
};

struct out_table {
	const struct out_column *columns;
	size_t ncolumns;
	unsigned char *hidden;  /* per column: 1 when out_table_write() leaves it out */
	struct cell *cells;  /* row-major, rows * ncolumns */
	size_t rows;
	size_t capacity;     /* rows the cell array has room for */
	json_t *meta;        /* what the table rests on, for JSON; NULL until set */
};

/* Room for any integer or real this file prints, with its NUL. */
#define NUMBER_SIZE 32

/* The separator between the columns of the text table. */
#define TABLE_GAP "  "

static const char *const format_names[] = { "csv", "json", "table" };

int out_format_from_name(enum out_format *format, const char *name)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*format = (enum out_format)i;
			return 0;
		}
	}
	return -1;
}

const char *out_format_names(void)
{
	return "csv, json, table";
}

char *out_format_real(char *buf, size_t size, double value)
{
	char scientific[NUMBER_SIZE];
	int digits;
	int exponent;

	if (isnan(value)) {
		snprintf(buf, size, "nan");
		return buf;
	}
	if (isinf(value)) {
		snprintf(buf, size, value < 0 ? "-inf" : "inf");
		return buf;
	}
	if (value == 0)
		value = 0.0; /* one zero: -0 reads as 0 everywhere */

	/*
	 * glibc's printf rounds correctly, so the first digit count whose text
	 * reads back as `value` gives the shortest round-trip digits.  Seventeen
	 * significant digits always suffice for a double.
	 */
	for (digits = 1;; digits++) {
		snprintf(scientific, sizeof scientific, "%.*e", digits - 1, value);
		if (digits == 17 || strtod(scientific, NULL) == value)
			break;
	}

	/*
	 * The same digits in positional form, unless that would need more than
	 * four leading zeros or more than sixteen integer digits.  %f rounds at
	 * the same decimal place as the %e above, so the digits are identical.
	 */
	exponent = atoi(strchr(scientific, 'e') + 1);
	if (exponent < -4 || exponent >= 16) {
		snprintf(buf, size, "%s", scientific);
	} else {
		int decimals = digits - 1 - exponent;
		snprintf(buf, size, "%.*f", decimals > 0 ? decimals : 0, value);
	}
	return buf;
}

out_table *out_table_new(const struct out_column *columns, size_t ncolumns)
{
	out_table *table = calloc(1, sizeof *table);

	if (table == NULL)
		return NULL;
	table->hidden = calloc(ncolumns ? ncolumns : 1, sizeof *table->hidden);
	if (table->hidden == NULL) {
		free(table);
		return NULL;
	}
	table->columns = columns;
	table->ncolumns = ncolumns;
	return table;
}

/* Takes ownership of `value` (NULL: out of memory). */
static int set_meta(out_table *table, const char *key, json_t *value)
{
	if (value == NULL)
		return -1;
	if (table->meta == NULL && (table->meta = json_object()) == NULL) {
		json_decref(value);
		return -1;
	}
	return json_object_set_new(table->meta, key, value) == 0 ? 0 : -1;
}

int out_table_set_meta_text(out_table *table, const char *key, const char *text)
{
	return set_meta(table, key, text ? json_string(text) : json_null());
}

int out_table_set_meta_integer(out_table *table, const char *key, int64_t value)
{
	return set_meta(table, key, json_integer((json_int_t)value));
}

int out_table_set_meta_boolean(out_table *table, const char *key, int value)
{
	return set_meta(table, key, json_boolean(value));
}

static struct cell *cell_at(const out_table *table, size_t row, size_t column)
{
	return &table->cells[row * table->ncolumns + column];
}

void out_table_free(out_table *table)
{
	if (table == NULL)
		return;
	for (size_t row = 0; row < table->rows; row++) {
		for (size_t column = 0; column < table->ncolumns; column++) {
			struct cell *cell = cell_at(table, row, column);
			if (cell->present && table->columns[column].kind == OUT_TEXT)
				free(cell->value.text);
		}
	}
	free(table->cells);
	free(table->hidden);
	json_decref(table->meta);
	free(table);
}

size_t out_table_rows(const out_table *table)
{
	return table->rows;
}

void out_table_hide_column(out_table *table, size_t column)
{
	assert(column < table->ncolumns);
	table->hidden[column] = 1;
}

/* The columns out_table_write() writes, in order: shown(t, c) is 1 for them. */
static int shown(const out_table *table, size_t column)
{
	return !table->hidden[column];
}

/* The first shown column, or ncolumns when none is shown. */
static size_t first_shown(const out_table *table)
{
	size_t column = 0;

	while (column < table->ncolumns && !shown(table, column))
		column++;
	return column;
}

/* The last shown column, or ncolumns when none is shown. */
static size_t last_shown(const out_table *table)
{
	for (size_t column = table->ncolumns; column-- > 0;) {
		if (shown(table, column))
			return column;
	}
	return table->ncolumns;
}

int out_table_add_row(out_table *table)
{
	if (table->rows == table->capacity) {
		size_t capacity = table->capacity ? 2 * table->capacity : 64;
		struct cell *cells;

		if (table->ncolumns > 0 && capacity > SIZE_MAX / sizeof *cells / table->ncolumns) {
			errno = ENOMEM;
			return -1;
		}
		cells = realloc(table->cells, capacity * table->ncolumns * sizeof *cells);
		if (cells == NULL)
			return -1;
		table->cells = cells;
		table->capacity = capacity;
	}
	memset(cell_at(table, table->rows, 0), 0, table->ncolumns * sizeof *table->cells);
	table->rows++;
	return 0;
}

/* The cell `column` of the last row, checked against the kind the caller means. */
static struct cell *last_cell(out_table *table, size_t column, enum out_kind kind)
{
	assert(table->rows > 0 && column < table->ncolumns);
	assert(table->columns[column].kind == kind);
	(void)kind;
	return cell_at(table, table->rows - 1, column);
}

int out_table_set_text(out_table *table, size_t column, const char *text)
{
	struct cell *cell = last_cell(table, column, OUT_TEXT);
	char *copy = strdup(text);

	if (copy == NULL)
		return -1;
	if (cell->present)
		free(cell->value.text);
	cell->value.text = copy;
	cell->present = 1;
	return 0;
}

void out_table_set_integer(out_table *table, size_t column, int64_t value)
{
	struct cell *cell = last_cell(table, column, OUT_INTEGER);

	cell->value.integer = value;
	cell->present = 1;
}

void out_table_set_real(out_table *table, size_t column, double value)
{
	struct cell *cell = last_cell(table, column, OUT_REAL);

	cell->value.real = value;
	cell->present = 1;
}

void out_table_set_boolean(out_table *table, size_t column, int value)
{
	struct cell *cell = last_cell(table, column, OUT_BOOLEAN);

	cell->value.integer = value != 0;
	cell->present = 1;
}

/* The text of a cell as csv and table print it; `buf` holds numbers. */
static const char *cell_text(const struct cell *cell, enum out_kind kind, char buf[NUMBER_SIZE])
{
	if (!cell->present)
		return "";
	switch (kind) {
	case OUT_TEXT:
		return cell->value.text;
	case OUT_INTEGER:
		snprintf(buf, NUMBER_SIZE, "%" PRId64, cell->value.integer);
		return buf;
	case OUT_REAL:
		return out_format_real(buf, NUMBER_SIZE, cell->value.real);
	case OUT_BOOLEAN:
		return cell->value.integer ? "true" : "false";
	}
	return "";
}

/* ---- csv ---------------------------------------------------------------- */

static int csv_needs_quotes(const char *text)
{
	size_t len = strlen(text);

	if (strpbrk(text, ",\"\r\n") != NULL)
		return 1;
	/* Many readers trim unquoted white space; quoting keeps it. */
	return len > 0 && (strchr(" \t", text[0]) != NULL || strchr(" \t", text[len - 1]) != NULL);
}

static int write_csv_field(FILE *out, const char *text)
{
	if (csv_needs_quotes(text))
		return csv_fwrite(out, text, strlen(text)) == 0 ? 0 : -1;
	return fputs(text, out) >= 0 ? 0 : -1;
}

static int write_csv(const out_table *table, FILE *out)
{
	char buf[NUMBER_SIZE];
	size_t first = first_shown(table);

	for (size_t column = 0; column < table->ncolumns; column++) {
		if (!shown(table, column))
			continue;
		if (column != first)
			fputc(',', out);
		if (write_csv_field(out, table->columns[column].name) != 0)
			return -1;
	}
	fputc('\n', out);

	for (size_t row = 0; row < table->rows; row++) {
		for (size_t column = 0; column < table->ncolumns; column++) {
			const char *text;

			if (!shown(table, column))
				continue;
			text = cell_text(cell_at(table, row, column), table->columns[column].kind, buf);
			if (column != first)
				fputc(',', out);
			if (write_csv_field(out, text) != 0)
				return -1;
		}
		fputc('\n', out);
	}
	return 0;
}

/* ---- json --------------------------------------------------------------- */

static int write_json_string(FILE *out, const char *text)
{
	/* NULL for invalid UTF-8 as well as for lack of memory. */
	json_t *string = json_string(text);
	int rc;

	if (string == NULL) {
		errno = EILSEQ;
		return -1;
	}
	rc = json_dumpf(string, out, JSON_ENCODE_ANY);
	json_decref(string);
	return rc;
}

static int write_json_value(FILE *out, const struct cell *cell, enum out_kind kind)
{
	char buf[NUMBER_SIZE];

	if (!cell->present)
		return fputs("null", out) >= 0 ? 0 : -1;
	switch (kind) {
	case OUT_TEXT:
		return write_json_string(out, cell->value.text);
	case OUT_INTEGER:
		return fprintf(out, "%" PRId64, cell->value.integer) >= 0 ? 0 : -1;
	case OUT_REAL:
		if (!isfinite(cell->value.real))
			return fputs("null", out) >= 0 ? 0 : -1;
		out_format_real(buf, sizeof buf, cell->value.real);
		/* Keep a real looking like one, as jansson itself does. */
		if (strpbrk(buf, ".e") == NULL)
			strcat(buf, ".0");
		return fputs(buf, out) >= 0 ? 0 : -1;
	case OUT_BOOLEAN:
		return fputs(cell->value.integer ? "true" : "false", out) >= 0 ? 0 : -1;
	}
	return -1;
}

static int write_json(const out_table *table, FILE *out)
{
	size_t first = first_shown(table);

	fputs("{\"meta\": ", out);
	if (table->meta != NULL) {
		if (json_dumpf(table->meta, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0)
			return -1;
	} else {
		fputs("{}", out);
	}
	if (table->rows == 0)
		return fputs(", \"rows\": []}\n", out) >= 0 ? 0 : -1;

	fputs(",\n\"rows\": [\n", out);
	for (size_t row = 0; row < table->rows; row++) {
		fputs("  {", out);
		for (size_t column = 0; column < table->ncolumns; column++) {
			if (!shown(table, column))
				continue;
			if (column != first)
				fputs(", ", out);
			if (write_json_string(out, table->columns[column].name) != 0)
				return -1;
			fputs(": ", out);
			if (write_json_value(out, cell_at(table, row, column),
			                     table->columns[column].kind) != 0)
				return -1;
		}
		fputs(row + 1 < table->rows ? "},\n" : "}\n", out);
	}
	fputs("]}\n", out);
	return 0;
}

/* ---- table -------------------------------------------------------------- */

/* Code points in a UTF-8 string: every byte that does not continue a sequence. */
/* A control character from the input would move the terminal's cursor or
 * worse: the text table shows it as \xNN. */
static int is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static size_t display_width(const char *text)
{
	size_t width = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		width += is_control(*p) ? 4 : (*p & 0xC0) != 0x80;
	return width;
}

static void put_shown(FILE *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (is_control(*p))
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
}

static void pad(FILE *out, size_t count)
{
	while (count-- > 0)
		fputc(' ', out);
}

/* One line of the text table; `texts` holds one string per column. */
static void write_table_line(const out_table *table, const size_t *widths,
                             const char *const *texts, FILE *out)
{
	size_t first = first_shown(table);
	size_t last = last_shown(table);

	for (size_t column = 0; column < table->ncolumns; column++) {
		enum out_kind kind = table->columns[column].kind;
		size_t gap;

		if (!shown(table, column))
			continue;
		gap = widths[column] - display_width(texts[column]);
		if (column != first)
			fputs(TABLE_GAP, out);
		if (kind == OUT_TEXT || kind == OUT_BOOLEAN) {
			put_shown(out, texts[column]);
			if (column != last)  /* no trailing blanks */
				pad(out, gap);
		} else {
			pad(out, gap);
			fputs(texts[column], out);
		}
	}
	fputc('\n', out);
}

static int write_text_table(const out_table *table, FILE *out)
{
	size_t *widths = calloc(table->ncolumns ? table->ncolumns : 1, sizeof *widths);
	const char **texts = calloc(table->ncolumns ? table->ncolumns : 1, sizeof *texts);
	char (*buffers)[NUMBER_SIZE] = calloc(table->ncolumns ? table->ncolumns : 1, sizeof *buffers);
	int rc = -1;

	if (widths == NULL || texts == NULL || buffers == NULL)
		goto done;

	for (size_t column = 0; column < table->ncolumns; column++)
		widths[column] = display_width(table->columns[column].name);
	for (size_t row = 0; row < table->rows; row++) {
		for (size_t column = 0; column < table->ncolumns; column++) {
			size_t width = display_width(cell_text(cell_at(table, row, column),
			                                       table->columns[column].kind,
			                                       buffers[column]));
			if (width > widths[column])
				widths[column] = width;
		}
	}

	for (size_t column = 0; column < table->ncolumns; column++)
		texts[column] = table->columns[column].name;
	write_table_line(table, widths, texts, out);

	for (size_t column = 0; column < table->ncolumns; column++) {
		if (!shown(table, column))
			continue;
		if (column != first_shown(table))
			fputs(TABLE_GAP, out);
		for (size_t i = 0; i < widths[column]; i++)
			fputc('-', out);
	}
	fputc('\n', out);

	for (size_t row = 0; row < table->rows; row++) {
		for (size_t column = 0; column < table->ncolumns; column++)
			texts[column] = cell_text(cell_at(table, row, column),
			                          table->columns[column].kind, buffers[column]);
		write_table_line(table, widths, texts, out);
	}
	rc = 0;
done:
	free(buffers);
	free(texts);
	free(widths);
	return rc;
}

/* ---- writing ------------------------------------------------------------ */

int out_table_write(const out_table *table, enum out_format format, FILE *stream)
{
	char *text = NULL;
	size_t len = 0;
	FILE *memory = open_memstream(&text, &len);
	int rc;
	int saved_errno;

	if (memory == NULL)
		return -1;

	switch (format) {
	case OUT_CSV:
		rc = write_csv(table, memory);
		break;
	case OUT_JSON:
		rc = write_json(table, memory);
		break;
	case OUT_TABLE:
		rc = write_text_table(table, memory);
		break;
	default:
		errno = EINVAL;
		rc = -1;
		break;
	}
	/* The many small writes above are checked once, here. */
	if (ferror(memory) && rc == 0) {
		errno = ENOMEM;
		rc = -1;
	}
	saved_errno = errno;
	if (fclose(memory) != 0 && rc == 0) {
		saved_errno = errno;
		rc = -1;
	}

	if (rc == 0 && len > 0 && fwrite(text, 1, len, stream) != len) {
		saved_errno = errno;
		rc = -1;
	}
	free(text);
	errno = saved_errno;
	return rc;
}
