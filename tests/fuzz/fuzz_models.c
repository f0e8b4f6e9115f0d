/* SPDX-License-Identifier: EUPL-1.2 */
/* The distribution key and the housing task on small arbitrary registers:
 * exact sums, AMV within places, the law's ceiling recomputed in 128 bits. */
#include <math.h>

#include "fuzz_util.h"

#define MAX_ROWS 24

__extension__ typedef __int128 i128;

static opv_register *make_register(struct bytes *b, size_t *n)
{
	char text[MAX_ROWS * 64 + 128];
	size_t len, i;
	opv_register *reg = NULL;
	*n = 1 + take_u8(b) % MAX_ROWS;
	len = (size_t)snprintf(text, sizeof text, "code,name,province_code,province,population,ses\n");
	for (i = 0; i < *n; i++) {
		uint32_t pop = take_u32(b);
		int ses = (int)(take_u8(b) % 200) - 90;
		pop = (pop >> 31) ? pop % 1000 : pop % 2000000;
		len += (size_t)snprintf(text + len, sizeof text - len, "GM%04zu,M%zu,PV%02u,P%u,%u,%.2f\n",
		                        i + 1, i, (unsigned)(20 + i % 3), (unsigned)(i % 3), pop, ses / 100.0);
	}
	if (opv_register_parse_csv(&reg, text, len, "f.csv", NULL) != OPV_OK)
		abort();
	return reg;
}

static void distribute(struct bytes *b, const opv_register *reg, size_t n)
{
	int64_t places[MAX_ROWS], amv[MAX_ROWS], regular[MAX_ROWS], floor_[MAX_ROWS], rank[MAX_ROWS];
	int64_t provinces[3], sum = 0, amv_sum = 0;
	double quota[MAX_ROWS], remainder[MAX_ROWS];
	opv_distribution_columns out = { OPV_DISTRIBUTION_COLUMNS_VERSION, NULL, quota, places, amv, regular, floor_, remainder, rank, NULL };
	opv_distribution_summary summary = OPV_DISTRIBUTION_SUMMARY_INIT;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_error err = OPV_ERROR_INIT;
	unsigned flags = take_u8(b);
	size_t i;
	int rc;
	o_total = (int64_t)(take_u32(b) % 200000);
	o_amv = o_total ? (int64_t)(take_u32(b) % (uint32_t)(o_total + 1)) : 0;
	o.method = (opv_method)(flags % 5);
	o.ses_transform = (flags >> 3) & 1 ? OPV_SES_LINEAR : OPV_SES_NONE;
	o.amv_mode = (flags >> 4) & 1 ? OPV_AMV_APPORTION : OPV_AMV_ROUND;
	rc = opv_distribute(&out, &summary, reg, o_total, o_amv, NULL, &o, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		return;
	}
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(places[i] >= 0 && amv[i] >= 0 && amv[i] <= places[i]);
		FUZZ_CHECK(regular[i] == places[i] - amv[i]);
		if (o.amv_mode == OPV_AMV_ROUND && o_total > 0)
			FUZZ_CHECK(amv[i] == (int64_t)(((i128)2 * places[i] * o_amv + o_total) / (2 * (i128)o_total)));
		if (o.method == OPV_HAMILTON)
			FUZZ_CHECK(places[i] == floor_[i] || places[i] == floor_[i] + 1);
		sum += places[i];
		amv_sum += amv[i];
	}
	FUZZ_CHECK(sum == o_total && summary.places == o_total);
	FUZZ_CHECK(amv_sum == summary.amv && summary.amv_residual == amv_sum - o_amv);
	if (o.amv_mode == OPV_AMV_APPORTION)
		FUZZ_CHECK(amv_sum == o_amv);
	FUZZ_CHECK(opv_register_sum_by_province(provinces, reg, places, NULL) == OPV_OK);
	sum = 0;
	for (i = 0; i < opv_register_province_count(reg); i++)
		sum += provinces[i];
	FUZZ_CHECK(sum == o_total);
}

static void housing(struct bytes *b, const opv_register *reg, size_t n)
{
	int64_t task[MAX_ROWS], carried[MAX_ROWS], corrected[MAX_ROWS], balance[MAX_ROWS];
	int64_t previous[MAX_ROWS], realised[MAX_ROWS], sum = 0;
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, carried, corrected, balance };
	opv_housing_summary summary = OPV_HOUSING_SUMMARY_INIT;
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	unsigned flags = take_u8(b);
	size_t i;
	int rc;
	o.national = (flags & 1) ? (int64_t)take_u32(b) << (take_u8(b) % 30) : take_u32(b) % 50000;
	o.period.year = 2000 + (int)(take_u8(b) % 40);
	o.period.half = 1 + (int)(take_u8(b) % 2);
	o.carry_advance = (flags >> 1) & 1;
	for (i = 0; i < n; i++) {
		previous[i] = (int64_t)(take_u8(b)) - 128;
		realised[i] = take_u8(b);
	}
	rc = opv_housing_task(&out, &summary, reg, previous, realised, NULL, 0, &o, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		return;
	}
	for (i = 0; i < n; i++) {
		i128 product = (i128)o.national * opv_register_at(reg, i)->population;
		i128 p = opv_register_population(reg);
		FUZZ_CHECK(task[i] == (int64_t)((product + p - 1) / p));
		FUZZ_CHECK(carried[i] == (previous[i] < 0 && !o.carry_advance ? 0 : previous[i]));
		FUZZ_CHECK(corrected[i] == task[i] + carried[i]);
		FUZZ_CHECK(balance[i] == corrected[i] - realised[i]);
		sum += task[i];
	}
	FUZZ_CHECK(sum == summary.task && sum >= o.national);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	size_t n;
	opv_register *reg = make_register(&b, &n);
	if (opv_register_population(reg) > 0) {
		distribute(&b, reg, n);
		housing(&b, reg, n);
	}
	opv_register_free(reg);
	return 0;
}
