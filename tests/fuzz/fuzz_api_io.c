/* SPDX-License-Identifier: EUPL-1.2 */
/* API-level fuzzing of core.h, date.h, io.h (the loaders and the table
 * writer), register.h, places.h and report.h: the bytes choose a public function and decode its arguments
 * (fuzz_api.h), the call runs on small valid fixtures or on objects parsed
 * from the bytes, and the contract is checked: a documented status, a
 * message on failure, outputs untouched on failure, invariants on success. */
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "fuzz_api.h"

/* ---- fixtures, made once ------------------------------------------------------- */

static const char small_register_csv[] =
	"code,name,province_code,province,population,ses\n"
	"GM0363,Amsterdam,PV27,Noord-Holland,931298,0.01\n"
	"GM0344,Utrecht,PV26,Utrecht,367984,0.12\n"
	"GM0599,Rotterdam,PV28,Zuid-Holland,664311,-0.18\n"
	"GM0518,'s-Gravenhage,PV28,Zuid-Holland,559458,-0.07\n"
	"GM0307,Amersfoort,PV26,Utrecht,161902,0.05\n"
	"GM0501,Brielle,PV28,Zuid-Holland,17540,0.09\n";

static const char small_locations_csv[] =
	"id,code,name,type,agreed_capacity,capacity,opens,closes\n"
	"L1,GM0363,A azc,azc,600,640,2019-05-01,\n"
	"L2,GM0363,A amv,amv,80,80,2024-04-01,2030-04-01\n"
	"L3,GM0344,U nood,nood,300,300,2025-01-01,2025-07-01\n"
	"L4,GM0599,R hotel,hotel,700,700,2024-02-01,2026-07-01\n"
	"L5,GM0518,H azc,azc,400,380,2022-01-01,2027-01-01\n"
	"L6,GM0307,A door,doorstroom,50,50,2025-03-01,\n"
	"L7,GM0307,B azc,azc,90,120,2024-06-01,2034-06-01\n";

static const char ses_csv[] = "code,ses\nGM0363,0.2\nGM0599,-0.3\n";

enum { R_DEFAULT, R_SMALL, R_MAPPED, R_2023, R_COUNT };
static opv_register *regs[R_COUNT];
static opv_locations *locs[2];   /* for regs[R_DEFAULT] and regs[R_SMALL] */
static opv_tasks *tasks[2];
static opv_keyed_values *ses_table;
static char tmp_dir[64], tmp_file[96], tmp_report[96];

/* The files of a run go when the fuzzer exits (libFuzzer ends by exit()). */
static void remove_tmp_dir(void)
{
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", tmp_dir);
	if (system(command) != 0)
		return;
}

static void must(int rc, const opv_error *err)
{
	if (rc != OPV_OK) {
		fprintf(stderr, "fixture: %s\n", err->message);
		abort();
	}
}

static void init_fixtures(void)
{
	opv_error err = OPV_ERROR_INIT;
	opv_register *example = NULL;
	FILE *f;
	must(opv_register_default(&regs[R_DEFAULT], &err), &err);
	must(opv_register_parse_csv(&regs[R_SMALL], small_register_csv, strlen(small_register_csv),
	                            "small.csv", &err), &err);
	must(opv_register_embedded(&example, "2025-01-01", &err), &err);
	must(opv_register_map_mergers(&regs[R_MAPPED], example, &err), &err);
	opv_register_free(example);
	must(opv_register_embedded(&regs[R_2023], "2023-01-01", &err), &err);
	must(opv_locations_parse_csv(&locs[0], regs[R_DEFAULT], small_locations_csv,
	                             strlen(small_locations_csv), "l.csv", &err), &err);
	must(opv_locations_parse_csv(&locs[1], regs[R_SMALL], small_locations_csv,
	                             strlen(small_locations_csv), "l.csv", &err), &err);
	must(opv_tasks_from_key(&tasks[0], regs[R_DEFAULT], NULL, 96000, 8140, &err), &err);
	must(opv_tasks_from_key(&tasks[1], regs[R_SMALL], NULL, 5000, 400, &err), &err);
	must(opv_keyed_values_parse_csv(&ses_table, ses_csv, strlen(ses_csv), "ses.csv", "code", "ses",
	                                0, &err), &err);
	snprintf(tmp_dir, sizeof tmp_dir, "/tmp/opv-fuzz-api-XXXXXX");
	if (!mkdtemp(tmp_dir))
		abort();
	atexit(remove_tmp_dir);
	snprintf(tmp_file, sizeof tmp_file, "%s/input", tmp_dir);
	snprintf(tmp_report, sizeof tmp_report, "%s/report", tmp_dir);
	f = fopen(tmp_file, "w");
	if (!f)
		abort();
	fclose(f);
}

static const opv_register *pick_register(struct bytes *b)
{
	unsigned k = take_u8(b) % (R_COUNT + 1);
	return k == R_COUNT ? NULL : regs[k];
}

/* Locations and tasks: those of either register, or NULL; the caller's
 * register may be another one (a size that disagrees). */
static const opv_locations *pick_locations(struct bytes *b)
{
	unsigned k = take_u8(b) % 3;
	return k == 2 ? NULL : locs[k];
}

static const opv_tasks *pick_tasks(struct bytes *b)
{
	unsigned k = take_u8(b) % 3;
	return k == 2 ? NULL : tasks[k];
}

/* A blob of up to 64 KiB of the input. */
static const char *take_blob(struct bytes *b, size_t *len)
{
	size_t n = ((size_t)take_u8(b) << 8) | take_u8(b);
	const char *p = (const char *)b->p;
	if (n > b->n)
		n = b->n;
	b->p += n;
	b->n -= n;
	*len = n;
	return p;
}

/* A path: NULL, a file that does not exist, a directory, or a file holding
 * `data`. */
static const char *take_path(struct bytes *b, const char *data, size_t len)
{
	unsigned k = take_u8(b) % 8;
	FILE *f;
	if (k == 0)
		return NULL;
	if (k == 1)
		return "/nonexistent/opv-fuzz";
	if (k == 2)
		return tmp_dir;
	f = fopen(tmp_file, "wb");
	if (!f)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
	return tmp_file;
}

static const char *const column_words[] = { "code", "ses", "value", "name", "balance", "task",
	                                         "population", "gemeentecode" };
static const char *const code_words[] = { "GM0363", "GM0501", "GM0000", "GM9999", "gm0363",
	                                       "GM036", "GM03633", "GM0344", "GM1992", "GM0457" };
static const char *const date_words[] = { "2024-01-01", "2023-01-01", "2025-01-01", "2024-02-29",
	                                       "2023-02-29", "1900-01-01", "1899-12-31", "9999-12-31",
	                                       "10000-01-01", "2024-1-01", " 2024-01-01", "2024-01-01 " };
static const char *const every_words[] = { "week", "month", "WEEK", "day", "weeks" };
static const char *const type_words[] = { "azc", "amv", "nood", "spoednood", "crisis", "hotel",
	                                       "doorstroom", "AZC", "azc,amv", "azc,,amv", ",",
	                                       "azc,amv,nood,spoednood,crisis,hotel,doorstroom", "x" };
static const char *const durability_words[] = { "agreed-period", "remaining", "Remaining", "" };

