/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The HTML report (opvang/report.h).  It computes nothing of its own: the
 * numbers come from opv_compliance_on() and opv_location_assess(), and this
 * file lays them out as pages, in Dutch, for the people who act on them.
 *
 * Pages are built in memory (html.h) and written into a fresh directory that
 * replaces the target only when all of them are there (report_dir.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/report.h"
#include "boundaries_data.h"
#include "error.h"
#include "versioned.h"
#include "html.h"
#include "locations_internal.h"
#include "report_dir.h"

/* ---- what the pages need to know ---------------------------------------------- */

/* The columns of one level of the compliance table. */
struct level {
	size_t rows;
	int64_t *col[OPV_COMPLIANCE_COLUMN_COUNT];
};

struct report {
	const opv_register *reg;
	const opv_locations *locations;
	const opv_tasks *tasks;
	const opv_compliance_options *rules;
	opv_day day;
	char date[40];  /* the day as Dutch readers write it: "1 juli 2026" */
	const char *locations_name, *tasks_name;
	struct level level[3];
	long *boundary_of;  /* per municipality: its boundary, or -1 */
	/* The locations of each municipality in the table's order, as lists:
	 * first_location[g], then next_location[i] until NO_LOCATION. */
	size_t *first_location, *next_location;
	/* With a scenario: its projection, and the Monte Carlo band (or NULL). */
	const char *scenario_name;
	const opv_scenario *scenario;
	opv_projection_row *projection;
	opv_monte_carlo_week *band;
	size_t weeks;       /* rows of the projection */
	uint64_t runs, seed;
	const opv_report_housing *housing;  /* NULL: no housing section */
};

static void free_levels(struct report *r)
{
	int l, k;
	for (l = 0; l < 3; l++)
		for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++)
			free(r->level[l].col[k]);
	free(r->boundary_of);
	free(r->first_location);
	free(r->next_location);
	free(r->projection);
	free(r->band);
}

/* The projection of the scenario, and its band when it has a monte_carlo section. */
static int project(struct report *r, const opv_scenario *scenario,
                   const opv_monte_carlo_options *monte_carlo, opv_error *err)
{
	static const opv_monte_carlo_options defaults = OPV_MONTE_CARLO_OPTIONS_INIT;
	int rc;
	r->weeks = (size_t)opv_scenario_weeks(scenario) + 1;
	r->projection = calloc(r->weeks, sizeof *r->projection);
	if (!r->projection)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the projection");
	rc = opv_project(r->projection, r->weeks, scenario, err);
	if (rc || !opv_scenario_has_monte_carlo(scenario))
		return rc;
	if (!monte_carlo)
		monte_carlo = &defaults;
	r->runs = monte_carlo->runs;
	r->seed = monte_carlo->seed;
	r->band = calloc(r->weeks, sizeof *r->band);
	if (!r->band)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the projection");
	return opv_project_monte_carlo(r->band, r->weeks, NULL, NULL, scenario, monte_carlo, err);
}

static int read_levels(struct report *r, const opv_compliance *c, opv_error *err)
{
	int l, k, rc;
	for (l = 0; l < 3; l++) {
		size_t rows = opv_compliance_rows(c, (opv_level)l);
		r->level[l].rows = rows;
		for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++) {
			r->level[l].col[k] = malloc((rows + 1) * sizeof **r->level[l].col);
			if (!r->level[l].col[k])
				return opv__fail(err, OPV_ENOMEM, "out of memory for the report");
			rc = opv_compliance_get(r->level[l].col[k], rows, c, (opv_level)l,
			                        (opv_compliance_column)k, err);
			if (rc)
				return rc;
		}
	}
	return OPV_OK;
}

static int64_t value(const struct report *r, opv_level level, opv_compliance_column column,
                     size_t row)
{
	return r->level[level].col[column][row];
}

#define NO_LOCATION SIZE_MAX

/* Groups the locations by municipality once, so that the municipality pages
 * together read each location once, not every location once per page. */
static int group_locations(struct report *r, opv_error *err)
{
	size_t n = opv_register_count(r->reg), count = opv_locations_count(r->locations), i;
	r->first_location = malloc((n + 1) * sizeof *r->first_location);
	r->next_location = malloc((count + 1) * sizeof *r->next_location);
	if (!r->first_location || !r->next_location)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the report");
	for (i = 0; i < n; i++)
		r->first_location[i] = NO_LOCATION;
	for (i = count; i-- > 0;) {  /* from the last, so that each list keeps the table's order */
		size_t g = opv_locations_at(r->locations, i)->municipality;
		r->next_location[i] = r->first_location[g];
		r->first_location[g] = i;
	}
	return OPV_OK;
}

static int find_boundaries(struct report *r, opv_error *err)
{
	size_t i, n = opv_register_count(r->reg);
	r->boundary_of = malloc((n + 1) * sizeof *r->boundary_of);
	if (!r->boundary_of)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the report");
	for (i = 0; i < n; i++)
		r->boundary_of[i] = -1;
	for (i = 0; i < opv__boundary_count; i++) {
		size_t at;
		/* A register without this code simply has no such municipality. */
		if (opv_register_find(&at, r->reg, opv__boundaries[i].code, NULL) == OPV_OK &&
		    strcmp(opv_register_at(r->reg, at)->code, opv__boundaries[i].code) == 0)
			r->boundary_of[at] = (long)i;
	}
	return OPV_OK;
}

static int dutch_date(char *buf, size_t size, opv_day day, opv_error *err)
{
	static const char *const months[] = {
		"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"
	};
	char iso[OPV_DATE_TEXT_SIZE];
	int rc = opv_date_format(iso, sizeof iso, day, err);
	if (rc)
		return rc;
	/* iso is YYYY-MM-DD: the library wrote it. */
	snprintf(buf, size, "%d %s %.4s", atoi(iso + 8), months[atoi(iso + 5) - 1], iso);
	return OPV_OK;
}

/* ---- colours: the gap as a share of the task -------------------------------------- */

/* Classes of the map, with their legend; colour never stands alone: every
 * shape carries its numbers in a title, and the legend counts them. */
enum shade { NO_TASK, MET, AMV_ONLY, SHORT_25, SHORT_50, SHORT_75, SHORT_100, NOT_IN_REGISTER,
             SHADES };

static const struct {
	const char *css, *colour, *label;
} shades[SHADES] = {
	{ "s-none", "#d9d9d9", "geen taak" },
	{ "s-met", "#1a9850", "taak gehaald" },
	{ "s-amv", "#fee08b", "alleen amv-plaatsen te kort" },
	{ "s-25", "#fdae61", "tekort tot 25% van de taak" },
	{ "s-50", "#f46d43", "tekort 25 tot 50%" },
	{ "s-75", "#d73027", "tekort 50 tot 75%" },
	{ "s-100", "#a50026", "tekort 75 tot 100%" },
	{ "s-out", "#ffffff", "niet in het register" },
};

