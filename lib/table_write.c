/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The table writer's forms: CSV, JSON and the aligned text table
 * (opvang/io.h), written through one large buffer so that a million rows
 * cost a few hundred writes, not millions of stdio calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "c_locale.h"
#include "error.h"
#include "real_text.h"
#include "table_internal.h"

static const char *const format_names[] = { "csv", "json", "table" };

#define FORMAT_COUNT (sizeof format_names / sizeof format_names[0])

int opv_table_format_from_name(opv_table_format *format, const char *name, opv_error *err)
{
	if (format == NULL || name == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_format_from_name: %s is NULL",
		                 format == NULL ? "format" : "name");
	for (size_t i = 0; i < FORMAT_COUNT; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*format = (opv_table_format)i;
			return OPV_OK;
		}
	}
	return opv__fail(err, OPV_ENOTFOUND, "unknown format '%.64s' (csv, json, table)", name);
}

const char *opv_table_format_name(opv_table_format format)
{
	return (unsigned)format < FORMAT_COUNT ? format_names[format] : NULL;
}

/* ---- the buffer --------------------------------------------------------------- */

#define SINK_SIZE (1 << 16)

/* Room a single append may need at once: a number, an escape. */
#define SINK_SLACK 64

struct sink {
	FILE *stream;
	char *buf;
	size_t len;
	int errnum; /* the first write error, 0 while there is none */
};

static void sink_flush(struct sink *s)
{
	if (s->len > 0 && s->errnum == 0) {
		errno = 0;
		if (fwrite(s->buf, 1, s->len, s->stream) != s->len)
			s->errnum = errno ? errno : EIO;
	}
	s->len = 0;
}

/* Makes room for `n` more bytes in the buffer (n <= SINK_SIZE). */
static inline char *sink_room(struct sink *s, size_t n)
{
	if (SINK_SIZE - s->len < n)
		sink_flush(s);
	return s->buf + s->len;
}

static void sink_put(struct sink *s, const char *data, size_t n)
{
	while (n > 0) {
		size_t part;

		if (s->len == SINK_SIZE)
			sink_flush(s);
		part = SINK_SIZE - s->len < n ? SINK_SIZE - s->len : n;
		memcpy(s->buf + s->len, data, part);
		s->len += part;
		data += part;
		n -= part;
	}
}

static inline void sink_puts(struct sink *s, const char *text)
{
	sink_put(s, text, strlen(text));
}

static inline void sink_char(struct sink *s, char c)
{
	*sink_room(s, 1) = c;
	s->len++;
}

static void sink_integer(struct sink *s, int64_t value)
{
	char text[OPV_INTEGER_TEXT_SIZE];
	char *end = text + sizeof text;
	char *start = opv__format_integer(end, value);

	sink_put(s, start, (size_t)(end - start));
}

/* A real in its shortest text; in JSON with ".0" when it looks whole. */
static void sink_real(struct sink *s, double value, int json)
{
	char *p = sink_room(s, OPV_REAL_TEXT_SIZE + 2);
	size_t n = opv_format_real(p, OPV_REAL_TEXT_SIZE, value);

	if (json && memchr(p, '.', n) == NULL && memchr(p, 'e', n) == NULL) {
		p[n++] = '.';
		p[n++] = '0';
	}
	s->len += n;
}

/* ---- csv ---------------------------------------------------------------------- */

static int csv_needs_quotes(const char *text, size_t len)
{
	if (strpbrk(text, ",\"\r\n") != NULL)
		return 1;
	/* Many readers trim unquoted white space; quoting keeps it. */
	return len > 0 && (text[0] == ' ' || text[0] == '\t' || text[len - 1] == ' '
	                   || text[len - 1] == '\t');
}

static void csv_text(struct sink *s, const char *text)
{
	size_t len = strlen(text);

	if (!csv_needs_quotes(text, len)) {
		sink_put(s, text, len);
		return;
	}
	/* RFC 4180: in quotes, a quote doubled. */
	sink_char(s, '"');
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '"')
			sink_char(s, '"');
		sink_char(s, *p);
	}
	sink_char(s, '"');
}

