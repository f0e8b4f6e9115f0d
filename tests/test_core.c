/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdio.h>

#include "testutil.h"

START_TEST(status_codes_are_stable)
{
	/* The numeric values are part of the ABI (docs/ABI.md). */
	ck_assert_int_eq(OPV_OK, 0);
	ck_assert_int_eq(OPV_EINVAL, -1);
	ck_assert_int_eq(OPV_ENOMEM, -2);
	ck_assert_int_eq(OPV_EIO, -3);
	ck_assert_int_eq(OPV_EPARSE, -4);
	ck_assert_int_eq(OPV_ERANGE, -5);
	ck_assert_int_eq(OPV_ENOTFOUND, -6);
	ck_assert_int_eq(OPV_EDUPLICATE, -7);
	ck_assert_int_eq(OPV_ETIE, -8);
}
END_TEST

START_TEST(strerror_names_every_code)
{
	ck_assert_str_eq(opv_strerror(OPV_OK), "success");
	ck_assert_str_eq(opv_strerror(OPV_EINVAL), "invalid argument");
	ck_assert_str_eq(opv_strerror(OPV_ENOMEM), "out of memory");
	ck_assert_str_eq(opv_strerror(OPV_EIO), "input/output error");
	ck_assert_str_eq(opv_strerror(OPV_EPARSE), "parse error");
	ck_assert_str_eq(opv_strerror(OPV_ERANGE), "value out of range");
	ck_assert_str_eq(opv_strerror(OPV_ENOTFOUND), "not found");
	ck_assert_str_eq(opv_strerror(OPV_EDUPLICATE), "duplicate");
	ck_assert_str_eq(opv_strerror(OPV_ETIE), "unresolved tie");
	ck_assert_str_eq(opv_strerror(-99), "unknown status");
	ck_assert_str_eq(opv_strerror(1), "unknown status");
}
END_TEST

START_TEST(version_matches_headers)
{
	char expect[32];
	snprintf(expect, sizeof expect, "%d.%d.%d", OPV_VERSION_MAJOR, OPV_VERSION_MINOR,
	         OPV_VERSION_PATCH);
	ck_assert_str_eq(opv_version(), expect);
	ck_assert_str_eq(opv_version(), OPV_VERSION_STRING);
	ck_assert_str_eq(opv_version(), "1.1.0");
	ck_assert_int_eq(opv_version_number(), 10100);  /* 1.1.0 */
	ck_assert_int_eq(OPV_VERSION_NUMBER, 10100);
}
END_TEST

START_TEST(error_clear_resets_and_accepts_null)
{
	opv_error err = { OPV_EIO, 3, 4, "x" };
	opv_error_clear(&err);
	ck_assert_int_eq(err.code, OPV_OK);
	ck_assert_int_eq(err.line, 0);
	ck_assert_int_eq(err.column, 0);
	ck_assert_str_eq(err.message, "");
	opv_error_clear(NULL);
}
END_TEST

START_TEST(long_messages_are_cut_not_overflowed)
{
	char name[2000];
	opv_method m;
	opv_error err = OPV_ERROR_INIT;
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	ck_assert_int_eq(opv_method_from_name(&m, name, &err), OPV_ENOTFOUND);
	ck_assert_uint_lt(strlen(err.message), OPV_ERROR_MESSAGE_SIZE);
	ck_assert_ptr_nonnull(strstr(err.message, "xxxx"));
}
END_TEST

START_TEST(null_error_record_is_allowed)
{
	opv_method m;
	ck_assert_int_eq(opv_method_from_name(&m, "nope", NULL), OPV_ENOTFOUND);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, status_codes_are_stable);
	tcase_add_test(tc, strerror_names_every_code);
	tcase_add_test(tc, version_matches_headers);
	tcase_add_test(tc, error_clear_resets_and_accepts_null);
	tcase_add_test(tc, long_messages_are_cut_not_overflowed);
	tcase_add_test(tc, null_error_record_is_allowed);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
