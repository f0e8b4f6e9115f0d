/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The status-holder housing task (opvang/housing.h).  Integer arithmetic
 * throughout, every product and sum checked for overflow: the law's numbers
 * are whole people, and a wrapped-around task would be a wrong number rather
 * than an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/housing.h"
#include "csv_table.h"
#include "error.h"
#include "versioned.h"

static int add_checked(int64_t *sum, int64_t a, int64_t b)
{
	return __builtin_add_overflow(a, b, sum) ? OPV_ERANGE : OPV_OK;
}

/* ceil(vg * p / total) for vg, p >= 0 and total > 0, or OPV_ERANGE. */
static int share_rounded_up(int64_t *task, int64_t vg, int64_t p, int64_t total)
{
	int64_t product;
	if (__builtin_mul_overflow(vg, p, &product))
		return OPV_ERANGE;
	*task = product / total + (product % total != 0);
	return OPV_OK;
}

struct agreement_row {
	const char *agreement;
	size_t row;
};

static int by_agreement_then_row(const void *a, const void *b)
{
	const struct agreement_row *x = a, *y = b;
	int c = strcmp(x->agreement, y->agreement);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/*
 * Every agreement adds up to zero.  The rows are sorted by agreement, so that
 * each agreement is summed once (n log n, not n^2); of the agreements that
 * fail, the one whose first row comes first is named.
 */
static int check_agreements(const opv_swap *swaps, size_t nswaps, opv_error *err)
{
	struct agreement_row *order = malloc((nswaps ? nswaps : 1) * sizeof *order);
	size_t i, start, failed = nswaps;  /* first row of the failing agreement */
	int64_t failed_sum = 0;
	int overflow = 0;
	if (!order)
		return opv__fail(err, OPV_ENOMEM, "out of memory checking %zu swaps", nswaps);
	for (i = 0; i < nswaps; i++)
		order[i] = (struct agreement_row){ swaps[i].agreement, i };
	qsort(order, nswaps, sizeof *order, by_agreement_then_row);
	for (start = 0; start < nswaps; start = i) {
		int64_t sum = 0;
		int over = 0;
		for (i = start; i < nswaps && strcmp(order[i].agreement, order[start].agreement) == 0;
		     i++)
			over |= !over && add_checked(&sum, sum, swaps[order[i].row].delta);
		if ((over || sum != 0) && order[start].row < failed) {
			failed = order[start].row;
			failed_sum = sum;
			overflow = over;
		}
	}
	free(order);
	if (failed == nswaps)
		return OPV_OK;
	if (overflow)
		return opv__fail(err, OPV_ERANGE, "swap agreement '%.64s' overflows",
		                 swaps[failed].agreement);
	return opv__fail(err, OPV_EINVAL, "swap agreement '%.64s' does not add up to zero (sum %lld)",
	                 swaps[failed].agreement, (long long)failed_sum);
}

/* Sums the swap deltas per municipality and checks every agreement. */
static int apply_swaps(int64_t *swapped, const opv_register *reg, const int64_t *task,
                       const opv_swap *swaps, size_t nswaps, opv_error *err)
{
	opv_error why = OPV_ERROR_INIT;
	size_t i, n = opv_register_count(reg);
	memset(swapped, 0, n * sizeof *swapped);
	for (i = 0; i < nswaps; i++) {
		size_t at;
		if (!swaps[i].agreement || !swaps[i].code)
			return opv__fail(err, OPV_EINVAL, "swap %zu has no agreement or code", i);
		if (opv_register_find(&at, reg, swaps[i].code, &why) != OPV_OK)
			return opv__fail(err, why.code, "swap agreement '%.64s': %s", swaps[i].agreement,
			                 why.message);
		if (add_checked(&swapped[at], swapped[at], swaps[i].delta))
			return opv__fail(err, OPV_ERANGE, "swaps for %s overflow", swaps[i].code);
	}
	{
		int rc = check_agreements(swaps, nswaps, err);
		if (rc)
			return rc;
	}
	for (i = 0; i < nswaps; i++) {
		size_t at;
		int64_t swapped_task;
		opv_register_find(&at, reg, swaps[i].code, NULL);
		if (add_checked(&swapped_task, task[at], swapped[at]))
			return opv__fail(err, OPV_ERANGE,
			                 "swap agreement '%.64s' takes the task of %s (%s) past 64 bits "
			                 "(%lld %+lld)",
			                 swaps[i].agreement, swaps[i].code, opv_register_at(reg, at)->name,
			                 (long long)task[at], (long long)swapped[at]);
		if (swapped_task < 0)
			return opv__fail(err, OPV_EINVAL,
			                 "swap agreement '%.64s' takes the task of %s (%s) below zero "
			                 "(%lld %+lld)",
			                 swaps[i].agreement, swaps[i].code, opv_register_at(reg, at)->name,
			                 (long long)task[at], (long long)swapped[at]);
	}
	return OPV_OK;
}

static void reference_warning(opv_housing_summary *s, const opv_register *reg, opv_period period)
{
	char want[16], name[OPV_PERIOD_TEXT_SIZE];
	const char *have = opv_register_reference_date(reg);
	opv_period_reference_date(want, sizeof want, period, NULL);
	opv_period_format(name, sizeof name, period, NULL);
	if (!have[0])
		snprintf(s->warning, sizeof s->warning,
		         "the register has no reference date; %s uses the population of %s", name, want);
	else if (strcmp(have, want) != 0)
		snprintf(s->warning, sizeof s->warning,
		         "the register's population is of %s, but %s uses the population of %s", have,
		         name, want);
}

/* The working arrays of one half-year, in one allocation. */
struct housing_work {
	int64_t *task, *swapped, *carried, *corrected, *balance;
};

int opv_housing_task(const opv_housing_columns *out, opv_housing_summary *summary,
                     const opv_register *reg, const int64_t *previous_balance,
                     const int64_t *realised, const opv_swap *swaps, size_t nswaps,
                     const opv_housing_options *o, opv_error *err)
{
	opv_housing_summary sum = OPV_HOUSING_SUMMARY_INIT;
	struct housing_work w;
	size_t i, n;
	int64_t total, *block;
	int rc = OPV_OK;
	char name[OPV_PERIOD_TEXT_SIZE];

	if (!out || !reg || !o)
		return opv__fail(err, OPV_EINVAL, "output columns, register or options is NULL");
	if (nswaps > 0 && !swaps)
		return opv__fail(err, OPV_EINVAL, "swaps is NULL");
	if ((rc = opv__check_version(o->version, OPV_HOUSING_OPTIONS_VERSION, "housing options", err))
	    || (rc = opv__check_version(out->version, OPV_HOUSING_COLUMNS_VERSION, "housing columns",
	                                err))
	    || (summary && (rc = opv__check_version(summary->version, OPV_HOUSING_SUMMARY_VERSION,
	                                            "housing summary", err))))
		return rc;
	if (opv_period_format(name, sizeof name, o->period, err))
		return OPV_EINVAL;
	if (o->national < 0 || o->national > OPV_COUNT_MAX)
		return opv__fail(err, OPV_ERANGE, "the national number %lld for %s is outside 0..2^53",
		                 (long long)o->national, name);
	if (o->population_total < 0)
		return opv__fail(err, OPV_ERANGE, "the national population %lld is negative",
		                 (long long)o->population_total);
	total = o->population_total ? o->population_total : opv_register_population(reg);
	if (total <= 0)
		return opv__fail(err, OPV_EINVAL, "the register has no inhabitants");

	n = opv_register_count(reg);
	block = malloc(5 * (n ? n : 1) * sizeof *block);
	if (!block)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	w.task = block;
	w.swapped = block + n;
	w.carried = block + 2 * n;
	w.corrected = block + 3 * n;
	w.balance = block + 4 * n;
	memset(&sum, 0, sizeof sum);
	sum.population_total = total;

	for (i = 0; i < n && !rc; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		if (share_rounded_up(&w.task[i], o->national, m->population, total))
			rc = opv__fail(err, OPV_ERANGE,
			               "vg %lld times the population %lld of %s (%s) overflows 64 bits",
			               (long long)o->national, (long long)m->population, m->code, m->name);
	}
	if (!rc)
		rc = apply_swaps(w.swapped, reg, w.task, swaps, nswaps, err);
	for (i = 0; i < n && !rc; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		int64_t previous = previous_balance ? previous_balance[i] : 0;
		w.carried[i] = (previous < 0 && !o->carry_advance) ? 0 : previous;
		if (add_checked(&w.corrected[i], w.task[i], w.swapped[i]) ||
		    add_checked(&w.corrected[i], w.corrected[i], w.carried[i])) {
			rc = opv__fail(err, OPV_ERANGE, "the corrected task of %s (%s) overflows", m->code,
			               m->name);
			break;
		}
		if (realised) {
			if (realised[i] < 0) {
				rc = opv__fail(err, OPV_ERANGE, "realised count %lld of %s (%s) is negative",
				               (long long)realised[i], m->code, m->name);
				break;
			}
			if (__builtin_sub_overflow(w.corrected[i], realised[i], &w.balance[i])) {
				rc = opv__fail(err, OPV_ERANGE, "the balance of %s (%s) overflows", m->code,
				               m->name);
				break;
			}
		}
		if (add_checked(&sum.task, sum.task, w.task[i]) ||
		    add_checked(&sum.corrected, sum.corrected, w.corrected[i]) ||
		    (realised && add_checked(&sum.balance, sum.balance, w.balance[i]))) {
			rc = opv__fail(err, OPV_ERANGE, "the national sums overflow at %s", m->code);
			break;
		}
	}
	if (!rc) {
#define COPY(member) if (out->member) memcpy(out->member, w.member, n * sizeof *block)
		COPY(task);
		COPY(swapped);
		COPY(carried);
		COPY(corrected);
		if (realised)
			COPY(balance);
#undef COPY
		if (summary) {
			reference_warning(&sum, reg, o->period);
			opv__struct_copy(summary, &sum, opv__opv_housing_summary_sizes, summary->version);
		}
	}
	free(block);
	return rc;
}

int opv_housing_expected(double *expected, int64_t corrected, int month, opv_error *err)
{
	int64_t product;
	if (!expected)
		return opv__fail(err, OPV_EINVAL, "output is NULL");
	if (month < 1 || month > 6)
		return opv__fail(err, OPV_EINVAL, "month %d is not 1..6 of a half-year", month);
	if (__builtin_mul_overflow(corrected, (int64_t)month, &product))
		return opv__fail(err, OPV_ERANGE, "%lld times %d overflows", (long long)corrected, month);
	*expected = (double)product / 6.0;
	return OPV_OK;
}

int opv_housing_run(int64_t *task, int64_t *corrected, int64_t *balance, const opv_register *reg,
                    opv_period first, const int64_t *national, size_t nperiods,
                    const int64_t *realised, const int64_t *initial_balance, int carry_advance,
                    opv_error *err)
{
	size_t n, p;
	int64_t *work;
	opv_period period = first;
	int rc = OPV_OK;

	if (!balance || !reg || (nperiods > 0 && (!national || !realised)))
		return opv__fail(err, OPV_EINVAL, "balance, register, national or realised is NULL");
	n = opv_register_count(reg);
	if (nperiods > 0 && n > SIZE_MAX / sizeof *work / 3 / nperiods)
		return opv__fail(err, OPV_ERANGE, "too many periods (%zu)", nperiods);
	work = malloc(3 * (nperiods * n + 1) * sizeof *work);
	if (!work)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu periods", nperiods);
	for (p = 0; p < nperiods && !rc; p++) {
		opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
		opv_housing_columns cols = { OPV_HOUSING_COLUMNS_VERSION, work + p * n, NULL, NULL, work + (nperiods + p) * n,
		                             work + (2 * nperiods + p) * n };
		const int64_t *previous = p ? work + (2 * nperiods + p - 1) * n : initial_balance;
		o.national = national[p];
		o.period = period;
		o.carry_advance = carry_advance;
		rc = opv_housing_task(&cols, NULL, reg, previous, realised + p * n, NULL, 0, &o, err);
		if (rc && err) {
			char name[OPV_PERIOD_TEXT_SIZE] = "?", msg[OPV_ERROR_MESSAGE_SIZE];
			opv_period_format(name, sizeof name, period, NULL);
			snprintf(msg, sizeof msg, "%s", err->message);
			opv__fail(err, rc, "%s: %s", name, msg);
		}
		period = opv_period_next(period);
	}
	if (!rc) {
		if (task)
			memcpy(task, work, nperiods * n * sizeof *work);
		if (corrected)
			memcpy(corrected, work + nperiods * n, nperiods * n * sizeof *work);
		memcpy(balance, work + 2 * nperiods * n, nperiods * n * sizeof *work);
	}
	free(work);
	return rc;
}

/* ---- swaps from CSV ---------------------------------------------------------- */

struct opv_swap_table {
	struct opv__csv_table table; /* owns the strings */
	size_t count;
	opv_swap *swaps;
};

void opv_swap_table_free(opv_swap_table *t)
{
	if (!t)
		return;
	opv__csv_free(&t->table);
	free(t->swaps);
	free(t);
}

size_t opv_swap_table_count(const opv_swap_table *t)
{
	return t ? t->count : 0;
}

const opv_swap *opv_swap_table_swaps(const opv_swap_table *t)
{
	return t ? t->swaps : NULL;
}

static int swaps_from_table(opv_swap_table **out, struct opv__csv_table *t, opv_error *err)
{
	static const char *const agreement_names[] = { "agreement", NULL };
	static const char *const code_names[] = { "code", NULL };
	static const char *const delta_names[] = { "delta", NULL };
	size_t ac, cc, dc, i;
	opv_swap_table *st;
	int rc;
	if ((rc = opv__csv_require_column(&ac, t, agreement_names, err)) ||
	    (rc = opv__csv_require_column(&cc, t, code_names, err)) ||
	    (rc = opv__csv_require_column(&dc, t, delta_names, err)))
		return rc;
	/* A header alone: no agreements, a valid answer. */
	st = calloc(1, sizeof *st);
	if (st)
		st->swaps = calloc(t->nrows + 1, sizeof *st->swaps);
	if (!st || !st->swaps) {
		opv_swap_table_free(st);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", t->source);
	}
	for (i = 0; i < t->nrows && !rc; i++) {
		st->swaps[i].agreement = opv__csv_cell(t, i, ac);
		st->swaps[i].code = opv__csv_cell(t, i, cc);
		if (!st->swaps[i].agreement[0])
			rc = opv__csv_fail(err, OPV_EPARSE, t, i, ac, "agreement is empty");
		else
			rc = opv__csv_whole(&st->swaps[i].delta, t, i, dc, err);
	}
	if (rc) {
		opv_swap_table_free(st);
		return rc;
	}
	st->count = t->nrows;
	st->table = *t;
	memset(t, 0, sizeof *t);
	*out = st;
	return OPV_OK;
}

static int convert_swaps(void *out, struct opv__csv_table *t, const void *context, opv_error *err)
{
	(void)context;
	return swaps_from_table(out, t, err);
}

int opv_swap_table_load_csv(opv_swap_table **out, const char *path, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	return opv__csv_load(out, &source, OPV_VALUES_MAX_ROWS, convert_swaps, NULL, err);
}

int opv_swap_table_parse_csv(opv_swap_table **out, const char *data, size_t len, const char *source,
                             opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	return opv__csv_load(out, &src, OPV_VALUES_MAX_ROWS, convert_swaps, NULL, err);
}

__extension__ typedef __int128 i128;

int opv_housing_backlog(int64_t *backlog, int64_t *advance, int64_t *net, const int64_t *balance,
                        size_t n, opv_error *err)
{
	/* In 128 bits no sum of 64-bit balances overflows (n < 2^63), so the
	 * question is only whether each figure fits: an overflow belongs to a
	 * figure, not to the balance at which a running sum happened to cross.
	 * The net sum lies between -advance and backlog, so it fits when they do. */
	i128 behind = 0, ahead = 0;
	size_t i;
	if (n > 0 && !balance)
		return opv__fail(err, OPV_EINVAL, "balance is NULL");
	for (i = 0; i < n; i++) {
		if (balance[i] > 0)
			behind += balance[i];
		else
			ahead -= (i128)balance[i];
	}
	if (behind > INT64_MAX || ahead > INT64_MAX)
		return opv__fail(err, OPV_ERANGE, "the national %s of these %zu balances is beyond "
		                 "64 bits", behind > INT64_MAX ? "backlog" : "advance", n);
	if (backlog)
		*backlog = (int64_t)behind;
	if (advance)
		*advance = (int64_t)ahead;
	if (net)
		*net = (int64_t)(behind - ahead);
	return OPV_OK;
}
