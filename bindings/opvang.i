/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the Python and R bindings share.  Each language has its own interface
 * file (bindings/python/opvang_python.i, bindings/r/opvang_r.i) that defines
 * OPV_SWIG_RAISE(code, message) and the typemaps of the conventions below,
 * then includes this one.
 *
 * Rules:
 * - Every `opv_error *err` parameter is hidden: the wrapper passes its own
 *   record and raises the language's error with the library's message when
 *   the call fails.  So no wrapped function returns an error silently.
 * - Objects are wrapped as classes whose destructor calls the library's
 *   _free, so the garbage collector of either language releases them.
 * - Each language defines opv_swig_monte_carlo_run(out, scenario, options,
 *   tuning, err) before it includes this file: opv_monte_carlo_run() with the
 *   interpreter free while the runs go and its interrupt key heard through
 *   options->progress (the call then fails with OPV_ECANCELLED and the
 *   language raises its own interrupt).
 * - What the headers declare plainly is wrapped as declared (the end of this
 *   file).  A function whose arrays carry no length of their own gets a
 *   binding entry (opv_swig_*) with (pointer, length) pairs, each of one of
 *   the conventions below; an entry checks lengths and composes library
 *   calls, never what the library checks.  bindings/README.md says why.
 */

%{
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "opvang.h"
#define OPV_EXPERIMENTAL_API  /* threads: opv_tuning */
#include "opvang/experimental.h"
%}

%{
/* An array that must have one element per row.  Returns 0, or fills `err`
 * and returns -1. */
static int opv_swig_exact_length(size_t length, size_t n, const char *what, opv_error *err)
{
	if (length == n)
		return 0;
	err->code = OPV_EINVAL;
	snprintf(err->message, sizeof err->message,
	         "%s must have %zu elements (one per row), got %zu", what, n, length);
	return -1;
}

/* An output column a caller may leave out (length 0). */
static int opv_swig_optional_length(size_t length, size_t n, const char *what, opv_error *err)
{
	return length == 0 ? 0 : opv_swig_exact_length(length, n, what, err);
}
%}

%include <stdint.i>

%typemap(in, numinputs=0) opv_error *err (opv_error temp) {
	opv_error_clear(&temp);
	$1 = &temp;
}
/* The check runs in the argout typemap unless a language names another
 * method first: SWIG's R module turns every argout typemap into an extra
 * return value, so R checks in freearg.  $1 is NULL on a path that fails
 * before the record was set up. */
#ifndef OPV_SWIG_ERROR_CHECK
#define OPV_SWIG_ERROR_CHECK argout
#endif
%typemap(OPV_SWIG_ERROR_CHECK) opv_error *err {
	if ($1 && $1->code != OPV_OK) {
		OPV_SWIG_RAISE($1->code, $1->message);
	}
}

/*
 * The array conventions.  An array crosses as a (pointer, length) pair with
 * a size_t length, as in the C API; each language defines the patterns
 * below once, before it includes this file, and every pair of the entries
 * that follow is one of them:
 * - (const T *OPV_IN, size_t OPV_N): an input the library reads, and
 *   (const char *const *OPV_IN, size_t OPV_N) one of texts;
 * - (T *OPV_OUT, size_t OPV_N): an output column with one element per row,
 *   or length 0 for a column the caller does not want;
 * - (int64_t *OPV_NEW, size_t OPV_N): an output the wrapper allocates with
 *   the length the caller gives, and returns.
 * T is double or int64_t.  A whole column crosses in one call, never one
 * cell at a time.
 *
 * A whole number (an int, unsigned int, int64_t or uint64_t parameter: a
 * total, a count of threads or runs) crosses from the language's numbers
 * only when it is one exactly: each language's typemaps refuse a fraction,
 * NaN, or a value its C type cannot hold, naming the parameter; an int64_t
 * stays within 2^53 of 0, where doubles, R's numbers, stop being exact.
 * What the number must be beyond that (not negative, at most 256 threads)
 * the library says, not the entries.  A flag is a bool.
 */
%apply (const char *const *OPV_IN, size_t OPV_N) {
	(const char *const *codes, size_t n_codes),
	(const char *const *inputs, size_t n_inputs)
};
%apply (const double *OPV_IN, size_t OPV_N) {
	(const double *amounts, size_t n_amounts),
	(const double *ses, size_t n_ses),
	(const double *weights, size_t n)
};
%apply (const int64_t *OPV_IN, size_t OPV_N) {
	(const int64_t *populations, size_t n_populations),
	(const int64_t *computed_amv, size_t n_computed_amv),
	(const int64_t *computed_places, size_t n_computed_places),
	(const int64_t *corrected, size_t n_corrected),
	(const int64_t *gaps, size_t n_gaps),
	(const int64_t *lower, size_t n_lower),
	(const int64_t *tasks, size_t n_tasks),
	(const int64_t *totals, size_t n_totals),
	(const int64_t *upper, size_t n_upper),
	(const int64_t *values, size_t n_values)
};
%apply (double *OPV_OUT, size_t OPV_N) {
	(double *passed, size_t n_passed),
	(double *peaks, size_t n_peaks),
	(double *percentiles, size_t n_percentiles),
	(double *priority, size_t n_priority),
	(double *quota, size_t n_quota),
	(double *remainder, size_t n_remainder),
	(double *scores, size_t n_scores),
	(double *values, size_t n_values),
	(double *weight, size_t n_weight)
};
%apply (int64_t *OPV_OUT, size_t OPV_N) {
	(int64_t *above_agreement, size_t n_above_agreement),
	(int64_t *aligned, size_t n_aligned),
	(int64_t *amv, size_t n_amv),
	(int64_t *amv_difference, size_t n_amv_difference),
	(int64_t *balance, size_t n_balance),
	(int64_t *capacity, size_t n_capacity),
	(int64_t *carried, size_t n_carried),
	(int64_t *column_out, size_t n_column_out),
	(int64_t *computed, size_t n_computed),
	(int64_t *computed_amv_out, size_t n_computed_amv_out),
	(int64_t *corrected, size_t n_corrected),
	(int64_t *counting, size_t n_counting),
	(int64_t *days, size_t n_days),
	(int64_t *difference, size_t n_difference),
	(int64_t *floors, size_t n_floors),
	(int64_t *gap, size_t n_gap),
	(int64_t *has_amv, size_t n_has_amv),
	(int64_t *ladder, size_t n_ladder),
	(int64_t *line, size_t n_line),
	(int64_t *municipalities, size_t n_municipalities),
	(int64_t *municipality, size_t n_municipality),
	(int64_t *national, size_t n_national),
	(int64_t *order, size_t n_order),
	(int64_t *peak_shortage, size_t n_peak_shortage),
	(int64_t *places, size_t n_places),
	(int64_t *places_total, size_t n_places_total),
	(int64_t *population, size_t n_population),
	(int64_t *projection, size_t n_projection),
	(int64_t *published, size_t n_published),
	(int64_t *published_amv, size_t n_published_amv),
	(int64_t *rank, size_t n_rank),
	(int64_t *realised, size_t n_realised),
	(int64_t *realised_counts, size_t n_realised_counts),
	(int64_t *regular, size_t n_regular),
	(int64_t *summary, size_t n_summary),
	(int64_t *sums, size_t n_sums),
	(int64_t *swapped, size_t n_swapped),
	(int64_t *task, size_t n_task)
};
%apply (int64_t *OPV_NEW, size_t OPV_N) { (int64_t *seats, size_t n_seats) };

/* ---- options ---------------------------------------------------------- */
/*
 * An options struct is an object the languages fill: its constructor sets
 * the defaults of the newest version (the library's _init), its numbers and
 * enums are set as declared, and a field the library reads from text has a
 * setter that hands the text to the library's parser.  A summary is an
 * object the caller makes and an entry fills, read-only.  The version stays
 * the library's.  The structs themselves come from the headers (the end of
 * this file).
 */
