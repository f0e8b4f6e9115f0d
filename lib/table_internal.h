/* SPDX-License-Identifier: EUPL-1.2 */
/* The table writer's record, shared by its model (table.c) and its forms
 * (table_write.c).  Internal. */
#ifndef OPV_LIB_TABLE_INTERNAL_H
#define OPV_LIB_TABLE_INTERNAL_H

#include <stdint.h>

#include "opvang/io.h"

struct opv_table_cell {
	int present;
	union {
		char *text;
		int64_t integer; /* integers and booleans (0 or 1) */
		double real;
	} value;
};

struct opv_table_column {
	char *name;
	opv_column_kind kind;
	int hidden;
};

enum opv_meta_kind { OPV_META_NULL, OPV_META_TEXT, OPV_META_INTEGER, OPV_META_REAL,
	             OPV_META_BOOLEAN, OPV_META_LIST };

struct opv_table_meta {
	char *key;
	enum opv_meta_kind kind;
	union {
		char *text;
		int64_t integer;
		double real;
		struct {
			char **texts;
			size_t count;
		} list;
	} value;
};

struct opv_table {
	struct opv_table_column *columns;
	size_t ncolumns;
	struct opv_table_cell *cells; /* row-major, rows * ncolumns */
	size_t rows;
	size_t capacity;              /* rows the cell array has room for */
	struct opv_table_meta *meta;  /* in the order first set */
	size_t nmeta;
	char **notes;
	size_t nnotes;
	int decimals;                 /* the text table's reals: -1 shortest, else at most this many */
};

static inline struct opv_table_cell *opv__table_cell(const struct opv_table *table, size_t row,
                                                     size_t column)
{
	return &table->cells[row * table->ncolumns + column];
}

#endif
