/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The directory a report goes into.  The target must be absent, empty, or an
 * earlier report holding nothing but what a report writes; a symbolic link
 * is refused.  Pages go into a new directory beside it (with the
 * subdirectories provinces/ and municipalities/), which replaces the target
 * only when every page is written.  Internal.
 */
#ifndef OPV_LIB_REPORT_DIR_H
#define OPV_LIB_REPORT_DIR_H

#include <stddef.h>

#include "opvang/core.h"

struct opv__report_dir {
	char dir[4096];  /* the target, without trailing slashes */
	char tmp[4096];  /* where the pages go until they are published */
	int exists;      /* the target exists (empty, or an earlier report) */
};

/* Checks the target and makes the new directory beside it. */
int opv__report_dir_open(struct opv__report_dir *d, const char *dir, opv_error *err);

/* Writes `len` bytes as `sub`/`name` ("" for the top) in the new directory. */
int opv__report_dir_write(const struct opv__report_dir *d, const char *sub, const char *name,
                          const char *text, size_t len, opv_error *err);

/* Puts the new directory in the target's place; on failure removes it. */
int opv__report_dir_publish(struct opv__report_dir *d, opv_error *err);

/* Removes the new directory, for a report that failed. */
void opv__report_dir_abandon(struct opv__report_dir *d);

#endif
