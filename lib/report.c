/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The HTML report (opvang/report.h).  It computes nothing of its own: the
 * numbers come from opv_compliance_on() and opv_location_assess(), and this
 * file lays them out as pages, in Dutch, for the people who act on them.
 *
 * Pages are built in memory (struct page) and written only when all of them
 * are ready, into a fresh directory that then replaces the target.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "opvang/report.h"
#include "boundaries_data.h"
#include "error.h"
#include "locations_internal.h"

/* The file that marks a directory as a report, so that it may be replaced. */
#define MARKER ".opvang-report"

/* ---- a growing text buffer ---------------------------------------------------- */

struct page {
	char *text;
	size_t len, cap;
	int failed;  /* out of memory: everything after is dropped */
};

static void put_n(struct page *p, const char *s, size_t n)
{
	if (p->failed)
		return;
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		char *bigger;
		while (cap < p->len + n + 1)
			cap *= 2;
		bigger = realloc(p->text, cap);
		if (!bigger) {
			p->failed = 1;
			return;
		}
		p->text = bigger;
		p->cap = cap;
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

static void put(struct page *p, const char *s)
{
	put_n(p, s, strlen(s));
}

static void putf(struct page *p, const char *fmt, ...) OPV_PRINTF(2, 3);

static void putf(struct page *p, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		p->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		put_n(p, small, (size_t)n);
		return;
	}
	{
		char *big = malloc((size_t)n + 1);
		if (!big) {
			p->failed = 1;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		put_n(p, big, (size_t)n);
		free(big);
	}
}

/* Text from the inputs, escaped for HTML text and attribute values. */
static void put_text(struct page *p, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': put(p, "&amp;"); break;
		case '<': put(p, "&lt;"); break;
		case '>': put(p, "&gt;"); break;
		case '"': put(p, "&quot;"); break;
		case '\'': put(p, "&#39;"); break;
		default:
			/* Control characters from a file have no place in a page. */
			if ((unsigned char)*s < 0x20 && *s != '\t')
				put(p, "\xEF\xBF\xBD");
			else
				put_n(p, s, 1);
		}
	}
}

/* A whole number as Dutch readers write it: 1.480, -12.345. */
static void put_number(struct page *p, int64_t v)
{
	char digits[32], out[48];
	size_t n, i, o = 0;
	uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)magnitude);
	n = strlen(digits);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	put(p, out);
}

/* A table cell with a number: the text for people, data-value for machines. */
static void put_cell(struct page *p, const char *column, int64_t v)
{
	putf(p, "<td class=\"n\" data-col=\"%s\" data-value=\"%lld\">", column, (long long)v);
	put_number(p, v);
	put(p, "</td>");
}

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
	/* With a scenario: its projection, and the Monte Carlo band (or NULL). */
	const char *scenario_name;
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
	"svg.chart{width:100%}svg.map{width:100%;max-height:48rem;background:#eef4fa}svg.map path{stroke:#555;"
	"stroke-width:1;fill-rule:evenodd}svg.map a:hover path,svg.map a:focus path{stroke:#000;"
	"stroke-width:4}"
	"td.d{white-space:nowrap}.key{display:inline-block;width:1em;height:1em;border:1px solid #555;vertical-align:middle}"
	".letter{border-left:4px solid #888;padding-left:1rem}"
	"@media print{@page{size:A4;margin:15mm}nav,.noprint{display:none}body{max-width:none;"
	"padding:0;font-size:10pt}a{color:inherit;text-decoration:none}svg.map{max-height:120mm;"
	"background:none}h2{break-after:avoid}tr{break-inside:avoid}}";

