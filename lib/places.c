/* SPDX-License-Identifier: EUPL-1.2 */
/* Places per municipality on a date, and capacity over time (opvang/places.h). */
#include <stdlib.h>
#include <string.h>

#include "opvang/places.h"
#include "error.h"
#include "versioned.h"
#include "locations_internal.h"

int opv_location_is_open(const opv_location *loc, opv_day day)
{
	return loc && loc->opens <= day && (loc->open_ended || day < loc->closes);
}

static int check_register(const opv_register *reg, const opv_locations *l, opv_error *err)
{
	if (!reg || !l)
		return opv__fail(err, OPV_EINVAL, "register or locations is NULL");
	if (opv__locations_register_count(l) != opv_register_count(reg))
		return opv__fail(err, OPV_EINVAL,
		                 "the locations were checked against a register of %zu municipalities, "
		                 "not this one of %zu", opv__locations_register_count(l),
		                 opv_register_count(reg));
	return OPV_OK;
}

int opv_places_on(const opv_places_columns *out, const opv_register *reg,
                  const opv_locations *locations, const int64_t *task,
                  const opv_places_options *o, opv_error *err)
{
	opv_compliance_options rules = OPV_COMPLIANCE_OPTIONS_INIT;
	size_t i, n, count;
	int64_t *block, *total, *above, *counting;
	int rc;
	if (!out || !o)
		return opv__fail(err, OPV_EINVAL, "output columns or options is NULL");
	rc = check_register(reg, locations, err);
	if (rc)
		return rc;
	if ((rc = opv__check_version(o->version, OPV_PLACES_OPTIONS_VERSION, "places options", err))
	    || (rc = opv__check_version(out->version, OPV_PLACES_COLUMNS_VERSION, "places columns",
	                                err)))
		return rc;
	if (o->min_years < 0 || o->min_years > 1000)
		return opv__fail(err, OPV_EINVAL, "min_years %d is outside 0..1000", o->min_years);
	if (out->gap && !task)
		return opv__fail(err, OPV_EINVAL, "the gap needs a task per municipality");
	n = opv_register_count(reg);
	block = calloc(4 * n + 1, sizeof *block);
	if (!block)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	total = block;
	above = block + n;
	counting = block + 2 * n;
	/* Capacities are below 2^40 and tables below 2^20 rows: no sum can overflow. */
	rules.min_years = o->min_years;
	count = opv_locations_count(locations);
	for (i = 0; i < count; i++) {
		const opv_location *loc = opv_locations_at(locations, i);
		opv_count_reason reason;
		int64_t places = 0;  /* stays 0 should the assessment refuse the location */
		if (!opv_location_is_open(loc, o->date))
			continue;
		total[loc->municipality] += loc->capacity;
		if (loc->capacity > loc->agreed_capacity)
			above[loc->municipality] += loc->capacity - loc->agreed_capacity;
		opv_location_assess(&reason, &places, loc, o->date, &rules, NULL);
		counting[loc->municipality] += places;
	}
	if (out->gap) {
		/* Into the block first: nothing is written when one overflows. */
		for (i = 0; i < n; i++) {
			if (__builtin_sub_overflow(task[i], counting[i], &block[3 * n + i])) {
				rc = opv__fail(err, OPV_ERANGE, "the gap of %s, task %lld minus %lld counting "
				               "places, overflows", opv_register_at(reg, i)->code,
				               (long long)task[i], (long long)counting[i]);
				free(block);
				return rc;
			}
		}
		memcpy(out->gap, block + 3 * n, n * sizeof *block);
	}
	if (out->total)
		memcpy(out->total, total, n * sizeof *total);
	if (out->above_agreement)
		memcpy(out->above_agreement, above, n * sizeof *above);
	if (out->counting)
		memcpy(out->counting, counting, n * sizeof *counting);
	free(block);
	return OPV_OK;
}

/* (gap, index) pairs: largest gap first, then register order. */
struct gap_row {
	int64_t gap;
	size_t index;
};

static int by_gap_desc(const void *a, const void *b)
{
	const struct gap_row *x = a, *y = b;
	if (x->gap != y->gap)
		return x->gap < y->gap ? 1 : -1;
	return (x->index > y->index) - (x->index < y->index);
}

int opv__order_by_gap(size_t *order, size_t *count, const int64_t *gap,
                      const int64_t *short_of, size_t n, opv_error *err)
{
	struct gap_row *rows;
	size_t i, m = 0;
	rows = malloc(n * sizeof *rows + 1);
	if (!rows)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu rows", n);
	for (i = 0; i < n; i++)
		if (short_of ? short_of[i] != 0 : gap[i] > 0)
			rows[m++] = (struct gap_row){ gap[i], i };
	qsort(rows, m, sizeof *rows, by_gap_desc);
	for (i = 0; i < m; i++)
		order[i] = rows[i].index;
	*count = m;
	free(rows);
	return OPV_OK;
}

