/* SPDX-License-Identifier: EUPL-1.2 */
/* The table writer of opvang/io.h: every expected text below is written out
 * by hand from the rules in the header (RFC 4180 quoting, shortest round-trip
 * numbers, the JSON shape, the text table's alignment). */
#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

#include "testutil.h"

/* The shortest round-trip text of a double. */
static const char *real_text(double value)
{
	static char buf[OPV_REAL_TEXT_SIZE];
	opv_format_real(buf, sizeof buf, value);
	return buf;
}

START_TEST(reals_print_in_their_shortest_round_trip_form)
{
	ck_assert_str_eq(real_text(0.1), "0.1");
	ck_assert_str_eq(real_text(0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(real_text(1.0), "1");
	ck_assert_str_eq(real_text(1e6), "1000000");
	ck_assert_str_eq(real_text(1e15), "1000000000000000");
	ck_assert_str_eq(real_text(1e16), "1e+16");
	ck_assert_str_eq(real_text(123456789012345680.0), "1.2345678901234568e+17");
	ck_assert_str_eq(real_text(0.0001), "0.0001");
	ck_assert_str_eq(real_text(0.00001), "1e-05");
	ck_assert_str_eq(real_text(5e-324), "5e-324");
	ck_assert_str_eq(real_text(2.5e-320), "2.5e-320");
	ck_assert_str_eq(real_text(DBL_MIN), "2.2250738585072014e-308");
	ck_assert_str_eq(real_text(DBL_MAX), "1.7976931348623157e+308");
	ck_assert_str_eq(real_text(-2.5), "-2.5");
	ck_assert_str_eq(real_text(-0.0), "0");
	ck_assert_str_eq(real_text(1.0 + DBL_EPSILON), "1.0000000000000002");
	ck_assert_str_eq(real_text(2.0 / 3.0), "0.6666666666666666");
	ck_assert_str_eq(real_text(NAN), "nan");
	ck_assert_str_eq(real_text(-INFINITY), "-inf");
}
END_TEST

START_TEST(format_real_reports_the_full_length_and_cuts)
{
	char small[4];
	ck_assert_uint_eq(opv_format_real(small, sizeof small, 0.125), 5);
	ck_assert_str_eq(small, "0.1");
	ck_assert_uint_eq(opv_format_real(NULL, 0, 12345.5), 7);
}
END_TEST

/* Every double that round-trips through 15, 16 or 17 digits: a sweep of
 * values made by arithmetic, each compared against strtod of its text. */
START_TEST(every_real_reads_back_as_itself)
{
	double x = 0.7;
	for (int i = 0; i < 20000; i++) {
		char buf[OPV_REAL_TEXT_SIZE], shorter[400];
		size_t n = opv_format_real(buf, sizeof buf, x);
		ck_assert_msg(strtod(buf, NULL) == x, "%s", buf);
		/* and one significant digit fewer does not read back */
		if (strchr(buf, 'e') == NULL) {
			int digits = 0, leading = 1;
			for (size_t k = 0; k < n; k++) {
				if (buf[k] < '0' || buf[k] > '9')
					continue;
				leading = leading && buf[k] == '0';
				digits += !leading;
			}
			/* a whole number's trailing zeros are not significant */
			for (size_t k = n; strchr(buf, '.') == NULL && k-- > 1 && buf[k] == '0';)
				digits--;
			if (digits > 1) {
				snprintf(shorter, sizeof shorter, "%.*e", digits - 2, x);
				ck_assert_msg(strtod(shorter, NULL) != x, "%s vs %s", buf, shorter);
			}
		}
		x = x * 1.37 + 1e-3;
		if (x > 1e30)
			x = x / 7.3e29;
	}
}
END_TEST

/* The significant digits of a text opv_format_real() wrote ("-0.00125" and
 * "1.25e-03" both give "125"). */
static void significant_digits(const char *text, char *digits)
{
	const char *end = strchr(text, 'e');
	int n = 0, started = 0;

	if (end == NULL)
		end = text + strlen(text);
	for (const char *p = text; p < end; p++) {
		if (*p < '0' || *p > '9')
			continue;
		started = started || *p != '0';
		if (started)
			digits[n++] = *p;
	}
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
}

/* Against the definition: the digits are those of printf's correctly rounded
 * %.*e at the fewest digits that read back, found digit by digit, over
 * numbers of every size a table holds and the edges of the fast route. */
START_TEST(digits_are_the_nearest_of_the_fewest)
{
	uint64_t state = 88172645463325252u;
	int count = REDUCED_WORK() ? 20000 : 300000;

	for (int i = 0; i < count; i++) {
		char text[OPV_REAL_TEXT_SIZE], got[24], want[24], reference[40];
		double u, x;

		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		u = (double)(state >> 11) / 9007199254740992.0;
		switch (i % 4) {
		case 0: x = pow(10, -13 + 31 * u); break;          /* every magnitude, past both ends */
		case 1: x = (double)(state % 100000000) / 1000.0; break;
		case 2: x = 96000.0 * (double)(state % 1000000) / 17412345.0; break; /* quotas */
		default: x = (double)(state % 100000) * 0.01 + 0.005; break;         /* near halves */
		}
		opv_format_real(text, sizeof text, i % 2 ? -x : x);
		significant_digits(text, got);
		for (int digits = 1; digits <= 17; digits++) {
			snprintf(reference, sizeof reference, "%.*e", digits - 1, x);
			if (strtod(reference, NULL) == x || digits == 17)
				break;
		}
		significant_digits(reference, want);
		ck_assert_msg(strcmp(got, want) == 0, "%.17g: %s, expected the digits %s", x, text, want);
	}
}
END_TEST

/* A table of three columns (text, integer, real) and two rows. */
static opv_table *small_table(void)
{
	opv_table *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_table_new(&t, &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_column(t, "name", OPV_COLUMN_TEXT, &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_column(t, "seats", OPV_COLUMN_INTEGER, &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_column(t, "quota", OPV_COLUMN_REAL, &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_column(t, "ok", OPV_COLUMN_BOOLEAN, &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_row(t, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_text(t, 0, 0, "'s-Gravenhage, \"Den Haag\"", &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_integer(t, 0, 1, -12, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_real(t, 0, 2, 0.1, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_boolean(t, 0, 3, 7, &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_row(t, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_text(t, 1, 0, "Súdwest-Fryslân", &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_real(t, 1, 2, 1e16, &err), OPV_OK);
	return t;
}

/* The text `t` writes in `format`. */
static char *written(const opv_table *t, opv_table_format format)
{
	char *text = NULL;
	size_t len = 0;
	opv_error err = OPV_ERROR_INIT;
	FILE *memory = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(memory);
	ck_assert_msg(opv_table_write(t, format, memory, &err) == OPV_OK, "%s", err.message);
	fclose(memory);
	return text;
}

START_TEST(csv_quotes_only_what_needs_quotes)
{
	opv_table *t = small_table();
	char *text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "name,seats,quota,ok\n"
	                       "\"'s-Gravenhage, \"\"Den Haag\"\"\",-12,0.1,true\n"
	                       "Súdwest-Fryslân,,1e+16,\n");
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(csv_keeps_white_space_at_the_edges_in_quotes)
{
	opv_table *t = NULL;
	opv_table_new(&t, NULL);
	opv_table_add_column(t, "a b", OPV_COLUMN_TEXT, NULL);
	opv_table_add_column(t, "c", OPV_COLUMN_TEXT, NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_text(t, 0, 0, " lead", NULL);
	opv_table_set_text(t, 0, 1, "two\nlines", NULL);
	char *text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "a b,c\n\" lead\",\"two\nlines\"\n");
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(json_has_meta_notes_and_rows)
{
	opv_table *t = small_table();
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_table_set_meta_text(t, "command", "apportion", &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_integer(t, "total", 10, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_real(t, "share", 0.5, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_real(t, "whole", 3.0, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_boolean(t, "mapped", 0, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_text(t, "date", NULL, &err), OPV_OK);
	const char *inputs[] = { "--total", "a\"b" };
	ck_assert_int_eq(opv_table_set_meta_list(t, "inputs", inputs, 2, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_list(t, "empty", NULL, 0, &err), OPV_OK);
	ck_assert_int_eq(opv_table_set_meta_list(t, "bad", NULL, 1, &err), OPV_EINVAL);
	/* set again: keeps its place, takes the new value */
	ck_assert_int_eq(opv_table_set_meta_text(t, "command", "distribute", &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_note(t, "SES transform: \"rank\"", &err), OPV_OK);
	ck_assert_int_eq(opv_table_add_note(t, "tab\there", &err), OPV_OK);
	ck_assert_uint_eq(opv_table_notes(t), 2);
	ck_assert_str_eq(opv_table_note(t, 1), "tab\there");
	ck_assert_ptr_null(opv_table_note(t, 2));
	char *text = written(t, OPV_TABLE_JSON);
	ck_assert_str_eq(text,
	                 "{\"meta\": {\"command\":\"distribute\",\"total\":10,\"share\":0.5,"
	                 "\"whole\":3.0,\"mapped\":false,\"date\":null,"
	                 "\"inputs\":[\"--total\",\"a\\\"b\"],\"empty\":[],"
	                 "\"notes\":[\"SES transform: \\\"rank\\\"\",\"tab\\there\"]},\n"
	                 "\"rows\": [\n"
	                 "  {\"name\": \"'s-Gravenhage, \\\"Den Haag\\\"\", \"seats\": -12, \"quota\": 0.1, "
	                 "\"ok\": true},\n"
	                 "  {\"name\": \"Súdwest-Fryslân\", \"seats\": null, \"quota\": 1e+16, \"ok\": null}\n"
	                 "]}\n");
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(json_writes_whole_reals_with_a_point_and_nan_as_null)
{
	opv_table *t = NULL;
	opv_table_new(&t, NULL);
	opv_table_add_column(t, "x", OPV_COLUMN_REAL, NULL);
	opv_table_add_column(t, "c", OPV_COLUMN_TEXT, NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_real(t, 0, 0, 2.0, NULL);
	opv_table_set_text(t, 0, 1, "\x01/\\", NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_real(t, 1, 0, NAN, NULL);
	char *text = written(t, OPV_TABLE_JSON);
	ck_assert_str_eq(text, "{\"meta\": {\"notes\":[]},\n\"rows\": [\n"
	                       "  {\"x\": 2.0, \"c\": \"\\u0001/\\\\\"},\n"
	                       "  {\"x\": null, \"c\": null}\n]}\n");
	free(text);
	text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "x,c\n2,\x01/\\\nnan,\n");
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(an_empty_table_is_a_header_or_an_empty_array)
{
	opv_table *t = NULL;
	opv_table_new(&t, NULL);
	char *text = written(t, OPV_TABLE_JSON);
	ck_assert_str_eq(text, "{\"meta\": {\"notes\":[]}, \"rows\": []}\n");
	free(text);
	text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "\n");
	free(text);
	opv_table_add_column(t, "a", OPV_COLUMN_INTEGER, NULL);
	text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "a\n");
	free(text);
	text = written(t, OPV_TABLE_TEXT);
	ck_assert_str_eq(text, "a\n-\n");
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(text_table_aligns_by_code_points)
{
	opv_table *t = small_table();
	char *text = written(t, OPV_TABLE_TEXT);
	/* name is 25 code points wide ('s-Gravenhage, "Den Haag"), Súdwest-Fryslân 15;
	 * the last line ends at 1e+16: its "ok" is empty, and no blanks trail */
	ck_assert_str_eq(text,
	                 "name                       seats  quota  ok\n"
	                 "-------------------------  -----  -----  ----\n"
	                 "'s-Gravenhage, \"Den Haag\"    -12    0.1  true\n"
	                 "Súdwest-Fryslân                   1e+16\n");
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(text_table_escapes_every_header_and_trails_no_blanks)
{
	opv_table *t = NULL;
	char *text;

	opv_table_new(&t, NULL);
	/* ESC (0x1b) in a text column's name and in a number column's name */
	opv_table_add_column(t, "na\x1bme", OPV_COLUMN_TEXT, NULL);
	opv_table_add_column(t, "re\x1b" "al", OPV_COLUMN_REAL, NULL);
	opv_table_add_column(t, "n", OPV_COLUMN_INTEGER, NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_text(t, 0, 0, "x", NULL);
	opv_table_set_real(t, 0, 1, 2.5, NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_text(t, 1, 0, "y", NULL);
	opv_table_set_integer(t, 1, 2, 7, NULL);
	text = written(t, OPV_TABLE_TEXT);
	/* both names 8 wide (\x1b counts 4); row 0's right-aligned last cell is
	 * empty, so its line ends at 2.5; row 1's 7 sits under n */
	ck_assert_str_eq(text,
	                 "na\\x1bme  re\\x1bal  n\n"
	                 "--------  --------  -\n"
	                 "x" "              " "2.5\n"
	                 "y" "                   " "7\n");
	ck_assert_ptr_null(strchr(text, '\x1b'));
	free(text);
	opv_table_free(t);
}
END_TEST

START_TEST(text_table_rounds_reals_to_the_decimals_asked)
{
	opv_table *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	opv_table_new(&t, NULL);
	opv_table_add_column(t, "a", OPV_COLUMN_REAL, NULL);
	opv_table_add_column(t, "b", OPV_COLUMN_REAL, NULL);
	opv_table_add_column(t, "n", OPV_COLUMN_INTEGER, NULL);
	double a[] = { 1.0 / 3.0, 1.5, -0.0004 };
	double b[] = { 2.0, 12.0, 1e22 };
	for (int i = 0; i < 3; i++) {
		opv_table_add_row(t, NULL);
		opv_table_set_real(t, (size_t)i, 0, a[i], NULL);
		opv_table_set_real(t, (size_t)i, 1, b[i], NULL);
		opv_table_set_integer(t, (size_t)i, 2, 123456789, NULL);
	}
	ck_assert_int_eq(opv_table_set_decimals(t, 3, &err), OPV_OK);
	char *text = written(t, OPV_TABLE_TEXT);
	/* a: 1/3 needs 16 decimals, cut to 3; -0.0004 rounds to zero, unsigned.
	 * b: whole numbers need none; 1e22 is too long to spell out. */
	ck_assert_str_eq(text,
	                 "    a      b          n\n"
	                 "-----  -----  ---------\n"
	                 "0.333      2  123456789\n"
	                 "1.500     12  123456789\n"
	                 "0.000  1e+22  123456789\n");
	free(text);
	/* CSV keeps every digit */
	text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "a,b,n\n0.3333333333333333,2,123456789\n1.5,12,123456789\n"
	                       "-0.0004,1e+22,123456789\n");
	free(text);
	ck_assert_int_eq(opv_table_set_decimals(t, 18, &err), OPV_ERANGE);
	ck_assert_int_eq(opv_table_set_decimals(t, -2, &err), OPV_ERANGE);
	opv_table_free(t);
}
END_TEST

START_TEST(hidden_columns_are_left_out_of_every_form)
{
	opv_table *t = small_table();
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_table_hide_column(t, 0, &err), OPV_OK);
	ck_assert_int_eq(opv_table_hide_column(t, 2, &err), OPV_OK);
	char *text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "seats,ok\n-12,true\n,\n");
	free(text);
	ck_assert_int_eq(opv_table_hide_column(t, 4, &err), OPV_EINVAL);
	opv_table_free(t);
}
END_TEST

START_TEST(bad_arguments_are_refused_and_change_nothing)
{
	opv_table *t = small_table();
	opv_error err = OPV_ERROR_INIT;
	opv_table_format format = OPV_TABLE_TEXT;

	ck_assert_int_eq(opv_table_new(NULL, &err), OPV_EINVAL);
	ck_assert_int_eq(opv_table_add_column(t, "late", OPV_COLUMN_TEXT, &err), OPV_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.message, "late"));
	ck_assert_uint_eq(opv_table_columns(t), 4);
	/* a cell of another kind, a row or column that does not exist */
	ck_assert_int_eq(opv_table_set_real(t, 0, 1, 1.0, &err), OPV_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.message, "'seats'"));
	ck_assert_int_eq(opv_table_set_integer(t, 2, 1, 1, &err), OPV_EINVAL);
	ck_assert_int_eq(opv_table_set_integer(t, 0, 4, 1, &err), OPV_EINVAL);
	ck_assert_int_eq(opv_table_set_text(t, 0, 0, NULL, &err), OPV_EINVAL);
	/* text that is not UTF-8: a lone continuation byte, an overlong slash */
	ck_assert_int_eq(opv_table_set_text(t, 0, 0, "a\x80", &err), OPV_EPARSE);
	ck_assert_int_eq(opv_table_set_text(t, 0, 0, "\xC0\xAF", &err), OPV_EPARSE);
	ck_assert_int_eq(opv_table_set_text(t, 0, 0, "\xED\xA0\x80", &err), OPV_EPARSE); /* surrogate */
	ck_assert_int_eq(opv_table_add_note(t, "\xFF", &err), OPV_EPARSE);
	ck_assert_int_eq(opv_table_set_meta_text(t, "k", "\xFE", &err), OPV_EPARSE);
	ck_assert_int_eq(opv_table_set_meta_integer(t, "notes", 1, &err), OPV_EINVAL);
	ck_assert_int_eq(opv_table_set_meta_integer(t, NULL, 1, &err), OPV_EINVAL);
	char *text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "name,seats,quota,ok\n"
	                       "\"'s-Gravenhage, \"\"Den Haag\"\"\",-12,0.1,true\n"
	                       "Súdwest-Fryslân,,1e+16,\n");
	free(text);
	ck_assert_int_eq(opv_table_format_from_name(&format, "xml", &err), OPV_ENOTFOUND);
	ck_assert_int_eq(format, OPV_TABLE_TEXT);
	ck_assert_ptr_nonnull(strstr(err.message, "xml"));
	ck_assert_int_eq(opv_table_format_from_name(&format, "json", &err), OPV_OK);
	ck_assert_int_eq(format, OPV_TABLE_JSON);
	ck_assert_str_eq(opv_table_format_name(OPV_TABLE_TEXT), "table");
	ck_assert_ptr_null(opv_table_format_name((opv_table_format)7));
	ck_assert_int_eq(opv_table_write(t, (opv_table_format)7, stdout, &err), OPV_EINVAL);
	ck_assert_int_eq(opv_table_write(NULL, OPV_TABLE_CSV, stdout, &err), OPV_EINVAL);
	ck_assert_int_eq(opv_table_add_column(t, "x", (opv_column_kind)9, &err), OPV_EINVAL);
	ck_assert_uint_eq(opv_table_rows(NULL), 0);
	opv_table_free(t);
	opv_table_free(NULL);
}
END_TEST

/* The content of the file at `path`, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long len;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)len + 1);
	if (fread(text, 1, (size_t)len, f) != (size_t)len)
		ck_abort_msg("short read of %s", path);
	fclose(f);
	return text;
}

/* Entries in a directory, "." and ".." included. */
static int entries(const char *dir)
{
	char command[512];
	snprintf(command, sizeof command, "test $(ls -a '%s' | wc -l) -eq 3", dir);
	return system(command) == 0 ? 3 : -1;
}

START_TEST(write_file_replaces_the_file_whole_or_not_at_all)
{
	char dir[] = "/tmp/opv-table-XXXXXX", path[128], missing[160];
	opv_table *t = small_table();
	opv_error err = OPV_ERROR_INIT;
	char *text;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.csv", dir);
	FILE *f = fopen(path, "w");
	fputs("old\n", f);
	fclose(f);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, path, &err), OPV_OK);
	text = slurp(path);
	ck_assert_str_eq(text, "name,seats,quota,ok\n"
	                       "\"'s-Gravenhage, \"\"Den Haag\"\"\",-12,0.1,true\n"
	                       "Súdwest-Fryslân,,1e+16,\n");
	free(text);
	/* only out.csv: no temporary file is left beside it */
	ck_assert_int_eq(entries(dir), 3);

	/* a directory where the file should go: refused, nothing left behind */
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, dir, &err), OPV_EIO);
	ck_assert_ptr_nonnull(strstr(err.message, dir));
	snprintf(missing, sizeof missing, "%s/no/such/dir.csv", dir);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_JSON, missing, &err), OPV_EIO);
	ck_assert_ptr_nonnull(strstr(err.message, "no/such/dir.csv"));
	ck_assert_int_eq(entries(dir), 3);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, "", &err), OPV_EIO);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, NULL, &err), OPV_EINVAL);

	unlink(path);
	rmdir(dir);
	opv_table_free(t);
}
END_TEST

/* The mode bits of `path` (lstat: a link's own type shows). */
static mode_t lmode(const char *path)
{
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	return st.st_mode;
}

START_TEST(write_file_keeps_what_is_at_the_path)
{
	char dir[] = "/tmp/opv-table-XXXXXX", target[128], link[128], dangling[128], named[128];
	char priv[128], script[128];
	opv_table *t = small_table();
	opv_error err = OPV_ERROR_INIT;
	const char *expected = "name,seats,quota,ok\n"
	                       "\"'s-Gravenhage, \"\"Den Haag\"\"\",-12,0.1,true\n"
	                       "Súdwest-Fryslân,,1e+16,\n";
	char *text;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* a link: still a link, and the file it leads to has the table */
	snprintf(target, sizeof target, "%s/target.csv", dir);
	snprintf(link, sizeof link, "%s/link.csv", dir);
	f = fopen(target, "w");
	fputs("old\n", f);
	fclose(f);
	ck_assert_int_eq(symlink("target.csv", link), 0);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, link, &err), OPV_OK);
	ck_assert(S_ISLNK(lmode(link)));
	text = slurp(target);
	ck_assert_str_eq(text, expected);
	free(text);

	/* a dangling link: the file it names is made */
	snprintf(dangling, sizeof dangling, "%s/dangling.csv", dir);
	snprintf(named, sizeof named, "%s/named.csv", dir);
	ck_assert_int_eq(symlink("named.csv", dangling), 0);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, dangling, &err), OPV_OK);
	ck_assert(S_ISLNK(lmode(dangling)));
	text = slurp(named);
	ck_assert_str_eq(text, expected);
	free(text);

	/* permissions carry over: 0600 stays private, 0755 stays executable */
	snprintf(priv, sizeof priv, "%s/private.csv", dir);
	f = fopen(priv, "w");
	fclose(f);
	ck_assert_int_eq(chmod(priv, 0600), 0);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, priv, &err), OPV_OK);
	ck_assert_int_eq(lmode(priv) & 07777, 0600);
	ck_assert(S_ISREG(lmode(priv)));
	snprintf(script, sizeof script, "%s/script.csv", dir);
	f = fopen(script, "w");
	fclose(f);
	ck_assert_int_eq(chmod(script, 0755), 0);
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, script, &err), OPV_OK);
	ck_assert_int_eq(lmode(script) & 07777, 0755);
	text = slurp(script);
	ck_assert_str_eq(text, expected);
	free(text);
	/* no temporary file left: ., .., target, link, dangling, named, private, script */
	{
		char command[256];
		snprintf(command, sizeof command, "test $(ls -a '%s' | wc -l) -eq 8", dir);
		ck_assert_int_eq(system(command), 0);
	}

	/* a device is written into, not replaced by a file */
	ck_assert_int_eq(opv_table_write_file(t, OPV_TABLE_CSV, "/dev/null", &err), OPV_OK);
	ck_assert(S_ISCHR(lmode("/dev/null")));

	unlink(target);
	unlink(link);
	unlink(dangling);
	unlink(named);
	unlink(priv);
	unlink(script);
	rmdir(dir);
	opv_table_free(t);
}
END_TEST

START_TEST(a_full_disk_is_an_io_error)
{
	opv_table *t = small_table();
	opv_error err = OPV_ERROR_INIT;
	FILE *full = fopen("/dev/full", "w");
	if (full == NULL) {
		opv_table_free(t);
		return; /* no /dev/full on this system */
	}
	setvbuf(full, NULL, _IONBF, 0); /* so that the error shows at the write */
	ck_assert_int_eq(opv_table_write(t, OPV_TABLE_CSV, full, &err), OPV_EIO);
	ck_assert_ptr_nonnull(strstr(err.message, "No space"));
	ck_assert_int_eq(errno, ENOSPC);
	fclose(full);
	opv_table_free(t);
}
END_TEST

/* Every power of two against Python's repr (tests/data/powers_of_two.txt and
 * its generator): below a power of two the doubles are twice as dense, and
 * the nearest 16-digit decimal may not read back where the next one up does. */
START_TEST(powers_of_two_print_as_python_repr_does)
{
	FILE *f = fopen(OPV_TEST_DIR "/data/powers_of_two.txt", "r");
	char expected[64];
	char negative[65];
	int k;
	int lines = 0;

	ck_assert_ptr_nonnull(f);
	while (fscanf(f, "%d %63s", &k, expected) == 2) {
		double value = ldexp(1.0, k);

		ck_assert_msg(strcmp(real_text(value), expected) == 0, "2^%d: %s, expected %s", k,
		              real_text(value), expected);
		snprintf(negative, sizeof negative, "-%s", expected);
		ck_assert_str_eq(real_text(-value), negative);
		if (k == -24)
			ck_assert_str_eq(expected, "5.960464477539063e-08");
		lines++;
	}
	fclose(f);
	ck_assert_int_eq(lines, 2098);  /* 2^-1074 .. 2^1023 */
}
END_TEST

/* Puts LC_NUMERIC in a locale whose decimal point is a comma: one the system
 * has, or else one made with localedef (Debian: package locales) in a
 * directory of its own, which LOCPATH points setlocale at.  Returns 0 when
 * neither works. */
static int use_comma_locale(void)
{
	static const char *const names[] = { "nl_NL.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8",
		                              "nl_NL.ISO-8859-1" };
	char dir[] = "/tmp/opvang-locale-XXXXXX";
	char command[256];
	int made;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			return 1;
	if (mkdtemp(dir) == NULL)
		return 0;
	/* ISO-8859-1: its character map compiles in a second, UTF-8's in several */
	snprintf(command, sizeof command,
	         "localedef -i nl_NL -f ISO-8859-1 -c %s/nl_NL.ISO-8859-1 >/dev/null 2>&1", dir);
	if (system(command) != 0)
		return 0;
	setenv("LOCPATH", dir, 1);
	made = setlocale(LC_NUMERIC, "nl_NL.ISO-8859-1") != NULL;
	/* setlocale has read it: the files can go */
	snprintf(command, sizeof command, "rm -rf %s", dir);
	if (system(command) != 0)
		made = 0;
	return made;
}

START_TEST(numbers_take_a_point_whatever_the_locale)
{
	opv_table *t = NULL;
	char *text;
	char probe[16];

	if (!use_comma_locale()) {
		fprintf(stderr, "numbers_take_a_point_whatever_the_locale: skipped, no locale with a "
		                "decimal comma and no localedef (Debian: package locales)\n");
		return;
	}
	/* the locale really writes a comma, so the checks below mean something */
	snprintf(probe, sizeof probe, "%.1f", 2.5);
	ck_assert_str_eq(probe, "2,5");

	/* 1e300 and 5e-324 (a subnormal) take the printf route, 2.5 the fast one */
	ck_assert_str_eq(real_text(1e300), "1e+300");
	ck_assert_str_eq(real_text(5e-324), "5e-324");
	ck_assert_str_eq(real_text(2.5), "2.5");
	ck_assert_str_eq(real_text(1.7976931348623157e308), "1.7976931348623157e+308");

	opv_table_new(&t, NULL);
	opv_table_add_column(t, "x", OPV_COLUMN_REAL, NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_real(t, 0, 0, 2.25, NULL);
	opv_table_add_row(t, NULL);
	opv_table_set_real(t, 1, 0, 1e300, NULL);
	text = written(t, OPV_TABLE_CSV);
	ck_assert_str_eq(text, "x\n2.25\n1e+300\n");
	free(text);
	text = written(t, OPV_TABLE_JSON);
	ck_assert_ptr_nonnull(strstr(text, "2.25"));
	ck_assert_ptr_null(strstr(text, "2,25"));
	free(text);
	ck_assert_int_eq(opv_table_set_decimals(t, 2, NULL), OPV_OK);
	text = written(t, OPV_TABLE_TEXT);
	ck_assert_str_eq(text, "     x\n------\n  2.25\n1e+300\n");
	free(text);
	opv_table_free(t);

	/* and the program's locale is as it was */
	snprintf(probe, sizeof probe, "%.1f", 2.5);
	ck_assert_str_eq(probe, "2,5");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");
	/* 300,000 reals against printf digit by digit take two seconds alone,
	 * more than Check's 4 on a machine busy with other work */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reals_print_in_their_shortest_round_trip_form);
	tcase_add_test(tc, format_real_reports_the_full_length_and_cuts);
	tcase_add_test(tc, every_real_reads_back_as_itself);
	tcase_add_test(tc, digits_are_the_nearest_of_the_fewest);
	tcase_add_test(tc, csv_quotes_only_what_needs_quotes);
	tcase_add_test(tc, csv_keeps_white_space_at_the_edges_in_quotes);
	tcase_add_test(tc, json_has_meta_notes_and_rows);
	tcase_add_test(tc, json_writes_whole_reals_with_a_point_and_nan_as_null);
	tcase_add_test(tc, an_empty_table_is_a_header_or_an_empty_array);
	tcase_add_test(tc, text_table_aligns_by_code_points);
	tcase_add_test(tc, text_table_escapes_every_header_and_trails_no_blanks);
	tcase_add_test(tc, text_table_rounds_reals_to_the_decimals_asked);
	tcase_add_test(tc, hidden_columns_are_left_out_of_every_form);
	tcase_add_test(tc, bad_arguments_are_refused_and_change_nothing);
	tcase_add_test(tc, write_file_replaces_the_file_whole_or_not_at_all);
	tcase_add_test(tc, write_file_keeps_what_is_at_the_path);
	tcase_add_test(tc, a_full_disk_is_an_io_error);
	tcase_add_test(tc, powers_of_two_print_as_python_repr_does);
	suite_add_tcase(s, tc);
	/* its own case: making a locale with localedef may take a second or two */
	tc = tcase_create("locale");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, numbers_take_a_point_whatever_the_locale);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
