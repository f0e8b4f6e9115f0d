/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Reading a projection scenario from JSON with jansson (docs/scenario.md).
 *
 * Every field is checked for presence, type and range, and unknown fields are
 * refused, so a typo ("decison_rate") is an error rather than a silent
 * default.  Messages name the field by its path: capacity.changes[1].date.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/places.h"
#include "date_internal.h"
#include "error.h"
#include "scenario_internal.h"

#define MAX_PATH_TEXT 128
#define LAST_DAY 2932896 /* 9999-12-31 */

/* Where we are in the document, for messages, and where its files are. */
struct reader {
	const char *source;
	opv_error *err;
	const char *base_dir;           /* of a locations file */
	const opv_register *reg;        /* its municipality codes; NULL: the embedded */
	const opv_scenario *like;       /* re-reading: take its locations */
	const double *location_scale;   /* re-reading: capacity of each type times this */
};

static int field_error(const struct reader *r, int code, const char *path, const char *what)
{
	return opv__fail(r->err, code, "%s: field '%s': %s", r->source, path, what);
}

/* parent.name, cut to MAX_PATH_TEXT (a path that long is already unreadable). */
static void sub_path(char *out, const char *parent, const char *name)
{
	size_t used = 0;
	if (parent[0]) {
		used = strlen(parent);
		if (used > MAX_PATH_TEXT - 2)
			used = MAX_PATH_TEXT - 2;
		memcpy(out, parent, used);
		out[used++] = '.';
	}
	snprintf(out + used, MAX_PATH_TEXT - used, "%.*s", (int)(MAX_PATH_TEXT - 1 - used), name);
}

/* Refuses keys of `object` that are not in `known` (NULL-terminated). */
static int only_known(const struct reader *r, json_t *object, const char *path,
                      const char *const *known)
{
	const char *key;
	json_t *value;
	json_object_foreach(object, key, value) {
		size_t k;
		int found = 0;
		char here[MAX_PATH_TEXT];
		(void)value;
		for (k = 0; known[k] && !found; k++)
			found = strcmp(key, known[k]) == 0;
		if (!found) {
			sub_path(here, path, key);
			return field_error(r, OPV_EINVAL, here, "unknown field");
		}
	}
	return OPV_OK;
}

static int get(json_t **out, const struct reader *r, json_t *object, const char *path,
               const char *name, int required)
{
	char here[MAX_PATH_TEXT];
	*out = json_object_get(object, name);
	if (!*out && required) {
		sub_path(here, path, name);
		return field_error(r, OPV_EINVAL, here, "missing");
	}
	return OPV_OK;
}

static int as_count(int64_t *out, const struct reader *r, json_t *v, const char *path)
{
	if (!json_is_integer(v))
		return field_error(r, OPV_EPARSE, path, "must be a whole number");
	*out = json_integer_value(v);
	if (*out < 0)
		return field_error(r, OPV_ERANGE, path, "must not be negative");
	if (*out > OPV_PROJECTION_MAX_STOCK)
		return field_error(r, OPV_ERANGE, path, "is above 10^9");
	return OPV_OK;
}

static int as_number(double *out, const struct reader *r, json_t *v, const char *path, double lo,
                     double hi, const char *range)
{
	if (!json_is_number(v))
		return field_error(r, OPV_EPARSE, path, "must be a number");
	*out = json_number_value(v);
	if (!(*out >= lo && *out <= hi)) {
		char what[96], number[OPV_NUMBER_TEXT_SIZE];
		/* A whole number is shown as written: as a double 2^53 + 1 would
		 * read as 2^53. */
		if (json_is_integer(v))
			snprintf(what, sizeof what, "%lld is outside %s", (long long)json_integer_value(v),
			         range);
		else
			snprintf(what, sizeof what, "%s is outside %s", opv__number_text(number, *out),
			         range);
		return field_error(r, OPV_ERANGE, path, what);
	}
	return OPV_OK;
}

static int as_rate(double *out, const struct reader *r, json_t *object, const char *parent,
                   const char *name, int required, double fallback)
{
	json_t *v;
	char here[MAX_PATH_TEXT];
	int rc = get(&v, r, object, parent, name, required);
	*out = fallback;
	if (rc || !v)
		return rc;
	sub_path(here, parent, name);
	return as_number(out, r, v, here, 0.0, 1.0, "[0, 1]");
}

static int as_date(opv_day *out, const struct reader *r, json_t *v, const char *path)
{
	char what[96];
	opv_error e = OPV_ERROR_INIT;
	if (!json_is_string(v))
		return field_error(r, OPV_EPARSE, path, "must be a date string like \"2026-03-30\"");
	if (opv_date_parse(out, json_string_value(v), &e) != OPV_OK) {
		if (e.code == OPV_ERANGE)  /* a day before the range: the message names it */
			return field_error(r, OPV_ERANGE, path, e.message);
		snprintf(what, sizeof what, "'%.32s' is not a date of the calendar (YYYY-MM-DD)",
		         json_string_value(v));
		return field_error(r, OPV_EPARSE, path, what);
	}
	return OPV_OK;
}

