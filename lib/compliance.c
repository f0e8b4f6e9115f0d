/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Counting places as the Spreidingswet counts them, and setting them against
 * the task per municipality, province and nation (opvang/places.h).
 *
 * opv_location_assess() is the only place where the counting rules are
 * written down; every total here, in opv_places_on() and in the bindings is a
 * sum of what it says.
 */
#include <stdlib.h>
#include <string.h>

#include "opvang/places.h"
#include "date_internal.h"
#include "error.h"
#include "versioned.h"
#include "locations_internal.h"
#include "register_internal.h"
#include "tasks_internal.h"

/* ---- names ------------------------------------------------------------------ */

const char *opv_durability_name(opv_durability durability)
{
	switch (durability) {
	case OPV_DURABLE_AGREED_PERIOD:
		return "agreed-period";
	case OPV_DURABLE_REMAINING:
		return "remaining";
	}
	return NULL;
}

int opv_durability_from_name(opv_durability *durability, const char *name, opv_error *err)
{
	if (!durability || !name)
		return opv__fail(err, OPV_EINVAL, "durability or name is NULL");
	if (strcmp(name, "agreed-period") == 0)
		*durability = OPV_DURABLE_AGREED_PERIOD;
	else if (strcmp(name, "remaining") == 0)
		*durability = OPV_DURABLE_REMAINING;
	else
		return opv__fail(err, OPV_ENOTFOUND,
		                 "unknown durability '%.32s' (known: agreed-period, remaining)", name);
	return OPV_OK;
}

int opv_location_types_parse(unsigned int *types, const char *list, opv_error *err)
{
	unsigned int bits = 0;
	const char *at;
	if (!types || !list)
		return opv__fail(err, OPV_EINVAL, "types or list is NULL");
	for (at = list; *at;) {
		char name[32];
		size_t len = strcspn(at, ",");
		opv_location_type type;
		int rc;
		if (len == 0 || len >= sizeof name)
			return opv__fail(err, OPV_EINVAL, "'%.64s' is not a list of location types such "
			                 "as azc,amv", list);
		memcpy(name, at, len);
		name[len] = '\0';
		rc = opv_location_type_from_name(&type, name, err);
		if (rc)
			return rc;
		bits |= 1u << type;
		at += len;
		if (*at == ',' && *++at == '\0')
			return opv__fail(err, OPV_EINVAL, "'%.64s' ends with a comma", list);
	}
	if (!bits)
		return opv__fail(err, OPV_EINVAL, "the list of location types is empty");
	*types = bits;
	return OPV_OK;
}

const char *opv_count_reason_name(opv_count_reason reason)
{
	static const char *const names[] = {
		"counts", "not-open", "not-regular", "not-durable", "small-existing"
	};
	return (unsigned)reason < sizeof names / sizeof *names ? names[reason] : NULL;
}

const char *opv_level_name(opv_level level)
{
	static const char *const names[] = { "municipality", "province", "nation" };
	return (unsigned)level < sizeof names / sizeof *names ? names[level] : NULL;
}

static const char *const column_names[OPV_COMPLIANCE_COLUMN_COUNT] = {
	"task", "task_amv", "places_counting", "places_counting_amv", "places_total",
	"places_above_agreement", "gap", "gap_amv", "met", "municipalities", "municipalities_short"
};

const char *opv_compliance_column_name(opv_compliance_column column)
{
	return (unsigned)column < OPV_COMPLIANCE_COLUMN_COUNT ? column_names[column] : NULL;
}

int opv_compliance_column_needs_task(opv_compliance_column column)
{
	switch (column) {
	case OPV_COLUMN_TASK:
	case OPV_COLUMN_TASK_AMV:
	case OPV_COLUMN_GAP:
	case OPV_COLUMN_GAP_AMV:
	case OPV_COLUMN_MET:
	case OPV_COLUMN_MUNICIPALITIES_SHORT:
		return 1;
	default:
		return 0;
	}
}

/* ---- the counting rules ----------------------------------------------------- */

static int check_options(const opv_compliance_options *o, opv_error *err)
{
	if (opv__check_version(o->version, OPV_COMPLIANCE_OPTIONS_VERSION, "compliance options", err))
		return OPV_EINVAL;
	if (o->min_years < 0 || o->min_years > 1000)
		return opv__fail(err, OPV_EINVAL, "min_years %d is outside 0..1000", o->min_years);
	if (!opv_durability_name(o->durability))
		return opv__fail(err, OPV_EINVAL, "unknown durability %d", (int)o->durability);
	if (o->existing_min_places < 0)
		return opv__fail(err, OPV_EINVAL, "existing_min_places %lld is negative",
		                 (long long)o->existing_min_places);
	if (o->counting_types >> OPV_LOCATION_TYPE_COUNT)
		return opv__fail(err, OPV_EINVAL, "counting_types 0x%x has bits of no location type",
		                 o->counting_types);
	return OPV_OK;
}