/* A day plus a number of days, saturated. */
static opv_day day_plus(opv_day d, int64_t n)
{
	int64_t r = (int64_t)d + n;
	return r > INT32_MAX ? INT32_MAX : r < INT32_MIN ? INT32_MIN : (opv_day)r;
}

/* ---- core.h and date.h --------------------------------------------------------- */

static void op_core(struct bytes *b)
{
	int code = take_int(b);
	const char *s = opv_strerror(code);
	opv_error e;
	char v[32];
	int major, minor, patch;
	FUZZ_CHECK(s && s[0]);
	FUZZ_CHECK((code <= 0 && code >= OPV_ECANCELLED) == (strcmp(s, "unknown status") != 0));
	poison(&e, sizeof e);
	opv_error_clear(take_u8(b) & 1 ? NULL : &e);
	opv_error_clear(&e);
	FUZZ_CHECK(e.code == OPV_OK && e.line == 0 && e.column == 0 && e.message[0] == '\0');
	s = opv_version();
	FUZZ_CHECK(s && sscanf(s, "%d.%d.%d", &major, &minor, &patch) == 3);
	snprintf(v, sizeof v, "%d.%d.%d", major, minor, patch);
	FUZZ_CHECK(strcmp(v, s) == 0);
	FUZZ_CHECK(opv_version_number() == major * 10000 + minor * 100 + patch);
}

static void op_date(struct bytes *b)
{
	opv_day day, back;
	char buf[OPV_DATE_TEXT_SIZE + 4];
	const char *text = take_string(b, date_words, sizeof date_words / sizeof *date_words);
	size_t size = take_size(b, sizeof buf);
	opv_day d = take_day(b);
	int years = take_int(b), rc;
	opv_error *err = err_arg(b);
	opv_day r;

	poison(&day, sizeof day);
	rc = opv_date_parse(take_u8(b) % 16 ? &day : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_PARSE | E_RANGE, untouched(&day, sizeof day));
	if (rc == OPV_OK) {
		FUZZ_CHECK(opv_date_format(buf, sizeof buf, day, NULL) == OPV_OK);
		FUZZ_CHECK(strcmp(buf, text) == 0);
	}

	poison(buf, sizeof buf);
	err = err_arg(b);
	rc = opv_date_format(take_u8(b) % 16 ? buf : NULL, size > sizeof buf ? sizeof buf : size, d, err);
	FUZZ_CALL(rc, E_INVAL, untouched(buf, sizeof buf));
	if (rc == OPV_OK) {
		FUZZ_CHECK(strlen(buf) == 10);
		FUZZ_CHECK(opv_date_parse(&back, buf, NULL) == OPV_OK && back == d);
	}

	r = opv_date_add_years(d, years);
	if (years == 0 && d >= -25567 && d <= 2932896)
		FUZZ_CHECK(r == d);
	if (years > 0)
		FUZZ_CHECK(r >= d);
	if (years < 0)
		FUZZ_CHECK(r <= d);
}

static void op_every(struct bytes *b)
{
	int v = take_enum(b, 2), rc;
	const char *name = opv_every_name((opv_every)v);
	opv_every every;
	opv_error *err;
	FUZZ_CHECK((v == 0 || v == 1) == (name != NULL));
	if (name) {
		FUZZ_CHECK(opv_every_from_name(&every, name, NULL) == OPV_OK && (int)every == v);
	}
	name = take_string(b, every_words, sizeof every_words / sizeof *every_words);
	err = err_arg(b);
	poison(&every, sizeof every);
	rc = opv_every_from_name(take_u8(b) % 16 ? &every : NULL, name, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&every, sizeof every));
	if (rc == OPV_OK)
		FUZZ_CHECK(strcmp(opv_every_name(every), name) == 0);
}

static void op_date_series(struct bytes *b)
{
	opv_day days[64];
	size_t count, capacity = take_size(b, 64), i, written;
	opv_day from = take_day(b), to = take_u8(b) & 1 ? take_day(b) : day_plus(from, take_u8(b) * 9);
	int every = take_enum(b, 2), rc;
	opv_error *err = err_arg(b);
	int null_days = capacity == 0 && (take_u8(b) & 1);
	if (capacity > 64)
		capacity = 64;
	poison(days, sizeof days);
	poison(&count, sizeof count);
	rc = opv_date_series(null_days ? NULL : days, capacity, take_u8(b) % 16 ? &count : NULL, from,
	                     to, (opv_every)every, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE, untouched(days, sizeof days) && untouched(&count, sizeof count));
	if (rc != OPV_OK)
		return;
	FUZZ_CHECK(count <= OPV_DATE_SERIES_MAX);
	written = count < capacity ? count : capacity;
	FUZZ_CHECK(untouched(days + written, (64 - written) * sizeof *days));
	for (i = 0; i < written; i++) {
		FUZZ_CHECK(days[i] >= from && days[i] <= to);
		if (i)
			FUZZ_CHECK(days[i] > days[i - 1]);
		if (every == OPV_EVERY_WEEK)
			FUZZ_CHECK((days[i] - from) % 7 == 0);
	}
}

/* ---- io.h ------------------------------------------------------------------------ */

static void check_keyed_values(const opv_keyed_values *v, unsigned flags)
{
	size_t i, n = opv_keyed_values_count(v);
	for (i = 0; i < n; i++) {
		double x = opv_keyed_values_value(v, i);
		const char *key = opv_keyed_values_key(v, i);
		FUZZ_CHECK(key && key[0]);
		FUZZ_CHECK(isfinite(x));
		FUZZ_CHECK(opv_keyed_values_line(v, i) >= 2);
		if (flags & OPV_VALUES_NONNEGATIVE)
			FUZZ_CHECK(x >= 0);
		if (flags & OPV_VALUES_INTEGER)
			FUZZ_CHECK(x == floor(x) && fabs(x) < 9007199254740992.0);
	}
	FUZZ_CHECK(opv_keyed_values_key(v, n) == NULL);
	FUZZ_CHECK(isnan(opv_keyed_values_value(v, n)));
	FUZZ_CHECK(opv_keyed_values_line(v, n) == 0);
	FUZZ_CHECK(opv_keyed_values_source(v) != NULL);
}

static void op_keyed_values(struct bytes *b)
{
	opv_keyed_values *v = POISON_PTR;
	size_t len;
	unsigned flags = take_u8(b) & 1 ? take_u32(b) : take_u8(b) % 4;
	const char *key = take_string(b, column_words, 8), *value = take_string(b, column_words, 8);
	const char *source = take_string(b, NULL, 0);
	int from_file = take_u8(b) & 1, rc;
	opv_error *err = err_arg(b);
	const char *data = take_blob(b, &len);
	if (from_file)
		rc = opv_keyed_values_load_csv(take_u8(b) % 16 ? &v : NULL, take_path(b, data, len), key,
		                               value, flags, err);
	else
		rc = opv_keyed_values_parse_csv(take_u8(b) % 16 ? &v : NULL, take_u8(b) % 16 ? data : NULL,
		                                len, source, key, value, flags, err);
	FUZZ_CALL(rc, E_LOADER, v == POISON_PTR);
	if (rc != OPV_OK)
		return;
	check_keyed_values(v, flags);
	opv_keyed_values_free(v);
	opv_keyed_values_free(NULL);
	FUZZ_CHECK(opv_keyed_values_count(NULL) == 0 && opv_keyed_values_key(NULL, 0) == NULL);
	FUZZ_CHECK(isnan(opv_keyed_values_value(NULL, 0)) && opv_keyed_values_line(NULL, 0) == 0);
	FUZZ_CHECK(opv_keyed_values_source(NULL) != NULL);
}

