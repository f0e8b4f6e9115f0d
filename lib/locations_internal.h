/* SPDX-License-Identifier: EUPL-1.2 */
/* What places.c needs to know about a locations table.  Internal. */
#ifndef OPV_LIB_LOCATIONS_INTERNAL_H
#define OPV_LIB_LOCATIONS_INTERNAL_H

#include "opvang/places.h"

/* The number of municipalities in the register the table was checked against. */
size_t opv__locations_register_count(const opv_locations *locations);

/*
 * The rows that are short, largest gap first, ties in row order: rows with
 * short_of[i] != 0, or, for a NULL short_of, rows with gap[i] > 0.  Writes
 * their numbers to order[0 .. *count).
 */
int opv__order_by_gap(size_t *order, size_t *count, const int64_t *gap,
                      const int64_t *short_of, size_t n, opv_error *err);

#endif