%define OPV_SWIG_STRUCT(TYPE, VERSION)
%immutable TYPE::version;
%extend TYPE {
	TYPE(opv_error *err) {
		TYPE *o = (TYPE *)malloc(sizeof *o);
		if (!o) {
			err->code = OPV_ENOMEM;
			strcpy(err->message, "out of memory for " #TYPE);
		} else
			TYPE ## _init(o, VERSION);
		return o;
	}
	~TYPE() { free($self); }
}
%enddef

OPV_SWIG_STRUCT(opv_compliance_options, OPV_COMPLIANCE_OPTIONS_VERSION)
OPV_SWIG_STRUCT(opv_distribution_options, OPV_DISTRIBUTION_OPTIONS_VERSION)

%immutable opv_distribution_summary::version;
%immutable opv_distribution_summary::places;
%immutable opv_distribution_summary::amv;
%immutable opv_distribution_summary::amv_residual;
%immutable opv_distribution_summary::regular;
%immutable opv_distribution_summary::weight_sum;
%immutable opv_distribution_summary::by_remainder;
%immutable opv_distribution_summary::ses_transform;
OPV_SWIG_STRUCT(opv_distribution_summary, OPV_DISTRIBUTION_SUMMARY_VERSION)
OPV_SWIG_STRUCT(opv_housing_options, OPV_HOUSING_OPTIONS_VERSION)
%immutable opv_housing_summary::task;
%immutable opv_housing_summary::corrected;
%immutable opv_housing_summary::balance;
%immutable opv_housing_summary::population_total;
%immutable opv_housing_summary::warning;
OPV_SWIG_STRUCT(opv_housing_summary, OPV_HOUSING_SUMMARY_VERSION)

%extend opv_distribution_options {
	/* "hamilton", "dhondt", ... (opv_method_from_name) */
	void set_method(const char *name, opv_error *err) {
		opv_method_from_name(&$self->method, name, err);
	}
	/* "auto", "none", "linear" (opv_ses_transform_from_name) */
	void set_ses_transform(const char *name, opv_error *err) {
		opv_ses_transform_from_name(&$self->ses_transform, name, err);
	}
	/* "round", ... (opv_amv_mode_from_name) */
	void set_amv_mode(const char *name, opv_error *err) {
		opv_amv_mode_from_name(&$self->amv_mode, name, err);
	}
}
OPV_SWIG_STRUCT(opv_apportion_options, OPV_APPORTION_OPTIONS_VERSION)
/* The bounds go with each call, as arrays the entry checks against the weights. */
%ignore opv_apportion_options::lower;
%ignore opv_apportion_options::upper;
%extend opv_apportion_options {
	/* "hamilton", "dhondt", ... (opv_method_from_name) */
	void set_method(const char *name, opv_error *err) {
		opv_method_from_name(&$self->method, name, err);
	}
}

OPV_SWIG_STRUCT(opv_ladder_options, OPV_LADDER_OPTIONS_VERSION)
%ignore opv_ladder_options::as_of;
%ignore opv_ladder_options::thresholds;
%extend opv_ladder_options {
	/* "YYYY-MM-DD" */
	void set_as_of(const char *date, opv_error *err) {
		opv_date_parse(&$self->as_of, date, err);
	}
	/* Missed half-years that reach each stage; the library checks them. */
	void set_thresholds(int signalling, int talk, int warning, int substitution) {
		$self->thresholds[0] = signalling;
		$self->thresholds[1] = talk;
		$self->thresholds[2] = warning;
		$self->thresholds[3] = substitution;
	}
	/* "10" people or "5%" of the task (opv_ladder_tolerance_parse) */
	void set_tolerance(const char *text, opv_error *err) {
		opv_ladder_tolerance_parse($self, text, err);
	}
}

OPV_SWIG_STRUCT(opv_realisation_options, OPV_REALISATION_OPTIONS_VERSION)
%ignore opv_realisation_options::period;
%ignore opv_realisation_options::as_of;
%extend opv_realisation_options {
	/* "YYYY-H1" or "YYYY-H2" (opv_period_parse) */
	void set_period(const char *period, opv_error *err) {
		opv_period_parse(&$self->period, period, err);
	}
	/* "YYYY-MM-DD" */
	void set_as_of(const char *date, opv_error *err) {
		opv_date_parse(&$self->as_of, date, err);
	}
	/* "woning,nareis", ... (opv_realised_kinds_parse) */
	void set_counting_kinds(const char *list, opv_error *err) {
		opv_realised_kinds_parse(&$self->counting_kinds, list, err);
	}
}

/* The half-year is set as "YYYY-H1" or "YYYY-H2" (opv_period_parse). */
%ignore opv_housing_options::period;
%extend opv_housing_options {
	void set_period(const char *period, opv_error *err) {
		opv_period_parse(&$self->period, period, err);
	}
}
%extend opv_compliance_options {
	/* "agreed-period", ... (opv_durability_from_name) */
	void set_durability(const char *name, opv_error *err) {
		opv_durability_from_name(&$self->durability, name, err);
	}
	/* "YYYY-MM-DD" */
	void set_existing_before(const char *date, opv_error *err) {
		opv_date_parse(&$self->existing_before, date, err);
	}
	/* "azc,amv", ... (opv_location_types_parse) */
	void set_counting_types(const char *list, opv_error *err) {
		opv_location_types_parse(&$self->counting_types, list, err);
	}
}

/* ---- register --------------------------------------------------------- */
%nodefaultctor opv_register;
%nodefaultdtor opv_register;
typedef struct opv_register {} opv_register;

%inline %{
/* The population date of a half-year (Huisvestingswet art. 29), "YYYY-01-01". */
static const char *opv_swig_period_reference_date(const char *period, opv_error *err)
{
	static const char none[] = "";
	static _Thread_local char date[16];
	opv_period p;
	if (opv_period_parse(&p, period, err) != OPV_OK
	    || opv_period_reference_date(date, sizeof date, p, err) != OPV_OK)
		return none;
	return date;
}

/* Seats for weights[0..n) under `options` (NULL: the defaults); bounds
 * optional (length 0 means none, otherwise they must have n elements). */
static void opv_swig_apportion(int64_t *seats, size_t n_seats,
                               const double *weights, size_t n, int64_t total,
                               const opv_apportion_options *options,
                               const int64_t *lower, size_t n_lower,
                               const int64_t *upper, size_t n_upper,
                               unsigned int threads, opv_error *err)
{
	opv_apportion_options call = OPV_APPORTION_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	if (n_seats != n || (n_lower && n_lower != n) || (n_upper && n_upper != n)) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message,
		         "bounds must have one value per weight (%zu weights)", n);
		return;
	}
	if (options)
		call = *options;
	tuning.threads = threads;
	call.lower = n_lower ? lower : NULL;
	call.upper = n_upper ? upper : NULL;
	opv_apportion_tuned(seats, weights, n, total, &call, &tuning, err);
}
%}

/* A constructor, so that both languages attach the destructor as finalizer:
 * the register from a CSV file, or for NULL or "" the embedded one of
 * `population_date` (NULL or "": the default date); with map_mergers, a copy
 * that counts the codes of merged municipalities as their successor. */
%extend opv_register {
	opv_register(const char *path, const char *population_date, bool map_mergers,
	             opv_error *err) {
		opv_register *reg = NULL, *mapped = NULL;
		if (path && *path)
			opv_register_load_csv(&reg, path, err);
		else
			opv_register_embedded(&reg, population_date && *population_date ? population_date
			                                                                 : NULL, err);
		if (reg && map_mergers) {
			opv_register_map_mergers(&mapped, reg, err);
			opv_register_free(reg);
			reg = mapped;
		}
		return reg;
	}
	~opv_register() { opv_register_free($self); }
}

/*
 * A register from CSV text (opv_register_parse_csv), `source` naming it in
 * messages: Python writes a DataFrame as such text, so that its rows are
 * checked by the same code and with the same messages as a file's.
 */
%newobject opv_swig_register_parse;
%inline %{
static opv_register *opv_swig_register_parse(const char *text, const char *source,
                                             bool map_mergers, opv_error *err)
{
	opv_register *reg = NULL, *mapped = NULL;
	if (!text) {
		err->code = OPV_EINVAL;
		strcpy(err->message, "the register text is missing");
		return NULL;
	}
	if (opv_register_parse_csv(&reg, text, strlen(text), source, err) == OPV_OK && map_mergers) {
		opv_register_map_mergers(&mapped, reg, err);
		opv_register_free(reg);
		reg = mapped;
	}
	return reg;
}
%}

/* The register as its municipalities stand in `year` (opv_register_merged_in),
 * with the populations Gedeputeerde Staten set for the merged ones: one per
 * code.  A new register, freed by the language. */
%newobject opv_swig_register_merged_in;
%inline %{
static opv_register *opv_swig_register_merged_in(const opv_register *reg, int year,
                                                 const char *const *codes, size_t n_codes,
                                                 const int64_t *populations,
                                                 size_t n_populations, opv_error *err)
{
	opv_register *out = NULL;
	if (opv_swig_exact_length(n_populations, n_codes, "populations", err) == 0)
		opv_register_merged_in(&out, reg, year, codes, populations, n_codes, NULL, err);
	return out;
}
%}

/* ---- register columns and provinces ------------------------------------ */