/* ---- io.h: the table writer -------------------------------------------------------- */

static const char *const table_words[] = { "code", "name", "a,b", "say \"hi\"", " pad ", "é€",
	                                       "line\nbreak", "tab\t", "" };

/* Every real's text reads back as the same double, and is no longer than it
 * needs to be: one digit fewer never reads back. */
static void check_real_text(double value)
{
	char buf[OPV_REAL_TEXT_SIZE], small[4];
	size_t n = opv_format_real(buf, sizeof buf, value);
	FUZZ_CHECK(n == strlen(buf) && n < sizeof buf);
	FUZZ_CHECK(opv_format_real(small, sizeof small, value) == n);
	FUZZ_CHECK(strlen(small) == (n < sizeof small ? n : sizeof small - 1));
	FUZZ_CHECK(opv_format_real(NULL, 0, value) == n);
	if (isnan(value))
		FUZZ_CHECK(strcmp(buf, "nan") == 0);
	else if (value == 0)
		FUZZ_CHECK(strcmp(buf, "0") == 0);
	else
		FUZZ_CHECK(strtod(buf, NULL) == value);
}

/* The text the table wrote, checked by form: CSV has a line per row and the
 * header, JSON parses and holds the rows. */
static void check_written(const opv_table *t, opv_table_format format, const char *text, size_t len)
{
	if (format == OPV_TABLE_JSON) {
		json_error_t jerr;
		json_t *doc = json_loadb(text, len, 0, &jerr);
		FUZZ_CHECK(doc != NULL);
		FUZZ_CHECK(json_is_object(json_object_get(doc, "meta")));
		FUZZ_CHECK(json_array_size(json_object_get(doc, "rows")) == opv_table_rows(t));
		FUZZ_CHECK(json_array_size(json_object_get(json_object_get(doc, "meta"), "notes"))
		           == opv_table_notes(t));
		json_decref(doc);
	} else {
		FUZZ_CHECK(len > 0 && text[len - 1] == '\n');
	}
}

static void op_table(struct bytes *b)
{
	opv_table *t = POISON_PTR;
	opv_table_format format = (opv_table_format)take_enum(b, 3), found;
	int rc, steps = 0;
	char *text = NULL;
	size_t len = 0;
	FILE *memory;
	opv_error *err = err_arg(b);

	rc = opv_table_new(take_u8(b) % 16 ? &t : NULL, err);
	FUZZ_CALL(rc, E_INVAL | E_NOMEM, t == POISON_PTR);
	if (rc != OPV_OK)
		return;
	check_real_text(take_double(b));
	{
		static const char *const format_words[] = { "csv", "json", "table", "CSV", "text" };
		const char *name = take_string(b, format_words, 5);
		opv_table_format before = (opv_table_format)99;
		found = before;
		err = err_arg(b);
		rc = opv_table_format_from_name(take_u8(b) % 16 ? &found : NULL, name, err);
		FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, found == before);
		FUZZ_CHECK(rc != OPV_OK || strcmp(opv_table_format_name(found), name) == 0);
		FUZZ_CHECK(opv_table_format_name((opv_table_format)3) == NULL);
	}
	while (b->n > 0 && steps++ < 64) {
		size_t nrows = opv_table_rows(t), ncols = opv_table_columns(t);
		size_t row = take_size(b, nrows ? nrows - 1 : 0), column = take_size(b, ncols ? ncols - 1 : 0);
		const char *word = take_string(b, table_words, sizeof table_words / sizeof *table_words);
		unsigned op = take_u8(b) % 16;
		err = err_arg(b);
		switch (op) {
		case 0:
			rc = opv_table_add_column(t, word, (opv_column_kind)take_enum(b, 4), err);
			FUZZ_CALL(rc, E_INVAL | E_PARSE | E_RANGE | E_NOMEM, opv_table_columns(t) == ncols);
			break;
		case 1:
			rc = opv_table_add_row(t, err);
			FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM, opv_table_rows(t) == nrows);
			break;
		case 2:
			FUZZ_STATUS(opv_table_set_text(t, row, column, word, err), E_INVAL | E_PARSE | E_NOMEM);
			break;
		case 3:
			FUZZ_STATUS(opv_table_set_integer(t, row, column, take_i64(b), err), E_INVAL);
			break;
		case 4:
			FUZZ_STATUS(opv_table_set_real(t, row, column, take_double(b), err), E_INVAL);
			break;
		case 5:
			FUZZ_STATUS(opv_table_set_boolean(t, row, column, take_int(b), err), E_INVAL);
			break;
		case 6:
			FUZZ_STATUS(opv_table_hide_column(t, column, err), E_INVAL);
			break;
		case 7:
			FUZZ_STATUS(opv_table_set_meta_text(t, word, take_string(b, table_words, 9), err),
			            E_INVAL | E_PARSE | E_NOMEM);
			break;
		case 8:
			FUZZ_STATUS(opv_table_set_meta_integer(t, word, take_i64(b), err),
			            E_INVAL | E_PARSE | E_NOMEM);
			break;
		case 9:
			FUZZ_STATUS(opv_table_set_meta_real(t, word, take_double(b), err),
			            E_INVAL | E_PARSE | E_NOMEM);
			break;
		case 10:
			FUZZ_STATUS(opv_table_set_meta_boolean(t, word, take_int(b), err),
			            E_INVAL | E_PARSE | E_NOMEM);
			break;
		case 13: {
			const char *list[3] = { word, "x", take_string(b, table_words, 9) };
			FUZZ_STATUS(opv_table_set_meta_list(t, take_string(b, table_words, 9),
			                                    take_u8(b) % 8 ? list : NULL, take_u8(b) % 4, err),
			            E_INVAL | E_PARSE | E_NOMEM);
			break;
		}
		case 11: {
			size_t notes = opv_table_notes(t);
			rc = opv_table_add_note(t, word, err);
			FUZZ_CALL(rc, E_INVAL | E_PARSE | E_NOMEM, opv_table_notes(t) == notes);
			FUZZ_CHECK(rc != OPV_OK || strcmp(opv_table_note(t, notes), word) == 0);
			FUZZ_CHECK(opv_table_note(t, opv_table_notes(t)) == NULL);
			break;
		}
		case 12:
			FUZZ_STATUS(opv_table_set_decimals(t, take_int(b), err), E_INVAL | E_RANGE);
			break;
		default:
			break;
		}
	}

	err = err_arg(b);
	memory = open_memstream(&text, &len);
	if (memory == NULL)
		abort();
	rc = opv_table_write(t, format, memory, err);
	fclose(memory);
	FUZZ_STATUS(rc, E_INVAL | E_IO | E_NOMEM);
	FUZZ_CHECK(rc == OPV_OK || (unsigned)format > OPV_TABLE_TEXT);
	if (rc == OPV_OK)
		check_written(t, format, text, len);
	free(text);
	err = err_arg(b);
	FUZZ_STATUS(opv_table_write(NULL, OPV_TABLE_CSV, stdout, err), E_INVAL);
	err = err_arg(b);
	rc = opv_table_write_file(t, format, take_u8(b) & 1 ? tmp_file : take_path(b, "", 0), err);
	FUZZ_STATUS(rc, E_INVAL | E_IO | E_NOMEM);
	opv_table_free(t);
	opv_table_free(NULL);
	FUZZ_CHECK(opv_table_rows(NULL) == 0 && opv_table_columns(NULL) == 0);
	FUZZ_CHECK(opv_table_notes(NULL) == 0 && opv_table_note(NULL, 0) == NULL);
}

