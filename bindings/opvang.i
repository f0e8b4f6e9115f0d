/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the Python and R bindings share.  Each language has its own interface
 * file (bindings/python/opvang_python.i, bindings/r/opvang_r.i) that defines
 * OPV_SWIG_RAISE(code, message) and its array typemaps, then includes this one.
 *
 * Rules:
 * - Every `opv_error *err` parameter is hidden: the wrapper passes its own
 *   record and raises the language's error with the library's message when
 *   the call fails.  So no wrapped function returns an error silently.
 * - Objects are wrapped as classes whose destructor calls the library's
 *   _free, so the garbage collector of either language releases them.
 * - Functions with several arrays get a binding entry (opv_swig_*) with plain
 *   (pointer, length) pairs that each language maps onto its own vectors.
 */

%{
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "opvang.h"
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

/* ---- version ---------------------------------------------------------- */
const char *opv_version(void);
const char *opv_strerror(int code);

/* ---- register --------------------------------------------------------- */
%nodefaultctor opv_register;
%nodefaultdtor opv_register;
typedef struct opv_register {} opv_register;

%inline %{
static size_t opv_swig_register_count(const opv_register *reg)
{
	return opv_register_count(reg);
}

/* One text field of municipality i: 0 code, 1 name, 2 province code, 3 province. */
static const char *opv_swig_register_text(const opv_register *reg, size_t i, int field, opv_error *err)
{
	const opv_municipality *m = opv_register_at(reg, i);
	if (!m || field < 0 || field > 3) {
		err->code = OPV_ERANGE;
		strcpy(err->message, "municipality index or field out of range");
		return NULL;
	}
	return field == 0 ? m->code : field == 1 ? m->name : field == 2 ? m->province_code : m->province;
}

/* Population of municipality i as a double (exact: populations are below 2^53). */
static double opv_swig_register_population(const opv_register *reg, size_t i, opv_error *err)
{
	const opv_municipality *m = opv_register_at(reg, i);
	if (!m) {
		err->code = OPV_ERANGE;
		strcpy(err->message, "municipality index out of range");
		return 0;
	}
	return (double)m->population;
}

/* SES score of municipality i, NaN when it has none. */
static double opv_swig_register_ses(const opv_register *reg, size_t i, opv_error *err)
{
	const opv_municipality *m = opv_register_at(reg, i);
	if (!m) {
		err->code = OPV_ERANGE;
		strcpy(err->message, "municipality index out of range");
		return 0;
	}
	return m->has_ses ? m->ses : (double)NAN;
}

static int opv_swig_register_has_ses(const opv_register *reg)
{
	return opv_register_has_ses(reg);
}

static const char *opv_swig_register_reference_date(const opv_register *reg)
{
	return opv_register_reference_date(reg);
}

static const char *opv_swig_register_source(const opv_register *reg)
{
	return opv_register_source(reg);
}

/* Seats for weights[0..n) under a method given by name; bounds optional
 * (length 0 means none, otherwise they must have n elements). */
static void opv_swig_apportion(int64_t *seats, size_t n_seats,
                               const double *weights, size_t n, double total,
                               const char *method,
                               const int64_t *lower, size_t n_lower,
                               const int64_t *upper, size_t n_upper,
                               opv_error *err)
{
	opv_apportion_options options = OPV_APPORTION_OPTIONS_INIT;
	int64_t total_int;
	if (n_seats != n || (n_lower && n_lower != n) || (n_upper && n_upper != n)) {
		err->code = OPV_EINVAL;
		snprintf(err->message, sizeof err->message,
		         "bounds must have one value per weight (%zu weights)", n);
		return;
	}
	if (!(total >= 0 && total <= (double)OPV_APPORTION_MAX_TOTAL) || total != (double)(int64_t)total) {
		err->code = OPV_ERANGE;
		snprintf(err->message, sizeof err->message,
		         "total must be a whole number from 0 to 2^53, got %g", total);
		return;
	}
	total_int = (int64_t)total;
	if (method && opv_method_from_name(&options.method, method, err) != OPV_OK)
		return;
	options.lower = n_lower ? lower : NULL;
	options.upper = n_upper ? upper : NULL;
	opv_apportion(seats, weights, n, total_int, &options, err);
}
%}

/* A constructor, so that both languages attach the destructor as finalizer:
 * the register from a CSV file, or the embedded default for NULL or "". */
%extend opv_register {
	opv_register(const char *path, opv_error *err) {
		opv_register *reg = NULL;
		if (path && *path)
			opv_register_load_csv(&reg, path, err);
		else
			opv_register_default(&reg, err);
		return reg;
	}
	~opv_register() { opv_register_free($self); }
}