static enum shade shade_of(const struct report *r, size_t g)
{
	int64_t task = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK, g);
	int64_t gap = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, g);
	if (task == 0)
		return NO_TASK;
	if (value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, g))
		return MET;
	if (gap <= 0)
		return AMV_ONLY;
	/* Exact in integers: gap / task <= k / 4. */
	if (4 * gap <= task)
		return SHORT_25;
	if (2 * gap <= task)
		return SHORT_50;
	if (4 * gap <= 3 * task)
		return SHORT_75;
	return SHORT_100;
}

/* ---- page parts ------------------------------------------------------------------- */

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;"
	"color:#111;line-height:1.4}"
	"h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem}"
	"table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ccc;"
	"padding:.2rem .5rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right;"
	"font-variant-numeric:tabular-nums}"
	"nav{font-size:.9rem;margin-bottom:.5rem}.short{color:#a50026;font-weight:bold}"
	".ok{color:#1a6b37;font-weight:bold}.meta{font-size:.8rem;color:#444;margin-top:2rem;"
	"border-top:1px solid #ccc}"
	"svg.chart{width:100%}svg.map{width:100%;max-height:48rem;background:#eef4fa}"
	"svg.map path{stroke:#555;"
	"stroke-width:1;fill-rule:evenodd}svg.map a:hover path,svg.map a:focus path{stroke:#000;"
	"stroke-width:4}"
	"td.d{white-space:nowrap}"
	".key{display:inline-block;width:1em;height:1em;border:1px solid #555;vertical-align:middle}"
	".letter{border-left:4px solid #888;padding-left:1rem}"
	"@media print{@page{size:A4;margin:15mm}nav,.noprint{display:none}body{max-width:none;"
	"padding:0;font-size:10pt}a{color:inherit;text-decoration:none}svg.map{max-height:120mm;"
	"background:none}h2{break-after:avoid}tr{break-inside:avoid}}";

/* The head of a page titled `title` and, when not NULL, `name` from the inputs. */
static void page_head(struct opv__page *p, const char *title, const char *name, const char *root)
{
	opv__put(p, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	opv__put(p, title);
	if (name)
		opv__put_text(p, name);
	opv__put(p, "</title>\n<style>");
	opv__put(p, style);
	{
		int s;
		for (s = 0; s < SHADES; s++)
			opv__putf(p, ".%s{fill:%s;background:%s}", shades[s].css, shades[s].colour,
			          shades[s].colour);
	}
	opv__put(p, "</style>\n</head>\n<body>\n");
	opv__putf(p, "<nav><a href=\"%sindex.html\">Nederland</a></nav>\n", root);
}

static void page_foot(struct opv__page *p, const struct report *r)
{
	opv__put(p, "<footer class=\"meta\">\n<p>Gemaakt door opvang ");
	opv__put_text(p, opv_version());
	opv__put(p, " met de stand op ");
	opv__put(p, r->date);
	opv__put(p, ". Invoer: locaties <code>");
	opv__put_text(p, r->locations_name);
	opv__put(p, "</code>; taak <code>");
	opv__put_text(p, r->tasks_name);
	opv__put(p, "</code> (");
	opv__put_text(p, opv_task_source_name(opv_tasks_source(r->tasks)));
	opv__put(p, ")");
	if (r->projection) {
		opv__put(p, "; scenario <code>");
		opv__put_text(p, r->scenario_name);
		opv__put(p, "</code>");
		if (r->band)
			opv__putf(p, " (%llu runs, seed %llu)", (unsigned long long)r->runs,
			          (unsigned long long)r->seed);
	}
	opv__put(p, ". Register: ");
	opv__put_text(p, opv_register_source(r->reg));
	opv__putf(p, ". Telregels: duurzaam vanaf %d jaar (%s)", r->rules->min_years,
	          r->rules->durability == OPV_DURABLE_REMAINING ? "gerekend vanaf de dag"
	                                                        : "over de afgesproken periode");
	if (r->rules->existing_min_places > 0)
		opv__putf(p, "; bestaande locaties tellen vanaf %lld plaatsen",
		          (long long)r->rules->existing_min_places);
	if (r->rules->counting_types != OPV_COUNTING_TYPES_LAW) {
		int k, first = 1;
		opv__put(p, "; tellende soorten (niet de lezing van de wet):");
		for (k = 0; k < OPV_LOCATION_TYPE_COUNT; k++) {
			if (!(r->rules->counting_types & (1u << k)))
				continue;
			opv__putf(p, "%s %s", first ? "" : ",", opv_location_type_name((opv_location_type)k));
			first = 0;
		}
	}
	if (r->rules->count_above_agreement)
		opv__put(p, "; plaatsen boven de afspraak tellen mee (niet de lezing van de wet)");
	opv__put(p, ".</p>\n<p>Gemeentegrenzen: CBS, Wijk- en buurtkaart / gebiedsindelingen 2025 "
	            "(bron: CBS), geprojecteerd op het Rijksdriehoekstelsel (EPSG:28992) met PROJ. "
	            "Bevolkingscijfers: CBS.</p>\n</footer>\n</body>\n</html>\n");
}

/* The summary of one row of a level: task, counted places and gaps. */
static void summary_table(struct opv__page *p, const struct report *r, opv_level level, size_t row)
{
	opv__put(p, "<table class=\"summary\">\n<thead><tr><th scope=\"col\"></th>"
	            "<th scope=\"col\" class=\"n\">totaal</th>"
	            "<th scope=\"col\" class=\"n\">waarvan amv</th>"
	            "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">taak</th>");
	opv__put_cell(p, "task", value(r, level, OPV_COLUMN_TASK, row));
	opv__put_cell(p, "task_amv", value(r, level, OPV_COLUMN_TASK_AMV, row));
	opv__put(p, "</tr>\n<tr><th scope=\"row\">plaatsen die meetellen</th>");
	opv__put_cell(p, "places_counting", value(r, level, OPV_COLUMN_PLACES_COUNTING, row));
	opv__put_cell(p, "places_counting_amv", value(r, level, OPV_COLUMN_PLACES_COUNTING_AMV, row));
	opv__put(p, "</tr>\n<tr><th scope=\"row\">tekort (negatief: overschot)</th>");
	opv__put_cell(p, "gap", value(r, level, OPV_COLUMN_GAP, row));
	opv__put_cell(p, "gap_amv", value(r, level, OPV_COLUMN_GAP_AMV, row));
	opv__put(p, "</tr>\n<tr><th scope=\"row\">alle open plaatsen</th>");
	opv__put_cell(p, "places_total", value(r, level, OPV_COLUMN_PLACES_TOTAL, row));
	opv__put(p, "<td></td></tr>\n<tr><th scope=\"row\">plaatsen boven de bestuurlijke afspraak</th>");
	opv__put_cell(p, "places_above_agreement",
	              value(r, level, OPV_COLUMN_PLACES_ABOVE_AGREEMENT, row));
	opv__put(p, "<td></td></tr>\n</tbody>\n</table>\n");
	if (value(r, level, OPV_COLUMN_MET, row))
		opv__put(p, "<p class=\"ok\" data-col=\"met\" data-value=\"true\">Taak gehaald.</p>\n");
	else
		opv__put(p, "<p class=\"short\" data-col=\"met\" data-value=\"false\">Taak niet gehaald.</p>\n");
}

/* Numbers of a municipality in words, for the map's titles. */
static void put_title_numbers(struct opv__page *p, const struct report *r, size_t g)
{
	opv__put_text(p, opv_register_at(r->reg, g)->name);
	opv__put(p, ": taak ");
	opv__put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK, g));
	opv__put(p, " (amv ");
	opv__put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK_AMV, g));
	opv__put(p, "), tellend ");
	opv__put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, g));
	opv__put(p, " (amv ");
	opv__put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING_AMV, g));
	opv__put(p, "), tekort ");
	opv__put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, g));
	opv__put(p, " (amv ");
	opv__put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP_AMV, g));
	opv__put(p, ")");
}