/* A number per week, or one number for every week. */
static int per_week(double *out, int weeks, const struct reader *r, json_t *v, const char *path)
{
	int k;
	if (json_is_number(v)) {
		double value;
		int rc = as_number(&value, r, v, path, 0.0, (double)OPV_PROJECTION_MAX_STOCK, "0..10^9");
		if (rc)
			return rc;
		for (k = 0; k < weeks; k++)
			out[k] = value;
		return OPV_OK;
	}
	if (!json_is_array(v))
		return field_error(r, OPV_EPARSE, path, "must be a number or an array of numbers");
	if (json_array_size(v) != (size_t)weeks) {
		char what[96];
		snprintf(what, sizeof what, "has %zu values; the scenario has %d weeks", json_array_size(v),
		         weeks);
		return field_error(r, OPV_ERANGE, path, what);
	}
	for (k = 0; k < weeks; k++) {
		char here[MAX_PATH_TEXT];
		int rc;
		snprintf(here, sizeof here, "%s[%d]", path, k);
		rc = as_number(&out[k], r, json_array_get(v, (size_t)k), here, 0.0,
		               (double)OPV_PROJECTION_MAX_STOCK, "0..10^9");
		if (rc)
			return rc;
	}
	return OPV_OK;
}

/* Row of the first day on or after `day`, clamped to 0 .. weeks + 1. */
static int row_of(const opv_scenario *s, opv_day day)
{
	int64_t diff = (int64_t)day - s->start;
	if (diff <= 0)
		return 0;
	diff = (diff + 6) / 7;
	return diff > s->weeks + 1 ? s->weeks + 1 : (int)diff;
}

enum opv__capacity_kind opv__capacity_kind_of(opv_location_type type)
{
	switch (type) {
	case OPV_LOCATION_AZC:
	case OPV_LOCATION_AMV:
		return OPV__KIND_REGULAR;
	case OPV_LOCATION_NOOD:
	case OPV_LOCATION_SPOEDNOOD:
	case OPV_LOCATION_CRISIS:
		return OPV__KIND_EMERGENCY;
	case OPV_LOCATION_HOTEL:
		return OPV__KIND_HOTEL;
	case OPV_LOCATION_DOORSTROOM:
		return OPV__KIND_TRANSIT;
	}
	return OPV__KIND_UNSPECIFIED;
}

static int as_type(opv_location_type *type, const struct reader *r, json_t *v, const char *path)
{
	char what[OPV_ERROR_MESSAGE_SIZE];
	opv_error lookup = OPV_ERROR_INIT;
	if (!json_is_string(v))
		return field_error(r, OPV_EPARSE, path, "must be a location type such as \"nood\"");
	if (opv_location_type_from_name(type, json_string_value(v), &lookup) == OPV_OK)
		return OPV_OK;
	snprintf(what, sizeof what, "%s", lookup.message);
	return field_error(r, OPV_ENOTFOUND, path, what);
}

/*
 * A rule of `extend`: the closings it selects (by id, by type, by closing
 * date in [from, until]; every given selector must hold) and how far it
 * moves them (by `weeks`, or to `to`).
 */
struct extension {
	const char *id;             /* NULL: any */
	int has_type;
	opv_location_type type;
	opv_day from, until;        /* the window of closing dates, inclusive */
	int weeks;                  /* -1: `to` instead */
	opv_day to;
	int matched;
};

struct extensions {
	struct extension *rule;
	size_t n;
};

/* The closing day of a closing after the rules: the latest a matching rule
 * gives, never earlier than `closes`.  `type` < 0: a closing without a type. */
static opv_day extended(struct extensions *x, const char *id, int type, opv_day closes)
{
	opv_day out = closes;
	size_t i;
	for (i = 0; i < x->n; i++) {
		struct extension *e = &x->rule[i];
		opv_day moved;
		if ((e->id && (!id || strcmp(e->id, id) != 0)) ||
		    (e->has_type && (type < 0 || (opv_location_type)type != e->type)) ||
		    closes < e->from || closes > e->until)
			continue;
		e->matched = 1;
		moved = e->weeks >= 0 ? (opv_day)(closes + 7 * e->weeks) : e->to;
		if (moved > out)
			out = moved;
	}
	return out > LAST_DAY ? LAST_DAY : out;
}