/* The head of a page titled `title` and, when not NULL, `name` from the inputs. */
static void page_head(struct page *p, const char *title, const char *name, const char *root)
{
	put(p, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	put(p, title);
	if (name)
		put_text(p, name);
	put(p, "</title>\n<style>");
	put(p, style);
	{
		int s;
		for (s = 0; s < SHADES; s++)
			putf(p, ".%s{fill:%s;background:%s}", shades[s].css, shades[s].colour,
			     shades[s].colour);
	}
	put(p, "</style>\n</head>\n<body>\n");
	putf(p, "<nav><a href=\"%sindex.html\">Nederland</a></nav>\n", root);
}

static void page_foot(struct page *p, const struct report *r)
{
	put(p, "<footer class=\"meta\">\n<p>Gemaakt door opvang ");
	put_text(p, opv_version());
	put(p, " met de stand op ");
	put(p, r->date);
	put(p, ". Invoer: locaties <code>");
	put_text(p, r->locations_name);
	put(p, "</code>; taak <code>");
	put_text(p, r->tasks_name);
	put(p, "</code> (");
	put_text(p, opv_task_source_name(opv_tasks_source(r->tasks)));
	put(p, ")");
	if (r->projection) {
		put(p, "; scenario <code>");
		put_text(p, r->scenario_name);
		put(p, "</code>");
		if (r->band)
			putf(p, " (%llu runs, seed %llu)", (unsigned long long)r->runs,
			     (unsigned long long)r->seed);
	}
	put(p, ". Register: ");
	put_text(p, opv_register_source(r->reg));
	putf(p, ". Telregels: duurzaam vanaf %d jaar (%s)", r->rules->min_years,
	     r->rules->durability == OPV_DURABLE_REMAINING ? "gerekend vanaf de dag"
	                                                   : "over de afgesproken periode");
	if (r->rules->existing_min_places > 0)
		putf(p, "; bestaande locaties tellen vanaf %lld plaatsen",
		     (long long)r->rules->existing_min_places);
	put(p, ".</p>\n<p>Gemeentegrenzen: CBS, Wijk- en buurtkaart / gebiedsindelingen 2025 "
	       "(bron: CBS), geprojecteerd op het Rijksdriehoekstelsel (EPSG:28992) met PROJ. "
	       "Bevolkingscijfers: CBS.</p>\n</footer>\n</body>\n</html>\n");
}

/* The summary of one row of a level: task, counted places and gaps. */
static void summary_table(struct page *p, const struct report *r, opv_level level, size_t row)
{
	put(p, "<table class=\"summary\">\n<thead><tr><th scope=\"col\"></th>"
	       "<th scope=\"col\" class=\"n\">totaal</th><th scope=\"col\" class=\"n\">waarvan amv</th>"
	       "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">taak</th>");
	put_cell(p, "task", value(r, level, OPV_COLUMN_TASK, row));
	put_cell(p, "task_amv", value(r, level, OPV_COLUMN_TASK_AMV, row));
	put(p, "</tr>\n<tr><th scope=\"row\">plaatsen die meetellen</th>");
	put_cell(p, "places_counting", value(r, level, OPV_COLUMN_PLACES_COUNTING, row));
	put_cell(p, "places_counting_amv", value(r, level, OPV_COLUMN_PLACES_COUNTING_AMV, row));
	put(p, "</tr>\n<tr><th scope=\"row\">tekort (negatief: overschot)</th>");
	put_cell(p, "gap", value(r, level, OPV_COLUMN_GAP, row));
	put_cell(p, "gap_amv", value(r, level, OPV_COLUMN_GAP_AMV, row));
	put(p, "</tr>\n<tr><th scope=\"row\">alle open plaatsen</th>");
	put_cell(p, "places_total", value(r, level, OPV_COLUMN_PLACES_TOTAL, row));
	put(p, "<td></td></tr>\n<tr><th scope=\"row\">plaatsen boven de bestuurlijke afspraak</th>");
	put_cell(p, "places_above_agreement", value(r, level, OPV_COLUMN_PLACES_ABOVE_AGREEMENT, row));
	put(p, "<td></td></tr>\n</tbody>\n</table>\n");
	if (value(r, level, OPV_COLUMN_MET, row))
		put(p, "<p class=\"ok\" data-col=\"met\" data-value=\"true\">Taak gehaald.</p>\n");
	else
		put(p, "<p class=\"short\" data-col=\"met\" data-value=\"false\">Taak niet gehaald.</p>\n");
}

/* Numbers of a municipality in words, for the map's titles. */
static void put_title_numbers(struct page *p, const struct report *r, size_t g)
{
	put_text(p, opv_register_at(r->reg, g)->name);
	put(p, ": taak ");
	put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK, g));
	put(p, " (amv ");
	put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK_AMV, g));
	put(p, "), tellend ");
	put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, g));
	put(p, " (amv ");
	put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING_AMV, g));
	put(p, "), tekort ");
	put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, g));
	put(p, " (amv ");
	put_number(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP_AMV, g));
	put(p, ")");
}

/*
 * The map of the municipalities for which `in` says 1 (all with NULL), each a
 * link to its page, with a legend that counts them per class.
 */
