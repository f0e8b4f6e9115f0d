/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel
 * random numbers: as easy as 1, 2, 3", SC'11).  A draw is a pure function of
 * (key, counter), so any run can be computed by any thread in any order.
 * Internal.
 */
#ifndef OPV_LIB_RNG_H
#define OPV_LIB_RNG_H

#include <stdint.h>

/* Four 32-bit words for the 128-bit counter `ctr` under the 64-bit key. */
void opv__philox4x32_10(uint32_t out[4], const uint32_t ctr[4], const uint32_t key[2]);

/* The draw `index` of `run` under `seed`. */
void opv__random_words(uint32_t out[4], uint64_t seed, uint64_t run, uint64_t index);

/* A deviate with mean 0 and variance 1: the scaled sum of four uniforms.
 * Only additions and multiplications, so identical on every IEEE 754 machine. */
double opv__standard_deviate(uint64_t seed, uint64_t run, uint64_t index);

/* A uniform in [0, 1) from the first word of the draw. */
double opv__uniform(uint64_t seed, uint64_t run, uint64_t index);

#endif
