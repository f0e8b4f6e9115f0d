/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Structs that may grow (docs/ABI.md).  Internal.
 *
 * A public struct that may gain members carries its version as its first
 * member.  The library reads and writes only the members of the version the
 * caller gave: an older caller's struct is smaller, and a newer library must
 * not touch memory past it.  Each such struct keeps a table of its size at
 * every version, index 0 unused:
 *
 *     static const size_t summary_sizes[] = { 0, sizeof(opv_distribution_summary) };
 *
 * When version 2 appends a member, the entry for 1 becomes the offset of
 * that member and sizeof moves to the new entry.
 */
#ifndef OPV_LIB_VERSIONED_H
#define OPV_LIB_VERSIONED_H

#include <stddef.h>

#include "opvang/core.h"

/* The newest version a size table knows. */
#define OPV__NEWEST(sizes) ((unsigned int)(sizeof(sizes) / sizeof((sizes)[0]) - 1))

/*
 * OPV_OK when 1 <= version <= newest; else OPV_EINVAL with a message naming
 * `what` ("distribution options") and the versions this library knows.
 */
int opv__check_version(unsigned int version, unsigned int newest, const char *what,
                       opv_error *err);

/*
 * The body of every public _init(): copies the first sizes[version] bytes of
 * `defaults` (the struct's _INIT, whose version member is then set to
 * `version`).  OPV_EINVAL, writing nothing, for NULL or an unknown version.
 */
int opv__struct_init(void *out, const void *defaults, const size_t *sizes, unsigned int newest,
                     unsigned int version);

/* Copies the members of `version` (a checked one) from `from` to the caller's `to`. */
void opv__struct_copy(void *to, const void *from, const size_t *sizes, unsigned int version);

#endif