static void map(struct page *p, const struct report *r, const unsigned char *in, const char *root,
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
	putf(p, "<svg class=\"map\" viewBox=\"%d %d %d %d\" role=\"img\" aria-labelledby=\"map-title\" "
	        "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"map-title\">",
	     box[0] - margin, box[1] - margin, box[2] - box[0] + 2 * margin,
	     box[3] - box[1] + 2 * margin);
	put_text(p, label);
	put(p, "</title>\n");
	for (g = 0; g < n; g++) {
		long k = r->boundary_of[g];
		enum shade shade;
		if (k < 0 || (in && !in[g]))
			continue;
		shade = shade_of(r, g);
		drawn[shade]++;
		putf(p, "<a href=\"%smunicipalities/%s.html\"><path data-code=\"%s\" class=\"%s\" d=\"%s\">"
		        "<title>", root, opv__boundaries[k].code, opv__boundaries[k].code,
		     shades[shade].css, opv__boundaries[k].path);
		put_title_numbers(p, r, g);
		put(p, "</title></path></a>\n");
	}
	/* On the national map, shapes of codes the register does not have. */
	if (!in) {
		for (b = 0; b < opv__boundary_count; b++) {
			if (shown && shown[b])
				continue;
			drawn[NOT_IN_REGISTER]++;
			putf(p, "<path data-code=\"%s\" class=\"%s\" d=\"%s\"><title>", opv__boundaries[b].code,
			     shades[NOT_IN_REGISTER].css, opv__boundaries[b].path);
			put_text(p, opv__boundaries[b].name);
			put(p, ": niet in het register</title></path>\n");
		}
	}
	free(shown);
	put(p, "</svg>\n<table class=\"legend\">\n<caption>Legenda: het tekort als deel van de taak"
	       "</caption>\n<thead><tr><th scope=\"col\">kleur</th><th scope=\"col\">betekenis</th>"
	       "<th scope=\"col\" class=\"n\">gemeenten</th></tr></thead>\n<tbody>\n");
	for (s = 0; s < SHADES; s++) {
		if (s == NOT_IN_REGISTER && !drawn[s])
			continue;
		putf(p, "<tr><td><span class=\"key %s\"></span></td><td>%s</td>", shades[s].css,
		     shades[s].label);
		put_cell(p, "count", (int64_t)drawn[s]);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table>\n");
}

/* A table of municipalities (register positions in `order`) with their numbers. */
static void municipality_rows(struct page *p, const struct report *r, const size_t *order,
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
	put(p, "<table class=\"municipalities\">\n<thead><tr><th scope=\"col\">gemeente</th>");
	for (c = 0; c < sizeof heads / sizeof *heads; c++)
		putf(p, "<th scope=\"col\" class=\"n\">%s</th>", heads[c]);
	put(p, "<th scope=\"col\">gehaald</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < count; k++) {
		size_t g = order[k];
		const opv_municipality *m = opv_register_at(r->reg, g);
		putf(p, "<tr data-code=\"%s\"><th scope=\"row\"><a href=\"%smunicipalities/", m->code, root);
		put_text(p, m->code);
		put(p, ".html\">");
		put_text(p, m->name);
		put(p, "</a></th>");
		for (c = 0; c < sizeof shown / sizeof *shown; c++)
			put_cell(p, opv_compliance_column_name(shown[c]),
			         value(r, OPV_LEVEL_MUNICIPALITY, shown[c], g));
		put(p, value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, g) ? "<td>ja</td>"
		                                                           : "<td class=\"short\">nee</td>");
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table>\n");
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
static void put_short_date(struct page *p, opv_day day)
{
	static const char *const months[] = {
		"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"
	};
	char iso[OPV_DATE_TEXT_SIZE];
	if (opv_date_format(iso, sizeof iso, day, NULL) != OPV_OK)
		return;
	putf(p, "%d %s %.4s", atoi(iso + 8), months[atoi(iso + 5) - 1], iso);
}

/*
 * The shortfall projection: occupancy against capacity week by week, the
 * shortage, and the Monte Carlo band of occupancy; then the same figures every
 * four weeks in a table, so that no number lives in the picture alone.
 */
static void projection_section(struct page *p, const struct report *r)
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
	put(p, "<h2>Tekortprognose</h2>\n<p>Scenario <code>");
	put_text(p, r->scenario_name);
	put(p, "</code>: bezetting van de opvang tegen de capaciteit, week voor week; het tekort is "
	       "de bezetting boven de capaciteit.");
	if (rows[peak].shortage > 0) {
		put(p, " Het grootste tekort is ");
		put_number(p, rows[peak].shortage);
		put(p, " plaatsen, in de week van ");
		put_short_date(p, rows[peak].date);
		put(p, ".");
	}
	if (r->band)
		putf(p, " De grijze band is 90%% van %llu Monte-Carlo-runs (P5 tot P95, seed %llu).",
		     (unsigned long long)r->runs, (unsigned long long)r->seed);
	putf(p, "</p>\n<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	        "aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	        "<title id=\"chart-title\">Bezetting, capaciteit en tekort per week</title>\n", W, H);
	/* Round steps of 1, 2 or 5 times a power of ten, three to six of them. */
	step = pow(10, floor(log10(top / 5)));
	step *= top / 5 / step <= 1 ? 1 : top / 5 / step <= 2 ? 2 : top / 5 / step <= 5 ? 5 : 10;
	for (tick = 0; tick * step <= top; tick++) {
		double v = tick * step;
		putf(p, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
		        "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\">", LEFT, W - RIGHT,
		     Y(v), Y(v), LEFT - 6, Y(v) + 4);
		put_number(p, (int64_t)(v + 0.5));
		put(p, "</text>\n");
	}
	for (k = 0; k < r->weeks; k += (r->weeks + 5) / 6) {
		putf(p, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">", X(k),
		     H - BOTTOM + 18);
		put_short_date(p, rows[k].date);
		put(p, "</text>\n");
	}
	if (r->band) {
		put(p, "<path fill=\"#bbb\" fill-opacity=\"0.6\" d=\"M");
		for (k = 0; k < r->weeks; k++)
			putf(p, "%s%.1f %.1f", k ? "L" : "", X(k), Y(r->band[k].occupancy_p95));
		for (k = r->weeks; k-- > 0;)
			putf(p, "L%.1f %.1f", X(k), Y(r->band[k].occupancy_p05));
		put(p, "Z\"><title>Bezetting P5 tot P95</title></path>\n");
	}
	{
		static const struct { const char *colour, *dash, *name; } lines[] = {
			{ "#2166ac", "6 4", "capaciteit" }, { "#111", "", "bezetting" },
			{ "#a50026", "", "tekort" },
		};
		int l;
		for (l = 0; l < 3; l++) {
			putf(p, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-dasharray=\"%s\" "
			        "d=\"M", lines[l].colour, lines[l].dash);
			for (k = 0; k < r->weeks; k++) {
				int64_t v = l == 0 ? rows[k].capacity : l == 1 ? rows[k].occupancy : rows[k].shortage;
				putf(p, "%s%.1f %.1f", k ? "L" : "", X(k), Y(v));
			}
			putf(p, "\"><title>%s</title></path>\n", lines[l].name);
			putf(p, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>\n",
			     LEFT + 10 + 140 * l, H - 6, lines[l].colour, lines[l].name);
		}
	}
	put(p, "</svg>\n");
#undef X
#undef Y
	put(p, "<table class=\"projection\">\n<caption>Elke vier weken</caption>\n<thead><tr>"
	       "<th scope=\"col\">week van</th><th scope=\"col\" class=\"n\">bezetting</th>"
	       "<th scope=\"col\" class=\"n\">capaciteit</th><th scope=\"col\" class=\"n\">tekort</th>");
	if (r->band)
		put(p, "<th scope=\"col\" class=\"n\">tekort P5</th><th scope=\"col\" class=\"n\">"
		       "tekort P95</th><th scope=\"col\" class=\"n\">kans op tekort</th>");
	put(p, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < r->weeks; k += 4) {
		put(p, "<tr><td class=\"d\">");
		put_short_date(p, rows[k].date);
		put(p, "</td>");
		put_cell(p, "occupancy", rows[k].occupancy);
		put_cell(p, "capacity", rows[k].capacity);
		put_cell(p, "shortage", rows[k].shortage);
		if (r->band) {
			put_cell(p, "shortage_p05", (int64_t)(r->band[k].shortage_p05 + 0.5));
			put_cell(p, "shortage_p95", (int64_t)(r->band[k].shortage_p95 + 0.5));
			putf(p, "<td class=\"n\">%.0f%%</td>", 100 * r->band[k].p_shortage);
		}
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table>\n");
}

static void index_page(struct page *p, const struct report *r, const size_t *short_order,
                       size_t short_count)
{
	size_t k, nprov = r->level[OPV_LEVEL_PROVINCE].rows;
	page_head(p, "Spreidingswet: stand per gemeente", NULL, "");
	putf(p, "<h1>Spreidingswet: opvangplaatsen per gemeente op %s</h1>\n", r->date);
	put(p, "<p>De taak komt uit ");
	put(p, task_source_text(opv_tasks_source(r->tasks)));
	put(p, " (");
	put_text(p, opv_tasks_origin(r->tasks));
	put(p, "). ");
	put_number(p, value(r, OPV_LEVEL_NATION, OPV_COLUMN_MUNICIPALITIES_SHORT, 0));
	put(p, " van de ");
	put_number(p, value(r, OPV_LEVEL_NATION, OPV_COLUMN_MUNICIPALITIES, 0));
	put(p, " gemeenten hebben hun taak niet gehaald.</p>\n<h2>Nederland</h2>\n");
	summary_table(p, r, OPV_LEVEL_NATION, 0);
	put(p, "<h2>Kaart</h2>\n<p class=\"noprint\">Klik op een gemeente voor haar pagina.</p>\n");
	map(p, r, NULL, "", "Kaart van Nederland: het tekort van elke gemeente als deel van haar taak");
	put(p, "<h2>Provincies</h2>\n<p>Het tekort van een provincie is netto: een overschot in de "
	       "ene gemeente telt mee voor de provincie.</p>\n<table class=\"provinces\">\n<thead><tr>"
	       "<th scope=\"col\">provincie</th><th scope=\"col\" class=\"n\">taak</th>"
	       "<th scope=\"col\" class=\"n\">tellend</th><th scope=\"col\" class=\"n\">tekort</th>"
	       "<th scope=\"col\" class=\"n\">tekort amv</th><th scope=\"col\" class=\"n\">gemeenten "
	       "met tekort</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < nprov; k++) {
		const opv_province *prov = opv_register_province_at(r->reg, k);
		putf(p, "<tr data-code=\"%s\"><th scope=\"row\"><a href=\"provinces/", prov->code);
		put_text(p, prov->code);
		put(p, ".html\">");
		put_text(p, prov->name);
		put(p, "</a></th>");
		put_cell(p, "task", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_TASK, k));
		put_cell(p, "places_counting", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_PLACES_COUNTING, k));
		put_cell(p, "gap", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP, k));
		put_cell(p, "gap_amv", value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP_AMV, k));
		put_cell(p, "municipalities_short",
		         value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES_SHORT, k));
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table>\n");
	if (r->projection)
		projection_section(p, r);
	put(p, "<h2>Gemeenten die hun taak niet hebben gehaald</h2>\n<p>Grootste tekort eerst.</p>\n");
	municipality_rows(p, r, short_order, short_count, "");
	page_foot(p, r);
}

