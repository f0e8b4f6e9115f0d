/* SPDX-License-Identifier: EUPL-1.2 */
/* The small CSV loaders: keyed values (SES, weights, balances), swaps,
 * balance histories (and the ladder over them), published tables and dated
 * realisations.  The first byte picks the loader
 * and its flags; the rest is the file. */
#include <math.h>

#include "fuzz_util.h"

static opv_register *reg;

static void keyed(const char *text, size_t len, unsigned flags)
{
	opv_keyed_values *kv = NULL;
	opv_error err = OPV_ERROR_INIT;
	int rc = opv_keyed_values_parse_csv(&kv, text, len, "f.csv", "code", "value", flags, &err);
	size_t i, j, n;
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		FUZZ_CHECK(kv == NULL);
		return;
	}
	n = opv_keyed_values_count(kv);
	for (i = 0; i < n; i++) {
		double v = opv_keyed_values_value(kv, i);
		FUZZ_CHECK(isfinite(v));
		FUZZ_CHECK(opv_keyed_values_key(kv, i)[0] != '\0');
		if (flags & OPV_VALUES_NONNEGATIVE)
			FUZZ_CHECK(v >= 0);
		if (flags & OPV_VALUES_INTEGER)
			FUZZ_CHECK(v == floor(v));
		for (j = 0; j < i && n < 64; j++)
			FUZZ_CHECK(strcmp(opv_keyed_values_key(kv, i), opv_keyed_values_key(kv, j)) != 0);
	}
	if (flags & OPV_VALUES_INTEGER) {
		int64_t aligned[342];
		err = (opv_error)OPV_ERROR_INIT;
		rc = opv_register_align_int64(aligned, reg, kv, 0, &err);
		if (rc)
			FUZZ_CHECK_ERROR(rc, err);
	} else {
		opv_register *merged = NULL;
		err = (opv_error)OPV_ERROR_INIT;
		rc = opv_register_with_ses(&merged, reg, kv, &err);
		if (rc)
			FUZZ_CHECK_ERROR(rc, err);
		else
			FUZZ_CHECK(opv_register_count(merged) == 342);
		opv_register_free(merged);
	}
	opv_keyed_values_free(kv);
}

static void swaps(const char *text, size_t len)
{
	opv_swap_table *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t task[342], corrected[342];
	opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, task, NULL, NULL, corrected, NULL };
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	int rc = opv_swap_table_parse_csv(&t, text, len, "s.csv", &err);
	size_t i;
	int64_t sum_task = 0, sum_corrected = 0;
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		return;
	}
	o.national = 13000;
	o.period.year = 2025;
	o.period.half = 2;
	rc = opv_housing_task(&out, NULL, reg, NULL, NULL, opv_swap_table_swaps(t),
	                      opv_swap_table_count(t), &o, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
	} else {
		/* Swaps move tasks around but keep the national sum and no task negative. */
		for (i = 0; i < 342; i++) {
			FUZZ_CHECK(corrected[i] >= 0);
			sum_task += task[i];
			sum_corrected += corrected[i];
		}
		FUZZ_CHECK(sum_task == sum_corrected);
	}
	opv_swap_table_free(t);
}

