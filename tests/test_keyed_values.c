/* SPDX-License-Identifier: EUPL-1.2 */
#include <math.h>
#include <stdio.h>

#include "testutil.h"

static opv_keyed_values *parse(const char *text, const char *key, const char *value, unsigned flags,
                               opv_error *err)
{
	opv_keyed_values *kv = NULL;
	opv_keyed_values_parse_csv(&kv, text, strlen(text), "v.csv", key, value, flags, err);
	return kv;
}

START_TEST(reads_named_columns_in_any_order)
{
	opv_error err = OPV_ERROR_INIT;
	opv_keyed_values *kv = parse("note,weight,name\r\nx,1.5,\"A, B\"\r\n,2e3,C\r\n", "name",
	                             "weight", 0, &err);
	ck_assert_msg(kv != NULL, "%s", err.message);
	ck_assert_uint_eq(opv_keyed_values_count(kv), 2);
	ck_assert_str_eq(opv_keyed_values_key(kv, 0), "A, B");
	ck_assert_double_eq(opv_keyed_values_value(kv, 0), 1.5);
	ck_assert_str_eq(opv_keyed_values_key(kv, 1), "C");
	ck_assert_double_eq(opv_keyed_values_value(kv, 1), 2000.0);
	ck_assert_int_eq(opv_keyed_values_line(kv, 1), 3);
	ck_assert_str_eq(opv_keyed_values_source(kv), "v.csv");
	ck_assert_ptr_null(opv_keyed_values_key(kv, 2));
	ck_assert(isnan(opv_keyed_values_value(kv, 2)));
	opv_keyed_values_free(kv);
	opv_keyed_values_free(NULL);
}
END_TEST

START_TEST(line_numbers_follow_quoted_line_breaks)
{
	opv_error err = OPV_ERROR_INIT;
	opv_keyed_values *kv = parse("name,weight\n\"two\nlines\",1\nnext,x\n", "name", "weight", 0, &err);
	ck_assert_ptr_null(kv);
	ck_assert_int_eq(err.code, OPV_EPARSE);
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_eq(err.column, 2);
}
END_TEST

#define BAD(text, flags, code, needle, at_line)                                              \
	do {                                                                                    \
		opv_keyed_values *kv_ = (opv_keyed_values *)0x1;                                    \
		opv_error err_ = OPV_ERROR_INIT;                                                    \
		ck_assert_fails(opv_keyed_values_parse_csv(&kv_, text, strlen(text), "v.csv",       \
		                                           "code", "value", flags, &err_),          \
		                err_, code, needle);                                                \
		ck_assert_ptr_eq(kv_, (opv_keyed_values *)0x1);                                     \
		ck_assert_int_eq(err_.line, at_line);                                               \
	} while (0)

START_TEST(bad_tables)
{
	BAD("key,value\nA,1\n", 0, OPV_EPARSE, "v.csv:1: missing column 'code'", 1);
	BAD("code,value\nA,1\nB,2\nA,3\n", 0, OPV_EDUPLICATE, "v.csv:4: 'A' occurs twice (also on line 2)", 4);
	BAD("code,value\nA,-1\n", OPV_VALUES_NONNEGATIVE, OPV_ERANGE, "v.csv:2: column 'value': value is negative", 2);
	BAD("code,value\nA,1.5\n", OPV_VALUES_INTEGER, OPV_EPARSE, "'1.5' is not a whole number", 2);
	BAD("code,value\nA,9007199254740992\n", OPV_VALUES_INTEGER, OPV_ERANGE, "2^53", 2);
	BAD("code,value\nA,inf\n", 0, OPV_ERANGE, "'inf' is not a finite number", 2);
	/* 2^53 + 1 has no double: read as a real it would become 2^53 without a word. */
	BAD("code,value\nA,9007199254740993\n", 0, OPV_ERANGE,
	    "v.csv:2: column 'value': '9007199254740993' is a whole number that a double cannot hold "
	    "exactly (above 2^53 it would become 9007199254740992)", 2);
	BAD("code,value\nA,-0009007199254740993.00\n", 0, OPV_ERANGE, "cannot hold exactly", 2);
	BAD("code,value\nA,9.007199254740993e15\n", 0, OPV_ERANGE, "cannot hold exactly", 2);
	BAD("code,value\nA,9007199254740993e0\n", 0, OPV_ERANGE, "cannot hold exactly", 2);
	BAD("code,value\nA,1e999\n", 0, OPV_ERANGE, "not a finite number", 2);
	BAD("code,value\nA,\n", 0, OPV_EPARSE, "'' is not a number", 2);
	BAD("code,value\nA, 1 2\n", 0, OPV_EPARSE, "is not a number", 2);
	BAD("code,value\n,1\n", 0, OPV_EPARSE, "key is empty", 2);
	BAD("code,value\nA,1,2\n", 0, OPV_EPARSE, "row has 3 fields", 2);
}
END_TEST

