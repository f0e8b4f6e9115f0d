/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The Python side of the SWIG interface: the low-level module opvang._opvang.
 * It is built with -builtin, so the extension itself is the whole low-level
 * module; the package opvang (bindings/python/opvang/) puts a Pythonic face
 * on it.
 */
%module(package="opvang", threads="1") _opvang

/*
 * The interpreter lock.  A wrapper keeps it by default: most calls are
 * short, and a short call that let go of the lock would wait for it again
 * behind any busy Python thread, up to a switch interval (5 ms) a call.  The
 * calls that can take long -- apportionments, sweeps, the distribution key,
 * reading files, counting places, projections, sensitivities, reports --
 * let go of it (%thread): other Python threads run meanwhile.  They touch
 * no Python object between SWIG's conversions of their arguments and of
 * their results, where the lock is held again.  The Monte Carlo runs let go
 * of it themselves (opv_swig_monte_carlo_run, which takes it back to hear
 * Ctrl-C), so their wrappers must not.
 */
%nothread;
%thread opv_swig_apportion;
%thread opv_swig_distribute;
%thread opv_swig_distribute_many;
%thread opv_swig_ses_load_csv;
%thread opv_swig_register_merged_in;
%thread opv_register::opv_register;
%thread opv_swig_register_parse;
%thread opv_comparison::opv_comparison;
%thread opv_swig_housing_task;
%thread opv_swig_housing_realisation;
%thread opv_swig_ladder;
%thread opv_swig_keyed_int64;
%thread opv_locations::opv_locations;
%thread opv_swig_capacity;
%thread opv_tasks::opv_tasks;
%thread opv_compliance::opv_compliance;
%thread opv_scenario::opv_scenario;
%thread opv_swig_project;
%thread opv_sensitivity::opv_sensitivity;
%thread opv_sensitivity_write_svg;
%thread opv_swig_report;

%{
#define SWIG_FILE_WITH_INIT
#include <limits.h>
#include <math.h>
#include <string.h>
#include "opvang.h"
#define OPV_EXPERIMENTAL_API  /* threads=: opv_tuning */
#include "opvang/experimental.h"

/*
 * Raises opvang.errors.from_library(message, code): opvang.Error, or for a
 * file that cannot be opened, read or written the OSError of its errno
 * (FileNotFoundError, ...).  The choice lives in the pure-Python package so
 * that the exceptions are ordinary, documented classes; should that import
 * fail, a plain ValueError still carries the message.  The message is
 * decoded leniently because truncation to OPV_ERROR_MESSAGE_SIZE may have
 * cut a multi-byte UTF-8 sequence in two.
 */
static void opv_python_raise_error(int code, const char *message)
{
	PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
	PyObject *module = text ? PyImport_ImportModule("opvang.errors") : NULL;
	PyObject *make = module ? PyObject_GetAttrString(module, "from_library") : NULL;
	PyObject *error = make ? PyObject_CallFunction(make, "Oi", text, code) : NULL;

	if (error && PyExceptionInstance_Check(error)) {
		PyErr_SetObject((PyObject *)Py_TYPE(error), error);
	} else if (text) {
		PyErr_Clear();
		PyErr_SetObject(PyExc_ValueError, text);
	}
	Py_XDECREF(error);
	Py_XDECREF(make);
	Py_XDECREF(module);
	Py_XDECREF(text);
}

static void opv_python_raise(int code, const char *message)
{
	/* Cancelled by a signal handler: its exception (KeyboardInterrupt) is the error. */
	if (code != OPV_ECANCELLED || !PyErr_Occurred())
		opv_python_raise_error(code, message);
}

/*
 * The runs of opv_monte_carlo_run() without the interpreter lock, so that
 * other Python threads go on; about ten times a second the progress callback
 * takes the lock back to run Python's signal handlers, and Ctrl-C (or any
 * handler that raises) stops the runs: the call then fails with
 * OPV_ECANCELLED and the handler's exception, KeyboardInterrupt, stays set.
 */
struct opv_python_progress {
	PyThreadState *state;
	int interrupted;
};

static int opv_python_on_progress(uint64_t done, uint64_t total, void *data)
{
	struct opv_python_progress *p = (struct opv_python_progress *)data;
	(void)done;
	(void)total;
	PyEval_RestoreThread(p->state);
	if (!p->interrupted && PyErr_CheckSignals() != 0)
		p->interrupted = 1;
	p->state = PyEval_SaveThread();
	return p->interrupted;
}

static int opv_swig_monte_carlo_run(opv_monte_carlo **out, const opv_scenario *scenario,
                                    opv_monte_carlo_options *options, const opv_tuning *tuning,
                                    opv_error *err)
{
	struct opv_python_progress p = { NULL, 0 };
	int rc;
	options->progress = opv_python_on_progress;
	options->progress_data = &p;
	p.state = PyEval_SaveThread();
	rc = opv_monte_carlo_run_tuned(out, scenario, options, tuning, err);
	PyEval_RestoreThread(p.state);
	return rc;
}

/* The result built so far (an output array, a new object) is dropped, not leaked. */
#define OPV_SWIG_RAISE(code, message)                \
	do {                                         \
		opv_python_raise((code), (message)); \
		Py_XDECREF(resultobj);               \
		resultobj = NULL;                    \
		SWIG_fail;                           \
	} while (0)
%}

