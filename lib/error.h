/* SPDX-License-Identifier: EUPL-1.2 */
/* Filling in an opv_error.  Internal. */
#ifndef OPV_LIB_ERROR_H
#define OPV_LIB_ERROR_H

#include "opvang/core.h"

#if defined(__GNUC__)
#  define OPV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define OPV_PRINTF(f, a)
#endif

/*
 * Records an error and returns `code`, so that a failure reads
 * `return opv__fail(err, OPV_EINVAL, "weight %zu is negative", i);`.
 * `err` may be NULL.  Messages longer than the record are cut, not overflowed.
 */
int opv__fail(opv_error *err, int code, const char *fmt, ...) OPV_PRINTF(3, 4);

/* As opv__fail, and also records the 1-based line and column (0 = unknown). */
int opv__fail_at(opv_error *err, int code, long line, long column,
                 const char *fmt, ...) OPV_PRINTF(5, 6);

/* Room for any double as opv__number_text() writes it. */
#define OPV_NUMBER_TEXT_SIZE 32

/*
 * The shortest text that reads back as `value` ("0.1", "1.0000000000000002"):
 * a number just outside a range is never shown as the bound it passed, as
 * %g would show 1 + 2^-52 as "1".  Returns buf.
 */
const char *opv__number_text(char buf[OPV_NUMBER_TEXT_SIZE], double value);

#endif
