/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Reading CSV into an opv__csv_table with libcsv.
 *
 * The input is checked as a whole first (size, NUL bytes, UTF-8), then fed
 * to libcsv one physical line at a time so that every record knows the line
 * it started on; libcsv itself handles quoting, embedded commas and CRLF.
 */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "c_locale.h"
#include "csv_table.h"
#include "error.h"

/* What the libcsv callbacks build up. */
struct reader {
	struct opv__csv_table *table;
	size_t max_rows;
	char **fields;          /* fields of the record being read */
	size_t nfields, cap_fields;
	size_t cap_rows;
	long line;              /* physical line being fed */
	long newlines_in_record;/* line breaks inside quoted fields of this record */
	int failed;             /* an error was recorded in err; ignore the rest */
	opv_error *err;
};

static char *copy_text(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	if (out) {
		memcpy(out, s, len);
		out[len] = '\0';
	}
	return out;
}

static void free_fields(char **fields, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(fields[i]);
}

void opv__csv_free(struct opv__csv_table *t)
{
	if (!t)
		return;
	if (t->header)
		free_fields(t->header, t->ncols);
	if (t->cells)
		free_fields(t->cells, t->nrows * t->ncols);
	free(t->header);
	free(t->cells);
	free(t->line);
	free(t->source);
	memset(t, 0, sizeof *t);
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct reader *r = ctx;
	const char *s = data ? data : "";
	size_t i;
	if (r->failed)
		return;
	if (len > OPV_CSV_MAX_FIELD) {
		r->failed = opv__fail_at(r->err, OPV_ERANGE, r->line, (long)r->nfields + 1,
		                         "%s:%ld: field %zu is longer than %d bytes",
		                         r->table->source, r->line, r->nfields + 1, OPV_CSV_MAX_FIELD);
		return;
	}
	if (r->nfields == r->cap_fields) {
		size_t cap = r->cap_fields ? 2 * r->cap_fields : 16;
		char **grown = realloc(r->fields, cap * sizeof *grown);
		if (!grown) {
			r->failed = opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", r->table->source);
			return;
		}
		r->fields = grown;
		r->cap_fields = cap;
	}
	r->fields[r->nfields] = copy_text(s, len);
	if (!r->fields[r->nfields]) {
		r->failed = opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", r->table->source);
		return;
	}
	r->nfields++;
	for (i = 0; i < len; i++)
		r->newlines_in_record += s[i] == '\n';
}

struct named_column {
	const char *name;
	size_t column;
};

/* Header columns in name order, ties in column order. */
static int by_name_then_column(const void *a, const void *b)
{
	const struct named_column *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->column > y->column) - (x->column < y->column);
}

/*
 * The first column (in header order) whose name an earlier column has, or
 * `n` when the names are unique: sorted, so a header of many thousands of
 * columns costs n log n comparisons, not n^2.  *earlier is the first column
 * of that name.  -1 when memory runs out.
 */
static long first_repeated_column(size_t *earlier, char *const *fields, size_t n)
{
	struct named_column *order = malloc((n ? n : 1) * sizeof *order);
	size_t i, found = n;
	if (!order)
		return -1;
	for (i = 0; i < n; i++)
		order[i] = (struct named_column){ fields[i], i };
	qsort(order, n, sizeof *order, by_name_then_column);
	/* In a run of one name the first is the original and the second its
	 * first repeat; the answer is the earliest such repeat of all runs. */
	for (i = 1; i < n; i++)
		if (strcmp(order[i].name, order[i - 1].name) == 0 &&
		    (i < 2 || strcmp(order[i - 1].name, order[i - 2].name) != 0) &&
		    order[i].column < found) {
			found = order[i].column;
			*earlier = order[i - 1].column;
		}
	free(order);
	return (long)found;
}

