/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared by the API-level targets (fuzz_api_io.c, fuzz_api_models.c): a
 * decoder that turns the fuzzer's bytes into arguments (integer extremes,
 * NULLs, sizes that disagree, every enum value and one past it) and the
 * checks of the contract every public function shares (opvang/core.h):
 *
 * - the status is OPV_OK or one the function documents;
 * - on failure the error record holds that code and a non-empty message, and
 *   every output is untouched: outputs are poisoned before the call and
 *   compared after it. */
#ifndef OPV_FUZZ_API_H
#define OPV_FUZZ_API_H

#include <float.h>
#include <limits.h>
#include <math.h>

#include "fuzz_util.h"

/* ---- decoding --------------------------------------------------------------- */

static inline uint64_t take_u64(struct bytes *b)
{
	uint64_t hi = take_u32(b);
	return (hi << 32) | take_u32(b);
}

/* Extremes first, then small numbers, then anything. */
static inline int take_int(struct bytes *b)
{
	unsigned k = take_u8(b);
	switch (k % 16) {
	case 0: return INT_MIN;
	case 1: return INT_MAX;
	case 2: return -1;
	case 3: return 0;
	case 4: return INT_MIN + 1;
	case 5: return INT_MAX - 1;
	case 6: return (int)take_u32(b);
	default: return (int)(take_u8(b) % 24) - 4;
	}
}

static inline int64_t take_i64(struct bytes *b)
{
	unsigned k = take_u8(b);
	switch (k % 20) {
	case 0: return INT64_MIN;
	case 1: return INT64_MAX;
	case 2: return -1;
	case 3: return 0;
	case 4: return OPV_COUNT_MAX;
	case 5: return OPV_COUNT_MAX - 1;
	case 6: return OPV_COUNT_MAX + 1;
	case 7: return INT64_MIN + 1;
	case 8: return (int64_t)take_u64(b);
	case 9: return (int64_t)take_u32(b);
	case 10: return -(int64_t)(take_u32(b) % 100000);
	case 11: return INT32_MAX;
	default: return (int64_t)(take_u32(b) % 200000);
	}
}

/* A count next to a true size n: the size itself most often, else one that
 * disagrees. */
static inline size_t take_size(struct bytes *b, size_t n)
{
	unsigned k = take_u8(b);
	switch (k % 12) {
	case 0: return 0;
	case 1: return SIZE_MAX;
	case 2: return SIZE_MAX / 2 + 1;
	case 3: return n + 1;
	case 4: return n ? n - 1 : 0;
	case 5: return take_u8(b);
	default: return n;
	}
}

static inline double take_double(struct bytes *b)
{
	unsigned k = take_u8(b);
	uint64_t bits;
	double d;
	switch (k % 20) {
	case 0: return NAN;
	case 1: return INFINITY;
	case 2: return -INFINITY;
	case 3: return -0.0;
	case 4: return DBL_MAX;
	case 5: return DBL_MIN;
	case 6: return -DBL_MAX;
	case 7: return 4.9e-324;
	case 8: return 1.0 + DBL_EPSILON;
	case 9: return 9007199254740993.0;
	case 10:
		bits = take_u64(b);
		memcpy(&d, &bits, sizeof d);
		return d;
	case 11: return -(double)take_u8(b) / 16.0;
	default: return (double)take_u32(b) / 65536.0;
	}
}

/* A day: extremes, the edges of 1900..9999, or one of the years 2020..2031. */
static inline opv_day take_day(struct bytes *b)
{
	unsigned k = take_u8(b);
	switch (k % 12) {
	case 0: return INT32_MIN;
	case 1: return INT32_MAX;
	case 2: return -25568;    /* 1899-12-31 */
	case 3: return -25567;    /* 1900-01-01 */
	case 4: return 2932896;   /* 9999-12-31 */
	case 5: return 2932897;   /* 10000-01-01 */
	case 6: return (opv_day)take_u32(b);
	default: return 18262 + (opv_day)(take_u32(b) % 4383); /* 2020-01-01 .. 2031-12-31 */
	}
}

/* An enum value: every value of 0..count-1, one past, -1 or INT_MAX. */
static inline int take_enum(struct bytes *b, int count)
{
	unsigned k = take_u8(b);
	switch (k % 16) {
	case 0: return count;
	case 1: return -1;
	case 2: return INT_MAX;
	case 3: return count + 1;
	default: return (int)(k % (unsigned)count);
	}
}

/* Per input, strings live in one arena. */
static char arena[1 << 16];
static size_t arena_used;

static inline char *arena_copy(const char *s, size_t n)
{
	char *p;
	if (arena_used + n + 1 > sizeof arena)
		return NULL;
	p = arena + arena_used;
	memcpy(p, s, n);
	p[n] = '\0';
	arena_used += n + 1;
	return p;
}

