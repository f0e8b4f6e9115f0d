/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What drives the shortage (opvang/projection.h): every numeric input of a
 * scenario moved down and up, one at a time, and the projection without
 * noise run again.  An input is moved in a copy of the scenario's JSON
 * document, which is then read as any scenario is, so a moved input obeys
 * exactly the rules of the format and the model has one reader.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/projection.h"
#include "c_locale.h"
#include "error.h"
#include "versioned.h"
#include "html.h"
#include "scenario_internal.h"

#define NAME_SIZE 96

/* How an input moves and what keeps it valid. */
enum input_class {
	CLASS_COUNT,        /* whole number >= 0 */
	CLASS_RATE,         /* [0, 1] */
	CLASS_REALISATION,  /* [0, 10] */
	CLASS_SIGNED,       /* whole number, either sign */
	CLASS_WEEKS,        /* whole number 0 .. 1040 */
	CLASS_PER_WEEK,     /* number >= 0 */
	CLASS_LOCATIONS     /* the places of one location type, by a factor */
};

struct input {
	char name[NAME_SIZE];       /* the field path, as users see it */
	enum input_class cls;
	int type;                   /* CLASS_LOCATIONS: the location type */
	double value[3];            /* at base, low, high */
	int64_t shortage[3];
	size_t order;
};

struct opv_sensitivity {
	struct input *input;
	size_t n, cap;
	opv_day date;
	size_t row;
	int64_t base;
};

static int add_input(opv_sensitivity *s, const char *name, enum input_class cls, int type)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		struct input *grown = realloc(s->input, cap * sizeof *grown);
		if (!grown)
			return OPV_ENOMEM;
		s->input = grown;
		s->cap = cap;
	}
	memset(&s->input[s->n], 0, sizeof s->input[s->n]);
	snprintf(s->input[s->n].name, NAME_SIZE, "%s", name);
	s->input[s->n].cls = cls;
	s->input[s->n].type = type;
	s->input[s->n].order = s->n;
	s->n++;
	return OPV_OK;
}

/* The inputs of a scenario's document that can move its shortage, in the
 * order of docs/scenario.md.  target_occupancy (the planning shortage
 * only), inflow_seasonality (the same as moving the inflow) and monte_carlo
 * (no noise here) are left out. */
static int list_inputs(opv_sensitivity *s, const opv_scenario *sc, json_t *doc)
{
	static const char *const stocks[] = { "in_procedure", "status_holders", "other", "in_transit" };
	json_t *initial = json_object_get(doc, "initial"), *task = json_object_get(doc, "housing_task");
	json_t *cap = json_object_get(doc, "capacity"), *v, *member;
	char name[NAME_SIZE];
	int present[OPV_LOCATION_TYPE_COUNT] = { 0 };
	const char *key;
	size_t i;
	int rc = OPV_OK;

	for (i = 0; i < 4 && !rc; i++) {
		snprintf(name, sizeof name, "initial.%s", stocks[i]);
		if (json_object_get(initial, stocks[i]))
			rc = add_input(s, name, CLASS_COUNT, 0);
	}
	rc = rc ? rc : add_input(s, "inflow_per_week", CLASS_PER_WEEK, 0);
	rc = rc ? rc : add_input(s, "decision_rate", CLASS_RATE, 0);
	rc = rc ? rc : add_input(s, "grant_rate", CLASS_RATE, 0);
	if (!rc && task) {
		rc = add_input(s, "housing_task.national", CLASS_COUNT, 0);
		rc = rc ? rc : add_input(s, "housing_task.realisation", CLASS_REALISATION, 0);
		if (!rc && json_object_get(task, "initial_backlog"))
			rc = add_input(s, "housing_task.initial_backlog", CLASS_SIGNED, 0);
	} else if (!rc) {
		rc = add_input(s, "housing_per_week", CLASS_PER_WEEK, 0);
	}
	rc = rc ? rc : add_input(s, "departure_rate", CLASS_RATE, 0);
	if (!rc && json_object_get(doc, "transit_departure_rate"))
		rc = add_input(s, "transit_departure_rate", CLASS_RATE, 0);
	v = json_object_get(cap, "initial");
	if (!rc && json_is_object(v)) {
		json_object_foreach(v, key, member) {
			snprintf(name, sizeof name, "capacity.initial.%s", key);
			if ((rc = add_input(s, name, CLASS_COUNT, 0)))
				break;
		}
	} else if (!rc) {
		rc = add_input(s, "capacity.initial", CLASS_COUNT, 0);
	}
	v = json_object_get(cap, "changes");
	for (i = 0; !rc && i < json_array_size(v); i++) {
		snprintf(name, sizeof name, "capacity.changes[%zu].delta", i);
		rc = add_input(s, name, CLASS_SIGNED, 0);
	}
	for (i = 0; sc->locations && i < opv_locations_count(sc->locations); i++)
		present[opv_locations_at(sc->locations, i)->type] = 1;
	for (i = 0; !rc && i < OPV_LOCATION_TYPE_COUNT; i++) {
		if (!present[i])
			continue;
		snprintf(name, sizeof name, "capacity.locations[%s]",
		         opv_location_type_name((opv_location_type)i));
		rc = add_input(s, name, CLASS_LOCATIONS, (int)i);
	}
	v = json_object_get(doc, "extend");
	for (i = 0; !rc && i < json_array_size(v); i++) {
		if (!json_object_get(json_array_get(v, i), "weeks"))
			continue;
		snprintf(name, sizeof name, "extend[%zu].weeks", i);
		rc = add_input(s, name, CLASS_WEEKS, 0);
	}
	return rc;
}

