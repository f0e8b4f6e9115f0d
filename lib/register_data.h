/* SPDX-License-Identifier: EUPL-1.2 */
/* The embedded default register, generated at build time by
 * data/gen_register.py from data/gemeenten_2024.csv.  Internal. */
#ifndef OPV_LIB_REGISTER_DATA_H
#define OPV_LIB_REGISTER_DATA_H

#include <stddef.h>
#include <stdint.h>

struct opv__embedded_row {
	const char *code, *name, *province_code, *province;
	int64_t population;
};

extern const char opv__embedded_reference_date[];
extern const char opv__embedded_source[];
extern const size_t opv__embedded_count;
extern const struct opv__embedded_row opv__embedded_rows[];

#endif
