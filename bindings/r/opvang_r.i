/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The R side of the SWIG interface.  The package's R functions (in R/) sit on
 * top of what this generates; nothing generated is exported to users.
 *
 * What R needs beyond the shared interface:
 * - OPV_SWIG_RAISE: a failing library call signals an R condition of class
 *   "opvang_error" carrying the library's message and status code.
 * - OPV_SWIG_ERROR_CHECK: the error check runs in freearg (see below).
 * - Strings: marked as UTF-8 on the way out (the library speaks UTF-8
 *   whatever the session's locale), and read without a copy on the way in,
 *   so that an error raised mid-call leaks nothing.
 * - Vectors: SWIG's R module has no array typemaps and knows only 32-bit
 *   integers, so the calls that move vectors (opv_r_*) take and return
 *   SEXPs: whole numbers cross as doubles, exact below 2^53.
 */
%module opvang

%{
#include <limits.h>
#include <math.h>
#include <string.h>
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>
#include "opvang.h"
#define OPV_EXPERIMENTAL_API  /* threads =: opv_tuning */
#include "opvang/experimental.h"

/* Length of the valid UTF-8 sequence at s (at most `avail` bytes), or 0. */
static size_t opv_r_utf8_sequence(const unsigned char *s, size_t avail)
{
	static const unsigned long min_by_length[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned long cp;
	size_t n, k;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0)
		n = 2, cp = s[0] & 0x1Fu;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, cp = s[0] & 0x0Fu;
	else if ((s[0] & 0xF8) == 0xF0)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (n > avail)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3Fu);
	}
	if (cp < min_by_length[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

/*
 * A message as an R string marked UTF-8.  A message cut short at
 * OPV_ERROR_MESSAGE_SIZE may end inside a multi-byte character, and R refuses
 * to print invalid UTF-8, so any byte that does not fit becomes '?'.
 */
static SEXP opv_r_message(const char *message)
{
	size_t len = strlen(message), i = 0, n;
	char *copy = NULL;

	while (i < len) {
		n = opv_r_utf8_sequence((const unsigned char *)message + i, len - i);
		if (n == 0) {
			if (!copy)
				copy = (char *)memcpy(R_alloc(len + 1, 1), message, len + 1);
			copy[i] = '?';
			n = 1;
		}
		i += n;
	}
	return Rf_mkCharLenCE(copy ? copy : message, (int)len, CE_UTF8);
}

/*
 * Signals an "opvang_error" condition through R's own stop(), so tryCatch()
 * and testthat see an ordinary R error; its `status` is the opv_status code.
 * Never returns.  What was allocated on the way here belongs to R (R_alloc,
 * PROTECT) and is released as the error unwinds the stack.
 */
static void opv_r_raise(int code, const char *message)
{
	static const char *fields[] = { "message", "call", "status", "" };
	SEXP cond = PROTECT(Rf_mkNamed(VECSXP, fields));
	SEXP klass = PROTECT(Rf_allocVector(STRSXP, 3));

	SET_VECTOR_ELT(cond, 0, Rf_ScalarString(opv_r_message(message)));
	SET_VECTOR_ELT(cond, 2, Rf_ScalarInteger(code));
	SET_STRING_ELT(klass, 0, Rf_mkChar("opvang_error"));
	SET_STRING_ELT(klass, 1, Rf_mkChar("error"));
	SET_STRING_ELT(klass, 2, Rf_mkChar("condition"));
	Rf_setAttrib(cond, R_ClassSymbol, klass);

	Rf_eval(PROTECT(Rf_lang2(Rf_install("stop"), cond)), R_BaseEnv);
	UNPROTECT(3); /* not reached */
}

/* R's own interrupt, as when R_CheckUserInterrupt() finds one pending.  In
 * libR and declared for front-ends in Rinterface.h, which a package does
 * not include. */
extern void Rf_onintr(void);

/* A cancelled call (the user pressed Ctrl-C, see opv_swig_monte_carlo_run)
 * ends in R's interrupt, not in an error. */
static void opv_r_raise_or_interrupt(int code, const char *message)
{
	if (code == OPV_ECANCELLED)
		Rf_onintr();
	opv_r_raise(code, message);
}

#define OPV_SWIG_RAISE(code, message) opv_r_raise_or_interrupt((code), (message))

static void opv_r_check_interrupt(void *unused)
{
	(void)unused;
	R_CheckUserInterrupt();
}

/* About ten times a second: has the user pressed Ctrl-C?  R_ToplevelExec
 * keeps R's jump out of the library, which then stops and frees its work. */
static int opv_r_on_progress(uint64_t done, uint64_t total, void *data)
{
	(void)done;
	(void)total;
	(void)data;
	return R_ToplevelExec(opv_r_check_interrupt, NULL) == FALSE;
}

static int opv_swig_monte_carlo_run(opv_monte_carlo **out, const opv_scenario *scenario,
                                    opv_monte_carlo_options *options, const opv_tuning *tuning,
                                    opv_error *err)
{
	options->progress = opv_r_on_progress;
	options->progress_data = NULL;
	return opv_monte_carlo_run_tuned(out, scenario, options, tuning, err);
}
%}

/* Read-only input strings: no copy (the stock typemap mallocs one and would
 * leak it when the call raises).  Translated to the native encoding, as file
 * names must be; R_alloc memory, if any, is released by R. */
%typemap(in, noblock=1) const char * {
	if (!Rf_isString($input) || XLENGTH($input) != 1)
		Rf_error("argument '$1_name' must be one string");
	$1 = ($1_ltype)Rf_translateChar(STRING_ELT($input, 0));
}
%typemap(freearg) const char * ""

%typemap(out, noblock=1) const char * {
	$result = $1 ? Rf_ScalarString(Rf_mkCharCE($1, CE_UTF8)) : R_NilValue;
}

/* SEXP passes through untouched, both ways. */
%typemap(in, noblock=1) SEXP { $1 = $input; }
%typemap(out, noblock=1) SEXP { $result = $1; }
%typemap(scoercein) SEXP ""
%typemap(scoerceout) SEXP ""
%typemap(rtype) SEXP "ANY"

/* A double argument is read with REAL(): make sure there is one. */
%typemap(scoercein) double %{ $input = as.numeric($input); %}
%typemap(in, noblock=1) double {
	if (TYPEOF($input) != REALSXP || XLENGTH($input) != 1)
		Rf_error("argument '$1_name' must be one number");
	$1 = REAL($input)[0];
}

/* Whole numbers (see ../opvang.i): one number that is one exactly, within
 * the range of its C type and within 2^53 of 0, where R's doubles stop being
 * exact.  SWIG's own typemaps would make it an R integer first, which cuts
 * 2.5 to 2 and NA to the smallest int without a word. */
%{
static double opv_r_whole(SEXP value, const char *name, double low, double high,
                          const char *range)
{
	char message[OPV_ERROR_MESSAGE_SIZE];
	double d;
	if (TYPEOF(value) != REALSXP || XLENGTH(value) != 1)
		Rf_error("argument '%s' must be one number", name);
	d = REAL(value)[0];
	if (d >= low && d <= high && d == floor(d))
		return d;
	if (ISNA(d))
		snprintf(message, sizeof message, "%s must be a whole number, got NA", name);
	else
		snprintf(message, sizeof message, "%s must be a whole number from %s, got %g", name,
		         range, d);
	opv_r_raise(OPV_ERANGE, message);
	return 0; /* not reached */
}
%}
%define OPV_R_WHOLE(TYPE, LOW, HIGH, RANGE)
%typemap(scoercein) TYPE %{ $input = as.numeric($input); %}
%typemap(in, noblock=1) TYPE { $1 = (TYPE)opv_r_whole($input, "$1_name", LOW, HIGH, RANGE); }
%typemap(rtype) TYPE "numeric"
%enddef
OPV_R_WHOLE(int64_t, -(double)OPV_COUNT_MAX, (double)OPV_COUNT_MAX, "-2^53 to 2^53")
OPV_R_WHOLE(uint64_t, 0, (double)OPV_COUNT_MAX, "0 to 2^53")
OPV_R_WHOLE(int, INT_MIN, INT_MAX, "-2147483648 to 2147483647")
OPV_R_WHOLE(unsigned int, 0, UINT_MAX, "0 to 4294967295")
%typemap(out, noblock=1) int64_t { $result = Rf_ScalarReal((double)$1); }

/* They take int64 pointers that R cannot build; the opv_r_* functions below
 * call them with R's vectors. */
%ignore opv_swig_apportion;
%ignore opv_swig_keyed_int64;
%ignore opv_swig_housing_task;
%ignore opv_swig_supervision;
%ignore opv_swig_places;
%ignore opv_swig_places_shortfalls;
%ignore opv_swig_capacity;
%ignore opv_swig_check_monte_carlo;
%ignore opv_swig_project;
%ignore opv_swig_project_monte_carlo;

/* Every argout typemap becomes an extra element of a returned list in SWIG's
 * R module, which would break constructors; freearg runs at the same point
 * after the call without changing what the wrapper returns. */
#define OPV_SWIG_ERROR_CHECK freearg

%include "../opvang.i"

%{
/*
 * The whole register as a named list of columns: code, name, province_code,
 * province, population (double: R's integers are 32-bit) and ses, the last
 * only when some municipality has a score (NA where one has none).  One call
 * instead of one per cell keeps large registers fast.
 */
static SEXP opv_r_register_columns(const opv_register *reg)
{
	enum { TEXT_COLUMNS = 4, POPULATION = 4, SES = 5 };
	static const char *const column_names[] = {
		"code", "name", "province_code", "province", "population", "ses"
	};
	size_t n = opv_register_count(reg), i;
	int has_ses = 0, ncol, c;
	SEXP columns, names;

	for (i = 0; i < n && !has_ses; i++)
		has_ses = opv_register_at(reg, i)->has_ses;
	ncol = has_ses ? SES + 1 : SES;

	columns = PROTECT(Rf_allocVector(VECSXP, ncol));
	names = Rf_allocVector(STRSXP, ncol);
	Rf_setAttrib(columns, R_NamesSymbol, names);
	for (c = 0; c < ncol; c++) {
		SET_STRING_ELT(names, c, Rf_mkChar(column_names[c]));
		SET_VECTOR_ELT(columns, c, Rf_allocVector(c < TEXT_COLUMNS ? STRSXP : REALSXP, (R_xlen_t)n));
	}

	for (i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		const char *text[TEXT_COLUMNS] = { m->code, m->name, m->province_code, m->province };
		for (c = 0; c < TEXT_COLUMNS; c++)
			SET_STRING_ELT(VECTOR_ELT(columns, c), (R_xlen_t)i, Rf_mkCharCE(text[c], CE_UTF8));
		/* Exact: populations are below 2^53. */
		REAL(VECTOR_ELT(columns, POPULATION))[i] = (double)m->population;
		if (has_ses)
			REAL(VECTOR_ELT(columns, SES))[i] = m->has_ses ? m->ses : NA_REAL;
	}
	UNPROTECT(1);
	return columns;
}

/*
 * Copies a numeric vector of bounds into int64 memory that R frees.  NULL
 * means no bounds.  Every bound must be a whole number that a double holds
 * exactly; anything else would be silently rounded.  (apportion() checks
 * them first; the element counts from 1, as in R.)
 */
static const int64_t *opv_r_bounds(SEXP bounds, const char *what, size_t *n)
{
	int64_t *out;
	R_xlen_t i, len;

	*n = 0;
	if (Rf_isNull(bounds))
		return NULL;
	if (TYPEOF(bounds) != REALSXP)
		Rf_error("'%s' must be a double vector", what);
	len = XLENGTH(bounds);
	out = (int64_t *)R_alloc((size_t)len + 1, sizeof *out);
	for (i = 0; i < len; i++) {
		double b = REAL(bounds)[i];
		if (!(fabs(b) <= (double)OPV_APPORTION_MAX_TOTAL) || b != floor(b)) {
			char message[OPV_ERROR_MESSAGE_SIZE];
			snprintf(message, sizeof message,
			         "'%s' element %ld is not a whole number from -2^53 to 2^53 (%g)",
			         what, (long)i + 1, b);
			opv_r_raise(OPV_EINVAL, message);
		}
		out[i] = (int64_t)b;
	}
	*n = (size_t)len;
	return out;
}

/*
 * Seats for `weights` (a double vector) that add up to `total`, as a double
 * vector; `lower` and `upper` are double vectors or NULL.  On failure the
 * error record is filled and the wrapper raises it.
 */
static SEXP opv_r_apportion(SEXP weights, int64_t total, const char *method,
                            SEXP lower, SEXP upper, unsigned int threads, opv_error *err)
{
	size_t n, n_lower, n_upper, i;
	const int64_t *lo, *hi;
	int64_t *seats;
	SEXP out;

	if (TYPEOF(weights) != REALSXP)
		Rf_error("'weights' must be a double vector");
	n = (size_t)XLENGTH(weights);
	lo = opv_r_bounds(lower, "lower", &n_lower);
	hi = opv_r_bounds(upper, "upper", &n_upper);
	seats = (int64_t *)R_alloc(n + 1, sizeof *seats);

	opv_swig_apportion(seats, n, REAL(weights), n, total, method,
	                   lo, n_lower, hi, n_upper, threads, err);
	if (err->code != OPV_OK)
		return R_NilValue;

	out = Rf_allocVector(REALSXP, (R_xlen_t)n);
	for (i = 0; i < n; i++)
		REAL(out)[i] = (double)seats[i]; /* exact: seats <= total <= 2^53 */
	return out;
}
%}

/* What the package's R functions call besides the shared interface. */
SEXP opv_r_register_columns(const opv_register *reg);
SEXP opv_r_apportion(SEXP weights, int64_t total, const char *method, SEXP lower, SEXP upper,
                     unsigned int threads, opv_error *err);

/* ---- vectors between R and the shared opv_swig_* functions --------------- */

%{
/* int64 values as a double vector: exact while they stay below 2^53, which
 * the library's inputs do. */
static SEXP opv_r_doubles(const int64_t *values, size_t n)
{
	SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)n);
	size_t i;
	for (i = 0; i < n; i++)
		REAL(out)[i] = (double)values[i];
	return out;
}

/* A double vector of whole numbers as int64 memory that R frees; NULL gives
 * NULL with *n = 0.  Anything that is not a whole number below 2^53 would be
 * rounded without a word, so it is an error naming the element (from 1). */
static int64_t *opv_r_whole_numbers(SEXP values, const char *what, size_t *n)
{
	int64_t *out;
	R_xlen_t i, len;

	*n = 0;
	if (Rf_isNull(values))
		return NULL;
	if (TYPEOF(values) != REALSXP)
		Rf_error("'%s' must be a double vector", what);
	len = XLENGTH(values);
	out = (int64_t *)R_alloc((size_t)len + 1, sizeof *out);
	for (i = 0; i < len; i++) {
		double v = REAL(values)[i];
		if (!(fabs(v) < (double)OPV_APPORTION_MAX_TOTAL) || v != floor(v)) {
			char message[OPV_ERROR_MESSAGE_SIZE];
			snprintf(message, sizeof message,
			         "%s: element %ld is not a whole number below 2^53 (%g)", what,
			         (long)i + 1, v);
			opv_r_raise(OPV_EINVAL, message);
		}
		out[i] = (int64_t)v;
	}
	*n = (size_t)len;
	return out;
}

/* Room for n int64 values (at least one, so that n = 0 is not a NULL). */
static int64_t *opv_r_int64_buffer(size_t n)
{
	return (int64_t *)R_alloc(n + 1, sizeof(int64_t));
}

/* A list with the given names, its elements still to be set.  Protected once:
 * the caller unprotects it before returning. */
static SEXP opv_r_named_list(const char *const *names, int n)
{
	SEXP list = PROTECT(Rf_allocVector(VECSXP, n));
	SEXP labels = Rf_allocVector(STRSXP, n);
	int i;
	Rf_setAttrib(list, R_NamesSymbol, labels);
	for (i = 0; i < n; i++)
		SET_STRING_ELT(labels, i, Rf_mkChar(names[i]));
	return list;
}

/* Register positions (from 0) as R indices (from 1). */
static SEXP opv_r_indices(const int64_t *positions, size_t n)
{
	SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)n);
	size_t i;
	for (i = 0; i < n; i++)
		REAL(out)[i] = (double)positions[i] + 1;
	return out;
}

