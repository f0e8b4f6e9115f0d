/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The shortest round-trip text of a double, fast enough that writing a
 * million rows is not spent formatting numbers.
 *
 * glibc's printf rounds correctly, so the text of `value` at p significant
 * digits is the p-digit decimal nearest to it.  Fifteen digits (DBL_DIG) are
 * few enough that every 15-digit decimal survives the trip to a double and
 * back: if any text of 15 or fewer digits reads back as `value`, the 15-digit
 * rounding is that text padded with zeros, and dropping the zeros gives the
 * shortest.  Otherwise the shortest has 16 digits when the 16-digit rounding
 * reads back, and 17 (which always does) when not.  So at most three
 * conversions and two reads replace the seventeen of a digit-by-digit search,
 * and the digits are the same.  (Subnormals, with fewer bits, search digit
 * by digit.)  Most numbers skip even those: see the fast path below.
 *
 * One exception: at a power of two the doubles below are twice as dense as
 * those above, so the values that read back reach half as far below it.
 * The nearest 16-digit decimal may then lie below, out of reach, while the
 * next one up reads back (2^-24 is 5.9604644775390625e-08, and
 * 5.960464477539063e-08 reads back as it).  That one is then the only
 * 16-digit text that does, so it is taken before going to 17 digits.
 * Fifteen digits are spaced too widely for this to matter.
 */
#include "real_text.h"

#include "c_locale.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "d.ddddde±XX" at `precision` digits: its digits into `digits`, the decimal
 * exponent into `*exponent`; returns the count of digits. */
static int split_scientific(const char *text, char digits[OPV_REAL_DIGITS_MAX + 1], int *exponent)
{
	int n = 0;
	const char *p = text;

	if (*p == '-')
		p++;
	for (; *p != 'e'; p++) {
		if (*p != '.')
			digits[n++] = *p;
	}
	digits[n] = '\0';
	*exponent = atoi(p + 1);
	return n;
}

/* Whether the doubles just below `magnitude` are twice as dense as those
 * above it: a power of two above the smallest normal one. */
static int narrow_below(double magnitude)
{
	int binary_exponent;

	return magnitude > DBL_MIN && frexp(magnitude, &binary_exponent) == 0.5;
}

/* ---- the fast path ---------------------------------------------------------------

 * For most numbers a table holds (magnitudes 1e-11 to 1e16) the same digits
 * come without printf or strtod:
 *
 * - Seventeen digits.  |value| times 10^s (s from 0 to 27: exact in a long
 *   double of 64 bits, as 5^27 < 2^64) lands in [1e16, 1e17) after one
 *   rounding to 64 bits, an error below 2^-64 of it, so below 0.01.  Rounded
 *   to the nearest integer it gives the 17 correctly rounded digits unless
 *   its fraction lies within 0.01 of one half, which is left to printf.  The
 *   16 and 15 digit roundings come the same way from the product / 10 and
 *   / 100.
 * - Reading back.  A candidate of at most 15 or 16 digits M (below 2^53)
 *   times 10^E with |E| <= 22 converts to a double in one correctly rounded
 *   operation, M * 10^E or M / 10^-E (Clinger, PLDI 1990), so comparing that
 *   with the value says whether the candidate reads back, as strtod would.
 */

/* The fast path needs the product below rounded once, to long double.  With
 * FLT_EVAL_METHOD other than 0 (x87 code for 32-bit x86), double
 * expressions such as the read-back test are evaluated in long double and
 * rounded to double only when stored, so "mantissa * 10^E == magnitude" can
 * differ from what strtod says: the fast path is then left out. */
#if LDBL_MANT_DIG >= 64 && defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
#define FAST_PATH 1

/* 10^0 .. 10^27, exact in a long double of 64 bits (5^27 < 2^64), so the
 * literals convert without rounding. */
static const long double powers_of_ten_long[] = {
	1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L, 1e11L, 1e12L, 1e13L,
	1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L,
	1e27L
};

