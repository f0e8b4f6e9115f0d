/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Numbers in the C locale, whatever locale the calling program chose.
 * Internal.
 *
 * printf's %e/%f/%g and strtod follow LC_NUMERIC: under nl_NL they write
 * and expect "1,5".  Every text the library writes or reads (CSV, JSON,
 * HTML, SVG, messages) uses a point, so each number conversion runs between
 * opv__c_numbers_begin() and opv__c_numbers_end().  uselocale() changes the
 * calling thread only, so other threads of the program keep their locale.
 */
#ifndef OPV_LIB_C_LOCALE_H
#define OPV_LIB_C_LOCALE_H

#include <locale.h>

/* Switches the calling thread to the C locale; returns what to hand to
 * opv__c_numbers_end().  If the C locale could not be made (out of memory
 * at the first call) the thread's locale stays as it is. */
locale_t opv__c_numbers_begin(void);

/* Restores the locale that opv__c_numbers_begin() returned. */
void opv__c_numbers_end(locale_t previous);

#endif
