/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Structs that may grow (docs/ABI.md).  Internal.
 *
 * A public struct that may gain members carries its version as its first
 * member.  The library reads and writes only the members of the version the
 * caller gave: an older caller's struct is smaller, and a newer library must
 * not touch memory past it.  Each such struct has a table of its size at
 * every version in versioned.c, opv__NAME_sizes[version].
 */
#ifndef OPV_LIB_VERSIONED_H
#define OPV_LIB_VERSIONED_H

#include <stddef.h>

#include "opvang/core.h"
/* The library builds its stable functions on the experimental ones. */
#ifndef OPV_EXPERIMENTAL_API
#  define OPV_EXPERIMENTAL_API
extern const size_t opv__opv_tuning_sizes[];

#endif
#include "opvang/experimental.h"

/*
 * OPV_OK when 1 <= version <= newest; else OPV_EINVAL with a message naming
 * `what` ("distribution options") and the versions this library knows.
 */
int opv__check_version(unsigned int version, unsigned int newest, const char *what,
                       opv_error *err);

/*
 * The body of every public _init(): copies the first sizes[version] bytes of
 * `defaults` (the struct's _INIT, whose version member is then set to
 * `version`).  OPV_EINVAL, writing nothing, for NULL or an unknown version.
 */
int opv__struct_init(void *out, const void *defaults, const size_t *sizes, unsigned int newest,
                     unsigned int version);

/* Copies the members of `version` (a checked one) from `from` to the caller's `to`. */
void opv__struct_copy(void *to, const void *from, const size_t *sizes, unsigned int version);

/*
 * The threads of `tuning` (NULL: 1).  OPV_EINVAL for a tuning of another
 * version or threads outside 1..OPV_TUNING_MAX_THREADS.
 */
int opv__read_tuning(unsigned int *threads, const opv_tuning *tuning, opv_error *err);

/* Size of each versioned struct at each of its versions. */
extern const size_t opv__opv_apportion_options_sizes[];
extern const size_t opv__opv_distribution_options_sizes[];
extern const size_t opv__opv_distribution_columns_sizes[];
extern const size_t opv__opv_distribution_summary_sizes[];
extern const size_t opv__opv_housing_options_sizes[];
extern const size_t opv__opv_housing_columns_sizes[];
extern const size_t opv__opv_housing_summary_sizes[];
extern const size_t opv__opv_supervision_options_sizes[];
extern const size_t opv__opv_realisation_options_sizes[];
extern const size_t opv__opv_realisation_columns_sizes[];
extern const size_t opv__opv_ladder_options_sizes[];
extern const size_t opv__opv_compliance_options_sizes[];
extern const size_t opv__opv_places_options_sizes[];
extern const size_t opv__opv_places_columns_sizes[];
extern const size_t opv__opv_monte_carlo_options_sizes[];
extern const size_t opv__opv_sensitivity_options_sizes[];
extern const size_t opv__opv_report_options_sizes[];
extern const size_t opv__opv_report_housing_sizes[];

extern const size_t opv__opv_tuning_sizes[];

#endif