/* ---- register.h ------------------------------------------------------------------ */

static void check_register(const opv_register *reg)
{
	size_t i, n = opv_register_count(reg), np = opv_register_province_count(reg), found;
	int64_t sum = 0, psum = 0;
	int all_ses = 1;
	for (i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		FUZZ_CHECK(m && m->code && m->name && m->province_code && m->province);
		FUZZ_CHECK(m->population >= 0 && m->population < OPV_COUNT_MAX);
		FUZZ_CHECK(opv_register_find(&found, reg, m->code, NULL) == OPV_OK && found == i);
		FUZZ_CHECK(opv_register_province_of(reg, i) < np);
		if (!m->has_ses)
			all_ses = 0;
		else
			FUZZ_CHECK(isfinite(m->ses));
		sum += m->population;
	}
	FUZZ_CHECK(opv_register_at(reg, n) == NULL);
	FUZZ_CHECK(opv_register_province_of(reg, n) == (size_t)-1);
	FUZZ_CHECK(sum == opv_register_population(reg));
	FUZZ_CHECK(opv_register_has_ses(reg) == (n > 0 && all_ses));
	for (i = 0; i < np; i++) {
		const opv_province *p = opv_register_province_at(reg, i);
		FUZZ_CHECK(p && p->code && p->name && p->municipalities > 0);
		psum += p->population;
	}
	FUZZ_CHECK(opv_register_province_at(reg, np) == NULL);
	FUZZ_CHECK(psum == sum);
	FUZZ_CHECK(opv_register_source(reg) != NULL && opv_register_reference_date(reg) != NULL);
}

static void op_register_load(struct bytes *b)
{
	opv_register *reg = POISON_PTR;
	size_t len;
	int from_file = take_u8(b) & 1, rc;
	const char *source = take_string(b, NULL, 0);
	opv_error *err = err_arg(b);
	const char *data = take_blob(b, &len);
	if (from_file)
		rc = opv_register_load_csv(take_u8(b) % 16 ? &reg : NULL, take_path(b, data, len), err);
	else
		rc = opv_register_parse_csv(take_u8(b) % 16 ? &reg : NULL, take_u8(b) % 16 ? data : NULL,
		                            len, source, err);
	FUZZ_CALL(rc, E_LOADER, reg == POISON_PTR);
	if (rc != OPV_OK)
		return;
	check_register(reg);
	FUZZ_CHECK(strcmp(opv_register_reference_date(reg), "") == 0);
	opv_register_free(reg);
}

static void op_register_embedded(struct bytes *b)
{
	static const char *const dates[] = { "2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01",
		                                  "2024-1-1", "2022-01-01" };
	opv_register *reg = POISON_PTR;
	size_t i = take_size(b, 3);
	const char *date = opv_register_embedded_date(i), *want;
	opv_error *err;
	int rc;
	FUZZ_CHECK((i < 3) == (date != NULL));
	want = take_string(b, dates, 6);
	err = err_arg(b);
	if (take_u8(b) & 1)
		rc = opv_register_default(take_u8(b) % 16 ? &reg : NULL, err), want = NULL;
	else
		rc = opv_register_embedded(take_u8(b) % 16 ? &reg : NULL, want, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND | E_NOMEM, reg == POISON_PTR);
	if (rc != OPV_OK)
		return;
	FUZZ_CHECK(opv_register_count(reg) == 342);
	FUZZ_CHECK(strcmp(opv_register_reference_date(reg), want ? want : OPV_REGISTER_DEFAULT_DATE) == 0);
	FUZZ_CHECK(opv_register_maps_mergers(reg) == 0);
	opv_register_free(reg);
}

static void op_register_query(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), i = take_size(b, n), index;
	const char *code = take_string(b, code_words, 10);
	const opv_municipality *m = opv_register_at(reg, i);
	const opv_merger *merger;
	opv_error *err = err_arg(b);
	int rc;
	FUZZ_CHECK((m != NULL) == (i < n));
	FUZZ_CHECK((opv_register_province_at(reg, i) != NULL) == (i < opv_register_province_count(reg)));
	FUZZ_CHECK((opv_register_province_of(reg, i) == (size_t)-1) == (i >= n));
	poison(&index, sizeof index);
	rc = opv_register_find(take_u8(b) % 16 ? &index : NULL, reg, code, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&index, sizeof index));
	if (rc == OPV_OK) {
		FUZZ_CHECK(index < n);
		if (strcmp(opv_register_at(reg, index)->code, code) != 0)
			FUZZ_CHECK(opv_register_maps_mergers(reg));
	}
	merger = opv_register_merger_of(reg, code);
	if (merger) {
		FUZZ_CHECK(strcmp(merger->from_code, code) == 0);
		FUZZ_CHECK(opv_register_find(&index, reg, merger->to_code, NULL) == OPV_OK);
	}
	merger = opv_merger_at(take_size(b, 4));
	if (merger)
		FUZZ_CHECK(merger->date && merger->from_code && merger->to_code && merger->from_name &&
		           merger->to_name);
	(void)opv_register_has_ses(reg);
	(void)opv_register_source(reg);
	(void)opv_register_reference_date(reg);
	(void)opv_register_maps_mergers(reg);
	(void)opv_register_population(reg);
}

static void op_register_sum(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), np = opv_register_province_count(reg), i;
	int64_t *values = malloc((n + 1) * sizeof *values), out[64], want[64] = { 0 };
	int extreme = take_u8(b) & 1, rc, overflow = 0, null_out = !(take_u8(b) % 16);
	int null_values = !(take_u8(b) % 16);
	opv_error *err;
	for (i = 0; i < n; i++) {
		size_t p = opv_register_province_of(reg, i);
		values[i] = extreme ? take_i64(b) : (int64_t)take_u8(b);
		if (p < 64 && __builtin_add_overflow(want[p], values[i], &want[p]))
			overflow = 1;
	}
	err = err_arg(b);
	poison(out, sizeof out);
	rc = opv_register_sum_by_province(null_out ? NULL : out, reg, null_values ? NULL : values, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE, untouched(out, sizeof out));
	if (reg && !null_out && !null_values && np <= 64) {
		FUZZ_CHECK((rc == OPV_ERANGE) == overflow);
		if (rc == OPV_OK) {
			for (i = 0; i < np; i++)
				FUZZ_CHECK(out[i] == want[i]);
			FUZZ_CHECK(untouched(out + np, (64 - np) * sizeof *out));
		}
	}
	free(values);
}