static void province_page(struct page *p, const struct report *r, size_t k,
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
	put(p, "<h1>Provincie ");
	put_text(p, prov->name);
	putf(p, "</h1>\n<p>Stand op %s. Voor een verdeelbesluit is het totaal van de provincie wat de "
	        "regietafel moet leveren: een overschot in de ene gemeente telt mee voor de andere, dus "
	        "het tekort hieronder is netto.</p>\n", r->date);
	summary_table(p, r, OPV_LEVEL_PROVINCE, k);
	put(p, "<p>");
	put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES_SHORT, k));
	put(p, " van de ");
	put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES, k));
	put(p, " gemeenten hebben hun eigen taak niet gehaald.</p>\n<h2>Kaart</h2>\n");
	map(p, r, in, "../", "Kaart van de provincie: het tekort van elke gemeente als deel van haar "
	                     "taak");
	put(p, "<h2>Gemeenten, grootste tekort eerst</h2>\n");
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

static void reason_text(struct page *p, const struct report *r, opv_count_reason reason,
                        const opv_location *loc)
{
	switch (reason) {
	case OPV_COUNTS:
		put(p, "telt mee");
		break;
	case OPV_NOT_OPEN:
		put(p, "niet open op deze dag");
		break;
	case OPV_NOT_REGULAR:
		putf(p, "%s telt niet mee: alleen duurzame azc- en amv-plaatsen tellen",
		     type_text(loc->type));
		break;
	case OPV_NOT_DURABLE:
		putf(p, "niet duurzaam: korter dan %d jaar afgesproken", r->rules->min_years);
		break;
	case OPV_SMALL_EXISTING:
		putf(p, "bestaande locatie met minder dan %lld plaatsen",
		     (long long)r->rules->existing_min_places);
		break;
	}
}

