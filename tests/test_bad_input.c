/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The bad-input matrix: every loader against the same kinds of broken file.
 * Each case asserts the status code, that the message names the place (file
 * name, and line where there is one), and that the output was not touched.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

static opv_register *reg;

/* A loader under test: parses `len` bytes named "bad.x" into *out. */
typedef int (*loader)(void **out, const char *data, size_t len, opv_error *err);

static int load_register(void **out, const char *d, size_t n, opv_error *e)
{
	return opv_register_parse_csv((opv_register **)out, d, n, "bad.x", e);
}
static int load_ses(void **out, const char *d, size_t n, opv_error *e)
{
	return opv_keyed_values_parse_csv((opv_keyed_values **)out, d, n, "bad.x", "code", "ses", 0, e);
}
static int load_balance(void **out, const char *d, size_t n, opv_error *e)
{
	return opv_keyed_values_parse_csv((opv_keyed_values **)out, d, n, "bad.x", "code", "balance",
	                                  OPV_VALUES_INTEGER, e);
}
static int load_swaps(void **out, const char *d, size_t n, opv_error *e)
{
	return opv_swap_table_parse_csv((opv_swap_table **)out, d, n, "bad.x", e);
}
static int load_history(void **out, const char *d, size_t n, opv_error *e)
{
	return opv_balance_history_parse_csv((opv_balance_history **)out, d, n, "bad.x", e);
}
static int load_locations(void **out, const char *d, size_t n, opv_error *e)
{
	return opv_locations_parse_csv((opv_locations **)out, reg, d, n, "bad.x", e);
}
static int load_published(void **out, const char *d, size_t n, opv_error *e)
{
	static const int64_t places[342];
	return opv_compare_parse_csv((opv_comparison **)out, reg, places, NULL, d, n, "bad.x", e);
}

static void free_values(void *p) { opv_keyed_values_free(p); }
static void free_swaps(void *p) { opv_swap_table_free(p); }
static void free_locations(void *p) { opv_locations_free(p); }

struct loader_info {
	const char *name;
	loader load;
	const char *header;   /* a correct header line */
	const char *row;      /* a correct data row */
	/* Releases a table of a header alone, for the tables in which a key left
	 * out counts as zero, so that no rows is a valid answer; NULL where a
	 * header alone is refused (a register, a history, a publication). */
	void (*free_empty)(void *);
};

static const struct loader_info loaders[] = {
	{ "register", load_register, "code,name,province_code,province,population\n",
	  "GM0001,A,PV20,P,10\n", NULL },
	{ "ses", load_ses, "code,ses\n", "GM0363,0.1\n", free_values },
	{ "balance", load_balance, "code,balance\n", "GM0363,12\n", free_values },
	{ "swaps", load_swaps, "agreement,code,delta\n", "A,GM0363,5\n", free_swaps },
	{ "history", load_history, "code,period,balance\n", "GM0363,2025-H1,5\n", NULL },
	{ "locations", load_locations, "id,code,name,type,agreed_capacity,capacity,opens,closes\n",
	  "L1,GM0363,a,azc,10,10,2026-01-01,\n", free_locations },
	{ "published", load_published, "code,places\n", "GM0363,4479\n", NULL },
};

#define N_LOADERS (sizeof loaders / sizeof loaders[0])

static void expect(const struct loader_info *l, const char *data, size_t len, int code,
                   const char *needle, long line, const char *what)
{
	void *out = (void *)0x1;
	opv_error err = OPV_ERROR_INIT;
	int rc = l->load(&out, data, len, &err);
	ck_assert_msg(rc == code, "%s, %s: expected %d, got %d (%s)", l->name, what, code, rc, err.message);
	ck_assert_int_eq(err.code, code);
	ck_assert_msg(strstr(err.message, "bad.x") != NULL, "%s, %s: message '%s' does not name the file",
	              l->name, what, err.message);
	if (needle)
		ck_assert_msg(strstr(err.message, needle) != NULL, "%s, %s: message '%s' lacks '%s'", l->name,
		              what, err.message, needle);
	if (line)
		ck_assert_msg(err.line == line, "%s, %s: line %ld, expected %ld (%s)", l->name, what, err.line,
		              line, err.message);
	ck_assert_msg(out == (void *)0x1, "%s, %s: output touched", l->name, what);
}

