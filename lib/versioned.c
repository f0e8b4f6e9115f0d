/* SPDX-License-Identifier: EUPL-1.2 */
/* Structs that may grow: see versioned.h. */
#include <string.h>

#include "error.h"
#include "versioned.h"

int opv__check_version(unsigned int version, unsigned int newest, const char *what,
                       opv_error *err)
{
	if (version >= 1 && version <= newest)
		return OPV_OK;
	if (newest == 1)
		return opv__fail(err, OPV_EINVAL, "%s version %u is not 1 (the only one this library knows)",
		                 what, version);
	return opv__fail(err, OPV_EINVAL, "%s version %u is not one of 1..%u", what, version, newest);
}

int opv__struct_init(void *out, const void *defaults, const size_t *sizes, unsigned int newest,
                     unsigned int version)
{
	if (!out || version < 1 || version > newest)
		return OPV_EINVAL;
	/* Every versioned struct starts with its `unsigned int version`. */
	memcpy(out, defaults, sizes[version]);
	memcpy(out, &version, sizeof version);
	return OPV_OK;
}

void opv__struct_copy(void *to, const void *from, const size_t *sizes, unsigned int version)
{
	/* The caller's version member stays as the caller set it. */
	memcpy((char *)to + sizeof version, (const char *)from + sizeof version,
	       sizes[version] - sizeof version);
}