static void op_register_with_ses(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	opv_register *out = POISON_PTR;
	opv_keyed_values *table = NULL;
	size_t len;
	const char *data;
	opv_error *err;
	int rc;
	if (take_u8(b) & 1) {
		data = take_blob(b, &len);
		if (opv_keyed_values_parse_csv(&table, data, len, "ses.csv", "code", "ses", 0, NULL) != OPV_OK)
			table = NULL;
	}
	err = err_arg(b);
	rc = opv_register_with_ses(take_u8(b) % 16 ? &out : NULL, reg,
	                           table ? table : (take_u8(b) % 8 ? ses_table : NULL), err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND | E_DUPLICATE | E_NOMEM, out == POISON_PTR);
	if (rc == OPV_OK) {
		check_register(out);
		FUZZ_CHECK(opv_register_count(out) == opv_register_count(reg));
		FUZZ_CHECK(opv_register_population(out) == opv_register_population(reg));
		opv_register_free(out);
	}
	opv_keyed_values_free(table);
}

static void op_register_mergers(struct bytes *b)
{
	static const char *const codes_words[] = { "GM1992", "GM0363", "GM0317", "GM0402", "GM0000" };
	const opv_register *reg = pick_register(b);
	opv_register *out = POISON_PTR;
	const char *codes[4];
	int64_t pops[4];
	size_t n = take_u8(b) % 5, i, assumed;
	int year = take_u8(b) & 1 ? take_int(b) : 2020 + (int)(take_u8(b) % 10), rc;
	opv_error *err;
	for (i = 0; i < 4; i++) {
		codes[i] = take_string(b, codes_words, 5);
		pops[i] = take_i64(b);
	}
	err = err_arg(b);
	if (take_u8(b) & 1) {
		rc = opv_register_map_mergers(take_u8(b) % 16 ? &out : NULL, reg, err);
		FUZZ_CALL(rc, E_INVAL | E_NOMEM, out == POISON_PTR);
		if (rc == OPV_OK) {
			FUZZ_CHECK(opv_register_maps_mergers(out));
			check_register(out);
			opv_register_free(out);
		}
		return;
	}
	poison(&assumed, sizeof assumed);
	rc = opv_register_merged_in(take_u8(b) % 16 ? &out : NULL, reg, year,
	                            take_u8(b) % 16 ? codes : NULL, take_u8(b) % 16 ? pops : NULL,
	                            n == 4 ? take_size(b, 4) : n, take_u8(b) & 1 ? &assumed : NULL, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_DUPLICATE | E_NOMEM,
	          out == POISON_PTR && untouched(&assumed, sizeof assumed));
	if (rc == OPV_OK) {
		check_register(out);
		FUZZ_CHECK(opv_register_count(out) <= opv_register_count(reg));
		opv_register_free(out);
	}
}

static void op_register_align(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), len;
	int64_t *out = malloc((n + 1) * sizeof *out), missing = take_i64(b);
	opv_keyed_values *table = NULL;
	const char *data = take_blob(b, &len);
	opv_error *err;
	int rc;
	if (opv_keyed_values_parse_csv(&table, data, len, "v.csv", "code", "value", take_u8(b) % 4,
	                               NULL) != OPV_OK)
		table = NULL;
	err = err_arg(b);
	poison(out, (n + 1) * sizeof *out);
	rc = opv_register_align_int64(take_u8(b) % 16 ? out : NULL, reg, take_u8(b) % 16 ? table : NULL,
	                              missing, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND | E_RANGE, untouched(out, (n + 1) * sizeof *out));
	if (rc == OPV_OK) {
		size_t i;
		FUZZ_CHECK(untouched(out + n, sizeof *out));
		for (i = 0; i < n; i++)
			FUZZ_CHECK(out[i] == missing || (out[i] > -OPV_COUNT_MAX && out[i] < OPV_COUNT_MAX));
	}
	opv_keyed_values_free(table);
	free(out);
}

/* ---- places.h -------------------------------------------------------------------- */

static void op_place_names(struct bytes *b)
{
	int v = take_enum(b, OPV_LOCATION_TYPE_COUNT), rc;
	const char *name = opv_location_type_name((opv_location_type)v), *text;
	opv_location_type type;
	opv_durability dur;
	unsigned types;
	opv_error *err;
	FUZZ_CHECK((v >= 0 && v < OPV_LOCATION_TYPE_COUNT) == (name != NULL));
	if (name)
		FUZZ_CHECK(opv_location_type_from_name(&type, name, NULL) == OPV_OK && (int)type == v);
	v = take_enum(b, 2);
	name = opv_durability_name((opv_durability)v);
	FUZZ_CHECK((v == 0 || v == 1) == (name != NULL));
	if (name)
		FUZZ_CHECK(opv_durability_from_name(&dur, name, NULL) == OPV_OK && (int)dur == v);
	v = take_enum(b, 5);
	FUZZ_CHECK((v >= 0 && v < 5) == (opv_count_reason_name((opv_count_reason)v) != NULL));
	v = take_enum(b, 3);
	FUZZ_CHECK((v >= 0 && v < 3) == (opv_task_source_name((opv_task_source)v) != NULL));
	FUZZ_CHECK((v >= 0 && v < 3) == (opv_level_name((opv_level)v) != NULL));
	v = take_enum(b, OPV_COMPLIANCE_COLUMN_COUNT);
	FUZZ_CHECK((v >= 0 && v < OPV_COMPLIANCE_COLUMN_COUNT) ==
	           (opv_compliance_column_name((opv_compliance_column)v) != NULL));
	rc = opv_compliance_column_needs_task((opv_compliance_column)v);
	FUZZ_CHECK(rc == 0 || rc == 1);

	text = take_string(b, type_words, sizeof type_words / sizeof *type_words);
	err = err_arg(b);
	poison(&type, sizeof type);
	rc = opv_location_type_from_name(take_u8(b) % 16 ? &type : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&type, sizeof type));
	if (rc == OPV_OK)
		FUZZ_CHECK(strcmp(opv_location_type_name(type), text) == 0);
	err = err_arg(b);
	poison(&types, sizeof types);
	rc = opv_location_types_parse(take_u8(b) % 16 ? &types : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&types, sizeof types));
	if (rc == OPV_OK)
		FUZZ_CHECK(types != 0 && types < (1u << OPV_LOCATION_TYPE_COUNT));
	text = take_string(b, durability_words, 4);
	err = err_arg(b);
	poison(&dur, sizeof dur);
	rc = opv_durability_from_name(take_u8(b) % 16 ? &dur : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&dur, sizeof dur));
}

static void check_locations(const opv_locations *l, const opv_register *reg)
{
	size_t i, n = opv_locations_count(l);
	for (i = 0; i < n; i++) {
		const opv_location *loc = opv_locations_at(l, i);
		FUZZ_CHECK(loc && loc->id && loc->code && loc->name);
		FUZZ_CHECK(loc->type >= 0 && loc->type < OPV_LOCATION_TYPE_COUNT);
		FUZZ_CHECK(loc->capacity >= 0 && loc->agreed_capacity >= 0);
		FUZZ_CHECK(loc->open_ended || loc->closes > loc->opens);
		FUZZ_CHECK(loc->municipality < opv_register_count(reg));
		FUZZ_CHECK(opv_location_is_open(loc, loc->opens) == 1);
		FUZZ_CHECK(loc->opens == INT32_MIN || opv_location_is_open(loc, loc->opens - 1) == 0);
	}
	FUZZ_CHECK(opv_locations_at(l, n) == NULL);
}

