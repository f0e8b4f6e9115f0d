/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/places.h
 * @brief Reception locations over time: the places of each municipality on a
 *        date, counted as the Spreidingswet counts them against its task, and
 *        the national capacity week by week.
 *
 * How the law counts (docs/counting.md gives each rule with its source)
 * ---------------------------------------------------------------------
 * 1. A location is open on day D when opens <= D < closes (the closing day
 *    no longer counts; an open-ended location never closes).
 * 2. Only durable places count toward the task: the Besluit gemeentelijke
 *    taak asielopvangvoorzieningen (Stb. 2024, 13) speaks of "duurzame
 *    opvangplaatsen", available for at least five years.  A location counts
 *    when its type is OPV_LOCATION_AZC or OPV_LOCATION_AMV and it is
 *    open-ended or agreed for at least `min_years` years (default 5: exactly
 *    five years counts, one day less does not).  Emergency, crisis, hotel and
 *    transit places never count.
 * 3. A counting location contributes min(capacity, agreed_capacity) places:
 *    what the municipality agreed to provide in the administrative agreement
 *    with COA.  Places above the agreement are an emergency measure (the
 *    minister's letter of 26 March 2026) and never count.
 * 4. Places of amv locations count toward the AMV part of the task, and, as
 *    part of the task, toward the whole.
 *
 * Every rule is an option of opv_compliance_options with the law's reading as
 * its default, and where practice may read the law otherwise the option is
 * the alternative: durability measured from the day looked at rather than
 * over the whole agreed period, and a minimum size for locations that existed
 * before the law came into force; the types that count and whether places
 * above the agreement count can be changed to see what a different reading
 * would give.  Places "of a special kind" (opvangplaatsen
 * van bijzondere aard, art. 2 of the Besluit) are not modelled: the locations
 * table has no such type, so they cannot be told apart.
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

/**
 * 1 when a location's places count toward the task on any day it is open,
 * under the default rules with `min_years` (see opv_location_assess()); 0
 * for NULL, min_years outside 0..1000 or a type that is no opv_location_type.
 */
OPV_EXTERN(int) opv_location_counts(const opv_location *location, int min_years);

/* ---- counting places as the law counts them --------------------------------- */

/** How durability is measured (rule 2 of the file comment). */
typedef enum opv_durability {
	/** The whole agreed period: open-ended, or closes >= opens + min_years.
	 *  The Besluit's reading, and the default. */
	OPV_DURABLE_AGREED_PERIOD = 0,
	/** What remains of it from the day looked at: open-ended, or
	 *  closes >= day + min_years.  Stricter: a location in its last years
	 *  stops counting. */
	OPV_DURABLE_REMAINING = 1
} opv_durability;

/** "agreed-period", "remaining", or NULL. */
OPV_EXTERN(const char *) opv_durability_name(opv_durability durability);

/** Looks a durability rule up by name; OPV_ENOTFOUND lists the names. */
OPV_EXTERN(int) opv_durability_from_name(opv_durability *durability, const char *name,
                                      opv_error *err);

#define OPV_COMPLIANCE_OPTIONS_VERSION 1

/** The day the Spreidingswet came into force (1 February 2024), as an opv_day. */
#define OPV_SPREIDINGSWET_IN_FORCE 19754

/** The counting rules; OPV_COMPLIANCE_OPTIONS_INIT gives the law's reading. */
typedef struct opv_compliance_options {
	unsigned int version;        /**< OPV_COMPLIANCE_OPTIONS_VERSION */
	int min_years;               /**< durable from this many years, 0..1000; default 5 */
	opv_durability durability;   /**< default OPV_DURABLE_AGREED_PERIOD */
	/** An existing location (opened before `existing_before`) counts only
	 *  with at least this many counted places; 0 (the default) switches the
	 *  rule off.  Provincial practice speaks of existing locations "above
	 *  100 places" counting toward a provincial plan: give 100 or 101. */
	int64_t existing_min_places;
	opv_day existing_before;     /**< default OPV_SPREIDINGSWET_IN_FORCE */
	/** The types whose durable places count, as bits 1 << opv_location_type;
	 *  default OPV_COUNTING_TYPES_LAW (azc and amv: "duurzame opvangplaatsen"
	 *  are regular reception, never emergency, crisis, hotel or transit). */
	unsigned int counting_types;
	/** 1: a counting location adds its capacity in use, places above the
	 *  agreement included; 0 (the default, the law's reading): at most the
	 *  agreed capacity. */
	int count_above_agreement;
} opv_compliance_options;

/** azc and amv: the types whose places the law counts. */
#define OPV_COUNTING_TYPES_LAW ((1u << OPV_LOCATION_AZC) | (1u << OPV_LOCATION_AMV))

#define OPV_COMPLIANCE_OPTIONS_INIT \
	{ OPV_COMPLIANCE_OPTIONS_VERSION, 5, OPV_DURABLE_AGREED_PERIOD, 0, OPV_SPREIDINGSWET_IN_FORCE, \
	  OPV_COUNTING_TYPES_LAW, 0 }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_compliance_options_init(opv_compliance_options *options, unsigned int version);

/** Why a location's places count or not on a day.  The values are stable. */
typedef enum opv_count_reason {
	OPV_COUNTS = 0,          /**< "counts" */
	OPV_NOT_OPEN = 1,        /**< "not-open": not yet open, or closed, on the day */
	OPV_NOT_REGULAR = 2,     /**< "not-regular": emergency, crisis, hotel or transit */
	OPV_NOT_DURABLE = 3,     /**< "not-durable": agreed for less than min_years */
	OPV_SMALL_EXISTING = 4   /**< "small-existing": existing, below existing_min_places */
} opv_count_reason;

/**
 * Reads a comma-separated list of location types ("azc,amv") as the bits of
 * opv_compliance_options.counting_types.
 * @return OPV_OK, OPV_EINVAL (NULL argument, an empty list) or OPV_ENOTFOUND
 *   (an unknown type; the message lists the types).
 */
OPV_EXTERN(int) opv_location_types_parse(unsigned int *types, const char *list, opv_error *err);

/** "counts", "not-open", ... or NULL. */
OPV_EXTERN(const char *) opv_count_reason_name(opv_count_reason reason);

/**
 * The one place where the counting rules live: whether a location's places
 * count toward its municipality's task on `day`, and how many.
 *
 * @param reason    out: why (OPV_COUNTS when they count).
 * @param counting  out: min(capacity, agreed_capacity) when they count, else 0.
 * @param options   NULL for the law's reading.
 * @return OPV_OK, or OPV_EINVAL (NULL location or output, a location of
 *   no opv_location_type, options of another
 *   version, min_years outside 0..1000, an unknown durability, a negative
 *   existing_min_places, counting_types with bits of no type).
 */
OPV_EXTERN(int) opv_location_assess(opv_count_reason *reason, int64_t *counting,
                                    const opv_location *location, opv_day day,
                                    const opv_compliance_options *options, opv_error *err);

/* ---- the task and where it comes from ----------------------------------------- */

/** Where a task comes from.  The values are stable. */
typedef enum opv_task_source {
	/** "tasks-file": a table of tasks, e.g. a decision (verdeelbesluit). */
	OPV_TASK_FILE = 0,
	/** "key-ses": the indicative key with SES-WOA scores, as the law weighs. */
	OPV_TASK_KEY_SES = 1,
	/** "key-population": the key by population alone: not the legal key. */
	OPV_TASK_KEY_POPULATION = 2
} opv_task_source;

/** "tasks-file", "key-ses", "key-population", or NULL. */
OPV_EXTERN(const char *) opv_task_source_name(opv_task_source source);

/** The Spreidingswet task of every municipality of a register: the whole
 *  task (AMV included) and its AMV part. */
typedef struct opv_tasks opv_tasks;

/**
 * Reads tasks from CSV: columns `code` and `task`, optionally `task_amv` (the
 * part of the task that must be AMV places; an empty cell is 0) and `name`
 * (checked against the register when given).  Municipalities the table does
 * not name have a task of 0.  In a register that maps mergers the tasks of a
 * municipality and of those merged into it add up.
 *
 * @param reg  the register the codes must belong to.
 * @return OPV_OK, or the loader errors (OPV_EIO, OPV_EPARSE, OPV_ERANGE), and
 *   for a row, naming the file, line and code: OPV_ENOTFOUND (unknown code,
 *   or the code of a merged municipality), OPV_EPARSE (a task that is not a
 *   whole number), OPV_ERANGE (a negative task, or one of 2^53 or more),
 *   OPV_EINVAL (task_amv above task; a name that is not the register's),
 *   OPV_EDUPLICATE (a code twice).
 */
OPV_EXTERN(int) opv_tasks_load_csv(opv_tasks **out, const opv_register *reg, const char *path,
                                   opv_error *err);

/** As opv_tasks_load_csv(), from `len` bytes in memory named `source`. */
OPV_EXTERN(int) opv_tasks_parse_csv(opv_tasks **out, const opv_register *reg, const char *data,
                                    size_t len, const char *source, opv_error *err);

/**
 * The tasks of the indicative key: `total` places, `amv` of them AMV, split
 * as opv_distribute() does with its defaults (Hamilton; AMV rounded per
 * municipality).  The law weighs SES-WOA: with scores (from `ses`, or the
 * register's own, see opv_register_with_ses()) the key is OPV_TASK_KEY_SES,
 * with the linear transform; without any it is OPV_TASK_KEY_POPULATION, which
 * is not the legal key.
 *
 * @param ses  nullable: one score per municipality in register order (NaN:
 *             none), overriding the register's, as for opv_distribute().
 * @return OPV_OK, or as opv_distribute() (OPV_EINVAL for a municipality
 *   without a score when scores are given: OPV_SES_AUTO).
 */
OPV_EXTERN(int) opv_tasks_from_key(opv_tasks **out, const opv_register *reg, const double *ses,
                                   int64_t total, int64_t amv, opv_error *err);

/**
 * Tasks from arrays in register order (`task_amv` nullable: 0).  `origin`
 * says in words where they come from (copied; NULL: "tasks given by the
 * caller").  Checked as a tasks file is, with the municipality's code in the
 * message.
 */
OPV_EXTERN(int) opv_tasks_new(opv_tasks **out, const opv_register *reg, const int64_t *task,
                              const int64_t *task_amv, opv_task_source source, const char *origin,
                              opv_error *err);

OPV_EXTERN(void) opv_tasks_free(opv_tasks *tasks);

/** Where the tasks come from. */
OPV_EXTERN(opv_task_source) opv_tasks_source(const opv_tasks *tasks);

/**
 * Where the tasks come from, in words: the file name, or for the key
 * "indicative key: 96000 places (8140 AMV) by population and SES-WOA,
 * population of 2024-01-01".
 */
OPV_EXTERN(const char *) opv_tasks_origin(const opv_tasks *tasks);

/**
 * Copies the tasks out, in register order.
 *
 * @param task      nullable out: n whole tasks.
 * @param task_amv  nullable out: n AMV parts.
 * @param n         must equal the register's count.
 */
OPV_EXTERN(int) opv_tasks_values(int64_t *task, int64_t *task_amv, size_t n,
                                 const opv_tasks *tasks, opv_error *err);

/* ---- who has met the task ---------------------------------------------------- */

/** The levels of a compliance table. */
typedef enum opv_level {
	OPV_LEVEL_MUNICIPALITY = 0,  /**< one row per municipality, in register order */
	OPV_LEVEL_PROVINCE = 1,      /**< one per province, in register order */
	OPV_LEVEL_NATION = 2         /**< one row */
} opv_level;

/** "municipality", "province", "nation", or NULL. */
OPV_EXTERN(const char *) opv_level_name(opv_level level);

/**
 * The columns of a compliance table.  At the province and nation levels each
 * is the sum over the municipalities, so the gap is the net gap: a surplus in
 * one municipality counts toward its province, as the regietafel's total does
 * before a verdeelbesluit.  The values are stable; new columns come at the end.
 */
typedef enum opv_compliance_column {
	OPV_COLUMN_TASK = 0,                    /**< "task": the whole task, AMV included */
	OPV_COLUMN_TASK_AMV = 1,                /**< "task_amv": the AMV part of it */
	OPV_COLUMN_PLACES_COUNTING = 2,         /**< "places_counting": places that count */
	OPV_COLUMN_PLACES_COUNTING_AMV = 3,     /**< "places_counting_amv": of which amv */
	OPV_COLUMN_PLACES_TOTAL = 4,            /**< "places_total": capacity of every open location */
	OPV_COLUMN_PLACES_ABOVE_AGREEMENT = 5,  /**< "places_above_agreement": sum of max(capacity - agreed, 0) */
	OPV_COLUMN_GAP = 6,                     /**< "gap": task - places_counting (< 0: surplus) */
	OPV_COLUMN_GAP_AMV = 7,                 /**< "gap_amv": task_amv - places_counting_amv */
	OPV_COLUMN_MET = 8,                     /**< "met": 1 when gap <= 0 and gap_amv <= 0, else 0 */
	OPV_COLUMN_MUNICIPALITIES = 9,          /**< "municipalities": how many (1 per municipality) */
	OPV_COLUMN_MUNICIPALITIES_SHORT = 10    /**< "municipalities_short": how many have met 0 */
} opv_compliance_column;

#define OPV_COMPLIANCE_COLUMN_COUNT 11

/** The column's name ("task", "gap_amv", ...), or NULL. */
OPV_EXTERN(const char *) opv_compliance_column_name(opv_compliance_column column);

/** 1 when the column needs a task (task, task_amv, gap, gap_amv, met, municipalities_short). */
OPV_EXTERN(int) opv_compliance_column_needs_task(opv_compliance_column column);

/** The places of every municipality, province and the nation on one day. */
typedef struct opv_compliance opv_compliance;

/**
 * Counts the places open on `day` as the law counts them
 * (opv_location_assess()) and sets them against the task.
 *
 * @param tasks    nullable: without it only the places columns are there.
 * @param options  NULL for the law's reading.
 * @return OPV_OK, OPV_EINVAL (NULL argument, options as for
 *   opv_location_assess(), locations made for a register of another size,
 *   tasks made for a register with other municipalities), OPV_ERANGE (a
 *   province's or the nation's sum of 2^53 or more; names the column and
 *   the province) or OPV_ENOMEM.
 */
OPV_EXTERN(int) opv_compliance_on(opv_compliance **out, const opv_register *reg,
                                  const opv_locations *locations, const opv_tasks *tasks,
                                  opv_day day, const opv_compliance_options *options,
                                  opv_error *err);

OPV_EXTERN(void) opv_compliance_free(opv_compliance *compliance);

/** The day counted. */
OPV_EXTERN(opv_day) opv_compliance_day(const opv_compliance *compliance);

/** 1 when the table has tasks. */
OPV_EXTERN(int) opv_compliance_has_task(const opv_compliance *compliance);

/** Rows at a level: municipalities, provinces, or 1 for the nation (0 for an unknown level). */
OPV_EXTERN(size_t) opv_compliance_rows(const opv_compliance *compliance, opv_level level);

/**
 * Copies one column of one level into `out`.
 *
 * @param n  must equal opv_compliance_rows(compliance, level).
 * @return OPV_OK, or OPV_EINVAL (NULL argument, unknown level or column, n
 *   not the number of rows, a column that needs a task in a table without).
 */
OPV_EXTERN(int) opv_compliance_get(int64_t *out, size_t n, const opv_compliance *compliance,
                                   opv_level level, opv_compliance_column column,
                                   opv_error *err);

/**
 * The rows of a level that have not met their task (met 0), largest gap
 * first, ties in row order (so a row short only of AMV places, with a gap of
 * 0 or less, comes after every row short overall).
 *
 * @param order  out: room for opv_compliance_rows(compliance, level) row numbers.
 * @param count  out: how many were written.
 * @return OPV_OK, or OPV_EINVAL (NULL argument, unknown level, no task).
 */
OPV_EXTERN(int) opv_compliance_shortfalls(size_t *order, size_t *count,
                                          const opv_compliance *compliance, opv_level level,
                                       opv_error *err);

#define OPV_PLACES_OPTIONS_VERSION 1

typedef struct opv_places_options {
	unsigned int version;  /**< OPV_PLACES_OPTIONS_VERSION */
	opv_day date;          /**< the day to look at */
	int min_years;         /**< shortest run that counts, default 5; 0 = every azc/amv */
} opv_places_options;

#define OPV_PLACES_OPTIONS_INIT { OPV_PLACES_OPTIONS_VERSION, 0, 5 }

/** Sets `options` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_places_options_init(opv_places_options *options, unsigned int version);

#define OPV_PLACES_COLUMNS_VERSION 1

/**
 * Places per municipality on a date; arrays of opv_register_count(reg)
 * elements, each optional.  With `task` given, `gap` = task - counting.
 * opv_compliance_on() gives the same with the AMV part, provinces and the
 * nation; both count by opv_location_assess().  Initialise with
 * OPV_PLACES_COLUMNS_INIT or opv_places_columns_init().
 */
typedef struct opv_places_columns {
	unsigned int version;      /**< OPV_PLACES_COLUMNS_VERSION */
	int64_t *total;            /**< capacity of every open location */
	int64_t *above_agreement;  /**< sum of max(0, capacity - agreed) over open locations */
	int64_t *counting;         /**< places that count toward the task (opv_location_assess()) */
	int64_t *gap;              /**< task - counting (needs task); met when <= 0 */
} opv_places_columns;

#define OPV_PLACES_COLUMNS_INIT { OPV_PLACES_COLUMNS_VERSION, NULL, NULL, NULL, NULL }

/** Sets every column to NULL for `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_places_columns_init(opv_places_columns *columns, unsigned int version);

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
 * @return OPV_OK, OPV_EINVAL (NULL argument, wrong ncolumns) or OPV_ERANGE
 *   (more than OPV_DATE_SERIES_MAX weeks, or past the last day).
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