static void locations_table(struct page *p, const struct report *r, size_t g)
{
	size_t i, count = opv_locations_count(r->locations), shown = 0;
	for (i = 0; i < count; i++) {
		const opv_location *loc = opv_locations_at(r->locations, i);
		char opens[OPV_DATE_TEXT_SIZE], closes[OPV_DATE_TEXT_SIZE] = "open einde";
		opv_count_reason reason;
		int64_t counting;
		int open;
		if (loc->municipality != g)
			continue;
		if (shown++ == 0)
			put(p, "<table class=\"locations\">\n<thead><tr><th scope=\"col\">locatie</th>"
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
		put(p, "<tr data-id=\"");
		put_text(p, loc->id);
		put(p, "\"><th scope=\"row\">");
		put_text(p, loc->name);
		put(p, " <small>(");
		put_text(p, loc->id);
		putf(p, ")</small></th><td>%s</td><td class=\"d\">%s</td><td class=\"d\">%s</td>",
		     type_text(loc->type), opens, closes);
		put_cell(p, "agreed_capacity", loc->agreed_capacity);
		put_cell(p, "capacity", loc->capacity);
		put_cell(p, "places_counting", counting);
		put_cell(p, "places_above_agreement",
		         open && loc->capacity > loc->agreed_capacity ? loc->capacity - loc->agreed_capacity
		                                                     : 0);
		put(p, "<td>");
		reason_text(p, r, reason, loc);
		if (reason == OPV_COUNTS && loc->capacity > loc->agreed_capacity)
			put(p, "; plaatsen boven de afspraak tellen niet mee");
		put(p, "</td></tr>\n");
	}
	if (shown)
		put(p, "</tbody>\n</table>\n");
	else
		put(p, "<p>Er zijn geen locaties in deze gemeente in de invoer.</p>\n");
}

/* What the letter of 26 March 2026 asks, in plain Dutch. */
static void letter(struct page *p, const struct report *r, size_t g)
{
	const opv_municipality *m = opv_register_at(r->reg, g);
	int64_t task = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_TASK, g);
	int64_t counting = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, g);
	int64_t gap = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, g);
	int64_t gap_amv = value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP_AMV, g);
	put(p, "<h2>Wat de brief vraagt</h2>\n<div class=\"letter\">\n<p>");
	if (task == 0) {
		put(p, "Deze gemeente heeft op ");
		put(p, r->date);
		put(p, " geen taak volgens deze invoer.");
	} else if (value(r, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_MET, g)) {
		put_text(p, m->name);
		putf(p, " heeft op %s haar taak gehaald: ", r->date);
		put_number(p, counting);
		put(p, " plaatsen tellen mee tegen een taak van ");
		put_number(p, task);
		put(p, ". Er wordt geen uitleg gevraagd.");
	} else {
		putf(p, "Op %s telt ", r->date);
		put_text(p, m->name);
		put(p, " ");
		put_number(p, counting);
		put(p, " van de ");
		put_number(p, task);
		put(p, " opvangplaatsen die de Spreidingswet vraagt. ");
		if (gap > 0) {
			put(p, "Er ontbreken ");
			put_number(p, gap);
			put(p, " plaatsen");
			if (gap_amv > 0) {
				put(p, ", waarvan ");
				put_number(p, gap_amv);
				put(p, " voor alleenstaande minderjarige vreemdelingen (amv)");
			}
			put(p, ". ");
		} else {
			put(p, "Dat zijn genoeg plaatsen, maar er ontbreken ");
			put_number(p, gap_amv);
			put(p, " plaatsen voor alleenstaande minderjarige vreemdelingen (amv), die apart "
			       "worden geteld. ");
		}
		put(p, "In haar brief van 26 maart 2026 vraagt de minister gemeenten die hun taak niet "
		       "hebben gehaald, uit te leggen waarom, en welke plaatsen zij wanneer beschikbaar "
		       "stellen.");
	}
	put(p, "</p>\n</div>\n");
}

static const char *stage_text(opv_supervision_state stage)
{
	static const char *const names[] = {
		"op koers", "signaal", "plan van aanpak gevraagd", "laatste waarschuwing",
		"ingrijpen (indeplaatsstelling)"
	};
	return (unsigned)stage < sizeof names / sizeof *names ? names[stage] : "";
}

/* The housing task of the half-year, as given by the caller. */
static void housing_section(struct page *p, const struct report *r, size_t g)
{
	const opv_report_housing *h = r->housing;
	char period[OPV_PERIOD_TEXT_SIZE];
	opv_period_format(period, sizeof period, h->period, NULL);
	putf(p, "<h2>Huisvesting van statushouders, %s</h2>\n<p>De taakstelling volgt uit "
	        "Huisvestingswet 2014 art. 29: het landelijke aantal (", period);
	put_number(p, h->national);
	put(p, ") naar rato van het aantal inwoners");
	if (h->population_date && h->population_date[0]) {
		put(p, " op ");
		put_text(p, h->population_date);
	}
	put(p, ", naar boven afgerond.</p>\n<table class=\"housing\">\n<thead><tr><th scope=\"col\">"
	       "</th><th scope=\"col\" class=\"n\">personen</th></tr></thead>\n<tbody>\n"
	       "<tr><th scope=\"row\">taakstelling</th>");
	put_cell(p, "housing_task", h->task[g]);
	put(p, "</tr>\n");
	if (h->corrected) {
		put(p, "<tr><th scope=\"row\">met achterstand of voorsprong</th>");
		put_cell(p, "housing_corrected", h->corrected[g]);
		put(p, "</tr>\n");
	}
	if (h->realised) {
		put(p, "<tr><th scope=\"row\">gehuisvest</th>");
		put_cell(p, "housing_realised", h->realised[g]);
		put(p, "</tr>\n");
	}
	if (h->balance) {
		put(p, "<tr><th scope=\"row\">saldo (positief: achterstand)</th>");
		put_cell(p, "housing_balance", h->balance[g]);
		put(p, "</tr>\n");
	}
	put(p, "</tbody>\n</table>\n");
	if (h->stage) {
		putf(p, "<p data-col=\"supervision_stage\" data-value=\"%s\">Provinciaal toezicht: "
		        "<strong>%s</strong>", opv_supervision_state_name(h->stage[g]),
		     stage_text(h->stage[g]));
		if (h->misses) {
			put(p, " (");
			put_number(p, h->misses[g]);
			put(p, " halfjaren op rij niet gehaald)");
		}
		put(p, ".</p>\n");
	}
}