%include "numpy.i"

%init %{
import_array();
%}

/* Arrays are (pointer, length) pairs with a size_t length, as in the C API. */
%numpy_typemaps(double, NPY_DOUBLE, size_t)
%numpy_typemaps(int64_t, NPY_INT64, size_t)

/* The caller passes the number of units; the seats come back as a new int64 array. */
%apply (int64_t *ARGOUT_ARRAY1, size_t DIM1) { (int64_t *OPV_NEW, size_t OPV_N) };
/*
 * numpy.i leaks the output array when a later argument fails to convert; once
 * the array is in the result it belongs there, and until then to cleanup.
 */
%typemap(argout) (int64_t *OPV_NEW, size_t OPV_N) {
	$result = SWIG_Python_AppendOutput($result, array$argnum);
	array$argnum = NULL;
}
%typemap(freearg) (int64_t *OPV_NEW, size_t OPV_N) {
	Py_XDECREF(array$argnum);
}
/*
 * The array conventions of the shared interface (see ../opvang.i): an input
 * is any NumPy array the library reads; an output column is allocated by the
 * package (numpy.empty) and filled in place by the library, one call per
 * table rather than one per cell.
 */
%apply (double *IN_ARRAY1, size_t DIM1) { (const double *OPV_IN, size_t OPV_N) };
%apply (int64_t *IN_ARRAY1, size_t DIM1) { (const int64_t *OPV_IN, size_t OPV_N) };
%apply (double *INPLACE_ARRAY1, size_t DIM1) { (double *OPV_OUT, size_t OPV_N) };
%apply (int64_t *INPLACE_ARRAY1, size_t DIM1) { (int64_t *OPV_OUT, size_t OPV_N) };

/*
 * Whole numbers (see ../opvang.i): a Python int, anything with __index__ as
 * NumPy's integers, or a float that is one exactly, within the range its C
 * type holds; an int64_t, as in R, within 2^53 of 0.  A bool is refused, as
 * everywhere in the package.
 */
