/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Day numbers from civil dates and back, after Howard Hinnant's
 * days_from_civil / civil_from_days: exact integer arithmetic, no time zones,
 * no tables.
 */
#include <stdio.h>

#include "opvang/date.h"
#include "error.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static opv_day from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (opv_day)(era * 146097 + doe - 719468);
}

static void to_civil(opv_day z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n, int *value)
{
	int i;
	*value = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*value = *value * 10 + (s[i] - '0');
	}
	return 1;
}

int opv_date_parse(opv_day *day, const char *text, opv_error *err)
{
	int y, m, d;
	if (!day || !text)
		return opv__fail(err, OPV_EINVAL, "date or its text is NULL");
	if (!digits(text, 4, &y) || text[4] != '-' || !digits(text + 5, 2, &m) || text[7] != '-' ||
	    !digits(text + 8, 2, &d) || text[10] != '\0')
		return opv__fail(err, OPV_EPARSE, "'%.32s' is not a date like 2026-03-30", text);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return opv__fail(err, OPV_EPARSE, "'%.32s' is not a day of the calendar", text);
	*day = from_civil(y, m, d);
	return OPV_OK;
}

int opv_date_format(char *buf, size_t size, opv_day day, opv_error *err)
{
	int y, m, d;
	if (!buf || size < OPV_DATE_TEXT_SIZE)
		return opv__fail(err, OPV_EINVAL, "a date needs a buffer of %d bytes", OPV_DATE_TEXT_SIZE);
	to_civil(day, &y, &m, &d);
	if (y < 1900 || y > 9999)
		return opv__fail(err, OPV_EINVAL, "day %ld is outside the years 1900..9999", (long)day);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return OPV_OK;
}

opv_day opv_date_add_years(opv_day day, int years)
{
	int y, m, d;
	to_civil(day, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !is_leap(y))
		return from_civil(y, 3, 1);
	return from_civil(y, m, d);
}