static int start_table(struct reader *r)
{
	struct opv__csv_table *t = r->table;
	size_t i, earlier = 0;
	long repeated;
	for (i = 0; i < r->nfields; i++)
		if (!r->fields[i][0])
			return opv__fail_at(r->err, OPV_EPARSE, r->line, (long)i + 1,
			                    "%s:%ld: column %zu has an empty name", t->source, r->line, i + 1);
	repeated = first_repeated_column(&earlier, r->fields, r->nfields);
	if (repeated < 0)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", t->source);
	if ((size_t)repeated < r->nfields)
		return opv__fail_at(r->err, OPV_EDUPLICATE, r->line, repeated + 1,
		                    "%s:%ld: column '%.64s' occurs twice (columns %zu and %ld)", t->source,
		                    r->line, r->fields[repeated], earlier + 1, repeated + 1);
	t->header = r->fields;
	t->ncols = r->nfields;
	r->fields = NULL;
	r->nfields = r->cap_fields = 0;
	return OPV_OK;
}

static int append_row(struct reader *r)
{
	struct opv__csv_table *t = r->table;
	long start = r->line - r->newlines_in_record;
	if (r->nfields != t->ncols)
		return opv__fail_at(r->err, OPV_EPARSE, start, 0,
		                    "%s:%ld: row has %zu field%s but the header has %zu",
		                    t->source, start, r->nfields, r->nfields == 1 ? "" : "s", t->ncols);
	if (t->nrows >= r->max_rows)
		return opv__fail_at(r->err, OPV_ERANGE, start, 0,
		                    "%s:%ld: more than %zu data rows", t->source, start, r->max_rows);
	if (t->nrows == r->cap_rows) {
		size_t cap = r->cap_rows ? 2 * r->cap_rows : 64;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		long *line;
		if (!cells)
			return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", t->source);
		t->cells = cells;
		line = realloc(t->line, cap * sizeof *line);
		if (!line)
			return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", t->source);
		t->line = line;
		r->cap_rows = cap;
	}
	memcpy(t->cells + t->nrows * t->ncols, r->fields, t->ncols * sizeof *r->fields);
	t->line[t->nrows++] = start;
	r->nfields = 0;
	return OPV_OK;
}

static void on_record(int terminator, void *ctx)
{
	struct reader *r = ctx;
	int rc;
	(void)terminator;
	if (r->failed)
		return;
	rc = r->table->header ? append_row(r) : start_table(r);
	if (rc)
		r->failed = rc;
	r->newlines_in_record = 0;
}

/* Offset of the first byte that breaks UTF-8, or len when all is valid.
 * Rejects overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t need, k;
		unsigned cp, min;
		if (c < 0x80) { i++; continue; }
		if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
		else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; min = 0x800; }
		else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; min = 0x10000; }
		else return i;
		if (len - i <= need)
			return i;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return len;
}

/* 1-based line and column of a byte offset, for messages. */
static void locate(const char *data, size_t offset, long *line, long *column)
{
	size_t i;
	*line = 1;
	*column = 1;
	for (i = 0; i < offset; i++) {
		if (data[i] == '\n') {
			++*line;
			*column = 1;
		} else {
			++*column;
		}
	}
}

static int check_bytes(const char *data, size_t len, const char *source, opv_error *err)
{
	const char *nul = memchr(data, '\0', len);
	size_t bad;
	long line, column;
	if (nul) {
		locate(data, (size_t)(nul - data), &line, &column);
		return opv__fail_at(err, OPV_EPARSE, line, column,
		                    "%s:%ld:%ld: NUL byte in text", source, line, column);
	}
	bad = utf8_invalid_at((const unsigned char *)data, len);
	if (bad < len) {
		locate(data, bad, &line, &column);
		return opv__fail_at(err, OPV_EPARSE, line, column,
		                    "%s:%ld:%ld: invalid UTF-8 (byte 0x%02X)", source, line, column,
		                    (unsigned)(unsigned char)data[bad]);
	}
	return OPV_OK;
}