/* 10^0 .. 10^22, exact in a double. */
static const double powers_of_ten[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* The nearest integer to y >= 0, or -1 when y lies within 0.01 of a half. */
static long double round_clear(long double y)
{
	long double whole = floorl(y);
	long double fraction = y - whole;

	if (fabsl(fraction - 0.5L) < 0.01L)
		return -1;
	return fraction > 0.5L ? whole + 1 : whole;
}

/* 1 when mantissa * 10^exponent reads back as `magnitude`; -1 when the fast
 * test cannot say. */
static int reads_back(uint64_t mantissa, int exponent, double magnitude)
{
	if (mantissa > ((uint64_t)1 << 53) || exponent > 22 || exponent < -22)
		return -1;
	if (exponent >= 0)
		return (double)mantissa * powers_of_ten[exponent] == magnitude;
	return (double)mantissa / powers_of_ten[-exponent] == magnitude;
}

/* `mantissa`'s decimal digits into `digits` (no trailing zeros kept beyond
 * the first digit); returns their count. */
static int mantissa_digits(uint64_t mantissa, int count, char *digits)
{
	for (int i = count; i-- > 0;) {
		digits[i] = (char)('0' + mantissa % 10);
		mantissa /= 10;
	}
	while (count > 1 && digits[count - 1] == '0')
		count--;
	digits[count] = '\0';
	return count;
}

/* 1 when long double arithmetic really carries 64 bits.  Valgrind, for one,
 * runs it in double precision, and then the bound above does not hold. */
static int long_double_is_extended(void)
{
	volatile long double one = 1.0L;
	volatile long double tiny = 0x1p-60L;

	return one + tiny != one;
}

/* The shortest digits by the fast path, or 0 when it cannot decide. */
static int fast_digits(double value, char digits[OPV_REAL_DIGITS_MAX + 1], int *exponent)
{
	double magnitude = fabs(value);
	int e10;
	int scale;
	long double y;

	if (!(magnitude >= 1e-11 && magnitude < 1e16) || !long_double_is_extended())
		return 0;
	/* The decimal exponent, from log10 and checked against the product. */
	e10 = (int)floor(log10(magnitude));
	scale = 16 - e10;
	if (scale < 0 || scale > 27)
		return 0;
	y = (long double)magnitude * powers_of_ten_long[scale];
	if (y < 1e16L || y >= 1e17L)
		return 0; /* log10 was one off: printf decides */

	for (int count = 15; count <= 17; count++) {
		long double r = round_clear(y / (count == 17 ? 1 : count == 16 ? 10 : 100));
		uint64_t mantissa;
		int first;
		int back;

		if (r < 0)
			return 0;
		mantissa = (uint64_t)r;
		first = e10;
		if (mantissa >= (uint64_t)powers_of_ten[count]) {
			/* 9.99...95 rounded up to 10.00...0: one digit more at the front */
			mantissa /= 10;
			first++;
		}
		back = count == 17 ? 1 : reads_back(mantissa, first - (count - 1), magnitude);
		if (back == 0 && count == 16 && narrow_below(magnitude)) {
			/* the nearest fell below, out of reach: the next one up may read back */
			uint64_t up = mantissa + 1;
			int up_first = first;

			if (up == (uint64_t)powers_of_ten[16]) {
				up /= 10;
				up_first++;
			}
			back = reads_back(up, up_first - 15, magnitude);
			if (back > 0) {
				mantissa = up;
				first = up_first;
			}
		}
		if (back < 0)
			return 0;
		if (back) {
			*exponent = first;
			return mantissa_digits(mantissa, count, digits);
		}
	}
	return 0;
}
#else
#define FAST_PATH 0
#endif

/* Whether the 16 `digits` at `*exponent` plus one unit in their last place
 * read back as `magnitude`; if so they become those digits. */
static int next_up_reads_back(char digits[OPV_REAL_DIGITS_MAX + 1], int *exponent, double magnitude)
{
	char text[40];
	uint64_t up = strtoull(digits, NULL, 10) + 1;
	int first = *exponent;

	if (up == UINT64_C(10000000000000000)) {
		up /= 10;
		first++;
	}
	snprintf(text, sizeof text, "%" PRIu64 "e%d", up, first - 15);
	if (strtod(text, NULL) != magnitude)
		return 0;
	snprintf(digits, OPV_REAL_DIGITS_MAX + 1, "%" PRIu64, up);
	*exponent = first;
	return 1;
}

int opv__real_digits(double value, char digits[OPV_REAL_DIGITS_MAX + 1], int *exponent)
{
	char text[40];
	int n = 0;
	/* A subnormal has fewer than 53 bits, so fewer than fifteen digits may
	 * not survive the trip: it takes the digit-by-digit search. */
	int first = fabs(value) < DBL_MIN ? 1 : 15;
	locale_t previous;

#if FAST_PATH
	if ((n = fast_digits(value, digits, exponent)) > 0)
		return n;
#endif

	/* "%e" and strtod follow LC_NUMERIC: under nl_NL they would write and
	 * expect "1,5", and split_scientific reads a point. */
	previous = opv__c_numbers_begin();
	for (int precision = first; precision <= 17; precision++) {
		snprintf(text, sizeof text, "%.*e", precision - 1, value);
		if (precision == 17 || strtod(text, NULL) == value) {
			n = split_scientific(text, digits, exponent);
			break;
		}
		if (precision == 16 && narrow_below(fabs(value))) {
			n = split_scientific(text, digits, exponent);
			if (next_up_reads_back(digits, exponent, fabs(value)))
				break;
		}
	}
	opv__c_numbers_end(previous);
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	return n;
}

/* Appends `count` copies of `c`. */
static char *repeat(char *p, char c, int count)
{
	while (count-- > 0)
		*p++ = c;
	return p;
}

size_t opv_format_real(char *buf, size_t size, double value)
{
	char text[OPV_REAL_TEXT_SIZE];
	char digits[OPV_REAL_DIGITS_MAX + 1];
	char *p = text;
	int n;
	int exponent;
	size_t len;

	if (isnan(value)) {
		strcpy(text, "nan");
	} else if (isinf(value)) {
		strcpy(text, value < 0 ? "-inf" : "inf");
	} else if (value == 0) {
		strcpy(text, "0"); /* one zero: -0 reads as 0 everywhere */
	} else {
		n = opv__real_digits(value, digits, &exponent);
		if (value < 0)
			*p++ = '-';
		if (exponent < -4 || exponent >= 16) {
			/* d[.ddd]e±XX, as printf's %e writes it */
			*p++ = digits[0];
			if (n > 1) {
				*p++ = '.';
				memcpy(p, digits + 1, (size_t)n - 1);
				p += n - 1;
			}
			p += sprintf(p, "e%c%02d", exponent < 0 ? '-' : '+', abs(exponent));
		} else if (exponent < 0) {
			/* 0.000ddd */
			*p++ = '0';
			*p++ = '.';
			p = repeat(p, '0', -exponent - 1);
			memcpy(p, digits, (size_t)n);
			p += n;
		} else {
			/* ddd[000][.ddd] */
			int whole = exponent + 1;
			memcpy(p, digits, (size_t)(n < whole ? n : whole));
			p += n < whole ? n : whole;
			p = repeat(p, '0', whole - n);
			if (n > whole) {
				*p++ = '.';
				memcpy(p, digits + whole, (size_t)(n - whole));
				p += n - whole;
			}
		}
		*p = '\0';
	}

	len = strlen(text);
	if (buf != NULL && size > 0) {
		size_t copy = len < size ? len : size - 1;
		memcpy(buf, text, copy);
		buf[copy] = '\0';
	}
	return len;
}

char *opv__format_integer(char *end, int64_t value)
{
	/* Digits from the right; the magnitude as unsigned so that INT64_MIN works. */
	uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
	char *p = end;

	do {
		*--p = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude != 0);
	if (value < 0)
		*--p = '-';
	return p;
}
