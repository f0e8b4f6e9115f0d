/* SPDX-License-Identifier: EUPL-1.2 */
/* Numbers in the C locale (c_locale.h). */
#include "c_locale.h"

#include <pthread.h>

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

/* Made once and never freed: every thread may be using it. */
static void make_c_locale(void)
{
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

locale_t opv__c_numbers_begin(void)
{
	pthread_once(&c_locale_once, make_c_locale);
	if (c_locale == (locale_t)0)
		return (locale_t)0;
	return uselocale(c_locale);
}

void opv__c_numbers_end(locale_t previous)
{
	if (previous != (locale_t)0)
		uselocale(previous);
}
