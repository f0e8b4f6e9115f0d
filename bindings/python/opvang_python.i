/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The Python side of the SWIG interface: the low-level module opvang._opvang.
 * It is built with -builtin, so the extension itself is the whole low-level
 * module; the package opvang (bindings/python/opvang/) puts a Pythonic face
 * on it.
 */
%module(package="opvang") _opvang

%{
#define SWIG_FILE_WITH_INIT
#include <string.h>

/*
 * Raises opvang.Error(message, code).  The class lives in the pure-Python
 * package so that it is an ordinary, documented ValueError subclass; should
 * that import fail, a plain ValueError still carries the message.  The
 * message is decoded leniently because truncation to OPV_ERROR_MESSAGE_SIZE
 * may have cut a multi-byte UTF-8 sequence in two.
 */
static void opv_python_raise(int code, const char *message)
{
	PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
	PyObject *module = text ? PyImport_ImportModule("opvang.errors") : NULL;
	PyObject *type = module ? PyObject_GetAttrString(module, "Error") : NULL;
	PyObject *error = type ? PyObject_CallFunction(type, "Oi", text, code) : NULL;

	if (error) {
		PyErr_SetObject(type, error);
	} else if (text) {
		PyErr_Clear();
		PyErr_SetObject(PyExc_ValueError, text);
	}
	Py_XDECREF(error);
	Py_XDECREF(type);
	Py_XDECREF(module);
	Py_XDECREF(text);
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
%apply (int64_t *ARGOUT_ARRAY1, size_t DIM1) { (int64_t *seats, size_t n_seats) };
/*
 * numpy.i leaks the output array when a later argument fails to convert; once
 * the array is in the result it belongs there, and until then to cleanup.
 */
%typemap(argout) (int64_t *seats, size_t n_seats) {
	$result = SWIG_Python_AppendOutput($result, array$argnum);
	array$argnum = NULL;
}
%typemap(freearg) (int64_t *seats, size_t n_seats) {
	Py_XDECREF(array$argnum);
}
%apply (double *IN_ARRAY1, size_t DIM1) { (const double *weights, size_t n) };
%apply (int64_t *IN_ARRAY1, size_t DIM1) {
	(const int64_t *lower, size_t n_lower),
	(const int64_t *upper, size_t n_upper)
};

%include "../opvang.i"