/*
 * The rules of the file comment of opvang/places.h, in their order:
 *   1. open on the day:            opens <= day < closes
 *   2. a regular type:             azc or amv (Besluit, Stb. 2024, 13)
 *      and durable:                open-ended, or agreed for min_years
 *   3. what counts:                min(capacity, agreed_capacity)
 *   +  optionally, an existing location counts only from a minimum size.
 * Each is an option with the law's reading as its default.
 * Options are checked by the callers.
 */
static opv_count_reason assess(int64_t *counting, const opv_location *loc, opv_day day,
                               const opv_compliance_options *o)
{
	opv_day durable_from;
	int64_t places;
	*counting = 0;
	if (!opv_location_is_open(loc, day))
		return OPV_NOT_OPEN;
	if (!(o->counting_types & (1u << loc->type)))
		return OPV_NOT_REGULAR;
	durable_from = o->durability == OPV_DURABLE_REMAINING ? day : loc->opens;
	if (!loc->open_ended && loc->closes < opv__add_years64(durable_from, o->min_years))
		return OPV_NOT_DURABLE;
	places = loc->capacity < loc->agreed_capacity || o->count_above_agreement
	                 ? loc->capacity : loc->agreed_capacity;
	if (o->existing_min_places > 0 && loc->opens < o->existing_before
	    && places < o->existing_min_places)
		return OPV_SMALL_EXISTING;
	*counting = places;
	return OPV_COUNTS;
}

int opv_location_assess(opv_count_reason *reason, int64_t *counting, const opv_location *location,
                        opv_day day, const opv_compliance_options *options, opv_error *err)
{
	static const opv_compliance_options law = OPV_COMPLIANCE_OPTIONS_INIT;
	int64_t places;
	int rc;
	if (!reason || !counting || !location)
		return opv__fail(err, OPV_EINVAL, "reason, counting or location is NULL");
	if (!options)
		options = &law;
	rc = check_options(options, err);
	if (rc)
		return rc;
	/* Before the type is used as a shift count (1u << type). */
	if (!opv_location_type_name(location->type))
		return opv__fail(err, OPV_EINVAL, "location '%.64s' has an unknown type %d",
		                 location->id ? location->id : "", (int)location->type);
	*reason = assess(&places, location, day, options);
	*counting = places;
	return OPV_OK;
}

int opv_location_counts(const opv_location *loc, int min_years)
{
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	int64_t places;
	if (!loc || min_years < 0 || min_years > 1000 || !opv_location_type_name(loc->type))
		return 0;
	o.min_years = min_years;
	/* On its first day a location is open, so only type and durability decide. */
	return assess(&places, loc, loc->opens, &o) == OPV_COUNTS;
}

/* ---- the table ---------------------------------------------------------------- */

/* The columns of one level, each `rows` long, in one block. */
struct level_table {
	size_t rows;
	int64_t *column[OPV_COMPLIANCE_COLUMN_COUNT];
};

struct opv_compliance {
	opv_day day;
	int has_task;
	struct level_table level[3];
	int64_t *block;
};

void opv_compliance_free(opv_compliance *c)
{
	if (!c)
		return;
	free(c->block);
	free(c);
}

opv_day opv_compliance_day(const opv_compliance *c)
{
	return c ? c->day : 0;
}

int opv_compliance_has_task(const opv_compliance *c)
{
	return c ? c->has_task : 0;
}

size_t opv_compliance_rows(const opv_compliance *c, opv_level level)
{
	return c && (unsigned)level < 3 ? c->level[level].rows : 0;
}

static int add_checked(int64_t *sum, int64_t value)
{
	return __builtin_add_overflow(*sum, value, sum);
}

/* Gap and met of every row of a level, from its sums. */
static void settle(struct level_table *t)
{
	size_t r;
	for (r = 0; r < t->rows; r++) {
		/* Both sums are >= 0 (and checked by sum_up()), so no difference overflows. */
		int64_t gap = t->column[OPV_COLUMN_TASK][r] - t->column[OPV_COLUMN_PLACES_COUNTING][r];
		int64_t gap_amv = t->column[OPV_COLUMN_TASK_AMV][r] -
		                  t->column[OPV_COLUMN_PLACES_COUNTING_AMV][r];
		t->column[OPV_COLUMN_GAP][r] = gap;
		t->column[OPV_COLUMN_GAP_AMV][r] = gap_amv;
		t->column[OPV_COLUMN_MET][r] = gap <= 0 && gap_amv <= 0;
	}
}

