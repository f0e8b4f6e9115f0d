/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared helpers for the Check suites. */
#ifndef OPV_TESTUTIL_H
#define OPV_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "opvang.h"

/* Valgrind runs x87 long double arithmetic in double precision and range,
 * so a result that needs long double's wider exponent differs there. */
#if defined(__has_include)
#  if __has_include(<valgrind/valgrind.h>)
#    include <valgrind/valgrind.h>
#    define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#  endif
#endif
#ifndef UNDER_VALGRIND
#  define UNDER_VALGRIND() 0
#endif

/* Sanitized builds run several times slower; suites that scale their work
 * cut it there as under valgrind, and leave the full sizes to the plain build. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#  define OPV_TEST_SANITIZED 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#    define OPV_TEST_SANITIZED 1
#  endif
#endif
#ifndef OPV_TEST_SANITIZED
#  define OPV_TEST_SANITIZED 0
#endif
#define REDUCED_WORK() (UNDER_VALGRIND() || OPV_TEST_SANITIZED)

/* Outputs that a failing call must leave as they were: filled with
 * POISON_BYTE before the call, checked with untouched() after it. */
#define POISON_BYTE 0x5a
#define POISON(x) memset(&(x), POISON_BYTE, sizeof(x))

static inline int untouched(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;
	for (i = 0; i < n; i++)
		if (b[i] != POISON_BYTE)
			return 0;
	return 1;
}

/* A struct that carries its version (docs/ABI.md) is poisoned but for the
 * version, which the library must read; untouched_versioned() checks the rest. */
#define POISON_VERSIONED(x, v) (POISON(x), (x).version = (v))
#define untouched_versioned(x) \
	untouched((const char *)&(x) + sizeof (x).version, sizeof(x) - sizeof (x).version)

/* Asserts that a call failed with `code` and that its message contains `needle`. */
#define ck_assert_fails(call, err, want_code, needle)                                   \
	do {                                                                               \
		opv_error_clear(&(err));                                                       \
		int got_code_ = (call);                                                        \
		ck_assert_msg(got_code_ == (want_code), "expected %s (%d), got %d: %s",        \
		              opv_strerror(want_code), (int)(want_code), got_code_,            \
		              (err).message);                                                  \
		ck_assert_int_eq((err).code, (want_code));                                     \
		ck_assert_msg(strstr((err).message, (needle)) != NULL,                         \
		              "message '%s' does not mention '%s'", (err).message, (needle));   \
	} while (0)

/* Runs one suite; the XML log goes where CK_XML_LOG_FILE_NAME says. */
static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