/* SES scores of the register after merging a `code,ses` file, NA where a
 * municipality has none. */
static SEXP opv_r_ses_load_csv(const opv_register *reg, const char *path, opv_error *err)
{
	size_t n = opv_register_count(reg), i;
	double *scores = (double *)R_alloc(n + 1, sizeof *scores);
	SEXP out;
	opv_swig_ses_load_csv(scores, n, reg, path, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	out = Rf_allocVector(REALSXP, (R_xlen_t)n);
	for (i = 0; i < n; i++)
		REAL(out)[i] = isnan(scores[i]) ? NA_REAL : scores[i];
	return out;
}

/* Province code, name, number of municipalities and population, in province order. */
static SEXP opv_r_province_columns(const opv_register *reg)
{
	static const char *const names[] = { "province_code", "province", "municipalities",
	                                     "population" };
	size_t n = opv_register_province_count(reg), p;
	SEXP out = opv_r_named_list(names, 4);
	SET_VECTOR_ELT(out, 0, Rf_allocVector(STRSXP, (R_xlen_t)n));
	SET_VECTOR_ELT(out, 1, Rf_allocVector(STRSXP, (R_xlen_t)n));
	SET_VECTOR_ELT(out, 2, Rf_allocVector(REALSXP, (R_xlen_t)n));
	SET_VECTOR_ELT(out, 3, Rf_allocVector(REALSXP, (R_xlen_t)n));
	for (p = 0; p < n; p++) {
		const opv_province *province = opv_register_province_at(reg, p);
		SET_STRING_ELT(VECTOR_ELT(out, 0), (R_xlen_t)p, Rf_mkCharCE(province->code, CE_UTF8));
		SET_STRING_ELT(VECTOR_ELT(out, 1), (R_xlen_t)p, Rf_mkCharCE(province->name, CE_UTF8));
		REAL(VECTOR_ELT(out, 2))[p] = (double)province->municipalities;
		REAL(VECTOR_ELT(out, 3))[p] = (double)province->population;
	}
	UNPROTECT(1);
	return out;
}

/* Whole numbers per municipality summed per province. */
static SEXP opv_r_sum_by_province(const opv_register *reg, SEXP values, opv_error *err)
{
	size_t n, np = opv_register_province_count(reg);
	const int64_t *in = opv_r_whole_numbers(values, "values", &n);
	int64_t *sums = opv_r_int64_buffer(np);
	opv_swig_sum_by_province(sums, np, reg, in, n, err);
	return err->code == OPV_OK ? opv_r_doubles(sums, np) : R_NilValue;
}

/*
 * The distribution key (opv_swig_distribute) as a list of columns: weight,
 * quota, places, amv, regular, floor, remainder, rank, priority (NA without
 * places or with Hamilton), and summary (places, amv, amv_residual, regular,
 * by_remainder).  `ses` is NULL (the register's own scores) or one score per
 * municipality, NA for none.
 */
static SEXP opv_r_distribute(const opv_register *reg, SEXP ses, int64_t total, int64_t amv,
                             const char *ses_transform, const char *method,
                             const char *amv_mode, opv_error *err)
{
	static const char *const names[] = { "weight", "quota", "places", "amv", "regular", "floor",
	                                     "remainder", "rank", "priority", "summary" };
	enum { WEIGHT, QUOTA, REMAINDER, PRIORITY, REALS };
	enum { PLACES, AMV, REGULAR, FLOOR, RANK, WHOLES };
	size_t n = opv_register_count(reg), i, n_ses = 0;
	double *real[REALS];
	int64_t *whole[WHOLES], summary[OPV_SWIG_SUMMARY_SIZE];
	SEXP out;
	int k;

	if (!Rf_isNull(ses)) {
		if (TYPEOF(ses) != REALSXP)
			Rf_error("'ses' must be NULL or a double vector");
		n_ses = (size_t)XLENGTH(ses);
	}
	for (k = 0; k < REALS; k++)
		real[k] = (double *)R_alloc(n + 1, sizeof(double));
	for (k = 0; k < WHOLES; k++)
		whole[k] = opv_r_int64_buffer(n);
	opv_swig_distribute(real[WEIGHT], n, real[QUOTA], n, whole[PLACES], n, whole[AMV], n,
	                    whole[REGULAR], n, whole[FLOOR], n, real[REMAINDER], n, whole[RANK], n,
	                    real[PRIORITY], n, summary, OPV_SWIG_SUMMARY_SIZE, reg,
	                    n_ses ? REAL(ses) : NULL, n_ses, total, amv, ses_transform, method,
	                    amv_mode, err);
	if (err->code != OPV_OK)
		return R_NilValue;

	out = opv_r_named_list(names, 10);
	for (i = 0; i < n; i++) {
		if (isnan(real[PRIORITY][i]))
			real[PRIORITY][i] = NA_REAL;
	}
	SET_VECTOR_ELT(out, 0, Rf_allocVector(REALSXP, (R_xlen_t)n));
	memcpy(REAL(VECTOR_ELT(out, 0)), real[WEIGHT], n * sizeof(double));
	SET_VECTOR_ELT(out, 1, Rf_allocVector(REALSXP, (R_xlen_t)n));
	memcpy(REAL(VECTOR_ELT(out, 1)), real[QUOTA], n * sizeof(double));
	SET_VECTOR_ELT(out, 2, opv_r_doubles(whole[PLACES], n));
	SET_VECTOR_ELT(out, 3, opv_r_doubles(whole[AMV], n));
	SET_VECTOR_ELT(out, 4, opv_r_doubles(whole[REGULAR], n));
	SET_VECTOR_ELT(out, 5, opv_r_doubles(whole[FLOOR], n));
	SET_VECTOR_ELT(out, 6, Rf_allocVector(REALSXP, (R_xlen_t)n));
	memcpy(REAL(VECTOR_ELT(out, 6)), real[REMAINDER], n * sizeof(double));
	SET_VECTOR_ELT(out, 7, opv_r_doubles(whole[RANK], n));
	SET_VECTOR_ELT(out, 8, Rf_allocVector(REALSXP, (R_xlen_t)n));
	memcpy(REAL(VECTOR_ELT(out, 8)), real[PRIORITY], n * sizeof(double));
	SET_VECTOR_ELT(out, 9, opv_r_doubles(summary, OPV_SWIG_SUMMARY_SIZE));
	UNPROTECT(1);
	return out;
}

/*
 * A published table (the CSV file `source`, or `text` named `source`) beside
 * computed places and AMV places (double vectors, one per municipality; amv
 * may be NULL): municipality (R index), computed, published, difference,
 * has_amv (logical), computed_amv, published_amv, amv_difference (NA where
 * the table has no AMV), exact and largest (R index of the row, NA if none).
 */
static SEXP opv_r_compare(const opv_register *reg, SEXP places, SEXP amv, const char *source,
                          const char *text, opv_error *err)
{
	static const char *const names[] = { "municipality", "computed", "published", "difference",
	                                     "has_amv", "computed_amv", "published_amv",
	                                     "amv_difference", "exact", "largest" };
	size_t n = opv_register_count(reg), n_places, n_amv, rows, i;
	const int64_t *computed = opv_r_whole_numbers(places, "places", &n_places);
	const int64_t *computed_amv = opv_r_whole_numbers(amv, "amv", &n_amv);
	opv_comparison *cmp = NULL;
	int64_t *column[8];
	size_t exact;
	SEXP out;
	int k, largest;

	if (opv_swig_exact_length(n_places, n, "computed places", err)
	    || opv_swig_optional_length(n_amv, n, "computed AMV places", err))
		return R_NilValue;
	if (text && *text)
		opv_compare_parse_csv(&cmp, reg, computed, n_amv ? computed_amv : NULL, text,
		                      strlen(text), source, err);
	else
		opv_compare_load_csv(&cmp, reg, computed, n_amv ? computed_amv : NULL, source, err);
	if (err->code != OPV_OK)
		return R_NilValue;

	/* Everything out of the comparison before R allocates: an allocation that
	 * fails jumps out of this function, and must not leave it behind. */
	rows = opv_comparison_count(cmp);
	for (k = 0; k < 8; k++)
		column[k] = opv_r_int64_buffer(rows);
	opv_swig_comparison_columns(column[0], rows, NULL, 0, column[1], rows, column[2], rows,
	                            column[3], rows, column[4], rows, column[5], rows, column[6], rows,
	                            column[7], rows, cmp, err);
	largest = opv_swig_comparison_largest(cmp);
	exact = opv_comparison_exact(cmp);
	opv_comparison_free(cmp);
	if (err->code != OPV_OK)
		return R_NilValue;

	out = opv_r_named_list(names, 10);
	SET_VECTOR_ELT(out, 0, opv_r_indices(column[0], rows));
	for (k = 1; k < 8; k++) {
		SEXP values = opv_r_doubles(column[k], rows);
		SET_VECTOR_ELT(out, k, values);
		for (i = 0; k >= 5 && i < rows; i++) {
			if (!column[4][i])
				REAL(values)[i] = NA_REAL;
		}
	}
	SET_VECTOR_ELT(out, 4, Rf_allocVector(LGLSXP, (R_xlen_t)rows));
	for (i = 0; i < rows; i++)
		LOGICAL(VECTOR_ELT(out, 4))[i] = column[4][i] != 0;
	SET_VECTOR_ELT(out, 8, Rf_ScalarReal((double)exact));
	SET_VECTOR_ELT(out, 9, Rf_ScalarReal(largest < 0 ? NA_REAL : largest + 1.0));
	UNPROTECT(1);
	return out;
}

/*
 * The housing task of one half-year (opv_swig_housing_task) as a list: task,
 * swapped, carried, corrected, realised and balance (NULL without realised
 * counts), summary (task, corrected, balance, population_total) and warning
 * ("" when none).  Tables are a file name or CSV text, "" for none.
 */
static SEXP opv_r_housing_task(const opv_register *reg, int64_t national, const char *period,
                               const char *previous_source, const char *previous_text,
                               const char *realised_source, const char *realised_text,
                               const char *swaps_source, const char *swaps_text,
                               int carry_advance, opv_error *err)
{
	static const char *const names[] = { "task", "swapped", "carried", "corrected", "realised",
	                                     "balance", "summary", "warning" };
	size_t n = opv_register_count(reg);
	int with_realised = opv_swig_table_given(realised_source, realised_text);
	int64_t *column[6], summary[OPV_SWIG_HOUSING_SUMMARY_SIZE];
	char *warning, text[OPV_WARNING_SIZE];
	SEXP out;
	int k;

	for (k = 0; k < 6; k++)
		column[k] = opv_r_int64_buffer(n);
	warning = opv_swig_housing_task(column[0], n, column[1], n, column[2], n, column[3], n,
	                                column[4], n, column[5], n, summary,
	                                OPV_SWIG_HOUSING_SUMMARY_SIZE, reg, national, period,
	                                previous_source, previous_text, realised_source,
	                                realised_text, swaps_source, swaps_text, carry_advance, err);
	if (!warning)
		return R_NilValue;
	/* Released before R allocates, which may jump out of this function. */
	snprintf(text, sizeof text, "%s", warning);
	free(warning);

	out = opv_r_named_list(names, 8);
	for (k = 0; k < 6; k++) {
		if (k < 4 || with_realised)
			SET_VECTOR_ELT(out, k, opv_r_doubles(column[k], n));
	}
	SET_VECTOR_ELT(out, 6, opv_r_doubles(summary, OPV_SWIG_HOUSING_SUMMARY_SIZE));
	SET_VECTOR_ELT(out, 7, Rf_ScalarString(opv_r_message(text)));
	UNPROTECT(1);
	return out;
}

/*
 * The supervision ladder (opv_swig_supervision) as a list: misses and state
 * (names), one per municipality.  `thresholds` holds four whole numbers.
 */
/*
 * Every municipality on the ladder as of `as_of` (opv_swig_ladder) as a list
 * of the ladder's columns (stage as names, days since 1970-01-01 and
 * periods as year * 10 + half, 0 for none) and `national` (backlog,
 * advance, net, no_data, period).
 */
static SEXP opv_r_int64_column(const int64_t *table, size_t nrows, size_t ncols, size_t column);
static SEXP opv_r_double_column(const double *table, size_t nrows, size_t ncols, size_t column);

/* The realisation during the half-year (opv_swig_housing_realisation) as a
 * list of its columns and share_passed. */
static SEXP opv_r_housing_realisation(const opv_register *reg, SEXP corrected, const char *source,
                                      const char *text, const char *period, const char *as_of,
                                      const char *kinds, opv_error *err)
{
	static const char *const names[] = { "realised_to_date", "share_realised",
	                                     "expected_to_date", "projected_balance", "share_passed" };
	size_t n = opv_register_count(reg), n_corrected, c;
	const int64_t *owed = opv_r_whole_numbers(corrected, "corrected", &n_corrected);
	int64_t *realised = opv_r_int64_buffer(n);
	double *values = (double *)R_alloc(3 * n + 1, sizeof *values), passed = 0;
	SEXP out;

	opv_swig_housing_realisation(realised, n, values, 3 * n, &passed, 1, reg, owed, n_corrected,
	                             source, text, period, as_of, kinds, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	out = opv_r_named_list(names, 5);
	SET_VECTOR_ELT(out, 0, opv_r_doubles(realised, n));
	for (c = 0; c < 3; c++)
		SET_VECTOR_ELT(out, (R_xlen_t)c + 1, opv_r_double_column(values, n, 3, c));
	SET_VECTOR_ELT(out, 4, Rf_ScalarReal(passed));
	UNPROTECT(1);
	return out;
}

static SEXP opv_r_ladder(const opv_register *reg, const char *source, const char *text,
                         const char *as_of, SEXP thresholds, const char *tolerance,
                         double warning_term, opv_error *err)
{
	size_t n = opv_register_count(reg), n_thresholds, i;
	const int64_t *t = opv_r_whole_numbers(thresholds, "thresholds", &n_thresholds);
	int64_t *ladder = opv_r_int64_buffer(n * OPV_LADDER_COLUMN_COUNT);
	int64_t national[OPV_SWIG_NATIONAL_COUNT];
	const char *names[OPV_LADDER_COLUMN_COUNT + 1];
	int limit[4], c, term;
	SEXP out, stage;

	if (n_thresholds != 4) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message,
		         "thresholds must be four numbers (signalling, administrative_talk, warning, "
		         "substitution), got %zu", n_thresholds);
		return R_NilValue;
	}
	/* Clamped into int: the library refuses what decreases or starts below 1. */
	for (i = 0; i < 4; i++)
		limit[i] = t[i] < 0 ? 0 : t[i] > INT_MAX ? INT_MAX : (int)t[i];
	/* Whole weeks in int's range; the library says which are allowed. */
	if (!(warning_term == floor(warning_term) && fabs(warning_term) < 1e6)) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message, "warning_term must be whole weeks, got %g",
		         warning_term);
		return R_NilValue;
	}
	term = (int)warning_term;
	opv_swig_ladder(ladder, n * OPV_LADDER_COLUMN_COUNT, national, OPV_SWIG_NATIONAL_COUNT, reg,
	                source, text, as_of, limit[0], limit[1], limit[2], limit[3], tolerance, term,
	                err);
	if (err->code != OPV_OK)
		return R_NilValue;
	for (c = 0; c < OPV_LADDER_COLUMN_COUNT; c++)
		names[c] = opv_ladder_column_name((opv_ladder_column)c);
	names[OPV_LADDER_COLUMN_COUNT] = "national";
	out = opv_r_named_list(names, OPV_LADDER_COLUMN_COUNT + 1);
	for (c = 1; c < OPV_LADDER_COLUMN_COUNT; c++)
		SET_VECTOR_ELT(out, c, opv_r_int64_column(ladder, n, OPV_LADDER_COLUMN_COUNT, (size_t)c));
	stage = Rf_allocVector(STRSXP, (R_xlen_t)n);
	SET_VECTOR_ELT(out, 0, stage);
	for (i = 0; i < n; i++)
		SET_STRING_ELT(stage, (R_xlen_t)i,
		               Rf_mkChar(opv_stage_name((opv_stage)ladder[i * OPV_LADDER_COLUMN_COUNT])));
	SET_VECTOR_ELT(out, OPV_LADDER_COLUMN_COUNT, opv_r_doubles(national, OPV_SWIG_NATIONAL_COUNT));
	UNPROTECT(1);
	return out;
}

