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
 * by digit.)
 */
#include "real_text.h"

#include <float.h>
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

int opv__real_digits(double value, char digits[OPV_REAL_DIGITS_MAX + 1], int *exponent)
{
	char text[40];
	int n = 0;
	/* A subnormal has fewer than 53 bits, so fewer than fifteen digits may
	 * not survive the trip: it takes the digit-by-digit search. */
	int first = fabs(value) < DBL_MIN ? 1 : 15;

	for (int precision = first; precision <= 17; precision++) {
		snprintf(text, sizeof text, "%.*e", precision - 1, value);
		if (precision == 17 || strtod(text, NULL) == value) {
			n = split_scientific(text, digits, exponent);
			break;
		}
	}
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