/*
 * The map of the municipalities for which `in` says 1 (all with NULL), each a
 * link to its page, with a legend that counts them per class.
 */
static void map(struct opv__page *p, const struct report *r, const unsigned char *in,
                const char *root,
                const char *label)
{
	size_t n = opv_register_count(r->reg), g, b, drawn[SHADES] = { 0 };
	int box[4] = { 1 << 30, 1 << 30, -(1 << 30), -(1 << 30) }, margin, s;
	unsigned char *shown = calloc(opv__boundary_count + 1, 1);
	for (g = 0; g < n; g++) {
		long k = r->boundary_of[g];
		if (k < 0 || (in && !in[g]))
			continue;
		if (shown)
			shown[k] = 1;
		if (opv__boundaries[k].box[0] < box[0]) box[0] = opv__boundaries[k].box[0];
		if (opv__boundaries[k].box[1] < box[1]) box[1] = opv__boundaries[k].box[1];
		if (opv__boundaries[k].box[2] > box[2]) box[2] = opv__boundaries[k].box[2];
		if (opv__boundaries[k].box[3] > box[3]) box[3] = opv__boundaries[k].box[3];
	}
	if (box[2] < box[0]) {
		free(shown);
		return;  /* nothing to draw */
	}
	margin = (box[2] - box[0] + box[3] - box[1]) / 80 + 5;
	opv__putf(p, "<svg class=\"map\" viewBox=\"%d %d %d %d\" role=\"img\" "
	             "aria-labelledby=\"map-title\" "
	             "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"map-title\">",
	          box[0] - margin, box[1] - margin, box[2] - box[0] + 2 * margin,
	          box[3] - box[1] + 2 * margin);
	opv__put_text(p, label);
	opv__put(p, "</title>\n");
	for (g = 0; g < n; g++) {
		long k = r->boundary_of[g];
		enum shade shade;
		if (k < 0 || (in && !in[g]))
			continue;
		shade = shade_of(r, g);
		drawn[shade]++;
		opv__putf(p, "<a href=\"%smunicipalities/%s.html\"><path data-code=\"%s\" class=\"%s\" d=\"%s\">"
		             "<title>", root, opv__boundaries[k].code, opv__boundaries[k].code,
		          shades[shade].css, opv__boundaries[k].path);
		put_title_numbers(p, r, g);
		opv__put(p, "</title></path></a>\n");
	}
	/* On the national map, shapes of codes the register does not have. */
	if (!in) {
		for (b = 0; b < opv__boundary_count; b++) {
			if (shown && shown[b])
				continue;
			drawn[NOT_IN_REGISTER]++;
			opv__putf(p, "<path data-code=\"%s\" class=\"%s\" d=\"%s\"><title>", opv__boundaries[b].code,
			          shades[NOT_IN_REGISTER].css, opv__boundaries[b].path);
			opv__put_text(p, opv__boundaries[b].name);
			opv__put(p, ": niet in het register</title></path>\n");
		}
	}
	free(shown);
	opv__put(p, "</svg>\n<table class=\"legend\">\n<caption>Legenda: het tekort als deel van de taak"
	            "</caption>\n<thead><tr><th scope=\"col\">kleur</th><th scope=\"col\">betekenis</th>"
	            "<th scope=\"col\" class=\"n\">gemeenten</th></tr></thead>\n<tbody>\n");
	for (s = 0; s < SHADES; s++) {
		if (s == NOT_IN_REGISTER && !drawn[s])
			continue;
		opv__putf(p, "<tr><td><span class=\"key %s\"></span></td><td>%s</td>", shades[s].css,
		          shades[s].label);
		opv__put_cell(p, "count", (int64_t)drawn[s]);
		opv__put(p, "</tr>\n");
	}
	opv__put(p, "</tbody>\n</table>\n");
}

/* A table of municipalities (register positions in `order`) with their numbers. */
static void municipality_rows(struct opv__page *p, const struct report *r, const size_t *order,
                              size_t count, const char *root)
{
	static const opv_compliance_column shown[] = {
		OPV_COLUMN_TASK, OPV_COLUMN_TASK_AMV, OPV_COLUMN_PLACES_COUNTING,
		OPV_COLUMN_PLACES_COUNTING_AMV, OPV_COLUMN_GAP, OPV_COLUMN_GAP_AMV,
	};
	static const char *const heads[] = {
		"taak", "waarvan amv", "tellend", "waarvan amv", "tekort", "tekort amv"
	};
	size_t k, c;
	opv__put(p, "<table class=\"municipalities\">\n<thead><tr><th scope=\"col\">gemeente</th>");
	for (c = 0; c < sizeof heads / sizeof *heads; c++)
		opv__putf(p, "<th scope=\"col\" class=\"n\">%s</th>", heads[c]);
	opv__put(p, "<th scope=\"col\">gehaald</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < count; k++) {
		size_t g = order[k];
		const opv_municipality *m = opv_register_at(r->reg, g);
		opv__putf(p, "<tr data-code=\"%s\"><th scope=\"row\"><a href=\"%smunicipalities/", m->code, root);
		opv__put_text(p, m->code);
		opv__put(p, ".html\">");
		opv__put_text(p, m->name);
		opv__put(p, "</a></th>");
		for (c = 0; c < sizeof shown / sizeof *shown; c++)
			opv__put_cell(p, opv_compliance_column_name(shown[c]),
			              value(r, OPV_LEVEL_MUNICIPALITY, shown[c], g));
		opv__put(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, g) ? "<td>ja</td>"
		                                                                : "<td class=\"short\">nee</td>");
		opv__put(p, "</tr>\n");
	}
	opv__put(p, "</tbody>\n</table>\n");
}