static void municipality_page(struct page *p, const struct report *r, size_t g)
{
	const opv_municipality *m = opv_register_at(r->reg, g);
	size_t k = opv_register_province_of(r->reg, g);
	page_head(p, "Spreidingswet: gemeente ", m->name, "../");
	put(p, "<h1>");
	put_text(p, m->name);
	put(p, " <small>(");
	put_text(p, m->code);
	put(p, ")</small></h1>\n<p>Provincie <a href=\"../provinces/");
	put_text(p, m->province_code);
	put(p, ".html\">");
	put_text(p, m->province);
	putf(p, "</a>. Stand op %s.</p>\n<h2>De taak en waar die vandaan komt</h2>\n<p>", r->date);
	put(p, "De taak komt uit ");
	put(p, task_source_text(opv_tasks_source(r->tasks)));
	put(p, ": ");
	put_text(p, opv_tasks_origin(r->tasks));
	put(p, ".");
	if (opv_tasks_source(r->tasks) != OPV_TASK_FILE) {
		const char *date = opv_register_reference_date(r->reg);
		put(p, " Inwoners op ");
		put_text(p, date[0] ? date : "een onbekende datum");
		put(p, ": ");
		put_number(p, m->population);
		put(p, ".");
	}
	put(p, " De taak omvat de amv-plaatsen; het amv-deel telt apart.</p>\n");
	summary_table(p, r, OPV_LEVEL_MUNICIPALITY, g);
	letter(p, r, g);
	put(p, "<h2>Locaties</h2>\n<p>Alleen duurzame plaatsen tellen mee: azc- en amv-locaties die "
	       "zonder einddatum of voor ten minste vijf jaar zijn afgesproken (Besluit "
	       "gemeentelijke taak asielopvangvoorzieningen), en nooit meer dan de bestuurlijke "
	       "afspraak met het COA.</p>\n");
	locations_table(p, r, g);
	if (r->housing)
		housing_section(p, r, g);
	put(p, "<h2>De provincie</h2>\n<p>");
	put_text(p, m->province);
	put(p, ": netto tekort ");
	put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP, k));
	put(p, " plaatsen, waarvan amv ");
	put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_GAP_AMV, k));
	put(p, "; ");
	put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES_SHORT, k));
	put(p, " van de ");
	put_number(p, value(r, OPV_LEVEL_PROVINCE, OPV_COLUMN_MUNICIPALITIES, k));
	put(p, " gemeenten hebben hun taak niet gehaald.</p>\n");
	page_foot(p, r);
}

/* ---- writing the site ----------------------------------------------------------- */

/* A path into `buf`; -1 when it does not fit (dir names are checked to leave room). */
static int path_of(char *buf, size_t size, const char *fmt, ...) OPV_PRINTF(3, 4);

static int path_of(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int write_bytes(const char *dir, const char *sub, const char *name, const char *text,
                       size_t len, opv_error *err)
{
	char path[4096];
	FILE *f;
	int ok;
	if (path_of(path, sizeof path, "%s%s%s/%s", dir, sub[0] ? "/" : "", sub, name) != 0)
		return opv__fail(err, OPV_EIO, "the path of %s in %s is too long", name, dir);
	f = fopen(path, "wb");
	if (!f)
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	ok = fwrite(text, 1, len, f) == len;
	ok &= fclose(f) == 0;
	if (!ok)
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	return OPV_OK;
}

static int write_file(const char *dir, const char *sub, const char *name, const struct page *p,
                      opv_error *err)
{
	return write_bytes(dir, sub, name, p->text, p->len, err);
}

/* Removes a report directory: only the files a report holds. */
static void remove_report(const char *dir)
{
	static const char *const subs[] = { "provinces", "municipalities" };
	char path[4096];
	size_t s;
	for (s = 0; s < 2; s++) {
		DIR *d;
		struct dirent *e;
		path_of(path, sizeof path, "%s/%s", dir, subs[s]);
		d = opendir(path);
		while (d && (e = readdir(d)) != NULL) {
			char file[4096 + 256];
			size_t len = strlen(e->d_name);
			if (len > 5 && strcmp(e->d_name + len - 5, ".html") == 0) {
				path_of(file, sizeof file, "%s/%s", path, e->d_name);
				unlink(file);
			}
		}
		if (d)
			closedir(d);
		rmdir(path);
	}
	path_of(path, sizeof path, "%s/index.html", dir);
	unlink(path);
	path_of(path, sizeof path, "%s/" MARKER, dir);
	unlink(path);
	rmdir(dir);
}

/* Whether `name` in `sub` ("" for the top) is a file that a report writes. */
static int report_file(const char *sub, const char *name, int is_dir)
{
	size_t len = strlen(name);
	if (!sub[0])
		return is_dir ? strcmp(name, "provinces") == 0 || strcmp(name, "municipalities") == 0
		              : strcmp(name, "index.html") == 0 || strcmp(name, MARKER) == 0;
	return !is_dir && len > 5 && strcmp(name + len - 5, ".html") == 0;
}

/*
 * Whether the directory `path` (`sub` within a report) holds only what a
 * report writes.  Fills `found` with the first other entry, and counts the
 * entries and whether the marker is there.
 */
static int only_report_files(const char *path, const char *sub, char *found, size_t size,
                             int *entries, int *marked, opv_error *err)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = OPV_OK;
	if (!d)
		return opv__fail(err, OPV_EIO, "cannot read %s: %s", path, strerror(errno));
	while (!found[0] && (e = readdir(d)) != NULL) {
		char entry[4096 + 256];
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		(*entries)++;
		if (path_of(entry, sizeof entry, "%s/%s", path, e->d_name) != 0 || lstat(entry, &st) != 0
		    || !report_file(sub, e->d_name, S_ISDIR(st.st_mode))
		    || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			snprintf(found, size, "%s%s%s", sub, sub[0] ? "/" : "", e->d_name);
			break;
		}
		if (!sub[0] && strcmp(e->d_name, MARKER) == 0)
			*marked = 1;
		if (S_ISDIR(st.st_mode))
			rc = only_report_files(entry, e->d_name, found, size, entries, marked, err);
		if (rc)
			break;
	}
	closedir(d);
	return rc;
}

