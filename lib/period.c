/* SPDX-License-Identifier: EUPL-1.2 */
/* Calendar half-years ("2025-H2"). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "opvang/housing.h"
#include "date_internal.h"
#include "error.h"

static int valid(opv_period p)
{
	return p.year >= 1900 && p.year <= 9999 && (p.half == 1 || p.half == 2);
}

int opv_period_parse(opv_period *period, const char *text, opv_error *err)
{
	opv_period p;
	int i;
	if (!period || !text)
		return opv__fail(err, OPV_EINVAL, "period or its text is NULL");
	for (i = 0; i < 4; i++)
		if (text[i] < '0' || text[i] > '9')
			break;
	if (i != 4 || text[4] != '-' || text[5] != 'H' || (text[6] != '1' && text[6] != '2') ||
	    text[7] != '\0' || text[0] == '0')
		return opv__fail(err, OPV_EPARSE,
		                 "'%.32s' is not a half-year like 2025-H1 or 2025-H2", text);
	p.year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
	         (text[3] - '0');
	p.half = text[6] - '0';
	if (!valid(p))
		return opv__fail(err, OPV_EPARSE, "'%.32s': years run from 1900 to 9999", text);
	*period = p; /* only on success: outputs stay untouched on failure */
	return OPV_OK;
}

int opv_period_format(char *buf, size_t size, opv_period period, opv_error *err)
{
	if (!buf || size < OPV_PERIOD_TEXT_SIZE)
		return opv__fail(err, OPV_EINVAL, "a period needs a buffer of %d bytes",
		                 OPV_PERIOD_TEXT_SIZE);
	if (!valid(period))
		return opv__fail(err, OPV_EINVAL, "year %d half %d is not a half-year", period.year,
		                 period.half);
	snprintf(buf, size, "%04d-H%d", period.year, period.half);
	return OPV_OK;
}

opv_period opv_period_next(opv_period period)
{
	if (period.half == 2 && period.year == INT_MAX)
		return period; /* no year after it: year + 1 would overflow */
	if (period.half == 2) {
		period.year++;
		period.half = 1;
	} else {
		period.half = 2;
	}
	return period;
}

int opv_period_compare(opv_period a, opv_period b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	return (a.half > b.half) - (a.half < b.half);
}

int opv_period_reference_date(char *buf, size_t size, opv_period period, opv_error *err)
{
	if (!buf || size < 11)
		return opv__fail(err, OPV_EINVAL, "a date needs a buffer of 11 bytes");
	if (!valid(period))
		return opv__fail(err, OPV_EINVAL, "year %d half %d is not a half-year", period.year,
		                 period.half);
	snprintf(buf, size, "%04d-01-01", period.year - 1);
	return OPV_OK;
}

int opv_period_register(opv_register **out, opv_period period, opv_error *err)
{
	char date[16], name[OPV_PERIOD_TEXT_SIZE];
	opv_error why = OPV_ERROR_INIT;
	int rc;
	if (!out)
		return opv__fail(err, OPV_EINVAL, "output pointer is NULL");
	rc = opv_period_reference_date(date, sizeof date, period, err);
	if (rc)
		return rc;
	rc = opv_register_embedded(out, date, &why);
	if (rc == OPV_ENOTFOUND) {
		opv_period_format(name, sizeof name, period, NULL);
		return opv__fail(err, rc, "%s uses the population of %s (1 January of the year "
		                 "before): %s", name, date, why.message);
	}
	if (rc)
		return opv__fail(err, rc, "%s", why.message);
	return OPV_OK;
}

opv_period opv__period_of_day(opv_day day)
{
	int y, m, d;
	opv__civil(day, &y, &m, &d);
	return (opv_period){ y, m <= 6 ? 1 : 2 };
}

opv_day opv__period_first_day(opv_period period)
{
	return opv__civil_day(period.year, period.half == 1 ? 1 : 7, 1);
}
