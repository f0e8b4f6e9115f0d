/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The tasks loader, and the compliance table over what it accepts: the first
 * byte chooses whether the register maps mergers and the counting rules, the
 * rest is the tasks CSV.  Invariants: tasks are whole and the AMV part fits;
 * provinces and the nation are the sums of their municipalities; met and the
 * shortfalls agree.
 */
#include "fuzz_util.h"

/* A few locations of every kind, with codes of the embedded register. */
static const char locations_csv[] =
	"id,code,name,type,agreed_capacity,capacity,opens,closes\n"
	"A,GM0363,a,azc,600,640,2019-05-01,\n"
	"B,GM0363,b,amv,80,60,2024-04-01,\n"
	"C,GM0599,c,nood,300,340,2025-10-01,2026-07-01\n"
	"D,GM0518,d,azc,400,400,2022-06-01,2027-06-01\n"
	"E,GM1992,e,amv,50,70,2023-01-01,\n"
	"F,GM0088,f,azc,5,5,2024-05-01,2026-07-02\n";

static void check_sums(const opv_compliance *c, const opv_register *reg)
{
	static const opv_compliance_column summed[] = {
		OPV_COLUMN_TASK, OPV_COLUMN_TASK_AMV, OPV_COLUMN_PLACES_COUNTING,
		OPV_COLUMN_PLACES_COUNTING_AMV, OPV_COLUMN_PLACES_TOTAL,
		OPV_COLUMN_PLACES_ABOVE_AGREEMENT, OPV_COLUMN_MUNICIPALITIES,
		OPV_COLUMN_MUNICIPALITIES_SHORT,
	};
	int64_t m[342], p[12], nation, met[342];
	size_t order[342], count, i, k, short_count = 0;
	FUZZ_CHECK(opv_compliance_rows(c, OPV_LEVEL_PROVINCE) == 12);
	FUZZ_CHECK(opv_compliance_get(met, 342, c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, NULL) == 0);
	for (k = 0; k < sizeof summed / sizeof *summed; k++) {
		int64_t total = 0, provinces = 0;
		FUZZ_CHECK(opv_compliance_get(m, 342, c, OPV_LEVEL_MUNICIPALITY, summed[k], NULL) == 0);
		FUZZ_CHECK(opv_compliance_get(p, 12, c, OPV_LEVEL_PROVINCE, summed[k], NULL) == 0);
		FUZZ_CHECK(opv_compliance_get(&nation, 1, c, OPV_LEVEL_NATION, summed[k], NULL) == 0);
		for (i = 0; i < 342; i++)
			total += m[i];
		for (i = 0; i < 12; i++)
			provinces += p[i];
		FUZZ_CHECK(total == nation && provinces == nation);
	}
	for (i = 0; i < 342; i++)
		short_count += met[i] == 0;
	FUZZ_CHECK(opv_compliance_shortfalls(order, &count, c, OPV_LEVEL_MUNICIPALITY, NULL) == 0);
	FUZZ_CHECK(count == short_count);
	for (i = 0; i < count; i++)
		FUZZ_CHECK(met[order[i]] == 0);
	(void)reg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static opv_register *plain, *mapped;
	static opv_locations *at_plain, *at_mapped;
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_compliance *c = NULL;
	opv_tasks *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t task[342], amv[342];
	struct bytes b = { data, size };
	unsigned flags = take_u8(&b);
	const opv_register *reg;
	size_t i;
	int rc;
	if (!plain) {
		if (opv_register_default(&plain, NULL) != OPV_OK
		    || opv_register_map_mergers(&mapped, plain, NULL) != OPV_OK
		    || opv_locations_parse_csv(&at_plain, plain, locations_csv, strlen(locations_csv),
		                               "l.csv", NULL) != OPV_OK
		    || opv_locations_parse_csv(&at_mapped, mapped, locations_csv, strlen(locations_csv),
		                               "l.csv", NULL) != OPV_OK)
			abort();
	}
	reg = flags & 1 ? mapped : plain;
	rc = opv_tasks_parse_csv(&t, reg, (const char *)b.p, b.n, "t.csv", &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		FUZZ_CHECK(t == NULL);
		return 0;
	}
	FUZZ_CHECK(opv_tasks_source(t) == OPV_TASK_FILE);
	FUZZ_CHECK(opv_tasks_values(task, amv, 342, t, NULL) == OPV_OK);
	for (i = 0; i < 342; i++)
		FUZZ_CHECK(task[i] >= 0 && task[i] < ((int64_t)1 << 53) && amv[i] >= 0 && amv[i] <= task[i]);
	o.durability = flags & 2 ? OPV_DURABLE_REMAINING : OPV_DURABLE_AGREED_PERIOD;
	o.min_years = (int)(flags >> 4);
	o.existing_min_places = flags & 4 ? 100 : 0;
	FUZZ_CHECK(opv_compliance_on(&c, reg, flags & 1 ? at_mapped : at_plain, t,
	                             (opv_day)(20635 + (flags & 8 ? 1 : 0)), &o, NULL) == OPV_OK);
	check_sums(c, reg);
	opv_compliance_free(c);
	opv_tasks_free(t);
	return 0;
}