%{
static int opv_python_whole(unsigned long long *magnitude, int *negative, PyObject *value,
                            const char *name, long long low, unsigned long long high,
                            const char *range)
{
	char message[OPV_ERROR_MESSAGE_SIZE];
	PyObject *number = NULL, *text;
	double d = 0;
	int overflow = 0;
	long long v;

	if (PyFloat_Check(value)) {
		d = PyFloat_AsDouble(value);
		/* Beyond 2^63 no C integer type here holds it anyway. */
		if (d == floor(d) && fabs(d) < 9223372036854775808.0) {
			v = (long long)d;
			*negative = v < 0;
			*magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			goto in_range;
		}
		snprintf(message, sizeof message, "%s must be a whole number from %s, got %g", name,
		         range, d);
		goto fail;
	}
	if (PyBool_Check(value) || PyArray_IsScalar(value, Bool) || !PyIndex_Check(value)) {
		PyErr_Format(PyExc_TypeError, "%s must be a number, not %s", name,
		             Py_TYPE(value)->tp_name);
		return -1;
	}
	if (!(number = PyNumber_Index(value)))
		return -1;
	v = PyLong_AsLongLongAndOverflow(number, &overflow);
	if (!overflow && !(v == -1 && PyErr_Occurred())) {
		*negative = v < 0;
		*magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	} else if (overflow > 0 && (*magnitude = PyLong_AsUnsignedLongLong(number),
	                            !PyErr_Occurred())) {
		*negative = 0;
	} else {
		PyErr_Clear();
		goto out_of_range;
	}
	Py_CLEAR(number);
in_range:
	if (*negative ? low < 0 && *magnitude <= 0ULL - (unsigned long long)low : *magnitude <= high)
		return 0;
out_of_range:
	if (!number && !(number = PyFloat_Check(value) ? PyLong_FromDouble(d) : PyNumber_Index(value)))
		return -1;
	text = PyObject_Str(number);
	Py_DECREF(number);
	if (!text || !PyUnicode_AsUTF8(text)) {
		Py_XDECREF(text);
		return -1;
	}
	snprintf(message, sizeof message, "%s must be a whole number from %s, got %s", name, range,
	         PyUnicode_AsUTF8(text));
	Py_DECREF(text);
fail:
	opv_python_raise_error(OPV_ERANGE, message);
	return -1;
}
%}

%define OPV_PYTHON_WHOLE(TYPE, LOW, HIGH, RANGE)
%typemap(in, noblock=1) TYPE (unsigned long long magnitude, int negative) {
	if (opv_python_whole(&magnitude, &negative, $input, "$1_name", LOW, HIGH, RANGE) != 0)
		SWIG_fail;
	$1 = negative ? (TYPE)(0 - (long long)(magnitude - 1) - 1) : (TYPE)magnitude;
}
%enddef
OPV_PYTHON_WHOLE(int64_t, -OPV_COUNT_MAX, OPV_COUNT_MAX, "-2^53 to 2^53")
OPV_PYTHON_WHOLE(uint64_t, 0, UINT64_MAX, "0 to 2^64 - 1")
OPV_PYTHON_WHOLE(unsigned int, 0, UINT_MAX, "0 to 4294967295")
OPV_PYTHON_WHOLE(int, INT_MIN, INT_MAX, "-2147483648 to 2147483647")

/* A flag: anything Python calls true or false. */
%typemap(in, noblock=1) bool (int truth) {
	if ((truth = PyObject_IsTrue($input)) < 0)
		SWIG_fail;
	$1 = truth != 0;
}

/*
 * Text crosses as a NUL-terminated C string, so a Python str holding a NUL
 * would reach the library cut short there ("GM0363\0x" as "GM0363") and be
 * read as something else.  The package refuses such text first, naming its
 * argument; this is the backstop for every const char * parameter.  The
 * locals keep SWIG's names, so its freearg typemap still frees the copy.
 */
%typemap(in, noblock=1, fragment="SWIG_AsCharPtrAndSize") const char *
	(int res, char *buf = 0, size_t size = 0, int alloc = 0) {
	res = SWIG_AsCharPtrAndSize($input, &buf, &size, &alloc);
	if (!SWIG_IsOK(res)) {
		%argument_fail(res, "$type", $symname, $argnum);
	}
	if (buf && size > 1 && memchr(buf, '\0', size - 1)) {
		opv_python_raise_error(OPV_EINVAL, "$1_name must not contain a NUL character "
		                       "(C would read the text only up to it)");
		SWIG_fail;
	}
	$1 = %reinterpret_cast(buf, $1_ltype);
}

