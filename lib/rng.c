/* SPDX-License-Identifier: EUPL-1.2 */
#include "rng.h"

#define PHILOX_M0 UINT32_C(0xD2511F53)
#define PHILOX_M1 UINT32_C(0xCD9E8D57)
#define PHILOX_W0 UINT32_C(0x9E3779B9)
#define PHILOX_W1 UINT32_C(0xBB67AE85)

void opv__philox4x32_10(uint32_t out[4], const uint32_t ctr[4], const uint32_t key[2])
{
	uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
	uint32_t k0 = key[0], k1 = key[1];
	int round;
	for (round = 0; round < 10; round++) {
		uint64_t p0 = (uint64_t)PHILOX_M0 * c0;
		uint64_t p1 = (uint64_t)PHILOX_M1 * c2;
		uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
		uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
		c1 = (uint32_t)p1;
		c3 = (uint32_t)p0;
		c0 = n0;
		c2 = n2;
		k0 += PHILOX_W0;
		k1 += PHILOX_W1;
	}
	out[0] = c0;
	out[1] = c1;
	out[2] = c2;
	out[3] = c3;
}

void opv__random_words(uint32_t out[4], uint64_t seed, uint64_t run, uint64_t index)
{
	const uint32_t key[2] = { (uint32_t)seed, (uint32_t)(seed >> 32) };
	const uint32_t ctr[4] = { (uint32_t)index, (uint32_t)(index >> 32), (uint32_t)run,
	                          (uint32_t)(run >> 32) };
	opv__philox4x32_10(out, ctr, key);
}

/* (w + 0.5) / 2^32: strictly inside (0, 1), exact in double. */
static double unit(uint32_t w)
{
	return ((double)w + 0.5) * (1.0 / 4294967296.0);
}

double opv__standard_deviate(uint64_t seed, uint64_t run, uint64_t index)
{
	uint32_t w[4];
	opv__random_words(w, seed, run, index);
	/* Each uniform has variance 1/12; four have 1/3; times sqrt(3) gives 1. */
	return ((unit(w[0]) + unit(w[1])) + (unit(w[2]) + unit(w[3])) - 2.0) * 1.7320508075688772;
}

double opv__uniform(uint64_t seed, uint64_t run, uint64_t index)
{
	uint32_t w[4];
	opv__random_words(w, seed, run, index);
	return (double)w[0] * (1.0 / 4294967296.0);
}
