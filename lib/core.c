/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/core.h"
#include "c_locale.h"
#include "error.h"

const char *opv_strerror(int code)
{
	switch (code) {
	case OPV_OK: return "success";
	case OPV_EINVAL: return "invalid argument";
	case OPV_ENOMEM: return "out of memory";
	case OPV_EIO: return "input/output error";
	case OPV_EPARSE: return "parse error";
	case OPV_ERANGE: return "value out of range";
	case OPV_ENOTFOUND: return "not found";
	case OPV_EDUPLICATE: return "duplicate";
	case OPV_ETIE: return "unresolved tie";
	case OPV_ECANCELLED: return "cancelled";
	default: return "unknown status";
	}
}

void opv_error_clear(opv_error *err)
{
	if (!err)
		return;
	err->code = OPV_OK;
	err->line = 0;
	err->column = 0;
	err->message[0] = '\0';
}

const char *opv_version(void)
{
	return OPV_VERSION_STRING;
}

int opv_version_number(void)
{
	return OPV_VERSION_NUMBER;
}

static int fail_v(opv_error *err, int code, long line, long column, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->column = column;
	{
		/* "weight 3 is negative (-0.5)", not "(-0,5)", whatever the program's locale */
		locale_t previous = opv__c_numbers_begin();
		int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
		opv__c_numbers_end(previous);
		if (n < 0 || !err->message[0])
			snprintf(err->message, sizeof err->message, "%s", opv_strerror(code));
	}
	return code;
}

int opv__fail(opv_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int opv__fail_at(opv_error *err, int code, long line, long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, line, column, fmt, ap);
	va_end(ap);
	return code;
}

const char *opv__number_text(char buf[OPV_NUMBER_TEXT_SIZE], double value)
{
	int digits;
	locale_t previous = opv__c_numbers_begin();
	/* glibc rounds correctly: the first precision that reads back is the shortest. */
	for (digits = 1; digits < 17; digits++) {
		snprintf(buf, OPV_NUMBER_TEXT_SIZE, "%.*g", digits, value);
		if (strtod(buf, NULL) == value)
			break;
	}
	if (digits == 17)
		snprintf(buf, OPV_NUMBER_TEXT_SIZE, "%.17g", value);
	opv__c_numbers_end(previous);
	return buf;
}