static void csv_cell(struct sink *s, const struct opv_table_cell *cell, opv_column_kind kind)
{
	if (!cell->present)
		return;
	switch (kind) {
	case OPV_COLUMN_TEXT:
		csv_text(s, cell->value.text);
		break;
	case OPV_COLUMN_INTEGER:
		sink_integer(s, cell->value.integer);
		break;
	case OPV_COLUMN_REAL:
		sink_real(s, cell->value.real, 0);
		break;
	case OPV_COLUMN_BOOLEAN:
		sink_puts(s, cell->value.integer ? "true" : "false");
		break;
	}
}

/* The shown columns in order: their indices into `shown`; returns the count. */
static size_t shown_columns(const opv_table *table, size_t *shown)
{
	size_t n = 0;

	for (size_t column = 0; column < table->ncolumns; column++) {
		if (!table->columns[column].hidden)
			shown[n++] = column;
	}
	return n;
}

static void write_csv(const opv_table *table, const size_t *shown, size_t nshown, struct sink *s)
{
	for (size_t i = 0; i < nshown; i++) {
		if (i > 0)
			sink_char(s, ',');
		csv_text(s, table->columns[shown[i]].name);
	}
	sink_char(s, '\n');
	for (size_t row = 0; row < table->rows; row++) {
		for (size_t i = 0; i < nshown; i++) {
			if (i > 0)
				sink_char(s, ',');
			csv_cell(s, opv__table_cell(table, row, shown[i]), table->columns[shown[i]].kind);
		}
		sink_char(s, '\n');
	}
}

/* ---- json --------------------------------------------------------------------- */

/* A JSON string, escaped as jansson escapes it: the quote, the backslash and
 * control characters; other text (valid UTF-8, checked when set) as it is. */
static void json_string(struct sink *s, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = text;
	const char *p;

	sink_char(s, '"');
	for (p = text; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		char escape[7];
		size_t n = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		sink_put(s, run, (size_t)(p - run));
		run = p + 1;
		escape[0] = '\\';
		switch (c) {
		case '"': escape[1] = '"'; break;
		case '\\': escape[1] = '\\'; break;
		case '\b': escape[1] = 'b'; break;
		case '\f': escape[1] = 'f'; break;
		case '\n': escape[1] = 'n'; break;
		case '\r': escape[1] = 'r'; break;
		case '\t': escape[1] = 't'; break;
		default:
			memcpy(escape + 1, "u00", 3);
			escape[4] = hex[c >> 4];
			escape[5] = hex[c & 15];
			n = 6;
			break;
		}
		sink_put(s, escape, n);
	}
	sink_put(s, run, (size_t)(p - run));
	sink_char(s, '"');
}

static void json_cell(struct sink *s, const struct opv_table_cell *cell, opv_column_kind kind)
{
	if (!cell->present) {
		sink_puts(s, "null");
		return;
	}
	switch (kind) {
	case OPV_COLUMN_TEXT:
		json_string(s, cell->value.text);
		break;
	case OPV_COLUMN_INTEGER:
		sink_integer(s, cell->value.integer);
		break;
	case OPV_COLUMN_REAL:
		if (isfinite(cell->value.real))
			sink_real(s, cell->value.real, 1);
		else
			sink_puts(s, "null");
		break;
	case OPV_COLUMN_BOOLEAN:
		sink_puts(s, cell->value.integer ? "true" : "false");
		break;
	}
}

/* An array of strings. */
static void json_strings(struct sink *s, char *const *texts, size_t count)
{
	sink_char(s, '[');
	for (size_t i = 0; i < count; i++) {
		if (i > 0)
			sink_char(s, ',');
		json_string(s, texts[i]);
	}
	sink_char(s, ']');
}