/* ---- the pages ------------------------------------------------------------------ */

static const char *task_source_text(opv_task_source source)
{
	switch (source) {
	case OPV_TASK_FILE:
		return "een takenbestand (bijvoorbeeld een verdeelbesluit)";
	case OPV_TASK_KEY_SES:
		return "de indicatieve verdeelsleutel naar inwoners en sociaal-economische status "
		       "(SES-WOA), zoals de wet weegt";
	case OPV_TASK_KEY_POPULATION:
		return "de verdeelsleutel naar inwoners alleen; dat is niet de wettelijke sleutel, die "
		       "ook de sociaal-economische status (SES-WOA) weegt";
	}
	return "";
}

/* A short Dutch date for an axis: "1 jul 2026". */
static void put_short_date(struct opv__page *p, opv_day day)
{
	static const char *const months[] = {
		"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"
	};
	char iso[OPV_DATE_TEXT_SIZE];
	if (opv_date_format(iso, sizeof iso, day, NULL) != OPV_OK)
		return;
	opv__putf(p, "%d %s %.4s", atoi(iso + 8), months[atoi(iso + 5) - 1], iso);
}

/*
 * The shortfall projection: occupancy against capacity week by week, the
 * shortage, and the Monte Carlo band of occupancy; then the same figures every
 * four weeks in a table, so that no number lives in the picture alone.
 */
static void projection_section(struct opv__page *p, const struct report *r)
{
	enum { W = 900, H = 340, LEFT = 70, RIGHT = 20, TOP = 15, BOTTOM = 40 };
	const opv_projection_row *rows = r->projection;
	double top = 1, x_step, scale, step;
	size_t k, peak = 0;
	int tick;
	for (k = 0; k < r->weeks; k++) {
		double high = r->band ? r->band[k].occupancy_p95 : 0;
		if ((double)rows[k].occupancy > top) top = (double)rows[k].occupancy;
		if ((double)rows[k].capacity > top) top = (double)rows[k].capacity;
		if (high > top) top = high;
		if (rows[k].shortage > rows[peak].shortage)
			peak = k;
	}
	top *= 1.05;
	x_step = r->weeks > 1 ? (double)(W - LEFT - RIGHT) / (double)(r->weeks - 1) : 0;
	scale = (double)(H - TOP - BOTTOM) / top;
#define X(k) (LEFT + x_step * (double)(k))
#define Y(v) (TOP + (double)(H - TOP - BOTTOM) - scale * (double)(v))
	opv__put(p, "<h2>Tekortprognose</h2>\n<p>Scenario <code>");
	opv__put_text(p, r->scenario_name);
	opv__put(p, "</code>: bezetting van de opvang tegen de capaciteit, week voor week; het tekort is "
	            "de bezetting boven de capaciteit.");
	if (rows[peak].shortage > 0) {
		opv__put(p, " Het grootste tekort is ");
		opv__put_number(p, rows[peak].shortage);
		opv__put(p, " plaatsen, in de week van ");
		put_short_date(p, rows[peak].date);
		opv__put(p, ".");
	}
	if (r->band)
		opv__putf(p, " De grijze band is 90%% van %llu Monte-Carlo-runs (P5 tot P95, seed %llu).",
		          (unsigned long long)r->runs, (unsigned long long)r->seed);
	for (k = 0; k < opv_scenario_reference_count(r->scenario); k++) {
		const opv_scenario_reference *ref = opv_scenario_reference_at(r->scenario, k);
		opv__put(p, k ? "; " : " De ruiten zijn gepubliceerde tekorten ter vergelijking: ");
		opv__put_number(p, ref->shortage);
		opv__put(p, " op ");
		put_short_date(p, ref->date);
		opv__put(p, " (");
		opv__put_text(p, ref->label);
		opv__put(p, ")");
		if (k + 1 == opv_scenario_reference_count(r->scenario))
			opv__put(p, ".");
	}
	opv__putf(p, "</p>\n<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	             "aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	             "<title id=\"chart-title\">Bezetting, capaciteit en tekort per week</title>\n", W, H);
	/* Round steps of 1, 2 or 5 times a power of ten, three to six of them. */
	step = pow(10, floor(log10(top / 5)));
	step *= top / 5 / step <= 1 ? 1 : top / 5 / step <= 2 ? 2 : top / 5 / step <= 5 ? 5 : 10;
	for (tick = 0; tick * step <= top; tick++) {
		double v = tick * step;
		opv__putf(p, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
		             "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\">", LEFT, W - RIGHT,
		          Y(v), Y(v), LEFT - 6, Y(v) + 4);
		opv__put_number(p, (int64_t)(v + 0.5));
		opv__put(p, "</text>\n");
	}
	for (k = 0; k < r->weeks; k += (r->weeks + 5) / 6) {
		opv__putf(p, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">", X(k),
		          H - BOTTOM + 18);
		put_short_date(p, rows[k].date);
		opv__put(p, "</text>\n");
	}
	if (r->band) {
		opv__put(p, "<path fill=\"#bbb\" fill-opacity=\"0.6\" d=\"M");
		for (k = 0; k < r->weeks; k++)
			opv__putf(p, "%s%.1f %.1f", k ? "L" : "", X(k), Y(r->band[k].occupancy_p95));
		for (k = r->weeks; k-- > 0;)
			opv__putf(p, "L%.1f %.1f", X(k), Y(r->band[k].occupancy_p05));
		opv__put(p, "Z\"><title>Bezetting P5 tot P95</title></path>\n");
	}
	{
		static const struct { const char *colour, *dash, *name; } lines[] = {
			{ "#2166ac", "6 4", "capaciteit" }, { "#111", "", "bezetting" },
			{ "#a50026", "", "tekort" },
		};
		int l;
		for (l = 0; l < 3; l++) {
			opv__putf(p, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-dasharray=\"%s\" "
			             "d=\"M", lines[l].colour, lines[l].dash);
			for (k = 0; k < r->weeks; k++) {
				int64_t v = l == 0 ? rows[k].capacity : l == 1 ? rows[k].occupancy : rows[k].shortage;
				opv__putf(p, "%s%.1f %.1f", k ? "L" : "", X(k), Y(v));
			}
			opv__putf(p, "\"><title>%s</title></path>\n", lines[l].name);
			opv__putf(p, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>\n",
			          LEFT + 10 + 140 * l, H - 6, lines[l].colour, lines[l].name);
		}
	}
	/* Published shortages the scenario names: a diamond each, with its figure. */
	for (k = 0; k < opv_scenario_reference_count(r->scenario); k++) {
		const opv_scenario_reference *ref = opv_scenario_reference_at(r->scenario, k);
		double week = (double)(ref->date - rows[0].date) / 7.0, x = X(week), y = Y(ref->shortage);
		if (week < 0 || week > (double)(r->weeks - 1) || (double)ref->shortage > top)
			continue;
		opv__putf(p, "<path class=\"reference\" d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"#f4a582\" "
		             "stroke=\"#a50026\"><title>", x, y - 6);
		opv__put_number(p, ref->shortage);
		opv__put(p, " plaatsen tekort op ");
		put_short_date(p, ref->date);
		opv__put(p, ": ");
		opv__put_text(p, ref->label);
		opv__putf(p, "</title></path>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
		             "text-anchor=\"%s\" fill=\"#a50026\">", x + (week > (double)r->weeks / 2 ? -9 : 9),
		          y - 9, week > (double)r->weeks / 2 ? "end" : "start");
		opv__put_number(p, ref->shortage);
		opv__put(p, " (");
		opv__put_text(p, ref->label);
		opv__put(p, ")</text>\n");
	}
	opv__put(p, "</svg>\n");
#undef X
#undef Y
	opv__put(p, "<table class=\"projection\">\n<caption>Elke vier weken</caption>\n<thead><tr>"
	            "<th scope=\"col\">week van</th><th scope=\"col\" class=\"n\">bezetting</th>"
	            "<th scope=\"col\" class=\"n\">capaciteit</th>"
	            "<th scope=\"col\" class=\"n\">tekort</th>");
	if (r->band)
		opv__put(p, "<th scope=\"col\" class=\"n\">tekort P5</th><th scope=\"col\" class=\"n\">"
		            "tekort P95</th><th scope=\"col\" class=\"n\">kans op tekort</th>");
	opv__put(p, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < r->weeks; k += 4) {
		opv__put(p, "<tr><td class=\"d\">");
		put_short_date(p, rows[k].date);
		opv__put(p, "</td>");
		opv__put_cell(p, "occupancy", rows[k].occupancy);
		opv__put_cell(p, "capacity", rows[k].capacity);
		opv__put_cell(p, "shortage", rows[k].shortage);
		if (r->band) {
			opv__put_cell(p, "shortage_p05", (int64_t)(r->band[k].shortage_p05 + 0.5));
			opv__put_cell(p, "shortage_p95", (int64_t)(r->band[k].shortage_p95 + 0.5));
			opv__putf(p, "<td class=\"n\">%.0f%%</td>", 100 * r->band[k].p_shortage);
		}
		opv__put(p, "</tr>\n");
	}
	opv__put(p, "</tbody>\n</table>\n");
}

