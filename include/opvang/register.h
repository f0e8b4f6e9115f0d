/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/register.h
 * @brief The municipality register: code, name, province and population of
 *        every municipality, with an optional socio-economic status score.
 *
 * A register is immutable once made, so one register may be read by many
 * threads at once.  The embedded default is the CBS population of all 342
 * municipalities on 1 January 2024 (StatLine table 85984NED); it needs no
 * file at run time.  Other registers load from CSV.
 *
 * CSV format
 * ----------
 * UTF-8, comma-separated, one header row, RFC 4180 quoting ("Nuenen, Gerwen en
 * Nederwetten"), LF or CRLF line ends, an optional UTF-8 byte order mark.
 * Required columns, in any order, by English or CBS Dutch name:
 *
 *   code           gemeentecode    GM followed by four digits, unique
 *   name           gemeentenaam    non-empty
 *   province_code  provinciecode   PV followed by two digits
 *   province       provincienaam   the same name on every row of a province
 *   population     inwoners        whole number, 0 <= population < 2^53
 *
 * An optional column `ses` holds the CBS SES-WOA score (a finite decimal; an
 * empty cell means "no score").  Other columns are ignored.  Municipalities
 * keep the file's order.
 */
#ifndef OPVANG_REGISTER_H
#define OPVANG_REGISTER_H

#include "opvang/core.h"
#include "opvang/io.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct opv_register opv_register;

/** One municipality.  Strings are UTF-8 and owned by the register. */
typedef struct opv_municipality {
	const char *code;          /**< "GM0363" */
	const char *name;          /**< "Amsterdam" */
	const char *province_code; /**< "PV27" */
	const char *province;      /**< "Noord-Holland" */
	int64_t population;        /**< inhabitants on the register's reference date */
	double ses;                /**< SES-WOA score; meaningful only when has_ses */
	int has_ses;               /**< 1 when the register gives a score for this row */
} opv_municipality;

/** One province: the sum over its municipalities. */
typedef struct opv_province {
	const char *code;          /**< "PV27" */
	const char *name;          /**< "Noord-Holland" */
	size_t municipalities;     /**< number of municipalities */
	int64_t population;        /**< their total population */
} opv_province;

/** Largest number of municipalities a register may hold. */
#define OPV_REGISTER_MAX_ROWS 100000

/**
 * Makes the embedded default register (CBS, 1 January 2024, 342 municipalities,
 * 17,942,942 inhabitants).  Cheap: the names point into static storage.
 *
 * @param out  out: the new register, to be released with opv_register_free().
 * @return OPV_OK, OPV_EINVAL (out is NULL) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_default(opv_register **out, opv_error *err);

/**
 * Loads a register from a CSV file (format above).  The reference date is
 * unknown (empty) and the source is the path.
 *
 * @param out   out: the new register, or unchanged on failure.
 * @param path  file name.
 * @return OPV_OK, or
 *   - OPV_EINVAL: a NULL argument;
 *   - OPV_EIO: the file cannot be opened or read, or is a directory;
 *   - OPV_EPARSE: empty file, no data rows, malformed CSV, a row with too many
 *     or too few fields, a missing required column, a population that is not a
 *     whole number, a malformed municipality or province code, an empty name,
 *     invalid UTF-8 or a NUL byte;
 *   - OPV_ERANGE: a negative population, one at or above 2^53, a national total
 *     that overflows, more than OPV_REGISTER_MAX_ROWS rows, a non-finite SES;
 *   - OPV_EDUPLICATE: a municipality code or column name that occurs twice;
 *   - OPV_EINVAL: one province code with two different province names;
 *   - OPV_ENOMEM.
 *   The message names the file, line, column and code concerned.
 */
OPV_EXTERN(int) opv_register_load_csv(opv_register **out, const char *path, opv_error *err);

/**
 * As opv_register_load_csv(), from `len` bytes in memory.  `source` names the
 * data in messages and becomes the register's source (NULL: "<memory>").
 */
OPV_EXTERN(int) opv_register_parse_csv(opv_register **out, const char *data, size_t len,
                                       const char *source, opv_error *err);

/** Releases a register.  NULL is ignored. */
OPV_EXTERN(void) opv_register_free(opv_register *reg);

/** Number of municipalities. */
OPV_EXTERN(size_t) opv_register_count(const opv_register *reg);

/** The i-th municipality in register order, or NULL when i is out of range. */
OPV_EXTERN(const opv_municipality *) opv_register_at(const opv_register *reg, size_t i);

/**
 * Finds a municipality by code ("GM0363"), in O(log n).
 *
 * @param index  out: its position in register order.
 * @return OPV_OK, OPV_EINVAL (NULL argument) or OPV_ENOTFOUND (names the code).
 */
OPV_EXTERN(int) opv_register_find(size_t *index, const opv_register *reg, const char *code,
                                  opv_error *err);

/** Total population over all municipalities. */
OPV_EXTERN(int64_t) opv_register_population(const opv_register *reg);

/** 1 when every municipality has an SES score, 0 otherwise. */
OPV_EXTERN(int) opv_register_has_ses(const opv_register *reg);

/** Reference date of the population as "YYYY-MM-DD", or "" when unknown. */
OPV_EXTERN(const char *) opv_register_reference_date(const opv_register *reg);

/** Where the data came from: a citation for the default, else the file name. */
OPV_EXTERN(const char *) opv_register_source(const opv_register *reg);

/** Number of provinces (in order of first appearance in the register). */
OPV_EXTERN(size_t) opv_register_province_count(const opv_register *reg);

/** The i-th province, or NULL when i is out of range. */
OPV_EXTERN(const opv_province *) opv_register_province_at(const opv_register *reg, size_t i);

/**
 * Position of the province of municipality `i` in the province list, or
 * (size_t)-1 when i is out of range.
 */
OPV_EXTERN(size_t) opv_register_province_of(const opv_register *reg, size_t i);

/**
 * Sums per-municipality values by province.
 *
 * @param out     out: opv_register_province_count(reg) sums, in province order.
 * @param values  opv_register_count(reg) values in register order.
 * @return OPV_OK, OPV_EINVAL (NULL argument) or OPV_ERANGE (a sum overflows).
 */
OPV_EXTERN(int) opv_register_sum_by_province(int64_t *out, const opv_register *reg,
                                             const int64_t *values, opv_error *err);

/**
 * Makes a copy of a register with SES scores taken from a `code,ses` table
 * (see opv_keyed_values_load_csv()).  Municipalities missing from the table
 * keep the score they had, if any.
 *
 * @param out  out: the new register (independent of both inputs).
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_ENOTFOUND (a code in the
 *   table that is not in the register; names the code, file and line) or
 *   OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_with_ses(opv_register **out, const opv_register *reg,
                                      const opv_keyed_values *ses, opv_error *err);

/**
 * Puts the whole-number values of a `code,value` table in register order,
 * e.g. balances or realised counts (load them with OPV_VALUES_INTEGER).
 *
 * @param out      out: opv_register_count(reg) values; municipalities the
 *                 table does not mention get `missing`.
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_ENOTFOUND (a code that is
 *   not in the register; names the file and line) or OPV_ERANGE (a value that
 *   is not a whole number of magnitude below 2^53).
 */
OPV_EXTERN(int) opv_register_align_int64(int64_t *out, const opv_register *reg,
                                         const opv_keyed_values *values, int64_t missing,
                                         opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