%inline %{
/* Populations and SES scores (NaN where a municipality has none), register order. */
static void opv_swig_register_numbers(int64_t *population, size_t n_population,
                                      double *scores, size_t n_scores,
                                      const opv_register *reg, opv_error *err)
{
	size_t i, n = opv_register_count(reg);
	if (opv_swig_optional_length(n_population, n, "population", err)
	    || opv_swig_optional_length(n_scores, n, "scores", err))
		return;
	for (i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		if (n_population)
			population[i] = m->population;
		if (n_scores)
			scores[i] = m->has_ses ? m->ses : (double)NAN;
	}
}

/* SES scores in register order after merging a `code,ses` CSV file into the
 * register's own (opv_register_with_ses): NaN where a municipality has none.
 * An unknown code is an error naming the code, file and line. */
static void opv_swig_ses_load_csv(double *scores, size_t n_scores, const opv_register *reg,
                                  const char *path, opv_error *err)
{
	opv_keyed_values *table = NULL;
	opv_register *merged = NULL;
	size_t n = opv_register_count(reg);
	if (opv_swig_exact_length(n_scores, n, "scores", err))
		return;
	if (opv_keyed_values_load_csv(&table, path, "code", "ses", 0, err) == OPV_OK
	    && opv_register_with_ses(&merged, reg, table, err) == OPV_OK)
		opv_swig_register_numbers(NULL, 0, scores, n_scores, merged, err);
	opv_register_free(merged);
	opv_keyed_values_free(table);
}

/* Municipalities and inhabitants of every province, in province order. */
static void opv_swig_province_numbers(int64_t *municipalities, size_t n_municipalities,
                                      int64_t *population, size_t n_population,
                                      const opv_register *reg, opv_error *err)
{
	size_t p, n = opv_register_province_count(reg);
	if (opv_swig_optional_length(n_municipalities, n, "municipalities", err)
	    || opv_swig_optional_length(n_population, n, "population", err))
		return;
	for (p = 0; p < n; p++) {
		const opv_province *province = opv_register_province_at(reg, p);
		if (n_municipalities)
			municipalities[p] = (int64_t)province->municipalities;
		if (n_population)
			population[p] = province->population;
	}
}

/* Per-municipality values summed per province (opv_register_sum_by_province). */
static void opv_swig_sum_by_province(int64_t *sums, size_t n_sums, const opv_register *reg,
                                     const int64_t *values, size_t n_values, opv_error *err)
{
	if (n_sums != opv_register_province_count(reg) || n_values != opv_register_count(reg)) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message,
		         "sum by province needs %zu values and room for %zu sums, got %zu and %zu",
		         opv_register_count(reg), opv_register_province_count(reg), n_values, n_sums);
		return;
	}
	opv_register_sum_by_province(sums, reg, values, err);
}
%}

/* ---- distribution key --------------------------------------------------- */

%inline %{
/*
 * The distribution key over `reg` in one call (opv_distribute).  Every output
 * column has one element per municipality, or length 0 when it is not
 * wanted; the caller's `summary` object receives the sums.  `ses` holds one
 * score per municipality (NaN = none), or is empty to use the register's own.
 */
static void opv_swig_distribute(double *weight, size_t n_weight,
                                double *quota, size_t n_quota,
                                int64_t *places, size_t n_places,
                                int64_t *amv, size_t n_amv,
                                int64_t *regular, size_t n_regular,
                                int64_t *floors, size_t n_floors,
                                double *remainder, size_t n_remainder,
                                int64_t *rank, size_t n_rank,
                                double *priority, size_t n_priority,
                                opv_distribution_summary *summary,
                                const opv_register *reg, const double *ses, size_t n_ses,
                                int64_t total, int64_t amv_total,
                                const opv_distribution_options *options, opv_error *err)
{
	opv_distribution_columns out = OPV_DISTRIBUTION_COLUMNS_INIT;
	size_t n = opv_register_count(reg);

	if (opv_swig_optional_length(n_weight, n, "weight", err)
	    || opv_swig_optional_length(n_quota, n, "quota", err)
	    || opv_swig_optional_length(n_places, n, "places", err)
	    || opv_swig_optional_length(n_amv, n, "amv", err)
	    || opv_swig_optional_length(n_regular, n, "regular", err)
	    || opv_swig_optional_length(n_floors, n, "floor", err)
	    || opv_swig_optional_length(n_remainder, n, "remainder", err)
	    || opv_swig_optional_length(n_rank, n, "rank", err)
	    || opv_swig_optional_length(n_priority, n, "priority", err)
	    || opv_swig_optional_length(n_ses, n, "ses", err))
		return;

	out.weight = n_weight ? weight : NULL;
	out.quota = n_quota ? quota : NULL;
	out.places = n_places ? places : NULL;
	out.amv = n_amv ? amv : NULL;
	out.regular = n_regular ? regular : NULL;
	out.floor = n_floors ? floors : NULL;
	out.remainder = n_remainder ? remainder : NULL;
	out.rank = n_rank ? rank : NULL;
	out.priority = n_priority ? priority : NULL;
	opv_distribute(&out, summary, reg, total, amv_total, n_ses ? ses : NULL, options, err);
}
%}

%inline %{
/* The places (and, when amv is not empty, the AMV places) of one
 * distribution per total: row-major, n_totals rows of one value per
 * municipality.  The weights are computed once (opv_distribute_many). */
static void opv_swig_distribute_many(int64_t *places, size_t n_places,
                                     int64_t *amv, size_t n_amv,
                                     const opv_register *reg, const double *ses, size_t n_ses,
                                     const int64_t *totals, size_t n_totals, int64_t amv_total,
                                     const opv_distribution_options *options, opv_error *err)
{
	size_t n = opv_register_count(reg);
	if (n_places != n_totals * n || (n_amv && n_amv != n_totals * n)) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message,
		         "the result arrays must hold %zu totals x %zu municipalities", n_totals, n);
		return;
	}
	if (opv_swig_optional_length(n_ses, n, "ses", err))
		return;
	opv_distribute_many(places, n_amv ? amv : NULL, reg, totals, n_totals, amv_total,
	                    n_ses ? ses : NULL, options, err);
}
%}

/* ---- comparison with a published table ---------------------------------- */

%nodefaultctor opv_comparison;
%nodefaultdtor opv_comparison;
typedef struct opv_comparison {} opv_comparison;

/* A constructor, for the finalizer in both languages: the published table from
 * the CSV file `source`, or, when `text` is not empty, from `text` (named
 * `source` in messages), beside the computed places and AMV places (one per
 * municipality; AMV may be empty). */
%extend opv_comparison {
	opv_comparison(const opv_register *reg, const int64_t *computed_places, size_t n_computed_places,
	               const int64_t *computed_amv, size_t n_computed_amv,
	               const char *source, const char *text, opv_error *err) {
		opv_comparison *cmp = NULL;
		size_t n = opv_register_count(reg);
		if (opv_swig_exact_length(n_computed_places, n, "computed places", err)
		    || opv_swig_optional_length(n_computed_amv, n, "computed AMV places", err))
			return NULL;
		if (text && *text)
			opv_compare_parse_csv(&cmp, reg, computed_places, n_computed_amv ? computed_amv : NULL,
			                      text, strlen(text), source, err);
		else
			opv_compare_load_csv(&cmp, reg, computed_places, n_computed_amv ? computed_amv : NULL,
			                     source, err);
		return cmp;
	}
	~opv_comparison() { opv_comparison_free($self); }
}

%inline %{
/* Row of the largest |difference| (the first of equals), or -1 when empty. */
static int opv_swig_comparison_largest(const opv_comparison *cmp)
{
	const opv_comparison_row *largest = opv_comparison_largest(cmp);
	size_t i;
	for (i = 0; largest && i < opv_comparison_count(cmp); i++) {
		if (opv_comparison_at(cmp, i) == largest)
			return (int)i;
	}
	return -1;
}

/*
 * The comparison as columns of opv_comparison_count() rows (length 0:
 * not wanted).  `municipality` is the register position; AMV columns hold 0
 * where has_amv is 0 (not published).
 */
static void opv_swig_comparison_columns(int64_t *municipality, size_t n_municipality,
                                        int64_t *line, size_t n_line,
                                        int64_t *computed, size_t n_computed,
                                        int64_t *published, size_t n_published,
                                        int64_t *difference, size_t n_difference,
                                        int64_t *has_amv, size_t n_has_amv,
                                        int64_t *computed_amv_out, size_t n_computed_amv_out,
                                        int64_t *published_amv, size_t n_published_amv,
                                        int64_t *amv_difference, size_t n_amv_difference,
                                        const opv_comparison *cmp, opv_error *err)
{
	size_t i, n = opv_comparison_count(cmp);
	if (opv_swig_optional_length(n_municipality, n, "municipality", err)
	    || opv_swig_optional_length(n_line, n, "line", err)
	    || opv_swig_optional_length(n_computed, n, "computed", err)
	    || opv_swig_optional_length(n_published, n, "published", err)
	    || opv_swig_optional_length(n_difference, n, "difference", err)
	    || opv_swig_optional_length(n_has_amv, n, "has_amv", err)
	    || opv_swig_optional_length(n_computed_amv_out, n, "computed_amv", err)
	    || opv_swig_optional_length(n_published_amv, n, "published_amv", err)
	    || opv_swig_optional_length(n_amv_difference, n, "amv_difference", err))
		return;
	for (i = 0; i < n; i++) {
		const opv_comparison_row *row = opv_comparison_at(cmp, i);
#define OPV_SWIG_PUT(column, value) if (n_##column) column[i] = (int64_t)(value)
		OPV_SWIG_PUT(municipality, row->municipality);
		OPV_SWIG_PUT(line, row->line);
		OPV_SWIG_PUT(computed, row->computed);
		OPV_SWIG_PUT(published, row->published);
		OPV_SWIG_PUT(difference, row->difference);
		OPV_SWIG_PUT(has_amv, row->has_amv);
		OPV_SWIG_PUT(computed_amv_out, row->computed_amv);
		OPV_SWIG_PUT(published_amv, row->published_amv);
		OPV_SWIG_PUT(amv_difference, row->amv_difference);
#undef OPV_SWIG_PUT
	}
}
%}