static void index_page(struct opv__page *p, const struct report *r, const size_t *short_order,
                       size_t short_count)
{
	size_t k, nprov = r->level[OPV_LEVEL_PROVINCE].rows;
	page_head(p, "Spreidingswet: stand per gemeente", NULL, "");
	opv__putf(p, "<h1>Spreidingswet: opvangplaatsen per gemeente op %s</h1>\n", r->date);
	opv__put(p, "<p>De taak komt uit ");
	opv__put(p, task_source_text(opv_tasks_source(r->tasks)));
	opv__put(p, " (");
	opv__put_text(p, opv_tasks_origin(r->tasks));
	opv__put(p, "). ");
	opv__put_number(p, value(r, OPV_LEVEL_NATION, OPV_COLUMN_MUNICIPALITIES_SHORT, 0));
	opv__put(p, " van de ");
	opv__put_number(p, value(r, OPV_LEVEL_NATION, OPV_COLUMN_MUNICIPALITIES, 0));
	opv__put(p, " gemeenten hebben hun taak niet gehaald.</p>\n<h2>Nederland</h2>\n");
	summary_table(p, r, OPV_LEVEL_NATION, 0);
	opv__put(p, "<h2>Kaart</h2>\n<p class=\"noprint\">Klik op een gemeente voor haar pagina.</p>\n");
	map(p, r, NULL, "", "Kaart van Nederland: het tekort van elke gemeente als deel van haar taak");
	opv__put(p, "<h2>Provincies</h2>\n<p>Het tekort van een provincie is netto: een overschot in de "
	            "ene gemeente telt mee voor de provincie.</p>\n"
	            "<table class=\"provinces\">\n<thead><tr>"
	            "<th scope=\"col\">provincie</th><th scope=\"col\" class=\"n\">taak</th>"
	            "<th scope=\"col\" class=\"n\">tellend</th><th scope=\"col\" class=\"n\">tekort</th>"
	            "<th scope=\"col\" class=\"n\">tekort amv</th><th scope=\"col\" class=\"n\">gemeenten "
	            "met tekort</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < nprov; k++) {
		const opv_province *prov = opv_register_province_at(r->reg, k);
		opv__putf(p, "<tr data-code=\"%s\"><th scope=\"row\"><a href=\"provinces/", prov->code);
		opv__put_text(p, prov->code);
		opv__put(p, ".html\">");
		opv__put_text(p, prov->name);
		opv__put(p, "</a></th>");
		opv__put_cell(p, "task", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_TASK, k));
		opv__put_cell(p, "places_counting", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_PLACES_COUNTING, k));
		opv__put_cell(p, "gap", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP, k));
		opv__put_cell(p, "gap_amv", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP_AMV, k));
		opv__put_cell(p, "municipalities_short",
		              value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES_SHORT, k));
		opv__put(p, "</tr>\n");
	}
	opv__put(p, "</tbody>\n</table>\n");
	if (r->projection)
		projection_section(p, r);
	opv__put(p, "<h2>Gemeenten die hun taak niet hebben gehaald</h2>\n"
	            "<p>Grootste tekort eerst.</p>\n");
	municipality_rows(p, r, short_order, short_count, "");
	page_foot(p, r);
}