/* "meta" in compact form, keys in the order first set, then the notes. */
static void json_meta(const opv_table *table, struct sink *s)
{
	sink_char(s, '{');
	for (size_t i = 0; i < table->nmeta; i++) {
		const struct opv_table_meta *meta = &table->meta[i];

		json_string(s, meta->key);
		sink_char(s, ':');
		switch (meta->kind) {
		case OPV_META_NULL:
			sink_puts(s, "null");
			break;
		case OPV_META_TEXT:
			json_string(s, meta->value.text);
			break;
		case OPV_META_INTEGER:
			sink_integer(s, meta->value.integer);
			break;
		case OPV_META_REAL:
			sink_real(s, meta->value.real, 1);
			break;
		case OPV_META_BOOLEAN:
			sink_puts(s, meta->value.integer ? "true" : "false");
			break;
		case OPV_META_LIST:
			json_strings(s, meta->value.list.texts, meta->value.list.count);
			break;
		}
		sink_char(s, ',');
	}
	sink_puts(s, "\"notes\":");
	json_strings(s, table->notes, table->nnotes);
	sink_char(s, '}');
}

static void write_json(const opv_table *table, const size_t *shown, size_t nshown, struct sink *s)
{
	sink_puts(s, "{\"meta\": ");
	json_meta(table, s);
	if (table->rows == 0) {
		sink_puts(s, ", \"rows\": []}\n");
		return;
	}
	sink_puts(s, ",\n\"rows\": [\n");
	for (size_t row = 0; row < table->rows; row++) {
		sink_puts(s, "  {");
		for (size_t i = 0; i < nshown; i++) {
			if (i > 0)
				sink_puts(s, ", ");
			json_string(s, table->columns[shown[i]].name);
			sink_puts(s, ": ");
			json_cell(s, opv__table_cell(table, row, shown[i]), table->columns[shown[i]].kind);
		}
		sink_puts(s, row + 1 < table->rows ? "},\n" : "}\n");
	}
	sink_puts(s, "]}\n");
}

/* ---- text table --------------------------------------------------------------- */

/* The separator between the columns. */
#define TABLE_GAP "  "

/* A control character from the input would move the terminal's cursor or
 * worse: the text table shows it as \xNN. */
static int is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* Width in code points: every byte that does not continue a sequence. */
static size_t display_width(const char *text)
{
	size_t width = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		width += is_control(*p) ? 4 : (*p & 0xC0) != 0x80;
	return width;
}

static void put_shown(struct sink *s, const char *text)
{
	static const char hex[] = "0123456789abcdef";

	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (is_control(*p)) {
			char escape[4] = { '\\', 'x', hex[*p >> 4], hex[*p & 15] };
			sink_put(s, escape, sizeof escape);
		} else {
			sink_char(s, (char)*p);
		}
	}
}

static void pad(struct sink *s, size_t count)
{
	while (count-- > 0)
		sink_char(s, ' ');
}

/* Decimals a real needs after the point in its shortest text. */
static int shortest_decimals(double value)
{
	char digits[OPV_REAL_DIGITS_MAX + 1];
	int exponent;
	int n;

	if (!isfinite(value) || value == 0)
		return 0;
	n = opv__real_digits(value, digits, &exponent);
	return n - 1 - exponent > 0 ? n - 1 - exponent : 0;
}

/* Per real column, the decimals the text table shows (table->decimals >= 0):
 * as many as its longest value needs, at most table->decimals. */
static void column_decimals(const opv_table *table, int *decimals)
{
	for (size_t column = 0; column < table->ncolumns; column++) {
		decimals[column] = 0;
		if (table->columns[column].kind != OPV_COLUMN_REAL)
			continue;
		for (size_t row = 0; row < table->rows; row++) {
			const struct opv_table_cell *cell = opv__table_cell(table, row, column);
			int d;

			if (!cell->present)
				continue;
			d = shortest_decimals(cell->value.real);
			if (d > decimals[column])
				decimals[column] = d;
			if (decimals[column] >= table->decimals) {
				decimals[column] = table->decimals;
				break;
			}
		}
	}
}

