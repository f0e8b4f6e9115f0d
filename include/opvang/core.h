/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/core.h
 * @brief Status codes, the error record, version information and the export
 *        macro shared by every opvang module.
 *
 * Conventions that hold for the whole library:
 *
 * - A function that can fail returns `int`: `OPV_OK` (0) on success or one of
 *   the negative `OPV_E*` codes below.  Outputs come first, inputs next, and
 *   the last parameter is an `opv_error *err` that may be NULL.  When a
 *   function fails it fills `*err` (if given) with the code and a message that
 *   names the offending file, line, column, field or municipality code, and it
 *   leaves every output untouched.
 * - The library keeps no global or thread-local state, never prints, never
 *   aborts and never exits.  Objects that are only read (a register) may be
 *   shared between threads.
 * - Objects are opaque handles created by a `_new`/`_load` function and
 *   released by the matching `_free`; `_free(NULL)` does nothing.  Numeric
 *   results are written into caller-owned arrays.
 * - Option structs start with a `version` field and have an
 *   `OPV_..._OPTIONS_INIT` initialiser; new fields are only ever appended.
 */
#ifndef OPVANG_CORE_H
#define OPVANG_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "opvang/version.h"

#if defined(_WIN32) && defined(OPV_BUILDING_DLL)
#  define OPV_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(OPV_STATIC)
#  define OPV_API __declspec(dllimport)
#elif defined(__GNUC__)
#  define OPV_API __attribute__((visibility("default")))
#else
#  define OPV_API
#endif

/** Declares a public function: `OPV_EXTERN(int) opv_x(void);`. */
#define OPV_EXTERN(type) extern OPV_API type

#ifdef __cplusplus
extern "C" {
#endif

/** Result codes.  Success is zero; every error is negative and stable. */
typedef enum opv_status {
	OPV_OK = 0,          /**< success */
	OPV_EINVAL = -1,     /**< an argument or input value is invalid */
	OPV_ENOMEM = -2,     /**< memory could not be allocated */
	OPV_EIO = -3,        /**< a file could not be opened or read */
	OPV_EPARSE = -4,     /**< input text is malformed (CSV, JSON, number, date) */
	OPV_ERANGE = -5,     /**< a value is out of range, or a result would overflow */
	OPV_ENOTFOUND = -6,  /**< a code or name does not exist */
	OPV_EDUPLICATE = -7, /**< a code, name or column occurs twice */
	OPV_ETIE = -8,       /**< a tie could not be broken and the caller asked to be told */
	OPV_ECANCELLED = -9  /**< the caller's progress callback asked to stop */
} opv_status;

/**
 * Largest number of places or people the library takes as a whole number (a
 * total, a national number): 2^53, the range in which a double, and so every
 * binding, holds every whole number exactly.  Populations and the counts in
 * tables stay below it.
 */
#define OPV_COUNT_MAX ((int64_t)1 << 53)

/** Size of opv_error::message, including the terminating NUL. */
#define OPV_ERROR_MESSAGE_SIZE 512

/**
 * What went wrong, filled in by a failing function.  Caller-owned: declare one
 * on the stack (`opv_error err = OPV_ERROR_INIT;`) and pass its address.
 * `line` and `column` are 1-based positions in the input file when the error
 * comes from a file, and 0 otherwise; the message always repeats them.
 */
typedef struct opv_error {
	int code;                              /**< an opv_status value */
	long line;                             /**< 1-based line in the input, or 0 */
	long column;                           /**< 1-based column (field) in the input, or 0 */
	char message[OPV_ERROR_MESSAGE_SIZE];  /**< NUL-terminated, never empty on error */
} opv_error;

#define OPV_ERROR_INIT { OPV_OK, 0, 0, { 0 } }

/**
 * A short, static English description of a status code ("invalid argument"),
 * or "unknown status" for a value that is not an opv_status.  Never NULL.
 */
OPV_EXTERN(const char *) opv_strerror(int code);

/** Resets an error record to OPV_OK with an empty message.  NULL is ignored. */
OPV_EXTERN(void) opv_error_clear(opv_error *err);

/** The library's version as "MAJOR.MINOR.PATCH" (static storage). */
OPV_EXTERN(const char *) opv_version(void);

/** The library's version as OPV_VERSION_NUMBER computes it (MAJOR*10000 + MINOR*100 + PATCH). */
OPV_EXTERN(int) opv_version_number(void);

#ifdef __cplusplus
}
#endif

#endif