static void province_page(struct opv__page *p, const struct report *r, size_t k,
                          const size_t *by_gap, size_t n)
{
	const opv_province *prov = opv_register_province_at(r->reg, k);
	unsigned char *in = calloc(n + 1, 1);
	size_t *members = malloc((n + 1) * sizeof *members), m = 0, i;
	if (!in || !members) {
		p->failed = 1;
		free(in);
		free(members);
		return;
	}
	for (i = 0; i < n; i++) {
		size_t g = by_gap[i];
		if (opv_register_province_of(r->reg, g) == k) {
			in[g] = 1;
			members[m++] = g;
		}
	}
	page_head(p, "Spreidingswet: provincie ", prov->name, "../");
	opv__put(p, "<h1>Provincie ");
	opv__put_text(p, prov->name);
	opv__putf(p, "</h1>\n<p>Stand op %s. Voor een verdeelbesluit is het totaal van de provincie "
	             "wat de regietafel moet leveren: een overschot in de ene gemeente telt mee voor "
	             "de andere, dus "
	             "het tekort hieronder is netto.</p>\n", r->date);
	summary_table(p, r, OPV_LEVEL_PROVINCE, k);
	opv__put(p, "<p>");
	opv__put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES_SHORT, k));
	opv__put(p, " van de ");
	opv__put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES, k));
	opv__put(p, " gemeenten hebben hun eigen taak niet gehaald.</p>\n<h2>Kaart</h2>\n");
	map(p, r, in, "../", "Kaart van de provincie: het tekort van elke gemeente als deel van haar "
	                     "taak");
	opv__put(p, "<h2>Gemeenten, grootste tekort eerst</h2>\n");
	municipality_rows(p, r, members, m, "../");
	page_foot(p, r);
	free(in);
	free(members);
}

static const char *type_text(opv_location_type type)
{
	static const char *const names[OPV_LOCATION_TYPE_COUNT] = {
		"azc", "amv-opvang", "noodopvang", "spoednoodopvang", "crisisnoodopvang", "hotel of schip",
		"doorstroomlocatie"
	};
	return (unsigned)type < OPV_LOCATION_TYPE_COUNT ? names[type] : "";
}

static void reason_text(struct opv__page *p, const struct report *r, opv_count_reason reason,
                        const opv_location *loc)
{
	switch (reason) {
	case OPV_COUNTS:
		opv__put(p, "telt mee");
		break;
	case OPV_NOT_OPEN:
		opv__put(p, "niet open op deze dag");
		break;
	case OPV_NOT_REGULAR:
		opv__putf(p, "%s telt niet mee: alleen duurzame azc- en amv-plaatsen tellen",
		          type_text(loc->type));
		break;
	case OPV_NOT_DURABLE:
		opv__putf(p, "niet duurzaam: korter dan %d jaar afgesproken", r->rules->min_years);
		break;
	case OPV_SMALL_EXISTING:
		opv__putf(p, "bestaande locatie met minder dan %lld plaatsen",
		          (long long)r->rules->existing_min_places);
		break;
	}
}

static void locations_table(struct opv__page *p, const struct report *r, size_t g)
{
	size_t i, shown = 0;
	for (i = r->first_location[g]; i != NO_LOCATION; i = r->next_location[i]) {
		const opv_location *loc = opv_locations_at(r->locations, i);
		char opens[OPV_DATE_TEXT_SIZE], closes[OPV_DATE_TEXT_SIZE] = "open einde";
		opv_count_reason reason = OPV_COUNTS;
		int64_t counting = 0;  /* stays 0 should the assessment refuse the location */
		int open;
		if (shown++ == 0)
			opv__put(p, "<table class=\"locations\">\n<thead><tr><th scope=\"col\">locatie</th>"
			            "<th scope=\"col\">soort</th><th scope=\"col\">van</th><th scope=\"col\">tot</th>"
			            "<th scope=\"col\" class=\"n\">afgesproken</th>"
			            "<th scope=\"col\" class=\"n\">in gebruik</th>"
			            "<th scope=\"col\" class=\"n\">telt mee</th>"
			            "<th scope=\"col\" class=\"n\">boven de afspraak</th>"
			            "<th scope=\"col\">waarom</th></tr></thead>\n<tbody>\n");
		opv_location_assess(&reason, &counting, loc, r->day, r->rules, NULL);
		open = opv_location_is_open(loc, r->day);
		opv_date_format(opens, sizeof opens, loc->opens, NULL);
		if (!loc->open_ended)
			opv_date_format(closes, sizeof closes, loc->closes, NULL);
		opv__put(p, "<tr data-id=\"");
		opv__put_text(p, loc->id);
		opv__put(p, "\"><th scope=\"row\">");
		opv__put_text(p, loc->name);
		opv__put(p, " <small>(");
		opv__put_text(p, loc->id);
		opv__putf(p, ")</small></th><td>%s</td><td class=\"d\">%s</td><td class=\"d\">%s</td>",
		          type_text(loc->type), opens, closes);
		opv__put_cell(p, "agreed_capacity", loc->agreed_capacity);
		opv__put_cell(p, "capacity", loc->capacity);
		opv__put_cell(p, "places_counting", counting);
		opv__put_cell(p, "places_above_agreement",
		              open && loc->capacity > loc->agreed_capacity ? loc->capacity - loc->agreed_capacity
		                                                          : 0);
		opv__put(p, "<td>");
		reason_text(p, r, reason, loc);
		if (reason == OPV_COUNTS && loc->capacity > loc->agreed_capacity)
			opv__put(p, "; plaatsen boven de afspraak tellen niet mee");
		opv__put(p, "</td></tr>\n");
	}
	if (shown)
		opv__put(p, "</tbody>\n</table>\n");
	else
		opv__put(p, "<p>Er zijn geen locaties in deze gemeente in de invoer.</p>\n");
}