/* ---- tables handed over as a file or as CSV text ---------------------------- */

%{
/* A table is named by `source`: the CSV file of that name, or, when `text`
 * is not empty, the CSV in `text` (then `source` only names it in messages,
 * e.g. "<DataFrame>").  Neither given means no table. */
static int opv_swig_table_given(const char *source, const char *text)
{
	return (source && *source) || (text && *text);
}

static int opv_swig_keyed_values(opv_keyed_values **out, const char *source, const char *text,
                                 const char *value_column, unsigned flags, opv_error *err)
{
	if (text && *text)
		return opv_keyed_values_parse_csv(out, text, strlen(text), source, "code", value_column,
		                                  flags, err);
	return opv_keyed_values_load_csv(out, source, "code", value_column, flags, err);
}

/* The whole-number column `value_column` of a `code,<value_column>` table in
 * register order; municipalities the table leaves out get 0. */
static int opv_swig_align_table(int64_t *out, const opv_register *reg, const char *source,
                                const char *text, const char *value_column, unsigned flags,
                                opv_error *err)
{
	opv_keyed_values *table = NULL;
	int rc = opv_swig_keyed_values(&table, source, text, value_column,
	                               flags | OPV_VALUES_INTEGER, err);
	if (rc == OPV_OK)
		rc = opv_register_align_int64(out, reg, table, 0, err);
	opv_keyed_values_free(table);
	return rc;
}
%}

%inline %{
/*
 * The whole numbers of a `code,<value_column>` table (a task per municipality,
 * say) in register order, 0 where the table has no row.  `nonnegative`
 * refuses negative values with the file and line.
 */
static void opv_swig_keyed_int64(int64_t *aligned, size_t n_aligned, const opv_register *reg,
                                 const char *source, const char *text, const char *value_column,
                                 bool nonnegative, opv_error *err)
{
	if (opv_swig_exact_length(n_aligned, opv_register_count(reg), "aligned values", err))
		return;
	opv_swig_align_table(aligned, reg, source, text, value_column,
	                     nonnegative ? OPV_VALUES_NONNEGATIVE : 0, err);
}
%}

/* ---- status-holder housing task ---------------------------------------------- */

%inline %{
/*
 * The housing task of one half-year (opv_housing_task) in one call.  Previous
 * balances (`code,balance`), realised counts (`code,realised`) and swaps
 * (`agreement,code,delta`) are tables as above, each optional; a
 * municipality a balance or realised table leaves out has 0.  Output columns
 * have one element per municipality or length 0; `realised_counts` and
 * `balance` are written only when realised counts are given.  The caller's
 * `summary` object receives the sums and the warning.
 */
static void opv_swig_housing_task(int64_t *task, size_t n_task,
                                   int64_t *swapped, size_t n_swapped,
                                   int64_t *carried, size_t n_carried,
                                   int64_t *corrected, size_t n_corrected,
                                   int64_t *realised_counts, size_t n_realised_counts,
                                   int64_t *balance, size_t n_balance,
                                   opv_housing_summary *summary, const opv_register *reg,
                                   const opv_housing_options *options,
                                   const char *previous_source, const char *previous_text,
                                   const char *realised_source, const char *realised_text,
                                   const char *swaps_source, const char *swaps_text,
                                   opv_error *err)
{
	opv_housing_columns out = OPV_HOUSING_COLUMNS_INIT;
	opv_swap_table *swaps = NULL;
	int64_t *previous = NULL, *realised = NULL;
	size_t n = opv_register_count(reg);
	int rc;

	if (opv_swig_optional_length(n_task, n, "task", err)
	    || opv_swig_optional_length(n_swapped, n, "swapped", err)
	    || opv_swig_optional_length(n_carried, n, "carried", err)
	    || opv_swig_optional_length(n_corrected, n, "corrected", err)
	    || opv_swig_optional_length(n_realised_counts, n, "realised", err)
	    || opv_swig_optional_length(n_balance, n, "balance", err))
		return;

	/* One block for both aligned tables (the extra element keeps malloc(0) away). */
	previous = malloc((2 * n + 1) * sizeof *previous);
	if (!previous) {
		err->code = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the housing tables");
		return;
	}
	rc = OPV_OK;
	if (opv_swig_table_given(previous_source, previous_text))
		rc = opv_swig_align_table(previous, reg, previous_source, previous_text, "balance", 0, err);
	else
		memset(previous, 0, n * sizeof *previous);
	if (rc == OPV_OK && opv_swig_table_given(realised_source, realised_text)) {
		realised = previous + n;
		/* A negative count is left to opv_housing_task, whose message names
		 * the municipality. */
		rc = opv_swig_align_table(realised, reg, realised_source, realised_text, "realised", 0,
		                          err);
	}
	if (rc == OPV_OK && opv_swig_table_given(swaps_source, swaps_text))
		rc = swaps_text && *swaps_text
		     ? opv_swap_table_parse_csv(&swaps, swaps_text, strlen(swaps_text), swaps_source, err)
		     : opv_swap_table_load_csv(&swaps, swaps_source, err);

	out.task = n_task ? task : NULL;
	out.swapped = n_swapped ? swapped : NULL;
	out.carried = n_carried ? carried : NULL;
	out.corrected = n_corrected ? corrected : NULL;
	out.balance = n_balance ? balance : NULL;
	if (rc == OPV_OK)
		rc = opv_housing_task(&out, summary, reg, previous, realised,
		                      opv_swap_table_swaps(swaps), opv_swap_table_count(swaps),
		                      options, err);
	if (rc == OPV_OK && realised && n_realised_counts)
		memcpy(realised_counts, realised, n * sizeof *realised);
	opv_swap_table_free(swaps);
	free(previous);
}
%}

%inline %{
/* The national backlog, advance and net sum of closing balances
 * (opv_housing_backlog) into sums[0..3). */
static void opv_swig_housing_backlog(int64_t *sums, size_t n_sums, const int64_t *values,
                                     size_t n_values, opv_error *err)
{
	if (n_sums != 3) {
		err->code = OPV_EINVAL;
		strcpy(err->message, "the national figures need room for three sums");
		return;
	}
	opv_housing_backlog(&sums[0], &sums[1], &sums[2], values, n_values, err);
}
%}

/* ---- realisation during the half-year -------------------------------------------- */

%inline %{
/*
 * The realisation during `period` on `as_of` (opv_housing_realisation) of
 * the dated counts in a file `source` (or CSV `text` named `source`), the
 * kinds named in `kinds` ("woning,nareis"; "" for all) counting, against
 * `corrected` (one task per municipality): `realised` gets the counts to
 * date, `values` per municipality share_realised, expected_to_date and
 * projected_balance, and `passed` the share of the half-year passed.
 */
static void opv_swig_housing_realisation(int64_t *realised, size_t n_realised, double *values,
                                         size_t n_values, double *passed, size_t n_passed,
                                         const opv_register *reg, const int64_t *corrected,
                                         size_t n_corrected, const char *source,
                                         const char *text, const opv_realisation_options *options,
                                         opv_error *err)
{
	opv_realisation_columns columns = OPV_REALISATION_COLUMNS_INIT;
	opv_realised_log *log = NULL;
	size_t n = opv_register_count(reg), i;
	double *work = NULL;
	int rc;

	if (opv_swig_exact_length(n_realised, n, "realised", err)
	    || opv_swig_exact_length(n_values, 3 * n, "values", err)
	    || opv_swig_exact_length(n_passed, 1, "passed", err)
	    || opv_swig_exact_length(n_corrected, n, "corrected", err))
		return;
	rc = text && *text ? opv_realised_log_parse_csv(&log, text, strlen(text), source, err)
	                   : opv_realised_log_load_csv(&log, source, err);
	work = rc == OPV_OK ? malloc((3 * n + 1) * sizeof *work) : NULL;
	if (rc == OPV_OK && !work) {
		err->code = rc = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the realisation");
	}
	if (rc == OPV_OK) {
		columns.realised = realised;
		columns.share_realised = work;
		columns.expected = work + n;
		columns.projected_balance = work + 2 * n;
		if (opv_housing_realisation(&columns, passed, reg, corrected, log, options, err) == OPV_OK)
			for (i = 0; i < n; i++) {
				values[3 * i] = work[i];
				values[3 * i + 1] = work[n + i];
				values[3 * i + 2] = work[2 * n + i];
			}
	}
	free(work);
	opv_realised_log_free(log);
}
%}

/* ---- supervision: the interventieladder as of a date --------------------------- */

