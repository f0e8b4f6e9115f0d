/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Structs that may grow: the checks of versioned.h and every public _init().
 *
 * Each struct has a table of its size at every version, index 0 unused; all
 * are at version 1.  When a version appends members, its entry is added and
 * the entry before it becomes the offset of the first new member.
 */
#include <string.h>

#include "opvang/apportion.h"
#include "opvang/distribution.h"
#include "opvang/housing.h"
#include "opvang/places.h"
#include "opvang/projection.h"
#include "opvang/report.h"
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

int opv__read_tuning(unsigned int *threads, const opv_tuning *tuning, opv_error *err)
{
	int rc;
	*threads = 1;
	if (!tuning)
		return OPV_OK;
	if ((rc = opv__check_version(tuning->version, OPV_TUNING_VERSION, "tuning", err)))
		return rc;
	if (tuning->threads < 1 || tuning->threads > OPV_TUNING_MAX_THREADS)
		return opv__fail(err, OPV_EINVAL, "threads %u is outside 1..%d", tuning->threads,
		                 OPV_TUNING_MAX_THREADS);
	*threads = tuning->threads;
	return OPV_OK;
}

int opv_tuning_check(const opv_tuning *tuning, opv_error *err)
{
	unsigned int threads;
	return opv__read_tuning(&threads, tuning, err);
}

/* The size table `opv__NAME_sizes` and `NAME_init()` of the struct `NAME`. */
#define VERSIONED(name, init, newest)                                                    \
	const size_t opv__##name##_sizes[newest + 1] = { 0, sizeof(name) };                \
	int name##_init(name *s, unsigned int version)                                       \
	{                                                                                    \
		static const name defaults = init;                                               \
		return opv__struct_init(s, &defaults, opv__##name##_sizes, newest, version);     \
	}

VERSIONED(opv_apportion_options, OPV_APPORTION_OPTIONS_INIT, OPV_APPORTION_OPTIONS_VERSION)
VERSIONED(opv_distribution_options, OPV_DISTRIBUTION_OPTIONS_INIT, OPV_DISTRIBUTION_OPTIONS_VERSION)
VERSIONED(opv_distribution_columns, OPV_DISTRIBUTION_COLUMNS_INIT, OPV_DISTRIBUTION_COLUMNS_VERSION)
VERSIONED(opv_distribution_summary, OPV_DISTRIBUTION_SUMMARY_INIT, OPV_DISTRIBUTION_SUMMARY_VERSION)
VERSIONED(opv_housing_options, OPV_HOUSING_OPTIONS_INIT, OPV_HOUSING_OPTIONS_VERSION)
VERSIONED(opv_housing_columns, OPV_HOUSING_COLUMNS_INIT, OPV_HOUSING_COLUMNS_VERSION)
VERSIONED(opv_housing_summary, OPV_HOUSING_SUMMARY_INIT, OPV_HOUSING_SUMMARY_VERSION)
VERSIONED(opv_supervision_options, OPV_SUPERVISION_OPTIONS_INIT, OPV_SUPERVISION_OPTIONS_VERSION)
VERSIONED(opv_realisation_options, OPV_REALISATION_OPTIONS_INIT, OPV_REALISATION_OPTIONS_VERSION)
VERSIONED(opv_realisation_columns, OPV_REALISATION_COLUMNS_INIT, OPV_REALISATION_COLUMNS_VERSION)
VERSIONED(opv_ladder_options, OPV_LADDER_OPTIONS_INIT, OPV_LADDER_OPTIONS_VERSION)
VERSIONED(opv_compliance_options, OPV_COMPLIANCE_OPTIONS_INIT, OPV_COMPLIANCE_OPTIONS_VERSION)
VERSIONED(opv_places_options, OPV_PLACES_OPTIONS_INIT, OPV_PLACES_OPTIONS_VERSION)
VERSIONED(opv_places_columns, OPV_PLACES_COLUMNS_INIT, OPV_PLACES_COLUMNS_VERSION)
VERSIONED(opv_monte_carlo_options, OPV_MONTE_CARLO_OPTIONS_INIT, OPV_MONTE_CARLO_OPTIONS_VERSION)
VERSIONED(opv_sensitivity_options, OPV_SENSITIVITY_OPTIONS_INIT, OPV_SENSITIVITY_OPTIONS_VERSION)
VERSIONED(opv_report_options, OPV_REPORT_OPTIONS_INIT, OPV_REPORT_OPTIONS_VERSION)
VERSIONED(opv_report_housing, OPV_REPORT_HOUSING_INIT, OPV_REPORT_HOUSING_VERSION)
VERSIONED(opv_tuning, OPV_TUNING_INIT, OPV_TUNING_VERSION)