static int read_extensions(struct extensions *x, const struct reader *r, json_t *v)
{
	static const char *const known[] = { "id", "type", "closing_from", "closing_until", "weeks",
	                                     "until", NULL };
	size_t i;
	int rc;
	if (!json_is_array(v))
		return field_error(r, OPV_EPARSE, "extend", "must be an array of rules");
	x->n = json_array_size(v);
	if (x->n == 0)
		return OPV_OK;
	if (x->n > OPV_SCENARIO_MAX_EXTEND) {
		char what[96];
		snprintf(what, sizeof what, "has %zu rules; a scenario may have %d", x->n,
		         OPV_SCENARIO_MAX_EXTEND);
		x->n = 0;
		return field_error(r, OPV_ERANGE, "extend", what);
	}
	x->rule = calloc(x->n, sizeof *x->rule);
	if (!x->rule)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory for %zu extensions", x->n);
	for (i = 0; i < x->n; i++) {
		struct extension *e = &x->rule[i];
		json_t *rule = json_array_get(v, i), *f, *weeks, *until;
		char here[MAX_PATH_TEXT], field[MAX_PATH_TEXT];
		snprintf(here, sizeof here, "extend[%zu]", i);
		if (!json_is_object(rule))
			return field_error(r, OPV_EPARSE, here, "must be an object");
		if ((rc = only_known(r, rule, here, known)))
			return rc;
		e->from = INT32_MIN;
		e->until = INT32_MAX;
		if ((f = json_object_get(rule, "id"))) {
			sub_path(field, here, "id");
			if (!json_is_string(f) || !json_string_value(f)[0])
				return field_error(r, OPV_EPARSE, field, "must be a location or change id");
			e->id = json_string_value(f);
		}
		if ((f = json_object_get(rule, "type"))) {
			sub_path(field, here, "type");
			if ((rc = as_type(&e->type, r, f, field)))
				return rc;
			e->has_type = 1;
		}
		if ((f = json_object_get(rule, "closing_from"))) {
			sub_path(field, here, "closing_from");
			if ((rc = as_date(&e->from, r, f, field)))
				return rc;
		}
		if ((f = json_object_get(rule, "closing_until"))) {
			sub_path(field, here, "closing_until");
			if ((rc = as_date(&e->until, r, f, field)))
				return rc;
			if (e->until < e->from)
				return field_error(r, OPV_ERANGE, field, "is before closing_from");
		}
		weeks = json_object_get(rule, "weeks");
		until = json_object_get(rule, "until");
		if (!weeks == !until)
			return field_error(r, OPV_EINVAL, here,
			                   "needs one of 'weeks' (how many weeks later) or 'until' (a date)");
		e->weeks = -1;
		if (weeks) {
			sub_path(field, here, "weeks");
			if (!json_is_integer(weeks))
				return field_error(r, OPV_EPARSE, field, "must be a whole number");
			if (json_integer_value(weeks) < 0 || json_integer_value(weeks) > OPV_PROJECTION_MAX_WEEKS)
				return field_error(r, OPV_ERANGE, field, "must be 0 to 1040");
			e->weeks = (int)json_integer_value(weeks);
		} else {
			sub_path(field, here, "until");
			if ((rc = as_date(&e->to, r, until, field)))
				return rc;
		}
	}
	return OPV_OK;
}

/* An id rule that selects nothing is a typo, not a wish. */
static int check_extensions_matched(const struct extensions *x, const struct reader *r)
{
	size_t i;
	for (i = 0; i < x->n; i++) {
		char here[MAX_PATH_TEXT], what[160];
		if (x->rule[i].matched || !x->rule[i].id)
			continue;
		snprintf(here, sizeof here, "extend[%zu].id", i);
		snprintf(what, sizeof what, "no location or capacity change with id '%.64s' closes%s",
		         x->rule[i].id, x->rule[i].has_type || x->rule[i].from != INT32_MIN ||
		         x->rule[i].until != INT32_MAX ? " and matches the other selectors" : "");
		return field_error(r, OPV_EINVAL, here, what);
	}
	return OPV_OK;
}

static int add_opening(opv_scenario *s, opv_day opens, opv_day ends, int64_t delta)
{
	struct opv__opening *grown;
	if (opens <= s->start || delta <= 0 || row_of(s, opens) > s->weeks)
		return OPV_OK; /* already open, or outside the horizon: nothing to delay */
	grown = realloc(s->openings, (s->nopenings + 1) * sizeof *grown);
	if (!grown)
		return OPV_ENOMEM;
	s->openings = grown;
	s->openings[s->nopenings++] = (struct opv__opening){ row_of(s, opens), row_of(s, ends), delta };
	return OPV_OK;
}

/* Adds `delta` places to the rows from `from` until `until` (open-ended: to the end). */
static void add_rows(int64_t *rows, size_t stride, const opv_scenario *s, opv_day from,
                     opv_day until, int open_ended, int64_t delta)
{
	int k;
	for (k = 0; k <= s->weeks; k++) {
		opv_day d = (opv_day)(s->start + 7 * k);
		if (d >= from && (open_ended || d < until))
			rows[(size_t)k * stride] += delta;
	}
}

/* Places of one kind, and for reception kinds an opening Monte Carlo may delay. */
static int add_places(opv_scenario *s, enum opv__capacity_kind kind, opv_day from, opv_day until,
                      int open_ended, int64_t delta)
{
	add_rows(s->kinds + kind, OPV__KIND_COUNT, s, from, until, open_ended, delta);
	if (kind == OPV__KIND_TRANSIT)
		return OPV_OK;
	return add_opening(s, from, open_ended ? INT32_MAX : until, delta);
}

static int load_locations(opv_scenario *s, const struct reader *r, json_t *v)
{
	char path[4096];
	opv_register *own = NULL;
	const opv_register *reg = r->reg;
	int rc;
	if (r->like) {
		s->locations = r->like->locations;
		return OPV_OK;
	}
	if (!json_is_string(v))
		return field_error(r, OPV_EPARSE, "capacity.locations", "must be a file name");
	if (json_string_value(v)[0] == '/' || !r->base_dir || !r->base_dir[0])
		snprintf(path, sizeof path, "%s", json_string_value(v));
	else
		snprintf(path, sizeof path, "%s/%s", r->base_dir, json_string_value(v));
	if (!reg) {
		rc = opv_register_default(&own, r->err);
		if (rc)
			return rc;
		reg = own;
	}
	rc = opv_locations_load_csv(&s->locations, reg, path, r->err);
	opv_register_free(own);
	s->owns_locations = rc == OPV_OK;
	return rc;
}