static void op_locations_load(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	opv_locations *l = POISON_PTR;
	size_t len;
	int from_file = take_u8(b) & 1, rc;
	const char *source = take_string(b, NULL, 0);
	opv_error *err = err_arg(b);
	const char *data = take_blob(b, &len);
	if (from_file)
		rc = opv_locations_load_csv(take_u8(b) % 16 ? &l : NULL, reg, take_path(b, data, len), err);
	else
		rc = opv_locations_parse_csv(take_u8(b) % 16 ? &l : NULL, reg, take_u8(b) % 16 ? data : NULL,
		                             len, source, err);
	FUZZ_CALL(rc, E_LOADER | E_NOTFOUND, l == POISON_PTR);
	if (rc != OPV_OK)
		return;
	check_locations(l, reg);
	opv_locations_free(l);
}

static void op_location_assess(struct bytes *b)
{
	opv_location loc;
	const opv_locations *l = pick_locations(b);
	const opv_location *from = opv_locations_at(l, take_size(b, opv_locations_count(l)));
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_count_reason reason;
	int64_t counting;
	opv_day day = take_day(b);
	int min_years = take_u8(b) & 1 ? take_int(b) : 5, rc, opts = take_u8(b);
	opv_error *err;
	if (from)
		loc = *from;
	else {
		loc.id = "x";
		loc.code = "GM0363";
		loc.name = "x";
		loc.type = (opv_location_type)take_enum(b, OPV_LOCATION_TYPE_COUNT);
		loc.agreed_capacity = take_i64(b);
		loc.capacity = take_i64(b);
		loc.opens = take_day(b);
		loc.closes = take_day(b);
		loc.open_ended = take_u8(b) & 1;
		loc.municipality = take_size(b, 0);
		loc.line = 0;
	}
	if (opts & 1) {
		o.version = take_u8(b) & 1 ? (unsigned)take_int(b) : o.version;
		o.min_years = take_int(b);
		o.durability = (opv_durability)take_enum(b, 2);
		o.existing_min_places = take_i64(b);
		o.existing_before = take_day(b);
		o.counting_types = take_u8(b) & 1 ? take_u32(b) : take_u8(b) % 128;
		o.count_above_agreement = take_int(b);
	}
	FUZZ_CHECK(opv_location_is_open(&loc, day) ==
	           (day >= loc.opens && (loc.open_ended || day < loc.closes)));
	rc = opv_location_counts(take_u8(b) % 16 ? &loc : NULL, min_years);
	FUZZ_CHECK(rc == 0 || rc == 1);
	err = err_arg(b);
	poison(&reason, sizeof reason);
	poison(&counting, sizeof counting);
	rc = opv_location_assess(take_u8(b) % 16 ? &reason : NULL, take_u8(b) % 16 ? &counting : NULL,
	                         take_u8(b) % 16 ? &loc : NULL, day, opts & 2 ? NULL : &o, err);
	FUZZ_CALL(rc, E_INVAL, untouched(&reason, sizeof reason) && untouched(&counting, sizeof counting));
	if (rc != OPV_OK)
		return;
	FUZZ_CHECK(opv_count_reason_name(reason) != NULL);
	if (reason == OPV_COUNTS) {
		int64_t cap = (opts & 2) || !o.count_above_agreement
		                  ? (loc.capacity < loc.agreed_capacity ? loc.capacity : loc.agreed_capacity)
		                  : loc.capacity;
		FUZZ_CHECK(counting == cap);
		FUZZ_CHECK(opv_location_is_open(&loc, day));
	} else {
		FUZZ_CHECK(counting == 0);
		if (reason == OPV_NOT_OPEN)
			FUZZ_CHECK(!opv_location_is_open(&loc, day));
	}
}

static void check_tasks(const opv_tasks *t, const opv_register *reg)
{
	size_t n = opv_register_count(reg), i;
	int64_t *task = malloc((n + 1) * sizeof *task), *amv = malloc((n + 1) * sizeof *amv);
	FUZZ_CHECK(opv_tasks_values(task, amv, n, t, NULL) == OPV_OK);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(task[i] >= 0 && amv[i] >= 0 && amv[i] <= task[i] && task[i] < OPV_COUNT_MAX);
	FUZZ_CHECK(opv_tasks_origin(t) != NULL);
	FUZZ_CHECK(opv_task_source_name(opv_tasks_source(t)) != NULL);
	free(task);
	free(amv);
}

static void op_tasks_make(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), len, i;
	opv_tasks *t = POISON_PTR;
	int how = take_u8(b) % 4, rc;
	int64_t total = take_i64(b), amv = take_i64(b);
	int64_t *task = malloc((n + 1) * sizeof *task), *task_amv = malloc((n + 1) * sizeof *task_amv);
	double *ses = malloc((n + 1) * sizeof *ses);
	int extreme = take_u8(b) & 1;
	const char *origin = take_string(b, NULL, 0), *data;
	opv_error *err;
	for (i = 0; i < n; i++) {
		task[i] = extreme ? take_i64(b) : take_u8(b);
		task_amv[i] = extreme ? take_i64(b) : take_u8(b) % 16;
		ses[i] = extreme ? take_double(b) : (take_u8(b) - 128) / 256.0;
	}
	err = err_arg(b);
	if (how == 0) {
		data = take_blob(b, &len);
		rc = opv_tasks_parse_csv(take_u8(b) % 16 ? &t : NULL, reg, take_u8(b) % 16 ? data : NULL,
		                         len, take_string(b, NULL, 0), err);
		FUZZ_CALL(rc, E_LOADER | E_NOTFOUND, t == POISON_PTR);
	} else if (how == 1) {
		data = take_blob(b, &len);
		rc = opv_tasks_load_csv(take_u8(b) % 16 ? &t : NULL, reg, take_path(b, data, len), err);
		FUZZ_CALL(rc, E_LOADER | E_NOTFOUND, t == POISON_PTR);
	} else if (how == 2) {
		rc = opv_tasks_from_key(take_u8(b) % 16 ? &t : NULL, reg, take_u8(b) & 1 ? ses : NULL,
		                        total, amv, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM, t == POISON_PTR);
		if (rc == OPV_OK) {
			int64_t *out = malloc((n + 1) * sizeof *out), sum = 0;
			FUZZ_CHECK(opv_tasks_values(out, NULL, n, t, NULL) == OPV_OK);
			for (i = 0; i < n; i++)
				sum += out[i];
			FUZZ_CHECK(sum == total);
			free(out);
		}
	} else {
		rc = opv_tasks_new(take_u8(b) % 16 ? &t : NULL, reg, take_u8(b) % 16 ? task : NULL,
		                   take_u8(b) & 1 ? task_amv : NULL, (opv_task_source)take_enum(b, 3),
		                   origin, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM, t == POISON_PTR);
	}
	if (rc == OPV_OK) {
		check_tasks(t, reg);
		opv_tasks_free(t);
	}
	free(task);
	free(task_amv);
	free(ses);
}

static void op_tasks_values(struct bytes *b)
{
	const opv_tasks *t = pick_tasks(b);
	int64_t task[400], amv[400];
	size_t n = take_size(b, t == tasks[0] ? 342 : 6);
	opv_error *err = err_arg(b);
	int rc;
	poison(task, sizeof task);
	poison(amv, sizeof amv);
	rc = opv_tasks_values(n <= 400 && take_u8(b) % 8 ? task : NULL,
	                      n <= 400 && take_u8(b) % 4 ? amv : NULL, n, t, err);
	FUZZ_CALL(rc, E_INVAL, untouched(task, sizeof task) && untouched(amv, sizeof amv));
	(void)opv_tasks_source(t);
	FUZZ_CHECK(opv_tasks_origin(t) != NULL);
}

