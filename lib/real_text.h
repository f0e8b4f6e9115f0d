/* SPDX-License-Identifier: EUPL-1.2 */
/* Numbers as text, for the table writer.  Internal. */
#ifndef OPV_LIB_REAL_TEXT_H
#define OPV_LIB_REAL_TEXT_H

#include <stdint.h>

#include "opvang/io.h"

/* Most significant digits a double needs to read back as itself. */
#define OPV_REAL_DIGITS_MAX 17

/*
 * The shortest digits that read back as the finite, nonzero `value`:
 * "1", "15", "30000000000000004" (no sign, no trailing zeros), and the
 * decimal exponent of the first.  Returns the count of digits.
 */
int opv__real_digits(double value, char digits[OPV_REAL_DIGITS_MAX + 1], int *exponent);

/* Room for any int64_t in decimal, with its sign. */
#define OPV_INTEGER_TEXT_SIZE 21

/* Writes `value` in decimal so that it ends just before `end`; returns its
 * first character.  No NUL is written. */
char *opv__format_integer(char *end, int64_t value);

#endif
