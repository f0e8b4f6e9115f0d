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
 * - The array conventions of the shared interface as R typemaps (below):
 *   the package's R code calls the shared entries (opv_swig_*) itself.
 */
%module opvang

%{
#include <math.h>
#include <stdint.h>
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

/* A flag: one TRUE or FALSE.  SWIG's own typemap reads past an empty vector
 * and takes NA for TRUE. */
%typemap(scoercein) bool %{ $input = as.logical($input); %}
%typemap(in, noblock=1) bool {
	if (TYPEOF($input) != LGLSXP || XLENGTH($input) != 1 || LOGICAL($input)[0] == NA_LOGICAL)
		Rf_error("argument '$1_name' must be TRUE or FALSE");
	$1 = LOGICAL($input)[0] != 0;
}
%typemap(rtype) bool "logical"

/* An enum crosses as its number, the constant its header defines, as in
 * Python; SWIG's R module would make it a string of the constant's name. */
%typemap(scoercein) enum SWIGTYPE %{ $input = as.numeric($input); %}
%typemap(in, noblock=1) enum SWIGTYPE {
	$1 = ($1_ltype)opv_r_whole($input, "$1_name", INT_MIN, INT_MAX, "-2147483648 to 2147483647");
}
%typemap(rtype) enum SWIGTYPE "numeric"
%typemap(out, noblock=1) enum SWIGTYPE { $result = Rf_ScalarReal((double)$1); }
%typemap(scoerceout) enum SWIGTYPE ""

/* ---- the array conventions of ../opvang.i ------------------------------------
 *
 * R has no int64 and its integers are 32-bit, so numbers cross as double
 * vectors: whole numbers are exact below 2^53.
 * - Inputs (OPV_IN) take a double vector (an integer or logical one is
 *   copied as doubles), NULL for length 0.  An int64 input must hold whole
 *   numbers of at most 2^53 in magnitude; anything else is an opvang_error
 *   naming the parameter and the element, counting from 1.
 * - Outputs (OPV_OUT, OPV_TEXT) take the length wanted (0: not wanted).  The
 *   wrapper returns a named list of its output columns in parameter order,
 *   named after the C parameters, preceded by `result` when the function
 *   returns a value: doubles (NaN as NA), int64 as doubles, texts as UTF-8
 *   strings (NA where the library gives none).
 * - OPV_NEW takes the length and returns a double vector: it is the only
 *   output of the entries that use it (opv_swig_apportion).
 */
%{
/* The length an R caller asks for: one whole number from 0 up. */
static size_t opv_r_length(SEXP value, const char *what)
{
	double n = NAN;
	if (Rf_xlength(value) == 1 && TYPEOF(value) == REALSXP)
		n = REAL(value)[0];
	else if (Rf_xlength(value) == 1 && TYPEOF(value) == INTSXP && INTEGER(value)[0] != NA_INTEGER)
		n = INTEGER(value)[0];
	if (!(n >= 0 && n <= (double)R_XLEN_T_MAX) || n != floor(n)) {
		char message[OPV_ERROR_MESSAGE_SIZE];
		snprintf(message, sizeof message, "the length of '%s' must be one whole number from 0",
		         what);
		opv_r_raise(OPV_EINVAL, message);
	}
	return (size_t)n;
}

/* A numeric vector, or NULL for none: its doubles and length.  Integers and
 * logicals are copied into memory R frees (NA as NA). */
static const double *opv_r_doubles_in(SEXP values, const char *what, size_t *n)
{
	static const double none = 0;
	double *copy;
	R_xlen_t i, len;

	*n = 0;
	if (Rf_isNull(values))
		return &none;
	if (TYPEOF(values) != REALSXP && TYPEOF(values) != INTSXP && TYPEOF(values) != LGLSXP)
		Rf_error("'%s' must be a double vector", what);
	len = XLENGTH(values);
	*n = (size_t)len;
	if (TYPEOF(values) == REALSXP)
		return REAL(values);
	copy = (double *)R_alloc((size_t)len + 1, sizeof *copy);
	for (i = 0; i < len; i++) {
		int v = TYPEOF(values) == INTSXP ? INTEGER(values)[i] : LOGICAL(values)[i];
		copy[i] = v == NA_INTEGER ? NA_REAL : (double)v;
	}
	return copy;
}

/* A numeric vector of whole numbers, or NULL for none, as int64 memory that
 * R frees.  What is not a whole number of at most 2^53 in magnitude would be
 * rounded without a word: an error naming the element (from 1). */
static const int64_t *opv_r_int64_in(SEXP values, const char *what, size_t *n)
{
	const double *in = opv_r_doubles_in(values, what, n);
	int64_t *out = (int64_t *)R_alloc(*n + 1, sizeof *out);
	size_t i;

	for (i = 0; i < *n; i++) {
		double v = in[i];
		if (!(fabs(v) <= (double)OPV_COUNT_MAX) || v != floor(v)) {
			char message[OPV_ERROR_MESSAGE_SIZE], shown[32];
			if (ISNAN(v))
				snprintf(shown, sizeof shown, "%s", R_IsNA(v) ? "NA" : "NaN");
			else
				snprintf(shown, sizeof shown, "%g", v);
			snprintf(message, sizeof message,
			         "'%s' element %lu is not a whole number from -2^53 to 2^53 (%s)", what,
			         (unsigned long)i + 1, shown);
			opv_r_raise(OPV_EINVAL, message);
		}
		out[i] = (int64_t)v;
	}
	return out;
}

/* A character vector as UTF-8 texts in memory R frees; NA is refused,
 * naming the element (from 1). */
static const char *const *opv_r_texts_in(SEXP values, const char *what, size_t *n)
{
	const char **out;
	R_xlen_t i, len;
	if (TYPEOF(values) != STRSXP)
		Rf_error("'%s' must be a character vector", what);
	len = XLENGTH(values);
	out = (const char **)R_alloc((size_t)len + 1, sizeof *out);
	for (i = 0; i < len; i++) {
		if (STRING_ELT(values, i) == NA_STRING) {
			char message[OPV_ERROR_MESSAGE_SIZE];
			snprintf(message, sizeof message, "'%s' element %lu is NA", what,
			         (unsigned long)i + 1);
			opv_r_raise(OPV_EINVAL, message);
		}
		out[i] = Rf_translateCharUTF8(STRING_ELT(values, i));
	}
	*n = (size_t)len;
	return out;
}

/* Output columns as R vectors. */
static SEXP opv_r_doubles_out(const double *values, size_t n)
{
	SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)n);
	size_t i;
	for (i = 0; i < n; i++)
		REAL(out)[i] = isnan(values[i]) ? NA_REAL : values[i];
	return out;
}