/* A real rounded to `decimals`, never "-0.00". */
static const char *rounded_text(char buf[64], double value, int decimals)
{
	if (!isfinite(value)) {
		opv_format_real(buf, 64, value);
		return buf;
	}
	if (fabs(value) >= 1e21) {
		/* %f would spell out every digit of a huge number; shortest is shorter. */
		opv_format_real(buf, 64, value);
		return buf;
	}
	{
		locale_t previous = opv__c_numbers_begin();  /* "2.25", not "2,25" under nl_NL */
		snprintf(buf, 64, "%.*f", decimals, value);
		opv__c_numbers_end(previous);
	}
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

/* The text of a cell in the text table; `buf` holds numbers. */
static const char *cell_text(const opv_table *table, size_t row, size_t column,
                             const int *decimals, char buf[64])
{
	const struct opv_table_cell *cell = opv__table_cell(table, row, column);
	char *end;

	if (!cell->present)
		return "";
	switch (table->columns[column].kind) {
	case OPV_COLUMN_TEXT:
		return cell->value.text;
	case OPV_COLUMN_INTEGER:
		end = buf + 63;
		*end = '\0';
		return opv__format_integer(end, cell->value.integer);
	case OPV_COLUMN_REAL:
		if (decimals != NULL)
			return rounded_text(buf, cell->value.real, decimals[column]);
		opv_format_real(buf, 64, cell->value.real);
		return buf;
	case OPV_COLUMN_BOOLEAN:
		return cell->value.integer ? "true" : "false";
	}
	return "";
}

/* One line; `texts` holds one string per column.  No trailing blanks: the
 * line ends with its last nonempty text, unpadded. */
static void text_line(const opv_table *table, const size_t *shown, size_t nshown,
                      const size_t *widths, const char *const *texts, struct sink *s)
{
	size_t written = nshown;

	while (written > 0 && texts[shown[written - 1]][0] == '\0')
		written--;
	for (size_t i = 0; i < written; i++) {
		size_t column = shown[i];
		opv_column_kind kind = table->columns[column].kind;
		size_t gap = widths[column] - display_width(texts[column]);

		if (i > 0)
			sink_puts(s, TABLE_GAP);
		if (kind == OPV_COLUMN_TEXT || kind == OPV_COLUMN_BOOLEAN) {
			put_shown(s, texts[column]);
			if (i + 1 < written)
				pad(s, gap);
		} else {
			pad(s, gap);
			put_shown(s, texts[column]);  /* the header's name may hold control characters */
		}
	}
	sink_char(s, '\n');
}

static int write_text(const opv_table *table, const size_t *shown, size_t nshown, struct sink *s)
{
	size_t n = table->ncolumns ? table->ncolumns : 1;
	size_t *widths = calloc(n, sizeof *widths);
	const char **texts = calloc(n, sizeof *texts);
	char (*buffers)[64] = calloc(n, sizeof *buffers);
	int *decimals = table->decimals >= 0 ? calloc(n, sizeof *decimals) : NULL;
	int rc = OPV_ENOMEM;

	if (widths == NULL || texts == NULL || buffers == NULL
	    || (table->decimals >= 0 && decimals == NULL))
		goto done;
	if (decimals != NULL)
		column_decimals(table, decimals);

	for (size_t column = 0; column < table->ncolumns; column++)
		widths[column] = display_width(table->columns[column].name);
	for (size_t row = 0; row < table->rows; row++) {
		for (size_t i = 0; i < nshown; i++) {
			size_t column = shown[i];
			size_t width = display_width(cell_text(table, row, column, decimals, buffers[column]));
			if (width > widths[column])
				widths[column] = width;
		}
	}

	for (size_t column = 0; column < table->ncolumns; column++)
		texts[column] = table->columns[column].name;
	text_line(table, shown, nshown, widths, texts, s);
	for (size_t i = 0; i < nshown; i++) {
		if (i > 0)
			sink_puts(s, TABLE_GAP);
		for (size_t k = 0; k < widths[shown[i]]; k++)
			sink_char(s, '-');
	}
	sink_char(s, '\n');
	for (size_t row = 0; row < table->rows; row++) {
		for (size_t i = 0; i < nshown; i++)
			texts[shown[i]] = cell_text(table, row, shown[i], decimals, buffers[shown[i]]);
		text_line(table, shown, nshown, widths, texts, s);
	}
	rc = OPV_OK;
done:
	free(decimals);
	free(buffers);
	free(texts);
	free(widths);
	return rc;
}

/* ---- writing ------------------------------------------------------------------ */

int opv_table_write(const opv_table *table, opv_table_format format, FILE *stream, opv_error *err)
{
	struct sink s = { stream, NULL, 0, 0 };
	size_t *shown;
	size_t nshown;
	int rc = OPV_OK;

	if (table == NULL || stream == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_write: %s is NULL",
		                 table == NULL ? "table" : "stream");
	if ((unsigned)format >= FORMAT_COUNT)
		return opv__fail(err, OPV_EINVAL, "unknown table format %d", (int)format);
	shown = malloc((table->ncolumns ? table->ncolumns : 1) * sizeof *shown);
	s.buf = malloc(SINK_SIZE);
	if (shown == NULL || s.buf == NULL) {
		free(shown);
		free(s.buf);
		return opv__fail(err, OPV_ENOMEM, "out of memory for writing a table");
	}
	nshown = shown_columns(table, shown);

	switch (format) {
	case OPV_TABLE_CSV:
		write_csv(table, shown, nshown, &s);
		break;
	case OPV_TABLE_JSON:
		write_json(table, shown, nshown, &s);
		break;
	case OPV_TABLE_TEXT:
		rc = write_text(table, shown, nshown, &s);
		break;
	}
	sink_flush(&s);
	free(shown);
	free(s.buf);
	if (rc != OPV_OK)
		return opv__fail(err, rc, "out of memory for writing a table");
	if (s.errnum != 0) {
		opv__fail(err, OPV_EIO, "cannot write the table: %s", strerror(s.errnum));
		errno = s.errnum; /* for a caller that treats a closed pipe apart */
		return OPV_EIO;
	}
	return OPV_OK;
}

/* Opens a new file beside `path` for writing, its name into `tmp`.  Returns
 * the stream, or NULL with errno set. */
static FILE *open_beside(const char *path, char *tmp, size_t size)
{
	/* The process id and the clock make a clash unlikely; O_EXCL makes it
	 * harmless, and a clash only costs another name. */
	unsigned long salt = (unsigned long)getpid() * 2654435761u ^ (unsigned long)time(NULL)
	                     ^ (unsigned long)(uintptr_t)tmp;

	for (int attempt = 0; attempt < 100; attempt++) {
		int fd;
		FILE *stream;

		snprintf(tmp, size, "%s.tmp-%08lx", path, (salt + (unsigned long)attempt * 7919u) & 0xffffffffu);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			return NULL;
		}
		stream = fdopen(fd, "w");
		if (stream == NULL) {
			int saved = errno;
			close(fd);
			unlink(tmp);
			errno = saved;
		}
		return stream;
	}
	errno = EEXIST;
	return NULL;
}