/*
 * Texts in (OPV_IN): a list or tuple of str, copied as UTF-8 so that the
 * calls that let go of the interpreter lock read memory no other thread can
 * change; a str holding a NUL is refused, as for any text.
 */
%typemap(in) (const char *const *OPV_IN, size_t OPV_N) {
	Py_ssize_t i, count;
	char **texts;
	if (!PyList_Check($input) && !PyTuple_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "$1_name must be a list or tuple of str");
		SWIG_fail;
	}
	count = PySequence_Fast_GET_SIZE($input);
	if (!(texts = (char **)calloc((size_t)count + 1, sizeof *texts))) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	$1 = ($1_ltype)texts;
	$2 = (size_t)count;
	for (i = 0; i < count; i++) {
		PyObject *item = PySequence_Fast_GET_ITEM($input, i);
		Py_ssize_t size = 0;
		const char *text = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &size) : NULL;
		if (!text) {
			if (!PyErr_Occurred())
				PyErr_Format(PyExc_TypeError, "$1_name[%zd] must be str", i);
			SWIG_fail;
		}
		if (memchr(text, '\0', (size_t)size)) {
			opv_python_raise_error(OPV_EINVAL, "$1_name must not contain a NUL character "
			                       "(C would read the text only up to it)");
			SWIG_fail;
		}
		if (!(texts[i] = (char *)malloc((size_t)size + 1))) {
			PyErr_NoMemory();
			SWIG_fail;
		}
		memcpy(texts[i], text, (size_t)size + 1);
	}
}
%typemap(freearg) (const char *const *OPV_IN, size_t OPV_N) {
	if ($1) {
		size_t k;
		for (k = 0; k < $2; k++)
			free((void *)$1[k]);
		free((void *)$1);
	}
}

/*
 * Columns of text (OPV_TEXT): the caller gives the length it wants (0: not
 * wanted) and gets a tuple of str, None where a row has none.  A tuple, not
 * a list: SWIG collects several outputs into a list and would take a first
 * list for that collection.  The wrapper builds Python objects after the
 * call, so these entries keep the interpreter lock.
 */
%typemap(in) (const char **OPV_TEXT, size_t OPV_N) {
	Py_ssize_t length = PyLong_Check($input) ? PyLong_AsSsize_t($input) : -1;
	if (length < 0) {
		if (!PyErr_Occurred())
			PyErr_SetString(PyExc_ValueError, "the length of '$1_name' must be a whole number from 0");
		SWIG_fail;
	}
	$2 = (size_t)length;
	if (!($1 = ($1_ltype)calloc($2 + 1, sizeof *$1))) {
		PyErr_NoMemory();
		SWIG_fail;
	}
}
%typemap(argout) (const char **OPV_TEXT, size_t OPV_N) {
	PyObject *texts = PyTuple_New((Py_ssize_t)$2);
	size_t i;
	for (i = 0; texts && i < $2; i++) {
		PyObject *item = $1[i] ? PyUnicode_DecodeUTF8($1[i], (Py_ssize_t)strlen($1[i]), "strict")
		                       : (Py_INCREF(Py_None), Py_None);
		if (!item)
			Py_CLEAR(texts);
		else
			PyTuple_SET_ITEM(texts, (Py_ssize_t)i, item);
	}
	if (!texts) {
		Py_XDECREF($result);
		$result = NULL;
		SWIG_fail;
	}
	$result = SWIG_Python_AppendOutput($result, texts);
}
%typemap(freearg) (const char **OPV_TEXT, size_t OPV_N) {
	free((void *)$1);
}

/* A status: the error check has raised any error, so no value. */
%typemap(out) int OPV_STATUS "(void)$1; $result = SWIG_Py_Void();"

%include "../opvang.i"