static int read_locations(opv_scenario *s, const struct reader *r, json_t *v,
                          struct extensions *x)
{
	size_t i;
	int rc = load_locations(s, r, v);
	for (i = 0; !rc && i < opv_locations_count(s->locations); i++) {
		const opv_location *loc = opv_locations_at(s->locations, i);
		enum opv__capacity_kind kind = opv__capacity_kind_of(loc->type);
		int64_t places = loc->capacity;
		opv_day closes = loc->open_ended ? loc->closes : extended(x, loc->id, (int)loc->type,
		                                                            loc->closes);
		if (r->location_scale)
			places = (int64_t)floor((double)places * r->location_scale[loc->type] + 0.5);
		rc = add_places(s, kind, loc->opens, closes, loc->open_ended, places);
		if (!rc && kind != OPV__KIND_TRANSIT && places > loc->agreed_capacity)
			add_rows(s->above_agreement, 1, s, loc->opens, closes, loc->open_ended,
			         places - loc->agreed_capacity);
		if (rc)
			rc = opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", r->source);
	}
	return rc;
}

/* capacity.initial: a number of places without a type, or places per type. */
static int read_initial_capacity(opv_scenario *s, const struct reader *r, json_t *v)
{
	const char *key;
	json_t *value;
	if (json_is_integer(v)) {
		int64_t places;
		int rc = as_count(&places, r, v, "capacity.initial");
		if (!rc)
			add_rows(s->kinds + OPV__KIND_UNSPECIFIED, OPV__KIND_COUNT, s, s->start, 0, 1,
			         places);
		return rc;
	}
	if (!json_is_object(v))
		return field_error(r, OPV_EPARSE, "capacity.initial",
		                   "must be a whole number, or an object of places per location type");
	json_object_foreach(v, key, value) {
		char here[MAX_PATH_TEXT];
		opv_location_type type;
		int64_t places;
		json_t *name = json_string(key);
		int rc;
		sub_path(here, "capacity.initial", key);
		if (!name)
			return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", r->source);
		rc = as_type(&type, r, name, here);
		json_decref(name);
		if (rc || (rc = as_count(&places, r, value, here)))
			return rc;
		add_rows(s->kinds + opv__capacity_kind_of(type), OPV__KIND_COUNT, s, s->start, 0, 1,
		         places);
	}
	return OPV_OK;
}

static int read_change(opv_scenario *s, const struct reader *r, json_t *change, size_t i,
                       struct extensions *x)
{
	static const char *const known[] = { "date", "delta", "type", "id", NULL };
	json_t *date, *delta, *v;
	char here[MAX_PATH_TEXT], field[MAX_PATH_TEXT];
	opv_location_type type = OPV_LOCATION_AZC;
	int has_type = 0, rc;
	const char *id = NULL;
	opv_day day;
	int64_t places;
	snprintf(here, sizeof here, "capacity.changes[%zu]", i);
	if (!json_is_object(change))
		return field_error(r, OPV_EPARSE, here, "must be an object with date and delta");
	if ((rc = only_known(r, change, here, known)) ||
	    (rc = get(&date, r, change, here, "date", 1)) ||
	    (rc = get(&delta, r, change, here, "delta", 1)))
		return rc;
	sub_path(field, here, "date");
	if ((rc = as_date(&day, r, date, field)))
		return rc;
	sub_path(field, here, "delta");
	if (!json_is_integer(delta))
		return field_error(r, OPV_EPARSE, field, "must be a whole number");
	places = json_integer_value(delta);
	if (places > OPV_PROJECTION_MAX_STOCK || places < -OPV_PROJECTION_MAX_STOCK)
		return field_error(r, OPV_ERANGE, field, "is beyond 10^9 in size");
	if ((v = json_object_get(change, "type"))) {
		sub_path(field, here, "type");
		if ((rc = as_type(&type, r, v, field)))
			return rc;
		has_type = 1;
	}
	if ((v = json_object_get(change, "id"))) {
		sub_path(field, here, "id");
		if (!json_is_string(v) || !json_string_value(v)[0])
			return field_error(r, OPV_EPARSE, field, "must be a non-empty string");
		id = json_string_value(v);
	}
	if (places < 0) /* a closing: the rules of `extend` may move it */
		day = extended(x, id, has_type ? (int)type : -1, day);
	if (add_places(s, has_type ? opv__capacity_kind_of(type) : OPV__KIND_UNSPECIFIED, day, 0, 1,
	               places))
		return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", r->source);
	return OPV_OK;
}

/* Every kind, and the reception total, stays within 0 .. 10^9 on every row. */
static int check_capacity(opv_scenario *s, const struct reader *r)
{
	static const char *const kind_name[OPV__KIND_COUNT] = {
		"regular capacity", "emergency capacity", "hotel capacity", "capacity",
		"transit capacity"
	};
	int k, c;
	for (k = 0; k <= s->weeks; k++) {
		const int64_t *row = s->kinds + (size_t)k * OPV__KIND_COUNT;
		char what[160], date[OPV_DATE_TEXT_SIZE] = "?";
		const char *name = "capacity";
		int64_t bad = 0;
		s->capacity[k] = 0;
		for (c = 0; c < OPV__KIND_COUNT; c++) {
			if (c != OPV__KIND_TRANSIT)
				s->capacity[k] += row[c];
			if (!bad && (row[c] < 0 || row[c] > OPV_PROJECTION_MAX_STOCK)) {
				name = kind_name[c];
				bad = row[c] ? row[c] : 1;
			}
		}
		if (!bad && s->capacity[k] > OPV_PROJECTION_MAX_STOCK)
			bad = s->capacity[k];
		if (!bad)
			continue;
		opv_date_format(date, sizeof date, (opv_day)(s->start + 7 * k), NULL);
		snprintf(what, sizeof what, "%s on %s (week %d) would be %lld", name, date, k,
		         (long long)bad);
		return field_error(r, OPV_ERANGE, "capacity", what);
	}
	return OPV_OK;
}

