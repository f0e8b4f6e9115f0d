/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/places.h
 * @brief Reception locations over time: the places of each municipality on a
 *        date, measured against its Spreidingswet task, and the national
 *        capacity week by week.
 *
 * A location counts on date D when opens <= D < closes (closing day excluded;
 * open-ended locations never close).  Only long-term places count toward the
 * Spreidingswet task: types OPV_LOCATION_AZC and OPV_LOCATION_AMV that are
 * open-ended or run at least `min_years` years (default 5; a location of
 * exactly five years counts, one day less does not).
 */
#ifndef OPVANG_PLACES_H
#define OPVANG_PLACES_H

#include "opvang/core.h"
#include "opvang/date.h"
#include "opvang/register.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of location.  The values are stable. */
typedef enum opv_location_type {
	OPV_LOCATION_AZC = 0,        /**< "azc": regular asylum seekers' centre */
	OPV_LOCATION_AMV = 1,        /**< "amv": unaccompanied minors */
	OPV_LOCATION_NOOD = 2,       /**< "nood": emergency reception */
	OPV_LOCATION_SPOEDNOOD = 3,  /**< "spoednood": rapid emergency reception */
	OPV_LOCATION_CRISIS = 4,     /**< "crisis": crisis emergency reception */
	OPV_LOCATION_HOTEL = 5,      /**< "hotel": hotels and ships */
	OPV_LOCATION_DOORSTROOM = 6  /**< "doorstroom": transit for status holders */
} opv_location_type;

#define OPV_LOCATION_TYPE_COUNT 7

/** "azc", "amv", "nood", ... or NULL. */
OPV_EXTERN(const char *) opv_location_type_name(opv_location_type type);

/** Looks a type up by its name; OPV_ENOTFOUND lists the names. */
OPV_EXTERN(int) opv_location_type_from_name(opv_location_type *type, const char *name,
                                            opv_error *err);

/** One location.  Strings are owned by the table. */
typedef struct opv_location {
	const char *id;
	const char *code;         /**< municipality code */
	const char *name;
	opv_location_type type;
	int64_t agreed_capacity;  /**< places in the administrative agreement */
	int64_t capacity;         /**< places in use; may exceed the agreement */
	opv_day opens;            /**< first day open */
	opv_day closes;           /**< first day closed; meaningful when !open_ended */
	int open_ended;           /**< 1: no closing date */
	size_t municipality;      /**< position in the register */
	long line;                /**< line in the input file */
} opv_location;

typedef struct opv_locations opv_locations;

/** Largest number of locations in one table. */
#define OPV_LOCATIONS_MAX_ROWS 1000000

/**
 * Loads a locations table: CSV `id,code,name,type,agreed_capacity,capacity,
 * opens,closes` (dates YYYY-MM-DD; closes empty = open-ended).
 *
 * @param reg  the register the municipality codes must belong to.
 * @return OPV_OK, or the loader errors (OPV_EIO, OPV_EPARSE, OPV_ERANGE), and
 *   for a row: OPV_ENOTFOUND (unknown municipality code or type), OPV_EPARSE
 *   (a date that does not exist, a capacity that is not a whole number),
 *   OPV_ERANGE (a negative capacity), OPV_EINVAL (closes on or before opens),
 *   OPV_EDUPLICATE (an id twice).  Each names the file, line and column.
 */
OPV_EXTERN(int) opv_locations_load_csv(opv_locations **out, const opv_register *reg,
                                       const char *path, opv_error *err);

/** As opv_locations_load_csv(), from `len` bytes in memory named `source`. */
OPV_EXTERN(int) opv_locations_parse_csv(opv_locations **out, const opv_register *reg,
                                        const char *data, size_t len, const char *source,
                                        opv_error *err);

OPV_EXTERN(void) opv_locations_free(opv_locations *locations);
OPV_EXTERN(size_t) opv_locations_count(const opv_locations *locations);
/** The i-th location in file order, or NULL. */
OPV_EXTERN(const opv_location *) opv_locations_at(const opv_locations *locations, size_t i);

