/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Day numbers from civil dates and back, after Howard Hinnant's
 * days_from_civil / civil_from_days: exact integer arithmetic, no time zones,
 * no tables.
 */
#include <stdio.h>
#include <string.h>

#include "opvang/date.h"
#include "date_internal.h"
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

/* The day number of y-m-d in 64 bits: exact for any int year (|result| < 2^42). */
static int64_t civil_day64(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

opv_day opv__civil_day(int y, int m, int d)
{
	return (opv_day)civil_day64(y, m, d);
}

/* In 64 bits, so that every opv_day, INT32_MIN and INT32_MAX included, has
 * its year (about -5.9 million to 5.9 million), month and day. */
void opv__civil(opv_day day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + 719468, era, doe, yoe, doy, mp;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
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
		return opv__fail(err, OPV_EPARSE, "'%.32s' is not a date like 2026-03-30 (from 1900-01-01 "
		                 "to 9999-12-31)", text);
	/* A day first (the calendar's rules hold for any year), then its range. */
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return opv__fail(err, OPV_EPARSE, "'%.32s' is not a day of the calendar", text);
	if (y < 1900)
		return opv__fail(err, OPV_ERANGE, "'%.32s' is before 1900-01-01: dates run from "
		                 "1900-01-01 to 9999-12-31", text);
	*day = opv__civil_day(y, m, d);
	return OPV_OK;
}

int opv_date_format(char *buf, size_t size, opv_day day, opv_error *err)
{
	int y, m, d;
	if (!buf || size < OPV_DATE_TEXT_SIZE)
		return opv__fail(err, OPV_EINVAL, "a date needs a buffer of %d bytes", OPV_DATE_TEXT_SIZE);
	opv__civil(day, &y, &m, &d);
	if (y < 1900 || y > 9999)
		return opv__fail(err, OPV_EINVAL, "day %ld is outside the years 1900..9999", (long)day);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return OPV_OK;
}

int64_t opv__add_years64(opv_day day, int years)
{
	int y, m, d;
	int64_t year;
	opv__civil(day, &y, &m, &d);
	year = (int64_t)y + years; /* |year| < 2^32: no overflow in 64 bits */
	if (m == 2 && d == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
		m = 3;
		d = 1;
	}
	return civil_day64(year, m, d);
}

opv_day opv_date_add_years(opv_day day, int years)
{
	int64_t result = opv__add_years64(day, years);
	if (result > INT32_MAX)
		return INT32_MAX;
	if (result < INT32_MIN)
		return INT32_MIN;
	return (opv_day)result;
}

const char *opv_every_name(opv_every every)
{
	switch (every) {
	case OPV_EVERY_WEEK:
		return "week";
	case OPV_EVERY_MONTH:
		return "month";
	}
	return NULL;
}

int opv_every_from_name(opv_every *every, const char *name, opv_error *err)
{
	if (!every || !name)
		return opv__fail(err, OPV_EINVAL, "step or name is NULL");
	if (strcmp(name, "week") == 0)
		*every = OPV_EVERY_WEEK;
	else if (strcmp(name, "month") == 0)
		*every = OPV_EVERY_MONTH;
	else
		return opv__fail(err, OPV_ENOTFOUND, "unknown step '%.32s' (known: week, month)", name);
	return OPV_OK;
}

/* The 1st of the month after the one `day` is in. */
static opv_day next_first(opv_day day)
{
	int y, m, d;
	opv__civil(day, &y, &m, &d);
	return m == 12 ? opv__civil_day(y + 1, 1, 1) : opv__civil_day(y, m + 1, 1);
}

int opv_date_series(opv_day *days, size_t capacity, size_t *count, opv_day from, opv_day to,
                    opv_every every, opv_error *err)
{
	size_t n = 0;
	int64_t day;  /* a week past the last day may pass INT32_MAX */
	int y, m, d;
	if (!count || (capacity > 0 && !days))
		return opv__fail(err, OPV_EINVAL, "count or days is NULL");
	if (every != OPV_EVERY_WEEK && every != OPV_EVERY_MONTH)
		return opv__fail(err, OPV_EINVAL, "unknown step %d", (int)every);
	/* The calendar opv_date_parse() accepts; beyond it a step could wrap. */
	if (from < opv__civil_day(1900, 1, 1) || from > opv__civil_day(9999, 12, 31) ||
	    to < opv__civil_day(1900, 1, 1) || to > opv__civil_day(9999, 12, 31))
		return opv__fail(err, OPV_ERANGE, "a series runs from 1900-01-01 to 9999-12-31 at most, "
		                 "not from day %ld to day %ld", (long)from, (long)to);
	if (to < from) {
		char a[OPV_DATE_TEXT_SIZE], b[OPV_DATE_TEXT_SIZE];
		opv_date_format(a, sizeof a, from, NULL);
		opv_date_format(b, sizeof b, to, NULL);
		return opv__fail(err, OPV_EINVAL, "the series ends on %s, before it starts on %s", b, a);
	}
	opv__civil(from, &y, &m, &d);
	day = every == OPV_EVERY_WEEK || d == 1 ? from : next_first(from);
	if (every == OPV_EVERY_WEEK && ((int64_t)to - from) / 7 + 1 > OPV_DATE_SERIES_MAX)
		return opv__fail(err, OPV_ERANGE, "more than %d weeks", OPV_DATE_SERIES_MAX);
	/* Within 1900..9999 there are only 97,200 months, so this cannot fire
	 * today; it keeps the bound true should the range of days grow. */
	if (every == OPV_EVERY_MONTH) {
		int y2, m2, d2;
		opv__civil(to, &y2, &m2, &d2);
		if ((int64_t)(y2 - y) * 12 + (m2 - m) + 1 > OPV_DATE_SERIES_MAX)
			return opv__fail(err, OPV_ERANGE, "more than %d months", OPV_DATE_SERIES_MAX);
	}
	for (; day <= to; day = every == OPV_EVERY_WEEK ? day + 7 : next_first((opv_day)day)) {
		if (n < capacity)
			days[n] = (opv_day)day;
		n++;
	}
	*count = n;
	return OPV_OK;
}
