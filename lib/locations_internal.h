/* SPDX-License-Identifier: EUPL-1.2 */
/* What places.c needs to know about a locations table.  Internal. */
#ifndef OPV_LIB_LOCATIONS_INTERNAL_H
#define OPV_LIB_LOCATIONS_INTERNAL_H

#include "opvang/places.h"

/* The number of municipalities in the register the table was checked against. */
size_t opv__locations_register_count(const opv_locations *locations);

#endif
