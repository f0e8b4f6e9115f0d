/* SPDX-License-Identifier: EUPL-1.2 */
/* What compliance.c reads of a tasks object.  Internal. */
#ifndef OPV_LIB_TASKS_INTERNAL_H
#define OPV_LIB_TASKS_INTERNAL_H

#include "opvang/places.h"

/* The number of municipalities of the register the tasks were made for. */
size_t opv__tasks_count(const opv_tasks *tasks);

/* opv__register_fingerprint() of that register. */
uint64_t opv__tasks_fingerprint(const opv_tasks *tasks);

/* The whole tasks and their AMV parts, in register order. */
const int64_t *opv__tasks_task(const opv_tasks *tasks);
const int64_t *opv__tasks_amv(const opv_tasks *tasks);

#endif
