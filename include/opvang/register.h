/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/register.h
 * @brief The municipality register: code, name, province and population of
 *        every municipality, with an optional socio-economic status score.
 *
 * A register is immutable once made, so one register may be read by many
 * threads at once.  Three CBS registers of all 342 municipalities are
 * embedded, chosen by their population reference date: 1 January 2023 and
 * 2025 (StatLine 03759NED) and 1 January 2024 (StatLine 85984NED), the
 * default.  They need no file at run time.  Other registers load from CSV.
 *
 * Which date?  The housing task uses 1 January of the year before its
 * half-year (Huisvestingswet 2014 art. 29; opv_register_for_period()).  The
 * Spreidingswet does not publish the date of its key; 1 January 2024 stays the
 * default everywhere else so that no earlier result changes without a word,
 * and every result says which date it rests on.
 *
 * Mergers
 * -------
 * A code that no longer exists on a register's date because its municipality
 * merged (Brielle, Hellevoetsluis and Westvoorne into Voorne aan Zee on
 * 1 January 2023; Weesp into Amsterdam in 2022) is refused with a message that
 * names the merger, unless the register maps mergers
 * (opv_register_map_mergers()): then it stands for its successor.
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
 * 17,942,942 inhabitants): opv_register_embedded() with
 * OPV_REGISTER_DEFAULT_DATE.  Cheap: the names point into static storage.
 *
 * @param out  out: the new register, to be released with opv_register_free().
 * @return OPV_OK, OPV_EINVAL (out is NULL) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_default(opv_register **out, opv_error *err);

/** The reference date of the default register. */
#define OPV_REGISTER_DEFAULT_DATE "2024-01-01"

/**
 * Makes the embedded register of a population reference date.
 *
 * @param out             out: the new register.
 * @param reference_date  "YYYY-MM-DD", or NULL for OPV_REGISTER_DEFAULT_DATE.
 * @return OPV_OK, OPV_EINVAL (out is NULL), OPV_ENOTFOUND (no register of
 *   that date; the message lists the dates there are) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_embedded(opv_register **out, const char *reference_date,
                                      opv_error *err);

/**
 * The reference date of the i-th embedded register, oldest first
 * ("2023-01-01", "2024-01-01", "2025-01-01"), or NULL when i is past the end.
 */
OPV_EXTERN(const char *) opv_register_embedded_date(size_t i);

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
 * Finds a municipality by code ("GM0363"), in O(log n).  In a register that
 * maps mergers, the code of a merged municipality finds its successor.
 *
 * @param index  out: its position in register order.
 * @return OPV_OK, OPV_EINVAL (NULL argument) or OPV_ENOTFOUND (names the code,
 *   and the merger when the code is that of a merged municipality).
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
 *   table that is not in the register; names the code, file and line),
 *   OPV_EDUPLICATE (two codes that stand for one municipality after mapping
 *   mergers) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_with_ses(opv_register **out, const opv_register *reg,
                                      const opv_keyed_values *ses, opv_error *err);

/* ---- mergers -------------------------------------------------------------- */

/** A municipal merger: `from_code` became part of `to_code` on `date`. */
typedef struct opv_merger {
	const char *date;       /**< "2023-01-01" */
	const char *from_code;  /**< "GM0501" */
	const char *from_name;  /**< "Brielle" */
	const char *to_code;    /**< "GM1992" */
	const char *to_name;    /**< "Voorne aan Zee" */
} opv_merger;

/**
 * The mergers the library knows (CBS, Gemeentelijke indelingen 2022-2027, in
 * date order; one row per former municipality), or NULL when i is past the
 * end.  A planned merger is listed with its planned date.
 */
OPV_EXTERN(const opv_merger *) opv_merger_at(size_t i);

/**
 * The merger that took `code` away before this register's date: `code` is not
 * in the register, its successor is, and the merger took effect on or before
 * the register's reference date (any date, when the register has none).
 * NULL when there is none.
 */
OPV_EXTERN(const opv_merger *) opv_register_merger_of(const opv_register *reg, const char *code);

/**
 * Makes a copy of a register in which the code of a merged municipality
 * (opv_register_merger_of()) stands for its successor: opv_register_find()
 * returns the successor, places of a location in Brielle count in Voorne aan
 * Zee, and whole-number values of several former municipalities in a
 * `code,value` table add up (opv_register_align_int64()).  SES scores are not
 * added: two scores for one municipality are refused.
 *
 * @return OPV_OK, OPV_EINVAL (NULL argument) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_map_mergers(opv_register **out, const opv_register *reg,
                                         opv_error *err);

/**
 * The register as its municipalities stand in `year`, for the housing task of
 * a year in which a merger takes effect (Huisvestingswet 2014 art. 30): every
 * merger of opv_merger_at() that takes effect by 31 December of `year` and
 * whose former municipality is in the register is folded into its successor
 * (Wijdemeren into Hilversum in 2027).  A successor's population is the one
 * Gedeputeerde Staten set, given in codes / populations, or, for a successor
 * not given, the sum of the populations folded into it (counted in
 * *assumed).  When something folds, the copy maps the former codes to their
 * successor, so their balances add up; SES scores of a successor are dropped.
 * When nothing folds the copy equals the register.
 *
 * @param assumed  out, nullable: successors whose population is a sum.
 * @return OPV_OK, OPV_EINVAL (NULL argument, a year outside 1900..9999, a
 *   code that no municipality of the register merges into by then),
 *   OPV_ERANGE (a population outside 0..2^53), OPV_EDUPLICATE (a code given
 *   twice), OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_register_merged_in(opv_register **out, const opv_register *reg, int year,
                                       const char *const *codes, const int64_t *populations,
                                       size_t n, size_t *assumed, opv_error *err);

/** 1 when the register maps the codes of merged municipalities to their successor. */
OPV_EXTERN(int) opv_register_maps_mergers(const opv_register *reg);

/**
 * Puts the whole-number values of a `code,value` table in register order,
 * e.g. balances or realised counts (load them with OPV_VALUES_INTEGER).
 *
 * @param out      out: opv_register_count(reg) values; municipalities the
 *                 table does not mention get `missing`.  In a register that
 *                 maps mergers, the values of a municipality and of the
 *                 former municipalities it took in add up.
 * @return OPV_OK, OPV_EINVAL (NULL argument), OPV_ENOTFOUND (a code that is
 *   not in the register; names the file and line) or OPV_ERANGE (a value that
 *   is not a whole number of magnitude below 2^53, or a sum that is not).
 */
OPV_EXTERN(int) opv_register_align_int64(int64_t *out, const opv_register *reg,
                                         const opv_keyed_values *values, int64_t missing,
                                         opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