static void op_compliance(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	const opv_locations *l = pick_locations(b);
	const opv_tasks *t = pick_tasks(b);
	opv_compliance *c = POISON_PTR;
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_day day = take_day(b);
	int opts = take_u8(b), rc, level, column;
	size_t rows, n, count, i;
	int64_t out[400], gap[400];
	size_t order[400];
	opv_error *err;
	if (opts & 1) {
		o.version = take_u8(b) & 1 ? (unsigned)take_int(b) : o.version;
		o.min_years = take_u8(b) & 1 ? take_int(b) : (int)(take_u8(b) % 12);
		o.durability = (opv_durability)take_enum(b, 2);
		o.existing_min_places = take_i64(b);
		o.existing_before = take_day(b);
		o.counting_types = take_u8(b) & 1 ? take_u32(b) : take_u8(b) % 128;
		o.count_above_agreement = take_u8(b) & 1;
	}
	err = err_arg(b);
	rc = opv_compliance_on(take_u8(b) % 16 ? &c : NULL, reg, l, t, day, opts & 2 ? NULL : &o, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM, c == POISON_PTR);
	if (rc != OPV_OK)
		return;
	FUZZ_CHECK(opv_compliance_day(c) == day);
	FUZZ_CHECK(opv_compliance_has_task(c) == (t != NULL));
	FUZZ_CHECK(opv_compliance_rows(c, OPV_LEVEL_MUNICIPALITY) == opv_register_count(reg));
	FUZZ_CHECK(opv_compliance_rows(c, OPV_LEVEL_PROVINCE) == opv_register_province_count(reg));
	FUZZ_CHECK(opv_compliance_rows(c, OPV_LEVEL_NATION) == 1);
	level = take_enum(b, 3);
	column = take_enum(b, OPV_COMPLIANCE_COLUMN_COUNT);
	rows = opv_compliance_rows(c, (opv_level)level);
	FUZZ_CHECK(rows == 0 || (level >= 0 && level < 3));
	n = take_size(b, rows);
	err = err_arg(b);
	poison(out, sizeof out);
	rc = opv_compliance_get(n <= 400 && take_u8(b) % 16 ? out : NULL, n, c, (opv_level)level,
	                        (opv_compliance_column)column, err);
	FUZZ_CALL(rc, E_INVAL, untouched(out, sizeof out));
	if (rc == OPV_OK) {
		FUZZ_CHECK(n == rows && level >= 0 && level < 3);
		FUZZ_CHECK(untouched(out + n, (400 - n) * sizeof *out));
		if (column == OPV_COLUMN_MET)
			for (i = 0; i < n; i++)
				FUZZ_CHECK(out[i] == 0 || out[i] == 1);
		if (column == OPV_COLUMN_PLACES_COUNTING && t == NULL)
			for (i = 0; i < n; i++)
				FUZZ_CHECK(out[i] >= 0);
	}
	err = err_arg(b);
	poison(order, sizeof order);
	poison(&count, sizeof count);
	rc = opv_compliance_shortfalls(rows <= 400 && take_u8(b) % 16 ? order : NULL,
	                               take_u8(b) % 16 ? &count : NULL, c, (opv_level)level, err);
	FUZZ_CALL(rc, E_INVAL, untouched(order, sizeof order) && untouched(&count, sizeof count));
	if (rc == OPV_OK) {
		FUZZ_CHECK(count <= rows);
		FUZZ_CHECK(opv_compliance_get(gap, rows, c, (opv_level)level, OPV_COLUMN_GAP, NULL) == OPV_OK);
		for (i = 0; i < count; i++) {
			FUZZ_CHECK(order[i] < rows);
			if (i)
				FUZZ_CHECK(gap[order[i - 1]] >= gap[order[i]] || gap[order[i - 1]] > 0 ||
				           gap[order[i]] <= 0);
		}
	}
	opv_compliance_free(c);
}

static void op_places(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	const opv_locations *l = pick_locations(b);
	size_t n = opv_register_count(reg), i, count;
	int64_t *total = malloc((n + 1) * 8), *above = malloc((n + 1) * 8), *counting = malloc((n + 1) * 8);
	int64_t *gap = malloc((n + 1) * 8), *task = malloc((n + 1) * 8);
	size_t *order = malloc((n + 1) * sizeof *order);
	opv_places_options o = OPV_PLACES_OPTIONS_INIT;
	opv_places_columns out = OPV_PLACES_COLUMNS_INIT;
	unsigned cols = take_u8(b);
	int extreme = take_u8(b) & 1, rc, with_task = take_u8(b) & 1;
	size_t ng;
	opv_error *err;
	for (i = 0; i < n; i++)
		task[i] = extreme ? take_i64(b) : take_u8(b) * 8;
	o.version = take_u8(b) & 1 ? (unsigned)take_int(b) : o.version;
	o.date = take_day(b);
	o.min_years = take_u8(b) & 1 ? take_int(b) : (int)(take_u8(b) % 12);
	if (cols & 1)
		out.total = total;
	if (cols & 2)
		out.above_agreement = above;
	if (cols & 4)
		out.counting = counting;
	if (cols & 8)
		out.gap = gap;
	poison(total, (n + 1) * 8);
	poison(above, (n + 1) * 8);
	poison(counting, (n + 1) * 8);
	poison(gap, (n + 1) * 8);
	err = err_arg(b);
	rc = opv_places_on(cols & 16 ? NULL : &out, reg, l, with_task ? task : NULL,
	                   cols & 32 ? NULL : &o, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM,
	          untouched(total, (n + 1) * 8) && untouched(above, (n + 1) * 8) &&
	              untouched(counting, (n + 1) * 8) && untouched(gap, (n + 1) * 8));
	if (rc == OPV_OK) {
		for (i = 0; i < n; i++) {
			if (out.total && out.counting)
				FUZZ_CHECK(counting[i] >= 0 && counting[i] <= total[i]);
			if (out.gap && out.counting)
				FUZZ_CHECK(gap[i] == task[i] - counting[i]);
		}
	}
	if (!(rc == OPV_OK && out.gap)) {
		for (i = 0; i < n; i++)
			gap[i] = extreme ? take_i64(b) : (int64_t)take_u8(b) - 128;
	}
	ng = take_size(b, n);
	if (ng > n)
		ng = n;
	err = err_arg(b);
	poison(order, (n + 1) * sizeof *order);
	poison(&count, sizeof count);
	rc = opv_places_shortfalls(take_u8(b) % 16 ? order : NULL, take_u8(b) % 16 ? &count : NULL,
	                           take_u8(b) % 16 ? gap : NULL, ng, err);
	FUZZ_CALL(rc, E_INVAL, untouched(order, (n + 1) * sizeof *order) && untouched(&count, sizeof count));
	if (rc == OPV_OK) {
		FUZZ_CHECK(count <= ng);
		for (i = 0; i < count; i++) {
			FUZZ_CHECK(order[i] < ng && gap[order[i]] > 0);
			if (i)
				FUZZ_CHECK(gap[order[i - 1]] > gap[order[i]] ||
				           (gap[order[i - 1]] == gap[order[i]] && order[i - 1] < order[i]));
		}
	}
	free(total);
	free(above);
	free(counting);
	free(gap);
	free(task);
	free(order);
}