%inline %{
/* Where the national figures go in opv_swig_ladder's `national`. */
enum opv_swig_national {
	OPV_SWIG_NATIONAL_BACKLOG, OPV_SWIG_NATIONAL_ADVANCE, OPV_SWIG_NATIONAL_NET,
	OPV_SWIG_NATIONAL_NO_DATA, OPV_SWIG_NATIONAL_PERIOD, OPV_SWIG_NATIONAL_COUNT
};

/*
 * Every municipality on the ladder as of `as_of` (opv_ladder_run) from a
 * history table (a file `source`, or CSV `text` named `source`): `ladder`
 * gets one row of OPV_LADDER_COLUMN_COUNT values per municipality;
 * `national` the backlog, advance and net sum of the balances judged, the
 * number without data and the half-year judged (year * 10 + half).
 */
static void opv_swig_ladder(int64_t *ladder, size_t n_ladder, int64_t *national,
                            size_t n_national, const opv_register *reg, const char *source,
                            const char *text, const opv_ladder_options *options, opv_error *err)
{
	opv_balance_history *history = NULL;
	opv_ladder *result = NULL;
	size_t i, n = opv_register_count(reg), known = 0;
	int64_t *balance;
	int c, rc;

	if (opv_swig_exact_length(n_ladder, n * OPV_LADDER_COLUMN_COUNT, "ladder", err)
	    || opv_swig_exact_length(n_national, OPV_SWIG_NATIONAL_COUNT, "national", err))
		return;
	rc = text && *text
	     ? opv_balance_history_parse_csv(&history, text, strlen(text), source, err)
	     : opv_balance_history_load_csv(&history, source, err);
	if (rc == OPV_OK)
		rc = opv_ladder_run(&result, reg, history, options, err);
	balance = rc == OPV_OK ? malloc((n + 1) * sizeof *balance) : NULL;
	if (rc == OPV_OK && !balance) {
		err->code = rc = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the balances");
	}
	for (i = 0; rc == OPV_OK && i < n; i++) {
		for (c = 0; c < OPV_LADDER_COLUMN_COUNT; c++)
			ladder[i * OPV_LADDER_COLUMN_COUNT + (size_t)c] =
				opv_ladder_get(result, (opv_ladder_column)c, i);
		if (opv_ladder_get(result, OPV_LADDER_STAGE, i) != OPV_STAGE_NO_DATA)
			balance[known++] = opv_ladder_get(result, OPV_LADDER_BALANCE, i);
	}
	if (rc == OPV_OK
	    && opv_housing_backlog(&national[OPV_SWIG_NATIONAL_BACKLOG],
	                           &national[OPV_SWIG_NATIONAL_ADVANCE], &national[OPV_SWIG_NATIONAL_NET],
	                           balance, known, err) == OPV_OK) {
		national[OPV_SWIG_NATIONAL_NO_DATA] = (int64_t)(n - known);
		national[OPV_SWIG_NATIONAL_PERIOD] = (int64_t)opv_ladder_period(result).year * 10
		                                     + opv_ladder_period(result).half;
	}
	free(balance);
	opv_ladder_free(result);
	opv_balance_history_free(history);
}
%}

/* ---- reception locations, places and capacity ------------------------------- */

%nodefaultctor opv_locations;
%nodefaultdtor opv_locations;
typedef struct opv_locations {} opv_locations;

/* A constructor, for the finalizer in both languages: the locations table
 * `id,code,name,type,agreed_capacity,capacity,opens,closes` given as above,
 * checked against `reg`, with which it must be used afterwards. */
%extend opv_locations {
	opv_locations(const opv_register *reg, const char *source, const char *text,
	              opv_error *err) {
		opv_locations *locations = NULL;
		if (text && *text)
			opv_locations_parse_csv(&locations, reg, text, strlen(text), source, err);
		else
			opv_locations_load_csv(&locations, reg, source, err);
		return locations;
	}
	~opv_locations() { opv_locations_free($self); }
}

%inline %{
/* Days from 1970-01-01 to a "YYYY-MM-DD" date, checked strictly. */
static int opv_swig_date_days(const char *date, opv_error *err)
{
	opv_day day = 0;
	opv_date_parse(&day, date, err);
	return (int)day;
}

/* Weeks from `start` to `end`, both included: week k starts on start + 7k
 * and the last one on or before end. */
static size_t opv_swig_capacity_weeks(const char *start, const char *end, opv_error *err)
{
	opv_day from, to;
	if (opv_date_parse(&from, start, err) || opv_date_parse(&to, end, err))
		return 0;
	if (to < from) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message,
		         "the timeline ends (%s) before it starts (%s)", end, start);
		return 0;
	}
	return (size_t)(to - from) / 7 + 1;
}

/* Columns of a capacity breakdown by "type" or by "province". */
static size_t opv_swig_capacity_columns(const opv_register *reg, const char *by, opv_error *err)
{
	if (!by)
		by = "";
	if (strcmp(by, "type") == 0)
		return OPV_LOCATION_TYPE_COUNT;
	if (strcmp(by, "province") == 0)
		return opv_register_province_count(reg);
	err->code = OPV_ENOTFOUND;
	snprintf(err->message, sizeof err->message,
	         "unknown capacity breakdown '%.32s' (known: type, province)", by);
	return 0;
}

/*
 * Capacity on the first day of each week from `start` to `end`
 * (opv_capacity_timeline), broken down by "type" (in type order) or
 * "province" (in province order): weeks * columns values, week by week.
 */
static void opv_swig_capacity(int64_t *capacity, size_t n_capacity,
                              const opv_register *reg, const opv_locations *locations,
                              const char *start, const char *end, const char *by,
                              opv_error *err)
{
	size_t weeks, columns;
	opv_day from;
	weeks = opv_swig_capacity_weeks(start, end, err);
	if (err->code != OPV_OK)
		return;
	columns = opv_swig_capacity_columns(reg, by, err);
	if (err->code != OPV_OK || opv_swig_exact_length(n_capacity, weeks * columns, "capacity", err))
		return;
	opv_date_parse(&from, start, err);
	opv_capacity_timeline(capacity, weeks, columns, reg, locations, from,
	                      strcmp(by, "type") == 0 ? OPV_BY_TYPE : OPV_BY_PROVINCE, err);
}
%}

/* ---- the Spreidingswet task and who has met it -------------------------------- */

%{
static int opv_swig_level(opv_level *level, const char *name, opv_error *err)
{
	int k;
	if (!name)
		name = "";
	for (k = OPV_LEVEL_MUNICIPALITY; k <= OPV_LEVEL_NATION; k++) {
		if (strcmp(name, opv_level_name((opv_level)k)) == 0) {
			*level = (opv_level)k;
			return 0;
		}
	}
	err->code = OPV_ENOTFOUND;
	snprintf(err->message, sizeof err->message,
	         "unknown level '%.32s' (known: municipality, province, nation)", name);
	return -1;
}
%}

%nodefaultctor opv_tasks;
%nodefaultdtor opv_tasks;
typedef struct opv_tasks {} opv_tasks;

/* Tasks from a table (`source` names a file, or the CSV `text` when that is
 * not empty), or, for an empty `source`, the indicative key of `total` places
 * of which `amv` AMV over `reg` (opv_tasks_from_key), with the SES-WOA scores
 * of the `code,ses` table `ses_source`/`ses_text` (given as `source` and
 * `text` are) when `ses_source` is not empty, else the register's own. */
%extend opv_tasks {
	opv_tasks(const opv_register *reg, const char *source, const char *text,
	          const char *ses_source, const char *ses_text, int64_t total, int64_t amv,
	          opv_error *err) {
		opv_tasks *tasks = NULL;
		opv_keyed_values *scores = NULL;
		opv_register *scored = NULL;
		if (source && *source && text && *text)
			opv_tasks_parse_csv(&tasks, reg, text, strlen(text), source, err);
		else if (source && *source)
			opv_tasks_load_csv(&tasks, reg, source, err);
		else {
			if (ses_source && *ses_source && ses_text && *ses_text)
				opv_keyed_values_parse_csv(&scores, ses_text, strlen(ses_text), ses_source,
				                           "code", "ses", 0, err);
			else if (ses_source && *ses_source)
				opv_keyed_values_load_csv(&scores, ses_source, "code", "ses", 0, err);
			if (err->code == OPV_OK && scores)
				opv_register_with_ses(&scored, reg, scores, err);
			if (err->code == OPV_OK)
				opv_tasks_from_key(&tasks, scored ? scored : reg, NULL, total, amv,
				                   err);
			opv_register_free(scored);
			opv_keyed_values_free(scores);
		}
		return tasks;
	}
	~opv_tasks() { opv_tasks_free($self); }
}

%nodefaultctor opv_compliance;
%nodefaultdtor opv_compliance;
typedef struct opv_compliance {} opv_compliance;


/* The places of every municipality, province and the nation on `date`,
 * counted by `rules`, against `tasks` when with_tasks is true. */