/*
 * 0 when `dir` may receive a report: absent, empty, or an earlier report that
 * holds nothing but what a report writes (which is then replaced).  A symbolic
 * link is refused: replacing it would replace the link, not the directory.
 */
static int check_target(const char *dir, int *exists, opv_error *err)
{
	struct stat st;
	char found[512] = "";
	int entries = 0, marked = 0, rc;
	*exists = 0;
	if (lstat(dir, &st) != 0) {
		if (errno == ENOENT)
			return OPV_OK;
		return opv__fail(err, OPV_EIO, "cannot use %s: %s", dir, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return opv__fail(err, OPV_EINVAL, "%s is a symbolic link; give the directory itself", dir);
	if (!S_ISDIR(st.st_mode))
		return opv__fail(err, OPV_EINVAL, "%s exists and is not a directory", dir);
	*exists = 1;
	rc = only_report_files(dir, "", found, sizeof found, &entries, &marked, err);
	if (rc)
		return rc;
	if (found[0])
		return opv__fail(err, OPV_EINVAL, "%s holds %s, which is not part of an opvang report; "
		                 "give a new or empty directory, or an earlier report", dir, found);
	if (entries > 0 && !marked)
		return opv__fail(err, OPV_EINVAL, "%s is not an opvang report; give a new or empty "
		                 "directory, or an earlier report", dir);
	return OPV_OK;
}

static int make_dirs(const char *tmp, opv_error *err)
{
	static const char *const subs[] = { "provinces", "municipalities" };
	char path[4096];
	size_t s;
	for (s = 0; s < 2; s++) {
		if (path_of(path, sizeof path, "%s/%s", tmp, subs[s]) != 0 || mkdir(path, 0777) != 0)
			return opv__fail(err, OPV_EIO, "cannot make %s: %s", path, strerror(errno));
	}
	return OPV_OK;
}

/* Writes every page into `tmp`. */
static int write_pages(const char *tmp, const struct report *r, opv_error *err)
{
	size_t n = opv_register_count(r->reg), nprov = r->level[OPV_LEVEL_PROVINCE].rows;
	size_t *order = malloc((n + 1) * sizeof *order), *by_gap = NULL, count = 0, i;
	struct page p = { NULL, 0, 0, 0 };
	int rc = OPV_OK;
	if (!order)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the report");
	rc = make_dirs(tmp, err);
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
		              : write_file(tmp, "", "index.html", &p, err);
	}
	for (i = 0; !rc && i < nprov; i++) {
		char name[64];
		p.len = 0;
		province_page(&p, r, i, by_gap, n);
		snprintf(name, sizeof name, "%s.html", opv_register_province_at(r->reg, i)->code);
		rc = p.failed ? opv__fail(err, OPV_ENOMEM, "out of memory for the report")
		              : write_file(tmp, "provinces", name, &p, err);
	}
	for (i = 0; !rc && i < n; i++) {
		char name[64];
		p.len = 0;
		municipality_page(&p, r, i);
		snprintf(name, sizeof name, "%s.html", opv_register_at(r->reg, i)->code);
		rc = p.failed ? opv__fail(err, OPV_ENOMEM, "out of memory for the report")
		              : write_file(tmp, "municipalities", name, &p, err);
	}
	if (!rc)
		rc = write_bytes(tmp, "", MARKER, "opvang report\n", 14, err);
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
	struct report r;
	opv_compliance *c = NULL;
	char tmp[4096], old[4096], target[4096];
	struct stat st;
	size_t len;
	int rc, exists;
	if (!dir || !*dir || !reg || !locations || !tasks)
		return opv__fail(err, OPV_EINVAL, "directory, register, locations or tasks is missing");
	if (!options)
		options = &defaults;
	if (options->version != OPV_REPORT_OPTIONS_VERSION)
		return opv__fail(err, OPV_EINVAL, "report options version %u is not %u", options->version,
		                 OPV_REPORT_OPTIONS_VERSION);
	if (strlen(dir) > 3000)
		return opv__fail(err, OPV_EINVAL, "the directory name is longer than 3000 bytes");
	/* "report/" names the same directory as "report"; the renames need the latter. */
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	memcpy(target, dir, len);
	target[len] = '\0';
	dir = target;
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
	if (!rc && options->housing) {
		const opv_report_housing *h = options->housing;
		char period[OPV_PERIOD_TEXT_SIZE];
		if (h->version != OPV_REPORT_HOUSING_VERSION)
			rc = opv__fail(err, OPV_EINVAL, "report housing version %u is not %u", h->version,
			               OPV_REPORT_HOUSING_VERSION);
		else if (!h->task)
			rc = opv__fail(err, OPV_EINVAL, "the housing of the report has no tasks");
		else
			rc = opv_period_format(period, sizeof period, h->period, err);
		r.housing = h;
	}
	if (!rc && options->scenario) {
		r.scenario_name = options->scenario_name ? options->scenario_name : "scenario";
		rc = project(&r, options->scenario, options->monte_carlo, err);
	}
	opv_compliance_free(c);
	if (!rc)
		rc = check_target(dir, &exists, err);
	if (rc) {
		free_levels(&r);
		return rc;
	}
	/* Beside the target, so that the renames stay on one file system. */
	if (path_of(tmp, sizeof tmp, "%s.new-XXXXXX", dir) != 0 || !mkdtemp(tmp)) {
		free_levels(&r);
		return opv__fail(err, OPV_EIO, "cannot make a directory beside %s: %s", dir,
		                 strerror(errno));
	}
	rc = write_pages(tmp, &r, err);
	free_levels(&r);
	/* mkdtemp makes the directory for its owner alone; a report is to be
	 * read, so it takes the mode its subdirectories got under the umask. */
	if (!rc && (path_of(old, sizeof old, "%s/provinces", tmp) != 0 || stat(old, &st) != 0
	            || chmod(tmp, st.st_mode & 07777) != 0))
		rc = opv__fail(err, OPV_EIO, "cannot open %s to its readers: %s", tmp, strerror(errno));
	if (!rc && exists) {
		if (path_of(old, sizeof old, "%s.old-XXXXXX", dir) != 0 || !mkdtemp(old)
		    || rmdir(old) != 0 || rename(dir, old) != 0)
			rc = opv__fail(err, OPV_EIO, "cannot move %s aside: %s", dir, strerror(errno));
	}
	if (!rc && rename(tmp, dir) != 0) {
		rc = opv__fail(err, OPV_EIO, "cannot put the report in %s: %s", dir, strerror(errno));
		if (exists)
			rename(old, dir);  /* put the earlier report back */
	}
	if (rc) {
		remove_report(tmp);
		return rc;
	}
	if (exists)
		remove_report(old);
	return OPV_OK;
}

/* ---- the housing section ------------------------------------------------------- */

/* One allocation: the record, then its arrays and the population date. */
struct housing_store {
	opv_report_housing shown;
	char population_date[16];
	int64_t *column[5];  /* task, corrected, realised, balance, misses */
	opv_supervision_state *stage;
};

void opv_report_housing_free(opv_report_housing *housing)
{
	struct housing_store *h = (struct housing_store *)housing;
	int k;
	if (!h)
		return;
	for (k = 0; k < 5; k++)
		free(h->column[k]);
	free(h->stage);
	free(h);
}

int opv_report_housing_new(opv_report_housing **out, const opv_register *reg,
                           const opv_register *housing_reg, const opv_housing_options *options,
                           const int64_t *previous_balance, const int64_t *realised,
                           const opv_balance_history *history, opv_error *err)
{
	opv_housing_columns columns = { NULL, NULL, NULL, NULL, NULL };
	opv_supervision_state *states = NULL;
	int64_t *work[5] = { NULL };
	struct housing_store *h;
	size_t n, hn, i, j;
	int k, rc = OPV_OK;
	if (!out || !reg || !housing_reg || !options)
		return opv__fail(err, OPV_EINVAL, "output, registers or options is NULL");
	n = opv_register_count(reg);
	hn = opv_register_count(housing_reg);
	h = calloc(1, sizeof *h);
	if (!h)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the housing of the report");
	for (k = 0; k < 5 && !rc; k++)
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
		states = calloc(hn + 1, sizeof *states);
		h->stage = calloc(n + 1, sizeof *h->stage);
		if (!states || !h->stage)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the housing of the report");
		if (!rc)
			rc = opv_supervision(work[4], states, housing_reg, opv_balance_history_records(history),
			                     opv_balance_history_count(history), NULL, err);
	}
	for (i = 0; !rc && i < n; i++) {
		rc = opv_register_find(&j, housing_reg, opv_register_at(reg, i)->code, err);
		for (k = 0; !rc && k < 5; k++)
			h->column[k][i] = k == 2 ? (realised ? realised[j] : 0) : work[k][j];
		if (!rc && states)
			h->stage[i] = states[j];
	}
	for (k = 0; k < 5; k++)
		free(work[k]);
	free(states);
	if (rc) {
		opv_report_housing_free(&h->shown);
		return rc;
	}
	snprintf(h->population_date, sizeof h->population_date, "%s",
	         opv_register_reference_date(housing_reg));
	h->shown = (opv_report_housing){
		OPV_REPORT_HOUSING_VERSION, options->period, options->national, h->population_date,
		h->column[0], h->column[1], realised ? h->column[2] : NULL,
		realised ? h->column[3] : NULL, h->stage, h->stage ? h->column[4] : NULL
	};
	*out = &h->shown;
	return OPV_OK;
}