/* A `code,<value_column>` table of whole numbers in register order, 0 where it has no row. */
static SEXP opv_r_keyed(const opv_register *reg, const char *source, const char *text,
                        const char *value_column, int nonnegative, opv_error *err)
{
	size_t n = opv_register_count(reg);
	int64_t *values = opv_r_int64_buffer(n);
	opv_swig_keyed_int64(values, n, reg, source, text, value_column, nonnegative, err);
	return err->code == OPV_OK ? opv_r_doubles(values, n) : R_NilValue;
}

/*
 * Places per municipality on `date` (opv_swig_places) as a list:
 * places_total, places_above_agreement, places_counting, and with `tasks`
 * (NULL, or one whole number per municipality) gap and shortfalls (R
 * indices of the municipalities with a gap above 0, largest first).
 */
static SEXP opv_r_places(const opv_register *reg, const opv_locations *locations, SEXP tasks,
                         const char *date, int min_years, opv_error *err)
{
	static const char *const names[] = { "places_total", "places_above_agreement",
	                                     "places_counting", "gap", "shortfalls" };
	size_t n = opv_register_count(reg), n_tasks, count = 0;
	const int64_t *task = opv_r_whole_numbers(tasks, "tasks", &n_tasks);
	int64_t *column[4], *order = opv_r_int64_buffer(n);
	SEXP out;
	int k;

	for (k = 0; k < 4; k++)
		column[k] = opv_r_int64_buffer(n);
	opv_swig_places(column[0], n, column[1], n, column[2], n, column[3], Rf_isNull(tasks) ? 0 : n,
	                reg, locations, task, n_tasks, date, min_years, err);
	if (err->code == OPV_OK && !Rf_isNull(tasks))
		count = opv_swig_places_shortfalls(order, n, column[3], n, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	out = opv_r_named_list(names, 5);
	for (k = 0; k < 3; k++)
		SET_VECTOR_ELT(out, k, opv_r_doubles(column[k], n));
	if (!Rf_isNull(tasks)) {
		SET_VECTOR_ELT(out, 3, opv_r_doubles(column[3], n));
		SET_VECTOR_ELT(out, 4, opv_r_indices(order, count));
	}
	UNPROTECT(1);
	return out;
}

/*
 * One level of a compliance table as a named list of numeric columns, in the
 * order of opv_compliance_column (those that need a task only when there is
 * one), and `shortfalls`: the R indices of the rows that have not met their
 * task, largest gap first (NULL without a task).
 */
static SEXP opv_r_compliance(const opv_compliance *c, const char *level, opv_error *err)
{
	const char *names[OPV_COMPLIANCE_COLUMN_COUNT + 1];
	int64_t *values[OPV_COMPLIANCE_COLUMN_COUNT], *order;
	size_t rows = opv_swig_compliance_rows(c, level, err), count = 0;
	int k, m = 0, with_task = opv_compliance_has_task(c);
	SEXP out;

	if (err->code != OPV_OK)
		return R_NilValue;
	for (k = 0; k < OPV_COMPLIANCE_COLUMN_COUNT; k++) {
		if (!with_task && opv_compliance_column_needs_task((opv_compliance_column)k))
			continue;
		names[m] = opv_compliance_column_name((opv_compliance_column)k);
		values[m] = opv_r_int64_buffer(rows);
		opv_swig_compliance_column(values[m], rows, c, level, names[m], err);
		if (err->code != OPV_OK)
			return R_NilValue;
		m++;
	}
	order = opv_r_int64_buffer(rows);
	if (with_task)
		count = opv_swig_compliance_shortfalls(order, rows, c, level, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	names[m] = "shortfalls";
	out = opv_r_named_list(names, m + 1);
	for (k = 0; k < m; k++)
		SET_VECTOR_ELT(out, k, opv_r_doubles(values[k], rows));
	if (with_task)
		SET_VECTOR_ELT(out, m, opv_r_indices(order, count));
	UNPROTECT(1);
	return out;
}

/* The days of a series (opv_swig_date_series) as R Date numbers. */
static SEXP opv_r_date_series(const char *from, const char *to, const char *every,
                              opv_error *err)
{
	size_t count = opv_swig_date_series(NULL, 0, from, to, every, err);
	int64_t *days;
	if (err->code != OPV_OK)
		return R_NilValue;
	days = opv_r_int64_buffer(count);
	opv_swig_date_series(days, count, from, to, every, err);
	return err->code == OPV_OK ? opv_r_doubles(days, count) : R_NilValue;
}

/* The national backlog, advance and net sum of closing balances. */
static SEXP opv_r_housing_backlog(SEXP balance, opv_error *err)
{
	size_t n;
	const int64_t *values = opv_r_whole_numbers(balance, "balance", &n);
	int64_t sums[3];
	if (err->code != OPV_OK)
		return R_NilValue;
	opv_housing_backlog(&sums[0], &sums[1], &sums[2], values, n, err);
	return err->code == OPV_OK ? opv_r_doubles(sums, 3) : R_NilValue;
}

/*
 * Weekly capacity (opv_swig_capacity) as a list: values (a weeks x columns
 * matrix), columns (type or province names) and first_day (days since
 * 1970-01-01 of the first week, as R's Date counts).
 */
static SEXP opv_r_capacity(const opv_register *reg, const opv_locations *locations,
                           const char *start, const char *end, const char *by, opv_error *err)
{
	static const char *const names[] = { "values", "columns", "first_day" };
	size_t weeks, ncolumns = 0, w, c;
	int64_t *values;
	SEXP out, matrix, labels;

	weeks = opv_swig_capacity_weeks(start, end, err);
	if (err->code == OPV_OK)
		ncolumns = opv_swig_capacity_columns(reg, by, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	values = opv_r_int64_buffer(weeks * ncolumns);
	opv_swig_capacity(values, weeks * ncolumns, reg, locations, start, end, by, err);
	if (err->code != OPV_OK)
		return R_NilValue;

	out = opv_r_named_list(names, 3);
	matrix = Rf_allocMatrix(REALSXP, (int)weeks, (int)ncolumns);
	SET_VECTOR_ELT(out, 0, matrix);
	for (w = 0; w < weeks; w++) {
		for (c = 0; c < ncolumns; c++)  /* R matrices are column-major */
			REAL(matrix)[c * weeks + w] = (double)values[w * ncolumns + c];
	}
	labels = Rf_allocVector(STRSXP, (R_xlen_t)ncolumns);
	SET_VECTOR_ELT(out, 1, labels);
	for (c = 0; c < ncolumns; c++) {
		const char *label = strcmp(by, "type") == 0
		                    ? opv_location_type_name((opv_location_type)c)
		                    : opv_register_province_at(reg, c)->name;
		SET_STRING_ELT(labels, (R_xlen_t)c, Rf_mkCharCE(label, CE_UTF8));
	}
	SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)opv_swig_date_days(start, err)));
	UNPROTECT(1);
	return out;
}