/* The value `v` moved by `amount` (negative: down), kept valid for its class.
 * Rounded to 12 significant digits, so that 0.6 moved up by 10% is 0.66 and
 * not the 0.6599999999999999 of binary floating point. */
static double moved(double v, double amount, enum input_class cls)
{
	char text[32];
	double x = v + amount;
	locale_t previous = opv__c_numbers_begin();
	snprintf(text, sizeof text, "%.12g", x);
	x = strtod(text, NULL);
	opv__c_numbers_end(previous);
	switch (cls) {
	case CLASS_COUNT:
		x = floor(x + 0.5);
		return x < 0 ? 0 : x > OPV_PROJECTION_MAX_STOCK ? OPV_PROJECTION_MAX_STOCK : x;
	case CLASS_RATE:
		return x < 0 ? 0 : x > 1 ? 1 : x;
	case CLASS_REALISATION:
		return x < 0 ? 0 : x > 10 ? 10 : x;
	case CLASS_SIGNED:
		x = floor(x + 0.5);
		return x < -OPV_PROJECTION_MAX_STOCK ? -OPV_PROJECTION_MAX_STOCK
		       : x > OPV_PROJECTION_MAX_STOCK ? OPV_PROJECTION_MAX_STOCK : x;
	case CLASS_WEEKS:
		x = floor(x + 0.5);
		return x < 0 ? 0 : x > OPV_PROJECTION_MAX_WEEKS ? OPV_PROJECTION_MAX_WEEKS : x;
	case CLASS_PER_WEEK:
	case CLASS_LOCATIONS:
		return x < 0 ? 0 : x > OPV_PROJECTION_MAX_STOCK ? OPV_PROJECTION_MAX_STOCK : x;
	}
	return x;
}

/* The JSON value at a field path such as capacity.changes[1].delta, or NULL. */
static json_t *find(json_t *doc, const char *path)
{
	char part[NAME_SIZE];
	json_t *at = doc;
	while (at && *path) {
		size_t n = strcspn(path, ".[");
		snprintf(part, sizeof part, "%.*s", (int)n, path);
		at = json_object_get(at, part);
		path += n;
		while (at && *path == '[') {
			char *end;
			unsigned long index = strtoul(path + 1, &end, 10);
			at = json_array_get(at, index);
			path = end + 1;
		}
		if (*path == '.')
			path++;
	}
	return at;
}

/*
 * Moves one number (and, for CLASS_LOCATIONS, nothing in the document: see
 * scale).  `relative`: amount is a share of |v|; otherwise an amount.
 * Returns the new value.
 */
static json_t *moved_number(json_t *number, double share, double amount, int relative,
                            enum input_class cls, double *out)
{
	double v = json_number_value(number);
	double x = moved(v, relative ? share * fabs(v) : amount, cls);
	*out = x;
	if (cls == CLASS_COUNT || cls == CLASS_SIGNED || cls == CLASS_WEEKS)
		return json_integer((json_int_t)x);
	return json_real(x);
}

/* Sets `*slot` in `parent` (object key or array index) to the moved value,
 * adding what it moved to *sum. */
