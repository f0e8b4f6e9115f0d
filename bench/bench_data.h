/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Deterministic test weights that the Python side can regenerate exactly:
 * splitmix64 (Steele, Lea and Flood, OOPSLA 2014), one state per size.
 */
#ifndef BENCH_DATA_H
#define BENCH_DATA_H

#include <stddef.h>
#include <stdint.h>

/*
 * Fills w[0..n) with whole numbers 1 .. 2^bits: weight i (from 0) is
 * 1 + (output i + 1 of splitmix64 started at `seed`) >> (64 - bits),
 * for 1 <= bits <= 52.  With few bits the weights repeat each other, and
 * remainders and priorities tie.
 */
void bench_weights(double *w, size_t n, uint64_t seed, int bits);

#endif