static int read_capacity(opv_scenario *s, const struct reader *r, json_t *cap,
                         struct extensions *x)
{
	static const char *const known[] = { "initial", "changes", "locations", NULL };
	json_t *v;
	size_t i;
	int rc;
	if (!json_is_object(cap))
		return field_error(r, OPV_EPARSE, "capacity", "must be an object");
	if ((rc = only_known(r, cap, "capacity", known)) ||
	    (rc = get(&v, r, cap, "capacity", "initial", 1)) ||
	    (rc = read_initial_capacity(s, r, v)))
		return rc;
	v = json_object_get(cap, "changes");
	if (v) {
		if (!json_is_array(v))
			return field_error(r, OPV_EPARSE, "capacity.changes", "must be an array");
		for (i = 0; i < json_array_size(v); i++)
			if ((rc = read_change(s, r, json_array_get(v, i), i, x)))
				return rc;
	}
	v = json_object_get(cap, "locations");
	if (v && (rc = read_locations(s, r, v, x)))
		return rc;
	if ((rc = check_extensions_matched(x, r)))
		return rc;
	return check_capacity(s, r);
}

static int read_monte_carlo(opv_scenario *s, const struct reader *r, json_t *mc)
{
	static const char *const known[] = { "inflow_cv", "inflow_autocorrelation", "housing_cv",
	                                     "capacity_delay_probability", "capacity_delay_weeks", NULL };
	json_t *v;
	int rc;
	if (!json_is_object(mc))
		return field_error(r, OPV_EPARSE, "monte_carlo", "must be an object");
	if ((rc = only_known(r, mc, "monte_carlo", known)))
		return rc;
	s->has_monte_carlo = 1;
	if ((v = json_object_get(mc, "inflow_cv")) &&
	    (rc = as_number(&s->inflow_cv, r, v, "monte_carlo.inflow_cv", 0.0, 10.0, "[0, 10]")))
		return rc;
	if ((v = json_object_get(mc, "housing_cv")) &&
	    (rc = as_number(&s->housing_cv, r, v, "monte_carlo.housing_cv", 0.0, 10.0, "[0, 10]")))
		return rc;
	if ((rc = as_rate(&s->inflow_autocorrelation, r, mc, "monte_carlo", "inflow_autocorrelation",
	                  0, 0.0)) ||
	    (rc = as_rate(&s->delay_probability, r, mc, "monte_carlo", "capacity_delay_probability",
	                  0, 0.0)))
		return rc;
	if ((v = json_object_get(mc, "capacity_delay_weeks"))) {
		if (!json_is_integer(v))
			return field_error(r, OPV_EPARSE, "monte_carlo.capacity_delay_weeks",
			                   "must be a whole number");
		if (json_integer_value(v) < 0 || json_integer_value(v) > OPV_PROJECTION_MAX_WEEKS)
			return field_error(r, OPV_ERANGE, "monte_carlo.capacity_delay_weeks",
			                   "must be 0 to 1040");
		s->delay_weeks = (int)json_integer_value(v);
	}
	return OPV_OK;
}

static int read_seasonality(opv_scenario *s, const struct reader *r, json_t *v)
{
	double factor[12];
	int m, k, rc;
	if (!json_is_array(v) || json_array_size(v) != 12)
		return field_error(r, OPV_ERANGE, "inflow_seasonality",
		                   "must be an array of 12 monthly factors");
	for (m = 0; m < 12; m++) {
		char here[MAX_PATH_TEXT];
		snprintf(here, sizeof here, "inflow_seasonality[%d]", m);
		rc = as_number(&factor[m], r, json_array_get(v, (size_t)m), here, 0.0, 100.0, "[0, 100]");
		if (rc)
			return rc;
	}
	for (k = 0; k < s->weeks; k++) {
		char date[OPV_DATE_TEXT_SIZE];
		opv_date_format(date, sizeof date, (opv_day)(s->start + 7 * k), NULL);
		m = (date[5] - '0') * 10 + (date[6] - '0') - 1;
		s->inflow[k] *= factor[m];
	}
	return OPV_OK;
}

/*
 * housing_task: the national task vg of every half-year the projection's
 * weeks fall in, the share of it realised, and the backlog carried into the
 * first.  Weeks belong to the half-year of their first day; the weeks of a
 * half-year are those of the grid start + 7k (k of any sign) that fall in it.
 */