%extend opv_compliance {
	opv_compliance(const opv_register *reg, const opv_locations *locations,
	               const opv_tasks *tasks, bool with_tasks, const char *date,
	               const opv_compliance_options *rules, opv_error *err) {
		opv_compliance *c = NULL;
		opv_day day;
		if (opv_date_parse(&day, date, err) == OPV_OK)
			opv_compliance_on(&c, reg, locations, with_tasks ? tasks : NULL, day, rules, err);
		return c;
	}
	~opv_compliance() { opv_compliance_free($self); }
}

%inline %{
/* Rows at a level by name: "municipality", "province" or "nation". */
static size_t opv_swig_compliance_rows(const opv_compliance *c, const char *level, opv_error *err)
{
	opv_level l;
	return opv_swig_level(&l, level, err) ? 0 : opv_compliance_rows(c, l);
}

/* One column of a level, both by name (opv_compliance_column_name). */
static void opv_swig_compliance_column(int64_t *column_out, size_t n_column_out,
                                       const opv_compliance *c, const char *level,
                                       const char *column, opv_error *err)
{
	opv_level l;
	int k;
	if (!column)
		column = "";
	if (opv_swig_level(&l, level, err))
		return;
	for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++) {
		if (strcmp(column, opv_compliance_column_name((opv_compliance_column)k)) == 0) {
			opv_compliance_get(column_out, n_column_out, c, l, (opv_compliance_column)k, err);
			return;
		}
	}
	err->code = OPV_ENOTFOUND;
	snprintf(err->message, sizeof err->message, "unknown column '%.64s'", column);
}

/* The rows of a level that have not met their task, largest gap first, in
 * the first elements of `order` (one element per row); returns how many. */
static size_t opv_swig_compliance_shortfalls(int64_t *order, size_t n_order,
                                             const opv_compliance *c, const char *level,
                                             opv_error *err)
{
	size_t *rows, count = 0, i;
	opv_level l;
	if (opv_swig_level(&l, level, err)
	    || opv_swig_exact_length(n_order, opv_compliance_rows(c, l), "order", err))
		return 0;
	rows = malloc((n_order + 1) * sizeof *rows);
	if (!rows) {
		err->code = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the shortfalls");
		return 0;
	}
	if (opv_compliance_shortfalls(rows, &count, c, l, err) == OPV_OK) {
		for (i = 0; i < count; i++)
			order[i] = (int64_t)rows[i];
	}
	free(rows);
	return count;
}

/* The days of a series (opv_date_series) as day numbers into `days`, or, with
 * n 0, only how many there are. */
static size_t opv_swig_date_series(int64_t *days, size_t n_days, const char *from,
                                   const char *to, const char *every, opv_error *err)
{
	opv_day first, last, *buffer;
	opv_every step;
	size_t count = 0, i;
	if (opv_date_parse(&first, from, err) || opv_date_parse(&last, to, err)
	    || opv_every_from_name(&step, every, err))
		return 0;
	buffer = malloc((n_days + 1) * sizeof *buffer);
	if (!buffer) {
		err->code = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the days");
		return 0;
	}
	if (opv_date_series(buffer, n_days, &count, first, last, step, err) == OPV_OK)
		for (i = 0; i < n_days && i < count; i++)
			days[i] = buffer[i];
	free(buffer);
	return count;
}

/* "YYYY-MM-DD" of a day number. */
static const char *opv_swig_date_text(int day, opv_error *err)
{
	static _Thread_local char text[OPV_DATE_TEXT_SIZE];
	if (opv_date_format(text, sizeof text, (opv_day)day, err) != OPV_OK)
		text[0] = '\0';
	return text;
}
%}

/* ---- shortfall projection ------------------------------------------------------ */

%nodefaultctor opv_scenario;
%nodefaultdtor opv_scenario;
typedef struct opv_scenario {} opv_scenario;

/* A constructor, for the finalizer in both languages: the scenario in the JSON
 * file `source` (its locations file relative to the file's directory), or,
 * when `text` is not empty, the JSON in `text`, named `source` in messages,
 * its locations file relative to `base_dir` ("" for the current directory).
 * Locations are checked against `reg`. */
%extend opv_scenario {
	opv_scenario(const opv_register *reg, const char *source, const char *text,
	             const char *base_dir, opv_error *err) {
		opv_scenario *scenario = NULL;
		if (text && *text)
			opv_scenario_parse_json(&scenario, text, strlen(text), source,
			                        base_dir && *base_dir ? base_dir : NULL, reg, err);
		else
			opv_scenario_load_json(&scenario, source, reg, err);
		return scenario;
	}
	~opv_scenario() { opv_scenario_free($self); }
}

%inline %{
/* A row of opv_swig_project's table: the date as days since 1970-01-01,
 * then the library's columns (opv_projection_column) in their order. */
#define OPV_SWIG_PROJECTION_COLUMNS (1 + OPV_PROJECTION_COLUMN_COUNT)

/* Positions in a row of opv_swig_project_monte_carlo's table: the fields of
 * opv_monte_carlo_week. */
enum opv_swig_monte_carlo_column {
	OPV_SWIG_MONTE_CARLO_OCCUPANCY_P05,
	OPV_SWIG_MONTE_CARLO_OCCUPANCY_P50,
	OPV_SWIG_MONTE_CARLO_OCCUPANCY_P95,
	OPV_SWIG_MONTE_CARLO_SHORTAGE_P05,
	OPV_SWIG_MONTE_CARLO_SHORTAGE_P50,
	OPV_SWIG_MONTE_CARLO_SHORTAGE_P95,
	OPV_SWIG_MONTE_CARLO_P_SHORTAGE,
	OPV_SWIG_MONTE_CARLO_COLUMNS
};

/* The name of a column of either table ("date", "in_procedure", ...,
 * "p_shortage"), the same in both languages and on the command line; NULL
 * past the last.  `monte_carlo` picks the table. */
static const char *opv_swig_projection_column_name(bool monte_carlo, int column)
{
	static const char *const weeks[OPV_SWIG_MONTE_CARLO_COLUMNS] = {
		"occupancy_p05", "occupancy_p50", "occupancy_p95",
		"shortage_p05", "shortage_p50", "shortage_p95", "p_shortage"
	};
	if (column < 0)
		return NULL;
	if (monte_carlo)
		return column < OPV_SWIG_MONTE_CARLO_COLUMNS ? weeks[column] : NULL;
	return column == 0 ? "date" : opv_projection_column_name((opv_projection_column)(column - 1));
}

/* Rows of the scenario's projection: weeks + 1. */
static size_t opv_swig_projection_rows(const opv_scenario *scenario)
{
	return (size_t)opv_scenario_weeks(scenario) + 1;
}

/* Checks the run count and the threads as a run would, for a caller that
 * would otherwise skip the run (a single run is the projection itself) or
 * allocate for the runs first. */
static void opv_swig_check_monte_carlo(uint64_t runs, unsigned int threads, opv_error *err)
{
	opv_monte_carlo_options options = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_tuning tuning = OPV_TUNING_INIT;
	options.runs = runs;
	tuning.threads = threads;
	if (opv_monte_carlo_options_check(&options, err) == OPV_OK)
		opv_tuning_check(&tuning, err);
}

/*
 * The projection without noise (opv_project): opv_swig_projection_rows()
 * rows of OPV_SWIG_PROJECTION_COLUMNS values, row by row.
 */
static void opv_swig_project(int64_t *projection, size_t n_projection,
                             const opv_scenario *scenario, opv_error *err)
{
	size_t nrows = opv_swig_projection_rows(scenario), k;
	opv_projection *table = NULL;
	int c;

	if (opv_swig_exact_length(n_projection, nrows * OPV_SWIG_PROJECTION_COLUMNS, "projection",
	                          err))
		return;
	if (opv_projection_run(&table, scenario, err) != OPV_OK)
		return;
	for (k = 0; k < nrows; k++) {
		int64_t *out = projection + k * OPV_SWIG_PROJECTION_COLUMNS;
		out[0] = opv_projection_date(table, k);
		for (c = 0; c < OPV_PROJECTION_COLUMN_COUNT; c++)
			out[1 + c] = opv_projection_get(table, (opv_projection_column)c, k);
	}
	opv_projection_free(table);
}

/*
 * The Monte Carlo projection of `runs` runs, counted (opv_monte_carlo_run,
 * through the language's opv_swig_monte_carlo_run, which frees the
 * interpreter and listens for its interrupt key): `percentiles` gets
 * opv_swig_projection_rows() rows of OPV_SWIG_MONTE_CARLO_COLUMNS values, row
 * by row, and `peaks` the median and 95th percentile of the runs' peak
 * shortages.  Memory does not grow with the runs.
 */
static void opv_swig_project_monte_carlo(double *percentiles, size_t n_percentiles,
                                         double *peaks, size_t n_peaks,
                                         const opv_scenario *scenario, uint64_t runs,
                                         uint64_t seed, unsigned int threads, opv_error *err)
{
	opv_monte_carlo_options options = OPV_MONTE_CARLO_OPTIONS_INIT;
	size_t nrows = opv_swig_projection_rows(scenario), k;
	opv_monte_carlo_week *weeks;
	opv_monte_carlo *counts = NULL;

	if (opv_swig_exact_length(n_percentiles, nrows * OPV_SWIG_MONTE_CARLO_COLUMNS,
	                             "percentiles", err)
	    || opv_swig_exact_length(n_peaks, 2, "peaks", err))
		return;
	weeks = malloc(nrows * sizeof *weeks);
	if (!weeks) {
		err->code = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the Monte Carlo weeks");
		return;
	}
	opv_tuning tuning = OPV_TUNING_INIT;
	options.runs = runs;
	options.seed = seed;
	tuning.threads = (unsigned int)threads;
	if (opv_swig_monte_carlo_run(&counts, scenario, &options, &tuning, err) == OPV_OK
	    && opv_monte_carlo_weeks(weeks, nrows, counts, err) == OPV_OK) {
		for (k = 0; k < nrows; k++) {
			const opv_monte_carlo_week *week = &weeks[k];
			double *out = percentiles + k * OPV_SWIG_MONTE_CARLO_COLUMNS;
			out[OPV_SWIG_MONTE_CARLO_OCCUPANCY_P05] = week->occupancy_p05;
			out[OPV_SWIG_MONTE_CARLO_OCCUPANCY_P50] = week->occupancy_p50;
			out[OPV_SWIG_MONTE_CARLO_OCCUPANCY_P95] = week->occupancy_p95;
			out[OPV_SWIG_MONTE_CARLO_SHORTAGE_P05] = week->shortage_p05;
			out[OPV_SWIG_MONTE_CARLO_SHORTAGE_P50] = week->shortage_p50;
			out[OPV_SWIG_MONTE_CARLO_SHORTAGE_P95] = week->shortage_p95;
			out[OPV_SWIG_MONTE_CARLO_P_SHORTAGE] = week->p_shortage;
		}
		peaks[0] = opv_monte_carlo_peak_percentile(counts, 0.5);
		peaks[1] = opv_monte_carlo_peak_percentile(counts, 0.95);
	}
	opv_monte_carlo_free(counts);
	free(weeks);
}
%}

