/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A library of three functions, built once as the baseline and once with one
 * change (CHANGE=...), to show what check-abi.sh lets through: the struct
 * names are those of the real headers, so the real suppressions apply.
 */
#ifndef OPVANG_SELFTEST_H
#define OPVANG_SELFTEST_H
#include <stdint.h>

/* A versioned struct (abi/suppressions.ini names it). */
typedef struct opv_distribution_summary {
	unsigned int version;
	int64_t places;
#if CHANGE == 1
	int64_t appended;
#endif
} opv_distribution_summary;

/* A frozen struct: handed out in arrays. */
typedef struct opv_municipality {
	const char *code;
	int64_t population;
#if CHANGE == 2
	int64_t appended;
#endif
} opv_municipality;

typedef enum opv_method {
	OPV_HAMILTON = 0,
#if CHANGE == 3
	OPV_JEFFERSON = 2
#else
	OPV_JEFFERSON = 1
#endif
} opv_method;

int opv_summarise(opv_distribution_summary *summary);
int opv_population(const opv_municipality *m, opv_method method);
#if CHANGE != 4
int opv_removable(void);
#endif
#if CHANGE == 5
int opv_added(void);
#endif
#endif
