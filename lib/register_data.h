/* SPDX-License-Identifier: EUPL-1.2 */
/* The embedded registers and mergers, generated at build time by
 * data/gen_register.py from the CBS tables in data/.  Internal. */
#ifndef OPV_LIB_REGISTER_DATA_H
#define OPV_LIB_REGISTER_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "opvang/register.h"

struct opv__embedded_row {
	const char *code, *name, *province_code, *province;
	int64_t population;
};

struct opv__embedded_register {
	const char *reference_date;  /* "YYYY-MM-DD" */
	const char *source;          /* the CBS table it comes from */
	size_t count;
	const struct opv__embedded_row *rows;
};


extern const struct opv__embedded_register opv__embedded_registers[];
extern const size_t opv__embedded_register_count;
extern const opv_merger opv__embedded_mergers[];
extern const size_t opv__embedded_merger_count;

#endif