/* ---- Monte Carlo run ranges ---------------------------------------------------------- */

%nodefaultctor opv_monte_carlo;
%nodefaultdtor opv_monte_carlo;
typedef struct opv_monte_carlo {} opv_monte_carlo;

/* The counts of runs first_run .. first_run + runs - 1 (opv_monte_carlo_run),
 * which merge with the counts of other run ranges. */
%extend opv_monte_carlo {
	opv_monte_carlo(const opv_scenario *scenario, uint64_t runs, uint64_t seed,
	                unsigned int threads, uint64_t first_run, opv_error *err) {
		opv_monte_carlo_options options = OPV_MONTE_CARLO_OPTIONS_INIT;
		opv_tuning tuning = OPV_TUNING_INIT;
		opv_monte_carlo *counts = NULL;
		options.runs = runs;
		options.seed = seed;
		tuning.threads = threads;
		options.first_run = first_run;
		opv_swig_monte_carlo_run(&counts, scenario, &options, &tuning, err);
		return counts;
	}
	~opv_monte_carlo() { opv_monte_carlo_free($self); }
}

%inline %{
/* The weeks of the counts: `nrows` rows of OPV_SWIG_MONTE_CARLO_COLUMNS. */
static void opv_swig_monte_carlo_weeks(double *percentiles, size_t n_percentiles,
                                       const opv_monte_carlo *counts, size_t nrows, opv_error *err)
{
	opv_monte_carlo_week *weeks;
	size_t k;
	if (opv_swig_exact_length(n_percentiles, nrows * OPV_SWIG_MONTE_CARLO_COLUMNS,
	                          "percentiles", err))
		return;
	weeks = malloc((nrows ? nrows : 1) * sizeof *weeks);
	if (!weeks) {
		err->code = OPV_ENOMEM;
		strcpy(err->message, "out of memory for the Monte Carlo weeks");
		return;
	}
	if (opv_monte_carlo_weeks(weeks, nrows, counts, err) == OPV_OK) {
		for (k = 0; k < nrows; k++) {
			double *out = percentiles + k * OPV_SWIG_MONTE_CARLO_COLUMNS;
			out[OPV_SWIG_MONTE_CARLO_OCCUPANCY_P05] = weeks[k].occupancy_p05;
			out[OPV_SWIG_MONTE_CARLO_OCCUPANCY_P50] = weeks[k].occupancy_p50;
			out[OPV_SWIG_MONTE_CARLO_OCCUPANCY_P95] = weeks[k].occupancy_p95;
			out[OPV_SWIG_MONTE_CARLO_SHORTAGE_P05] = weeks[k].shortage_p05;
			out[OPV_SWIG_MONTE_CARLO_SHORTAGE_P50] = weeks[k].shortage_p50;
			out[OPV_SWIG_MONTE_CARLO_SHORTAGE_P95] = weeks[k].shortage_p95;
			out[OPV_SWIG_MONTE_CARLO_P_SHORTAGE] = weeks[k].p_shortage;
		}
	}
	free(weeks);
}
%}

/* ---- what drives the shortage ------------------------------------------------------ */

%nodefaultctor opv_sensitivity;
%nodefaultdtor opv_sensitivity;
typedef struct opv_sensitivity {} opv_sensitivity;

/* The sensitivity of a scenario's shortage (opv_sensitivity_run) on `date`
 * ("" for the last row), every input moved by the share `relative`, except
 * the `inputs` moved by their `amounts`. */
%extend opv_sensitivity {
	opv_sensitivity(const opv_scenario *scenario, const char *date, double relative,
	                const char *const *inputs, size_t n_inputs,
	                const double *amounts, size_t n_amounts, opv_error *err) {
		opv_sensitivity_options options = OPV_SENSITIVITY_OPTIONS_INIT;
		opv_sensitivity *result = NULL;
		options.relative = relative;
		options.absolute_inputs = inputs;
		options.absolute_amounts = amounts;
		options.nabsolute = n_inputs;
		if (opv_swig_exact_length(n_amounts, n_inputs, "amounts", err) == 0
		    && (!date || !*date || opv_date_parse(&options.date, date, err) == OPV_OK))
			opv_sensitivity_run(&result, scenario, &options, err);
		return result;
	}
	~opv_sensitivity() { opv_sensitivity_free($self); }
}

%inline %{
/* The columns of a sensitivity table after the input's name, in the order
 * of `opvang sensitivity`. */
#define OPV_SWIG_SENSITIVITY_COLUMNS 6

static const char *opv_swig_sensitivity_date(const opv_sensitivity *s, opv_error *err)
{
	return opv_swig_date_text(opv_sensitivity_date(s), err);
}

/* value_low, value, value_high, shortage_low, shortage, shortage_high per
 * input, row by row; the shortages are whole numbers below 2^53. */
static void opv_swig_sensitivity_table(double *values, size_t n_values, const opv_sensitivity *s,
                                       opv_error *err)
{
	static const opv_sensitivity_point points[3] = {
		OPV_SENSITIVITY_LOW, OPV_SENSITIVITY_BASE, OPV_SENSITIVITY_HIGH
	};
	size_t n = opv_sensitivity_count(s), i;
	int p;
	if (opv_swig_exact_length(n_values, n * OPV_SWIG_SENSITIVITY_COLUMNS, "values", err))
		return;
	for (i = 0; i < n; i++) {
		for (p = 0; p < 3; p++) {
			values[i * OPV_SWIG_SENSITIVITY_COLUMNS + (size_t)p] =
				opv_sensitivity_value(s, i, points[p]);
			values[i * OPV_SWIG_SENSITIVITY_COLUMNS + 3 + (size_t)p] =
				(double)opv_sensitivity_shortage(s, i, points[p]);
		}
	}
}

%}

/* ---- the HTML report ------------------------------------------------------------ */