static int move_value(json_t *value, double share, double amount, int relative,
                      enum input_class cls, double *sum, size_t *count, json_t *parent,
                      const char *key, size_t index)
{
	double x;
	json_t *next = moved_number(value, share, amount, relative, cls, &x);
	int rc;
	if (!next)
		return OPV_ENOMEM;
	*sum += x;
	(*count)++;
	rc = key ? json_object_set_new(parent, key, next) : json_array_set_new(parent, index, next);
	return rc ? OPV_ENOMEM : OPV_OK;
}

/*
 * Moves input `in` in `doc` (a copy) by `direction` (-1, 0, +1) and
 * writes its value there to *value: a number; the mean of an array; the sum
 * of an object's numbers.
 */
static int move_input(json_t *doc, const struct input *in, int direction, double relative,
                      double absolute, double *value)
{
	char parent_path[NAME_SIZE];
	const char *last;
	json_t *parent, *v;
	double share = relative * direction, amount = absolute * direction, sum = 0;
	size_t count = 0, i;
	int rc = OPV_OK, is_relative = absolute == 0;

	snprintf(parent_path, sizeof parent_path, "%s", in->name);
	last = strrchr(in->name, '.');
	if (last && strchr(last, '[') == NULL) {
		parent_path[last - in->name] = '\0';
		last++;
	} else {
		parent_path[0] = '\0';
		last = in->name;
	}
	parent = parent_path[0] ? find(doc, parent_path) : doc;
	v = json_object_get(parent, last);
	if (!v && in->cls == CLASS_REALISATION) { /* not given: its default, 1 */
		if (json_object_set_new(parent, last, json_real(1.0)))
			return OPV_ENOMEM;
		v = json_object_get(parent, last);
	}
	if (json_is_array(v)) {
		for (i = 0; !rc && i < json_array_size(v); i++)
			rc = move_value(json_array_get(v, i), share, amount, is_relative, in->cls, &sum,
			                &count, v, NULL, i);
		*value = count ? sum / (double)count : 0;
	} else if (json_is_object(v)) {
		const char *key;
		json_t *member;
		void *tmp;
		json_object_foreach_safe(v, tmp, key, member) {
			if ((rc = move_value(member, share, amount, is_relative, in->cls, &sum, &count, v,
			                     key, 0)))
				break;
		}
		*value = sum;
	} else {
		rc = move_value(v, share, amount, is_relative, in->cls, &sum, &count, parent, last, 0);
		*value = sum;
	}
	return rc;
}

/* The places of one location type, each scaled as the reader scales them. */
static double location_places(const opv_scenario *sc, int type, double factor)
{
	double sum = 0;
	size_t i;
	for (i = 0; i < opv_locations_count(sc->locations); i++) {
		const opv_location *loc = opv_locations_at(sc->locations, i);
		if ((int)loc->type == type)
			sum += floor((double)loc->capacity * factor + 0.5);
	}
	return sum;
}

static int shortage_of(int64_t *shortage, const opv_scenario *sc, size_t row, opv_error *err)
{
	opv_projection *p = NULL;
	int rc = opv_projection_run(&p, sc, err);
	if (!rc)
		*shortage = opv_projection_get(p, OPV_PROJECTION_SHORTAGE, row);
	opv_projection_free(p);
	return rc;
}

/* One point of an input: move it, read the scenario again, project. */
static int run_point(opv_sensitivity *s, struct input *in, int point, const opv_scenario *sc,
                     double relative, double absolute, opv_error *err)
{
	double scale[OPV_LOCATION_TYPE_COUNT];
	int direction = point == OPV_SENSITIVITY_LOW ? -1 : 1;
	json_t *doc = json_deep_copy((json_t *)sc->document);
	opv_scenario *changed = NULL;
	opv_error inner = OPV_ERROR_INIT;
	int i, rc = doc ? OPV_OK : OPV_ENOMEM;
	for (i = 0; i < OPV_LOCATION_TYPE_COUNT; i++)
		scale[i] = 1.0;
	if (!rc && in->cls == CLASS_LOCATIONS) {
		/* Down by more than 100% is none: places are not negative. */
		scale[in->type] = fmax(0.0, 1.0 + direction * relative);
		in->value[point] = location_places(sc, in->type, scale[in->type]);
	} else if (!rc) {
		rc = move_input(doc, in, direction, relative, absolute, &in->value[point]);
	}
	if (rc) {
		json_decref(doc);
		return opv__fail(err, OPV_ENOMEM, "out of memory moving %s", in->name);
	}
	rc = opv__scenario_reread(&changed, sc, doc, scale, &inner);
	if (!rc)
		rc = shortage_of(&in->shortage[point], changed, s->row, &inner);
	if (rc)
		rc = opv__fail(err, rc, "with %s moved %s to %g: %s", in->name,
		               direction < 0 ? "down" : "up", in->value[point], inner.message);
	opv_scenario_free(changed);
	json_decref(doc);
	return rc;
}