/* A count given as an R double: a whole number from 0 to 2^53, or the error
 * `code` naming it. */
static int opv_r_count(uint64_t *out, double value, const char *what, int code, opv_error *err)
{
	if (!(value >= 0 && value <= (double)OPV_APPORTION_MAX_TOTAL) || value != floor(value)) {
		err->code = code;
		snprintf(err->message, sizeof err->message,
		         "%s must be a whole number from 0 to 2^53, got %g", what, value);
		return -1;
	}
	*out = (uint64_t)value;
	return 0;
}

/* Column `column` of a table of `ncols` int64 values a row, as doubles. */
static SEXP opv_r_int64_column(const int64_t *table, size_t nrows, size_t ncols, size_t column)
{
	SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)nrows);
	size_t k;
	for (k = 0; k < nrows; k++)
		REAL(out)[k] = (double)table[k * ncols + column];
	return out;
}

static SEXP opv_r_double_column(const double *table, size_t nrows, size_t ncols, size_t column)
{
	SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)nrows);
	size_t k;
	for (k = 0; k < nrows; k++)
		REAL(out)[k] = table[k * ncols + column];
	return out;
}

/* The columns of one of opv_swig_project's tables as a named list. */
static SEXP opv_r_projection_columns(const int64_t *whole, const double *real, size_t nrows)
{
	const char *names[OPV_SWIG_PROJECTION_COLUMNS];
	int monte_carlo = real != NULL, ncols = 0, c;
	SEXP out;

	while (ncols < OPV_SWIG_PROJECTION_COLUMNS
	       && (names[ncols] = opv_swig_projection_column_name(monte_carlo, ncols)) != NULL)
		ncols++;
	out = opv_r_named_list(names, ncols);
	for (c = 0; c < ncols; c++)
		SET_VECTOR_ELT(out, c, monte_carlo
		               ? opv_r_double_column(real, nrows, (size_t)ncols, (size_t)c)
		               : opv_r_int64_column(whole, nrows, (size_t)ncols, (size_t)c));
	UNPROTECT(1);
	return out;
}

