/* SPDX-License-Identifier: EUPL-1.2 */
/* Code lookups for the loaders that read municipality codes.  Internal. */
#ifndef OPV_LIB_REGISTER_INTERNAL_H
#define OPV_LIB_REGISTER_INTERNAL_H

#include "opvang/register.h"

/*
 * opv_register_find() for a code read from `source` at `line` and `column`
 * (0 = unknown): the message is "source:line: " and the reason, which names
 * the merger when the code is that of a merged municipality.
 */
int opv__register_find_at(size_t *index, const opv_register *reg, const char *code,
                          const char *source, long line, long column, opv_error *err);

struct opv__csv_table;

/*
 * The name a row of a table gives beside its code must be the register's
 * name of that code (row `at` of the register), or, for the code of a
 * merged municipality, that municipality's own former name: a row whose code
 * and name disagree is OPV_EINVAL naming both.  An empty name is not checked.
 */
int opv__register_check_name(const opv_register *reg, size_t at, const struct opv__csv_table *t,
                             size_t row, size_t code_col, size_t name_col, opv_error *err);

/*
 * A fingerprint of the register's codes in their order (64-bit FNV-1a), so
 * that an object made for one register is not used with another of the
 * same size.
 */
uint64_t opv__register_fingerprint(const opv_register *reg);

#endif