/* What the symbolic link `link` names, as a path from where the process
 * stands: a relative target is relative to the link's directory.  Returns a
 * string to free, or NULL with errno set. */
static char *link_target(const char *link)
{
	char *target = malloc(PATH_MAX + 1);
	char *joined;
	const char *slash = strrchr(link, '/');
	size_t dir_len;
	ssize_t len;

	if (target == NULL)
		return NULL;
	len = readlink(link, target, PATH_MAX);
	if (len < 0) {
		free(target);
		return NULL;
	}
	target[len] = '\0';
	if (target[0] == '/' || slash == NULL)
		return target;
	dir_len = (size_t)(slash - link) + 1;
	joined = malloc(dir_len + (size_t)len + 1);
	if (joined != NULL) {
		memcpy(joined, link, dir_len);
		memcpy(joined + dir_len, target, (size_t)len + 1);
	}
	free(target);
	return joined;
}

/* The file that writing to `path` should replace: `path` itself, or for a
 * symbolic link the file it leads to (through further links; the path it
 * names when it dangles), so that the link stays a link.  Returns a string
 * to free, or NULL with errno set. */
static char *file_behind(const char *path)
{
	char *current = strdup(path);

	for (int hops = 0; current != NULL && hops <= 40; hops++) {
		struct stat st;
		char *next;

		if (lstat(current, &st) != 0 || !S_ISLNK(st.st_mode))
			return current;
		next = link_target(current);
		free(current);
		current = next;
	}
	if (current != NULL) {
		free(current);
		errno = ELOOP;  /* as open() says after too many links */
	}
	return NULL;
}