/* A string: NULL, empty, one of `words` (likely names), or raw bytes up to a
 * length byte (NUL-terminated). */
static inline const char *take_string(struct bytes *b, const char *const *words, size_t nwords)
{
	unsigned k = take_u8(b);
	size_t n;
	char *p;
	if (k < 16)
		return NULL;
	if (k < 24)
		return "";
	if (nwords && k < 176)
		return words[k % nwords];
	n = take_u8(b) % 64;
	if (n > b->n)
		n = b->n;
	p = arena_copy((const char *)b->p, n);
	b->p += n;
	b->n -= n;
	return p ? p : "";
}

/* The remaining bytes, as a text to parse. */
static inline const char *take_rest(struct bytes *b, size_t *len)
{
	const char *p = (const char *)b->p;
	*len = b->n;
	b->p += b->n;
	b->n = 0;
	return p;
}

/* ---- the contract --------------------------------------------------------------- */

#define BIT(code) (1u << (unsigned)(-(code)))
#define E_INVAL BIT(OPV_EINVAL)
#define E_NOMEM BIT(OPV_ENOMEM)
#define E_IO BIT(OPV_EIO)
#define E_PARSE BIT(OPV_EPARSE)
#define E_RANGE BIT(OPV_ERANGE)
#define E_NOTFOUND BIT(OPV_ENOTFOUND)
#define E_DUPLICATE BIT(OPV_EDUPLICATE)
#define E_TIE BIT(OPV_ETIE)
#define E_CANCELLED BIT(OPV_ECANCELLED)
/* The loaders' errors. */
#define E_LOADER (E_INVAL | E_IO | E_PARSE | E_RANGE | E_DUPLICATE | E_NOMEM)

/* Each call's error record, passed or not as the input says. */
static opv_error api_err;
static int api_pass_err;

static inline opv_error *err_arg(struct bytes *b)
{
	opv_error_clear(&api_err);
	memset(api_err.message, 0x5a, sizeof api_err.message - 1);
	api_err.code = 12345;
	api_pass_err = (take_u8(b) & 7) != 0;
	return api_pass_err ? &api_err : NULL;
}

/* `rc` is OPV_OK or one of the codes in `allowed`; a failure fills the
 * error record (when one was passed) with the code and a message. */
#define FUZZ_STATUS(rc, allowed)                                                           \
	do {                                                                                   \
		int rc_ = (rc);                                                                    \
		if (rc_ != OPV_OK) {                                                               \
			if (!(rc_ < 0 && rc_ >= OPV_ECANCELLED && ((allowed) & BIT(rc_)))) {           \
				fprintf(stderr, "undocumented status %d (%s)\n", rc_,                      \
				        api_pass_err ? api_err.message : "no record");                     \
				FUZZ_CHECK(!"undocumented status");                                         \
			}                                                                              \
			if (api_pass_err) {                                                            \
				FUZZ_CHECK(api_err.code == rc_);                                           \
				FUZZ_CHECK(api_err.message[0] != '\0');                                    \
				FUZZ_CHECK(memchr(api_err.message, '\0', sizeof api_err.message) != NULL); \
			}                                                                              \
		}                                                                                  \
	} while (0)

/* Poisoned outputs: a byte pattern, compared after a failing call. */
#define POISON_BYTE 0x5a
static inline void poison(void *p, size_t n)
{
	if (p)
		memset(p, POISON_BYTE, n);
}

static inline int untouched(const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;
	if (!p)
		return 1;
	for (i = 0; i < n; i++)
		if (c[i] != POISON_BYTE)
			return 0;
	return 1;
}

#define FUZZ_UNTOUCHED(p, n) FUZZ_CHECK(untouched((p), (n)))

/* An opaque out-pointer: poisoned with a value no allocation has. */
#define POISON_PTR ((void *)(uintptr_t)0x5a5a5a5a5a5a5a5aULL)

/* Checks a status and, on failure, that the outputs are untouched. */
#define FUZZ_CALL(rc, allowed, outputs_untouched)  \
	do {                                           \
		int rcc_ = (rc);                           \
		FUZZ_STATUS(rcc_, allowed);                \
		if (rcc_ != OPV_OK)                        \
			FUZZ_CHECK(outputs_untouched);         \
	} while (0)

/* A name lookup: a known name round-trips; an unknown value has no name. */
#define FUZZ_NAME(name_fn, value, count)                                     \
	do {                                                                     \
		int v_ = (value);                                                    \
		const char *n_ = name_fn(v_);                                        \
		FUZZ_CHECK((v_ >= 0 && v_ < (count)) == (n_ != NULL));               \
		if (n_)                                                              \
			FUZZ_CHECK(n_[0] != '\0');                                       \
	} while (0)

#endif