static void op_capacity(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	const opv_locations *l = pick_locations(b);
	int breakdown = take_enum(b, 2), rc;
	size_t want = breakdown == OPV_BY_TYPE ? OPV_LOCATION_TYPE_COUNT : opv_register_province_count(reg);
	size_t nweeks = take_u8(b) & 1 ? take_size(b, 10) : take_u8(b) % 20;
	size_t ncolumns = take_size(b, want), cap, count, i, written;
	opv_day start = take_day(b), from = take_day(b), to = take_u8(b) & 1 ? take_day(b) : day_plus(from, 4000);
	int64_t capacity[20 * 16];
	opv_capacity_change changes[16];
	int fits = nweeks <= 20 && ncolumns <= 16;
	opv_error *err = err_arg(b);
	poison(capacity, sizeof capacity);
	rc = opv_capacity_timeline(fits && take_u8(b) % 16 ? capacity : NULL, nweeks, ncolumns, reg, l,
	                           start, (opv_capacity_breakdown)breakdown, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM, untouched(capacity, sizeof capacity));
	if (rc == OPV_OK) {
		FUZZ_CHECK(ncolumns == want);
		for (i = 0; i < nweeks * ncolumns; i++)
			FUZZ_CHECK(capacity[i] >= 0);
	}
	cap = take_size(b, 16);
	if (cap > 16)
		cap = 16;
	err = err_arg(b);
	poison(changes, sizeof changes);
	poison(&count, sizeof count);
	rc = opv_capacity_changes(cap || take_u8(b) & 1 ? changes : NULL, cap,
	                          take_u8(b) % 16 ? &count : NULL, l, from, to, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM,
	          untouched(changes, sizeof changes) && untouched(&count, sizeof count));
	if (rc == OPV_OK) {
		written = count < cap ? count : cap;
		FUZZ_CHECK(untouched(changes + written, (16 - written) * sizeof *changes));
		for (i = 0; i < written; i++) {
			FUZZ_CHECK(changes[i].date >= from && changes[i].date <= to);
			FUZZ_CHECK(changes[i].location < opv_locations_count(l));
			if (i)
				FUZZ_CHECK(changes[i].date >= changes[i - 1].date);
		}
	}
}

/* ---- report.h -------------------------------------------------------------------- */

static void op_report(struct bytes *b)
{
	const opv_register *reg = pick_register(b), *housing_reg = pick_register(b);
	opv_report_housing *h = POISON_PTR;
	opv_housing_options ho = OPV_HOUSING_OPTIONS_INIT;
	opv_report_options ro = OPV_REPORT_OPTIONS_INIT;
	opv_compliance_options co = OPV_COMPLIANCE_OPTIONS_INIT;
	size_t nh = opv_register_count(housing_reg), i;
	int64_t *previous = malloc((nh + 1) * 8), *realised = malloc((nh + 1) * 8);
	int extreme = take_u8(b) & 1, rc, write = take_u8(b);
	opv_day day = take_day(b);
	opv_error *err;
	ho.version = take_u8(b) & 1 ? (unsigned)take_int(b) : ho.version;
	ho.national = take_u8(b) & 1 ? take_i64(b) : (int64_t)take_u32(b) % 30000;
	ho.period.year = take_u8(b) & 1 ? take_int(b) : 2024 + (int)(take_u8(b) % 3);
	ho.period.half = take_u8(b) & 1 ? take_int(b) : 1 + (int)(take_u8(b) % 2);
	ho.population_total = take_u8(b) & 1 ? take_i64(b) : 0;
	ho.carry_advance = take_u8(b) & 1;
	for (i = 0; i < nh; i++) {
		previous[i] = extreme ? take_i64(b) : (int64_t)take_u8(b) - 128;
		realised[i] = extreme ? take_i64(b) : take_u8(b);
	}
	err = err_arg(b);
	rc = opv_report_housing_new(take_u8(b) % 16 ? &h : NULL, reg, housing_reg,
	                            take_u8(b) % 16 ? &ho : NULL, take_u8(b) & 1 ? previous : NULL,
	                            take_u8(b) & 1 ? realised : NULL, NULL, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOTFOUND | E_DUPLICATE | E_NOMEM, h == POISON_PTR);
	if (rc == OPV_OK) {
		FUZZ_CHECK(h->version == OPV_REPORT_HOUSING_VERSION && h->task != NULL);
		FUZZ_CHECK(h->national == ho.national);
	} else {
		h = NULL;
	}
	/* Writing a whole site is slow: the error paths mostly, a site now and then. */
	if ((write & 15) == 0) {
		const opv_locations *l = pick_locations(b);
		const opv_tasks *t = pick_tasks(b);
		const char *dir = (write & 16) ? NULL : (write & 32) ? tmp_file : tmp_report;
		struct stat st;
		int existed;
		if (write & 64) {
			ro.version = take_u8(b) & 1 ? (unsigned)take_int(b) : ro.version;
			co.version = take_u8(b) & 1 ? (unsigned)take_int(b) : co.version;
			co.min_years = take_u8(b) & 1 ? take_int(b) : co.min_years;
			ro.rules = &co;
			ro.locations_name = take_string(b, NULL, 0);
			ro.tasks_name = take_string(b, NULL, 0);
			ro.housing = take_u8(b) & 1 ? h : NULL;
		}
		/* A site of 342 municipalities takes a while: written only from the
		 * small register, refused (no directory) from the others. */
		if (dir && reg != regs[R_SMALL] && reg != NULL)
			dir = NULL;
		existed = stat(tmp_report, &st) == 0;
		err = err_arg(b);
		rc = opv_report_write(dir, reg, l, t, day, write & 128 ? NULL : &ro, err);
		FUZZ_STATUS(rc, E_INVAL | E_RANGE | E_IO | E_NOMEM | E_NOTFOUND);
		if (rc != OPV_OK && dir == tmp_report)
			FUZZ_CHECK((stat(tmp_report, &st) == 0) == existed);
		if (rc == OPV_OK) {
			FUZZ_CHECK(stat(tmp_report, &st) == 0 && S_ISDIR(st.st_mode));
			FUZZ_CHECK(reg != NULL && l != NULL);
		}
	}
	opv_report_housing_free(h);
	opv_report_housing_free(NULL);
	free(previous);
	free(realised);
}

/* ---- the driver ------------------------------------------------------------------ */

typedef void (*op_fn)(struct bytes *);

static const op_fn ops[] = {
	op_core,          op_date,           op_every,           op_date_series,     op_keyed_values,
	op_register_load, op_register_embedded, op_register_query, op_register_sum, op_register_with_ses,
	op_register_mergers, op_register_align, op_place_names,  op_locations_load,  op_location_assess,
	op_tasks_make,    op_tasks_values,   op_compliance,      op_places,          op_capacity,
	op_report,        op_table,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct bytes b = { data, size };
	int steps = 0;
	if (!ready) {
		init_fixtures();
		ready = 1;
	}
	arena_used = 0;
	while (b.n && steps++ < 8)
		ops[take_u8(&b) % (sizeof ops / sizeof *ops)](&b);
	return 0;
}