/*
 * The projection of a scenario as a list: projection (a named list of the
 * columns of opv_swig_project, the date as days since 1970-01-01), and with
 * runs > 1 monte_carlo (a named list of the percentile columns) and
 * peak_shortage (the median and 95th percentile of the runs' largest
 * shortages), NULL otherwise.  Ctrl-C stops the runs with R's interrupt.  The counts
 * are whole numbers below 2^53, as R's doubles hold them.
 */
static SEXP opv_r_project(const opv_scenario *scenario, double runs, double seed, double threads,
                          opv_error *err)
{
	static const char *const names[] = { "projection", "monte_carlo", "peak_shortage" };
	size_t nrows = opv_swig_projection_rows(scenario);
	uint64_t n_runs, seed_value, n_threads;
	int64_t *projection;
	double *percentiles = NULL, peaks[2];
	SEXP out;

	/* Runs and threads out of range are invalid arguments, as in
	 * opv_swig_check_monte_carlo; a seed a double cannot hold is a range error. */
	if (opv_r_count(&n_runs, runs, "runs", OPV_EINVAL, err)
	    || opv_r_count(&seed_value, seed, "seed", OPV_ERANGE, err)
	    || opv_r_count(&n_threads, threads, "threads", OPV_EINVAL, err))
		return R_NilValue;
	opv_swig_check_monte_carlo(n_runs, n_threads, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	projection = opv_r_int64_buffer(nrows * OPV_SWIG_PROJECTION_COLUMNS);
	opv_swig_project(projection, nrows * OPV_SWIG_PROJECTION_COLUMNS, scenario, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	if (n_runs > 1) {
		percentiles = (double *)R_alloc(nrows * OPV_SWIG_MONTE_CARLO_COLUMNS, sizeof *percentiles);
		opv_swig_project_monte_carlo(percentiles, nrows * OPV_SWIG_MONTE_CARLO_COLUMNS, peaks, 2,
		                             scenario, n_runs, seed_value, n_threads, err);
		if (err->code != OPV_OK)
			return R_NilValue;
	}

	out = opv_r_named_list(names, 3);
	SET_VECTOR_ELT(out, 0, opv_r_projection_columns(projection, NULL, nrows));
	if (percentiles) {
		SET_VECTOR_ELT(out, 1, opv_r_projection_columns(NULL, percentiles, nrows));
		SEXP both = Rf_allocVector(REALSXP, 2);
		REAL(both)[0] = peaks[0];
		REAL(both)[1] = peaks[1];
		SET_VECTOR_ELT(out, 2, both);
	}
	UNPROTECT(1);
	return out;
}
%}

%inline %{
/* A sensitivity as a list of columns, in the order of `opvang sensitivity`,
 * with its date (days since 1970-01-01) and base shortage. */
static SEXP opv_r_sensitivity_table(const opv_sensitivity *s, opv_error *err)
{
	static const char *const names[] = {
		"input", "value_low", "value", "value_high", "shortage_low", "shortage",
		"shortage_high", "date"
	};
	size_t n = opv_sensitivity_count(s), i;
	double *values = (double *)R_alloc(n * OPV_SWIG_SENSITIVITY_COLUMNS + 1, sizeof *values);
	SEXP out, input;
	int c;

	opv_swig_sensitivity_table(values, n * OPV_SWIG_SENSITIVITY_COLUMNS, s, err);
	if (err->code != OPV_OK)
		return R_NilValue;
	out = opv_r_named_list(names, 8);
	input = Rf_allocVector(STRSXP, (R_xlen_t)n);
	SET_VECTOR_ELT(out, 0, input);
	for (i = 0; i < n; i++)
		SET_STRING_ELT(input, (R_xlen_t)i, Rf_mkCharCE(opv_sensitivity_input(s, i), CE_UTF8));
	for (c = 0; c < OPV_SWIG_SENSITIVITY_COLUMNS; c++)
		SET_VECTOR_ELT(out, c + 1, opv_r_double_column(values, n, OPV_SWIG_SENSITIVITY_COLUMNS,
		                                               (size_t)c));
	SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)opv_sensitivity_date(s)));
	UNPROTECT(1);
	return out;
}
%}

