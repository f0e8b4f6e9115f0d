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
 *   integers, so the two calls that move vectors take and return SEXPs.
 */
%module opvang

%{
#include <string.h>
#include <R.h>
#include <Rinternals.h>

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

#define OPV_SWIG_RAISE(code, message) opv_r_raise((code), (message))
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

/* Takes int64 pointers that R cannot build; opv_r_apportion below wraps it. */
%ignore opv_swig_apportion;

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
 * exactly; anything else would be silently rounded.
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
			         "%s bound of unit %ld is not a whole number from -2^53 to 2^53 (%g)",
			         what, (long)i, b);
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
static SEXP opv_r_apportion(SEXP weights, double total, const char *method,
                            SEXP lower, SEXP upper, opv_error *err)
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
	                   lo, n_lower, hi, n_upper, err);
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
SEXP opv_r_apportion(SEXP weights, double total, const char *method, SEXP lower, SEXP upper,
                     opv_error *err);