static int read_housing_task(opv_scenario *s, const struct reader *r, json_t *task)
{
	static const char *const known[] = { "national", "realisation", "initial_backlog", NULL };
	json_t *national, *v;
	opv_period first = opv__period_of_day(s->start), period;
	const char *key;
	int k, h, n, rc;
	if (!json_is_object(task))
		return field_error(r, OPV_EPARSE, "housing_task", "must be an object");
	if ((rc = only_known(r, task, "housing_task", known)) ||
	    (rc = get(&national, r, task, "housing_task", "national", 1)))
		return rc;
	if (!json_is_object(national))
		return field_error(r, OPV_EPARSE, "housing_task.national",
		                   "must be an object of half-years and numbers, like {\"2026-H1\": 14000}");
	json_object_foreach(national, key, v) {
		char here[MAX_PATH_TEXT];
		int64_t count;
		opv_error lookup = OPV_ERROR_INIT;
		sub_path(here, "housing_task.national", key);
		if (opv_period_parse(&period, key, &lookup) != OPV_OK)
			return field_error(r, OPV_EPARSE, here, lookup.message);
		if ((rc = as_count(&count, r, v, here)))
			return rc;
	}
	s->realisation = 1.0;
	if ((v = json_object_get(task, "realisation")) &&
	    (rc = as_number(&s->realisation, r, v, "housing_task.realisation", 0.0, 10.0, "[0, 10]")))
		return rc;
	if ((v = json_object_get(task, "initial_backlog"))) {
		if (!json_is_integer(v))
			return field_error(r, OPV_EPARSE, "housing_task.initial_backlog",
			                   "must be a whole number (negative: an advance)");
		s->initial_backlog = json_integer_value(v);
		if (s->initial_backlog > OPV_PROJECTION_MAX_STOCK ||
		    s->initial_backlog < -OPV_PROJECTION_MAX_STOCK)
			return field_error(r, OPV_ERANGE, "housing_task.initial_backlog",
			                   "is beyond 10^9 in size");
	}
	n = 1;
	for (period = first; opv__period_first_day(opv_period_next(period)) <=
	                     (opv_day)(s->start + 7 * (s->weeks - 1));
	     period = opv_period_next(period))
		n++;
	s->half_years = calloc((size_t)n, sizeof *s->half_years);
	s->week_half = calloc((size_t)s->weeks, sizeof *s->week_half);
	s->week_position = calloc((size_t)s->weeks, sizeof *s->week_position);
	if (!s->half_years || !s->week_half || !s->week_position)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory for %d weeks", s->weeks);
	for (h = 0, period = first; h < n; h++, period = opv_period_next(period)) {
		char text[OPV_PERIOD_TEXT_SIZE], what[160], date[OPV_DATE_TEXT_SIZE];
		opv_day from = opv__period_first_day(period);
		opv_day end = opv__period_first_day(opv_period_next(period));
		opv_day grid = (opv_day)(from + ((((int64_t)s->start - from) % 7) + 7) % 7);
		opv_period_format(text, sizeof text, period, NULL);
		v = json_object_get(national, text);
		if (!v) {
			opv_day week = h == 0 ? s->start : grid;
			opv_date_format(date, sizeof date, week, NULL);
			snprintf(what, sizeof what, "no figure for %s, which the week of %s falls in", text,
			         date);
			return field_error(r, OPV_EINVAL, "housing_task.national", what);
		}
		s->half_years[h].national = json_integer_value(v);
		s->half_years[h].weeks = (int)((end - grid + 6) / 7);
		for (k = 0; k < s->weeks; k++) {
			opv_day day = (opv_day)(s->start + 7 * k);
			if (day >= from && day < end) {
				s->week_half[k] = h;
				s->week_position[k] = (int)((day - grid) / 7);
			}
		}
	}
	s->from_task = 1;
	return OPV_OK;
}

/* references: published shortages to draw beside the projection. */
static int read_references(opv_scenario *s, const struct reader *r, json_t *v)
{
	static const char *const known[] = { "date", "shortage", "label", NULL };
	size_t i, bytes = 0, used = 0;
	int rc;
	if (!json_is_array(v))
		return field_error(r, OPV_EPARSE, "references", "must be an array");
	s->nreferences = json_array_size(v);
	if (s->nreferences == 0)
		return OPV_OK;
	for (i = 0; i < s->nreferences; i++) {
		json_t *label = json_object_get(json_array_get(v, i), "label");
		bytes += (json_is_string(label) ? strlen(json_string_value(label)) : 0) + 1;
	}
	s->references = calloc(s->nreferences, sizeof *s->references);
	s->strings = malloc(bytes);
	if (!s->references || !s->strings)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory for %zu references", s->nreferences);
	for (i = 0; i < s->nreferences; i++) {
		json_t *ref = json_array_get(v, i), *f;
		char here[MAX_PATH_TEXT], field[MAX_PATH_TEXT];
		snprintf(here, sizeof here, "references[%zu]", i);
		if (!json_is_object(ref))
			return field_error(r, OPV_EPARSE, here, "must be an object with date, shortage and label");
		if ((rc = only_known(r, ref, here, known)) ||
		    (rc = get(&f, r, ref, here, "date", 1)))
			return rc;
		sub_path(field, here, "date");
		if ((rc = as_date(&s->references[i].date, r, f, field)) ||
		    (rc = get(&f, r, ref, here, "shortage", 1)))
			return rc;
		sub_path(field, here, "shortage");
		if ((rc = as_count(&s->references[i].shortage, r, f, field)) ||
		    (rc = get(&f, r, ref, here, "label", 1)))
			return rc;
		sub_path(field, here, "label");
		if (!json_is_string(f))
			return field_error(r, OPV_EPARSE, field, "must be a string: who published the figure");
		strcpy(s->strings + used, json_string_value(f));
		s->references[i].label = s->strings + used;
		used += strlen(json_string_value(f)) + 1;
	}
	return OPV_OK;
}

static int read_initial(opv_scenario *s, const struct reader *r, json_t *root)
{
	static const char *const known[] = { "in_procedure", "status_holders", "other", "in_transit",
	                                     NULL };
	json_t *v, *stock;
	int i, rc;
	if ((rc = get(&v, r, root, "", "initial", 1)))
		return rc;
	if (!json_is_object(v))
		return field_error(r, OPV_EPARSE, "initial", "must be an object");
	if ((rc = only_known(r, v, "initial", known)))
		return rc;
	for (i = 0; i < 4; i++) {
		char here[MAX_PATH_TEXT];
		int64_t *to = i < 3 ? &s->initial[i] : &s->initial_transit;
		sub_path(here, "initial", known[i]);
		if ((rc = get(&stock, r, v, "initial", known[i], i < 3)))
			return rc;
		if (stock && (rc = as_count(to, r, stock, here)))
			return rc;
	}
	return OPV_OK;
}