/* What the letter of 26 March 2026 asks, in plain Dutch. */
static void letter(struct opv__page *p, const struct report *r, size_t g)
{
	const opv_municipality *m = opv_register_at(r->reg, g);
	int64_t task = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK, g);
	int64_t counting = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, g);
	int64_t gap = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, g);
	int64_t gap_amv = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP_AMV, g);
	opv__put(p, "<h2>Wat de brief vraagt</h2>\n<div class=\"letter\">\n<p>");
	if (task == 0) {
		opv__put(p, "Deze gemeente heeft op ");
		opv__put(p, r->date);
		opv__put(p, " geen taak volgens deze invoer.");
	} else if (value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, g)) {
		opv__put_text(p, m->name);
		opv__putf(p, " heeft op %s haar taak gehaald: ", r->date);
		opv__put_number(p, counting);
		opv__put(p, " plaatsen tellen mee tegen een taak van ");
		opv__put_number(p, task);
		opv__put(p, ". Er wordt geen uitleg gevraagd.");
	} else {
		opv__putf(p, "Op %s telt ", r->date);
		opv__put_text(p, m->name);
		opv__put(p, " ");
		opv__put_number(p, counting);
		opv__put(p, " van de ");
		opv__put_number(p, task);
		opv__put(p, " opvangplaatsen die de Spreidingswet vraagt. ");
		if (gap > 0) {
			opv__put(p, "Er ontbreken ");
			opv__put_number(p, gap);
			opv__put(p, " plaatsen");
			if (gap_amv > 0) {
				opv__put(p, ", waarvan ");
				opv__put_number(p, gap_amv);
				opv__put(p, " voor alleenstaande minderjarige vreemdelingen (amv)");
			}
			opv__put(p, ". ");
		} else {
			opv__put(p, "Dat zijn genoeg plaatsen, maar er ontbreken ");
			opv__put_number(p, gap_amv);
			opv__put(p, " plaatsen voor alleenstaande minderjarige vreemdelingen (amv), die apart "
			            "worden geteld. ");
		}
		opv__put(p, "In haar brief van 26 maart 2026 vraagt de minister gemeenten die hun taak niet "
		            "hebben gehaald, uit te leggen waarom, en welke plaatsen zij wanneer beschikbaar "
		            "stellen.");
	}
	opv__put(p, "</p>\n</div>\n");
}

/* The stages as the provinces' interventieladders name them. */
static const char *stage_text(opv_stage stage)
{
	static const char *const names[OPV_STAGE_COUNT] = {
		"op koers", "signalering", "bestuurlijk overleg", "waarschuwing met begunstigingstermijn",
		"indeplaatsstelling (Gemeentewet art. 124)", "geen gegevens"
	};
	return (unsigned)stage < OPV_STAGE_COUNT ? names[stage] : "";
}

/* The housing task of the half-year, as given by the caller. */
static void housing_section(struct opv__page *p, const struct report *r, size_t g)
{
	const opv_report_housing *h = r->housing;
	char period[OPV_PERIOD_TEXT_SIZE];
	opv_period_format(period, sizeof period, h->period, NULL);
	opv__putf(p, "<h2>Huisvesting van statushouders, %s</h2>\n<p>De taakstelling volgt uit "
	             "Huisvestingswet 2014 art. 29: het landelijke aantal (", period);
	opv__put_number(p, h->national);
	opv__put(p, ") naar rato van het aantal inwoners");
	if (h->population_date && h->population_date[0]) {
		opv__put(p, " op ");
		opv__put_text(p, h->population_date);
	}
	opv__put(p, ", naar boven afgerond.</p>\n<table class=\"housing\">\n<thead><tr><th scope=\"col\">"
	            "</th><th scope=\"col\" class=\"n\">personen</th></tr></thead>\n<tbody>\n"
	            "<tr><th scope=\"row\">taakstelling</th>");
	opv__put_cell(p, "housing_task", h->task[g]);
	opv__put(p, "</tr>\n");
	if (h->corrected) {
		opv__put(p, "<tr><th scope=\"row\">met achterstand of voorsprong</th>");
		opv__put_cell(p, "housing_corrected", h->corrected[g]);
		opv__put(p, "</tr>\n");
	}
	if (h->realised) {
		opv__put(p, "<tr><th scope=\"row\">gehuisvest</th>");
		opv__put_cell(p, "housing_realised", h->realised[g]);
		opv__put(p, "</tr>\n");
	}
	if (h->balance) {
		opv__put(p, "<tr><th scope=\"row\">saldo (positief: achterstand)</th>");
		opv__put_cell(p, "housing_balance", h->balance[g]);
		opv__put(p, "</tr>\n");
	}
	opv__put(p, "</tbody>\n</table>\n");
	if (h->ladder) {
		const int64_t *v = h->ladder + g * OPV_LADDER_COLUMN_COUNT;
		opv_stage stage = (opv_stage)v[OPV_LADDER_STAGE];
		char judged[OPV_PERIOD_TEXT_SIZE];
		opv_period_format(judged, sizeof judged, h->judged, NULL);
		opv__putf(p, "<p data-col=\"supervision_stage\" data-value=\"%s\">Provinciaal toezicht "
		             "(interventieladder), beoordeeld op %s: <strong>%s</strong>",
		          opv_stage_name(stage), judged, stage_text(stage));
		if (v[OPV_LADDER_MISSES] > 0) {
			opv__put(p, " (");
			opv__put_number(p, v[OPV_LADDER_MISSES]);
			opv__put(p, v[OPV_LADDER_MISSES] == 1 ? " halfjaar niet gehaald" :
			                                        " halfjaren op rij niet gehaald");
			opv__put(p, ")");
		}
		if (v[OPV_LADDER_ENTERED]) {
			opv__put(p, ", sinds ");
			put_short_date(p, (opv_day)v[OPV_LADDER_ENTERED]);
		}
		if (v[OPV_LADDER_TERM_ENDS]) {
			opv__put(p, ", termijn tot en met ");
			put_short_date(p, (opv_day)v[OPV_LADDER_TERM_ENDS]);
		}
		opv__put(p, ".</p>\n");
	}
}