static SEXP opv_r_int64_out(const int64_t *values, size_t n)
{
	SEXP out = Rf_allocVector(REALSXP, (R_xlen_t)n);
	size_t i;
	for (i = 0; i < n; i++)
		REAL(out)[i] = (double)values[i];
	return out;
}

static SEXP opv_r_texts_out(const char **texts, size_t n)
{
	SEXP out = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
	size_t i;
	for (i = 0; i < n; i++)
		SET_STRING_ELT(out, (R_xlen_t)i, texts[i] ? Rf_mkCharCE(texts[i], CE_UTF8) : NA_STRING);
	UNPROTECT(1);
	return out;
}

/*
 * The wrapper's answer with one more output column: on the first, `ans` is
 * still SWIG's list of outputs, whose first element is the function's value
 * (NULL for a void function), kept as `result`.  The caller protects what
 * this returns.
 */
static SEXP opv_r_add_output(SEXP ans, SEXP outputs, const char *name, SEXP value)
{
	SEXP list, names, old_names;
	R_xlen_t n, i;

	PROTECT(value);
	if (ans == outputs) {
		/* SWIG's list holds the function's value, if it has one. */
		n = XLENGTH(outputs) > 0 && VECTOR_ELT(outputs, 0) != R_NilValue ? 1 : 0;
		list = PROTECT(Rf_allocVector(VECSXP, n + 1));
		names = PROTECT(Rf_allocVector(STRSXP, n + 1));
		if (n) {
			SET_VECTOR_ELT(list, 0, VECTOR_ELT(outputs, 0));
			SET_STRING_ELT(names, 0, Rf_mkChar("result"));
		}
	} else {
		n = XLENGTH(ans);
		old_names = Rf_getAttrib(ans, R_NamesSymbol);
		list = PROTECT(Rf_allocVector(VECSXP, n + 1));
		names = PROTECT(Rf_allocVector(STRSXP, n + 1));
		for (i = 0; i < n; i++) {
			SET_VECTOR_ELT(list, i, VECTOR_ELT(ans, i));
			SET_STRING_ELT(names, i, STRING_ELT(old_names, i));
		}
	}
	SET_VECTOR_ELT(list, n, value);
	SET_STRING_ELT(names, n, Rf_mkChar(name));
	Rf_setAttrib(list, R_NamesSymbol, names);
	UNPROTECT(3);
	return list;
}
%}