/* Sums the municipality level into the province and nation levels. */
static int sum_up(opv_compliance *c, const opv_register *reg, opv_error *err)
{
	static const opv_compliance_column summed[] = {
		OPV_COLUMN_TASK, OPV_COLUMN_TASK_AMV, OPV_COLUMN_PLACES_COUNTING,
		OPV_COLUMN_PLACES_COUNTING_AMV, OPV_COLUMN_PLACES_TOTAL,
		OPV_COLUMN_PLACES_ABOVE_AGREEMENT, OPV_COLUMN_MUNICIPALITIES,
	};
	const struct level_table *m = &c->level[OPV_LEVEL_MUNICIPALITY];
	size_t i, k;
	int level;
	for (i = 0; i < m->rows; i++) {
		size_t rows[2] = { opv_register_province_of(reg, i), 0 };
		for (level = OPV_LEVEL_PROVINCE; level <= OPV_LEVEL_NATION; level++) {
			struct level_table *t = &c->level[level];
			size_t r = rows[level - OPV_LEVEL_PROVINCE];
			for (k = 0; k < sizeof summed / sizeof *summed; k++)
				if (add_checked(&t->column[summed[k]][r], m->column[summed[k]][i]))
					return opv__fail(err, OPV_ERANGE, "the %s of %s overflows at %s",
					                 column_names[summed[k]],
					                 level == OPV_LEVEL_NATION
					                         ? "the nation"
					                         : opv_register_province_at(reg, r)->code,
					                 opv_register_at(reg, i)->code);
			t->column[OPV_COLUMN_MUNICIPALITIES_SHORT][r] += !m->column[OPV_COLUMN_MET][i];
		}
	}
	/* Sums stay below 2^53, so that every binding holds them exactly. */
	for (level = OPV_LEVEL_PROVINCE; level <= OPV_LEVEL_NATION; level++)
		for (i = 0; i < c->level[level].rows; i++)
			for (k = 0; k < sizeof summed / sizeof *summed; k++)
				if (c->level[level].column[summed[k]][i] >= ((int64_t)1 << 53))
					return opv__fail(err, OPV_ERANGE, "the %s of %s is 2^53 or more",
					                 column_names[summed[k]],
					                 level == OPV_LEVEL_NATION
					                         ? "the nation"
					                         : opv_register_province_at(reg, i)->code);
	settle(&c->level[OPV_LEVEL_PROVINCE]);
	settle(&c->level[OPV_LEVEL_NATION]);
	return OPV_OK;
}

static opv_compliance *allocate(size_t municipalities, size_t provinces)
{
	opv_compliance *c = calloc(1, sizeof *c);
	size_t rows = municipalities + provinces + 1, k, level, at = 0;
	if (!c)
		return NULL;
	c->block = calloc(rows * OPV_COMPLIANCE_COLUMN_COUNT, sizeof *c->block);
	if (!c->block) {
		free(c);
		return NULL;
	}
	c->level[OPV_LEVEL_MUNICIPALITY].rows = municipalities;
	c->level[OPV_LEVEL_PROVINCE].rows = provinces;
	c->level[OPV_LEVEL_NATION].rows = 1;
	for (level = 0; level < 3; level++) {
		for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++) {
			c->level[level].column[k] = c->block + at;
			at += c->level[level].rows;
		}
	}
	return c;
}