static int read_document(opv_scenario *s, const struct reader *r, json_t *root)
{
	static const char *const known[] = {
		"description", "assumptions", "start", "weeks", "initial", "inflow_per_week",
		"inflow_seasonality", "decision_rate", "grant_rate", "housing_per_week", "housing_task",
		"departure_rate", "transit_departure_rate", "capacity", "extend", "target_occupancy",
		"monte_carlo", "references", NULL
	};
	struct extensions extensions = { NULL, 0 };
	json_t *v, *housing;
	double target;
	int rc;

	if (!json_is_object(root))
		return opv__fail(r->err, OPV_EPARSE, "%s: a scenario is a JSON object", r->source);
	if ((rc = only_known(r, root, "", known)))
		return rc;
	if ((v = json_object_get(root, "description")) && !json_is_string(v))
		return field_error(r, OPV_EPARSE, "description", "must be a string");
	if ((v = json_object_get(root, "assumptions")) && !json_is_object(v))
		return field_error(r, OPV_EPARSE, "assumptions", "must be an object");
	if ((rc = get(&v, r, root, "", "start", 1)) || (rc = as_date(&s->start, r, v, "start")))
		return rc;
	if ((rc = get(&v, r, root, "", "weeks", 1)))
		return rc;
	if (!json_is_integer(v))
		return field_error(r, OPV_EPARSE, "weeks", "must be a whole number");
	if (json_integer_value(v) < 1 || json_integer_value(v) > OPV_PROJECTION_MAX_WEEKS)
		return field_error(r, OPV_ERANGE, "weeks", "must be 1 to 1040");
	s->weeks = (int)json_integer_value(v);
	if ((int64_t)s->start + 7 * (int64_t)s->weeks > LAST_DAY)
		return field_error(r, OPV_ERANGE, "weeks", "runs past the year 9999");

	s->inflow = calloc((size_t)s->weeks, sizeof *s->inflow);
	s->housing = calloc((size_t)s->weeks, sizeof *s->housing);
	s->capacity = calloc((size_t)s->weeks + 1, sizeof *s->capacity);
	s->kinds = calloc(((size_t)s->weeks + 1) * OPV__KIND_COUNT, sizeof *s->kinds);
	s->above_agreement = calloc((size_t)s->weeks + 1, sizeof *s->above_agreement);
	if (!s->inflow || !s->housing || !s->capacity || !s->kinds || !s->above_agreement)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory for %d weeks", s->weeks);

	if ((rc = read_initial(s, r, root)))
		return rc;
	if ((rc = get(&v, r, root, "", "inflow_per_week", 1)) ||
	    (rc = per_week(s->inflow, s->weeks, r, v, "inflow_per_week")))
		return rc;
	if ((v = json_object_get(root, "inflow_seasonality")) && (rc = read_seasonality(s, r, v)))
		return rc;
	v = json_object_get(root, "housing_per_week");
	housing = json_object_get(root, "housing_task");
	if (v && housing)
		return field_error(r, OPV_EINVAL, "housing_task",
		                   "give housing_per_week or housing_task, not both");
	if (housing)
		rc = read_housing_task(s, r, housing);
	else if (v)
		rc = per_week(s->housing, s->weeks, r, v, "housing_per_week");
	else
		rc = field_error(r, OPV_EINVAL, "housing_per_week", "missing (or give housing_task)");
	if (rc)
		return rc;
	if ((rc = as_rate(&s->decision_rate, r, root, "", "decision_rate", 1, 0)) ||
	    (rc = as_rate(&s->grant_rate, r, root, "", "grant_rate", 1, 0)) ||
	    (rc = as_rate(&s->departure_rate, r, root, "", "departure_rate", 1, 0)) ||
	    (rc = as_rate(&s->transit_departure_rate, r, root, "", "transit_departure_rate", 0, 0)))
		return rc;
	target = 0.91;
	if ((v = json_object_get(root, "target_occupancy")) &&
	    (rc = as_number(&target, r, v, "target_occupancy", 1e-6, 1.0, "(0, 1]")))
		return rc;
	s->target_millionths = (int64_t)floor(target * 1e6 + 0.5);
	if ((v = json_object_get(root, "extend")))
		rc = read_extensions(&extensions, r, v);
	if (!rc && !(rc = get(&v, r, root, "", "capacity", 1)))
		rc = read_capacity(s, r, v, &extensions);
	free(extensions.rule);
	if (rc)
		return rc;
	if (s->initial_transit > s->kinds[OPV__KIND_TRANSIT])
		return field_error(r, OPV_ERANGE, "initial.in_transit",
		                   "is more than the transit places (doorstroom) open at start");
	if ((v = json_object_get(root, "monte_carlo")) && (rc = read_monte_carlo(s, r, v)))
		return rc;
	if ((v = json_object_get(root, "references")) && (rc = read_references(s, r, v)))
		return rc;
	return OPV_OK;
}

void opv_scenario_free(opv_scenario *s)
{
	if (!s)
		return;
	free(s->inflow);
	free(s->housing);
	free(s->half_years);
	free(s->week_half);
	free(s->week_position);
	free(s->capacity);
	free(s->kinds);
	free(s->above_agreement);
	free(s->openings);
	free(s->references);
	free(s->strings);
	json_decref(s->document);
	if (s->owns_locations)
		opv_locations_free(s->locations);
	free(s);
}