%typemap(in) (const char *const *OPV_IN, size_t OPV_N) {
	$1 = ($1_ltype)opv_r_texts_in($input, "$1_name", &$2);
}
%typemap(in) (const double *OPV_IN, size_t OPV_N) {
	$1 = ($1_ltype)opv_r_doubles_in($input, "$1_name", &$2);
}
%typemap(in) (const int64_t *OPV_IN, size_t OPV_N) {
	$1 = ($1_ltype)opv_r_int64_in($input, "$1_name", &$2);
}
%typemap(in) (double *OPV_OUT, size_t OPV_N), (int64_t *OPV_OUT, size_t OPV_N),
             (int64_t *OPV_NEW, size_t OPV_N), (const char **OPV_TEXT, size_t OPV_N) {
	$2 = opv_r_length($input, "$1_name");
	$1 = ($1_ltype)R_alloc($2 + 1, sizeof *$1);
	memset($1, 0, ($2 + 1) * sizeof *$1);
}
%typemap(argout) (double *OPV_OUT, size_t OPV_N) {
	r_ans = opv_r_add_output(r_ans, R_OutputValues, "$1_name", opv_r_doubles_out($1, $2));
	Rf_protect(r_ans);
	r_nprotect++;
}
%typemap(argout) (int64_t *OPV_OUT, size_t OPV_N) {
	r_ans = opv_r_add_output(r_ans, R_OutputValues, "$1_name", opv_r_int64_out($1, $2));
	Rf_protect(r_ans);
	r_nprotect++;
}
%typemap(argout) (const char **OPV_TEXT, size_t OPV_N) {
	r_ans = opv_r_add_output(r_ans, R_OutputValues, "$1_name", opv_r_texts_out((const char **)$1, $2));
	Rf_protect(r_ans);
	r_nprotect++;
}
%typemap(argout) (int64_t *OPV_NEW, size_t OPV_N) {
	r_ans = Rf_protect(opv_r_int64_out($1, $2));
	r_nprotect++;
}
%typemap(scoercein) (const char *const *OPV_IN, size_t OPV_N) ""
%typemap(rtype) (const char *const *OPV_IN, size_t OPV_N) "character"
%typemap(scoercein) (const double *OPV_IN, size_t OPV_N), (const int64_t *OPV_IN, size_t OPV_N),
                    (double *OPV_OUT, size_t OPV_N), (int64_t *OPV_OUT, size_t OPV_N),
                    (int64_t *OPV_NEW, size_t OPV_N), (const char **OPV_TEXT, size_t OPV_N) ""
%typemap(rtype) (const double *OPV_IN, size_t OPV_N), (const int64_t *OPV_IN, size_t OPV_N),
                (double *OPV_OUT, size_t OPV_N), (int64_t *OPV_OUT, size_t OPV_N),
                (int64_t *OPV_NEW, size_t OPV_N), (const char **OPV_TEXT, size_t OPV_N) "numeric"

/* A text member of a struct (a summary's warning): marked UTF-8, as
 * messages are. */
%typemap(out, noblock=1) char [ANY] { $result = Rf_ScalarString(opv_r_message($1)); }
%typemap(scoerceout) char [ANY] ""
%typemap(rtype) char [ANY] "character"

/* Every argout typemap becomes an extra element of a returned list in SWIG's
 * R module, which would break constructors; freearg runs at the same point
 * after the call without changing what the wrapper returns. */
#define OPV_SWIG_ERROR_CHECK freearg

/* A status: the error check has raised any error, so no value. */
%typemap(out) int OPV_STATUS "(void)$1; $result = R_NilValue;"

%include "../opvang.i"

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