int opv_compliance_on(opv_compliance **out, const opv_register *reg,
                      const opv_locations *locations, const opv_tasks *tasks, opv_day day,
                      const opv_compliance_options *options, opv_error *err)
{
	static const opv_compliance_options law = OPV_COMPLIANCE_OPTIONS_INIT;
	struct level_table *m;
	opv_compliance *c;
	size_t i, n, count;
	int rc;
	if (!out || !reg || !locations)
		return opv__fail(err, OPV_EINVAL, "output, register or locations is NULL");
	if (!options)
		options = &law;
	rc = check_options(options, err);
	if (rc)
		return rc;
	n = opv_register_count(reg);
	if (opv__locations_register_count(locations) != n)
		return opv__fail(err, OPV_EINVAL,
		                 "the locations were checked against a register of %zu municipalities, "
		                 "not this one of %zu", opv__locations_register_count(locations), n);
	if (tasks && opv__tasks_count(tasks) != n)
		return opv__fail(err, OPV_EINVAL,
		                 "the tasks were made for a register of %zu municipalities, not this one "
		                 "of %zu", opv__tasks_count(tasks), n);
	if (tasks && opv__tasks_fingerprint(tasks) != opv__register_fingerprint(reg))
		return opv__fail(err, OPV_EINVAL, "the tasks were made for a register with other "
		                 "municipalities or another order");
	c = allocate(n, opv_register_province_count(reg));
	if (!c)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	c->day = day;
	c->has_task = tasks != NULL;
	m = &c->level[OPV_LEVEL_MUNICIPALITY];
	/* Capacities are below 2^40 and tables below 2^20 rows: no place sum overflows. */
	count = opv_locations_count(locations);
	for (i = 0; i < count; i++) {
		const opv_location *loc = opv_locations_at(locations, i);
		size_t g = loc->municipality;
		int64_t counting;
		if (assess(&counting, loc, day, options) == OPV_NOT_OPEN)
			continue;
		m->column[OPV_COLUMN_PLACES_TOTAL][g] += loc->capacity;
		if (loc->capacity > loc->agreed_capacity)
			m->column[OPV_COLUMN_PLACES_ABOVE_AGREEMENT][g] +=
			        loc->capacity - loc->agreed_capacity;
		m->column[OPV_COLUMN_PLACES_COUNTING][g] += counting;
		if (loc->type == OPV_LOCATION_AMV)
			m->column[OPV_COLUMN_PLACES_COUNTING_AMV][g] += counting;
	}
	for (i = 0; i < n; i++) {
		m->column[OPV_COLUMN_MUNICIPALITIES][i] = 1;
		if (tasks) {
			m->column[OPV_COLUMN_TASK][i] = opv__tasks_task(tasks)[i];
			m->column[OPV_COLUMN_TASK_AMV][i] = opv__tasks_amv(tasks)[i];
		}
	}
	settle(m);
	for (i = 0; i < n; i++)
		m->column[OPV_COLUMN_MUNICIPALITIES_SHORT][i] = !m->column[OPV_COLUMN_MET][i];
	rc = sum_up(c, reg, err);
	if (rc) {
		opv_compliance_free(c);
		return rc;
	}
	*out = c;
	return OPV_OK;
}

static int check_level(const opv_compliance *c, opv_level level, opv_error *err)
{
	if (!c)
		return opv__fail(err, OPV_EINVAL, "compliance is NULL");
	if (!opv_level_name(level))
		return opv__fail(err, OPV_EINVAL, "unknown level %d", (int)level);
	return OPV_OK;
}

int opv_compliance_get(int64_t *out, size_t n, const opv_compliance *c, opv_level level,
                       opv_compliance_column column, opv_error *err)
{
	int rc = check_level(c, level, err);
	if (rc)
		return rc;
	if (!opv_compliance_column_name(column))
		return opv__fail(err, OPV_EINVAL, "unknown column %d", (int)column);
	if (n != c->level[level].rows)
		return opv__fail(err, OPV_EINVAL, "the %s level has %zu rows, not %zu",
		                 opv_level_name(level), c->level[level].rows, n);
	if (!out && n > 0)
		return opv__fail(err, OPV_EINVAL, "out is NULL");
	if (!c->has_task && opv_compliance_column_needs_task(column))
		return opv__fail(err, OPV_EINVAL, "the column %s needs a task, and there is none",
		                 column_names[column]);
	if (n > 0)
		memcpy(out, c->level[level].column[column], n * sizeof *out);
	return OPV_OK;
}

int opv_compliance_shortfalls(size_t *order, size_t *count, const opv_compliance *c,
                              opv_level level, opv_error *err)
{
	const struct level_table *t;
	int64_t *short_of;
	size_t r;
	int rc = check_level(c, level, err);
	if (rc)
		return rc;
	if (!order || !count)
		return opv__fail(err, OPV_EINVAL, "order or count is NULL");
	if (!c->has_task)
		return opv__fail(err, OPV_EINVAL, "shortfalls need a task, and there is none");
	t = &c->level[level];
	short_of = malloc(t->rows * sizeof *short_of + 1);
	if (!short_of)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu rows", t->rows);
	for (r = 0; r < t->rows; r++)
		short_of[r] = !t->column[OPV_COLUMN_MET][r];
	rc = opv__order_by_gap(order, count, t->column[OPV_COLUMN_GAP], short_of, t->rows, err);
	free(short_of);
	return rc;
}
