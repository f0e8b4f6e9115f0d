/* SPDX-License-Identifier: EUPL-1.2 */
/* opv_apportion on arbitrary weights, totals and bounds: exact sums, bounds
 * kept, Hamilton within one of the quota, divisor methods house-monotone. */
#include <math.h>

#include "fuzz_util.h"

#define MAX_UNITS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	double w[MAX_UNITS];
	int64_t seats[MAX_UNITS], more[MAX_UNITS], lower[MAX_UNITS], upper[MAX_UNITS], sum = 0;
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	unsigned flags = take_u8(&b);
	size_t n = take_u8(&b) % (MAX_UNITS + 1), i;
	int64_t total = (int64_t)(take_u32(&b) % 100000);
	long double weight_sum = 0;
	int rc;
	o.method = (opv_method)(flags % 5);
	o.ties = (flags >> 3) & 1 ? OPV_TIE_ERROR : OPV_TIE_LOWER_INDEX;
	for (i = 0; i < n; i++) {
		uint32_t raw = take_u32(&b);
		/* Whole numbers, fractions, zeros and the odd huge or tiny weight. */
		switch (raw >> 29) {
		case 0: w[i] = 0; break;
		case 1: w[i] = (double)(raw & 0xffff) / 7.0; break;
		case 2: w[i] = ldexp((double)(raw & 0xff), (int)((raw >> 8) & 0x3f) - 20); break;
		default: w[i] = (double)(raw & 0xfffff); break;
		}
		weight_sum += w[i];
		lower[i] = (flags & 0x40) ? take_u8(&b) % 4 : 0;
		upper[i] = lower[i] + ((flags & 0x80) ? take_u8(&b) % 2000 : 1000000);
	}
	if (flags & 0x40)
		o.lower = lower;
	if (flags & 0x80)
		o.upper = upper;
	rc = opv_apportion(seats, w, n, total, &o, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		return 0;
	}
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(seats[i] >= lower[i] || !o.lower);
		FUZZ_CHECK(seats[i] <= upper[i] || !o.upper);
		FUZZ_CHECK(seats[i] >= 0);
		sum += seats[i];
		if (o.method == OPV_HAMILTON && !o.lower && !o.upper && weight_sum > 0) {
			long double q = (long double)total * w[i] / weight_sum;
			FUZZ_CHECK((long double)seats[i] >= floorl(q) - 1e-6L * (1 + q));
			FUZZ_CHECK((long double)seats[i] <= ceill(q) + 1e-6L * (1 + q));
		}
		if (w[i] == 0 && !o.lower)
			FUZZ_CHECK(seats[i] == 0);
	}
	FUZZ_CHECK(sum == total);
	if (o.method != OPV_HAMILTON && !o.lower && !o.upper && o.ties == OPV_TIE_LOWER_INDEX &&
	    opv_apportion(more, w, n, total + 1, &o, NULL) == OPV_OK)
		for (i = 0; i < n; i++)
			FUZZ_CHECK(more[i] >= seats[i]);
	return 0;
}