static int parse(struct reader *r, const char *data, size_t len)
{
	struct csv_parser parser;
	struct opv__csv_table *t = r->table;
	size_t pos = 0;
	int rc = OPV_OK;

	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", t->source);
	/* The parser's buffer comes from the same allocator as the rest of the
	 * table: a program that replaces the library's malloc (the
	 * allocation-failure tests do) replaces libcsv's too. */
	csv_set_realloc_func(&parser, realloc);
	csv_set_free_func(&parser, free);
	r->line = 0;
	while (pos < len && !r->failed) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t chunk = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
		r->line++;
		if (chunk > OPV_CSV_MAX_LINE) {
			r->failed = opv__fail_at(r->err, OPV_ERANGE, r->line, 0,
			                         "%s:%ld: line is longer than %d bytes", t->source, r->line,
			                         OPV_CSV_MAX_LINE);
			break;
		}
		if (csv_parse(&parser, data + pos, chunk, on_field, on_record, r) != chunk && !r->failed)
			r->failed = opv__fail_at(r->err, OPV_EPARSE, r->line, 0,
			                         "%s:%ld: malformed CSV (%s)", t->source, r->line,
			                         csv_strerror(csv_error(&parser)));
		pos += chunk;
	}
	if (!r->failed && csv_fini(&parser, on_field, on_record, r) != 0 && !r->failed)
		r->failed = opv__fail_at(r->err, OPV_EPARSE, r->line, 0,
		                         "%s:%ld: malformed CSV at end of input (unterminated quote?)",
		                         t->source, r->line);
	csv_free(&parser);
	if (r->failed)
		rc = r->failed;
	else if (!t->header)
		rc = opv__fail(r->err, OPV_EPARSE, "%s: no header row", t->source);
	return rc;
}

int opv__csv_read_memory(struct opv__csv_table *table, const char *data, size_t len,
                         const char *source, size_t max_rows, opv_error *err)
{
	struct reader r;
	int rc;

	if (!table || (!data && len > 0))
		return opv__fail(err, OPV_EINVAL, "CSV table or data is NULL");
	memset(table, 0, sizeof *table);
	if (!source)
		source = "<memory>";
	if (len > OPV_CSV_MAX_BYTES)
		return opv__fail(err, OPV_ERANGE, "%s: larger than %zu bytes", source, OPV_CSV_MAX_BYTES);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (len == 0)
		return opv__fail(err, OPV_EPARSE, "%s: file is empty", source);
	rc = check_bytes(data, len, source, err);
	if (rc)
		return rc;

	table->source = copy_text(source, strlen(source));
	if (!table->source)
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", source);
	memset(&r, 0, sizeof r);
	r.table = table;
	r.max_rows = max_rows;
	r.err = err;
	rc = parse(&r, data, len);
	if (r.fields)
		free_fields(r.fields, r.nfields);
	free(r.fields);
	if (rc)
		opv__csv_free(table);
	return rc;
}