static int by_effect(const void *a, const void *b)
{
	const struct input *x = a, *y = b;
	int64_t ex = llabs(x->shortage[2] - x->shortage[1]), ey = llabs(y->shortage[2] - y->shortage[1]);
	if (ex != ey)
		return ex > ey ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The amount an input moves by when named among the absolute ones; 0 otherwise. */
static int absolute_amount(double *amount, const opv_sensitivity *s, const struct input *in,
                           const opv_sensitivity_options *o, opv_error *err)
{
	size_t i;
	*amount = 0;
	for (i = 0; i < o->nabsolute; i++) {
		if (strcmp(o->absolute_inputs[i], in->name) != 0)
			continue;
		if (in->cls == CLASS_LOCATIONS)
			return opv__fail(err, OPV_EINVAL, "%s moves by a share only, not by an amount",
			                 in->name);
		*amount = o->absolute_amounts[i];
	}
	(void)s;
	return OPV_OK;
}

static int check_options(const opv_sensitivity *s, const opv_sensitivity_options *o,
                         opv_error *err)
{
	size_t i, j;
	if (opv__check_version(o->version, OPV_SENSITIVITY_OPTIONS_VERSION, "sensitivity options", err))
		return OPV_EINVAL;
	if (!(o->relative > 0 && o->relative <= 10)) {
		char number[OPV_NUMBER_TEXT_SIZE];
		return opv__fail(err, OPV_EINVAL, "the relative move %s is outside (0, 10]",
		                 opv__number_text(number, o->relative));
	}
	if (o->nabsolute && (!o->absolute_inputs || !o->absolute_amounts))
		return opv__fail(err, OPV_EINVAL, "absolute inputs or amounts is NULL");
	for (i = 0; i < o->nabsolute; i++) {
		int found = 0;
		if (!o->absolute_inputs[i])
			return opv__fail(err, OPV_EINVAL, "absolute input %zu is NULL", i);
		if (!(o->absolute_amounts[i] > 0 && o->absolute_amounts[i] <= 1e9)) {
			char number[OPV_NUMBER_TEXT_SIZE];
			return opv__fail(err, OPV_EINVAL, "the amount %s for %s is outside (0, 10^9]",
			                 opv__number_text(number, o->absolute_amounts[i]),
			                 o->absolute_inputs[i]);
		}
		for (j = 0; j < s->n && !found; j++)
			found = strcmp(s->input[j].name, o->absolute_inputs[i]) == 0;
		if (!found) {
			char list[OPV_ERROR_MESSAGE_SIZE] = "";
			size_t used = 0;
			for (j = 0; j < s->n && used < sizeof list - 1; j++)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
				                         s->input[j].name);
			return opv__fail(err, OPV_ENOTFOUND, "the scenario has no input '%.64s'; it has %s",
			                 o->absolute_inputs[i], list);
		}
	}
	return OPV_OK;
}

/* A new result with the row of the date and the scenario's inputs listed, the
 * options checked against them; nothing projected yet. */
