/* SPDX-License-Identifier: EUPL-1.2 */
#include "bench_data.h"

#define GOLDEN_GAMMA UINT64_C(0x9E3779B97F4A7C15)

/* Output i (from 1) of splitmix64 started at `seed`: a pure function of both,
 * which is what lets NumPy compute all of them at once. */
static uint64_t splitmix64(uint64_t seed, uint64_t i)
{
	uint64_t z = seed + i * GOLDEN_GAMMA;
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void bench_weights(double *w, size_t n, uint64_t seed, int bits)
{
	size_t i;
	for (i = 0; i < n; i++)
		w[i] = (double)(1 + (splitmix64(seed, (uint64_t)i + 1) >> (64 - bits)));
}