/** 1 when a location is open on `day`: opens <= day < closes. */
OPV_EXTERN(int) opv_location_is_open(const opv_location *location, opv_day day);

/** 1 when a location's places count toward the task (see the file comment). */
OPV_EXTERN(int) opv_location_counts(const opv_location *location, int min_years);

#define OPV_PLACES_OPTIONS_VERSION 1

typedef struct opv_places_options {
	unsigned int version;  /**< OPV_PLACES_OPTIONS_VERSION */
	opv_day date;          /**< the day to look at */
	int min_years;         /**< shortest run that counts, default 5; 0 = every azc/amv */
} opv_places_options;

#define OPV_PLACES_OPTIONS_INIT { OPV_PLACES_OPTIONS_VERSION, 0, 5 }

/**
 * Places per municipality on a date; arrays of opv_register_count(reg)
 * elements, each optional.  With `task` given, `gap` = task - counting.
 */
typedef struct opv_places_columns {
	int64_t *total;            /**< capacity of every open location */
	int64_t *above_agreement;  /**< sum of max(0, capacity - agreed) over open locations */
	int64_t *counting;         /**< capacity of open locations that count toward the task */
	int64_t *gap;              /**< task - counting (needs task); met when <= 0 */
} opv_places_columns;

/**
 * Sums the locations open on options->date per municipality.
 *
 * @param task  nullable: the Spreidingswet task per municipality, in
 *              register order (from opv_distribute() or a `code,task` table).
 * @return OPV_OK, OPV_EINVAL (NULL argument, gap without task, negative
 *         min_years, another options version, locations loaded for another
 *         register size), OPV_ERANGE (a sum overflows) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_places_on(const opv_places_columns *out, const opv_register *reg,
                              const opv_locations *locations, const int64_t *task,
                              const opv_places_options *options, opv_error *err);

/**
 * The municipalities that have not met their task, largest gap first (ties in
 * register order).
 *
 * @param order  out: at most n positions in the register.
 * @param count  out: how many were written.
 * @param gap    n gaps from opv_places_on().
 */
OPV_EXTERN(int) opv_places_shortfalls(size_t *order, size_t *count, const int64_t *gap, size_t n,
                                      opv_error *err);

/* ---- capacity over time ------------------------------------------------ */

/** How a capacity timeline is broken down. */
typedef enum opv_capacity_breakdown {
	OPV_BY_TYPE = 0,     /**< OPV_LOCATION_TYPE_COUNT columns, in type order */
	OPV_BY_PROVINCE = 1  /**< opv_register_province_count() columns, in province order */
} opv_capacity_breakdown;

/**
 * Capacity on the first day of each week: week k starts on start + 7k, for
 * k = 0 .. nweeks-1.
 *
 * @param capacity  out: nweeks * ncolumns values, row-major (week by week).
 * @param ncolumns  must equal the breakdown's column count.
 * @return OPV_OK, OPV_EINVAL (NULL argument, wrong ncolumns) or OPV_ERANGE.
 */
OPV_EXTERN(int) opv_capacity_timeline(int64_t *capacity, size_t nweeks, size_t ncolumns,
                                      const opv_register *reg, const opv_locations *locations,
                                      opv_day start, opv_capacity_breakdown breakdown,
                                      opv_error *err);

/** A location opening or closing. */
typedef struct opv_capacity_change {
	opv_day date;
	size_t location;  /**< position in the table */
	int64_t delta;    /**< +capacity on opening, -capacity on closing */
} opv_capacity_change;

/**
 * The openings and closings with from <= date <= to, in date order (then
 * table order).
 *
 * @param changes  out: room for `capacity` changes; NULL with capacity 0 to
 *                 count them only.
 * @param count    out: the number of changes (even when more than capacity:
 *                 then only the first `capacity` are written).
 */
OPV_EXTERN(int) opv_capacity_changes(opv_capacity_change *changes, size_t capacity, size_t *count,
                                     const opv_locations *locations, opv_day from, opv_day to,
                                     opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