%inline %{
/* The HTML report (opv_report_write) of `date` into `dir`, with the counting
 * rules given as for opv_compliance, the inputs named as the pages show them
 * and, with `housing_task` (NULL: none), the status-holder housing section. */
static void opv_swig_report(const char *dir, const opv_register *reg,
                            const opv_locations *locations, const opv_tasks *tasks,
                            const char *date, const opv_compliance_options *rules,
                            const char *locations_name, const char *tasks_name,
                            const opv_scenario *scenario, const char *scenario_name, uint64_t runs,
                            uint64_t seed, const opv_housing_options *housing_task,
                            bool housing_on_reg, const char *previous_source,
                            const char *previous_text, const char *realised_source,
                            const char *realised_text, const char *history_source,
                            const char *history_text, opv_error *err)
{
	opv_report_options options = OPV_REPORT_OPTIONS_INIT;
	opv_monte_carlo_options monte_carlo = OPV_MONTE_CARLO_OPTIONS_INIT;
	opv_housing_options housing = OPV_HOUSING_OPTIONS_INIT;
	opv_report_housing *shown = NULL;
	opv_register *by_law = NULL;
	opv_balance_history *history = NULL;
	int64_t *previous = NULL, *realised = NULL;
	opv_day day;
	if (opv_date_parse(&day, date, err) != OPV_OK)
		return;
	if (scenario) {
		monte_carlo.runs = runs;
		monte_carlo.seed = seed;
		options.scenario = scenario;
		options.scenario_name = scenario_name && *scenario_name ? scenario_name : NULL;
		options.monte_carlo = &monte_carlo;
	}
	/* The housing section, as opvang report computes it: the task on the
	 * register of the half-year's legal date, unless the caller's own. */
	if (housing_task) {
		const opv_register *hreg = reg;
		size_t n;
		housing = *housing_task;
		if (!housing_on_reg) {
			opv_register *embedded = NULL;
			if (opv_period_register(&embedded, housing.period, err))
				return;
			/* Codes of merged municipalities count as the report's register counts them. */
			if (opv_register_maps_mergers(reg)) {
				opv_register_map_mergers(&by_law, embedded, err);
				opv_register_free(embedded);
				if (err->code != OPV_OK)
					return;
			} else {
				by_law = embedded;
			}
			hreg = by_law;
		}
		n = opv_register_count(hreg);
		previous = calloc(n + 1, sizeof *previous);
		realised = calloc(n + 1, sizeof *realised);
		if (!previous || !realised) {
			err->code = OPV_ENOMEM;
			strcpy(err->message, "out of memory for the housing task");
		}
		if (err->code == OPV_OK && previous_source && *previous_source)
			opv_swig_keyed_int64(previous, n, hreg, previous_source, previous_text, "balance", 0,
			                     err);
		if (err->code == OPV_OK && realised_source && *realised_source)
			opv_swig_keyed_int64(realised, n, hreg, realised_source, realised_text, "realised", 1,
			                     err);
		if (err->code == OPV_OK && history_source && *history_source) {
			if (history_text && *history_text)
				opv_balance_history_parse_csv(&history, history_text, strlen(history_text),
				                              history_source, err);
			else
				opv_balance_history_load_csv(&history, history_source, err);
		}
		if (err->code == OPV_OK)
			opv_report_housing_new(&shown, reg, hreg,
			                       &housing, previous_source && *previous_source ? previous : NULL,
			                       realised_source && *realised_source ? realised : NULL, history,
			                       err);
		options.housing = shown;
	}
	if (err->code != OPV_OK) {
		free(previous);
		free(realised);
		opv_balance_history_free(history);
		opv_register_free(by_law);
		return;
	}
	options.rules = rules;
	options.locations_name = locations_name && *locations_name ? locations_name : NULL;
	options.tasks_name = tasks_name && *tasks_name ? tasks_name : NULL;
	opv_report_write(dir, reg, locations, tasks, day, &options, err);
	opv_report_housing_free(shown);
	free(previous);
	free(realised);
	opv_balance_history_free(history);
	opv_register_free(by_law);
}
%}

/* ---- the public headers ------------------------------------------------- */
/*
 * The headers themselves, for what crosses as it is declared there: the
 * accessors that take objects and plain numbers and give back numbers or
 * text, and the enums, as constants: an enum crosses as its number in both
 * languages.  Of their structs, the options and summaries listed here are
 * wrapped (see "options" above); the others' contents cross as columns.
 * Every other function of the headers is reached through the entries above.
 */
%rename("$ignore", regextarget=1, %$isfunction) "^opv_";
%rename("$ignore", regextarget=1, %$isclass) "^opv_";
%rename("%s") opv_version;
%rename("%s") opv_compliance_options;
%rename("%s") opv_distribution_options;
%rename("%s") opv_distribution_summary;
%rename("%s") opv_housing_options;
%rename("%s") opv_ladder_options;
%rename("%s") opv_apportion_options;
%rename("%s") opv_realisation_options;
%rename("%s") opv_housing_summary;
%rename("%s") opv_method_name;
%rename("%s") opv_amv_mode_name;
%rename("%s") opv_version_number;
%rename("%s") opv_strerror;
%rename("%s") opv_register_count;
%rename("%s") opv_register_population;
%rename("%s") opv_register_has_ses;
%rename("%s") opv_register_reference_date;
%rename("%s") opv_register_source;
%rename("%s") opv_register_province_count;
%rename("%s") opv_register_maps_mergers;
%rename("%s") opv_register_embedded_date;
%rename("%s") opv_comparison_count;
%rename("%s") opv_comparison_exact;
%rename("%s") opv_locations_count;
%rename("%s") opv_tasks_origin;
%rename("%s") opv_compliance_has_task;
%rename("%s") opv_scenario_weeks;
%rename("%s") opv_scenario_start;
%rename("%s") opv_scenario_has_monte_carlo;
%rename("%s") opv_monte_carlo_runs;
%rename("%s") opv_monte_carlo_peak_percentile;
%rename("%s") opv_sensitivity_count;
%rename("%s") opv_sensitivity_input;
%rename("%s") opv_sensitivity_base;
%rename("%s") opv_ses_transform_name;
%rename("%s") opv_stage_name;
%rename("%s") opv_ladder_column_name;
%rename("%s") opv_location_type_name;
%rename("%s") opv_compliance_column_name;
%rename("%s") opv_compliance_column_needs_task;
%rename("%s") opv_tasks_source;
%rename("%s") opv_task_source_name;
%rename("%s") opv_monte_carlo_merge;
%rename("%s") opv_sensitivity_write_svg;
/*
 * Of these, the ones that return a status (OPV_OK or an error code) return
 * nothing in either language, whose error check has raised any error by
 * then: each language defines `int OPV_STATUS` as no value.
 */
%apply int OPV_STATUS { int opv_monte_carlo_merge, int opv_sensitivity_write_svg };
%include "opvang/core.h"
%include "opvang/io.h"
%include "opvang/date.h"
%include "opvang/register.h"
%include "opvang/apportion.h"
%include "opvang/distribution.h"
%include "opvang/housing.h"
%include "opvang/places.h"
%include "opvang/projection.h"
%include "opvang/report.h"
/* What the languages declare after this file is theirs to bind. */
%rename("%s", regextarget=1, %$isfunction) "^opv_";
%rename("%s", regextarget=1, %$isclass) "^opv_";
/* ---- text columns ------------------------------------------------------------- */

/*
 * A fifth array convention, for columns of text:
 * - (const char **OPV_TEXT, size_t OPV_N): an output column of texts with one
 *   element per row, or length 0 for a column the caller does not want.  The
 *   wrapper allocates room for OPV_N pointers (NULL each) and gives the
 *   length the caller asks for; the entry points each element at a
 *   NUL-terminated UTF-8 text that lives as long as the objects it was given,
 *   and leaves NULL where a row has none.  After the call the wrapper copies
 *   the texts into the language's strings (NULL: the language's missing
 *   value) and frees the pointers, never the texts.
 */
%apply (const char **OPV_TEXT, size_t OPV_N) {
	(const char **code, size_t n_code),
	(const char **name, size_t n_name),
	(const char **province_code, size_t n_province_code),
	(const char **province, size_t n_province),
	(const char **input, size_t n_input)
};

%inline %{
/* Code, name, province code and province name of every municipality, in
 * register order. */
static void opv_swig_register_texts(const char **code, size_t n_code,
                                    const char **name, size_t n_name,
                                    const char **province_code, size_t n_province_code,
                                    const char **province, size_t n_province,
                                    const opv_register *reg, opv_error *err)
{
	size_t i, n = opv_register_count(reg);
	if (opv_swig_optional_length(n_code, n, "code", err)
	    || opv_swig_optional_length(n_name, n, "name", err)
	    || opv_swig_optional_length(n_province_code, n, "province_code", err)
	    || opv_swig_optional_length(n_province, n, "province", err))
		return;
	for (i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		if (n_code)
			code[i] = m->code;
		if (n_name)
			name[i] = m->name;
		if (n_province_code)
			province_code[i] = m->province_code;
		if (n_province)
			province[i] = m->province;
	}
}

/* Code and name of every province, in province order. */
static void opv_swig_province_texts(const char **province_code, size_t n_province_code,
                                    const char **province, size_t n_province,
                                    const opv_register *reg, opv_error *err)
{
	size_t p, n = opv_register_province_count(reg);
	if (opv_swig_optional_length(n_province_code, n, "province_code", err)
	    || opv_swig_optional_length(n_province, n, "province", err))
		return;
	for (p = 0; p < n; p++) {
		const opv_province *province_p = opv_register_province_at(reg, p);
		if (n_province_code)
			province_code[p] = province_p->code;
		if (n_province)
			province[p] = province_p->name;
	}
}

/* The input of every row of a sensitivity table, in its order. */
static void opv_swig_sensitivity_inputs(const char **input, size_t n_input,
                                        const opv_sensitivity *s, opv_error *err)
{
	size_t i, n = opv_sensitivity_count(s);
	if (opv_swig_optional_length(n_input, n, "input", err))
		return;
	for (i = 0; i < n_input; i++)
		input[i] = opv_sensitivity_input(s, i);
}

%}