START_TEST(a_wide_header_is_checked_once)
{
	/* 100,000 columns c0..c99999, then c5 again: sorted, not compared
	 * pairwise, so this costs milliseconds, not minutes.  The answer is the
	 * first repeat in header order and the column it repeats. */
	enum { WIDE = 100000 };
	char *text = malloc((size_t)WIDE * 8 + 64), *p = text;
	opv_keyed_values *kv = (opv_keyed_values *)0x1;
	opv_error err = OPV_ERROR_INIT;
	int i;
	for (i = 0; i < WIDE; i++)
		p += sprintf(p, "c%d,", i);
	p += sprintf(p, "c5,c7,c5\n");
	ck_assert_fails(opv_keyed_values_parse_csv(&kv, text, strlen(text), "w.csv", "c0", "c1", 0, &err),
	                err, OPV_EDUPLICATE, "w.csv:1: column 'c5' occurs twice (columns 6 and 100001)");
	ck_assert_int_eq(err.column, WIDE + 1);
	ck_assert_ptr_eq(kv, (opv_keyed_values *)0x1);
	free(text);
}
END_TEST

START_TEST(whole_numbers_a_double_holds_are_read)
{
	/* 2^53, 2^64 and 10^22 are doubles exactly; a fraction is rounded as any decimal is. */
	const char *text = "code,value\nA,9007199254740992\nB,18446744073709551616\n"
	                   "C,10000000000000000000000\nD,9007199254740993.5\nE,0.1\nF,1.8e19\n";
	opv_keyed_values *kv = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_keyed_values_parse_csv(&kv, text, strlen(text), "v.csv", "code", "value", 0,
	                                         &err) == OPV_OK, "%s", err.message);
	ck_assert_double_eq(opv_keyed_values_value(kv, 0), 9007199254740992.0);
	ck_assert_double_eq(opv_keyed_values_value(kv, 1), 18446744073709551616.0);
	ck_assert_double_eq(opv_keyed_values_value(kv, 2), 1e22);
	ck_assert_double_eq(opv_keyed_values_value(kv, 3), 9007199254740994.0);
	opv_keyed_values_free(kv);
}
END_TEST

START_TEST(a_header_alone_is_a_table_of_no_keys)
{
	opv_keyed_values *kv = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_keyed_values_parse_csv(&kv, "code,value\n", 11, "v.csv", "code", "value",
	                                            OPV_VALUES_INTEGER, &err), OPV_OK);
	ck_assert_int_eq(opv_keyed_values_count(kv), 0);
	ck_assert_ptr_null(opv_keyed_values_key(kv, 0));
	opv_keyed_values_free(kv);
}
END_TEST

START_TEST(signed_values_without_flags)
{
	opv_error err = OPV_ERROR_INIT;
	opv_keyed_values *kv = parse("code,value\nA,-12\nB,+3.25\n", "code", "value", 0, &err);
	ck_assert_ptr_nonnull(kv);
	ck_assert_double_eq(opv_keyed_values_value(kv, 0), -12.0);
	ck_assert_double_eq(opv_keyed_values_value(kv, 1), 3.25);
	opv_keyed_values_free(kv);
}
END_TEST

START_TEST(missing_file)
{
	opv_keyed_values *kv = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_fails(opv_keyed_values_load_csv(&kv, "/nonexistent/v.csv", "a", "b", 0, &err), err,
	                OPV_EIO, "/nonexistent/v.csv");
	ck_assert_fails(opv_keyed_values_load_csv(&kv, "/tmp", "a", "b", 0, &err), err, OPV_EIO,
	                "directory");
	ck_assert_fails(opv_keyed_values_load_csv(&kv, "x", NULL, "b", 0, &err), err, OPV_EINVAL, "NULL");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("keyed_values");
	TCase *tc = tcase_create("keyed_values");
	tcase_add_test(tc, reads_named_columns_in_any_order);
	tcase_add_test(tc, line_numbers_follow_quoted_line_breaks);
	tcase_add_test(tc, bad_tables);
	tcase_add_test(tc, a_wide_header_is_checked_once);
	tcase_add_test(tc, whole_numbers_a_double_holds_are_read);
	tcase_add_test(tc, a_header_alone_is_a_table_of_no_keys);
	tcase_add_test(tc, signed_values_without_flags);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
