/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel
 * random numbers: as easy as 1, 2, 3", SC'11).  A draw is a pure function of
 * (key, counter), so any run can be computed by any thread in any order.
 * The functions are inline: the projection calls them in its innermost loop.
 * Internal.
 */
#ifndef OPV_LIB_RNG_H
#define OPV_LIB_RNG_H

#include <stdint.h>

#define OPV_PHILOX_M0 UINT32_C(0xD2511F53)
#define OPV_PHILOX_M1 UINT32_C(0xCD9E8D57)
#define OPV_PHILOX_W0 UINT32_C(0x9E3779B9)
#define OPV_PHILOX_W1 UINT32_C(0xBB67AE85)

/* Four 32-bit words for the 128-bit counter `ctr` under the 64-bit key. */
static inline void opv__philox4x32_10(uint32_t out[4], const uint32_t ctr[4], const uint32_t key[2])
{
	uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
	uint32_t k0 = key[0], k1 = key[1];
	int round;
	for (round = 0; round < 10; round++) {
		uint64_t p0 = (uint64_t)OPV_PHILOX_M0 * c0;
		uint64_t p1 = (uint64_t)OPV_PHILOX_M1 * c2;
		uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
		uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
		c1 = (uint32_t)p1;
		c3 = (uint32_t)p0;
		c0 = n0;
		c2 = n2;
		k0 += OPV_PHILOX_W0;
		k1 += OPV_PHILOX_W1;
	}
	out[0] = c0;
	out[1] = c1;
	out[2] = c2;
	out[3] = c3;
}

/* The draw `index` of `run` under `seed`: key (seed), counter (index, run). */
static inline void opv__random_words(uint32_t out[4], uint64_t seed, uint64_t run, uint64_t index)
{
	const uint32_t key[2] = { (uint32_t)seed, (uint32_t)(seed >> 32) };
	const uint32_t ctr[4] = { (uint32_t)index, (uint32_t)(index >> 32), (uint32_t)run,
	                          (uint32_t)(run >> 32) };
	opv__philox4x32_10(out, ctr, key);
}

/* (h + 0.5) / 2^16 for the 16-bit half h: strictly inside (0, 1), exact. */
static inline double opv__unit16(uint32_t h)
{
	return ((double)h + 0.5) * (1.0 / 65536.0);
}

/*
 * Two deviates with mean 0 and variance 1 from one draw: each is the scaled
 * sum of four uniforms, taken from the 16-bit halves of two words (words 0
 * and 1 for the first, 2 and 3 for the second).  Only additions and
 * multiplications, so identical on every IEEE 754 machine.
 */
static inline void opv__deviate_pair(double z[2], uint64_t seed, uint64_t run, uint64_t index)
{
	uint32_t w[4];
	int i;
	opv__random_words(w, seed, run, index);
	for (i = 0; i < 2; i++) {
		uint32_t a = w[2 * i], b = w[2 * i + 1];
		/* Each uniform has variance 1/12; four have 1/3; times sqrt(3) gives 1. */
		z[i] = ((opv__unit16(a >> 16) + opv__unit16(a & 0xffff)) +
		        (opv__unit16(b >> 16) + opv__unit16(b & 0xffff)) - 2.0) * 1.7320508075688772;
	}
}

/* A uniform in [0, 1) from the first word of the draw. */
static inline double opv__uniform(uint64_t seed, uint64_t run, uint64_t index)
{
	uint32_t w[4];
	opv__random_words(w, seed, run, index);
	return (double)w[0] * (1.0 / 4294967296.0);
}

#endif
