/* SPDX-License-Identifier: EUPL-1.2 */
/* The locations loader and the places and capacity sums over what it accepts. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static opv_register *reg;
	opv_locations *l = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t total[342], above[342], counting[342], by_type[3 * OPV_LOCATION_TYPE_COUNT];
	opv_places_columns out = { OPV_PLACES_COLUMNS_VERSION, total, above, counting, NULL };
	opv_places_options o = OPV_PLACES_OPTIONS_INIT;
	size_t i, n;
	int64_t national = 0;
	int rc;
	if (!reg && opv_register_default(&reg, NULL) != OPV_OK)
		abort();
	rc = opv_locations_parse_csv(&l, reg, (const char *)data, size, "l.csv", &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		FUZZ_CHECK(l == NULL);
		return 0;
	}
	n = opv_locations_count(l);
	opv_date_parse(&o.date, "2026-07-01", NULL);
	for (i = 0; i < n; i++) {
		const opv_location *loc = opv_locations_at(l, i);
		FUZZ_CHECK(loc->open_ended || loc->closes > loc->opens);
		FUZZ_CHECK(loc->capacity >= 0 && loc->agreed_capacity >= 0);
		FUZZ_CHECK(!opv_location_counts(loc, 5) || opv_location_counts(loc, 0));
		{
			opv_count_reason reason;
			int64_t places;
			FUZZ_CHECK(opv_location_assess(&reason, &places, loc, o.date, NULL, NULL) == OPV_OK);
			FUZZ_CHECK(opv_count_reason_name(reason) != NULL);
			FUZZ_CHECK((reason == OPV_NOT_OPEN) == !opv_location_is_open(loc, o.date));
			FUZZ_CHECK(reason == OPV_COUNTS
			                   ? places == (loc->capacity < loc->agreed_capacity ? loc->capacity
			                                                                     : loc->agreed_capacity)
			                   : places == 0);
		}
		if (opv_location_is_open(loc, o.date))
			national += loc->capacity;
	}
	FUZZ_CHECK(opv_places_on(&out, reg, l, NULL, &o, NULL) == OPV_OK);
	for (i = 0; i < 342; i++) {
		FUZZ_CHECK(counting[i] <= total[i]);
		FUZZ_CHECK(above[i] <= total[i]);
		national -= total[i];
	}
	FUZZ_CHECK(national == 0);
	FUZZ_CHECK(opv_capacity_timeline(by_type, 3, OPV_LOCATION_TYPE_COUNT, reg, l, o.date - 7,
	                                 OPV_BY_TYPE, NULL) == OPV_OK);
	{
		int64_t sum = 0;
		for (i = 0; i < OPV_LOCATION_TYPE_COUNT; i++)
			sum += by_type[OPV_LOCATION_TYPE_COUNT + i]; /* week 1 starts on o.date */
		for (i = 0; i < 342; i++)
			sum -= total[i];
		FUZZ_CHECK(sum == 0);
	}
	opv_locations_free(l);
	return 0;
}
