/* SPDX-License-Identifier: EUPL-1.2 */
#include "opvang_selftest.h"

int opv_summarise(opv_distribution_summary *summary)
{
	return (int)summary->places;
}

int opv_population(const opv_municipality *m, opv_method method)
{
	return (int)m->population + (int)method;
}

#if CHANGE != 4
int opv_removable(void)
{
	return 0;
}
#endif

#if CHANGE == 5
int opv_added(void)
{
	return 1;
}
#endif
