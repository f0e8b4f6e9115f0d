/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared by the fuzz targets: a reader over the fuzzer's bytes and an
 * invariant check that crashes loudly, so the fuzzer records the input. */
#ifndef OPV_FUZZ_UTIL_H
#define OPV_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang.h"

#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                                   \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "invariant failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                       \
		}                                                                                  \
	} while (0)

/* An error must be negative, known, and carry a message. */
#define FUZZ_CHECK_ERROR(rc, err)                                                          \
	do {                                                                                   \
		FUZZ_CHECK((rc) < 0 && (rc) >= OPV_ETIE);                                          \
		FUZZ_CHECK((err).code == (rc));                                                    \
		FUZZ_CHECK((err).message[0] != '\0');                                              \
		FUZZ_CHECK(memchr((err).message, '\0', sizeof (err).message) != NULL);             \
	} while (0)

struct bytes {
	const uint8_t *p;
	size_t n;
};

static inline unsigned take_u8(struct bytes *b)
{
	if (!b->n)
		return 0;
	b->n--;
	return *b->p++;
}

static inline uint32_t take_u32(struct bytes *b)
{
	uint32_t v = 0;
	int i;
	for (i = 0; i < 4; i++)
		v = (v << 8) | take_u8(b);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