static void history(const char *text, size_t len)
{
	opv_balance_history *h = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t misses[342];
	opv_supervision_state states[342];
	int rc = opv_balance_history_parse_csv(&h, text, len, "h.csv", &err);
	size_t i;
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		return;
	}
	rc = opv_supervision(misses, states, reg, opv_balance_history_records(h),
	                     opv_balance_history_count(h), NULL, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
	} else {
		for (i = 0; i < 342; i++) {
			FUZZ_CHECK(misses[i] >= 0 && (size_t)misses[i] <= opv_balance_history_count(h));
			FUZZ_CHECK(states[i] == (misses[i] >= 4 ? OPV_INTERVENTION : (opv_supervision_state)misses[i]));
		}
	}
	{
		/* The ladder as of 1 March 2026 (2025-H2 judged): a stage follows the
		 * misses, no_data has none, a warning alone has a term. */
		opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
		opv_ladder *l = NULL;
		opv_date_parse(&o.as_of, "2026-03-01", NULL);
		err = (opv_error)OPV_ERROR_INIT;
		rc = opv_ladder_run(&l, reg, h, &o, &err);
		if (rc) {
			FUZZ_CHECK_ERROR(rc, err);
			FUZZ_CHECK(l == NULL);
		}
		for (i = 0; l && i < 342; i++) {
			int64_t stage = opv_ladder_get(l, OPV_LADDER_STAGE, i);
			int64_t run = opv_ladder_get(l, OPV_LADDER_MISSES, i);
			FUZZ_CHECK(stage >= 0 && stage < OPV_STAGE_COUNT);
			if (stage == OPV_STAGE_NO_DATA)
				FUZZ_CHECK(run == 0 && opv_ladder_get(l, OPV_LADDER_ENTERED, i) == 0);
			else
				FUZZ_CHECK(stage == (run >= 4 ? 4 : run));
			FUZZ_CHECK((opv_ladder_get(l, OPV_LADDER_ENTERED, i) != 0) ==
			           (stage != OPV_STAGE_ON_TRACK && stage != OPV_STAGE_NO_DATA));
			FUZZ_CHECK((opv_ladder_get(l, OPV_LADDER_TERM_ENDS, i) != 0) == (stage == OPV_STAGE_WARNING));
		}
		opv_ladder_free(l);
	}
	opv_balance_history_free(h);
}

static void realised_log(const char *text, size_t len)
{
	/* Dated counts against a task of 100 each: what is counted never
	 * exceeds the log's total, shares follow the counts. */
	static int64_t task[342], realised[342];
	static double share[342], projected[342];
	opv_realised_log *log = NULL;
	opv_realisation_options o = OPV_REALISATION_OPTIONS_INIT;
	opv_realisation_columns out = { OPV_REALISATION_COLUMNS_VERSION, realised, share, NULL, projected };
	opv_error err = OPV_ERROR_INIT;
	double passed = 0;
	size_t i;
	int rc = opv_realised_log_parse_csv(&log, text, len, "r.csv", &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		FUZZ_CHECK(log == NULL);
		return;
	}
	for (i = 0; i < 342; i++)
		task[i] = 100;
	o.period = (opv_period){ 2026, 1 };
	opv_date_parse(&o.as_of, "2026-03-31", NULL);
	rc = opv_housing_realisation(&out, &passed, reg, task, log, &o, &err);
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
	} else {
		FUZZ_CHECK(passed > 0 && passed <= 1);
		for (i = 0; i < 342; i++) {
			FUZZ_CHECK(realised[i] >= 0);
			FUZZ_CHECK(share[i] == (double)realised[i] / 100.0);
			FUZZ_CHECK(projected[i] <= 100.0);
		}
	}
	opv_realised_log_free(log);
}

static void published(const char *text, size_t len)
{
	static int64_t places[342];
	opv_comparison *c = NULL;
	opv_error err = OPV_ERROR_INIT;
	int rc = opv_compare_parse_csv(&c, reg, places, places, text, len, "p.csv", &err);
	size_t i, exact = 0;
	if (rc) {
		FUZZ_CHECK_ERROR(rc, err);
		return;
	}
	for (i = 0; i < opv_comparison_count(c); i++) {
		const opv_comparison_row *r = opv_comparison_at(c, i);
		FUZZ_CHECK(r->difference == r->computed - r->published);
		exact += r->difference == 0;
	}
	FUZZ_CHECK(exact == opv_comparison_exact(c));
	opv_comparison_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned pick;
	if (!reg && opv_register_default(&reg, NULL) != OPV_OK)
		abort();
	if (size == 0)
		return 0;
	pick = data[0];
	data++;
	size--;
	switch (pick % 5) {
	case 0: keyed((const char *)data, size, (pick >> 3) & 3); break;
	case 1: swaps((const char *)data, size); break;
	case 2: history((const char *)data, size); break;
	case 3: published((const char *)data, size); break;
	default: realised_log((const char *)data, size); break;
	}
	return 0;
}