int opv_places_shortfalls(size_t *order, size_t *count, const int64_t *gap, size_t n,
                          opv_error *err)
{
	if (!order || !count || (n > 0 && !gap))
		return opv__fail(err, OPV_EINVAL, "order, count or gap is NULL");
	return opv__order_by_gap(order, count, gap, NULL, n, err);
}

/* The first week k (0..nweeks) whose day start + 7k is on or after `day`. */
static size_t first_week_on_or_after(opv_day start, size_t nweeks, opv_day day)
{
	int64_t days = (int64_t)day - start, k;
	if (days <= 0)
		return 0;
	k = (days + 6) / 7;
	return (uint64_t)k > nweeks ? nweeks : (size_t)k;
}

int opv_capacity_timeline(int64_t *capacity, size_t nweeks, size_t ncolumns,
                          const opv_register *reg, const opv_locations *locations, opv_day start,
                          opv_capacity_breakdown breakdown, opv_error *err)
{
	size_t want, k, i, count;
	int64_t *work;
	int rc;
	if (!capacity && nweeks > 0)
		return opv__fail(err, OPV_EINVAL, "capacity is NULL");
	rc = check_register(reg, locations, err);
	if (rc)
		return rc;
	if (breakdown == OPV_BY_TYPE)
		want = OPV_LOCATION_TYPE_COUNT;
	else if (breakdown == OPV_BY_PROVINCE)
		want = opv_register_province_count(reg);
	else
		return opv__fail(err, OPV_EINVAL, "unknown breakdown %d", (int)breakdown);
	if (ncolumns != want)
		return opv__fail(err, OPV_EINVAL, "this breakdown has %zu columns, not %zu", want, ncolumns);
	/* A timeline is a series of weeks, with the same limit. */
	if (nweeks > (size_t)OPV_DATE_SERIES_MAX)
		return opv__fail(err, OPV_ERANGE, "%zu weeks is more than %d", nweeks,
		                 OPV_DATE_SERIES_MAX);
	/* The last week starts on start + 7 (nweeks - 1). */
	if (nweeks > 0 && (int64_t)start + 7 * ((int64_t)nweeks - 1) > INT32_MAX)
		return opv__fail(err, OPV_ERANGE, "a timeline of %zu weeks from day %ld runs past the "
		                 "last representable day", nweeks, (long)start);
	/* One row more: a location's capacity is added in the week it is first
	 * open and taken off in the week it is first closed again, and a running
	 * sum down each column gives the capacity of every week.  So the work is
	 * locations + weeks, not locations * weeks.  No sum overflows: a location
	 * holds below 2^40 places and a table at most 10^6 locations. */
	work = calloc((nweeks + 1) * ncolumns + 1, sizeof *work);
	if (!work)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu weeks", nweeks);
	count = opv_locations_count(locations);
	for (i = 0; i < count; i++) {
		const opv_location *loc = opv_locations_at(locations, i);
		size_t column = breakdown == OPV_BY_TYPE ? (size_t)loc->type
		                                         : opv_register_province_of(reg, loc->municipality);
		size_t first = first_week_on_or_after(start, nweeks, loc->opens);
		size_t end = loc->open_ended ? nweeks : first_week_on_or_after(start, nweeks, loc->closes);
		if (first >= end)
			continue;
		work[first * ncolumns + column] += loc->capacity;
		work[end * ncolumns + column] -= loc->capacity;
	}
	for (k = 1; k < nweeks; k++)
		for (i = 0; i < ncolumns; i++)
			work[k * ncolumns + i] += work[(k - 1) * ncolumns + i];
	if (nweeks > 0) /* capacity may be NULL then, and memcpy(NULL, ...) is undefined */
		memcpy(capacity, work, nweeks * ncolumns * sizeof *work);
	free(work);
	return OPV_OK;
}

static int by_date_then_location(const void *a, const void *b)
{
	const opv_capacity_change *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->location != y->location)
		return x->location < y->location ? -1 : 1;
	return (x->delta > y->delta) - (x->delta < y->delta);
}

int opv_capacity_changes(opv_capacity_change *changes, size_t capacity, size_t *count,
                         const opv_locations *locations, opv_day from, opv_day to, opv_error *err)
{
	opv_capacity_change *all;
	size_t i, m = 0, n;
	if (!count || !locations || (capacity > 0 && !changes))
		return opv__fail(err, OPV_EINVAL, "count, locations or changes is NULL");
	n = opv_locations_count(locations);
	all = malloc(2 * n * sizeof *all + 1);
	if (!all)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu locations", n);
	for (i = 0; i < n; i++) {
		const opv_location *loc = opv_locations_at(locations, i);
		if (loc->opens >= from && loc->opens <= to)
			all[m++] = (opv_capacity_change){ loc->opens, i, loc->capacity };
		if (!loc->open_ended && loc->closes >= from && loc->closes <= to)
			all[m++] = (opv_capacity_change){ loc->closes, i, -loc->capacity };
	}
	qsort(all, m, sizeof *all, by_date_then_location);
	if (changes)
		memcpy(changes, all, (m < capacity ? m : capacity) * sizeof *all);
	*count = m;
	free(all);
	return OPV_OK;
}
