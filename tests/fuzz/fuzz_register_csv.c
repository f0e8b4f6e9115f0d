/* SPDX-License-Identifier: EUPL-1.2 */
/* The register CSV loader: any bytes either fail cleanly or give a register
 * whose totals, provinces and code lookups agree with its rows. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	int rc = opv_register_parse_csv(&reg, (const char *)data, size, "fuzz.csv", &err);
	size_t i, n, provinces, counted = 0;
	int64_t population = 0, province_population = 0;
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		FUZZ_CHECK(reg == NULL);
		return 0;
	}
	n = opv_register_count(reg);
	FUZZ_CHECK(n > 0);
	for (i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		size_t at;
		FUZZ_CHECK(m->population >= 0);
		population += m->population;
		FUZZ_CHECK(opv_register_find(&at, reg, m->code, NULL) == OPV_OK && at == i);
		FUZZ_CHECK(strcmp(opv_register_province_at(reg, opv_register_province_of(reg, i))->code,
		                  m->province_code) == 0);
	}
	FUZZ_CHECK(population == opv_register_population(reg));
	provinces = opv_register_province_count(reg);
	for (i = 0; i < provinces; i++) {
		counted += opv_register_province_at(reg, i)->municipalities;
		province_population += opv_register_province_at(reg, i)->population;
	}
	FUZZ_CHECK(counted == n);
	FUZZ_CHECK(province_population == population);
	opv_register_free(reg);
	return 0;
}