SEXP opv_r_ses_load_csv(const opv_register *reg, const char *path, opv_error *err);
SEXP opv_r_province_columns(const opv_register *reg);
SEXP opv_r_sum_by_province(const opv_register *reg, SEXP values, opv_error *err);
SEXP opv_r_distribute(const opv_register *reg, SEXP ses, int64_t total, int64_t amv,
                      const char *ses_transform, const char *method, const char *amv_mode,
                      opv_error *err);
SEXP opv_r_compare(const opv_register *reg, SEXP places, SEXP amv, const char *source,
                   const char *text, opv_error *err);
SEXP opv_r_housing_task(const opv_register *reg, int64_t national, const char *period,
                        const char *previous_source, const char *previous_text,
                        const char *realised_source, const char *realised_text,
                        const char *swaps_source, const char *swaps_text, int carry_advance,
                        opv_error *err);
SEXP opv_r_ladder(const opv_register *reg, const char *source, const char *text,
                  const char *as_of, SEXP thresholds, const char *tolerance, double warning_term,
                  opv_error *err);
SEXP opv_r_housing_realisation(const opv_register *reg, SEXP corrected, const char *source,
                               const char *text, const char *period, const char *as_of,
                               const char *kinds, opv_error *err);
SEXP opv_r_keyed(const opv_register *reg, const char *source, const char *text,
                 const char *value_column, int nonnegative, opv_error *err);
SEXP opv_r_places(const opv_register *reg, const opv_locations *locations, SEXP tasks,
                  const char *date, int min_years, opv_error *err);
SEXP opv_r_compliance(const opv_compliance *c, const char *level, opv_error *err);
SEXP opv_r_housing_backlog(SEXP balance, opv_error *err);
SEXP opv_r_date_series(const char *from, const char *to, const char *every, opv_error *err);
SEXP opv_r_capacity(const opv_register *reg, const opv_locations *locations, const char *start,
                    const char *end, const char *by, opv_error *err);
SEXP opv_r_project(const opv_scenario *scenario, double runs, double seed, double threads,
                   opv_error *err);

/* SWIG registers every wrapper with R (R_init_opvang, CallEntries) and calls
 * them by those names, so R need not search the library for other symbols.
 * SWIG_init runs inside R_init_opvang, once R knows the library by name. */
%init %{
	{
		DllInfo *opv_r_dll = R_getDllInfo("opvang");
		if (opv_r_dll)
			R_useDynamicSymbols(opv_r_dll, FALSE);
	}
%}
