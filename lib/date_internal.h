/* SPDX-License-Identifier: EUPL-1.2 */
/* Civil dates and half-years as day numbers.  Internal. */
#ifndef OPV_LIB_DATE_INTERNAL_H
#define OPV_LIB_DATE_INTERNAL_H

#include "opvang/date.h"
#include "opvang/housing.h"

/* The day number of year y, month m (1..12), day d: no checks. */
opv_day opv__civil_day(int y, int m, int d);

/* opv_date_add_years() without the saturation: exact for every day and
 * number of years, so that a comparison with it is never wrong. */
int64_t opv__add_years64(opv_day day, int years);

/* The year, month and day of a day number. */
void opv__civil(opv_day day, int *y, int *m, int *d);

/* The half-year a day falls in. */
opv_period opv__period_of_day(opv_day day);

/* The first day of a half-year: 1 January or 1 July. */
opv_day opv__period_first_day(opv_period period);

#endif