static void municipality_page(struct opv__page *p, const struct report *r, size_t g)
{
	const opv_municipality *m = opv_register_at(r->reg, g);
	size_t k = opv_register_province_of(r->reg, g);
	page_head(p, "Spreidingswet: gemeente ", m->name, "../");
	opv__put(p, "<h1>");
	opv__put_text(p, m->name);
	opv__put(p, " <small>(");
	opv__put_text(p, m->code);
	opv__put(p, ")</small></h1>\n<p>Provincie <a href=\"../provinces/");
	opv__put_text(p, m->province_code);
	opv__put(p, ".html\">");
	opv__put_text(p, m->province);
	opv__putf(p, "</a>. Stand op %s.</p>\n<h2>De taak en waar die vandaan komt</h2>\n<p>", r->date);
	opv__put(p, "De taak komt uit ");
	opv__put(p, task_source_text(opv_tasks_source(r->tasks)));
	opv__put(p, ": ");
	opv__put_text(p, opv_tasks_origin(r->tasks));
	opv__put(p, ".");
	if (opv_tasks_source(r->tasks) != OPV_TASK_FILE) {
		const char *date = opv_register_reference_date(r->reg);
		opv__put(p, " Inwoners op ");
		opv__put_text(p, date[0] ? date : "een onbekende datum");
		opv__put(p, ": ");
		opv__put_number(p, m->population);
		opv__put(p, ".");
	}
	opv__put(p, " De taak omvat de amv-plaatsen; het amv-deel telt apart.</p>\n");
	summary_table(p, r, OPV_LEVEL_MUNICIPALITY, g);
	letter(p, r, g);
	opv__put(p, "<h2>Locaties</h2>\n<p>Alleen duurzame plaatsen tellen mee: azc- en amv-locaties die "
	            "zonder einddatum of voor ten minste vijf jaar zijn afgesproken (Besluit "
	            "gemeentelijke taak asielopvangvoorzieningen), en nooit meer dan de bestuurlijke "
	            "afspraak met het COA.</p>\n");
	locations_table(p, r, g);
	if (r->housing)
		housing_section(p, r, g);
	opv__put(p, "<h2>De provincie</h2>\n<p>");
	opv__put_text(p, m->province);
	opv__put(p, ": netto tekort ");
	opv__put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP, k));
	opv__put(p, " plaatsen, waarvan amv ");
	opv__put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP_AMV, k));
	opv__put(p, "; ");
	opv__put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES_SHORT, k));
	opv__put(p, " van de ");
	opv__put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES, k));
	opv__put(p, " gemeenten hebben hun taak niet gehaald.</p>\n");
	page_foot(p, r);
}

/* Writes every page into the new directory of `d`. */
static int write_pages(const struct opv__report_dir *d, const struct report *r, opv_error *err)
{
	size_t n = opv_register_count(r->reg), nprov = r->level[OPV_LEVEL_PROVINCE].rows;
	size_t *order = malloc((n + 1) * sizeof *order), *by_gap = NULL, count = 0, i;
	struct opv__page p = { NULL, 0, 0, 0 };
	int rc = OPV_OK;
	if (!order)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the report");
	/* Every municipality by gap, for the province pages; those short for the index. */
	if (!rc) {
		int64_t *everyone = malloc((n + 1) * sizeof *everyone);
		by_gap = malloc((n + 1) * sizeof *by_gap);
		if (!everyone || !by_gap)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the report");
		for (i = 0; !rc && i < n; i++)
			everyone[i] = 1;
		if (!rc)
			rc = opv__order_by_gap(by_gap, &count, r->level[0].col[OPV_COLUMN_GAP], everyone, n,
			                       err);
		free(everyone);
	}
	if (!rc) {
		int64_t *short_of = malloc((n + 1) * sizeof *short_of);
		if (!short_of)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the report");
		for (i = 0; !rc && i < n; i++)
			short_of[i] = !value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, i);
		if (!rc)
			rc = opv__order_by_gap(order, &count, r->level[0].col[OPV_COLUMN_GAP], short_of, n,
			                       err);
		free(short_of);
	}
	if (!rc) {
		index_page(&p, r, order, count);
		rc = p.failed ? opv__fail(err, OPV_ENOMEM, "out of memory for the report")
		              : opv__report_dir_write(d, "", "index.html", p.text, p.len, err);
	}
	for (i = 0; !rc && i < nprov; i++) {
		char name[64];
		p.len = 0;
		province_page(&p, r, i, by_gap, n);
		snprintf(name, sizeof name, "%s.html", opv_register_province_at(r->reg, i)->code);
		rc = p.failed ? opv__fail(err, OPV_ENOMEM, "out of memory for the report")
		              : opv__report_dir_write(d, "provinces", name, p.text, p.len, err);
	}
	for (i = 0; !rc && i < n; i++) {
		char name[64];
		p.len = 0;
		municipality_page(&p, r, i);
		snprintf(name, sizeof name, "%s.html", opv_register_at(r->reg, i)->code);
		rc = p.failed ? opv__fail(err, OPV_ENOMEM, "out of memory for the report")
		              : opv__report_dir_write(d, "municipalities", name, p.text, p.len, err);
	}
	free(p.text);
	free(order);
	free(by_gap);
	return rc;
}

int opv_report_write(const char *dir, const opv_register *reg, const opv_locations *locations,
                     const opv_tasks *tasks, opv_day day, const opv_report_options *options,
                     opv_error *err)
{
	static const opv_report_options defaults = OPV_REPORT_OPTIONS_INIT;
	static const opv_compliance_options law = OPV_COMPLIANCE_OPTIONS_INIT;
	struct opv__report_dir d;
	struct report r;
	opv_compliance *c = NULL;
	int rc;
	if (!dir || !*dir || !reg || !locations || !tasks)
		return opv__fail(err, OPV_EINVAL, "directory, register, locations or tasks is missing");
	if (!options)
		options = &defaults;
	if ((rc = opv__check_version(options->version, OPV_REPORT_OPTIONS_VERSION, "report options",
	                             err)))
		return rc;
	memset(&r, 0, sizeof r);
	r.reg = reg;
	r.locations = locations;
	r.tasks = tasks;
	r.rules = options->rules ? options->rules : &law;
	r.day = day;
	r.locations_name = options->locations_name ? options->locations_name : "locaties";
	r.tasks_name = options->tasks_name ? options->tasks_name : opv_tasks_origin(tasks);
	rc = dutch_date(r.date, sizeof r.date, day, err);
	if (!rc)
		rc = opv_compliance_on(&c, reg, locations, tasks, day, r.rules, err);
	if (!rc)
		rc = read_levels(&r, c, err);
	if (!rc)
		rc = find_boundaries(&r, err);
	if (!rc)
		rc = group_locations(&r, err);
	if (!rc && options->housing) {
		const opv_report_housing *h = options->housing;
		char period[OPV_PERIOD_TEXT_SIZE];
		rc = opv__check_version(h->version, OPV_REPORT_HOUSING_VERSION, "report housing", err);
		if (!rc && !h->task)
			rc = opv__fail(err, OPV_EINVAL, "the housing of the report has no tasks");
		if (!rc)
			rc = opv_period_format(period, sizeof period, h->period, err);
		r.housing = h;
	}
	if (!rc && options->scenario) {
		r.scenario_name = options->scenario_name ? options->scenario_name : "scenario";
		r.scenario = options->scenario;
		rc = project(&r, options->scenario, options->monte_carlo, err);
	}
	opv_compliance_free(c);
	/* Every number is known: only now is anything written. */
	if (!rc)
		rc = opv__report_dir_open(&d, dir, err);
	if (!rc) {
		rc = write_pages(&d, &r, err);
		if (rc)
			opv__report_dir_abandon(&d);
		else
			rc = opv__report_dir_publish(&d, err);
	}
	free_levels(&r);
	return rc;
}