/* FNV-1a over what the scenario was read from, so that Monte Carlo counts
 * of another scenario are not merged.  Taken once, here: a scenario is
 * read only afterwards, by any number of threads. */
static int fingerprint(uint64_t *out, const opv_scenario *s, opv_error *err)
{
	uint64_t h = 14695981039346656037ULL;
	char *text = json_dumps((json_t *)s->document, JSON_SORT_KEYS | JSON_COMPACT);
	size_t i;
	const unsigned char *c;
	if (!text)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the scenario's fingerprint");
	for (c = (const unsigned char *)text; *c; c++)
		h = (h ^ *c) * 1099511628211ULL;
	free(text);
	for (i = 0; s->locations && i < opv_locations_count(s->locations); i++) {
		const opv_location *l = opv_locations_at(s->locations, i);
		int64_t v[6] = { l->type, l->agreed_capacity, l->capacity, l->opens, l->closes,
		                 l->open_ended };
		int j;
		for (j = 0; j < 6; j++)
			h = (h ^ (uint64_t)v[j]) * 1099511628211ULL;
	}
	*out = h;
	return OPV_OK;
}

int opv_scenario_parse_json(opv_scenario **out, const char *text, size_t len, const char *source,
                            const char *base_dir, const opv_register *reg, opv_error *err)
{
	json_error_t jerr;
	json_t *root;
	opv_scenario *s;
	struct reader r;
	int rc;
	if (!out || (!text && len > 0))
		return opv__fail(err, OPV_EINVAL, "output or text is NULL");
	r = (struct reader){ source ? source : "<memory>", err, base_dir, reg, NULL, NULL };
	/* A byte order mark, as some editors write, is not JSON but is no error either. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len == 0)
		return opv__fail(err, OPV_EPARSE, "%s: empty scenario", r.source);
	/* Zeroed: jansson leaves the code byte unset when it fails before it starts. */
	memset(&jerr, 0, sizeof jerr);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	/* jansson says so, or, when it runs out before it starts, says nothing. */
	if (!root && (json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0]))
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", r.source);
	if (!root)
		return opv__fail_at(err, OPV_EPARSE, jerr.line, jerr.column, "%s:%d:%d: %s", r.source,
		                    jerr.line, jerr.column, jerr.text);
	s = calloc(1, sizeof *s);
	if (!s) {
		json_decref(root);
		return opv__fail(err, OPV_ENOMEM, "out of memory for a scenario");
	}
	s->document = root;
	rc = read_document(s, &r, root);
	if (!rc)
		rc = fingerprint(&s->fingerprint, s, err);
	if (rc) {
		opv_scenario_free(s);
		return rc;
	}
	*out = s;
	return OPV_OK;
}

int opv__scenario_reread(opv_scenario **out, const opv_scenario *like, void *document,
                         const double *location_scale, opv_error *err)
{
	struct reader r = { "<scenario>", err, NULL, NULL, like, location_scale };
	opv_scenario *s = calloc(1, sizeof *s);
	int rc;
	if (!s)
		return opv__fail(err, OPV_ENOMEM, "out of memory for a scenario");
	s->document = json_incref((json_t *)document);
	rc = read_document(s, &r, (json_t *)document);
	if (rc) {
		opv_scenario_free(s);
		return rc;
	}
	*out = s;
	return OPV_OK;
}

int opv_scenario_load_json(opv_scenario **out, const char *path, const opv_register *reg,
                           opv_error *err)
{
	FILE *f;
	char *text = NULL, *dir, *slash;
	size_t len = 0, cap = 0;
	int rc;
	if (!out || !path)
		return opv__fail(err, OPV_EINVAL, "output or path is NULL");
	f = fopen(path, "rb");
	if (!f)
		return opv__fail(err, OPV_EIO, "%s: cannot open: %s", path, strerror(errno));
	for (;;) {
		size_t got;
		if (len == cap) {
			char *grown;
			if (cap >= ((size_t)64 << 20)) {
				fclose(f);
				free(text);
				return opv__fail(err, OPV_ERANGE, "%s: larger than 64 MiB", path);
			}
			cap = cap ? 2 * cap : 16384;
			grown = realloc(text, cap);
			if (!grown) {
				fclose(f);
				free(text);
				return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", path);
			}
			text = grown;
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(text);
		return opv__fail(err, OPV_EIO, "%s: cannot read (a directory?)", path);
	}
	fclose(f);
	dir = malloc(strlen(path) + 1);
	if (!dir) {
		free(text);
		return opv__fail(err, OPV_ENOMEM, "out of memory reading %s", path);
	}
	strcpy(dir, path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	rc = opv_scenario_parse_json(out, text, len, path, dir, reg, err);
	free(dir);
	free(text);
	return rc;
}

int opv_scenario_weeks(const opv_scenario *s)
{
	return s ? s->weeks : 0;
}

opv_day opv_scenario_start(const opv_scenario *s)
{
	return s ? s->start : 0;
}

int opv_scenario_has_monte_carlo(const opv_scenario *s)
{
	return s ? s->has_monte_carlo : 0;
}

size_t opv_scenario_reference_count(const opv_scenario *s)
{
	return s ? s->nreferences : 0;
}

const opv_scenario_reference *opv_scenario_reference_at(const opv_scenario *s, size_t i)
{
	return s && i < s->nreferences ? &s->references[i] : NULL;
}
