/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/date.h
 * @brief Calendar dates as day numbers (proleptic Gregorian calendar).
 */
#ifndef OPVANG_DATE_H
#define OPVANG_DATE_H

#include "opvang/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Days since 1970-01-01 (negative before). */
typedef int32_t opv_day;

/** Room for "YYYY-MM-DD" and its NUL. */
#define OPV_DATE_TEXT_SIZE 11

/**
 * Parses "YYYY-MM-DD" strictly: four-digit year 1900..9999, two-digit month
 * and day, a day that exists (2026-02-30 does not; 2024-02-29 does).
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_EPARSE (not YYYY-MM-DD, or
 *   not a day of the calendar) or OPV_ERANGE (before 1900-01-01); the message
 *   names the text and, for a day out of range, the range.
 */
OPV_EXTERN(int) opv_date_parse(opv_day *day, const char *text, opv_error *err);

/** Writes "YYYY-MM-DD" (at least OPV_DATE_TEXT_SIZE bytes); OPV_EINVAL for a
 *  short buffer or a day outside the years 1900..9999. */
OPV_EXTERN(int) opv_date_format(char *buf, size_t size, opv_day day, opv_error *err);

/**
 * The same month and day `years` later (or earlier when negative); 29
 * February in a year without one becomes 1 March.  Defined for every day and
 * every number of years: a result beyond the range of opv_day is INT32_MAX
 * (or INT32_MIN when earlier).
 */
OPV_EXTERN(opv_day) opv_date_add_years(opv_day day, int years);

/** Steps of a series of days. */
typedef enum opv_every {
	OPV_EVERY_WEEK = 0,   /**< "week": every 7 days from the first day */
	OPV_EVERY_MONTH = 1   /**< "month": the 1st of every month */
} opv_every;

/** "week", "month", or NULL. */
OPV_EXTERN(const char *) opv_every_name(opv_every every);

/** Looks a step up by name; OPV_ENOTFOUND lists the names. */
OPV_EXTERN(int) opv_every_from_name(opv_every *every, const char *name, opv_error *err);

/** Most days in one series. */
#define OPV_DATE_SERIES_MAX 100000

/**
 * The days of a series from `from` to `to`, both included: `from`, from + 7,
 * ... for weeks; the 1st of every month on or after `from` for months.
 *
 * @param days      out: room for `capacity` days; NULL with capacity 0 to
 *                  count them only.
 * @param count     out: the number of days in the series (even when more
 *                  than capacity: then only the first `capacity` are written).
 * @return OPV_OK, OPV_EINVAL (NULL count, `to` before `from`, an unknown
 *   step) or OPV_ERANGE (`from` or `to` outside the years 1900..9999, more
 *   than OPV_DATE_SERIES_MAX days).
 */
OPV_EXTERN(int) opv_date_series(opv_day *days, size_t capacity, size_t *count, opv_day from,
                                opv_day to, opv_every every, opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
