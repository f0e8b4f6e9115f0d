/* SPDX-License-Identifier: EUPL-1.2 */
/* The municipal boundaries of the maps, generated at build time by
 * data/gen_boundaries.py from data/gemeenten_2025.geojson (CBS), projected to
 * RD New (EPSG:28992) by PROJ.  Internal. */
#ifndef OPV_LIB_BOUNDARIES_DATA_H
#define OPV_LIB_BOUNDARIES_DATA_H

#include <stddef.h>

struct opv__boundary {
	const char *code, *name;
	int box[4];        /* min x, min y, max x, max y, in SVG units of 100 m */
	const char *path;  /* SVG path data, y down */
};

/* Sorted by code. */
extern const struct opv__boundary opv__boundaries[];
extern const size_t opv__boundary_count;

#endif