static int prepare(opv_sensitivity **out, const opv_scenario *sc, const opv_sensitivity_options *o,
                   opv_error *err)
{
	opv_sensitivity *s;
	int rc;
	if (!sc || !o)
		return opv__fail(err, OPV_EINVAL, "scenario or options is NULL");
	s = calloc(1, sizeof *s);
	if (!s)
		return opv__fail(err, OPV_ENOMEM, "out of memory for a sensitivity");
	s->row = (size_t)sc->weeks;
	if (o->date) {
		int64_t days = (int64_t)o->date - sc->start;
		char date[24], first[OPV_DATE_TEXT_SIZE], last[OPV_DATE_TEXT_SIZE];
		if (days < 0 || days / 7 > sc->weeks) {
			if (opv_date_format(date, sizeof date, o->date, NULL) != OPV_OK)
				snprintf(date, sizeof date, "day %ld", (long)o->date);  /* beyond 9999 */
			opv_date_format(first, sizeof first, sc->start, NULL);
			opv_date_format(last, sizeof last, (opv_day)(sc->start + 7 * sc->weeks), NULL);
			free(s);
			return opv__fail(err, OPV_ERANGE, "the date %s is outside the projection, %s to %s",
			                 date, first, last);
		}
		s->row = (size_t)(days / 7);
	}
	s->date = (opv_day)(sc->start + 7 * (int64_t)s->row);
	rc = list_inputs(s, sc, (json_t *)sc->document);
	if (rc)
		rc = opv__fail(err, OPV_ENOMEM, "out of memory listing the inputs");
	if (!rc)
		rc = check_options(s, o, err);
	if (rc) {
		opv_sensitivity_free(s);
		return rc;
	}
	*out = s;
	return OPV_OK;
}

int opv_sensitivity_options_check(const opv_scenario *sc, const opv_sensitivity_options *o,
                                  opv_error *err)
{
	opv_sensitivity *s = NULL;
	int rc = prepare(&s, sc, o, err);
	opv_sensitivity_free(s);
	return rc;
}

int opv_sensitivity_run(opv_sensitivity **out, const opv_scenario *sc,
                        const opv_sensitivity_options *o, opv_error *err)
{
	opv_sensitivity *s = NULL;
	size_t i;
	int rc;
	if (!out)
		return opv__fail(err, OPV_EINVAL, "output is NULL");
	rc = prepare(&s, sc, o, err);
	/* A limit of the scenario, not of the options: the check above passes it. */
	if (!rc && s->n > OPV_SENSITIVITY_MAX_INPUTS)
		rc = opv__fail(err, OPV_ERANGE, "the scenario has %zu inputs to move; the sensitivity "
		               "moves at most %d", s->n, OPV_SENSITIVITY_MAX_INPUTS);
	if (!rc)
		rc = shortage_of(&s->base, sc, s->row, err);
	for (i = 0; !rc && i < s->n; i++) {
		struct input *in = &s->input[i];
		double amount;
		int point;
		rc = absolute_amount(&amount, s, in, o, err);
		for (point = OPV_SENSITIVITY_BASE; !rc && point <= OPV_SENSITIVITY_HIGH; point++) {
			if (point == OPV_SENSITIVITY_BASE) {
				json_t *doc = json_deep_copy((json_t *)sc->document);
				in->shortage[0] = s->base;
				in->value[0] = in->cls == CLASS_LOCATIONS ? location_places(sc, in->type, 1.0) : 0;
				if (!doc)
					rc = opv__fail(err, OPV_ENOMEM, "out of memory");
				else if (in->cls != CLASS_LOCATIONS &&
				         move_input(doc, in, 0, 0, 0, &in->value[0]))
					rc = opv__fail(err, OPV_ENOMEM, "out of memory");
				json_decref(doc);
			} else {
				rc = run_point(s, in, point, sc, o->relative, amount, err);
			}
		}
	}
	if (rc) {
		opv_sensitivity_free(s);
		return rc;
	}
	qsort(s->input, s->n, sizeof *s->input, by_effect);
	*out = s;
	return OPV_OK;
}

void opv_sensitivity_free(opv_sensitivity *s)
{
	if (!s)
		return;
	free(s->input);
	free(s);
}

size_t opv_sensitivity_count(const opv_sensitivity *s)
{
	return s ? s->n : 0;
}

const char *opv_sensitivity_input(const opv_sensitivity *s, size_t i)
{
	return s && i < s->n ? s->input[i].name : NULL;
}

double opv_sensitivity_value(const opv_sensitivity *s, size_t i, opv_sensitivity_point point)
{
	if (!s || i >= s->n || (unsigned)point > OPV_SENSITIVITY_HIGH)
		return 0;
	return s->input[i].value[point];
}

int64_t opv_sensitivity_shortage(const opv_sensitivity *s, size_t i, opv_sensitivity_point point)
{
	if (!s || i >= s->n || (unsigned)point > OPV_SENSITIVITY_HIGH)
		return 0;
	return s->input[i].shortage[point];
}

opv_day opv_sensitivity_date(const opv_sensitivity *s)
{
	return s ? s->date : 0;
}