static char *concat(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

/* The correct row with its field number `field` (0-based) replaced. */
static char *row_with(const char *row, int field, const char *value)
{
	char *out = malloc(strlen(row) + strlen(value) + 1), *o = out;
	int f = 0;
	const char *p;
	for (p = row; *p; p++) {
		if (*p == ',' || *p == '\n') {
			if (f == field) {
				strcpy(o, value);
				o += strlen(value);
			}
			f++;
			*o++ = *p;
		} else if (f != field) {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

START_TEST(every_loader_refuses_the_same_broken_files)
{
	const struct loader_info *l = &loaders[_i];
	char *text;
	size_t i;
	/* empty, byte order mark only, only blank lines */
	expect(l, "", 0, OPV_EPARSE, "empty", 0, "empty");
	expect(l, "\xEF\xBB\xBF", 3, OPV_EPARSE, "empty", 0, "BOM only");
	expect(l, "\n\n", 2, OPV_EPARSE, NULL, 0, "blank lines");
	/* header only */
	if (l->free_empty) {
		void *empty = NULL;
		opv_error err = OPV_ERROR_INIT;
		ck_assert_msg(l->load(&empty, l->header, strlen(l->header), &err) == OPV_OK,
		              "%s, header only: %s", l->name, err.message);
		ck_assert_ptr_nonnull(empty);
		l->free_empty(empty);
	} else {
		expect(l, l->header, strlen(l->header), OPV_EPARSE, "header only", 0, "header only");
	}
	/* wrong header */
	text = concat("these,are,not,the,right,columns,at,all\n", "1,2,3,4,5,6,7,8\n", "");
	expect(l, text, strlen(text), OPV_EPARSE, "missing column", 1, "wrong header");
	free(text);
	/* a field too many, a field too few */
	text = concat(l->header, l->row, "X,");
	text[strlen(text) - 1] = '\n';
	expect(l, text, strlen(text), OPV_EPARSE, "but the header has", 3, "too few fields");
	free(text);
	{
		char *row = malloc(strlen(l->row) + 8);
		strcpy(row, l->row);
		strcpy(row + strlen(row) - 1, ",extra\n");
		text = concat(l->header, row, "");
		expect(l, text, strlen(text), OPV_EPARSE, "but the header has", 2, "too many fields");
		free(text);
		free(row);
	}
	/* invalid UTF-8, a NUL byte */
	text = concat(l->header, "\xFF\xFE", l->row);
	expect(l, text, strlen(text), OPV_EPARSE, "invalid UTF-8", 2, "invalid UTF-8");
	free(text);
	text = concat(l->header, l->row, "");
	text[strlen(l->header) + 1] = '\0';
	expect(l, text, strlen(l->header) + strlen(l->row), OPV_EPARSE, "NUL byte", 2, "NUL byte");
	free(text);
	/* a 10 MB field, and a very long line of many short fields */
	{
		size_t big = 10u << 20, len = strlen(l->header);
		char *huge = malloc(len + big + 2);
		memcpy(huge, l->header, len);
		memset(huge + len, 'x', big);
		huge[len + big] = '\n';
		expect(l, huge, len + big + 1, OPV_ERANGE, "line is longer than", 2, "10 MB field");
		for (i = len; i < len + big; i += 2)
			huge[i + 1] = ',';
		expect(l, huge, len + big + 1, OPV_ERANGE, "line is longer than", 2, "very long line");
		/* a field just over the field limit on a line within the line limit */
		huge[len + 70000] = '\n';
		memset(huge + len, 'y', 70000);
		expect(l, huge, len + 70001, OPV_ERANGE, "field 1 is longer than", 2, "70 kB field");
		free(huge);
	}
	/* malformed quoting */
	text = concat(l->header, "\"unterminated,", l->row);
	expect(l, text, strlen(text), OPV_EPARSE, "malformed CSV", 0, "quote");
	free(text);
}
END_TEST

/* Cases that need a numeric, code or date field: which field of which loader. */
struct field_case {
	const char *loader;
	int field;
	const char *value;
	int code;
	const char *needle;
};

static const struct field_case field_cases[] = {
	{ "register", 4, "12a", OPV_EPARSE, "not a whole number" },
	{ "register", 4, "-5", OPV_ERANGE, "negative" },
	{ "register", 4, "99999999999999999999", OPV_ERANGE, "out of range" },
	{ "register", 0, "GM12345", OPV_EPARSE, "not a municipality code" },
	{ "ses", 1, "nan", OPV_ERANGE, "not a finite number" },
	{ "ses", 1, "inf", OPV_ERANGE, "not a finite number" },
	{ "ses", 1, "-Infinity", OPV_ERANGE, "not a finite number" },
	{ "ses", 1, "1e400", OPV_ERANGE, "not a finite number" },
	{ "ses", 1, "0,5", OPV_EPARSE, "fields" },
	{ "balance", 1, "1.5", OPV_EPARSE, "not a whole number" },
	{ "balance", 1, "9223372036854775808", OPV_ERANGE, "out of range" },
	{ "swaps", 2, "five", OPV_EPARSE, "not a whole number" },
	{ "history", 1, "2025-H3", OPV_EPARSE, "not a half-year" },
	{ "history", 1, "2025-2", OPV_EPARSE, "not a half-year" },
	{ "history", 2, "NaN", OPV_EPARSE, "not a whole number" },
	{ "locations", 6, "2026-02-30", OPV_EPARSE, "not a date" },
	{ "locations", 6, "2026/01/01", OPV_EPARSE, "not a date" },
	{ "locations", 4, "-10", OPV_ERANGE, "negative" },
	{ "locations", 5, "1e3", OPV_EPARSE, "not a whole number" },
	{ "locations", 1, "GM9999", OPV_ENOTFOUND, "not in the register" },
	{ "locations", 3, "tent", OPV_ENOTFOUND, "not a location type" },
	{ "published", 0, "GM9999", OPV_ENOTFOUND, "not in the register" },
	{ "published", 1, "-3", OPV_ERANGE, "negative" },
};

START_TEST(bad_fields_name_line_and_column)
{
	const struct field_case *c = &field_cases[_i];
	const struct loader_info *l = NULL;
	char *row, *text;
	size_t k;
	for (k = 0; k < N_LOADERS; k++)
		if (strcmp(loaders[k].name, c->loader) == 0)
			l = &loaders[k];
	ck_assert_ptr_nonnull(l);
	row = row_with(l->row, c->field, c->value);
	/* line 3: one good row first */
	text = concat(l->header, l->row[0] == 'G' && strcmp(l->name, "published") == 0 ? "GM0088,5\n" :
	              (strcmp(l->name, "locations") == 0 ? "L0,GM0088,b,azc,1,1,2026-01-01,\n" :
	               (strcmp(l->name, "register") == 0 ? "GM0002,B,PV20,P,20\n" :
	                (strcmp(l->name, "swaps") == 0 ? "A,GM0088,-5\n" :
	                 (strcmp(l->name, "history") == 0 ? "GM0088,2025-H1,1\n" : "GM0088,1\n")))), row);
	expect(l, text, strlen(text), c->code, c->needle, 3, c->value);
	free(row);
	free(text);
}
END_TEST

START_TEST(duplicates_are_named)
{
	static const struct { const char *loader; const char *text; const char *needle; } cases[] = {
		{ "register", "code,name,province_code,province,population\nGM0001,A,PV20,P,1\nGM0001,B,PV20,P,1\n",
		  "GM0001 occurs twice" },
		{ "ses", "code,ses\nGM0363,1\nGM0363,2\n", "'GM0363' occurs twice" },
		{ "locations", "id,code,name,type,agreed_capacity,capacity,opens,closes\n"
		               "L1,GM0363,a,azc,1,1,2026-01-01,\nL1,GM0363,b,azc,1,1,2026-01-01,\n",
		  "location id 'L1' occurs twice" },
		{ "published", "code,places\nGM0363,1\nGM0363,2\n", "listed twice" },
		{ "register", "code,code,name,province_code,province,population\n", "column 'code' occurs twice" },
	};
	size_t i, k;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (k = 0; k < N_LOADERS; k++)
			if (strcmp(loaders[k].name, cases[i].loader) == 0)
				expect(&loaders[k], cases[i].text, strlen(cases[i].text), OPV_EDUPLICATE,
				       cases[i].needle, 0, cases[i].needle);
}
END_TEST

START_TEST(files_that_cannot_be_read)
{
	char dir[] = "/tmp/opvang-bad-XXXXXX", path[64];
	opv_register *r = (opv_register *)0x1;
	opv_keyed_values *kv = (opv_keyed_values *)0x1;
	opv_locations *l = (opv_locations *)0x1;
	opv_scenario *s = (opv_scenario *)0x1;
	opv_swap_table *sw = (opv_swap_table *)0x1;
	opv_balance_history *h = (opv_balance_history *)0x1;
	opv_error err = OPV_ERROR_INIT;
	FILE *f;
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_fails(opv_register_load_csv(&r, dir, &err), err, OPV_EIO, "directory");
	ck_assert_fails(opv_keyed_values_load_csv(&kv, dir, "a", "b", 0, &err), err, OPV_EIO, "directory");
	ck_assert_fails(opv_locations_load_csv(&l, reg, dir, &err), err, OPV_EIO, "directory");
	ck_assert_fails(opv_swap_table_load_csv(&sw, dir, &err), err, OPV_EIO, "directory");
	ck_assert_fails(opv_balance_history_load_csv(&h, dir, &err), err, OPV_EIO, "directory");
	ck_assert_fails(opv_scenario_load_json(&s, dir, reg, &err), err, OPV_EIO, dir);
	snprintf(path, sizeof path, "%s/secret.csv", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("code,ses\nGM0363,1\n", f);
	fclose(f);
	if (geteuid() != 0) { /* root reads any file */
		chmod(path, 0);
		ck_assert_fails(opv_keyed_values_load_csv(&kv, path, "code", "ses", 0, &err), err, OPV_EIO,
		                "cannot open");
		ck_assert_fails(opv_scenario_load_json(&s, path, reg, &err), err, OPV_EIO, "cannot open");
	}
	unlink(path);
	rmdir(dir);
	ck_assert_ptr_eq(r, (opv_register *)0x1);
	ck_assert_ptr_eq(kv, (opv_keyed_values *)0x1);
	ck_assert_ptr_eq(l, (opv_locations *)0x1);
	ck_assert_ptr_eq(s, (opv_scenario *)0x1);
}
END_TEST

START_TEST(scenario_json_bad_inputs)
{
	static const struct { const char *text; int code; const char *needle; } cases[] = {
		{ "", OPV_EPARSE, "empty" },
		{ "{", OPV_EPARSE, "bad.x:1:" },
		{ "{\"start\": \"2026-03-30\"\0}", OPV_EPARSE, "bad.x:1:" },
		{ "{\"start\": \"\xFF\"}", OPV_EPARSE, "bad.x:1:" },
		{ "{\"start\": \"2026-02-30\", \"weeks\": 4}", OPV_EPARSE, "field 'start'" },
		{ "{\"start\": \"2026-03-30\", \"weeks\": 99999999999999999999}", OPV_EPARSE, "bad.x:1:" },
		{ "{\"start\": \"2026-03-30\", \"weeks\": NaN}", OPV_EPARSE, "bad.x:1:" },
		{ "{\"start\": \"2026-03-30\", \"weeks\": 1e400}", OPV_EPARSE, "bad.x:1:" },
		{ "{\"start\": \"2026-03-30\", \"start\": \"2026-03-30\"}", OPV_EPARSE, "duplicate" },
		{ "[]", OPV_EPARSE, "JSON object" },
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		opv_scenario *s = (opv_scenario *)0x1;
		opv_error err = OPV_ERROR_INIT;
		size_t len = i == 2 ? 23 : strlen(cases[i].text);
		ck_assert_fails(opv_scenario_parse_json(&s, cases[i].text, len, "bad.x", NULL, reg, &err), err,
		                cases[i].code, cases[i].needle);
		ck_assert_ptr_eq(s, (opv_scenario *)0x1);
	}
}
END_TEST

static void setup(void)
{
	if (!reg)
		ck_assert_int_eq(opv_register_default(&reg, NULL), OPV_OK);
}

static void teardown(void)
{
	opv_register_free(reg);
	reg = NULL;
}

int main(void)
{
	Suite *s = suite_create("bad_input");
	TCase *tc = tcase_create("matrix");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, every_loader_refuses_the_same_broken_files, 0, (int)N_LOADERS);
	tcase_add_loop_test(tc, bad_fields_name_line_and_column, 0,
	                    (int)(sizeof field_cases / sizeof field_cases[0]));
	tcase_add_test(tc, duplicates_are_named);
	tcase_add_test(tc, files_that_cannot_be_read);
	tcase_add_test(tc, scenario_json_bad_inputs);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
