/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Reading a projection scenario from JSON with jansson (docs/scenario.md).
 *
 * Every field is checked for presence, type and range, and unknown fields are
 * refused, so a typo ("decison_rate") is an error rather than a silent
 * default.  Messages name the field by its path: capacity.changes[1].date.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/places.h"
#include "error.h"
#include "scenario_internal.h"

#define MAX_PATH_TEXT 128

/* Where we are in the document, for messages. */
struct reader {
	const char *source;
	opv_error *err;
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
		char what[96];
		snprintf(what, sizeof what, "%g is outside %s", *out, range);
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
	if (!json_is_string(v))
		return field_error(r, OPV_EPARSE, path, "must be a date string like \"2026-03-30\"");
	if (opv_date_parse(out, json_string_value(v), NULL) != OPV_OK) {
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

static void add_capacity_from(opv_scenario *s, opv_day from, opv_day until, int open_ended,
                              int64_t delta)
{
	int k;
	for (k = 0; k <= s->weeks; k++) {
		opv_day d = (opv_day)(s->start + 7 * k);
		if (d >= from && (open_ended || d < until))
			s->capacity[k] += delta;
	}
}

static int read_locations(opv_scenario *s, const struct reader *r, json_t *v, const char *base_dir,
                          const opv_register *reg)
{
	char path[4096];
	opv_locations *l = NULL;
	opv_register *own = NULL;
	size_t i;
	int rc;
	if (!json_is_string(v))
		return field_error(r, OPV_EPARSE, "capacity.locations", "must be a file name");
	if (json_string_value(v)[0] == '/' || !base_dir || !base_dir[0])
		snprintf(path, sizeof path, "%s", json_string_value(v));
	else
		snprintf(path, sizeof path, "%s/%s", base_dir, json_string_value(v));
	if (!reg) {
		rc = opv_register_default(&own, r->err);
		if (rc)
			return rc;
		reg = own;
	}
	rc = opv_locations_load_csv(&l, reg, path, r->err);
	opv_register_free(own);
	if (rc)
		return rc;
	for (i = 0; i < opv_locations_count(l) && !rc; i++) {
		const opv_location *loc = opv_locations_at(l, i);
		add_capacity_from(s, loc->opens, loc->closes, loc->open_ended, loc->capacity);
		if (add_opening(s, loc->opens, loc->open_ended ? INT32_MAX : loc->closes, loc->capacity))
			rc = opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", path);
	}
	opv_locations_free(l);
	return rc;
}

static int read_capacity(opv_scenario *s, const struct reader *r, json_t *cap, const char *base_dir,
                         const opv_register *reg)
{
	static const char *const known[] = { "initial", "changes", "locations", NULL };
	json_t *v;
	int64_t initial;
	size_t i;
	int k, rc;
	if (!json_is_object(cap))
		return field_error(r, OPV_EPARSE, "capacity", "must be an object");
	if ((rc = only_known(r, cap, "capacity", known)) ||
	    (rc = get(&v, r, cap, "capacity", "initial", 1)) ||
	    (rc = as_count(&initial, r, v, "capacity.initial")))
		return rc;
	for (k = 0; k <= s->weeks; k++)
		s->capacity[k] = initial;
	v = json_object_get(cap, "changes");
	if (v) {
		if (!json_is_array(v))
			return field_error(r, OPV_EPARSE, "capacity.changes", "must be an array");
		for (i = 0; i < json_array_size(v); i++) {
			static const char *const change_known[] = { "date", "delta", NULL };
			json_t *change = json_array_get(v, i), *date, *delta;
			char here[MAX_PATH_TEXT], field[MAX_PATH_TEXT];
			opv_day day;
			snprintf(here, sizeof here, "capacity.changes[%zu]", i);
			if (!json_is_object(change))
				return field_error(r, OPV_EPARSE, here, "must be an object with date and delta");
			if ((rc = only_known(r, change, here, change_known)) ||
			    (rc = get(&date, r, change, here, "date", 1)) ||
			    (rc = get(&delta, r, change, here, "delta", 1)))
				return rc;
			sub_path(field, here, "date");
			if ((rc = as_date(&day, r, date, field)))
				return rc;
			sub_path(field, here, "delta");
			if (!json_is_integer(delta))
				return field_error(r, OPV_EPARSE, field, "must be a whole number");
			if (llabs((long long)json_integer_value(delta)) > OPV_PROJECTION_MAX_STOCK)
				return field_error(r, OPV_ERANGE, field, "is beyond 10^9 in size");
			add_capacity_from(s, day, 0, 1, json_integer_value(delta));
			if (add_opening(s, day, INT32_MAX, json_integer_value(delta)))
				return opv__fail(r->err, OPV_ENOMEM, "out of memory reading %s", r->source);
		}
	}
	v = json_object_get(cap, "locations");
	if (v && (rc = read_locations(s, r, v, base_dir, reg)))
		return rc;
	for (k = 0; k <= s->weeks; k++) {
		char what[128], date[OPV_DATE_TEXT_SIZE] = "?";
		if (s->capacity[k] >= 0 && s->capacity[k] <= OPV_PROJECTION_MAX_STOCK)
			continue;
		opv_date_format(date, sizeof date, (opv_day)(s->start + 7 * k), NULL);
		snprintf(what, sizeof what, "capacity on %s (week %d) would be %lld", date, k,
		         (long long)s->capacity[k]);
		return field_error(r, OPV_ERANGE, "capacity", what);
	}
	return OPV_OK;
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

static int read_document(opv_scenario *s, const struct reader *r, json_t *root,
                         const char *base_dir, const opv_register *reg)
{
	static const char *const known[] = {
		"description", "assumptions", "start", "weeks", "initial", "inflow_per_week",
		"inflow_seasonality", "decision_rate", "grant_rate", "housing_per_week",
		"departure_rate", "capacity", "target_occupancy", "monte_carlo", NULL
	};
	static const char *const initial_known[] = { "in_procedure", "status_holders", "other", NULL };
	static const char *const stock_names[] = { "in_procedure", "status_holders", "other" };
	json_t *v;
	double target;
	int i, rc;

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
	if ((int64_t)s->start + 7 * (int64_t)s->weeks > 2932896) /* 9999-12-31 */
		return field_error(r, OPV_ERANGE, "weeks", "runs past the year 9999");

	s->inflow = calloc((size_t)s->weeks, sizeof *s->inflow);
	s->housing = calloc((size_t)s->weeks, sizeof *s->housing);
	s->capacity = calloc((size_t)s->weeks + 1, sizeof *s->capacity);
	if (!s->inflow || !s->housing || !s->capacity)
		return opv__fail(r->err, OPV_ENOMEM, "out of memory for %d weeks", s->weeks);

	if ((rc = get(&v, r, root, "", "initial", 1)))
		return rc;
	if (!json_is_object(v))
		return field_error(r, OPV_EPARSE, "initial", "must be an object");
	if ((rc = only_known(r, v, "initial", initial_known)))
		return rc;
	for (i = 0; i < 3; i++) {
		json_t *stock;
		char here[MAX_PATH_TEXT];
		sub_path(here, "initial", stock_names[i]);
		if ((rc = get(&stock, r, v, "initial", stock_names[i], 1)) ||
		    (rc = as_count(&s->initial[i], r, stock, here)))
			return rc;
	}
	if ((rc = get(&v, r, root, "", "inflow_per_week", 1)) ||
	    (rc = per_week(s->inflow, s->weeks, r, v, "inflow_per_week")))
		return rc;
	if ((v = json_object_get(root, "inflow_seasonality")) && (rc = read_seasonality(s, r, v)))
		return rc;
	if ((rc = get(&v, r, root, "", "housing_per_week", 1)) ||
	    (rc = per_week(s->housing, s->weeks, r, v, "housing_per_week")))
		return rc;
	if ((rc = as_rate(&s->decision_rate, r, root, "", "decision_rate", 1, 0)) ||
	    (rc = as_rate(&s->grant_rate, r, root, "", "grant_rate", 1, 0)) ||
	    (rc = as_rate(&s->departure_rate, r, root, "", "departure_rate", 1, 0)))
		return rc;
	target = 0.91;
	if ((v = json_object_get(root, "target_occupancy")) &&
	    (rc = as_number(&target, r, v, "target_occupancy", 1e-6, 1.0, "(0, 1]")))
		return rc;
	s->target_millionths = (int64_t)floor(target * 1e6 + 0.5);
	if ((rc = get(&v, r, root, "", "capacity", 1)) ||
	    (rc = read_capacity(s, r, v, base_dir, reg)))
		return rc;
	if ((v = json_object_get(root, "monte_carlo")) && (rc = read_monte_carlo(s, r, v)))
		return rc;
	return OPV_OK;
}

void opv_scenario_free(opv_scenario *s)
{
	if (!s)
		return;
	free(s->inflow);
	free(s->housing);
	free(s->capacity);
	free(s->openings);
	free(s);
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
	r.source = source ? source : "<memory>";
	r.err = err;
	/* A byte order mark, as some editors write, is not JSON but is no error either. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len == 0)
		return opv__fail(err, OPV_EPARSE, "%s: empty scenario", r.source);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return opv__fail_at(err, OPV_EPARSE, jerr.line, jerr.column, "%s:%d:%d: %s", r.source,
		                    jerr.line, jerr.column, jerr.text);
	s = calloc(1, sizeof *s);
	if (!s) {
		json_decref(root);
		return opv__fail(err, OPV_ENOMEM, "out of memory for a scenario");
	}
	rc = read_document(s, &r, root, base_dir, reg);
	json_decref(root);
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
		return opv__fail(err, OPV_EIO, "%s: cannot open", path);
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