int opv__csv_read_file(struct opv__csv_table *table, const char *path, size_t max_rows,
                       opv_error *err)
{
	struct stat st;
	FILE *f;
	char *data = NULL;
	size_t len = 0, cap = 0;
	int rc;

	if (!table || !path)
		return opv__fail(err, OPV_EINVAL, "CSV table or path is NULL");
	memset(table, 0, sizeof *table);
	if (stat(path, &st) != 0)
		return opv__fail(err, OPV_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return opv__fail(err, OPV_EIO, "%s: is a directory, not a CSV file", path);
	f = fopen(path, "rb");
	if (!f)
		return opv__fail(err, OPV_EIO, "%s: cannot open: %s", path, strerror(errno));
	for (;;) {
		size_t got;
		if (len == cap) {
			char *grown;
			if (cap >= OPV_CSV_MAX_BYTES) {
				fclose(f);
				free(data);
				return opv__fail(err, OPV_ERANGE, "%s: larger than %zu bytes", path,
				                 OPV_CSV_MAX_BYTES);
			}
			cap = cap ? 2 * cap : 64 * 1024;
			grown = realloc(data, cap + 1);
			if (!grown) {
				fclose(f);
				free(data);
				return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", path);
			}
			data = grown;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		free(data);
		return opv__fail(err, OPV_EIO, "%s: read error: %s", path, strerror(e));
	}
	fclose(f);
	rc = opv__csv_read_memory(table, data ? data : "", len, path, max_rows, err);
	free(data);
	return rc;
}

int opv__csv_load(void *out, const struct opv__csv_source *source, size_t max_rows,
                  opv__csv_convert convert, const void *context, opv_error *err)
{
	struct opv__csv_table t;
	int rc;
	if (!out)
		return opv__fail(err, OPV_EINVAL, "output pointer is NULL");
	if (source->from_file && !source->path)
		return opv__fail(err, OPV_EINVAL, "path is NULL");
	if (source->from_file)
		rc = opv__csv_read_file(&t, source->path, max_rows, err);
	else if (source->data || source->len == 0)
		rc = opv__csv_read_memory(&t, source->data ? source->data : "", source->len, source->name,
		                          max_rows, err);
	else
		return opv__fail(err, OPV_EINVAL, "data is NULL");
	if (rc)
		return rc;
	rc = convert(out, &t, context, err);
	opv__csv_free(&t);
	return rc;
}

int opv__csv_optional_column(long *column, const struct opv__csv_table *t,
                             const char *const *names, opv_error *err)
{
	long found = -1;
	size_t i, k, found_name = 0;
	for (k = 0; names[k]; k++)
		for (i = 0; i < t->ncols; i++) {
			if (strcmp(t->header[i], names[k]) != 0)
				continue;
			if (found >= 0)
				return opv__fail_at(err, OPV_EDUPLICATE, 1, (long)i + 1,
				                    "%s:1: columns '%s' and '%s' say the same; keep one",
				                    t->source, names[found_name], names[k]);
			found = (long)i;
			found_name = k;
		}
	*column = found;
	return OPV_OK;
}

int opv__csv_require_column(size_t *column, const struct opv__csv_table *t,
                            const char *const *names, opv_error *err)
{
	long found;
	int rc = opv__csv_optional_column(&found, t, names, err);
	if (rc)
		return rc;
	if (found < 0) {
		if (names[1])
			return opv__fail_at(err, OPV_EPARSE, 1, 0, "%s:1: missing column '%s' (or '%s')",
			                    t->source, names[0], names[1]);
		return opv__fail_at(err, OPV_EPARSE, 1, 0, "%s:1: missing column '%s'", t->source,
		                    names[0]);
	}
	*column = (size_t)found;
	return OPV_OK;
}

int opv__csv_fail(opv_error *err, int code, const struct opv__csv_table *t, size_t row, size_t col,
                  const char *what)
{
	return opv__fail_at(err, code, t->line[row], (long)col + 1,
	                    "%s:%ld: column '%s': %s", t->source, t->line[row], t->header[col], what);
}

int opv__parse_int64(int64_t *out, const char *text)
{
	const char *p = text;
	char *end;
	long long v;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p)
		return OPV_EPARSE;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return OPV_EPARSE;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno == ERANGE)
		return OPV_ERANGE;
	*out = (int64_t)v;
	return OPV_OK;
}

/*
 * The whole number `text` writes ("9007199254740993", "40.00",
 * "9.007199254740993e15") as plain digits without sign or leading zeros, into
 * `out` of `size` bytes.  Returns its length, or 0 when `text` is not a whole
 * number or needs more room.  Only decimal text gets here (checked before).
 */
static size_t whole_digits(char *out, size_t size, const char *text)
{
	const char *p = text + (*text == '-' || *text == '+');
	char mantissa[400];  /* a finite double has at most 309 digits before the point */
	size_t n = 0, fraction = 0, len, i;
	long exponent = 0;
	int in_fraction = 0;
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
		if (*p == '.') {
			in_fraction = 1;
			continue;
		}
		if (n == 0 && *p == '0') {  /* a leading zero, before or after the point */
			fraction += in_fraction;
			continue;
		}
		if (n == sizeof mantissa)
			return 0;
		mantissa[n++] = *p;
		fraction += in_fraction;
	}
	if (*p == 'e' || *p == 'E')
		exponent = strtol(p + 1, NULL, 10);  /* saturates; checked against size below */
	if (n == 0)
		return 0;  /* zero: exact */
	/* The value is mantissa * 10^(exponent - fraction). */
	exponent -= (long)fraction;
	if (exponent < 0) {
		if ((size_t)-exponent >= n)
			return 0;  /* below 1, or with a fraction: not a whole number */
		for (i = n - (size_t)-exponent; i < n; i++)
			if (mantissa[i] != '0')
				return 0;
		n -= (size_t)-exponent;
		exponent = 0;
	}
	if ((size_t)exponent >= size || n + (size_t)exponent >= size)
		return 0;
	len = n + (size_t)exponent;
	memcpy(out, mantissa, n);
	memset(out + n, '0', (size_t)exponent);
	out[len] = '\0';
	return len;
}