/* Writes the table straight into what is at `path`, a FIFO or a device
 * such as /dev/stdout, which a rename would replace by a regular file. */
static int write_in_place(const opv_table *table, opv_table_format format, const char *path,
                          opv_error *err)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	FILE *stream;
	int saved;
	int rc;

	if (fd < 0)
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	stream = fdopen(fd, "w");
	if (stream == NULL) {
		saved = errno;
		close(fd);
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(saved));
	}
	rc = opv_table_write(table, format, stream, err);
	saved = errno;
	if (fclose(stream) != 0 && rc == OPV_OK)
		rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	else if (rc == OPV_EIO)
		opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(saved));
	return rc;
}

/* Writes the table to a new file beside `path` and renames it over `path`:
 * readers see the old file or the new one, never half of one.  An existing
 * file's permissions (and owner, where the process may set it) carry over. */
static int write_replacing(const opv_table *table, opv_table_format format, const char *path,
                           const struct stat *existing, opv_error *err)
{
	size_t size = strlen(path) + 16;
	char *tmp = malloc(size);
	FILE *stream;
	int saved;
	int rc;

	if (tmp == NULL)
		return opv__fail(err, OPV_ENOMEM, "out of memory for writing %s", path);
	stream = open_beside(path, tmp, size);
	if (stream == NULL) {
		rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	if (existing != NULL) {
		/* fchown first: it may clear the set-id bits that fchmod then sets.
		 * Only root may give a file away; others keep their own ownership. */
		if (fchown(fileno(stream), existing->st_uid, existing->st_gid) != 0 && errno != EPERM)
			rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
		else if (fchmod(fileno(stream), existing->st_mode & 07777) != 0)
			rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
		else
			rc = OPV_OK;
		if (rc != OPV_OK) {
			fclose(stream);
			unlink(tmp);
			free(tmp);
			return rc;
		}
	}
	rc = opv_table_write(table, format, stream, err);
	saved = errno;
	if (rc == OPV_EIO)
		opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(saved));
	/* on the disk before the rename, so that a crash leaves the old file or the new one */
	else if (rc == OPV_OK && (fflush(stream) != 0 || fsync(fileno(stream)) != 0))
		rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	if (fclose(stream) != 0 && rc == OPV_OK)
		rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	if (rc == OPV_OK && rename(tmp, path) != 0)
		rc = opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	if (rc != OPV_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

int opv_table_write_file(const opv_table *table, opv_table_format format, const char *path,
                         opv_error *err)
{
	struct stat st;
	char *file;
	int rc;

	if (table == NULL || path == NULL)
		return opv__fail(err, OPV_EINVAL, "opv_table_write_file: %s is NULL",
		                 table == NULL ? "table" : "path");
	if ((unsigned)format >= FORMAT_COUNT)
		return opv__fail(err, OPV_EINVAL, "unknown table format %d", (int)format);
	if (path[0] == '\0')
		return opv__fail(err, OPV_EIO, "cannot write to an empty path");
	file = file_behind(path);
	if (file == NULL) {
		if (errno == ENOMEM)
			return opv__fail(err, OPV_ENOMEM, "out of memory for writing %s", path);
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	}
	if (stat(file, &st) != 0)
		rc = write_replacing(table, format, file, NULL, err);  /* a new file */
	else if (S_ISREG(st.st_mode))
		rc = write_replacing(table, format, file, &st, err);
	else if (S_ISDIR(st.st_mode))
		rc = opv__fail(err, OPV_EIO, "cannot write %s: it is a directory", path);
	else
		rc = write_in_place(table, format, file, err);
	free(file);
	return rc;
}
