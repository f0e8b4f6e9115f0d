/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The housing section of a report (opv_report_housing_new()): the housing
 * task and the stage of supervision, computed by opv_housing_task() and
 * opv_supervision() and put in the order of the report's register.
 */
#include <stdio.h>
#include <stdlib.h>

#include "opvang/report.h"
#include "date_internal.h"
#include "error.h"

/* One allocation: the record, then its arrays and the population date. */
struct housing_store {
	opv_report_housing shown;
	char population_date[16];
	int64_t *column[4];  /* task, corrected, realised, balance */
	int64_t *ladder;     /* OPV_LADDER_COLUMN_COUNT a municipality, or NULL */
};

void opv_report_housing_free(opv_report_housing *housing)
{
	struct housing_store *h = (struct housing_store *)housing;
	int k;
	if (!h)
		return;
	for (k = 0; k < 4; k++)
		free(h->column[k]);
	free(h->ladder);
	free(h);
}

int opv_report_housing_new(opv_report_housing **out, const opv_register *reg,
                           const opv_register *housing_reg, const opv_housing_options *options,
                           const int64_t *previous_balance, const int64_t *realised,
                           const opv_balance_history *history, opv_error *err)
{
	opv_housing_columns columns = OPV_HOUSING_COLUMNS_INIT;
	opv_ladder_options ladder_options = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *ladder = NULL;
	int64_t *work[4] = { NULL };
	struct housing_store *h;
	size_t n, hn, i, j;
	int k, c, rc = OPV_OK;
	if (!out || !reg || !housing_reg || !options)
		return opv__fail(err, OPV_EINVAL, "output, registers or options is NULL");
	n = opv_register_count(reg);
	hn = opv_register_count(housing_reg);
	h = calloc(1, sizeof *h);
	if (!h)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the housing of the report");
	for (k = 0; k < 4 && !rc; k++)
		if (!(work[k] = calloc(hn + 1, sizeof *work[k]))
		    || !(h->column[k] = calloc(n + 1, sizeof *h->column[k])))
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the housing of the report");
	if (!rc) {
		columns.task = work[0];
		columns.corrected = work[1];
		columns.balance = work[3];
		rc = opv_housing_task(&columns, NULL, housing_reg, previous_balance, realised, NULL, 0,
		                      options, err);
	}
	if (!rc && history) {
		/* As the province judges at the start of the half-year: the ones before it. */
		ladder_options.as_of = opv__period_first_day(options->period);
		h->ladder = calloc(n * OPV_LADDER_COLUMN_COUNT + 1, sizeof *h->ladder);
		if (!h->ladder)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the housing of the report");
		if (!rc)
			rc = opv_ladder_run(&ladder, housing_reg, history, &ladder_options, err);
	}
	for (i = 0; !rc && i < n; i++) {
		rc = opv_register_find(&j, housing_reg, opv_register_at(reg, i)->code, err);
		for (k = 0; !rc && k < 4; k++)
			h->column[k][i] = k == 2 ? (realised ? realised[j] : 0) : work[k][j];
		for (c = 0; !rc && ladder && c < OPV_LADDER_COLUMN_COUNT; c++)
			h->ladder[i * OPV_LADDER_COLUMN_COUNT + (size_t)c] =
				opv_ladder_get(ladder, (opv_ladder_column)c, j);
	}
	for (k = 0; k < 4; k++)
		free(work[k]);
	if (rc) {
		opv_ladder_free(ladder);
		opv_report_housing_free(&h->shown);
		return rc;
	}
	snprintf(h->population_date, sizeof h->population_date, "%s",
	         opv_register_reference_date(housing_reg));
	h->shown = (opv_report_housing){
		OPV_REPORT_HOUSING_VERSION, options->period, options->national, h->population_date,
		h->column[0], h->column[1], realised ? h->column[2] : NULL,
		realised ? h->column[3] : NULL, h->ladder,
		ladder ? opv_ladder_period(ladder) : (opv_period){ 0, 0 }
	};
	opv_ladder_free(ladder);
	*out = &h->shown;
	return OPV_OK;
}