/*
 * Whether `text`, a whole number, is one the double `v` read from it does
 * not hold exactly: above 2^53 not every whole number has a double, and
 * "9007199254740993" would silently become ...992.  Exact: the double is
 * printed in full and the digits compared.  A number in exponent form beyond
 * 20 digits (1e308) says by its form that it is approximate, and passes.
 */
static int inexact_whole_number(const char *text, double v)
{
	char written[400], exact[400];
	size_t len;
	if (fabs(v) < 9007199254740992.0)
		return 0;
	len = whole_digits(written, sizeof written, text);
	if (len == 0 || (strpbrk(text, "eE") && len > 20))
		return 0;
	{
		locale_t previous = opv__c_numbers_begin();
		snprintf(exact, sizeof exact, "%.0f", fabs(v));
		opv__c_numbers_end(previous);
	}
	return strcmp(exact, written) != 0;
}

int opv__parse_real(double *out, const char *text)
{
	const char *p = text;
	char *end;
	double v;
	int digits = 0;
	if (!*p)
		return OPV_EPARSE;
	if (strcasecmp(p + (*p == '-' || *p == '+'), "nan") == 0 ||
	    strcasecmp(p + (*p == '-' || *p == '+'), "inf") == 0 ||
	    strcasecmp(p + (*p == '-' || *p == '+'), "infinity") == 0)
		return OPV_ERANGE;
	/* Plain decimal notation only: no hex floats, no spaces. */
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits = 1;
		else if (!strchr("+-.eE", *p))
			return OPV_EPARSE;
	}
	if (!digits)
		return OPV_EPARSE;
	errno = 0;
	{
		/* "1.5" is one and a half under any locale the program set */
		locale_t previous = opv__c_numbers_begin();
		v = strtod(text, &end);
		opv__c_numbers_end(previous);
	}
	if (*end)
		return OPV_EPARSE;
	if (!isfinite(v) || inexact_whole_number(text, v))
		return OPV_ERANGE;
	*out = v;
	return OPV_OK;
}

int opv__csv_whole(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                   opv_error *err)
{
	int64_t v;
	int rc = opv__csv_int64(&v, t, row, col, err);
	if (rc)
		return rc;
	if (v >= OPV_COUNT_MAX || v <= -OPV_COUNT_MAX)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "magnitude is 2^53 or more");
	*out = v;
	return OPV_OK;
}

int opv__csv_int64(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                   opv_error *err)
{
	const char *text = opv__csv_cell(t, row, col);
	char what[160];
	int rc = opv__parse_int64(out, text);
	if (rc == OPV_OK)
		return OPV_OK;
	snprintf(what, sizeof what, rc == OPV_ERANGE ? "'%.64s' is out of range for a whole number"
	                                              : "'%.64s' is not a whole number", text);
	return opv__csv_fail(err, rc, t, row, col, what);
}

int opv__csv_real(double *out, const struct opv__csv_table *t, size_t row, size_t col,
                  opv_error *err)
{
	const char *text = opv__csv_cell(t, row, col);
	char what[160];
	double v;
	locale_t previous;
	int rc = opv__parse_real(out, text);
	if (rc == OPV_OK)
		return OPV_OK;
	previous = opv__c_numbers_begin();
	if (rc == OPV_ERANGE && (v = strtod(text, NULL), isfinite(v)))
		snprintf(what, sizeof what, "'%.64s' is a whole number that a double cannot hold "
		         "exactly (above 2^53 it would become %.0f)", text, v);
	else
		snprintf(what, sizeof what, rc == OPV_ERANGE ? "'%.64s' is not a finite number"
		                                              : "'%.64s' is not a number", text);
	opv__c_numbers_end(previous);
	return opv__csv_fail(err, rc, t, row, col, what);
}