int64_t opv_sensitivity_base(const opv_sensitivity *s)
{
	return s ? s->base : 0;
}

/* ---- the tornado chart ------------------------------------------------------ */

#define CHART_WIDTH 760
#define LABEL_WIDTH 250
#define ROW_HEIGHT 26
#define TOP 50

int opv_sensitivity_write_svg(const opv_sensitivity *s, const char *path, opv_error *err)
{
	struct opv__page page = { NULL, 0, 0, 0 };
	int64_t lo, hi;
	double span, x0 = LABEL_WIDTH + 10, width = CHART_WIDTH - LABEL_WIDTH - 80;
	char date[OPV_DATE_TEXT_SIZE];
	size_t i, height;
	FILE *f;
	int rc = OPV_OK;
	if (!s || !path)
		return opv__fail(err, OPV_EINVAL, "sensitivity or path is NULL");
	lo = hi = s->base;
	for (i = 0; i < s->n; i++) {
		int p;
		for (p = 1; p <= 2; p++) {
			lo = s->input[i].shortage[p] < lo ? s->input[i].shortage[p] : lo;
			hi = s->input[i].shortage[p] > hi ? s->input[i].shortage[p] : hi;
		}
	}
	span = hi > lo ? (double)(hi - lo) : 1.0;
#define X(v) (x0 + ((double)(v) - (double)lo) * width / span)
	height = TOP + s->n * ROW_HEIGHT + 40;
	opv_date_format(date, sizeof date, s->date, NULL);
	opv__putf(&page, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %zu\" "
	          "width=\"%d\" height=\"%zu\" font-family=\"sans-serif\" font-size=\"12\">\n",
	          CHART_WIDTH, height, CHART_WIDTH, height);
	opv__putf(&page, "<title>Shortage on %s with each input moved down and up</title>\n", date);
	opv__putf(&page, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
	          "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Shortage on %s: "
	          "%lld places with every input as given</text>\n", date, (long long)s->base);
	opv__put(&page, "<text x=\"10\" y=\"38\" fill=\"#555\">bars from the shortage with the "
	         "input moved down (blue) to moved up (orange)</text>\n");
	for (i = 0; i < s->n; i++) {
		const struct input *in = &s->input[i];
		double y = TOP + (double)i * ROW_HEIGHT;
		int p;
		opv__putf(&page, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_WIDTH,
		          y + 16);
		opv__put_text(&page, in->name);
		opv__put(&page, "</text>\n");
		for (p = 1; p <= 2; p++) {
			double a = X(s->base), b = X(in->shortage[p]);
			opv__putf(&page, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
			          "fill=\"%s\"><title>%s: %lld</title></rect>\n",
			          a < b ? a : b, y + 4, fabs(b - a), ROW_HEIGHT - 8,
			          p == 1 ? "#4a78b5" : "#e8872e", p == 1 ? "down" : "up",
			          (long long)in->shortage[p]);
		}
	}
	opv__putf(&page, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%zu\" stroke=\"#222\"/>\n",
	          X(s->base), X(s->base), TOP - 4, TOP + s->n * ROW_HEIGHT);
	opv__putf(&page, "<text x=\"%.1f\" y=\"%zu\" text-anchor=\"middle\">%lld</text>\n"
	          "<text x=\"%.1f\" y=\"%zu\" text-anchor=\"start\">%lld</text>\n"
	          "<text x=\"%.1f\" y=\"%zu\" text-anchor=\"end\">%lld</text>\n</svg>\n",
	          X(s->base), TOP + s->n * ROW_HEIGHT + 18, (long long)s->base, x0,
	          TOP + s->n * ROW_HEIGHT + 34, (long long)lo, x0 + width,
	          TOP + s->n * ROW_HEIGHT + 34, (long long)hi);
#undef X
	if (page.failed) {
		free(page.text);
		return opv__fail(err, OPV_ENOMEM, "out of memory for the chart");
	}
	f = fopen(path, "wb");
	if (!f) {
		rc = opv__fail(err, OPV_EIO, "%s: cannot write: %s", path, strerror(errno));
	} else {
		if (fwrite(page.text, 1, page.len, f) != page.len)
			rc = opv__fail(err, OPV_EIO, "%s: cannot write: %s", path, strerror(errno));
		if (fclose(f) != 0 && !rc)
			rc = opv__fail(err, OPV_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	free(page.text);
	return rc;
}
